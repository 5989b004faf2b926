"""Analytics and Search Console exports (GA4, Matomo, Plausible, Search Console) into traffic.duckdb.

    results = import_exports([Path("Queries.csv"), Path("ga4.csv")], client.traffic_db)
    summary = exports_summary(client.traffic_db)   # {"search_console": ..., "analytics": ...}
"""

from crawler.traffic.exports.importer import ImportResult, import_exports
from crawler.traffic.exports.summary import exports_summary

__all__ = ["ImportResult", "exports_summary", "import_exports"]

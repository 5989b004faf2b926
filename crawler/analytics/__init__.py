"""Analytics and Search Console exports (GA4, Matomo, Plausible, Search Console) into traffic.duckdb.

    results = import_exports([Path("Queries.csv"), Path("ga4.csv")], client.traffic_db)
    summary = exports_summary(client.traffic_db)   # {"search_console": ..., "analytics": ...}

Read (kind decided from the headers, English or French; CSV, TSV, ZIP or XLSX):
- GA4 report downloads: traffic acquisition (channel group, source / medium...), landing page, pages and
  screens, and explorations; '#' comment blocks give the property and the period.
- Matomo: Referrers and Pages exports (raw metric ids or translated names, UTF-16 as Matomo writes them).
- Plausible: the "Export data" ZIP (imported_*.csv) and the dashboard's "Export to CSV" ZIP.
- Search Console: the Performance export ZIP (Queries, Pages, Countries, Devices, Search appearance, Dates,
  Filters) or any of its CSVs, or its Excel download.

Tables (all rows carry ``import_id``, ``line`` and ``dimension``): ga4_traffic, ga4_landing_pages, ga4_pages,
matomo_referrers, matomo_pages, plausible_visitors, plausible_sources, plausible_pages, plausible_entry_pages,
plausible_dashboard_visitors, plausible_breakdowns, gsc_performance; lineage in analytics_imports.
Rates are fractions (0.034 for 3.4 %), durations seconds, dates DATE.
"""

from crawler.analytics.importer import ImportResult, import_exports
from crawler.analytics.summary import exports_summary

__all__ = ["ImportResult", "exports_summary", "import_exports"]

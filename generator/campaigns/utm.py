"""Platform clicks next to the sessions the site saw per utm_campaign (from the traffic store).

The traffic area provides ``utm_sessions(utm_campaign, utm_source, utm_medium, visits[, date])`` in
data/clients/<slug>/traffic.duckdb. When it is missing the comparison is skipped with a reason, never an error.
A campaign's utm_campaign is the one declared in client.yml (campaigns.utm_campaigns), else its name in
snake_case without accents ("Brand FR" -> brand_fr).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import duckdb


def utm_slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


def utm_vs_clicks(
    traffic_db: Path | None,
    campaigns: list[dict[str, Any]],
    start: date | None,
    end: date | None,
    utm_names: dict[str, str],
) -> dict[str, Any]:
    if traffic_db is None:
        return {"available": False, "reason": "no traffic store given", "rows": []}
    if not Path(traffic_db).is_file():
        return {"available": False, "reason": f"{traffic_db}: no traffic store yet", "rows": []}
    try:
        con = duckdb.connect(str(traffic_db), read_only=True)
    except duckdb.Error as exc:
        return {"available": False, "reason": f"{traffic_db}: cannot open ({exc})", "rows": []}
    try:
        cols = {
            r[0]
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'utm_sessions'"
            ).fetchall()
        }
        if not {"utm_campaign", "visits"} <= cols:
            return {"available": False, "reason": f"{traffic_db}: no utm_sessions table", "rows": []}
        where, params = "", []
        if "date" in cols and start and end:
            where, params = "WHERE CAST(date AS DATE) BETWEEN ? AND ?", [start, end]
        got = con.execute(
            f"SELECT lower(utm_campaign), sum(visits) FROM utm_sessions {where} GROUP BY 1", params
        ).fetchall()
    except duckdb.Error as exc:
        return {"available": False, "reason": f"{traffic_db}: cannot read utm_sessions ({exc})", "rows": []}
    finally:
        con.close()
    sessions = {k: int(v or 0) for k, v in got if k}
    rows = []
    seen: set[str] = set()
    for c in campaigns:
        utm = (utm_names.get(c["campaign"]) or utm_slug(c["campaign"])).lower()
        seen.add(utm)
        s, clicks = sessions.get(utm), c.get("clicks")
        rows.append({
            "platform": c["platform"], "campaign": c["campaign"], "utm_campaign": utm, "clicks": clicks,
            "sessions": s, "difference": (s - clicks) if s is not None and clicks is not None else None,
            "ratio": (s / clicks) if s is not None and clicks else None,
        })  # fmt: skip
    for utm, s in sorted(sessions.items()):
        if utm not in seen:
            rows.append({"platform": None, "campaign": None, "utm_campaign": utm, "clicks": None, "sessions": s,
                         "difference": None, "ratio": None})  # fmt: skip
    return {"available": True, "reason": None, "rows": rows}

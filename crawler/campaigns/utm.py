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
        cols: dict[str, set[str]] = {}
        for table, column in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_name IN ('utm_sessions', 'utm_sessions_daily')"
        ).fetchall():
            cols.setdefault(table, set()).add(column)
        # Prefer a per-day source, so sessions cover the same days as the platforms' clicks.
        source, where, params, period = None, "", [], None
        for table, day_col in (("utm_sessions_daily", "day"), ("utm_sessions", "date"), ("utm_sessions", "day")):
            have = cols.get(table, set())
            if {"utm_campaign", "visits", day_col} <= have and start and end:
                source, where = table, f"WHERE CAST({day_col} AS DATE) BETWEEN ? AND ?"
                params, period = [start, end], {"start": start.isoformat(), "end": end.isoformat()}
                break
        if source is None and {"utm_campaign", "visits"} <= cols.get("utm_sessions", set()):
            source = "utm_sessions"  # all days the traffic store holds
        if source is None:
            return {"available": False, "reason": f"{traffic_db}: no utm_sessions table", "rows": []}
        got = con.execute(
            f"SELECT lower(utm_campaign), sum(visits) FROM {source} {where} GROUP BY 1", params
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
    return {"available": True, "reason": None, "period": period, "rows": rows}

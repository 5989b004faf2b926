"""The crawl overview's distributions: indexability, response time and page weight, as tables with shares
(a chart would often be one tall bar: most pages are indexable and fast)."""

from __future__ import annotations

from typing import Any

from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Column, Table

INDEXABILITY = ("indexable", "noindex", "canonicalised", "blocked", "redirected", "error")


def _range(lo: int | None, hi: int | None, fmt: Formatter, unit: str, scale: float = 1.0) -> str:
    def n(v: int) -> str:
        return f"{fmt.number(v / scale, 0)}\u00a0{unit}"

    if lo is None:
        return f"< {n(hi)}"
    if hi is None:
        return f"≥ {n(lo)}"
    return f"{n(lo)} – {n(hi)}"


def distribution_tables(stats: dict[str, Any], fmt: Formatter, L: Labels) -> list[Table]:
    out = []
    index = stats.get("indexability")
    if index:
        total = sum(index.values())
        out.append(Table([Column(L.indexability), Column(L.pages_crawled, "right"), Column(L.share, "right")],
                         [[L(f"idx_{k}"), fmt.integer(index.get(k, 0)), fmt.percent(index.get(k, 0) / total)]
                          for k in INDEXABILITY if total], caption=L.indexability))
    kb = "Ko" if L.language == "fr" else "KB"
    for key, caption, unit, scale in (("response_buckets", L.response_time_dist, "ms", 1.0),
                                      ("size_buckets", L.page_weight_dist, kb, 1000.0)):
        rows = stats.get(key) or []
        total = sum(n for _, _, n in rows)
        if total:
            out.append(Table([Column(caption), Column(L.pages_crawled, "right"), Column(L.share, "right")],
                             [[_range(lo, hi, fmt, unit, scale), fmt.integer(n), fmt.percent(n / total)]
                              for lo, hi, n in rows], caption=caption))
    return out

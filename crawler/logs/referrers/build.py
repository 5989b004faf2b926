"""Derive the compact `referrers.json` from the vendored Matomo YAMLs and GA4 CSV.

Loading 50 KB of YAML with PyYAML at every start costs more than reading a flat JSON table, so the
lookup tables are derived once here; a test checks the JSON is in sync with its sources.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
JSON_PATH = HERE / "referrers.json"


def _host_table(entries: dict) -> dict[str, str]:
    """Matomo lists: ``{name: [pattern, ...]}`` or ``{name: [{urls: [...]}, ...]}`` -> ``{pattern: name}``."""
    table: dict[str, str] = {}
    for name, items in entries.items():
        for item in items or []:
            urls = item.get("urls", []) if isinstance(item, dict) else [item]
            for url in urls:
                key = str(url).strip().lower()
                if key.startswith("www."):
                    key = key[4:]
                table.setdefault(key, str(name))
    return dict(sorted(table.items()))


def build() -> dict:
    def load(name: str) -> dict:
        return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))

    categories: dict[str, str] = {}
    with (HERE / "ga4_source_categories.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            categories[row["source"].strip().lower()] = row["source_category"].removeprefix("SOURCE_CATEGORY_")
    return {
        "_source": "derived from the files listed in SOURCE.md; regenerate with python -m crawler.logs.referrers.build",
        "search_engines": _host_table(load("matomo-SearchEngines.yml")),
        "socials": _host_table(load("matomo-Socials.yml")),
        "ai_assistants": _host_table(load("matomo-AIAssistants.yml")),
        "ga4_categories": dict(sorted(categories.items())),
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main() -> None:
    tmp = JSON_PATH.with_suffix(".json.tmp")
    tmp.write_text(render(), encoding="utf-8")
    tmp.replace(JSON_PATH)
    print(f"wrote {JSON_PATH}")


if __name__ == "__main__":
    main()

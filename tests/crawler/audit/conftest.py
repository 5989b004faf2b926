"""The seeded-defect fixture site, served on 127.0.0.1 and crawled once per session with the real crawler."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# pyproject's pythonpath puts tests/ first, so `crawler.audit` would resolve to this test folder (a namespace
# package) instead of the real crawler/audit/. Put the repository first and drop any such shadow modules.
_REPO = str(Path(__file__).resolve().parents[3])
if sys.path[:1] != [_REPO]:
    sys.path.insert(0, _REPO)
for _name in [m for m in sys.modules if m == "crawler" or m.startswith("crawler.")]:
    if getattr(sys.modules[_name], "__file__", None) is None:
        del sys.modules[_name]

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "seo_site"


@dataclass
class Crawled:
    base: str
    db: Path
    out: Path
    result: object

    def issues(self, check: str | None = None) -> set[tuple[str, str]]:
        """(check, path) pairs, URLs made relative to the server."""
        return {(i.check, self.path(i.url)) for i in self.result.issues if check in (None, i.check)}

    def path(self, url: str) -> str:
        return url[len(self.base):] if url.startswith(self.base) else url


def crawl_site(root: Path, dest: Path, extra_routes: dict | None = None, **settings):
    from site_server import serve_site

    from crawler.audit.runner import run_audit
    from crawler.site.engine import crawl
    from crawler.site.settings import CrawlSettings

    dest.mkdir(parents=True, exist_ok=True)
    with serve_site(root, extra_routes) as base:
        crawl(base + "/", dest / "crawl.sqlite", CrawlSettings(retries=0, concurrency=4, **settings), progress=False)
    result = run_audit(dest / "crawl.sqlite", dest)
    return Crawled(str(base), dest / "crawl.sqlite", dest, result)


@pytest.fixture(scope="session")
def seo_site(tmp_path_factory) -> Crawled:
    return crawl_site(FIXTURE, tmp_path_factory.mktemp("seo_site"))

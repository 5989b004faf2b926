"""Check metadata in force and checks judged from hand-built facts (no crawl database)."""

from synth import Site, u


def test_issue_title_says_the_threshold_set_in_client_yml(tmp_path):
    """client.yml `title_too_long: {thresholds: {max_length: 65}}` -> "over 65 characters", in issues.json too."""
    import json

    from crawler.audit.runner import run_audit
    from crawler.audit.settings import AuditSettings

    s = Site()
    s.facts[u("/a/")]["titles"] = ["x" * 70]
    db = s.write(tmp_path / "crawl.sqlite")
    settings = AuditSettings.model_validate({"checks": {"title_too_long": {"thresholds": {"max_length": 65}}}})
    result = run_audit(db, tmp_path / "out", settings, language="fr")
    (issue,) = [i for i in result.issues if i.check == "title_too_long"]
    assert issue.title == "Titre trop long (plus de 65 caractères)"
    saved = json.loads((tmp_path / "out" / "issues.json").read_text(encoding="utf-8"))
    assert saved["checks"]["title_too_long"]["title"] == "Titre trop long (plus de 65 caractères)"
    assert saved["checks"]["title_too_long"]["thresholds"] == {"max_length": 65}


def test_a_check_is_tested_from_hand_built_facts_alone():
    """The shape of a check test with no crawl database, as Lighthouse's audit tests build artifacts."""
    from crawler.audit.context import AuditContext
    from crawler.audit.model import UrlRow
    from crawler.audit.registry import get
    from crawler.site.facts import PageFacts

    def row(n: int, url: str) -> UrlRow:
        return UrlRow(id=n, url=url, kind="page", state="done", depth=0, found_via="start", in_sitemap=False,
                      robots_blocked=False, status=200, content_type="text/html", size=1000, response_ms=50.0,
                      redirect_hops=0, redirect_chain=[], redirect_loop=False, final_url=None, final_status=None,
                      headers={}, truncated=False, error=None, skip_reason=None)

    ok, bad = "https://shop.example/", "https://shop.example/long/"
    ctx = AuditContext.from_facts(ok, [row(1, ok), row(2, bad)],
                                  [PageFacts(url=ok, titles=["A fine title for the home page"]),
                                   PageFacts(url=bad, titles=["x" * 70])])
    check = get("title_too_long")
    assert {f.url for f in check.run(ctx, check.thresholds)} == {bad}
    assert {f.url for f in check.run(ctx, {"max_length": 80})} == set()

"""SEO audit: a registry of checks over a stored crawl (``crawler/site/schema.sql``), like Lighthouse's audits.

Python API::

    from crawler.audit.registry import all_checks, get        # list[Check], Check by id
    from crawler.audit.runner import run_audit                  # -> AuditResult
    run_audit(db_path, out_dir, settings=None, *, previous_db=None, traffic_db=None, language="en")

Command line: ``traffic audit URL --out DIR`` (crawl then check), ``traffic audit --db crawl.sqlite --out DIR``
(check a saved crawl), ``--previous crawl.sqlite``, ``--fail-on error|warning``, ``--new-only``, ``--lang fr|en``,
``--traffic-db traffic.duckdb``; ``traffic checks [--lang fr|en] [-v]`` lists the registry.

Each check (one module per family: responses, indexability, canonicals, titles, headings, content, images,
links, hreflang, sitemaps, structured, security, performance, urls, ai_crawlers) carries its id, FR/EN title,
default severity, category, scope (page | site), why it matters and how to fix it (FR/EN), the facts it reads
and its thresholds, documented in its fix text. ``client.yml``::

    audit:
      exclude: ['^https://www\\.example\\.com/staging/']     # URLs no check reports on
      checks:
        title_too_long: {thresholds: {max_length: 65}}
        url_underscore: {enabled: false}
        noindex: {severity: notice, exclude: ['/panier/']}   # accepted as they are

Page checks judge crawled HTML pages that answered 2xx, streamed one at a time from the crawl DB. Site checks
(duplicates, orphans, hreflang return links, sitemaps) need the whole site: when the crawl was cut short
(max_pages, max_depth, interrupted) each is reported once, on the start URL, as ``inconclusive``.

Outputs in ``out_dir``: issues.json (Foundation contract + category, title, new, inconclusive, visits,
googlebot_hits per issue; health_score, counts, fixed, action_plan, checks texts, robots note), issues.csv,
issues.xlsx (summary sheet + one sheet per check) and pages.csv (one row per URL). The crawl DB gets the
tables audit_issues, audit_counts and audit_summary, so later crawls compare against it (new / persisting /
fixed, matched on check + URL relative to the start origin). The health score formula is in ``audit.py``.
"""

"""`traffic crawl` options and handler (through generator.commands.crawl.main, as `traffic` calls it)."""

import argparse
import sqlite3

import pytest
from servers import Response, serve_app

from crawler.common.errors import InputError
from crawler.site.settings import CrawlSettings
from generator.commands import main
from generator.commands.options import add_crawl_arguments, read_url_list, settings_from_args


def parse(*argv):
    p = argparse.ArgumentParser()
    add_crawl_arguments(p)
    return p.parse_args(list(argv))


def test_settings_from_args_over_a_base():
    base = CrawlSettings(max_pages=50, exclude=["/a/"], delay=1.5)
    s = settings_from_args(parse("--concurrency", "4", "--exclude", "/b/", "--header", "X-Env: staging",
                                 "--auth", "bob:s3:cret", "--drop-param", "utm_source", "--ignore-robots",
                                 "--no-external", "--max-body-mb", "1"), base)
    assert s.concurrency == 4 and s.max_pages == 50 and s.delay == 1.5
    assert s.exclude == ["/a/", "/b/"] and s.headers == {"X-Env": "staging"}
    assert s.auth == ("bob", "s3:cret") and s.drop_params == ["utm_source"]
    assert s.ignore_robots and not s.check_external and s.max_body_bytes == 1024 * 1024
    assert settings_from_args(parse()).model_dump() == CrawlSettings().model_dump()


@pytest.mark.parametrize(("argv", "msg"), [
    (["--include", "(unclosed"], "regular expression"),
    (["--header", "no colon"], "Name: value"),
    (["--auth", "nopassword"], "USER:PASSWORD"),
    (["--concurrency", "0"], "invalid crawl option"),
])
def test_bad_options_are_input_errors(argv, msg):
    with pytest.raises(InputError, match=msg):
        settings_from_args(parse(*argv))


def test_read_url_list_names_file_and_line(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("# audit these\nhttp://a.fr/x\n\nnot a url\n")
    with pytest.raises(InputError, match=r"urls.txt:4"):
        read_url_list(f)
    f.write_text("http://a.fr/x\n  https://a.fr/y  \n")
    assert read_url_list(f) == ["http://a.fr/x", "https://a.fr/y"]
    with pytest.raises(InputError, match="cannot read"):
        read_url_list(tmp_path / "missing.txt")


def test_crawl_command_end_to_end(tmp_path, capsys):
    with serve_app(lambda r: Response(200, '<title>t</title><a href="/b">b</a>') if r.route in ("/", "/b")
                   else None) as base:
        db = tmp_path / "c.sqlite"
        assert main(["crawl", base + "/", "--db", str(db), "--quiet", "--parse-workers", "0"]) == 0
    assert "finished: 2 pages" in capsys.readouterr().err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM pages").fetchone()[0] == 2


def test_crawl_command_bad_url_exit_2(tmp_path, capsys):
    assert main(["crawl", "notaurl", "--db", str(tmp_path / "c.sqlite"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("traffic: error: invalid start URL") and err.count("\n") == 1


def test_basic_auth_only_sent_to_the_crawled_site(tmp_path):
    seen = {}

    def app(req):
        seen.setdefault(req.headers.get("host", "").split(":")[0], []).append(req.headers.get("authorization"))
        if req.route == "/":
            port = req.headers["host"].split(":")[1]
            return Response(200, f'<title>t</title><a href="http://localhost:{port}/ext">e</a>')
        return Response(200, "<title>x</title>")

    with serve_app(app) as base:
        assert main(["crawl", base + "/", "--db", str(tmp_path / "c.sqlite"), "--quiet", "--parse-workers", "0",
                     "--auth", "user:pw"]) == 0
    assert all(a and a.startswith("Basic ") for a in seen["127.0.0.1"])
    assert seen["localhost"] and not any(seen["localhost"])


def test_header_values_are_sent_but_never_stored(tmp_path):
    """Regression: a --header secret was stored in clear in crawl.sqlite (crawl_meta.settings, mode 0644)."""
    seen = []

    def app(req):
        seen.append(req.headers.get("x-token"))
        return Response(200, "<title>t</title>")

    db = tmp_path / "c.sqlite"
    with serve_app(app) as base:
        assert main(["crawl", base + "/", "--db", str(db), "--quiet", "--parse-workers", "0",
                     "--header", "X-Token: s3cr3t-value-42"]) == 0
    assert "s3cr3t-value-42" in seen
    con = sqlite3.connect(db)
    meta = dict(con.execute("SELECT key, value FROM crawl_meta"))
    dump = "\n".join(con.iterdump())
    con.close()
    assert "s3cr3t-value-42" not in dump
    assert meta["header_names"] == '["X-Token"]'

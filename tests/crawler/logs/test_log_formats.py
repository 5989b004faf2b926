"""Every supported format, read from the real samples in tests/fixtures/logs (see SOURCE.md there)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from crawler.common.errors import InputError
from crawler.logs import formats, re2
from crawler.logs.api import ingest_logs

LOGS = Path(__file__).parents[2] / "fixtures" / "logs"


def _hits(db: Path) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    cur = con.execute("SELECT ts, host, method, path, protocol, status, bytes, referrer, a.ua, response_ms "
                      "FROM hits JOIN agents a USING (ua_id) ORDER BY file_id, line_no")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    con.close()
    return rows


# file, detected format, hits, rejected, first hit's expected fields
CASES = [
    ("common.log", "common", 1, 0, {"ts": datetime(2012, 2, 10, 16, 42, 7), "path": "/", "status": 301, "bytes": 368}),
    ("ncsa_extended.log", "combined", 1, 0, {"status": 301, "ua": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/535.11 "
                                              "(KHTML, like Gecko) Chrome/17.0.963.56 Safari/535.11"}),
    ("common_vhost.log", "vhost_common", 1, 0, {"host": "www.example.com", "status": 301}),
    ("common_complete.log", "vhost_combined", 1, 0, {"host": "www.example.com", "protocol": "HTTP/1.0"}),
    ("iis.log", "w3c", 1, 0, {"ts": datetime(2012, 4, 1, 0, 0, 13), "path": "/foo/bar?topCat1=divinity&submit=Search",
                               "host": "example.com", "status": 200, "bytes": 27028, "response_ms": 1687.0,
                               "ua": "Mozilla/5.0 (X11; U; Linux i686; en-US; rv:1.9.2.7) Gecko/20100722 Firefox/3.6.7"}),
    ("iis_custom.log", "w3c", 3, 0, {"path": "/Products/theProduct", "host": "xzy.example.com", "response_ms": 109.0,
                                      "referrer": "http://example.com/Search/SearchResults.pg?informationRecipient"
                                                  ".languageCode.c=en"}),
    ("netscaler.log", "w3c", 1, 0, {"status": 302, "bytes": 355, "method": "GET"}),
    ("amazon_cloudfront_web.log", "w3c", 1, 0, {
        "ts": datetime(2014, 5, 23, 1, 13, 11), "path": "/view/my/file.html", "host": "d111111abcdef8.cloudfront.net",
        "response_ms": 1.0, "referrer": "https://example.com/",
        "ua": "Mozilla/5.0 (Windows; U; Windows NT 6.1; de-DE) AppleWebKit/534.17 (KHTML, like Gecko) "
              "Chrome/10.0.649.0 Safari/534.17"}),
    ("elb.log", "elb", 1, 2, {"ts": datetime(2015, 5, 13, 23, 39, 43), "host": "www.example.com",
                              "path": "/path/index.html", "status": 200, "bytes": 57}),
    ("alb.log", "alb", 1, 0, {"ts": datetime(2020, 1, 1, 0, 55, 4), "path": "/path/index.html", "bytes": 24950,
                              "response_ms": pytest.approx(103.0)}),
    ("s3.log", "s3", 1, 0, {"host": "www.example.com", "path": "/index", "status": 200, "bytes": 368}),
    ("haproxy.log", "haproxy", 1, 0, {"ts": datetime(2018, 9, 25, 6, 5, 27), "method": "POST", "path": "/user/",
                                      "status": 200, "bytes": 7456, "response_ms": 72.0}),
    ("caddy_json.log", "caddy", 3, 0, {"ts": datetime(2023, 12, 23, 23, 17, 54, 815561), "host": "example.com",
                                       "path": "/beta/", "status": 200, "bytes": 3609, "protocol": "HTTP/2.0"}),
    ("nginx_json.log", "nginx_json", 2, 0, {"ts": datetime(2013, 10, 10, 16, 52), "host": "www.piwik.org",
                                            "status": 200, "bytes": 192, "referrer": "http://clearcode.cc/"}),
    ("traefik_json.log", "traefik_json", 1, 0, {"ts": datetime(2023, 8, 11, 11, 39, 21), "method": "GET",
                                                "path": "/my/app/auth?id=1234&user=dude", "status": 200,
                                                "ua": "Prometheus/2.40.5"}),
]


@pytest.mark.parametrize(("name", "fmt", "hits", "rejected", "expected"), CASES, ids=[c[0] for c in CASES])
def test_format_detected_and_parsed(tmp_path: Path, name, fmt, hits, rejected, expected) -> None:
    res = ingest_logs([LOGS / name], tmp_path / "t.duckdb")
    assert res.files[0].format == fmt
    assert (res.hits, res.rejected) == (hits, rejected)
    first = _hits(tmp_path / "t.duckdb")[0]
    for key, value in expected.items():
        assert first[key] == value, key


def test_big5_line_is_read_not_rejected(tmp_path: Path) -> None:
    res = ingest_logs([LOGS / "common_encoding_big5.log"], tmp_path / "t.duckdb")
    assert (res.hits, res.rejected) == (1, 0)
    assert _hits(tmp_path / "t.duckdb")[0]["path"].startswith("/")


def test_traefik_clf(tmp_path: Path) -> None:
    log = tmp_path / "traefik.log"
    log.write_text('192.168.0.1 - - [11/Aug/2023:11:39:21 +0000] "GET /api/x?y=1 HTTP/1.1" 200 15 "-" '
                   '"Mozilla/5.0 (X11; Linux x86_64) Firefox/118.0" 12 "my-router@file" "http://apache:80" 37ms\n')
    res = ingest_logs([log], tmp_path / "t.duckdb")
    assert res.files[0].format == "traefik"
    hit = _hits(tmp_path / "t.duckdb")[0]
    assert (hit["path"], hit["response_ms"], hit["status"]) == ("/api/x?y=1", 37.0, 200)


def test_nginx_default_with_forwarded_for(tmp_path: Path) -> None:
    # nginx's stock `main` format: combined plus "$http_x_forwarded_for".
    log = tmp_path / "nginx.log"
    log.write_text('10.0.0.1 - - [01/Sep/2026:10:00:00 +0200] "GET / HTTP/2.0" 200 512 "-" "curl/8.0" "-"\n')
    res = ingest_logs([log], tmp_path / "t.duckdb")
    assert (res.files[0].format, res.hits) == ("combined", 1)


def test_custom_nginx_log_format(tmp_path: Path) -> None:
    log = tmp_path / "custom.log"
    log.write_text('2026-09-01T10:00:00+02:00 www.shop.example 203.0.113.9 "GET /a?b=1 HTTP/1.1" 404 12 0.250 '
                   '"https://www.google.com/" "Mozilla/5.0 Firefox/118.0"\n')
    spec = '$time_iso8601 $host $remote_addr "$request" $status $body_bytes_sent $request_time ' \
           '"$http_referer" "$http_user_agent"'
    res = ingest_logs([log], tmp_path / "t.duckdb", fmt=spec)
    assert (res.hits, res.rejected) == (1, 0)
    hit = _hits(tmp_path / "t.duckdb")[0]
    assert hit["ts"] == datetime(2026, 9, 1, 10, 0)
    assert (hit["host"], hit["path"], hit["status"], hit["response_ms"]) == ("www.shop.example", "/a?b=1", 404, 250.0)
    assert hit["referrer"] == "https://www.google.com/"


def test_forced_format_name(tmp_path: Path) -> None:
    res = ingest_logs([LOGS / "ncsa_extended.log"], tmp_path / "t.duckdb", fmt="common")
    assert (res.files[0].format, res.hits) == ("common", 1)


def test_unknown_format_name_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown log format 'apache2'"):
        ingest_logs([LOGS / "common.log"], tmp_path / "t.duckdb", fmt="apache2")


def test_undetectable_file_names_the_line(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text("hello world\nthis is not a log\n")
    with pytest.raises(InputError, match="cannot detect the log format of line 'hello world'"):
        ingest_logs([log], tmp_path / "t.duckdb")


def test_every_builtin_format_is_listed() -> None:
    for name in ("common", "combined", "vhost_combined", "nginx", "w3c", "iis", "cloudfront", "elb", "alb", "s3",
                 "haproxy", "caddy", "traefik", "traefik_json", "nginx_json"):
        assert name in formats.FORMAT_NAMES


TRICKY = [
    '1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368 "-" "Mozilla/5.0 (X11)"',
    'www.example.com:8080 1.2.3.4 - bob [10/Feb/2012:16:42:07 -0500] "GET /a?b=\\"c\\" HTTP/1.1" 200 - '
    '"http://x/\\" \\"y" "UA with \\"quotes\\" inside"',
    'host.example:443:9 1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.1" 404 12 "-" "cut short',
    '1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.1" 200 12 "-" "ua" trailing fields',
    '1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "GET /\\"x\\" HTTP/1.1" 200 12 "http://r/\\"" "a \\"b\\" c"',
    '1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.1" 20x 12 "-" "ua"',
    '1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.1 200 12',
    '1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "" 400 0 "-" "-" 7 "router@docker" "http://10.0.0.2:80" 12ms',
    "", "garbage", '"', "[ ] \" \" 200 1",
]


@pytest.mark.parametrize("name", [n for n, f in formats.BUILTIN.items() if f.kind == "regex"])
def test_split_extraction_equals_one_regex(name: str) -> None:
    """extract_sql runs the pattern once per 4 groups (and a prefix for CLF formats) for speed: on a line
    the whole pattern matches it must capture exactly what the one-pass regex captures; on any other line
    its status must be empty (the line is rejected, whatever a prefix read)."""
    lf = formats.BUILTIN[name]
    names = ", ".join(f"'{n}'" for n in lf.names)
    pattern = lf.pattern.replace("'", "''")
    con = duckdb.connect()
    con.execute("CREATE TABLE t (line VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[x] for x in TRICKY + [ln for ln in _samples(name)]])
    differ = con.execute(f"""
        SELECT line FROM t
        WHERE CASE WHEN regexp_matches(line, '{pattern}')
                   THEN {lf.extract_sql()} IS DISTINCT FROM regexp_extract(line, '{pattern}', [{names}])
                   ELSE ({lf.extract_sql()}).status <> '' END""").fetchall()
    assert differ == []
    matched = con.execute(f"SELECT count(*) FROM t WHERE regexp_matches(line, '{pattern}')").fetchone()[0]
    assert matched >= (1 if _samples(name) else 0)
    if lf.prefix_safe:
        assert len(re2.capture_groups(lf.pattern)) == len(lf.names)


def _samples(name: str) -> list[str]:
    files = {"combined": "ncsa_extended.log", "common": "common.log", "vhost_common": "common_vhost.log",
             "vhost_combined": "common_complete.log", "elb": "elb.log", "alb": "alb.log", "s3": "s3.log",
             "haproxy": "haproxy.log"}
    if name not in files:
        return []
    return (LOGS / files[name]).read_text(encoding="utf-8", errors="replace").splitlines()

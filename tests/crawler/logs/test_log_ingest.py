"""Incremental, idempotent ingestion; compression and stdin; rejected lines; privacy."""

from __future__ import annotations

import bz2
import gzip
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from crawler.logs.api import ingest_logs, traffic_report
from crawler.logs.settings import TrafficSettings

LOGS = Path(__file__).parents[2] / "fixtures" / "logs"
UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36"


def _line(i: int, ip: str = "203.0.113.7", path: str = "/", status: int = 200) -> str:
    return (f'{ip} - - [01/Sep/2026:10:{i // 60 % 60:02d}:{i % 60:02d} +0200] "GET {path}?n={i} HTTP/1.1" '
            f'{status} 100 "-" "{UA}"\n')


def _count(db: Path, sql: str = "SELECT count(*) FROM hits") -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    first = ingest_logs([LOGS / "apache_logs.gz"], db)
    again = ingest_logs([LOGS / "apache_logs.gz"], db)
    assert first.hits == 10_000
    assert (again.hits, again.files[0].status) == (0, "unchanged")
    assert _count(db) == 10_000


def test_grown_file_adds_only_new_lines(tmp_path: Path) -> None:
    db, log = tmp_path / "t.duckdb", tmp_path / "access.log"
    log.write_text("".join(_line(i) for i in range(100)))
    assert ingest_logs([log], db).hits == 100
    with log.open("a") as fh:
        fh.write("".join(_line(i) for i in range(100, 130)))
    res = ingest_logs([log], db)
    assert (res.hits, res.files[0].status) == (30, "grown")
    assert _count(db) == 130
    # line numbers continue where the first run stopped
    assert _count(db, "SELECT min(line_no) FROM hits WHERE path LIKE '%n=100'") == 101
    assert ingest_logs([log], db).hits == 0


def test_rotated_and_compressed_copy_is_recognised(tmp_path: Path) -> None:
    db, log = tmp_path / "t.duckdb", tmp_path / "access.log"
    content = "".join(_line(i) for i in range(50))
    log.write_text(content)
    ingest_logs([log], db)
    # logrotate: access.log -> access.log.1 -> access.log.2.gz, with 10 more lines written before rotation
    rotated = tmp_path / "access.log.2.gz"
    with gzip.open(rotated, "wt") as fh:
        fh.write(content + "".join(_line(i) for i in range(50, 60)))
    log.unlink()
    res = ingest_logs([rotated], db)
    assert (res.hits, res.files[0].status) == (10, "grown")
    assert _count(db) == 60
    assert _count(db, "SELECT count(*) FROM log_files") == 1


def test_gzip_bz2_and_stdin(tmp_path: Path) -> None:
    content = "".join(_line(i, ip=f"198.51.100.{i}") for i in range(20))
    (tmp_path / "a.log.gz").write_bytes(gzip.compress(content.encode()))
    (tmp_path / "b.log.bz2").write_bytes(bz2.compress(content.replace("198.51", "192.0").encode()))
    db = tmp_path / "t.duckdb"
    res = ingest_logs([tmp_path / "a.log.gz", tmp_path / "b.log.bz2"], db)
    assert [f.hits for f in res.files] == [20, 20]
    # stdin: a separate process, as `zcat x.gz | traffic logs -` would
    stdin_db = tmp_path / "s.duckdb"
    code = ("import sys; from pathlib import Path; from crawler.logs.api import ingest_logs; "
            "print(ingest_logs(['-'], Path(sys.argv[1])).hits)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])}
    for data in (content.encode(), gzip.compress(content.encode()), content.encode()):
        out = subprocess.run([sys.executable, "-c", code, str(stdin_db)], input=data, capture_output=True,
                             check=True, env=env)
        assert out.stdout.strip() in (b"20", b"0")
    assert _count(stdin_db) == 20   # the same content piped three times is read once


def test_bad_lines_are_counted_with_a_sample(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    lines = [_line(0), "garbage that is no request\n", _line(1), '1.2.3.4 - - [99/Zzz/2026:99:00:00 +0000] '
             '"GET / HTTP/1.1" 200 1 "-" "x"\n', "\n", _line(2)]
    log.write_text("".join(lines))
    db = tmp_path / "t.duckdb"
    res = ingest_logs([log], db)
    assert (res.hits, res.rejected, res.lines) == (3, 2, 6)
    report = traffic_report(db)
    assert report["rejected"] == 2
    samples = [(s["file"], s["line"], s["reason"]) for s in report["rejected_samples"]]
    assert samples == [(str(log), 2, "does not match the combined format"), (str(log), 4, "unreadable timestamp")]


def test_raw_ips_are_not_stored_by_default(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(_line(0, ip="203.0.113.77"))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db)
    assert _count(db, "SELECT count(ip) FROM hits") == 0
    assert b"203.0.113.77" not in db.read_bytes()


def test_ips_stored_truncated_when_asked(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(_line(0, ip="203.0.113.77") + _line(1, ip="2001:db8:85a3:8d3:1319:8a2e:370:7348"))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(store_raw_ips=True, truncate_ips=True))
    con = duckdb.connect(str(db), read_only=True)
    assert sorted(r[0] for r in con.execute("SELECT ip FROM hits").fetchall()) == ["2001:db8:85a3::", "203.0.113.0"]


def test_visitor_hash_is_salted(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(_line(0))
    ingest_logs([log], tmp_path / "a.duckdb", TrafficSettings(salt="one"))
    ingest_logs([log], tmp_path / "b.duckdb", TrafficSettings(salt="two"))
    assert _count(tmp_path / "a.duckdb", "SELECT visitor FROM hits") != _count(tmp_path / "b.duckdb",
                                                                                  "SELECT visitor FROM hits")


def test_report_follows_new_data_and_period(tmp_path: Path) -> None:
    """The report is cached per data version and period: new lines or another period give new figures."""
    from datetime import date

    db, log = tmp_path / "t.duckdb", tmp_path / "access.log"
    log.write_text("".join(_line(i) for i in range(10)))
    ingest_logs([log], db)
    assert traffic_report(db)["hits"] == 10
    assert traffic_report(db)["hits"] == 10
    assert traffic_report(db, start=date(2026, 9, 2))["hits"] == 0
    with log.open("a") as fh:
        fh.write(_line(10))
    ingest_logs([log], db)
    assert traffic_report(db)["hits"] == 11


def test_latin1_bytes_and_crlf_lines_are_read(tmp_path: Path) -> None:
    """Invalid UTF-8 (a Latin-1 path) and CRLF line ends: every line read, line numbers right."""
    db = tmp_path / "t.duckdb"
    latin = tmp_path / "latin.log"
    latin.write_bytes(_line(0).encode() + _line(1, path="/caf\xe9").encode("latin-1") + b"bad line\n" + _line(2).encode())
    crlf = tmp_path / "crlf.log"
    crlf.write_bytes(("".join(_line(i) for i in range(3)) + "oops\n").replace("\n", "\r\n").encode())
    res = ingest_logs([latin, crlf], db)
    assert [(f.hits, f.rejected, f.lines) for f in res.files] == [(3, 1, 4), (3, 1, 4)]
    assert _count(db, "SELECT list(line_no ORDER BY file_id) FROM rejects") == [3, 4]
    assert _count(db, "SELECT count(*) FROM hits WHERE path LIKE '/caf%'") == 1

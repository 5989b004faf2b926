"""Resume after a real `kill -9` of a crawl subprocess: no URL lost, none fetched twice."""

import collections
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from servers import Response, serve_app

ROOT = Path(__file__).resolve().parents[3]
N = 60
HANG = {"/p10", "/p11"}


def _site():
    release = threading.Event()
    completed: collections.Counter = collections.Counter()
    hung: list[str] = []

    def app(req):
        r = req.route
        if r in HANG and not release.is_set():
            hung.append(r)
            release.wait(60)            # holds a worker until the test killed the crawler
            return Response(503, "gone")
        if r.startswith("/p") and r[2:].isdigit() and int(r[2:]) < N:
            i = int(r[2:])
            links = "".join(f'<a href="/p{j % N}">{j}</a>' for j in (i + 1, i + 2, i * 7))
            if req.method == "GET":         # the start URL is also HEAD-probed once
                completed[r] += 1
            return Response(200, f"<html><head><title>Page {i}</title></head><body>{links}</body></html>")
        completed[r] += 1
        return None

    return app, release, completed, hung


def _cmd(*args, workers=0):
    return [sys.executable, "-m", "generator.commands", "crawl", *args, "--quiet", "--concurrency", "2",
            "--parse-workers", str(workers)]


def _db_rows(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return dict(conn.execute("SELECT url, state FROM urls").fetchall())
    finally:
        conn.close()


def test_resume_after_kill_9(tmp_path):
    app, release, completed, hung = _site()
    db = tmp_path / "crawl.sqlite"
    with serve_app(app) as base:
        proc = subprocess.Popen(_cmd(base + "/p0", "--db", str(db)), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            # wait (no timing assumption) until both workers are stuck on the hanging pages and every
            # page the server finished answering is committed as done
            for _ in range(3000):
                if proc.poll() is not None:
                    raise AssertionError(f"crawl ended early: {proc.stderr.read().decode()}")
                if set(hung) == HANG and db.exists():
                    try:
                        states = _db_rows(db)
                    except sqlite3.Error:
                        states = {}
                    done = {u.replace(base, "") for u, s in states.items() if s == "done"}
                    finished = {p for p in completed if p.startswith("/p")}
                    if finished and finished <= done:
                        break
                time.sleep(0.02)
            else:
                raise AssertionError("crawl never reached the hanging pages")
            proc.kill()                      # SIGKILL: no cleanup of any kind
            proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
            proc.stderr.close()
        before = _db_rows(db)
        assert {before[base + p] for p in HANG} == {"fetching"}
        assert any(s == "queued" for s in before.values())        # killed mid-crawl, work left
        release.set()

        res = subprocess.run(_cmd("--resume", "--db", str(db)), cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
        assert res.returncode == 0, res.stderr
        log = list(base.log)

    after = _db_rows(db)
    pages = {f"/p{i}" for i in range(N)}
    assert {u.replace(base, "") for u, s in after.items() if s == "done"} == pages     # no URL lost
    assert all(completed[p] == 1 for p in pages), {p: completed[p] for p in pages if completed[p] != 1}
    requested = collections.Counter(p for m, p in log if m == "GET")    # (the start URL is also HEAD-probed)
    assert all(requested[p] == 1 for p in pages - HANG)                  # none fetched twice
    assert all(requested[p] == 2 for p in HANG)     # only what was on the wire at the kill is asked again
    assert requested["/robots.txt"] == 1            # robots.txt reused from the database
    conn = sqlite3.connect(db)
    meta = dict(conn.execute("SELECT key, value FROM crawl_meta"))
    assert meta["finished"] == "1" and meta["requeued_on_resume"] != "0"
    indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"links_from", "links_to"} <= indexes


@pytest.mark.parametrize("workers", [0, 1])
def test_ctrl_c_stops_cleanly_and_resumes(tmp_path, workers):
    import signal

    app, release, completed, hung = _site()
    db = tmp_path / "crawl.sqlite"
    with serve_app(app) as base:
        proc = subprocess.Popen(_cmd(base + "/p0", "--db", str(db), workers=workers), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            for _ in range(3000):
                if set(hung) == HANG or proc.poll() is not None:
                    break
                time.sleep(0.02)
            os.killpg(proc.pid, signal.SIGINT)      # like Ctrl-C in a terminal: the whole process group
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "--resume" in err
        meta = dict(sqlite3.connect(db).execute("SELECT key, value FROM crawl_meta"))
        assert meta["finished"] == "0" and meta["stopped_reason"] == "interrupted"
        release.set()
        res = subprocess.run(_cmd("--resume", "--db", str(db)), cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
        assert res.returncode == 0, res.stderr
    after = _db_rows(db)
    assert {u.replace(base, "") for u, s in after.items() if s == "done"} == {f"/p{i}" for i in range(N)}
    assert all(completed[f"/p{i}"] == 1 for i in range(N))
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM pages WHERE facts LIKE '%parse_error\":null%'").fetchone()[0] == N

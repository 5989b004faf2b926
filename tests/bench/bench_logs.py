"""Benchmark: `traffic logs` against GoAccess on the same 1,000,000-line combined log, in one run.

The log has the diversity of a real busy site (tests/bench/realistic_log.py): one distinct user agent per
~10 lines, 20,000+ paths with query strings, thousands of referrers, bots at ~30 % of hits.

Prints lines/s of each, the ratio, peak RSS of each process, and the time of a second `traffic logs` run
on the unchanged file (idempotent re-run). Target: >= 3x GoAccess's lines/s with every figure computed
(traffic.json written), peak RSS < 1 GB, re-run < 1 s.
Usage: python tests/bench/bench_logs.py [LINES]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(__file__).resolve().parent / ".work"

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realistic_log  # noqa: E402  (tests/bench/realistic_log.py: the diversity of a real busy site)


def distinct_agents(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        return len({line.rsplit('"', 2)[1] for line in fh})


def timed(cmd: list[str]) -> tuple[float, int, float]:
    """Wall time, peak RSS (MB) and CPU seconds (user + system, all threads) of one child process.

    The machine is shared: wall time moves with the load, CPU time much less, so both are printed."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    WORK.mkdir(parents=True, exist_ok=True)
    log = WORK / f"access-realistic-{n}.log"
    if not log.exists():
        t0 = time.perf_counter()
        realistic_log.write(log, n)
        print(f"generated {n:,} lines ({log.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    agents = distinct_agents(log)
    print(f"log: {n:,} lines, {agents:,} distinct user agents (one per {n / agents:.1f} lines), bots ~30 % of hits")
    db, out = WORK / "bench.duckdb", WORK / "out"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    traffic = [sys.executable, "-m", "generator.commands", "logs", str(log), "--db", str(db), "--out", str(out)]
    t_ours, rss_ours, cpu_ours = timed(traffic)
    t_rerun, _, _ = timed(traffic)
    goaccess = shutil.which("goaccess")
    print(f"traffic logs : {n / t_ours:>10,.0f} lines/s  ({t_ours:.2f} s, {cpu_ours:.1f} CPU s, peak RSS {rss_ours} MB, "
          "every figure, traffic.json written)")
    print(f"re-run, unchanged file: {t_rerun:.2f} s (process start, identity check, report)")
    if goaccess is None:
        print("goaccess not installed: run .ci/install-system-deps")
        return 1
    t_ga, rss_ga, cpu_ga = timed([goaccess, "--log-format=COMBINED", "-o", str(WORK / "out.json"), str(log)])
    print(f"goaccess 1.x : {n / t_ga:>10,.0f} lines/s  ({t_ga:.2f} s, {cpu_ga:.1f} CPU s, peak RSS {rss_ga} MB)")
    print(f"ratio        : {t_ga / t_ours:.2f}x GoAccess's lines/s (target >= 3x; {cpu_ga / cpu_ours:.2f}x in CPU time); "
          f"peak RSS {rss_ours} MB (target < 1024 MB); re-run {t_rerun:.2f} s (target < 1 s)")
    print(f"load average : {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (others' work slows both tools)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

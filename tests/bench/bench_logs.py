"""Benchmark: `traffic logs` against GoAccess on the same 1,000,000-line combined log, in one run.

Prints lines/s of each, the ratio, peak RSS of each process, and the time of a second `traffic logs` run
on the unchanged file (idempotent re-run). Target: >= 3x GoAccess's lines/s with every figure computed
(traffic.json written), peak RSS < 1 GB, re-run < 1 s.
Usage: python tests/bench/bench_logs.py [LINES]
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(__file__).resolve().parent / ".work"

PATHS = ["/", "/categorie/chaussures/", "/categorie/sacs-a-dos/", "/produit/chaussure-trail-x1/",
         "/produit/sac-30l-alpin/", "/blog/", "/blog/choisir-ses-chaussures/", "/contact/", "/panier/",
         "/en/", "/en/product/trail-shoe-x1/", "/recherche?q=veste", "/old-page/"]
ASSETS = ["/assets/site.css", "/assets/app.js", "/img/logo.svg", "/img/p1.webp", "/favicon.ico"]
UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:129.0) Gecko/20100101 Firefox/129.0",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/128.0.6613.137 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
]
REFS = ["-", "https://www.google.fr/", "https://www.bing.com/", "https://www.facebook.com/",
        "https://www.maison-sentier.example/", "https://www.maison-sentier.example/blog/"]
MONTHS = ["Sep", "Oct"]


def generate(path: Path, n: int) -> None:
    rnd = random.Random(42)
    per_day = n // 61 + 1
    with path.open("w") as fh:
        buf = []
        for i in range(n):
            day = i // per_day
            month, dom = MONTHS[day // 30 % 2], day % 30 + 1
            sec = (i % per_day) * 86400 // per_day
            ip = f"{rnd.randrange(1, 224)}.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
            if rnd.random() < 0.35:
                target = rnd.choice(ASSETS)
            else:
                target = rnd.choice(PATHS)
                if rnd.random() < 0.05:
                    target += f"?utm_source=google&utm_medium=cpc&utm_campaign=brand_fr&gclid={i}"
            status = 404 if target == "/old-page/" else (304 if rnd.random() < 0.05 else 200)
            buf.append(f'{ip} - - [{dom:02d}/{month}/2026:{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d} +0200] '
                       f'"GET {target} HTTP/1.1" {status} {rnd.randrange(200, 90000)} "{rnd.choice(REFS)}" '
                       f'"{rnd.choice(UAS)}"\n')
            if len(buf) >= 10000:
                fh.write("".join(buf))
                buf.clear()
        fh.write("".join(buf))


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
    log = WORK / f"access-{n}.log"
    if not log.exists():
        t0 = time.perf_counter()
        generate(log, n)
        print(f"generated {n:,} lines ({log.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
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

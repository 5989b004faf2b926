"""The crawler-list prefilter gives the same answer as running every pattern, on every agent we can find.

Reference: the classifier as it was (one ~1,500-alternative regex as a gate, then the patterns in order),
kept here verbatim for the comparison. Agents: every user agent of the real logs in tests/fixtures/logs/
(copied from shared/corpora, sources in SOURCE.md), every example agent of the crawler-user-agents list,
and 8,000 generated browser agents of the benchmark's realistic log.
"""

from __future__ import annotations

import bz2
import gzip
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

from crawler.logs import agents
from crawler.logs.agents import classify_bot, required_literal

LOGS = Path(__file__).resolve().parents[2] / "fixtures" / "logs"
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


@lru_cache(maxsize=1)
def _reference_gate() -> re.Pattern[str]:
    import crawleruseragents

    return re.compile("|".join(f"(?:{e['pattern']})" for e in crawleruseragents.CRAWLER_USER_AGENTS_DATA))


def reference(ua: str):
    """classify_bot before the prefilter (same code, the list scanned under the big gate regex)."""
    saved = agents._candidates
    agents._candidates = lambda u: [(rx, tags) for rx, tags, _ in agents._crawlers()] if _reference_gate().search(u) \
        else []
    try:
        return classify_bot(ua)
    finally:
        agents._candidates = saved


def _log_agents() -> set[str]:
    out: set[str] = set()
    for path in LOGS.iterdir():
        opener = gzip.open if path.suffix == ".gz" else bz2.open if path.suffix == ".bz2" else open
        try:
            with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    quoted = re.findall(r'"([^"]*)"', line)
                    out.update(q for q in quoted if len(q) > 8)
                    out.update(part for part in line.split("\t") if "Mozilla" in part or "bot" in part.lower())
        except (OSError, EOFError):
            continue
    return out


def all_agents() -> list[str]:
    import realistic_log

    rnd = random.Random(7)
    found = _log_agents() | set(realistic_log.bot_agents())
    found |= {realistic_log.browser_agent(rnd) for _ in range(8_000)}
    found |= {"", "-", "(not logged)", "curl/8.5.0", "python-requests/2.32", "Mozilla/5.0 (compatible; MyBot/1.0)"}
    return sorted(found)


def test_prefilter_gives_the_reference_answer_for_every_agent():
    uas = all_agents()
    assert len(uas) > 10_000
    different = [(ua, classify_bot(ua), reference(ua)) for ua in uas if classify_bot(ua) != reference(ua)]
    assert different == []
    bots = sum(1 for ua in uas if classify_bot(ua)[0] is not None)
    assert bots > 1000, "the comparison covers many crawlers, not only browsers"


def test_required_literal_is_in_every_match():
    assert required_literal(r"Googlebot\/") == "googlebot/"
    assert required_literal(r"AdsBot-Google([^-]|$)") == "adsbot-google"
    assert required_literal(r"Mediapartners \(Googlebot\)") == "mediapartners (googlebot)"
    assert required_literal(r"Chirp|gotosocial") is None            # an alternation: no single text
    assert required_literal(r"[Ww]get") == "get"
    assert required_literal(r"(?:foo)?barbaz") == "barbaz"          # an optional group gives nothing

"""A combined access log with the diversity of a real busy site, for the log benchmark and its tests.

What a real log has and an easy one hides (field hardening #2): tens of thousands of distinct user agents
(browser and OS versions, Android device models, in-app webviews), bots at about 30 % of hits with the
real agents of the crawler-user-agents list, 20,000+ distinct paths with query strings, and thousands of
referrers. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

_ANDROID_MAKERS = [("SM-A", "F"), ("SM-G", "B"), ("SM-S", "B"), ("Redmi Note ", ""), ("Pixel ", ""), ("moto g", ""),
                   ("CPH", ""), ("V", "A"), ("ONEPLUS A", ""), ("M", "G"), ("RMX", ""), ("TECNO KG", ""), ("LM-K", "")]


def _android_model(rnd: random.Random) -> str:
    prefix, suffix = rnd.choice(_ANDROID_MAKERS)
    return f"{prefix}{rnd.randrange(1, 999)}{suffix}"


def browser_agent(rnd: random.Random) -> str:
    """One browser user agent drawn from realistic versions, OSes and devices."""
    kind = rnd.random()
    chrome = f"{rnd.randrange(100, 132)}.0.{rnd.randrange(4000, 6800)}.{rnd.randrange(0, 250)}"
    if kind < 0.30:
        android = rnd.choice(["9", "10", "11", "12", "13", "14", "15"])
        ua = (f"Mozilla/5.0 (Linux; Android {android}; {_android_model(rnd)}) AppleWebKit/537.36 (KHTML, like Gecko) "
              f"Chrome/{chrome} Mobile Safari/537.36")
        if rnd.random() < 0.15:  # in-app webviews
            ua = ua.replace("Mobile Safari/537.36", f"Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/{rnd.randrange(400, 480)}.0.0."
                                                   f"{rnd.randrange(10, 60)}.{rnd.randrange(10, 120)};]")
        elif rnd.random() < 0.1:
            ua += f" SamsungBrowser/{rnd.randrange(20, 27)}.0"
        return ua
    if kind < 0.50:
        ios = f"{rnd.randrange(15, 19)}_{rnd.randrange(0, 7)}" + (f"_{rnd.randrange(1, 4)}" if rnd.random() < 0.4 else "")
        device = rnd.choice(["iPhone; CPU iPhone OS", "iPad; CPU OS"])
        tail = (f"Version/{ios.split('_')[0]}.{ios.split('_')[1]} Mobile/15E148 Safari/604.1" if rnd.random() < 0.8
                else f"Mobile/15E148 Instagram {rnd.randrange(250, 350)}.0.0.{rnd.randrange(10, 40)}.{rnd.randrange(80, 120)}")
        return f"Mozilla/5.0 ({device} {ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) {tail}"
    if kind < 0.80:
        os_part = rnd.choice(["Windows NT 10.0; Win64; x64", "Windows NT 6.1; Win64; x64",
                              f"Macintosh; Intel Mac OS X 10_15_{rnd.randrange(1, 8)}", "X11; Linux x86_64"])
        ua = f"Mozilla/5.0 ({os_part}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome} Safari/537.36"
        if rnd.random() < 0.2:
            ua += f" Edg/{chrome.rsplit('.', 2)[0]}.{rnd.randrange(1000, 3000)}.{rnd.randrange(0, 99)}"
        return ua
    if kind < 0.93:
        v = rnd.randrange(100, 134)
        os_part = rnd.choice(["Windows NT 10.0; Win64; x64", f"Macintosh; Intel Mac OS X 10.{rnd.randrange(13, 16)}",
                              "X11; Ubuntu; Linux x86_64", f"Android {rnd.randrange(10, 15)}; Mobile"])
        return f"Mozilla/5.0 ({os_part}; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"
    mac = f"{rnd.randrange(13, 15)}_{rnd.randrange(0, 7)}"
    return (f"Mozilla/5.0 (Macintosh; Intel Mac OS X {mac}) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            f"Version/{rnd.randrange(15, 18)}.{rnd.randrange(0, 6)} Safari/605.1.15")


def bot_agents() -> list[str]:
    """Real crawler user agents: the examples the crawler-user-agents list keeps for its patterns."""
    import crawleruseragents

    return [ua for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA for ua in entry.get("instances", [])]


def lines(n: int, seed: int = 42, products: list[str] | None = None) -> Iterator[str]:
    """``products``: the site's product paths (default: 6,000 made-up ones), so that a log can match a
    crawled site."""
    rnd = random.Random(seed)
    browsers = [browser_agent(rnd) for _ in range(max(1000, n // 7))]   # >= 1 distinct agent per 12 lines
    bots = bot_agents()
    hosts = [f"blog-{i}.example" for i in range(3000)] + ["www.google.fr", "www.google.com", "www.bing.com",
                                                           "duckduckgo.com", "m.facebook.com", "t.co"]
    products = products or [f"/produit/article-{i}/" for i in range(6000)]
    per_day = n // 61 + 1
    for i in range(n):
        day = i // per_day
        month, dom = ("Sep", "Oct")[day // 30 % 2], day % 30 + 1
        sec = (i % per_day) * 86400 // per_day
        ip = f"{rnd.randrange(1, 224)}.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
        bot = rnd.random() < 0.30
        ua = rnd.choice(bots) if bot else rnd.choice(browsers)
        r = rnd.random()
        if r < 0.30:
            path = rnd.choice(("/assets/site.css", "/assets/app.js", "/img/logo.svg", "/favicon.ico"))
        elif r < 0.75:
            path = rnd.choice(products) + f"?color={rnd.randrange(12)}&size={rnd.randrange(40)}"
        elif r < 0.85:
            path = f"/recherche?q=terme-{rnd.randrange(20000)}"
        else:
            path = rnd.choice(products)
        ref = "-" if bot or rnd.random() < 0.3 else f"https://{rnd.choice(hosts)}/{rnd.randrange(500)}"
        status = 404 if r > 0.99 else (304 if rnd.random() < 0.05 else 200)
        yield (f'{ip} - - [{dom:02d}/{month}/2026:{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d} +0200] '
               f'"GET {path} HTTP/1.1" {status} {rnd.randrange(200, 90000)} "{ref}" "{ua}"\n')


def write(path: Path, n: int, seed: int = 42, products: list[str] | None = None) -> None:
    with path.open("w", encoding="utf-8") as fh:
        buf = []
        for line in lines(n, seed, products):
            buf.append(line)
            if len(buf) >= 10000:
                fh.write("".join(buf))
                buf.clear()
        fh.write("".join(buf))

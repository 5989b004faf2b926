"""robots.txt helpers shared by the indexability and AI-crawler checks (stored body, parsed with protego)."""

from __future__ import annotations

from typing import Any

from protego import Protego


def parse(file: dict[str, Any] | None) -> Protego | None:
    """The parsed robots.txt when it answered 2xx with a body, else None (4xx = allow all, 5xx = unknown)."""
    if not file or file.get("status") is None or not (200 <= int(file["status"]) < 300):
        return None
    return Protego.parse(file.get("body") or "")


def blocked_agents(rp: Protego | None, url: str, agents: list[str]) -> list[str]:
    """The agents robots.txt forbids from fetching ``url``."""
    if rp is None:
        return []
    return [a for a in agents if not rp.can_fetch(url, a)]

"""Crawl progress on the terminal (rich): pages done and queued, pages/s, errors.

Nothing is printed when ``enabled`` is false (``--quiet``, CI) or when stderr is not a terminal
and the caller asked for the quiet default.
"""

from __future__ import annotations

import time


class CrawlProgress:
    def __init__(self, enabled: bool, start_url: str):
        self.enabled = enabled
        self.start = time.monotonic()
        self._last = 0.0
        self._progress = None
        self._task = None
        if enabled:   # rich imported only when shown: a --quiet crawl (CI, benchmark) saves its memory
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(stderr=True)
            self._progress = Progress(
                SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                TextColumn("{task.fields[done]} done · {task.fields[queued]} queued · "
                           "{task.fields[rate]:.1f} pages/s · {task.fields[errors]} errors"),
                TimeElapsedColumn(), console=console, transient=False, refresh_per_second=4)
            self._progress.start()
            self._task = self._progress.add_task(f"Crawling {start_url}", total=None, done=0, queued=0,
                                                 rate=0.0, errors=0)

    def update(self, done: int, queued: int, errors: int, done_this_run: int, force: bool = False) -> None:
        if not self.enabled or self._progress is None:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.25:
            return
        self._last = now
        rate = done_this_run / max(now - self.start, 1e-6)
        total = done + queued
        self._progress.update(self._task, done=done, queued=queued, errors=errors, rate=rate,
                              total=total or None, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

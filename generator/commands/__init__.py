"""The `traffic` command: one entry point, one module per subcommand (``generator/commands/<name>.py``).

Shared option groups and the one client resolver are in ``options.py``; this module only wires the
subcommands together and turns expected failures into a one-line error.
Exit codes: 0 ok, 1 a check failed (a CI gate), 2 usage or input error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from crawler.common.errors import TrafficError

# One module per subcommand (as Scrapy's commands/), in the order of --help. Each has register(subparsers);
# command modules import their heavy dependencies inside run(), so `traffic crawl` loads no DuckDB.
COMMANDS: tuple[str, ...] = (
    "audit", "checks", "crawl", "logs", "analytics", "campaigns",
    "run", "build", "serve", "validate", "schema", "demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="traffic",
        description="Traffic Manager: crawl and audit a client's site, read its traffic and ad-campaign data, "
        "and publish one confidential report site per client.",
        epilog="Run `traffic COMMAND --help` for a command's options. Exit codes: 0 ok, 1 check failed, "
        "2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("traffic-manager")
    except PackageNotFoundError:
        return "dev"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except TrafficError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except FileNotFoundError as exc:
        _error(f"{exc.filename or exc}: no such file or directory")
        return 2
    except OSError as exc:  # a folder given for a file, no permission, disk full: said, not a traceback
        _error(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        return 2


def _error(message: str) -> None:
    lines = message.strip().splitlines() or ["unknown error"]
    for line in lines:
        print(f"traffic: error: {line}", file=sys.stderr)


def repo_root() -> Path:
    """The project folder: where data/clients/ and mkdocs.yml live (the current directory)."""
    return Path.cwd()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

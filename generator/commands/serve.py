"""`traffic serve [--client SLUG]`: preview a built report on a loopback port."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.common.errors import InputError
from generator.commands.options import resolve_clients


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="preview a built report site on http://127.0.0.1:8000/",
                              description="Serve site/<slug>/ on a local port for preview.")
    p.add_argument("--client", metavar="SLUG", help="the client to serve (default: the only one)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.serve import serve_folder

    clients = resolve_clients(args)
    if len(clients) != 1:
        raise InputError(f"several clients ({', '.join(c.slug for c in clients)}): choose one with --client SLUG")
    slug = clients[0].slug
    folder = Path.cwd() / "site" / slug
    if not (folder / "index.html").is_file():
        raise InputError(f"{folder}/index.html: not built yet; run `traffic build --client {slug}` first")
    serve_folder(folder, host=args.host, port=args.port)
    return 0

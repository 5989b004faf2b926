"""Whole-file writes: a reader (or a crash) sees the old file or the new one, never half of one.

Every output of the project (issues.json and the exports, traffic.json, campaigns.json, analytics.json,
the generated pages) goes through here: a temp file in the same folder, then an atomic rename.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from crawler.common.errors import InputError


def write_bytes(path: Path, data: bytes) -> Path:
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a file name to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any, *, indent: int | None = 2) -> Path:
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n")

"""What every summary contract shares: forbidden extra keys, a schema version, a file-named loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from crawler.common.errors import InputError


class Record(BaseModel):
    """A row or block of a summary: every key is declared, so a producer cannot drift unnoticed."""

    model_config = ConfigDict(extra="forbid")


class Summary(Record):
    """A whole summary file (issues.json, traffic.json, analytics.json, campaigns.json).

    ``schema_version`` is bumped when a field changes meaning or disappears; adding an optional field
    keeps the version. Readers refuse a version they do not know, with the file named.
    """

    SCHEMA_VERSION: ClassVar[int] = 1
    FILE_NAME: ClassVar[str] = ""
    schema_version: int = 1


S = TypeVar("S", bound=Summary)


def _where(err: dict[str, Any]) -> str:
    return ".".join(str(p) for p in err["loc"]) or "(top level)"


def validation_message(path: Path | str, exc: ValidationError, limit: int = 3) -> str:
    """``path: key.path: what is wrong`` for the first few problems, each on its own line."""
    lines = []
    for err in exc.errors()[:limit]:
        got = json.dumps(err.get("input"), ensure_ascii=False, default=str)
        got = got if len(got) <= 80 else got[:77] + "..."
        lines.append(f"{path}: {_where(err)}: {err['msg'][0].lower() + err['msg'][1:]} (got {got})")
    more = len(exc.errors()) - limit
    if more > 0:
        lines.append(f"{path}: … and {more} more problem(s)")
    return "\n".join(lines)


def load(model: type[S], path: Path) -> S:
    """Read and validate one summary file; any problem is an InputError naming the file (and line)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: expected UTF-8 JSON, got undecodable bytes at offset {exc.start}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}:1: expected a JSON object, got {type(data).__name__}")
    version = data.get("schema_version")
    if version != model.SCHEMA_VERSION:
        raise InputError(f"{path}: schema_version {version!r}, expected {model.SCHEMA_VERSION} "
                         f"({model.FILE_NAME} written by another version: run its producer again)")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_message(path, exc)) from None


def build(model: type[S], data: dict[str, Any], *, source: str) -> S:
    """Producers build their summary through this: a field the contract lacks is a bug, said at once."""
    try:
        return model.model_validate({**data, "schema_version": model.SCHEMA_VERSION})
    except ValidationError as exc:
        raise ValueError(validation_message(f"{model.FILE_NAME} from {source}", exc, limit=10)) from None


def dump(summary: Summary) -> dict[str, Any]:
    """The JSON-ready dict of a summary, as its producer set it (what is written to disk)."""
    return summary.model_dump(mode="json", exclude_unset=True)

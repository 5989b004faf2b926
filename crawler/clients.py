"""Client configuration: `data/clients/<slug>/client.yml`, validated before anything runs.

An error names the file, the line, the key, the bad value and what was expected, e.g.
``data/clients/acme/client.yml:14: budgets.paid_search: expected a number, got "12k"``.
`traffic schema` (and `client.schema.json` at the repo's data/clients/) come from this model.
"""

from __future__ import annotations

import difflib
import glob
import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crawler.audit.settings import AuditSettings
from crawler.campaigns.settings import CampaignSettings, Target
from crawler.common.errors import InputError
from crawler.logs.settings import TrafficSettings
from crawler.site.settings import CrawlSettings

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class Site(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field("main", description="Short name; crawl history is kept per site name.")
    url: str = Field(description="Start URL of the crawl, e.g. https://www.example.com/")
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)

    @field_validator("url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        if not re.match(r"^https?://[^/\s]+", v):
            raise ValueError("expected an http:// or https:// URL")
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError("expected lower-case letters, digits, - or _")
        return v


class ClientConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Client name, shown in the report.")
    language: Literal["fr", "en"] = "fr"
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$", description="ISO 4217 code of the report currency.")
    report_url: str | None = Field(
        None, pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$",
        description="Where the report site is published (its site_url: canonical links, sitemap, instant "
                    "navigation). Default: the `traffic serve` preview address.")
    sites: list[Site] = Field(default_factory=list)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    traffic: TrafficSettings = Field(default_factory=TrafficSettings)
    campaigns: CampaignSettings = Field(default_factory=CampaignSettings)
    budgets: dict[str, float] = Field(
        default_factory=dict,
        description="Monthly budget by channel id (paid_search, paid_social, display, …) or campaign name.",
    )
    targets: dict[str, Target] = Field(default_factory=dict, description="CPA / ROAS targets, same keys as budgets.")

    @field_validator("sites")
    @classmethod
    def _unique_site_names(cls, v: list[Site]) -> list[Site]:
        seen: set[str] = set()
        for site in v:
            if site.name in seen:  # crawl history is kept per site name: two would mix their crawls
                raise ValueError(f"two sites are named {site.name!r}; give each its own name")
            seen.add(site.name)
        return v

    # Set by load_client(), not read from the file.
    slug: str = Field("", exclude=True)
    path: Path | None = Field(None, exclude=True)

    @property
    def dir(self) -> Path:
        assert self.path is not None
        return self.path.parent

    @property
    def state_dir(self) -> Path:
        return self.dir / "state"

    @property
    def traffic_db(self) -> Path:
        return self.dir / "traffic.duckdb"

    @property
    def campaigns_db(self) -> Path:
        return self.dir / "campaigns.duckdb"

    def resolve_globs(self, patterns: list[str]) -> list[Path]:
        """Expand globs relative to the client folder, sorted, without duplicates."""
        found: dict[Path, None] = {}
        for pattern in patterns:
            full = pattern if Path(pattern).is_absolute() else str(self.dir / pattern)
            for hit in sorted(glob.glob(full, recursive=True)):
                found[Path(hit).resolve()] = None
        return list(found)


def clients_root(repo_root: Path) -> Path:
    return repo_root / "data" / "clients"


def list_clients(repo_root: Path) -> list[str]:
    root = clients_root(repo_root)
    return sorted(p.parent.name for p in root.glob("*/client.yml"))


def load_client(slug: str, repo_root: Path) -> ClientConfig:
    if not SLUG_RE.match(slug):
        raise InputError(f"invalid client slug {slug!r}: expected lower-case letters, digits, - or _")
    path = clients_root(repo_root) / slug / "client.yml"
    if not path.is_file():
        known = ", ".join(list_clients(repo_root)) or "none"
        raise InputError(f"{_rel(path)}: no such client file (known clients: {known})")
    return load_client_file(path, slug=slug)


class _StrictLoader(yaml.SafeLoader):
    """YAML as client.yml needs it: no aliases (a 360-byte file of nested aliases expands to gigabytes),
    no duplicate keys (the last one would silently win)."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed in client.yml; repeat the value",
                                       problem_mark=event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:
                continue  # an unhashable key: the constructor says so
            if first != key_node.start_mark.line + 1:
                raise yaml.MarkedYAMLError(problem=f"duplicate key {_cut(key)!r} (first on line {first})",
                                           problem_mark=key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _cut(value: object, limit: int = 80) -> str:
    """A value quoted in an error, cut to ``limit`` characters (a bad file can hold megabytes)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_yaml(path: Path) -> tuple[str, object]:
    """(text, data) of a YAML file; anything wrong is one InputError naming the file and the line."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{_rel(path)}: is a folder, expected a client.yml file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{_rel(path)}:{line}: not UTF-8 text (expected a UTF-8 YAML file)") from None
    if "\x00" in text:
        raise InputError(f"{_rel(path)}: binary content (expected a UTF-8 YAML file)")
    try:
        return text, yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{_rel(path)}{where}: invalid YAML: {_cut(problem, 200)}") from None
    except RecursionError:
        raise InputError(f"{_rel(path)}: invalid YAML: nested too deeply") from None


def load_client_file(path: Path, slug: str | None = None) -> ClientConfig:
    text, data = read_yaml(path)
    if not isinstance(data, dict):
        raise InputError(f"{_rel(path)}: expected a mapping of settings (name:, language:, sites: …)")
    try:
        cfg = ClientConfig.model_validate(data)
    except ValidationError as exc:
        raise InputError(format_validation_error(path, text, exc)) from None
    _check_audit_keys(path, text, cfg.audit)
    cfg.slug = slug or path.parent.name
    cfg.path = path.resolve()
    return cfg


def _check_audit_keys(path: Path, text: str, audit: AuditSettings) -> None:
    """Check ids and threshold names against the registry now, with file:line, not after a whole crawl."""
    from crawler.audit.registry import all_checks

    known = {c.id: c for c in all_checks()}
    problems = []
    for cid, override in audit.checks.items():
        where = f":{_line_of(text, ('audit', 'checks', cid))}" if _line_of(text, ("audit", "checks", cid)) else ""
        if cid not in known:
            close = difflib.get_close_matches(cid, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else " (see `traffic checks`)"
            problems.append(f"{_rel(path)}{where}: audit.checks.{_cut(cid)}: unknown check id{hint}")
            continue
        for name in override.thresholds:
            if name not in known[cid].thresholds:
                line = _line_of(text, ("audit", "checks", cid, "thresholds", name))
                allowed = ", ".join(known[cid].thresholds) or "none"
                problems.append(f"{_rel(path)}{f':{line}' if line else where}: audit.checks.{cid}.thresholds."
                                f"{_cut(name)}: unknown threshold (this check has: {allowed})")
    if problems:
        raise InputError("\n".join(problems))


_EXPECTED = {
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "string_type": "expected text",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "missing": "required key is missing",
    "extra_forbidden": "unknown key",
}


def format_validation_error(path: Path, text: str, exc: ValidationError) -> str:
    """One line per problem: file:line: dotted.key: what was expected, got what."""
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        key = ".".join(loc) or "(top level)"
        kind = err["type"]
        expected = _EXPECTED.get(kind)
        if expected is None:
            expected = err["msg"]
            if expected.startswith("Value error, "):
                expected = expected[len("Value error, "):]
            elif kind == "literal_error":
                expected = expected.replace("Input should be", "expected")
            else:
                expected = expected[0].lower() + expected[1:]
        line = _line_of(text, err["loc"])
        where = f":{line}" if line else ""
        if kind == "missing":
            lines.append(f"{_rel(path)}{where}: {key}: {expected}")
        elif kind == "extra_forbidden":
            lines.append(f"{_rel(path)}{where}: {key}: unknown key (check its spelling)")
        else:
            got = _cut(json.dumps(err.get("input"), ensure_ascii=False, default=str))
            lines.append(f"{_rel(path)}{where}: {key}: {expected}, got {got}")
    return "\n".join(lines)


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """Line number (1-based) of the YAML node at `loc`, or of its nearest existing parent."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == str(part):
                    line = k.start_mark.line + 1
                    nxt = v
                    break
            if nxt is None:
                return line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    if node is not None and not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        line = node.start_mark.line + 1
    return line


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def json_schema() -> dict[str, Any]:
    schema = ClientConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Traffic Manager client.yml"
    return schema

"""Access-log formats: each one is a recipe that DuckDB applies to a whole column of raw lines.

A format never parses a line in Python. It gives
- ``extract``: a SQL expression over the raw ``line`` column producing a STRUCT of VARCHAR fields
  (``regexp_extract(line, pattern, [names])`` for text formats, ``json_extract_string`` for JSON ones);
- ``columns``: for each canonical column (ts, ip, host, method, path, protocol, status, bytes, referrer,
  ua, response_ms) a SQL expression over that struct ``f``.
Line-oriented formats are written as nginx ``log_format`` strings, so a user's own ``log_format`` goes
through exactly the same compiler as the built-in ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from crawler.common.errors import InputError
from crawler.logs.re2 import regexp_extract_sql

QUOTED = r'((?:[^"\\]|\\.)*)'   # inside "...", backslash escapes allowed
CANONICAL = ("ts", "ip", "host", "method", "path", "protocol", "status", "bytes", "referrer", "ua",
             "response_ms")

# SQL snippets over the struct `f` --------------------------------------------------------------
CLF_TIME = "try_strptime(substr(f.time, 1, 20), '%d/%b/%Y:%H:%M:%S')"
ISO_TIME = "try_cast(replace(substr(f.time, 1, 19), 'T', ' ') AS TIMESTAMP)"
EPOCH_TIME = ("CASE WHEN regexp_full_match(f.time, '[0-9]{9,10}(\\.[0-9]+)?') "
              "THEN make_timestamp(CAST(CAST(f.time AS DOUBLE) * 1000000 AS BIGINT)) END")
ANY_TIME = f"coalesce({CLF_TIME}, {ISO_TIME}, {EPOCH_TIME})"
# "GET /path HTTP/1.1" split on spaces (cheaper than regexes); a request without spaces is kept as path.
REQ_METHOD = "CASE WHEN contains(f.request, ' ') THEN split_part(f.request, ' ', 1) END"
REQ_URI = "CASE WHEN contains(f.request, ' ') THEN split_part(f.request, ' ', 2) ELSE f.request END"
REQ_PROTO = "nullif(split_part(f.request, ' ', 3), '')"
STRIP_PORT = "regexp_replace({}, '^\\[?([^\\]]*?)\\]?:[0-9]+$', '\\1')"
PATH_OF = "regexp_replace({}, '^[a-zA-Z]+://[^/]*', '')"          # absolute URI -> path?query
HOST_OF_URI = "nullif(regexp_extract({}, '^[a-zA-Z]+://([^/:]+)', 1), '')"
DASH_NULL = "nullif(nullif({}, '-'), '')"


@dataclass(frozen=True)
class LogFormat:
    name: str
    kind: str                                   # regex | json | w3c
    pattern: str = ""                           # RE2 pattern (regex, w3c); positional groups
    names: tuple[str, ...] = ()                 # one per group
    json_paths: tuple[tuple[str, str], ...] = ()  # (field, coalesce-able JSON paths "a|b")
    columns: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    skip_comments: bool = False                 # '#' lines are directives, not requests
    spec: str = ""                              # what to store to rebuild it (log_format / #Fields)
    # Every group ends at a literal separator it cannot contain (CLF family): a prefix of the pattern then
    # captures exactly what the whole pattern would, so early groups are read by a shorter regex.
    prefix_safe: bool = False

    def extract_sql(self, col: str = "line") -> str:
        if self.kind == "json":
            parts = []
            for name, paths in self.json_paths:
                alts = [f"json_extract_string({col}, '{_json_path(p)}')" for p in paths.split("|")]
                parts.append(f"'{name}': " + (alts[0] if len(alts) == 1 else f"coalesce({', '.join(alts)})"))
            return "{" + ", ".join(parts) + "}"
        return regexp_extract_sql(self.pattern, self.names, col, prefix_safe=self.prefix_safe)

    def column_sql(self) -> dict[str, str]:
        types = {"ts": "TIMESTAMP", "status": "SMALLINT", "bytes": "BIGINT", "response_ms": "DOUBLE"}
        cols = {c: f"CAST(NULL AS {types.get(c, 'VARCHAR')})" for c in CANONICAL}
        cols.update(self.columns)
        return cols

    def matches(self, line: str) -> bool:
        """Python-side check used only by detection (a few sample lines)."""
        if self.kind == "json":
            try:
                obj = json.loads(line)
            except ValueError:
                return False
            return isinstance(obj, dict) and _json_has(obj, self.json_paths)
        m = re.match(self.pattern, line)
        if not m:
            return False
        groups = dict(zip(self.names, m.groups(), strict=False))
        return bool(re.fullmatch(r"\d{3}", groups.get("status") or ""))


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _json_path(p: str) -> str:
    out = []
    for key in p.split("."):
        key, idx = re.match(r"(.*?)((?:\[\d+\])?)$", key).groups()  # type: ignore[union-attr]
        out.append((f'"{key}"' if re.search(r"[^A-Za-z0-9_]", key) else key) + idx)
    return ("$." + ".".join(out)).replace("'", "''")


def _json_has(obj: dict, paths: tuple[tuple[str, str], ...]) -> bool:
    found = set()
    for name, alts in paths:
        for p in alts.split("|"):
            cur: object = obj
            for k in p.split("."):
                k, _, idx = k.partition("[")
                cur = cur.get(k) if isinstance(cur, dict) else None
                if idx and isinstance(cur, list):
                    cur = cur[0] if cur else None
            if cur is not None:
                found.add(name)
    return "status" in found and bool({"uri", "request"} & found)


# --- nginx log_format compiler ------------------------------------------------------------------

# variable -> (raw field name, regex when unquoted). Unknown variables are captured and ignored.
_VARS: dict[str, tuple[str, str]] = {
    "remote_addr": ("ip", r"(\S+)"), "realip_remote_addr": ("ip", r"(\S+)"),
    "remote_user": ("user", r"(\S*)"), "ident": ("ident", r"(\S*)"),
    "time_local": ("time", r"([^\]]+)"), "time_iso8601": ("time", r"(\S+)"), "msec": ("time", r"(\S+)"),
    "request": ("request", r"(\S+ \S+(?: \S+)?)"), "request_method": ("method", r"(\S+)"),
    "request_uri": ("uri", r"(\S+)"), "uri": ("uri", r"(\S+)"), "server_protocol": ("proto", r"(\S+)"),
    "status": ("status", r"(\d{3})"), "body_bytes_sent": ("bytes", r"(\d+|-)"), "bytes_sent": ("bytes", r"(\d+|-)"),
    "http_referer": ("referrer", r"(\S*)"), "http_user_agent": ("ua", r"(.*?)"),
    "request_time": ("rt_s", r"(\S+)"), "upstream_response_time": ("rt_s", r"(\S+)"), "duration_ms": ("rt_ms", r"(\d+)"),
    "host": ("host", r"(\S+)"), "server_name": ("host", r"(\S+)"), "http_host": ("host", r"(\S+)"),
    "vhost_port": ("host", r"(\S+?)(?::\d+)?"),
}


# raw fields some column expression reads; other variables are matched but not captured
_USED = {"ip", "time", "request", "method", "uri", "proto", "status", "bytes", "referrer", "ua", "rt_s", "rt_ms",
         "host"}


def compile_log_format(spec: str, name: str = "custom") -> LogFormat:
    """Turn an nginx-style ``log_format`` string into a regex format.

    A variable right after a double quote captures up to the matching quote (backslash escapes allowed);
    a closing quote that ends the format is optional, so a truncated last field (a user agent cut short)
    still parses, as GoAccess does. Text after the format (extra fields some servers append) is ignored.
    """
    spec = spec.strip().strip("'")
    tokens = re.split(r"(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)", spec)
    if len(tokens) < 3:
        raise InputError(f"log format {spec!r}: expected nginx-style variables such as $remote_addr")
    regex, names = "^", []
    seen: set[str] = set()
    for i, tok in enumerate(tokens):
        if i % 2 == 0:
            lit = tok
            if i == len(tokens) - 1 and lit.endswith('"'):
                regex += _lit(lit[:-1]) + '"?'
            else:
                regex += _lit(lit)
            continue
        var = tok.strip("${}")
        raw, rx = _VARS.get(var, (var, r"(\S*)"))
        quoted = tokens[i - 1].endswith('"') and i + 1 < len(tokens) and tokens[i + 1].startswith('"')
        if quoted:
            rx = QUOTED
        elif var == "http_user_agent" and i + 1 == len(tokens) - 1 and not tokens[i + 1]:
            rx = r"(.*)"
        if raw not in _USED or raw in seen:
            regex += "(?:" + rx[1:]         # matched, not captured: fewer strings to build per line
            continue
        seen.add(raw)
        names.append(raw)
        regex += rx
    return LogFormat(name=name, kind="regex", pattern=regex, names=tuple(names),
                     columns=_columns_for(names), spec=spec)


def _lit(s: str) -> str:
    out = re.escape(s)
    return out.replace(r"\ ", " ")


def _columns_for(names: list[str]) -> dict[str, str]:
    n = set(names)
    cols: dict[str, str] = {}
    if "time" in n:
        cols["ts"] = ANY_TIME
    if "ip" in n:
        cols["ip"] = "f.ip"
    if "host" in n:
        cols["host"] = DASH_NULL.format("f.host")
    if "request" in n:
        cols.update(method=REQ_METHOD, path=REQ_URI, protocol=REQ_PROTO)
    if "method" in n:
        cols["method"] = "f.method"
    if "uri" in n:
        cols["path"] = "f.uri"
    if "proto" in n:
        cols["protocol"] = "f.proto"
    cols["status"] = "try_cast(f.status AS SMALLINT)"
    if "bytes" in n:
        cols["bytes"] = "coalesce(try_cast(f.bytes AS BIGINT), 0)"
    if "referrer" in n:
        cols["referrer"] = DASH_NULL.format("f.referrer")
    if "ua" in n:
        cols["ua"] = "f.ua"
    if "rt_s" in n:
        cols["response_ms"] = "try_cast(f.rt_s AS DOUBLE) * 1000"
    elif "rt_ms" in n:
        cols["response_ms"] = "try_cast(f.rt_ms AS DOUBLE)"
    return cols


def _clf(name: str, spec: str) -> LogFormat:
    fmt = compile_log_format(spec, name)
    cols = dict(fmt.columns)
    cols["ts"] = CLF_TIME          # these formats always write [10/Feb/2012:16:42:07 -0500]
    return LogFormat(name=name, kind="regex", pattern=fmt.pattern, names=fmt.names, columns=cols, spec=spec,
                     prefix_safe=True)


COMMON = '$remote_addr $ident $remote_user [$time_local] "$request" $status $body_bytes_sent'
COMBINED = COMMON + ' "$http_referer" "$http_user_agent"'

# Explicit regexes for formats that are not CLF-shaped.
_ELB_HEAD = r"(\S+) \S+ (\S+) \S+ (\S+) (\S+) (\S+) (\d{3}|-) \S+ \S+ (\d+|-) " + f'"{QUOTED}" "{QUOTED}"'
_AWS_COLS = {
    "ts": ISO_TIME, "ip": STRIP_PORT.format("f.ipport"), "host": HOST_OF_URI.format("f.uri"),
    "method": "nullif(f.method, '-')", "path": PATH_OF.format("f.uri"), "protocol": "nullif(f.proto, '-')",
    "status": "try_cast(f.status AS SMALLINT)", "bytes": "coalesce(try_cast(f.bytes AS BIGINT), 0)",
    "ua": "f.ua",
    "response_ms": "(try_cast(f.t1 AS DOUBLE) + try_cast(f.t2 AS DOUBLE) + try_cast(f.t3 AS DOUBLE)) * 1000",
}


def _aws(name: str, prefix: str, prefix_names: tuple[str, ...]) -> LogFormat:
    head = (r"(\S+) \S+ (\S+) (\S+) (\S+) (\d{3}|-) \S+ \S+ (\d+|-) "
            r'"(\S+) (\S+) ([^"]*?) ?" ' f'"{QUOTED}"')
    names = prefix_names + ("ipport", "t1", "t2", "t3", "status", "bytes", "method", "uri", "proto", "ua")
    return LogFormat(name=name, kind="regex", pattern="^" + prefix + head, names=names, columns=_AWS_COLS,
                     spec=name)


ELB = _aws("elb", r"(\S+) \S+ ", ("time",))
ALB = _aws("alb", r"\S+ (\S+) \S+ ", ("time",))

S3 = LogFormat(
    name="s3", kind="regex",
    pattern=(r"^\S+ (\S+) \[([^\]]+)\] (\S+) \S+ \S+ \S+ \S+ " f'"{QUOTED}"'
             r" (\d{3}|-) \S+ (\d+|-) \S+ (\d+|-) \S+ " f'"{QUOTED}" "{QUOTED}"?'),
    names=("host", "time", "ip", "request", "status", "bytes", "rt_ms", "referrer", "ua"),
    columns={**_columns_for(["host", "time", "ip", "request", "bytes", "rt_ms", "referrer", "ua"]),
             "ts": CLF_TIME},
    spec="s3",
)

HAPROXY = LogFormat(
    name="haproxy", kind="regex",
    pattern=(r"^(?:\S+ +\S+ \S+ \S+ )?\S+?: (\S+) \[([^\]]+)\] \S+ \S+ -?\d+/-?\d+/-?\d+/-?\d+/\+?(-?\d+) "
             r"(\d{3}) \+?(\d+) \S+ \S+ \S+ [\d/+]+ [\d/+]+ (?:\{([^}]*)\} )?(?:\{[^}]*\} )?" f'"{QUOTED}"?'),
    names=("ipport", "time", "rt_ms", "status", "bytes", "captured", "request"),
    columns={"ts": CLF_TIME, "ip": STRIP_PORT.format("f.ipport"), "method": REQ_METHOD, "path": REQ_URI,
             "protocol": REQ_PROTO, "status": "try_cast(f.status AS SMALLINT)",
             "bytes": "coalesce(try_cast(f.bytes AS BIGINT), 0)",
             "response_ms": "nullif(try_cast(f.rt_ms AS DOUBLE), -1)",
             # `capture request header User-Agent` puts "{ua|referer}" before the request: take the first.
             "ua": "nullif(split_part(f.captured, '|', 1), '')"},
    spec="haproxy",
)

# Traefik's CLF: combined + request count, router, server URL, duration in ms.
TRAEFIK = _clf("traefik", COMBINED + ' $request_count "$router" "$server_url" ${duration_ms}ms')


def _json_fmt(name: str, paths: dict[str, str], cols: dict[str, str]) -> LogFormat:
    return LogFormat(name=name, kind="json", json_paths=tuple(paths.items()), columns=cols, spec=name)


CADDY = _json_fmt(
    "caddy",
    {"time": "ts", "ip": "request.client_ip|request.remote_ip", "host": "request.host",
     "method": "request.method", "uri": "request.uri", "proto": "request.proto", "status": "status",
     "bytes": "size", "dur": "duration", "ua": "request.headers.User-Agent[0]",
     "referrer": "request.headers.Referer[0]"},
    {"ts": ANY_TIME, "ip": "f.ip", "host": "f.host", "method": "f.method", "path": "f.uri",
     "protocol": "f.proto", "status": "try_cast(f.status AS SMALLINT)",
     "bytes": "coalesce(try_cast(f.bytes AS BIGINT), 0)", "ua": "coalesce(f.ua, '')",
     "referrer": DASH_NULL.format("f.referrer"),
     # Caddy 2 writes seconds as a float; very old builds wrote nanoseconds as an integer.
     "response_ms": "CASE WHEN f.dur LIKE '%.%' THEN try_cast(f.dur AS DOUBLE) * 1000 "
                    "ELSE try_cast(f.dur AS DOUBLE) / 1000000 END"},
)
TRAEFIK_JSON = _json_fmt(
    "traefik_json",
    {"time": "StartUTC|StartLocal|time", "ip": "ClientHost", "host": "RequestHost", "method": "RequestMethod",
     "uri": "RequestPath", "proto": "RequestProtocol", "status": "DownstreamStatus|OriginStatus",
     "bytes": "DownstreamContentSize", "dur": "Duration", "ua": "request_User-Agent",
     "referrer": "request_Referer"},
    {"ts": ANY_TIME, "ip": "f.ip", "host": "f.host", "method": "f.method", "path": "f.uri",
     "protocol": "f.proto", "status": "try_cast(f.status AS SMALLINT)",
     "bytes": "coalesce(try_cast(f.bytes AS BIGINT), 0)", "ua": "coalesce(f.ua, '')",
     "referrer": DASH_NULL.format("f.referrer"), "response_ms": "try_cast(f.dur AS DOUBLE) / 1000000"},
)
# nginx has no JSON schema of its own: these are the keys people use with `escape=json` log_formats.
NGINX_JSON = _json_fmt(
    "nginx_json",
    {"time": "time_iso8601|time_local|date|timestamp|@timestamp|time|msec",
     "ip": "remote_addr|ip|client_ip|clientip|remote_ip", "host": "host|server_name|http_host|vhost",
     "request": "request", "method": "request_method|method", "uri": "request_uri|path|uri|url",
     "status": "status", "bytes": "body_bytes_sent|bytes_sent|length|size|bytes",
     "rt_s": "request_time", "rt_ms": "generation_time_milli|duration_ms",
     "ua": "http_user_agent|user_agent|agent", "referrer": "http_referer|referrer|referer"},
    {"ts": ANY_TIME, "ip": "f.ip", "host": DASH_NULL.format("f.host"),
     "method": f"coalesce(f.method, {REQ_METHOD})", "path": f"coalesce(f.uri, {REQ_URI})",
     "protocol": REQ_PROTO, "status": "try_cast(f.status AS SMALLINT)",
     "bytes": "coalesce(try_cast(f.bytes AS BIGINT), 0)", "ua": "coalesce(f.ua, '')",
     "referrer": DASH_NULL.format("f.referrer"),
     "response_ms": "coalesce(try_cast(f.rt_s AS DOUBLE) * 1000, try_cast(f.rt_ms AS DOUBLE))"},
)

BUILTIN: dict[str, LogFormat] = {
    f.name: f for f in [
        ALB, ELB, S3, HAPROXY, TRAEFIK,
        _clf("vhost_combined", "$vhost_port " + COMBINED),
        _clf("combined", COMBINED),
        _clf("vhost_common", "$vhost_port " + COMMON),
        _clf("common", COMMON),
        CADDY, TRAEFIK_JSON, NGINX_JSON,
    ]
}
ALIASES = {"nginx": "combined", "apache": "combined", "ncsa_extended": "combined", "clf": "common",
           "common_vhost": "vhost_common", "ncsa": "common", "traefik_clf": "traefik",
           "caddy_json": "caddy", "iis": "w3c", "cloudfront": "w3c", "w3c_extended": "w3c"}
FORMAT_NAMES = sorted([*BUILTIN, "w3c", *ALIASES])


# --- resolving and detecting ---------------------------------------------------------------------

def resolve(fmt: str | None, head_lines: list[str], stored_spec: str | None = None,
            stored_name: str | None = None) -> LogFormat:
    """The format of a file: forced by name or log_format string, stored from an earlier run, or detected."""
    if stored_name:
        return from_stored(stored_name, stored_spec or "")
    if fmt:
        if "$" in fmt:
            return compile_log_format(fmt)
        name = ALIASES.get(fmt.lower(), fmt.lower())
        if name == "w3c":
            from crawler.logs.w3c import w3c_format

            fields = next((ln for ln in head_lines if ln.startswith("#Fields:")), None)
            if fields is None:
                raise InputError("format w3c: no '#Fields:' directive in the first lines")
            return w3c_format(fields)
        if name not in BUILTIN:
            raise InputError(f"unknown log format {fmt!r}: expected one of {', '.join(FORMAT_NAMES)} "
                             "or an nginx log_format string")
        return BUILTIN[name]
    return detect(head_lines)


def from_stored(name: str, spec: str) -> LogFormat:
    from crawler.logs.w3c import w3c_format

    if name == "w3c":
        return w3c_format(spec)
    if name in BUILTIN:
        return BUILTIN[name]
    return compile_log_format(spec)


def detect(head_lines: list[str]) -> LogFormat:
    lines = [ln for ln in head_lines if ln.strip()]
    fields = next((ln for ln in lines if ln.startswith("#Fields:")), None)
    if fields is not None:
        from crawler.logs.w3c import w3c_format

        return w3c_format(fields)
    sample = [ln for ln in lines if not ln.startswith("#")][:20]
    if not sample:
        raise InputError("cannot detect the log format: no request lines in the first lines of the file")
    best: tuple[int, LogFormat] | None = None
    for f in BUILTIN.values():
        score = sum(1 for ln in sample if f.matches(ln))
        if score and (best is None or score > best[0]):
            best = (score, f)
    if best is None or best[0] * 2 < len(sample):
        raise InputError(
            f"cannot detect the log format of line {sample[0][:120]!r}: expected one of "
            f"{', '.join(FORMAT_NAMES)}; pass --format NAME or an nginx log_format string")
    return best[1]

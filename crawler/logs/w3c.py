"""W3C extended log format (IIS, CloudFront web, Netscaler, Incapsula, ...): fields named by `#Fields:`.

The directive's field list becomes a regex with one group per field (a value is a "quoted string" or a
run of non-blanks), and the known W3C names are mapped to the canonical columns.
"""

from __future__ import annotations

from crawler.common.errors import InputError
from crawler.logs.formats import LogFormat

_W3C_MAP = {
    "date": "date", "date-local": "date", "time": "time", "time-local": "time",
    "c-ip": "ip", "cs-method": "method", "cs-uri-stem": "stem", "cs-uri-query": "query", "cs-uri": "uri",
    "sc-status": "status", "sc-bytes": "bytes", "cs(user-agent)": "ua", "cs(referer)": "referrer",
    "cs(referrer)": "referrer", "cs-host": "host", "cs(host)": "host", "x-host-header": "host",
    "time-taken": "taken", "timetakenms": "taken_ms", "cs-version": "proto", "cs-protocol-version": "proto",
    "c-status": "status",
}


def w3c_format(fields_line: str) -> LogFormat:
    fields = fields_line.split(":", 1)[1].split()
    names: list[str] = []
    regex = []
    for fld in fields:
        raw = _W3C_MAP.get(fld.lower())
        if raw is None or raw in names:     # a field no column reads is matched, not captured
            regex.append(r'(?:"[^"]*"|\S+)')
            continue
        names.append(raw)
        regex.append(r'("[^"]*"|\S+)')
    n = set(names)
    if not {"date", "time", "status"} <= n or not ({"stem", "uri"} & n):
        raise InputError(f"W3C #Fields {fields_line.strip()!r}: expected date, time, sc-status and cs-uri-stem")
    cloudfront = "x-edge-location" in (f.lower() for f in fields)

    def v(name: str) -> str:
        return f"nullif(nullif(trim(f.{name}, '\"'), '-'), '')" if name in n else "CAST(NULL AS VARCHAR)"

    def text(name: str) -> str:
        # IIS writes spaces as '+', CloudFront percent-encodes (twice for the user agent).
        if name not in n:
            return "NULL"
        if cloudfront:
            return f"url_decode(url_decode({v(name)}))"
        return f"replace({v(name)}, '+', ' ')"

    if "uri" in n:
        path = f"regexp_replace({v('uri')}, '^[^/]*', '')"
        host = f"coalesce({v('host')}, nullif(regexp_extract({v('uri')}, '^([^/]+)', 1), ''))"
    else:
        path = f"{v('stem')} || coalesce('?' || {v('query')}, '')"
        host = v("host")
    taken = "NULL"
    if "taken_ms" in n:
        taken = f"try_cast({v('taken_ms')} AS DOUBLE)"
    elif "taken" in n:
        taken = f"try_cast({v('taken')} AS DOUBLE) * {'1000' if cloudfront else '1'}"
    cols = {
        "ts": f"try_cast({v('date')} || ' ' || substr({v('time')}, 1, 8) AS TIMESTAMP)",
        "ip": v("ip"), "host": host, "method": v("method"), "path": path, "protocol": v("proto"),
        "status": f"try_cast({v('status')} AS SMALLINT)", "bytes": f"coalesce(try_cast({v('bytes')} AS BIGINT), 0)",
        "referrer": text("referrer"), "ua": f"coalesce({text('ua')}, '')", "response_ms": taken,
    }
    return LogFormat(name="w3c", kind="w3c", pattern=r"^\s*" + r"\s+".join(regex), names=tuple(names),
                     columns=cols, skip_comments=True, spec=fields_line.strip())

"""Ingestion: new lines of each file -> parsed, classified rows in DuckDB, one transaction per file.

Python only moves bytes (decompressing, copying the unread tail to a temporary file); DuckDB reads that
file with its CSV reader as one VARCHAR column and parses every line set-wise with the format's
regexp_extract / json_extract_string expressions.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from crawler.logs import formats, sources, store
from crawler.logs.agents import describe
from crawler.logs.settings import TrafficSettings

log = logging.getLogger(__name__)

# A static asset: the path (before '?' or '#') ends with one of these extensions, any case. One regex over
# the raw path (no lower() / split_part copies): half the cost per million lines.
STATIC_RE = (r"^[^?#]*\.(?i:css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|tiff?|woff2?|ttf|otf|eot|mp4|webm|"
             r"mp3|ogg|wav|flac|zip|gz|bz2|7z|rar|tar|pdf|txt|xml|json|rss|atom|swf|flv|apk|exe|dmg|iso)(?:[?#]|$)")


NO_UA = "(not logged)"    # the format has no user-agent field: not evidence of a robot


@dataclass
class FileResult:
    name: str
    format: str
    status: str          # new | grown (new lines read) | recognised | unchanged | empty
    lines: int = 0
    hits: int = 0
    rejected: int = 0


@dataclass
class IngestResult:
    files: list[FileResult] = field(default_factory=list)

    @property
    def lines(self) -> int:
        return sum(f.lines for f in self.files)

    @property
    def hits(self) -> int:
        return sum(f.hits for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)


def _known_file(con: duckdb.DuckDBPyConnection, src: sources.Source) -> tuple | None:
    rows = con.execute(
        "SELECT file_id, head_len, head_hash, offset_bytes, lines, inode, raw_size, mtime_ns, format, "
        "format_spec, compression FROM log_files ORDER BY file_id").fetchall()
    for row in rows:
        head_len, head_hash = row[1], row[2]
        if len(src.head) >= head_len and sources.head_hash(src.head, head_len) == head_hash:
            return row
    return None


def ingest_file(con: duckdb.DuckDBPyConnection, name: str, settings: TrafficSettings, salt: str,
                fmt: str | None, workdir: Path) -> FileResult:
    src = sources.open_source(name)
    if not src.head:
        return FileResult(name, "-", "empty")
    known = _known_file(con, src)
    if known:
        file_id, _, _, offset, lines_done, inode, raw_size, mtime_ns, fmt_name, fmt_spec, comp = known
        same_on_disk = (src.path is not None and src.inode == inode and src.raw_size == raw_size
                        and sources.file_fingerprint(src.path)[2] == mtime_ns)  # type: ignore[index]
        if same_on_disk or (src.compression == "none" and src.raw_size == offset and src.path is not None):
            _touch(con, file_id, src)
            return FileResult(name, fmt_name, "unchanged")
        lf = formats.from_stored(fmt_name, fmt_spec)
    else:
        file_id, offset, lines_done = None, 0, 0
        lf = formats.resolve(fmt, src.head_lines())

    # A new, plain, LF-terminated file is read by DuckDB where it lies; anything else (compressed, stdin,
    # a tail after an offset, CRLF, invalid UTF-8) goes through a clean copy of the unread part.
    if (not known and src.compression == "none" and src.path is not None and b"\r" not in src.head):
        try:
            return _commit(con, src, name, lf, file_id, None, src.path, lines_done, src.raw_size or 0,
                           settings, salt, direct=True)
        except (_Changed, duckdb.InvalidInputException, duckdb.ConversionException):
            pass   # grew while read, or not clean UTF-8: take the copy path below
    tmp = workdir / "new-lines.log"
    try:
        copied = sources.copy_new_lines(src, offset, lines_done + 1, tmp)
        if known and copied.lines == 0:
            _touch(con, file_id, src)
            return FileResult(name, lf.name, "unchanged")
        return _commit(con, src, name, lf, file_id, known, tmp, lines_done, copied.end_offset, settings, salt,
                       direct=False, offset=offset)
    finally:
        tmp.unlink(missing_ok=True)


class _Changed(Exception):
    """The file changed while DuckDB read it in place."""


def _commit(con: duckdb.DuckDBPyConnection, src: sources.Source, name: str, lf: formats.LogFormat,
            file_id: int | None, known: tuple | None, read_path: Path, lines_done: int, end_offset: int,
            settings: TrafficSettings, salt: str, *, direct: bool, offset: int = 0) -> FileResult:
    """Parse `read_path` into the store and move the file's offset, all in one transaction."""
    lit = store.sql_literal
    before = sources.file_fingerprint(src.path) if src.path else None
    con.execute("BEGIN TRANSACTION")
    try:
        if file_id is None:
            file_id = con.execute("SELECT nextval('log_file_ids')").fetchone()[0]  # type: ignore[index]
            con.execute(
                "INSERT INTO log_files (file_id, name, compression, format, format_spec, offset_bytes, lines, "
                "hits, rejected, first_seen) VALUES ("
                + ", ".join(lit(v) for v in (file_id, name, src.compression, lf.name, lf.spec)) + ", 0, 0, 0, 0, now())")
        hits, rejected, lines = _load(con, lf, read_path, file_id, lines_done, settings, salt, name)
        fp = sources.file_fingerprint(src.path) if src.path else None
        if direct and (fp != before or fp is None or fp[1] != end_offset):
            raise _Changed(name)
        head_len = min(len(src.head), sources.HEAD_BYTES)
        inode, size, mtime = fp if fp else (None, None, None)
        # literals, not parameters: parameter binding imports pandas (0.4 s at every start)
        con.execute(
            f"""UPDATE log_files SET name = {lit(name)}, inode = {lit(inode)}, raw_size = {lit(size)},
                   mtime_ns = {lit(mtime)}, compression = {lit(src.compression)}, head_len = {lit(head_len)},
                   head_hash = {lit(sources.head_hash(src.head, head_len))}, offset_bytes = {lit(end_offset)},
                   lines = lines + {lit(lines)}, hits = hits + {lit(hits)}, rejected = rejected + {lit(rejected)},
                   last_read = now(),
                   first_ts = coalesce(first_ts, (SELECT min(ts) FROM hits WHERE file_id = {lit(file_id)})),
                   last_ts = (SELECT max(ts) FROM hits WHERE file_id = {lit(file_id)})
               WHERE file_id = {lit(file_id)}""")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'dirty'")
        con.execute("INSERT OR IGNORE INTO meta VALUES ('dirty', '1')")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    status = "grown" if known and offset else ("recognised" if known else "new")
    return FileResult(name, lf.name, status, lines, hits, rejected)


def _touch(con: duckdb.DuckDBPyConnection, file_id: int, src: sources.Source) -> None:
    """Remember the current name and disk identity (a rotated or compressed copy) of a known file."""
    fp = sources.file_fingerprint(src.path) if src.path else None
    if fp:
        lit = store.sql_literal
        con.execute(f"UPDATE log_files SET name = {lit(src.name)}, inode = {lit(fp[0])}, raw_size = {lit(fp[1])}, "
                    f"mtime_ns = {lit(fp[2])}, compression = {lit(src.compression)} WHERE file_id = {lit(file_id)}")


def _ip_sql(settings: TrafficSettings) -> str:
    if not settings.store_raw_ips:
        return "NULL"
    if settings.truncate_ips:
        # IPv4 keeps /24, IPv6 keeps /48: enough for geography, not for a person.
        return ("CASE WHEN ip LIKE '%:%' THEN array_to_string(string_split(ip, ':')[1:3], ':') || '::' "
                "ELSE regexp_replace(ip, '\\.[0-9]+$', '.0') END")
    return "ip"


def _load(con: duckdb.DuckDBPyConnection, lf: formats.LogFormat, tmp: Path, file_id: int, base_line: int,
          settings: TrafficSettings, salt: str, name: str) -> tuple[int, int, int]:
    """Parse the lines in one pass into the `parsed` temp table, already in the shape of `hits` (hashes,
    day, page flag computed there), then copy the good rows; the temp table's rowid is the line's index."""
    lit = store.sql_literal
    cols = lf.column_sql()
    select = ",\n".join(f"{expr} AS {col}" for col, expr in cols.items())
    csv = (f"read_csv({lit(str(tmp))}, columns = {{'line': 'VARCHAR'}}, delim = '\x1e', quote = '', "
           "escape = '', header = false, auto_detect = false, strict_mode = false)")
    comment = "starts_with(line, '#')" if lf.skip_comments else "FALSE"
    valid = "json_valid(line)" if lf.kind == "json" else "TRUE"
    extract = f"CASE WHEN {valid} THEN {lf.extract_sql()} END" if lf.kind == "json" else lf.extract_sql()
    keep_ip = settings.store_raw_ips or settings.verify_googlebot
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE parsed AS
        SELECT ts, CAST(ts AS DATE) AS day,
               CASE WHEN host IS NOT NULL THEN lower(regexp_replace(host, ':[0-9]+$', '')) END AS host,
               hash(md5_number({lit(salt + "|")} || coalesce(ip, '') || '|' || coalesce(ua, ''))) AS visitor,
               {"ip" if keep_ip else "CAST(NULL AS VARCHAR)"} AS ip, method, path, protocol, status, bytes,
               referrer, coalesce(ua, {lit(NO_UA)}) AS ua, hash(coalesce(ua, {lit(NO_UA)})) AS ua_id, response_ms,
               NOT regexp_matches(path, {lit(STATIC_RE)}) AS is_page,
               reason, CASE WHEN reason <> 'skip' THEN left(line, 500) END AS bad_line
        FROM (
            -- CASE tests each condition only on the rows no earlier one took: the blank-line test (trim
            -- copies every line: 2 s per million) runs on the few lines that did not parse.
            SELECT *, CASE WHEN {comment} THEN 'skip'
                           WHEN status BETWEEN 100 AND 599 AND ts IS NOT NULL THEN NULL
                           WHEN line IS NULL OR trim(line) = '' THEN 'skip'
                           WHEN NOT {valid} THEN 'not valid JSON'
                           WHEN status IS NULL THEN {lit(f"does not match the {lf.name} format")}
                           WHEN status NOT BETWEEN 100 AND 599 THEN 'status ' || status || ' out of range'
                           WHEN ts IS NULL THEN 'unreadable timestamp' END AS reason
            FROM (SELECT line, {select} FROM (SELECT line, {extract} AS f FROM {csv})))""")
    rejected, first_rowid, lines = con.execute(
        "SELECT count(*) FILTER (WHERE reason <> 'skip'), min(rowid), count(*) FROM parsed").fetchone()  # type: ignore[misc]
    # rowids are contiguous in file order (insertion order is preserved); inside a transaction they
    # start at an internal offset, hence the subtraction.
    shift = base_line + 1 - int(first_rowid or 0)
    if rejected:
        con.execute(f"""INSERT INTO rejects SELECT {lit(file_id)}, rowid + {shift}, reason, bad_line
                        FROM parsed WHERE reason <> 'skip' ORDER BY rowid LIMIT {int(settings.rejected_samples)}""")
    # Order in `hits` does not matter (line_no carries it): unordered, each thread writes its own row
    # groups and the commit has nothing to merge (0.8 s less per million lines).
    con.execute("SET preserve_insertion_order = false")
    hits = con.execute(f"""
        INSERT INTO hits
        SELECT {lit(file_id)}, rowid + {shift}, ts, day, host, visitor, {_ip_sql(settings)}, method, path, protocol,
               status, bytes, referrer, ua_id, response_ms, is_page
        FROM parsed WHERE reason IS NULL""").fetchone()[0]  # type: ignore[index]
    con.execute("RESET preserve_insertion_order")
    _classify_new_agents(con)
    if settings.verify_googlebot:
        from crawler.logs.verify import verify_parsed

        verify_parsed(con, settings, salt, NO_UA)
    con.execute("DROP TABLE parsed")
    return int(hits), int(rejected), int(lines)


def _classify_new_agents(con: duckdb.DuckDBPyConnection) -> None:
    """Describe each user agent the store has not seen (a few thousand at most) and add it to `agents`."""
    new = con.execute("""
        SELECT n.ua_id, n.ua FROM (SELECT ua_id, any_value(ua) AS ua FROM parsed WHERE reason IS NULL GROUP BY 1) n
        ANTI JOIN agents a ON a.ua_id = n.ua_id""").fetchall()
    for i in range(0, len(new), 500):
        rows = []
        for ua_id, ua in new[i:i + 500]:
            a = describe(ua)
            rows.append("(" + ", ".join(store.sql_literal(v) for v in
                                        (ua_id, ua, a.bot, a.group, a.browser, a.os, a.device)) + ")")
        # literals, not parameters: parameter binding imports pandas (0.4 s)
        con.execute("INSERT INTO agents VALUES " + ", ".join(rows))


def ingest(con: duckdb.DuckDBPyConnection, files: list[str], settings: TrafficSettings, salt: str,
           fmt: str | None, scratch: Path | None = None) -> IngestResult:
    """Ingest each file in turn. `scratch` holds the decompressed copies (next to the store, not /tmp,
    which may be a small RAM disk)."""
    result = IngestResult()
    forced = fmt or settings.log_format
    with tempfile.TemporaryDirectory(prefix=".traffic-logs-", dir=scratch) as work:
        for name in files:
            res = ingest_file(con, name, settings, salt, forced, Path(work))
            log.info("%s: %s, %s lines, %s hits, %s rejected", name, res.status, res.lines, res.hits, res.rejected)
            result.files.append(res)
    return result


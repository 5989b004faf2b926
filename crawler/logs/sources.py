"""Reading log files: compression, stdin, file identity and the copy of new lines DuckDB reads.

A file is recognised by its *content*, not its name: the hash of its first bytes after decompression.
So `access.log`, its rotated `access.log.1` and the later `access.log.2.gz` are the same file, and a file
that grew is read from the byte where the last run stopped (GoAccess keeps inode, size and a snippet of
the first line for the same purpose). Offsets count decompressed bytes.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crawler.common.errors import InputError

HEAD_BYTES = 4096
CHUNK = 8 << 20


@dataclass
class Source:
    name: str                  # as given ("-" for stdin)
    path: Path | None
    compression: str           # none | gzip | bz2
    head: bytes                # first HEAD_BYTES decompressed bytes (or fewer)
    inode: int | None
    raw_size: int | None

    def head_lines(self, n: int = 40) -> list[str]:
        text = self.head.decode("utf-8", "replace")
        lines = text.splitlines()
        if len(self.head) >= HEAD_BYTES and not text.endswith("\n"):
            lines = lines[:-1]            # last one is cut
        return lines[:n]


class _Peek(io.RawIOBase):
    """A stream with its first bytes put back (stdin cannot seek)."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(b), len(self._head))
            b[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def _sniff(magic: bytes) -> str:
    if magic[:2] == b"\x1f\x8b":
        return "gzip"
    if magic[:3] == b"BZh":
        return "bz2"
    return "none"


def _wrap(raw: BinaryIO, compression: str) -> BinaryIO:
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    if compression == "bz2":
        return bz2.BZ2File(raw)  # type: ignore[return-value]
    return raw


class _Stdin:
    """stdin is read once: the head and the stream share one buffered reader."""

    stream: BinaryIO | None = None


def open_source(name: str | Path) -> Source:
    name = str(name)
    if name == "-":
        raw = sys.stdin.buffer
        magic = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
        compression = _sniff(magic)
        stream = _wrap(raw, compression)
        head = stream.read(HEAD_BYTES)
        _Stdin.stream = io.BufferedReader(_Peek(head, stream), CHUNK)  # type: ignore[arg-type]
        return Source("-", None, compression, head, None, None)
    path = Path(name)
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    st = path.stat()
    with path.open("rb") as fh:
        compression = _sniff(fh.read(4))
        fh.seek(0)
        try:
            head = _wrap(fh, compression).read(HEAD_BYTES)
        except (OSError, EOFError) as exc:
            raise InputError(f"{name}: cannot read {compression} data ({exc})") from exc
    return Source(name, path, compression, head, st.st_ino, st.st_size)


def head_hash(head: bytes, length: int) -> str:
    return hashlib.sha256(head[:length]).hexdigest()


def _open_stream(src: Source) -> BinaryIO:
    if src.path is None:
        assert _Stdin.stream is not None
        return _Stdin.stream  # type: ignore[return-value]
    return _wrap(src.path.open("rb"), src.compression)


@dataclass
class Copied:
    lines: int          # lines written (a last line without newline counts)
    end_offset: int     # decompressed byte offset after the last byte read
    first_line: int     # 1-based number of the first line copied


def copy_new_lines(src: Source, offset: int, first_line: int, dest: Path) -> Copied:
    """Copy the bytes after `offset` to `dest` as clean UTF-8 text with LF line ends.

    Invalid UTF-8 (a Big5 or Latin-1 line) is replaced, not rejected; CR before LF is dropped.
    Memory stays at one chunk whatever the file size.
    """
    stream = _open_stream(src)
    try:
        if offset:
            if src.compression == "none" and src.path is not None:
                stream.seek(offset)
            else:
                _skip(stream, offset, src.name)
        lines, pos, last_partial = 0, offset, False
        with dest.open("wb") as out:
            for chunk in _chunks(stream):
                pos += len(chunk)
                lines += chunk.count(b"\n")
                last_partial = not chunk.endswith(b"\n")
                out.write(_clean(chunk))
            if pos > offset and last_partial:
                lines += 1
                out.write(b"\n")
    except (OSError, EOFError) as exc:
        raise InputError(f"{src.name}: read error after byte {offset} ({exc})") from exc
    finally:
        if src.path is not None:
            stream.close()
    return Copied(lines=lines, end_offset=pos, first_line=first_line)


def _skip(stream: BinaryIO, n: int, name: str) -> None:
    while n > 0:
        got = stream.read(min(n, CHUNK))
        if not got:
            raise InputError(f"{name}: shorter than the part already read")
        n -= len(got)


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    rest = b""
    while True:
        data = stream.read(CHUNK)
        if not data:
            if rest:
                yield rest
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest = data
            continue
        rest = data[cut:]
        yield data[:cut]


def _clean(chunk: bytes) -> bytes:
    if b"\r" in chunk:
        chunk = chunk.replace(b"\r\n", b"\n")
    if b"\x00" in chunk:
        chunk = chunk.replace(b"\x00", b"")
    if b"\x1e" in chunk:              # our column delimiter for read_csv
        chunk = chunk.replace(b"\x1e", b" ")
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        chunk = chunk.decode("utf-8", "replace").encode("utf-8")
    return chunk


def file_fingerprint(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, int(st.st_mtime_ns)

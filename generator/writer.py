"""The one writer: every generated file is written whole (temp file in the same folder, then rename)."""

from crawler.common.atomic import write_bytes, write_json, write_text

__all__ = ["write_bytes", "write_json", "write_text"]

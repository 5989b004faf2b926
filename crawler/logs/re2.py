"""Fast regexp_extract in DuckDB: RE2's one-pass matcher, kept by splitting a pattern's groups.

RE2 extracts up to 4 groups with its one-pass matcher (Prog::kMaxOnePassCapture is 5, counting the whole
match) and falls back to a backtracker above that: about 5x slower on a combined log line. So a pattern
with more groups runs once per 4 groups, the other groups made non-capturing (same pattern, same matches),
and the structs are concatenated.
"""

from __future__ import annotations

MAX_FAST_CAPTURES = 4   # RE2's Prog::kMaxOnePassCapture is 5, counting the whole match


def capture_groups(pattern: str) -> list[int]:
    """Offsets of the capturing '(' of an RE2 pattern, in group order (escapes and [classes] skipped).
    Named groups are not used by any format, and count as non-capturing here."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            i += 1
            if pattern.startswith("^", i):
                i += 1
            if pattern.startswith("]", i):      # a leading ']' is a literal
                i += 1
            continue
        elif c == "(" and not pattern.startswith("(?", i):
            out.append(i)
        i += 1
    return out


def only_captures(pattern: str, groups: list[int], keep: set[int]) -> str:
    """The same pattern (so the same matches) with only the groups numbered in `keep` (0-based) capturing."""
    out, last = [], 0
    for n, pos in enumerate(groups):
        if n not in keep:
            out.append(pattern[last:pos] + "(?:")
            last = pos + 1
    out.append(pattern[last:])
    return "".join(out)


def regexp_extract_sql(pattern: str, names: tuple[str, ...], col: str = "line", *, prefix_safe: bool = False) -> str:
    """SQL for a STRUCT of the pattern's groups, named `names`, read from column `col`.

    `prefix_safe`: every group ends at a literal separator it cannot contain (CLF formats), so a prefix of
    the pattern captures what the whole pattern would; the last 4 groups (with `status`, which says
    whether the line matched) then use the whole pattern and the earlier ones a prefix cut where the next
    chunk starts (a shorter scan). A line the whole pattern does not match has an empty status.
    """
    groups = capture_groups(pattern)
    if len(groups) != len(names):
        raise ValueError(f"pattern {pattern!r}: {len(groups)} groups for {len(names)} names")
    n = len(names)
    full_from = 0             # groups from here on are read with the whole pattern
    if prefix_safe and n > MAX_FAST_CAPTURES and "status" in names[n - MAX_FAST_CAPTURES:]:
        full_from = n - MAX_FAST_CAPTURES
    starts = [*range(0, full_from, MAX_FAST_CAPTURES), full_from] if full_from else range(0, n, MAX_FAST_CAPTURES)
    parts = []
    for start in starts:
        end = min(start + MAX_FAST_CAPTURES, full_from if start < full_from else n)
        keep = set(range(start, end))
        if start < full_from:
            chunk = only_captures(pattern[:groups[end]], groups[:end], keep)
        else:
            chunk = only_captures(pattern, groups, keep)
        quoted = "'" + chunk.replace("'", "''") + "'"
        fields = ", ".join(f"'{names[i]}'" for i in sorted(keep))
        parts.append(f"regexp_extract({col}, {quoted}, [{fields}])")
    return parts[0] if len(parts) == 1 else f"struct_concat({', '.join(parts)})"

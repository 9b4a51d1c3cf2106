"""Quoted posts in articles: a quote (“... or «...) closed by a signature line that dates it.

``“We are releasing ...`` up to ``– Sam Altman (@sama) 12 يوليو 2025``: the date on the
signature line anchors the relative dates inside the post (``أمس`` there is the day before the
post, not before the article).
"""

from __future__ import annotations

import re

__all__ = ["is_signature", "post_span"]

# "– name (handle)" right before the date, and a whole signature line "– name (handle) 12 ...".
_SIGNATURE_BEFORE = re.compile(r"[–—-][^–—\n]{1,60}?\(\s*@?[\w.]{1,30}\s*\)\s*$")
_SIGNATURE_LINE = re.compile(r"[–—][^–—\n]{1,60}?\(\s*@?[\w.]{1,30}\s*\)\s*\d{1,2}\s")
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
_MAX_POST_LINES = 12


def _line_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    line_end = norm.find("\n", end)
    return norm.rfind("\n", 0, start) + 1, len(norm) if line_end < 0 else line_end


def is_signature(norm: str, start: int, end: int) -> bool:
    """Return True if the date at ``[start, end)`` ends a post's signature line."""
    line_start, line_end = _line_bounds(norm, start, end)
    return (
        bool(_SIGNATURE_BEFORE.search(norm, line_start, start)) and not norm[end:line_end].strip()
    )


def post_span(norm: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the span of the quoted post signed on the line of ``[start, end)``, if any.

    The post starts at the nearest line above (at most 12) that opens more quotes than it
    closes, unless another signature line comes first.
    """
    line_start, line_end = _line_bounds(norm, start, end)
    first = line_start
    for _ in range(_MAX_POST_LINES):
        if first == 0:
            return None
        first = norm.rfind("\n", 0, first - 1) + 1
        line = norm[first : norm.find("\n", first)]
        if _SIGNATURE_LINE.search(line):
            return None
        if sum(line.count(q) for q in _OPEN_QUOTES) > sum(line.count(q) for q in _CLOSE_QUOTES):
            return first, line_end
    return None

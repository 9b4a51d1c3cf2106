"""Month names and absolute calendar dates written in Arabic news text.

Shared by the corpus loader (datelines) and the timeline (date expressions). Month names come
from ``data/months.yaml`` and are matched on normalized text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from importlib import resources

import yaml

from arnews.normalize import normalize_ar

__all__ = ["month_names", "month_pattern", "parse_dateline"]


@cache
def month_names() -> dict[str, int]:
    """Return ``{normalized month name: month number}`` for every listed spelling."""
    raw = yaml.safe_load(resources.files("arnews.data").joinpath("months.yaml").read_text("utf-8"))
    return {normalize_ar(str(name)): int(month) for month, names in raw.items() for name in names}


@cache
def month_pattern() -> str:
    """Return a regex alternation of normalized month names, longest first."""
    names = sorted(month_names(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")
_NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")


@cache
def _named_date_re() -> re.Pattern:
    return re.compile(
        rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({month_pattern()})\s*،?\s*(\d{{4}})(?!\d)"
    )


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_dateline(line: str) -> dt.date | None:
    """Return the one full date a dateline states, or None if it states none or several.

    Understands ``19-08-2025`` (day first, as Arabic outlets write it), ``2025/08/19``,
    ``19.08.2025`` and ``الثلاثاء 19 أغسطس 2025``, with Western or Arabic-Indic digits.
    """
    norm = normalize_ar(line)
    found = set()
    for m in _NUMERIC_DMY.finditer(norm):
        found.add(_safe_date(int(m[4]), int(m[3]), int(m[1])))
    for m in _NUMERIC_YMD.finditer(norm):
        found.add(_safe_date(int(m[1]), int(m[3]), int(m[4])))
    for m in _named_date_re().finditer(norm):
        found.add(_safe_date(int(m[3]), month_names()[m[2]], int(m[1])))
    found.discard(None)
    return found.pop() if len(found) == 1 else None

"""Calendar dates written in Arabic news text, and the one coercion of date values.

Shared by the corpus loader (datelines, ``published`` fields), the timeline (date expressions)
and the notebook parameters (date ranges). Month names come from ``data/months.yaml`` and are
matched on :func:`arnews.normalize.match_key_ar` text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache
from importlib import resources

import pandas as pd
import yaml

from arnews.normalize import match_key_ar
from arnews.tokens import alternation

__all__ = [
    "NUMERIC_DATE",
    "as_date",
    "dateline_head",
    "month_names",
    "month_pattern",
    "numeric_ymd",
    "parse_dateline",
    "period_bounds",
]


@cache
def month_names() -> dict[str, int]:
    """Return ``{month name as a match key: month number}`` for every listed spelling."""
    raw = yaml.safe_load(resources.files("arnews.data").joinpath("months.yaml").read_text("utf-8"))
    return {match_key_ar(str(name)): int(month) for month, names in raw.items() for name in names}


@cache
def month_pattern() -> str:
    """Return a regex alternation of the month names (match keys), longest first."""
    return alternation(month_names())


#: A numeric date, day or year first (``19-08-2025``, ``2025/08/19``, ``19.08.2025``): groups
#: ``a``, ``b``, ``c`` (see :func:`numeric_ymd`). Not inside a longer run of numbers, a range or
#: a percentage.
NUMERIC_DATE = (
    r"(?<![\d.,/-])(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    r"(?![\d%]|[.,/-]\d)"
)
_NUMERIC_DATE_RE = re.compile(NUMERIC_DATE)


def numeric_ymd(a: str, b: str, c: str) -> tuple[int, int, int] | None:
    """Return ``(year, month, day)`` of the parts of a numeric date, or None if it is none.

    Year first (``2025/08/19``) or last; with the year last the day comes first, as Arabic
    outlets write it, unless the middle part cannot be a month (``08/19/2025``, English order).
    The year must be 1800-2199; the day is not checked against the month.
    """
    if len(a) == 4 and len(c) <= 2:
        y, mo, d = int(a), int(b), int(c)
    elif len(c) == 4 and len(a) <= 2:
        y, mo, d = int(c), int(b), int(a)
        if mo > 12 >= d:
            mo, d = d, mo
    else:
        return None
    return (y, mo, d) if 1800 <= y <= 2199 else None


def as_date(value: object) -> dt.date | None:
    """Return `value` as a date: a date, a datetime, or an ISO string (time part ignored).

    None, NaN, NaT and blank strings are None; anything else raises :class:`ValueError`.
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return dt.date.fromisoformat(text[:10]) if text else None


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def period_bounds(value: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises :class:`ValueError` on anything else or an impossible date.
    """
    m = _PARTIAL_DATE.fullmatch(str(value).strip())
    if m is None:
        raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
    y = int(m[1])
    lo_mo, hi_mo = (int(m[2]), int(m[2])) if m[2] else (1, 12)
    if not 1 <= hi_mo <= 12:
        raise ValueError(f"month must be in 1..12, got {hi_mo}")
    lo_d, hi_d = (int(m[3]), int(m[3])) if m[3] else (1, calendar.monthrange(y, hi_mo)[1])
    return dt.date(y, lo_mo, lo_d), dt.date(y, hi_mo, hi_d)


@cache
def _named_date_re() -> re.Pattern:
    months = month_pattern()
    paired = rf"(?:\s*/\s*(?:{months})|\s*\((?:{months})\))?"  # شباط/فبراير، فبراير (شباط)
    return re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({months}){paired}\s*،?\s*(\d{{4}})(?!\d)")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_dateline(line: str) -> dt.date | None:
    """Return the one full date a dateline states, or None if it states none or several.

    Understands ``19-08-2025`` (day first, as Arabic outlets write it), ``2025/08/19``,
    ``19.08.2025``, ``الثلاثاء 19 أغسطس 2025`` and ``13 شباط/فبراير 2025``, with Western or
    Arabic-Indic digits.
    """
    norm = match_key_ar(line)
    found = set()
    for m in _NUMERIC_DATE_RE.finditer(norm):
        ymd = numeric_ymd(m["a"], m["b"], m["c"])
        found.add(_safe_date(*ymd) if ymd else None)
    for m in _named_date_re().finditer(norm):
        found.add(_safe_date(int(m[3]), month_names()[m[2]], int(m[1])))
    found.discard(None)
    return found.pop() if len(found) == 1 else None


# A wire dateline opening a lead paragraph: a place, a comma or dash, the date, an optional
# "(وكالات)" / "(رويترز)" and a dash or colon: "باريس، 2025/10/07 (وكالات) - أعلنت ...",
# "الرياض – 3 مارس 2025 – قالت ...".
_DATELINE_HEAD = re.compile(
    r"\A\s*[^\d\n،,:()\-–—]{2,30}?\s*[،,\-–—]\s*(?P<date>[^\n:()\-–—]{4,30}?|[\d/.\-]{6,10}?)"
    r"\s*(?:\([^)\n]{1,30}\)\s*)?[\-–—:]"
)


def dateline_head(paragraph: str) -> dt.date | None:
    """Return the date of a wire dateline opening `paragraph` (place، date (agency) - ...)."""
    m = _DATELINE_HEAD.match(paragraph)
    return parse_dateline(m["date"]) if m else None

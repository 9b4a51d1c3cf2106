"""Checks for notebook parameters: fail at the top of a notebook with a clear message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from arnews.dates import period_bounds
from arnews.errors import ParameterError
from arnews.timeline.events import EVENT_KINDS

if TYPE_CHECKING:
    from arnews.mentions import Gazetteer

__all__ = [
    "ParameterError",
    "check_bool",
    "check_choice",
    "check_companies",
    "check_date_range",
    "check_existing_path",
    "check_kinds",
    "check_names",
    "check_positive_int",
]


def check_positive_int(name: str, value: object) -> int:
    """Return `value` if it is a positive int, else raise :class:`ParameterError`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ParameterError(f"{name} must be a positive integer, got {value!r}")
    return value


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, else raise :class:`ParameterError`."""
    choices = list(choices)
    if value not in choices:
        raise ParameterError(f"{name} must be one of {choices}, got {value!r}")
    return value  # type: ignore[return-value]


def check_existing_path(name: str, value: object) -> Path:
    """Return `value` as a Path if it exists, else raise :class:`ParameterError`."""
    path = Path(str(value))
    if not str(value) or not path.exists():
        raise ParameterError(f"{name}: no such file or folder: {value!r}")
    return path


def check_bool(name: str, value: object) -> bool:
    """Return `value` if it is True or False, else raise :class:`ParameterError`."""
    if not isinstance(value, bool):
        raise ParameterError(f"{name} must be True or False, got {value!r}")
    return value


def check_names(name: str, value: object) -> list[str]:
    """Return `value` if it is a list of strings (names), else raise :class:`ParameterError`."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ParameterError(f"{name} must be a list of names, got {value!r}")
    return value


def check_companies(companies: Iterable[str] | str | None, gazetteer: Gazetteer) -> list[str]:
    """Return the canonical names of `companies` (empty or None: every company).

    Raises
    ------
    ParameterError
        If a name is not a company of the gazetteer; the message lists the valid names.
    """
    if isinstance(companies, str):
        companies = [companies]
    wanted = list(companies or [])
    known = {c.casefold(): c for c in gazetteer.companies}
    unknown = [c for c in wanted if str(c).casefold() not in known]
    if unknown:
        raise ParameterError(
            f"unknown compan{'y' if len(unknown) == 1 else 'ies'} {unknown}; "
            f"valid names: {', '.join(gazetteer.companies)}"
        )
    return [known[str(c).casefold()] for c in wanted]


def check_kinds(kinds: object) -> list[str]:
    """Return `kinds` as a list if every item is an event kind, else raise ParameterError."""
    if isinstance(kinds, str) or not isinstance(kinds, list | tuple):
        raise ParameterError(f"kinds must be a list of event kinds {list(EVENT_KINDS)}")
    bad = [k for k in kinds if k not in EVENT_KINDS]
    if bad:
        raise ParameterError(f"unknown event kinds {bad}: use some of {list(EVENT_KINDS)}")
    return list(kinds)


def check_date_range(start: object, end: object) -> tuple[dt.date | None, dt.date | None]:
    """Parse notebook ``start``/``end`` values (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or "").

    Returns the first day of `start` and the last day of `end` (None where empty); raises
    :class:`ParameterError` on an unparsable value or `start` after `end`.
    """
    lo = _date_bound("start", start, 0)
    hi = _date_bound("end", end, 1)
    if lo is not None and hi is not None and lo > hi:
        raise ParameterError(f"start ({start!r}) is after end ({end!r})")
    return lo, hi


def _date_bound(name: str, value: object, which: int) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return period_bounds(str(value))[which]
    except ValueError as err:
        raise ParameterError(f"{name} is not a date: {value!r} ({err})") from None

"""The Arabic date vocabulary of ``data/dates_ar.yaml``, as match keys.

Every word goes through :func:`arnews.normalize.match_key_ar`, the form the timeline scans, so
the data file lists each word once in ordinary spelling. Constructions (which word may follow
which) are the families' business (:mod:`arnews.timeline.families`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml

from arnews.dates import month_names
from arnews.normalize import match_key_ar

__all__ = ["Vocabulary", "initials", "vocabulary"]


def _keys(words: Iterable[object]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(match_key_ar(str(w)) for w in words))


def _by_value(table: dict, cast=int) -> dict[str, object]:
    """Return ``{match key: value}`` of a ``{value: [words]}`` table."""
    return {match_key_ar(str(w)): cast(value) for value, words in table.items() for w in words}


def initials(words: Iterable[str], *, digits: bool = False) -> str:
    """Return the first characters of `words` (and of digits), for a regex character class."""
    chars = "".join(re.escape(c) for c in sorted({w[0] for w in words}))
    return (r"\d" if digits else "") + chars


class Vocabulary:
    """The words of ``dates_ar.yaml`` as match keys, grouped as the families use them."""

    def __init__(self, raw: dict):
        self.raw = raw
        self.months = month_names()
        self.hijri_months = _by_value(raw["hijri_months"])
        self.ordinal_days = _ordinal_days(raw)
        self.count_words = _by_value(raw["count_words"])
        self.count_units = _by_value(raw["count_units"], str)
        self.dual_units = _by_value(raw["dual_units"], str)
        self.one_units = _by_value(raw["one_units"], str)
        self.definite_units = _by_value(raw["definite_units"], str)
        self.weekdays = _by_value(raw["weekdays"])
        self.modifiers = _by_value(raw["modifiers"])
        self.edges = {match_key_ar(w): month for w, month in raw["edges"].items()}
        self.deictic_days = _by_value(raw["deictic_days"])
        self.feasts = {match_key_ar(name): tuple(md) for name, md in raw["feasts"].items()}
        self.unsafe_bare_months = frozenset(_keys(raw["unsafe_bare_months"]))
        for name in _WORD_LISTS:
            setattr(self, name, _keys(raw[name]))
        for name in _SINGLE_WORDS:
            setattr(self, name, match_key_ar(str(raw[name])))

    def modifier_offset(self, word: str) -> int | None:
        """Return -1, 0 or +1 for a modifier, masculine or feminine (``الماضيه``), else None."""
        stem = word[:-1] if word.endswith("ه") and word[:-1] in self.modifiers else word
        return self.modifiers.get(stem)


_WORD_LISTS = (
    "hijri_marks",
    "demonstratives",
    "year_words",
    "ambiguous_weekdays",
    "deictic_verbs",
    "today_not_after",
    "today_not_before",
    "before_bare_month",
    "before_bare_year",
    "counted_nouns",
    "period_nouns",
    "period_modifiers",
    "period_openers",
    "before_bare_period",
    "since_nouns",
    "for_periods",
    "seasons",
    "quarters",
    "recently",
    "nowadays_before",
    "whole_units",
    "same_words",
    "before_bare_feast",
)
_SINGLE_WORDS = ("today", "season_word", "quarter_word", "whole_word")


def _ordinal_days(raw: dict) -> dict[str, int]:
    """Return ``{ordinal: day}`` for 1-31: units, العاشر, the teens and the compounds of 20, 30."""
    units = {match_key_ar(w): int(n) for n, w in raw["ordinal_units"].items()}
    one = match_key_ar(raw["ordinal_one_in_compounds"])
    teen = match_key_ar(raw["ordinal_teens"])
    tens = {match_key_ar(w): int(n) for n, ws in raw["ordinal_tens"].items() for w in ws}
    out = dict(units) | {match_key_ar(raw["ordinal_ten"]): 10, f"{one} {teen}": 11} | tens
    for word, n in units.items():
        if n >= 2:
            out[f"{word} {teen}"] = 10 + n
        unit = one if n == 1 else word
        for ten, value in tens.items():
            if value == 20 or n == 1:  # 21-29 and 31
                out[f"{unit} و{ten}"] = value + n
    return out


@cache
def vocabulary() -> Vocabulary:
    """Return the vocabulary of ``data/dates_ar.yaml`` (read once)."""
    text = resources.files("arnews.data").joinpath("dates_ar.yaml").read_text("utf-8")
    return Vocabulary(yaml.safe_load(text))

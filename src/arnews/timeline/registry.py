"""The registry of date families: one record per construction, in one place.

A :class:`Family` holds everything the scanner needs to find and resolve one kind of date
expression: its regex over match-key text (:func:`arnews.normalize.match_key_ar`), the
characters a match can start with, the words (or digits) a line must hold for it to run, whether
it counts from an anchor date, and its resolver, a pure function of the match's groups and an
:class:`Anchors`. Adding a family is one :meth:`Registry.register` call.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from arnews.tokens import ONE_LETTER_PROCLITICS

__all__ = [
    "Anchors",
    "Family",
    "Impossible",
    "Registry",
    "Resolved",
    "Resolver",
]

Groups = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Resolved:
    """The value of a date expression: ``date`` is None exactly when ``precision`` is vague.

    ``precision`` is ``year``/``month``/``day``/``vague``; ``resolved_from`` is ``absolute``,
    ``publication`` or ``context``, or for vague rows ``unresolved`` or ``period``.
    """

    date: str | None
    precision: str
    resolved_from: str

    @classmethod
    def vague(cls, resolved_from: str) -> Resolved:
        """Return a vague value: a period, or a relative date with no anchor."""
        return cls(None, "vague", resolved_from)


@dataclass(frozen=True, slots=True)
class Impossible:
    """A date the text states but the calendar lacks (``31 فبراير``): dropped with a warning."""

    why: str


@dataclass(frozen=True, slots=True)
class Anchors:
    """What an expression at one position is resolved from.

    ``day`` is the full anchor date (the date of the quoted post holding the position, else the
    publication date) and ``day_from`` says which (``context``/``publication``/``unresolved``);
    ``year`` is the year a date without one takes (the publication year, else the nearest stated
    year) and ``year_from`` likewise; ``stated_year`` is the nearest year the text states
    (``العام نفسه``, "the same year"), or None.
    """

    day: dt.date | None
    day_from: str
    year: int | None
    year_from: str
    stated_year: int | None = None


#: A resolver: the match's groups and the anchors -> a value, an impossible date, or None when
#: the match is not a date after all.
Resolver = Callable[[Groups, Anchors], "Resolved | Impossible | None"]


@dataclass(frozen=True, eq=False)
class Family:
    """One kind of date expression.

    Parameters
    ----------
    name : the family's name (the ``family`` column of the events table).
    pattern : regex over match-key text; ``B`` / ``END`` of :mod:`arnews.timeline.families`
        mark word edges. A group ``year`` holding a stated year gives the article a context year.
    first : the characters a match can start with (a regex character-class body); a look-ahead
        on them makes most positions fail in one step. A missing character loses matches.
    resolve : see :data:`Resolver`. A group ``edge`` holds an edge word (نهاية) when the family
        takes edges.
    triggers : words (match keys) of which a line must hold one for the family to run on it.
    needs : instead of words, a regex a line must match (the digits of numeric families).
    relative : resolved from the full anchor date: runs after the families that state their
        date (they give context years and quoted posts' dates), and without an anchor its
        expressions are vague ``unresolved`` rows, the resolver not called.
    edges : a preceding edge word (نهاية، بداية من شهر) extends the expression.
    weekday_before : a weekday written right before it (الثلاثاء 19 أغسطس) belongs to it.
    weekday : its expressions name a weekday; one written right before a date of a
        ``weekday_before`` family is part of that date, not an expression of its own.
    says_next : an expression resolved from the publication date that holds a "next" modifier
        (الشهر المقبل، الخميس القادم) is in the future: announced, not yet released.
    """

    name: str
    pattern: str
    first: str
    resolve: Resolver
    triggers: frozenset[str] = frozenset()
    needs: str | None = None
    relative: bool = False
    edges: bool = False
    weekday_before: bool = False
    weekday: bool = False
    says_next: bool = False
    regex: re.Pattern = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(rf"(?=[{self.first}])(?:{self.pattern})"))


class Registry:
    """The date families in tie-break order (earlier wins between equally long matches).

    Built lazily by `build` (the families need the data files); the look-up tables of the
    pre-filter are rebuilt after every change.
    """

    def __init__(self, build: Callable[[], Iterable[Family]]):
        self._build = build
        self._families: list[Family] | None = None
        self._tables: dict[str, object] = {}

    @property
    def families(self) -> tuple[Family, ...]:
        """Return the families in tie-break order."""
        if self._families is None:
            self._families = list(self._build())
        return tuple(self._families)

    def __getitem__(self, name: str) -> Family:
        return self.by_name()[name]

    def register(self, family: Family, *, before: str | None = None) -> Family:
        """Add `family` (last, or just before the family named `before`); return it."""
        families = list(self.families)
        if family.name in self.by_name():
            raise ValueError(f"a date family named {family.name!r} is already registered")
        at = [f.name for f in families].index(before) if before else len(families)
        families.insert(at, family)
        self._families, self._tables = families, {}
        return family

    def unregister(self, name: str) -> None:
        """Remove the family named `name`."""
        self._families = [f for f in self.families if f.name != name]
        self._tables = {}

    def _table(self, key: str, make: Callable[[], object]):
        if key not in self._tables:
            self._tables[key] = make()
        return self._tables[key]

    def by_name(self) -> dict[str, Family]:
        """Return ``{name: family}``."""
        return self._table("by_name", lambda: {f.name: f for f in self.families})

    def order(self) -> dict[str, int]:
        """Return each family's rank, the tie-break between overlapping candidates."""
        return self._table("order", lambda: {f.name: i for i, f in enumerate(self.families)})

    def triggers(self) -> dict[str, frozenset[str]]:
        """Return ``{trigger word: names of the families it calls for}``."""
        return self._table("triggers", self._make_triggers)

    def _make_triggers(self) -> dict[str, frozenset[str]]:
        table: dict[str, set[str]] = {}
        for f in self.families:
            for word in f.triggers:
                table.setdefault(word.split()[0], set()).add(f.name)
        return {w: frozenset(names) for w, names in table.items()}

    def proclitic_triggers(self) -> frozenset[str]:
        """Return every trigger word with one proclitic letter glued in front (ومارس)."""
        return self._table(
            "proclitic",
            lambda: frozenset(p + w for p in ONE_LETTER_PROCLITICS for w in self.triggers()),
        )

    def digit_checks(self) -> list[tuple[str, re.Pattern]]:
        """Return ``(name, regex)`` of the families that run on lines matching a regex."""
        return self._table(
            "needs", lambda: [(f.name, re.compile(f.needs)) for f in self.families if f.needs]
        )

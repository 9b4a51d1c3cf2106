"""Find and resolve the date expressions of one text with the registered families.

Expressions are found on match-key text (:func:`arnews.normalize.match_key_ar`) line by line,
after a cheap pre-filter, and mapped back to offsets in the original text.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass

from arnews.dates import as_date
from arnews.normalize import normalize_with_offsets, span_to_original
from arnews.timeline.families import default_families, edge_before
from arnews.timeline.posts import is_signature, post_span
from arnews.timeline.registry import Anchors, Family, Impossible, Registry, Resolved
from arnews.tokens import ANY_WORD_RE

__all__ = ["FAMILIES", "DateExpression", "find_date_expressions", "scan"]

#: The date families in use: register a new one here (:meth:`Registry.register`).
FAMILIES = Registry(default_families)


@dataclass
class DateExpression:
    """One date expression: offsets into the original text and its resolved value.

    ``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (None when vague); ``precision`` is
    ``year``/``month``/``day``/``vague``; ``resolved_from`` is ``absolute``/``publication``/
    ``context`` or, for vague rows, ``unresolved``/``period``.
    """

    start: int
    end: int
    surface: str
    date: str | None
    precision: str
    resolved_from: str
    family: str
    signature: bool = False  # the date line of a quoted post ("– name (handle) date")
    post: tuple[int, int] | None = None  # original span of the quoted post it belongs to


@dataclass
class _Cand:
    start: int  # match-key text offsets
    end: int
    family: Family
    groups: dict[str, str | None]


# --- The pre-filter -----------------------------------------------------------------------------
# Each line's words (and the words less one proclitic letter) are looked up in the families'
# trigger words, and the digit families run only on a line holding the digits they cannot match
# without; only the families a line calls for run on it, so most lines run none. The work is
# done per article, in C as far as possible: the article's distinct words are intersected with
# the trigger words as sets, then each trigger word found is located with ``str.find`` and marks
# its line. No loop visits every word or line in Python, and no large regex alternation runs.


# Words as the patterns' edges see them, ``(?<!\w)`` ... ``(?!\w)``: not tokens.WORD_RE, which
# splits "mid-march" and "2025م" otherwise, so a trigger word would be missed or misplaced.
_IS_WORD_CHAR = re.compile(r"\w").match


def _article_triggers(norm: str, registry: Registry) -> dict[str, frozenset[str]]:
    """Return ``{word: family names}`` for the words of `norm` that call for families.

    A word calls for its own families if it is a trigger word, else for those of the word less
    a proclitic letter (``ومارس``).
    """
    table = registry.triggers()
    words = set(ANY_WORD_RE.findall(norm))
    own = words & table.keys()
    triggers = {w: table[w] for w in own}
    triggers.update((w, table[w[1:]]) for w in (words & registry.proclitic_triggers()) - own)
    return triggers


def _lines_to_scan(norm: str, registry: Registry) -> list[tuple[int, int, set[str]]]:
    """Return ``(start, end, family names)`` of the lines of `norm` that call for families."""
    wanted: dict[int, set[str]] = {}  # line start -> families

    def mark(pos: int, families) -> None:
        wanted.setdefault(norm.rfind("\n", 0, pos) + 1, set()).update(families)

    for word, families in _article_triggers(norm, registry).items():
        i = norm.find(word)
        while i >= 0:
            j = i + len(word)
            # Whole words only. A match inside a longer word hides no whole one: the next
            # whole occurrence cannot start before j, as norm[j - 1] is a word character.
            if not (i and _IS_WORD_CHAR(norm, i - 1)) and not _IS_WORD_CHAR(norm, j):
                mark(i, families)
            i = norm.find(word, j)
    for name, rx in registry.digit_checks():  # no digit pattern spans lines
        for m in rx.finditer(norm):
            mark(m.start(), (name,))
    out = []
    for start in sorted(wanted):
        end = norm.find("\n", start)
        out.append((start, len(norm) if end < 0 else end, wanted[start]))
    return out


# --- Candidates ---------------------------------------------------------------------------------


def _find_candidates(norm: str, registry: Registry) -> list[_Cand]:
    """Return the non-overlapping expressions of `norm`, longest first, in text order."""
    found: list[_Cand] = []
    by_name = registry.by_name()
    for pos, end, wanted in _lines_to_scan(norm, registry):
        line = norm[pos:end]
        for name in wanted:
            family = by_name[name]
            for m in family.regex.finditer(line):
                found.append(_Cand(pos + m.start(), pos + m.end(), family, m.groupdict()))
    order = registry.order()
    found.sort(key=lambda c: (c.start - c.end, order[c.family.name], c.start))
    # Greedy, longest first: keep a candidate unless it overlaps one kept. Kept spans are
    # disjoint, so in start order only the neighbours of the insertion point can overlap.
    taken: list[_Cand] = []
    starts: list[int] = []
    for c in found:
        k = bisect_right(starts, c.start)
        if (k and taken[k - 1].end > c.start) or (k < len(taken) and taken[k].start < c.end):
            continue
        starts.insert(k, c.start)
        taken.insert(k, c)
    return _drop_weekday_before_date(norm, _attach_edges(norm, taken))


def _attach_edges(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """Extend expressions of families taking edges over a preceding نهاية/بداية/منتصف ... word."""
    rx = edge_before()
    for c in cands:
        if not c.family.edges:
            continue
        m = rx.search(norm, norm.rfind("\n", 0, c.start) + 1, c.start)
        if m:
            c.start = m.start()
            c.groups["edge"] = m["edge"]
    return cands


def _drop_weekday_before_date(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """A weekday written before a full date ("الثلاثاء 19 أغسطس") is part of it, not an event."""
    out = []
    for i, c in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (
            c.family.weekday
            and nxt is not None
            and nxt.family.weekday_before
            and not norm[c.end : nxt.start].strip(" ،,")
        ):
            continue
        out.append(c)
    return out


# --- Anchors ------------------------------------------------------------------------------------


class _Anchoring:
    """An article's anchors: publication date, stated years, quoted posts and their dates."""

    def __init__(self, published: dt.date | None):
        self.published = published
        self.years: list[tuple[int, int]] = []  # (offset, year) of stated years, text order
        self.posts: list[tuple[int, int, dt.date]] = []  # match-key spans of posts, their date

    def index_years(self) -> None:
        """Index the stated years (once they are all in) for the nearest-year look-up."""
        first: dict[int, tuple[int, int]] = {}  # position -> (list index, year)
        for i, (p, year) in enumerate(self.years):
            first.setdefault(p, (i, year))
        self._pos, self._at = sorted(first), first

    def _nearest_year(self, pos: int) -> int:
        """Return the year stated nearest `pos`, the first stated on a tie."""
        k = bisect_right(self._pos, pos)
        near = [self._pos[j] for j in (k - 1, k) if 0 <= j < len(self._pos)]
        return self._at[min(near, key=lambda p: (abs(p - pos), self._at[p][0]))][1]

    def at(self, pos: int) -> Anchors:
        """Return the anchors of an expression starting at `pos`."""
        post = next((day for s, e, day in self.posts if s <= pos < e), None)
        if post is not None:
            day, day_from = post, "context"
        elif self.published is not None:
            day, day_from = self.published, "publication"
        else:
            day, day_from = None, "unresolved"
        stated = self._nearest_year(pos) if self.years else None
        if self.published is not None:
            year, year_from = self.published.year, "publication"
        elif stated is not None:
            year, year_from = stated, "context"
        else:
            year, year_from = None, "unresolved"
        return Anchors(day, day_from, year, year_from, stated)


# --- The scan -----------------------------------------------------------------------------------


def scan(
    text: str, published: dt.date | None, article_id: str, registry: Registry = FAMILIES
) -> list[DateExpression]:
    """Return the date expressions of `text` in text order (see :func:`find_date_expressions`).

    Two passes: the families that state their date first (they give the context years and the
    dates of quoted posts, whose signature lines they find), then the relative ones.
    """
    norm, origin = normalize_with_offsets(text, taa_marbuta=True)
    cands = _find_candidates(norm, registry)
    anchoring = _Anchoring(published)
    anchoring.years = [
        (c.start, int(c.groups["year"]))
        for c in cands
        if not c.family.relative and c.groups.get("year")
    ]
    anchoring.index_years()
    out: dict[int, DateExpression] = {}
    emit = _Emitter(text, origin, anchoring, article_id, out)
    for i, c in enumerate(cands):
        if not c.family.relative:
            emit(i, c)
    for i, expr in list(out.items()):
        c = cands[i]
        if expr.precision == "day" and is_signature(norm, c.start, c.end):
            expr.signature = True
            span = post_span(norm, c.start, c.end)
            if span is not None:
                anchoring.posts.append((*span, dt.date.fromisoformat(expr.date)))
                expr.post = span_to_original(text, origin, *span)
    for i, c in enumerate(cands):
        if c.family.relative:
            emit(i, c)
    for i, expr in out.items():
        for s, e, _ in anchoring.posts:
            if s <= cands[i].start < e and not expr.signature:
                expr.post = span_to_original(text, origin, s, e)
    return [out[k] for k in sorted(out, key=lambda k: cands[k].start)]


@dataclass
class _Emitter:
    """Resolve candidates into `out`; warn about impossible dates."""

    text: str
    origin: object
    anchoring: _Anchoring
    article_id: str
    out: dict[int, DateExpression]

    def __call__(self, i: int, c: _Cand) -> None:
        start, end = span_to_original(self.text, self.origin, c.start, c.end)
        surface = self.text[start:end]
        at = self.anchoring.at(c.start)
        if c.family.relative and at.day is None:
            value = Resolved.vague(at.day_from)
        else:
            value = c.family.resolve(c.groups, at)
        if isinstance(value, Impossible):
            warnings.warn(
                f"{self.article_id}: impossible date {surface!r} ({value.why}) ignored",
                UserWarning,
                stacklevel=5,
            )
        elif value is not None:
            self.out[i] = DateExpression(start, end, surface, *_fields(value), c.family.name)


def _fields(value) -> tuple[str | None, str, str]:
    return value.date, value.precision, value.resolved_from


def find_date_expressions(
    text: str, published: dt.date | str | None = None, *, article_id: str = "<text>"
) -> list[DateExpression]:
    """Find and resolve the date expressions of one text (an article, or a sentence in tests).

    Parameters
    ----------
    text : the original text; offsets of the results index it.
    published : the publication date anchoring relative expressions, or None.
    article_id : named in the warning for an impossible date.

    Returns
    -------
    list of :class:`DateExpression` in text order, vague ones included.
    """
    return scan(text, as_date(published), article_id)

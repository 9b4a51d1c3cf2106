"""The kind of event on a date, from the verb or noun that governs the date expression.

The cue words are data (``data/event_cues.yaml``). For a date in a sentence:

1. A postponement anywhere in the sentence, not negated, makes it a ``delay`` (a planned date
   that was postponed: كان من المقرر ... قبل أن تؤجله; أعلنت أمس تأجيل ...).
2. Otherwise the governing cue is the nearest cue word in the date's clause: tokens between
   them count one each, a comma three, a cue after the date one more (a cue in a relative
   clause after the date only when no other is in reach); clause breaks (حيث، في حين، ، بعد،
   a spaced dash, ؛) are not crossed.
3. That cue's tense and the words just before it decide whether the thing happened: a plan
   word (تعتزم، من المقرر، خطة), a negation (لم، لن، نفت), the future (سـ، سوف) or a
   subjunctive أن make it ``other``, as does a date after the publication date.
4. A release verb or an unveiling (كشف عن) is a ``release`` when its object is a product (a
   product named, a product noun such as نموذج، نسخة، أوزان, or a versioned Latin name such as
   Qwen3, just after the cue or just before it in a relative clause); otherwise an
   ``announcement``. An announcement of a release
   (أعلنت ... إطلاق نموذجها) is the release.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import islice

import numpy as np
import yaml

from arnews.normalize import match_key_ar, normalize_with_offsets
from arnews.tokens import CONJUNCTIONS, FUTURE_PREFIX, GLUED_PROCLITICS, WORD_RE
from arnews.tokens import alternation as alt

__all__ = ["EventCue", "classify", "cues_of", "event_kind", "governing_cue", "is_dateline"]

_MAX_DISTANCE = 24
_COMMA_COST = 3
_AFTER_COST = 1
_MODAL_WINDOW = 3  # words before a cue that may make it not happen
_OBJECT_AFTER = 6  # words after a release cue where its product object may stand
_OBJECT_BEFORE = 3
_OBJECT_PRONOUNS = ("هما", "هم", "ها", "ه")  # أطلقته، تأجيلها
_COMMA_RE = re.compile("[،,]")
_DATELINE_MAX_CHARS = 60
_HARD_BREAKS = re.compile(r"[؛;:]|\s[-–—]\s")


@dataclass(frozen=True, slots=True)
class _Form:
    kind: str
    tense: str  # perfect / imperfect / noun
    future: bool  # a glued سـ


class _Lexicon:
    """The cue words of ``event_cues.yaml``; glued-clitic variants are looked up in one step."""

    def __init__(self, raw: dict):
        self.forms: dict[str, _Form] = {}
        for entry in raw["cues"]:
            for tense in ("perfect", "imperfect", "noun"):
                for word in entry.get(tense, ()):
                    self._add(match_key_ar(str(word)), entry["kind"], tense)
        self.negations = frozenset(match_key_ar(w) for w in raw["negations"])
        self.future_words = frozenset(match_key_ar(w) for w in raw["future_words"])
        self.subjunctive = frozenset(match_key_ar(w) for w in raw["subjunctive"])
        self.an = match_key_ar(raw["an"])
        self.naming_after = frozenset(match_key_ar(w) for w in raw["naming_after"])
        self.product_stems = tuple(match_key_ar(w) for w in raw["product_nouns"])
        phrases = [match_key_ar(w) for w in raw["clause_breaks"]]
        after_comma = [match_key_ar(w) for w in raw["comma_breaks"]]
        # A break word or phrase as whole words; a preposition only right after a comma.
        self.break_re = re.compile(
            rf"(?<!\w)(?P<at>{alt(phrases)})(?!\w)|[،,]\s*(?P<at2>{alt(after_comma)})(?!\w)"
        )
        self.relative_pronouns = frozenset(match_key_ar(w) for w in raw["relative_pronouns"])
        self.dateline_words = frozenset(match_key_ar(w) for w in raw["dateline_words"])

    def _add(self, word: str, kind: str, tense: str) -> None:
        stems = [(word, False)]
        if tense == "imperfect" and not word.isascii():
            stems.append((FUTURE_PREFIX + word, True))
        for stem, future in stems:
            bases = [stem, *(stem + s for s in _OBJECT_PRONOUNS)] if not stem.isascii() else [stem]
            for base in bases:
                self.forms.setdefault(base, _Form(kind, tense, future))
                if stem.isascii():
                    continue
                for clitic in GLUED_PROCLITICS:
                    if clitic.endswith("ال") and tense != "noun":
                        continue  # the article goes with nouns only
                    self.forms.setdefault(clitic + base, _Form(kind, tense, future))

    def is_product_noun(self, token: str) -> bool:
        """Return True if `token` (less a proclitic) starts with a product noun (نموذجها)."""
        if token.startswith(self.product_stems):
            return True
        return any(
            token.startswith(c) and token[len(c) :].startswith(self.product_stems)
            for c in GLUED_PROCLITICS
        )


@cache
def _lexicon() -> _Lexicon:
    text = resources.files("arnews.data").joinpath("event_cues.yaml").read_text("utf-8")
    return _Lexicon(yaml.safe_load(text))


@dataclass(frozen=True, slots=True)
class EventCue:
    """A cue word of a text: its token index and span (match-key offsets) and what it says."""

    index: int
    start: int
    end: int
    kind: str
    tense: str
    future: bool


class _Text:
    """A text's match-key tokens, commas, clause breaks and cues (built once per text)."""

    def __init__(self, text: str):
        lex = _lexicon()
        self.norm, self.origin = normalize_with_offsets(text, taa_marbuta=True)
        self.tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(self.norm)]
        self.starts = [t[0] for t in self.tokens]
        self.ends = [t[1] for t in self.tokens]
        self.breaks = [
            m.start("at") if m["at"] else m.start("at2") for m in lex.break_re.finditer(self.norm)
        ]
        self.breaks += [m.start() for m in _HARD_BREAKS.finditer(self.norm)]
        self.commas = [m.start() for m in _COMMA_RE.finditer(self.norm)]
        self.relatives = [i for i, t in enumerate(self.tokens) if t[2] in lex.relative_pronouns]
        self.cues = cues_of(self)

    def covering(self, lo: int, hi: int) -> tuple[int, int]:
        """Return the first and last index of the tokens overlapping ``[lo, hi)``."""
        return bisect_right(self.ends, lo), bisect_left(self.starts, hi) - 1

    def number_after(self, i: int) -> bool:
        """Return True if token `i` is followed by a number (Gemma 4, Llama 3.1)."""
        return i + 1 < len(self.tokens) and self.tokens[i + 1][2].isdigit()

    def crosses_break(self, a: int, b: int) -> bool:
        """Return True if a clause break starts in ``[a, b)``."""
        return any(a <= p < b for p in self.breaks)

    def commas_between(self, a: int, b: int) -> int:
        lo, hi = min(a, b), max(a, b)
        return sum(lo <= p < hi for p in self.commas)


def cues_of(text: _Text) -> list[EventCue]:
    """Return the cue words of `text` in order."""
    forms = _lexicon().forms
    out = []
    for i, (s, e, word) in enumerate(text.tokens):
        form = forms.get(word)
        if form is not None:
            out.append(EventCue(i, s, e, form.kind, form.tense, form.future))
    return out


def governing_cue(text: _Text, cues: Sequence[EventCue], span: tuple[int, int]) -> EventCue | None:
    """Return the nearest cue to the date at `span` (match-key offsets) in its clause.

    A cue in a relative clause after the date (في نفس اليوم الذي أعلن فيه) tells of another
    event on that day: it governs only when no other cue is in reach.
    """
    first, last = text.covering(*span)
    best, best_key = None, (True, _MAX_DISTANCE + 1)
    for cue in cues:
        if first <= cue.index <= last:
            continue
        after = cue.index > last
        gap = cue.index - last - 1 if after else first - cue.index - 1
        lo, hi = (span[1], cue.start) if after else (cue.end, span[0])
        if text.crosses_break(lo, hi):
            continue
        cost = gap + _COMMA_COST * text.commas_between(lo, hi) + _AFTER_COST * after
        relative = after and any(last < i < cue.index for i in text.relatives)
        if cost <= _MAX_DISTANCE and (relative, cost) < best_key:
            best, best_key = cue, (relative, cost)
    return best


def _before(text: _Text, cue: EventCue) -> list[str]:
    """Return the few words before `cue` in its clause, less a glued و or ف (ولم، فلن)."""
    words = []
    for j in range(max(0, cue.index - _MODAL_WINDOW), cue.index):
        s, _, word = text.tokens[j]
        if not text.crosses_break(s + 1, cue.start):
            words.append(word[1:] if len(word) > 2 and word[0] in CONJUNCTIONS else word)
    return words


def _negated(text: _Text, cue: EventCue) -> bool:
    """Return True if a negation stands just before `cue` (لم تطلق، نفت أن تطرح)."""
    return any(w in _lexicon().negations for w in _before(text, cue))


def _happened(text: _Text, cue: EventCue) -> bool:
    """Return False if a plan, negation, future or subjunctive word makes `cue` not happen."""
    lex = _lexicon()
    if cue.kind == "plan" or cue.future or _negated(text, cue):
        return False
    for word in _before(text, cue):
        form = lex.forms.get(word)
        if word in lex.future_words or (form and form.kind == "plan"):
            return False
        if word in lex.subjunctive and cue.tense == "imperfect":
            return False
    return True


def _has_product_object(
    text: _Text, cue: EventCue, products: Sequence[tuple[int, int]], skip
) -> bool:
    """Return True if a product is named or a product noun stands just after or before `cue`."""
    lex = _lexicon()
    following = (j for j in range(cue.index + 1, len(text.tokens)) if j not in skip)
    window = [
        *islice(following, _OBJECT_AFTER),
        *range(max(0, cue.index - _OBJECT_BEFORE), cue.index),
    ]
    for j in window:
        s, e, word = text.tokens[j]
        if text.crosses_break(min(e, cue.end), max(s, cue.start)):
            continue
        versioned = (
            word.isascii()
            and not word.isdigit()
            and (any(c.isdigit() for c in word) or text.number_after(j))
        )
        if versioned or lex.is_product_noun(word) or any(ps < e and pe > s for ps, pe in products):
            return True
    return False


def _unveils(text: _Text, cue: EventCue) -> bool:
    """Return True if عن (or عنه، عنها) follows `cue` within two words (كشفت ... عن)."""
    an = _lexicon().an
    following = text.tokens[cue.index + 1 : cue.index + 3]
    return any(w == an or (w.startswith(an) and len(w) <= len(an) + 2) for _, _, w in following)


def _names(text: _Text, cue: EventCue) -> bool:
    """Return True if على follows a release verb: أطلقت (الشركة) عليه اسم ("named it")."""
    following = text.tokens[cue.index + 1 : cue.index + 3]
    return any(w in _lexicon().naming_after for _, _, w in following)


def _announced(text: _Text, cues: Sequence[EventCue], cue: EventCue, kind: str) -> EventCue | None:
    """Return a noun of `kind` announced by `cue` (أعلنت ... إطلاق نموذجها), if any."""
    for other in cues:
        if other.kind == kind and other.tense == "noun" and 0 < other.index - cue.index <= 4:
            return other
    return None


def _cue_kind(text: _Text, cues, cue: EventCue, products, skip) -> str:
    if cue.kind == "delay":
        return "other" if _negated(text, cue) else "delay"
    if not _happened(text, cue) or cue.tense == "imperfect":
        return "other"
    kind = cue.kind
    if kind == "announcement":
        released = _announced(text, cues, cue, "release")
        if _announced(text, cues, cue, "delay") is not None:
            kind = "delay"
        elif released is not None:
            cue, kind = released, "release"
        elif _unveils(text, cue):
            kind = "unveil"
    if kind == "release" and cue.tense != "noun" and _names(text, cue):
        return "other"
    if kind == "delay":
        return kind
    if kind in ("release", "unveil"):
        return "release" if _has_product_object(text, cue, products, skip) else "announcement"
    return kind


def event_kind(
    text: str,
    span: tuple[int, int] | None = None,
    *,
    products: Sequence[tuple[int, int]] = (),
    future: bool = False,
) -> str:
    """Return the kind of event of the date at `span` of `text`, or of the whole text.

    Parameters
    ----------
    text : a sentence (or a quoted post), original or normalized.
    span : the date expression's ``(start, end)`` in `text`; None for the whole text: a delay,
        else a release, else an announcement that happened, else other.
    products : ``(start, end)`` in `text` of the products named in it.
    future : the date lies after the publication date (nothing on it has happened yet).

    Returns
    -------
    ``release``, ``announcement``, ``delay`` or ``other``.
    """
    kind, _ = classify(text, span, products=products, future=future)
    return kind


def classify(
    text: str,
    span: tuple[int, int] | None = None,
    *,
    products: Sequence[tuple[int, int]] = (),
    future: bool = False,
) -> tuple[str, int | None]:
    """Return ``(kind, offset in text of the governing cue or None)``; see :func:`event_kind`."""
    t = _text(text)
    origin, cues = t.origin, t.cues
    if not cues:
        return "other", None
    ends = [x for pair in ((span or (0, 0)), *products) for x in pair]
    ends = np.searchsorted(origin, ends).tolist()  # original offsets -> match-key offsets
    prods = list(zip(ends[2::2], ends[3::2], strict=True))
    delayed = any(c.kind == "delay" and not _negated(t, c) for c in cues)
    if span is None:
        kinds = {_cue_kind(t, cues, c, prods, ()) for c in cues} | (
            {"delay"} if delayed else set()
        )
        kind = next((k for k in ("delay", "release", "announcement") if k in kinds), "other")
        return kind, None
    lo, hi = ends[0], ends[1]
    cue = governing_cue(t, cues, (lo, hi))
    if cue is None:
        return ("delay" if delayed else "other"), None
    first, last = t.covering(lo, hi)
    skip = range(first, last + 1)  # the date's own tokens
    kind = _cue_kind(t, cues, cue, prods, skip)
    if delayed:  # a postponement, or a planned date that was postponed
        kind = "delay"
    if future and kind in ("release", "announcement"):
        kind = "other"
    return kind, int(origin[cue.start])


@lru_cache(maxsize=64)
def _text(text: str) -> _Text:
    """Return the analysis of `text`; a sentence or post holding several dates is read once."""
    return _Text(text)


def is_dateline(rest: str) -> bool:
    """Return True if `rest` (a sentence less its date) has only dateline words (نُشر في)."""
    if len(rest) > _DATELINE_MAX_CHARS:
        return False
    return set(WORD_RE.findall(match_key_ar(rest))) <= _lexicon().dateline_words

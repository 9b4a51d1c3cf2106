"""Stance toward open versus closed AI models, sentence by sentence, with the words that decide it.

A sentence gets a row per target (``open`` / ``closed``) it evaluates. The default scorer,
:class:`LexiconScorer`, works on normalized text (``normalize_ar(..., taa_marbuta=True)``):

* **Targets** come from ``data/stance_targets.csv``: fixed expressions (``مفتوح المصدر``,
  ``open-weight``, ``خلف واجهات برمجة التطبيقات``) and a modifier (``مفتوح``, ``مغلق``,
  ``مدفوع``) that follows one of the listed head nouns within three words (``نماذج لغوية كبيرة
  مفتوحة``). A sentence without its own target takes one from context when it is a list item or
  heading, or refers back with a demonstrative (``هذه المنصات``), or names a model that the same
  article calls open/closed elsewhere (this needs a mentions table).
* **Polarity** comes from ``data/stance_lexicon.csv`` (term, polarity, weight, aspect) and the
  rules of ``data/stance_rules.csv``: negators flip a cue (two cancel: ``لا يخلو من المخاطر``),
  ``دون``/``على عكس`` flip a cue *and* mark the target that follows them as the rejected side,
  the clause after ``رغم`` counts half, intensifiers count 1.5, hedges (``قد``) 0.75.
* Matching allows the proclitics و ف ب ك ل ال لل and the suffixes ة ات ين ون ان ي ها هم ا.

A sentence with both targets and a cue for one side only gives the other side the opposite
polarity when a contrast word precedes it ("unlike closed models ..."). ``neutral`` is kept
for a sentence that weighs both sides for one target with comparable weight.

Other scorers (a local transformer, say) plug in through :class:`StanceScorer`.

Known failure kinds (seen on the seeds, expected elsewhere):

* implicit targets: a sentence that judges open/closed models without naming them or a model
  the article labels ("the wrong side of history", "this cost structure is hard to justify"),
  and proprietary products never called closed in the text (ChatGPT, Gemini) are missed;
* idioms and pragmatics: admissions, irony, rhetorical questions, "from control to openness"
  (the rejected state of a transition) read word by word;
* attribution within long sentences: with both targets and no contrast word, a cue goes to
  the nearest target, which is sometimes the wrong one;
* context inheritance over-reaches: an evaluative list item or a demonstrative in an article
  mostly about open models is credited to open models even when it is about something else;
* evaluative words outside the lexicon, and ambiguous ones (``مرتفعة`` high cost vs high
  quality, ``مدفوعًا`` paid vs driven) are left out on purpose.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import json
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from arnews.errors import LexiconError
from arnews.normalize import normalize_ar, normalize_with_offsets, span_to_original
from arnews.schema import STANCE
from arnews.tokens import GLUED_PROCLITICS, WORD_RE

__all__ = [
    "EXTRA_COLUMNS",
    "Cue",
    "Lexicon",
    "LexiconError",
    "LexiconScorer",
    "SentenceContext",
    "StanceJudgement",
    "StanceScorer",
    "filter_confidence",
    "load_lexicon",
    "net_tone",
    "score_distribution",
    "score_stance",
    "stance_by_company",
]

EXTRA_COLUMNS = ("confidence", "aspect", "via", "start", "end")
TARGETS = ("open", "closed")
POLARITIES = ("positive", "negative", "neutral")
_CONF_RANK = {"low": 0, "high": 1}

_TOKEN_RE = WORD_RE
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
_PROCLITICS = ("", *GLUED_PROCLITICS)  # "": a word without one
_SUFFIXES = ("ات", "ين", "ون", "ان", "ها", "هم", "ي", "ه", "ا")
_MIN_STEM = 2
_CLAUSE_END_RE = re.compile("[،,:;.؛]")  # ends a negator's or contrast word's reach
_COMMA_RE = re.compile("[،,:;]")  # ends a conceded clause
_BULLET_RE = re.compile(r"^\s*(?:[-–—•*▪◦✅✔☑➤►]|\d+[.)])")
_HEAD_GAP = 3  # words allowed between a head noun and its open/closed modifier
_NEG_WINDOW = 3  # words before a cue in which a negator counts
_ATTACH_WINDOW = 3  # words around a closed target in which a cue describes it


@dataclass(frozen=True)
class Entry:
    """One row of a lexicon file, with its term split into normalized match keys."""

    term: str
    keys: tuple[str, ...]
    label: str  # polarity (lexicon), target (targets), or role (rules)
    weight: float = 0.0
    aspect: str = ""
    kind: str = ""  # targets: term / modifier / head


@dataclass
class Lexicon:
    """The evaluative lexicon, the target expressions and the rule words."""

    cues: list[Entry]
    targets: list[Entry]
    rules: list[Entry]
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cue_index = _index(self.cues)
        self.target_index = _index([e for e in self.targets if e.kind == "term"])
        self.modifier_index = _index([e for e in self.targets if e.kind == "modifier"])
        self.head_keys = frozenset(e.keys[0] for e in self.targets if e.kind == "head")
        self.roles: dict[str, str] = {e.keys[0]: e.label for e in self.rules}


@dataclass(frozen=True)
class Cue:
    """An evaluative word (or phrase) found in a sentence; offsets into the article text."""

    text: str
    start: int
    end: int
    polarity: str
    weight: float
    aspect: str
    negated: bool = False


@dataclass(frozen=True)
class StanceJudgement:
    """One (sentence, target) judgement returned by a scorer."""

    target: str
    polarity: str
    score: float
    cues: tuple[Cue, ...]
    confidence: str = "high"
    aspect: str = "openness"
    via: str = "text"  # text / context / mention


@dataclass
class SentenceContext:
    """What a scorer may know about a sentence beyond its text."""

    article_id: str
    sentence_id: int
    article_text: str
    start: int  # offset of the sentence in the article text
    end: int
    context_targets: tuple[str, ...] = ()  # inherited from a lead sentence or article
    # Models named here that the article calls open/closed: (start, end, target), article offsets.
    mention_spans: tuple[tuple[int, int, str], ...] = ()
    is_item: bool = False  # a list item or a heading
    norm: str = ""  # normalized article text (taa_marbuta=True)
    origin: np.ndarray | None = None  # normalize_with_offsets map for `norm`


class StanceScorer(Protocol):
    """Anything that judges a sentence's stance toward open/closed models.

    A scorer may also define ``target_spans(sentence, context) -> [(start, end, target)]``
    (article offsets of the open/closed expressions it sees); :func:`score_stance` then fills
    ``context.context_targets`` and ``context.mention_spans`` for it, as for the default
    :class:`LexiconScorer`. Without it, context is left empty.
    """

    def score(self, sentence: str, context: SentenceContext) -> list[StanceJudgement]:
        """Return one judgement per target the sentence evaluates (none when purely factual)."""


# ---------------------------------------------------------------------------------------------
# Lexicon files


def _norm_key(word: str) -> str:
    """Return the match key of one normalized word: without a leading article ال."""
    if word.startswith("ال") and len(word) - 2 >= 3:
        return word[2:]
    return word


def _term_keys(term: str) -> tuple[str, ...]:
    words = _TOKEN_RE.findall(normalize_ar(term, taa_marbuta=True))
    return tuple(_norm_key(w) for w in words)


def _index(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in entries:
        out.setdefault(e.keys[0], []).append(e)
    for lst in out.values():
        lst.sort(key=lambda e: -len(e.keys))  # longest match first
    return out


_SPECS = {
    "lexicon": (
        ("term", "polarity", "weight", "aspect", "note"),
        ("positive", "negative", "neutral"),
    ),
    "targets": (("term", "target", "kind", "note"), ("term", "modifier", "head")),
    "rules": (
        ("term", "role", "note"),
        (
            "negator",
            "contrast",
            "concession",
            "adversative",
            "scope",
            "intensifier",
            "hedge",
            "reporting",
            "anaphor",
        ),
    ),
}


def _read_rows(path: Path | str, name: str, text: str) -> list[Entry]:
    columns, allowed = _SPECS[name]
    rows = list(csv.reader(text.splitlines()))
    if not rows or tuple(c.strip() for c in rows[0]) != columns:
        got = ",".join(rows[0]) if rows else "(empty file)"
        raise LexiconError(f"{path}:1: header must be {','.join(columns)}, got {got}")
    out = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if len(row) != len(columns):
            raise LexiconError(f"{path}:{lineno}: expected {len(columns)} fields, got {len(row)}")
        rec = dict(zip(columns, (c.strip() for c in row), strict=True))
        keys = _term_keys(rec["term"])
        if not keys:
            raise LexiconError(f"{path}:{lineno}: empty or unmatchable term {rec['term']!r}")
        out.append(_entry(path, lineno, name, rec, keys, allowed))
    return out


def _entry(path, lineno, name, rec, keys, allowed) -> Entry:
    where = f"{path}:{lineno}"
    if name == "lexicon":
        if rec["polarity"] not in allowed:
            raise LexiconError(
                f"{where}: polarity must be one of {allowed}, got {rec['polarity']!r}"
            )
        try:
            weight = float(rec["weight"])
        except ValueError:
            raise LexiconError(
                f"{where}: weight must be a number, got {rec['weight']!r}"
            ) from None
        if not 0 <= weight <= 3:
            raise LexiconError(f"{where}: weight must be between 0 and 3, got {weight}")
        if rec["aspect"] not in ("openness", "other"):
            raise LexiconError(f"{where}: aspect must be openness or other, got {rec['aspect']!r}")
        return Entry(rec["term"], keys, rec["polarity"], weight, rec["aspect"])
    if name == "targets":
        if rec["kind"] not in allowed:
            raise LexiconError(f"{where}: kind must be one of {allowed}, got {rec['kind']!r}")
        if rec["kind"] != "head" and rec["target"] not in TARGETS:
            raise LexiconError(f"{where}: target must be open or closed, got {rec['target']!r}")
        return Entry(rec["term"], keys, rec["target"], kind=rec["kind"])
    if rec["role"] not in allowed:
        raise LexiconError(f"{where}: role must be one of {allowed}, got {rec['role']!r}")
    return Entry(rec["term"], keys, rec["role"])


def _packaged(name: str) -> tuple[str, str]:
    res = resources.files("arnews") / "data" / f"stance_{name}.csv"
    return str(res), res.read_text("utf-8")


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """Load the packaged stance lexicon, target expressions and rule words.

    Parameters
    ----------
    extra : path, optional
        A CSV with the lexicon's columns ``term,polarity,weight,aspect,note`` whose rows are
        added to the packaged ones (an empty string means none).

    Raises
    ------
    LexiconError
        When a file is malformed; the message starts with ``<file>:<line>:``.
    """
    packaged = {name: _packaged(name) for name in _SPECS}
    parts = {name: _read_rows(where, name, text) for name, (where, text) in packaged.items()}
    sources = [where for where, _ in packaged.values()]
    if extra:
        path = Path(extra)
        if not path.is_file():
            raise LexiconError(f"{path}:0: no such lexicon file")
        parts["lexicon"] += _read_rows(path, "lexicon", path.read_text("utf-8-sig"))
        sources.append(str(path))
    return Lexicon(parts["lexicon"], parts["targets"], parts["rules"], sources)


# ---------------------------------------------------------------------------------------------
# Matching


@lru_cache(maxsize=200_000)
def _word_keys(word: str) -> frozenset[str]:
    """Return every key a normalized word may match: proclitics and suffixes peeled off."""
    if word.isascii():
        keys = {word}
        if word.endswith("s") and len(word) > 3:
            keys.add(word[:-1])
        return frozenset(keys)
    keys = set()
    for pro in _PROCLITICS:
        if not word.startswith(pro) or len(word) - len(pro) < _MIN_STEM:
            continue
        stem = word[len(pro) :]
        keys.add(stem)
        for suf in _SUFFIXES:
            if stem.endswith(suf) and len(stem) - len(suf) >= 3:
                base = stem[: -len(suf)]
                keys.update((base, base + "ه"))
                if base.endswith("ت"):  # taa marbuta written ت before a pronoun: كفاءته
                    keys.add(base[:-1] + "ه")
    return frozenset(keys)


@dataclass
class _Words:
    """The words of one sentence in normalized text, with their match keys and rule roles."""

    text: list[str]
    spans: list[tuple[int, int]]  # normalized offsets
    keys: list[frozenset[str]]
    norm: str = ""
    roles: list[str | None] = field(default_factory=list)
    cue_at: list[int] = field(default_factory=list)  # words that may start a cue
    target_at: list[int] = field(default_factory=list)  # may start a target or be a modifier

    def gap(self, k: int) -> str:
        """Return the text between word `k` and the next one (punctuation, spaces)."""
        end = self.spans[k + 1][0] if k + 1 < len(self.spans) else len(self.norm)
        return self.norm[self.spans[k][1] : end]

    def __len__(self) -> int:
        return len(self.text)


def _find(
    words: _Words, index: dict[str, list[Entry]], starts: Iterable[int] | None = None
) -> list[tuple[int, int, Entry]]:
    """Return non-overlapping ``(first, last+1, entry)`` word spans, longest match first.

    `starts` (ascending) may restrict the words tried as a span's first word to those having
    a key in `index`; the result is the same as trying every word.
    """
    out, i = [], 0
    for i0 in range(len(words)) if starts is None else starts:
        if i0 < i:  # inside the previous match
            continue
        best = None
        for key in words.keys[i0]:
            for entry in index.get(key, ()):
                n = len(entry.keys)
                if (best is None or n > len(best.keys)) and _match_at_entry(words, i0, entry):
                    best = entry
        if best is not None:
            out.append((i0, i0 + len(best.keys), best))
            i = i0 + len(best.keys)
    return out


def _match_at_entry(words: _Words, i: int, entry: Entry) -> bool:
    n = len(entry.keys)
    return i + n <= len(words) and all(entry.keys[k] in words.keys[i + k] for k in range(n))


# ---------------------------------------------------------------------------------------------
# The lexicon scorer


@dataclass
class _Hit:
    first: int
    last: int
    entry: Entry
    value: float  # signed, after negation and modifiers, for the sentence's main target
    raw: float  # signed, before contrast words (how the words describe what they touch)
    negated: bool
    contrasted: bool


class LexiconScorer:
    """Score stance with the Arabic lexicon and rules; needs nothing downloaded."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        # Per distinct word: (keys, role, modifier entry, may start a cue, may start a target).
        self._info: dict[str, tuple] = {}
        # The article being scored (its normalized text, by identity) and its words, tokenized
        # once; a sentence's words are slices of them.
        self._article: tuple | None = None
        self._memo_of = self.lexicon  # both memos hold for this lexicon only

    # -- targets ------------------------------------------------------------------------------
    def _target_spans(self, words: _Words) -> list[tuple[int, int, str]]:
        lex = self.lexicon
        if not words.target_at:
            return []
        spans = [(a, b, e.label) for a, b, e in _find(words, lex.target_index, words.target_at)]
        taken = {k for a, b, _ in spans for k in range(a, b)}
        for j in words.target_at:
            if j in taken:
                continue
            mod = (self._info.get(words.text[j]) or self._word_info(words.text[j]))[2]
            if mod is None:
                continue
            for h in range(j - 1, max(-1, j - 1 - _HEAD_GAP), -1):
                if words.keys[h] & lex.head_keys:
                    spans.append((h, j + 1, mod.label))
                    break
        return sorted(spans)

    def target_spans(self, sentence: str, context: SentenceContext) -> list[tuple[int, int, str]]:
        """Return ``(start, end, target)`` of each open/closed expression in the sentence.

        Offsets are into the article text when the context carries it, else the sentence.
        """
        words = self._words(sentence, context)
        out = []
        for a, b, t in self._target_spans(words):
            i, j = words.spans[a][0], words.spans[b - 1][1]
            if context.origin is not None:
                i, j = span_to_original(context.article_text, context.origin, i, j)
            out.append((i, j, t))
        return out

    def _words(self, sentence: str, context: SentenceContext) -> _Words:
        if self._memo_of is not self.lexicon:  # the lexicon was replaced: forget its answers
            self._info, self._article, self._memo_of = {}, None, self.lexicon
        norm, a, b = _sentence_norm(sentence, context)
        if context.origin is None or not context.norm:
            return self._make_words(norm, list(_TOKEN_RE.finditer(norm, a, b)))
        if self._article is None or self._article[0] is not norm:
            self._article = self._tokenize_article(norm)
        _, text, starts, ends, spans, keys, roles, cue_at, target_at = self._article
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        if (i and ends[i - 1] > a) or (j > i and ends[j - 1] > b):
            # A word cut by the sentence's bounds (not seen with sentences_table): match the
            # sentence alone, as the regex would.
            return self._make_words(norm, list(_TOKEN_RE.finditer(norm, a, b)))
        cue = cue_at[bisect.bisect_left(cue_at, i) : bisect.bisect_left(cue_at, j)]
        tgt = target_at[bisect.bisect_left(target_at, i) : bisect.bisect_left(target_at, j)]
        if not cue and not tgt:  # nothing to match: no target spans and no cues
            return _Words([], [], [], norm)
        return _Words(
            text[i:j], spans[i:j], keys[i:j], norm, roles[i:j],
            [k - i for k in cue], [k - i for k in tgt],
        )  # fmt: skip

    def _tokenize_article(self, norm: str) -> tuple:
        """Return the article's words and what the lexicon says of them, as parallel lists."""
        # re.split with one group alternates gaps and words: their lengths give the offsets
        # without a match object per word.
        parts = _TOKEN_SPLIT_RE.split(norm)
        text = parts[1::2]
        offsets = list(itertools.accumulate(map(len, parts)))
        starts, ends = offsets[0:-1:2], offsets[1::2]
        info = [self._info.get(w) or self._word_info(w) for w in text]
        flags = [list(map(operator.itemgetter(k), info)) for k in range(5)]
        n = range(len(text))
        cue_at, target_at = (
            list(itertools.compress(n, flags[3])),
            list(itertools.compress(n, flags[4])),
        )
        spans = list(zip(starts, ends, strict=True))
        return norm, text, starts, ends, spans, flags[0], flags[1], cue_at, target_at

    def _make_words(self, norm: str, found: list[re.Match]) -> _Words:
        text = [m.group() for m in found]
        info = [self._info.get(w) or self._word_info(w) for w in text]
        return _Words(
            text,
            [m.span() for m in found],
            [x[0] for x in info],
            norm,
            [x[1] for x in info],
            [k for k, x in enumerate(info) if x[3]],
            [k for k, x in enumerate(info) if x[4]],
        )

    def _word_info(self, word: str) -> tuple:
        """Compute and memoize what the lexicon says about one normalized word."""
        lex = self.lexicon
        keys = _word_keys(word)
        role = next((lex.roles[k] for k in keys if k in lex.roles), None)
        mod = next((e for k in keys for e in lex.modifier_index.get(k, ())), None)
        cue = any(k in lex.cue_index for k in keys)
        target = mod is not None or any(k in lex.target_index for k in keys)
        if len(self._info) > 500_000:  # bound memory on huge vocabularies
            self._info.clear()
        self._info[word] = info = (keys, role, mod, cue, target)
        return info

    # -- cues ---------------------------------------------------------------------------------
    def _hits(self, words: _Words) -> list[_Hit]:
        if not words.cue_at:
            return []
        roles = words.roles
        # The clause after رغم (up to a comma) is conceded: its cues count half.
        conceded = _conceded_words(words, roles)
        hits = []
        for a, b, e in _find(words, self.lexicon.cue_index, words.cue_at):
            if e.weight == 0:
                continue
            sign = {"positive": 1.0, "negative": -1.0, "neutral": 0.0}[e.label]
            window = _scope(words, roles, a)
            negs = sum(roles[k] == "negator" and not _suspended(words, roles, k) for k in window)
            contrast = any(roles[k] == "contrast" for k in window)
            factor = e.weight
            if any(roles[k] == "intensifier" for k in (a - 1, b) if 0 <= k < len(words)):
                factor *= 1.5
            if any(roles[k] == "hedge" for k in window):
                factor *= 0.75
            if a in conceded:
                factor *= 0.5
            raw = sign * factor * (-1 if negs % 2 else 1)
            value = -raw if contrast else raw
            hits.append(_Hit(a, b, e, value, raw, negs % 2 == 1, contrast))
        return hits

    # -- judgement ----------------------------------------------------------------------------
    def score(self, sentence: str, context: SentenceContext) -> list[StanceJudgement]:
        """Judge the sentence toward each target it names (or inherits from context)."""
        words = self._words(sentence, context)
        hits = self._hits(words)
        if not hits:
            return []
        spans = self._target_spans(words)
        via = "text"
        if not spans and context.mention_spans:
            spans, via = self._mention_word_spans(words, context), "mention"
        named = tuple(dict.fromkeys(t for _, _, t in spans))
        if not named:
            if not (context.context_targets and (context.is_item or self._has_anaphor(words))):
                return []
            named, via = context.context_targets[:1], "context"
        if named == ("closed",) and via != "context" and "open" in context.context_targets[:1]:
            return self._judge_both(spans, hits, words, context, via)
        if len(named) == 1:
            return [self._judge(named[0], hits, words, context, via)]
        return self._judge_both(spans, hits, words, context, via)

    def _mention_word_spans(self, words: _Words, context: SentenceContext):
        """Return word spans of the labelled model names in the sentence."""
        if context.origin is None:
            return [(0, len(words), t) for *_, t in context.mention_spans[:1]]
        origin = context.origin[:-1]
        out = []
        for start, end, t in context.mention_spans:
            a = int(np.searchsorted(origin, start, "left"))
            b = int(np.searchsorted(origin, end, "left"))
            idx = [k for k, (i, j) in enumerate(words.spans) if i < b and j > a]
            if idx:
                out.append((idx[0], idx[-1] + 1, t))
        return out

    def _has_anaphor(self, words: _Words) -> bool:
        return any(
            words.roles[i] == "anaphor" and words.text[i + 1].startswith(("ال", "لل"))
            for i in range(len(words) - 1)
        )

    def _judge_both(self, spans, hits, words, context, via="text") -> list[StanceJudgement]:
        """Judge a sentence naming closed models (and open ones, or open ones by context).

        A cue under a contrast word (دون، بدلا من، على عكس، تفادي) speaks for both sides: the
        rejected side as written, the favoured side flipped. Any other cue goes to the nearest
        target; without a named open side, to the closed side only within three words of it.
        """
        closed = [(a, b) for a, b, t in spans if t == "closed"]
        opened = [(a, b) for a, b, t in spans if t == "open"]
        open_hits, closed_hits = [], []
        for h in hits:
            d_closed = min(_distance(h, a, b) for a, b in closed)
            d_open = min((_distance(h, a, b) for a, b in opened), default=None)
            as_closed = _Hit(h.first, h.last, h.entry, h.raw, h.raw, h.negated, False)
            # Praise near a closed target usually belongs to the open side it is contrasted
            # with; criticism within three words describes the closed side.
            near = d_closed == 0 or (h.raw < 0 and d_closed <= _ATTACH_WINDOW)
            if h.contrasted:
                open_hits.append(h)
                closed_hits.append(as_closed)
            elif near and (d_open is None or d_closed < d_open):
                closed_hits.append(as_closed)
            else:
                open_hits.append(h)
        open_via = via if opened else "context"
        out = []
        if open_hits:
            out.append(self._judge("open", open_hits, words, context, open_via))
        if closed_hits:
            out.append(self._judge("closed", closed_hits, words, context, via))
        elif open_hits and self._contrasted(closed, words):
            out.append(_opposite(out[0]))
        if not open_hits and closed_hits and opened and self._contrasted(closed, words):
            out.insert(0, _opposite(out[0], "open"))
        return out

    def _contrasted(self, closed: list[tuple[int, int]], words: _Words) -> bool:
        roles = words.roles
        return any(
            roles[k] in ("contrast", "negator") for a, _ in closed for k in _scope(words, roles, a)
        )

    def _judge(self, target, hits, words, context, via) -> StanceJudgement:
        roles = words.roles
        pos = sum(h.value for h in hits if h.value > 0)
        neg = -sum(h.value for h in hits if h.value < 0)
        total = pos - neg
        balanced = any(h.entry.label == "neutral" for h in hits)
        # A weak opposite cue (below weight 1) does not make a sentence weigh both sides; a
        # comparable one does, and so does "but" between praise and criticism.
        both = min(pos, neg) >= 1.0
        if balanced or (
            both and (min(pos, neg) / max(pos, neg) >= 0.5 or _adversative_split(hits, roles))
        ):
            polarity = "neutral"
        else:
            polarity = "positive" if total > 0 else "negative"
        score = 0.0 if polarity == "neutral" else round(total / (pos + neg + 0.5), 3)
        cues = tuple(self._cue(words, h, context) for h in hits)
        strong = max(abs(h.value) for h in hits) >= 1.0
        confidence = "high" if strong and (via != "context" or context.is_item) else "low"
        aspects = {h.entry.aspect for h in hits}
        aspect = "openness" if "openness" in aspects else "other"
        return StanceJudgement(target, polarity, score, cues, confidence, aspect, via)

    def _cue(self, words: _Words, h: _Hit, context: SentenceContext) -> Cue:
        i, j = words.spans[h.first][0], words.spans[h.last - 1][1]
        if context.origin is not None:
            s, e = span_to_original(context.article_text, context.origin, i, j)
            text = context.article_text[s:e]
        else:
            s, e, text = i, j, words.norm[i:j]
        polarity = "positive" if h.value > 0 else "negative" if h.value < 0 else "neutral"
        return Cue(text, s, e, polarity, round(h.value, 3), h.entry.aspect, h.negated)


def _distance(h: _Hit, a: int, b: int) -> int:
    """Words between a cue and a target span (0 when they touch or overlap)."""
    if h.last <= a:
        return a - h.last
    if h.first >= b:
        return h.first - b
    return 0


def _scope(words: _Words, roles: Sequence[str | None], a: int) -> list[int]:
    """Word indices before `a` whose negators/contrasts reach it: same clause, three words."""
    out = []
    for k in range(a - 1, max(-1, a - 1 - _NEG_WINDOW), -1):
        if roles[k] == "scope" or _CLAUSE_END_RE.search(words.gap(k)):
            break
        out.append(k)
    return out


def _suspended(words: _Words, roles: Sequence[str | None], k: int) -> bool:
    """Return True when a negator is part of "not only" / "still" (لا يزال، ليس فقط)."""
    return k + 1 < len(words) and roles[k + 1] == "scope"


def _adversative_split(hits: list[_Hit], roles: Sequence[str | None]) -> bool:
    """Return True if a "but" separates cues of opposite signs (weighing both sides)."""
    for k, role in enumerate(roles):
        if role != "adversative":
            continue
        before = {np.sign(h.value) for h in hits if h.last <= k}
        after = {np.sign(h.value) for h in hits if h.first > k}
        if before and after and before != after and len(before | after) == 2:
            return True
    return False


def _opposite(j: StanceJudgement, target: str = "closed") -> StanceJudgement:
    flip = {"positive": "negative", "negative": "positive", "neutral": "neutral"}
    return StanceJudgement(target, flip[j.polarity], -j.score, j.cues, "low", j.aspect, "contrast")


def _conceded_words(words: _Words, roles: Sequence[str | None]) -> set[int]:
    out: set[int] = set()
    for i, role in enumerate(roles):
        if role != "concession":
            continue
        k = i
        while k < len(words):
            out.add(k)
            if k + 1 >= len(words) or _COMMA_RE.search(words.gap(k)):
                break
            k += 1
    return out


def _sentence_norm(sentence: str, context: SentenceContext) -> tuple[str, int, int]:
    """Return normalized text and the sentence's span in it."""
    if context.origin is not None and context.norm:
        a, b = context.origin[:-1].searchsorted((context.start, context.end), "left").tolist()
        return context.norm, a, b
    norm = normalize_ar(sentence, taa_marbuta=True)
    return norm, 0, len(norm)


# ---------------------------------------------------------------------------------------------
# Scorer-independent driver

_CONTEXT_WINDOW = 8  # sentences back in which a lead sentence's target still applies
_MENTION_REACH = 60  # characters between a model name and the open/closed words that label it


def _is_item(text: str, start: int, end: int) -> bool:
    """Return True for a list item or a heading line."""
    line_start = text.rfind("\n", 0, start) + 1
    if _BULLET_RE.match(text[line_start:end]):
        return True
    # The previous non-empty line, found without copying the text before it (long articles).
    end = max(0, line_start - 1)
    while end > 0 and text[end - 1] == "\n":
        end -= 1
    prev = text[text.rfind("\n", 0, end) + 1 : end].strip()
    return bool(prev and prev in "-–—•*▪◦")


def _dominant(counts: dict[str, int]) -> tuple[str, ...]:
    o, c = counts.get("open", 0), counts.get("closed", 0)
    if o >= 2 and o >= 2 * c:
        return ("open",)
    if c >= 2 and c >= 2 * o:
        return ("closed",)
    return ()


def _entity_targets(
    mentions: list[tuple], spans_by_sentence: dict[int, list[tuple[int, int, str]]]
) -> dict[str, str]:
    """Label each model the article calls open or closed (near the words that say so).

    `mentions` holds the article's ``(sentence_id, start, end, entity, kind)`` in table order.
    """
    votes: dict[str, dict[str, int]] = {}
    for sid, start, end, entity, kind in mentions:
        if kind != "product":
            continue
        for a, b, t in spans_by_sentence.get(sid, []):
            if start - _MENTION_REACH <= b and a <= end + _MENTION_REACH:
                votes.setdefault(entity, {}).setdefault(t, 0)
                votes[entity][t] += 1
    return {e: max(v, key=v.get) for e, v in votes.items() if len(set(v.values())) == len(v)}


def _mentions_by_article(mentions: pd.DataFrame | None) -> dict[str, list[tuple]]:
    """Group the mentions table once: article id -> ``(sentence_id, start, end, entity, kind)``."""
    if mentions is None or mentions.empty:
        return {}
    kinds = mentions["kind"] if "kind" in mentions.columns else ["product"] * len(mentions)
    cols = (mentions[c].tolist() for c in ("article_id", "sentence_id", "start", "end", "entity"))
    out: dict[str, list[tuple]] = {}
    for aid, sid, start, end, entity, kind in zip(*cols, kinds, strict=True):
        out.setdefault(aid, []).append((int(sid), start, end, entity, kind))
    return out


def _rows_for_article(aid, text, sents, mentions, scorer) -> list[tuple]:
    norm, origin = normalize_with_offsets(text, taa_marbuta=True)
    contexts = [
        SentenceContext(aid, int(sid), text, int(s), int(e), norm=norm, origin=origin)
        for sid, s, e in sents
    ]
    span_fn = getattr(scorer, "target_spans", None)
    spans = {
        c.sentence_id: (span_fn(text[c.start : c.end], c) if span_fn else []) for c in contexts
    }
    named = {
        c.sentence_id: tuple(dict.fromkeys(t for *_, t in spans[c.sentence_id])) for c in contexts
    }
    counts: dict[str, int] = {}
    for ts in named.values():
        for t in ts:
            counts[t] = counts.get(t, 0) + 1
    fallback = _dominant(counts)
    labelled = _entity_targets(mentions, spans)
    by_sentence: dict[int, list[tuple]] = {}
    for sid, start, end, entity, _ in mentions:
        by_sentence.setdefault(sid, []).append((start, end, entity))
    rows, last, last_i = [], (), -(10**9)
    for i, c in enumerate(contexts):
        c.is_item = _is_item(text, c.start, c.end)
        # An article mostly about one side lends it to list items; else the last lead sentence.
        c.context_targets = fallback or (last if i - last_i <= _CONTEXT_WINDOW else ())
        c.mention_spans = tuple(
            (s, e, labelled[ent])
            for s, e, ent in by_sentence.get(c.sentence_id, [])
            if ent in labelled
        )
        if named[c.sentence_id] and not c.is_item:
            last, last_i = named[c.sentence_id], i
        sentence = text[c.start : c.end]
        for j in scorer.score(sentence, c):
            cues = json.dumps([_cue_dict(q) for q in j.cues], ensure_ascii=False)
            rows.append(
                (aid, c.sentence_id, j.target, j.polarity, float(j.score), cues, sentence,
                 j.confidence, j.aspect, j.via, c.start, c.end)
            )  # fmt: skip
    return rows


def _cue_dict(q: Cue) -> dict:
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "polarity": q.polarity,
        "weight": q.weight,
        "aspect": q.aspect,
        "negated": q.negated,
    }


def score_stance(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    scorer: StanceScorer | None = None,
    min_confidence: str = "low",
) -> pd.DataFrame:
    """Judge each sentence's stance toward open and closed models.

    Parameters
    ----------
    articles : DataFrame with ``article_id`` and ``text``.
    sentences : DataFrame with ``article_id``, ``sentence_id``, ``start``, ``end``.
    mentions : DataFrame (schema ``MENTIONS``), optional
        Lets a sentence about a model that the article calls open/closed count for that target.
    scorer : StanceScorer, optional
        Defaults to :class:`LexiconScorer` with the packaged lexicon.
    min_confidence : ``"low"`` (all rows) or ``"high"``.

    Returns
    -------
    DataFrame with columns ``article_id``, ``sentence_id``, ``target`` (open / closed),
    ``polarity`` (positive / negative / neutral), ``score`` (-1..1), ``cues`` (JSON list of
    ``{text, start, end, polarity, weight, aspect, negated}``; offsets into the article text),
    ``sentence``, then ``confidence`` (``high`` when a cue of weight >= 1 decides and the target
    is named, a labelled model, or a list item's; else ``low``), ``aspect`` (openness / other),
    ``via`` (text / context / mention / contrast: where the target came from) and ``start``/``end``
    (the sentence's offsets). A sentence that evaluates no target has no row.
    """
    if min_confidence not in _CONF_RANK:
        raise ValueError(f"min_confidence must be 'low' or 'high', got {min_confidence!r}")
    scorer = scorer or LexiconScorer()
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    # Group sentences and mentions by article once (plain lists: no per-article pandas work).
    by_article: dict[str, list[tuple[int, int, int]]] = {}
    cols = (sentences[c].tolist() for c in ("article_id", "sentence_id", "start", "end"))
    for aid, sid, start, end in zip(*cols, strict=True):
        by_article.setdefault(aid, []).append((sid, start, end))
    ments = _mentions_by_article(mentions)
    rows = []
    for aid, sents in by_article.items():
        sents.sort(key=lambda r: r[0])
        rows += _rows_for_article(aid, texts[aid], sents, ments.get(aid, []), scorer)
    out = pd.DataFrame(rows, columns=[*STANCE, *EXTRA_COLUMNS])
    out = out.astype(
        {"sentence_id": "int64", "score": "float64", "start": "int64", "end": "int64"}
    )
    return filter_confidence(out, min_confidence)


def filter_confidence(stance: pd.DataFrame, min_confidence: str = "low") -> pd.DataFrame:
    """Keep the stance rows of at least `min_confidence` (``"low"``: all, ``"high"``)."""
    if min_confidence not in _CONF_RANK:
        raise ValueError(f"min_confidence must be 'low' or 'high', got {min_confidence!r}")
    keep = stance["confidence"].map(_CONF_RANK) >= _CONF_RANK[min_confidence]
    return stance[keep].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Tables for the charts


def net_tone(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Net tone per article and target, articles without stance kept as such.

    Returns
    -------
    DataFrame with ``article_id``, ``title``, ``target``, ``n_positive``, ``n_negative``,
    ``n_neutral``, ``net`` (positive minus negative sentences), ``mean_score`` and ``status``
    (``"stance"`` or ``"no stance"``; an article without any row gets one row per target with
    zero counts).
    """
    titles = dict(
        zip(articles["article_id"], articles.get("title", articles["article_id"]), strict=True)
    )
    rows = []
    for aid in articles["article_id"]:
        sub = stance[stance["article_id"] == aid]
        for t in TARGETS:
            s = sub[sub["target"] == t]
            counts = s["polarity"].value_counts()
            npos, nneg, nneu = (int(counts.get(k, 0)) for k in POLARITIES)
            rows.append(
                (aid, titles[aid], t, npos, nneg, nneu, npos - nneg,
                 float(s["score"].mean()) if len(s) else 0.0,
                 "stance" if len(sub) else "no stance")
            )  # fmt: skip
    cols = ["article_id", "title", "target", "n_positive", "n_negative", "n_neutral", "net"]
    return pd.DataFrame(rows, columns=[*cols, "mean_score", "status"])


def score_distribution(stance: pd.DataFrame) -> pd.DataFrame:
    """Return one row per judged sentence: ``article_id``, ``sentence_id``, ``target``, ``score``,
    ``polarity``, ``sentence`` (for a histogram or strip of scores per target)."""
    return stance[["article_id", "sentence_id", "target", "score", "polarity", "sentence"]].copy()


def stance_by_company(stance: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Count, per company, the stance sentences that mention it, by target and polarity.

    Returns
    -------
    DataFrame with ``company``, ``target``, ``polarity``, ``group`` (e.g. ``open/positive``)
    and ``n_sentences``; empty when there are no mentions.
    """
    cols = ["company", "target", "polarity", "group", "n_sentences"]
    if mentions is None or mentions.empty or stance.empty:
        return pd.DataFrame(columns=cols)
    m = mentions[["article_id", "sentence_id", "company"]].dropna().drop_duplicates()
    j = stance[["article_id", "sentence_id", "target", "polarity"]].merge(
        m, on=["article_id", "sentence_id"]
    )
    out = j.groupby(["company", "target", "polarity"]).size().reset_index(name="n_sentences")
    out["group"] = out["target"] + "/" + out["polarity"]
    return out[cols].sort_values(["n_sentences", "company"], ascending=[False, True])

"""Find what a sentence holds for stance: target expressions and weighted evaluative cues.

Works on a :class:`SentenceWords` view: the sentence's slice of an article's words with what the
vocabulary says of each word (its keys and rule role). Indices are word positions in the
sentence; the judging step (:mod:`arnews.stance.judge`) turns the findings into judgements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from arnews.stance.lexicon import Entry, Lexicon, rule_words
from arnews.stance.words import ArticleWords
from arnews.stopwords import is_stopword_ar
from arnews.tokens import CONJUNCTIONS, ONE_LETTER_PROCLITICS, PREPOSITIONS

__all__ = ["CueHit", "SentenceWords", "TargetHit", "WordSpan", "find_cues", "find_targets"]

_HEAD_GAP = 3  # words allowed between a head noun and its open/closed modifier
_SCOPE = 3  # words before a cue in which negators, reducers and hedges count
_ONLY_REACH = 4  # words between "only" and the API it restricts
_OFFTOPIC_REACH = 5  # words between an off-topic noun and a cue that judges it
# Words after which a bare definite adjective stands for its noun (بين المفتوحة والمغلقة).
_ELLIPSIS_AFTER = rule_words()["ellipsis_after"]
_DEFINITE_RE = re.compile(f"^(?:[{CONJUNCTIONS}]?[{PREPOSITIONS}]?ال|[{CONJUNCTIONS}]?لل)")
_GLUED_RE = re.compile(f"^(?:[{ONE_LETTER_PROCLITICS}]|لل)")
_POSSESSED_RE = re.compile("(?:ها|هما|هم|هن|كم|كن|نا)$")


@dataclass
class SentenceWords:
    """A sentence's words: normalized text, match keys, rule roles, where clauses end.

    ``article`` and ``first`` place the words in their article (``first`` is the index of the
    sentence's first word there), so :meth:`span` can return offsets into the article text.
    """

    words: list[str]
    keys: list[frozenset[str]]
    roles: list[str | None]
    clause_end: list[bool]  # punctuation after word k ends a clause
    question: bool = False  # the sentence ends with a question mark
    article: ArticleWords | None = None
    first: int = 0
    #: Per word, the lexicon and target entries it may start (longest first).
    cue_entries: list[tuple[Entry, ...]] = field(default_factory=list)
    target_entries: list[tuple[Entry, ...]] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)  # the words' forms for learned features

    def __len__(self) -> int:
        return len(self.words)

    def ends_clause(self, k: int) -> bool:
        """Return True when punctuation after word `k` ends a clause."""
        return self.clause_end[k]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Return the article offsets ``(start, end)`` of words ``a .. b - 1``."""
        return self.article.span(self.first + a, self.first + b)

    def words_in(self, start: int, end: int) -> tuple[int, int]:
        """Return the words ``[a, b)`` overlapping the article span ``[start, end)``."""
        a, b = self.article.word_range(start, end)
        return max(a - self.first, 0), min(b - self.first, len(self.words))


@dataclass(frozen=True)
class WordSpan:
    """Words ``first .. last - 1`` of a sentence."""

    first: int
    last: int


@dataclass(frozen=True)
class TargetHit(WordSpan):
    """The words name open or closed models."""

    target: str
    via: str = "text"
    rejected: bool = False  # the compared-against side (أرخص من النماذج المغلقة)
    kind: str = ""  # the vocabulary kind that named it: term / modifier / ellipsis / api


@dataclass(frozen=True)
class CueHit(WordSpan):
    """The words carry an evaluation of `value` (signed, weighted)."""

    entry: Entry
    value: float
    negated: bool = False
    hedged: bool = False


def find_entries(sw: SentenceWords, candidates: list[tuple[Entry, ...]], starts) -> list[tuple]:
    """Return non-overlapping ``(first, last, entry)`` spans of vocabulary entries.

    `candidates[i]` are the entries whose first word matches word ``i``, longest first;
    `starts` (ascending) are the words that have some. The longest entry that matches wins.
    """
    out, free_from = [], 0
    n_words, words = len(sw.words), sw.keys
    for i in starts:
        if i < free_from:
            continue
        for entry in candidates[i]:
            n, keys = entry.size, entry.keys
            # Most longer entries fail on their second word: test it before the rest.
            if n == 1 or (
                i + n <= n_words
                and keys[1] & words[i + 1]
                and (n == 2 or all(keys[k] & words[i + k] for k in range(2, n)))
            ):
                out.append((i, i + n, entry))
                free_from = i + n
                break
    return out


def find_targets(sw: SentenceWords, lex: Lexicon, starts: list[int]) -> list[TargetHit]:
    """Return the open/closed expressions of the sentence (``via="text"``)."""
    hits: list[TargetHit] = []
    taken: set[int] = set()
    for a, b, e in find_entries(sw, sw.target_entries, starts):
        kind = e.kind
        if kind == "modifier":
            head = _head_before(sw, lex, a)
            if head is None:
                continue
            a = head
            if not sw.keys[head] & lex.head_keys:
                kind = "loose"  # an adjective after a noun not listed as naming models
        elif kind == "api" and not _restricted(sw, a, b):
            continue
        hits.append(TargetHit(a, b, e.label, kind=kind))
        taken.update(range(a, b))
    for k in starts:
        if k in taken:
            continue
        for key in sorted(sw.keys[k]):
            for e in lex.ellipsis_index.get(key, ()):
                if _elliptic(sw, lex, k):
                    hits.append(TargetHit(k, k + 1, e.label, kind="ellipsis"))
                    taken.add(k)
                    break
            if k in taken:
                break
    return sorted(hits, key=lambda h: h.first)


def _head_before(sw: SentenceWords, lex: Lexicon, j: int) -> int | None:
    """Return the noun an open/closed modifier at `j` qualifies: a listed head noun within
    three words, else the word right before it unless that is a function word, a noun it
    does not name models after (سوق مفتوحة), or a word it does not agree with in
    definiteness: an adjective takes the article of its noun, so مسقط المفتوحة (a name) and
    التسجيل مفتوح (a predicate: registration is open) are not noun and adjective."""
    for h in range(j - 1, max(-1, j - 1 - _HEAD_GAP), -1):
        if sw.ends_clause(h):
            break
        if sw.keys[h] & lex.head_keys:
            return h
    h = j - 1
    if h < 0 or sw.ends_clause(h) or sw.keys[h] & lex.nonhead_keys or sw.roles[h] is not None:
        return None
    word = sw.words[h]
    if word.isascii() or is_stopword_ar(word) or len(word) < 3:
        return None
    return h if _definite(word) == _definite(sw.words[j]) else None


def _definite(word: str) -> bool:
    """Return True for a word with the article, or a noun with a possessive pronoun
    (نظيراتها، نماذجهم), which is definite too."""
    return bool(_DEFINITE_RE.match(word) or (len(word) >= 5 and _POSSESSED_RE.search(word)))


def _restricted(sw: SentenceWords, a: int, b: int) -> bool:
    """Return True when an API is the only way in: "فقط عبر واجهة", "خلف واجهة"."""
    if a and sw.words[a - 1] in ("خلف", "وراء"):
        return True
    return any(sw.roles[k] == "only" for k in range(max(0, a - _ONLY_REACH), a)) or (
        b < len(sw) and sw.roles[b] == "only"
    )


def _elliptic(sw: SentenceWords, lex: Lexicon, k: int) -> bool:
    word = sw.words[k]
    if not _DEFINITE_RE.match(word):
        return False
    if k == 0 or (_GLUED_RE.match(word) and not word.startswith("ال")):
        return True
    prev = sw.words[k - 1]
    return prev in _ELLIPSIS_AFTER and not (sw.keys[k - 1] & lex.head_keys)


def find_cues(
    sw: SentenceWords, lex: Lexicon, starts: list[int], targets: list[TargetHit]
) -> list[CueHit]:
    """Return the sentence's evaluative cues, each weighed by the rules around it.

    Negators and reducers in the three words before a cue (same clause) flip it (two cancel);
    an intensifier next to it multiplies by 1.5; a hedge before it by 0.75 (and marks it
    hedged). A cue inside one of the `targets` spans (target or hint expressions), or an
    increaser whose object is a cue, counts for nothing by itself.
    """
    inside = {k for t in targets for k in range(t.first, t.last)}
    spans = [s for s in find_entries(sw, sw.cue_entries, starts) if s[0] not in inside]
    starts_of = {a for a, _, _ in spans}
    offtopic = [k for k, role in enumerate(sw.roles) if role == "offtopic"]
    hits = []
    for a, b, e in spans:
        if e.weight == 0 or _off_topic(sw, a, offtopic, inside):
            continue
        if sw.roles[a] == "increaser" and any(k in starts_of for k in range(b, b + _SCOPE)):
            continue
        hits.append(_weigh(sw, a, b, e))
    return hits


def _off_topic(sw: SentenceWords, a: int, offtopic: list[int], inside: set[int]) -> bool:
    """Return True when an off-topic word (a share, a match) is the cue's nearest subject."""
    for k in offtopic:
        lo, hi = sorted((a, k))
        near = hi - lo <= _OFFTOPIC_REACH
        if near and not any(sw.ends_clause(m) or m in inside for m in range(lo, hi)):
            return True
    return False


_SIGN = {"positive": 1.0, "negative": -1.0, "neutral": 0.0}


def _weigh(sw: SentenceWords, a: int, b: int, e: Entry) -> CueHit:
    flips = hedged = 0
    for k in _scope(sw, a):
        role = sw.roles[k]
        if (
            role == "negator" and not (k + 1 < len(sw) and sw.roles[k + 1] == "scope")
        ) or role == "reducer":
            flips += 1
        elif role == "hedge":
            hedged = 1
    factor = e.weight
    if e.label == "positive" and any(sw.roles[k] == "only" for k in range(b, min(b + 2, len(sw)))):
        factor = 0.0  # "available only via an API": the restriction, not the access, is said
    if any(sw.roles[k] == "intensifier" for k in (a - 1, b) if 0 <= k < len(sw)):
        factor *= 1.5
    if hedged:
        factor *= 0.75
    value = _SIGN[e.label] * factor * (-1 if flips % 2 else 1)
    return CueHit(a, b, e, value, flips % 2 == 1, bool(hedged))


def _scope(sw: SentenceWords, a: int) -> list[int]:
    """Word indices before `a` whose rule words reach it: same clause, three words."""
    out = []
    for k in range(a - 1, max(-1, a - 1 - _SCOPE), -1):
        if sw.ends_clause(k) or sw.roles[k] in ("scope", "clause", "contrast", "adversative"):
            break
        out.append(k)
    return out

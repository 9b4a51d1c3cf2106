"""Sentences and tokens with character offsets into the original article text.

Sentence rules (the gold in ``tests/gold`` follows them): split on line breaks; within a line,
after ``!`` ``?`` ``؟`` ``…`` and after a ``.`` (or a run of dots) followed by whitespace or the
end of the line, with closing quotes or brackets allowed in between. Decimals, versions and
domains (``1.7``, ``Llama 3.1``) therefore stay whole, and a list number (``✅ 1.``) stays with
its item. Segments with no letter or digit (a bare ``-``) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pandas as pd

from arnews.normalize import PRESENTATION_FORMS, normalize_with_offsets
from arnews.schema import SENTENCES, TOKENS

__all__ = [
    "ANY_WORD_RE",
    "CONJUNCTIONS",
    "FUTURE_PREFIX",
    "GLUED_PROCLITICS",
    "ONE_LETTER_PROCLITICS",
    "PREPOSITIONS",
    "PROCLITICS",
    "WORD_RE",
    "alternation",
    "iter_sentences",
    "iter_tokens",
    "sentences_table",
    "split_proclitic_ar",
    "tokens_table",
]

_ARABIC_CHARS = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ed\u06fa-\u06ff" + PRESENTATION_FORMS
)
_ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"

# A sentence ends after terminal punctuation, optional closing quotes/brackets, then space or EOL.
_SENT_END_RE = re.compile(r"(?:[!?\u061f\u2026]+|\.+)[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)")
_HAS_WORD_RE = re.compile(rf"[^\W_]|[{_ARABIC_CHARS}]")
_HAS_LETTER_RE = re.compile(rf"[^\W\d_]|[{_ARABIC_CHARS}]")

_TOKEN_RE = re.compile(
    rf"(?P<arabic>[{_ARABIC_CHARS}][{_ARABIC_CHARS}{_ARABIC_MARKS}]*)"
    r"|(?P<number>\d+(?:[.,\u066b\u066c]\d+)*)"  # any decimal digits, Arabic-Indic included
    r"|(?P<latin>[^\W\d_](?:[^\W_]|['\u2019](?=[^\W\d_]))*)"
    r"|(?P<punct>[^\w\s]|_)"  # the underscore too (yuchenj_uw): no character is dropped
)

#: One word of *normalized* text (:func:`arnews.normalize.normalize_ar`): a run of Arabic letters,
#: or of Latin letters and digits with inner hyphens or apostrophes (``gpt-4o``, ``n'z``). Every
#: lookup of words in data files (lexicons, cue words, triggers) splits text with it.
WORD_RE = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[a-z0-9]+(?:[-'][a-z0-9]+)*")
#: A run of word characters of any script (``\w+``): for a cheap look at the words near a
#: position or in a whole text, where :data:`WORD_RE`'s joined ``gpt-4o`` is not wanted.
ANY_WORD_RE = re.compile(r"\w+")


def alternation(words) -> str:
    """Return a regex alternation of `words`, escaped, longest first (so the longest match
    wins), each once, in a fixed order."""
    return "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=len, reverse=True))


#: The conjunctions glued before a word or another proclitic: و (and), ف (so).
CONJUNCTIONS = "وف"
#: The prepositions glued before a word: ب (with, by), ك (like), ل (for, to).
PREPOSITIONS = "بكل"
#: The one-letter proclitics (وفي مارس، بيناير، لشركة).
ONE_LETTER_PROCLITICS = CONJUNCTIONS + PREPOSITIONS
#: The future prefix of an imperfect verb (سيطلق، وسنرى).
FUTURE_PREFIX = "س"
#: The proclitics that may be glued to a word, longest first: a conjunction or a preposition
#: with the article ال (ل + ال is written لل), the article, then the one-letter proclitics.
#: Defined here once for every module.
PROCLITICS = (
    *(c + "ال" for c in CONJUNCTIONS + "بك"), "لل", "ال", *ONE_LETTER_PROCLITICS
)  # fmt: skip
# What may be glued to a name or term: the light proclitics plus a conjunction before a
# preposition (وبـ، ولـ، فلل), longest first.
GLUED_PROCLITICS = tuple(
    sorted(
        dict.fromkeys(
            (*PROCLITICS, *(c + p for c in CONJUNCTIONS for p in (*PREPOSITIONS, "لل")))
        ),
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 2


def iter_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of each sentence in `text`, stripped of outer spaces."""
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        seg_start = 0
        for m in _SENT_END_RE.finditer(line):
            # A "sentence" before the dot with no letter is a list number: keep it attached.
            if not _HAS_LETTER_RE.search(line, seg_start, m.start()):
                continue
            yield from _stripped(line, seg_start, m.end(), line_start)
            seg_start = m.end()
        yield from _stripped(line, seg_start, len(line), line_start)


def _stripped(line: str, start: int, end: int, base: int) -> Iterator[tuple[int, int]]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if _HAS_WORD_RE.search(line, start, end):
        yield base + start, base + end


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """Yield a regex match per token of ``text[start:end]``; ``m.lastgroup`` is its script."""
    return _TOKEN_RE.finditer(text, start, len(text) if end is None else end)


def split_proclitic_ar(norm: str) -> tuple[str, str]:
    """Split a normalized Arabic word into ``(proclitic, stem)``; proclitic may be ``""``.

    Light and greedy: the longest listed proclitic that leaves a stem of two letters or more.
    """
    for clitic in PROCLITICS:
        if norm.startswith(clitic) and len(norm) - len(clitic) >= _MIN_STEM:
            return clitic, norm[len(clitic) :]
    return "", norm


def sentences_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Split each article into sentences.

    Returns
    -------
    DataFrame with columns ``article_id``, ``sentence_id``, ``start``, ``end``, ``text``.
    """
    rows = [
        (aid, i, s, e, text[s:e])
        for aid, text in zip(articles["article_id"], articles["text"], strict=True)
        for i, (s, e) in enumerate(iter_sentences(text))
    ]
    return pd.DataFrame(rows, columns=list(SENTENCES)).astype({"start": "int64", "end": "int64"})


def tokens_table(articles: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tokenize each sentence of each article.

    Returns
    -------
    DataFrame with columns ``article_id``, ``sentence_id``, ``token_id``, ``start``, ``end``,
    ``text``, ``norm``, ``script`` (arabic / latin / number / punct), ``clitic`` and ``stem``
    (the light proclitic split of ``norm`` for Arabic words, else ``""`` and ``norm``).
    """
    if sentences is None:
        sentences = sentences_table(articles)
    columns: dict[str, list] = {name: [] for name in TOKENS}
    spans = sentences.groupby("article_id", sort=False)[["sentence_id", "start", "end"]]
    by_article = {aid: frame.to_numpy() for aid, frame in spans}
    for aid, text in zip(articles["article_id"], articles["text"], strict=True):
        if aid in by_article:
            _tokenize_article(aid, text, by_article[aid], columns)
    return pd.DataFrame(columns)


def _tokenize_article(aid: str, text: str, spans, columns: dict[str, list]) -> None:
    """Append the tokens of one article's sentences to `columns` (column-wise lists)."""
    # Normalize the whole article once; each token's norm is a slice of it.
    norm, origin = normalize_with_offsets(text)
    for sid, s, e in spans:
        matches = list(iter_tokens(text, s, e))
        starts = [m.start() for m in matches]
        ends = [m.end() for m in matches]
        lo = np.searchsorted(origin, starts).tolist()
        hi = np.searchsorted(origin, ends).tolist()
        for tid, (m, a, b) in enumerate(zip(matches, lo, hi, strict=True)):
            token_norm = norm[a:b]
            script = m.lastgroup
            clitic, stem = (
                split_proclitic_ar(token_norm) if script == "arabic" else ("", token_norm)
            )
            columns["article_id"].append(aid)
            columns["sentence_id"].append(sid)
            columns["token_id"].append(tid)
            columns["text"].append(m.group())
            columns["norm"].append(token_norm)
            columns["script"].append(script)
            columns["clitic"].append(clitic)
            columns["stem"].append(stem)
        columns["start"].extend(starts)
        columns["end"].extend(ends)

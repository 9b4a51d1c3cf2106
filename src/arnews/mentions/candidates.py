"""Names seen but not in the gazetteer: candidates to add with ``extra_gazetteer``.

Two kinds of evidence, outside every span the mentions table already holds:

* a Latin-script name: a run of words with a capital letter or a digit (``Qamar Labs``,
  ``Nova-7B``), unless all its words are terms listed under ``not_names`` in
  ``data/mention_cues.yaml`` (``API``, ``GPU``, ``Open Source`` …);
* an Arabic name after a company, platform, model or lab word (``شركة نوفاريس``): up to two
  following words that are not frequent Arabic words
  (:func:`arnews.mentions.variants.frequent_words_ar`).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import pandas as pd
import yaml

from arnews.mentions.variants import frequent_words_ar
from arnews.normalize import ARABIC_LETTERS, match_key_ar
from arnews.tokens import split_proclitic_ar

__all__ = ["CANDIDATES", "find_candidates"]

#: Columns of :func:`find_candidates`.
CANDIDATES = ("surface", "evidence", "count", "articles", "article_id", "sentence_id", "sentence")

_LATIN_NAME_RE = re.compile(
    r"(?<![\w@#./])(?:[A-Za-z0-9][\w']*(?:[-.][\w']+)*)(?:\s+[A-Za-z0-9][\w']*(?:[-.][\w']+)*)*"
)
_ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTERS}\u064b-\u0652\u0640]+")  # with marks
_NAME_WORDS = 2  # Arabic words taken after a cue word


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    text = resources.files("arnews.data").joinpath("mention_cues.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    cues = frozenset(match_key_ar(str(w)) for w in data["candidate_cues"])
    not_names = frozenset(str(w).casefold() for w in data["not_names"])
    return cues, not_names, frozenset(frequent_words_ar())


def find_candidates(
    articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame
) -> pd.DataFrame:
    """Find names that look like companies, products or people but match no gazetteer entity.

    Parameters
    ----------
    articles : DataFrame with ``article_id`` and ``text``.
    sentences : from :func:`arnews.tokens.sentences_table`.
    mentions : from :func:`arnews.mentions.find_mentions` on the same articles; their spans
        are not candidates.

    Returns
    -------
    DataFrame with columns ``surface`` (the most frequent spelling), ``evidence`` (``latin`` or
    the cue word, e.g. ``شركه``), ``count`` (occurrences), ``articles`` (articles naming it),
    ``article_id``, ``sentence_id`` and ``sentence`` (its first occurrence), the most frequent
    first. Spellings that normalize alike are one row.
    """
    cues, not_names, frequent = _vocabulary()
    known = _known_spans(mentions)
    rows = []
    for aid, sid, start, text in zip(
        sentences["article_id"], sentences["sentence_id"], sentences["start"], sentences["text"],
        strict=True,
    ):  # fmt: skip
        taken = known.get((aid, sid), [])
        for s, e, surface, evidence in _sentence_candidates(text, cues, not_names, frequent):
            if not any(s < b and a < e for a, b in ((a - start, b - start) for a, b in taken)):
                rows.append((aid, sid, text, surface, evidence))
    return _aggregate(pd.DataFrame(rows, columns=["article_id", "sentence_id", "sentence",
                                                  "surface", "evidence"]))  # fmt: skip


def _known_spans(mentions: pd.DataFrame) -> dict[tuple, list[tuple[int, int]]]:
    out: dict[tuple, list[tuple[int, int]]] = {}
    for aid, sid, s, e in zip(mentions["article_id"], mentions["sentence_id"], mentions["start"],
                              mentions["end"], strict=True):  # fmt: skip
        out.setdefault((aid, sid), []).append((s, e))
    return out


def _sentence_candidates(text: str, cues, not_names, frequent):
    """Yield ``(start, end, surface, evidence)`` of each candidate name in one sentence."""
    for m in _LATIN_NAME_RE.finditer(text):
        words = m.group().split()
        while words and not _name_like(words[0]):
            words.pop(0)
        while words and not _name_like(words[-1]):
            words.pop()
        if words and not all(w.casefold() in not_names for w in words):
            surface = m.group()[m.group().index(words[0]) :]
            surface = surface[: surface.rindex(words[-1]) + len(words[-1])]
            start = m.start() + m.group().index(surface)
            yield start, start + len(surface), surface, "latin"
    words = list(_ARABIC_WORD_RE.finditer(text))
    for i, w in enumerate(words):
        cue = split_proclitic_ar(match_key_ar(w.group()))[1]
        if cue not in cues and match_key_ar(w.group()) not in cues:
            continue
        name = []
        for nxt in words[i + 1 : i + 1 + _NAME_WORDS]:
            gap = text[(name[-1] if name else w).end() : nxt.start()]
            key = match_key_ar(nxt.group())
            if gap.strip() or key.startswith("ال") or key in frequent or key in cues:
                break
            name.append(nxt)
        if name:
            yield name[0].start(), name[-1].end(), text[name[0].start() : name[-1].end()], cue


def _name_like(word: str) -> bool:
    """A word of a Latin name: a letter, and a capital or a digit."""
    return any(c.isupper() or c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _aggregate(found: pd.DataFrame) -> pd.DataFrame:
    if found.empty:
        return pd.DataFrame(columns=list(CANDIDATES))
    found["key"] = [match_key_ar(s).casefold() for s in found["surface"]]
    groups = found.groupby("key", sort=False)
    out = groups.first()
    out["surface"] = groups["surface"].agg(lambda s: s.value_counts().index[0])
    out["count"] = groups.size()
    out["articles"] = groups["article_id"].nunique()
    out = out.sort_values(["count", "articles"], ascending=False, kind="stable")
    return out.reset_index(drop=True)[list(CANDIDATES)].astype(
        {"count": "int64", "articles": "int64", "sentence_id": "int64"}
    )

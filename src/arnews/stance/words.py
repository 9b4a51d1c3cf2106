"""Words for stance matching: stem-level keys, and an article's words tokenized once.

A vocabulary term matches a word of the text when they share a *key*. A text word's keys are
its light stems: every listed proclitic peeled off (و ف ب ك ل ال لل and their combinations,
the future س), then nothing or one suffix (pronouns ها هم …, plural and dual endings ات ون ين
ان, feminine ة, perfect endings ت وا, accusative ا; the construct plural ي of long words,
مفتوحي), with ة restored where a pronoun had turned it into ت (كفاءتها → كفاءه); an imperfect
verb's prefix ت or ن is also read as ي, the form verbs are listed in (تتيح → يتيح). A term's
keys are fewer: the term without ال and ة, so a term is never matched through a stem it does
not have. Broken plurals (مخاطر، قيود) and perfect verbs whose stem differs (أتاح) are
separate terms.

A one-letter proclitic leaves at least three letters (فهم is a word), and the simile ك is
only taken before ال (كامل is a word). Two affixes are left alone on purpose: the nisba ي/ية
of short words changes the word (أمن security, أمني, آمن safe all normalize alike: امن،
امني), and a dropped imperfect prefix leaves nouns that are other words (ترخيص licence →
رخيص cheap).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from arnews.normalize import match_key_ar, normalize_with_offsets, span_to_original
from arnews.tokens import CONJUNCTIONS, FUTURE_PREFIX, GLUED_PROCLITICS, WORD_RE

__all__ = ["ArticleWords", "term_keys", "word_keys"]

_PROCLITICS = ("", *GLUED_PROCLITICS, FUTURE_PREFIX, *(c + FUTURE_PREFIX for c in CONJUNCTIONS))
_SUFFIXES = (
    "هما", "كما", "تين", "تان", "ها", "هم", "هن", "كم", "نا", "ات", "ون", "ين", "ان", "وا",
    "ه", "ا", "ت",
)  # fmt: skip
_IMPERFECT = ("ت", "ن")  # read as the listed third person masculine ي
_MIN_STEM = 2
_WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
# Punctuation that ends a clause (not the dot of "3.1" nor the comma of "1,000").
_CLAUSE_GAP_RE = re.compile(r"[،:;؛!?؟\n]|[.,](?!\d)")


@lru_cache(maxsize=400_000)
def word_keys(word: str) -> frozenset[str]:
    """Return every key a normalized text word may match (see the module docstring)."""
    if word.isascii():
        return frozenset({word, word[:-1]} if word.endswith("s") and len(word) > 3 else {word})
    keys: set[str] = set()
    for pro in _PROCLITICS:
        if not word.startswith(pro) or len(word) - len(pro) < _MIN_STEM:
            continue
        stem = word[len(pro) :]
        if len(pro) == 1 and len(stem) < 3:
            continue  # فهم is not ف + هم, nor سهم س + هم
        if pro.endswith("ك") and not stem.startswith("ال"):
            continue  # the simile ك is glued to definite nouns (كالنموذج); كامل is a word
        keys.add(stem)
        if stem.endswith("ي") and len(stem) >= 6:  # construct plural: مفتوحي المصدر، مطوري
            keys.add(stem[:-1])
        for suf in _SUFFIXES:
            if stem.endswith(suf) and len(stem) - len(suf) >= _MIN_STEM:
                base = stem[: -len(suf)]
                keys.update((base, base + "ه"))
                if base.endswith("ت") and len(base) > 2:  # كفاءتها: ة written ت before a pronoun
                    keys.add(base[:-1] + "ه")
    keys.update(["ي" + k[1:] for k in keys if len(k) >= 4 and k[0] in _IMPERFECT])
    return frozenset(keys)


def _term_word_keys(word: str) -> frozenset[str]:
    if word.isascii():
        return frozenset({word})
    # ال is the article only before three letters or more (ألهم is a verb, not ال + هم).
    base = word[2:] if word.startswith("ال") and len(word) >= 5 else word
    keys = {base}
    # A noun in ة matches its stem too (تكلفة: تكلف-ت-ها), but an abstract noun in ية does not
    # give its nisba adjective (مركزية centralization is not مركزي central).
    if base.endswith("ه") and len(base) >= 4 and not base.endswith("يه"):
        keys.add(base[:-1])
    return frozenset(keys)


def term_keys(term: str) -> tuple[frozenset[str], ...]:
    """Return, per word of a vocabulary term, the keys that word is matched by."""
    return tuple(_term_word_keys(w) for w in WORD_RE.findall(match_key_ar(term).lower()))


@dataclass
class ArticleWords:
    """An article's normalized text cut into words once; sentences are ranges of words.

    ``norm`` is ``match_key_ar`` of the text (lower-cased), ``origin`` maps it back
    (:func:`arnews.normalize.normalize_with_offsets`); ``starts``/``ends`` are the words'
    offsets in ``norm``, ``sources`` the words' start offsets in the original text.
    """

    text: str
    norm: str
    origin: np.ndarray
    words: list[str]
    starts: list[int]
    ends: list[int]
    sources: list[int]

    @classmethod
    def of(cls, text: str) -> ArticleWords:
        """Normalize and tokenize `text`."""
        norm, origin = normalize_with_offsets(text, taa_marbuta=True)
        # re.split with one group alternates gaps and words: their lengths give the offsets.
        parts = _WORD_SPLIT_RE.split(norm)
        offsets = list(itertools.accumulate(map(len, parts)))
        starts = offsets[0:-1:2]
        sources = origin[starts].tolist() if starts else []
        return cls(text, norm, origin, parts[1::2], starts, offsets[1::2], sources)

    def clause_ends(self) -> list[bool]:
        """Return, per word, whether punctuation between it and the next word ends a clause."""
        marks = np.array([m.start() for m in _CLAUSE_GAP_RE.finditer(self.norm)], np.int64)
        ends = np.asarray(self.ends, np.int64)
        nexts = np.append(np.asarray(self.starts[1:], np.int64), len(self.norm))
        return (marks.searchsorted(ends) < marks.searchsorted(nexts)).tolist()

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """Return the words ``[i, j)`` inside the original span ``[start, end)``: those that
        start in it (``origin`` never decreases, so a word's start maps into the span when
        and only when its normalized start follows the span's)."""
        return bisect.bisect_left(self.sources, start), bisect.bisect_left(self.sources, end)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Return the original ``(start, end)`` of words ``first .. last - 1``."""
        return span_to_original(self.text, self.origin, self.starts[first], self.ends[last - 1])

"""Arabic stopwords (function words) for word counts, from ``data/stopwords_ar.txt``."""

from __future__ import annotations

from functools import cache
from importlib import resources

from arnews.normalize import match_key_ar
from arnews.tokens import CONJUNCTIONS

__all__ = ["is_stopword_ar", "stopwords_ar"]


@cache
def stopwords_ar() -> frozenset[str]:
    """Return the Arabic stopwords as match keys (:func:`arnews.normalize.match_key_ar`)."""
    text = resources.files("arnews.data").joinpath("stopwords_ar.txt").read_text("utf-8")
    words = (line.split("#")[0].strip() for line in text.splitlines())
    return frozenset(match_key_ar(w) for w in words if w)


def is_stopword_ar(norm: str) -> bool:
    """Return True if the word, normalized (:func:`arnews.normalize.normalize_ar`, ة kept or
    folded), or it without a و/ف proclitic, is a stopword."""
    norm = norm.replace("\u0629", "\u0647")  # the one step from normalize_ar to match_key_ar
    sw = stopwords_ar()
    return norm in sw or (norm[:1] in CONJUNCTIONS and norm[1:] in sw)

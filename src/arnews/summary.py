"""Corpus-level summaries: what is in the corpus, and its most frequent content words."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from arnews.normalize import normalize_with_offsets
from arnews.stopwords import is_stopword_ar
from arnews.tokens import iter_sentences, iter_tokens, split_proclitic_ar

__all__ = ["articles_overview", "top_words"]

MIN_WORD_CHARS = 2
WORD_SCRIPTS = ("arabic", "latin")


def articles_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article without its text.

    Returns
    -------
    DataFrame with columns ``article_id``, ``title``, ``published``, ``outlet``, ``encoding``,
    ``n_chars``, ``warnings``.
    """
    cols = ["article_id", "title", "published", "outlet", "encoding", "n_chars", "warnings"]
    return articles[cols].reset_index(drop=True)


def top_words(articles: pd.DataFrame, top_n: int = 20) -> pd.DataFrame:
    """Count Arabic and Latin content words (stopwords and one-letter words removed).

    Words are grouped by normalized form without proclitics (``المصدر`` and ``مصدر`` are one
    word); the most frequent original spelling is shown (the first seen, on a tie). Counted
    article by article, sentence by sentence, with the tokens of
    :func:`arnews.tokens.tokens_table` but without building that table: memory holds the
    vocabulary, not the tokens.

    Returns
    -------
    DataFrame with columns ``word`` (a surface spelling), ``norm`` (the grouping key),
    ``count``, ``n_articles``, sorted by ``count`` descending, at most `top_n` rows.
    """
    spellings: Counter = Counter()  # (norm, spelling) -> count, in order of first sight
    n_articles: Counter = Counter()
    for text in articles["text"]:
        n_articles.update({norm for norm, _ in _content_words(text, spellings)})
    if not spellings:
        return pd.DataFrame(columns=["word", "norm", "count", "n_articles"])
    counts: Counter = Counter()
    best: dict[str, tuple[int, str]] = {}
    for (norm, spelling), n in spellings.items():
        counts[norm] += n
        if norm not in best or n > best[norm][0]:
            best[norm] = (n, spelling)
    rows = [(best[norm][1], norm, count, n_articles[norm]) for norm, count in counts.items()]
    table = pd.DataFrame(rows, columns=["word", "norm", "count", "n_articles"])
    table = table.sort_values(["count", "norm"], ascending=[False, True])
    return table.head(top_n).reset_index(drop=True)


def _content_words(text: str, spellings: Counter) -> set[tuple[str, str]]:
    """Count the content words of one article into `spellings`; return the (norm, spelling)
    pairs seen."""
    norm_text, origin = normalize_with_offsets(text)
    seen = set()
    for start, end in iter_sentences(text):
        matches = [m for m in iter_tokens(text, start, end) if m.lastgroup in WORD_SCRIPTS]
        if not matches:
            continue
        lo = np.searchsorted(origin, [m.start() for m in matches]).tolist()
        hi = np.searchsorted(origin, [m.end() for m in matches]).tolist()
        for m, a, b in zip(matches, lo, hi, strict=True):
            norm = norm_text[a:b]
            stem = split_proclitic_ar(norm)[1] if m.lastgroup == "arabic" else norm
            if len(stem) < MIN_WORD_CHARS or is_stopword_ar(norm) or is_stopword_ar(stem):
                continue
            key = (stem, m.group())
            spellings[key] += 1
            seen.add(key)
    return seen

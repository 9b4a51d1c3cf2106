"""Corpus-level summaries: what is in the corpus, and its most frequent content words."""

from __future__ import annotations

import pandas as pd

from arnews.stopwords import is_stopword_ar

__all__ = ["articles_overview", "top_words"]

MIN_WORD_CHARS = 2


def articles_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article without its text.

    Returns
    -------
    DataFrame with columns ``article_id``, ``title``, ``published``, ``outlet``, ``encoding``,
    ``n_chars``, ``warnings``.
    """
    cols = ["article_id", "title", "published", "outlet", "encoding", "n_chars", "warnings"]
    return articles[cols].reset_index(drop=True)


def top_words(tokens: pd.DataFrame, top_n: int = 20) -> pd.DataFrame:
    """Count Arabic and Latin content words (stopwords and one-letter words removed).

    Words are grouped by normalized form without proclitics (``المصدر`` and ``مصدر`` are one
    word); the most frequent original spelling is shown.

    Returns
    -------
    DataFrame with columns ``word`` (a surface spelling), ``norm`` (the grouping key),
    ``count``, ``n_articles``, sorted by ``count`` descending, at most `top_n` rows.
    """
    words = tokens[tokens["script"].isin(["arabic", "latin"])]
    words = words[~words["norm"].map(is_stopword_ar) & ~words["stem"].map(is_stopword_ar)]
    words = words[words["stem"].str.len() >= MIN_WORD_CHARS].rename(columns={"norm": "full"})
    words = words.rename(columns={"stem": "norm"})
    if words.empty:
        return pd.DataFrame(columns=["word", "norm", "count", "n_articles"])
    grouped = words.groupby("norm").agg(
        word=("text", lambda s: s.value_counts().index[0]),
        count=("text", "size"),
        n_articles=("article_id", "nunique"),
    )
    grouped = grouped.reset_index().sort_values(["count", "norm"], ascending=[False, True])
    return grouped[["word", "norm", "count", "n_articles"]].head(top_n).reset_index(drop=True)

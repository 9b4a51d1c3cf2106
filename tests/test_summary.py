import pandas as pd

from arnews.stopwords import is_stopword_ar
from arnews.summary import top_words
from arnews.tokens import tokens_table


def _from_token_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The counts as 00-corpus made them before: from the full token table."""
    tokens = tokens_table(articles)
    words = tokens[tokens["script"].isin(["arabic", "latin"])]
    words = words[~words["norm"].map(is_stopword_ar) & ~words["stem"].map(is_stopword_ar)]
    words = words[words["stem"].str.len() >= 2]
    grouped = words.groupby("stem").agg(
        word=("text", lambda s: s.value_counts().index[0]),
        count=("text", "size"),
        n_articles=("article_id", "nunique"),
    )
    grouped = grouped.reset_index().rename(columns={"stem": "norm"})
    grouped = grouped.sort_values(["count", "norm"], ascending=[False, True])
    return grouped[["word", "norm", "count", "n_articles"]].reset_index(drop=True)


def test_top_words_equals_counting_the_token_table(seed_corpus, monkeypatch):
    want = _from_token_table(seed_corpus.articles)
    monkeypatch.setattr("arnews.tokens.tokens_table", None)  # never built
    got = top_words(seed_corpus.articles, top_n=len(want))
    pd.testing.assert_frame_equal(got, want)
    assert got.iloc[0]["count"] >= got.iloc[-1]["count"] and len(got) > 500


def test_top_words_of_no_articles_is_an_empty_table(seed_corpus):
    empty = top_words(seed_corpus.articles.iloc[:0])
    assert list(empty.columns) == ["word", "norm", "count", "n_articles"] and empty.empty

"""Chart-shaped stance tables (arnews.aggregate) and the stance charts built from them."""

from __future__ import annotations

import pandas as pd

from arnews.aggregate import net_tone, score_distribution, stance_by_company
from arnews.charts.stance import explorer_html, explorer_rows
from arnews.schema import MENTIONS
from arnews.stance import score_stance
from arnews.tokens import sentences_table


def _articles(*texts: str) -> pd.DataFrame:
    ids = [f"a{i}" for i in range(len(texts))]
    return pd.DataFrame({"article_id": ids, "text": list(texts), "title": ids})


def _stance(*texts: str, mentions: pd.DataFrame | None = None, **kw) -> pd.DataFrame:
    arts = _articles(*texts)
    return score_stance(arts, sentences_table(arts), mentions, **kw)


def test_net_tone_shows_articles_without_stance():
    arts = _articles("النماذج المفتوحة تعزز الشفافية.", "خبر عن الطقس.")
    tone = net_tone(score_stance(arts, sentences_table(arts)), arts)
    assert set(tone.loc[tone["article_id"] == "a1", "status"]) == {"no stance"}
    row = tone[(tone["article_id"] == "a0") & (tone["target"] == "open")].iloc[0]
    assert (row.n_positive, row.net) == (1, 1)


def test_explorer_html_escapes_text_and_marks_cues():
    df = explorer_rows(_stance("<b>النماذج المفتوحة</b> تعزز الشفافية."))
    out = explorer_html(df)
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert '<mark class="positive">الشفافية</mark>' in out and 'dir="rtl"' in out


def test_stance_by_company_joins_mentions():
    df = _stance("تطرح Meta نماذج مفتوحة تعزز الشفافية.")
    m = pd.DataFrame([("a0", 0, 5, 9, "Meta", "Meta", "company", "Meta")], columns=list(MENTIONS))
    out = stance_by_company(df, m)
    assert out.iloc[0][["company", "group", "n_sentences"]].tolist() == [
        "Meta",
        "open/positive",
        1,
    ]


def test_chart_builders_return_figures(seed_corpus):
    from arnews.charts.stance import company_stance_bars, net_tone_bars, score_histogram

    arts = seed_corpus.articles
    df = score_stance(arts, sentences_table(arts))
    tone = net_tone(df, arts)
    fig = net_tone_bars(tone)
    assert [len(t.x) for t in fig.data] == [len(arts), len(arts)]
    assert len(score_histogram(score_distribution(df)).data) == 2
    m = pd.DataFrame([(df.loc[0, "article_id"], int(df.loc[0, "sentence_id"]), 0, 1, "X", "X",
                       "company", "X")], columns=list(MENTIONS))  # fmt: skip
    assert company_stance_bars(stance_by_company(df, m)).data[0].y[0].strip("\u2067\u2069") == "X"

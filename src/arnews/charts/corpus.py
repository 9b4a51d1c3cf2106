"""Charts of the corpus overview notebook: words, article lengths, articles over time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from arnews.charts import bin_bars, chart_layout, date_axis, grain_word, mirror_bars, mirrored
from arnews.rtl import (
    bilingual,
    hover_text,
    language_direction,
    period_label,
    plotly_text,
    short_title,
    wrap_lines,
)

__all__ = [
    "article_lengths_bar",
    "articles_over_time_bar",
    "length_histogram",
    "top_words_bar",
    "unique_labels",
]


def unique_labels(ids: list[str], titles: list[str]) -> list[str]:
    """Return a plotly category label per article: its shortened title, made unique by its id
    when two titles cut alike (plotly would merge the two categories)."""
    short = [short_title(t, a) for a, t in zip(ids, titles, strict=True)]
    seen = pd.Series(short).duplicated(keep=False).to_numpy()
    return [f"{s} · {a}" if dup else s for s, a, dup in zip(short, ids, seen, strict=True)]


def top_words_bar(
    df: pd.DataFrame, *, language: str = "ar", title: str | None = None
) -> go.Figure:
    """Horizontal bars of word counts, the most frequent word on top.

    `df`: columns ``word``, ``count``, ``n_articles`` (:func:`arnews.summary.top_words`).
    """
    lang = language_direction(language)
    df = df.sort_values("count")
    hovers = [
        hover_text(
            [
                w,
                bilingual(
                    f"المرات: {n:,}، المقالات: {k:,}", f"{n:,} times in {k:,} articles", language
                ),
            ],
            lang,
        )
        for w, n, k in zip(df["word"], df["count"], df["n_articles"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=df["count"],
            y=[plotly_text(w) for w in df["word"]],
            orientation="h",
            hovertext=hovers,
            hoverinfo="text",
        )
    )
    title = title or bilingual("أكثر الكلمات تكرارًا", "Most frequent words", language)
    fig = chart_layout(fig, title, language=language, height=max(320, 26 * len(df) + 140))
    return mirror_bars(fig, bilingual("عدد المرات", "occurrences", language), language=language)


def article_lengths_bar(
    df: pd.DataFrame, *, language: str = "ar", title: str | None = None
) -> go.Figure:
    """Horizontal bars of article lengths, one per article, named by shortened title; the
    hover shows the whole title and the id.

    `df`: columns ``article_id``, ``title``, ``n_chars`` (the articles table).
    """
    lang = language_direction(language)
    ids, titles = (
        df["article_id"].astype(str).tolist(),
        df["title"].fillna("").astype(str).tolist(),
    )
    hovers = [
        hover_text([*wrap_lines(t or a), a], None)
        + "<br>"
        + plotly_text(bilingual(f"الحروف: {n:,}", f"{n:,} characters", language), lang)
        for a, t, n in zip(ids, titles, df["n_chars"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=df["n_chars"],
            y=[plotly_text(s) for s in unique_labels(ids, titles)],
            orientation="h",
            hovertext=hovers,
            hoverinfo="text",
            marker_color="#5b7db1",
        )
    )
    title = title or bilingual("طول المقالات (بالحروف)", "Article length (characters)", language)
    fig = chart_layout(fig, title, language=language, height=max(320, 26 * len(df) + 140))
    mirror_bars(fig, bilingual("عدد الحروف", "characters", language), language=language)
    fig.update_yaxes(autorange="reversed")  # the first article on top
    return fig


def length_histogram(df: pd.DataFrame, *, language: str = "ar", bins: int = 30) -> go.Figure:
    """Bars of how many articles fall in each length range (for corpora too large for one bar
    per article); the counts are computed here, so the figure holds `bins` bars, not articles.

    `df`: column ``n_chars`` (the articles table).
    """
    lang = language_direction(language)
    values = df["n_chars"].to_numpy()
    if len(values):
        counts, edges = np.histogram(values, bins=bins)
    else:
        counts, edges = np.zeros(1, np.int64), np.array([0, 1])

    def describe(lo: float, hi: float, n: int) -> list[str]:
        return [
            bilingual(f"الطول بالحروف: {int(lo):,}–{int(hi):,}",
                      f"{int(lo):,}–{int(hi):,} characters", language),
            bilingual(f"المقالات: {n:,}", f"{n:,} articles", language),
        ]  # fmt: skip

    bars = bin_bars(edges, counts, describe, language=language, width=np.diff(edges),
                    marker_color="#5b7db1")  # fmt: skip
    fig = go.Figure(bars)
    title = bilingual("أطوال المقالات", "Article lengths", language)
    fig = chart_layout(fig, title, language=language, height=380)
    rtl = mirrored(language)
    fig.update_xaxes(
        autorange="reversed" if rtl else True,
        title=plotly_text(bilingual("عدد الحروف", "characters", language), lang),
    )
    fig.update_yaxes(
        side="right" if rtl else "left",
        title=plotly_text(bilingual("عدد المقالات", "articles", language), lang),
    )
    return fig


def articles_over_time_bar(
    counts: pd.DataFrame, *, grain: str, undated: int = 0, language: str = "ar"
) -> go.Figure:
    """Bars of articles per week or month of publication; undated articles are said in the
    title (they have no place on a time axis)."""
    lang = language_direction(language)
    hovers = [
        hover_text(
            [
                period_label(p, grain, language),
                bilingual(f"المقالات: {n:,}", f"{n:,} articles", language),
            ],
            lang,
        )
        for p, n in zip(counts["period"], counts["articles"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=counts["period"],
            y=counts["articles"],
            hovertext=hovers,
            hoverinfo="text",
            marker_color="#5b7db1",
        )
    )
    by = grain_word(grain, language)
    title = bilingual(
        f"المقالات حسب تاريخ النشر (كل {by})", f"Articles by {by} of publication", language
    )
    if undated:
        title += bilingual(f" — بلا تاريخ: {undated:,}", f" — and {undated:,} undated", language)
    fig = chart_layout(fig, title, language=language, height=380)
    rtl = mirrored(language)
    pad = pd.Timedelta(days=4 if grain == "week" else 16)
    date_axis(fig, counts["period"].min() - pad, counts["period"].max() + pad, language=language)
    fig.update_yaxes(
        side="right" if rtl else "left",
        title=plotly_text(bilingual("عدد المقالات", "articles", language), lang),
    )
    return fig

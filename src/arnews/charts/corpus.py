"""Charts of the corpus overview notebook."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from arnews.charts import arabic_layout
from arnews.rtl import browser_label

__all__ = ["article_lengths_bar", "top_words_bar"]


def top_words_bar(
    df: pd.DataFrame,
    *,
    word: str = "word",
    count: str = "count",
    title: str = "أكثر الكلمات تكرارًا",
) -> go.Figure:
    """Horizontal bars of word counts, the most frequent word on top."""
    df = df.sort_values(count)
    fig = go.Figure(
        go.Bar(
            x=df[count],
            y=[browser_label(w) for w in df[word]],
            orientation="h",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig = arabic_layout(fig, title, height=max(320, 26 * len(df) + 120))
    fig.update_yaxes(side="right", automargin=True)
    fig.update_xaxes(autorange="reversed", title=browser_label("عدد المرات"))
    return fig


def article_lengths_bar(
    df: pd.DataFrame,
    *,
    article: str = "article_id",
    title_col: str = "title",
    length: str = "n_chars",
    title: str = "طول المقالات (بالحروف)",
) -> go.Figure:
    """Bars of article lengths, hovering shows each article's title."""
    fig = go.Figure(
        go.Bar(
            x=df[article],
            y=df[length],
            customdata=[browser_label(t) for t in df[title_col]],
            hovertemplate="%{customdata}<br>%{y}<extra>%{x}</extra>",
        )
    )
    fig = arabic_layout(fig, title)
    fig.update_xaxes(title=browser_label("المقالة"), autorange="reversed")
    fig.update_yaxes(title=browser_label("عدد الحروف"), side="right")
    return fig

"""Charts of the mentions notebook: who is mentioned, where, with whom, and in which words."""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from arnews.charts import FONT_FAMILY, arabic_layout
from arnews.rtl import bilingual, browser_label, browser_lines

__all__ = [
    "KIND_COLORS",
    "KIND_NAMES",
    "article_company_heatmap",
    "cooccurrence_heatmap",
    "example_sentences_table",
    "kind_labels",
    "mentions_by_company_bar",
]

KIND_NAMES = {"company": ("الشركة", "company"), "product": ("منتج", "product"),
              "person": ("شخص", "person")}  # fmt: skip
KIND_COLORS = {"company": "#1f77b4", "product": "#ff7f0e", "person": "#2ca02c"}
CONTEXT_CHARS = 90  # characters of the sentence kept on each side of the surface
SENTENCE_LINE_CHARS = 60  # short enough that plotly never wraps a line itself


def kind_labels(language: str = "ar") -> dict[str, str]:
    """Return kind -> label in `language` (``ar``, ``en`` or ``both``)."""
    return {k: bilingual(ar, en, language) for k, (ar, en) in KIND_NAMES.items()}


def _label(labels: Mapping[str, str] | None, name: str) -> str:
    return browser_label(labels.get(name, name) if labels else name)


def mentions_by_company_bar(
    df: pd.DataFrame,
    *,
    company: str = "company",
    kind: str = "kind",
    count: str = "count",
    labels: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    title: str = "الإشارات إلى كل شركة حسب النوع",
    axis_title: str = "عدد الإشارات",
) -> go.Figure:
    """Horizontal bars of mentions per company, stacked by kind, the most mentioned on top.

    `labels` maps a company to its display name, `kinds` a kind to its legend name.
    """
    order = df.groupby(company, sort=False)[count].sum().sort_values(kind="stable").index
    y = [_label(labels, c) for c in order]
    fig = go.Figure()
    for k in KIND_COLORS:
        part = df[df[kind] == k].set_index(company)[count].reindex(order, fill_value=0)
        if part.sum() == 0:
            continue
        name = browser_label((kinds or kind_labels()).get(k, k))
        fig.add_bar(
            x=part.to_numpy(),
            y=y,
            orientation="h",
            name=name,
            marker_color=KIND_COLORS[k],
            hovertemplate="%{y}: %{x}<extra>" + name + "</extra>",
        )
    fig = arabic_layout(fig, title, height=max(320, 28 * len(order) + 140))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.12, "x": 1,
                                               "xanchor": "right"})  # fmt: skip
    fig.update_yaxes(side="right", automargin=True)
    fig.update_xaxes(autorange="reversed", title=browser_label(axis_title))
    return fig


def _colorbar(title: str) -> dict:
    # On the left: the right side holds the Arabic row labels.
    return {"title": {"text": browser_label(title)}, "x": -0.02, "xanchor": "right",
            "thickness": 14}  # fmt: skip


def article_company_heatmap(
    df: pd.DataFrame,
    *,
    article: str = "article_id",
    company: str = "company",
    count: str = "count",
    labels: Mapping[str, str] | None = None,
    title: str = "الإشارات في كل مقالة",
    colorbar_title: str = "إشارات",
) -> go.Figure:
    """Heat map of mentions per article (rows) and company (columns); zeros stay visible."""
    matrix = df.pivot_table(index=article, columns=company, values=count, aggfunc="sum",
                            fill_value=0, sort=False)  # fmt: skip
    matrix = matrix[matrix.sum().sort_values(ascending=False, kind="stable").index]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=[_label(labels, c) for c in matrix.columns],
            y=[browser_label(a) for a in matrix.index],
            text=matrix.to_numpy(),
            texttemplate="%{text}",
            colorscale="Blues",
            hovertemplate="%{y} — %{x}: %{z}<extra></extra>",
            colorbar=_colorbar(colorbar_title),
        )
    )
    fig = arabic_layout(fig, title, height=max(320, 30 * len(matrix) + 200))
    fig.update_layout(margin={"l": 90})
    fig.update_xaxes(autorange="reversed", tickangle=-40, automargin=True)
    fig.update_yaxes(autorange="reversed", side="right", automargin=True, type="category")
    return fig


def cooccurrence_heatmap(
    df: pd.DataFrame,
    *,
    company_a: str = "company_a",
    company_b: str = "company_b",
    value: str = "sentences",
    labels: Mapping[str, str] | None = None,
    title: str = "شركات تُذكر معًا في الجملة نفسها",
    colorbar_title: str = "جمل",
) -> go.Figure:
    """Symmetric heat map of the number of sentences naming both companies."""
    names = df.groupby(company_a)[value].sum().sort_values(ascending=False, kind="stable").index
    matrix = (
        df.pivot_table(index=company_a, columns=company_b, values=value, aggfunc="sum")
        .reindex(index=names, columns=names)
        .fillna(0)
        .astype(int)
    )
    ticks = [_label(labels, c) for c in names]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=ticks,
            y=ticks,
            text=matrix.to_numpy(),
            texttemplate="%{text}",
            colorscale="Purples",
            hovertemplate="%{y} + %{x}: %{z}<extra></extra>",
            colorbar=_colorbar(colorbar_title),
        )
    )
    fig = arabic_layout(fig, title, height=max(360, 32 * len(names) + 200))
    fig.update_layout(margin={"l": 90})
    fig.update_xaxes(autorange="reversed", tickangle=-40, automargin=True)
    fig.update_yaxes(autorange="reversed", side="right", automargin=True)
    return fig


def _highlight(sentence: str, start: int, end: int) -> str:
    """Return the sentence around ``[start, end)`` as plotly pseudo-HTML, the surface marked."""
    esc = functools.partial(html.escape, quote=False)  # plotly shows &quot; literally
    left = sentence[max(0, start - CONTEXT_CHARS) : start]
    right = sentence[end : end + CONTEXT_CHARS]
    left = ("… " if start > CONTEXT_CHARS else "") + left
    right = right + (" …" if end + CONTEXT_CHARS < len(sentence) else "")
    # Bold only, word by word: plotly wraps table cells at spaces, even inside a <span ...> tag.
    mark = " ".join(f"<b>{esc(word)}</b>" for word in sentence[start:end].split(" "))
    return browser_lines(esc(left) + mark + esc(right), SENTENCE_LINE_CHARS)


def example_sentences_table(
    df: pd.DataFrame,
    *,
    company: str = "company",
    article: str = "article_id",
    sentence: str = "sentence",
    start: str = "surface_start",
    end: str = "surface_end",
    labels: Mapping[str, str] | None = None,
    headers: tuple[str, str, str] = ("الشركة", "المقالة", "الجملة"),
    title: str = "أمثلة من النصوص",
) -> go.Figure:
    """Table of example sentences per company, the name as written shown in bold."""
    cells = [
        [_label(labels, c) for c in df[company]],
        [browser_label(a) for a in df[article]],
        [_highlight(s, int(i), int(j)) for s, i, j in
         zip(df[sentence], df[start], df[end], strict=True)],
    ]  # fmt: skip
    # Columns run right to left: the company first on the right, the sentence widest.
    fig = go.Figure(
        go.Table(
            columnorder=[3, 2, 1],
            columnwidth=[5, 1.6, 1.3],
            header={
                "values": [f"<b>{browser_label(h)}</b>" for h in reversed(headers)],
                "align": "right",
                "font": {"family": FONT_FAMILY, "size": 14},
                "fill_color": "#eef2f7",
            },
            cells={
                "values": list(reversed(cells)),
                "align": "right",
                "font": {"family": FONT_FAMILY, "size": 13},
                "height": 28,
            },
        )
    )
    return arabic_layout(fig, title, height=max(300, 62 * len(df) + 120))

"""Charts of the mentions notebook: who is mentioned, where, with whom, and in which words."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from arnews.charts import arabic_layout
from arnews.charts.sentence_table import sentence_table_html
from arnews.rtl import bilingual, browser_label

__all__ = [
    "KIND_COLORS",
    "KIND_NAMES",
    "article_company_heatmap",
    "cooccurrence_heatmap",
    "example_sentences_html",
    "kind_labels",
    "mentions_by_company_bar",
]

KIND_NAMES = {"company": ("الشركة", "company"), "product": ("منتج", "product"),
              "person": ("شخص", "person")}  # fmt: skip
KIND_COLORS = {"company": "#1f77b4", "product": "#ff7f0e", "person": "#2ca02c"}
CONTEXT_CHARS = 90  # characters of the sentence kept on each side of the surface


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
    fig = _count_heatmap(
        matrix,
        x=[_label(labels, c) for c in matrix.columns],
        y=[browser_label(a) for a in matrix.index],
        colorscale="Blues",
        hover="%{y} — %{x}: %{z}",
        colorbar_title=colorbar_title,
        title=title,
        height=max(320, 30 * len(matrix) + 200),
    )
    fig.update_yaxes(type="category")
    return fig


def _count_heatmap(
    matrix: pd.DataFrame, *, x, y, colorscale, hover, colorbar_title, title, height
) -> go.Figure:
    """A heat map of counts, each cell labelled, the Arabic row labels on the right."""
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=x,
            y=y,
            text=matrix.to_numpy(),
            texttemplate="%{text}",
            colorscale=colorscale,
            hovertemplate=f"{hover}<extra></extra>",
            colorbar=_colorbar(colorbar_title),
        )
    )
    fig = arabic_layout(fig, title, height=height)
    fig.update_layout(margin={"l": 90})
    fig.update_xaxes(autorange="reversed", tickangle=-40, automargin=True)
    fig.update_yaxes(autorange="reversed", side="right", automargin=True)
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
    return _count_heatmap(
        matrix,
        x=ticks,
        y=ticks,
        colorscale="Purples",
        hover="%{y} + %{x}: %{z}",
        colorbar_title=colorbar_title,
        title=title,
        height=max(360, 32 * len(names) + 200),
    )


def _highlight(sentence: str, start: int, end: int) -> str:
    """Return the sentence around ``[start, end)`` as escaped HTML, the surface in ``<mark>``."""
    left = sentence[max(0, start - CONTEXT_CHARS) : start]
    right = sentence[end : end + CONTEXT_CHARS]
    left = ("… " if start > CONTEXT_CHARS else "") + left
    right = right + (" …" if end + CONTEXT_CHARS < len(sentence) else "")
    mark = html.escape(sentence[start:end])
    return f"{html.escape(left)}<mark><b>{mark}</b></mark>{html.escape(right)}"


def example_sentences_html(
    df: pd.DataFrame,
    *,
    company: str = "company",
    article: str = "article_id",
    sentence: str = "sentence",
    start: str = "surface_start",
    end: str = "surface_end",
    labels: Mapping[str, str] | None = None,
    headers: tuple[str, str, str] = ("الشركة", "المقالة", "الجملة"),
    empty: str = "لا إشارات",
) -> str:
    """Return an RTL HTML table of example sentences per company, the name as written marked.

    An HTML table rather than a plotly one: the browser wraps long Arabic sentences with the
    bidi algorithm, where plotly's SVG lines lose their right-to-left isolate. Article text
    is escaped.
    """
    rows = [
        [html.escape((labels or {}).get(c, c)), html.escape(str(a)), _highlight(s, int(i), int(j))]
        for c, a, s, i, j in zip(
            df[company], df[article], df[sentence], df[start], df[end], strict=True
        )
    ]
    return sentence_table_html(
        headers, rows, widths=(16, 18, 66), classes=("", "num", "sent"), empty=empty
    )

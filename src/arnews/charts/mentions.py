"""Charts of the mentions notebook: who is mentioned, where, when, with whom, in which words."""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from arnews.charts import bottom_legend, chart_layout, grain_word, mirror_bars, mirrored
from arnews.charts.corpus import unique_labels
from arnews.charts.tables import cell_html, html_table
from arnews.names import MENTION_KIND_NAMES
from arnews.rtl import (
    bilingual,
    direction_of,
    hover_template,
    hover_text,
    html_text,
    language_direction,
    period_label,
    plotly_text,
    short_title,
)

__all__ = [
    "KIND_COLORS",
    "article_company_heatmap",
    "cooccurrence_heatmap",
    "example_sentences_html",
    "kind_labels",
    "mentions_by_company_bar",
    "mentions_over_time_heatmap",
]

KIND_COLORS = {"company": "#1f77b4", "product": "#ff7f0e", "person": "#2ca02c"}
CONTEXT_CHARS = 90  # characters of the sentence kept on each side of the surface


def kind_labels(language: str = "ar") -> dict[str, str]:
    """Return kind -> label in `language` (``ar``, ``en`` or ``both``)."""
    return {k: bilingual(ar, en, language) for k, (ar, en) in MENTION_KIND_NAMES.items()}


def _name(labels: Mapping[str, str] | None, name: str) -> str:
    return labels.get(name, name) if labels else name


def _count_words(n: int, language: str) -> str:
    return bilingual(f"الإشارات: {n:,}", f"{n:,} mentions", language)


def mentions_by_company_bar(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    language: str = "ar",
    title: str | None = None,
    axis_title: str | None = None,
) -> go.Figure:
    """Horizontal bars of mentions per company, stacked by kind, the most mentioned on top.

    `df`: columns ``company``, ``kind``, ``count`` (:func:`arnews.mentions.company_kind_counts`).
    `labels` maps a company to its display name, `kinds` a kind to its legend name.
    """
    lang = language_direction(language)
    kinds = kinds or kind_labels(language)
    order = df.groupby("company", sort=False)["count"].sum().sort_values(kind="stable").index
    y = [plotly_text(_name(labels, c)) for c in order]
    fig = go.Figure()
    for k in KIND_COLORS:
        part = df[df["kind"] == k].set_index("company")["count"].reindex(order, fill_value=0)
        if part.sum() == 0:
            continue
        hovers = [
            hover_text(
                [_name(labels, c), f"{kinds.get(k, k)}: {_count_words(int(n), language)}"], lang
            )
            for c, n in part.items()
        ]
        fig.add_bar(
            x=part.to_numpy(),
            y=y,
            orientation="h",
            name=plotly_text(kinds.get(k, k), lang),
            marker_color=KIND_COLORS[k],
            hovertext=hovers,
            hoverinfo="text",
        )
    title = title or bilingual(
        "الإشارات إلى كل شركة حسب النوع", "Mentions per company, by kind", language
    )
    fig = chart_layout(fig, title, language=language, height=max(340, 28 * len(order) + 200))
    fig.update_layout(barmode="stack")
    bottom_legend(fig, language=language)
    axis_title = axis_title or bilingual("عدد الإشارات", "mentions", language)
    return mirror_bars(fig, axis_title, language=language)


def _colorbar(title: str, language: str) -> dict:
    # On the side opposite the row labels.
    rtl = mirrored(language)
    return {
        "title": {"text": plotly_text(title, language_direction(language))},
        "x": -0.02 if rtl else 1.02,
        "xanchor": "right" if rtl else "left",
        "thickness": 14,
    }


def _count(value: float) -> str:
    """A cell's count, blank for none (zero, or no cell: NaN)."""
    return str(int(value)) if value == value and value else ""


def _count_heatmap(
    matrix: pd.DataFrame,
    *,
    x,
    y,
    hover: str,
    colorscale,
    colorbar_title,
    title,
    height,
    language,
    customdata=None,
    zeros: bool = True,
) -> go.Figure:
    """A heat map of counts, each cell labelled (zeros too when `zeros`), the row labels on
    the reading side; `hover` is a template (:func:`arnews.rtl.hover_template`), so the figure
    holds no string per cell."""
    values = matrix.to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=x,
            y=y,
            text=values if zeros else [[_count(v) for v in row] for row in values],
            texttemplate="%{text}",
            colorscale=colorscale,
            customdata=customdata,
            hovertemplate=hover,
            colorbar=_colorbar(colorbar_title, language),
        )
    )
    fig = chart_layout(fig, title, language=language, height=height)
    rtl = mirrored(language)
    fig.update_layout(margin={"l": 90} if rtl else {"r": 90})
    # No grid: it would show through the cells left empty (the co-occurrence triangle).
    fig.update_xaxes(
        autorange="reversed" if rtl else True, tickangle=-40, automargin=True, showgrid=False
    )
    fig.update_yaxes(
        autorange="reversed",
        side="right" if rtl else "left",
        automargin=True,
        type="category",
        showgrid=False,
    )
    return fig


def article_company_heatmap(
    df: pd.DataFrame,
    *,
    titles: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    language: str = "ar",
    title: str | None = None,
    colorbar_title: str | None = None,
) -> go.Figure:
    """Heat map of mentions per article (rows, by shortened title) and company (columns); an
    article naming none keeps its (blank) row. The hover shows the title, the id, the company
    and the count.

    `df`: columns ``article_id``, ``company``, ``count``
    (:func:`arnews.mentions.article_company_counts`).
    """
    lang = language_direction(language)
    matrix = df.pivot_table(
        index="article_id",
        columns="company",
        values="count",
        aggfunc="sum",
        fill_value=0,
        sort=False,
    )
    matrix = matrix[matrix.sum().sort_values(ascending=False, kind="stable").index]
    ids = [str(a) for a in matrix.index]
    full = [(titles or {}).get(a) or a for a in ids]
    word = bilingual("الإشارات", "mentions", language)
    title = title or bilingual("الإشارات في كل مقالة", "Mentions per article", language)
    return _count_heatmap(
        matrix,
        x=[plotly_text(_name(labels, c)) for c in matrix.columns],
        y=[plotly_text(s) for s in unique_labels(ids, full)],
        customdata=[[a] * len(matrix.columns) for a in ids],  # the id, on hover
        zeros=False,  # an article naming no company keeps its row, blank
        hover=hover_template(["%{y}", "%{customdata}", "%{x}", f"{word}: %{{z}}"], lang),
        colorscale="Blues",
        colorbar_title=colorbar_title or bilingual("إشارات", "mentions", language),
        title=title,
        height=max(340, 30 * len(matrix) + 220),
        language=language,
    )


def mentions_over_time_heatmap(
    df: pd.DataFrame,
    *,
    grain: str,
    labels: Mapping[str, str] | None = None,
    undated: int = 0,
    language: str = "ar",
) -> go.Figure:
    """Heat map of mentions per company (rows) and week or month of publication (columns):
    attention over time. `df` is :func:`arnews.aggregate.mentions_over_time`."""
    lang = language_direction(language)
    order = df.groupby("company")["count"].sum().sort_values(ascending=False).index
    matrix = df.pivot_table(
        index="company", columns="period", values="count", aggfunc="sum", fill_value=0
    ).reindex(order)
    periods = [plotly_text(period_label(p, grain, language), lang) for p in matrix.columns]
    word = bilingual("الإشارات", "mentions", language)
    by = grain_word(grain, language)
    title = bilingual(
        f"الإشارات إلى كل شركة في كل {by}", f"Mentions per company and {by}", language
    )
    if undated:
        title += bilingual(
            f" — مقالات بلا تاريخ خارج الرسم: {undated:,}",
            f" — {undated:,} undated articles not shown",
            language,
        )
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=list(matrix.columns),
            y=[plotly_text(_name(labels, c)) for c in matrix.index],
            colorscale="Blues",
            customdata=[periods] * len(matrix),  # the period in the language of the labels
            hovertemplate=hover_template(["%{y}", "%{customdata}", f"{word}: %{{z}}"], lang),
            colorbar=_colorbar(bilingual("إشارات", "mentions", language), language),
        )
    )
    fig = chart_layout(fig, title, language=language, height=max(340, 30 * len(matrix) + 200))
    rtl = mirrored(language)
    fig.update_layout(margin={"l": 90} if rtl else {"r": 90})
    step = -(-len(matrix.columns) // 8)  # at most 8 labelled periods
    fig.update_xaxes(type="date", tickvals=list(matrix.columns)[::step],
                     ticktext=periods[::step])  # fmt: skip
    fig.update_yaxes(autorange="reversed", side="right" if rtl else "left", automargin=True)
    return fig


def cooccurrence_heatmap(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    language: str = "ar",
    title: str | None = None,
    colorbar_title: str | None = None,
) -> go.Figure:
    """Heat map of the number of sentences naming both companies: each pair once (the lower
    triangle of the symmetric matrix), the most mentioned companies first.

    `df`: columns ``company_a``, ``company_b``, ``sentences``
    (:func:`arnews.mentions.company_cooccurrence`).
    """
    lang = language_direction(language)
    totals = df.groupby("company_a")["sentences"].sum()
    names = totals.sort_values(ascending=False, kind="stable").index
    matrix = (
        df.pivot_table(index="company_a", columns="company_b", values="sentences", aggfunc="sum")
        .reindex(index=names, columns=names)
        .fillna(0)
        .astype(int)
    )
    below = np.tril(np.ones(matrix.shape, dtype=bool), k=-1)
    pairs = matrix.where(below).iloc[1:, :-1]  # the first row and last column hold no pair
    word = bilingual("الجمل", "sentences", language)
    ticks = [plotly_text(_name(labels, c)) for c in names]
    title = title or bilingual(
        "شركات تُذكر معًا في الجملة نفسها", "Companies mentioned in the same sentence", language
    )
    return _count_heatmap(
        pairs,
        x=ticks[:-1],
        y=ticks[1:],
        hover=hover_template(["%{y} + %{x}", f"{word}: %{{z}}"], lang),
        colorscale="Purples",
        colorbar_title=colorbar_title or bilingual("جمل", "sentences", language),
        title=title,
        height=max(360, 28 * len(pairs) + 220),
        language=language,
        zeros=False,  # most pairs never meet: only the counts that are there
    )


def _highlight(sentence: str, start: int, end: int) -> str:
    """Return the sentence around ``[start, end)`` as escaped HTML, the surface in ``<mark>``."""
    left = sentence[max(0, start - CONTEXT_CHARS) : start]
    right = sentence[end : end + CONTEXT_CHARS]
    left = ("… " if start > CONTEXT_CHARS else "") + left
    right = right + (" …" if end + CONTEXT_CHARS < len(sentence) else "")
    direction = direction_of(sentence)
    mark = html_text(sentence[start:end], direction)
    return f"{html_text(left, direction)}<mark><b>{mark}</b></mark>{html_text(right, direction)}"


def example_sentences_html(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
    language: str = "ar",
    headers: tuple[str, str, str] | None = None,
    empty: str | None = None,
) -> str:
    """Return an HTML table of example sentences per company, the name as written marked.

    An HTML table rather than a plotly one: the browser wraps long Arabic sentences with the
    bidi algorithm, where plotly's SVG lines lose their isolates. Articles show by shortened
    title (`titles`), the id on hover. Article text is escaped.

    `df`: columns ``company``, ``article_id``, ``sentence``, ``surface_start``, ``surface_end``
    (:func:`arnews.mentions.example_sentences`).
    """
    rows = []
    for c, a, s, i, j in zip(
        df["company"],
        df["article_id"],
        df["sentence"],
        df["surface_start"],
        df["surface_end"],
        strict=True,
    ):
        name = _name(labels, c)
        text = short_title((titles or {}).get(a), str(a), 40)
        tip = html.escape(str(a), quote=True)
        rows.append(
            [
                cell_html(name),
                (f'<span title="{tip}">{html_text(text)}</span>', direction_of(text)),
                (_highlight(s, int(i), int(j)), direction_of(s)),
            ]
        )
    headers = headers or tuple(
        bilingual(ar, en, language)
        for ar, en in [("الشركة", "company"), ("المقالة", "article"), ("الجملة", "sentence")]
    )
    return html_table(
        headers,
        rows,
        language=language,
        widths=(16, 22, 62),
        classes=("", "", "sent"),
        empty=empty or bilingual("لا إشارات", "no mentions", language),
    )

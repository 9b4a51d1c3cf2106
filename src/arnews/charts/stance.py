"""Charts of the stance notebook: tone toward open and closed models, per article or over time."""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from arnews import rtl
from arnews.charts import (
    bin_bars,
    bottom_legend,
    chart_layout,
    date_axis,
    grain_word,
    mirror_bars,
    mirrored,
)
from arnews.charts.corpus import unique_labels
from arnews.charts.tables import PAGE_ROWS, cell_html, footer_html, html_table
from arnews.names import CONFIDENCE_NAMES, POLARITY_NAMES, TARGET_NAMES, TARGET_SHORT_NAMES
from arnews.rtl import (
    bilingual,
    direction_of,
    hover_text,
    html_text,
    language_direction,
    plotly_text,
    signed,
    wrap_lines,
)

__all__ = [
    "EXPLORER_ROWS",
    "company_stance_bars",
    "cues_html",
    "explorer_html",
    "explorer_rows",
    "explorer_selection",
    "net_tone_bars",
    "score_histogram",
    "target_name",
    "tone_by_outlet_bars",
    "tone_over_time_lines",
]

#: Sentences the explorer holds at most (the strongest); the whole table is in stance.csv.
EXPLORER_ROWS = 300
_COLORS = {"open": "#2e7d32", "closed": "#6a1b9a"}
_GROUP_COLORS = {
    "open/positive": "#43a047",
    "open/neutral": "#a5d6a7",
    "open/negative": "#c5e1a5",
    "closed/positive": "#ce93d8",
    "closed/neutral": "#e1bee7",
    "closed/negative": "#8e24aa",
}


def target_name(target: str, language: str) -> str:
    """Return the display name of a target (``open``/``closed``) in `language`."""
    return bilingual(*TARGET_NAMES[target], language)


def _group_name(group: str, language: str) -> str:
    target, polarity = group.split("/")
    return f"{target_name(target, language)} · {bilingual(*POLARITY_NAMES[polarity], language)}"


def _tone_line(row, language: str) -> str:
    net = signed(int(row.net))
    ar = f"الصافي {net} (إيجابية: {int(row.n_positive):,}، سلبية: {int(row.n_negative):,})"
    en = f"net {net} ({int(row.n_positive):,} positive, {int(row.n_negative):,} negative)"
    return bilingual(ar, en, language)


def _tone_bars_layout(fig: go.Figure, language: str) -> go.Figure:
    """Grouped diverging bars, the first category on top, mirrored, the legend below."""
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    axis = bilingual("إيجابي − سلبي (جمل)", "positive − negative (sentences)", language)
    mirror_bars(fig, axis, language=language, zeroline=True)
    return bottom_legend(fig, language=language)


def net_tone_bars(
    df: pd.DataFrame, *, language: str = "ar", title: str | None = None
) -> go.Figure:
    """Diverging bars: per article, positive minus negative sentences for each target.

    Articles are named by shortened title (whole title and id on hover); articles without any
    stance sentence keep their row, labelled as such.

    `df`: columns ``title``, ``target``, ``net``, ``n_positive``, ``n_negative``, ``status``
    and, if any, ``article_id`` (:func:`arnews.aggregate.net_tone`).
    """
    lang = language_direction(language)
    ids = df["article_id"].astype(str) if "article_id" in df else df["title"].astype(str)
    title_of = dict(zip(ids, df["title"].fillna("").astype(str), strict=True))
    order = list(dict.fromkeys(ids))
    names = dict(zip(order, unique_labels(order, [title_of[i] for i in order]), strict=True))
    fig = go.Figure()
    for t in ("open", "closed"):
        sub = df[df["target"] == t]
        sub_ids = ids[sub.index]
        fig.add_trace(
            go.Bar(
                x=sub["net"],
                y=[plotly_text(names[i]) for i in sub_ids],
                orientation="h",
                name=plotly_text(target_name(t, language), lang),
                marker_color=_COLORS[t],
                hovertext=[
                    hover_text([*wrap_lines(title_of[i] or i)[:2], i], None)
                    + "<br>"
                    + hover_text([target_name(t, language), _tone_line(r, language)], lang)
                    for i, r in zip(sub_ids, sub.itertuples(index=False), strict=True)
                ],
                hoverinfo="text",
            )
        )
    for i in dict.fromkeys(ids[df["status"] == "no stance"]):
        fig.add_annotation(
            x=0,
            y=plotly_text(names[i]),
            text=plotly_text(bilingual("لا موقف", "no stance", language), lang),
            showarrow=False,
            font={"color": "#888"},
        )
    n = len(order)
    title = title or bilingual(
        "صافي النبرة تجاه النماذج المفتوحة والمغلقة في كل مقالة",
        "Net tone toward open and closed models per article",
        language,
    )
    fig = chart_layout(fig, title, language=language, height=max(360, 56 * n + 220))
    return _tone_bars_layout(fig, language)


def tone_over_time_lines(
    df: pd.DataFrame, *, grain: str, undated: int = 0, language: str = "ar"
) -> go.Figure:
    """Lines of the net tone toward each target per week or month of publication.

    `df` is :func:`arnews.aggregate.tone_over_time`; the hover gives the period, the counts
    and how many articles they come from.
    """
    lang = language_direction(language)
    fig = go.Figure()
    for t in ("open", "closed"):
        sub = df[df["target"] == t].sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=sub["period"],
                y=sub["net"],
                mode="lines+markers",
                name=plotly_text(target_name(t, language), lang),
                line={"color": _COLORS[t]},
                hovertext=[
                    hover_text(
                        [
                            rtl.period_label(r.period, grain, language),
                            target_name(t, language),
                            _tone_line(r, language),
                            bilingual(
                                f"المقالات: {int(r.articles):,}",
                                f"from {int(r.articles):,} articles",
                                language,
                            ),
                        ],
                        lang,
                    )
                    for r in sub.itertuples(index=False)
                ],
                hoverinfo="text",
            )
        )
    by = grain_word(grain, language)
    title = bilingual(f"صافي النبرة في كل {by}", f"Net tone per {by}", language)
    if undated:
        title += bilingual(
            f" — مقالات بلا تاريخ خارج الرسم: {undated:,}",
            f" — {undated:,} undated articles not shown",
            language,
        )
    fig = chart_layout(fig, title, language=language, height=420)
    if len(df):
        date_axis(fig, df["period"].min(), df["period"].max(), language=language)
    fig.update_yaxes(
        side="right" if mirrored(language) else "left",
        zeroline=True,
        zerolinewidth=2,
        title=plotly_text(bilingual("إيجابي − سلبي (جمل)", "positive − negative", language), lang),
    )
    return bottom_legend(fig, language=language)


def tone_by_outlet_bars(df: pd.DataFrame, *, language: str = "ar") -> go.Figure:
    """Grouped bars of the net tone toward each target per outlet (most judged outlets)."""
    lang = language_direction(language)
    order = df.groupby("outlet")["articles"].max().sort_values(ascending=False).index
    fig = go.Figure()
    for t in ("open", "closed"):
        sub = df[df["target"] == t].set_index("outlet").reindex(order).dropna(subset=["net"])
        fig.add_trace(
            go.Bar(
                x=sub["net"],
                y=[plotly_text(o) for o in sub.index],
                orientation="h",
                name=plotly_text(target_name(t, language), lang),
                marker_color=_COLORS[t],
                hovertext=[
                    hover_text([o, target_name(t, language), _tone_line(r, language)], lang)
                    for o, r in zip(sub.index, sub.itertuples(index=False), strict=True)
                ],
                hoverinfo="text",
            )
        )
    title = bilingual("صافي النبرة حسب المنفذ الإخباري", "Net tone per outlet", language)
    fig = chart_layout(fig, title, language=language, height=max(360, 50 * len(order) + 220))
    return _tone_bars_layout(fig, language)


def score_histogram(
    df: pd.DataFrame, *, language: str = "ar", title: str | None = None
) -> go.Figure:
    """Bars of how many sentences score in each tenth of −1…1, one colour per target.

    The counts are computed here (the figure holds 20 bars per target at any corpus size);
    the hover names the range and the count.

    `df`: columns ``target``, ``score`` (:func:`arnews.aggregate.score_distribution`).
    """
    lang = language_direction(language)
    edges = np.round(np.linspace(-1.0, 1.0, 21), 2)
    fig = go.Figure()
    for t in ("open", "closed"):
        values = df.loc[df["target"] == t, "score"].to_numpy(dtype=float)
        counts, _ = np.histogram(values, bins=edges)
        name = target_name(t, language)

        def describe(lo: float, hi: float, n: int, name: str = name) -> list[str]:
            return [
                name,
                bilingual(f"الدرجة من {signed(lo, 1)} إلى {signed(hi, 1)}",
                          f"score {signed(lo, 1)} to {signed(hi, 1)}", language),
                bilingual(f"الجمل: {n:,}", f"{n:,} sentences", language),
            ]  # fmt: skip

        fig.add_trace(bin_bars(edges, counts, describe, language=language, width=0.1,
                               name=plotly_text(name, lang), marker_color=_COLORS[t],
                               opacity=0.7))  # fmt: skip
    if df.empty:
        fig.add_annotation(
            x=0,
            y=0.5,
            yref="paper",
            showarrow=False,
            font={"color": "#888"},
            text=plotly_text(bilingual("لا موقف", "no stance", language), lang),
        )
    title = title or bilingual("توزيع درجات الجمل لكل هدف", "Sentence scores per target", language)
    fig = chart_layout(fig, title, language=language, height=420)
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(
        range=[-1.05, 1.05], title=plotly_text(bilingual("الدرجة", "score", language), lang)
    )
    fig.update_yaxes(
        side="right" if mirrored(language) else "left",
        title=plotly_text(bilingual("عدد الجمل", "sentences", language), lang),
    )
    return bottom_legend(fig, language=language)


def company_stance_bars(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    language: str = "ar",
    top_n: int = 15,
    title: str | None = None,
) -> go.Figure:
    """Stacked bars: per company, the stance sentences naming it, by target and polarity.

    `df`: columns ``company``, ``group``, ``n_sentences``
    (:func:`arnews.aggregate.stance_by_company`).
    `labels` maps a company to its display name (Arabic names in Arabic mode).
    """
    lang = language_direction(language)
    totals = df.groupby("company")["n_sentences"].sum().sort_values(ascending=False).head(top_n)
    df = df[df["company"].isin(totals.index)]

    def name(c: str) -> str:
        return (labels or {}).get(c, c)

    order = [plotly_text(name(c)) for c in totals.index]
    fig = go.Figure()
    for g in _GROUP_COLORS:
        sub = df[df["group"] == g]
        if sub.empty:
            continue
        group_name = _group_name(g, language)
        fig.add_trace(
            go.Bar(
                x=sub["n_sentences"],
                y=[plotly_text(name(c)) for c in sub["company"]],
                orientation="h",
                name=plotly_text(group_name, lang),
                marker_color=_GROUP_COLORS[g],
                hovertext=[
                    hover_text(
                        [
                            name(c),
                            group_name,
                            bilingual(f"الجمل: {int(n):,}", f"{int(n):,} sentences", language),
                        ],
                        lang,
                    )
                    for c, n in zip(sub["company"], sub["n_sentences"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    title = title or bilingual(
        "الشركات في جمل الموقف: مفتوح/إيجابي مقابل مغلق/سلبي",
        "Companies in stance sentences, by target and polarity",
        language,
    )
    fig = chart_layout(fig, title, language=language, height=max(380, 28 * len(totals) + 260))
    fig.update_layout(barmode="stack")
    mirror_bars(fig, bilingual("عدد الجمل", "sentences", language), language=language)
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
    return bottom_legend(fig, language=language)


def cues_html(sentence: str, cues: str | list[dict], sentence_start: int) -> str:
    """Return the sentence as escaped HTML with each cue in a ``<mark>`` (class by polarity)."""
    items = json.loads(cues) if isinstance(cues, str) else cues
    spans = sorted(
        (q["start"] - sentence_start, q["end"] - sentence_start, q["polarity"]) for q in items
    )
    direction = direction_of(sentence)
    out, pos = [], 0
    for a, b, pol in spans:
        if a < pos or a < 0 or b > len(sentence):
            continue  # overlapping or outside the sentence: leave it unmarked
        out.append(html_text(sentence[pos:a], direction))
        out.append(f'<mark class="{pol}">{html_text(sentence[a:b], direction)}</mark>')
        pos = b
    out.append(html_text(sentence[pos:], direction))
    return "".join(out)


def explorer_selection(
    stance: pd.DataFrame, mentions: pd.DataFrame | None = None, *, limit: int = EXPLORER_ROWS
) -> pd.DataFrame:
    """Return at most `limit` stance rows for the explorer: the strongest (by ``|score|``) of
    each target and polarity, then of each company named, then the strongest of the rest.

    The payload of the page stays fixed whatever the corpus size; the whole table is written
    to ``stance.csv``.
    """
    if len(stance) <= limit:
        return stance
    strength = stance["score"].abs().sort_values(ascending=False, kind="stable")
    ranked = stance.loc[strength.index]
    picks = [ranked.groupby(["target", "polarity"], sort=False).head(limit // 12).index]
    if mentions is not None and not mentions.empty:
        named = ranked.reset_index().merge(
            mentions[["article_id", "sentence_id", "company"]].drop_duplicates(),
            on=["article_id", "sentence_id"],
        )
        picks.append(pd.Index(named.groupby("company", sort=False).head(3)["index"]))
    chosen = list(dict.fromkeys(i for idx in picks for i in idx))[:limit]
    rest = [i for i in ranked.index if i not in set(chosen)][: limit - len(chosen)]
    keep = set(chosen) | set(rest)
    return stance.loc[[i for i in ranked.index if i in keep]]


def explorer_rows(stance: pd.DataFrame) -> pd.DataFrame:
    """Return the stance rows with a ``sentence_html`` column (escaped, cues highlighted)."""
    out = stance.copy()
    out["sentence_html"] = [
        cues_html(s, c, st)
        for s, c, st in zip(out["sentence"], out["cues"], out["start"], strict=True)
    ]
    return out


def explorer_html(
    rows: pd.DataFrame,
    *,
    language: str = "ar",
    titles: Mapping[str, str] | None = None,
    total: int | None = None,
    csv: str | None = None,
) -> str:
    """Return an HTML table of stance sentences with highlighted cues, paged, with a filter box.

    `rows` comes from :func:`explorer_rows`. All article text is escaped; the only markup
    added is the table, the ``<mark>`` tags and an inline script (no external resources).
    `total` is the size of the whole stance table, said under the table with `csv`.
    """
    heads = [
        bilingual("المقالة", "article", language),
        "#",
        bilingual("الهدف", "target", language),
        bilingual("القطبية", "polarity", language),
        bilingual("الدرجة", "score", language),
        bilingual("الثقة", "confidence", language),
        bilingual("الجملة", "sentence", language),
    ]
    body = []
    for r in rows.itertuples(index=False):
        name = rtl.short_title((titles or {}).get(r.article_id), str(r.article_id), 40)
        body.append(
            [
                (f'<span title="{r.article_id}">{html_text(name)}</span>', direction_of(name)),
                cell_html(int(r.sentence_id)),
                cell_html(bilingual(*TARGET_SHORT_NAMES[r.target], language)),
                cell_html(bilingual(*POLARITY_NAMES[r.polarity], language)),
                cell_html(float(r.score), signed_digits=2),
                cell_html(
                    bilingual(*CONFIDENCE_NAMES.get(r.confidence, (r.confidence,) * 2), language)
                ),
                (r.sentence_html, direction_of(r.sentence)),
            ]
        )
    total = len(rows) if total is None else total
    footer = ""
    if total > len(rows):
        where = csv or "stance.csv"
        text = bilingual(
            f"أقوى الجمل: {len(rows):,} من {total:,}؛ الجدول كاملًا في {where}",
            f"the {len(rows):,} strongest of {total:,} sentences; the whole table is in {where}",
            language,
        )
        footer = footer_html(text, language, csv)
    return html_table(
        heads,
        body,
        language=language,
        widths=(14, 4, 9, 8, 7, 6, 52),
        classes=("", "num", "", "", "num", "", "sent"),
        empty=bilingual("لا موقف", "no stance", language),
        filter_placeholder=bilingual("تصفية…", "filter…", language),
        page_rows=PAGE_ROWS,
        footer=footer,
    )

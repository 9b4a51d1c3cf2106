"""Charts of the stance notebook: tone toward open and closed models."""

from __future__ import annotations

import html
import json
from textwrap import shorten

import pandas as pd
import plotly.graph_objects as go

from arnews.charts import arabic_layout
from arnews.charts.sentence_table import sentence_table_html
from arnews.rtl import bilingual, browser_label

__all__ = [
    "company_stance_bars",
    "cues_html",
    "explorer_html",
    "explorer_rows",
    "net_tone_bars",
    "score_histogram",
]

_TARGET_NAMES = {
    "open": ("النماذج المفتوحة", "open models"),
    "closed": ("النماذج المغلقة", "closed models"),
}
_TARGET_SHORT = {"open": "مفتوح", "closed": "مغلق"}  # a table cell, not a chart title
_POLARITY_NAMES = {
    "positive": ("إيجابي", "positive"),
    "negative": ("سلبي", "negative"),
    "neutral": ("محايد", "neutral"),
}
_COLORS = {"open": "#2e7d32", "closed": "#6a1b9a"}
_GROUP_COLORS = {
    "open/positive": "#43a047",
    "open/neutral": "#a5d6a7",
    "open/negative": "#c5e1a5",
    "closed/positive": "#ce93d8",
    "closed/neutral": "#e1bee7",
    "closed/negative": "#8e24aa",
}


def _name(target: str, language: str) -> str:
    return bilingual(*_TARGET_NAMES[target], language)


def _group_name(group: str, language: str) -> str:
    target, polarity = group.split("/")
    return f"{_name(target, language)} · {bilingual(*_POLARITY_NAMES[polarity], language)}"


def net_tone_bars(
    df: pd.DataFrame,
    *,
    article: str = "title",
    target: str = "target",
    net: str = "net",
    status: str = "status",
    language: str = "ar",
    title: str = "صافي النبرة تجاه النماذج المفتوحة والمغلقة في كل مقالة",
) -> go.Figure:
    """Diverging bars: per article, positive minus negative sentences for each target.

    Articles without any stance sentence keep their row, labelled as such.
    """
    # Cut at a word boundary: half a word would read as a different word.
    labels = {
        a: browser_label(shorten(str(a), 60, placeholder=" …")) for a in df[article].unique()
    }
    fig = go.Figure()
    for t in ("open", "closed"):
        sub = df[df[target] == t]
        fig.add_trace(
            go.Bar(
                x=sub[net],
                y=[labels[a] for a in sub[article]],
                orientation="h",
                name=browser_label(_name(t, language)),
                marker_color=_COLORS[t],
                hovertemplate="%{y}<br>%{x:+d}<extra>%{fullData.name}</extra>",
            )
        )
    none = df[df[status] == "no stance"][article].unique()
    for a in none:
        fig.add_annotation(
            x=0,
            y=labels[a],
            text=browser_label(bilingual("لا موقف", "no stance", language)),
            showarrow=False,
            font={"color": "#888"},
        )
    n = df[article].nunique()
    fig = arabic_layout(fig, title, height=max(360, 60 * n + 200))
    fig.update_layout(barmode="group")
    fig.update_layout(
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": -0.3, "yanchor": "top"},
        margin={"b": 110},
    )
    fig.update_yaxes(side="right", automargin=True, autorange="reversed")
    fig.update_xaxes(
        title=browser_label(
            bilingual("إيجابي − سلبي (جمل)", "positive − negative (sentences)", language)
        ),
        zeroline=True,
        zerolinewidth=2,
    )
    return fig


def score_histogram(
    df: pd.DataFrame,
    *,
    target: str = "target",
    score: str = "score",
    language: str = "ar",
    title: str = "توزيع درجات الجمل لكل هدف",
) -> go.Figure:
    """Overlaid histograms of sentence scores (−1…1), one per target."""
    fig = go.Figure()
    for t in ("open", "closed"):
        sub = df[df[target] == t]
        fig.add_trace(
            go.Histogram(
                x=sub[score],
                name=browser_label(_name(t, language)),
                marker_color=_COLORS[t],
                xbins={"start": -1.0, "end": 1.0001, "size": 0.1},
                opacity=0.7,
            )
        )
    if df.empty:
        fig.add_annotation(
            x=0, y=0.5, yref="paper", showarrow=False, font={"color": "#888"},
            text=browser_label(bilingual("لا موقف", "no stance", language)),
        )  # fmt: skip
    fig = arabic_layout(fig, title)
    fig.update_layout(barmode="overlay")
    fig.update_layout(
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": -0.3, "yanchor": "top"},
        margin={"b": 110},
    )
    fig.update_xaxes(
        range=[-1.05, 1.05], title=browser_label(bilingual("الدرجة", "score", language))
    )
    fig.update_yaxes(
        title=browser_label(bilingual("عدد الجمل", "sentences", language)), side="right"
    )
    return fig


def company_stance_bars(
    df: pd.DataFrame,
    *,
    company: str = "company",
    group: str = "group",
    count: str = "n_sentences",
    language: str = "ar",
    top_n: int = 15,
    title: str = "الشركات في جمل الموقف: مفتوح/إيجابي مقابل مغلق/سلبي",
) -> go.Figure:
    """Stacked bars: per company, the stance sentences naming it, by target and polarity."""
    totals = df.groupby(company)[count].sum().sort_values(ascending=False).head(top_n)
    df = df[df[company].isin(totals.index)]
    order = [browser_label(c) for c in totals.index]
    fig = go.Figure()
    for g in _GROUP_COLORS:
        sub = df[df[group] == g]
        if sub.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=sub[count],
                y=[browser_label(c) for c in sub[company]],
                orientation="h",
                name=browser_label(_group_name(g, language)),
                marker_color=_GROUP_COLORS[g],
                hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>",
            )
        )
    fig = arabic_layout(fig, title, height=max(360, 28 * len(totals) + 220))
    fig.update_layout(barmode="stack")
    fig.update_layout(
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": -0.3, "yanchor": "top"},
        margin={"b": 110},
    )
    fig.update_yaxes(
        side="right", automargin=True, categoryorder="array", categoryarray=order[::-1]
    )
    fig.update_xaxes(title=browser_label(bilingual("عدد الجمل", "sentences", language)))
    return fig


def cues_html(sentence: str, cues: str | list[dict], sentence_start: int) -> str:
    """Return the sentence as escaped HTML with each cue in a ``<mark>`` (class by polarity)."""
    items = json.loads(cues) if isinstance(cues, str) else cues
    spans = sorted(
        (q["start"] - sentence_start, q["end"] - sentence_start, q["polarity"]) for q in items
    )
    out, pos = [], 0
    for a, b, pol in spans:
        if a < pos or a < 0 or b > len(sentence):
            continue  # overlapping or outside the sentence: leave it unmarked
        out.append(html.escape(sentence[pos:a]))
        out.append(f'<mark class="{pol}">{html.escape(sentence[a:b])}</mark>')
        pos = b
    out.append(html.escape(sentence[pos:]))
    return "".join(out)


def explorer_rows(stance: pd.DataFrame) -> pd.DataFrame:
    """Return the stance rows with a ``sentence_html`` column (escaped, cues highlighted)."""
    out = stance.copy()
    out["sentence_html"] = [
        cues_html(s, c, st)
        for s, c, st in zip(out["sentence"], out["cues"], out["start"], strict=True)
    ]
    return out


def explorer_html(rows: pd.DataFrame, *, language: str = "ar") -> str:
    """Return an RTL HTML table of stance sentences with highlighted cues and a filter box.

    `rows` comes from :func:`explorer_rows`. All article text is escaped; the only markup
    added is the table, the ``<mark>`` tags and an inline filter (no external resources).
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
    body = [
        [
            html.escape(str(r.article_id)),
            str(int(r.sentence_id)),
            html.escape(bilingual(_TARGET_SHORT[r.target], r.target, language)),
            html.escape(bilingual(*_POLARITY_NAMES[r.polarity], language)),
            f"{r.score:+.2f}",
            html.escape(str(r.confidence)),
            r.sentence_html,
        ]
        for r in rows.itertuples(index=False)
    ]
    return sentence_table_html(
        heads,
        body,
        widths=(14, 4, 9, 8, 6, 6, 53),
        classes=("num", "num", "", "", "num", "", "sent"),
        empty=bilingual("لا موقف", "no stance", language),
        filter_placeholder=bilingual("تصفية…", "filter…", language),
    )

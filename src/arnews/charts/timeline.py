"""Charts of the timeline notebook: events by date, coloured by company, shaped by kind."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from arnews.charts import arabic_layout
from arnews.rtl import bilingual, browser_label

__all__ = ["KIND_LABELS", "KIND_SYMBOLS", "event_midpoints", "timeline_chart"]

KIND_LABELS = {
    "release": ("إطلاق", "release"),
    "announcement": ("إعلان", "announcement"),
    "delay": ("تأجيل", "delay"),
    "other": ("أخرى", "other"),
}
KIND_SYMBOLS = {"release": "circle", "announcement": "diamond", "delay": "x", "other": "square"}
_NO_COMPANY = ("غير محدد", "unknown")
_EVENTS_ROW = ("الأحداث", "events")
_PUBLISHED_ROW = ("نشر المقالات", "publication")
_STACK = 0.14  # vertical step between events falling on the same point


def event_midpoints(dates: pd.Series) -> pd.Series:
    """Return the middle of each ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` period as a Timestamp.

    A month is plotted on its 15th and a year on 1 July, so a coarse date is not drawn as if it
    were its first day.
    """

    def mid(value: str) -> pd.Timestamp:
        if len(value) == 4:
            return pd.Timestamp(f"{value}-07-01")
        if len(value) == 7:
            return pd.Timestamp(f"{value}-15")
        return pd.Timestamp(value)

    return dates.map(mid)


def _hover(text: object, width: int = 70) -> str:
    lines = textwrap.wrap(str(text or ""), width) or [""]
    return "<br>".join(browser_label(html.escape(line)) for line in lines)


def timeline_chart(
    events: pd.DataFrame,
    publications: pd.DataFrame | None = None,
    *,
    date: str = "date",
    kind: str = "kind",
    company: str = "company",
    subject: str = "subject",
    surface: str = "surface",
    sentence: str = "sentence",
    published: str = "published",
    pub_title: str = "title",
    label_language: str = "ar",
    title: str = "الجدول الزمني للأحداث",
) -> go.Figure:
    """Events as points on a date axis; article publication dates as a second row.

    Events of the same month stack upwards; a month is drawn on its 15th, a year on 1 July.

    Parameters
    ----------
    events : one row per dated event (no vague rows), with the columns named by the keywords.
        Colour: `company` (else `subject`); marker shape: `kind`; hover: date, surface, subject
        and the sentence (HTML-escaped).
    publications : optional articles table with `published` and `pub_title` columns.
    label_language : ``"ar"``, ``"en"`` or ``"both"`` for legend and axis labels.
    """
    lang = label_language
    fig = go.Figure()
    ev = events.copy()
    if not ev.empty:
        ev["_x"] = event_midpoints(ev[date])
        owner = ev[company].where(ev[company].notna(), ev[subject])
        ev["_owner"] = owner.where(owner.notna(), bilingual(*_NO_COMPANY, lang))
        ev = ev.sort_values(["_x", "_owner"])
        # Events of the same month stack upwards instead of hiding each other.
        ev["_y"] = 1 + _STACK * ev.groupby(ev["_x"].dt.to_period("M")).cumcount()
    palette = plotly.colors.qualitative.Plotly
    for i, (who, df) in enumerate(ev.groupby("_owner", sort=True) if not ev.empty else []):
        # Each hover line is isolated whole: plotly draws every line as its own SVG text.
        hover = [
            browser_label(f"<b>{html.escape(str(s))}</b> → {d}")
            + "<br>"
            + browser_label(
                f"{bilingual(*KIND_LABELS.get(k, (k, k)), lang)} · {html.escape(str(subj or ''))}"
            )
            + f"<br>{_hover(sent)}"
            for s, d, k, subj, sent in zip(
                df[surface], df[date], df[kind], df[subject], df[sentence], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=df["_x"],
                y=df["_y"],
                mode="markers",
                marker={
                    "size": 13,
                    "color": palette[i % len(palette)],
                    "symbol": [KIND_SYMBOLS.get(k, "circle") for k in df[kind]],
                    "line": {"width": 1, "color": "white"},
                },
                name=browser_label(html.escape(str(who))),
                legendgroup="company",
                legendgrouptitle={"text": browser_label(bilingual("الشركة", "company", lang))},
                hovertext=hover,
                hoverinfo="text",
            )
        )
    for k, symbol in KIND_SYMBOLS.items():  # a legend of shapes, drawn in grey
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"size": 11, "color": "#777", "symbol": symbol},
                hoverinfo="skip",  # a legend entry only: no point to hover
                name=browser_label(bilingual(*KIND_LABELS[k], lang)),
                legendgroup="kind",
                legendgrouptitle={"text": browser_label(bilingual("النوع", "kind", lang))},
            )
        )
    if publications is not None:
        pubs = publications[publications[published].notna()]
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(pubs[published].astype(str)),
                y=[0] * len(pubs),
                mode="markers",
                marker={"size": 12, "color": "#444", "symbol": "triangle-up"},
                name=browser_label(bilingual(*_PUBLISHED_ROW, lang)),
                hovertext=[_hover(t) for t in pubs[pub_title]],
                hoverinfo="text+x",
            )
        )
    top = float(ev["_y"].max()) if not ev.empty else 1.0
    fig = arabic_layout(fig, bilingual(title, "Timeline of events", lang), height=520)
    fig.update_yaxes(
        tickvals=[0, 1],
        ticktext=[browser_label(bilingual(*r, lang)) for r in (_PUBLISHED_ROW, _EVENTS_ROW)],
        range=[-0.5, top + 0.6],
        showgrid=False,
        zeroline=False,
        side="right",
        automargin=True,
    )
    fig.update_xaxes(title=browser_label(bilingual("التاريخ", "date", lang)), type="date")
    fig.update_layout(
        legend={
            "groupclick": "toggleitem",
            "orientation": "h",
            "y": -0.25,
            "x": 1,
            "xanchor": "right",
        },
        margin={"r": 110, "b": 120},
    )
    return fig

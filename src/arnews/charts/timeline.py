"""Charts of the timeline notebook: one lane per company, points labelled with the product."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from arnews.charts import bottom_legend, chart_layout, date_axis, mirrored
from arnews.names import EVENT_KIND_NAMES
from arnews.rtl import (
    bilingual,
    date_label,
    hover_text,
    language_direction,
    plotly_text,
    short_title,
    wrap_lines,
)

__all__ = [
    "KIND_SYMBOLS",
    "MAX_LANES",
    "MAX_POINTS",
    "event_midpoints",
    "shown_range",
    "timeline_chart",
    "timeline_points",
]

KIND_SYMBOLS = {"release": "circle", "announcement": "diamond", "delay": "x", "other": "square"}
MAX_LANES = 12  # companies with most events get a lane; the others share "other companies"
MAX_POINTS = 300  # distinct events drawn at most (most reported first); all are in events.csv
LABELS_MAX = 40  # points labelled with their product on the chart (all have it on hover)
_NO_COMPANY = ("غير محدد", "unknown")
_OTHERS = ("شركات أخرى", "other companies")
_PUBLISHED_ROW = ("نشر المقالات", "publication")
OTHER_LANE = "\x00other"  # the lane of companies past MAX_LANES (no company is named so)


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


def timeline_points(
    events: pd.DataFrame, *, max_points: int = MAX_POINTS, max_lanes: int = MAX_LANES
) -> pd.DataFrame:
    """Return one row per distinct event (same lane, subject, date and kind), most reported
    first, at most `max_points`.

    `events`: columns ``company``, ``subject``, ``date``, ``kind``.

    Returns
    -------
    `events` columns of the first report of each event, plus ``lane`` (the company, else the
    subject; past `max_lanes` companies, :data:`OTHER_LANE`), ``n_reports`` (rows
    of `events` it stands for) and ``x`` (the date's midpoint).
    """
    ev = events.copy()
    owner = ev["company"].where(ev["company"].notna(), ev["subject"])
    ev["lane"] = owner.where(owner.notna(), "")
    top = ev["lane"].value_counts().head(max_lanes).index
    ev["lane"] = ev["lane"].where(ev["lane"].isin(top), OTHER_LANE)
    grouped = ev.groupby(["lane", "subject", "date", "kind"], sort=False, dropna=False)
    first = ev.loc[grouped.head(1).index]
    first = first.assign(n_reports=grouped.transform("size")[first.index])
    first = first.sort_values("n_reports", ascending=False, kind="stable").head(max_points)
    first["x"] = event_midpoints(first["date"])
    return first.reset_index(drop=True)


def shown_range(x: pd.Series, fence: float = 1.5) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return a date range holding every date of `x` but the far-off ones (beyond `fence`
    interquartile ranges from the middle half, Tukey's rule, and at least 90 days), padded, so
    a 2019 mention in 2025 news does not squeeze the rest into one edge. None if `x` is empty."""
    if x.empty:
        return None
    q1, q3 = x.quantile(0.25), x.quantile(0.75)
    reach = max((q3 - q1) * fence, pd.Timedelta(days=90))
    kept = x[(x >= q1 - reach) & (x <= q3 + reach)]
    lo, hi = kept.min(), kept.max()
    pad = max((hi - lo) * 0.06, pd.Timedelta(days=20))
    return lo - pad, hi + pad


def timeline_chart(
    events: pd.DataFrame,
    publications: pd.DataFrame | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    label_language: str = "ar",
    title: str | None = None,
) -> go.Figure:
    """Events on a date axis, one lane per company, shaped by kind, labelled with the product.

    A month is drawn on its 15th, a year on 1 July; the axis shows every event but far-off ones
    (:func:`shown_range`; they are counted in the title and reached by zooming out).

    Parameters
    ----------
    events : one row per dated event (no vague rows), with columns ``date``, ``kind``,
        ``company``, ``subject``, ``surface``, ``sentence``. Lane and colour: ``company`` (else
        ``subject``); marker shape: ``kind``; hover: the date in the language of the labels, to
        the event's precision, the expression as written, the subject, the kind and the
        sentence.
    publications : optional articles table with columns ``published`` and ``title``: a bottom
        lane shows each article's publication date.
    labels : company -> display name (Arabic names in Arabic mode).
    label_language : ``"ar"``, ``"en"`` or ``"both"`` for every label.
    """
    lang, language = language_direction(label_language), label_language
    points = timeline_points(events) if len(events) else None
    fig = go.Figure()
    lanes: list[str] = []
    if points is not None:
        lanes = _draw_lanes(fig, points, labels, language)
    _kind_legend(fig, language)
    pub_lane = plotly_text(bilingual(*_PUBLISHED_ROW, language), lang)
    if publications is not None:
        pubs = publications[publications["published"].notna()]
        if len(pubs):
            fig.add_trace(
                go.Scatter(
                    x=pd.to_datetime(pubs["published"].astype(str)),
                    y=[pub_lane] * len(pubs),
                    mode="markers",
                    marker={"size": 12, "color": "#444", "symbol": "triangle-up"},
                    name=pub_lane,
                    hovertext=[
                        hover_text([date_label(str(d), language)], lang)
                        + "<br>"
                        + hover_text(wrap_lines(t)[:3], None)
                        for d, t in zip(pubs["published"], pubs["title"], strict=True)
                    ],
                    hoverinfo="text",
                )
            )
            lanes.insert(0, pub_lane)  # the bottom lane
    return _layout(fig, points, lanes, language, title)


def _draw_lanes(fig, points, labels, language) -> list[str]:
    lang = language_direction(language)
    palette = plotly.colors.qualitative.Plotly
    lane_names = {}
    for lane in points["lane"].drop_duplicates():
        if lane == OTHER_LANE:
            lane_names[lane] = bilingual(*_OTHERS, language)
        else:
            lane_names[lane] = (labels or {}).get(lane, lane) or bilingual(*_NO_COMPANY, language)
    # One label per product and lane (the most reported point), never the lane's own name.
    named = points[points["subject"].notna() & (points["subject"] != points["lane"])]
    labelled = set(named.drop_duplicates(["lane", "subject"]).head(LABELS_MAX).index)
    order = points.groupby("lane", sort=False).size().sort_values(kind="stable")
    for i, lane in enumerate(order.index):
        df = points[points["lane"] == lane].sort_values("x", kind="stable")
        name = plotly_text(lane_names[lane], lang)
        hover = [
            hover_text([date_label(d, language), s], lang)
            + "<br>"
            + hover_text(
                [
                    f"{bilingual(*EVENT_KIND_NAMES.get(k, (k, k)), language)} · {subj or ''}",
                    bilingual(f"المقالات: {n:,}", f"in {n:,} articles", language) if n > 1 else "",
                ],
                lang,
            )
            + "<br>"
            + hover_text(wrap_lines(sent), None)
            for d, s, k, subj, sent, n in zip(
                df["date"],
                df["surface"],
                df["kind"],
                df["subject"],
                df["sentence"],
                df["n_reports"],
                strict=True,
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=df["x"],
                y=[name] * len(df),
                mode="markers+text",
                text=[
                    plotly_text(short_title(s, "", 24)) if idx in labelled else ""
                    for idx, s in zip(df.index, df["subject"].fillna(""), strict=True)
                ],
                textposition=[
                    "top center" if k % 2 == 0 else "bottom center" for k in range(len(df))
                ],
                textfont={"size": 11, "color": "#333"},
                marker={
                    "size": [min(10 + 2 * (n - 1), 22) for n in df["n_reports"]],
                    "color": palette[i % len(palette)],
                    "symbol": [KIND_SYMBOLS.get(k, "circle") for k in df["kind"]],
                    "line": {"width": 1, "color": "white"},
                },
                name=name,
                showlegend=False,
                hovertext=hover,
                hoverinfo="text",
            )
        )
    return [plotly_text(lane_names[lane], lang) for lane in order.index]


def _kind_legend(fig: go.Figure, language: str) -> None:
    lang = language_direction(language)
    for k, symbol in KIND_SYMBOLS.items():  # a legend of shapes, drawn in grey
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"size": 11, "color": "#777", "symbol": symbol},
                hoverinfo="skip",  # a legend entry only: no point to hover
                name=plotly_text(bilingual(*EVENT_KIND_NAMES[k], language), lang),
            )
        )


def _layout(fig, points, lanes, language, title) -> go.Figure:
    lang = language_direction(language)
    title = title or bilingual("الجدول الزمني للأحداث", "Timeline of events", language)
    rng = shown_range(points["x"]) if points is not None else None
    if rng is not None:
        outside = int(((points["x"] < rng[0]) | (points["x"] > rng[1])).sum())
        if outside:
            title += bilingual(
                f" — أحداث خارج المدى المعروض: {outside:,} (صغّر لرؤيتها)",
                f" — {outside:,} events outside the range shown (zoom out)",
                language,
            )
    height = max(380, 46 * len(lanes) + 260)
    fig = chart_layout(fig, title, language=language, height=height)
    rtl = mirrored(language)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=lanes,
        side="right" if rtl else "left",
        automargin=True,
        showgrid=True,
    )
    fig.update_xaxes(title=plotly_text(bilingual("التاريخ", "date", language), lang))
    if rng is not None:
        date_axis(fig, *rng, language=language, range=list(rng))
    return bottom_legend(fig, language=language, title=bilingual("النوع", "kind", language))

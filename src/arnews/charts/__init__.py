"""Plotly figure builders: one function per chart, a tidy DataFrame in, a ``go.Figure`` out.

Builders neither show nor write. Every text they give plotly goes through
:func:`arnews.rtl.plotly_text` or :func:`arnews.rtl.hover_text` (runs isolated, the line in the
direction of the language shown). A chart in Arabic (``"ar"``, ``"both"``) is mirrored: title on
the right, category labels on the right, time and counts running right to left; in English it
reads left to right. Fonts are set explicitly, an Arabic family first and a Latin fallback after.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import PlotlyRenderer

from arnews.rtl import bilingual, date_label, hover_text, language_direction, plotly_text

__all__ = [
    "FONT_FAMILY",
    "PLOTLY_CONFIG",
    "RENDERER",
    "TEMPLATE",
    "bin_bars",
    "bottom_legend",
    "chart_layout",
    "date_axis",
    "date_ticks",
    "grain_word",
    "mirror_bars",
    "mirrored",
    "use_notebook_renderer",
]

FONT_FAMILY = "'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
RENDERER = "arnews"
TITLE_TOP = 38  # px between the top of a chart and its title: the mode bar shows above it
#: Figure config for Lab and the export: no plotly logo; the toolbar only while hovering.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": "hover"}
_GRID = "#e5e9f0"
_AXIS = {
    "gridcolor": _GRID,
    "zerolinecolor": "#c9d1dc",
    "linecolor": "#c9d1dc",
    "automargin": True,
}
#: A small template (plotly's named ones add ~10 KB to every stored figure).
TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": [
            "#1f77b4",
            "#ff7f0e",
            "#2ca02c",
            "#d62728",
            "#9467bd",
            "#8c564b",
            "#e377c2",
            "#7f7f7f",
            "#bcbd22",
            "#17becf",
        ],
        "xaxis": _AXIS,
        "yaxis": _AXIS,
    }
)


def mirrored(language: str) -> bool:
    """Return True when charts in `language` read right to left (``ar`` and ``both``)."""
    return language_direction(language) == "rtl"


def chart_layout(
    fig: go.Figure, title: str, *, language: str = "ar", height: int | None = None
) -> go.Figure:
    """Apply the shared layout: fonts, the title on the reading side below the toolbar, hovers
    aligned to the language, a small template."""
    rtl = mirrored(language)
    fig.update_layout(
        title={
            "text": plotly_text(title, language_direction(language)),
            "x": 0.98 if rtl else 0.02,
            "xanchor": "right" if rtl else "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": TITLE_TOP},
        },
        font={"family": FONT_FAMILY, "size": 14},
        # namelength -1: plotly cuts trace names in hovers at 15 characters, mid-word.
        hoverlabel={
            "font": {"family": FONT_FAMILY, "size": 13},
            "align": "right" if rtl else "left",
            "namelength": -1,
        },
        legend={"font": {"family": FONT_FAMILY}},
        template=TEMPLATE,
        margin={"t": 90, "r": 30, "l": 30, "b": 50},
    )
    if height:
        fig.update_layout(height=height)
    return fig


def bottom_legend(fig: go.Figure, *, language: str = "ar", title: str | None = None) -> go.Figure:
    """Put the legend in a row at the very bottom of the figure, below the axis title, on the
    reading side (it never overlaps the axis title, whatever the language)."""
    rtl = mirrored(language)
    legend = {
        "orientation": "h",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
        "x": 1 if rtl else 0,
        "xanchor": "right" if rtl else "left",
        # Plotly lays legend items left to right: reversed, the first reads first in Arabic.
        "traceorder": "reversed" if rtl else "normal",
    }
    if title:
        legend["title"] = {
            "text": plotly_text(title, language_direction(language)),
            "side": "top right" if rtl else "top left",
        }
    fig.update_layout(legend=legend)
    fig.update_layout(margin={"b": max(fig.layout.margin.b or 0, 120)})
    return fig


def mirror_bars(
    fig: go.Figure, axis_title: str, *, language: str, zeroline: bool = False
) -> go.Figure:
    """Lay out a horizontal bar chart for `language`: category labels on the reading side, the
    value axis titled `axis_title` and running right to left in Arabic; with `zeroline`, a
    thick line at zero (for diverging bars)."""
    rtl = mirrored(language)
    fig.update_yaxes(side="right" if rtl else "left", automargin=True)
    fig.update_xaxes(
        autorange="reversed" if rtl else True,
        title=plotly_text(axis_title, language_direction(language)),
    )
    if zeroline:
        fig.update_xaxes(zeroline=True, zerolinewidth=2)
    return fig


def bin_bars(edges, counts, describe, *, language: str, **bar) -> go.Bar:
    """Return one bar per histogram bin (between consecutive `edges`, `counts` high), its
    hover the lines ``describe(lo, hi, n)`` gives; `bar` sets the rest (width, colour...)."""
    lang = language_direction(language)
    hovers = [
        hover_text(describe(lo, hi, int(n)), lang)
        for lo, hi, n in zip(edges[:-1], edges[1:], counts, strict=True)
    ]
    return go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=counts, hovertext=hovers, hoverinfo="text",
                  **bar)  # fmt: skip


def grain_word(grain: str, language: str) -> str:
    """Return the name of one period of `grain` in `language`: week for ``"week"``, else month."""
    if grain == "week":
        return bilingual("أسبوع", "week", language)
    return bilingual("شهر", "month", language)


def date_ticks(lo, hi, language: str = "ar", most: int = 8) -> tuple[list, list[str]]:
    """Return tick dates between `lo` and `hi` (first days of months, every 1, 2, 3, 6 or 12
    months, at most `most` of them) and their labels in `language` ("أغسطس 2025", "2025")."""
    lo, hi = pd.Timestamp(lo), pd.Timestamp(hi)
    if (hi - lo).days <= 62:  # weeks: their Mondays, by day
        days = max(1, (hi - lo).days // 7 // most + 1)
        ticks = list(pd.date_range(lo.normalize(), hi, freq=f"{7 * days}D"))
        return ticks, [date_label(t.strftime("%Y-%m-%d"), language) for t in ticks]
    start = lo.to_period("M").start_time
    months = max(1, (hi.year - lo.year) * 12 + hi.month - lo.month + 1)
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= most), 120)
    if step >= 12:
        start = pd.Timestamp(year=lo.year, month=1, day=1)
    ticks = [
        t for t in pd.date_range(start, hi, freq=f"{step}MS") if t >= lo - pd.Timedelta(days=1)
    ]
    texts = [
        date_label(str(t.year) if step >= 12 else t.strftime("%Y-%m"), language) for t in ticks
    ]
    return ticks, texts


def date_axis(fig: go.Figure, lo, hi, *, language: str = "ar", **axis) -> go.Figure:
    """Make the x axis a date axis from `lo` to `hi` whose tick labels are in `language`
    (plotly's own are English). Time runs left to right in either language."""
    ticks, texts = date_ticks(lo, hi, language)
    direction = language_direction(language)
    fig.update_xaxes(
        type="date",
        tickvals=ticks,
        ticktext=[plotly_text(t, direction) for t in texts],
        **axis,
    )
    return fig


class _Renderer(PlotlyRenderer):
    """The plotly mimetype alone, with a one-line text fallback (not the figure's repr)."""

    def to_mimebundle(self, fig_dict):
        bundle = super().to_mimebundle(fig_dict)
        title = (fig_dict.get("layout", {}).get("title") or {}).get("text") or "chart"
        bundle["text/plain"] = f"<plotly figure: {title}>"
        return bundle


def use_notebook_renderer() -> str:
    """Make figures display once per output, as plotly's mimetype, with no network.

    JupyterLab draws the mimetype with its plotly extension; ``arnews report`` draws it in the
    HTML export with one plotly.js per page. Nothing else is stored in the notebook (no
    plotly.js, no copy of the figure as HTML). Returns the renderer name now the default.
    """
    pio.renderers[RENDERER] = _Renderer(config=PLOTLY_CONFIG)
    pio.renderers.default = RENDERER
    return RENDERER

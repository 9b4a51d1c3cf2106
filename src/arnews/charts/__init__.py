"""Plotly figure builders: one function per chart, a tidy DataFrame in, a ``go.Figure`` out.

Builders neither show nor write. Arabic labels go through :func:`arnews.rtl.browser_label`
(logical order, RTL isolate); titles are right-aligned and fonts set explicitly, an Arabic
family first and a Latin fallback after.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio

from arnews.rtl import PDI, RLI, browser_label

__all__ = [
    "FONT_FAMILY",
    "RENDERER",
    "arabic_layout",
    "rtl_hovertemplate",
    "use_notebook_renderer",
]

_EXTRA = re.compile(r"(<extra>.*?</extra>)", re.S)


def rtl_hovertemplate(template: str) -> str:
    """Return `template` with each hover line in a right-to-left isolate.

    Plotly draws hover lines as left-to-right SVG text, so ``"%{y}: %{x}"`` with an Arabic
    ``y`` would read "name: 8" from the left; isolated, it reads right to left like the rest
    of the chart. The ``<extra>`` box and lines already isolated are left as they are.
    """
    parts = _EXTRA.split(template)
    for i in range(0, len(parts), 2):  # even parts are outside <extra>…</extra>
        lines = parts[i].split("<br>")
        parts[i] = "<br>".join(
            ln if not ln or ln.startswith(RLI) else f"{RLI}{ln}{PDI}" for ln in lines
        )
    return "".join(parts)


FONT_FAMILY = "'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
RENDERER = "arnews"


def arabic_layout(fig: go.Figure, title: str, *, height: int | None = None) -> go.Figure:
    """Apply the shared layout: Arabic-first fonts, a right-aligned title, readable hovers.

    Call it after adding the traces: their string ``hovertemplate`` lines are isolated
    right-to-left (:func:`rtl_hovertemplate`).
    """
    fig.update_layout(
        title={"text": browser_label(title), "x": 0.98, "xanchor": "right"},
        font={"family": FONT_FAMILY, "size": 14},
        # namelength -1: plotly cuts trace names in hovers at 15 characters, mid-word.
        hoverlabel={
            "font": {"family": FONT_FAMILY, "size": 13},
            "align": "right",
            "namelength": -1,
        },
        legend={"font": {"family": FONT_FAMILY}},
        template="plotly_white",
        margin={"t": 70, "r": 30, "l": 30, "b": 40},
    )
    if height:
        fig.update_layout(height=height)
    for trace in fig.data:
        template = getattr(trace, "hovertemplate", None)
        if isinstance(template, str):
            trace.hovertemplate = rtl_hovertemplate(template)
    return fig


class _OfflineHtmlRenderer(pio.base_renderers.NotebookRenderer):
    """Plotly's notebook renderer (plotly.js inlined once per notebook) without MathJax's CDN."""

    def to_mimebundle(self, fig_dict):
        html = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            default_width="100%",
            default_height=525,
            validate=False,
        )
        return {"text/html": html}


def use_notebook_renderer() -> str:
    """Make figures display in JupyterLab and survive the HTML export, with no network.

    JupyterLab shows the plotly mimetype; nbconvert's HTML keeps the ``text/html`` part, whose
    plotly.js is inlined once per notebook. Returns the renderer name now the default.
    """
    if RENDERER not in pio.renderers:
        pio.renderers[RENDERER] = _OfflineHtmlRenderer()
    pio.renderers.default = f"plotly_mimetype+{RENDERER}"
    return pio.renderers.default

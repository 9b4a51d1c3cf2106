"""Plotly figure builders: one function per chart, a tidy DataFrame in, a ``go.Figure`` out.

Builders neither show nor write. Arabic labels go through :func:`arnews.rtl.browser_label`
(logical order, RTL isolate); titles are right-aligned and fonts set explicitly, an Arabic
family first and a Latin fallback after.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from arnews.rtl import browser_label

__all__ = ["FONT_FAMILY", "RENDERER", "arabic_layout", "use_notebook_renderer"]

FONT_FAMILY = "'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
RENDERER = "arnews"


def arabic_layout(fig: go.Figure, title: str, *, height: int | None = None) -> go.Figure:
    """Apply the shared layout: Arabic-first fonts, a right-aligned title, readable hovers."""
    fig.update_layout(
        title={"text": browser_label(title), "x": 0.98, "xanchor": "right"},
        font={"family": FONT_FAMILY, "size": 14},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}, "align": "right"},
        legend={"font": {"family": FONT_FAMILY}},
        template="plotly_white",
        margin={"t": 70, "r": 30, "l": 30, "b": 40},
    )
    if height:
        fig.update_layout(height=height)
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

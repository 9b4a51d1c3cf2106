"""Right-to-left HTML tables of article sentences, for notebooks and their HTML export.

The browser lays the text out itself (bidi and shaping), so long Arabic sentences wrap
correctly, which plotly's SVG tables cannot guarantee. Cells arrive as escaped HTML: callers
escape article text with :func:`html.escape` and add only their own ``<mark>``/``<b>`` tags.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

__all__ = ["sentence_table_html"]

_STYLE = """<style>
.arnews-table{font-family:'Noto Sans Arabic','Noto Sans',sans-serif;border-collapse:collapse;
width:100%;font-size:14px;table-layout:fixed}
.arnews-table th,.arnews-table td{border-bottom:1px solid #ddd;padding:4px 8px;
text-align:right;vertical-align:top}
.arnews-table td.sent{line-height:1.7}.arnews-table td.num{direction:ltr;text-align:left}
.arnews-table mark{background:#fff3c4}.arnews-table mark.positive{background:#c8e6c9}
.arnews-table mark.negative{background:#ffcdd2}.arnews-table mark.neutral{background:#fff3c4}
</style>"""

# Filters rows by the text typed, inline (the exported file makes no request).
_FILTER_JS = (
    "var q=this.value.toLowerCase();"
    "this.parentNode.querySelectorAll('tbody tr').forEach(function(r){"
    "r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''});"
)


def sentence_table_html(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[int],
    classes: Sequence[str] = (),
    empty: str = "—",
    filter_placeholder: str | None = None,
) -> str:
    """Return an RTL HTML table.

    Parameters
    ----------
    headers : column titles (plain text, escaped here).
    rows : cells as escaped HTML, one sequence per row, in reading order (right to left).
    widths : column widths in percent.
    classes : CSS class per column (``"sent"`` for sentences, ``"num"`` for ids/numbers).
    empty : plain text shown as the only row when `rows` is empty.
    filter_placeholder : when given, a search box above the table hides non-matching rows.
    """
    classes = list(classes) or [""] * len(headers)
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f"<td class='{c}'>{v}</td>" for c, v in zip(classes, row, strict=True))
        + "</tr>"
        for row in rows
    )
    if not body:
        body = f"<tr><td colspan='{len(headers)}'>{html.escape(empty)}</td></tr>"
    search = ""
    if filter_placeholder is not None:
        search = (
            f'<input type="search" placeholder="{html.escape(filter_placeholder, quote=True)}" '
            f'oninput="{_FILTER_JS}" style="margin:4px 0;padding:4px;width:40%">'
        )
    return (
        f'{_STYLE}<div dir="rtl">{search}<table class="arnews-table" dir="rtl">'
        f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
        "</table></div>"
    )

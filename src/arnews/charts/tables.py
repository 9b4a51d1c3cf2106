"""HTML tables for notebooks and their export: bounded, readable, right to left.

The browser lays the text out itself (bidi and shaping), so long Arabic sentences wrap right,
which plotly's SVG tables cannot guarantee. Each cell carries the direction of its own text;
runs inside it are isolated (:func:`arnews.rtl.html_text`). A table shows its first rows and
says where the whole table is; a long one pages and filters in the page, offline (inline script,
no request).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

import pandas as pd

from arnews.rtl import (
    bilingual,
    direction_of,
    html_text,
    language_direction,
    short_title,
    signed,
)

__all__ = [
    "PAGE_ROWS",
    "TABLE_ROWS",
    "cell_html",
    "footer_html",
    "html_table",
    "short_title",
    "table_view",
]

TABLE_ROWS = 12  # rows a table view shows (the rest are in its CSV file)
PAGE_ROWS = 20  # rows per page of a paged table

_STYLE = """<style>
.arnews-table{font-family:'Noto Sans Arabic','Noto Sans',sans-serif;border-collapse:collapse;
width:100%;font-size:14px}.arnews-table.fixed{table-layout:fixed}
.arnews-table th,.arnews-table td{border-bottom:1px solid #ddd;padding:4px 8px;
text-align:start;vertical-align:top;overflow-wrap:anywhere}
.arnews-table th{background:#f6f8fa}
.arnews-table td.sent{line-height:1.7;min-width:22em}.arnews-table td.num{text-align:end}
.arnews-table mark{background:#fff3c4}.arnews-table mark.positive{background:#c8e6c9}
.arnews-table mark.negative{background:#ffcdd2}.arnews-table mark.neutral{background:#fff3c4}
.arnews-box .arnews-foot{color:#555;font-size:13px;margin:4px 0}
.arnews-box .arnews-bar{margin:4px 0;display:flex;gap:6px;align-items:center}
</style>"""

# Paging and filtering inline: the exported file makes no request. Without script (an untrusted
# notebook), the first page shows and the footer says where the whole table is.
_SCRIPT = """<script>
window.arnewsTable = function (el, op) {
  var box = el.closest('.arnews-box');
  var rows = [].slice.call(box.querySelectorAll('tbody tr.row'));
  var size = +box.dataset.page || rows.length, at = +box.dataset.at || 0;
  var input = box.querySelector('input'), q = input ? input.value.toLowerCase() : '';
  at = op === 'next' ? at + 1 : op === 'prev' ? at - 1 : 0;
  var hits = rows.filter(function (r) { return r.textContent.toLowerCase().indexOf(q) >= 0; });
  var pages = Math.max(1, Math.ceil(hits.length / size));
  at = Math.min(Math.max(at, 0), pages - 1);
  box.dataset.at = at;
  rows.forEach(function (r) { r.style.display = 'none'; });
  hits.slice(at * size, (at + 1) * size).forEach(function (r) { r.style.display = ''; });
  var pos = box.querySelector('.arnews-pos');
  if (pos) pos.textContent = (at + 1) + ' / ' + pages + ' (' + hits.length + ')';
};
</script>"""


def cell_html(value: object, *, signed_digits: int | None = None) -> tuple[str, str]:
    """Return ``(escaped HTML, direction)`` of one table cell: empty for None/NaN, numbers with
    thousands separators (or always signed when `signed_digits` is given), dates as ISO."""
    if value is None or (not isinstance(value, str | list | dict) and pd.isna(value)):
        return "", "ltr"
    if isinstance(value, bool):
        value = str(value).lower()
    elif isinstance(value, int | float) and signed_digits is not None:
        value = signed(float(value), signed_digits)
    elif isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        value = f"{int(value):,}"
    elif isinstance(value, float):
        value = f"{value:,.2f}"
    elif isinstance(value, datetime | date | pd.Timestamp):
        value = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    direction = direction_of(str(value))
    return html_text(value, direction), direction


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | tuple[str, str]]],
    *,
    language: str = "ar",
    widths: Sequence[int] = (),
    classes: Sequence[str] = (),
    empty: str = "—",
    filter_placeholder: str | None = None,
    page_rows: int | None = None,
    footer: str = "",
) -> str:
    """Return an HTML table in the direction of `language`.

    Parameters
    ----------
    headers : column titles (plain text, escaped here).
    rows : cells in reading order, each escaped HTML, or ``(html, direction)`` to give the
        cell its own direction (:func:`cell_html`).
    widths : column widths in percent (default: the browser's).
    classes : CSS class per column (``"sent"`` for sentences, ``"num"`` for numbers).
    empty : plain text shown as the only row when `rows` is empty.
    filter_placeholder : when given, a search box above the table keeps the matching rows.
    page_rows : when given and exceeded, rows show this many at a time with page buttons.
    footer : HTML under the table (for example where the whole table is: :func:`footer_html`).
    """
    direction = language_direction(language)
    classes = list(classes) or [""] * len(headers)
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f"<th>{html_text(h)}</th>" for h in headers)
    paged = page_rows is not None and len(rows) > page_rows
    body = "".join(
        _row(row, classes, hidden=paged and i >= page_rows) for i, row in enumerate(rows)
    )
    if not body:
        body = f"<tr><td colspan='{len(headers)}'>{html.escape(empty)}</td></tr>"
    bar = _controls(filter_placeholder, paged, len(rows), page_rows or len(rows), language)
    foot = footer
    data = f' data-page="{page_rows}"' if paged else ""
    script = _SCRIPT if bar else ""
    return (
        f'{_STYLE}{script}<div class="arnews-box" dir="{direction}"{data}>{bar}'
        f'<table class="arnews-table{" fixed" if widths else ""}" dir="{direction}">'
        f"<colgroup>{cols}</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{foot}</div>"
    )


def _row(row: Sequence[str | tuple[str, str]], classes: Sequence[str], *, hidden: bool) -> str:
    cells = []
    for cls, cell in zip(classes, row, strict=True):
        value, direction = cell if isinstance(cell, tuple) else (cell, None)
        dir_attr = f' dir="{direction}"' if direction else ""
        cells.append(f"<td class='{cls}'{dir_attr}>{value}</td>")
    style = ' style="display:none"' if hidden else ""
    return f'<tr class="row"{style}>{"".join(cells)}</tr>'


def _controls(placeholder: str | None, paged: bool, n: int, size: int, language: str) -> str:
    parts = []
    if placeholder is not None:
        parts.append(
            f'<input type="search" placeholder="{html.escape(placeholder, quote=True)}" '
            'oninput="arnewsTable(this,\'find\')" style="padding:4px;width:40%">'
        )
    if paged:
        prev, nxt = (
            bilingual("السابق", "previous", language),
            bilingual("التالي", "next", language),
        )
        pages = math.ceil(n / size)
        parts.append(
            f"<button onclick=\"arnewsTable(this,'prev')\">{html.escape(prev)}</button>"
            f'<span class="arnews-pos" dir="ltr">1 / {pages} ({n})</span>'
            f"<button onclick=\"arnewsTable(this,'next')\">{html.escape(nxt)}</button>"
        )
    return f'<div class="arnews-bar">{"".join(parts)}</div>' if parts else ""


def footer_html(text: str, language: str, link: str | None = None) -> str:
    """Return a note under a table in the direction of `language`, `link` (a path it names)
    made a link."""
    body = html_text(text, language_direction(language))
    if link:
        anchor = f'<a href="{html.escape(link, quote=True)}">{html.escape(link, quote=False)}</a>'
        body = body.replace(html.escape(link, quote=False), anchor, 1)
    direction = language_direction(language)
    lang = "ar" if direction == "rtl" else "en"
    return f'<p class="arnews-foot" dir="{direction}" lang="{lang}">{body}</p>'


def _footer(shown: int, total: int, csv: str | None, language: str) -> str:
    if shown >= total:
        return ""
    ar = f"الصفوف المعروضة: أول {shown:,} من {total:,}"
    en = f"first {shown:,} of {total:,} rows"
    if csv:
        ar, en = f"{ar}؛ الجدول كاملًا في {csv}", f"{en}; the whole table is in {csv}"
    else:
        ar, en = f"{ar}؛ ضع output_dir لكتابة الجدول كاملًا", f"{en}; set output_dir to write all"
    return bilingual(ar, en, language)


def table_view(
    df: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    language: str = "ar",
    max_rows: int = TABLE_ROWS,
    total: int | None = None,
    csv: str | None = None,
    titles: Mapping[str, str] | None = None,
    signed_columns: Mapping[str, int] | None = None,
    formats: Mapping[str, Callable[[object], str]] | None = None,
    classes: Mapping[str, str] | None = None,
) -> str:
    """Return the first `max_rows` rows of `df` as an HTML table, with where the rest is.

    Parameters
    ----------
    columns : column -> header, in reading order; other columns are left out (no index).
    total : rows of the whole table (default ``len(df)``), said in the footer when cut.
    csv : the whole table's file, relative to the report (e.g. ``tables/articles.csv``);
        the footer links to it.
    titles : article id -> title: an ``article_id`` column then shows the shortened title,
        the id on hover.
    signed_columns : column -> decimals for numbers always shown with their sign.
    formats : column -> function giving the plain text of a value.
    classes : column -> CSS class of its cells (``"sent"``, ``"num"``).
    """
    total = len(df) if total is None else total
    shown = df.head(max_rows)
    signed_columns, formats, classes = signed_columns or {}, formats or {}, classes or {}
    rows = []
    for record in shown[list(columns)].itertuples(index=False):
        row = []
        for col, value in zip(columns, record, strict=True):
            if col == "article_id" and titles is not None:
                row.append(_article_cell(str(value), titles))
            elif col in formats:
                row.append(cell_html(formats[col](value)))
            else:
                row.append(cell_html(value, signed_digits=signed_columns.get(col)))
        rows.append(row)
    text = _footer(len(shown), total, csv, language)
    footer = footer_html(text, language, csv) if text else ""
    return html_table(
        list(columns.values()),
        rows,
        language=language,
        classes=[classes.get(c, "num" if c in signed_columns else "") for c in columns],
        footer=footer,
    )


def _article_cell(article_id: str, titles: Mapping[str, str]) -> tuple[str, str]:
    """An article shown by its shortened title, its id on hover (``title`` attribute)."""
    text = short_title(titles.get(article_id), article_id, 40)
    direction = direction_of(text)
    tip = html.escape(article_id, quote=True)
    return f'<span title="{tip}">{html_text(text, direction)}</span>', direction

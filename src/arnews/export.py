"""The HTML side of a report: executed notebooks as self-contained offline pages.

Charts stay plotly's mimetype (stored once per output, as JSON) and the page draws them with one
inlined plotly.js (:func:`plotlyjs`); the Arabic font is inlined too, so a page needs no
network. :func:`write_report` merges several notebooks into one page with a table of contents.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import re
from importlib import resources
from pathlib import Path

__all__ = [
    "PLOTLY_JSON",
    "TEMPLATE_NAME",
    "export_html",
    "merge_notebooks",
    "plotlyjs",
    "script_json",
    "write_report",
]

TEMPLATE_NAME = "arnews"
PLOTLY_JSON = "application/vnd.plotly.v1+json"


def _font_b64() -> str:
    font = resources.files("arnews.data").joinpath("fonts/NotoSansArabic-Regular.ttf")
    return base64.b64encode(font.read_bytes()).decode("ascii")


def plotlyjs() -> str:
    """Return the plotly.js the exported pages inline once: plotly's partial "cartesian" bundle
    when shipped in the package (bar, scatter, heatmap: every chart here), else the full one."""
    partial = resources.files("arnews.data").joinpath("js/plotly-cartesian.min.js")
    if partial.is_file():
        return partial.read_text("utf-8")
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _exporter(no_input: bool):
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    template_dir = resources.files("arnews").joinpath("templates")
    # Plotly's mimetype first: each chart is stored once, as JSON, and drawn by the page.
    config = Config({"NbConvertBase": {"display_data_priority": [PLOTLY_JSON, *_PRIORITY]}})
    exporter = HTMLExporter(
        config=config,
        extra_template_basedirs=[str(template_dir)],
        template_name=TEMPLATE_NAME,
        exclude_input=no_input,
        exclude_input_prompt=no_input,
        exclude_output_prompt=no_input,
    )
    exporter.register_filter("arnews_script_json", script_json)
    return exporter


def script_json(value: object) -> str:
    """Return `value` as compact JSON that is safe inside ``<script>`` (UTF-8, not ``\\uXXXX``:
    Arabic text stays a third of the size); ``</`` and ``<!--`` cannot end the script."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028")


_PRIORITY = ["application/vnd.jupyter.widget-view+json", "application/javascript", "text/html",
             "text/markdown", "image/svg+xml", "text/latex", "image/png", "image/jpeg",
             "text/plain"]  # fmt: skip


def _export_node(nb, target: Path, *, no_input: bool, depth: int = 0) -> Path:
    """Write `nb` as one offline page `depth` folders below the report root (links to the
    tables, written as ``tables/…`` by the notebooks, are made relative to it)."""
    has_plotly = any(
        PLOTLY_JSON in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    body, _ = _exporter(no_input).from_notebook_node(
        nb,
        resources={
            "arnews_font_b64": _font_b64(),
            "arnews_plotlyjs": plotlyjs() if has_plotly else "",
            "language_code": "ar",
        },
    )
    if depth:
        body = body.replace('href="tables/', f'href="{"../" * depth}tables/')
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def export_html(executed: Path, target: Path, *, no_input: bool = False, depth: int = 1) -> Path:
    """Export an executed notebook to one offline HTML file with the arnews template.

    `depth` is how many folders below the report root the page lies (``html/``: 1).
    """
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    return _export_node(nb, target, no_input=no_input, depth=depth)


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def merge_notebooks(executed: list[Path]):
    """Return one notebook holding all `executed` notebooks, with a table of contents.

    Each notebook starts at an anchor ``nb-<stem>``; charts stay plotly's mimetype, which the
    template draws with one plotly.js for the whole page.
    """
    import nbformat

    nbs = [nbformat.read(p, as_version=4) for p in executed]
    titles = [_title(nb, p.stem) for nb, p in zip(nbs, executed, strict=True)]
    toc = "\n".join(
        f'<li><a href="#nb-{html.escape(p.stem)}">{html.escape(t)}</a></li>'
        for p, t in zip(executed, titles, strict=True)
    )
    merged = nbformat.v4.new_notebook(metadata=copy.deepcopy(nbs[0].metadata) if nbs else {})
    heading = f'<h1 dir="rtl">تقرير arnews</h1>\n<nav><ol dir="rtl">{toc}</ol></nav>'
    merged.cells.append(nbformat.v4.new_markdown_cell(heading))
    for nb, path in zip(nbs, executed, strict=True):
        merged.cells.append(
            nbformat.v4.new_markdown_cell(f'<hr><div id="nb-{html.escape(path.stem)}"></div>')
        )
        prefix = re.sub(r"[^A-Za-z0-9_-]", "_", path.stem)
        for n, cell in enumerate(nb.cells):
            cell = copy.deepcopy(cell)
            cell.id = f"{prefix}-{n}"[-64:]  # notebooks reuse ids like cell-00; keep them unique
            merged.cells.append(cell)
    return merged


def write_report(executed: list[Path], target: Path, *, no_input: bool = True) -> Path:
    """Write `executed` notebooks as one self-contained HTML file (reader mode by default)."""
    return _export_node(merge_notebooks(executed), target, no_input=no_input)

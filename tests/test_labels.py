"""The label zoo: hard mixed-direction strings in every place a label appears, as drawn.

Each string is made a label by the package (:mod:`arnews.rtl`) from its logical text and shown
as a chart title, a tick, a legend entry, an axis title, an annotation and a hover line (plotly
SVG), a table cell (HTML) and a Markdown paragraph, in the HTML export and in JupyterLab. Each
drawing must look, pixel for pixel, like the same text set in HTML with every run in its own
isolate (``<bdi>``) and the line in the direction of its language: the references below are
written by hand, not by the code under test. Wrong ways of making the labels fail.
"""

from __future__ import annotations

import html
import json

import nbformat
import pytest
from browsercheck import (
    MATCH,
    arabic_svg_labels,
    chromium,
    html_labels,
    jupyterlab,
    lab_page,
    label_matches,
    needs_chromium,
    open_offline,
    show_hover,
    wait_for_charts,
)

pytestmark = needs_chromium


def L(text: str) -> str:
    """A left-to-right isolate, as a reader sees one."""
    return f'<bdi dir="ltr">{html.escape(text)}</bdi>'


def R(text: str) -> str:
    """A right-to-left isolate."""
    return f'<bdi dir="rtl">{text}</bdi>'


#: (logical text, direction of its line, the reference: each run in its own isolate)
ZOO = [
    ("001_e562516a8d8dfbe5 — 01.AI: 3", "rtl",
     f"{L('001_e562516a8d8dfbe5')} — {L('01.AI')}: {L('3')}"),
    ("01.AI", "rtl", L("01.AI")),
    ("نموذج GPT-4o من OpenAI", "rtl", f"نموذج {L('GPT-4o')} من {L('OpenAI')}"),
    ("الصافي −0.75", "rtl", f"الصافي {L('−0.75')}"),
    ("ميتا (Meta): +17", "rtl", f"ميتا ({L('Meta')}): {L('+17')}"),
    ("«نموذج مفتوح» في Llama 3.1 405B", "rtl", f"«نموذج مفتوح» في {L('Llama 3.1 405B')}"),
    ("Words such as «في» and «من»", "ltr", f"Words such as «{R('في')}» and «{R('من')}»"),
    ("net −8: «تستعد شركة OpenAI لإطلاق نموذج»", "ltr",
     f"net −8: «{R('تستعد شركة ' + L('OpenAI') + ' لإطلاق نموذج')}»"),
    ('قال "مرحبا" & <b>', "rtl", html.escape('قال "مرحبا" & <b>', quote=False)),
]  # fmt: skip
TEXTS = {text: (ref, direction) for text, direction, ref in ZOO}

_ZOO_CELL = """
import plotly.graph_objects as go
from IPython.display import HTML, Markdown, display

from arnews.charts import chart_layout, use_notebook_renderer
from arnews.charts.tables import html_table
from arnews.rtl import hover_text, html_text, markdown_block, plotly_text

use_notebook_renderer()
ZOO = {zoo}
for text, direction in ZOO:
    language = "ar" if direction == "rtl" else "en"
    label = plotly_text(text, direction)
    fig = go.Figure(go.Bar(x=[3], y=[label], orientation="h", name=label, showlegend=True,
                           hovertext=[hover_text([text], direction)], hoverinfo="text"))
    fig = chart_layout(fig, text, language=language, height=380)
    fig.update_xaxes(title=label)
    fig.update_yaxes(automargin=True, side="right" if direction == "rtl" else "left")
    fig.add_annotation(x=1.5, y=0, text=label, showarrow=False, yshift=40)
    display(fig)
display(HTML(html_table(["zoo"], [[(html_text(t, d), d)] for t, d in ZOO])))
display(Markdown("\\n\\n".join(markdown_block(t, d) for t, d in ZOO)))
"""


@pytest.fixture(scope="module")
def zoo_notebook(tmp_path_factory):
    """The zoo drawn by the package in a notebook, run by papermill and exported to HTML."""
    import papermill as pm

    from arnews.report import export_html

    folder = tmp_path_factory.mktemp("zoo")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    zoo = json.dumps([(t, d) for t, d, _ in ZOO], ensure_ascii=False)
    nb.cells.append(nbformat.v4.new_code_cell(_ZOO_CELL.format(zoo=zoo)))
    nbformat.write(nb, folder / "zoo.ipynb")
    pm.execute_notebook(str(folder / "zoo.ipynb"), str(folder / "zoo-run.ipynb"),
                        kernel_name="python3", progress_bar=False)  # fmt: skip
    page = export_html(folder / "zoo-run.ipynb", folder / "zoo.html", depth=0)
    return folder / "zoo-run.ipynb", page


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _zoo_labels(labels):
    return [(lab, *TEXTS[lab.logical]) for lab in labels if lab.logical in TEXTS]


def _check_zoo(page, labels, where: str, at_least: int) -> None:
    found = _zoo_labels(labels)
    shown = {lab.logical for lab, *_ in found}
    assert len(shown) == len(ZOO) and len(found) >= at_least * len(ZOO), (where, len(found))
    for label, reference, direction in found:
        score = label_matches(page, label, reference, direction=direction, markup=True)
        assert score >= MATCH, f"{where}: {label.logical!r} as {label.text!r} ({score:.2f})"


def _check_page(page, where: str) -> None:
    # Title, tick, legend entry, axis title and annotation of each chart.
    _check_zoo(page, arabic_svg_labels(page, ".js-plotly-plot svg text", any_text=True),
               f"{where} SVG", 5)  # fmt: skip
    hovers = []
    for chart in range(len(ZOO)):
        page.evaluate(
            "(g) => document.querySelectorAll('.js-plotly-plot')[g].setAttribute('data-zoo', g)",
            chart,
        )
        assert show_hover(page, chart, 0, 0) > 0 or _mouse_hover(page, chart)
        selector = f'[data-zoo="{chart}"] .hoverlayer text'
        hovers += _zoo_labels(arabic_svg_labels(page, selector, any_text=True))
        _check_zoo_found(page, hovers[-1:], f"{where} hover")
    assert len(hovers) == len(ZOO)
    _check_zoo(page, html_labels(page, ".arnews-table td"), f"{where} table cell", 1)
    _check_zoo(page, html_labels(page, ".jp-RenderedMarkdown div[dir] p"), f"{where} Markdown", 1)


def _check_zoo_found(page, found, where: str) -> None:
    for label, reference, direction in found:
        score = label_matches(page, label, reference, direction=direction, markup=True)
        assert score >= MATCH, f"{where}: {label.logical!r} as {label.text!r} ({score:.2f})"


def _mouse_hover(page, chart: int) -> bool:
    from browsercheck import hover_first_point

    return hover_first_point(page, chart) > 0


def test_label_zoo_in_the_html_export(browser, zoo_notebook):
    _, page_path = zoo_notebook
    opened = open_offline(browser, page_path)
    assert opened.blocked == [] and opened.errors == []
    _check_page(opened.page, "export")
    opened.page.context.close()


def test_label_zoo_in_jupyterlab(browser, zoo_notebook, tmp_path):
    import shutil

    executed, _ = zoo_notebook
    root = tmp_path / "lab"
    root.mkdir()
    shutil.copy(executed, root / "zoo.ipynb")
    with jupyterlab(root) as url:
        page, outside = lab_page(browser, url, "zoo.ipynb")
        page.wait_for_function(
            "(n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
            arg=len(ZOO), timeout=60_000,
        )  # fmt: skip
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(1500)  # Lab settles its panels; plotly then redraws
        wait_for_charts(page)
        _check_page(page, "JupyterLab")
        assert outside == []
        page.context.close()


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("001_e562516a8d8dfbe5 — 01.AI: 3", "\u2067001_e562516a8d8dfbe5 — 01.AI: 3\u2069"),
        ("الصافي −0.75", "\u2067الصافي −0.75\u2069"),  # the whole line isolated, runs not
        (
            'قال "مرحبا" & <b>',
            "\u2067قال &quot;مرحبا&quot; &amp;amp; &lt;b&gt;\u2069",
        ),  # HTML-escaped
        # an English line set right to left
        ("Words such as «في» and «من»", "\u2067Words such as «في» and «من»\u2069"),
    ],
)
def test_label_zoo_wrong_labels_fail(browser, tmp_path, text, wrong):
    import plotly.graph_objects as go
    import plotly.io as pio

    from arnews.charts import chart_layout

    fig = chart_layout(go.Figure(go.Bar(x=[1], y=[wrong], orientation="h")), "ع", height=300)
    path = tmp_path / "wrong.html"
    path.write_text(pio.to_html(fig, include_plotlyjs=True, include_mathjax=False), "utf-8")
    opened = open_offline(browser, path)
    (label,) = arabic_svg_labels(opened.page, ".ytick text", any_text=True)
    reference, direction = TEXTS[text]
    score = label_matches(opened.page, label, reference, direction=direction, markup=True)
    assert score < MATCH, f"{wrong!r} passed as {text!r} ({score:.2f})"
    opened.page.context.close()

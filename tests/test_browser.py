"""The exported HTML as a person sees it, in headless Chromium with the network off.

Uses the system Chromium (/usr/bin/chromium, installed by .ci/run), never a downloaded one;
the tests skip only when it is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from browsercheck import (
    ARABIC_WORD,
    MATCH,
    arabic_svg_labels,
    chart_report,
    chromium,
    hover_all,
    hover_points,
    label_matches,
    match_for,
    needs_chromium,
    open_offline,
    presentation_forms,
    show_hover,
)

from arnews.charts import FONT_FAMILY, chart_layout
from arnews.rtl import hover_text, legacy_label, plotly_text

pytestmark = needs_chromium

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def vocabulary(seeds_dir) -> set[str]:
    """Arabic words a label may hold: from the articles, the package (code and data files such
    as gazetteers and lexicons) and the notebooks. A reversed word is in none of them."""
    suffixes = {".py", ".yaml", ".yml", ".csv", ".txt", ".json", ".ipynb", ".md"}
    sources = [*seeds_dir.rglob("*"), *(ROOT / "src").rglob("*"), *ROOT.glob("notebooks/*")]
    sources = [p for p in sources if p.suffix in suffixes or p.parent == seeds_dir]
    text = " ".join(p.read_text("utf-8") for p in sources if p.is_file())
    return set(ARABIC_WORD.findall(text))


def _pages(report: Path) -> list[Path]:
    return [report / "report.html", *sorted((report / "html").glob("*.html"))]


ENTITY = re.compile(r"&(?:quot|amp|lt|gt|#\d+|#x[0-9a-f]+);", re.I)


def _check_labels(page, labels, vocabulary, where: str) -> None:
    """Each label: known words (none reversed), no HTML entity shown as text, and drawn like
    its runs set in HTML, each in a <bdi> of its direction."""
    for label in labels:
        words = set(ARABIC_WORD.findall(label.logical))
        assert words <= vocabulary, f"{where}: reversed words? {words - vocabulary}"
        assert not ENTITY.search(label.logical), f"{where}: escaped HTML shown: {label.text!r}"
        score = label_matches(page, label)
        assert score >= match_for(label), f"{where}: {label.text!r} drawn wrong ({score:.2f})"


def test_report_pages_offline_charts_drawn(browser, seeds_report):
    """Every page: charts drawn, no request, no script error, no presentation form."""
    for path in _pages(seeds_report):
        opened = open_offline(browser, path)
        page = opened.page
        charts = chart_report(page)
        assert charts["charts"] >= 1 and charts["drawn"] == charts["charts"], (path.name, charts)
        assert presentation_forms(page) == [], path.name
        assert opened.blocked == [] and opened.errors == [], path.name
        page.context.close()


def _distinct(labels):
    """One label per text: the same string draws the same runs in the same order (the label
    zoo, tests/test_labels.py, checks hard strings in every place and size)."""
    seen = {}
    for label in labels:
        seen.setdefault(label.text, label)
    return list(seen.values())


def test_report_labels_and_hovers_correct(browser, seeds_report, vocabulary):
    """report.html (the per-notebook pages draw the same figures): every Arabic label (each
    text once), and the hover label of the first point of each chart."""
    opened = open_offline(browser, seeds_report / "report.html")
    page = opened.page
    labels = arabic_svg_labels(page)
    assert labels
    _check_labels(page, _distinct(labels), vocabulary, "report.html")
    points = hover_points(page)
    assert points, "no hoverable point found"
    first = {}
    for point in map(tuple, points):
        first.setdefault(point[0], point)
    for point in first.values():
        assert show_hover(page, *point) > 0
        hovers = arabic_svg_labels(page, ".js-plotly-plot .hoverlayer text")
        assert hovers, point
        _check_labels(page, hovers, vocabulary, f"hover {point}")
    assert opened.blocked == []
    page.context.close()


def test_report_pages_titles_right_aligned(browser, seeds_report):
    opened = open_offline(browser, seeds_report / "report.html")
    gaps = opened.page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
            const svg = gd.querySelector('svg.main-svg').getBoundingClientRect();
            const title = gd.querySelector('.gtitle').getBoundingClientRect();
            return (svg.right - title.right) / svg.width;
        })"""
    )
    assert gaps and all(0 <= g < 0.05 for g in gaps), gaps
    opened.page.context.close()


LABELS = ["نموذج gpt-oss-120b", "OpenAI (أوبن إيه آي)", "الذكاء الاصطناعي", "ميتا"]


@pytest.fixture(scope="module")
def controls_page(tmp_path_factory, browser):
    """A chart whose y labels are each intended label drawn right, and drawn in wrong ways."""
    drawn = [plotly_text(t) for t in LABELS]  # right
    drawn += [LABELS[0], LABELS[1]]  # mixed labels without the isolate
    drawn += [t[::-1] for t in LABELS[2:]]  # reversed characters
    drawn += [legacy_label(t) for t in LABELS]  # reshaped + reordered: for non-browsers only
    fig = go.Figure(go.Bar(x=list(range(1, len(drawn) + 1)), y=drawn, orientation="h"))
    fig = chart_layout(fig, "ضوابط", height=600)
    fig.update_layout(font={"family": FONT_FAMILY, "size": 16})
    path = tmp_path_factory.mktemp("controls") / "controls.html"
    path.write_text(pio.to_html(fig, include_plotlyjs=True, include_mathjax=False), "utf-8")
    opened = open_offline(browser, path)
    labels = {lab.text: lab for lab in arabic_svg_labels(opened.page, ".ytick text")}
    yield opened.page, labels
    opened.page.context.close()


@pytest.mark.parametrize("intended", LABELS)
def test_label_matches_right_label(controls_page, intended):
    page, labels = controls_page
    score = label_matches(page, labels[plotly_text(intended)], intended)
    assert score >= MATCH, f"{intended!r} scored {score:.2f}"


@pytest.mark.parametrize(
    ("drawn", "intended"),
    [
        (LABELS[0], LABELS[0]),  # un-isolated: "gpt-oss-120b" lands on the wrong side
        (LABELS[1], LABELS[1]),
        (LABELS[2][::-1], LABELS[2]),  # reversed
        (LABELS[3][::-1], LABELS[3]),
        *((legacy_label(t), t) for t in LABELS),  # reshaped for a browser: reversed twice
    ],
)
def test_label_matches_wrong_label_fails(controls_page, drawn, intended):
    page, labels = controls_page
    score = label_matches(page, labels[drawn], intended)
    assert score < MATCH, f"{drawn!r} passed as {intended!r} ({score:.2f})"


def test_presentation_forms_found_in_legacy_labels(controls_page):
    page, _ = controls_page
    assert presentation_forms(page)  # the check used on the report pages can fail


def test_report_injection_runs_no_script(browser, injection_report):
    for path in _pages(injection_report):
        opened = open_offline(browser, path)
        page = opened.page
        hover_all(page)  # draw hover labels holding article titles
        page.mouse.move(5, 5)
        state = page.evaluate(
            """() => ({pwned: window.__pwned === undefined ? null : String(window.__pwned),
                       title: document.title,
                       imgs: document.querySelectorAll(
                           'img[onerror], svg[onload], b[onmouseover]').length,
                       text: document.body.innerText})"""
        )
        assert state["pwned"] is None, f"{path.name}: payload ran ({state['pwned']})"
        assert state["title"] != "pwned" and state["imgs"] == 0, path.name
        if path.name == "report.html":  # holds the articles table of 00-corpus
            assert "<script>window.__pwned" in state["text"], "the title should show, as text"
        assert opened.errors == [] and opened.blocked == [], path.name
        page.context.close()


def test_png_figures_labels_correct(browser, seeds_report, vocabulary, tmp_path):
    """The PNGs come from kaleido's Chromium drawing the figure; check that drawing's labels.

    Kaleido renders each figure as SVG in the same Chromium before rasterizing it, so the
    figure's SVG from kaleido, inlined in a page, shows the text the PNG holds.
    """
    import warnings

    import kaleido

    from arnews.report import plotly_figures

    figures = [
        fig
        for nb in sorted((seeds_report / "notebooks").glob("*.ipynb"))
        for fig in plotly_figures(nb)
    ]
    kaleido.start_sync_server(silence_warnings=True)  # one Chromium for all figures
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "kopts ignored if using a server"
            svgs = [pio.to_image(f, format="svg", validate=False).decode("utf-8") for f in figures]
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    assert len(svgs) == len(list((seeds_report / "figures").glob("*.png")))
    page_path = tmp_path / "figures.html"
    page_path.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        + "".join(f"<div>{svg}</div>" for svg in svgs)
        + "</body></html>",
        "utf-8",
    )
    opened = open_offline(browser, page_path)
    labels = arabic_svg_labels(opened.page, "svg text")
    assert labels
    assert presentation_forms(opened.page) == []
    _check_labels(opened.page, labels, vocabulary, "kaleido figure")
    assert opened.blocked == []
    opened.page.context.close()


@pytest.mark.parametrize("isolated", [True, False])
def test_hover_label_needs_its_runs_isolated(browser, tmp_path, isolated):
    line = "ألتمان (OpenAI): 8"  # right to left, the count last: "8 :(OpenAI) ألتمان"
    text = hover_text([line], "rtl") if isolated else line  # without, "8" joins "OpenAI):"
    fig = chart_layout(
        go.Figure(go.Bar(x=[8], y=[plotly_text("ألتمان")], hovertext=[text], hoverinfo="text")),
        "ع",
    )
    path = tmp_path / "hover.html"
    path.write_text(pio.to_html(fig, include_plotlyjs=True, include_mathjax=False), "utf-8")
    opened = open_offline(browser, path)
    assert show_hover(opened.page, 0, 0, 0) > 0
    (label,) = arabic_svg_labels(opened.page, ".hoverlayer text")
    assert label.logical == line
    reference = 'ألتمان (OpenAI): <bdi dir="ltr">8</bdi>'
    score = label_matches(opened.page, label, reference, direction="rtl", markup=True)
    assert (score >= MATCH) is isolated
    opened.page.context.close()


def test_report_html_merges_notebooks_plotlyjs_once(browser, tmp_path, seeds_report):
    """Two notebooks in report.html: plotly.js inlined once, and every chart still drawn."""
    import shutil

    from arnews.report import plotly_figures, write_report

    executed = seeds_report / "notebooks" / "00-corpus.ipynb"
    again = tmp_path / "01-again.ipynb"
    shutil.copy(executed, again)
    target = write_report([executed, again], tmp_path / "report.html")
    html = target.read_text("utf-8")
    assert len(re.findall(r"plotly\.js (?:\(cartesian - minified\) )?v\d", html)) == 1
    assert 'id="nb-00-corpus"' in html and 'id="nb-01-again"' in html
    opened = open_offline(browser, target)
    n = 2 * len(plotly_figures(executed))
    assert chart_report(opened.page) == {"charts": n, "drawn": n}
    assert opened.blocked == [] and opened.errors == []
    opened.page.context.close()


def test_report_pages_prose_in_the_direction_of_each_block_code_left_to_right(
    browser, seeds_report
):
    for path in (seeds_report / "html" / "00-corpus.html", seeds_report / "report.html"):
        opened = open_offline(browser, path)
        blocks = opened.page.evaluate(
            """() => [...document.querySelectorAll('.jp-RenderedMarkdown div[dir]')].map(e => {
                const s = getComputedStyle(e);
                const host = e.closest('.jp-RenderedMarkdown').getBoundingClientRect();
                const r = document.createRange(); r.selectNodeContents(e);
                const lines = [...r.getClientRects()].filter(b => b.width > 1);
                return {dir: e.getAttribute('dir'), direction: s.direction, align: s.textAlign,
                        left: Math.min(...lines.map(b => b.left)) - host.left,
                        right: host.right - Math.max(...lines.map(b => b.right))};
            })"""
        )
        assert {b["dir"] for b in blocks} == {"rtl", "ltr"}, path.name
        for b in blocks:
            assert b["direction"] == b["dir"] and b["align"] == "start", (path.name, b)
            # Each block's text starts on its own side: Arabic flush right, English flush left.
            assert (b["right"] if b["dir"] == "rtl" else b["left"]) < 40, (path.name, b)
        code = opened.page.evaluate(
            """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea pre')]
                .map(e => [getComputedStyle(e).direction, getComputedStyle(e).textAlign])"""
        )
        if path.parent.name == "html":  # report.html has no code cells
            assert code and all(c == ["ltr", "left"] for c in code)
        opened.page.context.close()


def test_report_sentence_explorer_pages_and_filters_offline(browser, seeds_report):
    """The stance explorer shows one page of rows; its buttons page and its box filters, in the
    page itself (no request, no error)."""
    from arnews.charts.tables import PAGE_ROWS

    opened = open_offline(browser, seeds_report / "report.html")
    page = opened.page
    box = page.locator(".arnews-box:has(.arnews-pos)").first
    visible = "(b) => [...b.querySelectorAll('tbody tr.row')].filter(r => r.offsetParent)"
    total = int(re.search(r"\((\d+)\)", box.locator(".arnews-pos").inner_text()).group(1))
    assert total > PAGE_ROWS
    first = box.evaluate(f"(b) => ({visible})(b).map(r => r.textContent)")
    assert len(first) == PAGE_ROWS
    box.locator("button").nth(1).click()  # next
    second = box.evaluate(f"(b) => ({visible})(b).map(r => r.textContent)")
    assert box.locator(".arnews-pos").inner_text().startswith("2 / ")
    assert second and not set(second) & set(first)
    box.locator("input[type=search]").fill("مفتوح")
    kept = box.evaluate(f"(b) => ({visible})(b).map(r => r.textContent)")
    hits = int(re.search(r"\((\d+)\)", box.locator(".arnews-pos").inner_text()).group(1))
    assert 0 < len(kept) <= min(hits, PAGE_ROWS) and hits < total
    assert all("مفتوح" in text for text in kept)
    assert opened.blocked == [] and opened.errors == []
    page.context.close()

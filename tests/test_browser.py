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
    CHROMIUM,
    MARKS,
    MATCH,
    arabic_svg_labels,
    chart_report,
    chromium,
    hover_all,
    hover_points,
    label_matches,
    open_offline,
    presentation_forms,
    show_hover,
)

from arnews.charts import FONT_FAMILY, arabic_layout
from arnews.rtl import browser_label, legacy_label

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (.ci/run)"
)

ROOT = Path(__file__).resolve().parent.parent
ARABIC_WORD = re.compile(r"[\u0600-\u06FF]+")


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


def _check_labels(page, labels, vocabulary, where: str) -> None:
    for label in labels:
        words = set(ARABIC_WORD.findall(label.logical))
        assert words <= vocabulary, f"{where}: reversed words? {words - vocabulary}"
        score = label_matches(page, label)
        assert score >= MATCH, f"{where}: {label.text!r} drawn wrong ({score:.2f})"


def test_report_pages_offline_charts_drawn_labels_correct(browser, seeds_report, vocabulary):
    for path in _pages(seeds_report):
        opened = open_offline(browser, path)
        page = opened.page
        assert opened.blocked == [], f"{path.name} requested the network"
        assert opened.errors == [], path.name
        charts = chart_report(page)
        assert charts["charts"] >= 1 and charts["drawn"] == charts["charts"], (path.name, charts)
        assert presentation_forms(page) == [], path.name
        labels = arabic_svg_labels(page)
        assert labels, path.name
        _check_labels(page, labels, vocabulary, path.name)
        points = hover_points(page)
        assert points, f"{path.name}: no hoverable point found"
        by_trace = {}
        for point in map(
            tuple, points
        ):  # the first and last point of each trace: enough to read hovers
            by_trace.setdefault(point[:2], []).append(point)
        for first, *rest in by_trace.values():
            for point in {first, rest[-1] if rest else first}:
                assert show_hover(page, *point) > 0
                hovers = arabic_svg_labels(page, ".js-plotly-plot .hoverlayer text")
                assert hovers, (path.name, point)
                _check_labels(page, hovers, vocabulary, f"{path.name} hover {point}")
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
    drawn = [browser_label(t) for t in LABELS]  # right
    drawn += [LABELS[0], LABELS[1]]  # mixed labels without the isolate
    drawn += [t[::-1] for t in LABELS[2:]]  # reversed characters
    drawn += [legacy_label(t) for t in LABELS]  # reshaped + reordered: for non-browsers only
    fig = go.Figure(go.Bar(x=list(range(1, len(drawn) + 1)), y=drawn, orientation="h"))
    fig = arabic_layout(fig, "ضوابط", height=600)
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
    score = label_matches(page, labels[browser_label(intended)], intended)
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
def test_hover_label_needs_rtl_isolate(browser, tmp_path, isolated):
    fig = arabic_layout(
        go.Figure(go.Bar(x=[8], y=[browser_label("ألتمان")], hovertemplate="%{y}: %{x}")), "ع"
    )
    if not isolated:
        fig.update_traces(hovertemplate="%{y}: %{x}<extra></extra>")  # "name: 8" read LTR
    path = tmp_path / "hover.html"
    path.write_text(pio.to_html(fig, include_plotlyjs=True, include_mathjax=False), "utf-8")
    opened = open_offline(browser, path)
    assert show_hover(opened.page, 0, 0, 0) > 0
    (label,) = arabic_svg_labels(opened.page, ".hoverlayer text")
    assert label.logical.startswith("ألتمان: 8")
    assert (label_matches(opened.page, label) >= MATCH) is isolated
    opened.page.context.close()


def test_report_html_merges_notebooks_plotlyjs_once(browser, tmp_path, seeds_report):
    """Two notebooks in report.html: plotly.js inlined once, and every chart still drawn."""
    import uuid

    from arnews.report import write_report

    executed = seeds_report / "notebooks" / "00-corpus.ipynb"
    text = executed.read_text("utf-8")
    for div_id in set(re.findall(r'id=\\"([0-9a-f-]{36})\\"', text)):
        text = text.replace(div_id, str(uuid.uuid4()))  # a second run draws into new divs
    again = tmp_path / "01-again.ipynb"
    again.write_text(text, "utf-8")
    target = write_report([executed, again], tmp_path / "report.html")
    html = target.read_text("utf-8")
    assert len(re.findall(r"plotly\.js v\d", html)) == 1
    assert 'id="nb-00-corpus"' in html and 'id="nb-01-again"' in html
    opened = open_offline(browser, target)
    assert chart_report(opened.page) == {"charts": 4, "drawn": 4}
    assert opened.blocked == [] and opened.errors == []
    opened.page.context.close()


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, seeds_report):
    """A JupyterLab server (the project's environment) serving the executed seeds notebooks."""
    import os
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    root = tmp_path_factory.mktemp("lab")
    for nb in (seeds_report / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}"]
    cmd += ["--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=", "--allow-root"]
    cmd += [f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ)
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/lab", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start")
        yield url, sorted(root.glob("*.ipynb"))
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_jupyterlab_shows_charts_with_correct_labels(browser, jupyterlab, vocabulary):
    """Lab draws the charts from the plotly mimetype, with the same correct Arabic labels."""
    from arnews.report import plotly_figures

    url, notebooks = jupyterlab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = []

    def route(r):
        if r.request.url.startswith((url, url.replace("http", "ws"), "data:", "blob:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    for nb in notebooks:
        expected = len(plotly_figures(nb))
        page.goto(f"{url}/lab/tree/{nb.name}")
        page.wait_for_function(
            """([n, marks]) => [...document.querySelectorAll('.js-plotly-plot')]
                .filter(d => d.querySelector(marks)).length >= n""",
            arg=[expected, MARKS],
            timeout=60_000,
        )
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1500)  # Lab resizes its panels once settled; plotly then redraws
        labels = arabic_svg_labels(page)
        assert labels, nb.name
        _check_labels(page, labels, vocabulary, f"JupyterLab {nb.name}")
    assert outside == []
    context.close()


def test_report_pages_prose_right_to_left_code_left_to_right(browser, seeds_report):
    path = seeds_report / "html" / "00-corpus.html"
    opened = open_offline(browser, path)
    styles = opened.page.evaluate(
        """() => {
        const style = (sel) => [...document.querySelectorAll(sel)].map(e => {
            const s = getComputedStyle(e);
            return [s.direction, s.textAlign, s.unicodeBidi];
        });
        return {prose: style('.jp-MarkdownOutput p, .jp-MarkdownOutput h1, .jp-MarkdownOutput h2'),
                tables: style('.jp-OutputArea-output table'),
                code: style('.jp-CodeCell .jp-InputArea pre')};
    }"""
    )
    assert styles["prose"] and all(s == ["rtl", "start", "plaintext"] for s in styles["prose"])
    assert styles["tables"] and all(s[0] == "rtl" for s in styles["tables"])
    assert styles["code"] and all(s[:2] == ["ltr", "left"] for s in styles["code"])
    opened.page.context.close()

"""Open HTML in headless Chromium with the network off and check charts as a person sees them.

Generic over pages: :func:`open_offline` loads a file with every non-file request aborted and
recorded; :func:`chart_report` counts the plotly charts drawn; :func:`arabic_svg_labels` lists
each SVG text (or line of text) holding Arabic with its box, font and rotation;
:func:`label_matches` screenshots that label alone and the expected logical string alone, set in
``<span dir="rtl" lang="ar">`` with the same font and size, and compares their ink pixel-wise.

Uses the system Chromium (``/usr/bin/chromium``) through Playwright; never a downloaded browser.
"""

from __future__ import annotations

import html
import io
import math
import re
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Mark for tests that open pages: CI installs Chromium (.ci/run); elsewhere they are skipped.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (.ci/run)"
)
ARABIC_WORD = re.compile(r"[\u0600-\u06FF]+")
PRESENTATION_FORMS = "[\\uFB50-\\uFDFF\\uFE70-\\uFEFF]"
ISOLATES = "\u2066\u2067\u2068\u2069"
INK = 170  # a pixel darker than this (0-255 luminance) on white is ink
MATCH = 0.97  # both ways, this share of ink must lie within 1 px of the other render's ink
# Rotated text (tilted tick labels) is resampled: faint marks such as a dot above a small
# letter fall on either side of the ink threshold. A reversed or scrambled label scores < 0.6.
MATCH_ROTATED = 0.85


def match_for(label) -> float:
    """Return the similarity a drawn label must reach: lower for rotated text."""
    return MATCH if abs(label.angle) < 0.5 else MATCH_ROTATED


@contextmanager
def chromium():
    """Yield a headless Chromium browser (Playwright, system executable)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OfflinePage:
    """A page opened with the network off; `blocked` lists the requests it tried to make."""

    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def block_outside(context, allowed: tuple[str, ...]) -> list[str]:
    """Abort every request of `context` whose URL does not start with one of `allowed`;
    return the list the aborted URLs are recorded in."""
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return blocked


def open_offline(
    browser, path: Path, *, width: int = 1280, height: int = 900, timeout: int = 30_000
) -> OfflinePage:
    """Open `path` with every request that is not ``file:``/``data:``/``blob:`` aborted, and
    wait (up to `timeout` ms) for its charts."""
    context = browser.new_context(
        offline=True, viewport={"width": width, "height": height}, device_scale_factor=1
    )
    page = context.new_page()
    result = OfflinePage(page, block_outside(context, ("file:", "data:", "blob:")))
    page.on("pageerror", lambda err: result.errors.append(str(err)))
    page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout)
    page.evaluate("document.fonts.ready.then(() => true)")
    wait_for_charts(page, timeout)
    page.wait_for_timeout(100)
    return result


def wait_for_charts(page, timeout: int = 30_000) -> None:
    """Wait until every plotly chart of the page is drawn (they draw once the font is in)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.plotly-graph-div')].every(
            d => d.classList.contains('js-plotly-plot') && d.querySelector('svg.main-svg'))""",
        timeout=timeout,
    )


# What plotly draws for a trace: cartesian/polar traces, heatmap images, table cells.
MARKS = "svg.main-svg g.trace, svg.main-svg g.hm image, svg.main-svg g.table rect.cell-rect"


def chart_report(page) -> dict:
    """Return how many plotly charts the page holds and how many were drawn (SVG with marks)."""
    return page.evaluate(
        """(MARKS) => {
        const divs = [...document.querySelectorAll('.plotly-graph-div')];
        const drawn = divs.filter(d => d.classList.contains('js-plotly-plot')
            && d.querySelector('svg.main-svg')
            && d.querySelector(MARKS));
        return {charts: divs.length, drawn: drawn.length};
    }""",
        MARKS,
    )


def presentation_forms(page) -> list[str]:
    """Return the text nodes (outside scripts and styles) holding Arabic presentation forms."""
    return page.evaluate(
        """(pattern) => {
        const re = new RegExp(pattern, 'u');
        const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
        const hits = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const tag = n.parentNode && n.parentNode.nodeName.toLowerCase();
            const skip = tag === 'script' || tag === 'style';
            if (!skip && re.test(n.nodeValue)) hits.push(n.nodeValue);
        }
        return hits;
    }""",
        PRESENTATION_FORMS,
    )


def hover_points(page) -> list[tuple[int, int, int]]:
    """Return ``(chart, trace, point)`` for every point of the charts' one-dimensional traces."""
    return page.evaluate(
        """() => {
        const out = [];
        // Traces whose points are hovered by a single index (a heatmap needs [row, column],
        // a table has no hover labels).
        const flat = new Set(['bar', 'scatter', 'histogram', 'box', 'violin', 'funnel',
                              'waterfall', 'scattergl']);
        document.querySelectorAll('.js-plotly-plot').forEach((gd, g) => {
            (gd.calcdata || []).forEach((points, c) => {
                const trace = (gd._fullData || [])[c] || {};
                if (!flat.has(trace.type) || trace.hoverinfo === 'skip') return;
                for (let i = 0; i < points.length; i++) out.push([g, c, i]);
            });
        });
        return out;
    }"""
    )


def show_hover(page, chart: int, trace: int, point: int) -> int:
    """Scroll a chart into view and show one point's hover label; return the labels shown."""
    return page.evaluate(
        """([g, c, i]) => {
        const gd = document.querySelectorAll('.js-plotly-plot')[g];
        gd.scrollIntoView({block: 'center'});
        Plotly.Fx.hover(gd, [{curveNumber: c, pointNumber: i}]);
        return gd.querySelectorAll('.hoverlayer text').length;
    }""",
        [chart, trace, point],
    )


def hover_all(page) -> int:
    """Show the hover label of every point of every chart once; return how many were shown."""
    points = hover_points(page)
    for point in points:
        show_hover(page, *point)
    return len(points)


@dataclass(frozen=True)
class SvgLabel:
    """One SVG text line holding Arabic, as drawn: its text, box, font and rotation."""

    index: int
    text: str
    font_family: str
    font_size: str
    font_weight: str
    angle: float  # degrees, from the element's screen transform

    @property
    def logical(self) -> str:
        """The text without bidi isolates: what a reader should see, in logical order."""
        return "".join(ch for ch in self.text if ch not in ISOLATES)

    @property
    def reference(self) -> tuple[str, str]:
        """``(markup, direction)`` of the same text set in HTML: each isolate of the label as
        a ``<bdi>`` of its direction, the line right to left when one isolate spans it all."""
        return isolates_to_markup(self.text)


_BDI = {
    "\u2066": '<bdi dir="ltr">',
    "\u2067": '<bdi dir="rtl">',
    "\u2068": "<bdi>",
    "\u2069": "</bdi>",
}


def isolates_to_markup(text: str) -> tuple[str, str]:
    """Return ``(markup, direction)``: `text` in HTML with its isolates as ``<bdi>`` elements;
    a text wholly inside one right-to-left isolate is a right-to-left line (its content)."""
    direction = "ltr"
    if text.startswith("\u2067") and text.endswith("\u2069") and _spans_all(text):
        text, direction = text[1:-1], "rtl"
    markup = "".join(_BDI.get(ch, html.escape(ch)) for ch in text)
    return markup, direction


def _spans_all(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "\u2066\u2067\u2068"
        depth -= ch == "\u2069"
        if depth == 0:
            return i == len(text) - 1
    return False


_MARK = "data-arnews-probe"


def arabic_svg_labels(
    page, selector: str = ".js-plotly-plot svg text", *, any_text: bool = False
) -> list[SvgLabel]:
    """Mark and return every SVG text line under `selector` that holds Arabic (any text with
    `any_text`)."""
    rows = page.evaluate(
        """([selector, mark, anyText]) => {
        document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark));
        const out = [];
        const arabic = anyText ? /\\S/ : /[\\u0600-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF]/;
        for (const text of document.querySelectorAll(selector)) {
            const lines = text.querySelectorAll('tspan.line');
            for (const el of (lines.length ? lines : [text])) {
                const box = el.getBoundingClientRect();
                if (!arabic.test(el.textContent) || box.width < 1 || box.height < 1) continue;
                const style = getComputedStyle(el);
                const m = text.getScreenCTM();
                el.setAttribute(mark, out.length);
                out.push({index: out.length, text: el.textContent, font_family: style.fontFamily,
                          font_size: style.fontSize, font_weight: style.fontWeight,
                          angle: Math.atan2(m.b, m.a) * 180 / Math.PI});
            }
        }
        return out;
    }""",
        [selector, _MARK, any_text],
    )
    return [SvgLabel(**row) for row in rows]


def html_labels(page, selector: str) -> list[SvgLabel]:
    """Mark and return every HTML element under `selector` with text, as drawn (its text,
    font and size; no rotation)."""
    rows = page.evaluate(
        """([selector, mark]) => {
        document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark));
        const out = [];
        for (const el of document.querySelectorAll(selector)) {
            const box = el.getBoundingClientRect();
            if (!el.textContent.trim() || box.width < 1 || box.height < 1) continue;
            const style = getComputedStyle(el);
            el.setAttribute(mark, out.length);
            out.push({index: out.length, text: el.textContent, font_family: style.fontFamily,
                      font_size: style.fontSize, font_weight: style.fontWeight, angle: 0});
        }
        return out;
    }""",
        [selector, _MARK],
    )
    return [SvgLabel(**row) for row in rows]


_ISOLATE_CSS = f"""
html.arnews-probe * {{ visibility: hidden !important; }}
html.arnews-probe [{_MARK}].arnews-on, html.arnews-probe [{_MARK}].arnews-on * {{
  visibility: visible !important; fill: #000 !important; stroke: none !important;
  color: #000 !important; background: transparent !important; border-color: transparent !important;
  text-decoration: none !important;
}}
html.arnews-probe #arnews-ref, html.arnews-probe #arnews-ref * {{
  visibility: visible !important;
}}
html.arnews-probe clipPath, html.arnews-probe clipPath * {{
  visibility: visible !important;  /* hidden clip shapes would clip the label away (legends) */
}}
html.arnews-probe, html.arnews-probe body {{ background: #fff !important; }}
"""


def _clip(box: dict, pad: int = 10) -> dict:
    x, y = max(0.0, math.floor(box["x"]) - pad), max(0.0, math.floor(box["y"]) - pad)
    return {
        "x": x,
        "y": y,
        "width": math.ceil(box["width"]) + 2 * pad,
        "height": math.ceil(box["height"]) + 2 * pad,
    }


def render_label(page, label: SvgLabel) -> tuple[np.ndarray, tuple[float, float]]:
    """Screenshot the ink of the SVG label alone, black on white; return it and its corner."""
    page.evaluate(
        """([mark, i, css]) => {
        if (!document.getElementById('arnews-probe-css')) {
            const s = document.createElement('style'); s.id = 'arnews-probe-css';
            s.textContent = css; document.head.appendChild(s);
        }
        document.documentElement.classList.add('arnews-probe');
        document.querySelectorAll('.arnews-on').forEach(e => e.classList.remove('arnews-on'));
        document.querySelector(`[${mark}="${i}"]`).classList.add('arnews-on');
    }""",
        [_MARK, label.index, _ISOLATE_CSS],
    )
    box = page.evaluate(
        """([mark, i]) => {
        const el = document.querySelector(`[${mark}="${i}"]`);
        // 'nearest' scrolls only what is hidden, also in nested scrollers (JupyterLab);
        // scrolling a chart that is in view would end its hover label.
        el.scrollIntoView({block: 'nearest', inline: 'nearest'});
        const b = el.getBoundingClientRect();
        return {x: b.x, y: b.y, width: b.width, height: b.height};
    }""",
        [_MARK, label.index],
    )
    mask = _shoot(page, box)
    page.evaluate("document.documentElement.classList.remove('arnews-probe')")
    return mask, (box["x"], box["y"])


def _shoot(page, box: dict) -> np.ndarray:
    # A viewport clip: a full-page screenshot resizes the window, which makes plotly redraw.
    png = page.screenshot(clip=_clip(box), animations="disabled", caret="hide")
    return ink_mask(decode_png(png))


def render_expected(
    page,
    label: SvgLabel,
    expected: str,
    origin: tuple[float, float] = (0.0, 0.0),
    *,
    direction: str = "rtl",
    markup: bool = False,
) -> np.ndarray:
    """Screenshot `expected` set in ``<span dir=…>`` (`direction`) with the label's font: as
    text, or as HTML when `markup` (each run in its own ``<bdi>``).

    `origin` is the drawn label's box corner: the span takes the same sub-pixel offset.
    """
    box = page.evaluate(
        """([text, family, size, weight, angle, css, fx, fy, dir, isMarkup]) => {
        if (!document.getElementById('arnews-probe-css')) {
            const s = document.createElement('style'); s.id = 'arnews-probe-css';
            s.textContent = css; document.head.appendChild(s);
        }
        document.documentElement.classList.add('arnews-probe');
        document.querySelectorAll('.arnews-on').forEach(e => e.classList.remove('arnews-on'));
        let host = document.getElementById('arnews-ref');
        if (!host) {
            host = document.createElement('div'); host.id = 'arnews-ref';
            document.body.appendChild(host);
        }
        host.setAttribute('style', `position:fixed;left:${100 + fx}px;top:${100 + fy}px;`
            + 'z-index:99999;background:#fff;padding:0;margin:0;direction:ltr');
        host.innerHTML = '';
        const span = document.createElement('span');
        span.dir = dir; span.lang = dir === 'rtl' ? 'ar' : 'en';
        if (isMarkup) { span.innerHTML = text; } else { span.textContent = text; }
        span.setAttribute('style', `display:inline-block;white-space:pre;color:#000;`
            + `font-family:${family};font-size:${size};font-weight:${weight};line-height:1.6;`
            + `letter-spacing:normal;transform:rotate(${angle}deg);transform-origin:center`);
        host.appendChild(span);
        const b = span.getBoundingClientRect();
        return {x: b.x, y: b.y, width: b.width, height: b.height};
    }""",
        [
            expected,
            label.font_family,
            label.font_size,
            label.font_weight,
            label.angle,
            _ISOLATE_CSS,
            origin[0] % 1,
            origin[1] % 1,
            direction,
            markup,
        ],
    )
    mask = _shoot(page, box)
    page.evaluate(
        "document.getElementById('arnews-ref').remove();"
        "document.documentElement.classList.remove('arnews-probe')"
    )
    return mask


def ink_mask(rgb: np.ndarray) -> np.ndarray:
    """Return the dark pixels of an RGB image, cropped to their bounding box."""
    lum = rgb[..., :3].astype(float) @ np.array([0.299, 0.587, 0.114])
    mask = lum < INK
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if not len(rows):
        return mask[:0, :0]
    return mask[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _dilate(mask: np.ndarray, dx: int = 1) -> np.ndarray:
    out = mask.copy()
    out[1:, :] |= mask[:-1, :]
    out[:-1, :] |= mask[1:, :]
    for _ in range(dx):
        out[:, 1:] |= out[:, :-1].copy()
        out[:, :-1] |= out[:, 1:].copy()
    return out


def ink_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Return the share of ink (the worse of both ways) lying within 1 px of the other's ink.

    The crops are registered: aligned at their ink boxes' top-left corner, then shifted by up
    to the difference of their sizes (at most 3 px; rotated text rasterizes a pixel or two
    apart), keeping the best. A larger size difference, or no ink at all, scores 0.
    Tolerance: 1 px, horizontally 1 px more per 250 px.
    """
    if not a.size or not b.size:
        return 0.0
    dh, dw = abs(a.shape[0] - b.shape[0]), abs(a.shape[1] - b.shape[1])
    if dh > 3 or dw > 3:
        return 0.0
    h, w = max(a.shape[0], b.shape[0]) + dh, max(a.shape[1], b.shape[1]) + dw
    pa = np.zeros((h, w), bool)
    pa[: a.shape[0], : a.shape[1]] = a
    # SVG lays text out with unhinted advances: over a long label the glyphs drift up to a
    # pixel or two from the same text in HTML, so allow 1 px more per 250 px of width.
    dx = 1 + w // 250
    grown_a = _dilate(pa, dx)
    best = 0.0
    for oy in range(dh + 1):
        for ox in range(dw + 1):
            pb = np.zeros((h, w), bool)
            pb[oy : oy + b.shape[0], ox : ox + b.shape[1]] = b
            recall = (pa & _dilate(pb, dx)).sum() / pa.sum()
            precision = (pb & grown_a).sum() / pb.sum()
            best = max(best, float(min(recall, precision)))
    return best


def label_matches(
    page,
    label: SvgLabel,
    expected: str | None = None,
    *,
    direction: str = "rtl",
    markup: bool = False,
) -> float:
    """Return the ink similarity of `label` as drawn and `expected`, set in a span of
    `direction` (as HTML when `markup`). By default the expected rendering is the label's own
    runs, each in a ``<bdi>`` of its direction (:attr:`SvgLabel.reference`)."""
    drawn, origin = render_label(page, label)
    if expected is None:
        (expected, direction), markup = label.reference, True
    reference = render_expected(page, label, expected, origin, direction=direction, markup=markup)
    return ink_similarity(drawn, reference)


def decode_png(data: bytes) -> np.ndarray:
    """Decode a screenshot (PNG) into an RGB array."""
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


@contextmanager
def jupyterlab(root: Path):
    """Yield the URL of a JupyterLab server (the project's environment) serving `root`.

    No token, no browser, no news pop-up; the server is stopped on exit.
    """
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = root.parent / f".{root.name}-settings"
    settings.mkdir(exist_ok=True)
    (settings / "overrides.json").write_text(
        '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false",'
        ' "checkForUpdates": false}}',
        "utf-8",
    )
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}"]
    cmd += ["--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=", "--allow-root"]
    cmd += [f"--ServerApp.root_dir={root}", f"--LabApp.app_settings_dir={settings}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/lab", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            raise RuntimeError("JupyterLab did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def lab_page(browser, url: str, notebook: str):
    """Open `notebook` (a path under the server root) in a fresh JupyterLab workspace with every
    request outside the server aborted and recorded; return ``(page, outside)``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = block_outside(context, (url, url.replace("http", "ws"), "data:", "blob:"))
    page = context.new_page()
    page.goto(f"{url}/lab/tree/{notebook}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
    return page, outside


def lab_wait_idle(page, timeout: int = 120_000) -> None:
    """Wait until the notebook's kernel is idle."""
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=timeout)


def lab_dirty(page) -> bool:
    """Return True when the open notebook is marked modified."""
    return page.evaluate(
        "() => !!document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')"
    )


def lab_run_all(page, timeout: int = 240_000) -> None:
    """Run every cell from the Run menu, as a person does, and wait until all have run."""
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=timeout,
    )
    lab_wait_idle(page)


def hover_first_point(page, chart: int) -> int:
    """Move the mouse over the first point of chart `chart` (a bar, a marker or the middle of
    a heat map) as a person does; return the hover labels shown."""
    box = page.evaluate(
        """(g) => {
        const gd = document.querySelectorAll('.js-plotly-plot')[g];
        gd.scrollIntoView({block: 'center'});
        // The largest point (a zero-height bar has nothing to hover), else the heat map.
        const area = e => { const b = e.getBoundingClientRect(); return b.width * b.height; };
        const points = [...gd.querySelectorAll('.trace .point path, path.point, .hm image')];
        if (!points.length) return null;
        const el = points.reduce((a, e) => area(e) > area(a) ? e : a);
        const b = el.getBoundingClientRect();
        return {x: b.x + b.width / 2, y: b.y + b.height / 2};
    }""",
        chart,
    )
    if box is None:
        return 0
    page.mouse.move(box["x"], box["y"])
    count = (
        "(g) => document.querySelectorAll('.js-plotly-plot')[g]"
        ".querySelectorAll('.hoverlayer text').length"
    )
    with suppress(PlaywrightTimeout):  # a loaded machine draws the label late: wait for it
        page.wait_for_function(count, arg=chart, timeout=10_000)
    return page.evaluate(
        count,
        chart,
    )

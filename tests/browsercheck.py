"""Open HTML in headless Chromium with the network off and check charts as a person sees them.

Generic over pages: :func:`open_offline` loads a file with every non-file request aborted and
recorded; :func:`chart_report` counts the plotly charts drawn; :func:`arabic_svg_labels` lists
each SVG text (or line of text) holding Arabic with its box, font and rotation;
:func:`label_matches` screenshots that label alone and the expected logical string alone, set in
``<span dir="rtl" lang="ar">`` with the same font and size, and compares their ink pixel-wise.

Uses the system Chromium (``/usr/bin/chromium``) through Playwright; never a downloaded browser.
"""

from __future__ import annotations

import io
import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

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
PRESENTATION_FORMS = "[\\uFB50-\\uFDFF\\uFE70-\\uFEFF]"
ISOLATES = "\u2066\u2067\u2068\u2069"
INK = 170  # a pixel darker than this (0-255 luminance) on white is ink
MATCH = 0.97  # both ways, this share of ink must lie within 1 px of the other render's ink


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


def open_offline(browser, path: Path, *, width: int = 1280) -> OfflinePage:
    """Open `path` with every request that is not ``file:``/``data:``/``blob:`` aborted."""
    context = browser.new_context(
        offline=True, viewport={"width": width, "height": 900}, device_scale_factor=1
    )
    page = context.new_page()
    result = OfflinePage(page)

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            result.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda err: result.errors.append(str(err)))
    page.goto(Path(path).resolve().as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(100)
    return result


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


_MARK = "data-arnews-probe"


def arabic_svg_labels(page, selector: str = ".js-plotly-plot svg text") -> list[SvgLabel]:
    """Mark and return every SVG text line under `selector` that holds Arabic."""
    rows = page.evaluate(
        """([selector, mark]) => {
        document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark));
        const out = [];
        const arabic = /[\\u0600-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF]/;
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
        [selector, _MARK],
    )
    return [SvgLabel(**row) for row in rows]


_ISOLATE_CSS = f"""
html.arnews-probe * {{ visibility: hidden !important; }}
html.arnews-probe [{_MARK}].arnews-on, html.arnews-probe [{_MARK}].arnews-on * {{
  visibility: visible !important; fill: #000 !important; stroke: none !important;
}}
html.arnews-probe #arnews-ref, html.arnews-probe #arnews-ref * {{
  visibility: visible !important;
}}
html.arnews-probe clipPath, html.arnews-probe clipPath * {{
  visibility: visible !important;  /* hidden clip shapes would clip the label away (legends) */
}}
html.arnews-probe, html.arnews-probe body {{ background: #fff !important; }}
"""


def _clip(box: dict, pad: int = 6) -> dict:
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
    page, label: SvgLabel, expected: str, origin: tuple[float, float] = (0.0, 0.0)
) -> np.ndarray:
    """Screenshot `expected` set in ``<span dir="rtl" lang="ar">`` with the label's font.

    `origin` is the drawn label's box corner: the span takes the same sub-pixel offset.
    """
    box = page.evaluate(
        """([text, family, size, weight, angle, css, fx, fy]) => {
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
        span.dir = 'rtl'; span.lang = 'ar'; span.textContent = text;
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

    The crops are aligned at their ink boxes' top-left corner; a size difference of more than
    3 px, or no ink at all, scores 0. Tolerance: 1 px, horizontally 1 px more per 250 px.
    """
    if not a.size or not b.size:
        return 0.0
    if abs(a.shape[0] - b.shape[0]) > 3 or abs(a.shape[1] - b.shape[1]) > 3:
        return 0.0
    h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
    pa, pb = np.zeros((h, w), bool), np.zeros((h, w), bool)
    pa[: a.shape[0], : a.shape[1]] = a
    pb[: b.shape[0], : b.shape[1]] = b
    # SVG lays text out with unhinted advances: over a long label the glyphs drift up to a
    # pixel or two from the same text in HTML, so allow 1 px more per 250 px of width.
    dx = 1 + w // 250
    recall = (pa & _dilate(pb, dx)).sum() / pa.sum()
    precision = (pb & _dilate(pa, dx)).sum() / pb.sum()
    return float(min(recall, precision))


def label_matches(page, label: SvgLabel, expected: str | None = None) -> float:
    """Return the ink similarity of `label` as drawn and `expected` (default: its logical text)."""
    drawn, origin = render_label(page, label)
    text = label.logical if expected is None else expected
    reference = render_expected(page, label, text, origin)
    return ink_similarity(drawn, reference)


def decode_png(data: bytes) -> np.ndarray:
    """Decode a screenshot (PNG) into an RGB array."""
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))

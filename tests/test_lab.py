"""A JupyterLab session as a person has it: open each notebook, Run All, hover, save.

The notebooks are copied with the seeds into a fresh server root (nothing of the checkout is
written). For each notebook: it is not marked modified on opening; Run All runs every cell;
each Markdown block reads in its own direction from its own side; every Arabic label of every
chart, and one hover label per chart, is drawn like its runs set in HTML; a screenshot of the
whole notebook is kept in the test's folder; saved, the notebook stays under 300 KB.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browsercheck import (
    arabic_svg_labels,
    chromium,
    hover_first_point,
    jupyterlab,
    lab_dirty,
    lab_page,
    lab_run_all,
    lab_wait_idle,
    label_matches,
    match_for,
    needs_chromium,
)

pytestmark = needs_chromium

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SAVED_MAX_BYTES = 300_000


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-session") / "project"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    with chromium() as browser, jupyterlab(root) as url:
        yield browser, url, root


def _kernel_language_info() -> dict:
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        return kc.kernel_info(reply=True)["content"]["language_info"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_notebook_metadata_is_what_the_kernel_reports():
    """JupyterLab rewrites ``language_info`` from the kernel on opening: a notebook storing
    anything else opens modified. Only the Python version may differ from machine to machine."""
    info = _kernel_language_info()
    for path in NOTEBOOKS:
        stored = json.loads(path.read_text("utf-8"))["metadata"]["language_info"]
        assert {k: v for k, v in stored.items() if k != "version"} == {
            k: v for k, v in info.items() if k != "version"
        }, path.name


def _markdown_blocks(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-MarkdownOutput div[dir]')].map(e => {
            const host = e.closest('.jp-MarkdownOutput').getBoundingClientRect();
            const r = document.createRange(); r.selectNodeContents(e);
            const lines = [...r.getClientRects()].filter(b => b.width > 1);
            if (!lines.length) return null;
            return {dir: e.getAttribute('dir'), direction: getComputedStyle(e).direction,
                    left: Math.min(...lines.map(b => b.left)) - host.left,
                    right: host.right - Math.max(...lines.map(b => b.right))};
        }).filter(b => b)"""
    )


def _check(page, labels, where: str) -> None:
    for label in labels:
        score = label_matches(page, label)
        assert score >= match_for(label), f"{where}: {label.text!r} ({score:.2f})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_jupyterlab_session_run_all_hover_save(lab, path, tmp_path):
    browser, url, root = lab
    page, outside = lab_page(browser, url, f"notebooks/{path.name}")
    lab_wait_idle(page)
    page.wait_for_timeout(1500)
    stored = json.loads(path.read_text("utf-8"))["metadata"]["language_info"]["version"]
    if stored == _kernel_language_info()["version"]:
        assert not lab_dirty(page), f"{path.name} is marked modified on opening"
    lab_run_all(page)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(1500)  # Lab settles its panels; plotly then redraws

    blocks = _markdown_blocks(page)
    assert {b["dir"] for b in blocks} == {"rtl", "ltr"}, path.name
    for b in blocks:
        assert b["direction"] == b["dir"], (path.name, b)
        assert (b["right"] if b["dir"] == "rtl" else b["left"]) < 40, (path.name, b)

    charts = page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")
    assert charts >= 1, path.name
    for chart in range(charts):
        page.evaluate(
            "(g) => document.querySelectorAll('.js-plotly-plot')[g].setAttribute('data-c', g)",
            chart,
        )
        labels = arabic_svg_labels(page, f'[data-c="{chart}"] svg text')
        assert labels, (path.name, chart)
        _check(page, labels, f"{path.name} chart {chart}")
        assert hover_first_point(page, chart) > 0, (path.name, chart)
        hovers = arabic_svg_labels(page, f'[data-c="{chart}"] .hoverlayer text')
        assert hovers, (path.name, chart)
        _check(page, hovers, f"{path.name} chart {chart} hover")
        page.mouse.move(1, 1)
    page.screenshot(path=str(tmp_path / f"{path.stem}.png"), full_page=True)

    page.keyboard.press("Control+s")
    page.wait_for_function(
        "() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')",
        timeout=120_000,  # generous: a loaded CI machine saves slowly
    )
    saved = root / "notebooks" / path.name
    assert saved.stat().st_size < SAVED_MAX_BYTES, (path.name, saved.stat().st_size)
    assert outside == []
    page.context.close()

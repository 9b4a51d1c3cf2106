"""The report on a corpus past the per-article size: aggregates, bounded pages, every chart drawn.

A dated multi-outlet corpus of 240 articles (``benchmarks.scale_corpus.dated_articles``: six
outlets, two years of dates, every 25th undated) is rendered once; the views must take their
aggregate forms and the page stays within its budget. ``python -m benchmarks.report_size``
measures the same at 5,000 and 50,000 articles.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from browsercheck import chart_report, chromium, needs_chromium, open_offline

from arnews.aggregate import PER_ARTICLE_MAX, TOP_ARTICLES
from arnews.charts.stance import EXPLORER_ROWS
from arnews.charts.tables import TABLE_ROWS
from arnews.report import plotly_figures, render_report
from benchmarks.report_size import PAGE_MAX_PX, REPORT_MAX_BYTES
from benchmarks.scale_corpus import dated_articles

ARTICLES = 240
NOTEBOOKS_DIR = __import__("pathlib").Path(__file__).resolve().parent.parent / "notebooks"


@pytest.fixture(scope="module")
def scale_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    corpus = dated_articles(ARTICLES, root / "corpus")
    return render_report(corpus, root / "out", notebooks_dir=NOTEBOOKS_DIR, figures=False)


def _titles(report) -> dict[str, list[str]]:
    """Chart titles (isolates removed) per notebook."""
    out = {}
    for nb in sorted((report / "notebooks").glob("*.ipynb")):
        out[nb.stem] = [
            re.sub("[\u2066-\u2069]", "", (f["layout"].get("title") or {}).get("text", ""))
            for f in plotly_figures(nb)
        ]
    return out


def test_scale_report_views_take_their_aggregate_forms(scale_report):
    titles = _titles(scale_report)
    assert any("أطوال المقالات" in t for t in titles["00-corpus"])  # a histogram, not bars
    assert any("المقالات حسب تاريخ النشر (كل شهر)" in t for t in titles["00-corpus"])
    assert any("الإشارات إلى كل شركة في كل شهر" in t for t in titles["01-mentions"])
    assert any("المقالات الأكثر إشارات" in t for t in titles["01-mentions"])
    assert any("صافي النبرة في كل شهر" in t for t in titles["02-stance"])
    assert any("صافي النبرة حسب المنفذ" in t for t in titles["02-stance"])
    undated = ARTICLES // 25 + (ARTICLES % 25 > 0)
    assert any(f"بلا تاريخ خارج الرسم: {undated}" in t for t in titles["01-mentions"])


def test_scale_report_payloads_are_bounded(scale_report):
    for nb in sorted((scale_report / "notebooks").glob("*.ipynb")):
        for fig in plotly_figures(nb):
            for trace in fig["data"]:
                y = trace.get("y") or []
                points = len(trace.get("x") or []) * (len(y) if trace["type"] == "heatmap" else 1)
                assert points <= 40 * 40 and len(y) <= max(PER_ARTICLE_MAX, TOP_ARTICLES) + 20
        for cell in nbformat.read(nb, as_version=4).cells:
            for out in cell.get("outputs", []):
                page = out.get("data", {}).get("text/html", "")
                rows = page.count('<tr class="row"')
                assert rows <= max(TABLE_ROWS, EXPLORER_ROWS), nb.name
    html = (scale_report / "report.html").read_text("utf-8")
    assert "tables/stance.csv" in html and "tables/mentions.csv" in html


@needs_chromium
def test_scale_report_page_within_budget_every_chart_drawn(scale_report):
    report = scale_report / "report.html"
    assert report.stat().st_size <= REPORT_MAX_BYTES
    with chromium() as browser:
        opened = open_offline(browser, report)
        charts = chart_report(opened.page)
        assert charts["charts"] >= 10 and charts["drawn"] == charts["charts"]
        height = opened.page.evaluate("document.documentElement.scrollHeight")
        assert height <= PAGE_MAX_PX
        assert opened.blocked == [] and opened.errors == []
        opened.page.context.close()

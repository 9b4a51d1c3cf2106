"""End to end: papermill runs the notebooks on the seeds; the HTML works offline."""

import re

import pytest

from arnews.report import NotebookFailed, render_report

EXTERNAL_SRC = re.compile(r"""<(?:script|link|img)[^>]+(?:src|href)=["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("report") / "seeds"
    return render_report(seeds_dir, out, notebooks_dir=seeds_dir.parent / "notebooks")


def test_render_report_layout(report_dir):
    assert (report_dir / "index.html").exists()
    assert (report_dir / "notebooks" / "00-corpus.ipynb").exists()
    assert (report_dir / "html" / "00-corpus.html").exists()
    assert {p.name for p in (report_dir / "tables").glob("*.csv")} >= {
        "articles.csv",
        "skipped.csv",
        "sentences.csv",
    }


def test_render_report_html_is_offline_with_plotly_inlined_once(report_dir):
    for page in (report_dir / "html").glob("*.html"):
        html = page.read_text("utf-8")
        assert not EXTERNAL_SRC.search(html), page.name
        assert "require.min.js" not in html and "MathJax.js" not in html
        assert html.count("Plotly.newPlot") >= 1
        assert len(re.findall(r"plotly\.js v\d", html)) == 1  # the library, inlined once
        assert "@font-face" in html and "Noto Sans Arabic" in html


def test_render_report_failure_keeps_previous_outputs(tmp_path, seeds_dir, report_dir):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(report_dir, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(NotebookFailed, match=r"00-corpus\.ipynb: cell"):
        render_report(
            seeds_dir,
            out,
            notebooks_dir=seeds_dir.parent / "notebooks",
            parameters={"top_n": -1},
        )
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert (tmp_path / "out.failed" / "00-corpus.ipynb").exists()

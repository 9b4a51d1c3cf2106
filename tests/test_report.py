"""End to end: papermill runs the notebooks on the seeds; the outputs are whole and offline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from arnews.report import (
    NotebookFailed,
    ParameterError,
    assign_parameters,
    find_notebooks,
    read_parameters,
    render_report,
)

EXTERNAL_SRC = re.compile(r"""<(?:script|link|img)[^>]+(?:src|href)=["']?(?:https?:)?//""", re.I)
PLOTLYJS = re.compile(r"plotly\.js (?:\(cartesian - minified\) )?v\d")


def _tree(root):
    return sorted((p.relative_to(root), p.stat().st_size) for p in root.rglob("*") if p.is_file())


def test_render_report_layout(seeds_report, seeds_dir):
    names = [p.stem for p in find_notebooks(seeds_dir.parent / "notebooks")]
    assert "00-corpus" in names
    assert (seeds_report / "index.html").exists() and (seeds_report / "report.html").exists()
    for name in names:
        assert (seeds_report / "notebooks" / f"{name}.ipynb").exists()
        assert (seeds_report / "html" / f"{name}.html").exists()
    assert {p.name for p in (seeds_report / "tables").glob("*.csv")} >= {
        "articles.csv",
        "skipped.csv",
        "sentences.csv",
    }
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("PNGs need a Chromium for kaleido (/usr/bin/chromium, installed by .ci/run)")
    pngs = sorted((seeds_report / "figures").glob("*.png"))
    assert {"00-corpus-1.png", "00-corpus-2.png"} <= {p.name for p in pngs}
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_render_report_index_links_everything(seeds_report):
    index = (seeds_report / "index.html").read_text("utf-8")
    for path in seeds_report.rglob("*"):
        if path.is_file() and path.name != "index.html":
            assert f'href="{path.relative_to(seeds_report).as_posix()}"' in index, path


def test_render_report_html_is_offline_with_plotly_inlined_once(seeds_report):
    for page in [seeds_report / "report.html", *(seeds_report / "html").glob("*.html")]:
        html = page.read_text("utf-8")
        assert not EXTERNAL_SRC.search(html), page.name
        assert "require.min.js" not in html and "MathJax.js" not in html
        assert html.count("Plotly.newPlot") >= 1
        assert len(PLOTLYJS.findall(html)) == 1, page.name  # the library, inlined once
        assert html.count("@font-face") == 1 and "Noto Sans Arabic" in html


def test_render_report_report_html_is_reader_mode_with_contents(seeds_report):
    html = (seeds_report / "report.html").read_text("utf-8")
    assert "corpus_setup" not in html  # no code cells
    assert 'href="#nb-00-corpus"' in html and 'id="nb-00-corpus"' in html
    assert "corpus_setup" in (seeds_report / "html" / "00-corpus.html").read_text()


def test_render_report_failure_keeps_previous_outputs(tmp_path, seeds_dir, seeds_report):
    out = tmp_path / "out"
    shutil.copytree(seeds_report, out)
    before = _tree(out)
    with pytest.raises(NotebookFailed) as err:
        render_report(
            seeds_dir,
            out,
            notebooks_dir=seeds_dir.parent / "notebooks",
            parameters={"top_n": -1},
            figures=False,
        )
    message = str(err.value)
    assert "00-corpus.ipynb: cell" in message and "ParameterError" in message
    assert "top_n must be a positive integer" in message and "out.failed" in message
    assert _tree(out) == before
    assert (tmp_path / "out.failed" / "00-corpus.ipynb").exists()
    assert {p.name for p in tmp_path.iterdir()} == {"out", "out.failed"}  # no staging left


def test_render_report_interrupted_keeps_previous_outputs(tmp_path, seeds_dir, seeds_report):
    """Ctrl-C in the middle of a run (SIGINT to ``arnews report``) leaves the old outputs."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    shutil.copytree(seeds_report, out)
    before = _tree(out)
    cmd = [sys.executable, "-m", "arnews.cli", "report", "--corpus", str(seeds_dir), "-q"]
    cmd += ["--out", str(out), "--notebooks", str(seeds_dir.parent / "notebooks")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.*/notebooks/*.ipynb")):  # papermill is writing
        assert proc.poll() is None and time.monotonic() < deadline, "run ended too soon"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert _tree(out) == before
    assert {p.name for p in tmp_path.iterdir()} <= {"out", "out.failed"}  # no staging left


def test_read_parameters_file_then_overrides(tmp_path):
    params = tmp_path / "run.yaml"
    params.write_text("top_n: 5\nlabel_language: ar\n", "utf-8")
    got = read_parameters(
        params, [("top_n", "10"), ("label_language", "both"), ("flag", "true"), ("s", "'10'")]
    )
    assert got == {"top_n": 10, "label_language": "both", "flag": True, "s": "10"}


def test_read_parameters_not_a_mapping_is_an_error(tmp_path):
    params = tmp_path / "run.yaml"
    params.write_text("- 1\n- 2\n", "utf-8")
    with pytest.raises(ParameterError, match="expected a mapping"):
        read_parameters(params)


def test_assign_parameters_unknown_name_lists_declared(seeds_dir):
    notebooks = find_notebooks(seeds_dir.parent / "notebooks")
    with pytest.raises(
        ParameterError, match=r"unknown parameter\(s\) \['top_m'\].*00-corpus: top_n"
    ):
        assign_parameters(notebooks, {"top_m": 3})


def test_assign_parameters_reserved_names_are_refused(seeds_dir):
    notebooks = find_notebooks(seeds_dir.parent / "notebooks")
    with pytest.raises(ParameterError, match="corpus_dir"):
        assign_parameters(notebooks, {"corpus_dir": "x"})


def test_assign_parameters_each_notebook_gets_its_own(tmp_path, seeds_dir):
    import nbformat

    src = seeds_dir.parent / "notebooks" / "00-corpus.ipynb"
    shutil.copy(src, tmp_path / "00-corpus.ipynb")
    other = nbformat.v4.new_notebook()
    other.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    cell = nbformat.v4.new_code_cell("label_language: str = 'ar'  # ar, en or both")
    cell.metadata["tags"] = ["parameters"]
    other.cells.append(cell)
    nbformat.write(other, tmp_path / "01-other.ipynb")
    notebooks = find_notebooks(tmp_path)
    run = {"corpus_dir": "/c", "output_dir": "/o"}
    got = assign_parameters(notebooks, {"top_n": 3, "label_language": "en"}, run)
    assert {p.name: v for p, v in got.items()} == {
        "00-corpus.ipynb": {
            "top_n": 3,
            "label_language": "en",
            "corpus_dir": "/c",
            "output_dir": "/o",
        },
        "01-other.ipynb": {"label_language": "en"},
    }


def test_find_notebooks_only_unknown_names_available(seeds_dir):
    with pytest.raises(ValueError, match="available: 00-corpus"):
        find_notebooks(seeds_dir.parent / "notebooks", ["99-nope"])


def test_write_figures_without_chromium_is_a_clear_error(tmp_path, seeds_report, monkeypatch):
    from arnews.report import write_figures

    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on PATH ...
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))  # ... nor named
    monkeypatch.setattr("shutil.which", lambda *a, **k: None)
    executed = seeds_report / "notebooks" / "00-corpus.ipynb"
    with pytest.raises(RuntimeError, match="install Debian's chromium or set BROWSER_PATH"):
        write_figures([executed], tmp_path / "figures")

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
BESIDE = {".out.lock", ".out.cache"}  # the run's lock and its one extraction, kept beside


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
    assert {p.name for p in tmp_path.iterdir()} - BESIDE == {"out", "out.failed"}  # no staging


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
    # The run gets Ctrl-C's default handler, as in a terminal: an ignored SIGINT is inherited,
    # and earlier tests in this process (the JupyterLab session) can leave it ignored.
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    deadline = time.monotonic() + 600  # the one extraction, then kernels start: slow machines
    while not list(tmp_path.glob(".out.*/notebooks/*.ipynb")):  # papermill is writing
        if proc.poll() is not None:
            pytest.fail(f"run ended before a notebook was written: {proc.communicate()[1]}")
        assert time.monotonic() < deadline, "no notebook written in 10 minutes"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert _tree(out) == before
    assert {p.name for p in tmp_path.iterdir()} - BESIDE <= {"out", "out.failed"}  # no staging


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


def test_render_report_into_a_busy_folder_fails_at_once(tmp_path, seeds_dir):
    from arnews.locking import OutputBusy, output_lock

    out = tmp_path / "out"
    with output_lock(out, "arnews report (the first run)"), pytest.raises(OutputBusy) as err:
        render_report(seeds_dir, out, notebooks_dir=seeds_dir.parent / "notebooks")
    assert "the first run" in str(err.value) and str(out) in str(err.value)
    assert {p.name for p in tmp_path.iterdir()} == {".out.lock"}  # nothing started


def test_render_report_reads_no_test_files_unless_asked(tmp_path, seeds_dir):
    """02-stance's accuracy section reads gold sets only when given; the run gives none."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(seeds_dir.parent / "notebooks", notebooks)
    gold = tmp_path / "tests" / "gold"
    gold.mkdir(parents=True)
    for seed in seeds_dir.glob("*.txt"):
        (gold / f"{seed.stem}.json").write_text("not JSON: reading it fails the notebook")
    out = render_report(
        seeds_dir, tmp_path / "out", notebooks_dir=notebooks, only=["02-stance"], figures=False
    )
    shown = _shown(out / "notebooks" / "02-stance.ipynb")
    assert "No gold sets given" in shown and "macro" not in shown


def test_seeds_report_shows_accuracy_when_its_run_file_asks(seeds_report):
    """seeds.yaml names the seeds and the held-out set: their figures side by side."""
    shown = _shown(seeds_report / "notebooks" / "02-stance.ipynb")
    assert "No gold sets given" not in shown and "not found" not in shown
    tables = re.findall(r"<table.*?</table>", shown, re.S)
    accuracy = [t for t in tables if "stance macro-F1" in t]
    assert len(accuracy) == 1 and ">seeds<" in accuracy[0] and ">heldout<" in accuracy[0]


def _shown(executed: Path) -> str:
    """Return what the cells of an executed notebook displayed (text, markdown, HTML)."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts += [data.get(k, "") for k in ("text/plain", "text/markdown", "text/html")]
    return "".join(p if isinstance(p, str) else "".join(p) for p in parts)


def test_render_report_notebooks_read_the_one_extraction(tmp_path, seeds_dir):
    """The kernels read the run's extraction; a second run reuses it (same corpus, package)."""
    import pandas as pd

    from arnews.cache import ExtractCache

    run = {"notebooks_dir": seeds_dir.parent / "notebooks", "only": ["00-corpus"]}
    render_report(seeds_dir, tmp_path / "out", figures=False, **run)
    cache = ExtractCache(tmp_path / ".out.cache")
    (part,) = (cache.folder / "articles").glob("*.pkl")
    articles = pd.read_pickle(part)
    articles["title"] = "from-the-cache"  # what a fresh extraction would never give
    articles.to_pickle(part)
    out = render_report(seeds_dir, tmp_path / "out", figures=False, **run)
    assert "from-the-cache" in (out / "tables" / "articles.csv").read_text("utf-8")


def test_report_keeps_kernel_chatter_out_of_the_terminal(tmp_path, seeds_dir):
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "arnews.cli", "report", "--corpus", str(seeds_dir), "-q"]
    cmd += ["--out", str(tmp_path / "out"), "--notebooks", str(seeds_dir.parent / "notebooks")]
    cmd += ["--only", "00-corpus", "--no-figures"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "without encryption" not in done.stderr and "Kernel" not in done.stderr
    assert done.stderr == ""


def test_partial_plotlyjs_serves_every_chart_of_the_report(seeds_report):
    """The inlined cartesian bundle is plotly.py's plotly.js version and has every trace type
    the notebooks draw (the browser tests then see each chart drawn)."""
    from plotly.offline import get_plotlyjs

    from arnews.report import plotly_figures, plotlyjs

    version = re.compile(r"plotly\.js (?:\(cartesian - minified\) )?(v[\d.]+)")
    partial = plotlyjs()
    assert "(cartesian - minified)" in partial
    assert version.search(partial).group(1) == version.search(get_plotlyjs()).group(1)
    bundled = set(re.findall(r'moduleType:"trace",name:"(\w+)"', partial))
    drawn = {
        trace.get("type", "scatter")
        for nb in sorted((seeds_report / "notebooks").glob("*.ipynb"))
        for fig in plotly_figures(nb)
        for trace in fig["data"]
    }
    assert drawn and drawn <= bundled, drawn - bundled


def test_seeds_report_lists_names_not_in_the_gazetteer_with_the_line_to_add(seeds_report):
    import pandas as pd

    candidates = pd.read_csv(seeds_report / "tables" / "candidates.csv", keep_default_na=False)
    assert len(candidates) and {"surface", "evidence", "count"} <= set(candidates.columns)
    shown = _shown(seeds_report / "notebooks" / "01-mentions.ipynb")
    assert any(surface in shown for surface in candidates["surface"].head(8))
    assert "extra_gazetteer" in shown and "kind: company, aliases: [" in shown

"""Batch rendering: run the notebooks with papermill, export self-contained offline HTML.

A run renders into a temporary folder beside the output folder and replaces it only when every
notebook succeeded, so a failed or interrupted run leaves the previous outputs intact.

Layout of a run (``OUT``): ``notebooks/*.ipynb`` (executed), ``html/*.html`` (one offline page
per notebook, with code), ``tables/*.csv`` (written by the notebooks through their
``output_dir`` parameter), ``figures/*.png`` (every plotly chart, via kaleido on the system
Chromium), ``report.html`` (all notebooks in one self-contained file, reader mode) and
``index.html`` linking everything.
"""

from __future__ import annotations

import base64
import copy
import html
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from arnews.cache import CACHE_ENV
from arnews.errors import NotebookFailed, ParameterError
from arnews.locking import output_lock
from arnews.runs import (
    RUN_DEFAULTS,
    check_output,
    check_paths,
    check_types,
    collect,
    environment,
    failed_dir,
    keep_failed,
    kernel_manager,
    replace_dir,
    resolve_paths,
    share,
    shared_extraction,
)

__all__ = [
    "NotebookFailed",
    "ParameterError",
    "assign_parameters",
    "export_html",
    "find_notebooks",
    "merge_notebooks",
    "read_parameters",
    "render_report",
    "write_figures",
]

TEMPLATE_NAME = "arnews"
PLOTLY_JSON = "application/vnd.plotly.v1+json"
#: Parameters the run sets itself from ``--corpus`` and ``--out``.
RESERVED = ("corpus_dir", "output_dir")
_PLOTLYJS_BANNER = re.compile(r"plotly\.js v\d")


@dataclass(frozen=True)
class Layout:
    """Where a run puts each kind of output, relative to its root."""

    root: Path

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def html(self) -> Path:
        return self.root / "html"

    @property
    def tables(self) -> Path:
        return self.root / "tables"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def report(self) -> Path:
        return self.root / "report.html"


def find_notebooks(notebooks_dir: str | Path, only: list[str] | None = None) -> list[Path]:
    """Return the ``NN-topic.ipynb`` notebooks of `notebooks_dir`, filtered by `only` names."""
    found = sorted(Path(notebooks_dir).resolve().glob("[0-9][0-9]-*.ipynb"))
    if not only:
        return found
    by_name = {p.stem: p for p in found} | {p.name: p for p in found}
    missing = [n for n in only if n not in by_name]
    if missing:
        names = ", ".join(p.stem for p in found)
        raise ValueError(f"unknown notebook(s) {missing}; available: {names}")
    return [by_name[n] for n in only]


# -- parameters ---------------------------------------------------------------------------------


def read_parameters(
    params_file: str | Path | None = None, overrides: Iterable[tuple[str, str]] = ()
) -> dict:
    """Return the parameters of a run: a YAML mapping file, then ``-p name value`` overrides.

    Override values are parsed with ``yaml.safe_load`` (``-p top_n 10`` gives an int,
    ``-p label_language both`` a string, ``-p flag true`` a bool, ``-p x "'10'"`` the string).
    Paths (:data:`arnews.runs.PATH_PARAMETERS`) are made absolute: from the file's folder, or
    from the current folder for ``-p``.
    """
    params: dict = {}
    if params_file is not None:
        try:
            loaded = yaml.safe_load(Path(params_file).read_text("utf-8"))
        except yaml.YAMLError as err:
            raise ParameterError(f"{params_file}: not valid YAML: {err}") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ParameterError(f"{params_file}: expected a mapping of name: value")
        params.update(resolve_paths(loaded, Path(params_file).resolve().parent))
    given = {}
    for name, value in overrides:
        try:
            given[name] = yaml.safe_load(value) if value.strip() else value
        except yaml.YAMLError:
            given[name] = value  # not YAML: keep the text as given
    return params | resolve_paths(given, Path.cwd())


def declared_parameters(notebook: Path) -> dict[str, dict]:
    """Return the parameters the ``parameters`` cell of `notebook` declares, by name."""
    import papermill as pm

    return pm.inspect_notebook(str(notebook))


def assign_parameters(
    notebooks: list[Path],
    params: Mapping,
    run: Mapping | None = None,
    others: Iterable[Path] = (),
) -> dict[Path, dict]:
    """Give each notebook the parameters it declares; refuse names that no notebook declares.

    A parameter must be declared by at least one of the notebooks being run, or by one of
    `others` (the folder's notebooks left out by ``--only``, so that one run file serves all);
    each notebook receives only the ones it declares (papermill would inject the rest and only
    warn), of the type it declares (:func:`arnews.runs.check_types`).
    ``corpus_dir`` and ``output_dir`` are set by the run and may not be given here; their
    values, from `run`, go to the notebooks that declare them.
    """
    declared = {nb: declared_parameters(nb) for nb in notebooks}
    everyone = declared | {nb: declared_parameters(nb) for nb in others}
    reserved = sorted(set(params) & set(RESERVED))
    if reserved:
        raise ParameterError(f"{reserved} are set by --corpus/--out, not as parameters")
    known = set().union(*everyone.values()) if everyone else set()
    unknown = sorted(set(params) - known)
    if unknown:
        listing = "; ".join(
            f"{nb.stem}: {', '.join(p for p in names if p not in RESERVED) or '(none)'}"
            for nb, names in everyone.items()
        )
        raise ParameterError(f"unknown parameter(s) {unknown}; declared: {listing}")
    given = {**(run or {}), **params}
    chosen = {nb: {k: v for k, v in given.items() if k in names} for nb, names in declared.items()}
    return check_types(declared, chosen)


# -- HTML export ----------------------------------------------------------------------------------


def _font_b64() -> str:
    font = resources.files("arnews.data").joinpath("fonts/NotoSansArabic-Regular.ttf")
    return base64.b64encode(font.read_bytes()).decode("ascii")


def _export_node(nb, target: Path, *, no_input: bool) -> Path:
    from nbconvert import HTMLExporter

    template_dir = resources.files("arnews").joinpath("templates")
    exporter = HTMLExporter(
        extra_template_basedirs=[str(template_dir)],
        template_name=TEMPLATE_NAME,
        exclude_input=no_input,
        exclude_input_prompt=no_input,
        exclude_output_prompt=no_input,
    )
    body, _ = exporter.from_notebook_node(
        nb, resources={"arnews_font_b64": _font_b64(), "language_code": "ar"}
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def export_html(executed: Path, target: Path, *, no_input: bool = False) -> Path:
    """Export an executed notebook to one offline HTML file with the arnews template."""
    import nbformat

    return _export_node(nbformat.read(executed, as_version=4), target, no_input=no_input)


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def merge_notebooks(executed: list[Path]):
    """Return one notebook holding all `executed` notebooks, with a table of contents.

    Each notebook starts at an anchor ``nb-<stem>``; the plotly.js library, which every
    notebook carries once, is kept only in the first output that holds it.
    """
    import nbformat

    nbs = [nbformat.read(p, as_version=4) for p in executed]
    titles = [_title(nb, p.stem) for nb, p in zip(nbs, executed, strict=True)]
    toc = "\n".join(
        f'<li><a href="#nb-{html.escape(p.stem)}">{html.escape(t)}</a></li>'
        for p, t in zip(executed, titles, strict=True)
    )
    merged = nbformat.v4.new_notebook(metadata=copy.deepcopy(nbs[0].metadata) if nbs else {})
    heading = f'<h1>تقرير arnews</h1>\n<nav><ol dir="rtl">{toc}</ol></nav>'
    merged.cells.append(nbformat.v4.new_markdown_cell(heading))
    seen_plotlyjs = False
    for nb, path in zip(nbs, executed, strict=True):
        merged.cells.append(
            nbformat.v4.new_markdown_cell(f'<hr><div id="nb-{html.escape(path.stem)}"></div>')
        )
        prefix = re.sub(r"[^A-Za-z0-9_-]", "_", path.stem)
        for n, cell in enumerate(nb.cells):
            cell = copy.deepcopy(cell)
            cell.id = f"{prefix}-{n}"[-64:]  # notebooks reuse ids like cell-00; keep them unique
            if cell.cell_type == "code":
                kept = []
                for out in cell.get("outputs", []):
                    text = out.get("data", {}).get("text/html", "")
                    text = "".join(text) if isinstance(text, list) else text
                    if PLOTLY_JSON not in out.get("data", {}) and _PLOTLYJS_BANNER.search(text):
                        if seen_plotlyjs:
                            continue
                        seen_plotlyjs = True
                    kept.append(out)
                cell.outputs = kept
            merged.cells.append(cell)
    return merged


def write_report(executed: list[Path], target: Path, *, no_input: bool = True) -> Path:
    """Write `executed` notebooks as one self-contained HTML file (reader mode by default)."""
    return _export_node(merge_notebooks(executed), target, no_input=no_input)


# -- figures --------------------------------------------------------------------------------------


def plotly_figures(executed: Path) -> list[dict]:
    """Return the plotly figures (as dicts) displayed in an executed notebook, in order."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    return [
        out["data"][PLOTLY_JSON]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if PLOTLY_JSON in out.get("data", {})
    ]


def write_figures(executed: list[Path], figures_dir: Path) -> list[Path]:
    """Write every plotly figure of `executed` as ``<notebook>-<n>.png`` with kaleido.

    Kaleido drives the system Chromium (``/usr/bin/chromium``, or ``BROWSER_PATH``); nothing
    is downloaded. Raises ``RuntimeError`` naming the problem when no Chromium is found.
    """
    import plotly.io as pio

    figs, paths = [], []
    for nb in executed:
        for n, fig in enumerate(plotly_figures(nb), start=1):
            figs.append(fig)
            paths.append(figures_dir / f"{nb.stem}-{n}.png")
    if not figs:
        return []
    figures_dir.mkdir(parents=True, exist_ok=True)
    try:
        pio.write_images(figs, paths, format="png", scale=2, validate=False)
    except Exception as err:  # kaleido/choreographer raise their own types
        first = next((ln for ln in str(err).splitlines() if ln.strip()), type(err).__name__)
        raise RuntimeError(
            f"could not draw PNG figures with kaleido ({first.strip()}); install Debian's"
            " chromium or set BROWSER_PATH (arnews never downloads a browser)"
        ) from err
    return paths


# -- the run --------------------------------------------------------------------------------------


def _run_one(
    notebook: Path, layout: Layout, parameters: dict, kept_in: Path, position: int | None
) -> Path:
    import papermill as pm

    executed = layout.notebooks / notebook.name
    bar = (
        False
        if position is None
        else {"desc": notebook.stem, "position": position, "leave": True, "file": sys.stderr}
    )
    try:
        pm.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            cwd=str(notebook.parent),
            progress_bar=bar,
            kernel_name="python3",
            # The kernel's own output (transport warnings, "KeyboardInterrupt caught in
            # kernel") goes to a log, not to the terminal.
            kernel_manager_class=kernel_manager(layout.root / "logs" / f"{notebook.stem}.log"),
            # Not after every cell: the first cell's output holds plotly.js (~5 MB); papermill
            # still writes the notebook at the end, a failing one included.
            request_save_on_cell_execute=False,
        )
    except pm.PapermillExecutionError as err:
        first_line = next((ln for ln in err.source.splitlines() if ln.strip()), "")
        raise NotebookFailed(
            f"{notebook.name}: cell {err.cell_index} (In [{err.exec_count}]: {first_line!r})"
            f" failed: {err.ename}: {err.evalue}"
            f" (executed notebook kept in {kept_in / notebook.name})"
        ) from None
    export_html(executed, layout.html / f"{notebook.stem}.html")
    return executed


def _links(paths: Iterable[Path], root: Path) -> str:
    items = ((html.escape(p.relative_to(root).as_posix()), html.escape(p.name)) for p in paths)
    return "\n".join(f'<li><a href="{href}">{name}</a></li>' for href, name in items)


def _write_index(layout: Layout, notebooks: list[Path]) -> None:
    root = layout.root
    sections = [
        ("التقرير الكامل", [layout.report]),
        ("التقارير", [layout.html / f"{p.stem}.html" for p in notebooks]),
        ("الدفاتر المنفّذة", [layout.notebooks / p.name for p in notebooks]),
        ("الجداول", sorted(layout.tables.glob("*.csv"))),
        ("الرسوم", sorted(layout.figures.glob("*.png"))),
    ]
    body = "".join(
        f"<h2>{title}</h2><ul>{_links(paths, root)}</ul>" for title, paths in sections if paths
    )
    root.joinpath("index.html").write_text(
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>arnews</title></head><body><h1>arnews</h1>{body}</body></html>",
        encoding="utf-8",
    )


def render_report(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    notebooks_dir: str | Path = "notebooks",
    only: list[str] | None = None,
    parameters: Mapping | None = None,
    jobs: int | None = None,
    figures: bool = True,
    report_input: bool = False,
    progress: bool = False,
) -> Path:
    """Run the notebooks on `corpus_dir` and write the report layout to `out_dir`.

    Parameters
    ----------
    parameters
        Name -> value; each must be declared by at least one notebook run, and each notebook
        gets only those it declares (see :func:`assign_parameters`).
    jobs
        Notebooks run at once (default: the number of cores).
    figures
        Write ``figures/*.png``; when no Chromium is found a warning is printed and the PNGs
        are skipped, since the HTML report does not need them.
    report_input
        Include code cells in ``report.html`` (reader mode without them by default).
    progress
        Show one tqdm bar per notebook (cells done) on stderr.

    Raises :class:`NotebookFailed` naming every failing notebook and cell; `out_dir` is then
    untouched and the failing executed notebooks are kept in ``<out_dir>.failed``.
    """
    notebooks = find_notebooks(notebooks_dir, only)
    if not notebooks:
        raise ValueError(f"no notebooks found in {notebooks_dir}")
    out, corpus = Path(out_dir).resolve(), Path(corpus_dir).resolve()
    if not corpus.exists():
        raise FileNotFoundError(f"corpus not found: {corpus_dir}")
    check_output(out)
    check_paths(parameters or {})
    with output_lock(out, "arnews report"):
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        layout = Layout(staging)
        run_params = {**RUN_DEFAULTS, "corpus_dir": str(corpus), "output_dir": str(layout.tables)}
        try:
            others = [nb for nb in find_notebooks(notebooks_dir) if nb not in notebooks]
            per_notebook = assign_parameters(notebooks, parameters or {}, run_params, others)
            cache = out.parent / f".{out.name}.cache"
            shared_extraction(corpus, cache, parameters or {}, progress=progress)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        with environment(**{CACHE_ENV: str(cache)}):
            _run_notebooks(notebooks, layout, per_notebook, out, jobs, progress)
        _finish(layout, notebooks, out, figures=figures, report_input=report_input)
    return out


def _run_notebooks(
    notebooks: list[Path], layout: Layout, params: dict, out: Path, jobs, progress: bool
) -> None:
    """Run every notebook into `layout`; raise NotebookFailed naming the failing ones."""
    # Processes, not threads: papermill runs each notebook inside os.chdir(), which is
    # process-wide, so threads would start each other's kernels in the wrong folder. A
    # multiprocessing Pool, because it can stop its workers (terminate) on Ctrl-C or failure.
    pool = multiprocessing.Pool(processes=jobs or os.cpu_count() or 1)
    try:
        layout.notebooks.mkdir(parents=True)
        pending = [
            pool.apply_async(
                _run_one,
                (nb, layout, params[nb], failed_dir(out), i if progress else None),
            )
            for i, nb in enumerate(notebooks)
        ]
        failed = collect(pending)[1]
        if failed:
            if all(isinstance(e, NotebookFailed) for e in failed):
                raise NotebookFailed("\n".join(str(e) for e in failed))
            raise failed[0]
    except BaseException:
        pool.terminate()  # no worker may write into the staging folder once it is cleaned
        pool.join()
        keep_failed(layout.root, out)
        raise
    pool.close()
    pool.join()


def _finish(
    layout: Layout, notebooks: list[Path], out: Path, *, figures: bool, report_input: bool
) -> None:
    """Write report, figures and index, then put the run in place of `out`."""
    staging = layout.root
    executed = [layout.notebooks / nb.name for nb in notebooks]
    try:
        write_report(executed, layout.report, no_input=not report_input)
        if figures:
            try:
                write_figures(executed, layout.figures)
            except RuntimeError as err:
                print(f"arnews report: warning: {err}; figures/ skipped", file=sys.stderr)
        _write_index(layout, notebooks)
        shutil.rmtree(staging / "logs", ignore_errors=True)  # all went well: nothing to read
        share(staging)
        replace_dir(staging, out)
    except BaseException:
        keep_failed(staging, out)
        raise

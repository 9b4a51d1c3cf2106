"""Batch rendering: run the notebooks with papermill, export self-contained offline HTML.

A run renders into a temporary folder beside the output folder and replaces it only when every
notebook succeeded, so a failed or interrupted run leaves the previous outputs intact.
"""

from __future__ import annotations

import base64
import html
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["NotebookFailed", "export_html", "find_notebooks", "render_report"]

TEMPLATE_NAME = "arnews"


class NotebookFailed(RuntimeError):
    """A notebook failed under papermill; the message names the notebook, cell and error."""


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


def find_notebooks(notebooks_dir: str | Path, only: list[str] | None = None) -> list[Path]:
    """Return the ``NN-topic.ipynb`` notebooks of `notebooks_dir`, filtered by `only` names."""
    found = sorted(Path(notebooks_dir).glob("[0-9][0-9]-*.ipynb"))
    if not only:
        return found
    by_name = {p.stem: p for p in found} | {p.name: p for p in found}
    missing = [n for n in only if n not in by_name]
    if missing:
        names = ", ".join(p.stem for p in found)
        raise ValueError(f"unknown notebook(s) {missing}; available: {names}")
    return [by_name[n] for n in only]


def _font_b64() -> str:
    font = resources.files("arnews.data").joinpath("fonts/NotoSansArabic-Regular.ttf")
    return base64.b64encode(font.read_bytes()).decode("ascii")


def export_html(executed: Path, target: Path, *, no_input: bool = False) -> Path:
    """Export an executed notebook to one offline HTML file with the arnews template."""
    import nbformat
    from nbconvert import HTMLExporter

    template_dir = resources.files("arnews").joinpath("templates")
    exporter = HTMLExporter(
        extra_template_basedirs=[str(template_dir)],
        template_name=TEMPLATE_NAME,
        exclude_input=no_input,
        exclude_input_prompt=no_input,
        exclude_output_prompt=no_input,
    )
    nb = nbformat.read(executed, as_version=4)
    body, _ = exporter.from_notebook_node(
        nb, resources={"arnews_font_b64": _font_b64(), "language_code": "ar"}
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def _run_one(notebook: Path, layout: Layout, parameters: dict, kept_in: Path) -> Path:
    import papermill as pm

    executed = layout.notebooks / notebook.name
    try:
        pm.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            cwd=str(notebook.parent),
            progress_bar=False,
            kernel_name="python3",
        )
    except pm.PapermillExecutionError as err:
        raise NotebookFailed(
            f"{notebook.name}: cell {err.exec_count} failed: {err.ename}: {err.evalue}"
            f" (executed notebook kept in {kept_in / notebook.name})"
        ) from None
    export_html(executed, layout.html / f"{notebook.stem}.html")
    return executed


def _write_index(layout: Layout, notebooks: list[Path]) -> None:
    items = "\n".join(
        f'<li><a href="html/{html.escape(p.stem)}.html">{html.escape(p.stem)}</a></li>'
        for p in notebooks
    )
    tables = "\n".join(
        f'<li><a href="tables/{html.escape(t.name)}">{html.escape(t.name)}</a></li>'
        for t in sorted(layout.tables.glob("*.csv"))
    )
    layout.root.joinpath("index.html").write_text(
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>arnews</title></head><body><h1>arnews</h1>"
        f"<h2>التقارير</h2><ul>{items}</ul><h2>الجداول</h2><ul>{tables}</ul></body></html>",
        encoding="utf-8",
    )


def render_report(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    notebooks_dir: str | Path = "notebooks",
    only: list[str] | None = None,
    parameters: dict | None = None,
    jobs: int | None = None,
) -> Path:
    """Run the notebooks on `corpus_dir` and write the report layout to `out_dir`.

    Layout: ``notebooks/*.ipynb`` (executed), ``html/*.html``, ``tables/*.csv``, ``index.html``.
    Raises :class:`NotebookFailed` on the first failing notebook; `out_dir` is then untouched.
    """
    notebooks = find_notebooks(notebooks_dir, only)
    if not notebooks:
        raise ValueError(f"no notebooks found in {notebooks_dir}")
    out = Path(out_dir).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the report is meant to be shared
    layout = Layout(staging)
    params = {
        "corpus_dir": str(Path(corpus_dir).resolve()),
        "output_dir": str(layout.tables),
        **(parameters or {}),
    }
    try:
        layout.notebooks.mkdir(parents=True)
        with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
            futures = [
                pool.submit(_run_one, nb, layout, params, _failed_dir(out)) for nb in notebooks
            ]
            for fut in futures:
                fut.result()
        _write_index(layout, notebooks)
        _replace_dir(staging, out)
    except BaseException:
        _keep_failed(staging, out)
        raise
    return out


def _replace_dir(staging: Path, out: Path) -> None:
    """Move `staging` to `out`, keeping the old `out` until the new one is in place."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _failed_dir(out: Path) -> Path:
    return out.with_name(f"{out.name}.failed")


def _keep_failed(staging: Path, out: Path) -> None:
    """Keep a failed run's executed notebooks in ``<out>.failed`` and drop the rest."""
    failed = _failed_dir(out)
    shutil.rmtree(failed, ignore_errors=True)
    if (staging / "notebooks").exists():
        os.replace(staging / "notebooks", failed)
    shutil.rmtree(staging, ignore_errors=True)

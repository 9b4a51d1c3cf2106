"""Time ``make report`` on the seeds against the machinery floor measured in the same run:
papermill + nbconvert of as many trivial notebooks, through the same ``render_report``."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from arnews.report import find_notebooks, read_parameters, render_report

ROOT = Path(__file__).resolve().parent.parent


def _trivial_notebooks(folder: Path, count: int) -> Path:
    """Write `count` notebooks that declare the report's parameters and do nothing else."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        params = new_code_cell('corpus_dir: str = ""  # x\noutput_dir: str = ""  # x')
        params.metadata["tags"] = ["parameters"]
        nb = new_notebook(cells=[params, new_code_cell("1 + 1")])
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.write(nb, folder / f"{i:02d}-trivial.ipynb")
    return folder


def _median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_report(repeat: int = 3) -> tuple[float, float, int]:
    """Return ``(report seconds, floor seconds, notebooks)``, medians of `repeat` runs."""
    notebooks = find_notebooks(ROOT / "notebooks")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        trivial = _trivial_notebooks((tmp / "trivial").resolve(), len(notebooks))
        seeds = ROOT / "seeds"
        params = ROOT / "notebooks" / "params" / "seeds.yaml"

        def real() -> None:
            render_report(seeds, tmp / "real", notebooks_dir=ROOT / "notebooks",
                          parameters=read_parameters(params))  # fmt: skip

        def floor() -> None:
            render_report(seeds, tmp / "floor", notebooks_dir=trivial, figures=False)

        return _median_seconds(real, repeat), _median_seconds(floor, repeat), len(notebooks)

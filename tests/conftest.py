"""Shared fixtures: the seed corpus and its gold annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    """Gold annotations by article id (the seed file stem)."""
    from arnews.evaluation import load_gold

    return load_gold(GOLD)


@pytest.fixture(scope="session")
def seed_corpus():
    from arnews.corpus import load_corpus

    return load_corpus(SEEDS)


NOTEBOOKS = ROOT / "notebooks"
INJECTION = Path(__file__).resolve().parent / "data" / "injection"


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory) -> Path:
    """One report run on the seeds (all notebooks, seeds parameters), shared by the tests."""
    from arnews.report import read_parameters, render_report

    out = tmp_path_factory.mktemp("report") / "seeds"
    params = read_parameters(NOTEBOOKS / "params" / "seeds.yaml")
    return render_report(SEEDS, out, notebooks_dir=NOTEBOOKS, parameters=params)


@pytest.fixture(scope="session")
def injection_report(tmp_path_factory) -> Path:
    """A report run on the script-injection fixture corpus (no PNGs: not needed here)."""
    from arnews.report import render_report

    out = tmp_path_factory.mktemp("report") / "injection"
    return render_report(INJECTION, out, notebooks_dir=NOTEBOOKS, figures=False)

"""The project's own files: dependency lists in step, notebooks committed clean."""

import json
import re
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
LOCK_LINE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[^=\s]+$")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PARAM_LINE = re.compile(r"^\w+: [\w\[\], |]+ = .+  # .+$")


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower()


def test_environment_yml_matches_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    pip_deps = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert sorted(d for d in pip_deps if not d.startswith("-")) == sorted(project["dependencies"])
    assert "-e ." in pip_deps and "-c requirements.lock" in pip_deps
    assert "python=3.11" in env["dependencies"]


def _locked() -> dict[str, str]:
    """Return the lock's pins: canonical name -> version."""
    lines = [ln for ln in LOCK.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    pins = dict(ln.split("==") for ln in lines)
    assert all(LOCK_LINE.match(ln) for ln in lines) and len(pins) == len(lines), lines
    return {canonicalize_name(name): version for name, version in pins.items()}


def test_lock_pins_every_dependency_within_pyproject_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    wanted = [*project["dependencies"], *(r for extra in extras for r in extra)]
    pins = _locked()
    for requirement in map(Requirement, wanted):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])


def test_installed_versions_are_the_locked_ones():
    """``make install`` installs exactly the locked versions (a stale .venv fails here)."""
    pins = _locked()
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    assert {n: installed.get(n) for n in pins if installed.get(n) != pins[n]} == {}


def test_core_dependencies_stay_light():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = {_name(d) for d in project["dependencies"]}
    assert not names & {"torch", "transformers", "camel-tools", "tensorflow", "jax"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs(path):
    nb = json.loads(path.read_text("utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_typed_parameters_cell_and_no_definitions(path):
    nb = json.loads(path.read_text("utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    lines = [ln for ln in "".join(tagged[0]["source"]).splitlines() if ln.strip()]
    assert lines and all(PARAM_LINE.match(ln) for ln in lines), lines
    assert {"corpus_dir", "output_dir"} <= {ln.split(":")[0] for ln in lines}
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "code":
            assert not re.search(r"^\s*(def|class) ", src, re.M), "logic belongs in the package"


def test_notebook_zero_is_present():
    assert (ROOT / "notebooks" / "00-corpus.ipynb") in NOTEBOOKS


def test_package_data_ships_every_data_file():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["arnews"]
    package = ROOT / "src" / "arnews"
    data = [p for p in (package / "data").rglob("*") if p.is_file() and p.name != "__init__.py"]
    shipped = {p for pattern in globs for p in package.glob(pattern)}
    assert data and not [p.name for p in data if p not in shipped]

"""The run side of ``arnews report``: what is checked before any kernel starts, the one
extraction the notebooks share, and kernels that keep their chatter to a log.

A report run fails once, clearly: a missing corpus, a parameter of the wrong type, an output
folder that cannot be written or that another run is writing to, or data files that do not
load are all found here, before the first kernel starts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from arnews.errors import ParameterError

__all__ = [
    "PATH_PARAMETERS",
    "RUN_DEFAULTS",
    "check_output",
    "check_paths",
    "check_types",
    "collect",
    "environment",
    "failed_dir",
    "keep_failed",
    "kernel_manager",
    "replace_dir",
    "resolve_paths",
    "share",
    "shared_extraction",
]

#: Parameters naming a file or folder: made absolute before the notebooks (which run in their
#: own folder) see them: relative to a parameters file's folder, or to where -p was typed.
PATH_PARAMETERS = ("extra_gazetteer", "lexicon_extra", "gold_dir")
#: What the run passes unless asked otherwise: no gold folder, so a report of your own corpus
#: reads no test files (the seeds' run file asks for tests/gold).
RUN_DEFAULTS = {"gold_dir": ""}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "str": str,
    "list": list,
    "dict": dict,
    "bool": bool,
}


def resolve_paths(params: Mapping, base: Path) -> dict:
    """Return `params` with the non-empty :data:`PATH_PARAMETERS` made absolute from `base`."""
    resolved = dict(params)
    for name in PATH_PARAMETERS:
        value = resolved.get(name)
        if isinstance(value, str) and value:
            resolved[name] = str((base / Path(value).expanduser()).resolve())
    return resolved


def check_types(declared: Mapping[Path, dict], given: Mapping[Path, dict]) -> dict[Path, dict]:
    """Check each notebook's parameter values against the types its ``parameters`` cell
    declares (``top_n: int = 20``); a number given for a text parameter becomes text.

    Raises :class:`ParameterError` naming the parameter, the notebook and the value.
    """
    checked = {}
    for notebook, values in given.items():
        checked[notebook] = {}
        for name, value in values.items():
            type_name = declared[notebook][name].get("inferred_type_name", "")
            wanted = _TYPES.get(type_name)
            if (
                type_name == "str"
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                value = str(value)
            elif wanted is not None and (
                not isinstance(value, wanted) or (type_name != "bool" and isinstance(value, bool))
            ):
                raise ParameterError(
                    f"{name} must be of type {type_name} ({notebook.stem} declares"
                    f" '{name}: {type_name}'), got {value!r}"
                )
            checked[notebook][name] = value
    return checked


def check_paths(params: Mapping) -> None:
    """Raise :class:`ParameterError` for a path parameter naming nothing."""
    for name in PATH_PARAMETERS:
        value = params.get(name)
        if isinstance(value, str) and value and not Path(value).exists():
            raise ParameterError(f"{name}: no such file or folder: {value}")


def check_output(out: Path) -> None:
    """Raise :class:`ParameterError` when `out` cannot become the output folder."""
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out {out} is a file, not a folder")
    parent = next((p for p in [out.parent, *out.parent.parents] if p.exists()), None)
    if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise ParameterError(f"--out {out}: cannot create or write to {parent or out.parent}")


def shared_extraction(
    corpus_dir: Path, cache_dir: Path, params: Mapping, *, progress: bool
) -> Path:
    """Extract the corpus once into `cache_dir` (unless it holds this extraction already) for
    the notebooks to read; return `cache_dir`.

    The options come from the run's parameters (``extra_gazetteer``, ``lexicon_extra``,
    ``engine``, ``scheduler``); a notebook whose options differ computes its own tables.
    A data file that does not load fails the run here, before any kernel starts.
    """
    from arnews.cache import ExtractCache
    from arnews.pipeline import Options, iter_extract

    options = Options(
        extra_gazetteer=params.get("extra_gazetteer") or None,
        lexicon_extra=params.get("lexicon_extra") or None,
    )
    cache = ExtractCache(cache_dir)
    key = cache.key(corpus_dir, options)
    if cache.stored_key() != key:
        chunks = iter_extract(
            corpus_dir,
            engine=params.get("engine") or "local",
            scheduler=params.get("scheduler") or None,
            options=options,
            progress=progress,
        )
        cache.write(chunks, key)
    return cache_dir


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the ``with`` block (inherited by kernels)."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _QuietKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels write their own stdout and stderr (transport warnings,
    "KeyboardInterrupt caught in kernel") to a log file, not to the user's terminal."""

    log_path: Path

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:  # the kernel keeps its own copy of the file
            kw["stdout"] = kw["stderr"] = log
            return await super()._async_launch_kernel(kernel_cmd, **kw)


def kernel_manager(log_path: Path) -> type[AsyncKernelManager]:
    """Return a kernel manager class whose kernels log to `log_path`."""
    return type("QuietKernelManager", (_QuietKernelManager,), {"log_path": log_path})


# -- the output folder: a staging folder replaces it whole, or the failure is kept beside it --


def collect(pending: list) -> tuple[list[Path], list[BaseException]]:
    """Wait for every notebook; return the executed paths and the errors raised."""
    executed, failed = [], []
    for result in pending:
        try:
            executed.append(result.get())
        except Exception as err:  # a failing notebook: the others still finish
            failed.append(err)
    return executed, failed


def share(root: Path) -> None:
    """Make the run readable like any other output (temp folders and files start private)."""
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def replace_dir(staging: Path, out: Path) -> None:
    """Move `staging` to `out`, keeping the old `out` until the new one is in place."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def failed_dir(out: Path) -> Path:
    """Return where a failed run into `out` keeps its executed notebooks."""
    return out.with_name(f"{out.name}.failed")


def keep_failed(staging: Path, out: Path) -> None:
    """Keep a failed run's executed notebooks in ``<out>.failed`` and drop the rest."""
    failed = failed_dir(out)
    shutil.rmtree(failed, ignore_errors=True)
    if (staging / "notebooks").exists():
        os.replace(staging / "notebooks", failed)
        if (staging / "logs").exists():  # what the kernels printed, for a kernel that died
            os.replace(staging / "logs", failed / "kernel-logs")
    shutil.rmtree(staging, ignore_errors=True)

"""One writer per output folder: a run holds a lock on its folder until it has finished.

The lock is an advisory ``flock`` on a hidden file beside the folder (``.<name>.lock``), so it
is released when the run ends, however it ends (a killed run leaves no stale lock). A second run
into the same folder fails at once with :class:`OutputBusy`, naming the run that holds it. A run
into a folder inside another run's folder (``arnews extract --out OUT/tables`` while
``arnews report --out OUT`` runs) is refused too, since the report replaces ``OUT`` whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from arnews.errors import ArnewsError

__all__ = ["OutputBusy", "lock_path", "output_lock"]


class OutputBusy(ArnewsError, RuntimeError):
    """Another run is writing to the output folder; the message names it."""


def lock_path(folder: str | Path) -> Path:
    """Return the lock file of `folder`: ``.<name>.lock`` beside it."""
    folder = Path(folder).resolve()
    return folder.with_name(f".{folder.name}.lock")


@contextlib.contextmanager
def output_lock(folder: str | Path, command: str = "arnews") -> Iterator[None]:
    """Hold `folder`'s lock (and a shared lock on its parent's, if a run locked the parent
    before) for the ``with`` block; raise :class:`OutputBusy` at once if another run holds it.

    Where ``fcntl`` is missing (Windows) nothing is locked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms tested
        yield
        return
    folder = Path(folder).resolve()
    with contextlib.ExitStack() as held:
        parent_lock = lock_path(folder.parent)
        if parent_lock.exists():
            held.enter_context(_flock(parent_lock, fcntl.LOCK_SH, folder.parent, fcntl))
        folder.parent.mkdir(parents=True, exist_ok=True)
        fh = held.enter_context(_flock(lock_path(folder), fcntl.LOCK_EX, folder, fcntl))
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, {command}, since {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
        fh.flush()
        yield


@contextlib.contextmanager
def _flock(path: Path, mode: int, folder: Path, fcntl) -> Iterator:
    with path.open("a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise OutputBusy(
                f"another arnews run ({holder}) is writing to {folder}; wait for it to finish"
                " or choose another output folder"
            ) from None
        try:
            yield fh
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)

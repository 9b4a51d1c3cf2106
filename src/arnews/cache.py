"""One extraction per report: a cache of the tables, keyed by what they are computed from.

``arnews report`` extracts the corpus once into a cache folder beside its output and points the
notebooks' kernels at it (environment variable :data:`CACHE_ENV`); :func:`arnews.pipeline.extract`
then reads the tables from the cache when its key matches, and computes them otherwise (a
notebook run alone in Lab or under papermill). The key holds the corpus content, the package
(version and code) and the user's extra data files, so a stale cache is never read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import pandas as pd

from arnews import __version__
from arnews.analysis import Options, concat_tables

__all__ = ["CACHE_ENV", "ExtractCache", "corpus_fingerprint", "package_digest"]

CACHE_ENV = "ARNEWS_EXTRACT_CACHE"
KEY_FILE = "key.json"
# Which of the user's extra files each table depends on (events use the mentions).
DEPENDS = {
    "articles": (),
    "skipped": (),
    "sentences": (),
    "mentions": ("extra_gazetteer",),
    "events": ("extra_gazetteer",),
    "stance": ("extra_gazetteer", "lexicon_extra"),
}


def _digest(paths: Iterable[Path]) -> str:
    h = hashlib.blake2b(digest_size=20)
    for path in paths:
        h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    return h.hexdigest()


def package_digest() -> str:
    """Return the package version and a digest of its code and data files."""
    root = Path(str(resources.files("arnews")))
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".yaml", ".csv", ".txt"}
    )
    return f"{__version__}:{_digest(files)}"


def corpus_fingerprint(corpus_dir: str | Path) -> dict:
    """Return the corpus's files with their sizes and times (cheap to compare) and a digest of
    their content (what the key trusts)."""
    from arnews.corpus import list_inputs

    root = Path(corpus_dir).resolve()
    files = list_inputs(root)
    stats = [[str(f), f.stat().st_size, f.stat().st_mtime_ns] for f in files]
    return {"root": str(root), "stats": stats, "content": None, "files": files}


def _extra_digest(path: str | None) -> str | None:
    return _digest([Path(path).resolve()]) if path else None


class ExtractCache:
    """The tables of one extraction in `folder`: ``<table>/<chunk>.pkl`` and ``key.json``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def key(self, corpus_dir: str | Path, options: Options) -> dict:
        """Return the key of an extraction of `corpus_dir` with `options` (content hashed)."""
        found = corpus_fingerprint(corpus_dir)
        found["content"] = _digest(found.pop("files"))
        return {
            "corpus": found,
            "package": package_digest(),
            "extra_gazetteer": _extra_digest(options.extra_gazetteer),
            "lexicon_extra": _extra_digest(options.lexicon_extra),
        }

    def stored_key(self) -> dict | None:
        """Return the key of the tables stored, or None when there are none."""
        try:
            return json.loads((self.folder / KEY_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def write(self, chunks: Iterable[dict[str, pd.DataFrame]], key: dict) -> None:
        """Store the tables of `chunks` (as :func:`arnews.pipeline.iter_extract` yields them)
        under `key`, replacing what was there only once all are written."""
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{self.folder.name}.", dir=self.folder.parent))
        try:
            for n, tables in enumerate(chunks):
                for name, frame in tables.items():
                    (tmp / name).mkdir(exist_ok=True)
                    frame.to_pickle(tmp / name / f"{n:06d}.pkl")
            (tmp / KEY_FILE).write_text(json.dumps(key), "utf-8")
            shutil.rmtree(self.folder, ignore_errors=True)
            os.replace(tmp, self.folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def read(self, corpus_dir: str | Path, options: Options) -> dict[str, pd.DataFrame] | None:
        """Return the tables `options` asks for if the stored key matches this request (the
        corpus, the package, and the extra files those tables depend on); else None."""
        stored = self.stored_key()
        names = ["articles", "skipped", *options.table_names()]
        if stored is None or not self._matches(stored, corpus_dir, options, names):
            return None
        try:
            return {name: self._table(name) for name in names}
        except (OSError, ValueError):
            return None

    def _matches(self, stored: dict, corpus_dir, options: Options, names: list[str]) -> bool:
        if stored.get("package") != package_digest():
            return False
        for extra in {e for name in names for e in DEPENDS[name]}:
            if stored.get(extra) != _extra_digest(getattr(options, extra)):
                return False
        now = corpus_fingerprint(corpus_dir)
        then = stored.get("corpus", {})
        if now["root"] != then.get("root"):
            return False
        if now["stats"] == then.get("stats"):
            return True  # same files, sizes and times as when the content was hashed
        return _digest(now["files"]) == then.get("content")

    def _table(self, name: str) -> pd.DataFrame:
        parts = sorted((self.folder / name).glob("*.pkl"))
        if not parts:
            raise ValueError(f"no {name} table in {self.folder}")
        return concat_tables([pd.read_pickle(p) for p in parts])

    @classmethod
    def from_env(cls) -> ExtractCache | None:
        """Return the cache named by :data:`CACHE_ENV` (set by ``arnews report``), if any."""
        folder = os.environ.get(CACHE_ENV)
        return cls(folder) if folder else None

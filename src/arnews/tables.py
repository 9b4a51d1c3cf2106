"""Write tidy tables as CSV files, each written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

import pandas as pd

__all__ = ["TABLE_DROP_COLUMNS", "TableWriter", "write_table", "write_tables"]

# Columns left out of the CSV files: the article text is in the inputs already.
TABLE_DROP_COLUMNS = {"articles": ["text"]}


def write_table(df: pd.DataFrame, out_dir: str | Path, name: str) -> Path:
    """Write `df` to ``out_dir/name.csv`` (UTF-8) atomically; return the path."""
    with TableWriter(out_dir) as writer:
        writer.append(name, df)
    return writer.paths[0]


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table of `tables` as ``out_dir/<name>.csv``; return the paths."""
    return [write_table(df, out_dir, name) for name, df in tables.items()]


class TableWriter:
    """Write tables a chunk at a time, each to a hidden temporary file in `out_dir`.

    On leaving the ``with`` block every table is moved into place (``<name>.csv``); after an
    error none is, and the temporary files are removed, so a reader never sees a half-written
    table. Chunks of one table must have the same columns.
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.out = Path(out_dir)
        self.paths: list[Path] = []
        self._open: dict[str, tuple[Path, TextIO, list[str]]] = {}

    def __enter__(self) -> TableWriter:
        self.out.mkdir(parents=True, exist_ok=True)
        return self

    def append(self, name: str, df: pd.DataFrame) -> None:
        """Add the rows of `df` to table `name` (its first chunk writes the header)."""
        df = df.drop(columns=TABLE_DROP_COLUMNS.get(name, []), errors="ignore")
        if name not in self._open:
            fd, tmp = tempfile.mkstemp(dir=self.out, prefix=f".{name}.", suffix=".tmp")
            fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
            self._open[name] = (Path(tmp), fh, list(df.columns))
            df.to_csv(fh, index=False)
            return
        _, fh, columns = self._open[name]
        if list(df.columns) != columns:
            raise ValueError(f"{name}: a chunk's columns {list(df.columns)} are not {columns}")
        df.to_csv(fh, index=False, header=False)

    def __exit__(self, kind, error, traceback) -> None:
        for _, fh, _ in self._open.values():
            fh.close()
        if kind is not None:
            for tmp, _, _ in self._open.values():
                tmp.unlink(missing_ok=True)
            return
        for name, (tmp, _, _) in self._open.items():
            os.chmod(tmp, 0o644)  # mkstemp makes files private; tables are meant to be shared
            target = self.out / f"{name}.csv"
            os.replace(tmp, target)
            self.paths.append(target)

"""Write tidy tables as CSV files, each written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

__all__ = ["TABLE_DROP_COLUMNS", "write_table", "write_tables"]

# Columns left out of the CSV files: the article text is in the inputs already.
TABLE_DROP_COLUMNS = {"articles": ["text"]}


def write_table(df: pd.DataFrame, out_dir: str | Path, name: str) -> Path:
    """Write `df` to ``out_dir/name.csv`` (UTF-8) atomically; return the path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    df = df.drop(columns=TABLE_DROP_COLUMNS.get(name, []), errors="ignore")
    target = out / f"{name}.csv"
    fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            df.to_csv(fh, index=False)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; tables are meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table of `tables` as ``out_dir/<name>.csv``; return the paths."""
    return [write_table(df, out_dir, name) for name, df in tables.items()]

"""The extraction pipeline behind ``arnews extract``: corpus -> sentences -> analysis tables.

Two engines compute the same tables. ``local`` reads the corpus an article at a time (record
files a line at a time) and analyses it in chunks of about :data:`CHUNK_CHARS` characters, in
worker processes once the corpus is big enough, so memory stays bounded whatever the corpus
size when the tables are written as they come (:func:`extract_to`). ``dask`` runs the same
stages on a Dask cluster (a ``LocalCluster`` or an existing scheduler), one task per partition of
the inputs; see :mod:`arnews.dask_engine`.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from arnews.analysis import ANALYSIS_TABLES, Options, analyse, concat_tables, summarize
from arnews.cache import ExtractCache
from arnews.corpus import CHUNK_CHARS, CorpusReader
from arnews.dask_engine import DaskTables, dask_client, extract_dask, partition_sources
from arnews.locking import output_lock
from arnews.tables import TableWriter

__all__ = [
    "ANALYSIS_TABLES",
    "DaskTables",
    "Engine",
    "Options",
    "Progress",
    "analyse",
    "dask_client",
    "extract",
    "extract_dask",
    "extract_to",
    "iter_extract",
    "partition_sources",
    "summarize",
]

Engine = Literal["local", "dask"]
PARALLEL_MIN_BYTES = 4_000_000  # below this, worker processes cost more than they save
PROGRESS_DELAY = 3.0  # seconds of work before a progress bar shows


class Progress:
    """Articles and MB done, rate and time left, on stderr, for work over a few seconds."""

    def __init__(self, total_bytes: int, enabled: bool = True) -> None:
        from tqdm import tqdm

        self.articles = 0
        self.bar = tqdm(
            total=total_bytes,
            unit="B",
            unit_scale=True,
            unit_divisor=1000,
            desc="arnews extract",
            delay=PROGRESS_DELAY,
            disable=not enabled,
            file=sys.stderr,
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B"
            " [{elapsed}<{remaining}, {rate_fmt}{postfix}]",
        )

    def advance(self, done_bytes: int | None = None, articles: int = 0, step: int = 0) -> None:
        """Move to `done_bytes` read in all (or on by `step` bytes); count `articles` more."""
        self.articles += articles
        target = done_bytes if done_bytes is not None else self.bar.n + step
        self.bar.set_postfix_str(f"{self.articles:,} articles", refresh=False)
        self.bar.update(max(min(target, self.bar.total) - self.bar.n, 0))

    def close(self) -> None:
        """Finish the bar (it stays on screen if it was shown)."""
        self.bar.close()


def iter_extract(
    corpus_dir: str | Path,
    *,
    engine: Engine = "local",
    scheduler: str | None = None,
    options: Options | None = None,
    jobs: int | None = None,
    progress: bool = True,
) -> Iterator[dict[str, pd.DataFrame]]:
    """Yield the tables of `corpus_dir` a chunk at a time, in input order, then
    ``{"skipped": ...}`` (known only at the end: duplicates are found along the way).

    Each chunk is a dict of ``articles`` and the tables of :func:`arnews.analysis.analyse`.
    `progress` shows articles and MB done, rate and time left on stderr once the work has taken
    :data:`PROGRESS_DELAY` seconds (in a notebook too; quick runs show nothing).
    """
    options = options or Options()
    if engine == "dask":
        yield from _dask_chunks(corpus_dir, scheduler, options, progress)
    elif engine == "local":
        yield from _local_chunks(corpus_dir, options, jobs, progress)
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")


def _local_chunks(
    corpus_dir: str | Path, options: Options, jobs: int | None, progress: bool
) -> Iterator[dict[str, pd.DataFrame]]:
    reader = CorpusReader(corpus_dir)
    total = sum(s.size() for s in reader.sources)
    jobs = jobs or os.cpu_count() or 1
    bar = Progress(total, progress)
    try:
        if jobs < 2 or total < PARALLEL_MIN_BYTES:
            for chunk in reader.chunks(CHUNK_CHARS):
                yield {"articles": chunk, **analyse(chunk, options)}
                bar.advance(reader.bytes_read, len(chunk))
        else:
            yield from _in_workers(reader, options, jobs, bar)
        yield {"skipped": reader.skipped_frame()}
    finally:
        bar.close()


def _in_workers(
    reader: CorpusReader, options: Options, jobs: int, bar: Progress
) -> Iterator[dict[str, pd.DataFrame]]:
    """Analyse the chunks in `jobs` processes, at most `jobs` + 1 chunks read ahead."""
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque = deque()
    try:
        for chunk in reader.chunks(CHUNK_CHARS):
            pending.append((chunk, reader.bytes_read, pool.submit(analyse, chunk, options)))
            if len(pending) > jobs:
                yield _finished(pending.popleft(), bar)
        while pending:
            yield _finished(pending.popleft(), bar)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _finished(item: tuple, bar: Progress) -> dict[str, pd.DataFrame]:
    chunk, read, future = item
    tables = {"articles": chunk, **future.result()}
    bar.advance(read, len(chunk))
    return tables


def _dask_chunks(
    corpus_dir: str | Path, scheduler: str | None, options: Options, progress: bool
) -> Iterator[dict[str, pd.DataFrame]]:
    with dask_client(scheduler):
        tables = extract_dask(corpus_dir, options=options)
        bar = Progress(sum(tables.sizes), progress)
        try:
            for part in tables.iter_partitions(lambda size: bar.advance(step=size)):
                bar.advance(articles=len(part.get("articles", ())))
                yield part
        finally:
            bar.close()


def extract(
    corpus_dir: str | Path,
    *,
    options: Options | None = None,
    **run: Any,
) -> dict[str, pd.DataFrame]:
    """Read `corpus_dir` and compute every table with the chosen engine.

    `run` takes :func:`iter_extract`'s ``engine``, ``scheduler``, ``jobs`` and ``progress``:
    ``local`` reads and analyses in chunks, in `jobs` processes (default: cores) once the
    corpus is big enough to gain from it; ``dask`` runs on the cluster at `scheduler` (or a
    new ``LocalCluster``). The tables are gathered in memory; :func:`extract_to` writes them
    as they come instead.

    Returns
    -------
    dict of table name -> DataFrame: ``articles``, ``skipped``, then the tables of
    :func:`arnews.analysis.analyse`. Both engines return equal tables. Inside a notebook run
    by ``arnews report``, the tables come from the run's one extraction when it matches
    (:mod:`arnews.cache`).
    """
    options = options or Options()
    cache = ExtractCache.from_env()
    cached = cache.read(corpus_dir, options) if cache is not None else None
    if cached is not None:
        return cached
    collected: dict[str, list[pd.DataFrame]] = {}
    chunks = iter_extract(corpus_dir, options=options, **run)
    for tables in chunks:
        for name, frame in tables.items():
            collected.setdefault(name, []).append(frame)
    names = ["articles", "skipped", *options.table_names()]
    return {name: concat_tables(collected[name]) for name in names}


def extract_to(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    options: Options | None = None,
    **run: Any,
) -> dict[str, pd.DataFrame]:
    """Compute every table like :func:`extract` and write them as CSV into `out_dir` as they
    come, so memory stays bounded (the articles table is kept, without its text). Another run
    writing to `out_dir` makes this fail at once (:class:`arnews.locking.OutputBusy`).

    Returns
    -------
    dict: ``articles`` (without text) and ``skipped``, the tables kept in memory.
    """
    options = options or Options()
    articles: list[pd.DataFrame] = []
    skipped = pd.DataFrame()
    chunks = iter_extract(corpus_dir, options=options, **run)
    with output_lock(out_dir, "arnews extract"), TableWriter(out_dir) as writer:
        for tables in chunks:
            if "skipped" in tables:
                skipped = tables["skipped"]
                continue
            articles.append(tables["articles"].drop(columns=["text"]))
            for name in options.table_names():
                writer.append(name, tables[name])
        kept = {"articles": concat_tables(articles), "skipped": skipped}
        for name, frame in kept.items():
            writer.append(name, frame)
    return kept

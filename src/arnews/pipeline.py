"""The extraction pipeline behind ``arnews extract``: corpus -> sentences -> analysis tables.

Two engines compute the same tables. ``local`` runs in this process. ``dask`` runs the
per-article stages as one task per partition of input files on a Dask cluster (a
``LocalCluster`` or an existing scheduler), removes duplicate articles across partitions, and
does the reductions with Dask; see :func:`extract_dask`.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import operator
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from arnews.corpus import (
    Corpus,
    CorpusReader,
    DuplicateFilter,
    article_ids,
    list_inputs,
    load_corpus,
)
from arnews.schema import SKIPPED
from arnews.tokens import sentences_table

__all__ = [
    "Engine",
    "Options",
    "analyse",
    "analyse_parallel",
    "dask_client",
    "extract",
    "extract_dask",
    "partition_files",
    "summarize",
]

Engine = Literal["local", "dask"]
ANALYSIS_TABLES = ("sentences", "mentions", "stance", "events")  # what analyse() returns
PARALLEL_MIN_CHARS = 2_000_000  # below this, worker processes cost more than they save
CHUNKS_PER_JOB = 4  # several chunks per process even out uneven chunk costs
# Keep pandas' own dtypes (dates, None) so both engines give equal tables.
NO_STRING_CONVERSION = {"dataframe.convert-string": False}


@dataclass(frozen=True)
class Options:
    """User extensions of the packaged data files, passed to every stage."""

    extra_gazetteer: str | None = None  # YAML/CSV of more entities (arnews.mentions)
    lexicon_extra: str | None = None  # CSV of more stance terms (arnews.stance)
    # The analysis tables to compute (sentences always are); a notebook asks only for its own.
    tables: tuple[str, ...] = ANALYSIS_TABLES

    def __post_init__(self) -> None:
        unknown = sorted(set(self.tables) - set(ANALYSIS_TABLES))
        if unknown:
            raise ValueError(f"unknown tables {unknown}; choose from {list(ANALYSIS_TABLES)}")

    def table_names(self) -> list[str]:
        """Return the analysis tables computed, in :data:`ANALYSIS_TABLES` order."""
        return [n for n in ANALYSIS_TABLES if n == "sentences" or n in self.tables]


@functools.lru_cache(maxsize=4)
def _gazetteer(extra: str | None):
    """Load the gazetteer once per process (each Dask worker loads its own)."""
    from arnews.mentions import load_gazetteer

    return load_gazetteer(extra)


@functools.lru_cache(maxsize=4)
def _scorer(extra: str | None):
    """Build the default stance scorer once per process."""
    from arnews.stance import LexiconScorer, load_lexicon

    return LexiconScorer(load_lexicon(extra))


def analyse(articles: pd.DataFrame, options: Options = Options()) -> dict[str, pd.DataFrame]:
    """Run the per-article stages on `articles`, computing only the tables `options` asks for
    (and what they need: stance and events use the mentions).

    Returns
    -------
    dict of table name -> DataFrame, in this order, of those asked for: ``sentences``
    (:func:`arnews.tokens.sentences_table`, always), ``mentions``
    (:func:`arnews.mentions.find_mentions`), ``stance`` (:func:`arnews.stance.score_stance`),
    ``events`` (:func:`arnews.timeline.extract_events`).
    """
    wanted = set(options.tables)
    tables = {"sentences": sentences_table(articles)}
    if wanted & {"mentions", "stance", "events"}:
        from arnews.mentions import find_mentions

        gazetteer = _gazetteer(options.extra_gazetteer)
        tables["mentions"] = find_mentions(articles, tables["sentences"], gazetteer)
    if "stance" in wanted:
        from arnews.stance import score_stance

        scorer = _scorer(options.lexicon_extra)
        tables["stance"] = score_stance(articles, *_sm(tables), scorer=scorer)
    if "events" in wanted:
        from arnews.timeline import extract_events

        tables["events"] = extract_events(articles, *_sm(tables))
    return {name: tables[name] for name in options.table_names()}


def _sm(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return tables["sentences"], tables["mentions"]


def extract(
    corpus_dir: str | Path,
    *,
    engine: Engine = "local",
    scheduler: str | None = None,
    options: Options = Options(),
    jobs: int | None = None,
) -> dict[str, pd.DataFrame]:
    """Read `corpus_dir` and compute every table with the chosen engine.

    ``local`` loads in this process and analyses in `jobs` processes (default: cores) once the
    corpus is big enough to gain from it; ``dask`` runs on the cluster at `scheduler` (or a new
    ``LocalCluster``).

    Returns
    -------
    dict of table name -> DataFrame: ``articles``, ``skipped``, then the tables of
    :func:`analyse`. Both engines return equal tables.
    """
    if engine == "dask":
        with dask_client(scheduler):
            return extract_dask(corpus_dir, options=options).compute()
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    corpus = load_corpus(corpus_dir)
    tables = {"articles": corpus.articles, "skipped": corpus.skipped}
    return tables | analyse_parallel(corpus.articles, options, jobs=jobs)


def analyse_parallel(
    articles: pd.DataFrame, options: Options = Options(), *, jobs: int | None = None
) -> dict[str, pd.DataFrame]:
    """Run :func:`analyse` over chunks of `articles` in `jobs` processes (default: cores).

    Small corpora (under :data:`PARALLEL_MIN_CHARS`) run in this process, where starting
    workers would cost more than it saves. The tables equal those of :func:`analyse`.
    """
    jobs = jobs or os.cpu_count() or 1
    total = int(articles["n_chars"].sum()) if len(articles) else 0
    if jobs < 2 or total < PARALLEL_MIN_CHARS or len(articles) < 2:
        return analyse(articles, options)
    chunks = _article_chunks(articles, jobs * CHUNKS_PER_JOB)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(analyse, chunks, [options] * len(chunks)))
    return {name: _concat([r[name] for r in results]) for name in options.table_names()}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate, leaving out empty frames whose default dtypes would widen the columns."""
    filled = [f for f in frames if len(f)]
    return pd.concat(filled or frames[:1], ignore_index=True)


def _article_chunks(articles: pd.DataFrame, n_chunks: int) -> list[pd.DataFrame]:
    """Split `articles` into about `n_chunks` contiguous chunks of similar total length."""
    bounds = np.searchsorted(
        articles["n_chars"].cumsum().to_numpy(),
        np.linspace(0, articles["n_chars"].sum(), n_chunks + 1)[1:-1],
    )
    edges = [0, *sorted(set(bounds.tolist())), len(articles)]
    return [articles.iloc[a:b] for a, b in itertools.pairwise(edges) if b > a]


def summarize(tables) -> dict:
    """Reduce the analysis tables to per-company, per-article and per-kind counts.

    Works alike on pandas DataFrames and on Dask DataFrames (whose results are lazy).

    Returns
    -------
    dict: ``mentions_per_company`` (company, kind -> mentions), ``tone_per_article``
    (article_id, target -> sentences, mean score), ``events_per_kind`` (kind -> dated events).
    Only the reductions whose table is in `tables` are returned.
    """
    out = {}
    if "mentions" in tables:
        out["mentions_per_company"] = tables["mentions"].groupby(["company", "kind"]).size()
    if "stance" in tables:
        tone = tables["stance"].groupby(["article_id", "target"])["score"]
        out["tone_per_article"] = tone.agg(["count", "mean"])
    if "events" in tables:
        events = tables["events"]
        out["events_per_kind"] = events[events["precision"] != "vague"].groupby("kind").size()
    return out


def partition_files(files: list[Path], n_parts: int) -> list[list[Path]]:
    """Split `files` into at most `n_parts` contiguous groups of about equal total bytes."""
    sizes = [max(f.stat().st_size, 1) for f in files]
    target = sum(sizes) / max(n_parts, 1)
    parts: list[list[Path]] = [[]]
    filled = 0.0
    for file, size in zip(files, sizes, strict=True):
        if parts[-1] and filled + size / 2 > target * len(parts) and len(parts) < n_parts:
            parts.append([])
        parts[-1].append(file)
        filled += size
    return [p for p in parts if p]


class DaskTables:
    """Lazy tables of a Dask extraction: per table, one delayed pandas frame per partition."""

    def __init__(self, parts: dict[str, list]) -> None:
        self.parts = parts

    def compute(self) -> dict[str, pd.DataFrame]:
        """Compute every table on the cluster and return pandas DataFrames."""
        import dask

        names = list(self.parts)
        with dask.config.set(NO_STRING_CONVERSION):
            computed = dask.compute(*(self.parts[n] for n in names))
        # Concatenated like the local engine: columns are the union over partitions.
        return {n: _concat(list(p)) for n, p in zip(names, computed, strict=True)}

    def frame(self, name: str):
        """Return table `name` as a ``dask.dataframe.DataFrame`` (for reductions, Parquet)."""
        import dask
        import dask.dataframe as dd

        with dask.config.set(NO_STRING_CONVERSION):
            return dd.from_delayed(self.parts[name], verify_meta=False)

    def summaries(self) -> dict[str, pd.DataFrame]:
        """Compute :func:`summarize` with Dask: the reductions run on the cluster."""
        import dask

        names = [n for n in ("mentions", "stance", "events") if n in self.parts]
        with dask.config.set(NO_STRING_CONVERSION):
            lazy = summarize({n: self.frame(n) for n in names})
            keys = list(lazy)
            return dict(zip(keys, dask.compute(*(lazy[k] for k in keys)), strict=True))

    def to_parquet(self, out_dir: str | Path) -> None:
        """Write each table as a partitioned Parquet dataset ``out_dir/<table>/part.N.parquet``.

        Each worker writes its own partitions; nothing is gathered on the client.
        """
        import dask

        writes = []
        for name, parts in self.parts.items():
            folder = Path(out_dir) / name
            folder.mkdir(parents=True, exist_ok=True)
            writes += [
                dask.delayed(_write_parquet)(part, folder / f"part.{i}.parquet")
                for i, part in enumerate(parts)
            ]
        with dask.config.set(NO_STRING_CONVERSION):
            dask.compute(*writes)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    # Dates and other Python objects become strings; Parquet needs one type per column.
    objects = frame.select_dtypes(include="object").columns
    frame.astype({c: "string" for c in objects}).to_parquet(path, index=False)


def _load_part(files: list[Path], root: Path, ids: dict[Path, str]) -> tuple[Corpus, pd.DataFrame]:
    """Read one partition of the inputs, not deduplicated; return it and its keys
    (``article_id``, ``sha256``, ``where``) for :func:`_resolve_duplicates`."""
    reader = CorpusReader(root, files, ids, dedupe=False)
    corpus = reader.load()
    keys = corpus.articles[["article_id", "sha256"]].assign(where=reader.wheres)
    return corpus, keys


def _resolve_duplicates(keys: list[pd.DataFrame]) -> tuple[list[frozenset[int]], pd.DataFrame]:
    """Return, per partition, the rows that repeat an earlier article (in input order), and
    the skipped rows saying so."""
    found = DuplicateFilter()
    drops, skipped = [], []
    for part in keys:
        drop = set()
        for row, (article_id, sha256, where) in enumerate(part.itertuples(index=False)):
            reason = found.check(article_id, sha256, where)
            if reason:
                drop.add(row)
                skipped.append((where, reason))
        drops.append(frozenset(drop))
    return drops, pd.DataFrame(skipped, columns=list(SKIPPED))


def _analyse_part(
    loaded: tuple[Corpus, pd.DataFrame], resolved: tuple, n: int, options: Options
) -> dict[str, pd.DataFrame]:
    articles = loaded[0].articles
    drop = resolved[0][n]
    if drop:
        articles = articles.drop(index=articles.index[sorted(drop)])
    articles = articles.reset_index(drop=True)
    return {"articles": articles, **analyse(articles, options)}


def _all_skipped(loaded: list[tuple[Corpus, pd.DataFrame]], resolved: tuple) -> pd.DataFrame:
    """Every partition's skipped inputs, then the duplicates across partitions."""
    return _concat([corpus.skipped for corpus, _ in loaded] + [resolved[1]])


def extract_dask(
    corpus_dir: str | Path,
    *,
    options: Options = Options(),
    partitions_per_worker: int = 4,
) -> DaskTables:
    """Build the extraction as a Dask graph: one task per partition of the input files.

    Parameters
    ----------
    corpus_dir : folder or file of articles, readable by every worker at the same path.
        The graph runs on the current Dask client (see :func:`dask_client`).
    options : the user's extra gazetteer and lexicon files (readable by every worker).
    partitions_per_worker : partitions per worker; several keep every worker busy (Dask's
        default batching left one of two workers idle in a trial here).
    """
    import dask

    root = Path(corpus_dir)
    if not root.exists():
        raise FileNotFoundError(f"corpus not found: {root}")
    files = list_inputs(root)
    n_parts = max(1, min(len(files), _n_workers() * partitions_per_worker))
    with dask.config.set(NO_STRING_CONVERSION):
        return _build_graph(files, root, n_parts, options)


def _build_graph(files: list[Path], root: Path, n_parts: int, options: Options) -> DaskTables:
    import dask

    ids = article_ids(files, root)
    loaded = [
        dask.delayed(_load_part)(part, root, ids) for part in partition_files(files, n_parts)
    ]
    resolved = dask.delayed(_resolve_duplicates)(
        [dask.delayed(operator.getitem)(p, 1) for p in loaded]
    )
    parts = [dask.delayed(_analyse_part)(p, resolved, n, options) for n, p in enumerate(loaded)]
    tables = {"articles": [dask.delayed(operator.getitem)(p, "articles") for p in parts]}
    tables["skipped"] = [dask.delayed(_all_skipped)(loaded, resolved)]
    for name in options.table_names():
        tables[name] = [dask.delayed(operator.getitem)(p, name) for p in parts]
    return DaskTables(tables)


@contextlib.contextmanager
def dask_client(scheduler: str | None = None):
    """Yield a Dask client: the current one, one connected to `scheduler`, or a new
    ``LocalCluster`` with one single-threaded worker process per core (closed on exit)."""
    from distributed import Client, LocalCluster, default_client

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    try:
        current = default_client()
    except ValueError:  # no client yet
        current = None
    if current is not None:
        yield current
        return
    with (
        LocalCluster(threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _n_workers() -> int:
    """Return the number of workers of the current Dask client (cores without one)."""
    import dask

    try:
        from distributed import default_client

        return max(1, len(default_client().scheduler_info()["workers"]))
    except (ImportError, ValueError):  # no distributed client: Dask's local scheduler
        return dask.system.CPU_COUNT or 1

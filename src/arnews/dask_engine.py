"""The Dask engine: the per-article stages as tasks over partitions of the inputs.

Three steps, so that no worker holds more than one partition of text at a time:

1. a task per partition reads its inputs and returns only its articles' keys (id, SHA-256,
   where read) and its skipped inputs;
2. one task decides, in input order, which articles repeat an earlier one
   (:class:`arnews.corpus.DuplicateFilter`, as the local engine does);
3. a task per partition reads it again, leaves those out, and analyses the rest in chunks.

Streamed (``arnews extract --engine dask``), the partitions are computed a few at a time in
input order (:meth:`DaskTables.iter_partitions`), so finished tables never pile up on workers.

A big JSON Lines file is split into byte ranges (:func:`arnews.readers.split_jsonl`), so one
dump spreads over the workers. The tables equal those of the local engine.
"""

from __future__ import annotations

import contextlib
import operator
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from arnews.analysis import Options, analyse, concat_tables, summarize
from arnews.corpus import CHUNK_CHARS, CorpusReader, DuplicateFilter, chunk_articles, list_sources
from arnews.readers import Source, split_jsonl
from arnews.schema import SKIPPED

__all__ = ["DaskTables", "dask_client", "extract_dask", "partition_sources"]

PART_BYTES = 32_000_000  # at most this much input per partition (a 1 GB dump: 32 or more)
# Keep pandas' own dtypes (dates, None) so both engines give equal tables.
NO_STRING_CONVERSION = {"dataframe.convert-string": False}


def partition_sources(
    sources: list[Source], n_parts: int, max_bytes: int | None = None
) -> list[list[Source]]:
    """Split `sources` into contiguous groups of about equal bytes, none over `max_bytes`
    (default :data:`PART_BYTES`) unless one input alone is; big JSON Lines files are first
    split into ranges of that size."""
    max_bytes = max_bytes or PART_BYTES
    pieces = [r for s in sources for r in split_jsonl(s, max_bytes)]
    sizes = [s.size() for s in pieces]
    target = sum(sizes) / max(n_parts, 1)
    parts: list[list[Source]] = [[]]
    filled = in_part = 0
    for piece, size in zip(pieces, sizes, strict=True):
        due = filled + size / 2 > target * len(parts) and len(parts) < n_parts
        if parts[-1] and (due or in_part + size > max_bytes):
            parts.append([])
            in_part = 0
        parts[-1].append(piece)
        filled += size
        in_part += size
    return [p for p in parts if p]


class DaskTables:
    """Lazy tables of a Dask extraction: per table, one delayed pandas frame per partition."""

    def __init__(self, parts: dict[str, list], sizes: list[int], shared=None) -> None:
        self.parts = parts
        self.sizes = sizes  # input bytes of each partition, for progress
        self.shared = shared  # the duplicates decided across partitions (a delayed), if any

    def compute(self, progress: Callable[[int], None] | None = None) -> dict:
        """Compute every table on the cluster and return pandas DataFrames."""
        names = list(self.parts)
        collected: dict[str, list] = {n: [] for n in names}
        for tables in self.iter_partitions(progress):
            for n in names:
                if n in tables:
                    collected[n].append(tables[n])
        # Concatenated like the local engine: columns are the union over partitions.
        return {n: concat_tables(frames) for n, frames in collected.items()}

    def iter_partitions(
        self, progress: Callable[[int], None] | None = None, ahead: int | None = None
    ) -> Iterator[dict[str, pd.DataFrame]]:
        """Yield each partition's tables in input order, then ``{"skipped": ...}``.

        At most `ahead` partitions (default: two per worker) are computed or held ahead of
        the one being yielded, so the cluster's memory stays bounded whatever the number of
        partitions; `progress(input bytes)` hears of each partition yielded. The duplicates
        pass is computed once and held while the partitions use it.
        """
        import dask
        from distributed import default_client

        client = default_client()
        names = [n for n in self.parts if n != "skipped"]
        per_part = [
            dask.delayed(_named)(names, [self.parts[n][i] for n in names])
            for i in range(len(self.sizes))
        ]
        ahead = max(1, ahead or 2 * _n_workers())
        with dask.config.set(NO_STRING_CONVERSION):
            shared = [] if self.shared is None else [self.shared]
            held = client.compute([self.parts["skipped"][0], *shared])
            window: deque = deque()
            queued = 0
            for i in range(len(per_part)):
                while len(window) < ahead and queued < len(per_part):
                    window.append(client.compute(per_part[queued]))
                    queued += 1
                future = window.popleft()  # partition i: the window is in input order
                tables = future.result()
                future.release()
                if progress is not None:
                    progress(self.sizes[i])
                yield tables
        yield {"skipped": held[0].result()}

    def frame(self, name: str):
        """Return table `name` as a ``dask.dataframe.DataFrame`` (for reductions, Parquet)."""
        import dask
        import dask.dataframe as dd

        with dask.config.set(NO_STRING_CONVERSION):
            return dd.from_delayed(self.parts[name], verify_meta=False)

    def summaries(self) -> dict[str, pd.DataFrame]:
        """Compute :func:`arnews.analysis.summarize` with Dask: the reductions run on the
        cluster."""
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


def _named(names: list[str], frames: list[pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return dict(zip(names, frames, strict=True))


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    # Dates and other Python objects become strings; Parquet needs one type per column.
    objects = frame.select_dtypes(include="object").columns
    frame.astype({c: "string" for c in objects}).to_parquet(path, index=False)


def _part_keys(part: list[Source], root: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one partition, not deduplicated; return its articles' keys (``article_id``,
    ``sha256``, ``where``) and its skipped inputs. The texts are not kept."""
    reader = CorpusReader(root, part, dedupe=False)
    keys = [(a["article_id"], a["sha256"]) for a in reader.articles()]
    frame = pd.DataFrame(keys, columns=["article_id", "sha256"]).assign(where=reader.wheres)
    return frame, reader.skipped_frame()


def _resolve_duplicates(
    keys: list[tuple[pd.DataFrame, pd.DataFrame]],
) -> tuple[list[frozenset[int]], pd.DataFrame]:
    """Return, per partition, the articles (by position) that repeat an earlier one, in input
    order, and the skipped rows saying so."""
    found = DuplicateFilter()
    drops, skipped = [], []
    for part, _ in keys:
        drop = set()
        for row, (article_id, sha256, where) in enumerate(part.itertuples(index=False)):
            reason = found.check(article_id, sha256, where)
            if reason:
                drop.add(row)
                skipped.append((where, reason))
        drops.append(frozenset(drop))
    return drops, pd.DataFrame(skipped, columns=list(SKIPPED))


def _analyse_part(
    part: list[Source], root: Path, resolved: tuple, n: int, options: Options
) -> dict[str, pd.DataFrame]:
    """Read partition `n` again, leave out its duplicates, analyse it a chunk at a time."""
    drop = resolved[0][n]
    reader = CorpusReader(root, part, dedupe=False)
    kept = (a for i, a in enumerate(reader.articles()) if i not in drop)
    results: dict[str, list[pd.DataFrame]] = {}
    for chunk in chunk_articles(kept, CHUNK_CHARS):
        for name, frame in {"articles": chunk, **analyse(chunk, options)}.items():
            results.setdefault(name, []).append(frame)
    return {name: concat_tables(frames) for name, frames in results.items()}


def _all_skipped(keys: list[tuple[pd.DataFrame, pd.DataFrame]], resolved: tuple) -> pd.DataFrame:
    """Every partition's skipped inputs, then the duplicates across partitions."""
    return concat_tables([skipped for _, skipped in keys] + [resolved[1]])


def extract_dask(
    corpus_dir: str | Path,
    *,
    options: Options | None = None,
    partitions_per_worker: int = 4,
) -> DaskTables:
    """Build the extraction as a Dask graph over partitions of the inputs.

    Parameters
    ----------
    corpus_dir : folder or file of articles, readable by every worker at the same path.
        The graph runs on the current Dask client (see :func:`dask_client`).
    options : the user's extra gazetteer and lexicon files (readable by every worker).
    partitions_per_worker : partitions per worker at least; several keep every worker busy
        (Dask's default batching left one of two workers idle in a trial here). A partition
        holds at most :data:`PART_BYTES` of input, so big corpora get more.
    """
    import dask

    root = Path(corpus_dir)
    sources = list_sources(root)
    n_parts = _n_workers() * partitions_per_worker
    with dask.config.set(NO_STRING_CONVERSION):
        return _build_graph(partition_sources(sources, n_parts), root, options or Options())


def _build_graph(parts: list[list[Source]], root: Path, options: Options) -> DaskTables:
    import dask

    keys = [dask.delayed(_part_keys)(part, root) for part in parts]
    resolved = dask.delayed(_resolve_duplicates)(keys)
    analysed = [
        dask.delayed(_analyse_part)(part, root, resolved, n, options)
        for n, part in enumerate(parts)
    ]
    tables = {"articles": [dask.delayed(operator.getitem)(a, "articles") for a in analysed]}
    tables["skipped"] = [dask.delayed(_all_skipped)(keys, resolved)]
    for name in options.table_names():
        tables[name] = [dask.delayed(operator.getitem)(a, name) for a in analysed]
    sizes = [sum(s.size() for s in part) for part in parts]
    return DaskTables(tables, sizes, resolved)


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

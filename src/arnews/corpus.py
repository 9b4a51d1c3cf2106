"""Read a folder (or one file) of Arabic articles into a tidy articles table.

Every file seen is either loaded or listed in the skipped table with its reason; inputs are only
ever opened for reading. :class:`CorpusReader` reads article by article (record files a line at
a time, see :mod:`arnews.readers`), so a big corpus can be analysed in bounded chunks.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from arnews.decoding import decode_bytes
from arnews.errors import SkipFile
from arnews.readers import RECORD_SUFFIXES, TEXT_SUFFIXES, Source, read_source, reject_reason
from arnews.schema import ARTICLES, SKIPPED

__all__ = [
    "CHUNK_CHARS",
    "RECORD_SUFFIXES",
    "TEXT_SUFFIXES",
    "Corpus",
    "CorpusReader",
    "DuplicateFilter",
    "article_ids",
    "articles_frame",
    "chunk_articles",
    "decode_bytes",
    "list_inputs",
    "list_sources",
    "load_corpus",
]


@dataclass
class Corpus:
    """The result of :func:`load_corpus`: the loaded articles and the skipped inputs."""

    articles: pd.DataFrame
    skipped: pd.DataFrame
    root: Path = field(default=Path("."))


def _iter_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def article_ids(files: list[Path], root: Path) -> dict[Path, str]:
    """Return the article id of each input file (a record file's records add ``-<n>``).

    The id is the path under `root` without its extension, so ids are stable from run to run.
    Where two inputs share that path (``news.txt`` and ``news.md``, ``records.csv`` and
    ``records.jsonl``), or a text file's id reads like a record of a record file
    (``records-1.txt`` beside ``records.jsonl``), those files keep their extension in the id.
    """
    base = root if root.is_dir() else root.parent
    supported = [f for f in files if f.suffix.lower() in TEXT_SUFFIXES | RECORD_SUFFIXES]
    rel = {f: f.relative_to(base).as_posix() for f in supported}
    stems = {f: f.relative_to(base).with_suffix("").as_posix() for f in supported}
    shared = Counter(stems.values())
    ids = {f: rel[f] if shared[stem] > 1 else stem for f, stem in stems.items()}
    record_ids = {ids[f] for f in supported if f.suffix.lower() in RECORD_SUFFIXES}
    for f in supported:
        head, dash, n = ids[f].rpartition("-")
        if f.suffix.lower() in TEXT_SUFFIXES and dash and _is_number(n) and head in record_ids:
            ids[f] = rel[f]
    return ids


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def load_corpus(path: str | Path) -> Corpus:
    """Read every article under `path` (a folder, read recursively, or one file).

    Parameters
    ----------
    path : folder or file of ``.txt``/``.md`` articles (optional YAML front matter) or of
        ``.jsonl``/``.json``/``.csv`` records with ``title``, ``text``, ``published``,
        ``outlet``, ``url`` and an optional ``id`` (other fields are kept).

    Returns
    -------
    Corpus
        ``articles``: one row per article with columns ``article_id``, ``path``, ``title``,
        ``published`` (``datetime.date`` or None), ``outlet``, ``url``, ``encoding``, ``text``,
        ``n_chars``, ``sha256``, ``warnings`` (plus any extra record fields);
        ``skipped``: ``path``, ``reason`` for every input not loaded. Hidden files are ignored.
        Ids are unique (:func:`article_ids`; a record's own ``id`` when it has one); an article
        whose text or id an earlier one has is skipped with that reason.
    """
    return CorpusReader(path).load()


def list_inputs(root: Path) -> list[Path]:
    """Return the input files under `root` (or `root` itself), sorted, hidden ones left out."""
    return list(_iter_files(Path(root)))


def list_sources(root: str | Path) -> list[Source]:
    """Return one :class:`~arnews.readers.Source` per input file under `root`, with its id."""
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"corpus not found: {root}")
    files = list_inputs(root)
    ids = article_ids(files, root)
    return [Source(file, ids.get(file, "")) for file in files]


class DuplicateFilter:
    """Decide, article by article in input order, which repeat an earlier article.

    An article repeats an earlier one when its text is the same (same SHA-256) or, its text
    being new, when its id is taken; the first one read is kept.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._ids: dict[str, str] = {}

    def check(self, article_id: str, sha256: str, where: str) -> str | None:
        """Return why the article read at `where` repeats an earlier one, or None (and keep
        it in mind)."""
        first = self._texts.get(sha256)
        if first is not None:
            return f"exact duplicate of {first}"
        if article_id in self._ids:
            return f"duplicate article id {article_id!r} (already used by {self._ids[article_id]})"
        self._texts[sha256] = article_id
        self._ids[article_id] = where
        return None


class CorpusReader:
    """Read the inputs under `path` one article at a time, in input order.

    Parameters
    ----------
    path : folder or file of articles (see :func:`load_corpus`).
    sources : the inputs to read (default: :func:`list_sources`); the Dask engine reads
        partitions of that list.
    dedupe : skip articles that repeat an earlier one (:class:`DuplicateFilter`).
    """

    def __init__(
        self, path: str | Path, sources: list[Source] | None = None, *, dedupe: bool = True
    ) -> None:
        self.root = Path(path)
        self.sources = list_sources(self.root) if sources is None else sources
        self.skipped: list[tuple[str, str]] = []  # inputs not loaded, in input order
        self.duplicates: list[tuple[str, str]] = []  # articles repeating an earlier one
        self.wheres: list[str] = []  # where each article yielded was read
        self._filter = DuplicateFilter() if dedupe else None
        self._done_bytes = 0  # input bytes of the sources read through
        self._open: tuple[Source, BinaryIO] | None = None  # the streamed file being read

    @property
    def bytes_read(self) -> int:
        """Return the input bytes read so far (for progress)."""
        if self._open is None or self._open[1].closed:
            return self._done_bytes
        source, raw = self._open
        return self._done_bytes + min(max(raw.tell() - (source.start or 0), 0), source.size())

    def articles(self) -> Iterator[dict]:
        """Yield each article loaded (a dict of :data:`arnews.schema.ARTICLES` and extras)."""
        for source in self.sources:
            file = source.path
            opened = functools.partial(self._opened, source)
            for label, result in read_source(source, opened):
                where = str(file) if label is None else f"{file} ({label})"
                reason = str(result) if isinstance(result, SkipFile) else reject_reason(result)
                if reason:
                    self.skipped.append((where, reason))
                    continue
                if self._filter is not None:
                    dup = self._filter.check(result["article_id"], result["sha256"], where)
                    if dup:
                        self.duplicates.append((where, dup))
                        continue
                result["path"] = str(file)
                self.wheres.append(where)
                yield result
            self._done_bytes += source.size()
            self._open = None

    def _opened(self, source: Source, raw: BinaryIO) -> None:
        self._open = (source, raw)

    def load(self) -> Corpus:
        """Read every article; return them with the skipped inputs."""
        articles = articles_frame(list(self.articles()))
        return Corpus(articles, self.skipped_frame(), self.root)

    def chunks(self, max_chars: int) -> Iterator[pd.DataFrame]:
        """Yield the articles as tables of about `max_chars` characters (see
        :func:`chunk_articles`)."""
        return chunk_articles(self.articles(), max_chars)

    def skipped_frame(self) -> pd.DataFrame:
        """Return the inputs not loaded, then the duplicates: ``path``, ``reason``."""
        return pd.DataFrame(self.skipped + self.duplicates, columns=list(SKIPPED))


CHUNK_CHARS = 2_000_000  # articles analysed together (about 4 MB of Arabic text)


def chunk_articles(articles: Iterable[dict], max_chars: int) -> Iterator[pd.DataFrame]:
    """Yield `articles` as tables of about `max_chars` characters of text: at least one article
    each, or one empty table when there are none."""
    batch: list[dict] = []
    size = 0
    empty = True
    for article in articles:
        batch.append(article)
        size += article["n_chars"]
        if size >= max_chars:
            yield articles_frame(batch)
            batch, size, empty = [], 0, False
    if batch or empty:
        yield articles_frame(batch)


def articles_frame(articles: list[dict]) -> pd.DataFrame:
    """Return the articles table of article dicts (:data:`arnews.schema.ARTICLES`, extras)."""
    frame = pd.DataFrame(articles)
    if frame.empty:
        return pd.DataFrame(columns=list(ARTICLES))
    extra = [c for c in frame.columns if c not in ARTICLES]
    frame = frame[list(ARTICLES) + extra]
    return frame.astype({"n_chars": "int64"})

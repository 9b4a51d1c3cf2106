"""Read a folder (or one file) of Arabic articles into a tidy articles table.

Every file seen is either loaded or listed in the skipped table with its reason; inputs are only
ever opened for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from arnews.dates import parse_dateline
from arnews.errors import SkipFile
from arnews.normalize import has_arabic, has_presentation_forms
from arnews.repair import repair_text_ar
from arnews.schema import ARTICLES, SKIPPED

__all__ = [
    "RECORD_SUFFIXES",
    "TEXT_SUFFIXES",
    "Corpus",
    "CorpusReader",
    "DuplicateFilter",
    "article_ids",
    "articles_frame",
    "decode_bytes",
    "list_inputs",
    "load_corpus",
]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
RECORD_SUFFIXES = frozenset({".jsonl", ".json", ".csv"})
META_FIELDS = ("title", "published", "outlet", "url")
DATELINE_LINES = 8  # a dateline is looked for among the first non-empty lines,
DATELINE_MAX_CHARS = 60  # only on short lines,
PARAGRAPH_CHARS = 120  # and only above the first body paragraph (so a quoted post's date is not)

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")


@dataclass
class Corpus:
    """The result of :func:`load_corpus`: the loaded articles and the skipped inputs."""

    articles: pd.DataFrame
    skipped: pd.DataFrame
    root: Path = field(default=Path("."))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an input file's bytes; return ``(text, encoding)`` with CRLF/CR turned into LF.

    Tries, in order: a UTF-8 or UTF-16 byte-order mark, strict UTF-8, then Windows-1256 when the
    result reads as Arabic. Raises :class:`SkipFile` for binary or undecodable input.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = _decode(data[3:], "utf-8", "utf-8-sig"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = _decode(data, "utf-16", "utf-16"), "utf-16"
    elif b"\x00" in data:
        raise SkipFile("binary file (contains NUL bytes)")
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = _decode_cp1256(data), "cp1256"
    if _CONTROL_RE.search(text):
        raise SkipFile("binary file (contains control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


def _decode(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise SkipFile(f"undecodable text: invalid {label} at byte {err.start}") from None


def _decode_cp1256(data: bytes) -> str:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise SkipFile("undecodable text: neither UTF-8, UTF-16 nor Windows-1256") from None
    letters = [c for c in text if c.isalpha()]
    arabic = sum("\u0600" <= c <= "\u06ff" for c in letters)
    if not letters or arabic / len(letters) < 0.5:
        raise SkipFile("undecodable text: not UTF-8, and does not read as Windows-1256 Arabic")
    return text


def _parse_date(value, where: str) -> dt.date | None:
    """Parse a front-matter or record ``published`` value; raise SkipFile if it is not a date."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        found = parse_dateline(text)
        if found is None:
            raise SkipFile(f"{where}: 'published' is not a date: {text!r}") from None
        return found


def _split_front_matter(text: str) -> tuple[dict, str, int]:
    """Return ``(metadata, body, body_offset)``; raise SkipFile on malformed front matter."""
    if not text.startswith("---"):
        return {}, text, 0
    m = _FRONT_MATTER_RE.match(text)
    if m is None:
        raise SkipFile("malformed front matter: opening '---' has no closing '---'")
    try:
        meta = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as err:
        # The context mark is where the bad construct began; the problem mark where YAML gave up.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise SkipFile(f"malformed front matter{line}: {problem}") from None
    if not isinstance(meta, dict):
        raise SkipFile("malformed front matter: expected 'key: value' lines")
    return meta, text[m.end() :], m.end()


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _find_dateline(text: str) -> dt.date | None:
    """Return the publication date from a short dateline near the top, if exactly one."""
    dates = set()
    lines = [line.strip() for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    for line in lines:
        if len(line) > PARAGRAPH_CHARS:
            break
        if len(line) <= DATELINE_MAX_CHARS:
            dates.add(parse_dateline(line))
    dates.discard(None)
    return dates.pop() if len(dates) == 1 else None


def _read_text_file(data: bytes) -> Iterator[dict]:
    text, enc = decode_bytes(data)
    meta, body, _offset = _split_front_matter(text)
    # Offsets must index the article text, so the text is the body after the front matter.
    body, title, warnings = _repaired(body, meta.get("title"))
    published = _parse_date(meta.get("published", meta.get("date")), "front matter")
    if published is None and "published" not in meta:
        published = _find_dateline(body)
    yield {
        **{k: v for k, v in meta.items() if k not in META_FIELDS},
        "title": title,
        "published": published,
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "encoding": enc,
        "text": body,
        "warnings": warnings,
    }


def _repaired(body: str, title: object) -> tuple[str, str, list[str]]:
    """Return the body and title repaired (:func:`arnews.repair.repair_text_ar`) and the
    warnings saying what was done; the title defaults to the body's first line."""
    body, repair = repair_text_ar(body)
    if not title:
        return body, _first_line(body), repair.warnings()
    title, _ = repair_text_ar(str(title), visual=bool(repair.reversed_lines) or None)
    return body, title, repair.warnings()


def _records_from(data: bytes, suffix: str) -> tuple[list[tuple[str, object]], str]:
    """Return ``([(record label, record)], encoding)`` for a JSON Lines, JSON or CSV file."""
    text, enc = decode_bytes(data)
    if suffix == ".jsonl":
        records = []
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    records.append((f"line {n}", json.loads(line)))
                except json.JSONDecodeError as err:
                    records.append((f"line {n}", SkipFile(f"malformed JSON: {err.msg}")))
        return records, enc
    if suffix == ".json":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as err:
            raise SkipFile(f"malformed JSON at line {err.lineno}: {err.msg}") from None
        if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
            doc = doc["articles"]
        if isinstance(doc, dict):
            doc = [doc]
        if not isinstance(doc, list):
            raise SkipFile("malformed JSON: expected an object or a list of objects")
        return [(f"record {n}", rec) for n, rec in enumerate(doc, 1)], enc
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as err:
        raise SkipFile(f"malformed CSV: {err}") from None
    return [(f"row {n}", row) for n, row in enumerate(rows, 2)], enc


def _record_article(label: str, rec: object, enc: str) -> dict:
    if isinstance(rec, SkipFile):
        raise SkipFile(f"{label}: {rec}")
    if not isinstance(rec, dict):
        raise SkipFile(f"{label}: malformed record: expected an object")
    if None in rec:  # csv.DictReader puts surplus cells under the key None
        raise SkipFile(f"{label}: malformed record: more cells than header columns")
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        raise SkipFile(f"{label}: malformed record: no 'text'")
    body, title, warnings = _repaired(
        body.replace("\r\n", "\n").replace("\r", "\n"), rec.get("title")
    )
    return {
        **{k: v for k, v in rec.items() if k not in (*META_FIELDS, "text", "id")},
        "id": _record_id(rec.get("id"), label),
        "title": title,
        "published": _parse_date(rec.get("published"), label),
        "outlet": rec.get("outlet") or None,
        "url": rec.get("url") or None,
        "encoding": enc,
        "text": body,
        "warnings": warnings,
    }


def _record_id(value: object, label: str) -> str | None:
    """Return a record's own ``id`` as text (None when absent or empty)."""
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise SkipFile(f"{label}: malformed record: 'id' must be a string or an integer")
    return str(value).strip() or None


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
    files : the inputs to read (default: :func:`list_inputs`); the Dask engine reads
        partitions of that list.
    ids : the id of each input (default: :func:`article_ids` of `files`).
    dedupe : skip articles that repeat an earlier one (:class:`DuplicateFilter`).
    """

    def __init__(
        self,
        path: str | Path,
        files: list[Path] | None = None,
        ids: dict[Path, str] | None = None,
        *,
        dedupe: bool = True,
    ) -> None:
        self.root = Path(path)
        if not self.root.exists():
            raise FileNotFoundError(f"corpus not found: {self.root}")
        self.files = list_inputs(self.root) if files is None else files
        self.ids = article_ids(self.files, self.root) if ids is None else ids
        self.skipped: list[tuple[str, str]] = []  # inputs not loaded, in input order
        self.duplicates: list[tuple[str, str]] = []  # articles repeating an earlier one
        self.wheres: list[str] = []  # where each article yielded was read
        self._filter = DuplicateFilter() if dedupe else None

    def articles(self) -> Iterator[dict]:
        """Yield each article loaded (a dict of :data:`arnews.schema.ARTICLES` and extras)."""
        for file in self.files:
            for label, result in _read_file(file, self.ids.get(file, "")):
                where = str(file) if label is None else f"{file} ({label})"
                reason = str(result) if isinstance(result, SkipFile) else _reject(result)
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

    def load(self) -> Corpus:
        """Read every article; return them with the skipped inputs."""
        articles = articles_frame(list(self.articles()))
        return Corpus(articles, self.skipped_frame(), self.root)

    def skipped_frame(self) -> pd.DataFrame:
        """Return the inputs not loaded, then the duplicates: ``path``, ``reason``."""
        return pd.DataFrame(self.skipped + self.duplicates, columns=list(SKIPPED))


def _read_file(file: Path, article_id: str) -> Iterator[tuple[str | None, dict | SkipFile]]:
    """Yield ``(record label or None, article dict or SkipFile)`` for one input file."""
    suffix = file.suffix.lower()
    if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
        yield None, SkipFile(f"unsupported file type {suffix or '(none)'}")
        return
    try:
        data = file.read_bytes()
    except OSError as err:
        yield None, SkipFile(f"unreadable: {err.strerror}")
        return
    if not data.strip():
        yield None, SkipFile("empty file")
        return
    try:
        if suffix in TEXT_SUFFIXES:
            yield None, _finish(next(_read_text_file(data)), article_id)
            return
        records, enc = _records_from(data, suffix)
    except SkipFile as err:
        yield None, err
        return
    if not records:
        yield None, SkipFile("no records")
    for n, (label, rec) in enumerate(records, 1):
        try:
            article = _record_article(label, rec, enc)
            own_id = article.pop("id")
            yield label, _finish(article, own_id or f"{article_id}-{n}")
        except SkipFile as err:
            yield label, err


def _finish(article: dict, article_id: str) -> dict:
    text = article["text"]
    warnings = article["warnings"]
    if has_presentation_forms(text):  # forms with no letters to map them to (﴾ ﴿, ﷽)
        warnings.append("Arabic presentation forms without a letter equivalent left as they are")
    return {
        **article,
        "article_id": article_id,
        "n_chars": len(text),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "warnings": "; ".join(warnings),
    }


def _reject(article: dict) -> str | None:
    if not article["text"].strip():
        return "empty article text"
    if not has_arabic(article["text"]):
        return "no Arabic text"
    return None


def articles_frame(articles: list[dict]) -> pd.DataFrame:
    """Return the articles table of article dicts (:data:`arnews.schema.ARTICLES`, extras)."""
    frame = pd.DataFrame(articles)
    if frame.empty:
        return pd.DataFrame(columns=list(ARTICLES))
    extra = [c for c in frame.columns if c not in ARTICLES]
    frame = frame[list(ARTICLES) + extra]
    return frame.astype({"n_chars": "int64"})

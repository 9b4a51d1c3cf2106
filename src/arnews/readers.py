"""Read one input: decide its encoding, then parse its article or its records.

A text article (``.txt``/``.md``, optional YAML front matter) and a JSON file are read whole. A
JSON Lines or CSV file is read a line (a row) at a time, so a big dump never sits in memory
whole, and a JSON Lines file can be read in byte ranges (:func:`split_jsonl`, for the Dask
engine). Every problem is a :class:`~arnews.errors.SkipFile` whose message becomes the skipped
table's reason; nothing else escapes, whatever the bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import yaml

from arnews.dates import as_date, dateline_head, parse_dateline
from arnews.decoding import Opened, decode_bytes, open_text, sniff_encoding
from arnews.errors import SkipFile
from arnews.normalize import has_arabic, has_presentation_forms
from arnews.repair import repair_text_ar

__all__ = [
    "RECORD_SUFFIXES",
    "TEXT_SUFFIXES",
    "Source",
    "read_source",
    "reject_reason",
    "split_jsonl",
]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
RECORD_SUFFIXES = frozenset({".jsonl", ".json", ".csv"})
STREAMED_SUFFIXES = frozenset({".jsonl", ".csv"})
META_FIELDS = ("title", "published", "outlet", "url")
DATELINE_LINES = 8  # a dateline is looked for among the first non-empty lines,
DATELINE_MAX_CHARS = 60  # only on short lines,
PARAGRAPH_CHARS = 120  # and only above the first body paragraph (so a quoted post's date is not)
SPLITTABLE = frozenset({"utf-8", "utf-8-sig", "cp1256"})  # a b"\n" byte is a line break

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# An article's text may exceed csv's default cell limit (128 KiB); lift it for every reader.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


@dataclass(frozen=True)
class Source:
    """An input to read: a whole file, or a byte range of a JSON Lines file.

    A range starts at byte `start` (just after a line break) and holds `n_bytes` bytes in
    `n_lines` lines, the first being line `first_line` of the file and its first record number
    `first_record`.
    """

    path: Path
    article_id: str  # the file's id; its records add -<n>
    start: int | None = None
    n_bytes: int | None = None
    n_lines: int | None = None
    first_line: int = 1
    first_record: int = 1
    encoding: str | None = None  # known for a range (decided on the whole file)

    def size(self) -> int:
        """Return the input bytes this source reads (at least 1: empty files count too)."""
        if self.n_bytes is not None:
            return max(self.n_bytes, 1)
        try:
            return max(self.path.stat().st_size, 1)
        except OSError:
            return 1


# -- fields ---------------------------------------------------------------------------------------


def _parse_date(value, where: str) -> dt.date | None:
    """Parse a front-matter or record ``published`` value; raise SkipFile if it is not a date."""
    try:
        return as_date(value)
    except ValueError:
        text = str(value).strip()
        found = parse_dateline(text)
        if found is None:
            raise SkipFile(f"{where}: 'published' is not a date: {text[:80]!r}") from None
        return found


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _find_dateline(text: str) -> dt.date | None:
    """Return the publication date from a short dateline near the top, if exactly one."""
    dates = set()
    lines = [line.strip() for line in text.split("\n", 4 * DATELINE_LINES) if line.strip()]
    for line in lines[:DATELINE_LINES]:
        if len(line) > PARAGRAPH_CHARS:
            dates.add(dateline_head(line))  # a lead paragraph opening with a wire dateline
            break
        if len(line) <= DATELINE_MAX_CHARS:
            dates.add(parse_dateline(line))
    dates.discard(None)
    return dates.pop() if len(dates) == 1 else None


def _repaired(body: str, title: object) -> tuple[str, str, list[str]]:
    """Return the body and title repaired (:func:`arnews.repair.repair_text_ar`) and the
    warnings saying what was done; the title defaults to the body's first line."""
    body, repair = repair_text_ar(body)
    if not title:
        return body, _first_line(body), repair.warnings()
    title, _ = repair_text_ar(str(title), visual=bool(repair.reversed_lines) or None)
    return body, title, repair.warnings()


def _check_strings(fields: dict, where: str) -> None:
    """Refuse unpaired surrogates (JSON or YAML escapes such as \\ud800): no file can hold them."""
    for key, value in fields.items():
        for text in (key, value):
            if isinstance(text, str) and _SURROGATE_RE.search(text):
                raise SkipFile(f"{where}: unpaired surrogate escape in {str(key)[:40]!r}")


# -- text articles --------------------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[dict, str]:
    """Return ``(metadata, body)``; raise SkipFile on malformed front matter."""
    if not text.startswith("---"):
        return {}, text
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
    except (ValueError, TypeError, RecursionError) as err:  # e.g. a date such as 2025-02-30
        raise SkipFile(f"malformed front matter: {type(err).__name__}: {err}") from None
    if not isinstance(meta, dict):
        raise SkipFile("malformed front matter: expected 'key: value' lines")
    _check_strings(meta, "front matter")
    return meta, text[m.end() :]


def _text_article(data: bytes) -> dict:
    text, enc = decode_bytes(data)
    meta, body = _split_front_matter(text)
    # Offsets must index the article text, so the text is the body after the front matter.
    body, title, warnings = _repaired(body, meta.get("title"))
    published = _parse_date(meta.get("published", meta.get("date")), "front matter")
    if published is None and "published" not in meta:
        published = _find_dateline(body)
    return {
        **{k: v for k, v in meta.items() if k not in META_FIELDS},
        "title": title,
        "published": published,
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "encoding": enc,
        "text": body,
        "warnings": warnings,
    }


# -- records --------------------------------------------------------------------------------------


def _jsonl_records(source: Source, encoding: str, opened: Opened) -> Iterator[tuple[str, object]]:
    """Yield ``(label, record or SkipFile)`` per non-blank line of a JSON Lines source."""
    with open_text(source.path, encoding, source.start, opened) as fh:
        for n, line in enumerate(fh, source.first_line):
            if source.n_lines is not None and n >= source.first_line + source.n_lines:
                return
            if line.strip():
                yield f"line {n}", _json_value(line)


def _json_value(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        return SkipFile(f"malformed JSON: {err.msg}")
    except (ValueError, RecursionError) as err:  # a 5,000-digit number; deep nesting
        return SkipFile(f"malformed JSON: {type(err).__name__}: {str(err)[:80]}")


def _csv_records(source: Source, encoding: str, opened: Opened) -> Iterator[tuple[str, object]]:
    """Yield ``(label, record or SkipFile)`` per row of a CSV file; a CSV error ends the file."""
    with open_text(source.path, encoding, None, opened) as fh:
        rows = csv.DictReader(fh)
        n = 1
        try:
            for n, row in enumerate(rows, 2):
                yield f"row {n}", row
        except csv.Error as err:
            yield f"row {n + 1}", SkipFile(f"malformed CSV: {err}; the rest of the file unread")


def _json_records(data: bytes) -> tuple[list[tuple[str, object]], str]:
    text, enc = decode_bytes(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise SkipFile(f"malformed JSON at line {err.lineno}: {err.msg}") from None
    except (ValueError, RecursionError) as err:
        raise SkipFile(f"malformed JSON: {type(err).__name__}: {str(err)[:80]}") from None
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        raise SkipFile("malformed JSON: expected an object or a list of objects")
    return [(f"record {n}", rec) for n, rec in enumerate(doc, 1)], enc


def _record_article(label: str, rec: object, enc: str) -> dict:
    if isinstance(rec, SkipFile):
        raise SkipFile(f"{label}: {rec}")
    if not isinstance(rec, dict):
        raise SkipFile(f"{label}: malformed record: expected an object")
    if None in rec:  # csv.DictReader puts surplus cells under the key None
        raise SkipFile(f"{label}: malformed record: more cells than header columns")
    _check_strings(rec, f"{label}: malformed record")
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        raise SkipFile(f"{label}: malformed record: no 'text'")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body, title, warnings = _repaired(body, rec.get("title"))
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


# -- one source -----------------------------------------------------------------------------------


def read_source(
    source: Source, opened: Opened = None
) -> Iterator[tuple[str | None, dict | SkipFile]]:
    """Yield ``(record label or None, article dict or SkipFile)`` for one input.

    An article dict has the :data:`arnews.schema.ARTICLES` columns but ``path`` (and any extra
    front-matter or record fields); every failure is a SkipFile, for the file or one record.
    A streamed file (JSON Lines, CSV) is handed to `opened` once open, so that its position
    can be read.
    """
    suffix = source.path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
        yield None, SkipFile(f"unsupported file type {suffix or '(none)'}")
        return
    try:
        if suffix in STREAMED_SUFFIXES:
            encoding = source.encoding or sniff_encoding(source.path)
            reader = _jsonl_records if suffix == ".jsonl" else _csv_records
            yield from _articles(source, reader(source, encoding, opened), encoding)
            return
        data = source.path.read_bytes()
        if not data.strip():
            raise SkipFile("empty file")
        if suffix in TEXT_SUFFIXES:
            yield None, _finish(_text_article(data), source.article_id)
            return
        records, enc = _json_records(data)
    except SkipFile as err:
        yield None, err
        return
    except OSError as err:
        yield None, SkipFile(f"unreadable: {err.strerror or err}")
        return
    yield from _articles(source, iter(records), enc)


def _articles(
    source: Source, records: Iterable[tuple[str, object]], enc: str
) -> Iterator[tuple[str | None, dict | SkipFile]]:
    n = source.first_record - 1
    for n, (label, rec) in enumerate(records, source.first_record):
        try:
            article = _record_article(label, rec, enc)
            own_id = article.pop("id")
            yield label, _finish(article, own_id or f"{source.article_id}-{n}")
        except SkipFile as err:
            yield label, err
    if n < source.first_record and source.start is None:
        yield None, SkipFile("no records")


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


def reject_reason(article: dict) -> str | None:
    """Return why a parsed article is not loaded (no text, no Arabic), or None."""
    if not article["text"].strip():
        return "empty article text"
    if not has_arabic(article["text"]):
        return "no Arabic text"
    return None


# -- byte ranges of JSON Lines files --------------------------------------------------------------


def split_jsonl(source: Source, target_bytes: int) -> list[Source]:
    """Split a big JSON Lines file into ranges of about `target_bytes`, at line breaks.

    Each range knows its first line and first record number, so reading the ranges one by one
    gives the records (and ids) of reading the file whole. A file that is small, not JSON
    Lines, or in an encoding where a newline byte may sit inside a character (UTF-16) stays
    whole; so does one that cannot be read (the reader reports why).
    """
    path = source.path
    try:
        size = path.stat().st_size
        if path.suffix.lower() != ".jsonl" or size <= target_bytes:
            return [source]
        encoding = sniff_encoding(path)
    except (SkipFile, OSError):
        return [source]
    if encoding not in SPLITTABLE:
        return [source]
    ranges = [replace(source, encoding=encoding)]
    for start in _line_starts(path, target_bytes):
        ranges.append(replace(source, start=start, encoding=encoding))
    return _numbered(ranges)


def _line_starts(path: Path, target_bytes: int) -> list[int]:
    """Return byte offsets, about `target_bytes` apart, each just after a newline byte."""
    starts = []
    with path.open("rb") as fh:
        while True:
            fh.seek((starts[-1] if starts else 0) + target_bytes)
            fh.readline()  # to the end of the line holding that byte
            at = fh.tell()
            if not fh.read(1):
                return starts
            starts.append(at)


def _numbered(ranges: list[Source]) -> list[Source]:
    """Give each range its line count, first line and first record number (lines as a text
    reader sees them: CRLF and CR are line breaks too)."""
    out, line, record = [], 1, 1
    ends = [r.start for r in ranges[1:]] + [None]
    with ranges[0].path.open("rb") as fh:
        for source, end in zip(ranges, ends, strict=True):
            fh.seek(source.start or 0)
            data = fh.read() if end is None else fh.read(end - (source.start or 0))
            codec = "utf-8" if source.encoding == "utf-8-sig" else source.encoding
            text = data.decode(codec).replace("\r\n", "\n").replace("\r", "\n")
            lines = text.split("\n")
            if lines[-1] == "":
                lines.pop()  # the break ending the last line starts no new one
            records = sum(1 for text_line in lines if text_line.strip())
            out.append(
                replace(
                    source,
                    n_bytes=len(data),
                    n_lines=len(lines),
                    first_line=line,
                    first_record=record,
                )
            )
            line, record = line + len(lines), record + records
    out[0] = replace(out[0], start=0)  # a range, not the whole file: no "no records" check
    return out

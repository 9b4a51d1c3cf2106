"""Fuzzed loaders: whatever the bytes, every input is loaded or skipped with a reason.

Each hypothesis example (a seeded random generator, so that a failure can be replayed; drawing
every byte through hypothesis was ten times slower) writes a batch of files (random bytes,
broken front matter, ragged CSV, partial JSON Lines, mixed encodings, huge lines, names that
collide) and loads them: no
crash, ids unique, and per file the rows loaded plus the rows skipped are what the file holds
(one for an article; one per non-blank line of a JSON Lines file; one per CSV row, plus one
for a row that breaks the file). At least :data:`MIN_INPUTS` files are loaded per run.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arnews.corpus import load_corpus
from arnews.decoding import decode_bytes
from arnews.errors import SkipFile

FILES_PER_EXAMPLE = 50
EXAMPLES = 210
MIN_INPUTS = 10_000

WORDS = [
    "أطلقت", "شركة", "ميتا", "نموذج", "مفتوح", "المصدر", "في", "من", "على", "الذكاء",
    "الاصطناعي", "لا", "يف", "نم", "ﻻ", "ﺍﻟﺬﻛﺎء", "ﻣﻴﺘﺎ", "OpenAI", "GPT-5", "2025", "١٩",
    "أغسطس", "—", "،", ".", "؟", "\n", "\n\n", "(", ")", '"', "'", ",", "---", "\t", "\u200f",
]  # fmt: skip
SUFFIXES = [".txt", ".md", ".jsonl", ".json", ".csv", ".png", ".TXT", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1256"]


def _words(rnd: random.Random, most: int = 40) -> str:
    return " ".join(rnd.choices(WORDS, k=rnd.randint(0, most)))


def _any_text(rnd: random.Random) -> str:
    if rnd.random() < 0.8:
        return _words(rnd)
    alphabet = [chr(rnd.randint(0, 0x2FFF)) for _ in range(20)] + ["\U0001f600", "\x00"]
    return "".join(c for c in rnd.choices(alphabet, k=rnd.randint(0, 80)) if not _surrogate(c))


def _surrogate(c: str) -> bool:
    return 0xD800 <= ord(c) <= 0xDFFF


def _value(rnd: random.Random):
    return rnd.choice(
        [_any_text(rnd), None, rnd.randint(-(10**20), 10**20), rnd.random() * 1e300,
         float("nan"), True, [1, 2], {"a": 1}]
    )  # fmt: skip


def _date(rnd: random.Random):
    return rnd.choice(["2025-08-19", "2025-02-30", "someday", "19-08-2025", _words(rnd, 3), 7])


def _encode(rnd: random.Random, text: str) -> bytes:
    return text.encode(rnd.choice(ENCODINGS), errors="replace")


def text_file(rnd: random.Random) -> tuple[str, bytes]:
    front = rnd.choice(
        [
            "",
            "---\ntitle: {t}\npublished: {d}\noutlet: x\n---\n",
            "---\ntitle: [unclosed\n---\n",
            "---\ntitle: {t}\n",  # no closing line
            "---\n- a\n- b\n---\n",
            "---\n---\n",
            "---\npublished: {d}\n---\n",
            "---\n{t}: {t}\n---\n",
        ]
    )
    front = front.replace("{t}", json.dumps(_any_text(rnd))).replace("{d}", str(_date(rnd)))
    text = front + _any_text(rnd)
    if rnd.random() < 0.3:
        text = text.replace("\n", "\r\n")
    return rnd.choice([".txt", ".md", ".TXT"]), _encode(rnd, text)


def record(rnd: random.Random) -> dict:
    rec = {"text": _any_text(rnd)}
    for field in ("title", "published", "outlet", "id", "extra"):
        if rnd.random() < 0.4:
            rec[field] = _date(rnd) if field == "published" else _value(rnd)
    if rnd.random() < 0.1:
        rec["id"] = rnd.choice(["a", "b", 1])  # ids that repeat
    return rec


BAD_LINES = ["", "   ", "null", "[1, 2]", '"text"', "[" * 3000, "1" * 5000,
             '{"text": "\\ud800 ميتا"}', '{"text": "ميتا", "\\udc00": 1}']  # fmt: skip


def jsonl_file(rnd: random.Random) -> tuple[str, bytes]:
    lines = []
    for _ in range(rnd.randint(0, 12)):
        line = json.dumps(record(rnd), ensure_ascii=rnd.random() < 0.5)
        kind = rnd.randint(0, 9)
        if kind == 0:
            line = line[: rnd.randint(0, len(line))]  # cut short
        elif kind == 1:
            line = rnd.choice(BAD_LINES)
        lines.append(line)
    return ".jsonl", _encode(rnd, rnd.choice(["\n", "\r\n", "\r"]).join(lines))


def csv_file(rnd: random.Random) -> tuple[str, bytes]:
    header = rnd.choices(["title", "text", "published", "id", "x"], k=rnd.randint(1, 5))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for _ in range(rnd.randint(0, 8)):
        n = max(len(header) + rnd.randint(-2, 2), 0)  # ragged rows
        writer.writerow([_any_text(rnd) for _ in range(n)])
    text = out.getvalue()
    if rnd.random() < 0.5:  # a stray quote somewhere
        at = rnd.randint(0, len(text))
        text = text[:at] + '"' + text[at:]
    return ".csv", _encode(rnd, text)


def json_file(rnd: random.Random) -> tuple[str, bytes]:
    records = [record(rnd) for _ in range(rnd.randint(0, 4))]
    doc = rnd.choice([records, {"articles": records}, record(rnd), _value(rnd)])
    text = json.dumps(doc, ensure_ascii=False)
    if rnd.random() < 0.5:
        text = text[: rnd.randint(0, len(text))]
    return ".json", text.encode("utf-8")


def mixed_encodings(rnd: random.Random) -> tuple[str, bytes]:
    parts = [_encode(rnd, _words(rnd)) for _ in range(rnd.randint(1, 4))]
    return rnd.choice([".txt", ".jsonl", ".csv"]), b"\n".join(parts)


def huge_line(rnd: random.Random) -> tuple[str, bytes]:
    line = (_words(rnd) or "ميتا") + " "
    line = line * (150_000 // len(line) + 1)  # 150,000 characters and more, on one line
    kind = rnd.choice([".txt", ".jsonl", ".csv"])
    if kind == ".jsonl":
        line = json.dumps({"text": line}, ensure_ascii=False)
    elif kind == ".csv":
        line = f'text\n"{line}"'
    return kind, line.encode("utf-8")


def random_file(rnd: random.Random) -> tuple[str, bytes]:
    return rnd.choice(SUFFIXES), rnd.randbytes(rnd.randint(0, 300))


KINDS = [random_file, text_file, jsonl_file, csv_file, json_file, mixed_encodings]
NAMES = ["a", "b", "news", "records", "records-1", "sub/a", "sub/news", "x"]


def make_batch(rnd: random.Random) -> list[tuple[str, tuple[str, bytes]]]:
    """Return FILES_PER_EXAMPLE (stem, (suffix, bytes)) pairs; one in 50 is a huge line."""
    kinds = [huge_line if rnd.random() < 0.02 else rnd.choice(KINDS) for _ in range(50)]
    return [(rnd.choice(NAMES), kind(rnd)) for kind in kinds[:FILES_PER_EXAMPLE]]


def _expected_rows(path: Path) -> int | None:
    """Rows a file should give if read as records (None: not worked out here)."""
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        return None
    try:
        text, _ = decode_bytes(path.read_bytes())
    except SkipFile:
        return None
    if suffix == ".jsonl":
        return sum(1 for line in text.split("\n") if line.strip())
    rows = csv.DictReader(io.StringIO(text))
    count = 0
    try:
        for _ in rows:
            count += 1
    except csv.Error:
        return count + 1  # the rows before, and one saying where the file broke
    return count


def _write(folder: Path, batch) -> list[Path]:
    written = []
    for n, (stem, (suffix, data)) in enumerate(batch):
        path = folder / f"{stem}{suffix}"
        if path in written:  # same name drawn twice: keep both, under another folder
            path = folder / f"dup{n}" / path.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def _rows_per_file(corpus, files: list[Path]) -> dict[Path, tuple[int, int]]:
    """Per file: (rows for the whole file, rows for its records)."""
    whole = {p: 0 for p in files}
    records = {p: 0 for p in files}
    for where in corpus.articles["path"].tolist():
        records[Path(where)] += 1
    for where in corpus.skipped["path"].tolist():
        path, sep, _ = where.partition(" (")
        if sep and Path(path) in records and where.endswith(")"):
            records[Path(path)] += 1
        else:
            whole[Path(where)] += 1
    return {p: (whole[p], records[p]) for p in files}


def test_fuzzed_loaders_load_or_skip_every_input():
    seen = []
    root = Path(tempfile.mkdtemp(prefix="arnews-fuzz-"))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(rnd=st.randoms(use_true_random=True))
    def check(rnd):
        folder = Path(tempfile.mkdtemp(dir=root))
        try:
            files = _write(folder, make_batch(rnd))
            corpus = load_corpus(folder)
            assert corpus.articles["article_id"].is_unique
            assert all(isinstance(r, str) and r for r in corpus.skipped["reason"])
            for path, (whole, records) in _rows_per_file(corpus, files).items():
                assert whole + records >= 1, f"{path.name} neither loaded nor skipped"
                assert whole <= 1 and not (whole and records), (path.name, whole, records)
                expected = _expected_rows(path)
                if records and expected is not None:
                    assert records == expected, (path.name, records, expected)
                if path.suffix.lower() not in (".jsonl", ".csv", ".json"):
                    assert whole + records == 1, path.name
            seen.append(len(files))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    try:
        check()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    assert sum(seen) >= MIN_INPUTS, f"only {sum(seen)} fuzzed inputs loaded"

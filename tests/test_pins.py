"""Pinned tables: a restructure or a speed-up must not change what the analyses find.

The seeds' tables are kept whole in ``tests/snapshots/<table>_seeds.csv``; a 2,000-article
scale corpus built by ``benchmarks.scale_corpus`` is pinned by the SHA-256 of each table's CSV
(``tests/snapshots/scale_digests.json``). An intended change of results (accuracy work)
regenerates the pins in its own commit: ``ARNEWS_UPDATE_PINS=1 pytest tests/test_pins.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from arnews.pipeline import analyse
from benchmarks.scale_corpus import small_articles

SNAPSHOTS = Path(__file__).parent / "snapshots"
TABLES = ("sentences", "mentions", "stance", "events")
UPDATE = os.environ.get("ARNEWS_UPDATE_PINS") == "1"
SCALE_ARTICLES = 2_000


@pytest.fixture(scope="module")
def seed_tables(seed_corpus):
    return analyse(seed_corpus.articles)


@pytest.fixture(scope="module")
def scale_folder(tmp_path_factory):
    return small_articles(SCALE_ARTICLES, tmp_path_factory.mktemp("scale") / "small")


@pytest.fixture(scope="module")
def scale_tables(scale_folder):
    from arnews.corpus import load_corpus

    return analyse(load_corpus(scale_folder).articles)


@pytest.mark.parametrize("name", TABLES)
def test_seed_tables_match_their_pins(seed_tables, name):
    got = seed_tables[name].to_csv(index=False)
    pin = SNAPSHOTS / f"{name}_seeds.csv"
    if UPDATE:
        pin.write_text(got, "utf-8")
    assert got == pin.read_text("utf-8")


def test_scale_tables_match_their_pins(scale_tables):
    got = {
        name: hashlib.sha256(scale_tables[name].to_csv(index=False).encode()).hexdigest()
        for name in TABLES
    }
    pin = SNAPSHOTS / "scale_digests.json"
    if UPDATE:
        pin.write_text(json.dumps(got, indent=1) + "\n", "utf-8")
    assert got == json.loads(pin.read_text("utf-8"))


def test_streamed_extraction_writes_the_pinned_tables(scale_folder, tmp_path, monkeypatch):
    """arnews extract reads and analyses in chunks, in worker processes: the same tables."""
    import arnews.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 50_000)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    pipeline.extract_to(scale_folder, tmp_path, jobs=2)
    got = {n: hashlib.sha256((tmp_path / f"{n}.csv").read_bytes()).hexdigest() for n in TABLES}
    assert got == json.loads((SNAPSHOTS / "scale_digests.json").read_text("utf-8"))

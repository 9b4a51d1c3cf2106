import os
import shutil

import pandas as pd
import pytest

from arnews.cache import CACHE_ENV, ExtractCache
from arnews.pipeline import Options, extract, iter_extract


@pytest.fixture
def corpus(tmp_path, seeds_dir):
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    return folder


@pytest.fixture
def filled(tmp_path, corpus):
    cache = ExtractCache(tmp_path / "cache")
    cache.write(iter_extract(corpus), cache.key(corpus, Options()))
    return cache


def _lexicon(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("term,polarity,weight,aspect,note\nرائع,positive,1.0,quality,\n", "utf-8")
    return str(path)


def test_cache_read_gives_the_tables_of_extract(filled, corpus):
    options = Options(tables=("mentions", "events"))
    got, want = filled.read(corpus, options), extract(corpus, options=options)
    assert list(got) == list(want) == ["articles", "skipped", "sentences", "mentions", "events"]
    for name, frame in want.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


def test_cache_read_minds_only_the_extra_files_a_table_depends_on(filled, corpus, tmp_path):
    lexicon = _lexicon(tmp_path)
    assert filled.read(corpus, Options(tables=("mentions",), lexicon_extra=lexicon)) is not None
    assert filled.read(corpus, Options(tables=("stance",), lexicon_extra=lexicon)) is None


def test_cache_read_refuses_changed_corpus_content_but_not_a_touched_file(filled, corpus):
    first = sorted(corpus.glob("*.txt"))[0]
    os.utime(first, ns=(1, 1))  # times change, content does not
    assert filled.read(corpus, Options()) is not None
    first.write_text(first.read_text("utf-8") + " جديد", "utf-8")
    assert filled.read(corpus, Options()) is None


def test_cache_read_refuses_another_package(filled, corpus, monkeypatch):
    monkeypatch.setattr("arnews.cache.package_digest", lambda: "0.0.0:other")
    assert filled.read(corpus, Options()) is None


def test_extract_reads_the_cache_named_by_the_environment(filled, corpus, monkeypatch):
    (part,) = (filled.folder / "articles").glob("*.pkl")
    marked = pd.read_pickle(part).assign(title="from the cache")
    marked.to_pickle(part)
    assert set(extract(corpus)["articles"]["title"]) != {"from the cache"}
    monkeypatch.setenv(CACHE_ENV, str(filled.folder))
    assert set(extract(corpus)["articles"]["title"]) == {"from the cache"}

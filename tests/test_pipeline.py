"""Both engines give equal tables; the Dask one runs on a LocalCluster with 2 workers."""

import json
import shutil

import pandas as pd
import pytest

from arnews.pipeline import Options, extract, extract_dask, partition_sources, summarize
from arnews.readers import Source

distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory, seeds_dir):
    """Seeds in subfolders, plus duplicates across partitions and inputs to skip."""
    root = tmp_path_factory.mktemp("mixed")
    for i, seed in enumerate(sorted(seeds_dir.glob("*.txt"))):
        (root / f"part{i % 3}").mkdir(exist_ok=True)
        shutil.copy(seed, root / f"part{i % 3}" / seed.name)
    shutil.copy(next(seeds_dir.glob("001_*.txt")), root / "part2" / "zz-copy.txt")
    (root / "part1" / "empty.txt").write_text("")
    (root / "part0" / "english.txt").write_text("No Arabic here.")
    (root / "part2" / "records.jsonl").write_text(
        '{"title": "خبر", "text": "أطلقت ميتا نموذجا مفتوح المصدر في مارس 2025."}\n{bad\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def cluster():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c,
        distributed.Client(c) as client,
    ):
        yield client


def test_extract_dask_equals_local_on_two_workers(mixed_corpus, cluster):
    local = extract(mixed_corpus)
    dask_tables = extract(mixed_corpus, engine="dask")
    assert list(dask_tables) == list(local)
    for name, frame in local.items():
        pd.testing.assert_frame_equal(dask_tables[name], frame, check_dtype=False, obj=name)
    assert any(r.startswith("exact duplicate of") for r in local["skipped"]["reason"])
    assert len(cluster.scheduler_info()["workers"]) == 2
    # several partitions per worker, so both workers get tasks
    assert len(extract_dask(mixed_corpus).parts["articles"]) == 8


def test_partition_sources_balances_bytes(tmp_path):
    sources = []
    for i, size in enumerate([100, 100, 100, 100, 400, 100, 100]):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(b"x" * size)
        sources.append(Source(path, f"f{i}"))
    parts = partition_sources(sources, 3)
    assert [s for p in parts for s in p] == sources  # contiguous, nothing lost or repeated
    assert len(parts) == 3
    totals = [sum(s.size() for s in p) for p in parts]
    assert max(totals) <= 500


def test_extract_unknown_engine_is_an_error(seeds_dir):
    with pytest.raises(ValueError, match="unknown engine"):
        extract(seeds_dir, engine="spark")


def test_extract_computes_only_the_tables_asked(seeds_dir):
    tables = extract(seeds_dir, options=Options(tables=("events",)))
    assert list(tables) == ["articles", "skipped", "sentences", "events"]
    assert len(tables["events"]) > 0


def test_options_unknown_table_is_an_error():
    with pytest.raises(ValueError, match="unknown tables"):
        Options(tables=("sentiment",))


def test_extract_in_small_chunks_and_workers_equals_analyse(seeds_dir, seed_corpus, monkeypatch):
    import arnews.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # the seeds are small: force workers
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 5_000)  # and a chunk every article or two
    whole = pipeline.analyse(seed_corpus.articles)
    chunked = pipeline.extract(seeds_dir, jobs=2)
    pd.testing.assert_frame_equal(chunked["articles"], seed_corpus.articles, obj="articles")
    for name, frame in whole.items():
        pd.testing.assert_frame_equal(chunked[name], frame.reset_index(drop=True), obj=name)


def test_dask_summaries_equal_pandas(mixed_corpus, cluster):
    local = summarize(extract(mixed_corpus))
    on_dask = extract_dask(mixed_corpus).summaries()
    assert (
        list(on_dask)
        == list(local)
        == [
            "mentions_per_company",
            "tone_per_article",
            "events_per_kind",
        ]
    )
    for name, frame in local.items():
        got = on_dask[name].sort_index()
        if isinstance(frame, pd.Series):
            pd.testing.assert_series_equal(got, frame.sort_index(), check_dtype=False, obj=name)
        else:
            pd.testing.assert_frame_equal(got, frame.sort_index(), check_dtype=False, obj=name)


def test_extract_to_writes_what_whole_tables_write(mixed_corpus, tmp_path, monkeypatch):
    import arnews.pipeline as pipeline
    from arnews.corpus import load_corpus
    from arnews.tables import write_tables

    corpus = load_corpus(mixed_corpus)
    whole = {"articles": corpus.articles, "skipped": corpus.skipped}
    write_tables(whole | pipeline.analyse(corpus.articles), tmp_path / "whole")
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 3_000)  # many chunks
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    kept = pipeline.extract_to(mixed_corpus, tmp_path / "streamed", jobs=2)
    names = sorted(p.name for p in (tmp_path / "whole").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "streamed").iterdir())  # no temp left
    for name in names:
        assert (tmp_path / "streamed" / name).read_bytes() == (
            tmp_path / "whole" / name
        ).read_bytes()
    assert "text" not in kept["articles"] and len(kept["articles"]) == len(corpus.articles)


def test_extract_shows_articles_mb_rate_and_time_left(seeds_dir, monkeypatch, capsys):
    import arnews.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PROGRESS_DELAY", 0)
    extract(seeds_dir, options=Options(tables=()), progress=True)
    bar = capsys.readouterr().err.strip().split("\r")[-1]
    assert "100%" in bar and "5 articles" in bar and "B/s" in bar and "<00:00" in bar
    assert "kB/" in bar  # bytes done / in all, scaled


def test_extract_dask_splits_a_big_dump_and_equals_local(tmp_path, cluster, monkeypatch):
    import arnews.dask_engine as dask_engine

    lines = [
        json.dumps({"text": f"أطلقت ميتا نموذجا مفتوح المصدر في مارس {i}."}, ensure_ascii=False)
        for i in range(400)
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n\n{oops\n", encoding="utf-8")
    monkeypatch.setattr(dask_engine, "PART_BYTES", 4_000)
    tables = extract_dask(tmp_path)
    assert len(tables.sizes) >= 8  # one file, many partitions
    on_dask, local = tables.compute(), extract(tmp_path)
    for name, frame in local.items():
        pd.testing.assert_frame_equal(on_dask[name], frame, check_dtype=False, obj=name)
    assert local["articles"]["article_id"].iloc[-1] == "dump-400"


def test_dask_partitions_stream_in_order_through_a_bounded_window(mixed_corpus, cluster):
    """One partition computed ahead at a time still gives every table in input order, and the
    duplicates pass shared by the partitions runs once (its result is held, not recomputed)."""
    tables = extract_dask(mixed_corpus)
    assert len(tables.sizes) >= 4
    heard: list[int] = []
    with distributed.get_task_stream() as stream:
        parts = list(tables.iter_partitions(heard.append, ahead=1))
    assert heard == tables.sizes  # each partition's bytes, in input order
    local = extract(mixed_corpus)
    streamed = pd.concat([p["articles"] for p in parts[:-1]], ignore_index=True)
    assert streamed["article_id"].tolist() == local["articles"]["article_id"].tolist()
    pd.testing.assert_frame_equal(parts[-1]["skipped"], local["skipped"], check_dtype=False)
    runs = [str(t["key"]) for t in stream.data]
    assert sum("_resolve_duplicates" in k for k in runs) == 1
    assert sum("_part_keys" in k for k in runs) == len(tables.sizes)

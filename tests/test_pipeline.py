"""Both engines give equal tables; the Dask one runs on a LocalCluster with 2 workers."""

import shutil

import pandas as pd
import pytest

from arnews.pipeline import Options, extract, extract_dask, partition_files, summarize

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


def test_partition_files_balances_bytes(tmp_path):
    files = []
    for i, size in enumerate([100, 100, 100, 100, 400, 100, 100]):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(b"x" * size)
        files.append(path)
    parts = partition_files(files, 3)
    assert [f for p in parts for f in p] == files  # contiguous, nothing lost or repeated
    assert len(parts) == 3
    totals = [sum(f.stat().st_size for f in p) for p in parts]
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


def test_analyse_parallel_equals_analyse(seed_corpus, monkeypatch):
    import arnews.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_CHARS", 0)  # the seeds are small: force workers
    serial = pipeline.analyse(seed_corpus.articles)
    parallel = pipeline.analyse_parallel(seed_corpus.articles, jobs=2)
    assert list(parallel) == list(serial)
    for name, frame in serial.items():
        pd.testing.assert_frame_equal(parallel[name], frame.reset_index(drop=True), obj=name)


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

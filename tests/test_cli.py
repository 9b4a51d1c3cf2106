import pandas as pd

from arnews.cli import main


def test_main_extract_writes_tables(tmp_path, seeds_dir, capsys):
    assert main(["extract", "--corpus", str(seeds_dir), "--out", str(tmp_path)]) == 0
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert len(articles) == 5 and "text" not in articles.columns
    sentences = pd.read_csv(tmp_path / "sentences.csv")
    assert list(sentences.columns) == ["article_id", "sentence_id", "start", "end", "text"]
    assert pd.read_csv(tmp_path / "skipped.csv").empty
    for name, first in [
        ("mentions", "article_id"),
        ("stance", "article_id"),
        ("events", "article_id"),
    ]:
        table = pd.read_csv(tmp_path / f"{name}.csv")
        assert len(table) > 0 and table.columns[0] == first
    assert "5 articles loaded, 0 inputs skipped" in capsys.readouterr().out


def test_main_extract_missing_corpus_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2
    assert "corpus not found" in capsys.readouterr().err


def test_main_report_unknown_parameter_lists_declared(tmp_path, seeds_dir, capsys):
    argv = ["report", "--corpus", str(seeds_dir), "--out", str(tmp_path / "out")]
    argv += ["--notebooks", str(seeds_dir.parent / "notebooks"), "-p", "top_m", "3"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "unknown parameter(s) ['top_m']" in err and "00-corpus: top_n" in err
    assert not (tmp_path / "out").exists()


def test_main_report_failing_cell_names_notebook_cell_error(tmp_path, seeds_dir, capsys):
    argv = ["report", "--corpus", str(seeds_dir), "--out", str(tmp_path / "out"), "-q"]
    argv += ["--notebooks", str(seeds_dir.parent / "notebooks"), "--only", "00-corpus"]
    argv += ["--params", str(seeds_dir.parent / "notebooks" / "params" / "seeds.yaml")]
    argv += ["-p", "top_n", "0", "--no-figures"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "00-corpus.ipynb: cell" in err and "top_n must be a positive integer" in err
    assert (tmp_path / "out.failed" / "00-corpus.ipynb").exists()
    assert not (tmp_path / "out").exists()


def test_main_extract_dask_parquet_writes_partitioned_tables(tmp_path, seeds_dir):
    distributed = __import__("pytest").importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c,
        distributed.Client(c),
    ):
        args = ["extract", "--corpus", str(seeds_dir), "--out", str(tmp_path)]
        assert main([*args, "--engine", "dask", "--format", "parquet"]) == 0
    mentions = pd.read_parquet(tmp_path / "mentions")
    assert len(mentions) > 100 and {"entity", "company"} <= set(mentions.columns)
    assert len(list((tmp_path / "articles").glob("*.parquet"))) >= 2  # partitioned


def test_main_extract_bad_gazetteer_names_file_and_line(tmp_path, seeds_dir, capsys):
    bad = tmp_path / "extra.yaml"
    bad.write_text("- name: X Co\n  kind: [unclosed\n", encoding="utf-8")
    code = main(["extract", "--corpus", str(seeds_dir), "--out", str(tmp_path / "o"),
                 "--gazetteer", str(bad)])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "extra.yaml" in err and "line" in err


def test_main_extract_tables_are_readable_by_others(tmp_path, seeds_dir):
    assert main(["extract", "--corpus", str(seeds_dir), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "articles.csv").stat().st_mode & 0o044 == 0o044


def test_main_report_mistyped_corpus_fails_once_before_any_kernel(tmp_path, seeds_dir, capsys):
    import time

    argv = ["report", "--corpus", str(tmp_path / "sedes"), "--out", str(tmp_path / "out")]
    start = time.perf_counter()
    assert main([*argv, "--notebooks", str(seeds_dir.parent / "notebooks")]) == 2
    assert time.perf_counter() - start < 10  # no kernel started
    err = capsys.readouterr().err
    assert err.count("corpus not found") == 1 and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_main_report_parameter_of_the_wrong_type_fails_before_any_kernel(
    tmp_path, seeds_dir, capsys
):
    argv = ["report", "--corpus", str(seeds_dir), "--out", str(tmp_path / "out")]
    argv += ["--notebooks", str(seeds_dir.parent / "notebooks"), "-p", "top_n", "many"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "top_n must be of type int (00-corpus declares 'top_n: int'), got 'many'" in err
    assert not (tmp_path / "out").exists()


def test_main_report_missing_extra_file_fails_before_any_kernel(tmp_path, seeds_dir, capsys):
    argv = ["report", "--corpus", str(seeds_dir), "--out", str(tmp_path / "out")]
    argv += ["--notebooks", str(seeds_dir.parent / "notebooks")]
    assert main([*argv, "-p", "lexicon_extra", str(tmp_path / "mine.csv")]) == 2
    assert "lexicon_extra: no such file or folder" in capsys.readouterr().err


def test_main_extract_into_a_busy_folder_fails_at_once(tmp_path, seeds_dir, capsys):
    from arnews.locking import output_lock

    with output_lock(tmp_path / "tables", "arnews report"):
        code = main(["extract", "--corpus", str(seeds_dir), "--out", str(tmp_path / "tables")])
    assert code == 2
    assert "is writing to" in capsys.readouterr().err
    assert not (tmp_path / "tables").exists()


def test_main_extract_inside_a_folder_a_report_is_writing_fails(tmp_path, seeds_dir, capsys):
    from arnews.locking import output_lock

    with output_lock(tmp_path / "out", "arnews report"):
        code = main(["extract", "--corpus", str(seeds_dir), "--out", str(tmp_path / "out/t")])
    assert code == 2 and "arnews report" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()

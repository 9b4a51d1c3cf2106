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

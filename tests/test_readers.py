import json

import pytest

from arnews.corpus import CorpusReader, list_sources, load_corpus
from arnews.decoding import decode_bytes
from arnews.readers import Source, split_jsonl

ARABIC = "أطلقت شركة ميتا نموذجها الجديد مفتوح المصدر."


def _jsonl(path, n, *, blank_every=7, crlf=False, bom=False):
    lines = []
    for i in range(n):
        lines.append(
            json.dumps({"title": f"خبر {i}", "text": f"{ARABIC} {i}"}, ensure_ascii=False)
        )
        if i % blank_every == 3:
            lines.append("   ")
        if i == 5:
            lines.append("{broken")
    data = ("\r\n" if crlf else "\n").join(lines).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@pytest.mark.parametrize(("crlf", "bom"), [(False, False), (True, False), (False, True)])
def test_split_jsonl_ranges_read_like_the_whole_file(tmp_path, crlf, bom):
    path = _jsonl(tmp_path / "dump.jsonl", 300, crlf=crlf, bom=bom)
    whole = load_corpus(path)
    (source,) = list_sources(path)
    ranges = split_jsonl(source, 2_000)
    assert len(ranges) > 5 and sum(r.n_bytes for r in ranges) == path.stat().st_size
    reader = CorpusReader(path, ranges)
    articles = reader.load().articles
    assert articles["article_id"].tolist() == whole.articles["article_id"].tolist()
    assert articles["text"].tolist() == whole.articles["text"].tolist()
    assert reader.skipped_frame().equals(whole.skipped)
    assert list(whole.skipped["path"]) == [f"{path} (line 8)"]  # "{broken", after a blank line


def test_split_jsonl_leaves_small_and_utf16_files_whole(tmp_path):
    small = _jsonl(tmp_path / "small.jsonl", 3)
    assert split_jsonl(Source(small, "small"), 10_000) == [Source(small, "small")]
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(_jsonl(tmp_path / "x.jsonl", 100).read_text("utf-8").encode("utf-16"))
    assert split_jsonl(Source(wide, "wide"), 1_000) == [Source(wide, "wide")]


def test_csv_error_mid_file_keeps_the_rows_before(tmp_path):
    rows = "".join(f'"{ARABIC} {i}",t{i}\n' for i in range(3))
    (tmp_path / "feed.csv").write_text(f"text,title\n{rows}" + '"a"b,c\n', "utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["feed-1", "feed-2", "feed-3"]


def test_csv_cells_longer_than_csvs_default_limit_are_read(tmp_path):
    long_text = (ARABIC + " ") * 5_000  # 230,000 characters, past csv's 131,072
    (tmp_path / "long.csv").write_text(f'text\n"{long_text}"\n', "utf-8")
    assert load_corpus(tmp_path).articles["n_chars"].tolist() == [len(long_text)]


def test_decode_bytes_reports_where_a_marked_file_breaks():
    with pytest.raises(Exception, match="invalid utf-8-sig at byte 6"):
        decode_bytes(b"\xef\xbb\xbfabc\xff")


def test_reader_bytes_read_follows_a_streamed_file(tmp_path):
    path = _jsonl(tmp_path / "dump.jsonl", 3000)
    reader = CorpusReader(path)
    seen = [reader.bytes_read for n, _ in enumerate(reader.articles()) if n % 500 == 0]
    assert seen == sorted(seen) and seen[-1] > 0
    assert reader.bytes_read == path.stat().st_size

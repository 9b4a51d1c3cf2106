import datetime as dt
import hashlib
import json

import arabic_reshaper
import pytest

from arnews.corpus import load_corpus

ARABIC = "أطلقت شركة ميتا نموذجها الجديد مفتوح المصدر.\nوقال المتحدث إن النموذج متاح للجميع."


def _reasons(corpus):
    return {p.rsplit("/", 1)[-1]: r for p, r in corpus.skipped.itertuples(index=False)}


def test_load_corpus_seeds_loads_all_five(seed_corpus):
    articles = seed_corpus.articles
    assert len(articles) == 5 and seed_corpus.skipped.empty
    assert articles["article_id"].tolist()[0] == "000_b91ec37b2ecf8e06"
    by_id = articles.set_index("article_id")
    assert by_id.loc["001_e562516a8d8dfbe5", "published"] == dt.date(2025, 8, 19)
    assert by_id.loc["003_216b61d32f50c6ac", "published"] is None  # a quoted post's date
    assert by_id.loc["000_b91ec37b2ecf8e06", "title"].startswith("تستعد شركة OpenAI")
    assert (articles["n_chars"] == articles["text"].str.len()).all()


def test_load_corpus_published_matches_gold(seed_corpus, gold):
    for row in seed_corpus.articles.itertuples():
        expected = gold[row.article_id]["published"]
        assert (row.published.isoformat() if row.published else None) == expected


@pytest.mark.parametrize(
    ("encoding", "data_encoding", "recorded"),
    [
        ("utf-8", "utf-8", "utf-8"),
        ("utf-8-bom", "utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16", "utf-16"),
        ("cp1256", "cp1256", "cp1256"),
    ],
)
def test_load_corpus_detects_encoding(tmp_path, encoding, data_encoding, recorded):
    (tmp_path / f"{encoding}.txt").write_bytes(ARABIC.replace("\n", "\r\n").encode(data_encoding))
    corpus = load_corpus(tmp_path)
    row = corpus.articles.iloc[0]
    assert row["encoding"] == recorded
    assert row["text"] == ARABIC  # CRLF became LF, no BOM left


def test_load_corpus_front_matter(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: عنوان المقال\npublished: 2025-08-19\noutlet: السوسنة\nurl: https://x.y/1\n"
        "topic: ai\n---\n" + ARABIC,
        encoding="utf-8",
    )
    row = load_corpus(tmp_path).articles.iloc[0]
    assert (row["title"], row["published"], row["outlet"]) == (
        "عنوان المقال",
        dt.date(2025, 8, 19),
        "السوسنة",
    )
    assert row["url"] == "https://x.y/1" and row["topic"] == "ai"
    assert row["text"] == ARABIC


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("19-08-2025 01:23 PM", dt.date(2025, 8, 19)),
        ("الثلاثاء 19 أغسطس 2025", dt.date(2025, 8, 19)),
        ("٢٠٢٥/٠٨/١٩", dt.date(2025, 8, 19)),
        ("19-08-2025 / 20-08-2025", None),  # two dates: ambiguous, not guessed
    ],
)
def test_load_corpus_dateline(tmp_path, dateline, expected):
    (tmp_path / "a.txt").write_text(f"العنوان هنا\n\n{dateline}\n\n{ARABIC}", encoding="utf-8")
    assert load_corpus(tmp_path).articles.iloc[0]["published"] == expected


def test_load_corpus_records_jsonl_json_csv(tmp_path):
    rec = {"title": "خبر", "text": ARABIC, "published": "2025-01-02", "lang": "ar"}
    (tmp_path / "a.jsonl").write_text(
        json.dumps(rec, ensure_ascii=False) + "\n{oops\n", encoding="utf-8"
    )
    (tmp_path / "b.json").write_text(
        json.dumps([{**rec, "text": ARABIC + " ب"}, {"title": "x"}], ensure_ascii=False),
        encoding="utf-8",
    )
    (tmp_path / "c.csv").write_text(
        f'title,text,published\nخبر,"{ARABIC} ج",2025-03-04\n', encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["a-1", "b-1", "c-1"]
    assert corpus.articles.iloc[0]["lang"] == "ar"
    assert corpus.articles.iloc[2]["published"] == dt.date(2025, 3, 4)
    reasons = corpus.skipped["reason"].tolist()
    assert any(r.startswith("line 2: malformed JSON") for r in reasons)
    assert any(r == "record 2: malformed record: no 'text'" for r in reasons)


def test_load_corpus_bad_inputs_are_skipped_with_reasons(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARABIC, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "copy.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("café crème brûlée déjà".encode("latin-1"))
    (tmp_path / "english.txt").write_text("Only English here.", encoding="utf-8")
    (tmp_path / "badyaml.md").write_text("---\ntitle: [unclosed\n---\n" + ARABIC, "utf-8")
    (tmp_path / "unclosed.md").write_text("---\ntitle: x\n" + ARABIC, encoding="utf-8")
    (tmp_path / "baddate.md").write_text("---\npublished: someday\n---\n" + ARABIC, "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    reasons = _reasons(corpus)
    assert corpus.articles["article_id"].tolist() == ["good"]
    assert reasons["copy.txt"] == "exact duplicate of good"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["latin1.txt"].startswith("undecodable text")
    assert reasons["english.txt"] == "no Arabic text"
    assert reasons["badyaml.md"].startswith("malformed front matter at line 2")
    assert reasons["unclosed.md"].startswith("malformed front matter")
    assert reasons["baddate.md"] == "front matter: 'published' is not a date: 'someday'"
    assert reasons["image.png"] == "unsupported file type .png"
    assert reasons["broken.json"].startswith("malformed JSON at line 1")
    # every file seen is either loaded or skipped
    n_files = sum(1 for p in tmp_path.rglob("*") if p.is_file())
    assert len(corpus.articles) + len(corpus.skipped) == n_files


def test_load_corpus_never_writes_inputs(tmp_path, seeds_dir):
    before = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
              for p in seeds_dir.iterdir()}  # fmt: skip
    load_corpus(seeds_dir)
    after = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
             for p in seeds_dir.iterdir()}  # fmt: skip
    assert before == after


def test_load_corpus_repairs_baked_presentation_forms(tmp_path):
    logical = "ميتا تطلق نموذجا مفتوح المصدر لا يخلو من المخاطر"
    baked = arabic_reshaper.reshape(logical)  # as pasted from a PDF: shapes, not letters
    assert baked != logical
    (tmp_path / "baked.txt").write_text(baked, encoding="utf-8")
    row = load_corpus(tmp_path).articles.iloc[0]
    assert row["text"] == row["title"] == logical  # the ligatures لا expand to two letters
    assert "presentation forms mapped to letters" in row["warnings"]
    assert "offsets index the repaired text" in row["warnings"]


def test_load_corpus_repairs_visually_ordered_lines_and_finds_the_dateline(tmp_path):
    from bidi import get_display

    lines = ["ميتا تطلق نموذجها الجديد", "الثلاثاء 19 أغسطس 2025", ARABIC]
    logical = "\n".join(lines)
    visual = "\n".join(get_display(line, base_dir="R") for line in logical.split("\n"))
    (tmp_path / "pdf.txt").write_text(visual, encoding="utf-8")
    row = load_corpus(tmp_path).articles.iloc[0]
    assert row["text"] == logical
    assert row["title"] == lines[0] and row["published"] == dt.date(2025, 8, 19)
    assert "put back in reading order on lines 1, 2, 3, 4" in row["warnings"]


def test_load_corpus_repaired_offsets_slice_back_to_mentions(tmp_path):
    from bidi import get_display

    from arnews.pipeline import analyse

    pdf = get_display(arabic_reshaper.reshape(ARABIC.replace("\n", " ")), base_dir="R")
    (tmp_path / "pdf.txt").write_text(pdf, encoding="utf-8")
    articles = load_corpus(tmp_path).articles
    mentions = analyse(articles)["mentions"]
    text = articles.iloc[0]["text"]
    assert "Meta" in set(mentions["company"])
    assert all(
        text[s:e] == surface
        for s, e, surface in mentions[["start", "end", "surface"]].itertuples(index=False)
    )


def test_load_corpus_leaves_logical_text_as_it_is(seed_corpus):
    assert (seed_corpus.articles["warnings"] == "").all()


def test_load_corpus_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus not found"):
        load_corpus(tmp_path / "nope")


def _ids(corpus):
    return corpus.articles["article_id"].tolist()


def test_load_corpus_seed_ids_are_their_file_stems(seed_corpus, seeds_dir):
    assert _ids(seed_corpus) == sorted(p.stem for p in seeds_dir.glob("*.txt"))


def test_load_corpus_same_stem_text_files_get_distinct_ids(tmp_path):
    (tmp_path / "news.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "news.md").write_text(ARABIC + " ثانية", encoding="utf-8")
    (tmp_path / "other.txt").write_text(ARABIC + " ثالثة", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert _ids(corpus) == ["news.md", "news.txt", "other"]
    assert corpus.skipped.empty


def test_load_corpus_same_stem_record_files_get_distinct_ids(tmp_path):
    rec = json.dumps({"text": ARABIC}, ensure_ascii=False)
    (tmp_path / "records.jsonl").write_text(rec + "\n", encoding="utf-8")
    (tmp_path / "records.csv").write_text(f'text\n"{ARABIC} ب"\n', encoding="utf-8")
    assert _ids(load_corpus(tmp_path)) == ["records.csv-1", "records.jsonl-1"]


def test_load_corpus_text_file_named_like_a_record_keeps_its_extension(tmp_path):
    (tmp_path / "records.jsonl").write_text(json.dumps({"text": ARABIC}) + "\n", "utf-8")
    (tmp_path / "records-1.txt").write_text(ARABIC + " ب", encoding="utf-8")
    assert _ids(load_corpus(tmp_path)) == ["records-1.txt", "records-1"]


def test_load_corpus_uses_a_records_own_id_and_skips_a_repeated_one(tmp_path):
    lines = [
        {"id": "ar-7", "text": ARABIC},
        {"id": 8, "text": ARABIC + " ب"},
        {"text": ARABIC + " ج"},
        {"id": "ar-7", "text": ARABIC + " د"},  # another article under a taken id
        {"id": "x", "text": ARABIC},  # the first article again, under a new id
        {"id": ["not", "an", "id"], "text": ARABIC + " هـ"},
    ]
    data = "\n".join(json.dumps(rec, ensure_ascii=False) for rec in lines)
    (tmp_path / "feed.jsonl").write_text(data, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert _ids(corpus) == ["ar-7", "8", "feed-3"]
    assert "id" not in corpus.articles.columns
    reasons = dict(corpus.skipped.itertuples(index=False))
    feed = tmp_path / "feed.jsonl"
    assert (
        reasons[f"{feed} (line 4)"]
        == f"duplicate article id 'ar-7' (already used by {feed} (line 1))"
    )
    assert reasons[f"{feed} (line 5)"] == "exact duplicate of ar-7"
    assert reasons[f"{feed} (line 6)"] == (
        "line 6: malformed record: 'id' must be a string or an integer"
    )


def test_load_corpus_ids_are_stable_and_unique(tmp_path):
    for name in ["a.txt", "a.md", "b.jsonl", "b.csv", "b-1.md", "sub/a.txt"]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        body = f"{ARABIC} {name}"
        if name.endswith(".jsonl"):
            body = json.dumps({"text": body}, ensure_ascii=False)
        elif name.endswith(".csv"):
            body = f'text\n"{body}"\n'
        path.write_text(body, encoding="utf-8")
    first, second = load_corpus(tmp_path), load_corpus(tmp_path)
    assert _ids(first) == _ids(second)
    assert first.articles["article_id"].is_unique and len(first.articles) == 6
    assert first.skipped.empty


def test_corpus_is_not_unpacked_like_a_tuple(seed_corpus):
    with pytest.raises(TypeError):
        _articles, _skipped = seed_corpus

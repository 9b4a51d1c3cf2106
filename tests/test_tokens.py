from hypothesis import given
from hypothesis import strategies as st

from arnews.tokens import (
    iter_sentences,
    iter_tokens,
    sentences_table,
    split_proclitic_ar,
    tokens_table,
)


def _sentences(text):
    return [text[s:e] for s, e in iter_sentences(text)]


def test_iter_sentences_keeps_decimals_versions_and_domains_whole():
    text = "أطلقت ميتا Llama 3.1 بدقة 1.7 ضعف على meta.ai اليوم. ثم جاء GPT-4 بعده!"
    assert _sentences(text) == [
        "أطلقت ميتا Llama 3.1 بدقة 1.7 ضعف على meta.ai اليوم.",
        "ثم جاء GPT-4 بعده!",
    ]


def test_iter_sentences_splits_on_arabic_question_mark_and_lines():
    assert _sentences("ما الخبر؟ لا شيء\nسطر ثان") == ["ما الخبر؟", "لا شيء", "سطر ثان"]


def test_iter_sentences_list_number_stays_with_item_and_bare_dash_dropped():
    text = "✅ 1. ديمقراطية التطوير\n-\nبند"
    assert _sentences(text) == ["✅ 1. ديمقراطية التطوير", "بند"]


def test_iter_sentences_closing_quote_after_dot():
    text = 'قال: "المصدر المفتوح انتصر." ثم صمت.'
    assert _sentences(text) == ['قال: "المصدر المفتوح انتصر."', "ثم صمت."]


def test_iter_sentences_agree_with_gold_boundaries(gold, seeds_dir):
    tp = fp = fn = 0
    for doc in gold.values():
        text = (seeds_dir / doc["article"]).read_text("utf-8")
        expected = {(s["start"], s["end"]) for s in doc["sentences"]}
        found = set(iter_sentences(text))
        tp, fp, fn = (
            tp + len(expected & found),
            fp + len(found - expected),
            fn + len(expected - found),
        )
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"sentence boundary F1 on the seeds: {f1:.3f} (tp={tp} fp={fp} fn={fn})")
    assert f1 >= 0.95


def test_iter_tokens_keeps_diacritics_inside_arabic_words():
    tokens = [m.group() for m in iter_tokens("وفقًا لـ OpenAI، ١٢ نموذجًا gpt-oss")]
    assert tokens == ["وفقًا", "لـ", "OpenAI", "،", "١٢", "نموذجًا", "gpt", "-", "oss"]


def test_split_proclitic_ar_light_split():
    assert split_proclitic_ar("وميتا") == ("و", "ميتا")
    assert split_proclitic_ar("للمطورين") == ("لل", "مطورين")
    assert split_proclitic_ar("والشركات") == ("وال", "شركات")
    assert split_proclitic_ar("من") == ("", "من")


def test_tokens_table_columns_and_offsets(seed_corpus):
    sentences = sentences_table(seed_corpus.articles)
    tokens = tokens_table(seed_corpus.articles, sentences)
    assert list(tokens.columns) == [
        "article_id", "sentence_id", "token_id", "start", "end", "text", "norm", "script",
        "clitic", "stem",
    ]  # fmt: skip
    texts = dict(
        zip(seed_corpus.articles["article_id"], seed_corpus.articles["text"], strict=True)
    )
    for row in tokens.sample(300, random_state=0).itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


@given(st.text())
def test_iter_sentences_offsets_slice_original(text):
    prev_end = 0
    for s, e in iter_sentences(text):
        assert prev_end <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        prev_end = e


@given(st.text())
def test_iter_tokens_offsets_slice_original(text):
    covered = 0
    for m in iter_tokens(text):
        assert m.group().strip() == m.group() and m.group()  # no empty or padded token
        covered += m.end() - m.start()
    # every non-space character belongs to a token
    assert covered == sum(not ch.isspace() for ch in text)

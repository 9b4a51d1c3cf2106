"""Stance toward open vs closed models: targets, polarity rules, offsets, lexicon files, gold."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from arnews.charts.stance import explorer_html, explorer_rows
from arnews.evaluation import evaluate_stance
from arnews.schema import MENTIONS, STANCE
from arnews.stance import (
    LexiconError,
    LexiconScorer,
    SentenceContext,
    StanceJudgement,
    load_lexicon,
    net_tone,
    score_stance,
    stance_by_company,
)
from arnews.tokens import sentences_table


def _articles(*texts: str) -> pd.DataFrame:
    ids = [f"a{i}" for i in range(len(texts))]
    return pd.DataFrame({"article_id": ids, "text": list(texts), "title": ids})


def _stance(*texts: str, mentions: pd.DataFrame | None = None, **kw) -> pd.DataFrame:
    arts = _articles(*texts)
    return score_stance(arts, sentences_table(arts), mentions, **kw)


def _pairs(df: pd.DataFrame) -> set[tuple[int, str, str]]:
    return {(r.sentence_id, r.target, r.polarity) for r in df.itertuples()}


def test_score_stance_columns_follow_schema():
    df = _stance("النماذج المفتوحة تعزز الشفافية.")
    assert tuple(df.columns[: len(STANCE)]) == STANCE
    assert df.loc[0, "target"] == "open" and df.loc[0, "polarity"] == "positive"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("أطلقت الشركة نموذجين مفتوحي المصدر يتميزان بأداء قوي.", "open"),
        ("وللمصادر المفتوحة فوائد كبيرة للباحثين.", "open"),
        ("نماذج الوزن المفتوح تتيح التخصيص.", "open"),
        ("The open-weight release encourages innovation and الابتكار.", "open"),
        ("بنت الشركة أعمالها على أنظمة مغلقة واحتكارية.", "closed"),
        ("تبقى النماذج متاحة فقط خلف واجهات برمجة التطبيقات بتكاليف باهظة.", "closed"),
    ],
)
def test_score_stance_detects_target_with_inflections(text, target):
    df = _stance(text)
    assert target in set(df["target"]), df


def test_score_stance_negation_keeps_risk_negative():
    df = _stance("قرار فتح المصدر لا يخلو من المخاطر.")
    assert _pairs(df) == {(0, "open", "negative")}


def test_score_stance_without_flips_cost_to_positive():
    df = _stance("النماذج المفتوحة تتيح للمطورين البناء دون تكاليف باهظة.")
    assert _pairs(df) == {(0, "open", "positive")}
    cue = json.loads(df.loc[0, "cues"])[-1]
    assert cue["text"] == "تكاليف باهظة" and cue["negated"] is False and cue["weight"] > 0


def test_score_stance_contrast_gives_open_positive_and_closed_negative():
    text = (
        "ويتيح النموذج المفتوح للمستخدمين تشغيله محليًا وضبطه حسب الحاجة، "
        "على عكس النماذج المغلقة التي لا تسمح بذلك."
    )
    assert _pairs(_stance(text)) == {(0, "open", "positive"), (0, "closed", "negative")}


def test_score_stance_but_between_praise_and_risk_is_neutral():
    df = _stance("النماذج المفتوحة تسرّع الابتكار، لكنها تثير خطر سوء الاستخدام والتزييف.")
    assert _pairs(df) == {(0, "open", "neutral")}


def test_score_stance_no_target_gives_no_row():
    df = _stance("أعلنت الشركة عن نموذج رائع يعزز الابتكار والشفافية.")
    assert df.empty and tuple(df.columns[: len(STANCE)]) == STANCE


def test_score_stance_factual_target_sentence_gives_no_row():
    assert _stance("أصدرت الشركة نموذجين مفتوحي المصدر في أغسطس.").empty


def test_score_stance_list_items_inherit_the_article_target():
    text = (
        "للنماذج المفتوحة المصدر مزايا عديدة.\nوالنماذج المفتوحة تتيح التخصيص.\n"
        "مزاياها:\n- تعزيز الشفافية\n- مخاطر سوء الاستخدام"
    )
    df = _stance(text)
    assert {(3, "open", "positive"), (4, "open", "negative")} <= _pairs(df)
    assert set(df.loc[df["sentence_id"] >= 3, "via"]) == {"context"}


def test_score_stance_cue_offsets_slice_the_original_text(seed_corpus, gold):
    arts = seed_corpus.articles
    df = score_stance(arts, sentences_table(arts))
    texts = dict(zip(arts["article_id"], arts["text"], strict=True))
    n = 0
    for r in df.itertuples():
        for cue in json.loads(r.cues):
            assert texts[r.article_id][cue["start"] : cue["end"]] == cue["text"]
            assert r.start <= cue["start"] < cue["end"] <= r.end
            n += 1
    assert n > 50


def test_score_stance_cue_offsets_survive_diacritics():
    text = "مقدمة.\nالنماذجُ المفتوحةُ تُعزِّزُ الشَّفافيةَ."
    df = _stance(text)
    cue = json.loads(df.loc[0, "cues"])[-1]
    assert text[cue["start"] : cue["end"]] == "الشَّفافيةَ"


def test_score_stance_mentions_carry_the_article_target():
    text = "أطلقت Moonshot نموذج Kimi مفتوح المصدر.\nويتميز Kimi بأداء قوي بسعر أقل."
    start = text.index("Kimi", 40)
    mentions = pd.DataFrame(
        [
            (
                "a0",
                0,
                text.index("Kimi"),
                text.index("Kimi") + 4,
                "Kimi",
                "Kimi K2",
                "product",
                "M",
            ),
            ("a0", 1, start, start + 4, "Kimi", "Kimi K2", "product", "M"),
        ],
        columns=list(MENTIONS),
    )
    assert 1 not in set(_stance(text)["sentence_id"])
    df = _stance(text, mentions=mentions)
    row = df[df["sentence_id"] == 1].iloc[0]
    assert (row.target, row.polarity, row.via) == ("open", "positive", "mention")


def test_load_lexicon_malformed_names_file_and_line(tmp_path):
    bad = tmp_path / "extra.csv"
    bad.write_text("term,polarity,weight,aspect,note\nرائع,positive,1,other,\nسيئ,bad,1,other,\n")
    with pytest.raises(LexiconError, match=r"extra\.csv:3: polarity"):
        load_lexicon(bad)
    bad.write_text("term,polarity,weight,aspect,note\nسيئ,negative,heavy,other,\n")
    with pytest.raises(LexiconError, match=r"extra\.csv:2: weight"):
        load_lexicon(bad)
    bad.write_text("word,score\n")
    with pytest.raises(LexiconError, match=r"extra\.csv:1: header"):
        load_lexicon(bad)


def test_load_lexicon_extra_terms_are_used(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("term,polarity,weight,aspect,note\nمبهر,positive,1.0,other,dazzling\n")
    text = "النموذج المفتوح مبهر."
    assert _stance(text).empty
    df = _stance(text, scorer=LexiconScorer(load_lexicon(extra)))
    assert _pairs(df) == {(0, "open", "positive")}


def test_score_stance_uses_a_pluggable_scorer():
    class Always:
        def score(self, sentence: str, context: SentenceContext) -> list[StanceJudgement]:
            return [StanceJudgement("closed", "negative", -0.9, ())]

    df = _stance("جملة أولى. جملة ثانية.", scorer=Always())
    assert list(df["polarity"]) == ["negative", "negative"]
    assert list(df["cues"]) == ["[]", "[]"]


def test_net_tone_shows_articles_without_stance():
    arts = _articles("النماذج المفتوحة تعزز الشفافية.", "خبر عن الطقس.")
    tone = net_tone(score_stance(arts, sentences_table(arts)), arts)
    assert set(tone.loc[tone["article_id"] == "a1", "status"]) == {"no stance"}
    row = tone[(tone["article_id"] == "a0") & (tone["target"] == "open")].iloc[0]
    assert (row.n_positive, row.net) == (1, 1)


def test_explorer_html_escapes_text_and_marks_cues():
    df = explorer_rows(_stance("<b>النماذج المفتوحة</b> تعزز الشفافية."))
    out = explorer_html(df)
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert '<mark class="positive">الشفافية</mark>' in out and 'dir="rtl"' in out


def test_stance_by_company_joins_mentions():
    df = _stance("تطرح Meta نماذج مفتوحة تعزز الشفافية.")
    m = pd.DataFrame([("a0", 0, 5, 9, "Meta", "Meta", "company", "Meta")], columns=list(MENTIONS))
    out = stance_by_company(df, m)
    assert out.iloc[0][["company", "group", "n_sentences"]].tolist() == [
        "Meta",
        "open/positive",
        1,
    ]


def _gold_mentions(gold: dict, sentences: pd.DataFrame) -> pd.DataFrame:
    starts = sentences.set_index(["article_id", "sentence_id"])["start"]
    rows = []
    for aid, doc in gold.items():
        for m in doc["mentions"]:
            s = int(starts[(aid, m["sentence"])]) + m["pos"]
            rows.append((aid, m["sentence"], s, s + len(m["surface"]), m["surface"],
                         m["entity"], m["kind"], m["company"]))  # fmt: skip
    return pd.DataFrame(rows, columns=list(MENTIONS))


@pytest.mark.parametrize("with_mentions", [False, True])
def test_evaluate_stance_gold_floor(seed_corpus, gold, with_mentions):
    arts = seed_corpus.articles
    sents = sentences_table(arts)
    mentions = _gold_mentions(gold, sents) if with_mentions else None
    res = evaluate_stance(score_stance(arts, sents, mentions), gold)
    print(
        f"\nstance vs gold (mentions={with_mentions}): detection P={res['precision']:.3f} "
        f"R={res['recall']:.3f} F1={res['f1']:.3f}; polarity accuracy on "
        f"{res['n_matched']} matched pairs={res['polarity_accuracy']:.3f}; "
        f"macro-F1 target×polarity={res['macro_f1']:.3f}"
    )
    print(res["per_class"].to_string(index=False))
    # Measured: F1 0.849 / polarity 0.945 / macro-F1 0.628 without mentions, 0.869 / 0.961 /
    # 0.661 with them. Floors sit a few points under. Macro-F1 stays below the 0.80 aim: the
    # single closed/positive gold item (ChatGPT/Gemini praised, never called closed in the
    # text) is missed, which alone caps the five-class mean at 0.80.
    assert res["f1"] >= 0.82
    assert res["polarity_accuracy"] >= 0.92
    assert res["macro_f1"] >= 0.60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "يرى خبراء أن النماذج مفتوحة الأوزان تمنح الشركات الصغيرة فرصة حقيقية للمنافسة.",
            {("open", "positive")},
        ),
        (
            "لكن المنتقدين يحذرون من أن النماذج المفتوحة قد تسهل إساءة الاستخدام.",
            {("open", "negative")},
        ),
        ("تحتفظ الشركة بنموذجها مغلق المصدر، ما يحرم الباحثين من فحصه.", {("closed", "negative")}),
        ("النماذج المملوكة للشركات الكبرى تفتقر إلى الشفافية.", {("closed", "negative")}),
        ("أثبت النموذج المفتوح كفاءته العالية وتفوقه على المنافسين.", {("open", "positive")}),
        ("أطلقت الشركة نموذجا مفتوح المصدر يوم الثلاثاء.", set()),
        (
            "النماذج مفتوحة المصدر ليست آمنة دائما، إذ يمكن استغلالها في هجمات إلكترونية.",
            {("open", "negative")},
        ),
        (
            "انتقد باحثون اعتماد الشركات على واجهات برمجة التطبيقات المغلقة.",
            {("closed", "negative")},
        ),
    ],
)
def test_score_stance_generalizes_to_unseen_sentences(text, expected):
    # Sentences written for this test, not taken from the seeds or their gold.
    assert {(t, p) for _, t, p in _pairs(_stance(text))} == expected


def test_chart_builders_return_figures(seed_corpus):
    from arnews.charts.stance import company_stance_bars, net_tone_bars, score_histogram
    from arnews.stance import score_distribution

    arts = seed_corpus.articles
    df = score_stance(arts, sentences_table(arts))
    tone = net_tone(df, arts)
    fig = net_tone_bars(tone)
    assert [len(t.x) for t in fig.data] == [len(arts), len(arts)]
    assert len(score_histogram(score_distribution(df)).data) == 2
    m = pd.DataFrame([(df.loc[0, "article_id"], int(df.loc[0, "sentence_id"]), 0, 1, "X", "X",
                       "company", "X")], columns=list(MENTIONS))  # fmt: skip
    assert company_stance_bars(stance_by_company(df, m)).data[0].y[0].strip("\u2067\u2069") == "X"


def test_lexicon_scorer_follows_a_replaced_lexicon(tmp_path):
    """The scorer memoizes per word; assigning another lexicon must not reuse old answers."""
    extra = tmp_path / "extra.csv"
    extra.write_text("term,polarity,weight,aspect,note\nبديع,positive,1.5,other,\n", "utf-8")
    scorer = LexiconScorer()
    arts = _articles("النماذج مفتوحة المصدر بديعة.")
    sents = sentences_table(arts)
    assert score_stance(arts, sents, scorer=scorer).empty
    scorer.lexicon = load_lexicon(extra)
    assert _pairs(score_stance(arts, sents, scorer=scorer)) == {(0, "open", "positive")}

"""Stance toward open vs closed models: vocabulary, targets, constructions, offsets, scorers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from arnews.errors import LexiconError
from arnews.normalize import match_key_ar
from arnews.schema import MENTIONS, STANCE
from arnews.stance import (
    EXTRA_COLUMNS,
    LexiconScorer,
    SentenceContext,
    StanceJudgement,
    load_lexicon,
    score_stance,
)
from arnews.stance.model import LearnedScorer, load_model
from arnews.stance.words import term_keys, word_keys
from arnews.tokens import sentences_table

ROOT = Path(__file__).resolve().parent.parent

RULES = LexiconScorer()


def _articles(*texts: str) -> pd.DataFrame:
    ids = [f"a{i}" for i in range(len(texts))]
    return pd.DataFrame({"article_id": ids, "text": list(texts), "title": ids})


def _stance(*texts: str, mentions: pd.DataFrame | None = None, **kw) -> pd.DataFrame:
    arts = _articles(*texts)
    kw.setdefault("scorer", RULES)
    return score_stance(arts, sentences_table(arts), mentions, **kw)


def _pairs(df: pd.DataFrame) -> set[tuple[int, str, str]]:
    return {(r.sentence_id, r.target, r.polarity) for r in df.itertuples()}


# --- Words and vocabulary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("وتتيح", "يتيح"),  # conjunction + imperfect feminine, listed as masculine
        ("سيتيح", "يتيح"),  # future prefix
        ("بشفافيتها", "شفافية"),  # preposition + pronoun after ة written ت
        ("والمخاطر", "مخاطر"),  # conjunction + article, broken plural listed as is
        ("المفتوحة", "مفتوح"),  # article + feminine
        ("تكاليفها", "تكاليف"),
    ],
)
def test_word_keys_meet_the_term_across_inflections(word, term):
    from arnews.normalize import match_key_ar

    assert word_keys(match_key_ar(word)) & term_keys(term)[0]


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("أمني", "آمن"),  # security-related is not safe: the nisba is kept
        ("ترخيص", "رخيص"),  # licence is not cheap: a noun's ت is not a verb prefix
        ("وطني", "يوطن"),
    ],
)
def test_word_keys_do_not_reach_other_words(word, term):
    from arnews.normalize import match_key_ar

    assert not word_keys(match_key_ar(word)) & term_keys(term)[0]


def test_load_lexicon_is_large_and_grouped_by_aspect():
    lex = load_lexicon()
    assert len(lex.cues) > 1000
    aspects = {e.aspect for e in lex.cues}
    assert {"access", "cost", "control", "sovereignty", "transparency", "safety"} <= aspects


def test_no_lexicon_phrase_is_a_verbatim_piece_of_a_seed_gold_cue():
    cues = [
        match_key_ar(s["cue"])
        for path in sorted((ROOT / "tests" / "gold").glob("*.json"))
        for s in json.loads(path.read_text("utf-8"))["stance"]
    ]
    phrases = [e.term for e in load_lexicon().cues if " " in e.term.strip()]
    assert len(phrases) > 500
    assert [p for p in phrases if any(match_key_ar(p) in c for c in cues)] == []


def test_load_lexicon_malformed_names_file_and_line(tmp_path):
    bad = tmp_path / "extra.csv"
    bad.write_text("term,polarity,weight,aspect,note\nجيد,great,1,quality,\n", "utf-8")
    with pytest.raises(LexiconError, match=r"extra\.csv:2: polarity must be one of"):
        load_lexicon(bad)
    bad.write_text("term,polarity\nجيد,positive\n", "utf-8")
    with pytest.raises(LexiconError, match=r"extra\.csv:1: header must be"):
        load_lexicon(bad)


def test_load_lexicon_extra_terms_are_used(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("term,polarity,weight,aspect,note\nبديع,positive,1.5,quality,\n", "utf-8")
    scorer = LexiconScorer(load_lexicon(extra))
    assert _pairs(_stance("النماذج المفتوحة بديعة.", scorer=scorer)) == {(0, "open", "positive")}


# --- Targets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("أطلقت الشركة نموذجين مفتوحي المصدر يتميزان بأداء ممتاز.", "open"),
        ("نماذج لغوية كبيرة مفتوحة تتيح للباحثين التعديل بحرية.", "open"),
        ("نظيراتها المغلقة تفتقر إلى الشفافية.", "closed"),
        ("The open-weight release encourages innovation.", "open"),
        ("بنت الشركة أعمالها على أنظمة احتكارية تفرض قيودا صارمة.", "closed"),
        ("يبقى النموذج متاحا فقط عبر واجهة برمجة التطبيقات.", "closed"),
        ("اللحاق بالمغلقة صار ممكنا بفضل الابتكار.", "closed"),
    ],
)
def test_score_stance_finds_the_target(text, target):
    assert target in set(_stance(text)["target"])


def test_score_stance_side_compared_against_after_ala_takes_no_praise():
    # "The open ones outperform the closed ones": the closed side is not praised.
    assert ("closed", "positive") not in {
        (t, p) for _, t, p in _pairs(_stance("تتفوق المفتوحة على المغلقة في الشفافية."))
    }


def test_score_stance_other_senses_of_open_and_closed_give_nothing():
    control = (
        "اختتمت البطولة المفتوحة للتنس بفوز مثير وأداء رائع.\n"
        "وعقد المجلس جلسة مغلقة ناقش فيها مخاطر كبيرة على الاقتصاد.\n"
        "وارتفعت أسهم السوق المفتوحة بقوة بعد نتائج ممتازة."
    )
    assert _stance(control).empty
    assert _stance(control, scorer=LearnedScorer()).empty


def test_score_stance_modifier_agrees_with_its_noun_in_definiteness():
    # A definite adjective after a bare name is part of the name; after a definite noun without
    # the article of its own it is a predicate ("registration is open"): neither names a model.
    control = (
        "وتعد مسقط المفتوحة من أروع البطولات وأكثرها نجاحاً.\n"
        "وقال المنظمون إن التسجيل مفتوح والإقبال ممتاز."
    )
    assert _stance(control).empty
    assert set(_stance("وتبقى نظيراتها المغلقة غامضة ومكلفة.")["target"]) == {"closed"}


# --- Constructions -------------------------------------------------------------------------------


def test_score_stance_double_negation_keeps_risk_negative():
    assert _pairs(_stance("قرار فتح المصدر لا يخلو من المخاطر.")) == {(0, "open", "negative")}


def test_score_stance_reducer_turns_risk_into_praise():
    df = _stance("النماذج المغلقة تقلل مخاطر إساءة الاستخدام.")
    assert _pairs(df) == {(0, "closed", "positive")}


def test_score_stance_removing_safeguards_is_negative():
    df = _stance("يستطيع أي مهاجم إزالة ضوابط الأمان من النماذج المفتوحة.")
    assert _pairs(df) == {(0, "open", "negative")}


def test_score_stance_contrast_gives_both_sides():
    text = (
        "ويتيح النموذج المفتوح للمستخدمين تشغيله محليًا وضبطه حسب الحاجة، "
        "على عكس النماذج المغلقة التي لا تسمح بذلك."
    )
    assert _pairs(_stance(text)) == {(0, "open", "positive"), (0, "closed", "negative")}


def test_score_stance_comparison_rejects_the_side_after_min():
    df = _stance("تبقى هذه الأداة أرخص بكثير من النماذج المغلقة.")
    assert _pairs(df) == {(0, "open", "positive"), (0, "closed", "negative")}
    assert set(df["via"]) == {"contrast"}


def test_score_stance_but_between_praise_and_risk_is_neutral():
    df = _stance("النماذج المفتوحة تسرّع الابتكار، لكنها تثير مخاطر إساءة الاستخدام.")
    assert _pairs(df) == {(0, "open", "neutral")}


def test_score_stance_concession_counts_half():
    df = _stance("رغم بعض المخاطر، تمنح النماذج المفتوحة المطورين حرية كاملة ومرونة كبيرة.")
    assert _pairs(df) == {(0, "open", "positive")}


def test_score_stance_rhetorical_question_doubts_the_praise():
    df = _stance("هل يمكن الوثوق بنماذج مغلقة لا نعرف عنها شيئا؟")
    assert _pairs(df) == {(0, "closed", "negative")}


def test_score_stance_only_via_api_is_closed_negative():
    df = _stance("لا تتاح النماذج الأقوى إلا عبر واجهة برمجة التطبيقات.")
    assert _pairs(df) == {(0, "closed", "negative")}


def test_score_stance_reported_attitude_names_its_holder():
    text = "حذر خبراء من أن النماذج المفتوحة قد تسهل التضليل."
    df = _stance(text)
    assert _pairs(df) == {(0, "open", "negative")}
    assert df.loc[0, "holder"] == "خبراء" and df.loc[0, "confidence"] == "low"


def test_score_stance_anaphor_refers_back_to_the_previous_target():
    text = "أطلقت الشركة نماذج مفتوحة المصدر.\nوتتيح هذه النماذج للمطورين حرية التعديل."
    df = _stance(text)
    assert _pairs(df) == {(1, "open", "positive")}
    assert df.loc[0, "via"] == "anaphor"


def test_score_stance_list_items_inherit_their_lead():
    text = "مزايا النماذج المفتوحة المصدر:\n- الشفافية الكاملة\n- مخاطر إساءة الاستخدام"
    df = _stance(text)
    assert {(1, "open", "positive"), (2, "open", "negative")} <= _pairs(df)


def test_score_stance_factual_sentence_gives_no_row():
    assert _stance("أصدرت الشركة نموذجين مفتوحي المصدر في أغسطس.").empty


def test_score_stance_mentions_carry_the_article_label():
    text = "أطلقت Moonshot نموذج Kimi مفتوح المصدر.\nويتميز Kimi بأداء ممتاز وسعر منخفض."
    start = text.index("Kimi", 40)
    mentions = pd.DataFrame(
        [("a0", 0, text.index("Kimi"), text.index("Kimi") + 4, "Kimi", "Kimi", "product",
          "Moonshot AI"),
         ("a0", 1, start, start + 4, "Kimi", "Kimi", "product", "Moonshot AI")],
        columns=list(MENTIONS),
    )  # fmt: skip
    df = _stance(text, mentions=mentions)
    assert (1, "open", "positive") in _pairs(df)
    assert df.loc[df["sentence_id"] == 1, "via"].tolist() == ["mention"]


def test_score_stance_openness_class_needs_the_article_to_discuss_that_side():
    text = "النماذج المفتوحة تنتشر.\nويتميز GPT-4 بأداء ممتاز."
    start = text.index("GPT-4")
    mentions = pd.DataFrame(
        [("a0", 1, start, start + 5, "GPT-4", "GPT-4", "product", "OpenAI", "api-only")],
        columns=[*MENTIONS, "openness"],
    )
    assert _stance(text, mentions=mentions).empty
    closed_too = "النماذج المغلقة تنتشر.\nويتميز GPT-4 بأداء ممتاز."
    mentions["start"] = mentions["start"] - 1
    mentions["end"] = mentions["end"] - 1
    assert (1, "closed", "positive") in _pairs(_stance(closed_too, mentions=mentions))


# --- Offsets, schema, scorers --------------------------------------------------------------------


def test_score_stance_columns_follow_schema():
    df = _stance("النماذج المفتوحة تعزز الشفافية.")
    assert tuple(df.columns) == (*STANCE, *EXTRA_COLUMNS)
    assert _pairs(df) == {(0, "open", "positive")}


def test_score_stance_no_target_gives_no_row():
    df = _stance("أعلنت الشركة عن نموذج رائع يعزز الابتكار والشفافية.")
    assert df.empty and tuple(df.columns[: len(STANCE)]) == STANCE


@pytest.mark.parametrize("scorer", [RULES, LearnedScorer()], ids=["rules", "learned"])
def test_score_stance_cue_offsets_slice_the_original_text(seed_corpus, scorer):
    arts = seed_corpus.articles
    df = score_stance(arts, sentences_table(arts), scorer=scorer)
    texts = dict(zip(arts["article_id"], arts["text"], strict=True))
    n = 0
    for r in df.itertuples():
        cues = json.loads(r.cues)
        assert cues, r  # every row keeps the words that carry it
        for cue in cues:
            assert texts[r.article_id][cue["start"] : cue["end"]] == cue["text"]
            assert r.start <= cue["start"] < cue["end"] <= r.end
            n += 1
    assert n > 50


def test_score_stance_cue_offsets_survive_diacritics():
    text = "مقدمة.\nالنماذجُ المفتوحةُ تُعزِّزُ الشَّفافيةَ."
    cue = json.loads(_stance(text).loc[0, "cues"])[-1]
    assert text[cue["start"] : cue["end"]] == "الشَّفافيةَ"


def test_score_stance_uses_a_pluggable_scorer():
    class Always:
        def score(self, sentence: str, context: SentenceContext) -> list[StanceJudgement]:
            return [StanceJudgement("closed", "negative", -1.0, ())]

    df = _stance("جملة أولى.\nجملة ثانية.", scorer=Always())
    assert _pairs(df) == {(0, "closed", "negative"), (1, "closed", "negative")}


def test_lexicon_scorer_follows_a_replaced_lexicon(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("term,polarity,weight,aspect,note\nبديع,positive,1.5,other,\n", "utf-8")
    scorer = LexiconScorer()
    assert _stance("النماذج المفتوحة بديعة.", scorer=scorer).empty
    scorer.lexicon = load_lexicon(extra)
    assert _pairs(_stance("النماذج المفتوحة بديعة.", scorer=scorer)) == {(0, "open", "positive")}


def test_score_stance_rejects_an_unknown_confidence():
    with pytest.raises(ValueError, match="min_confidence"):
        _stance("نص.", min_confidence="medium")


# --- The learned judge ---------------------------------------------------------------------------


def test_load_model_gives_probabilities_over_its_classes():
    model = load_model()
    probs = model.probabilities({"bias": 1.0, "t:text": 1.0, "rule:positive": 1.0})
    assert set(probs) == {"none", "positive", "negative", "neutral"}
    assert abs(sum(probs.values()) - 1) < 1e-9
    assert model.meta["examples"] > 1000 and "bias" in model.meta


def test_learned_scorer_judges_a_clear_sentence():
    df = _stance(
        "النماذج المفتوحة تمنح المطورين حرية كاملة وشفافية غير مسبوقة.", scorer=LearnedScorer()
    )
    assert _pairs(df) == {(0, "open", "positive")}


def test_train_fits_a_model_the_scorer_loads(tmp_path):
    """Training runs end to end on a few training articles (the shipped model is trained the
    same way on all of tests/train, tests/devset and the seeds: python -m arnews.stance.train)."""
    import shutil
    from pathlib import Path

    from arnews.stance.model import StanceModel
    from arnews.stance.train import examples, fit

    root = Path(__file__).parent / "train"
    stems = sorted(p.stem for p in (root / "gold").glob("*.json"))[:3]
    for sub, suffix in (("articles", ".txt"), ("gold", ".json")):
        (tmp_path / sub).mkdir()
        for stem in stems:
            shutil.copy(root / sub / f"{stem}{suffix}", tmp_path / sub / f"{stem}{suffix}")
    xs, ys, keys, gold = examples(tmp_path / "articles", tmp_path / "gold")
    assert len(xs) == len(ys) == len(keys) and set(gold) == set(stems)
    assert {"none", "positive", "negative"} <= set(ys)
    model = fit(xs, ys, 0.3, {"examples": len(ys)})
    path = tmp_path / "model.json"
    path.write_text(model.to_json(), "utf-8")
    loaded = load_model(path)
    assert isinstance(loaded, StanceModel) and loaded.classes[0] == "none"
    assert abs(sum(loaded.probabilities(xs[0]).values()) - 1) < 1e-9


def test_learned_scorer_sums_the_same_features_as_training(seed_corpus):
    """Scoring adds word weights from memoized rows; training sees pair_features dicts: the
    probabilities must agree."""
    from arnews.stance import _article_inputs
    from arnews.stance.context import article_contexts
    from arnews.stance.features import grounded, pair_features

    scorer = LearnedScorer()
    arts = seed_corpus.articles.head(2)
    sents = sentences_table(arts)
    checked = 0
    for aid, text, ss, ments, spans in _article_inputs(arts, sents, None, scorer):
        for c in article_contexts(aid, text, ss, ments, spans):
            a = scorer.analyse(c)
            if a is None or not (a.targets or a.cues):
                continue
            for target in ("open", "closed"):
                fast = {j.target: j for j in scorer.score(text[c.start : c.end], c)}
                if not grounded(a, c, target):  # never judged
                    assert target not in fast
                    continue
                slow = scorer.model.probabilities(pair_features(a, c, target))
                label = max(slow, key=slow.get)
                assert (label != "none") == (target in fast)
                if target in fast:
                    assert fast[target].polarity == label
                checked += 1
    assert checked > 20


_STANCE_CSV = """
import sys
from arnews.corpus import load_corpus
from arnews.mentions import find_mentions, load_gazetteer
from arnews.stance import score_stance
from arnews.tokens import sentences_table
articles = load_corpus(sys.argv[1]).articles
sentences = sentences_table(articles)
mentions = find_mentions(articles, sentences, load_gazetteer())
sys.stdout.write(score_stance(articles, sentences, mentions).to_csv(index=False))
"""


def test_score_stance_is_the_same_in_every_process():
    """String hashing differs per process (PYTHONHASHSEED): no set order may reach the table.
    (Ties between vocabulary entries of one length once followed it: 45 of 3,033 rows of the
    training articles changed score or cues between two processes.)"""
    import os
    import subprocess
    import sys

    corpus = Path(__file__).resolve().parent / "train" / "articles"
    tables = []
    for seed in ("0", "1"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _STANCE_CSV, str(corpus)], env=env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        tables.append(done.stdout)
    assert tables[0].count("\n") > 1000
    assert tables[0] == tables[1]

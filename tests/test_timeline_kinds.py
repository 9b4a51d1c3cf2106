"""Event kinds from the cue that governs each date, and the timeline's accuracy floors."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from arnews.evaluation import GoldSet, evaluate_set
from arnews.schema import MENTIONS
from arnews.timeline import event_kind, extract_events, find_date_expressions
from arnews.tokens import sentences_table

PUB = dt.date(2025, 8, 19)
HELDOUT = Path(__file__).resolve().parent / "heldout"


def _kind_of(sentence: str, date: str, **kw) -> str:
    i = sentence.index(date)
    return event_kind(sentence, (i, i + len(date)), **kw)


@pytest.mark.parametrize(
    ("sentence", "date", "kind"),
    [
        # the verb that governs the date, not any cue of the sentence
        ("أطلقت ميتا نموذج Llama 4 في أبريل 2025 بعد أن أعلنت خطتها", "أبريل 2025", "release"),
        ("أعلنت الشركة في مارس 2025 عن نمو إيراداتها، وأطلقت نموذجًا", "مارس 2025", "announcement"),
        ("مثل Llama 2 الذي أطلقته ميتا في يوليو 2023، ونموذج تعلنه غوغل", "يوليو 2023", "release"),
        ("أعلنت الشركة، أمس الثلاثاء، إطلاق نموذجها الجديد", "أمس الثلاثاء", "release"),
        ("قامت جوجل يوم الاثنين بالإعلان عن Gemma 4", "يوم الاثنين", "release"),
        ("أعلنت المجموعة في غشت الماضي عن تمويل مبادرة بحثية", "غشت الماضي", "announcement"),
        # a release needs a product: a strategy or a guide "launched" is an announcement
        ("أطلقت الوزارة في أيار 2024 الاستراتيجية الوطنية", "أيار 2024", "announcement"),
        ("أطلقت ديب سيك R1 في يناير 2025", "يناير 2025", "release"),
        # tense, negation, plans: what did not happen is "other"
        ("ولم تطلق الشركة النموذج في يناير الماضي كما توقع المطورون", "يناير الماضي", "other"),
        ("في حين نفت ميتا أن تطرح Llama 5 في يناير الجاري", "يناير الجاري", "other"),
        ("وتعتزم الشركة طرح نسخة أصغر مطلع العام المقبل", "مطلع العام المقبل", "other"),
        ("ومن المنتظر أن تكشف الشركة عن نسخة أكبر في مارس 2026", "مارس 2026", "other"),
        ("تقول الشركة إنها ستطرح نموذجًا في مارس 2026", "مارس 2026", "other"),
        ("يتيح النموذج الذي صدر في 2024 للمطورين", "2024", "release"),
        # a postponement anywhere in the sentence: a delay
        (
            "كان من المقرر إطلاق العائلة في ديسمبر الماضي، قبل أن تقرر الشركة تأجيلها",
            "ديسمبر الماضي",
            "delay",
        ),
        (
            "وكانت الشركة قد أرجأت طرح النموذج الذي كان مقررا في يوليو الماضي",
            "يوليو الماضي",
            "delay",
        ),
        ("لن تؤجل الشركة إطلاق النموذج المقرر في يوليو الماضي", "يوليو الماضي", "other"),
        # clause breaks: a cue on the other side governs another event
        ("وارتفع سهم الشركة بنسبة 1.5% أمس، بعد إعلان نتائج فاقت التوقعات", "أمس", "other"),
        ("أطلقت الشركة بعد ذلك نموذج Llama 3 في أبريل 2024", "أبريل 2024", "release"),
        ("باريس، 2025/10/07 (وكالات) - أعلنت الشركة طرح نموذجها", "2025/10/07", "other"),
        # a release verb followed by على names something
        ("أطلقت الشركة عليه اسم «نجم» في مارس 2024", "مارس 2024", "other"),
    ],
)
def test_event_kind_from_governing_cue(sentence, date, kind):
    assert _kind_of(sentence, date) == kind


def test_event_kind_product_named_by_offsets():
    sentence = "أطلقت الشركة نجمة في مارس 2024"
    i = sentence.index("نجمة")
    assert _kind_of(sentence, "مارس 2024") == "announcement"
    assert _kind_of(sentence, "مارس 2024", products=[(i, i + 4)]) == "release"


def test_event_kind_future_date_is_other():
    sentence = "أعلنت الشركة افتتاح معرضها في مارس 2026"
    assert _kind_of(sentence, "مارس 2026") == "announcement"
    assert _kind_of(sentence, "مارس 2026", future=True) == "other"


def test_extract_events_next_week_is_not_yet_an_announcement():
    arts = pd.DataFrame(
        {
            "article_id": ["a"],
            "text": ["أعلنت شركة سامسونج افتتاح أكبر معرض لها الأسبوع المقبل."],
            "published": [PUB],
        }
    )
    ev = extract_events(arts, sentences_table(arts))
    assert ev.loc[0, ["date", "kind"]].tolist() == ["2025-08", "other"]


def test_extract_events_subject_is_the_mention_nearest_the_cue():
    text = "تجاوزت عائلة Llama مليار تحميل، وأطلقت OpenAI نموذج gpt-oss في أغسطس 2025."
    arts = pd.DataFrame({"article_id": ["a"], "text": [text], "published": [PUB]})
    rows = [
        ("Llama", "Llama", "product", "Meta"),
        ("OpenAI", "OpenAI", "company", "OpenAI"),
        ("gpt-oss", "gpt-oss", "product", "OpenAI"),
    ]
    mentions = pd.DataFrame(
        [("a", 0, text.index(s), text.index(s) + len(s), s, e, k, c) for s, e, k, c in rows],
        columns=list(MENTIONS),
    )
    ev = extract_events(arts, sentences_table(arts), mentions)
    assert ev.loc[0, ["kind", "subject", "company"]].tolist() == ["release", "gpt-oss", "OpenAI"]


def test_extract_events_byline_date_is_other_without_subject():
    arts = pd.DataFrame(
        {"article_id": ["a"], "text": ["عنوان\nنُشر في ٢٠٢٦/٠١/١٥\nأطلقت OpenAI نموذجًا."]}
    )
    arts["published"] = None
    ev = extract_events(arts, sentences_table(arts))
    assert ev.loc[0, ["date", "kind", "subject"]].tolist() == ["2026-01-15", "other", None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في الرابع من الشهر الجاري", ("الرابع من الشهر الجاري", "2025-08-04", "day")),
        ("في 5 من الشهر الماضي", ("5 من الشهر الماضي", "2025-07-05", "day")),
        ("أواخر 2024", ("أواخر 2024", "2024-12", "month")),
        ("في منتصف 2024", ("منتصف 2024", "2024-06", "month")),
        ("مطلع العام المقبل", ("مطلع العام المقبل", "2026-01", "month")),
        ("خلال عيد الأضحى", ("عيد الأضحى", "2025-06", "month")),  # 6 June 2025, the nearest
        ("عيد الفطر الماضي", ("عيد الفطر الماضي", "2025-03", "month")),
        ("في رمضان", ("رمضان", "2025-03", "month")),  # 1-30 March 2025
    ],
)
def test_find_date_expressions_new_constructions(text, expected):
    (e,) = find_date_expressions(text, PUB)
    assert (e.surface, e.date, e.precision) == expected


def test_find_date_expressions_same_year_takes_the_stated_year():
    text = "بدأنا في مارس 2024 بنموذج، ثم انتقلنا إلى غيره أواخر العام نفسه."
    found = [(e.surface, e.date, e.resolved_from) for e in find_date_expressions(text, PUB)]
    assert found == [
        ("مارس 2024", "2024-03", "absolute"),
        ("أواخر العام نفسه", "2024-12", "context"),
    ]
    assert find_date_expressions("في العام نفسه", PUB)[0].precision == "vague"


def test_find_date_expressions_today_as_nowadays_is_no_date():
    for text in ("في نهاية اليوم، السؤال هو", "أما اليوم فالفرق كبير"):
        assert find_date_expressions(text, PUB) == []


# Accuracy floors at what is reached (`make evaluate` prints the same figures).


@pytest.mark.parametrize(
    ("spec", "date_f1", "kind_f1"),
    [
        ("seeds=seeds:tests/gold", 1.0, 1.0),
        ("heldout=tests/heldout/articles:tests/heldout/gold", 0.93, 0.81),
    ],
)
def test_timeline_accuracy_floor(spec, date_f1, kind_f1):
    root = Path(__file__).resolve().parent.parent
    name, paths = spec.split("=")
    arts, gold = (str(root / p) for p in paths.split(":"))
    result = evaluate_set(GoldSet.parse(f"{name}={arts}:{gold}"))
    print(
        f"\n{name}: events date F1 {result['date_f1']:.3f}, date + kind F1 {result['kind_f1']:.3f}"
    )
    assert result["date_f1"] >= date_f1
    assert result["kind_f1"] >= kind_f1

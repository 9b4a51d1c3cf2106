import arabic_reshaper
import pytest
from bidi import get_display

from arnews.repair import line_order_ar, map_presentation_forms, repair_text_ar

LOGICAL = "أطلقت شركة OpenAI نموذج GPT-5 في 7 أغسطس 2025 (بعد تأجيل) على الرغم من المخاوف."


def _visual(text: str) -> str:
    return "\n".join(get_display(line, base_dir="R") for line in text.split("\n"))


def test_map_presentation_forms_expands_ligatures_and_counts():
    baked = arabic_reshaper.reshape("لا الأوزان")
    text, mapped, added = map_presentation_forms(baked)
    assert text == "لا الأوزان"
    assert mapped == len(baked) - 1  # every character but the space
    assert added == 2  # two lam-alef ligatures, each two letters


def test_map_presentation_forms_keeps_zero_width_no_break_space_as_word_joiner():
    assert map_presentation_forms("ميتا\ufeffبوك") == ("ميتا\u2060بوك", 1, 0)


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        (LOGICAL, "logical"),
        (get_display(LOGICAL, base_dir="R"), "visual"),
        (get_display(arabic_reshaper.reshape(LOGICAL), base_dir="R"), "visual"),
        (arabic_reshaper.reshape(LOGICAL), "logical"),
        ("ميتا", "unknown"),
        ("قال إن في الأمر من يف نم ىلع نأ", "mixed"),
    ],
)
def test_line_order_ar_verdicts(line, verdict):
    assert line_order_ar(line).verdict() == verdict


def test_repair_text_ar_puts_visual_lines_back_with_latin_and_numbers_intact():
    text = f"ميتا\n{LOGICAL}\n{LOGICAL}"
    repaired, repair = repair_text_ar(_visual(text))
    assert repaired == text
    assert repair.reversed_lines == [1, 2, 3]  # the short first line follows the text
    assert repair.forms_mapped == 0 and not repair.doubtful_lines


def test_repair_text_ar_repairs_one_reversed_line_among_logical_ones():
    text = f"{LOGICAL}\n{LOGICAL}\n{LOGICAL}"
    lines = text.split("\n")
    lines[1] = get_display(lines[1], base_dir="R")
    repaired, repair = repair_text_ar("\n".join(lines))
    assert repaired == text and repair.reversed_lines == [2]


def test_repair_text_ar_leaves_logical_text_with_words_ending_in_la():
    text = "قال مثلا إن الأمر سهل فعلا\nعملا مستقبلا شاملا"
    assert repair_text_ar(text) == (text, repair_text_ar(text)[1])
    assert not repair_text_ar(text)[1].warnings()


def test_repair_text_ar_flags_a_doubtful_line_and_leaves_it():
    text = "قال إن في من يف نم ىلع نأ"
    repaired, repair = repair_text_ar(text)
    assert repaired == text and repair.doubtful_lines == [1]
    assert repair.warnings() == ["may be visually ordered, left as is: line 1"]


def test_repair_text_ar_pdf_text_warnings_say_what_was_done():
    pdf = _visual(arabic_reshaper.reshape(f"{LOGICAL}\nلا يخلو من المخاطر"))
    repaired, repair = repair_text_ar(pdf)
    assert repaired == f"{LOGICAL}\nلا يخلو من المخاطر"
    reversed_, forms = repair.warnings()
    assert reversed_.endswith("put back in reading order on lines 1, 2")
    assert "presentation forms mapped to letters, ligatures adding" in forms

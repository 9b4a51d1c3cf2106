import itertools

from hypothesis import given
from hypothesis import strategies as st

from arnews.normalize import (
    has_presentation_forms,
    normalize_ar,
    normalize_with_offsets,
    span_to_original,
)


def test_normalize_ar_folds_diacritics_tatweel_alef_yeh():
    assert normalize_ar("وفقًا") == "وفقا"
    assert normalize_ar("إِصْدَارٌ") == "اصدار"
    assert normalize_ar("آذار أيار") == "اذار ايار"
    assert normalize_ar("ٱلكتاب") == "الكتاب"
    assert normalize_ar("مصطفى") == "مصطفي"
    assert normalize_ar("الذكـــاء") == "الذكاء"
    assert normalize_ar("تحوّل") == "تحول"


def test_normalize_ar_taa_marbuta_only_when_asked():
    assert normalize_ar("شركة") == "شركة"
    assert normalize_ar("شركة", taa_marbuta=True) == "شركه"


def test_normalize_ar_digits_latin_and_bidi_controls():
    assert normalize_ar("١٩ ۲۰۲۵") == "19 2025"
    assert normalize_ar("OpenAI") == "openai"
    assert normalize_ar("\u200fMeta\u202c") == "meta"


def test_normalize_ar_presentation_forms_to_base_letters():
    baked = "\ufee3\ufef4\ufee4\ufe8e"  # "ميما" as presentation forms, logical order
    assert has_presentation_forms(baked)
    assert normalize_ar(baked) == "ميما"
    assert normalize_ar("\ufefb") == "لا"  # lam-alef ligature expands to two letters
    assert not has_presentation_forms(normalize_ar("\ufefb"))


def test_normalize_with_offsets_maps_match_back_to_surface():
    text = "قالت ميتا إنّ «لاما» وفقًا لـ أوبن إيه آي ١٢"
    norm, origin = normalize_with_offsets(text)
    i = norm.index("وفقا")
    s, e = span_to_original(text, origin, i, i + len("وفقا"))
    assert text[s:e] == "وفقًا"
    i = norm.index("اوبن ايه اي")
    s, e = span_to_original(text, origin, i, i + len("اوبن ايه اي"))
    assert text[s:e] == "أوبن إيه آي"


def test_span_to_original_covers_whole_ligature():
    text = "\ufefb شيء"
    norm, origin = normalize_with_offsets(text)
    assert norm.startswith("لا")
    assert span_to_original(text, origin, 0, 1) == (0, 1)
    assert span_to_original(text, origin, 1, 2) == (0, 1)


@given(st.text())
def test_normalize_with_offsets_origin_is_monotonic_and_in_range(text):
    norm, origin = normalize_with_offsets(text)
    assert len(origin) == len(norm) + 1
    assert origin[-1] == len(text)
    assert all(0 <= a <= b <= len(text) for a, b in itertools.pairwise(origin))


@given(st.text(), st.data())
def test_span_to_original_slices_cover_the_normalized_span(text, data):
    norm, origin = normalize_with_offsets(text)
    if not norm:
        return
    i = data.draw(st.integers(0, len(norm) - 1))
    j = data.draw(st.integers(i + 1, len(norm)))
    s, e = span_to_original(text, origin, i, j)
    assert 0 <= s < e <= len(text)
    assert norm[i:j] in normalize_ar(text[s:e])


@given(st.text(), st.booleans())
def test_normalize_with_offsets_agrees_with_normalize_ar(text, taa):
    assert normalize_with_offsets(text, taa_marbuta=taa)[0] == normalize_ar(text, taa_marbuta=taa)


def test_normalize_with_offsets_agrees_on_arabic_with_marks_and_ligatures():
    text = "إِنَّ ٱلذَّكَاءَ الاصطناعيّ ﷲ ﻻ مُسْتَقْبَلٌ\u200f ١٢٣ شركة"
    for taa in (False, True):
        norm, origin = normalize_with_offsets(text, taa_marbuta=taa)
        assert norm == normalize_ar(text, taa_marbuta=taa)
        assert len(origin) == len(norm) + 1

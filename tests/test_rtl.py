"""Labels for each renderer: runs isolated, lines in the direction of their language."""

import plotly.graph_objects as go
import pytest

from arnews.charts import chart_layout, date_ticks, mirrored, use_notebook_renderer
from arnews.rtl import (
    LRI,
    PDI,
    RLI,
    bilingual,
    date_label,
    direction_of,
    display_names,
    hover_text,
    html_block,
    html_text,
    isolate_runs,
    language_direction,
    legacy_label,
    markdown_block,
    period_label,
    plotly_text,
    short_title,
    signed,
    strip_isolates,
    terminal_text,
)

PRESENTATION_FORMS = range(0xFB50, 0xFF00)


def test_isolate_runs_rtl_line_isolates_runs_starting_with_digits():
    got = isolate_runs("001_e562516a8d8dfbe5 — 01.AI: 3", "rtl")
    assert got == f"{LRI}001_e562516a8d8dfbe5{PDI} — {LRI}01.AI{PDI}: {LRI}3{PDI}"


def test_isolate_runs_rtl_line_signed_numbers_and_versions():
    assert isolate_runs("الصافي −0.75", "rtl") == f"الصافي {LRI}−0.75{PDI}"
    assert isolate_runs("+17 جملة", "rtl") == f"{LRI}+17{PDI} جملة"
    assert isolate_runs("نموذج Llama 3.1 405B", "rtl") == f"نموذج {LRI}Llama 3.1 405B{PDI}"
    assert isolate_runs("001_e5…", "rtl") == f"{LRI}001_e5…{PDI}"  # the ellipsis stays on its run


def test_isolate_runs_rtl_line_leaves_plain_words_bare():
    assert isolate_runs("شركة OpenAI وMeta AI", "rtl") == "شركة OpenAI وMeta AI"


def test_isolate_runs_ltr_line_isolates_arabic_phrases():
    got = isolate_runs("Words such as «في» and «من» removed.", "ltr")
    assert got == f"Words such as «{RLI}في{PDI}» and «{RLI}من{PDI}» removed."
    inner = isolate_runs("score الدرجة −0.75 للمقالة", "ltr")
    assert inner == f"score {RLI}الدرجة {LRI}−0.75{PDI} للمقالة{PDI}"


def test_isolate_runs_ltr_line_isolates_a_quoted_arabic_title_whole():
    got = isolate_runs("The article «تستعد شركة OpenAI لإطلاق نموذج» (net −8).", "ltr")
    assert got == f"The article «{RLI}تستعد شركة OpenAI لإطلاق نموذج{PDI}» (net −8)."


def test_isolate_runs_drops_existing_isolates_first():
    once = isolate_runs("01.AI", "rtl")
    assert isolate_runs(once, "rtl") == once and strip_isolates(once) == "01.AI"


def test_direction_of_a_text_value_is_arabic_when_it_holds_arabic():
    assert direction_of("OpenAI تطلق نموذجًا مفتوحًا") == "rtl"
    assert direction_of('قالت <script>alert(1)</script> إن ميتا أطلقت "Llama"') == "rtl"
    assert direction_of("GPT-4o") == "ltr" and direction_of("2025-08") == "ltr"


def test_language_direction_unknown_is_an_error():
    assert language_direction("both") == "rtl" and language_direction("en") == "ltr"
    with pytest.raises(ValueError, match="unknown label_language 'fr'"):
        language_direction("fr")


def test_plotly_text_wraps_arabic_line_escapes_only_what_plotly_parses():
    assert plotly_text("ميتا") == f"{RLI}ميتا{PDI}"
    assert plotly_text('قال "مرحبا" <b>') == f'{RLI}قال "مرحبا" &lt;b&gt;{PDI}'  # no &quot;
    assert plotly_text("A & B", "ltr") == "A &amp; B"
    assert plotly_text("DeepSeek", "rtl") == "DeepSeek"  # one plain run reads the same
    assert plotly_text("OpenAI: 8", "rtl") == f"{RLI}OpenAI: {LRI}8{PDI}{PDI}"  # "8 :OpenAI"


def test_plotly_text_escapes_after_isolating_so_entities_stay_whole():
    assert "&amp;" in plotly_text("A&B 01", "rtl")


def test_hover_text_one_line_each_in_its_own_direction():
    got = hover_text(["أوبن إيه آي", "01.AI: 3"], "rtl")
    assert got == f"{RLI}أوبن إيه آي{PDI}<br>{RLI}{LRI}01.AI{PDI}: {LRI}3{PDI}{PDI}"


def test_html_text_escapes_and_isolates():
    assert html_text("<script> 01.AI", "rtl") == f"&lt;script&gt; {LRI}01.AI{PDI}"
    block = html_block("01.AI تطلق")
    assert block.startswith('<p dir="rtl" lang="ar">') and f"{LRI}01.AI{PDI}" in block


def test_markdown_block_escapes_markdown_and_sets_direction():
    got = markdown_block("id a_b_c *x*", "ltr")
    assert got.startswith('<div dir="ltr" lang="en">\n\n') and r"a\_b\_c \*x\*" in got


def test_signed_shows_sign_and_true_minus():
    assert (signed(17), signed(-0.754, 2), signed(0.0, 2)) == ("+17", "−0.75", "0.00")


def test_date_label_in_language_to_precision():
    assert date_label("2019", "ar") == "2019"
    assert date_label("2025-08", "ar") == "أغسطس 2025"
    assert date_label("2025-08-05", "en") == "5 August 2025"
    assert date_label("2025-05-01", "both") == "1 مايو 2025 (1 May 2025)"
    assert date_label(None) == ""


def test_period_label_week_and_month():
    assert period_label("2025-08-04", "week", "en") == "week of 4 August 2025"
    assert period_label("2025-08-01", "month", "ar") == "أغسطس 2025"


def test_date_ticks_labels_in_language():
    ticks, texts = date_ticks("2025-01-15", "2025-08-19", "ar")
    assert texts[0] == "فبراير 2025" and len(ticks) == len(texts) <= 8
    assert date_ticks("2019-07-01", "2025-08-19", "en")[1][0] == "2020"


def test_short_title_cuts_at_a_word():
    assert short_title("نموذج مفتوح المصدر جديد من الشركة", width=20) == "نموذج مفتوح المصدر …"
    assert short_title("", "001_x") == "001_x"


def test_legacy_label_shapes_and_reorders_for_renderers_that_cannot():
    out = legacy_label("نموذج")
    assert any(ord(ch) in PRESENTATION_FORMS for ch in out)
    assert out != "نموذج" and legacy_label("GPT") == "GPT"


def test_bilingual_and_display_names():
    assert bilingual("أوبن إيه آي", "OpenAI", "both") == "أوبن إيه آي (OpenAI)"
    names = {"OpenAI": "أوبن إيه آي", "X Co": "X Co"}
    assert display_names(names, "ar") == {"OpenAI": "أوبن إيه آي", "X Co": "X Co"}
    assert display_names(names, "en")["OpenAI"] == "OpenAI"


def test_chart_layout_reads_from_the_side_of_its_language():
    fig = chart_layout(go.Figure(go.Bar(x=[1], y=["ب"])), "عنوان", language="ar")
    assert fig.layout.title.xanchor == "right" and fig.layout.title.text == f"{RLI}عنوان{PDI}"
    assert fig.layout.hoverlabel.align == "right" and mirrored("both")
    en = chart_layout(go.Figure(), "Title", language="en")
    assert en.layout.title.xanchor == "left" and not mirrored("en")


def test_use_notebook_renderer_stores_the_mimetype_once():
    import plotly.io as pio

    assert use_notebook_renderer() == "arnews"
    bundle = pio.renderers._build_mime_bundle(go.Figure(go.Bar(x=[1], y=[2])).to_dict())
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/plain"}
    assert len(bundle["text/plain"]) < 100  # not the figure's repr


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_terminal_text_shapes_only_for_a_tty():
    text = "خطأ: top_n\nنموذج"
    assert terminal_text(text, _Stream(False)) == text
    assert terminal_text(text, _Stream(True)) == "\n".join(map(legacy_label, text.split("\n")))

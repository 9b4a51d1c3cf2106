import pytest

from arnews.charts import arabic_layout, rtl_hovertemplate, use_notebook_renderer
from arnews.rtl import PDI, RLI, bilingual, browser_label, label, legacy_label, terminal_text

PRESENTATION_FORMS = range(0xFB50, 0xFF00)


def test_browser_label_isolates_arabic_keeps_logical_order():
    assert browser_label("نموذج gpt-oss-120b") == f"{RLI}نموذج gpt-oss-120b{PDI}"
    assert browser_label("OpenAI") == "OpenAI"
    assert browser_label(browser_label("ميتا")) == f"{RLI}ميتا{PDI}"  # not twice


def test_legacy_label_shapes_and_reorders_for_renderers_that_cannot():
    out = legacy_label("نموذج")
    assert any(ord(ch) in PRESENTATION_FORMS for ch in out)
    assert out != "نموذج" and legacy_label("GPT") == "GPT"


def test_label_unknown_target_is_an_error():
    assert label("ميتا", "browser") == browser_label("ميتا")
    with pytest.raises(ValueError, match="unknown label target"):
        label("ميتا", "pdf")


def test_bilingual_both():
    assert bilingual("أوبن إيه آي", "OpenAI", "both") == "أوبن إيه آي (OpenAI)"


def test_rtl_hovertemplate_isolates_each_line_not_extra():
    got = rtl_hovertemplate("%{customdata}<br>%{y}<extra>%{x}</extra>")
    assert got == f"{RLI}%{{customdata}}{PDI}<br>{RLI}%{{y}}{PDI}<extra>%{{x}}</extra>"
    assert rtl_hovertemplate(got) == got


def test_arabic_layout_right_aligned_title_and_rtl_hovers():
    import plotly.graph_objects as go

    fig = arabic_layout(go.Figure(go.Bar(x=[1], y=["ب"], hovertemplate="%{y}: %{x}")), "عنوان")
    assert fig.layout.title.xanchor == "right" and fig.layout.title.text == f"{RLI}عنوان{PDI}"
    assert fig.data[0].hovertemplate == f"{RLI}%{{y}}: %{{x}}{PDI}"


def test_use_notebook_renderer_serves_lab_and_export():
    import plotly.graph_objects as go
    import plotly.io as pio

    assert use_notebook_renderer() == "plotly_mimetype+arnews"
    bundle = pio.renderers._build_mime_bundle(go.Figure(go.Bar(x=[1], y=[2])).to_dict())
    assert "application/vnd.plotly.v1+json" in bundle  # JupyterLab
    assert "text/html" in bundle and "cdn" not in bundle["text/html"].lower()  # the export


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_terminal_text_shapes_only_for_a_tty():
    text = "خطأ: top_n\nنموذج"
    assert terminal_text(text, _Stream(False)) == text
    assert terminal_text(text, _Stream(True)) == "\n".join(map(legacy_label, text.split("\n")))


def test_browser_label_wraps_a_line_whose_isolate_covers_only_its_start():
    from arnews.rtl import PDI, RLI, browser_label

    partial = f"{RLI}يناير 2025{PDI} → 2025-01"
    assert browser_label(partial) == f"{RLI}{partial}{PDI}"
    whole = f"{RLI}يناير 2025 → 2025-01{PDI}"
    assert browser_label(whole) == whole

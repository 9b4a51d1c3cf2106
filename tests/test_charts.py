"""Chart builders and tables: labels in the language shown, bounded payloads, readable forms."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from arnews.charts.corpus import length_histogram
from arnews.charts.mentions import (
    article_company_heatmap,
    cooccurrence_heatmap,
    mentions_by_company_bar,
    mentions_over_time_heatmap,
)
from arnews.charts.stance import (
    EXPLORER_ROWS,
    company_stance_bars,
    explorer_html,
    explorer_rows,
    explorer_selection,
    net_tone_bars,
    score_histogram,
)
from arnews.charts.tables import TABLE_ROWS, table_view
from arnews.charts.timeline import OTHER_LANE, shown_range, timeline_chart, timeline_points
from arnews.rtl import LRI, PDI, RLI, display_names, strip_isolates

LANGUAGES = ("ar", "en", "both")


@pytest.fixture(scope="module")
def tables(seed_corpus):
    from arnews.pipeline import analyse

    return analyse(seed_corpus.articles)


def _texts(fig) -> str:
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_mentions_bar_names_companies_in_the_language_and_mirrors_arabic(tables, language):
    from arnews.mentions import company_kind_counts

    counts = company_kind_counts(tables["mentions"], top_n=5)
    labels = display_names({"OpenAI": "أوبن إيه آي"}, language)
    fig = mentions_by_company_bar(counts, labels=labels, language=language)
    ticks = {strip_isolates(y) for trace in fig.data for y in trace.y}
    assert ("OpenAI" in ticks) is (language == "en")
    assert ("أوبن إيه آي (OpenAI)" in ticks) is (language == "both")
    rtl = language != "en"
    assert (fig.layout.yaxis.side == "right") is rtl
    assert (fig.layout.xaxis.autorange == "reversed") is rtl
    assert fig.layout.title.xanchor == ("right" if rtl else "left")
    assert all(t.hoverinfo == "text" and len(t.hovertext) == len(t.y) for t in fig.data)


def test_hovers_carry_signs_and_no_html_entities(tables, seed_corpus):
    from arnews.aggregate import net_tone

    tone = net_tone(tables["stance"], seed_corpus.articles)
    fig = net_tone_bars(tone)
    hovers = " ".join(h for t in fig.data for h in t.hovertext)
    assert "&quot;" not in hovers and "&#" not in hovers
    top, low = int(tone["net"].max()), int(tone["net"].min())
    assert top > 0 and low < 0
    # the sign before the number, read left to right; a true minus sign
    assert f"{LRI}+{top}{PDI}" in hovers and f"{LRI}\u2212{-low}{PDI}" in hovers
    assert all(y.startswith(RLI) for t in fig.data for y in t.y)  # Arabic titles, RTL lines


def test_score_histogram_is_binned_here_and_hovers_say_the_range(tables):
    fig = score_histogram(tables["stance"])
    assert [t.type for t in fig.data] == ["bar", "bar"] and len(fig.data[0].x) == 20
    assert sum(sum(t.y) for t in fig.data) == len(tables["stance"])
    assert any("−0.9" in strip_isolates(h) for h in fig.data[0].hovertext)


def test_company_stance_bars_use_arabic_names_in_arabic(tables):
    from arnews.aggregate import stance_by_company

    by = stance_by_company(tables["stance"], tables["mentions"])
    ar = company_stance_bars(by, labels={"OpenAI": "أوبن إيه آي"}, language="ar")
    en = company_stance_bars(by, labels={"OpenAI": "OpenAI"}, language="en")
    assert "أوبن إيه آي" in {strip_isolates(y) for t in ar.data for y in t.y}
    assert en.layout.yaxis.side == "left" and ar.layout.yaxis.side == "right"


def test_heatmaps_hover_by_template_not_a_string_per_cell(tables, seed_corpus):
    from arnews.mentions import article_company_counts, company_cooccurrence

    per = article_company_counts(tables["mentions"], seed_corpus.articles)
    fig = article_company_heatmap(per, titles={}, language="ar")
    (trace,) = fig.data
    assert trace.hovertext is None and "%{customdata}" in trace.hovertemplate
    assert {c for row in trace.customdata for c in row} == set(seed_corpus.articles["article_id"])
    pairs = company_cooccurrence(tables["mentions"])
    co = cooccurrence_heatmap(pairs)
    assert "" in {t for row in co.data[0].text for t in row}  # zeros left blank
    # each pair once: the lower triangle, its cells summing to half the symmetric counts
    z = pd.DataFrame(co.data[0].z)
    assert z.where(pd.DataFrame(~np.tril(np.ones(z.shape, dtype=bool)))).isna().all().all()
    assert z.sum().sum() == pairs["sentences"].sum() / 2
    assert len(co.data[0].y) == len(co.data[0].x) == pairs["company_a"].nunique() - 1


def test_mentions_over_time_heatmap_periods_in_the_language():
    df = pd.DataFrame(
        {"company": ["Meta", "Meta"], "period": pd.to_datetime(["2025-01-01", "2025-03-01"]),
         "count": [2, 5], "articles": [1, 2]}
    )  # fmt: skip
    fig = mentions_over_time_heatmap(df, grain="month", language="ar")
    assert strip_isolates(fig.data[0].customdata[0][0]) == "يناير 2025"
    assert "يناير 2025" in {strip_isolates(t) for t in fig.layout.xaxis.ticktext}


def _events(**extra) -> pd.DataFrame:
    ev = pd.DataFrame(
        {
            "date": ["2019", "2025-01", "2025-03", "2025-04", "2025-07-11", "2025-08-05"],
            "kind": ["release", "release", "announcement", "release", "delay", "release"],
            "subject": ["GPT-2", "DeepSeek R1", "OpenAI", "Llama 4", "OpenAI", "gpt-oss-120b"],
            "company": ["OpenAI", "DeepSeek", "OpenAI", "Meta", "OpenAI", "OpenAI"],
            "surface": ["عام 2019"] * 6,
            "sentence": ["جملة"] * 6,
        }
    )
    return ev.assign(**extra)


def test_timeline_one_lane_per_company_products_written_and_outliers_counted():
    fig = timeline_chart(_events(), labels={"OpenAI": "أوبن إيه آي"}, label_language="ar")
    lanes = [strip_isolates(t.name) for t in fig.data if t.showlegend is False]
    assert sorted(lanes) == sorted(["أوبن إيه آي", "DeepSeek", "Meta"])
    written = {strip_isolates(x) for t in fig.data if t.text for x in t.text if x}
    assert {"GPT-2", "Llama 4", "DeepSeek R1", "gpt-oss-120b"} <= written
    assert "OpenAI" not in written  # a lane's own name is not repeated on its points
    lo = fig.layout.xaxis.range[0]
    assert pd.Timestamp(lo) > pd.Timestamp("2024-06-01")  # 2019 is not on the axis ...
    assert "1" in strip_isolates(fig.layout.title.text)  # ... but counted in the title
    assert {strip_isolates(t) for t in fig.layout.xaxis.ticktext} & {"أبريل 2025", "مارس 2025"}


def test_timeline_points_merge_reports_and_bound_the_lanes():
    ev = pd.concat([_events()] * 3, ignore_index=True)
    points = timeline_points(ev, max_lanes=2)
    assert len(points) == 6 and set(points["n_reports"]) == {3}
    assert OTHER_LANE in set(points["lane"])  # Meta and DeepSeek share "other companies"


def test_shown_range_keeps_the_bulk():
    x = pd.Series(pd.to_datetime(["2019-07-01"] + [f"2025-0{m}-15" for m in range(1, 9)]))
    lo, hi = shown_range(x)
    assert lo > pd.Timestamp("2024-10-01") and hi > pd.Timestamp("2025-08-15")


def test_explorer_selection_is_bounded_and_keeps_the_strongest(tables):
    stance = pd.concat([tables["stance"]] * 10, ignore_index=True)
    chosen = explorer_selection(stance, tables["mentions"], limit=50)
    assert len(chosen) == 50
    assert chosen["score"].abs().max() == stance["score"].abs().max()
    assert set(chosen["target"]) == set(stance["target"])
    page = explorer_html(explorer_rows(chosen), total=len(stance), csv="tables/stance.csv")
    assert page.count('<tr class="row"') == 50 and 'data-page="20"' in page
    assert 'href="tables/stance.csv"' in page and f"{len(stance):,}" in page
    assert EXPLORER_ROWS >= 100


def test_table_view_first_rows_no_index_empty_cells_titles_with_ids():
    df = pd.DataFrame(
        {"article_id": [f"00{i}_x" for i in range(30)], "value": [None] * 29 + [1.5],
         "n": range(30)}
    )  # fmt: skip
    titles = {"000_x": "عنوان المقالة الأولى"}
    out = table_view(df, {"article_id": "المقالة", "value": "القيمة", "n": "n"}, titles=titles,
                     csv="tables/x.csv")  # fmt: skip
    assert out.count('<tr class="row"') == TABLE_ROWS
    assert "None" not in out and "nan" not in out.lower()
    assert '<span title="000_x">عنوان المقالة الأولى</span>' in out
    assert '<td class=\'\' dir="ltr"><span title="001_x">001_x</span>' in out  # no title: id
    assert '<a href="tables/x.csv">tables/x.csv</a>' in out
    assert f"أول {LRI}{TABLE_ROWS}{PDI} من {LRI}30{PDI}" in out


@pytest.mark.parametrize(
    ("language", "shown", "hidden"), [("ar", "مفتوحة", ">open<"), ("en", ">open<", "مفتوحة")]
)
def test_table_of_shows_codes_in_the_label_language(language, shown, hidden):
    from arnews import views
    from arnews.notebook import Setup

    stance = pd.DataFrame(
        {"article_id": ["a"], "sentence_id": [1], "target": ["open"], "polarity": ["positive"],
         "score": [0.5], "confidence": ["high"]}
    )  # fmt: skip
    page = views.table_of("stance", stance, Setup("c", language=language)).data
    assert shown in page and hidden not in page
    assert ("عالية" in page) == (language == "ar")
    vague = pd.DataFrame(
        {"resolved_from": ["period", "unresolved"], "surface": ["الخريف", "الشهر الماضي"],
         "kind": ["other", "release"], "sentence": ["…", "…"], "article_id": ["a", "a"]}
    )  # fmt: skip
    page = views.table_of("vague", vague, Setup("c", language=language)).data
    assert ("مدة أو فترة" in page and "بلا مرجع" in page) == (language == "ar")
    assert ("span or period" in page and "no anchor" in page) == (language == "en")


@pytest.mark.parametrize("lengths", [[], [1200], [300, 900, 900, 5000]])
def test_length_histogram_counts_every_article_and_draws_an_empty_corpus(lengths):
    fig = length_histogram(pd.DataFrame({"n_chars": lengths}), language="en", bins=5)
    bars = fig.data[0]
    assert sum(bars.y) == len(lengths)
    assert len(bars.hovertext) == len(bars.x) == len(bars.y) >= 1
    assert all("articles" in h for h in bars.hovertext)

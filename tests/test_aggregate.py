"""Chart-shaped tables and what each notebook found, on the seeds and on a dated corpus."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from arnews import aggregate as agg
from arnews.findings import (
    corpus_findings,
    largest_change,
    mentions_findings,
    stance_findings,
    timeline_findings,
)
from arnews.pipeline import analyse
from benchmarks.scale_corpus import dated_articles


@pytest.fixture(scope="module")
def seed_tables(seed_corpus):
    return analyse(seed_corpus.articles)


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """A corpus of 120 dated articles from six outlets over two years (every 25th undated)."""
    from arnews.corpus import load_corpus

    corpus = load_corpus(dated_articles(120, tmp_path_factory.mktemp("dated") / "a"))
    return corpus, analyse(corpus.articles)


def _net_tone_by_loops(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The plain per-article loop the vectorised net_tone replaced (the oracle)."""
    rows = []
    for aid, title in zip(articles["article_id"], articles["title"], strict=True):
        sub = stance[stance["article_id"] == aid]
        for t in ("open", "closed"):
            s = sub[sub["target"] == t]
            n = s["polarity"].value_counts()
            pos, neg, neu = (int(n.get(k, 0)) for k in ("positive", "negative", "neutral"))
            mean = float(s["score"].mean()) if len(s) else 0.0
            status = "stance" if len(sub) else "no stance"
            rows.append((aid, title, t, pos, neg, neu, pos - neg, mean, status))
    cols = ["article_id", "title", "target", "n_positive", "n_negative", "n_neutral", "net"]
    return pd.DataFrame(rows, columns=[*cols, "mean_score", "status"])


def test_net_tone_equals_the_per_article_loop_and_keeps_articles_without_stance(
    seed_corpus, seed_tables
):
    arts = seed_corpus.articles
    got = agg.net_tone(seed_tables["stance"], arts)
    pd.testing.assert_frame_equal(got, _net_tone_by_loops(seed_tables["stance"], arts))
    assert (got["status"] == "stance").any()
    none = agg.net_tone(seed_tables["stance"].iloc[:0], arts)
    assert len(none) == 2 * len(arts) and set(none["status"]) == {"no stance"}


def test_per_article_threshold():
    small = pd.DataFrame({"article_id": [f"a{i}" for i in range(agg.PER_ARTICLE_MAX)]})
    assert agg.per_article(small) and not agg.per_article(pd.concat([small, small.head(1)]))


def test_time_grain_week_for_short_spans_month_beyond():
    short = pd.Series(pd.to_datetime(["2025-01-01", "2025-03-01"]))
    assert agg.time_grain(short) == "week"
    assert agg.time_grain(pd.Series(pd.to_datetime(["2024-01-01", "2025-03-01"]))) == "month"


def test_period_starts_monday_or_first_of_month():
    dates = pd.Series(pd.to_datetime(["2025-08-07", None]))
    weeks = agg.period_starts(dates, "week")
    assert weeks[0] == pd.Timestamp("2025-08-04") and pd.isna(weeks[1])
    assert agg.period_starts(dates, "month")[0] == pd.Timestamp("2025-08-01")


def test_articles_over_time_fills_empty_periods_and_leaves_undated_out():
    arts = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "published": [dt.date(2025, 1, 5), dt.date(2025, 3, 2), None],
        }
    )
    got = agg.articles_over_time(arts, "month")
    assert got["articles"].tolist() == [1, 0, 1] and agg.undated(arts) == 1


def test_mentions_over_time_counts_per_company_and_period(dated):
    corpus, tables = dated
    over = agg.mentions_over_time(tables["mentions"], corpus.articles, grain="month")
    dated_ids = corpus.articles.loc[corpus.articles["published"].notna(), "article_id"]
    in_dated = tables["mentions"]["article_id"].isin(dated_ids).sum()
    assert over["count"].sum() == in_dated  # undated articles' mentions are left out
    assert over["period"].nunique() > 12  # two years of months


def test_tone_by_outlet_and_over_time_sum_to_the_sentences(dated):
    corpus, tables = dated
    stance = tables["stance"]
    outlets = agg.tone_by_outlet(stance, corpus.articles)
    assert outlets["outlet"].nunique() == 6 and outlets["n_sentences"].sum() == len(stance)
    over = agg.tone_over_time(stance, corpus.articles, "month")
    dated_ids = set(corpus.articles.loc[corpus.articles["published"].notna(), "article_id"])
    assert over["n_sentences"].sum() == stance["article_id"].isin(dated_ids).sum()
    assert (over["net"] == over["n_positive"] - over["n_negative"]).all()


def test_extreme_articles_most_positive_and_negative_per_target(dated):
    corpus, tables = dated
    tone = agg.net_tone(tables["stance"], corpus.articles)
    top = agg.extreme_articles(tone, n=3)
    assert len(top) <= 12
    pos = top[(top["target"] == "open") & (top["side"] == "most positive")]
    assert pos["net"].tolist() == sorted(pos["net"], reverse=True) and (pos["net"] > 0).all()
    best = tone[tone["target"] == "open"]["net"].max()
    assert pos["net"].iloc[0] == best


def test_top_articles_by_mentions_keeps_the_most_mentioned(seed_corpus, seed_tables):
    from arnews.mentions import article_company_counts

    per = article_company_counts(seed_tables["mentions"], seed_corpus.articles)
    top = agg.top_articles_by_mentions(per, n=2)
    totals = per.groupby("article_id")["count"].sum().sort_values(ascending=False)
    assert list(dict.fromkeys(top["article_id"])) == totals.index[:2].tolist()


def test_corpus_findings_on_the_seeds(seed_corpus):
    found = corpus_findings(seed_corpus.articles, seed_corpus.skipped)
    assert "5 articles were read and no input was skipped" in found[0].en
    assert "المقالات المقروءة: 5" in found[0].ar
    assert "published on 19 August 2025; 4 have no publication date" in found[1].en
    assert "نُشرت في 19 أغسطس 2025" in found[1].ar


def test_mentions_findings_most_mentioned_and_share(seed_corpus, seed_tables):
    m = seed_tables["mentions"]
    counts = m["company"].value_counts()
    (lead,) = mentions_findings(m, seed_corpus.articles, {"OpenAI": "أوبن إيه آي"})
    share = f"{100 * counts.iloc[0] / counts.sum():.0f}%"
    assert lead.en.startswith(f"The most mentioned company is {counts.index[0]}: ")
    assert f"{counts.iloc[0]} of {counts.sum()} mentions ({share})" in lead.en
    assert "أوبن إيه آي" in lead.ar and share in lead.ar


def test_largest_change_is_the_biggest_step_between_consecutive_months(dated):
    corpus, tables = dated
    change = largest_change(tables["mentions"], corpus.articles)
    over = agg.mentions_over_time(tables["mentions"], corpus.articles, grain="month")
    wide = over.pivot_table(index="period", columns="company", values="count", fill_value=0)
    wide = wide.reindex(pd.date_range(wide.index.min(), wide.index.max(), freq="MS"), fill_value=0)
    assert change.grain == "month"
    assert abs(change.after - change.before) == int(wide.diff().abs().max().max())
    assert wide.loc[change.period, change.company] == change.after
    assert change.period - change.previous < pd.Timedelta(days=32)
    said = mentions_findings(tables["mentions"], corpus.articles)[1]
    assert said.en.startswith(f"The largest change: mentions of {change.company} ")
    assert f"from {change.before} in " in said.en and "أكبر تغيّر" in said.ar


def test_largest_change_needs_two_dated_periods(seed_corpus, seed_tables):
    assert largest_change(seed_tables["mentions"], seed_corpus.articles) is None


def test_stance_findings_outlets_when_several(dated, seed_corpus, seed_tables):
    corpus, tables = dated
    found = stance_findings(tables["stance"], corpus.articles)
    assert any(f.en.startswith("The outlet most positive toward open models: ") for f in found)
    seeds = stance_findings(seed_tables["stance"], seed_corpus.articles)
    assert any(f.en.startswith("The article most positive toward open models: «") for f in seeds)
    n_open = (seed_tables["stance"]["target"] == "open").sum()
    assert seeds[0].en.startswith(f"{n_open} sentences judge open models")


def test_timeline_findings_first_and_latest_release(seed_tables):
    events = seed_tables["events"]
    found = timeline_findings(events, {"OpenAI": "أوبن إيه آي"})
    releases = events[(events["kind"] == "release") & (events["precision"] != "vague")]
    first = releases.sort_values("date", kind="stable").iloc[0]
    assert found[1].en.startswith(f"The first release: {first['subject']}")
    assert found[2].en.startswith("The latest release: ") and "2025" in found[2].en
    assert "أول إطلاق" in found[1].ar


def test_findings_when_nothing_was_found():
    empty = pd.DataFrame(columns=["article_id", "company", "kind", "sentence_id"])
    arts = pd.DataFrame({"article_id": [], "published": [], "outlet": [], "title": []})
    assert mentions_findings(empty, arts)[0].en == "No company is mentioned."
    stance = pd.DataFrame(columns=["article_id", "target", "polarity", "score"])
    assert stance_findings(stance, arts)[0].en == "No sentence judges open or closed models."
    events = pd.DataFrame(columns=["precision", "kind", "date"])
    assert timeline_findings(events)[0].en.startswith("No dated event")

"""Chart-shaped tables: what each view shows, per article for a few articles, aggregated beyond.

A view shows one row per article up to :data:`PER_ARTICLE_MAX` articles; past it, the article
views give way to aggregates: counts per company over publication time (by week or month),
net tone per month and per outlet, and the top articles with the rest left to the CSV files.
Articles without a publication date are counted (:func:`undated`), never dropped silently.

Every function takes the tidy tables of :mod:`arnews.pipeline` and returns a DataFrame whose
columns it lists; none draws anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from arnews.mentions.aggregate import select_mentions
from arnews.schema import POLARITIES, TARGETS

__all__ = [
    "PER_ARTICLE_MAX",
    "TOP_ARTICLES",
    "WEEKLY_MAX_DAYS",
    "articles_over_time",
    "extreme_articles",
    "mentions_over_time",
    "net_tone",
    "per_article",
    "period_starts",
    "publication_dates",
    "score_distribution",
    "stance_by_company",
    "time_grain",
    "tone_by_outlet",
    "tone_over_time",
    "top_articles_by_mentions",
    "undated",
]

#: Views show one row per article up to this many articles, aggregates beyond.
PER_ARTICLE_MAX = 40
#: Articles kept in a "top articles" view (the others stay in the CSV files).
TOP_ARTICLES = 25
#: Publication dates spanning at most this many days are grouped by week, else by month.
WEEKLY_MAX_DAYS = 120


def per_article(articles: pd.DataFrame) -> bool:
    """Return True when `articles` is small enough for one row per article."""
    return len(articles) <= PER_ARTICLE_MAX


def publication_dates(articles: pd.DataFrame) -> pd.Series:
    """Return each article's publication date as a Timestamp (NaT when unknown), by id."""
    dates = pd.to_datetime(articles["published"].astype("object"), errors="coerce")
    return pd.Series(dates.to_numpy(), index=articles["article_id"].to_numpy(), name="published")


def undated(articles: pd.DataFrame) -> int:
    """Return how many articles have no publication date."""
    return int(publication_dates(articles).isna().sum())


def time_grain(dates: pd.Series) -> str:
    """Return ``"week"`` when the known `dates` span at most :data:`WEEKLY_MAX_DAYS`, else
    ``"month"``."""
    known = dates.dropna()
    if known.empty or (known.max() - known.min()).days <= WEEKLY_MAX_DAYS:
        return "week"
    return "month"


def period_starts(dates: pd.Series, grain: str) -> pd.Series:
    """Return the first day of each date's week (Monday) or month; NaT stays NaT."""
    if grain not in ("week", "month"):
        raise ValueError(f"grain must be 'week' or 'month', got {grain!r}")
    freq = "W-SUN" if grain == "week" else "M"
    return dates.dt.to_period(freq).dt.start_time


def _with_period(frame: pd.DataFrame, articles: pd.DataFrame, grain: str) -> pd.DataFrame:
    dates = publication_dates(articles)
    out = frame.assign(period=period_starts(frame["article_id"].map(dates), grain))
    return out[out["period"].notna()]


def articles_over_time(articles: pd.DataFrame, grain: str) -> pd.DataFrame:
    """Count articles per publication period.

    Returns
    -------
    DataFrame with ``period`` (first day) and ``articles``, every period between the first and
    the last present (zeros included), undated articles left out (see :func:`undated`).
    """
    dated = _with_period(articles[["article_id"]], articles, grain)
    counts = dated.groupby("period").size().rename("articles")
    return _fill_periods(counts, grain).reset_index()


def _fill_periods(counts: pd.Series, grain: str) -> pd.Series:
    if counts.empty:
        return counts.rename_axis("period")
    freq = "W-MON" if grain == "week" else "MS"
    full = pd.date_range(counts.index.min(), counts.index.max(), freq=freq, name="period")
    return counts.reindex(full, fill_value=0).astype("int64")


def mentions_over_time(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    grain: str = "month",
    count_products_as_company: bool = True,
) -> pd.DataFrame:
    """Count mentions per company and publication period (attention over time).

    Returns
    -------
    DataFrame with ``company``, ``period`` (first day), ``count`` and ``articles`` (articles
    of the period naming the company); mentions in undated articles are left out.
    """
    sel = _with_period(
        select_mentions(mentions, companies, count_products_as_company), articles, grain
    )
    out = sel.groupby(["company", "period"]).agg(
        count=("article_id", "size"), articles=("article_id", "nunique")
    )
    return out.reset_index().astype({"count": "int64", "articles": "int64"})


def top_articles_by_mentions(
    per_article_counts: pd.DataFrame, n: int = TOP_ARTICLES
) -> pd.DataFrame:
    """Keep the `n` articles with the most mentions of a table of ``article_id``, ``company``,
    ``count`` (:func:`arnews.mentions.article_company_counts`), most mentioned first."""
    totals = per_article_counts.groupby("article_id", sort=False)["count"].sum()
    keep = totals.sort_values(ascending=False, kind="stable").head(n).index
    out = per_article_counts[per_article_counts["article_id"].isin(keep)]
    order = {a: i for i, a in enumerate(keep)}
    return out.sort_values("article_id", key=lambda s: s.map(order), kind="stable")


def net_tone(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Net tone per article and target, articles without stance kept as such.

    Returns
    -------
    DataFrame with ``article_id``, ``title``, ``target``, ``n_positive``, ``n_negative``,
    ``n_neutral``, ``net`` (positive minus negative sentences), ``mean_score`` and ``status``
    (``"stance"`` or ``"no stance"``; an article without any row gets one row per target with
    zero counts).
    """
    ids = articles["article_id"]
    grid = pd.MultiIndex.from_product([ids, TARGETS], names=["article_id", "target"])
    counts = (
        stance.groupby(["article_id", "target", "polarity"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(POLARITIES), fill_value=0)
        .reindex(grid, fill_value=0)
    )
    mean = stance.groupby(["article_id", "target"])["score"].mean().reindex(grid)
    out = pd.DataFrame(
        {f"n_{p}": counts[p].astype("int64") for p in POLARITIES}, index=grid
    ).reset_index()
    out.insert(1, "title", out["article_id"].map(dict(zip(ids, _titles(articles), strict=True))))
    out["net"] = out["n_positive"] - out["n_negative"]
    out["mean_score"] = mean.fillna(0.0).to_numpy()
    judged = set(stance["article_id"])
    out["status"] = np.where(out["article_id"].isin(judged), "stance", "no stance")
    return out


def _titles(articles: pd.DataFrame) -> pd.Series:
    return articles["title"] if "title" in articles else articles["article_id"]


def extreme_articles(tone: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Return, per target, the `n` articles of highest and the `n` of lowest net tone.

    `tone` is :func:`net_tone`. Returns its rows (articles without stance left out) with a
    ``side`` column (``"most positive"``/``"most negative"``), at most ``4 n`` rows.
    """
    judged = tone[(tone["n_positive"] + tone["n_negative"]) > 0]
    parts = []
    for target in TARGETS:
        sub = judged[judged["target"] == target].sort_values(
            ["net", "article_id"], ascending=[False, True], kind="stable"
        )
        top = sub[sub["net"] > 0].head(n).assign(side="most positive")
        low = sub[sub["net"] < 0].iloc[::-1].head(n).assign(side="most negative")
        parts += [top, low]
    return pd.concat(parts, ignore_index=True) if parts else tone.head(0).assign(side="")


def tone_over_time(stance: pd.DataFrame, articles: pd.DataFrame, grain: str) -> pd.DataFrame:
    """Sum the tone toward each target per publication period.

    Returns
    -------
    DataFrame with ``period``, ``target``, ``n_positive``, ``n_negative``, ``net``,
    ``n_sentences`` and ``articles`` (articles judging the target in the period); sentences
    of undated articles are left out.
    """
    return _tone_by(_with_period(stance, articles, grain), "period")


def tone_by_outlet(stance: pd.DataFrame, articles: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Sum the tone toward each target per outlet, the `top` outlets with most judged articles.

    Returns
    -------
    DataFrame with ``outlet``, ``target``, ``n_positive``, ``n_negative``, ``net``,
    ``n_sentences`` and ``articles``; articles without an outlet are left out.
    """
    outlets = articles.set_index("article_id")["outlet"]
    frame = stance.assign(outlet=stance["article_id"].map(outlets))
    frame = frame[frame["outlet"].notna() & (frame["outlet"].astype(str) != "")]
    out = _tone_by(frame, "outlet")
    keep = out.groupby("outlet")["articles"].max().sort_values(ascending=False).head(top).index
    return out[out["outlet"].isin(keep)].reset_index(drop=True)


def _tone_by(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    cols = [key, "target", "n_positive", "n_negative", "net", "n_sentences", "articles"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    grouped = frame.groupby([key, "target"])
    out = pd.DataFrame(
        {
            "n_positive": grouped["polarity"].apply(lambda s: int((s == "positive").sum())),
            "n_negative": grouped["polarity"].apply(lambda s: int((s == "negative").sum())),
            "n_sentences": grouped.size(),
            "articles": grouped["article_id"].nunique(),
        }
    ).reset_index()
    out["net"] = out["n_positive"] - out["n_negative"]
    return out[cols]


def score_distribution(stance: pd.DataFrame) -> pd.DataFrame:
    """Return one row per judged sentence: ``article_id``, ``sentence_id``, ``target``, ``score``,
    ``polarity``, ``sentence`` (for a histogram or strip of scores per target)."""
    return stance[["article_id", "sentence_id", "target", "score", "polarity", "sentence"]].copy()


def stance_by_company(stance: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Count, per company, the stance sentences that mention it, by target and polarity.

    Returns
    -------
    DataFrame with ``company``, ``target``, ``polarity``, ``group`` (e.g. ``open/positive``)
    and ``n_sentences``; empty when there are no mentions.
    """
    cols = ["company", "target", "polarity", "group", "n_sentences"]
    if mentions is None or mentions.empty or stance.empty:
        return pd.DataFrame(columns=cols)
    m = mentions[["article_id", "sentence_id", "company"]].dropna().drop_duplicates()
    j = stance[["article_id", "sentence_id", "target", "polarity"]].merge(
        m, on=["article_id", "sentence_id"]
    )
    out = j.groupby(["company", "target", "polarity"]).size().reset_index(name="n_sentences")
    out["group"] = out["target"] + "/" + out["polarity"]
    return out[cols].sort_values(["n_sentences", "company"], ascending=[False, True])

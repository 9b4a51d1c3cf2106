"""Counts over the mentions table: per company and kind, per article, together in a sentence,
and example sentences."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = [
    "article_company_counts",
    "company_cooccurrence",
    "company_kind_counts",
    "example_sentences",
    "select_mentions",
]


def select_mentions(
    mentions: pd.DataFrame, companies: Sequence[str] | None, count_products_as_company: bool
) -> pd.DataFrame:
    """Return the mentions counted for companies: of `companies` only (all when empty), and
    products and people too when `count_products_as_company`."""
    if not count_products_as_company:
        mentions = mentions[mentions["kind"] == "company"]
    if companies:
        mentions = mentions[mentions["company"].isin(companies)]
    return mentions


def company_kind_counts(
    mentions: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    count_products_as_company: bool = True,
    top_n: int | None = None,
) -> pd.DataFrame:
    """Count mentions per company and kind, the most mentioned companies first.

    Parameters
    ----------
    mentions : from :func:`find_mentions`.
    companies : keep only these companies (None or empty: all).
    count_products_as_company : count product and person mentions toward their owner; if False,
        only mentions of the company name itself count.
    top_n : keep the `top_n` companies with the most mentions.

    Returns
    -------
    DataFrame with columns ``company``, ``kind``, ``count`` and ``total`` (the company's count).
    """
    sel = select_mentions(mentions, companies, count_products_as_company)
    counts = sel.groupby(["company", "kind"]).size().rename("count").reset_index()
    counts["total"] = counts.groupby("company")["count"].transform("sum")
    counts = counts.sort_values(["total", "company", "kind"], ascending=[False, True, True])
    if top_n:
        keep = counts.drop_duplicates("company")["company"].head(top_n)
        counts = counts[counts["company"].isin(keep)]
    return counts.reset_index(drop=True).astype({"count": "int64", "total": "int64"})


def article_company_counts(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    count_products_as_company: bool = True,
) -> pd.DataFrame:
    """Count mentions per article and company, with a zero row for every pair never mentioned.

    Every article of `articles` appears, also one that mentions no company; the companies are
    `companies` if given, else every company mentioned at least once.

    Returns
    -------
    DataFrame with columns ``article_id``, ``company``, ``count``.
    """
    sel = select_mentions(mentions, companies, count_products_as_company)
    names = list(companies) if companies else sorted(sel["company"].unique(), key=str.casefold)
    grid = pd.MultiIndex.from_product(
        [articles["article_id"].tolist(), names], names=["article_id", "company"]
    )
    counts = sel.groupby(["article_id", "company"]).size().reindex(grid, fill_value=0)
    return counts.rename("count").reset_index().astype({"count": "int64"})


def company_cooccurrence(
    mentions: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    count_products_as_company: bool = True,
) -> pd.DataFrame:
    """Count the sentences in which two companies are both mentioned.

    Returns
    -------
    DataFrame with columns ``company_a``, ``company_b``, ``sentences``: one row per ordered pair of
    different companies mentioned together at least once (so the matrix is symmetric).
    """
    sel = select_mentions(mentions, companies, count_products_as_company)
    pairs = sel[["article_id", "sentence_id", "company"]].drop_duplicates()
    joined = pairs.merge(pairs, on=["article_id", "sentence_id"], suffixes=("_a", "_b"))
    joined = joined[joined["company_a"] != joined["company_b"]]
    out = joined.groupby(["company_a", "company_b"]).size().rename("sentences").reset_index()
    return out.sort_values("sentences", ascending=False, kind="stable").reset_index(drop=True)


def example_sentences(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    per_company: int = 3,
    count_products_as_company: bool = True,
) -> pd.DataFrame:
    """Pick up to `per_company` example sentences per company, one per distinct sentence.

    Returns
    -------
    DataFrame with columns ``company``, ``entity``, ``article_id``, ``sentence_id``, ``surface``,
    ``sentence`` and ``surface_start``/``surface_end`` (the surface's offsets in ``sentence``).
    """
    sel = select_mentions(mentions, companies, count_products_as_company)
    sel = sel.drop_duplicates(["company", "article_id", "sentence_id"])
    sel = sel.groupby("company", sort=False).head(per_company)
    merged = sel.merge(
        sentences[["article_id", "sentence_id", "start", "text"]],
        on=["article_id", "sentence_id"],
        suffixes=("", "_sentence"),
    )
    merged["surface_start"] = merged["start"] - merged["start_sentence"]
    merged["surface_end"] = merged["end"] - merged["start_sentence"]
    merged = merged.rename(columns={"text": "sentence"})
    cols = ["company", "entity", "article_id", "sentence_id", "surface", "sentence"]
    return merged[[*cols, "surface_start", "surface_end"]].reset_index(drop=True)

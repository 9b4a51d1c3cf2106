"""Chart-shaped stance tables (temporary home until the reports views module takes them)."""

from __future__ import annotations

import pandas as pd

__all__ = ["net_tone", "score_distribution", "stance_by_company"]

TARGETS = ("open", "closed")
POLARITIES = ("positive", "negative", "neutral")


def net_tone(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Net tone per article and target, articles without stance kept as such.

    Returns
    -------
    DataFrame with ``article_id``, ``title``, ``target``, ``n_positive``, ``n_negative``,
    ``n_neutral``, ``net`` (positive minus negative sentences), ``mean_score`` and ``status``
    (``"stance"`` or ``"no stance"``; an article without any row gets one row per target with
    zero counts).
    """
    titles = dict(
        zip(articles["article_id"], articles.get("title", articles["article_id"]), strict=True)
    )
    rows = []
    for aid in articles["article_id"]:
        sub = stance[stance["article_id"] == aid]
        for t in TARGETS:
            s = sub[sub["target"] == t]
            counts = s["polarity"].value_counts()
            npos, nneg, nneu = (int(counts.get(k, 0)) for k in POLARITIES)
            rows.append(
                (aid, titles[aid], t, npos, nneg, nneu, npos - nneg,
                 float(s["score"].mean()) if len(s) else 0.0,
                 "stance" if len(sub) else "no stance")
            )  # fmt: skip
    cols = ["article_id", "title", "target", "n_positive", "n_negative", "n_neutral", "net"]
    return pd.DataFrame(rows, columns=[*cols, "mean_score", "status"])


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

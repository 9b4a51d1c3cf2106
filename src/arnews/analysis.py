"""The per-article stages, run on a table of articles: sentences, mentions, stance, events.

Every stage works article by article, so any split of the articles gives the same tables once
concatenated; the engines of :mod:`arnews.pipeline` rely on it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from arnews.tokens import sentences_table

__all__ = ["ANALYSIS_TABLES", "Options", "analyse", "concat_tables", "summarize"]

ANALYSIS_TABLES = ("sentences", "mentions", "stance", "events")  # what analyse() returns


@dataclass(frozen=True)
class Options:
    """User extensions of the packaged data files, passed to every stage."""

    extra_gazetteer: str | None = None  # YAML/CSV of more entities (arnews.mentions)
    lexicon_extra: str | None = None  # CSV of more stance terms (arnews.stance)
    # The analysis tables to compute (sentences always are); a notebook asks only for its own.
    tables: tuple[str, ...] = ANALYSIS_TABLES

    def __post_init__(self) -> None:
        unknown = sorted(set(self.tables) - set(ANALYSIS_TABLES))
        if unknown:
            raise ValueError(f"unknown tables {unknown}; choose from {list(ANALYSIS_TABLES)}")

    def table_names(self) -> list[str]:
        """Return the analysis tables computed, in :data:`ANALYSIS_TABLES` order."""
        return [n for n in ANALYSIS_TABLES if n == "sentences" or n in self.tables]


@functools.lru_cache(maxsize=4)
def _gazetteer(extra: str | None):
    """Load the gazetteer once per process (each worker loads its own)."""
    from arnews.mentions import load_gazetteer

    return load_gazetteer(extra)


def analyse(articles: pd.DataFrame, options: Options = Options()) -> dict[str, pd.DataFrame]:
    """Run the per-article stages on `articles`, computing only the tables `options` asks for
    (and what they need: stance and events use the mentions).

    Returns
    -------
    dict of table name -> DataFrame, in this order, of those asked for: ``sentences``
    (:func:`arnews.tokens.sentences_table`, always), ``mentions``
    (:func:`arnews.mentions.find_mentions`), ``stance`` (:func:`arnews.stance.score_stance`),
    ``events`` (:func:`arnews.timeline.extract_events`).
    """
    wanted = set(options.tables)
    tables = {"sentences": sentences_table(articles)}
    if wanted & {"mentions", "stance", "events"}:
        from arnews.mentions import find_mentions

        gazetteer = _gazetteer(options.extra_gazetteer)
        tables["mentions"] = find_mentions(articles, tables["sentences"], gazetteer)
    if "stance" in wanted:
        from arnews.stance import default_scorer, score_stance

        scorer = default_scorer(options.lexicon_extra)
        tables["stance"] = score_stance(articles, *_sm(tables), scorer=scorer)
    if "events" in wanted:
        from arnews.timeline import extract_events

        tables["events"] = extract_events(articles, *_sm(tables))
    return {name: tables[name] for name in options.table_names()}


def _sm(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return tables["sentences"], tables["mentions"]


def concat_tables(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate, leaving out empty frames whose default dtypes would widen the columns."""
    filled = [f for f in frames if len(f)]
    return pd.concat(filled or frames[:1], ignore_index=True)


def summarize(tables) -> dict:
    """Reduce the analysis tables to per-company, per-article and per-kind counts.

    Works alike on pandas DataFrames and on Dask DataFrames (whose results are lazy).

    Returns
    -------
    dict: ``mentions_per_company`` (company, kind -> mentions), ``tone_per_article``
    (article_id, target -> sentences, mean score), ``events_per_kind`` (kind -> dated events).
    Only the reductions whose table is in `tables` are returned.
    """
    out = {}
    if "mentions" in tables:
        out["mentions_per_company"] = tables["mentions"].groupby(["company", "kind"]).size()
    if "stance" in tables:
        tone = tables["stance"].groupby(["article_id", "target"])["score"]
        out["tone_per_article"] = tone.agg(["count", "mean"])
    if "events" in tables:
        events = tables["events"]
        out["events_per_kind"] = events[events["precision"] != "vague"].groupby("kind").size()
    return out

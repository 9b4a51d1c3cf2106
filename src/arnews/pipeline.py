"""The extraction pipeline: corpus -> sentences -> analysis tables, for ``arnews extract``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from arnews.corpus import load_corpus
from arnews.tokens import sentences_table

__all__ = ["extract"]


def extract(corpus_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read `corpus_dir` and compute every table.

    Returns
    -------
    dict of table name -> DataFrame: ``articles``, ``skipped``, ``sentences``.
    """
    corpus = load_corpus(corpus_dir)
    sentences = sentences_table(corpus.articles)
    return {"articles": corpus.articles, "skipped": corpus.skipped, "sentences": sentences}

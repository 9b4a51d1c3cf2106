"""Mentions against the blind held-out set (figures only: its texts are never printed).

The held-out articles and gold live in ``tests/heldout/`` (written by annotators who never saw
the code); this test reads them only through :func:`arnews.evaluation.evaluate_mentions`.
"""

from pathlib import Path

import pytest

from arnews.corpus import load_corpus
from arnews.evaluation import evaluate_mentions, load_gold
from arnews.mentions import find_mentions, load_gazetteer
from arnews.tokens import sentences_table

HELDOUT = Path(__file__).parent / "heldout"


@pytest.mark.skipif(not (HELDOUT / "gold").is_dir(), reason="no held-out set in tests/heldout")
def test_find_mentions_heldout_floor():
    articles = load_corpus(HELDOUT / "articles").articles
    gold = load_gold(HELDOUT / "gold", articles["article_id"])
    articles = articles[articles["article_id"].isin(gold.keys())].reset_index(drop=True)
    sentences = sentences_table(articles)
    scores = evaluate_mentions(
        find_mentions(articles, sentences, load_gazetteer()), sentences, gold
    )
    print(
        f"held-out mentions: company counts P {scores['company_precision']:.3f} "
        f"R {scores['company_recall']:.3f} F1 {scores['company_f1']:.3f}; "
        f"entity F1 {scores['entity_f1']:.3f}"
    )
    # Reached on 14 held-out articles: company P 0.996, F1 0.954; entity F1 0.908.
    assert scores["company_precision"] >= 0.99
    assert scores["company_f1"] >= 0.95
    assert scores["entity_f1"] >= 0.90

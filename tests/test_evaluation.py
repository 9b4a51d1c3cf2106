"""Accuracy on the seeds (in-sample) and on the blind held-out set, side by side, as floors.

The floors are what the analyses reach today, a little below, so a change that loses accuracy
fails here; ``make evaluate`` prints the same figures (and the development set's).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from arnews.evaluation import (
    GoldSet,
    evaluate_set,
    evaluate_stance,
    figures_table,
    markdown_table,
    prf,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = GoldSet("seeds", ROOT / "seeds", ROOT / "tests" / "gold")
HELDOUT = GoldSet(
    "heldout", ROOT / "tests" / "heldout" / "articles", ROOT / "tests" / "heldout" / "gold"
)

# Floors per set: figure -> minimum. Measured by `make evaluate`; see README "Accuracy".
FLOORS = {
    "seeds": {
        "sentence_f1": 0.99,
        "company_precision": 0.97,
        "company_f1": 0.95,
        "entity_f1": 0.95,
        "stance_f1": 0.80,
        "stance_macro_f1": 0.75,
        "date_f1": 0.95,
        "kind_f1": 0.95,
    },
    "heldout": {
        "sentence_f1": 0.99,
        "company_precision": 0.97,
        "company_f1": 0.93,
        "entity_f1": 0.88,
        "stance_f1": 0.75,
        "stance_polarity_accuracy": 0.78,
        "stance_macro_f1": 0.58,
        "date_f1": 0.90,
        "kind_f1": 0.78,
    },
}


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    return {s.name: evaluate_set(s) for s in (SEEDS, HELDOUT)}


@pytest.mark.parametrize("name", ["seeds", "heldout"])
def test_evaluate_set_holds_its_floors(results, name):
    got = results[name]
    print(f"\n{name}: " + ", ".join(f"{k} {got[k]:.3f}" for k in FLOORS[name]))
    low = {k: round(got[k], 3) for k, floor in FLOORS[name].items() if got[k] < floor}
    assert not low, f"{name} below its floors: {low}"


def test_figures_table_lays_sets_side_by_side(results):
    table = figures_table(results.values())
    print("\n" + markdown_table(table))
    assert list(table.columns) == ["seeds", "heldout"]
    assert table.loc["articles", "heldout"] == 14
    assert "stance F1 closed/positive" in table.index


def test_heldout_controls_get_no_stance(results):
    """The control articles (sentiment about other things) give no stance rows."""
    from arnews.corpus import load_corpus
    from arnews.evaluation import load_gold
    from arnews.pipeline import analyse

    gold = load_gold(HELDOUT.gold)
    controls = [aid for aid, doc in gold.items() if not doc["stance"]]
    assert len(controls) >= 2
    articles = load_corpus(HELDOUT.articles).articles
    tables = analyse(articles[articles["article_id"].isin(controls)].reset_index(drop=True))
    assert tables["stance"].empty


def test_evaluate_stance_counts_each_class_once():
    gold = {
        "a": {
            "stance": [
                {"sentence": 1, "target": "open", "polarity": "positive"},
                {"sentence": 2, "target": "closed", "polarity": "negative"},
            ]
        }
    }
    pred = pd.DataFrame(
        [("a", 1, "open", "positive"), ("a", 3, "closed", "neutral")],
        columns=["article_id", "sentence_id", "target", "polarity"],
    )
    res = evaluate_stance(pred, gold)
    assert (res["precision"], res["recall"]) == (0.5, 0.5)
    # open/positive F1 1, closed/negative 0, closed/neutral (predicted only) 0.
    assert res["macro_f1"] == pytest.approx(1 / 3)


def test_prf_handles_empty_counts():
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(1, 2, 4) == pytest.approx((0.5, 0.25, 1 / 3))


def test_gold_set_parses_its_command_line_form():
    s = GoldSet.parse("heldout=tests/heldout/articles:tests/heldout/gold")
    assert s == GoldSet("heldout", Path("tests/heldout/articles"), Path("tests/heldout/gold"))
    with pytest.raises(ValueError, match="NAME=ARTICLES_DIR:GOLD_DIR"):
        GoldSet.parse("tests/gold")

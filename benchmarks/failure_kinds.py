"""Counts of stance and event failure kinds on a gold set, printed without any text (so it may
run on the blind held-out set).

Usage: ``python -m benchmarks.failure_kinds ARTICLES GOLD``, for example
``python -m benchmarks.failure_kinds tests/heldout/articles tests/heldout/gold``.
"""

from __future__ import annotations

import sys
from collections import Counter

import pandas as pd

from arnews.corpus import load_corpus
from arnews.evaluation import gold_stance_table, granularity, load_gold
from arnews.pipeline import analyse


def stance_failures(stance: pd.DataFrame, gold_docs: dict) -> Counter:
    """Count matched, mis-judged, missed and false stance rows by kind."""
    gold = gold_stance_table(gold_docs, "low")
    key = ["article_id", "sentence_id", "target"]
    want = {tuple(r[:3]): r[3] for r in gold[[*key, "polarity"]].itertuples(index=False)}
    got = {tuple(r[:3]): r[3:] for r in stance[[*key, "via", "polarity"]].itertuples(index=False)}
    want_sents, got_sents = {k[:2] for k in want}, {k[:2] for k in got}
    kinds: Counter = Counter()
    for k, polarity in want.items():
        if k in got:
            right = got[k][1] == polarity
            kinds["matched, polarity right" if right else f"polarity wrong ({polarity} gold)"] += 1
        elif k[:2] in got_sents:
            kinds["missed: sentence found with the other side"] += 1
        else:
            kinds[f"missed: no row in the sentence (gold {k[2]}/{polarity})"] += 1
    for k, (via, _) in got.items():
        if k not in want:
            other = k[:2] in want_sents
            kinds["false row: gold has the other side" if other else f"false row (via {via})"] += 1
    return kinds


def event_failures(events: pd.DataFrame, gold_docs: dict) -> Counter:
    """Count dated events right, with the wrong kind, missed and spurious."""
    dated = events[events["precision"] != "vague"]
    got = {(r.article_id, r.sentence_id, r.date, r.precision): r.kind
           for r in dated.itertuples(index=False)}  # fmt: skip
    want = {(aid, e["sentence"], e["date"], granularity(e["date"])): e["kind"]
            for aid, doc in gold_docs.items() for e in doc["events"]}  # fmt: skip
    got_sents, want_sents = {k[:2] for k in got}, {k[:2] for k in want}
    kinds: Counter = Counter()
    for k, kind in want.items():
        if k in got:
            right = got[k] == kind
            kinds["dated, kind right" if right else f"dated, {kind} given as {got[k]}"] += 1
        elif k[:2] in got_sents:
            kinds["missed: another date found in the sentence"] += 1
        else:
            kinds[f"missed: no date found ({k[3]})"] += 1
    for k in got.keys() - want.keys():
        other = k[:2] in want_sents
        kinds["spurious, beside a gold event" if other else f"spurious ({k[3]})"] += 1
    return kinds


def main(argv: list[str]) -> None:
    articles_dir, gold_dir = argv
    gold_docs = load_gold(gold_dir)
    articles = load_corpus(articles_dir).articles
    tables = analyse(articles[articles["article_id"].isin(gold_docs)].reset_index(drop=True))
    for title, kinds in (
        ("stance", stance_failures(tables["stance"], gold_docs)),
        ("events", event_failures(tables["events"], gold_docs)),
    ):
        print(title)
        for name, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:5d}  {name}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Accuracy against hand-made gold annotations (the ``tests/gold`` format).

A gold set is a folder of articles and a folder of ``<stem>.json`` annotations (see
``tests/gold/README.md``). :func:`evaluate_set` runs the analysis on the articles and scores
each table against the gold; :func:`figures_table` lays several sets side by side (the seeds,
in-sample, next to held-out sets nobody tuned the rules to).

Scoring, the same for every set:

* sentences: boundary F1 on ``(article, start, end)``;
* mentions: entity level on ``(article, sentence, entity, position in sentence)``, and company
  counts per article (multiset of the ``company`` field, products and people counting toward
  their owner);
* stance: detection on ``(article, sentence, target)``; polarity accuracy on pairs found in
  both; macro-F1 over the target × polarity classes present in the gold or the prediction;
* events: dated events on ``(article, sentence, date, granularity)``, then with the ``kind``
  added to the key; vague expressions by ``(article, sentence)`` recall.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arnews.schema import CONFIDENCE_RANK, MENTIONS

__all__ = [
    "GoldSet",
    "evaluate_events",
    "evaluate_mentions",
    "evaluate_sentences",
    "evaluate_set",
    "evaluate_stance",
    "figures_table",
    "format_figure",
    "gold_mentions_table",
    "gold_stance_table",
    "granularity",
    "load_gold",
    "markdown_table",
    "prf",
]

_GRANULARITY = {4: "year", 7: "month", 10: "day"}


def granularity(date: str) -> str:
    """Return the precision of a gold date: ``year`` (YYYY), ``month`` (YYYY-MM) or ``day``."""
    return _GRANULARITY[len(date)]


@dataclass(frozen=True)
class GoldSet:
    """A named gold set: a folder of articles and a folder of gold JSON files."""

    name: str
    articles: Path
    gold: Path

    @classmethod
    def parse(cls, spec: str) -> GoldSet:
        """Read ``NAME=ARTICLES:GOLD`` (as given on the command line)."""
        name, sep, dirs = spec.partition("=")
        articles, sep2, gold = dirs.partition(":")
        if not (sep and sep2 and name and articles and gold):
            raise ValueError(f"a gold set is NAME=ARTICLES_DIR:GOLD_DIR, got {spec!r}")
        return cls(name, Path(articles), Path(gold))


def load_gold(gold_dir: str | Path, article_ids: Iterable[str] | None = None) -> dict[str, dict]:
    """Read ``<stem>.json`` gold files of `gold_dir` into a dict keyed by article id (stem).

    With `article_ids`, only those articles' files. An empty or missing `gold_dir` gives {}.
    """
    if not gold_dir or not Path(gold_dir).is_dir():
        return {}
    wanted = None if article_ids is None else set(article_ids)
    return {
        p.stem: json.loads(p.read_text("utf-8"))
        for p in sorted(Path(gold_dir).glob("*.json"))
        if wanted is None or p.stem in wanted
    }


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _scores(tp: int, n_pred: int, n_gold: int, prefix: str) -> dict[str, float]:
    p, r, f = prf(tp, n_pred, n_gold)
    return {f"{prefix}precision": p, f"{prefix}recall": r, f"{prefix}f1": f}


def _multiset_scores(want: Counter, got: Counter, prefix: str) -> dict[str, float]:
    return _scores(sum((want & got).values()), sum(got.values()), sum(want.values()), prefix)


# --- Sentences -----------------------------------------------------------------------------------


def evaluate_sentences(sentences: pd.DataFrame, gold_docs: Mapping[str, dict]) -> dict:
    """Score sentence boundaries: ``(article, start, end)`` spans against the gold's."""
    want = Counter(
        (aid, s["start"], s["end"]) for aid, doc in gold_docs.items() for s in doc["sentences"]
    )
    sel = sentences[sentences["article_id"].isin(gold_docs.keys())]
    got = Counter(zip(sel["article_id"], sel["start"], sel["end"], strict=True))
    return _multiset_scores(want, got, "sentence_")


# --- Mentions ------------------------------------------------------------------------------------


def gold_mentions_table(gold_docs: Mapping[str, dict]) -> pd.DataFrame:
    """Return the gold mentions as a mentions table (columns ``MENTIONS``, article offsets)."""
    rows = []
    for aid, doc in gold_docs.items():
        starts = {s["i"]: s["start"] for s in doc["sentences"]}
        for m in doc["mentions"]:
            start = starts[m["sentence"]] + m["pos"]
            rows.append(
                (aid, m["sentence"], start, start + len(m["surface"]), m["surface"],
                 m["entity"], m["kind"], m["company"])
            )  # fmt: skip
    return pd.DataFrame(rows, columns=list(MENTIONS))


def evaluate_mentions(
    mentions: pd.DataFrame, sentences: pd.DataFrame, gold_docs: Mapping[str, dict]
) -> dict:
    """Score mentions at entity level and as company counts per article.

    Returns
    -------
    dict with ``entity_precision``/``_recall``/``_f1`` (on ``(article, sentence, entity,
    offset in the sentence)``) and ``company_precision``/``_recall``/``_f1`` (per article, the
    multiset of owning companies).
    """
    starts = dict(
        zip(zip(sentences["article_id"], sentences["sentence_id"], strict=True),
            sentences["start"], strict=True)
    )  # fmt: skip
    sel = mentions[mentions["article_id"].isin(gold_docs.keys())]
    got_entities = Counter(
        (a, s, e, start - starts.get((a, s), 0))
        for a, s, e, start in zip(
            sel["article_id"], sel["sentence_id"], sel["entity"], sel["start"], strict=True
        )
    )
    want_entities = Counter(
        (aid, m["sentence"], m["entity"], m["pos"])
        for aid, doc in gold_docs.items()
        for m in doc["mentions"]
    )
    want_companies = Counter(
        (aid, m["company"]) for aid, doc in gold_docs.items() for m in doc["mentions"]
    )
    got_companies = Counter(zip(sel["article_id"], sel["company"], strict=True))
    return _multiset_scores(want_entities, got_entities, "entity_") | _multiset_scores(
        want_companies, got_companies, "company_"
    )


# --- Stance --------------------------------------------------------------------------------------


def gold_stance_table(gold_docs: Mapping[str, dict], min_confidence: str = "low") -> pd.DataFrame:
    """Return the gold stance entries as rows ``article_id, sentence_id, target, polarity,
    confidence``."""
    rows = [
        (aid, int(st["sentence"]), st["target"], st["polarity"], st.get("confidence", "high"))
        for aid, doc in gold_docs.items()
        for st in doc.get("stance", [])
        if CONFIDENCE_RANK[st.get("confidence", "high")] >= CONFIDENCE_RANK[min_confidence]
    ]
    return pd.DataFrame(
        rows, columns=["article_id", "sentence_id", "target", "polarity", "confidence"]
    )


def evaluate_stance(
    pred: pd.DataFrame, gold_docs: Mapping[str, dict], *, min_confidence: str = "low"
) -> dict:
    """Score predicted stance rows against gold annotations of the same articles.

    Only articles present in `gold_docs` are scored. Detection compares (article, sentence,
    target) pairs; polarity accuracy is measured on the pairs found in both; macro-F1 averages
    the F1 of each target×polarity class that occurs in the gold or the prediction.

    Returns
    -------
    dict with ``precision``, ``recall``, ``f1`` (detection), ``polarity_accuracy``,
    ``macro_f1``, ``n_gold``, ``n_pred``, ``n_matched`` and ``per_class`` (a DataFrame with
    ``target``, ``polarity``, ``precision``, ``recall``, ``f1``, ``n_gold``, ``n_pred``).
    """
    gold = gold_stance_table(gold_docs, min_confidence)
    pred = pred[pred["article_id"].isin(gold_docs.keys())]
    key = ["article_id", "sentence_id", "target"]
    g = {tuple(r[:3]): r[3] for r in gold[[*key, "polarity"]].itertuples(index=False)}
    p = {tuple(r[:3]): r[3] for r in pred[[*key, "polarity"]].itertuples(index=False)}
    both = g.keys() & p.keys()
    prec, rec, f1 = prf(len(both), len(p), len(g))
    classes = sorted({(k[2], v) for k, v in g.items()} | {(k[2], v) for k, v in p.items()})
    per_class = []
    for t, pol in classes:
        gc = {k for k, v in g.items() if (k[2], v) == (t, pol)}
        pc = {k for k, v in p.items() if (k[2], v) == (t, pol)}
        per_class.append((t, pol, *prf(len(gc & pc), len(pc), len(gc)), len(gc), len(pc)))
    per_class_df = pd.DataFrame(
        per_class, columns=["target", "polarity", "precision", "recall", "f1", "n_gold", "n_pred"]
    )
    return {
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "polarity_accuracy": (sum(g[k] == p[k] for k in both) / len(both)) if both else 0.0,
        "macro_f1": float(per_class_df["f1"].mean()) if per_class else 0.0,
        "n_gold": len(g),
        "n_pred": len(p),
        "n_matched": len(both),
        "per_class": per_class_df,
    }


# --- Events --------------------------------------------------------------------------------------


def evaluate_events(events: pd.DataFrame, gold_docs: Mapping[str, dict]) -> dict:
    """Score dated events, their kinds and subjects, and vague expressions.

    Returns
    -------
    dict with ``date_precision``/``_recall``/``_f1`` (on ``(article, sentence, date,
    granularity)``), ``kind_precision``/``_recall``/``_f1`` (the same key plus ``kind``),
    ``kind_accuracy`` and ``subject_agreement`` on the dated events found in both,
    ``vague_recall`` and ``n_gold_events``.
    """
    sel = events[events["article_id"].isin(gold_docs.keys())]
    dated = sel[sel["precision"] != "vague"]
    got = {
        (r.article_id, r.sentence_id, r.date, r.precision): r
        for r in dated.itertuples(index=False)
    }
    want = {
        (aid, e["sentence"], e["date"], granularity(e["date"])): e
        for aid, doc in gold_docs.items()
        for e in doc["events"]
    }
    hits = got.keys() & want.keys()
    kinds_got = {(*k, r.kind) for k, r in got.items()}
    kinds_want = {(*k, e["kind"]) for k, e in want.items()}
    vague_want = {(aid, v["sentence"]) for aid, doc in gold_docs.items() for v in doc["vague"]}
    vague = sel[sel["precision"] == "vague"]
    vague_got = set(zip(vague["article_id"], vague["sentence_id"], strict=True))
    n = max(len(hits), 1)
    return (
        _scores(len(hits), len(got), len(want), "date_")
        | _scores(len(kinds_got & kinds_want), len(kinds_got), len(kinds_want), "kind_")
        | {
            "kind_accuracy": sum(got[k].kind == want[k]["kind"] for k in hits) / n,
            "subject_agreement": sum((got[k].subject or None) == want[k]["subject"] for k in hits)
            / n,
            "vague_recall": len(vague_want & vague_got) / len(vague_want) if vague_want else 1.0,
            "n_gold_events": len(want),
        }
    )


# --- Whole sets ----------------------------------------------------------------------------------


def evaluate_set(gold_set: GoldSet, *, options=None) -> dict:
    """Run the analysis on a gold set's articles and score every table against its gold.

    Returns
    -------
    dict with ``set``, ``articles``, the figures of :func:`evaluate_sentences`,
    :func:`evaluate_mentions` and :func:`evaluate_events`, and the stance figures of
    :func:`evaluate_stance` prefixed ``stance_`` (``per_class`` kept as ``stance_per_class``).
    Articles without a gold file are left out of every score.
    """
    from arnews.corpus import load_corpus
    from arnews.pipeline import Options, analyse

    corpus = load_corpus(gold_set.articles)
    gold = load_gold(gold_set.gold, corpus.articles["article_id"])
    articles = corpus.articles[corpus.articles["article_id"].isin(gold.keys())]
    tables = analyse(articles.reset_index(drop=True), options or Options())
    stance = evaluate_stance(tables["stance"], gold)
    return (
        {"set": gold_set.name, "articles": len(gold)}
        | evaluate_sentences(tables["sentences"], gold)
        | evaluate_mentions(tables["mentions"], tables["sentences"], gold)
        | {f"stance_{k}": v for k, v in stance.items()}
        | evaluate_events(tables["events"], gold)
    )


#: The figures shown side by side, with their labels.
FIGURES = {
    "articles": "articles",
    "stance_n_gold": "stance items (gold)",
    "stance_f1": "stance detection F1",
    "stance_polarity_accuracy": "stance polarity accuracy",
    "stance_macro_f1": "stance macro-F1 (target × polarity)",
    "company_f1": "mentions company-count F1",
    "company_precision": "mentions company precision",
    "entity_f1": "mentions entity F1",
    "date_f1": "events date F1",
    "kind_f1": "events date + kind F1",
    "sentence_f1": "sentence boundary F1",
}


def figures_table(results: Iterable[dict]) -> pd.DataFrame:
    """Lay the figures of several :func:`evaluate_set` results side by side (one column per
    set), then the stance F1 of each target × polarity class."""
    results = list(results)
    table = pd.DataFrame(
        {r["set"]: [r[k] for k in FIGURES] for r in results}, index=list(FIGURES.values())
    )
    classes = pd.concat(
        [
            r["stance_per_class"]
            .assign(row=lambda d: "stance F1 " + d["target"] + "/" + d["polarity"])
            .set_index("row")["f1"]
            .rename(r["set"])
            for r in results
        ],
        axis=1,
    )
    return pd.concat([table, classes]).rename_axis("figure")


def format_figure(x) -> str:
    """Return a figure of :func:`figures_table` as text: counts as integers, figures to 3
    decimals, empty where a set has no such class."""
    if pd.isna(x):
        return ""
    return f"{x:.0f}" if float(x).is_integer() and abs(x) > 1 else f"{x:.3f}"


def markdown_table(table: pd.DataFrame) -> str:
    """Return :func:`figures_table` as a Markdown table (cells by :func:`format_figure`)."""
    lines = [
        "| " + " | ".join([table.index.name or "", *table.columns]) + " |",
        "|" + "---|" * (len(table.columns) + 1),
    ]
    lines += [
        "| " + " | ".join([str(i), *map(format_figure, row)]) + " |" for i, row in table.iterrows()
    ]
    return "\n".join(lines)

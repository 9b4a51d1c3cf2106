"""Train the learned stance judge from gold annotations written for training.

``python -m arnews.stance.train ARTICLES:GOLD [...] --out src/arnews/data/stance_model.json``
(needs the ``train`` extra: scikit-learn). Every (sentence, target) pair that the rules find a
target or a cue in becomes one example, labelled with the gold polarity of that pair or
``none``; the features are :func:`arnews.stance.features.pair_features`, the same the scorer
computes. The regularization and a per-class bias (a log-odds offset, which lets the rare
``neutral`` class be predicted at all) are chosen by cross-validation over the training
articles, grouped by article, for the best macro-F1 as :mod:`arnews.evaluation` scores it.
Never train on a held-out set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from arnews.stance.model import LABELS, StanceModel

__all__ = ["cross_validate", "examples", "fit", "main"]

C_GRID = (0.1, 0.3, 1.0)
BIAS_GRID = tuple(np.arange(-1.0, 1.51, 0.25).round(2))
FOLDS = 5
_MIN_WEIGHT = 1e-3  # weights below this are left out of the file


def examples(articles_dir: Path, gold_dir: Path, scorer=None) -> tuple[list, list, list, dict]:
    """Return ``(features, labels, keys, gold)`` of every candidate pair of a gold set; a key
    is ``(article_id, sentence_id, target)``."""
    from arnews.corpus import load_corpus
    from arnews.evaluation import load_gold
    from arnews.mentions import find_mentions
    from arnews.stance import _article_inputs
    from arnews.stance.context import article_contexts
    from arnews.stance.features import grounded, pair_features
    from arnews.stance.scorer import LexiconScorer
    from arnews.tokens import sentences_table

    scorer = scorer or LexiconScorer()
    articles = load_corpus(articles_dir).articles
    gold = load_gold(gold_dir, articles["article_id"])
    articles = articles[articles["article_id"].isin(gold.keys())].reset_index(drop=True)
    sentences = sentences_table(articles)
    mentions = find_mentions(articles, sentences)
    xs, ys, keys = [], [], []
    for aid, text, sents, ments, spans in _article_inputs(articles, sentences, mentions, scorer):
        labels = {(s["sentence"], s["target"]): s["polarity"] for s in gold[aid]["stance"]}
        for c in article_contexts(aid, text, sents, ments, spans):
            a = scorer.analyse(c)
            if a is None or not (a.targets or a.cues):
                continue
            for target in ("open", "closed"):
                if not grounded(a, c, target):
                    continue
                xs.append(pair_features(a, c, target))
                ys.append(labels.get((c.sentence_id, target), "none"))
                keys.append((aid, c.sentence_id, target))
    return xs, ys, keys, gold


def _classifier(xs: list[dict], ys: list[str], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    clf.fit(vec.fit_transform(xs), ys)
    return vec, clf


def fit(xs: list[dict], ys: list[str], c: float, meta: dict | None = None) -> StanceModel:
    """Fit the multinomial logistic judge; return a :class:`StanceModel`."""
    vec, clf = _classifier(xs, ys, c)
    order = [list(clf.classes_).index(label) for label in LABELS if label in clf.classes_]
    classes = tuple(str(clf.classes_[k]) for k in order)
    weights = {}
    for name, col in vec.vocabulary_.items():
        row = tuple(round(float(clf.coef_[k, col]), 4) for k in order)
        if max(abs(w) for w in row) >= _MIN_WEIGHT:
            weights[name] = row
    intercept = tuple(round(float(clf.intercept_[k]), 4) for k in order)
    return StanceModel(classes, intercept, weights, meta or {})


def _decide(keys, probs: list[dict], bias: dict) -> pd.DataFrame:
    rows = []
    for key, p in zip(keys, probs, strict=True):
        label = max(p, key=lambda c: np.log(p[c] + 1e-12) + bias.get(c, 0.0))
        if label != "none":
            rows.append((*key, label))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "target", "polarity"])


def cross_validate(xs, ys, keys, gold, c_grid=C_GRID, folds=FOLDS, seed=0) -> dict:
    """Choose C and the per-class bias by grouped cross-validation; return the figures.

    Returns
    -------
    dict with ``C``, ``bias``, ``macro_f1`` (of the chosen setting, out of fold) and
    ``per_c`` (C -> macro-F1 without bias).
    """
    from arnews.evaluation import evaluate_stance

    articles = sorted(gold)
    np.random.default_rng(seed).shuffle(articles)
    fold_of = {a: n % folds for n, a in enumerate(articles)}
    best = {"macro_f1": -1.0}
    per_c = {}
    for c in c_grid:
        probs: list = [None] * len(ys)
        for f in range(folds):
            train = [i for i, k in enumerate(keys) if fold_of[k[0]] != f]
            test = [i for i, k in enumerate(keys) if fold_of[k[0]] == f]
            vec, clf = _classifier([xs[i] for i in train], [ys[i] for i in train], c)
            for i, p in zip(test, clf.predict_proba(vec.transform([xs[i] for i in test])),
                            strict=True):  # fmt: skip
                probs[i] = dict(zip(clf.classes_, p, strict=True))
        bias, score = _tune_bias(keys, probs, gold, evaluate_stance)
        per_c[c] = evaluate_stance(_decide(keys, probs, {}), gold)["macro_f1"]
        if score > best["macro_f1"]:
            best = {"C": c, "bias": bias, "macro_f1": score}
    return best | {"per_c": per_c}


def _tune_bias(keys, probs, gold, evaluate) -> tuple[dict, float]:
    """Coordinate search over per-class log-odds offsets for the best macro-F1."""
    bias: dict = {}
    best = evaluate(_decide(keys, probs, bias), gold)["macro_f1"]
    for _ in range(2):
        for label in LABELS:
            for b in BIAS_GRID:
                trial = bias | {label: float(b)}
                score = evaluate(_decide(keys, probs, trial), gold)["macro_f1"]
                if score > best + 1e-4:
                    best, bias = score, trial
    return bias, best


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, train on the given gold sets and write the model file."""
    parser = argparse.ArgumentParser(prog="python -m arnews.stance.train", description=__doc__)
    parser.add_argument("sets", nargs="+", metavar="ARTICLES:GOLD")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    xs, ys, keys, gold = [], [], [], {}
    for spec in args.sets:
        articles, _, gold_dir = spec.partition(":")
        x, y, k, g = examples(Path(articles), Path(gold_dir))
        xs, ys, keys, gold = xs + x, ys + y, keys + k, gold | g
    cv = cross_validate(xs, ys, keys, gold)
    print(f"cross-validated ({FOLDS} folds by article): macro-F1 per C {cv['per_c']}; "
          f"chosen C={cv['C']} bias={cv['bias']} -> macro-F1 {cv['macro_f1']:.3f}")  # fmt: skip
    meta = {"trained_on": args.sets, "examples": len(ys), "C": cv["C"], "bias": cv["bias"],
            "cv_macro_f1": round(cv["macro_f1"], 4)}  # fmt: skip
    model = fit(xs, ys, cv["C"], meta)
    args.out.write_text(model.to_json() + "\n", "utf-8")
    print(f"{len(ys)} examples, {len(model.weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

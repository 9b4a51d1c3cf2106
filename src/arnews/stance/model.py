"""The learned stance judge: a small multinomial logistic model over the rules' findings.

The rules find targets and cues and propose a verdict; the model (weights in
``data/stance_model.json``, trained by :mod:`arnews.stance.train` on annotations written for
training, never on a test set) decides for each target whether the sentence judges it, and how:
``none``, ``positive``, ``negative`` or ``neutral``. Scoring needs nothing but the JSON file and
a dot product; the evidence shown for a row stays the cues the rules found (or, when the rules
found none for it, the words that weighed most toward the model's decision).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from arnews.stance.features import (
    grounded,
    joined_index,
    named_here,
    sentence_features,
    stem,
    stems_of,
    target_features,
    word_feature_names,
)
from arnews.stance.findings import CueHit
from arnews.stance.judge import Verdict, via_of
from arnews.stance.lexicon import Entry, load_lexicon
from arnews.stance.scorer import LexiconScorer, holder_of, judgement
from arnews.stance.types import SentenceContext, StanceJudgement

__all__ = ["LearnedScorer", "StanceModel", "default_scorer", "load_model"]

LABELS = ("none", "positive", "negative", "neutral")
_WORD_EVIDENCE = Entry("(word weighed by the model)", (), "neutral", 0.0, "general")


@dataclass
class StanceModel:
    """Weights of the multinomial logistic judge: one row of class weights per feature."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict

    def __post_init__(self) -> None:
        names = list(self.weights)
        self._row = {name: k + 1 for k, name in enumerate(names)}  # row 0: unknown features
        self._matrix = np.vstack(
            [np.zeros(len(self.classes)), *(self.weights[n] for n in names)]
        ).astype(np.float64)
        self._bias = np.asarray(self.intercept, np.float64) + np.asarray(
            [self.meta.get("bias", {}).get(c, 0.0) for c in self.classes], np.float64
        )

    def rows(self, names) -> tuple[int, ...]:
        """Return the weight rows of binary features `names` (0 for an unknown feature)."""
        return tuple(self._row.get(name, 0) for name in names)

    def batch(self, pair_of: list[int], rows: list[int], values: list[float], n: int):
        """Return the class probabilities (an ``n`` × classes array) of `n` feature sets given
        as flat (set, row, value) triples, `pair_of` ascending from 0 with no set skipped: the
        weighted rows summed per set (``numpy.add.reduceat``), with the intercept and bias."""
        if not n:
            return np.zeros((0, len(self.classes)))
        weights = self._matrix[rows] * np.asarray(values, np.float64)[:, None]
        starts = np.flatnonzero(np.diff(np.asarray(pair_of), prepend=-1))
        z = np.add.reduceat(weights, starts, axis=0) + self._bias
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """Return the probability of each class for a feature dict, with the model's
        per-class bias added to the log-odds as chosen when it was trained."""
        probs = self.batch([0] * len(features), list(self.rows(features)),
                           list(features.values()), 1)[0]  # fmt: skip
        return dict(zip(self.classes, probs.tolist(), strict=True))

    @functools.cached_property
    def gains(self) -> dict[str, list[float]]:
        """Per class, per weight row: how much the feature (value 1) pushes toward the class
        over ``none`` (row 0, unknown features: 0)."""
        none = self._matrix[:, self.classes.index("none")]
        return {c: (self._matrix[:, k] - none).tolist() for k, c in enumerate(self.classes)}

    def to_json(self) -> str:
        """Serialize the model (rounded weights) for ``data/stance_model.json``."""
        return json.dumps(
            {"classes": self.classes, "intercept": self.intercept, "meta": self.meta,
             "weights": self.weights},
            ensure_ascii=False, indent=0, sort_keys=True,
        )  # fmt: skip


def load_model(path: str | Path | None = None) -> StanceModel:
    """Load the packaged model (read once per process, then shared: treat it as read-only),
    or the one at `path`."""
    if path is None:
        return _packaged_model()
    return _parse(Path(path).read_text("utf-8"))


@functools.cache
def _packaged_model() -> StanceModel:
    return _parse((resources.files("arnews") / "data" / "stance_model.json").read_text("utf-8"))


def _parse(text: str) -> StanceModel:
    doc = json.loads(text)
    return StanceModel(
        tuple(doc["classes"]),
        tuple(doc["intercept"]),
        {k: tuple(v) for k, v in doc["weights"].items()},
        doc.get("meta", {}),
    )


class LearnedScorer(LexiconScorer):
    """The rules' findings, judged by the learned model (:class:`StanceModel`)."""

    def __init__(self, lexicon=None, model: StanceModel | None = None) -> None:
        super().__init__(lexicon)
        self.model = model or load_model()
        self._word_rows: dict[str, tuple[int, ...]] = {}  # stem -> rows of its five features

    def _rows_of(self, s: str) -> tuple[int, ...]:
        rows = self._word_rows.get(s)
        if rows is None:
            if len(self._word_rows) > 500_000:
                self._word_rows.clear()
            rows = self._word_rows[s] = self.model.rows(word_feature_names(s))
        return rows

    def score(self, sentence: str, context: SentenceContext) -> list[StanceJudgement]:
        """Judge the sentence toward each target, as the model decides."""
        return self.score_article([context])[0]

    def score_article(self, contexts: list[SentenceContext]) -> list[list[StanceJudgement]]:
        """Judge each sentence of an article (its contexts, in order), in one pass of the model.

        The same sums as :func:`arnews.stance.features.pair_features` gives: every candidate
        (sentence, target) pair's features become weight rows, summed per pair
        (:meth:`StanceModel.batch`); word features come from rows memoized per word stem.
        """
        model = self.model
        pairs, pair_of, rows, values = [], [], [], []
        for n, c in enumerate(contexts):
            a = self.analyse(c)
            if a is None or not (a.targets or a.cues):
                continue
            base = sentence_features(a, c)
            words = [self._rows_of(s) for s in stems_of(a.sw)]
            for target in ("open", "closed"):
                if not grounded(a, c, target):
                    continue
                features = base | target_features(a, c, target)
                k = joined_index(target, named_here(a, target))
                found = [*model.rows(features), *(r[0] for r in words), *(r[k] for r in words)]
                pair_of += [len(pairs)] * len(found)
                rows += found
                values += [*features.values(), *[1.0] * (2 * len(words))]
                pairs.append((n, target, a))
        out: list[list[StanceJudgement]] = [[] for _ in contexts]
        probs = model.batch(pair_of, rows, values, len(pairs))
        none = model.classes.index("none")
        for (n, target, a), best, p in zip(pairs, probs.argmax(axis=1).tolist(), probs.tolist(),
                                           strict=True):  # fmt: skip
            if best != none:
                by_label = dict(zip(model.classes, p, strict=True))
                out[n].append(self._learned(a, contexts[n], target, model.classes[best], by_label))
        return out

    def _learned(self, a, context, target, label, probs) -> StanceJudgement:
        verdict = next((v for v in a.verdicts if v.target == target), None)
        cues = verdict.cues if verdict is not None else []
        if not cues:
            cues = [c for c in a.cues if (c.value > 0) == (label == "positive")] or a.cues
        if not cues:
            cues = self._word_evidence(a, label)
        via = verdict.via if verdict is not None else via_of(a.targets, target)
        score = round(probs.get("positive", 0.0) - probs.get("negative", 0.0), 3)
        v = Verdict(target, label, score, cues, via, probs[label] < 0.6)
        return judgement(v, a.sw, context, holder_of(a, context))

    def _word_evidence(self, a, label) -> list[CueHit]:
        """Return the sentence word that pushed most toward `label` (as a weightless cue)."""
        best, best_k, gains = 0.0, None, self.model.gains[label]
        for k, s in enumerate(a.sw.stems or map(stem, a.sw.words)):
            gain = gains[self._rows_of(s)[0]]
            if gain > best:
                best, best_k = gain, k
        k = 0 if best_k is None else best_k
        return [CueHit(k, k + 1, _WORD_EVIDENCE, 0.0)]


@functools.lru_cache(maxsize=4)
def default_scorer(lexicon_extra: str | None = None) -> LearnedScorer:
    """Return the default scorer (the packaged vocabulary, with the terms of `lexicon_extra`
    added, judged by the packaged model), built once per process and then shared: its
    vocabulary, model and per-word answers are read once."""
    return LearnedScorer(load_lexicon(lexicon_extra))

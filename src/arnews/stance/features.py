"""Features of one (sentence, target) pair for the learned stance judge.

Everything here is computed by the rules (:mod:`arnews.stance.findings`, :mod:`~.judge`,
:mod:`~.context`): where the target is named or referred to, the rules' verdict, the weighed
cues by aspect and polarity, the constructions around them, and the sentence's word stems
(plain and joined with whether the target is named in the sentence). The learned judge
(:mod:`arnews.stance.model`) weighs them; training (:mod:`arnews.stance.train`) and scoring
call this same function, so they see the same features.
"""

from __future__ import annotations

from arnews.stance.judge import OTHER, Verdict
from arnews.stance.types import SentenceContext
from arnews.tokens import split_proclitic_ar

__all__ = [
    "joined_index",
    "named_here",
    "pair_features",
    "sentence_features",
    "stem",
    "stems_of",
    "target_features",
    "word_feature_names",
]

_CONSTRUCTIONS = ("negator", "reducer", "contrast", "clause", "adversative", "concession",
                  "hedge", "reporting", "question", "only", "offtopic")  # fmt: skip


def stem(word: str) -> str:
    """Return the feature form of a normalized word: without its light proclitic."""
    return word if word.isascii() else split_proclitic_ar(word)[1]


def pair_features(analysis, context: SentenceContext, target: str) -> dict[str, float]:
    """Return the sparse features of judging `target` in the analysed sentence."""
    here = named_here(analysis, target)
    words = {name: 1.0 for s in stems_of(analysis.sw) for name in word_feature_names(s)[:1]}
    joined = {word_feature_names(s)[_JOINED[target, here]]: 1.0 for s in stems_of(analysis.sw)}
    return (
        sentence_features(analysis, context)
        | words
        | target_features(analysis, context, target)
        | joined
    )


#: Index, in :func:`word_feature_names`, of a word joined with (target, named here?).
_JOINED = {("open", True): 1, ("open", False): 2, ("closed", True): 3, ("closed", False): 4}


def word_feature_names(s: str) -> tuple[str, str, str, str, str]:
    """Return the features a word stem gives: alone, then joined with each target and
    whether that target is named in the sentence (order of :data:`_JOINED`)."""
    return (
        f"w:{s}",
        f"w:{s}|open:named",
        f"w:{s}|open:unnamed",
        f"w:{s}|closed:named",
        f"w:{s}|closed:unnamed",
    )


def joined_index(target: str, here: bool) -> int:
    """Return the position in :func:`word_feature_names` of the word joined with `target`."""
    return _JOINED[target, here]


def grounded(analysis, context: SentenceContext, target: str) -> bool:
    """Return True when something ties the sentence to `target`: it names it (or hints at it,
    or names a model of that class), refers back to it, or sits in a section about it. Only
    grounded pairs are judged: sentiment about something else gives nothing."""
    return (
        any(t.target == target for t in (*analysis.targets, *analysis.hints))
        or any(c.target == target for c in context.class_spans)
        or target in context.previous_targets
        or target in context.section_targets[:1]
    )


def named_here(analysis, target: str) -> bool:
    """Return True when the sentence itself names `target` (not by context)."""
    return any(t.target == target for t in analysis.targets)


def sentence_features(analysis, context: SentenceContext) -> dict[str, float]:
    """Return the features that do not depend on the target judged and are not words: cues,
    constructions, list marks (the words: :func:`word_feature_names`)."""
    sw, cues = analysis.sw, analysis.cues
    f: dict[str, float] = {"bias": 1.0}
    if not analysis.targets:
        f["no_target"] = 1.0
    if context.is_item:
        f["item"] = 1.0
    for c in cues:
        sign = "pos" if c.value > 0 else "neg" if c.value < 0 else "neu"
        f[f"cue:{sign}"] = f.get(f"cue:{sign}", 0.0) + abs(c.value)
        key = f"aspect:{c.entry.aspect}:{sign}"
        f[key] = f.get(key, 0.0) + abs(c.value)
        if c.negated:
            f["cue:negated"] = 1.0
    roles = set(sw.roles)
    for role in _CONSTRUCTIONS:
        if role in roles:
            f[f"has:{role}"] = 1.0
    if sw.question:
        f["question"] = 1.0
    mark = context.article_text[context.start : context.start + 2].strip()[:1]
    if mark in _PRO_MARKS:
        f["bullet:pro"] = 1.0
    elif mark in _CON_MARKS:
        f["bullet:con"] = 1.0
    return f


def target_features(analysis, context: SentenceContext, target: str) -> dict[str, float]:
    """Return the features of judging `target` that are not words: where it and the other
    side are named or referred to, and the rules' verdicts."""
    targets = analysis.targets
    other = OTHER[target]
    f: dict[str, float] = {}
    named = {(t.target, t.via) for t in targets}
    for side, name in ((target, "t"), (other, "o")):
        for via in ("text", "mention", "anaphor", "context"):
            if (side, via) in named:
                f[f"{name}:{via}"] = 1.0
        if any(t.target == side and t.rejected for t in targets):
            f[f"{name}:rejected"] = 1.0
        if any(h.target == side for h in analysis.hints):
            f[f"{name}:hint"] = 1.0
        if any(c.target == side for c in context.class_spans):
            f[f"{name}:class"] = 1.0
        if side in context.previous_targets:
            f[f"{name}:previous"] = 1.0
        if side in context.section_targets[:1]:
            f[f"{name}:section"] = 1.0
    f.update(_verdict_features(analysis.verdicts, target, "rule"))
    f.update(_verdict_features(analysis.verdicts, other, "orule"))
    return f


def stems_of(sw) -> list[str]:
    """Return the distinct word stems of a sentence that make features (two letters or
    more), sorted: the model sums their weights in one order in every process."""
    return sorted({s for s in (sw.stems or map(stem, sw.words)) if len(s) >= 2})


_PRO_MARKS = frozenset("✅✔☑👍➕+")
_CON_MARKS = frozenset("❌✗✘×👎➖⛔")


def _verdict_features(verdicts: list[Verdict], target: str, prefix: str) -> dict[str, float]:
    v = next((v for v in verdicts if v.target == target), None)
    if v is None:
        return {f"{prefix}:none": 1.0}
    f = {f"{prefix}:{v.polarity}": 1.0, f"{prefix}:score": v.score, f"{prefix}:{v.via}": 1.0}
    for c in v.cues:
        sign = "pos" if c.value > 0 else "neg" if c.value < 0 else "neu"
        f[f"{prefix}:cue:{sign}"] = f.get(f"{prefix}:cue:{sign}", 0.0) + abs(c.value)
        key = f"{prefix}:{c.entry.aspect}:{sign}"
        f[key] = f.get(key, 0.0) + abs(c.value)
    return f

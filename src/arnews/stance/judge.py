"""Judge a sentence: which target each cue speaks about, and with what polarity.

One pure function, :func:`judge`, of the sentence's words, its targets and its weighed cues.
The constructions it reads:

* clauses: ``بينما``/``في حين``/``أما``/``في المقابل`` start a clause about another target;
  ``لكن``/``إلا أن`` start a clause that may weigh the other side; a cue speaks about the nearest
  target of its own clause, else the nearest target outside rejected clauses;
* contrast and comparison: the target after ``على عكس``/``خلافا لـ``/``بدلا من``/``مقارنة بـ``,
  or after an elative and ``من`` (``أرخص من النماذج المغلقة``), is the rejected side: words in
  its own clause describe it as written, and when nothing does, it takes the opposite of the
  favoured side's polarity (``via="contrast"``, low confidence); a clause about one target
  without cues next to a judged clause about the other is read the same way;
* concession: the clause after ``رغم`` counts half;
* weighing both sides: opposite cues of comparable weight on both sides of ``لكن`` (or a cue
  that is itself balanced, ``سلاح ذو حدين``) make the judgement ``neutral``;
* rhetorical questions: a ``هل``/``كيف`` question doubts the praise it asks about (a positive
  cue counts negative, at half weight).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arnews.stance.findings import CueHit, SentenceWords, TargetHit, WordSpan
from arnews.stance.lexicon import rule_words

__all__ = ["Verdict", "judge", "segments", "via_of"]

_SEGMENT_ROLES = ("clause", "contrast", "adversative", "concession")
_BALANCE = 0.5  # the weaker side must weigh at least half the stronger to be "both sides"
_MIN_SIDE = 0.75  # ... and carry at least a weak cue
_DOUBTING = rule_words()["doubting"]
_COMPARATIVES = rule_words()["comparatives"]  # أكثر أمانًا من
_AFTER_COMPARATIVE = rule_words()["comparative_intensifiers"]  # أرخص بكثير من
OTHER = {"open": "closed", "closed": "open"}


@dataclass
class Verdict:
    """The judgement of one target in one sentence, before it becomes a table row."""

    target: str
    polarity: str
    score: float
    cues: list[CueHit] = field(default_factory=list)
    via: str = "text"
    hedged: bool = False


@dataclass(frozen=True)
class _Segment:
    first: int
    last: int
    kind: str  # main / clause / contrast / adversative / concession


def segments(sw: SentenceWords) -> list[_Segment]:
    """Cut the sentence into clauses at clause, contrast, "but" and concession words."""
    cuts: list[tuple[int, str]] = [(0, "main")]
    for k, role in enumerate(sw.roles):
        if role in _SEGMENT_ROLES and k > 0:
            cuts.append((k, role))
        elif k > 0 and sw.ends_clause(k - 1) and sw.words[k][:1] == "و" and cuts[-1][0] < k:
            cuts.append((k, "main"))  # "، و..." starts a new clause
        # A contrast or concession clause ends at the next comma: the main clause resumes.
        if cuts[-1][1] in ("contrast", "concession") and sw.ends_clause(k) and k + 1 < len(sw):
            cuts.append((k + 1, "main"))
    if len(sw) and sw.roles[0] in _SEGMENT_ROLES:
        cuts[0] = (0, sw.roles[0])
    bounds = [*(c[0] for c in cuts[1:]), len(sw)]
    return [_Segment(a, b, kind) for (a, kind), b in zip(cuts, bounds, strict=True) if b > a]


def _distance(c: WordSpan, t: WordSpan) -> int:
    """Words between two spans (0 when they overlap)."""
    if c.last <= t.first:
        return t.first - c.last
    if c.first >= t.last:
        return c.first - t.last
    return 0


def _nearest(c: CueHit, targets: list[TargetHit]) -> TargetHit:
    # Ties go to the target before the cue: Arabic states the subject, then its predicate.
    return min(targets, key=lambda t: (_distance(c, t), t.first > c.first))


def _comparative_rejects(sw: SentenceWords, cues: list[CueHit], t: TargetHit) -> bool:
    """Return True for ``<elative> من <target>``: the target is the side compared against."""
    for c in cues:
        k = c.last
        if k + 1 < len(sw) and (sw.roles[k] == "intensifier" or sw.words[k] in _AFTER_COMPARATIVE):
            k += 1  # أرخص بكثير من
        if k < len(sw) and sw.words[k] == "من" and k < t.first <= k + 3:
            elative, before = sw.words[c.first], sw.words[max(c.first - 1, 0)]
            if (len(elative) == 4 and elative[0] == "ا") or before in _COMPARATIVES:
                return True
    return False


def judge(sw: SentenceWords, targets: list[TargetHit], cues: list[CueHit]) -> list[Verdict]:
    """Attribute each cue to a target and return one verdict per judged target."""
    if not targets or not cues:
        return []
    segs = segments(sw)
    seg_of = [0] * len(sw)
    for n, s in enumerate(segs):
        seg_of[s.first : s.last] = [n] * (s.last - s.first)
    targets = [
        TargetHit(t.first, t.last, t.target, t.via, True, t.kind)
        if segs[seg_of[t.first]].kind == "contrast" or _comparative_rejects(sw, cues, t)
        else t
        for t in targets
    ]
    cues = _doubted(sw, cues)
    assigned: dict[str, list[tuple[CueHit, float]]] = {}
    vias: dict[str, str] = {}
    for c in cues:
        target, via = _attribute(c, targets, segs, seg_of)
        factor = 0.5 if segs[seg_of[c.first]].kind == "concession" else 1.0
        assigned.setdefault(target, []).append((c, factor))
        vias.setdefault(target, via)
    verdicts = {t: _verdict(t, hits, vias[t], segs, seg_of) for t, hits in assigned.items()}
    verdicts = {t: v for t, v in verdicts.items() if v is not None}
    _add_contrasted(verdicts, targets, segs, seg_of)
    return sorted(verdicts.values(), key=lambda v: v.target != "open")


def _doubted(sw: SentenceWords, cues: list[CueHit]) -> list[CueHit]:
    if not sw.question or not any(w in _DOUBTING for w in sw.words):
        return cues
    return [
        CueHit(c.first, c.last, c.entry, -c.value / 2, c.negated, True) if c.value > 0 else c
        for c in cues
    ]


def _attribute(c: CueHit, targets, segs, seg_of) -> tuple[str, str]:
    """Return the target a cue speaks about, and how that target was found."""
    kinds = {t.target for t in targets}
    if len(kinds) == 1 and not any(t.rejected for t in targets):
        return targets[0].target, via_of(targets, targets[0].target)
    seg = seg_of[c.first]
    in_contrast = segs[seg].kind == "contrast"
    # In its own clause, a cue describes the nearest target; outside a contrast clause, not
    # the side an elative compares against (أرخص من المغلقة).
    own = [t for t in targets if seg_of[t.first] == seg and (in_contrast or not t.rejected)]
    if own:
        t = _nearest(c, own)
        return t.target, t.via
    favoured = [t for t in targets if not t.rejected]
    # A clause without its own subject (لكنه مكلف) speaks of the last one named before it.
    before = [t for t in favoured if seg_of[t.first] < seg]
    if before and segs[seg].kind in ("adversative", "concession", "main"):
        t = max(before, key=lambda t: t.first)
        return t.target, t.via
    if favoured:
        t = _nearest(c, favoured)
        return t.target, t.via
    # Only a rejected side is named: the cue praises or blames the unnamed favoured side.
    return OTHER[_nearest(c, targets).target], "contrast"


def via_of(targets: list[TargetHit], target: str) -> str:
    """Return how `target` was found among `targets`: the strongest way (text, mention,
    anaphor, context), or ``context`` when it is not among them."""
    vias = [t.via for t in targets if t.target == target]
    for via in ("text", "mention", "anaphor", "context"):
        if via in vias:
            return via
    return vias[0] if vias else "context"


def _verdict(target, hits, via, segs, seg_of) -> Verdict | None:
    pos = sum(c.value * f for c, f in hits if c.value > 0)
    neg = -sum(c.value * f for c, f in hits if c.value < 0)
    balanced = any(c.entry.label == "neutral" for c, _ in hits)
    split = _adversative_split(hits, segs, seg_of)
    both = min(pos, neg) >= _MIN_SIDE and min(pos, neg) >= _BALANCE * max(pos, neg)
    total = pos - neg
    if balanced or (both and split):
        polarity, score = "neutral", 0.0
    elif total == 0:
        return None
    else:
        polarity = "positive" if total > 0 else "negative"
        score = round(total / (pos + neg + 0.5), 3)
    hedged = any(c.hedged for c, _ in hits)  # a hedged attitude (قد، ربما) is a weak one
    return Verdict(target, polarity, score, [c for c, _ in hits], via, hedged)


def _adversative_split(hits, segs, seg_of) -> bool:
    """Return True if a "but" clause holds cues of the other sign than those before it."""
    for n, s in enumerate(segs):
        if s.kind != "adversative":
            continue
        before = {c.value > 0 for c, _ in hits if seg_of[c.first] < n}
        after = {c.value > 0 for c, _ in hits if seg_of[c.first] >= n}
        if before and after and before != after and len(before | after) == 2:
            return True
    return False


def _add_contrasted(verdicts: dict[str, Verdict], targets, segs, seg_of) -> None:
    """Give a named but unjudged side the opposite of the judged side, when contrasted."""
    for t in targets:
        if t.target in verdicts:
            continue
        judged = verdicts.get(OTHER[t.target])
        if judged is None or judged.polarity == "neutral":
            continue
        contrasted = t.rejected or segs[seg_of[t.first]].kind in ("clause", "adversative")
        if contrasted:
            flip = "negative" if judged.polarity == "positive" else "positive"
            verdicts[t.target] = Verdict(t.target, flip, -judged.score, judged.cues, "contrast",
                                         True)  # fmt: skip

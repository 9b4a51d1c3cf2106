"""What the rest of an article tells about a sentence: labelled models, list leads, anaphora.

An article says which of its models and companies are open or closed: a name within a few
words of an open/closed expression in the same sentence (``نموذج Llama المفتوح``, ``GPT-4
المغلق``, ``ميتا التي تتبنى المصدر المفتوح``) is labelled by it, a company by its labelled
products too. Where the article itself is silent, the gazetteer's openness class of a model
(open weights, API-only) is used, but only in an article that discusses that side at all
(so a model's praise in an article that never speaks of open or closed models stays no stance).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from arnews.stance.types import SentenceContext, TargetSpan

__all__ = ["article_contexts"]

LABEL_REACH = 30  # characters between a name and the open/closed words that label it
SECTION_WINDOW = 8  # sentences back in which a list's lead sentence still applies
PREVIOUS_WINDOW = 2  # sentences back in which an anaphor finds its target
SHORT_LINE = 90  # a line this short without final punctuation is an item or a subheading
_FINAL = (".", "!", "?", "؟", "…", "»", '"', "”")
_BULLET_RE = re.compile(r"^\s*(?:[-–—•*▪◦✅✔☑➤►❌✗×]|\d+[.)]|[٠-٩]+[.)]|[a-zأ-ي][.)]\s)")


def _line_kind(text: str, start: int, end: int) -> str:
    """Return ``item`` for a list item, ``heading`` for a line ending with a colon, ``short``
    for a short line without final punctuation (a bullet-less item or a subheading), else
    ``""``."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:end]
    if _BULLET_RE.match(line):
        return "item"
    if start != line_start:
        return ""
    line_end = text.find("\n", end)
    whole = text[line_start : len(text) if line_end < 0 else line_end].rstrip()
    if whole.endswith(":"):
        return "heading"
    short = line_start > 0 and len(whole) <= SHORT_LINE and not whole.endswith(_FINAL)
    return "short" if short else ""


def _label_entities(mentions: Sequence[tuple], spans: Mapping[int, list[TargetSpan]]):
    """Return entity/company -> target from names near open/closed words (majority vote)."""
    votes: dict[str, Counter] = {}
    for sid, start, end, entity, kind, company, _ in mentions:
        if kind == "person":
            continue
        for s in spans.get(sid, ()):
            if start - LABEL_REACH <= s.end and s.start <= end + LABEL_REACH:
                for name in {entity, company}:
                    votes.setdefault(name, Counter())[s.target] += 1
    return {n: c.most_common(1)[0][0] for n, c in votes.items() if len(set(c.values())) == len(c)}


def article_contexts(
    aid: str,
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    mentions: Sequence[tuple],
    spans: Mapping[int, list[TargetSpan]],
) -> Iterable[SentenceContext]:
    """Yield the context of each sentence of one article, in order.

    Parameters
    ----------
    sentences : ``(sentence_id, start, end)`` in order.
    mentions : ``(sentence_id, start, end, entity, kind, company, class_target)`` of the
        article; ``class_target`` is the target of a model's openness class, or ``""``.
    spans : sentence id -> the open/closed expressions the scorer sees in it.
    """
    labels = _label_entities(mentions, spans)
    sides = {s.target for ss in spans.values() for s in ss}
    for *_, entity, _, _, side in mentions:
        if side in sides:
            labels.setdefault(entity, side)
    by_sentence: dict[int, list[tuple]] = {}
    for m in mentions:
        by_sentence.setdefault(m[0], []).append(m)
    counts = Counter(s.target for ss in spans.values() for s in ss if not s.loose)
    dominant = _dominant(counts)
    lead, lead_at, previous, previous_at = (), -(10**9), (), -(10**9)
    for n, (sid, start, end) in enumerate(sentences):
        ments = by_sentence.get(sid, [])
        entity_spans = tuple(
            TargetSpan(s, e, labels.get(ent) or labels[comp], "mention")
            for _, s, e, ent, kind, comp, _ in ments
            if kind != "person" and (ent in labels or comp in labels)
        )
        class_spans = tuple(
            TargetSpan(s, e, side, "class")
            for _, s, e, ent, kind, comp, side in ments
            if side and ent not in labels and comp not in labels
        )
        kind = _line_kind(text, start, end)
        named = tuple(dict.fromkeys(s.target for s in [*spans.get(sid, ()), *entity_spans]))
        leads = tuple(
            dict.fromkeys(s.target for s in [*spans.get(sid, ()), *entity_spans] if not s.loose)
        )
        if kind == "short":
            # A subheading when it names a side; an item only under a lead that named one (a
            # bullet-less list), never by the article's dominant side alone.
            kind = "heading" if named else ("item" if n - lead_at <= SECTION_WINDOW else "")
        yield SentenceContext(
            aid, sid, text, start, end,
            entity_spans=entity_spans,
            class_spans=class_spans,
            name_spans=tuple((s, e) for _, s, e, *_ in ments),
            previous_targets=previous if n - previous_at <= PREVIOUS_WINDOW else (),
            section_targets=(lead if n - lead_at <= SECTION_WINDOW else ()) or dominant,
            is_item=bool(kind),
        )  # fmt: skip
        if named:
            previous, previous_at = named, n
        if leads and kind != "item":  # a heading or a paragraph leads the items after it
            lead, lead_at = leads, n


def _dominant(counts: Counter) -> tuple[str, ...]:
    o, c = counts.get("open", 0), counts.get("closed", 0)
    if o >= 2 and o >= 2 * c:
        return ("open",)
    if c >= 2 and c >= 2 * o:
        return ("closed",)
    return ()

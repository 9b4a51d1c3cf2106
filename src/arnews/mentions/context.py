"""Ambiguous short forms (``X``, ``R1``, ``Gemini``, ``كلود`` …) kept only where their sentence
supports them:

1. owner: the sentence also names the same company (the company, or one of its products or
   people) unambiguously;
2. cue: a model or company word (``data/mention_cues.yaml``, or the entity's own ``cues``) lies
   within three words before or two words after;
3. list: it is coordinated (only ``و``/``أو``/commas/brackets between) with a kept mention;
4. version: it is directly followed by a version or size (``2.5``, ``7B``, ``Pro``, ``mini`` …,
   ``data/model_versions.yaml``).

5. article: a form of four letters or more whose company is named unambiguously elsewhere in the
   same article (``فالكون`` in an article that names TII).

A form shared by a company and its product (``Mistral``) takes the kind of the mentions it is
listed with, else the kind named by a cue word, else company. A bare variant name (``Sonnet``) is
kept where its family (``Claude``) is named earlier in the same article, whatever the sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import yaml

from arnews.mentions.gazetteer import Entity, Gazetteer
from arnews.mentions.spans import Spans
from arnews.mentions.versions import load_versions
from arnews.normalize import match_key_ar
from arnews.tokens import ANY_WORD_RE, ONE_LETTER_PROCLITICS, split_proclitic_ar

__all__ = ["AMBIGUITY_MODES", "Cues", "load_cues", "resolve_entities"]

AMBIGUITY_MODES = ("context", "all", "none")
_CUES_BEFORE, _CUES_AFTER = 3, 2
_ARTICLE_MIN_CHARS = 4  # shorter forms (X, R1, o3) need support in their own sentence
_LIST_GAP_RE = re.compile(r"^[\s,،؛;()\[\]\"'«»“”/]*(?:(?:و|او|or|and|&)?[\s,،()\"'«»“”]*)$")


@dataclass(frozen=True)
class Cues:
    """Context words by what they support (normalized), and the version pattern."""

    product: frozenset[str]
    company: frozenset[str]
    generic: frozenset[str]
    version: re.Pattern


@functools.cache
def load_cues() -> Cues:
    """Read ``data/mention_cues.yaml`` (normalized with :func:`match_key_ar`)."""
    text = resources.files("arnews.data").joinpath("mention_cues.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    words = {k: frozenset(match_key_ar(str(w)) for w in data[k]) for k in _CUE_KINDS}
    return Cues(**words, version=load_versions().after)


_CUE_KINDS = ("product", "company", "generic")


@dataclass
class _ShortForm:
    """A matched spelling in a sentence being resolved (normalized chunk offsets)."""

    nstart: int
    nend: int  # after the version tail
    tail: int  # length of the version tail
    key: str
    clitic: str
    sentence: int  # row in the chunk's sentence arrays, -1 if none
    entity: Entity | None = None


def resolve_entities(
    plain: Sequence[Entity | None],
    spans: Spans,
    rows: np.ndarray,
    articles: np.ndarray,
    norm: str,
    gaz: Gazetteer,
    mode: str,
) -> tuple[list[Entity | None], np.ndarray]:
    """Return the entity of every span (None: dropped) and which were kept by their context.

    `plain` holds each span's context-free entity (None for an ambiguous spelling), `rows` each
    span's sentence row (-1 if none), `articles` its article (spans in text order); `mode` is
    one of :data:`AMBIGUITY_MODES`.
    """
    entities = list(plain)
    todo = [i for i, e in enumerate(entities) if e is None]
    if mode == "all":
        for i in todo:
            entities[i] = gaz.candidates(gaz.matcher.keys[spans.key[i]])[0]
    elif mode == "context" and todo:
        entities = _with(entities, _by_sentence(entities, todo, spans, rows, norm, gaz))
        todo = [i for i in todo if entities[i] is None]
        entities = _with(entities, _by_article(todo, plain, spans, articles, gaz))
        todo = [i for i in todo if entities[i] is None]
        entities = _with(entities, _by_family(entities, todo, spans, articles, gaz))
    kept = np.zeros(len(entities), dtype=bool)
    kept[[i for i, e in enumerate(plain) if e is None and entities[i] is not None]] = True
    return entities, kept


def _with(entities: list[Entity | None], found: dict[int, Entity]) -> list[Entity | None]:
    out = list(entities)
    for i, e in found.items():
        out[i] = e
    return out


def _by_sentence(entities, todo, spans: Spans, rows, norm: str, gaz) -> dict[int, Entity]:
    """Return span index -> entity for the ambiguous forms (`todo`) their sentence supports
    (rules 1-4)."""
    sel = np.flatnonzero(np.isin(rows, list(set(rows[todo].tolist()) - {-1})))
    forms = {
        i: _ShortForm(n0, n1, t, gaz.matcher.keys[k], norm[n0 - c : n0], r, entities[i])
        for i, n0, n1, t, k, c, r in zip(
            sel.tolist(), spans.start[sel].tolist(), spans.end[sel].tolist(),
            spans.tail[sel].tolist(), spans.key[sel].tolist(), spans.clitic[sel].tolist(),
            rows[sel].tolist(), strict=True,
        )
    }  # fmt: skip
    _resolve(list(forms.values()), norm, gaz, load_cues())
    return {i: f.entity for i, f in forms.items() if entities[i] is None and f.entity is not None}


def _by_article(todo, plain, spans: Spans, articles, gaz: Gazetteer) -> dict[int, Entity]:
    """Return span index -> entity for the long ambiguous forms (of `todo`) whose company the
    article names unambiguously (rule 5)."""
    owners: dict[int, set[str]] = {}
    found = {}
    for i in todo:
        key = gaz.matcher.keys[spans.key[i]]
        if len(key) < _ARTICLE_MIN_CHARS:
            continue
        a = int(articles[i])
        if a not in owners:
            lo, hi = np.searchsorted(articles, [a, a + 1]).tolist()
            owners[a] = {e.company for e in plain[lo:hi] if e is not None}
        supported = [e for e in gaz.candidates(key) if not e.family and e.company in owners[a]]
        if supported:
            found[i] = ([e for e in supported if e.kind == "company"] or supported)[0]
    return found


def _by_family(entities, todo, spans: Spans, articles, gaz: Gazetteer) -> dict[int, Entity]:
    """Return span index -> entity for the bare variant names (of `todo`) whose family is named
    before them in the same article."""
    found = {}
    for i in todo:
        families = {e.family: e for e in gaz.candidates(gaz.matcher.keys[spans.key[i]])}
        families.pop("", None)
        first = int(np.searchsorted(articles, articles[i], side="left"))  # the article's first
        for family, e in families.items():
            if any(o is not None and o.name.startswith(family) for o in entities[first:i]):
                found[i] = e
                break
    return found


def _resolve(forms: list[_ShortForm], norm: str, gaz: Gazetteer, cues: Cues) -> None:
    """Set the entity of each ambiguous form (entity None) that its sentence supports."""
    pending = [f for f in forms if f.entity is None and f.sentence >= 0]
    by_sentence: dict[int, list[_ShortForm]] = {}
    for form in forms:
        by_sentence.setdefault(form.sentence, []).append(form)
    changed = True
    while changed:  # a kept form can support its neighbour in a list: repeat until stable
        changed = False
        for form in pending:
            if form.entity is None:
                entity = _supported(form, by_sentence[form.sentence], norm, gaz, cues)
                if entity is not None:
                    form.entity, changed = entity, True


def _supported(
    form: _ShortForm, sentence: Sequence[_ShortForm], norm: str, gaz: Gazetteer, cues: Cues
) -> Entity | None:
    """Return the entity an ambiguous form stands for if its sentence supports it, else None."""
    kept = [f for f in sentence if f.entity is not None]
    owners = {f.entity.company for f in kept}
    neighbours = [f for f in kept if _coordinated(norm, form, f)]
    words = _context_words(norm, form)
    cue_kinds = {"product" for w in words if w in cues.product} | {
        "company" for w in words if w in cues.company
    }
    supported = [
        e
        for e in gaz.candidates(form.key)
        if not e.family  # a bare variant name needs its family (_resolve_variants)
        and (
            e.company in owners
            or neighbours
            or cue_kinds
            or words & (cues.generic | {match_key_ar(c) for c in e.cues})
            or cues.version.match(norm, form.nend - form.tail)
        )
    ]
    if len(supported) <= 1:
        return supported[0] if supported else None
    # One spelling, several entities (a company and its product): follow the list, then cues.
    kinds = [f.entity.kind for f in neighbours] or sorted(cue_kinds)
    for kind in (*kinds, "company"):
        for e in supported:
            if e.kind == kind or (kind == "product" and e.kind != "company"):
                return e
    return supported[0]


def _coordinated(norm: str, a: _ShortForm, b: _ShortForm) -> bool:
    first, second = (a, b) if a.nstart < b.nstart else (b, a)
    gap = norm[first.nend : second.nstart - len(second.clitic)]
    if second.clitic == "و":
        gap += " و"
    return len(gap) <= 12 and _LIST_GAP_RE.match(gap) is not None


def _context_words(norm: str, form: _ShortForm) -> set[str]:
    left = form.nstart - len(form.clitic)
    before = ANY_WORD_RE.findall(norm, max(0, left - 60), left)
    after = ANY_WORD_RE.findall(norm, form.nend, form.nend + 60)
    words = before[-_CUES_BEFORE:] + after[:_CUES_AFTER]
    return set(words) | {split_proclitic_ar(w)[1] for w in words if w[0] in ONE_LETTER_PROCLITICS}

"""The mentions table: every gazetteer entity named in the articles, with offsets.

:func:`find_mentions` normalizes the articles in large chunks, scans each chunk in a single pass
(:mod:`arnews.mentions.spans`), resolves ambiguous short forms by their sentence
(:mod:`arnews.mentions.context`) and maps every match back to the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import pandas as pd

from arnews.mentions.context import AMBIGUITY_MODES, resolve_entities
from arnews.mentions.gazetteer import Entity, Gazetteer, load_gazetteer
from arnews.mentions.spans import (
    Spans,
    longest_spans,
    normalize_codes,
    tanween_after,
    to_original,
)
from arnews.mentions.versions import load_versions, versioned_name
from arnews.schema import MENTIONS

__all__ = ["CHUNK_CHARS", "find_mentions", "sentence_slices"]

CHUNK_CHARS = 4_000_000  # articles are normalized and scanned in chunks of about this size


def find_mentions(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    *,
    ambiguous: str = "context",
) -> pd.DataFrame:
    """Find every gazetteer entity named in `articles`.

    Parameters
    ----------
    articles : DataFrame with ``article_id`` and ``text``.
    sentences : DataFrame with ``article_id``, ``sentence_id``, ``start``, ``end``
        (:func:`arnews.tokens.sentences_table`).
    gazetteer : from :func:`load_gazetteer`; the packaged one if None.
    ambiguous : ``"context"`` keeps ambiguous short forms only where the sentence supports them
        (:mod:`arnews.mentions.context`); ``"all"`` keeps them all, ``"none"`` drops them all.

    Returns
    -------
    DataFrame with columns ``article_id``, ``sentence_id``, ``start``, ``end`` (offsets into the
    article text; ``text[start:end] == surface``), ``surface`` (the name as written, without a
    glued proclitic), ``entity``, ``kind``, ``company``, then ``clitic`` (the glued proclitic,
    normalized, or ``""``), ``ambiguous`` (True for a short form kept by its context) and
    ``openness`` (for a model, its class at release: ``open-source``, ``open-weights`` or
    ``api-only``, a versioned name taking its family's; else ``""``).
    """
    if ambiguous not in AMBIGUITY_MODES:
        raise ValueError(f"ambiguous must be one of {list(AMBIGUITY_MODES)}, got {ambiguous!r}")
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    columns = [*MENTIONS, "clitic", "ambiguous", "openness"]
    sent_by_article = sentence_slices(sentences)
    frames = [
        _chunk_mentions(chunk, sent_by_article, gaz, ambiguous) for chunk in _chunks(articles)
    ]
    frames = [f for f in frames if f is not None]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out = out[columns]
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64",
                       "ambiguous": bool})  # fmt: skip


def sentence_slices(sentences: pd.DataFrame) -> dict[str, tuple[np.ndarray, ...]]:
    """Return article id -> (sentence starts, ends, ids), sorted by start."""
    ordered = sentences.sort_values(["article_id", "start"], kind="stable")
    aids = ordered["article_id"].to_numpy(dtype=object)
    starts = ordered["start"].to_numpy(np.int64)
    ends = ordered["end"].to_numpy(np.int64)
    ids = ordered["sentence_id"].to_numpy(np.int64)
    cuts = np.flatnonzero(aids[1:] != aids[:-1]) + 1 if len(aids) else np.empty(0, np.int64)
    bounds = zip(np.r_[0, cuts].tolist(), np.r_[cuts, len(aids)].tolist(), strict=True)
    return {aids[i]: (starts[i:j], ends[i:j], ids[i:j]) for i, j in bounds if j > i}


def _chunks(articles: pd.DataFrame) -> Iterable[list[tuple[str, str]]]:
    chunk, size = [], 0
    for aid, text in zip(articles["article_id"], articles["text"], strict=True):
        chunk.append((aid, text))
        size += len(text)
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _chunk_sentences(chunk, sent_by_article, bases) -> tuple[np.ndarray, ...]:
    """Return the (starts, ends, ids) of the chunk's sentences, in chunk offsets."""
    parts = [
        (sent_by_article[aid][0] + bases[n], sent_by_article[aid][1] + bases[n],
         sent_by_article[aid][2])
        for n, (aid, _) in enumerate(chunk)
        if aid in sent_by_article
    ]  # fmt: skip
    if not parts:
        return tuple(np.empty(0, np.int64) for _ in range(3))
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(3))


def _chunk_mentions(chunk, sent_by_article, gaz: Gazetteer, mode: str) -> pd.DataFrame | None:
    text = "\n".join(t for _, t in chunk)
    bases = np.cumsum([0] + [len(t) + 1 for _, t in chunk[:-1]])
    norm, origin, ncodes = normalize_codes(text)
    spans = longest_spans(norm, ncodes, gaz.matcher, tanween_after(text, origin))
    if not len(spans.start):
        return None
    start, end = to_original(text, origin, spans.start, spans.end)
    surfaces = [text[i:j] for i, j in zip(start.tolist(), end.tolist(), strict=True)]
    s_starts, s_ends, s_ids = _chunk_sentences(chunk, sent_by_article, bases)
    row = np.searchsorted(s_starts, start, side="right") - 1
    row[(row < 0) | (end > s_ends[np.maximum(row, 0)] if len(s_ends) else True)] = -1
    plain = [gaz.matcher.plain[k] for k in spans.key.tolist()]
    art = np.searchsorted(bases, start, side="right") - 1
    entities, ambiguous = resolve_entities(plain, spans, row, art, norm, gaz, mode)
    entities = _versioned(entities, spans, origin, start, end, text, gaz)
    entities = _variants_named(entities, art)
    keep = np.array([e is not None for e in entities], dtype=bool)
    local = bases[art]
    kept = [e for e in entities if e is not None]
    return pd.DataFrame(
        {
            "article_id": np.array([a for a, _ in chunk], dtype=object)[art[keep]],
            "sentence_id": np.where(row[keep] >= 0, s_ids[np.maximum(row[keep], 0)], -1)
            if len(s_ids)
            else -1,
            "start": (start - local)[keep],
            "end": (end - local)[keep],
            "surface": [x for x, ok in zip(surfaces, keep.tolist(), strict=True) if ok],
            "entity": [e.name for e in kept],
            "kind": [e.kind for e in kept],
            "company": [e.company for e in kept],
            "clitic": [norm[i - n : i] for i, n in zip(spans.start[keep].tolist(),
                                                       spans.clitic[keep].tolist(), strict=True)],
            "ambiguous": ambiguous[keep],
            "openness": [e.openness for e in kept],
        }
    )  # fmt: skip


def _versioned(entities, spans: Spans, origin, start, end, text: str, gaz: Gazetteer) -> list:
    """Name each family mention with a version tail by its family and the tail as written (the
    family too where Latin text capitalizes it otherwise: Ernie 4.5 for ERNIE)."""
    versions = load_versions()
    out = list(entities)
    for i in np.flatnonzero(spans.tail).tolist():
        e = out[i]
        if e is None:
            continue
        cut = origin[spans.end[i] - spans.tail[i]]
        family, tail = text[start[i] : cut], text[cut : end[i]]
        written = family.casefold() == e.name.casefold() and family != family.casefold()
        name = versioned_name(family if written else e.name, e.sep, tail, versions)
        out[i] = gaz.entities.get(name) or replace(e, name=name, aliases=(), ambiguous=())
    return out


def _variants_named(entities: list[Entity | None], art: np.ndarray) -> list[Entity | None]:
    """Give a bare variant name (Sonnet) the name of the last model of its family in the
    article that has it (Claude 3.5 Sonnet), else keep its own (Claude Sonnet)."""
    out = list(entities)
    for i in [i for i, e in enumerate(entities) if e is not None and e.family]:
        e = entities[i]
        word = e.name[len(e.family) :].strip().casefold()
        for j in range(i - 1, -1, -1):
            if art[j] != art[i]:
                break
            other = out[j]
            if (other is not None and other.name.startswith(e.family) and not other.family
                    and word in other.name.casefold()):  # fmt: skip
                out[i] = other
                break
    return out

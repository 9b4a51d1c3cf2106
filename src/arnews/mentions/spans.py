"""Where spellings occur: one automaton pass over normalized text, Arabic-aware word boundaries.

A match keeps its place when it sits on word boundaries: a proclitic such as و ف ب ك ل ال لل,
or و/ف before ب ل ك, may be glued to the name; nothing may follow it, and a name does not end in
tanween. A family's name (Qwen, لاما) takes the versions that follow it
(:mod:`arnews.mentions.versions`). Where matches overlap, the longest leftmost wins.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np

from arnews.mentions.gazetteer import Matcher
from arnews.mentions.variants import fold_table
from arnews.mentions.versions import load_versions
from arnews.normalize import normalize_with_offsets, span_to_original
from arnews.tokens import GLUED_PROCLITICS

__all__ = ["Spans", "longest_spans", "normalize_codes", "tanween_after", "to_original"]

_BMP = 0x10000
_SEP_CODES = np.array([ord(c) for c in ".-_"], dtype=np.uint32)


class Spans(NamedTuple):
    """Matched spellings as parallel arrays, in normalized offsets."""

    start: np.ndarray  # where the name starts (after a glued proclitic)
    end: np.ndarray
    key: np.ndarray  # the spelling's number in the Matcher
    clitic: np.ndarray  # length of the glued proclitic before `start` (0 if none)
    tail: np.ndarray  # length of the version tail that ends the span (0 if none)


@functools.cache
def _word_table() -> np.ndarray:
    """Per BMP code point (plus one slot for everything above): is it a word character?"""
    word = np.zeros(_BMP + 1, dtype=bool)
    for cp in range(_BMP):
        ch = chr(cp)
        word[cp] = ch.isalnum() or ch == "_"
    return word


@functools.cache
def _folds() -> tuple[np.ndarray, np.ndarray]:
    pairs = sorted(fold_table().items())  # by code point, for searchsorted
    return (np.array([k for k, _ in pairs], dtype=np.uint32),
            np.array([ord(v) for _, v in pairs], dtype=np.uint32))  # fmt: skip


def normalize_codes(text: str) -> tuple[str, np.ndarray, np.ndarray]:
    """Return ``(norm, origin)`` of :func:`normalize_with_offsets` (``taa_marbuta=True``, and
    borrowed letters folded: ڤ → ف …) and the code points of `norm`."""
    norm, origin = normalize_with_offsets(text, taa_marbuta=True)
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)
    borrowed, arabic = _folds()
    found = np.isin(codes, borrowed)
    if found.any():  # rare: one letter for one, so offsets stay
        codes = codes.copy()
        codes[found] = arabic[np.searchsorted(borrowed, codes[found])]
        norm = codes.tobytes().decode("utf-32-le")
    return norm, origin, codes


def tanween_after(text: str, origin: np.ndarray) -> np.ndarray:
    """Per normalized character: is it followed in `text` by a (dropped) tanween?"""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    seen = np.concatenate([[0], np.cumsum((codes >= 0x064B) & (codes <= 0x064D))])
    return seen[origin[1:]] > seen[np.minimum(origin[:-1] + 1, len(codes))]


def _empty() -> Spans:
    return Spans(*(np.empty(0, np.int64) for _ in range(5)))


def longest_spans(norm: str, ncodes: np.ndarray, matcher: Matcher, tanween: np.ndarray) -> Spans:
    """Return the longest leftmost non-overlapping matches that sit on word boundaries.

    A name does not end in tanween ("ميتًا" is "dead", not Meta); such a candidate is dropped
    before the longest one is chosen, so a shorter name inside it can still match.
    """
    found = np.array(list(matcher.automaton.iter(norm)), dtype=np.int64).reshape(-1, 2)
    if not len(found):
        return _empty()
    end, key = found[:, 0] + 1, found[:, 1]
    start = end - matcher.lengths[key]
    # Tanween on the last letter or the one before it (ميتًا: on the t, before the final alef).
    ends_in_tanween = tanween[end - 1] | ((end - start >= 2) & tanween[end - 2])
    keep = ~ends_in_tanween
    start, end, key = start[keep], end[keep], key[keep]
    tail = _tails(norm, end, matcher.tails[key])
    return _longest(_on_boundaries(ncodes, start, end + tail, key, tail))


def _tails(norm: str, end: np.ndarray, family: np.ndarray) -> np.ndarray:
    """Return the length of the version tail after each family name (0 elsewhere)."""
    tail = np.zeros(len(end), dtype=np.int64)
    pattern = load_versions().tail
    for i in np.flatnonzero(family).tolist():
        m = pattern.match(norm, int(end[i]))
        if m is not None:
            tail[i] = m.end() - m.start()
    return tail


def _on_boundaries(ncodes: np.ndarray, start, end, key, tail) -> Spans:
    """Keep the matches on word boundaries, with the length of a glued proclitic."""
    word_tab = _word_table()
    # Padded by two on each side so that start - 3 and end + 1 always index.
    pad = np.zeros(2, dtype=bool)
    slot = np.minimum(ncodes, _BMP)
    word = np.concatenate([pad, word_tab[slot], pad])
    ascii_word = np.concatenate([pad, word_tab[slot] & (ncodes < 128), pad])
    sep = np.concatenate([pad, np.isin(ncodes, _SEP_CODES), pad])
    codes = np.concatenate([np.zeros(2, np.uint32), ncodes, np.zeros(2, np.uint32)])
    e, b = end + 2, start + 2  # padded offsets
    right_ok = ~word[e] & ~(sep[e] & ascii_word[e + 1])
    clean = (start == 0) | (~word[b - 1] & ~(sep[b - 1] & ascii_word[b - 2]))
    clitic = np.zeros(len(start), dtype=np.int64)
    for text in GLUED_PROCLITICS:
        n = len(text)
        glued = ~clean & (start >= n)
        for i, ch in enumerate(text):
            glued &= codes[np.maximum(b - n + i, 0)] == ord(ch)
        glued &= (start == n) | ~word[np.maximum(b - n - 1, 0)]
        clitic[glued & (clitic == 0)] = n
    ok = right_ok & (clean | (clitic > 0))
    return Spans(start[ok], end[ok], key[ok], clitic[ok], tail[ok])


def _longest(spans: Spans) -> Spans:
    """Keep the longest leftmost of overlapping spans (a glued proclitic counts as covered); of
    equal spans, the one whose name before the tail is longest (GPT-4o + mini, not GPT + 4o-mini).
    """
    start, end, _, clitic, tail = spans
    order = np.lexsort((start - end + tail, start - end, start - clitic))
    chosen, last_end = [], -1
    for i, s0, e0 in zip(order.tolist(), (start - clitic)[order].tolist(), end[order].tolist(),
                         strict=True):  # fmt: skip
        if s0 >= last_end:
            chosen.append(i)
            last_end = e0
    chosen = np.array(chosen, dtype=np.int64)
    return Spans(*(a[chosen] for a in spans))


def to_original(
    text: str, origin: np.ndarray, nstart: np.ndarray, nend: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Vectorized :func:`arnews.normalize.span_to_original` for many spans."""
    start, last, end = origin[nstart], origin[nend - 1], origin[nend].copy()
    end[end == last] += 1  # the span ends inside an expanded ligature
    for i in np.flatnonzero(end - last > 1).tolist():  # marks dropped after the span: rare
        end[i] = span_to_original(text, origin, int(nstart[i]), int(nend[i]))[1]
    return start, end

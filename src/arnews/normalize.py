"""Arabic normalization for matching, never for display.

Every function here works on a *copy* of the text. :func:`normalize_with_offsets` also returns,
for each normalized character, the offset of the original character it came from, so a match
found in normalized text maps back to the original surface.

Lookups (gazetteer spellings, lexicon terms, cue and trigger words) all use one choice:
``normalize_ar(text, taa_marbuta=True)`` (:func:`match_key_ar`), so a data file lists a word
once and ة/ه spellings meet.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

__all__ = [
    "ARABIC_LETTERS",
    "BIDI_CONTROLS",
    "DIACRITICS",
    "PRESENTATION_FORMS",
    "PRESENTATION_RANGES",
    "has_arabic",
    "has_presentation_forms",
    "match_key_ar",
    "normalize_ar",
    "normalize_with_offsets",
    "span_to_original",
]

TATWEEL = "\u0640"
# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
)
# Directional marks, embeddings, isolates, zero-width characters and the BOM.
BIDI_CONTROLS = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff"
)
_ALEF_FORMS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}
#: Arabic letters, as a regex character-class body: the basic block's letters and the letters
#: added for other languages written in Arabic script (ٱ پ چ ڤ گ ک ی ...).
ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3"
#: The Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFC): code point ranges, and the
#: same as a regex character-class body.
PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFC))
PRESENTATION_FORMS = "\ufb50-\ufdff\ufe70-\ufefc"

_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}{PRESENTATION_FORMS}]")
_PRESENTATION_RE = re.compile(f"[{PRESENTATION_FORMS}]")


def _presentation_map() -> dict[str, str]:
    """Map each presentation-form code point to its base letters (NFKC), marks removed."""
    out = {}
    for lo, hi in PRESENTATION_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            base = unicodedata.normalize("NFKC", ch)
            if base != ch:
                out[ch] = "".join(c for c in base if c not in DIACRITICS and c != " ")
    return out


def _build_table(taa_marbuta: bool) -> dict[int, str]:
    table: dict[str, str] = {}
    table.update(_presentation_map())
    table.update(_ALEF_FORMS)
    table.update(_DIGITS)
    table["\u0649"] = "\u064a"  # alef maksura -> yeh
    if taa_marbuta:
        table["\u0629"] = "\u0647"
    for ch in DIACRITICS | BIDI_CONTROLS | {TATWEEL}:
        table[ch] = ""
    for cp in range(ord("A"), ord("Z") + 1):
        table[chr(cp)] = chr(cp + 32)
    for cp in list(range(0xC0, 0xD7)) + list(range(0xD8, 0xDF)):  # Latin-1 capitals
        table[chr(cp)] = chr(cp + 32)
    # Presentation forms may decompose into alef-hamza or alef maksura: apply those rules too.
    fixed = {}
    for src, dst in table.items():
        fixed[ord(src)] = "".join(table.get(c, c) if len(table.get(c, c)) <= 1 else c for c in dst)
    return fixed


_TABLES = {True: _build_table(True), False: _build_table(False)}


def _code_arrays(table: dict[int, str]) -> tuple[np.ndarray, np.ndarray]:
    """Return per-code-point output lengths and 1:1 replacements, to normalize with numpy.

    ``lengths[cp]`` is 0 (dropped), 1 (kept, or replaced by ``mapped[cp]``) or more (a
    ligature that expands; texts holding one take the ``str.translate`` path).
    """
    lengths = np.ones(0x110000, dtype=np.int8)
    mapped = np.arange(0x110000, dtype=np.uint32)
    for cp, repl in table.items():
        lengths[cp] = len(repl)
        if len(repl) == 1:
            mapped[cp] = ord(repl)
    return lengths, mapped


_ARRAYS = {flag: _code_arrays(table) for flag, table in _TABLES.items()}


def normalize_ar(text: str, *, taa_marbuta: bool = False) -> str:
    """Return `text` normalized for matching.

    Drops diacritics, tatweel and bidi controls; folds alef forms to bare alef, alef maksura to
    yeh, Arabic-Indic and Persian digits to ASCII, presentation forms to base letters, and
    Latin capitals to lower case. With ``taa_marbuta=True`` also folds ة to ه.
    """
    return text.translate(_TABLES[taa_marbuta])


def match_key_ar(text: str) -> str:
    """Return the form every lookup compares: :func:`normalize_ar` with ة folded to ه."""
    return text.translate(_TABLES[True])


def normalize_with_offsets(text: str, *, taa_marbuta: bool = False) -> tuple[str, np.ndarray]:
    """Normalize `text` and map each normalized character back to the original.

    Returns
    -------
    norm : str
        ``normalize_ar(text)``.
    origin : numpy.ndarray of int64, length ``len(norm) + 1``
        ``origin[i]`` is the offset in `text` of the character that produced ``norm[i]``;
        ``origin[len(norm)] == len(text)``. A normalized span ``[i, j)`` covers the original
        span ``[origin[i], origin[j])``, which includes marks that were dropped inside it.
    """
    # Vectorized: str.translate runs at ~36 MB/s here, numpy lookups at several times that.
    lengths_of, mapped_of = _ARRAYS[taa_marbuta]
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    lengths = lengths_of[codes]
    n = len(text)
    if (lengths > 1).any():  # an expanding ligature (rare): take the str.translate path
        origin = np.repeat(np.arange(n, dtype=np.int64), lengths)
        return normalize_ar(text, taa_marbuta=taa_marbuta), np.append(origin, n)
    keep = lengths == 1
    if keep.all():
        return mapped_of[codes].tobytes().decode("utf-32-le"), np.arange(n + 1, dtype=np.int64)
    origin = np.append(np.flatnonzero(keep), n)
    return mapped_of[codes[keep]].tobytes().decode("utf-32-le"), origin


def span_to_original(text: str, origin: np.ndarray, i: int, j: int) -> tuple[int, int]:
    """Map the normalized span ``[i, j)`` to ``(start, end)`` offsets in the original `text`.

    Marks dropped inside or right after the span (diacritics, tatweel) belong to it; trailing
    bidi controls do not. A span ending inside an expanded ligature covers the whole ligature.
    """
    start = int(origin[i])
    last = int(origin[j - 1]) if j > i else start
    end = int(origin[j])
    if end == last:  # j falls inside the expansion of one original character
        end = last + 1
    while end - 1 > last and text[end - 1] in BIDI_CONTROLS:
        end -= 1
    return start, end


def has_arabic(text: str) -> bool:
    """Return True if `text` contains at least one Arabic letter (base or presentation form)."""
    return _ARABIC_LETTER_RE.search(text) is not None


def has_presentation_forms(text: str) -> bool:
    """Return True if `text` holds Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC)."""
    return _PRESENTATION_RE.search(text) is not None

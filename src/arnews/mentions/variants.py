"""Spelling variants: the normalized spellings generated from one gazetteer spelling."""

from __future__ import annotations

import itertools
import re
import unicodedata

from arnews.normalize import match_key_ar

__all__ = ["AI_AR", "spelling_variants"]

# Arabic spellings of "AI" written `{AI}` in the gazetteer (after normalization: إ أ آ -> ا).
AI_AR = ("إيه آي", "أيه آي", "إي آي", "آي", "أي", "ايه ايه", "AI")
_AI_RE = re.compile(r"\{AI\}")
_SEP_RE = re.compile(r"[\s\-]+")
_GLUED_AI_RE = re.compile(r"^([a-z][a-z0-9]{2,})ai$")
_G_LETTERS = "غج"  # a transliterated "g" is written either way
_MAX_SEP_TOKENS = 4  # beyond this, only the written separators are kept


def spelling_variants(spelling: str) -> set[str]:
    """Return the normalized spellings generated from one gazetteer spelling.

    Expands ``{AI}`` into the Arabic spellings of "AI", a glued Latin "AI" (``EleutherAI``) into a
    spaced one, غ/ج into each other, separators between words into space, hyphen and none, and
    drops accents from Latin letters; then normalizes (case, hamza/alef forms, ى/ي, ة/ه).
    """
    forms = (
        {spelling.replace("{AI}", ai) for ai in AI_AR} if _AI_RE.search(spelling) else {spelling}
    )
    out: set[str] = set()
    for form in forms:
        norm = match_key_ar(_strip_accents(form)).strip()
        glued = _GLUED_AI_RE.match(norm)
        bases = {norm, f"{glued.group(1)} ai"} if glued else {norm}
        for base in bases:
            for g_form in _g_variants(base):
                out.update(_separator_variants(g_form))
    return {v for v in out if v}


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    # Only Latin letters lose their accents; Arabic marks are the normalizer's business.
    return unicodedata.normalize(
        "NFC",
        "".join(
            c
            for i, c in enumerate(decomposed)
            if not (unicodedata.combining(c) and i and decomposed[i - 1].isascii())
        ),
    )


def _g_variants(text: str) -> set[str]:
    slots = [i for i, c in enumerate(text) if c in _G_LETTERS]
    if not slots or len(slots) > 3:
        return {text}
    out = set()
    for letters in itertools.product(_G_LETTERS, repeat=len(slots)):
        chars = list(text)
        for i, letter in zip(slots, letters, strict=True):
            chars[i] = letter
        out.add("".join(chars))
    return out


def _separator_variants(text: str) -> set[str]:
    tokens = _SEP_RE.split(text)
    if len(tokens) == 1:
        return {text}
    if len(tokens) > _MAX_SEP_TOKENS:
        return {text, " ".join(tokens)}
    return {
        "".join(t + s for t, s in zip(tokens, (*seps, ""), strict=True))
        for seps in itertools.product((" ", "-", ""), repeat=len(tokens) - 1)
    }

"""Spelling variants: the normalized spellings generated from one gazetteer spelling.

Every spelling gets its systematic forms (case, accents, the Arabic spellings of ``{AI}``, a
glued Latin "AI" spaced, words joined by a space, a hyphen or nothing); an Arabic spelling also
gets its transliteration variants (``data/transliteration.yaml``): letters that stand for one
foreign sound swapped (غ/ج/ق/گ for G, ك/ق for K and Q …), one-way changes (ث → ت), one long vowel
dropped, a word-initial alef dropped. :func:`is_common_ar` tells which generated spellings are
common Arabic words, to be matched only where the context supports them.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml

from arnews.normalize import ARABIC_LETTERS, match_key_ar
from arnews.stopwords import stopwords_ar

__all__ = [
    "fold_table",
    "frequent_words_ar",
    "is_common_ar",
    "spelling_forms",
    "spelling_variants",
    "transliterations",
]

_AI_RE = re.compile(r"\{AI\}")
_SEP_RE = re.compile(r"[\s\-]+|(?<=[a-z])[.'’](?=[a-z])")  # 01.AI, Character.AI: dot optional
_GLUED_AI_RE = re.compile(r"^([a-z][a-z0-9]{2,})ai$")
_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}]")
_MAX_SEP_TOKENS = 4  # beyond this, only the written separators are kept
_TOP_WORDS = 1_000  # the most frequent words are Arabic words whatever their form
_MAX_COMBINATIONS = 27  # letter swaps: every combination up to this many, else one at a time


@dataclass(frozen=True)
class _Rules:
    ai: tuple[str, ...]  # the spellings of "AI" written {AI}
    fold: dict[str, str]  # borrowed letter -> the Arabic letter it stands for
    classes: tuple[frozenset[str], ...]  # letters standing for one sound
    changes: tuple[tuple[re.Pattern, str], ...]  # one-way changes
    vowels: frozenset[str]
    vowel_min: int
    alef_min: int


@functools.cache
def _rules() -> _Rules:
    text = resources.files("arnews.data").joinpath("transliteration.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    changes = []
    for c in data["changes"]:
        word_end = c["from"].endswith("$")
        pattern = re.escape(c["from"].rstrip("$")) + (r"(?=\s|-|$)" if word_end else "")
        changes.append((re.compile(pattern), c["to"]))
    return _Rules(
        ai=tuple(str(a) for a in data["ai"]),
        fold={f["from"]: f["to"] for f in data["fold"]},
        classes=tuple(frozenset(c["letters"]) for c in data["letters"]),
        changes=tuple(changes),
        vowels=frozenset(data["optional_vowels"]),
        vowel_min=int(data["optional_vowel_min_letters"]),
        alef_min=int(data["initial_alef_min_letters"]),
    )


def fold_table() -> dict[int, str]:
    """Return the ``str.translate`` table folding borrowed letters (ڤ → ف, پ → ب, گ → غ)."""
    return {ord(k): v for k, v in _rules().fold.items()}


@functools.cache
def frequent_words_ar() -> tuple[str, ...]:
    """Return the most frequent Arabic words (``data/common_words_ar.txt``), most frequent first,
    normalized."""
    text = resources.files("arnews.data").joinpath("common_words_ar.txt").read_text("utf-8")
    words = (line.split("#")[0].strip() for line in text.splitlines())
    return tuple(match_key_ar(w) for w in words if w)


@functools.cache
def _common_words() -> frozenset[str]:
    """The frequent words that are Arabic words rather than transliterated names: among the
    1,000 most frequent, of two or three letters, or frequent with the article ال too."""
    frequent = frequent_words_ar()
    known = set(frequent)
    arabic = {
        w
        for rank, w in enumerate(frequent)
        if rank < _TOP_WORDS or len(w) <= 3 or "ال" + w in known
    }
    return frozenset(arabic) | stopwords_ar()


def is_common_ar(key: str) -> bool:
    """Return True if the normalized one-word spelling `key` is a common Arabic word."""
    return key in _common_words()


def spelling_variants(spelling: str) -> set[str]:
    """Return the normalized spellings generated from one gazetteer spelling."""
    return set(spelling_forms(spelling))


def spelling_forms(spelling: str) -> dict[str, bool]:
    """Return each normalized spelling generated from `spelling`, True for those that come from
    a transliteration rule (not only from case, accents, ``{AI}`` or separators)."""
    forms = (
        {spelling.replace("{AI}", ai) for ai in _rules().ai}
        if _AI_RE.search(spelling)
        else {spelling}
    )
    out: dict[str, bool] = {}
    for form in forms:
        norm = match_key_ar(_strip_accents(form)).translate(fold_table()).strip()
        glued = _GLUED_AI_RE.match(norm)
        for base in {norm, f"{glued.group(1)} ai"} if glued else {norm}:
            for v in _separator_variants(base):
                out[v] = False
            if _ARABIC_RE.search(base):
                for t in transliterations(base) - {base}:
                    for v in _separator_variants(t):
                        out.setdefault(v, True)
    return {v: g for v, g in out.items() if v}


def transliterations(norm: str) -> set[str]:
    """Return `norm` (a normalized Arabic spelling) and its transliteration variants."""
    rules = _rules()
    written = {norm}
    for pattern, repl in rules.changes:
        written |= {pattern.sub(repl, v) for v in written}
    # Vowels and the initial alef are dropped from the written letters, then letters swapped:
    # every swap of every drop would multiply the spellings for little gain.
    written |= {d for v in written for d in _vowel_drops(v, rules.vowels, rules.vowel_min)}
    written |= {d for v in written for d in _alef_drops(v, rules.alef_min)}
    alternatives = _alternatives(rules.classes)
    return {s for v in written for s in _letter_swaps(v, alternatives)}


@functools.cache
def _alternatives(classes: tuple[frozenset[str], ...]) -> dict[str, frozenset[str]]:
    """Letter -> the letters it may be written as (ق is in the g and the k class)."""
    out: dict[str, frozenset[str]] = {}
    for cls in classes:
        for ch in cls:
            out[ch] = out.get(ch, frozenset()) | cls
    return out


def _letter_swaps(text: str, alternatives: dict[str, frozenset[str]]) -> set[str]:
    slots = [(i, alternatives[ch]) for i, ch in enumerate(text) if ch in alternatives]
    if not slots:
        return {text}
    options = [sorted(cls) for _, cls in slots]
    if _product(len(o) for o in options) > _MAX_COMBINATIONS:  # one letter at a time
        return {text} | {text[:i] + letter + text[i + 1 :] for i, cls in slots for letter in cls}
    out = set()
    for letters in itertools.product(*options):
        chars = list(text)
        for (i, _), letter in zip(slots, letters, strict=True):
            chars[i] = letter
        out.add("".join(chars))
    return out


def _product(numbers) -> int:
    total = 1
    for n in numbers:
        total *= n
    return total


def _vowel_drops(text: str, vowels: frozenset[str], min_letters: int) -> set[str]:
    """Drop one long vowel inside a word of `min_letters` or more (neither its first nor its
    last letter, nor the second of two vowels)."""
    out, start = set(), 0
    for word in text.split(" "):
        if len(word) >= min_letters:
            out |= {
                text[: start + i] + text[start + i + 1 :]
                for i in range(1, len(word) - 1)
                if word[i] in vowels and word[i - 1] not in vowels
            }
        start += len(word) + 1
    return out


def _alef_drops(text: str, min_letters: int) -> set[str]:
    """Drop the alef that starts a long word before a consonant (انفيديا -> نفيديا)."""
    words = text.split(" ")
    return {
        " ".join([*words[:k], w[1:], *words[k + 1 :]])
        for k, w in enumerate(words)
        if len(w) >= min_letters and w[0] == "ا" and w[1] not in "اوي"
    }


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


def _separator_variants(text: str) -> set[str]:
    tokens = _SEP_RE.split(text)
    if len(tokens) == 1:
        return {text}
    if len(tokens) > _MAX_SEP_TOKENS:
        return {text, " ".join(tokens)}
    return {text} | {
        "".join(t + s for t, s in zip(tokens, (*seps, ""), strict=True))
        for seps in itertools.product((" ", "-", ""), repeat=len(tokens) - 1)
    }

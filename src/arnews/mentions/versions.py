"""Model versions: what follows a family's name as part of a model's name.

A gazetteer entry with ``versions: true`` (a family such as Qwen, Llama, Gemini) takes a tail of
versions, sizes and variant words (``data/model_versions.yaml``): ``Qwen2.5-72B-Instruct``,
``Llama 3.1 405B``, ``جيميناي 2.5 برو``. The mention covers the tail and its entity is the
family's name followed by the tail (:func:`versioned_name`): Latin tails as written, Arabic
variant words by their canonical spelling (``جيميناي 2.5 برو`` → ``Gemini 2.5 Pro``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from arnews.normalize import match_key_ar
from arnews.tokens import alternation

__all__ = ["Versions", "load_versions", "versioned_name"]

_SEP = r"(?:[ \-_]|(?=\d))"  # one separator, or none before a digit (Qwen2.5)
_END = r"(?![0-9a-z\u0621-\u064a])"  # a token ends where the word ends
_NUMBER = r"(?!(?:19|20)\d\d" + _END + r")v?\d+(?:\.\d+)*[a-z]?"  # 3, 2.5, 4o, v3; not a year
_SIZE = r"\d+(?:\.\d+)?[bmkt]|\d+x\d+(?:\.\d+)?b"  # 7b, 1.5b, 8x7b
_CODE = r"[a-z]\d+(?:\.\d+)?[a-z]?"  # r1, k2, m1, a35b, e4b
_SPLIT_RE = re.compile(r"[ \-_]+")


@dataclass(frozen=True)
class Versions:
    """The tail pattern and the canonical spelling of each normalized variant word."""

    tail: re.Pattern  # matches a tail at a family name's end (normalized text)
    after: re.Pattern  # a version that marks a short form as a model name (context rule)
    canonical: dict[str, str]  # normalized variant word (Latin or Arabic) -> canonical spelling

    def spellings(self, word: str) -> list[str]:
        """Return the Latin and Arabic spellings of the variant `word` (canonical spelling)."""
        return [k for k, v in self.canonical.items() if v == word]


@functools.cache
def load_versions() -> Versions:
    """Read ``data/model_versions.yaml`` and build the tail patterns."""
    text = resources.files("arnews.data").joinpath("model_versions.yaml").read_text("utf-8")
    canonical: dict[str, str] = {}
    for word, arabic in yaml.safe_load(text)["words"].items():
        for spelling in [word, *(arabic or [])]:
            canonical[match_key_ar(str(spelling))] = str(word)
    words = alternation(canonical)
    token = rf"(?:{_SIZE}|{_CODE}|{_NUMBER}|{words}){_END}"
    tail = re.compile(rf"(?:{_SEP}{token})+")
    latin = "|".join(re.escape(w) for w in canonical if w.isascii())
    after = re.compile(rf"[\s\-]?(?:\d+\.\d+|\d+(?:\.\d+)?[bmk]\b|(?:{latin})\b)")
    return Versions(tail, after, canonical)


def versioned_name(family: str, sep: str | None, tail: str, versions: Versions) -> str:
    """Return the entity name of `family` followed by `tail` (the tail as written).

    A Latin tail keeps its spelling and separators; an Arabic one becomes its tokens, variant
    words in their canonical spelling, joined by spaces. `sep` (the family's own separator, such
    as ``-`` for ``GPT-4``) replaces the first separator when the tail starts with a version.
    """
    lead = tail[: len(tail) - len(tail.lstrip(" -_"))]
    body = tail[len(lead) :]
    if not body.isascii():
        body = " ".join(
            versions.canonical.get(match_key_ar(t), match_key_ar(t))
            for t in _SPLIT_RE.split(body)
            if t
        )
        lead = " " if lead else ""
    if sep is not None and body[:1].isdigit():
        lead = sep
    return f"{family}{lead or ''}{body}"

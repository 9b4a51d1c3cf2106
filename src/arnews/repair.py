"""Repair Arabic text as it comes out of PDFs: presentation forms and visually ordered lines.

Text copied from a PDF often stores the *shapes* a renderer draws rather than the letters:
presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC), and often lines in *visual* order (the
characters as drawn from left to right, so every Arabic word reads backwards). Both break
matching and show badly in reports. :func:`repair_text_ar` puts a visually ordered line back in
logical order and maps each presentation form to its letters. The article keeps the repaired
text, so offsets index the repaired text (a ligature such as ﻻ becomes two letters, لا).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

from arnews.normalize import ARABIC_LETTERS, PRESENTATION_FORMS, PRESENTATION_RANGES
from arnews.rtl import logical_from_visual

__all__ = ["LineOrder", "Repair", "line_order_ar", "map_presentation_forms", "repair_text_ar"]

_ZWNBSP, _WORD_JOINER = "\ufeff", "\u2060"  # U+FEFF inside a text is a deprecated joiner
_PRESENTATION_RE = re.compile(f"[{PRESENTATION_FORMS}{_ZWNBSP}]")
_LETTERS = ARABIC_LETTERS
_MARKS = "\u0640\u064b-\u065f\u0670"  # tatweel and diacritics, allowed inside a cue word
_LETTER_RE = re.compile(f"[{_LETTERS}]")
_INITIAL, _MEDIAL, _FINAL = 1, 2, 3  # joining forms of presentation forms, 0 for the rest
# How two neighbouring letters in presentation forms join tells the order: initial-medial and
# medial-final happen only in logical order, final-medial and medial-initial only in visual
# order (initial-final and final-initial happen in both, where words break).
_LOGICAL_JOINS = ((_INITIAL, _MEDIAL), (_MEDIAL, _FINAL))
_VISUAL_JOINS = ((_FINAL, _MEDIAL), (_MEDIAL, _INITIAL))
MIN_CUES = 3  # cues a line needs before its order is decided on its own
MIXED_CUES = 2  # cues each way that make a line doubtful
DOMINANCE = 3  # one order must have this many times the cues of the other


def _form_table() -> dict[int, str]:
    """Map each presentation form to its letters (NFKC, without the space of isolated marks)."""
    table = {ord(_ZWNBSP): _WORD_JOINER}
    for lo, hi in PRESENTATION_RANGES:
        for cp in range(lo, hi + 1):
            letters = unicodedata.normalize("NFKC", chr(cp))
            if letters != chr(cp):
                table[cp] = letters.strip(" ") or letters
    return table


_FORM_TABLE = _form_table()


@cache
def _cue_words_re() -> re.Pattern:
    """One pattern finding the cue words (group ``logical``) and them reversed (``visual``)."""
    text = resources.files("arnews.data").joinpath("order_cues_ar.txt").read_text("utf-8")
    words = {w for line in text.splitlines() if (w := line.split("#")[0].strip())}
    words = {w for w in words if w != w[::-1]}

    def alternatives(items: set[str]) -> str:
        return "|".join("".join(re.escape(c) + f"[{_MARKS}]*" for c in w) for w in sorted(items))

    edge_before, edge_after = f"(?<![{_LETTERS}{_MARKS}])", f"(?![{_LETTERS}{_MARKS}])"
    forwards, backwards = alternatives(words), alternatives({w[::-1] for w in words})
    return re.compile(
        f"{edge_before}(?:(?P<logical>{forwards})|(?P<visual>{backwards})){edge_after}"
    )


def map_presentation_forms(text: str) -> tuple[str, int, int]:
    """Map presentation forms to their letters.

    Returns
    -------
    (text, mapped, added): the repaired text, how many forms were mapped, and how many
    characters the ligatures added (0 when offsets are unchanged).
    """
    if not _PRESENTATION_RE.search(text):
        return text, 0, 0
    mapped = len(_PRESENTATION_RE.findall(text))
    repaired = text.translate(_FORM_TABLE)
    return repaired, mapped, len(repaired) - len(text)


@dataclass
class LineOrder:
    """Cues of the order a line is stored in.

    ``logical`` and ``visual`` count every cue; ``strong_*`` only the unambiguous ones
    (function words, joins of presentation forms), without the article cues.
    """

    logical: int = 0
    visual: int = 0
    strong_logical: int = 0
    strong_visual: int = 0

    def verdict(self) -> str:
        """Return ``logical``, ``visual``, ``mixed`` (strong cues both ways) or ``unknown``.

        Visual order needs a strong cue besides the article ones, since logical text has
        words ending in لا (مثلا، فعلا) and a wrong repair would spoil a good line.
        """
        if (
            self.strong_visual
            and self.visual >= MIN_CUES
            and self.visual >= DOMINANCE * self.logical
        ):
            return "visual"
        if self.logical >= MIN_CUES and self.logical >= DOMINANCE * self.visual:
            return "logical"
        strong = min(self.strong_logical, self.strong_visual)
        return "mixed" if strong >= MIXED_CUES else "unknown"

    def add(self, other: LineOrder) -> None:
        """Add the cues of `other` to these."""
        self.logical += other.logical
        self.visual += other.visual
        self.strong_logical += other.strong_logical
        self.strong_visual += other.strong_visual


def _form_codes() -> np.ndarray:
    """Return, per code point, its joining form if it is a presentation form (else 0)."""
    codes = np.zeros(0x110000, dtype=np.int8)
    forms = {"<initial>": _INITIAL, "<medial>": _MEDIAL, "<final>": _FINAL}
    for lo, hi in PRESENTATION_RANGES:
        for cp in range(lo, hi + 1):
            codes[cp] = forms.get(unicodedata.decomposition(chr(cp)).split(" ", 1)[0], 0)
    return codes


_FORM_CODES = _form_codes()


def _joins(line: str) -> tuple[int, int]:
    """Count neighbouring presentation forms joined as in logical, and as in visual order."""
    forms = _FORM_CODES[np.frombuffer(line.encode("utf-32-le"), dtype=np.uint32)]
    pairs = np.bincount(forms[:-1] * 4 + forms[1:], minlength=16)
    return tuple(int(sum(pairs[a * 4 + b] for a, b in j)) for j in (_LOGICAL_JOINS, _VISUAL_JOINS))


def line_order_ar(line: str) -> LineOrder:
    """Count the cues of logical and of visual order in one line.

    Three kinds of cue: function words (``data/order_cues_ar.txt``) read forwards (في، التي)
    or backwards (يف، يتلا); words starting with the article ال, or ending in لا (ال
    backwards, though a word such as مثلا ends so too); and, in presentation forms, how
    neighbouring letters join.
    """
    letters = line.translate(_FORM_TABLE)
    _, starts, ends = _line_counts(letters)
    return _line_order(line, letters, int(starts.sum()), int(ends.sum()))


def _line_order(line: str, letters: str, starts: int, ends: int) -> LineOrder:
    """:func:`line_order_ar` of `line`, given its letters and its article cues."""
    order = LineOrder()
    for m in _cue_words_re().finditer(letters):
        order.strong_logical += m.lastgroup == "logical"
        order.strong_visual += m.lastgroup == "visual"
    if _PRESENTATION_RE.search(line):
        logical, visual = _joins(line)
        order.strong_logical += logical
        order.strong_visual += visual
    order.logical = order.strong_logical + starts
    order.visual = order.strong_visual + ends
    return order


@dataclass
class Repair:
    """What :func:`repair_text_ar` changed, for the ``warnings`` column."""

    reversed_lines: list[int] = field(default_factory=list)  # 1-based line numbers
    doubtful_lines: list[int] = field(default_factory=list)
    forms_mapped: int = 0
    chars_added: int = 0

    def warnings(self) -> list[str]:
        """Return one sentence per repair made or doubt left."""
        out = []
        if self.reversed_lines:
            out.append(
                "visually ordered (reversed) Arabic put back in reading order on"
                f" {_lines(self.reversed_lines)}"
            )
        if self.doubtful_lines:
            out.append(f"may be visually ordered, left as is: {_lines(self.doubtful_lines)}")
        if self.forms_mapped:
            expanded = (
                f", ligatures adding {self.chars_added} characters (offsets index the repaired"
                " text)"
                if self.chars_added
                else ""
            )
            out.append(
                f"{self.forms_mapped} Arabic presentation forms mapped to letters{expanded}"
            )
        return out


def _lines(numbers: list[int], shown: int = 10) -> str:
    listed = ", ".join(map(str, numbers[:shown]))
    more = f" and {len(numbers) - shown} more" if len(numbers) > shown else ""
    return f"line{'s' if len(numbers) > 1 else ''} {listed}{more}"


def _letter_table() -> np.ndarray:
    table = np.zeros(0x110000, dtype=bool)
    for lo, hi in ((0x0621, 0x065F), (0x0670, 0x06D3)):
        table[lo : hi + 1] = True
    return table


_IS_LETTER = _letter_table()
_ALEF, _LAM, _NEWLINE = 0x0627, 0x0644, 0x0A


def _line_counts(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line, count the Arabic letters, the words starting with the article ال (logical
    order) and the words ending in لا (ال read backwards, or a word such as مثلا): a fast
    screen, vectorized."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    letter = np.concatenate(([False], _IS_LETTER[codes], [False, False]))
    # For the pair at (i, i + 1): is there a letter at i - 1, and at i + 2?
    before, after = letter[:-4], letter[3:-1]
    first, second = codes[:-1], codes[1:]
    starts = (first == _ALEF) & (second == _LAM) & ~before & after
    ends = (first == _LAM) & (second == _ALEF) & before & ~after
    breaks = np.flatnonzero(codes == _NEWLINE)
    edges = np.concatenate(([0], breaks, [len(first)]))
    per_line = [np.add.reduceat(np.append(a, 0), edges[:-1]) for a in (letter[1:-3], starts, ends)]
    empty = edges[:-1] == edges[1:]  # reduceat gives the next value for an empty range
    return tuple(np.where(empty, 0, counts) for counts in per_line)


def repair_text_ar(text: str, *, visual: bool | None = None) -> tuple[str, Repair]:
    """Put visually ordered lines in logical order, then map presentation forms to letters.

    A line is reversed when its own cues (:func:`line_order_ar`) say visual order, or when it
    has too few cues to say and the whole text reads visually (or `visual` is True, as for the
    title of an article that reads visually). A line with cues both ways is left as it is and
    reported as doubtful. Only lines that a fast screen finds suspect (presentation forms, or
    no more words starting with ال than ending in لا) are read closely; the others are logical.

    Returns
    -------
    (text, repair): the repaired text and what was done.
    """
    forms = _PRESENTATION_RE.search(text) is not None
    letters_text = text.translate(_FORM_TABLE) if forms else text
    letters, starts, ends = _line_counts(letters_text)
    suspect = (letters > 0) & ((ends >= starts) | (visual is True))
    if not forms and not suspect.any():
        return text, Repair()  # the common case: logical text, nothing to read closely
    lines, letter_lines = text.split("\n"), letters_text.split("\n")
    if forms:
        suspect |= [_PRESENTATION_RE.search(line) is not None for line in lines]
    orders = {
        n: _line_order(lines[n], letter_lines[n], int(starts[n]), int(ends[n]))
        for n in np.flatnonzero(suspect).tolist()
    }
    if visual is None:  # the lines not read closely count by their article cues
        total = LineOrder(int(starts[~suspect].sum()), int(ends[~suspect].sum()))
        for order in orders.values():
            total.add(order)
        visual = total.verdict() == "visual"
    repair = Repair()
    for n, order in orders.items():
        verdict = order.verdict()
        if verdict == "mixed":
            repair.doubtful_lines.append(n + 1)
        elif verdict == "visual" or (
            verdict == "unknown" and visual and _leans_visual(letter_lines[n], order)
        ):
            lines[n] = logical_from_visual(lines[n])
            repair.reversed_lines.append(n + 1)
    text = "\n".join(lines) if repair.reversed_lines else text
    text, repair.forms_mapped, repair.chars_added = map_presentation_forms(text)
    return text, repair


def _leans_visual(letters: str, order: LineOrder) -> bool:
    """A line without enough cues follows the text, if it has Arabic and no cue against."""
    return order.visual >= order.logical and _LETTER_RE.search(letters) is not None

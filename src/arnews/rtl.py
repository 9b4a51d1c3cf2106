"""Labels for each renderer, made one way: every logical run isolated, the line in its direction.

A label is logical text. Browsers (plotly in JupyterLab and in the HTML export, kaleido's
Chromium) shape Arabic and apply the bidi algorithm themselves, so their labels stay logical; but
the algorithm reorders a run that starts with a digit or a sign ("01.AI", "001_e5…", "−0.75",
"+17") by its Arabic neighbours, and an Arabic phrase inside an English line. So each such run
goes in its own isolate (U+2066 … U+2069) and the line takes the direction of the language shown:

==========  ===================================================  =====================
renderer    what it gets                                         function
==========  ===================================================  =====================
plotly      SVG text (titles, ticks, legends, annotations):      :func:`plotly_text`
            runs isolated, the line in an isolate of its
            direction, ``& < >`` escaped for plotly's parser
hover       plotly hover box: one such line per line             :func:`hover_text`
HTML        a table cell or paragraph: runs isolated, escaped;   :func:`html_text`
            its element carries ``dir``                          :func:`html_block`
Markdown    a paragraph of a Markdown output: runs isolated,     :func:`markdown_block`
            Markdown characters escaped, ``dir`` on its block
terminal    shaped and reordered (visual order): only here       :func:`terminal_text`
==========  ===================================================  =====================

Text plotly draws is text, not HTML: plotly decodes only ``&lt; &gt; &amp;`` and numeric
entities, so ``html.escape`` would show ``&quot;`` literally; HTML escaping is for HTML.
The one reordering the other way, :func:`logical_from_visual`, is for input: it puts back in
reading order the lines that PDFs stored in visual order (:mod:`arnews.repair`).
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, TextIO

import pandas as pd
import yaml

from arnews.normalize import has_arabic

__all__ = [
    "FSI",
    "LRI",
    "PDI",
    "RLI",
    "Direction",
    "Language",
    "bilingual",
    "date_label",
    "direction_of",
    "display_names",
    "hover_template",
    "hover_text",
    "html_block",
    "html_text",
    "isolate_runs",
    "language_direction",
    "legacy_label",
    "logical_from_visual",
    "markdown_block",
    "period_label",
    "plotly_text",
    "short_title",
    "signed",
    "strip_isolates",
    "terminal_text",
    "wrap_lines",
]

LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
ISOLATES = frozenset(LRI + RLI + FSI + PDI)
Direction = Literal["rtl", "ltr"]
Language = Literal["ar", "en", "both"]
LANGUAGES = ("ar", "en", "both")

_RTL = frozenset({"R", "AL"})
_JOIN = frozenset("._-/:'’,+#&@")  # inside one run when a letter or digit follows: "01.AI"
_TRAIL = frozenset("…%")  # closes a run it touches: "001_e5…", "17%"
_SIGN = frozenset("+-−±")  # opens a run before a digit: "−0.75", "+17"


@lru_cache(maxsize=4096)
def _bidi(ch: str) -> str:
    return unicodedata.bidirectional(ch)


def _strong_ltr(ch: str) -> bool:
    return _bidi(ch) in ("L", "EN")


def direction_of(text: str) -> Direction:
    """Return the direction of a text value (a title, a sentence, a name): ``"rtl"`` when it
    holds an Arabic (right-to-left) letter, else ``"ltr"``.

    Article text is Arabic even when it quotes many Latin names ("OpenAI تفتح مصدر نماذجها");
    lines of the interface pass their language's direction instead (:func:`language_direction`).
    """
    return "rtl" if any(_bidi(ch) in _RTL for ch in str(text)) else "ltr"


def language_direction(language: str) -> Direction:
    """Return the line direction of labels shown in `language` (``ar``/``both``: right to left)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown label_language {language!r}: use 'ar', 'en' or 'both'")
    return "ltr" if language == "en" else "rtl"


def strip_isolates(text: str) -> str:
    """Return `text` without bidi isolate characters (the logical text a reader should see)."""
    return "".join(ch for ch in str(text) if ch not in ISOLATES)


# --- runs ----------------------------------------------------------------------------------------


def _ltr_run_end(text: str, i: int) -> int:
    """Return the end of the left-to-right run starting at `i` (a letter, digit or sign)."""
    n, j = len(text), i + 1
    while j < n:
        ch = text[j]
        nxt = text[j + 1] if j + 1 < n else ""
        if _strong_ltr(ch) or (_bidi(ch) == "NSM"):
            j += 1
        elif (ch in _JOIN or ch == " ") and nxt and _strong_ltr(nxt):
            j += 2
        elif ch in _TRAIL:
            return j + 1
        else:
            break
    return j


def _opens_ltr(text: str, i: int) -> bool:
    ch = text[i]
    if _strong_ltr(ch):
        return True
    return ch in _SIGN and i + 1 < len(text) and _bidi(text[i + 1]) == "EN"


def _needs_isolate(run: str) -> bool:
    """A run of letters (and spaces) is ordered right without an isolate; digits, signs and
    punctuation next to Arabic are not ("01.AI" would read "AI.01")."""
    return not all(_bidi(ch) == "L" or ch == " " for ch in run)


def _wrap_runs(text: str, opens, run_end, wrap) -> str:
    """Return `text` with each run that ``opens(text, i)`` (ending at ``run_end(text, i)``)
    replaced by ``wrap(run)``; the characters between runs are kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        if opens(text, i):
            j = run_end(text, i)
            out.append(wrap(text[i:j]))
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _isolate_in_rtl(text: str) -> str:
    return _wrap_runs(text, _opens_ltr, _ltr_run_end,
                      lambda run: f"{LRI}{run}{PDI}" if _needs_isolate(run) else run)  # fmt: skip


def _rtl_phrase_end(text: str, i: int) -> int:
    """Return the end of the Arabic phrase starting at `i`: up to its last right-to-left letter
    before the next Latin letter (digits and punctuation between Arabic words belong to it)."""
    end = j = i + 1
    while j < len(text) and _bidi(text[j]) != "L":
        if _bidi(text[j]) in _RTL or _bidi(text[j]) == "NSM":
            end = j + 1
        j += 1
    return end


_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")


def _isolate_in_ltr(text: str) -> str:
    """Isolate the Arabic phrases of a left-to-right line; a quoted Arabic title or phrase
    («…», “…”, "…") is isolated whole, Latin words inside it included."""
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        inner = m.group()[1:-1]
        if direction_of(inner) != "rtl":
            continue
        out.append(_phrases_in_ltr(text[pos : m.start()]))
        out.append(f"{m.group()[0]}{RLI}{_isolate_in_rtl(inner)}{PDI}{m.group()[-1]}")
        pos = m.end()
    out.append(_phrases_in_ltr(text[pos:]))
    return "".join(out)


def _phrases_in_ltr(text: str) -> str:
    return _wrap_runs(text, lambda t, i: _bidi(t[i]) in _RTL, _rtl_phrase_end,
                      lambda run: f"{RLI}{_isolate_in_rtl(run)}{PDI}")  # fmt: skip


def isolate_runs(text: str, direction: Direction) -> str:
    """Return `text` with each run that its `direction` line would reorder in its own isolate.

    In a right-to-left line, a run opening with a digit or a sign, or holding punctuation
    (``01.AI``, ``001_e5…``, ``−0.75``, ``Llama 3.1``), goes in a left-to-right isolate; in a
    left-to-right line, each Arabic phrase goes in a right-to-left isolate (and its own such
    runs in left-to-right ones). Existing isolates are dropped first.
    """
    text = strip_isolates(text)
    return _isolate_in_rtl(text) if direction == "rtl" else _isolate_in_ltr(text)


def _line(text: str, direction: Direction | None) -> tuple[str, Direction]:
    text = strip_isolates(str(text))
    return text, direction or direction_of(text)


def _wrap(text: str, direction: Direction) -> str:
    """Return `text` (runs isolated) as a line of `direction` in plotly's left-to-right SVG."""
    inner = isolate_runs(text, direction)
    bare = direction == "ltr" or (not has_arabic(text) and inner == text and _one_run(text))
    if bare:
        return inner
    return f"{RLI}{inner}{PDI}"


def _one_run(text: str) -> bool:
    return bool(text) and _opens_ltr(text, 0) and _ltr_run_end(text, 0) == len(text)


# --- renderers -----------------------------------------------------------------------------------


def _plotly_escape(text: str) -> str:
    # plotly parses <b>, <br>, <a …> in any text and decodes &lt; &gt; &amp; (not &quot;).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_text(text: object, direction: Direction | None = None) -> str:
    """Return `text` for plotly's SVG text (title, tick, legend, annotation, one hover line).

    `direction` is the line's (:func:`language_direction` for labels of the interface); None
    takes the direction of the text's own letters (:func:`direction_of`), for article text.
    """
    line, direction = _line("" if text is None else text, direction)
    return _plotly_escape(_wrap(line, direction))  # escaped last: no isolate splits "&amp;"


def hover_text(lines: Iterable[object], direction: Direction | None = None) -> str:
    """Return the lines of a hover box: each its own plotly line (:func:`plotly_text`)."""
    return "<br>".join(plotly_text(line, direction) for line in lines)


def wrap_lines(text: object, width: int = 70) -> list[str]:
    """Return `text` cut into lines of at most `width` characters at word boundaries (a hover
    box shows each as its own line)."""
    return textwrap.wrap(" ".join(str(text or "").split()), width) or [""]


def short_title(title: object, fallback: str = "", width: int = 60) -> str:
    """Return `title` cut at a word boundary to `width` characters (`fallback` if empty)."""
    text = " ".join(str(title or "").split())
    return textwrap.shorten(text, width, placeholder=" …") if text else fallback


_PLACEHOLDER = re.compile(r"(%\{[^}]*\})")


def hover_template(lines: Iterable[str], direction: Direction) -> str:
    """Return a plotly hover template: each line a line of `direction`, its text isolated run by
    run and each ``%{…}`` placeholder in a first-strong isolate (a label takes its own
    direction, a number reads left to right). For charts with many points, where one string per
    point would weigh on the page."""
    out = []
    for line in lines:
        parts = _PLACEHOLDER.split(str(line))
        body = "".join(
            f"{FSI}{part}{PDI}" if i % 2 else _plotly_escape(isolate_runs(part, direction))
            for i, part in enumerate(parts)
        )
        out.append(f"{RLI}{body}{PDI}" if direction == "rtl" else body)
    return "<br>".join(out) + "<extra></extra>"


def html_text(text: object, direction: Direction | None = None) -> str:
    """Return `text` escaped for HTML with its runs isolated; put it in an element with
    ``dir`` set to `direction` (:func:`html_block` does both)."""
    line, direction = _line("" if text is None else text, direction)
    return html.escape(isolate_runs(line, direction), quote=False)


def html_block(
    text: object, direction: Direction | None = None, *, tag: str = "p", cls: str = ""
) -> str:
    """Return `text` as one HTML element (``<p>`` by default) with its own ``dir`` and ``lang``."""
    line, direction = _line("" if text is None else text, direction)
    lang = "ar" if direction == "rtl" else "en"
    klass = f' class="{cls}"' if cls else ""
    return f'<{tag} dir="{direction}" lang="{lang}"{klass}>{html_text(line, direction)}</{tag}>'


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def markdown_block(text: object, direction: Direction | None = None) -> str:
    """Return `text` as a Markdown paragraph in a ``<div dir=…>`` of its direction.

    Runs are isolated and Markdown's characters escaped (an id like ``a_b_c`` would turn
    italic); Markdown inside the ``div`` is still read (blank lines around it).
    """
    line, direction = _line("" if text is None else text, direction)
    lang = "ar" if direction == "rtl" else "en"
    body = _MARKDOWN_SPECIAL.sub(r"\\\1", isolate_runs(line, direction))
    return f'<div dir="{direction}" lang="{lang}">\n\n{body}\n\n</div>'


def logical_from_visual(line: str) -> str:
    """Return a visually ordered right-to-left line (as some PDFs store Arabic) in logical
    order: the bidi algorithm's reordering is its own inverse for such a line."""
    from bidi import get_display

    return get_display(line, base_dir="R")


def legacy_label(text: str) -> str:
    """Return `text` shaped and reordered for a renderer that cannot do it (visual order)."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    text = str(text)
    return get_display(arabic_reshaper.reshape(text)) if has_arabic(text) else text


def terminal_text(text: str, stream: TextIO) -> str:
    """Return `text` for a terminal: shaped line by line when `stream` is a TTY, else as is.

    Plain terminals cannot shape Arabic; logs and pipes keep the logical text so they stay
    searchable.
    """
    if not stream.isatty():
        return text
    return "\n".join(legacy_label(line) for line in str(text).split("\n"))


# --- words of the labels -------------------------------------------------------------------------


def bilingual(ar: str, en: str, language: str = "ar") -> str:
    """Return the label for `language`: ``"ar"``, ``"en"`` or ``"both"`` (Arabic, then English).

    The result is logical text; a renderer function above prepares it for display.
    """
    language_direction(language)  # checks the name
    if language == "ar":
        return ar or en
    if language == "en":
        return en or ar
    return f"{ar} ({en})" if ar and en and ar != en else (ar or en)


def display_names(arabic_names: Mapping[str, str], language: str = "ar") -> dict[str, str]:
    """Return name -> display label in `language` from name -> Arabic name (for example
    :meth:`arnews.mentions.Gazetteer.arabic_names`): Arabic names in Arabic mode."""
    return {n: bilingual(ar, n, language) for n, ar in arabic_names.items()}


def signed(value: float, digits: int = 0) -> str:
    """Return `value` with its sign always shown, a true minus sign for negatives (``−0.75``)."""
    text = f"{value:+.{digits}f}"
    if float(text) == 0:
        text = f"{0:.{digits}f}"
    return text.replace("-", "−")


@cache
def _month_names() -> dict[int, tuple[str, str]]:
    """Month number -> (Arabic, English) display name: the first Arabic and the first Latin
    spelling listed in ``data/months.yaml``."""
    text = resources.files("arnews.data").joinpath("months.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return {
        int(month): (str(names[0]), next(str(n) for n in names if str(n).isascii()))
        for month, names in raw.items()
    }


def date_label(value: object, language: str = "ar") -> str:
    """Return a ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` date (or a date) in `language`, to its
    precision: ``2025``, ``أغسطس 2025`` / ``August 2025``, ``5 أغسطس 2025`` / ``5 August 2025``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = value if isinstance(value, str) else pd.Timestamp(value).date().isoformat()
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    ar, en = _month_names()[int(parts[1])]
    if len(parts) == 3:
        day = int(parts[2])
        ar, en = f"{day} {ar}", f"{day} {en}"
    return bilingual(f"{ar} {parts[0]}", f"{en} {parts[0]}", language)


def period_label(start: object, grain: str, language: str = "ar") -> str:
    """Return the label of the week (``"week"``, by its first day) or month starting `start`."""
    day = pd.Timestamp(start).date().isoformat()
    if grain == "month":
        return date_label(day[:7], language)
    ar, en = date_label(day, "ar"), date_label(day, "en")
    return bilingual(f"أسبوع {ar}", f"week of {en}", language)

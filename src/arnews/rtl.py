"""Labels for each renderer: logical text for browsers, reshaped visual text for the rest.

Browsers (plotly in JupyterLab, HTML exports, kaleido's Chromium) shape Arabic and apply the
bidi algorithm themselves, so their labels stay in logical order; a label holding Arabic is
wrapped in a right-to-left isolate so mixed Arabic/Latin/digit labels read in the right order
in plotly's left-to-right SVG text. Renderers that cannot shape (matplotlib < 3.11, PIL without
raqm, plain terminals) get ``arabic_reshaper.reshape`` + ``bidi.get_display``: only here.
"""

from __future__ import annotations

from typing import Literal, TextIO

from arnews.normalize import has_arabic

__all__ = [
    "PDI",
    "RLI",
    "Target",
    "bilingual",
    "browser_label",
    "label",
    "legacy_label",
    "terminal_text",
]

RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
Target = Literal["browser", "legacy"]


def browser_label(text: str) -> str:
    """Return `text` for a browser: logical order, in an RTL isolate if it holds Arabic."""
    text = str(text)
    if not has_arabic(text) or _isolated(text):
        return text
    return f"{RLI}{text}{PDI}"


def _isolated(text: str) -> bool:
    """Return True if one RTL isolate spans all of `text` (not just its first part)."""
    if not (text.startswith(RLI) and text.endswith(PDI)):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "\u2066\u2067\u2068"
        depth -= ch == PDI
        if depth == 0:
            return i == len(text) - 1
    return False


def legacy_label(text: str) -> str:
    """Return `text` shaped and reordered for a renderer that cannot do it (visual order)."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    text = str(text)
    return get_display(arabic_reshaper.reshape(text)) if has_arabic(text) else text


def label(text: str, target: Target = "browser") -> str:
    """Return `text` prepared for `target` (``"browser"`` or ``"legacy"``)."""
    if target == "browser":
        return browser_label(text)
    if target == "legacy":
        return legacy_label(text)
    raise ValueError(f"unknown label target {target!r}: use 'browser' or 'legacy'")


def terminal_text(text: str, stream: TextIO) -> str:
    """Return `text` for a terminal: shaped line by line when `stream` is a TTY, else as is.

    Plain terminals cannot shape Arabic; logs and pipes keep the logical text so they stay
    searchable.
    """
    if not stream.isatty():
        return text
    return "\n".join(legacy_label(line) for line in str(text).split("\n"))


def bilingual(ar: str, en: str, language: str = "ar") -> str:
    """Return the label for `language`: ``"ar"``, ``"en"`` or ``"both"`` (Arabic, then English).

    The result is logical text; pass it through :func:`browser_label` before plotting.
    """
    if language == "ar":
        return ar or en
    if language == "en":
        return en or ar
    if language == "both":
        return f"{ar} ({en})" if ar and en and ar != en else (ar or en)
    raise ValueError(f"unknown label_language {language!r}: use 'ar', 'en' or 'both'")

"""Column names of every table arnews produces, defined once for compute and chart code."""

from __future__ import annotations

__all__ = [
    "ARTICLES",
    "EVENTS",
    "MENTIONS",
    "SENTENCES",
    "SKIPPED",
    "STANCE",
    "TOKENS",
]

ARTICLES = (
    "article_id",
    "path",
    "title",
    "published",
    "outlet",
    "url",
    "encoding",
    "text",
    "n_chars",
    "sha256",
    "warnings",
)
SKIPPED = ("path", "reason")
SENTENCES = ("article_id", "sentence_id", "start", "end", "text")
TOKENS = (
    "article_id",
    "sentence_id",
    "token_id",
    "start",
    "end",
    "text",
    "norm",
    "script",
    "clitic",
    "stem",
)
MENTIONS = ("article_id", "sentence_id", "start", "end", "surface", "entity", "kind", "company")
STANCE = ("article_id", "sentence_id", "target", "polarity", "score", "cues", "sentence")
EVENTS = (
    "article_id",
    "sentence_id",
    "start",
    "end",
    "surface",
    "date",
    "precision",
    "kind",
    "subject",
    "resolved_from",
    "sentence",
)

"""Column names of every table arnews produces, and the values of the stance table's coded
columns, defined once for compute and chart code."""

from __future__ import annotations

__all__ = [
    "ARTICLES",
    "CONFIDENCE_RANK",
    "EVENTS",
    "MENTIONS",
    "POLARITIES",
    "SENTENCES",
    "SKIPPED",
    "STANCE",
    "TARGETS",
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

#: The stance table's ``target`` values, ``polarity`` values and ``confidence`` values
#: (weakest first, with their rank).
TARGETS = ("open", "closed")
POLARITIES = ("positive", "negative", "neutral")
CONFIDENCE_RANK = {"low": 0, "high": 1}

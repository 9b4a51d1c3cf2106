"""Company, product and person mentions: gazetteer matching over normalized Arabic text.

The gazetteer (``data/gazetteer.yaml``, extensible with a user file) lists each entity once with
its spellings; :func:`load_gazetteer` expands them into systematic variants
(:mod:`~arnews.mentions.variants`) and builds one Aho-Corasick automaton
(:mod:`~arnews.mentions.gazetteer`). :func:`find_mentions` scans normalized text in one pass
on Arabic-aware word boundaries (:mod:`~arnews.mentions.spans`), keeps ambiguous short forms
only where their sentence supports them (:mod:`~arnews.mentions.context`) and maps every match
back to the original text (:mod:`~arnews.mentions.find`); :mod:`~arnews.mentions.aggregate`
counts the result, and :func:`find_candidates` lists the names seen that no entry matches.
"""

from __future__ import annotations

from arnews.errors import GazetteerError
from arnews.mentions.aggregate import (
    article_company_counts,
    company_cooccurrence,
    company_kind_counts,
    example_sentences,
)
from arnews.mentions.candidates import CANDIDATES, find_candidates
from arnews.mentions.context import AMBIGUITY_MODES
from arnews.mentions.find import find_mentions
from arnews.mentions.gazetteer import KINDS, OPENNESS, Entity, Gazetteer, load_gazetteer
from arnews.mentions.variants import spelling_variants

__all__ = [
    "AMBIGUITY_MODES",
    "CANDIDATES",
    "KINDS",
    "OPENNESS",
    "Entity",
    "Gazetteer",
    "GazetteerError",
    "article_company_counts",
    "company_cooccurrence",
    "company_kind_counts",
    "example_sentences",
    "find_candidates",
    "find_mentions",
    "load_gazetteer",
    "spelling_variants",
]

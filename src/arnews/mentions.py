"""Company, product and person mentions: gazetteer matching over normalized Arabic text.

The gazetteer (``data/gazetteer.yaml``, extensible with a user file) lists each entity once with
its spellings; :func:`load_gazetteer` expands them into systematic variants and builds one
Aho-Corasick automaton. :func:`find_mentions` normalizes the articles in large chunks, scans
each chunk in a single pass, keeps the matches that sit on Arabic-aware word boundaries (a
proclitic such as و ف ب ك ل ال لل, or و/ف before ب ل ك, may be glued to the name; nothing may
follow it), takes the
longest leftmost match where matches overlap, and maps every match back to the original text.

Ambiguous short forms (``X``, ``R1``, ``o1``, ``Gemini``, ``Falcon``, ``Claude``, ``Mistral`` …,
listed under ``ambiguous`` in the gazetteer) are kept only when their sentence supports them:

1. owner: the sentence also names the same company (the company, or one of its products or
   people) unambiguously;
2. cue: a model or company word (نموذج، نماذج، شركة، model, company …, or the entity's own
   ``cues``) lies within three words before or two words after;
3. list: it is coordinated (only ``و``/``أو``/commas/brackets between) with a kept mention;
4. version: it is directly followed by a version or size (``2.5``, ``7B``, ``Pro``, ``mini`` …).

A form shared by a company and its product (``Mistral``) takes the kind of the mentions it is
listed with, else the kind named by a cue word, else company.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd
import yaml

from arnews.normalize import normalize_ar, normalize_with_offsets, span_to_original
from arnews.params import ParameterError
from arnews.rtl import bilingual
from arnews.schema import MENTIONS
from arnews.tokens import PROCLITICS, split_proclitic_ar

__all__ = [
    "AMBIGUITY_MODES",
    "KINDS",
    "NAME_PROCLITICS",
    "Entity",
    "Gazetteer",
    "GazetteerError",
    "article_company_counts",
    "check_companies",
    "company_cooccurrence",
    "company_kind_counts",
    "example_sentences",
    "find_mentions",
    "load_gazetteer",
    "spelling_variants",
]

KINDS = ("company", "product", "person")
AMBIGUITY_MODES = ("context", "all", "none")
CHUNK_CHARS = 4_000_000  # articles are normalized and scanned in chunks of about this size

# Arabic spellings of "AI" written `{AI}` in the gazetteer (after normalization: إ أ آ -> ا).
AI_AR = ("إيه آي", "أيه آي", "إي آي", "آي", "أي", "ايه ايه", "AI")
_AI_RE = re.compile(r"\{AI\}")
_SEP_RE = re.compile(r"[\s\-]+")
_GLUED_AI_RE = re.compile(r"^([a-z][a-z0-9]{2,})ai$")
_G_LETTERS = "غج"  # a transliterated "g" is written either way
_MAX_SEP_TOKENS = 4  # beyond this, only the written separators are kept

# Context words (normalized, taa marbuta folded, proclitic removed).
PRODUCT_CUES = frozenset(
    [
        "نموذج",
        "نماذج",
        "نموذجا",
        "نموذجها",
        "نموذجه",
        "نماذجها",
        "نماذجه",
        "روبوت",
        "مساعد",
        "تطبيق",
        "برنامج",
        "اصدار",
        "نسخه",
        "نظام",
        "سلسله",
        "عائله",
        "مكتبه",
        "model",
        "models",
        "chatbot",
        "assistant",
        "llm",
        "app",
        "version",
    ]
)
COMPANY_CUES = frozenset(
    [
        "شركه",
        "شركات",
        "مختبر",
        "مختبرات",
        "مؤسسه",
        "الناشئه",
        "عملاق",
        "company",
        "startup",
        "lab",
        "firm",
    ]
)
GENERIC_CUES = frozenset(["منصه", "platform"])
_CUES_BEFORE, _CUES_AFTER = 3, 2
_LIST_GAP_RE = re.compile(r"^[\s,،؛;()\[\]\"'«»“”/]*(?:(?:و|او|or|and|&)?[\s,،()\"'«»“”]*)$")
_VERSION_RE = re.compile(
    r"[\s\-]?(?:\d+\.\d+|\d+(?:\.\d+)?[bmk]\b|(?:pro|ultra|flash|nano|sonnet|opus|haiku|mini|"
    r"turbo|preview|large|medium|small|instruct|coder|chat)\b)"
)
_WORD_RE = re.compile(r"\w+")
# The light proclitics of arnews.tokens plus a conjunction before a preposition (وبـ، ولـ، فلل).
NAME_PROCLITICS = tuple(
    sorted(
        {*PROCLITICS, *(c + p for c in "وف" for p in ("ب", "ل", "ك", "لل"))}, key=len, reverse=True
    )
)


class GazetteerError(ValueError):
    """A gazetteer file is malformed; the message names the file and the line."""


@dataclass(frozen=True)
class Entity:
    """One gazetteer entry: a company, product or person and its spellings."""

    name: str
    kind: str
    company: str
    ar: str = ""
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    source: str = ""


@dataclass
class Gazetteer:
    """Entities by name plus the normalized spelling index the matcher runs on."""

    entities: dict[str, Entity]
    # normalized spelling -> ((entity name, ambiguous?), ...)
    index: dict[str, tuple[tuple[str, bool], ...]] = field(default_factory=dict)
    _automaton: ahocorasick.Automaton | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.index:
            self.index = _build_index(self.entities.values())

    @property
    def companies(self) -> list[str]:
        """Sorted names of every owning company."""
        return sorted({e.company for e in self.entities.values()}, key=str.casefold)

    def table(self) -> pd.DataFrame:
        """Return the entities as a DataFrame: ``name``, ``kind``, ``company``, ``ar``."""
        rows = [(e.name, e.kind, e.company, e.ar) for e in self.entities.values()]
        return pd.DataFrame(rows, columns=["name", "kind", "company", "ar"])

    def arabic_names(self) -> dict[str, str]:
        """Return entity name -> Arabic name (companies without an entry get their own name)."""
        names = {e.name: e.ar or e.name for e in self.entities.values()}
        return {c: names.get(c, c) for c in self.companies} | names

    def labels(self, language: str = "ar") -> dict[str, str]:
        """Return entity or company name -> display label in `language` (ar, en or both)."""
        return {n: bilingual(ar, n, language) for n, ar in self.arabic_names().items()}

    @property
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            auto = ahocorasick.Automaton()
            for key in self.index:
                auto.add_word(key, (key, len(key)))
            auto.make_automaton()
            self._automaton = auto
        return self._automaton


# --- Loading ------------------------------------------------------------------------------------

_FIELDS = {"name", "kind", "company", "ar", "aliases", "ambiguous", "cues"}


def load_gazetteer(extra: str | Path | None = None) -> Gazetteer:
    """Load the packaged gazetteer, extended by the user file `extra` (YAML or CSV) if given.

    An entry of `extra` whose ``name`` is already known replaces the packaged entry; other entries
    are added. A CSV file has the columns ``name, kind, company, ar, aliases, ambiguous, cues``,
    with several spellings in one cell separated by ``|``.

    Raises
    ------
    GazetteerError
        If a file is malformed; the message names the file and the line.
    """
    source = resources.files("arnews.data").joinpath("gazetteer.yaml")
    entities = _read_yaml(source.read_text("utf-8"), "gazetteer.yaml")
    if extra is not None and str(extra):
        path = Path(extra)
        if not path.is_file():
            raise GazetteerError(f"{path}: no such gazetteer file")
        text = path.read_text("utf-8")
        reader = _read_csv if path.suffix.lower() == ".csv" else _read_yaml
        for entity in reader(text, str(path)):
            entities.append(entity)
    by_name: dict[str, Entity] = {}
    for entity in entities:
        by_name[entity.name] = entity
    return Gazetteer(by_name)


def _read_yaml(text: str, where: str) -> list[Entity]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise GazetteerError(f"{where}{line}: malformed YAML: {problem}") from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode) or not isinstance(data, list):
        raise GazetteerError(
            f"{where}, line {root.start_mark.line + 1}: expected a list of entries"
        )
    return [
        _entity(item, f"{where}, line {node.start_mark.line + 1}")
        for node, item in zip(root.value, data, strict=True)
    ]


def _read_csv(text: str, where: str) -> list[Entity]:
    reader = csv.DictReader(text.splitlines())
    missing = {"name", "kind"} - set(reader.fieldnames or [])
    if missing:
        raise GazetteerError(f"{where}, line 1: missing column(s) {sorted(missing)}")
    out = []
    for row in reader:
        at = f"{where}, line {reader.line_num}"
        if None in row:
            raise GazetteerError(f"{at}: more cells than header columns")
        item = {k: v for k, v in row.items() if v not in (None, "")}
        for key in ("aliases", "ambiguous", "cues"):
            if key in item:
                item[key] = [s.strip() for s in item[key].split("|") if s.strip()]
        out.append(_entity(item, at))
    return out


def _entity(item: object, at: str) -> Entity:
    if not isinstance(item, dict):
        raise GazetteerError(f"{at}: an entry must be a mapping with 'name' and 'kind'")
    unknown = set(item) - _FIELDS
    if unknown:
        raise GazetteerError(f"{at}: unknown field(s) {sorted(unknown)}; use {sorted(_FIELDS)}")
    name, kind = item.get("name"), item.get("kind")
    if not isinstance(name, str | int | float) or not str(name).strip():
        raise GazetteerError(f"{at}: 'name' is missing or empty")
    if kind not in KINDS:
        raise GazetteerError(f"{at}: 'kind' must be one of {list(KINDS)}, got {kind!r}")
    company = item.get("company", name if kind == "company" else None)
    if company is None or not str(company).strip():
        raise GazetteerError(f"{at}: a {kind} needs its owning 'company'")
    lists = {}
    for key in ("aliases", "ambiguous", "cues"):
        value = item.get(key) or []
        if isinstance(value, str) or not all(isinstance(v, str | int | float) for v in value):
            raise GazetteerError(f"{at}: '{key}' must be a list of spellings")
        lists[key] = tuple(str(v) for v in value)
    return Entity(
        name=str(name).strip(),
        kind=kind,
        company=str(company).strip(),
        ar=str(item.get("ar") or ""),
        source=at,
        **lists,
    )


# --- Spelling variants --------------------------------------------------------------------------


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
        norm = normalize_ar(_strip_accents(form), taa_marbuta=True).strip()
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


def _build_index(entities: Iterable[Entity]) -> dict[str, tuple[tuple[str, bool], ...]]:
    index: dict[str, dict[str, bool]] = {}
    for e in entities:
        ambiguous = {v for s in e.ambiguous for v in spelling_variants(s)}
        plain = {e.name, *e.aliases} - set(e.ambiguous)
        for key in {v for s in plain for v in spelling_variants(s)} - ambiguous:
            index.setdefault(key, {})[e.name] = False
        for key in ambiguous:
            index.setdefault(key, {}).setdefault(e.name, True)
    return {k: tuple(v.items()) for k, v in index.items()}


# --- Matching -----------------------------------------------------------------------------------


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _left_clitic(norm: str, start: int) -> str | None:
    """Return the proclitic glued before ``norm[start]`` ("" if none), or None if mid-word."""
    if start == 0:
        return ""
    prev = norm[start - 1]
    if not _is_word(prev):
        if prev in ".-_" and start > 1 and _is_ascii_word(norm[start - 2]):
            return None
        return ""
    for clitic in NAME_PROCLITICS:
        k = start - len(clitic)
        if k >= 0 and norm.startswith(clitic, k) and (k == 0 or not _is_word(norm[k - 1])):
            return clitic
    return None


def _right_ok(norm: str, end: int) -> bool:
    if end >= len(norm):
        return True
    nxt = norm[end]
    if _is_word(nxt):
        return False
    return not (nxt in ".-_" and end + 1 < len(norm) and _is_ascii_word(norm[end + 1]))


def _scan(norm: str, automaton: ahocorasick.Automaton) -> list[tuple[int, int, str, str]]:
    """Return ``(start, end, key, clitic)`` of the longest leftmost non-overlapping matches."""
    hits = []
    for last, (key, length) in automaton.iter(norm):
        end = last + 1
        start = end - length
        if not _right_ok(norm, end):
            continue
        clitic = _left_clitic(norm, start)
        if clitic is not None:
            hits.append((start, end, key, clitic))
    hits.sort(key=lambda h: (h[0] - len(h[3]), -(h[1] - h[0])))
    kept, last_end = [], -1
    for hit in hits:
        if hit[0] - len(hit[3]) >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


@dataclass
class _Hit:
    start: int  # in the chunk's original text
    end: int
    nstart: int  # in the chunk's normalized text
    nend: int
    key: str
    clitic: str
    sentence: int  # row in the chunk's sentence arrays, -1 if none
    entity: Entity | None = None
    ambiguous: bool = False


def find_mentions(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    *,
    ambiguous: str = "context",
) -> pd.DataFrame:
    """Find every gazetteer entity named in `articles`.

    Parameters
    ----------
    articles : DataFrame with ``article_id`` and ``text``.
    sentences : DataFrame with ``article_id``, ``sentence_id``, ``start``, ``end``
        (:func:`arnews.tokens.sentences_table`).
    gazetteer : from :func:`load_gazetteer`; the packaged one if None.
    ambiguous : ``"context"`` keeps ambiguous short forms only where the sentence supports them
        (module docstring); ``"all"`` keeps them all, ``"none"`` drops them all.

    Returns
    -------
    DataFrame with columns ``article_id``, ``sentence_id``, ``start``, ``end`` (offsets into the
    article text; ``text[start:end] == surface``), ``surface`` (the name as written, without a
    glued proclitic), ``entity``, ``kind``, ``company``, then ``clitic`` (the glued proclitic,
    normalized, or ``""``) and ``ambiguous`` (True for a short form kept by its context).
    """
    if ambiguous not in AMBIGUITY_MODES:
        raise ValueError(f"ambiguous must be one of {list(AMBIGUITY_MODES)}, got {ambiguous!r}")
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    columns = [*MENTIONS, "clitic", "ambiguous"]
    sent_by_article = {
        aid: (grp["start"].to_numpy(np.int64), grp["end"].to_numpy(np.int64), grp["sentence_id"])
        for aid, grp in sentences.sort_values(["article_id", "start"]).groupby("article_id")
    }
    rows: list[tuple] = []
    for chunk in _chunks(articles):
        rows.extend(_chunk_mentions(chunk, sent_by_article, gaz, ambiguous))
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def _chunks(articles: pd.DataFrame) -> Iterable[list[tuple[str, str]]]:
    chunk, size = [], 0
    for aid, text in zip(articles["article_id"], articles["text"], strict=True):
        chunk.append((aid, text))
        size += len(text)
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _chunk_mentions(chunk, sent_by_article, gaz: Gazetteer, mode: str) -> list[tuple]:
    text = "\n".join(t for _, t in chunk)
    bases = np.cumsum([0] + [len(t) + 1 for _, t in chunk[:-1]])
    norm, origin = normalize_with_offsets(text, taa_marbuta=True)
    found = _scan(norm, gaz.automaton)
    if not found:
        return []
    # Sentences of the chunk, in chunk offsets, to place each match.
    s_starts, s_ends, s_ids, s_art = [], [], [], []
    for n, (aid, _) in enumerate(chunk):
        if aid in sent_by_article:
            st, en, ids = sent_by_article[aid]
            s_starts.append(st + bases[n])
            s_ends.append(en + bases[n])
            s_ids.append(ids.to_numpy())
            s_art.append(np.full(len(st), n))
    s_starts = np.concatenate(s_starts) if s_starts else np.empty(0, np.int64)
    s_ends = np.concatenate(s_ends) if s_ends else np.empty(0, np.int64)
    hits = []
    for nstart, nend, key, clitic in found:
        start, end = span_to_original(text, origin, nstart, nend)
        row = int(np.searchsorted(s_starts, start, side="right")) - 1
        if row < 0 or end > s_ends[row]:
            row = -1
        hits.append(_Hit(start, end, nstart, nend, key, clitic, row))
    _resolve(hits, norm, gaz, mode)
    s_ids_all = np.concatenate(s_ids) if s_ids else np.empty(0, np.int64)
    art_of = np.searchsorted(bases, [h.start for h in hits], side="right") - 1
    rows = []
    for hit, n in zip(hits, art_of, strict=True):
        if hit.entity is None:
            continue
        aid, base = chunk[n][0], int(bases[n])
        sid = int(s_ids_all[hit.sentence]) if hit.sentence >= 0 else -1
        e = hit.entity
        rows.append(
            (aid, sid, hit.start - base, hit.end - base, text[hit.start : hit.end], e.name,
             e.kind, e.company, hit.clitic, hit.ambiguous)
        )  # fmt: skip
    return rows


def _resolve(hits: list[_Hit], norm: str, gaz: Gazetteer, mode: str) -> None:
    """Set each hit's entity: unambiguous ones directly, ambiguous ones by `mode` and context."""
    pending = []
    for hit in hits:
        candidates = gaz.index[hit.key]
        plain = [name for name, amb in candidates if not amb]
        if plain:
            hit.entity = gaz.entities[plain[0]]
        elif mode == "all":
            hit.entity, hit.ambiguous = gaz.entities[candidates[0][0]], True
        elif mode == "context":
            pending.append(hit)
    if not pending:
        return
    by_sentence: dict[int, list[_Hit]] = {}
    for hit in hits:
        by_sentence.setdefault(hit.sentence, []).append(hit)
    changed = True
    while changed:  # a kept form can support its neighbour in a list: repeat until stable
        changed = False
        for hit in pending:
            if hit.entity is None and hit.sentence >= 0:
                entity = _supported(hit, by_sentence[hit.sentence], norm, gaz)
                if entity is not None:
                    hit.entity, hit.ambiguous, changed = entity, True, True


def _supported(hit: _Hit, sentence: Sequence[_Hit], norm: str, gaz: Gazetteer) -> Entity | None:
    """Return the entity an ambiguous hit stands for if its sentence supports it, else None."""
    candidates = [gaz.entities[name] for name, _ in gaz.index[hit.key]]
    kept = [h for h in sentence if h.entity is not None]
    owners = {h.entity.company for h in kept}
    neighbours = [h for h in kept if _coordinated(norm, hit, h)]
    words = _context_words(norm, hit)
    cue_kinds = {"product" for w in words if w in PRODUCT_CUES} | {
        "company" for w in words if w in COMPANY_CUES
    }
    supported = [
        e
        for e in candidates
        if e.company in owners
        or neighbours
        or cue_kinds
        or words & (GENERIC_CUES | {normalize_ar(c, taa_marbuta=True) for c in e.cues})
        or _VERSION_RE.match(norm, hit.nend)
    ]
    if not supported:
        return None
    if len(supported) == 1:
        return supported[0]
    # One spelling, several entities (a company and its product): follow the list, then cues.
    kinds = [h.entity.kind for h in neighbours] or sorted(cue_kinds)
    for kind in (*kinds, "company"):
        for e in supported:
            if e.kind == kind or (kind == "product" and e.kind != "company"):
                return e
    return supported[0]


def _coordinated(norm: str, a: _Hit, b: _Hit) -> bool:
    first, second = (a, b) if a.nstart < b.nstart else (b, a)
    gap = norm[first.nend : second.nstart - len(second.clitic)]
    if second.clitic == "و":
        gap += " و"
    return len(gap) <= 12 and _LIST_GAP_RE.match(gap) is not None


def _context_words(norm: str, hit: _Hit) -> set[str]:
    before = _WORD_RE.findall(norm, max(0, hit.nstart - len(hit.clitic) - 60), hit.nstart)
    after = _WORD_RE.findall(norm, hit.nend, hit.nend + 60)
    words = before[-_CUES_BEFORE:] + after[:_CUES_AFTER]
    return {split_proclitic_ar(w)[1] for w in words} | set(words)


# --- Aggregation --------------------------------------------------------------------------------


def check_companies(companies: Iterable[str] | None, gazetteer: Gazetteer) -> list[str]:
    """Return the canonical names of `companies` (empty or None: every company).

    Raises
    ------
    arnews.params.ParameterError
        If a name is not a company of the gazetteer; the message lists the valid names.
    """
    if isinstance(companies, str):
        companies = [companies]
    wanted = list(companies or [])
    known = {c.casefold(): c for c in gazetteer.companies}
    unknown = [c for c in wanted if str(c).casefold() not in known]
    if unknown:
        raise ParameterError(
            f"unknown compan{'y' if len(unknown) == 1 else 'ies'} {unknown}; "
            f"valid names: {', '.join(gazetteer.companies)}"
        )
    return [known[str(c).casefold()] for c in wanted]


def _select(
    mentions: pd.DataFrame, companies: Sequence[str] | None, count_products_as_company: bool
) -> pd.DataFrame:
    if not count_products_as_company:
        mentions = mentions[mentions["kind"] == "company"]
    if companies:
        mentions = mentions[mentions["company"].isin(companies)]
    return mentions


def company_kind_counts(
    mentions: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    count_products_as_company: bool = True,
    top_n: int | None = None,
) -> pd.DataFrame:
    """Count mentions per company and kind, the most mentioned companies first.

    Parameters
    ----------
    mentions : from :func:`find_mentions`.
    companies : keep only these companies (None or empty: all).
    count_products_as_company : count product and person mentions toward their owner; if False,
        only mentions of the company name itself count.
    top_n : keep the `top_n` companies with the most mentions.

    Returns
    -------
    DataFrame with columns ``company``, ``kind``, ``count`` and ``total`` (the company's count).
    """
    sel = _select(mentions, companies, count_products_as_company)
    counts = sel.groupby(["company", "kind"]).size().rename("count").reset_index()
    counts["total"] = counts.groupby("company")["count"].transform("sum")
    counts = counts.sort_values(["total", "company", "kind"], ascending=[False, True, True])
    if top_n:
        keep = counts.drop_duplicates("company")["company"].head(top_n)
        counts = counts[counts["company"].isin(keep)]
    return counts.reset_index(drop=True).astype({"count": "int64", "total": "int64"})


def article_company_counts(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    count_products_as_company: bool = True,
) -> pd.DataFrame:
    """Count mentions per article and company, with a zero row for every pair never mentioned.

    Every article of `articles` appears, also one that mentions no company; the companies are
    `companies` if given, else every company mentioned at least once.

    Returns
    -------
    DataFrame with columns ``article_id``, ``company``, ``count``.
    """
    sel = _select(mentions, companies, count_products_as_company)
    names = list(companies) if companies else sorted(sel["company"].unique(), key=str.casefold)
    grid = pd.MultiIndex.from_product(
        [articles["article_id"].tolist(), names], names=["article_id", "company"]
    )
    counts = sel.groupby(["article_id", "company"]).size().reindex(grid, fill_value=0)
    return counts.rename("count").reset_index().astype({"count": "int64"})


def company_cooccurrence(
    mentions: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    count_products_as_company: bool = True,
) -> pd.DataFrame:
    """Count the sentences in which two companies are both mentioned.

    Returns
    -------
    DataFrame with columns ``company_a``, ``company_b``, ``sentences``: one row per ordered pair of
    different companies mentioned together at least once (so the matrix is symmetric).
    """
    sel = _select(mentions, companies, count_products_as_company)
    pairs = sel[["article_id", "sentence_id", "company"]].drop_duplicates()
    joined = pairs.merge(pairs, on=["article_id", "sentence_id"], suffixes=("_a", "_b"))
    joined = joined[joined["company_a"] != joined["company_b"]]
    out = joined.groupby(["company_a", "company_b"]).size().rename("sentences").reset_index()
    return out.sort_values("sentences", ascending=False, kind="stable").reset_index(drop=True)


def example_sentences(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    companies: Sequence[str] | None = None,
    *,
    per_company: int = 3,
    count_products_as_company: bool = True,
) -> pd.DataFrame:
    """Pick up to `per_company` example sentences per company, one per distinct sentence.

    Returns
    -------
    DataFrame with columns ``company``, ``entity``, ``article_id``, ``sentence_id``, ``surface``,
    ``sentence`` and ``surface_start``/``surface_end`` (the surface's offsets in ``sentence``).
    """
    sel = _select(mentions, companies, count_products_as_company)
    sel = sel.drop_duplicates(["company", "article_id", "sentence_id"])
    sel = sel.groupby("company", sort=False).head(per_company)
    merged = sel.merge(
        sentences[["article_id", "sentence_id", "start", "text"]],
        on=["article_id", "sentence_id"],
        suffixes=("", "_sentence"),
    )
    merged["surface_start"] = merged["start"] - merged["start_sentence"]
    merged["surface_end"] = merged["end"] - merged["start_sentence"]
    merged = merged.rename(columns={"text": "sentence"})
    cols = ["company", "entity", "article_id", "sentence_id", "surface", "sentence"]
    return merged[[*cols, "surface_start", "surface_end"]].reset_index(drop=True)

"""Company, product and person mentions: gazetteer matching over normalized Arabic text.

The gazetteer (``data/gazetteer.yaml``, extensible with a user file) lists each entity once with
its spellings; :func:`load_gazetteer` expands them into systematic variants and builds one
Aho-Corasick automaton. :func:`find_mentions` normalizes the articles in large chunks, scans
each chunk in a single pass, keeps the matches that sit on Arabic-aware word boundaries (a
proclitic such as و ف ب ك ل ال لل, or و/ف before ب ل ك, may be glued to the name; nothing may
follow it, and a name does not end in tanween), takes the longest leftmost match where matches
overlap, and maps every match back to the original text.

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
import functools
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

from arnews.errors import GazetteerError, ParameterError
from arnews.normalize import normalize_ar, normalize_with_offsets, span_to_original
from arnews.schema import MENTIONS
from arnews.tokens import GLUED_PROCLITICS, split_proclitic_ar

__all__ = [
    "AMBIGUITY_MODES",
    "KINDS",
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
    # Filled with the automaton: spellings by number, their lengths, their context-free entity.
    keys: list[str] = field(default_factory=list, repr=False)
    key_lengths: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64), repr=False)
    key_plain: list[Entity | None] = field(default_factory=list, repr=False)

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

    @property
    def automaton(self) -> ahocorasick.Automaton:
        """The Aho-Corasick automaton of every spelling; a match's value is its key's number."""
        if self._automaton is None:
            self.keys = list(self.index)
            self.key_lengths = np.array([len(k) for k in self.keys], dtype=np.int64)
            # The entity of a spelling that needs no context, else None.
            self.key_plain = [
                next((self.entities[n] for n, amb in self.index[k] if not amb), None)
                for k in self.keys
            ]
            auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for n, key in enumerate(self.keys):
                auto.add_word(key, n)
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


_BMP = 0x10000


@functools.cache
def _word_table() -> np.ndarray:
    """Per BMP code point (plus one slot for everything above): is it a word character?"""
    word = np.zeros(_BMP + 1, dtype=bool)
    for cp in range(_BMP):
        ch = chr(cp)
        word[cp] = ch.isalnum() or ch == "_"
    return word


def _normalize(text: str) -> tuple[str, np.ndarray, np.ndarray]:
    """Return ``(norm, origin)`` of :func:`normalize_with_offsets` (``taa_marbuta=True``) and
    the code points of `norm`."""
    norm, origin = normalize_with_offsets(text, taa_marbuta=True)
    return norm, origin, np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)


_SEP_CODES = np.array([ord(c) for c in ".-_"], dtype=np.uint32)


def _tanween_after(text: str, origin: np.ndarray) -> np.ndarray:
    """Per normalized character: is it followed in `text` by a (dropped) tanween?"""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    seen = np.concatenate([[0], np.cumsum((codes >= 0x064B) & (codes <= 0x064D))])
    return seen[origin[1:]] > seen[np.minimum(origin[:-1] + 1, len(codes))]


def _scan(
    norm: str, ncodes: np.ndarray, gaz: Gazetteer, tanween_after: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Return ``(start, end, key, clitic_length)`` arrays of the longest leftmost
    non-overlapping matches that sit on word boundaries (normalized offsets).

    A name does not end in tanween ("ميتًا" is "dead", not Meta); such a candidate is dropped
    before the longest one is chosen, so a shorter name inside it can still match.
    """
    found = np.array(list(gaz.automaton.iter(norm)), dtype=np.int64).reshape(-1, 2)
    if not len(found):
        return tuple(np.empty(0, np.int64) for _ in range(4))
    end, key = found[:, 0] + 1, found[:, 1]
    start = end - gaz.key_lengths[key]
    # Tanween on the last letter or the one before it (ميتًا: on the t, before the final alef).
    ends_in_tanween = tanween_after[end - 1] | ((end - start >= 2) & tanween_after[end - 2])
    start, end, key = start[~ends_in_tanween], end[~ends_in_tanween], key[~ends_in_tanween]
    word_tab = _word_table()
    # Padded by two on each side so that start - 3 and end + 1 always index.
    pad = np.zeros(2, dtype=bool)
    slot = np.minimum(ncodes, _BMP)
    word = np.concatenate([pad, word_tab[slot], pad])
    ascii_word = np.concatenate([pad, word_tab[slot] & (ncodes < 128), pad])
    sep = np.concatenate([pad, np.isin(ncodes, _SEP_CODES), pad])
    codes = np.concatenate([np.zeros(2, np.uint32), ncodes, np.zeros(2, np.uint32)])
    e, b = end + 2, start + 2  # padded offsets
    right_ok = ~word[e] & ~(sep[e] & ascii_word[e + 1])
    clean = (start == 0) | (~word[b - 1] & ~(sep[b - 1] & ascii_word[b - 2]))
    clitic = np.zeros(len(start), dtype=np.int64)
    for text in GLUED_PROCLITICS:
        n = len(text)
        glued = ~clean & (start >= n)
        for i, ch in enumerate(text):
            glued &= codes[np.maximum(b - n + i, 0)] == ord(ch)
        glued &= (start == n) | ~word[np.maximum(b - n - 1, 0)]
        clitic[glued & (clitic == 0)] = n
    ok = right_ok & (clean | (clitic > 0))
    start, end, key, clitic = start[ok], end[ok], key[ok], clitic[ok]
    order = np.lexsort((start - end, start - clitic))
    chosen, last_end = [], -1
    for i, s0, e0 in zip(order.tolist(), (start - clitic)[order].tolist(), end[order].tolist(),
                         strict=True):  # fmt: skip
        if s0 >= last_end:
            chosen.append(i)
            last_end = e0
    chosen = np.array(chosen, dtype=np.int64)
    return start[chosen], end[chosen], key[chosen], clitic[chosen]


@dataclass
class _Hit:
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
    sent_by_article = _sentence_slices(sentences)
    frames = [
        _chunk_mentions(chunk, sent_by_article, gaz, ambiguous) for chunk in _chunks(articles)
    ]
    frames = [f for f in frames if f is not None]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out = out[columns]
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64",
                       "ambiguous": bool})  # fmt: skip


def _sentence_slices(sentences: pd.DataFrame) -> dict[str, tuple[np.ndarray, ...]]:
    """Return article id -> (sentence starts, ends, ids), sorted by start."""
    ordered = sentences.sort_values(["article_id", "start"], kind="stable")
    aids = ordered["article_id"].to_numpy(dtype=object)
    starts = ordered["start"].to_numpy(np.int64)
    ends = ordered["end"].to_numpy(np.int64)
    ids = ordered["sentence_id"].to_numpy(np.int64)
    cuts = np.flatnonzero(aids[1:] != aids[:-1]) + 1 if len(aids) else np.empty(0, np.int64)
    bounds = zip(np.r_[0, cuts].tolist(), np.r_[cuts, len(aids)].tolist(), strict=True)
    return {aids[i]: (starts[i:j], ends[i:j], ids[i:j]) for i, j in bounds if j > i}


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


def _chunk_mentions(chunk, sent_by_article, gaz: Gazetteer, mode: str) -> pd.DataFrame | None:
    text = "\n".join(t for _, t in chunk)
    bases = np.cumsum([0] + [len(t) + 1 for _, t in chunk[:-1]])
    norm, origin, ncodes = _normalize(text)
    nstart, nend, key, clitic = _scan(norm, ncodes, gaz, _tanween_after(text, origin))
    if not len(nstart):
        return None
    start, end = _to_original(text, origin, nstart, nend)
    surfaces = [text[i:j] for i, j in zip(start.tolist(), end.tolist(), strict=True)]
    # Sentences of the chunk, in chunk offsets, to place each match.
    parts = [
        (sent_by_article[aid][0] + bases[n], sent_by_article[aid][1] + bases[n],
         sent_by_article[aid][2])
        for n, (aid, _) in enumerate(chunk)
        if aid in sent_by_article
    ]  # fmt: skip
    s_starts = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, np.int64)
    s_ends = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, np.int64)
    s_ids = np.concatenate([p[2] for p in parts]) if parts else np.empty(0, np.int64)
    row = np.searchsorted(s_starts, start, side="right") - 1
    row[(row < 0) | (end > s_ends[np.maximum(row, 0)] if len(s_ends) else True)] = -1
    entities = [gaz.key_plain[k] for k in key.tolist()]
    ambiguous = np.zeros(len(key), dtype=bool)
    if mode != "none" and None in entities:
        _resolve_ambiguous(entities, ambiguous, norm, nstart, nend, key, clitic, row, gaz, mode)
    keep = np.array([e is not None for e in entities], dtype=bool)
    art = np.searchsorted(bases, start, side="right") - 1
    local = bases[art]
    kept = [e for e in entities if e is not None]
    return pd.DataFrame(
        {
            "article_id": np.array([a for a, _ in chunk], dtype=object)[art[keep]],
            "sentence_id": np.where(row[keep] >= 0, s_ids[np.maximum(row[keep], 0)], -1)
            if len(s_ids)
            else -1,
            "start": (start - local)[keep],
            "end": (end - local)[keep],
            "surface": [x for x, ok in zip(surfaces, keep.tolist(), strict=True) if ok],
            "entity": [e.name for e in kept],
            "kind": [e.kind for e in kept],
            "company": [e.company for e in kept],
            "clitic": [norm[i - n : i] for i, n in zip(nstart[keep].tolist(),
                                                       clitic[keep].tolist(), strict=True)],
            "ambiguous": ambiguous[keep],
        }
    )  # fmt: skip


def _to_original(
    text: str, origin: np.ndarray, nstart: np.ndarray, nend: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Vectorized :func:`arnews.normalize.span_to_original` for many spans."""
    start, last, end = origin[nstart], origin[nend - 1], origin[nend].copy()
    end[end == last] += 1  # the span ends inside an expanded ligature
    for i in np.flatnonzero(end - last > 1).tolist():  # marks dropped after the span: rare
        end[i] = span_to_original(text, origin, int(nstart[i]), int(nend[i]))[1]
    return start, end


def _resolve_ambiguous(entities, ambiguous, norm, nstart, nend, key, clitic, row, gaz, mode):
    """Fill in `entities` for ambiguous spellings, by `mode` and context (in place)."""
    todo = [i for i, e in enumerate(entities) if e is None]
    if mode == "all":
        for i in todo:
            entities[i] = gaz.entities[gaz.index[gaz.keys[key[i]]][0][0]]
            ambiguous[i] = True
        return
    rows = set(row[todo].tolist()) - {-1}
    sel = np.flatnonzero(np.isin(row, list(rows)))
    hits = [
        _Hit(n0, n1, gaz.keys[k], norm[n0 - c : n0], r, entities[i])
        for i, n0, n1, k, c, r in zip(
            sel.tolist(), nstart[sel].tolist(), nend[sel].tolist(), key[sel].tolist(),
            clitic[sel].tolist(), row[sel].tolist(), strict=True,
        )
    ]  # fmt: skip
    index = dict(zip([h.nstart for h in hits], range(len(hits)), strict=True))
    _resolve(hits, norm, gaz)
    for i in todo:
        hit = hits[index[int(nstart[i])]] if int(nstart[i]) in index else None
        if hit is not None and hit.entity is not None:
            entities[i], ambiguous[i] = hit.entity, True


def _resolve(hits: list[_Hit], norm: str, gaz: Gazetteer) -> None:
    """Set the entity of each ambiguous hit (entity None) that its sentence supports."""
    pending = [h for h in hits if h.entity is None and h.sentence >= 0]
    by_sentence: dict[int, list[_Hit]] = {}
    for hit in hits:
        by_sentence.setdefault(hit.sentence, []).append(hit)
    changed = True
    while changed:  # a kept form can support its neighbour in a list: repeat until stable
        changed = False
        for hit in pending:
            if hit.entity is None:
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
    left = hit.nstart - len(hit.clitic)
    before = _WORD_RE.findall(norm, max(0, left - 60), left)
    after = _WORD_RE.findall(norm, hit.nend, hit.nend + 60)
    words = before[-_CUES_BEFORE:] + after[:_CUES_AFTER]
    return set(words) | {split_proclitic_ar(w)[1] for w in words if w[0] in "وفبكل"}


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

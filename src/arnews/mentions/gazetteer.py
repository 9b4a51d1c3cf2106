"""The gazetteer: entities read from YAML/CSV files and the spelling index the matcher runs on.

The packaged entries live in ``data/gazetteer/*.yaml`` (one file per sector, fields described in
its ``README.md``); a user file (``extra``) adds entries or replaces packaged ones by name.
:class:`Gazetteer` builds its index of normalized spellings at once and its Aho-Corasick
automaton (:class:`Matcher`) on first use.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd
import yaml

from arnews.errors import GazetteerError
from arnews.mentions.variants import is_common_ar, spelling_forms
from arnews.mentions.versions import load_versions

__all__ = ["KINDS", "OPENNESS", "Entity", "Gazetteer", "Matcher", "load_gazetteer"]

KINDS = ("company", "product", "person")
OPENNESS = ("open-source", "open-weights", "api-only")


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
    openness: str = ""  # a model's class at release: one of OPENNESS, or "" if not a model
    versions: bool = False  # a family: versions, sizes and variants may follow the name
    sep: str | None = None  # what joins the family name and a version in an entity name
    variants: tuple[str, ...] = ()  # bare variant names (Sonnet) of this family
    family: str = ""  # for a bare variant: the family that must be named before it


@dataclass(frozen=True)
class Matcher:
    """The automaton of every spelling and, by spelling number, what the matcher needs.

    A match's value is its spelling's number ``n``: ``keys[n]`` is the spelling, ``lengths[n]``
    its length, ``plain[n]`` the entity it names without context (None if it needs context) and
    ``tails[n]`` whether a version may follow it (it names a family).
    """

    automaton: ahocorasick.Automaton
    keys: tuple[str, ...]
    lengths: np.ndarray
    plain: tuple[Entity | None, ...]
    tails: np.ndarray


@dataclass
class Gazetteer:
    """Entities by name plus the normalized spelling index the matcher runs on."""

    entities: dict[str, Entity]
    # normalized spelling -> ((entity name, ambiguous?), ...)
    index: dict[str, tuple[tuple[str, bool], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.index:
            self.index = _build_index(self.entities.values())

    @property
    def companies(self) -> list[str]:
        """Sorted names of every owning company."""
        return sorted({e.company for e in self.entities.values()}, key=str.casefold)

    def table(self) -> pd.DataFrame:
        """Return the entities as a DataFrame: ``name``, ``kind``, ``company``, ``ar``,
        ``openness`` (a model's class at release, else ``""``)."""
        rows = [(e.name, e.kind, e.company, e.ar, e.openness) for e in self.entities.values()]
        return pd.DataFrame(rows, columns=["name", "kind", "company", "ar", "openness"])

    def openness(self) -> pd.DataFrame:
        """Return the models and their openness class at release: ``entity``, ``company``,
        ``openness``."""
        rows = [(e.name, e.company, e.openness) for e in self.entities.values() if e.openness]
        return pd.DataFrame(rows, columns=["entity", "company", "openness"])

    def arabic_names(self) -> dict[str, str]:
        """Return entity name -> Arabic name (companies without an entry get their own name)."""
        names = {e.name: e.ar or e.name for e in self.entities.values()}
        return {c: names.get(c, c) for c in self.companies} | names

    @functools.cached_property
    def matcher(self) -> Matcher:
        """The automaton of every spelling, built on first use."""
        keys = tuple(self.index)
        auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for n, key in enumerate(keys):
            auto.add_word(key, n)
        auto.make_automaton()
        # The entity of a spelling that needs no context, else None.
        plain = tuple(
            next((self.entities[n] for n, amb in self.index[k] if not amb), None) for k in keys
        )
        lengths = np.array([len(k) for k in keys], dtype=np.int64)
        tails = np.array([any(e.versions for e in self.candidates(k)) for k in keys], dtype=bool)
        return Matcher(auto, keys, lengths, plain, tails)

    def candidates(self, key: str) -> list[Entity]:
        """Return the entities a normalized spelling may name, in index order."""
        return [self.entities[name] for name, _ in self.index[key]]


def _build_index(entities: Iterable[Entity]) -> dict[str, tuple[tuple[str, bool], ...]]:
    """Index every spelling: key -> {entity name: needs context?}.

    Written spellings (and their systematic forms) come first; a spelling generated by a
    transliteration rule is added only where no other entity has that key, and needs context
    where it is a common Arabic word.
    """
    index: dict[str, dict[str, bool]] = {}
    generated: list[tuple[str, str, bool]] = []
    for e in entities:
        ambiguous: dict[str, bool] = {}
        for s in e.ambiguous:
            ambiguous.update(spelling_forms(s))
        plain: dict[str, bool] = {}
        for s in {e.name, *e.aliases} - set(e.ambiguous):
            for key, gen in spelling_forms(s).items():
                plain[key] = plain.get(key, True) and gen
        for key, gen in plain.items():
            if key in ambiguous:
                continue
            if gen:
                generated.append((key, e.name, is_common_ar(key)))
            else:
                index.setdefault(key, {})[e.name] = False
        for key, gen in ambiguous.items():
            if gen:
                generated.append((key, e.name, True))
            else:
                index.setdefault(key, {}).setdefault(e.name, True)
    for key, name, needs_context in generated:
        if key not in index or set(index[key]) == {name}:
            index.setdefault(key, {}).setdefault(name, needs_context)
    return {k: tuple(v.items()) for k, v in index.items()}


# --- Loading ------------------------------------------------------------------------------------

_FIELDS = {"name", "kind", "company", "ar", "aliases", "ambiguous", "cues", "openness", "versions",
           "sep", "variants"}  # fmt: skip
_LISTS = ("aliases", "ambiguous", "cues", "variants")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


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
    folder = resources.files("arnews.data").joinpath("gazetteer")
    entities = [
        entity
        for source in sorted(folder.iterdir(), key=lambda p: p.name)
        if source.name.endswith(".yaml")
        for entity in read_yaml(source.read_text("utf-8"), f"gazetteer/{source.name}")
    ]
    if extra is not None and str(extra):
        entities += read_file(Path(extra))
    by_name = {entity.name: entity for entity in entities}
    for entity in list(by_name.values()):
        for variant in _variant_entities(entity):
            by_name.setdefault(variant.name, variant)
    return Gazetteer(by_name)


def _variant_entities(family: Entity) -> list[Entity]:
    """Return an entity per bare variant name of `family` ("Claude Sonnet" for Sonnet)."""
    versions = load_versions()
    return [
        replace(
            family,
            name=f"{family.name} {v}",
            ar=f"{family.ar} {v}" if family.ar else "",
            aliases=(),
            ambiguous=tuple({v, *versions.spellings(v)}),
            cues=(),
            variants=(),
            family=family.name,
        )
        for v in family.variants
    ]


def read_file(path: Path) -> list[Entity]:
    """Read the entries of a user gazetteer file (``.csv``, else YAML)."""
    if not path.is_file():
        raise GazetteerError(f"{path}: no such gazetteer file")
    text = path.read_text("utf-8")
    return (read_csv if path.suffix.lower() == ".csv" else read_yaml)(text, str(path))


def read_yaml(text: str, where: str) -> list[Entity]:
    """Read a YAML list of entries; `where` names the file in error messages."""
    loader = _LOADER(text)
    try:  # parse once: the nodes give line numbers, the document the values
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise GazetteerError(f"{where}{line}: malformed YAML: {problem}") from None
    finally:
        loader.dispose()
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


def read_csv(text: str, where: str) -> list[Entity]:
    """Read CSV entries (spellings in one cell separated by ``|``)."""
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
        for key in _LISTS:
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
    for key in _LISTS:
        value = item.get(key) or []
        if isinstance(value, str) or not all(isinstance(v, str | int | float) for v in value):
            raise GazetteerError(f"{at}: '{key}' must be a list of spellings")
        lists[key] = tuple(str(v) for v in value)
    openness = str(item.get("openness") or "")
    if openness and openness not in OPENNESS:
        raise GazetteerError(f"{at}: 'openness' must be one of {list(OPENNESS)}, got {openness!r}")
    sep = item.get("sep")
    return Entity(
        name=str(name).strip(),
        kind=kind,
        company=str(company).strip(),
        ar=str(item.get("ar") or ""),
        source=at,
        openness=openness,
        versions=str(item.get("versions", "")).lower() in ("true", "yes", "1"),
        sep=None if sep is None else str(sep),
        **lists,
    )

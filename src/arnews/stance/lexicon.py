"""The stance vocabulary: evaluative terms, open/closed target expressions and rule words.

Three plain CSV files under ``arnews/data/`` (each row reviewable, with a note):

* ``stance_lexicon.csv`` — ``term,polarity,weight,aspect,note``: general Arabic (and English)
  evaluative vocabulary grouped by aspect (:data:`ASPECTS`);
* ``stance_targets.csv`` — ``term,target,kind,note``: what names open or closed models (``term``:
  an expression on its own; ``modifier``: an adjective that needs a ``head`` noun before it;
  ``head``: a noun such a modifier qualifies; ``nonhead``: a noun it never names a model after,
  سوق مفتوحة، جلسة مغلقة; ``ellipsis``: a definite adjective standing for its noun after a
  preposition or conjunction, بالمغلقة; ``api``: an API, closed when access is restricted to
  it, فقط عبر واجهة برمجية; ``hint``: words that suggest a side without naming it, تشغيل محلي،
  اشتراك شهري, weighed by the learned judge only);
* ``stance_rules.csv`` — ``term,role,note``: negators, reducers, contrast and clause words,
  hedges, reporting verbs, anaphors … (:data:`ROLES`).

The rules' few short word lists (words that continue a sentence's subject, comparatives …)
are in ``stance_words.yaml`` (:func:`rule_words`).

A term is matched at the stem level (:mod:`arnews.stance.words`): one entry covers its
inflections and clitics.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from arnews.errors import LexiconError
from arnews.normalize import match_key_ar
from arnews.schema import POLARITIES, TARGETS
from arnews.stance.words import term_keys
from arnews.tokens import WORD_RE

__all__ = [
    "ASPECTS",
    "OPENNESS_ASPECTS",
    "ROLES",
    "Entry",
    "Lexicon",
    "load_lexicon",
    "rule_words",
]

ASPECTS = (
    "access",
    "cost",
    "control",
    "sovereignty",
    "transparency",
    "safety",
    "quality",
    "competition",
    "innovation",
    "trust",
    "privacy",
    "general",
    # The two aspects of the gold annotations are accepted as they are.
    "openness",
    "other",
)
#: Aspects that judge openness itself (the rest judge a model's quality, cost or success).
OPENNESS_ASPECTS = frozenset(
    {"access", "control", "sovereignty", "transparency", "safety", "competition", "privacy",
     "trust", "openness"}
)  # fmt: skip
ROLES = (
    "negator",  # لا، لم، ليس، غير، عدم، غياب: flips the cue it governs
    "reducer",  # يقلل، يحد من، يمنع: "reduces risk" is good, "limits innovation" bad
    "increaser",  # يزيد، يعزز، يضاعف: carries the polarity of what it increases
    "contrast",  # على عكس، خلافا، بدلا، مقارنة: the target after it is the rejected side
    "clause",  # بينما، في حين، أما: starts a clause about another target
    "adversative",  # لكن، إلا أن: opposite cues around it weigh both sides
    "concession",  # رغم، وإن: the conceded clause counts half
    "intensifier",  # جدا، للغاية
    "hedge",  # قد، ربما، يبدو: lowers confidence
    "reporting",  # قال، يرى، حذر: reported attitude; names a holder
    "anaphor",  # هذا، هذه، الأخيرة: refers back to the previous target
    "question",  # هل، أليس، كيف: rhetorical questions
    "only",  # فقط، حصرا، إلا: "only via an API"
    "scope",  # التي، الذي، مما: ends a negator's reach
    "offtopic",  # سهم، بورصة، مباراة: a cue next to it judges a market or a match
)
_SPECS = {
    "lexicon": ("term", "polarity", "weight", "aspect", "note"),
    "targets": ("term", "target", "kind", "note"),
    "rules": ("term", "role", "note"),
}
TARGET_KINDS = ("term", "modifier", "head", "nonhead", "ellipsis", "api", "hint")


@dataclass(frozen=True)
class Entry:
    """One row of a vocabulary file, with its term split into per-word match keys."""

    term: str
    keys: tuple[frozenset[str], ...]  # per word of the term: the keys it is matched by
    label: str  # polarity (lexicon), target (targets) or role (rules)
    weight: float = 0.0
    aspect: str = ""
    kind: str = ""  # targets: term / modifier / head / ellipsis
    source: str = ""  # file:line
    size: int = field(init=False, repr=False)  # the number of words of the term

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.keys))


@dataclass
class Lexicon:
    """The evaluative lexicon, the target expressions and the rule words, indexed by key."""

    cues: list[Entry]
    targets: list[Entry]
    rules: list[Entry]
    sources: list[str] = field(default_factory=list)

    def candidates(self, index: dict[str, list[Entry]], keys: frozenset[str]) -> tuple:
        """Return the entries of `index` a word with `keys` may start, longest first, then in
        the order of their files (so the same text gives the same cues in every process)."""
        found = {id(e): e for k in keys for e in index.get(k, ())}
        return tuple(sorted(found.values(), key=lambda e: (-e.size, self._rank[id(e)])))

    def __post_init__(self) -> None:
        self._rank = {id(e): n for n, e in enumerate((*self.cues, *self.targets))}
        self.cue_index = _index(self.cues)
        self.target_index = _index(
            [e for e in self.targets if e.kind in ("term", "modifier", "api")]
        )
        self.ellipsis_index = _index([e for e in self.targets if e.kind == "ellipsis"])
        self.hint_index = _index([e for e in self.targets if e.kind == "hint"])
        self.head_keys = frozenset(k for e in self.targets if e.kind == "head" for k in e.keys[0])
        self.nonhead_keys = frozenset(
            k for e in self.targets if e.kind == "nonhead" for k in e.keys[0]
        )
        # Rule words are function words: matched on their exact normalized form; a phrase
        # (في حين) is found by its first word.
        self.roles: dict[str, str] = {}
        self.role_phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for e in self.rules:
            words = tuple(WORD_RE.findall(match_key_ar(e.term)))
            if len(words) == 1:
                self.roles.setdefault(words[0], e.label)
            else:
                self.role_phrases.setdefault(words[0], []).append((words, e.label))


def _index(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Index entries by each key of their first word; longest entries first."""
    out: dict[str, list[Entry]] = {}
    for e in entries:
        for key in e.keys[0]:
            out.setdefault(key, []).append(e)
    for lst in out.values():
        lst.sort(key=lambda e: -e.size)
    return out


def _read_rows(path: str, name: str, text: str) -> list[Entry]:
    columns = _SPECS[name]
    rows = list(csv.reader(text.splitlines()))
    if not rows or tuple(c.strip() for c in rows[0]) != columns:
        got = ",".join(rows[0]) if rows else "(empty file)"
        raise LexiconError(f"{path}:1: header must be {','.join(columns)}, got {got}")
    out = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        where = f"{path}:{lineno}"
        if len(row) != len(columns):
            raise LexiconError(f"{where}: expected {len(columns)} fields, got {len(row)}")
        rec = dict(zip(columns, (c.strip() for c in row), strict=True))
        if not WORD_RE.search(match_key_ar(rec["term"])):
            raise LexiconError(f"{where}: empty or unmatchable term {rec['term']!r}")
        out.append(_ENTRY_READERS[name](where, rec))
    return out


def _choice(where: str, what: str, value: str, allowed) -> str:
    if value not in allowed:
        raise LexiconError(f"{where}: {what} must be one of {list(allowed)}, got {value!r}")
    return value


def _lexicon_entry(where: str, rec: dict) -> Entry:
    polarity = _choice(where, "polarity", rec["polarity"], POLARITIES)
    try:
        weight = float(rec["weight"])
    except ValueError:
        raise LexiconError(f"{where}: weight must be a number, got {rec['weight']!r}") from None
    if not 0 <= weight <= 3:
        raise LexiconError(f"{where}: weight must be between 0 and 3, got {weight}")
    aspect = _choice(where, "aspect", rec["aspect"], ASPECTS)
    return Entry(rec["term"], term_keys(rec["term"]), polarity, weight, aspect, source=where)


def _target_entry(where: str, rec: dict) -> Entry:
    kind = _choice(where, "kind", rec["kind"], TARGET_KINDS)
    if kind not in ("head", "nonhead"):
        _choice(where, "target", rec["target"], TARGETS)
    return Entry(rec["term"], term_keys(rec["term"]), rec["target"], kind=kind, source=where)


def _rule_entry(where: str, rec: dict) -> Entry:
    role = _choice(where, "role", rec["role"], ROLES)
    return Entry(rec["term"], term_keys(rec["term"]), role, source=where)


_ENTRY_READERS = {"lexicon": _lexicon_entry, "targets": _target_entry, "rules": _rule_entry}


def _packaged(name: str) -> tuple[str, str]:
    res = resources.files("arnews") / "data" / f"stance_{name}.csv"
    return f"stance_{name}.csv", res.read_text("utf-8")


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """Load the packaged stance lexicon, target expressions and rule words.

    Parameters
    ----------
    extra : path, optional
        A CSV with the lexicon's columns ``term,polarity,weight,aspect,note`` whose rows are
        added to the packaged ones (an empty string means none).

    Raises
    ------
    LexiconError
        When a file is malformed; the message starts with ``<file>:<line>:``.
    """
    parts = {}
    for name in _SPECS:
        where, text = _packaged(name)
        parts[name] = _read_rows(where, name, text)
    sources = [f"stance_{name}.csv" for name in _SPECS]
    if extra:
        path = Path(extra)
        if not path.is_file():
            raise LexiconError(f"{path}:0: no such lexicon file")
        parts["lexicon"] += _read_rows(str(path), "lexicon", path.read_text("utf-8-sig"))
        sources.append(str(path))
    return Lexicon(parts["lexicon"], parts["targets"], parts["rules"], sources)


@functools.cache
def rule_words() -> dict[str, frozenset[str]]:
    """Return the rules' short word lists (``data/stance_words.yaml``), as match keys."""
    text = (resources.files("arnews") / "data" / "stance_words.yaml").read_text("utf-8")
    return {
        name: frozenset(match_key_ar(str(w)) for w in words)
        for name, words in yaml.safe_load(text).items()
    }

"""Events: each date expression in its sentence, with the kind of event and its subject.

``kind`` comes from the verb or noun that governs the date (:mod:`.kinds`): what happened on
that date, with its tense and negation (a planned, expected or denied release is ``other``; a
postponement anywhere in the sentence makes a ``delay``). Inside a quoted post, and for the date
that introduces it, from the whole post. A dateline (a sentence that is only a date and time, or
the date before a dash or "(وكالات)") and a post's signature date are ``other`` with no subject.
``subject`` is the entity the governing cue governs: the mention nearest it (a product for a
release; a person stands for their company), else the first name; ``company`` (extra column) is
its owner.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

import numpy as np
import pandas as pd

from arnews.dates import as_date, period_bounds
from arnews.normalize import ARABIC_LETTERS, match_key_ar
from arnews.schema import EVENTS
from arnews.timeline.kinds import classify, event_kind, is_dateline
from arnews.timeline.scan import FAMILIES, DateExpression, scan
from arnews.timeline.vocab import vocabulary
from arnews.tokens import WORD_RE

__all__ = ["EVENT_KINDS", "EXTRA_COLUMNS", "event_kind", "extract_events", "filter_events"]

EVENT_KINDS = ("release", "announcement", "delay", "other")
EXTRA_COLUMNS = ("company", "family")


def _subject(
    near: list[tuple] | None, sentence: str, kind: str, cue: int | None = None, s_start: int = 0
):
    """Return ``(subject, company)`` of an event from the mentions of its sentence.

    `near` holds ``(start, end, kind, entity, company)`` of the mentions in the sentence (or
    its quoted post). For a release, a product named (the thing released); otherwise any name.
    With the article offset of the governing cue, the mention it governs: in its clause (no
    comma between), after it (the verb comes first: "أطلقت ميتا Llama 4"), nearest ("Llama 2
    الذي أطلقته ميتا"); without, the first one, which in Arabic news sentences is the actor
    ("كتب Altman"). `s_start` is the sentence's offset in the article. A person stands for their
    company. Without mentions, the first Latin-script name.
    """
    if near:
        # The order of DataFrame.sort_values("start") (numpy quicksort), ties included.
        order = np.argsort(np.array([m[0] for m in near], dtype=np.int64), kind="quicksort")
        ordered = [near[i] for i in order]
        products = [m for m in ordered if m[2] == "product"]
        pool = products if kind == "release" and products else ordered
        chosen = (
            pool[0] if cue is None else min(pool, key=lambda m: _near(m, cue, (s_start, sentence)))
        )
        _, _, mkind, entity, company = chosen
        company = None if pd.isna(company) else company
        subject = company if mkind == "person" and company else entity
        return subject, company or subject
    first = _LATIN_NAME.search(sentence)
    return (first.group(), None) if first else (None, None)


def _near(mention: tuple, cue: int, sentence: tuple[int, str]) -> tuple[bool, bool, int]:
    """Sort key of a mention for the cue at `cue`: same clause, after it (VSO), then nearest."""
    s_start, text = sentence
    start, end = mention[0], mention[1]
    lo, hi = sorted((cue, start if start >= cue else end))
    separated = any(ch in _CLAUSE_MARKS for ch in text[max(lo - s_start, 0) : hi - s_start])
    return separated, start < cue, hi - lo


_CLAUSE_MARKS = frozenset("،,؛;:")


_LATIN_NAME = re.compile(r"[A-Z][\w\-]*(?:\.\d\w*)*(?:[ ][A-Z0-9][\w\-]*(?:\.\d\w*)*)*")
_HAS_ARABIC_WORD = re.compile(f"[{ARABIC_LETTERS}]{{2,}}")


def _rows_by_article(table: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """Return ``{article_id: [row tuple of columns]}``, rows in table order.

    Plain tuples grouped in one pass: per-row pandas access costs far more than the timeline
    itself. Rows without an article id are dropped, as ``groupby`` drops them.
    """
    out: dict[str, list[tuple]] = {}
    ids = table["article_id"]
    if ids.isna().any():
        table = table[ids.notna()]
    for aid, *row in zip(*(table[c].tolist() for c in ["article_id", *columns]), strict=True):
        out.setdefault(aid, []).append(tuple(row))
    return out


def extract_events(
    articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Find every date expression of every article and type the event of its sentence.

    Parameters
    ----------
    articles : the articles table (``article_id``, ``text``, ``published``).
    sentences : :func:`arnews.tokens.sentences_table` of `articles`.
    mentions : optional mentions table (``arnews.schema.MENTIONS``); the subject of an event
        is then taken from the sentence's mentions (or its quoted post's), see ``_subject``.
        Without it, the first Latin-script name in the sentence.

    Returns
    -------
    DataFrame with columns ``article_id``, ``sentence_id``, ``start``, ``end``, ``surface``,
    ``date``, ``precision``, ``kind``, ``subject``, ``resolved_from``, ``sentence`` (see the
    module docstring for vague rows), then ``company`` and ``family`` (the pattern that matched).
    """
    rows = []
    by_article = _rows_by_article(sentences, ["sentence_id", "start", "end", "text"])
    men = {}
    if mentions is not None:
        men = _rows_by_article(mentions, ["start", "end", "kind", "entity", "company"])
    for aid, text, published in zip(
        articles["article_id"], articles["text"], articles["published"], strict=True
    ):
        sents = by_article.get(aid)
        if not sents:
            continue
        article_mentions = _Mentions(men[aid]) if aid in men else None
        day = as_date(published)
        exprs = scan(text, day, aid)
        starts = [s[1] for s in sents]
        for e in exprs:
            k = bisect_right(starts, e.start) - 1
            if k < 0:
                continue
            rows.append(_event_row(aid, text, sents[k], e, article_mentions, day))
    df = pd.DataFrame(rows, columns=[*EVENTS, *EXTRA_COLUMNS])
    df = df.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
    for col in ("date", "subject", "company"):  # missing values as None, not NaN
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df


class _Mentions:
    """One article's mentions: offsets as arrays, to select a sentence's in one vector step."""

    def __init__(self, rows: list[tuple]):
        self.rows = rows
        self.start = np.array([r[0] for r in rows], dtype=np.int64)
        self.end = np.array([r[1] for r in rows], dtype=np.int64)

    def within(self, start: int, end: int) -> list[tuple]:
        """Return ``(start, end, kind, entity, company)`` of the mentions in ``[start, end]``."""
        keep = np.flatnonzero((self.start >= start) & (self.end <= end))
        return [self.rows[i] for i in keep]


def _event_row(
    aid: str,
    text: str,
    sent: tuple,
    e: DateExpression,
    mentions: _Mentions | None,
    published: dt.date | None,
) -> tuple:
    sid, s_start, s_end, sentence = sent
    sid, s_start, s_end = int(sid), int(s_start), int(s_end)
    rest = sentence[: e.start - s_start] + sentence[e.end - s_start :]
    if e.signature or not _HAS_ARABIC_WORD.search(rest) or is_dateline(rest):
        kind, subject, company = "other", None, None  # a dateline or a post's signature
    else:
        near = None
        if mentions is not None:
            near = mentions.within(s_start, s_end)
            if not near and e.post:
                near = mentions.within(*e.post)
        kind, cue = _kind_and_cue(text, sentence, s_start, e, near or (), published)
        subject, company = _subject(near, sentence, kind, cue, s_start)
    return (
        aid,
        sid,
        e.start,
        e.end,
        e.surface,
        e.date,
        e.precision,
        kind,
        subject,
        e.resolved_from,
        sentence,
        company,
        e.family,
    )


def _kind_and_cue(
    text: str, sentence: str, s_start: int, e: DateExpression, near, published: dt.date | None
) -> tuple[str, int | None]:
    """Return the event kind of `e` and the article offset of its governing cue (or None).

    Inside a quoted post, and for the date introducing one, the whole post says what happened.
    """
    if e.post:
        return event_kind(text[e.post[0] : e.post[1]]), None
    products = [(m[0] - s_start, m[1] - s_start) for m in near if m[2] == "product"]
    future = _is_future(e, published)
    span = (e.start - s_start, e.end - s_start)
    kind, cue = classify(sentence, span, products=products, future=future)
    return kind, None if cue is None else cue + s_start


def _is_future(e: DateExpression, published: dt.date | None) -> bool:
    """Return True if `e` lies after the publication date or says "next" (الأسبوع المقبل)."""
    if published is not None and e.date is not None and period_bounds(e.date)[0] > published:
        return True
    family = FAMILIES.by_name().get(e.family)
    return (
        e.resolved_from == "publication"
        and family is not None
        and family.says_next
        and _says_next(e)
    )


def _says_next(e: DateExpression) -> bool:
    v = vocabulary()
    words = WORD_RE.findall(match_key_ar(e.surface))
    return any(v.modifier_offset(w) == 1 for w in words)


def filter_events(
    events: pd.DataFrame,
    *,
    kinds: list[str] | None = None,
    subjects: list[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Return the dated (non-vague) events of the given kinds, subjects and date range.

    An event is kept when its period (a whole year or month for coarse dates) overlaps
    ``[start, end]``; `subjects` matches the ``subject`` or the ``company`` column.
    """
    out = events[events["precision"] != "vague"]
    if kinds is not None:
        out = out[out["kind"].isin(kinds)]
    if subjects:
        out = out[out["subject"].isin(subjects) | out["company"].isin(subjects)]
    if start is not None or end is not None:
        periods = out["date"].map(period_bounds)
        keep = periods.map(
            lambda p: (start is None or p[1] >= start) and (end is None or p[0] <= end)
        )
        out = out[keep.astype(bool)] if len(out) else out
    return out.reset_index(drop=True)

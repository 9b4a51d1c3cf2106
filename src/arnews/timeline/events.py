"""Events: each date expression in its sentence, with the kind of event and its subject.

``kind`` comes from cue words of the sentence, delay > release > announcement > other (a
postponement outranks the release it postpones): inside a quoted post, and for the date that
introduces it, from the whole post. A dateline (a sentence that is only a date and time) and a
post's signature date are ``other`` with no subject. ``subject`` is, for a release, the first
product named in the sentence, else the first name (a person stands for their company);
``company`` (extra column) is its owner.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

import numpy as np
import pandas as pd

from arnews.dates import as_date, period_bounds
from arnews.normalize import normalize_ar
from arnews.schema import EVENTS
from arnews.timeline.scan import DateExpression, scan

__all__ = ["EVENT_KINDS", "EXTRA_COLUMNS", "event_kind", "extract_events", "filter_events"]

EVENT_KINDS = ("release", "announcement", "delay", "other")
EXTRA_COLUMNS = ("company", "family")

# --- event kinds --------------------------------------------------------------------------------

_PRE = r"(?<!\w)(?:و|ف)?(?:ب|ل|ك)?(?:ال)?(?:س)?"
_KIND_RES = {
    "delay": re.compile(
        _PRE + r"(?:تاجيل|تاخير|ارجاء|اجلت|اجلوا|اجلا|يؤجل|تؤجل|نؤجل|يؤجلون|اخرت|اخروا|يؤخر|تؤخر"
        r"|نؤخر|يؤخرون|تاخر|تاخرت|يتاخر|تتاخر|ارجا|ارجات|يرجئ|ترجئ|postpone\w*|delay\w*)(?!\w)"
    ),
    "release": re.compile(
        _PRE + r"(?:اطلق|اطلقت|اطلقوا|يطلق|تطلق|نطلق|اطلاق|اصدر|اصدرت|اصدروا|يصدر|تصدر|اصدار|صدر"
        r"|صدرت|طرح|طرحت|يطرح|تطرح|اتاح|اتاحت|اتاحه|اتاحة|دشن|دشنت|تدشين|launch\w*|release\w*"
        r"|(?:كشف|كشفت|يكشف|تكشف)(?:\s+\S+){0,3}?\s+(?:عن|النقاب))(?!\w)"
    ),
    "announcement": re.compile(
        _PRE + r"(?:اعلن|اعلنت|اعلنوا|يعلن|تعلن|نعلن|اعلان|كشف|كشفت|يكشف|تكشف|announc\w*)(?!\w)"
    ),
}


def event_kind(norm_text: str) -> str:
    """Return the event kind a normalized sentence signals: delay > release > announcement.

    A postponement outranks the release it postpones; a release outranks its announcement.
    """
    for kind, rx in _KIND_RES.items():
        if rx.search(norm_text):
            return kind
    return "other"


def _subject(near: list[tuple] | None, sentence: str, kind: str):
    """Return ``(subject, company)`` of a sentence from its mentions, in text order.

    `near` holds ``(start, kind, entity, company)`` of the mentions in the sentence (or its
    quoted post). For a release, the first product named (the thing released); otherwise the
    first name, which in Arabic news sentences is the actor ("كتب Altman", "أعلنت ميتا"). A
    person stands for their company. Without mentions, the first Latin-script name.
    """
    if near:
        # The order of DataFrame.sort_values("start") (numpy quicksort), ties included.
        order = np.argsort(np.array([m[0] for m in near], dtype=np.int64), kind="quicksort")
        ordered = [near[i] for i in order]
        products = [m for m in ordered if m[1] == "product"]
        _, mkind, entity, company = (products if kind == "release" and products else ordered)[0]
        company = None if pd.isna(company) else company
        subject = company if mkind == "person" and company else entity
        return subject, company or subject
    first = _LATIN_NAME.search(sentence)
    return (first.group(), None) if first else (None, None)


_LATIN_NAME = re.compile(r"[A-Z][\w\-]*(?:\.\d\w*)*(?:[ ][A-Z0-9][\w\-]*(?:\.\d\w*)*)*")
_HAS_ARABIC_WORD = re.compile("[\u0621-\u064a]{2,}")


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
        exprs = scan(text, as_date(published), aid)
        starts = [s[1] for s in sents]
        for e in exprs:
            k = bisect_right(starts, e.start) - 1
            if k < 0:
                continue
            rows.append(_event_row(aid, text, sents[k], e, article_mentions))
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
        """Return ``(start, kind, entity, company)`` of the mentions inside ``[start, end]``."""
        keep = np.flatnonzero((self.start >= start) & (self.end <= end))
        return [(s, k, ent, co) for s, _, k, ent, co in map(self.rows.__getitem__, keep)]


def _event_row(
    aid: str, text: str, sent: tuple, e: DateExpression, mentions: _Mentions | None
) -> tuple:
    sid, s_start, s_end, sentence = sent
    sid, s_start, s_end = int(sid), int(s_start), int(s_end)
    rest = sentence[: e.start - s_start] + sentence[e.end - s_start :]
    if e.signature or not _HAS_ARABIC_WORD.search(rest):
        kind, subject, company = "other", None, None  # a dateline or a post's signature
    else:
        scope = text[e.post[0] : e.post[1]] if e.post else sentence
        kind = event_kind(normalize_ar(scope))
        near = None
        if mentions is not None:
            near = mentions.within(s_start, s_end)
            if not near and e.post:
                near = mentions.within(*e.post)
        subject, company = _subject(near, sentence, kind)
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

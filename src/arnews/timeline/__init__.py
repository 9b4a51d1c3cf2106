"""Arabic date expressions -> a timeline of events, each traced back to its sentence.

Expressions are found on match-key text (:func:`arnews.normalize.match_key_ar`) line by line,
after a cheap pre-filter, and mapped back to offsets in the original article text. Each kind of
expression is one record of a registry (:data:`FAMILIES`, :mod:`.families`): its pattern,
trigger words, anchoring and resolver; the words are data (``data/dates_ar.yaml``,
``data/months.yaml``).

Families: Gregorian month names in every system (``data/months.yaml``, paired forms such as
``شباط/فبراير``), days as digits or ordinal words (``الخامس من أغسطس``), numeric dates
(``19-08-2025``, ``2025/08/19``, ``19.08.2025``), years (``عام 2019``), weekdays, Hijri dates
(``15 رمضان 1446 هـ``, converted with ``hijridate``), and relative expressions (``يناير الماضي``,
``الشهر المقبل``, ``هذا الأسبوع``, ``أمس``, ``قبل عامين``, ``نهاية العام الماضي``).

Anchoring rule
--------------
* A date that states its year is ``absolute``.
* A date without a year (``11 يوليو``, ``في مارس``) takes the publication year
  (``publication``); when the publication date is unknown, the year of the nearest date in the
  same article that states one (``context``); with neither it is unresolved.
* A relative expression (``الماضي``, ``المقبل``, ``أمس``, weekdays...) needs a full anchor date:
  the publication date (``publication``), except inside a quoted post whose signature line
  states its date (``“...`` up to ``– name (handle) 12 يوليو 2025``), where the post's date is the
  anchor (``context``). With no anchor the expression is kept as an unresolved vague row; it is
  never guessed from other dates.
* Bare month names take the anchor's year; bare weekdays are the nearest such day on or before
  the anchor (``الماضي``: strictly before, ``المقبل``: strictly after). A week is resolved to
  its month when its Monday-Sunday span lies in one month, else to its year.

Vague rows
----------
Rows in the same table with ``precision == "vague"`` and ``date`` None (empty in CSV):
``resolved_from == "unresolved"`` for a relative expression with no anchor, ``"period"`` for
durations, seasons, fiscal quarters, plural/dual spans (``خلال الأشهر المقبلة``,
``الشهرين الماضيين``) and "nowadays"/"recently" words. Charts plot only non-vague rows.

Events (:mod:`.events`): each expression in its sentence, typed release / announcement / delay /
other, with its subject.

Impossible dates (``31 فبراير``) are dropped with a :class:`UserWarning` naming the article.
Not dates: percentages and ranges (``5-10%``), versions (``Llama 3.1``, ``GPT-4``), counts
(``في 2000 موظف``), "now" words (``الآن``، ``حاليًا``), ``في نفس اليوم``.
"""

from __future__ import annotations

from arnews.timeline.events import EVENT_KINDS, event_kind, extract_events, filter_events
from arnews.timeline.registry import Anchors, Family, Impossible, Registry, Resolved
from arnews.timeline.scan import FAMILIES, DateExpression, find_date_expressions

__all__ = [
    "EVENT_KINDS",
    "FAMILIES",
    "Anchors",
    "DateExpression",
    "Family",
    "Impossible",
    "Registry",
    "Resolved",
    "event_kind",
    "extract_events",
    "filter_events",
    "find_date_expressions",
]

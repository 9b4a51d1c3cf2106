"""Arabic date expressions -> a timeline of events, each traced back to its sentence.

Expressions are found on normalized text (:func:`arnews.normalize.normalize_ar`) line by line,
after a cheap pre-filter, and mapped back to offsets in the original article text.

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

Events
------
:func:`extract_events` puts each expression in its sentence. ``kind`` comes from cue words of
the sentence, delay > release > announcement > other (a postponement outranks the release it
postpones): inside a quoted post, and for the date that introduces it, from the whole post.
A dateline (a sentence that is only a date and time) and a post's signature date are ``other``
with no subject. ``subject`` is, for a release, the first product named in the sentence, else
the first name (a person stands for their company); ``company`` (extra column) is its owner.

Impossible dates (``31 فبراير``) are dropped with a :class:`UserWarning` naming the article.
Not dates: percentages and ranges (``5-10%``), versions (``Llama 3.1``, ``GPT-4``), counts
(``في 2000 موظف``), "now" words (``الآن``، ``حاليًا``), ``في نفس اليوم``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from hijridate import Hijri

from arnews.dates import month_names, month_pattern
from arnews.errors import ParameterError
from arnews.normalize import normalize_ar, normalize_with_offsets, span_to_original
from arnews.schema import EVENTS

__all__ = [
    "EVENT_KINDS",
    "DateExpression",
    "check_date_range",
    "check_kinds",
    "event_kind",
    "extract_events",
    "filter_events",
    "find_date_expressions",
]

EVENT_KINDS = ("release", "announcement", "delay", "other")
EXTRA_COLUMNS = ("company", "family")

# --- vocabulary (normalized spellings) -------------------------------------------------------

_UNITS = {
    "الاول": 1,
    "الثاني": 2,
    "الثالث": 3,
    "الرابع": 4,
    "الخامس": 5,
    "السادس": 6,
    "السابع": 7,
    "الثامن": 8,
    "التاسع": 9,
}


def _ordinal_days() -> dict[str, int]:
    out = dict(_UNITS) | {"العاشر": 10, "الحادي عشر": 11, "العشرين": 20, "العشرون": 20}
    out |= {"الثلاثين": 30, "الثلاثون": 30}
    for word, n in _UNITS.items():
        if n >= 2:
            out[f"{word} عشر"] = 10 + n
        unit = "الحادي" if n == 1 else word
        out[f"{unit} والعشرين"] = 20 + n
        out[f"{unit} والعشرون"] = 20 + n
    out["الحادي والثلاثين"] = out["الحادي والثلاثون"] = 31
    return out


ORDINAL_DAYS = _ordinal_days()
HIJRI_MONTHS = {
    "محرم": 1,
    "صفر": 2,
    "ربيع الاول": 3,
    "ربيع الاخر": 4,
    "ربيع الثاني": 4,
    "جمادي الاولي": 5,
    "جمادي الاول": 5,
    "جمادي الاخره": 6,
    "جمادي الاخرة": 6,
    "جمادي الثانيه": 6,
    "جمادي الثانية": 6,
    "جمادي الثاني": 6,
    "جمادي الاخر": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعده": 11,
    "ذو القعدة": 11,
    "ذي القعده": 11,
    "ذي القعدة": 11,
    "ذو الحجه": 12,
    "ذو الحجة": 12,
    "ذي الحجه": 12,
    "ذي الحجة": 12,
}
# "قبل عامين" (two years ago) counts back from the anchor; "قبل عامين من ..." does not.
COUNT_WORDS = {"واحد": 1, "اثنين": 2, "ثلاث": 3, "ثلاثه": 3, "ثلاثة": 3, "اربع": 4, "اربعه": 4}
COUNT_WORDS |= {"اربعة": 4, "خمس": 5, "خمسه": 5, "خمسة": 5, "ست": 6, "سته": 6, "ستة": 6}
COUNT_WORDS |= {"سبع": 7, "سبعه": 7, "سبعة": 7, "ثماني": 8, "ثمانيه": 8, "ثمانية": 8, "تسع": 9}
COUNT_WORDS |= {"تسعه": 9, "تسعة": 9, "عشر": 10, "عشره": 10, "عشرة": 10}
AGO_UNITS = {"سنوات": "year", "اعوام": "year", "سنين": "year", "عاما": "year", "سنه": "year"}
AGO_UNITS |= {"سنة": "year", "اشهر": "month", "شهور": "month", "شهرا": "month"}
AGO_UNITS |= {"اسابيع": "week", "اسبوعا": "week", "ايام": "day", "يوما": "day"}
AGO_DUALS = {"عامين": "year", "سنتين": "year", "شهرين": "month", "اسبوعين": "week"}
AGO_DUALS |= {"يومين": "day"}
_ONE_UNITS = {"عام": "year", "سنه": "year", "سنة": "year", "شهر": "month", "اسبوع": "week"}
_ONE_UNITS |= {"يوم": "day"}
WEEKDAYS = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "الجمعة": 4,
    "السبت": 5,
    "الاحد": 6,
}
_AMBIGUOUS_WEEKDAYS = frozenset({"الاحد", "الاثنين"})  # "one", "the two": need يوم or a modifier
# Modifiers by stem (a final ة/ه is dropped before lookup): -1 past, 0 current, +1 next.
MODIFIERS = {
    "الماضي": -1,
    "السابق": -1,
    "الفائت": -1,
    "المنصرم": -1,
    "المنقضي": -1,
    "الجاري": 0,
    "الحالي": 0,
    "المقبل": 1,
    "القادم": 1,
}
# English abbreviations and the Levantine آب (= أب "father" once normalized) need a day or year.
_UNSAFE_BARE_MONTHS = frozenset(
    {"اب", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov"}
    | {"dec"}
)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- regular expressions over normalized text -------------------------------------------------

SP = r"[^\S\n]+"
OSP = r"[^\S\n]*"
B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))"  # word start, allowing one glued proclitic letter
END = r"(?!\w)"
_MOD_ALT = "|".join(f"{m}(?:ه|ة)?" for m in MODIFIERS)
MOD = rf"(?P<mod>{_MOD_ALT}){END}"
YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)(?!\d)(?:\s?م(?!\w))?"
_YEAR_WORDS = r"(?:عام|العام|سنه|سنة)"
_YEAR_PHRASE = rf"(?:،?{OSP}(?:من{SP})?(?:{_YEAR_WORDS}{SP})?{YEAR})"
_YEAR_REL = (
    rf"(?:{SP}من{SP}(?:(?P<ythis>هذا{SP}العام|هذه{SP}السنه|هذه{SP}السنة)"
    rf"|(?:العام|السنه|السنة){SP}(?P<ymod>{_MOD_ALT}){END}))"
)
_EDGE_WORDS = ("نهايه", "نهاية", "بدايه", "بداية", "مطلع", "اوائل", "اواخر", "منتصف", "اواسط")
# "End/beginning of a year" is its last/first month; "late/early/mid" stay at year precision.
_EDGE_MONTH = {"نهايه": 12, "نهاية": 12, "بدايه": 1, "بداية": 1, "مطلع": 1}
_EDGE_BEFORE = re.compile(
    rf"{B}(?P<edge>{_alt(_EDGE_WORDS)}){SP}(?:من{SP})?(?:شهر{SP})?$",
)
_PERIOD_NOUNS = (
    "الاشهر",
    "الشهور",
    "الاسابيع",
    "السنوات",
    "الاعوام",
    "الايام",
    "العقود",
    "السنين",
    "الشهرين",
    "العامين",
    "السنتين",
    "الاسبوعين",
    "اليومين",
)
_PERIOD_MODS = (
    "المقبله|المقبلة|القادمه|القادمة|الماضيه|الماضية|الاخيره|الاخيرة|الفائته|الفائتة|السابقه|"
    "السابقة|المقبلين|المقبلان|القادمين|القادمان|الماضيين|الماضيان|الاخيرين|الاخيران|"
    "السابقين|الفائتين|الحاليين|الحاليه|الحالية|الجاريه|الجارية"
)


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Return ``[(family, compiled regex)]``; built once, on first use (needs months.yaml)."""
    months = month_pattern()
    mon = rf"(?P<mon>{months})(?:{OSP}/{OSP}(?:{months})|{OSP}\((?:{months})\))?"
    safe = _alt(n for n in month_names() if n not in _UNSAFE_BARE_MONTHS)
    ordinal = _alt(ORDINAL_DAYS)
    tail = rf"(?:{_YEAR_PHRASE}|{SP}{MOD}|{_YEAR_REL})"
    after = r"(?:(?<=في )|(?<=شهر )|(?<=خلال )|(?<=منذ )|(?<=حتي )|(?<=بحلول ))"
    year_after = (
        r"(?:(?<=في )|(?<=منذ )|(?<=حتي )|(?<=بحلول )|(?<=قبل )|(?<=بعد )|(?<=خلال )"
        r"|(?<=مطلع )|(?<=نهايه )|(?<=نهاية )|(?<=بدايه )|(?<=بداية )|(?<=اوائل )|(?<=اواخر )"
        r"|(?<=منتصف )|(?<=اواسط ))"
    )
    # A bare number after a preposition is a year unless a counted noun follows ("في 2000 موظف").
    counted = (
        rf"(?!{SP}(?:موظف|مستخدم|دولار|مليون|مليار|الف|شخص|شركه|شركة|نموذج|مره|مرة|عمليه|عملية"
        rf"|جهاز|وحده|وحدة|معلم|كلمه|كلمة|صفحه|صفحة|رمز|توكن|[a-z]))"
    )
    latin = _alt(n for n in month_names() if n.isascii())
    weekday = _alt(WEEKDAYS)
    families = {
        "numeric": r"(?<![\d.,/-])(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)"
        r"(?P<c>\d{1,4})(?![\d%]|[.,/-]\d)",
        "hijri": rf"{B}(?:(?P<day>\d{{1,2}}){SP}(?:من{SP})?)?(?:شهر{SP})?"
        rf"(?P<hmon>{_alt(HIJRI_MONTHS)}){OSP}،?{SP}(?:{_YEAR_WORDS}{SP})?(?P<hyear>1[34]\d\d)"
        rf"{OSP}(?:هجريه|هجرية|هجري|للهجره|للهجرة|ه){END}",
        "day_month": rf"{B}(?:(?P<dnum>\d{{1,2}})(?!\d)|(?P<dord>{ordinal}){SP}من){SP}"
        rf"(?:من{SP})?(?:شهر{SP})?{mon}{tail}?{END}",
        "month": rf"{B}(?:شهر{SP})?{mon}{tail}{END}",
        "bare_month": rf"{after}(?P<mon>{safe}){END}",
        "year": rf"(?:{B}{_YEAR_WORDS}{SP}|{year_after}){YEAR}{counted}",
        "mdy": rf"(?<!\w)(?P<mon>{latin})\.?{SP}(?P<dnum>\d{{1,2}})(?:st|nd|rd|th)?,?{SP}{YEAR}",
        "relative": rf"{B}(?:(?P<this>هذا|هذه){SP}(?P<unit>الاسبوع|الشهر|العام|السنه|السنة)"
        rf"|(?P<unit2>الاسبوع|الشهر|العام|السنه|السنة){SP}{MOD}){END}",
        "edge": rf"{B}(?P<edge>{_alt(_EDGE_WORDS)}){SP}(?P<unit>العام|السنه|السنة|الشهر){END}",
        "weekday": rf"{B}(?:(?P<yawm>يوم){SP})?(?P<wd>{weekday})(?:{SP}{MOD})?{END}",
        "deictic": rf"{B}(?:يوم{SP})?(?P<deic>اول{SP}من{SP}امس|اول{SP}امس|امس|الامس|البارحه"
        rf"|البارحة|بعد{SP}غد|غدا(?!{SP}ال))(?![\w])",
        "ago": rf"{B}قبل{SP}(?:(?P<n>\d{{1,2}}|{_alt(COUNT_WORDS)}){SP}"
        rf"(?P<units>{_alt(AGO_UNITS)})"
        rf"|(?P<dual>{_alt(AGO_DUALS)})|(?P<one>عام|سنه|سنة|شهر|اسبوع|يوم)(?:{SP}واحد)?)"
        rf"(?!\w)(?!{SP}من(?!\w))",
        "today": r"(?<!نفس )(?<!ذات )(?<!في )(?<!ذلك )(?<!حتي )(?<!الي )(?<!منذ )(?<!عالم )"
        r"(?<!\w)اليوم(?!\w)(?! الذي| التي| التالي| السابق| الواحد| الاول)",
        "vague": rf"{B}(?:(?:(?:خلال|طوال|منذ|لمده|لمدة){SP})?(?:{_alt(_PERIOD_NOUNS)}){SP}"
        rf"(?:ال\w+{SP})?(?:{_PERIOD_MODS})"
        rf"|(?:(?<=في )|(?<=خلال )|(?<=طوال )|(?<=لعده )|(?<=لعدة ))"
        rf"(?:{_alt(_PERIOD_NOUNS)})|منذ{SP}(?:سنوات|عقود|اشهر|شهور|اسابيع|ايام|فتره|فترة"
        rf"|زمن|سنين|عقد)|لسنوات|لعقود|(?:فصل{SP})?(?:الربيع|الصيف|الخريف|الشتاء)"
        rf"(?:{SP}(?:\d{{4}}|{_MOD_ALT}))?|الربع{SP}(?:الاول|الثاني|الثالث|الرابع|الاخير)"
        rf"(?:{SP}من{SP}(?:{_YEAR_WORDS}{SP})?(?:\d{{4}}|{_YEAR_WORDS}(?:{SP}(?:{_MOD_ALT}))?))?"
        rf"|حديثا|مؤخرا|قريبا|(?:عالم|حتي|الي){SP}اليوم|(?:عام|سنه|سنة|شهر|اسبوع){SP}كامل"
        rf"(?:ه|ة)?){END}",
    }
    # The characters a match can start with, per family (from the words that can open it):
    # a look-ahead on them fails at most positions in one step, before the engine tries the
    # many look-behinds and alternatives each pattern opens with (4x faster on "year").
    # Keep in step with the patterns above: a missing initial would lose matches.
    months_, hijri, ordinal_ = list(month_names()), list(HIJRI_MONTHS), list(ORDINAL_DAYS)
    units = ("الاسبوع", "الشهر", "العام", "السنه", "السنة")
    starts = {
        "numeric": r"\d",
        "hijri": r"\d" + _initials(["شهر", *hijri]),
        "day_month": r"\d" + _initials(ordinal_),
        "month": _initials(["شهر", *months_]),
        "bare_month": _initials(months_),
        "year": r"\d" + _initials(["عام", "العام", "سنه", "سنة"]),
        "mdy": _initials(months_),
        "relative": _initials(["هذا", "هذه", *units]),
        "edge": _initials(_EDGE_WORDS),
        "weekday": _initials(["يوم", *WEEKDAYS]),
        "deictic": _initials(["يوم", "اول", "امس", "الامس", "البارحه", "البارحة", "بعد", "غدا"]),
        "ago": _initials(["قبل"]),
        "today": _initials(["اليوم"]),
        "vague": _initials(
            [
                *("خلال", "طوال", "منذ", "لمده", "لمدة", *_PERIOD_NOUNS, "لسنوات", "لعقود"),
                *("فصل", "الربيع", "الصيف", "الخريف", "الشتاء", "الربع", "حديثا", "مؤخرا"),
                *("قريبا", "عالم", "حتي", "الي", "عام", "سنه", "سنة", "شهر", "اسبوع"),
            ]
        ),
    }
    return [(name, re.compile(rf"(?=[{starts[name]}])(?:{rx})")) for name, rx in families.items()]


def _initials(words) -> str:
    """Return the first characters of `words`, escaped for a regex character class."""
    return "".join(re.escape(c) for c in sorted({w[0] for w in words}))


# The pre-filter: each line's words (and the words less one proclitic letter) are looked up
# in a table of trigger words, and the numeric families run only on a line holding the digits
# they cannot match without; only the families a line calls for run on it, so most lines run
# none. The work is done per article, in C as far as possible: the article's distinct words
# are intersected with the trigger words as sets, then each trigger word found is located
# with ``str.find`` and marks its line. No loop visits every word or line in Python, and no
# large regex alternation runs (slow in Python's ``re``).
_WORD = re.compile(r"\w+")
_IS_WORD_CHAR = re.compile(r"\w").match
_PROCLITICS = "وفبل"
# Necessary substrings: ``a-b-c`` for "numeric", a 4-digit year ``YEAR`` for "year".
_DIGIT_FAMILIES = (
    ("numeric", re.compile(r"\d[-/.]\d")),
    ("year", re.compile(r"(?:1[89]|2[01])\d\d(?!\d)")),
)
_PERIOD_TRIGGERS = (
    *_PERIOD_NOUNS,
    *[
        "منذ",
        "لسنوات",
        "لعقود",
        "الربيع",
        "الصيف",
        "الخريف",
        "الشتاء",
        "الربع",
        "حديثا",
        "مؤخرا",
        "قريبا",
        "كامل",
        "كامله",
        "كاملة",
    ],
)


@cache
def _trigger_words() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}

    def add(words, *families):
        for w in words:
            table.setdefault(w.split()[0], set()).update(families)

    add(month_names(), "day_month", "month", "bare_month", "mdy")
    add(HIJRI_MONTHS, "hijri")
    add(("الاسبوع", "الشهر", "العام", "السنه", "السنة"), "relative", "edge")
    add(WEEKDAYS, "weekday")
    add(("امس", "الامس", "البارحه", "البارحة", "غدا", "غد"), "deictic")
    add(("اليوم",), "today", "vague")
    add((*AGO_UNITS, *AGO_DUALS, *_ONE_UNITS), "ago")
    add(_PERIOD_TRIGGERS, "vague")
    return {w: frozenset(f) for w, f in table.items()}


@cache
def _proclitic_triggers() -> frozenset[str]:
    """Return every trigger word with one proclitic letter glued in front."""
    return frozenset(p + w for p in _PROCLITICS for w in _trigger_words())


def _article_triggers(norm: str) -> dict[str, frozenset[str]]:
    """Return ``{word: families}`` for the words of `norm` that call for pattern families.

    A word calls for its own families if it is a trigger word, else for those of the word less
    a proclitic letter (``ومارس``).
    """
    table = _trigger_words()
    words = set(_WORD.findall(norm))
    own = words & table.keys()
    triggers = {w: table[w] for w in own}
    triggers.update((w, table[w[1:]]) for w in (words & _proclitic_triggers()) - own)
    return triggers


def _lines_to_scan(norm: str) -> list[tuple[int, int, set[str]]]:
    """Return ``(start, end, families)`` of the lines of `norm` that call for families.

    The same families per line as looking up every word of every line, without doing so.
    """
    wanted: dict[int, set[str]] = {}  # line start -> families

    def mark(pos: int, families) -> None:
        wanted.setdefault(norm.rfind("\n", 0, pos) + 1, set()).update(families)

    for word, families in _article_triggers(norm).items():
        i = norm.find(word)
        while i >= 0:
            j = i + len(word)
            # Whole words only. A match inside a longer word hides no whole one: the next
            # whole occurrence cannot start before j, as norm[j - 1] is a word character.
            if not (i and _IS_WORD_CHAR(norm, i - 1)) and not _IS_WORD_CHAR(norm, j):
                mark(i, families)
            i = norm.find(word, j)
    for name, rx in _DIGIT_FAMILIES:  # neither pattern can span lines
        for m in rx.finditer(norm):
            mark(m.start(), (name,))
    out = []
    for start in sorted(wanted):
        end = norm.find("\n", start)
        out.append((start, len(norm) if end < 0 else end, wanted[start]))
    return out


@cache
def _families() -> dict[str, re.Pattern]:
    return dict(_patterns())


@cache
def _family_order() -> dict[str, int]:
    """Return each family's rank, the tie-break between overlapping candidates of one length."""
    return {name: i for i, (name, _) in enumerate(_patterns())}


_SIGNATURE_BEFORE = re.compile(r"[–—-][^–—\n]{1,60}?\(\s*@?[\w.]{1,30}\s*\)\s*$")
_SIGNATURE_LINE = re.compile(r"[–—][^–—\n]{1,60}?\(\s*@?[\w.]{1,30}\s*\)\s*\d{1,2}\s")
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
_MAX_POST_LINES = 12

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


# --- expressions -----------------------------------------------------------------------------


@dataclass
class DateExpression:
    """One date expression: offsets into the original text and its resolved value.

    ``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (None when vague); ``precision`` is
    ``year``/``month``/``day``/``vague``; ``resolved_from`` is ``absolute``/``publication``/
    ``context`` or, for vague rows, ``unresolved``/``period``.
    """

    start: int
    end: int
    surface: str
    date: str | None
    precision: str
    resolved_from: str
    family: str
    signature: bool = False  # the date line of a quoted post ("– name (handle) date")
    post: tuple[int, int] | None = None  # original span of the quoted post it belongs to


@dataclass
class _Cand:
    start: int  # normalized offsets
    end: int
    family: str
    m: re.Match
    edge: str | None = None


def _as_date(value) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, str) and value.strip():
        return dt.date.fromisoformat(value.strip()[:10])
    return None


def _mod_offset(word: str) -> int:
    return MODIFIERS[word[:-1] if word[-1] in "هة" and word[:-1] in MODIFIERS else word]


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + delta
    return k // 12, k % 12 + 1


def _week(day: dt.date) -> tuple[str, str]:
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return _fmt(monday.year, monday.month), "month"
    if monday.year == sunday.year:
        return _fmt(monday.year), "year"
    return _fmt((monday + dt.timedelta(days=3)).year), "year"  # across New Year: ISO week's year


def _find_candidates(norm: str) -> list[_Cand]:
    """Return the non-overlapping expressions of `norm`, longest first, in text order."""
    found: list[_Cand] = []
    families = _families()
    for pos, end, wanted in _lines_to_scan(norm):
        line = norm[pos:end]
        for family in wanted:
            for m in families[family].finditer(line):
                found.append(_Cand(pos + m.start(), pos + m.end(), family, m))
    order = _family_order()
    found.sort(key=lambda c: (c.start - c.end, order[c.family], c.start))
    # Greedy, longest first: keep a candidate unless it overlaps one kept. Kept spans are
    # disjoint, so in start order only the neighbours of the insertion point can overlap.
    taken: list[_Cand] = []
    starts: list[int] = []
    for c in found:
        k = bisect_right(starts, c.start)
        if (k and taken[k - 1].end > c.start) or (k < len(taken) and taken[k].start < c.end):
            continue
        starts.insert(k, c.start)
        taken.insert(k, c)
    return _drop_weekday_before_date(norm, _attach_edges(norm, taken))


def _attach_edges(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """Extend month/year expressions over a preceding نهاية/بداية/منتصف ... word."""
    for c in cands:
        if c.family not in ("month", "bare_month", "year", "relative"):
            continue
        line_start = norm.rfind("\n", 0, c.start) + 1
        m = _EDGE_BEFORE.search(norm, line_start, c.start)
        if m:
            c.start, c.edge = m.start(), m["edge"]
    return cands


def _drop_weekday_before_date(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """A weekday written before a full date ("الثلاثاء 19 أغسطس") is part of it, not an event."""
    out = []
    for i, c in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (
            c.family == "weekday"
            and nxt is not None
            and nxt.family in ("day_month", "numeric")
            and not norm[c.end : nxt.start].strip(" ،,")
        ):
            continue
        out.append(c)
    return out


class _Resolver:
    """Turn candidates into values, given an article's anchors."""

    def __init__(self, norm: str, published: dt.date | None, article_id: str):
        self.norm = norm
        self.published = published
        self.article_id = article_id
        self.year_marks: list[tuple[int, int]] = []  # (normalized offset, year) of stated years
        self.posts: list[tuple[int, int, dt.date]] = []  # normalized post spans and their date
        self._marks_seen = 0  # year_marks indexed by _nearest_year
        self._mark_pos: list[int] = []
        self._mark_at: dict[int, tuple[int, int]] = {}

    def warn(self, surface: str, why: str) -> None:
        warnings.warn(
            f"{self.article_id}: impossible date {surface!r} ({why}) ignored",
            UserWarning,
            stacklevel=4,
        )

    def anchor(self, pos: int) -> tuple[dt.date | None, str]:
        for s, e, day in self.posts:
            if s <= pos < e:
                return day, "context"
        if self.published is not None:
            return self.published, "publication"
        return None, "unresolved"

    def year_for(self, pos: int) -> tuple[int | None, str]:
        if self.published is not None:
            return self.published.year, "publication"
        if self.year_marks:
            return self._nearest_year(pos), "context"
        return None, "unresolved"

    def _nearest_year(self, pos: int) -> int:
        """Return the year of the mark nearest `pos`, the first listed on a tie.

        As ``min(year_marks, key=distance)``, by bisection: a long article has many marks.
        """
        if self._marks_seen != len(self.year_marks):  # index the marks once they are all in
            first: dict[int, tuple[int, int]] = {}  # position -> (list index, year)
            for i, (p, year) in enumerate(self.year_marks):
                first.setdefault(p, (i, year))
            self._mark_pos = sorted(first)
            self._mark_at = first
            self._marks_seen = len(self.year_marks)
        k = bisect_right(self._mark_pos, pos)
        near = [self._mark_pos[j] for j in (k - 1, k) if 0 <= j < len(self._mark_pos)]
        best = min(near, key=lambda p: (abs(p - pos), self._mark_at[p][0]))
        return self._mark_at[best][1]

    def day(self, surface: str, y: int, mo: int, d: int) -> dt.date | None:
        try:
            return dt.date(y, mo, d)
        except ValueError as err:
            self.warn(surface, str(err))
            return None

    # Each resolver returns (date, precision, resolved_from) or None to drop the candidate.
    def resolve(self, c: _Cand, surface: str):
        return getattr(self, f"_r_{c.family}")(c, c.m, surface)

    def _r_numeric(self, c, m, surface):
        a, b, cc = m["a"], m["b"], m["c"]
        if len(a) == 4 and len(cc) <= 2:
            y, mo, d = int(a), int(b), int(cc)
        elif len(cc) == 4 and len(a) <= 2:
            y, mo, d = int(cc), int(b), int(a)
            if mo > 12 >= d:  # 08/19/2025: month first, as English sources write it
                mo, d = d, mo
        else:
            return None
        if not 1800 <= y <= 2199:
            return None
        day = self.day(surface, y, mo, d)
        return (day.isoformat(), "day", "absolute") if day else None

    def _r_hijri(self, c, m, surface):
        hy, hm = int(m["hyear"]), HIJRI_MONTHS[m["hmon"]]
        try:
            if m["day"]:
                return Hijri(hy, hm, int(m["day"])).to_gregorian().isoformat(), "day", "absolute"
            first = Hijri(hy, hm, 1)
            last = Hijri(hy, hm, first.month_length()).to_gregorian()
            first = first.to_gregorian()
        except (ValueError, OverflowError) as err:
            self.warn(surface, str(err))
            return None
        if (first.year, first.month) == (last.year, last.month):
            return _fmt(first.year, first.month), "month", "absolute"
        if first.year == last.year:
            return _fmt(first.year), "year", "absolute"
        return None, "vague", "period"

    def _month_year(self, c, m, surface) -> tuple[int | None, int, str]:
        """Return (year, month, resolved_from) of a month name with its optional tail."""
        mo = month_names()[m["mon"]]
        if m["year"]:
            return int(m["year"]), mo, "absolute"
        g = m.groupdict()
        if g.get("mod") or g.get("ymod") or g.get("ythis"):
            anchor, source = self.anchor(c.start)
            if anchor is None:
                return None, mo, source
            if m["ymod"] or m["ythis"]:
                return anchor.year + (_mod_offset(m["ymod"]) if m["ymod"] else 0), mo, source
            off = _mod_offset(m["mod"])
            if off < 0:
                return anchor.year - (mo >= anchor.month), mo, source
            if off > 0:
                return anchor.year + (mo <= anchor.month), mo, source
            return anchor.year, mo, source
        year, source = self.year_for(c.start)
        return year, mo, source

    def _r_mdy(self, c, m, surface):
        return self._r_day_month(c, m, surface)

    def _r_day_month(self, c, m, surface):
        d = int(m["dnum"]) if m["dnum"] else ORDINAL_DAYS[m["dord"]]
        year, mo, source = self._month_year(c, m, surface)
        if d > calendar.monthrange(2024, mo)[1]:  # 2024: a leap year, so 29 فبراير is possible
            self.warn(surface, f"day {d} is out of range for month {mo}")
            return None
        if year is None:
            return None, "vague", source
        day = self.day(surface, year, mo, d)
        return (day.isoformat(), "day", source) if day else None

    def _r_month(self, c, m, surface):
        year, mo, source = self._month_year(c, m, surface)
        if year is None:
            return None, "vague", source
        return _fmt(year, mo), "month", source

    def _r_bare_month(self, c, m, surface):
        mo = month_names()[m["mon"]]
        year, source = self.year_for(c.start)
        if year is None:
            return None, "vague", source
        return _fmt(year, mo), "month", source

    def _r_year(self, c, m, surface):
        year = int(m["year"])
        if c.edge in _EDGE_MONTH:
            return _fmt(year, _EDGE_MONTH[c.edge]), "month", "absolute"
        return _fmt(year), "year", "absolute"

    def _unit_value(self, unit: str, off: int, anchor: dt.date, edge: str | None):
        if unit == "الاسبوع":
            return _week(anchor + dt.timedelta(weeks=off))
        if unit == "الشهر":
            return _fmt(*_shift_month(anchor.year, anchor.month, off)), "month"
        year = anchor.year + off
        if edge in _EDGE_MONTH:
            return _fmt(year, _EDGE_MONTH[edge]), "month"
        return _fmt(year), "year"

    def _r_relative(self, c, m, surface):
        unit = m["unit"] or m["unit2"]
        off = 0 if m["this"] else _mod_offset(m["mod"])
        anchor, source = self.anchor(c.start)
        if anchor is None:
            return None, "vague", source
        return (*self._unit_value(unit, off, anchor, c.edge), source)

    def _r_edge(self, c, m, surface):
        anchor, source = self.anchor(c.start)
        if anchor is None:
            return None, "vague", source
        return (*self._unit_value(m["unit"], 0, anchor, m["edge"]), source)

    def _r_weekday(self, c, m, surface):
        if m["wd"] in _AMBIGUOUS_WEEKDAYS and not (m["yawm"] or m["mod"]):
            return None
        anchor, source = self.anchor(c.start)
        if anchor is None:
            return None, "vague", source
        target = WEEKDAYS[m["wd"]]
        off = _mod_offset(m["mod"]) if m["mod"] else 0
        if off > 0:
            day = anchor + dt.timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
        elif off < 0:
            day = anchor - dt.timedelta(days=(anchor.weekday() - target - 1) % 7 + 1)
        else:  # bare weekday in news: the nearest such day on or before the anchor
            day = anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)
        return day.isoformat(), "day", source

    def _r_deictic(self, c, m, surface):
        word = re.sub(r"\s+", " ", m["deic"])
        delta = {"اول من امس": -2, "اول امس": -2, "بعد غد": 2, "غدا": 1}.get(word, -1)
        anchor, source = self.anchor(c.start)
        if anchor is None:
            return None, "vague", source
        return (anchor + dt.timedelta(days=delta)).isoformat(), "day", source

    def _r_ago(self, c, m, surface):
        if m["dual"]:
            n, unit = 2, AGO_DUALS[m["dual"]]
        elif m["one"]:
            n, unit = 1, _ONE_UNITS[m["one"]]
        else:
            n = int(m["n"]) if m["n"].isdigit() else COUNT_WORDS[m["n"]]
            unit = AGO_UNITS[m["units"]]
        anchor, source = self.anchor(c.start)
        if anchor is None:
            return None, "vague", source
        if unit == "year":
            return _fmt(anchor.year - n), "year", source
        if unit == "month":
            return _fmt(*_shift_month(anchor.year, anchor.month, -n)), "month", source
        if unit == "week":
            return (*_week(anchor - dt.timedelta(weeks=n)), source)
        return (anchor - dt.timedelta(days=n)).isoformat(), "day", source

    def _r_today(self, c, m, surface):
        anchor, source = self.anchor(c.start)
        if anchor is None:
            return None, "vague", source
        return anchor.isoformat(), "day", source

    def _r_vague(self, c, m, surface):
        return None, "vague", "period"


_ABSOLUTE_FIRST = ("numeric", "hijri", "day_month", "mdy", "month", "year")


def _scan(text: str, published: dt.date | None, article_id: str) -> list[DateExpression]:
    norm, origin = normalize_with_offsets(text)
    cands = _find_candidates(norm)
    res = _Resolver(norm, published, article_id)
    # Pass 1: dates that state their year give the context years and the quoted posts' dates.
    for c in cands:
        if c.family in _ABSOLUTE_FIRST and "year" in c.m.groupdict() and c.m["year"]:
            res.year_marks.append((c.start, int(c.m["year"])))
    out: dict[int, DateExpression] = {}
    for i, c in enumerate(cands):
        if c.family in _ABSOLUTE_FIRST:
            _emit(out, i, c, res, text, origin)
    for i, expr in list(out.items()):
        c = cands[i]
        if expr.precision == "day" and _is_signature(norm, c):
            expr.signature = True
            span = _post_span(norm, c)
            if span is not None:
                res.posts.append((*span, dt.date.fromisoformat(expr.date)))
                expr.post = span_to_original(text, origin, *span)
    # Pass 2: relative expressions, anchored on the publication date or their post's date.
    for i, c in enumerate(cands):
        if c.family not in _ABSOLUTE_FIRST:
            _emit(out, i, c, res, text, origin)
    for i, expr in out.items():
        for s, e, _ in res.posts:
            if s <= cands[i].start < e and not expr.signature:
                expr.post = span_to_original(text, origin, s, e)
    exprs = [out[k] for k in sorted(out, key=lambda k: cands[k].start)]
    return exprs


def _emit(out: dict, i: int, c: _Cand, res: _Resolver, text: str, origin) -> None:
    start, end = span_to_original(text, origin, c.start, c.end)
    surface = text[start:end]
    value = res.resolve(c, surface)
    if value is not None:
        out[i] = DateExpression(start, end, surface, *value, c.family)


def _is_signature(norm: str, c: _Cand) -> bool:
    line_start = norm.rfind("\n", 0, c.start) + 1
    line_end = norm.find("\n", c.end)
    line_end = len(norm) if line_end < 0 else line_end
    return (
        bool(_SIGNATURE_BEFORE.search(norm, line_start, c.start))
        and not norm[c.end : line_end].strip()
    )


def _post_span(norm: str, c: _Cand) -> tuple[int, int] | None:
    """Return the normalized span of the quoted post signed on `c`'s line, if it opens a quote."""
    line_start = norm.rfind("\n", 0, c.start) + 1
    line_end = norm.find("\n", c.end)
    line_end = len(norm) if line_end < 0 else line_end
    start = line_start
    for _ in range(_MAX_POST_LINES):
        if start == 0:
            return None
        start = norm.rfind("\n", 0, start - 1) + 1
        line = norm[start : norm.find("\n", start)]
        if _SIGNATURE_LINE.search(line):
            return None
        if sum(line.count(q) for q in _OPEN_QUOTES) > sum(line.count(q) for q in _CLOSE_QUOTES):
            return start, line_end
    return None


def find_date_expressions(
    text: str, published: dt.date | str | None = None, *, article_id: str = "<text>"
) -> list[DateExpression]:
    """Find and resolve the date expressions of one text (an article, or a sentence in tests).

    Parameters
    ----------
    text : the original text; offsets of the results index it.
    published : the publication date anchoring relative expressions, or None.
    article_id : named in the warning for an impossible date.

    Returns
    -------
    list of :class:`DateExpression` in text order, vague ones included.
    """
    return _scan(text, _as_date(published), article_id)


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
        exprs = _scan(text, _as_date(published), aid)
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


def check_date_range(start: str, end: str) -> tuple[dt.date | None, dt.date | None]:
    """Parse notebook ``start``/``end`` strings (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or "").

    Returns the first day of `start` and the last day of `end` (None where empty); raises
    :class:`arnews.params.ParameterError` on an unparsable value or `start` after `end`.
    """
    lo = _parse_param_date("start", start, last=False)
    hi = _parse_param_date("end", end, last=True)
    if lo is not None and hi is not None and lo > hi:
        raise ParameterError(f"start ({start!r}) is after end ({end!r})")
    return lo, hi


_PARAM_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _parse_param_date(name: str, value: object, *, last: bool) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    m = _PARAM_DATE.fullmatch(str(value).strip())
    try:
        if m is None:
            raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
        y = int(m[1])
        mo = int(m[2]) if m[2] else (12 if last else 1)
        d = int(m[3]) if m[3] else (calendar.monthrange(y, mo)[1] if last else 1)
        return dt.date(y, mo, d)
    except (ValueError, calendar.IllegalMonthError) as err:
        raise ParameterError(f"{name} is not a date: {value!r} ({err})") from None


def check_kinds(kinds: object) -> list[str]:
    """Return `kinds` as a list if every item is an event kind, else raise ParameterError."""
    if isinstance(kinds, str) or not isinstance(kinds, list | tuple):
        raise ParameterError(f"kinds must be a list of event kinds {list(EVENT_KINDS)}")
    bad = [k for k in kinds if k not in EVENT_KINDS]
    if bad:
        raise ParameterError(f"unknown event kinds {bad}: use some of {list(EVENT_KINDS)}")
    return list(kinds)


def _period(value: str) -> tuple[dt.date, dt.date]:
    lo = _parse_param_date("date", value, last=False)
    hi = _parse_param_date("date", value, last=True)
    return lo, hi  # type: ignore[return-value]


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
        periods = out["date"].map(_period)
        keep = periods.map(
            lambda p: (start is None or p[1] >= start) and (end is None or p[0] <= end)
        )
        out = out[keep.astype(bool)] if len(out) else out
    return out.reset_index(drop=True)

"""The date families of Arabic news text, one record each (see :mod:`.registry`).

Patterns run on match-key text (:func:`arnews.normalize.match_key_ar`: ة is ه, alef forms are
bare alef, ى is ي). The words come from ``data/months.yaml`` and ``data/dates_ar.yaml``; the
glue of each construction (من، شهر، يوم، قبل) is written in its pattern. The order of
:func:`default_families` is the tie-break between equally long overlapping matches.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from hijridate import Gregorian, Hijri

from arnews.dates import NUMERIC_DATE, numeric_ymd
from arnews.timeline.registry import Anchors, Family, Groups, Impossible, Resolved
from arnews.timeline.vocab import Vocabulary, initials, vocabulary
from arnews.tokens import ONE_LETTER_PROCLITICS
from arnews.tokens import alternation as alt

__all__ = ["END", "OSP", "SP", "YEAR", "B", "default_families", "edge_before"]

SP = r"[^\S\n]+"
OSP = r"[^\S\n]*"
#: A word start, allowing one glued proclitic letter (وفي، بمارس، لعام).
B = rf"(?:(?<!\w)|(?<=(?<!\w)[{ONE_LETTER_PROCLITICS}]))"
END = r"(?!\w)"
#: A four-digit year of 1800-2199, with an optional م (ميلادي).
YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)(?!\d)(?:\s?م(?!\w))?"
_YEAR_DIGITS = r"(?:1[89]|2[01])\d\d(?!\d)"


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
    """Return the month of the Monday-Sunday week of `day` if it lies in one, else its year."""
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return _fmt(monday.year, monday.month), "month"
    if monday.year == sunday.year:
        return _fmt(monday.year), "year"
    return _fmt((monday + dt.timedelta(days=3)).year), "year"  # across New Year: ISO week's year


def _day(y: int, mo: int, d: int, source: str) -> Resolved | Impossible:
    try:
        return Resolved(dt.date(y, mo, d).isoformat(), "day", source)
    except ValueError as err:
        return Impossible(str(err))


def _mods(v: Vocabulary) -> str:
    return "|".join(f"{m}(?:ه)?" for m in sorted(v.modifiers, key=len, reverse=True))


@cache
def edge_before() -> re.Pattern:
    """Return the regex of an edge word ending right before an expression (نهاية [من] [شهر])."""
    v = vocabulary()
    return re.compile(rf"{B}(?P<edge>{alt(v.edges)}){SP}(?:من{SP})?(?:شهر{SP})?$")


# --- Resolvers: pure functions of a match's groups and the anchors ------------------------------


def _numeric(g: Groups, at: Anchors) -> Resolved | Impossible | None:
    ymd = numeric_ymd(g["a"], g["b"], g["c"])
    return None if ymd is None else _day(*ymd, "absolute")


def _hijri(g: Groups, at: Anchors) -> Resolved | Impossible:
    hy, hm = int(g["hyear"]), vocabulary().hijri_months[g["hmon"]]
    try:
        if g["day"]:
            return Resolved(
                Hijri(hy, hm, int(g["day"])).to_gregorian().isoformat(), "day", "absolute"
            )
        first = Hijri(hy, hm, 1)
        last = Hijri(hy, hm, first.month_length()).to_gregorian()
        first = first.to_gregorian()
    except (ValueError, OverflowError) as err:
        return Impossible(str(err))
    if (first.year, first.month) == (last.year, last.month):
        return Resolved(_fmt(first.year, first.month), "month", "absolute")
    if first.year == last.year:
        return Resolved(_fmt(first.year), "year", "absolute")
    return Resolved.vague("period")


def _month_year(g: Groups, at: Anchors) -> tuple[int | None, int, str]:
    """Return ``(year, month, resolved_from)`` of a month name with its optional tail."""
    v = vocabulary()
    mo = v.months[g["mon"]]
    if g.get("year"):
        return int(g["year"]), mo, "absolute"
    mod, ymod, ythis = g.get("mod"), g.get("ymod"), g.get("ythis")
    if not (mod or ymod or ythis):
        return at.year, mo, at.year_from
    anchor = at.day
    if anchor is None:
        return None, mo, at.day_from
    if ymod or ythis:
        return anchor.year + (v.modifier_offset(ymod) if ymod else 0), mo, at.day_from
    off = v.modifier_offset(mod)
    if off < 0:  # يناير الماضي: the last January before the anchor's month
        return anchor.year - (mo >= anchor.month), mo, at.day_from
    if off > 0:
        return anchor.year + (mo <= anchor.month), mo, at.day_from
    return anchor.year, mo, at.day_from


def _day_month(g: Groups, at: Anchors) -> Resolved | Impossible:
    d = int(g["dnum"]) if g.get("dnum") else vocabulary().ordinal_days[g["dord"]]
    year, mo, source = _month_year(g, at)
    if d > calendar.monthrange(2024, mo)[1]:  # 2024: a leap year, so 29 فبراير is possible
        return Impossible(f"day {d} is out of range for month {mo}")
    if year is None:
        return Resolved.vague(source)
    return _day(year, mo, d, source)


def _month(g: Groups, at: Anchors) -> Resolved:
    year, mo, source = _month_year(g, at)
    return Resolved.vague(source) if year is None else Resolved(_fmt(year, mo), "month", source)


def _bare_month(g: Groups, at: Anchors) -> Resolved:
    if at.year is None:
        return Resolved.vague(at.year_from)
    return Resolved(_fmt(at.year, vocabulary().months[g["mon"]]), "month", at.year_from)


def _year(g: Groups, at: Anchors) -> Resolved:
    month = vocabulary().edges.get(g.get("edge") or "")
    return Resolved(_fmt(int(g["year"]), month), "month" if month else "year", "absolute")


def _unit_value(unit: str, off: int, at: Anchors, edge: str | None) -> Resolved:
    """Resolve "this/next/last week, month or year" (with an edge word) from the anchor day."""
    anchor, kind = at.day, vocabulary().definite_units[unit]
    if kind == "week":
        return Resolved(*_week(anchor + dt.timedelta(weeks=off)), at.day_from)
    if kind == "month":
        return Resolved(_fmt(*_shift_month(anchor.year, anchor.month, off)), "month", at.day_from)
    month = vocabulary().edges.get(edge or "")
    return Resolved(_fmt(anchor.year + off, month), "month" if month else "year", at.day_from)


def _relative(g: Groups, at: Anchors) -> Resolved:
    off = 0 if g["this"] else vocabulary().modifier_offset(g["mod"])
    return _unit_value(g["unit"] or g["unit2"], off, at, g.get("edge"))


def _edge(g: Groups, at: Anchors) -> Resolved:
    return _unit_value(g["unit"], 0, at, g["edge"])


def _weekday(g: Groups, at: Anchors) -> Resolved:
    anchor, target = at.day, vocabulary().weekdays[g["wd"]]
    off = vocabulary().modifier_offset(g["mod"]) if g["mod"] else 0
    if off > 0:
        day = anchor + dt.timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
    elif off < 0:
        day = anchor - dt.timedelta(days=(anchor.weekday() - target - 1) % 7 + 1)
    else:  # a bare weekday in news: the nearest such day on or before the anchor
        day = anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)
    return Resolved(day.isoformat(), "day", at.day_from)


def _deictic(g: Groups, at: Anchors) -> Resolved:
    delta = vocabulary().deictic_days[re.sub(r"\s+", " ", g["deic"])]
    return Resolved((at.day + dt.timedelta(days=delta)).isoformat(), "day", at.day_from)


def _ago(g: Groups, at: Anchors) -> Resolved:
    v, anchor = vocabulary(), at.day
    if g["dual"]:
        n, unit = 2, v.dual_units[g["dual"]]
    elif g["one"]:
        n, unit = 1, v.one_units[g["one"]]
    else:
        n = int(g["n"]) if g["n"].isdigit() else v.count_words[g["n"]]
        unit = v.count_units[g["units"]]
    if unit == "year":
        return Resolved(_fmt(anchor.year - n), "year", at.day_from)
    if unit == "month":
        return Resolved(_fmt(*_shift_month(anchor.year, anchor.month, -n)), "month", at.day_from)
    if unit == "week":
        return Resolved(*_week(anchor - dt.timedelta(weeks=n)), at.day_from)
    return Resolved((anchor - dt.timedelta(days=n)).isoformat(), "day", at.day_from)


def _day_of_month(g: Groups, at: Anchors) -> Resolved | Impossible:
    d = int(g["dnum"]) if g.get("dnum") else vocabulary().ordinal_days[g["dord"]]
    off = 0 if g["this"] else vocabulary().modifier_offset(g["mod"])
    return _day(*_shift_month(at.day.year, at.day.month, off), d, at.day_from)


def _same_year(g: Groups, at: Anchors) -> Resolved:
    if at.stated_year is None:
        return Resolved.vague("unresolved")
    month = vocabulary().edges.get(g.get("edge") or "")
    return Resolved(_fmt(at.stated_year, month), "month" if month else "year", "context")


def _feast(g: Groups, at: Anchors) -> Resolved:
    """Resolve a feast or Ramadan to the month of its occurrence nearest the anchor."""
    hm, hd = vocabulary().feasts[re.sub(r"\s+", " ", g["named"] or g["bare"])]
    off = vocabulary().modifier_offset(g["mod"]) if g["mod"] else 0
    hy = Gregorian.fromdate(at.day).to_hijri().year
    spans = []
    for y in (hy - 1, hy, hy + 1):
        first = Hijri(y, hm, max(hd, 1))
        last = first if hd else Hijri(y, hm, first.month_length())
        spans.append((first.to_gregorian(), last.to_gregorian()))
    if off < 0:
        spans = [s for s in spans if s[0] < at.day][-1:]
    elif off > 0:
        spans = [s for s in spans if s[0] > at.day][:1]
    first, last = min(spans, key=lambda s: abs((s[0] - at.day).days))
    if (first.year, first.month) == (last.year, last.month):
        return Resolved(_fmt(first.year, first.month), "month", at.day_from)
    if first.year == last.year:
        return Resolved(_fmt(first.year), "year", at.day_from)
    return Resolved.vague("period")


def _today(g: Groups, at: Anchors) -> Resolved:
    return Resolved(at.day.isoformat(), "day", at.day_from)


def _period(g: Groups, at: Anchors) -> Resolved:
    return Resolved.vague("period")


# --- The families -------------------------------------------------------------------------------


def _after(words) -> str:
    """Return a look-behind: right after one of `words` and a space."""
    return "(?:" + "|".join(f"(?<={re.escape(w)} )" for w in words) + ")"


def default_families(v: Vocabulary | None = None) -> list[Family]:
    """Return arnews' date families in tie-break order."""
    v = v or vocabulary()
    months, mods = alt(v.months), _mods(v)
    mon = rf"(?P<mon>{months})(?:{OSP}/{OSP}(?:{months})|{OSP}\((?:{months})\))?"
    mod = rf"(?P<mod>{mods}){END}"
    year_words = f"(?:{alt(v.year_words)})"
    year_units = alt(u for u, kind in v.definite_units.items() if kind == "year")
    units = alt(v.definite_units)
    month_unit = f"(?:{alt(u for u, kind in v.definite_units.items() if kind == 'month')})"
    # The tail of a month: a year (، 2025 / من عام 2025), a modifier, or "of this/last year".
    tail = (
        rf"(?:(?:،?{OSP}(?:من{SP})?(?:{year_words}{SP})?{YEAR})|{SP}{mod}"
        rf"|(?:{SP}من{SP}(?:(?P<ythis>(?:{alt(v.demonstratives)}){SP}(?:{year_units}))"
        rf"|(?:{year_units}){SP}(?P<ymod>{mods}){END})))"
    )
    safe = alt(n for n in v.months if n not in v.unsafe_bare_months)
    counted = rf"(?!{SP}(?:{alt(v.counted_nouns)}|[a-z]))"  # في 2000 موظف is no year
    latin = alt(n for n in v.months if n.isascii())
    ambiguous = "".join(f"(?<!{re.escape(w)})" for w in v.ambiguous_weekdays)
    deictic = "|".join(
        re.escape(w).replace(r"\ ", SP) + (rf"(?!{SP}ال)" if w in v.deictic_verbs else "")
        for w in sorted(v.deictic_days, key=len, reverse=True)
    )
    one = alt(w for w, n in v.count_words.items() if n == 1)
    today = "".join(f"(?<!{re.escape(w)} )" for w in v.today_not_after)
    month_words = list(v.months)
    return [
        Family(
            "numeric",
            NUMERIC_DATE,
            initials([], digits=True),
            _numeric,
            needs=r"\d[-/.]\d",
            weekday_before=True,
        ),
        Family(
            "hijri",
            rf"{B}(?:(?P<day>\d{{1,2}}){SP}(?:من{SP})?)?(?:شهر{SP})?(?P<hmon>{alt(v.hijri_months)})"
            rf"{OSP}،?{SP}(?:{year_words}{SP})?(?P<hyear>1[34]\d\d){OSP}(?:{alt(v.hijri_marks)})"
            rf"{END}",
            initials(["شهر", *v.hijri_months], digits=True),
            _hijri,
            triggers=frozenset(v.hijri_months),
        ),
        Family(
            "day_month",
            rf"{B}(?:(?P<dnum>\d{{1,2}})(?!\d)|(?P<dord>{alt(v.ordinal_days)}){SP}من){SP}"
            rf"(?:من{SP})?(?:شهر{SP})?{mon}{tail}?{END}",
            initials(v.ordinal_days, digits=True),
            _day_month,
            triggers=frozenset(month_words),
            weekday_before=True,
            says_next=True,
        ),
        Family(
            "month",
            rf"{B}(?:شهر{SP})?{mon}{tail}{END}",
            initials(["شهر", *month_words]),
            _month,
            triggers=frozenset(month_words),
            edges=True,
            says_next=True,
        ),
        Family(
            "bare_month",
            rf"{_after(v.before_bare_month)}(?P<mon>{safe}){END}",
            initials(month_words),
            _bare_month,
            triggers=frozenset(month_words),
            edges=True,
        ),
        Family(
            "year",
            rf"(?:{B}{year_words}{SP}|{_after(v.before_bare_year)}){YEAR}{counted}",
            initials(v.year_words, digits=True),
            _year,
            needs=_YEAR_DIGITS,
            edges=True,
        ),
        Family(
            "mdy",
            rf"(?<!\w)(?P<mon>{latin})\.?{SP}(?P<dnum>\d{{1,2}})(?:st|nd|rd|th)?,?{SP}{YEAR}",
            initials(month_words),
            _day_month,
            triggers=frozenset(month_words),
        ),
        Family(
            "relative",
            rf"{B}(?:(?P<this>{alt(v.demonstratives)}){SP}(?P<unit>{units})"
            rf"|(?P<unit2>{units}){SP}{mod}){END}",
            initials([*v.demonstratives, *v.definite_units]),
            _relative,
            triggers=frozenset(v.definite_units),
            relative=True,
            edges=True,
            says_next=True,
        ),
        Family(
            "edge",
            rf"{B}(?P<edge>{alt(v.edges)}){SP}(?P<unit>{units}){END}",
            initials(v.edges),
            _edge,
            triggers=frozenset(v.definite_units),
            relative=True,
        ),
        Family(
            "day_of_month",  # الرابع من الشهر الجاري، 5 من الشهر الماضي، العاشر من هذا الشهر
            rf"{B}(?:(?P<dnum>\d{{1,2}})(?!\d)|(?P<dord>{alt(v.ordinal_days)})){SP}من{SP}"
            rf"(?:(?P<this>{alt(v.demonstratives)}){SP}{month_unit}|{month_unit}{SP}{mod}){END}",
            initials(v.ordinal_days, digits=True),
            _day_of_month,
            triggers=frozenset(u for u, kind in v.definite_units.items() if kind == "month"),
            relative=True,
        ),
        Family(
            "same_year",  # العام نفسه، في السنة ذاتها، أواخر العام نفسه: the year stated nearby
            rf"{B}(?:(?P<edge>{alt(v.edges)}){SP})?(?:{year_units}){SP}(?:{alt(v.same_words)}){END}",
            initials([*v.edges, *v.definite_units]),
            _same_year,
            triggers=frozenset(v.same_words),
        ),
        Family(
            "feast",  # خلال عيد الأضحى، عيد الفطر الماضي، في رمضان (a Hijri date without a year)
            rf"(?:{B}(?P<named>{alt(w for w in v.feasts if ' ' in w)})"
            rf"|{_after(v.before_bare_feast)}(?P<bare>{alt(w for w in v.feasts if ' ' not in w)}))"
            rf"(?:{SP}{mod})?{END}",
            initials(v.feasts),
            _feast,
            triggers=frozenset(w.split()[0] for w in v.feasts),
            relative=True,
        ),
        Family(
            "weekday",
            # الأحد / الاثنين alone are "one" / "two": weekdays only after يوم or with a modifier.
            rf"{B}(?:(?P<yawm>يوم){SP})?(?P<wd>{alt(v.weekdays)})(?:{SP}{mod})?{END}"
            rf"(?(yawm)|(?(mod)|{ambiguous}))",
            initials(["يوم", *v.weekdays]),
            _weekday,
            weekday=True,
            triggers=frozenset(v.weekdays),
            relative=True,
            says_next=True,
        ),
        Family(
            "deictic",
            rf"{B}(?:يوم{SP})?(?P<deic>{deictic}){END}",
            initials(["يوم", *v.deictic_days]),
            _deictic,
            triggers=frozenset(w.split()[-1] for w in v.deictic_days),
            relative=True,
        ),
        Family(
            "ago",
            rf"{B}قبل{SP}(?:(?P<n>\d{{1,2}}|{alt(v.count_words)}){SP}(?P<units>{alt(v.count_units)})"
            rf"|(?P<dual>{alt(v.dual_units)})|(?P<one>{alt(v.one_units)})(?:{SP}(?:{one}))?)"
            rf"{END}(?!{SP}من{END})",  # قبل عامين من ...: "two years before ...", no date
            initials(["قبل"]),
            _ago,
            triggers=frozenset([*v.count_units, *v.dual_units, *v.one_units]),
            relative=True,
        ),
        Family(
            "today",
            rf"{today}(?<!\w){v.today}{END}(?! (?:{alt(v.today_not_before)}))",
            initials([v.today]),
            _today,
            triggers=frozenset([v.today]),
            relative=True,
        ),
        _vague_family(v, mods, year_words),
    ]


def _vague_family(v: Vocabulary, mods: str, year_words: str) -> Family:
    """Durations, seasons, quarters and "recently" words: vague ``period`` rows."""
    nouns = alt(v.period_nouns)
    year_ref = rf"(?:\d{{4}}|{year_words}(?:{SP}(?:{mods}))?)"
    pattern = (
        rf"{B}(?:(?:(?:{alt(v.period_openers)}){SP})?(?:{nouns}){SP}(?:ال\w+{SP})?"
        rf"(?:{alt(v.period_modifiers)})"
        rf"|{_after(v.before_bare_period)}(?:{nouns})"
        rf"|منذ{SP}(?:{alt(v.since_nouns)})|{alt(v.for_periods)}"
        rf"|(?:{v.season_word}{SP})?(?:{alt(v.seasons)})(?:{SP}(?:\d{{4}}|{mods}))?"
        rf"|{v.quarter_word}{SP}(?:{alt(v.quarters)})(?:{SP}من{SP}(?:{year_words}{SP})?{year_ref})?"
        rf"|{alt(v.recently)}|(?:{alt(v.nowadays_before)}){SP}{v.today}"
        rf"|(?:{alt(v.whole_units)}){SP}{v.whole_word}(?:ه)?){END}"
    )
    opening = [*v.period_openers, *v.period_nouns, *v.for_periods, v.season_word, *v.seasons]
    opening += [v.quarter_word, *v.recently, *v.nowadays_before, *v.whole_units, "منذ"]
    triggers = [*v.period_nouns, "منذ", *v.for_periods, *v.seasons, v.quarter_word, *v.recently]
    triggers += [v.whole_word, v.whole_word + "ه", v.today]
    return Family("vague", pattern, initials(opening), _period, triggers=frozenset(triggers))

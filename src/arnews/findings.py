"""What each notebook found, in Arabic and English, computed from its tables.

Each ``*_findings`` function reads the tidy tables and returns a list of :class:`Finding`: one
sentence per fact, in both languages, with the numbers it rests on (the most mentioned companies
and their share, the largest change over time, the most positive and most negative articles or
outlets toward open and closed models, the first and latest releases). Nothing here draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from arnews.aggregate import (
    mentions_over_time,
    net_tone,
    publication_dates,
    time_grain,
    tone_by_outlet,
    undated,
)
from arnews.names import EVENT_KIND_NAMES, TARGET_NAMES
from arnews.rtl import date_label, period_label, short_title, signed

__all__ = [
    "Change",
    "Finding",
    "corpus_findings",
    "largest_change",
    "mentions_findings",
    "stance_findings",
    "timeline_findings",
]


@dataclass(frozen=True)
class Finding:
    """One fact, said in Arabic and in English."""

    ar: str
    en: str


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _quoted(title: object, fallback: str) -> str:
    return f"«{short_title(title, fallback, 50)}»"


# --- corpus --------------------------------------------------------------------------------------


def corpus_findings(articles: pd.DataFrame, skipped: pd.DataFrame) -> list[Finding]:
    """Return what the corpus holds: articles and skipped inputs, dates, outlets, lengths."""
    n, k = len(articles), len(skipped)
    out = [_loaded(n, k, skipped)]
    if n == 0:
        return out
    out.append(_dates(articles))
    outlets = articles["outlet"].dropna().astype(str)
    outlets = outlets[outlets != ""]
    if len(outlets):
        top, m = outlets.value_counts().index[0], int(outlets.value_counts().iloc[0])
        count = outlets.nunique()
        out.append(
            Finding(
                f"عدد المنافذ الإخبارية: {count:,}؛ أكثرها مقالات {top} ({m:,}، {_pct(m, n)}).",
                f"They come from {count:,} outlets, most from {top} ({m:,} articles, "
                f"{_pct(m, n)}).",
            )
        )
    lengths = articles["n_chars"]
    longest = articles.loc[lengths.idxmax()]
    out.append(
        Finding(
            f"وسيط طول المقالة بالحروف: {int(lengths.median()):,}؛ أطولها "
            f"{_quoted(longest['title'], longest['article_id'])} ({int(longest['n_chars']):,}).",
            f"The median article is {int(lengths.median()):,} characters long; the longest is "
            f"{_quoted(longest['title'], longest['article_id'])} ({int(longest['n_chars']):,}).",
        )
    )
    return out


def _loaded(n: int, k: int, skipped: pd.DataFrame) -> Finding:
    ar, en = f"المقالات المقروءة: {n:,}", f"{n:,} articles were read"
    if k:
        reason = skipped["reason"].astype(str).str.split(":").str[0].value_counts().index[0]
        ar += f"؛ الملفات المتروكة: {k:,} (أكثر الأسباب: {reason})"
        en += f"; {k:,} inputs were skipped (most often: {reason})"
    else:
        ar, en = ar + "؛ لم يُترك أي ملف", en + " and no input was skipped"
    return Finding(ar + ".", en + ".")


def _dates(articles: pd.DataFrame) -> Finding:
    dates = publication_dates(articles).dropna()
    missing = undated(articles)
    if dates.empty:
        return Finding(
            "لا تاريخ نشر لأي مقالة، فلا تظهر في الرسوم الزمنية.",
            "No article has a publication date, so none shows on a time axis.",
        )
    first, last = dates.min().date().isoformat(), dates.max().date().isoformat()
    ar = f"نُشرت بين {date_label(first, 'ar')} و{date_label(last, 'ar')}"
    en = f"They were published between {date_label(first, 'en')} and {date_label(last, 'en')}"
    if first == last:
        ar, en = (
            f"نُشرت في {date_label(first, 'ar')}",
            f"They were published on {date_label(first, 'en')}",
        )
    if missing:
        ar += f"؛ مقالات بلا تاريخ نشر: {missing:,}"
        en += f"; {missing:,} have no publication date"
    return Finding(ar + ".", en + ".")


# --- mentions ------------------------------------------------------------------------------------


def mentions_findings(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    arabic_names: Mapping[str, str] | None = None,
    *,
    count_products_as_company: bool = True,
) -> list[Finding]:
    """Return the most mentioned companies and their share, and the largest change over time.

    `arabic_names` maps a company to its Arabic name (for the Arabic sentences).
    """
    sel = mentions if count_products_as_company else mentions[mentions["kind"] == "company"]
    if sel.empty:
        return [Finding("لم تُذكر أي شركة.", "No company is mentioned.")]
    ar_name = (arabic_names or {}).get
    counts = sel["company"].value_counts()
    total, top = int(counts.sum()), counts.head(3)
    lead = top.index[0]
    in_articles = sel.loc[sel["company"] == lead, "article_id"].nunique()
    rest_ar = (
        "، ثم "
        + " و".join(f"{ar_name(c) or c} ({_pct(int(v), total)})" for c, v in top.iloc[1:].items())
        if len(top) > 1
        else ""
    )
    rest_en = (
        ", then " + " and ".join(f"{c} ({_pct(int(v), total)})" for c, v in top.iloc[1:].items())
        if len(top) > 1
        else ""
    )
    out = [
        Finding(
            f"أكثر الشركات ذكرًا {ar_name(lead) or lead}: الإشارات {int(counts.iloc[0]):,} من "
            f"أصل {total:,} ({_pct(int(counts.iloc[0]), total)})، والمقالات التي تذكرها "
            f"{in_articles:,}{rest_ar}.",
            f"The most mentioned company is {lead}: {int(counts.iloc[0]):,} of {total:,} "
            f"mentions ({_pct(int(counts.iloc[0]), total)}) in {in_articles:,} articles{rest_en}.",
        )
    ]
    change = largest_change(sel, articles)
    if change is not None:
        out.append(_say_change(change, ar_name))
    return out


@dataclass(frozen=True)
class Change:
    """The largest change of one company's mentions between two consecutive periods."""

    company: str
    grain: str  # "week" or "month"
    previous: pd.Timestamp
    period: pd.Timestamp
    before: int
    after: int


def largest_change(mentions: pd.DataFrame, articles: pd.DataFrame) -> Change | None:
    """Return the largest rise or fall of a company's mentions from one week or month of
    publication to the next (None with fewer than two dated periods)."""
    grain = time_grain(publication_dates(articles))
    over = mentions_over_time(mentions, articles, grain=grain)
    if over["period"].nunique() < 2:
        return None
    table = over.pivot_table(index="period", columns="company", values="count", fill_value=0)
    freq = "W-MON" if grain == "week" else "MS"
    table = table.reindex(pd.date_range(table.index.min(), table.index.max(), freq=freq),
                          fill_value=0)  # fmt: skip
    period, company = table.diff().iloc[1:].abs().stack().idxmax()
    at = table.index.get_loc(period)
    before, after = int(table.iloc[at - 1][company]), int(table.iloc[at][company])
    return Change(company, grain, table.index[at - 1], period, before, after)


def _say_change(c: Change, ar_name) -> Finding:
    verb_ar, verb_en = ("ارتفعت", "rose") if c.after > c.before else ("تراجعت", "fell")
    was_ar, now_ar = period_label(c.previous, c.grain, "ar"), period_label(c.period, c.grain, "ar")
    was_en, now_en = period_label(c.previous, c.grain, "en"), period_label(c.period, c.grain, "en")
    return Finding(
        f"أكبر تغيّر: {verb_ar} الإشارات إلى {ar_name(c.company) or c.company} من {c.before:,} "
        f"في {was_ar} إلى {c.after:,} في {now_ar}.",
        f"The largest change: mentions of {c.company} {verb_en} from {c.before:,} in {was_en} "
        f"to {c.after:,} in {now_en}.",
    )


# --- stance --------------------------------------------------------------------------------------


def stance_findings(stance: pd.DataFrame, articles: pd.DataFrame) -> list[Finding]:
    """Return how many sentences judge each target and how, and the most positive and most
    negative articles (or outlets, when there are several) toward open and closed models."""
    if stance.empty:
        return [
            Finding(
                "لا جملة تحكم على النماذج المفتوحة أو المغلقة.",
                "No sentence judges open or closed models.",
            )
        ]
    parts_ar, parts_en = [], []
    for t, (tar, ten) in TARGET_NAMES.items():
        sub = stance[stance["target"] == t]
        pos, neg = (
            int((sub["polarity"] == "positive").sum()),
            int((sub["polarity"] == "negative").sum()),
        )
        parts_ar.append(f"جمل تحكم على {tar}: {len(sub):,} (إيجابية: {pos:,}، سلبية: {neg:,})")
        parts_en.append(f"{len(sub):,} sentences judge {ten} ({pos:,} positive, {neg:,} negative)")
    out = [Finding("؛ ".join(parts_ar) + ".", "; ".join(parts_en) + ".")]
    outlets = articles["outlet"].dropna()
    if outlets[outlets.astype(str) != ""].nunique() > 1:
        out += _extremes(tone_by_outlet(stance, articles, top=50), "outlet", None)
    else:
        out += _extremes(
            net_tone(stance, articles),
            "article_id",
            dict(zip(articles["article_id"], articles["title"], strict=True)),
        )
    return out


def _extremes(table: pd.DataFrame, key: str, titles: Mapping[str, str] | None) -> list[Finding]:
    out = []
    for t, (tar, ten) in TARGET_NAMES.items():
        sub = table[(table["target"] == t) & ((table["n_positive"] + table["n_negative"]) > 0)]
        if sub.empty:
            continue
        sub = sub.sort_values(["net", key], ascending=[False, True], kind="stable")
        best, worst = sub.iloc[0], sub.iloc[-1]
        for row, ar_side, en_side in (
            (best, "الأكثر إيجابية", "most positive"),
            (worst, "الأكثر سلبية", "most negative"),
        ):
            if (row["net"] <= 0 and en_side == "most positive") or (
                row["net"] >= 0 and en_side == "most negative"
            ):
                continue
            name = _quoted(titles.get(row[key]), row[key]) if titles is not None else row[key]
            net = signed(int(row["net"]))
            what_ar = "المقالة" if titles is not None else "المنفذ"
            what_en = "article" if titles is not None else "outlet"
            out.append(
                Finding(
                    f"{what_ar} {ar_side} تجاه {tar}: {name} (الصافي {net}).",
                    f"The {what_en} {en_side} toward {ten}: {name} (net {net}).",
                )
            )
    return out


# --- timeline ------------------------------------------------------------------------------------


def timeline_findings(
    events: pd.DataFrame, arabic_names: Mapping[str, str] | None = None
) -> list[Finding]:
    """Return how many events of each kind were dated, and the first and latest releases."""
    dated = events[events["precision"] != "vague"]
    vague = len(events) - len(dated)
    if dated.empty:
        return [
            Finding(
                f"لا حدث مؤرخًا (التعابير غير المحددة: {vague:,}).",
                f"No dated event ({vague:,} vague expressions).",
            )
        ]
    counts = dated["kind"].value_counts()
    ar = "، ".join(f"{EVENT_KIND_NAMES.get(k, (k, k))[0]}: {int(n):,}" for k, n in counts.items())
    en = ", ".join(f"{int(n):,} {EVENT_KIND_NAMES.get(k, (k, k))[1]}" for k, n in counts.items())
    out = [
        Finding(
            f"الأحداث المؤرخة: {len(dated):,} ({ar})؛ التعابير غير المحددة: {vague:,}.",
            f"{len(dated):,} dated events ({en}) and {vague:,} vague expressions.",
        )
    ]
    releases = dated[dated["kind"] == "release"].sort_values("date", kind="stable")
    if len(releases):
        ar_name = (arabic_names or {}).get
        for row, ar_side, en_side in (
            (releases.iloc[0], "أول إطلاق", "The first release"),
            (releases.iloc[-1], "آخر إطلاق", "The latest release"),
        ):
            what = row["subject"] or row["company"] or row["surface"]
            owner = row["company"]
            ar_owner = f" ({ar_name(owner) or owner})" if owner and owner != what else ""
            en_owner = f" ({owner})" if owner and owner != what else ""
            out.append(
                Finding(
                    f"{ar_side}: {what}{ar_owner}، {date_label(row['date'], 'ar')}.",
                    f"{en_side}: {what}{en_owner}, {date_label(row['date'], 'en')}.",
                )
            )
    return out

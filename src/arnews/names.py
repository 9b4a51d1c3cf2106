"""Display names of the codes the tables use (stance targets and polarities, mention and event
kinds), in Arabic and English: one place for the charts, the table views and the findings."""

from __future__ import annotations

__all__ = [
    "CONFIDENCE_NAMES",
    "EVENT_KIND_NAMES",
    "MENTION_KIND_NAMES",
    "POLARITY_NAMES",
    "PRECISION_NAMES",
    "RESOLVED_FROM_NAMES",
    "TARGET_NAMES",
    "TARGET_SHORT_NAMES",
]

#: Stance target -> (Arabic, English).
TARGET_NAMES = {
    "open": ("النماذج المفتوحة", "open models"),
    "closed": ("النماذج المغلقة", "closed models"),
}
#: Stance target -> (Arabic, English) in a table cell or a legend beside a polarity: the
#: adjective alone, feminine as it agrees with النماذج (non-human plural).
TARGET_SHORT_NAMES = {"open": ("مفتوحة", "open"), "closed": ("مغلقة", "closed")}
#: Stance polarity -> (Arabic, English), feminine as it agrees with القطبية and النبرة.
POLARITY_NAMES = {
    "positive": ("إيجابية", "positive"),
    "negative": ("سلبية", "negative"),
    "neutral": ("محايدة", "neutral"),
}
#: Mention kind -> (Arabic, English).
MENTION_KIND_NAMES = {
    "company": ("شركة", "company"),
    "product": ("منتج", "product"),
    "person": ("شخص", "person"),
}
#: Event kind -> (Arabic, English).
EVENT_KIND_NAMES = {
    "release": ("إطلاق", "release"),
    "announcement": ("إعلان", "announcement"),
    "delay": ("تأجيل", "delay"),
    "other": ("أخرى", "other"),
}
#: Stance confidence -> (Arabic, English).
CONFIDENCE_NAMES = {"low": ("منخفضة", "low"), "high": ("عالية", "high")}
#: How an event's date was found (``resolved_from``) -> (Arabic, English).
RESOLVED_FROM_NAMES = {
    "absolute": ("تاريخ صريح", "stated date"),
    "publication": ("تاريخ النشر", "publication date"),
    "context": ("تاريخ سابق في المقالة", "earlier date in the article"),
    "unresolved": ("بلا مرجع", "no anchor"),
    "period": ("مدة أو فترة", "span or period"),
}
#: A date's precision -> (Arabic, English).
PRECISION_NAMES = {
    "day": ("يوم", "day"),
    "month": ("شهر", "month"),
    "year": ("سنة", "year"),
    "vague": ("مبهم", "vague"),
}

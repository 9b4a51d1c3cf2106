"""What a notebook shows for each question, in the form its size calls for.

A view function takes the tables and the notebook's :class:`arnews.notebook.Setup` and returns
:class:`Views`: figures, HTML tables and Markdown notes, displayed in order when a notebook cell
ends with it. Up to :data:`arnews.aggregate.PER_ARTICLE_MAX` articles a view shows every article;
beyond, aggregates over publication time and outlets, and the top articles with the rest in the
CSV files. Notes are Markdown paragraphs in Arabic and in English, each with its direction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import pandas as pd
from IPython.display import HTML, Markdown, display

from arnews import aggregate as agg
from arnews.charts.tables import table_view
from arnews.findings import Finding
from arnews.names import (
    CONFIDENCE_NAMES,
    EVENT_KIND_NAMES,
    MENTION_KIND_NAMES,
    POLARITY_NAMES,
    PRECISION_NAMES,
    RESOLVED_FROM_NAMES,
    TARGET_SHORT_NAMES,
)
from arnews.pipeline import ANALYSIS_TABLES
from arnews.rtl import bilingual, isolate_runs

__all__ = [
    "COLUMNS",
    "Views",
    "accuracy_views",
    "candidates_views",
    "company_views",
    "corpus_views",
    "findings_view",
    "note",
    "size_note",
    "table",
    "table_of",
    "titles_of",
    "tone_views",
    "where_views",
]


class Views(list):
    """Figures, tables and notes shown one after the other by a notebook cell."""

    def _ipython_display_(self) -> None:
        for view in self:
            display(view)


def _escape_md(text: str) -> str:
    for ch in "\\`*_{}[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _block(lines: Sequence[str], direction: str, *, bullets: bool = False) -> str:
    lang = "ar" if direction == "rtl" else "en"
    body = "\n".join(
        ("- " if bullets else "") + _escape_md(isolate_runs(line, direction))  # type: ignore[arg-type]
        for line in lines
    )
    sep = "\n" if bullets else "\n\n"
    return f'<div dir="{direction}" lang="{lang}">\n\n{body.replace(chr(10), sep)}\n\n</div>'


def note(ar: str, en: str) -> Markdown:
    """Return a note as Markdown: the Arabic paragraph, then the English one, each in a block
    of its own direction (JupyterLab and the HTML export both honour ``dir``)."""
    return Markdown(_block([ar], "rtl") + "\n\n" + _block([en], "ltr"))


def findings_view(findings: Iterable[Finding]) -> Markdown:
    """Return findings as two Markdown lists, Arabic (right to left) then English."""
    findings = list(findings)
    return Markdown(
        _block([f.ar for f in findings], "rtl", bullets=True)
        + "\n\n"
        + _block([f.en for f in findings], "ltr", bullets=True)
    )


def table(
    df: pd.DataFrame,
    columns: Mapping[str, tuple[str, str]],
    *,
    language: str = "ar",
    csv: str | None = None,
    titles: Mapping[str, str] | None = None,
    **options,
) -> HTML:
    """Return the first rows of `df` as an HTML table with bilingual headers (``column ->
    (Arabic, English)``) and, when cut, where the whole table is (`csv`)."""
    headers = {c: bilingual(ar, en, language) for c, (ar, en) in columns.items()}
    return HTML(table_view(df, headers, language=language, csv=csv, titles=titles, **options))


#: The columns each table view shows, in reading order, with their Arabic and English headers.
COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "articles": {"title": ("العنوان", "title"), "published": ("تاريخ النشر", "published"),
                 "outlet": ("المنفذ", "outlet"), "n_chars": ("الحروف", "characters"),
                 "article_id": ("المعرّف", "id"), "warnings": ("تنبيهات", "warnings")},
    "skipped": {"path": ("الملف", "file"), "reason": ("السبب", "reason")},
    "words": {"word": ("الكلمة", "word"), "count": ("المرات", "count"),
              "n_articles": ("المقالات", "articles")},
    "mentions": {"article_id": ("المقالة", "article"), "surface": ("كما كُتب", "as written"),
                 "clitic": ("السابقة", "clitic"), "entity": ("الكيان", "entity"),
                 "kind": ("النوع", "kind"), "company": ("الشركة", "company"),
                 "start": ("البداية", "start"), "end": ("النهاية", "end")},
    "stance": {"article_id": ("المقالة", "article"), "sentence_id": ("الجملة", "sentence"),
               "target": ("الهدف", "target"), "polarity": ("القطبية", "polarity"),
               "score": ("الدرجة", "score"), "confidence": ("الثقة", "confidence")},
    "events": {"date": ("التاريخ", "date"), "precision": ("الدقة", "precision"),
               "kind": ("النوع", "kind"), "subject": ("الموضوع", "subject"),
               "surface": ("كما كُتب", "as written"), "sentence": ("الجملة", "sentence"),
               "article_id": ("المقالة", "article"), "resolved_from": ("المرجع", "anchor")},
    "tone": {"article_id": ("المقالة", "article"), "target": ("الهدف", "target"),
             "n_positive": ("إيجابية", "positive"), "n_negative": ("سلبية", "negative"),
             "n_neutral": ("محايدة", "neutral"), "net": ("الصافي", "net"),
             "mean_score": ("متوسط الدرجة", "mean score")},
    "candidates": {"surface": ("الاسم", "name"), "evidence": ("الدليل", "evidence"),
                   "count": ("المرات", "count"), "articles": ("المقالات", "articles"),
                   "article_id": ("أول مقالة", "first article")},
    "vague": {"resolved_from": ("السبب", "why"), "surface": ("كما كُتب", "as written"),
              "kind": ("النوع", "kind"), "sentence": ("الجملة", "sentence"),
              "article_id": ("المقالة", "article")},
}  # fmt: skip
_OPTIONS = {
    "stance": {"signed_columns": {"score": 2}},
    "tone": {"signed_columns": {"net": 0, "mean_score": 2}},
    "events": {"classes": {"sentence": "sent"}},
    "vague": {"classes": {"sentence": "sent"}},
    "candidates": {"max_rows": 8},
    "mentions": {"max_rows": 8},
}
#: Values shown in the label language (the CSV files keep the codes): column -> code ->
#: (Arabic, English).
_VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "target": TARGET_SHORT_NAMES,
    "polarity": POLARITY_NAMES,
    "confidence": CONFIDENCE_NAMES,
    "resolved_from": RESOLVED_FROM_NAMES,
    "precision": PRECISION_NAMES,
}  # fmt: skip
_KINDS = {"mentions": MENTION_KIND_NAMES, "events": EVENT_KIND_NAMES, "vague": EVENT_KIND_NAMES}
# The CSV file holding each table whole (the notebooks write them to output_dir).
_CSV = {n: n for n in ("articles", "skipped", "mentions", "stance", "tone", "events")}
_CSV["candidates"] = "candidates"
_CSV["vague"] = "events"


def table_of(
    name: str, df: pd.DataFrame, setup, *, titles: Mapping[str, str] | None = None, **options
) -> HTML:
    """Return the table view `name` (a key of :data:`COLUMNS`) of `df`: its first rows, and
    the CSV file holding the whole table when the notebook writes one."""
    csv = setup.csv(_CSV[name]) if name in _CSV else None
    merged = {**_OPTIONS.get(name, {}), **options}
    merged["formats"] = {**_value_formats(name, setup.language), **merged.get("formats", {})}
    return table(df, COLUMNS[name], language=setup.language, csv=csv, titles=titles, **merged)


def _value_formats(name: str, language: str) -> dict:
    """Column -> function showing a code (``open``, ``release`` …) in the label language."""
    names = {**_VALUES, **({"kind": _KINDS[name]} if name in _KINDS else {})}

    def shown(words: Mapping[str, tuple[str, str]]):
        return lambda v: bilingual(*words[v], language) if v in words else str(v)

    return {col: shown(words) for col, words in names.items() if col in COLUMNS[name]}


def titles_of(articles: pd.DataFrame) -> dict[str, str]:
    """Return article id -> title."""
    return dict(zip(articles["article_id"], articles["title"].fillna(""), strict=True))


def size_note(articles: pd.DataFrame) -> Markdown | None:
    """Return, for a corpus past :data:`~arnews.aggregate.PER_ARTICLE_MAX` articles, a note
    saying that views aggregate (None for a small corpus)."""
    n = len(articles)
    if agg.per_article(articles):
        return None
    limit = agg.PER_ARTICLE_MAX
    missing = agg.undated(articles)
    ar = (
        f"عدد المقالات {n:,}، أكثر من {limit:,}: تعرض الرسوم مجاميع حسب زمن النشر والمنفذ "
        f"وأعلى المقالات، والجداول كاملة في ملفات CSV."
    )
    en = (
        f"{n:,} articles, more than {limit:,}: the charts show totals over publication time "
        f"and outlets and the top articles; the whole tables are in the CSV files."
    )
    if missing:
        ar += f" المقالات بلا تاريخ نشر ({missing:,}) لا تظهر في الرسوم الزمنية."
        en += f" The {missing:,} articles without a publication date are not on time axes."
    return note(ar, en)


# --- 00-corpus -----------------------------------------------------------------------------------


def corpus_views(articles: pd.DataFrame, setup) -> Views:
    """Articles table (first rows), then their lengths (a bar per article, or a histogram) and,
    with dates, articles per week or month."""
    from arnews.charts.corpus import article_lengths_bar, articles_over_time_bar, length_histogram

    lang = setup.language
    out = Views()
    out.append(table_of("articles", articles, setup))
    if agg.per_article(articles):
        out.append(article_lengths_bar(articles, language=lang))
    else:
        out += [size_note(articles), length_histogram(articles, language=lang)]
    dates = agg.publication_dates(articles)
    grain = agg.time_grain(dates)
    counts = agg.articles_over_time(articles, grain)
    if len(counts) >= 2:
        out.append(
            articles_over_time_bar(
                counts, grain=grain, undated=agg.undated(articles), language=lang
            )
        )
    return out


# --- 01-mentions ---------------------------------------------------------------------------------


def where_views(
    mentions: pd.DataFrame, articles: pd.DataFrame, companies: list[str], setup
) -> Views:
    """Mentions per article (all articles, or the top ones by mentions) and over time."""
    from arnews.charts.mentions import article_company_heatmap, mentions_over_time_heatmap
    from arnews.mentions import article_company_counts

    lang, with_products = setup.language, setup.with_products
    per = article_company_counts(
        mentions, articles, companies, count_products_as_company=with_products
    )
    titles = titles_of(articles)
    out = Views()
    if agg.per_article(articles):
        out.append(article_company_heatmap(per, titles=titles, labels=setup.labels, language=lang))
        out.append(
            note(
                "كل خانة عدد إشارات شركة (عمود) في مقالة (صف)، والخانة الفارغة صفر؛ المقالة التي "
                "لا تذكر أيًّا منها يبقى صفّها فارغًا. مرّر المؤشر لقراءة معرّف المقالة.",
                "Each cell counts one company's mentions (column) in one article (row), an "
                "empty cell none; an article naming none of them keeps an empty row. Hover to "
                "read the article's id.",
            )
        )
        return out
    top = agg.top_articles_by_mentions(per)
    n_top = top["article_id"].nunique()
    out.append(
        article_company_heatmap(
            top,
            titles=titles,
            labels=setup.labels,
            language=lang,
            title=bilingual(
                f"المقالات الأكثر إشارات (أعلى {n_top:,})",
                f"The {n_top:,} articles with most mentions",
                lang,
            ),
        )
    )
    out.append(
        note(
            f"أعلى المقالات بعدد الإشارات: {n_top:,} من {len(articles):,}؛ "
            "كل إشارة في mentions.csv.",
            f"The top {n_top:,} of {len(articles):,} articles by mentions; "
            "every mention is in mentions.csv.",
        )
    )
    grain = agg.time_grain(agg.publication_dates(articles))
    over = agg.mentions_over_time(
        mentions, articles, companies, grain=grain, count_products_as_company=with_products
    )
    if over["period"].nunique() >= 2:
        out.append(
            mentions_over_time_heatmap(
                over,
                grain=grain,
                labels=setup.labels,
                undated=agg.undated(articles),
                language=lang,
            )
        )
    return out


def candidates_views(
    candidates: pd.DataFrame, setup, *, titles: Mapping[str, str] | None = None
) -> Views:
    """Names seen but not in the gazetteer (:func:`arnews.mentions.find_candidates`), then the
    one line of a gazetteer file that would count the first of them."""
    if candidates.empty:
        return Views([note("لم يظهر اسم خارج قائمة الكيانات.", "No name outside the gazetteer.")])
    surface = str(candidates["surface"].iloc[0])
    name = surface if candidates["evidence"].iloc[0] == "latin" else "Name"
    line = f"- {{name: {name}, kind: company, aliases: [{surface}]}}"
    hint = Markdown(
        '<div dir="rtl" lang="ar">\n\nلعدّ اسم منها أضف سطرًا مثل هذا إلى ملف YAML وأعطِ '
        'الملف في المعامل <bdi dir="ltr">`extra_gazetteer`</bdi>:\n\n</div>\n\n'
        '<div dir="ltr" lang="en">\n\nTo count one of them, add a line like this to a YAML '
        f"file given as `extra_gazetteer`:\n\n```yaml\n{line}\n```\n\n</div>"
    )
    return Views([table_of("candidates", candidates, setup, titles=titles), hint])


# --- 02-stance -----------------------------------------------------------------------------------


def tone_views(stance: pd.DataFrame, articles: pd.DataFrame, setup) -> Views:
    """Net tone per article (all, or the most positive and negative ones), over time, by outlet,
    and its table (first rows)."""
    from arnews.charts.stance import net_tone_bars, tone_by_outlet_bars, tone_over_time_lines

    lang = setup.language
    tone = agg.net_tone(stance, articles)
    out = Views()
    if agg.per_article(articles):
        out.append(net_tone_bars(tone, language=lang))
    else:
        grain = agg.time_grain(agg.publication_dates(articles))
        over = agg.tone_over_time(stance, articles, grain)
        if over["period"].nunique() >= 2:
            out.append(
                tone_over_time_lines(
                    over, grain=grain, undated=agg.undated(articles), language=lang
                )
            )
        outlets = agg.tone_by_outlet(stance, articles)
        if outlets["outlet"].nunique() >= 2:
            out.append(tone_by_outlet_bars(outlets, language=lang))
        extremes = agg.extreme_articles(tone, n=8)
        out.append(
            net_tone_bars(
                extremes,
                language=lang,
                title=bilingual(
                    "المقالات الأكثر إيجابية والأكثر سلبية تجاه كل هدف",
                    "The most positive and most negative articles toward each target",
                    lang,
                ),
            )
        )
    shown = tone[(tone["n_positive"] + tone["n_negative"] + tone["n_neutral"]) > 0]
    shown = shown.reindex(shown["net"].abs().sort_values(ascending=False, kind="stable").index)
    out.append(table_of("tone", shown, setup, titles=titles_of(articles)))
    return out


def company_views(by_company: pd.DataFrame, setup) -> Views:
    """Stance sentences per company naming it (:func:`arnews.aggregate.stance_by_company`),
    or a note when no company is named in a stance sentence."""
    from arnews.charts.stance import company_stance_bars

    if by_company.empty:
        return Views(
            [note("لا شركات في جمل الموقف.", "No company is named in a stance sentence.")]
        )
    return Views([company_stance_bars(by_company, labels=setup.labels, language=setup.language)])


def accuracy_views(gold_sets: Sequence, setup) -> Views:
    """Score the analyses against each gold set that exists; show the figures side by side."""
    from arnews.evaluation import evaluate_set, figures_table

    found = [s for s in gold_sets if s.articles.is_dir() and s.gold.is_dir()]
    missing = [s.name for s in gold_sets if s not in found]
    out = Views()
    if missing:
        out.append(
            note(
                f"مجموعات غير موجودة تُركت: {', '.join(missing)}.",
                f"Gold sets not found, left out: {', '.join(missing)}.",
            )
        )
    if not gold_sets:
        out.append(
            note(
                "لم تُعطَ مجموعات مرجعية (gold_sets): لا قياس للدقة هنا.",
                "No gold sets given (gold_sets): accuracy is not measured here.",
            )
        )
    if not found:
        return out
    # Every table is scored (the notebook's own options compute only its tables).
    options = replace(setup.options, tables=ANALYSIS_TABLES)
    figures = figures_table(evaluate_set(s, options=options) for s in found)
    frame = figures.reset_index().rename(columns={"figure": "_figure"})
    columns = {"_figure": ("المقياس", "figure")} | {s.name: (s.name, s.name) for s in found}
    formats = {s.name: _figure_text for s in found}
    out.append(
        table(
            frame,
            columns,
            language=setup.language,
            max_rows=len(frame),
            formats=formats,
            classes={s.name: "num" for s in found},
        )
    )
    return out


def _figure_text(x) -> str:
    if x is None or pd.isna(x):
        return ""
    return f"{x:.0f}" if float(x).is_integer() and abs(x) > 1 else f"{x:.3f}"

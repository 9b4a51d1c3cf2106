"""The top of each notebook in one call: check its parameters, load what it needs, set plotly up.

Each ``*_setup`` function takes the notebook's parameters as keywords, raises
:class:`arnews.errors.ParameterError` on the first bad one (so a notebook fails at its top with
a clear message), makes figures display as plotly's mimetype (:func:`use_notebook_renderer`) and
returns a :class:`Setup` holding the checked values and what the notebook derives from them
(the gazetteer, display names, the CSV links of the report).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from arnews.charts import use_notebook_renderer
from arnews.evaluation import GoldSet
from arnews.params import (
    ParameterError,
    check_bool,
    check_choice,
    check_companies,
    check_date_range,
    check_existing_path,
    check_kinds,
    check_names,
    check_positive_int,
)
from arnews.rtl import LANGUAGES, display_names

__all__ = [
    "Setup",
    "corpus_setup",
    "mentions_setup",
    "stance_setup",
    "table_link",
    "timeline_setup",
]

ENGINES = ("local", "dask")


@dataclass
class Setup:
    """What a notebook works with once its parameters are checked."""

    corpus_dir: str
    output_dir: str = ""
    language: str = "ar"
    options: object = None  # arnews.pipeline.Options
    gazetteer: object = None  # arnews.mentions.Gazetteer
    labels: dict[str, str] = field(default_factory=dict)  # company -> display name
    arabic_names: dict[str, str] = field(default_factory=dict)  # company -> Arabic name
    values: dict[str, object] = field(default_factory=dict)  # other checked values

    def __getattr__(self, name: str) -> object:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def csv(self, table: str) -> str | None:
        """Return the link to ``<table>.csv`` in a report (None when nothing is written)."""
        return table_link(self.output_dir, table)


def table_link(output_dir: str, table: str) -> str | None:
    """Return where ``<table>.csv`` is, relative to the report that holds ``output_dir``.

    ``arnews report`` writes the tables to ``<report>/tables/``; a notebook run alone with an
    empty `output_dir` writes none (None).
    """
    if not output_dir:
        return None
    return f"{Path(output_dir).name}/{table}.csv"


def _common(corpus_dir: str, label_language: str, engine: str | None) -> None:
    check_existing_path("corpus_dir", corpus_dir)
    check_choice("label_language", label_language, LANGUAGES)
    if engine is not None:
        check_choice("engine", engine, ENGINES)


def _gazetteer(setup: Setup, extra: str | None) -> Setup:
    from arnews.mentions import load_gazetteer

    setup.gazetteer = load_gazetteer(extra or None)
    setup.arabic_names = setup.gazetteer.arabic_names()
    setup.labels = display_names(setup.arabic_names, setup.language)
    return setup


def corpus_setup(*, corpus_dir: str, output_dir: str, top_n: int, label_language: str) -> Setup:
    """Check the parameters of ``00-corpus``."""
    _common(corpus_dir, label_language, None)
    check_positive_int("top_n", top_n)
    use_notebook_renderer()
    return Setup(corpus_dir, output_dir, label_language, values={"top_n": top_n})


def mentions_setup(
    *,
    corpus_dir: str,
    output_dir: str,
    companies: list,
    top_n: int,
    count_products_as_company: bool,
    label_language: str,
    extra_gazetteer: str,
    engine: str,
    scheduler: str,
) -> Setup:
    """Check the parameters of ``01-mentions``; load the gazetteer (with `extra_gazetteer`)."""
    from arnews.pipeline import Options

    _common(corpus_dir, label_language, engine)
    check_positive_int("top_n", top_n)
    check_bool("count_products_as_company", count_products_as_company)
    setup = _gazetteer(Setup(corpus_dir, output_dir, label_language), extra_gazetteer)
    setup.options = Options(tables=("mentions",), extra_gazetteer=extra_gazetteer or None)
    setup.values = {
        "companies": check_companies(companies, setup.gazetteer),
        "top_n": top_n,
        "with_products": count_products_as_company,
        "engine": engine,
        "scheduler": scheduler or None,
    }
    use_notebook_renderer()
    return setup


def stance_setup(
    *,
    corpus_dir: str,
    output_dir: str,
    min_confidence: str,
    label_language: str,
    lexicon_extra: str,
    gold_sets: list,
    engine: str,
    scheduler: str,
) -> Setup:
    """Check the parameters of ``02-stance``; a malformed lexicon fails here, naming its line."""
    from arnews.pipeline import Options
    from arnews.stance import load_lexicon

    _common(corpus_dir, label_language, engine)
    check_choice("min_confidence", min_confidence, ["low", "high"])
    if lexicon_extra:
        check_existing_path("lexicon_extra", lexicon_extra)
    load_lexicon(lexicon_extra or None)
    check_names("gold_sets", gold_sets)
    try:
        sets = [GoldSet.parse(spec) for spec in gold_sets]
    except ValueError as err:
        raise ParameterError(f"gold_sets: {err}") from None
    setup = _gazetteer(Setup(corpus_dir, output_dir, label_language), None)
    setup.options = Options(tables=("mentions", "stance"), lexicon_extra=lexicon_extra or None)
    setup.values = {
        "min_confidence": min_confidence,
        "gold_sets": sets,
        "engine": engine,
        "scheduler": scheduler or None,
    }
    use_notebook_renderer()
    return setup


def timeline_setup(
    *,
    corpus_dir: str,
    output_dir: str,
    kinds: list,
    subjects: list,
    start: str,
    end: str,
    label_language: str,
    engine: str,
    scheduler: str,
) -> Setup:
    """Check the parameters of ``03-timeline``: event kinds, subjects and the date range."""
    from arnews.pipeline import Options

    _common(corpus_dir, label_language, engine)
    chosen = check_kinds(kinds)
    check_names("subjects", subjects)
    first_day, last_day = check_date_range(start, end)
    setup = _gazetteer(Setup(corpus_dir, output_dir, label_language), None)
    setup.options = Options(tables=("events",))
    setup.values = {
        "kinds": chosen,
        "subjects": subjects,
        "start": first_day,
        "end": last_day,
        "engine": engine,
        "scheduler": scheduler or None,
    }
    use_notebook_renderer()
    return setup

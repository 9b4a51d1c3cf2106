"""Stance toward open versus closed AI models, sentence by sentence, with the words that decide it.

A sentence gets a row per target (``open`` / ``closed``) it evaluates; purely factual sentences
get none. The pieces, each in its own module:

* :mod:`~arnews.stance.lexicon` — the vocabulary files (evaluative terms by aspect, target
  expressions, rule words), matched at the stem level (:mod:`~arnews.stance.words`);
* :mod:`~arnews.stance.findings` — a sentence's targets and weighed cues (negation,
  reducers such as يقلل، يحد من, intensifiers, hedges);
* :mod:`~arnews.stance.judge` — one pure function attributing cues to targets (clauses,
  contrast and comparison, concession, "but" weighing both sides, rhetorical questions);
* :mod:`~arnews.stance.context` — what the article says elsewhere (models and companies it
  labels open or closed, list leads, the previous sentence's target);
* :mod:`~arnews.stance.scorer` — :class:`LexiconScorer`, the rules alone;
* :mod:`~arnews.stance.model` — :class:`LearnedScorer`, the default: the rules' findings
  judged by a small logistic model (``data/stance_model.json``, trained by
  :mod:`~arnews.stance.train` on annotations written for training); another scorer plugs
  in through the :class:`StanceScorer` protocol (:mod:`~arnews.stance.types`).

Evaluation against gold annotations lives in :mod:`arnews.evaluation`.
"""

from __future__ import annotations

import json

import pandas as pd

from arnews.errors import LexiconError
from arnews.schema import CONFIDENCE_RANK, STANCE
from arnews.stance.context import article_contexts
from arnews.stance.lexicon import Lexicon, load_lexicon
from arnews.stance.model import LearnedScorer, StanceModel, default_scorer, load_model
from arnews.stance.scorer import LexiconScorer
from arnews.stance.types import (
    Cue,
    SentenceContext,
    StanceJudgement,
    StanceScorer,
    TargetSpan,
)

__all__ = [
    "EXTRA_COLUMNS",
    "Cue",
    "LearnedScorer",
    "Lexicon",
    "LexiconError",
    "LexiconScorer",
    "SentenceContext",
    "StanceJudgement",
    "StanceModel",
    "StanceScorer",
    "TargetSpan",
    "default_scorer",
    "filter_confidence",
    "load_lexicon",
    "load_model",
    "score_stance",
]

EXTRA_COLUMNS = ("confidence", "aspect", "via", "holder", "start", "end")
_MENTION_COLUMNS = ("article_id", "sentence_id", "start", "end", "entity", "kind", "company")
#: The mentions table's openness classes (a model's class at release) as stance targets.
OPENNESS_TARGETS = {"open-source": "open", "open-weights": "open", "api-only": "closed"}


def _group(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> dict[str, list[tuple]]:
    """Group a table's rows by article id as plain tuples of `columns` (without the id)."""
    if frame is None or frame.empty:
        return {}
    out: dict[str, list[tuple]] = {}
    for row in zip(*(frame[c].tolist() for c in columns), strict=True):
        out.setdefault(row[0], []).append(row[1:])
    return out


_JSON = json.JSONEncoder(ensure_ascii=False)


def _cue_json(cues: tuple[Cue, ...]) -> str:
    return _JSON.encode(
        [
            {"text": q.text, "start": q.start, "end": q.end, "polarity": q.polarity,
             "weight": q.weight, "aspect": q.aspect, "negated": q.negated}
            for q in cues
        ]
    )  # fmt: skip


def _article_inputs(articles, sentences, mentions, scorer):
    """Yield ``(article_id, text, sentences, mentions, target spans)`` per article: plain
    tuples grouped once, and the open/closed expressions the scorer sees in each sentence."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    ments = _group(_with_targets(mentions), (*_MENTION_COLUMNS, "class_target"))
    span_fn = getattr(scorer, "target_spans", None)
    for aid, sents in _group(sentences, ("article_id", "sentence_id", "start", "end")).items():
        if aid not in texts:  # sentences of an article not asked for
            continue
        sents.sort()
        text = texts[aid]
        spans = {}
        if span_fn is not None:
            for sid, start, end in sents:
                found = span_fn(text[start:end], SentenceContext(aid, sid, text, start, end))
                if found:
                    spans[sid] = found
        yield aid, text, sents, ments.get(aid, []), spans


def _with_targets(mentions: pd.DataFrame | None) -> pd.DataFrame | None:
    """Add ``class_target``: the stance target of a mention's openness class ("" if none)."""
    if mentions is None or mentions.empty:
        return mentions
    classes = mentions["openness"] if "openness" in mentions.columns else ""
    return mentions.assign(class_target=pd.Series(classes, index=mentions.index)
                           .map(OPENNESS_TARGETS).fillna(""))  # fmt: skip


def _article_rows(scorer, inputs) -> list[tuple]:
    aid, text, sents, mentions, spans = inputs
    contexts = list(article_contexts(aid, text, sents, mentions, spans))
    by_article = getattr(scorer, "score_article", None)
    if by_article is not None:
        judged = by_article(contexts)
    else:
        judged = [scorer.score(text[c.start : c.end], c) for c in contexts]
    rows = []
    for c, judgements in zip(contexts, judged, strict=True):
        sentence = text[c.start : c.end]
        for j in judgements:
            rows.append(
                (aid, c.sentence_id, j.target, j.polarity, float(j.score), _cue_json(j.cues),
                 sentence, j.confidence, j.aspect, j.via, j.holder, c.start, c.end)
            )  # fmt: skip
    return rows


def score_stance(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    scorer: StanceScorer | None = None,
    min_confidence: str = "low",
) -> pd.DataFrame:
    """Judge each sentence's stance toward open and closed models.

    Parameters
    ----------
    articles : DataFrame with ``article_id`` and ``text``.
    sentences : DataFrame with ``article_id``, ``sentence_id``, ``start``, ``end``.
    mentions : DataFrame (schema ``MENTIONS``, and ``openness`` when the gazetteer knows a
        model's class at release), optional
        Lets a sentence judging a model or company that the article calls open/closed count
        for that target; a model's openness class counts where the article discusses that
        side but does not label the model itself.
    scorer : StanceScorer, optional
        Defaults to :func:`default_scorer` (a :class:`LearnedScorer`, built once per process):
        the packaged vocabulary's findings judged by the packaged model
        (:class:`LexiconScorer` is the rules alone).
    min_confidence : ``"low"`` (all rows) or ``"high"``.

    Returns
    -------
    DataFrame with columns ``article_id``, ``sentence_id``, ``target`` (open / closed),
    ``polarity`` (positive / negative / neutral), ``score`` (-1..1), ``cues`` (JSON list of
    ``{text, start, end, polarity, weight, aspect, negated}``; offsets into the article text),
    ``sentence``, then ``confidence`` (``high`` when a clear cue decides and the target is named
    or a labelled model; else ``low``), ``aspect`` (openness / other), ``via`` (text / mention /
    context / anaphor / contrast: where the target came from), ``holder`` (who holds the
    attitude when the sentence reports it: ``قال …``, ``يرى منتقدون``; else empty) and
    ``start``/``end`` (the sentence's offsets). A sentence that evaluates no target has no row.
    """
    _check_confidence(min_confidence)
    scorer = scorer or default_scorer()
    rows = []
    for inputs in _article_inputs(articles, sentences, mentions, scorer):
        rows += _article_rows(scorer, inputs)
    out = pd.DataFrame(rows, columns=[*STANCE, *EXTRA_COLUMNS])
    out = out.astype(
        {"sentence_id": "int64", "score": "float64", "start": "int64", "end": "int64"}
    )
    return filter_confidence(out, min_confidence)


def filter_confidence(stance: pd.DataFrame, min_confidence: str = "low") -> pd.DataFrame:
    """Keep the stance rows of at least `min_confidence` (``"low"``: all, ``"high"``)."""
    _check_confidence(min_confidence)
    keep = stance["confidence"].map(CONFIDENCE_RANK) >= CONFIDENCE_RANK[min_confidence]
    return stance[keep].reset_index(drop=True)


def _check_confidence(min_confidence: str) -> None:
    if min_confidence not in CONFIDENCE_RANK:
        raise ValueError(f"min_confidence must be 'low' or 'high', got {min_confidence!r}")

"""What a stance scorer receives and returns, and the protocol another scorer implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["Cue", "SentenceContext", "StanceJudgement", "StanceScorer", "TargetSpan"]


@dataclass(frozen=True)
class Cue:
    """An evaluative word (or phrase) found in a sentence; offsets into the article text."""

    text: str
    start: int
    end: int
    polarity: str
    weight: float  # signed contribution after negation, hedges and intensifiers
    aspect: str
    negated: bool = False


@dataclass(frozen=True)
class TargetSpan:
    """Where a sentence names (or refers to) open or closed models; article offsets."""

    start: int
    end: int
    target: str  # open / closed
    via: str = "text"  # text / mention / context / anaphor
    #: Named by an ellipsis (بالمغلقة) or an adjective after an unlisted noun: enough for the
    #: sentence itself, too weak to lead a section or set the article's side.
    loose: bool = False


@dataclass(frozen=True)
class StanceJudgement:
    """One (sentence, target) judgement returned by a scorer."""

    target: str
    polarity: str
    score: float
    cues: tuple[Cue, ...]
    confidence: str = "high"
    aspect: str = "openness"
    via: str = "text"  # text / mention / context / anaphor / contrast
    holder: str = ""  # who holds the attitude, when the text names them


@dataclass
class SentenceContext:
    """What a scorer may know about a sentence beyond its text (all offsets: article text)."""

    article_id: str
    sentence_id: int
    article_text: str
    start: int  # the sentence's span in the article text
    end: int
    #: Models or companies named here that the article (or the gazetteer) calls open/closed.
    entity_spans: tuple[TargetSpan, ...] = ()
    #: Models named here whose openness class (gazetteer) the article does not confirm.
    class_spans: tuple[TargetSpan, ...] = ()
    #: People and companies named here (start, end): candidates for the attitude's holder.
    name_spans: tuple[tuple[int, int], ...] = ()
    #: The target the previous sentences were about (for anaphors and continuations).
    previous_targets: tuple[str, ...] = ()
    #: The target of the list or section a list item or heading belongs to.
    section_targets: tuple[str, ...] = ()
    is_item: bool = False  # a list item or a heading


class StanceScorer(Protocol):
    """Anything that judges a sentence's stance toward open/closed models.

    A scorer may also define ``target_spans(sentence, context) -> [TargetSpan]`` (the open/
    closed expressions it sees); :func:`arnews.stance.score_stance` then uses them to fill
    ``previous_targets``, ``section_targets`` and the article's entity labels, as for the
    default scorers. Without it, that context stays empty. A scorer that judges an article's
    sentences better together may define ``score_article(contexts) -> [[StanceJudgement]]``
    (one list per context, in order); it is then called instead of ``score``.
    """

    def score(self, sentence: str, context: SentenceContext) -> list[StanceJudgement]:
        """Return one judgement per target the sentence evaluates (none when purely factual)."""

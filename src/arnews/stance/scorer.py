"""The rule-based stance scorer: the Arabic vocabulary and rules, nothing downloaded.

:class:`LexiconScorer` cuts each article into words once (:class:`ArticleWords`) and keeps what
the vocabulary says of each distinct word (its keys and rule role) in a memo, so a sentence's
findings cost one look-up per word. A sentence's targets are its open/closed expressions
(:func:`arnews.stance.findings.find_targets`), the models and companies the article labels
(``context.entity_spans``), or, with neither, the target of a list's lead (list items and
headings) or of the previous sentence (an anaphor: هذه النماذج، الأخيرة; or a clause that
continues it: كما أنها، إلا أنها).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arnews.stance.features import stem
from arnews.stance.findings import (
    CueHit,
    SentenceWords,
    TargetHit,
    find_cues,
    find_entries,
    find_targets,
)
from arnews.stance.judge import Verdict, judge
from arnews.stance.lexicon import OPENNESS_ASPECTS, Entry, Lexicon, load_lexicon, rule_words
from arnews.stance.types import Cue, SentenceContext, StanceJudgement, TargetSpan
from arnews.stance.words import ArticleWords, word_keys
from arnews.stopwords import is_stopword_ar
from arnews.tokens import CONJUNCTIONS

__all__ = ["Analysis", "LexiconScorer"]

#: First words (a glued و/ف removed) that continue the previous sentence's subject.
CONTINUATIONS = rule_words()["continuations"]
_LATTER = rule_words()["latter"]
_REPORT_REACH = 4  # words after a reporting verb in which its subject is looked for
#: "Only through an API" judges access as closed: an implied negative cue on the API words.
ONLY_VIA_API = Entry("(only via an API)", (), "negative", 1.0, "access")


@dataclass
class Analysis:
    """What the rules find in one sentence."""

    sw: SentenceWords
    targets: list[TargetHit]
    cues: list[CueHit]
    verdicts: list[Verdict]
    hints: list[TargetHit] = field(default_factory=list)  # words suggesting a side


_LOOSE = ("ellipsis", "loose")  # target kinds too weak to lead a section (TargetSpan.loose)


@dataclass(frozen=True)
class _WordInfo:
    keys: frozenset[str]
    role: str | None
    cues: tuple[Entry, ...]  # lexicon entries it may start, longest first
    targets: tuple[Entry, ...]  # target expressions it may start, longest first
    hints: tuple[Entry, ...]  # hint expressions it may start, longest first
    target: bool  # may start a target expression or be an ellipsis (المغلقة)
    stem: str  # its form for the learned judge's features


@dataclass
class _Article:
    """One article's words with what the vocabulary says of each, and its sentence views."""

    words: ArticleWords
    infos: list[_WordInfo]
    roles: list[str | None]
    clause_end: list[bool]
    views: dict[tuple[int, int], SentenceWords | None] = field(default_factory=dict)
    explicit: dict[tuple[int, int], list[TargetHit]] = field(default_factory=dict)


class LexiconScorer:
    """Score stance with the Arabic vocabulary and rules (:mod:`arnews.stance.lexicon`)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._memo: dict[str, _WordInfo] = {}
        self._memo_of = self.lexicon
        self._article: tuple[str, _Article] | None = None

    # -- words ---------------------------------------------------------------------------------
    def _info(self, word: str) -> _WordInfo:
        lex = self.lexicon
        keys = word_keys(word)
        role = lex.roles.get(word)
        if role is None and word[:1] in CONJUNCTIONS and len(word) > 2:
            role = lex.roles.get(word[1:])
        targets = lex.candidates(lex.target_index, keys)
        ellipsis = any(k in lex.ellipsis_index for k in keys)
        info = _WordInfo(keys, role, lex.candidates(lex.cue_index, keys), targets,
                         lex.candidates(lex.hint_index, keys), bool(targets) or ellipsis,
                         stem(word))  # fmt: skip
        if len(self._memo) > 500_000:  # bound memory on huge vocabularies
            self._memo.clear()
        self._memo[word] = info
        return info

    def _prepare(self, text: str) -> _Article:
        if self._memo_of is not self.lexicon:  # the lexicon was replaced: forget its answers
            self._memo, self._article, self._memo_of = {}, None, self.lexicon
        if self._article is not None and self._article[0] is text:
            return self._article[1]
        aw = ArticleWords.of(text)
        memo = self._memo
        infos = [memo.get(w) or self._info(w) for w in aw.words]
        roles = [i.role for i in infos]
        _phrase_roles(self.lexicon, aw.words, roles)
        art = _Article(aw, infos, roles, aw.clause_ends())
        self._article = (text, art)
        return art

    def _view(self, context: SentenceContext) -> SentenceWords | None:
        art = self._prepare(context.article_text)
        key = (context.start, context.end)
        if key not in art.views:
            i, j = art.words.word_range(context.start, context.end)
            sw = None
            if i < j:
                tail = context.article_text[context.start : context.end].rstrip(" \"'»”)")
                infos = art.infos[i:j]
                sw = SentenceWords(
                    art.words.words[i:j], [x.keys for x in infos], art.roles[i:j],
                    art.clause_end[i:j], tail.endswith(("?", "؟")), art.words, i,
                    [x.cues for x in infos], [x.targets for x in infos],
                    [x.stem for x in infos],
                )  # fmt: skip
            art.views[key] = sw
        return art.views[key]

    # -- targets -------------------------------------------------------------------------------
    def _explicit(self, sw: SentenceWords, context: SentenceContext) -> list[TargetHit]:
        art = self._article[1]
        key = (context.start, context.end)
        if key not in art.explicit:
            infos = art.infos[sw.first : sw.first + len(sw)]
            starts = [k for k, t in enumerate(infos) if t.target]
            art.explicit[key] = find_targets(sw, self.lexicon, starts) if starts else []
        return art.explicit[key]

    def target_spans(self, sentence: str, context: SentenceContext) -> list[TargetSpan]:
        """Return the open/closed expressions of the sentence, in article offsets."""
        sw = self._view(context)
        if sw is None:
            return []
        return [
            TargetSpan(*sw.span(t.first, t.last), t.target, loose=t.kind in _LOOSE)
            for t in self._explicit(sw, context)
        ]

    def _targets(self, sw: SentenceWords, context: SentenceContext) -> list[TargetHit]:
        hits = list(self._explicit(sw, context))
        for span in context.entity_spans:
            a, b = sw.words_in(span.start, span.end)
            if a < b:
                hits.append(TargetHit(a, b, span.target, "mention"))
        if hits:
            return hits
        if context.is_item and context.section_targets:
            return [TargetHit(0, 0, context.section_targets[0], "context")]
        if len(context.previous_targets) == 1:
            anaphor = self._anaphor(sw)
            if anaphor is not None:
                return [TargetHit(anaphor, anaphor + 1, context.previous_targets[0], "anaphor")]
        return []

    def _anaphor(self, sw: SentenceWords) -> int | None:
        first = sw.words[0]
        if first in CONTINUATIONS or (first[:1] in CONJUNCTIONS and first[1:] in CONTINUATIONS):
            return 0
        heads = self.lexicon.head_keys
        for k in range(len(sw) - 1):
            if sw.roles[k] == "anaphor" and sw.keys[k + 1] & heads:
                return k  # هذه النماذج، هذا النهج، هذه الخطوة
            if sw.words[k] in _LATTER:
                return k  # the latter
        return None

    # -- judgement -----------------------------------------------------------------------------
    def analyse(self, context: SentenceContext) -> Analysis | None:
        """Return the sentence's words, targets, weighed cues and the rules' verdicts."""
        sw = self._view(context)
        if sw is None:
            return None
        cue_starts = [k for k, c in enumerate(sw.cue_entries) if c]
        targets = self._targets(sw, context)
        named = [t for t in targets if t.via == "text"]
        hints = self._hints(sw)
        # A cue inside a target or hint expression is part of its name (ضبط دقيق: fine-tuning).
        cues = find_cues(sw, self.lexicon, cue_starts, named + hints) if cue_starts else []
        cues += [CueHit(t.first, t.last, ONLY_VIA_API, -1.0) for t in named if t.kind == "api"]
        return Analysis(sw, targets, cues, judge(sw, targets, cues), hints)

    def _hints(self, sw: SentenceWords) -> list[TargetHit]:
        infos = self._article[1].infos[sw.first : sw.first + len(sw)]
        starts = [k for k, info in enumerate(infos) if info.hints]
        if not starts:
            return []
        found = find_entries(sw, [info.hints for info in infos], starts)
        return [TargetHit(a, b, e.label, "hint", kind="hint") for a, b, e in found]

    def score(self, sentence: str, context: SentenceContext) -> list[StanceJudgement]:
        """Judge the sentence toward each target it names, or refers back to."""
        a = self.analyse(context)
        if a is None or not a.verdicts:
            return []
        holder = holder_of(a, context)
        return [judgement(v, a.sw, context, holder) for v in a.verdicts]


def _phrase_roles(lex: Lexicon, words: list[str], roles: list[str | None]) -> None:
    """Give multi-word rule phrases (في حين، إلا أن) their role on their first word."""
    for k, word in enumerate(words):
        for phrase, role in lex.role_phrases.get(word, ()):
            n = len(phrase)
            if tuple(words[k : k + n]) == phrase:
                roles[k] = role
                roles[k + 1 : k + n] = [None] * (n - 1)
                break


def judgement(
    v: Verdict, sw: SentenceWords, context: SentenceContext, holder: str
) -> StanceJudgement:
    """Turn a verdict into a judgement: cues with article offsets, confidence and aspect."""
    strong = max(abs(c.value) for c in v.cues) >= 1.0
    direct = v.via in ("text", "mention")
    confidence = "high" if strong and direct and not v.hedged else "low"
    aspects = {c.entry.aspect for c in v.cues}
    aspect = "openness" if aspects & OPENNESS_ASPECTS else "other"
    cues = tuple(_cue(sw, c, context.article_text) for c in v.cues)
    return StanceJudgement(v.target, v.polarity, v.score, cues, confidence, aspect, v.via, holder)


def _cue(sw: SentenceWords, c: CueHit, text: str) -> Cue:
    start, end = sw.span(c.first, c.last)
    polarity = "positive" if c.value > 0 else "negative" if c.value < 0 else "neutral"
    return Cue(text[start:end], start, end, polarity, round(c.value, 3), c.entry.aspect,
               c.negated)  # fmt: skip


def holder_of(a: Analysis, context: SentenceContext) -> str:
    """Return who holds the attitude: the subject of a reporting verb before the first cue."""
    sw = a.sw
    if not a.cues:
        return ""
    first_cue = min(c.first for c in a.cues)
    # A reporting verb may be a cue itself (حذر خبراء: warned): look up to the first cue.
    reports = [k for k in range(first_cue + 1) if sw.roles[k] == "reporting"]
    if not reports:
        return ""
    r = reports[-1]
    text = context.article_text
    for start, end in context.name_spans:
        i, j = sw.words_in(start, end)
        if i < j and (r < i <= r + _REPORT_REACH or r - 3 <= j - 1 < r):
            return text[start:end]
    after = sw.words[r + 1] if r + 1 < len(sw) else ""
    if after and not after.isascii() and sw.roles[r + 1] is None and not is_stopword_ar(after):
        start, end = sw.span(r + 1, r + 2)
        return text[start:end]
    return ""

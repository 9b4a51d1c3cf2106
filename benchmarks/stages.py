"""One benchmarked stage per function; run in a child process so peak memory is its own.

``python -m benchmarks.stages STAGE PATH REPEAT`` prints a JSON line with the stage's wall
times (seconds, one per repeat) and the process's peak resident memory (MB).
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from arnews.corpus import load_corpus
from arnews.tokens import sentences_table, tokens_table

_ARABIC_AWARE_TOKEN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+|\w+")


def _read_all(path: Path) -> list[str]:
    return [p.read_text("utf-8") for p in sorted(path.rglob("*")) if p.is_file()]


def floor_split(path: Path) -> Callable[[], object]:
    """Floor: read the files and ``str.split`` them."""
    return lambda: [t.split() for t in _read_all(path)]


def floor_regex(path: Path) -> Callable[[], object]:
    """Floor: one Arabic-aware regex tokenizing pass over text already in memory."""
    texts = _read_all(path)
    return lambda: [_ARABIC_AWARE_TOKEN.findall(t) for t in texts]


def load(path: Path) -> Callable[[], object]:
    """Stage: read, decode and check every file (``load_corpus``)."""
    return lambda: load_corpus(path)


def sentences_tokens(path: Path) -> Callable[[], object]:
    """Stage: sentences and the full token table with offsets, norms and clitic splits."""
    articles = load_corpus(path).articles
    return lambda: tokens_table(articles, sentences_table(articles))


def _prepared(path: Path):
    articles = load_corpus(path).articles
    return articles, sentences_table(articles)


def mentions(path: Path) -> Callable[[], object]:
    """Stage: gazetteer matching (sentences already split)."""
    from arnews.mentions import find_mentions, load_gazetteer

    articles, sentences = _prepared(path)
    gazetteer = load_gazetteer()
    return lambda: find_mentions(articles, sentences, gazetteer)


def stance(path: Path) -> Callable[[], object]:
    """Stage: stance scoring (sentences and mentions already computed)."""
    from arnews.mentions import find_mentions
    from arnews.stance import score_stance

    articles, sentences = _prepared(path)
    found = find_mentions(articles, sentences)
    return lambda: score_stance(articles, sentences, found)


def timeline(path: Path) -> Callable[[], object]:
    """Stage: date expressions and events (sentences and mentions already computed)."""
    from arnews.mentions import find_mentions
    from arnews.timeline import extract_events

    articles, sentences = _prepared(path)
    found = find_mentions(articles, sentences)
    return lambda: extract_events(articles, sentences, found)


def extract_all(path: Path) -> Callable[[], object]:
    """Stage: the whole ``arnews extract`` computation, from the files to every table."""
    from arnews.pipeline import extract

    return lambda: extract(path)


STAGES: dict[str, Callable[[Path], Callable[[], object]]] = {
    "floor: read + str.split": floor_split,
    "floor: regex tokenize": floor_regex,
    "load": load,
    "sentences+tokens": sentences_tokens,
    "mentions": mentions,
    "stance": stance,
    "timeline": timeline,
    "extract (all)": extract_all,
}


def measure(stage: str, path: Path, repeat: int) -> dict:
    """Time `repeat` runs of `stage` on `path`; return times and peak memory."""
    run = STAGES[stage](path)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    # This process plus its largest worker process (the local engine analyses in workers).
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    peak_kb = sum(resource.getrusage(w).ru_maxrss for w in who)
    return {"stage": stage, "times": times, "peak_mb": peak_kb / 1024}


if __name__ == "__main__":
    name, corpus, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(measure(name, corpus, n)))

"""CPU MB/s of each analysis stage on one corpus, all in one process, so that two versions of
the package can be compared on a shared machine (CPU time is less disturbed by other jobs than
wall time).

Usage: ``python -m benchmarks.stage_cpu [SRC]``, where ``SRC`` is the ``src`` folder of the
version to measure (default: this checkout's), e.g. of ``git worktree add /tmp/old <commit>``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str]) -> None:
    src = str(Path(argv[0]).resolve()) if argv else str(ROOT / "src")
    sys.path.insert(0, src)
    from arnews.corpus import load_corpus
    from arnews.mentions import find_mentions, load_gazetteer
    from arnews.stance import score_stance
    from arnews.timeline import extract_events
    from arnews.tokens import sentences_table
    from benchmarks.scale_corpus import big_file

    articles = load_corpus(big_file(2)).articles
    sentences = sentences_table(articles)
    gazetteer = load_gazetteer()
    mentions = find_mentions(articles, sentences, gazetteer)
    mb = sum(len(t.encode()) for t in articles["text"]) / 1e6
    stages = {
        "floor: str.split": lambda: [t.split() for t in articles["text"]],
        "mentions": lambda: find_mentions(articles, sentences, gazetteer),
        "stance": lambda: score_stance(articles, sentences, mentions),
        "timeline": lambda: extract_events(articles, sentences, mentions),
    }
    print(f"package: {sys.modules['arnews'].__file__}")
    for name, fn in stages.items():
        first = _cpu(fn, 1)  # includes loading vocabularies and models on first use
        print(f"{name:<18} {mb / _cpu(fn, 3):7.2f} MB/s CPU (first call {mb / first:7.2f})")


if __name__ == "__main__":
    main(sys.argv[1:])

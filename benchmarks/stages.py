"""One benchmarked stage per function; run in a child process so peak memory is its own.

``python -m benchmarks.stages STAGE PATH REPEAT`` prints a JSON line with the stage's wall
times (seconds, one per repeat) and its peak memory (MB): ``peak_mb``, this process plus its
largest child process (resource.getrusage), and ``tree_mb``, the largest sum of the resident
memory of this process and all its descendants at one time (sampled every 50 ms; worker
processes run at once, so this is what the machine must hold).
"""

from __future__ import annotations

import contextlib
import json
import re
import resource
import sys
import tempfile
import threading
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
    """Stage: read, decode, repair and check every file (``load_corpus``)."""
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


def extract_local(path: Path) -> Callable[[], object]:
    """Stage: ``arnews extract`` (local engine), from the files to every table on disk."""
    from arnews.pipeline import extract_to

    out = Path(tempfile.mkdtemp(prefix="arnews-bench-"))
    return lambda: extract_to(path, out)


def extract_dask(path: Path) -> Callable[[], object]:
    """Stage: ``arnews extract --engine dask`` on a LocalCluster (one worker per core)."""
    from arnews.pipeline import dask_client, extract_to

    out = Path(tempfile.mkdtemp(prefix="arnews-bench-"))
    client = dask_client()
    client.__enter__()  # started before the clock; closed when the process ends
    return lambda: extract_to(path, out, engine="dask")


STAGES: dict[str, Callable[[Path], Callable[[], object]]] = {
    "floor: read + str.split": floor_split,
    "floor: regex tokenize": floor_regex,
    "load": load,
    "sentences+tokens": sentences_tokens,
    "mentions": mentions,
    "stance": stance,
    "timeline": timeline,
    "extract (local)": extract_local,
    "extract (dask)": extract_dask,
}
#: The stages that stream, so they run on corpora too big to hold in memory.
STREAMING = ("extract (local)", "extract (dask)")


class TreeMemory:
    """Sample the resident memory of this process and its descendants; keep the peak sum."""

    def __init__(self, every: float = 0.05) -> None:
        import psutil

        self.peak = 0
        self._me = psutil.Process()
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self._me, *self._me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # ended between listing and reading
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self._every)

    def stop(self) -> float:
        """Stop sampling; return the peak in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def measure(stage: str, path: Path, repeat: int) -> dict:
    """Time `repeat` runs of `stage` on `path`; return times and peak memory."""
    tree = TreeMemory()
    run = STAGES[stage](path)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    peak_kb = sum(resource.getrusage(w).ru_maxrss for w in who)
    return {"stage": stage, "times": times, "peak_mb": peak_kb / 1024, "tree_mb": tree.stop()}


if __name__ == "__main__":
    name, corpus, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(measure(name, corpus, n)))
    sys.stdout.flush()
    sys.exit(0)

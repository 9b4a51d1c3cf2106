"""Build the scale corpus from the seeds: one big file per size and a folder of small articles.

Built on demand under ``benchmarks/.cache/`` (git-ignored), never committed.
"""

from __future__ import annotations

from pathlib import Path

from arnews.corpus import load_corpus

CACHE = Path(__file__).resolve().parent / ".cache"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed_texts() -> list[str]:
    return load_corpus(SEEDS).articles["text"].tolist()


def big_file(megabytes: int) -> Path:
    """Return a UTF-8 ``.txt`` file of about `megabytes` MB made of repeated seed articles."""
    path = CACHE / f"big-{megabytes}mb" / "corpus.txt"
    if path.exists():
        return path.parent
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = _seed_texts()
    target = megabytes * 1_000_000
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while written < target:
            chunk = texts[i % len(texts)] + f"\n\n{i}\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
            i += 1
    return path.parent


def small_articles(count: int = 20_000) -> Path:
    """Return a folder of `count` small articles (seed paragraphs, each made unique)."""
    folder = CACHE / f"small-{count}"
    if folder.exists() and sum(1 for _ in folder.iterdir()) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [p for t in _seed_texts() for p in t.split("\n") if len(p) > 80]
    for i in range(count):
        body = "\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(3))
        (folder / f"a{i:05d}.txt").write_text(f"خبر رقم {i}\n{body}\n", encoding="utf-8")
    return folder


def corpus_bytes(path: Path) -> int:
    """Return the total size in bytes of the files under `path`."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())

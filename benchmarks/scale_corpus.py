"""Build the scale corpus from the seeds: one big JSON Lines file per size, and a folder of
small articles.

Built on demand under ``benchmarks/.cache/`` (git-ignored), never committed.
"""

from __future__ import annotations

import json
from pathlib import Path

from arnews.corpus import load_corpus

CACHE = Path(__file__).resolve().parent / ".cache"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed_texts() -> list[str]:
    return load_corpus(SEEDS).articles["text"].tolist()


def big_file(megabytes: int) -> Path:
    """Return a folder holding one JSON Lines file of about `megabytes` MB of articles.

    The records are the seed articles repeated, each made unique by a number, as a news dump
    would come: many articles in one file.
    """
    path = CACHE / f"big-{megabytes}mb" / "corpus.jsonl"
    if path.exists():
        return path.parent
    path.parent.mkdir(parents=True, exist_ok=True)
    articles = load_corpus(SEEDS).articles
    target = megabytes * 1_000_000
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while written < target:
            row = articles.iloc[i % len(articles)]
            record = {
                "title": row["title"],
                "text": f"{row['text']}\n\n{i}",
                "published": row["published"].isoformat() if row["published"] else None,
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            i += 1
    return path.parent


def small_articles(count: int = 20_000, folder: Path | None = None) -> Path:
    """Return a folder of `count` small articles (seed paragraphs, each made unique), built
    under ``benchmarks/.cache/`` unless `folder` is given."""
    folder = folder or CACHE / f"small-{count}"
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

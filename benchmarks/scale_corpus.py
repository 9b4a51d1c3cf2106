"""Build the scale corpus from the seeds: one big JSON Lines file per size, and a folder of
small articles.

Built on demand under ``benchmarks/.cache/`` (git-ignored), never committed.
"""

from __future__ import annotations

import datetime as dt
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


#: Outlets of the dated scale corpus (front matter ``outlet``).
OUTLETS = ("الشرق الأوسط", "العربية نت", "سكاي نيوز عربية", "الجزيرة نت", "البيان", "اليوم السابع")
DATED_START = dt.date(2023, 9, 1)
DATED_DAYS = 730  # two years of publication dates


def dated_articles(count: int = 5_000, folder: Path | None = None) -> Path:
    """Return a folder of `count` articles with YAML front matter: a title, a publication date
    spread over two years and one of six outlets; built under ``benchmarks/.cache/`` unless
    `folder` is given.

    Bodies are seed paragraphs (three per article, each article unique by its number), so the
    relative dates they hold ("يناير الماضي") resolve from each article's own date. Every 25th
    article has no date, as real feeds have some.
    """
    folder = folder or CACHE / f"dated-{count}"
    if folder.exists() and sum(1 for _ in folder.iterdir()) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [p for t in _seed_texts() for p in t.split("\n") if len(p) > 80]
    n = len(paragraphs)
    for i in range(count):
        first = (i * 5 + i // n) % n  # walks every paragraph, then shifts
        body = "\n".join(paragraphs[(first + k) % n] for k in range(3))
        day = DATED_START + dt.timedelta(days=(i * 7919) % DATED_DAYS)  # spread, not sorted
        published = "" if i % 25 == 0 else f"published: {day.isoformat()}\n"
        title = json.dumps(  # a JSON string is a valid YAML string
            f"{paragraphs[first][:70].rsplit(' ', 1)[0]} ({i})", ensure_ascii=False
        )
        outlet = OUTLETS[i % len(OUTLETS)]
        front = f"---\ntitle: {title}\n{published}outlet: {outlet}\n---\n"
        text = f"{front}خبر رقم {i}\n{body}\n"
        (folder / f"d{i:05d}.md").write_text(text, encoding="utf-8")
    return folder

"""Throughput of date-expression extraction on the seeds (repeated), in MB/s of UTF-8 text.

Run: ``PYTHONPATH=src python benchmarks/bench_timeline.py [floor_mb_s]``; exits 1 below the floor.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from arnews.timeline import find_date_expressions

ROOT = Path(__file__).resolve().parent.parent


def main(floor: float = 5.0, repeat: int = 200) -> int:
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * repeat
    find_date_expressions(texts[0])  # build the patterns once, outside the timing
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    for text in texts:
        find_date_expressions(text, None)
    rate = size / (time.perf_counter() - t0)
    print(f"timeline: {size:.1f} MB at {rate:.2f} MB/s (floor {floor} MB/s)")
    return 0 if rate >= floor else 1


if __name__ == "__main__":
    sys.exit(main(*(float(a) for a in sys.argv[1:2])))

"""Print throughput (MB/s, median of repeats) and peak memory of each stage: ``peak MB`` is the
stage's process plus its largest worker process, ``tree MB`` all its processes at once.

Floors are measured in the same run on the same files: reading + ``str.split`` and one
Arabic-aware regex pass. The streaming stages (``arnews extract``, local and Dask) also run on
corpora too big to hold in memory (``--stream-sizes``, once each).
Usage: ``python -m benchmarks [--sizes 2,20,100] [--stream-sizes 1000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

from benchmarks.scale_corpus import big_file, corpus_bytes, small_articles
from benchmarks.stages import STAGES, STREAMING


def _run(stage: str, path, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.stages", stage, str(path), str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _mb(sizes: str) -> list[int]:
    return [int(mb) for mb in sizes.split(",") if mb]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="2,20,100", help="MB sizes of the one-file corpora")
    parser.add_argument(
        "--stream-sizes", default="1000", help="MB sizes run through the streaming stages only"
    )
    parser.add_argument("--small", type=int, default=20_000, help="small articles in a folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (median kept)")
    parser.add_argument("--stages", default="", help="comma-separated subset of stages")
    parser.add_argument("--no-report", action="store_true", help="skip timing make report")
    args = parser.parse_args(argv)

    chosen = [s for s in STAGES if not args.stages or s in args.stages.split(",")]
    corpora = [(f"{mb} MB file", big_file(int(mb)), chosen, args.repeat) for mb in _mb(args.sizes)]
    if args.small:
        corpora.append((f"{args.small} articles", small_articles(args.small), chosen, args.repeat))
    streaming = [s for s in chosen if s in STREAMING]
    corpora += [(f"{mb} MB file", big_file(mb), streaming, 1) for mb in _mb(args.stream_sizes)]
    header = (
        f"{'corpus':<18} {'stage':<26} {'MB/s':>8} {'x floor':>8} {'peak MB':>8} {'tree MB':>8}"
    )
    print(header)
    print("-" * len(header))
    for label, path, stages, repeat in corpora:
        megabytes = corpus_bytes(path) / 1e6
        floor = None
        for stage in stages:
            result = _run(stage, path, repeat)
            rate = megabytes / statistics.median(result["times"])
            if stage.startswith("floor: read"):
                floor = rate
            ratio = f"{rate / floor:8.2f}" if floor else f"{'':>8}"
            peaks = f"{result['peak_mb']:8.0f} {result['tree_mb']:8.0f}"
            print(f"{label:<18} {stage:<26} {rate:8.1f} {ratio} {peaks}")
            sys.stdout.flush()
    if not args.no_report:
        from benchmarks.report_timing import time_report

        real, floor, count = time_report(args.repeat)
        print(
            f"\nmake report on the seeds: {real:.1f} s; floor (papermill + nbconvert of {count}"
            f" trivial notebooks, same machinery): {floor:.1f} s; ratio {real / floor:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a reader gets from the report at scale: ``python -m benchmarks.report_size 5000 50000``.

For each size, builds the dated multi-outlet scale corpus (:func:`dated_articles`), times
``arnews extract`` and ``arnews report`` on it, then opens ``report.html`` in headless Chromium
(the system one, network off, through ``tests/browsercheck.py``) and prints its size, the page
height, the charts drawn and the largest chart. Screenshots of the whole page, in slices, go to
``benchmarks/.cache/report-dated-<n>/shots/`` to be looked at.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.scale_corpus import CACHE, dated_articles

ROOT = Path(__file__).resolve().parent.parent
REPORT_MAX_BYTES = 6_000_000
PAGE_MAX_PX = 40_000
_SHOT_PX = 1600  # height of one screenshot slice


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def page_facts(report: Path, shots: Path | None = None) -> dict:
    """Open `report` offline in headless Chromium; return its height, charts and requests."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browsercheck import chromium, open_offline

    with chromium() as browser:
        opened = open_offline(browser, report, height=_SHOT_PX, timeout=300_000)
        page = opened.page
        facts = page.evaluate(
            """() => {
            const charts = [...document.querySelectorAll('.js-plotly-plot')];
            return {height: document.documentElement.scrollHeight,
                    charts: document.querySelectorAll('.plotly-graph-div').length,
                    drawn: charts.filter(d => d.querySelector('svg.main-svg')).length,
                    tallest_chart: Math.max(0, ...charts.map(d => d.offsetHeight)),
                    table_rows: document.querySelectorAll('table tbody tr').length};
        }"""
        )
        facts["blocked"] = len(opened.blocked)
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            for n, y in enumerate(range(0, facts["height"], _SHOT_PX)):
                page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_timeout(150)
                page.screenshot(path=str(shots / f"{n:03d}.png"))
    return facts


def measure(count: int, *, jobs: int | None = None, shots: bool = True) -> dict:
    """Build the dated corpus of `count` articles, time extract and report, look at the page."""
    corpus = dated_articles(count)
    out = CACHE / f"report-dated-{count}"
    bin_dir = Path(sys.executable).parent
    extract = _timed([str(bin_dir / "arnews"), "extract", "--corpus", str(corpus),
                      "--out", str(CACHE / f"tables-dated-{count}")])  # fmt: skip
    cmd = [str(bin_dir / "arnews"), "report", "--corpus", str(corpus), "--out", str(out)]
    cmd += ["--notebooks", str(ROOT / "notebooks"), "--no-figures", "-q"]
    cmd += ["--jobs", str(jobs)] if jobs else []
    report = _timed(cmd)
    report_html = out / "report.html"
    facts = page_facts(report_html, out / "shots" if shots else None)
    return {"articles": count, "extract_s": extract, "report_s": report,
            "report_mb": report_html.stat().st_size / 1e6, **facts}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_size", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[5_000, 50_000])
    parser.add_argument("--jobs", type=int, help="notebooks run at once (default: cores)")
    parser.add_argument("--no-shots", action="store_true", help="skip the screenshots")
    args = parser.parse_args(argv)
    for count in args.sizes:
        r = measure(count, jobs=args.jobs, shots=not args.no_shots)
        budget = 1.5 * r["extract_s"] + 15
        print(
            f"{count:>6} articles: report.html {r['report_mb']:.1f} MB "
            f"(≤ {REPORT_MAX_BYTES / 1e6:.0f}), page {r['height']:,} px (≤ {PAGE_MAX_PX:,}), "
            f"charts drawn {r['drawn']}/{r['charts']} (tallest {r['tallest_chart']} px), "
            f"table rows {r['table_rows']}, requests {r['blocked']}; "
            f"extract {r['extract_s']:.0f} s, report {r['report_s']:.0f} s "
            f"(≤ 1.5 × extract + 15 = {budget:.0f} s)"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

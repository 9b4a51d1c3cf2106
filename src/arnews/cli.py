"""The ``arnews`` command: ``arnews extract`` writes the tables, ``arnews report`` renders,
``arnews evaluate`` scores the analyses against gold annotations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arnews.errors import ArnewsError

__all__ = ["main"]


def _extract(args: argparse.Namespace) -> int:
    from arnews.locking import output_lock
    from arnews.pipeline import Options, dask_client, extract_dask, extract_to

    options = Options(extra_gazetteer=args.gazetteer, lexicon_extra=args.lexicon)
    if args.format == "parquet":
        if args.engine != "dask":
            raise ValueError("--format parquet writes partitioned datasets: use --engine dask")
        with output_lock(args.out, "arnews extract"), dask_client(args.scheduler):
            extract_dask(args.corpus, options=options).to_parquet(args.out)
        print(f"wrote partitioned Parquet tables under {args.out}")
        return 0
    run = {"engine": args.engine, "scheduler": args.scheduler, "jobs": args.jobs}
    kept = extract_to(args.corpus, args.out, options=options, progress=not args.quiet, **run)
    skipped = kept["skipped"]
    print(f"{len(kept['articles'])} articles loaded, {len(skipped)} inputs skipped")
    for path, reason in skipped.itertuples(index=False):
        print(f"  skipped {path}: {reason}", file=sys.stderr)
    for name in ["articles", "skipped", *options.table_names()]:
        print(f"wrote {Path(args.out) / f'{name}.csv'}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from arnews.report import NotebookFailed, read_parameters, render_report
    from arnews.rtl import terminal_text

    params = read_parameters(args.params, args.param or [])
    try:
        out = render_report(
            args.corpus,
            args.out,
            notebooks_dir=args.notebooks,
            only=args.only,
            parameters=params,
            jobs=args.jobs,
            figures=not args.no_figures,
            report_input=args.with_code,
            progress=not args.quiet,
        )
    except NotebookFailed as err:
        print(terminal_text(f"arnews report: {err}", sys.stderr), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"arnews report: interrupted; {args.out} left as it was", file=sys.stderr)
        return 130
    print(f"report written to {out / 'report.html'} (index: {out / 'index.html'})")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from arnews.evaluation import (
        GoldSet,
        evaluate_set,
        figures_table,
        format_figure,
        markdown_table,
    )
    from arnews.pipeline import Options

    sets = [GoldSet.parse(spec) for spec in args.sets]
    missing = [str(p) for s in sets for p in (s.articles, s.gold) if not p.is_dir()]
    if missing:
        raise FileNotFoundError(f"no such folder: {', '.join(missing)}")
    options = Options(extra_gazetteer=args.gazetteer, lexicon_extra=args.lexicon)
    table = figures_table(evaluate_set(s, options=options) for s in sets)
    print(markdown_table(table) if args.markdown else table.map(format_figure).to_string())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``arnews`` command."""
    parser = argparse.ArgumentParser(prog="arnews", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="write the tidy tables of a corpus as CSV")
    ext.add_argument("--corpus", required=True, type=Path, help="folder or file of articles")
    ext.add_argument("--out", required=True, type=Path, help="folder for the tables")
    ext.add_argument("--engine", choices=["local", "dask"], default="local", help="where to run")
    ext.add_argument("--scheduler", help="Dask scheduler address (default: a local cluster)")
    ext.add_argument("--jobs", type=int, help="worker processes of the local engine (cores)")
    ext.add_argument("--format", choices=["csv", "parquet"], default="csv", help="table files")
    ext.add_argument("--gazetteer", help="your YAML/CSV gazetteer added to the packaged one")
    ext.add_argument("--lexicon", help="your CSV of stance terms added to the packaged lexicon")
    ext.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    ext.set_defaults(func=_extract)

    rep = sub.add_parser("report", help="run the notebooks and export HTML reports")
    rep.add_argument("--corpus", required=True, type=Path, help="folder or file of articles")
    rep.add_argument("--out", required=True, type=Path, help="folder for the report")
    rep.add_argument("--notebooks", default=Path("notebooks"), type=Path, help="notebook folder")
    rep.add_argument("--only", action="append", help="run only this notebook (repeatable)")
    rep.add_argument("--jobs", type=int, default=None, help="notebooks run at once (cores)")
    rep.add_argument(
        "--params", "-f", type=Path, help="YAML file of parameters (e.g. notebooks/params/*.yaml)"
    )
    rep.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="set a parameter (value parsed as YAML); overrides --params; repeatable",
    )
    rep.add_argument("--no-figures", action="store_true", help="skip the PNG figures")
    rep.add_argument(
        "--with-code", action="store_true", help="keep code cells in report.html (reader mode)"
    )
    rep.add_argument("--quiet", "-q", action="store_true", help="no progress bars")
    rep.set_defaults(func=_report)

    ev = sub.add_parser("evaluate", help="score the analyses against gold annotations")
    ev.add_argument(
        "sets",
        nargs="+",
        metavar="NAME=ARTICLES:GOLD",
        help="a gold set: its name, article folder and gold folder (tests/gold format)",
    )
    ev.add_argument("--gazetteer", help="your YAML/CSV gazetteer added to the packaged one")
    ev.add_argument("--lexicon", help="your CSV of stance terms added to the packaged lexicon")
    ev.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ev.set_defaults(func=_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``arnews`` command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError, ArnewsError) as err:
        print(f"arnews {args.command}: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

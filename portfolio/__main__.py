"""`python -m portfolio publish [--portfolio P] [--out F]`: write the published-only export the public replicas read.

The same export the planners' app writes after every publish and withdraw (portfolio.publish). Exit codes as the
other command lines: 0 written, 2 bad input (nothing written), 3 the portfolio cannot be opened (e.g. a planner's
app holds it: publish in the app then, on "Für den Rat" or "Fortschritt").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from heatdb.settings import settings
from portfolio.db import open_portfolio
from portfolio.publish import PublishError, export_published


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m portfolio", description="The planners' portfolio.")
    sub = p.add_subparsers(dest="command", required=True)
    pub = sub.add_parser("publish", help="write the published-only export the public instance reads")
    pub.add_argument("--portfolio", type=Path, default=None, help="the planners' portfolio (default WAERME_PORTFOLIO_DB)")
    pub.add_argument("--out", type=Path, default=None, help="the export (default WAERME_PUBLIC_EXPORT, data/public/portfolio.duckdb)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    source = (args.portfolio or settings().portfolio_db).absolute()
    out = (args.out or settings().public_export).absolute()
    if not source.is_file():
        print(f"no portfolio {source}: name an existing file with --portfolio (the app creates it at its first start)", file=sys.stderr)
        return 2
    if out == source:
        print(f"--out {out} is the portfolio itself; the export needs a file of its own", file=sys.stderr)
        return 2
    try:
        con = open_portfolio(source, read_only=True)
    except duckdb.Error as exc:
        print(f"cannot open {source}: {exc}", file=sys.stderr)
        return 3
    try:
        if con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0] is None:
            # open_portfolio serves the defaults in memory when the file is locked or is no portfolio
            print(
                f"cannot read {source}: a planner's app holds it open, or it is no portfolio. "
                "Publish in the app (Für den Rat, Fortschritt), or stop the app and run this again.",
                file=sys.stderr,
            )
            return 3
        written = export_published(con, out)
    except PublishError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        con.close()
    print(
        f"{written.path}: {written.snapshots} published snapshots, {written.monitoring_reports} published monitoring reports, "
        f"{written.released_actuals} released reports, {written.projects} projects, {written.scenarios} scenarios. "
        "Public replicas reading this file (WAERME_PORTFOLIO_DB) show it at their next page view."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

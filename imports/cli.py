"""`python -m heatdb import KIND FILE`: a city's file into the warehouse, or the portfolio template into the portfolio.

    python -m heatdb import KIND FILE [--db PATH] [--skip-invalid] [--licence TEXT] [--lang de|en] [--mapping LAYOUT|FILE.json]
                                      [--report PATH.csv] [--portfolio PATH]
        KIND: python -m heatdb import --help lists the kinds of this installation

Exit codes: 0 success (also: unchanged, the file was the latest import already), 2 bad input
(nothing was changed; --report writes every problem as CSV), 3 database problem (also a full disk).

The command is added to the warehouse's command line by heatdb/__main__.py, which also hands in the
portfolio's kind (`projects`: portfolio.files.import_projects_file); imports never imports portfolio.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path

from heatdb.connect import DEFAULT_DB
from heatdb.errors import ImportValidationError
from heatdb.import_result import ImportResult
from imports.registry import available_kinds, import_file

PROJECTS = "projects"  # the portfolio's kind: the template into the portfolio database
ACTUALS = "actuals"  # the portfolio's monitoring template: the measures' reported actuals (issue 19)


def _write_report(path: Path, problems) -> None:
    columns = ["file", "row", "column", "value", "problem_de", "problem_en", "fix_de", "fix_en"]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        for p in problems:
            w.writerow({k: ("" if v is None else v) for k, v in p.as_dict().items()})


def _mapping(value: str):
    """--mapping: a layout name, or a JSON file {source column: canonical column}."""
    if not value.lower().endswith(".json"):
        return value
    path = Path(value)
    try:
        mapping = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportValidationError.of(
            file=path,
            problem=(f"is not a readable JSON column mapping ({exc})", f"keine lesbare JSON-Spaltenzuordnung ({exc})"),
            fix=('Write {"source column": "canonical column", ...} in UTF-8.', '{"Quellspalte": "Zielspalte", …} in UTF-8 schreiben.'),
        ) from None
    if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
        raise ImportValidationError.of(
            file=path,
            problem=("is not an object of column names", "ist kein Objekt aus Spaltennamen"),
            fix=('Write {"source column": "canonical column", ...}.', '{"Quellspalte": "Zielspalte", …} schreiben.'),
        )
    return mapping


def _import(args, portfolio_kinds: dict[str, Callable[..., ImportResult]]) -> int:
    try:
        mapping = _mapping(args.mapping)
        if args.kind in portfolio_kinds:
            into = portfolio_kinds[args.kind]
            result = into(args.file, args.portfolio, warehouse_db=args.db, skip_invalid=args.skip_invalid, licence=args.licence)
        else:
            result = import_file(args.kind, args.file, args.db, skip_invalid=args.skip_invalid, licence=args.licence, mapping=mapping)
    except ImportValidationError as exc:
        if args.report:
            _write_report(args.report, exc.problems)
        print(f"error: {exc.report(args.lang)}", file=sys.stderr)
        if args.report:
            print(f"{'Bericht' if args.lang == 'de' else 'report'}: {args.report}", file=sys.stderr)
        return 2
    if args.report:
        _write_report(args.report, result.skipped)
    target = args.portfolio or "portfolio" if args.kind in portfolio_kinds else args.db
    print(f"{result.message(args.lang)} ({target})" if result.unchanged else f"{result.message(args.lang, notes=False)} into {target}")
    for en, de in result.notes:
        print(f"  {de if args.lang == 'de' else en}")
    if result.skipped:
        for p in result.skipped[:20]:
            print(f"  {'übersprungen' if args.lang == 'de' else 'skipped'}: {p.text(args.lang)}", file=sys.stderr)
    return 0


def add_import_command(
    sub: argparse._SubParsersAction,
    *,
    projects: Callable[..., ImportResult] | None = None,
    actuals: Callable[..., ImportResult] | None = None,
) -> None:
    """Add `import` to a command line; `projects(path, portfolio, *, warehouse_db, skip_invalid, licence)` imports the
    portfolio template, `actuals(...)` (the same arguments) the monitoring template (each kind is offered only with it)."""
    portfolio_kinds = {k: f for k, f in ((PROJECTS, projects), (ACTUALS, actuals)) if f is not None}
    m = sub.add_parser("import", help="import a file into an existing database (all or nothing)")
    m.add_argument("kind", choices=(*available_kinds(), *portfolio_kinds))
    m.add_argument("file", type=Path)
    m.add_argument("--db", type=Path, default=DEFAULT_DB)
    m.add_argument("--skip-invalid", action="store_true", help="leave out rows with problems (listed) instead of refusing the file")
    m.add_argument("--licence", default="", help="licence of the file, stored with the import (e.g. dl-de/by-2-0)")
    m.add_argument("--lang", choices=("de", "en"), default="en", help="language of messages and the problem report")
    m.add_argument(
        "--report", type=Path, help="write every problem (file, row, column, value, problem, fix; German and English) to this CSV"
    )
    m.add_argument("--portfolio", type=Path, help="portfolio database for kinds projects and actuals (default data/portfolio.duckdb)")
    m.add_argument(
        "--mapping",
        default="auto",
        help="buildings only: attribute layout auto (default), osm, alkis or canonical, or a JSON file {source column: canonical column} "
        "(e.g. for the LANUV heat-demand model's columns)",
    )
    m.set_defaults(func=lambda args: _import(args, portfolio_kinds))


__all__ = ["ACTUALS", "PROJECTS", "add_import_command"]

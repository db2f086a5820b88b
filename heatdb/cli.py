"""Command line of the warehouse.

    python -m heatdb build [--out PATH] [--scale FACTOR] [--quiet]
    python -m heatdb info [--db PATH] [--format text|json]
    python -m heatdb import KIND FILE [--db PATH] [--skip-invalid] [--licence TEXT] [--lang de|en] [--mapping LAYOUT|FILE.json]
                                      [--report PATH.csv] [--portfolio PATH]
        KIND: python -m heatdb import --help lists the kinds of this installation

Exit codes: 0 success (also: unchanged, the file was the latest import already), 2 bad input
(nothing was changed; --report writes every problem as CSV), 3 database problem (also a full disk).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from heatdb.connect import DEFAULT_DB
from heatdb.errors import DatabaseError, ImportValidationError, ModelInputError


def _build(args) -> int:
    from heatdb.build import build_database

    report = build_database(args.out, scale=args.scale, progress=not args.quiet)
    print(f"{report.path}: {report.n_buildings:,} buildings, data version {report.data_version}, {report.seconds:.1f} s")
    return 0


def _info(args) -> int:
    from heatdb.queries import database_info

    info = database_info(args.db)
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=None, default=str))
        return 0
    print(f"database      {info['path']}")
    print(f"data version  {info['meta'].get('data_version')}  (built {info['meta'].get('built_at')}, scale {info['meta'].get('scale')})")
    print("tables")
    for t in info["tables"]:
        print(f"  {t['table']:<22} {t['rows']:>10,}  {t['comment']}")
    print("sources")
    for s in info["sources"]:
        flag = " [synthetic]" if s["is_synthetic"] else ""
        print(f"  {s['source_id']:<26} {s['licence']:<28} {s['title']}{flag}")
    return 0


def _write_report(path: Path, problems) -> None:
    import csv

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


def _import(args) -> int:
    from imports.registry import import_file

    try:
        mapping = _mapping(args.mapping)
        result = import_file(
            args.kind, args.file, args.db, skip_invalid=args.skip_invalid, licence=args.licence, portfolio=args.portfolio, mapping=mapping
        )
    except ImportValidationError as exc:
        if args.report:
            _write_report(args.report, exc.problems)
        print(f"error: {exc.report(args.lang)}", file=sys.stderr)
        if args.report:
            print(f"{'Bericht' if args.lang == 'de' else 'report'}: {args.report}", file=sys.stderr)
        return 2
    if args.report:
        _write_report(args.report, result.skipped)
    target = args.portfolio or "portfolio" if args.kind == "projects" else args.db
    print(f"{result.message(args.lang)} ({target})" if result.unchanged else f"{result.message(args.lang, notes=False)} into {target}")
    for en, de in result.notes:
        print(f"  {de if args.lang == 'de' else en}")
    if result.skipped:
        for p in result.skipped[:20]:
            print(f"  {'übersprungen' if args.lang == 'de' else 'skipped'}: {p.text(args.lang)}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m heatdb", description="The DuckDB heat warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the database from the shipped sources (atomic)")
    b.add_argument("--out", type=Path, default=DEFAULT_DB)
    b.add_argument("--scale", type=float, default=1.0, help="multiply the synthetic buildings per cell (benchmarks)")
    b.add_argument("--quiet", action="store_true")
    b.set_defaults(func=_build)
    i = sub.add_parser("info", help="tables, row counts, sources and data version")
    i.add_argument("--db", type=Path, default=DEFAULT_DB)
    i.add_argument("--format", choices=("text", "json"), default="text")
    i.set_defaults(func=_info)
    m = sub.add_parser("import", help="import a file into an existing database (all or nothing)")
    from imports.registry import available_kinds

    m.add_argument("kind", choices=available_kinds())
    m.add_argument("file", type=Path)
    m.add_argument("--db", type=Path, default=DEFAULT_DB)
    m.add_argument("--skip-invalid", action="store_true", help="leave out rows with problems (listed) instead of refusing the file")
    m.add_argument("--licence", default="", help="licence of the file, stored with the import (e.g. dl-de/by-2-0)")
    m.add_argument("--lang", choices=("de", "en"), default="en", help="language of messages and the problem report")
    m.add_argument(
        "--report", type=Path, help="write every problem (file, row, column, value, problem, fix; German and English) to this CSV"
    )
    m.add_argument("--portfolio", type=Path, help="portfolio database for kind projects (default data/portfolio.duckdb)")
    m.add_argument(
        "--mapping",
        default="auto",
        help="buildings only: attribute layout auto (default), osm, alkis or canonical, or a JSON file {source column: canonical column} "
        "(e.g. for the LANUV heat-demand model's columns)",
    )
    m.set_defaults(func=_import)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ImportValidationError, ModelInputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3

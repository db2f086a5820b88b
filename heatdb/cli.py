"""Command line of the warehouse.

    python -m heatdb build [--out PATH] [--scale FACTOR] [--quiet]
    python -m heatdb info [--db PATH] [--format text|json]
    python -m heatdb import ...    the import of a city's files (imports.cli), added by heatdb/__main__.py

Exit codes: 0 success, 2 bad input (nothing was changed), 3 database problem (also a full disk).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
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


def main(argv: list[str] | None = None, *, commands: Sequence[Callable[[argparse._SubParsersAction], None]] = ()) -> int:
    """Run the command line; `commands` add subcommands of the layers above (heatdb/__main__.py adds `import`)."""
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
    for add_command in commands:
        add_command(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ImportValidationError, ModelInputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3

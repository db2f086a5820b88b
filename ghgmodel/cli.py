"""Command line of the model (a stable contract, documented in the README).

    python -m ghgmodel balance BUILDINGS.csv --year YEAR --factors geg|bisko|FILE.csv
                               [--demand-basis tabula|consumption] [--per-building] [--format json|csv]
    python -m ghgmodel params [--format csv|json]

Exit codes: 0 success, 2 bad input (the message names file, row, column and fix).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import pandas as pd

from ghgmodel.balance import calc_balance
from ghgmodel.errors import ModelInputError
from ghgmodel.factors import resolve_factor_set
from ghgmodel.params import COLUMNS, load_parameters


def _read_buildings(path: str) -> pd.DataFrame:
    p = Path(path)
    if not p.exists():
        raise ModelInputError(f"{p.name}: file not found. Give the path of a CSV file with the building table.")
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelInputError(f"{p.name}: not UTF-8 (byte {exc.start}). Save the file as UTF-8 and try again.") from None
    if not text.strip():
        raise ModelInputError(f"{p.name}: the file is empty. Give a header row and one row per building.")
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise ModelInputError(f"{p.name}: not a readable CSV file ({exc}).") from None


def _balance(args) -> int:
    params, factor_set = resolve_factor_set(args.factors, load_parameters())
    frame = _read_buildings(args.buildings)
    result = calc_balance(
        frame,
        params,
        year=args.year,
        factor_set=factor_set,
        demand_basis=args.demand_basis,
        source=Path(args.buildings).name,
        header_lines=1,
    )
    label = args.factors if factor_set != "custom" else f"custom:{Path(args.factors).name}"
    if args.format == "json":
        out = result.to_dict(per_building=args.per_building)
        out["factors"] = label
        json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
        sys.stdout.write("\n")
    else:
        if args.per_building:
            table = result.buildings
        else:
            table = result.by("carrier").reset_index()
            total = {"carrier": "total", "n_buildings": int(table["n_buildings"].sum()), **result.totals()}
            table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
        table.insert(0, "factors", label)
        table.insert(0, "year", result.year)
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def _params(args) -> int:
    table = load_parameters().table[list(COLUMNS) + ["table"]]
    if args.format == "json":
        json.dump(table.to_dict(orient="records"), sys.stdout, ensure_ascii=False, separators=(",", ":"))
        sys.stdout.write("\n")
    else:
        table.to_csv(sys.stdout, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ghgmodel", description="Heat and greenhouse-gas balance of buildings.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("balance", help="balance of a building table in one year")
    b.add_argument("buildings", help="CSV with building_id, building_type, construction_year, heated_area_m2, carrier, ...")
    b.add_argument("--year", type=int, required=True, help="balance year (1990..2050)")
    b.add_argument("--factors", default="geg", help="geg, bisko or a CSV file with carrier,ef_g_per_kwh")
    b.add_argument("--demand-basis", default="tabula", choices=("tabula", "consumption"))
    b.add_argument("--per-building", action="store_true", help="add one record per building")
    b.add_argument("--format", default="json", choices=("json", "csv"))
    b.set_defaults(func=_balance)
    p = sub.add_parser("params", help="print every parameter with unit, kind and source")
    p.add_argument("--format", default="csv", choices=("csv", "json"))
    p.set_defaults(func=_params)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ModelInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

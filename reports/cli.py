"""Command line of the reports.

    python -m reports KIND (--scenario NAME | --snapshot ID) --out PATH [--db PATH] [--portfolio PATH]
                           [--lang de|en] [--title TEXT] [--compare NAME,NAME]
        KIND: pdf, pptx, xlsx, gpkg, json (the dataset), xwaermeplan (the heat plan as XWärmeplan 0.9 GML)
    python -m reports monitoring (--scenario NAME | --snapshot ID) --out PATH.pdf|.xlsx [--year YEAR] [--public]
        the yearly monitoring report (issue 19): plan against reported actuals; --snapshot names a frozen
        monitoring report, --public counts only released reports (the residents' version)
    python -m reports list [--portfolio PATH]      the frozen snapshots and monitoring reports
    python -m reports precompute [--db PATH] [--portfolio PATH] [--scenario ID]
        every saved scenario's results (or one's) into the model cache (WAERME_CACHE_DIR), so the app's
        first visitor does not wait; the portfolio is opened read-write and seeded if it does not exist yet

A scenario is computed live from the warehouse (--db) and the portfolio; a snapshot is read back from
the portfolio with the numbers frozen in it (it needs no warehouse). The portfolio is opened read-only.
--compare puts other saved scenarios beside a live one (the scenario comparison of the reports); a snapshot
keeps what it compared when it was frozen, so --compare with --snapshot is refused.
Exit codes: 0 written, 2 unknown scenario or snapshot (the message names the choices), bad arguments or a
dataset the kind cannot hold (e.g. no municipality key for XWärmeplan), 3 database missing or unreadable.
A live scenario uses the model cache (WAERME_CACHE_DIR, the files the app uses), so a second report of the
same scenario takes seconds; one progress line per step goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from heatdb.connect import DEFAULT_DB
from heatdb.errors import DatabaseError
from heatdb.settings import settings
from locales import LANGS
from portfolio import DEFAULT_PORTFOLIO
from reports.render import EXPORT_KINDS, KINDS, MONITORING, MONITORING_FORMATS


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m reports",
        description="Reports of a scenario or a frozen snapshot: PDF, PowerPoint, Excel, GeoPackage, XWärmeplan GML.",
    )
    p.add_argument(
        "kind",
        choices=[*KINDS, *EXPORT_KINDS, MONITORING, "list", "precompute"],
        help="report kind, 'list' for the snapshots, 'precompute' to fill the cache",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--scenario", help="saved scenario: id or name (computed live)")
    which.add_argument("--snapshot", help="snapshot id (the frozen numbers)")
    p.add_argument("--out", type=Path, help="output file")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help="warehouse (default: data/dortmund.duckdb)")
    p.add_argument("--portfolio", type=Path, default=DEFAULT_PORTFOLIO, help="portfolio (default: data/portfolio.duckdb), opened read-only")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0])
    p.add_argument("--title", default="", help="title on the first page (default: scenario or snapshot name)")
    p.add_argument("--compare", default="", help="other saved scenarios (ids or names, comma-separated) beside --scenario")
    p.add_argument("--year", type=int, help="monitoring: the year reported on (default: the latest year with a report)")
    p.add_argument("--public", action="store_true", help="monitoring: only the reports released for the residents' instance")
    return p


def _portfolio(path: Path, warehouse=None):
    import portfolio as pf

    try:
        return pf.open_portfolio(path, read_only=True, warehouse=warehouse)
    except Exception as exc:  # duckdb raises its own types for a file that is not a database
        raise DatabaseError(f"cannot open the portfolio {path}: {exc}") from None


def _list(args) -> int:
    from reports.snapshots import listing

    snaps = listing(_portfolio(args.portfolio))
    if snaps.empty:
        print("no snapshots yet; freeze one on the page Szenarien (planner mode)")
        return 0
    for rec in snaps.itertuples():
        flags = ("published" if rec.is_published else "") + ("" if rec.has_report else " no-report")
        print(f"{rec.snapshot_id}  {str(rec.created_at)[:19]}  data {rec.data_version}  {flags.strip():<10}  {rec.name}")
    from reports.monitoring_data import listing as monitoring_listing

    for rec in monitoring_listing(_portfolio(args.portfolio)).itertuples():
        flag = "published" if rec.is_published else ""
        print(f"{rec.report_id}  {str(rec.created_at)[:19]}  data {rec.data_version}  {flag:<10}  monitoring {rec.report_year}: {rec.name}")
    return 0


def _monitoring(args):
    """The monitoring dataset asked for: frozen (--snapshot) or computed live for --scenario and --year."""
    from reports import monitoring_data

    if args.snapshot:
        data = monitoring_data.load(_portfolio(args.portfolio), args.snapshot)
        return data.with_meta(title=args.title) if args.title else data
    from ghgmodel import load_parameters
    from heatdb.connect import connect
    from reports.cache import ResultCache
    from reports.dataset import resolve_scenario
    from reports.model import ModelService

    con = connect(args.db, read_only=True)
    pcon = _portfolio(args.portfolio, warehouse=con)
    sid, sc = resolve_scenario(pcon, args.scenario)
    model = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=ResultCache(settings().cache_dir))
    _step(f"monitoring {args.year or 'latest year'}, contributions of scenario {sid}")
    return monitoring_data.build_monitoring_data(
        con, pcon, sc, model=model, scenario_id=sid, report_year=args.year, published_only=args.public, title=args.title
    )


def _data(args):
    """The ReportData asked for; raises LookupError (exit 2) or DatabaseError (exit 3)."""
    if args.kind == MONITORING:
        return _monitoring(args)
    if args.snapshot:
        from reports.snapshots import listing, load

        pcon = _portfolio(args.portfolio)
        try:
            data = load(pcon, args.snapshot)
        except LookupError as exc:
            ids = ", ".join(listing(pcon)["snapshot_id"].astype(str)) or "none"
            raise LookupError(f"{exc.args[0] if exc.args else exc}. Snapshots in {args.portfolio.name}: {ids}") from None
        return data.with_meta(title=args.title) if args.title else data
    from ghgmodel import load_parameters
    from heatdb.connect import connect
    from reports.cache import ResultCache
    from reports.dataset import build_report_data, resolve_scenario
    from reports.model import ModelService

    con = connect(args.db, read_only=True)
    pcon = _portfolio(args.portfolio, warehouse=con)
    sid, sc = resolve_scenario(pcon, args.scenario)
    cache = ResultCache(settings().cache_dir)
    model = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=cache)
    _step(f"scenario {sid}: pathway, contributions and decomposition")
    data = build_report_data(con, pcon, sc, model=model, scenario_id=sid, title=args.title)
    others = [x.strip() for x in args.compare.split(",") if x.strip()]
    if others:
        from reports.compare import compare_scenarios

        _step(f"comparing with {', '.join(others)}")
        data = compare_scenarios(data, model, pcon, others)
    return data


def _precompute(args) -> int:
    import portfolio as pf
    from ghgmodel import load_parameters
    from heatdb.connect import connect
    from reports.cache import ResultCache
    from reports.model import ModelService
    from reports.precompute import precompute

    if not args.db.exists():
        raise DatabaseError(f"no warehouse at {args.db}; build it with: python -m heatdb build --out {args.db}")
    con = connect(args.db, read_only=True)
    # an existing portfolio (e.g. the public export) is only read; a missing one is made and seeded as the app would
    pcon = pf.open_portfolio(args.portfolio, warehouse=con, read_only=Path(args.portfolio).exists())
    try:
        cache = ResultCache(settings().cache_dir)
        model = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=cache)
        start = time.perf_counter()
        rows = precompute(model, con.cursor, pcon.cursor, scenario_ids=[args.scenario] if args.scenario else None, progress=_step)
    finally:
        pcon.close()
        con.close()
    n = len({r["scenario_id"] for r in rows})
    print(f"{n} scenarios precomputed into {settings().cache_dir} in {time.perf_counter() - start:.1f} s")
    return 0


def _step(text: str) -> None:
    print(f"[reports] {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.kind == "list":
            return _list(args)
        if args.kind == "precompute":
            return _precompute(args)
        if not (args.scenario or args.snapshot):
            print("error: give --scenario NAME or --snapshot ID (python -m reports list shows the snapshots)", file=sys.stderr)
            return 2
        if args.snapshot and args.compare:
            print("error: a snapshot keeps the scenarios it was frozen with; --compare works with --scenario", file=sys.stderr)
            return 2
        if args.out is None:
            print("error: give --out PATH for the report file", file=sys.stderr)
            return 2
        fmt = args.out.suffix.lower().lstrip(".")
        if args.kind == MONITORING and fmt not in MONITORING_FORMATS:
            print(
                f"error: the monitoring report is written as {' or '.join(MONITORING_FORMATS)}; name --out PATH.pdf or PATH.xlsx",
                file=sys.stderr,
            )
            return 2
        start = time.perf_counter()
        data = _data(args)
        from reports.render import render

        _step(f"rendering {args.kind}")
        payload = render(args.kind, data, lang=args.lang, fmt=fmt if args.kind == MONITORING else "pdf")
    except DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except LookupError as exc:  # KeyError of resolve_scenario, SnapshotError, XWaermeplanError
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(payload)
    what = (
        f"snapshot {data.meta.get('snapshot_id')}"
        if data.is_snapshot
        else f"scenario {data.meta.get('scenario_id') or data.meta.get('scenario_name')} (live)"
    )
    print(
        f"{args.out}: {args.kind}, {what}, data version {data.meta.get('data_version')}, {len(payload):,} bytes, {time.perf_counter() - start:.1f} s"
    )
    return 0

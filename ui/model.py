"""The model behind the pages: the portfolio and one process-wide reports.model.ModelService.

The portfolio database (projects, scenarios, snapshots) is opened read-write in planner mode and
read-only in public mode (WAERME_PORTFOLIO_DB, default data/portfolio.duckdb). The public replicas read the
published-only export the planners' app writes at every publish and withdraw (portfolio.publish) and reopen it
when it is replaced. Results are cached by
the hashes of everything they depend on: data version, parameters, portfolio and scenario.

Model results are not kept in Streamlit's caches: any visitor can clear those for everybody with a
`clear_cache` message, and recomputing the contributions takes seconds. They live in a process-wide
reports.cache.ResultCache: in memory, and in planner mode also in bounded files (WAERME_CACHE_DIR,
default ~/.cache/waermewende; oldest files evicted beyond 256 MB or 14 days), shared by the app
processes of a machine. The public instance never writes files on a visitor's behalf.
"""

from __future__ import annotations

import atexit
import logging
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

import portfolio as pf
from ghgmodel import Scenario, load_parameters
from ghgmodel.engine import VARIANTS
from heatdb.settings import settings
from reports.cache import ResultCache
from reports.model import ModelService
from reports.precompute import precompute
from ui import db
from ui.i18n import scenario_name
from ui.mode import is_public

LOG = logging.getLogger(__name__)
_SERVICE: dict[tuple, ModelService] = {}
_GUARD = threading.Lock()
_STOP = threading.Event()  # set at exit: a warming thread ends after its running step


@atexit.register
def _stop_warming() -> None:
    """Let warming threads finish their step before the interpreter goes (DuckDB aborts under a frozen thread)."""
    _STOP.set()
    for th in threading.enumerate():
        if th.name == "warm-model":
            th.join(timeout=120)


_WARMED: dict[int, tuple] = {}  # id of a service -> the state (portfolio hash, data version) last warmed
# The warming thread starts this long after the page run that started it: that run (after a save, the planner's own
# page with the edited measure's new numbers) computes what it shows first, without sharing the interpreter with a
# thread recomputing every saved scenario. Measured (benchmarks/edit_bench.py): a save's page took 5 s with the
# thread running at once, most of its run is over after 3 s.
WARM_DELAY_S = 5.0


def cache_dir() -> Path:
    return settings().cache_dir


def portfolio_path() -> Path:
    return settings().portfolio_db


@st.cache_resource(show_spinner=False)
def _portfolio(path: str, read_only: bool, version: str):
    return pf.open_portfolio(path, read_only=read_only, warehouse=db.cursor())


_PUBLIC: dict[str, tuple[tuple, object]] = {}  # path -> ((inode, mtime_ns, data version), read-only connection)
_PUBLIC_LOCK = threading.Lock()


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st_ = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (st_.st_ino, st_.st_mtime_ns)


def _public_portfolio(path: Path, version: str):
    """The public instance's read-only portfolio, reopened when the file is replaced: the planners' app (or
    `python -m portfolio publish`) moves a new export into place at every publish and withdraw (portfolio.publish).

    The old connection is closed before the new file is opened: DuckDB hands a new connect() the database instance it
    still has open under the same path, which would keep serving the replaced file (as ui.db does for the warehouse).
    """
    key = (*_stamp(path), version)
    with _PUBLIC_LOCK:
        held = _PUBLIC.get(str(path))
        if held is not None and held[0] == key:
            return held[1]
        if held is not None:
            held[1].close()
        con = pf.open_portfolio(path, read_only=True, warehouse=db.cursor())
        _PUBLIC[str(path)] = (key, con)
        return con


def _connection():
    if is_public():
        return _public_portfolio(portfolio_path(), db.data_version())
    return _portfolio(str(portfolio_path()), False, db.data_version())


def portfolio():
    """A cursor on the portfolio database (on the public instance: the published export, read-only, checked for a
    newer file at every call, i.e. at every page view)."""
    return _connection().cursor()


def export_public() -> pf.PublicExport:
    """Write the published-only export the public replicas read (WAERME_PUBLIC_EXPORT); raises pf.PublishError."""
    return pf.export_published(portfolio(), settings().public_export)


@st.cache_resource(show_spinner=False)
def params():
    return load_parameters()


def service() -> ModelService:
    """The process-wide model service for the current warehouse file, portfolio and mode."""
    public = is_public()
    key = (str(db.db_path()), str(portfolio_path()), str(cache_dir()), public)
    with _GUARD:
        if key not in _SERVICE:
            # the public instance reads what deploy/start.sh precomputed, and writes nothing on a visitor's behalf
            cache = ResultCache(cache_dir(), max_entries=32 if public else 256, write=not public)
            _SERVICE[key] = ModelService(
                warehouse=db.cursor,
                portfolio=portfolio,
                params=params(),
                cache=cache,
                data_version=db.data_version,
                # the public export changes only by being replaced: read its projects once per file
                portfolio_stamp=(lambda: (*_stamp(portfolio_path()), db.data_version())) if public else None,
            )
        return _SERVICE[key]


def warm() -> None:
    """Compute every saved scenario's results in a background thread, once per portfolio state: after the
    server starts (what `python -m reports precompute` left is read back) and after every change of the
    portfolio, so the next visitor of any page finds them. A visitor asking for a result the thread is
    computing waits for it instead of computing it twice (reports.cache). The public instance does not: it
    reads what its start script precomputed (deploy/start.sh, `make run-public`)."""
    if is_public():
        return
    svc = service()
    state = (id(svc), portfolio_hash(), db.data_version())
    with _GUARD:
        if _WARMED.get(id(svc)) == state:
            return
        _WARMED[id(svc)] = state
    # cursors of the connections opened here: the thread touches no Streamlit cache
    warehouse, pcon, version = db.connection(), _connection(), db.data_version()
    worker = ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=params(), cache=svc.cache, data_version=lambda: version)
    # a warmer whose portfolio state is no longer the latest (the planner saved again) ends after its running step
    stale = lambda: _STOP.is_set() or _WARMED.get(id(svc)) != state  # noqa: E731
    threading.Thread(target=_warm, args=(worker, warehouse.cursor, pcon.cursor, stale), name="warm-model", daemon=True).start()


def _warm(worker: ModelService, warehouse, portfolio_cursor, stop) -> None:
    if _STOP.wait(WARM_DELAY_S) or stop():
        return
    try:
        precompute(worker, warehouse, portfolio_cursor, stop=stop)
    except Exception:  # noqa: BLE001 - a failed warm-up only means the page computes on request
        LOG.exception("warming the model cache failed")


def memo(kind: str, key: str, compute):
    """Any result cached with the model's results (reports, snapshots)."""
    return service().cache.get_or_compute(kind, key, compute)


def params_hash() -> str:
    return service().params_hash()


def stock():
    return service().stock()


def projects():
    return pf.projects(portfolio())


def projects_table() -> pd.DataFrame:
    return pf.list_projects(portfolio())


def portfolio_hash() -> str:
    return pf.portfolio_hash(portfolio())


def scenarios() -> pd.DataFrame:
    """The saved scenarios; the shipped defaults' names in the visitor's language."""
    table = pf.list_scenarios(portfolio())
    return table.assign(name=[scenario_name(sid, name) for sid, name in zip(table["scenario_id"], table["name"])])


def scenario(scenario_id: str) -> Scenario | None:
    return pf.scenario(portfolio(), scenario_id)


def _key(sc: Scenario) -> str:
    return service().key(sc)


def pathway(sc: Scenario, variant: str = "central") -> dict:
    """Totals, by district and carrier, heating counts, networks and WPG indicators of a scenario."""
    return service().pathway(sc, variant)


def pathway_band(sc: Scenario) -> pd.DataFrame:
    """Total emissions per year: central, and low/high as the envelope of the three variants."""
    return service().band(sc)


def gaps(sc: Scenario) -> pd.DataFrame:
    return service().gaps(sc)


def contributions(sc: Scenario, variants: tuple[str, ...] = VARIANTS) -> dict:
    """Contributions of the scenario's measures against the baseline, with abatement costs."""
    return service().contributions(sc, variants)


def peek_contributions(sc: Scenario) -> dict | None:
    """The contributions in all variants if already computed (never computes)."""
    return service().peek_contributions(sc)


def decomposition(sc: Scenario) -> dict:
    """The waterfall 2024 -> 2030 / 2035: baseline drivers, measures, unbacked levers."""
    return service().decomposition(sc)

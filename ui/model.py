"""The model behind the pages: portfolio access and cached pathways and contributions.

The portfolio database (projects, scenarios, snapshots) is opened read-write in planner mode and
read-only in public mode (WAERME_PORTFOLIO_DB, default data/portfolio.duckdb). Results are cached by
the hashes of everything they depend on: data version, parameters, portfolio and scenario.

Model results are not kept in Streamlit's caches: any visitor can clear those for everybody with a
`clear_cache` message, and recomputing the contributions takes seconds. They live in a process-wide
memory cache and in files (WAERME_CACHE_DIR, default ~/.cache/waermewende), shared by all replicas
on a machine; only one session computes a given result at a time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import streamlit as st

import portfolio as pf
from ghgmodel import Scenario, build_stock, calc_contributions, calc_gaps, calc_pathway, calc_wpg_indicators, load_parameters
from heatdb.queries import stock_for_model
from ui import db
from ui.mode import is_public

_MEMO: OrderedDict = OrderedDict()
_MEMO_MAX = 64
_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def cache_dir() -> Path:
    return Path(os.environ.get("WAERME_CACHE_DIR", Path.home() / ".cache" / "waermewende"))


def memo(kind: str, key: str, compute):
    """The result for `key` from memory, else from the cache file, else computed once and stored in both."""
    digest = hashlib.sha256(f"{kind}|{key}".encode()).hexdigest()[:32]
    with _GUARD:
        if digest in _MEMO:
            _MEMO.move_to_end(digest)
            return _MEMO[digest]
        lock = _LOCKS.setdefault(digest, threading.Lock())
    with lock:
        with _GUARD:
            if digest in _MEMO:
                return _MEMO[digest]
        path = cache_dir() / f"{kind}-{digest}.pkl"
        value = None
        if path.exists():
            try:
                value = pickle.loads(path.read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                value = None
        if value is None:
            value = compute()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fh:
                    fh.write(pickle.dumps(value))
                os.replace(fh.name, path)
            except OSError:
                pass  # a read-only machine still has the memory cache
        with _GUARD:
            _MEMO[digest] = value
            while len(_MEMO) > _MEMO_MAX:
                _MEMO.popitem(last=False)
        return value


def portfolio_path() -> Path:
    return Path(os.environ.get("WAERME_PORTFOLIO_DB", pf.DEFAULT_PORTFOLIO))


@st.cache_resource(show_spinner=False)
def _portfolio(path: str, read_only: bool, version: str):
    return pf.open_portfolio(path, read_only=read_only, warehouse=db.cursor())


def portfolio():
    """A cursor on the portfolio database (read-only on the public instance)."""
    return _portfolio(str(portfolio_path()), is_public(), db.data_version()).cursor()


@st.cache_resource(show_spinner=False)
def params():
    return load_parameters()


def params_hash() -> str:
    t = params().table
    return hashlib.sha256(t.drop(columns=["row"]).to_csv(index=False).encode()).hexdigest()[:12]


def _build_stock():
    buildings, networks = stock_for_model(db.cursor())
    return build_stock(buildings, params(), networks=networks)


def stock():
    return memo("stock", f"{db.data_version()}|{params_hash()}", _build_stock)


def projects():
    return pf.projects(portfolio())


def projects_table() -> pd.DataFrame:
    return pf.list_projects(portfolio())


def portfolio_hash() -> str:
    return pf.portfolio_hash(portfolio())


def scenarios() -> pd.DataFrame:
    return pf.list_scenarios(portfolio())


def scenario(scenario_id: str) -> Scenario | None:
    return pf.scenario(portfolio(), scenario_id)


def _key(sc: Scenario) -> str:
    return f"{db.data_version()}|{params_hash()}|{portfolio_hash()}|{sc.to_json()}"


def pathway(sc: Scenario, variant: str = "central") -> dict:
    """Totals, by district and carrier, heating counts, network factors and WPG indicators of a scenario."""

    def compute():
        pw = calc_pathway(stock(), sc, params(), projects=projects(), variant=variant)
        return {
            "totals": pw.totals(),
            "by_district": pw.by_district,
            "heating": pw.heating,
            "networks": pw.network_factors,
            "indicators": calc_wpg_indicators(pw),
        }

    return memo("pathway", f"{_key(sc)}|{variant}", compute)


def pathway_band(sc: Scenario) -> pd.DataFrame:
    """Total emissions per year in the low, central and high variant."""
    out = {v: pathway(sc, v)["totals"]["co2e_t"] for v in ("low", "central", "high")}
    return pd.DataFrame(out)


def gaps(sc: Scenario) -> pd.DataFrame:
    return calc_gaps(pathway(sc)["totals"]["co2e_t"], params())


def contributions(sc: Scenario) -> dict:
    """Standalone and attributed contributions of the portfolio in a scenario."""

    def compute():
        ps = projects()
        c = calc_contributions(stock(), sc, params(), ps)
        return {"by_year": c.by_year, "total": c.total, "summary": c.summary(ps), "methods": {str(k): v for k, v in c.methods.items()}}

    return memo("contributions", _key(sc), compute)

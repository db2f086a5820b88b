"""The warehouse connection: opened once per process, one cursor per query, cached query results.

The app opens the warehouse read-only in every mode: it never writes there, several app processes
(and the import command, which swaps the file atomically) can share it, and a rebuild cannot meet a
lock held by the app. What planners edit (projects, scenarios) lives in the portfolio database.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from heatdb import queries
from heatdb.connect import connect
from heatdb.settings import settings


def db_path() -> Path:
    return settings().db


_OPEN: dict[str, tuple[tuple[int, int], object]] = {}
_LOCK = threading.Lock()


def connection():
    """The process-wide read-only connection to the warehouse, reopened when the file is replaced
    (a rebuild or an import swaps in a new file).

    The old connection is closed before the new file is opened: DuckDB hands a new connect() the
    database instance it still has open under the same path, so the app would keep reading the
    replaced file.
    """
    path = db_path()
    try:
        st_ = path.stat()
    except FileNotFoundError:
        return connect(path, read_only=True)  # raises DatabaseError with the fix
    key = (st_.st_ino, st_.st_mtime_ns)
    with _LOCK:
        held = _OPEN.get(str(path))
        if held is not None and held[0] == key:
            return held[1]
        if held is not None:
            held[1].close()
        con = connect(path, read_only=True)
        _OPEN[str(path)] = (key, con)
        return con


def cursor():
    """A fresh cursor (DuckDB connections are not shared across threads)."""
    return connection().cursor()


_META: dict[str, tuple[tuple[int, int], dict]] = {}  # path -> ((inode, mtime), the warehouse's meta table)


def meta() -> dict:
    """The warehouse's meta table (data version, build date, city), read once per file. Pages ask for it some 90
    times per view; through Streamlit's cache each call hashed its arguments and unpickled a copy."""
    path = db_path()
    st_ = path.stat() if path.exists() else None
    key = (st_.st_ino, st_.st_mtime_ns) if st_ else (0, 0)
    held = _META.get(str(path))
    if held is None or held[0] != key:
        held = (key, queries.meta(cursor()))  # raises DatabaseError with the fix when there is no warehouse
        with _LOCK:
            _META[str(path)] = held
    return dict(held[1])


def data_version() -> str:
    return meta().get("data_version", "?")


@st.cache_data(show_spinner=False, max_entries=256)
def _query(version: str, name: str, args: tuple):
    return getattr(queries, name)(cursor(), *args)


def query(name: str, *args):
    """Any read query of heatdb.queries, cached per data version and arguments."""
    return _query(data_version(), name, tuple(args))


# --- the public instance's figures -------------------------------------------------------------------------------

_FIGURES: dict[tuple, object] = {}
_FIGURES_LOCK = threading.Lock()


def _public() -> bool:
    from ui.mode import is_public

    return is_public()


@functools.cache
def _min_buildings() -> int:
    from ghgmodel import load_parameters

    return int(load_parameters().value("privacy.min_buildings"))


def public_figures():
    """reports.disclosure's PublicFigures of the current warehouse: every figure the public instance may show, computed
    once per process and data version (kept out of Streamlit's caches, which a visitor could clear)."""
    from reports.disclosure import public_figures as compute

    key = (str(db_path()), data_version(), _min_buildings())
    with _FIGURES_LOCK:
        if key not in _FIGURES:
            for old in [k for k in _FIGURES if k[0] == key[0]]:
                del _FIGURES[old]
            _FIGURES[key] = compute(cursor(), key[2])
        return _FIGURES[key]


def _public_map(level: str, raw: dict) -> dict:
    """District outlines with the public figures of each district as properties (nothing else)."""
    d = public_figures().level(level).set_index("district_id")
    cols = ["n_buildings", "heat_demand_mwh_per_year", "co2e_t_per_year", "heat_density_mwh_per_ha_year", "dh_share_pct", "hp_share_pct"]
    feats = []
    for f in raw["features"]:
        did = f["properties"]["district_id"]
        props = {"district_id": did, "name": f["properties"].get("name"), "supply_area_type": d["supply_area_type"].get(did)}
        for c in cols:
            v = d[c].get(did)
            props[c] = None if v is None or pd.isna(v) else float(v)
        feats.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": feats}


# the read queries the pages use most, by name. On the public instance the district figures are the published ones of
# reports.disclosure (the one publication rule), so that no page can show another value of a group.
def city() -> pd.Series:
    if _public():
        return public_figures().level("city").iloc[0]
    return query("city")


def districts(level: str) -> pd.DataFrame:
    if _public():
        return public_figures().level(level)
    return query("districts", level)


def district_map(level: str) -> dict:
    if _public():
        return _public_map(level, query("district_map", level))
    return query("district_map", level)


def sources() -> pd.DataFrame:
    return query("data_sources")


def district_carriers(district_id: str) -> pd.DataFrame:
    """Buildings (and heat demand) by carrier; on the public instance the published carrier groups."""
    if _public():
        c = public_figures().carriers
        c = c[c["district_id"] == district_id].drop(columns=["district_id"])
        return c.sort_values("n_buildings", ascending=False, kind="stable").reset_index(drop=True)
    return query("district_carriers", district_id)


def district_stock(district_id: str) -> pd.DataFrame:
    """Buildings by age class and type; on the public instance the published groups."""
    if _public():
        s = public_figures().stock
        return s[s["district_id"] == district_id].drop(columns=["district_id"]).reset_index(drop=True)
    return query("district_stock", district_id)

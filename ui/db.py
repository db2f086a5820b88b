"""The warehouse connection: opened once per process, one cursor per query, cached query results.

The app opens the warehouse read-only in every mode: it never writes there, several app processes
(and the import command, which swaps the file atomically) can share it, and a rebuild cannot meet a
lock held by the app. What planners edit (projects, scenarios) lives in the portfolio database.
"""

from __future__ import annotations

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


@st.cache_data(show_spinner=False)
def _meta(path: str, inode: int, mtime_ns: int) -> dict:
    return queries.meta(cursor())


def meta() -> dict:
    path = db_path()
    st_ = path.stat() if path.exists() else None
    return _meta(str(path), st_.st_ino if st_ else 0, st_.st_mtime_ns if st_ else 0)


def data_version() -> str:
    return meta().get("data_version", "?")


@st.cache_data(show_spinner=False, max_entries=256)
def _query(version: str, name: str, args: tuple):
    return getattr(queries, name)(cursor(), *args)


def query(name: str, *args):
    """Any read query of heatdb.queries, cached per data version and arguments."""
    return _query(data_version(), name, tuple(args))


# the read queries the pages use most, by name
def city() -> pd.Series:
    return query("city")


def districts(level: str) -> pd.DataFrame:
    return query("districts", level)


def district_map(level: str) -> dict:
    return query("district_map", level)


def sources() -> pd.DataFrame:
    return query("data_sources")


def district_carriers(district_id: str) -> pd.DataFrame:
    return query("district_carriers", district_id)


def district_stock(district_id: str) -> pd.DataFrame:
    return query("district_stock", district_id)

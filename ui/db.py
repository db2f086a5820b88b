"""The warehouse connection: opened once per process, one cursor per query, cached query results.

The app opens the warehouse read-only in every mode: it never writes there, several app processes
(and the import command, which swaps the file atomically) can share it, and a rebuild cannot meet a
lock held by the app. What planners edit (projects, scenarios) lives in the portfolio database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from heatdb import queries
from heatdb.connect import DEFAULT_DB, connect


def db_path() -> Path:
    return Path(os.environ.get("WAERME_DB", DEFAULT_DB))


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    return connect(path, read_only=True)


def connection():
    """The process-wide read-only connection to the warehouse."""
    return _connection(str(db_path()))


def cursor():
    """A fresh cursor (DuckDB connections are not shared across threads)."""
    return connection().cursor()


@st.cache_data(show_spinner=False)
def _meta(path: str) -> dict:
    return queries.meta(cursor())


def meta() -> dict:
    return _meta(str(db_path()))


def data_version() -> str:
    return meta().get("data_version", "?")


@st.cache_data(show_spinner=False)
def _city(version: str) -> pd.Series:
    return queries.city(cursor())


def city() -> pd.Series:
    return _city(data_version())


@st.cache_data(show_spinner=False)
def _districts(version: str, level: str) -> pd.DataFrame:
    return queries.districts(cursor(), level)


def districts(level: str) -> pd.DataFrame:
    return _districts(data_version(), level)


@st.cache_data(show_spinner=False)
def _district_map(version: str, level: str) -> dict:
    return queries.district_map(cursor(), level)


def district_map(level: str) -> dict:
    return _district_map(data_version(), level)


@st.cache_data(show_spinner=False)
def _sources(version: str) -> pd.DataFrame:
    return queries.data_sources(cursor())


def sources() -> pd.DataFrame:
    return _sources(data_version())


@st.cache_data(show_spinner=False)
def _district_carriers(version: str, district_id: str) -> pd.DataFrame:
    return queries.district_carriers(cursor(), district_id)


def district_carriers(district_id: str) -> pd.DataFrame:
    return _district_carriers(data_version(), district_id)


@st.cache_data(show_spinner=False)
def _district_stock(version: str, district_id: str) -> pd.DataFrame:
    return queries.district_stock(cursor(), district_id)


def district_stock(district_id: str) -> pd.DataFrame:
    return _district_stock(data_version(), district_id)


@st.cache_data(show_spinner=False, max_entries=256)
def _query(version: str, name: str, args: tuple):
    return getattr(queries, name)(cursor(), *args)


def query(name: str, *args):
    """Any read query of heatdb.queries, cached per data version and arguments."""
    return _query(data_version(), name, tuple(args))

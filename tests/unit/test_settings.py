"""heatdb.settings: the environment in one frozen object, read anew at every call."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from heatdb.connect import DEFAULT_DB
from heatdb.settings import DEFAULT_CACHE_DIR, DEFAULT_PORTFOLIO_DB, DEFAULT_PUBLIC_EXPORT, settings

VARIABLES = ("WAERME_DB", "WAERME_PORTFOLIO_DB", "WAERME_PUBLIC_EXPORT", "WAERME_MODE", "WAERME_CACHE_DIR", "WAERME_BASEMAP_STYLE")


@pytest.fixture
def clean_env(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_without_any_variable(clean_env):
    s = settings()
    assert s.db == DEFAULT_DB and s.db.name == "dortmund.duckdb"
    assert s.portfolio_db == DEFAULT_PORTFOLIO_DB == DEFAULT_DB.parent / "portfolio.duckdb"
    assert s.public_export == DEFAULT_PUBLIC_EXPORT == DEFAULT_DB.parent / "public" / "portfolio.duckdb"
    assert s.cache_dir == DEFAULT_CACHE_DIR == Path.home() / ".cache" / "waermewende"
    assert s.mode == "" and s.basemap_style == ""


def test_every_call_reads_the_environment_of_that_moment(clean_env, tmp_path):
    clean_env.setenv("WAERME_DB", str(tmp_path / "a.duckdb"))
    clean_env.setenv("WAERME_PORTFOLIO_DB", str(tmp_path / "p.duckdb"))
    clean_env.setenv("WAERME_CACHE_DIR", str(tmp_path / "cache"))
    clean_env.setenv("WAERME_PUBLIC_EXPORT", str(tmp_path / "public.duckdb"))
    clean_env.setenv("WAERME_MODE", "  Public ")
    clean_env.setenv("WAERME_BASEMAP_STYLE", " https://example.org/style.json ")
    s = settings()
    assert (s.db, s.portfolio_db, s.cache_dir) == (tmp_path / "a.duckdb", tmp_path / "p.duckdb", tmp_path / "cache")
    assert s.public_export == tmp_path / "public.duckdb"
    assert s.mode == "public" and s.basemap_style == "https://example.org/style.json"
    clean_env.setenv("WAERME_DB", str(tmp_path / "b.duckdb"))
    assert settings().db == tmp_path / "b.duckdb"


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings().mode = "public"


def test_an_explicit_environment_is_read_instead_of_the_process_one():
    assert settings({"WAERME_MODE": "planner"}).mode == "planner"
    assert settings({}).db == DEFAULT_DB

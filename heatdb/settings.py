"""The environment variables the app and the command lines read, in one place.

    WAERME_DB              the warehouse (default data/dortmund.duckdb)
    WAERME_PORTFOLIO_DB    the planners' portfolio (default data/portfolio.duckdb); the public replicas point it at the export
    WAERME_PUBLIC_EXPORT   the published-only export of the portfolio the public replicas read (default data/public/portfolio.duckdb)
    WAERME_MODE            public or planner; unset: .streamlit/secrets.toml decides (ui.mode)
    WAERME_CACHE_DIR       model results shared by the app's processes (default ~/.cache/waermewende)
    WAERME_BASEMAP_STYLE   URL of a MapLibre style; unset: no basemap is requested
    WAERME_VALIDATE_CHARTS 1: check every chart's Vega-Lite spec against the schema (the tests set it; ui.charts)

`settings()` reads the environment at every call, so a test sets a variable with monkeypatch and the
next call sees it. It lives in heatdb, the lowest layer that reads any of them, so every layer can import it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from heatdb.connect import DEFAULT_DB

DEFAULT_PORTFOLIO_DB = DEFAULT_DB.parent / "portfolio.duckdb"
DEFAULT_PUBLIC_EXPORT = DEFAULT_DB.parent / "public" / "portfolio.duckdb"
DEFAULT_CACHE_DIR = Path.home() / ".cache" / "waermewende"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What the environment says; every field has its default when the variable is not set."""

    db: Path
    portfolio_db: Path
    public_export: Path  # what publishing writes for the public replicas (portfolio.publish)
    mode: str  # WAERME_MODE stripped and lower-cased; "" when not set
    cache_dir: Path
    basemap_style: str  # "" when not set
    validate_charts: bool  # WAERME_VALIDATE_CHARTS == "1"


def settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of this moment (`environ`: default os.environ)."""
    env = os.environ if environ is None else environ
    return Settings(
        db=Path(env.get("WAERME_DB", DEFAULT_DB)),
        portfolio_db=Path(env.get("WAERME_PORTFOLIO_DB", DEFAULT_PORTFOLIO_DB)),
        public_export=Path(env.get("WAERME_PUBLIC_EXPORT", DEFAULT_PUBLIC_EXPORT)),
        mode=env.get("WAERME_MODE", "").strip().lower(),
        cache_dir=Path(env.get("WAERME_CACHE_DIR", DEFAULT_CACHE_DIR)),
        basemap_style=env.get("WAERME_BASEMAP_STYLE", "").strip(),
        validate_charts=env.get("WAERME_VALIDATE_CHARTS", "").strip() == "1",
    )


__all__ = ["DEFAULT_CACHE_DIR", "DEFAULT_PORTFOLIO_DB", "DEFAULT_PUBLIC_EXPORT", "Settings", "settings"]

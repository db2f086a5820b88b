"""The portfolio database: where it is, its tables, and opening it (created and seeded on first use).

The planners' own data lives in a database of its own (`data/portfolio.duckdb`, WAERME_PORTFOLIO_DB),
apart from the rebuildable warehouse: a rebuild never touches a planner's work, and the warehouse
stays read-only for the app.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from heatdb.settings import DEFAULT_PORTFOLIO_DB
from portfolio.actuals import ensure as ensure_actuals
from portfolio.actuals import seed_actuals
from portfolio.seed import seed

DEFAULT_PORTFOLIO = DEFAULT_PORTFOLIO_DB

SCHEMA = """
CREATE TABLE IF NOT EXISTS projects (
    project_id VARCHAR PRIMARY KEY, name VARCHAR, owner VARCHAR, project_type VARCHAR, status VARCHAR,
    start_year INTEGER, end_year INTEGER, district_ids VARCHAR, expansion_area_ids VARCHAR, building_ids VARCHAR,
    network_id VARCHAR, connection_share_pct DOUBLE, rate_pct_per_year DOUBLE, heat_mwh_per_year DOUBLE,
    heat_source VARCHAR, source_ef_g_per_kwh DOUBLE, retrofit_depth VARCHAR, target_system VARCHAR,
    capex_eur DOUBLE, funding_eur DOUBLE, funding_source VARCHAR, source VARCHAR, is_approximated BOOLEAN,
    note VARCHAR, published_co2_t_per_year DOUBLE, updated_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id VARCHAR PRIMARY KEY, name VARCHAR, levers_json VARCHAR, is_default BOOLEAN, updated_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS snapshots (
    snapshot_id VARCHAR PRIMARY KEY, name VARCHAR, created_at TIMESTAMP, data_version VARCHAR, params_hash VARCHAR,
    scenario_json VARCHAR, projects_json VARCHAR, results_json VARCHAR, note VARCHAR);
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS portfolio_hash VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS report_json VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS report_sha256 VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS is_published BOOLEAN DEFAULT false;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS is_hybrid BOOLEAN DEFAULT false;
ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS sort_order INTEGER;
CREATE TABLE IF NOT EXISTS audit_log (logged_at TIMESTAMP, action VARCHAR, object_id VARCHAR, detail VARCHAR);
"""
COMMENTS = {
    "projects": "Climate City Contract portfolio: one row per measure with owner, type, reach, ramp, cost, funding, status and source (ghgmodel.Project fields; lists as JSON).",
    "scenarios": "Saved scenarios: the levers as JSON (ghgmodel.Scenario).",
    "snapshots": "Frozen scenario results for council documents: the inputs and the numbers as computed (report_json, with its SHA-256), data version, parameter and portfolio hash; never edited, only published.",
    "audit_log": "Every change to projects, scenarios and snapshots.",
}


def open_portfolio(path: str | Path | None = None, *, read_only: bool = False, warehouse=None) -> duckdb.DuckDBPyConnection:
    """Open (and on first use create and seed) the portfolio database.

    Read-only callers get an in-memory copy of the defaults when the file does not exist, so the
    public instance never writes a file. `warehouse` (a connection) resolves district names and
    expansion-area rules of the default projects.
    """
    path = Path(path or DEFAULT_PORTFOLIO)
    if read_only and path.exists():
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.IOException:
            # a planner's app holds the file open for writing; the read-only instance then serves the
            # defaults (deploy/start.sh gives the public replicas their own published copy instead)
            con = None
        if con is not None:
            tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            if {"projects", "scenarios", "snapshots"} <= tables:
                return con
            con.close()  # not a portfolio (e.g. an empty file): serve the defaults instead
    target = ":memory:" if read_only else str(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(target)
    con.execute(SCHEMA)
    for table, text in COMMENTS.items():
        con.execute(f"COMMENT ON TABLE {table} IS '{text}'")
    if con.execute("SELECT count(*) FROM projects").fetchone()[0] == 0 and con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0:
        seed(con, warehouse)
    ensure_actuals(con)  # the monitoring's tables (issue 19), also in a portfolio made before them
    seed_actuals(con)
    return con


__all__ = ["COMMENTS", "DEFAULT_PORTFOLIO", "SCHEMA", "open_portfolio"]

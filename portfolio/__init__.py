"""The planners' own data: the project portfolio, saved scenarios and frozen snapshots, in DuckDB.

They live in a database of their own (`data/portfolio.duckdb`, WAERME_PORTFOLIO_DB), apart from the
rebuildable warehouse: a rebuild never touches a planner's work, and the warehouse stays read-only
for the app. A new portfolio database is seeded with Dortmund's published measures
(`data/sources/dortmund/portfolio_projects.csv`) and the default scenarios
(`data/sources/dortmund/scenarios.json`). Every change is one transaction and is logged.

    db             where the database is, its tables, open_portfolio (creates and seeds on first use)
    seed           the defaults of a new portfolio
    project_rows   the rules of a project row (CSV or template rows), every problem with row, column, value, fix
    project_table  save, list, delete projects; the portfolio hash; CSV export
    scenarios      saved scenarios
    snapshots      frozen numbers for the council
    publish        the published-only export the public instance reads (`python -m portfolio publish`)
    audit          the log of every change
    files          the CSV/XLSX template organisations fill in, and its import (`python -m portfolio.files` writes it)

Layer: ui -> reports -> portfolio -> heatdb -> ghgmodel; portfolio and imports never import each other.
"""

from portfolio.db import COMMENTS, DEFAULT_PORTFOLIO, SCHEMA, open_portfolio
from portfolio.project_rows import CSV_COLUMNS, REQUIRED, read_projects_csv
from portfolio.project_table import (
    delete_project,
    import_projects_csv,
    list_projects,
    new_project_id,
    portfolio_hash,
    projects,
    projects_to_csv,
    save_project,
)
from portfolio.publish import PublicExport, PublishError, export_published
from portfolio.scenarios import delete_scenario, list_scenarios, save_scenario, scenario
from portfolio.seed import DEFAULT_PROJECTS_CITY, PROJECTS_CSV, SCENARIOS_JSON, seed, seed_note, warehouse_city
from portfolio.snapshots import list_snapshots, publish_snapshot, save_snapshot, snapshot

__all__ = [
    "COMMENTS",
    "CSV_COLUMNS",
    "DEFAULT_PORTFOLIO",
    "DEFAULT_PROJECTS_CITY",
    "PROJECTS_CSV",
    "REQUIRED",
    "SCENARIOS_JSON",
    "SCHEMA",
    "PublicExport",
    "PublishError",
    "delete_project",
    "delete_scenario",
    "export_published",
    "import_projects_csv",
    "list_projects",
    "list_scenarios",
    "list_snapshots",
    "new_project_id",
    "open_portfolio",
    "portfolio_hash",
    "projects",
    "projects_to_csv",
    "publish_snapshot",
    "read_projects_csv",
    "save_project",
    "save_scenario",
    "save_snapshot",
    "scenario",
    "seed",
    "seed_note",
    "snapshot",
    "warehouse_city",
]

"""A new portfolio's defaults: the scenarios and, for Dortmund's warehouse, Dortmund's published measures.

The defaults are data files: `data/sources/dortmund/portfolio_projects.csv` (the projects, read with the
same rules as a planner's template) and `data/sources/dortmund/scenarios.json`.
"""

from __future__ import annotations

import json

import duckdb

from ghgmodel import Scenario
from heatdb.errors import ImportValidationError
from heatdb.sources import SOURCE_DIR
from portfolio.audit import log, now
from portfolio.project_rows import read_projects_csv
from portfolio.project_table import upsert

PROJECTS_CSV = SOURCE_DIR / "portfolio_projects.csv"
SCENARIOS_JSON = SOURCE_DIR / "scenarios.json"
DEFAULT_PROJECTS_CITY = "Dortmund"  # the city whose published measures PROJECTS_CSV holds


def seed(con, warehouse=None) -> None:
    """Fill an empty portfolio with the default scenarios and, for Dortmund's warehouse, Dortmund's projects.

    The default projects name Dortmund's districts and expansion areas. Another city's warehouse (meta
    city_name), or a Dortmund warehouse whose districts were replaced so that the projects no longer
    resolve, starts with the scenarios only; the audit log says why (see `seed_note`), and the city
    brings its own projects with the template (python -m heatdb import projects).
    """
    city = warehouse_city(warehouse)
    projects: list = []
    if city not in (None, DEFAULT_PROJECTS_CITY):
        note = f"no default projects: they are {DEFAULT_PROJECTS_CITY}'s and this warehouse is {city}'s"
    else:
        try:
            projects = read_projects_csv(PROJECTS_CSV.read_text(encoding="utf-8"), PROJECTS_CSV.name, warehouse)
            note = ""
        except ImportValidationError as exc:
            first = exc.problems[0].text("en") if exc.problems else ""
            note = f"no default projects: {exc.total} of their references do not resolve in this warehouse (first: {first})"[:1000]
    scenarios = json.loads(SCENARIOS_JSON.read_text(encoding="utf-8"))
    con.execute("BEGIN")
    try:
        for p, extra in projects:
            upsert(con, p, extra)
        for order, s in enumerate(scenarios):
            sc = Scenario.from_dict(s["levers"])
            con.execute(
                "INSERT OR REPLACE INTO scenarios (scenario_id, name, levers_json, is_default, updated_at, sort_order) VALUES (?, ?, ?, true, ?, ?)",
                [s["scenario_id"], sc.name, sc.to_json(), now(), order],
            )
        detail = f"{len(projects)} projects, {len(scenarios)} scenarios" + (f"; {note}" if note else "")
        log(con, "seed", "", detail)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def warehouse_city(warehouse) -> str | None:
    """The warehouse's city (meta city_name), None without a warehouse or without that row."""
    if warehouse is None:
        return None
    try:
        row = warehouse.execute("SELECT value FROM meta WHERE key = 'city_name'").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def seed_note(con) -> str:
    """Why the portfolio was seeded without the default projects ('' if it was seeded with them)."""
    row = con.execute("SELECT detail FROM audit_log WHERE action = 'seed' ORDER BY logged_at LIMIT 1").fetchone()
    detail = row[0] if row else ""
    return detail.split("; ", 1)[1] if "; " in detail else ""


__all__ = ["DEFAULT_PROJECTS_CITY", "PROJECTS_CSV", "SCENARIOS_JSON", "seed", "seed_note", "warehouse_city"]

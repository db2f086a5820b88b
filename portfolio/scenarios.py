"""Saved scenarios: the levers of each as JSON (ghgmodel.Scenario); the defaults cannot be deleted."""

from __future__ import annotations

import pandas as pd

from ghgmodel import Scenario
from portfolio.audit import log, now


def list_scenarios(con) -> pd.DataFrame:
    # the default scenarios in the order of scenarios.json (Trend first), then the planners' own by name
    return con.execute(
        "SELECT scenario_id, name, levers_json, is_default, updated_at FROM scenarios ORDER BY is_default DESC, sort_order NULLS LAST, name"
    ).df()


def scenario(con, scenario_id: str) -> Scenario | None:
    row = con.execute("SELECT levers_json FROM scenarios WHERE scenario_id = ?", [scenario_id]).fetchone()
    return Scenario.from_json(row[0]) if row else None


def save_scenario(con, scenario_id: str, sc: Scenario) -> None:
    con.execute("BEGIN")
    try:
        con.execute(
            """INSERT OR REPLACE INTO scenarios (scenario_id, name, levers_json, is_default, updated_at, sort_order)
               VALUES (?, ?, ?, coalesce((SELECT is_default FROM scenarios WHERE scenario_id = ?), false), ?,
                       (SELECT sort_order FROM scenarios WHERE scenario_id = ?))""",
            [scenario_id, sc.name, sc.to_json(), scenario_id, now(), scenario_id],
        )
        log(con, "scenario.save", scenario_id, sc.name[:200])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def delete_scenario(con, scenario_id: str) -> bool:
    n = con.execute("DELETE FROM scenarios WHERE scenario_id = ? AND NOT is_default RETURNING scenario_id", [scenario_id]).fetchall()
    if n:
        log(con, "scenario.delete", scenario_id)
    return bool(n)


__all__ = ["delete_scenario", "list_scenarios", "save_scenario", "scenario"]

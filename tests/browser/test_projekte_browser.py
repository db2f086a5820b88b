"""Projekte in a real Chromium: picking an existing project fills the form with its values (issue 15, item 2).

AppTest has no browser: it passed while Chromium kept the fields of the previous pick, so a planner saw an empty form
for an existing project and saving asked for a name. The form's widgets now carry the picked project in their keys.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import pick_option, wait_idle

pytestmark = pytest.mark.browser

PICK = ".st-key-p_edit_pick [role='combobox']"


def _pick(page, name: str) -> None:
    """Choose a project in the editor's list (other tests add projects to the shared server)."""
    pick_option(page, PICK, name)


def _field(page, label: str):
    return page.locator("[data-testid='stForm']").get_by_label(label, exact=True)


def test_picking_a_project_shows_its_values_and_saving_keeps_them(planner_server, page):
    import pandas as pd

    from portfolio.seed import PROJECTS_CSV

    page.goto(planner_server.url + "projekte")
    wait_idle(page, 180000)
    # the server's portfolio is seeded from the shipped projects (the server holds it open for writing)
    shipped = pd.read_csv(PROJECTS_CSV, dtype=str).set_index("project_id")
    first, second = shipped.loc["dogewo21-heizungsprogramm"], shipped.loc["dew21-suedtrasse"]
    _pick(page, first["name"])
    assert _field(page, "Name").input_value() == first["name"]
    assert _field(page, "Träger (Organisation)").input_value() == first["owner"]
    _pick(page, second["name"])  # another pick: its values, not the first one's
    assert _field(page, "Name").input_value() == second["name"]
    assert _field(page, "Träger (Organisation)").input_value() == second["owner"]
    page.locator("[data-testid='stForm']").get_by_role("button", name="Speichern").click()
    page.locator("[data-testid='stAlert']").filter(has_text=f"Gespeichert: {second['name']}").wait_for(timeout=180000)
    assert not page.query_selector("[data-testid='stException']")

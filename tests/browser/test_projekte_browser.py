"""Projekte in a real Chromium: picking an existing project fills the form with its values (issue 15, item 2).

AppTest has no browser: it passed while Chromium kept the fields of the previous pick, so a planner saw an empty form
for an existing project and saving asked for a name. The form's widgets now carry the picked project in their keys.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser

PICK = ".st-key-p_edit_pick [role='combobox']"


def _pick(page, name: str) -> None:
    """Choose a project as a planner does: open the list, type the start of its name (the list draws only the entries
    in view, and other tests add projects to the shared server), click it."""
    for attempt in range(3):  # the list is drawn anew while it opens; a click may find its entry replaced
        try:
            page.locator(PICK).click()
            page.keyboard.type(name[:20])
            page.get_by_role("option", name=name, exact=True).click(timeout=15000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_idle(page, 120000)
    wait_idle(page, 120000)


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

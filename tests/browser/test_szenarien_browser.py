"""Szenarien in a real Chromium: a scenario's tab draws its content when it is opened. The tabs are lazy (only the open
tab is computed and sent) and a tab switch reruns its section alone; a closed tab must not stay empty once opened."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser

COMPARED = "trend-klimaneutral-2035"


def _tabs(page, section: str):
    return page.locator(f".st-key-s_tabs_{section}_{COMPARED}")


def _charts(page, section: str) -> int:
    return _tabs(page, section).locator("[data-testid='stVegaLiteChart']").count()


def test_opening_another_scenarios_tab_draws_its_content(planner_server, page):
    page.goto(planner_server.url + "szenarien?compare=trend,klimaneutral-2035", wait_until="domcontentloaded")
    page.locator(".st-key-s_ind_csv_trend").wait_for(timeout=180000)  # the last tabbed section is drawn
    wait_idle(page, 180000)
    # the first scenario's tab is open: its two waterfalls (2030, 2035) and its indicator table with its CSV
    assert _charts(page, "decomp") == 2
    assert page.locator(".st-key-s_ind_csv_trend").count() == 1
    assert page.locator(".st-key-s_ind_csv_klimaneutral-2035").count() == 0
    _tabs(page, "indicators").get_by_role("tab").nth(1).click()
    page.locator(".st-key-s_ind_csv_klimaneutral-2035").wait_for(timeout=180000)
    wait_idle(page, 180000)
    _tabs(page, "decomp").get_by_role("tab").nth(1).click()
    wait_idle(page, 180000)
    _tabs(page, "decomp").locator("[data-testid='stVegaLiteChart']").nth(1).wait_for(timeout=180000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator(".st-key-s_ind_csv_klimaneutral-2035").count() == 1
    assert page.locator(".st-key-s_ind_csv_trend").count() == 0
    assert _tabs(page, "decomp").get_by_role("tab").nth(1).get_attribute("aria-selected") == "true"
    assert _charts(page, "decomp") == 2

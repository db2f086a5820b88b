"""The map page in a real Chromium: a link opens its view, district names are drawn, no label of the panel is cut
(issue 15, item 5)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser

# Streamlit cuts a widget label to one line with an ellipsis, a select box clips its value, a row of pills scrolls:
# every box that clips its text (overflow or text-overflow) and holds more than it shows has a cut label (the map's
# own canvas aside)
CUT = """() => [...document.querySelectorAll("[data-testid='stMain'] *")]
  .filter(e => {
    if (e.offsetParent === null || e.querySelector('canvas')) return false;
    const s = getComputedStyle(e);
    const clips = s.textOverflow === 'ellipsis' || ['hidden', 'clip', 'auto', 'scroll'].includes(s.overflowX);
    return clips && e.scrollWidth > e.clientWidth + 1 && e.innerText.trim();
  })
  .map(e => e.innerText.trim().slice(0, 80))"""


@pytest.mark.parametrize(("lang", "projects"), [("de", "Projektgebiete"), ("en", "Project areas")])
def test_no_label_on_the_map_page_is_cut(planner_server, page, lang, projects):
    page.goto(planner_server.url + f"karte?lang={lang}")
    wait_idle(page, 120000)
    page.get_by_text(projects, exact=True).click()  # the project filter and the scenarios: the longest labels
    wait_idle(page, 120000)
    assert not page.query_selector("[data-testid='stException']")
    cut = page.evaluate(CUT)
    assert cut == [], cut


def test_a_link_opens_its_view_and_keeps_it(planner_server, page):
    page.goto(planner_server.url + "karte?theme=supply&layers=borders,expansion&year=2031&lang=en")
    wait_idle(page, 120000)
    assert not page.query_selector("[data-testid='stException']")
    assert page.locator("[data-testid='stSliderThumbValue']").first.inner_text() == "2031"
    url = page.url
    for part in ("theme=supply", "year=2031", "lang=en", "layers=borders%2Cexpansion"):
        assert part in url, url
    assert page.locator("canvas").count() >= 1
    page.screenshot(path=str(planner_server.log.name).replace(".log", "-karte-link.png"))

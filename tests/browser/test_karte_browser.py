"""The map page in a real Chromium: a link opens its view, district names are drawn, no label of the panel is cut
(issue 15, item 5)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser

# Streamlit cuts a widget label to one line with an ellipsis (stMarkdownEllipsis): every element drawn with
# text-overflow: ellipsis whose text is wider than its box is a cut label
CUT = """() => [...document.querySelectorAll("[data-testid='stMain'] *")]
  .filter(e => e.offsetParent !== null && getComputedStyle(e).textOverflow === 'ellipsis'
    && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent.trim())"""


@pytest.mark.parametrize(("lang", "projects"), [("de", "Projektgebiete"), ("en", "Project areas")])
def test_no_label_on_the_map_page_is_cut(planner_server, page, lang, projects):
    page.goto(planner_server.url + f"karte?lang={lang}")
    wait_idle(page, 120000)
    page.get_by_text(projects, exact=True).click()  # the project filter: the longest option labels
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

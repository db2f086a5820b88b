"""Every page in a real Chromium: renders, no exception, maps drawn, a screenshot of each."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser


def nav_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("[data-testid='stSidebarNavLink']", "els => els.map(e => e.href)")
    return list(dict.fromkeys(hrefs)) or [page.url]


def test_every_page_renders(planner_server, page, artifacts):
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.goto(planner_server.url, wait_until="domcontentloaded")
    wait_idle(page)
    links = nav_links(page)
    assert links
    for i, href in enumerate(links):
        page.goto(href, wait_until="domcontentloaded")
        wait_idle(page)
        name = href.rstrip("/").rsplit("/", 1)[-1] or "root"
        page.screenshot(path=str(shots / f"{i:02d}-{name}.png"), full_page=True)
        assert page.locator("[data-testid='stException']").count() == 0, name
        assert page.locator("h1").count() >= 1, name


def test_overview_draws_the_map(planner_server, page):
    page.goto(planner_server.url, wait_until="domcontentloaded")
    wait_idle(page)
    assert page.get_by_text("Gebäude mit Wohnraum").count() == 1
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas")
    assert canvas.count() >= 1
    box = canvas.first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    assert map_is_drawn(page)


def map_is_drawn(page) -> bool:
    """The deck canvas shows coloured polygons: many pixels differ from the white background."""
    import io

    from PIL import Image

    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    import numpy as np

    px = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB"), dtype=int)
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    coloured = (abs(r - g) > 20) | (abs(g - b) > 20) | (np.maximum(np.maximum(r, g), b) < 200)
    return coloured.mean() > 0.05


def test_language_switch_in_the_browser(planner_server, page):
    page.goto(planner_server.url, wait_until="domcontentloaded")
    wait_idle(page)
    page.get_by_text("EN", exact=True).click()
    wait_idle(page)
    assert page.locator("h1").first.inner_text() == "Overview"


def test_a_deep_link_on_a_fresh_server_gets_the_app_navigation(dortmund_db, tmp_path, browser):
    """The first request of a new server may be a deep link; it must still run through app.py."""
    from tests.browser.conftest import Server

    server = Server(dortmund_db, "public", tmp_path)
    try:
        ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
        page = ctx.new_page()
        page.goto(server.url + "karte", wait_until="domcontentloaded")
        # the first run of a fresh server imports every page's modules (app.py, about 2 s): until it ends, Streamlit's
        # frontend shows its own list of the files in pages/; what counts is the navigation once the page stands
        page.get_by_role("heading", name="Karte", level=1).wait_for(timeout=120000)
        wait_idle(page)
        nav = page.eval_on_selector_all(
            "[data-testid='stSidebarNavLink']", "els => els.map(e => e.innerText.trim().split('\\n').pop().trim())"
        )
        assert "Übersicht" in nav and "Mein Zuhause" in nav and "app" not in nav, nav
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator("h1").first.inner_text() == "Karte"
        ctx.close()
    finally:
        server.stop()


def test_no_request_leaves_the_machine(planner_server, page):
    """No basemap tiles, fonts or telemetry from third parties on any page."""
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else None,
    )
    page.goto(planner_server.url, wait_until="domcontentloaded")
    wait_idle(page)
    for href in nav_links(page):
        page.goto(href, wait_until="domcontentloaded")
        wait_idle(page, timeout=180000)
    assert not outside, outside[:5]

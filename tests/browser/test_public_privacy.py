"""The residents' instance in a real Chromium: no building-level data in anything the browser receives."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser

# what must never reach a public visitor
FORBIDDEN = {
    "building id": re.compile(rb"\bB\d{7}\b"),
    "building_id column": re.compile(rb"building_id"),
    # the column name standing alone (parameter keys such as formats.min_heated_footprint_m2 are documentation)
    "footprint data": re.compile(rb'"footprint"\s*:|\bfootprint_m2\b'),
    "metered consumption": re.compile(rb"final_energy_mwh_measured"),
    "OSM way id": re.compile(rb"way/\d+"),
    "exact small count": re.compile(rb'"n_buildings"\s*:\s*[1-4](\.0+)?(?![0-9.])'),
    "traceback": re.compile(rb"Traceback \(most recent call last\)"),
}
# what a chart or map must not carry beside what it draws (the warehouse's raw column names at full precision)
UNPLOTTED = re.compile(rb"heat_demand_mwh_per_year|heated_area_m2|final_energy_mwh_per_year|share_hp_limited_pct|\bn_dh\b")


def visit_all(page, url, frames):
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: frames.append(data if isinstance(data, bytes) else data.encode())))
    page.goto(url, wait_until="domcontentloaded")
    wait_idle(page)
    links = list(dict.fromkeys(page.eval_on_selector_all("[data-testid='stSidebarNavLink']", "els => els.map(e => e.href)")))
    assert len(links) >= 7
    for href in links:
        page.goto(href, wait_until="domcontentloaded")
        wait_idle(page, timeout=180000)
        assert page.locator("[data-testid='stException']").count() == 0, href
    return links


def check(blob: bytes):
    found = {name: pat.search(blob).group(0)[:80] for name, pat in FORBIDDEN.items() if pat.search(blob)}
    assert not found, found


def test_no_building_level_data_reaches_the_browser(public_server, page, tmp_path):
    frames: list[bytes] = []
    visit_all(page, public_server.url, frames)
    # the resident's flow: search an address, then the map answer
    page.goto(public_server.url + "mein_zuhause", wait_until="domcontentloaded")
    wait_idle(page)
    box = page.get_by_role("textbox", name="Adresse, Straße, Stadtteil oder Postleitzahl suchen")
    box.fill("Bövinghauser Straße 51")
    box.press("Enter")
    wait_idle(page)
    assert page.get_by_text("Antwort für: Bövinghauser Straße 51").count() >= 1
    downloads = []
    for i in range(page.locator("[data-testid='stDownloadButton'] button").count()):
        with page.expect_download() as info:
            page.locator("[data-testid='stDownloadButton'] button").nth(i).click()
        downloads.append(info.value.path().read_bytes())
    assert len(frames) > 50
    check(b"\n".join(frames))
    sent = UNPLOTTED.search(b"\n".join(frames))
    assert sent is None, sent.group(0)
    for d in downloads:
        check(d)


def test_downloads_on_the_public_pages_are_aggregates(public_server, page):
    n = 0
    for path, tab in (("daten_methodik", "Parameter"), ("szenarien", None)):
        page.goto(public_server.url + path, wait_until="domcontentloaded")
        wait_idle(page, timeout=180000)
        if tab:
            page.get_by_role("tab", name=tab).first.click()
            wait_idle(page)
        buttons = page.locator("[data-testid='stDownloadButton'] button")
        for i in range(buttons.count()):
            if not buttons.nth(i).is_visible():
                continue
            with page.expect_download() as info:
                buttons.nth(i).click()
            check(info.value.path().read_bytes())
            n += 1
    assert n >= 2  # the parameter table and the WPG indicators at least


def test_markup_in_names_is_shown_as_text(public_server, page):
    page.goto(public_server.url + "projekte", wait_until="domcontentloaded")
    wait_idle(page, timeout=240000)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("document.title") != "1"
    # the name is there, as text (in the project table and the map's project list)
    page.get_by_text("Projekt auf der Karte").first.wait_for()
    html = page.content()
    assert "<script>alert(1)</script>" not in html


def test_no_editing_in_public(public_server, page):
    page.goto(public_server.url + "projekte", wait_until="domcontentloaded")
    wait_idle(page, timeout=240000)
    assert page.get_by_text("In der öffentlichen Ansicht lassen sich Projekte nicht ändern.").count() == 1
    assert page.locator("[data-testid='stFileUploader']").count() == 0
    assert page.get_by_role("button", name="Speichern").count() == 0


def test_public_errors_are_plain(public_server, page):
    page.goto(public_server.url + "mein_zuhause?lon=abc&lat=" + "9" * 500, wait_until="domcontentloaded")
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in page.content()


def test_metrics_are_not_among_what_the_page_needs(public_server, page):
    """The frontend of the public instance asks only for health, host-config, the websocket, static files and media:
    so nginx can close every other internal (deploy/nginx.conf.template)."""
    asked = set()
    page.on("request", lambda r: asked.add(r.url.split("?")[0].replace(public_server.url, "/")))
    page.goto(public_server.url + "mein_zuhause", wait_until="domcontentloaded")
    wait_idle(page)
    internal = {u for u in asked if "_stcore/" in u}
    assert internal and {u.split("_stcore/")[1] for u in internal} <= {"health", "host-config", "stream"}, internal

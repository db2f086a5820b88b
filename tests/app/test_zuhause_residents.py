"""'Mein Zuhause' as a resident meets it (issue 15, items 10-12): an honest answer when an address is not in the list,
district, street and postcode search, a map with district names and the whole city, a real basemap when one is
configured (with its attribution), and advice as links."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from heatdb.connect import connect

ROOT = Path(__file__).resolve().parents[2]
BASEMAP_DE = "https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json"


@pytest.fixture(autouse=True)
def public(monkeypatch):
    monkeypatch.setenv("WAERME_MODE", "public")
    monkeypatch.delenv("WAERME_BASEMAP_STYLE", raising=False)


def page(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "07_mein_zuhause.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def everything(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info] + [s.value for s in at.subheader]
    parts += [w.value for w in at.warning] + [e.value for e in at.error]
    return "\n".join(parts)


def search(text: str) -> AppTest:
    at = page()
    at.text_input(key="z_query").set_value(text).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def deck(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


# --- 10: an address outside the list -------------------------------------------------------------------------


def test_an_address_outside_the_list_says_what_the_list_covers_not_the_spelling(dortmund_db):
    at = search("Friedensplatz 1")  # the city hall: not among the 167 addresses of Bövinghausen
    body = everything(at)
    assert "Schreibweise" not in body
    assert "167" in body and "Bövinghausen" in body, body
    assert "Karte" in body  # the click on the map as the second way


def test_a_district_name_finds_the_district():
    at = search("Innenstadt-West")
    pick = at.selectbox(key="z_pick")
    assert any("Innenstadt-West" in str(o) for o in pick.options), pick.options
    assert "Antwort für: Innenstadt-West" in [re.sub(r"\\(.)", r"\1", s.value) for s in at.subheader]  # Markdown-escaped


def test_a_street_and_a_postcode_are_offered_as_places():
    at = search("Bövinghauser Straße")
    options = [str(o) for o in at.selectbox(key="z_pick").options]
    assert any("Bövinghauser Straße" in o and "Straße in" in o for o in options), options
    at = search("44388")
    options = [str(o) for o in at.selectbox(key="z_pick").options]
    assert any(o.startswith("44388") for o in options), options


# --- 11: the map ----------------------------------------------------------------------------------------------


def test_the_resident_map_names_the_districts_and_shows_the_whole_city(dortmund_db):
    at = page()
    d = deck(at)
    labels = [lay for lay in d["layers"] if lay["@@type"] == "TextLayer"]
    assert labels, [lay["@@type"] for lay in d["layers"]]
    names = {r["name"] for r in labels[0]["data"]}
    assert {"Innenstadt-West", "Hörde", "Lütgendortmund"} <= names
    # the whole city fits the map: its bounds at the view's zoom in a map 700 px wide and the page's height
    con = connect(dortmund_db, read_only=True)
    lon0, lat0, lon1, lat1 = con.execute(
        "SELECT ST_XMin(geometry), ST_YMin(geometry), ST_XMax(geometry), ST_YMax(geometry) FROM districts WHERE level = 'city'"
    ).fetchone()
    con.close()
    view = d["initialViewState"]
    scale = 512 * 2 ** view["zoom"] / 360  # deck.gl: 512 px per 360 degrees at zoom 0

    def merc(lat):
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    width = (lon1 - lon0) * scale
    height = (merc(lat1) - merc(lat0)) * scale
    assert width <= 700 and height <= 480, (width, height)  # the page draws the map 480 px high
    assert abs(view["longitude"] - (lon0 + lon1) / 2) < 0.02 and abs(view["latitude"] - (lat0 + lat1) / 2) < 0.02


def test_no_developer_words_and_no_basemap_unless_configured():
    at = page()
    body = everything(at)
    assert "WAERME_BASEMAP_STYLE" not in body
    assert "Ohne Hintergrundkarte" in body
    assert deck(at).get("mapStyle") in (None, "", "__MAP_STYLE__")


def test_a_configured_basemap_is_drawn_with_its_attribution(monkeypatch):
    monkeypatch.setenv("WAERME_BASEMAP_STYLE", BASEMAP_DE)
    at = page()
    assert deck(at)["mapStyle"] == BASEMAP_DE
    body = everything(at)
    assert "© GeoBasis-DE / BKG" in body and "Ohne Hintergrundkarte" not in body


# --- 12: advice as links ----------------------------------------------------------------------------------------


def test_advice_is_given_as_links():
    at = search("Bövinghauser Straße 51")
    body = "\n".join(m.value for m in at.markdown)
    for url in ("https://www.verbraucherzentrale.nrw/energieberatung", "https://www.kfw.de", "https://www.bafa.de", "https://www.dew21.de"):
        assert f"]({url}" in body, url
    assert "](https://www.gesetze-im-internet.de/geg_2024/__71.html)" in body

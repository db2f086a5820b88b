"""The map page: every layer and grid runs, the year slider fills areas, buildings only for planners,
no cell or hexagon under the privacy minimum on the public instance, payload and feature limits."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from heatdb.connect import connect
from ui import karte, maps
from ui.safe import md_escape

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "03_karte.py")
LARGEST_DISTRICT = "statbez-410"  # Aplerbeck, 4,476 buildings


@pytest.fixture(autouse=True)
def _portfolio(tmp_path, monkeypatch):
    """A portfolio of our own: planner mode opens it read-write, which must not touch data/portfolio.duckdb."""
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(tmp_path / "portfolio.duckdb"))


@pytest.fixture
def public(monkeypatch):
    monkeypatch.setenv("WAERME_MODE", "public")


def run(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def deck_spec(at: AppTest) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1, "the page shows one map"
    return json.loads(charts[0].proto.json)


def layer(spec: dict, layer_id: str) -> dict | None:
    return next((x for x in spec["layers"] if x["id"] == layer_id), None)


def features(lay: dict) -> list:
    data = lay["data"]
    return data["features"] if isinstance(data, dict) else data


# --- the page runs --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", karte.THEMES)
@pytest.mark.parametrize("grid", karte.GRIDS)
def test_every_theme_and_grid_runs(theme, grid):
    at = run(karte_theme=theme, karte_grid=grid)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Karte"
    spec = deck_spec(at)
    if theme != "none":
        lay = layer(spec, theme)
        assert lay is not None and features(lay)
        kind = "H3HexagonLayer" if grid != "cell" and theme in karte.GRID_THEMES else "PolygonLayer"
        assert lay["@@type"] == kind
    assert any("Legende" in m.value for m in at.markdown)


def test_every_overlay_runs_and_has_a_legend():
    at = run()
    for o in ("dh", "expansion", "projects"):
        at.checkbox(key=f"karte_show_{o}").check()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    spec = deck_spec(at)
    for o in ("heat", "dh", "expansion", "projects"):
        assert features(layer(spec, o)), o
    city = layer(spec, "projects_city")  # citywide programmes: outline only, so the cells below keep their tooltips
    assert features(city) and city["filled"] is False
    legends = " ".join(m.value for m in at.markdown)
    for title in ("Wärmedichte", "Bestehende Fernwärme", "Geplante Erweiterung", "Projektgebiete"):
        assert title in legends
    captions = " ".join(c.value for c in at.caption)
    assert "nicht der Netzplan der DEW21" in captions
    assert "illustrativ" in captions


def test_supply_areas_say_they_are_a_proposal():
    at = run(karte_theme="supply")
    assert not at.exception
    assert any("keine rechtliche Festlegung" in c.value for c in at.caption)
    tips = [f["tip"] for f in features(layer(deck_spec(at), "supply"))]
    assert any("Wärmenetz: sehr wahrscheinlich geeignet" in tip for tip in tips)


def test_english_switch():
    at = run(lang="en", karte_theme="hp")
    assert not at.exception
    assert at.title[0].value == "Map"
    assert any("HP-suited" in f["tip"] for f in features(layer(deck_spec(at), "hp"))[:5])


# --- the expansion slider -------------------------------------------------------------------------------------


def _planned_by(dortmund_db, year: int) -> int:
    con = connect(dortmund_db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM dh_expansion WHERE year_planned <= ?", [year]).fetchone()[0]
    finally:
        con.close()


def test_year_slider_fills_the_areas_planned_by_then(dortmund_db):
    first, last = karte.years()
    assert (first, last) == (2026, 2035)
    filled = {}
    for year in (first, 2030, last):
        data = karte.expansion_data(year)
        filled[year] = sum(f["properties"]["filled"] for f in data)
        assert filled[year] == _planned_by(dortmund_db, year)
        for f in data:  # later areas: outline only (an all but transparent fill keeps the tooltip)
            assert f["properties"]["f"][3] == (170 if f["properties"]["filled"] else 1)
            assert "illustrativ" in f["properties"]["tip"]
    assert filled[first] < filled[2030] < filled[last] == len(data)


def test_year_slider_on_the_page(dortmund_db):
    at = run(karte_show_expansion=True)
    at.slider(key="karte_year").set_value(2027).run()
    assert not at.exception
    n = _planned_by(dortmund_db, 2027)
    total = _planned_by(dortmund_db, 2100)
    assert any(f"{n} von {total} Gebieten bis 2027" in c.value for c in at.caption)
    fills = [f["properties"]["filled"] for f in features(layer(deck_spec(at), "expansion"))]
    assert sum(fills) == n


# --- single buildings: planners only ----------------------------------------------------------------------------


def test_planner_sees_buildings_of_a_selected_district():
    at = run(karte_show_buildings=True)
    assert not at.exception
    assert layer(deck_spec(at), "buildings") is None, "no buildings before a district is chosen"
    at.selectbox(key="karte_district").set_value("statbez-010").run()
    assert not at.exception
    spec = deck_spec(at)
    rows = features(layer(spec, "buildings"))
    assert len(rows) > 100
    assert set(rows[0]) == {"p", "c", "tip"}, "no building id or other attribute leaves the server"
    assert spec["initialViewState"]["zoom"] > 12
    assert any("Gebäude in" in c.value for c in at.caption)
    at.radio(key="karte_color_by").set_value("hp_class").run()
    assert not at.exception
    assert any("Wärmepumpen-Eignung" in m.value for m in at.markdown)
    assert any("WP-Eignung: " in r["tip"] for r in features(layer(deck_spec(at), "buildings"))[:3])


def test_public_has_no_building_option(public):
    assert "buildings" not in karte.overlays()
    at = run()
    assert not at.exception
    keys = {c.key for c in at.checkbox}
    assert "karte_show_buildings" not in keys and "karte_show_dh" in keys
    with pytest.raises(PermissionError):
        karte.building_data(LARGEST_DISTRICT)
    # even a forged session state does not send buildings
    at = run(karte_show_buildings=True, karte_district=LARGEST_DISTRICT)
    assert not at.exception
    assert layer(deck_spec(at), "buildings") is None


# --- privacy on the public instance --------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["heat", "hp", "supply"])
@pytest.mark.parametrize("grid", karte.GRIDS)
def test_public_cells_and_hexagons_have_at_least_five_buildings(public, theme, grid):
    data, notes = karte.theme_data(theme, grid)
    assert data
    assert min(r["n"] for r in data) >= 5
    assert notes and "mindestens 5 Gebäuden" in notes[0]
    assert not any("< 5" in r["tip"] for r in data)


def test_public_page_says_so_and_sends_no_small_cells(public):
    for grid in karte.GRIDS:
        at = run(karte_grid=grid)
        assert not at.exception
        assert any("Datenschutz" in c.value for c in at.caption)
        assert min(r["n"] for r in features(layer(deck_spec(at), "heat"))) >= 5


def test_planner_sees_every_cell():
    data, notes = karte.theme_data("heat", "cell", public=False)
    assert len(data) == 9889 and not notes
    assert min(r["n"] for r in data) < 5


def test_public_resolution_8_is_the_sum_of_its_resolution_9_hexagons(public):
    """The two resolutions cannot be subtracted from each other: a parent is exactly the sum of its published children."""
    import h3

    r8 = {r["h"]: r["n"] for r in karte.theme_data("hp", "h3_8")[0]}
    r9 = pd.DataFrame([{"h": r["h"], "n": r["n"]} for r in karte.theme_data("hp", "h3_9")[0]])
    r9["parent"] = [h3.cell_to_parent(h, 8) for h in r9["h"]]
    assert r9.groupby("parent")["n"].sum().to_dict() == r8


def test_public_cells_show_whole_areas_that_add_up_to_their_district(public):
    """Every public cell shows its area (the same figures on each of the area's cells), and the areas of a
    statistischer Bezirk add up to the Bezirk's published count: nothing is left over to subtract."""
    data, _ = karte.theme_data("heat", "cell")
    areas = pd.DataFrame([{"a": r["a"], "n": r["n"], "tip": r["tip"]} for r in data])
    assert (areas.groupby("a")["n"].nunique() == 1).all() and (areas.groupby("a")["tip"].nunique() == 1).all()
    f = karte.privacy.figures()
    by_statbez = f.areas.groupby("statbez_id")["n_buildings"].sum()
    published = f.level("statbez").set_index("district_id")["n_buildings"]
    assert (by_statbez.reindex(published.index) == published).all()
    assert areas.drop_duplicates("a")["n"].sum() == f.level("city")["n_buildings"].iloc[0]


# --- size ----------------------------------------------------------------------------------------------------------


def test_default_view_payload_under_5_mb():
    at = run()
    assert not at.exception
    payload = len(at.get("deck_gl_json_chart")[0].proto.json.encode())
    assert payload < karte.MAX_PAYLOAD_BYTES, payload
    assert payload == karte.build_view().payload_bytes()


@pytest.mark.parametrize("theme", karte.THEMES)
@pytest.mark.parametrize("grid", karte.GRIDS)
def test_every_layer_under_20000_features_and_map_under_5_mb(theme, grid):
    view = karte.build_view(theme, grid, karte.OVERLAYS, year=2035, district_id=LARGEST_DISTRICT)
    assert view.counts, view
    assert max(view.counts.values()) < karte.MAX_FEATURES, view.counts
    assert view.payload_bytes() < karte.MAX_PAYLOAD_BYTES
    assert '\n  "' not in view.deck.to_json()[:2000], "compact JSON, not indented"


def test_no_basemap_is_requested():
    spec = json.loads(karte.build_view().deck.to_json())
    # Streamlit's frontend loads a Carto basemap when mapStyle is missing; pydeck's sentinel means none
    assert spec["mapStyle"] == maps.NO_BASEMAP
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)


def test_coordinates_are_rounded_to_5_decimals():
    data, _ = karte.theme_data("heat", "cell", public=False)
    for lon, lat in data[0]["p"]:
        assert round(lon, 5) == lon and round(lat, 5) == lat


# --- text from data is never markup --------------------------------------------------------------------------------


def test_project_names_are_escaped_for_markdown():
    text = md_escape("![x](http://evil.example/a.png) <b>fett</b>")
    assert "![" not in text and "](" not in text and "<b>" not in text
    html = karte.legend_html("<script>", [((1, 2, 3), None, "<img src=x>")])
    assert "<script>" not in html and "<img" not in html


def test_every_expansion_status_an_import_can_give_has_a_label_in_both_languages():
    from imports.dh_expansion import STATUS
    from locales import has, text

    missing = {f"karte_status_{v}" for v in STATUS.values() if not has("ui", f"karte_status_{v}")}
    assert not missing
    assert (text("ui", "karte_status_in_review", "de"), text("ui", "karte_status_in_review", "en")) == ("in Prüfung", "under review")


# --- district borders and names (issue 15, item 5) -------------------------------------------------------------------


@pytest.mark.parametrize("theme", karte.THEMES)
def test_stadtbezirke_borders_and_names_on_every_theme(theme):
    at = run(karte_theme=theme)
    assert not at.exception
    spec = deck_spec(at)
    ids = [x["id"] for x in spec["layers"]]
    borders, names = layer(spec, "outlines_stadtbezirk"), layer(spec, "names")
    assert len(features(borders)) == 12, "Dortmund's twelve Stadtbezirke"
    assert borders["filled"] is False and borders["pickable"] is False, "outlines only: the cells below keep their tooltips"
    assert names["@@type"] == "TextLayer" and len(names["data"]) == 12
    assert {"Innenstadt-West", "Aplerbeck", "Hörde"} <= {d["name"] for d in names["data"]}
    assert names["getColor"][:3] == [20, 20, 20] and names["outlineWidth"] > 0 and names["outlineColor"][:3] == [255, 255, 255]
    # drawn above the theme and the overlays
    assert ids.index("names") > ids.index("outlines_stadtbezirk") > max((ids.index(x) for x in (theme, "dh") if x in ids), default=-1)


def test_district_names_do_not_overlap_at_the_city_zoom():
    spec = deck_spec(run())
    names = layer(spec, "names")["data"]
    zoom = spec["initialViewState"]["zoom"]
    scale = 512 * 2**zoom / 360
    boxes = []
    for d in names:
        lon, lat = d["p"]
        x, y = lon * scale, -maps.mercator_y(lat) * scale + d["o"][1]
        w, h = 0.55 * maps.LABEL_PX * len(d["name"]), maps.LABEL_PX
        boxes.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2, d["name"]))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a[4], b[4])


def test_statistical_districts_as_an_option():
    at = run()
    assert layer(deck_spec(at), "outlines_statbez") is None
    at.checkbox(key="karte_show_statbez").check().run()
    assert not at.exception
    assert len(features(layer(deck_spec(at), "outlines_statbez"))) == len(karte.district_options())
    at.checkbox(key="karte_show_borders").uncheck().run()
    spec = deck_spec(at)
    assert layer(spec, "names") is None and layer(spec, "outlines_stadtbezirk") is None


def test_public_page_has_borders_and_names(public):
    spec = deck_spec(run(karte_theme="hp", karte_grid="h3_8"))
    assert len(features(layer(spec, "outlines_stadtbezirk"))) == 12 and len(layer(spec, "names")["data"]) == 12


# --- the permalink -------------------------------------------------------------------------------------------------


def open_link(**params) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_a_link_opens_the_same_view():
    at = open_link(theme="hp", grid="h3_9", layers="borders,expansion,projects", year="2032", effect="2035", district="statbez-010")
    assert not at.exception
    assert at.radio(key="karte_theme").value == "hp"
    assert at.selectbox(key="karte_grid").value == "h3_9"
    assert at.slider(key="karte_year").value == 2032
    assert at.radio(key="karte_effect_year").value == 2035
    assert at.selectbox(key="karte_district").value == "statbez-010"
    assert not at.checkbox(key="karte_show_dh").value and at.checkbox(key="karte_show_expansion").value
    spec = deck_spec(at)
    assert layer(spec, "hp")["@@type"] == "H3HexagonLayer" and layer(spec, "dh") is None and features(layer(spec, "expansion"))
    centre = karte.db.districts("statbez").set_index("district_id").loc["statbez-010"]
    view = spec["initialViewState"]
    assert view["zoom"] > 12 and abs(view["latitude"] - centre["centroid_lat"]) < 1e-6
    assert len(features(layer(spec, "focus"))) == 1


def test_changes_are_written_to_the_link_and_lang_is_kept():
    at = open_link(lang="de")
    assert not at.exception
    assert at.query_params["theme"] == "heat" and at.query_params["layers"] == "borders,dh"
    at.radio(key="karte_theme").set_value("supply").run()
    at.checkbox(key="karte_show_expansion").check().run()
    at.slider(key="karte_year").set_value(2028).run()
    at.selectbox(key="karte_district").set_value("statbez-410").run()
    assert not at.exception
    q = dict(at.query_params)
    assert q == {"lang": "de", "theme": "supply", "layers": "borders,dh,expansion", "year": "2028", "district": "statbez-410"}
    # switching the expansion off takes the year out of the link
    at.checkbox(key="karte_show_expansion").uncheck().run()
    assert "year" not in at.query_params and at.query_params["lang"] == "de"


def test_a_link_with_nothing_switched_on_stays_so():
    at = open_link(layers="")
    assert not at.exception
    assert [x["id"] for x in deck_spec(at)["layers"]] == ["heat"]


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "x", "grid": "h3_12", "year": "1999", "layers": "dh,nope", "district": "statbez-9999", "effect": "abc"},
        {"year": "2030.5", "types": "nope", "layers": "projects", "color": "red"},
        {"theme": "<script>", "year": "", "district": ""},
    ],
)
def test_invalid_link_values_fall_back_to_defaults(params):
    at = open_link(**params)
    assert not at.exception
    assert not at.warning and not at.error
    assert at.radio(key="karte_theme").value == "heat"
    assert at.selectbox(key="karte_district").value is None
    if "year" in params and "expansion" in params.get("layers", ""):
        assert at.slider(key="karte_year").value == 2030


def test_public_link_cannot_switch_on_buildings(public):
    at = open_link(layers="buildings,dh", district=LARGEST_DISTRICT)
    assert not at.exception
    assert layer(deck_spec(at), "buildings") is None
    assert at.query_params["layers"] == "dh"


# --- no 'None' or 'nan' on the page --------------------------------------------------------------------------------

BAD_TEXT = r"\b(None|nan|NaN|NaT|null|undefined)\b"


def tips(spec: dict) -> list[str]:
    out = []
    for lay in spec["layers"]:
        for f in features(lay) if lay.get("data") else []:
            p = f.get("properties", f)
            if "tip" in p:
                out.append(p["tip"])
    return out


@pytest.mark.parametrize("theme", karte.THEMES)
def test_no_none_or_nan_in_tooltips_legends_and_captions(theme):
    import re

    at = run(karte_theme=theme, **{f"karte_show_{o}": True for o in karte.OVERLAYS}, karte_district=LARGEST_DISTRICT, karte_year=2035)
    assert not at.exception
    texts = tips(deck_spec(at)) + [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [str(v) for df in at.dataframe for v in df.value.astype(str).to_numpy().ravel()]
    assert len(texts) > 100
    assert not [x for x in texts if re.search(BAD_TEXT, x)]


def test_missing_values_in_the_data_show_as_a_dash(monkeypatch):
    """An imported area without network or year, a measure without owner: '–' in the tooltip, never 'None' or 'nan'."""
    import numpy as np

    dh = pd.DataFrame([{"dh_area_id": "x", "name": "Netz X", "network_name": None, "area_ha": np.nan, "is_proxy": None, "geometry": None}])
    exp = pd.DataFrame(
        [{"expansion_area_id": "e", "name": None, "network_name": None, "year_planned": np.nan, "status": None, "area_ha": 3.0,
          "heat_density_mwh_per_ha_year": np.nan, "is_illustrative": False, "geometry": None}]
    )  # fmt: skip
    monkeypatch.setattr(karte, "_dh_areas", lambda version: dh)
    monkeypatch.setattr(karte, "_expansion", lambda version: exp)
    karte._dh_data.clear()
    karte._expansion_data.clear()
    try:
        tip_dh = karte.dh_data()[0]["properties"]["tip"]
        tip_exp = karte.expansion_data(2030)[0]["properties"]["tip"]
    finally:
        karte._dh_data.clear()
        karte._expansion_data.clear()
    for tip in (tip_dh, tip_exp):
        assert "None" not in tip and "nan" not in tip, tip
        assert "–" in tip
    assert tip_dh.startswith("Netz X\n– · – ha")
    assert karte.text(None) == karte.text(float("nan")) == karte.text("") == "–" and karte.text("DEW21") == "DEW21"


def test_a_link_with_project_types_and_scenario():
    at = open_link(layers="projects", types="hp_programme,nope", scenario="wpg-2045", effect="2035")
    assert not at.exception
    on = {k for k in karte.project_types() if at.checkbox(key=f"karte_ptype_{k}").value}
    assert on == {"hp_programme"}
    assert at.radio(key="karte_scenario").value == "wpg-2045"
    assert at.query_params["types"] == "hp_programme" and at.query_params["scenario"] == "wpg-2045"
    assert at.query_params["effect"] == "2035"
    at.checkbox(key="karte_ptype_retrofit_programme").check().run()
    assert at.query_params["types"] == "hp_programme,retrofit_programme"

"""Building layers in their sources' attributes (OSM tags, ALKIS function codes) map to the canonical
import columns; what a source lacks is estimated from the census and named, never silently.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from heatdb.errors import ImportValidationError
from heatdb.geo import transform
from imports.building_formats import detect_mapping, parse_start_date, to_canonical
from imports.census_fill import CensusDistributions, apportion, fill_from_census, uniform_from_ids
from imports.params import format_parameters

P = format_parameters()
X0, Y0 = 4139000.0, 3155400.0  # a tiny-city cell (EPSG:3035)


def box(x, y, w, h):
    return transform(shapely.box(x, y, x + w, y + h), 3035, 4326)


def layer(columns: dict, geoms) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=list(geoms), crs=4326)


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        ("1965", 1965),
        ("~1900", 1900),
        ("1960s", 1965),
        ("C19", 1850),
        ("early C20", 1915),
        ("late C19", 1885),
        ("1965-05", 1965),
        ("1965-05-12", 1965),
        ("1900..1910", 1905),
    ],
)
def test_osm_start_date_in_its_real_forms(raw, year):
    assert parse_start_date([raw], P)[0] == year


@pytest.mark.parametrize("raw", ["before 1900", "unknown", "", None, "19th century"])
def test_start_dates_we_cannot_read_are_left_to_the_estimate(raw):
    assert np.isnan(parse_start_date([raw], P)[0])


def test_layouts_are_recognised_by_their_columns():
    assert detect_mapping(["osm_id", "building", "building:levels"]) == "osm"
    assert detect_mapping(["gml_id", "gebaeudefunktion", "anzahlDerOberirdischenGeschosse"]) == "alkis"
    assert detect_mapping(["oi", "GFK"]) == "alkis"
    assert detect_mapping(["building_id", "building_type", "construction_year", "carrier"]) == "canonical"
    with pytest.raises(ValueError):
        detect_mapping(["foo", "bar"])


def osm_layer() -> gpd.GeoDataFrame:
    """Five OSM buildings in one cell: a detached house, a terrace pair, a tall apartment block, a garage."""
    geoms = [
        box(X0 + 5, Y0 + 5, 10, 10),  # 100 m2 house, free-standing
        box(X0 + 40, Y0 + 5, 8, 10),  # two terraced houses sharing a wall
        box(X0 + 48, Y0 + 5, 8, 10),
        box(X0 + 5, Y0 + 50, 30, 20),  # 600 m2 apartments, 6 levels
        box(X0 + 70, Y0 + 70, 6, 3),  # garage
    ]
    return layer(
        {
            "osm_id": ["way/1", "way/2", "way/3", "way/4", "way/5"],
            "building": ["house", "house", "house", "apartments", "garage"],
            "building:levels": ["2", None, None, "6", "1"],
            "start_date": ["1965", "C19", None, "1960s", None],
            "addr:street": ["Limbecker Str.", None, None, "Provinzialstraße", None],
            "addr:housenumber": ["7", None, None, "12a", None],
        },
        geoms,
    )


def test_osm_tags_map_to_types_levels_years_and_addresses():
    out, name = to_canonical(osm_layer())
    assert name == "osm"
    assert out.attrs["n_unheated_dropped"] == 1  # the garage
    assert list(out.attrs["source_rows"]) == [1, 2, 3, 4]
    o = out.set_index("building_id")
    assert list(o["building_type"]) == ["SFH", "TH", "TH", "AB"]  # free-standing, attached pair, 6 storeys
    assert o.loc["way/1", "storeys"] == 2 and o.loc["way/4", "storeys"] == 6
    assert (
        o.loc["way/1", "construction_year"] == 1965
        and o.loc["way/2", "construction_year"] == 1850
        and o.loc["way/4", "construction_year"] == 1965
    )
    assert o.loc["way/1", "street"] == "Limbecker Str." and o.loc["way/4", "housenumber"] == "12a"
    # living area: footprint x storeys / gross_floor_per_living_area (1.25): 100 m2 x 2 / 1.25 = 160 m2
    assert o.loc["way/1", "living_area_m2"] == pytest.approx(160, rel=1e-3)
    assert o.loc["way/1", "heated_area_m2"] == pytest.approx(160 * P.value("a_c_ref_per_living_area"), rel=1e-3)
    assert o["is_residential"].all()


def test_what_osm_does_not_give_is_estimated_and_named():
    o = to_canonical(osm_layer())[0].set_index("building_id")
    est = o["estimated_attributes"].str.split(",")
    assert "construction_year" in est["way/3"] and "construction_year" not in est["way/1"]
    assert "storeys" in est["way/2"] and "storeys" not in est["way/1"]
    assert all("carrier" in e for e in est)  # OSM has no heating carrier
    assert "building_type" in est["way/1"]  # 'house' says nothing about attached or not: the neighbours decide
    assert o["carrier"].notna().all() and o["construction_year"].between(1500, 2030).all()


def test_alkis_function_codes_keep_non_residential_buildings_flagged():
    geoms = [box(X0 + 5, Y0 + 5, 12, 10), box(X0 + 40, Y0 + 40, 30, 30), box(X0 + 80, Y0 + 80, 5, 5), box(X0 + 5, Y0 + 60, 20, 25)]
    alkis = layer(
        {
            "gml_id": ["DENW1", "DENW2", "DENW3", "DENW4"],
            "gebaeudefunktion": ["31001_1010", "2020", "2463", "1020"],
            "anzahlDerOberirdischenGeschosse": [1, 4, 1, None],
        },
        geoms,
    )
    out, name = to_canonical(alkis)
    assert name == "alkis" and out.attrs["n_unheated_dropped"] == 1  # 2463 Garage
    o = out.set_index("building_id")
    assert o.loc["DENW1", "building_type"] == "SFH" and o.loc["DENW1", "is_residential"]
    assert o.loc["DENW2", "building_type"] == "NR" and not o.loc["DENW2", "is_residential"]  # 2020 Bürogebäude: kept, flagged
    # 1020 Wohnheim without storeys: a multi-dwelling building, MFH, storeys estimated as the middle of 3..4
    assert (
        o.loc["DENW4", "building_type"] == "MFH" and o.loc["DENW4", "storeys"] == 4 and "storeys" in o.loc["DENW4", "estimated_attributes"]
    )


def test_unknown_alkis_codes_are_problems_with_their_rows():
    alkis = layer(
        {"gml_id": ["a", "b", "c"], "gebaeudefunktion": ["1010", "7777", "Wohnhaus"]},
        [box(X0, Y0, 10, 10), box(X0 + 20, Y0, 10, 10), box(X0 + 40, Y0, 10, 10)],
    )
    with pytest.raises(ImportValidationError) as err:
        to_canonical(alkis)
    assert [(p.row, p.value) for p in err.value.problems] == [(2, "7777"), (3, "Wohnhaus")]
    assert "Gebäudefunktion" in err.value.problems[0].problem_de


def test_lanuv_is_refused_with_the_reason_and_a_dict_mapping_works():
    g = layer({"GEB_ID": ["x1"], "FKT": ["1010"], "BJ": [1972]}, [box(X0, Y0, 10, 10)])
    with pytest.raises(ImportValidationError, match="could not be verified"):
        to_canonical(g, "lanuv")
    out, name = to_canonical(g, {"GEB_ID": "gml_id", "FKT": "gebaeudefunktion", "BJ": "baujahr"})
    assert name == "custom" and out.loc[0, "construction_year"] == 1972 and "construction_year" not in out.loc[0, "estimated_attributes"]


def test_canonical_files_pass_unchanged():
    g = layer(
        {"building_id": ["b"], "building_type": ["MFH"], "construction_year": [1970], "carrier": ["gas"], "heated_area_m2": [500.0]},
        [box(X0, Y0, 10, 10)],
    )
    out, name = to_canonical(g)
    assert name == "canonical" and out.loc[0, "carrier"] == "gas" and out.loc[0, "estimated_attributes"] == ""


def dist_one_cell(years, carriers) -> CensusDistributions:
    return CensusDistributions(
        source="test",
        cell_ids=np.array(["C1"], dtype=object),
        year_lo=np.array([1900.0, 1950.0]),
        year_hi=np.array([1949.0, 1999.0]),
        year_counts=np.array([years], dtype=float),
        carriers=("gas", "oil"),
        carrier_weights=np.array([carriers], dtype=float),
    )


def test_estimates_follow_the_cell_shares_exactly_for_whole_numbers():
    frame = pd.DataFrame(
        {
            "building_id": [f"b{i}" for i in range(10)],
            "construction_year": pd.array([None] * 10, dtype="Int64"),
            "carrier": [None] * 10,
            "estimated_attributes": "",
        }
    )
    out = fill_from_census(
        frame, np.array(["C1"] * 10, dtype=object), dist_one_cell([7, 3], [6, 4]), year=np.ones(10, bool), carrier=np.ones(10, bool)
    )
    assert (out["carrier"] == "gas").sum() == 6 and (out["carrier"] == "oil").sum() == 4
    y = out["construction_year"].to_numpy(dtype=int)
    assert ((y >= 1900) & (y <= 1949)).sum() == 7 and ((y >= 1950) & (y <= 1999)).sum() == 3
    assert out["estimated_attributes"].eq("construction_year,carrier").all()
    # the same buildings in another order get the same values
    back = fill_from_census(
        frame[::-1].reset_index(drop=True),
        np.array(["C1"] * 10, dtype=object),
        dist_one_cell([7, 3], [6, 4]),
        year=np.ones(10, bool),
        carrier=np.ones(10, bool),
    )
    assert back.set_index("building_id").loc[out["building_id"], "carrier"].tolist() == out["carrier"].tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=2, max_size=6).filter(lambda w: sum(w) > 0), st.integers(1, 40))
def test_apportion_gives_every_class_its_quota_rounded_down_or_up(weights, n):
    w = np.array(weights, dtype=float)
    k = apportion(np.zeros(n, dtype=int), uniform_from_ids([f"id{i}" for i in range(n)], "t"), np.tile(w, (n, 1)))
    counts = np.bincount(k, minlength=len(w))
    quota = n * w / w.sum()
    assert counts.sum() == n
    assert (counts >= np.floor(quota)).all() and (counts <= np.ceil(quota)).all()


def test_uniform_numbers_depend_only_on_the_id():
    a = uniform_from_ids(["x", "y", "z"], "s")
    assert ((a >= 0) & (a < 1)).all()
    assert uniform_from_ids(["z", "x"], "s").tolist() == [a[2], a[0]]
    assert uniform_from_ids(["x"], "other")[0] != a[0]

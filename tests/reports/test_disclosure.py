"""reports.disclosure, the public instance's publication rule: hand-worked answers and properties on random small cities.

The properties are what an attacker needs to be false: every published count is 0 or at least k, and every
subtraction along the hierarchy (parent minus its published children, a resolution-8 hexagon minus its children, a
Bezirk or the city minus its published areas) is 0 or at least k buildings.
"""

from __future__ import annotations

import h3
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import disclosure as dc
from reports.dataset import ReportData

K = 5


# --- known answers ----------------------------------------------------------------------------------------------


def test_round_sig_known_answers():
    assert dc.round_sig(8.283299546) == 8.28
    assert dc.round_sig(12_345.0) == 12_300.0
    assert dc.round_sig(-0.0012345) == -0.00123
    assert dc.round_sig(0.0) == 0.0
    assert np.isnan(dc.round_sig(float("nan")))
    assert dc.round_sig([999.6, 1000.4]).tolist() == [1000.0, 1000.0]


def test_merge_small_known_answer():
    cells = pd.DataFrame(
        {"u": ["a", "a", "a", "b", "b", "b", "c"], "cat": ["x", "y", "z", "x", "y", "z", "x"], "n_buildings": [2, 6, 7, 1, 3, 9, 12]}
    )
    out = dc.merge_small(cells, "u", ["cat"], K).set_index(["u", "cat"])["n_buildings"].to_dict()
    # a: 2 is small -> "weitere" 2 < 5 -> the smallest shown (6) joins it: weitere 8, z 7 stays
    # b: 1 + 3 = 4 -> 9 joins: weitere 13; c: nothing small
    assert out == {("a", "z"): 7, ("a", dc.OTHER): 8, ("b", dc.OTHER): 13, ("c", "x"): 12}


def test_suppress_siblings_known_answer():
    n = pd.Series([3, 10, 20, 4, 40, 50])
    parent = pd.Series(["p", "p", "p", "q", "q", "q"])
    hidden = pd.Series([True, False, False, True, False, False])
    # p: 3 hidden -> the smallest shown (10) too; q: 4 hidden -> 40 too
    assert dc.suppress_siblings(n, parent, hidden, K).tolist() == [True, True, False, True, True, False]
    assert dc.suppress_siblings(n, parent, pd.Series([False] * 6), K).tolist() == [False] * 6


def test_small_cells_join_the_nearest_big_cell_of_their_bezirk_and_a_tiny_bezirk_is_never_shown():
    b = pd.DataFrame(
        {
            "statbez_id": ["s1"] * 14 + ["s2"] * 3,
            "stadtbezirk_id": ["sb"] * 17,
            "cell_id": ["c1"] * 6 + ["c2"] * 2 + ["c3"] * 1 + ["c4"] * 5 + ["d1"] * 2 + ["d2"],
        }
    )
    cells = pd.DataFrame(
        {"cell_id": ["c1", "c2", "c3", "c4", "d1", "d2"], "x_3035": [0, 100, 1000, 1100, 5000, 5100], "y_3035": [0, 0, 0, 0, 0, 0]}
    )
    area, hidden = dc.build_areas(b, cells, K)
    by_cell = dict(zip(b["cell_id"], area))
    assert by_cell["c2"] == by_cell["c1"] and by_cell["c3"] == by_cell["c4"] and by_cell["c1"] != by_cell["c4"]
    # the Bezirk of 3 buildings joins the nearest area of its Stadtbezirk (c4's), which is then never shown
    assert by_cell["d1"] == by_cell["d2"] == by_cell["c4"] and hidden == {by_cell["c4"]}


# --- properties on random small cities --------------------------------------------------------------------------

HP = ("ground", "air", "limited", "unsuitable")
CARRIERS = ("gas", "oil", "coal", "heat_pump_air", "district_heating", "wood")
AGES = ("vor 1919", "1949-1978", "ab 2009")
TYPES = ("SFH", "MFH")
BASE_R9 = h3.latlng_to_cell(51.51, 7.47, 9)
R9 = sorted(h3.grid_disk(BASE_R9, 3))


@st.composite
def cities(draw):
    n_sb = draw(st.integers(1, 3))
    rows = []
    for s in range(n_sb):
        for z in range(draw(st.integers(1, 4))):
            statbez = f"statbez-{s}{z}"
            for c in range(draw(st.integers(1, 6))):
                n = draw(st.integers(1, 12))
                for _ in range(n):
                    rows.append(
                        {
                            "statbez_id": statbez,
                            "stadtbezirk_id": f"stadtbezirk-{s}",
                            "cell_id": f"{statbez}-c{c}",
                            "h3_r9": R9[draw(st.integers(0, len(R9) - 1))],
                            "building_type": draw(st.sampled_from(TYPES)),
                            "age_class": draw(st.sampled_from(AGES)),
                            "carrier": draw(st.sampled_from(CARRIERS)),
                            "energy_carrier": "gas",
                            "hp_class": draw(st.sampled_from(HP)),
                            "heated_area_m2": draw(st.floats(50, 2000)),
                            "heat_demand_mwh_per_year": draw(st.floats(1, 500)),
                            "final_energy_mwh_per_year": 1.0,
                            "co2e_t_per_year": 1.0,
                        }
                    )
    b = pd.DataFrame(rows)
    return b, *_frames(b)


def _frames(b: pd.DataFrame):
    cells = pd.DataFrame({"cell_id": sorted(b["cell_id"].unique())})
    cells["statbez_id"] = cells["cell_id"].str.rsplit("-c", n=1).str[0]
    cells["x_3035"] = [hash(c) % 5000 for c in cells["cell_id"]]
    cells["y_3035"] = [hash(c[::-1]) % 5000 for c in cells["cell_id"]]
    cells["area_ha"] = 1.0
    cells["supply_area_type"] = "dezentral"
    cells["grade_heat_network"] = "wahrscheinlich ungeeignet"
    cells["grade_decentral"] = "wahrscheinlich geeignet"

    def level(ids, parent=None):
        return pd.DataFrame(
            {
                "district_id": ids,
                "code": ids,
                "name": ids,
                "parent_id": parent or [None] * len(ids),
                "area_ha": 100.0,
                "centroid_lon": 7.4,
                "centroid_lat": 51.5,
            }
        )

    statbez = b.drop_duplicates("statbez_id")
    levels = {
        "city": level(["city-1"]),
        "stadtbezirk": level(sorted(b["stadtbezirk_id"].unique())),
        "statbez": level(statbez["statbez_id"].tolist(), statbez["stadtbezirk_id"].tolist()),
    }
    return cells, levels


def ok(n) -> bool:
    return n == 0 or n >= K


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cities())
def test_no_subtraction_along_the_hierarchy_describes_1_to_4_buildings(city):
    b, cells, levels = city
    f = dc.compute(b, cells, levels, K)
    d = f.districts.set_index("district_id")
    published = d[d["is_published"]]
    # every published count
    assert (published["n_buildings"] >= K).all()
    assert (f.stock["n_buildings"] >= K).all() and (f.carriers["n_buildings"] >= K).all()
    assert (f.areas["n_buildings"] >= K).all() and all((h["n_buildings"] >= K).all() for h in f.hexagons.values())
    # districts: parent minus its published children
    for pid in d.index[d["level"] != "statbez"]:
        kids = d[(d["parent_id"] == pid) | ((d["level"] == "stadtbezirk") & (pid == "city-1"))]
        if d.loc[pid, "is_published"]:
            assert ok(d.loc[pid, "n_buildings"] - kids.loc[kids["is_published"], "n_buildings"].sum())
    # across levels: the city minus its published Stadtbezirke and the published statistische Bezirke of the others
    # (the finest disjoint published pieces; a 5 + 1 city once published the city and the 5, which left the 1)
    if d.loc["city-1", "is_published"]:
        shown_bz = published[published["level"] == "stadtbezirk"]
        outside = published[(published["level"] == "statbez") & ~published["parent_id"].isin(shown_bz.index)]
        assert ok(d.loc["city-1", "n_buildings"] - shown_bz["n_buildings"].sum() - outside["n_buildings"].sum())
    # groups: parent minus its published children, per group; a total minus its groups
    for table in (f.stock, f.carriers):
        cat = [c for c in table.columns if c not in ("district_id", "n_buildings", "heat_demand_mwh_per_year")]
        g = table.set_index(["district_id", *cat])["n_buildings"]
        for pid in published.index[published["level"] != "statbez"]:
            kids = published.index[(published["parent_id"] == pid) | ((published["level"] == "stadtbezirk") & (pid == "city-1"))]
            for key in {k[1:] for k in g.index if k[0] == pid} | {k[1:] for k in g.index if k[0] in kids}:
                parent_n = g.get((pid, *key), 0)
                assert ok(parent_n - sum(g.get((kid, *key), 0) for kid in kids)), (pid, key)
        for did, grp in table.groupby("district_id"):
            assert grp["n_buildings"].sum() == d.loc[did, "n_buildings"]
    # maps: resolution 8 is the sum of its children; a Bezirk and the city minus their published areas
    r9 = f.hexagons[9].assign(parent=[h3.cell_to_parent(h, 8) for h in f.hexagons[9]["h3_index"]])
    assert r9.groupby("parent")["n_buildings"].sum().to_dict() == f.hexagons[8].set_index("h3_index")["n_buildings"].to_dict()
    for sid, n in published.loc[published["level"] == "statbez", "n_buildings"].items():
        assert ok(n - f.areas.loc[f.areas["statbez_id"] == sid, "n_buildings"].sum()), sid
    if d.loc["city-1", "is_published"]:
        assert ok(len(b) - f.areas["n_buildings"].sum())
    else:  # a "city" of fewer than k buildings publishes nothing at all
        assert f.areas.empty and published.empty
    assert f.hexagons[9]["n_buildings"].sum() == f.areas["n_buildings"].sum()


# --- reports ----------------------------------------------------------------------------------------------------


def _report(data_version: str) -> ReportData:
    districts = pd.DataFrame(
        {
            "district_id": ["s1", "s2", "s3"],
            "code": ["1", "2", "3"],
            "name": ["A", "B", "C"],
            "stadtbezirk": ["X", "X", "X"],
            "n_buildings": [3, 100, 200],
            "heat_demand_mwh_per_year": [12.3456, 2345.678, 4567.891],
            "heat_density_mwh_per_ha_year": [1.234, 55.55, 66.66],
            "dh_share_pct": [33.3333, 12.0, 1.5],
            "hp_share_pct": [0.0, 3.0, 2.0],
            "gas_share_pct": [66.6667, 80.0, 90.0],
            "supply_area_type": ["dezentral", "pruefgebiet", "waermenetzgebiet"],
            "first_expansion_year": [np.nan, 2030.0, np.nan],
            "co2e_2024_t": [3.21, 700.123, 900.456],
            "change_2024_2035_pct": [-12.34, -20.0, -30.0],
        }
    )
    by_carrier = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "energy_carrier": ["gas", "lpg", "coal"],
            "final_energy_mwh": [100.0, 2.0, 3.0],
            "co2e_t": [20.0, 0.5, 1.0],
        }
    )
    layers = {
        "districts": {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "geometry": None, "properties": {"district_id": "s1", "code": "1", "name": "A", "n_buildings": 3}}
            ],
        }
    }
    return ReportData(meta={"data_version": data_version}, tables={"districts": districts, "by_carrier": by_carrier}, layers=layers)


def test_a_frozen_report_of_other_data_is_suppressed_rounded_and_its_heating_shares_dropped():
    figures = dc.PublicFigures(
        k=K, data_version="now", districts=pd.DataFrame(), stock=pd.DataFrame(), carriers=pd.DataFrame(),
        areas=pd.DataFrame(columns=["area_id", "supply_area_type", "n_buildings"]), cells=pd.DataFrame(columns=["cell_id", "area_id", "x_3035", "y_3035"]),
        small_energy_carriers=frozenset({"lpg", "coal"}),
    )  # fmt: skip
    out = dc.public_report_data(_report("frozen-earlier"), figures)
    d = out.table("districts").set_index("district_id")
    # A has 3 buildings: hidden, and so is the smallest sibling B; C is rounded
    assert d.loc["s1"].drop(["code", "name", "stadtbezirk"]).isna().all() and np.isnan(d.loc["s2", "n_buildings"])
    assert d.loc["s3", "heat_demand_mwh_per_year"] == 4570.0 and d.loc["s3", "co2e_2024_t"] == 900.0
    assert d[["dh_share_pct", "hp_share_pct", "gas_share_pct"]].isna().all().all()
    # the energy carriers of 1-4 buildings are one row "other"
    bc = out.table("by_carrier").set_index("energy_carrier")
    assert set(bc.index) == {"gas", "other"} and bc.loc["other", "final_energy_mwh"] == pytest.approx(5.0)
    # the districts layer carries names only; an older supply layer is left out
    assert out.layers["districts"]["features"][0]["properties"] == {"district_id": "s1", "code": "1", "name": "A"}
    assert out.layers["supply_areas"]["features"] == []

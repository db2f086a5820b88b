"""The real Dortmund database: calibration against the census, consistency, provenance and determinism."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import shapely

from ghgmodel import load_parameters
from heatdb.build import build_database
from heatdb.census import AGE_CLASSES, BUILDING_CLASSES, HEATING_TYPES
from heatdb.connect import connect, spatial_extension_path
from heatdb.queries import city_totals_from_buildings
from heatdb.schema import TABLES
from heatdb.sources import FILES, SOURCE_DIR

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def con(dortmund_db):
    c = connect(dortmund_db, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def census():
    return pd.read_csv(SOURCE_DIR / FILES["census_cells"], dtype={"statbez_nr": str})


def test_buildings_per_statbez_match_the_corrected_census_within_2_percent(con, census, artifacts):
    synth = con.execute("SELECT statbez_id, count(*) AS n FROM buildings GROUP BY ALL").df().set_index("statbez_id")["n"]
    corrected = (
        con.execute(
            "SELECT g.statbez_id, sum(c.n_buildings_corrected) AS n FROM census_cells c JOIN grid_cells g USING (cell_id) GROUP BY ALL"
        )
        .df()
        .set_index("statbez_id")["n"]
    )
    published = pd.read_csv(SOURCE_DIR / FILES["census_statbez"], dtype={"statbez_nr": str}).set_index("statbez_nr")["geb_gesamt_publ"]
    published.index = "statbez-" + published.index
    assert len(synth) == 62 and set(synth.index) == set(corrected.index) == set(published.index)
    dev = (synth - corrected) / corrected
    assert dev.abs().max() <= 0.02
    # the correction only adds: every district has at least its published (lower-bound) count
    assert (synth >= published.reindex(synth.index)).all()
    report = {
        "buildings_synthetic": int(synth.sum()),
        "buildings_published_lower_bound": int(published.sum()),
        "correction_pct": round(100 * (synth.sum() / published.sum() - 1), 2),
        "max_abs_deviation_statbez_pct": round(100 * float(dev.abs().max()), 3),
    }
    (artifacts / "calibration_buildings.json").write_text(json.dumps(report, indent=1))


def test_correction_is_the_largest_published_family_sum(census, con):
    fam = lambda cols: census[cols].sum(axis=1)  # noqa: E731
    expected = np.maximum.reduce(
        [fam([c for c, *_ in AGE_CLASSES]), fam([c for c, _ in HEATING_TYPES]), fam([c for c, _ in BUILDING_CLASSES])]
    )
    expected = np.where((expected == 0) & (census["whg_gesamt_publ"] > 0), 1, expected)
    got = con.execute("SELECT cell_id, n_buildings_corrected FROM census_cells").df().set_index("cell_id")["n_buildings_corrected"]
    assert (got.loc[census["gitter_id_100m"]].to_numpy() == expected).all()


@pytest.mark.parametrize(
    ("column", "classes"),
    [
        ("age_class", [(c, lab) for c, lab, *_ in AGE_CLASSES]),
        ("heating_system", list(HEATING_TYPES)),
        ("zensus_building_type", list(BUILDING_CLASSES)),
    ],
)
def test_each_cell_keeps_its_published_counts(con, census, column, classes):
    """Published (non-zero) class counts are kept exactly; only suppressed (zero) classes receive extra buildings."""
    got = con.execute(f"SELECT cell_id, {column} AS k, count(*) AS n FROM buildings GROUP BY ALL").df()
    got = got.pivot(index="cell_id", columns="k", values="n").fillna(0)
    cen = census.set_index("gitter_id_100m")
    for col, label in classes:
        published = cen[col]
        drawn = got[label].reindex(published.index).fillna(0) if label in got else pd.Series(0, index=published.index)
        kept = published > 0
        assert (drawn[kept] == published[kept]).all(), f"{label}: published counts changed"


def test_dwellings_and_living_area_follow_the_census(con, census, artifacts):
    d = con.execute("SELECT sum(dwellings) AS whg, sum(living_area_m2) AS wfl FROM buildings").fetchone()
    whg_pub, wfl_est = census["whg_gesamt_publ"].sum(), census["wohnflaeche_m2_geschaetzt"].sum()
    dev_whg, dev_wfl = d[0] / whg_pub - 1, d[1] / wfl_est - 1
    (artifacts / "calibration_dwellings.json").write_text(
        json.dumps(
            {
                "dwellings_synthetic": int(d[0]),
                "dwellings_published": int(whg_pub),
                "deviation_pct": round(100 * dev_whg, 2),
                "living_area_deviation_pct": round(100 * dev_wfl, 2),
            }
        )
    )
    # the grid's dwellings are scaled to the official total (reconcile.dwellings_factor): well above the census
    assert dev_whg > 0.05 and dev_wfl > 0.05


def test_every_reconciliation_deviation_stays_in_its_band(con, artifacts):
    """The base year against the published figures (issue 13): each deviation inside its stated band."""
    from ghgmodel import Scenario, build_stock, calc_pathway
    from heatdb.queries import stock_for_model
    from reports.dataset import reconciliation_table

    p = load_parameters()
    b, n, pl = stock_for_model(con)
    pw = calc_pathway(build_stock(b, p, networks=n, plants=pl, demand_basis="consumption"), Scenario(name="x"), p)
    table = reconciliation_table(con, {"by_district": pw.by_district, "networks": pw.networks}, p)
    (artifacts / "reconciliation.json").write_text(table.to_json(orient="records", indent=1))
    for r in table.itertuples():
        assert abs(r.deviation_pct) <= r.band_pct, f"{r.figure}: {r.deviation_pct:.1f} % outside ±{r.band_pct} %"
    # the dwellings and the consumption level are calibrated, so they sit close
    dev = table.set_index("figure")["deviation_pct"]
    assert abs(dev["dwellings"]) < 5 and abs(dev["living_area"]) < 5 and abs(dev["residential_kwh_per_m2"]) < 15


def test_district_heating_compared_with_the_fernwaermeatlas(con, artifacts):
    """The modelled residential district heat is reported against the Fernwaermeatlas (all customers, fed in)."""
    p = load_parameters()
    delivered = con.execute(
        "SELECT sum(bb.heat_demand_mwh_per_year) FROM buildings b JOIN building_balance bb USING (building_id) WHERE b.carrier = 'district_heating'"
    ).fetchone()[0]
    fed_model = delivered / (1 - p.value("dh.network_loss_share")) / 1000  # GWh fed in
    atlas = p.value("dh.fed_in_gwh_per_year")
    report = {
        "residential_delivered_gwh": round(delivered / 1000, 1),
        "residential_fed_in_gwh": round(fed_model, 1),
        "fernwaermeatlas_fed_in_gwh": atlas,
        "deviation_pct": round(100 * (fed_model / atlas - 1), 1),
    }
    (artifacts / "calibration_district_heating.json").write_text(json.dumps(report, indent=1))
    print("district heating calibration:", report)
    # residential customers are part of the network: they cannot need more than the network feeds
    assert 0 < fed_model < atlas
    nets = con.execute("SELECT sum(fed_in_base_mwh) FROM dh_networks WHERE network_id IN ('dew21', 'fn_scharnhorst')").fetchone()[0]
    assert nets == pytest.approx(atlas * 1000)


def test_cells_are_assigned_like_the_census(con):
    assert con.execute("SELECT value FROM meta WHERE key = 'cells_statbez_mismatch'").fetchone()[0] == "0"
    assert con.execute("SELECT count(*) FROM grid_cells WHERE statbez_id IS NULL OR stadtbezirk_id IS NULL").fetchone()[0] == 0


def test_aggregates_equal_sums_over_buildings(con):
    direct = city_totals_from_buildings(con)
    city = con.execute("SELECT * FROM agg_district WHERE level = 'city'").df().iloc[0]
    for k in ("n_buildings", "heated_area_m2", "heat_demand_mwh_per_year", "co2e_t_per_year", "dh_share_pct", "hp_share_pct"):
        assert city[k] == pytest.approx(direct[k], rel=1e-9)
    for level in ("statbez", "stadtbezirk"):
        s = con.execute("SELECT sum(n_buildings), sum(co2e_t_per_year) FROM agg_district WHERE level = ?", [level]).fetchone()
        assert s[0] == direct["n_buildings"] and s[1] == pytest.approx(direct["co2e_t_per_year"])
    for res in (8, 9):
        assert con.execute("SELECT sum(n_buildings) FROM agg_h3 WHERE resolution = ?", [res]).fetchone()[0] == direct["n_buildings"]
    assert con.execute("SELECT sum(n_buildings) FROM agg_cell").fetchone()[0] == direct["n_buildings"]


def test_footprints_are_valid_inside_their_cell_and_do_not_overlap(con):
    b = con.execute("SELECT building_id, cell_id, geometry_source, x_3035, y_3035, ST_AsWKB(footprint) AS wkb FROM buildings").df()
    from heatdb.geo import transform

    geoms = transform(shapely.from_wkb([bytes(w) for w in b["wkb"]]), 4326, 3035)
    assert shapely.is_valid(geoms).all()
    area = shapely.area(geoms)
    assert (area > 5).all() and (area < 10000).all()
    synthetic = (b["geometry_source"] == "synthetic").to_numpy()
    xy = b["cell_id"].str.extract(r"N(\d+)E(\d+)").astype(float).to_numpy()
    cells = shapely.box(xy[:, 1], xy[:, 0], xy[:, 1] + 100, xy[:, 0] + 100)
    assert shapely.within(geoms[synthetic], shapely.buffer(cells[synthetic], 0.01)).all()
    tree = shapely.STRtree(geoms)
    pairs = tree.query(geoms, predicate="intersects")
    overlapping = pairs[:, pairs[0] != pairs[1]] if pairs.ndim == 2 else pairs
    overlapping = pairs[:, pairs[0] < pairs[1]]
    if overlapping.size:
        inter = shapely.area(shapely.intersection(geoms[overlapping[0]], geoms[overlapping[1]]))
        assert inter.max() < 0.5, f"{int((inter >= 0.5).sum())} overlapping footprint pairs"
    assert (b["geometry_source"] == "osm").sum() > 100  # the real Bövinghausen footprints are used


def test_every_column_has_a_comment(con):
    cols = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'main'").df()
    for table, (_, columns) in TABLES.items():
        mine = cols[cols["table_name"] == table]
        assert len(mine) == len(columns)
        assert mine["comment"].notna().all() and (mine["comment"].str.len() > 3).all(), table


def test_sources_are_complete_and_referenced(con):
    src = con.execute("SELECT * FROM data_sources").df()
    assert src[["licence", "attribution", "origin", "title"]].map(lambda v: bool(str(v).strip())).all().all()
    assert set(src.loc[src["is_synthetic"], "source_id"]) == {"synthetic_buildings", "dh_expansion_illustrative"}
    for table in ("districts", "census_cells", "buildings", "dh_areas", "dh_networks", "dh_expansion"):
        used = set(con.execute(f"SELECT DISTINCT source_id FROM {table}").df()["source_id"])
        assert used <= set(src["source_id"]), table
    assert con.execute("SELECT count(*) FROM buildings WHERE provenance <> 'synthetic'").fetchone()[0] == 0
    assert con.execute("SELECT bool_and(is_illustrative) AND bool_and(status = 'illustrative') FROM dh_expansion").fetchone()[0]


def test_expansion_areas_years_and_places(con):
    e = con.execute("SELECT * EXCLUDE (geometry) FROM dh_expansion").df()
    p = load_parameters()
    assert len(e) > 10
    assert e["year_planned"].between(2026, 2035).all() and e["year_planned"].is_monotonic_increasing is not None
    assert (e["distance_to_network_m"] <= p.value("expansion.max_distance_m")).all()
    assert (e["heat_density_mwh_per_ha_year"] >= p.value("density.edge.conventional") * 0.5).all()
    # ranked by distance: the nearest areas come first
    assert e.sort_values("year_planned")["distance_to_network_m"].is_monotonic_increasing


def test_heat_pump_potential_is_plausible(con):
    h = (
        con.execute("SELECT hp_class, count(*) AS n, min(spf_expected) AS lo, max(spf_expected) AS hi FROM hp_potential GROUP BY ALL")
        .df()
        .set_index("hp_class")
    )
    assert set(h.index) == {"ground", "air", "limited", "unsuitable"}
    assert h["lo"].min() >= 1.5 and h["hi"].max() <= 6.0
    # ground-suitable buildings have room for the probes they need
    bad = con.execute("SELECT count(*) FROM hp_potential WHERE hp_class = 'ground' AND probes_possible < probes_needed").fetchone()[0]
    assert bad == 0


def test_spatial_extension_is_loaded_from_the_package_without_downloads(con):
    assert con.execute("SELECT current_setting('autoinstall_known_extensions')").fetchone()[0] is False
    assert con.execute("SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'spatial'").fetchone()[0] is True
    assert spatial_extension_path().endswith("spatial.duckdb_extension")


def test_the_build_is_deterministic(con, tmp_path):
    again = tmp_path / "again.duckdb"
    build_database(again, progress=False)
    other = connect(again, read_only=True)
    try:
        q = "SELECT building_id, construction_year, carrier, retrofit, round(heated_area_m2, 6), ST_AsText(footprint) FROM buildings ORDER BY building_id"
        assert (
            con.execute(f"SELECT md5(string_agg(t::VARCHAR, '|')) FROM ({q}) t").fetchone()
            == other.execute(f"SELECT md5(string_agg(t::VARCHAR, '|')) FROM ({q}) t").fetchone()
        )
        assert (
            con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
            == other.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        )
    finally:
        other.close()

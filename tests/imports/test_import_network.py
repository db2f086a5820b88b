"""District-heating pipes and expansion areas: read in any CRS, checked row by row, and the real plan
replaces the illustrative areas with the buildings assigned again.

The files are written in tmp_path as GeoJSON / GeoPackage (the formats planners export from QGIS).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from heatdb.build import build_parameters
from heatdb.connect import connect
from heatdb.errors import ImportValidationError
from heatdb.geo import transform
from imports.dh_expansion import apply as apply_dh_expansion
from imports.dh_expansion import read as read_dh_expansion
from imports.dh_network import apply as apply_dh_network
from imports.dh_network import pipe_length_by_district
from imports.dh_network import read as read_dh_network

CELL_A = (4139000.0, 3155400.0)  # lower-left corner (EPSG:3035) of a tiny-city cell with 10 buildings


def cell_polygon(x0: float, y0: float, size: float = 100.0) -> shapely.Polygon:
    return transform(shapely.box(x0, y0, x0 + size, y0 + size), 3035, 4326)


def pipes_frame() -> gpd.GeoDataFrame:
    """Three pipes in Lütgendortmund in EPSG:25832 (UTM 32N), lengths 400 m, 300 m and 2 x 100 m."""
    x, y = 376_500.0, 5_708_500.0
    lines = [
        shapely.LineString([(x, y), (x + 400, y)]),
        shapely.LineString([(x, y + 200), (x, y + 500)]),
        shapely.MultiLineString([[(x + 500, y), (x + 600, y)], [(x + 500, y + 50), (x + 600, y + 50)]]),
    ]
    return gpd.GeoDataFrame(
        {
            "pipe_id": ["L1", "L2", "L3"],
            "year": [1975, 2024, 2025],
            "temperature": [110.0, 90.0, 70.0],
            "operator": ["DEW21"] * 3,
            "dn": [200, 150, None],
        },
        geometry=lines,
        crs=25832,
    )


def write(gdf: gpd.GeoDataFrame, path: Path) -> Path:
    gdf.to_file(path, driver="GPKG" if path.suffix == ".gpkg" else "GeoJSON")
    return path


def test_pipes_are_read_from_utm_with_their_attributes(tmp_path):
    pipes = read_dh_network(write(pipes_frame(), tmp_path / "netz.gpkg"))
    assert list(pipes["pipe_id"]) == ["L1", "L2", "L3"]
    assert pipes.crs.to_epsg() == 4326
    assert list(pipes["year_built"]) == [1975, 2024, 2025] and list(pipes["supply_temp_c"]) == [110, 90, 70]
    assert pipes["diameter_dn"].isna().tolist() == [False, False, True]


def test_every_bad_pipe_is_listed(tmp_path):
    bad = pipes_frame()
    bad.loc[0, "temperature"] = 500.0  # row 1: hotter than any network
    bad.loc[1, "year"] = 1700  # row 2: before district heating
    bad = gpd.GeoDataFrame(
        bad.drop(columns="geometry"), geometry=[bad.geometry[0], bad.geometry[1], shapely.Point(376_500, 5_708_500)], crs=25832
    )  # row 3: a point
    with pytest.raises(ImportValidationError) as err:
        read_dh_network(write(bad, tmp_path / "netz.gpkg"))
    got = {(p.row, p.column) for p in err.value.problems}
    assert {(1, "temperature"), (2, "year"), (3, "geometry")} <= got
    assert "Zeile 1, Spalte temperature" in err.value.report("de")


def test_a_pipe_file_without_operator_is_refused(tmp_path):
    with pytest.raises(ImportValidationError, match="operator"):
        read_dh_network(write(pipes_frame().drop(columns="operator"), tmp_path / "netz.gpkg"))


def test_the_same_line_twice_is_a_duplicate(tmp_path):
    twice = pipes_frame()
    twice.loc[2, "geometry"] = twice.geometry[0]
    with pytest.raises(ImportValidationError) as err:
        read_dh_network(write(twice, tmp_path / "netz.gpkg"))
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "geometry")]


def test_apply_stores_pipes_with_length_and_district(tiny_db, tmp_path):
    path = write(pipes_frame(), tmp_path / "netz.gpkg")
    con = connect(tiny_db)
    try:
        n = apply_dh_network(con, read_dh_network(path), build_parameters(), path)
        assert n == 3
        lengths = dict(con.execute("SELECT pipe_id, length_m FROM dh_network_pipes").fetchall())
        # UTM and the equal-area LAEA grid differ in scale by well under 0.1 % here
        assert lengths["L1"] == pytest.approx(400, rel=1e-3)
        assert lengths["L2"] == pytest.approx(300, rel=1e-3)
        assert lengths["L3"] == pytest.approx(200, rel=1e-3)
        per = pipe_length_by_district(con)
        assert per["length_km"].sum() == pytest.approx(0.9, rel=1e-3)
        assert per["statbez_id"].notna().all()
        assert con.execute("SELECT count(*) FROM data_sources WHERE source_id = 'import:netz.gpkg'").fetchone()[0] == 1
        # a second import of the same file leaves the same pipes
        apply_dh_network(con, read_dh_network(path), build_parameters(), path)
        assert con.execute("SELECT count(*) FROM dh_network_pipes").fetchone()[0] == 3
    finally:
        con.close()


def expansion_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"expansion_area_id": ["A1", "A2"], "name": ["Zelle A", "Leer"], "year": [2030, 2041], "status": ["in Prüfung", "geplant"]},
        geometry=[cell_polygon(*CELL_A), cell_polygon(4_100_000, 3_155_000)],  # the second one holds no building
        crs=4326,
    )


def test_expansion_statuses_in_german_are_mapped(tmp_path):
    areas = read_dh_expansion(write(expansion_frame(), tmp_path / "ausbau.geojson"))
    assert list(areas["status"]) == ["in_review", "planned"] and list(areas["year_planned"]) == [2030, 2041]


def test_bad_years_and_statuses_are_listed(tmp_path):
    bad = expansion_frame()
    bad.loc[0, "year"] = 2050
    bad.loc[1, "status"] = "vielleicht"
    with pytest.raises(ImportValidationError) as err:
        read_dh_expansion(write(bad, tmp_path / "ausbau.geojson"))
    assert {(p.row, p.column) for p in err.value.problems} == {(1, "year"), (2, "status")}
    assert "2025..2045" in err.value.report("en")


def test_the_plan_replaces_the_illustrative_areas_and_the_buildings_follow(tiny_db, tmp_path):
    path = write(expansion_frame(), tmp_path / "ausbau.geojson")
    con = connect(tiny_db)
    try:
        assert con.execute("SELECT count(*) FROM dh_expansion WHERE is_illustrative").fetchone()[0] > 0
        in_a = con.execute("SELECT count(*) FROM buildings WHERE cell_id = 'CRS3035RES100mN3155400E4139000' AND NOT in_dh_area").fetchone()[
            0
        ]
        n = apply_dh_expansion(con, read_dh_expansion(path), build_parameters(), path)
        assert n == 2
        rows = con.execute("SELECT expansion_area_id, is_illustrative, status, source_id FROM dh_expansion ORDER BY 1").fetchall()
        assert rows == [("A1", False, "in_review", "import:ausbau.geojson"), ("A2", False, "planned", "import:ausbau.geojson")]
        # every building of the cell (all outside existing areas) and no other is in area A1
        got = con.execute("SELECT expansion_area_id, count(*) FROM buildings WHERE expansion_area_id IS NOT NULL GROUP BY 1").fetchall()
        assert got == [("A1", in_a)] and in_a == 10
        q = con.execute(
            "SELECT sum(bb.heat_demand_mwh_per_year) FROM buildings b JOIN building_balance bb USING (building_id) WHERE b.expansion_area_id = 'A1'"
        ).fetchone()[0]
        a1 = con.execute(
            "SELECT heat_demand_mwh_per_year, n_cells, year_planned FROM dh_expansion WHERE expansion_area_id = 'A1'"
        ).fetchone()
        assert a1[0] == pytest.approx(q) and a1[1] == 1 and a1[2] == 2030
        assert con.execute("SELECT heat_demand_mwh_per_year FROM dh_expansion WHERE expansion_area_id = 'A2'").fetchone()[0] == 0
        # the aggregates know the new areas: the city's first expansion year is the plan's
        assert con.execute("SELECT first_expansion_year FROM agg_district WHERE level = 'city'").fetchone()[0] == 2030
        note = con.execute("SELECT table_names FROM data_sources WHERE source_id = 'dh_expansion_illustrative'").fetchone()[0]
        assert note == "none (replaced)"
    finally:
        con.close()

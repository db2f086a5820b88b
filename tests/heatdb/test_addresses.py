"""Addresses: the HK-DE and OSM importers, the search, and the answer inside and outside each area type."""

from __future__ import annotations

import duckdb
import pytest

from heatdb import queries
from heatdb.addresses import read_addresses, search_key
from heatdb.connect import connect
from heatdb.errors import ImportValidationError


@pytest.fixture(scope="module")
def con(dortmund_db):
    c = connect(dortmund_db, read_only=True)
    yield c
    c.close()


def point_in(con, table: str, where: str = "true") -> tuple[float, float]:
    lon, lat = con.execute(
        f"SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geometry) AS p FROM {table} WHERE {where} LIMIT 1)"
    ).fetchone()
    return lon, lat


def test_inside_an_existing_district_heating_area(con):
    lon, lat = point_in(con, "dh_areas", "dh_area_id = 'FW002'")
    a = queries.location_answer(con, lon, lat)
    assert a["dh_area"]["dh_area_id"] == "FW002" and a["dh_area"]["operator"] == "DEW21" and a["dh_area"]["is_proxy"]


def test_inside_a_planned_expansion_area(con):
    area, year = con.execute("SELECT expansion_area_id, year_planned FROM dh_expansion ORDER BY year_planned DESC LIMIT 1").fetchone()
    lon, lat = point_in(con, "dh_expansion", f"expansion_area_id = '{area}'")
    a = queries.location_answer(con, lon, lat)
    assert a["dh_area"] is None
    assert a["expansion"]["expansion_area_id"] == area and a["expansion"]["year"] == year and a["expansion"]["is_illustrative"]


def test_outside_every_area(con):
    # a point in a statistischer Bezirk, far from district heating: the centroid of a district without either
    row = con.execute(
        """SELECT d.centroid_lon, d.centroid_lat FROM districts d WHERE d.level = 'statbez'
           AND NOT EXISTS (SELECT 1 FROM dh_areas a WHERE ST_Contains(a.geometry, ST_Point(d.centroid_lon, d.centroid_lat)))
           AND NOT EXISTS (SELECT 1 FROM dh_expansion e WHERE ST_Contains(e.geometry, ST_Point(d.centroid_lon, d.centroid_lat)))
           ORDER BY d.code LIMIT 1"""
    ).fetchone()
    a = queries.location_answer(con, *row)
    assert a["dh_area"] is None and a["expansion"] is None and a["district"] is not None


@pytest.mark.parametrize("kind", ["waermenetzgebiet", "dezentral", "pruefgebiet"])
def test_supply_type_is_the_cells_when_the_cell_is_large_enough(con, kind):
    cell = con.execute(
        "SELECT cell_id, ST_X(ST_Centroid(geometry)), ST_Y(ST_Centroid(geometry)), grade_heat_network FROM agg_cell WHERE supply_area_type = ? AND n_buildings >= 5 ORDER BY cell_id LIMIT 1",
        [kind],
    ).fetchone()
    a = queries.location_answer(con, cell[1], cell[2])
    assert a["supply"] == {"unit": "cell", "type": kind, "grade_heat_network": cell[3], "grade_decentral": a["supply"]["grade_decentral"]}
    assert a["surroundings"]["unit"] == "cell" and a["surroundings"]["n_buildings"] >= 5


def test_small_cells_fall_back_to_a_larger_unit(con):
    cell = con.execute(
        "SELECT ST_X(ST_Centroid(geometry)), ST_Y(ST_Centroid(geometry)), n_buildings FROM agg_cell WHERE n_buildings BETWEEN 1 AND 4 ORDER BY cell_id LIMIT 1"
    ).fetchone()
    a = queries.location_answer(con, cell[0], cell[1])
    assert a["surroundings"]["unit"] != "cell" and a["surroundings"]["n_buildings"] >= 5
    assert a["supply"] is None or a["supply"]["unit"] in ("statbez",)


def test_outside_the_city_answers_nothing_private(con):
    a = queries.location_answer(con, 6.0, 50.0)
    assert a["district"] is None and a["dh_area"] is None and a["surroundings"] is None


@pytest.mark.parametrize("text", ["'; DROP TABLE addresses; --", "%", "_", "\\", "x" * 10000, "🔥🔥", "", "   ", "Straße\x00xyz"])
def test_search_with_metacharacters_or_long_text_finds_nothing_cleanly(con, text):
    out = queries.search_addresses(con, text)
    assert out.empty
    assert con.execute("SELECT count(*) FROM addresses").fetchone()[0] > 100  # nothing happened to the table


def test_search_folds_umlauts_and_strasse(con):
    a = queries.search_addresses(con, "bövinghauser strasse 51")
    b = queries.search_addresses(con, "Bovinghauser Str. 51")
    assert not a.empty and a["label"].tolist() == b["label"].tolist()
    assert a["label"].iloc[0].startswith("Bövinghauser Straße 51")
    assert search_key("Bövinghauser Straße 51a") == "bovinghauser str 51a"


HK_LINES = [
    "N;DENW12345678901A;A;05;9;13;000;0000;01234;51;a;32386123,456;5709876,543;Bövinghauser Straße;44388;Dortmund;;Bövinghausen",
    "N;DENW12345678901B;A;05;9;13;000;0000;01234;53;;386150,000;5709880,000;Bövinghauser Straße;44388;Dortmund;;Bövinghausen",
]


def test_hk_de_latin1_without_header(tmp_path):
    p = tmp_path / "hk.txt"
    p.write_bytes("\n".join(HK_LINES).encode("latin-1"))
    a = read_addresses(p)
    assert a["label"].tolist() == ["Bövinghauser Straße 51a, 44388 Dortmund", "Bövinghauser Straße 53, 44388 Dortmund"]
    # 32386123,456 (zone-prefixed) and 386150,000 are both UTM 32 eastings near Dortmund-Bövinghausen
    assert a["lon"].between(7.2, 7.5).all() and a["lat"].between(51.4, 51.6).all()


def test_hk_de_utf8_with_header(tmp_path):
    p = tmp_path / "hk.csv"
    header = "NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;EAST;NORTH;STN;PLZ;ONM;ZON;POT"
    p.write_text(header + "\n" + "\n".join(HK_LINES) + "\n", encoding="utf-8")
    assert len(read_addresses(p)) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("N;X;A;05;9;13;000;0000;01234;51;;abc;5709876,543;Weg;44388;Dortmund;;", "hk.csv, row 1, column EAST: 'abc' is not a coordinate"),
        ("N;X;A;05;9;13;000;0000;01234;51;;686123,456;6709876,543;Weg;44388;Dortmund;;", "lies outside Germany"),
        ("a;b;c\n", "fields separated by ';'"),
        ("N;X;A;05;9;13;000;0000;01234;;;386123,456;5709876,543;Weg;44388;Dortmund;;", "column housenumber"),
    ],
)
def test_bad_house_coordinates_are_refused(tmp_path, content, message):
    p = tmp_path / "hk.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ImportValidationError) as err:
        read_addresses(p)
    assert message in str(err.value) and "hk.csv" in str(err.value)


def test_writing_through_the_public_connection_fails(dortmund_db):
    """The app opens the warehouse read-only: any write fails (and the portfolio likewise in public mode)."""
    con = connect(dortmund_db, read_only=True)
    try:
        for sql in ("DELETE FROM buildings", "INSERT INTO meta VALUES ('x', 'y')", "DROP TABLE addresses", "CREATE TABLE evil (a INT)"):
            with pytest.raises(duckdb.Error, match="read-only"):
                con.execute(sql)
    finally:
        con.close()


def test_the_public_portfolio_cannot_be_written(tmp_path, con):
    import portfolio as pf
    from ghgmodel import Project

    path = tmp_path / "p.duckdb"
    rw = pf.open_portfolio(path, warehouse=con)
    rw.execute("CHECKPOINT")
    rw.close()
    ro = pf.open_portfolio(path, read_only=True)
    with pytest.raises(duckdb.Error, match="read-only"):
        pf.save_project(
            ro,
            Project(project_id="x", name="X", owner="Y", project_type="hp_programme", district_ids=("statbez-010",), rate_pct_per_year=1),
        )
    with pytest.raises(duckdb.Error, match="read-only"):
        pf.save_snapshot(ro, name="n", data_version="v", params_hash="h", scenario_json="{}", projects_json="[]", results={})

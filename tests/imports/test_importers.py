"""`python -m heatdb import KIND FILE`: bad files are refused with a message that names the file, row,
column and value and the database stays byte for byte as it was; good files are imported and every
derived table follows them.

The bad files are made in tmp_path from the tiny city's real data (tests/data/tiny_city).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from heatdb import derive
from heatdb.connect import connect
from heatdb.errors import DatabaseError, ImportValidationError
from heatdb.readers import UNCHANGED
from heatdb.sources import FILES
from imports import import_file
from tests.factories import (
    TINY_CITY,
    buildings_frame,
    census_frame,
    data_version_of,
    dh_frame,
    districts_frame,
    run_heatdb,
    sha256,
    write,
    write_csv,
    write_geojson_text,
)

VECTOR_KINDS = ("districts", "dh-areas", "buildings")


# a self-intersecting "bow tie" inside Lütgendortmund
BOW_TIE = shapely.Polygon([(7.33, 51.50), (7.34, 51.51), (7.34, 51.50), (7.33, 51.51), (7.33, 51.50)])


# ---------------------------------------------------------------- source frames and file writers


SOURCE = {"districts": districts_frame, "dh-areas": dh_frame, "buildings": buildings_frame}


# ---------------------------------------------------------------- what a refusal must look like


@dataclass(frozen=True)
class Expect:
    """What the message must name: the row (1 = first feature/data row), column and value, plus phrases."""

    row: int | None = None
    column: str | None = None
    value: str | None = None
    words: tuple[str, ...] = ()


def assert_refused(kind: str, path: Path, db: Path, expect: Expect) -> str:
    """import_file raises ImportValidationError listing the expected problem; the db and its folder are unchanged.

    Every listed problem names the file; the expected one names the row (None: a problem of the whole
    file), column and value; the English and German reports say that nothing was imported.
    """
    before = sha256(db)
    with pytest.raises(ImportValidationError) as info:
        import_file(kind, path, db)
    err = info.value
    msg = str(err)
    assert err.problems, msg
    assert {p.file for p in err.problems} == {path.name}, msg
    if expect.row is None:
        assert len(err.problems) == 1 and err.problems[0].row is None, msg
        assert not err.skippable
        hit = err.problems[0]
    else:
        hits = [p for p in err.problems if p.row == expect.row and (expect.column is None or p.column == expect.column)]
        assert hits, msg
        hit = hits[0]
        assert err.skippable, msg
    line = hit.text("en")
    assert line.startswith(path.name + (f", row {expect.row}, " if expect.row is not None else ":")), line
    if expect.column is not None:
        assert f"column {expect.column}:" in line, line
    if expect.value is not None:
        assert expect.value in line, line
    for word in expect.words:
        assert word in line, line
    assert f"- {line}" in msg.splitlines(), msg
    assert msg.endswith(UNCHANGED), msg
    assert "the database is unchanged" in UNCHANGED
    german = err.report("de")
    assert german.endswith("Es wurde nichts importiert; die Datenbank ist unverändert.") and path.name in german, german
    assert hit.problem_de and hit.fix_de and hit.problem_de != "" and hit.fix_en in line
    assert sha256(db) == before
    assert [p.name for p in db.parent.iterdir()] == [db.name]
    return msg


# ---------------------------------------------------------------- bad files for every vector kind


def _wrong_crs(kind, tmp, *, declared: bool):
    g = SOURCE[kind]().to_crs(25832)
    b = g.geometry.bounds.iloc[0]
    g = g.set_crs(4326, allow_override=True)  # metres, but declared (or defaulting to) degrees
    path = write(g, tmp / f"{kind}_utm.geojson") if declared else write_geojson_text(g, tmp / f"{kind}_utm.geojson", keep_crs_member=False)
    if not declared:
        assert '"crs"' not in path.read_text(encoding="utf-8")
    return path, Expect(row=1, column="geometry", value=f"{b.minx:.4f}, {b.miny:.4f}", words=("outside Germany", "EPSG:4326"))


def _lat_lon_swapped(kind, tmp):
    g = SOURCE[kind]()
    g = g.set_geometry(shapely.transform(g.geometry.to_numpy(), lambda xy: xy[:, ::-1]))
    b = g.geometry.bounds.iloc[0]
    return write(g, tmp / f"{kind}_swapped.geojson"), Expect(
        row=1, column="geometry", value=f"{b.minx:.4f}, {b.miny:.4f}", words=("outside Germany",)
    )


def _no_crs(kind, tmp, suffix):
    g = SOURCE[kind]().set_crs(None, allow_override=True)
    path = write(g, tmp / f"{kind}_nocrs{suffix}")
    return path, Expect(words=("has no coordinate reference system (CRS)",))


def _bow_tie(kind, tmp, suffix):
    g = SOURCE[kind]()
    g.loc[2, "geometry"] = BOW_TIE
    return write(g, tmp / f"{kind}_bowtie{suffix}"), Expect(
        row=3, column="geometry", value="Self-intersection", words=("is not a valid geometry",)
    )


def _null_geometry(kind, tmp):
    g = SOURCE[kind]()
    path = write_geojson_text(g, tmp / f"{kind}_null.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][1]["geometry"] = None
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, Expect(row=2, column="geometry", value="empty", words=("has no geometry",))


def _empty_geometry(kind, tmp, suffix):
    g = SOURCE[kind]()
    g.loc[1, "geometry"] = shapely.Polygon()
    return write(g, tmp / f"{kind}_emptygeom{suffix}"), Expect(row=2, column="geometry", value="empty", words=("has no geometry",))


def _points(kind, tmp):
    g = SOURCE[kind]()
    g.loc[1, "geometry"] = g.geometry.iloc[1].representative_point()
    return write(g, tmp / f"{kind}_points.geojson"), Expect(
        row=2, column="geometry", value="Point", words=("is not a Polygon or MultiPolygon",)
    )


def _latin1(kind, tmp):
    g = SOURCE[kind]()
    text = write(g, tmp / f"{kind}_utf8.geojson").read_text(encoding="utf-8")
    raw = text.encode("latin-1")
    first = next(i for i, byte in enumerate(raw) if byte >= 0x80)  # an umlaut or ß of a real name
    path = tmp / f"{kind}_latin1.geojson"
    path.write_bytes(raw)
    return path, Expect(value=f"byte {first}", words=("not UTF-8",))


def _empty_file(kind, tmp, suffix):
    path = tmp / f"{kind}_empty{suffix}"
    path.write_bytes(b"")
    return path, Expect(words=("the file is empty",))


def _no_features(kind, tmp):
    path = tmp / f"{kind}_nofeatures.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    return path, Expect(words=("has no features",))


def _unknown_suffix(kind, tmp, suffix):
    path = write(SOURCE[kind](), tmp / f"{kind}.geojson")
    return path.rename(path.with_suffix(suffix)), Expect(value=repr(suffix), words=("unknown file type",))


def _not_a_geopackage(kind, tmp):
    path = tmp / f"{kind}_broken.gpkg"
    path.write_bytes(b"this is not a GeoPackage\n" * 20)
    return path, Expect(words=("cannot be read as GeoPackage",))


GENERIC_CASES = {
    "wrong-crs-declared-4326": lambda k, t: _wrong_crs(k, t, declared=True),
    "wrong-crs-no-crs-member": lambda k, t: _wrong_crs(k, t, declared=False),
    "lat-lon-swapped": _lat_lon_swapped,
    "no-crs-geopackage": lambda k, t: _no_crs(k, t, ".gpkg"),
    "no-crs-geoparquet": lambda k, t: _no_crs(k, t, ".parquet"),
    "bow-tie-geojson": lambda k, t: _bow_tie(k, t, ".geojson"),
    "bow-tie-geopackage": lambda k, t: _bow_tie(k, t, ".gpkg"),
    "null-geometry-geojson": _null_geometry,
    "empty-geometry-geoparquet": lambda k, t: _empty_geometry(k, t, ".parquet"),
    "empty-geometry-geopackage": lambda k, t: _empty_geometry(k, t, ".gpkg"),
    "point-geometry": _points,
    "latin-1-geojson": _latin1,
    "empty-file-geojson": lambda k, t: _empty_file(k, t, ".geojson"),
    "empty-file-geopackage": lambda k, t: _empty_file(k, t, ".gpkg"),
    "no-features": _no_features,
    "unknown-suffix-kml": lambda k, t: _unknown_suffix(k, t, ".kml"),
    "unknown-suffix-csv": lambda k, t: _unknown_suffix(k, t, ".csv"),
    "broken-geopackage": _not_a_geopackage,
}


@pytest.mark.parametrize("case", list(GENERIC_CASES))
@pytest.mark.parametrize("kind", VECTOR_KINDS)
def test_bad_vector_file_is_refused(kind, case, tiny_db, tmp_path):
    path, expect = GENERIC_CASES[case](kind, tmp_path)
    assert_refused(kind, path, tiny_db, expect)


# ---------------------------------------------------------------- bad files of one kind


def _districts_missing_name(tmp):
    g = districts_frame()
    canon = gpd.GeoDataFrame({"level": "statbez", "code": g["statbez_nr"], "parent_code": "10"}, geometry=g.geometry, crs=4326)
    return write(canon, tmp / "districts_noname.geojson"), Expect(value="name", words=("missing column(s)",))


def _districts_bad_code(tmp):
    g = districts_frame()
    g.loc[3, "statbez_nr"] = "7400"
    return write(g, tmp / "districts_code.geojson"), Expect(row=4, column="statbez_nr", value="'7400'", words=("not a 3-digit code",))


def _districts_bad_level(tmp):
    g = districts_frame()
    canon = gpd.GeoDataFrame(
        {"level": "statbez", "code": g["statbez_nr"], "name": g["statbez_name"], "parent_code": "10"}, geometry=g.geometry, crs=4326
    )
    canon.loc[1, "level"] = "land"
    return write(canon, tmp / "districts_level.gpkg"), Expect(row=2, column="level", value="'land'", words=("is not allowed",))


def _districts_duplicate(tmp):
    g = districts_frame()
    g.loc[4, "statbez_nr"] = g.loc[0, "statbez_nr"]
    return write(g, tmp / "districts_dup.geojson"), Expect(row=5, column="statbez_nr", value="'710'", words=("appears twice",))


def _dh_missing_id(tmp):
    return write(dh_frame().drop(columns="zone_id"), tmp / "dh_noid.geojson"), Expect(value="zone_id", words=("missing column(s)",))


def _dh_negative_cells(tmp):
    g = dh_frame()
    g.loc[2, "n_zellen"] = -3
    return write(g, tmp / "dh_negative.geojson"), Expect(row=3, column="n_zellen", value="-3", words=("is outside 0..1e+06",))


def _dh_duplicate(tmp):
    g = dh_frame()
    g.loc[3, "zone_id"] = g.loc[1, "zone_id"]
    return write(g, tmp / "dh_dup.parquet"), Expect(row=4, column="zone_id", value=repr(g.loc[1, "zone_id"]), words=("appears twice",))


def _buildings_missing_year(tmp):
    return write(buildings_frame().drop(columns="construction_year"), tmp / "b_noyear.geojson"), Expect(
        value="construction_year", words=("missing column(s)",)
    )


def _buildings_no_area(tmp):
    g = buildings_frame().drop(columns=["living_area_m2", "heated_area_m2"])
    return write(g, tmp / "b_noarea.geojson"), Expect(words=("needs heated_area_m2 or living_area_m2",))


def _buildings_year_3019(tmp):
    g = buildings_frame()
    g.loc[1, "construction_year"] = 3019
    return write(g, tmp / "b_year.geojson"), Expect(row=2, column="construction_year", value="3019", words=("is outside 1500..2030",))


def _buildings_negative_area(tmp):
    g = buildings_frame()
    g.loc[6, "living_area_m2"] = -50.0
    return write(g, tmp / "b_area.gpkg"), Expect(row=7, column="living_area_m2", value="-50", words=("is outside 1..1e+06",))


def _buildings_bad_carrier(tmp):
    g = buildings_frame()
    g.loc[4, "carrier"] = "Erdgas"
    return write(g, tmp / "b_carrier.parquet"), Expect(row=5, column="carrier", value="'Erdgas'", words=("is not allowed", "heat_pump_air"))


def _buildings_duplicate(tmp):
    g = buildings_frame()
    g.loc[9, "building_id"] = g.loc[2, "building_id"]
    return write(g, tmp / "b_dup.geojson"), Expect(
        row=10, column="building_id", value=repr(g.loc[2, "building_id"]), words=("appears twice",)
    )


def _buildings_area_empty(tmp):
    g = buildings_frame()
    n = len(g) // 2 + 3  # a row that gives the heated area
    g.loc[n, "heated_area_m2"] = np.nan
    return write(g, tmp / "b_area_empty.geojson"), Expect(row=n + 1, column="heated_area_m2", words=("living_area_m2 too",))


def _cells_case(column: str, value: str, expect: Expect, row: int = 5):
    """A census CSV with `value` written into `column` of data row `row`."""

    def make(tmp):
        c = census_frame()
        c.loc[row - 1, column] = value
        return write_csv(c, tmp / "cells.csv"), expect

    return make


def _cells_missing_column(tmp):
    return write_csv(census_frame().drop(columns="geb_heiz_fernheizung"), tmp / "cells_missing.csv"), Expect(
        value="geb_heiz_fernheizung", words=("missing column(s)",)
    )


def _cells_duplicate(tmp):
    c = census_frame()
    c.loc[7, "gitter_id_100m"] = c.loc[2, "gitter_id_100m"]
    return write_csv(c, tmp / "cells_dup.csv"), Expect(
        row=8, column="gitter_id_100m", value=repr(c.loc[2, "gitter_id_100m"]), words=("appears twice",)
    )


def _cells_header_only(tmp):
    return write_csv(census_frame().head(0), tmp / "cells_header.csv"), Expect(words=("has a header but no rows",))


def _cells_empty(tmp):
    path = tmp / "cells_empty.csv"
    path.write_bytes(b"")
    return path, Expect(words=("the file is empty",))


def _cells_latin1(tmp):
    raw = (TINY_CITY / FILES["census_cells"]).read_text(encoding="utf-8").encode("latin-1")
    first = next(i for i, byte in enumerate(raw) if byte >= 0x80)  # the ö of Bövinghausen
    path = tmp / "cells_latin1.csv"
    path.write_bytes(raw)
    return path, Expect(value=f"byte {first}", words=("not UTF-8",))


def _cells_parquet(tmp):
    path = tmp / "cells.parquet"
    census_frame().to_parquet(path)
    return path, Expect(words=("unknown file type",))


KIND_CASES = {
    ("districts", "missing-column"): _districts_missing_name,
    ("districts", "code-not-3-digits"): _districts_bad_code,
    ("districts", "level-not-allowed"): _districts_bad_level,
    ("districts", "duplicate-code"): _districts_duplicate,
    ("dh-areas", "missing-column"): _dh_missing_id,
    ("dh-areas", "negative-n_zellen"): _dh_negative_cells,
    ("dh-areas", "duplicate-id-geoparquet"): _dh_duplicate,
    ("buildings", "missing-column"): _buildings_missing_year,
    ("buildings", "no-area-column"): _buildings_no_area,
    ("buildings", "construction-year-3019"): _buildings_year_3019,
    ("buildings", "negative-living-area"): _buildings_negative_area,
    ("buildings", "carrier-not-allowed"): _buildings_bad_carrier,
    ("buildings", "duplicate-id"): _buildings_duplicate,
    ("buildings", "both-areas-empty"): _buildings_area_empty,
    ("zensus-cells", "missing-column"): _cells_missing_column,
    ("zensus-cells", "negative-count"): _cells_case(
        "geb_heiz_fernheizung", "-2", Expect(row=5, column="geb_heiz_fernheizung", value="'-2'", words=("is outside 0..100000",))
    ),
    ("zensus-cells", "fractional-count"): _cells_case(
        "geb_gesamt_publ", "2.5", Expect(row=5, column="geb_gesamt_publ", value="'2.5'", words=("not a whole number",))
    ),
    ("zensus-cells", "count-not-a-number"): _cells_case(
        "whg_wfl_03", "drei", Expect(row=5, column="whg_wfl_03", value="'drei'", words=("is not a number",))
    ),
    ("zensus-cells", "count-empty"): _cells_case("geb_gesamt_publ", "", Expect(row=5, column="geb_gesamt_publ", words=("is empty",))),
    ("zensus-cells", "malformed-gitter-id"): _cells_case(
        "gitter_id_100m",
        "CRS3035RES100mN31599E4135000x",
        Expect(row=5, column="gitter_id_100m", value="'CRS3035RES100mN31599E4135000x'", words=("is not an INSPIRE 100 m cell id",)),
    ),
    ("zensus-cells", "1km-gitter-id"): _cells_case(
        "gitter_id_100m",
        "CRS3035RES1000mN3159000E4135000",
        Expect(row=5, column="gitter_id_100m", value="'CRS3035RES1000mN3159000E4135000'", words=("is not an INSPIRE 100 m cell id",)),
    ),
    ("zensus-cells", "gitter-id-off-grid"): _cells_case(
        "gitter_id_100m",
        "CRS3035RES100mN3159950E4135000",
        Expect(row=5, column="gitter_id_100m", value="'CRS3035RES100mN3159950E4135000'", words=("is not on the 100 m grid",)),
    ),
    ("zensus-cells", "duplicate-gitter-id"): _cells_duplicate,
    ("zensus-cells", "header-only"): _cells_header_only,
    ("zensus-cells", "empty-file"): _cells_empty,
    ("zensus-cells", "latin-1"): _cells_latin1,
    ("zensus-cells", "parquet-not-csv"): _cells_parquet,
}


@pytest.mark.parametrize(("kind", "case"), list(KIND_CASES), ids=[f"{k}-{c}" for k, c in KIND_CASES])
def test_bad_file_of_one_kind_is_refused(kind, case, tiny_db, tmp_path):
    path, expect = KIND_CASES[(kind, case)](tmp_path)
    assert_refused(kind, path, tiny_db, expect)


def test_census_cell_counts_are_checked_in_every_count_column(tiny_db, tmp_path):
    """The last count column too, and in the last row: the check is not only on the first columns."""
    c = census_frame()
    last_row, column = len(c), "whg_gesamt_publ"
    c.loc[last_row - 1, column] = "-1"
    path = write_csv(c, tmp_path / "cells_last.csv")
    assert_refused("zensus-cells", path, tiny_db, Expect(row=last_row, column=column, value="'-1'"))


# ---------------------------------------------------------------- product bugs found by these tests (fixed)


@pytest.mark.parametrize(
    ("kind", "make", "shown"),
    [
        ("buildings", _buildings_year_3019, "column construction_year: 3019 is outside 1500..2030"),
        ("dh-areas", _dh_negative_cells, "column n_zellen: -3 is outside"),
        ("buildings", lambda t: _points("buildings", t), "column geometry: 'Point' is not a Polygon"),
    ],
    ids=["construction_year", "n_zellen", "geometry-type"],
)
def test_refusal_shows_the_value_as_written(kind, make, shown, tiny_db, tmp_path):
    path, _ = make(tmp_path)
    with pytest.raises(ImportValidationError) as info:
        import_file(kind, path, tiny_db)
    assert shown in str(info.value)


def test_districts_file_missing_statbez_name_is_refused(tiny_db, tmp_path):
    path = write(districts_frame().drop(columns="statbez_name").head(1), tmp_path / "statbez_noname.geojson")
    assert_refused("districts", path, tiny_db, Expect(value="statbez_name", words=("missing column(s)",)))


def test_census_cells_with_unknown_suffix_are_refused(tiny_db, tmp_path):
    path = tmp_path / "cells.xlsx"
    shutil.copyfile(TINY_CITY / FILES["census_cells"], path)
    assert_refused("zensus-cells", path, tiny_db, Expect(value="'.xlsx'", words=("unknown file type",)))


# ---------------------------------------------------------------- successful imports


def query(con, sql: str, params=None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def scalar(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchone()[0]


def assert_logged(con, kind: str, path: Path, n: int) -> None:
    log = query(con, "SELECT * FROM import_log")
    assert len(log) == 1
    row = log.iloc[0]
    assert (row["kind"], row["file_name"], int(row["n_rows"])) == (kind, path.name, n)
    assert row["sha256"] == sha256(path)
    src = query(con, "SELECT * FROM data_sources WHERE source_id = ?", ["import:" + path.name])
    assert len(src) == 1 and not src["is_synthetic"].iloc[0]
    assert row["sha256"][:16] in src["origin"].iloc[0]


def assert_derived_consistent(con) -> int:
    """Every derived table matches the buildings; returns the number of buildings."""
    n = scalar(con, "SELECT count(*) FROM buildings")
    assert n > 0
    for table in ("building_balance", "hp_potential"):
        assert scalar(con, f"SELECT count(*) FROM {table}") == n
        assert scalar(con, f"SELECT count(*) FROM buildings b JOIN {table} t USING (building_id)") == n
    nulls = query(
        con,
        """SELECT count(*) - count(statbez_id), count(*) - count(stadtbezirk_id), count(*) - count(cell_id),
                  count(*) - count(h3_r9), count(*) - count(dh_network_id) FROM buildings""",
    )
    assert nulls.iloc[0].tolist() == [0, 0, 0, 0, 0]
    assert scalar(con, "SELECT count(*) FROM buildings WHERE cell_id NOT IN (SELECT cell_id FROM grid_cells)") == 0
    per_level = query(con, "SELECT level, sum(n_buildings) AS n FROM agg_district GROUP BY level")
    assert dict(zip(per_level["level"], per_level["n"])) == {"city": n, "stadtbezirk": n, "statbez": n}
    assert scalar(con, "SELECT sum(n_buildings) FROM agg_cell") == n
    assert query(con, "SELECT resolution, sum(n_buildings) AS n FROM agg_h3 GROUP BY ALL ORDER BY 1")["n"].tolist() == [n, n]
    city = query(con, "SELECT heat_demand_mwh_per_year, co2e_t_per_year FROM agg_district WHERE level = 'city'").iloc[0]
    totals = query(con, "SELECT sum(heat_demand_mwh_per_year) AS q, sum(co2e_t_per_year) AS co2 FROM building_balance").iloc[0]
    assert city["heat_demand_mwh_per_year"] == pytest.approx(totals["q"], rel=1e-9)
    assert city["co2e_t_per_year"] == pytest.approx(totals["co2"], rel=1e-9)
    inside = scalar(
        con,
        "SELECT count(DISTINCT b.building_id) FROM buildings b JOIN dh_areas a ON ST_Within(ST_Point(b.centroid_lon, b.centroid_lat), a.geometry)",
    )
    assert scalar(con, "SELECT count(*) FILTER (WHERE in_dh_area) FROM buildings") == inside
    return n


def assert_ids_exist(con) -> None:
    """Every district id used by buildings, cells, areas and aggregates is a district of the database."""
    known = set(query(con, "SELECT district_id FROM districts")["district_id"])
    for sql in (
        "SELECT DISTINCT statbez_id FROM buildings",
        "SELECT DISTINCT stadtbezirk_id FROM buildings",
        "SELECT DISTINCT statbez_id FROM grid_cells",
        "SELECT DISTINCT statbez_id FROM dh_areas",
        "SELECT DISTINCT district_id FROM agg_district",
    ):
        used = set(query(con, sql).iloc[:, 0])
        assert used <= known, (sql, sorted(used - known))


def reading(db: Path):
    """A read-only connection to use in a with-block (one per check: loading spatial takes a moment)."""
    return connect(db, read_only=True)


def test_the_tiny_database_is_consistent(tiny_db):
    """The checks above hold for the build itself, so they can tell when an import breaks them."""
    with reading(tiny_db) as con:
        assert assert_derived_consistent(con) == int(scalar(con, "SELECT value FROM meta WHERE key = 'n_buildings'"))
        assert_ids_exist(con)
        assert scalar(con, "SELECT count(*) FROM import_log") == 0


def test_import_districts(tiny_db, tmp_path):
    g = districts_frame()
    canon = gpd.GeoDataFrame(
        {"level": "statbez", "code": g["statbez_nr"], "name": g["statbez_name"] + " (neu)", "parent_code": "10"},
        geometry=g.geometry,
        crs=4326,
    ).to_crs(25832)
    path = write(canon, tmp_path / "bezirke_neu.parquet")
    with reading(tiny_db) as con:
        built = query(con, "SELECT district_id, area_ha FROM districts").set_index("district_id")["area_ha"]
        n_before = scalar(con, "SELECT count(*) FROM buildings")
    assert import_file("districts", path, tiny_db).n_imported == 6
    with reading(tiny_db) as con:
        assert_logged(con, "districts", path, 6)
        d = query(con, "SELECT * EXCLUDE (geometry) FROM districts ORDER BY district_id")
        statbez = d[d["level"] == "statbez"]
        assert statbez["name"].tolist() == [n + " (neu)" for n in g.sort_values("statbez_nr")["statbez_name"]]
        assert set(statbez["source_id"]) == {"import:bezirke_neu.parquet"}
        assert set(statbez["parent_id"]) == {"stadtbezirk-10"}
        assert set(d.loc[d["level"] != "statbez", "source_id"]) == {"do_districts"}  # the other levels are kept
        # written in EPSG:25832, read back to 4326: the areas match the build's
        assert statbez.set_index("district_id")["area_ha"].to_dict() == pytest.approx(built[statbez["district_id"]].to_dict(), rel=1e-4)
        assert assert_derived_consistent(con) == n_before
        assert_ids_exist(con)


def test_a_city_boundary_import_names_the_city_for_reports_and_the_portfolio(tiny_db, tmp_path):
    import portfolio as pf

    g = districts_frame()
    city = gpd.GeoDataFrame({"level": ["city"], "code": ["05911000"], "name": ["Bochum"]}, geometry=[g.union_all()], crs=4326)
    with reading(tiny_db) as con:
        assert scalar(con, "SELECT value FROM meta WHERE key = 'city_name'") == "Dortmund"
    import_file("districts", write(city, tmp_path / "stadtgrenze_bochum.geojson"), tiny_db)
    with reading(tiny_db) as con:
        assert scalar(con, "SELECT value FROM meta WHERE key = 'city_name'") == "Bochum"
    # a statistische-Bezirke file without the city row leaves the name as it is
    statbez = gpd.GeoDataFrame(
        {"level": "statbez", "code": g["statbez_nr"], "name": g["statbez_name"], "parent_code": "10"}, geometry=g.geometry, crs=4326
    )
    import_file("districts", write(statbez, tmp_path / "bezirke.geojson"), tiny_db)
    with reading(tiny_db) as con:
        assert scalar(con, "SELECT value FROM meta WHERE key = 'city_name'") == "Bochum"
        portfolio = pf.open_portfolio(tmp_path / "portfolio.duckdb", warehouse=con)
        assert pf.seed_note(portfolio) == "no default projects: they are Dortmund's and this warehouse is Bochum's"


def test_import_zensus_cells(tiny_db, tmp_path):
    c = census_frame()
    c = c[c["statbez_nr"] == "710"]
    path = write_csv(c, tmp_path / "zellen_boevinghausen.csv")
    with reading(tiny_db) as con:
        n_before = scalar(con, "SELECT count(*) FROM buildings")
    assert import_file("zensus-cells", path, tiny_db).n_imported == len(c) == 100
    with reading(tiny_db) as con:
        assert_logged(con, "zensus-cells", path, len(c))
        cells = query(con, "SELECT * FROM census_cells ORDER BY cell_id")
        assert cells["cell_id"].tolist() == sorted(c["gitter_id_100m"])
        assert set(cells["source_id"]) == {"import:zellen_boevinghausen.csv"}
        expected = c.set_index("gitter_id_100m")["geb_gesamt_publ"].astype(int)
        assert cells.set_index("cell_id")["geb_gesamt_publ"].to_dict() == expected.to_dict()
        first = json.loads(cells["counts_json"].iloc[0])
        assert first["geb_heiz_fernheizung"] == int(c.set_index("gitter_id_100m").loc[cells["cell_id"].iloc[0], "geb_heiz_fernheizung"])
        # the buildings stay (they are not regenerated) and keep their grid cells
        assert assert_derived_consistent(con) == n_before
        assert_ids_exist(con)


def test_import_dh_areas(tiny_db, tmp_path):
    g = dh_frame().head(3).rename(columns={"zone_id": "dh_area_id"})
    g["name"] = ["Nord", "Mitte", "Süd"]
    g["network_id"] = ["fn_scharnhorst", "dew21", "dew21"]
    path = write(g.to_crs(25832), tmp_path / "fernwaerme.gpkg")
    with reading(tiny_db) as con:
        in_dh_before = scalar(con, "SELECT count(*) FILTER (WHERE in_dh_area) FROM buildings")
        built_area = query(con, "SELECT dh_area_id, area_ha FROM dh_areas").set_index("dh_area_id")["area_ha"]
    assert import_file("dh-areas", path, tiny_db).n_imported == 3
    with reading(tiny_db) as con:
        assert_logged(con, "dh-areas", path, 3)
        areas = query(con, "SELECT * EXCLUDE (geometry) FROM dh_areas ORDER BY dh_area_id").set_index("dh_area_id")
        assert areas.index.tolist() == sorted(g["dh_area_id"])
        assert areas["name"].to_dict() == dict(zip(g["dh_area_id"], g["name"]))
        assert areas["network_id"].to_dict() == dict(zip(g["dh_area_id"], g["network_id"]))
        assert not areas["is_proxy"].any() and set(areas["source_id"]) == {"import:fernwaerme.gpkg"}
        assert areas["area_ha"].to_dict() == pytest.approx(built_area[areas.index].to_dict(), rel=1e-6)
        by_area = query(con, "SELECT dh_area_id, count(*) AS n FROM buildings WHERE in_dh_area GROUP BY ALL")
        assert set(by_area["dh_area_id"]) <= set(g["dh_area_id"]) and 0 < by_area["n"].sum() < in_dh_before
        assert scalar(con, "SELECT count(*) FROM buildings WHERE in_dh_area AND dh_network_id = 'fn_scharnhorst'") > 0
        assert_derived_consistent(con)


def test_import_buildings(tiny_db, tmp_path):
    g = buildings_frame()
    path = write(g, tmp_path / "gebaeude.geojson")
    n = import_file("buildings", path, tiny_db).n_imported
    assert n == len(g) == 111
    with reading(tiny_db) as con:
        assert_logged(con, "buildings", path, n)
        assert assert_derived_consistent(con) == n
        assert_ids_exist(con)
        b = query(con, "SELECT * EXCLUDE (footprint) FROM buildings ORDER BY building_id").set_index("building_id")
        city = query(con, "SELECT n_buildings, n_synthetic, n_gas FROM agg_district WHERE level = 'city'").iloc[0]
    assert sorted(b.index) == sorted(g["building_id"])
    assert set(b["provenance"]) == {"real"} and set(b["geometry_source"]) == {"import"}
    assert set(b["source_id"]) == {"import:gebaeude.geojson"}
    assert set(b["statbez_id"]) == {"statbez-710"}  # the OSM sample lies in Bövinghausen
    src = g.set_index("building_id")
    assert b["construction_year"].to_dict() == src["construction_year"].to_dict()
    assert b["carrier"].to_dict() == src["carrier"].to_dict()
    assert b["storeys"].to_dict() == src["storeys"].to_dict()
    # one area given, the other derived with the model's ratio (the same factor for every building)
    ratio = b["heated_area_m2"] / b["living_area_m2"]
    assert ratio.min() == pytest.approx(ratio.max())
    given = src.index[src["heated_area_m2"].notna()]
    assert 0 < len(given) < len(src)
    assert b.loc[given, "heated_area_m2"].to_dict() == pytest.approx(src.loc[given, "heated_area_m2"].to_dict())
    assert (b["h3_r9"].str.len() == 15).all()
    assert (city["n_buildings"], city["n_synthetic"], city["n_gas"]) == (n, 0, (g["carrier"] == "gas").sum())


def test_imports_are_logged_one_after_another(tiny_db, tmp_path):
    dh = write(dh_frame().head(2), tmp_path / "fw.geojson")
    cells = write_csv(census_frame().head(50), tmp_path / "z.csv")
    assert import_file("dh-areas", dh, tiny_db).n_imported == 2
    assert import_file("zensus-cells", cells, tiny_db).n_imported == 50
    with reading(tiny_db) as con:
        log = query(con, "SELECT kind, file_name, n_rows FROM import_log ORDER BY imported_at")
        assert log.values.tolist() == [["dh-areas", "fw.geojson", 2], ["zensus-cells", "z.csv", 50]]
        assert scalar(con, "SELECT count(*) FROM dh_areas") == 2
        assert_derived_consistent(con)


def test_buildings_with_some_storeys_unknown_are_imported(tiny_db, tmp_path):
    g = buildings_frame()
    g["storeys"] = g["storeys"].astype(float)
    g.loc[3, "storeys"] = np.nan
    path = write(g, tmp_path / "gebaeude_ohne_geschosse.geojson")
    assert import_file("buildings", path, tiny_db).n_imported == len(g)


def test_districts_import_reassigns_every_building(tiny_db, tmp_path):
    g = districts_frame()
    merged = g[g["statbez_nr"].isin(["710", "720"])].union_all()
    rest = g[~g["statbez_nr"].isin(["710", "720"])]
    canon = gpd.GeoDataFrame(
        {
            "level": "statbez",
            "code": ["701", *rest["statbez_nr"]],
            "name": ["Bövinghausen-Kley", *rest["statbez_name"]],
            "parent_code": "10",
        },
        geometry=[merged, *rest.geometry],
        crs=4326,
    )
    path = write(canon, tmp_path / "bezirke_zusammengelegt.geojson")
    with reading(tiny_db) as con:
        n_before = scalar(con, "SELECT count(*) FROM buildings")
    assert import_file("districts", path, tiny_db).n_imported == 5
    with reading(tiny_db) as con:
        assert assert_derived_consistent(con) == n_before
        assert_ids_exist(con)


def test_dh_areas_import_sets_their_district(tiny_db, tmp_path):
    path = write(dh_frame().head(3), tmp_path / "fw.geojson")
    import_file("dh-areas", path, tiny_db)
    with reading(tiny_db) as con:
        assert scalar(con, "SELECT count(statbez_id) FROM dh_areas") == 3


def test_stadtbezirke_import_keeps_the_city_as_parent(tiny_db, tiny_city):
    assert import_file("districts", tiny_city / FILES["stadtbezirke"], tiny_db).n_imported == 1
    with reading(tiny_db) as con:
        assert scalar(con, "SELECT parent_id FROM districts WHERE district_id = 'stadtbezirk-10'") == "city-05913000"


# ---------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("kind", "make", "start"),
    [
        ("buildings", _buildings_year_3019, "- b_year.geojson, row 2, column construction_year: 3019 is outside 1500..2030"),
        ("zensus-cells", KIND_CASES[("zensus-cells", "malformed-gitter-id")], "- cells.csv, row 5, column gitter_id_100m: "),
        ("districts", lambda t: _no_crs("districts", t, ".gpkg"), "- districts_nocrs.gpkg: has no coordinate reference system"),
    ],
    ids=["buildings-year", "cells-id", "districts-no-crs"],
)
def test_cli_refuses_with_exit_code_2(kind, make, start, tiny_db, tmp_path):
    path, _ = make(tmp_path)
    before = sha256(tiny_db)
    r = run_heatdb("import", kind, str(path), "--db", str(tiny_db))
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert r.stderr.startswith("error: 1 problem(s) found:\n"), r.stderr
    assert r.stderr.splitlines()[1].startswith(start), r.stderr
    assert r.stderr.rstrip().endswith(UNCHANGED) and "Traceback" not in r.stderr
    assert sha256(tiny_db) == before
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]


def test_cli_missing_database_exits_3(tmp_path):
    path = write(dh_frame(), tmp_path / "fw.geojson")
    missing = tmp_path / "nowhere.duckdb"
    r = run_heatdb("import", "dh-areas", str(path), "--db", str(missing))
    assert r.returncode == 3, r.stderr
    assert "does not exist" in r.stderr and "python -m heatdb build" in r.stderr
    assert not missing.exists()
    with pytest.raises(DatabaseError):
        import_file("dh-areas", path, missing)


def test_unknown_kind_is_refused(tiny_db, tmp_path):
    path = write(dh_frame(), tmp_path / "fw.geojson")
    before = sha256(tiny_db)
    with pytest.raises(
        ImportValidationError, match="unknown kind 'heat-networks'; use one of districts, zensus-cells, dh-areas, buildings"
    ):
        import_file("heat-networks", path, tiny_db)
    assert sha256(tiny_db) == before
    r = run_heatdb("import", "heat-networks", str(path), "--db", str(tiny_db))
    assert r.returncode == 2 and "invalid choice: 'heat-networks'" in r.stderr
    assert sha256(tiny_db) == before


def test_cli_import_then_info(tiny_db, tmp_path):
    g = buildings_frame().head(40)
    path = write(g.to_crs(25832), tmp_path / "gebaeude_utm.geojson")  # a GeoJSON that declares EPSG:25832
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"imported 40 rows of buildings from gebaeude_utm.geojson into {tiny_db}"
    r = run_heatdb("info", "--db", str(tiny_db), "--format", "json")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    rows = {t["table"]: t["rows"] for t in info["tables"]}
    assert rows["import_log"] == 1 and rows["buildings"] == rows["building_balance"] == rows["hp_potential"] == 40
    assert "import:gebaeude_utm.geojson" in {s["source_id"] for s in info["sources"]}
    with reading(tiny_db) as con:
        log = query(con, "SELECT kind, file_name, sha256 FROM import_log").iloc[0].tolist()
        assert log == ["buildings", "gebaeude_utm.geojson", sha256(path)]
        assert scalar(con, "SELECT n_buildings FROM agg_district WHERE level = 'city'") == 40
        # the footprints were converted from EPSG:25832: the building is where the OSM footprint is
        first = query(con, "SELECT centroid_lon, centroid_lat FROM buildings WHERE building_id = ?", [g["building_id"].iloc[0]]).iloc[0]
    c = g.geometry.iloc[0].centroid
    assert (first["centroid_lon"], first["centroid_lat"]) == pytest.approx((c.x, c.y), abs=1e-6)


# ---------------------------------------------------------------- interrupted imports and builds


def _good_file(kind: str, tmp: Path) -> Path:
    if kind == "zensus-cells":
        return write_csv(census_frame().head(200), tmp / "z.csv")
    if kind == "buildings":
        return write(buildings_frame().head(30), tmp / "b.geojson")
    if kind == "dh-areas":
        return write(dh_frame().head(4), tmp / "fw.geojson")
    return write(districts_frame(), tmp / "d.geojson")


@pytest.mark.parametrize("kind", ["districts", "zensus-cells", "dh-areas", "buildings"])
def test_interrupted_import_leaves_the_database_unchanged(kind, tiny_db, tmp_path, monkeypatch):
    path = _good_file(kind, tmp_path)
    calls = []

    def crash(con, params):
        calls.append(con.execute("SELECT count(*) FROM buildings").fetchone()[0])  # the copy was being changed
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(derive, "compute_aggregates", crash)
    before = sha256(tiny_db)
    with pytest.raises(RuntimeError, match="simulated"):
        import_file(kind, path, tiny_db)
    assert len(calls) == 1
    assert sha256(tiny_db) == before
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]
    with reading(tiny_db) as con:
        assert scalar(con, "SELECT count(*) FROM import_log") == 0


def test_import_stopped_by_ctrl_c_leaves_the_database_unchanged(tiny_db, tmp_path, monkeypatch):
    import imports.buildings

    path = _good_file("buildings", tmp_path)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(imports.buildings, "write_frame", interrupt)
    before = sha256(tiny_db)
    with pytest.raises(KeyboardInterrupt):
        import_file("buildings", path, tiny_db)
    assert sha256(tiny_db) == before
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]


def _crash_hp_potential(monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("killed during the build (simulated)")

    monkeypatch.setattr(derive, "compute_hp_potential", crash)


def test_interrupted_build_keeps_the_existing_database(tiny_db, tiny_city, monkeypatch):
    from heatdb.build import build_database

    _crash_hp_potential(monkeypatch)
    before = sha256(tiny_db)
    with pytest.raises(RuntimeError, match="simulated"):
        build_database(tiny_db, source_dir=tiny_city, progress=False)
    assert sha256(tiny_db) == before
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]
    assert not list(tiny_db.parent.glob("*.tmp-*"))


def test_interrupted_build_leaves_no_file(tmp_path, tiny_city, monkeypatch):
    from heatdb.build import build_database

    _crash_hp_potential(monkeypatch)
    out = tmp_path / "new" / "city.duckdb"
    with pytest.raises(RuntimeError, match="simulated"):
        build_database(out, source_dir=tiny_city, progress=False)
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


def test_an_import_gives_a_new_data_version(tiny_db, tiny_city):
    def version():
        return data_version_of(tiny_db)

    before = version()
    import_file("dh-areas", tiny_city / FILES["dh_proxy"], tiny_db)
    after = version()
    assert after != before and len(after) == 12
    other = write(dh_frame().head(3), tiny_db.parent.parent / "fw3.geojson")
    import_file("dh-areas", other, tiny_db)
    third = version()
    assert third not in (before, after)  # every import that changes the data is a new state
    import_file("dh-areas", tiny_city / FILES["dh_proxy"], tiny_db)  # the first file again: not the latest, so imported
    assert version() not in (before, after, third)

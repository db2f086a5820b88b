"""Generated malformed files (hypothesis): truncated, wrong encoding, wrong delimiter, swapped
coordinates, self-intersecting polygons, NaN, infinite and negative values, a 10 MB single line.

Each must give an ImportValidationError whose report names the file and whose problems each name it,
never another exception and never the catch-all for a reader that crashed; the database stays byte
for byte as it was and no file is left next to it.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from heatdb.errors import ImportValidationError
from tests.factories import buildings_frame, census_frame, dh_frame, run_import, sha256

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
CRASHED = re.compile(r"cannot be read \(\w+(Error|Exception)\b")  # imports.registry._read's catch-all for a reader bug
BOW_TIE = [(7.33, 51.50), (7.34, 51.51), (7.34, 51.50), (7.33, 51.51), (7.33, 51.50)]
# minutes of generated files: `make test` runs them, the inner loop (`make test-fast`) does not
pytestmark = pytest.mark.fuzz
HK_LINE = "N;DENW12345678901A;A;05;9;13;000;0000;01234;{hnr};;32386123,456;5709876,543;Bövinghauser Straße;44388;Dortmund;;Bövinghausen"


@pytest.fixture(scope="module")
def db(tiny_db_template, tmp_path_factory) -> Path:
    """One copy of the tiny database for every example: none of them may change it."""
    folder = tmp_path_factory.mktemp("malformed_db")
    target = folder / "tiny.duckdb"
    shutil.copyfile(tiny_db_template, target)
    return target


@cache
def _digest_before(db: Path) -> str:
    return sha256(db)


def assert_refused_cleanly(kind: str, name: str, content: bytes, db: Path, **kwargs) -> ImportValidationError:
    before = _digest_before(db)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        with pytest.raises(ImportValidationError) as info:
            run_import(kind, path, db, **kwargs)
    err = info.value
    assert err.problems
    for lang in ("en", "de"):
        assert name in err.report(lang)
    for p in err.problems:
        assert p.file == name, p
        assert not CRASHED.match(p.problem_en), p.problem_en
        assert p.problem_en and p.problem_de and p.fix_en and p.fix_de
    assert sha256(db) == before
    assert [p.name for p in db.parent.iterdir()] == [db.name]
    return err


# ---------------------------------------------------------------- the valid files that get broken


@cache
def buildings_geojson() -> bytes:
    g = buildings_frame().head(25)
    return g.to_json(drop_id=True, default=str).encode("utf-8")


@cache
def dh_geojson() -> bytes:
    return dh_frame().head(6).to_json(drop_id=True, default=str).encode("utf-8")


@cache
def census_csv() -> str:
    return census_frame().head(40).to_csv(index=False)


@cache
def binary_file(kind: str) -> bytes:
    """A valid GeoPackage, GeoParquet or zipped Shapefile of the dh areas, or the filled projects template."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        g = dh_frame().head(6)[["zone_id", "n_zellen", "geometry"]]
        if kind == "gpkg":
            g.to_file(folder / "x.gpkg")
            return (folder / "x.gpkg").read_bytes()
        if kind == "parquet":
            g.to_parquet(folder / "x.parquet")
            return (folder / "x.parquet").read_bytes()
        if kind == "zip":
            import zipfile

            g.to_file(folder / "x.shp")
            with zipfile.ZipFile(folder / "x.zip", "w") as z:
                for part in folder.glob("x.*"):
                    if part.suffix != ".zip":
                        z.write(part, part.name)
            return (folder / "x.zip").read_bytes()
        from portfolio.files import write_templates

        _, xlsx = write_templates(folder)
        return xlsx.read_bytes()


KIND_OF = {"gpkg": ("dh-areas", ".gpkg"), "parquet": ("dh-areas", ".parquet"), "zip": ("dh-areas", ".zip"), "xlsx": ("projects", ".xlsx")}


# ---------------------------------------------------------------- truncated


@SETTINGS
@given(data=st.data())
def test_truncated_geojson(db, data):
    raw = buildings_geojson()
    cut = data.draw(st.integers(1, len(raw.rstrip()) - 1), label="cut")
    assert_refused_cleanly("buildings", "gebaeude.geojson", raw[:cut], db)


@SETTINGS
@given(data=st.data(), fmt=st.sampled_from(sorted(KIND_OF)))
def test_truncated_binary_formats(db, data, fmt):
    """GeoPackage, GeoParquet, zipped Shapefile and XLSX: their index sits at the end, any cut breaks them."""
    raw = binary_file(fmt)
    kind, suffix = KIND_OF[fmt]
    cut = data.draw(st.integers(1, len(raw) - 1), label="cut")
    if fmt == "gpkg":
        cut = min(cut, 8192)  # SQLite keeps its pages' content to the end; a file shorter than the first tables is always broken
    assert_refused_cleanly(kind, f"daten{suffix}", raw[:cut], db, portfolio=db.parent.parent / "nie.duckdb")
    assert not (db.parent.parent / "nie.duckdb").exists()


@SETTINGS
@given(data=st.data())
def test_csv_truncated_inside_a_row(db, data):
    """Cut after a separator in the middle of a data row: the row lacks its later columns."""
    text = census_csv()
    lines = text.splitlines(keepends=True)
    i = data.draw(st.integers(1, len(lines) - 1), label="row")
    commas = [m.start() for m in re.finditer(",", lines[i])]
    j = data.draw(st.integers(0, len(commas) - 3), label="comma")
    start = sum(len(x) for x in lines[:i])
    assert_refused_cleanly("zensus-cells", "zellen.csv", text[: start + commas[j] + 1].encode("utf-8"), db)


# ---------------------------------------------------------------- encoding and delimiter


@SETTINGS
@given(
    encoding=st.sampled_from(["utf-16", "utf-16-be", "cp1252", "latin-1", "utf-32"]), kind=st.sampled_from(["buildings", "zensus-cells"])
)
def test_wrong_encoding(db, encoding, kind):
    if kind == "buildings":
        text = buildings_geojson().decode("utf-8").replace('"building_type"', '"building_type", "name": "Bövinghauser Straße"', 1)
        name = "gebaeude.geojson"
    else:
        text, name = census_csv(), "zellen.csv"
        text = text.replace("\n", ",Bövinghausen\n", 1) if "ö" not in text else text
    raw = text.encode(encoding, errors="replace")
    assert_refused_cleanly(kind, name, raw, db)


@SETTINGS
@given(sep=st.sampled_from([";", "\t", "|"]))
def test_census_with_the_wrong_delimiter(db, sep):
    text = census_csv().replace(",", sep)
    err = assert_refused_cleanly("zensus-cells", "zellen.csv", text.encode("utf-8"), db)
    assert not err.skippable and "separated by" in err.problems[0].problem_en


@SETTINGS
@given(sep=st.sampled_from([",", "\t", "|"]), n=st.integers(1, 5))
def test_house_coordinates_with_the_wrong_delimiter(db, sep, n):
    text = "\n".join(HK_LINE.format(hnr=k + 1).replace(";", sep) for k in range(n))
    assert_refused_cleanly("addresses", "hk.txt", text.encode("utf-8"), db)


# ---------------------------------------------------------------- geometry


@SETTINGS
@given(rows=st.sets(st.integers(0, 24), min_size=1, max_size=6), kind=st.sampled_from(["buildings", "dh-areas"]))
def test_swapped_coordinates(db, rows, kind):
    data = json.loads(buildings_geojson() if kind == "buildings" else dh_geojson())
    rows = {r % len(data["features"]) for r in rows}
    for r in rows:
        geom = shapely.geometry.shape(data["features"][r]["geometry"])
        data["features"][r]["geometry"] = shapely.geometry.mapping(shapely.transform(geom, lambda xy: xy[:, ::-1]))
    err = assert_refused_cleanly(kind, "vertauscht.geojson", json.dumps(data).encode("utf-8"), db)
    assert {p.row for p in err.problems} == {r + 1 for r in rows}
    assert all("outside Germany" in p.problem_en for p in err.problems)


@SETTINGS
@given(rows=st.sets(st.integers(0, 24), min_size=1, max_size=6))
def test_self_intersecting_polygons(db, rows):
    data = json.loads(buildings_geojson())
    for r in rows:
        data["features"][r]["geometry"] = {"type": "Polygon", "coordinates": [BOW_TIE]}
    err = assert_refused_cleanly("buildings", "schleife.geojson", json.dumps(data).encode("utf-8"), db)
    assert {(p.row, p.column) for p in err.problems} == {(r + 1, "geometry") for r in rows}
    assert err.skippable


# ---------------------------------------------------------------- NaN, infinite and negative values


BAD_NUMBERS = st.one_of(st.just(float("nan")), st.just(float("inf")), st.just(float("-inf")), st.floats(-1e9, -0.001, allow_nan=False))


@SETTINGS
@given(
    cells=st.lists(
        st.tuples(st.integers(0, 24), st.sampled_from(["construction_year", "living_area_m2", "storeys", "heated_area_m2"]), BAD_NUMBERS),
        min_size=1,
        max_size=5,
    )
)
def test_nan_infinite_and_negative_building_values(db, cells):
    data = json.loads(buildings_geojson())
    expected = set()
    for r, col, value in cells:
        if np.isnan(value) and col != "construction_year":
            col = "construction_year"  # NaN reads as an empty cell: a problem only where a value is required
        data["features"][r]["properties"][col] = value
        expected.add(r + 1)
    text = json.dumps(data, allow_nan=True)  # NaN and Infinity as many tools write them
    err = assert_refused_cleanly("buildings", "zahlen.geojson", text.encode("utf-8"), db)
    assert expected <= {p.row for p in err.problems}


@SETTINGS
@given(
    cells=st.lists(
        st.tuples(
            st.integers(0, 39),
            st.sampled_from(["geb_gesamt_publ", "whg_gesamt_publ", "geb_heiz_fernheizung"]),
            st.sampled_from(["nan", "NaN", "inf", "-1", "-0.5", "1e400", "3,5"]),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_nan_infinite_and_negative_census_counts(db, cells):
    frame = census_frame().head(40)
    for r, col, value in cells:
        frame.loc[r, col] = value
    text = frame.to_csv(index=False)
    err = assert_refused_cleanly("zensus-cells", "zellen.csv", text.encode("utf-8"), db)
    assert {(p.row, p.column) for p in err.problems} == {(r + 1, col) for r, col, _ in cells}


# ---------------------------------------------------------------- a 10 MB single line


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["zensus-cells", "addresses", "buildings", "projects"]), char=st.sampled_from(["x", "9", ";", ","]))
# ten million separators once kept the CSV parsers busy for minutes (found by this test): always tried
@example(kind="zensus-cells", char=",")
@example(kind="addresses", char=";")
@example(kind="projects", char=",")
def test_a_ten_megabyte_single_line(db, kind, char):
    line = (char * (10 * 1024 * 1024)).encode("ascii")
    if kind == "zensus-cells":
        content, name = census_csv().splitlines()[0].encode() + b"\n" + line, "zellen.csv"
    elif kind == "addresses":
        content, name = line, "hk.txt"
    elif kind == "projects":
        content, name = line, "projekte.csv"
    else:
        data = json.loads(buildings_geojson())
        data["features"][3]["properties"]["building_id"] = line.decode()
        content, name = json.dumps(data, separators=(",", ":")).encode("utf-8"), "lang.geojson"
    assert b"\n" not in content.split(b"\n", 1)[-1]
    assert_refused_cleanly(kind, name, content, db, portfolio=db.parent.parent / "nie.duckdb")

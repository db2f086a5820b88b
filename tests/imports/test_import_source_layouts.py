"""Building files in their source's own attributes (OpenStreetMap tags, ALKIS) go through the same
import as canonical files: recognised, mapped, checked, with every problem at its row of the file.

Footprints: the real OpenStreetMap sample of Bövinghausen in tests/data/tiny_city (ODbL).
"""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from heatdb.errors import ImportValidationError
from imports import import_file
from tests.factories import rows, run_heatdb, sha256

OSM_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "tiny_city" / "osm_gebaeude_stichprobe_dortmund_west.geojson"
OSM_TABLE = Path(__file__).resolve().parents[2] / "heatdb" / "params" / "osm_building_types.csv"
MIN_UNTYPED_M2 = 35  # formats.min_heated_footprint_m2


def osm_sample() -> gpd.GeoDataFrame:
    return gpd.read_file(OSM_SAMPLE)


def expected_osm_heated(g: gpd.GeoDataFrame) -> np.ndarray:
    """Heated per the tag table; untyped ('yes' or unknown tags) only from 35 m2 footprint."""
    with OSM_TABLE.open(encoding="utf-8") as f:
        heated = {r["osm_building"]: r["is_heated"] == "true" for r in csv.DictReader(f)}
    area = shapely.area(g.to_crs(3035).geometry.to_numpy())
    out = []
    for tag, a in zip(g["building"].fillna("yes"), area):
        untyped = tag not in heated or tag == "yes"
        out.append(heated.get(tag, True) and not (untyped and a < MIN_UNTYPED_M2))
    return np.array(out)


def test_an_osm_export_imports_its_heated_buildings_with_estimates_named(tiny_db):
    g = osm_sample()
    heated = expected_osm_heated(g)
    # hand check of the sample: 36 garages, 6 garages-rows, 3 sheds are among the left-out buildings
    assert not heated[g["building"].isin(["garage", "garages", "shed"]).to_numpy()].any()
    result = import_file("buildings", OSM_SAMPLE, tiny_db, licence="ODbL-1.0")
    assert result.n_imported == heated.sum() and result.n_skipped == 0
    imported = rows(
        tiny_db, "SELECT building_id, building_type, construction_year, carrier, estimated_attributes, source_id FROM buildings"
    )
    assert sorted(imported["building_id"]) == sorted(g.loc[heated, "osm_id"])
    assert set(imported["source_id"]) == {"import:" + OSM_SAMPLE.name}
    # the sample has no start_date and no heating tags: every year and carrier is estimated and says so
    assert imported["estimated_attributes"].str.contains("construction_year").all()
    assert imported["estimated_attributes"].str.contains("carrier").all()
    # apartments never become single-family houses
    apartments = set(g.loc[heated & (g["building"] == "apartments").to_numpy(), "osm_id"])
    assert set(imported.loc[imported["building_id"].isin(apartments), "building_type"]) <= {"MFH", "AB"}
    text = result.message("en")
    assert "Read as OpenStreetMap attributes." in text
    assert f"{(~heated).sum()} unheated buildings" in text
    assert f"construction_year estimated for {heated.sum()} buildings" in text
    assert "Als OpenStreetMap-Attribute gelesen." in result.message("de")
    assert rows(tiny_db, "SELECT licence FROM data_sources WHERE source_id = ?", ["import:" + OSM_SAMPLE.name]).iloc[0, 0] == "ODbL-1.0"


def alkis_layer(n: int = 30) -> gpd.GeoDataFrame:
    """ALKIS AX_Gebaeude attributes on real footprints, in ETRS89 / UTM 32N as NRW delivers them."""
    g = osm_sample()
    g = g[expected_osm_heated(g)].head(n).reset_index(drop=True)
    codes = ["31001_1010"] * 20 + ["31001_2463"] * 5 + ["31001_2020"] * 5  # houses, garages, offices
    years = [1965.0 if i % 2 == 0 else None for i in range(n)]
    return gpd.GeoDataFrame(
        {
            "gml_id": [f"DENW36AL{i:08d}" for i in range(n)],
            "gebaeudefunktion": codes[:n],
            "anzahlDerOberirdischenGeschosse": [2] * n,
            "baujahr": years,
        },
        geometry=g.geometry.to_numpy(),
        crs=4326,
    ).to_crs(25832)


def test_an_alkis_geopackage_imports_from_the_command_line(tiny_db, tmp_path):
    path = tmp_path / "hausumringe_alkis.gpkg"
    alkis_layer().to_file(path, driver="GPKG")
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db), "--licence", "dl-de/zero-2-0")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[0] == f"imported 25 rows of buildings from {path.name} into {tiny_db}"
    assert "  Read as ALKIS attributes." in lines and "  5 unheated buildings (garages, sheds, ...) left out." in lines
    b = rows(
        tiny_db, "SELECT building_id, building_type, construction_year, storeys, estimated_attributes FROM buildings ORDER BY building_id"
    )
    assert len(b) == 25
    offices = b[b["building_id"] >= "DENW36AL00000025"]
    assert (offices["building_type"] == "NR").all() and len(offices) == 5
    # the years the file gives are kept, the others estimated and named
    given = b["building_id"].str[-8:].astype(int) % 2 == 0
    assert (b.loc[given, "construction_year"] == 1965).all()
    assert not b.loc[given, "estimated_attributes"].str.contains("construction_year").any()
    assert b.loc[~given, "estimated_attributes"].str.contains("construction_year").all()
    assert (b["storeys"] == 2).all() and not b["estimated_attributes"].str.contains("storeys").any()


def test_problems_name_the_rows_of_the_file_also_after_left_out_rows(tiny_db, tmp_path):
    g = alkis_layer()
    bowtie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    x, y = g.geometry.iloc[2].centroid.coords[0]
    g.loc[2, "geometry"] = shapely.affinity.translate(bowtie, x, y)  # row 3: self-intersecting
    g.loc[6, "gebaeudefunktion"] = "31001_9876"  # row 7: no ALKIS code
    g.loc[10, "anzahlDerOberirdischenGeschosse"] = 2  # unchanged, a valid row after both
    path = tmp_path / "alkis_fehler.gpkg"
    g.to_file(path, driver="GPKG")
    before = sha256(tiny_db)
    with pytest.raises(ImportValidationError) as exc:
        import_file("buildings", path, tiny_db)
    assert sorted((p.row, p.column) for p in exc.value.problems) == [(3, "geometry"), (7, "gebaeudefunktion")]
    assert "9876" in exc.value.report("de") and "Zeile 7" in exc.value.report("de")
    assert sha256(tiny_db) == before
    result = import_file("buildings", path, tiny_db, skip_invalid=True)
    assert result.n_skipped == 2 and sorted(p.row for p in result.skipped) == [3, 7]
    assert result.n_imported == 30 - 2 - 5  # two refused rows, five garages
    ids = set(rows(tiny_db, "SELECT building_id FROM buildings")["building_id"])
    assert "DENW36AL00000002" not in ids and "DENW36AL00000006" not in ids and "DENW36AL00000010" in ids


def test_a_file_of_only_unheated_buildings_is_refused(tiny_db, tmp_path):
    g = alkis_layer()
    g["gebaeudefunktion"] = "2463"  # all garages
    path = tmp_path / "garagen.gpkg"
    g.to_file(path, driver="GPKG")
    before = sha256(tiny_db)
    with pytest.raises(ImportValidationError, match="holds no heated building"):
        import_file("buildings", path, tiny_db)
    assert sha256(tiny_db) == before


def test_a_column_mapping_file_maps_other_attribute_names_from_the_command_line(tiny_db, tmp_path):
    """E.g. the LANUV heat-demand model's columns, whose names have no built-in mapping: the planner names them."""
    g = alkis_layer().rename(
        columns={"gml_id": "GEB_ID", "gebaeudefunktion": "FKT", "baujahr": "BJ", "anzahlDerOberirdischenGeschosse": "GESCH"}
    )
    path = tmp_path / "waermebedarf_lanuv.gpkg"
    g.to_file(path, driver="GPKG")
    before = sha256(tiny_db)
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db))
    assert r.returncode == 2 and "missing column(s) building_id" in r.stderr and "GEB_ID" in r.stderr and "--mapping FILE.json" in r.stderr
    assert sha256(tiny_db) == before
    wrong = tmp_path / "falsch.json"
    wrong.write_text('{"GEBAEUDE_ID": "gml_id"}', encoding="utf-8")
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db), "--mapping", str(wrong))
    assert r.returncode == 2 and "GEBAEUDE_ID" in r.stderr and "column named in the mapping is missing" in r.stderr
    assert sha256(tiny_db) == before
    mapping = tmp_path / "lanuv.json"
    mapping.write_text(
        '{"GEB_ID": "gml_id", "FKT": "gebaeudefunktion", "BJ": "baujahr", "GESCH": "anzahlDerOberirdischenGeschosse"}', encoding="utf-8"
    )
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db), "--mapping", str(mapping))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"imported 25 rows of buildings from {path.name} into ")
    b = rows(tiny_db, "SELECT building_id, construction_year FROM buildings ORDER BY building_id")
    assert b["building_id"].iloc[0] == "DENW36AL00000000" and b["construction_year"].iloc[0] == 1965
    # the mapping is one of the import's options: the same file with the same mapping changes nothing
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db), "--mapping", str(mapping))
    assert r.returncode == 0 and "nothing changed" in r.stdout
    log = rows(tiny_db, "SELECT options FROM import_log")
    assert len(log) == 1 and '"GEB_ID": "gml_id"' in log["options"].iloc[0]


def test_a_mapping_for_another_kind_is_refused(tiny_db, tmp_path):
    with pytest.raises(ImportValidationError, match="an attribute mapping applies to buildings, not to dh-areas"):
        import_file("dh-areas", OSM_SAMPLE, tiny_db, mapping="osm")

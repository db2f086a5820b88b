"""The tiny city fixtures: reproducible from the shipped sources, small, and a working build."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from heatdb.connect import connect
from heatdb.sources import FILES, SOURCE_DIR

GENERATOR = Path(__file__).resolve().parents[1] / "data" / "make_tiny_city.py"


def test_the_generator_reproduces_the_committed_files(tiny_city, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_tiny_city", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    module.main()
    for name in FILES.values():
        assert (tmp_path / name).read_bytes() == (tiny_city / name).read_bytes(), name


def test_the_fixtures_are_small_and_licensed(tiny_city):
    sizes = {p.name: p.stat().st_size for p in tiny_city.iterdir()}
    assert set(FILES.values()) <= set(sizes)
    assert sum(sizes.values()) < 350_000
    readme = (tiny_city / "README.md").read_text(encoding="utf-8")
    assert "data/sources/dortmund/LICENCES.md" in readme and "ODbL" in readme


def test_the_cut_is_stadtbezirk_10(tiny_city):
    statbez = gpd.read_file(tiny_city / FILES["statbez"])
    assert sorted(statbez["statbez_nr"]) == ["710", "720", "730", "740", "750", "760"]
    city = gpd.read_file(tiny_city / FILES["city"])
    assert list(city.columns) == ["name", "ags", "ars", "area_km2", "geometry"] and len(city) == 1
    # every Bezirk lies in the "city" (the Stadtbezirk polygon)
    assert shapely.within(shapely.buffer(statbez.geometry.to_numpy(), -1e-4), city.geometry.iloc[0]).all()
    cells = pd.read_csv(tiny_city / FILES["census_cells"], dtype=str)
    full = pd.read_csv(SOURCE_DIR / FILES["census_cells"], dtype=str)
    assert len(cells) == full["statbez_nr"].str.startswith("7").sum() == 884
    dh = gpd.read_file(tiny_city / FILES["dh_proxy"])
    assert list(dh.columns) == list(gpd.read_file(SOURCE_DIR / FILES["dh_proxy"]).columns)
    assert dh.intersects(city.geometry.iloc[0]).all() and len(dh) == 10
    assert len(gpd.read_file(tiny_city / FILES["osm"])) == 316


def test_the_tiny_build(tiny_db_template):
    with connect(tiny_db_template, read_only=True) as con:
        levels = dict(con.execute("SELECT level, count(*) FROM districts GROUP BY ALL").fetchall())
        assert levels == {"city": 1, "stadtbezirk": 1, "statbez": 6}
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        assert meta["cells_statbez_mismatch"] == "0"  # every cell lands in the Bezirk the census gives
        n = con.execute("SELECT count(*) FROM buildings").fetchone()[0]
        assert int(meta["n_buildings"]) == n > 7000
        assert con.execute("SELECT count(*) FROM census_cells").fetchone()[0] == 884
        assert con.execute("SELECT count(*) FROM dh_areas").fetchone()[0] == 10
        assert con.execute("SELECT count(*) FROM buildings WHERE geometry_source = 'osm'").fetchone()[0] > 100
        assert con.execute("SELECT n_buildings FROM agg_district WHERE level = 'city'").fetchone()[0] == n

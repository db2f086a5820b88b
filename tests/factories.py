"""Builders the test folders share: the tiny city's warehouse, a seeded portfolio, the import files made
from the tiny city's real data, and small helpers to read a database or run the command line.

Fixtures (tests/conftest.py) call these; tests import the frame builders and helpers directly.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import warnings
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from heatdb.sources import FILES

REPO = Path(__file__).resolve().parents[1]
TINY_CITY = REPO / "tests" / "data" / "tiny_city"
OSM_RESIDENTIAL = ("house", "apartments", "detached", "semidetached_house")


# ---------------------------------------------------------------- databases


def build_warehouse(out: Path, source_dir: Path | None = None) -> Path:
    """A warehouse built into `out`: the shipped Dortmund sources, or those in `source_dir` (e.g. TINY_CITY)."""
    from heatdb.build import build_database

    if source_dir is None:
        build_database(out, progress=False)
    else:
        build_database(out, source_dir=source_dir, progress=False)
    return out


def make_portfolio(path: Path, warehouse_db: Path | None = None) -> Path:
    """A new portfolio at `path`, seeded as the app seeds it (with `warehouse_db`'s city, if given)."""
    import portfolio as pf
    from heatdb.connect import connect

    warehouse = connect(warehouse_db, read_only=True) if warehouse_db is not None else None
    try:
        pf.open_portfolio(path, warehouse=warehouse).close()
    finally:
        if warehouse is not None:
            warehouse.close()
    return path


def sha256(path: Path) -> str:
    """The file's SHA-256: a database is unchanged when this is."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def rows(db: Path, sql: str, params=()) -> pd.DataFrame:
    """A query on a database opened read-only for just this query."""
    from heatdb.connect import connect

    con = connect(db, read_only=True)
    try:
        return con.execute(sql, list(params or [])).df()
    finally:
        con.close()


def data_version_of(db: Path) -> str:
    return rows(db, "SELECT value FROM meta WHERE key = 'data_version'").iloc[0, 0]


def run_heatdb(*args: str) -> subprocess.CompletedProcess:
    """`python -m heatdb ARGS` in its own process, from the repository."""
    return subprocess.run([sys.executable, "-m", "heatdb", *args], capture_output=True, text=True, cwd=REPO, timeout=120)


def run_import(kind: str, path: Path, db: Path, *, portfolio: Path | None = None, **options):
    """Any kind the command line offers: `projects` into the portfolio (portfolio.files), the others into the warehouse."""
    from imports import import_file
    from portfolio.files import KIND as PROJECTS
    from portfolio.files import import_projects_file

    if kind == PROJECTS:
        return import_projects_file(path, portfolio, warehouse_db=db, **options)
    return import_file(kind, path, db, **options)


# ---------------------------------------------------------------- import files from the tiny city's data


@cache
def _read(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(TINY_CITY / name)


def districts_frame() -> gpd.GeoDataFrame:
    """The six statistische Bezirke of the tiny city, in the shipped Dortmund format."""
    return _read(FILES["statbez"]).copy()


def dh_frame() -> gpd.GeoDataFrame:
    """The district-heating proxy zones of the tiny city (zone_id, n_zellen, ...)."""
    return _read(FILES["dh_proxy"]).copy()


def buildings_frame() -> gpd.GeoDataFrame:
    """Residential OSM footprints of Bövinghausen with plausible attributes in the import format."""
    osm = _read(FILES["osm"])
    osm = osm[osm["building"].isin(OSM_RESIDENTIAL)].reset_index(drop=True)
    i = np.arange(len(osm))
    carriers = np.array(["gas", "oil", "heat_pump_air", "district_heating", "wood"])
    return gpd.GeoDataFrame(
        {
            "building_id": osm["osm_id"],
            "building_type": np.where(osm["building"] == "apartments", "MFH", "SFH"),
            "construction_year": 1900 + (i * 7) % 120,
            "carrier": carriers[i % len(carriers)],
            # the first half gives the living area, the second half the heated area
            "living_area_m2": np.where(i < len(osm) // 2, osm["footprint_m2"].astype(float) * 1.5, np.nan),
            "heated_area_m2": np.where(i >= len(osm) // 2, osm["footprint_m2"].astype(float) * 1.8, np.nan),
            # known levels only; a separate test imports buildings with some storeys unknown
            "storeys": pd.to_numeric(osm["building_levels"]).fillna(2).astype(np.int64),
            "street": osm["addr_street"],
        },
        geometry=osm.geometry.to_numpy(),
        crs=4326,
    )


def census_frame() -> pd.DataFrame:
    """The tiny city's Zensus 2011 cells as text, the way the import reads them."""
    return pd.read_csv(TINY_CITY / FILES["census_cells"], dtype=str, keep_default_na=False)


def write(gdf: gpd.GeoDataFrame, path: Path) -> Path:
    """Write by suffix: .geojson, .gpkg or .parquet (GeoParquet)."""
    if path.suffix == ".parquet":
        gdf.to_parquet(path)
    elif gdf.crs is None:
        # pyogrio warns that a file without CRS "may not be usable": that is the point of these files
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*'crs' was not provided", category=UserWarning)
            gdf.to_file(path)
    else:
        gdf.to_file(path)
    return path


def write_geojson_text(gdf: gpd.GeoDataFrame, path: Path, *, keep_crs_member: bool = True) -> Path:
    """A GeoJSON written as text (coordinates as they are, optionally without the 'crs' member)."""
    data = json.loads(gdf.to_json(drop_id=True, default=str))
    if not keep_crs_member:
        data.pop("crs", None)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False)
    return path


# ---------------------------------------------------------------- random model inputs


def stock_frame(seed: int, n: int = 60) -> pd.DataFrame:
    """n random buildings in three districts on one network (for the model's property tests)."""
    rng = np.random.default_rng(seed)
    carriers = np.array(["gas", "oil", "district_heating", "heat_pump_air", "electric", "wood", "coal", "lpg"])
    return pd.DataFrame(
        {
            "building_id": [f"b{i}" for i in range(n)],
            "building_type": rng.choice(["SFH", "TH", "MFH", "AB"], n),
            "construction_year": rng.integers(1880, 2012, n),
            "heated_area_m2": rng.uniform(60, 3000, n),
            "carrier": rng.choice(carriers, n),
            "retrofit": rng.choice(["none", "standard", "advanced"], n, p=[0.7, 0.2, 0.1]),
            "district_id": rng.choice(["d1", "d2", "d3"], n),
            "hp_class": rng.choice(["ground", "air", "limited", "unsuitable"], n),
            "dh_network_id": "net",
            "in_dh_area": rng.random(n) < 0.2,
            "expansion_area_id": np.where(rng.random(n) < 0.3, "E1", ""),
            "expansion_year": 2028,
        }
    )


def random_projects(rng, n: int) -> list:
    """n random measures of every type on stock_frame's districts, network and buildings."""
    from ghgmodel import Project

    types = ["dh_expansion", "hp_programme", "retrofit_programme", "dh_decarbonisation", "own_building_conversion"]
    out = []
    for i in range(n):
        kind = types[int(rng.integers(len(types)))]
        start = int(rng.integers(2025, 2032))
        common = {
            "project_id": f"p{i}",
            "name": f"P{i}",
            "owner": "X",
            "project_type": kind,
            "start_year": start,
            "end_year": start + int(rng.integers(0, 6)),
        }
        if kind == "dh_expansion":
            out.append(
                Project(**common, district_ids=(str(rng.choice(["d1", "d2", "d3"])),), connection_share_pct=float(rng.uniform(10, 80)))
            )
        elif kind == "hp_programme":
            out.append(Project(**common, district_ids=(str(rng.choice(["d1", "d2", "d3"])),), rate_pct_per_year=float(rng.uniform(1, 10))))
        elif kind == "retrofit_programme":
            out.append(
                Project(
                    **common,
                    district_ids=(str(rng.choice(["d1", "d2", "d3"])),),
                    rate_pct_per_year=float(rng.uniform(1, 5)),
                    retrofit_depth="advanced",
                )
            )
        elif kind == "dh_decarbonisation":
            out.append(Project(**common, network_id="net", heat_mwh_per_year=float(rng.uniform(100, 5000))))
        else:
            out.append(
                Project(
                    **common,
                    building_ids=tuple(f"b{j}" for j in rng.choice(60, 8, replace=False)),
                    target_system=str(rng.choice(["hp", "dh"])),
                )
            )
    return out

"""Import 1,000,000 building footprints from GeoParquet and time each part.

    python -m benchmarks.import_bench                      # make the file if missing, import into a temp copy
    python -m benchmarks.import_bench --n 200000           # a smaller run

The footprints come from the 1M benchmark database (data/bench/b1m.duckdb, built by
`python -m benchmarks.run_all --only build --sizes 1m`): its buildings are written once to
data/bench/buildings_1m.parquet (EPSG:4326, the canonical import columns), which is deterministic
because that database is. The import runs into a temporary copy of the same database, so the
import replaces 1M buildings by 1M buildings.

Timed separately: reading + validating (imports.buildings.read), writing the buildings
(imports.buildings.apply up to the derived tables), deriving (assignments, balance, heat-pump
potential, aggregates), and the whole `import_file` call (copy, apply, checkpoint, swap).
Prints one JSON line; the goal is the whole import under 120 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import machine

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "data" / "bench"
SOURCE_DB = BENCH_DIR / "b1m.duckdb"
GOAL_S = 120.0


def make_parquet(out: Path, n: int | None) -> int:
    """Write the benchmark database's buildings as a GeoParquet file in the import format."""
    import geopandas as gpd
    import shapely

    from heatdb.connect import connect

    con = connect(SOURCE_DB, read_only=True)
    try:
        limit = f"LIMIT {int(n)}" if n else ""
        df = con.execute(
            f"""SELECT building_id, ST_AsWKB(footprint) AS wkb, building_type, construction_year, carrier,
                       living_area_m2, heated_area_m2, storeys, dwellings, retrofit, heating_system
                FROM buildings ORDER BY building_id {limit}"""
        ).df()
    finally:
        con.close()
    geoms = shapely.from_wkb([bytes(w) for w in df.pop("wkb")])
    # the scaled-up synthetic cells squeeze a few buildings into 100+ storeys, which the importer rightly refuses
    df["storeys"] = df["storeys"].clip(upper=100)
    gdf = gpd.GeoDataFrame(df, geometry=geoms, crs=4326)
    gdf.to_parquet(out, index=False)
    return len(gdf)


def bench(n: int | None) -> dict:
    import imports.buildings as buildings_kind
    from heatdb import derive
    from imports import import_file

    if not SOURCE_DB.exists():
        raise SystemExit(f"{SOURCE_DB.relative_to(ROOT)} is missing: python -m benchmarks.run_all --only build --sizes 1m")
    parquet = BENCH_DIR / (f"buildings_{n}.parquet" if n else "buildings_1m.parquet")
    t0 = time.perf_counter()
    if not parquet.exists():
        make_parquet(parquet, n)
    make_s = time.perf_counter() - t0
    result: dict = {
        "machine": machine.describe(),
        "file": parquet.name,
        "file_mb": round(parquet.stat().st_size / 1e6, 1),
        "make_parquet_s": round(make_s, 1),
    }

    # time the parts by wrapping the derive steps the import calls
    parts: dict[str, float] = {}
    wrapped = {}
    for name in ("assign_cells", "assign_buildings", "compute_balance", "compute_hp_potential", "compute_aggregates"):
        fn = getattr(derive, name)

        def timed(*a, _fn=fn, _name=name, **k):
            s = time.perf_counter()
            try:
                return _fn(*a, **k)
            finally:
                parts[_name] = parts.get(_name, 0.0) + time.perf_counter() - s

        wrapped[name] = fn
        setattr(derive, name, timed)
    # the helpers the buildings import calls, timed where imports.buildings looks them up
    helpers = {}
    for name in ("transform", "h3_cells", "cell_id", "generic_probe_area", "nearest_distance_m", "write_frame", "write_grid_cells", "wkb"):
        fn = getattr(buildings_kind, name, None)
        if fn is None:
            continue

        def timed_helper(*a, _fn=fn, _name=name, **k):
            s = time.perf_counter()
            try:
                return _fn(*a, **k)
            finally:
                parts["helper:" + _name] = parts.get("helper:" + _name, 0.0) + time.perf_counter() - s

        helpers[name] = fn
        setattr(buildings_kind, name, timed_helper)
    import imports.census_fill as census_fill
    import imports.dh_expansion as expansion
    import imports.parallel_geometry as pgeo
    import imports.zensus2022 as zensus

    # imports.buildings calls these through their modules, so they are wrapped there
    modules = {"probe_and_neighbour": pgeo, "fill_from_census": census_fill, "assign_expansion": expansion, "census_distributions": zensus}
    originals = {}
    for name, mod in modules.items():
        fn = originals[name] = getattr(mod, name)

        def timed_module(*a, _fn=fn, _name=name, **k):
            s = time.perf_counter()
            try:
                return _fn(*a, **k)
            finally:
                parts["helper:" + _name] = parts.get("helper:" + _name, 0.0) + time.perf_counter() - s

        setattr(mod, name, timed_module)
    reader = buildings_kind.read
    read_s: list[float] = []

    def timed_reader(path, *a, **k):
        s = time.perf_counter()
        try:
            return reader(path, *a, **k)
        finally:
            read_s.append(time.perf_counter() - s)

    buildings_kind.read = timed_reader
    with tempfile.TemporaryDirectory(dir=BENCH_DIR) as tmp:
        db = Path(tmp) / "import.duckdb"
        shutil.copyfile(SOURCE_DB, db)
        load_before = machine.load_average()
        s = time.perf_counter()
        res = import_file("buildings", parquet, db)
        n_rows = int(getattr(res, "n_imported", res))
        total = time.perf_counter() - s
        load_after = machine.load_average()
    for name, fn in wrapped.items():
        setattr(derive, name, fn)
    for name, fn in helpers.items():
        setattr(buildings_kind, name, fn)
    for name, mod in modules.items():
        setattr(mod, name, originals[name])
    buildings_kind.read = reader
    derived = sum(v for k, v in parts.items() if not k.startswith("helper:"))
    read = sum(read_s)
    result.update(
        {
            "n_buildings": n_rows,
            "total_s": round(total, 1),
            "read_validate_s": round(read, 1),
            "write_buildings_s": round(total - read - derived, 1),
            "derive_s": round(derived, 1),
            "derive_parts_s": {k: round(v, 1) for k, v in parts.items()},
            "goal_s": GOAL_S,
            "met": total < GOAL_S,
            "load_average_before": load_before,
            "load_average_after": load_after,
        }
    )
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=None, help="import only the first N buildings (default: all of b1m)")
    ap.add_argument("--wait-idle", type=float, default=0.0, help="wait up to this many seconds for a quiet machine")
    args = ap.parse_args(argv)
    if args.wait_idle > 0:
        machine.wait_for_idle(args.wait_idle)
    res = bench(args.n)
    print(json.dumps(res, default=str), flush=True)
    print(f"import of {res['n_buildings']:,} buildings: {res['total_s']} s (goal {GOAL_S:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()

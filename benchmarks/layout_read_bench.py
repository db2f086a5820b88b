"""Read a building file in OpenStreetMap or ALKIS attributes: recognise, map, estimate, check.

    python -m benchmarks.layout_read_bench                  # 200,000 and 1,000,000 footprints, both layouts
    python -m benchmarks.layout_read_bench --n 200000 --layout osm

Times `imports.buildings.read` alone (the mapping of imports.building_formats: tag and code
tables, neighbours for the type of plain houses, census draws for year and carrier, then the
reader's checks). The import after it is the same as for a canonical file (import_bench.py).

The footprints are synthetic rectangles (8-16 m sides, seed 1) on a 25 m grid from Dortmund's
centre in EPSG:25832, written once to data/bench/; the attribute values are drawn from small lists
(OSM: house, apartments, yes, garage, detached, terrace; ALKIS: 1010, 1020, 2463, 2020), so a share
of garages is left out as in real files. Prints one JSON line per run.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from benchmarks import machine

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "data" / "bench"


def make_file(n: int, layout: str) -> Path:
    import geopandas as gpd
    import numpy as np
    import shapely

    out = BENCH_DIR / f"buildings_{layout}_{n}.parquet"
    if out.exists():
        return out
    rng = np.random.default_rng(1)
    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    x0, y0 = 385000 + (i % side) * 25.0, 5700000 + (i // side) * 25.0
    geoms = shapely.box(x0, y0, x0 + rng.uniform(8, 16, n), y0 + rng.uniform(8, 16, n))
    if layout == "osm":
        attrs = {
            "osm_id": [f"way/{k}" for k in i],
            "building": rng.choice(["house", "apartments", "yes", "garage", "detached", "terrace"], n),
            "building:levels": rng.choice(["1", "2", "3", None], n),
            "start_date": rng.choice(["1965", "1900s", "C19", None], n),
        }
    else:
        attrs = {
            "gml_id": [f"DENW{k:012d}" for k in i],
            "gebaeudefunktion": rng.choice(["31001_1010", "31001_1020", "31001_2463", "31001_2020"], n),
            "anzahlDerOberirdischenGeschosse": rng.choice([1, 2, 3, 5], n),
            "baujahr": rng.choice([1925.0, 1965.0, 1995.0, np.nan], n),
        }
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    gpd.GeoDataFrame(attrs, geometry=geoms, crs=25832).to_parquet(out, index=False)
    return out


def run(n: int, layout: str) -> dict:
    from imports.buildings import read as read_buildings

    path = make_file(n, layout)
    load_before = machine.load_average()
    t0 = time.perf_counter()
    out = read_buildings(path)
    seconds = time.perf_counter() - t0
    return {
        "benchmark": "layout_read",
        "layout": out.attrs["layout"],
        "n_features": n,
        "n_read": len(out),
        "n_unheated_dropped": out.attrs["n_unheated_dropped"],
        "read_buildings_s": round(seconds, 2),
        "load_before": load_before,
        "load_after": machine.load_average(),
        "machine": machine.describe(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="number of footprints (repeatable; default 200000 and 1000000)")
    parser.add_argument("--layout", choices=("osm", "alkis"), action="append")
    args = parser.parse_args()
    for n in args.n or [200_000, 1_000_000]:
        for layout in args.layout or ["osm", "alkis"]:
            print(json.dumps(run(n, layout)), flush=True)


if __name__ == "__main__":
    main()

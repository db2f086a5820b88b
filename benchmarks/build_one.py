"""Build one benchmark database in a process of its own and print its BuildReport as JSON.

Run by run_all in a subprocess, so that every build starts from a fresh interpreter and its peak
memory (ru_maxrss) is its own:

    python -m benchmarks.build_one --out data/bench/b1m.duckdb --scale 11.216
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from heatdb.build import build_database


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", required=True, type=float)
    ap.add_argument("--quiet", action="store_true", help="no progress bar on stderr")
    args = ap.parse_args(argv)
    if args.out.resolve() == (Path(__file__).resolve().parent.parent / "data" / "dortmund.duckdb"):
        raise SystemExit("refusing to overwrite the app's database data/dortmund.duckdb; build benchmarks into data/bench/")
    t0 = time.perf_counter()
    report = build_database(args.out, scale=args.scale, progress=not args.quiet)
    wall = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "path": str(report.path),
                "scale": args.scale,
                "seconds": report.seconds,
                "wall_seconds": wall,
                "n_buildings": report.n_buildings,
                "data_version": report.data_version,
                "step_seconds": report.step_seconds,
                "db_bytes": args.out.stat().st_size,
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()

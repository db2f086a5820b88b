"""Run the benchmark suite, write a JSON result file to benchmarks/out/ and print a markdown table.

    python -m benchmarks.run_all                          # everything, all three sizes
    python -m benchmarks.run_all --only queries,payload   # reuse databases already in data/bench/
    python -m benchmarks.run_all --sizes dortmund,200k

Databases go to data/bench/ (ignored by git); data/dortmund.duckdb is never touched. A benchmark
other than `build` reuses a database that is already there and builds it only when it is missing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from benchmarks import machine, model_bench, query_bench

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "data" / "bench"
OUT_DIR = Path(__file__).resolve().parent / "out"
DORTMUND_BUILDINGS = 89_156  # buildings at scale 1.0 (heatdb build of the shipped sources)
# size name -> (target building count, database file); the scale is target / DORTMUND_BUILDINGS
SIZES = {
    "dortmund": (DORTMUND_BUILDINGS, "dortmund.duckdb"),
    "200k": (200_000, "b200k.duckdb"),
    "1m": (1_000_000, "b1m.duckdb"),
}
BENCHMARKS = ("build", "queries", "payload", "model", "contributions", "import")
MODEL_SIZES = ("dortmund", "1m")  # the pathway is measured on these (and any other size asked for with --only model)
GOALS = {
    "build_dortmund_s": 60.0,
    "build_1m_s": 300.0,
    "query_p50_ms_1m": 50.0,
    "pathway_1m_s": 2.0,
    "payload_bytes": 5_000_000,
    "layer_features": 20_000,
    "import_1m_s": 120.0,
}


def scale_for(size: str) -> float:
    target, _ = SIZES[size]
    return round(target / DORTMUND_BUILDINGS, 4)


def db_path(size: str) -> Path:
    return BENCH_DIR / SIZES[size][1]


def run_build(size: str, *, quiet: bool) -> dict:
    """Build in a fresh interpreter (own timing, own peak memory)."""
    cmd = [sys.executable, "-m", "benchmarks.build_one", "--out", str(db_path(size)), "--scale", str(scale_for(size))]
    if quiet:
        cmd.append("--quiet")
    print(f"building {size} (scale {scale_for(size)}) ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_import() -> dict:
    """The 1M-footprint GeoParquet import (benchmarks/import_bench.py) in its own interpreter."""
    print("importing 1M footprints ...", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, "-m", "benchmarks.import_bench"], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(only: tuple[str, ...], sizes: list[str], *, reps: int, quiet: bool, wait_idle: float) -> dict:
    results: dict = {
        "machine": machine.describe(),
        "sizes": {s: {"target_buildings": SIZES[s][0], "scale": scale_for(s)} for s in sizes},
        "goals": GOALS,
    }
    loads = results["load_average"] = {}

    def section(size: str, name: str, fn, *args, **kwargs):
        if wait_idle > 0:
            results.setdefault("waits", {})[f"{size}/{name}"] = machine.wait_for_idle(wait_idle)
        print(f"{name} on {size} ...", file=sys.stderr, flush=True)
        before = machine.load_average()
        out = fn(*args, **kwargs)
        loads[f"{size}/{name}"] = {"before": before, "after": machine.load_average()}
        return out

    for size in sizes:
        res = results["sizes"][size]
        path = db_path(size)
        if "build" in only or not path.exists():
            res["build"] = section(size, "build", run_build, size, quiet=quiet)
        if "queries" in only:
            res["queries"] = section(size, "queries", query_bench.bench_queries, path, reps=reps)
        if "payload" in only:
            res["payload"] = section(size, "payload", query_bench.bench_payloads, path)
        if "model" in only and (size in MODEL_SIZES or only == ("model",)):
            res["model"] = section(size, "model", model_bench.bench_pathway, path)
        if "contributions" in only and size == "dortmund":
            res["contributions"] = section(size, "contributions", model_bench.bench_contributions, path)
        if "import" in only and size == "1m":
            res["import"] = section(size, "import", run_import)
    results["goal_status"] = goal_status(results)
    return results


def goal_status(results: dict) -> dict:
    s = results["sizes"]
    out: dict = {}

    def get(size, *keys):
        cur = s.get(size, {})
        for k in keys:
            if not isinstance(cur, dict) or k not in cur:
                return None
            cur = cur[k]
        return cur

    if (v := get("dortmund", "build", "seconds")) is not None:
        out["Dortmund build under 60 s"] = {"value": f"{v:.1f} s", "met": v < GOALS["build_dortmund_s"]}
    if (v := get("1m", "build", "seconds")) is not None:
        out["1M buildings built under 5 min"] = {"value": f"{v:.1f} s", "met": v < GOALS["build_1m_s"]}
    if (q := get("1m", "queries")) is not None:
        p50 = {k: v["p50_ms"] for k, v in q.items() if isinstance(v, dict) and v.get("kind") == "goal"}
        worst = max(p50, key=p50.get)
        out["every aggregate query p50 under 50 ms at 1M"] = {
            "value": f"worst {worst} {p50[worst]:.1f} ms",
            "met": p50[worst] < GOALS["query_p50_ms_1m"],
        }
    if (m := get("1m", "model")) is not None:
        out["full pathway for 1M buildings under 2 s (calc_pathway)"] = {
            "value": f"{m['calc_pathway_s']:.2f} s",
            "met": m["calc_pathway_s"] < GOALS["pathway_1m_s"],
        }
        out["full pathway for 1M incl. build_stock under 2 s"] = {
            "value": f"{m['stock_plus_pathway_s']:.2f} s",
            "met": m["stock_plus_pathway_s"] < GOALS["pathway_1m_s"],
        }
    for size in s:
        if (p := get(size, "payload")) is not None:
            p = {k: v for k, v in p.items() if v.get("kind", "layer") == "layer"}
            big = max(p, key=lambda k: p[k]["bytes"])
            many = max(p, key=lambda k: p[k]["features"])
            out[f"map payload under 5 MB ({size})"] = {
                "value": f"largest {big} {p[big]['bytes'] / 1e6:.2f} MB (all layers {sum(v['bytes'] for v in p.values()) / 1e6:.2f} MB)",
                "met": all(v["bytes"] < GOALS["payload_bytes"] for v in p.values()),
            }
            out[f"no layer over 20,000 features ({size})"] = {
                "value": f"most {many} {p[many]['features']}",
                "met": all(v["features"] <= GOALS["layer_features"] for v in p.values()),
            }
    if (v := get("1m", "import", "total_s")) is not None:
        out["1M footprints imported from GeoParquet under 2 min"] = {"value": f"{v:.1f} s", "met": v < GOALS["import_1m_s"]}
    return out


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['cpu_model']}, {m['usable_cores']} cores, {m['ram_gib']} GiB RAM, Python {m['python']}, duckdb {m['duckdb']}, "
        f"numpy {m['numpy']}, pandas {m['pandas']}, commit {m['commit']}"
        + (f" + uncommitted changes to {', '.join(m['uncommitted'])}" if m["uncommitted"] else "")
        + f", {m['date']}",
        "Load average (1 min) before/after each benchmark: "
        + ", ".join(f"{k} {v['before'][0]:.1f}/{v['after'][0]:.1f}" for k, v in results.get("load_average", {}).items() if v["before"]),
        "",
    ]
    sizes = results["sizes"]
    builds = {k: v["build"] for k, v in sizes.items() if "build" in v}
    if builds:
        steps = list(next(iter(builds.values()))["step_seconds"])
        lines += ["| Build | " + " | ".join(builds) + " |", "|---|" + "---:|" * len(builds)]
        lines.append("| buildings | " + " | ".join(f"{b['n_buildings']:,}" for b in builds.values()) + " |")
        lines.append("| scale | " + " | ".join(f"{b['scale']:g}" for b in builds.values()) + " |")
        lines.append("| **total (s)** | " + " | ".join(f"**{b['seconds']:.1f}**" for b in builds.values()) + " |")
        for st in steps:
            lines.append(f"| {st} (s) | " + " | ".join(f"{b['step_seconds'].get(st, float('nan')):.1f}" for b in builds.values()) + " |")
        lines.append("| DB file (MB) | " + " | ".join(f"{b['db_bytes'] / 1e6:.0f}" for b in builds.values()) + " |")
        lines.append("| peak RSS (MiB) | " + " | ".join(f"{b['peak_rss_mib']:.0f}" for b in builds.values()) + " |")
        lines.append("")
    qs = {k: v["queries"] for k, v in sizes.items() if "queries" in v}
    if qs:
        names = [n for n in next(iter(qs.values())) if not n.startswith("_")]
        lines += ["| Query p50 / p95 (ms) | " + " | ".join(qs) + " |", "|---|" + "---:|" * len(qs)]
        for n in names:
            kind = next(iter(qs.values()))[n]["kind"]
            star = "" if kind == "goal" else f" ({kind}, not in the goal)"
            lines.append(f"| {n}{star} | " + " | ".join(f"{q[n]['p50_ms']:.1f} / {q[n]['p95_ms']:.1f}" for q in qs.values()) + " |")
        lines.append("")
    ps = {k: v["payload"] for k, v in sizes.items() if "payload" in v}
    if ps:
        names = list(next(iter(ps.values())))
        lines += ["| Payload: compact JSON (features) | " + " | ".join(ps) + " |", "|---|" + "---:|" * len(ps)]
        for n in names:
            suffix = "" if next(iter(ps.values()))[n].get("kind", "layer") == "layer" else " (diagnostic, not in the goal)"
            lines.append(
                f"| {n}{suffix} | " + " | ".join(f"{p[n]['bytes'] / 1e6:.2f} MB ({p[n]['features']:,})" for p in ps.values()) + " |"
            )
        lines.append("")
    ms = {k: v["model"] for k, v in sizes.items() if "model" in v}
    if ms:
        lines += ["| Model (median of 5) | " + " | ".join(ms) + " |", "|---|" + "---:|" * len(ms)]
        for key, label, f in (
            ("n_buildings", "buildings", "{:,}"),
            ("n_groups", "groups", "{:,}"),
            ("stock_for_model_s", "stock_for_model query (s)", "{:.2f}"),
            ("build_stock_s", "build_stock (s)", "{:.2f}"),
            ("calc_pathway_s", "calc_pathway (s)", "{:.2f}"),
            ("stock_plus_pathway_s", "build_stock + calc_pathway (s)", "{:.2f}"),
        ):
            lines.append(f"| {label} | " + " | ".join(f.format(v[key]) for v in ms.values()) + " |")
        lines.append("")
    c = sizes.get("dortmund", {}).get("contributions")
    if c:
        comps = "; ".join(f"{k}: {', '.join(v)} ({c['methods'][k]})" for k, v in c["components"].items())
        lines += [
            "| Contributions (Dortmund) | |",
            "|---|---|",
            f"| projects / groups | {c['n_projects']} / {c['n_groups']:,} |",
            f"| calc_contributions, 3 variants (s) | {c['calc_contributions_s']:.2f} (runs: {', '.join(f'{x:.2f}' for x in c['calc_contributions_runs_s'])}) |",
            f"| components (method) | {comps} |",
            f"| largest add-up gap (t) | {c['max_add_up_gap_t']:.2e} |",
            "",
        ]
    imp = sizes.get("1m", {}).get("import")
    if imp:
        lines += [
            "| Import of 1M footprints (GeoParquet) | s |",
            "|---|---:|",
            f"| **total** ({imp['n_buildings']:,} buildings) | **{imp['total_s']:.1f}** |",
        ]
        lines += [f"| {k} | {imp[k]:.1f} |" for k in ("read_validate_s", "write_buildings_s", "derive_s")]
        lines += [f"| - {k} | {v:.1f} |" for k, v in imp["derive_parts_s"].items()]
        lines.append("")
    gs = results.get("goal_status", {})
    if gs:
        lines += ["| Goal | measured | met |", "|---|---|---|"]
        for g, v in gs.items():
            lines.append(f"| {g} | {v['value']} | {'yes' if v['met'] else '**no**'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Run the benchmark suite.")
    ap.add_argument("--only", default=",".join(BENCHMARKS), help=f"comma-separated subset of {', '.join(BENCHMARKS)}")
    ap.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated subset of {', '.join(SIZES)}")
    ap.add_argument("--reps", type=int, default=30, help="timed repetitions per query (after 3 warm-ups)")
    ap.add_argument("--quiet", action="store_true", help="no build progress bars")
    ap.add_argument(
        "--wait-idle", type=float, default=0.0, metavar="S", help="before each benchmark wait up to S seconds for a quiet machine"
    )
    args = ap.parse_args(argv)
    only = tuple(x.strip() for x in args.only.split(",") if x.strip())
    sizes = [x.strip().lower() for x in args.sizes.split(",") if x.strip()]
    for name, allowed in ((only, BENCHMARKS), (sizes, SIZES)):
        bad = [x for x in name if x not in allowed]
        if bad:
            ap.error(f"unknown {bad}; choose from {', '.join(allowed)}")
    results = run(only, sizes, reps=args.reps, quiet=args.quiet, wait_idle=args.wait_idle)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = OUT_DIR / f"results-{stamp}.json"
    text = json.dumps(results, indent=1, default=str)
    out.write_text(text)
    (OUT_DIR / "latest.json").write_text(text)
    print(markdown(results))
    print(f"\nresults: {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()

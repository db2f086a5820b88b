"""Load test of the public instance through nginx: many concurrent viewer sessions, loopback only.

Two patterns, both bounded in count and time:

- burst: --sessions viewers open a page in the same instant (--rounds times): GET the page (nginx
  sets the sticky route cookie), open the Streamlit websocket with that cookie, ask for a script run
  and wait until it has finished. Page-ready time runs from the GET to `script_finished`. A worst
  case: every viewer arrives in the same second.
- steady: --sessions viewers stay connected for --duration seconds and move through the pages as a
  person does, one navigation every --think-min..--think-max seconds, each a rerun of the chosen
  page on the viewer's own session (what a click in the sidebar sends). Page-ready time runs from
  the navigation to `script_finished`.

    python -m benchmarks.loadtest [--replicas 2] [--sessions 50] [--rounds 2] [--duration 60] [--port 8080]

Starts deploy/start.sh itself unless --no-start, warms every page once, then runs; prints JSON and
writes benchmarks/out/loadtest-<sessions>.json with the load average before and after each pattern.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.visit import connect, fetch_page, until_finished, viewer  # noqa: E402  (one page view over the websocket, as in the start script)

PAGES = ("mein_zuhause", "uebersicht", "quartiere", "karte", "daten_methodik", "szenarien", "projekte", "rat", "fortschritt")


def replica_rss_mb() -> list[float]:
    """Resident memory of each running Streamlit replica (MB): whether memory grows under load (the app does not run
    Streamlit's full garbage collection after every page view, see .streamlit/config.toml)."""
    out = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" in b" ".join(cmd) and b"app.py" in cmd:
                rss = next(line for line in (proc / "status").read_text().splitlines() if line.startswith("VmRSS:"))
                out.append(round(int(rss.split()[1]) / 1024, 1))
        except (OSError, StopIteration, ValueError):
            continue
    return sorted(out)


async def steady_viewer(base: str, index: int, duration: float, think: tuple[float, float], timeout: float) -> list[dict]:
    """One person: a session that navigates between pages with think time for `duration` seconds."""
    import random

    rng = random.Random(index)
    out = []
    await asyncio.sleep(rng.uniform(0, think[1]))  # people do not all arrive at once
    try:
        _, cookie = await asyncio.to_thread(fetch_page, base)
        end = time.perf_counter() + duration
        async with connect(base, cookie, timeout) as ws:
            while time.perf_counter() < end:
                page = PAGES[rng.randrange(len(PAGES))]
                msg = BackMsg()
                msg.rerun_script.page_name = page
                t0 = time.perf_counter()
                await ws.send(msg.SerializeToString())
                ok, exc = await until_finished(ws, timeout)
                out.append({"page": page, "ok": ok, "seconds": time.perf_counter() - t0, "exceptions": exc})
                await asyncio.sleep(rng.uniform(*think))
    except Exception as e:  # a failed connection or navigation counts as an error
        out.append({"page": "connect", "ok": False, "error": f"{type(e).__name__}: {e}"[:200]})
    return out


async def steady(base: str, sessions: int, duration: float, think: tuple[float, float], timeout: float) -> list[dict]:
    results = await asyncio.gather(*[steady_viewer(base, i, duration, think, timeout) for i in range(sessions)])
    return [r for rs in results for r in rs]


async def run(base: str, sessions: int, rounds: int, timeout: float) -> list[dict]:
    results = []
    for r in range(rounds):
        batch = [viewer(base, PAGES[(r * sessions + i) % len(PAGES)], timeout) for i in range(sessions)]
        results += await asyncio.gather(*batch)
    return results


def percentile(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))] if v else float("nan")


def summarise(results: list[dict], wall: float) -> dict:
    ok = [r for r in results if r["ok"]]
    times = [r["seconds"] for r in ok]
    by_page = {p: [r["seconds"] for r in ok if r["page"] == p] for p in PAGES}
    return {
        "page_views": len(results),
        "errors": len(results) - len(ok),
        "error_samples": [r.get("error") or r.get("exceptions") for r in results if not r["ok"]][:5],
        "p50_s": round(statistics.median(times), 2) if times else None,
        "p95_s": round(percentile(times, 0.95), 2) if times else None,
        "max_s": round(max(times), 2) if times else None,
        "wall_s": round(wall, 1),
        "p95_by_page_s": {p: round(percentile(v, 0.95), 2) for p, v in by_page.items() if v},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--no-start", action="store_true")
    ap.add_argument("--pattern", choices=("burst", "steady", "both"), default="both")
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--think-min", type=float, default=3.0)
    ap.add_argument("--think-max", type=float, default=10.0)
    args = ap.parse_args(argv)
    base = f"http://127.0.0.1:{args.port}/"
    from benchmarks import machine

    load_before = machine.load_average()
    start_s = None
    if not args.no_start:  # start.sh precomputes the saved scenarios, starts the replicas and waits for them
        t0 = time.perf_counter()
        subprocess.run([str(ROOT / "deploy" / "start.sh"), str(args.replicas), str(args.port)], check=True, cwd=ROOT)
        start_s = round(time.perf_counter() - t0, 1)
    reports, loads, memory = {}, {"before": load_before}, {}
    try:
        t0 = time.perf_counter()
        warm = asyncio.run(run(base, len(PAGES) * args.replicas, 1, 300))  # every page on every replica once
        warm_s = time.perf_counter() - t0
        memory["after_warmup"] = replica_rss_mb()
        if args.pattern in ("steady", "both"):
            t0 = time.perf_counter()
            res = asyncio.run(
                asyncio.wait_for(
                    steady(base, args.sessions, args.duration, (args.think_min, args.think_max), args.timeout),
                    timeout=args.duration + args.timeout + 60,
                )
            )
            reports["steady"] = summarise(res, time.perf_counter() - t0)
            loads["after_steady"] = machine.load_average()
        if args.pattern in ("burst", "both"):
            t0 = time.perf_counter()
            res = asyncio.run(
                asyncio.wait_for(run(base, args.sessions, args.rounds, args.timeout), timeout=args.timeout * args.rounds + 60)
            )
            reports["burst"] = summarise(res, time.perf_counter() - t0)
            loads["after_burst"] = machine.load_average()
        memory["at_end"] = replica_rss_mb()
    finally:
        if not args.no_start:
            subprocess.run([str(ROOT / "deploy" / "stop.sh")], cwd=ROOT)
    report = {
        "machine": f"{platform.processor() or platform.machine()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores",
        "replicas": args.replicas,
        "viewers": args.sessions,
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "burst_rounds": args.rounds,
        "steady_duration_s": args.duration,
        "think_time_s": [args.think_min, args.think_max],
        "start_s": start_s,
        "load_average": loads,
        "warmup_s": round(warm_s, 1),
        "warmup_errors": sum(1 for r in warm if not r["ok"]),
        "replica_rss_mb": memory,
        **reports,
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"loadtest-{args.sessions}.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report))
    return 0 if all(r["errors"] == 0 for r in reports.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())

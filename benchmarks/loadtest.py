"""Load test of the public instance through nginx: many concurrent viewer sessions, loopback only.

Each virtual viewer does what a browser does when it opens a page: GET the page (nginx sets the
sticky route cookie), open the Streamlit websocket with that cookie, ask for a script run of one
page and wait until the run has finished. Page-ready time is measured from the GET to the
`script_finished` message. Bounded in count (--sessions x --rounds) and time (--timeout).

    python -m benchmarks.loadtest [--replicas 2] [--sessions 50] [--rounds 2] [--port 8080]

Starts deploy/start.sh itself unless --no-start, warms every page once, then runs; prints JSON and
writes benchmarks/out/loadtest.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("mein_zuhause", "uebersicht", "quartiere", "karte", "daten_methodik", "szenarien", "projekte")


def _get(url: str) -> tuple[int, str]:
    req = urllib.request.Request(url, headers={"User-Agent": "loadtest"})
    with urllib.request.urlopen(req, timeout=30) as r:
        cookie = r.headers.get("Set-Cookie", "")
        r.read()
        return r.status, cookie.split(";", 1)[0]


async def viewer(base: str, page: str, timeout: float) -> dict:
    t0 = time.perf_counter()
    try:
        status, cookie = await asyncio.to_thread(_get, f"{base}{page}")
        if status != 200:
            return {"page": page, "ok": False, "error": f"http {status}"}
        ws_url = base.replace("http://", "ws://") + "_stcore/stream"
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers={"Cookie": cookie, "Origin": base.rstrip("/")},
            max_size=2**26,
            open_timeout=timeout,
        ) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = ""
            msg.rerun_script.page_name = page
            await ws.send(msg.SerializeToString())
            exceptions = 0
            while True:
                raw = await asyncio.wait_for(ws.recv(), timeout=timeout)
                fm = ForwardMsg()
                fm.ParseFromString(raw)
                kind = fm.WhichOneof("type")
                if (
                    kind == "delta"
                    and fm.delta.WhichOneof("type") == "new_element"
                    and fm.delta.new_element.WhichOneof("type") == "exception"
                ):
                    exceptions += 1
                if kind == "script_finished":
                    if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the page asked for a rerun; the page is ready after that one
                    ok = fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY and exceptions == 0
                    return {
                        "page": page,
                        "ok": ok,
                        "seconds": time.perf_counter() - t0,
                        "exceptions": exceptions,
                        "status": int(fm.script_finished),
                    }
    except Exception as exc:  # every failure counts as an error of that viewer
        return {"page": page, "ok": False, "error": f"{type(exc).__name__}: {exc}"[:200], "seconds": time.perf_counter() - t0}


async def run(base: str, sessions: int, rounds: int, timeout: float) -> list[dict]:
    results = []
    for r in range(rounds):
        batch = [viewer(base, PAGES[(r * sessions + i) % len(PAGES)], timeout) for i in range(sessions)]
        results += await asyncio.gather(*batch)
    return results


def percentile(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))] if v else float("nan")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--no-start", action="store_true")
    args = ap.parse_args(argv)
    base = f"http://127.0.0.1:{args.port}/"
    if not args.no_start:
        subprocess.run([str(ROOT / "deploy" / "start.sh"), str(args.replicas), str(args.port)], check=True, cwd=ROOT)
    try:
        t0 = time.perf_counter()
        warm = asyncio.run(run(base, len(PAGES) * args.replicas, 1, 300))  # every page on every replica once
        warm_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        results = asyncio.run(
            asyncio.wait_for(run(base, args.sessions, args.rounds, args.timeout), timeout=args.timeout * args.rounds + 60)
        )
        wall = time.perf_counter() - t0
    finally:
        if not args.no_start:
            subprocess.run([str(ROOT / "deploy" / "stop.sh")], cwd=ROOT)
    ok = [r for r in results if r["ok"]]
    times = [r["seconds"] for r in ok]
    by_page = {p: [r["seconds"] for r in ok if r["page"] == p] for p in PAGES}
    report = {
        "machine": f"{platform.processor() or platform.machine()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores",
        "replicas": args.replicas,
        "concurrent_sessions": args.sessions,
        "rounds": args.rounds,
        "requests": len(results),
        "errors": len(results) - len(ok),
        "error_samples": [r.get("error") or r.get("status") for r in results if not r["ok"]][:5],
        "p50_s": round(statistics.median(times), 2) if times else None,
        "p95_s": round(percentile(times, 0.95), 2) if times else None,
        "max_s": round(max(times), 2) if times else None,
        "wall_s": round(wall, 1),
        "warmup_s": round(warm_s, 1),
        "warmup_errors": sum(1 for r in warm if not r["ok"]),
        "p95_by_page_s": {p: round(percentile(v, 0.95), 2) for p, v in by_page.items() if v},
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "loadtest.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report))
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

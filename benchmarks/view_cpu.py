"""The server's CPU time per page view of the public instance: what limits how many residents two cores serve.

Starts one public replica (Streamlit, no nginx) on a loopback port, warms every page once, then opens each page
--views times, every time in a new session as a visitor arriving by link does, and divides the growth of the
process's user + system CPU time by the views. The wall time per view is printed beside it.

    python -m benchmarks.view_cpu [--views 5] [--port 8541] [--portfolio data/public/portfolio.duckdb]

Writes benchmarks/out/view_cpu.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import machine  # noqa: E402
from benchmarks.loadtest import PAGES, viewer  # noqa: E402


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--views", type=int, default=5)
    ap.add_argument("--port", type=int, default=8541)
    ap.add_argument("--portfolio", default=str(ROOT / "data" / "public" / "portfolio.duckdb"))
    args = ap.parse_args(argv)
    env = {**os.environ, "WAERME_MODE": "public", "WAERME_PORTFOLIO_DB": args.portfolio}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(args.port), "--server.headless", "true"]
    server = subprocess.Popen(
        [*cmd, "--server.address", "127.0.0.1"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{args.port}/"
    pages = {}
    try:
        time.sleep(8)
        for page in PAGES:
            asyncio.run(viewer(base, page, 300))
        load_before = machine.load_average()
        for page in PAGES:
            c0, t0 = _cpu_seconds(server.pid), time.perf_counter()
            for _ in range(args.views):
                result = asyncio.run(viewer(base, page, 300))
                assert result["ok"], result
            pages[page] = {
                "cpu_s_per_view": round((_cpu_seconds(server.pid) - c0) / args.views, 3),
                "wall_s_per_view": round((time.perf_counter() - t0) / args.views, 3),
            }
            print(f"{page:15s} cpu {pages[page]['cpu_s_per_view']:.2f} s  wall {pages[page]['wall_s_per_view']:.2f} s", flush=True)
    finally:
        server.terminate()
    report = {
        "machine": machine.describe(),
        "views": args.views,
        "load_before": load_before,
        "load_after": machine.load_average(),
        "pages": pages,
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "view_cpu.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

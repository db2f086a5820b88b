"""Page render times in a real Chromium, the speed budget of the planners' pages.

For one database (the Dortmund default or a scale-up), starts `streamlit run` on a free port, opens
every page once to warm the caches (the first visit computes the model results), then navigates to
each page --repeat times and measures the seconds from navigation until the app is idle (script
finished, no spinner), plus the bytes of websocket frames the page received.

    python -m benchmarks.pages_bench [--db data/dortmund.duckdb] [--repeat 3] [--label dortmund] [--precompute]

first_visit_s is each page's first visit on the new server (in navigation order), with an empty cache,
or with --precompute after `python -m reports precompute` (as `make run` and deploy/start.sh do; its
seconds are recorded). median_s / max_s are the later visits.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import ARGS, CHROMIUM, IDLE, Server  # noqa: E402


def _name(href: str) -> str:
    from urllib.parse import urlparse

    return urlparse(href).path.strip("/") or "uebersicht"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "data" / "dortmund.duckdb"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--label", default="dortmund")
    ap.add_argument("--mode", default="planner", choices=("planner", "public"))
    ap.add_argument("--precompute", action="store_true", help="precompute the saved scenarios before the server starts")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from benchmarks import machine

    tmp = Path(tempfile.mkdtemp(prefix="pages_bench_"))
    precompute_s = None
    if args.precompute:  # the same files the server will use (tests.browser.conftest.Server)
        env = {**os.environ, "WAERME_DB": args.db, "WAERME_PORTFOLIO_DB": str(tmp / f"portfolio-{args.mode}.duckdb")}
        env["WAERME_CACHE_DIR"] = str(tmp / "cache")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reports", "precompute"], cwd=ROOT, env=env, check=True, capture_output=True)
        precompute_s = round(time.perf_counter() - t0, 1)
    load_before = machine.load_average()
    server = Server(Path(args.db), args.mode, tmp)
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            received = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda d: received.append(len(d))))
            page.goto(server.url, wait_until="domcontentloaded")
            # the app's first run (imports, opening the warehouse) is over when the first page has its title; "idle"
            # alone holds before the first run has begun, and the first page timed below then paid for it
            page.locator("h1").first.wait_for(timeout=600000)
            page.wait_for_function(IDLE, timeout=600000)
            links = list(dict.fromkeys(page.eval_on_selector_all("[data-testid='stSidebarNavLink']", "els => els.map(e => e.href)")))
            warm = {}
            for href in links:
                t0 = time.perf_counter()
                page.goto(href, wait_until="domcontentloaded")
                page.wait_for_timeout(200)
                page.wait_for_function(IDLE, timeout=900000)
                warm[_name(href)] = round(time.perf_counter() - t0, 2)
            for href in links:
                name = _name(href)
                times, sizes = [], []
                for _ in range(args.repeat):
                    received.clear()
                    t0 = time.perf_counter()
                    page.goto(href, wait_until="domcontentloaded")
                    page.wait_for_timeout(200)
                    page.wait_for_function(IDLE, timeout=300000)
                    times.append(time.perf_counter() - t0)
                    sizes.append(sum(received))
                    assert page.locator("[data-testid='stException']").count() == 0, name
                results[name] = {
                    "median_s": round(statistics.median(times), 2),
                    "max_s": round(max(times), 2),
                    "first_visit_s": warm[name],
                    "ws_bytes": int(statistics.median(sizes)),
                }
            browser.close()
    finally:
        server.stop()
    report = {
        "label": args.label,
        "db": os.path.basename(args.db),
        "mode": args.mode,
        "repeat": args.repeat,
        "precompute_s": precompute_s,
        "load_before": load_before,
        "load_after": machine.load_average(),
        "pages": results,
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"pages-{args.label}-{args.mode}{'-precomputed' if args.precompute else ''}.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A planner's edit in Chromium: from "Speichern" to the new numbers on Projekte.

Starts the planners' app on a fresh portfolio whose saved scenarios are precomputed (as `make run`
does), opens Projekte with a scenario, picks a measure in the editor, changes its yearly rate and
saves. Measured from the click:

- central_s: until the saved message below the contributions table names the measure's new central contribution
  (the table above it has been drawn with the new numbers; the ranges and the waterfall follow);
- all_s: until the page is idle (ranges, waterfall and the rest recomputed).

    python -m benchmarks.edit_bench [--db data/dortmund.duckdb] [--scenario wpg-2045]
        [--project dogewo21-heizungsprogramm] [--repeat 3]

Each repeat saves a different rate, so every save is a new portfolio state; the clock waits until Streamlit runs
the save (so "idle" cannot be the state before it), and the last rate is read back from the portfolio at the end. Writes
benchmarks/out/edit.json with the machine's load before and after.
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

from benchmarks import machine  # noqa: E402
from tests.browser.conftest import ARGS, CHROMIUM, IDLE, Server, pick_option  # noqa: E402

ALERTS = """() => [...document.querySelectorAll("[data-testid='stAlert']")].map(e => e.innerText)"""
NEW_MESSAGE = """([name, before]) => [...document.querySelectorAll("[data-testid='stAlert']")].some(
    e => e.innerText.includes(name) && e.innerText.includes("neu berechnet") && !before.includes(e.innerText))"""
ONE_RATE_FIELD = """() => document.querySelectorAll("[data-testid='stForm'] input[aria-label^='Rate (']").length === 1"""
RUNNING = """() => document.querySelector("[data-testid='stApp']")?.getAttribute('data-test-script-state') === 'running'"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "data" / "dortmund.duckdb"))
    ap.add_argument("--scenario", default="wpg-2045")
    ap.add_argument("--project", default="dogewo21-heizungsprogramm")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    import portfolio as pf
    from heatdb.connect import connect

    tmp = Path(tempfile.mkdtemp(prefix="edit_bench_"))
    env = {
        **os.environ,
        "WAERME_DB": args.db,
        "WAERME_PORTFOLIO_DB": str(tmp / "portfolio-planner.duckdb"),
        "WAERME_CACHE_DIR": str(tmp / "cache"),
    }
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reports", "precompute"], cwd=ROOT, env=env, check=True, capture_output=True)
    precompute_s = time.perf_counter() - t0
    con = connect(Path(args.db), read_only=True)
    pcon = pf.open_portfolio(tmp / "portfolio-planner.duckdb", warehouse=con)
    project = next(p for p in pf.projects(pcon) if p.project_id == args.project)
    pcon.close()
    con.close()
    load_before = machine.load_average()
    server = Server(Path(args.db), "planner", tmp)
    runs = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(f"{server.url}projekte?scenario={args.scenario}", wait_until="domcontentloaded")
            page.wait_for_function(IDLE, timeout=600000)
            pick_option(page, ".st-key-p_edit_pick [role='combobox']", project.name, 600000)  # the editor's (the map has one too)
            page.wait_for_timeout(300)
            page.wait_for_function(IDLE, timeout=600000)
            form = page.locator("[data-testid='stForm']")
            assert form.get_by_label("Name", exact=True).input_value() == project.name, "the project is not in the form"
            for k in range(args.repeat):
                rate = round(project.rate_pct_per_year * (1.5 + 0.25 * k), 2)
                # after a save, Streamlit keeps the interrupted run's form until the new one is drawn
                page.wait_for_function(ONE_RATE_FIELD, timeout=120000)
                field = form.locator("[data-testid='stNumberInput']").filter(has_text="Rate").locator("input")
                field.fill(str(rate))
                field.press("Tab")
                before = page.evaluate(ALERTS)  # the previous save's message stays on the page until it is replaced
                start = time.perf_counter()
                form.get_by_role("button", name="Speichern").click()
                # the run has begun when Streamlit shows it is running; only then can "idle" mean "done"
                page.wait_for_function(RUNNING, timeout=60000, polling=20)
                # the saved message stands in the editor below the contributions table and names the measure's new central
                # numbers: a message not on the page before the click means the table above has them
                page.wait_for_function(NEW_MESSAGE, arg=[project.name, before], timeout=600000, polling=50)
                central = time.perf_counter() - start
                page.wait_for_function(IDLE, timeout=600000)
                said = [a for a in page.evaluate(ALERTS) if project.name in a]
                runs.append({"rate": rate, "central_s": round(central, 2), "all_s": round(time.perf_counter() - start, 2), "said": said})
                assert page.locator("[data-testid='stException']").count() == 0
            browser.close()
    finally:
        server.stop()
    check = connect(Path(args.db), read_only=True)
    saved = next(
        p for p in pf.projects(pf.open_portfolio(tmp / "portfolio-planner.duckdb", warehouse=check)) if p.project_id == args.project
    )
    assert abs(saved.rate_pct_per_year - runs[-1]["rate"]) < 1e-9, (
        f"the last save did not reach the portfolio: {saved.rate_pct_per_year} {runs}"
    )
    report = {
        "machine": machine.describe(),
        "load_before": load_before,
        "load_after": machine.load_average(),
        "precompute_s": round(precompute_s, 1),
        "scenario": args.scenario,
        "project": args.project,
        "runs": runs,
        "median_central_s": statistics.median(r["central_s"] for r in runs),
        "median_all_s": statistics.median(r["all_s"] for r in runs),
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "edit.json").write_text(json.dumps(report, indent=1))
    print(json.dumps({k: v for k, v in report.items() if k != "machine"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

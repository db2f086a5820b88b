"""The Dortmund portfolio in the shipped scenarios: time of the contributions and the decomposition, and the numbers.

    python -m benchmarks.portfolio_bench [--db data/dortmund.duckdb] [--out benchmarks/out/portfolio.json]

For each shipped scenario (a fresh portfolio seeded from data/sources/dortmund, no result cache): the seconds of
`calc_contributions` (three variants) and `calc_decomposition`, the 2030/2035 decomposition (drivers, measures,
unbacked levers, end, target, gap) and every measure's attributed contribution and abatement cost. Prints a
markdown summary; the JSON holds everything.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import portfolio as pf
from benchmarks import machine
from ghgmodel import calc_contributions, calc_decomposition, load_parameters
from heatdb.connect import DEFAULT_DB, connect
from reports.cache import ResultCache
from reports.model import ModelService

SCENARIOS = ("trend", "wpg-2045", "klimaneutral-2035")


def bench(db: Path) -> dict:
    con = connect(db, read_only=True)
    with tempfile.TemporaryDirectory() as tmp:
        pcon = pf.open_portfolio(Path(tmp) / "portfolio.duckdb", warehouse=con)
        params = load_parameters()
        service = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=params, cache=ResultCache())
        projects = service.projects()
        t0 = time.perf_counter()
        out = {"machine": machine.describe(), "n_projects": len(projects), "scenarios": {}}
        for sid in SCENARIOS:
            sc = pf.scenario(pcon, sid)
            stock = service.stock(projects)
            if sid == SCENARIOS[0]:
                out["build_stock_s"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            c = calc_contributions(stock, sc, params, projects)
            t2 = time.perf_counter()
            d = calc_decomposition(stock, sc, params, projects, c)
            t3 = time.perf_counter()
            summary = c.summary([p for p in projects if sc.selects(p)], params)
            names = {p.project_id: p.name for p in projects}
            out["scenarios"][sid] = {
                "contributions_s": t2 - t1,
                "decomposition_s": t3 - t2,
                "methods": {str(k): v for k, v in c.methods.items()},
                "decomposition": [d.for_year(y) for y in (2030, 2035)],
                "measures": [
                    {
                        "project_id": r["project_id"],
                        "name": names[r["project_id"]],
                        "attributed_2030_t": r["attributed_2030_t"],
                        "attributed_2035_t": r["attributed_2035_t"],
                        "range_2035_t": [r["attributed_2035_low_t"], r["attributed_2035_high_t"]],
                        "abatement_cost_eur_per_t": None
                        if r["abatement_cost_eur_per_t"] != r["abatement_cost_eur_per_t"]
                        else r["abatement_cost_eur_per_t"],
                        "abatement_reason": r["abatement_reason"],
                    }
                    for r in summary.to_dict(orient="records")
                ],
                "explain": c.explain.to_dict(orient="records"),
            }
        pcon.close()
    con.close()
    return out


def markdown(res: dict) -> str:
    lines = [f"Dortmund portfolio ({res['n_projects']} measures), build_stock {res['build_stock_s']:.1f} s", ""]
    lines.append(
        "| scenario | contributions (3 variants) | decomposition | 2030 start → end (drivers / measures / unbacked) kt | 2035 … | gap 2035 kt |"
    )
    lines.append("|---|---|---|---|---|---|")
    for sid, s in res["scenarios"].items():
        cells = []
        for w in s["decomposition"]:
            dr = sum(x["delta_t"] for x in w["drivers"]) / 1000
            me = sum(x["delta_t"] for x in w["measures"]) / 1000
            cells.append(f"{w['start_t'] / 1000:.0f} → {w['end_t'] / 1000:.0f} ({dr:+.0f} / {me:+.1f} / {w['unbacked_t'] / 1000:+.0f})")
        gap = s["decomposition"][1]["gap_t"] / 1000
        lines.append(f"| {sid} | {s['contributions_s']:.1f} s | {s['decomposition_s']:.1f} s | {cells[0]} | {cells[1]} | {gap:.0f} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "portfolio.json")
    args = ap.parse_args(argv)
    res = bench(args.db)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1, ensure_ascii=False, default=float), encoding="utf-8")
    print(markdown(res))


if __name__ == "__main__":
    main()

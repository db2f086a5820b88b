"""The scenarios a committee weighs side by side, as two tables of the report dataset.

    comparison           scenario_id, scenario_name, is_main, year, co2e_t, co2e_low_t, co2e_high_t
    comparison_summary   scenario_id, scenario_name, is_main, and per target year Y (2030, 2035):
                         pathway_Y_t, target_Y_t, gap_Y_t, drivers_Y_t, measures_Y_t, unbacked_Y_t
                         (the decomposition's sums: changes from the base year, negative for a reduction)

The report's own scenario comes first (`is_main`). The other scenarios are computed with the same model service as
the report (`from_model`: pathway, band, gaps, decomposition; no districts or map layers), or taken from another
dataset (`from_data`). A snapshot stores the two tables with the rest, so it keeps what it compared.
"""

from __future__ import annotations

import pandas as pd

from reports.dataset import TARGET_YEARS, ReportData
from reports.waterfall import totals as wf_totals

PATH_COLUMNS = ["scenario_id", "scenario_name", "is_main", "year", "co2e_t", "co2e_low_t", "co2e_high_t"]
FIGURES = ("pathway", "target", "gap", "drivers", "measures", "unbacked")


def summary_columns(years=TARGET_YEARS) -> list[str]:
    return ["scenario_id", "scenario_name", "is_main", *[f"{f}_{y}_t" for y in years for f in FIGURES]]


def _entry(scenario_id: str, name: str, pathway: pd.DataFrame, waterfall: pd.DataFrame, targets: pd.DataFrame) -> dict:
    path = pathway[["year", "co2e_t", "co2e_low_t", "co2e_high_t"]].copy()
    row: dict = {"scenario_id": scenario_id, "scenario_name": name}
    tg = targets.set_index("year")
    for year in TARGET_YEARS:
        s = wf_totals(waterfall, year)
        row[f"pathway_{year}_t"] = float(tg.loc[year, "pathway_t"]) if year in tg.index else float("nan")
        row[f"target_{year}_t"] = float(tg.loc[year, "target_t"]) if year in tg.index else float("nan")
        row[f"gap_{year}_t"] = float(tg.loc[year, "gap_t"]) if year in tg.index else float("nan")
        row[f"drivers_{year}_t"] = s["drivers"]
        row[f"measures_{year}_t"] = s["measures"]
        row[f"unbacked_{year}_t"] = s["unbacked"]
    return {"row": row, "pathway": path}


def from_data(data: ReportData) -> dict:
    """A dataset's own scenario as an entry of the comparison."""
    m = data.meta
    return _entry(
        m.get("scenario_id", ""), m.get("scenario_name", ""), data.table("pathway"), data.table("waterfall"), data.table("targets")
    )


def _waterfall(steps: pd.DataFrame) -> pd.DataFrame:
    """The decomposition's steps as the dataset's waterfall rows (year, step, value_t), as reports.dataset writes them."""
    rows = [
        {
            "year": int(r.to_year),
            "step": {"end": "result"}.get(r.kind, r.kind),
            "value_t": float(r.value_t if r.kind in ("start", "end", "target") else r.delta_t),
        }
        for r in steps.itertuples()
    ]
    return pd.DataFrame(rows, columns=["year", "step", "value_t"])


def from_model(model, sc, scenario_id: str) -> dict:
    """A saved scenario computed with `model` (a reports.model.ModelService): the key tables only."""
    central = model.pathway(sc)["totals"]
    band = model.band(sc)
    pathway = pd.DataFrame(
        {
            "year": central.index.astype(int),
            "co2e_t": central["co2e_t"].to_numpy(),
            "co2e_low_t": band["low"].to_numpy(),
            "co2e_high_t": band["high"].to_numpy(),
        }
    )
    steps = model.decomposition(sc)["steps"]
    return _entry(scenario_id, sc.name, pathway, _waterfall(steps), model.gaps(sc).reset_index(drop=True))


def with_comparison(data: ReportData, others: list[dict]) -> ReportData:
    """`data` with the tables `comparison` and `comparison_summary`: its own scenario first, then `others`
    (entries of from_model / from_data; the own scenario is left out if listed again)."""
    own = from_data(data)
    seen = {own["row"]["scenario_id"]}
    entries = [own]
    for e in others:
        if e["row"]["scenario_id"] not in seen:
            seen.add(e["row"]["scenario_id"])
            entries.append(e)
    paths, rows = [], []
    for i, e in enumerate(entries):
        rows.append({**e["row"], "is_main": i == 0})
        paths.append(e["pathway"].assign(scenario_id=e["row"]["scenario_id"], scenario_name=e["row"]["scenario_name"], is_main=i == 0))
    comparison = pd.concat(paths, ignore_index=True)[PATH_COLUMNS]
    summary = pd.DataFrame(rows)[summary_columns()]
    return ReportData(meta=data.meta, tables={**data.tables, "comparison": comparison, "comparison_summary": summary}, layers=data.layers)


def compare_scenarios(data: ReportData, model, portfolio, names: list[str]) -> ReportData:
    """`data` with the saved scenarios `names` (ids or names) beside it; raises KeyError naming the choices."""
    from reports.dataset import resolve_scenario

    others = []
    for name in names:
        sid, sc = resolve_scenario(portfolio, name)
        others.append(from_model(model, sc, sid))
    return with_comparison(data, others)


__all__ = ["FIGURES", "PATH_COLUMNS", "compare_scenarios", "from_data", "from_model", "summary_columns", "with_comparison"]

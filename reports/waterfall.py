"""The bars of the waterfall from the base year to a target year, for the app's chart and the reports alike.

From the `waterfall` table of a ReportData (reports.dataset): start (level), the baseline drivers, the
measures (the largest by size one by one, the rest as one bar; measures without effect after the base
year are left out), the unbacked levers ("noch ohne Maßnahme"), the result (level), the target (level)
and the gap. Every change bar starts where the previous one ended, so the bars add up to the result.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

KINDS = ("total", "driver", "measure", "unbacked", "target", "gap")


def bars(
    wf: pd.DataFrame, year: int, label: Callable[[str, str, str], str], *, max_measures: int = 8, min_abs_t: float = 0.5
) -> list[dict]:
    """Bars with label, kind (KINDS), key, bottom, top and value (t CO2e/a; changes negative for a reduction).

    `label(step, key, text)` words a step: step is start, driver, measure, unbacked, others, result,
    target or gap; key the driver, lever or project id; text the table's label (a measure's name).
    """
    w = wf[wf["year"] == year]
    if w.empty:
        return []

    def level(step):
        rows = w.loc[w["step"] == step, "value_t"]
        return float(rows.iloc[0]) if len(rows) else float("nan")

    start = level("start")
    out = [{"label": label("start", "", ""), "kind": "total", "key": "start", "bottom": 0.0, "top": start, "value": start}]
    changes = [("driver", r.key, label("driver", r.key, r.label), float(r.value_t)) for r in w[w["step"] == "driver"].itertuples()]
    measures = w[(w["step"] == "measure") & (w["value_t"].abs() >= min_abs_t)]
    measures = measures.reindex(measures["value_t"].abs().sort_values(ascending=False, kind="stable").index)
    shown, rest = measures.iloc[:max_measures], measures.iloc[max_measures:]
    changes += [("measure", r.key, label("measure", r.key, r.label), float(r.value_t)) for r in shown.itertuples()]
    if len(rest):
        changes.append(("measure", "others", label("others", str(len(rest)), ""), float(rest["value_t"].sum())))
    small = w[(w["step"] == "measure") & (w["value_t"].abs() < min_abs_t)]["value_t"].sum()
    changes += [("unbacked", r.key, label("unbacked", r.key, r.label), float(r.value_t)) for r in w[w["step"] == "unbacked"].itertuples()]
    lvl = start
    for kind, key, text, value in changes:
        out.append({"label": text, "kind": kind, "key": key, "bottom": lvl, "top": lvl + value, "value": value})
        lvl += value
    result = level("result")
    # measures below half a tonne are not drawn; they are inside the result, which the table states exactly
    if abs(lvl + small - result) > 1e-6 * max(1.0, abs(result)):
        raise ValueError(f"waterfall {year}: the steps add up to {lvl + small:.3f} t, the result is {result:.3f} t")
    out.append({"label": label("result", "", str(year)), "kind": "total", "key": "result", "bottom": 0.0, "top": result, "value": result})
    target = level("target")
    if target == target:  # not NaN
        out.append(
            {"label": label("target", "", str(year)), "kind": "target", "key": "target", "bottom": 0.0, "top": target, "value": target}
        )
        gap = result - target
        out.append(
            {
                "label": label("gap", "", str(year)),
                "kind": "gap",
                "key": "gap",
                "bottom": min(target, result),
                "top": max(target, result),
                "value": gap,
            }
        )
    return out


def totals(wf: pd.DataFrame, year: int) -> dict:
    """Sums per kind for the headline numbers: start, drivers, measures, unbacked, result, target, gap (t CO2e/a)."""
    w = wf[wf["year"] == year]

    def s(step):
        return float(w.loc[w["step"] == step, "value_t"].sum())

    return {
        "start": s("start"),
        "drivers": s("driver"),
        "measures": s("measure"),
        "unbacked": s("unbacked"),
        "result": s("result"),
        "target": s("target"),
        "gap": s("gap"),
    }

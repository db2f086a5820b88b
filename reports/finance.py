"""Costs and financing of the measures (the Climate City Contract's investment plan), from the `contributions` table.

Per measure: investment, funding, financing gap (investment minus funding) and the abatement cost. An investment
of 0 is read as "not published" (the portfolio template asks for 0 where a figure is unknown; the XWärmeplan
export reads it the same way): such a measure has no financing gap and is counted separately, never as free.
Per organisation: the sums. Per year: each measure's investment and funding spread evenly over its years from
start to end year (both included) - the portfolio has no outflow per year, so the even spread is an assumption
the report states next to the table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OPEN_STATUSES = ("idea", "planned", "approved", "in_progress")  # what a council can still decide on
MEASURE_COLUMNS = [
    "project_id",
    "name",
    "owner",
    "project_type",
    "status",
    "start_year",
    "end_year",
    "has_cost",
    "capex_eur",
    "funding_eur",
    "gap_eur",
    "funding_share_pct",
    "abatement_cost_eur_per_t",
    "abatement_reason",
    "annual_cost_eur",
    "avoided_t_per_year",
]


def _col(c: pd.DataFrame, name: str, default=np.nan) -> pd.Series:
    return c[name] if name in c else pd.Series(default, index=c.index)


def measures(data) -> pd.DataFrame:
    """One row per measure: has_cost (an investment was published), capex, funding, gap (NaN without an investment),
    funding share of the investment (%), abatement cost (EUR/t CO2e, NaN with its reason), annual cost."""
    c = data.tables.get("contributions")
    if c is None or c.empty:
        return pd.DataFrame(columns=MEASURE_COLUMNS)
    capex = pd.to_numeric(_col(c, "capex_eur", 0.0), errors="coerce").fillna(0.0)
    funding = pd.to_numeric(_col(c, "funding_eur", 0.0), errors="coerce").fillna(0.0)
    has_cost = capex > 0
    out = pd.DataFrame(
        {
            "project_id": c["project_id"],
            "name": c["name"],
            "owner": _col(c, "owner", ""),
            "project_type": _col(c, "project_type", ""),
            "status": _col(c, "status", ""),
            "start_year": _col(c, "start_year"),
            "end_year": _col(c, "end_year"),
            "has_cost": has_cost,
            "capex_eur": capex.where(has_cost),
            "funding_eur": funding,
            "gap_eur": (capex - funding).where(has_cost),
            "funding_share_pct": (100.0 * funding / capex.where(has_cost)),
            "abatement_cost_eur_per_t": _col(c, "abatement_cost_eur_per_t"),
            "abatement_reason": _col(c, "abatement_reason", "").fillna(""),
            "annual_cost_eur": _col(c, "annual_cost_eur"),
            "avoided_t_per_year": _col(c, "avoided_t_per_year"),
        }
    )
    return out.reset_index(drop=True)


def by_owner(data, *, open_only: bool = False) -> pd.DataFrame:
    """Per organisation: number of measures, how many without an investment figure, investment, funding, gap (EUR)."""
    m = measures(data)
    if open_only:
        m = m[m["status"].isin(OPEN_STATUSES)]
    cols = ["owner", "n_measures", "n_without_cost", "capex_eur", "funding_eur", "gap_eur"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    g = m.groupby("owner", sort=False)
    out = pd.DataFrame(
        {
            "n_measures": g.size(),
            "n_without_cost": g["has_cost"].apply(lambda s: int((~s).sum())),
            "capex_eur": g["capex_eur"].sum(min_count=1).fillna(0.0),
            "funding_eur": g["funding_eur"].sum(),
            "gap_eur": g["gap_eur"].sum(min_count=1).fillna(0.0),
        }
    ).reset_index()
    return out.sort_values("capex_eur", ascending=False, kind="stable").reset_index(drop=True)[cols]


def by_year(data, *, open_only: bool = False) -> pd.DataFrame:
    """Per year and organisation: investment, funding and gap, each measure's amounts spread evenly over its years."""
    m = measures(data)
    if open_only:
        m = m[m["status"].isin(OPEN_STATUSES)]
    rows = []
    for r in m.itertuples():
        if pd.isna(r.start_year) or pd.isna(r.end_year):
            continue
        start, end = int(r.start_year), int(max(r.end_year, r.start_year))
        n = end - start + 1
        capex = float(r.capex_eur) if r.has_cost else 0.0
        for year in range(start, end + 1):
            rows.append(
                {
                    "year": year,
                    "owner": r.owner,
                    "capex_eur": capex / n,
                    "funding_eur": float(r.funding_eur) / n,
                    "gap_eur": (capex - float(r.funding_eur)) / n if r.has_cost else 0.0,
                }
            )
    cols = ["year", "owner", "capex_eur", "funding_eur", "gap_eur"]
    if not rows:
        return pd.DataFrame(columns=cols)
    frame = pd.DataFrame(rows).groupby(["year", "owner"], as_index=False, sort=True)[cols[2:]].sum()
    return frame[cols]


def year_totals(data, *, open_only: bool = False) -> pd.DataFrame:
    """Per year: investment, funding and gap of all organisations (EUR)."""
    y = by_year(data, open_only=open_only)
    if y.empty:
        return pd.DataFrame(columns=["year", "capex_eur", "funding_eur", "gap_eur"])
    return y.groupby("year", as_index=False)[["capex_eur", "funding_eur", "gap_eur"]].sum()


def totals(data, *, open_only: bool = False) -> dict:
    """The sums: measures, measures without an investment figure, investment, funding, gap (EUR)."""
    m = measures(data)
    if open_only:
        m = m[m["status"].isin(OPEN_STATUSES)]
    return {
        "n_measures": int(len(m)),
        "n_without_cost": int((~m["has_cost"].astype(bool)).sum()) if len(m) else 0,
        "capex_eur": float(m["capex_eur"].sum()) if len(m) else 0.0,
        "funding_eur": float(m["funding_eur"].sum()) if len(m) else 0.0,
        "gap_eur": float(m["gap_eur"].sum()) if len(m) else 0.0,
    }


__all__ = ["OPEN_STATUSES", "by_owner", "by_year", "measures", "totals", "year_totals"]

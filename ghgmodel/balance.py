"""The static heat and greenhouse-gas balance of a building stock in one year.

Per building:
    useful heat  = A x (q_h + q_w)                                  (demand.py)
    final energy = useful heat / efficiency (SPF for heat pumps)    (systems.py)
    CO2e [t]     = final energy [MWh] x factor [g/kWh] / 1000       (factors.py)
Where a building has metered final energy (`final_energy_mwh`), that value is used as is and its
useful heat is metered final energy x efficiency.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.carriers import BUILDING_TYPES, ENERGY_CARRIER, HEATING_CARRIERS, RETROFIT_LEVELS
from ghgmodel.demand import calc_heat_need
from ghgmodel.errors import ModelInputError
from ghgmodel.factors import FACTOR_SETS, carrier_factor, dh_type_factor
from ghgmodel.params import Parameters
from ghgmodel.systems import system_efficiency

REQUIRED_COLUMNS = ("building_id", "building_type", "construction_year", "heated_area_m2", "carrier")
OPTIONAL_COLUMNS = ("retrofit", "final_energy_mwh", "dh_factor_g_per_kwh", "system_efficiency", "dh_network_type")
YEAR_RANGE = (1800, 2045)
BALANCE_YEAR_RANGE = (1990, 2050)


def _bad(source: str, row: int, column: str, value, problem: str, fix: str, header_lines: int) -> ModelInputError:
    line = f" (line {row + header_lines})" if header_lines else ""
    return ModelInputError(f"{source}, row {row}{line}, column {column}: {value!r} {problem}. {fix}")


def validate_buildings(frame: pd.DataFrame, source: str = "buildings", *, header_lines: int = 0) -> pd.DataFrame:
    """Check and normalise a building table; raises ModelInputError naming row, column, value and fix.

    Rows are numbered from 1 (the first data row); `header_lines` (1 for a CSV file) adds the file line.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ModelInputError(f"{source}: missing column(s) {', '.join(missing)}. The building table needs {', '.join(REQUIRED_COLUMNS)}.")
    df = frame.copy()
    rows = np.arange(1, len(df) + 1)

    def first_bad(mask, column, problem, fix):
        if mask.any():
            i = int(np.flatnonzero(mask)[0])
            raise _bad(source, int(rows[i]), column, frame[column].iloc[i], problem, fix, header_lines)

    ids = df["building_id"].astype(str).str.strip()
    first_bad(ids.isin(["", "nan", "None"]).to_numpy(), "building_id", "is empty", "Give every building an id.")
    first_bad(ids.duplicated().to_numpy(), "building_id", "appears twice", "Give every building its own id.")
    df["building_id"] = ids
    btype = df["building_type"].astype(str).str.strip().str.upper()
    first_bad(~btype.isin(BUILDING_TYPES).to_numpy(), "building_type", "is not a building type", f"Use one of {', '.join(BUILDING_TYPES)}.")
    df["building_type"] = btype
    year = pd.to_numeric(df["construction_year"], errors="coerce")
    first_bad(year.isna().to_numpy(), "construction_year", "is not a year", "Give the year as a number, e.g. 1965.")
    first_bad(
        ((year < YEAR_RANGE[0]) | (year > YEAR_RANGE[1]) | (year % 1 != 0)).to_numpy(),
        "construction_year",
        f"is outside {YEAR_RANGE[0]}..{YEAR_RANGE[1]}",
        "Correct the year.",
    )
    df["construction_year"] = year.astype(np.int64)
    area = pd.to_numeric(df["heated_area_m2"], errors="coerce")
    first_bad(area.isna().to_numpy(), "heated_area_m2", "is not a number", "Give the heated area in m2.")
    first_bad((area < 0).to_numpy(), "heated_area_m2", "is negative", "Give the heated area in m2 (0 or more).")
    # the bound is per building: a row that stands for n_buildings buildings (the synthetic non-residential stock)
    # holds their summed area
    per_building = area / pd.to_numeric(df["n_buildings"], errors="coerce").clip(lower=1.0) if "n_buildings" in df else area
    first_bad((per_building > 1e6).to_numpy(), "heated_area_m2", "is above 1,000,000 m2 per building", "Check the unit (m2).")
    df["heated_area_m2"] = area.astype(float)
    carrier = df["carrier"].astype(str).str.strip().str.lower()
    first_bad(~carrier.isin(HEATING_CARRIERS).to_numpy(), "carrier", "is not a known carrier", f"Use one of {', '.join(HEATING_CARRIERS)}.")
    df["carrier"] = carrier
    if "retrofit" in df:
        ret = df["retrofit"].fillna("none").astype(str).str.strip().str.lower().replace({"": "none", "nan": "none"})
        first_bad(~ret.isin(RETROFIT_LEVELS).to_numpy(), "retrofit", "is not a retrofit level", f"Use one of {', '.join(RETROFIT_LEVELS)}.")
        df["retrofit"] = ret
    else:
        df["retrofit"] = "none"
    for column, low, high, unit in (
        ("final_energy_mwh", 0.0, 1e6, "MWh/a"),
        ("dh_factor_g_per_kwh", 0.0, 1000.0, "g/kWh"),
        ("system_efficiency", 0.3, 8.0, "(efficiency, or SPF for a heat pump)"),
    ):
        if column not in df:
            df[column] = np.nan
            continue
        raw = df[column].replace("", np.nan)
        val = pd.to_numeric(raw, errors="coerce")
        first_bad((val.isna() & raw.notna()).to_numpy(), column, "is not a number", "Leave it empty or give a number.")
        first_bad(((val < low) | (val > high)).to_numpy(), column, f"is outside {low:g}..{high:g}", f"Give a value in {unit}.")
        df[column] = val.astype(float)
    if "dh_network_type" not in df:
        df["dh_network_type"] = ""
    df["dh_network_type"] = df["dh_network_type"].fillna("").astype(str)
    return df


@dataclass(frozen=True, kw_only=True)
class Balance:
    """Result of `calc_balance`.

    Attributes:
        year: balance year.
        factor_set: name of the emission factor set.
        demand_basis: `tabula` or `consumption`.
        buildings: one row per building with building_id, carrier, energy_carrier, space_heat_mwh,
            hot_water_mwh, useful_heat_mwh, final_energy_mwh, ef_g_per_kwh, co2e_t, is_metered.
    """

    year: int
    factor_set: str
    demand_basis: str
    buildings: pd.DataFrame

    def totals(self) -> dict[str, float]:
        b = self.buildings
        return {
            "useful_heat_mwh": float(b["useful_heat_mwh"].sum()),
            "final_energy_mwh": float(b["final_energy_mwh"].sum()),
            "co2e_t": float(b["co2e_t"].sum()),
        }

    def by(self, column: str) -> pd.DataFrame:
        """Sums of useful heat, final energy and CO2e by a column (e.g. `carrier`, `energy_carrier`)."""
        cols = ["useful_heat_mwh", "final_energy_mwh", "co2e_t"]
        out = self.buildings.groupby(column, sort=True)[cols].sum()
        out.insert(0, "n_buildings", self.buildings.groupby(column, sort=True).size())
        return out

    def to_dict(self, *, per_building: bool = False) -> dict:
        """The stable JSON shape of the command line."""
        by_carrier = {
            c: {
                "final_energy_mwh": float(r.final_energy_mwh),
                "co2e_t": float(r.co2e_t),
                "useful_heat_mwh": float(r.useful_heat_mwh),
                "n_buildings": int(r.n_buildings),
            }
            for c, r in self.by("carrier").iterrows()
        }
        out = {
            "year": self.year,
            "factors": self.factor_set,
            "demand_basis": self.demand_basis,
            "totals": self.totals(),
            "by_carrier": by_carrier,
        }
        if per_building:
            out["buildings"] = self.buildings.to_dict(orient="records")
        return out


def calc_balance(
    buildings: pd.DataFrame,
    params: Parameters,
    *,
    year: int,
    factor_set: str = "geg",
    demand_basis: str = "tabula",
    el_path: str = "central",
    source: str = "buildings",
    header_lines: int = 0,
) -> Balance:
    """Useful heat, final energy and CO2e of every building in `year` (vectorised).

    Args:
        buildings: table with REQUIRED_COLUMNS and optionally OPTIONAL_COLUMNS.
        params: parameter tables (a user's factor file is already merged in as set `custom`).
        year: balance year; selects year-dependent factors (BISKO electricity).
        factor_set: `geg`, `bisko` or `custom`.
        demand_basis: `tabula` or `consumption`.
        el_path: electricity path for years after the last BISKO year.
        source: name used in error messages (e.g. the file name).
        header_lines: lines before the first data row in the source file (1 for CSV), for messages.
    """
    if not BALANCE_YEAR_RANGE[0] <= int(year) <= BALANCE_YEAR_RANGE[1]:
        raise ModelInputError(
            f"year {year} is outside {BALANCE_YEAR_RANGE[0]}..{BALANCE_YEAR_RANGE[1]}. Choose a balance year in that range."
        )
    if factor_set not in (*FACTOR_SETS, "custom"):
        raise ModelInputError(f"factor set {factor_set!r}; use geg, bisko or a factor file.")
    df = validate_buildings(buildings, source, header_lines=header_lines)
    need = calc_heat_need(
        df["building_type"].to_numpy(),
        df["construction_year"].to_numpy(),
        df["heated_area_m2"].to_numpy(),
        df["retrofit"].to_numpy(),
        params,
        demand_basis=demand_basis,
    )
    carrier = df["carrier"].to_numpy(dtype=object)
    eff = system_efficiency(carrier, params)
    own_eff = df["system_efficiency"].to_numpy()
    eff = np.where(np.isnan(own_eff), eff, own_eff)
    useful_calc = need.useful_heat_mwh
    metered = df["final_energy_mwh"].to_numpy()
    is_metered = ~np.isnan(metered)
    final = np.where(is_metered, metered, useful_calc / eff)
    useful = np.where(is_metered, final * eff, useful_calc)
    # split metered useful heat into space heat and hot water in the calculated proportion
    share_sh = np.divide(need.space_heat_mwh, useful_calc, out=np.ones_like(useful_calc), where=useful_calc > 0)
    energy_carrier = np.array([ENERGY_CARRIER[c] for c in carrier], dtype=object) if len(carrier) else np.array([], dtype=object)
    ef = np.zeros(len(df))
    for ec in np.unique(energy_carrier):
        if ec == "district_heating":
            continue
        ef[energy_carrier == ec] = carrier_factor(params, factor_set, ec, int(year), el_path=el_path)
    is_dh = energy_carrier == "district_heating"
    if is_dh.any():
        default_type = params.text("dh.default_network_type")
        types = df["dh_network_type"].to_numpy(dtype=object)
        types = np.where(types == "", default_type, types)
        type_ef = {t: dh_type_factor(params, factor_set, t) for t in np.unique(types[is_dh])}
        dh_ef = np.array([type_ef.get(t, 0.0) for t in types])
        own = df["dh_factor_g_per_kwh"].to_numpy()
        ef = np.where(is_dh, np.where(np.isnan(own), dh_ef, own), ef)
    out = pd.DataFrame(
        {
            "building_id": df["building_id"].to_numpy(),
            "carrier": carrier,
            "energy_carrier": energy_carrier,
            "space_heat_mwh": useful * share_sh,
            "hot_water_mwh": useful * (1 - share_sh),
            "useful_heat_mwh": useful,
            "final_energy_mwh": final,
            "ef_g_per_kwh": ef,
            "co2e_t": final * ef / 1000.0,
            "is_metered": is_metered,
        }
    )
    return Balance(year=int(year), factor_set=factor_set, demand_basis=demand_basis, buildings=out)

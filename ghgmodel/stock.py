"""The building stock compressed into groups of like buildings, the unit the pathway engine works on.

Buildings that share every attribute the scenario levers and projects act on (district, heating
carrier, retrofit state, heat-pump class, flow-temperature class of their age, district-heating network
and area, planned expansion area, membership in building-list projects) behave identically under
every scenario, so their useful heat can be summed (type and age enter only through the useful heat
of each retrofit level, which is summed per group). A city of a million buildings becomes a few
thousand groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.balance import validate_buildings
from ghgmodel.carriers import RETROFIT_LEVELS
from ghgmodel.demand import calc_heat_need, need_table
from ghgmodel.params import Parameters
from ghgmodel.systems import system_efficiency

HP_CLASSES = ("ground", "air", "limited", "unsuitable")
# a construction year standing for each flow-temperature class (before 1984, 1984-2009, from 2010)
FLOW_CLASS_YEAR = (1983, 2009, 2010)
GROUP_KEYS = (
    "district_id",
    "flow_class",
    "carrier",
    "retrofit",
    "hp_class",
    "dh_network_id",
    "in_dh_area",
    "expansion_area_id",
    "expansion_year",
    "member_code",
)


@dataclass(frozen=True, kw_only=True)
class Stock:
    """Grouped building stock.

    Attributes:
        groups: one row per group: the GROUP_KEYS, n_buildings, heated_area_m2, construction_year_min,
            efficiency_orig (efficiency or SPF of the present system), useful_<level>_mwh for each
            retrofit level (useful heat if every building of the group had that level, MWh/a).
        member_projects: project ids in bit order of `member_code` (building-list projects).
        networks: network_id -> dict(network_type, ef_g_per_kwh (nan if none), fed_in_base_mwh).
        demand_basis: the demand basis the useful heat was computed with.
    """

    groups: pd.DataFrame
    member_projects: tuple[str, ...]
    networks: dict
    demand_basis: str

    @property
    def n_buildings(self) -> float:
        return float(self.groups["n_buildings"].sum())


def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values, sort=True)
    return codes.astype(np.int64), np.asarray(uniques)


def build_stock(
    buildings: pd.DataFrame,
    params: Parameters,
    *,
    demand_basis: str = "tabula",
    member_projects: dict[str, set[str]] | None = None,
    networks: pd.DataFrame | None = None,
) -> Stock:
    """Group buildings for the pathway engine.

    Args:
        buildings: the model's building columns (see balance.REQUIRED_COLUMNS), plus optionally
            district_id, hp_class (ground/air/limited/unsuitable; default air), dh_network_id,
            in_dh_area (bool), expansion_area_id, expansion_year.
        params: parameter tables.
        demand_basis: `tabula` or `consumption`.
        member_projects: project id -> building ids, for projects that reach a list of buildings.
        networks: network_id, network_type, ef_g_per_kwh (optional), fed_in_base_mwh (optional):
            heat fed into the network per year including customers outside the building table.
    """
    df = validate_buildings(buildings)
    n = len(df)
    defaults = {
        "district_id": "all",
        "hp_class": "air",
        "dh_network_id": "default",
        "in_dh_area": False,
        "expansion_area_id": "",
        "expansion_year": 0,
    }
    for col, val in defaults.items():
        if col not in buildings:
            df[col] = val
        else:
            df[col] = buildings[col].to_numpy()
    df["district_id"] = df["district_id"].astype(str)
    df["hp_class"] = df["hp_class"].fillna("air").astype(str)
    bad = ~df["hp_class"].isin(HP_CLASSES)
    if bad.any():
        from ghgmodel.errors import ModelInputError

        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise ModelInputError(f"buildings, row {i + 1}, column hp_class: {df['hp_class'].iloc[i]!r}; use one of {', '.join(HP_CLASSES)}.")
    df["dh_network_id"] = df["dh_network_id"].fillna("default").astype(str).replace("", "default")
    df["in_dh_area"] = df["in_dh_area"].fillna(False).astype(bool)
    df["expansion_area_id"] = df["expansion_area_id"].fillna("").astype(str)
    df["expansion_year"] = pd.to_numeric(df["expansion_year"], errors="coerce").fillna(0).astype(np.int64)

    table = need_table(params, demand_basis)
    year = df["construction_year"].to_numpy()
    # the flow temperature (and so a heat pump's SPF) depends on age only through these classes
    df["flow_class"] = np.select([year < 1984, year < 2010], [0, 1], 2)
    member_ids = tuple(sorted(member_projects or {}))
    code = np.zeros(n, dtype=np.int64)
    for bit, pid in enumerate(member_ids):
        code |= df["building_id"].isin(member_projects[pid]).to_numpy().astype(np.int64) << bit
    df["member_code"] = code

    eff = system_efficiency(df["carrier"].to_numpy(dtype=object), params)
    own = df["system_efficiency"].to_numpy()
    df["efficiency_orig"] = np.where(np.isnan(own), eff, own)
    metered = df["final_energy_mwh"].to_numpy()
    current = calc_heat_need(
        df["building_type"].to_numpy(),
        df["construction_year"].to_numpy(),
        df["heated_area_m2"].to_numpy(),
        df["retrofit"].to_numpy(),
        params,
        table=table,
    ).useful_heat_mwh
    for level in RETROFIT_LEVELS:
        need = calc_heat_need(
            df["building_type"].to_numpy(),
            df["construction_year"].to_numpy(),
            df["heated_area_m2"].to_numpy(),
            np.full(n, level),
            params,
            table=table,
        ).useful_heat_mwh
        # metered buildings keep their measured level and scale with the calculated ratio
        ratio = np.divide(need, current, out=np.ones_like(need), where=current > 0)
        df[f"useful_{level}_mwh"] = np.where(np.isnan(metered), need, metered * df["efficiency_orig"].to_numpy() * ratio)
    # the weighted efficiency of a group must reproduce the sum of its buildings' final energy
    df["final_orig_mwh"] = (
        np.select(
            [df["retrofit"].to_numpy() == lv for lv in RETROFIT_LEVELS], [df[f"useful_{lv}_mwh"].to_numpy() for lv in RETROFIT_LEVELS]
        )
        / df["efficiency_orig"].to_numpy()
    )

    group_of, n_groups = _group_codes(df)
    g = pd.DataFrame({col: df[col].to_numpy()[_first_index(group_of, n_groups)] for col in GROUP_KEYS})
    sums = {
        "n_buildings": np.bincount(group_of, minlength=n_groups).astype(float),
        "heated_area_m2": np.bincount(group_of, df["heated_area_m2"].to_numpy(), minlength=n_groups),
        "final_orig_mwh": np.bincount(group_of, df["final_orig_mwh"].to_numpy(), minlength=n_groups),
    }
    for level in RETROFIT_LEVELS:
        sums[f"useful_{level}_mwh"] = np.bincount(group_of, df[f"useful_{level}_mwh"].to_numpy(), minlength=n_groups)
    for k, v in sums.items():
        g[k] = v
    useful_now = np.select(
        [g["retrofit"].to_numpy() == lv for lv in RETROFIT_LEVELS], [g[f"useful_{lv}_mwh"].to_numpy() for lv in RETROFIT_LEVELS]
    )
    g["efficiency_orig"] = np.divide(
        useful_now, g["final_orig_mwh"].to_numpy(), out=np.ones(len(g)), where=g["final_orig_mwh"].to_numpy() > 0
    )
    g["flow_year"] = np.array(FLOW_CLASS_YEAR)[g["flow_class"].to_numpy()]

    nets: dict = {}
    default_type = params.text("dh.default_network_type")
    for nid in sorted(set(g["dh_network_id"])):
        nets[nid] = {"network_type": default_type, "ef_g_per_kwh": float("nan"), "fed_in_base_mwh": float("nan")}
    if networks is not None:
        for rec in networks.to_dict(orient="records"):
            nets[str(rec["network_id"])] = {
                "network_type": rec.get("network_type") or default_type,
                "ef_g_per_kwh": float(rec["ef_g_per_kwh"]) if pd.notna(rec.get("ef_g_per_kwh")) else float("nan"),
                "fed_in_base_mwh": float(rec["fed_in_base_mwh"]) if pd.notna(rec.get("fed_in_base_mwh")) else float("nan"),
            }
    return Stock(groups=g, member_projects=member_ids, networks=nets, demand_basis=demand_basis)


def _group_codes(df: pd.DataFrame) -> tuple[np.ndarray, int]:
    """Dense group number of every building over GROUP_KEYS (mixed-radix code, no Python loop per row)."""
    combined = np.zeros(len(df), dtype=np.int64)
    capacity = 1.0
    for col in GROUP_KEYS:
        c, u = _codes(df[col])
        capacity *= len(u) + 1
        if capacity > 2**62:  # too many distinct keys for one int64 code
            codes = df.groupby(list(GROUP_KEYS), sort=True, observed=True).ngroup().to_numpy()
            return codes, int(codes.max()) + 1 if len(codes) else 0
        combined = combined * (len(u) + 1) + c
    uniq, group_of = np.unique(combined, return_inverse=True)
    return group_of.astype(np.int64), len(uniq)


def _first_index(group_of: np.ndarray, n_groups: int) -> np.ndarray:
    first = np.full(n_groups, len(group_of), dtype=np.int64)
    np.minimum.at(first, group_of, np.arange(len(group_of)))
    return first

"""The building stock compressed into groups of like buildings, the unit the pathway engine works on.

Buildings that share every attribute the scenario levers and projects act on (district, heating
carrier, retrofit state, heat-pump class, flow-temperature class of their age, district-heating network
and area, planned expansion area, membership in building-list projects) behave identically under
every scenario, so their useful heat can be summed (type and age enter only through the useful heat
of each retrofit level, which is summed per group). A city of a million buildings becomes a few
thousand groups.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ghgmodel.balance import validate_buildings
from ghgmodel.carriers import RETROFIT_LEVELS
from ghgmodel.demand import calc_heat_need, need_table
from ghgmodel.networks import Plant
from ghgmodel.params import Parameters
from ghgmodel.systems import system_efficiency

HP_CLASSES = ("ground", "air", "limited", "unsuitable")
# a construction year standing for each flow-temperature class (before 1984, 1984-2009, from 2010)
FLOW_CLASS_YEAR = (1983, 2009, 2010)
GROUP_KEYS = (
    "sector",
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
        groups: one row per group: the GROUP_KEYS (sector first), n_buildings, heated_area_m2, construction_year_min,
            efficiency_orig (efficiency or SPF of the present system), useful_<level>_mwh for each
            retrofit level (useful heat if every building of the group had that level, MWh/a).
        member_projects: the building-list projects (ids).
        member_sets: for each `member_code`, the set of building-list projects its buildings belong to.
        networks: network_id -> dict(network_type (the fossil type of its residual heat), ef_g_per_kwh
            (nan if none), fed_in_base_mwh (nan if unknown), plants (tuple of ghgmodel.networks.Plant),
            is_new (built since 2024, WPG 30), first_year (first year of operation)).
        demand_basis: the demand basis the useful heat was computed with.
    """

    groups: pd.DataFrame
    member_projects: tuple[str, ...]
    networks: dict
    demand_basis: str
    member_sets: tuple[frozenset, ...] = (frozenset(),)

    def subset(self, mask: np.ndarray) -> Stock:
        """The same stock with only the groups where `mask` is true."""
        return replace(self, groups=self.groups[mask].reset_index(drop=True))

    def take(self, index: np.ndarray) -> Stock:
        """The stock with the groups at `index`, in that order (a group may appear more than once)."""
        return replace(self, groups=self.groups.iloc[np.asarray(index)].reset_index(drop=True))

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
    plants: pd.DataFrame | None = None,
) -> Stock:
    """Group buildings for the pathway engine.

    Args:
        buildings: the model's building columns (see balance.REQUIRED_COLUMNS), plus optionally
            district_id, hp_class (ground/air/limited/unsuitable; default air), dh_network_id,
            in_dh_area (bool), expansion_area_id, expansion_year, sector (residential, non_residential;
            default residential), n_buildings (buildings a row stands for; default 1, a synthetic
            non-residential row of ghgmodel.nonres stands for a fractional count).
        params: parameter tables.
        demand_basis: `tabula` or `consumption`.
        member_projects: project id -> building ids, for projects that reach a list of buildings.
        networks: network_id, network_type, ef_g_per_kwh (optional), fed_in_base_mwh (optional):
            heat fed into the network per year including customers outside the building table;
            is_new, first_year (optional).
        plants: network_id, plant_id, name, source, heat_mwh_per_year, first_year, last_year,
            ef_g_per_kwh (optional): the clean heat sources of the networks (ghgmodel.networks).
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
        "sector": "residential",
        "n_buildings": 1.0,
    }
    for col, val in defaults.items():
        if col not in buildings:
            df[col] = val
        else:
            df[col] = buildings[col].to_numpy()
    df["district_id"] = df["district_id"].astype(str)
    # a building of type NR (imported, e.g. from ALKIS) is non-residential unless the row says otherwise
    is_nr = df["building_type"].to_numpy() == "NR"
    df["sector"] = np.where(
        df["sector"].isna() | ("sector" not in buildings), np.where(is_nr, "non_residential", "residential"), df["sector"]
    )
    df["sector"] = df["sector"].astype(str)
    df["n_buildings"] = pd.to_numeric(df["n_buildings"], errors="coerce").fillna(1.0).astype(float)
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
    df["member_code"], member_sets = _member_codes(df["building_id"], member_ids, member_projects or {})

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
        "n_buildings": np.bincount(group_of, df["n_buildings"].to_numpy(), minlength=n_groups),
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

    nets = _networks(set(g["dh_network_id"]), networks, plants, params)
    return Stock(groups=g, member_projects=member_ids, networks=nets, demand_basis=demand_basis, member_sets=member_sets)


def _member_codes(ids: pd.Series, member_ids: tuple[str, ...], members: dict) -> tuple[np.ndarray, tuple[frozenset, ...]]:
    """A dense code per distinct combination of building-list projects, and the set of projects of each code."""
    n = len(ids)
    if not member_ids:
        return np.zeros(n, dtype=np.int64), (frozenset(),)
    matrix = np.stack([ids.isin(members[pid]).to_numpy() for pid in member_ids], axis=1)
    packed = np.packbits(matrix, axis=1)
    keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
    uniq, code = np.unique(keys, return_inverse=True)
    first = np.full(len(uniq), n, dtype=np.int64)
    np.minimum.at(first, code, np.arange(n))
    sets = tuple(frozenset(pid for pid, on in zip(member_ids, matrix[i]) if on) for i in first)
    return code.astype(np.int64), sets


def _networks(ids: set, networks: pd.DataFrame | None, plants: pd.DataFrame | None, params: Parameters) -> dict:
    """Network descriptions for the engine: type of the residual heat, base heat fed in, clean plants."""
    default_type = params.text("dh.default_network_type")
    nets: dict = {}
    for nid in sorted(ids):
        nets[nid] = {
            "network_type": default_type,
            "ef_g_per_kwh": float("nan"),
            "fed_in_base_mwh": float("nan"),
            "plants": (),
            "is_new": False,
            "first_year": 0,
        }
    for rec in [] if networks is None else networks.to_dict(orient="records"):
        nets[str(rec["network_id"])] = {
            "network_type": rec.get("network_type") or default_type,
            "ef_g_per_kwh": float(rec["ef_g_per_kwh"]) if pd.notna(rec.get("ef_g_per_kwh")) else float("nan"),
            "fed_in_base_mwh": float(rec["fed_in_base_mwh"]) if pd.notna(rec.get("fed_in_base_mwh")) else float("nan"),
            "plants": (),
            "is_new": bool(rec.get("is_new")) if pd.notna(rec.get("is_new")) else False,
            "first_year": int(rec["first_year"]) if pd.notna(rec.get("first_year")) else 0,
        }
    for rec in [] if plants is None else plants.to_dict(orient="records"):
        nid = str(rec["network_id"])
        if nid not in nets:
            continue  # a plant of a network without buildings or base heat does not act on the stock
        own = rec.get("ef_g_per_kwh")
        plant = Plant(
            plant_id=str(rec["plant_id"]),
            name=str(rec.get("name") or rec["plant_id"]),
            source=str(rec["source"]),
            heat_mwh_per_year=float(rec["heat_mwh_per_year"]),
            first_year=int(rec["first_year"]) if pd.notna(rec.get("first_year")) else 1900,
            last_year=int(rec["last_year"]) if pd.notna(rec.get("last_year")) else 2100,
            ef_g_per_kwh=float(own) if own is not None and pd.notna(own) else None,
        )
        nets[nid]["plants"] = (*nets[nid]["plants"], plant)
    return nets


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

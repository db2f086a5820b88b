"""Emission factors by factor set, energy carrier and year.

Sets:
- `geg`: GEG Anlage 9, fixed by law and the same in every year.
- `bisko`: life-cycle factors with upstream chains and a yearly national electricity factor
  (`ef.bisko.electricity` by year; after its last year the electricity path `el_path.<name>`).
  Rows without a published BISKO value are stand-ins and marked as such in the table.
- a user's file: `carrier,ef_g_per_kwh` rows (optionally `valid_year`, `source`) that override the
  carriers they name on top of a base set (`geg` unless the file says otherwise).

District heating uses the network's own factor where one is given, else the set's factor for the
network type (`ef.<set>.district_heating.<type>`, default type `dh.default_network_type`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from ghgmodel.carriers import ENERGY_CARRIERS
from ghgmodel.errors import ModelInputError
from ghgmodel.params import Parameters

FACTOR_SETS = ("geg", "bisko")
DH_NETWORK_TYPES = ("chp_gas", "chp_coal", "chp_renewable", "boiler_gas", "boiler_coal", "boiler_renewable")


def electricity_factor(params: Parameters, factor_set: str, years: np.ndarray, el_path: str = "central") -> np.ndarray:
    """Grid electricity factor (g/kWh) per year for a set; BISKO follows the path after its last year."""
    years = np.asarray(years)
    key = f"ef.{factor_set}.electricity"
    series = params.series(key)
    if not series:
        return np.full(len(years), params.value(key), dtype=float)
    last = max(series)
    observed = np.array([params.value(key, int(y)) for y in years], dtype=float)
    path = params.interpolate(f"el_path.{el_path}", years)
    return np.where(years > last, path, observed)


def carrier_factor(params: Parameters, factor_set: str, energy_carrier: str, year: int, *, el_path: str = "central") -> float:
    """Factor of one energy carrier in one year, g CO2e/kWh final energy."""
    if energy_carrier == "electricity":
        return float(electricity_factor(params, factor_set, np.array([year]), el_path)[0])
    if energy_carrier == "district_heating":
        return dh_type_factor(params, factor_set, params.text("dh.default_network_type"))
    return params.value(f"ef.{factor_set}.{energy_carrier}", year)


def dh_type_factor(params: Parameters, factor_set: str, network_type: str) -> float:
    """The set's district-heating factor for a network type, g/kWh."""
    plain = f"ef.{factor_set}.district_heating"
    if plain in params:  # a user's file may give one factor for all district heating
        return params.value(plain)
    if network_type not in DH_NETWORK_TYPES:
        raise ModelInputError(f"district-heating network type {network_type!r}; use one of {', '.join(DH_NETWORK_TYPES)}.")
    return params.value(f"{plain}.{network_type}")


def factor_table(params: Parameters, factor_set: str, years, *, el_path: str = "central") -> pd.DataFrame:
    """Factors of all energy carriers (columns) for the given years (index), g/kWh."""
    years = np.atleast_1d(np.asarray(years))
    data = {c: [carrier_factor(params, factor_set, c, int(y), el_path=el_path) for y in years] for c in ENERGY_CARRIERS}
    return pd.DataFrame(data, index=pd.Index(years, name="year"))


def read_factor_file(path: str | Path, params: Parameters) -> tuple[Parameters, str]:
    """Add a user's factor file as the set `custom`; returns the parameters and the set name.

    The file has the columns `carrier,ef_g_per_kwh` and optionally `valid_year`, `source`, `base`
    (`geg` or `bisko`, the set that supplies every carrier the file does not name).
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except UnicodeDecodeError:
        raise ModelInputError(f"{path.name}: not UTF-8. Save the factor file as UTF-8.") from None
    if not rows:
        raise ModelInputError(f"{path.name}: no rows. Give at least one 'carrier,ef_g_per_kwh' row.")
    for col in ("carrier", "ef_g_per_kwh"):
        if col not in rows[0]:
            raise ModelInputError(f"{path.name}: column {col!r} is missing. A factor file needs carrier,ef_g_per_kwh.")
    bases = {r.get("base") or "geg" for r in rows}
    if len(bases) != 1 or not bases <= set(FACTOR_SETS):
        raise ModelInputError(f"{path.name}: column 'base' = {sorted(bases)}; use one of {', '.join(FACTOR_SETS)} in every row.")
    base = bases.pop()
    named = set()
    out = []
    for i, r in enumerate(rows, start=2):
        carrier = (r["carrier"] or "").strip()
        if carrier not in (*ENERGY_CARRIERS, "waste_heat", "ambient"):
            raise ModelInputError(
                f"{path.name}, row {i}, column carrier: {carrier!r} is not an energy carrier. Use one of {', '.join(ENERGY_CARRIERS)}."
            )
        try:
            value = float(r["ef_g_per_kwh"])
        except ValueError:
            raise ModelInputError(f"{path.name}, row {i}, column ef_g_per_kwh: {r['ef_g_per_kwh']!r} is not a number.") from None
        if not 0 <= value <= 2000:
            raise ModelInputError(f"{path.name}, row {i}, column ef_g_per_kwh: {value} is outside 0..2000 g/kWh.")
        named.add(carrier)
        out.append(
            {
                "key": f"ef.custom.{carrier}",
                "value": repr(value),
                "unit": "g CO2e/kWh",
                "kind": "assumption",
                "valid_year": (r.get("valid_year") or "").strip(),
                "description": f"{carrier} from the user's factor file",
                "source": r.get("source") or path.name,
            }
        )
    for key in params.keys(f"ef.{base}."):
        suffix = key[len(f"ef.{base}.") :]
        if suffix.split(".")[0] in named:
            continue
        for _, rec in params.table[params.table["key"] == key].iterrows():
            row = {c: rec[c] for c in params.table.columns if c not in ("table", "row")}
            row["key"] = f"ef.custom.{suffix}"
            out.append(row)
    return params.with_overrides(pd.DataFrame(out), name=path.name), "custom"


def resolve_factor_set(spec: str, params: Parameters) -> tuple[Parameters, str]:
    """`geg`, `bisko` or a path to a factor file."""
    if spec in FACTOR_SETS:
        return params, spec
    if Path(spec).suffix.lower() == ".csv":
        if not Path(spec).exists():
            raise ModelInputError(f"factor file {spec} does not exist. Give geg, bisko or the path of a CSV file.")
        return read_factor_file(spec, params)
    raise ModelInputError(f"--factors {spec!r}: use geg, bisko or the path of a CSV file with carrier,ef_g_per_kwh.")

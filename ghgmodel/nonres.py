"""The non-residential stock (offices, schools, retail, health, hospitality, production halls' space heat)
as synthetic groups per district where no building data exist.

Per district d and use u (ghgmodel/params/nonres.csv):

    floor area [m2]      = nonres.floor_m2_per_inhabitant.<u> x inhabitants of d
    inhabitants of d     = dwellings of d x nonres.persons_per_dwelling
    useful heat [MWh/a]  = floor area x nonres.useful_kwh_per_m2.<u> / 1000   (consumption level)

Each district's area is split into the part inside district-heating areas (the district's share of
dwellings there) and the rest; inside, nonres.dh_share_in_area of it heats with the network, and every
other part by the carrier shares nonres.carrier_share.<carrier>. One row per district, use, carrier and
in/out of a network area, with `n_buildings` = floor area / nonres.building_size_m2 (a fractional count):
rows in the model's building columns, so ghgmodel.build_stock groups them like buildings (sector
`non_residential`). Their final energy is given (final_energy_mwh = useful heat / efficiency), so they
keep the consumption-level heat and scale with the TABULA retrofit ratios of an NR building of
nonres.construction_year. Imported non-residential buildings (type NR, e.g. ALKIS) replace these rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ghgmodel.params import Parameters
from ghgmodel.systems import system_efficiency

USES = ("office", "education", "retail", "health", "hospitality", "production")
SECTOR = "non_residential"


def nonres_uses(params: Parameters) -> tuple[str, ...]:
    """The uses with a floor-area parameter."""
    return tuple(u for u in USES if f"nonres.floor_m2_per_inhabitant.{u}" in params)


def carrier_shares(params: Parameters) -> dict[str, float]:
    """Carrier shares of non-residential heat outside network areas (sum 1)."""
    keys = params.keys("nonres.carrier_share.")
    shares = {k.rsplit(".", 1)[1]: params.value(k) for k in keys}
    total = sum(shares.values())
    return {c: v / total for c, v in shares.items() if v > 0}


def calc_nonres_stock(districts: pd.DataFrame, params: Parameters, *, inhabitants: float | None = None) -> pd.DataFrame:
    """Synthetic non-residential rows per district.

    Args:
        districts: district_id, dwellings (of the district), dh_area_share (0..1, share of its dwellings in
            district-heating areas), dh_network_id (the network of its areas, '' if none).
        params: parameter tables.
        inhabitants: the inhabitants of all the districts (default: their dwellings x nonres.persons_per_dwelling).

    Returns:
        building_id, district_id, use, building_type 'NR', construction_year, heated_area_m2, carrier,
        retrofit, final_energy_mwh, useful_heat_mwh, n_buildings, in_dh_area, dh_network_id, sector.
    """
    d = districts.reset_index(drop=True)
    total_dw = float(d["dwellings"].sum())
    # inhabitants follow the dwellings of the warehouse, so a part of a city (or another city) gets its own
    people = float(total_dw * params.value("nonres.persons_per_dwelling") if inhabitants is None else inhabitants)
    weight = d["dwellings"].to_numpy(dtype=float) / total_dw if total_dw > 0 else np.zeros(len(d))
    dh_in = np.clip(d["dh_area_share"].fillna(0.0).to_numpy(dtype=float), 0.0, 1.0)
    net = d["dh_network_id"].fillna("").astype(str).to_numpy()
    dh_share = params.value("nonres.dh_share_in_area")
    shares = carrier_shares(params)
    size = params.value("nonres.building_size_m2")
    year = int(params.value("nonres.construction_year"))
    parts = []
    for use in nonres_uses(params):
        area = params.value(f"nonres.floor_m2_per_inhabitant.{use}") * people * weight
        q = params.value(f"nonres.useful_kwh_per_m2.{use}")
        inside = area * np.where(net != "", dh_in, 0.0)
        outside = area - inside
        pieces = [("district_heating", True, inside * dh_share)]
        pieces += [(c, True, inside * (1 - dh_share) * s) for c, s in shares.items()]
        pieces += [(c, False, outside * s) for c, s in shares.items()]
        for carrier, in_area, a in pieces:
            parts.append(
                pd.DataFrame(
                    {
                        "district_id": d["district_id"].to_numpy(),
                        "use": use,
                        "carrier": carrier,
                        "in_dh_area": in_area,
                        "heated_area_m2": a,
                        "useful_heat_mwh": a * q / 1000.0,
                        "dh_network_id": np.where(net != "", net, "default"),
                    }
                )
            )
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    out = out[out["heated_area_m2"] > 0].reset_index(drop=True)
    out["building_id"] = (
        "NR-" + out["district_id"] + "-" + out["use"] + "-" + out["carrier"] + np.where(out["in_dh_area"], "-dh", "").astype(object)
    )
    out["building_type"] = "NR"
    out["construction_year"] = year
    out["retrofit"] = "none"
    out["final_energy_mwh"] = out["useful_heat_mwh"] / system_efficiency(out["carrier"].to_numpy(dtype=object), params)
    out["n_buildings"] = out["heated_area_m2"] / size
    out["sector"] = SECTOR
    cols = [
        "building_id",
        "district_id",
        "use",
        "building_type",
        "construction_year",
        "heated_area_m2",
        "carrier",
        "retrofit",
        "final_energy_mwh",
        "useful_heat_mwh",
        "n_buildings",
        "in_dh_area",
        "dh_network_id",
        "sector",
    ]
    return out[cols]

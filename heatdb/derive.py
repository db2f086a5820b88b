"""Derived tables: assignments to cells, districts and heat networks, balance, heat-pump potential, aggregates.

Run after the build and after every import, so the derived tables always match the inputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from ghgmodel.balance import calc_balance
from ghgmodel.heatpump import calc_hp_potential
from ghgmodel.params import Parameters
from ghgmodel.supply import classify_supply_area, heat_density_class
from heatdb.geo import h3_area_ha, transform
from heatdb.store import write_frame

BALANCE_YEAR = 2024
FACTOR_SET = "bisko"


def assign_cells(con) -> None:
    """District of every grid cell: the statistischer Bezirk containing the cell centre (nearest one at the edge)."""
    con.execute("UPDATE grid_cells SET statbez_id = NULL, stadtbezirk_id = NULL")
    con.execute(
        """UPDATE grid_cells SET statbez_id = m.district_id FROM (
               SELECT g.cell_id, d.district_id FROM grid_cells g JOIN districts d
               ON d.level = 'statbez' AND ST_Contains(d.geometry, ST_Centroid(g.geometry))) m
           WHERE grid_cells.cell_id = m.cell_id"""
    )
    con.execute(
        """UPDATE grid_cells SET statbez_id = (
               SELECT d.district_id FROM districts d WHERE d.level = 'statbez'
               ORDER BY ST_Distance(d.geometry, ST_Centroid(grid_cells.geometry)) LIMIT 1)
           WHERE statbez_id IS NULL"""
    )
    con.execute("""UPDATE grid_cells SET stadtbezirk_id = d.parent_id FROM districts d WHERE d.district_id = grid_cells.statbez_id""")


def assign_area_districts(con) -> None:
    """The statistischer Bezirk holding the largest part of each district-heating and expansion area."""
    for table in ("dh_areas", "dh_expansion"):
        con.execute(
            f"""UPDATE {table} SET statbez_id = (SELECT d.district_id FROM districts d WHERE d.level = 'statbez'
                ORDER BY ST_Area(ST_Intersection(d.geometry, {table}.geometry)) DESC LIMIT 1)"""
        )


def assign_buildings(con) -> None:
    """Districts by cell, district-heating area by point-in-polygon, network by the nearest area."""
    con.execute(
        """UPDATE buildings SET statbez_id = g.statbez_id, stadtbezirk_id = g.stadtbezirk_id
           FROM grid_cells g WHERE buildings.cell_id = g.cell_id"""
    )
    con.execute("UPDATE buildings SET in_dh_area = false, dh_area_id = NULL")
    con.execute(
        """UPDATE buildings SET in_dh_area = true, dh_area_id = m.dh_area_id, dh_network_id = m.network_id FROM (
               SELECT b.building_id, a.dh_area_id, a.network_id FROM buildings b JOIN dh_areas a
               ON ST_Within(ST_Point(b.centroid_lon, b.centroid_lat), a.geometry)) m
           WHERE buildings.building_id = m.building_id"""
    )
    areas = con.execute("SELECT network_id, ST_AsWKB(geometry) AS wkb FROM dh_areas").df()
    if areas.empty:
        con.execute("UPDATE buildings SET dh_network_id = COALESCE(dh_network_id, 'default') WHERE NOT in_dh_area")
        return
    outside = con.execute("SELECT building_id, x_3035, y_3035 FROM buildings WHERE NOT in_dh_area").df()
    geoms = transform(shapely.from_wkb([bytes(w) for w in areas["wkb"]]), 4326, 3035)
    nearest = shapely.STRtree(geoms).nearest(shapely.points(outside["x_3035"], outside["y_3035"]))
    outside["dh_network_id"] = areas["network_id"].to_numpy()[nearest]
    con.register("_net", outside[["building_id", "dh_network_id"]])
    try:
        con.execute("UPDATE buildings SET dh_network_id = n.dh_network_id FROM _net n WHERE buildings.building_id = n.building_id")
    finally:
        con.unregister("_net")


MODEL_COLUMNS = """building_id, building_type, construction_year, heated_area_m2, carrier, retrofit,
                   final_energy_mwh_measured AS final_energy_mwh"""


def compute_balance(con, params: Parameters) -> pd.DataFrame:
    """building_balance in the balance year: BISKO (stored figures) and GEG factors."""
    b = con.execute(f"SELECT {MODEL_COLUMNS}, dh_network_id FROM buildings ORDER BY building_id").df()
    nets = con.execute("SELECT network_id, ef_g_per_kwh FROM dh_networks").df()
    own = dict(zip(nets["network_id"], nets["ef_g_per_kwh"]))
    b["dh_factor_g_per_kwh"] = b["dh_network_id"].map(own).astype(float)
    model = b.drop(columns=["dh_network_id"])
    res = calc_balance(model, params, year=BALANCE_YEAR, factor_set=FACTOR_SET).buildings
    geg = calc_balance(model, params, year=BALANCE_YEAR, factor_set="geg").buildings
    frame = pd.DataFrame(
        {
            "building_id": res["building_id"],
            "space_heat_mwh_per_year": res["space_heat_mwh"],
            "hot_water_mwh_per_year": res["hot_water_mwh"],
            "heat_demand_mwh_per_year": res["useful_heat_mwh"],
            "final_energy_mwh_per_year": res["final_energy_mwh"],
            "energy_carrier": res["energy_carrier"],
            "ef_g_per_kwh": res["ef_g_per_kwh"],
            "co2e_t_per_year": res["co2e_t"],
            "co2e_geg_t_per_year": geg["co2e_t"].to_numpy(),
        }
    )
    write_frame(con, "building_balance", frame)
    return frame


def compute_hp_potential(con, params: Parameters, inputs: pd.DataFrame) -> None:
    """hp_potential from the geometric inputs (building_id, probe_area_m2, neighbour_distance_m)."""
    b = con.execute(
        """SELECT b.building_id, b.construction_year, b.retrofit, bb.heat_demand_mwh_per_year
           FROM buildings b JOIN building_balance bb USING (building_id) ORDER BY b.building_id"""
    ).df()
    b = b.merge(inputs, on="building_id", how="left", validate="one_to_one")
    b["probe_area_m2"] = b["probe_area_m2"].fillna(0.0)
    b["neighbour_distance_m"] = b["neighbour_distance_m"].fillna(0.0)
    pot = calc_hp_potential(
        b["heat_demand_mwh_per_year"].to_numpy(),
        b["construction_year"].to_numpy(),
        b["retrofit"].to_numpy(),
        b["probe_area_m2"].to_numpy(),
        b["neighbour_distance_m"].to_numpy(),
        params,
    )
    frame = pd.DataFrame(
        {
            "building_id": b["building_id"],
            "hp_class": pot.hp_class,
            "flow_temp_c": pot.flow_temp_c,
            "spf_expected": pot.spf_expected,
            "probe_area_m2": b["probe_area_m2"],
            "probes_needed": pot.probes_needed,
            "probes_possible": pot.probes_possible,
            "neighbour_distance_m": b["neighbour_distance_m"],
            "noise_distance_m": pot.noise_distance_m,
        }
    )
    write_frame(con, "hp_potential", frame)


# One select list for every aggregate: the group key is bound by the caller.
_MEASURE_SQL = """
    count(*) AS n_buildings,
    count(*) FILTER (WHERE b.provenance = 'synthetic') AS n_synthetic,
    sum(b.heated_area_m2) AS heated_area_m2,
    sum(bb.heat_demand_mwh_per_year) AS heat_demand_mwh_per_year,
    sum(bb.final_energy_mwh_per_year) AS final_energy_mwh_per_year,
    sum(bb.co2e_t_per_year) AS co2e_t_per_year,
    count(*) FILTER (WHERE b.carrier = 'district_heating') AS n_dh,
    100.0 * count(*) FILTER (WHERE b.carrier = 'district_heating') / count(*) AS dh_share_pct,
    count(*) FILTER (WHERE b.carrier IN ('heat_pump_air', 'heat_pump_ground')) AS n_hp,
    100.0 * count(*) FILTER (WHERE b.carrier IN ('heat_pump_air', 'heat_pump_ground')) / count(*) AS hp_share_pct,
    count(*) FILTER (WHERE b.carrier = 'gas') AS n_gas,
    100.0 * count(*) FILTER (WHERE b.carrier = 'gas') / count(*) AS gas_share_pct,
    100.0 * count(*) FILTER (WHERE h.hp_class = 'ground') / count(*) AS share_hp_ground_pct,
    100.0 * count(*) FILTER (WHERE h.hp_class = 'air') / count(*) AS share_hp_air_pct,
    100.0 * count(*) FILTER (WHERE h.hp_class = 'limited') / count(*) AS share_hp_limited_pct,
    100.0 * count(*) FILTER (WHERE h.hp_class = 'unsuitable') / count(*) AS share_hp_unsuitable_pct,
    count(*) FILTER (WHERE b.expansion_area_id IS NOT NULL) AS n_in_expansion,
    100.0 * count(*) FILTER (WHERE b.expansion_area_id IS NOT NULL) / count(*) AS expansion_share_pct
"""
_FROM = "FROM buildings b JOIN building_balance bb USING (building_id) JOIN hp_potential h USING (building_id)"


def _main_carrier(con, key_sql: str) -> pd.DataFrame:
    return con.execute(
        f"""SELECT k, arg_max(carrier, heat) AS main_carrier FROM (
                SELECT {key_sql} AS k, b.carrier, sum(bb.heat_demand_mwh_per_year) AS heat {_FROM} GROUP BY ALL) GROUP BY k"""
    ).df()


def _aggregate(con, key_sql: str) -> pd.DataFrame:
    frame = con.execute(f"SELECT {key_sql} AS k, {_MEASURE_SQL} {_FROM} GROUP BY ALL").df()
    return frame.merge(_main_carrier(con, key_sql), on="k", how="left")


def _classify(frame: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """Density class, proposed supply-area type and WPG 19 grades from a frame of aggregate measures."""
    frame["density_class"] = heat_density_class(frame["heat_density_mwh_per_ha_year"].to_numpy(), params)
    kind, g_net, g_dec = classify_supply_area(
        frame["heat_density_mwh_per_ha_year"].to_numpy(),
        frame["dh_share_pct"].to_numpy(),
        (frame["share_hp_ground_pct"] + frame["share_hp_air_pct"]).to_numpy(),
        (frame["expansion_share_pct"] >= params.value("supply.dh_share_existing_network_pct")).to_numpy(),
        params,
    )
    frame["supply_area_type"], frame["grade_heat_network"], frame["grade_decentral"] = kind, g_net, g_dec
    return frame


CITY_KEY = "(SELECT district_id FROM districts WHERE level = 'city' LIMIT 1)"
LEVEL_KEYS = (("statbez", "b.statbez_id"), ("stadtbezirk", "b.stadtbezirk_id"), ("city", CITY_KEY))


def compute_aggregates(con, params: Parameters) -> None:
    """agg_cell (with the proposed supply-area type per 100 m cell), agg_district (+ carrier, stock), agg_h3."""
    cells = _aggregate(con, "b.cell_id").rename(columns={"k": "cell_id"}).assign(area_ha=1.0)
    cells["heat_density_mwh_per_ha_year"] = cells["heat_demand_mwh_per_year"]  # a cell is one hectare
    cells = _classify(cells, params)
    con.register("_agg_cell", cells)
    try:
        con.execute("DELETE FROM agg_cell")
        cols = [c for c in cells.columns if c != "cell_id"]
        con.execute(
            f"""INSERT INTO agg_cell BY NAME SELECT a.cell_id, g.statbez_id, {", ".join("a." + c for c in cols)}, g.geometry
                FROM _agg_cell a JOIN grid_cells g USING (cell_id)"""
        )
    finally:
        con.unregister("_agg_cell")

    districts = con.execute("SELECT district_id, area_ha FROM districts").df()
    parts = []
    for level, key in LEVEL_KEYS:
        a = _aggregate(con, key).rename(columns={"k": "district_id"})
        shares = con.execute(
            f"""SELECT {key} AS district_id,
                   100.0 * count(*) FILTER (WHERE c.supply_area_type = 'waermenetzgebiet') / count(*) AS share_waermenetzgebiet_pct,
                   100.0 * count(*) FILTER (WHERE c.supply_area_type = 'dezentral') / count(*) AS share_dezentral_pct,
                   100.0 * count(*) FILTER (WHERE c.supply_area_type = 'pruefgebiet') / count(*) AS share_pruefgebiet_pct
                FROM buildings b JOIN agg_cell c USING (cell_id) GROUP BY ALL"""
        ).df()
        parts.append(a.merge(shares, on="district_id", how="left").assign(level=level))
    agg = pd.concat(parts, ignore_index=True).dropna(subset=["district_id"])
    agg = agg.merge(districts, on="district_id", how="left")
    agg["heat_density_mwh_per_ha_year"] = np.divide(
        agg["heat_demand_mwh_per_year"], agg["area_ha"], out=np.zeros(len(agg)), where=agg["area_ha"].to_numpy() > 0
    )
    agg = _classify(agg, params)
    # the proposal for a district is the class of most of its buildings' cells
    share_cols = {
        "waermenetzgebiet": "share_waermenetzgebiet_pct",
        "dezentral": "share_dezentral_pct",
        "pruefgebiet": "share_pruefgebiet_pct",
    }
    agg["supply_area_type"] = agg[list(share_cols.values())].idxmax(axis=1).map({v: k for k, v in share_cols.items()})
    exp = con.execute(
        "SELECT b.statbez_id, b.stadtbezirk_id, min(e.year_planned) AS y FROM buildings b JOIN dh_expansion e USING (expansion_area_id) GROUP BY ALL"
    ).df()
    first = {}
    for col in ("statbez_id", "stadtbezirk_id"):
        first.update(exp.groupby(col)["y"].min().to_dict())
    city_id = con.execute(CITY_KEY.strip("()")).fetchone()
    if city_id and not exp.empty:
        first[city_id[0]] = int(exp["y"].min())
    agg["first_expansion_year"] = agg["district_id"].map(first)
    write_frame(con, "agg_district", agg)

    for table, select in (
        (
            "agg_district_carrier",
            "b.carrier, count(*) AS n_buildings, sum(bb.heat_demand_mwh_per_year) AS heat_demand_mwh_per_year, "
            "sum(bb.final_energy_mwh_per_year) AS final_energy_mwh_per_year, sum(bb.co2e_t_per_year) AS co2e_t_per_year",
        ),
        (
            "agg_district_stock",
            "b.age_class, b.building_type, count(*) AS n_buildings, sum(b.heated_area_m2) AS heated_area_m2, "
            "sum(bb.heat_demand_mwh_per_year) AS heat_demand_mwh_per_year",
        ),
    ):
        rows = [
            con.execute(
                f"SELECT {key} AS district_id, {select} FROM buildings b JOIN building_balance bb USING (building_id) GROUP BY ALL"
            ).df()
            for _, key in LEVEL_KEYS
        ]
        write_frame(con, table, pd.concat(rows, ignore_index=True).dropna(subset=["district_id"]))

    hexes = []
    for res in (8, 9):
        h = _aggregate(con, f"b.h3_r{res}").rename(columns={"k": "h3_index"})
        h["resolution"] = res
        h["area_ha"] = h3_area_ha(h["h3_index"])
        h["heat_density_mwh_per_ha_year"] = h["heat_demand_mwh_per_year"] / h["area_ha"]
        hexes.append(h)
    write_frame(con, "agg_h3", pd.concat(hexes, ignore_index=True))

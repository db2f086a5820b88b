"""Read queries the app and the command line use. Parameters are bound with `?`, never formatted in.

Every function takes an open connection (the UI passes a fresh cursor per query).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from heatdb.connect import connect
from heatdb.schema import TABLES

LEVELS = ("city", "stadtbezirk", "statbez")


def database_info(path: str | Path) -> dict:
    con = connect(path, read_only=True)
    try:
        tables = []
        for name in [*TABLES, "import_log"]:
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            comment = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()
            tables.append({"table": name, "rows": int(rows), "comment": (comment[0] if comment else "") or ""})
        return {"path": str(path), "meta": meta(con), "tables": tables, "sources": data_sources(con).to_dict(orient="records")}
    finally:
        con.close()


def has_table(con, name: str) -> bool:
    """Whether the database has the table (older warehouses lack the newer ones)."""
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0] > 0


def meta(con) -> dict:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


def data_sources(con) -> pd.DataFrame:
    return con.execute("SELECT * FROM data_sources ORDER BY is_synthetic, source_id").df()


def districts(con, level: str) -> pd.DataFrame:
    """Districts of one level with their key figures (no geometry)."""
    return con.execute(
        """SELECT d.district_id, d.code, d.name, d.parent_id, d.area_ha, d.centroid_lon, d.centroid_lat, a.* EXCLUDE (district_id, level, area_ha)
           FROM districts d LEFT JOIN agg_district a USING (district_id) WHERE d.level = ? ORDER BY d.code""",
        [level],
    ).df()


def city(con) -> pd.Series:
    row = con.execute(
        "SELECT d.district_id, d.name, d.area_ha, a.* EXCLUDE (district_id, area_ha) FROM districts d JOIN agg_district a USING (district_id) WHERE d.level = 'city'"
    ).df()
    return row.iloc[0]


def city_bounds(con, margin_deg: float = 0.02) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of the city's districts with a margin: where an address answer can be."""
    row = con.execute(
        "SELECT min(ST_XMin(geometry)), min(ST_YMin(geometry)), max(ST_XMax(geometry)), max(ST_YMax(geometry)) FROM districts"
    ).fetchone()
    if row is None or row[0] is None:
        return (5.8, 47.2, 15.1, 55.1)  # no districts: Germany
    return (row[0] - margin_deg, row[1] - margin_deg, row[2] + margin_deg, row[3] + margin_deg)


def city_totals_from_buildings(con) -> dict:
    """Citywide totals summed directly over buildings (to check the precomputed aggregates)."""
    r = con.execute(
        """SELECT count(*) AS n_buildings, sum(b.heated_area_m2) AS heated_area_m2, sum(bb.heat_demand_mwh_per_year) AS heat_demand_mwh_per_year,
                  sum(bb.co2e_t_per_year) AS co2e_t_per_year,
                  100.0 * count(*) FILTER (WHERE b.carrier = 'district_heating') / count(*) AS dh_share_pct,
                  100.0 * count(*) FILTER (WHERE b.carrier IN ('heat_pump_air','heat_pump_ground')) / count(*) AS hp_share_pct
           FROM buildings b JOIN building_balance bb USING (building_id)"""
    ).df()
    return r.iloc[0].to_dict()


def district_carriers(con, district_id: str) -> pd.DataFrame:
    return con.execute(
        "SELECT * EXCLUDE (district_id) FROM agg_district_carrier WHERE district_id = ? ORDER BY heat_demand_mwh_per_year DESC",
        [district_id],
    ).df()


def district_stock(con, district_id: str) -> pd.DataFrame:
    return con.execute("SELECT * EXCLUDE (district_id) FROM agg_district_stock WHERE district_id = ?", [district_id]).df()


def geojson(con, sql: str, params: list | None = None, *, precision: float = 1e-5) -> dict:
    """A FeatureCollection from a query with a `geometry` column; the other columns become properties."""
    frame = con.execute(
        f"SELECT * EXCLUDE (geometry), ST_AsGeoJSON(ST_ReducePrecision(geometry, {precision})) AS _geojson FROM ({sql})", params or []
    ).df()
    props = frame.drop(columns=["_geojson"])
    features = []
    for geom, rec in zip(frame["_geojson"], props.to_dict(orient="records")):
        features.append(
            {"type": "Feature", "geometry": json.loads(geom), "properties": {k: (None if pd.isna(v) else v) for k, v in rec.items()}}
        )
    return {"type": "FeatureCollection", "features": features}


def district_map(con, level: str) -> dict:
    return geojson(
        con,
        """SELECT d.district_id, d.name, a.n_buildings, a.heat_demand_mwh_per_year, a.co2e_t_per_year, a.heat_density_mwh_per_ha_year,
                  a.dh_share_pct, a.hp_share_pct, a.supply_area_type, d.geometry
           FROM districts d JOIN agg_district a USING (district_id) WHERE d.level = ?""",
        [level],
    )


def stock_for_model(con) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Buildings in the model's columns (ghgmodel.build_stock) with the synthetic non-residential stock
    (sector non_residential, a fractional n_buildings per row), the networks and their clean plants."""
    b = con.execute(
        """SELECT b.building_id, b.building_type, b.construction_year, b.heated_area_m2, b.carrier, b.retrofit,
                  b.final_energy_mwh_measured AS final_energy_mwh, n.ef_g_per_kwh AS dh_factor_g_per_kwh,
                  b.statbez_id AS district_id, h.hp_class, b.dh_network_id, b.in_dh_area,
                  coalesce(b.expansion_area_id, '') AS expansion_area_id, coalesce(e.year_planned, 0) AS expansion_year
           FROM buildings b JOIN hp_potential h USING (building_id)
           LEFT JOIN dh_networks n ON n.network_id = b.dh_network_id
           LEFT JOIN dh_expansion e USING (expansion_area_id)
           ORDER BY b.building_id"""
    ).df()
    b["sector"] = np.where(b["building_type"] == "NR", "non_residential", "residential")
    b["n_buildings"] = 1.0
    if has_table(con, "nonres_stock"):
        nr = con.execute(
            """SELECT n.building_id, 'NR' AS building_type, n.construction_year, n.heated_area_m2, n.carrier, 'none' AS retrofit,
                      n.final_energy_mwh_per_year AS final_energy_mwh, k.ef_g_per_kwh AS dh_factor_g_per_kwh, n.district_id,
                      'limited' AS hp_class, n.dh_network_id, n.in_dh_area, '' AS expansion_area_id, 0 AS expansion_year,
                      'non_residential' AS sector, n.n_buildings
               FROM nonres_stock n LEFT JOIN dh_networks k ON k.network_id = n.dh_network_id ORDER BY n.building_id"""
        ).df()
        if not nr.empty:
            b = pd.concat([b, nr], ignore_index=True)
    nets = con.execute("SELECT network_id, network_type, ef_g_per_kwh, fed_in_base_mwh, is_new, first_year FROM dh_networks").df()
    plants = con.execute(
        "SELECT network_id, plant_id, name, source, heat_mwh_per_year, first_year, last_year, ef_g_per_kwh FROM dh_plants ORDER BY network_id, plant_id"
    ).df()
    return b, nets, plants


def district_expansion(con, district_id: str) -> pd.DataFrame:
    """Planned expansion areas with buildings in a district, with their year and the district's buildings in them."""
    return con.execute(
        """SELECT e.expansion_area_id, e.name, e.year_planned, e.status, e.is_illustrative, count(*) AS n_buildings
           FROM buildings b JOIN dh_expansion e USING (expansion_area_id)
           WHERE b.statbez_id = ? OR b.stadtbezirk_id = ? OR ? LIKE 'city-%'
           GROUP BY ALL ORDER BY e.year_planned, e.name""",
        [district_id, district_id, district_id],
    ).df()


def district_dh_areas(con, district_id: str) -> pd.DataFrame:
    """Existing district-heating areas with buildings in a district."""
    return con.execute(
        """SELECT a.dh_area_id, a.name, a.network_id, n.name AS network_name, count(*) AS n_buildings,
                  count(*) FILTER (WHERE b.carrier = 'district_heating') AS n_connected
           FROM buildings b JOIN dh_areas a USING (dh_area_id) LEFT JOIN dh_networks n ON n.network_id = a.network_id
           WHERE b.statbez_id = ? OR b.stadtbezirk_id = ? OR ? LIKE 'city-%'
           GROUP BY ALL ORDER BY n_buildings DESC""",
        [district_id, district_id, district_id],
    ).df()


def district_children(con, district_id: str) -> list[str]:
    """The statistische Bezirke of a district (itself for a statbez, all for the city)."""
    rows = con.execute(
        """SELECT district_id FROM districts WHERE level = 'statbez'
           AND (district_id = ? OR parent_id = ? OR ? LIKE 'city-%') ORDER BY district_id""",
        [district_id, district_id, district_id],
    ).fetchall()
    return [r[0] for r in rows]


def search_addresses(con, text: str, limit: int = 8) -> pd.DataFrame:
    """Addresses with a word starting with each word of the query (bound parameters; LIKE wildcards escaped)."""
    from heatdb.addresses import clean_query

    words = clean_query(text).split()[:6]
    if not words:
        return pd.DataFrame(columns=["address_id", "label", "lon", "lat"])
    cond = " AND ".join(["(' ' || search_key) LIKE ? ESCAPE '\\'"] * len(words))
    # every word matches from the start of a word ("böving 5" finds Bövinghauser Straße 5, 50, 51a; not 15)
    esc = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    args = ["% " + w + "%" for w in esc]
    return con.execute(f"SELECT address_id, label, lon, lat FROM addresses WHERE {cond} ORDER BY label LIMIT ?", [*args, int(limit)]).df()


def location_places(con, lon: float, lat: float) -> dict:
    """The areas a point lies in: its statistischer Bezirk, an existing district-heating area, a planned expansion area.

    Returns {lon, lat, district: {district_id, name} | None, dh_area: {...} | None, expansion: {...} | None};
    planning areas only, no figure about buildings.
    """
    point = "ST_Point(?, ?)"
    out: dict = {"lon": lon, "lat": lat}
    d = con.execute(
        f"SELECT district_id, name, parent_id FROM districts WHERE level = 'statbez' AND ST_Contains(geometry, {point})", [lon, lat]
    ).fetchone()
    out["district"] = {"district_id": d[0], "name": d[1]} if d else None
    a = con.execute(
        f"""SELECT a.dh_area_id, a.name, n.name, n.operator, a.is_proxy FROM dh_areas a LEFT JOIN dh_networks n USING (network_id)
            WHERE ST_Contains(a.geometry, {point}) LIMIT 1""",
        [lon, lat],
    ).fetchone()
    out["dh_area"] = {"dh_area_id": a[0], "name": a[1], "network": a[2], "operator": a[3], "is_proxy": a[4]} if a else None
    e = con.execute(
        f"""SELECT expansion_area_id, name, year_planned, status, is_illustrative FROM dh_expansion
            WHERE ST_Contains(geometry, {point}) ORDER BY year_planned LIMIT 1""",
        [lon, lat],
    ).fetchone()
    out["expansion"] = {"expansion_area_id": e[0], "name": e[1], "year": int(e[2]), "status": e[3], "is_illustrative": e[4]} if e else None
    return out


def location_answer(con, lon: float, lat: float, min_buildings: int = 5) -> dict:
    """What the heat plan says at a point, from areas and aggregates only (never a building's record).

    The surroundings are the smallest unit around the point with at least `min_buildings` buildings:
    the 100 m cell, else the H3 cell of resolution 9, then 8, then the statistischer Bezirk. (The public
    instance answers from reports.disclosure instead, whose units cannot be subtracted from each other.)
    """
    out = location_places(con, lon, lat)
    d = (out["district"] or {}).get("district_id")
    import h3

    from heatdb.geo import cell_id, cell_of_point, lonlat_to_3035

    x, y = lonlat_to_3035([lon], [lat])
    cx, cy = cell_of_point(x, y)
    cols = "n_buildings, share_hp_ground_pct, share_hp_air_pct, share_hp_limited_pct, share_hp_unsuitable_pct, dh_share_pct, heat_density_mwh_per_ha_year"
    units = [
        (
            "cell",
            f"SELECT {cols}, supply_area_type, grade_heat_network, grade_decentral FROM agg_cell WHERE cell_id = ?",
            [cell_id(cx, cy)[0]],
        ),
        ("h3_r9", f"SELECT {cols}, NULL, NULL, NULL FROM agg_h3 WHERE resolution = 9 AND h3_index = ?", [h3.latlng_to_cell(lat, lon, 9)]),
        ("h3_r8", f"SELECT {cols}, NULL, NULL, NULL FROM agg_h3 WHERE resolution = 8 AND h3_index = ?", [h3.latlng_to_cell(lat, lon, 8)]),
    ]
    if d:
        units.append(
            (
                "statbez",
                f"SELECT {cols}, supply_area_type, grade_heat_network, grade_decentral FROM agg_district WHERE district_id = ?",
                [d],
            )
        )
    out["surroundings"] = None
    out["supply"] = None
    for unit, sql, args in units:
        r = con.execute(sql, args).fetchone()
        if r is None or r[0] < min_buildings:
            continue
        if out["surroundings"] is None:
            out["surroundings"] = {
                "unit": unit,
                "n_buildings": int(r[0]),
                "share_ground_pct": r[1],
                "share_air_pct": r[2],
                "share_limited_pct": r[3],
                "share_unsuitable_pct": r[4],
                "dh_share_pct": r[5],
                "heat_density_mwh_per_ha_year": r[6],
            }
        if out["supply"] is None and r[7] is not None:
            out["supply"] = {"unit": unit, "type": r[7], "grade_heat_network": r[8], "grade_decentral": r[9]}
        if out["surroundings"] is not None and out["supply"] is not None:
            break
    return out


def disclosure_microdata(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the public instance's publication rule (reports.disclosure) is computed from: one row per building and
    one row per 100 m cell. Read by the server only; nothing here is ever sent to a visitor as it is.

    Returns:
        buildings: statbez_id, stadtbezirk_id, cell_id, h3_r9, building_type, age_class, carrier, energy_carrier,
            hp_class, heated_area_m2, heat_demand_mwh_per_year, final_energy_mwh_per_year, co2e_t_per_year (no ids).
        cells: cell_id, statbez_id, x_3035, y_3035 (lower-left corner, m), area_ha, supply_area_type,
            grade_heat_network, grade_decentral (the proposal per cell, agg_cell).
    """
    buildings = con.execute(
        """SELECT b.statbez_id, b.stadtbezirk_id, b.cell_id, b.h3_r9, b.building_type, b.age_class, b.carrier, bb.energy_carrier,
                  coalesce(h.hp_class, 'unknown') AS hp_class, b.heated_area_m2, bb.heat_demand_mwh_per_year,
                  bb.final_energy_mwh_per_year, bb.co2e_t_per_year
           FROM buildings b JOIN building_balance bb USING (building_id) LEFT JOIN hp_potential h USING (building_id)
           ORDER BY b.building_id"""
    ).df()
    cells = con.execute(
        """SELECT g.cell_id, g.statbez_id, g.x_3035, g.y_3035, coalesce(a.area_ha, 1.0) AS area_ha, a.supply_area_type,
                  a.grade_heat_network, a.grade_decentral
           FROM grid_cells g LEFT JOIN agg_cell a USING (cell_id) ORDER BY g.cell_id"""
    ).df()
    return buildings, cells


def address_coverage(con) -> dict:
    """What the address list covers: the number of addresses, the statistische Bezirke they lie in, and their postcodes.

    Returns {n_addresses, districts: [names], postcodes: [codes]} (empty lists when there are no addresses).
    """
    n = int(con.execute("SELECT count(*) FROM addresses").fetchone()[0])
    names = con.execute(
        """SELECT d.name, count(*) AS n FROM addresses a JOIN grid_cells g USING (cell_id) JOIN districts d ON d.district_id = g.statbez_id
           GROUP BY d.name ORDER BY n DESC, d.name"""
    ).fetchall()
    codes = con.execute("SELECT DISTINCT postcode FROM addresses WHERE coalesce(postcode, '') <> '' ORDER BY postcode").fetchall()
    return {"n_addresses": n, "districts": [r[0] for r in names], "postcodes": [r[0] for r in codes]}


def search_places(con, text: str, limit: int = 8) -> pd.DataFrame:
    """Places beyond single addresses that match a query: districts (statistische Bezirke and Stadtbezirke) by name,
    streets of the address list by name, and postcodes of the address list.

    A name matches when every word of the query that is not a number starts a word of it (folded like
    heatdb.addresses.search_key); a postcode when the query holds it. Columns: kind ('district', 'street' or
    'postcode'), key (district id, street name or postcode), label, detail (the district's level, the street's
    postcode and town, the postcode's town), lon, lat (a point inside the district, the middle of the street's or
    postcode's addresses).
    """
    from heatdb.addresses import clean_query, search_key

    words = clean_query(text).split()[:6]
    names = [w for w in words if not w.isdigit()]
    codes = [w for w in words if w.isdigit() and len(w) == 5]
    cols = ["kind", "key", "label", "detail", "lon", "lat"]
    out = []

    def matches(name: str) -> bool:
        key = " " + search_key(name)
        return bool(names) and all(f" {w}" in key for w in names)

    if names:
        d = con.execute(
            """SELECT district_id, name, level, ST_X(p) AS lon, ST_Y(p) AS lat
               FROM (SELECT district_id, name, level, ST_PointOnSurface(geometry) AS p FROM districts WHERE level IN ('statbez', 'stadtbezirk'))
               ORDER BY level DESC, name"""
        ).df()
        d = d[[matches(n) for n in d["name"]]]
        out.append(
            pd.DataFrame(
                {"kind": "district", "key": d["district_id"], "label": d["name"], "detail": d["level"], "lon": d["lon"], "lat": d["lat"]}
            )
        )
        streets = con.execute(
            """SELECT street, any_value(postcode) AS postcode, any_value(city) AS city, avg(lon) AS lon, avg(lat) AS lat
               FROM addresses WHERE coalesce(street, '') <> '' GROUP BY street ORDER BY street"""
        ).df()
        streets = streets[[matches(n) for n in streets["street"]]]
        detail = [" ".join(x for x in (str(p or ""), str(c or "")) if x) for p, c in zip(streets["postcode"], streets["city"])]
        out.append(
            pd.DataFrame(
                {
                    "kind": "street",
                    "key": streets["street"],
                    "label": streets["street"],
                    "detail": detail,
                    "lon": streets["lon"],
                    "lat": streets["lat"],
                }
            )
        )
    if codes:
        pc = con.execute(
            """SELECT postcode, any_value(city) AS city, avg(lon) AS lon, avg(lat) AS lat FROM addresses
               WHERE list_contains(?::VARCHAR[], postcode) GROUP BY postcode ORDER BY postcode""",
            [codes],
        ).df()
        out.append(
            pd.DataFrame(
                {
                    "kind": "postcode",
                    "key": pc["postcode"],
                    "label": pc["postcode"],
                    "detail": pc["city"].fillna(""),
                    "lon": pc["lon"],
                    "lat": pc["lat"],
                }
            )
        )
    frames = [f for f in out if not f.empty]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols].head(int(limit))


def expansion_areas(con) -> pd.DataFrame:
    """Planned expansion areas (no geometry), ordered by year and name."""
    return con.execute(
        "SELECT expansion_area_id, name, year_planned, status, statbez_id FROM dh_expansion ORDER BY year_planned, name"
    ).df()


def table_overview(con) -> pd.DataFrame:
    """Every table of the schema (and import_log) with its row count and stored comment.

    A table the schema has but an older database lacks has no count (None) and the schema's description.
    """
    comments = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    names = [*TABLES, "import_log"]
    # names come from heatdb.schema, never from the user
    rows = [int(con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) if n in comments else None for n in names]
    text = [comments.get(n) or (TABLES[n][0] if n in TABLES else "") for n in names]
    return pd.DataFrame({"table": names, "rows": rows, "comment": text})


CALIBRATION_SQL = """
SELECT
    (SELECT count(*) FROM buildings) AS n_buildings,
    (SELECT sum(geb_gesamt_publ) FROM census_cells) AS n_buildings_census,
    (SELECT sum(dwellings) FROM buildings) AS n_dwellings,
    (SELECT sum(whg_gesamt_publ) FROM census_cells) AS n_dwellings_census,
    (SELECT sum(living_area_m2) FROM buildings) AS living_area_m2,
    (SELECT sum(wohnflaeche_m2_geschaetzt) FROM census_cells) AS living_area_census_m2,
    (SELECT coalesce(sum(bb.heat_demand_mwh_per_year), 0) FROM buildings b JOIN building_balance bb USING (building_id)
        WHERE b.carrier = 'district_heating') AS dh_delivered_mwh,
    (SELECT 100.0 * count(*) FILTER (WHERE bb.efficiency_class_need IN ('A+', 'A', 'B', 'C', 'D', 'E'))
        / count(*) FROM buildings b JOIN building_balance bb USING (building_id) WHERE b.building_type <> 'NR' AND ? > 0) AS class_e_share_pct,
    (SELECT 100.0 * count(*) FILTER (WHERE bb.efficiency_class IN ('A+', 'A', 'B', 'C', 'D', 'E'))
        / count(*) FROM buildings b JOIN building_balance bb USING (building_id) WHERE b.building_type <> 'NR') AS class_e_share_consumption_pct,
    (SELECT count(*) FILTER (WHERE carrier = 'district_heating') FROM buildings) AS n_dh_buildings,
    (SELECT coalesce(sum(n_buildings) FILTER (WHERE carrier = 'district_heating'), 0) FROM nonres_stock) AS n_dh_nonres,
    (SELECT count(*) FILTER (WHERE carrier IN ('heat_pump_air', 'heat_pump_ground')) FROM buildings) AS n_hp_buildings,
    (SELECT sum(bb.final_energy_mwh_per_year) FROM building_balance bb) AS residential_final_mwh,
    (SELECT sum(bb.final_energy_need_mwh_per_year) FROM building_balance bb) AS residential_final_need_mwh,
    (SELECT 100.0 * count(*) FILTER (WHERE carrier = 'gas') / count(*) FROM buildings) AS gas_share_pct,
    (SELECT count(*) FROM buildings WHERE geometry_source = 'osm') AS n_osm
"""


def calibration_counts(con, class_e_limit_kwh_per_m2: float) -> dict[str, float]:
    """The warehouse's sums beside the census's, for the calibration shown on Daten & Methodik.

    Args:
        con: an open connection.
        class_e_limit_kwh_per_m2: upper limit of efficiency class E, final energy in kWh/(m2 a).

    Returns:
        n_buildings, n_dwellings, living_area_m2 and their census sums (*_census), dh_delivered_mwh
        (district heat delivered to the modelled buildings, MWh/a), class_e_share_pct (residential
        buildings in class E or better by their calculated need on A_N, as the city's analysis; the limit
        argument is kept for callers, the classes come from building_balance), class_e_share_consumption_pct
        (the same by the calibrated consumption), n_dh_buildings, n_dh_nonres, n_hp_buildings,
        residential_final_mwh and residential_final_need_mwh (calibrated and calculated final energy), gas_share_pct (buildings heated with gas, %), n_osm (OpenStreetMap footprints).
    """
    row = con.execute(CALIBRATION_SQL, [class_e_limit_kwh_per_m2]).df().iloc[0]
    return {k: float(v) for k, v in row.items()}

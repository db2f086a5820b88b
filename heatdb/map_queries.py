"""Read queries for the map layers: compact geometries and only the columns a layer shows.

Parameters are bound with `?`, never formatted in. Coordinates are rounded to 5 decimals (about 1 m),
polygon rings are returned open (without the repeated first point) as [[lon, lat], ...] lists, the
form pydeck's PolygonLayer reads. Building rows carry no building_id.
"""

from __future__ import annotations

import json

import h3
import pandas as pd

DECIMALS = 5


def _round(value: str) -> float:
    return round(float(value), DECIMALS)


def parse_geojson(text: str | None) -> dict | None:
    """A GeoJSON geometry with every coordinate rounded to 5 decimals."""
    return None if text is None else json.loads(text, parse_float=_round)


def _ring(text: str) -> list[list[float]]:
    """The open exterior ring of a GeoJSON polygon."""
    coords = parse_geojson(text)["coordinates"]
    ring = coords[0][0] if isinstance(coords[0][0][0], list) else coords[0]  # MultiPolygon: its first part
    return ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring


def cells(con) -> pd.DataFrame:
    """All 100 m cells with their map measures and open rings (`ring`).

    Columns: cell_id, statbez_id, n_buildings, heat_demand_mwh_per_year, heat_density_mwh_per_ha_year,
    density_class, share_hp_ground_pct, share_hp_air_pct, supply_area_type, grade_heat_network,
    grade_decentral, ring.
    """
    frame = con.execute(
        """SELECT cell_id, statbez_id, n_buildings, heat_demand_mwh_per_year, heat_density_mwh_per_ha_year, density_class,
                  share_hp_ground_pct, share_hp_air_pct, supply_area_type, grade_heat_network, grade_decentral,
                  ST_AsGeoJSON(geometry) AS _geojson
           FROM agg_cell ORDER BY cell_id"""
    ).df()
    frame["ring"] = [_ring(g) for g in frame.pop("_geojson")]
    return frame


def hexagons(con, resolution: int) -> pd.DataFrame:
    """H3 cells of one resolution (8 or 9) with their map measures and the resolution-8 parent.

    Columns: h3_index, n_buildings, heat_demand_mwh_per_year, area_ha, heat_density_mwh_per_ha_year,
    share_hp_ground_pct, share_hp_air_pct, parent_r8 (the H3 parent at resolution 8).
    """
    frame = con.execute(
        """SELECT h3_index, n_buildings, heat_demand_mwh_per_year, area_ha, heat_density_mwh_per_ha_year,
                  share_hp_ground_pct, share_hp_air_pct
           FROM agg_h3 WHERE resolution = ? ORDER BY h3_index""",
        [int(resolution)],
    ).df()
    frame["parent_r8"] = [h3.cell_to_parent(h, 8) if resolution > 8 else h for h in frame["h3_index"]]
    return frame


def hexagon_area_ha(h3_index: str) -> float:
    """Area of an H3 cell, ha."""
    return h3.cell_area(h3_index, unit="km^2") * 100.0


def dh_areas(con) -> pd.DataFrame:
    """Existing district-heating areas. Columns: dh_area_id, name, network_name, area_ha, is_proxy, geometry (GeoJSON dict)."""
    frame = con.execute(
        """SELECT a.dh_area_id, a.name, coalesce(n.name, a.network_id) AS network_name, a.area_ha, a.is_proxy,
                  ST_AsGeoJSON(a.geometry) AS _geojson
           FROM dh_areas a LEFT JOIN dh_networks n USING (network_id) ORDER BY a.area_ha DESC"""
    ).df()
    frame["geometry"] = [parse_geojson(g) for g in frame.pop("_geojson")]
    return frame


def expansion_areas(con) -> pd.DataFrame:
    """Planned expansion areas. Columns: expansion_area_id, name, network_name, year_planned, status, area_ha,
    heat_density_mwh_per_ha_year, is_illustrative, geometry (GeoJSON dict)."""
    frame = con.execute(
        """SELECT e.expansion_area_id, e.name, coalesce(n.name, e.network_id) AS network_name, e.year_planned, e.status,
                  e.area_ha, e.heat_density_mwh_per_ha_year, e.is_illustrative, ST_AsGeoJSON(e.geometry) AS _geojson
           FROM dh_expansion e LEFT JOIN dh_networks n USING (network_id) ORDER BY e.year_planned, e.expansion_area_id"""
    ).df()
    frame["geometry"] = [parse_geojson(g) for g in frame.pop("_geojson")]
    return frame


def reach_geometry(con, district_ids, expansion_area_ids, network_id: str, *, tolerance_deg: float = 5e-5) -> tuple[dict | None, float]:
    """Outline of a project's reach: statistische Bezirke, expansion areas and the areas of its network, dissolved.

    Holes are filled: the union of neighbouring districts leaves sliver holes along their shared
    boundaries, and a reach has no holes that matter at city scale.

    Args:
        district_ids: statbez district ids.
        expansion_area_ids: dh_expansion ids.
        network_id: dh_networks id ('' for none); its dh_areas are part of the reach.
        tolerance_deg: simplification tolerance in degrees (5e-5 is about 4 m).

    Returns:
        (GeoJSON geometry or None when nothing matches, area in ha).
    """
    row = con.execute(
        """WITH g AS (
               SELECT geometry FROM districts WHERE level = 'statbez' AND list_contains(?::VARCHAR[], district_id)
               UNION ALL SELECT geometry FROM dh_expansion WHERE list_contains(?::VARCHAR[], expansion_area_id)
               UNION ALL SELECT geometry FROM dh_areas WHERE network_id = ? AND ? <> ''
           ), u AS (SELECT ST_Union_Agg(geometry) AS geom FROM g),
           parts AS (SELECT unnest(ST_Dump(geom), recursive := true) FROM u WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)),
           f AS (SELECT ST_Union_Agg(ST_MakePolygon(ST_ExteriorRing(geom))) AS geom FROM parts)
           SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ?)), ST_Area(ST_Transform(geom, 'EPSG:4326', 'EPSG:3035', always_xy := true)) / 1e4
           FROM f WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)""",
        [list(district_ids), list(expansion_area_ids), network_id or "", network_id or "", float(tolerance_deg)],
    ).fetchone()
    if row is None or row[0] is None:
        return None, 0.0
    return parse_geojson(row[0]), float(row[1] or 0.0)


def district_buildings(con, statbez_id: str) -> pd.DataFrame:
    """Buildings of one statistischer Bezirk for the planner map (no building_id).

    Columns: building_type, age_class, carrier, hp_class, ring.
    """
    frame = con.execute(
        """SELECT b.building_type, b.age_class, b.carrier, coalesce(h.hp_class, 'unknown') AS hp_class,
                  ST_AsGeoJSON(b.footprint) AS _geojson
           FROM buildings b LEFT JOIN hp_potential h USING (building_id)
           WHERE b.statbez_id = ? ORDER BY b.building_id""",
        [statbez_id],
    ).df()
    frame["ring"] = [_ring(g) for g in frame.pop("_geojson")]
    return frame

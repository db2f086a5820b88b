"""`python -m heatdb import KIND FILE`: validate first, then write into a copy and swap it in.

An import either completes or leaves the database byte for byte as it was: the file is read and
validated without touching the database; the database is then copied, the copy is changed and its
derived tables rebuilt, and only then does the copy replace the original (an atomic rename).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from heatdb import derive
from heatdb.build import build_parameters
from heatdb.connect import connect
from heatdb.errors import DatabaseError, ImportValidationError
from heatdb.geo import cell_id, cell_of_point, h3_cells, transform
from heatdb.layout import nearest_distance_m
from heatdb.osm import generic_probe_area
from heatdb.readers import read_buildings, read_census_cells, read_dh_areas, read_districts
from heatdb.store import wkb, write_census_cells, write_districts, write_frame, write_grid_cells
from heatdb.synth import corrected_building_counts

KINDS = ("districts", "zensus-cells", "dh-areas", "buildings", "addresses")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_file(kind: str, path: str | Path, db: str | Path) -> int:
    """Import `path` as `kind` into `db`; returns the number of rows imported."""
    path, db = Path(path), Path(db)
    if kind not in KINDS:
        raise ImportValidationError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}.")
    if not db.exists():
        raise DatabaseError(f"database {db} does not exist. Build it first: python -m heatdb build --out {db}")
    from heatdb.addresses import read_addresses

    reader = {"districts": read_districts, "zensus-cells": read_census_cells, "dh-areas": read_dh_areas, "buildings": read_buildings, "addresses": read_addresses}[kind]
    data = reader(path)  # raises ImportValidationError before anything is written
    params = build_parameters()
    tmp = db.with_name(f"{db.name}.import-{os.getpid()}")
    shutil.copyfile(db, tmp)
    try:
        con = connect(tmp)
        try:
            n = _apply(con, kind, data, params, path)
            sha = _sha256(path)
            con.execute(
                "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?)",
                [datetime.now(UTC).replace(tzinfo=None), kind, path.name, sha, n, ""],
            )
            # the data changed, so does its version: caches keyed by it are refreshed
            old = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
            new = hashlib.sha256(f"{old[0] if old else ''}|{kind}|{sha}".encode()).hexdigest()[:12]
            con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", [new])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('last_import_at', ?)", [datetime.now(UTC).isoformat(timespec="seconds")])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return n


def _apply(con, kind: str, data, params, path: Path) -> int:
    if kind == "districts":
        write_districts(con, data, "import:" + path.name)
        con.execute("UPDATE districts SET parent_id = (SELECT district_id FROM districts WHERE level = 'city' LIMIT 1) WHERE level = 'stadtbezirk' AND parent_id IS NULL")
        _register_source(con, "import:" + path.name, "districts", path)
        derive.assign_cells(con)
        derive.assign_area_districts(con)
        derive.assign_buildings(con)
        derive.compute_aggregates(con, params)
    elif kind == "zensus-cells":
        write_census_cells(con, data, corrected_building_counts(data), "import:" + path.name)
        _register_source(con, "import:" + path.name, "census_cells, grid_cells", path)
        extra = con.execute("SELECT DISTINCT cell_id FROM buildings").df()
        ids = pd.Index(data["cell_id"]).union(pd.Index(extra["cell_id"]))
        yx = ids.str.extract(r"N(\d+)E(\d+)").astype(float)
        write_grid_cells(con, ids.to_numpy(), yx[1].to_numpy(), yx[0].to_numpy())
        derive.assign_cells(con)
        derive.assign_buildings(con)
        derive.compute_aggregates(con, params)
    elif kind == "dh-areas":
        geoms = transform(data.geometry.to_numpy(), 4326, 3035)
        known = set(con.execute("SELECT network_id FROM dh_networks").df()["network_id"])
        fallback = next(iter(sorted(known)), "default")
        net = data["network_id"].fillna(fallback).replace({"None": fallback, "": fallback})
        default_type = params.text("dh.default_network_type")
        for nid in sorted(set(net) - known):  # a network named in the file but not yet known
            con.execute(
                "INSERT INTO dh_networks VALUES (?, ?, '', ?, NULL, NULL, false, ?, ?)",
                [nid, nid, default_type, "import:" + path.name, f"created by the import of {path.name}; GEG factor of type {default_type} until an own factor is set"],
            )
        write_frame(
            con,
            "dh_areas",
            pd.DataFrame(
                {
                    "dh_area_id": data["dh_area_id"],
                    "name": data["name"],
                    "network_id": net,
                    "area_ha": shapely.area(geoms) / 1e4,
                    "n_cells": data["n_cells"],
                    "geometry_wkb": wkb(data.geometry),
                    "is_proxy": False,
                    "source_id": "import:" + path.name,
                }
            ),
            ("geometry",),
        )
        _register_source(con, "import:" + path.name, "dh_areas", path)
        derive.assign_area_districts(con)
        derive.assign_buildings(con)
        derive.compute_balance(con, params)
        derive.compute_aggregates(con, params)
    elif kind == "buildings":
        _import_buildings(con, data, params, path)
    elif kind == "addresses":
        from heatdb.addresses import write_addresses

        write_addresses(con, data, "import:" + path.name)
        _register_source(con, "import:" + path.name, "addresses", path)
    return len(data)


def _register_source(con, source_id: str, tables: str, path: Path) -> None:
    con.execute(
        "INSERT OR REPLACE INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, tables, path.name, f"imported file {path.name} (SHA-256 {_sha256(path)[:16]})", "as given by the importer", "", "", False, "imported with python -m heatdb import"],
    )


def _import_buildings(con, data, params, path: Path) -> None:
    """Replace all buildings by the imported ones and rebuild everything derived from them."""
    fps = transform(data.geometry.to_numpy(), 4326, 3035)
    cent = shapely.centroid(fps)
    x3, y3 = shapely.get_x(cent), shapely.get_y(cent)
    cent_ll = shapely.centroid(data.geometry.to_numpy())
    lon, lat = shapely.get_x(cent_ll), shapely.get_y(cent_ll)
    cx, cy = cell_of_point(x3, y3)
    living = data["living_area_m2"].to_numpy(dtype=float)
    heated = data["heated_area_m2"].to_numpy(dtype=float)
    ratio = params.value("a_c_ref_per_living_area")
    heated = np.where(np.isnan(heated), living * ratio, heated)
    living = np.where(np.isnan(living), heated / ratio, living)
    fp_area = shapely.area(fps)
    storeys = data["storeys"].to_numpy(dtype=float)
    storeys = np.where(np.isnan(storeys), np.clip(np.round(living * params.value("gross_floor_per_living_area") / fp_area), 1, 40), storeys)
    from ghgmodel.demand import need_table

    table = need_table(params)
    years = data["construction_year"].to_numpy()
    frame = pd.DataFrame(
        {
            "building_id": data["building_id"],
            "footprint_wkb": wkb(data.geometry),
            "footprint_m2": fp_area,
            "centroid_lon": lon,
            "centroid_lat": lat,
            "x_3035": x3,
            "y_3035": y3,
            "cell_id": cell_id(cx, cy),
            "h3_r8": h3_cells(lat, lon, 8),
            "h3_r9": h3_cells(lat, lon, 9),
            "building_type": data["building_type"],
            "zensus_building_type": None,
            "construction_year": years,
            "age_class": _age_class(years),
            "tabula_class": table.span_label(table.span_index(years)),
            "storeys": storeys.astype(np.int64),
            "dwellings": data["dwellings"],
            "living_area_m2": living,
            "heated_area_m2": heated,
            "heating_system": data["heating_system"],
            "carrier": data["carrier"],
            "retrofit": data["retrofit"],
            "final_energy_mwh_measured": data["final_energy_mwh_measured"],
            "in_dh_area": False,
            "provenance": "real",
            "geometry_source": "import",
            "source_id": "import:" + path.name,
        }
    )
    write_frame(con, "buildings", frame, ("footprint",))
    _register_source(con, "import:" + path.name, "buildings", path)
    # grid cells for every building (keep the census cells)
    existing = con.execute("SELECT cell_id, x_3035, y_3035 FROM grid_cells").df()
    new = pd.DataFrame({"cell_id": frame["cell_id"], "x_3035": cx, "y_3035": cy}).drop_duplicates("cell_id")
    cells = pd.concat([existing, new[~new["cell_id"].isin(existing["cell_id"])]], ignore_index=True)
    write_grid_cells(con, cells["cell_id"], cells["x_3035"], cells["y_3035"])
    derive.assign_cells(con)
    derive.assign_buildings(con)
    con.execute(
        """UPDATE buildings SET expansion_area_id = m.expansion_area_id FROM (
               SELECT b.building_id, e.expansion_area_id FROM buildings b JOIN dh_expansion e
               ON ST_Within(ST_Point(b.centroid_lon, b.centroid_lat), e.geometry)) m
           WHERE buildings.building_id = m.building_id AND NOT buildings.in_dh_area"""
    )
    derive.compute_balance(con, params)
    hp_inputs = pd.DataFrame(
        {
            "building_id": frame["building_id"],
            "probe_area_m2": generic_probe_area(fps, setback=params.value("hp.probe_setback_plot_m"), distance=params.value("hp.probe_distance_building_m")),
            "neighbour_distance_m": nearest_distance_m(fps),
        }
    )
    derive.compute_hp_potential(con, params, hp_inputs)
    derive.compute_aggregates(con, params)


def _age_class(years: np.ndarray) -> np.ndarray:
    from heatdb.synth import AGE_CLASSES

    bounds = np.array([b if b is not None else 9999 for _, _, _, b in AGE_CLASSES])
    labels = np.array([lab for _, lab, _, _ in AGE_CLASSES], dtype=object)
    return labels[np.searchsorted(bounds, years, side="left").clip(max=len(labels) - 1)]


__all__ = ["KINDS", "import_file"]

"""A city's own buildings (`buildings`): canonical columns, OpenStreetMap tags or ALKIS attributes.

`read` recognises the layout (imports.building_formats), estimates what the file does not give and
checks every row; `apply` replaces all buildings and rebuilds everything derived from them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ghgmodel.carriers import BUILDING_TYPES, HEATING_CARRIERS, RETROFIT_LEVELS
from ghgmodel.demand import need_table
from ghgmodel.params import Parameters
from heatdb import derive
from heatdb.census import age_class
from heatdb.errors import ImportValidationError
from heatdb.geo import cell_id, cell_of_point, h3_cells, transform
from heatdb.readers import DECLARED_CRS, open_vector
from heatdb.store import wkb, write_frame, write_grid_cells
from heatdb.validate import SKIPPED, Checker, require_columns
from imports import census_fill, dh_expansion, parallel_geometry, zensus2022
from imports.building_formats import detect_or_none, to_canonical
from imports.provenance import register_source

HEATING_SYSTEMS = ("fernheizung", "etagenheizung", "blockheizung", "zentralheizung", "einzel_mehrraumoefen", "keine_heizung", "unknown")


def read(path: str | Path, *, skip_invalid: bool = False, mapping: str | dict = "auto") -> gpd.GeoDataFrame:
    """A city's own building footprints: canonical columns, OpenStreetMap tags or ALKIS attributes.

    The layout is recognised (or named by `mapping`, see imports.building_formats.to_canonical);
    what an OSM or ALKIS file does not give is estimated and named per row in `estimated_attributes`.
    Unheated buildings (garages, sheds, ...) are left out. `attrs` carries `layout` (the mapping used)
    and `n_unheated_dropped`. Problems name the row of the file, also for rows after left-out ones.
    """
    gdf = open_vector(path)
    geo = Checker(path, gdf)
    geo.geometry(gdf.geometry.to_numpy(), ("Polygon", "MultiPolygon"), declared_crs=gdf.attrs[DECLARED_CRS])
    layout = detect_or_none(gdf.columns) if mapping == "auto" else ("custom" if isinstance(mapping, dict) else mapping)
    if layout in (None, "canonical") and not isinstance(mapping, dict):
        out = _checked_buildings(path, gdf, geo, skip_invalid)
        out.attrs.update(layout="canonical", n_unheated_dropped=0)
        return out
    # a source layout: the mapping measures the footprints, so it gets the rows with valid geometries
    good = np.flatnonzero(~geo.bad)
    if not len(good):
        raise geo.error()
    mapped, problems = _mapped_buildings(path, gdf.iloc[good].reset_index(drop=True), mapping, good + 1, skip_invalid)
    if mapped is None:  # refused rows, not skipped: list them with the geometry problems
        raise ImportValidationError(problems=sorted([*geo.problems, *problems], key=lambda p: p.row), total=geo.total + len(problems))
    if len(mapped) == 0:
        raise ImportValidationError.of(
            file=path,
            problem=(
                f"holds no heated building ({mapped.attrs['n_unheated_dropped']} garages, sheds and other unheated buildings)",
                f"enthält kein beheiztes Gebäude ({mapped.attrs['n_unheated_dropped']} Garagen, Schuppen und andere unbeheizte Gebäude)",
            ),
            fix=(
                "Import a file with the heated buildings (an import replaces all buildings).",
                "Eine Datei mit den beheizten Gebäuden importieren (ein Import ersetzt alle Gebäude).",
            ),
        )
    chk = Checker(path, mapped, rows=good[mapped.attrs["source_rows"] - 1] + 1)
    chk.problems[:0] = [*geo.problems, *problems]
    chk.total += geo.total + len(problems)
    n_left_out = int(geo.bad.sum()) + len(problems)
    if n_left_out and not skip_invalid:
        chk.bad[:] = True  # nothing is imported; every problem is listed
    out = _checked_buildings(path, mapped, chk, skip_invalid)
    if n_left_out:
        out.attrs[SKIPPED] = list(chk.problems)
        out.attrs["skipped_total"] = out.attrs.get("skipped_total", 0) + n_left_out
    out.attrs.update(layout=layout, n_unheated_dropped=int(mapped.attrs["n_unheated_dropped"]))
    return out


def _mapped_buildings(path, gdf: gpd.GeoDataFrame, mapping, rows: np.ndarray, skip_invalid: bool):
    """(canonical frame, problems of the rows left out): rows whose attributes the mapping refuses
    (e.g. unknown ALKIS function codes) are left out with skip_invalid; without it (None, their problems)."""
    try:
        return to_canonical(gdf, mapping, file_name=Path(path).name)[0], []
    except ImportValidationError as exc:
        row_problems = [p for p in exc.problems if p.row is not None]
        if not row_problems or len(row_problems) < len(exc.problems):
            raise
        problems = [replace(p, row=int(rows[p.row - 1])) for p in row_problems]
        if not skip_invalid:
            return None, problems
        keep = np.setdiff1d(np.arange(len(gdf)), [p.row - 1 for p in row_problems])
        if not len(keep):
            raise ImportValidationError(problems=problems, total=exc.total) from None
        mapped = to_canonical(gdf.iloc[keep].reset_index(drop=True), mapping, file_name=Path(path).name)[0]
        mapped.attrs["source_rows"] = keep[mapped.attrs["source_rows"] - 1] + 1
        return mapped, problems


def _checked_buildings(path, gdf: gpd.GeoDataFrame, chk: Checker, skip_invalid: bool) -> gpd.GeoDataFrame:
    """Check the canonical building columns of `gdf` (rows of `chk`) and return the rows to import."""
    require_columns(
        path,
        gdf,
        ["building_id", "building_type", "construction_year", "carrier"],
        fix=(
            "Add or rename the columns, export with OpenStreetMap tags or ALKIS attributes, or name your columns with --mapping FILE.json {source column: canonical column}.",
            "Spalten ergänzen oder umbenennen, mit OpenStreetMap-Tags oder ALKIS-Attributen exportieren oder die eigenen Spalten mit --mapping DATEI.json {Quellspalte: Zielspalte} zuordnen.",
        ),
    )
    if "heated_area_m2" not in gdf and "living_area_m2" not in gdf:
        raise ImportValidationError.of(
            file=path,
            problem=("needs heated_area_m2 or living_area_m2", "braucht heated_area_m2 oder living_area_m2"),
            fix=("Add one of the two columns (m2).", "Eine der beiden Spalten ergänzen (m²)."),
        )
    out = pd.DataFrame({"building_id": chk.text("building_id", unique=True).astype(str)})
    out["building_type"] = chk.text("building_type", allowed=BUILDING_TYPES).astype(str)
    out["construction_year"] = chk.number("construction_year", 1500, 2030, integer=True)
    out["carrier"] = chk.text("carrier", allowed=HEATING_CARRIERS).astype(str)
    heated = chk.number("heated_area_m2", 1, 1e6, required=False)
    living = chk.number("living_area_m2", 1, 1e6, required=False)
    out["living_area_m2"] = living
    out["heated_area_m2"] = heated
    out["storeys"] = chk.number("storeys", 1, 100, integer=True, required=False)
    out["dwellings"] = chk.number("dwellings", 0, 5000, integer=True, required=False)
    out["retrofit"] = (
        chk.text("retrofit", allowed=RETROFIT_LEVELS, required=False).fillna("none").astype(str) if "retrofit" in gdf else "none"
    )
    out["heating_system"] = (
        chk.text("heating_system", allowed=HEATING_SYSTEMS, required=False).fillna("unknown").astype(str)
        if "heating_system" in gdf
        else "unknown"
    )
    out["final_energy_mwh_measured"] = chk.number("final_energy_mwh", 0, 1e6, required=False)
    if "estimated_attributes" in gdf:
        out["estimated_attributes"] = gdf["estimated_attributes"].fillna("").astype(str).to_numpy()
    given = {c: gdf[c] for c in ("heated_area_m2", "living_area_m2") if c in gdf}
    # a row without either area, where neither cell holds a (bad) value already reported
    blank = np.ones(len(gdf), dtype=bool)
    for raw in given.values():
        blank &= (raw.isna() | (raw.astype("string").str.strip() == "")).fillna(True).to_numpy()
    chk.add(
        blank,
        column="heated_area_m2",
        values="",
        problem=("is empty (and living_area_m2 too)", "ist leer (und living_area_m2 auch)"),
        fix=("Give one of the two areas.", "Eine der beiden Flächen angeben."),
    )
    out = chk.finish(gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326), skip_invalid=skip_invalid)
    out["construction_year"] = out["construction_year"].astype(np.int64)
    return out


def apply(con, data, params: Parameters, path: Path) -> int:
    """Replace all buildings by the imported ones and rebuild everything derived from them.

    Attributes the file did not give (named in `estimated_attributes` by imports.building_formats)
    are drawn again from this database's census cells: Zensus 2022 where imported, else Zensus 2011.
    The per-footprint geometry (probe area, neighbour distance) runs on all cores
    (imports.parallel_geometry); 1,000,000 footprints import in about the time of benchmarks/import_bench.py.
    """
    geoms = data.geometry.to_numpy()
    fps = transform(geoms, 4326, 3035)
    cent = shapely.centroid(fps)
    x3, y3 = shapely.get_x(cent), shapely.get_y(cent)
    cent_ll = shapely.centroid(geoms)
    lon, lat = shapely.get_x(cent_ll), shapely.get_y(cent_ll)
    cx, cy = cell_of_point(x3, y3)
    cells_of = cell_id(cx, cy)
    living = data["living_area_m2"].to_numpy(dtype=float)
    heated = data["heated_area_m2"].to_numpy(dtype=float)
    ratio = params.value("a_c_ref_per_living_area")
    heated = np.where(np.isnan(heated), living * ratio, heated)
    living = np.where(np.isnan(living), heated / ratio, living)
    fp_area = shapely.area(fps)
    storeys = data["storeys"].to_numpy(dtype=float)
    storeys = np.where(np.isnan(storeys), np.clip(np.round(living * params.value("gross_floor_per_living_area") / fp_area), 1, 40), storeys)
    attrs = pd.DataFrame(
        {
            "building_id": data["building_id"].to_numpy(),
            "construction_year": data["construction_year"].to_numpy(),
            "carrier": data["carrier"].to_numpy(dtype=object),
            "estimated_attributes": data["estimated_attributes"].fillna("").astype(str).to_numpy()
            if "estimated_attributes" in data
            else "",
        }
    )
    flagged = attrs["estimated_attributes"].astype(str)
    est_year = flagged.str.contains(r"(?:^|,)construction_year(?:,|$)").to_numpy(dtype=bool)
    est_carrier = flagged.str.contains(r"(?:^|,)carrier(?:,|$)").to_numpy(dtype=bool)
    if est_year.any() or est_carrier.any():
        dist, has_years = zensus2022.census_distributions(con, params)
        attrs = census_fill.fill_from_census(attrs, cells_of, dist, year=est_year & has_years, carrier=est_carrier)
    probe_area, neighbour = parallel_geometry.probe_and_neighbour(
        fps, setback=params.value("hp.probe_setback_plot_m"), distance=params.value("hp.probe_distance_building_m")
    )
    table = need_table(params)
    years = attrs["construction_year"].to_numpy(dtype=np.int64)
    frame = pd.DataFrame(
        {
            "building_id": data["building_id"],
            "footprint_wkb": wkb(geoms),
            "footprint_m2": fp_area,
            "centroid_lon": lon,
            "centroid_lat": lat,
            "x_3035": x3,
            "y_3035": y3,
            "cell_id": cells_of,
            "h3_r8": h3_cells(lat, lon, 8),
            "h3_r9": h3_cells(lat, lon, 9),
            "building_type": data["building_type"],
            "zensus_building_type": None,
            "construction_year": years,
            "age_class": age_class(years),
            "tabula_class": table.span_label(table.span_index(years)),
            "storeys": storeys.astype(np.int64),
            "dwellings": data["dwellings"],
            "living_area_m2": living,
            "heated_area_m2": heated,
            "heating_system": data["heating_system"],
            "carrier": attrs["carrier"].to_numpy(dtype=object),
            "retrofit": data["retrofit"],
            "final_energy_mwh_measured": data["final_energy_mwh_measured"],
            "in_dh_area": False,
            "provenance": "real",
            "geometry_source": "import",
            "source_id": "import:" + path.name,
            "estimated_attributes": attrs["estimated_attributes"].to_numpy(dtype=object),
        }
    )
    write_frame(con, "buildings", frame, ("footprint",))
    register_source(con, "import:" + path.name, "buildings", path)
    # grid cells for every building (keep the census cells)
    existing = con.execute("SELECT cell_id, x_3035, y_3035 FROM grid_cells").df()
    new = pd.DataFrame({"cell_id": frame["cell_id"], "x_3035": cx, "y_3035": cy}).drop_duplicates("cell_id")
    cells = pd.concat([existing, new[~new["cell_id"].isin(existing["cell_id"])]], ignore_index=True)
    write_grid_cells(con, cells["cell_id"], cells["x_3035"], cells["y_3035"])
    derive.assign_cells(con)
    derive.assign_buildings(con)
    dh_expansion.assign_expansion(con)
    derive.compute_balance(con, params)
    hp_inputs = pd.DataFrame({"building_id": frame["building_id"], "probe_area_m2": probe_area, "neighbour_distance_m": neighbour})
    derive.compute_hp_potential(con, params, hp_inputs)
    derive.compute_aggregates(con, params)
    return len(data)


__all__ = ["HEATING_SYSTEMS", "apply", "read"]

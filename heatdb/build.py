"""Building the warehouse from the shipped sources: deterministic, atomic, with progress.

The database is written to a temporary file next to the target and moved into place only when every
step has succeeded, so an interrupted build never leaves a broken database behind.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from ghgmodel.factors import electricity_factor
from ghgmodel.networks import residual_factor, source_factor, supply_year
from ghgmodel.params import Parameters, load_parameters
from heatdb import derive
from heatdb.census import corrected_building_counts
from heatdb.connect import connect
from heatdb.expansion import derive_expansion_areas
from heatdb.geo import h3_cells, points_to_lonlat, transform
from heatdb.layout import nearest_distance_m, place_buildings
from heatdb.osm import generic_probe_area, merge_osm, residential_osm
from heatdb.readers import read_census_cells, read_dh_areas, read_districts, read_vector
from heatdb.sources import DATA_SOURCES, FILES, SOURCE_DIR
from heatdb.store import init_schema, wkb, write_census_cells, write_districts, write_frame, write_grid_cells, write_meta
from heatdb.synth import generate_buildings

SYNTH_PARAMS = Path(__file__).parent / "params" / "synth.csv"
FORMATS_PARAMS = Path(__file__).parent / "params" / "formats.csv"  # reading the sources' own formats (imports)
PARAM_DIR = Path(__file__).resolve().parent.parent / "ghgmodel" / "params"
CODE_ROOT = Path(__file__).resolve().parent.parent  # the folder that holds heatdb/ and ghgmodel/
# Every module of heatdb and ghgmodel the build runs: its code makes the stored numbers, so it is part of
# the data version. Exactly the modules heatdb.build imports, directly or not (a test checks this against
# the import graph, so a new build step cannot be forgotten here). The Makefile rebuilds on any change
# of heatdb/ or ghgmodel/, which is more than this and harmless.
BUILD_MODULES = (
    "ghgmodel.balance",
    "ghgmodel.carriers",
    "ghgmodel.demand",
    "ghgmodel.epc",
    "ghgmodel.errors",
    "ghgmodel.factors",
    "ghgmodel.heatpump",
    "ghgmodel.networks",
    "ghgmodel.nonres",
    "ghgmodel.params",
    "ghgmodel.supply",
    "ghgmodel.systems",
    "heatdb.addresses",
    "heatdb.build",
    "heatdb.census",
    "heatdb.connect",
    "heatdb.derive",
    "heatdb.errors",
    "heatdb.expansion",
    "heatdb.geo",
    "heatdb.layout",
    "heatdb.osm",
    "heatdb.readers",
    "heatdb.schema",
    "heatdb.sources",
    "heatdb.store",
    "heatdb.synth",
    "heatdb.validate",
)
SCHARNHORST_NETWORK = "fn_scharnhorst"


def build_parameters() -> Parameters:
    """The model's parameters plus the generator's (heatdb/params/synth.csv) and the importers' (formats.csv)."""
    return load_parameters(SYNTH_PARAMS, FORMATS_PARAMS)


class Progress:
    """A plain progress bar on stderr: one line per step with its time."""

    def __init__(self, steps: int, enabled: bool = True):
        self.steps, self.done, self.enabled, self.t0 = steps, 0, enabled, time.perf_counter()
        self.last = self.t0
        self.times: dict[str, float] = {}

    def step(self, label: str) -> None:
        now = time.perf_counter()
        if self.done:
            self.times[self._label] = now - self.last
        self.done += 1
        self._label = label
        self.last = now
        if self.enabled:
            bar = "#" * self.done + "." * (self.steps - self.done)
            print(f"[{bar}] {self.done:2d}/{self.steps} {label} ({now - self.t0:5.1f} s)", file=sys.stderr, flush=True)

    def finish(self) -> float:
        now = time.perf_counter()
        if self.done:
            self.times[self._label] = now - self.last
        if self.enabled:
            print(f"[{'#' * self.steps}] done in {now - self.t0:.1f} s", file=sys.stderr, flush=True)
        return now - self.t0


@dataclass
class BuildReport:
    path: Path
    seconds: float
    n_buildings: int
    data_version: str
    step_seconds: dict = field(default_factory=dict)


def data_version(source_dir: Path, params: Parameters, scale: float) -> str:
    """Hash of everything the stored numbers are made from: the source files, the parameter tables, the
    code of the modules the build runs (BUILD_MODULES) and the scale.

    Code the build does not run (queries, the importers, the portfolio, the rest of the model) is not
    part of it: editing it changes no stored number, so it must not tell a frozen snapshot that the
    data changed.
    """
    h = hashlib.sha256()
    for name in sorted(FILES.values()):
        h.update(name.encode())
        h.update(hashlib.sha256((source_dir / name).read_bytes()).digest())
    for p in sorted(PARAM_DIR.glob("*.csv")) + [SYNTH_PARAMS]:
        h.update(p.name.encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    for module in BUILD_MODULES:
        h.update(module.encode())
        h.update(hashlib.sha256(module_path(module).read_bytes()).digest())
    h.update(f"scale={scale:g}".encode())
    return h.hexdigest()[:12]


def module_path(module: str) -> Path:
    """The source file of a module of this repository (heatdb.build -> CODE_ROOT/heatdb/build.py)."""
    return CODE_ROOT.joinpath(*module.split(".")).with_suffix(".py")


def build_database(out: str | Path, *, source_dir: str | Path = SOURCE_DIR, scale: float = 1.0, progress: bool = True) -> BuildReport:
    """Build the warehouse into `out` (replaced atomically).

    Args:
        out: target database file.
        source_dir: folder with the files named in heatdb.sources.FILES.
        scale: multiply the synthetic buildings per cell (1.0 = the real counts; benchmarks use more).
        progress: print a progress bar to stderr.
    """
    out = Path(out)
    source_dir = Path(source_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    params = build_parameters()
    bar = Progress(12, progress)
    con = connect(tmp)
    try:
        n_buildings = _build(con, params, source_dir, scale, bar)
        version = data_version(source_dir, params, scale)
        write_meta(
            con,
            {
                "data_version": version,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "scale": f"{scale:g}",
                "seed": int(params.value("synth.seed")),
                "balance_year": derive.BALANCE_YEAR,
                "factor_set": derive.FACTOR_SET,
                "city_name": "Dortmund",
                "n_buildings": n_buildings,
            },
        )
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, out)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    seconds = bar.finish()
    return BuildReport(path=out, seconds=seconds, n_buildings=n_buildings, data_version=version, step_seconds=bar.times)


def _build(con, params: Parameters, source_dir: Path, scale: float, bar: Progress) -> int:
    init_schema(con)
    write_frame(con, "data_sources", pd.DataFrame(DATA_SOURCES))

    bar.step("districts")
    for key in ("city", "stadtbezirke", "statbez"):
        write_districts(con, read_districts(source_dir / FILES[key]), "do_districts")
    con.execute("UPDATE districts SET parent_id = (SELECT district_id FROM districts WHERE level = 'city') WHERE level = 'stadtbezirk'")

    bar.step("census cells")
    cells = read_census_cells(source_dir / FILES["census_cells"])
    n_corr = corrected_building_counts(cells)
    write_census_cells(con, cells, n_corr, "zensus2011_100m")
    write_grid_cells(con, cells["cell_id"], cells["x_3035"], cells["y_3035"])
    derive.assign_cells(con)
    assigned = con.execute("SELECT cell_id, statbez_id FROM grid_cells ORDER BY cell_id").df()
    cells = cells.merge(assigned, on="cell_id", how="left", validate="one_to_one")
    if "statbez_nr" in cells:
        mismatch = int((("statbez-" + cells["statbez_nr"]) != cells["statbez_id"]).sum())
        write_meta(con, {"cells_statbez_mismatch": mismatch})
    cells["statbez_code"] = cells["statbez_id"]

    bar.step("synthetic buildings")
    stock = generate_buildings(cells, params, scale=scale)
    b = stock.buildings
    rng = np.random.default_rng(int(params.value("synth.seed")) + 1)

    bar.step("footprints")
    cell_of = b["cell_index"].to_numpy()
    layout = place_buildings(
        cells["x_3035"].to_numpy(),
        cells["y_3035"].to_numpy(),
        cell_of,
        stock.n_per_cell,
        b["living_area_m2"].to_numpy(),
        b["storeys"].to_numpy(),
        params,
        rng,
    )
    fps = layout.footprints()
    storeys = layout.storeys
    setback = params.value("hp.probe_setback_plot_m")
    distance = params.value("hp.probe_distance_building_m")
    probe_area = layout.probe_area_m2(setback, distance)

    bar.step("OpenStreetMap footprints")
    osm = residential_osm(read_vector(source_dir / FILES["osm"], geometry_types=("Polygon", "MultiPolygon")))
    cx = cells["x_3035"].to_numpy()[cell_of]
    cy = cells["y_3035"].to_numpy()[cell_of]
    gross = b["living_area_m2"].to_numpy() * params.value("gross_floor_per_living_area")
    fps, osm_id, moved = merge_osm(fps, cx, cy, gross, osm, rng)
    is_osm = osm_id != None  # noqa: E711  (object array)
    fp_area = shapely.area(fps)
    storeys = np.where(is_osm, np.clip(np.round(gross / fp_area), 1, 25), storeys).astype(np.int64)
    osm_levels = pd.Series(osm["levels"].to_numpy(), index=osm["osm_id"]).dropna()
    if len(osm_levels):
        lv = pd.Series(osm_id).map(osm_levels).to_numpy(dtype=float)
        storeys = np.where(~np.isnan(lv), lv, storeys).astype(np.int64)
    special = is_osm | moved
    if special.any():
        in_osm_cells = np.isin(cell_of, np.unique(cell_of[special]))
        probe_area[in_osm_cells] = generic_probe_area(fps[in_osm_cells], setback=setback, distance=distance)

    bar.step("geometry, H3")
    neighbour = nearest_distance_m(fps)
    cent = shapely.centroid(fps)
    x3, y3 = shapely.get_x(cent), shapely.get_y(cent)
    lon, lat = points_to_lonlat(x3, y3)
    fps_ll = transform(fps, 3035, 4326)
    ids = np.char.add("B", np.char.zfill(np.arange(1, len(b) + 1).astype(str), 7))
    frame = pd.DataFrame(
        {
            "building_id": ids,
            "footprint_wkb": wkb(fps_ll),
            "footprint_m2": fp_area,
            "centroid_lon": lon,
            "centroid_lat": lat,
            "x_3035": x3,
            "y_3035": y3,
            "cell_id": cells["cell_id"].to_numpy()[cell_of],
            "h3_r8": h3_cells(lat, lon, 8),
            "h3_r9": h3_cells(lat, lon, 9),
            "building_type": b["building_type"],
            "zensus_building_type": b["zensus_building_type"],
            "construction_year": b["construction_year"],
            "age_class": b["age_class"],
            "storeys": storeys,
            "dwellings": b["dwellings"],
            "living_area_m2": b["living_area_m2"],
            "heated_area_m2": b["heated_area_m2"],
            "heating_system": b["heating_system"],
            "carrier": b["carrier"],
            "retrofit": b["retrofit"],
            "in_dh_area": False,
            "provenance": "synthetic",
            "geometry_source": np.where(is_osm, "osm", "synthetic"),
            "osm_id": osm_id,
            "source_id": "synthetic_buildings",
        }
    )
    from ghgmodel.demand import need_table

    table = need_table(params)
    frame["tabula_class"] = table.span_label(table.span_index(frame["construction_year"].to_numpy()))
    write_frame(con, "buildings", frame, ("footprint",))
    hp_inputs = pd.DataFrame({"building_id": ids, "probe_area_m2": probe_area, "neighbour_distance_m": neighbour})

    bar.step("district-heating areas")
    areas = read_dh_areas(source_dir / FILES["dh_proxy"])
    areas["network_id"] = np.where(areas["lage_stadtbezirk"] == "Scharnhorst", SCHARNHORST_NETWORK, "dew21")
    areas_3035 = transform(areas.geometry.to_numpy(), 4326, 3035)
    write_frame(
        con,
        "dh_areas",
        pd.DataFrame(
            {
                "dh_area_id": areas["dh_area_id"],
                "name": areas["name"],
                "network_id": areas["network_id"],
                "area_ha": shapely.area(areas_3035) / 1e4,
                "n_cells": areas["n_cells"],
                "geometry_wkb": wkb(areas.geometry),
                "is_proxy": True,
                "source_id": "dh_proxy_zensus2011",
            }
        ),
        ("geometry",),
    )
    derive.assign_area_districts(con)
    _write_networks(con, params, fed_in_share=None, source_dir=source_dir)
    derive.assign_buildings(con)

    bar.step("heat balance")
    bal = derive.compute_balance(con, params)
    _write_networks(con, params, fed_in_share=bal, source_dir=source_dir)
    bal = derive.compute_balance(con, params)  # again: the networks' factors follow from the heat fed in

    bar.step("expansion areas")
    per_cell = con.execute(
        """SELECT g.cell_id, g.x_3035, g.y_3035, g.statbez_id, coalesce(sum(bb.heat_demand_mwh_per_year), 0) AS heat_demand_mwh_per_year
           FROM grid_cells g LEFT JOIN buildings b USING (cell_id) LEFT JOIN building_balance bb USING (building_id) GROUP BY ALL"""
    ).df()
    names = dict(con.execute("SELECT district_id, name FROM districts").fetchall())
    exp, cell_area = derive_expansion_areas(per_cell, areas_3035, areas["network_id"].to_numpy(), names, params)
    exp_ll = transform(exp.geometry.to_numpy(), 3035, 4326) if len(exp) else np.array([])
    write_frame(
        con,
        "dh_expansion",
        pd.DataFrame(
            {
                "expansion_area_id": exp["expansion_area_id"],
                "name": exp["name"],
                "network_id": exp["network_id"],
                "year_planned": exp["year_planned"],
                "status": "illustrative",
                "area_ha": shapely.area(exp.geometry.to_numpy()) / 1e4 if len(exp) else [],
                "n_cells": exp["n_cells"],
                "heat_demand_mwh_per_year": exp["heat_demand_mwh_per_year"],
                "heat_density_mwh_per_ha_year": exp["heat_demand_mwh_per_year"] / exp["n_cells"].clip(lower=1),
                "distance_to_network_m": exp["distance_to_network_m"],
                "statbez_id": exp["statbez_id"],
                "geometry_wkb": wkb(exp_ll) if len(exp) else [],
                "is_illustrative": True,
                "source_id": "dh_expansion_illustrative",
            }
        ),
        ("geometry",),
    )
    con.register("_cell_area", cell_area.rename("expansion_area_id").reset_index())
    try:
        con.execute(
            "UPDATE buildings SET expansion_area_id = c.expansion_area_id FROM _cell_area c WHERE buildings.cell_id = c.cell_id AND NOT buildings.in_dh_area"
        )
    finally:
        con.unregister("_cell_area")
    con.execute(
        "UPDATE buildings SET dh_network_id = e.network_id FROM dh_expansion e WHERE buildings.expansion_area_id = e.expansion_area_id"
    )

    from heatdb.addresses import read_addresses, write_addresses

    write_addresses(con, read_addresses(source_dir / FILES["osm"]), "osm_boevinghausen")

    bar.step("heat-pump potential")
    derive.compute_hp_potential(con, params, hp_inputs)

    bar.step("aggregates")
    derive.compute_aggregates(con, params)

    bar.step("checks")
    n = con.execute("SELECT count(*) FROM buildings").fetchone()[0]
    return int(n)


def _write_networks(con, params: Parameters, fed_in_share: pd.DataFrame | None, source_dir: Path = SOURCE_DIR) -> None:
    """Networks and their clean plants; the Fernwaermeatlas heat fed in is split by the modelled residential
    district heat, and each network's base-year factor follows from its plants (ghgmodel.networks)."""
    total = params.value("dh.fed_in_gwh_per_year") * 1000.0
    proxies = [
        ("dew21", "Fernwärme DEW21 (Proxy)", "DEW21"),
        (SCHARNHORST_NETWORK, "Fernwärme Scharnhorst (Proxy)", "Fernwärmeversorgung Niederrhein"),
    ]
    share = {r[0]: 0.5 for r in proxies}
    if fed_in_share is not None:
        dh = con.execute(
            """SELECT b.dh_network_id, sum(bb.heat_demand_mwh_per_year) AS q FROM buildings b JOIN building_balance bb USING (building_id)
               WHERE b.carrier = 'district_heating' GROUP BY ALL"""
        ).df()
        q = dict(zip(dh["dh_network_id"], dh["q"]))
        tot = sum(q.get(r[0], 0.0) for r in proxies)
        share = {r[0]: q.get(r[0], 0.0) / tot if tot else 0.5 for r in proxies}
    rows = [
        {
            "network_id": nid,
            "name": name,
            "operator": operator,
            "network_type": params.text("dh.default_network_type"),
            "ef_g_per_kwh": np.nan,
            "fed_in_base_mwh": total * share[nid],
            "is_proxy": True,
            "source_id": "fernwaermeatlas",
            "notes": "areas from the Zensus-2011 proxy (Scharnhorst zones to the Scharnhorst network); the Fernwaermeatlas heat fed in "
            "(1279 GWh/a) split in proportion to the modelled residential district heat; the factor follows from the network's "
            "plants (dh_plants) and its residual fossil type (no published operator factor)",
            "is_new": False,
            "first_year": 0,
        }
        for nid, name, operator in proxies
    ]
    # PHOENIX-West: a new network for 12 commercial customers outside the residential stock;
    # 2.5 MW x 2,000 full-load hours = 5,000 MWh/a, their counterfactual is gas boilers
    rows.append(
        {
            "network_id": "phoenix_west",
            "name": "Fernwärme PHOENIX-West (neu)",
            "operator": "DEW21",
            "network_type": "boiler_gas",
            "ef_g_per_kwh": np.nan,
            "fed_in_base_mwh": 5000.0,
            "is_proxy": True,
            "source_id": "fernwaermeatlas",
            "notes": "derived: 2.5 MW x 2,000 h = 5,000 MWh/a for commercial customers (Air Liquide / DEW21 release 2025-09-12); "
            "until the network runs (2026) its customers heat with gas boilers (GEG boiler_gas 300 g/kWh)",
            "is_new": True,
            "first_year": 2026,
        }
    )
    nets = pd.DataFrame(rows)
    plants = pd.read_csv(source_dir / FILES["dh_plants"], dtype={"first_year": "Int64", "last_year": "Int64"})
    nets["ef_g_per_kwh"] = [
        network_base_factor(net, plants[plants["network_id"] == net["network_id"]], params, derive.BALANCE_YEAR, derive.FACTOR_SET)
        for net in nets.to_dict(orient="records")
    ]
    write_frame(con, "dh_networks", nets)
    write_frame(con, "dh_plants", plants)


def network_base_factor(net: dict, plants: pd.DataFrame, params: Parameters, year: int, factor_set: str) -> float:
    """A network's factor per kWh delivered in `year` from its plants and its residual type (ghgmodel.networks)."""
    loss = params.value("dh.network_loss_share")
    active = plants[(plants["first_year"].fillna(0) <= year) & (plants["last_year"].fillna(9999) >= year)]
    ef_el = electricity_factor(params, factor_set, np.array([year]))
    clean = float(active["heat_mwh_per_year"].sum())
    clean_co2 = sum(
        float(r.heat_mwh_per_year) * float(source_factor(r.source, params, factor_set, np.array([year]), ef_el, r.ef_g_per_kwh)[0]) / 1000.0
        for r in active.itertuples()
    )
    fed = float(net["fed_in_base_mwh"])
    ny = supply_year(
        np.array([fed * (1 - loss)]),
        np.array([clean]),
        np.array([clean_co2]),
        np.array([0.0]),
        loss_share=loss,
        residual_ef=np.array([residual_factor(net["network_type"], params, factor_set, float(ef_el[0]))]),
        unbacked_ef=0.0,
        pumping_share=params.value("dh.pumping_el_share"),
        ef_el=float(ef_el[0]),
    )
    return float(ny.ef_delivered[0])

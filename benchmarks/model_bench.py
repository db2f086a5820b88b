"""Model speed: grouping the stock and running the pathway; Shapley attribution of a project set."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

import ghgmodel
from heatdb import queries
from heatdb.connect import connect


def _median_seconds(fn, runs: int) -> tuple[float, list[float], object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), times, result


def load_stock_inputs(path: Path):
    con = connect(path, read_only=True)
    try:
        t0 = time.perf_counter()
        buildings, networks, plants = queries.stock_for_model(con.cursor())
        query_s = time.perf_counter() - t0
        exp_ids = [
            r[0] for r in con.execute("SELECT expansion_area_id FROM dh_expansion ORDER BY heat_demand_mwh_per_year DESC").fetchall()
        ]
    finally:
        con.close()
    return buildings, (networks, plants), query_s, exp_ids


def bench_pathway(path: Path, *, runs: int = 5) -> dict:
    buildings, networks, query_s, _ = load_stock_inputs(path)
    params = ghgmodel.load_parameters()
    scenario = ghgmodel.Scenario(name="bench")
    stock_s, stock_runs, stock = _median_seconds(
        lambda: ghgmodel.build_stock(buildings, params, networks=networks[0], plants=networks[1]), runs
    )
    ghgmodel.calc_pathway(stock, scenario, params)  # warm-up (imports, parameter caches)
    path_s, path_runs, pathway = _median_seconds(lambda: ghgmodel.calc_pathway(stock, scenario, params), runs)
    totals = pathway.totals()
    return {
        "n_buildings": len(buildings),
        "n_groups": len(stock.groups),
        "stock_for_model_s": query_s,
        "build_stock_s": stock_s,
        "build_stock_runs_s": stock_runs,
        "calc_pathway_s": path_s,
        "calc_pathway_runs_s": path_runs,
        "stock_plus_pathway_s": stock_s + path_s,
        "co2e_2024_t": float(totals.loc[2024, "co2e_t"]),
        "co2e_2045_t": float(totals.loc[2045, "co2e_t"]),
    }


def synthetic_projects(buildings, exp_ids: list[str]) -> list[ghgmodel.Project]:
    """Ten projects of every type, reaching real districts, expansion areas and the dew21 network."""
    P = ghgmodel.Project
    in_05 = buildings[(buildings["district_id"] == "statbez-050") & (buildings["carrier"].isin(["gas", "oil"]))]
    housing = tuple(in_05["building_id"].head(300))
    return [
        P(
            project_id="exp_a",
            name="Expansion A",
            owner="DEW21",
            project_type="dh_expansion",
            expansion_area_ids=tuple(exp_ids[:2]),
            connection_share_pct=50,
            start_year=2026,
            end_year=2032,
        ),
        P(
            project_id="exp_b",
            name="Expansion B",
            owner="DEW21",
            project_type="dh_expansion",
            expansion_area_ids=tuple(exp_ids[2:5]),
            connection_share_pct=40,
            start_year=2027,
            end_year=2035,
        ),
        P(
            project_id="decarb",
            name="Waste heat",
            owner="DEW21",
            project_type="dh_decarbonisation",
            network_id="dew21",
            heat_mwh_per_year=150_000,
            heat_source="waste_heat",
            start_year=2026,
            end_year=2030,
        ),
        P(
            project_id="solar",
            name="Solar network",
            owner="DEW21",
            project_type="large_hp_or_solar_network",
            network_id="dew21",
            heat_mwh_per_year=40_000,
            heat_source="solar_thermal",
            start_year=2027,
            end_year=2031,
        ),
        P(
            project_id="hp_north",
            name="HP programme north",
            owner="City",
            project_type="hp_programme",
            district_ids=("statbez-010", "statbez-020", "statbez-030"),
            rate_pct_per_year=2.0,
            start_year=2025,
            end_year=2035,
        ),
        P(
            project_id="hp_south",
            name="HP programme south",
            owner="City",
            project_type="hp_programme",
            district_ids=("statbez-610", "statbez-620"),
            rate_pct_per_year=3.0,
            start_year=2025,
            end_year=2035,
        ),
        P(
            project_id="retro_a",
            name="Retrofit A",
            owner="City",
            project_type="retrofit_programme",
            district_ids=("statbez-010", "statbez-040"),
            rate_pct_per_year=1.5,
            retrofit_depth="advanced",
            start_year=2025,
            end_year=2040,
        ),
        P(
            project_id="retro_b",
            name="Retrofit B",
            owner="City",
            project_type="retrofit_programme",
            district_ids=("statbez-710",),
            rate_pct_per_year=2.0,
            retrofit_depth="standard",
            start_year=2025,
            end_year=2040,
        ),
        P(
            project_id="own_hp",
            name="Housing company HP",
            owner="Housing",
            project_type="own_building_conversion",
            building_ids=housing,
            target_system="hp",
            retrofit_depth="standard",
            start_year=2026,
            end_year=2034,
        ),
        P(
            project_id="own_dh",
            name="Housing company DH",
            owner="Housing",
            project_type="own_building_conversion",
            district_ids=("statbez-060",),
            target_system="dh",
            start_year=2027,
            end_year=2033,
        ),
    ]


def bench_contributions(path: Path, *, runs: int = 3) -> dict:
    buildings, networks, _, exp_ids = load_stock_inputs(path)
    params = ghgmodel.load_parameters()
    scenario = ghgmodel.Scenario(name="bench")
    projects = synthetic_projects(buildings, exp_ids)
    members = {p.project_id: set(p.building_ids) for p in projects if p.building_ids}
    t0 = time.perf_counter()
    stock = ghgmodel.build_stock(buildings, params, networks=networks[0], plants=networks[1], member_projects=members)
    stock_s = time.perf_counter() - t0
    first_s, _, contrib = _median_seconds(lambda: ghgmodel.calc_contributions(stock, scenario, params, projects), 1)
    runs_s = [first_s]
    if first_s < 30 and runs > 1:  # repeat only when it is cheap
        more, more_runs, contrib = _median_seconds(lambda: ghgmodel.calc_contributions(stock, scenario, params, projects), runs - 1)
        runs_s += more_runs
    sizes: dict = {}
    for pid, comp in contrib.components.items():
        sizes.setdefault(comp, []).append(pid)
    return {
        "n_buildings": len(buildings),
        "n_groups": len(stock.groups),
        "n_projects": len(projects),
        "project_types": {p.project_id: p.project_type for p in projects},
        "build_stock_with_members_s": stock_s,
        "calc_contributions_s": float(np.median(runs_s)),
        "calc_contributions_runs_s": runs_s,
        "variants": list(ghgmodel.VARIANTS),
        "components": {str(k): v for k, v in sorted(sizes.items())},
        "methods": {str(k): v for k, v in sorted(contrib.methods.items())},
        "max_add_up_gap_t": ghgmodel.check_contributions_add_up(contrib),
        "reduction_2035_central_t": float(contrib.total.query("variant == 'central' and year == 2035")["reduction_t"].iloc[0]),
    }

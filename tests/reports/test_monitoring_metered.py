"""Metered consumption updates the actual pathway of the buildings it covers (issue 19), in the tiny city: a
block metered in 2025 changes the city's actual value of 2025 and only of 2025; one metered before the base
year is the observed state already."""

from __future__ import annotations

import numpy as np
import pytest

import portfolio as pf
from ghgmodel import PathwayEngine, Scenario, build_stock, load_parameters
from ghgmodel.baseline import DRIVERS
from ghgmodel.progress import calc_metered_correction
from heatdb.build import build_parameters
from heatdb.connect import connect
from heatdb.queries import stock_for_model
from imports.consumption import apply as apply_consumption
from imports.consumption import read as read_consumption
from reports.cache import ResultCache
from reports.model import ModelService
from reports.monitoring_data import build_monitoring_data

BLOCK = ["B0000011", "B0000012", "B0000013", "B0000014", "B0000015"]


def metered(tiny_db, tmp_path, year: int):
    path = tmp_path / "verbrauch.csv"
    # the block's gas as metered in that year, shared over its five buildings by their modelled final energy
    path.write_text(f"area_id,n_house_numbers,building_ids,carrier,year,consumption_mwh\nblock-1,5,{'|'.join(BLOCK)},gas,{year},40\n")
    con = connect(tiny_db)
    try:
        con.execute("UPDATE buildings SET carrier = 'gas', final_energy_mwh_measured = NULL WHERE list_contains(?, building_id)", [BLOCK])
        apply_consumption(con, read_consumption(path), build_parameters(), path)
    finally:
        con.close()


def monitoring(tiny_db, tmp_path):
    warehouse = connect(tiny_db, read_only=True)
    pcon = pf.open_portfolio(tmp_path / "portfolio.duckdb", warehouse=warehouse)
    model = ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=ResultCache(None))
    sc = Scenario(name="s", factor_set="geg")
    data = build_monitoring_data(warehouse, pcon, sc, model=model, report_year=2026)
    return data, warehouse, sc


def test_a_block_metered_in_2025_corrects_2025_only(tiny_db, tmp_path):
    metered(tiny_db, tmp_path, 2025)
    data, warehouse, sc = monitoring(tiny_db, tmp_path)
    city = data.table("city").set_index("year")
    assert city.loc[2024, "metered_correction_t"] == 0 and city.loc[2026, "metered_correction_t"] == 0
    correction = city.loc[2025, "metered_correction_t"]
    # by hand: the measured 40 MWh of gas at the GEG factor, against the model's 2025 emissions of the block's buildings
    buildings, networks, plants = stock_for_model(warehouse)
    block = buildings[buildings["building_id"].isin(BLOCK)].reset_index(drop=True)
    assert block["final_energy_mwh"].sum() == pytest.approx(40.0)
    stock = build_stock(block, load_parameters(), networks=networks, plants=plants, demand_basis=sc.demand_basis)
    run = PathwayEngine(stock, sc, load_parameters(), ()).run(np.zeros(0, dtype=bool), drivers=DRIVERS, unbacked=(), detail=True)
    modelled_2025 = run.detail[1]["co2"].sum()
    assert correction == pytest.approx(40.0 * 0.240 - modelled_2025, rel=1e-9)
    assert 0 < correction < 0.1 * 40.0 * 0.240  # the baseline's first year moves a few per cent of a block
    assert city.loc[2025, "actual_t"] == pytest.approx(city.loc[2025, "plan_t"] + correction)
    warehouse.close()


def test_a_block_metered_before_the_base_year_is_the_observed_state(tiny_db, tmp_path):
    metered(tiny_db, tmp_path, 2023)
    data, warehouse, _ = monitoring(tiny_db, tmp_path)
    assert (data.table("city")["metered_correction_t"] == 0).all()
    warehouse.close()


def test_the_correction_alone_matches_the_model_function(tiny_db, tmp_path):
    """The reports layer hands ghgmodel.progress the right groups: exactly the metered buildings of each year."""
    metered(tiny_db, tmp_path, 2025)
    warehouse = connect(tiny_db, read_only=True)
    try:
        buildings, networks, plants = stock_for_model(warehouse)
        stock = build_stock(buildings, load_parameters(), networks=networks, plants=plants, member_projects={"__metered_2025": set(BLOCK)})
        sc = Scenario(name="s", factor_set="geg")
        engine = PathwayEngine(stock, sc, load_parameters(), ())
        run = engine.run(np.zeros(0, dtype=bool), drivers=DRIVERS, unbacked=(), detail=True)
        codes = stock.groups["member_code"].to_numpy()
        mask = np.array(["__metered_2025" in stock.member_sets[c] for c in codes])
        assert stock.groups.loc[mask, "n_buildings"].sum() == 5
        assert calc_metered_correction(engine, run, {2025: mask}).loc[2025] > 0
    finally:
        warehouse.close()

"""Metered consumption replaces the modelled final energy where present; aggregates of fewer than
five house numbers are refused (WPG § 10); a block's value is shared in proportion to the model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from heatdb.build import build_parameters
from heatdb.connect import connect
from heatdb.errors import ImportValidationError
from imports.consumption import apply as apply_consumption
from imports.consumption import read as read_consumption
from imports.consumption import resolve

BLOCK = ["B0000011", "B0000012", "B0000013", "B0000014", "B0000015"]  # five buildings of one tiny-city cell
AREAS = [1000.0, 1000.0, 2000.0, 500.0, 500.0]


def write(tmp_path: Path, text: str, name: str = "verbrauch.csv", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def make_block_alike(con) -> None:
    """Five gas-heated MFH of 1970 with heated areas 1000, 1000, 2000, 500, 500 m2: modelled final energy 2 : 2 : 4 : 1 : 1."""
    frame = pd.DataFrame({"building_id": BLOCK, "heated_area_m2": AREAS})
    con.register("_set", frame)
    con.execute(
        """UPDATE buildings SET carrier = 'gas', building_type = 'MFH', construction_year = 1970, retrofit = 'none',
               heated_area_m2 = s.heated_area_m2, final_energy_mwh_measured = NULL FROM _set s WHERE buildings.building_id = s.building_id"""
    )
    con.unregister("_set")


def measured(con) -> dict:
    return dict(
        con.execute(
            "SELECT building_id, final_energy_mwh_measured FROM buildings WHERE building_id IN (SELECT UNNEST(?))", [BLOCK]
        ).fetchall()
    )


def test_units_carriers_and_decimal_commas_are_read(tmp_path):
    text = "building_id;carrier;year;consumption;unit\nB0000011;Gas;2023;12.345,5;kWh\nB0000012;Wärme;2023;20,5;MWh\nB0000013;Strom;2022;8000;kWh\n"
    c = read_consumption(write(tmp_path, text.replace(".", ""), encoding="cp1252"))
    assert list(c["carrier"]) == ["gas", "heat", "electricity"]
    assert c["consumption_mwh"].tolist() == pytest.approx([12.3455, 20.5, 8.0])
    assert list(c["level"]) == ["building"] * 3


def test_an_aggregate_under_five_house_numbers_is_refused_under_wpg_10(tmp_path):
    text = "area_id,n_house_numbers,building_ids,carrier,year,consumption_mwh\nblock-1,5,B0000011|B0000012,gas,2023,50\nblock-2,4,B0000013|B0000014,gas,2023,40\n"
    with pytest.raises(ImportValidationError) as err:
        read_consumption(write(tmp_path, text))
    (p,) = err.value.problems
    assert (p.row, p.column, p.value) == (2, "n_house_numbers", "4")
    assert "WPG § 10 (2)" in p.problem_en and "§ 10 Abs. 2 WPG" in p.problem_de
    # skipping the listed row keeps the lawful aggregate
    kept = read_consumption(write(tmp_path, text), skip_invalid=True)
    assert list(kept["area_id"]) == ["block-1"]


def test_every_bad_row_is_listed(tmp_path):
    text = (
        "building_id,carrier,year,consumption,unit\n"
        "B0000011,gas,2023,100,MWh\n"
        "B0000012,coal,2023,100,MWh\n"  # 2: not metered
        "B0000013,gas,1990,100,MWh\n"  # 3: too early
        "B0000014,gas,2023,-5,MWh\n"  # 4: negative
        "B0000015,gas,2023,100,GJ\n"  # 5: unit
        "B0000011,gas,2023,90,MWh\n"  # 6: the same building, carrier and year again
    )
    with pytest.raises(ImportValidationError) as err:
        read_consumption(write(tmp_path, text))
    assert {(p.row, p.column) for p in err.value.problems} == {(2, "carrier"), (3, "year"), (4, "consumption"), (5, "unit"), (6, "year")}


def test_a_file_without_value_columns_is_a_problem_of_the_file(tmp_path):
    with pytest.raises(ImportValidationError, match="needs carrier, year, a value"):
        read_consumption(write(tmp_path, "building_id,kwh\nB1,5\n"))


def test_a_block_value_is_shared_in_proportion_to_the_modelled_demand(tiny_db, tmp_path):
    """50 MWh of gas over five buildings whose modelled final energy is 2 : 2 : 4 : 1 : 1 -> 10, 10, 20, 5, 5 MWh."""
    path = write(
        tmp_path, "area_id,n_house_numbers,building_ids,carrier,year,consumption_mwh\nblock-1,5," + "|".join(BLOCK) + ",gas,2023,50\n"
    )
    con = connect(tiny_db)
    try:
        make_block_alike(con)
        n = apply_consumption(con, read_consumption(path), build_parameters(), path)
        assert n == 1
        got = measured(con)
        assert [got[b] for b in BLOCK] == pytest.approx([10, 10, 20, 5, 5])
        # the balance now uses the metered values
        fin = dict(
            con.execute(
                "SELECT building_id, final_energy_mwh_per_year FROM building_balance WHERE building_id IN (SELECT UNNEST(?))", [BLOCK]
            ).fetchall()
        )
        assert sum(fin[b] for b in BLOCK) == pytest.approx(50)
        rec = con.execute("SELECT level, n_buildings, n_applied, consumption_mwh FROM metered_consumption").fetchall()
        assert rec == [("aggregate", 5, 5, 50.0)]
        # the same file again: the same values (the shares use the model, not the metered values)
        apply_consumption(con, read_consumption(path), build_parameters(), path)
        assert [measured(con)[b] for b in BLOCK] == pytest.approx([10, 10, 20, 5, 5])
        assert con.execute("SELECT count(*) FROM metered_consumption").fetchone()[0] == 1
    finally:
        con.close()


def test_a_building_value_beats_the_block_share_and_other_carriers_are_not_applied(tiny_db, tmp_path):
    text = (
        "building_id,area_id,n_house_numbers,building_ids,carrier,year,consumption_mwh\n"
        ",block-1,5," + "|".join(BLOCK) + ",gas,2023,50\n"
        "B0000013,,,,gas,2023,12\n"  # its own meter
        "B0000014,,,,heat,2023,99\n"  # a heat meter on a gas-heated building: stored, not applied
    )
    path = write(tmp_path, text)
    con = connect(tiny_db)
    try:
        make_block_alike(con)
        apply_consumption(con, read_consumption(path), build_parameters(), path)
        got = measured(con)
        assert [got[b] for b in BLOCK] == pytest.approx([10, 10, 12, 5, 5])
        applied = dict(con.execute("SELECT record_id, n_applied FROM metered_consumption").fetchall())
        assert applied == {"verbrauch.csv:1": 5, "verbrauch.csv:2": 1, "verbrauch.csv:3": 0}
    finally:
        con.close()


def test_an_address_value_goes_to_the_building_at_the_address(tiny_db, tmp_path):
    path = write(
        tmp_path, "street;housenumber;carrier;year;consumption;unit\nLotharstraße;4;Gas;2023;18.000;kWh\n".replace("18.000", "18000")
    )
    con = connect(tiny_db)
    try:
        # per address only for multi-family houses; gas, so that the metered gas applies to whichever building it is
        con.execute("UPDATE buildings SET building_type = 'MFH', carrier = 'gas'")
        apply_consumption(con, read_consumption(path), build_parameters(), path)
        b, level = con.execute("SELECT building_id, level FROM metered_building").fetchone()
        assert level == "address"
        carrier = con.execute("SELECT carrier FROM buildings WHERE building_id = ?", [b]).fetchone()[0]
        expected = 18.0 if carrier == "gas" else None
        assert con.execute("SELECT final_energy_mwh_measured FROM buildings WHERE building_id = ?", [b]).fetchone()[0] == expected
    finally:
        con.close()


def test_unknown_buildings_and_addresses_refuse_the_file_and_change_nothing(tiny_db, tmp_path):
    path = write(tmp_path, "building_id,street,housenumber,carrier,year,consumption_mwh\nNOPE,,,gas,2023,5\n,Nirgendweg,1,gas,2023,5\n")
    con = connect(tiny_db)
    try:
        before = con.execute("SELECT count(*) FROM buildings WHERE final_energy_mwh_measured IS NOT NULL").fetchone()[0]
        with pytest.raises(ImportValidationError) as err:
            apply_consumption(con, read_consumption(path), build_parameters(), path)
        assert [(p.row, p.column) for p in err.value.problems] == [(1, "building_id"), (2, "street")]
        assert con.execute("SELECT count(*) FROM buildings WHERE final_energy_mwh_measured IS NOT NULL").fetchone()[0] == before
        assert con.execute("SELECT count(*) FROM metered_consumption").fetchone()[0] == 0
    finally:
        con.close()


def test_resolve_shares_equally_when_the_model_gives_nothing():
    records = pd.DataFrame({"record_id": ["r"], "level": ["aggregate"], "carrier": ["heat"], "year": [2023], "consumption_mwh": [30.0]})
    assign = pd.DataFrame({"record_id": ["r"] * 3, "building_id": ["a", "b", "c"]})
    modelled = pd.DataFrame({"building_id": ["a", "b", "c"], "modelled_mwh": [0.0, 0.0, 0.0], "energy_carrier": ["district_heating"] * 3})
    per, counts = resolve(records, assign, modelled)
    assert per.set_index("building_id")["final_energy_mwh"].tolist() == pytest.approx([10, 10, 10])
    assert counts["n_applied"].tolist() == [3]
    assert np.isclose(per["final_energy_mwh"].sum(), 30)


def test_single_family_houses_only_count_aggregated(tiny_db, tmp_path):
    """WPG Anlage 1 Nr. 1: a value for one single-family or terraced house is refused; in a block of five it is fine."""
    path = write(tmp_path, "building_id,carrier,year,consumption_mwh\nB0000016,gas,2023,20\nB0000013,gas,2023,30\n")
    con = connect(tiny_db)
    try:
        make_block_alike(con)
        con.execute("UPDATE buildings SET building_type = 'SFH', carrier = 'gas' WHERE building_id = 'B0000016'")
        with pytest.raises(ImportValidationError) as err:
            apply_consumption(con, read_consumption(path), build_parameters(), path)
        (p,) = err.value.problems
        assert (p.row, p.column, p.value) == (1, "building_id", "B0000016")
        assert "WPG Anlage 1 Nr. 1" in p.problem_en and "Ein- oder Reihenhaus" in p.problem_de
        block = write(
            tmp_path,
            "area_id,n_house_numbers,building_ids,carrier,year,consumption_mwh\nb,5,B0000016|B0000011|B0000012|B0000013|B0000014,gas,2023,50\n",
            "block.csv",
        )
        apply_consumption(con, read_consumption(block), build_parameters(), block)
        assert con.execute("SELECT final_energy_mwh_measured FROM buildings WHERE building_id = 'B0000016'").fetchone()[0] > 0
    finally:
        con.close()

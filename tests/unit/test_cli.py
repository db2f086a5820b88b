"""The command line `python -m ghgmodel balance` as a stable contract."""

import json
import subprocess
import sys

import pandas as pd
import pytest

ROWS = """building_id,building_type,construction_year,heated_area_m2,carrier
mfh,MFH,1970,1000,gas
sfh,SFH,1960,121.22,oil
hp,MFH,1970,1000,heat_pump_air
"""


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ghgmodel", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def buildings(tmp_path):
    p = tmp_path / "buildings.csv"
    p.write_text(ROWS, encoding="utf-8")
    return p


def test_json_output_shape_and_values(buildings):
    r = run("balance", str(buildings), "--year", "2024", "--factors", "geg")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) >= {"year", "factors", "totals", "by_carrier"}
    assert out["year"] == 2024 and out["factors"] == "geg"
    gas = 162.8586 / 0.9 * 0.240
    oil = (265.2925 + 10) * 121.22 / 1000 / 0.85 * 0.310
    hp = 162.8586 / 3.41 * 0.560
    assert out["by_carrier"]["gas"]["co2e_t"] == pytest.approx(gas, rel=1e-6)
    assert out["by_carrier"]["oil"]["co2e_t"] == pytest.approx(oil, rel=1e-6)
    assert out["by_carrier"]["heat_pump_air"]["final_energy_mwh"] == pytest.approx(162.8586 / 3.41, rel=1e-6)
    assert out["totals"]["co2e_t"] == pytest.approx(gas + oil + hp, rel=1e-6)
    assert "buildings" not in out


def test_per_building_and_csv(buildings):
    r = run("balance", str(buildings), "--year", "2030", "--factors", "bisko", "--per-building")
    out = json.loads(r.stdout)
    assert [b["building_id"] for b in out["buildings"]] == ["mfh", "sfh", "hp"]
    assert out["buildings"][2]["ef_g_per_kwh"] == pytest.approx(110)  # BISKO electricity follows the central path after 2025
    r = run("balance", str(buildings), "--year", "2024", "--factors", "geg", "--format", "csv")
    table = pd.read_csv(pd.io.common.StringIO(r.stdout))
    assert table["carrier"].tolist()[-1] == "total"
    assert table.iloc[-1]["co2e_t"] == pytest.approx(table.iloc[:-1]["co2e_t"].sum())


def test_measured_final_energy_is_used_as_is(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text(
        "building_id,building_type,construction_year,heated_area_m2,carrier,final_energy_mwh\nx,SFH,1960,150,gas,20\n", encoding="utf-8"
    )
    out = json.loads(run("balance", str(p), "--year", "2024", "--factors", "geg").stdout)
    assert out["totals"]["final_energy_mwh"] == 20
    assert out["totals"]["co2e_t"] == pytest.approx(20 * 240 / 1000)


def test_factor_file(tmp_path, buildings):
    f = tmp_path / "mine.csv"
    f.write_text("carrier,ef_g_per_kwh,source\ngas,200,Stadtwerke 2024\n", encoding="utf-8")
    out = json.loads(run("balance", str(buildings), "--year", "2024", "--factors", str(f)).stdout)
    assert out["factors"] == "custom:mine.csv"
    assert out["by_carrier"]["gas"]["co2e_t"] == pytest.approx(162.8586 / 0.9 * 0.200, rel=1e-6)
    assert out["by_carrier"]["oil"]["co2e_t"] == pytest.approx((265.2925 + 10) * 121.22 / 1000 / 0.85 * 0.310, rel=1e-6)  # geg for the rest


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "building_id,building_type,construction_year,heated_area_m2,carrier\nx,SFH,1960,100,gaz\n",
            "row 1 (line 2), column carrier: 'gaz' is not a known carrier",
        ),
        (
            "building_id,building_type,construction_year,heated_area_m2,carrier\nx,SFH,1960,-5,gas\n",
            "row 1 (line 2), column heated_area_m2: '-5' is negative",
        ),
        ("building_id,building_type,construction_year,carrier\nx,SFH,1960,gas\n", "missing column(s) heated_area_m2"),
        (
            "building_id,building_type,construction_year,heated_area_m2,carrier\nx,SFH,1960,100,gas\ny,SFH,1700,100,gas\n",
            "row 2 (line 3), column construction_year: '1700' is outside 1800..2045",
        ),
        (
            "building_id,building_type,construction_year,heated_area_m2,carrier\nx,HOUSE,1960,100,gas\n",
            "column building_type: 'HOUSE' is not a building type",
        ),
        ("", "the file is empty"),
    ],
)
def test_bad_input_exits_non_zero_with_a_message(tmp_path, content, expected):
    p = tmp_path / "bad.csv"
    p.write_text(content, encoding="utf-8")
    r = run("balance", str(p), "--year", "2024")
    assert r.returncode == 2
    assert expected in r.stderr and "bad.csv" in r.stderr
    assert r.stdout == ""


def test_bad_year_and_encoding(tmp_path, buildings):
    r = run("balance", str(buildings), "--year", "1850")
    assert r.returncode == 2 and "year 1850 is outside 1990..2050" in r.stderr
    p = tmp_path / "latin.csv"
    p.write_bytes("building_id,building_type,construction_year,heated_area_m2,carrier\nMüller,SFH,1960,100,gas\n".encode("latin-1"))
    r = run("balance", str(p), "--year", "2024")
    assert r.returncode == 2 and "not UTF-8" in r.stderr


def test_params_listing():
    r = run("params")
    table = pd.read_csv(pd.io.common.StringIO(r.stdout))
    assert {"key", "value", "unit", "kind", "source"} <= set(table.columns)
    assert (table["key"] == "ef.geg.gas").any()

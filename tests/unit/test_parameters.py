"""Every parameter is data with a unit and a source, in sane bounds, and every key the code asks for exists."""

import ast
from pathlib import Path

import pandas as pd
import pytest

from ghgmodel import ParameterError, load_parameters
from ghgmodel.params import COLUMNS, KINDS, TEXT_UNITS, read_parameter_file
from heatdb.build import build_parameters

ROOT = Path(__file__).resolve().parents[2]
# every table: the model's, the generator's and the importers' (heatdb/params/synth.csv, formats.csv)
P = build_parameters()
TABLE = P.table

BOUNDS = {
    "g CO2e/kWh": (0, 1000),
    "kWh/(m2*a)": (0, 400),
    "MWh/(ha*a)": (0, 5000),
    "kWh/(m*a)": (0, 10000),
    "1": (0, 10),
    "%": (0, 100),
    "year": (1800, 2100),
    "degC": (-30, 120),
    "m": (0, 1000),
    "dB(A)": (0, 120),
    "dB": (0, 60),
    "W/m": (0, 200),
    "h/a": (0, 8760),
    "a": (1, 100),
}


def test_every_row_is_documented():
    assert list(COLUMNS) == [c for c in TABLE.columns if c in COLUMNS]
    assert TABLE["unit"].ne("").all()
    assert (TABLE["source"].ne("") | TABLE["rationale"].ne("")).all()
    assert TABLE["kind"].isin(KINDS).all()
    assert TABLE["description"].ne("").all(), TABLE[TABLE["description"] == ""]["key"].tolist()


def test_keys_are_unique_per_year():
    assert not TABLE.duplicated(["key", "valid_year"]).any()


def test_assumptions_say_why():
    assumptions = TABLE[TABLE["kind"] == "assumption"]
    assert len(assumptions) > 20  # the sheet marks many values [U]; they must be visible as such
    assert assumptions["rationale"].ne("").all(), assumptions[assumptions["rationale"] == ""]["key"].tolist()


def test_derived_values_show_their_arithmetic():
    derived = TABLE[TABLE["kind"] == "derived"]
    assert derived["rationale"].ne("").all()


@pytest.mark.parametrize("unit", sorted(BOUNDS))
def test_values_are_in_sane_bounds(unit):
    low, high = BOUNDS[unit]
    rows = TABLE[TABLE["unit"] == unit]
    values = rows["value"].astype(float)
    bad = rows[(values < low) | (values > high)]
    assert bad.empty, bad[["key", "value"]].to_dict(orient="records")


def test_text_values_are_only_dates_and_types():
    numeric = TABLE[~TABLE["unit"].isin(TEXT_UNITS)]
    pd.to_numeric(numeric["value"])  # raises if any is not a number


def _literal_keys():
    """String keys passed literally to params.value/text/series/interpolate anywhere in the code."""
    keys = set()
    for pkg in ("ghgmodel", "heatdb", "ui"):
        for path in (ROOT / pkg).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("value", "text", "series", "interpolate")
                ):
                    if (
                        node.args
                        and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)
                        and "." in node.args[0].value
                    ):
                        keys.add((node.args[0].value, str(path.relative_to(ROOT))))
    return sorted(keys)


@pytest.mark.parametrize(("key", "where"), _literal_keys())
def test_every_literal_key_exists(key, where):
    assert key in P, f"{where} asks for {key!r}, which no parameter table defines"


def test_every_formatted_key_family_exists():
    """Keys built with f-strings: check each family for the values the code iterates over."""
    from ghgmodel.carriers import BUILDING_TYPES, HEATING_CARRIERS
    from ghgmodel.factors import DH_NETWORK_TYPES

    for t in BUILDING_TYPES:
        assert f"q_w_nd.{t}" in P
    for c in HEATING_CARRIERS:
        if c.startswith("heat_pump"):
            continue
        assert f"eta.{c}" in P
    for fs in ("geg", "bisko"):
        for net in DH_NETWORK_TYPES:
            assert f"ef.{fs}.district_heating.{net}" in P
        for ec in ("gas", "oil", "lpg", "coal", "wood", "biogas", "electricity", "solar_thermal", "hydrogen", "waste_heat"):
            assert f"ef.{fs}.{ec}" in P
    for variant in ("low", "high"):
        for k in ("el_path", "spf_factor", "connection_factor"):
            assert f"uncertainty.{k}.{variant}" in P
    for path in ("central", "slow", "fast"):
        assert P.series(f"el_path.{path}")


def test_loader_rejects_a_row_without_source(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(",".join(COLUMNS) + "\nx.y,1,1,fact,,something,,,,\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"bad.csv, row 2 \(x.y\): neither source nor rationale"):
        read_parameter_file(f)


def test_loader_rejects_duplicates_and_bad_kinds(tmp_path):
    f = tmp_path / "dup.csv"
    f.write_text(",".join(COLUMNS) + "\nk.a,1,1,fact,,d,s,,,\nk.a,2,1,fact,,d,s,,,\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="defined twice"):
        read_parameter_file(f)
    f.write_text(",".join(COLUMNS) + "\nk.a,1,1,guess,,d,s,,,\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="kind = 'guess'"):
        read_parameter_file(f)


def test_overrides_replace_rows_and_series(tmp_path):
    f = tmp_path / "over.csv"
    f.write_text(",".join(COLUMNS) + "\nef.bisko.electricity,300,g CO2e/kWh,assumption,,flat,mine,,,test\n", encoding="utf-8")
    p = load_parameters(f)
    assert p.value("ef.bisko.electricity", 2022) == 300 and p.series("ef.bisko.electricity") == {}
    assert load_parameters().value("ef.bisko.electricity", 2022) == 505

"""Zensus 2022 grid tables: the official layout is read, the city's cells are kept, and the buildings
without own data take their carriers and construction years from them.

Fixtures: tests/data/zensus2022 (official layout, cp1252; counts made up so the results can be
computed by hand; see its README).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from heatdb.build import build_parameters
from heatdb.connect import connect
from heatdb.errors import ImportValidationError
from imports.zensus2022 import apply as apply_zensus2022
from imports.zensus2022 import read as read_zensus2022

DATA = Path(__file__).resolve().parents[1] / "data" / "zensus2022"
HEATING = DATA / "Zensus2022_Heizungsart_100m-Gitter.csv"
CARRIER = DATA / "Zensus2022_Gebaeude_mit_Wohnraum_nach_Energietraeger_der_Heizung_100m-Gitter.csv"
YEAR = DATA / "Zensus2022_Gebaeude_nach_Baujahr_in_Mikrozensus_Klassen_100m-Gitter.csv"
CELL_A = "CRS3035RES100mN3155400E4139000"  # 10 synthetic buildings in the tiny database
CELL_B = "CRS3035RES100mN3155500E4138900"  # 5 synthetic buildings
OUTSIDE = "CRS3035RES100mN2689100E4337000"


def write(tmp_path: Path, name: str, text: str, encoding: str = "cp1252") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_fixture_is_cp1252_with_the_en_dash_byte():
    raw = HEATING.read_bytes()
    assert b"\x96" in raw  # '–' as the official files encode it
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_reads_the_heating_table_with_suppressed_cells():
    z = read_zensus2022(HEATING)
    assert z.attrs["tables"] == ["heating"]
    assert len(z) == 4
    a = z.set_index("cell_id").loc[CELL_A]
    assert a["heiz_insgesamt"] == 10 and a["heiz_zentralheizung"] == 8
    assert np.isnan(a["heiz_etagenheizung"])  # '–'
    assert (a["x_3035"], a["y_3035"]) == (4139000, 3155400)  # lower-left corner from the id
    assert z.set_index("cell_id").loc["CRS3035RES100mN3155500E4139400", "flags_heating"] == "KLAMMERN"


def test_a_zip_with_all_three_tables_gives_one_row_per_cell(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p in (HEATING, CARRIER, YEAR):
            zf.writestr(p.name, p.read_bytes())
    zp = tmp_path / "Zensus2022.zip"
    zp.write_bytes(buf.getvalue())
    z = read_zensus2022(zp)
    assert sorted(z.attrs["tables"]) == ["carrier", "heating", "year"]
    assert len(z) == 4 and z["cell_id"].is_unique
    b = z.set_index("cell_id").loc[CELL_B]
    assert (b["et_gas"], b["et_solar_geothermie_waermepumpen"], b["bj_2001_2010"]) == (3, 2, 5)
    assert np.isnan(z.set_index("cell_id").loc["CRS3035RES100mN3155500E4139400", "et_gas"])  # '/'


def test_decimal_comma_and_utf8_copies_are_read(tmp_path):
    text = "GITTER_ID_100m;x_mp_100m;y_mp_100m;Insgesamt_Heizungsart;Fernheizung;Etagenheizung;Blockheizung;Zentralheizung;Einzel_Mehrraumoefen;keine_Heizung\n"
    text += f"{CELL_A};4139050;3155450;12,0;0;2,0;–;10;0;0\n"
    z = read_zensus2022(write(tmp_path, "utf8.csv", text, "utf-8"))
    assert z.loc[0, "heiz_insgesamt"] == 12 and z.loc[0, "heiz_etagenheizung"] == 2 and np.isnan(z.loc[0, "heiz_blockheizung"])


def test_every_bad_row_is_listed_with_row_column_value_in_both_languages(tmp_path):
    text = "GITTER_ID_100m;x_mp_100m;y_mp_100m;Insgesamt_Energietraeger;Gas;Heizoel;Holz_Holzpellets;Biomasse_Biogas;Solar_Geothermie_Waermepumpen;Strom;Kohle;Fernwaerme;kein_Energietraeger\n"
    text += f"{CELL_A};4139050;3155450;10;6;0;0;0;0;0;0;4;0\n"  # good
    text += "CRS3035RES100mN3155400E41390;4139050;3155450;10;6;0;0;0;0;0;0;4;0\n"  # row 2: bad id
    text += f"{CELL_B};4139050;3155450;5;3;0;0;0;2;0;0;0;0\n"  # row 3: x_mp of another cell
    text += f"{OUTSIDE};4337050;2689150;7;-7;0;0;0;0;0;0;0;0\n"  # row 4: negative count
    text += f"{CELL_A};4139050;3155450;10;6;0;0;0;0;0;0;4;0\n"  # row 5: duplicate id
    with pytest.raises(ImportValidationError) as err:
        read_zensus2022(write(tmp_path, "bad.csv", text))
    got = {(p.row, p.column) for p in err.value.problems}
    assert {(2, "GITTER_ID_100m"), (3, "x_mp_100m"), (4, "Gas"), (5, "GITTER_ID_100m")} <= got
    assert (1, "GITTER_ID_100m") not in got
    assert "row 4, column Gas: '-7'" in err.value.report("en")
    assert "Zeile 4, Spalte Gas" in err.value.report("de")
    # skipping the listed rows keeps the good one
    kept = read_zensus2022(write(tmp_path, "bad.csv", text), skip_invalid=True)
    assert list(kept["cell_id"]) == [CELL_A]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("comma.csv", "GITTER_ID_100m,x_mp_100m,y_mp_100m,Insgesamt_Heizungsart\nCRS3035RES100mN1E1,1,1,1\n", "no ';'"),
        (
            "other.csv",
            "GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\nCRS3035RES100mN3155400E4139000;4139050;3155450;12\n",
            "not a Zensus 2022 grid table",
        ),
        ("empty.csv", "", "empty"),
        ("table.xlsx", "x", "unknown file type"),
    ],
)
def test_files_of_the_wrong_kind_name_the_problem(tmp_path, name, text, expected):
    with pytest.raises(ImportValidationError) as err:
        read_zensus2022(write(tmp_path, name, text))
    assert expected in str(err.value)
    assert err.value.problems[0].problem_de  # German text too


def _carriers(con, cell):
    return dict(con.execute("SELECT carrier, count(*) FROM buildings WHERE cell_id = ? GROUP BY 1", [cell]).fetchall())


def test_apply_keeps_the_city_cells_and_redraws_carriers_and_years(tiny_db):
    params = build_parameters()
    con = connect(tiny_db)
    try:
        n = apply_zensus2022(con, read_zensus2022(CARRIER), params, CARRIER)
        assert n == 3  # the fourth cell lies outside the city
        assert con.execute("SELECT count(*) FROM zensus2022_cells WHERE cell_id = ?", [OUTSIDE]).fetchone()[0] == 0
        # cell A: 10 buildings, Gas 6 : Fernwaerme 4 -> exactly 6 and 4
        assert _carriers(con, CELL_A) == {"gas": 6, "district_heating": 4}
        # cell B: 5 buildings, Gas 3 : heat pumps 2 (1.5 air, 0.5 ground at hp_ground_share 0.25);
        # quotas 3 / 1.5 / 0.5 -> floors 3 / 1 / 0, the one left goes to the first of the tied remainders (air)
        assert _carriers(con, CELL_B) == {"gas": 3, "heat_pump_air": 2}
        # the balance follows the new carriers
        bal = dict(
            con.execute(
                "SELECT bb.energy_carrier, count(*) FROM buildings b JOIN building_balance bb USING (building_id) WHERE b.cell_id = ? GROUP BY 1",
                [CELL_B],
            ).fetchall()
        )
        assert bal == {"gas": 3, "electricity": 2}
        src = con.execute(
            "SELECT reference_date, licence, is_synthetic FROM data_sources WHERE source_id = ?", ["import:" + CARRIER.name]
        ).fetchone()
        assert src == ("2022-05-15", "dl-de/by-2-0", False)
        flags = con.execute("SELECT DISTINCT estimated_attributes FROM buildings WHERE cell_id = ?", [CELL_A]).fetchall()
        assert all("carrier" in f[0] for f in flags)
    finally:
        con.close()


def test_a_second_table_fills_its_columns_of_the_same_cells_and_the_years_follow(tiny_db):
    params = build_parameters()
    con = connect(tiny_db)
    try:
        apply_zensus2022(con, read_zensus2022(HEATING), params, HEATING)
        apply_zensus2022(con, read_zensus2022(CARRIER), params, CARRIER)
        apply_zensus2022(con, read_zensus2022(YEAR), params, YEAR)
        flags = con.execute(
            "SELECT flags_heating, heiz_zentralheizung FROM zensus2022_cells WHERE cell_id = 'CRS3035RES100mN3155500E4139400'"
        ).fetchone()
        assert flags == ("KLAMMERN", 3)  # the heating table's columns survive the later files
        row = con.execute(
            "SELECT et_gas, bj_1949_1978, carrier_source_id, year_source_id FROM zensus2022_cells WHERE cell_id = ?", [CELL_A]
        ).fetchone()
        assert row == (6, 7, "import:" + CARRIER.name, "import:" + YEAR.name)
        years = np.array([r[0] for r in con.execute("SELECT construction_year FROM buildings WHERE cell_id = ?", [CELL_A]).fetchall()])
        # 7 of 10 built 1949-1978, 3 built 1979-1990
        assert ((years >= 1949) & (years <= 1978)).sum() == 7 and ((years >= 1979) & (years <= 1990)).sum() == 3
        ages = dict(con.execute("SELECT age_class, count(*) FROM buildings WHERE cell_id = ? GROUP BY 1", [CELL_A]).fetchall())
        assert ages.get("1949-1978") == 7
        # carriers stay as the carrier table says
        assert _carriers(con, CELL_A) == {"gas": 6, "district_heating": 4}
    finally:
        con.close()


def test_applying_the_same_file_twice_gives_the_same_buildings(tiny_db):
    params = build_parameters()
    con = connect(tiny_db)
    try:
        apply_zensus2022(con, read_zensus2022(CARRIER), params, CARRIER)
        first = con.execute("SELECT building_id, carrier, construction_year FROM buildings ORDER BY 1").fetchall()
        apply_zensus2022(con, read_zensus2022(CARRIER), params, CARRIER)
        assert con.execute("SELECT building_id, carrier, construction_year FROM buildings ORDER BY 1").fetchall() == first
    finally:
        con.close()


def test_a_file_without_a_city_cell_is_refused(tiny_db, tmp_path):
    text = "GITTER_ID_100m;x_mp_100m;y_mp_100m;Insgesamt_Heizungsart;Fernheizung;Etagenheizung;Blockheizung;Zentralheizung;Einzel_Mehrraumoefen;keine_Heizung\n"
    text += f"{OUTSIDE};4337050;2689150;7;0;0;0;7;0;0\n"
    p = write(tmp_path, "bayern.csv", text)
    con = connect(tiny_db)
    try:
        before = con.execute("SELECT count(*) FROM zensus2022_cells").fetchone()[0]
        with pytest.raises(ImportValidationError, match="none of its 1 cells lies in the city"):
            apply_zensus2022(con, read_zensus2022(p), build_parameters(), p)
        assert con.execute("SELECT count(*) FROM zensus2022_cells").fetchone()[0] == before
    finally:
        con.close()


@pytest.mark.parametrize("given, expected", [("", "dl-de/by-2-0"), ("intern geprüft", "intern geprüft")])
def test_import_file_keeps_the_census_licence_unless_the_planner_names_one(tiny_db, given, expected):
    from imports import import_file

    import_file("zensus2022", CARRIER, tiny_db, licence=given)
    con = connect(tiny_db, read_only=True)
    try:
        licence, notes = con.execute("SELECT licence, notes FROM data_sources WHERE source_id = ?", ["import:" + CARRIER.name]).fetchone()
    finally:
        con.close()
    assert licence == expected
    # the import's hash and the census notes are both kept
    assert "SHA-256" in notes and "suppressed cells" in notes

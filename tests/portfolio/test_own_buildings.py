"""A member's own measure acts on the buildings it names: ids, addresses, or a number of buildings of a type."""

import pytest

from heatdb.connect import connect
from heatdb.errors import ImportValidationError
from portfolio import read_projects_csv
from portfolio.project_rows import CSV_COLUMNS

HEADER = ",".join(CSV_COLUMNS)


def _row(**values) -> str:
    base = {"project_id": "kirche", "name": "Gemeindehäuser", "owner": "Kirchengemeinde", "project_type": "own_building_conversion",
            "start_year": "2027", "end_year": "2029", "target_system": "hp"}  # fmt: skip
    base.update({k: str(v) for k, v in values.items()})
    return HEADER + "\n" + ",".join(base.get(c, "") for c in CSV_COLUMNS) + "\n"


@pytest.fixture(scope="module")
def warehouse(tiny_db_template):
    con = connect(tiny_db_template, read_only=True)
    yield con
    con.close()


def test_a_number_of_buildings_of_a_type_in_the_district(warehouse):
    district = warehouse.execute("SELECT code FROM districts WHERE level = 'statbez' ORDER BY code LIMIT 1").fetchone()[0]
    [(p, _)] = read_projects_csv(_row(districts=district, n_buildings=3, building_type="MFH"), "p.csv", warehouse)
    assert len(p.building_ids) == 3
    rows = warehouse.execute(
        f"SELECT building_type, carrier FROM buildings WHERE building_id IN ({', '.join('?' * 3)})", list(p.building_ids)
    ).fetchall()
    assert {r[0] for r in rows} == {"MFH"} and {r[1] for r in rows} <= {"gas", "oil", "lpg", "coal"}


def test_ids_and_addresses(warehouse):
    bid = warehouse.execute("SELECT building_id FROM buildings ORDER BY building_id LIMIT 1").fetchone()[0]
    label = warehouse.execute("SELECT street || ' ' || housenumber FROM addresses ORDER BY label LIMIT 1").fetchone()[0]
    [(p, _)] = read_projects_csv(_row(buildings=f"{bid};{label}"), "p.csv", warehouse)
    assert p.building_ids[0] == bid and len(p.building_ids) == 2


def test_a_measure_without_buildings_or_an_unknown_one_is_refused(warehouse):
    with pytest.raises(ImportValidationError) as exc:
        read_projects_csv(_row(districts="710"), "p.csv", warehouse)
    problem = exc.value.problems[0]
    assert problem.column == "buildings" and "Gebäude-IDs oder Adressen" in problem.text("de")
    with pytest.raises(ImportValidationError) as exc:
        read_projects_csv(_row(buildings="Nirgendwostraße 999"), "p.csv", warehouse)
    assert exc.value.problems[0].value == "Nirgendwostraße 999"
    with pytest.raises(ImportValidationError) as exc:
        read_projects_csv(_row(districts="710", n_buildings=100000, building_type="SFH"), "p.csv", warehouse)
    assert exc.value.problems[0].column == "n_buildings"

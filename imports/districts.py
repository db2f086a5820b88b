"""Districts (`districts`): the city, its Stadtbezirke and statistische Bezirke; a `city` row also names the city."""

from __future__ import annotations

from pathlib import Path

from ghgmodel.params import Parameters
from heatdb import derive
from heatdb.readers import read_districts as read  # the build reads the shipped districts with the same reader
from heatdb.store import write_districts
from imports.provenance import register_source


def apply(con, data, params: Parameters, path: Path) -> int:
    """Replace the districts of the levels in the file and assign cells, areas and buildings to them again."""
    write_districts(con, data, "import:" + path.name)
    city = data.loc[data["level"] == "city", "name"]
    if len(city):  # the city's own boundary names the city: reports and the portfolio seed read it
        con.execute("INSERT OR REPLACE INTO meta VALUES ('city_name', ?)", [str(city.iloc[0])])
    con.execute(
        "UPDATE districts SET parent_id = (SELECT district_id FROM districts WHERE level = 'city' LIMIT 1) WHERE level = 'stadtbezirk' AND parent_id IS NULL"
    )
    register_source(con, "import:" + path.name, "districts", path)
    derive.assign_cells(con)
    derive.assign_area_districts(con)
    derive.assign_buildings(con)
    derive.compute_aggregates(con, params)
    return len(data)


__all__ = ["apply", "read"]

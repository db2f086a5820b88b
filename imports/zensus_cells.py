"""Zensus 2011 100 m cells (`zensus-cells`) in the shipped CSV format: the counts the synthetic stock is drawn from."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ghgmodel.params import Parameters
from heatdb import derive
from heatdb.census import corrected_building_counts
from heatdb.readers import read_census_cells as read  # the build reads the shipped cells with the same reader
from heatdb.store import write_census_cells, write_grid_cells
from imports.provenance import register_source


def apply(con, data, params: Parameters, path: Path) -> int:
    """Replace the census cells, keep a grid cell for every building, and assign and aggregate again."""
    write_census_cells(con, data, corrected_building_counts(data), "import:" + path.name)
    register_source(con, "import:" + path.name, "census_cells, grid_cells", path)
    extra = con.execute("SELECT DISTINCT cell_id FROM buildings").df()
    ids = pd.Index(data["cell_id"]).union(pd.Index(extra["cell_id"]))
    yx = ids.str.extract(r"N(\d+)E(\d+)").astype(float)
    write_grid_cells(con, ids.to_numpy(), yx[1].to_numpy(), yx[0].to_numpy())
    derive.assign_cells(con)
    derive.assign_buildings(con)
    derive.compute_aggregates(con, params)
    return len(data)


__all__ = ["apply", "read"]

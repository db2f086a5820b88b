"""The buildings a member's own measure acts on: named by id, by address, or as a number of buildings of a type.

A network member converting its own buildings (a church's parish houses, a company's offices) names them:
- `buildings`: building ids or addresses (street and house number as the address table writes them),
  separated by `;`; an address stands for the building nearest to its point (at most MAX_DISTANCE_M away);
- or `n_buildings` with `building_type` (SFH, TH, MFH, AB, NR): that many fossil-heated buildings of the type in
  the measure's districts, the first by building id (a stable choice; the warehouse does not know the owner).
The result is the list of building ids the model acts on; nothing else of the districts changes.
"""

from __future__ import annotations

import numpy as np

from heatdb.addresses import search_key
from heatdb.geo import lonlat_to_3035

MAX_DISTANCE_M = 60.0
FOSSIL = ("gas", "oil", "lpg", "coal")


class BuildingLookup:
    """Resolves building references against a warehouse connection."""

    def __init__(self, warehouse):
        self.con = warehouse

    def by_reference(self, token: str) -> str | None:
        """A building id, or the building nearest to an address; None if neither is found."""
        row = self.con.execute("SELECT building_id FROM buildings WHERE building_id = ?", [token]).fetchone()
        if row:
            return str(row[0])
        key = search_key(token)
        hit = self.con.execute(
            "SELECT lon, lat FROM addresses WHERE search_key = ? OR search_key LIKE ? ORDER BY length(label), label LIMIT 1",
            [key, key.replace("%", "").replace("_", "") + " %"],
        ).fetchone()
        if hit is None:
            return None
        x, y = lonlat_to_3035(np.array([hit[0]]), np.array([hit[1]]))
        near = self.con.execute(
            """SELECT building_id, sqrt((x_3035 - ?) ^ 2 + (y_3035 - ?) ^ 2) AS d FROM buildings
               WHERE x_3035 BETWEEN ? AND ? AND y_3035 BETWEEN ? AND ? ORDER BY d LIMIT 1""",
            [
                float(x[0]),
                float(y[0]),
                float(x[0]) - MAX_DISTANCE_M,
                float(x[0]) + MAX_DISTANCE_M,
                float(y[0]) - MAX_DISTANCE_M,
                float(y[0]) + MAX_DISTANCE_M,
            ],
        ).fetchone()
        return str(near[0]) if near is not None and near[1] <= MAX_DISTANCE_M else None

    def by_count(self, district_ids, n: int, building_type: str) -> tuple[str, ...]:
        """The first `n` fossil-heated buildings of `building_type` in the districts, by building id."""
        marks = ", ".join("?" * len(district_ids))
        rows = self.con.execute(
            f"""SELECT building_id FROM buildings WHERE statbez_id IN ({marks}) AND building_type = ?
                AND carrier IN ({", ".join("?" * len(FOSSIL))}) ORDER BY building_id LIMIT ?""",
            [*district_ids, building_type, *FOSSIL, int(n)],
        ).fetchall()
        return tuple(str(r[0]) for r in rows)


__all__ = ["BuildingLookup", "MAX_DISTANCE_M"]

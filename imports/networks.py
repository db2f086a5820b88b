"""What the two district-heating plans share: the pipes (imports.dh_network) and the expansion areas
(imports.dh_expansion) name a network, which may be new to the database, and register the plan as a source."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from ghgmodel.params import Parameters
from heatdb.geo import transform
from heatdb.validate import Checker


def column(gdf: pd.DataFrame, *names: str) -> str | None:
    """The first of `names` the file has, matched without case (its own spelling), or None."""
    lower = {str(c).lower(): c for c in gdf.columns}
    return next((lower[n] for n in names if n in lower), None)


def ids(chk: Checker, gdf, id_column: str | None, prefix: str) -> pd.Series:
    """The file's ids (checked: given and unique), or numbered ones (PREFIX-0001, ...) when it has no id column."""
    if id_column is None:
        return pd.Series([f"{prefix}-{i + 1:04d}" for i in range(len(gdf))])
    chk.frame = gdf
    return chk.text(id_column, unique=True).astype(str)


def has_table(con, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0] > 0


def network_for(con, geoms_4326: np.ndarray, given) -> np.ndarray:
    """The given network id, else the network of the nearest existing district-heating area ('default' without any)."""
    given = (
        np.asarray(pd.Series(given, dtype="string").fillna("").to_numpy(dtype=object))
        if given is not None
        else np.full(len(geoms_4326), "", dtype=object)
    )
    areas = con.execute("SELECT network_id, ST_AsWKB(geometry) AS wkb FROM dh_areas").df()
    if areas.empty:
        return np.where(given != "", given, "default")
    a = transform(shapely.from_wkb([bytes(w) for w in areas["wkb"]]), 4326, 3035)
    near = shapely.STRtree(a).nearest(transform(geoms_4326, 4326, 3035))
    return np.where(given != "", given, areas["network_id"].to_numpy(dtype=object)[near])


def ensure_networks(con, ids, operators, params: Parameters, path: Path) -> None:
    """Networks named in the file but not yet in dh_networks are added (GEG factor of the default type)."""
    known = set(con.execute("SELECT network_id FROM dh_networks").df()["network_id"])
    default_type = params.text("dh.default_network_type")
    first_operator = pd.Series(list(operators), index=list(ids)).groupby(level=0).first()
    for nid, op in first_operator.items():
        if nid in known:
            continue
        con.execute(
            "INSERT INTO dh_networks VALUES (?, ?, ?, ?, NULL, NULL, false, ?, ?)",
            [
                nid,
                nid,
                op,
                default_type,
                "import:" + path.name,
                f"created by the import of {path.name}; GEG factor of type {default_type} until an own factor is set",
            ],
        )


def register_plan(con, source_id: str, tables: str, title: str, path: Path, notes: str) -> None:
    con.execute(
        "INSERT OR REPLACE INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, tables, title, f"imported file {path.name}", "nicht angegeben / not given", "", "", False, notes],
    )


__all__ = ["column", "ensure_networks", "has_table", "ids", "network_for", "register_plan"]

"""Opening the DuckDB warehouse with the spatial extension from its pinned pip package.

Nothing is downloaded at run time: automatic extension install and load are switched off and the
extension file shipped in `duckdb_extension_spatial` is loaded by path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb

from heatdb.errors import DatabaseError

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "dortmund.duckdb"


@lru_cache(maxsize=1)
def spatial_extension_path() -> str:
    """Path of the spatial extension matching the installed duckdb."""
    import duckdb_extension_spatial

    root = Path(duckdb_extension_spatial.__file__).parent / "extensions"
    wanted = root / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
    if wanted.exists():
        return str(wanted)
    found = sorted(root.glob("*/spatial.duckdb_extension"))
    raise DatabaseError(
        f"no spatial extension for duckdb {duckdb.__version__} in the pip package (found {[p.parent.name for p in found]}). "
        "Install the duckdb-extension-spatial release that matches duckdb (requirements.txt pins both)."
    )


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a database file (or an in-memory one for path ':memory:') with spatial loaded."""
    target = ":memory:" if str(path) == ":memory:" else str(path or DEFAULT_DB)
    if target != ":memory:" and read_only and not Path(target).exists():
        raise DatabaseError(f"database {target} does not exist. Build it with: python -m heatdb build --out {target}")
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    try:
        con = duckdb.connect(target, read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise DatabaseError(f"cannot open {target}: {exc}") from None
    con.execute(f"LOAD '{spatial_extension_path()}'")
    # no DuckDB progress bars on stderr (the commands print their own progress lines)
    con.execute("SET enable_progress_bar = false")
    return con

"""The route from the planners' portfolio to the public instance: a published-only export, replaced atomically.

The planners' app holds the portfolio's write lock, so a public instance on the same machine cannot open it (DuckDB
lets one process write a file and nobody else open it meanwhile). Publishing therefore writes what the residents may
see into a file of its own (WAERME_PUBLIC_EXPORT, default data/public/portfolio.duckdb), and the public replicas
read that file (their WAERME_PORTFOLIO_DB) and reopen it when it is replaced (ui.model). The export holds:

    projects, scenarios            as they are (the public pages show the portfolio and its scenarios)
    snapshots                      the published ones only; unpublished and withdrawn snapshots are not in the file
    monitoring_reports             the published frozen monitoring reports only
    project_actuals_published      the released years, without who reported and the internal notes
    project_actuals                empty (the internal reports never leave the planners' file)
    audit_log                      one row: when the export was written and what it holds

It is written to a temporary file in the same folder and moved into place with os.replace, so a reader sees the
old file or the new one, never a half-written one; a reader that has the old file open keeps reading it.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from heatdb.settings import settings
from portfolio.actuals import COLUMNS as ACTUAL_COLUMNS
from portfolio.actuals import COMMENTS as ACTUAL_COMMENTS
from portfolio.actuals import SCHEMA as ACTUAL_SCHEMA
from portfolio.audit import now
from portfolio.db import COMMENTS, SCHEMA

_LOCK = threading.Lock()  # two planners publishing at once in one app write one export after the other


class PublishError(ValueError):
    """The export cannot be written where it was asked for (the message names the path and the fix)."""


@dataclass(frozen=True, kw_only=True)
class PublicExport:
    """What an export wrote: the file (absolute) and how many rows of each kind it holds."""

    path: Path
    projects: int
    scenarios: int
    snapshots: int
    monitoring_reports: int
    released_actuals: int


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}


def _rows(con, sql: str):
    return con.execute(sql).to_arrow_table()


def export_published(portfolio, out: str | Path | None = None) -> PublicExport:
    """Write the published part of `portfolio` (a connection or cursor) to `out` (default WAERME_PUBLIC_EXPORT).

    Raises PublishError when `out` is a folder or its folder cannot be made; the previous export is then unchanged.
    """
    out = Path(out or settings().public_export).absolute()
    if out.is_dir():
        raise PublishError(f"{out} is a folder; name the export file, e.g. {out / 'portfolio.duckdb'}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"cannot make the folder {out.parent} for the public export: {exc.strerror}. Choose another path.") from None
    have = _tables(portfolio)
    if not {"projects", "scenarios", "snapshots"} <= have:
        raise PublishError("the database given is not a portfolio (no projects, scenarios and snapshots tables); nothing was written")
    actual_cols = ", ".join(c for c in ACTUAL_COLUMNS if c not in ("reported_by", "note"))
    parts = {
        "projects": _rows(portfolio, "SELECT * FROM projects ORDER BY project_id"),
        "scenarios": _rows(portfolio, "SELECT * FROM scenarios ORDER BY scenario_id"),
        "snapshots": _rows(portfolio, "SELECT * FROM snapshots WHERE coalesce(is_published, false) ORDER BY created_at, snapshot_id"),
    }
    if "monitoring_reports" in have:
        parts["monitoring_reports"] = _rows(portfolio, "SELECT * FROM monitoring_reports WHERE coalesce(is_published, false)")
    if "project_actuals_published" in have:
        parts["project_actuals_published"] = _rows(portfolio, f"SELECT {actual_cols}, released_at FROM project_actuals_published")
    with _LOCK:
        tmp = out.parent / f".{out.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
        try:
            con = duckdb.connect(str(tmp))
            try:
                con.execute(SCHEMA)
                con.execute(ACTUAL_SCHEMA)
                for table, text in {**COMMENTS, **ACTUAL_COMMENTS}.items():
                    con.execute(f"COMMENT ON TABLE {table} IS '{text.replace(chr(39), chr(39) * 2)}'")
                for table, rows in parts.items():
                    con.register("rows_in", rows)
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_in")
                    con.unregister("rows_in")
                counts = {k: v.num_rows for k, v in parts.items()}
                con.execute(
                    "INSERT INTO audit_log VALUES (?, 'public.export', ?, ?)",
                    [now(), out.name, json.dumps(counts, sort_keys=True)],
                )
                con.execute("CHECKPOINT")
            finally:
                con.close()
            with open(tmp, "rb") as fh:  # on disk before the name points at it
                os.fsync(fh.fileno())
            os.replace(tmp, out)
        except duckdb.IOException as exc:
            raise PublishError(
                f"cannot write the public export {out}: {exc}. Free space or choose another path; the old export is unchanged."
            ) from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)
    return PublicExport(
        path=out,
        projects=counts["projects"],
        scenarios=counts["scenarios"],
        snapshots=counts["snapshots"],
        monitoring_reports=counts.get("monitoring_reports", 0),
        released_actuals=counts.get("project_actuals_published", 0),
    )


__all__ = ["PublicExport", "PublishError", "export_published"]

"""Frozen yearly monitoring reports: plan against actuals as filed, never edited; only their "public" flag changes.

Like the council's snapshots (portfolio.snapshots), but for the monitoring (issue 19): the whole dataset
is kept as JSON with its SHA-256, with the data version, parameter, portfolio and actuals hashes of the
moment it was frozen, so the report of a year can be read again, unchanged, and set beside the next.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

import pandas as pd

from portfolio.actuals import ensure
from portfolio.audit import log, now


def save_monitoring_report(
    con,
    *,
    report_year: int,
    name: str,
    scenario_id: str,
    data_version: str,
    params_hash: str,
    portfolio_hash: str,
    actuals_hash: str,
    report_json: str,
) -> str:
    """Freeze a monitoring dataset; returns its id. There is no function to change one."""
    ensure(con)
    rid = datetime.now(UTC).strftime("M%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    sha = hashlib.sha256(report_json.encode()).hexdigest()
    con.execute(
        """INSERT INTO monitoring_reports (report_id, report_year, name, created_at, scenario_id, data_version, params_hash,
                                           portfolio_hash, actuals_hash, report_json, report_sha256, is_published)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)""",
        [rid, int(report_year), name[:200], now(), scenario_id, data_version, params_hash, portfolio_hash, actuals_hash, report_json, sha],
    )
    log(con, "monitoring.freeze", rid, f"{int(report_year)}: {name[:200]}")
    return rid


def publish_monitoring_report(con, report_id: str, published: bool = True) -> bool:
    """Offer (or withdraw) a frozen report on the residents' instance; the numbers are not touched."""
    n = con.execute(
        "UPDATE monitoring_reports SET is_published = ? WHERE report_id = ? RETURNING report_id", [published, report_id]
    ).fetchall()
    if n:
        log(con, "monitoring.publish" if published else "monitoring.unpublish", report_id)
    return bool(n)


def _has_table(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'monitoring_reports'").fetchone()[0])


def list_monitoring_reports(con, *, published_only: bool = False) -> pd.DataFrame:
    """The frozen reports, newest first (without their JSON)."""
    cols = "report_id, report_year, name, created_at, scenario_id, data_version, params_hash, portfolio_hash, actuals_hash, is_published"
    if not _has_table(con):
        return pd.DataFrame(columns=[c.strip() for c in cols.split(",")])
    where = "WHERE is_published" if published_only else ""
    return con.execute(f"SELECT {cols} FROM monitoring_reports {where} ORDER BY report_year DESC, created_at DESC").df()


def monitoring_report(con, report_id: str) -> dict | None:
    """One frozen report with its JSON and SHA-256, or None."""
    if not _has_table(con):
        return None
    df = con.execute("SELECT * FROM monitoring_reports WHERE report_id = ?", [report_id]).df()
    return None if df.empty else df.iloc[0].to_dict()


__all__ = ["list_monitoring_reports", "monitoring_report", "publish_monitoring_report", "save_monitoring_report"]

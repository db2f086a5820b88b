"""Frozen snapshots for council documents: the numbers as filed, never edited; only their "public" flag changes."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

import pandas as pd

from portfolio.audit import log, now
from portfolio.project_rows import MAX_TEXT


def save_snapshot(
    con,
    *,
    name: str,
    data_version: str,
    params_hash: str,
    scenario_json: str,
    projects_json: str,
    results: dict,
    note: str = "",
    portfolio_hash: str = "",
    report_json: str = "",
) -> str:
    """Freeze a scenario's inputs and results; returns the snapshot id (the numbers filed).

    `report_json` is the whole report dataset (reports.ReportData); its SHA-256 is kept beside it so a
    later reader can show that the numbers are the ones frozen. There is no function to change a snapshot.
    """
    sid = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    sha = hashlib.sha256(report_json.encode()).hexdigest() if report_json else None
    con.execute(
        """INSERT INTO snapshots (snapshot_id, name, created_at, data_version, params_hash, scenario_json, projects_json, results_json, note,
                                  portfolio_hash, report_json, report_sha256, is_published)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)""",
        [
            sid,
            name[:200],
            now(),
            data_version,
            params_hash,
            scenario_json,
            projects_json,
            json.dumps(results, ensure_ascii=False),
            note[:MAX_TEXT],
            portfolio_hash,
            report_json or None,
            sha,
        ],
    )
    log(con, "snapshot.save", sid, name[:200])
    return sid


def publish_snapshot(con, snapshot_id: str, published: bool = True) -> bool:
    """Show (or hide) a snapshot on the public instance; the numbers are not touched."""
    n = con.execute(
        "UPDATE snapshots SET is_published = ? WHERE snapshot_id = ? RETURNING snapshot_id", [published, snapshot_id]
    ).fetchall()
    if n:
        log(con, "snapshot.publish" if published else "snapshot.unpublish", snapshot_id)
    return bool(n)


def list_snapshots(con, *, published_only: bool = False) -> pd.DataFrame:
    if "report_json" not in _columns(con, "snapshots"):  # a read-only file from before snapshots kept reports
        frame = con.execute(
            "SELECT snapshot_id, name, created_at, data_version, params_hash, note FROM snapshots ORDER BY created_at DESC"
        ).df()
        frame = frame.assign(portfolio_hash=None, is_published=False, has_report=False)
        return frame.iloc[0:0] if published_only else frame
    where = "WHERE coalesce(is_published, false)" if published_only else ""
    return con.execute(
        f"""SELECT snapshot_id, name, created_at, data_version, params_hash, portfolio_hash, coalesce(is_published, false) AS is_published,
                   report_json IS NOT NULL AS has_report, note
            FROM snapshots {where} ORDER BY created_at DESC, snapshot_id DESC"""
    ).df()


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"SELECT * FROM {table} LIMIT 0").description}


def snapshot(con, snapshot_id: str) -> dict | None:
    df = con.execute("SELECT * FROM snapshots WHERE snapshot_id = ?", [snapshot_id]).df()
    if df.empty:
        return None
    rec = df.iloc[0].to_dict()
    rec["results"] = json.loads(rec.pop("results_json"))
    return rec


__all__ = ["list_snapshots", "publish_snapshot", "save_snapshot", "snapshot"]

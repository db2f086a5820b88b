"""Frozen snapshots: a scenario's report dataset stored once, read back unchanged, never edited.

A snapshot keeps the whole `ReportData` (every table and map layer) as JSON with its SHA-256, the data
version of the warehouse, the parameter hash and the portfolio hash at the time it was frozen. Reading
it back checks the SHA-256; `changes_since` says what differs in the live data, so a page can say
"the live data has changed since" while still showing the frozen numbers.
"""

from __future__ import annotations

import hashlib

import pandas as pd

import portfolio as pf
from reports.dataset import ReportData


class SnapshotError(LookupError):
    """A snapshot is missing, has no stored report, or its stored report does not match its hash."""


def freeze(portfolio, data: ReportData, *, title: str, note: str = "") -> str:
    """Store `data` as a new snapshot titled `title`; returns its id."""
    m = data.meta
    text = data.with_meta(title=title or m.get("title", ""), snapshot_id="").to_json()
    return pf.save_snapshot(
        portfolio,
        name=title or m.get("title", ""),
        data_version=m.get("data_version", ""),
        params_hash=m.get("params_hash", ""),
        scenario_json=m.get("scenario_json", ""),
        projects_json=m.get("projects_json", "[]"),
        results={"targets": data.table("targets").to_dict(orient="records")},
        note=note,
        portfolio_hash=m.get("portfolio_hash", ""),
        report_json=text,
    )


def load(portfolio, snapshot_id: str) -> ReportData:
    """The frozen dataset of a snapshot, with `snapshot_id`, `frozen_at` and `is_published` in its meta."""
    rec = pf.snapshot(portfolio, snapshot_id)
    if rec is None:
        raise SnapshotError(f"no snapshot {snapshot_id!r}; list them with: python -m reports list")
    text = rec.get("report_json")
    if not isinstance(text, str) or not text:
        raise SnapshotError(
            f"snapshot {snapshot_id!r} was frozen before snapshots kept their full report; only its target table exists (see the app)."
        )
    sha = hashlib.sha256(text.encode()).hexdigest()
    if rec.get("report_sha256") and sha != rec["report_sha256"]:
        raise SnapshotError(
            f"snapshot {snapshot_id!r}: the stored numbers do not match their SHA-256 ({sha[:12]} vs {rec['report_sha256'][:12]}); the file was changed outside the app."
        )
    data = ReportData.from_json(text)
    return data.with_meta(
        snapshot_id=snapshot_id,
        frozen_at=str(rec["created_at"]),
        is_published=bool(rec.get("is_published")),
        report_sha256=sha,
        title=rec["name"],
    )


def listing(portfolio, *, published_only: bool = False) -> pd.DataFrame:
    return pf.list_snapshots(portfolio, published_only=published_only)


def changes_since(data: ReportData, *, data_version: str, params_hash: str, portfolio_hash: str) -> list[str]:
    """Which inputs differ now from those frozen: 'data', 'parameters', 'portfolio' (empty: nothing changed)."""
    m = data.meta
    out = []
    if m.get("data_version") != data_version:
        out.append("data")
    if m.get("params_hash") != params_hash:
        out.append("parameters")
    if m.get("portfolio_hash") and m.get("portfolio_hash") != portfolio_hash:
        out.append("portfolio")
    return out


__all__ = ["SnapshotError", "changes_since", "freeze", "listing", "load"]

"""The audit log of the portfolio: every change to projects, scenarios and snapshots, with its time."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The time of a change: UTC, stored without a zone (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


def log(con, action: str, object_id: str, detail: str = "") -> None:
    """Record one change (inside the caller's transaction, if any)."""
    con.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?)", [now(), action, object_id, detail])


__all__ = ["log", "now"]

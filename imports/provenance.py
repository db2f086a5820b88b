"""Where an imported file came from: its SHA-256, its data_sources row and the import_log columns.

Every import records file name, SHA-256, date and the licence the planner gave; a kind's own writer
may register its row first (with what the rows mean), and the licence it knows stays unless the
planner names one.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

NOT_GIVEN = "nicht angegeben / not given"
IMPORT_LOG_COLUMNS = (
    ("licence", "VARCHAR", "licence of the file as given by the planner who imported it"),
    ("n_skipped", "INTEGER", "rows left out because they had problems (skip invalid rows)"),
    ("options", "VARCHAR", "import options as JSON (e.g. skip_invalid)"),
    ("data_version", "VARCHAR", "meta.data_version after this import"),
)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def migrate_import_log(con) -> None:
    """Older databases log fewer facts per import: add the provenance columns (with their comments)."""
    for name, typ, comment in IMPORT_LOG_COLUMNS:
        con.execute(f"ALTER TABLE import_log ADD COLUMN IF NOT EXISTS {name} {typ}")
        con.execute(f"COMMENT ON COLUMN import_log.{name} IS '{comment}'")


def register_source(con, source_id: str, tables: str, path: Path) -> None:
    con.execute(
        "INSERT OR REPLACE INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            source_id,
            tables,
            path.name,
            f"imported file {path.name} (SHA-256 {sha256_of(path)})",
            NOT_GIVEN,
            "",
            "",
            False,
            "imported with python -m heatdb import",
        ],
    )


def record_provenance(con, path: Path, sha: str, licence: str, kind: str) -> None:
    """File name, SHA-256, date and the licence the planner gave, on the import's data_sources row."""
    source_id = "import:" + path.name
    today = datetime.now(UTC).date().isoformat()
    note = f"imported as {kind} with python -m heatdb import on {today}; SHA-256 {sha}"
    if con.execute("SELECT count(*) FROM data_sources WHERE source_id = ?", [source_id]).fetchone()[0] == 0:
        register_source(con, source_id, kind, path)
    known, notes = con.execute("SELECT licence, coalesce(notes, '') FROM data_sources WHERE source_id = ?", [source_id]).fetchone()
    # a licence the importer knows (Zensus 2022: dl-de/by-2-0) stays unless the planner names one
    given = licence or (known if known and known != NOT_GIVEN else NOT_GIVEN)
    # the importer's own notes (what the rows mean) stay; the import's date and hash come first
    kept = "" if notes.startswith("imported") else notes
    con.execute(
        "UPDATE data_sources SET origin = ?, licence = ?, notes = ? WHERE source_id = ?",
        [f"imported file {path.name} (SHA-256 {sha})", given, note + (f"; {kept}" if kept else ""), source_id],
    )


__all__ = ["IMPORT_LOG_COLUMNS", "NOT_GIVEN", "migrate_import_log", "record_provenance", "register_source", "sha256_of"]

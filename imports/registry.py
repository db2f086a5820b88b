"""The import registry: every kind of file a city brings, and `import_file`, which imports one all or nothing.

Each kind is a module of this package with `read(path, *, skip_invalid=False)` (buildings also take a
`mapping`) and `apply(con, data, params, path) -> int`. `import_file` checks the file, reads and
validates it completely without touching the database (every problem listed), then copies the
database, applies the data to the copy, rebuilds the derived tables, records the provenance and swaps
the copy in (imports.working_copy): it either completes or leaves the database byte for byte as it was.

The portfolio's kind (`projects`, the template into the portfolio database) is portfolio.files'; the
command line and the upload page offer it beside these (imports and portfolio never import each other).
"""

from __future__ import annotations

import errno
import hashlib
import inspect
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from heatdb.build import build_parameters
from heatdb.connect import connect
from heatdb.errors import DatabaseError, ImportValidationError
from heatdb.import_result import ImportResult
from heatdb.validate import check_file
from heatdb.validate import skipped as skipped_of
from imports import (
    addresses,
    buildings,
    consumption,
    dh_areas,
    dh_expansion,
    dh_network,
    districts,
    working_copy,
    zensus2022,
    zensus_cells,
)
from imports.provenance import migrate_import_log, record_provenance, sha256_of
from locales import num

# kind -> its module; read and apply are looked up when an import runs, so a test or a benchmark can wrap them
KINDS = {
    "districts": districts,
    "zensus-cells": zensus_cells,
    "dh-areas": dh_areas,
    "buildings": buildings,
    "addresses": addresses,
    "zensus2022": zensus2022,
    "consumption": consumption,
    "dh-network": dh_network,
    "dh-expansion": dh_expansion,
}


def available_kinds() -> tuple[str, ...]:
    """Every kind of the warehouse this installation can import, in a stable order."""
    return tuple(KINDS)


def import_file(
    kind: str,
    path: str | Path,
    db: str | Path,
    *,
    skip_invalid: bool = False,
    licence: str = "",
    progress=None,
    mapping: str | dict | None = None,
) -> ImportResult:
    """Import `path` as `kind` into `db` (all or nothing) and report what was done.

    Args:
        kind: one of available_kinds().
        path: the file.
        db: the warehouse database.
        skip_invalid: leave out rows with problems (listed in the result) instead of refusing the file;
            problems of the whole file still refuse it.
        licence: the file's licence as given by the planner (stored with the import).
        progress: called as progress(fraction 0..1, {"en": text, "de": text}) while the import runs.
        mapping: for buildings, the attribute layout (auto, osm, alkis, canonical) or {source column: canonical
            column} (e.g. for the LANUV heat-demand model's columns); see imports.building_formats.to_canonical.

    Raises:
        ImportValidationError: the file has problems (each with file, row, column, value, fix); nothing was changed.
        DatabaseError: the database is missing or cannot be opened.
    """
    path, db = Path(path), Path(db)
    mapping = None if mapping in (None, "auto") else mapping
    if kind not in available_kinds():
        raise _unknown_kind(kind, path)
    licence = (licence or "").strip()[:500]
    if not db.exists():
        raise DatabaseError(f"database {db} does not exist. Build it first: python -m heatdb build --out {db}")
    check_file(path)
    if mapping is not None and kind != "buildings":
        raise ImportValidationError.of(
            file=path,
            problem=(
                f"an attribute mapping applies to buildings, not to {kind}",
                f"eine Attributzuordnung gilt für Gebäude, nicht für {kind}",
            ),
            fix=("Leave out the mapping.", "Die Zuordnung weglassen."),
        )
    with working_copy.import_lock(db):
        return _import_locked(kind, path, db, skip_invalid=skip_invalid, licence=licence, progress=progress, mapping=mapping)


def _import_locked(kind: str, path: Path, db: Path, *, skip_invalid: bool, licence: str, progress, mapping=None) -> ImportResult:
    _step(progress, 0.02, "checking whether this file is already imported", "Prüfung, ob die Datei schon importiert ist")
    sha = sha256_of(path)
    options = _options(skip_invalid, licence, mapping)
    last = latest_import(db, kind)
    # rows logged before the options were recorded (NULL) count as the default options
    last_options = last.get("options") if last is not None and isinstance(last.get("options"), str) else _options(False, "")
    if last is not None and last.get("sha256") == sha and last_options == options:
        _step(progress, 1.0, "unchanged", "unverändert")
        return ImportResult(
            kind=kind, file_name=path.name, sha256=sha, n_imported=int(last.get("n_rows") or 0), unchanged=True, data_version=_version(db)
        )
    _step(progress, 0.05, "reading and checking the file", "Datei wird gelesen und geprüft")
    module = KINDS[kind]
    data = _read(module.read, path, skip_invalid, mapping)  # raises ImportValidationError before anything is written
    skipped = skipped_of(data)
    n_skipped = int(getattr(data, "attrs", {}).get("skipped_total", len(skipped)))
    params = build_parameters()
    _step(progress, 0.3, "copying the database", "Datenbank wird kopiert")
    working_copy.remove_stale_copies(db)
    tmp = db.with_name(f"{db.name}.import-{os.getpid()}")
    try:
        working_copy.copy_database(db, tmp)
        con = connect(tmp)
        try:
            _step(progress, 0.4, "writing and recomputing", "Schreiben und Neuberechnung")
            n = int(module.apply(con, data, params, path))
            _step(progress, 0.9, "recording the provenance", "Herkunft wird gespeichert")
            migrate_import_log(con)
            record_provenance(con, path, sha, licence, kind)
            old = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
            # the data changed, so does its version: caches keyed by it are refreshed
            new = hashlib.sha256(f"{old[0] if old else ''}|{kind}|{sha}|{options}".encode()).hexdigest()[:12]
            con.execute(
                """INSERT INTO import_log (imported_at, kind, file_name, sha256, n_rows, note, licence, n_skipped, options, data_version)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [datetime.now(UTC).replace(tzinfo=None), kind, path.name, sha, n, "", licence, n_skipped, options, new],
            )
            con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", [new])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('last_import_at', ?)", [datetime.now(UTC).isoformat(timespec="seconds")])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        working_copy.swap_in(tmp, db)
    except (OSError, duckdb.IOException, duckdb.OutOfMemoryException) as exc:
        working_copy.cleanup(tmp)
        if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "no space left" in str(exc).lower():
            raise DatabaseError(
                f"the disk is full while importing {path.name}. Nothing was imported; the database is unchanged. "
                f"Free at least twice the size of {db.name} and import again."
            ) from None
        raise
    except BaseException:
        working_copy.cleanup(tmp)
        raise
    _step(progress, 1.0, "done", "fertig")
    return ImportResult(
        kind=kind,
        file_name=path.name,
        sha256=sha,
        n_imported=n,
        n_skipped=n_skipped,
        skipped=tuple(skipped),
        data_version=new,
        notes=reader_notes(data),
    )


def _read(reader, path: Path, skip_invalid: bool, mapping=None):
    """Call a reader, passing skip_invalid (and an attribute mapping) where it takes them; a crash inside it becomes a problem of the file."""
    takes = inspect.signature(reader).parameters
    kwargs = {"skip_invalid": skip_invalid} if "skip_invalid" in takes else {}
    if mapping is not None:
        kwargs["mapping"] = mapping
    try:
        return reader(path, **kwargs)
    except (ImportValidationError, DatabaseError):
        raise
    except (MemoryError, RecursionError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a reader should report, not crash; name the file and keep the database
        detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200].replace(str(path), path.name)
        raise ImportValidationError.of(
            file=path.name,
            problem=(f"cannot be read ({detail})", f"kann nicht gelesen werden ({detail})"),
            fix=(
                "Check that the file has the format of this kind (see README, Import).",
                "Prüfen, ob die Datei das Format dieser Art hat (siehe README, Import).",
            ),
        ) from None


def _options(skip_invalid: bool, licence: str, mapping=None) -> str:
    """The import's options as logged; an attribute mapping only when one was given (older rows have none)."""
    options = {"skip_invalid": bool(skip_invalid), "licence": licence}
    if mapping is not None:
        options["mapping"] = mapping
    return json.dumps(options, sort_keys=True)


def latest_import(db: Path, kind: str) -> dict | None:
    """The newest import_log row of `kind` in `db` (None if there is none)."""
    con = connect(db, read_only=True)
    try:
        cols = {r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'import_log'").fetchall()}
        if not cols:
            return None
        row = con.execute("SELECT * FROM import_log WHERE kind = ? ORDER BY imported_at DESC LIMIT 1", [kind]).df()
        return None if row.empty else row.iloc[0].to_dict()
    finally:
        con.close()


def _version(db: Path) -> str:
    con = connect(db, read_only=True)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return row[0] if row else ""
    finally:
        con.close()


def _unknown_kind(kind: str, path: Path) -> ImportValidationError:
    kinds = ", ".join(available_kinds())
    return ImportValidationError.of(
        file=path,
        problem=(f"unknown kind {kind!r}; use one of {kinds}", f"unbekannte Art {kind!r}; möglich sind {kinds}"),
        fix=("Choose one of the kinds.", "Eine der Arten wählen."),
    )


def _step(progress, fraction: float, en: str, de: str) -> None:
    if progress is not None:
        progress(fraction, {"en": en, "de": de})


def reader_notes(data) -> tuple[tuple[str, str], ...]:
    """What a reader did beyond the file's own values: the layout it read, rows it left out, values it estimated."""
    attrs = getattr(data, "attrs", {})
    notes = []
    layout = attrs.get("layout")
    if layout and layout != "canonical":
        name = {"osm": "OpenStreetMap", "alkis": "ALKIS"}.get(layout, layout)
        notes.append((f"Read as {name} attributes.", f"Als {name}-Attribute gelesen."))
    dropped = int(attrs.get("n_unheated_dropped") or 0)
    if dropped:
        notes.append(
            (
                f"{num(dropped, 0, 'en')} unheated buildings (garages, sheds, ...) left out.",
                f"{num(dropped, 0, 'de')} unbeheizte Gebäude (Garagen, Schuppen, …) nicht übernommen.",
            )
        )
    if "estimated_attributes" in getattr(data, "columns", ()):
        flags = data["estimated_attributes"].fillna("").astype(str)
        for attr, de in (
            ("construction_year", "Baujahr"),
            ("carrier", "Energieträger"),
            ("building_type", "Gebäudetyp"),
            ("storeys", "Geschosszahl"),
            ("living_area_m2", "Wohnfläche"),
        ):
            n = int(flags.str.contains(rf"(?:^|,){attr}(?:,|$)").sum())
            if n:
                notes.append(
                    (f"{attr} estimated for {num(n, 0, 'en')} buildings (named in buildings.estimated_attributes).",
                     f"{de} für {num(n, 0, 'de')} Gebäude geschätzt (in buildings.estimated_attributes vermerkt).")
                )  # fmt: skip
    return tuple(notes)


__all__ = ["KINDS", "ImportResult", "available_kinds", "import_file", "latest_import", "reader_notes"]

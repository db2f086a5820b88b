"""`python -m heatdb import KIND FILE`: validate first, then write into a copy and swap it in.

An import either completes or leaves the database byte for byte as it was: the file is read and
validated without touching the database; the database is then copied, the copy is changed and its
derived tables rebuilt, and only then does the copy replace the original (an atomic rename).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import importlib
import importlib.util
import inspect
import json
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely

from heatdb import derive
from heatdb.build import build_parameters
from heatdb.census import age_class, corrected_building_counts
from heatdb.connect import connect
from heatdb.errors import DatabaseError, ImportValidationError, Problem
from heatdb.geo import cell_id, cell_of_point, h3_cells, transform
from heatdb.readers import read_buildings, read_census_cells, read_dh_areas, read_districts
from heatdb.store import wkb, write_census_cells, write_districts, write_frame, write_grid_cells
from heatdb.validate import check_file
from heatdb.validate import skipped as skipped_of

WAREHOUSE_KINDS = ("districts", "zensus-cells", "dh-areas", "buildings", "addresses")
# kinds other modules add when they exist: kind -> (module, reader, writer); resolved when used, so a
# module that is not there yet just leaves its kind out
OPTIONAL_KINDS = {
    "zensus2022": ("imports.zensus2022", "read_zensus2022", "apply_zensus2022"),
    "consumption": ("imports.consumption", "read_consumption", "apply_consumption"),
    "dh-network": ("imports.dh_network", "read_dh_network", "apply_dh_network"),
    "dh-expansion": ("imports.dh_network", "read_dh_expansion", "apply_dh_expansion"),
}
PORTFOLIO_KINDS = ("projects",)
IMPORT_LOG_COLUMNS = (
    ("licence", "VARCHAR", "licence of the file as given by the planner who imported it"),
    ("n_skipped", "INTEGER", "rows left out because they had problems (skip invalid rows)"),
    ("options", "VARCHAR", "import options as JSON (e.g. skip_invalid)"),
    ("data_version", "VARCHAR", "meta.data_version after this import"),
)


def available_kinds() -> tuple[str, ...]:
    """Every kind this installation can import, in a stable order."""
    extra = tuple(k for k, (mod, _, _) in OPTIONAL_KINDS.items() if importlib.util.find_spec(mod) is not None)
    return (*WAREHOUSE_KINDS, *extra, *PORTFOLIO_KINDS)


KINDS = available_kinds()
NOT_GIVEN = "nicht angegeben / not given"


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    """What an import did: rows imported, rows left out (with their problems), or nothing (unchanged)."""

    kind: str
    file_name: str
    sha256: str
    n_imported: int
    n_skipped: int = 0
    skipped: tuple[Problem, ...] = ()
    unchanged: bool = False
    data_version: str = ""
    notes: tuple[tuple[str, str], ...] = ()  # (English, German): what the reader estimated or left out

    def message(self, lang: str = "en", *, notes: bool = True) -> str:
        """One line on what was done; with `notes` followed by what the reader estimated or left out."""
        text = self._done(lang)
        if not notes or not self.notes:
            return text
        return " ".join([text.rstrip(".") + ".", *(de if lang == "de" else en for en, de in self.notes)])

    def _done(self, lang: str) -> str:
        if self.unchanged:
            if lang == "de":
                return f"{self.file_name} ist bereits der letzte Import der Art {self.kind} (gleiche SHA-256): nichts geändert."
            return f"{self.file_name} is already the latest {self.kind} import (same SHA-256): nothing changed."
        if lang == "de":
            n, skipped = _de_int(self.n_imported), _de_int(self.n_skipped)
            text = f"{n} Zeilen ({self.kind}) aus {self.file_name} importiert"
            return text + (f", {skipped} fehlerhafte Zeilen übersprungen." if self.n_skipped else ".")
        return f"imported {self.n_imported:,} rows of {self.kind} from {self.file_name}" + (
            f", skipped {self.n_skipped:,} invalid rows" if self.n_skipped else ""
        )


def _de_int(n: int) -> str:
    """A whole number with German thousands separators (1.234)."""
    return f"{n:,}".replace(",", ".")


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
                f"{dropped:,} unheated buildings (garages, sheds, ...) left out.",
                f"{_de_int(dropped)} unbeheizte Gebäude (Garagen, Schuppen, …) nicht übernommen.",
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
                    (f"{attr} estimated for {n:,} buildings (named in buildings.estimated_attributes).",
                     f"{de} für {_de_int(n)} Gebäude geschätzt (in buildings.estimated_attributes vermerkt).")
                )  # fmt: skip
    return tuple(notes)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _unknown_kind(kind: str, path: Path) -> ImportValidationError:
    kinds = ", ".join(available_kinds())
    return ImportValidationError.of(
        file=path,
        problem=(f"unknown kind {kind!r}; use one of {kinds}", f"unbekannte Art {kind!r}; möglich sind {kinds}"),
        fix=("Choose one of the kinds.", "Eine der Arten wählen."),
    )


def _resolve(kind: str):
    """(reader, writer) of a kind; looked up when used (tests and benchmarks may replace them)."""
    if kind in WAREHOUSE_KINDS:
        from heatdb.addresses import read_addresses

        readers = {
            "districts": read_districts,
            "zensus-cells": read_census_cells,
            "dh-areas": read_dh_areas,
            "buildings": read_buildings,
            "addresses": read_addresses,
        }
        return readers[kind], None
    mod, read, apply = OPTIONAL_KINDS[kind]
    module = importlib.import_module(mod)
    return getattr(module, read), getattr(module, apply)


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


def _migrate_import_log(con) -> None:
    """Older databases log fewer facts per import: add the provenance columns (with their comments)."""
    for name, typ, comment in IMPORT_LOG_COLUMNS:
        con.execute(f"ALTER TABLE import_log ADD COLUMN IF NOT EXISTS {name} {typ}")
        con.execute(f"COMMENT ON COLUMN import_log.{name} IS '{comment}'")


def _step(progress, fraction: float, en: str, de: str) -> None:
    if progress is not None:
        progress(fraction, {"en": en, "de": de})


def import_file(
    kind: str,
    path: str | Path,
    db: str | Path,
    *,
    skip_invalid: bool = False,
    licence: str = "",
    progress=None,
    portfolio: str | Path | None = None,
    mapping: str | dict | None = None,
) -> ImportResult:
    """Import `path` as `kind` into `db` (all or nothing) and report what was done.

    Args:
        kind: one of available_kinds().
        path: the file.
        db: the warehouse database (the portfolio database for kind "projects": `portfolio`, default DEFAULT_PORTFOLIO).
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
    if kind in PORTFOLIO_KINDS:
        from portfolio.files import import_projects_file

        _step(progress, 0.05, "reading the file", "Datei wird gelesen")
        n, n_skipped, skipped, unchanged, sha = import_projects_file(
            path, portfolio, warehouse_db=db, skip_invalid=skip_invalid, licence=licence
        )
        _step(progress, 1.0, "done", "fertig")
        return ImportResult(
            kind=kind, file_name=path.name, sha256=sha, n_imported=n, n_skipped=n_skipped, skipped=tuple(skipped), unchanged=unchanged
        )
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
    with import_lock(db):
        return _import_locked(kind, path, db, skip_invalid=skip_invalid, licence=licence, progress=progress, mapping=mapping)


@contextmanager
def import_lock(db: Path):
    """One import at a time into a database: a second one is refused at once, before it reads its file.

    An advisory lock (flock) on `<db>.import.lock`; it dies with its process, so a killed import never
    blocks the next one. The file is removed while still locked, and a lock taken on a file that is no
    longer the one at the path is taken again, so two imports never both hold it.
    """
    lock_path = db.with_name(f"{db.name}.import.lock")
    for _ in range(5):
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held until the import is done
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise DatabaseError(
                f"another import into {db.name} is running ({holder}). Nothing was imported; import again when it has finished."
            ) from None
        try:
            same = os.fstat(handle.fileno()).st_ino == os.stat(lock_path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()  # the holder before us removed this file: lock the new one
    else:
        raise DatabaseError(f"could not lock {db.name} for the import; try again.")
    try:
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}, since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
            handle.flush()
        except OSError:
            pass  # who holds the lock is only shown to a second import; a full disk is reported by the import
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        handle.close()


def _import_locked(kind: str, path: Path, db: Path, *, skip_invalid: bool, licence: str, progress, mapping=None) -> ImportResult:
    _step(progress, 0.02, "checking whether this file is already imported", "Prüfung, ob die Datei schon importiert ist")
    sha = _sha256(path)
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
    reader, writer = _resolve(kind)
    data = _read(reader, path, skip_invalid, mapping)  # raises ImportValidationError before anything is written
    skipped = skipped_of(data)
    n_skipped = int(getattr(data, "attrs", {}).get("skipped_total", len(skipped)))
    params = build_parameters()
    _step(progress, 0.3, "copying the database", "Datenbank wird kopiert")
    _remove_stale_copies(db)
    tmp = db.with_name(f"{db.name}.import-{os.getpid()}")
    try:
        _copy_database(db, tmp)
        con = connect(tmp)
        try:
            _step(progress, 0.4, "writing and recomputing", "Schreiben und Neuberechnung")
            n = _apply(con, kind, data, params, path) if writer is None else _apply_optional(writer, con, data, params, path)
            _step(progress, 0.9, "recording the provenance", "Herkunft wird gespeichert")
            _migrate_import_log(con)
            _provenance(con, path, sha, licence, kind)
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
        _swap_in(tmp, db)
    except (OSError, duckdb.IOException, duckdb.OutOfMemoryException) as exc:
        _cleanup(tmp)
        if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "no space left" in str(exc).lower():
            raise DatabaseError(
                f"the disk is full while importing {path.name}. Nothing was imported; the database is unchanged. "
                f"Free at least twice the size of {db.name} and import again."
            ) from None
        raise
    except BaseException:
        _cleanup(tmp)
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


def _remove_stale_copies(db: Path) -> None:
    """Remove working copies left by imports that were killed (their process is gone)."""
    for leftover in db.parent.glob(f"{db.name}.import-*"):
        pid = leftover.name.rsplit("-", 1)[-1].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _cleanup(tmp: Path) -> None:
    for leftover in (tmp, Path(str(tmp) + ".wal")):
        leftover.unlink(missing_ok=True)


def _copy_database(db: Path, tmp: Path) -> None:
    """The working copy the import changes (the original is not touched until the swap)."""
    shutil.copyfile(db, tmp)


def _swap_in(tmp: Path, db: Path) -> None:
    """The changed copy replaces the original in one atomic rename."""
    os.replace(tmp, db)


def _version(db: Path) -> str:
    con = connect(db, read_only=True)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return row[0] if row else ""
    finally:
        con.close()


def _apply_optional(writer, con, data, params, path: Path) -> int:
    out = writer(con, data, params, path)
    return int(out) if isinstance(out, int | np.integer) else len(data) if hasattr(data, "__len__") else 0


def _provenance(con, path: Path, sha: str, licence: str, kind: str) -> None:
    """File name, SHA-256, date and the licence the planner gave, on the import's data_sources row."""
    source_id = "import:" + path.name
    today = datetime.now(UTC).date().isoformat()
    note = f"imported as {kind} with python -m heatdb import on {today}; SHA-256 {sha}"
    if con.execute("SELECT count(*) FROM data_sources WHERE source_id = ?", [source_id]).fetchone()[0] == 0:
        _register_source(con, source_id, kind, path)
    known, notes = con.execute("SELECT licence, coalesce(notes, '') FROM data_sources WHERE source_id = ?", [source_id]).fetchone()
    # a licence the importer knows (Zensus 2022: dl-de/by-2-0) stays unless the planner names one
    given = licence or (known if known and known != NOT_GIVEN else NOT_GIVEN)
    # the importer's own notes (what the rows mean) stay; the import's date and hash come first
    kept = "" if notes.startswith("imported") else notes
    con.execute(
        "UPDATE data_sources SET origin = ?, licence = ?, notes = ? WHERE source_id = ?",
        [f"imported file {path.name} (SHA-256 {sha})", given, note + (f"; {kept}" if kept else ""), source_id],
    )


def _apply(con, kind: str, data, params, path: Path) -> int:
    if kind == "districts":
        write_districts(con, data, "import:" + path.name)
        city = data.loc[data["level"] == "city", "name"]
        if len(city):  # the city's own boundary names the city: reports and the portfolio seed read it
            con.execute("INSERT OR REPLACE INTO meta VALUES ('city_name', ?)", [str(city.iloc[0])])
        con.execute(
            "UPDATE districts SET parent_id = (SELECT district_id FROM districts WHERE level = 'city' LIMIT 1) WHERE level = 'stadtbezirk' AND parent_id IS NULL"
        )
        _register_source(con, "import:" + path.name, "districts", path)
        derive.assign_cells(con)
        derive.assign_area_districts(con)
        derive.assign_buildings(con)
        derive.compute_aggregates(con, params)
    elif kind == "zensus-cells":
        write_census_cells(con, data, corrected_building_counts(data), "import:" + path.name)
        _register_source(con, "import:" + path.name, "census_cells, grid_cells", path)
        extra = con.execute("SELECT DISTINCT cell_id FROM buildings").df()
        ids = pd.Index(data["cell_id"]).union(pd.Index(extra["cell_id"]))
        yx = ids.str.extract(r"N(\d+)E(\d+)").astype(float)
        write_grid_cells(con, ids.to_numpy(), yx[1].to_numpy(), yx[0].to_numpy())
        derive.assign_cells(con)
        derive.assign_buildings(con)
        derive.compute_aggregates(con, params)
    elif kind == "dh-areas":
        geoms = transform(data.geometry.to_numpy(), 4326, 3035)
        known = set(con.execute("SELECT network_id FROM dh_networks").df()["network_id"])
        fallback = next(iter(sorted(known)), "default")
        net = data["network_id"].fillna(fallback).replace({"None": fallback, "": fallback})
        default_type = params.text("dh.default_network_type")
        for nid in sorted(set(net) - known):  # a network named in the file but not yet known
            con.execute(
                "INSERT INTO dh_networks VALUES (?, ?, '', ?, NULL, NULL, false, ?, ?)",
                [
                    nid,
                    nid,
                    default_type,
                    "import:" + path.name,
                    f"created by the import of {path.name}; GEG factor of type {default_type} until an own factor is set",
                ],
            )
        write_frame(
            con,
            "dh_areas",
            pd.DataFrame(
                {
                    "dh_area_id": data["dh_area_id"],
                    "name": data["name"],
                    "network_id": net,
                    "area_ha": shapely.area(geoms) / 1e4,
                    "n_cells": data["n_cells"],
                    "geometry_wkb": wkb(data.geometry),
                    "is_proxy": False,
                    "source_id": "import:" + path.name,
                }
            ),
            ("geometry",),
        )
        _register_source(con, "import:" + path.name, "dh_areas", path)
        derive.assign_area_districts(con)
        derive.assign_buildings(con)
        derive.compute_balance(con, params)
        derive.compute_aggregates(con, params)
    elif kind == "buildings":
        _import_buildings(con, data, params, path)
    elif kind == "addresses":
        from heatdb.addresses import write_addresses

        write_addresses(con, data, "import:" + path.name)
        _register_source(con, "import:" + path.name, "addresses", path)
    return len(data)


def _register_source(con, source_id: str, tables: str, path: Path) -> None:
    con.execute(
        "INSERT OR REPLACE INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            source_id,
            tables,
            path.name,
            f"imported file {path.name} (SHA-256 {_sha256(path)})",
            NOT_GIVEN,
            "",
            "",
            False,
            "imported with python -m heatdb import",
        ],
    )


def _import_buildings(con, data, params, path: Path) -> None:
    """Replace all buildings by the imported ones and rebuild everything derived from them.

    Attributes the file did not give (named in `estimated_attributes` by imports.building_formats)
    are drawn again from this database's census cells: Zensus 2022 where imported, else Zensus 2011.
    The per-footprint geometry (probe area, neighbour distance) runs on all cores
    (imports.parallel_geometry); 1,000,000 footprints import in about the time of benchmarks/import_bench.py.
    """
    from ghgmodel.demand import need_table
    from imports.building_formats import fill_from_census
    from imports.dh_network import assign_expansion
    from imports.parallel_geometry import probe_and_neighbour
    from imports.zensus2022 import census_distributions

    geoms = data.geometry.to_numpy()
    fps = transform(geoms, 4326, 3035)
    cent = shapely.centroid(fps)
    x3, y3 = shapely.get_x(cent), shapely.get_y(cent)
    cent_ll = shapely.centroid(geoms)
    lon, lat = shapely.get_x(cent_ll), shapely.get_y(cent_ll)
    cx, cy = cell_of_point(x3, y3)
    cells_of = cell_id(cx, cy)
    living = data["living_area_m2"].to_numpy(dtype=float)
    heated = data["heated_area_m2"].to_numpy(dtype=float)
    ratio = params.value("a_c_ref_per_living_area")
    heated = np.where(np.isnan(heated), living * ratio, heated)
    living = np.where(np.isnan(living), heated / ratio, living)
    fp_area = shapely.area(fps)
    storeys = data["storeys"].to_numpy(dtype=float)
    storeys = np.where(np.isnan(storeys), np.clip(np.round(living * params.value("gross_floor_per_living_area") / fp_area), 1, 40), storeys)
    attrs = pd.DataFrame(
        {
            "building_id": data["building_id"].to_numpy(),
            "construction_year": data["construction_year"].to_numpy(),
            "carrier": data["carrier"].to_numpy(dtype=object),
            "estimated_attributes": data["estimated_attributes"].fillna("").astype(str).to_numpy()
            if "estimated_attributes" in data
            else "",
        }
    )
    flagged = attrs["estimated_attributes"].astype(str)
    est_year = flagged.str.contains(r"(?:^|,)construction_year(?:,|$)").to_numpy(dtype=bool)
    est_carrier = flagged.str.contains(r"(?:^|,)carrier(?:,|$)").to_numpy(dtype=bool)
    if est_year.any() or est_carrier.any():
        dist, has_years = census_distributions(con, params)
        attrs = fill_from_census(attrs, cells_of, dist, year=est_year & has_years, carrier=est_carrier)
    probe_area, neighbour = probe_and_neighbour(
        fps, setback=params.value("hp.probe_setback_plot_m"), distance=params.value("hp.probe_distance_building_m")
    )
    table = need_table(params)
    years = attrs["construction_year"].to_numpy(dtype=np.int64)
    frame = pd.DataFrame(
        {
            "building_id": data["building_id"],
            "footprint_wkb": wkb(geoms),
            "footprint_m2": fp_area,
            "centroid_lon": lon,
            "centroid_lat": lat,
            "x_3035": x3,
            "y_3035": y3,
            "cell_id": cells_of,
            "h3_r8": h3_cells(lat, lon, 8),
            "h3_r9": h3_cells(lat, lon, 9),
            "building_type": data["building_type"],
            "zensus_building_type": None,
            "construction_year": years,
            "age_class": age_class(years),
            "tabula_class": table.span_label(table.span_index(years)),
            "storeys": storeys.astype(np.int64),
            "dwellings": data["dwellings"],
            "living_area_m2": living,
            "heated_area_m2": heated,
            "heating_system": data["heating_system"],
            "carrier": attrs["carrier"].to_numpy(dtype=object),
            "retrofit": data["retrofit"],
            "final_energy_mwh_measured": data["final_energy_mwh_measured"],
            "in_dh_area": False,
            "provenance": "real",
            "geometry_source": "import",
            "source_id": "import:" + path.name,
            "estimated_attributes": attrs["estimated_attributes"].to_numpy(dtype=object),
        }
    )
    write_frame(con, "buildings", frame, ("footprint",))
    _register_source(con, "import:" + path.name, "buildings", path)
    # grid cells for every building (keep the census cells)
    existing = con.execute("SELECT cell_id, x_3035, y_3035 FROM grid_cells").df()
    new = pd.DataFrame({"cell_id": frame["cell_id"], "x_3035": cx, "y_3035": cy}).drop_duplicates("cell_id")
    cells = pd.concat([existing, new[~new["cell_id"].isin(existing["cell_id"])]], ignore_index=True)
    write_grid_cells(con, cells["cell_id"], cells["x_3035"], cells["y_3035"])
    derive.assign_cells(con)
    derive.assign_buildings(con)
    assign_expansion(con)
    derive.compute_balance(con, params)
    hp_inputs = pd.DataFrame({"building_id": frame["building_id"], "probe_area_m2": probe_area, "neighbour_distance_m": neighbour})
    derive.compute_hp_potential(con, params, hp_inputs)
    derive.compute_aggregates(con, params)


__all__ = ["KINDS", "ImportResult", "available_kinds", "import_file", "latest_import"]

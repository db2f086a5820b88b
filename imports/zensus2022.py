"""Zensus 2022 100 m grid tables: read the official CSVs, keep the city's cells, use them in the model.

The Statistische Ämter publish one CSV per feature on the 100 m INSPIRE grid (semicolon separated,
cp1252, decimal comma, `GITTER_ID_100m;x_mp_100m;y_mp_100m;…`; `x_mp_100m`/`y_mp_100m` are the cell
centre in EPSG:3035; suppressed cells are '–' or '/'; some files end with `werterlaeuternde_Zeichen`).
Three tables of buildings with living space are read here, alone or together (a .zip with several):

* heating type (Gebäude nach überwiegender Heizungsart): Insgesamt_Heizungsart, Fernheizung,
  Etagenheizung, Blockheizung, Zentralheizung, Einzel_Mehrraumoefen, keine_Heizung
* energy carrier (Gebäude nach Energieträger der Heizung): Insgesamt_Energietraeger, Gas, Heizoel,
  Holz_Holzpellets, Biomasse_Biogas, Solar_Geothermie_Waermepumpen, Strom, Kohle, Fernwaerme,
  kein_Energietraeger
* construction year (Gebäude nach Baujahr in Mikrozensus-Klassen): Insgesamt_Gebaeude, Vor1919,
  a1919bis1948, a1949bis1978, a1979bis1990, a1991bis2000, a2001bis2010, a2011bis2019, a2020undspaeter

`apply` keeps the cells whose centre lies in the city's districts, stores their counts in
`zensus2022_cells` (a later file of another table fills its columns of the same cells) and then uses
them where the model used the Zensus 2011 shares: buildings without own data (the synthetic ones and
imported ones whose carrier or year is estimated) get their carrier and construction year again from
their cell's Zensus 2022 distribution (imports.census_fill.fill_from_census), and the derived
tables are recomputed. The data_sources row of the file carries the census day 2022-05-15.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from ghgmodel.params import Parameters
from heatdb import derive
from heatdb.census import AGE_CLASSES, age_class
from heatdb.census import COUNT_COLUMNS as COUNTS_2011
from heatdb.errors import ImportValidationError, Problem
from heatdb.geo import points_to_lonlat
from heatdb.validate import Checker, check_file
from imports.census_fill import CensusDistributions, distributions_from_2011, fill_from_census
from imports.params import format_parameters
from locales import num

ID_COLUMN = "GITTER_ID_100m"
CELL_RE = r"^CRS3035RES100mN(\d+)E(\d+)$"
SUPPRESSED = ("–", "-", "/", ".", "x", "X")  # '–' is byte 0x96 in cp1252
REFERENCE_DATE = "2022-05-15"
ATTRIBUTION = "© Statistische Ämter des Bundes und der Länder, Zensus 2022; Daten verändert (Ausschnitt der Stadt)"

# table -> (total column, [(file column, stored column)])
TABLES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "heating": (
        "Insgesamt_Heizungsart",
        [
            ("Fernheizung", "heiz_fernheizung"),
            ("Etagenheizung", "heiz_etagenheizung"),
            ("Blockheizung", "heiz_blockheizung"),
            ("Zentralheizung", "heiz_zentralheizung"),
            ("Einzel_Mehrraumoefen", "heiz_einzel_mehrraumoefen"),
            ("keine_Heizung", "heiz_keine_heizung"),
        ],
    ),
    "carrier": (
        "Insgesamt_Energietraeger",
        [
            ("Gas", "et_gas"),
            ("Heizoel", "et_heizoel"),
            ("Holz_Holzpellets", "et_holz_holzpellets"),
            ("Biomasse_Biogas", "et_biomasse_biogas"),
            ("Solar_Geothermie_Waermepumpen", "et_solar_geothermie_waermepumpen"),
            ("Strom", "et_strom"),
            ("Kohle", "et_kohle"),
            ("Fernwaerme", "et_fernwaerme"),
            ("kein_Energietraeger", "et_kein_energietraeger"),
        ],
    ),
    "year": (
        "Insgesamt_Gebaeude",
        [
            ("Vor1919", "bj_vor1919"),
            ("a1919bis1948", "bj_1919_1948"),
            ("a1949bis1978", "bj_1949_1978"),
            ("a1979bis1990", "bj_1979_1990"),
            ("a1991bis2000", "bj_1991_2000"),
            ("a2001bis2010", "bj_2001_2010"),
            ("a2011bis2019", "bj_2011_2019"),
            ("a2020undspaeter", "bj_2020_2022"),
        ],
    ),
}
TOTAL_COLUMN = {"heating": "heiz_insgesamt", "carrier": "et_insgesamt", "year": "bj_insgesamt"}
TABLE_TITLE = {
    "heating": ("Gebäude mit Wohnraum nach überwiegender Heizungsart", "buildings with living space by main heating type"),
    "carrier": ("Gebäude mit Wohnraum nach Energieträger der Heizung", "buildings with living space by heating energy carrier"),
    "year": ("Gebäude mit Wohnraum nach Baujahr (Mikrozensus-Klassen)", "buildings with living space by construction year"),
}
YEAR_BOUNDS = [(None, 1918), (1919, 1948), (1949, 1978), (1979, 1990), (1991, 2000), (2001, 2010), (2011, 2019), (2020, 2022)]
# Zensus 2022 energy carrier -> model heating carrier ("hp" is split by zensus2022.hp_ground_share)
CARRIER_MAP = {
    "et_gas": "gas",
    "et_heizoel": "oil",
    "et_holz_holzpellets": "wood",
    "et_biomasse_biogas": "biogas",
    "et_solar_geothermie_waermepumpen": "hp",
    "et_strom": "electric",
    "et_kohle": "coal",
    "et_fernwaerme": "district_heating",
    "et_kein_energietraeger": "none",
}
HEATING_2011 = {  # Zensus 2022 heating-type column -> the Zensus 2011 class of heatdb.census
    "heiz_fernheizung": "geb_heiz_fernheizung",
    "heiz_etagenheizung": "geb_heiz_etagenheizung",
    "heiz_blockheizung": "geb_heiz_blockheizung",
    "heiz_zentralheizung": "geb_heiz_zentralheizung_abgel",
    "heiz_einzel_mehrraumoefen": "geb_heiz_einzel_mehrraumoefen",
    "heiz_keine_heizung": "geb_heiz_keine_heizung",
}
COUNT_COLUMNS = tuple(c for t in TABLES for c in (TOTAL_COLUMN[t], *[s for _, s in TABLES[t][1]]))


def _texts(path: Path) -> list[tuple[str, str]]:
    """(name, text) of the CSV, or of every CSV inside a .zip."""
    raw = path.read_bytes()
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                members = [(n, zf.read(n)) for n in zf.namelist() if n.lower().endswith(".csv")]
        except zipfile.BadZipFile:
            raise ImportValidationError.of(
                file=path,
                problem=("is not a readable .zip file", "ist keine lesbare .zip-Datei"),
                fix=("Download the file again.", "Die Datei erneut herunterladen."),
            ) from None
        if not members:
            raise ImportValidationError.of(
                file=path,
                problem=("the .zip holds no .csv file", "die .zip-Datei enthält keine .csv-Datei"),
                fix=("Give the Zensus 2022 grid CSV.", "Die Zensus-2022-Gitter-CSV angeben."),
            )
    elif path.suffix.lower() in (".csv", ".txt"):
        members = [(path.name, raw)]
    else:
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown file type {path.suffix!r}", f"unbekannter Dateityp {path.suffix!r}"),
            fix=("Give the Zensus 2022 .csv (or its .zip).", "Die Zensus-2022-.csv (oder ihre .zip) angeben."),
        )
    out = []
    for name, data in members:
        # the official files are cp1252; a copy saved as UTF-8 is read as well
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="strict") if _cp1252_ok(data) else None
        if text is None:
            raise ImportValidationError.of(
                file=path,
                problem=(f"{name} is neither cp1252 nor UTF-8", f"{name} ist weder cp1252 noch UTF-8"),
                fix=("Save the CSV as cp1252 (as published) or UTF-8.", "Die CSV als cp1252 (wie veröffentlicht) oder UTF-8 speichern."),
            )
        out.append((name, text))
    return out


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _table_of(columns) -> str | None:
    for name, (total, cols) in TABLES.items():
        if total in columns and all(c in columns for c, _ in cols):
            return name
    return None


def read(path: str | Path, *, skip_invalid: bool = False) -> pd.DataFrame:
    """Read a Zensus 2022 100 m grid CSV (or a .zip of several) into one row per cell.

    Returns cell_id, x_3035, y_3035 (lower-left corner), the stored count columns of the tables found
    (NaN where suppressed), `flags` (werterlaeuternde_Zeichen) and attrs["tables"]. Raises
    ImportValidationError listing every problem (file, row, column, value, fix; German and English).
    """
    path = Path(path)
    check_file(path)
    frames = []
    tables = []
    problems: list[Problem] = []
    for name, text in _texts(path):
        header = text.split("\n", 1)[0]
        if ";" not in header:
            raise ImportValidationError.of(
                file=path,
                problem=(
                    f"{name}: the header has no ';' (found {header[:60]!r})",
                    f"{name}: die Kopfzeile enthält kein ';' (gefunden {header[:60]!r})",
                ),
                fix=(
                    "The Zensus grid CSVs are separated by semicolons; export them again.",
                    "Die Zensus-Gitter-CSVs sind mit Semikolon getrennt; erneut exportieren.",
                ),
            )
        try:
            frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, ValueError) as exc:
            raise ImportValidationError.of(
                file=path,
                problem=(
                    f"{name} is not a readable CSV ({str(exc).splitlines()[0][:120]})",
                    f"{name} ist keine lesbare CSV ({str(exc).splitlines()[0][:120]})",
                ),
                fix=("Check separators and quoting.", "Trennzeichen und Anführungszeichen prüfen."),
            ) from None
        if frame.empty:
            raise ImportValidationError.of(
                file=path,
                problem=(f"{name} has a header but no rows", f"{name} hat eine Kopfzeile, aber keine Zeilen"),
                fix=("Export the table again.", "Die Tabelle erneut exportieren."),
            )
        frame.columns = [c.strip() for c in frame.columns]
        table = _table_of(frame.columns)
        missing = [c for c in (ID_COLUMN, "x_mp_100m", "y_mp_100m") if c not in frame.columns]
        if table is None or missing:
            expected = "; ".join(f"{t}: {TABLES[t][0]}, {', '.join(c for c, _ in TABLES[t][1])}" for t in TABLES)
            raise ImportValidationError.of(
                file=path,
                problem=(
                    f"{name}: not a Zensus 2022 grid table of heating type, energy carrier or construction year (columns: {', '.join(frame.columns[:12])})",
                    f"{name}: keine Zensus-2022-Gittertabelle zu Heizungsart, Energieträger oder Baujahr (Spalten: {', '.join(frame.columns[:12])})",
                ),
                fix=(
                    f"Expected GITTER_ID_100m;x_mp_100m;y_mp_100m and one of: {expected}.",
                    f"Erwartet GITTER_ID_100m;x_mp_100m;y_mp_100m und eine dieser Tabellen: {expected}.",
                ),
            )
        if table in tables:
            raise ImportValidationError.of(
                file=path,
                problem=(f"{name}: the {table} table appears twice", f"{name}: die Tabelle {table} kommt doppelt vor"),
                fix=("Give each table once.", "Jede Tabelle nur einmal angeben."),
            )
        tables.append(table)
        chk = Checker(f"{path.name}:{name}" if path.suffix.lower() == ".zip" else path.name, frame)
        ids = chk.text(ID_COLUMN, unique=True)
        m = ids.str.extract(CELL_RE)
        bad_id = m[0].isna().to_numpy() & ids.notna().to_numpy() & (ids != "").fillna(False).to_numpy()
        chk.add(
            bad_id,
            column=ID_COLUMN,
            values=ids,
            problem=("is not an INSPIRE 100 m cell id", "ist keine INSPIRE-100-m-Zellkennung"),
            fix=("Use ids like CRS3035RES100mN3159900E4135000.", "Kennungen wie CRS3035RES100mN3159900E4135000 verwenden."),
        )
        north = pd.to_numeric(m[0], errors="coerce").to_numpy(dtype=float)
        east = pd.to_numeric(m[1], errors="coerce").to_numpy(dtype=float)
        off = ~np.isnan(north) & ((north % 100 != 0) | (east % 100 != 0))
        chk.add(
            off,
            column=ID_COLUMN,
            values=ids,
            problem=("is not on the 100 m grid", "liegt nicht auf dem 100-m-Gitter"),
            fix=("Use the cell's lower-left corner.", "Die linke untere Ecke der Zelle verwenden."),
        )
        x = chk.number("x_mp_100m", 2_000_000, 7_000_000, decimal_comma=True)
        y = chk.number("y_mp_100m", 1_000_000, 6_000_000, decimal_comma=True)
        mismatch = (
            ~np.isnan(north)
            & ~np.isnan(x.to_numpy())
            & ((np.abs(x.to_numpy() - (east + 50)) > 0.5) | (np.abs(y.to_numpy() - (north + 50)) > 0.5))
        )
        chk.add(
            mismatch,
            column="x_mp_100m",
            values=x.astype(str) + " / " + y.astype(str),
            problem=("is not the centre of the cell in GITTER_ID_100m", "ist nicht der Mittelpunkt der Zelle aus GITTER_ID_100m"),
            fix=(
                "Check that the columns are not shifted; x_mp = E + 50, y_mp = N + 50.",
                "Prüfen, ob die Spalten verrutscht sind; x_mp = E + 50, y_mp = N + 50.",
            ),
        )
        out = pd.DataFrame({"cell_id": ids.astype(str), "x_3035": east, "y_3035": north})
        total, cols = TABLES[table]
        for src, dst in [(total, TOTAL_COLUMN[table]), *cols]:
            raw = frame[src].astype(str).str.strip()
            suppressed = raw.isin(SUPPRESSED).to_numpy()
            sub = frame.assign(**{src: raw.where(~suppressed, "")})
            chk.frame = sub
            out[dst] = chk.number(src, 0, 1_000_000, required=False, decimal_comma=True).to_numpy()
        chk.frame = frame
        if "werterlaeuternde_Zeichen" in frame:
            out[f"flags_{table}"] = frame["werterlaeuternde_Zeichen"].astype(str).str.strip()
        try:
            out = chk.finish(out, skip_invalid=skip_invalid)
        except ImportValidationError as exc:
            problems.extend(exc.problems)
            continue
        frames.append(out)
    if problems:
        raise ImportValidationError(problems=problems)
    merged = frames[0]
    for f in frames[1:]:
        merged = merged.merge(f, on=["cell_id", "x_3035", "y_3035"], how="outer")
    skipped = [p for f in frames for p in f.attrs.get("skipped_problems", [])]
    merged = merged.sort_values("cell_id").reset_index(drop=True)
    merged.attrs["skipped_problems"] = skipped
    merged.attrs["skipped_total"] = sum(int(f.attrs.get("skipped_total", 0)) for f in frames)
    merged.attrs["tables"] = tables
    return merged


# ---------------------------------------------------------------- distributions


def distributions_from_2022(cells: pd.DataFrame, params: Parameters) -> CensusDistributions | None:
    """Year and carrier distributions per cell from zensus2022_cells rows (None without carrier or heating table).

    Carriers come from the energy-carrier table where it was imported (heat pumps split by
    zensus2022.hp_ground_share, 'no carrier' to zensus2022.none_carrier), else from the heating-type
    table through synth's alloc shares. Years from the year table; without it the year weights are
    empty and `fill_from_census` must not be asked for years.
    """
    params = format_parameters(params)
    cells = cells.sort_values("cell_id")
    has = {t: cells[TOTAL_COLUMN[t]].notna().any() if TOTAL_COLUMN[t] in cells else False for t in TABLES}
    if not (has["carrier"] or has["heating"]):
        return None
    if has["carrier"]:
        ground = params.value("zensus2022.hp_ground_share")
        none_to = params.text("zensus2022.none_carrier")
        carriers = ("gas", "oil", "wood", "biogas", "heat_pump_air", "heat_pump_ground", "electric", "coal", "district_heating")
        w = np.zeros((len(cells), len(carriers)))
        for col, target in CARRIER_MAP.items():
            v = cells[col].fillna(0).to_numpy(dtype=float)
            if target == "hp":
                w[:, carriers.index("heat_pump_air")] += v * (1 - ground)
                w[:, carriers.index("heat_pump_ground")] += v * ground
            else:
                w[:, carriers.index(none_to if target == "none" else target)] += v
        source = "Zensus 2022 (Energieträger)"
    else:
        as2011 = pd.DataFrame({HEATING_2011[c]: cells[c].fillna(0).to_numpy(dtype=float) for c in HEATING_2011})
        for c, *_ in AGE_CLASSES:
            as2011[c] = 0.0
        as2011["cell_id"] = cells["cell_id"].to_numpy()
        d = distributions_from_2011(as2011, params)
        carriers, w = d.carriers, d.carrier_weights
        source = "Zensus 2022 (Heizungsart)"
    lo = np.array([a if a is not None else params.value("synth.year_from.vor1919") for a, _ in YEAR_BOUNDS], dtype=float)
    hi = np.array([b for _, b in YEAR_BOUNDS], dtype=float)
    years = np.column_stack(
        [cells[s].fillna(0).to_numpy(dtype=float) if s in cells else np.zeros(len(cells)) for _, s in TABLES["year"][1]]
    )
    return CensusDistributions(
        source=source,
        cell_ids=cells["cell_id"].to_numpy(dtype=object),
        year_lo=lo,
        year_hi=hi,
        year_counts=years,
        carriers=tuple(carriers),
        carrier_weights=w,
    )


def census_distributions(con, params: Parameters) -> tuple[CensusDistributions, bool]:
    """The database's census distributions: Zensus 2022 where imported, else Zensus 2011 (census_cells).

    Returns (distributions, has_2022_years).
    """
    if _has_table(con, "zensus2022_cells"):
        rows = con.execute("SELECT * FROM zensus2022_cells").df()
        if not rows.empty:
            d = distributions_from_2022(rows, params)
            if d is not None:
                return d, bool(rows["bj_insgesamt"].notna().any())
    import json

    raw = con.execute("SELECT cell_id, counts_json FROM census_cells").df()
    counts = pd.DataFrame([json.loads(s) for s in raw["counts_json"]], columns=list(COUNTS_2011)).fillna(0)
    counts["cell_id"] = raw["cell_id"].to_numpy()
    return distributions_from_2011(counts, format_parameters(params)), True


def _has_table(con, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0] > 0


# ---------------------------------------------------------------- apply


def _city_mask(con, x_centre: np.ndarray, y_centre: np.ndarray) -> np.ndarray:
    """Cells whose centre lies inside the union of the statistische Bezirke (else of all districts)."""
    wkbs = (
        con.execute("SELECT ST_AsWKB(geometry) FROM districts WHERE level = 'statbez'").fetchall()
        or con.execute("SELECT ST_AsWKB(geometry) FROM districts").fetchall()
    )
    if not wkbs:
        return np.zeros(len(x_centre), dtype=bool)
    outline = shapely.union_all(shapely.from_wkb([bytes(w[0]) for w in wkbs]))
    lon, lat = points_to_lonlat(x_centre, y_centre)
    shapely.prepare(outline)
    return shapely.contains_xy(outline, lon, lat)


def ensure_estimated_column(con) -> None:
    """buildings.estimated_attributes in a database built before the column existed."""
    con.execute("ALTER TABLE buildings ADD COLUMN IF NOT EXISTS estimated_attributes VARCHAR")
    from heatdb.schema import comment_on

    comment_on(con, "buildings")


def ensure_table(con) -> None:
    """Create zensus2022_cells (with its comments) in a database built before it existed."""
    from heatdb.schema import comment_on, create_tables

    ensure_estimated_column(con)
    if not _has_table(con, "zensus2022_cells"):
        create_tables(con, ["zensus2022_cells"])
    else:
        comment_on(con, "zensus2022_cells")


def apply(con, data: pd.DataFrame, params: Parameters, path: str | Path) -> int:
    """Store the city's cells of `data` and redraw the estimated carriers and years from them.

    Returns the number of cells stored (cells outside the city are left out). Raises
    ImportValidationError when no cell lies in the city (wrong file or wrong city).
    """
    path = Path(path)
    params = format_parameters(params)
    inside = _city_mask(con, data["x_3035"].to_numpy() + 50, data["y_3035"].to_numpy() + 50)
    if not inside.any():
        raise ImportValidationError.of(
            file=path.name,
            problem=(
                f"none of its {num(len(data), 0, 'en')} cells lies in the city's districts",
                f"keine seiner {num(len(data), 0, 'de')} Zellen liegt in den Bezirken der Stadt",
            ),
            fix=(
                "Check that the file covers this city (the ids are INSPIRE cells in EPSG:3035).",
                "Prüfen, ob die Datei diese Stadt abdeckt (die Kennungen sind INSPIRE-Zellen in EPSG:3035).",
            ),
        )
    city = data[inside].reset_index(drop=True)
    source_id = "import:" + path.name
    ensure_table(con)
    old = con.execute("SELECT * EXCLUDE (geometry), ST_AsWKB(geometry) AS geometry_wkb FROM zensus2022_cells").df()
    tables = data.attrs.get("tables") or [t for t in TABLES if TOTAL_COLUMN[t] in data]
    cols = [c for t in tables for c in (TOTAL_COLUMN[t], *[s for _, s in TABLES[t][1]])]
    cols += [f"flags_{t}" for t in tables if f"flags_{t}" in city]
    new = city[["cell_id", "x_3035", "y_3035", *cols]].copy()
    for t in tables:
        new[f"{t}_source_id"] = source_id
    if not old.empty:
        # keep the other tables' columns of the same cells; this file's columns replace the old ones
        mine = (*cols, *[f"flags_{t}" for t in tables], *[f"{t}_source_id" for t in tables])
        keep = old.drop(columns=[c for c in mine if c in old.columns])
        new = keep.drop(columns=["x_3035", "y_3035", "geometry_wkb"]).merge(new, on="cell_id", how="outer")
        xy = new["cell_id"].str.extract(CELL_RE).astype(float)
        new["x_3035"], new["y_3035"] = xy[1].to_numpy(), xy[0].to_numpy()
    con.register("_z22", new)
    try:
        con.execute("DELETE FROM zensus2022_cells")
        names = [c for c in new.columns]
        con.execute(
            f"""INSERT INTO zensus2022_cells BY NAME SELECT {", ".join(f'"{c}"' for c in names)},
                   ST_Transform(ST_MakeEnvelope(x_3035, y_3035, x_3035 + 100, y_3035 + 100), 'EPSG:3035', 'EPSG:4326', always_xy := true) AS geometry
                FROM _z22"""
        )
    finally:
        con.unregister("_z22")
    title_de = "; ".join(TABLE_TITLE[t][0] for t in tables)
    con.execute(
        "INSERT OR REPLACE INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            source_id, "zensus2022_cells, buildings (estimated carriers and years)", f"Zensus 2022, 100-m-Gitter: {title_de}",
            f"Statistische Ämter des Bundes und der Länder, zensus2022.de; imported file {path.name}", "dl-de/by-2-0", ATTRIBUTION, REFERENCE_DATE, False,
            f"{len(city):,} of {len(data):,} cells lie in the city; suppressed cells ('–', '/') are empty; counts are of buildings with living space; "
            "the carriers and construction years of buildings without own data are drawn from these cells",
        ],
    )  # fmt: skip
    con.execute("INSERT OR REPLACE INTO meta VALUES ('census_year_estimates', '2022')")
    redraw_estimates(con, params)
    return int(len(city))


def redraw_estimates(con, params: Parameters) -> int:
    """Carrier and construction year of the buildings without own data, from the database's census.

    Synthetic buildings and imported ones whose estimated_attributes name the attribute are redrawn;
    age and TABULA classes follow the year, then balance, heat-pump potential and aggregates are
    recomputed. Returns the number of buildings changed.
    """
    ensure_estimated_column(con)
    dist, has_years = census_distributions(con, params)
    b = con.execute(
        """SELECT building_id, cell_id, construction_year, carrier, coalesce(estimated_attributes, '') AS estimated_attributes, provenance
           FROM buildings ORDER BY building_id"""
    ).df()
    if b.empty:
        return 0
    est = b["estimated_attributes"].str.split(",")
    synthetic = (b["provenance"] == "synthetic").to_numpy()
    carrier = synthetic | est.apply(lambda e: "carrier" in e).to_numpy()
    year = (synthetic | est.apply(lambda e: "construction_year" in e).to_numpy()) & has_years & (dist.year_counts.sum() > 0)
    filled = fill_from_census(b, b["cell_id"].to_numpy(dtype=object), dist, year=year, carrier=carrier)
    from ghgmodel.demand import need_table

    years = filled["construction_year"].to_numpy(dtype=np.int64)
    table = need_table(params)
    upd = pd.DataFrame(
        {
            "building_id": filled["building_id"],
            "carrier": filled["carrier"].astype(str),
            "construction_year": years,
            "age_class": age_class(years),
            "tabula_class": table.span_label(table.span_index(years)),
            "estimated_attributes": filled["estimated_attributes"].astype(str),
        }
    )[carrier | year]
    con.register("_upd", upd)
    try:
        con.execute(
            """UPDATE buildings SET carrier = u.carrier, construction_year = u.construction_year, age_class = u.age_class,
                   tabula_class = u.tabula_class, estimated_attributes = u.estimated_attributes
               FROM _upd u WHERE buildings.building_id = u.building_id"""
        )
    finally:
        con.unregister("_upd")
    recompute(con, params)
    return int(len(upd))


def recompute(con, params: Parameters) -> None:
    """Balance, heat-pump potential (from the stored geometric inputs) and aggregates after attributes changed."""
    derive.compute_balance(con, params)
    hp_inputs = con.execute("SELECT building_id, probe_area_m2, neighbour_distance_m FROM hp_potential").df()
    derive.compute_hp_potential(con, params, hp_inputs)
    derive.compute_aggregates(con, params)


__all__ = [
    "TABLES",
    "apply",
    "census_distributions",
    "distributions_from_2022",
    "read",
    "recompute",
    "redraw_estimates",
]

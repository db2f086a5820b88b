"""Metered gas, heat and electricity consumption: per building, per address, or aggregated.

CSV (UTF-8 or cp1252; ';' or ','; with ';' a decimal comma is allowed), one row per value:

* where: `building_id` (a building of the database), or `street` + `housenumber` (an address of the
  addresses table, assigned to the building whose footprint holds it, else the nearest within
  MAX_ADDRESS_DISTANCE_M), or `area_id` + `n_house_numbers` + either `building_ids` (the block's or
  street section's buildings, separated by '|') or `wkt` (its outline, EPSG:4326; buildings whose
  centroid lies inside).
* `carrier`: gas, heat or electricity (also Gas, Wärme/Fernwärme, Strom); `year`; `consumption`
  with `unit` kWh or MWh (or a column `consumption_kwh` / `consumption_mwh`).

WPG § 10 (2): consumption may only be used aggregated over at least consumption.min_house_numbers (5)
neighbouring house numbers; an aggregate row with fewer is refused with a problem. Values per building
or address are accepted for multi-family and non-residential buildings only (WPG Anlage 1 Nr. 1); for
single-family and terraced houses (SFH, TH) they are refused.

Where metered consumption exists it replaces the modelled final energy: `final_energy_mwh_measured` of
the building (the model keeps the measured level and scales it with the calculated retrofit ratio,
ghgmodel/stock.py). It applies to buildings whose energy carrier matches (gas -> gas, heat -> district
heating, electricity -> electricity, i.e. heat pumps and electric heating: give heating electricity);
other values are stored but not applied and counted. An aggregate is shared out over its matching
buildings in proportion to their modelled final energy (without any metered value), a rule without
parameters: the sum of the shares is the metered value and the model's relative differences between
the buildings stay. Per building the latest year counts; a building value beats an address value
beats an aggregate share. Rows of an earlier import of the same file are replaced.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from ghgmodel.balance import calc_balance
from ghgmodel.params import Parameters
from heatdb import derive
from heatdb.errors import ImportValidationError, Problem
from heatdb.validate import Checker, check_file
from imports.params import format_parameters
from imports.zensus2022 import recompute

MAX_ADDRESS_DISTANCE_M = 30.0
CARRIERS = {
    "gas": "gas",
    "erdgas": "gas",
    "heat": "heat",
    "waerme": "heat",
    "wärme": "heat",
    "fernwaerme": "heat",
    "fernwärme": "heat",
    "district_heating": "heat",
    "electricity": "electricity",
    "strom": "electricity",
    "heizstrom": "electricity",
}
ENERGY_CARRIER = {"gas": "gas", "heat": "district_heating", "electricity": "electricity"}
LEVEL_RANK = {"building": 0, "address": 1, "aggregate": 2}
SINGLE_FAMILY = ("SFH", "TH")  # WPG Anlage 1 Nr. 1: consumption of these only aggregated


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ImportValidationError.of(
        file=path,
        problem=("is neither UTF-8 nor cp1252", "ist weder UTF-8 noch cp1252"),
        fix=("Save the CSV as UTF-8.", "Die CSV als UTF-8 speichern."),
    )


def read(path: str | Path, *, skip_invalid: bool = False) -> pd.DataFrame:
    """Read and check a consumption CSV; one row per value with level, target, carrier, year, consumption_mwh.

    Raises ImportValidationError listing every problem (file, row, column, value, fix; German and English).
    """
    path = Path(path)
    check_file(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown file type {path.suffix!r}", f"unbekannter Dateityp {path.suffix!r}"),
            fix=("Give the consumption as a .csv file.", "Den Verbrauch als .csv-Datei angeben."),
        )
    text = _read_text(path)
    header = text.split("\n", 1)[0]
    sep = ";" if header.count(";") >= header.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as exc:
        raise ImportValidationError.of(
            file=path,
            problem=(f"not a readable CSV ({str(exc).splitlines()[0][:120]})", f"keine lesbare CSV ({str(exc).splitlines()[0][:120]})"),
            fix=("Check separators and quoting.", "Trennzeichen und Anführungszeichen prüfen."),
        ) from None
    frame.columns = [c.strip().lower() for c in frame.columns]
    if frame.empty:
        raise ImportValidationError.of(
            file=path,
            problem=("has a header but no rows", "hat eine Kopfzeile, aber keine Zeilen"),
            fix=("Export the values again.", "Die Werte erneut exportieren."),
        )
    where = [c for c in ("building_id", "street", "area_id") if c in frame]
    value_cols = [c for c in ("consumption", "consumption_kwh", "consumption_mwh") if c in frame]
    missing = [c for c in ("carrier", "year") if c not in frame]
    if not where or not value_cols or missing or ("consumption" in frame and "unit" not in frame):
        raise ImportValidationError.of(
            file=path,
            problem=(
                f"needs carrier, year, a value (consumption + unit, or consumption_kwh / consumption_mwh) and building_id, street + housenumber or area_id (found: {', '.join(frame.columns[:15])})",
                f"braucht carrier, year, einen Wert (consumption + unit oder consumption_kwh / consumption_mwh) und building_id, street + housenumber oder area_id (vorhanden: {', '.join(frame.columns[:15])})",
            ),
            fix=("Add the columns; see the docstring of imports/consumption.py or the README.", "Spalten ergänzen; siehe README."),
        )
    decimal_comma = sep == ";"
    chk = Checker(path, frame)
    col = {
        c: frame[c].astype(str).str.strip() if c in frame else pd.Series([""] * len(frame))
        for c in ("building_id", "street", "housenumber", "postcode", "area_id", "building_ids", "wkt")
    }
    level = np.where(
        col["building_id"] != "", "building", np.where(col["street"] != "", "address", np.where(col["area_id"] != "", "aggregate", ""))
    )
    chk.add(
        level == "",
        column="building_id",
        values="",
        problem=("names no building, address or area", "nennt weder Gebäude noch Adresse noch Gebiet"),
        fix=("Give building_id, street + housenumber, or area_id.", "building_id, street + housenumber oder area_id angeben."),
    )
    chk.add(
        (level == "address") & (col["housenumber"] == ""),
        column="housenumber",
        values="",
        problem=("is empty (the street needs a house number)", "ist leer (zur Straße gehört eine Hausnummer)"),
        fix=("Give the house number.", "Die Hausnummer angeben."),
    )
    carrier_raw = frame["carrier"].astype(str).str.strip()
    carrier = carrier_raw.str.lower().map(CARRIERS)
    chk.add(
        carrier.isna().to_numpy(),
        column="carrier",
        values=carrier_raw,
        problem=("is not a metered carrier", "ist kein gemessener Energieträger"),
        fix=("Use gas, heat or electricity (Gas, Wärme, Strom).", "gas, heat oder electricity (Gas, Wärme, Strom) verwenden."),
    )
    year = chk.number("year", 2000, 2030, integer=True)
    if "consumption" in frame:
        unit = frame["unit"].astype(str).str.strip().str.lower()
        factor = unit.map({"kwh": 1e-3, "mwh": 1.0})
        chk.add(
            factor.isna().to_numpy(),
            column="unit",
            values=frame["unit"],
            problem=("is not a unit of energy", "ist keine Energieeinheit"),
            fix=("Use kWh or MWh.", "kWh oder MWh verwenden."),
        )
        value = chk.number("consumption", 0, 1e10, decimal_comma=decimal_comma) * factor
    elif "consumption_kwh" in frame:
        value = chk.number("consumption_kwh", 0, 1e10, decimal_comma=decimal_comma) * 1e-3
    else:
        value = chk.number("consumption_mwh", 0, 1e7, decimal_comma=decimal_comma)
    agg = level == "aggregate"
    n_hn = (
        chk.number("n_house_numbers", 1, 100000, integer=True, required=False)
        if "n_house_numbers" in frame
        else pd.Series(np.nan, index=frame.index)
    )
    chk.add(
        agg & n_hn.isna().to_numpy(),
        column="n_house_numbers",
        values="",
        problem=(
            "is empty (an aggregate must say how many house numbers it covers)",
            "ist leer (ein Aggregat muss die Zahl der Hausnummern nennen)",
        ),
        fix=("Give the number of house numbers.", "Die Zahl der Hausnummern angeben."),
    )
    minimum = int(format_parameters().value("consumption.min_house_numbers"))
    few = agg & (n_hn.to_numpy() < minimum)
    chk.add(
        few,
        column="n_house_numbers",
        values=frame["n_house_numbers"] if "n_house_numbers" in frame else n_hn,
        problem=(
            f"house numbers are fewer than {minimum}: WPG § 10 (2) allows consumption only aggregated over at least {minimum} neighbouring house numbers",
            f"Hausnummern sind weniger als {minimum}: nach § 10 Abs. 2 WPG darf Verbrauch nur über mindestens {minimum} benachbarte Hausnummern zusammengefasst verarbeitet werden",
        ),
        fix=(
            f"Merge the area with neighbours until it covers at least {minimum} house numbers, or drop the row.",
            f"Das Gebiet mit Nachbarn zusammenlegen, bis es mindestens {minimum} Hausnummern umfasst, oder die Zeile entfernen.",
        ),
    )
    no_members = agg & (col["building_ids"] == "").to_numpy() & (col["wkt"] == "").to_numpy()
    chk.add(
        no_members,
        column="building_ids",
        values="",
        problem=(
            "is empty (an aggregate needs its buildings or its outline)",
            "ist leer (ein Aggregat braucht seine Gebäude oder seinen Umriss)",
        ),
        fix=(
            "Give building_ids (separated by |) or wkt (polygon, EPSG:4326).",
            "building_ids (getrennt durch |) oder wkt (Polygon, EPSG:4326) angeben.",
        ),
    )
    outline = np.full(len(frame), None, dtype=object)
    has_wkt = agg & (col["wkt"] != "").to_numpy()
    if has_wkt.any():
        geoms = shapely.from_wkt(col["wkt"].where(has_wkt, None).to_numpy(), on_invalid="ignore")
        bad = has_wkt & (shapely.is_missing(geoms) | ~np.isin(shapely.get_type_id(geoms), (3, 6)) | ~shapely.is_valid(geoms))
        chk.add(
            bad,
            column="wkt",
            values=col["wkt"],
            problem=("is not a valid polygon in WKT", "ist kein gültiges Polygon in WKT"),
            fix=("Give e.g. POLYGON((7.31 51.52, ...)) in EPSG:4326.", "z. B. POLYGON((7.31 51.52, …)) in EPSG:4326 angeben."),
        )
        outline[has_wkt & ~bad] = geoms[has_wkt & ~bad]
    target = np.where(
        level == "building",
        col["building_id"],
        np.where(level == "address", col["street"].str.lower() + " " + col["housenumber"].str.lower(), col["area_id"]),
    )
    key = pd.Series([f"{lv}|{t}|{c}|{y}" for lv, t, c, y in zip(level, target, carrier.fillna(""), year.fillna(-1))])
    chk.add(
        key.duplicated().to_numpy() & (level != ""),
        column="year",
        values=year,
        problem=(
            "appears twice for the same building, address or area and carrier",
            "kommt für dasselbe Gebäude, dieselbe Adresse oder dasselbe Gebiet und denselben Träger doppelt vor",
        ),
        fix=("Keep one value per year and carrier.", "Einen Wert je Jahr und Träger behalten."),
    )
    out = pd.DataFrame(
        {
            "row": np.arange(1, len(frame) + 1),
            "level": level,
            "building_id": col["building_id"],
            "street": col["street"],
            "housenumber": col["housenumber"],
            "postcode": col["postcode"],
            "area_id": col["area_id"],
            "n_house_numbers": n_hn,
            "building_ids": col["building_ids"],
            "outline": outline,
            "carrier": carrier,
            "year": year,
            "consumption_mwh": value.to_numpy(),
        }
    )
    out = chk.finish(out, skip_invalid=skip_invalid)
    out["year"] = out["year"].astype(np.int64)
    out["n_house_numbers"] = pd.array(out["n_house_numbers"], dtype="Int64")
    return out


# ---------------------------------------------------------------- apply


def _modelled_final(con, params: Parameters) -> pd.DataFrame:
    """Modelled final energy per building with every metered value left out (the weights of aggregates)."""
    b = con.execute(
        """SELECT building_id, building_type, construction_year, heated_area_m2, carrier, retrofit, dh_network_id
           FROM buildings ORDER BY building_id"""
    ).df()
    nets = dict(con.execute("SELECT network_id, ef_g_per_kwh FROM dh_networks").fetchall())
    b["dh_factor_g_per_kwh"] = b["dh_network_id"].map(nets).astype(float)
    b["final_energy_mwh"] = np.nan
    res = calc_balance(b.drop(columns=["dh_network_id"]), params, year=derive.BALANCE_YEAR, factor_set=derive.FACTOR_SET).buildings
    return pd.DataFrame(
        {
            "building_id": res["building_id"].to_numpy(),
            "modelled_mwh": res["final_energy_mwh"].to_numpy(),
            "energy_carrier": res["energy_carrier"].to_numpy(),
        }
    )


def _address_buildings(con, rows: pd.DataFrame) -> np.ndarray:
    """Building id per address row (None where the address or a building near it is not found)."""
    from heatdb.addresses import search_key

    out = np.full(len(rows), None, dtype=object)
    if rows.empty:
        return out
    addr = con.execute("SELECT street, housenumber, postcode, lon, lat FROM addresses").df()
    if addr.empty:
        return out
    addr["k"] = [search_key(s) + "|" + search_key(h) for s, h in zip(addr["street"], addr["housenumber"])]
    first = addr.drop_duplicates("k").set_index("k")
    keys = [search_key(s) + "|" + search_key(h) for s, h in zip(rows["street"], rows["housenumber"])]
    found = [k in first.index for k in keys]
    if not any(found):
        return out
    pts = first.loc[[k for k, f in zip(keys, found) if f], ["lon", "lat"]].to_numpy()
    b = con.execute("SELECT building_id, ST_AsWKB(footprint) AS wkb, x_3035, y_3035 FROM buildings").df()
    fps = shapely.from_wkb([bytes(w) for w in b["wkb"]])
    points = shapely.points(pts[:, 0], pts[:, 1])
    tree = shapely.STRtree(fps)
    inside = tree.query(points, predicate="within")
    hit = np.full(len(points), -1)
    hit[inside[0]] = inside[1]
    from heatdb.geo import lonlat_to_3035

    x, y = lonlat_to_3035(pts[:, 0], pts[:, 1])
    cent = shapely.points(b["x_3035"].to_numpy(), b["y_3035"].to_numpy())
    near_idx, dist = shapely.STRtree(cent).query_nearest(shapely.points(x, y), return_distance=True, all_matches=False)
    nearest = np.full(len(points), -1)
    nearest[near_idx[0][dist <= MAX_ADDRESS_DISTANCE_M]] = near_idx[1][dist <= MAX_ADDRESS_DISTANCE_M]
    chosen = np.where(hit >= 0, hit, nearest)
    ids = b["building_id"].to_numpy(dtype=object)
    vals = np.where(chosen >= 0, ids[np.clip(chosen, 0, None)], None)
    out[np.flatnonzero(found)] = vals
    return out


def _aggregate_members(con, rows: pd.DataFrame) -> list[list[str]]:
    members: list[list[str]] = []
    cent = None
    for ids, outline in zip(rows["building_ids"], rows["outline"]):
        if ids:
            members.append([s.strip() for s in str(ids).replace(",", "|").replace(" ", "|").split("|") if s.strip()])
            continue
        if cent is None:
            b = con.execute("SELECT building_id, centroid_lon, centroid_lat FROM buildings").df()
            cent = (b["building_id"].to_numpy(dtype=object), shapely.points(b["centroid_lon"].to_numpy(), b["centroid_lat"].to_numpy()))
        shapely.prepare(outline)
        members.append(list(cent[0][shapely.contains(outline, cent[1])]))
    return members


def ensure_tables(con) -> None:
    """Create the consumption tables (with comments) and buildings.estimated_attributes in an older database."""
    from heatdb.schema import comment_on, create_tables

    for name in ("metered_consumption", "metered_building", "metered_building_record"):
        if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0] == 0:
            create_tables(con, [name])
        else:
            comment_on(con, name)


def apply(con, data: pd.DataFrame, params: Parameters, path: str | Path) -> int:
    """Store the values, resolve them to buildings, set final_energy_mwh_measured and recompute.

    Returns the number of values stored. Raises ImportValidationError (nothing written) for building
    ids or addresses not in the database and aggregates without a building.
    """
    path = Path(path)
    source_id = "import:" + path.name
    ensure_tables(con)
    known = set(con.execute("SELECT building_id FROM buildings").df()["building_id"])
    problems: list[Problem] = []
    building = data["level"] == "building"
    unknown = building & ~data["building_id"].isin(known)
    for r, v in zip(data.loc[unknown, "row"], data.loc[unknown, "building_id"]):
        problems.append(
            Problem.of(
                file=path.name,
                row=int(r),
                column="building_id",
                value=str(v),
                problem=("is not a building of the database", "ist kein Gebäude der Datenbank"),
                fix=(
                    "Use the ids of the buildings import, or drop the row.",
                    "Die Kennungen des Gebäudeimports verwenden oder die Zeile entfernen.",
                ),
            )
        )
    addr_rows = data[data["level"] == "address"]
    addr_building = _address_buildings(con, addr_rows)
    for r, s, h, b in zip(addr_rows["row"], addr_rows["street"], addr_rows["housenumber"], addr_building):
        if b is None:
            problems.append(
                Problem.of(
                    file=path.name,
                    row=int(r),
                    column="street",
                    value=f"{s} {h}",
                    problem=(
                        f"no building found at this address (addresses table, within {MAX_ADDRESS_DISTANCE_M:g} m)",
                        f"kein Gebäude an dieser Adresse gefunden (Adresstabelle, höchstens {MAX_ADDRESS_DISTANCE_M:g} m)",
                    ),
                    fix=(
                        "Check the spelling or import the addresses first; or give building_id.",
                        "Schreibweise prüfen oder zuerst die Adressen importieren; oder building_id angeben.",
                    ),
                )
            )
    agg_rows = data[data["level"] == "aggregate"]
    members = _aggregate_members(con, agg_rows)
    for r, a, m in zip(agg_rows["row"], agg_rows["area_id"], members):
        missing = [x for x in m if x not in known]
        if not m or missing:
            what = f"unknown building(s) {', '.join(missing[:5])}" if missing else "no building"
            problems.append(
                Problem.of(
                    file=path.name,
                    row=int(r),
                    column="building_ids" if missing else "wkt",
                    value=str(a),
                    problem=(
                        f"the area has {what}",
                        f"das Gebiet hat {'unbekannte Gebäude ' + ', '.join(missing[:5]) if missing else 'kein Gebäude'}",
                    ),
                    fix=(
                        "Give the area's building ids or an outline that holds buildings.",
                        "Die Gebäudekennungen oder einen Umriss mit Gebäuden angeben.",
                    ),
                )
            )
    # WPG Anlage 1 Nr. 1: single-family (and terraced) houses only aggregated, never per address
    types = dict(con.execute("SELECT building_id, building_type FROM buildings").fetchall())
    single = [
        (r, b, "building_id") for r, b in zip(data.loc[building, "row"], data.loc[building, "building_id"]) if types.get(b) in SINGLE_FAMILY
    ]
    single += [(r, b, "street") for r, b in zip(addr_rows["row"], addr_building) if b is not None and types.get(b) in SINGLE_FAMILY]
    for r, b, column in single:
        problems.append(
            Problem.of(
                file=path.name,
                row=int(r),
                column=column,
                value=str(b),
                problem=(
                    f"is a single-family or terraced house ({types[b]}): WPG Anlage 1 Nr. 1 allows their consumption only aggregated over at least 5 house numbers",
                    f"ist ein Ein- oder Reihenhaus ({types[b]}): nach WPG Anlage 1 Nr. 1 darf ihr Verbrauch nur über mindestens 5 Hausnummern zusammengefasst verarbeitet werden",
                ),
                fix=(
                    "Give the value of a block or street section with at least 5 house numbers (area_id, n_house_numbers), or drop the row.",
                    "Den Wert eines Baublocks oder Straßenabschnitts mit mindestens 5 Hausnummern angeben (area_id, n_house_numbers) oder die Zeile entfernen.",
                ),
            )
        )
    if problems:
        raise ImportValidationError(problems=sorted(problems, key=lambda p: p.row or 0))

    # assignments: one row per (record, building)
    rec_id = path.name + ":" + data["row"].astype(str)
    parts = [pd.DataFrame({"record_id": rec_id[building].to_numpy(), "building_id": data.loc[building, "building_id"].to_numpy()})]
    parts.append(pd.DataFrame({"record_id": rec_id[data["level"] == "address"].to_numpy(), "building_id": addr_building}))
    agg_ids = rec_id[data["level"] == "aggregate"].to_numpy()
    parts.append(pd.DataFrame({"record_id": np.repeat(agg_ids, [len(m) for m in members]), "building_id": [x for m in members for x in m]}))
    assign = pd.concat(parts, ignore_index=True)
    records = pd.DataFrame(
        {
            "record_id": rec_id.to_numpy(),
            "level": data["level"].to_numpy(),
            "building_id": np.where(building, data["building_id"], None),
            "address": np.where(data["level"] == "address", data["street"] + " " + data["housenumber"], None),
            "area_id": np.where(data["level"] == "aggregate", data["area_id"], None),
            "n_house_numbers": data["n_house_numbers"],
            "carrier": data["carrier"].to_numpy(),
            "year": data["year"].to_numpy(),
            "consumption_mwh": data["consumption_mwh"].to_numpy(),
            "source_id": source_id,
        }
    )
    old = con.execute("SELECT * FROM metered_consumption WHERE source_id <> ?", [source_id]).df()
    old_assign = con.execute(
        "SELECT record_id, building_id FROM metered_building_record WHERE record_id IN (SELECT record_id FROM metered_consumption WHERE source_id <> ?)",
        [source_id],
    ).df()
    all_records = pd.concat([old.drop(columns=["n_buildings", "n_applied"], errors="ignore"), records], ignore_index=True)
    all_assign = pd.concat([old_assign, assign], ignore_index=True)
    per_building, counts = resolve(all_records, all_assign, _modelled_final(con, params))
    all_records = all_records.merge(counts, on="record_id", how="left")
    all_records[["n_buildings", "n_applied"]] = all_records[["n_buildings", "n_applied"]].fillna(0).astype(np.int64)
    from heatdb.store import write_frame

    write_frame(con, "metered_consumption", all_records)
    _write_record_links(con, all_assign)
    # buildings whose metered value came from consumption imports: reset, then set from all records
    con.execute("UPDATE buildings SET final_energy_mwh_measured = NULL WHERE building_id IN (SELECT building_id FROM metered_building)")
    write_frame(con, "metered_building", per_building.assign(source_id=source_id))
    con.execute(
        """UPDATE buildings SET final_energy_mwh_measured = m.final_energy_mwh FROM metered_building m
           WHERE buildings.building_id = m.building_id AND m.applied"""
    )
    con.execute(
        "INSERT OR REPLACE INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, "metered_consumption, metered_building, buildings (measured final energy)", f"Verbrauchsdaten {path.name}", f"imported file {path.name}", "nicht angegeben / not given", "", "", False,
         "metered consumption; never published (WPG 10, 11); aggregates over at least 5 house numbers shared out in proportion to the modelled final energy"],
    )  # fmt: skip
    recompute(con, params)
    return int(len(records))


def _has(con, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0] > 0


def _write_record_links(con, assign: pd.DataFrame) -> None:
    from heatdb.store import write_frame

    write_frame(con, "metered_building_record", assign[["record_id", "building_id"]])


def resolve(records: pd.DataFrame, assign: pd.DataFrame, modelled: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Metered final energy per building from the records and their buildings.

    Args:
        records: record_id, level, carrier, year, consumption_mwh.
        assign: record_id, building_id (an aggregate has several buildings).
        modelled: building_id, modelled_mwh (modelled final energy without metered values), energy_carrier.
    Returns:
        (per building: building_id, final_energy_mwh, carrier, year, level, applied;
         per record: record_id, n_buildings, n_applied).
    An aggregate's value is shared over its buildings whose energy carrier matches, in proportion to
    modelled_mwh (equal shares if all are zero); a record whose carrier matches none of its buildings
    is not applied. Per building the most specific level, then the latest year wins.
    """
    a = assign.merge(records[["record_id", "level", "carrier", "year", "consumption_mwh"]], on="record_id").merge(
        modelled, on="building_id", how="left"
    )
    a["matches"] = a["energy_carrier"].to_numpy() == a["carrier"].map(ENERGY_CARRIER).to_numpy()
    w = np.where(a["matches"], a["modelled_mwh"].fillna(0.0), 0.0)
    a["w"] = w
    tot = a.groupby("record_id")["w"].transform("sum")
    n_match = a.groupby("record_id")["matches"].transform("sum")
    equal = np.where(a["matches"], 1.0 / n_match.clip(lower=1), 0.0)
    share = np.where(tot > 0, a["w"] / tot.where(tot > 0, 1.0), equal)
    a["final_energy_mwh"] = a["consumption_mwh"] * share
    counts = a.groupby("record_id").agg(n_buildings=("building_id", "size"), n_applied=("matches", "sum")).reset_index()
    applied = a[a["matches"]].copy()
    applied["rank"] = applied["level"].map(LEVEL_RANK)
    applied = applied.sort_values(["building_id", "rank", "year"], ascending=[True, True, False]).drop_duplicates("building_id")
    per_building = pd.DataFrame(
        {
            "building_id": applied["building_id"].to_numpy(),
            "final_energy_mwh": applied["final_energy_mwh"].to_numpy(),
            "carrier": applied["carrier"].to_numpy(),
            "year": applied["year"].to_numpy(),
            "level": applied["level"].to_numpy(),
            "record_id": applied["record_id"].to_numpy(),
            "applied": True,
        }
    )
    return per_building, counts


__all__ = ["apply", "read", "resolve"]

"""A collecting checker for input files: every bad row is listed, not just the first.

    chk = Checker(path, frame)                 # frame: the rows as read (row 1 = first data row)
    year = chk.number("construction_year", 1500, 2030, integer=True)
    kind = chk.text("building_type", allowed=BUILDING_TYPES)
    out = chk.finish(out, skip_invalid=False)  # raises ImportValidationError listing every problem

A problem of the whole file (missing, empty, wrong encoding or delimiter, missing columns, no CRS)
stops at once with `ImportValidationError.of(...)`. Problems of single rows are collected; `finish` raises them
all together, or with `skip_invalid` leaves those rows out and records the problems in
`out.attrs["skipped_problems"]` for the import's result. Each check lists at most MAX_LISTED rows
but counts them all.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from heatdb.errors import ImportValidationError, Problem, Text
from locales import num

MAX_LISTED = 2000  # problems listed per check; the count covers all of them
SKIPPED = "skipped_problems"
# lon/lat box of Germany with a margin: data outside it almost always has a wrong CRS
GERMANY_BOX = (5.0, 47.0, 16.0, 55.5)
GEOMETRY_NAMES = np.array(
    ["Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"]
)
GEOMETRY_DE = {
    "Polygon": "Polygon",
    "MultiPolygon": "Multipolygon",
    "Point": "Punkt",
    "LineString": "Linie",
    "MultiLineString": "Multilinie",
}


def check_file(path: Path) -> None:
    """The file exists and is not empty."""
    if not path.exists():
        raise ImportValidationError.of(
            file=path, problem=("file not found", "Datei nicht gefunden"), fix=("Check the path.", "Pfad prüfen.")
        )
    if path.is_dir():
        raise ImportValidationError.of(
            file=path,
            problem=("is a folder, not a file", "ist ein Ordner, keine Datei"),
            fix=("Give the file itself.", "Die Datei selbst angeben."),
        )
    if path.stat().st_size == 0:
        raise ImportValidationError.of(
            file=path, problem=("the file is empty", "die Datei ist leer"), fix=("Export the data again.", "Daten erneut exportieren.")
        )


def decode_text(path: Path, raw: bytes, *, encodings=("utf-8-sig",), what: str = "CSV") -> str:
    """The text of a file in the first encoding that fits; a problem naming the byte otherwise."""
    first = None
    for enc in encodings:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError as exc:
            first = first or exc
    names = " or ".join("UTF-8" if e.startswith("utf-8") else e for e in encodings)
    raise ImportValidationError.of(
        file=path,
        problem=(f"not {names} (byte {first.start})", f"nicht {names} kodiert (Byte {first.start})"),
        fix=(f"Save the {what} as {names}.", f"Die {what}-Datei als {names} speichern."),
    )


MAX_LINE_CHARS = 1_000_000  # a row of any table we import is far shorter; longer means broken line ends or a corrupt file


def check_line_lengths(path, text: str, *, limit: int = MAX_LINE_CHARS) -> None:
    """Refuse a text with an absurdly long line before a CSV parser spends minutes splitting it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > limit:
            raise ImportValidationError.of(
                file=path,
                problem=(
                    f"line {number} is {num(len(line), 0, 'en')} characters long (at most {num(limit, 0, 'en')} are accepted)",
                    f"Zeile {number} ist {num(len(line), 0, 'de')} Zeichen lang (höchstens {num(limit, 0, 'de')} sind zulässig)",
                ),
                fix=(
                    "The file is probably corrupt or has no line breaks between its rows; export it again.",
                    "Die Datei ist vermutlich beschädigt oder hat keine Zeilenumbrüche zwischen den Zeilen; erneut exportieren.",
                ),
            )


def require_columns(
    path, frame: pd.DataFrame, columns, *, fix: Text = ("Add or rename the columns.", "Spalten ergänzen oder umbenennen.")
) -> None:
    """The columns are there; a problem of the whole file naming the missing ones (and those found) otherwise."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, list(frame.columns)[:20]))
        raise ImportValidationError.of(
            file=path,
            problem=(
                f"missing column(s) {', '.join(missing)} (found: {found})",
                f"Spalte(n) {', '.join(missing)} fehlen (vorhanden: {found})",
            ),
            fix=fix,
        )


class Checker:
    """Collects the problems of the rows of one file.

    Args:
        path: the file (only its name is shown).
        frame: the rows as read; position i is reported as row rows[i].
        rows: row numbers to report (default 1..n); e.g. the feature numbers of the rows kept.
    """

    def __init__(self, path, frame: pd.DataFrame, *, rows=None):
        self.file = Path(path).name
        self.frame = frame
        self.n = len(frame)
        self.rows = np.arange(1, self.n + 1) if rows is None else np.asarray(rows)
        self.bad = np.zeros(self.n, dtype=bool)
        self.problems: list[Problem] = []
        self.total = 0

    # --- recording

    def add(self, mask, *, column: str | None, values, problem: Text, fix: Text) -> None:
        """Record a problem for every row where `mask` is true (`values`: the row values to show, or one for all)."""
        mask = np.asarray(mask, dtype=bool)
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        self.bad |= mask
        self.total += len(idx)
        vals = values.to_numpy() if isinstance(values, pd.Series) else (values if values is not None else None)
        for i in idx[:MAX_LISTED]:
            v = "" if vals is None else (vals[i] if np.ndim(vals) else vals)
            self.problems.append(Problem.of(file=self.file, row=int(self.rows[i]), column=column, value=v, problem=problem, fix=fix))

    # --- checks

    def text(self, column: str, *, allowed=None, unique: bool = False, required: bool = True, max_len: int = 500) -> pd.Series:
        """The column as stripped text; empty, unknown, too long and duplicate values are problems."""
        f = self.frame
        s = f[column].astype("string").str.strip() if column in f else pd.Series([pd.NA] * self.n, dtype="string", index=f.index)
        empty = (s.isna() | (s == "")).to_numpy()
        if required:
            self.add(
                empty,
                column=column,
                values="",
                problem=("is empty", "ist leer"),
                fix=("Give a value in every row.", "In jeder Zeile einen Wert angeben."),
            )
        long = (s.str.len() > max_len).fillna(False).to_numpy()
        self.add(
            long,
            column=column,
            values=s,
            problem=(f"is longer than {max_len} characters", f"ist länger als {max_len} Zeichen"),
            fix=("Shorten the text.", "Den Text kürzen."),
        )
        if unique:
            dup = s.duplicated().to_numpy() & ~empty
            self.add(
                dup,
                column=column,
                values=s,
                problem=("appears twice", "kommt doppelt vor"),
                fix=("Every row needs its own id.", "Jede Zeile braucht eine eigene Kennung."),
            )
        if allowed is not None:
            bad = ~s.isin(list(allowed)).fillna(False).to_numpy() & ~empty
            choices = ", ".join(allowed)
            self.add(
                bad,
                column=column,
                values=s,
                problem=("is not allowed", "ist nicht zulässig"),
                fix=(f"Use one of {choices}.", f"Einen dieser Werte verwenden: {choices}."),
            )
        return s

    def number(
        self, column: str, low: float, high: float, *, integer: bool = False, required: bool = True, decimal_comma: bool = False
    ) -> pd.Series:
        """The column as float (NaN where empty or bad); text, NaN, infinity and out-of-range values are problems."""
        f = self.frame
        if column not in f:
            return pd.Series(np.nan, index=f.index)
        raw = f[column]
        text = raw.astype("string").str.strip()
        if decimal_comma:
            text = text.str.replace(",", ".", regex=False)
        val = pd.to_numeric(text, errors="coerce").astype(float)
        empty = (raw.isna() | (text == "")).fillna(True).to_numpy()
        # a literal NaN/inf in a file is a value that says nothing, not an empty cell
        nonfinite = ~np.isfinite(val.to_numpy()) & val.notna().to_numpy()
        literal_nan = text.str.lower().isin(["nan", "-nan", "+nan"]).fillna(False).to_numpy() & ~empty
        if pd.api.types.is_float_dtype(raw.dtype):
            empty = raw.isna().to_numpy()  # a NaN read from a typed column is an empty cell
            literal_nan[:] = False
        notnum = val.isna().to_numpy() & ~empty & ~literal_nan
        self.add(
            notnum, column=column, values=raw, problem=("is not a number", "ist keine Zahl"), fix=("Give a number.", "Eine Zahl angeben.")
        )
        self.add(
            literal_nan | nonfinite,
            column=column,
            values=raw,
            problem=("is not a finite number", "ist keine endliche Zahl"),
            fix=("Give a number or leave the cell empty.", "Eine Zahl angeben oder die Zelle leer lassen."),
        )
        if required:
            self.add(
                empty,
                column=column,
                values="",
                problem=("is empty", "ist leer"),
                fix=("Give a value in every row.", "In jeder Zeile einen Wert angeben."),
            )
        v = val.to_numpy()
        ok = np.isfinite(v)
        whole = " or not a whole number" if integer else ""
        whole_de = " oder keine ganze Zahl" if integer else ""
        out = ok & ((v < low) | (v > high) | (integer & (np.mod(v, 1, where=ok, out=np.zeros_like(v)) != 0)))
        self.add(
            out,
            column=column,
            values=raw,
            problem=(f"is outside {low:g}..{high:g}{whole}", f"liegt außerhalb {low:g}..{high:g}{whole_de}"),
            fix=("Correct the value or drop the row.", "Den Wert korrigieren oder die Zeile entfernen."),
        )
        val[~ok | out] = np.nan
        return val

    def geometry(self, geoms, geometry_types: tuple[str, ...], *, declared_crs: str = "EPSG:4326", box=GERMANY_BOX) -> None:
        """Missing, empty, wrong-type, invalid (e.g. self-intersecting) geometries and any outside Germany."""
        geoms = np.asarray(geoms)
        missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
        self.add(
            missing,
            column="geometry",
            values="empty",
            problem=("has no geometry", "hat keine Geometrie"),
            fix=("Give every feature a geometry or remove it.", "Jedem Objekt eine Geometrie geben oder es entfernen."),
        )
        names = GEOMETRY_NAMES[np.clip(shapely.get_type_id(geoms), 0, 7)]
        wrong = ~np.isin(names, geometry_types) & ~missing
        want = " or ".join(geometry_types)
        want_de = " oder ".join(GEOMETRY_DE.get(g, g) for g in geometry_types)
        self.add(
            wrong,
            column="geometry",
            values=names,
            problem=(f"is not a {want}", f"ist kein(e) {want_de}"),
            fix=(f"This import needs {want} geometries.", f"Dieser Import braucht {want_de}-Geometrien."),
        )
        rest = ~missing & ~wrong
        coords_ok = np.ones(len(geoms), dtype=bool)
        if rest.any():
            bounds = shapely.bounds(geoms)
            coords_ok = np.isfinite(bounds).all(axis=1)
            self.add(
                rest & ~coords_ok,
                column="geometry",
                values="NaN",
                problem=("has coordinates that are not numbers", "hat Koordinaten, die keine Zahlen sind"),
                fix=("Give real coordinates.", "Echte Koordinaten angeben."),
            )
            check = rest & coords_ok
            invalid = np.zeros(len(geoms), dtype=bool)
            invalid[check] = ~shapely.is_valid(geoms[check])
            reasons = _at_listed(invalid, lambda i: shapely.is_valid_reason(geoms[i]))
            self.add(
                invalid,
                column="geometry",
                values=reasons,
                problem=("is not a valid geometry", "ist keine gültige Geometrie"),
                fix=(
                    "Repair it (e.g. QGIS 'Fix geometries' or shapely.make_valid) and import again.",
                    "Reparieren (z. B. QGIS „Geometrien reparieren“ oder shapely.make_valid) und erneut importieren.",
                ),
            )
            lo_x, lo_y, hi_x, hi_y = box
            with np.errstate(invalid="ignore"):
                out = check & ((bounds[:, 0] < lo_x) | (bounds[:, 2] > hi_x) | (bounds[:, 1] < lo_y) | (bounds[:, 3] > hi_y))
            where = _at_listed(out, lambda i: f"{bounds[i, 0]:.4f}, {bounds[i, 1]:.4f}")
            self.add(
                out,
                column="geometry",
                values=where,
                problem=(f"lies outside Germany when read in {declared_crs}", f"liegt außerhalb Deutschlands, gelesen in {declared_crs}"),
                fix=(
                    "The declared CRS is probably wrong: set the CRS the coordinates are really in (or swap x and y).",
                    "Das angegebene Koordinatensystem ist vermutlich falsch: das wirkliche angeben (oder x und y tauschen).",
                ),
            )

    def duplicates(self, key: pd.Series, column: str) -> None:
        dup = key.duplicated().to_numpy() & key.notna().to_numpy() & ~self.bad
        self.add(
            dup,
            column=column,
            values=key,
            problem=("appears twice", "kommt doppelt vor"),
            fix=("Every row needs its own id.", "Jede Zeile braucht eine eigene Kennung."),
        )

    # --- result

    def error(self) -> ImportValidationError:
        return ImportValidationError(problems=self.problems, total=self.total)

    def finish(self, out, *, skip_invalid: bool = False):
        """`out` (one row per input row) if there were no problems; else raise, or with skip_invalid drop the bad rows."""
        if not self.bad.any():
            out.attrs[SKIPPED] = []
            return out
        if not skip_invalid:
            raise self.error()
        kept = out.loc[~self.bad].reset_index(drop=True) if isinstance(out, pd.DataFrame) else out[~self.bad]
        if len(kept) == 0:
            raise ImportValidationError(
                problems=[
                    *self.problems,
                    Problem.of(
                        file=self.file,
                        problem=("no valid row is left", "keine gültige Zeile bleibt übrig"),
                        fix=(
                            "Correct the file; skipping would import nothing.",
                            "Die Datei korrigieren; Überspringen würde nichts importieren.",
                        ),
                    ),
                ],
                total=self.total + 1,
            )
        kept.attrs[SKIPPED] = list(self.problems)
        kept.attrs["skipped_total"] = int(self.bad.sum())
        return kept


def _at_listed(mask: np.ndarray, value_of) -> np.ndarray:
    """Values to show, computed only for the rows that will be listed (a million rows stay fast)."""
    out = np.full(len(mask), "", dtype=object)
    for i in np.flatnonzero(mask)[:MAX_LISTED]:
        out[i] = value_of(i)
    return out


def skipped(data) -> list[Problem]:
    """The problems of the rows a reader left out with skip_invalid (empty if none)."""
    return list(getattr(data, "attrs", {}).get(SKIPPED, []))


__all__ = [
    "GERMANY_BOX",
    "MAX_LINE_CHARS",
    "MAX_LISTED",
    "Checker",
    "check_file",
    "check_line_lengths",
    "decode_text",
    "require_columns",
    "skipped",
]

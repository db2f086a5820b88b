"""Parameter tables: every number the model uses, with unit, kind and source.

One UTF-8 CSV per table in `ghgmodel/params/`, columns
`key,value,unit,kind,valid_year,description,source,reference,url,rationale`.
`kind` is `fact` (seen in a source), `derived` (computed by us from sourced inputs, the arithmetic
in `rationale`) or `assumption` (not verified; the UI flags it). A key may have several rows with
different `valid_year` (a year series); other keys have one row with an empty `valid_year`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ghgmodel.errors import ParameterError

PARAM_DIR = Path(__file__).parent / "params"
COLUMNS = ("key", "value", "unit", "kind", "valid_year", "description", "source", "reference", "url", "rationale")
KINDS = ("fact", "derived", "assumption")
# Units whose values are text rather than numbers.
TEXT_UNITS = ("date", "type")


def _read_table(text: str, name: str) -> pd.DataFrame:
    rows = list(csv.DictReader(io.StringIO(text)))
    header = next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ParameterError(f"{name}: missing column(s) {', '.join(missing)}. A parameter table needs the columns {', '.join(COLUMNS)}.")
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype=object).fillna("")
    frame["table"] = name
    frame["row"] = np.arange(2, len(frame) + 2)
    return frame


def _validate(frame: pd.DataFrame) -> pd.DataFrame:
    for rec in frame.itertuples(index=False):
        where = f"{rec.table}, row {rec.row} ({rec.key})"
        if not rec.key:
            raise ParameterError(f"{rec.table}, row {rec.row}: empty key. Give every row a key.")
        if rec.kind not in KINDS:
            raise ParameterError(f"{where}: kind = {rec.kind!r}; use one of {', '.join(KINDS)}.")
        if not rec.unit:
            raise ParameterError(f"{where}: no unit. Give the unit (use 1 for a ratio).")
        if not (rec.source or rec.rationale):
            raise ParameterError(f"{where}: neither source nor rationale. Say where the value comes from or why.")
        if rec.unit not in TEXT_UNITS:
            try:
                float(rec.value)
            except ValueError:
                raise ParameterError(f"{where}: value = {rec.value!r} is not a number.") from None
        if rec.valid_year and not rec.valid_year.isdigit():
            raise ParameterError(f"{where}: valid_year = {rec.valid_year!r} is not a year.")
    dup = frame.duplicated(["key", "valid_year"], keep=False)
    if dup.any():
        first = frame[dup].iloc[0]
        raise ParameterError(
            f"{first.table}, row {first.row}: key {first.key!r} (valid_year {first.valid_year or '-'}) is defined twice. "
            "Keep one row per key and year."
        )
    return frame


@dataclass(frozen=True)
class Parameters:
    """All parameter rows; look values up by key (and year)."""

    table: pd.DataFrame
    _index: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[int | None, str]]] = {}
        for key, value, year in zip(self.table["key"], self.table["value"], self.table["valid_year"]):
            index.setdefault(key, []).append((int(year) if year else None, value))
        for rows in index.values():
            rows.sort(key=lambda r: -1 if r[0] is None else r[0])
        object.__setattr__(self, "_index", index)

    def __contains__(self, key: str) -> bool:
        return key in self._index

    def _rows(self, key: str) -> list[tuple[int | None, str]]:
        try:
            return self._index[key]
        except KeyError:
            raise ParameterError(f"parameter {key!r} is missing. Add it to a table in ghgmodel/params/.") from None

    def value(self, key: str, year: int | None = None) -> float:
        """The value of `key`; for a year series the latest row at or before `year` (else the first)."""
        rows = self._rows(key)
        if year is None or rows[0][0] is None:
            return float(rows[-1][1] if year is None else rows[0][1])
        chosen = rows[0][1]
        for y, v in rows:
            if y is not None and y <= year:
                chosen = v
        return float(chosen)

    def text(self, key: str) -> str:
        """A text-valued parameter (unit `type` or `date`)."""
        return self._rows(key)[0][1]

    def series(self, key: str) -> dict[int, float]:
        """A year series as {year: value}."""
        return {y: float(v) for y, v in self._rows(key) if y is not None}

    def interpolate(self, key: str, years: np.ndarray) -> np.ndarray:
        """A year series linearly interpolated over `years`, constant beyond its ends."""
        s = self.series(key)
        if not s:
            return np.full(len(years), self.value(key), dtype=float)
        xs = np.array(sorted(s))
        return np.interp(np.asarray(years, dtype=float), xs, [s[x] for x in xs])

    def keys(self, prefix: str = "") -> list[str]:
        return sorted(k for k in self._index if k.startswith(prefix))

    def row(self, key: str) -> dict:
        """The documentation of a key (its first row)."""
        self._rows(key)
        rec = self.table[self.table["key"] == key].iloc[0]
        return {c: rec[c] for c in (*COLUMNS, "table")}

    def with_overrides(self, overrides: pd.DataFrame, name: str = "overrides") -> Parameters:
        """A copy where the rows of `overrides` (same columns) replace rows with the same key and year."""
        extra = overrides.copy()
        for c in COLUMNS:
            if c not in extra:
                extra[c] = ""
        extra = extra[list(COLUMNS)].astype(str).replace("nan", "")
        extra["table"] = name
        extra["row"] = np.arange(2, len(extra) + 2)
        _validate(extra)
        same_row = self.table.set_index(["key", "valid_year"]).index.isin(extra.set_index(["key", "valid_year"]).index)
        # an override without a year replaces the whole year series of its key
        constant_keys = set(extra.loc[extra["valid_year"] == "", "key"])
        keep = ~same_row & ~self.table["key"].isin(constant_keys)
        return Parameters(pd.concat([self.table[keep], extra], ignore_index=True))


def read_parameter_file(path: str | Path) -> pd.DataFrame:
    """Read and check one parameter CSV (UTF-8)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{path.name}: not UTF-8 (byte {exc.start}). Save the file as UTF-8.") from None
    return _validate(_read_table(text, path.name))


@lru_cache(maxsize=1)
def _default_table() -> pd.DataFrame:
    frames = [read_parameter_file(p) for p in sorted(PARAM_DIR.glob("*.csv"))]
    return _validate(pd.concat(frames, ignore_index=True))


def load_parameters(*extra_files: str | Path) -> Parameters:
    """The shipped parameter tables, optionally overridden row by row by further files."""
    params = Parameters(_default_table().copy())
    for f in extra_files:
        params = params.with_overrides(read_parameter_file(f), name=Path(f).name)
    return params

"""Reported actuals: what each measure did in a year, next to its plan (issue 19), and the frozen monitoring reports.

One row per measure and year in `project_actuals`. Counts and money are what was added in that year
(the monitoring adds them up to date); the two MWh columns are the level of that year. A new report for
the same measure and year replaces the old one, and the audit log keeps both (action `actuals.report`,
`actuals.import_file`, `actuals.delete`, `actuals.publish`). The residents' instance sees only what the
city released: `publish_year` copies a year's reports into `project_actuals_published` as they are then;
a later correction stays internal (is_published false) until the year is released again, and the
public keeps the released figures meanwhile.

The default portfolio carries illustrative actuals for a few of Dortmund's measures
(`data/sources/dortmund/project_actuals.csv`, `is_illustrative`): invented numbers that show how the
monitoring reads, labelled wherever they are shown.
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from ghgmodel.progress import INDICATORS
from heatdb.sources import SOURCE_DIR
from portfolio.audit import log, now

ACTUALS_CSV = SOURCE_DIR / "project_actuals.csv"
VALUE_COLUMNS = INDICATORS  # the figures an owner reports, in the model's units
TEXT_COLUMNS = ("reported_by", "source", "note")
# column -> (type, documentation: unit and meaning)
COLUMNS = {
    "project_id": ("VARCHAR NOT NULL", "projects.project_id: the measure reported on"),
    "year": ("INTEGER NOT NULL", "the calendar year the figures are for"),
    "buildings_connected": ("DOUBLE", "buildings connected to a heat network in that year (count; dh_expansion, own conversions to dh)"),
    "buildings_converted": (
        "DOUBLE",
        "own buildings converted to a heat pump or heat network in that year (count; own_building_conversion)",
    ),
    "buildings_retrofitted": ("DOUBLE", "buildings given an energy retrofit in that year (count; retrofit_programme)"),
    "heat_pumps_installed": ("DOUBLE", "heat pumps installed in that year (count, hybrids included; hp_programme)"),
    "heat_mwh": ("DOUBLE", "clean heat fed into the network in that year, MWh/a (network measures: the level, not an increment)"),
    "energy_saved_mwh": ("DOUBLE", "final energy saved in that year by everything the measure has done so far, MWh/a (the level)"),
    "spent_eur": ("DOUBLE", "money spent in that year, EUR"),
    "funding_received_eur": ("DOUBLE", "public funding received in that year, EUR"),
    "reported_at": ("DATE", "the day the figures were reported"),
    "reported_by": ("VARCHAR", "who reported (organisation and person; never shown on the public instance)"),
    "source": ("VARCHAR", "where the figures come from (annual report, invoice list, operator data, URL)"),
    "note": ("VARCHAR", "free text (never shown on the public instance)"),
    "is_illustrative": ("BOOLEAN", "true for invented example figures (the shipped defaults), never a real report"),
    "is_published": ("BOOLEAN", "this version of the row is the one released for the residents' instance (publish_year)"),
    "logged_at": ("TIMESTAMP", "when the row was written (UTC)"),
}
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS project_actuals ("
    + ", ".join(f"{c} {t}" for c, (t, _) in COLUMNS.items())
    + ", PRIMARY KEY (project_id, year));\n"
    + "CREATE TABLE IF NOT EXISTS project_actuals_published ("
    + ", ".join(f"{c} {t}" for c, (t, _) in COLUMNS.items())
    + ", released_at TIMESTAMP, PRIMARY KEY (project_id, year));\n"
    + """CREATE TABLE IF NOT EXISTS monitoring_reports (
    report_id VARCHAR PRIMARY KEY, report_year INTEGER, name VARCHAR, created_at TIMESTAMP, scenario_id VARCHAR,
    data_version VARCHAR, params_hash VARCHAR, portfolio_hash VARCHAR, actuals_hash VARCHAR, report_json VARCHAR,
    report_sha256 VARCHAR, is_published BOOLEAN DEFAULT false);
"""
)
COMMENTS = {
    "project_actuals": "Reported actuals: one row per measure and year (counts and money added in that year, MWh the level of the year), with date, source and who reported; every report is in audit_log.",
    "project_actuals_published": "The reports as released for the residents' instance (publish_year copies a year from project_actuals); corrections stay internal until released.",
    "monitoring_reports": "Frozen yearly monitoring reports (plan against actuals): the dataset as JSON with its SHA-256, never edited, only published.",
}


def ensure(con) -> None:
    """Create the two tables and their documentation (every column with its unit and meaning)."""
    con.execute(SCHEMA)
    for table, text in COMMENTS.items():
        con.execute(f"COMMENT ON TABLE {table} IS '{_quoted(text)}'")
    for column, (_, text) in COLUMNS.items():
        con.execute(f"COMMENT ON COLUMN project_actuals.{column} IS '{_quoted(text)}'")


def _quoted(text: str) -> str:
    """A constant text inside an SQL string literal (COMMENT ON takes no parameters)."""
    return text.replace("'", "''")


def has_actuals_table(con) -> bool:
    """False on a read-only portfolio written before the monitoring existed."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'project_actuals'").fetchone()[0])


def list_actuals(con, *, published_only: bool = False) -> pd.DataFrame:
    """Every report (or only the published ones), by measure and year; an empty table in the same columns if there are none."""
    if not has_actuals_table(con):
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in VALUE_COLUMNS else "object") for c in COLUMNS})
    table = "project_actuals_published" if published_only else "project_actuals"
    frame = con.execute(f"SELECT {', '.join(COLUMNS)} FROM {table} ORDER BY project_id, year").df()
    return frame.astype({c: "float64" for c in VALUE_COLUMNS})


def _values(row: dict) -> list:
    out = []
    for column in COLUMNS:
        v = row.get(column)
        out.append(None if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    return out


def upsert_actual(con, row: dict) -> dict | None:
    """Write one report (inside the caller's transaction); returns the report it replaces, if any."""
    before = con.execute("SELECT * FROM project_actuals WHERE project_id = ? AND year = ?", [row["project_id"], int(row["year"])]).df()
    row = {**row, "is_published": False, "logged_at": now()}  # a new figure is internal until its year is released
    con.execute(f"INSERT OR REPLACE INTO project_actuals ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", _values(row))
    return _plain(before.iloc[0].to_dict()) if len(before) else None


def _plain(rec: dict) -> dict:
    """A row as JSON values (dates as text, missing values as null) for the audit log."""
    out = {}
    for k, v in rec.items():
        if k in ("logged_at", "is_published"):
            continue
        out[k] = None if v is None or (not isinstance(v, str) and pd.isna(v)) else (v if isinstance(v, (int, float, str, bool)) else str(v))
    return out


def save_actual(con, row: dict) -> None:
    """One report from the form: written and logged with the values it replaces, in one transaction."""
    con.execute("BEGIN")
    try:
        before = upsert_actual(con, row)
        detail = {"new": _plain(row), "replaced": before}
        log(con, "actuals.report", f"{row['project_id']}:{int(row['year'])}", json.dumps(detail, ensure_ascii=False, default=str))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def delete_actual(con, project_id: str, year: int) -> bool:
    con.execute("BEGIN")
    try:
        gone = con.execute("DELETE FROM project_actuals WHERE project_id = ? AND year = ? RETURNING *", [project_id, int(year)]).df()
        if len(gone):
            log(
                con,
                "actuals.delete",
                f"{project_id}:{int(year)}",
                json.dumps(_plain(gone.iloc[0].to_dict()), ensure_ascii=False, default=str),
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return bool(len(gone))


def publish_year(con, year: int, published: bool = True) -> int:
    """Release every report of `year` as it is now for the residents' instance (replacing what was released for
    that year), or withdraw the year; returns how many rows were not yet released as they are (or are withdrawn)."""
    y = int(year)
    con.execute("BEGIN")
    try:
        if published:
            changed = con.execute(
                "SELECT count(*) FROM project_actuals WHERE year = ? AND NOT coalesce(is_published, false)", [y]
            ).fetchone()[0]
            con.execute("DELETE FROM project_actuals_published WHERE year = ?", [y])
            con.execute("UPDATE project_actuals SET is_published = true WHERE year = ?", [y])
            cols = ", ".join(COLUMNS)
            con.execute(
                f"INSERT INTO project_actuals_published ({cols}, released_at) SELECT {cols}, ? FROM project_actuals WHERE year = ?",
                [now(), y],
            )
        else:
            changed = con.execute("DELETE FROM project_actuals_published WHERE year = ? RETURNING project_id", [y]).fetchall()
            changed = len(changed)
            con.execute("UPDATE project_actuals SET is_published = false WHERE year = ?", [y])
        log(con, "actuals.publish" if published else "actuals.unpublish", str(y), f"{changed} reports")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(changed)


def actuals_hash(con, *, published_only: bool = False) -> str:
    """Hash of the reported figures (what the monitoring computes from)."""
    frame = list_actuals(con, published_only=published_only)
    cols = ["project_id", "year", *VALUE_COLUMNS, "is_illustrative"]
    text = frame[cols].to_csv(index=False) if len(frame) else ""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def seed_actuals(con) -> int:
    """The illustrative actuals of the default data, once per portfolio: for the measures it holds, when no
    report was ever written or deleted (so a planner who removed them does not get them back)."""
    if not has_actuals_table(con) or con.execute("SELECT count(*) FROM project_actuals").fetchone()[0]:
        return 0
    if con.execute("SELECT count(*) FROM audit_log WHERE action LIKE 'actuals.%'").fetchone()[0]:
        return 0
    if con.execute("SELECT count(*) FROM project_actuals_published").fetchone()[0]:
        return 0  # a public export (portfolio.publish) holds released reports only: it is not a new portfolio
    from portfolio.actual_rows import read_actual_rows
    from portfolio.project_table import projects

    known = {p.project_id: p for p in projects(con)}
    rows = pd.read_csv(ACTUALS_CSV, dtype=str, keep_default_na=False).to_dict(orient="records")
    rows = [r for r in rows if r["project_id"] in known]
    if not rows:
        return 0
    items = read_actual_rows(rows, ACTUALS_CSV.name, known)
    con.execute("BEGIN")
    try:
        for item in items:
            upsert_actual(con, item)
        # the shipped examples come from a public file: they are released from the start
        cols = ", ".join(COLUMNS)
        con.execute("UPDATE project_actuals SET is_published = true")
        con.execute(f"INSERT INTO project_actuals_published ({cols}, released_at) SELECT {cols}, ? FROM project_actuals", [now()])
        log(con, "actuals.seed", ACTUALS_CSV.name, f"{len(items)} illustrative reports")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(items)


__all__ = [
    "ACTUALS_CSV",
    "COLUMNS",
    "COMMENTS",
    "SCHEMA",
    "TEXT_COLUMNS",
    "VALUE_COLUMNS",
    "actuals_hash",
    "delete_actual",
    "ensure",
    "has_actuals_table",
    "list_actuals",
    "publish_year",
    "save_actual",
    "seed_actuals",
    "upsert_actual",
]

"""The planners' own data: the project portfolio, saved scenarios and frozen snapshots, in DuckDB.

They live in a database of their own (`data/portfolio.duckdb`, WAERME_PORTFOLIO_DB), apart from the
rebuildable warehouse: a rebuild never touches a planner's work, and the warehouse stays read-only
for the app. A new portfolio database is seeded with Dortmund's published measures
(`data/sources/dortmund/portfolio_projects.csv`) and the default scenarios
(`data/sources/dortmund/scenarios.json`). Every change is one transaction and is logged.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from ghgmodel import ModelInputError, Project, Scenario
from heatdb.errors import ImportValidationError, Problem
from heatdb.sources import SOURCE_DIR

DEFAULT_PORTFOLIO = Path(__file__).resolve().parent.parent / "data" / "portfolio.duckdb"
PROJECTS_CSV = SOURCE_DIR / "portfolio_projects.csv"
SCENARIOS_JSON = SOURCE_DIR / "scenarios.json"
DEFAULT_PROJECTS_CITY = "Dortmund"  # the city whose published measures PROJECTS_CSV holds
LIST_FIELDS = ("district_ids", "expansion_area_ids", "building_ids")
EXTRA_FIELDS = ("published_co2_t_per_year",)
MAX_TEXT = 2000

SCHEMA = """
CREATE TABLE IF NOT EXISTS projects (
    project_id VARCHAR PRIMARY KEY, name VARCHAR, owner VARCHAR, project_type VARCHAR, status VARCHAR,
    start_year INTEGER, end_year INTEGER, district_ids VARCHAR, expansion_area_ids VARCHAR, building_ids VARCHAR,
    network_id VARCHAR, connection_share_pct DOUBLE, rate_pct_per_year DOUBLE, heat_mwh_per_year DOUBLE,
    heat_source VARCHAR, source_ef_g_per_kwh DOUBLE, retrofit_depth VARCHAR, target_system VARCHAR,
    capex_eur DOUBLE, funding_eur DOUBLE, funding_source VARCHAR, source VARCHAR, is_approximated BOOLEAN,
    note VARCHAR, published_co2_t_per_year DOUBLE, updated_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id VARCHAR PRIMARY KEY, name VARCHAR, levers_json VARCHAR, is_default BOOLEAN, updated_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS snapshots (
    snapshot_id VARCHAR PRIMARY KEY, name VARCHAR, created_at TIMESTAMP, data_version VARCHAR, params_hash VARCHAR,
    scenario_json VARCHAR, projects_json VARCHAR, results_json VARCHAR, note VARCHAR);
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS portfolio_hash VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS report_json VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS report_sha256 VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS is_published BOOLEAN DEFAULT false;
CREATE TABLE IF NOT EXISTS audit_log (logged_at TIMESTAMP, action VARCHAR, object_id VARCHAR, detail VARCHAR);
"""
COMMENTS = {
    "projects": "Climate City Contract portfolio: one row per measure with owner, type, reach, ramp, cost, funding, status and source (ghgmodel.Project fields; lists as JSON).",
    "scenarios": "Saved scenarios: the levers as JSON (ghgmodel.Scenario).",
    "snapshots": "Frozen scenario results for council documents: the inputs and the numbers as computed (report_json, with its SHA-256), data version, parameter and portfolio hash; never edited, only published.",
    "audit_log": "Every change to projects, scenarios and snapshots.",
}


def _now():
    return datetime.now(UTC).replace(tzinfo=None)


def open_portfolio(path: str | Path | None = None, *, read_only: bool = False, warehouse=None) -> duckdb.DuckDBPyConnection:
    """Open (and on first use create and seed) the portfolio database.

    Read-only callers get an in-memory copy of the defaults when the file does not exist, so the
    public instance never writes a file. `warehouse` (a connection) resolves district names and
    expansion-area rules of the default projects.
    """
    path = Path(path or DEFAULT_PORTFOLIO)
    if read_only and path.exists():
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.IOException:
            # a planner's app holds the file open for writing; the read-only instance then serves the
            # defaults (deploy/start.sh gives the public replicas their own published copy instead)
            con = None
        if con is not None:
            tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            if {"projects", "scenarios", "snapshots"} <= tables:
                return con
            con.close()  # not a portfolio (e.g. an empty file): serve the defaults instead
    target = ":memory:" if read_only else str(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(target)
    con.execute(SCHEMA)
    for table, text in COMMENTS.items():
        con.execute(f"COMMENT ON TABLE {table} IS '{text}'")
    if con.execute("SELECT count(*) FROM projects").fetchone()[0] == 0 and con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0:
        seed(con, warehouse)
    return con


def seed(con, warehouse=None) -> None:
    """Fill an empty portfolio with the default scenarios and, for Dortmund's warehouse, Dortmund's projects.

    The default projects name Dortmund's districts and expansion areas. Another city's warehouse (meta
    city_name), or a Dortmund warehouse whose districts were replaced so that the projects no longer
    resolve, starts with the scenarios only; the audit log says why (see `seed_note`), and the city
    brings its own projects with the template (python -m heatdb import projects).
    """
    city = warehouse_city(warehouse)
    projects: list = []
    if city not in (None, DEFAULT_PROJECTS_CITY):
        note = f"no default projects: they are {DEFAULT_PROJECTS_CITY}'s and this warehouse is {city}'s"
    else:
        try:
            projects = read_projects_csv(PROJECTS_CSV.read_text(encoding="utf-8"), PROJECTS_CSV.name, warehouse)
            note = ""
        except ImportValidationError as exc:
            first = exc.problems[0].text("en") if exc.problems else ""
            note = f"no default projects: {exc.total} of their references do not resolve in this warehouse (first: {first})"[:1000]
    scenarios = json.loads(SCENARIOS_JSON.read_text(encoding="utf-8"))
    con.execute("BEGIN")
    try:
        for p, extra in projects:
            _upsert(con, p, extra)
        for s in scenarios:
            sc = Scenario.from_dict(s["levers"])
            con.execute("INSERT OR REPLACE INTO scenarios VALUES (?, ?, ?, true, ?)", [s["scenario_id"], sc.name, sc.to_json(), _now()])
        detail = f"{len(projects)} projects, {len(scenarios)} scenarios" + (f"; {note}" if note else "")
        con.execute("INSERT INTO audit_log VALUES (?, 'seed', '', ?)", [_now(), detail])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def warehouse_city(warehouse) -> str | None:
    """The warehouse's city (meta city_name), None without a warehouse or without that row."""
    if warehouse is None:
        return None
    try:
        row = warehouse.execute("SELECT value FROM meta WHERE key = 'city_name'").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def seed_note(con) -> str:
    """Why the portfolio was seeded without the default projects ('' if it was seeded with them)."""
    row = con.execute("SELECT detail FROM audit_log WHERE action = 'seed' ORDER BY logged_at LIMIT 1").fetchone()
    detail = row[0] if row else ""
    return detail.split("; ", 1)[1] if "; " in detail else ""


# --- projects -------------------------------------------------------------------------------------


def _row(p: Project, extra: dict) -> dict:
    d = p.to_dict()
    for f in LIST_FIELDS:
        d[f] = json.dumps(list(d[f]), ensure_ascii=False)
    d["published_co2_t_per_year"] = extra.get("published_co2_t_per_year")
    d["updated_at"] = _now()
    return d


def _upsert(con, p: Project, extra: dict) -> None:
    row = _row(p, extra)
    cols = list(row)
    con.execute(f"INSERT OR REPLACE INTO projects ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])


def list_projects(con) -> pd.DataFrame:
    df = con.execute("SELECT * FROM projects ORDER BY project_type, project_id").df()
    for f in LIST_FIELDS:
        df[f] = df[f].map(lambda v: tuple(json.loads(v)) if isinstance(v, str) and v else ())
    return df


def projects(con) -> list[Project]:
    """The portfolio as model objects."""
    names = {f.name for f in fields(Project)}
    out = []
    for rec in list_projects(con).to_dict(orient="records"):
        data = {k: v for k, v in rec.items() if k in names}
        for k in ("start_year", "end_year"):
            data[k] = int(data[k])
        for k in ("connection_share_pct", "rate_pct_per_year", "heat_mwh_per_year", "capex_eur", "funding_eur"):
            data[k] = float(data[k]) if pd.notna(data[k]) else 0.0
        data["source_ef_g_per_kwh"] = float(data["source_ef_g_per_kwh"]) if pd.notna(data["source_ef_g_per_kwh"]) else None
        for k in ("network_id", "retrofit_depth", "funding_source", "source", "note", "heat_source", "target_system"):
            data[k] = "" if pd.isna(data[k]) else str(data[k])
        data["heat_source"] = data["heat_source"] or "waste_heat"
        data["target_system"] = data["target_system"] or "hp"
        data["is_approximated"] = bool(data["is_approximated"])
        out.append(Project(**data))
    return out


def portfolio_hash(con) -> str:
    """Hash of the portfolio's model-relevant content (changes whenever a result could change)."""
    items = sorted(json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False) for p in projects(con))
    return hashlib.sha256("\n".join(items).encode()).hexdigest()[:12]


def save_project(con, p: Project, *, published_co2_t_per_year: float | None = None, action: str = "save") -> None:
    con.execute("BEGIN")
    try:
        _upsert(con, p, {"published_co2_t_per_year": published_co2_t_per_year})
        con.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?)", [_now(), f"project.{action}", p.project_id, p.name[:200]])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def delete_project(con, project_id: str) -> bool:
    con.execute("BEGIN")
    try:
        n = con.execute("DELETE FROM projects WHERE project_id = ? RETURNING project_id", [project_id]).fetchall()
        con.execute("INSERT INTO audit_log VALUES (?, 'project.delete', ?, '')", [_now(), project_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return bool(n)


def new_project_id(name: str) -> str:
    """A readable ASCII id from a name plus a random suffix."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name.lower().replace("ß", "ss")).encode("ascii", "ignore").decode()
    base = "".join(ch if ch.isalnum() else "-" for ch in ascii_name)[:40].strip("-")
    while "--" in base:
        base = base.replace("--", "-")
    base = base or "projekt"
    return f"{base}-{uuid.uuid4().hex[:6]}"


# --- CSV ------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "project_id", "name", "owner", "project_type", "status", "start_year", "end_year", "districts", "expansion_areas",
    "network_id", "connection_share_pct", "rate_pct_per_year", "heat_mwh_per_year", "heat_source", "source_ef_g_per_kwh",
    "retrofit_depth", "target_system", "capex_eur", "funding_eur", "funding_source", "published_co2_t_per_year",
    "source", "is_approximated", "note",
)  # fmt: skip
REQUIRED = ("project_id", "name", "owner", "project_type", "start_year", "end_year")


def _resolver(warehouse):
    """Maps from district names/codes/ids and expansion-area rules to ids (None: accept ids as given)."""
    if warehouse is None:
        return None, None
    d = warehouse.execute("SELECT district_id, code, name, level, parent_id FROM districts WHERE level = 'statbez'").df()
    names = {}
    for rec in d.itertuples():
        for k in (rec.district_id, rec.code, rec.name, rec.name.lower()):
            names[k] = rec.district_id
    e = warehouse.execute(
        "SELECT e.expansion_area_id, d.parent_id FROM dh_expansion e LEFT JOIN districts d ON d.district_id = e.statbez_id"
    ).df()
    return names, e


def read_projects_csv(
    text: str, source_name: str, warehouse=None, *, rows: list[dict] | None = None, skip_invalid: bool = False
) -> list[tuple[Project, dict]]:
    """Validate a project CSV (or `rows` already read, e.g. from the XLSX template) completely.

    Raises ImportValidationError listing every problem with row, column, value and fix; with
    skip_invalid the rows with problems are left out and their problems are in `.skipped_problems`
    of the returned list.
    """
    rows = list(csv.DictReader(io.StringIO(text))) if rows is None else rows
    if not rows:
        raise ImportValidationError.of(
            file=source_name,
            problem=(
                "no projects (the file is empty or has only a header)",
                "keine Projekte (die Datei ist leer oder hat nur eine Kopfzeile)",
            ),
            fix=("Fill in one row per project.", "Pro Projekt eine Zeile ausfüllen."),
        )
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        cols = ", ".join(CSV_COLUMNS)
        raise ImportValidationError.of(
            file=source_name,
            problem=(f"missing column(s) {', '.join(missing)}", f"Spalte(n) {', '.join(missing)} fehlen"),
            fix=(f"Use the columns of the template: {cols}.", f"Die Spalten der Vorlage verwenden: {cols}."),
        )
    names, exp = _resolver(warehouse)
    all_districts = sorted(set(names.values())) if names else []
    seen = set()
    out = ProjectList()
    for i, r in enumerate(rows, start=1):
        try:
            out.append(_project_row(i, r, source_name, names, exp, all_districts, seen))
        except ImportValidationError as exc:
            out.skipped_problems.extend(exc.problems)
    if out.skipped_problems and not skip_invalid:
        raise ImportValidationError(problems=out.skipped_problems)
    if out.skipped_problems and not out:
        raise ImportValidationError(problems=out.skipped_problems)
    return out


class ProjectList(list):
    """Projects read from a file, with the problems of the rows that were left out."""

    def __init__(self):
        super().__init__()
        self.skipped_problems: list[Problem] = []


def _project_row(i: int, r: dict, source_name: str, names, exp, all_districts, seen) -> tuple[Project, dict]:
    """One validated row (i = 1 for the first data row); raises ImportValidationError with its problems."""

    def bad(column, value, *, problem, fix, i=i):
        return ImportValidationError.of(file=source_name, row=i, column=column, value=value, problem=problem, fix=fix)

    for k, v in r.items():
        if k is None or (isinstance(v, str) and len(v) > MAX_TEXT):
            raise bad(
                k or "(extra)",
                (v or "")[:40] if isinstance(v, str) else v,
                problem=("is too long or in an extra column", "ist zu lang oder steht in einer zusätzlichen Spalte"),
                fix=(
                    f"Keep texts under {MAX_TEXT} characters and the columns of the template.",
                    f"Keep texts under {MAX_TEXT} characters and the columns of the template.",
                ),
            )

    def num(column, default=0.0, integer=False, r=r):
        v = (r.get(column) or "").strip()
        if "," in v and "." not in v:  # a decimal comma (no thousands separators are accepted)
            v = v.replace(",", ".")
        if v == "":
            return default
        try:
            x = float(v)
        except ValueError:
            raise bad(
                column,
                r.get(column),
                problem=("is not a number", "ist keine Zahl"),
                fix=(
                    "Give a plain number without thousands separators (e.g. 40000000 or 12.5).",
                    "Eine Zahl ohne Tausenderpunkte angeben (z. B. 40000000 oder 12,5).",
                ),
            ) from None
        if x != x or x in (float("inf"), float("-inf")):  # NaN or infinite
            raise bad(
                column,
                r.get(column),
                problem=("is not a number", "ist keine Zahl"),
                fix=(
                    "Give a plain number without thousands separators (e.g. 40000000 or 12.5).",
                    "Eine Zahl ohne Tausenderpunkte angeben (z. B. 40000000 oder 12,5).",
                ),
            )
        if integer and x != int(x):
            raise bad(
                column,
                r.get(column),
                problem=("is not a whole number", "ist keine ganze Zahl"),
                fix=("Give a year like 2030.", "Ein Jahr wie 2030 angeben."),
            )
        return int(x) if integer else x

    def listed(column, resolve, r=r):
        raw = (r.get(column) or "").strip()
        if not raw:
            return ()
        return tuple(resolve(x.strip()) for x in raw.split(";") if x.strip())

    def district(x):
        if names is None:
            return x
        if x == "*":
            return "*"
        if x in names or x.lower() in names:
            return names.get(x, names.get(x.lower()))
        raise bad(
            "districts",
            x,
            problem=("is not a statistischer Bezirk", "ist kein statistischer Bezirk"),
            fix=(
                "Use a name like Hörde, a code like 510 or an id like statbez-510; separate several with ;.",
                "Einen Namen wie Hörde, einen Code wie 510 oder eine Kennung wie statbez-510 angeben; mehrere mit ; trennen.",
            ),
        )

    pid = (r.get("project_id") or "").strip()
    if pid in seen:
        raise bad(
            "project_id",
            pid,
            problem=("appears twice", "kommt doppelt vor"),
            fix=("Give every project its own id.", "Jedem Projekt eine eigene Kennung geben."),
        )
    seen.add(pid)
    dist = listed("districts", district)
    if "*" in dist:
        dist = tuple(all_districts) if names is not None else dist
    areas = ()
    rule = (r.get("expansion_areas") or "").strip()
    if rule:
        if exp is None:
            areas = tuple(x.strip() for x in rule.split(";") if x.strip())
        elif rule == "*":
            areas = tuple(exp["expansion_area_id"])
        elif rule.startswith("stadtbezirk:"):
            nums = {f"stadtbezirk-{n.strip()}" for n in rule.split(":", 1)[1].split(",")}
            areas = tuple(exp.loc[exp["parent_id"].isin(nums), "expansion_area_id"])
        else:
            areas = tuple(x.strip() for x in rule.split(";") if x.strip())
            unknown = sorted(set(areas) - set(exp["expansion_area_id"]))
            if unknown:
                raise bad(
                    "expansion_areas",
                    unknown[0],
                    problem=("is not an expansion area", "ist kein Ausbaugebiet"),
                    fix=(
                        "Use ids like EXP-001, * for all, or stadtbezirk:1,2.",
                        "Kennungen wie EXP-001, * für alle oder stadtbezirk:1,2 verwenden.",
                    ),
                )
    flag = (r.get("is_approximated") or "true").strip().lower()
    if flag not in ("true", "false", "ja", "nein", "1", "0", ""):
        raise bad(
            "is_approximated",
            r.get("is_approximated"),
            problem=("is not true or false", "ist weder true noch false"),
            fix=("Write true or false.", "true oder false (ja/nein) schreiben."),
        )
    try:
        p = Project(
            project_id=pid,
            name=(r.get("name") or "").strip(),
            owner=(r.get("owner") or "").strip(),
            project_type=(r.get("project_type") or "").strip(),
            status=(r.get("status") or "planned").strip(),
            start_year=num("start_year", integer=True),
            end_year=num("end_year", default=num("start_year", integer=True), integer=True),
            district_ids=dist,
            expansion_area_ids=areas,
            network_id=(r.get("network_id") or "").strip(),
            connection_share_pct=num("connection_share_pct"),
            rate_pct_per_year=num("rate_pct_per_year"),
            heat_mwh_per_year=num("heat_mwh_per_year"),
            heat_source=(r.get("heat_source") or "waste_heat").strip(),
            source_ef_g_per_kwh=num("source_ef_g_per_kwh", default=None),
            retrofit_depth=(r.get("retrofit_depth") or "").strip(),
            target_system=(r.get("target_system") or "hp").strip(),
            capex_eur=num("capex_eur"),
            funding_eur=num("funding_eur"),
            funding_source=(r.get("funding_source") or "").strip(),
            source=(r.get("source") or "").strip(),
            is_approximated=flag in ("true", "ja", "1", ""),
            note=(r.get("note") or "").strip(),
        )
    except ModelInputError as exc:
        raise ImportValidationError.of(
            file=source_name,
            row=i,
            problem=(str(exc).rstrip("."), str(exc).rstrip(".")),
            fix=("Correct the row.", "Die Zeile korrigieren."),
        ) from None
    return (p, {"published_co2_t_per_year": num("published_co2_t_per_year", default=None)})


def import_projects_csv(con, text: str, source_name: str, warehouse=None, *, replace: bool = False) -> int:
    """Validate, then add (or replace all) projects in one transaction; returns the number imported."""
    items = read_projects_csv(text, source_name, warehouse)
    con.execute("BEGIN")
    try:
        if replace:
            con.execute("DELETE FROM projects")
        for p, extra in items:
            _upsert(con, p, extra)
        con.execute("INSERT INTO audit_log VALUES (?, 'project.import', ?, ?)", [_now(), source_name[:200], f"{len(items)} projects"])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(items)


def projects_to_csv(con) -> str:
    df = list_projects(con)
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for rec in df.to_dict(orient="records"):
        row = {c: rec.get(c, "") for c in CSV_COLUMNS}
        row["districts"] = ";".join(rec["district_ids"])
        row["expansion_areas"] = ";".join(rec["expansion_area_ids"])
        row["is_approximated"] = "true" if rec["is_approximated"] else "false"
        w.writerow({k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in row.items()})
    return out.getvalue()


# --- scenarios and snapshots ---------------------------------------------------------------------


def list_scenarios(con) -> pd.DataFrame:
    return con.execute("SELECT scenario_id, name, levers_json, is_default, updated_at FROM scenarios ORDER BY is_default DESC, name").df()


def scenario(con, scenario_id: str) -> Scenario | None:
    row = con.execute("SELECT levers_json FROM scenarios WHERE scenario_id = ?", [scenario_id]).fetchone()
    return Scenario.from_json(row[0]) if row else None


def save_scenario(con, scenario_id: str, sc: Scenario) -> None:
    con.execute("BEGIN")
    try:
        con.execute(
            "INSERT OR REPLACE INTO scenarios VALUES (?, ?, ?, coalesce((SELECT is_default FROM scenarios WHERE scenario_id = ?), false), ?)",
            [scenario_id, sc.name, sc.to_json(), scenario_id, _now()],
        )
        con.execute("INSERT INTO audit_log VALUES (?, 'scenario.save', ?, ?)", [_now(), scenario_id, sc.name[:200]])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def delete_scenario(con, scenario_id: str) -> bool:
    n = con.execute("DELETE FROM scenarios WHERE scenario_id = ? AND NOT is_default RETURNING scenario_id", [scenario_id]).fetchall()
    if n:
        con.execute("INSERT INTO audit_log VALUES (?, 'scenario.delete', ?, '')", [_now(), scenario_id])
    return bool(n)


def save_snapshot(
    con,
    *,
    name: str,
    data_version: str,
    params_hash: str,
    scenario_json: str,
    projects_json: str,
    results: dict,
    note: str = "",
    portfolio_hash: str = "",
    report_json: str = "",
) -> str:
    """Freeze a scenario's inputs and results; returns the snapshot id (the numbers filed).

    `report_json` is the whole report dataset (reports.ReportData); its SHA-256 is kept beside it so a
    later reader can show that the numbers are the ones frozen. There is no function to change a snapshot.
    """
    sid = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    sha = hashlib.sha256(report_json.encode()).hexdigest() if report_json else None
    con.execute(
        """INSERT INTO snapshots (snapshot_id, name, created_at, data_version, params_hash, scenario_json, projects_json, results_json, note,
                                  portfolio_hash, report_json, report_sha256, is_published)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)""",
        [
            sid,
            name[:200],
            _now(),
            data_version,
            params_hash,
            scenario_json,
            projects_json,
            json.dumps(results, ensure_ascii=False),
            note[:MAX_TEXT],
            portfolio_hash,
            report_json or None,
            sha,
        ],
    )
    con.execute("INSERT INTO audit_log VALUES (?, 'snapshot.save', ?, ?)", [_now(), sid, name[:200]])
    return sid


def publish_snapshot(con, snapshot_id: str, published: bool = True) -> bool:
    """Show (or hide) a snapshot on the public instance; the numbers are not touched."""
    n = con.execute(
        "UPDATE snapshots SET is_published = ? WHERE snapshot_id = ? RETURNING snapshot_id", [published, snapshot_id]
    ).fetchall()
    if n:
        con.execute(
            "INSERT INTO audit_log VALUES (?, ?, ?, '')", [_now(), "snapshot.publish" if published else "snapshot.unpublish", snapshot_id]
        )
    return bool(n)


def list_snapshots(con, *, published_only: bool = False) -> pd.DataFrame:
    if "report_json" not in _columns(con, "snapshots"):  # a read-only file from before snapshots kept reports
        frame = con.execute(
            "SELECT snapshot_id, name, created_at, data_version, params_hash, note FROM snapshots ORDER BY created_at DESC"
        ).df()
        frame = frame.assign(portfolio_hash=None, is_published=False, has_report=False)
        return frame.iloc[0:0] if published_only else frame
    where = "WHERE coalesce(is_published, false)" if published_only else ""
    return con.execute(
        f"""SELECT snapshot_id, name, created_at, data_version, params_hash, portfolio_hash, coalesce(is_published, false) AS is_published,
                   report_json IS NOT NULL AS has_report, note
            FROM snapshots {where} ORDER BY created_at DESC, snapshot_id DESC"""
    ).df()


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"SELECT * FROM {table} LIMIT 0").description}


def snapshot(con, snapshot_id: str) -> dict | None:
    df = con.execute("SELECT * FROM snapshots WHERE snapshot_id = ?", [snapshot_id]).df()
    if df.empty:
        return None
    rec = df.iloc[0].to_dict()
    rec["results"] = json.loads(rec.pop("results_json"))
    return rec

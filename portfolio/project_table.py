"""The projects table: save, list, delete, and the hash of what the model reads from it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from dataclasses import fields

import pandas as pd

from ghgmodel import Project
from portfolio.audit import log, now
from portfolio.project_rows import CSV_COLUMNS, read_projects_csv

LIST_FIELDS = ("district_ids", "expansion_area_ids", "building_ids")
EXTRA_FIELDS = ("published_co2_t_per_year",)


def _row(p: Project, extra: dict) -> dict:
    d = p.to_dict()
    for f in LIST_FIELDS:
        d[f] = json.dumps(list(d[f]), ensure_ascii=False)
    d["published_co2_t_per_year"] = extra.get("published_co2_t_per_year")
    d["updated_at"] = now()
    return d


def upsert(con, p: Project, extra: dict) -> None:
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
        data["is_hybrid"] = bool(data.get("is_hybrid")) if pd.notna(data.get("is_hybrid")) else False
        out.append(Project(**data))
    return out


def portfolio_hash(con) -> str:
    """Hash of the portfolio's model-relevant content (changes whenever a result could change)."""
    items = sorted(json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False) for p in projects(con))
    return hashlib.sha256("\n".join(items).encode()).hexdigest()[:12]


def save_project(con, p: Project, *, published_co2_t_per_year: float | None = None, action: str = "save") -> None:
    con.execute("BEGIN")
    try:
        upsert(con, p, {"published_co2_t_per_year": published_co2_t_per_year})
        log(con, f"project.{action}", p.project_id, p.name[:200])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def delete_project(con, project_id: str) -> bool:
    con.execute("BEGIN")
    try:
        n = con.execute("DELETE FROM projects WHERE project_id = ? RETURNING project_id", [project_id]).fetchall()
        log(con, "project.delete", project_id)
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


def import_projects_csv(con, text: str, source_name: str, warehouse=None, *, replace: bool = False) -> int:
    """Validate, then add (or replace all) projects in one transaction; returns the number imported."""
    items = read_projects_csv(text, source_name, warehouse)
    con.execute("BEGIN")
    try:
        if replace:
            con.execute("DELETE FROM projects")
        for p, extra in items:
            upsert(con, p, extra)
        log(con, "project.import", source_name[:200], f"{len(items)} projects")
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
        row["is_hybrid"] = "true" if rec.get("is_hybrid") is True else "false"
        w.writerow({k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in row.items()})
    return out.getvalue()


__all__ = [
    "LIST_FIELDS",
    "delete_project",
    "import_projects_csv",
    "list_projects",
    "new_project_id",
    "portfolio_hash",
    "projects",
    "projects_to_csv",
    "save_project",
    "upsert",
]

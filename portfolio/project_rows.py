"""The rules of one project row as a planner writes it (CSV, or the XLSX template read into rows).

Every row is checked completely: numbers, years, districts (names, codes or ids, resolved in the
warehouse), expansion areas (ids, * or stadtbezirk:1,2) and the model's own rules (ghgmodel.Project);
every problem names the row, column, value and fix in German and English.
"""

from __future__ import annotations

import csv
import io

import locales
from ghgmodel import ModelInputError, Project
from heatdb.errors import ImportValidationError, Problem
from portfolio.buildings import BuildingLookup

MAX_TEXT = 2000

CSV_COLUMNS = (
    "project_id", "name", "owner", "project_type", "status", "start_year", "end_year", "districts", "expansion_areas",
    "network_id", "connection_share_pct", "rate_pct_per_year", "heat_mwh_per_year", "heat_source", "source_ef_g_per_kwh",
    "retrofit_depth", "target_system", "capex_eur", "funding_eur", "funding_source", "published_co2_t_per_year",
    "source", "is_approximated", "note", "is_hybrid", "buildings", "n_buildings", "building_type",
)  # fmt: skip
REQUIRED = ("project_id", "name", "owner", "project_type", "start_year", "end_year")


def _texts(key: str, **values) -> dict:
    """The problem and fix of `key` (locales/portfolio.toml: `key` and `key`_fix) as (English, German) pairs."""
    return {
        part: (locales.text("portfolio", key + suffix, "en", **values), locales.text("portfolio", key + suffix, "de", **values))
        for part, suffix in (("problem", ""), ("fix", "_fix"))
    }


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
        raise ImportValidationError.of(file=source_name, **_texts("no_projects"))
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        raise ImportValidationError.of(
            file=source_name, **_texts("missing_columns", columns=", ".join(missing), template=", ".join(CSV_COLUMNS))
        )
    names, exp = _resolver(warehouse)
    lookup = BuildingLookup(warehouse) if warehouse is not None else None
    all_districts = sorted(set(names.values())) if names else []
    seen = set()
    out = ProjectList()
    for i, r in enumerate(rows, start=1):
        try:
            out.append(_project_row(i, r, source_name, names, exp, all_districts, seen, lookup))
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


def _project_row(i: int, r: dict, source_name: str, names, exp, all_districts, seen, lookup=None) -> tuple[Project, dict]:
    """One validated row (i = 1 for the first data row); raises ImportValidationError with its problems."""

    def bad(column, value, key, i=i, **values):
        return ImportValidationError.of(file=source_name, row=i, column=column, value=value, **_texts(key, **values))

    for k, v in r.items():
        if k is None or (isinstance(v, str) and len(v) > MAX_TEXT):
            raise bad(k or "(extra)", (v or "")[:40] if isinstance(v, str) else v, "too_long", max_chars=MAX_TEXT)

    def num(column, default=0.0, integer=False, r=r):
        v = (r.get(column) or "").strip()
        if "," in v and "." not in v:  # a decimal comma (no thousands separators are accepted)
            v = v.replace(",", ".")
        if v == "":
            return default
        try:
            x = float(v)
        except ValueError:
            raise bad(column, r.get(column), "not_a_number") from None
        if x != x or x in (float("inf"), float("-inf")):  # NaN or infinite
            raise bad(column, r.get(column), "not_a_number")
        if integer and x != int(x):
            raise bad(column, r.get(column), "not_a_whole_number")
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
        raise bad("districts", x, "not_a_district")

    pid = (r.get("project_id") or "").strip()
    if pid in seen:
        raise bad("project_id", pid, "twice")
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
                raise bad("expansion_areas", unknown[0], "not_an_expansion_area")
    flag = (r.get("is_approximated") or "true").strip().lower()
    if flag not in ("true", "false", "ja", "nein", "1", "0", ""):
        raise bad("is_approximated", r.get("is_approximated"), "not_true_or_false")
    buildings = _own_buildings(r, dist, lookup, bad, num)
    hybrid = (r.get("is_hybrid") or "false").strip().lower()
    if hybrid not in ("true", "false", "ja", "nein", "1", "0", ""):
        raise bad("is_hybrid", r.get("is_hybrid"), "not_true_or_false")
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
            building_ids=buildings,
            network_id=(r.get("network_id") or "").strip(),
            connection_share_pct=num("connection_share_pct"),
            rate_pct_per_year=num("rate_pct_per_year"),
            heat_mwh_per_year=num("heat_mwh_per_year"),
            heat_source=(r.get("heat_source") or "waste_heat").strip(),
            source_ef_g_per_kwh=num("source_ef_g_per_kwh", default=None),
            retrofit_depth=(r.get("retrofit_depth") or "").strip(),
            target_system=(r.get("target_system") or "hp").strip(),
            is_hybrid=hybrid in ("true", "ja", "1"),
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
            fix=(locales.text("portfolio", "model_refused_fix", "en"), locales.text("portfolio", "model_refused_fix", "de")),
        ) from None
    return (p, {"published_co2_t_per_year": num("published_co2_t_per_year", default=None)})


def _own_buildings(r: dict, districts, lookup, bad, num) -> tuple[str, ...]:
    """The buildings of a member's own measure: listed (ids or addresses) or a number of a type in its districts."""
    listed = [x.strip() for x in (r.get("buildings") or "").split(";") if x.strip()]
    n = num("n_buildings", default=0, integer=True)
    btype = (r.get("building_type") or "").strip().upper()
    own = (r.get("project_type") or "").strip() == "own_building_conversion"
    if not listed and not n:
        if own:
            raise bad("buildings", "", "own_needs_buildings")
        return ()
    if lookup is None:
        return tuple(listed)
    out = []
    for token in listed:
        found = lookup.by_reference(token)
        if found is None:
            raise bad("buildings", token, "not_a_building")
        out.append(found)
    if n:
        if btype not in ("SFH", "TH", "MFH", "AB", "NR") or not districts:
            raise bad("building_type", btype, "count_needs_type")
        chosen = lookup.by_count(districts, n, btype)
        if len(chosen) < n:
            raise bad("n_buildings", n, "too_few_buildings", found=len(chosen), type=btype)
        out.extend(chosen)
    return tuple(dict.fromkeys(out))


__all__ = ["CSV_COLUMNS", "MAX_TEXT", "REQUIRED", "ProjectList", "read_projects_csv"]

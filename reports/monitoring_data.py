"""The monitoring of one year, as filed: every measure's plan against its reported actuals (issue 19).

`build_monitoring_data` computes it from the warehouse, the portfolio and the model (ghgmodel.plan and
ghgmodel.progress, with the contributions of `reports.model.ModelService`) and returns a `ReportData`
(meta `kind` = "monitoring"), so it freezes, reads back and renders like the council's datasets; frozen
ones live in the portfolio's `monitoring_reports` (`freeze` and `load`). The page Fortschritt, the
command line and the PDF/XLSX report all read this one dataset. With `published_only` (the residents'
instance) only the reports the city released count, and who reported and the notes are left out.

Tables (units in the column names):
    measures   one row per measure in the report year: name, owner, type, status, years, its indicator,
               planned and actual to date, ratio_pct, light and reason, CO2e planned and of the actuals
               (t CO2e/a avoided, NaN where the scenario does not assume the measure), the delivery factor,
               whether it was capped at the reach, what is needed per year for the plan of 2030 and 2035, the
               pace so far, planned_/actual_ of every indicator it has, reports and whether any is illustrative
    history    per measure and year from its start: planned, actual, ratio, light, CO2e planned and actual
    previous   per measure: ratio, light and CO2e of the actuals one year earlier, from the frozen report of
               that year if there is one (`previous_source` = its id), else recomputed (`recomputed`)
    city       per year from the base year to the report year: baseline_t, plan_t, measures_planned_t,
               measures_actual_t, metered_correction_t, actual_t
    pathway_plan  per year to 2045: baseline_t and plan_t (the baseline minus every measure as planned)
    city_summary  one row: the city's ratio and light, counts of lights, targets and the trends needed
    districts  per statistischer Bezirk: CO2e planned and of the actuals of the local measures acting there (not
               the city-wide programmes, `is_citywide` in measures), ratio, light, counts of the lights
    district_shares  project_id, district_id, share: where each measure acts (ghgmodel.plan.calc_district_shares)
    plan       every measure's planned delivery per year and indicator (ghgmodel.plan)
    actuals    the reports counted (public: without reported_by and note)
    rule       the traffic light's thresholds (parameter, value, unit)
Map layers (GeoJSON, EPSG:4326): districts (with the district figures), measures (each reach with its
figures and a centroid for the CO2e circle).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from shapely.geometry import shape

import portfolio as pf
from ghgmodel import PathwayEngine, build_stock
from ghgmodel.baseline import DRIVERS
from ghgmodel.plan import calc_district_shares, calc_plan
from ghgmodel.progress import calc_district_progress, calc_metered_correction, calc_progress
from ghgmodel.scenario import FIRST_YEAR
from heatdb.map_queries import reach_geometry
from heatdb.queries import districts, geojson, has_table, meta, stock_for_model
from portfolio.actuals import actuals_hash, list_actuals
from portfolio.monitoring_reports import list_monitoring_reports, monitoring_report, save_monitoring_report
from reports.dataset import ReportData
from reports.model import model_code_version

KIND = "monitoring"
DEFAULT_SCENARIO = "wpg-2045"  # the monitoring's scenario unless chosen: it assumes every measure but ideas and stopped ones
# cached results carry the hash of this module: a dataset built by older code is never served
CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
# a measure acting in at least this share of the districts is a city-wide programme: the district map leaves it
# out (it would colour every district alike) and lists it beside the map
CITYWIDE_SHARE = 0.5
PUBLIC_DROPS = ("reported_by", "note")  # personal or internal: never on the residents' instance


class MonitoringError(LookupError):
    """A frozen monitoring report is missing or its stored numbers do not match their SHA-256."""


def default_report_year(portfolio, *, published_only: bool = False, today: date | None = None) -> int:
    """The latest year with a report; last year when there is none."""
    years = list_actuals(portfolio, published_only=published_only)["year"]
    return int(years.max()) if len(years) else (today or date.today()).year - 1


def monitoring_key(model, portfolio, sc, scenario_id: str, report_year: int, published_only: bool) -> str:
    """The cache key of a monitoring dataset: everything it depends on (this code, data, parameters, portfolio and
    scenario through the model's key, the reports filed and which of them are counted)."""
    filed = actuals_hash(portfolio, published_only=published_only)
    return f"{CODE_VERSION}|{model.key(sc)}|{scenario_id}|{int(report_year)}|{published_only}|{filed}"


def monitoring_data(model, warehouse, portfolio, sc, scenario_id: str, report_year: int, published_only: bool) -> ReportData:
    """build_monitoring_data, cached with the model's results (the page and `python -m reports precompute` share it)."""

    def compute():
        return build_monitoring_data(
            warehouse, portfolio, sc, model=model, scenario_id=scenario_id, report_year=report_year, published_only=published_only
        )

    key = monitoring_key(model, portfolio, sc, scenario_id, report_year, published_only)
    return model.cache.get_or_compute("monitoring_data", key, compute)


def _metered(model, warehouse, sc) -> pd.Series:
    """t CO2e/a per year where metered consumption of that year replaces the modelled value (ghgmodel.progress)."""
    if not has_table(warehouse, "metered_building"):
        return pd.Series(dtype=float)
    metered = warehouse.execute(
        "SELECT building_id, year FROM metered_building WHERE applied AND year > ? ORDER BY year, building_id", [FIRST_YEAR]
    ).df()
    if metered.empty:
        return pd.Series(dtype=float)
    members = {f"__metered_{int(y)}": set(g["building_id"]) for y, g in metered.groupby("year")}
    key = hashlib.sha256(repr(sorted((k, sorted(v)) for k, v in members.items())).encode()).hexdigest()[:12]

    def compute():
        buildings, networks, plants = stock_for_model(warehouse)
        return build_stock(buildings, model.params, networks=networks, plants=plants, member_projects=members, demand_basis=sc.demand_basis)

    stock = model.cache.get_or_compute(
        "stock_metered", f"{model.data_version()}|{model_code_version()}|{model.params_hash()}|{key}", compute
    )
    # against the baseline (every driver, no measure): the measures' share is credited by their reports
    engine = PathwayEngine(stock, sc, model.params, ())
    run = engine.run(np.zeros(0, dtype=bool), drivers=DRIVERS, unbacked=(), detail=True)
    codes = stock.groups["member_code"].to_numpy()
    covered = {int(k.split("_")[-1]): np.array([k in stock.member_sets[c] for c in codes]) for k in members}
    return calc_metered_correction(engine, run, covered)


def monitoring_tables(model, warehouse, portfolio, sc, *, report_year: int, published_only: bool = False) -> dict:
    """The model's side of the monitoring (cached with the model's results): plan, progress, city, districts."""
    actuals = list_actuals(portfolio, published_only=published_only)
    key = monitoring_key(model, portfolio, sc, "", report_year, published_only)  # the tables do not depend on the label

    def compute():
        projects = model.projects()
        stock = model.stock(projects, sc.demand_basis)
        engine = PathwayEngine(stock, sc, model.params, projects)
        plan = calc_plan(engine)
        c = model.contributions(sc)
        by = c["by_year"]
        attributed = by[by["variant"] == "central"][["project_id", "year", "attributed_t"]]
        total = c["total"][c["total"]["variant"] == "central"][["year", "baseline_t", "reduction_t"]]
        targets = model.gaps(sc)[["year", "target_t"]]
        metered = _metered(model, warehouse, sc)
        progress = calc_progress(
            projects,
            plan,
            actuals,
            report_year=report_year,
            params=model.params,
            attributed=attributed,
            total=total,
            targets=targets,
            metered=metered,
        )
        shares = calc_district_shares(engine)
        spread = shares.groupby("project_id")["district_id"].nunique()
        citywide = sorted(spread[spread >= CITYWIDE_SHARE * len(engine.districts)].index)
        local = progress.summary[~progress.summary["project_id"].isin(citywide)]
        district = calc_district_progress(shares, local, model.params)
        pathway = pd.DataFrame(
            {"year": total["year"], "baseline_t": total["baseline_t"], "plan_t": total["baseline_t"] - total["reduction_t"]}
        )
        return {
            "pathway_plan": pathway.reset_index(drop=True),
            "plan": plan,
            "history": progress.history,
            "summary": progress.summary,
            "city": progress.city,
            "city_summary": progress.city_summary,
            "districts": district,
            "district_shares": shares,
            "citywide": citywide,
            "in_scenario": sorted(p.project_id for p in projects if sc.selects(p)),
        }

    return model.cache.get_or_compute("monitoring", key, compute)


MEASURE_INFO = ["project_id", "name", "owner", "project_type", "status", "start_year", "end_year", "capex_eur", "funding_eur"]


def _measures(summary: pd.DataFrame, projects: pd.DataFrame, actuals: pd.DataFrame, in_scenario) -> pd.DataFrame:
    info = projects[[c for c in MEASURE_INFO if c in projects]]
    out = info.merge(summary, on="project_id", how="left")
    reports = actuals.groupby("project_id").agg(
        n_reports=("year", "count"), last_reported_at=("reported_at", "max"), has_illustrative=("is_illustrative", "any")
    )
    out = out.merge(reports, left_on="project_id", right_index=True, how="left")
    out["n_reports"] = out["n_reports"].fillna(0).astype(int)
    out["has_illustrative"] = out["has_illustrative"].astype("boolean").fillna(False).astype(bool)
    out["last_reported_at"] = out["last_reported_at"].astype(str).replace({"NaT": "", "nan": "", "None": ""}).str[:10]
    out["in_scenario"] = out["project_id"].isin(in_scenario)
    order = {"red": 0, "yellow": 1, "green": 2, "none": 3}
    return out.sort_values(
        ["light", "co2_planned_t"], key=lambda s: s.map(order) if s.name == "light" else -s.fillna(0), kind="stable"
    ).reset_index(drop=True)


def _previous(portfolio, history: pd.DataFrame, report_year: int) -> tuple[pd.DataFrame, str]:
    """Last year's figures: from the newest frozen report of that year, else recomputed from today's reports."""
    cols = ["project_id", "ratio_pct", "light", "co2_actual_t"]
    frozen = list_monitoring_reports(portfolio)
    frozen = frozen[frozen["report_year"] == report_year - 1]
    if len(frozen):
        rid = str(frozen.iloc[0]["report_id"])
        try:
            return load(portfolio, rid).table("measures")[cols].reset_index(drop=True), rid
        except MonitoringError:
            pass
    last = history[history["year"] == report_year - 1]
    return last[cols].reset_index(drop=True), "recomputed"


def _layers(warehouse, measures: pd.DataFrame, district_table: pd.DataFrame, projects) -> dict:
    layers = {
        "districts": geojson(
            warehouse,
            "SELECT district_id, code, name, ST_SimplifyPreserveTopology(geometry, 2e-5) AS geometry FROM districts WHERE level = 'statbez' ORDER BY code",
        )
    }
    figures = district_table.set_index("district_id")
    for f in layers["districts"]["features"]:
        rec = figures.loc[f["properties"]["district_id"]].to_dict() if f["properties"]["district_id"] in figures.index else {}
        f["properties"].update({k: _json(v) for k, v in rec.items()})
    by_id = measures.set_index("project_id")
    features = []
    for p in projects:
        geom, area_ha = reach_geometry(warehouse, p.district_ids, p.expansion_area_ids, p.network_id or "")
        if geom is None or p.project_id not in by_id.index:
            continue
        rec = by_id.loc[p.project_id]
        c = shape(geom).representative_point()
        props = {
            k: _json(rec.get(k))
            for k in (
                "name",
                "owner",
                "project_type",
                "status",
                "indicator",
                "planned",
                "actual",
                "ratio_pct",
                "light",
                "reason",
                "co2_planned_t",
                "co2_actual_t",
            )
        }
        props.update({"project_id": p.project_id, "area_ha": area_ha, "lon": c.x, "lat": c.y, "is_citywide": bool(rec.get("is_citywide"))})
        features.append({"type": "Feature", "geometry": geom, "properties": props})
    layers["measures"] = {"type": "FeatureCollection", "features": features}
    return layers


def _json(v):
    if isinstance(v, np.generic):
        v = v.item()
    return None if isinstance(v, float) and not np.isfinite(v) else v


def build_monitoring_data(
    warehouse, portfolio, sc, *, model, scenario_id: str = "", report_year: int | None = None, published_only: bool = False, title: str = ""
) -> ReportData:
    """The monitoring of `report_year` (default: the latest year reported) for scenario `sc`'s contributions."""
    report_year = int(report_year or default_report_year(portfolio, published_only=published_only))
    actuals = list_actuals(portfolio, published_only=published_only)
    actuals = actuals[actuals["year"] <= report_year].reset_index(drop=True)
    m = monitoring_tables(model, warehouse, portfolio, sc, report_year=report_year, published_only=published_only)
    projects_table = pf.list_projects(portfolio)
    measures = _measures(m["summary"], projects_table, actuals, m["in_scenario"])
    previous, previous_source = _previous(portfolio, m["history"], report_year)
    names = districts(warehouse, "statbez")[["district_id", "code", "name"]]
    district_table = names.merge(m["districts"], on="district_id", how="left").reset_index(drop=True)
    district_table["light"] = district_table["light"].astype(object).fillna("none")
    for col in ("n_measures", "n_green", "n_yellow", "n_red", "n_none"):
        district_table[col] = district_table[col].fillna(0).astype(int)
    measures["is_citywide"] = measures["project_id"].isin(m["citywide"])
    shown = actuals.drop(columns=["logged_at", *(PUBLIC_DROPS if published_only else ())], errors="ignore")
    shown["reported_at"] = shown["reported_at"].astype(str).str[:10]
    green, yellow = model.params.value("monitoring.green_min_pct"), model.params.value("monitoring.yellow_min_pct")
    tables = {
        "measures": measures,
        "history": m["history"].reset_index(drop=True),
        "previous": previous,
        "city": m["city"].reset_index(drop=True),
        "pathway_plan": m["pathway_plan"],
        "city_summary": pd.DataFrame([m["city_summary"]]),
        "districts": district_table,
        "district_shares": m["district_shares"].reset_index(drop=True),
        "plan": m["plan"][m["plan"]["year"] <= 2045].reset_index(drop=True),
        "actuals": shown.reset_index(drop=True),
        "rule": pd.DataFrame(
            {"parameter": ["monitoring.green_min_pct", "monitoring.yellow_min_pct"], "value": [green, yellow], "unit": ["%", "%"]}
        ),
    }
    info = meta(warehouse)
    report_meta = {
        "kind": KIND,
        "title": title or "",
        "report_year": report_year,
        "base_year": FIRST_YEAR,
        "scenario_id": scenario_id,
        "scenario_name": sc.name,
        "scenario_json": sc.to_json(),
        "city_name": info.get("city_name", ""),
        "data_version": info.get("data_version", ""),
        "params_hash": model.params_hash(),
        "portfolio_hash": pf.portfolio_hash(portfolio),
        "actuals_hash": actuals_hash(portfolio, published_only=published_only),
        "published_only": published_only,
        "computed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "snapshot_id": "",
        "previous_source": previous_source,
        "green_min_pct": green,
        "yellow_min_pct": yellow,
        "has_illustrative": bool(actuals["is_illustrative"].fillna(False).astype(bool).any()) if len(actuals) else False,
        "n_reports": int(len(actuals)),
    }
    return ReportData(meta=report_meta, tables=tables, layers=_layers(warehouse, measures, district_table, pf.projects(portfolio)))


def freeze(portfolio, data: ReportData, *, title: str = "") -> str:
    """Store a monitoring dataset as a frozen report; returns its id."""
    m = data.meta
    text = data.with_meta(title=title or m.get("title", ""), snapshot_id="").to_json()
    return save_monitoring_report(
        portfolio,
        report_year=int(m["report_year"]),
        name=title or m.get("title") or f"Monitoring {m['report_year']}",
        scenario_id=m.get("scenario_id", ""),
        data_version=m.get("data_version", ""),
        params_hash=m.get("params_hash", ""),
        portfolio_hash=m.get("portfolio_hash", ""),
        actuals_hash=m.get("actuals_hash", ""),
        report_json=text,
    )


def load(portfolio, report_id: str) -> ReportData:
    """A frozen monitoring report, checked against its SHA-256, with snapshot_id, frozen_at and is_published in its meta."""
    rec = monitoring_report(portfolio, report_id)
    if rec is None:
        raise MonitoringError(f"no monitoring report {report_id!r}; the page Fortschritt lists them")
    text = rec["report_json"]
    sha = hashlib.sha256(text.encode()).hexdigest()
    if sha != rec["report_sha256"]:
        raise MonitoringError(
            f"monitoring report {report_id!r}: the stored numbers do not match their SHA-256; the file was changed outside the app."
        )
    data = ReportData.from_json(text)
    return data.with_meta(
        snapshot_id=report_id,
        frozen_at=str(rec["created_at"]),
        is_published=bool(rec["is_published"]),
        report_sha256=sha,
        title=rec["name"],
    )


def listing(portfolio, *, published_only: bool = False) -> pd.DataFrame:
    return list_monitoring_reports(portfolio, published_only=published_only)


__all__ = ["KIND", "MonitoringError", "build_monitoring_data", "default_report_year", "freeze", "listing", "load", "monitoring_tables"]

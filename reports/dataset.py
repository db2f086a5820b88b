"""The numbers of one scenario, as filed: every table and map layer a report or a presentation shows.

`build_report_data` computes them from the warehouse, the portfolio and the model, the same way the
app's pages do: both use one `reports.model.ModelService` (the app with its process-wide cache, the
command line with one of its own). A frozen snapshot stores the
whole `ReportData` as JSON, so a report from a snapshot shows exactly the numbers frozen, months later,
whatever the warehouse or the default parameters have become since.

Tables (pandas DataFrames, units in the column names):
    pathway            year, co2e_t (central), co2e_low_t, co2e_high_t, final_energy_mwh, useful_heat_mwh
    targets            year, target, target_t, pathway_t, gap_t   (the 2030 and 2035 city targets)
    contributions      one row per measure: attributed and standalone t CO2e/a avoided in 2030 and 2035 against
                       the baseline, with range, cumulative t to 2045, abatement cost (EUR/t, annuity method,
                       NaN where no cost or no reduction, with the reason), method; with name, owner, type,
                       status, years, investment and funding
    by_owner           owner, attributed_2030_t, attributed_2035_t, capex_eur, funding_eur
    waterfall          year, step, key, label, value_t: start 2024 (level), each baseline driver, each measure,
                       each unbacked lever (changes, negative for a reduction), result, target (levels), gap
    explain            connection measures: year, extra heat delivered, the counterfactual's and the network's
                       g CO2e per kWh of that heat
    networks           per network and year: heat fed in, delivered, losses, pumping, clean / unbacked /
                       residual heat, factor, renewable or waste-heat share with and without the unbacked part,
                       the WPG duty and whether it is met
    network_sources    per network, year and source: heat, factor, t CO2e
    districts          one row per statistischer Bezirk: key figures of the warehouse and the pathway's CO2e
    by_carrier         year, energy_carrier, final_energy_mwh, co2e_t
    indicators         WPG Anlage 2 III indicators for 2030, 2035, 2040, 2045 (long form, with their number)
    city_balance       year, sector (residential | non_residential | dh_other), carrier, final_energy_mwh, co2e_t,
                       floor_area_m2 (the calibrated balance of every year, all sectors)
    reconciliation     figure, unit, model, published, deviation_pct, band_pct, explanation, source: the model's
                       base year against the city's published figures (`reconciliation_table`)
    levers             the scenario's inputs, one row each
    parameters         the parameter table used (key, value, unit, kind, source, …)
    sources            data sources with licence and attribution
Map layers (GeoJSON FeatureCollections, EPSG:4326): districts, dh_areas, expansion, supply_areas, projects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd

import portfolio as pf
from ghgmodel import Scenario
from heatdb.map_queries import reach_geometry
from heatdb.queries import data_sources, districts, geojson, meta

REPORT_YEARS = (2030, 2035, 2040, 2045)
TARGET_YEARS = (2030, 2035)
DISTRICT_YEARS = (2024, 2030, 2035, 2045)
FORMAT_VERSION = 1


@dataclass(frozen=True, kw_only=True)
class ReportData:
    """Everything a report shows. `meta` says what it is: scenario, snapshot id, data version, hashes."""

    meta: dict
    tables: dict[str, pd.DataFrame]
    layers: dict[str, dict] = field(default_factory=dict)

    @property
    def is_snapshot(self) -> bool:
        return bool(self.meta.get("snapshot_id"))

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def to_json(self) -> str:
        """JSON that reads back bit for bit: floats as Python writes them (shortest exact repr), dtypes kept."""
        tables = {name: _frame_to_json(df) for name, df in self.tables.items()}
        return json.dumps(
            {"format_version": FORMAT_VERSION, "meta": self.meta, "tables": tables, "layers": self.layers},
            ensure_ascii=False,
            default=_plain,
        )

    @classmethod
    def from_json(cls, text: str) -> ReportData:
        data = json.loads(text)
        tables = {name: _frame_from_json(spec) for name, spec in data["tables"].items()}
        return cls(meta=data["meta"], tables=tables, layers=data.get("layers", {}))

    def with_meta(self, **extra) -> ReportData:
        return ReportData(meta={**self.meta, **extra}, tables=self.tables, layers=self.layers)


def _plain(value):
    """numpy scalars and timestamps as JSON values."""
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def _frame_to_json(df: pd.DataFrame) -> dict:
    columns = [str(c) for c in df.columns]
    rows = [
        [_plain(v) if isinstance(v, np.generic) else (None if v is pd.NA or v is pd.NaT else v) for v in rec]
        for rec in df.itertuples(index=False, name=None)
    ]
    return {"columns": columns, "dtypes": [str(t) for t in df.dtypes], "data": rows}


def _frame_from_json(spec: dict) -> pd.DataFrame:
    frame = pd.DataFrame(spec["data"], columns=spec["columns"])
    for column, dtype in zip(spec["columns"], spec.get("dtypes", [])):
        if dtype in ("str", "string"):
            continue
        if dtype == "object":
            frame[column] = frame[column].astype(object)
            continue
        try:
            frame[column] = frame[column].astype(dtype)
        except (TypeError, ValueError):
            pass  # e.g. timestamps kept as text
    return frame


def resolve_scenario(portfolio, name: str) -> tuple[str, Scenario]:
    """A saved scenario by id or by name (case-insensitive); raises KeyError naming the choices."""
    listed = pf.list_scenarios(portfolio)
    for sid, sname in zip(listed["scenario_id"], listed["name"]):
        if name in (sid, sname) or name.casefold() == str(sname).casefold():
            return sid, pf.scenario(portfolio, sid)
    choices = ", ".join(f"{i} ({n})" for i, n in zip(listed["scenario_id"], listed["name"]))
    raise KeyError(f"no scenario {name!r}; saved scenarios: {choices}")


def _pathway_table(model, sc: Scenario) -> pd.DataFrame:
    central = model.pathway(sc)["totals"]
    band = model.band(sc)
    return pd.DataFrame(
        {
            "year": central.index.astype(int),
            "co2e_t": central["co2e_t"].to_numpy(),
            "co2e_low_t": band["low"].to_numpy(),
            "co2e_high_t": band["high"].to_numpy(),
            "final_energy_mwh": central["final_energy_mwh"].to_numpy(),
            "useful_heat_mwh": central["useful_heat_mwh"].to_numpy(),
        }
    )


CONTRIB_INFO = ["project_id", "name", "owner", "project_type", "status", "start_year", "end_year", "capex_eur", "funding_eur"]


def _contribution_tables(model, sc: Scenario, projects: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    c = model.contributions(sc)
    info = projects[[col for col in CONTRIB_INFO if col in projects]]
    summary = c["summary"]
    contrib = info.merge(summary, on="project_id", how="inner") if not summary.empty else info.iloc[0:0]
    if not contrib.empty:
        contrib = contrib.sort_values("attributed_2035_t", ascending=False, kind="stable").reset_index(drop=True)
    owner_cols = ["attributed_2030_t", "attributed_2035_t", "capex_eur", "funding_eur"]
    by_owner = (
        contrib.groupby("owner", as_index=False)[owner_cols]
        .sum()
        .sort_values("attributed_2035_t", ascending=False, kind="stable")
        .reset_index(drop=True)
        if not contrib.empty
        else pd.DataFrame(columns=["owner", *owner_cols])
    )
    names = dict(zip(projects["project_id"], projects["name"]))
    steps = model.decomposition(sc)["steps"]
    rows = []
    for rec in steps.itertuples():
        step = {"end": "result"}.get(rec.kind, rec.kind)
        value = rec.value_t if rec.kind in ("start", "end", "target") else rec.delta_t
        label = names.get(rec.key, rec.key) if rec.kind == "measure" else (rec.key or str(rec.to_year))
        rows.append({"year": int(rec.to_year), "step": step, "key": rec.key, "label": label, "value_t": float(value)})
    waterfall = pd.DataFrame(rows, columns=["year", "step", "key", "label", "value_t"])
    explain = c["explain"].reset_index(drop=True)
    return contrib, by_owner, waterfall, explain


def _district_table(warehouse, model, sc: Scenario) -> pd.DataFrame:
    base = districts(warehouse, "statbez")
    parents = districts(warehouse, "stadtbezirk").set_index("district_id")["name"]
    out = pd.DataFrame(
        {
            "district_id": base["district_id"],
            "code": base["code"],
            "name": base["name"],
            "stadtbezirk": base["parent_id"].map(parents),
            "n_buildings": base["n_buildings"],
            "heat_demand_mwh_per_year": base["heat_demand_mwh_per_year"],
            "heat_density_mwh_per_ha_year": base["heat_density_mwh_per_ha_year"],
            "dh_share_pct": base["dh_share_pct"],
            "hp_share_pct": base["hp_share_pct"],
            "gas_share_pct": base["gas_share_pct"],
            "supply_area_type": base["supply_area_type"],
            "grade_heat_network": base.get("grade_heat_network"),
            "grade_decentral": base.get("grade_decentral"),
            "first_expansion_year": base["first_expansion_year"],
        }
    )
    by = model.pathway(sc)["by_district"]
    co2 = by[by["year"].isin(DISTRICT_YEARS)].groupby(["district_id", "year"])["co2e_t"].sum().unstack("year")
    for year in DISTRICT_YEARS:
        out[f"co2e_{year}_t"] = out["district_id"].map(co2[year]) if year in co2 else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        out["change_2024_2035_pct"] = np.where(out["co2e_2024_t"] > 0, 100.0 * (out["co2e_2035_t"] / out["co2e_2024_t"] - 1.0), np.nan)
    return out


def city_balance_table(by_district: pd.DataFrame) -> pd.DataFrame:
    """The city balance per year, sector and carrier from a pathway's by_district table."""
    cols = ["final_energy_mwh", "co2e_t", "floor_area_m2"]
    frame = by_district.assign(floor_area_m2=by_district.get("floor_area_m2", 0.0))
    out = frame.groupby(["year", "sector", "energy_carrier"], as_index=False)[cols].sum()
    return out.rename(columns={"energy_carrier": "carrier"})[["year", "sector", "carrier", *cols]]


# figure -> (unit, explanation key, band in % the deviation must stay inside; tests pin it)
RECONCILIATION = {
    "ghg_total": ("kt CO2e/a", 70.0),
    "ghg_heat": ("kt CO2e/a", 40.0),
    "dh_fed_in": ("GWh/a", 80.0),
    "dh_connections": ("connections", 50.0),
    "dwellings": ("dwellings", 5.0),
    "living_area": ("Mio. m2", 5.0),
    "class_e_or_better": ("%", 60.0),
    "residential_kwh_per_m2": ("kWh/(m2 a)", 15.0),
}


def reconciliation_table(warehouse, pathway: dict, params) -> pd.DataFrame:
    """The model's base year against the city's published figures, each deviation with its band and reason.

    figure (a code; the app and the reports name it from locales `recon_<figure>`), unit, model,
    published, deviation_pct (model / published - 1, %), band_pct (the deviation the tests allow),
    explanation (a code `recon_<figure>_why`), source (where the published figure comes from).
    """
    from heatdb.queries import calibration_counts

    c = calibration_counts(warehouse, 1.0)
    by = pathway["by_district"]
    base = by[by["year"] == by["year"].min()]
    heat_t = float(base["co2e_t"].sum())
    nets = pathway["networks"]
    n0 = nets[nets["year"] == nets["year"].min()]
    modelled_dh = float((n0["delivered_residential_mwh"] + n0.get("delivered_non_residential_mwh", 0.0)).sum())
    loss = params.value("dh.network_loss_share")
    total_2022 = params.value("city.ghg_t_per_year", 2022)
    # the published total covers all sectors (transport, industry, electricity); the model's heat is only a part
    model = {
        "ghg_total": heat_t / 1000.0,
        "ghg_heat": heat_t / 1000.0,
        "dh_fed_in": modelled_dh / (1 - loss) / 1000.0,
        "dh_connections": c["n_dh_buildings"] + c["n_dh_nonres"],
        "dwellings": c["n_dwellings"],
        "living_area": c["living_area_m2"] / 1e6,
        "class_e_or_better": c["class_e_share_pct"],
        "residential_kwh_per_m2": c["residential_final_mwh"] * 1000.0 / c["living_area_m2"] if c["living_area_m2"] else float("nan"),
    }
    published = {
        "ghg_total": total_2022 / 1000.0,
        "ghg_heat": total_2022 * params.value("recon.heat_share_of_energy_ghg") * params.value("recon.energy_share_of_ghg") / 1000.0,
        "dh_fed_in": params.value("dh.fed_in_gwh_per_year"),
        "dh_connections": params.value("recon.dh_connections"),
        "dwellings": params.value("recon.dwellings_official"),
        "living_area": params.value("recon.living_area_official_m2") / 1e6,
        "class_e_or_better": params.value("recon.class_e_or_better_pct"),
        "residential_kwh_per_m2": params.value("recon.household_heat_kwh_per_m2"),
    }
    sources = {
        "ghg_total": "Stadt Dortmund, THG-Bilanz 2022 (city.ghg_t_per_year)",
        "ghg_heat": "Stadt Dortmund: Wärme etwa die Hälfte der energiebedingten Emissionen (recon.heat_share_of_energy_ghg)",
        "dh_fed_in": "Fernwärmeatlas, Zeile Dortmund (dh.fed_in_gwh_per_year)",
        "dh_connections": "Fernwärmeatlas, Zeile Dortmund (recon.dh_connections)",
        "dwellings": "IT.NRW Fortschreibung 31.12.2023 (recon.dwellings_official)",
        "living_area": "IT.NRW Fortschreibung 31.12.2023 (recon.living_area_official_m2)",
        "class_e_or_better": "Stadt Dortmund, Energienutzungsplan 2024 (recon.class_e_or_better_pct)",
        "residential_kwh_per_m2": "Sunikka-Blank & Galvin 2012 / TABULA (recon.household_heat_kwh_per_m2)",
    }
    rows = []
    for fig, (unit, band) in RECONCILIATION.items():
        m, p = float(model[fig]), float(published[fig])
        dev = 100.0 * (m / p - 1.0) if p else float("nan")
        rows.append(
            {
                "figure": fig,
                "unit": unit,
                "model": m,
                "published": p,
                "deviation_pct": dev,
                "band_pct": band,
                "explanation": f"recon_{fig}_why",
                "source": sources[fig],
            }
        )
    return pd.DataFrame(rows)


def _levers(sc: Scenario) -> pd.DataFrame:
    rows = []
    for key, value in sc.to_dict().items():
        if isinstance(value, dict) and value and all(isinstance(v, (int, float)) for v in value.values()):
            text = ", ".join(f"{y}: {v:g}" for y, v in value.items())
        elif isinstance(value, (dict, list, tuple)):
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = "" if value is None else str(value)
        rows.append({"lever": key, "value": text})
    return pd.DataFrame(rows)


def _layers(warehouse, projects: list) -> dict:
    layers = {
        "districts": geojson(
            warehouse,
            """SELECT d.district_id, d.code, d.name, a.n_buildings, a.heat_demand_mwh_per_year, a.co2e_t_per_year, a.heat_density_mwh_per_ha_year,
                      a.dh_share_pct, a.hp_share_pct, a.supply_area_type, ST_SimplifyPreserveTopology(d.geometry, 2e-5) AS geometry
               FROM districts d JOIN agg_district a USING (district_id) WHERE d.level = 'statbez' ORDER BY d.code""",
        ),
        "dh_areas": geojson(
            warehouse, "SELECT dh_area_id, name, network_id, area_ha, is_proxy, geometry FROM dh_areas ORDER BY dh_area_id"
        ),
        "expansion": geojson(
            warehouse,
            """SELECT expansion_area_id, name, network_id, year_planned, status, area_ha, heat_density_mwh_per_ha_year, is_illustrative, geometry
               FROM dh_expansion ORDER BY year_planned, expansion_area_id""",
        ),
        # proposed WPG supply areas: the 100 m cells with buildings, dissolved per class
        "supply_areas": geojson(
            warehouse,
            """SELECT c.supply_area_type, count(*) AS n_cells, sum(c.n_buildings) AS n_buildings,
                      ST_SimplifyPreserveTopology(ST_Union_Agg(g.geometry), 1e-5) AS geometry
               FROM agg_cell c JOIN grid_cells g USING (cell_id)
               WHERE c.n_buildings > 0 AND c.supply_area_type IS NOT NULL GROUP BY c.supply_area_type ORDER BY c.supply_area_type""",
        ),
    }
    features = []
    for p in projects:
        geom, area_ha = reach_geometry(warehouse, p.district_ids, p.expansion_area_ids, p.network_id or "")
        if geom is not None:
            props = {
                "project_id": p.project_id,
                "name": p.name,
                "owner": p.owner,
                "project_type": p.project_type,
                "status": p.status,
                "start_year": p.start_year,
                "end_year": p.end_year,
                "area_ha": area_ha,
            }
            features.append({"type": "Feature", "geometry": geom, "properties": props})
    layers["projects"] = {"type": "FeatureCollection", "features": features}
    return layers


def _named_networks(warehouse, networks: pd.DataFrame) -> pd.DataFrame:
    """The networks' table with each network's name from the warehouse (`network_name`; the id where it has none, e.g.
    the model's generic network of expansion areas without one), so a committee reads names, not codes."""
    out = networks.reset_index(drop=True)
    names = dict(warehouse.execute("SELECT network_id, name FROM dh_networks").fetchall())
    out.insert(1, "network_name", [names.get(n) or n for n in out["network_id"]])
    return out


def build_report_data(warehouse, portfolio, sc: Scenario, *, model, scenario_id: str = "", title: str = "") -> ReportData:
    """All numbers of scenario `sc` for a report, computed with `model` (a reports.model.ModelService)."""
    params = model.params
    projects_table = pf.list_projects(portfolio)
    chosen = [p for p in pf.projects(portfolio) if sc.selects(p)]
    contrib, by_owner, waterfall, explain = _contribution_tables(model, sc, projects_table)
    pathway = model.pathway(sc)
    indicators = pathway["indicators"]
    indicators = indicators[indicators["year"].isin(REPORT_YEARS)].reset_index(drop=True)
    by_carrier = pathway["by_district"].groupby(["year", "energy_carrier"], as_index=False)[["final_energy_mwh", "co2e_t"]].sum()
    ptable = params.table.drop(columns=["row"], errors="ignore")
    tables = {
        "pathway": _pathway_table(model, sc),
        "targets": model.gaps(sc).reset_index(drop=True),
        "contributions": contrib,
        "by_owner": by_owner,
        "waterfall": waterfall,
        "explain": explain,
        "networks": _named_networks(warehouse, pathway["networks"]),
        "network_sources": pathway["network_sources"].reset_index(drop=True),
        "districts": _district_table(warehouse, model, sc),
        "by_carrier": by_carrier,
        "indicators": indicators,
        "city_balance": city_balance_table(pathway["by_district"]),
        "reconciliation": reconciliation_table(warehouse, pathway, params),
        "levers": _levers(sc),
        "parameters": ptable.reset_index(drop=True),
        "sources": data_sources(warehouse).reset_index(drop=True),
    }
    info = meta(warehouse)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    report_meta = {
        "title": title or sc.name,
        "scenario_id": scenario_id,
        "scenario_name": sc.name,
        "scenario_description": sc.description,
        "scenario_json": sc.to_json(),
        "factor_set": sc.factor_set,
        "city_name": info.get("city_name", ""),
        # the city row's code: the municipality key (AGS) for the XWärmeplan export
        "city_ags": str((warehouse.execute("SELECT code FROM districts WHERE level = 'city' LIMIT 1").fetchone() or [""])[0] or ""),
        "data_version": info.get("data_version", ""),
        "built_at": info.get("built_at", ""),
        "params_hash": model.params_hash(),
        "portfolio_hash": pf.portfolio_hash(portfolio),
        "projects_json": json.dumps([p.to_dict() for p in chosen], ensure_ascii=False),
        "computed_at": now,
        "snapshot_id": "",
        "n_assumptions": int((ptable["kind"] == "assumption").sum()) if "kind" in ptable else 0,
        "has_synthetic_data": bool(tables["sources"]["is_synthetic"].any()) if "is_synthetic" in tables["sources"] else False,
    }
    return ReportData(meta=report_meta, tables=tables, layers=_layers(warehouse, chosen))


__all__ = [
    "DISTRICT_YEARS",
    "REPORT_YEARS",
    "TARGET_YEARS",
    "ReportData",
    "build_report_data",
    "city_balance_table",
    "reconciliation_table",
    "resolve_scenario",
]

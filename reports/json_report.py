"""The machine-readable report: the dataset behind every page and report of a scenario or snapshot, as JSON.

    python -m reports json (--scenario ID | --snapshot ID) --out FILE.json

Schema `waermewende-report/1` (SCHEMA below, checked by tests/reports/test_json_report.py):

- `scenario` {id, name, description}; `meta` {city_name, data_version, params_hash, portfolio_hash,
  snapshot_id, computed_at, factor_set}
- `pathway` [{year, variant (low|central|high), co2e_t}]: low and high are the envelope of the three
  variants, so low <= central <= high in every year
- `targets` [{year, target, co2e_t}]: fixed numbers (the city's targets applied to the base year)
- `decomposition` [{from_year, to_year, start_t, drivers [{driver, delta_t}], measures [{project_id,
  delta_t}], unbacked [{lever, delta_t}], unbacked_t, end_t, target_t, gap_t}] for 2030 and 2035:
  start_t + sum of every delta_t = end_t, gap_t = end_t - target_t; delta_t is the change in t CO2e/a,
  negative for a reduction
- `projects` [{project_id, name, owner, type, status, start_year, end_year, capex_eur, funding_eur,
  attributed_t {"2030", "2035"} (t CO2e/a avoided against the baseline, positive for a reduction),
  attributed_range_t {"2030": [low, high], "2035": [...]}, cumulative_t (to 2045),
  abatement_cost_eur_per_t (null where there is no cost figure or no reduction), abatement_note
  ("" | "no_cost" | "no_reduction" | "before_base_year")}]
- `networks` [{network_id, year, heat_fed_in_mwh, delivered_residential_mwh, delivered_other_mwh,
  losses_mwh, pumping_el_mwh, ef_g_per_kwh (per kWh delivered), renewable_or_waste_heat_share_pct,
  backed_share_pct (without the scenario's unbacked heat), duty_share_pct (WPG 29/30/31), duty_met,
  duty_met_backed}]
- `city_balance` [{year, sector (residential|non_residential|dh_other), carrier, final_energy_mwh, co2e_t,
  floor_area_m2}]: the calibrated balance of every year (dh_other: the networks' customers the stock does
  not hold, what the Fernwärmeatlas base leaves)
- `wpg_indicators` [{year, number (1..8), indicator, carrier, sector, value, unit}]: WPG Anlage 2 III for
  2030/2035/2040/2045 in the law's words; heat networks (3, 4, 5) and gas networks (6, 7) apart
- `supply_areas` [{district_id, name, area_type, grade_heat_network, grade_decentral}]: the proposal per
  statistischer Bezirk in the WPG's words (area_type: Wärmenetzgebiet, Gebiet für die dezentrale
  Wärmeversorgung, Prüfgebiet; grades of § 19 (2)); a screening proposal, not a designation
- `reconciliation` [{figure, unit, model, published, deviation_pct, band_pct, source}]
"""

from __future__ import annotations

import json
import math

SCHEMA_ID = "waermewende-report/1"
# WPG § 3 (1) names of the area types, § 19 (2) grades (as ghgmodel.supply writes them)
AREA_TYPE_WORDS = {
    "waermenetzgebiet": "Wärmenetzgebiet",
    "wasserstoffnetzgebiet": "Wasserstoffnetzgebiet",
    "dezentral": "Gebiet für die dezentrale Wärmeversorgung",
    "pruefgebiet": "Prüfgebiet",
}
GRADES = ("sehr wahrscheinlich geeignet", "wahrscheinlich geeignet", "wahrscheinlich ungeeignet", "sehr wahrscheinlich ungeeignet")
_NUM = {"type": "number"}
_NUM_OR_NULL = {"type": ["number", "null"]}
_STR = {"type": "string"}


def _obj(props: dict, required=None) -> dict:
    return {"type": "object", "properties": props, "required": list(required or props), "additionalProperties": True}


def _arr(item: dict) -> dict:
    return {"type": "array", "items": item}


SCHEMA = _obj(
    {
        "schema": {"const": SCHEMA_ID},
        "scenario": _obj({"id": _STR, "name": _STR, "description": _STR}),
        "meta": _obj({"city_name": _STR, "data_version": _STR, "params_hash": _STR, "portfolio_hash": _STR, "snapshot_id": _STR}),
        "pathway": _arr(_obj({"year": {"type": "integer"}, "variant": {"enum": ["low", "central", "high"]}, "co2e_t": _NUM})),
        "targets": _arr(_obj({"year": {"type": "integer"}, "target": _STR, "co2e_t": _NUM})),
        "decomposition": _arr(
            _obj(
                {
                    "from_year": {"type": "integer"},
                    "to_year": {"type": "integer"},
                    "start_t": _NUM,
                    "drivers": _arr(_obj({"driver": _STR, "delta_t": _NUM})),
                    "measures": _arr(_obj({"project_id": _STR, "delta_t": _NUM})),
                    "unbacked": _arr(_obj({"lever": _STR, "delta_t": _NUM})),
                    "unbacked_t": _NUM,
                    "end_t": _NUM,
                    "target_t": _NUM,
                    "gap_t": _NUM,
                }
            )
        ),
        "projects": _arr(
            _obj(
                {
                    "project_id": _STR,
                    "name": _STR,
                    "owner": _STR,
                    "type": _STR,
                    "status": _STR,
                    "capex_eur": _NUM_OR_NULL,
                    "funding_eur": _NUM_OR_NULL,
                    "attributed_t": _obj({"2030": _NUM, "2035": _NUM}),
                    "cumulative_t": _NUM,
                    "abatement_cost_eur_per_t": _NUM_OR_NULL,
                }
            )
        ),
        "city_balance": _arr(
            _obj(
                {
                    "year": {"type": "integer"},
                    "sector": {"enum": ["residential", "non_residential", "dh_other"]},
                    "carrier": _STR,
                    "final_energy_mwh": _NUM,
                    "co2e_t": _NUM,
                    "floor_area_m2": _NUM,
                }
            )
        ),
        "wpg_indicators": _arr(
            _obj(
                {
                    "year": {"enum": [2030, 2035, 2040, 2045]},
                    "number": {"type": "integer", "minimum": 1, "maximum": 8},
                    "indicator": _STR,
                    "value": _NUM,
                    "unit": _STR,
                },
            )
        ),
        "supply_areas": _arr(
            _obj(
                {
                    "district_id": _STR,
                    "name": _STR,
                    "area_type": {"enum": list(AREA_TYPE_WORDS.values())},
                    "grade_heat_network": {"enum": list(GRADES)},
                    "grade_decentral": {"enum": list(GRADES)},
                }
            )
        ),
        "networks": _arr(
            _obj(
                {
                    "network_id": _STR,
                    "year": {"type": "integer"},
                    "heat_fed_in_mwh": _NUM,
                    "ef_g_per_kwh": _NUM,
                    "renewable_or_waste_heat_share_pct": _NUM,
                    "duty_met": {"type": "boolean"},
                }
            )
        ),
    }
)


def _num(value):
    """A float for JSON, None for NaN or missing."""
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def report_dict(data) -> dict:
    """The report of a ReportData as a dict in schema `waermewende-report/1`."""
    m, t = data.meta, data.tables
    pathway = t["pathway"]
    rows = []
    for rec in pathway.itertuples():
        for variant, col in (("low", "co2e_low_t"), ("central", "co2e_t"), ("high", "co2e_high_t")):
            rows.append({"year": int(rec.year), "variant": variant, "co2e_t": float(getattr(rec, col))})
    targets = [{"year": int(r.year), "target": str(r.target), "co2e_t": float(r.target_t)} for r in t["targets"].itertuples()]
    return {
        "schema": SCHEMA_ID,
        "scenario": {"id": m.get("scenario_id", ""), "name": m.get("scenario_name", ""), "description": m.get("scenario_description", "")},
        "meta": {
            k: str(m.get(k, ""))
            for k in ("city_name", "data_version", "params_hash", "portfolio_hash", "snapshot_id", "computed_at", "factor_set")
        },
        "pathway": rows,
        "targets": targets,
        "decomposition": decomposition(t["waterfall"]),
        "projects": _projects(t["contributions"]),
        "networks": _networks(t.get("networks")),
        "city_balance": _records(t.get("city_balance"), ("year",), ("sector", "carrier"), ("final_energy_mwh", "co2e_t", "floor_area_m2")),
        "wpg_indicators": _indicators(t.get("indicators")),
        "supply_areas": _supply_areas(t.get("districts")),
        "reconciliation": _records(
            t.get("reconciliation"), (), ("figure", "unit", "source"), ("model", "published", "deviation_pct", "band_pct")
        ),
    }


def _records(frame, ints, texts, nums) -> list[dict]:
    """Rows of a table as JSON objects (integers, texts, numbers with NaN as null); [] for a missing table."""
    if frame is None or frame.empty:
        return []
    out = []
    for r in frame.to_dict(orient="records"):
        row = {k: int(r[k]) for k in ints}
        row.update({k: str(r[k]) for k in texts})
        row.update({k: _num(r[k]) for k in nums})
        out.append(row)
    return out


def _indicators(ind) -> list[dict]:
    if ind is None or ind.empty:
        return []
    out = []
    for r in ind.to_dict(orient="records"):
        number = r.get("number")
        if number is None or (isinstance(number, float) and math.isnan(number)):
            number = int(str(r["indicator"]).split(" ", 1)[0])
        out.append(
            {
                "year": int(r["year"]),
                "number": int(number),
                "indicator": str(r["indicator"]),
                "carrier": str(r.get("carrier") or ""),
                "sector": str(r.get("sector") or ""),
                "value": _num(r["value"]),
                "unit": str(r["unit"]),
            }
        )
    return out


def _supply_areas(districts) -> list[dict]:
    if districts is None or districts.empty or "grade_heat_network" not in districts:
        return []
    out = []
    for r in districts.to_dict(orient="records"):
        if r.get("supply_area_type") not in AREA_TYPE_WORDS or r.get("grade_heat_network") not in GRADES:
            continue  # a district without buildings has no proposal
        out.append(
            {
                "district_id": str(r["district_id"]),
                "name": str(r["name"]),
                "area_type": AREA_TYPE_WORDS[r["supply_area_type"]],
                "grade_heat_network": str(r["grade_heat_network"]),
                "grade_decentral": str(r["grade_decentral"]),
            }
        )
    return out


def decomposition(wf) -> list[dict]:
    """The waterfall table as one object per target year (see the module docstring)."""
    out = []
    for year in sorted(set(wf["year"])):
        w = wf[wf["year"] == year]

        def level(step, w=w):
            return float(w.loc[w["step"] == step, "value_t"].iloc[0])

        def changes(step, name, w=w):
            part = w[w["step"] == step]
            return [{name: str(k), "delta_t": float(v)} for k, v in zip(part["key"], part["value_t"])]

        unbacked = changes("unbacked", "lever")
        out.append(
            {
                "from_year": 2024,
                "to_year": int(year),
                "start_t": level("start"),
                "drivers": changes("driver", "driver"),
                "measures": changes("measure", "project_id"),
                "unbacked": unbacked,
                "unbacked_t": sum(u["delta_t"] for u in unbacked),
                "end_t": level("result"),
                "target_t": level("target"),
                "gap_t": float(w.loc[w["step"] == "gap", "value_t"].iloc[0]),
            }
        )
    return out


def _projects(c) -> list[dict]:
    out = []
    for r in c.to_dict(orient="records"):
        out.append(
            {
                "project_id": str(r["project_id"]),
                "name": str(r.get("name", "")),
                "owner": str(r.get("owner", "")),
                "type": str(r.get("project_type", "")),
                "status": str(r.get("status", "")),
                "start_year": int(r["start_year"]) if r.get("start_year") is not None else None,
                "end_year": int(r["end_year"]) if r.get("end_year") is not None else None,
                "capex_eur": _num(r.get("capex_eur")),
                "funding_eur": _num(r.get("funding_eur")),
                "attributed_t": {y: float(r[f"attributed_{y}_t"]) for y in ("2030", "2035")},
                "attributed_range_t": {
                    y: [float(r[f"attributed_{y}_low_t"]), float(r[f"attributed_{y}_high_t"])] for y in ("2030", "2035")
                },
                "cumulative_t": float(r["cumulative_t"]),
                "abatement_cost_eur_per_t": _num(r.get("abatement_cost_eur_per_t")),
                "abatement_note": str(r.get("abatement_reason") or ""),
            }
        )
    return out


NETWORK_KEYS = (
    "heat_fed_in_mwh",
    "delivered_residential_mwh",
    "delivered_other_mwh",
    "losses_mwh",
    "pumping_el_mwh",
    "ef_g_per_kwh",
    "renewable_or_waste_heat_share_pct",
    "backed_share_pct",
    "duty_share_pct",
)


def _networks(n) -> list[dict]:
    if n is None or n.empty:
        return []
    out = []
    for r in n.to_dict(orient="records"):
        row = {"network_id": str(r["network_id"]), "year": int(r["year"])}
        if "network_name" in r:
            row["network_name"] = str(r["network_name"])
        row.update({k: _num(r[k]) for k in NETWORK_KEYS if k in r})
        row["duty_met"] = bool(r["duty_met"])
        row["duty_met_backed"] = bool(r["duty_met_backed"])
        out.append(row)
    return out


def render_json(data, lang: str = "de") -> bytes:
    """The report as UTF-8 JSON (the same numbers in every language; `lang` is accepted for symmetry)."""
    return json.dumps(report_dict(data), ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")

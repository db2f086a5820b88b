"""The heat plan of a report dataset as XWärmeplan 0.9 GML (XLeitstelle, http://www.xwaermeplan.de/0/9), in EPSG:25832.

    python -m reports xwaermeplan --scenario ID|--snapshot ID --out plan.gml

The features are built and written with the classes of PyPI `xplan-tools` (`xplan_tools.model.appschema.xwp09`,
pydantic models generated from the XWärmeplan UML, version 0.9.4): every value is validated by them
(types, enumerations, multiplicities, references) before a byte is written, and `read_xwaermeplan` reads a
file back through the same classes. The file is an OGC API Features `sf:FeatureCollection` of
`sf:featureMember`s; associations are `xlink:href="#GML_<uuid>"`, geometries GML 3.2 with
`srsName="EPSG:25832"`. Ids are stable: the same dataset gives the same ids (UUIDs from a hash).

Design note: what the model has and what our data fills.

- WP_Plan (1): name, beschreibung, planungsverantwortlicheStelle (WP_Gemeinde: Regionalschlüssel from the
  dataset's municipality key, 12-digit ARS for a kreisfreie Stadt such as Dortmund 05913000 ->
  059130000000; name), gesetzlicheGrundlage 1000 (WPG), zieljahr 2045, basisJahrDatenerfassung (first
  pathway year), the required aufstellungsbeschlussDatum and beschlussDatum (meta `plan_decision_date`,
  `plan_adoption_date` where given, else the date of the numbers, and the description says there is no
  council decision yet), technHerstellDatum, raeumlicherGeltungsbereich (union of the districts).
  WP_Bereich (1, nummer 0) holds every spatial feature in `planinhalt`.
- WP_ZielszenarioIndikatoren (2030/2035/2040/2045, WP_Betrachtungszeitpunkt 1000..4000) from the
  `indicators` table (Anlage 2 III, long form), one mapping per attribute in INDICATORS; final energy by
  carrier (WP_EnergieTraeger codes in CARRIER_CODES) with the households' part, by sector (only
  `residential` has a WP_Sektor; district heat to customers outside the building table stays in the
  carrier totals), heat-network and gas-network energy, the heat-network share, buildings on heat and gas
  networks, sanierungsrate (the scenario's retrofit lever), bedarfGruenesMethanZieljahr (biogas in the gas
  grid in the target year; 0 in our scenarios). The model has no greenhouse-gas attribute: indicator 2 is
  not exported.
- WP_Waermeversorgungsgebiet2030/2035/2040/Zieljahr from the `supply_areas` layer: versorgungsart
  (WP_WaermeversorgungsgebietTyp, AREA_TYPES), and for the target year the four Eignungsstufen
  (WP_Eignungsstufe). A feature with a `year` property goes to that year's class only; without it (today)
  the same areas are exported for every year. Grades come from the layer's `grade_*` properties where it has
  them, else from what our rule (ghgmodel.supply) implies for the area type (GRADES_BY_TYPE; 5000 "keine
  Aussage" where the rule says nothing, e.g. hydrogen).
- WP_WaermeNetzAbschnitt (variable geometry, so polygons): existing district-heating areas (`dh_areas`,
  status 1000) and expansion areas (`expansion`, status 2000, geplanteInbetriebnZeit = year), refNetzID,
  refMassnahme to the project that builds the expansion; proxies and illustrative areas say so in
  `aufschrift`.
- WP_Massnahme from the portfolio's projects in the scenario: kategorie (MEASURE_CATEGORIES), bezeichnung,
  abschlussUmsetzung (31.12. of the end year), kosten (investment in EUR; 0 where none is published, and the
  text says so), finanzierung 3000 where funding is published, treibausgaseEinsparung (attributed 2035),
  begruendung, refDokument (the source's URL).
- Bestandsanalyse per statistischer Bezirk: WP_GasNetzBaublock (the district as the block, baublockId = its
  number; gas network existing, anzahlAnschluesse = buildings heated with gas today).

Left empty, and why: WP_BestandsanalyseAggregiert, WP_EnergieBaublock and WP_GebaeudeBaublock have required
attributes the report dataset does not carry (final energy by carrier and sector for the base year and per
district; predominant building type and age class; generators by type); WP_WaermeNetz needs the route length
(only the imported pipes have it, not the report dataset); WP_PotenzialanalyseAggregiert and the potential,
generator, storage, large-consumer, sewer, gas-generation and exclusion-area classes have no data here;
WP_VersorgungsgebieteAggregiert needs each area's final energy. The layer's cells are aggregates, never
buildings.

Disclosure (public rule: >= 5 buildings per published figure, no differencing): a district with fewer than
MIN_BUILDINGS buildings, or whose gas-heated buildings number 1 to 4, is left out (so the count cannot be
recovered from a total either); city-wide building counts of the scenario below 5 are written as 0. Every
other figure is city-wide or describes areas, networks or projects, not buildings.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
from datetime import date

import numpy as np
import pandas as pd
import shapely
from xplan_tools.interface.gml import GMLRepository
from xplan_tools.model.appschema import xwp09 as wp
from xplan_tools.model.base import BaseCollection

from reports.layers import REPORT_CRS, layer_frame

NAMESPACE = "http://www.xwaermeplan.de/0/9"
SRID = 25832
TARGET_YEAR = 2045
YEAR_CODES = {2030: "1000", 2035: "2000", 2040: "3000", 2045: "4000"}  # WP_Betrachtungszeitpunkt
MIN_BUILDINGS = 5  # privacy.min_buildings, read from the dataset's parameters where present
KNOWN_MUNICIPALITIES = {"Dortmund": "05913000"}  # for snapshots frozen before the dataset carried `city_ags`

# our energy carriers -> WP_EnergieTraeger (the heat-network inputs a recalibrated indicator table may use included)
CARRIER_CODES = {
    "coal": "1100",
    "gas": "12001",
    "lpg": "12002",
    "oil": "13001",
    "wood": "31001",
    "biomass": "3100",
    "biogas": "32001",
    "biomethane": "32002",
    "hydrogen": "4000",
    "electricity": "6000",
    "solar_thermal": "7100",
    "geothermal": "7200",
    "ambient_heat": "7300",
    "ambient": "7300",
    "sewage_heat": "73005",
    "waste_heat": "8100",
    "district_heating": "8200",
    "other": "9999",
}
GREEN_METHANE = ("biogas", "biomethane")
# our sectors -> WP_Sektor; None: no sector in the model (heat to network customers outside the building table)
SECTOR_CODES = {
    "industry": "1000",
    "commercial": "2000",
    "non_residential": "2000",  # the synthetic non-residential stock: offices, trade, services, public buildings (GHD)
    "residential": "3000",
    "public": "4000",
    "dh_other": None,
}
# households' part of a carrier's final energy (WP_EnergieTraegerVerbrauch.verbrauchSektor*)
SECTOR_FIELDS = {
    "1000": "verbrauchSektorIndustrie",
    "2000": "verbrauchSektorGHD",
    "3000": "verbrauchSektorHaushalte",
    "4000": "verbrauchSektorLiegenschaften",
}

# indicators table (indicator text, Anlage 2 III number first) -> WP_ZielszenarioIndikatoren attribute
INDICATORS = {
    "eevGesamt": "1 Endenergieverbrauch nach Sektor und Energieträger",
    "eevLeitungsgebWaermeNachEnergieTraeger": "3 Leitungsgebundene Endenergie nach Energieträger",
    "anteilLeitungsgebWaermeversorgung": "4 Anteil leitungsgebundener Wärme am Endenergieverbrauch",
    "gebaeudeWaermenetzAnschluss": "5 Gebäude mit Anschluss an ein Wärmenetz",
    "eevGasnetzNachEnergieTraeger": "6 Über das Gasnetz bezogene Endenergie nach Energieträger",
    "gebaeudeGasAnschluss": "7 Gebäude mit Anschluss an ein Gasnetz",
    "bedarfGruenesMethanZieljahr": "8 Bedarf an grünem Methan im Zieljahr",
}

# supply_areas layer: supply_area_type -> WP_WaermeversorgungsgebietTyp
AREA_TYPES = {
    "waermenetzgebiet": "1000",
    "waermenetzverdichtungsgebiet": "10001",
    "waermenetzausbaugebiet": "10002",
    "waermenetzneubaugebiet": "10003",
    "wasserstoffnetzgebiet": "2000",
    "dezentral": "3000",
    "pruefgebiet": "4000",
}
# the grades of WPG § 19 (2) as ghgmodel.supply writes them -> WP_Eignungsstufe
GRADES = {
    "sehr wahrscheinlich geeignet": "1000",
    "wahrscheinlich geeignet": "2000",
    "wahrscheinlich ungeeignet": "3000",
    "sehr wahrscheinlich ungeeignet": "4000",
}
# layer property -> WP_WaermeversorgungsgebietZieljahr attribute
GRADE_FIELDS = {
    "grade_heat_network": "eignungWaermenetz",
    "grade_decentral": "eignungDezentraleVersorgung",
    "grade_hydrogen": "eignungWasserstoffnetz",
    "grade_green_methane": "eignungGruenesMethan",
}
# what ghgmodel.supply's rule implies for an area type when the layer has no grades (5000: the rule says nothing):
# a Wärmenetzgebiet is one where a network is at least likely suitable (or expansion is planned), a dezentral
# area one where decentral supply is at least likely suitable and a network is not; a Prüfgebiet gets 5000 by
# the code list's own definition. The rule makes no statement on hydrogen or green methane.
GRADES_BY_TYPE = {
    "1000": {"eignungWaermenetz": "2000", "eignungDezentraleVersorgung": "5000", "eignungWasserstoffnetz": "5000"},
    "3000": {"eignungWaermenetz": "3000", "eignungDezentraleVersorgung": "2000", "eignungWasserstoffnetz": "5000"},
}
GRADES_UNKNOWN = {"eignungWaermenetz": "5000", "eignungDezentraleVersorgung": "5000", "eignungWasserstoffnetz": "5000"}
SUPPLY_AREA_CLASSES = {
    2030: wp.WPWaermeversorgungsgebiet2030,
    2035: wp.WPWaermeversorgungsgebiet2035,
    2040: wp.WPWaermeversorgungsgebiet2040,
    TARGET_YEAR: wp.WPWaermeversorgungsgebietZieljahr,
}

# network layers -> WP_WaermeNetzAbschnitt: status (WP_Status) and the flag that says the area is not real
NETWORK_LAYERS = {
    "dh_areas": {"status": "1000", "flag": "is_proxy", "flag_text": "Proxy aus dem Zensus 2011, nicht der Netzplan des Versorgers"},
    "expansion": {"status": "2000", "flag": "is_illustrative", "flag_text": "illustrativ abgeleitet, kein Beschluss"},
}
# project_type -> WP_KategorieMassnahme
MEASURE_CATEGORIES = {"dh_expansion": "2000", "dh_decarbonisation": "2000", "retrofit_programme": "3000", "hp_programme": "4000"}
MEASURE_SAVING_COLUMN = "attributed_2035_t"  # contributions table -> treibausgaseEinsparung (t CO2e/a)


class XWaermeplanError(LookupError):
    """A value of the dataset has no place in XWärmeplan (the message names it and the fix); the command line exits 2."""


def _id(*parts) -> str:
    """A stable UUID of version 4 form (xplan-tools reads only those back as ids) from the parts."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def _mwh(value: float, uom: str = "MWh/a") -> dict:
    return {"value": round(float(value), 3), "uom": uom}


def _multipolygon(geometries) -> dict | None:
    """The polygons of `geometries` (EPSG:25832) as one valid MultiPolygon on a 1 cm grid, as the model's geometry."""
    parts = []
    for geom in geometries:
        if geom is None or geom.is_empty:
            continue
        geom = shapely.set_precision(shapely.make_valid(geom), 0.01)
        parts += [p for p in shapely.get_parts(shapely.get_parts(geom)) if isinstance(p, shapely.Polygon) and p.area > 0]
    if not parts:
        return None
    return {"srid": SRID, "wkt": shapely.to_wkt(shapely.MultiPolygon(parts), rounding_precision=2, trim=True)}


def _outline(geometries, gap_m: float = 30.0, min_hole_m2: float = 10_000.0):
    """The union of the districts, closed over the slivers their separate simplification leaves between them
    (a buffer out and back by `gap_m`); holes of at least `min_hole_m2` (an enclave) stay."""
    closed = shapely.buffer(shapely.buffer(shapely.union_all(list(geometries)), gap_m, join_style="mitre"), -gap_m, join_style="mitre")
    return shapely.MultiPolygon(
        [
            shapely.Polygon(p.exterior, [r for r in p.interiors if shapely.Polygon(r).area >= min_hole_m2])
            for p in shapely.get_parts(closed)
            if p.area >= min_hole_m2
        ]
    )


def _min_buildings(data) -> int:
    params = data.tables.get("parameters")
    if params is not None and "privacy.min_buildings" in set(params["key"]):
        return int(float(params.loc[params["key"] == "privacy.min_buildings", "value"].iloc[0]))
    return MIN_BUILDINGS


def _count(value: float, minimum: int) -> int:
    """A published number of buildings: below `minimum` (but above 0) it is written as 0."""
    n = int(round(float(value)))
    return n if n >= minimum else 0


def regional_key(data) -> str:
    """The municipality's Regionalschlüssel: 12 digits; from an 8-digit AGS of a kreisfreie Stadt (Gemeinde 000)."""
    m = data.meta
    ags = str(m.get("city_ags") or KNOWN_MUNICIPALITIES.get(str(m.get("city_name", "")), "")).strip()
    if not re.fullmatch(r"\d{8}|\d{12}", ags):
        raise XWaermeplanError(
            f"the dataset names no municipality key (meta city_ags = {ags!r}, city {m.get('city_name', '')!r}). "
            "Import the city's districts with its 8-digit AGS as the code of the 'city' row and compute the report again."
        )
    return f"{ags[:5]}0000{ags[5:]}" if len(ags) == 8 and ags.endswith("000") else ags


def _day(text, fallback: date) -> date:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return fallback


def _energy_list(rows: pd.DataFrame) -> list:
    """WP_EnergieTraegerMenge entries, one per WP_EnergieTraeger code (carriers of the same code summed)."""
    return [wp.WPEnergieTraegerMenge(traeger=code, energieMenge=_mwh(value)) for code, value in _by_code(rows)["value"].items()]


def _by_code(rows: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(rows["carrier"]) - set(CARRIER_CODES))
    if unknown:
        raise XWaermeplanError(
            f"energy carrier(s) {', '.join(unknown)} have no XWärmeplan code; add them to CARRIER_CODES in reports/xwaermeplan.py."
        )
    return rows.assign(code=rows["carrier"].map(CARRIER_CODES)).groupby("code", sort=True)[["value"]].sum()


def _lever_at(data, lever: str, year: int) -> float | None:
    """A scenario lever's value in `year` (linear between its years, constant outside), or None."""
    try:
        series = json.loads(data.meta.get("scenario_json") or "{}").get(lever)
    except ValueError:
        return None
    if not isinstance(series, dict) or not series:
        return None
    years = sorted((int(y), float(v)) for y, v in series.items())
    return float(np.interp(year, [y for y, _ in years], [v for _, v in years]))


def _zielszenario(data, plan_id: str, key: str) -> list:
    ind = data.tables["indicators"]
    minimum = _min_buildings(data)
    n_stock = int(data.tables["districts"]["n_buildings"].sum()) if "districts" in data.tables else 0
    target = ind[(ind["indicator"] == INDICATORS["eevGasnetzNachEnergieTraeger"]) & (ind["year"] == TARGET_YEAR)]
    green_methane = float(target.loc[target["carrier"].isin(GREEN_METHANE), "value"].sum())
    need = ind[(ind["indicator"] == INDICATORS["bedarfGruenesMethanZieljahr"])] if "bedarfGruenesMethanZieljahr" in INDICATORS else None
    if need is not None and len(need):
        green_methane = float(need["value"].sum())
    out = []
    for year, code in YEAR_CODES.items():
        iy = ind[ind["year"] == year]
        if iy.empty:
            continue

        def rows(attr, iy=iy):
            return iy[iy["indicator"] == INDICATORS[attr]]

        final = rows("eevGesamt")
        unknown = sorted(set(final["sector"]) - set(SECTOR_CODES))
        if unknown:
            raise XWaermeplanError(
                f"sector(s) {', '.join(unknown)} have no XWärmeplan code; add them to SECTOR_CODES in reports/xwaermeplan.py."
            )
        final = final.assign(sector_code=final["sector"].map(SECTOR_CODES))
        by_carrier = []
        for carrier_code, value in _by_code(final)["value"].items():
            part = final[final["carrier"].map(CARRIER_CODES) == carrier_code]
            sectors = part.dropna(subset=["sector_code"]).groupby("sector_code")["value"].sum()
            fields = {SECTOR_FIELDS[s]: _mwh(v) for s, v in sectors.items()}
            by_carrier.append(wp.WPEnergieTraegerVerbrauch(traeger=carrier_code, verbrauchGesamt=_mwh(value), **fields))
        by_sector = final.dropna(subset=["sector_code"]).groupby("sector_code")["value"].sum()
        share = rows("anteilLeitungsgebWaermeversorgung")["value"]
        rate = _lever_at(data, "retrofit_rate_pct", year)
        out.append(
            wp.WPZielszenarioIndikatoren(
                id=_id(key, "WP_ZielszenarioIndikatoren", year),
                betrachtungszeitpunkt=code,
                eevGesamtNachEnergieTraeger=by_carrier,
                eevGesamtNachEnergieSektor=[wp.WPSektorVerbrauch(sektor=s, verbrauch=_mwh(v)) for s, v in by_sector.items()],
                eevLeitungsgebWaermeNachEnergieTraeger=_energy_list(rows("eevLeitungsgebWaermeNachEnergieTraeger")) or None,
                anteilLeitungsgebWaermeversorgung={"value": round(float(share.iloc[0]) if len(share) else 0.0, 3), "uom": "vH"},
                eevGasnetzNachEnergieTraeger=_energy_list(rows("eevGasnetzNachEnergieTraeger")) or None,
                gebaeudeNetzanschluss=wp.WPGebaeudeNetzanschluss(
                    wohngebaeude=_count(n_stock, minimum),
                    nichtwohngebaeude=0,
                    gebaeudeGasAnschluss=_count(rows("gebaeudeGasAnschluss")["value"].sum(), minimum),
                    gebaeudeWaermenetzAnschluss=_count(rows("gebaeudeWaermenetzAnschluss")["value"].sum(), minimum),
                ),
                sanierungsrate=None if rate is None else {"value": round(rate, 3), "uom": "vH/a"},
                bedarfGruenesMethanZieljahr=_mwh(green_methane, "MWh"),
                gehoertZuPlan=plan_id,
            )
        )
    return out


def _supply_areas(data, bereich_id: str, key: str) -> list:
    frame = layer_frame(data, "supply_areas", REPORT_CRS)
    out = []
    for i, rec in enumerate(frame.to_dict("records")):
        kind = str(rec.get("supply_area_type") or "")
        if kind not in AREA_TYPES:
            raise XWaermeplanError(
                f"supply area type {kind!r} has no XWärmeplan code; use one of {', '.join(AREA_TYPES)} or add it to AREA_TYPES."
            )
        code = AREA_TYPES[kind]
        geometry = _multipolygon([rec["geometry"]])
        if geometry is None:
            continue
        years = [int(rec["year"])] if pd.notna(rec.get("year", np.nan)) else list(SUPPLY_AREA_CLASSES)
        for year in years:
            cls = SUPPLY_AREA_CLASSES[year]
            fields = {}
            if cls is wp.WPWaermeversorgungsgebietZieljahr:
                fields = {**GRADES_BY_TYPE.get(code[:4], GRADES_UNKNOWN)}
                for prop, attr in GRADE_FIELDS.items():
                    if rec.get(prop) in GRADES:
                        fields[attr] = GRADES[rec[prop]]
            if pd.notna(rec.get("heat_demand_mwh_per_year", np.nan)):
                fields["waermebedarf"] = _mwh(rec["heat_demand_mwh_per_year"])
            out.append(
                cls(
                    id=_id(key, cls.__name__, i, kind, year),
                    title=kind,
                    gehoertZuBereich=bereich_id,
                    position=geometry,
                    versorgungsart=code,
                    **fields,
                )
            )
    return out


def _networks(data, bereich_id: str, key: str, measure_of_area: dict) -> list:
    out = []
    for layer, spec in NETWORK_LAYERS.items():
        for rec in layer_frame(data, layer, REPORT_CRS).to_dict("records"):
            area_id = rec.get("dh_area_id") or rec.get("expansion_area_id")
            geometry = _multipolygon([rec["geometry"]])
            if geometry is None:
                continue
            year = rec.get("year_planned")
            out.append(
                wp.WPWaermeNetzAbschnitt(
                    id=_id(key, layer, area_id),
                    title=str(rec.get("name") or area_id),
                    aufschrift=spec["flag_text"] if bool(rec.get(spec["flag"])) else None,
                    refMassnahme=measure_of_area.get(area_id),
                    gehoertZuBereich=bereich_id,
                    position=geometry,
                    refNetzID=str(rec.get("network_id") or "") or None,
                    status=spec["status"],
                    geplanteInbetriebnZeit=str(int(year)) if year is not None and pd.notna(year) else None,
                )
            )
    return out


def _measures(data, plan_id: str, key: str) -> tuple[list, dict]:
    """WP_Massnahme per project of the scenario, and expansion area id -> the measure that builds it."""
    projects = json.loads(data.meta.get("projects_json") or "[]")
    contrib = data.tables.get("contributions")
    saving = {} if contrib is None or contrib.empty else dict(zip(contrib["project_id"], contrib[MEASURE_SAVING_COLUMN]))
    out, of_area = [], {}
    for p in projects:
        mid = _id(key, "WP_Massnahme", p["project_id"])
        capex, funding = float(p.get("capex_eur") or 0), float(p.get("funding_eur") or 0)
        text = [f"Träger: {p.get('owner', '')}", f"Status: {p.get('status', '')}", f"Projekt-ID: {p['project_id']}"]
        if capex <= 0:
            text.append("Kosten nicht veröffentlicht (0 = unbekannt)")
        if p.get("note"):
            text.append(str(p["note"]))
        url = re.search(r"https?://\S+", str(p.get("source") or ""))
        ref = None
        if url:
            ref = wp.WPExterneReferenz(
                art="9999", referenzName=str(p["source"])[: url.start()].strip(" :") or "Quelle", referenzURL=url.group(0)
            )
        value = saving.get(p["project_id"])
        out.append(
            wp.WPMassnahme(
                id=mid,
                kategorie=MEASURE_CATEGORIES.get(p.get("project_type", ""), "9999"),
                bezeichnung=str(p["name"]),
                abschlussUmsetzung=date(int(p["end_year"]), 12, 31),
                kosten=int(round(capex)),
                finanzierung=["3000"] if funding > 0 else None,
                treibausgaseEinsparung=None if value is None or pd.isna(value) else {"value": round(float(value), 3), "uom": "tCO2e/a"},
                begruendung=". ".join(text),
                refDokument=ref,
                gehoertZuPlan=plan_id,
            )
        )
        for area_id in p.get("expansion_area_ids") or []:
            of_area.setdefault(area_id, mid)
    return out, of_area


def _gas_blocks(data, bereich_id: str, key: str) -> list:
    """WP_GasNetzBaublock per statistischer Bezirk with at least MIN_BUILDINGS buildings and gas-heated ones."""
    table, minimum = data.tables.get("districts"), _min_buildings(data)
    frame = layer_frame(data, "districts", REPORT_CRS)
    if table is None or frame.empty:
        return []
    merged = frame[["district_id", "geometry"]].merge(table, on="district_id", how="inner")
    out = []
    for rec in merged.to_dict("records"):
        share = rec.get("gas_share_pct")
        if pd.isna(rec["n_buildings"]) or share is None or pd.isna(share):  # suppressed by the publication rule
            continue
        n = int(rec["n_buildings"])
        n_gas = int(round(n * float(share) / 100))
        if n < minimum or n_gas < minimum:  # 1 to 4 gas-heated buildings: left out, not even as an area with a gas network
            continue
        out.append(
            wp.WPGasNetzBaublock(
                id=_id(key, "WP_GasNetzBaublock", rec["district_id"]),
                title=str(rec["name"]),
                gehoertZuBereich=bereich_id,
                position=_multipolygon([rec["geometry"]]),
                baublockId=str(rec["code"]),
                status="1000",
                gasArt="12001",
                anzahlAnschluesse=n_gas,
            )
        )
    return out


def build_collection(data) -> BaseCollection:
    """The XWärmeplan feature collection of `data` (a ReportData), validated by the xwp09 classes."""
    m = data.meta
    key = (m.get("snapshot_id") or m.get("scenario_id") or m.get("scenario_name"), m.get("data_version"))
    plan_id, bereich_id = _id(*key, "WP_Plan"), _id(*key, "WP_Bereich")
    city = str(m.get("city_name") or "")
    stand = _day(m.get("frozen_at") or m.get("computed_at") or "", date.today())
    districts = layer_frame(data, "districts", REPORT_CRS)
    scope = _multipolygon([_outline(districts.geometry)]) if not districts.empty else None
    if scope is None:
        raise XWaermeplanError(
            "the dataset has no districts layer, so the plan has no area; compute the report from a warehouse with districts."
        )
    measures, measure_of_area = _measures(data, plan_id, key)
    targets = _zielszenario(data, plan_id, key)
    content = [
        *_supply_areas(data, bereich_id, key),
        *_networks(data, bereich_id, key, measure_of_area),
        *_gas_blocks(data, bereich_id, key),
    ]
    base_year = int(data.tables["pathway"]["year"].min()) if "pathway" in data.tables else stand.year
    what = f"Snapshot {m['snapshot_id']}" if m.get("snapshot_id") else f"Szenario {m.get('scenario_name', '')} (Live-Berechnung)"
    description = (
        f"Entwurf aus dem Wärmewende-Dashboard: {what}, Datenstand {m.get('data_version', '')}, Parameter {m.get('params_hash', '')}, "
        f"Portfolio {m.get('portfolio_hash', '')}. Noch kein Ratsbeschluss: Aufstellungs- und Beschlussdatum sind das Datum des Stands, "
        "wo keines angegeben ist. Versorgungsgebiete sind ein Vorschlag zur Prüfung (WPG § 23 Abs. 4). "
        f"Veröffentlicht werden nur Zahlen über mindestens {_min_buildings(data)} Gebäude; kleinere Gebäudezahlen stehen als 0."
        + (" Enthält synthetische und illustrative Daten." if m.get("has_synthetic_data") else "")
    )
    plan = wp.WPPlan(
        id=plan_id,
        name=f"Wärmeplan {city}: {m.get('title') or m.get('scenario_name', '')}",
        beschreibung=description,
        internalId=str(m.get("snapshot_id") or m.get("scenario_id") or "") or None,
        fassungsbezeichnung=f"Datenstand {m.get('data_version', '')}",
        planungsverantwortlicheStelle=wp.WPGemeinde(regionalSchluessel=regional_key(data), name=city or None),
        gesetzlicheGrundlage="1000",
        zieljahr=str(TARGET_YEAR),
        basisJahrDatenerfassung=str(base_year),
        aufstellungsbeschlussDatum=_day(m.get("plan_decision_date", ""), stand),
        beschlussDatum=_day(m.get("plan_adoption_date", ""), stand),
        technHerstellDatum=stand,
        technischePlanerstellung="Wärmewende-Dashboard (Open Source, AGPL-3.0)",
        raeumlicherGeltungsbereich=scope,
        zielszenario=[f.id for f in targets] or None,
        massnahme=[f.id for f in measures] or None,
        bereich=[bereich_id],
    )
    bereich = wp.WPBereich(
        id=bereich_id, nummer=0, name=city or None, geltungsbereich=scope, gehoertZuPlan=plan_id, planinhalt=[f.id for f in content] or None
    )
    features = [plan, bereich, *targets, *measures, *content]
    return BaseCollection(features={f.id: f for f in features}, srid=SRID, version="0.9", appschema="xwp")


def render_xwaermeplan(data, lang: str = "de") -> bytes:
    """The XWärmeplan GML of `data` as bytes (UTF-8). XWärmeplan is German; `lang` is accepted for the common signature."""
    repo = GMLRepository(io.BytesIO())
    repo.save_all(build_collection(data))
    return repo.datasource.getvalue()


def read_xwaermeplan(payload: bytes) -> BaseCollection:
    """A GML file read back through the xwp09 classes (which validate every value again)."""
    return GMLRepository(io.BytesIO(payload)).get_all()


def feature_records(collection: BaseCollection) -> dict[str, dict]:
    """Every feature as plain values by id, geometries as normalised WKT: equal records mean equal content."""
    out = {}
    for fid, feature in collection.features.items():
        rec = feature.model_dump(mode="json", exclude_none=True)
        for name in ("position", "geltungsbereich", "raeumlicherGeltungsbereich"):
            if isinstance(rec.get(name), dict):
                geom = shapely.normalize(shapely.from_wkt(rec[name]["wkt"]))
                rec[name] = {"srid": rec[name]["srid"], "wkt": shapely.to_wkt(geom, rounding_precision=2, trim=True)}
        out[fid] = {"class": feature.get_name(), **rec}
    return out


def feature_counts(collection: BaseCollection) -> dict[str, int]:
    """Number of features per XWärmeplan class."""
    return {k: int(v) for k, v in pd.Series([f.get_name() for f in collection.features.values()]).value_counts().sort_index().items()}


__all__ = [
    "XWaermeplanError",
    "build_collection",
    "feature_counts",
    "feature_records",
    "read_xwaermeplan",
    "regional_key",
    "render_xwaermeplan",
]

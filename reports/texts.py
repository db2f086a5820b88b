"""Every text of the reports in German and English, and numbers in the reader's style.

The reports layer runs without the app, so it cannot use `ui/i18n.py`; the labels of codes (carriers,
project types, supply areas) are worded as the app words them, so a reader finds the same terms in both.
German numbers: 1.234.567 t, 12,3 %; English: 1,234,567 t, 12.3 %.
"""

from __future__ import annotations

import json
import math

LANGS = ("de", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # title page
    "report_kind": ("Bericht zur kommunalen Wärmeplanung", "Municipal heat planning report"),
    "scenario": ("Szenario", "Scenario"),
    "city": ("Stadt", "City"),
    "snapshot": ("Eingefrorener Stand (Snapshot)", "Frozen snapshot"),
    "frozen_at": ("eingefroren am {date}", "frozen on {date}"),
    "live": ("Live-Berechnung vom {date}", "Live calculation of {date}"),
    "calculation": ("Berechnung", "Calculation"),
    "live_note": (
        "Live-Berechnung: Die Zahlen ändern sich mit dem Datenbestand, den Parametern und dem Portfolio. Für den Rat einen Snapshot einfrieren.",
        "Live calculation: the numbers change with the data, the parameters and the portfolio. Freeze a snapshot for the council.",
    ),
    "data_version": ("Datenstand", "Data version"),
    "built_at": ("Datenbestand erstellt", "Warehouse built"),
    "params_hash": ("Parameter-Hash", "Parameter hash"),
    "portfolio_hash": ("Portfolio-Hash", "Portfolio hash"),
    "report_sha": ("SHA-256 der eingefrorenen Zahlen", "SHA-256 of the frozen numbers"),
    "factor_set": ("Emissionsfaktoren", "Emission factors"),
    "synthetic_warning": (
        "Synthetische Gebäudedaten: Die Einzelgebäude sind aus den Zellverteilungen des Zensus 2011 erzeugt (Lage, Energieträger und "
        "Sanierungsstand modelliert). Die Fernwärme-Erweiterungsgebiete sind illustrativ. Die Zahlen zeigen die Methode, nicht den amtlichen Stand.",
        "Synthetic building data: the individual buildings are drawn from the Zensus 2011 cell distributions (position, carrier and "
        "retrofit state modelled). The district-heating expansion areas are illustrative. The numbers show the method, not the official state.",
    ),
    "page": ("Seite {n}", "Page {n}"),
    "contents": ("Inhalt", "Contents"),
    # sections
    "sec_assumptions": ("Annahmen", "Assumptions"),
    "sec_pathway": ("Emissionspfad und Ziele 2030/2035", "Emission pathway and the 2030/2035 targets"),
    "sec_contrib": ("Beiträge der Projekte und Organisationen", "Contributions of projects and organisations"),
    "sec_districts": ("Statistische Bezirke", "Statistical districts"),
    "sec_maps": ("Karten", "Maps"),
    "sec_indicators": ("Indikatoren nach WPG Anlage 2 III", "Indicators of WPG Anlage 2 III"),
    "sec_sources": ("Quellen und Lizenzen", "Sources and licences"),
    # assumptions
    "levers": ("Stellschrauben des Szenarios", "Levers of the scenario"),
    "lever": ("Stellschraube", "Lever"),
    "value": ("Wert", "Value"),
    "n_assumptions": (
        "Das Modell rechnet mit {n} Annahmen [U] (Parameter der Art „Annahme“, nicht belegt durch eine amtliche Zahl). Jede ist unten mit ihrer Quelle oder Begründung genannt.",
        "The model uses {n} assumptions [U] (parameters of kind “assumption”, not backed by an official figure). Each is listed below with its source or rationale.",
    ),
    "n_assumptions_short": (
        "{n} Annahmen [U] im Modell – vollständige Liste im PDF und in der Excel-Datei (Blatt parameters)",
        "{n} assumptions [U] in the model – full list in the PDF and the Excel file (sheet parameters)",
    ),
    "u_marker": ("[U] = Annahme (unsicher)", "[U] = assumption (uncertain)"),
    "param_key": ("Parameter", "Parameter"),
    "param_unit": ("Einheit", "Unit"),
    "param_source": ("Quelle / Begründung", "Source / rationale"),
    "all_projects": ("alle Projekte des Portfolios", "all projects of the portfolio"),
    # pathway
    "pathway_chart": (
        "Emissionen der Wärme in Wohngebäuden und Fernwärme (t CO₂e/a)",
        "Heat emissions of residential buildings and district heating (t CO₂e/a)",
    ),
    "pathway_band": ("Spanne niedrig–hoch", "Range low–high"),
    "pathway_central": ("Szenario (zentral)", "Scenario (central)"),
    "target": ("Ziel", "Target"),
    "year": ("Jahr", "Year"),
    "co2e_central": ("t CO₂e/a zentral", "t CO₂e/a central"),
    "co2e_low": ("niedrig", "low"),
    "co2e_high": ("hoch", "high"),
    "final_energy": ("Endenergie MWh/a", "Final energy MWh/a"),
    "target_t": ("Ziel t CO₂e/a", "Target t CO₂e/a"),
    "gap_t": ("Lücke t CO₂e/a", "Gap t CO₂e/a"),
    "gap_sentence": (
        "{year}: Pfad {path} t CO₂e/a, Ziel „{target}“ {target_t} t, Lücke {gap} t ({verdict}).",
        "{year}: pathway {path} t CO₂e/a, target “{target}” {target_t} t, gap {gap} t ({verdict}).",
    ),
    "gap_missed": ("Ziel verfehlt", "target missed"),
    "gap_met": ("Ziel erreicht", "target met"),
    "gap_help": (
        "Lücke = Emissionen des Szenarios minus Ziel; positiv heißt: Ziel verfehlt.",
        "Gap = scenario emissions minus target; positive means the target is missed.",
    ),
    "band_help": (
        "Die Spanne zeigt die Varianten „niedrig“ und „hoch“ der unsicheren Parameter [U]; die Ziele sind als Punkte eingetragen.",
        "The band shows the “low” and “high” variants of the uncertain parameters [U]; the targets are drawn as points.",
    ),
    # contributions
    "waterfall_chart": ("Von 2024 zum Ziel 2035 (t CO₂e/a)", "From 2024 to the 2035 target (t CO₂e/a)"),
    "owner_chart": ("Beiträge 2035 nach Organisation (zugerechnet, t CO₂e/a)", "Contributions 2035 by organisation (attributed, t CO₂e/a)"),
    "owner_axis": ("t CO₂e/a (positiv: Minderung)", "t CO₂e/a (positive: reduction)"),
    "wf_start": ("Emissionen 2024", "Emissions 2024"),
    "wf_trend": ("Entwicklung ohne Projekte", "Change without projects"),
    "wf_result": ("Szenario {year}", "Scenario {year}"),
    "wf_gap": ("verbleibende Lücke zum Ziel {year}", "Remaining gap to the {year} target"),
    "wf_others": ("weitere Projekte ({n})", "other projects ({n})"),
    "project": ("Projekt", "Project"),
    "owner": ("Träger", "Owner"),
    "type": ("Art", "Type"),
    "status": ("Status", "Status"),
    "attr_2030": ("2030 t/a", "2030 t/a"),
    "attr_2035": ("2035 t/a", "2035 t/a"),
    "range_2035": ("Spanne 2035", "Range 2035"),
    "cumulative": ("kumuliert bis 2045 t", "cumulative to 2045 t"),
    "contrib_help": (
        "Zugerechnete Minderung: jedem Projekt ist sein Anteil an der gemeinsamen Wirkung zugerechnet (Shapley-Mittel über Reihenfolgen), "
        "so dass die Beiträge sich zur Wirkung aller Projekte addieren. In der Tabelle ist eine Minderung positiv; negative Werte: das Projekt erhöht "
        "die Emissionen gegenüber dem Trend. Im Wasserfall ist eine Minderung ein Schritt nach unten (−).",
        "Attributed reduction: each project is credited its share of the joint effect (Shapley mean over orders), so the contributions "
        "add up to the effect of all projects. In the table a reduction is positive; negative values: the project raises emissions against "
        "the trend. In the waterfall a reduction is a step down (−).",
    ),
    "remaining_gap": ("Verbleibende Lücke zum Ziel {year}: {gap} t CO₂e/a.", "Remaining gap to the {year} target: {gap} t CO₂e/a."),
    "remaining_gap_met": (
        "Ziel {year} erreicht: {margin} t CO₂e/a unter dem Ziel.",
        "{year} target met: {margin} t CO₂e/a below the target.",
    ),
    "projects_total": (
        "Alle Projekte zusammen (zugerechnet): {y2030} t CO₂e/a 2030, {y2035} t CO₂e/a 2035.",
        "All projects together (attributed): {y2030} t CO₂e/a 2030, {y2035} t CO₂e/a 2035.",
    ),
    "projects_full": (
        "Die größten Beiträge 2035; alle {n} Projekte stehen im PDF und in der Excel-Datei (Blatt contributions).",
        "The largest contributions in 2035; all {n} projects are in the PDF and the Excel file (sheet contributions).",
    ),
    "no_projects": ("Dieses Szenario enthält keine Projekte.", "This scenario has no projects."),
    # districts
    "district": ("Bezirk", "District"),
    "code": ("Nr.", "No."),
    "stadtbezirk": ("Stadtbezirk", "Borough"),
    "n_buildings": ("Gebäude", "Buildings"),
    "heat_mwh": ("Wärme MWh/a", "Heat MWh/a"),
    "density": ("MWh/(ha·a)", "MWh/(ha·a)"),
    "dh_share": ("FW %", "DH %"),
    "supply": ("Vorschlag Versorgung", "Proposed supply"),
    "change_pct": ("Änderung 2024–2035", "Change 2024–2035"),
    "districts_help": (
        "Alle statistischen Bezirke mit Kennzahlen des Datenbestands und den Emissionen des Szenarios (t CO₂e/a). FW % = Anteil der Gebäude mit Fernwärme heute.",
        "All statistical districts with key figures of the warehouse and the scenario's emissions (t CO₂e/a). DH % = share of buildings with district heating today.",
    ),
    "districts_top": ("Die {n} Bezirke mit den höchsten Emissionen 2024", "The {n} districts with the highest emissions in 2024"),
    "districts_full": (
        "Die vollständige Tabelle aller {n} Bezirke steht im PDF und in der Excel-Datei (Blatt districts).",
        "The full table of all {n} districts is in the PDF and the Excel file (sheet districts).",
    ),
    # maps
    "map_districts": (
        "Änderung der Emissionen 2024–2035 je statistischem Bezirk (%)",
        "Change in emissions 2024–2035 per statistical district (%)",
    ),
    "map_dh": (
        "Fernwärmegebiete und Erweiterungsgebiete nach geplantem Jahr",
        "District-heating areas and expansion areas by planned year",
    ),
    "map_supply": ("Vorgeschlagene Versorgungsgebiete (WPG, Vorschlag zur Prüfung)", "Proposed supply areas (WPG, screening proposal)"),
    "map_projects": ("Wirkungsgebiete der Projekte", "Areas where the projects act"),
    "dh_today": ("Fernwärmegebiet heute (Proxy)", "District-heating area today (proxy)"),
    "expansion_year": ("Erweiterung geplant {year}", "Expansion planned {year}"),
    "illustrative": ("illustrativ", "illustrative"),
    "illustrative_note": (
        "Erweiterungsgebiete und Jahre sind illustrativ abgeleitet, kein Beschluss.",
        "Expansion areas and years are derived for illustration, not a decision.",
    ),
    "synthetic_map": ("Synthetische Daten", "Synthetic data"),
    "no_data": ("keine Daten", "no data"),
    "north": ("N", "N"),
    "attribution": ("Daten: {text}", "Data: {text}"),
    "no_features": ("keine Flächen", "no areas"),
    # indicators
    "indicator": ("Indikator", "Indicator"),
    "carrier": ("Energieträger", "Carrier"),
    "sector": ("Sektor", "Sector"),
    "unit": ("Einheit", "Unit"),
    "indicators_help": (
        "Indikatoren nach Anlage 2 Abschnitt III des Wärmeplanungsgesetzes für die Stützjahre, aus dem Szenario berechnet.",
        "Indicators of Anlage 2 section III of the German Heat Planning Act for the reference years, computed from the scenario.",
    ),
    # sources
    "source": ("Quelle", "Source"),
    "licence": ("Lizenz", "Licence"),
    "attribution_col": ("Namensnennung", "Attribution"),
    "reference_date": ("Stand", "Date"),
    "synthetic": ("synthetisch", "synthetic"),
    "sources_help": (
        "Lizenzen und Namensnennungen gelten für die Daten und die daraus abgeleiteten Karten und Zahlen dieses Berichts.",
        "Licences and attributions apply to the data and the maps and figures of this report derived from them.",
    ),
    "software": (
        "Erstellt mit dem Wärmewende-Dashboard (AGPL-3.0-or-later). Karten ohne Hintergrundkarte; keine Daten aus dem Netz geladen.",
        "Made with the heat-transition dashboard (AGPL-3.0-or-later). Maps without a basemap; no data fetched from the net.",
    ),
    # slides
    "slide_pathway_msg": ("2035: {path} t CO₂e/a – Lücke zum Ziel {gap} t", "2035: {path} t CO₂e/a – gap to the target {gap} t"),
    "slide_contrib_msg": (
        "Projekte mindern 2035 {total} t CO₂e/a – es bleibt eine Lücke von {gap} t",
        "Projects reduce {total} t CO₂e/a in 2035 – a gap of {gap} t remains",
    ),
    "slide_contrib_msg_up": (
        "Die Projekte zusammen erhöhen 2035 die Emissionen um {total} t CO₂e/a gegenüber dem Trend – Lücke {gap} t",
        "Together the projects raise emissions in 2035 by {total} t CO₂e/a against the trend – gap {gap} t",
    ),
    "slide_owner_msg": ("Beiträge 2035 nach Organisation", "Contributions 2035 by organisation"),
    "continued": ("(Fortsetzung)", "(continued)"),
    "xlsx_info": ("Info", "Info"),
    "key": ("Schlüssel", "Key"),
}

LABELS: dict[str, tuple[str, str]] = {
    "carrier_gas": ("Erdgas", "Natural gas"),
    "carrier_oil": ("Heizöl", "Heating oil"),
    "carrier_lpg": ("Flüssiggas", "LPG"),
    "carrier_coal": ("Kohle", "Coal"),
    "carrier_wood": ("Holz", "Wood"),
    "carrier_biogas": ("Biogas", "Biogas"),
    "carrier_electric": ("Strom direkt", "Direct electric"),
    "carrier_electricity": ("Strom", "Electricity"),
    "carrier_heat_pump_air": ("Wärmepumpe Luft", "Air-source heat pump"),
    "carrier_heat_pump_ground": ("Wärmepumpe Erdreich", "Ground-source heat pump"),
    "carrier_heat_pump": ("Wärmepumpe", "Heat pump"),
    "carrier_district_heating": ("Fernwärme", "District heating"),
    "carrier_solar_thermal": ("Solarthermie", "Solar thermal"),
    "carrier_hydrogen": ("Wasserstoff", "Hydrogen"),
    "sector_residential": ("Wohngebäude", "Residential buildings"),
    "sector_dh_other": ("weitere Fernwärmekunden", "Other district-heating customers"),
    "sector_gesamt": ("gesamt", "total"),
    "supply_waermenetzgebiet": ("Wärmenetzgebiet", "Heat-network area"),
    "supply_dezentral": ("dezentrale Versorgung", "Decentral supply"),
    "supply_pruefgebiet": ("Prüfgebiet", "Area under review"),
    "ptype_dh_expansion": ("Fernwärme-Ausbau", "District-heating expansion"),
    "ptype_dh_decarbonisation": ("Dekarbonisierung Fernwärme", "District-heating decarbonisation"),
    "ptype_hp_programme": ("Wärmepumpen-Programm", "Heat-pump programme"),
    "ptype_retrofit_programme": ("Sanierungsprogramm", "Retrofit programme"),
    "ptype_large_hp_or_solar_network": ("Großwärmepumpe/Solarthermie im Netz", "Large heat pump / solar thermal in a network"),
    "ptype_own_building_conversion": ("Umstellung eigener Gebäude", "Conversion of own buildings"),
    "status_idea": ("Idee", "Idea"),
    "status_planned": ("geplant", "Planned"),
    "status_approved": ("beschlossen", "Approved"),
    "status_in_progress": ("in Umsetzung", "In progress"),
    "status_completed": ("abgeschlossen", "Completed"),
    "status_stopped": ("eingestellt", "Stopped"),
    "lever_name": ("Name", "Name"),
    "lever_description": ("Beschreibung", "Description"),
    "lever_factor_set": ("Emissionsfaktoren", "Emission factors"),
    "lever_demand_basis": ("Bedarfsgrundlage", "Demand basis"),
    "lever_el_path": ("Strompfad", "Electricity path"),
    "lever_dh_path": ("Fernwärme-Pfad", "District-heating path"),
    "lever_retrofit_rate_pct": ("Sanierungsrate (% des Bestands je Jahr)", "Retrofit rate (% of the stock per year)"),
    "lever_retrofit_advanced_share_pct": ("davon ambitioniert (%)", "of which advanced (%)"),
    "lever_hp_adoption_pct": ("Wärmepumpen je Eignung (% je Jahr)", "Heat pumps by suitability (% per year)"),
    "lever_dh_connection_rate_pct": (
        "Fernwärme-Anschlüsse in Erweiterungsgebieten (% je Jahr)",
        "District-heating connections in expansion areas (% per year)",
    ),
    "lever_dh_connection_max_pct": (
        "höchster Anschlussgrad in Erweiterungsgebieten (%)",
        "Highest connection share in expansion areas (%)",
    ),
    "lever_dh_connection_by_area": ("Fernwärme je Erweiterungsgebiet (Jahr, Rate)", "District heating per expansion area (year, rate)"),
    "lever_dh_densification_pct": ("Verdichtung in Fernwärmegebieten (% je Jahr)", "Densification in district-heating areas (% per year)"),
    "lever_boiler_replacement": (
        "Kesseltausch am Lebensende (GEG 65 % ab 2027)",
        "Boiler replacement at end of life (GEG 65 % rule from 2027)",
    ),
    "lever_dh_share_at_replacement_pct": (
        "Anteil Fernwärme beim Kesseltausch im Netzgebiet (%)",
        "Share choosing district heating at replacement in network areas (%)",
    ),
    "lever_fallback_system": ("Ersatz, wo weder Netz noch Wärmepumpe passt", "Replacement where neither network nor heat pump fits"),
    "lever_h2_share_pct": ("Wasserstoff im Gasnetz (%)", "Hydrogen in the gas grid (%)"),
    "lever_project_ids": ("Projekte des Portfolios im Szenario", "Portfolio projects in the scenario"),
    "leverval_bisko": ("BISKO (kommunale Bilanz, jährlicher Strommix)", "BISKO (municipal balance, yearly power mix)"),
    "leverval_geg": ("GEG Anlage 9 (gesetzlich, konstant)", "GEG Anlage 9 (statutory, constant)"),
    "leverval_central": ("zentral", "central"),
    "leverval_slow": ("langsam", "slow"),
    "leverval_fast": ("schnell", "fast"),
    "leverval_frozen": ("wie heute (nur Projekte)", "as today (projects only)"),
    "leverval_wpg": ("WPG-Mindestanteile 2030/2040/2045", "WPG minimum shares 2030/2040/2045"),
    "leverval_gas_new": ("Gas-Brennwert", "Condensing gas"),
    "leverval_wood_new": ("Holz/Pellets", "Wood/pellets"),
    "leverval_hp_air": ("Luft-Wärmepumpe", "Air-source heat pump"),
    "leverval_True": ("ja", "yes"),
    "leverval_False": ("nein", "no"),
    "leverval_tabula": ("TABULA-Typologie", "TABULA typology"),
    # WPG Anlage 2 III indicator names (the model writes them in German, the law's wording)
    "ind_1 Endenergieverbrauch nach Sektor und Energieträger": (
        "1 Endenergieverbrauch nach Sektor und Energieträger",
        "1 Final energy by sector and carrier",
    ),
    "ind_2 Treibhausgasemissionen": ("2 Treibhausgasemissionen", "2 Greenhouse-gas emissions"),
    "ind_3 Leitungsgebundene Endenergie nach Energieträger": (
        "3 Leitungsgebundene Endenergie nach Energieträger",
        "3 Grid-bound final energy by carrier",
    ),
    "ind_3 Anteil der Energieträger an der leitungsgebundenen Endenergie": (
        "3 Anteil der Energieträger an der leitungsgebundenen Endenergie",
        "3 Share of carriers in grid-bound final energy",
    ),
    "ind_4 Anteil leitungsgebundener Wärme am Endenergieverbrauch": (
        "4 Anteil leitungsgebundener Wärme am Endenergieverbrauch",
        "4 Share of grid-bound heat in final energy",
    ),
    "ind_5 Gebäude mit Anschluss an ein Wärmenetz": ("5 Gebäude mit Anschluss an ein Wärmenetz", "5 Buildings connected to a heat network"),
    "ind_5 Anteil der Gebäude mit Anschluss an ein Wärmenetz": (
        "5 Anteil der Gebäude mit Anschluss an ein Wärmenetz",
        "5 Share of buildings connected to a heat network",
    ),
    "ind_6 Über das Gasnetz bezogene Endenergie nach Energieträger": (
        "6 Über das Gasnetz bezogene Endenergie nach Energieträger",
        "6 Final energy drawn from the gas grid by carrier",
    ),
    "ind_7 Gebäude mit Anschluss an ein Gasnetz": ("7 Gebäude mit Anschluss an ein Gasnetz", "7 Buildings connected to a gas grid"),
    "ind_7 Anteil der Gebäude mit Anschluss an ein Gasnetz": (
        "7 Anteil der Gebäude mit Anschluss an ein Gasnetz",
        "7 Share of buildings connected to a gas grid",
    ),
    "unit_Gebäude": ("Gebäude", "buildings"),
}


def tr(key: str, lang: str = "de", **values) -> str:
    """The text `key` in `lang` ('de' or 'en'), with `values` filled in."""
    de, en = TEXTS[key]
    text = en if lang == "en" else de
    return text.format(**values) if values else text


def label(prefix: str, code, lang: str = "de") -> str:
    """The label of a code (carrier, sector, project type, ...); the code itself if there is none."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return ""
    pair = LABELS.get(f"{prefix}_{code}")
    if pair is None:
        return str(code)
    return pair[1] if lang == "en" else pair[0]


HP_CLASSES = {
    "ground": ("Erdwärme-geeignet", "ground-suitable"),
    "air": ("Luft-geeignet", "air-suitable"),
    "limited": ("mit Maßnahmen", "with measures"),
}
CODED_LEVERS = ("factor_set", "el_path", "dh_path", "fallback_system", "boiler_replacement", "demand_basis")


def lever_text(lever: str, value, lang: str = "de") -> str:
    """A lever's value from the `levers` table as a reader reads it (codes named, series as 'year: value')."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    if lever in CODED_LEVERS:
        return label("leverval", text, lang)
    if lever == "project_ids":
        if not text:
            return tr("all_projects", lang)
        try:
            ids = json.loads(text)
        except ValueError:
            return text
        return ", ".join(map(str, ids)) if ids else tr("no_projects", lang)
    if lever in ("hp_adoption_pct", "dh_connection_by_area") and text.startswith("{"):
        try:
            spec = json.loads(text)
        except ValueError:
            return text
        if not spec:
            return "–"
        parts = []
        for key, series in spec.items():
            name = HP_CLASSES.get(key, (key, key))[1 if lang == "en" else 0]
            inner = ("; " if lang != "en" else ", ").join(
                f"{k}: {num(v, 1, lang) if isinstance(v, float) and not float(v).is_integer() else num(v, 0, lang) if isinstance(v, (int, float)) else v}"
                for k, v in series.items()
            )
            parts.append(f"{name} {inner}")
        return " / ".join(parts)
    if lang != "en" and _numeric_series(text):
        text = "; ".join(item.replace(".", ",") for item in text.split(", "))
    return text


def _numeric_series(text: str) -> bool:
    """'2024: 1.5, 2027: 4' or '85.0': a number or a series of numbers (shown with a decimal comma in German)."""
    parts = [p.split(":")[-1].strip() for p in text.split(",")] if text else []
    try:
        return bool(parts) and all(float(p) == float(p) for p in parts)
    except ValueError:
        return False


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(float(value)))
    except (TypeError, ValueError):
        return False


def num(value, decimals: int = 0, lang: str = "de") -> str:
    """1.234.567 (de) or 1,234,567 (en), as the app's ui.fmt.num; '–' for a missing value, and -0 as 0."""
    if _missing(value):
        return "–"
    x = round(float(value), decimals)
    if x == 0:
        x = 0.0
    text = f"{x:,.{decimals}f}"
    if lang != "en":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def pct(value, decimals: int = 1, lang: str = "de") -> str:
    return "–" if _missing(value) else f"{num(value, decimals, lang)} %"


def tonnes(value, lang: str = "de") -> str:
    """Tonnes rounded to whole tonnes, as every report shows them: '1.234.567 t'."""
    return f"{num(value, 0, lang)} t"


def date_text(iso: str, lang: str = "de") -> str:
    """'2026-11-22T07:38:55+00:00' as '22.11.2026 07:38 UTC' (de) or '2026-11-22 07:38 UTC' (en)."""
    if not iso:
        return ""
    day, _, time = str(iso).replace(" ", "T").partition("T")
    hm = time[:5]
    if lang != "en" and len(day) == 10:
        y, m, d = day.split("-")
        day = f"{d}.{m}.{y}"
    return f"{day} {hm} UTC".strip() if hm else day


def short_label(text, most: int) -> str:
    """`text` cut at a word boundary to at most `most` characters, with an ellipsis where cut (chart labels)."""
    text = str(text)
    if len(text) <= most:
        return text
    head = text[: most - 1]
    cut = head.rsplit(" ", 1)[0].rstrip(" ,;:(–-") or head.rstrip()
    return cut + "…"


__all__ = ["LABELS", "LANGS", "TEXTS", "date_text", "label", "lever_text", "num", "pct", "short_label", "tonnes", "tr"]

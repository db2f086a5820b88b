"""All texts of the app in one place: German first, English as a switch."""

from __future__ import annotations

import streamlit as st

LANGS = ("de", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("Wärmewende-Dashboard Dortmund", "Heat transition dashboard Dortmund"),
    "language": ("Sprache", "Language"),
    "mode_planner": ("Planungsmodus", "Planner mode"),
    "mode_public": ("Öffentliche Ansicht (nur lesen)", "Public view (read-only)"),
    "data_version": ("Datenstand", "Data version"),
    "page_overview": ("Übersicht", "Overview"),
    "overview_intro": (
        "Gebäude, Wärmebedarf und Treibhausgase der Stadt aus dem Wärme-Datenbestand. Alle Zahlen sind Summen über Gebäude; "
        "Quellen und Methode stehen unten und auf der Seite „Daten & Methodik“.",
        "Buildings, heat demand and greenhouse gases of the city from the heat warehouse. All figures are sums over buildings; "
        "sources and method are below and on the page “Data & method”.",
    ),
    "synthetic_notice": (
        "**Synthetische Gebäudedaten.** Die Einzelgebäude sind aus den Zellverteilungen des Zensus 2011 (100-m-Gitter) mit festem "
        "Zufallsstartwert erzeugt: Anzahl, Baualter, Heizungsart, Gebäudetyp und Wohnfläche stimmen je Zelle mit dem Zensus überein, "
        "Lage und Umriss der Gebäude, Energieträger und Sanierungsstand sind modelliert. Echte Umrisse nur in Bövinghausen (OpenStreetMap). "
        "Erweiterungsgebiete der Fernwärme sind illustrativ.",
        "**Synthetic building data.** The individual buildings are drawn from the Zensus 2011 cell distributions (100 m grid) with a fixed "
        "seed: number, age, heating type, building type and living area match the census per cell; position and footprint, energy "
        "carrier and retrofit state are modelled. Real footprints only in Bövinghausen (OpenStreetMap). District-heating expansion "
        "areas are illustrative.",
    ),
    "m_buildings": ("Gebäude mit Wohnraum", "Buildings with living space"),
    "m_heated_area": ("Beheizte Fläche", "Heated floor area"),
    "m_heat_demand": ("Wärmebedarf", "Heat demand"),
    "m_co2": ("Treibhausgase (Wärme)", "Greenhouse gases (heat)"),
    "m_dh_share": ("Anteil Fernwärme", "District-heating share"),
    "m_hp_share": ("Anteil Wärmepumpen", "Heat-pump share"),
    "help_co2": (
        "BISKO-Faktoren mit Vorketten, Bilanzjahr {year}; Strom 2024 aus UBA-Wert auf BISKO umgerechnet (abgeleitet).",
        "BISKO factors with upstream chains, balance year {year}; electricity 2024 scaled from UBA to BISKO (derived).",
    ),
    "help_share": ("Anteil der Gebäude", "Share of buildings"),
    "map_districts": ("Statistische Bezirke", "Statistical districts"),
    "map_metric": ("Kartenwert", "Map value"),
    "metric_density": ("Wärmedichte (MWh/ha·a)", "Heat density (MWh/ha·a)"),
    "metric_co2": ("Treibhausgase (t CO₂e/a)", "Greenhouse gases (t CO₂e/a)"),
    "metric_dh": ("Anteil Fernwärme (%)", "District-heating share (%)"),
    "legend": ("Legende", "Legend"),
    "no_basemap": (
        "Ohne Hintergrundkarte (keine Anfragen an Dritte). Eine eigene Karte lässt sich mit WAERME_BASEMAP_STYLE einstellen.",
        "No basemap (no third-party requests). A basemap can be set with WAERME_BASEMAP_STYLE.",
    ),
    "sources": ("Quellen und Lizenzen", "Sources and licences"),
    "tooltip_district": ("{name}", "{name}"),
    "error_db": ("Der Datenbestand konnte nicht geöffnet werden: {msg}", "The warehouse could not be opened: {msg}"),
    "synthetic": ("synthetisch", "synthetic"),
    "unit_gwh": ("GWh/a", "GWh/a"),
    "unit_kt": ("kt CO₂e/a", "kt CO₂e/a"),
    "unit_mio_m2": ("Mio. m²", "million m²"),
}


def lang() -> str:
    value = st.session_state.get("lang")
    if value in LANGS:
        return value
    q = st.query_params.get("lang")
    return q if q in LANGS else "de"


def t(key: str, **kwargs) -> str:
    de, en = TEXTS[key]
    text = de if lang() == "de" else en
    return text.format(**kwargs) if kwargs else text

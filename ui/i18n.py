"""All texts of the app in one place: German first, English as a switch."""

from __future__ import annotations

import streamlit as st

from reports.texts import LABELS

LANGS = ("de", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # carriers, sectors, supply areas, project types and statuses: the same words as in the reports
    **LABELS,
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
    "scenario": ("Szenario", "Scenario"),
    "unit_kt_short": ("kt CO₂e/a", "kt CO₂e/a"),
    "pathway_title": ("Pfad bis 2045 und Ziele", "Pathway to 2045 and targets"),
    "pathway_caption": (
        "Treibhausgase der Wärmeversorgung der Wohngebäude und der übrigen Fernwärmekunden (als Netzlast) im gewählten Szenario; "
        "Band: niedrige und hohe Variante der unsicheren Parameter (Wärmepumpen-Effizienz, Strompfad, Anschlussquote). "
        "Rauten: Klima-Luft 2030 und Klimaneutralität 2035, auf die Wärme übertragen (Annahme, siehe Daten & Methodik).",
        "Greenhouse gases of heating the residential buildings and the other district-heating customers (as network load) in the chosen "
        "scenario; band: low and high variant of the uncertain parameters (heat-pump performance, electricity path, connection rate). "
        "Diamonds: Klima-Luft 2030 and neutrality 2035 applied to heat (an assumption, see Data & method).",
    ),
    "series_scenario": ("Szenario", "Scenario"),
    "target": ("Ziel", "Target"),
    "gap_2030": ("Lücke zum Ziel 2030", "Gap to the 2030 target"),
    "gap_2035": ("Lücke zum Ziel 2035", "Gap to the 2035 target"),
    "gap_help": (
        "Emissionen des Szenarios minus Ziel, in kt CO₂e/a (positiv: Ziel verfehlt)",
        "Scenario emissions minus target, kt CO₂e/a (positive: target missed)",
    ),
    "carrier_mix": ("Energieträger (Wärmebedarf der Wohngebäude, GWh/a)", "Carriers (heat demand of residential buildings, GWh/a)"),
    "top_districts": ("Bezirke mit den höchsten Emissionen", "Districts with the highest emissions"),
    "col_district": ("Bezirk", "District"),
    "col_co2_kt": ("t CO₂e/a", "t CO₂e/a"),
    "col_density": ("Wärmedichte MWh/(ha·a)", "Heat density MWh/(ha·a)"),
    "col_dh_share": ("Fernwärme %", "District heating %"),
    "col_hp_pot": ("WP geeignet %", "HP suitable %"),
    "col_supply": ("Vorschlag Versorgungsgebiet", "Proposed supply area"),
    "col_buildings": ("Gebäude", "Buildings"),
    "sector_dh_other": ("weitere Fernwärmekunden (Netzlast)", "Other district-heating customers (network load)"),
    "page_quartiere": ("Quartiere", "Districts"),
    "q_intro": (
        "Ein Stadtbezirk oder statistischer Bezirk im Profil: Gebäudebestand, Energieträger, Wärmedichte, Fernwärme und geplante "
        "Erweiterung, Wärmepumpen-Potenzial, vorgeschlagenes Versorgungsgebiet, Emissionen heute und im Szenario, Projekte. "
        "Auswahl in der Liste oder per Klick in die Karte; ein zweiter Bezirk zum Vergleich.",
        "A Stadtbezirk or statistical district in profile: building stock, carriers, heat density, district heating and planned "
        "expansion, heat-pump potential, proposed supply area, emissions today and in the scenario, projects. Pick from the list or "
        "click the map; a second district to compare.",
    ),
    "q_level": ("Ebene", "Level"),
    "level_stadtbezirk": ("Stadtbezirke", "Stadtbezirke"),
    "level_statbez": ("Statistische Bezirke", "Statistical districts"),
    "q_district": ("Bezirk", "District"),
    "q_compare": ("Vergleichen mit", "Compare with"),
    "q_none": ("– kein Vergleich –", "– no comparison –"),
    "q_map_hint": ("Klick auf einen Bezirk wählt ihn aus.", "Click a district to select it."),
    "q_heat_demand": ("Wärmebedarf (GWh/a)", "Heat demand (GWh/a)"),
    "q_density": ("Wärmedichte (MWh/ha·a)", "Heat density (MWh/ha·a)"),
    "q_co2_today": ("Treibhausgase heute (t CO₂e/a)", "Greenhouse gases today (t CO₂e/a)"),
    "q_co2_year": ("im Szenario {year} (t CO₂e/a)", "in the scenario {year} (t CO₂e/a)"),
    "q_stock": ("Gebäudebestand nach Baualter und Typ", "Building stock by age and type"),
    "q_carriers": ("Energieträger (Gebäude)", "Carriers (buildings)"),
    "q_dh": ("Fernwärme", "District heating"),
    "q_dh_share": (
        "{share} der Gebäude heizen mit Fernwärme ({n} Gebäude).",
        "{share} of the buildings use district heating ({n} buildings).",
    ),
    "q_dh_areas": (
        "Bestehende Fernwärmegebiete (Proxy aus dem Zensus 2011)",
        "Existing district-heating areas (proxy from the 2011 census)",
    ),
    "q_expansion": ("Geplante Erweiterung (illustrativ) mit Jahr", "Planned expansion (illustrative) with year"),
    "q_no_expansion": ("Keine Erweiterungsgebiete in diesem Bezirk.", "No expansion areas in this district."),
    "q_hp": ("Wärmepumpen-Potenzial (Anteil der Gebäude)", "Heat-pump potential (share of buildings)"),
    "hp_ground": ("Erdwärme geeignet", "Ground source suitable"),
    "hp_air": ("Luft geeignet", "Air source suitable"),
    "hp_limited": ("mit Maßnahmen", "With measures"),
    "hp_unsuitable": ("ungeeignet", "Unsuitable"),
    "q_supply": ("Vorgeschlagenes Versorgungsgebiet (WPG, Vorschlag zur Prüfung)", "Proposed supply area (WPG, screening proposal)"),
    "q_supply_text": (
        "**{kind}** – Eignung Wärmenetz: {g_net}; Eignung dezentral: {g_dec}. Anteil der Gebäude in Zellen mit Vorschlag Wärmenetz {w}, dezentral {d}, Prüfgebiet {p}.",
        "**{kind}** – heat network: {g_net}; decentral: {g_dec}. Share of buildings in cells proposed as heat network {w}, decentral {d}, under review {p}.",
    ),
    "q_projects": ("Projekte in diesem Bezirk", "Projects in this district"),
    "q_no_projects": ("Kein Projekt des Portfolios erreicht diesen Bezirk.", "No portfolio project reaches this district."),
    "col_name": ("Name", "Name"),
    "col_owner": ("Träger", "Owner"),
    "col_type": ("Art", "Type"),
    "col_status": ("Status", "Status"),
    "col_years": ("Jahre", "Years"),
    "col_year": ("Jahr", "Year"),
    "col_age_class": ("Baualter", "Age class"),
    "col_building_type": ("Gebäudetyp", "Building type"),
    "col_share": ("Anteil", "Share"),
    "col_n_connected": ("angeschlossen", "connected"),
    "col_network": ("Netz", "Network"),
    "q_other_small": ("weitere (Gruppen unter 5 Gebäuden)", "others (groups under 5 buildings)"),
    "density_none": ("unter 70 MWh/(ha·a): kein Wärmenetz", "below 70 MWh/(ha·a): no heat network"),
    "density_new_build": ("70–175: Wärmenetz nur im Neubau", "70–175: heat network for new buildings only"),
    "density_low_temp": ("175–415: Niedertemperatur-Wärmenetz im Bestand", "175–415: low-temperature network in existing stock"),
    "density_conventional": ("415–1.050: konventionelles Wärmenetz", "415–1,050: conventional heat network"),
    "density_very_high": ("über 1.050: sehr hohe Eignung", "above 1,050: very high suitability"),
    "page_projekte": ("Projekte", "Projects"),
    "p_empty": (
        "Das Portfolio hat noch keine Projekte. {why}Planerinnen und Planer legen Projekte unten an oder importieren die ausgefüllte "
        "Portfolio-Vorlage (Seite „Daten importieren“, Art „Projekte“, oder `python -m heatdb import projects DATEI`).",
        "The portfolio has no projects yet. {why}Planners add projects below or import the filled-in portfolio template "
        "(page “Daten importieren”, kind “Projects”, or `python -m heatdb import projects FILE`).",
    ),
    "p_empty_other_city": (
        "Die mitgelieferten Projekte sind die von {default}; dieser Datenbestand ist der von {city}. ",
        "The shipped projects are {default}'s; this warehouse is {city}'s. ",
    ),
    "p_intro": (
        "Das Portfolio des Climate City Contracts: Maßnahmen der Stadt, von DEW21, DSW21, Wohnungsunternehmen und weiteren Partnern, "
        "mit ihrem Beitrag zur Minderung im gewählten Szenario. *Eigenständig*: Minderung, wenn nur dieses Projekt umgesetzt würde. "
        "*Zugerechnet*: fairer Anteil an der gemeinsamen Minderung (Shapley-Wert); die zugerechneten Beiträge summieren sich genau zur "
        "Minderung aller Projekte zusammen, nichts wird doppelt gezählt.",
        "The Climate City Contract portfolio: measures of the city, DEW21, DSW21, housing companies and other partners, with their "
        "contribution to the reduction in the chosen scenario. *Standalone*: the reduction if only this project were done. "
        "*Attributed*: its fair share of the joint reduction (Shapley value); the attributed contributions add up exactly to the reduction "
        "of all projects together, nothing is counted twice.",
    ),
    "p_computing": (
        "Beiträge werden berechnet (einmalig je Portfolio und Szenario, etwa 20 s) …",
        "Computing contributions (once per portfolio and scenario, about 20 s) …",
    ),
    "p_table": ("Projekte und Beiträge", "Projects and contributions"),
    "col_capex": ("Investition (Mio. €)", "Investment (€ m)"),
    "col_funding": ("Förderung (Mio. €)", "Funding (€ m)"),
    "col_attr": ("Beitrag {year} zugerechnet (t CO₂e/a)", "Contribution {year} attributed (t CO₂e/a)"),
    "col_range": ("Spanne {year} (t/a)", "Range {year} (t/a)"),
    "col_alone": ("eigenständig {year} (t/a)", "standalone {year} (t/a)"),
    "col_cum": ("kumuliert bis 2045 (t)", "cumulative to 2045 (t)"),
    "col_eur_t": ("€ je t CO₂e", "€ per t CO₂e"),
    "col_published": ("veröffentlicht (t/a)", "published (t/a)"),
    "col_approx": ("Zahlen geschätzt", "Figures estimated"),
    "col_source": ("Quelle", "Source"),
    "col_note": ("Hinweis", "Note"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "p_total": (
        "Alle Projekte zusammen mindern {y2030} t CO₂e im Jahr 2030 und {y2035} t im Jahr 2035 (Summe der zugerechneten Beiträge: {s2035} t).",
        "All projects together reduce {y2030} t CO₂e in 2030 and {y2035} t in 2035 (sum of the attributed contributions: {s2035} t).",
    ),
    "p_method": ("Zurechnung: {methods}", "Attribution: {methods}"),
    "p_wedges": ("Beiträge über die Jahre (zugerechnet, t CO₂e/a)", "Contributions over the years (attributed, t CO₂e/a)"),
    "p_waterfall": ("Von heute zum Ziel 2035", "From today to the 2035 target"),
    "wf_start": ("Emissionen 2024", "Emissions 2024"),
    "wf_trend": ("Entwicklung ohne Projekte bis 2035", "Change without projects to 2035"),
    "wf_end": ("Szenario 2035", "Scenario 2035"),
    "wf_gap": ("verbleibende Lücke zum Ziel 2035", "Remaining gap to the 2035 target"),
    "p_others": ("weitere Projekte", "other projects"),
    "p_by_owner": ("Beiträge 2035 nach Organisation (zugerechnet, t CO₂e/a)", "Contributions 2035 by organisation (attributed, t CO₂e/a)"),
    "p_areas": ("Wo die Projekte wirken", "Where the projects act"),
    "p_area_select": ("Projekt auf der Karte", "Project on the map"),
    "p_all_projects": ("alle Projekte (Anzahl je Bezirk)", "all projects (number per district)"),
    "p_network_project": (
        "Wirkt über das Fernwärmenetz {net} auf alle angeschlossenen Gebäude.",
        "Acts through the district-heating network {net} on all connected buildings.",
    ),
    "p_edit": ("Projekt anlegen oder bearbeiten", "Add or edit a project"),
    "p_new": ("– neues Projekt –", "– new project –"),
    "p_select_edit": ("Projekt", "Project"),
    "f_name": ("Name", "Name"),
    "f_owner": ("Träger (Organisation)", "Owner (organisation)"),
    "f_type": ("Art der Maßnahme", "Type of measure"),
    "f_status": ("Status", "Status"),
    "f_start": ("Beginn (Jahr)", "Start (year)"),
    "f_end": ("volle Wirkung ab (Jahr)", "Full effect from (year)"),
    "f_districts": ("Statistische Bezirke (Reichweite)", "Statistical districts (reach)"),
    "f_areas": ("Erweiterungsgebiete (Reichweite)", "Expansion areas (reach)"),
    "f_network": ("Fernwärmenetz", "District-heating network"),
    "f_share": (
        "Anschlussquote bis Ende (% der nicht angeschlossenen Gebäude)",
        "Connection share by the end (% of unconnected buildings)",
    ),
    "f_rate": ("Rate (% der geeigneten Gebäude je Jahr)", "Rate (% of eligible buildings per year)"),
    "f_heat": ("eingespeiste Wärme bei voller Wirkung (MWh/a)", "Heat fed in at full effect (MWh/a)"),
    "f_source": ("Wärmequelle", "Heat source"),
    "f_source_ef": (
        "Emissionsfaktor der Quelle (g/kWh, nur bei 'eigener Wert')",
        "Emission factor of the source (g/kWh, only for 'custom')",
    ),
    "f_depth": ("Sanierungstiefe", "Retrofit depth"),
    "f_target": ("Zielsystem (eigene Gebäude)", "Target system (own buildings)"),
    "f_capex": ("Investition (€)", "Investment (€)"),
    "f_funding": ("Förderung (€)", "Funding (€)"),
    "f_funding_source": ("Fördermittelgeber", "Funding source"),
    "f_published": ("veröffentlichte Minderung (t CO₂e/a, zum Vergleich)", "Published reduction (t CO₂e/a, for comparison)"),
    "f_ref": ("Quelle (URL oder Dokument)", "Source (URL or document)"),
    "f_approx": ("Zahlen sind geschätzt (nicht veröffentlicht)", "Figures are estimated (not published)"),
    "f_note": ("Hinweis", "Note"),
    "f_save": ("Speichern", "Save"),
    "f_delete": ("Projekt löschen", "Delete project"),
    "f_delete_confirm": ("Ja, dieses Projekt löschen", "Yes, delete this project"),
    "f_saved": ("Gespeichert: {name}", "Saved: {name}"),
    "f_deleted": ("Gelöscht: {name}", "Deleted: {name}"),
    "f_error": ("Nicht gespeichert: {msg}", "Not saved: {msg}"),
    "p_csv": ("Import und Export (CSV)", "Import and export (CSV)"),
    "p_csv_help": (
        "Spalten wie in der Vorlage; Bezirke als Namen, Codes oder ids, mehrere mit ; getrennt; * für alle. Die Datei wird vollständig geprüft; "
        "bei einem Fehler wird nichts übernommen.",
        "Columns as in the template; districts as names, codes or ids, several separated by ;, * for all. The file is checked completely; "
        "on any error nothing is taken over.",
    ),
    "p_csv_upload": ("CSV-Datei hochladen", "Upload a CSV file"),
    "p_csv_replace": ("Portfolio ersetzen (statt ergänzen)", "Replace the portfolio (instead of adding)"),
    "p_csv_import": ("Importieren", "Import"),
    "p_csv_done": ("{n} Projekte übernommen.", "{n} projects imported."),
    "p_csv_export": ("Portfolio als CSV", "Portfolio as CSV"),
    "p_public": ("In der öffentlichen Ansicht lassen sich Projekte nicht ändern.", "Projects cannot be changed in the public view."),
    "src_waste_heat": ("Abwärme", "Waste heat"),
    "src_solar_thermal": ("Solarthermie", "Solar thermal"),
    "src_large_hp": ("Großwärmepumpe", "Large heat pump"),
    "src_biomass": ("Biomasse", "Biomass"),
    "src_custom": ("eigener Wert", "Custom value"),
    "depth_": ("keine", "none"),
    "depth_standard": ("Standard (EnEV)", "Standard (EnEV)"),
    "depth_advanced": ("ambitioniert (KfW)", "Advanced (KfW)"),
    "target_hp": ("Wärmepumpe", "Heat pump"),
    "target_dh": ("Fernwärme", "District heating"),
    "page_szenarien": ("Szenarien", "Scenarios"),
    "s_intro": (
        "Szenarien sind gespeicherte Sätze von Stellschrauben über die Zeit. Bis zu drei lassen sich vergleichen: Pfade mit "
        "Unsicherheitsband, Lücken zu den Zielen 2030 und 2035 und die Indikatoren nach Anlage 2 III WPG. Jede Ansicht hat einen Link.",
        "Scenarios are saved sets of levers over time. Up to three can be compared: pathways with uncertainty bands, gaps to the 2030 "
        "and 2035 targets and the indicators of WPG Anlage 2 III. Every view has a link.",
    ),
    "s_compare": ("Szenarien vergleichen (bis zu drei)", "Compare scenarios (up to three)"),
    "s_gaps": ("Ziele und Lücken (t CO₂e/a)", "Targets and gaps (t CO₂e/a)"),
    "s_col_scenario": ("Szenario", "Scenario"),
    "s_col_2024": ("2024", "2024"),
    "s_col_path": ("Szenario {year}", "Scenario {year}"),
    "s_col_target": ("Ziel {year}", "Target {year}"),
    "s_col_gap": ("Lücke {year}", "Gap {year}"),
    "s_indicators": (
        "Indikatoren nach Anlage 2 III WPG (Wohngebäude und Fernwärme-Netzlast)",
        "Indicators of WPG Anlage 2 III (residential buildings and district-heating network load)",
    ),
    "s_col_indicator": ("Indikator", "Indicator"),
    "s_col_carrier": ("Energieträger", "Carrier"),
    "s_col_sector": ("Sektor", "Sector"),
    "s_col_unit": ("Einheit", "Unit"),
    "s_link": ("Link zu dieser Ansicht", "Link to this view"),
    "s_link_custom": (
        "Das eigene Szenario steckt im Link und wird nicht gespeichert.",
        "The custom scenario is encoded in the link and not saved.",
    ),
    "s_editor": ("Szenario bearbeiten", "Edit a scenario"),
    "s_base": ("Ausgangsszenario", "Start from"),
    "s_name": ("Name", "Name"),
    "s_levers": ("Stellschrauben über die Zeit (linear zwischen den Jahren)", "Levers over time (linear between the years)"),
    "lever_hp_ground": ("Wärmepumpen, Erdwärme-geeignet (% je Jahr)", "Heat pumps, ground-suitable (% per year)"),
    "lever_hp_air": ("Wärmepumpen, Luft-geeignet (% je Jahr)", "Heat pumps, air-suitable (% per year)"),
    "lever_hp_limited": ("Wärmepumpen, mit Maßnahmen (% je Jahr)", "Heat pumps, with measures (% per year)"),
    "s_by_area": ("Fernwärme je Erweiterungsgebiet", "District heating per expansion area"),
    "s_by_area_help": (
        "Leer lassen: das Gebiet folgt seinem geplanten Jahr und der allgemeinen Anschlussrate. Ein eigenes Jahr oder eine eigene Rate gilt nur für dieses Gebiet.",
        "Leave empty: the area follows its planned year and the general connection rate. An own year or rate applies to that area only.",
    ),
    "s_area_planned": ("geplant ab", "planned from"),
    "s_area_year": ("eigenes Jahr", "own year"),
    "s_area_rate": ("eigene Rate (% je Jahr)", "own rate (% per year)"),
    "s_factor_set": ("Emissionsfaktoren", "Emission factors"),
    "s_el_path": ("Strompfad", "Electricity path"),
    "s_dh_path": ("Fernwärme-Pfad", "District-heating path"),
    "s_fallback": ("Ersatz, wo weder Netz noch Wärmepumpe passt", "Replacement where neither network nor heat pump fits"),
    "s_dh_max": ("höchster Anschlussgrad in Erweiterungsgebieten (%)", "Highest connection share in expansion areas (%)"),
    "s_dh_choice": (
        "Anteil Fernwärme beim Kesseltausch im Netzgebiet (%)",
        "Share choosing district heating at replacement in network areas (%)",
    ),
    "s_replacement": ("Kesseltausch am Lebensende (ab 2027 nach GEG 65 %)", "Boiler replacement at end of life (GEG 65 % rule from 2027)"),
    "s_projects": ("Projekte des Portfolios im Szenario", "Portfolio projects in the scenario"),
    "s_apply": ("Für diese Sitzung übernehmen", "Use for this session"),
    "s_save": ("Als Szenario speichern", "Save as scenario"),
    "s_saved": ("Gespeichert: {name}", "Saved: {name}"),
    "s_error": ("Nicht übernommen: {msg}", "Not applied: {msg}"),
    "s_custom": ("eigenes Szenario (nicht gespeichert)", "custom scenario (not saved)"),
    "s_public_note": (
        "In der öffentlichen Ansicht gelten Änderungen nur für Ihre Sitzung.",
        "In the public view, changes apply to your session only.",
    ),
    "s_snapshot": ("Stand für den Rat einfrieren", "Freeze for the council"),
    "s_snapshot_help": (
        "Friert Eingaben und Ergebnisse des ersten Szenarios ein, mit Datenstand und Parameter-Prüfsumme: diese Zahlen bleiben, "
        "auch wenn sich Daten, Parameter oder Portfolio später ändern.",
        "Freezes inputs and results of the first scenario with data version and parameter hash: these numbers stay as filed even when "
        "data, parameters or the portfolio change later.",
    ),
    "s_snapshot_name": ("Bezeichnung (z. B. Vorlage Rat 2026/123)", "Label (e.g. council paper 2026/123)"),
    "s_snapshot_done": ("Eingefroren als {id}", "Frozen as {id}"),
    "s_snapshots": ("Eingefrorene Stände", "Frozen results"),
    "s_stale_areas": (
        "„{name}“ setzt Anschlussjahr oder -rate für Erweiterungsgebiete, die es im Datenbestand nicht mehr gibt ({ids}); diese Angaben "
        "wirken nicht. Im Editor unter „Fernwärme je Erweiterungsgebiet“ neu setzen und speichern.",
        "“{name}” sets a connection year or rate for expansion areas no longer in the data ({ids}); these settings have no effect. "
        "Set them again in the editor under “District heating per expansion area” and save.",
    ),
    "s_to_council": (
        "Eingefrorene Stände, Präsentation und Berichte: „Für den Rat“",
        "Frozen snapshots, presentation and reports: “For the council”",
    ),
    "s_snapshot_stale": (
        "Datenstand oder Parameter haben sich seitdem geändert; die eingefrorenen Zahlen gelten unverändert.",
        "Data version or parameters changed since; the frozen numbers stand as filed.",
    ),
    "fs_bisko": ("BISKO (kommunale Bilanz, jährlicher Strommix)", "BISKO (municipal balance, yearly power mix)"),
    "fs_geg": ("GEG Anlage 9 (gesetzlich, konstant)", "GEG Anlage 9 (statutory, constant)"),
    "el_central": ("zentral", "central"),
    "el_slow": ("langsam", "slow"),
    "el_fast": ("schnell", "fast"),
    "dhp_frozen": ("wie heute (nur Projekte)", "as today (projects only)"),
    "dhp_wpg": ("WPG-Mindestanteile 2030/2040/2045", "WPG minimum shares 2030/2040/2045"),
    "fb_gas_new": ("Gas-Brennwert", "Condensing gas"),
    "fb_wood_new": ("Holz/Pellets", "Wood/pellets"),
    "fb_hp_air": ("Luft-Wärmepumpe", "Air-source heat pump"),
    "page_zuhause": ("Mein Zuhause", "My home"),
    "z_intro": (
        "Was bedeutet die Wärmeplanung für meine Adresse? Geben Sie Straße und Hausnummer ein oder klicken Sie in die Karte.",
        "What does the heat plan mean for my address? Type street and house number or click the map.",
    ),
    "z_search": ("Adresse suchen", "Search an address"),
    "z_search_help": (
        "z. B. „Bövinghauser Straße 51“ – Adressen liegen bisher nur für Bövinghausen vor; überall sonst hilft ein Klick in die Karte.",
        "e.g. “Bövinghauser Straße 51” – addresses are available for Bövinghausen so far; elsewhere click the map.",
    ),
    "z_results": ("Treffer", "Matches"),
    "z_not_found": (
        "Keine passende Adresse gefunden. Prüfen Sie die Schreibweise oder klicken Sie in die Karte.",
        "No matching address found. Check the spelling or click the map.",
    ),
    "z_map_hint": (
        "Klick auf ein Sechseck zeigt die Antwort für diese Nachbarschaft.",
        "Click a hexagon to see the answer for that neighbourhood.",
    ),
    "z_map_legend": (
        "Gebäude, die sich für eine Wärmepumpe eignen (Erdwärme oder Luft)",
        "Buildings suited to a heat pump (ground or air source)",
    ),
    "z_map_tooltip": ("{hp} % der Gebäude eignen sich für eine Wärmepumpe", "{hp} % of the buildings suit a heat pump"),
    "z_answer_for": ("Antwort für: {place}", "Answer for: {place}"),
    "z_neighbourhood": ("Nachbarschaft in {district}", "neighbourhood in {district}"),
    "z_dh_title": ("Fernwärme", "District heating"),
    "z_dh_existing": (
        "Sie wohnen in einem Gebiet, in dem es heute schon Fernwärme gibt ({network}). Ob und wann Ihr Haus angeschlossen werden kann, "
        "erfahren Sie beim Netzbetreiber ({operator}).",
        "You live in an area that already has district heating ({network}). Whether and when your house can be connected, the network "
        "operator ({operator}) can tell you.",
    ),
    "z_dh_proxy": (
        "Hinweis: Die Gebiete sind aus dem Zensus 2011 abgeleitet und nicht der Leitungsplan von DEW21.",
        "Note: the areas are derived from the 2011 census, not DEW21's network plan.",
    ),
    "z_dh_planned": (
        "Ihre Umgebung liegt in einem Gebiet, in dem ein Ausbau der Fernwärme ab etwa **{year}** vorgesehen ist ({name}).",
        "Your neighbourhood lies in an area where district heating is planned from about **{year}** ({name}).",
    ),
    "z_dh_illustrative": (
        "Die Erweiterungsgebiete in dieser Anwendung sind **illustrativ** abgeleitet, kein Beschluss der Stadt oder von DEW21.",
        "The expansion areas in this app are derived **for illustration**, not a decision of the city or DEW21.",
    ),
    "z_dh_none": (
        "Für Ihre Adresse ist in diesem Entwurf kein Fernwärme-Ausbau vorgesehen.",
        "This draft plans no district-heating expansion at your address.",
    ),
    "z_supply_title": ("Vorgeschlagenes Versorgungsgebiet", "Proposed supply area"),
    "z_supply_waermenetzgebiet": (
        "Hier ist ein **Wärmenetz** voraussichtlich die günstigste klimafreundliche Lösung.",
        "Here a **heat network** is likely the cheapest climate-friendly solution.",
    ),
    "z_supply_dezentral": (
        "Hier werden Gebäude voraussichtlich **einzeln** klimafreundlich beheizt, meist mit einer Wärmepumpe.",
        "Here buildings will likely be heated **individually**, mostly with a heat pump.",
    ),
    "z_supply_pruefgebiet": (
        "Hier ist noch offen, ob ein Wärmenetz oder Einzelheizungen besser passen: ein **Prüfgebiet**.",
        "Here it is still open whether a heat network or individual heating fits better: an **area under review**.",
    ),
    "z_supply_note": (
        "Ein Vorschlag dieser Anwendung zur Prüfung, keine Festlegung (der Wärmeplan ist nicht verbindlich, § 23 WPG).",
        "A proposal of this app for review, not a designation (the heat plan is not binding, § 23 WPG).",
    ),
    "z_hp_title": ("Wärmepumpe", "Heat pump"),
    "z_hp_text": (
        "In Ihrer Umgebung ({n} Gebäude) eignen sich nach unserer Abschätzung **{good}** der Gebäude gut für eine Wärmepumpe "
        "({ground} Erdwärme, {air} Luft), weitere **{limited}** mit Maßnahmen wie größeren Heizkörpern oder Dämmung.",
        "In your neighbourhood ({n} buildings) we estimate that **{good}** of the buildings suit a heat pump well ({ground} ground source, "
        "{air} air source), another **{limited}** with measures such as larger radiators or insulation.",
    ),
    "z_hp_none": (
        "Für Ihre Umgebung liegen zu wenige Gebäude vor, um eine Aussage zu veröffentlichen.",
        "Too few buildings around your address to publish a statement.",
    ),
    "z_geg_title": ("Was bedeutet das für meine Heizung?", "What does this mean for my heating?"),
    "z_geg_text": (
        "- Ihre **bestehende Heizung darf weiterlaufen** und repariert werden.\n"
        "- Wer ab dem **1. Juli 2026** in Dortmund eine **neue Heizung** einbaut, muss mindestens **65 % erneuerbare Energie** nutzen "
        "(§ 71 GEG; für Großstädte gilt die Frist nach dem Termin der Wärmeplanung, 30.06.2026). Möglich sind z. B. Wärmepumpe, "
        "Fernwärme, Biomasse oder eine Hybridheizung.\n"
        "- Fällt die alte Heizung aus, gibt es **Übergangsfristen** (in der Regel 5 Jahre, § 71i GEG); ist ein **Fernwärmeanschluss** "
        "vertraglich absehbar, bis zu 10 Jahre (§ 71j GEG).\n"
        "- Gasheizungen, die bis dahin neu eingebaut werden, müssen ab 2029 steigende Anteile Biomethan oder Wasserstoff nutzen "
        "(15 % ab 2029, 30 % ab 2035, 60 % ab 2040; § 71 Abs. 9 GEG).\n\n"
        "Kurzüberblick ohne Gewähr, keine Rechtsberatung. Gesetzestext: gesetze-im-internet.de/geg_2024/__71.html",
        "- Your **existing heating may keep running** and be repaired.\n"
        "- Anyone installing a **new heating system** in Dortmund from **1 July 2026** must use at least **65 % renewable energy** "
        "(§ 71 GEG; for large cities the date follows the heat-plan deadline of 30.06.2026), e.g. a heat pump, district heating, "
        "biomass or a hybrid system.\n"
        "- If the old heating breaks down, there are **transition periods** (usually 5 years, § 71i GEG); if a **district-heating "
        "connection** is contractually in sight, up to 10 years (§ 71j GEG).\n"
        "- Gas boilers installed until then must use rising shares of biomethane or hydrogen from 2029 (15 % from 2029, 30 % from 2035, "
        "60 % from 2040; § 71 (9) GEG).\n\nA short overview without guarantee, not legal advice. Text of the law: gesetze-im-internet.de/geg_2024/__71.html",
    ),
    "z_advice_title": ("Wo bekomme ich Beratung?", "Where do I get advice?"),
    "z_advice_text": (
        "- **Energieberatung der Verbraucherzentrale NRW** in Dortmund (unabhängig, kostenlos oder günstig): verbraucherzentrale.nrw/energieberatung\n"
        "- **Dienstleistungszentrum Energieeffizienz und Klimaschutz (dlze)** der Stadt Dortmund: dortmund.de\n"
        "- **Förderung** für Heizungstausch und Sanierung (BEG): KfW (kfw.de) und BAFA (bafa.de)\n"
        "- Fernwärme: Ihr Netzbetreiber, in Dortmund meist **DEW21** (dew21.de)",
        "- **Energy advice of the Verbraucherzentrale NRW** in Dortmund (independent, free or cheap): verbraucherzentrale.nrw/energieberatung\n"
        "- **Dienstleistungszentrum Energieeffizienz und Klimaschutz (dlze)** of the city of Dortmund: dortmund.de\n"
        "- **Funding** for new heating and retrofits (BEG): KfW (kfw.de) and BAFA (bafa.de)\n"
        "- District heating: your network operator, in Dortmund mostly **DEW21** (dew21.de)",
    ),
    "z_geg_text_other": (
        "- Ihre **bestehende Heizung darf weiterlaufen** und repariert werden.\n"
        "- Wer in {city} eine **neue Heizung** einbaut, muss mindestens **65 % erneuerbare Energie** nutzen, sobald die Frist der "
        "Wärmeplanung abgelaufen ist: nach dem **30.06.2026** in Städten über 100.000 Einwohnern, nach dem **30.06.2028** in kleineren "
        "(früher, wenn die Gemeinde ein Gebiet auf Grundlage ihres Wärmeplans ausweist; § 71 Abs. 8 GEG). Möglich sind z. B. "
        "Wärmepumpe, Fernwärme, Biomasse oder eine Hybridheizung.\n"
        "- Fällt die alte Heizung aus, gibt es **Übergangsfristen** (in der Regel 5 Jahre, § 71i GEG); ist ein **Fernwärmeanschluss** "
        "vertraglich absehbar, bis zu 10 Jahre (§ 71j GEG).\n\n"
        "Kurzüberblick ohne Gewähr, keine Rechtsberatung. Gesetzestext: gesetze-im-internet.de/geg_2024/__71.html",
        "- Your **existing heating may keep running** and be repaired.\n"
        "- Anyone installing a **new heating system** in {city} must use at least **65 % renewable energy** once the heat-planning "
        "deadline has passed: after **30.06.2026** in cities above 100,000 inhabitants, after **30.06.2028** in smaller ones (earlier "
        "where the municipality designates an area on the basis of its heat plan; § 71 (8) GEG), e.g. a heat pump, district heating, "
        "biomass or a hybrid system.\n"
        "- If the old heating breaks down, there are **transition periods** (usually 5 years, § 71i GEG); if a **district-heating "
        "connection** is contractually in sight, up to 10 years (§ 71j GEG).\n\nA short overview without guarantee, not legal advice. "
        "Text of the law: gesetze-im-internet.de/geg_2024/__71.html",
    ),
    "z_advice_text_other": (
        "- **Energieberatung der Verbraucherzentrale** (unabhängig, kostenlos oder günstig): verbraucherzentrale-energieberatung.de\n"
        "- Die **Klimaschutz- oder Energieberatung der Stadt {city}**\n"
        "- **Förderung** für Heizungstausch und Sanierung (BEG): KfW (kfw.de) und BAFA (bafa.de)\n"
        "- Fernwärme: der Netzbetreiber vor Ort (meist die Stadtwerke)",
        "- **Energy advice of the Verbraucherzentrale** (independent, free or cheap): verbraucherzentrale-energieberatung.de\n"
        "- The **climate or energy advice of the city of {city}**\n"
        "- **Funding** for new heating and retrofits (BEG): KfW (kfw.de) and BAFA (bafa.de)\n"
        "- District heating: the local network operator (usually the Stadtwerke)",
    ),
    "z_privacy": (
        "Die Antwort beruht auf Gebieten und Zusammenfassungen über mindestens {n} Gebäude. Daten einzelner Häuser oder Haushalte "
        "werden weder angezeigt noch übertragen. Gebäudedaten sind synthetisch (siehe Hinweis).",
        "The answer uses areas and summaries over at least {n} buildings. Data of single houses or households are neither shown nor "
        "sent. Building data are synthetic (see notice).",
    ),
    "z_unit_cell": ("100-m-Zelle", "100 m cell"),
    "z_unit_h3_r9": ("Nachbarschaft (ca. 0,1 km²)", "neighbourhood (about 0.1 km²)"),
    "z_unit_h3_r8": ("Umgebung (ca. 0,7 km²)", "area (about 0.7 km²)"),
    "z_unit_statbez": ("statistischer Bezirk", "statistical district"),
    "page_karte": ("Karte", "Map"),
    "karte_intro": (
        "Wärmedichte, Wärmepumpen-Potenzial und vorgeschlagene Versorgungsgebiete als 100-m-Zellen oder H3-Sechsecke, dazu "
        "Fernwärme, geplante Erweiterungen und die Reichweite der Projekte. Ebenen links ein- und ausschalten; Werte im Tooltip.",
        "Heat density, heat-pump potential and proposed supply areas as 100 m cells or H3 hexagons, with district heating, "
        "planned expansion and the reach of the projects. Switch layers on the left; values in the tooltip.",
    ),
    "karte_layers": ("Ebenen", "Layers"),
    "karte_theme": ("Flächenthema", "Area theme"),
    "karte_theme_heat": ("Wärmedichte", "Heat density"),
    "karte_theme_hp": ("Wärmepumpen-Potenzial", "Heat-pump potential"),
    "karte_theme_supply": ("Vorgeschlagene Versorgungsgebiete", "Proposed supply areas"),
    "karte_theme_none": ("keins", "none"),
    "karte_grid": ("Raster", "Grid"),
    "karte_grid_cell": ("100-m-Zellen", "100 m cells"),
    "karte_grid_h3_8": ("H3 Stufe 8", "H3 res. 8"),
    "karte_grid_h3_9": ("H3 Stufe 9", "H3 res. 9"),
    "karte_overlays": ("Weitere Ebenen", "Overlays"),
    "karte_layer_dh": ("Bestehende Fernwärme", "Existing district heating"),
    "karte_layer_expansion": ("Geplante Erweiterung", "Planned expansion"),
    "karte_layer_projects": ("Projektgebiete", "Project areas"),
    "karte_layer_buildings": ("Einzelgebäude (ein Bezirk)", "Single buildings (one district)"),
    "karte_year": ("Erweiterung bis Jahr", "Expansion up to year"),
    "karte_district": ("Statistischer Bezirk", "Statistical district"),
    "karte_district_pick": ("Bezirk wählen", "Choose a district"),
    "karte_color_by": ("Färben nach", "Colour by"),
    "karte_color_carrier": ("Energieträger", "Heating carrier"),
    "karte_color_hp": ("Wärmepumpen-Eignung", "Heat-pump suitability"),
    "karte_project_types": ("Projektarten", "Project types"),
    "karte_unit_density": ("MWh/(ha·a)", "MWh/(ha·a)"),
    "karte_density_none": ("kein Wärmenetz", "no heat network"),
    "karte_density_new_build": ("Wärmenetz im Neubau", "heat network in new build"),
    "karte_density_low_temp": ("Niedertemperaturnetz im Bestand", "low-temperature network, existing stock"),
    "karte_density_conventional": ("konventionelles Wärmenetz", "conventional heat network"),
    "karte_density_very_high": ("sehr hohe Wärmenetzeignung", "very high heat-network suitability"),
    "karte_density_note": (
        "Klassengrenzen nach KEA-BW/Leitfaden Wärmeplanung (Annahme, Parameter density.edge.*).",
        "Class edges after KEA-BW/Leitfaden Wärmeplanung (assumption, parameters density.edge.*).",
    ),
    "karte_legend_hp": ("Gebäude mit WP-Eignung Erdwärme oder Luft", "Buildings suited for ground or air heat pumps"),
    "karte_hp_note": (
        "Ab 60 % schlagen wir dezentrale Versorgung vor (Parameter supply.hp_share_decentral_pct).",
        "From 60 % we propose decentral supply (parameter supply.hp_share_decentral_pct).",
    ),
    "karte_supply_waermenetzgebiet": ("Wärmenetzgebiet", "Heat-network area"),
    "karte_supply_dezentral": ("Gebiet für dezentrale Versorgung", "Decentral supply area"),
    "karte_supply_pruefgebiet": ("Prüfgebiet", "Area to be examined"),
    "karte_grade_very_likely": ("sehr wahrscheinlich geeignet", "very likely suitable"),
    "karte_grade_likely": ("wahrscheinlich geeignet", "likely suitable"),
    "karte_grade_unlikely": ("wahrscheinlich ungeeignet", "likely unsuitable"),
    "karte_grade_very_unlikely": ("sehr wahrscheinlich ungeeignet", "very likely unsuitable"),
    "karte_supply_caption": (
        "Versorgungsgebiete: ein Screening-Vorschlag nach unserer Regel (Wärmedichte, Anteile Fernwärme und Wärmepumpen-Eignung), "
        "keine rechtliche Festlegung und keine Ausweisung nach § 26 WPG. Eignungsstufen nach § 19 Abs. 2 WPG im Tooltip.",
        "Supply areas: a screening proposal by our rule (heat density, shares of district heating and heat-pump suitability), "
        "not a legal designation and no designation under § 26 WPG. Suitability grades of § 19 (2) WPG in the tooltip.",
    ),
    "karte_supply_grid_note": ("Versorgungsgebiete gibt es nur als 100-m-Zellen.", "Supply areas exist only as 100 m cells."),
    "karte_tip_buildings": ("Gebäude", "Buildings"),
    "karte_tip_density": ("Wärmedichte", "Heat density"),
    "karte_tip_hp": ("WP-geeignet (Erdwärme + Luft)", "HP-suited (ground + air)"),
    "karte_tip_grade_net": ("Wärmenetz", "Heat network"),
    "karte_tip_grade_dec": ("Dezentral", "Decentral"),
    "karte_tip_year": ("Jahr", "Year"),
    "karte_tip_status": ("Status", "Status"),
    "karte_tip_owner": ("Träger", "Owner"),
    "karte_tip_age": ("Baujahr", "built"),
    "karte_tip_carrier": ("Heizung", "Heating"),
    "karte_tip_hpclass": ("WP-Eignung", "HP suitability"),
    "karte_dh_legend": ("Fernwärmegebiet (Näherung aus dem Zensus 2011)", "District-heating area (proxy from the 2011 census)"),
    "karte_dh_tip_proxy": ("Näherung aus dem Zensus 2011, nicht das DEW21-Netz", "Proxy from the 2011 census, not the DEW21 network"),
    "karte_dh_caption": (
        "Bestehende Fernwärme: Näherung aus den Zensus-2011-Zellen mit Fernheizung, nicht der Netzplan der DEW21.",
        "Existing district heating: a proxy from the 2011 census cells with district heating, not the DEW21 network plan.",
    ),
    "karte_exp_filled": ("anschließbar bis {year}", "connectable by {year}"),
    "karte_exp_later": ("später (nur Umriss)", "later (outline only)"),
    "karte_exp_note": ("Illustrativ, keine Planung der DEW21.", "Illustrative, not a DEW21 plan."),
    "karte_exp_caption": (
        "Geplante Erweiterung: {filled} von {total} Gebieten bis {year} anschließbar. Gebiete und Jahre sind illustrativ, von uns aus "
        "Wärmedichte und Abstand zu den bestehenden Gebieten abgeleitet.",
        "Planned expansion: {filled} of {total} areas connectable by {year}. Areas and years are illustrative, derived by us from "
        "heat density and distance to the existing areas.",
    ),
    "karte_status_illustrative": ("illustrativ", "illustrative"),
    "karte_status_planned": ("geplant", "planned"),
    "karte_status_in_review": ("in Prüfung", "under review"),
    "karte_status_decided": ("beschlossen", "decided"),
    "karte_status_under_construction": ("im Bau", "under construction"),
    "karte_status_completed": ("fertig", "completed"),
    "karte_ptype_dh_expansion": ("Fernwärmeausbau", "District-heating expansion"),
    "karte_ptype_dh_decarbonisation": ("Dekarbonisierung Fernwärme", "District-heating decarbonisation"),
    "karte_ptype_hp_programme": ("Wärmepumpenprogramm", "Heat-pump programme"),
    "karte_ptype_retrofit_programme": ("Sanierungsprogramm", "Retrofit programme"),
    "karte_ptype_large_hp_or_solar_network": ("Großwärmepumpe oder Solarnetz", "Large heat pump or solar network"),
    "karte_ptype_own_building_conversion": ("Umstellung eigener Gebäude", "Conversion of own buildings"),
    "karte_pstatus_idea": ("Idee", "idea"),
    "karte_pstatus_planned": ("geplant", "planned"),
    "karte_pstatus_approved": ("beschlossen", "approved"),
    "karte_pstatus_in_progress": ("in Umsetzung", "in progress"),
    "karte_pstatus_completed": ("abgeschlossen", "completed"),
    "karte_pstatus_stopped": ("gestoppt", "stopped"),
    "karte_projects_caption": (
        "Projektgebiete: die Reichweite jedes Projekts (statistische Bezirke, Erweiterungsgebiete oder die Fernwärmegebiete seines "
        "Netzes); stadtweite Programme decken die ganze Stadt.",
        "Project areas: the reach of each project (statistical districts, expansion areas or the district-heating areas of its "
        "network); citywide programmes cover the whole city.",
    ),
    "karte_projects_missing": ("Ohne Fläche im Datenbestand: {names}", "No area in the warehouse: {names}"),
    "karte_buildings_caption": (
        "{n} Gebäude in {name}; synthetisch bis auf die OpenStreetMap-Umrisse in Bövinghausen. Nur im Planungsmodus.",
        "{n} buildings in {name}; synthetic except for the OpenStreetMap footprints in Bövinghausen. Planner mode only.",
    ),
    "karte_buildings_pick": ("Einzelgebäude: einen statistischen Bezirk wählen.", "Single buildings: choose a statistical district."),
    "karte_carrier_gas": ("Erdgas", "Natural gas"),
    "karte_carrier_oil": ("Heizöl", "Heating oil"),
    "karte_carrier_other_fossil": ("Flüssiggas, Kohle", "LPG, coal"),
    "karte_carrier_biomass": ("Holz, Biogas", "Wood, biogas"),
    "karte_carrier_electric": ("Strom (direkt)", "Electric (direct)"),
    "karte_carrier_heat_pump": ("Wärmepumpe", "Heat pump"),
    "karte_carrier_dh": ("Fernwärme", "District heating"),
    "karte_carrier_other": ("Sonstige", "Other"),
    "karte_hpclass_ground": ("Erdwärme", "Ground"),
    "karte_hpclass_air": ("Luft", "Air"),
    "karte_hpclass_limited": ("eingeschränkt", "limited"),
    "karte_hpclass_unsuitable": ("ungeeignet", "unsuitable"),
    "karte_hpclass_unknown": ("unbekannt", "unknown"),
    "karte_btype_sfh": ("Einfamilienhaus", "Single-family house"),
    "karte_btype_th": ("Reihenhaus", "Terraced house"),
    "karte_btype_mfh": ("Mehrfamilienhaus", "Multi-family house"),
    "karte_btype_ab": ("Wohnblock", "Apartment block"),
    "karte_btype_nr": ("Nichtwohngebäude", "Non-residential"),
    "karte_privacy_cells": (
        "Datenschutz: nur Zellen mit mindestens {k} Gebäuden; {n} Zellen sind ausgeblendet.",
        "Privacy: only cells with at least {k} buildings; {n} cells are hidden.",
    ),
    "karte_privacy_hex": (
        "Datenschutz: nur Sechsecke mit mindestens {k} Gebäuden; {merged} Sechsecke der Stufe 9 sind zu ihrem Elternsechseck "
        "(Stufe 8) zusammengefasst, {n} ausgeblendet.",
        "Privacy: only hexagons with at least {k} buildings; {merged} hexagons of res. 9 are merged into their parent (res. 8), "
        "{n} hidden.",
    ),
    "karte_too_many": (
        "Ebene {layer}: {n} Objekte, gezeigt werden die ersten {max}.",
        "Layer {layer}: {n} features, the first {max} are shown.",
    ),
    # --- page Daten & Methodik (ui/methodik.py holds the long method text) ---
    "page_methodik": ("Daten & Methodik", "Data & method"),
    "methodik_intro": (
        "Woher die Zahlen kommen und wie sie entstehen: alle Datensätze mit Lizenz, jeder Parameter mit Quelle und Art (Fakt, "
        "abgeleitet oder Annahme), die Gleichungen des Modells in Worten, die bekannten Grenzen und der Abgleich mit veröffentlichten Zahlen.",
        "Where the numbers come from and how they are made: every dataset with its licence, every parameter with its source and kind "
        "(fact, derived or assumption), the model's equations in words, the known limits and the calibration against published figures.",
    ),
    "methodik_tab_data": ("Datensätze", "Datasets"),
    "methodik_tab_params": ("Parameter", "Parameters"),
    "methodik_tab_method": ("Methode", "Method"),
    "methodik_tab_limits": ("Grenzen", "Known limits"),
    "methodik_tab_calibration": ("Abgleich", "Calibration"),
    "methodik_data_heading": ("Datensätze im Datenbestand", "Datasets in the warehouse"),
    "methodik_data_caption": (
        "Jede Zeile der Tabelle `data_sources`: Herkunft, Lizenz, Namensnennung und Stichtag. Synthetische Datensätze sind markiert: "
        "ihre Werte sind von uns erzeugt, nicht beobachtet.",
        "Every row of the table `data_sources`: origin, licence, attribution and reference date. Synthetic datasets are marked: their "
        "values are generated by us, not observed.",
    ),
    "methodik_badge_synthetic": ("synthetisch", "synthetic"),
    "methodik_badge_real": ("Quelldaten", "source data"),
    "methodik_origin": ("Herkunft", "Origin"),
    "methodik_licence": ("Lizenz", "Licence"),
    "methodik_attribution": ("Namensnennung", "Attribution"),
    "methodik_reference_date": ("Stichtag", "Reference date"),
    "methodik_tables": ("Tabellen", "Tables"),
    "methodik_notes": ("Hinweise", "Notes"),
    "methodik_not_given": ("nicht angegeben", "not given"),
    "methodik_build": ("Stand von Daten und Parametern", "Version of data and parameters"),
    "methodik_data_version": ("Datenstand", "Data version"),
    "methodik_built_at": ("erstellt", "built"),
    "methodik_params_hash": ("Parameter-Hash", "Parameter hash"),
    "methodik_seed": ("Zufallsstartwert", "Random seed"),
    "methodik_balance": ("Bilanzjahr und Faktorensatz der gespeicherten Zahlen", "Balance year and factor set of the stored figures"),
    "methodik_build_caption": (
        "Der Datenstand ist ein Hash der Quelldateien, der Parametertabellen und des Codes, der die Zahlen erzeugt; der Parameter-Hash "
        "ist ein Hash der geladenen Modellparameter. Mit beiden lässt sich prüfen, ob zwei Zahlen auf demselben Stand beruhen.",
        "The data version is a hash of the source files, the parameter tables and the code that makes the numbers; the parameter hash "
        "is a hash of the loaded model parameters. Both tell whether two numbers rest on the same basis.",
    ),
    "methodik_import_log": ("Importprotokoll", "Import log"),
    "methodik_import_log_empty": (
        "Keine Importe: alle Daten stammen aus dem Build mit den mitgelieferten Quellen.",
        "No imports: all data come from the build with the shipped sources.",
    ),
    # Daten importieren (planner mode only)
    "page_import": ("Daten importieren", "Import data"),
    "imp_intro": (
        "Eigene Daten in den Wärme-Datenbestand übernehmen. Jede Datei wird vollständig geprüft, bevor etwas geschrieben wird: "
        "Bei Fehlern wird nichts importiert, und die Liste nennt jedes Problem mit Zeile, Spalte, Wert und Lösung. "
        "Ein Import gelingt ganz oder gar nicht; dieselbe Datei ein zweites Mal ändert nichts.",
        "Bring your own data into the heat warehouse. Every file is checked completely before anything is written: "
        "with errors nothing is imported, and the list names every problem with row, column, value and fix. "
        "An import succeeds completely or not at all; the same file a second time changes nothing.",
    ),
    "imp_public": ("Diese Seite gibt es nur im Planungsmodus.", "This page exists in planner mode only."),
    "imp_kind": ("Art der Daten", "Kind of data"),
    "imp_file": ("Datei", "File"),
    "imp_licence": ("Lizenz der Datei", "Licence of the file"),
    "imp_licence_help": (
        "Wird mit dem Import gespeichert und bei den Quellen angezeigt, z. B. dl-de/by-2-0, ODbL-1.0 oder „intern“.",
        "Stored with the import and shown with the sources, e.g. dl-de/by-2-0, ODbL-1.0 or 'internal'.",
    ),
    "imp_go": ("Importieren", "Import"),
    "imp_go_skip": ("Ohne die fehlerhaften Zeilen importieren", "Import without the invalid rows"),
    "imp_skip": ("Fehlerhafte Zeilen überspringen", "Skip invalid rows"),
    "imp_skip_help": (
        "Die aufgeführten Zeilen werden weggelassen, der Rest wird importiert. Fehler der ganzen Datei lassen sich nicht überspringen.",
        "The listed rows are left out and the rest is imported. Problems of the whole file cannot be skipped.",
    ),
    "imp_progress_start": ("Import beginnt …", "Import starting …"),
    "imp_refused": (
        "{name}: {n} Problem(e) gefunden. Es wurde nichts importiert; die Datenbank ist unverändert.",
        "{name}: {n} problem(s) found. Nothing was imported; the database is unchanged.",
    ),
    "imp_capped": ("Die ersten {shown} von {n} Problemen sind aufgeführt.", "The first {shown} of {n} problems are listed."),
    "imp_skipped": ("{n} fehlerhafte Zeilen wurden übersprungen:", "{n} invalid rows were skipped:"),
    "imp_download": ("Problemliste als CSV (deutsch und englisch)", "Problem list as CSV (German and English)"),
    "imp_db_error": ("Datenbankfehler: {msg}", "Database error: {msg}"),
    "imp_col_file": ("Datei", "File"),
    "imp_col_row": ("Zeile", "Row"),
    "imp_col_column": ("Spalte", "Column"),
    "imp_col_value": ("Wert", "Value"),
    "imp_col_problem": ("Problem", "Problem"),
    "imp_col_fix": ("Lösung", "Fix"),
    "imp_template_xlsx": ("Vorlage als Excel (mit Erläuterungen)", "Template as Excel (with explanations)"),
    "imp_template_csv": ("Vorlage als CSV", "Template as CSV"),
    "imp_kind_districts": ("Bezirke (Grenzen)", "Districts (boundaries)"),
    "imp_kind_zensus_cells": ("Zensus 2011, 100-m-Zellen", "Zensus 2011, 100 m cells"),
    "imp_kind_dh_areas": ("Bestehende Fernwärmegebiete", "Existing district-heating areas"),
    "imp_layout": ("Attribute der Datei", "Attributes of the file"),
    "imp_layout_auto": ("automatisch erkennen", "detect automatically"),
    "imp_layout_osm": (
        "OpenStreetMap-Tags (building, building:levels, start_date, addr:*)",
        "OpenStreetMap tags (building, building:levels, start_date, addr:*)",
    ),
    "imp_layout_alkis": (
        "ALKIS (gebaeudefunktion, anzahlDerOberirdischenGeschosse, baujahr)",
        "ALKIS (gebaeudefunktion, anzahlDerOberirdischenGeschosse, baujahr)",
    ),
    "imp_layout_canonical": (
        "Standardspalten (building_id, building_type, construction_year, carrier, …)",
        "Standard columns (building_id, building_type, construction_year, carrier, …)",
    ),
    "imp_layout_custom": ("eigene Spaltenzuordnung (z. B. LANUV-Wärmebedarfsmodell)", "own column mapping (e.g. LANUV heat-demand model)"),
    "imp_map": (
        "Spaltenzuordnung: eine Zeile je Spalte, Quellspalte = Zielspalte",
        "Column mapping: one line per column, source column = target column",
    ),
    "imp_map_help": (
        "Zielspalten sind die Standardspalten (building_id, building_type, construction_year, carrier, living_area_m2, storeys, …) oder die "
        "ALKIS- bzw. OSM-Namen (gml_id, gebaeudefunktion, baujahr, anzahlDerOberirdischenGeschosse; building, building:levels). Die Spalten "
        "werden umbenannt und dann wie das Format gelesen, dem sie nun entsprechen.",
        "Target columns are the standard columns (building_id, building_type, construction_year, carrier, living_area_m2, storeys, …) or the "
        "ALKIS or OSM names (gml_id, gebaeudefunktion, baujahr, anzahlDerOberirdischenGeschosse; building, building:levels). The columns are "
        "renamed and then read as the layout they now match.",
    ),
    "imp_map_bad_line": (
        "Zeile {line} der Zuordnung („{text}“) ist keine Zuordnung: „Quellspalte = Zielspalte“ schreiben.",
        "Line {line} of the mapping (“{text}”) is not a mapping: write “source column = target column”.",
    ),
    "imp_map_twice": (
        "Zeile {line} der Zuordnung: die Spalte „{column}“ ist schon zugeordnet; eine Zeile löschen.",
        "Line {line} of the mapping: column “{column}” is mapped already; delete one line.",
    ),
    "imp_map_empty": (
        "Die Zuordnung ist leer: mindestens eine Zeile „Quellspalte = Zielspalte“ angeben.",
        "The mapping is empty: give at least one line “source column = target column”.",
    ),
    "imp_kind_buildings": ("Gebäude (Umrisse mit Merkmalen)", "Buildings (footprints with attributes)"),
    "imp_kind_addresses": ("Adressen (Hauskoordinaten NRW oder OSM)", "Addresses (NRW house coordinates or OSM)"),
    "imp_kind_zensus2022": ("Zensus 2022, 100-m-Gitter", "Zensus 2022, 100 m grid"),
    "imp_kind_consumption": ("Gemessener Verbrauch", "Metered consumption"),
    "imp_kind_dh_network": ("Fernwärmeleitungen", "District-heating pipes"),
    "imp_kind_dh_expansion": ("Fernwärme-Ausbaugebiete", "District-heating expansion areas"),
    "imp_kind_projects": ("Projekte (Portfolio-Vorlage)", "Projects (portfolio template)"),
    "imp_help_districts": (
        "GeoJSON, GeoPackage, GeoParquet oder gezipptes Shapefile mit Polygonen: level, code, name (parent_code) oder das Dortmunder Format.",
        "GeoJSON, GeoPackage, GeoParquet or zipped Shapefile with polygons: level, code, name (parent_code) or the Dortmund format.",
    ),
    "imp_help_zensus_cells": (
        "CSV (UTF-8, Komma) mit gitter_id_100m und den Zählspalten.",
        "CSV (UTF-8, comma) with gitter_id_100m and the count columns.",
    ),
    "imp_help_dh_areas": (
        "Polygone mit dh_area_id (oder zone_id), optional name, network_id.",
        "Polygons with dh_area_id (or zone_id), optional name, network_id.",
    ),
    "imp_help_buildings": (
        "Gebäudeumrisse (GeoJSON, GeoPackage, gezipptes Shapefile, GeoParquet; jedes Koordinatensystem mit EPSG-Code) mit building_id, building_type, "
        "construction_year, carrier und heated_area_m2 oder living_area_m2 – oder mit ihren OpenStreetMap-Tags (building, building:levels, start_date) "
        "bzw. ALKIS-Attributen (gebaeudefunktion, anzahlDerOberirdischenGeschosse, baujahr). Was fehlt, wird aus dem Zensus geschätzt und je Gebäude "
        "vermerkt; Garagen und Schuppen werden nicht übernommen. Ein Import ersetzt alle Gebäude.",
        "Footprints (GeoJSON, GeoPackage, zipped Shapefile, GeoParquet; any CRS with an EPSG code) with building_id, building_type, construction_year, "
        "carrier and heated_area_m2 or living_area_m2 – or with their OpenStreetMap tags (building, building:levels, start_date) or ALKIS attributes "
        "(gebaeudefunktion, anzahlDerOberirdischenGeschosse, baujahr). What is missing is estimated from the census and noted per building; garages "
        "and sheds are left out. An import replaces all buildings.",
    ),
    "imp_help_addresses": (
        "Hauskoordinaten NRW (HK-DE, Text mit ;) oder OSM-Punkte/Gebäude mit addr:street, addr:housenumber, addr:postcode.",
        "NRW house coordinates (HK-DE, text with ;) or OSM points/buildings with addr:street, addr:housenumber, addr:postcode.",
    ),
    "imp_help_projects": (
        "Die ausgefüllte Portfolio-Vorlage (Excel oder CSV, deutsche oder englische Spaltennamen); die Projekte kommen in das Projektportfolio.",
        "The filled-in portfolio template (Excel or CSV, German or English column names); the projects go into the project portfolio.",
    ),
    "methodik_tables_heading": ("Tabellen des Datenbestands", "Tables of the warehouse"),
    "methodik_tables_caption": (
        "Jede Tabelle mit Zeilenzahl und ihrer Beschreibung aus dem Schema (englisch, `heatdb/schema.py`); jede Spalte trägt in der "
        "Datenbank einen Kommentar mit Einheit und Bedeutung.",
        "Every table with its row count and its description from the schema (`heatdb/schema.py`); every column carries a comment "
        "with unit and meaning in the database.",
    ),
    "methodik_col_table_name": ("Tabelle", "Table"),
    "methodik_col_rows": ("Zeilen", "Rows"),
    "methodik_col_comment": ("Inhalt", "Content"),
    "methodik_params_heading": ("Parameter des Modells", "Model parameters"),
    "methodik_params_caption": (
        "Jede Zahl, die das Modell verwendet, ist eine Zeile in `ghgmodel/params/*.csv` mit Einheit, Quelle und Art: **Fakt** (in einer "
        "Quelle gesehen), **abgeleitet** (von uns aus belegten Werten berechnet, die Rechnung steht in der Begründung) oder "
        "**⚠️ Annahme** (nicht an einer Primärquelle geprüft). Zeitreihen haben eine Zeile je Jahr. Beschreibungen, Quellen und "
        "Begründungen sind englisch.",
        "Every number the model uses is a row in `ghgmodel/params/*.csv` with unit, source and kind: **fact** (seen in a source), "
        "**derived** (computed by us from sourced values, the arithmetic is in the rationale) or **⚠️ assumption** (not checked "
        "against a primary source). Year series have one row per year.",
    ),
    "methodik_kind_fact": ("Fakt", "fact"),
    "methodik_kind_derived": ("abgeleitet", "derived"),
    "methodik_kind_assumption": ("⚠️ Annahme", "⚠️ assumption"),
    "methodik_kind_help": (
        "Fakt: in einer Quelle gesehen. Abgeleitet: aus belegten Werten berechnet. Annahme: nicht an einer Primärquelle geprüft.",
        "Fact: seen in a source. Derived: computed from sourced values. Assumption: not checked against a primary source.",
    ),
    "methodik_kinds_summary": (
        "{fact} Fakten · {derived} abgeleitet · {assumption} Annahmen",
        "{fact} facts · {derived} derived · {assumption} assumptions",
    ),
    "methodik_filter_tables": ("Parametertabellen", "Parameter tables"),
    "methodik_all": ("alle", "all"),
    "methodik_filter_kinds": ("Art", "Kind"),
    "methodik_search": ("Suche", "Search"),
    "methodik_search_placeholder": ("Schlüssel oder Text, z. B. spf, GEG, district", "key or text, e.g. spf, GEG, district"),
    "methodik_rows_shown": (
        "{n} von {total} Zeilen, davon {assumptions} Annahmen",
        "{n} of {total} rows, {assumptions} of them assumptions",
    ),
    "methodik_download": ("Auswahl als CSV herunterladen", "Download the selection as CSV"),
    "methodik_col_table": ("Tabelle", "Table"),
    "methodik_col_key": ("Schlüssel", "Key"),
    "methodik_col_value": ("Wert", "Value"),
    "methodik_col_unit": ("Einheit", "Unit"),
    "methodik_col_kind": ("Art", "Kind"),
    "methodik_col_year": ("Jahr", "Year"),
    "methodik_col_description": ("Beschreibung", "Description"),
    "methodik_col_source": ("Quelle", "Source"),
    "methodik_col_reference": ("Fundstelle", "Reference"),
    "methodik_col_url": ("Link", "Link"),
    "methodik_col_rationale": ("Begründung", "Rationale"),
    "methodik_col_carrier": ("Energieträger", "Carrier"),
    "methodik_synth_heading": ("Parameter der synthetischen Daten und der Importe", "Parameters of the synthetic data and the imports"),
    "methodik_synth_caption": (
        "Mit diesen Werten (`heatdb/params/synth.csv`) erzeugt der Build die synthetischen Gebäude: Aufteilung der Heizungsarten auf "
        "Energieträger, Wohnungen und Geschosse je Typ, Größenklassen, Umrisse, Sanierungsziel. Mit denen aus `heatdb/params/formats.csv` "
        "lesen die Importe Gebäude aus OpenStreetMap und ALKIS, den Zensus 2022 und Verbrauchsdaten (z. B. kleinste beheizte Grundfläche, "
        "Anteil Erdwärmepumpen). Das Modell selbst liest sie nicht. Art und Suche von oben gelten auch hier.",
        "The build draws the synthetic buildings with these values (`heatdb/params/synth.csv`): split of heating types into carriers, "
        "dwellings and storeys per type, size classes, footprints, retrofit target. The imports read buildings from OpenStreetMap and ALKIS, "
        "the Zensus 2022 and consumption data with those of `heatdb/params/formats.csv` (e.g. smallest heated footprint, share of ground-source "
        "heat pumps). The model itself does not read them. Kind and search from above apply here too.",
    ),
    "methodik_method_intro": (
        "Die Gleichungen des Modells (`ghgmodel/`) und des Builds (`heatdb/`) in Worten. Jede Zahl im Text wird aus den "
        "Parametertabellen, den Voreinstellungen des Codes oder dem Datenbestand gelesen: es sind die Werte, mit denen gerechnet wird.",
        "The equations of the model (`ghgmodel/`) and of the build (`heatdb/`) in words. Every number in the text is read from the "
        "parameter tables, the code's defaults or the warehouse: they are the values the calculation uses.",
    ),
    "methodik_spf_caption": (
        "Erwartete Jahresarbeitszahl nach Vorlauftemperatur (`ghgmodel.systems.spf_at_flow_temperature`).",
        "Expected seasonal performance factor by flow temperature (`ghgmodel.systems.spf_at_flow_temperature`).",
    ),
    "methodik_flow_temp": ("Vorlauftemperatur", "Flow temperature"),
    "methodik_spf_air": ("JAZ Luft", "SPF air"),
    "methodik_spf_ground": ("JAZ Erdreich", "SPF ground"),
    "methodik_factor_caption": (
        "Emissionsfaktoren in g CO₂e/kWh Endenergie (`ghgmodel.factor_table`): GEG und BISKO im Bilanzjahr, danach BISKO mit dem "
        "zentralen Strompfad. Fernwärme mit dem angenommenen Netztyp; Netzprojekte und der WPG-Pfad ändern den Faktor eines Netzes im Pfad.",
        "Emission factors in g CO₂e/kWh of final energy (`ghgmodel.factor_table`): GEG and BISKO in the balance year, then BISKO with "
        "the central electricity path. District heating with the assumed network type; network projects and the WPG path change a "
        "network's factor in the pathway.",
    ),
    "methodik_alloc_caption": (
        "Anteile der Energieträger je Heizungsart des Zensus in % (`alloc.*` in `heatdb/params/synth.csv`).",
        "Shares of carriers per census heating type in % (`alloc.*` in `heatdb/params/synth.csv`).",
    ),
    "methodik_heating_type": ("Heizungsart (Zensus 2011)", "Heating type (2011 census)"),
    "methodik_heating_fernheizung": ("Fernheizung", "District heating"),
    "methodik_heating_etagenheizung": ("Etagenheizung", "Floor heating"),
    "methodik_heating_blockheizung": ("Blockheizung", "Block heating"),
    "methodik_heating_zentralheizung": ("Zentralheizung", "Central heating"),
    "methodik_heating_einzel_mehrraumoefen": ("Einzel-/Mehrraumöfen", "Single or multi-room stoves"),
    "methodik_heating_keine_heizung": ("keine Heizung", "No heating"),
    "methodik_limits_heading": ("Bekannte Grenzen", "Known limits"),
    "methodik_limits_intro": (
        "Was Daten und Modell nicht leisten – bitte bei jeder Zahl mitdenken:",
        "What the data and the model cannot do – please keep it in mind with every number:",
    ),
    "methodik_calib_heading": ("Abgleich mit veröffentlichten Zahlen", "Calibration against published figures"),
    "methodik_calib_intro": (
        "Die synthetischen Gebäude sollen die veröffentlichten Summen treffen. Hier steht der Datenbestand gegen den Zensus 2011, den "
        "Fernwärmeatlas und die Angabe der Stadt zur Effizienzklasse, jeweils mit der Abweichung in Prozent.",
        "The synthetic buildings are meant to match the published totals. Here the warehouse stands against the 2011 census, the "
        "Fernwärmeatlas and the city's figure on efficiency classes, each with the deviation in per cent.",
    ),
    "methodik_calib_buildings": ("Gebäude mit Wohnraum", "Buildings with living space"),
    "methodik_calib_buildings_delta": (
        "{dev} % ggü. {ref} im Zensus 2011 (Untergrenze)",
        "{dev} % against {ref} in the 2011 census (lower bound)",
    ),
    "methodik_calib_buildings_help": (
        "Gebäude im Datenbestand gegenüber der Summe der veröffentlichten Zellzahlen (`census_cells.geb_gesamt_publ`). Zahlen unter 3 "
        "sind gesperrt, die veröffentlichte Summe ist deshalb eine Untergrenze; der Unterschied ist die Korrektur der Geheimhaltung.",
        "Buildings in the warehouse against the sum of the published cell counts (`census_cells.geb_gesamt_publ`). Counts below 3 are "
        "suppressed, so the published sum is a lower bound; the difference is the suppression correction.",
    ),
    "methodik_calib_dwellings": ("Wohnungen", "Dwellings"),
    "methodik_calib_dwellings_delta": ("{dev} % ggü. {ref} im Zensus 2011", "{dev} % against {ref} in the 2011 census"),
    "methodik_calib_dwellings_help": (
        "Wohnungen der synthetischen Gebäude gegenüber den veröffentlichten Wohnungen (`census_cells.whg_gesamt_publ`). Ein- und "
        "Zweifamilienhäuser haben feste Wohnungszahlen, deshalb trifft die Skalierung die Zellsumme nicht immer.",
        "Dwellings of the synthetic buildings against the published dwellings (`census_cells.whg_gesamt_publ`). Single- and two-family "
        "houses have fixed numbers of dwellings, so the scaling does not always meet the cell total.",
    ),
    "methodik_calib_living": ("Wohnfläche (Mio. m²)", "Living area (million m²)"),
    "methodik_calib_living_delta": (
        "{dev} % ggü. {ref} Mio. m² (Zensus, aus Größenklassen geschätzt)",
        "{dev} % against {ref} million m² (census, estimated from size classes)",
    ),
    "methodik_calib_living_help": (
        "Summe der Wohnflächen gegenüber der Schätzung aus den Wohnungsgrößenklassen des Zensus (Klassenmitten, "
        "`census_cells.wohnflaeche_m2_geschaetzt`).",
        "Total living area against the estimate from the census dwelling-size classes (class midpoints, "
        "`census_cells.wohnflaeche_m2_geschaetzt`).",
    ),
    "methodik_calib_dh": ("Fernwärme der Wohngebäude, eingespeist (GWh/a)", "District heat of residential buildings, fed in (GWh/a)"),
    "methodik_calib_dh_delta": (
        "{dev} % ggü. {ref} GWh/a laut Fernwärmeatlas (alle Kunden)",
        "{dev} % against {ref} GWh/a in the Fernwärmeatlas (all customers)",
    ),
    "methodik_calib_dh_help": (
        "An die modellierten Wohngebäude gelieferte Fernwärme ({delivered} GWh/a), geteilt durch (1 − Netzverluste {loss}), gegenüber "
        "der Einspeisung aller Dortmunder Netze laut Fernwärmeatlas (Parameter `dh.fed_in_gwh_per_year`). Der Rest geht an "
        "Nichtwohngebäude und nicht erfasste Kunden; er läuft im Pfad als Netzlast mit.",
        "District heat delivered to the modelled residential buildings ({delivered} GWh/a), divided by (1 − network losses {loss}), "
        "against the heat fed into all of Dortmund's networks according to the Fernwärmeatlas (parameter `dh.fed_in_gwh_per_year`). The "
        "rest goes to non-residential and unrecorded customers; the pathway carries it as network load.",
    ),
    "methodik_calib_class_e": ("Gebäude in Effizienzklasse E oder besser", "Buildings in efficiency class E or better"),
    "methodik_calib_class_e_delta": ("Zielwert {ref} (Stadt Dortmund, 2024)", "target {ref} (City of Dortmund, 2024)"),
    "methodik_calib_class_e_help": (
        "Anteil der Gebäude mit weniger als {limit} kWh/(m²·a) Endenergie je beheizter Fläche im Bilanzjahr; die synthetischen "
        "Sanierungsstände sind so gezogen, dass dieser Anteil erreicht wird.",
        "Share of buildings below {limit} kWh/(m²·a) of final energy per heated area in the balance year; the synthetic retrofit states "
        "are drawn so that this share is met.",
    ),
    "methodik_calib_gas": ("Gebäude mit Gasheizung", "Buildings heated with gas"),
    "methodik_calib_gas_delta": (
        "Ziel der Aufteilung: 77,7 % (IT.NRW 2018, Wohnungen)",
        "aim of the split: 77.7 % (IT.NRW 2018, dwellings)",
    ),
    "methodik_calib_gas_help": (
        "Die Aufteilung der Zentralheizungen auf Energieträger ist so gewählt, dass Gas mit den veröffentlichten Zählungen 77,7 % der "
        "Gebäude heizen würde (Rechnung in `alloc.zentralheizung.gas`). Die beim Auffüllen ergänzten Gebäude verteilen sich auch auf "
        "Heizungsarten mit wenig Gas (Einzelöfen, Fernheizung); deshalb liegt der Anteil etwas niedriger.",
        "The split of central heating into carriers is chosen so that with the published counts gas would heat 77.7 % of buildings "
        "(arithmetic in `alloc.zentralheizung.gas`). The buildings added by the filling also go to heating types with little gas "
        "(stoves, district heating), so the share is a little lower.",
    ),
    "methodik_calib_caption": (
        "Alle Zahlen werden beim Laden der Seite aus dem Datenbestand abgefragt. Echte Umrisse aus OpenStreetMap: {n_osm} Gebäude. Die "
        "Tests schreiben dieselben Vergleiche nach `tests/artifacts/calibration_*.json`.",
        "All figures are queried from the warehouse when the page loads. Real footprints from OpenStreetMap: {n_osm} buildings. The "
        "tests write the same comparisons to `tests/artifacts/calibration_*.json`.",
    ),
    # --- For the council (ui/rat.py) ---
    "page_rat": ("Für den Rat", "For the council"),
    "r_intro": (
        "Ein eingefrorener Stand oder ein gespeichertes Szenario, Abschnitt für Abschnitt: der Pfad gegen die Ziele, was jedes Projekt "
        "beiträgt und welche Lücke bleibt, die Quartiere, und was der Rat beschließen würde. Ein eingefrorener Stand zeigt immer die "
        "Zahlen, mit denen er eingefroren wurde – auch wenn sich Daten, Parameter oder Portfolio seither geändert haben. Link: `rat?snapshot=ID`.",
        "A frozen snapshot or a saved scenario, section by section: the pathway against the targets, what each project contributes and "
        "the gap left, the districts, and what the council would decide. A frozen snapshot always shows the numbers it was frozen "
        "with, even when data, parameters or the portfolio changed since. Link: `rat?snapshot=ID`.",
    ),
    "r_live": ("Live-Berechnung", "live calculation"),
    "r_pick": ("Stand oder Szenario", "Snapshot or scenario"),
    "r_unknown": ("Einen eingefrorenen Stand „{id}“ gibt es hier nicht.", "There is no frozen snapshot “{id}” here."),
    "r_none": ("Noch kein Szenario und kein eingefrorener Stand.", "No scenario and no frozen snapshot yet."),
    "r_none_public": ("Es ist noch kein Stand für die Öffentlichkeit freigegeben.", "No snapshot has been published yet."),
    "r_computing": ("Berechne Pfad und Beiträge …", "Computing pathway and contributions …"),
    "r_frozen": (
        "🔒 **Eingefrorener Stand „{title}“** · ID `{id}` · eingefroren {at} UTC · Datenstand `{dv}` · Parameter `{ph}` · Prüfsumme `{sha}`",
        "🔒 **Frozen snapshot “{title}”** · ID `{id}` · frozen {at} UTC · data version `{dv}` · parameters `{ph}` · checksum `{sha}`",
    ),
    "r_changed": (
        "Seit dem Einfrieren haben sich geändert: {what}. Angezeigt werden unverändert die eingefrorenen Zahlen.",
        "Changed since the snapshot was frozen: {what}. The frozen numbers are shown unchanged.",
    ),
    "r_changed_data": ("der Datenbestand", "the data"),
    "r_changed_parameters": ("die Parameter", "the parameters"),
    "r_changed_portfolio": ("das Projektportfolio", "the project portfolio"),
    "r_unchanged": (
        "Daten, Parameter und Portfolio sind seit dem Einfrieren unverändert.",
        "Data, parameters and portfolio are unchanged since the snapshot was frozen.",
    ),
    "r_live_note": (
        "Live-Berechnung (nicht eingefroren) · Datenstand `{dv}` · Parameter `{ph}` · berechnet {at} UTC. Für eine Ratsvorlage den Stand einfrieren.",
        "Live calculation (not frozen) · data version `{dv}` · parameters `{ph}` · computed {at} UTC. Freeze it for a council paper.",
    ),
    "r_synthetic": (
        "Enthält synthetische Gebäudedaten (aus Zensus-Verteilungen erzeugt) und illustrative Erweiterungsgebiete; siehe Daten & Methodik.",
        "Contains synthetic building data (drawn from census distributions) and illustrative expansion areas; see Data & method.",
    ),
    "r_s_pathway": ("Der Pfad gegen die Ziele", "The pathway against the targets"),
    "r_s_contributions": ("Was jedes Projekt beiträgt – und die Lücke", "What each project contributes – and the gap"),
    "r_s_districts": ("Die Quartiere", "The districts"),
    "r_s_decision": ("Was der Rat beschließen würde", "What the council would decide"),
    "r_h_pathway": (
        "Von {y2024} kt CO₂e im Jahr 2024 auf {y2035} kt im Jahr 2035: zum Ziel 2035 fehlen {gap} kt.",
        "From {y2024} kt CO₂e in 2024 to {y2035} kt in 2035: {gap} kt short of the 2035 target.",
    ),
    "r_h_contrib": (
        "Die Projekte des Portfolios mindern 2035 zusammen {projects} kt CO₂e/a; es bleibt eine Lücke von {gap} kt.",
        "The portfolio's projects cut {projects} kt CO₂e/a in 2035; a gap of {gap} kt remains.",
    ),
    "r_h_districts": (
        "Die meisten Emissionen 2035 bleiben in {names}; die zehn größten Bezirke tragen {share} %.",
        "Most emissions left in 2035 are in {names}; the ten largest districts carry {share} %.",
    ),
    "r_h_decision": (
        "Beschluss über das Szenario „{name}“ mit {n} Projekten – und über Maßnahmen für die verbleibende Lücke von {gap} kt (2035).",
        "Decision on the scenario “{name}” with {n} projects – and on measures for the remaining gap of {gap} kt (2035).",
    ),
    "r_h_pathway_met": (
        "Von {y2024} kt CO₂e im Jahr 2024 auf {y2035} kt im Jahr 2035: das Ziel 2035 wird um {gap} kt unterschritten.",
        "From {y2024} kt CO₂e in 2024 to {y2035} kt in 2035: {gap} kt below the 2035 target.",
    ),
    "r_h_contrib_neg": (
        "In diesem Szenario liegen die Emissionen 2035 mit den Projekten des Portfolios um {projects} kt CO₂e/a höher als ohne sie "
        "(Beitrag je Projekt unten); es bleibt eine Lücke von {gap} kt.",
        "In this scenario 2035 emissions with the portfolio's projects are {projects} kt CO₂e/a higher than without them "
        "(each project's contribution below); a gap of {gap} kt remains.",
    ),
    "r_decide_met": (
        "- **Ziel {year}** ({target}): Pfad {path} kt CO₂e/a, {gap} kt unter dem Ziel",
        "- **Target {year}** ({target}): pathway {path} kt CO₂e/a, {gap} kt below the target",
    ),
    "r_below": ("unter dem Ziel", "below the target"),
    "r_other_projects": ("weitere {n} Projekte", "{n} further projects"),
    "r_m_without": ("2035 ohne die Projekte", "2035 without the projects"),
    "r_m_projects": ("Wirkung der Projekte 2035", "Effect of the projects in 2035"),
    "r_m_cut": ("weniger Emissionen", "fewer emissions"),
    "r_m_more": ("mehr Emissionen", "more emissions"),
    "r_bar_axis": ("Minderung 2035 je Projekt, kt CO₂e/a", "Reduction in 2035 per project, kt CO₂e/a"),
    "r_bar_cut": ("mindert die Emissionen", "cuts emissions"),
    "r_bar_more": ("erhöht die Emissionen", "raises emissions"),
    "r_bar_caption": (
        "Je Projekt sein Anteil an der Wirkung aller Projekte 2035 (Shapley-Aufteilung, Mittel über alle Reihenfolgen). Ein Fernwärme-Ausbau "
        "kann erhöhen, wo das Szenario die angeschlossenen Gebäude sonst auf Wärmepumpen umstellen würde und die Fernwärme 2035 noch "
        "Emissionen hat. Alle Projekte mit Spannweiten: Seite „Projekte“ und Bericht.",
        "Each project's share of the effect of all projects in 2035 (Shapley attribution, mean over all orders). A district-heating "
        "expansion can raise emissions where the scenario would otherwise move the connected buildings to heat pumps while district "
        "heating still emits in 2035. All projects with ranges: page “Projekte” and the report.",
    ),
    "r_m_2024": ("Emissionen 2024", "Emissions 2024"),
    "r_m_year": ("Pfad {year}", "Pathway {year}"),
    "r_gap": ("Lücke", "gap"),
    "r_band": (
        "Band: Spanne aus niedriger und hoher Variante der Annahmen (Wärmepumpen-Effizienz, Stromfaktoren, Sanierungstiefe).",
        "Band: range of the low and high variant of the assumptions (heat-pump efficiency, power factors, retrofit depth).",
    ),
    "r_no_projects": ("Keine Projektbeiträge in diesem Stand.", "No project contributions in this snapshot."),
    "r_owner_axis": ("Beitrag 2035 je Organisation, t CO₂e/a", "Contribution 2035 per organisation, t CO₂e/a"),
    "r_col_2030": ("Beitrag 2030, t CO₂e/a", "Contribution 2030, t CO₂e/a"),
    "r_col_2035": ("Beitrag 2035, t CO₂e/a", "Contribution 2035, t CO₂e/a"),
    "r_col_range": ("Spanne 2035, t", "Range 2035, t"),
    "r_map_legend": ("CO₂e 2024 → 2035 (Klassen: Fünftel der Bezirke)", "CO₂e 2024 → 2035 (classes: fifths of the districts)"),
    "r_map_expansion": (
        "Orange umrandet: Fernwärme-Erweiterungsgebiete (illustrativ).",
        "Outlined orange: district-heating expansion areas (illustrative).",
    ),
    "r_col_sb": ("Stadtbezirk", "Borough"),
    "r_col_co2_2024": ("CO₂e 2024, t", "CO₂e 2024, t"),
    "r_col_co2_2035": ("CO₂e 2035, t", "CO₂e 2035, t"),
    "r_col_change": ("Änderung, %", "Change, %"),
    "r_col_supply": ("Vorschlag Versorgungsgebiet", "Proposed supply area"),
    "r_decide_scenario": ("- **Szenario:** {name} (Emissionsfaktoren: {fs})", "- **Scenario:** {name} (emission factors: {fs})"),
    "r_decide_projects": (
        "- **Projekte:** {n} Maßnahmen, Investitionen zusammen {capex} Mio. €",
        "- **Projects:** {n} measures, investment together EUR {capex} million",
    ),
    "r_decide_gap": (
        "- **Ziel {year}** ({target}): Pfad {path} kt CO₂e/a, Lücke {gap} kt",
        "- **Target {year}** ({target}): pathway {path} kt CO₂e/a, gap {gap} kt",
    ),
    "r_decide_assumptions": (
        "- **Annahmen:** {n} Parameter sind Annahmen [U] (nicht belegt); sie stehen mit Quelle im Bericht und auf „Daten & Methodik“.",
        "- **Assumptions:** {n} parameters are assumptions [U] (not evidenced); they are listed with their source in the report and on “Data & method”.",
    ),
    "r_col_lever": ("Stellgröße", "Lever"),
    "r_col_value": ("Wert", "Value"),
    "r_present": ("Präsentationsmodus", "Presentation mode"),
    "r_present_help": (
        "Steuerelemente ausblenden, große Schrift, ein Abschnitt je Seite; mit „Weiter“ und „Zurück“ blättern. Link: `rat?snapshot=ID&present=1`.",
        "Hide the controls, large type, one section per page; step with “Next” and “Back”. Link: `rat?snapshot=ID&present=1`.",
    ),
    "r_stamp_frozen": ("Stand {id} · Daten {dv}", "Snapshot {id} · data {dv}"),
    "r_stamp_live": ("Live-Berechnung · Daten {dv}", "Live calculation · data {dv}"),
    "r_back": ("◀ Zurück", "◀ Back"),
    "r_next": ("Weiter ▶", "Next ▶"),
    "r_note": ("Notiz (z. B. Ausschuss und Sitzung)", "Note (e.g. committee and meeting)"),
    "r_open": ("Eingefrorenen Stand öffnen", "Open the frozen snapshot"),
    "r_published": ("öffentlich", "public"),
    "r_compare": ("Stände vergleichen", "Compare snapshots"),
    "r_cmp_path": ("Pfad {year}, t CO₂e/a", "Pathway {year}, t CO₂e/a"),
    "r_cmp_gap": ("Lücke zum Ziel {year}, t", "Gap to the {year} target, t"),
    "r_cmp_project": ("Beitrag 2035: {name}", "Contribution 2035: {name}"),
    "r_col_figure": ("Kennzahl", "Figure"),
    "r_reports": ("Berichte", "Reports"),
    "r_reports_help": (
        "PDF und Folien für die Sitzung, Excel mit den Tabellen hinter jeder Grafik, GeoPackage (EPSG:25832) für QGIS – aus genau diesen Zahlen.",
        "PDF and slides for the meeting, Excel with the tables behind every chart, GeoPackage (EPSG:25832) for QGIS – from exactly these numbers.",
    ),
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

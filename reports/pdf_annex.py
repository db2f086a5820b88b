"""The council document's annexes of figures: the pathway, the decomposition of the change into the federal framework,
the measures and the unbacked part, the scenario comparison, the heat networks, the supply areas, the maps, the
districts, the WPG indicators, a city balance and its reconciliation where the dataset has them, the assumptions
and the sources. Each section returns flowables; `annex(title)` makes its numbered heading."""

from __future__ import annotations

import math

import pandas as pd
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from locales import has, num, pct, text
from reports import council, maps, params_text, pdf_front
from reports.council import waterfall_rows
from reports.layers import attribution_line, layer_frame
from reports.pdf_kit import BODY_W, WIDE_H, WIDE_W, image, new_page, p, table
from reports.texts import change, code_text, column_label, day_text, eur, label, lever_text, supply_label, tonnes, tr

PATHWAY_YEARS = (2024, 2030, 2035, 2040, 2045)
EXTRA_TABLES = ("city_balance", "reconciliation")  # issue 13's tables: a page each when the dataset has them


def fmt(value, column: str, lang: str) -> str:
    """A cell as a reader writes it, by the column's unit: € amounts, shares with one decimal, tonnes and MWh whole,
    years as written, yes/no."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    if isinstance(value, bool):
        return tr("yes" if value else "no_word", lang)
    if column.endswith("_eur") or column.endswith("_eur_per_t"):
        return eur(value, lang)
    if column == "year" or column.endswith("_year") or column.startswith("year"):
        return str(int(value)) if isinstance(value, (int, float)) and float(value).is_integer() else str(value)
    if isinstance(value, (int, float)):
        decimals = 1 if column.endswith("_pct") else 0 if abs(float(value)) >= 100 or float(value).is_integer() else 2
        return num(value, decimals, lang)
    return str(value)


def generic(df: pd.DataFrame, lang: str, width: float = WIDE_W) -> list:
    """Any table with its headers from the catalogue and its cells formatted by unit (a table this renderer does not
    know in detail, e.g. a new one of the dataset)."""
    cols = list(df.columns)
    numeric = {
        j for j, c in enumerate(cols) if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) and "year" not in c
    }
    rows = [[fmt(code_text(c, v, lang), c, lang) for v, c in zip(rec, cols)] for rec in df.itertuples(index=False, name=None)]
    return [table([column_label(c, lang) for c in cols], rows, [1.0] * len(cols), numeric=numeric, width=width)]


# --- pathway and decomposition --------------------------------------------------------------------


def pathway(data, st, lang: str, charts: dict, annex) -> list:
    pw = data.table("pathway").set_index("year")
    tg = data.table("targets")
    out = [*new_page("landscape"), annex(tr("sec_pathway", lang)), image(charts["pathway"], max_height=0.95 * WIDE_H)]
    out.append(p(tr("band_help", lang), st["small"]))
    for rec in tg.itertuples():
        verdict = tr("gap_missed", lang) if rec.gap_t > 0 else tr("gap_met", lang)
        out.append(
            p(
                tr(
                    "gap_sentence",
                    lang,
                    year=rec.year,
                    path=num(rec.pathway_t, 0, lang),
                    target=rec.target,
                    target_t=num(rec.target_t, 0, lang),
                    gap=change(rec.gap_t, lang),
                    verdict=verdict,
                ),
                st["body"],
            )
        )
    years = [y for y in PATHWAY_YEARS if y in pw.index]
    rows = [[str(y), *[num(pw.loc[y, c], 0, lang) for c in ("co2e_t", "co2e_low_t", "co2e_high_t", "final_energy_mwh")]] for y in years]
    header = [tr("year", lang), tr("co2e_central", lang), tr("co2e_low", lang), tr("co2e_high", lang), tr("final_energy", lang)]
    out.append(
        KeepTogether([table(header, rows, [0.12, 0.22, 0.2, 0.2, 0.26], numeric={1, 2, 3, 4}), p(tr("gap_help", lang), st["small"])])
    )
    return out


def contributions(data, st, lang: str, charts: dict, annex) -> list:
    """The waterfall 2035 and its table for 2030 and 2035 (signed changes), the measures, the organisations."""
    out = [
        *new_page("landscape"),
        annex(tr("sec_contrib", lang)),
        image(charts["waterfall"], max_height=0.95 * WIDE_H),
        p(tr("contrib_help", lang), st["small"]),
    ]
    if data.table("contributions").empty:
        out.append(p(tr("no_projects", lang), st["body"]))
    rows = [
        [kind, what, *(num(v, 0, lang) if level else change(v, lang) for v in values)]
        for kind, what, level, values in waterfall_rows(data, lang)
    ]
    header = [tr("wf_col_kind", lang), tr("wf_col_what", lang), "2030 (t/a)", "2035 (t/a)"]
    out += [PageBreak(), p(tr("wf_table_heading", lang), st["h2"]), table(header, rows, [0.14, 0.64, 0.11, 0.11], numeric={2, 3}, size=7.5)]
    bo = data.table("by_owner")
    if not bo.empty:
        out += [PageBreak(), image(charts["by_owner"], max_height=0.95 * WIDE_H)]
        rows = [
            [
                r.owner,
                change(-r.attributed_2030_t, lang),
                change(-r.attributed_2035_t, lang),
                eur(r.capex_eur, lang) if r.capex_eur > 0 else tr("no_cost_figure", lang),
                eur(r.funding_eur, lang),
            ]
            for r in bo.itertuples()
        ]
        header = [tr("owner", lang), tr("change_2030", lang), tr("change_2035", lang), tr("capex", lang), tr("funding", lang)]
        out.append(table(header, rows, [0.44, 0.14, 0.14, 0.14, 0.14], numeric={1, 2, 3, 4}))
    return out


def comparison(data, st, lang: str, charts: dict, annex) -> list:
    s = data.tables.get("comparison_summary")
    if s is None or s.empty or "comparison" not in charts:
        return []
    rows = []
    for r in s.itertuples():
        rows.append(
            [
                r.scenario_name + (f" ({tr('this_report', lang)})" if r.is_main else ""),
                num(r.pathway_2030_t, 0, lang),
                change(r.gap_2030_t, lang),
                num(r.pathway_2035_t, 0, lang),
                change(r.gap_2035_t, lang),
                change(r.drivers_2035_t, lang),
                change(r.measures_2035_t, lang),
                change(r.unbacked_2035_t, lang),
            ]
        )
    header = [
        tr("scenario", lang),
        tr("cmp_path", lang, year=2030),
        tr("cmp_gap", lang, year=2030),
        tr("cmp_path", lang, year=2035),
        tr("cmp_gap", lang, year=2035),
        tr("kf_drivers_short", lang),
        tr("kf_measures_short", lang),
        tr("kf_unbacked_short", lang),
    ]
    return [
        *new_page("landscape"),
        annex(tr("sec_comparison", lang)),
        image(charts["comparison"], max_height=0.95 * WIDE_H),
        table(header, rows, [0.24, 0.1, 0.1, 0.1, 0.1, 0.12, 0.12, 0.12], numeric=set(range(1, 8))),
        p(tr("cmp_help", lang), st["small"]),
    ]


# --- networks, supply areas, maps ------------------------------------------------------------------


def networks(data, st, lang: str, charts: dict, annex) -> list:
    net = data.tables.get("networks")
    if net is None or net.empty:
        return []
    years = [y for y in (2030, 2035, 2040, 2045) if y in set(net["year"])]
    fed = net.groupby("network_id")["heat_fed_in_mwh"].sum()
    net = net[net["network_id"].isin(fed.index[fed > 0])]  # a network without heat (the model's generic one) has no row
    rows = []
    for r in net[net["year"].isin(years)].sort_values(["network_id", "year"]).itertuples():
        rows.append(
            [
                getattr(r, "network_name", r.network_id),
                str(r.year),
                num(r.heat_fed_in_mwh / 1000, 0, lang),
                num(r.ef_g_per_kwh, 0, lang),
                pct(r.renewable_or_waste_heat_share_pct, 0, lang),
                pct(r.backed_share_pct, 0, lang),
                pct(r.duty_share_pct, 0, lang),
                tr("met" if r.duty_met else "missed", lang),
                tr("met" if r.duty_met_backed else "missed", lang),
            ]
        )
    header = [
        tr("network", lang),
        tr("year", lang),
        tr("net_fed_gwh", lang),
        tr("net_factor", lang),
        tr("net_share", lang),
        tr("net_share_backed", lang),
        tr("net_duty", lang),
        tr("net_met", lang),
        tr("net_met_backed", lang),
    ]
    return [
        *new_page("landscape"),
        annex(tr("sec_networks", lang)),
        image(charts["networks"], max_height=0.95 * WIDE_H),
        p(tr("network_share_note", lang) + " " + tr("networks_help", lang), st["small"]),
        table(header, rows, [0.14, 0.07, 0.1, 0.1, 0.12, 0.13, 0.1, 0.12, 0.12], numeric={2, 3, 4, 5, 6}, size=7.5),
    ]


def supply(data, st, lang: str, charts: dict, annex) -> list:
    sa = layer_frame(data, "supply_areas")
    out = [
        *new_page("landscape"),
        annex(tr("sec_supply", lang)),
        image(charts["map_supply"], max_height=0.95 * WIDE_H),
        p(tr("supply_help", lang), st["small"]),
    ]
    if not sa.empty and "supply_area_type" in sa:
        keys = ["supply_area_type", *(["year"] if "year" in sa else [])]
        sa = sa.assign(area_ha=sa.area / 1e4)
        agg = {"area_ha": "sum"}
        if "n_buildings" in sa:
            agg["n_buildings"] = "sum"
        g = sa.groupby(keys, as_index=False).agg(agg)
        rows = [
            [
                supply_label(r["supply_area_type"], lang),
                *([str(int(r["year"]))] if "year" in g else []),
                num(r["area_ha"], 0, lang),
                num(r.get("n_buildings"), 0, lang),
            ]
            for r in g.to_dict(orient="records")
        ]
        header = [tr("supply", lang), *([tr("year", lang)] if "year" in g else []), tr("area_ha", lang), tr("n_buildings", lang)]
        out.append(
            table(
                header,
                rows,
                [0.4, *([0.1] if "year" in g else []), 0.2, 0.2],
                numeric={len(header) - 2, len(header) - 1},
                width=0.6 * WIDE_W,
            )
        )
    return out


def map_pages(data, st, lang: str, charts: dict, annex) -> list:
    out = [*new_page("landscape"), annex(tr("sec_maps", lang))]
    for i, name in enumerate(("map_districts", "map_dh", "map_projects")):
        block = [image(charts[name], max_height=0.95 * WIDE_H)]
        if name == "map_dh":
            block.append(p(tr("illustrative_note", lang), st["small"]))
        if i:
            out.append(PageBreak())
        out.append(KeepTogether(block))
        if name == "map_projects":
            out += _project_key(data, lang)
    return out


def _project_key(data, lang: str) -> list:
    """The numbers on the project map with each measure's name and area."""
    c = data.tables.get("contributions")
    if c is None or c.empty:
        return []
    numbers, wide = maps.project_numbers(data), maps.citywide_projects(data)
    rows = []
    for r in c.itertuples():
        ha = maps.reach_ha(data, r.project_id)
        where = tr("citywide", lang) if r.project_id in wide else (num(ha, 0, lang) + " ha" if ha == ha else tr("no_area", lang))
        rows.append([str(numbers.get(r.project_id, "")), r.name, label("ptype", r.project_type, lang), where])
    return [
        PageBreak(),
        table([tr("no", lang), tr("project", lang), tr("type", lang), tr("reach", lang)], rows, [0.05, 0.63, 0.18, 0.14], numeric={0}),
    ]


# --- tables ---------------------------------------------------------------------------------------


def districts(data, st, lang: str, charts: dict, annex) -> list:
    d = data.table("districts").sort_values("code", kind="stable")
    rows = [
        [
            r.code,
            r.name,
            r.stadtbezirk,
            num(r.n_buildings, 0, lang),
            num(r.heat_demand_mwh_per_year, 0, lang),
            pct(r.dh_share_pct, 1, lang),
            supply_label(r.supply_area_type, lang),
            num(r.co2e_2024_t, 0, lang),
            num(r.co2e_2030_t, 0, lang),
            num(r.co2e_2035_t, 0, lang),
            change(r.change_2024_2035_pct, lang, 1),
        ]
        for r in d.itertuples()
    ]
    sums = [
        "",
        tr("sum_districts", lang),
        "",
        num(d["n_buildings"].sum(), 0, lang),
        num(d["heat_demand_mwh_per_year"].sum(), 0, lang),
        "",
        "",
    ]
    sums += [num(d[f"co2e_{y}_t"].sum(), 0, lang) for y in (2024, 2030, 2035)] + [""]
    header = [
        tr("code", lang),
        tr("district", lang),
        tr("stadtbezirk", lang),
        tr("n_buildings", lang),
        tr("heat_mwh", lang),
        tr("dh_share", lang),
        tr("supply", lang),
        "2024 t",
        "2030 t",
        "2035 t",
        tr("change_pct", lang),
    ]
    out = [*new_page("landscape"), annex(tr("sec_districts", lang)), p(tr("districts_help", lang), st["small"])]
    note = council.district_note(data)
    if note:
        out.append(
            p(
                tr(
                    "district_sum_note",
                    lang,
                    year=note["year"],
                    districts=tonnes(note["districts_t"], lang),
                    city=tonnes(note["city_t"], lang),
                    difference=tonnes(note["difference_t"], lang),
                ),
                st["body"],
            )
        )
    out.append(
        table(
            header,
            [*rows, sums],
            [0.04, 0.15, 0.12, 0.07, 0.1, 0.07, 0.13, 0.08, 0.08, 0.08, 0.08],
            numeric={3, 4, 5, 7, 8, 9, 10},
            bold_last=True,
        )
    )
    return out


def indicators(data, st, lang: str, charts: dict, annex) -> list:
    ind = data.table("indicators")
    years = sorted(int(y) for y in ind["year"].unique())
    keys = ["indicator", "carrier", "sector", "unit"]
    wide = (
        ind.fillna({k: "" for k in keys}).pivot_table(index=keys, columns="year", values="value", aggfunc="sum", sort=False).reset_index()
    )
    rows = []
    for r in wide.to_dict(orient="records"):
        decimals = 1 if r["unit"] == "%" else 0
        rows.append(
            [
                label("ind", r["indicator"], lang),
                label("carrier", r["carrier"], lang) if r["carrier"] else "",
                label("sector", r["sector"], lang) if r["sector"] else "",
                label("unit", r["unit"], lang),
                *[num(r.get(y), decimals, lang) for y in years],
            ]
        )
    header = [tr("indicator", lang), tr("carrier", lang), tr("sector", lang), tr("unit", lang), *[str(y) for y in years]]
    widths = [0.33, 0.12, 0.15, 0.07] + [0.33 / max(1, len(years))] * len(years)
    return [
        *new_page("landscape"),
        annex(tr("sec_indicators", lang)),
        p(tr("indicators_help", lang), st["small"]),
        table(header, rows, widths, numeric=set(range(4, 4 + len(years)))),
    ]


BALANCE_YEARS = (2030, 2035, 2040, 2045)  # beside the first year: the years the WPG indicators are reported for


def _city_balance(df: pd.DataFrame, lang: str) -> list:
    """The city balance for the first year and the indicator years (all years are in the workbook)."""
    first = int(df["year"].min())
    shown = df[df["year"].isin([first, *BALANCE_YEARS])]
    return generic(shown.drop(columns=["floor_area_m2"], errors="ignore"), lang)


def _reconciliation(df: pd.DataFrame, lang: str) -> list:
    """Each figure of the model beside the published one, with its deviation, the band the tests hold and the reason,
    in the words of the app's Daten & Methodik (the same table)."""

    def value(v) -> str:
        return num(v, 1 if abs(v) < 1000 else 0, lang)

    rows = [
        [
            text("ui", f"recon_{r.figure}", lang) if has("ui", f"recon_{r.figure}") else r.figure,
            r.unit,
            value(r.model),
            value(r.published),
            change(r.deviation_pct, lang, decimals=1) + " %",
            "± " + num(r.band_pct, 0, lang) + " %",
            text("ui", r.explanation, lang) if has("ui", r.explanation) else "",
            r.source,
        ]
        for r in df.itertuples()
    ]
    keys = ("figure", "unit", "model", "published", "deviation", "band", "why", "source")
    header = [text("ui", f"recon_col_{k}", lang) for k in keys]
    return [table(header, rows, [0.13, 0.07, 0.07, 0.08, 0.07, 0.07, 0.33, 0.18], numeric={2, 3, 4, 5}, size=7.5)]


def extra_tables(data, st, lang: str, charts: dict, annex) -> list:
    """A page for each of issue 13's tables the dataset has: the city balance and its reconciliation."""
    out = []
    draw = {"city_balance": _city_balance, "reconciliation": _reconciliation}
    for name in EXTRA_TABLES:
        df = data.tables.get(name)
        if df is None or df.empty:
            continue
        known = name != "reconciliation" or {"figure", "unit", "model", "published", "explanation"} <= set(df.columns)
        body = draw[name](df, lang) if known else generic(df, lang)
        out += [*new_page("landscape"), annex(tr(f"sec_{name}", lang)), p(tr(f"{name}_help", lang), st["small"]), *body]
    return out


def assumptions(data, st, lang: str, charts: dict, annex) -> list:
    """The scenario's levers and every assumption [U] with a German name, value, unit, explanation and source."""
    out = [*new_page("portrait"), annex(tr("sec_assumptions", lang)), p(tr("levers", lang), st["h2"])]
    lv = data.table("levers")
    lv = lv[~lv["lever"].isin(["name", "description"])]
    rows = [[label("lever", r.lever, lang), lever_text(r.lever, r.value, lang)] for r in lv.itertuples()]
    out.append(table([tr("lever", lang), tr("value", lang)], rows, [0.45, 0.55], width=BODY_W))
    a = params_text.assumptions(data.table("parameters"), lang)
    out += [Spacer(1, 8), p(tr("n_assumptions", lang, n=len(a)), st["body"]), p(tr("u_marker", lang), st["small"])]
    rows = [
        [
            f"[U] {r.name}",
            r.value,
            r.unit.replace(" ", "\u00a0"),
            r.explanation if i == 0 or a["explanation"].iloc[i - 1] != r.explanation else tr("ditto", lang),
            r.source + ("" if r.checked else f" ({tr('not_checked', lang)})"),
        ]
        for i, r in enumerate(a.itertuples())
    ]
    header = [tr("param_key", lang), tr("value", lang), tr("param_unit", lang), tr("param_explanation", lang), tr("param_source", lang)]
    out.append(table(header, rows, [0.27, 0.08, 0.1, 0.33, 0.22], numeric={1}, width=BODY_W, size=7.5))
    out.append(p(tr("ditto_note", lang), st["small"]))
    return out


def sources(data, st, lang: str, charts: dict, annex) -> list:
    src = data.table("sources")
    rows = [
        [r.title, r.licence, r.attribution, day_text(r.reference_date, lang), tr("synthetic", lang) if bool(r.is_synthetic) else ""]
        for r in src.itertuples()
    ]
    header = [tr("source", lang), tr("licence", lang), tr("attribution_col", lang), tr("reference_date", lang), tr("data_kind", lang)]
    out = [CondPageBreak(0.4 * WIDE_H), annex(tr("sec_sources", lang)), p(tr("sources_help", lang), st["small"])]
    out += [table(header, rows, [0.3, 0.15, 0.33, 0.1, 0.12], width=BODY_W), Spacer(1, 8)]
    out.append(
        p(
            tr("attribution_maps", lang, text=attribution_line(data, "districts", *maps.MAP_LAYERS["map_dh"], "supply_areas", "projects")),
            st["small"],
        )
    )
    out.append(p(tr("software", lang), st["small"]))
    return [*out, Spacer(1, 10), *pdf_front.provenance(data, st, lang)]


__all__ = [
    "EXTRA_TABLES",
    "assumptions",
    "comparison",
    "contributions",
    "districts",
    "extra_tables",
    "fmt",
    "generic",
    "indicators",
    "map_pages",
    "networks",
    "pathway",
    "sources",
    "supply",
]

"""The Daten & Methodik page: datasets, parameters, method, known limits and calibration against published figures."""

from __future__ import annotations

import inspect
import re
from functools import cache

import numpy as np
import pandas as pd
import streamlit as st

from ghgmodel.contributions import calc_contributions
from ghgmodel.factors import dh_type_factor, factor_table
from ghgmodel.params import COLUMNS, Parameters, read_parameter_file
from ghgmodel.scenario import FIRST_YEAR, LAST_YEAR, Scenario
from ghgmodel.systems import spf_at_flow_temperature
from ghgmodel.targets import city_target_ratio_2030
from heatdb.schema import TABLES
from locales import num, pct
from ui import db, importe, model
from ui.i18n import has, lang, t

TABS = ("methodik_tab_data", "methodik_tab_params", "methodik_tab_method", "methodik_tab_limits", "methodik_tab_calibration")
KIND_KEYS = {"fact": "methodik_kind_fact", "derived": "methodik_kind_derived", "assumption": "methodik_kind_assumption"}
SEARCH_COLUMNS = ("key", "value", "unit", "description", "source", "reference", "url", "rationale", "table")
FLOW_TEMPS_C = (35, 45, 55, 70)
RAW_UNITS = ("year", "seed", "date", "type")
ASSUMPTION_STYLE = "background-color: #FFF4D6"
FACTOR_YEARS = (2030, 2035, 2045)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text) -> str:
    """Text from the database shown literally in markdown (no links, images, colours or maths)."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def _label(prefix: str, code: str) -> str:
    key = f"{prefix}_{code}"
    return t(key) if has(key) else code


# ---------------------------------------------------------------------------------------------
# 1 Datasets


@st.cache_data(show_spinner=False)
def _tables(version: str) -> pd.DataFrame:
    """Every table of the warehouse with its row count and the comment stored in the database."""
    cur = db.cursor()
    comments = dict(cur.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    names = [*TABLES, "import_log"]
    # names come from heatdb.schema, never from the user; a table the schema has but this (older) database lacks has no count
    rows = [int(cur.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) if n in comments else None for n in names]
    text = [comments.get(n) or (TABLES[n][0] if n in TABLES else "") for n in names]
    return pd.DataFrame({"table": names, "rows": rows, "comment": text})


def datasets() -> None:
    """Every row of data_sources with licence and attribution, the import log and the version of data and parameters."""
    st.subheader(t("methodik_data_heading"))
    st.caption(t("methodik_data_caption"))
    for rec in db.sources().itertuples():
        with st.container(border=True):
            badge = f":orange-badge[⚠️ {t('methodik_badge_synthetic')}]" if rec.is_synthetic else f":blue-badge[{t('methodik_badge_real')}]"
            st.markdown(f"**{md(rec.title)}** {badge}")
            rows = [
                ("methodik_origin", rec.origin),
                ("methodik_licence", rec.licence),
                ("methodik_attribution", rec.attribution),
                ("methodik_reference_date", rec.reference_date or t("methodik_not_given")),
                ("methodik_tables", rec.table_names),
                ("methodik_notes", rec.notes),
            ]
            st.markdown("  \n".join(f"**{t(k)}:** {md(v)}" for k, v in rows if v))
    build_info()
    importe.import_log()
    with st.expander(t("methodik_tables_heading")):
        _render_blocks(PROSE[lang()]["tables"][1], {})
        st.caption(t("methodik_tables_caption"))
        tables = _tables(db.data_version()).assign(rows=lambda f: [num(n, 0, lang()) for n in f["rows"]])
        st.dataframe(
            tables,
            hide_index=True,
            width="stretch",
            height=35 * (len(tables) + 1) + 3,
            column_config={
                "table": st.column_config.TextColumn(t("methodik_col_table_name"), width=180),
                "rows": st.column_config.TextColumn(t("methodik_col_rows"), width=90, alignment="right"),
                "comment": st.column_config.TextColumn(t("methodik_col_comment"), width="large"),
            },
        )


def build_info() -> None:
    meta = db.meta()

    def code(value) -> str:  # a code span shows its text literally; only a backtick could end it
        return f"`{str(value).replace('`', '')}`"

    st.subheader(t("methodik_build"))
    lines = [
        (t("methodik_data_version"), code(meta.get("data_version", "?"))),
        (t("methodik_built_at"), md(meta.get("built_at", "")[:19].replace("T", " ")) + " UTC"),
        (t("methodik_params_hash"), code(model.params_hash())),
        (t("methodik_seed"), code(meta.get("seed", ""))),
        (t("methodik_balance"), f"{md(meta.get('balance_year', ''))} · {md(meta.get('factor_set', '')).upper()}"),
    ]
    st.markdown("  \n".join(f"**{k}:** {v}" for k, v in lines))
    st.caption(t("methodik_build_caption"))


# ---------------------------------------------------------------------------------------------
# 2 Parameters


@st.cache_resource(show_spinner=False)
def synth_parameters() -> pd.DataFrame:
    """The generator's and the importers' parameters (heatdb/params/synth.csv, formats.csv), checked by the same loader as the model's."""
    from heatdb.build import FORMATS_PARAMS, SYNTH_PARAMS  # the build module is heavy; only this page needs the paths

    return pd.concat([read_parameter_file(SYNTH_PARAMS), read_parameter_file(FORMATS_PARAMS)], ignore_index=True)


def format_value(value: str, unit: str, lg: str) -> str:
    """A parameter value in the language's number format, with the decimals it was given with (years and seeds as they are)."""
    if unit in RAW_UNITS:
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    decimals = len(value.split(".", 1)[1]) if "." in value and "e" not in value.lower() else 0
    return num(number, decimals, lg)


def filter_parameters(table: pd.DataFrame, *, tables=(), kinds=(), query: str = "") -> pd.DataFrame:
    """Rows of a parameter table in the chosen tables and kinds whose text contains `query` (empty choices mean all)."""
    keep = pd.Series(True, index=table.index)
    if tables:
        keep &= table["table"].isin(list(tables))
    if kinds:
        keep &= table["kind"].isin(list(kinds))
    query = (query or "").strip()
    if query:
        text = table[list(SEARCH_COLUMNS)].astype(str).agg(" | ".join, axis=1)
        keep &= text.str.contains(query, case=False, regex=False)
    return table[keep]


def display_frame(table: pd.DataFrame, lg: str) -> pd.DataFrame:
    """Parameter rows for the screen: localised values and kind labels, the columns of the CSV files."""
    out = table[["table", *COLUMNS]].copy()
    out["value"] = [format_value(v, u, lg) for v, u in zip(table["value"], table["unit"])]
    out["kind"] = table["kind"].map(lambda k: t(KIND_KEYS[k]))
    out["url"] = table["url"].where(table["url"].str.startswith(("http://", "https://")), None)
    return out.reset_index(drop=True)


def _height(rows: int, most: int) -> int:
    """Pixel height of a dataframe showing `rows` rows (and its header), at most `most`."""
    return min(most, 35 * (max(rows, 1) + 1) + 3)


def _styled(frame: pd.DataFrame):
    """Assumption rows on a pale yellow ground, so that they stand out without reading the kind column."""
    marked = frame["kind"] == t(KIND_KEYS["assumption"])
    return frame.style.apply(lambda row: [ASSUMPTION_STYLE if marked[row.name] else ""] * len(row), axis=1)


def _column_config() -> dict:
    text = st.column_config.TextColumn
    return {
        "table": text(t("methodik_col_table"), width=140),
        "key": text(t("methodik_col_key"), pinned=True, width=230),
        "value": text(t("methodik_col_value"), width=90),
        "unit": text(t("methodik_col_unit"), width=90),
        "kind": text(t("methodik_col_kind"), width=125, help=t("methodik_kind_help")),
        "valid_year": text(t("methodik_col_year"), width=60),
        "description": text(t("methodik_col_description"), width=380),
        "source": text(t("methodik_col_source"), width=260),
        "reference": text(t("methodik_col_reference"), width=220),
        "url": st.column_config.LinkColumn(t("methodik_col_url"), display_text=r"https?://(?:www\.)?([^/]+)", width=150),
        "rationale": text(t("methodik_col_rationale"), width=420),
    }


def _kind_summary(table: pd.DataFrame) -> str:
    n = table["kind"].value_counts()
    return t("methodik_kinds_summary", fact=int(n.get("fact", 0)), derived=int(n.get("derived", 0)), assumption=int(n.get("assumption", 0)))


def _parameter_table(frame, lg: str, *, key: str, max_height: int, file_name: str, download_key: str) -> None:
    """One parameter table with its CSV download (the rows shown, all columns with sources)."""
    st.dataframe(
        _styled(display_frame(frame, lg)),
        hide_index=True,
        width="stretch",
        height=_height(len(frame), max_height),
        column_config=_column_config(),
        key=key,
    )
    st.download_button(
        t("methodik_download"),
        frame[["table", *COLUMNS]].to_csv(index=False).encode("utf-8"),
        file_name=file_name,
        mime="text/csv",
        key=download_key,
        on_click="ignore",
        icon="⬇️",
    )


def parameters() -> None:
    """The model's parameters with filters, search, clickable links and a CSV download; then the generator's."""
    lg = lang()
    table = model.params().table
    st.subheader(t("methodik_params_heading"))
    st.markdown(t("methodik_params_caption"))
    st.caption(_kind_summary(table))
    left, mid, right = st.columns([2, 2, 3])
    with left:
        tables = st.multiselect(
            t("methodik_filter_tables"), sorted(table["table"].unique()), key="methodik_tables", placeholder=t("methodik_all")
        )
    with mid:
        kinds = st.pills(
            t("methodik_filter_kinds"),
            list(KIND_KEYS),
            selection_mode="multi",
            default=list(KIND_KEYS),
            format_func=lambda k: t(KIND_KEYS[k]),
            key="methodik_kinds",
        )
    with right:
        query = st.text_input(t("methodik_search"), key="methodik_search", placeholder=t("methodik_search_placeholder"))
    shown = filter_parameters(table, tables=tables, kinds=kinds, query=query)
    st.caption(t("methodik_rows_shown", n=len(shown), total=len(table), assumptions=int((shown["kind"] == "assumption").sum())))
    _parameter_table(
        shown, lg, key="methodik_param_table", max_height=520, file_name="ghgmodel_parameter.csv", download_key="methodik_download"
    )

    synth = synth_parameters()
    st.subheader(t("methodik_synth_heading"))
    st.markdown(t("methodik_synth_caption"))
    st.caption(_kind_summary(synth))
    shown_synth = filter_parameters(synth, kinds=kinds, query=query)
    _parameter_table(
        shown_synth, lg, key="methodik_synth_table", max_height=400, file_name="synth_parameter.csv", download_key="methodik_download_synth"
    )


# ---------------------------------------------------------------------------------------------
# 3 Method and 4 limits


@cache
def _function_default(func, name: str):
    return inspect.signature(func).parameters[name].default


def bisko_standins(params: Parameters) -> list[str]:
    """Keys of the BISKO set that stand in for a value we could not read in a BISKO source."""
    tab = params.table
    rows = tab[tab["key"].str.startswith("ef.bisko.")]
    mark = rows["description"].str.contains("stand-in", case=False) | rows["rationale"].str.contains(
        "BISKO value not available|no BISKO", case=False
    )
    return list(dict.fromkeys(rows.loc[mark, "key"]))


def method_values(lg: str) -> dict[str, str]:
    """Every number the method text quotes, read from the parameters, the code's defaults and the database."""
    p = model.params()
    s = Parameters(synth_parameters())
    meta = db.meta()
    cal = calibration_figures()
    sc = Scenario(name="defaults")

    def n(value, decimals=0):
        return num(value, decimals, lg)

    def v(key, decimals=0, year=None):
        return n(p.value(key, year), decimals)

    el_years = p.series("ef.bisko.electricity")
    city_1990 = p.value("city.ghg_t_per_year", 2020) / (1 - p.value("city.reduction_vs_1990_pct", 2020) / 100)
    target_2030 = city_1990 * (1 - p.value("target.klima_luft_2030.reduction_vs_1990_pct") / 100)
    ratio = city_target_ratio_2030(p)
    per_probe = p.value("hp.probe_depth_m") * p.value("hp.probe_extraction_w_per_m") * p.value("hp.probe_full_load_hours") / 1e6
    noise_r1 = 10 ** ((p.value("hp.air_unit_sound_power_db") - p.value("hp.noise_geometry_db") - p.value("hp.noise_limit_night_db")) / 20)
    wpg = p.series("wpg.dh_renewable_min_share")
    return {
        "first_year": str(FIRST_YEAR),
        "last_year": str(LAST_YEAR),
        "first_change": str(FIRST_YEAR + 1),
        "balance_year": str(meta.get("balance_year", "")),
        "a_ref": v("a_c_ref_per_living_area", 2),
        "q_w_small": v("q_w_nd.SFH"),
        "q_w_large": v("q_w_nd.MFH"),
        "rf_std": v("retrofit_factor.standard.0_1983", 2),
        "rf_adv": v("retrofit_factor.advanced.0_1983", 2),
        "calib_q_full": v("calib.q_full_kwh_per_m2"),
        "calib_anchor_q": v("calib.anchor_q_kwh_per_m2"),
        "calib_anchor_c": v("calib.anchor_consumption_kwh_per_m2"),
        "calib_floor": v("calib.floor", 2),
        "eta_gas": v("eta.gas", 2),
        "eta_oil": v("eta.oil", 2),
        "eta_cond": v("eta.gas_condensing", 2),
        "spf_air": v("spf.air.field", 2),
        "spf_ground": v("spf.ground.field", 2),
        "t_field": v("spf.field_flow_temp_c"),
        "t_src_air": v("spf.source_temp_c.air"),
        "t_src_ground": v("spf.source_temp_c.ground"),
        "spf_min": v("spf.min", 1),
        "spf_max": v("spf.max", 1),
        "flow_old": v("hp.flow_temp_c.unrenovated_before_1984"),
        "flow_mid": v("hp.flow_temp_c.unrenovated_1984_2009"),
        "flow_new": v("hp.flow_temp_c.from_2010"),
        "flow_std": v("hp.flow_temp_c.standard_retrofit"),
        "flow_adv": v("hp.flow_temp_c.advanced_retrofit"),
        "ef_geg_el": v("ef.geg.electricity"),
        "ef_geg_gas": v("ef.geg.gas"),
        "ef_bisko_gas": v("ef.bisko.gas"),
        "ef_bisko_el": v("ef.bisko.electricity", year=int(meta.get("balance_year", FIRST_YEAR))),
        "el_last_year": str(max(el_years)),
        "el_2030": v("el_path.central", year=2030),
        "el_2045": v("el_path.central", year=2045),
        "ef_h2": v("ef.bisko.hydrogen"),
        "standins": ", ".join(f"`{k}`" for k in bisko_standins(p)),
        "dh_type": p.text("dh.default_network_type"),
        "ef_dh_default": n(dh_type_factor(p, "geg", p.text("dh.default_network_type"))),
        "fed_in": v("dh.fed_in_gwh_per_year"),
        "loss_pct": n(100 * p.value("dh.network_loss_share"), 1),
        "ef_waste": v("ef.bisko.waste_heat"),
        "large_hp_spf": v("large_hp.spf", 1),
        "wpg_start": n(100 * p.value("wpg.dh_path_start_share")),
        "wpg_2030": n(100 * wpg[2030]),
        "wpg_2040": n(100 * wpg[2040]),
        "wpg_2045": n(100 * wpg[2045]),
        "dh_ren_ef": v("dh.renewable_ef"),
        "retrofit_rate": n(sc.retrofit_rate_pct[FIRST_YEAR], 1),
        "retrofit_adv": n(sc.retrofit_advanced_share_pct[FIRST_YEAR]),
        "conn_max": n(sc.dh_connection_max_pct),
        "dh_choice": n(sc.dh_share_at_replacement_pct),
        "fallback": _label("fb", sc.fallback_system),
        "lifetime": v("boiler.lifetime_years"),
        "geg65": str(int(p.value("geg65.from_year"))),
        "spf_low": v("uncertainty.spf_factor.low", 1),
        "spf_high": v("uncertainty.spf_factor.high", 1),
        "conn_low": v("uncertainty.connection_factor.low", 1),
        "conn_high": v("uncertainty.connection_factor.high", 1),
        "probe_spacing": v("hp.probe_spacing_m"),
        "probe_setback": v("hp.probe_setback_plot_m"),
        "probe_dist": v("hp.probe_distance_building_m"),
        "probe_depth": v("hp.probe_depth_m"),
        "probe_w": v("hp.probe_extraction_w_per_m"),
        "probe_h": v("hp.probe_full_load_hours"),
        "probe_mwh": n(per_probe, 1),
        "hp_hours": v("hp.heating_full_load_hours"),
        "unit_kw": v("hp.air_unit_capacity_kw"),
        "lw": v("hp.air_unit_sound_power_db"),
        "noise_limit": v("hp.noise_limit_night_db"),
        "noise_geom": v("hp.noise_geometry_db"),
        "noise_r1": n(noise_r1, 1),
        "limited_flow": v("hp.limited_flow_temp_c"),
        "d_new": v("density.edge.new_build"),
        "d_low": v("density.edge.low_temp"),
        "d_conv": v("density.edge.conventional"),
        "d_very": v("density.edge.very_high"),
        "share_dh": v("supply.dh_share_existing_network_pct"),
        "share_dh2": n(2 * p.value("supply.dh_share_existing_network_pct")),
        "share_hp": v("supply.hp_share_decentral_pct"),
        "kl_2030": v("target.klima_luft_2030.reduction_vs_1990_pct"),
        "neutral_year": str(int(p.value("target.neutrality.year"))),
        "residual": v("target.neutrality.residual_share_pct"),
        "ghg_2020": n(p.value("city.ghg_t_per_year", 2020) / 1e6, 2),
        "ghg_2022": n(p.value("city.ghg_t_per_year", 2022) / 1e6, 2),
        "red_2020": v("city.reduction_vs_1990_pct", year=2020),
        "ghg_1990": n(city_1990 / 1e6, 2),
        "target_2030": n(target_2030 / 1e6, 2),
        "ratio_2030": n(ratio, 3),
        "cut_2030": n(100 * (1 - ratio), 1),
        "max_exact": str(_function_default(calc_contributions, "max_exact")),
        "n_perm": str(_function_default(calc_contributions, "n_permutations")),
        "shapley_seed": str(_function_default(calc_contributions, "seed")),
        "seed": str(int(s.value("synth.seed"))),
        "year_from": str(int(s.value("synth.year_from.vor1919"))),
        "year_to": str(int(s.value("synth.year_to.ab2009"))),
        "class_e": n(s.value("retrofit.share_class_e_or_better_pct")),
        "class_e_limit": n(s.value("retrofit.class_e_max_kwh_per_m2")),
        "gross": n(s.value("gross_floor_per_living_area"), 2),
        "aspect": n(s.value("footprint.aspect_max"), 1),
        "margin": n(s.value("footprint.margin_m"), 0),
        "gas_share": n(cal["gas_share_pct"], 1),
        "n_osm": n(cal["n_osm"]),
        "max_dist": v("expansion.max_distance_m"),
        "min_cells": v("expansion.min_cells"),
        "exp_first": str(int(p.value("expansion.first_year"))),
        "exp_last": str(int(p.value("expansion.last_year"))),
    }


def spf_table(lg: str) -> pd.DataFrame:
    """Expected SPF of air and ground heat pumps at typical design flow temperatures (ghgmodel.systems)."""
    p = model.params()
    temps = np.array(FLOW_TEMPS_C, dtype=float)
    return pd.DataFrame(
        {
            t("methodik_flow_temp"): [f"{x:.0f} °C" for x in temps],
            t("methodik_spf_air"): [num(x, 2, lg) for x in spf_at_flow_temperature("air", temps, p)],
            t("methodik_spf_ground"): [num(x, 2, lg) for x in spf_at_flow_temperature("ground", temps, p)],
        }
    )


def factors_frame(lg: str) -> pd.DataFrame:
    """Factors of every energy carrier: GEG, and BISKO in the balance year and along the central electricity path."""
    p = model.params()
    year = int(db.meta().get("balance_year", FIRST_YEAR))
    geg = factor_table(p, "geg", [year])
    bisko = factor_table(p, "bisko", [year, *FACTOR_YEARS])
    frame = pd.DataFrame({t("methodik_col_carrier"): [_label("carrier", c) for c in geg.columns]})
    frame["GEG"] = [num(x, 0, lg) for x in geg.iloc[0]]
    for y in bisko.index:
        frame[f"BISKO {y}"] = [num(x, 0, lg) for x in bisko.loc[y]]
    return frame


def allocation_frame(lg: str) -> pd.DataFrame:
    """Shares of heating carriers per census heating type (heatdb/params/synth.csv), in %."""
    synth = synth_parameters()
    rows = synth[synth["key"].str.startswith("alloc.")]
    parts = rows["key"].str.split(".", expand=True)
    frame = pd.DataFrame({"heating": parts[1], "carrier": parts[2], "share": rows["value"].astype(float) * 100})
    pivot = frame.pivot_table(index="heating", columns="carrier", values="share", aggfunc="sum", sort=False).fillna(0.0)
    out = pd.DataFrame({t("methodik_heating_type"): [_label("methodik_heating", h) for h in pivot.index]})
    for c in pivot.columns:
        out[_label("carrier", c)] = [_short_pct(x, lg) for x in pivot[c]]
    return out


def _short_pct(x: float, lg: str) -> str:
    """A share in % with as few decimals as it needs (at most two); empty for zero."""
    if not x:
        return ""
    decimals = next(d for d in (0, 1, 2) if abs(round(x, d) - x) < 1e-9 or d == 2)
    return num(x, decimals, lg)


EXTRAS = {
    "final_energy": ("methodik_spf_caption", spf_table),
    "factors": ("methodik_factor_caption", factors_frame),
    "synthetic": ("methodik_alloc_caption", allocation_frame),
}


def _render_blocks(blocks: list[str], values: dict) -> None:
    for block in blocks:
        if block.startswith("$$"):
            st.latex(block.strip("$"))
        else:
            st.markdown(block.format_map(values))


def method() -> None:
    """The model's equations in plain words, with the numbers the code uses."""
    lg = lang()
    values = method_values(lg)
    st.markdown(t("methodik_method_intro"))
    for i, section in enumerate(METHOD_SECTIONS):
        title, blocks = PROSE[lg][section]
        with st.expander(title.format_map(values), expanded=i == 0):
            _render_blocks(blocks, values)
            if section in EXTRAS:
                caption, builder = EXTRAS[section]
                st.caption(t(caption))
                st.dataframe(builder(lg), hide_index=True, width="content")


def limits() -> None:
    """What the data and the model cannot tell."""
    lg = lang()
    values = method_values(lg)
    st.subheader(t("methodik_limits_heading"))
    st.markdown(t("methodik_limits_intro"))
    for title, text in LIMITS[lg]:
        st.markdown(f"- **{title.format_map(values)}** {text.format_map(values)}")


# ---------------------------------------------------------------------------------------------
# 5 Calibration

CALIBRATION_SQL = """
SELECT
    (SELECT count(*) FROM buildings) AS n_buildings,
    (SELECT sum(geb_gesamt_publ) FROM census_cells) AS n_buildings_census,
    (SELECT sum(dwellings) FROM buildings) AS n_dwellings,
    (SELECT sum(whg_gesamt_publ) FROM census_cells) AS n_dwellings_census,
    (SELECT sum(living_area_m2) FROM buildings) AS living_area_m2,
    (SELECT sum(wohnflaeche_m2_geschaetzt) FROM census_cells) AS living_area_census_m2,
    (SELECT coalesce(sum(bb.heat_demand_mwh_per_year), 0) FROM buildings b JOIN building_balance bb USING (building_id)
        WHERE b.carrier = 'district_heating') AS dh_delivered_mwh,
    (SELECT 100.0 * count(*) FILTER (WHERE CASE WHEN b.heated_area_m2 > 0 THEN 1000 * bb.final_energy_mwh_per_year / b.heated_area_m2 ELSE 0 END < ?)
        / count(*) FROM buildings b JOIN building_balance bb USING (building_id)) AS class_e_share_pct,
    (SELECT 100.0 * count(*) FILTER (WHERE carrier = 'gas') / count(*) FROM buildings) AS gas_share_pct,
    (SELECT count(*) FROM buildings WHERE geometry_source = 'osm') AS n_osm
"""


@st.cache_data(show_spinner=False)
def _calibration(version: str, class_e_limit: float) -> dict:
    row = db.cursor().execute(CALIBRATION_SQL, [class_e_limit]).df().iloc[0]
    return {k: float(v) for k, v in row.items()}


def calibration_figures() -> dict:
    """The warehouse against the census and the Fernwärmeatlas, queried live (fed-in heat in GWh/a)."""
    p = model.params()
    s = Parameters(synth_parameters())
    out = dict(_calibration(db.data_version(), s.value("retrofit.class_e_max_kwh_per_m2")))
    out["dh_fed_in_gwh"] = out["dh_delivered_mwh"] / (1 - p.value("dh.network_loss_share")) / 1000
    out["dh_atlas_gwh"] = p.value("dh.fed_in_gwh_per_year")
    out["class_e_target_pct"] = s.value("retrofit.share_class_e_or_better_pct")
    return out


def deviation_pct(model_value: float, reference: float) -> float:
    return 100.0 * (model_value / reference - 1.0) if reference else float("nan")


def signed(value: float, decimals: int, lg: str) -> str:
    text = num(value, decimals, lg)
    return f"+{text}" if value > 0 and not text.startswith("+") else text


def calibration() -> None:
    """Live comparison of the synthetic stock with the published figures it is calibrated to."""
    lg = lang()
    c = calibration_figures()
    st.subheader(t("methodik_calib_heading"))
    st.markdown(t("methodik_calib_intro"))
    rows = [
        (
            "methodik_calib_buildings",
            num(c["n_buildings"], 0, lg),
            deviation_pct(c["n_buildings"], c["n_buildings_census"]),
            num(c["n_buildings_census"], 0, lg),
            "methodik_calib_buildings_help",
        ),
        (
            "methodik_calib_dwellings",
            num(c["n_dwellings"], 0, lg),
            deviation_pct(c["n_dwellings"], c["n_dwellings_census"]),
            num(c["n_dwellings_census"], 0, lg),
            "methodik_calib_dwellings_help",
        ),
        (
            "methodik_calib_living",
            num(c["living_area_m2"] / 1e6, 2, lg),
            deviation_pct(c["living_area_m2"], c["living_area_census_m2"]),
            num(c["living_area_census_m2"] / 1e6, 2, lg),
            "methodik_calib_living_help",
        ),
        (
            "methodik_calib_dh",
            num(c["dh_fed_in_gwh"], 0, lg),
            deviation_pct(c["dh_fed_in_gwh"], c["dh_atlas_gwh"]),
            num(c["dh_atlas_gwh"], 0, lg),
            "methodik_calib_dh_help",
        ),
    ]
    cols = st.columns(2)
    for i, (label, value, dev, ref, help_key) in enumerate(rows):
        cols[i % 2].metric(
            t(label),
            value,
            t(f"{label}_delta", dev=signed(dev, 1, lg), ref=ref),
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=t(
                help_key,
                delivered=num(c["dh_delivered_mwh"] / 1000, 0, lg),
                loss=pct(100 * model.params().value("dh.network_loss_share"), 1, lg),
            ),
        )
    e_cols = st.columns(2)
    e_cols[0].metric(
        t("methodik_calib_class_e"),
        pct(c["class_e_share_pct"], 1, lg),
        t("methodik_calib_class_e_delta", ref=pct(c["class_e_target_pct"], 0, lg)),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=t("methodik_calib_class_e_help", limit=num(Parameters(synth_parameters()).value("retrofit.class_e_max_kwh_per_m2"), 0, lg)),
    )
    e_cols[1].metric(
        t("methodik_calib_gas"),
        pct(c["gas_share_pct"], 1, lg),
        t("methodik_calib_gas_delta"),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=t("methodik_calib_gas_help"),
    )
    st.caption(t("methodik_calib_caption", n_osm=num(c["n_osm"], 0, lg)))


# ---------------------------------------------------------------------------------------------
# The method text, German and English. A block starting with $$ is a formula (st.latex); the others
# are markdown whose {names} are filled from method_values() so that every quoted number is the
# number the code uses.

METHOD_SECTIONS = (
    "demand",
    "final_energy",
    "factors",
    "district_heating",
    "pathway",
    "heatpump",
    "supply",
    "targets",
    "contributions",
    "synthetic",
)

_LATEX = {
    "demand": r"Q = A_{C,\mathrm{Ref}} \cdot \big(q_h(b, j, r) + q_w(b)\big)",
    "prebound": r"f(q_h) = \min\Big(1,\ \max\Big(f_{\min},\ 1 - \frac{1 - c_a/q_a}{q_a - q_{\mathrm{full}}}\,(q_h - q_{\mathrm{full}})\Big)\Big)",
    "final": r"E = \frac{Q}{\eta}, \qquad \mathrm{CO_2e} = E \cdot \mathrm{ef}",
    "spf": r"\mathrm{SPF}(T) = \mathrm{SPF}_{\mathrm{field}} \cdot \frac{\mathrm{COP}_C(T)}{\mathrm{COP}_C(T_{\mathrm{field}})}, \qquad \mathrm{COP}_C(T) = \frac{T + 273.15}{T - T_{\mathrm{source}}}",
    "network": r"\mathrm{ef}_{\mathrm{net}}(t) = (1 - s)\,\mathrm{ef}_{\mathrm{base}} + \frac{\sum_p E_p(t)\,\mathrm{ef}_p}{F(t)} + (s - s_{\mathrm{proj}})\,\mathrm{ef}_{\mathrm{ren}},"
    r"\quad s_{\mathrm{proj}} = \frac{\sum_p E_p(t)}{F(t)},\quad s = \max\big(s_{\mathrm{proj}},\ s_{\mathrm{WPG}}(t)\big)",
    "pathway": r"E_{g,h}(t) = x_{g,h}(t) \sum_{r} y_{g,r}(t)\,\frac{Q_{g,r}}{\eta_{g,h,r}}, \qquad \mathrm{CO_2e}_{g,h}(t) = E_{g,h}(t) \cdot \mathrm{ef}_{g,h}(t)",
    "probes": r"n_{\mathrm{needed}} = \Big\lceil \frac{Q\,(1 - 1/\mathrm{SPF}_{\mathrm{ground}})}{d \cdot \dot q \cdot h} \Big\rceil, \qquad n_{\mathrm{possible}} = \Big\lfloor \frac{A_{\mathrm{probe}}}{a^2} \Big\rfloor",
    "noise": r"r = 10^{\,(L_W + 10 \log_{10} n - \Delta L - L_{\mathrm{night}})/20}",
    "targets": r"T_{2030} = H_{2024} \cdot \frac{C_{2020} / (1 - r_{2020}) \cdot (1 - r_{2030})}{C_{2022}}, \qquad T_{2035} = H_{2024} \cdot \rho_{2035}",
    "shapley": r"\varphi_p(t) = \sum_{S \subseteq N \setminus \{p\}} \frac{|S|!\,(n - |S| - 1)!}{n!}\,\big(R(S \cup \{p\}, t) - R(S, t)\big), \qquad \sum_p \varphi_p(t) = R(N, t)",
    "eur_per_t": r"\mathrm{EUR/t}_p = \frac{\mathrm{capex}_p}{\sum_{t=2024}^{2045} \varphi_p(t)}",
}


def _tex(name: str) -> str:
    return "$$" + _LATEX[name] + "$$"


PROSE: dict[str, dict[str, tuple[str, list[str]]]] = {
    "de": {
        "tables": (
            "Datenmodell",
            [
                "Der Datenbestand ist eine DuckDB-Datei; jede Tabelle und jede Spalte trägt einen Kommentar mit Einheit und Bedeutung.\n\n"
                "- **Stand und Quellen**: `meta` (Datenstand, Zufallsstartwert, Bilanzjahr und Faktorensatz), `data_sources` (Herkunft "
                "und Lizenz jedes Datensatzes), `import_log` (jeder Import).\n"
                "- **Gebiete und Zensus**: `districts` (Stadt, Stadtbezirke, statistische Bezirke), `census_cells` (Zählungen des "
                "Zensus 2011 je 100-m-Zelle, wie veröffentlicht, dazu die korrigierte Gebäudezahl), `grid_cells` (die Zellen als "
                "Quadrate mit ihrem Bezirk).\n"
                "- **Gebäude**: `buildings` (ein Eintrag je Gebäude mit Wohnraum, synthetisch), `building_balance` (Nutzwärme, "
                "Endenergie und Treibhausgase im Bilanzjahr), `hp_potential` (Wärmepumpen-Klasse, Vorlauftemperatur, JAZ), "
                "`addresses` (Adressen für die Suche, Punkte ohne Verbindung zu Gebäudedaten).\n"
                "- **Fernwärme**: `dh_networks` (Netze mit Faktor und Einspeisung), `dh_areas` (bestehende Gebiete, Proxy), "
                "`dh_expansion` (illustrative Erweiterungsgebiete mit Jahr).\n"
                "- **Summen für Karten und Tabellen**: `agg_district` (Kennzahlen und Gebietsvorschlag je Bezirk), "
                "`agg_district_carrier` (je Bezirk und Energieträger), `agg_district_stock` (je Bezirk, Baualter und Gebäudetyp), "
                "`agg_cell` (je 100-m-Zelle), `agg_h3` (je H3-Sechseck).",
            ],
        ),
        "demand": (
            "1 Nutzwärme: TABULA-Typologie, Warmwasser, Sanierung",
            [
                "Die Nutzwärme eines Gebäudes ist seine beheizte Bezugsfläche A (TABULA: Wohnfläche × {a_ref}, "
                "`a_c_ref_per_living_area`) mal dem spezifischen Bedarf für Raumwärme q_h (nach Gebäudetyp b, Baujahr j und "
                "Sanierungsstand r) und Warmwasser q_w in kWh/(m²·a):",
                _tex("demand"),
                "- **Raumwärme q_h**: Nettobedarf der deutschen Wohngebäudetypologie IWU/TABULA im Ist-Zustand, je Gebäudetyp "
                "(SFH freistehendes Ein-/Zweifamilienhaus, TH Doppel-/Reihenhaus, MFH Mehrfamilienhaus, AB großes Mehrfamilienhaus) und "
                "je Baualtersklasse (12 Klassen, Tabelle `demand_tabula.csv`). Wo TABULA keine Variante hat (TH vor 1860, AB vor 1860 "
                "und ab 1979), steht der Wert der Nachbarklasse bzw. des MFH – in der Parametertabelle als Annahme markiert.\n"
                "- **Warmwasser q_w**: {q_w_small} kWh/(m²·a) für SFH und TH, {q_w_large} kWh/(m²·a) für MFH und AB "
                "(TABULA-Randbedingung).\n"
                "- **Sanierung r**: drei Stände, `none`, `standard` (EnEV-Niveau) und `advanced` (KfW-Niveau). Für SFH 1919–1983 stehen "
                "eigens nachgerechnete Werte in `retrofit.csv` (abgeleitet); sonst wird der Ist-Bedarf mit einem Faktor multipliziert: "
                "vor 1984 {rf_std} (standard) bzw. {rf_adv} (advanced), für jüngere Baujahre höhere Faktoren (Annahmen; ab 2002 "
                "senkt die Standardsanierung den Bedarf nicht mehr). Ein Sanierungswert liegt nie über dem Ist-Bedarf.\n"
                "- **Bedarf oder Verbrauch** (`demand_basis`): `tabula` rechnet mit dem berechneten Bedarf. `consumption` berücksichtigt, "
                "dass schlecht gedämmte Gebäude weniger verbrauchen als berechnet (Prebound-Effekt): q_h wird mit f(q_h) multipliziert, "
                "einer Geraden durch (q_full = {calib_q_full} kWh/m², 1) und den Ankerpunkt SFH 1969–1978 (TABULA {calib_anchor_q}, "
                "Verbrauch {calib_anchor_c} kWh/m² laut KWW-Technikkatalog), nie unter f_min = {calib_floor}. Warmwasser bleibt "
                "unverändert.",
                _tex("prebound"),
                "Die gespeicherten Zahlen des Datenbestands (Tabelle `building_balance`, Bilanzjahr {balance_year}) beruhen auf "
                "`tabula`; ein Szenario kann `consumption` wählen. Wo ein Gebäude gemessene Endenergie hat, gilt sie unverändert, "
                "und seine Nutzwärme ist Messwert × Wirkungsgrad; der Dortmunder Datenbestand enthält keine Messwerte.",
            ],
        ),
        "final_energy": (
            "2 Endenergie: Wirkungsgrad und Jahresarbeitszahl",
            [
                _tex("final"),
                "Endenergie E = Nutzwärme / Wirkungsgrad η (Tabelle `systems.csv`; z. B. bestehender Gaskessel {eta_gas}, Ölkessel "
                "{eta_oil}, neuer Gas-Brennwertkessel {eta_cond}; Strom direkt und Fernwärme 1, denn die Netzverluste stecken im "
                "Emissionsfaktor der Fernwärme). Bei Wärmepumpen steht an Stelle von η die Jahresarbeitszahl (JAZ, engl. SPF: Wärme je "
                "Strom). Feldmittel des Fraunhofer ISE (WP-QS im Bestand, 2025): Luft {spf_air}, Erdreich {spf_ground}.",
                "Die JAZ hängt vor allem von der Vorlauftemperatur T ab. Das Modell skaliert das Feldmittel mit dem Verhältnis der "
                "Carnot-Leistungszahlen; das Feldmittel gilt bei {t_field} °C, die mittlere Quelltemperatur ist {t_src_air} °C (Luft) "
                "bzw. {t_src_ground} °C (Sole), das Ergebnis bleibt zwischen {spf_min} und {spf_max}:",
                _tex("spf"),
                "Vorlauftemperatur nach Baujahr und Sanierung: unsaniert vor 1984 {flow_old} °C, 1984–2009 {flow_mid} °C, ab 2010 "
                "{flow_new} °C; nach Standardsanierung höchstens {flow_std} °C, nach umfassender Sanierung höchstens {flow_adv} °C. Die "
                "skalierte JAZ gilt für neue Wärmepumpen im Pfad und für das Wärmepumpen-Potenzial; die heute vorhandenen Wärmepumpen "
                "rechnen in der Bilanz und im Pfad mit dem Feldmittel.",
            ],
        ),
        "factors": (
            "3 Emissionsfaktoren: GEG und BISKO",
            [
                "Treibhausgase = Endenergie × Emissionsfaktor (g CO₂e je kWh Endenergie). Zwei Faktorensätze stehen zur Wahl:\n\n"
                "- **GEG** (Gebäudeenergiegesetz, Anlage 9): gesetzlich festgelegt und in jedem Jahr gleich; Strom {ef_geg_el}, Erdgas "
                "{ef_geg_gas} g/kWh.\n"
                "- **BISKO** (Bilanzierungs-Systematik Kommunal, mit Vorketten): die Methode kommunaler Treibhausgasbilanzen; Erdgas "
                "{ef_bisko_gas} g/kWh; Strom als Bundesmix je Jahr ({ef_bisko_el} g/kWh im Bilanzjahr {balance_year}, aus dem UBA-Wert "
                "auf BISKO umgerechnet – abgeleitet), nach {el_last_year} entlang eines Strompfads (zentral {el_2030} g/kWh 2030 und "
                "{el_2045} g/kWh 2045, Annahmen; die Pfade „langsam“ und „schnell“ spannen die Unsicherheit auf), linear zwischen "
                "den Stützjahren.\n\n"
                "Die Zahlen des Datenbestands (`building_balance`) gelten für {balance_year} mit BISKO; die Emissionen nach GEG stehen "
                "in derselben Tabelle daneben. Szenarien wählen den Satz selbst. Auf der Kommandozeile (`python -m ghgmodel balance "
                "--factors DATEI.csv`) kann eine eigene Faktordatei (`carrier,ef_g_per_kwh`) einzelne Zeilen ersetzen.",
                "**Stand-ins:** Für einige BISKO-Zeilen lag uns kein veröffentlichter BISKO-Wert vor. Dort steht ein Ersatzwert "
                "(GEMIS-Lebenszykluswert oder GEG-Wert), in der Parametertabelle als „stand-in“ beschrieben bzw. als Annahme "
                "markiert: {standins}. Wasserstoff ({ef_h2} g/kWh) ist eine abgeleitete Obergrenze für kohlenstoffarmen Wasserstoff "
                "(WPG § 3 Abs. 3 mit EU-Taxonomie).",
            ],
        ),
        "district_heating": (
            "4 Fernwärme: Netzfaktor, übrige Kunden und WPG-Pfad",
            [
                "Fernwärme zählt mit dem Faktor ihres Netzes. Hat ein Netz einen eigenen veröffentlichten Faktor (Spalte "
                "`ef_g_per_kwh` in `dh_networks`), gilt dieser. DEW21 veröffentlicht keinen; deshalb gilt der Faktor des angenommenen "
                "Netztyps `{dh_type}` ({ef_dh_default} g/kWh nach GEG, in BISKO als Stand-in).",
                "Netze im Datenbestand: DEW21 und Scharnhorst (Gebiete aus dem Zensus-Proxy, die im Stadtbezirk Scharnhorst zum Netz "
                "Scharnhorst) sowie PHOENIX-West (neues Netz für Gewerbekunden; 5.000 MWh/a abgeleitet, Gegenfall Gaskessel). Die "
                "Einspeisung laut Fernwärmeatlas, {fed_in} GWh/a, wird auf DEW21 und Scharnhorst im Verhältnis der modellierten "
                "Fernwärme der Wohngebäude verteilt. Was davon nicht an modellierte Wohngebäude geht – Einspeisung × (1 − {loss_pct} % "
                "Verluste) minus Lieferung an die Wohngebäude im Basisjahr – läuft als Sektor „weitere Fernwärmekunden“ mit, damit "
                "Netzprojekte auf das ganze Netz wirken.",
                "Netzprojekte (Dekarbonisierung, Großwärmepumpe, Solarthermie) speisen die Wärme E_p aus einer saubereren Quelle ein, "
                "linear ansteigend bis zu ihrem Endjahr (zusammen höchstens die eingespeiste Wärme F des Netzes). Der Netzfaktor mischt:",
                _tex("network"),
                "Quellenfaktoren ef_p: Abwärme {ef_waste} g/kWh, Solarthermie 0, Biomasse wie Holz, Großwärmepumpe = Stromfaktor / "
                "{large_hp_spf}, oder der im Projekt angegebene Wert. Im Fernwärmepfad **wie heute** ist s_WPG = 0. Im **WPG-Pfad** "
                "steigt der Mindestanteil erneuerbarer Wärme und Abwärme linear vom Basisjahr ({wpg_start} %) auf {wpg_2030} % 2030, "
                "{wpg_2040} % 2040 und {wpg_2045} % 2045 (WPG §§ 29 und 31); dieser Anteil zählt mit ef_ren = {dh_ren_ef} g/kWh "
                "(Annahme).",
            ],
        ),
        "pathway": (
            "5 Pfad {first_year}–{last_year}: Hebel und Reihenfolge der Übergänge",
            [
                "Der Pfad rechnet jedes Jahr von {first_year} bis {last_year}. Gebäude, die in allem übereinstimmen, worauf Hebel und "
                "Projekte wirken (Bezirk, Energieträger, Sanierungsstand, Wärmepumpen-Klasse, Vorlauftemperaturklasse, Netz, "
                "Fernwärme- und Erweiterungsgebiet, Zugehörigkeit zu Projekten), bilden eine Gruppe g. Je Gruppe führt das Modell die "
                "Anteile y der Sanierungsstände und die Anteile x der Heizungszustände (heutiges System, neuer Gaskessel, "
                "Luft-Wärmepumpe, Erdreich-Wärmepumpe, Fernwärme, neuer Holzkessel); beide gelten in einer Gruppe als unabhängig.",
                "In jedem Jahr nach dem Basisjahr wirken die Übergänge in dieser Reihenfolge, jeder auf den Zustand, den der vorige "
                "hinterlässt:\n\n"
                "1. **Sanierung**: der Anteil `retrofit_rate_pct` (Voreinstellung {retrofit_rate} % je Jahr) der Gebäude einer Gruppe "
                "wird saniert, solange unsanierte da sind, davon `retrofit_advanced_share_pct` ({retrofit_adv} %) umfassend; dazu "
                "Sanierungsprogramme und eigene Gebäude aus dem Projektportfolio.\n"
                "2. **Fernwärme-Anschlüsse**: in Erweiterungsgebieten ab ihrem geplanten Jahr mit `dh_connection_rate_pct` je Jahr, "
                "bis höchstens `dh_connection_max_pct` ({conn_max} %) der Gebäude angeschlossen sind; Verdichtung in bestehenden "
                "Gebieten (`dh_densification_pct`); Anschlussprojekte. Wechseln können Gebäude mit ihrem heutigen System (außer "
                "Fernwärme und Wärmepumpe) und neue Gas- und Holzkessel; eine Wärmepumpe bleibt.\n"
                "3. **Wärmepumpen**: je Wärmepumpen-Klasse (Erdreich, Luft, eingeschränkt) wechselt der Anteil `hp_adoption_pct` je "
                "Jahr der fossil oder direkt elektrisch beheizten Gebäude und der neuen Gaskessel zur Wärmepumpe – Klasse Erdreich zu "
                "einer Erdreich-, die übrigen zu einer Luft-Wärmepumpe, Klasse „ungeeignet“ nie; dazu Wärmepumpen-Programme und "
                "Umstellungen eigener Gebäude.\n"
                "4. **Kesseltausch am Lebensende**: jedes Jahr wird 1/{lifetime} der verbliebenen ursprünglichen fossilen Kessel (Gas, "
                "Öl, Flüssiggas, Kohle) ersetzt – vor {geg65} durch einen Gas-Brennwertkessel; ab {geg65} (65-%-Regel des GEG, für "
                "Dortmund ab 1. Juli 2026 nach § 71 Abs. 8 GEG mit § 4 Abs. 2 WPG) in Netzgebieten zu {dh_choice} % "
                "(`dh_share_at_replacement_pct`) durch Fernwärme, sonst durch eine Wärmepumpe, wo die Klasse nicht „ungeeignet“ ist, "
                "und sonst durch das Ersatzsystem des Szenarios (`fallback_system`, Voreinstellung: {fallback}).",
                "Danach Endenergie und Treibhausgase je Gruppe g und Heizungszustand h (Q_g,r: Nutzwärme der Gruppe beim "
                "Sanierungsstand r):",
                _tex("pathway"),
                "Wasserstoff: `h2_share_pct` ersetzt einen Teil des Gases (Faktor {ef_h2} g/kWh). Varianten: „niedrig“ und „hoch“ "
                "ändern die unsicheren Parameter gemeinsam – Strompfad schnell bzw. langsam, JAZ × {spf_low} bzw. × {spf_high}, "
                "Anschlussraten × {conn_low} bzw. × {conn_high}.",
            ],
        ),
        "heatpump": (
            "6 Wärmepumpen-Potenzial: Erdsonden (VDI 4640) und Schall (TA Lärm)",
            [
                "Für jedes Gebäude prüft das Modell zwei Quellen (Tabelle `hp_potential`):\n\n"
                "- **Erdsonden**: Sonden dürfen auf die Grundstücksfläche A_probe, die nach den Abständen der VDI 4640 frei bleibt "
                "({probe_setback} m zur Grundstücksgrenze, {probe_dist} m zum Gebäude); jede Sonde braucht ein Quadrat mit der "
                "Kantenlänge a = {probe_spacing} m. Eine Sonde (Tiefe d = {probe_depth} m, Entzug {probe_w} W/m, h = {probe_h} "
                "Volllaststunden) liefert {probe_mwh} MWh/a; gebraucht wird die Wärme aus dem Erdreich, Nutzwärme × (1 − 1/JAZ).\n"
                "- **Luft**: eine Außeneinheit ({unit_kw} kW; Heizlast = Jahreswärme / {hp_hours} h) mit der Schallleistung L_W = "
                "{lw} dB(A), bei n Einheiten + 10·log₁₀ n, hält den Nachtwert der TA Lärm von {noise_limit} dB(A) (allgemeines "
                "Wohngebiet, überall angenommen; ΔL = {noise_geom} dB für Aufstellung am Boden vor einer Wand) im Abstand r ein. Für "
                "eine Einheit sind das {noise_r1} m; verglichen wird mit dem Abstand zum nächsten Gebäudeumriss.",
                _tex("probes"),
                _tex("noise"),
                "Klassen: **Erdreich** (die Sonden passen und der Vorlauf ist höchstens {limited_flow} °C), **Luft** (der "
                "Schallabstand ist frei, Vorlauf ebenso), **eingeschränkt** (eine Quelle passt nur mit Maßnahmen: niedrigere "
                "Vorlauftemperatur, oder ein leiseres Gerät, wo mindestens der halbe Schallabstand frei ist), **ungeeignet** (keines). "
                "Wasserschutzgebiete, Gebietsarten der Bebauungspläne, Geologie und Bergbau sind nicht in den Daten und werden nicht "
                "geprüft. Grundstücke sind angenähert (die Felder der Zelle, in Bövinghausen Voronoi-Flächen um die echten Umrisse), "
                "Umrisse außerhalb der OSM-Stichprobe synthetisch.",
            ],
        ),
        "supply": (
            "7 Vorschlag für Versorgungsgebiete und Eignungsstufen nach § 19 WPG",
            [
                "Für jede 100-m-Zelle (1 ha, Tabelle `agg_cell`) ist die Wärmedichte die Nutzwärme ihrer Gebäude je Hektar. Klassen in "
                "MWh/(ha·a) (KEA-BW/Leitfaden Wärmeplanung, nicht an der Primärquelle geprüft): unter {d_new} keine Eignung, bis "
                "{d_low} Neubau, bis {d_conv} Niedertemperatur im Bestand, bis {d_very} konventionell, darüber sehr hoch.\n\n"
                "- **Eignung für ein Wärmenetz**: sehr wahrscheinlich geeignet ab {d_very} MWh/(ha·a) oder ab {share_dh2} % der "
                "Gebäude mit Fernwärme; wahrscheinlich geeignet ab {d_conv} oder ab {share_dh} %; wahrscheinlich ungeeignet ab "
                "{d_low}; sonst sehr wahrscheinlich ungeeignet.\n"
                "- **Eignung für dezentrale Versorgung** nach dem Anteil der Gebäude mit Wärmepumpen-Klasse Erdreich oder Luft: "
                "ab 80 % sehr wahrscheinlich geeignet, ab {share_hp} % wahrscheinlich geeignet, ab 30 % wahrscheinlich ungeeignet, "
                "sonst sehr wahrscheinlich ungeeignet.\n"
                "- **Gebietsvorschlag**: Wärmenetzgebiet, wo ein Netz (sehr) wahrscheinlich geeignet ist oder mindestens {share_dh} % "
                "der Gebäude in einem Erweiterungsgebiet liegen; sonst Gebiet für die dezentrale Wärmeversorgung, wo diese (sehr) "
                "wahrscheinlich geeignet ist; sonst Prüfgebiet. Ein Bezirk (`agg_district`) erhält den Vorschlag, den die Zellen der "
                "meisten seiner Gebäude haben.\n\n"
                "Das ist ein Screening-Vorschlag für die Planung, keine Festlegung (der Wärmeplan ist nach § 23 Abs. 4 WPG nicht "
                "verbindlich). Die Wärmeliniendichte (kWh je Meter Straße) wird nicht berechnet, weil der Datenbestand kein "
                "Straßennetz enthält.",
            ],
        ),
        "targets": (
            "8 Ziele: Klima-Luft 2030 und Klimaneutralität {neutral_year}, auf die Wärme übertragen",
            [
                "Dortmunds Ziele gelten für alle Sektoren: −{kl_2030} % gegenüber 1990 bis 2030 (Handlungsprogramm Klima-Luft 2030) "
                "und Klimaneutralität {neutral_year} (Ratsbeschluss). Ein eigenes Ziel für die Wärme ist nicht veröffentlicht. "
                "Angenommen wird, dass die Wärme um denselben Anteil sinken muss wie die Stadt insgesamt (`ghgmodel/targets.py`; "
                "H: Wärme-Emissionen im Basisjahr, C: Emissionen der Stadt, r: Minderung gegenüber 1990, ρ: zulässiger Rest):",
                _tex("targets"),
                "Mit den Parametern: Stadt 1990 = {ghg_2020} Mt / (1 − {red_2020} %) = {ghg_1990} Mt; Ziel 2030 = {target_2030} Mt; "
                "geteilt durch {ghg_2022} Mt (2022) ergibt {ratio_2030}. Das Wärmeziel 2030 liegt also {cut_2030} % unter den "
                "Wärme-Emissionen des Basisjahrs {first_year}, das für 2022 steht. Für {neutral_year} ist der zulässige Rest "
                "ρ = {residual} % (Klimaneutralität als null Emissionen der Wärme gelesen; Kompensation ist nicht modelliert). Die "
                "Lücke ist Pfadwert minus Ziel (positiv: Ziel verfehlt).",
            ],
        ),
        "contributions": (
            "9 Projektbeiträge: eigenständig und zugerechnet (Shapley)",
            [
                "Die Minderung einer Menge S von Projekten im Jahr t ist R(S, t) = E(ohne Projekte, t) − E(S, t), beide mit den Hebeln "
                "des Szenarios.\n\n"
                "- **Eigenständig** ist die Minderung eines Projekts allein, R({{p}}, t). Wo Projekte sich überschneiden (dieselben "
                "Gebäude oder dasselbe Netz), ergeben die eigenständigen Minderungen zusammen nicht die gemeinsame.\n"
                "- **Zugerechnet** ist der Shapley-Wert: der mittlere Zusatzbeitrag eines Projekts über alle Reihenfolgen, in denen die "
                "Projekte hinzukommen. Die zugerechneten Beiträge ergeben zusammen genau die gemeinsame Minderung aller Projekte.",
                _tex("shapley"),
                "- **Komponenten**: Projekte, die aufeinander wirken (gemeinsame Gebäudegruppen; ein Projekt speist ein Netz, "
                "dessen Liefermenge das andere ändert; zwei Projekte speisen dasselbe Netz), bilden eine Komponente; zwischen Komponenten addieren sich die Wirkungen. "
                "Komponenten mit bis zu {max_exact} Projekten werden **exakt** über alle Teilmengen gerechnet, größere aus {n_perm} "
                "zufälligen Reihenfolgen (**Stichprobe**; fester Startwert {shapley_seed}, jede Reihenfolge mit ihrer Umkehrung), die "
                "sich ebenfalls genau aufsummieren und einen Standardfehler angeben.\n"
                "- **Nullspieler**: Projekte, die im Pfad nicht wirken können (Gebäudemaßnahmen mit Endjahr vor {first_change}, "
                "Netzprojekte ohne Wärme), erhalten genau null und bleiben aus dem Spiel.\n"
                "- **Euro je Tonne** = Investition (capex, ohne Abzug von Fördermitteln) / kumulierte zugerechnete Minderung "
                "{first_year}–{last_year} in der zentralen Variante; die Spanne zeigt die Varianten niedrig und hoch.",
                _tex("eur_per_t"),
                "Beiträge hängen vom Szenario ab: von seinen Hebeln (etwa Strompfad oder Kesseltausch) und davon, welche anderen "
                "Projekte es enthält.",
            ],
        ),
        "synthetic": (
            "10 Synthetische Gebäudedaten: wie sie entstehen",
            [
                "Der Zensus 2011 veröffentlicht je 100-m-Zelle nur Zählungen (Baualter, Heizungsart, Gebäudetyp, Wohnungen, "
                "Wohnungsgrößen), keine Einzelgebäude. Der Build (`heatdb/synth.py`, fester Startwert {seed}) erzeugt daraus die "
                "Tabelle `buildings`:\n\n"
                "1. **Korrektur der Geheimhaltung**: Zahlen unter 3 werden nicht veröffentlicht (sie erscheinen als 0), veröffentlichte "
                "Summen sind deshalb Untergrenzen. Die Zahl der Gebäude einer Zelle ist die größte der drei Summen (Baualter, "
                "Heizungsart, Gebäudetyp), mindestens 1, wo Wohnungen gezählt sind (`census_cells.n_buildings_corrected`).\n"
                "2. **Auffüllen**: Jede der drei Merkmalsgruppen wird bis zu dieser Zahl aufgefüllt, und zwar nur in Klassen, die als 0 "
                "veröffentlicht sind (das sind die gesperrten), gewichtet mit den Anteilen des statistischen Bezirks. Jede "
                "veröffentlichte Klassenzahl einer Zelle bleibt erhalten.\n"
                "3. **Zufällige Paarung**: Jedes Gebäude erhält ein Baualter, eine Heizungsart und einen Gebäudetyp; die Zellsummen "
                "stimmen, die Kombination ist aber zufällig, weil der Zensus keine Kreuztabelle veröffentlicht. Das Baujahr ist "
                "gleichverteilt in seiner Klasse (vor 1919 ab {year_from}, „ab 2009“ bis {year_to}).\n"
                "4. **Wohnungen und Fläche**: Wohnungen je Gebäude nach Typ (EFH 1, ZFH 2, Mehrfamilienhäuser in Spannen), auf die "
                "veröffentlichten Wohnungen der Zelle skaliert; Wohnungsgrößen aus den Größenklassen der Zelle, die größeren zuerst an "
                "Ein-, Zwei- und Reihenhäuser. Beheizte Fläche = Wohnfläche × {a_ref}. Zensus-Gebäudetypen werden TABULA-Typen "
                "zugeordnet (`type_map.*`).\n"
                "5. **Energieträger** aus der Heizungsart nach dokumentierten Anteilen (Tabelle unten). Die Anteile der Zentralheizungen "
                "sind so gewählt, dass Gas rechnerisch 77,7 % der Gebäude heizt (IT.NRW 2018, Anteil der Wohnungen; Rechnung in "
                "`alloc.zentralheizung.gas`); nach dem Auffüllen sind es {gas_share} %. Kein Energieträger ist je Gebäude "
                "beobachtet.\n"
                "6. **Sanierungsstand**: Zufällig gewählte Gebäude erhalten eine Standardsanierung, bis {class_e} % der Gebäude (Stadt "
                "Dortmund, 2024) unter {class_e_limit} kWh/(m²·a) Endenergie liegen, der Obergrenze der Effizienzklasse E.\n"
                "7. **Umrisse**: Jede Zelle wird in k × k Felder geteilt; jedes Gebäude erhält ein Feld als Grundstück und ein Rechteck "
                "mit der Fläche Wohnfläche × {gross} / Geschosse (Seitenverhältnis bis {aspect}, {margin} m Rand). In Bövinghausen "
                "ersetzen echte OpenStreetMap-Umrisse die Rechtecke, innerhalb der Zelle nach Größe zugeordnet ({n_osm} Gebäude); "
                "ihre Merkmale bleiben synthetisch.\n"
                "8. **Fernwärme**: Die Fernwärmegebiete (`dh_areas`) sind ein Proxy aus den Zensuszellen mit mindestens 3 "
                "fernbeheizten Gebäuden (2011), nicht das DEW21-Netz. Gebäude mit der Zensus-Heizungsart Fernheizung heizen mit "
                "Fernwärme; jedes Gebäude gehört zum Netz des nächsten Gebiets.\n"
                "9. **Erweiterungsgebiete (illustrativ, `dh_expansion`)**: Zellen mit mindestens {d_conv} MWh/(ha·a) außerhalb der "
                "bestehenden Gebiete und höchstens {max_dist} m davon entfernt werden zu Gebieten zusammengefasst (mindestens "
                "{min_cells} Zellen), nach Entfernung und Dichte gereiht und in dieser Reihenfolge den Jahren {exp_first}–{exp_last} "
                "zugeteilt. Das veranschaulicht die Methode; es ist keine Planung von DEW21 oder der Stadt.",
            ],
        ),
    },
    "en": {
        "tables": (
            "Data model",
            [
                "The warehouse is one DuckDB file; every table and every column carries a comment with unit and meaning.\n\n"
                "- **Version and sources**: `meta` (data version, seed, balance year and factor set), `data_sources` (origin and licence "
                "of every dataset), `import_log` (every import).\n"
                "- **Areas and census**: `districts` (city, Stadtbezirke, statistische Bezirke), `census_cells` (2011 census counts per "
                "100 m cell as published, plus the corrected number of buildings), `grid_cells` (the cells as squares with their "
                "district).\n"
                "- **Buildings**: `buildings` (one row per building with living space, synthetic), `building_balance` (useful heat, "
                "final energy and greenhouse gases in the balance year), `hp_potential` (heat-pump class, flow temperature, SPF), "
                "`addresses` (addresses for the search, points without a link to building data).\n"
                "- **District heating**: `dh_networks` (networks with factor and heat fed in), `dh_areas` (existing areas, proxy), "
                "`dh_expansion` (illustrative expansion areas with their year).\n"
                "- **Sums for maps and tables**: `agg_district` (key figures and proposed area per district), `agg_district_carrier` "
                "(per district and carrier), `agg_district_stock` (per district, age class and building type), `agg_cell` (per 100 m "
                "cell), `agg_h3` (per H3 hexagon).",
            ],
        ),
        "demand": (
            "1 Useful heat: TABULA typology, hot water, retrofit",
            [
                "A building's useful heat is its heated reference area A (TABULA: living area × {a_ref}, `a_c_ref_per_living_area`) "
                "times the specific need for space heating q_h (by building type b, construction year j and retrofit state r) and hot "
                "water q_w in kWh/(m²·a):",
                _tex("demand"),
                "- **Space heating q_h**: net need of the German residential typology IWU/TABULA in its existing state, per building "
                "type (SFH detached single/two-family house, TH semi-detached/terraced house, MFH multi-family house, AB apartment "
                "block) and construction-year span (12 spans, table `demand_tabula.csv`). Where TABULA has no variant (TH before 1860, "
                "AB before 1860 and from 1979) the value of the neighbouring span or of the MFH is used – marked as an assumption in the "
                "parameter table.\n"
                "- **Hot water q_w**: {q_w_small} kWh/(m²·a) for SFH and TH, {q_w_large} kWh/(m²·a) for MFH and AB (TABULA boundary "
                "condition).\n"
                "- **Retrofit r**: three states, `none`, `standard` (EnEV level) and `advanced` (KfW level). For SFH 1919–1983 "
                "`retrofit.csv` holds values we recomputed (derived); otherwise the existing need is multiplied by a factor: before 1984 "
                "{rf_std} (standard) or {rf_adv} (advanced), higher factors for younger buildings (assumptions; from 2002 the standard "
                "retrofit no longer lowers the need). A retrofit value never exceeds the existing need.\n"
                "- **Need or consumption** (`demand_basis`): `tabula` uses the calculated need. `consumption` accounts for poorly "
                "insulated buildings using less than calculated (prebound effect): q_h is multiplied by f(q_h), a line through "
                "(q_full = {calib_q_full} kWh/m², 1) and the anchor SFH 1969–1978 (TABULA {calib_anchor_q}, consumption "
                "{calib_anchor_c} kWh/m² from the KWW Technikkatalog), never below f_min = {calib_floor}. Hot water is unchanged.",
                _tex("prebound"),
                "The warehouse's stored figures (table `building_balance`, balance year {balance_year}) use `tabula`; a scenario can "
                "choose `consumption`. Where a building has metered final energy it is used as is, and its useful heat is metered value "
                "× efficiency; the Dortmund warehouse holds no metered values.",
            ],
        ),
        "final_energy": (
            "2 Final energy: efficiency and seasonal performance factor",
            [
                _tex("final"),
                "Final energy E = useful heat / efficiency η (table `systems.csv`; e.g. existing gas boiler {eta_gas}, oil boiler "
                "{eta_oil}, new condensing gas boiler {eta_cond}; direct electric and district heating 1, because network losses are "
                "inside the district-heating emission factor). For heat pumps the seasonal performance factor (SPF: heat per unit of "
                "electricity) takes the place of η. Field means of Fraunhofer ISE (WP-QS im Bestand, 2025): air {spf_air}, ground "
                "{spf_ground}.",
                "The SPF depends mainly on the design flow temperature T. The model scales the field mean by the ratio of Carnot "
                "COPs; the field mean holds at {t_field} °C, the mean source temperature is {t_src_air} °C (air) or {t_src_ground} °C "
                "(brine), and the result stays between {spf_min} and {spf_max}:",
                _tex("spf"),
                "Flow temperature by age and retrofit: unrenovated before 1984 {flow_old} °C, 1984–2009 {flow_mid} °C, from 2010 "
                "{flow_new} °C; after a standard retrofit at most {flow_std} °C, after an advanced retrofit at most {flow_adv} °C. The "
                "scaled SPF applies to new heat pumps in the pathway and to the heat-pump potential; heat pumps installed today use the "
                "field mean in the balance and in the pathway.",
            ],
        ),
        "factors": (
            "3 Emission factors: GEG and BISKO",
            [
                "Greenhouse gases = final energy × emission factor (g CO₂e per kWh of final energy). Two factor sets are available:\n\n"
                "- **GEG** (Buildings Energy Act, Annex 9): fixed by law and the same in every year; electricity {ef_geg_el}, natural "
                "gas {ef_geg_gas} g/kWh.\n"
                "- **BISKO** (the German municipal accounting standard, with upstream chains): natural gas {ef_bisko_gas} g/kWh; "
                "electricity as the national mix per year ({ef_bisko_el} g/kWh in the balance year {balance_year}, scaled from the UBA "
                "value to BISKO – derived), after {el_last_year} along an electricity path (central {el_2030} g/kWh in 2030 and "
                "{el_2045} g/kWh in 2045, assumptions; the paths 'slow' and 'fast' span the uncertainty), linear between the given "
                "years.\n\n"
                "The warehouse's figures (`building_balance`) are for {balance_year} with BISKO; the GEG emissions stand next to them in "
                "the same table. Scenarios choose their set. On the command line (`python -m ghgmodel balance --factors FILE.csv`) a "
                "factor file of one's own (`carrier,ef_g_per_kwh`) can replace single rows.",
                "**Stand-ins:** for some BISKO rows no published BISKO value was available to us. They hold a substitute (a GEMIS "
                "life-cycle value or the GEG value), described as 'stand-in' or marked as an assumption in the parameter table: "
                "{standins}. Hydrogen ({ef_h2} g/kWh) is a derived ceiling for low-carbon hydrogen (WPG § 3 (3) with the EU taxonomy).",
            ],
        ),
        "district_heating": (
            "4 District heating: network factor, other customers and the WPG path",
            [
                "District heating counts with the factor of its network. Where a network publishes its own factor (column "
                "`ef_g_per_kwh` in `dh_networks`), that factor applies. DEW21 publishes none, so the factor of the assumed network "
                "type `{dh_type}` applies ({ef_dh_default} g/kWh from the GEG, a stand-in in BISKO).",
                "Networks in the warehouse: DEW21 and Scharnhorst (areas from the census proxy; those in the Stadtbezirk Scharnhorst "
                "go to the Scharnhorst network) and PHOENIX-West (a new network for commercial customers; 5,000 MWh/a derived, "
                "counterfactual gas boilers). The heat fed in according to the Fernwärmeatlas, {fed_in} GWh/a, is split between DEW21 "
                "and Scharnhorst in proportion to the modelled residential district heat. What does not go to modelled residential "
                "buildings – heat fed in × (1 − {loss_pct} % losses) minus the heat delivered to them in the base year – is carried as "
                "the sector 'other district-heating customers', so that network projects act on the whole network.",
                "Network projects (decarbonisation, large heat pump, solar thermal) feed heat E_p from a cleaner source, rising "
                "linearly to their end year (together at most the network's heat fed in, F). The network factor mixes:",
                _tex("network"),
                "Source factors ef_p: waste heat {ef_waste} g/kWh, solar thermal 0, biomass as wood, large heat pump = electricity "
                "factor / {large_hp_spf}, or the value given in the project. On the district-heating path **as today** s_WPG = 0. On "
                "the **WPG path** the minimum share of renewable heat and waste heat rises linearly from the base year ({wpg_start} %) "
                "to {wpg_2030} % in 2030, {wpg_2040} % in 2040 and {wpg_2045} % in 2045 (WPG §§ 29 and 31); that share counts with "
                "ef_ren = {dh_ren_ef} g/kWh (assumption).",
            ],
        ),
        "pathway": (
            "5 Pathway {first_year}–{last_year}: levers and the order of transitions",
            [
                "The pathway runs every year from {first_year} to {last_year}. Buildings that agree in everything the levers and "
                "projects act on (district, carrier, retrofit state, heat-pump class, flow-temperature class, network, district-heating "
                "and expansion area, membership in projects) form a group g. Per group the model keeps the shares y of the retrofit "
                "states and the shares x of the heating states (today's system, new gas boiler, air heat pump, ground heat pump, "
                "district heating, new wood boiler); within a group the two are taken as independent.",
                "In every year after the base year the transitions act in this order, each on the state the previous one left:\n\n"
                "1. **Retrofit**: the share `retrofit_rate_pct` (default {retrofit_rate} % per year) of a group's buildings is "
                "retrofitted while unrenovated ones are left, of which `retrofit_advanced_share_pct` ({retrofit_adv} %) to the advanced "
                "level; plus retrofit programmes and own buildings from the project portfolio.\n"
                "2. **District-heating connections**: in expansion areas from their planned year at `dh_connection_rate_pct` per year "
                "until at most `dh_connection_max_pct` ({conn_max} %) of the buildings are connected; densification in existing areas "
                "(`dh_densification_pct`); connection projects. Buildings with today's system (except district heating and heat "
                "pumps) and new gas and wood boilers can switch; a heat pump stays.\n"
                "3. **Heat pumps**: per heat-pump class (ground, air, limited) the share `hp_adoption_pct` per year of the buildings "
                "heated with fossil fuels or direct electricity and of the new gas boilers switches to a heat pump – class ground to a "
                "ground-source, the others to an air-source heat pump, class 'unsuitable' never; plus heat-pump programmes and "
                "conversions of own buildings.\n"
                "4. **Boiler replacement at end of life**: every year 1/{lifetime} of the remaining original fossil boilers (gas, oil, "
                "LPG, coal) is replaced – before {geg65} by a condensing gas boiler; from {geg65} on (the GEG 65 % rule, for Dortmund "
                "from 1 July 2026 by § 71 (8) GEG with § 4 (2) WPG) in network areas {dh_choice} % (`dh_share_at_replacement_pct`) by "
                "district heating, otherwise by a heat pump where the class is not 'unsuitable', and otherwise by the scenario's "
                "fallback system (`fallback_system`, default: {fallback}).",
                "Then final energy and greenhouse gases per group g and heating state h (Q_g,r: useful heat of the group at retrofit "
                "state r):",
                _tex("pathway"),
                "Hydrogen: `h2_share_pct` replaces part of the gas (factor {ef_h2} g/kWh). Variants: 'low' and 'high' change the "
                "uncertain parameters together – electricity path fast or slow, SPF × {spf_low} or × {spf_high}, connection rates × "
                "{conn_low} or × {conn_high}.",
            ],
        ),
        "heatpump": (
            "6 Heat-pump potential: borehole probes (VDI 4640) and noise (TA Lärm)",
            [
                "For every building the model checks two sources (table `hp_potential`):\n\n"
                "- **Borehole probes**: probes may go on the plot area A_probe left free by the VDI 4640 distances ({probe_setback} m "
                "to the plot boundary, {probe_dist} m to the building); each probe needs a square of side a = {probe_spacing} m. One "
                "probe (depth d = {probe_depth} m, extraction {probe_w} W/m, h = {probe_h} full-load hours) supplies {probe_mwh} MWh/a; "
                "needed is the heat taken from the ground, useful heat × (1 − 1/SPF).\n"
                "- **Air**: an outdoor unit ({unit_kw} kW; heat load = annual heat / {hp_hours} h) of sound power L_W = {lw} dB(A), "
                "+ 10·log₁₀ n for n units, meets the TA Lärm night limit of {noise_limit} dB(A) (general residential zone, assumed "
                "everywhere; ΔL = {noise_geom} dB for a unit on the ground in front of a wall) at distance r. For one unit that is "
                "{noise_r1} m; it is compared with the distance to the nearest building footprint.",
                _tex("probes"),
                _tex("noise"),
                "Classes: **ground** (the probes fit and the flow temperature is at most {limited_flow} °C), **air** (the noise "
                "distance is free, same flow condition), **limited** (a source fits only with measures: a lower flow temperature, or a "
                "quieter unit where at least half the noise distance is free), **unsuitable** (neither). Water-protection zones, zoning "
                "of development plans, geology and mining are not in the data and are not checked. Plots are approximated (the slots "
                "of the cell; in Bövinghausen Voronoi areas around the real footprints), footprints are synthetic outside the OSM sample.",
            ],
        ),
        "supply": (
            "7 Proposed supply areas and suitability grades of § 19 WPG",
            [
                "For every 100 m cell (1 ha, table `agg_cell`) the heat density is the useful heat of its buildings per hectare. "
                "Classes in MWh/(ha·a) (KEA-BW/Leitfaden Wärmeplanung, not checked against the primary source): below {d_new} not "
                "suitable, up to {d_low} new-build, up to {d_conv} low temperature in existing stock, up to {d_very} conventional, "
                "above very high.\n\n"
                "- **Grade for a heat network**: very likely suitable from {d_very} MWh/(ha·a) or from {share_dh2} % of buildings on "
                "district heating; likely suitable from {d_conv} or from {share_dh} %; likely unsuitable from {d_low}; otherwise very "
                "likely unsuitable.\n"
                "- **Grade for decentral supply** by the share of buildings with heat-pump class ground or air: from 80 % very likely "
                "suitable, from {share_hp} % likely suitable, from 30 % likely unsuitable, otherwise very likely unsuitable.\n"
                "- **Proposed area**: heat-network area where a network is (very) likely suitable or at least {share_dh} % of the "
                "buildings lie in an expansion area; otherwise area for decentral supply where that is (very) likely suitable; "
                "otherwise area under review (Prüfgebiet). A district (`agg_district`) gets the proposal of the cells of most of its "
                "buildings.\n\n"
                "This is a screening proposal for planners, not a designation (the heat plan is not binding, § 23 (4) WPG). The heat-line "
                "density (kWh per metre of street) is not computed because the warehouse holds no street network.",
            ],
        ),
        "targets": (
            "8 Targets: Klima-Luft 2030 and climate neutrality {neutral_year}, applied to heat",
            [
                "Dortmund's targets are for all sectors: −{kl_2030} % against 1990 by 2030 (Handlungsprogramm Klima-Luft 2030) and "
                "climate neutrality in {neutral_year} (council decision). No target for heat alone is published. The model assumes "
                "heat must fall by the same share as the city's total (`ghgmodel/targets.py`; H: heat emissions in the base year, C: "
                "city emissions, r: reduction against 1990, ρ: residual share allowed):",
                _tex("targets"),
                "With the parameters: city 1990 = {ghg_2020} Mt / (1 − {red_2020} %) = {ghg_1990} Mt; target 2030 = {target_2030} Mt; "
                "divided by {ghg_2022} Mt (2022) gives {ratio_2030}. The 2030 heat target is thus {cut_2030} % below the heat emissions "
                "of the base year {first_year}, which stands in for 2022. For {neutral_year} the residual is ρ = {residual} % "
                "(neutrality read as zero heat emissions; offsetting is not modelled). The gap is pathway minus target (positive: "
                "target missed).",
            ],
        ),
        "contributions": (
            "9 Project contributions: standalone and attributed (Shapley)",
            [
                "The reduction of a set S of projects in year t is R(S, t) = E(no projects, t) − E(S, t), both with the scenario's "
                "levers.\n\n"
                "- **Standalone** is the reduction of a project alone, R({{p}}, t). Where projects overlap (the same buildings or the "
                "same network), the standalone reductions do not add up to the joint one.\n"
                "- **Attributed** is the Shapley value: a project's mean additional reduction over all orders in which the projects "
                "join. The attributed contributions add up exactly to the joint reduction of all projects.",
                _tex("shapley"),
                "- **Components**: projects that act on each other (shared building groups; one feeds a network whose delivered "
                "heat the other changes; two feed the same network) form a component; across components effects add up. Components of up to {max_exact} projects "
                "are computed **exactly** over all subsets, larger ones from {n_perm} random orders (**sampled**; fixed seed "
                "{shapley_seed}, each order paired with its reverse), which also add up exactly and report a standard error.\n"
                "- **Null players**: projects that cannot act within the pathway (building measures ending before {first_change}, "
                "network projects without heat) get exactly zero and stay out of the game.\n"
                "- **Euro per tonne** = investment (capex, funding not deducted) / cumulative attributed reduction "
                "{first_year}–{last_year} in the central variant; the range shows the low and high variants.",
                _tex("eur_per_t"),
                "Contributions depend on the scenario: on its levers (such as the electricity path or boiler replacement) and on which "
                "other projects it includes.",
            ],
        ),
        "synthetic": (
            "10 Synthetic building data: how they are made",
            [
                "The 2011 census publishes only counts per 100 m cell (age, heating type, building type, dwellings, dwelling sizes), "
                "no individual buildings. The build (`heatdb/synth.py`, fixed seed {seed}) draws the table `buildings` from them:\n\n"
                "1. **Suppression correction**: counts below 3 are not published (they appear as 0), so published sums are lower "
                "bounds. A cell's number of buildings is the largest of its three sums (age, heating type, building type), at least 1 "
                "where dwellings are counted (`census_cells.n_buildings_corrected`).\n"
                "2. **Filling**: each of the three families is filled up to that number, only in classes published as 0 (those are "
                "the suppressed ones), weighted by the shares of the statistischer Bezirk. Every published class count of a cell is "
                "kept.\n"
                "3. **Random pairing**: every building gets an age class, a heating type and a building type; the cell totals match, "
                "but the combination is random because the census publishes no cross table. The construction year is uniform within "
                "its class (before 1919 from {year_from}, 'from 2009' up to {year_to}).\n"
                "4. **Dwellings and area**: dwellings per building by type (single-family 1, two-family 2, multi-family in ranges), "
                "scaled to the cell's published dwellings; dwelling sizes from the cell's size classes, the larger ones to detached, "
                "two-family and terraced houses first. Heated area = living area × {a_ref}. Census building types are mapped to "
                "TABULA types (`type_map.*`).\n"
                "5. **Carriers** from the heating type by documented shares (table below). The shares for central heating are chosen "
                "so that gas would heat 77.7 % of buildings (IT.NRW 2018, share of dwellings; arithmetic in "
                "`alloc.zentralheizung.gas`); after the filling it is {gas_share} %. No carrier is observed per building.\n"
                "6. **Retrofit state**: randomly chosen buildings get a standard retrofit until {class_e} % of buildings (City of "
                "Dortmund, 2024) are below {class_e_limit} kWh/(m²·a) of final energy, the upper bound of efficiency class E.\n"
                "7. **Footprints**: each cell is divided into k × k slots; each building gets a slot as its plot and a rectangle of "
                "living area × {gross} / storeys (aspect ratio up to {aspect}, {margin} m margin). In Bövinghausen real "
                "OpenStreetMap footprints replace the rectangles, matched by size within the cell ({n_osm} buildings); their "
                "attributes stay synthetic.\n"
                "8. **District heating**: the district-heating areas (`dh_areas`) are a proxy from the census cells with at least 3 "
                "district-heated buildings (2011), not the DEW21 network. Buildings with the census heating type Fernheizung use "
                "district heating; every building belongs to the network of the nearest area.\n"
                "9. **Expansion areas (illustrative, `dh_expansion`)**: cells of at least {d_conv} MWh/(ha·a) outside the existing "
                "areas and at most {max_dist} m from them are merged into areas (at least {min_cells} cells), ranked by distance and "
                "density and given the years {exp_first}–{exp_last} in that order. This illustrates the method; it is not a plan of "
                "DEW21 or the city.",
            ],
        ),
    },
}

LIMITS: dict[str, list[tuple[str, str]]] = {
    "de": [
        (
            "Gebäudebestand von 2011.",
            "Alle Gebäude stammen aus dem Zensus 2011 (Stichtag 9. Mai 2011): Neubauten danach fehlen, Abrisse sind nicht berücksichtigt.",
        ),
        (
            "Nur Wohngebäude.",
            "Nichtwohngebäude (Gewerbe, Industrie, öffentliche Gebäude) sind nicht modelliert – außer als Netzlast "
            "der übrigen Fernwärmekunden und im Netz PHOENIX-West.",
        ),
        (
            "Einzelgebäude sind synthetisch.",
            "Lage, Umriss, Grundstück, Kombination der Merkmale, Energieträger und Sanierungsstand "
            "sind modelliert; stimmig sind nur die Zählungen je 100-m-Zelle. Aussagen über einzelne Gebäude oder Adressen sind nicht "
            "möglich und nicht beabsichtigt.",
        ),
        (
            "Energieträger nicht beobachtet.",
            "Sie folgen dokumentierten Anteilen je Heizungsart (IT.NRW 2018, NRW-Aufteilung, "
            "Annahmen); Zusammenhänge wie „alte Gebäude heizen eher mit Öl“ gehen durch die zufällige Paarung verloren.",
        ),
        (
            "Fernwärmegebiete sind ein Proxy.",
            "Sie zeigen, wo 2011 fernbeheizte Gebäude standen, nicht das DEW21-Netz. Einen "
            "Netzfaktor veröffentlicht DEW21 nicht; angenommen ist Gas-KWK ({ef_dh_default} g/kWh).",
        ),
        (
            "Erweiterungsgebiete sind illustrativ.",
            "Flächen und Jahre {exp_first}–{exp_last} folgen einer Regel, nicht einer Planung von DEW21 oder der Stadt.",
        ),
        (
            "BISKO-Stand-ins.",
            "Für Heizöl, Flüssiggas, Fernwärme, Solarthermie, Umweltwärme und Abwärme lag kein BISKO-Wert vor; der "
            "BISKO-Strom 2023–2025 ist aus UBA-Werten abgeleitet, der Strom danach ein angenommener Pfad.",
        ),
        (
            "Wärmepumpen-Potenzial ohne Schutzgebiete.",
            "Wasserschutzgebiete, Gebietsarten (überall {noise_limit} dB(A) angenommen), "
            "Geologie und Altbergbau fehlen; Grundstücke und Nachbarabstände sind synthetisch. Die Klasse wird für den heutigen Zustand "
            "bestimmt und im Pfad nicht neu berechnet.",
        ),
        (
            "Keine Wärmeliniendichte.",
            "Ohne Straßennetz gibt es keine Karte der Wärmeliniendichte (kWh je Meter Straße), die Anlage 2 "
            "WPG vorsieht; die Wärmedichte je Hektar steht an ihrer Stelle.",
        ),
        (
            "Keine Stundenwerte, keine Netzkapazitäten.",
            "Das Modell rechnet Jahressummen; Lastspitzen, Strom- und Wärmenetzkapazitäten "
            "und Kosten (außer der Investition der Projekte) sind nicht abgebildet.",
        ),
        (
            "Keine Witterungsbereinigung.",
            "Bedarfswerte gelten für das TABULA-Normklima; Jahre mit anderem Wetter sind nicht unterschieden.",
        ),
        (
            "WPG-Indikatoren nur für Wohngebäude.",
            "Die Indikatoren der Anlage 2 III WPG umfassen die Wohngebäude und die übrige "
            "Fernwärme als Netzlast, nicht die Sektoren Gewerbe und Industrie.",
        ),
        (
            "65-%-Regel nicht je Gebäude geprüft.",
            "Ab {geg65} ersetzt das Modell Kessel durch Fernwärme oder Wärmepumpe; wo beides nicht "
            "geht, durch das Ersatzsystem des Szenarios (Voreinstellung Gas-Brennwert), dessen Emissionen mit dem Gasfaktor zählen.",
        ),
        (
            "Projekte vor {first_change}.",
            "Gebäudeprojekte, die vor {first_change} enden, zeigen keine Wirkung: der Pfad beginnt im "
            "Basisjahr {first_year} mit dem heutigen Zustand, der sie schon enthält.",
        ),
        (
            "Beiträge hängen vom Szenario ab.",
            "Eigenständige und zugerechnete Minderungen ändern sich mit den Hebeln und mit den anderen "
            "Projekten im Szenario; sie sind keine festen Eigenschaften eines Projekts.",
        ),
        (
            "Ziele übertragen.",
            "Die Ziele der Stadt gelten für alle Sektoren; ihre Übertragung auf die Wärme ist eine Annahme, das "
            "Basisjahr {first_year} steht für 2022.",
        ),
        (
            "Fernwärmeatlas nur zum Abgleich.",
            "Seine Lizenz ist unbekannt; verwendet werden nur die Summen für Dortmund (Einspeisung, Verluste).",
        ),
    ],
    "en": [
        (
            "Building stock of 2011.",
            "All buildings come from the 2011 census (9 May 2011): buildings built since are missing, demolitions are not reflected.",
        ),
        (
            "Residential buildings only.",
            "Non-residential buildings (commerce, industry, public buildings) are not modelled – except "
            "as the network load of the other district-heating customers and in the PHOENIX-West network.",
        ),
        (
            "Individual buildings are synthetic.",
            "Position, footprint, plot, the combination of attributes, carrier and retrofit "
            "state are modelled; only the counts per 100 m cell are right. Statements about single buildings or addresses are neither "
            "possible nor intended.",
        ),
        (
            "Carriers are not observed.",
            "They follow documented shares per heating type (IT.NRW 2018, the NRW split, assumptions); "
            "relations such as 'old buildings heat with oil more often' are lost in the random pairing.",
        ),
        (
            "District-heating areas are a proxy.",
            "They show where district-heated buildings stood in 2011, not the DEW21 network. "
            "DEW21 publishes no network factor; gas CHP is assumed ({ef_dh_default} g/kWh).",
        ),
        ("Expansion areas are illustrative.", "Areas and years {exp_first}–{exp_last} follow a rule, not a plan of DEW21 or the city."),
        (
            "BISKO stand-ins.",
            "No BISKO value was available for heating oil, LPG, district heating, solar thermal, ambient heat and "
            "waste heat; BISKO electricity 2023–2025 is derived from UBA values, electricity after that is an assumed path.",
        ),
        (
            "Heat-pump potential without protected zones.",
            "Water-protection zones, zoning (assumed {noise_limit} dB(A) everywhere), "
            "geology and former mining are missing; plots and neighbour distances are synthetic. The class is set for today's state and "
            "not recomputed in the pathway.",
        ),
        (
            "No heat-line density.",
            "Without a street network there is no map of the heat-line density (kWh per metre of street) that "
            "WPG Annex 2 asks for; the heat density per hectare stands in for it.",
        ),
        (
            "No hourly loads, no grid capacity.",
            "The model works with annual sums; peak loads, power and heat-network capacities and "
            "costs (other than project investment) are not represented.",
        ),
        ("No weather correction.", "Need values are for the TABULA standard climate; years with different weather are not told apart."),
        (
            "WPG indicators for residential buildings only.",
            "The indicators of WPG Annex 2 III cover residential buildings and the "
            "other district heat as network load, not the commercial and industrial sectors.",
        ),
        (
            "The 65 % rule is not checked per building.",
            "From {geg65} the model replaces boilers by district heating or a heat pump; "
            "where neither fits, by the scenario's fallback system (default condensing gas), whose emissions count with the gas factor.",
        ),
        (
            "Projects before {first_change}.",
            "Building projects that end before {first_change} show no effect: the pathway starts in "
            "the base year {first_year} from today's state, which already contains them.",
        ),
        (
            "Contributions depend on the scenario.",
            "Standalone and attributed reductions change with the levers and with the other "
            "projects in the scenario; they are not fixed properties of a project.",
        ),
        (
            "Targets are transferred.",
            "The city's targets are for all sectors; applying them to heat is an assumption, and the base "
            "year {first_year} stands in for 2022.",
        ),
        ("Fernwärmeatlas for calibration only.", "Its licence is unknown; only Dortmund's totals (heat fed in, losses) are used."),
    ],
}

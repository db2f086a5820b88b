"""The overview page's pieces: key figures and the district map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from locales import num, pct, signed
from ui import charts, db, maps, model, privacy
from ui.i18n import has, lang, t, target_name

METRICS = {
    "heat_density_mwh_per_ha_year": ("metric_density", [50, 100, 175, 415, 1050], "MWh/ha·a"),
    "co2e_t_per_year": ("metric_co2", [5000, 10000, 20000, 40000, 80000], "t/a"),
    "dh_share_pct": ("metric_dh", [1, 5, 10, 20, 40], "%"),
}


def key_figures() -> None:
    c = db.city()
    lg = lang()
    row1 = st.columns(3)
    row1[0].metric(t("m_buildings"), num(c["n_buildings"], 0, lg))
    row1[1].metric(f"{t('m_heated_area')} ({t('unit_mio_m2')})", num(c["heated_area_m2"] / 1e6, 1, lg))
    row1[2].metric(f"{t('m_heat_demand')} ({t('unit_gwh')})", num(c["heat_demand_mwh_per_year"] / 1000, 0, lg))
    row2 = st.columns(3)
    row2[0].metric(
        f"{t('m_co2')} ({t('unit_kt')})",
        num(c["co2e_t_per_year"] / 1000, 0, lg),
        help=t("help_co2", year=db.meta().get("balance_year", "")),
    )
    row2[1].metric(t("m_dh_share"), pct(c["dh_share_pct"], 1, lg), help=t("help_share"))
    row2[2].metric(t("m_hp_share"), pct(c["hp_share_pct"], 1, lg), help=t("help_share"))


def district_map(metric: str, *, key: str) -> None:
    label_key, breaks, unit = METRICS[metric]
    lg = lang()
    data = db.district_map("statbez")
    values = [f["properties"].get(metric) for f in data["features"]]
    colors = maps.sequential_colors(values, breaks)
    features = []
    for f, col in zip(data["features"], colors):
        p = f["properties"]
        props = {
            "name": p["name"],
            "fill": col,
            "value": num(p.get(metric), 1 if metric.endswith("pct") else 0, lg),
            "unit": unit,
        }
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    layer = maps.area_layer(features, "districts", highlight=True)
    left, right = st.columns([4, 1])
    with left:
        st.pydeck_chart(maps.deck([layer], tooltip={"text": "{name}\n{value} {unit}"}, view=maps.city_view(520)), height=520, key=key)
    with right:
        st.markdown(maps.breaks_legend(t(label_key), breaks, "", lambda v: num(v, 0, lg)), unsafe_allow_html=True)
        st.caption(maps.basemap_caption())


def label(prefix: str, value: str) -> str:
    """Translated label of a code (carrier, supply type, sector), the code itself if unknown."""
    key = f"{prefix}_{value}"
    return t(key) if has(key) else str(value)


def pathway_lines(scenario_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Central, low and high totals (kt) per scenario, and the targets of the first scenario."""
    frames = []
    targets = None
    names = dict(zip(model.scenarios()["scenario_id"], model.scenarios()["name"]))
    for sid in scenario_ids:
        sc = model.scenario(sid)
        band = model.pathway_band(sc) / 1000.0
        frames.append(
            pd.DataFrame(
                {
                    "year": band.index,
                    "series": names.get(sid, sid),
                    "central": band["central"],
                    "low": band[["low", "high"]].min(axis=1),
                    "high": band[["low", "high"]].max(axis=1),
                }
            )
        )
        if targets is None:
            g = model.gaps(sc)
            targets = pd.DataFrame(
                {
                    "year": g["year"],
                    "target": [target_name(y, n) for y, n in zip(g["year"], g["target"])],
                    "target_kt": g["target_t"] / 1000.0,
                }
            )
    return pd.concat(frames, ignore_index=True), targets


def pathway_section(scenario_id: str) -> None:
    lg = lang()
    st.subheader(t("pathway_title"))
    with st.spinner():
        lines, targets = pathway_lines([scenario_id])
        g = model.gaps(model.scenario(scenario_id)).set_index("year")
    colors = {name: charts.scenario_color(scenario_id) for name in lines["series"].unique()}
    charts.show(charts.pathway_chart, lines, targets, y_title=t("unit_kt_short"), target_label=t("target"), colors=colors)
    st.caption(t("pathway_caption"))
    totals = model.pathway(model.scenario(scenario_id))["by_district"]
    base = totals[totals["year"] == 2024]
    other = base.loc[base["sector"] != "residential", "co2e_t"].sum()
    st.caption(
        t(
            "ov_scope",
            year=db.meta().get("balance_year", ""),
            other=num(other / 1000, 0, lg),
            start=num(base["co2e_t"].sum() / 1000, 0, lg),
        )
    )
    c1, c2 = st.columns(2)
    c1.metric(t("gap_2030"), num(g.loc[2030, "gap_t"] / 1000, 0, lg) + " kt", help=t("gap_help"))
    year_n = int(g.index.max())
    c2.metric(t("gap_2035"), num(g.loc[year_n, "gap_t"] / 1000, 0, lg) + " kt", help=t("gap_help"))
    steps = model.decomposition(model.scenario(scenario_id))["steps"]
    here = steps[steps["to_year"] == year_n]

    def kt(kind):
        return signed(here.loc[here["kind"] == kind, "delta_t"].sum() / 1000, 0, lg)

    st.caption(t("ov_decomp", year=year_n, drivers=kt("driver"), measures=kt("measure"), unbacked=kt("unbacked")))


def carrier_mix() -> None:
    city_id = db.city()["district_id"]
    mix = db.district_carriers(city_id)
    mix = mix.assign(label=[privacy.carrier_label(c) for c in mix["carrier"]], gwh=mix["heat_demand_mwh_per_year"] / 1000)
    st.subheader(t("carrier_mix"))
    charts.show(charts.bars, mix, x="gwh", y="label", x_title="GWh/a")


def top_districts(n: int = 10) -> None:
    d = db.districts("statbez").sort_values("co2e_t_per_year", ascending=False).head(n)
    st.subheader(t("top_districts"))
    table = pd.DataFrame(
        {
            t("col_district"): d["name"],
            t("col_buildings"): d["n_buildings"],
            t("col_co2_kt"): d["co2e_t_per_year"].round(0),
            t("col_density"): d["heat_density_mwh_per_ha_year"].round(0),
            t("col_dh_share"): d["dh_share_pct"].round(1),
            t("col_hp_pot"): (d["share_hp_ground_pct"] + d["share_hp_air_pct"]).round(1),
            t("col_supply"): [label("supply", s) for s in d["supply_area_type"]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")

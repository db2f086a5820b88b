"""The district explorer: picking a district (list or map click) and its profile, two side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from heatdb.census import AGE_CLASSES
from locales import num, pct
from reports import disclosure
from ui import charts, db, maps, model, privacy
from ui.i18n import grade_name, lang, t
from ui.mode import is_public
from ui.overview import label

LEVELS = ("stadtbezirk", "statbez")
MAP_KEY = "q_map"


def level_select() -> str:
    wanted = st.query_params.get("level", "statbez")
    level = st.radio(
        t("q_level"),
        LEVELS,
        index=LEVELS.index(wanted) if wanted in LEVELS else 1,
        horizontal=True,
        key="q_level",
        format_func=lambda v: t(f"level_{v}"),
    )
    st.query_params["level"] = level
    return level


def _apply_map_click(ids: list[str]) -> None:
    """A click on the map selects that district in the list (before the list is drawn)."""
    state = st.session_state.get(MAP_KEY)
    try:
        objects = state["selection"]["objects"] if state else {}
    except (KeyError, TypeError):
        objects = {}
    for objs in (objects or {}).values():
        for obj in objs or []:
            did = (obj.get("properties") or obj).get("district_id")
            if did in ids and st.session_state.get("q_last_click") != did:
                st.session_state["q_district"] = did
                st.session_state["q_last_click"] = did


def district_select(level: str) -> tuple[str, str | None]:
    d = db.districts(level)
    ids = d["district_id"].tolist()
    names = dict(zip(d["district_id"], d["name"]))
    _apply_map_click(ids)
    wanted = st.query_params.get("district")
    if st.session_state.get("q_district") not in ids:
        st.session_state["q_district"] = wanted if wanted in ids else ids[0]
    c1, c2 = st.columns(2)
    chosen = c1.selectbox(t("q_district"), ids, key="q_district", format_func=lambda i: names.get(i, i))
    options = ["", *[i for i in ids if i != chosen]]
    wanted_cmp = st.query_params.get("compare", "")
    if st.session_state.get("q_compare") not in options:
        st.session_state["q_compare"] = wanted_cmp if wanted_cmp in options else ""
    other = c2.selectbox(t("q_compare"), options, key="q_compare", format_func=lambda i: names.get(i, t("q_none")) if i else t("q_none"))
    st.query_params["district"] = chosen
    if other:
        st.query_params["compare"] = other
    elif "compare" in st.query_params:
        del st.query_params["compare"]
    return chosen, (other or None)


def district_map(level: str, selected: list[str]) -> None:
    data = db.district_map(level)
    feats = []
    for f in data["features"]:
        p = f["properties"]
        on = p["district_id"] in selected
        color = [230, 159, 0, 210] if on else [86, 180, 233, 110]
        feats.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {"district_id": p["district_id"], "name": p["name"], "fill": color},
            }
        )
    layer = maps.area_layer(feats, "districts", line=(30, 30, 30, 220), highlight=True)
    st.pydeck_chart(
        maps.deck([layer], tooltip={"text": "{name}"}), height=430, key=MAP_KEY, on_select="rerun", selection_mode="single-object"
    )
    st.caption(t("q_map_hint") + " " + maps.basemap_caption())


def _district_row(district_id: str) -> pd.Series:
    level = district_id.split("-", 1)[0]
    d = db.districts(level)
    return d[d["district_id"] == district_id].iloc[0]


def _scenario_emissions(district_id: str, scenario_id: str) -> pd.Series:
    """Residential emissions of a district per year in the scenario (sum over its statistische Bezirke)."""
    sc = model.scenario(scenario_id)
    by = model.pathway(sc)["by_district"]
    children = db.query("district_children", district_id)
    mine = by[by["district_id"].isin(children) & (by["sector"] == "residential")]
    return mine.groupby("year")["co2e_t"].sum()


def _projects_reaching(district_id: str) -> pd.DataFrame:
    children = set(db.query("district_children", district_id))
    areas = set(db.query("district_expansion", district_id)["expansion_area_id"])
    nets = set(db.query("district_dh_areas", district_id)["network_id"])
    rows = []
    for p in model.projects():
        if set(p.district_ids) & children or set(p.expansion_area_ids) & areas or (p.is_network_project and p.network_id in nets):
            rows.append(
                {
                    t("col_name"): p.name,
                    t("col_owner"): p.owner,
                    t("col_type"): t(f"ptype_{p.project_type}"),
                    t("col_status"): t(f"status_{p.status}"),
                    t("col_years"): f"{p.start_year}–{p.end_year}",
                }
            )
    return pd.DataFrame(rows)


def _other(code) -> bool:
    return code == privacy.OTHER


def stock_data(district_id: str) -> pd.DataFrame:
    """Buildings by age class and type: only what the chart draws. On the public instance the published groups of
    reports.disclosure (small groups merged into "weitere" by the one rule for every page)."""
    s = db.district_stock(district_id)[["age_class", "building_type", "n_buildings"]]
    other = t("q_other_small")
    return s.assign(
        age_class=[other if _other(a) else a for a in s["age_class"]],
        building_type=[other if _other(b) else b for b in s["building_type"]],
    ).reset_index(drop=True)


def carrier_data(district_id: str) -> pd.DataFrame:
    """Buildings by heating carrier, labelled: only what the chart draws. On the public instance the published carrier
    groups (heat pumps together, liquefied gas and coal together, small groups merged into "weitere")."""
    c = db.district_carriers(district_id)
    return pd.DataFrame(
        {"carrier": c["carrier"], "n_buildings": c["n_buildings"], "label": [privacy.carrier_label(x) for x in c["carrier"]]}
    )


def profile(district_id: str, scenario_id: str) -> None:
    lg = lang()
    r = _district_row(district_id)
    n = lambda v, d=0: num(v, d, lg)  # noqa: E731
    st.markdown(f"### {r['name']}")
    c = st.columns(2)
    public = is_public()
    shown = not public or bool(r.get("is_published", True))
    c[0].metric(t("col_buildings"), privacy.count_text(r["n_buildings"], n))
    c[1].metric(t("q_heat_demand"), n(r["heat_demand_mwh_per_year"] / 1000, 1))
    c = st.columns(2)
    c[0].metric(
        t("q_density"), n(r["heat_density_mwh_per_ha_year"]), help=t(f"density_{r['density_class']}") if r.get("density_class") else None
    )
    c[1].metric(t("q_co2_today"), n(r["co2e_t_per_year"]))
    if not shown:  # too few buildings, or a neighbour of such a district: nothing of it is published
        st.info(t("q_suppressed", k=privacy.min_buildings()))
        return
    em = _scenario_emissions(district_id, scenario_id)
    if public:
        em = pd.Series(disclosure.round_sig(em.to_numpy()), index=em.index)
    c = st.columns(2)
    for col, year in zip(c, (2030, 2035)):
        delta = (em.loc[year] - em.loc[2024]) / em.loc[2024] * 100 if em.loc[2024] else 0
        col.metric(t("q_co2_year", year=year), n(em.loc[year]), delta=f"{num(delta, 0, lg)} %", delta_color="inverse")

    st.markdown(f"**{t('q_stock')}**")
    stock = stock_data(district_id)
    ages = [lab for _, lab, _, _ in AGE_CLASSES]
    charts.show(
        charts.stacked_bar,
        stock,
        x="age_class",
        y="n_buildings",
        color="building_type",
        x_title=t("col_age_class"),
        y_title=t("col_buildings"),
        color_title=t("col_building_type"),
        order=[*ages, t("q_other_small")],
    )
    st.markdown(f"**{t('q_carriers')}**")
    carriers = carrier_data(district_id)
    charts.show(charts.bars, carriers[["label", "n_buildings"]], x="n_buildings", y="label", x_title=t("col_buildings"))
    if public:
        st.caption(t("q_groups_public", k=privacy.min_buildings()))

    st.markdown(f"**{t('q_dh')}**")
    st.write(t("q_dh_share", share=pct(r["dh_share_pct"], 1, lg), n=privacy.count_text(r["n_dh"], n)))
    # building counts per area and district are planners' figures: the public instance names the areas only
    areas = db.query("district_dh_areas", district_id)
    if not areas.empty:
        st.caption(t("q_dh_areas"))
        table = {t("col_name"): areas["name"], t("col_network"): areas["network_name"]}
        if not public:
            table[t("col_buildings")] = [privacy.count_text(x, n) for x in areas["n_buildings"]]
            table[t("col_n_connected")] = [privacy.count_text(x, n) for x in areas["n_connected"]]
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    exp = db.query("district_expansion", district_id)
    st.caption(t("q_expansion"))
    if exp.empty:
        st.write(t("q_no_expansion"))
    else:
        table = {t("col_name"): exp["name"], t("col_year"): exp["year_planned"].astype(str)}
        if not public:
            table[t("col_buildings")] = [privacy.count_text(x, n) for x in exp["n_buildings"]]
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")

    st.markdown(f"**{t('q_hp')}**")
    hp = pd.DataFrame(
        {
            "label": [t(f"hp_{k}") for k in ("ground", "air", "limited", "unsuitable")],
            "share": [r[f"share_hp_{k}_pct"] for k in ("ground", "air", "limited", "unsuitable")],
        }
    )
    charts.show(charts.bars, hp, x="share", y="label", x_title="%", fmt=",.0f" if public else ",.1f")

    st.markdown(f"**{t('q_supply')}**")
    st.markdown(
        t(
            "q_supply_text",
            kind=label("supply", r["supply_area_type"]),
            g_net=grade_name(r["grade_heat_network"]),
            g_dec=grade_name(r["grade_decentral"]),
            w=pct(r["share_waermenetzgebiet_pct"], 0, lg),
            d=pct(r["share_dezentral_pct"], 0, lg),
            p=pct(r["share_pruefgebiet_pct"], 0, lg),
        )
    )
    st.markdown(f"**{t('q_projects')}**")
    projects = _projects_reaching(district_id)
    if projects.empty:
        st.write(t("q_no_projects"))
    else:
        st.dataframe(projects, hide_index=True, width="stretch")

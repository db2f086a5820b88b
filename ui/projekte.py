"""The Climate City Contract portfolio: table, wedges, waterfall, owners, areas, and the planners' editing."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

import portfolio as pf
from ghgmodel import PROJECT_STATUSES, PROJECT_TYPES, ModelInputError, Project
from ghgmodel.projects import HEAT_SOURCES
from heatdb.errors import ImportValidationError
from heatdb.queries import geojson
from locales import num, pct
from portfolio.buildings import BuildingLookup
from reports.texts import short_label, waterfall_label
from reports.waterfall import bars as wf_bars
from ui import charts, db, maps, model
from ui.i18n import lang, t
from ui.mode import is_public
from ui.safe import md_escape

YEARS = (2030, 2035)


def empty_notice() -> bool:
    """With no project in the portfolio: say why (another city's warehouse) and how to add projects; True if empty."""
    if len(model.projects_table()):
        return False
    city = pf.warehouse_city(db.cursor())
    why = t("p_empty_other_city", city=city, default=pf.DEFAULT_PROJECTS_CITY) if city and city != pf.DEFAULT_PROJECTS_CITY else ""
    st.info(t("p_empty", why=why))
    return True


def contributions(scenario_id: str) -> dict:
    """The contributions in all three variants if computed already, else the central one first (seconds)."""
    sc = model.scenario(scenario_id)
    full = model.peek_contributions(sc)
    if full is not None:
        return full
    with st.spinner(t("p_computing")):
        return model.contributions(sc, ("central",))


def complete(scenario_id: str, c: dict) -> dict | None:
    """The contributions in all three variants when `c` holds only the central one (None if it holds all)."""
    if set(c.get("variants", ("low", "central", "high"))) >= {"low", "high"}:
        return None
    with st.spinner(t("p_computing_range")):
        return model.contributions(model.scenario(scenario_id))


def table(c: dict) -> None:
    """Every project with its contribution (its range once the low and high variants are computed)."""
    lg = lang()
    ranged = set(c.get("variants", ("low", "central", "high"))) >= {"low", "high"}
    projects = model.projects_table()
    summary = c["summary"].set_index("project_id")
    n0 = lambda v: num(v, 0, lg)  # noqa: E731
    rows = []
    for rec in projects.to_dict(orient="records"):
        s = summary.loc[rec["project_id"]] if rec["project_id"] in summary.index else None
        row = {
            t("col_name"): rec["name"],
            t("col_owner"): rec["owner"],
            t("col_type"): t(f"ptype_{rec['project_type']}"),
            t("col_status"): t(f"status_{rec['status']}"),
            t("col_years"): f"{rec['start_year']}–{rec['end_year']}",
            t("col_capex"): rec["capex_eur"] / 1e6 if rec["capex_eur"] else None,
            t("col_funding"): rec["funding_eur"] / 1e6 if rec["funding_eur"] else None,
        }
        for y in YEARS:
            row[t("col_attr", year=y)] = None if s is None else s[f"attributed_{y}_t"]
            rng = f"{n0(s[f'attributed_{y}_low_t'])} – {n0(s[f'attributed_{y}_high_t'])}" if s is not None else ""
            row[t("col_range", year=y)] = rng if s is None or ranged else t("p_range_pending")
        row[t("col_alone", year=2035)] = None if s is None else s["standalone_2035_t"]
        row[t("col_cum")] = None if s is None else s["cumulative_t"]
        row[t("col_eur_t")] = None if s is None or pd.isna(s["abatement_cost_eur_per_t"]) else s["abatement_cost_eur_per_t"]
        row[t("col_eur_note")] = "" if s is None or not s["abatement_reason"] else t(f"abatement_{s['abatement_reason']}")
        row[t("col_published")] = rec["published_co2_t_per_year"]
        row[t("col_approx")] = t("yes") if rec["is_approximated"] else t("no")
        src = str(rec["source"] or "")
        row[t("col_source")] = src[src.find("http") :] if "http" in src else src
        row[t("col_note")] = rec["note"]
        rows.append(row)
    df = pd.DataFrame(rows)
    # numbers in the reader's locale (1.234 in German browsers), rounded to what the figures support
    whole = [t("col_alone", year=2035), t("col_cum"), t("col_eur_t"), t("col_published"), *[t("col_attr", year=y) for y in YEARS]]
    df[whole] = df[whole].astype(float).round(0)
    df[[t("col_capex"), t("col_funding")]] = df[[t("col_capex"), t("col_funding")]].astype(float).round(1)
    number_column = st.column_config.NumberColumn
    config = {c: number_column(format="localized") for c in [*whole, t("col_capex"), t("col_funding")]}
    config[t("col_source")] = st.column_config.LinkColumn(display_text=t("col_source"))
    st.dataframe(df, hide_index=True, width="stretch", column_config=config)
    total = c["total"]
    central = total[total["variant"] == "central"].set_index("year")["reduction_t"]
    by = c["by_year"]
    s2035 = by[(by["variant"] == "central") & (by["year"] == 2035)]["attributed_t"].sum()
    st.caption(
        t("p_total", y2030=n0(central.loc[2030]), y2035=n0(central.loc[2035]), s2035=n0(s2035))
        + " "
        + t("p_method", methods="; ".join(sorted({method_text(m) for m in c["methods"].values()})))
    )
    st.caption(t("p_eur_caption", rate=pct(100 * model.params().value("abatement.interest_rate"), 0, lg)))


def method_text(method: str) -> str:
    """How a component's Shapley values were computed ('exact', 'sampled (48 orders)', ...), in words."""
    if method == "exact":
        return t("method_exact")
    m = re.match(r"sampled \((\d+) orders\)", method)
    return t("method_sampled", n=m.group(1)) if m else t("method_none")


def _names() -> dict:
    p = model.projects_table()
    return dict(zip(p["project_id"], p["name"]))


def wedges(c: dict) -> None:
    by = c["by_year"]
    by = by[by["variant"] == "central"].copy()
    keep = by.groupby("project_id")["attributed_t"].apply(lambda s: s.abs().max() > 0)
    by = by[by["project_id"].isin(keep[keep].index)]
    names = _names()
    # eight colour-blind-safe colours: the seven largest projects, the rest together
    top = by.groupby("project_id")["attributed_t"].sum().sort_values(ascending=False).index[:7]
    by["project"] = [short_label(names.get(i, i), 70) if i in top else t("p_others") for i in by["project_id"]]
    by = by.groupby(["year", "project"], as_index=False)["attributed_t"].sum()
    st.subheader(t("p_wedges"))
    charts.show(charts.stacked_area, by, x="year", y="attributed_t", color="project", y_title="t CO₂e/a")


def waterfall(scenario_id: str) -> None:
    """The decomposition 2024 -> 2030/2035: federal drivers, each measure, what is not yet backed, the target and the gap."""
    sc = model.scenario(scenario_id)
    steps = model.decomposition(sc)["steps"]
    names = _names()
    wf = pd.DataFrame(
        {
            "year": steps["to_year"],
            "step": steps["kind"].replace({"end": "result"}),
            "key": steps["key"],
            "label": [names.get(k, k) if kind == "measure" else k for kind, k in zip(steps["kind"], steps["key"])],
            "value_t": steps["value_t"].where(steps["kind"].isin(["start", "end", "target"]), steps["delta_t"]),
        }
    )
    st.subheader(t("p_waterfall"))
    year = st.radio(t("p_wf_year"), (2035, 2030), horizontal=True, key="p_wf_year")
    lg = lang()
    bars = wf_bars(wf, int(year), waterfall_label(lg))
    charts.show(charts.waterfall, bars, x_title="kt CO₂e/a", kind_labels=charts.waterfall_kinds(lg))
    st.caption(t("p_wf_caption"))


def why(c: dict) -> None:
    """For connection measures: the extra heat, the counterfactual's and the network's factor, and what would flip a negative one."""
    ex = c.get("explain")
    if ex is None or ex.empty:
        return
    lg = lang()
    names = _names()
    with st.expander(t("p_why")):
        st.write(t("p_why_intro"))
        for rec in ex.sort_values(["project_id", "year"]).itertuples():
            if rec.extra_heat_mwh <= 0:
                continue
            saves = rec.network_g_per_kwh <= rec.counterfactual_g_per_kwh
            share = (rec.network_g_per_kwh - rec.counterfactual_g_per_kwh) / rec.network_g_per_kwh if rec.network_g_per_kwh > 0 else 0.0
            verdict = (
                t("p_why_saves") if saves else t("p_why_flip", cf=num(rec.counterfactual_g_per_kwh, 0, lg), share=pct(100 * share, 0, lg))
            )
            st.markdown(
                t(
                    "p_why_row",
                    name=md_escape(names.get(rec.project_id, rec.project_id)),
                    year=rec.year,
                    extra=num(rec.extra_heat_mwh, 0, lg),
                    cf=num(rec.counterfactual_g_per_kwh, 0, lg),
                    net=num(rec.network_g_per_kwh, 0, lg),
                    verdict=verdict,
                )
            )


def by_owner(c: dict) -> None:
    by = c["by_year"]
    by = by[(by["variant"] == "central") & (by["year"] == 2035)]
    owners = dict(zip(model.projects_table()["project_id"], model.projects_table()["owner"]))
    df = by.assign(owner=by["project_id"].map(owners)).groupby("owner", as_index=False)["attributed_t"].sum()
    df = df[df["attributed_t"].abs() > 0]
    st.subheader(t("p_by_owner"))
    charts.show(charts.bars, df, x="attributed_t", y="owner", x_title="t CO₂e/a")


@st.cache_data(show_spinner=False)
def _areas(version: str) -> tuple[dict, dict]:
    cur = db.cursor()
    districts = geojson(cur, "SELECT district_id, name, geometry FROM districts WHERE level = 'statbez'")
    areas = geojson(cur, "SELECT expansion_area_id, name, year_planned, geometry FROM dh_expansion")
    return districts, areas


def areas_map() -> None:
    st.subheader(t("p_areas"))
    projects = model.projects()
    names = {p.project_id: p.name for p in projects}
    choice = st.selectbox(t("p_area_select"), ["", *names], format_func=lambda i: names.get(i, t("p_all_projects")), key="p_area")
    districts, areas = _areas(db.data_version())
    if choice:
        p = next(x for x in projects if x.project_id == choice)
        count = {d: 1 for d in p.district_ids}
        exp = set(p.expansion_area_ids)
        if p.is_network_project:
            st.caption(t("p_network_project", net=p.network_id))
    else:
        count = {}
        exp = set()
        for p in projects:
            for d in p.district_ids:
                count[d] = count.get(d, 0) + 1
    top = max(count.values(), default=1)
    feats = []
    for f in districts["features"]:
        k = count.get(f["properties"]["district_id"], 0)
        color = [0, 114, 178, int(40 + 180 * k / top)] if k else [200, 200, 200, 60]
        feats.append({"type": "Feature", "geometry": f["geometry"], "properties": {"name": f["properties"]["name"], "n": k, "fill": color}})
    layers = [maps.area_layer(feats, "p_districts", line=(60, 60, 60, 160))]
    sel = [f for f in areas["features"] if f["properties"]["expansion_area_id"] in exp]
    if sel:
        layers.append(maps.area_layer(sel, "p_areas", fill=(230, 159, 0, 200), line=(120, 80, 0, 255)))
    st.pydeck_chart(maps.deck(layers, tooltip={"text": "{name}"}, view=maps.city_view(420, 600)), height=420, key="p_map")
    legend = [((0, 114, 178), t("p_all_projects") if not choice else t("f_districts")), ((230, 159, 0), t("f_areas"))]
    st.markdown(maps.legend_html(t("legend"), legend), unsafe_allow_html=True)


# --- editing (planner mode only) -----------------------------------------------------------------


def _label(prefix):
    return lambda v: t(f"{prefix}_{v}")


FORM_KEYS = (
    "f_name", "f_owner", "f_type", "f_status", "f_start", "f_end", "f_districts", "f_areas", "f_network", "f_share", "f_rate",
    "f_heat", "f_source", "f_source_ef", "f_depth", "f_target", "f_capex", "f_funding", "f_published", "f_funding_source",
    "f_ref", "f_approx", "f_note", "f_hybrid", "f_buildings", "f_n_buildings", "f_building_type",
)  # fmt: skip


def _form_key(name: str, pick: str) -> str:
    """The form's widget keys carry the picked project: another pick makes new widgets, which show that project's
    values. With the same keys the browser kept the fields of the previous pick (an empty form for an existing
    project) although the server had forgotten them; AppTest has no browser and did not see it."""
    return f"{name}@{pick}" if pick else name


def _reset_form() -> None:
    """Another project picked: the form's widgets forget their values and show the picked project's."""
    for key in list(st.session_state):
        if isinstance(key, str) and key.split("@", 1)[0] in FORM_KEYS:
            del st.session_state[key]


def _own_buildings(text: str, n: int, btype: str, districts) -> tuple[str, ...]:
    """The building ids a form names (ids or addresses; or n buildings of a type in the districts); raises ValueError."""
    lookup = BuildingLookup(db.cursor())
    out = []
    for token in [x.strip() for x in text.split(";") if x.strip()]:
        found = lookup.by_reference(token)
        if found is None:
            raise ValueError(t("f_building_unknown", value=token))
        out.append(found)
    if n:
        chosen = lookup.by_count(tuple(districts), int(n), btype)
        if len(chosen) < n:
            raise ValueError(t("f_buildings_too_few", n=n, found=len(chosen), type=btype))
        out.extend(chosen)
    return tuple(dict.fromkeys(out))


def editor(scenario_id: str | None = None, c: dict | None = None) -> None:
    """The form to add, change or delete a measure; after a save, its new central contribution in the scenario shown
    above (`c`, the page's contributions of `scenario_id`)."""
    if is_public():
        st.info(t("p_public"))
        return
    st.subheader(t("p_edit"))
    if "p_flash" in st.session_state:
        flash = st.session_state.pop("p_flash")
        text, saved = (flash["text"], flash.get("project_id")) if isinstance(flash, dict) else (flash, None)
        st.success(text + _effect(saved, scenario_id, c))
    projects = {p.project_id: p for p in model.projects()}
    pick = st.selectbox(
        t("p_select_edit"),
        ["", *projects],
        format_func=lambda i: projects[i].name if i else t("p_new"),
        key="p_edit_pick",
        on_change=_reset_form,
    )
    cur = projects.get(pick)
    statbez = db.districts("statbez")
    d_names = dict(zip(statbez["district_id"], statbez["name"]))
    areas = _areas(db.data_version())[1]
    a_names = {
        f["properties"]["expansion_area_id"]: f"{f['properties']['name']} ({f['properties']['year_planned']})" for f in areas["features"]
    }
    networks = db.cursor().execute("SELECT network_id, name FROM dh_networks ORDER BY network_id").df()
    n_names = dict(zip(networks["network_id"], networks["name"]))
    published = None
    if cur is not None:
        row = model.projects_table().set_index("project_id").loc[cur.project_id]
        published = row["published_co2_t_per_year"]
    with st.form("p_form", clear_on_submit=False):
        c = st.columns(2)
        name = c[0].text_input(t("f_name"), value=cur.name if cur else "", max_chars=300, key=_form_key("f_name", pick))
        owner = c[1].text_input(t("f_owner"), value=cur.owner if cur else "", max_chars=200, key=_form_key("f_owner", pick))
        ptype = c[0].selectbox(
            t("f_type"),
            PROJECT_TYPES,
            index=PROJECT_TYPES.index(cur.project_type) if cur else 0,
            format_func=_label("ptype"),
            key=_form_key("f_type", pick),
        )
        status = c[1].selectbox(
            t("f_status"),
            PROJECT_STATUSES,
            index=PROJECT_STATUSES.index(cur.status) if cur else 1,
            format_func=_label("status"),
            key=_form_key("f_status", pick),
        )
        start = c[0].number_input(t("f_start"), 2000, 2050, value=cur.start_year if cur else 2026, step=1, key=_form_key("f_start", pick))
        end = c[1].number_input(t("f_end"), 2000, 2050, value=cur.end_year if cur else 2030, step=1, key=_form_key("f_end", pick))
        districts = st.multiselect(
            t("f_districts"),
            list(d_names),
            default=[d for d in (cur.district_ids if cur else ()) if d in d_names],
            format_func=lambda i: d_names[i],
            key=_form_key("f_districts", pick),
            placeholder=t("choose"),
        )
        exp_areas = st.multiselect(
            t("f_areas"),
            list(a_names),
            default=[a for a in (cur.expansion_area_ids if cur else ()) if a in a_names],
            format_func=lambda i: a_names[i],
            key=_form_key("f_areas", pick),
            placeholder=t("choose"),
        )
        c = st.columns(3)
        net_options = ["", *n_names]
        network = c[0].selectbox(
            t("f_network"),
            net_options,
            index=net_options.index(cur.network_id) if cur and cur.network_id in net_options else 0,
            format_func=lambda i: n_names.get(i, "–"),
            key=_form_key("f_network", pick),
        )
        share = c[1].number_input(
            t("f_share"), 0.0, 100.0, value=float(cur.connection_share_pct) if cur else 0.0, key=_form_key("f_share", pick)
        )
        rate = c[2].number_input(t("f_rate"), 0.0, 50.0, value=float(cur.rate_pct_per_year) if cur else 0.0, key=_form_key("f_rate", pick))
        heat = c[0].number_input(
            t("f_heat"), 0.0, 1e7, value=float(cur.heat_mwh_per_year) if cur else 0.0, step=1000.0, key=_form_key("f_heat", pick)
        )
        source = c[1].selectbox(
            t("f_source"),
            HEAT_SOURCES,
            index=HEAT_SOURCES.index(cur.heat_source) if cur else 0,
            format_func=_label("src"),
            key=_form_key("f_source", pick),
        )
        source_ef = c[2].number_input(
            t("f_source_ef"),
            0.0,
            1000.0,
            value=float(cur.source_ef_g_per_kwh) if cur and cur.source_ef_g_per_kwh is not None else 0.0,
            key=_form_key("f_source_ef", pick),
        )
        depth = c[0].selectbox(
            t("f_depth"),
            ("", "standard", "advanced"),
            index=("", "standard", "advanced").index(cur.retrofit_depth) if cur else 0,
            format_func=_label("depth"),
            key=_form_key("f_depth", pick),
        )
        target = c[1].selectbox(
            t("f_target"),
            ("hp", "dh"),
            index=("hp", "dh").index(cur.target_system) if cur else 0,
            format_func=_label("target"),
            key=_form_key("f_target", pick),
        )
        c = st.columns(3)
        capex = c[0].number_input(
            t("f_capex"), 0.0, 1e11, value=float(cur.capex_eur) if cur else 0.0, step=100000.0, key=_form_key("f_capex", pick)
        )
        funding = c[1].number_input(
            t("f_funding"), 0.0, 1e11, value=float(cur.funding_eur) if cur else 0.0, step=100000.0, key=_form_key("f_funding", pick)
        )
        pub = c[2].number_input(
            t("f_published"),
            0.0,
            1e7,
            value=float(published) if published is not None and pd.notna(published) else 0.0,
            key=_form_key("f_published", pick),
        )
        funding_source = st.text_input(
            t("f_funding_source"), value=cur.funding_source if cur else "", max_chars=500, key=_form_key("f_funding_source", pick)
        )
        ref = st.text_input(t("f_ref"), value=cur.source if cur else "", max_chars=1000, key=_form_key("f_ref", pick))
        hybrid = c[0].checkbox(t("f_hybrid"), value=cur.is_hybrid if cur else False, key=_form_key("f_hybrid", pick))
        c = st.columns([3, 1, 1])
        own = c[0].text_input(
            t("f_buildings"),
            value="; ".join(cur.building_ids) if cur else "",
            help=t("f_buildings_help"),
            key=_form_key("f_buildings", pick),
        )
        n_own = c[1].number_input(t("f_n_buildings"), 0, 10000, value=0, step=1, key=_form_key("f_n_buildings", pick))
        own_type = c[2].selectbox(t("f_building_type"), ("SFH", "TH", "MFH", "AB", "NR"), index=2, key=_form_key("f_building_type", pick))
        approx = st.checkbox(t("f_approx"), value=cur.is_approximated if cur else True, key=_form_key("f_approx", pick))
        note = st.text_area(t("f_note"), value=cur.note if cur else "", max_chars=2000, key=_form_key("f_note", pick))
        submitted = st.form_submit_button(t("f_save"))
    if submitted:
        problem = (
            t("f_name_missing")
            if not name.strip()
            else t("f_owner_missing")
            if not owner.strip()
            else t("f_years_order")
            if end < start
            else ""
        )
        if problem:
            st.error(problem)
            return
        try:
            buildings = _own_buildings(own, n_own, own_type, districts) if ptype == "own_building_conversion" else ()
            p = Project(
                project_id=cur.project_id if cur else pf.new_project_id(name),
                name=name,
                owner=owner,
                project_type=ptype,
                status=status,
                start_year=int(start),
                end_year=int(end),
                district_ids=tuple(districts),
                expansion_area_ids=tuple(exp_areas),
                building_ids=buildings,
                network_id=network,
                connection_share_pct=float(share),
                rate_pct_per_year=float(rate),
                heat_mwh_per_year=float(heat),
                heat_source=source,
                source_ef_g_per_kwh=float(source_ef) if source == "custom" else None,
                retrofit_depth=depth,
                target_system=target,
                is_hybrid=bool(hybrid),
                capex_eur=float(capex),
                funding_eur=float(funding),
                funding_source=funding_source,
                source=ref,
                is_approximated=bool(approx),
                note=note,
            )
            pf.save_project(model.portfolio(), p, published_co2_t_per_year=float(pub) if pub else None)
            st.session_state["p_flash"] = {"text": t("f_saved", name=p.name), "project_id": p.project_id}
            _reset_form()  # the form shows the saved project as stored
            st.rerun()
        except (ModelInputError, ValueError) as exc:
            st.error(t("f_error", msg=str(exc)))
    if cur is not None:
        confirm = st.checkbox(t("f_delete_confirm"), key="p_delete_confirm")
        if st.button(t("f_delete"), disabled=not confirm, key="p_delete"):
            pf.delete_project(model.portfolio(), cur.project_id)
            st.session_state["p_flash"] = t("f_deleted", name=cur.name)
            st.session_state.pop("p_edit_pick", None)
            _reset_form()
            st.rerun()


def _effect(project_id: str | None, scenario_id: str | None, c: dict | None) -> str:
    """' – newly computed in scenario X: 2030 a t, 2035 b t' for a saved measure, '' when there is nothing to show."""
    if project_id is None or c is None:
        return ""
    summary = c["summary"].set_index("project_id")
    if project_id not in summary.index:
        return ""
    s, lg = summary.loc[project_id], lang()
    name = model.scenarios().set_index("scenario_id")["name"].get(scenario_id, scenario_id)
    return " – " + t("f_saved_effect", scenario=name, y2030=num(s["attributed_2030_t"], 0, lg), y2035=num(s["attributed_2035_t"], 0, lg))


def csv_section() -> None:
    if is_public():
        return
    st.subheader(t("p_csv"))
    st.caption(t("p_csv_help"))
    st.download_button(
        t("p_csv_export"), pf.projects_to_csv(model.portfolio()), file_name="portfolio_projekte.csv", mime="text/csv", key="p_export"
    )
    upload = st.file_uploader(t("p_csv_upload"), type=["csv"], key="p_upload")
    replace = st.checkbox(t("p_csv_replace"), key="p_replace")
    if upload is not None and st.button(t("p_csv_import"), key="p_import"):
        raw = upload.getvalue()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            st.error(t("f_error", msg=f"{upload.name}: not UTF-8 (byte {exc.start}). Save the file as UTF-8."))
            return
        try:
            n = pf.import_projects_csv(model.portfolio(), text, upload.name, db.cursor(), replace=replace)
            st.session_state["p_flash"] = t("p_csv_done", n=n)
            st.rerun()
        except ImportValidationError as exc:
            st.error(t("f_error", msg=exc.report(lang())))  # every problem, in the reader's language

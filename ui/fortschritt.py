"""Fortschritt (issue 19): each measure's reported actuals against its plan, the city's pathway actual against
planned, and where measures are ahead or behind on the district map.

The page reads one monitoring dataset (reports.monitoring_data, the one the PDF/XLSX report renders), cached
with the model's results. On the residents' instance it counts only the reports the city released and shows
nothing of who reported; nothing on it is per building.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from locales import num, pct, text
from portfolio.actuals import list_actuals
from reports.dataset import ReportData
from reports.monitoring_data import DEFAULT_SCENARIO, default_report_year, monitoring_data
from reports.texts import short_label
from ui import charts, db, maps, model
from ui.i18n import lang
from ui.mode import is_public
from ui.safe import md_escape

LIGHT_RGB = {"green": (0, 158, 115), "yellow": (230, 159, 0), "red": (213, 94, 0), "none": (187, 187, 187)}  # Okabe-Ito
LIGHT_HEX = {k: "#{:02X}{:02X}{:02X}".format(*v) for k, v in LIGHT_RGB.items()}
BADGE = {"green": "green", "yellow": "orange", "red": "red", "none": "gray"}  # st.badge colours
LIGHTS = ("green", "yellow", "red", "none")


def mt(key: str, **values) -> str:
    """The monitoring's text `key` (locales/monitoring.toml) in the visitor's language."""
    return text("monitoring", key, lang(), **values)


def light_label(light: str) -> str:
    return mt(f"light_{light}")


def _light_cells(lights: list[str]):
    """A Styler function: each cell of a light column on the colour of its light (text stays readable)."""

    def style(column: pd.Series) -> list[str]:
        return [f"background-color: {LIGHT_HEX[lt]}; color: {'#222' if lt in ('yellow', 'none') else 'white'}" for lt in lights]

    return style


def _cfg(chart: alt.Chart) -> alt.Chart:
    locale = {"number": charts.DE_LOCALE if lang() == "de" else charts.EN_LOCALE}
    return (
        chart.configure(locale=locale)
        .configure_axis(labelFontSize=12, titleFontSize=12)
        .configure_legend(labelFontSize=12, orient="bottom")
    )


# --- the dataset ------------------------------------------------------------------------------------


def published_only() -> bool:
    """The residents' instance counts only released reports; a planner may preview that view."""
    return is_public() or bool(st.session_state.get("fo_public_view"))


def report_years() -> list[int]:
    years = sorted({int(y) for y in list_actuals(model.portfolio(), published_only=published_only())["year"]}, reverse=True)
    return years or [default_report_year(model.portfolio())]


def data(scenario_id: str, year: int) -> ReportData:
    """The monitoring of `year`, cached by everything it depends on (data, parameters, portfolio, reports, view)."""
    sc = model.scenario(scenario_id)
    with st.spinner(mt("f_computing")):
        return monitoring_data(model.service(), db.cursor(), model.portfolio(), sc, scenario_id, int(year), published_only())


def controls() -> tuple[str, int]:
    """The scenario whose contributions give the CO2e, and the year reported on."""
    from ui import widgets

    left, right = st.columns([3, 1])
    with left:
        scenario_id = widgets.scenario_select(key="fo_scenario", default=DEFAULT_SCENARIO)
    with right:
        years = report_years()
        year = st.selectbox(mt("f_year"), years, key="fo_year")
        if not is_public():
            st.toggle(mt("f_public_view"), key="fo_public_view", help=mt("f_public_view_help"))
    return scenario_id, int(year)


def notices(d: ReportData) -> None:
    m = d.meta
    if m.get("has_illustrative"):
        st.warning(mt("illustrative_warning"), icon="✏️")
    if not m.get("n_reports"):
        st.info(mt("f_no_reports_public" if published_only() else "f_no_reports"))
    st.caption(mt("rule", green=num(m["green_min_pct"], 0, lang()), yellow=num(m["yellow_min_pct"], 0, lang())))


def has_measures(d: ReportData) -> bool:
    """False (with a note on how to bring the city's measures) when the portfolio holds no measure."""
    if len(d.table("measures")):
        return True
    st.info(mt("f_no_measures"))
    return False


# --- the city ---------------------------------------------------------------------------------------


def city(d: ReportData) -> None:
    lg = lang()
    s = d.table("city_summary").iloc[0]
    c = d.table("city").set_index("year")
    y = int(d.meta["report_year"])
    st.subheader(mt("f_city", year=y))
    cols = st.columns(4)
    with cols[0]:
        st.caption(mt("f_city_light"), help=mt("f_city_light_help"))
        st.badge(light_label(s["light"]), color=BADGE[s["light"]])
    cols[1].metric(mt("f_city_ratio"), pct(s["ratio_pct"], 0, lg))
    cols[2].metric(
        mt("f_city_co2"),
        num(c.loc[y, "measures_actual_t"], 0, lg),
        help=mt("f_city_co2_help", planned=num(c.loc[y, "measures_planned_t"], 0, lg)),
    )
    cols[3].metric(
        mt("f_city_needed"),
        num(s["needed_t_per_year_2030"], 0, lg),
        help=mt("f_city_needed_help", observed=num(s["observed_t_per_year"], 0, lg)),
    )
    st.caption(
        mt(
            "f_city_counts",
            green=int(s["n_green"]),
            yellow=int(s["n_yellow"]),
            red=int(s["n_red"]),
            none=int(s["n_none"]),
            needed35=num(s["needed_t_per_year_2035"], 0, lg),
            planned30=num(s["planned_t_per_year_2030"], 0, lg),
        )
    )
    left, right = st.columns([3, 2])
    with left:
        charts.show(pathway_chart, d.table("pathway_plan"), d.table("city"), d.table("city_summary"), int(d.meta["report_year"]))
    with right:
        charts.show(measures_chart, d.table("city"))
    if float(c.loc[y, "metered_correction_t"]) != 0.0:
        st.caption(mt("mr_metered", t=num(c.loc[y, "metered_correction_t"], 0, lg)))


def pathway_chart(plan: pd.DataFrame, c: pd.DataFrame, summary: pd.DataFrame, y: int) -> alt.Chart:
    """Planned to 2035, actual to the report year `y`, and the straight lines needed to the targets (kt CO2e/a); the
    dataset's tables pathway_plan, city and city_summary."""
    plan = plan[plan["year"] <= 2035]
    s = summary.iloc[0]
    last = float(c["actual_t"].iloc[-1])
    rows = [{"year": int(r.year), "series": mt("mr_line_plan"), "kt": r.plan_t / 1000} for r in plan.itertuples()]
    rows += [{"year": int(r.year), "series": mt("mr_line_baseline"), "kt": r.baseline_t / 1000} for r in plan.itertuples()]
    rows += [{"year": int(r.year), "series": mt("mr_line_actual"), "kt": r.actual_t / 1000} for r in c.itertuples()]
    for target_year in (2030, 2035):
        target = s.get(f"target_{target_year}_t")
        if target_year > y and target is not None and np.isfinite(target):
            series = mt("f_needed_to", year=target_year)
            rows += [{"year": y, "series": series, "kt": last / 1000}, {"year": target_year, "series": series, "kt": target / 1000}]
    frame = pd.DataFrame(rows)
    order = [mt("mr_line_plan"), mt("mr_line_actual"), mt("mr_line_baseline"), mt("f_needed_to", year=2030), mt("f_needed_to", year=2035)]
    colors = ["#0072B2", "#D55E00", "#999999", "#CC79A7", "#CC79A7"]
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("kt:Q", title="kt CO₂e/a"),
            color=alt.Color(
                "series:N", title=None, scale=alt.Scale(domain=order, range=colors), legend=alt.Legend(columns=2, labelLimit=300)
            ),
            strokeDash=alt.condition(alt.FieldOneOfPredicate(field="series", oneOf=order[2:]), alt.value([5, 4]), alt.value([1, 0])),
            tooltip=[alt.Tooltip("series:N", title=""), alt.Tooltip("year:Q", format="d"), alt.Tooltip("kt:Q", format=",.1f")],
        )
        .properties(height=340)
    )
    return _cfg(chart)


def measures_chart(c: pd.DataFrame) -> alt.Chart:
    """The measures alone: t CO2e/a avoided as planned and by what was reported, per year (the dataset's city table)."""
    rows = [{"year": str(int(r.year)), "what": mt("mr_bar_planned"), "t": r.measures_planned_t} for r in c.itertuples()]
    rows += [{"year": str(int(r.year)), "what": mt("mr_bar_actual"), "t": r.measures_actual_t} for r in c.itertuples()]
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("year:N", title=None),
            xOffset="what:N",
            y=alt.Y("t:Q", title=mt("mr_bar_title") + " (t CO₂e/a)"),
            color=alt.Color(
                "what:N", title=None, scale=alt.Scale(domain=[mt("mr_bar_planned"), mt("mr_bar_actual")], range=["#0072B2", "#D55E00"])
            ),
            tooltip=[alt.Tooltip("what:N", title=""), alt.Tooltip("year:N"), alt.Tooltip("t:Q", format=",.0f")],
        )
        .properties(height=340)
    )
    return _cfg(chart)


# --- the measures -----------------------------------------------------------------------------------


def measures(d: ReportData) -> None:
    lg = lang()
    st.subheader(mt("mr_sec_measures", year=d.meta["report_year"]))
    m = d.table("measures")
    prev = d.table("previous").set_index("project_id")
    rows = []
    for rec in m.to_dict("records"):
        p = prev.loc[rec["project_id"]] if rec["project_id"] in prev.index else None
        rows.append(
            {
                mt("mr_col_measure"): rec["name"] + (" ◆" if rec["has_illustrative"] else ""),
                mt("mr_col_light"): f"{light_label(rec['light'])}: {mt('reason_' + rec['reason'])}",
                mt("mr_col_ratio"): pct(rec["ratio_pct"], 0, lg),
                mt("mr_col_previous"): "–" if p is None else f"{light_label(p['light'])} · {pct(p['ratio_pct'], 0, lg)}",
                mt("mr_col_indicator"): mt(f"ind_{rec['indicator']}"),
                mt("mr_col_planned"): round(float(rec["planned"])),
                mt("mr_col_actual"): round(float(rec["actual"])),
                mt("mr_col_co2_planned"): _round(rec["co2_planned_t"]),
                mt("mr_col_co2_actual"): _round(rec["co2_actual_t"]),
                mt("mr_col_needed_2030"): _round(rec["needed_per_year_2030"]),
                mt("mr_col_pace"): _round(rec["pace_per_year"]),
                mt("mr_col_owner"): rec["owner"],
            }
        )
    frame = pd.DataFrame(rows)
    numbers = [
        mt(k) for k in ("mr_col_planned", "mr_col_actual", "mr_col_co2_planned", "mr_col_co2_actual", "mr_col_needed_2030", "mr_col_pace")
    ]
    config = {c: st.column_config.NumberColumn(format="localized") for c in numbers}
    lights = list(m["light"])
    before = [prev.loc[i, "light"] if i in prev.index else "none" for i in m["project_id"]]
    styled = frame.style.apply(_light_cells(lights), subset=[mt("mr_col_light")]).apply(
        _light_cells(before), subset=[mt("mr_col_previous")]
    )
    st.dataframe(styled, hide_index=True, width="stretch", column_config=config)
    source = d.meta.get("previous_source", "")
    st.caption(mt("mr_measures_help", previous=mt("mr_previous_recomputed") if source in ("", "recomputed") else source))
    if d.meta.get("has_illustrative"):
        st.caption(mt("mr_illustrative_marker"))


def _round(v):
    return None if v is None or not np.isfinite(v) else round(float(v))


def history(d: ReportData) -> None:
    """Progress over time: the lights of every measure year by year, and one measure's plan against its reports."""
    st.subheader(mt("mr_sec_history"))
    h = d.table("history")
    m = d.table("measures")
    names = dict(zip(m["project_id"], m["name"]))
    y = int(d.meta["report_year"])
    h = h[h["year"] >= y - 5].copy()
    h["measure"] = h["project_id"].map(lambda i: _short(names.get(i, i)))
    h["light_text"] = h["light"].map(lambda k: mt(f"light_{k}"))
    h["label"] = [
        "–" if lt == "none" else ("!" if reason == "no_report" else pct(r, 0, lang()))
        for lt, reason, r in zip(h["light"], h["reason"], h["ratio_pct"])
    ]
    order = [_short(names.get(i, i)) for i in m["project_id"]]
    charts.show(history_chart, h, order)
    st.caption(mt("mr_history_help"))
    choice = st.selectbox(mt("f_one_measure"), list(m["project_id"]), format_func=lambda i: names.get(i, i), key="fo_measure")
    rec = m.set_index("project_id").loc[choice]
    plan = d.table("plan")
    plan = plan[(plan["project_id"] == choice) & (plan["indicator"] == rec["indicator"]) & (plan["year"] <= 2035)]
    hist = d.table("history")
    charts.show(measure_chart, plan, hist[hist["project_id"] == choice], str(rec["indicator"]))


def history_chart(h: pd.DataFrame, order: list[str]) -> alt.Chart:
    """The lights of every measure (rows in `order`) year by year."""
    base = alt.Chart(h).encode(x=alt.X("year:O", title=None), y=alt.Y("measure:N", title=None, sort=order, axis=alt.Axis(labelLimit=360)))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "light_text:N",
            title=None,
            scale=alt.Scale(domain=[mt(f"light_{k}") for k in LIGHTS], range=[LIGHT_HEX[k] for k in LIGHTS]),
        ),
        tooltip=[
            alt.Tooltip("measure:N", title=""),
            alt.Tooltip("year:O"),
            alt.Tooltip("label:N", title=mt("mr_col_ratio")),
            alt.Tooltip("light_text:N", title=mt("mr_col_light")),
        ],
    )
    labels = base.mark_text(fontSize=11, color="white").encode(text="label:N")
    return _cfg(alt.layer(cells, labels).properties(height=max(200, 28 * len(order))))


def measure_chart(plan: pd.DataFrame, hist: pd.DataFrame, indicator: str) -> alt.Chart:
    """One measure: its plan to 2035 (the dataset's plan rows of the measure and its indicator) and its reports to
    date (its history rows), in the unit of its indicator."""
    rows = [
        {"year": int(r.year), "series": mt("f_series_plan"), "value": r.planned}
        for r in plan.itertuples()
        if r.year >= min(hist["year"].min(), 2024)
    ]
    rows += [{"year": int(r.year), "series": mt("f_series_actual"), "value": r.actual} for r in hist.itertuples()]
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("value:Q", title=mt(f"ind_{indicator}")),
            color=alt.Color("series:N", title=None, scale=alt.Scale(range=["#0072B2", "#D55E00"])),
            tooltip=[alt.Tooltip("series:N", title=""), alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", format=",.0f")],
        )
        .properties(height=260)
    )
    return _cfg(chart)


def _short(name: str, most: int = 60) -> str:
    """A measure's name as the charts cut it (the reports' rule, so every page cuts names alike)."""
    return short_label(name, most)


# --- the map ----------------------------------------------------------------------------------------


def district_map(d: ReportData) -> None:
    """Districts coloured by the light of the measures acting there; each measure a circle at its area, its
    outline the CO2e planned, its fill the CO2e of its actuals (colour = its light)."""
    lg = lang()
    st.subheader(mt("mr_sec_map"))
    features = []
    for f in d.layers.get("districts", {}).get("features", []):
        p = f["properties"]
        light = p.get("light") or "none"
        props = {
            "fill": [*LIGHT_RGB[light], 120],
            "tip": mt(
                "f_tip_district",
                name=p.get("name", ""),
                light=mt(f"light_{light}"),
                ratio=pct(p.get("ratio_pct"), 0, lg),
                actual=num(p.get("co2_actual_t"), 0, lg),
                planned=num(p.get("co2_planned_t"), 0, lg),
                n=p.get("n_measures") or 0,
            ),
        }
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    points = []
    measures = [f for f in d.layers.get("measures", {}).get("features", []) if not f["properties"].get("is_citywide")]
    top = max([abs(f["properties"].get("co2_planned_t") or 0.0) for f in measures] + [1.0])
    for f in measures:
        p = f["properties"]
        planned, actual = max(p.get("co2_planned_t") or 0.0, 0.0), max(p.get("co2_actual_t") or 0.0, 0.0)
        points.append(
            {
                "position": [p["lon"], p["lat"]],
                "r_planned": 250 + 2500 * np.sqrt(planned / top),
                "r_actual": 2500 * np.sqrt(actual / top),
                "color": [*LIGHT_RGB[p.get("light") or "none"], 220],
                "tip": mt(
                    "f_tip_measure",
                    name=p.get("name", ""),
                    owner=p.get("owner", ""),
                    light=mt(f"light_{p.get('light') or 'none'}"),
                    ratio=pct(p.get("ratio_pct"), 0, lg),
                    actual=num(p.get("co2_actual_t"), 0, lg),
                    planned=num(p.get("co2_planned_t"), 0, lg),
                ),
            }
        )
    import pydeck as pdk

    layers = [
        maps.area_layer(features, "f_districts", line=(255, 255, 255, 200), highlight=True),
        pdk.Layer(
            "ScatterplotLayer",
            points,
            id="f_planned",
            get_position="position",
            get_radius="r_planned",
            stroked=True,
            filled=False,
            get_line_color=[40, 40, 40, 230],
            line_width_min_pixels=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            points,
            id="f_actual",
            get_position="position",
            get_radius="r_actual",
            filled=True,
            get_fill_color="color",
            pickable=True,
        ),
    ]
    left, right = st.columns([4, 1])
    with left:
        st.pydeck_chart(maps.deck(layers, tooltip={"text": "{tip}"}), height=520, key="fo_map")
    with right:
        entries = [(LIGHT_RGB[k], mt(f"light_{k}")) for k in LIGHTS]
        st.markdown(maps.legend_html(mt("mr_col_light"), entries), unsafe_allow_html=True)
        st.caption(mt("f_map_circles"))
    st.caption(mt("mr_map_help"))
    m = d.table("measures")
    wide = m[m["is_citywide"]]
    if len(wide):
        items = "; ".join(
            f"{r['name']} ({light_label(r['light'])}" + ("" if r["light"] == "none" else f", {pct(r['ratio_pct'], 0, lg)}") + ")"
            for r in wide.to_dict("records")
        )
        st.caption(mt("f_citywide", items=items))


def method() -> None:
    m = model.params()
    with st.expander(mt("mr_sec_method")):
        for key in ("method_plan", "method_ratio", "method_light", "method_co2", "method_city", "method_metered", "method_limits"):
            st.markdown(
                md_escape(
                    mt(
                        key,
                        green=num(m.value("monitoring.green_min_pct"), 0, lang()),
                        yellow=num(m.value("monitoring.yellow_min_pct"), 0, lang()),
                    )
                )
            )


__all__ = ["city", "controls", "data", "district_map", "has_measures", "history", "measures", "method", "mt", "notices", "published_only"]

"""For the council: a frozen snapshot or a live scenario, section by section, with a presentation mode.

Everything on this page comes from one `reports.ReportData`: from a snapshot it is the stored JSON
(the numbers filed, whatever the warehouse holds today), from a live scenario it is computed with the
same model calls as the other pages. The reports (PDF, slides, workbook, GeoPackage) are rendered from
the same object, so the page, the presentation and the filed documents show the same numbers.
"""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pandas as pd
import streamlit as st

import portfolio as pf
from locales import num
from reports import ReportData, council
from reports import snapshots as snaps
from reports.compare import compare_scenarios
from reports.precompute import report_data
from reports.render import EXPORT_KINDS, KINDS, MIME_TYPES, file_name, render
from reports.texts import label, lever_text, short_label, waterfall_label
from reports.waterfall import bars as wf_bars
from reports.waterfall import totals as wf_totals
from ui import charts, db, maps, model, privacy, publish
from ui.i18n import lang, scenario_name, t, target_name
from ui.mode import is_public
from ui.safe import md_escape

SECTIONS = ("pathway", "contributions", "districts", "decision")
LIVE = "live:"


# --- where the numbers come from ------------------------------------------------------------------


def live_data(scenario_id: str, sc=None) -> ReportData:
    """The dataset of a scenario (saved, or `sc` itself), computed once per data version, parameters, portfolio and scenario."""
    sc = sc if sc is not None else model.scenario(scenario_id)
    return report_data(model.service(), db.cursor(), model.portfolio(), sc, scenario_id)


def snapshot_data(snapshot_id: str) -> ReportData:
    """A frozen snapshot (immutable, so cached by its id); raises snaps.SnapshotError. On the public instance the
    snapshot as the publication rule lets it out (ui.privacy.report_data): the page and every download show that."""
    data = model.memo("snapshot", snapshot_id, lambda: snaps.load(model.portfolio(), snapshot_id))
    if is_public():
        return model.memo("snapshot-public", f"{snapshot_id}|{db.data_version()}", lambda: privacy.report_data(data))
    return data


def snapshot_table() -> pd.DataFrame:
    """Snapshots a visitor may see: all in planner mode, the published ones on the public instance."""
    return snaps.listing(model.portfolio(), published_only=is_public())


def _choices() -> tuple[list[str], dict[str, str]]:
    table = snapshot_table()
    ids, names = [], {}
    for rec in table.itertuples():
        if not rec.has_report:
            continue
        ids.append(rec.snapshot_id)
        names[rec.snapshot_id] = f"🔒 {rec.name} · {str(rec.created_at)[:16]} · {rec.snapshot_id}"
    if not is_public():
        sc = model.scenarios()
        for sid, name in zip(sc["scenario_id"], sc["name"]):
            ids.append(LIVE + sid)
            names[LIVE + sid] = f"{name} – {t('r_live')}"
    return ids, names


def choose(*, presenting: bool = False) -> ReportData | None:
    """The snapshot of `?snapshot=ID`, else the visitor's choice; None (with a message) when there is nothing to show.

    While presenting, the choice is not shown (it stays as chosen before or as given in the link).
    """
    ids, names = _choices()
    wanted = st.query_params.get("snapshot", "")
    if wanted and wanted not in ids:
        # the same message for a missing and an unpublished snapshot: the public instance does not say which exist
        st.error(t("r_unknown", id=md_escape(wanted[:60])))
    if not ids:
        st.info(t("r_none_public") if is_public() else t("r_none"))
        return None
    if st.session_state.get("r_pick") not in ids:
        # r_current survives runs without the picker (Streamlit forgets the state of widgets not drawn)
        current = st.session_state.get("r_current")
        st.session_state["r_pick"] = wanted if wanted in ids else current if current in ids else ids[0]
    pick = st.session_state["r_pick"] if presenting else st.selectbox(t("r_pick"), ids, key="r_pick", format_func=lambda i: names.get(i, i))
    st.session_state["r_current"] = pick
    if pick.startswith(LIVE):
        st.query_params.pop("snapshot", None)
        with st.spinner(t("r_computing")):
            return live_data(pick[len(LIVE) :])
    st.query_params["snapshot"] = pick
    try:
        return snapshot_data(pick)
    except snaps.SnapshotError as exc:
        st.error(str(exc))
        return None


def provenance(data: ReportData) -> None:
    """What the numbers are: frozen (id, date, hashes) or live; and whether the live data has changed since."""
    m = data.meta
    if data.is_snapshot:
        st.markdown(
            t(
                "r_frozen",
                title=md_escape(m.get("title", "")),
                id=m["snapshot_id"],
                at=str(m.get("frozen_at", ""))[:16],
                dv=m.get("data_version", ""),
                ph=m.get("params_hash", ""),
                sha=m.get("report_sha256", "")[:12],
            )
        )
        changed = snaps.changes_since(
            data, data_version=db.data_version(), params_hash=model.params_hash(), portfolio_hash=model.portfolio_hash()
        )
        if changed:
            st.warning(t("r_changed", what=", ".join(t(f"r_changed_{c}") for c in changed)), icon="⚠️")
        else:
            st.success(t("r_unchanged"), icon="✅")
    else:
        st.info(t("r_live_note", dv=m.get("data_version", ""), ph=m.get("params_hash", ""), at=m.get("computed_at", "")[:16]), icon="ℹ️")
    if m.get("has_synthetic_data"):
        st.caption(t("r_synthetic"))


# --- the four sections ----------------------------------------------------------------------------


def _scenario(data: ReportData) -> str:
    """The scenario's name in the visitor's language (a default scenario's; a planner's own as written)."""
    return scenario_name(data.meta.get("scenario_id", ""), data.meta.get("scenario_name", ""))


def _kt(value: float) -> str:
    return num(value / 1000.0, 0, lang())


def _gap_delta(gap_t: float) -> dict:
    """A metric's delta for a pathway against its target: the gap in red, or the margin below it in green."""
    if gap_t > 0:
        return {"delta": f"{_kt(gap_t)} kt {t('r_gap')}", "delta_color": "inverse", "delta_arrow": "off"}
    return {"delta": f"{_kt(-gap_t)} kt {t('r_below')}", "delta_color": "normal", "delta_arrow": "off"}


def _year_value(frame: pd.DataFrame, year: int, column: str) -> float:
    row = frame[frame["year"] == year]
    return float(row[column].iloc[0]) if len(row) else float("nan")


def headline(data: ReportData, section: str) -> str:
    """The one message of a section, from the dataset's numbers."""
    pw, tg = data.table("pathway"), data.table("targets")
    if section == "pathway":
        gap = _year_value(tg, 2035, "gap_t")
        key = "r_h_pathway" if gap > 0 else "r_h_pathway_met"
        return t(key, y2024=_kt(_year_value(pw, 2024, "co2e_t")), y2035=_kt(_year_value(pw, 2035, "co2e_t")), gap=_kt(abs(gap)))
    if section == "contributions":
        sums = wf_totals(data.table("waterfall"), 2035)
        projects = -sums["measures"]
        key = "r_h_contrib" if projects >= 0 else "r_h_contrib_neg"
        return t(
            key,
            drivers=_kt(-sums["drivers"]),
            projects=_kt(abs(projects)),
            unbacked=_kt(-sums["unbacked"]),
            gap=_kt(_year_value(tg, 2035, "gap_t")),
        )
    if section == "districts":
        d = data.table("districts").sort_values("co2e_2035_t", ascending=False)
        return t(
            "r_h_districts",
            names=", ".join(md_escape(x) for x in d["name"].head(3)),
            share=num(100 * d["co2e_2035_t"].head(10).sum() / max(d["co2e_2035_t"].sum(), 1e-9), 0, lang()),
        )
    c = data.table("contributions")
    return t("r_h_decision", name=md_escape(_scenario(data)), n=len(c), gap=_kt(_year_value(tg, 2035, "gap_t")))


def section_pathway(data: ReportData, big: bool) -> None:
    pw, tg = data.table("pathway"), data.table("targets")
    cols = st.columns(1 + len(tg))
    cols[0].metric(t("r_m_2024"), f"{_kt(_year_value(pw, 2024, 'co2e_t'))} kt")
    for col, rec in zip(cols[1:], tg.itertuples()):
        col.metric(t("r_m_year", year=rec.year), f"{_kt(rec.pathway_t)} kt", **_gap_delta(rec.gap_t))
    lines = pd.DataFrame(
        {
            "year": pw["year"],
            "series": _scenario(data),
            "central": pw["co2e_t"] / 1000,
            "low": pw["co2e_low_t"] / 1000,
            "high": pw["co2e_high_t"] / 1000,
        }
    )
    targets = pd.DataFrame(
        {"year": tg["year"], "target": [target_name(y, n) for y, n in zip(tg["year"], tg["target"])], "target_kt": tg["target_t"] / 1000}
    )
    colors = {_scenario(data): charts.scenario_color(data.meta.get("scenario_id", ""))}
    charts.show(
        charts.pathway_chart,
        lines,
        targets,
        y_title=t("unit_kt_short"),
        target_label=t("target"),
        colors=colors,
        present_height=PRESENT_CHART_HEIGHT if big else None,
    )
    st.caption(t("r_band"))


def section_contributions(data: ReportData, big: bool) -> None:
    wf = data.table("waterfall")
    if wf[wf["year"] == 2035].empty:
        st.info(t("r_no_projects"))
        return
    if big:
        _contributions_on_a_projector(wf)
        return
    lg = lang()
    bars = wf_bars(wf, 2035, waterfall_label(lg))
    charts.show(charts.waterfall, bars, x_title="kt CO₂e/a", kind_labels=charts.waterfall_kinds(lg))
    st.caption(t("p_wf_caption"))
    owners = data.table("by_owner")
    owners = owners[owners["attributed_2035_t"].abs() > 0]
    if not owners.empty:
        charts.show(charts.bars, owners, x="attributed_2035_t", y="owner", x_title=t("r_owner_axis"))
    c = data.table("contributions")
    if not c.empty:
        eur = c["abatement_cost_eur_per_t"] if "abatement_cost_eur_per_t" in c else pd.Series(np.nan, index=c.index)
        reason = c["abatement_reason"] if "abatement_reason" in c else pd.Series("", index=c.index)
        table = pd.DataFrame(
            {
                t("col_name"): c["name"],
                t("col_owner"): c["owner"],
                t("r_col_2030"): c["attributed_2030_t"].round(0),
                t("r_col_2035"): c["attributed_2035_t"].round(0),
                t("r_col_range"): [
                    f"{num(lo, 0, lg)} – {num(hi, 0, lg)}" for lo, hi in zip(c["attributed_2035_low_t"], c["attributed_2035_high_t"])
                ],
                t("r_col_eur"): [num(v, 0, lg) if v == v else label("abatement", r, lg) for v, r in zip(eur, reason)],
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={k: st.column_config.NumberColumn(format="localized") for k in (t("r_col_2030"), t("r_col_2035"))},
        )


def _contributions_on_a_projector(wf: pd.DataFrame) -> None:
    """Three numbers (what the federal framework, the measures and the unbacked assumptions do by 2035) and the
    scenario against its target, then one bar per measure: a waterfall's measure steps are a few kt beside totals
    of a thousand and vanish on a projector."""
    sums = wf_totals(wf, 2035)
    w = wf[wf["year"] == 2035]
    projects = w[(w["step"] == "measure") & (w["value_t"].abs() >= 0.5)]
    change = sums["measures"]  # the measures' effect on 2035 emissions (negative: fewer)
    cols = st.columns(4)
    cols[0].metric(t("r_m_without"), f"{'−' if sums['drivers'] < 0 else '+'}{_kt(abs(sums['drivers']))} kt")
    effect = f"{'+' if change > 0 else '−' if change < 0 else ''}{_kt(abs(change))} kt"
    cols[1].metric(
        t("r_m_projects"),
        effect,
        delta=t("r_m_more") if change > 0 else t("r_m_cut"),
        delta_color="inverse" if change > 0 else "normal",
        delta_arrow="off",
    )
    cols[2].metric(t("r_m_unbacked"), f"{'−' if sums['unbacked'] < 0 else '+'}{_kt(abs(sums['unbacked']))} kt")
    cols[3].metric(t("r_m_year", year=2035), f"{_kt(sums['result'])} kt", **_gap_delta(sums["gap"]))
    # the five largest measures by size of effect, the others as one bar: six rows fit the projector
    order = projects["value_t"].abs().sort_values(ascending=False).index
    shown, rest = projects.loc[order[:5]], projects.loc[order[5:]]
    rows = [{"project": short_label(str(r.label), 44), "cut_kt": -r.value_t / 1000} for r in shown.itertuples()]
    if len(rest):
        rows.append({"project": t("r_other_projects", n=len(rest)), "cut_kt": -rest["value_t"].sum() / 1000})
    if not rows:
        st.info(t("r_no_projects"))
        return
    bars = pd.DataFrame(rows)
    bars["text"] = [num(v, 1, lang()) for v in bars["cut_kt"]]
    charts.show(
        charts.signed_bars,
        bars,
        x="cut_kt",
        y="project",
        text="text",
        x_title=t("r_bar_axis"),
        positive=t("r_bar_cut"),
        negative=t("r_bar_more"),
        row_height=34,
        font_size=16,
        height=34 * len(bars) + 110,
    )


FIXED_BREAKS = [-60.0, -45.0, -30.0, -15.0]


def change_breaks(values) -> list[float]:
    """Four class breaks at the fifths of the districts' changes, in whole percent: the map shows which districts lag
    behind also when all of them fall by more than 60 % (fixed breaks put every district in one class then)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if len(v) < 5:
        return FIXED_BREAKS
    breaks = np.unique(np.round(np.quantile(v, [0.2, 0.4, 0.6, 0.8])))
    return [float(b) for b in breaks] if len(breaks) >= 2 else FIXED_BREAKS


def _district_layer(data: ReportData):
    table = data.table("districts").set_index("district_id")
    change = table["change_2024_2035_pct"]
    breaks = change_breaks(change.to_numpy())
    features = []
    for f in data.layers.get("districts", {}).get("features", []):
        did = f["properties"]["district_id"]
        value = float(change.get(did, np.nan))
        color = maps.sequential_colors([value], breaks)[0]
        props = {
            "name": f["properties"]["name"],
            "fill": color,
            "value": num(value, 0, lang()),
            "co2": _kt(float(table["co2e_2035_t"].get(did, np.nan)) if did in table.index else np.nan),
        }
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return maps.area_layer(features, "r_districts", highlight=True), breaks


def section_districts(data: ReportData, big: bool) -> None:
    layer, breaks = _district_layer(data)
    expansion = data.layers.get("expansion", {}).get("features", [])
    layers = [layer]
    if expansion:
        layers.append(maps.area_layer(expansion, "r_expansion", fill=None, line=(213, 94, 0, 230), width=2, pickable=False))
    left, right = st.columns([3, 1.3] if big else [4, 1])
    with left:
        height = PRESENT_CHART_HEIGHT + 60 if big else 480
        st.pydeck_chart(
            maps.deck(layers, tooltip={"text": "{name}\n{value} % · {co2} kt 2035"}, view=maps.city_view(height, 820 if big else 1000)),
            height=height,
            key="r_map",
        )
    with right:
        st.markdown(maps.breaks_legend(t("r_map_legend"), breaks, "%", lambda v: num(v, 0, lang())), unsafe_allow_html=True)
        if expansion:
            st.caption(t("r_map_expansion"))
        if not big:  # a technical remark; on a projector it would crowd the legend
            st.caption(maps.basemap_caption())
    if big:  # the map is the picture on a projector; the table is on the page and in the report
        return
    d = data.table("districts").sort_values("co2e_2035_t", ascending=False)
    table = pd.DataFrame(
        {
            t("col_name"): d["name"],
            t("r_col_sb"): d["stadtbezirk"],
            t("r_col_co2_2024"): (d["co2e_2024_t"]).round(0),
            t("r_col_co2_2035"): (d["co2e_2035_t"]).round(0),
            t("r_col_change"): d["change_2024_2035_pct"].round(1),
            t("r_col_supply"): [label("supply", v, lang()) if isinstance(v, str) else "" for v in d["supply_area_type"]],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.NumberColumn(format="localized") for c in table.columns[2:5]},
    )


def section_decision(data: ReportData, big: bool) -> None:
    m = data.meta
    c = data.table("contributions")
    tg = data.table("targets")
    capex = sum(float(p.get("capex_eur") or 0.0) for p in _projects(data))
    st.markdown(t("r_decide_scenario", name=md_escape(_scenario(data)), fs=label("leverval", m.get("factor_set", ""), lang())))
    st.markdown(t("r_decide_projects", n=len(c), capex=num(capex / 1e6, 0, lang())))
    for rec in tg.itertuples():
        key = "r_decide_gap" if rec.gap_t > 0 else "r_decide_met"
        st.markdown(
            t(
                key,
                year=rec.year,
                target=md_escape(target_name(rec.year, str(rec.target))),
                path=_kt(rec.pathway_t),
                gap=_kt(abs(rec.gap_t)),
            )
        )
    n_u = int(m.get("n_assumptions", 0))
    st.markdown(t("r_decide_assumptions", n=n_u))
    if not big:
        lg = lang()
        levers = data.table("levers")
        levers = levers[~levers["lever"].isin(("name", "description"))]
        table = pd.DataFrame(
            {
                t("r_col_lever"): [label("lever", k, lg) for k in levers["lever"]],
                t("r_col_value"): [lever_text(k, v, lg) for k, v in zip(levers["lever"], levers["value"])],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def _projects(data: ReportData) -> list[dict]:
    try:
        return json.loads(data.meta.get("projects_json") or "[]")
    except ValueError:
        return []


RENDER = {"pathway": section_pathway, "contributions": section_contributions, "districts": section_districts, "decision": section_decision}


def show_sections(data: ReportData) -> None:
    for key in SECTIONS:
        st.header(t(f"r_s_{key}"))
        st.markdown(f"**{headline(data, key)}**")
        RENDER[key](data, False)


# --- presentation mode ----------------------------------------------------------------------------

# A projector shows 1280 x 720: the steps, the title, one message and one picture must fit without scrolling
# (tests/browser/test_rat_browser.py measures it), words never broken.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.block-container {padding: 0.6rem 2rem 0 2rem; max-width: 100%;}
.stApp h1 {display: none;}
.stApp [data-testid="stVerticalBlock"] {gap: 0.7rem;}
.stApp p, .stApp li, .stApp [data-testid="stMarkdownContainer"] {font-size: 1.5rem; line-height: 1.28; hyphens: manual; overflow-wrap: normal; word-break: normal;}
.stApp h2 {font-size: 1.9rem; padding: 0.1rem 0 0.2rem 0;} .stApp h3 {font-size: 1.35rem; padding: 0 0 0.3rem 0; font-weight: 600;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 2.3rem !important;}
[data-testid="stMetricLabel"] p {font-size: 1.05rem;}
[data-testid="stCaptionContainer"] p {font-size: 0.95rem;}
.stApp button p {font-size: 1.2rem;}
</style>
"""
PRESENT_CHART_HEIGHT = 300  # px: what is left below the steps, the title, the message and the numbers


def presenting() -> bool:
    """The one switch: `?present=1` or the toggle."""
    if "r_present" not in st.session_state:
        st.session_state["r_present"] = st.query_params.get("present") == "1"
    on = st.toggle(t("r_present"), key="r_present", help=t("r_present_help"))
    if on:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
        st.query_params["present"] = "1"
    else:
        st.query_params.pop("present", None)
    return on


def _step(delta: int) -> None:
    st.session_state["r_step"] = int(np.clip(st.session_state.get("r_step", 0) + delta, 0, len(SECTIONS) - 1))


def step_from_link(text: str) -> int:
    """The section index of `&step=N` (1 to 4); anything else (letters, '²', '٣', 10**9) is the first section."""
    return int(text) - 1 if re.fullmatch(r"[1-9]", str(text)) and int(text) <= len(SECTIONS) else 0


def present(data: ReportData) -> None:
    if "r_step" not in st.session_state:
        st.session_state["r_step"] = step_from_link(st.query_params.get("step", "1"))
    i = st.session_state["r_step"]
    key = SECTIONS[i]
    st.query_params["step"] = str(i + 1)
    m = data.meta
    stamp = (
        t("r_stamp_frozen", id=m["snapshot_id"], dv=m.get("data_version", ""))
        if data.is_snapshot
        else t("r_stamp_live", dv=m.get("data_version", ""))
    )
    # the steps on top: a projector shows one screen, the presenter never scrolls to the buttons
    c = st.columns([1, 3, 1])
    c[0].button(t("r_back"), key="r_back", on_click=_step, args=(-1,), disabled=i == 0, width="stretch")
    c[1].markdown(f"<div style='text-align:center'>{i + 1} / {len(SECTIONS)} · {html.escape(stamp)}</div>", unsafe_allow_html=True)
    c[2].button(t("r_next"), key="r_next", on_click=_step, args=(1,), disabled=i == len(SECTIONS) - 1, width="stretch")
    st.markdown(f"## {t(f'r_s_{key}')}")
    st.markdown(f"### {headline(data, key)}")
    RENDER[key](data, True)


# --- snapshots: freeze, publish, compare, download --------------------------------------------------


def freeze_form(scenario_id: str, *, key: str, sc=None) -> None:
    """Freeze a scenario with its portfolio, parameters and data version (planner mode only): with the scenarios the
    committee weighs beside it and the proposed decision, generated from the numbers and editable before freezing."""
    if is_public():
        return
    sc = sc if sc is not None else model.scenario(scenario_id)
    ready = model.service().cache.peek("report", f"{model._key(sc)}|{scenario_id}") if sc is not None else None
    listed = model.scenarios()
    names = dict(zip(listed["scenario_id"], listed["name"]))
    others = [i for i in listed["scenario_id"] if i != scenario_id]
    with st.form(key):
        title = st.text_input(t("s_snapshot_name"), max_chars=200, key=f"{key}_title")
        note = st.text_input(t("r_note"), max_chars=500, key=f"{key}_note")
        compare = st.multiselect(t("r_freeze_compare"), others, default=others, key=f"{key}_compare", format_func=lambda i: names.get(i, i))
        # prefilled when the numbers are computed already (always on this page); empty: the generated text is frozen
        proposal = st.text_area(
            t("r_freeze_proposal"),
            value=council.proposal(ready, lang()) if ready is not None else "",
            height=260,
            key=f"{key}_proposal",
            help=t("r_freeze_proposal_help"),
        )
        go = st.form_submit_button(t("s_snapshot"))
    if go:
        with st.spinner(t("r_computing")):
            data = live_data(scenario_id, sc)
            if compare:
                data = compare_scenarios(data, model.service(), model.portfolio(), compare)
            text = proposal.strip() or council.proposal(data, lang())
            data = data.with_meta(decision_proposal=text, decision_proposal_lang=lang())
            sid = snaps.freeze(model.portfolio(), data, title=title or data.meta.get("scenario_name", ""), note=note)
        st.success(t("s_snapshot_done", id=sid))
        st.markdown(f"[{t('r_open')}](rat?snapshot={sid})")


def manage() -> None:
    """Planner: list all snapshots, publish or withdraw them from the public instance (and say where it went)."""
    publish.flash()
    table = snapshot_table()
    if table.empty:
        return
    st.subheader(t("s_snapshots"))
    view = table[["snapshot_id", "name", "created_at", "data_version", "params_hash", "is_published", "note"]]
    names = {
        "snapshot_id": st.column_config.TextColumn(t("r_col_snapshot")),
        "name": st.column_config.TextColumn(t("r_col_snap_name")),
        "created_at": st.column_config.DatetimeColumn(
            t("r_col_created"), format="DD.MM.YYYY HH:mm" if lang() == "de" else "YYYY-MM-DD HH:mm"
        ),
        "data_version": st.column_config.TextColumn(t("r_col_data_version")),
        "params_hash": st.column_config.TextColumn(t("r_col_params_hash")),
        "note": st.column_config.TextColumn(t("r_col_note")),
    }
    if is_public():
        st.dataframe(view.drop(columns=["is_published"]), hide_index=True, width="stretch", column_config=names)
        return
    edited = st.data_editor(
        view,
        hide_index=True,
        width="stretch",
        disabled=[c for c in view.columns if c != "is_published"],
        key="r_publish",
        column_config={**names, "is_published": st.column_config.CheckboxColumn(t("r_published"))},
    )
    changed = edited[edited["is_published"] != view["is_published"]]
    if not changed.empty:
        snaps_publish(dict(zip(changed["snapshot_id"], changed["is_published"].astype(bool))))
        st.rerun()


def snaps_publish(flags: dict[str, bool]) -> None:
    """Publish (True) or withdraw (False) snapshots, then write the public export once; manage() says where it went."""
    for snapshot_id, published in flags.items():
        pf.publish_snapshot(model.portfolio(), snapshot_id, published)
    publish.export()


def compare() -> None:
    """Two snapshots (or a snapshot and a live scenario) side by side: key numbers and per-project contributions."""
    ids, names = _choices()
    if len(ids) < 2:
        return
    st.subheader(t("r_compare"))
    c = st.columns(2)
    a = c[0].selectbox("A", ids, index=0, key="r_cmp_a", format_func=lambda i: names.get(i, i))
    b = c[1].selectbox("B", ids, index=1, key="r_cmp_b", format_func=lambda i: names.get(i, i))
    if a == b:
        return
    da, dbb = (live_data(x[len(LIVE) :]) if x.startswith(LIVE) else snapshot_data(x) for x in (a, b))
    st.dataframe(
        compare_table(da, dbb),
        hide_index=True,
        width="stretch",
        column_config={k: st.column_config.NumberColumn(format="localized") for k in ("A", "B", "B − A")},
    )


def compare_table(a: ReportData, b: ReportData) -> pd.DataFrame:
    """Key numbers of two datasets (t CO2e/a) and their difference."""
    rows = []
    for year in (2024, 2030, 2035, 2045):
        rows.append(
            (t("r_cmp_path", year=year), _year_value(a.table("pathway"), year, "co2e_t"), _year_value(b.table("pathway"), year, "co2e_t"))
        )
    for year in (2030, 2035):
        rows.append(
            (t("r_cmp_gap", year=year), _year_value(a.table("targets"), year, "gap_t"), _year_value(b.table("targets"), year, "gap_t"))
        )
    ca = (
        a.table("contributions").set_index("project_id")
        if len(a.table("contributions"))
        else pd.DataFrame(columns=["name", "attributed_2035_t"])
    )
    cb = (
        b.table("contributions").set_index("project_id")
        if len(b.table("contributions"))
        else pd.DataFrame(columns=["name", "attributed_2035_t"])
    )
    for pid in list(dict.fromkeys([*ca.index, *cb.index])):
        name = ca["name"].get(pid) if pid in ca.index else cb["name"].get(pid)
        rows.append(
            (
                t("r_cmp_project", name=str(name)[:60]),
                float(ca["attributed_2035_t"].get(pid, np.nan)),
                float(cb["attributed_2035_t"].get(pid, np.nan)),
            )
        )
    frame = pd.DataFrame(rows, columns=[t("r_col_figure"), "A", "B"])
    frame["B − A"] = frame["B"] - frame["A"]
    frame[["A", "B", "B − A"]] = frame[["A", "B", "B − A"]].round(0)
    return frame


def downloads(data: ReportData) -> None:
    """The four reports of the dataset shown and its two data exchange files (XWärmeplan GML, JSON), rendered on the
    server when a button is clicked."""
    st.subheader(t("r_reports"))
    st.caption(t("r_reports_help"))
    lg = lang()
    key = "|".join(
        str(data.meta.get(k, ""))
        for k in ("snapshot_id", "report_sha256", "data_version", "params_hash", "portfolio_hash", "scenario_json")
    )
    for kinds in (KINDS, EXPORT_KINDS):
        if kinds is EXPORT_KINDS:
            st.caption(t("r_exchange_help"))
        cols = st.columns(len(KINDS))
        for col, kind in zip(cols, kinds):
            col.download_button(
                t(f"r_dl_{kind}") if kind in EXPORT_KINDS else kind.upper(),
                data=lambda kind=kind: model.memo(f"report-{kind}", f"{key}|{lg}", lambda: render(kind, data, lang=lg)),
                file_name=file_name(kind, data),
                mime=MIME_TYPES[kind],
                key=f"r_dl_{kind}",
                on_click="ignore",
                width="stretch",
            )

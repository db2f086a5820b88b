"""Scenarios: compare up to three, edit levers, save (planners) or use for the session, freeze for the council."""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from dataclasses import fields as dataclass_fields

import numpy as np
import pandas as pd
import streamlit as st

import portfolio as pf
from ghgmodel import ModelInputError, Scenario
from ghgmodel.scenario import DH_PATHS, EL_PATHS, FALLBACK_SYSTEMS, series_values
from locales import num, pct
from reports import disclosure
from reports.texts import waterfall_label
from reports.waterfall import bars as wf_bars
from ui import charts, db, model, rat
from ui.i18n import lang, t, target_name
from ui.mode import is_public
from ui.overview import label
from ui.safe import md_escape

LEVER_YEARS = (2025, 2030, 2035, 2040, 2045)
SERIES_LEVERS = (
    "retrofit_rate_pct",
    "retrofit_advanced_share_pct",
    "hp_ground",
    "hp_air",
    "hp_limited",
    "dh_connection_rate_pct",
    "dh_densification_pct",
    "h2_share_pct",
)
CUSTOM = "custom"


def encode(sc: Scenario) -> str:
    return base64.urlsafe_b64encode(zlib.compress(sc.to_json().encode())).decode()


# a scenario in a link (`?custom=…`) is untrusted input: bounded before and after decompression, then checked value by
# value against the types of Scenario's fields before the model sees it
MAX_LINK_CHARS = 8_000
MAX_JSON_BYTES = 64_000
MAX_DEPTH = 4
MAX_ITEMS = 2_000
SERIES_FIELDS = (
    "dh_min_share_pct", "retrofit_rate_pct", "retrofit_advanced_share_pct", "dh_connection_rate_pct", "dh_densification_pct",
    "h2_share_pct",
)  # fmt: skip
TEXT_FIELDS = {"name": 120, "description": 1_000, "factor_set": 20, "demand_basis": 20, "el_path": 20, "dh_path": 20, "fallback_system": 20}
NUMBER_FIELDS = ("dh_connection_max_pct", "dh_share_at_replacement_pct")


def _id(value) -> bool:
    """An area or project id: printable text of at most 80 characters."""
    return isinstance(value, str) and 0 < len(value) <= 80 and value.isprintable()


class LinkError(ValueError):
    """A scenario link that cannot be used; `reason` is the key of its message (s_link_<reason>), `field` the lever."""

    def __init__(self, reason: str, field: str = ""):
        super().__init__(f"{reason} {field}".strip())
        self.reason, self.field = reason, field


def _depth_and_size(value, depth: int = 1) -> tuple[int, int]:
    if isinstance(value, dict):
        parts = [_depth_and_size(v, depth + 1) for v in value.values()]
    elif isinstance(value, list):
        parts = [_depth_and_size(v, depth + 1) for v in value]
    else:
        return depth, 1
    return max([depth, *(d for d, _ in parts)]), 1 + sum(n for _, n in parts)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _series(value) -> bool:
    """A number, or {year: number} with four-digit years."""
    if _number(value):
        return True
    return isinstance(value, dict) and 0 < len(value) <= 60 and all(re.fullmatch(r"\d{4}", str(k)) and _number(v) for k, v in value.items())


def check_scenario_dict(data) -> None:
    """Every lever of a scenario from a link has the type and size Scenario expects; raises LinkError naming the first that has not."""
    if not isinstance(data, dict):
        raise LinkError("type", "scenario")
    depth, items = _depth_and_size(data)
    if depth > MAX_DEPTH or items > MAX_ITEMS:
        raise LinkError("too_big")
    known = {f.name for f in dataclass_fields(Scenario)}
    for key, value in data.items():
        if key not in known:
            raise LinkError("unknown", str(key)[:40])
        if key in TEXT_FIELDS:
            ok = isinstance(value, str) and len(value) <= TEXT_FIELDS[key] and value.isprintable()
        elif key in SERIES_FIELDS:
            ok = _series(value)
        elif key in NUMBER_FIELDS:
            ok = _number(value)
        elif key == "boiler_replacement":
            ok = isinstance(value, bool)
        elif key == "hp_adoption_pct":
            ok = isinstance(value, dict) and len(value) <= 3 and all(isinstance(k, str) and _series(v) for k, v in value.items())
        elif key == "dh_connection_by_area":
            ok = (
                isinstance(value, dict)
                and len(value) <= 500
                and all(
                    _id(k) and isinstance(v, dict) and set(v) <= {"year", "rate_pct"} and all(x is None or _number(x) for x in v.values())
                    for k, v in value.items()
                )
            )
        else:  # project_ids, project_statuses
            ok = value is None or (isinstance(value, list) and len(value) <= 500 and all(_id(x) for x in value))
        if not ok:
            raise LinkError("type", key)
    if "name" not in data:
        raise LinkError("type", "name")


def decode(text: str) -> Scenario:
    """The scenario of a link; raises LinkError (never anything else) for a link that is too long, unreadable, too deeply
    nested, or has a lever of the wrong type or out of range."""
    if not isinstance(text, str) or len(text) > MAX_LINK_CHARS:
        raise LinkError("too_big")
    try:
        raw = base64.urlsafe_b64decode(text.encode("ascii"))
        inflate = zlib.decompressobj()
        payload = inflate.decompress(raw, MAX_JSON_BYTES)
        if inflate.unconsumed_tail:
            raise LinkError("too_big")
        data = json.loads(payload.decode("utf-8"))
    except LinkError:
        raise
    except RecursionError:
        raise LinkError("too_big") from None
    except (ValueError, zlib.error, UnicodeError):
        raise LinkError("unreadable") from None
    check_scenario_dict(data)
    try:
        return Scenario.from_dict(data)
    except (ModelInputError, ValueError, TypeError, OverflowError):
        raise LinkError("range") from None


def custom() -> Scenario | None:
    """The session's own scenario (also from a shared link; a link that cannot be used is dropped with a plain message)."""
    if "s_custom" not in st.session_state and st.query_params.get("custom"):
        try:
            st.session_state["s_custom"] = decode(st.query_params["custom"])
        except LinkError as exc:
            del st.query_params["custom"]
            field = f" ({md_escape(exc.field)})" if exc.field else ""
            st.error(t(f"s_link_{exc.reason}") + field + " " + t("s_link_fix"))
    return st.session_state.get("s_custom")


def options() -> tuple[list[str], dict]:
    sc = model.scenarios()
    ids = sc["scenario_id"].tolist()
    names = dict(zip(sc["scenario_id"], sc["name"]))
    if custom() is not None:
        ids.append(CUSTOM)
        names[CUSTOM] = f"{custom().name} – {t('s_custom')}"
    return ids, names


def resolve(sid: str) -> Scenario:
    return custom() if sid == CUSTOM else model.scenario(sid)


def compare_select() -> list[str]:
    ids, names = options()
    # at most three, each once (more would raise in the multiselect)
    wanted = list(dict.fromkeys(x for x in st.query_params.get("compare", "")[:500].split(",") if x in ids))[:3]
    if "s_compare_next" in st.session_state:  # set by the editor on the previous run
        st.session_state["s_compare"] = st.session_state.pop("s_compare_next")
    if "s_compare" not in st.session_state:
        st.session_state["s_compare"] = wanted or [i for i in ("trend", "wpg-2045", "klimaneutral-2035") if i in ids]
    st.session_state["s_compare"] = [x for x in st.session_state["s_compare"] if x in ids]
    chosen = st.multiselect(
        t("s_compare"), ids, key="s_compare", max_selections=3, format_func=lambda i: names.get(i, i), placeholder=t("choose")
    )
    st.query_params["compare"] = ",".join(chosen)
    if CUSTOM in chosen and custom() is not None:
        st.query_params["custom"] = encode(custom())
    elif "custom" in st.query_params:
        del st.query_params["custom"]
    return chosen


def pathways(chosen: list[str]) -> None:
    if not chosen:
        return
    _, names = options()
    frames, targets = [], None
    with st.spinner():
        for sid in chosen:
            sc = resolve(sid)
            band = model.pathway_band(sc) / 1000
            frames.append(
                pd.DataFrame(
                    {
                        "year": band.index,
                        "series": names[sid],
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
                        "target_kt": g["target_t"] / 1000,
                    }
                )
    colors = {names[sid]: charts.scenario_color(sid) for sid in chosen}
    charts.show(charts.pathway_chart, pd.concat(frames), targets, y_title=t("unit_kt_short"), target_label=t("target"), colors=colors)
    st.caption(t("pathway_caption"))
    known = set(db.query("expansion_areas")["expansion_area_id"])
    for sid in chosen:
        stale = sorted(set(resolve(sid).dh_connection_by_area) - known)
        if stale:  # e.g. after a dh-expansion import replaced the areas
            st.warning(
                t(
                    "s_stale_areas",
                    name=md_escape(names[sid]),
                    ids=", ".join(md_escape(x) for x in stale[:10]) + (" …" if len(stale) > 10 else ""),
                )
            )


def gaps_table(chosen: list[str]) -> None:
    if not chosen:
        return
    _, names = options()
    rows = []
    for sid in chosen:
        sc = resolve(sid)
        g = model.gaps(sc).set_index("year")
        totals = model.pathway(sc)["totals"]["co2e_t"]
        row = {t("s_col_scenario"): names[sid], t("s_col_2024"): totals.loc[2024]}
        for y in g.index:
            row[t("s_col_path", year=y)] = g.loc[y, "pathway_t"]
            row[t("s_col_target", year=y)] = g.loc[y, "target_t"]
            row[t("s_col_gap", year=y)] = g.loc[y, "gap_t"]
        rows.append(row)
    df = pd.DataFrame(rows)
    df[df.columns[1:]] = df[df.columns[1:]].astype(float).round(0)
    st.subheader(t("s_gaps"))
    st.dataframe(
        df, hide_index=True, width="stretch", column_config={c: st.column_config.NumberColumn(format="localized") for c in df.columns[1:]}
    )


def scenario_tabs(section: str, chosen: list[str]) -> list[tuple]:
    """One tab per chosen scenario, of which only the open one is drawn: (tab, scenario id) of that tab. A tab switch
    reruns the section alone (its function is a fragment). Drawing every tab's charts sent up to 16 Vega charts per
    view that the browser rendered behind closed tabs (about a second of a page view in Chromium)."""
    _, names = options()
    labels, seen = [], {}
    for sid in chosen:  # tab labels must differ: a second scenario of the same name gets its number
        name = md_escape(names[sid])
        seen[name] = seen.get(name, 0) + 1
        labels.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    tabs = st.tabs(labels, key=f"s_tabs_{section}_{'-'.join(chosen)}", on_change="rerun")
    return [(tab, sid) for tab, sid in zip(tabs, chosen) if tab.open]


@st.fragment
def indicators(chosen: list[str]) -> None:
    if not chosen:
        return
    st.subheader(t("s_indicators"))
    lg = lang()
    for tab, sid in scenario_tabs("indicators", chosen):
        ind = model.pathway(resolve(sid))["indicators"]
        if is_public():  # energy carriers of 1 to 4 buildings today as one row "other" (the publication rule)
            ind = disclosure.merge_carriers(ind, "carrier", db.public_figures().small_energy_carriers, ["value"])
        ind = ind.assign(
            carrier=[label("carrier", c) if c else "" for c in ind["carrier"]],
            sector=[label("sector", s) if s in ("residential", "dh_other") else s for s in ind["sector"]],
        )
        wide = ind.pivot_table(
            index=["indicator", "carrier", "sector", "unit"], columns="year", values="value", aggfunc="sum"
        ).reset_index()
        for y in [c for c in wide.columns if isinstance(c, (int, np.integer))]:
            wide[y] = [num(v, 1 if u == "%" else 0, lg) for v, u in zip(wide[y], wide["unit"])]
        wide.columns = [str(c) for c in wide.columns]
        wide = wide.rename(
            columns={"indicator": t("s_col_indicator"), "carrier": t("s_col_carrier"), "sector": t("s_col_sector"), "unit": t("s_col_unit")}
        )
        with tab:
            st.dataframe(wide, hide_index=True, width="stretch")
            st.download_button(
                "CSV", ind.to_csv(index=False), file_name=f"wpg_indikatoren_{sid}.csv", mime="text/csv", key=f"s_ind_csv_{sid}"
            )


@st.fragment
def decomposition(chosen: list[str]) -> None:
    """The waterfall of each chosen scenario: federal drivers, measures, what is not yet backed, target and gap."""
    if not chosen:
        return
    st.subheader(t("s_decomp"))
    lg = lang()
    titles = dict(zip(model.projects_table()["project_id"], model.projects_table()["name"]))
    for tab, sid in scenario_tabs("decomp", chosen):
        steps = model.decomposition(resolve(sid))["steps"]
        wf = pd.DataFrame(
            {
                "year": steps["to_year"],
                "step": steps["kind"].replace({"end": "result"}),
                "key": steps["key"],
                "label": [titles.get(k, k) for k in steps["key"]],
                "value_t": steps["value_t"].where(steps["kind"].isin(["start", "end", "target"]), steps["delta_t"]),
            }
        )
        with tab:
            cols = st.columns(2)
            for col, year in zip(cols, (2030, 2035)):
                with col:
                    st.markdown(f"**{year}**")
                    bars = wf_bars(wf, year, waterfall_label(lg))
                    kinds = charts.waterfall_kinds(lg)
                    charts.show(charts.waterfall, bars, x_title="kt CO₂e/a", kind_labels=kinds, key=f"s_wf_{sid}_{year}")
    st.caption(t("p_wf_caption"))


@st.fragment
def networks(chosen: list[str]) -> None:
    """Per scenario and network: heat fed in by source, the factor and the WPG 29-31 duty with and without unbacked heat."""
    if not chosen:
        return
    st.subheader(t("s_networks"))
    st.caption(t("s_networks_intro"))
    lg = lang()
    net_names = dict(db.cursor().execute("SELECT network_id, name FROM dh_networks").fetchall())
    for tab, sid in scenario_tabs("networks", chosen):
        pw = model.pathway(resolve(sid))
        nets, sources = pw["networks"], pw["network_sources"]
        with tab:
            for nid in nets["network_id"].unique():
                n = nets[nets["network_id"] == nid]
                if not (n["heat_fed_in_mwh"] > 0).any():
                    continue  # the model's stand-in network of buildings without a known network: no heat, no panel
                src = sources[(sources["network_id"] == nid) & (sources["kind"] != "pumping")]
                by_kind = src.assign(gwh=src["heat_mwh"] / 1000, kind=[label("netsrc", k) for k in src["kind"]])
                by_kind = by_kind.groupby(["year", "kind"], as_index=False)["gwh"].sum()
                st.markdown(f"**{net_names.get(nid, nid)}**")
                left, right = st.columns([3, 2])
                with left:
                    charts.show(
                        charts.stacked_area,
                        by_kind,
                        x="year",
                        y="gwh",
                        color="kind",
                        y_title=t("s_net_chart"),
                        colors={label("netsrc", k): c for k, c in charts.NETWORK_SOURCE_COLORS.items()},
                        key=f"s_net_{sid}_{nid}",
                    )
                rows = []
                for r in n[n["year"].isin((2024, 2030, 2035, 2040, 2045))].itertuples():
                    met = (
                        t("s_net_not_yet")
                        if not r.in_operation
                        else t("s_net_met_yes")
                        if r.duty_met_backed
                        else t("s_net_met_unbacked")
                        if r.duty_met
                        else t("s_net_met_no")
                    )
                    rows.append(
                        {
                            t("s_net_col_year"): str(r.year),
                            t("s_net_col_fed"): num(r.heat_fed_in_mwh / 1000, 0, lg),
                            t("s_net_col_ef"): num(r.ef_g_per_kwh, 0, lg),
                            t("s_net_col_share"): pct(r.renewable_or_waste_heat_share_pct, 0, lg),
                            t("s_net_col_backed"): pct(r.backed_share_pct, 0, lg),
                            t("s_net_col_duty"): pct(r.duty_share_pct, 0, lg),
                            t("s_net_col_met"): met,
                        }
                    )
                with right:
                    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def share_link(chosen: list[str]) -> None:
    params = [f"compare={','.join(chosen)}", f"lang={lang()}"]
    if CUSTOM in chosen and custom() is not None:
        params.append(f"custom={encode(custom())}")
    st.caption(t("s_link"))
    st.code("szenarien?" + "&".join(params), language=None)
    if CUSTOM in chosen:
        st.caption(t("s_link_custom"))


# --- editor ---------------------------------------------------------------------------------------


def _lever_series(sc: Scenario, lever: str) -> dict:
    if lever.startswith("hp_"):
        return sc.hp_adoption_pct[lever[3:]]
    return getattr(sc, lever)


def _lever_table(sc: Scenario) -> pd.DataFrame:
    years = np.array(LEVER_YEARS)
    rows = {t(f"lever_{lv}"): series_values(_lever_series(sc, lv), years) for lv in SERIES_LEVERS}
    return pd.DataFrame(rows, index=[str(y) for y in LEVER_YEARS]).T


def _area_table(sc: Scenario) -> pd.DataFrame:
    """The expansion areas with their planned year and the scenario's own year and rate, if set."""
    areas = db.query("expansion_areas")
    by = sc.dh_connection_by_area
    return pd.DataFrame(
        {
            "id": areas["expansion_area_id"],
            "name": areas["name"],
            "planned": areas["year_planned"],
            "year": [by.get(a, {}).get("year") for a in areas["expansion_area_id"]],
            "rate": [by.get(a, {}).get("rate_pct") for a in areas["expansion_area_id"]],
        }
    )


def _area_levers(table: pd.DataFrame) -> dict:
    out = {}
    for rec in table.to_dict(orient="records"):
        spec = {}
        if rec.get("year") is not None and not pd.isna(rec["year"]):
            spec["year"] = int(rec["year"])
        if rec.get("rate") is not None and not pd.isna(rec["rate"]):
            spec["rate_pct"] = float(rec["rate"])
        if spec:
            out[rec["id"]] = spec
    return out


EDITOR_KEYS = ("s_name", "s_table", "s_fs", "s_el", "s_dh", "s_fb", "s_dh_max", "s_dh_choice", "s_repl", "s_areas", "s_projects")


def _reset_editor() -> None:
    """A new base scenario: the form's widgets forget their values and show the new base's levers."""
    for key in EDITOR_KEYS:
        st.session_state.pop(key, None)


def editor() -> None:
    st.subheader(t("s_editor"))
    if is_public():
        st.caption(t("s_public_note"))
    ids, names = options()
    base_id = st.selectbox(t("s_base"), ids, format_func=lambda i: names.get(i, i), key="s_base", on_change=_reset_editor)
    base = resolve(base_id)
    projects = model.projects()
    p_names = {p.project_id: p.name for p in projects}
    with st.form("s_form"):
        name = st.text_input(t("s_name"), value=base.name if base_id == CUSTOM else f"{base.name} (Variante)", max_chars=120, key="s_name")
        st.caption(t("s_levers"))
        table = st.data_editor(_lever_table(base), key="s_table", width="stretch", num_rows="fixed")
        c = st.columns(4)
        fs = c[0].selectbox(
            t("s_factor_set"),
            ("bisko", "geg"),
            index=("bisko", "geg").index(base.factor_set),
            format_func=lambda v: t(f"fs_{v}"),
            key="s_fs",
        )
        el = c[1].selectbox(t("s_el_path"), EL_PATHS, index=EL_PATHS.index(base.el_path), format_func=lambda v: t(f"el_{v}"), key="s_el")
        dh = c[2].selectbox(t("s_dh_path"), DH_PATHS, index=DH_PATHS.index(base.dh_path), format_func=lambda v: t(f"dhp_{v}"), key="s_dh")
        fb = c[3].selectbox(
            t("s_fallback"),
            FALLBACK_SYSTEMS,
            index=FALLBACK_SYSTEMS.index(base.fallback_system),
            format_func=lambda v: t(f"fb_{v}"),
            key="s_fb",
        )
        c = st.columns(3)
        dh_max = c[0].number_input(t("s_dh_max"), 0.0, 100.0, value=float(base.dh_connection_max_pct), key="s_dh_max")
        dh_choice = c[1].number_input(t("s_dh_choice"), 0.0, 100.0, value=float(base.dh_share_at_replacement_pct), key="s_dh_choice")
        repl = c[2].toggle(t("s_replacement"), value=base.boiler_replacement, key="s_repl")
        areas = _area_table(base)
        with st.expander(t("s_by_area")):
            st.caption(t("s_by_area_help"))
            area_table = st.data_editor(
                areas,
                key="s_areas",
                width="stretch",
                hide_index=True,
                disabled=["id", "name", "planned"],
                column_config={
                    "id": None,
                    "name": st.column_config.TextColumn(t("col_name")),
                    "planned": st.column_config.NumberColumn(t("s_area_planned"), format="%d"),
                    "year": st.column_config.NumberColumn(t("s_area_year"), min_value=2024, max_value=2045, step=1, format="%d"),
                    "rate": st.column_config.NumberColumn(t("s_area_rate"), min_value=0.0, max_value=50.0, step=0.5),
                },
            )
        default_projects = [p.project_id for p in projects if base.selects(p)]
        chosen_projects = st.multiselect(
            t("s_projects"),
            list(p_names),
            default=default_projects,
            format_func=lambda i: p_names[i],
            key="s_projects",
            placeholder=t("choose"),
        )
        c = st.columns(2)
        apply = c[0].form_submit_button(t("s_apply"))
        save = c[1].form_submit_button(t("s_save"), disabled=is_public())
    if not (apply or save):
        return
    try:
        series = {lv: {int(y): float(v) for y, v in zip(LEVER_YEARS, table.loc[t(f"lever_{lv}")].to_numpy())} for lv in SERIES_LEVERS}
        # every lever the form does not show (description, demand basis, the networks' own path, the measures'
        # statuses) comes from the base, so the result is the base with the visitor's changes and nothing else
        same_projects = set(chosen_projects) == set(default_projects)
        sc = base.with_levers(
            name=name,
            factor_set=fs,
            el_path=el,
            dh_path=dh,
            retrofit_rate_pct=series["retrofit_rate_pct"],
            retrofit_advanced_share_pct=series["retrofit_advanced_share_pct"],
            hp_adoption_pct={k: series[f"hp_{k}"] for k in ("ground", "air", "limited")},
            dh_connection_rate_pct=series["dh_connection_rate_pct"],
            dh_connection_max_pct=dh_max,
            dh_densification_pct=series["dh_densification_pct"],
            boiler_replacement=repl,
            dh_share_at_replacement_pct=dh_choice,
            fallback_system=fb,
            h2_share_pct=series["h2_share_pct"],
            project_ids=base.project_ids if same_projects else tuple(chosen_projects),
            dh_connection_by_area=_area_levers(area_table),
        )
    except (ModelInputError, ValueError, KeyError) as exc:
        st.error(t("s_error", msg=str(exc)))
        return
    if save and not is_public():
        sid = pf.new_project_id(sc.name)
        pf.save_scenario(model.portfolio(), sid, sc)
        st.session_state["s_compare_next"] = [*[x for x in st.session_state.get("s_compare", []) if x != sid][:2], sid]
        st.success(t("s_saved", name=md_escape(sc.name)))
    else:
        st.session_state["s_custom"] = sc
        st.session_state["s_compare_next"] = [*[x for x in st.session_state.get("s_compare", []) if x != CUSTOM][:2], CUSTOM]
    st.rerun()


# --- snapshots ------------------------------------------------------------------------------------


def snapshots(chosen: list[str]) -> None:
    """Freeze the first scenario for the council; the frozen snapshots live on the page "Für den Rat"."""
    if not is_public() and chosen:
        st.subheader(t("s_snapshot"))
        st.caption(t("s_snapshot_help"))
        rat.freeze_form(chosen[0], key="s_snap", sc=resolve(chosen[0]))
    st.markdown(f"[{t('s_to_council')}](rat)")

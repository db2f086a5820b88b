"""The map page's pieces: layer data (cached, compact, private on the public instance), pydeck layers and legends.

On the public instance every cell and hexagon comes from reports.disclosure: a cell shows the figures of
its area (the cell itself, or with its small neighbours of the same statistischer Bezirk, at least
privacy.min_buildings buildings), a hexagon the sum of whole areas, resolution 8 the sum of its
resolution-9 children, so that no two map figures can be subtracted to describe fewer buildings.
Single buildings are only read in planner mode.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from heatdb import map_queries as mq
from locales import MISSING, is_missing, num, pct
from ui import db, maps, model, privacy
from ui.i18n import grade_name, has, lang, t
from ui.mode import is_public
from ui.safe import md_escape

THEMES = ("heat", "hp", "supply", "none")
GRID_THEMES = ("heat", "hp")
GRIDS = ("cell", "h3_8", "h3_9")
OVERLAYS = ("borders", "statbez", "dh", "expansion", "projects", "buildings")
DEFAULT_OVERLAYS = ("borders", "dh")
COLOR_BY = ("carrier", "hp_class")
EFFECT_YEARS = (2030, 2035)
MAX_FEATURES = 20_000
MAX_PAYLOAD_BYTES = 5_000_000
CITYWIDE_SHARE = 0.5  # a project reaching at least this share of the city's area is drawn as an outline only
HP_BREAKS = (20, 40, 60, 80)
DENSITY_CLASSES = ("none", "new_build", "low_temp", "conventional", "very_high")
OK = maps.OKABE_ITO
SUPPLY_COLORS = {"waermenetzgebiet": OK["blue"], "dezentral": OK["green"], "pruefgebiet": OK["orange"]}
CARRIER_GROUP = {
    "gas": "gas", "oil": "oil", "lpg": "other_fossil", "coal": "other_fossil", "wood": "biomass", "biogas": "biomass",
    "electric": "electric", "heat_pump_air": "heat_pump", "heat_pump_ground": "heat_pump", "district_heating": "dh",
}  # fmt: skip
CARRIER_COLORS = {
    "gas": OK["orange"], "oil": OK["vermillion"], "other_fossil": OK["purple"], "biomass": OK["yellow"],
    "electric": OK["sky"], "heat_pump": OK["green"], "dh": OK["blue"], "other": OK["grey"],
}  # fmt: skip
HP_CLASS_COLORS = {"ground": OK["green"], "air": OK["sky"], "limited": OK["orange"], "unsuitable": OK["vermillion"], "unknown": OK["grey"]}
PROJECT_COLORS = {
    "dh_expansion": OK["blue"], "dh_decarbonisation": OK["sky"], "hp_programme": OK["green"],
    "retrofit_programme": OK["orange"], "large_hp_or_solar_network": OK["yellow"], "own_building_conversion": OK["purple"],
}  # fmt: skip
DH_COLOR = OK["vermillion"]
EXPANSION_COLOR = OK["purple"]
LABELS = {
    **{f: f"karte_theme_{f}" for f in THEMES},
    **{g: f"karte_grid_{g}" for g in GRIDS},
    **{o: f"karte_layer_{o}" for o in OVERLAYS},
    "carrier": "karte_color_carrier",
    "hp_class": "karte_color_hp",
}
TOOLTIP = {"text": "{tip}", "style": {"fontSize": "12px", "whiteSpace": "pre-line", "maxWidth": "380px"}}


def text(value) -> str:
    """A value from the data as tooltip text: '–' where it is missing (never 'None' or 'nan')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() in ("", "None", "nan", "NaT", "<NA>"):
        return MISSING
    return str(value)


def label(option: str) -> str:
    """The text of a widget option (theme, grid, overlay, colouring, project type)."""
    if option in PROJECT_COLORS:
        return t(f"karte_ptype_{option}")
    return t(LABELS[option])


def overlays() -> tuple[str, ...]:
    """The overlays a visitor may switch on: single buildings only in planner mode."""
    return tuple(o for o in OVERLAYS if o != "buildings" or not is_public())


def years() -> tuple[int, int]:
    p = model.params()
    return int(p.value("expansion.first_year")), int(p.value("expansion.last_year"))


def density_edges() -> list[float]:
    p = model.params()
    return [p.value(f"density.edge.{k}") for k in ("new_build", "low_temp", "conventional", "very_high")]


def district_options() -> dict[str, str]:
    """statbez district id -> name, ordered by name."""
    d = db.districts("statbez").sort_values("name")
    return dict(zip(d["district_id"], d["name"]))


def project_types() -> tuple[str, ...]:
    """The project types of the portfolio, in the model's order."""
    present = {p.project_type for p in model.projects()}
    return tuple(k for k in PROJECT_COLORS if k in present)


def _rgba(rgb, alpha: int) -> list[int]:
    return [int(rgb[0]), int(rgb[1]), int(rgb[2]), int(alpha)]


# --- cached raw data ------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=2)
def _cells(version: str) -> pd.DataFrame:
    return mq.cells(db.cursor())


@st.cache_data(show_spinner=False, max_entries=4)
def _hexagons(version: str, resolution: int) -> pd.DataFrame:
    return mq.hexagons(db.cursor(), resolution)


@st.cache_data(show_spinner=False, max_entries=2)
def _dh_areas(version: str) -> pd.DataFrame:
    return mq.dh_areas(db.cursor())


@st.cache_data(show_spinner=False, max_entries=2)
def _expansion(version: str) -> pd.DataFrame:
    return mq.expansion_areas(db.cursor())


@st.cache_data(show_spinner=False, max_entries=8)
def _reach(version: str, items: tuple) -> list[tuple[str, dict | None, float]]:
    cur = db.cursor()
    return [(pid, *mq.reach_geometry(cur, dists, exps, net)) for pid, dists, exps, net in items]


# --- layer data -----------------------------------------------------------------------------------------


def _area_rows(theme: str, grid: str, public: bool, k: int) -> tuple[pd.DataFrame, list[str]]:
    """The cells or hexagons of a theme; on the public instance those of reports.disclosure (every cell shows its
    area of at least k buildings, every hexagon the sum of whole areas); (rows, captions)."""
    version = db.data_version()
    lg = lang()
    if public:
        f = privacy.figures()
        if grid == "cell" or theme == "supply":
            rows = f.cells[["cell_id", "area_id"]].merge(f.areas.drop(columns=["statbez_id"]), on="area_id", how="left")
            rows = rows.merge(_cells(version)[["cell_id", "ring"]], on="cell_id", how="inner")
            merged = int((f.areas["n_cells"] > 1).sum())
            return rows, [t("karte_privacy_areas", k=k, n=num(len(f.areas), 0, lg), merged=num(merged, 0, lg))]
        res = 8 if grid == "h3_8" else 9
        return f.hexagons[res], [t("karte_privacy_hexagons", k=k)]
    if grid == "cell" or theme == "supply":
        return _cells(version), []
    return _hexagons(version, 8 if grid == "h3_8" else 9), []


def _geom_key(rows: pd.DataFrame) -> tuple[str, list]:
    if "ring" in rows.columns:
        return "p", rows["ring"].tolist()
    return "h", rows["h3_index"].tolist()


@st.cache_data(show_spinner=False, max_entries=12)
def _theme_data(version: str, theme: str, grid: str, public: bool, k: int, lg: str) -> tuple[list[dict], list[str]]:
    rows, notes = _area_rows(theme, grid, public, k)
    gk, geoms = _geom_key(rows)
    n = rows["n_buildings"].astype(int).tolist()
    nb = t("karte_tip_buildings")
    count = [f"{nb}: {num(v, 0, lg)}" for v in n]
    if "n_cells" in rows:  # a public cell shows its area: say how many cells the area has
        count = [c if m <= 1 else f"{c} ({t('karte_tip_area', cells=num(m, 0, lg))})" for c, m in zip(count, rows["n_cells"].astype(int))]
    if theme == "heat":
        dens = rows["heat_density_mwh_per_ha_year"].to_numpy(dtype=float)
        edges = density_edges()
        colors = maps.sequential_colors(dens, edges)
        cls = np.searchsorted(edges, np.nan_to_num(dens, nan=-np.inf), side="right")
        names = [t(f"karte_density_{c}") for c in DENSITY_CLASSES]
        head = f"{t('karte_tip_density')}: "
        unit = t("karte_unit_density")
        tips = [f"{head}{num(d, 0, lg)} {unit}\n{names[c]}\n{cn}" for d, c, cn in zip(dens, cls, count)]
    elif theme == "hp":
        share = (rows["share_hp_ground_pct"].fillna(0) + rows["share_hp_air_pct"].fillna(0)).to_numpy(dtype=float)
        colors = maps.sequential_colors(share, HP_BREAKS)
        g, a = rows["share_hp_ground_pct"].tolist(), rows["share_hp_air_pct"].tolist()
        head, ground, air = t("karte_tip_hp"), t("karte_hpclass_ground"), t("karte_hpclass_air")
        tips = [
            f"{head}: {pct(s, 0, lg)}\n{ground}: {pct(gg, 0, lg)} · {air}: {pct(aa, 0, lg)}\n{cn}"
            for s, gg, aa, cn in zip(share, g, a, count)
        ]
    else:  # supply: 100 m cells only (the proposal is made per cell)
        kinds = rows["supply_area_type"].tolist()
        colors = [_rgba(SUPPLY_COLORS.get(x, OK["grey"]), 190) for x in kinds]
        kind_text = {x: t(f"karte_supply_{x}") if has(f"karte_supply_{x}") else text(x) for x in set(kinds)}
        net, dec = t("karte_tip_grade_net"), t("karte_tip_grade_dec")
        tips = [
            f"{kind_text[x]}\n{net}: {grade_name(gn)}\n{dec}: {grade_name(gd)}\n{cn}"
            for x, gn, gd, cn in zip(kinds, rows["grade_heat_network"], rows["grade_decentral"], count)
        ]
    data = [{gk: geo, "c": c, "n": v, "tip": tip} for geo, c, v, tip in zip(geoms, colors, n, tips)]
    if "area_id" in rows:  # the cells of one area carry its id: one figure, drawn on several cells
        for rec, a in zip(data, rows["area_id"]):
            rec["a"] = a
    return data, notes


def theme_data(theme: str, grid: str = "cell", *, public: bool | None = None) -> tuple[list[dict], list[str]]:
    """Records of the area theme ({p: ring | h: H3 index, c: colour, n: buildings, tip}) and privacy captions."""
    public = is_public() if public is None else public
    if theme == "supply":
        grid = "cell"
    return _theme_data(db.data_version(), theme, grid, public, privacy.min_buildings(), lang())


@st.cache_data(show_spinner=False, max_entries=4)
def _dh_data(version: str, lg: str) -> list[dict]:
    out = []
    for r in _dh_areas(version).itertuples():
        proxy = t("karte_dh_tip_proxy") if pd.notna(r.is_proxy) and bool(r.is_proxy) else ""
        tip = f"{text(r.name)}\n{text(r.network_name)} · {num(r.area_ha, 0, lg)} ha\n{proxy}".strip()
        out.append({"type": "Feature", "geometry": r.geometry, "properties": {"tip": tip}})
    return out


def dh_data() -> list[dict]:
    """GeoJSON features of the existing district-heating areas (census proxy)."""
    return _dh_data(db.data_version(), lang())


@st.cache_data(show_spinner=False, max_entries=32)
def _expansion_data(version: str, year: int, lg: str) -> list[dict]:
    out = []
    for r in _expansion(version).itertuples():
        planned = None if is_missing(r.year_planned) else int(r.year_planned)
        filled = planned is not None and planned <= year
        status = t(f"karte_status_{r.status}") if has(f"karte_status_{r.status}") else text(r.status)
        tip = (
            f"{text(r.name)}\n{t('karte_tip_year')}: {text(planned)} · {t('karte_tip_status')}: {status}\n"
            f"{text(r.network_name)} · {num(r.area_ha, 0, lg)} ha"
        )
        # later areas keep an almost invisible fill so that their tooltip still shows
        props = {"tip": tip, "filled": filled, "f": _rgba(EXPANSION_COLOR, 170 if filled else 1)}
        out.append({"type": "Feature", "geometry": r.geometry, "properties": props})
    return out


def expansion_data(year: int) -> list[dict]:
    """GeoJSON features of the expansion areas: filled where year_planned <= year, else only outlined."""
    return _expansion_data(db.data_version(), int(year), lang())


EFFECT_CUT, EFFECT_UP, EFFECT_NONE = (0, 158, 115), (213, 94, 0), (153, 153, 153)


def project_effects(scenario_id: str, year: int) -> dict:
    """Per measure in the scenario: attributed t CO2e/a in `year` against the baseline, its range and abatement cost."""
    sc = model.scenario(scenario_id)
    if sc is None:
        return {}
    s = model.contributions(sc)["summary"]
    out = {}
    for r in s.to_dict(orient="records"):
        out[r["project_id"]] = {
            "t": float(r[f"attributed_{year}_t"]),
            "low": float(r[f"attributed_{year}_low_t"]),
            "high": float(r[f"attributed_{year}_high_t"]),
            "eur": r["abatement_cost_eur_per_t"],
            "why": r["abatement_reason"],
        }
    return out


def project_data(types: tuple[str, ...] | None = None, *, scenario_id: str = "trend", year: int = 2030) -> tuple[list[dict], list[str]]:
    """GeoJSON features of the measures' reach (largest first, so that small ones stay on top), filled by their attributed
    contribution in `year` (green: reduces, the stronger the more; orange: raises; grey: none), outlined by type; and the
    measures without area."""
    ps = [p for p in model.projects() if types is None or p.project_type in types]
    items = tuple((p.project_id, tuple(p.district_ids), tuple(p.expansion_area_ids), p.network_id) for p in ps)
    reach = {pid: (geom, area) for pid, geom, area in _reach(db.data_version(), items)}
    effects = project_effects(scenario_id, int(year))
    most = max((abs(e["t"]) for e in effects.values()), default=0.0) or 1.0
    lg = lang()
    out, missing = [], []
    city = float(db.city()["area_ha"])
    for p in ps:
        geom, area = reach[p.project_id]
        if geom is None:
            missing.append(text(p.name))
            continue
        line = PROJECT_COLORS.get(p.project_type, OK["grey"])
        e = effects.get(p.project_id)
        ptype = t(f"karte_ptype_{p.project_type}") if has(f"karte_ptype_{p.project_type}") else text(p.project_type)
        pstatus = t(f"karte_pstatus_{p.status}") if has(f"karte_pstatus_{p.status}") else text(p.status)
        tip = [text(p.name), f"{t('karte_tip_owner')}: {text(p.owner)}", f"{ptype} · {pstatus}"]
        if e is None or abs(e["t"]) < 0.5:
            fill = _rgba(EFFECT_NONE, 40)
        else:
            fill = _rgba(EFFECT_CUT if e["t"] > 0 else EFFECT_UP, int(60 + 170 * min(abs(e["t"]) / most, 1.0)))
        if e is not None:
            tip.append(t("karte_tip_effect", year=year, value=num(e["t"], 0, lg), low=num(e["low"], 0, lg), high=num(e["high"], 0, lg)))
            eur = e["eur"]
            tip.append(t("karte_tip_eur", eur=num(eur, 0, lg)) if eur == eur else t("karte_tip_eur_none", why=t(f"abatement_{e['why']}")))
        props = {"tip": "\n".join(tip), "f": fill, "l": _rgba(line, 230), "a": area, "citywide": area >= CITYWIDE_SHARE * city}
        out.append({"type": "Feature", "geometry": geom, "properties": props})
    out.sort(key=lambda f: -f["properties"]["a"])
    for f in out:
        del f["properties"]["a"]
    return out, missing


def effect_legend(year: int, scenario_id: str) -> str:
    """The fill of the measures' areas: their contribution in `year`."""
    effects = project_effects(scenario_id, int(year))
    most = max((e["t"] for e in effects.values()), default=0.0)
    entries = [
        (_rgba(EFFECT_CUT, 200), None, t("karte_effect_cut", most=num(most, 0, lang()))),
        (_rgba(EFFECT_UP, 160), None, t("karte_effect_up")),
        (_rgba(EFFECT_NONE, 60), None, t("karte_effect_none")),
    ]
    return legend_html(t("karte_effect_title", year=year), entries)


@st.cache_data(show_spinner=False, max_entries=16)
def _building_data(version: str, statbez_id: str, color_by: str, lg: str) -> list[dict]:
    rows = mq.district_buildings(db.cursor(), statbez_id)
    groups = [CARRIER_GROUP.get(c, "other") for c in rows["carrier"]]
    hp = rows["hp_class"].tolist()
    colors = [CARRIER_COLORS[g] for g in groups] if color_by == "carrier" else [HP_CLASS_COLORS.get(h, OK["grey"]) for h in hp]
    btype = {b: t(f"karte_btype_{str(b).lower()}") if has(f"karte_btype_{str(b).lower()}") else text(b) for b in set(rows["building_type"])}
    hp_text = {h: t(f"karte_hpclass_{h}") if h in HP_CLASS_COLORS else text(h) for h in set(hp)}
    carrier = {g: t(f"karte_carrier_{g}") for g in CARRIER_COLORS}
    age_t, carrier_t, hp_t = t("karte_tip_age"), t("karte_tip_carrier"), t("karte_tip_hpclass")
    return [
        {"p": ring, "c": _rgba(col, 230), "tip": f"{btype[b]} · {age_t} {text(age)}\n{carrier_t}: {carrier[g]}\n{hp_t}: {hp_text[h]}"}
        for ring, col, b, age, g, h in zip(rows["ring"], colors, rows["building_type"], rows["age_class"], groups, hp)
    ]


def building_data(statbez_id: str, color_by: str = "carrier") -> list[dict]:
    """Footprints of one statistischer Bezirk (planner mode only; no building ids)."""
    if is_public():
        raise PermissionError("single buildings are not published on the public instance")
    if statbez_id not in district_options():
        raise ValueError(f"{statbez_id!r} is not a statistischer Bezirk")
    return _building_data(db.data_version(), statbez_id, color_by, lang())


# --- legends ---------------------------------------------------------------------------------------------


def legend_html(title: str, entries: list[tuple[tuple | None, tuple | None, str]], note: str = "") -> str:
    """A legend of (fill colour or None, outline colour or None, label) entries; every text escaped."""
    rows = []
    for fill, line, text in entries:
        bg = f"rgba({fill[0]},{fill[1]},{fill[2]},{(fill[3] if len(fill) > 3 else 255) / 255:.2f})" if fill else "transparent"
        border = f"2px solid rgb({line[0]},{line[1]},{line[2]})" if line else "1px solid #555"
        rows.append(
            f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
            f'<span style="flex:none;width:14px;height:14px;display:inline-block;background:{bg};border:{border}"></span>'
            f"<span>{html.escape(text)}</span></div>"
        )
    small = f'<div style="color:#555;font-size:0.75rem">{html.escape(note)}</div>' if note else ""
    return f'<div class="legend" style="font-size:0.8rem;margin-bottom:0.6rem"><b>{html.escape(title)}</b>{"".join(rows)}{small}</div>'


def _class_labels(edges, lg: str) -> list[str]:
    f = [num(e, 0, lg) for e in edges]
    return [f"< {f[0]}", *[f"{a} – {b}" for a, b in zip(f[:-1], f[1:])], f"≥ {f[-1]}"]


def theme_legend(theme: str) -> str:
    lg = lang()
    if theme == "heat":
        edges = density_edges()
        labels = [f"{r}: {t(f'karte_density_{c}')}" for r, c in zip(_class_labels(edges, lg), DENSITY_CLASSES)]
        entries = [(c, None, lab) for c, lab in zip(maps.class_colors(edges), labels)]
        return legend_html(f"{t('karte_theme_heat')} ({t('karte_unit_density')})", entries, t("karte_density_note"))
    if theme == "hp":
        entries = [(c, None, f"{lab} %") for c, lab in zip(maps.class_colors(HP_BREAKS), _class_labels(HP_BREAKS, lg))]
        return legend_html(t("karte_legend_hp"), entries, t("karte_hp_note"))
    if theme == "supply":
        return legend_html(t("karte_theme_supply"), [(c, None, t(f"karte_supply_{k}")) for k, c in SUPPLY_COLORS.items()])
    return ""


def overlay_legend(overlay: str, *, year: int | None = None, color_by: str = "carrier", types=()) -> str:
    if overlay == "borders":
        return legend_html(t("karte_layer_borders"), [(None, maps.OUTLINE_COLORS["stadtbezirk"], t("karte_borders_legend"))])
    if overlay == "dh":
        return legend_html(t("karte_layer_dh"), [(_rgba(DH_COLOR, 60), DH_COLOR, t("karte_dh_legend"))])
    if overlay == "expansion":
        entries = [(_rgba(EXPANSION_COLOR, 170), None, t("karte_exp_filled", year=year)), (None, EXPANSION_COLOR, t("karte_exp_later"))]
        return legend_html(t("karte_layer_expansion"), entries, t("karte_exp_note"))
    if overlay == "projects":
        return legend_html(t("karte_layer_projects"), [(_rgba(PROJECT_COLORS[k], 60), PROJECT_COLORS[k], label(k)) for k in types])
    if overlay == "buildings":
        if color_by == "carrier":
            entries = [(c, None, t(f"karte_carrier_{k}")) for k, c in CARRIER_COLORS.items()]
        else:
            entries = [(c, None, t(f"karte_hpclass_{k}")) for k, c in HP_CLASS_COLORS.items()]
        return legend_html(f"{t('karte_layer_buildings')}: {label(color_by)}", entries)
    return ""


# --- the map -----------------------------------------------------------------------------------------------


@dataclass
class MapView:
    deck: pdk.Deck
    counts: dict[str, int] = field(default_factory=dict)
    legends: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    def payload_bytes(self) -> int:
        return len(self.deck.to_json().encode())


def _limit(data: list, layer: str, captions: list[str]) -> list:
    if len(data) > MAX_FEATURES:
        captions.append(
            t(
                "karte_too_many",
                layer=label(layer) if layer in LABELS else layer,
                n=num(len(data), 0, lang()),
                max=num(MAX_FEATURES, 0, lang()),
            )
        )
        return data[:MAX_FEATURES]
    return data


def _view_for(statbez_id: str) -> pdk.ViewState:
    d = db.districts("statbez").set_index("district_id").loc[statbez_id]
    zoom = float(np.clip(13.6 - 0.5 * math.log2(max(float(d["area_ha"]), 1.0) / 400.0), 12.0, 15.0))
    return pdk.ViewState(latitude=float(d["centroid_lat"]), longitude=float(d["centroid_lon"]), zoom=zoom, pitch=0)


def _focus_layer(statbez_id: str) -> pdk.Layer:
    feats = [
        {"type": "Feature", "geometry": f["geometry"], "properties": {}}
        for f in db.district_map("statbez")["features"]
        if f["properties"]["district_id"] == statbez_id
    ]
    return maps.area_layer(feats, "focus", fill=None, line=(0, 0, 0, 255), width=3, pickable=False)


def build_view(
    theme: str = "heat",
    grid: str = "cell",
    overlays_on=DEFAULT_OVERLAYS,
    *,
    year: int | None = None,
    district_id: str | None = None,
    color_by: str = "carrier",
    types=None,
    scenario_id: str = "trend",
    effect_year: int = 2030,
) -> MapView:
    """The deck, features per layer, legends and captions for the chosen theme and overlays."""
    public = is_public()
    district_id = district_id if district_id in district_options() else None
    with_buildings = "buildings" in overlays_on and not public and bool(district_id)
    view = MapView(deck=None)
    layers = []
    if theme in ("heat", "hp", "supply"):
        data, notes = theme_data(theme, grid, public=public)
        data = _limit(data, theme, view.captions)
        if "h" in (data[0] if data else {}):
            kind, geom = "H3HexagonLayer", {"get_hexagon": "h", "extruded": False}
        else:
            kind, geom = "PolygonLayer", {"get_polygon": "p", "filled": True}
        # under single buildings the theme fades so that the footprints' colours stay readable
        opacity = 0.35 if with_buildings else 1.0
        layer = pdk.Layer(kind, data, id=theme, get_fill_color="c", pickable=True, stroked=False, opacity=opacity, **geom)
        layers.append(layer)
        view.counts[theme] = len(data)
        view.legends.append(theme_legend(theme))
        if theme == "supply":
            view.captions.append(t("karte_supply_caption"))
            if grid != "cell":
                view.captions.append(t("karte_supply_grid_note"))
        view.captions.extend(notes)
    if "projects" in overlays_on:
        types = project_types() if types is None else tuple(types)
        data, missing = project_data(types, scenario_id=scenario_id, year=effect_year)
        # citywide programmes as outlines in a layer of their own: a fill would hide the cells' tooltips everywhere
        city = [f for f in data if f["properties"]["citywide"]]
        layers.append(maps.area_layer(city, "projects_city", fill=None, line="properties.l", width=3))
        layers.append(
            maps.area_layer(
                [f for f in data if not f["properties"]["citywide"]], "projects", fill="properties.f", line="properties.l", width=2
            )
        )
        view.counts["projects"] = len(data)
        view.legends.append(effect_legend(effect_year, scenario_id))
        view.legends.append(overlay_legend("projects", types=[k for k in PROJECT_COLORS if k in types]))
        view.captions.append(t("karte_projects_caption"))
        if missing:
            view.captions.append(t("karte_projects_missing", names="; ".join(md_escape(m) for m in missing)))
    if "dh" in overlays_on:
        data = dh_data()
        layers.append(maps.area_layer(data, "dh", fill=_rgba(DH_COLOR, 60), line=_rgba(DH_COLOR, 255), width=2))
        view.counts["dh"] = len(data)
        view.legends.append(overlay_legend("dh"))
        view.captions.append(t("karte_dh_caption"))
    if "expansion" in overlays_on:
        year = years()[1] if year is None else int(year)
        data = expansion_data(year)
        layers.append(maps.area_layer(data, "expansion", fill="properties.f", line=_rgba(EXPANSION_COLOR, 255), width=2))
        view.counts["expansion"] = len(data)
        n_filled = sum(f["properties"]["filled"] for f in data)
        view.legends.append(overlay_legend("expansion", year=year))
        view.captions.append(t("karte_exp_caption", filled=n_filled, total=len(data), year=year))
    deck_view = maps.city_view(650, 1000)
    if district_id:  # the chosen district: centred and outlined (the map's zoom itself cannot be read back, see link_state)
        deck_view = _view_for(district_id)
    if with_buildings:
        data = _limit(building_data(district_id, color_by), "buildings", view.captions)
        layers.append(
            pdk.Layer("PolygonLayer", data, id="buildings", get_polygon="p", get_fill_color="c", get_line_color=[40, 40, 40, 200],
                      line_width_min_pixels=0.5, stroked=True, filled=True, pickable=True)
        )  # fmt: skip
        view.counts["buildings"] = len(data)
        view.legends.append(overlay_legend("buildings", color_by=color_by))
        view.captions.append(
            t("karte_buildings_caption", n=num(len(data), 0, lang()), name=md_escape(district_options().get(district_id, district_id)))
        )
    elif "buildings" in overlays_on and not public:
        view.captions.append(t("karte_buildings_pick"))
    # borders and names on top of every theme and overlay, not pickable: the areas below keep their tooltips
    if "statbez" in overlays_on:
        layers.append(maps.district_outlines("statbez"))
        view.counts["statbez"] = len(layers[-1].data["features"])
    if "borders" in overlays_on:
        layers.append(maps.district_outlines("stadtbezirk"))
        layers.append(maps.district_labels(deck_view.zoom if district_id else maps.city_view(650, 1000).zoom))
        view.counts["borders"] = len(layers[-2].data["features"])
        view.legends.append(overlay_legend("borders"))
    if district_id:
        layers.append(_focus_layer(district_id))
        view.captions.append(t("karte_focus_caption", name=md_escape(district_options().get(district_id, district_id))))
    view.captions.append(maps.basemap_caption())
    view.deck = maps.deck(layers, tooltip=TOOLTIP, view=deck_view)  # compact JSON, no basemap
    return view


# --- the permalink ---------------------------------------------------------------------------------------------
# The view lives in the URL (?theme=hp&grid=h3_9&layers=borders,dh,expansion&year=2032&district=statbez-010): a link
# opens the same map. deck.gl's zoom and centre after the visitor pans cannot be read back by Streamlit
# (st.pydeck_chart returns selections only), so the link keeps the district the map is centred on instead.

LINK_KEYS = ("theme", "grid", "layers", "year", "types", "effect", "district", "color")


def _int(value) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def seed_from_link() -> None:
    """The widgets' state from the URL where the visit has none yet; a value that is not an option falls back to the
    default without a message (a link may be old or edited by hand)."""
    q, ss = st.query_params, st.session_state

    def seed(key: str, value) -> None:
        if key not in ss:
            ss[key] = value

    seed("karte_theme", q.get("theme") if q.get("theme") in THEMES else THEMES[0])
    seed("karte_grid", q.get("grid") if q.get("grid") in GRIDS else GRIDS[0])
    wanted = set(q["layers"].split(",")) if "layers" in q else set(DEFAULT_OVERLAYS)
    for o in overlays():
        seed(f"karte_show_{o}", o in wanted)
    first, last = years()
    year = _int(q.get("year"))
    seed("karte_year", year if year is not None and first <= year <= last else min(max(2030, first), last))
    options = project_types()
    types = [x for x in q.get("types", "").split(",") if x in options] if "types" in q else list(options)
    for k in options:
        seed(f"karte_ptype_{k}", k in types)
    effect = _int(q.get("effect"))
    seed("karte_effect_year", effect if effect in EFFECT_YEARS else EFFECT_YEARS[0])
    district = q.get("district")
    seed("karte_district", district if district in district_options() else None)
    seed("karte_color_by", q.get("color") if q.get("color") in COLOR_BY else COLOR_BY[0])


def link_state(*, theme, grid, on, year, types, effect_year, district_id, color_by) -> dict[str, str]:
    """The query parameters of a view (only those that mean something for it)."""
    out = {"theme": theme, "layers": ",".join(o for o in OVERLAYS if o in on)}
    if theme in GRID_THEMES:
        out["grid"] = grid
    if "expansion" in on and year is not None:
        out["year"] = str(int(year))
    if "projects" in on:
        out["effect"] = str(int(effect_year))
        if types is not None and set(types) != set(project_types()):
            out["types"] = ",".join(types)
    if district_id:
        out["district"] = district_id
    if "buildings" in on and not is_public():
        out["color"] = color_by
    return out


def write_link(state: dict[str, str]) -> None:
    """Mirror the view in the URL; other parameters (lang, scenario) stay as they are."""
    for key in LINK_KEYS:
        if key in state:
            if st.query_params.get(key) != state[key]:
                st.query_params[key] = state[key]
        elif key in st.query_params:
            del st.query_params[key]

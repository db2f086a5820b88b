"""The report's maps, drawn on the server without a basemap (geopandas + matplotlib) in ETRS89 / UTM 32N.

Every map has the Stadtbezirke outlined and named (labels pushed apart until none overlaps), a scale bar, a north
arrow, a legend and one attribution line (on a page inside the figure; a slide prints it as its own line). Colours
come from reports.plotstyle's palette. The supply-area map draws what the layer carries: the area type always, and
when the features have them, the § 19 grades (`grade_heat_network`, `grade_decentral`) and a `year` (one panel per
year).
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib import patheffects
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

from locales import num
from reports import plotstyle as ps
from reports.layers import attribution_line, layer_frame
from reports.texts import change, label, supply_label, tr

BLUES = ("#08306B", "#2171B5", "#4292C6", "#9ECAE1", "#DEEBF7")  # five classes, darkest = strongest fall
YEAR_BLUES = ("#08306B", "#2171B5", "#4292C6", "#6BAED6", "#9ECAE1")  # expansion years, early = dark (all visible)
CITYWIDE_SHARE = 0.5  # a measure whose area covers more of the city is listed as citywide, not drawn over the others
GRADE_FIELDS = ("grade_heat_network", "grade_decentral")
LEGEND_CHARS = {"page": 34, "slide": 28}
TARGET_YEAR = 2045  # the WPG's target year: a supply-area panel of that year is the "Zieljahr"


def stadtbezirke(data):
    """The statistische Bezirke dissolved into their Stadtbezirke (name, geometry); empty without the tables."""
    d = layer_frame(data, "districts")
    table = data.tables.get("districts")
    if d.empty or table is None or "stadtbezirk" not in table:
        return d.iloc[0:0]
    parent = table.set_index("district_id")["stadtbezirk"]
    d = d.assign(stadtbezirk=d["district_id"].map(parent)).dropna(subset=["stadtbezirk"])
    return d.dissolve(by="stadtbezirk", as_index=False)[["stadtbezirk", "geometry"]]


def _names(ax, sb, profile: ps.Profile) -> None:
    """The Stadtbezirke's names at a point inside each, with a white halo, pushed apart where two would touch."""
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    labels = []
    for rec in sb.itertuples():
        p = rec.geometry.representative_point()
        labels.append(
            ax.annotate(
                rec.stadtbezirk,
                (p.x, p.y),
                xytext=(0, 0),
                textcoords="offset points",
                ha="center",
                va="center",
                fontsize=profile.base - 1 if profile.name == "page" else profile.base - 2,
                color=ps.DARK,
                path_effects=halo,
                zorder=30,
            )
        )
    ps.place_labels(ax, labels)


def _scale_bar(ax, profile: ps.Profile) -> None:
    x0, x1 = ax.get_xlim()
    target = (x1 - x0) / 6
    length = max((v for v in (500, 1000, 2000, 5000, 10000, 20000, 50000) if v <= target), default=500)
    text = f"{num(length / 1000, 0 if length >= 1000 else 1)} km"
    bar = AnchoredSizeBar(
        ax.transData,
        length,
        text,
        "lower left",
        pad=0.6,
        borderpad=0.4,
        sep=4,
        frameon=True,
        size_vertical=(ax.get_ylim()[1] - ax.get_ylim()[0]) / 120,
        fontproperties={"size": profile.base},
    )
    bar.patch.set(alpha=0.85, edgecolor="none")
    ax.add_artist(bar)


def _north(ax, profile: ps.Profile) -> None:
    ax.annotate(
        "N",
        xy=(0.975, 0.97),
        xytext=(0.975, 0.83),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=profile.base,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "color": ps.DARK, "lw": 2, "mutation_scale": 18},
        zorder=30,
    )


def frame(data, title: str, layers: tuple[str, ...], lang: str, profile: ps.Profile, *, ax=None, fig=None):
    """A north-up map with the districts outlined; returns (fig, ax). Call `finish` after drawing the layers."""
    if ax is None:
        fig = ps.figure(profile)
        ax = fig.add_subplot()
        if title and profile.name == "page":  # a slide says it in its own title
            fig.suptitle(title, x=0.01, ha="left", fontsize=profile.title, fontweight="bold")
        if profile.name == "page":
            fig.text(
                0.005,
                0.004,
                tr("attribution", lang, text=attribution_line(data, "districts", *layers)),
                fontsize=profile.small,
                color="#444444",
                ha="left",
                va="bottom",
                wrap=True,
            )
            fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))
    d = layer_frame(data, "districts")
    if not d.empty:
        d.boundary.plot(ax=ax, color="#B0B0B0", linewidth=0.4, zorder=1)
        minx, miny, maxx, maxy = d.total_bounds
        pad = 0.02 * max(maxx - minx, maxy - miny)
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_color("#888888")
    return fig, ax


def finish(
    data, fig, ax, lang: str, profile: ps.Profile, *, names: bool = True, legend: list | None = None, legend_title: str = ""
) -> bytes | None:
    """Stadtbezirke outlined and named, scale bar, north arrow, the legend to the right, the synthetic stamp."""
    sb = stadtbezirke(data)
    if not sb.empty:
        sb.boundary.plot(ax=ax, color="#555555", linewidth=1.0, zorder=25)
        if names:
            _names(ax, sb, profile)
    _scale_bar(ax, profile)
    _north(ax, profile)
    if legend:
        for h in legend:  # long entries wrapped: the legend beside the map stays narrow
            h.set_label(textwrap.fill(h.get_label(), LEGEND_CHARS[profile.name]))
        ax.legend(
            handles=legend,
            title=legend_title or None,
            title_fontsize=profile.base,
            loc="center left",
            bbox_to_anchor=(1.01, 0.5),
            fontsize=profile.base,
            frameon=False,
            alignment="left",
        )
    ax.set_xlabel("")  # geopandas labels projected axes "Easting [metre]"; a map without ticks needs none
    ax.set_ylabel("")
    if data.meta.get("has_synthetic_data") and profile.name == "page" and not getattr(fig, "_stamped", False):
        ps.stamp(fig, tr("synthetic_map", lang), profile)
        fig._stamped = True
    return None


def _breaks(values) -> tuple[list[float], int]:
    """Four class breaks at the fifths of the values (as the app's council map), rounded to whole per cent or, where
    the values lie close together, to one decimal; and the decimals used."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if len(v) < 5:
        return [-60.0, -45.0, -30.0, -15.0], 0
    decimals = 0 if np.ptp(v) >= 10 else 1
    b = np.unique(np.round(np.quantile(v, [0.2, 0.4, 0.6, 0.8]), decimals))
    return ([float(x) for x in b], decimals) if len(b) >= 2 else ([-60.0, -45.0, -30.0, -15.0], 0)


def map_districts(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    """The change in CO2e 2024→2035 per statistischer Bezirk in five classes (fifths of the districts)."""
    fig, ax = frame(data, tr("map_districts", lang), (), lang, profile)
    d = layer_frame(data, "districts")
    legend = []
    if not d.empty and "districts" in data.tables:
        pct_change = data.table("districts").set_index("district_id")["change_2024_2035_pct"]
        values = d["district_id"].map(pct_change).astype(float)
        breaks, decimals = _breaks(values)
        edges = [float(np.nanmin(values)), *breaks, float(np.nanmax(values))]
        classes = np.digitize(values, breaks)  # 0 = strongest fall
        for k in range(len(edges) - 1):
            part = d[(classes == k) & values.notna().to_numpy()]
            color = BLUES[min(k, len(BLUES) - 1)]
            if not part.empty:
                part.plot(ax=ax, color=color, edgecolor="white", linewidth=0.4, zorder=2)
            lo, hi = (change(e, lang, decimals) for e in (edges[k], edges[k + 1]))
            legend.append(Patch(color=color, label=tr("class_range", lang, lo=lo, hi=hi)))
        if values.isna().any():
            d[values.isna().to_numpy()].plot(ax=ax, color="#EEEEEE", zorder=2)
            legend.append(Patch(color="#EEEEEE", label=tr("no_data", lang)))
    finish(data, fig, ax, lang, profile, legend=legend, legend_title=tr("legend_change", lang))
    return ps.png(fig)


def _year_groups(years: list[int], most: int = 5) -> list[tuple[int, int]]:
    if len(years) <= most:
        return [(y, y) for y in years]
    chunks = np.array_split(np.array(years), most)
    return [(int(c[0]), int(c[-1])) for c in chunks if len(c)]


def map_dh(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    """District-heating areas today and the expansion areas by planned year (marked illustrative)."""
    fig, ax = frame(data, tr("map_dh", lang), ("dh_areas", "expansion"), lang, profile)
    legend = []
    dh = layer_frame(data, "dh_areas")
    if not dh.empty:
        dh.plot(ax=ax, color="#D55E00", linewidth=0, zorder=3)
        legend.append(Patch(color="#D55E00", label=tr("dh_today", lang)))
    ex = layer_frame(data, "expansion")
    if not ex.empty and "year_planned" in ex:
        groups = _year_groups(sorted(int(y) for y in ex["year_planned"].dropna().unique()))
        shades = YEAR_BLUES
        illustrative = bool(ex["is_illustrative"].astype(bool).any()) if "is_illustrative" in ex else False
        for (lo, hi), color in zip(groups, shades):
            ex[ex["year_planned"].between(lo, hi)].plot(ax=ax, color=color, edgecolor="#333333", linewidth=0.3, zorder=2)
            years = str(lo) if lo == hi else f"{lo}–{hi}"
            legend.append(Patch(facecolor=color, edgecolor="#333333", label=tr("expansion_year", lang, year=years)))
        if illustrative:
            legend.append(Patch(alpha=0, label=tr("illustrative_short", lang)))
    finish(data, fig, ax, lang, profile, legend=legend)
    return ps.png(fig)


def _supply_panel(data, ax, sa, column: str, colors: dict, lang: str) -> list:
    handles = []
    for code, color in colors.items():
        part = sa[sa[column] == code]
        if part.empty:
            continue
        part.plot(ax=ax, color=color, linewidth=0, zorder=2)
        text = supply_label(code, lang) if column == "supply_area_type" else tr(f"grade_{code.replace(' ', '_')}", lang)
        handles.append(Patch(color=color, label=text))
    other = sa[~sa[column].isin(list(colors))] if column in sa else sa.iloc[0:0]
    for code in other[column].dropna().unique():
        other[other[column] == code].plot(ax=ax, color=ps.LIGHT_GREY, zorder=2)
        handles.append(Patch(color=ps.LIGHT_GREY, label=supply_label(code, lang)))
    return handles


def map_supply(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    return ps.png(supply_figure(data, lang, profile))


def supply_figure(data, lang: str = "de", profile: ps.Profile = ps.PAGE):
    """Proposed supply areas (WPG §§ 18, 19): the type; the grades side by side when the layer has them; one panel
    per year (2030, 2035, 2040, target year) when the features carry a `year` (the grades are then in the table and
    the GeoPackage)."""
    sa = layer_frame(data, "supply_areas")
    grades = [g for g in GRADE_FIELDS if g in sa and sa[g].notna().any()]
    years = sorted(int(y) for y in sa["year"].dropna().unique()) if "year" in sa else []
    if years:
        panels = [("supply_area_type", y) for y in years[:4]]
    else:
        panels = [("supply_area_type", None), *[(g, None) for g in grades]]
    fig = ps.figure(profile)
    if profile.name == "page":
        fig.suptitle(tr("map_supply", lang), x=0.01, ha="left", fontsize=profile.title, fontweight="bold")
        fig.text(
            0.005,
            0.004,
            tr("attribution", lang, text=attribution_line(data, "districts", "supply_areas")),
            fontsize=profile.small,
            color="#444444",
            ha="left",
            va="bottom",
            wrap=True,
        )
        fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))
    n = len(panels)
    axes = np.atleast_1d(fig.subplots(1 if n < 3 else 2, 1 if n == 1 else 2, squeeze=False).ravel())
    for ax in axes[n:]:
        ax.set_axis_off()
    for ax, (column, year) in zip(axes, panels):
        frame(data, "", ("supply_areas",), lang, profile, ax=ax, fig=fig)
        part = sa if year is None else sa[sa["year"] == year]
        colors = ps.SUPPLY_COLORS if column == "supply_area_type" else ps.GRADE_COLORS
        handles = _supply_panel(data, ax, part, column, colors, lang) if column in part else []
        if n > 1:
            when = (tr("target_year", lang, year=year) if year >= TARGET_YEAR else str(year)) if year else ""
            ax.set_title(f"{tr(f'supply_panel_{column}', lang)} {when}".strip(), fontsize=profile.base, loc="left")
        finish(
            data,
            fig,
            ax,
            lang,
            profile,
            names=ax is axes[0],
            legend=handles if (n == 1 or column != "supply_area_type" or ax is axes[0]) else None,
        )
    return fig


def project_numbers(data) -> dict[str, int]:
    """A number for each measure, in the order of the contributions table: the map's labels and the tables agree."""
    c = data.tables.get("contributions")
    return {} if c is None else {pid: i for i, pid in enumerate(c["project_id"], start=1)}


def citywide_projects(data) -> set[str]:
    """Measures whose area covers more than half the city: listed as citywide, not drawn over the local ones."""
    pr, d = layer_frame(data, "projects"), layer_frame(data, "districts")
    if pr.empty or d.empty:
        return set()
    city = float(d.area.sum())
    return {pid for pid, a in zip(pr["project_id"], pr.area) if a > CITYWIDE_SHARE * city}


def map_projects(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    """The local measures' areas filled by project type and labelled with their number; citywide ones named in the
    legend (their area is the whole city)."""
    fig, ax = frame(data, tr("map_projects", lang), ("projects",), lang, profile)
    pr = layer_frame(data, "projects")
    numbers = project_numbers(data)
    wide = citywide_projects(data)
    legend = []
    if pr.empty:
        ax.text(0.5, 0.5, tr("no_features", lang), ha="center", va="center", transform=ax.transAxes, fontsize=profile.base)
    else:
        local = pr[~pr["project_id"].isin(wide)]
        local = local.assign(_area=local.area).sort_values("_area", ascending=False, kind="stable")
        types = list(dict.fromkeys(local["project_type"]))
        for i, t in enumerate(types):
            color = ps.SERIES[i % len(ps.SERIES)]
            local[local["project_type"] == t].plot(ax=ax, facecolor=color, alpha=0.55, edgecolor=color, linewidth=1.5, zorder=3)
            legend.append(Patch(facecolor=color, alpha=0.55, edgecolor=color, label=label("ptype", t, lang)))
        labels = []
        halo = [patheffects.withStroke(linewidth=3, foreground="white")]
        for rec in local.itertuples():
            p = rec.geometry.representative_point()
            labels.append(
                ax.annotate(
                    str(numbers.get(rec.project_id, "")),
                    (p.x, p.y),
                    xytext=(0, 0),
                    textcoords="offset points",
                    ha="center",
                    va="center",
                    fontsize=profile.base,
                    fontweight="bold",
                    path_effects=halo,
                    zorder=40,
                )
            )
        ps.place_labels(ax, labels)
        if wide:
            ids = ", ".join(str(numbers[p]) for p in sorted(wide, key=lambda p: numbers.get(p, 0)) if p in numbers)
            legend.append(Line2D([], [], color="none", label=tr("citywide_projects", lang, ids=ids)))
    finish(data, fig, ax, lang, profile, names=False, legend=legend, legend_title=tr("legend_ptype", lang))
    return ps.png(fig)


def measure_map(data, project_id: str, lang: str = "de") -> bytes | None:
    """A small map of one measure's area in the city (for its fact sheet); None where the measure has no area."""
    pr = layer_frame(data, "projects")
    if pr.empty or project_id not in set(pr["project_id"]):
        return None
    profile = ps.Profile("page", 3.3, 2.6, 7.5, 200)
    fig = ps.figure(profile)
    ax = fig.add_subplot()
    frame(data, "", ("projects",), lang, profile, ax=ax, fig=fig)
    pr[pr["project_id"] == project_id].plot(ax=ax, color="#D55E00", alpha=0.75, edgecolor="#D55E00", linewidth=1, zorder=3)
    sb = stadtbezirke(data)
    if not sb.empty:
        sb.boundary.plot(ax=ax, color="#555555", linewidth=0.6, zorder=25)
    _scale_bar(ax, profile)
    _north(ax, profile)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return ps.png(fig)


def reach_ha(data, project_id: str) -> float:
    pr = layer_frame(data, "projects")
    part = pr[pr["project_id"] == project_id] if not pr.empty else pr
    return float(part.area.sum() / 1e4) if len(part) else float("nan")


MAPS = {"map_supply": map_supply, "map_districts": map_districts, "map_dh": map_dh, "map_projects": map_projects}
MAP_LAYERS = {"map_supply": ("supply_areas",), "map_districts": (), "map_dh": ("dh_areas", "expansion"), "map_projects": ("projects",)}


__all__ = [
    "MAPS",
    "MAP_LAYERS",
    "citywide_projects",
    "frame",
    "map_districts",
    "map_dh",
    "map_projects",
    "map_supply",
    "measure_map",
    "project_numbers",
    "reach_ha",
    "stadtbezirke",
    "supply_figure",
]

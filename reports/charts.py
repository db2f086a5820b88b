"""The report's charts and maps, drawn on the server with matplotlib (Agg) and geopandas, as PNG bytes.

No browser, no basemap tiles, no fonts from the net: DejaVu Sans ships with matplotlib and has
umlauts, "CO₂", "–" and "€". Figures are made with `matplotlib.figure.Figure`, not pyplot's global
state, so the app can render reports from several sessions at once. Sizes and type are meant for a
projector: 13.33 x 7.5 inches (16:9) at 150 dpi, text at 15 pt and more.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # set before anything imports pyplot (geopandas does for colour bars)

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from locales import num  # noqa: E402
from reports.layers import attribution_line, layer_frame  # noqa: E402
from reports.texts import label, short_label, tr, waterfall_label  # noqa: E402
from reports.waterfall import bars as wf_bars  # noqa: E402

WIDTH, HEIGHT, DPI = 13.33, 7.5, 150
BASE_PT = 15
COLORS = {
    "central": "#1f4e79",
    "band": "#9dc3e6",
    "target": "#c00000",
    "down": "#2e7d32",
    "up": "#c62828",
    "total": "#5b6770",
    "gap": "#e07b00",
    "driver": "#56B4E9",
    "unbacked": "#CC79A7",
}
SUPPLY_COLORS = {"waermenetzgebiet": "#d7301f", "pruefgebiet": "#fdae61", "dezentral": "#4575b4"}
MAX_STEPS = 10  # measures shown one by one in the waterfall (the largest); any more are summed


def _figure(width: float = WIDTH, height: float = HEIGHT) -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI)
    fig.set_layout_engine("constrained")
    return fig


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _style(ax) -> None:
    ax.tick_params(labelsize=BASE_PT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


def _synthetic_stamp(ax, data, lang: str, where: str = "lower right") -> None:
    """'Synthetic data' inside the plot area, where the chart leaves room."""
    if data.meta.get("has_synthetic_data"):
        vert, horiz = where.split()
        x, y = (0.99 if horiz == "right" else 0.01), (0.98 if vert == "upper" else 0.02)
        ax.text(
            x,
            y,
            tr("synthetic_map", lang),
            transform=ax.transAxes,
            ha=horiz,
            va="top" if vert == "upper" else "bottom",
            fontsize=BASE_PT - 1,
            color="#b00020",
            fontweight="bold",
            bbox={"facecolor": "white", "edgecolor": "#b00020", "boxstyle": "round,pad=0.3"},
            zorder=20,
        )


def _title(fig: Figure, text: str) -> None:
    fig.suptitle(text, x=0.01, ha="left", fontsize=BASE_PT + 4)


def _tonnes_axis(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: num(v, 0, lang))


# --- pathway --------------------------------------------------------------------------------------


def pathway(data, lang: str = "de") -> bytes:
    """Central pathway 2024–2045 with the low–high band and the 2030/2035 targets as markers."""
    pw = data.table("pathway")
    tg = data.table("targets")
    fig = _figure()
    ax = fig.add_subplot()
    ax.fill_between(
        pw["year"], pw["co2e_low_t"], pw["co2e_high_t"], color=COLORS["band"], alpha=0.6, label=tr("pathway_band", lang), linewidth=0
    )
    ax.plot(pw["year"], pw["co2e_t"], color=COLORS["central"], linewidth=3, label=tr("pathway_central", lang))
    for rec in tg.itertuples():
        ax.plot([rec.year], [rec.target_t], marker="D", markersize=13, color=COLORS["target"], linestyle="none")
        ax.annotate(
            f"{tr('target', lang)} {rec.year}: {num(rec.target_t, 0, lang)} t",
            (rec.year, rec.target_t),
            xytext=(10, 14),
            textcoords="offset points",
            fontsize=BASE_PT - 1,
            color=COLORS["target"],
        )
        ax.annotate(
            num(rec.pathway_t, 0, lang),
            (rec.year, rec.pathway_t),
            xytext=(8, 8),
            textcoords="offset points",
            fontsize=BASE_PT - 1,
            color=COLORS["central"],
        )
    ax.plot([], [], marker="D", markersize=11, color=COLORS["target"], linestyle="none", label=tr("target", lang))
    ax.set_ylim(bottom=0)
    ax.set_xlim(pw["year"].min() - 0.5, pw["year"].max() + 0.5)
    ax.set_xticks([y for y in (2024, 2030, 2035, 2040, 2045) if pw["year"].min() <= y <= pw["year"].max()])
    ax.yaxis.set_major_formatter(_tonnes_axis(lang))
    ax.set_ylabel("t CO₂e/a", fontsize=BASE_PT)
    _title(fig, tr("pathway_chart", lang))
    ax.legend(fontsize=BASE_PT - 1, frameon=False, loc="upper right")
    _style(ax)
    _synthetic_stamp(ax, data, lang, "lower left")
    return _png(fig)


# --- contributions --------------------------------------------------------------------------------


def waterfall_steps(data, year: int = 2035, lang: str = "de") -> list[dict]:
    """The waterfall's bars (reports.waterfall.bars): label, kind, bottom, top and value in t."""
    return wf_bars(data.table("waterfall"), year, waterfall_label(lang), max_measures=MAX_STEPS)


def waterfall(data, year: int = 2035, lang: str = "de") -> bytes:
    """From 2024 to the target: start, trend without projects, each project, result and remaining gap."""
    steps = waterfall_steps(data, year, lang)
    fig = _figure()
    ax = fig.add_subplot()
    if not steps:
        ax.text(0.5, 0.5, tr("no_projects", lang), ha="center", va="center", fontsize=BASE_PT + 2, transform=ax.transAxes)
        ax.set_axis_off()
        return _png(fig)
    y = np.arange(len(steps))[::-1]
    span = max(max(abs(s["top"]), abs(s["bottom"])) for s in steps) or 1.0
    for yi, s in zip(y, steps):
        lo, hi = sorted((s["bottom"], s["top"]))
        color = {
            "total": COLORS["total"],
            "target": COLORS["target"],
            "gap": COLORS["gap"],
            "driver": COLORS["driver"],
            "unbacked": COLORS["unbacked"],
        }.get(s["kind"], COLORS["down"] if s["value"] < 0 else COLORS["up"])
        ax.barh(yi, hi - lo, left=lo, color=color, height=0.7)
        sign = "+" if s["kind"] in ("driver", "measure", "unbacked") and s["value"] > 0 else ""
        ax.text(hi + span * 0.01, yi, f"{sign}{num(s['value'], 0, lang)} t", va="center", fontsize=BASE_PT - 2)
    ax.set_yticks(y, [s["label"] for s in steps], fontsize=BASE_PT - 1)
    ax.set_xlim(min(0.0, min(s["bottom"] for s in steps)), span * 1.22)
    ax.xaxis.set_major_formatter(_tonnes_axis(lang))
    ax.set_xlabel("t CO₂e/a", fontsize=BASE_PT)
    _title(fig, tr("waterfall_chart", lang).replace("2035", str(year)))
    _style(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    _synthetic_stamp(ax, data, lang, "lower right")
    return _png(fig)


def by_owner(data, lang: str = "de") -> bytes:
    """Attributed 2035 contributions summed per organisation (positive: reduction)."""
    bo = data.table("by_owner").sort_values("attributed_2035_t", kind="stable")
    fig = _figure()
    ax = fig.add_subplot()
    if bo.empty:
        ax.text(0.5, 0.5, tr("no_projects", lang), ha="center", va="center", fontsize=BASE_PT + 2, transform=ax.transAxes)
        ax.set_axis_off()
        return _png(fig)
    values = bo["attributed_2035_t"].to_numpy(dtype=float)
    ax.barh(np.arange(len(bo)), values, color=[COLORS["down"] if v >= 0 else COLORS["up"] for v in values], height=0.7)
    span = float(np.abs(values).max()) or 1.0
    for i, v in enumerate(values):
        ax.text(
            v + (span * 0.01 if v >= 0 else -span * 0.01),
            i,
            f"{num(v, 0, lang)} t",
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=BASE_PT - 2,
        )
    ax.set_yticks(np.arange(len(bo)), [short_label(o, 44) for o in bo["owner"]], fontsize=BASE_PT - 1)
    ax.axvline(0, color="#333333", linewidth=1)
    ax.set_xlim(min(0.0, values.min()) - span * 0.25, max(0.0, values.max()) + span * 0.25)
    ax.xaxis.set_major_formatter(_tonnes_axis(lang))
    ax.set_xlabel(tr("owner_axis", lang), fontsize=BASE_PT)
    _title(fig, tr("owner_chart", lang))
    _style(ax)
    ax.grid(axis="y", visible=False)
    _synthetic_stamp(ax, data, lang, "upper left" if values.min() >= 0 or abs(values.min()) < 0.5 * span else "lower right")
    return _png(fig)


# --- maps -----------------------------------------------------------------------------------------


def _map_frame(data, title: str, layers: tuple[str, ...], lang: str):
    """A north-up map figure with district outlines; returns (fig, ax, districts frame)."""
    fig = _figure()
    ax = fig.add_subplot()
    districts = layer_frame(data, "districts")
    if not districts.empty:
        districts.boundary.plot(ax=ax, color="#9a9a9a", linewidth=0.6, zorder=1)
        minx, miny, maxx, maxy = districts.total_bounds
        pad = 0.02 * max(maxx - minx, maxy - miny)
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#666666")
    _title(fig, title)
    ax.annotate(
        "▲\n" + tr("north", lang), xy=(0.03, 0.97), xycoords="axes fraction", ha="center", va="top", fontsize=BASE_PT, fontweight="bold"
    )
    fig.text(
        0.005,
        0.003,
        tr("attribution", lang, text=attribution_line(data, "districts", *layers)),
        fontsize=9,
        color="#444444",
        ha="left",
        va="bottom",
        wrap=True,
    )
    fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))
    _synthetic_stamp(ax, data, lang, "lower right")
    return fig, ax, districts


def map_districts(data, lang: str = "de") -> bytes:
    """Choropleth of the change in CO2e 2024→2035 per statistischer Bezirk (from the `districts` table)."""
    fig, ax, districts = _map_frame(data, tr("map_districts", lang), (), lang)
    if not districts.empty:
        change = data.table("districts").set_index("district_id")["change_2024_2035_pct"]
        frame = districts.assign(change_pct=districts["district_id"].map(change).astype(float))
        if frame["change_pct"].notna().any():
            frame.plot(
                ax=ax,
                column="change_pct",
                cmap="RdYlGn_r",
                edgecolor="white",
                linewidth=0.5,
                legend=True,
                missing_kwds={"color": "#eeeeee", "label": tr("no_data", lang)},
                legend_kwds={"label": "%", "shrink": 0.8, "format": FuncFormatter(lambda v, _p: num(v, 0, lang))},
                zorder=2,
            )
            cbar = fig.axes[-1]
            cbar.tick_params(labelsize=BASE_PT - 2)
            cbar.yaxis.label.set_size(BASE_PT)
    return _map_png(fig, ax)


def map_dh(data, lang: str = "de") -> bytes:
    """District-heating areas today and the expansion areas coloured by planned year (marked illustrative)."""
    fig, ax, _ = _map_frame(data, tr("map_dh", lang), ("dh_areas", "expansion"), lang)
    handles = []
    dh = layer_frame(data, "dh_areas")
    if not dh.empty:
        dh.plot(ax=ax, color="#7f2704", alpha=0.85, linewidth=0, zorder=3)
        handles.append(Patch(color="#7f2704", label=tr("dh_today", lang)))
    ex = layer_frame(data, "expansion")
    if not ex.empty:
        years = sorted(int(y) for y in ex["year_planned"].dropna().unique())
        cmap = matplotlib.colormaps["YlGnBu"]
        illustrative = bool(ex.get("is_illustrative", False).astype(bool).any()) if "is_illustrative" in ex else False
        for i, year in enumerate(years):
            color = cmap(0.3 + 0.7 * i / max(1, len(years) - 1))
            ex[ex["year_planned"] == year].plot(ax=ax, color=color, edgecolor="#333333", linewidth=0.3, zorder=2)
            text = tr("expansion_year", lang, year=year) + (f" ({tr('illustrative', lang)})" if illustrative else "")
            handles.append(Patch(facecolor=color, edgecolor="#333333", label=text))
        if illustrative:
            ax.text(0.07, 0.98, tr("illustrative_note", lang), transform=ax.transAxes, fontsize=BASE_PT - 3, color="#b00020", va="top")
    if handles:
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=BASE_PT - 3, frameon=False)
    return _map_png(fig, ax)


def map_supply(data, lang: str = "de") -> bytes:
    """Proposed WPG supply areas (screening proposal) by class."""
    fig, ax, _ = _map_frame(data, tr("map_supply", lang), ("supply_areas",), lang)
    sa = layer_frame(data, "supply_areas")
    handles = []
    for kind, color in SUPPLY_COLORS.items():
        part = sa[sa["supply_area_type"] == kind] if not sa.empty else sa
        if part.empty:
            continue
        part.plot(ax=ax, color=color, alpha=0.85, linewidth=0, zorder=2)
        handles.append(Patch(color=color, label=label("supply", kind, lang)))
    if handles:
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=BASE_PT - 1, frameon=False)
    return _map_png(fig, ax)


def map_projects(data, lang: str = "de") -> bytes:
    """The areas where the scenario's projects act, one outline colour per project."""
    fig, ax, _ = _map_frame(data, tr("map_projects", lang), ("projects",), lang)
    pr = layer_frame(data, "projects")
    handles = []
    if not pr.empty:
        # largest areas first, so a city-wide programme does not hide the small network projects
        pr = pr.assign(_area=pr.geometry.area).sort_values("_area", ascending=False, kind="stable")
        palette = [*matplotlib.colormaps["tab10"].colors, *matplotlib.colormaps["Dark2"].colors]
        for i, rec in enumerate(pr.itertuples()):
            color = palette[i % len(palette)]
            pr.iloc[[i]].plot(ax=ax, facecolor=(*color[:3], 0.12), edgecolor=color, linewidth=2.2, zorder=2 + i)
            handles.append(Patch(facecolor=(*color[:3], 0.3), edgecolor=color, label=short_label(rec.name, 48)))
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=BASE_PT - 5, frameon=False)
    else:
        ax.text(0.5, 0.5, tr("no_features", lang), ha="center", va="center", transform=ax.transAxes, fontsize=BASE_PT)
    return _map_png(fig, ax)


def _map_png(fig: Figure, ax) -> bytes:
    ax.set_xlabel("")  # geopandas labels projected axes "Easting [metre]"; the map has no ticks
    ax.set_ylabel("")
    return _png(fig)


MAPS = {"map_districts": map_districts, "map_dh": map_dh, "map_supply": map_supply, "map_projects": map_projects}


def all_charts(data, lang: str = "de") -> dict[str, bytes]:
    """Every chart and map of a report, by name, as PNG bytes."""
    out = {"pathway": pathway(data, lang), "waterfall": waterfall(data, 2035, lang), "by_owner": by_owner(data, lang)}
    out.update({name: fn(data, lang) for name, fn in MAPS.items()})
    return out


__all__ = [
    "MAPS",
    "all_charts",
    "by_owner",
    "map_dh",
    "map_districts",
    "map_projects",
    "map_supply",
    "pathway",
    "waterfall",
    "waterfall_steps",
]

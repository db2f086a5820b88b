"""The report's charts, drawn on the server with matplotlib (Agg) as PNG bytes: the pathway, the waterfall, the
organisations, the scenario comparison, the timeline of the measures, the investments per year and the networks.

No browser and no fonts from the net: DejaVu Sans ships with matplotlib and has umlauts, "CO₂", "–" and "€".
Figures are `matplotlib.figure.Figure`, not pyplot's global state, so the app can render reports from several
sessions at once. Each chart takes a profile (reports.plotstyle.PAGE or SLIDE) and is drawn at the size it is
placed at. Changes are signed as everywhere in the reports: negative is a reduction (a step down).
The maps are in reports.maps.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace

import numpy as np
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from locales import num
from reports import council, finance, maps
from reports import plotstyle as ps
from reports.texts import change, label, short_label, tr, waterfall_label
from reports.waterfall import bars as wf_bars

MAX_STEPS = {"page": 10, "slide": 4}  # measures shown one by one in the waterfall (the largest); the rest summed
NAME_CHARS = {"page": 48, "slide": 34}
SOURCE_KINDS = ("plant", "measure", "unbacked", "residual")  # network heat by source kind (pumping is electricity)
SOURCE_COLORS = {"plant": "#009E73", "measure": "#56B4E9", "unbacked": "#CC79A7", "residual": "#6B6B6B"}
NETWORK_YEARS = (2024, 2030, 2035, 2040, 2045)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5}


def _synthetic(ax, data, profile, lang):
    """The synthetic-data stamp beside a page chart's title (a slide shows it in its title bar)."""
    if data.meta.get("has_synthetic_data") and profile.name == "page":
        ps.stamp(ax.figure, tr("synthetic_map", lang), profile)


def _title(fig, text: str, profile: ps.Profile) -> None:
    """The chart's title on a page; a slide says it in its own title, so the picture has none."""
    if profile.name == "page":
        fig.suptitle(text, x=0.01, ha="left", fontsize=profile.title, fontweight="bold")


def _empty(fig, ax, text: str, profile) -> bytes:
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=profile.title, transform=ax.transAxes)
    ax.set_axis_off()
    return ps.png(fig)


def _mio(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda v, _p: num(v / 1e6, 0, lang))


# --- pathway --------------------------------------------------------------------------------------


def pathway_figure(data, lang: str = "de", profile: ps.Profile = ps.PAGE):
    """Central pathway with the low–high band, the targets as points and each missed target's gap as a bracket."""
    pw, tg = data.table("pathway"), data.table("targets")
    fig = ps.figure(profile)
    ax = fig.add_subplot()
    ax.fill_between(pw["year"], pw["co2e_low_t"], pw["co2e_high_t"], color=ps.COLORS["band"], label=tr("pathway_band", lang), lw=0)
    ax.plot(pw["year"], pw["co2e_t"], color=ps.COLORS["central"], linewidth=3, label=tr("pathway_central", lang))
    labels = []
    for rec in tg.itertuples():
        ax.plot([rec.year], [rec.target_t], marker="D", markersize=9, color=ps.COLORS["target"], linestyle="none", zorder=5, clip_on=False)
        ax.plot(
            [rec.year], [rec.pathway_t], marker="o", markersize=7, color=ps.COLORS["central"], linestyle="none", zorder=5, clip_on=False
        )
        missed = rec.gap_t > 0
        if missed:
            ax.annotate(
                "",
                xy=(rec.year, rec.pathway_t),
                xytext=(rec.year, rec.target_t),
                arrowprops={"arrowstyle": "<->", "color": ps.COLORS["gap"], "lw": 2.2, "shrinkA": 0, "shrinkB": 0},
                zorder=4,
            )
        # the target's label above-left of its point, the pathway's below-right: the two never start at one place
        labels.append(
            ax.annotate(
                tr("chart_target_label", lang, year=rec.year, value=num(rec.target_t, 0, lang)),
                (rec.year, rec.target_t),
                xytext=(-8, 12),
                textcoords="offset points",
                ha="right",
                fontsize=profile.base,
                color=ps.COLORS["target"],
                bbox=LABEL_BOX,
                zorder=8,
            )
        )
        text = (
            tr("chart_gap_label", lang, value=num(rec.gap_t, 0, lang))
            if missed
            else tr("chart_path_label", lang, value=num(rec.pathway_t, 0, lang))
        )
        labels.append(
            ax.annotate(
                text,
                (rec.year, (rec.pathway_t + rec.target_t) / 2 if missed else rec.pathway_t),
                xytext=(10, -4 if missed else -14),
                textcoords="offset points",
                ha="left",
                va="center" if missed else "top",
                fontsize=profile.base,
                color=ps.COLORS["gap"] if missed else ps.COLORS["central"],
                fontweight="bold" if missed else "normal",
                bbox=LABEL_BOX,
                zorder=8,
            )
        )
    ax.plot([], [], marker="D", markersize=9, color=ps.COLORS["target"], linestyle="none", label=tr("target", lang))
    ax.plot([], [], color=ps.COLORS["gap"], lw=2.2, label=tr("gap_legend", lang))
    ax.set_ylim(bottom=0, top=float(pw["co2e_high_t"].max()) * 1.08)
    ax.set_xlim(pw["year"].min() - 0.5, pw["year"].max() + 0.8)
    ax.set_xticks([y for y in (2024, 2030, 2035, 2040, 2045) if pw["year"].min() <= y <= pw["year"].max()])
    ax.yaxis.set_major_formatter(ps.tonnes_axis(lang))
    ax.set_ylabel(tr("axis_t", lang), fontsize=profile.base)
    _title(fig, tr("pathway_chart", lang), profile)
    ax.legend(fontsize=profile.base, frameon=False, loc="upper right")
    ps.style_axes(ax, profile)
    _synthetic(ax, data, profile, lang)
    ps.place_labels(ax, labels)
    return fig


def pathway(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    return ps.png(pathway_figure(data, lang, profile))


# --- waterfall ------------------------------------------------------------------------------------


def waterfall_steps(data, year: int = 2035, lang: str = "de", profile: ps.Profile = ps.PAGE) -> list[dict]:
    """The waterfall's bars (reports.waterfall.bars): label, kind, bottom, top and value in t. On a slide the
    federal framework's drivers and the unbacked levers are one bar each (the PDF shows them one by one)."""
    steps = wf_bars(data.table("waterfall"), year, waterfall_label(lang), max_measures=MAX_STEPS[profile.name])
    return _merged(steps, ("driver", "unbacked"), lang) if profile.name == "slide" else steps


def _merged(steps: list[dict], kinds: tuple[str, ...], lang: str) -> list[dict]:
    out: list[dict] = []
    for s in steps:
        last = out[-1] if out else None
        if s["kind"] in kinds and last is not None and last["kind"] == s["kind"]:
            last.update(top=s["top"], value=last["value"] + s["value"], key=s["kind"])
            continue
        out.append(dict(s))
    for s in out:
        if s["kind"] in kinds:
            s["label"] = tr(f"wf_all_{s['kind']}", lang)
            s["bottom"], s["top"] = s["bottom"], s["bottom"] + s["value"]
    return out


def _step_color(s: dict) -> str:
    if s["kind"] == "measure":
        return ps.COLORS["measure_up"] if s["value"] > 0 else ps.COLORS["measure"]
    return ps.COLORS.get(s["kind"], ps.COLORS["total"])


def waterfall_figure(data, year: int = 2035, lang: str = "de", profile: ps.Profile = ps.PAGE):
    """From the base year to the target: start, the federal framework, each measure, the unbacked levers, result, gap."""
    steps = waterfall_steps(data, year, lang, profile)
    fig = ps.figure(profile)
    ax = fig.add_subplot()
    if not steps:
        _empty(fig, ax, tr("no_projects", lang), profile)
        return fig
    y = np.arange(len(steps))[::-1]
    span = max(max(abs(s["top"]), abs(s["bottom"])) for s in steps) or 1.0
    for yi, s in zip(y, steps):
        lo, hi = sorted((s["bottom"], s["top"]))
        ax.barh(yi, max(hi - lo, span * 0.002), left=lo, color=_step_color(s), height=0.72)
        value = change(s["value"], lang) if s["kind"] in ("driver", "measure", "unbacked", "gap") else num(s["value"], 0, lang)
        ax.text(hi + span * 0.01, yi, f"{value} t", va="center", fontsize=profile.base)
    names = [short_label(s["label"], NAME_CHARS[profile.name]) for s in steps]
    ax.set_yticks(y, names, fontsize=profile.base)
    ax.set_xlim(min(0.0, min(s["bottom"] for s in steps)), span * 1.25)
    ax.xaxis.set_major_formatter(ps.tonnes_axis(lang))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))  # long German numbers: five ticks never run into each other
    ax.set_xlabel(tr("axis_t", lang), fontsize=profile.base)
    _title(fig, tr("waterfall_chart", lang, year=year), profile)
    ps.style_axes(ax, profile, grid="x")
    kinds = [("total", ps.COLORS["total"]), ("driver", ps.COLORS["driver"]), ("measure", ps.COLORS["measure"])]
    if any(s["kind"] == "measure" and s["value"] > 0 for s in steps):
        kinds.append(("measure_up", ps.COLORS["measure_up"]))
    kinds += [("unbacked", ps.COLORS["unbacked"]), ("target", ps.COLORS["target"]), ("gap", ps.COLORS["gap"])]
    handles = [Patch(color=c, label=label("wfkind", k, lang)) for k, c in kinds if k in {s["kind"] for s in steps} | {"measure_up"}]
    if profile.name == "page":
        ax.legend(handles=handles, fontsize=profile.base, frameon=False, loc="lower right")
    _synthetic(ax, data, profile, lang)
    return fig


def waterfall(data, year: int = 2035, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    return ps.png(waterfall_figure(data, year, lang, profile))


def by_owner(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    """The change of 2035 emissions attributed to each organisation's measures (negative: fewer emissions)."""
    bo = data.table("by_owner")
    fig = ps.figure(profile)
    ax = fig.add_subplot()
    if bo.empty:
        return _empty(fig, ax, tr("no_projects", lang), profile)
    bo = bo.assign(change_t=-bo["attributed_2035_t"]).sort_values("change_t", ascending=False, kind="stable")
    bo = bo[bo["change_t"].abs() >= 0.5]  # organisations whose measures were done before the base year change nothing
    if bo.empty:
        return _empty(fig, ax, tr("no_projects", lang), profile)
    values = bo["change_t"].to_numpy(dtype=float)
    colors = [ps.COLORS["measure"] if v <= 0 else ps.COLORS["measure_up"] for v in values]
    ax.barh(np.arange(len(bo)), values, color=colors, height=0.7)
    span = float(np.abs(values).max()) or 1.0
    for i, v in enumerate(values):
        ax.text(
            v + (span * 0.01 if v >= 0 else -span * 0.01),
            i,
            f"{change(v, lang)} t",
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=profile.base,
        )
    ax.set_yticks(np.arange(len(bo)), [short_label(o, NAME_CHARS[profile.name]) for o in bo["owner"]], fontsize=profile.base)
    ax.axvline(0, color=ps.DARK, linewidth=1)
    ax.set_xlim(min(0.0, values.min()) - span * 0.3, max(0.0, values.max()) + span * 0.3)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: change(v, lang)))
    ax.set_xlabel(tr("owner_axis", lang), fontsize=profile.base)
    _title(fig, tr("owner_chart", lang), profile)
    ps.style_axes(ax, profile, grid="x")
    _synthetic(ax, data, profile, lang)
    return ps.png(fig)


# --- scenarios ------------------------------------------------------------------------------------


def comparison(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    """The pathways of the compared scenarios (the report's own bold) against the targets."""
    cmp_, tg = data.tables.get("comparison"), data.table("targets")
    fig = ps.figure(profile)
    ax = fig.add_subplot()
    if cmp_ is None or cmp_.empty:
        return _empty(fig, ax, tr("no_comparison", lang), profile)
    for i, (_sid, part) in enumerate(cmp_.groupby("scenario_id", sort=False)):
        main = bool(part["is_main"].iloc[0])
        ax.plot(
            part["year"],
            part["co2e_t"],
            color=ps.SERIES[i % len(ps.SERIES)],
            linewidth=3.4 if main else 2.0,
            linestyle="-" if main else (0, (5, 2)),
            label=short_label(part["scenario_name"].iloc[0], 36) + (f" ({tr('this_report', lang)})" if main else ""),
        )
    for rec in tg.itertuples():
        ax.plot([rec.year], [rec.target_t], marker="D", markersize=9, color=ps.COLORS["target"], linestyle="none", zorder=5, clip_on=False)
    ax.plot([], [], marker="D", markersize=9, color=ps.COLORS["target"], linestyle="none", label=tr("target", lang))
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(ps.tonnes_axis(lang))
    ax.set_ylabel(tr("axis_t", lang), fontsize=profile.base)
    ax.set_xticks([2024, 2030, 2035, 2040, 2045])
    _title(fig, tr("comparison_chart", lang), profile)
    ax.legend(fontsize=profile.base, frameon=False, loc="upper right")
    ps.style_axes(ax, profile)
    _synthetic(ax, data, profile, lang)
    return ps.png(fig)


# --- timeline -------------------------------------------------------------------------------------


def timeline_figure(data, lang: str = "de", profile: ps.Profile = ps.PAGE):
    """A bar per measure from its start to the end of its end year, coloured by status, with the legal dates."""
    c = data.table("contributions")
    if profile.name == "slide" and "status" in c:  # a slide shows what is still to decide; the PDF shows every measure
        c = c[c["status"].isin(finance.OPEN_STATUSES)]
    # a page gives each measure a row of about a quarter inch, up to the landscape page's room
    fig = ps.figure(profile, height=min(4.3, 1.8 + 0.18 * len(c)) if profile.name == "page" else profile.height)
    ax = fig.add_subplot()
    if c.empty:
        _empty(fig, ax, tr("no_projects", lang), profile)
        return fig
    c = c.sort_values(["start_year", "end_year", "name"], kind="stable").reset_index(drop=True)
    y = np.arange(len(c))[::-1]
    for yi, r in zip(y, c.itertuples()):
        ax.barh(
            yi, int(r.end_year) + 1 - int(r.start_year), left=int(r.start_year), color=ps.STATUS_COLORS.get(r.status, ps.GREY), height=0.62
        )
    ax.set_yticks(y, [short_label(n, NAME_CHARS[profile.name]) for n in c["name"]], fontsize=profile.base)
    lo = min(int(c["start_year"].min()), int(data.table("pathway")["year"].min()))
    ax.set_xlim(lo - 0.5, 2046)
    ax.set_ylim(-0.8, len(c) + 2.4)
    # one numbered mark on top of each dated line; what the numbers are is text below the picture (long texts never
    # collide, and the reader can search and copy them)
    marks = timeline_marks(data, lang)
    for m in marks:
        ax.axvline(
            m["x"], color=ps.DARK if m["law"] else ps.COLORS["gap"], linestyle=(0, (4, 3)) if m["law"] else "-", linewidth=1.3, zorder=1
        )
        ax.text(m["x"], len(c) + 0.1, m["mark"], ha="center", va="bottom", fontsize=profile.base + 2, color=ps.DARK, zorder=6)
    ax.set_xticks(sorted({2030, 2035, 2040, 2045} | ({lo} if lo <= 2020 else {2024})))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v)}"))
    handles = [Patch(color=ps.STATUS_COLORS[s], label=label("status", s, lang)) for s in ps.STATUS_COLORS if s in set(c["status"])]
    handles += [
        matplotlib_line(ps.DARK, (0, (4, 3)), tr("legend_law", lang)),
        matplotlib_line(ps.COLORS["gap"], "-", tr("legend_target", lang)),
    ]
    ax.legend(handles=handles, fontsize=profile.base, frameon=False, loc="center left", bbox_to_anchor=(1.01, 0.5))
    _title(fig, tr("timeline_chart", lang), profile)
    ps.style_axes(ax, profile, grid="x")
    return fig


def timeline_marks(data, lang: str = "de") -> list[dict]:
    """The timeline's dated lines: x, mark (①, ②, …), law (or a city target) and the text '① Wärmeplan fällig …',
    the dates of one year under one mark."""
    by_x: dict[float, list[dict]] = {}
    for d in council.legal_dates(data, lang):
        by_x.setdefault(round(d["x"], 3), []).append(d)
    out = []
    for i, (x, items) in enumerate(sorted(by_x.items())):
        mark = CIRCLED[i % len(CIRCLED)]
        out.append(
            {
                "x": x,
                "mark": mark,
                "law": any(d["kind"] == "law" for d in items),
                "text": f"{mark} " + " · ".join(d["label"] for d in items),
            }
        )
    return out


def matplotlib_line(color, style, text):
    from matplotlib.lines import Line2D

    return Line2D([], [], color=color, linestyle=style, linewidth=1.5, label=text)


def timeline(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    return ps.png(timeline_figure(data, lang, profile))


# --- money ----------------------------------------------------------------------------------------

MAX_OWNERS = 5


def finance_years(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    """Investment of the open measures per year, stacked by organisation (spread evenly over each measure's years),
    with the funding of those years as a line."""
    y = finance.by_year(data, open_only=True)
    fig = ps.figure(profile)
    ax = fig.add_subplot()
    if y.empty or y["capex_eur"].sum() <= 0:
        return _empty(fig, ax, tr("no_costs", lang), profile)
    owners = y.groupby("owner")["capex_eur"].sum().sort_values(ascending=False)
    top = list(owners[owners > 0].index[:MAX_OWNERS])
    y = y.assign(who=[o if o in top else tr("other_owners", lang) for o in y["owner"]])
    wide = y.pivot_table(index="year", columns="who", values="capex_eur", aggfunc="sum", fill_value=0.0)
    order = [o for o in [*top, tr("other_owners", lang)] if o in wide.columns and wide[o].sum() > 0]
    bottom = np.zeros(len(wide))
    for i, o in enumerate(order):
        ax.bar(wide.index, wide[o], bottom=bottom, color=ps.SERIES[i % len(ps.SERIES)], label=short_label(o, 34), width=0.75)
        bottom += wide[o].to_numpy()
    funding = y.groupby("year")["funding_eur"].sum().reindex(wide.index, fill_value=0.0)
    if funding.sum() > 0:
        ax.plot(funding.index, funding.to_numpy(), color=ps.DARK, marker="o", linewidth=2, label=tr("funding_line", lang))
    ax.yaxis.set_major_formatter(_mio(lang))
    ax.set_ylabel(tr("axis_mio_eur", lang), fontsize=profile.base)
    ax.set_xticks(list(wide.index))
    ax.tick_params(axis="x", rotation=90 if len(wide) > 10 and profile.name == "slide" else 0)
    _title(fig, tr("finance_chart", lang), profile)
    ax.legend(fontsize=profile.base, frameon=False, loc="upper left")
    ps.style_axes(ax, profile)
    return ps.png(fig)


# --- networks -------------------------------------------------------------------------------------


def networks(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> bytes:
    """Per network the heat fed in by source in the report years (GWh/a) with its renewable or waste-heat share,
    and the networks' emission factors over the years."""
    net, src = data.tables.get("networks"), data.tables.get("network_sources")
    fig = ps.figure(profile)
    if net is None or net.empty or src is None:
        return _empty(fig, fig.add_subplot(), tr("no_networks", lang), profile)
    fed = net.groupby("network_id", sort=False)["heat_fed_in_mwh"].sum()
    ids = [n for n in dict.fromkeys(net["network_id"]) if fed.get(n, 0) > 0]  # a network without heat has no panel
    names = dict(zip(net["network_id"], net["network_name"])) if "network_name" in net else {}
    if not ids:
        return _empty(fig, fig.add_subplot(), tr("no_networks", lang), profile)
    with_factor = profile.name == "page"  # a slide leaves the factors to its notes: wider bars, readable shares
    n_axes = len(ids) + (1 if with_factor else 0)
    axes = np.atleast_1d(fig.subplots(1, n_axes, gridspec_kw={"width_ratios": [1] * len(ids) + ([1.3] if with_factor else [])}))
    years = [y for y in NETWORK_YEARS if y in set(net["year"])]
    for ax, nid in zip(axes, ids):
        part = src[(src["network_id"] == nid) & src["year"].isin(years) & src["kind"].isin(SOURCE_KINDS)]
        wide = (
            part.pivot_table(index="year", columns="kind", values="heat_mwh", aggfunc="sum", fill_value=0.0).reindex(years, fill_value=0.0)
            / 1000
        )
        bottom = np.zeros(len(years))
        x = np.arange(len(years))
        for kind in SOURCE_KINDS:
            if kind in wide:
                ax.bar(
                    x,
                    wide[kind],
                    bottom=bottom,
                    color=SOURCE_COLORS[kind],
                    width=0.7,
                    hatch="//" if kind == "unbacked" else None,
                    edgecolor="white",
                )
                bottom += wide[kind].to_numpy()
        share = net[net["network_id"] == nid].set_index("year")["renewable_or_waste_heat_share_pct"]
        for xi, yr, h in zip(x, years, bottom):
            text = num(share.get(yr), 0, lang) + (" %" if with_factor else "")
            ax.text(xi, h, text, ha="center", va="bottom", fontsize=profile.base - 2)
        ax.set_ylim(0, float(bottom.max()) * 1.18 if bottom.max() > 0 else 1)
        ax.set_xticks(x, [f"’{str(y)[2:]}" for y in years], fontsize=profile.base)
        ax.set_title(textwrap.fill(short_label(names.get(nid, nid), 40), 20), fontsize=profile.base)  # two lines, not cut
        ps.style_axes(ax, profile)
    axes[0].set_ylabel(tr("axis_gwh", lang), fontsize=profile.base)
    fx = axes[-1]
    if with_factor:
        for i, nid in enumerate(ids):
            part = net[net["network_id"] == nid].sort_values("year")
            fx.plot(
                part["year"],
                part["ef_g_per_kwh"],
                color=ps.SERIES[i % len(ps.SERIES)],
                linewidth=2.2,
                label=short_label(names.get(nid, nid), 24),
            )
        fx.set_title(tr("network_factor_title", lang), fontsize=profile.base)
        fx.set_ylim(bottom=0)
        fx.set_xticks([2024, 2035, 2045])
        fx.legend(fontsize=profile.base, frameon=False, loc="upper right")
        ps.style_axes(fx, profile)
    handles = [
        Patch(facecolor=SOURCE_COLORS[k], hatch="//" if k == "unbacked" else None, edgecolor="white", label=label("netsrc", k, lang))
        for k in SOURCE_KINDS
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4 if with_factor else 2, fontsize=profile.base, frameon=False)
    _title(fig, tr("networks_chart", lang), profile)
    _synthetic(fx, data, profile, lang)
    return ps.png(fig)


# --- all ------------------------------------------------------------------------------------------


# the height (inches) each chart is placed at on an A4 landscape page, so that it is drawn at that size: its type
# prints at the size set (a chart drawn taller and shrunk to fit would print its 9.5 pt as 6 pt)
PAGE_HEIGHTS = {
    "pathway": 3.9,
    "waterfall": 5.6,
    "by_owner": 3.9,
    "comparison": 3.5,
    "finance": 3.2,
    "networks": 3.0,
    "map_supply": 5.0,
    "map_districts": 6.0,
    "map_dh": 6.2,
    "map_projects": 6.2,
}


# a map slide keeps room for its attribution line, the timeline for its dates as text below it
SLIDE_HEIGHTS = {**{name: 5.1 for name in maps.MAPS}, "timeline": 3.8}


def sized(profile: ps.Profile, name: str) -> ps.Profile:
    """The profile of chart `name`: drawn at the height it is placed at on a page or a slide."""
    heights = PAGE_HEIGHTS if profile.name == "page" else SLIDE_HEIGHTS
    return replace(profile, height=heights[name]) if name in heights else profile


def all_charts(data, lang: str = "de", profile: ps.Profile = ps.PAGE) -> dict[str, bytes]:
    """Every chart and map of a report, by name, as PNG bytes drawn for `profile`."""
    fns = {
        "pathway": pathway,
        "waterfall": lambda d, lg, pr: waterfall(d, 2035, lg, pr),
        "by_owner": by_owner,
        "timeline": timeline,
        "finance": finance_years,
        "networks": networks,
        **maps.MAPS,
    }
    if data.tables.get("comparison") is not None:
        fns["comparison"] = comparison
    return {name: fn(data, lang, sized(profile, name)) for name, fn in fns.items()}


__all__ = [
    "all_charts",
    "by_owner",
    "comparison",
    "finance_years",
    "networks",
    "pathway",
    "pathway_figure",
    "timeline",
    "timeline_figure",
    "timeline_marks",
    "waterfall",
    "waterfall_figure",
    "waterfall_steps",
]

"""Charts (Altair): pathways with uncertainty bands and targets, contribution wedges, the waterfall, bars.

Colour-blind-safe colours (Okabe-Ito); German number format in axes and tooltips via d3 locale.
"""

from __future__ import annotations

import zlib

import altair as alt
import pandas as pd

from locales import num, signed
from ui.i18n import lang

OKABE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]
DE_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " €"]}


EN_LOCALE = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " €"]}

# One colour per scenario on every page, whichever scenarios are shown and in which order (Okabe-Ito; vermillion is
# left to the targets). A planner's own scenarios get a spare colour chosen by their id, the same on every visit.
SCENARIO_COLORS = {
    "trend": "#0072B2",
    "wpg-2045": "#009E73",
    "klimaneutral-2035": "#E69F00",
    "ohne-projekte": "#999999",
    "custom": "#CC79A7",
}
SPARE_COLORS = ["#56B4E9", "#000000", "#F0E442"]
LABEL_LIMIT_PX = 480  # long enough for a scenario's full name ("Trend (Bundesrahmen und beschlossene Maßnahmen)")


def scenario_color(scenario_id: str) -> str:
    """The colour of a scenario in every chart: fixed for the shipped ones, by a hash of the id for a planner's own."""
    if scenario_id in SCENARIO_COLORS:
        return SCENARIO_COLORS[scenario_id]
    return SPARE_COLORS[zlib.crc32(str(scenario_id).encode()) % len(SPARE_COLORS)]


def drawn(data: pd.DataFrame, *columns: str | None) -> pd.DataFrame:
    """Only the columns a chart draws: Altair sends its whole frame to the browser, unplotted columns too."""
    return data[list(dict.fromkeys(c for c in columns if c))]


def _cfg(chart: alt.Chart) -> alt.Chart:
    """Number format of the language (Vega-Lite config.locale) and readable fonts."""
    locale = {"number": DE_LOCALE if lang() == "de" else EN_LOCALE}
    # one configure call: each of them copies the whole chart with its data (a third of this function's time
    # per chart before, on every page view)
    return chart.configure(
        locale=locale,
        axis=alt.AxisConfig(labelFontSize=12, titleFontSize=12),
        legend=alt.LegendConfig(labelFontSize=12, titleFontSize=12, orient="bottom"),
    )


def pathway_chart(
    lines: pd.DataFrame, targets: pd.DataFrame, *, y_title: str, target_label: str, colors: dict[str, str] | None = None
) -> alt.Chart:
    """Lines per series (columns year, series, central, low, high in kt) with bands and target points; `colors` gives
    each series its colour (series name -> hex, from scenario_color), else the palette in order of appearance."""
    base = alt.Chart(lines)
    scale = alt.Scale(domain=list(colors), range=list(colors.values())) if colors else alt.Scale(range=OKABE)
    legend = alt.Legend(columns=1, labelLimit=LABEL_LIMIT_PX)  # one name a line, never cut
    color = alt.Color("series:N", title=None, scale=scale, legend=legend)
    band = base.mark_area(opacity=0.18).encode(x=alt.X("year:O", title=None), y=alt.Y("low:Q", title=y_title), y2="high:Q", color=color)
    line = base.mark_line(point=True, strokeWidth=2.5).encode(
        x="year:O",
        y="central:Q",
        color=color,
        tooltip=[
            alt.Tooltip("series:N", title=""),
            alt.Tooltip("year:O"),
            alt.Tooltip("central:Q", format=",.0f"),
            alt.Tooltip("low:Q", format=",.0f"),
            alt.Tooltip("high:Q", format=",.0f"),
        ],
    )
    tgt = (
        alt.Chart(targets)
        .mark_point(shape="diamond", size=160, filled=True, color="#D55E00")
        .encode(
            x="year:O", y="target_kt:Q", tooltip=[alt.Tooltip("target:N", title=target_label), alt.Tooltip("target_kt:Q", format=",.0f")]
        )
    )
    labels = alt.Chart(targets).mark_text(dy=-14, color="#D55E00", fontSize=11).encode(x="year:O", y="target_kt:Q", text="target:N")
    return _cfg(alt.layer(band, line, tgt, labels).properties(height=360))


def stacked_area(data: pd.DataFrame, *, x: str, y: str, color: str, y_title: str, color_title: str | None = None) -> alt.Chart:
    chart = (
        alt.Chart(drawn(data, x, y, color))
        .mark_area(opacity=0.85)
        .encode(
            x=alt.X(f"{x}:O", title=None),
            y=alt.Y(f"{y}:Q", stack="zero", title=y_title),
            color=alt.Color(f"{color}:N", title=color_title, scale=alt.Scale(range=OKABE), legend=alt.Legend(columns=1, labelLimit=480)),
            tooltip=[alt.Tooltip(f"{color}:N"), alt.Tooltip(f"{x}:O"), alt.Tooltip(f"{y}:Q", format=",.1f")],
        )
        .properties(height=380)
    )
    return _cfg(chart)


WATERFALL_COLORS = {  # Okabe-Ito: levels dark blue, federal drivers sky blue, measures green / vermillion, unbacked purple
    "total": "#0072B2",
    "driver": "#56B4E9",
    "measure": "#009E73",
    "measure_up": "#D55E00",
    "unbacked": "#CC79A7",
    "target": "#000000",
    "gap": "#E69F00",
}


def waterfall(bars: list[dict], *, x_title: str, kind_label, scale: float = 1000.0, height_per_bar: int = 30) -> alt.Chart:
    """Horizontal waterfall of reports.waterfall.bars (t; shown in kt with scale 1000), one labelled bar per step,
    coloured by kind; `kind_label(kind)` words the legend."""
    rows = []
    for i, b in enumerate(bars):
        kind = "measure_up" if b["kind"] == "measure" and b["value"] > 0 else b["kind"]
        rows.append(
            {
                "order": i,
                "label": b["label"],
                "start": b["bottom"] / scale,
                "end": b["top"] / scale,
                "value": b["value"] / scale,
                "kind": kind_label(kind),
                "text": (signed if b["kind"] in ("driver", "measure", "unbacked", "gap") else num)(b["value"] / scale, 1, lang()),
            }
        )
    df = pd.DataFrame(rows)
    kinds = [k for k in WATERFALL_COLORS if kind_label(k) in set(df["kind"])]
    colors = alt.Scale(domain=[kind_label(k) for k in kinds], range=[WATERFALL_COLORS[k] for k in kinds])
    y = alt.Y("label:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=360, labelOverlap=False))
    base = alt.Chart(df).encode(y=y)
    bars_ = base.mark_bar().encode(
        x=alt.X("start:Q", title=x_title),
        x2="end:Q",
        color=alt.Color("kind:N", scale=colors, title=None, legend=alt.Legend(orient="bottom", columns=2, labelLimit=420)),
        tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("text:N", title=x_title)],
    )
    text = (
        base.mark_text(align="left", dx=4, fontSize=11)
        .encode(x=alt.X("max_end:Q"), text="text:N")
        .transform_calculate(max_end="max(datum.start, datum.end)")
    )
    return _cfg((bars_ + text).properties(height=max(220, height_per_bar * len(df))))


def signed_bars(
    data: pd.DataFrame, *, x: str, y: str, text: str, x_title: str, positive: str, negative: str, row_height: int = 44, font_size: int = 18
) -> alt.Chart:
    """Horizontal bars in the given row order, green where `x` is positive and orange where negative, each labelled
    with its `text` beyond the bar's end; for a projector, where a waterfall's small steps vanish beside the totals."""
    df = data.assign(_sign=[positive if v >= 0 else negative for v in data[x]])
    colors = alt.Scale(domain=[positive, negative], range=["#009E73", "#D55E00"])
    base = alt.Chart(df).encode(
        y=alt.Y(f"{y}:N", sort=list(df[y]), title=None, axis=alt.Axis(labelLimit=560, labelOverlap=False)),
        # room beyond the longest bars for their labels
        x=alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(domain=[1.2 * min(0.0, df[x].min()), 1.2 * max(0.0, df[x].max())], nice=False)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("_sign:N", scale=colors, title=None, legend=alt.Legend(orient="bottom", labelLimit=600)),
        tooltip=[alt.Tooltip(f"{y}:N", title=""), alt.Tooltip(f"{text}:N", title=x_title)],
    )
    right = base.mark_text(align="left", dx=6, fontSize=font_size).encode(text=f"{text}:N").transform_filter(alt.datum[x] >= 0)
    left = base.mark_text(align="right", dx=-6, fontSize=font_size).encode(text=f"{text}:N").transform_filter(alt.datum[x] < 0)
    chart = (bars + right + left).properties(height=row_height * len(df))
    return _cfg(chart).configure_axis(labelFontSize=font_size, titleFontSize=font_size).configure_legend(labelFontSize=font_size)


def bars(
    data: pd.DataFrame, *, x: str, y: str, x_title: str, color: str | None = None, horizontal: bool = True, fmt: str = ",.0f"
) -> alt.Chart:
    if horizontal:
        enc = {
            "y": alt.Y(f"{y}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            "x": alt.X(f"{x}:Q", title=x_title),
        }
    else:
        enc = {"x": alt.X(f"{y}:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT_PX)), "y": alt.Y(f"{x}:Q", title=x_title)}
    enc["tooltip"] = [alt.Tooltip(f"{y}:N", title=""), alt.Tooltip(f"{x}:Q", format=fmt)]
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=None, scale=alt.Scale(range=OKABE), legend=alt.Legend(labelLimit=LABEL_LIMIT_PX))
    else:
        enc["color"] = alt.value(OKABE[0])
    return _cfg(
        alt.Chart(drawn(data, x, y, color))
        .mark_bar()
        .encode(**enc)
        .properties(height=max(160, 26 * data[y].nunique()) if horizontal else 300)
    )


def stacked_bar(
    data: pd.DataFrame, *, x: str, y: str, color: str, x_title: str, y_title: str, color_title: str | None = None, order: list | None = None
) -> alt.Chart:
    chart = (
        alt.Chart(drawn(data, x, y, color))
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=x_title, sort=order, axis=alt.Axis(labelAngle=-30, labelLimit=LABEL_LIMIT_PX)),
            y=alt.Y(f"{y}:Q", stack="zero", title=y_title),
            color=alt.Color(f"{color}:N", title=color_title, scale=alt.Scale(range=OKABE), legend=alt.Legend(labelLimit=LABEL_LIMIT_PX)),
            tooltip=[alt.Tooltip(f"{x}:N"), alt.Tooltip(f"{color}:N"), alt.Tooltip(f"{y}:Q", format=",.0f")],
        )
        .properties(height=280)
    )
    return _cfg(chart)


def presentation(chart: alt.Chart, *, height: int = 400) -> alt.Chart:
    """The same chart readable on a projector: large labels, a plot of the given height."""
    return (
        chart.configure_axis(labelFontSize=18, titleFontSize=18)
        .configure_legend(labelFontSize=18, titleFontSize=18)
        .properties(height=height)
    )

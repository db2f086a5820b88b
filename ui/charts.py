"""Charts (Altair): pathways with uncertainty bands and targets, contribution wedges, the waterfall, bars.

Colour-blind-safe colours (Okabe-Ito); German number format in axes and tooltips via d3 locale.

Every chart goes to the page through `show(builder, *args)`: the finished Vega-Lite spec (with its data as Arrow
bytes) is kept per builder, arguments and language, so a chart is built and converted once per process, not for
every visitor. Building and converting an Altair chart costs 40-70 ms (half of it Altair's schema validation);
Szenarien draws up to 19 of them, and on the public instance that was most of a page view's server time.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from heatdb.settings import settings
from locales import num, signed
from reports.texts import label
from ui.i18n import lang

MAX_SPECS = 512  # finished specs kept per process (a few kB to 100 kB each)
_specs: OrderedDict[str, dict] = OrderedDict()
_specs_lock = threading.Lock()
# Altair's theme and data transformer are process-wide settings: switched only under this lock (Streamlit's own
# lock where it has one, so that an st.altair_chart elsewhere cannot see them half-switched)
try:
    from streamlit.elements.vega_charts import _altair_globals_lock as _altair_lock
except ImportError:  # pragma: no cover - a Streamlit without it
    _altair_lock = threading.Lock()


def _feed(h, obj) -> None:
    """Add `obj` to the hash: frames by their content, containers element by element in their order."""
    if isinstance(obj, pd.DataFrame):
        h.update(b"F" + repr((list(obj.columns), [str(d) for d in obj.dtypes], obj.shape)).encode())
        if len(obj):
            h.update(pd.util.hash_pandas_object(obj, index=True).to_numpy().tobytes())
    elif isinstance(obj, pd.Series):
        h.update(b"S" + repr((obj.name, str(obj.dtype), len(obj))).encode())
        if len(obj):
            h.update(pd.util.hash_pandas_object(obj, index=True).to_numpy().tobytes())
    elif isinstance(obj, Mapping):
        h.update(b"{%d" % len(obj))
        for k, v in obj.items():
            _feed(h, k)
            _feed(h, v)
    elif isinstance(obj, (list, tuple)):
        h.update(b"[%d" % len(obj))
        for v in obj:
            _feed(h, v)
    elif obj is None or isinstance(obj, (str, int, float, bool, np.generic)):
        h.update(repr((type(obj).__name__, obj)).encode())
    else:
        raise TypeError(f"chart argument of type {type(obj).__name__} cannot be a cache key: pass frames, numbers, text or dicts")


def fingerprint(build: Callable, args: tuple, kwargs: dict) -> str:
    """What a chart depends on: the builder, its arguments and the page's language (the number format and words)."""
    h = hashlib.blake2b(digest_size=16)
    _feed(h, (build.__module__, build.__qualname__, lang(), args, sorted(kwargs.items())))
    return h.hexdigest()


def to_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec as Streamlit sends it: no Altair theme defaults, every dataset as Arrow bytes."""
    with _altair_lock, alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        # Altair's JSON-schema validation: the tests switch it on (WAERME_VALIDATE_CHARTS, tests/conftest.py); for every
        # visitor it cost half of a chart's conversion
        spec = chart.to_dict(validate=settings().validate_charts)
    spec["datasets"] = {
        name: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame.from_records(values))
        for name, values in (spec.get("datasets") or {}).items()
    }
    return spec


def spec(build: Callable[..., alt.TopLevelMixin], *args, **kwargs) -> dict:
    """The spec of `build(*args, **kwargs)`, built once per process for the same arguments and language. A builder
    must depend on nothing else (no session state, no database)."""
    key = fingerprint(build, args, kwargs)
    with _specs_lock:
        found = _specs.get(key)
        if found is not None:
            _specs.move_to_end(key)
            return found
    made = to_spec(build(*args, **kwargs))
    with _specs_lock:
        _specs[key] = made
        while len(_specs) > MAX_SPECS:
            _specs.popitem(last=False)
    return made


def show(build: Callable[..., alt.TopLevelMixin], /, *args, key: str | None = None, height: int | str = "content", **kwargs) -> None:
    """Draw `build(*args, **kwargs)` across the page's width; see `spec`."""
    made = spec(build, *args, **kwargs)
    # Streamlit copies the spec's top level and takes the datasets out of its copy: the cached dict stays whole
    st.vega_lite_chart({**made, "datasets": dict(made["datasets"])}, width="stretch", height=height, key=key)


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
# a network's heat by source, the same colour in every network's chart (Okabe-Ito)
NETWORK_SOURCE_COLORS = {"plant": "#0072B2", "measure": "#009E73", "unbacked": "#CC79A7", "residual": "#999999"}
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
    lines: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    y_title: str,
    target_label: str,
    colors: dict[str, str] | None = None,
    present_height: int | None = None,
) -> alt.Chart:
    """Lines per series (columns year, series, central, low, high in kt) with bands and target points; `colors` gives
    each series its colour (series name -> hex, from scenario_color), else the palette in order of appearance;
    `present_height` makes it readable on a projector (see `presentation`)."""
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
    chart = _cfg(alt.layer(band, line, tgt, labels).properties(height=360))
    return presentation(chart, height=present_height) if present_height else chart


def stacked_area(
    data: pd.DataFrame, *, x: str, y: str, color: str, y_title: str, color_title: str | None = None, colors: dict[str, str] | None = None
) -> alt.Chart:
    """Areas stacked per `color`; `colors` (value -> hex) keeps a value's colour the same in every chart, else the
    palette in order of appearance."""
    scale = alt.Scale(domain=list(colors), range=list(colors.values())) if colors else alt.Scale(range=OKABE)
    chart = (
        alt.Chart(drawn(data, x, y, color))
        .mark_area(opacity=0.85)
        .encode(
            x=alt.X(f"{x}:O", title=None),
            y=alt.Y(f"{y}:Q", stack="zero", title=y_title),
            color=alt.Color(f"{color}:N", title=color_title, scale=scale, legend=alt.Legend(columns=1, labelLimit=480)),
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


def waterfall_kinds(lg: str) -> dict[str, str]:
    """The legend's words for each kind of waterfall step, in language `lg`."""
    return {k: label("wfkind", k, lg) for k in WATERFALL_COLORS}


def waterfall(
    bars: list[dict], *, x_title: str, kind_labels: Mapping[str, str], scale: float = 1000.0, height_per_bar: int = 30
) -> alt.Chart:
    """Horizontal waterfall of reports.waterfall.bars (t; shown in kt with scale 1000), one labelled bar per step,
    coloured by kind; `kind_labels` words the legend (kind -> text, for every kind of WATERFALL_COLORS)."""
    kind_label = kind_labels.__getitem__
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
        # one kind a line: beside another chart (Szenarien, Projekte) two columns were cut at the chart's width
        color=alt.Color("kind:N", scale=colors, title=None, legend=alt.Legend(orient="bottom", columns=1, labelLimit=420)),
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

"""What every chart and map of the reports shares: one accessible palette, the figure sizes of a page and a slide,
PNG output that records its smallest type, and labels that never overlap.

The palette is Okabe & Ito's (2008), readable with every common colour-vision deficiency; the app's maps use the
same hues. A chart is drawn at the size it is placed at (`Profile`): on a slide at 12.3 x 5.6 inches, so its type
reaches the projector at the size it was set (legends and ticks at 16 pt or more); on an A4 page at the body width.
`png` writes the smallest font size of the figure into the PNG ("MinFontPt"), so a test can check what a reader
sees: that size times the scale at which the picture is placed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot (geopandas does for colour bars)

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from locales import num  # noqa: E402

# Okabe & Ito: black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple
OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
GREY, LIGHT_GREY, DARK = "#6B6B6B", "#C8C8C8", "#222222"
COLORS = {
    "central": "#0072B2",
    "band": "#A6CEE8",
    "target": "#000000",
    "gap": "#E69F00",
    "total": GREY,
    "driver": "#56B4E9",  # the federal framework (baseline drivers)
    "measure": "#009E73",  # a measure that lowers emissions
    "measure_up": "#D55E00",  # a measure that raises them
    "unbacked": "#CC79A7",  # the scenario's levers no measure backs yet
    "funding": "#009E73",
    "gap_eur": "#E69F00",
}
# one colour per series (owners, scenarios, networks): the palette without black and yellow first
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
STATUS_COLORS = {
    "idea": "#C8C8C8",
    "planned": "#56B4E9",
    "approved": "#0072B2",
    "in_progress": "#E69F00",
    "completed": "#009E73",
    "stopped": "#6B6B6B",
}
SUPPLY_COLORS = {
    "waermenetzgebiet": "#D55E00",
    "waermenetzverdichtungsgebiet": "#D55E00",
    "waermenetzausbaugebiet": "#E69F00",
    "waermenetzneubaugebiet": "#F0E442",
    "wasserstoffnetzgebiet": "#CC79A7",
    "dezentral": "#0072B2",
    "pruefgebiet": "#A0A0A0",
}
# the four grades of WPG § 19 (2), from very likely suitable (dark) to very likely unsuitable (light)
GRADE_COLORS = {
    "sehr wahrscheinlich geeignet": "#00543C",
    "wahrscheinlich geeignet": "#009E73",
    "wahrscheinlich ungeeignet": "#B5DDD0",
    "sehr wahrscheinlich ungeeignet": "#EFEFEF",
}


@dataclass(frozen=True)
class Profile:
    """The size a figure is placed at (inches) and its type (points); `base` is the tick and legend size."""

    name: str
    width: float
    height: float
    base: float
    dpi: int = 150

    @property
    def small(self) -> float:  # notes inside a chart, attribution
        return self.base - 2 if self.name == "page" else self.base

    @property
    def title(self) -> float:
        return self.base + 2


# A4 landscape body: 26.1 cm wide; ticks and legends at 9 pt print like body text
PAGE = Profile("page", 10.2, 5.6, 9.5, 200)
PAGE_TALL = Profile("page", 10.2, 6.3, 9.5, 200)
# a 16:9 slide's body area below the title (12.33 x 5.6 in): 16 pt stays 16 pt on the projector
SLIDE = Profile("slide", 12.3, 5.6, 16, 150)
PROFILES = {"page": PAGE, "slide": SLIDE}


def figure(profile: Profile, *, height: float | None = None, width: float | None = None) -> Figure:
    fig = Figure(figsize=(width or profile.width, height or profile.height), dpi=profile.dpi)
    FigureCanvasAgg(fig)  # a canvas of its own: labels can be measured before saving
    fig.set_layout_engine("constrained")
    return fig


def min_font_pt(fig: Figure) -> float:
    """The smallest size (pt) of any visible, non-empty text in the figure: ticks, legends, labels, notes."""
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return float(min(sizes)) if sizes else 0.0


def png(fig: Figure) -> bytes:
    """The figure as PNG; its metadata says the smallest type in points (MinFontPt) and the size in inches."""
    fig.canvas.draw()  # lay out first: the layout engine may hide nothing, but min_font_pt reads the drawn texts
    meta = {"Software": None, "MinFontPt": f"{min_font_pt(fig):.2f}"}
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, metadata=meta)
    return buf.getvalue()


def style_axes(ax, profile: Profile, grid: str = "y") -> None:
    ax.tick_params(labelsize=profile.base)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=grid, color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)


def tonnes_axis(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: num(v, 0, lang))


def stamp(fig: Figure, text: str, profile: Profile) -> None:
    """A red boxed note in the figure's top right corner, beside the title (synthetic data): never over the data."""
    fig.text(
        0.995,
        0.995,
        text,
        ha="right",
        va="top",
        fontsize=profile.small,
        color="#A00000",
        fontweight="bold",
        bbox={"facecolor": "white", "edgecolor": "#A00000", "boxstyle": "round,pad=0.3"},
        zorder=20,
    )


def text_boxes(fig: Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every visible text of the figure with its box in display pixels (x0, y0, x1, y1), after drawing."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for t in fig.findobj(Text):
        if not (t.get_visible() and t.get_text().strip()):
            continue
        b = t.get_window_extent(renderer)
        out.append((t.get_text(), (b.x0, b.y0, b.x1, b.y1)))
    return out


def overlaps(a, b, pad: float = 0.0) -> bool:
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1])


def place_labels(ax, labels: list[Text], *, step_px: float = 6.0, tries: int = 40) -> None:
    """Move labels (annotations in offset points) apart until no two overlap: each later label is pushed
    further along its own offset direction, one step at a time; the first keeps its place."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    placed: list[tuple[float, float, float, float]] = []
    for lab in labels:
        for _ in range(tries):
            b = lab.get_window_extent(renderer)
            box = (b.x0, b.y0, b.x1, b.y1)
            if not any(overlaps(box, p, 2.0) for p in placed):
                break
            dx, dy = getattr(lab, "xyann", (0.0, 0.0))
            sy = 1.0 if dy >= 0 else -1.0
            lab.xyann = (dx, dy + sy * step_px * 72.0 / fig.dpi * 2)
        b = lab.get_window_extent(renderer)
        placed.append((b.x0, b.y0, b.x1, b.y1))


__all__ = [
    "COLORS",
    "GRADE_COLORS",
    "OKABE_ITO",
    "PAGE",
    "PROFILES",
    "SERIES",
    "SLIDE",
    "STATUS_COLORS",
    "SUPPLY_COLORS",
    "Profile",
    "figure",
    "min_font_pt",
    "overlaps",
    "place_labels",
    "png",
    "stamp",
    "style_axes",
    "text_boxes",
    "tonnes_axis",
]

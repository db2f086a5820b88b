"""The charts and maps as a reader sees them: no two labels overlap, the gap is drawn, every colour from one accessible
palette with no two meanings in one colour, type at its size on a page and on a slide."""

from __future__ import annotations

import io
import itertools

import pytest
from PIL import Image

from reports import charts, maps
from reports import plotstyle as ps


def _overlapping(fig) -> list[tuple[str, str]]:
    boxes = ps.text_boxes(fig)
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ps.overlaps(ba, bb, -0.5)]


@pytest.mark.parametrize("profile", [ps.PAGE, ps.SLIDE], ids=["page", "slide"])
def test_pathway_labels_never_overlap_and_the_gap_is_drawn(compared, profile):
    fig = charts.pathway_figure(compared, "de", charts.sized(profile, "pathway"))
    assert _overlapping(fig) == []
    ax = fig.axes[0]
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    gap = compared.table("targets").set_index("year").loc[2035]
    assert gap["gap_t"] > 0
    ends = [(a.xy[1], a.xyann[1]) for a in arrows]
    assert (pytest.approx(gap["pathway_t"]), pytest.approx(gap["target_t"])) in [(pytest.approx(p), pytest.approx(t)) for p, t in ends]


@pytest.mark.parametrize("profile", [ps.PAGE, ps.SLIDE], ids=["page", "slide"])
def test_waterfall_and_timeline_labels_never_overlap(compared, profile):
    for fig in (charts.waterfall_figure(compared, 2035, "de", profile), charts.timeline_figure(compared, "de", profile)):
        assert _overlapping(fig) == []


def test_district_names_on_the_maps_never_overlap(compared):
    fig, ax = maps.frame(compared, "", (), "de", ps.PAGE)
    maps.finish(compared, fig, ax, "de", ps.PAGE)
    names = set(maps.stadtbezirke(compared)["stadtbezirk"])
    assert len(names) == 12
    boxes = [(t, b) for t, b in ps.text_boxes(fig) if t in names]
    assert {t for t, _ in boxes} == names
    assert [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ps.overlaps(ba, bb)] == []


def test_one_palette_and_no_two_meanings_in_one_colour():
    palette = set(ps.OKABE_ITO) | {ps.GREY, ps.LIGHT_GREY, ps.DARK}
    used = {**ps.COLORS}
    assert set(ps.SERIES) <= palette and set(ps.STATUS_COLORS.values()) <= palette | {"#C8C8C8"}
    assert {v for k, v in used.items() if k != "band"} <= palette
    waterfall = [used[k] for k in ("total", "driver", "measure", "measure_up", "unbacked", "target", "gap")]
    assert len(set(waterfall)) == len(waterfall)  # the waterfall's kinds are told apart by colour alone
    supply = [ps.SUPPLY_COLORS[k] for k in ("waermenetzgebiet", "wasserstoffnetzgebiet", "dezentral", "pruefgebiet")]
    assert len(set(supply)) == len(supply)


@pytest.mark.parametrize(("profile", "least"), [(ps.PAGE, 7.5), (ps.SLIDE, 14)], ids=["page", "slide"])
def test_type_reaches_its_size(compared, profile, least):
    for name, png in charts.all_charts(compared, "de", profile).items():
        with Image.open(io.BytesIO(png)) as im:
            smallest = float(im.info["MinFontPt"])
            width_in = im.width / im.info["dpi"][0]
        assert smallest >= least, (name, smallest)
        assert width_in == pytest.approx(profile.width, rel=0.01), name  # drawn at the width it is placed at


def test_supply_map_draws_grades_and_years_when_the_layer_has_them(compared):
    """Issue 13 adds § 19 grades and years to the supply areas: the map shows them as soon as the layer carries them."""
    import copy

    from reports.dataset import ReportData

    layers = copy.deepcopy(compared.layers)
    grades = ["sehr wahrscheinlich geeignet", "wahrscheinlich geeignet", "sehr wahrscheinlich ungeeignet"]
    for i, f in enumerate(layers["supply_areas"]["features"]):
        f["properties"].update(grade_heat_network=grades[i % 3], grade_decentral=grades[(i + 1) % 3])
    graded = ReportData(meta=compared.meta, tables=compared.tables, layers=layers)
    texts = {t for t, _ in ps.text_boxes(maps.supply_figure(graded, "de", ps.PAGE))}
    assert {"Eignung Wärmenetz (§ 19 Abs. 2 WPG)", "sehr wahrscheinlich ungeeignet", "Wärmenetzgebiet"} <= texts
    for f in layers["supply_areas"]["features"]:
        f["properties"]["year"] = 2030
    extra = copy.deepcopy(layers["supply_areas"]["features"])
    for f in extra:
        f["properties"]["year"] = 2045
    layers["supply_areas"]["features"] += extra
    yearly = ReportData(meta=compared.meta, tables=compared.tables, layers=layers)
    texts = {t for t, _ in ps.text_boxes(maps.supply_figure(yearly, "de", ps.PAGE))}
    assert {"Versorgungsart 2030", "Versorgungsart Zieljahr 2045"} <= texts
    plain = {t for t, _ in ps.text_boxes(maps.supply_figure(compared, "de", ps.PAGE))}
    assert "Eignung Wärmenetz (§ 19 Abs. 2 WPG)" not in plain and "Innenstadt-Nord" in plain

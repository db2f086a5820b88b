"""One colour per scenario on every page, whichever scenarios are shown and in which order, and chart labels that are
never cut (issue 15, item 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import charts, model

ROOT = Path(__file__).resolve().parents[2]
PX_PER_CHAR = 7  # Vega's default 11-12 px sans-serif: about 6-7 px per character


def page(name: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=300)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def pathway_color(at: AppTest) -> dict:
    """The colour encoding of the pathway chart (the chart whose lines are coloured by series)."""
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        for lay in spec.get("layer", []):
            color = lay.get("encoding", {}).get("color", {})
            if color.get("field") == "series":
                return color
    raise AssertionError("no pathway chart on the page")


def series_colors(color: dict, shown: list[str]) -> dict[str, str]:
    """Which colour each series gets: the scale's own domain, else Vega's (the names sorted) over the range."""
    scale = color.get("scale", {})
    domain = scale.get("domain") or sorted(shown)
    return dict(zip(domain, scale["range"]))


@pytest.fixture
def names(_db_env) -> dict[str, str]:
    """The saved scenarios' names, from the test portfolio (a module-wide fixture ran before the test environment
    and opened the repository's data/portfolio.duckdb)."""
    sc = model.scenarios()
    return dict(zip(sc["scenario_id"], sc["name"]))


@pytest.mark.parametrize(
    "chosen", [["trend", "wpg-2045"], ["wpg-2045", "trend"], ["klimaneutral-2035", "trend"], ["trend"], ["ohne-projekte", "trend"]]
)
def test_a_scenario_keeps_its_colour_whatever_is_compared(chosen, names):
    at = page("05_szenarien.py", compare=",".join(chosen))
    assert not at.exception
    colors = series_colors(pathway_color(at), [names[s] for s in chosen])
    for sid in chosen:
        assert colors[names[sid]] == charts.scenario_color(sid), (sid, chosen)
    assert colors[names["trend"]] == charts.SCENARIO_COLORS["trend"]


def test_the_overview_draws_the_scenario_in_its_colour(names):
    at = page("01_uebersicht.py", scenario="klimaneutral-2035")
    assert not at.exception
    colors = series_colors(pathway_color(at), [names["klimaneutral-2035"]])
    assert colors == {names["klimaneutral-2035"]: charts.scenario_color("klimaneutral-2035")}


def test_every_scenario_has_its_own_colour_and_a_planners_keeps_one():
    ids = list(charts.SCENARIO_COLORS)
    assert len({charts.scenario_color(i) for i in ids}) == len(ids)
    assert charts.scenario_color("mein-plan-7") == charts.scenario_color("mein-plan-7") in charts.SPARE_COLORS
    assert "#D55E00" not in {charts.scenario_color(i) for i in [*ids, "a", "b", "c", "d"]}, "vermillion marks the targets"


def test_scenario_names_in_the_legend_are_not_cut(names):
    at = page("05_szenarien.py", compare=",".join(names))
    assert not at.exception
    legend = pathway_color(at).get("legend") or {}
    longest = max(len(n) for n in names.values())
    # Vega-Lite cuts legend labels at 160 px unless labelLimit says otherwise
    assert legend.get("labelLimit", 160) >= PX_PER_CHAR * longest, (legend, longest)


def test_long_labels_in_charts_have_room():
    """Every nominal axis and legend of the shared chart helpers allows the longest label a district or code can have."""
    import pandas as pd

    long = "Mehrfamilienhaus mit sehr langem Namen aus einem Import (Bezirk)"
    df = pd.DataFrame({"a": [long, "kurz"], "b": [1.0, 2.0], "c": [long, "x"]})
    specs = [
        charts.bars(df, x="b", y="a", x_title="t", color="c").to_dict(),
        charts.bars(df, x="b", y="a", x_title="t", horizontal=False).to_dict(),
        charts.stacked_bar(df, x="a", y="b", color="c", x_title="t", y_title="u").to_dict(),
    ]
    for spec in specs:
        enc = spec["encoding"]
        for ch in ("x", "y"):
            if enc[ch]["type"] == "nominal":
                # an axis label of 45 characters and more (Vega-Lite's default cuts at 180 px, about 25)
                assert enc[ch].get("axis", {}).get("labelLimit", 180) >= 300, (ch, enc[ch])
        if "field" in enc.get("color", {}):
            assert enc["color"].get("legend", {}).get("labelLimit", 160) >= PX_PER_CHAR * len(long), enc["color"]


def test_network_sources_keep_their_colour_and_a_network_without_heat_has_no_panel():
    at = page("05_szenarien.py", compare="trend")
    assert not at.exception
    kinds = []
    for el in at.get("vega_lite_chart"):
        color = json.loads(el.proto.spec).get("encoding", {}).get("color", {})
        if color.get("field") == "kind":
            kinds.append(dict(zip(color["scale"]["domain"], color["scale"]["range"])))
    assert len(kinds) >= 2  # DEW21's and Scharnhorst's networks at least
    for k in kinds:  # the same source, the same colour, in every network's chart
        assert k["eigene Anlage"] == charts.NETWORK_SOURCE_COLORS["plant"]
        assert k["fossiler Rest (Erdgas)"] == charts.NETWORK_SOURCE_COLORS["residual"]
    # the model's stand-in network of buildings without a known network carries no heat: no panel for it
    assert not [m.value for m in at.markdown if m.value == "**default**"]

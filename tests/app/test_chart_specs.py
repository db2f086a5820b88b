"""The chart spec cache (ui.charts.show): a chart is built once per builder, arguments and language, and what a
visitor receives is what Streamlit's own conversion of the Altair chart sends."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from ui import charts


def _frame(values) -> pd.DataFrame:
    return pd.DataFrame({"label": ["Gas", "Öl", "Fernwärme"], "gwh": values})


def test_the_same_arguments_give_the_same_spec_and_new_data_a_new_one(monkeypatch):
    built = []

    def counting(data, *, x_title):
        built.append(x_title)
        return charts.bars(data, x="gwh", y="label", x_title=x_title)

    a = charts.spec(counting, _frame([1.0, 2.0, 3.0]), x_title="GWh/a")
    b = charts.spec(counting, _frame([1.0, 2.0, 3.0]), x_title="GWh/a")  # an equal frame, another object
    assert a is b and built == ["GWh/a"]
    c = charts.spec(counting, _frame([1.0, 2.0, 3.5]), x_title="GWh/a")  # one number changed
    d = charts.spec(counting, _frame([1.0, 2.0, 3.0]), x_title="MWh/a")  # one word changed
    assert len(built) == 3 and c is not a and d is not a
    monkeypatch.setattr(charts, "lang", lambda: "en")  # the number format follows the language
    e = charts.spec(counting, _frame([1.0, 2.0, 3.0]), x_title="GWh/a")
    assert len(built) == 4 and e["config"]["locale"]["number"]["decimal"] == "."
    assert a["config"]["locale"]["number"]["decimal"] == ","


def test_the_order_of_a_colour_mapping_is_part_of_the_key():
    lines = pd.DataFrame({"year": [2024, 2030], "series": ["A", "A"], "central": [1.0, 0.5], "low": [0.9, 0.4], "high": [1.1, 0.6]})
    targets = pd.DataFrame({"year": [2030], "target": ["Ziel"], "target_kt": [0.4]})
    ab = charts.fingerprint(
        charts.pathway_chart, (lines, targets), {"y_title": "kt", "target_label": "Ziel", "colors": {"A": "#1", "B": "#2"}}
    )
    ba = charts.fingerprint(
        charts.pathway_chart, (lines, targets), {"y_title": "kt", "target_label": "Ziel", "colors": {"B": "#2", "A": "#1"}}
    )
    assert ab != ba


def test_an_argument_that_cannot_be_a_key_is_refused():
    with pytest.raises(TypeError, match="cannot be a cache key"):
        charts.fingerprint(charts.waterfall, ([],), {"x_title": "kt", "kind_labels": lambda k: k})


def _page():
    import pandas as pd
    import streamlit as st

    from ui import charts

    data = pd.DataFrame({"label": ["Gas", "Öl", "Fernwärme"], "gwh": [1.5, 2.25, 3.0]})
    chart = charts.bars(data, x="gwh", y="label", x_title="GWh/a")
    st.altair_chart(chart, width="stretch")  # Streamlit's own conversion
    charts.show(charts.bars, data, x="gwh", y="label", x_title="GWh/a")
    charts.show(charts.bars, data, x="gwh", y="label", x_title="GWh/a", key="again")  # from the cache


def _rows(proto) -> list[list[dict]]:
    return [pa.ipc.open_stream(ds.data.data).read_all().to_pandas().to_dict("records") for ds in proto.datasets]


def _without_data_names(spec: str) -> dict:
    s = json.loads(spec)
    for layer in [s, *s.get("layer", [])]:
        layer.pop("data", None)
    return s


def test_a_cached_chart_reaches_the_browser_as_streamlits_own_conversion():
    at = AppTest.from_function(_page).run()
    assert not at.exception
    own, first, cached = (el.proto for el in at.get("vega_lite_chart"))
    assert (
        _rows(first)
        == _rows(own)
        == _rows(cached)
        == [[{"label": "Gas", "gwh": 1.5}, {"label": "Öl", "gwh": 2.25}, {"label": "Fernwärme", "gwh": 3.0}]]
    )
    # the same marks, encodings, sizes and number format; only the dataset's name differs (a hash of its values)
    assert _without_data_names(first.spec) == _without_data_names(own.spec)
    assert first.spec == cached.spec

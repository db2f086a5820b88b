"""Shared widgets: the scenario picker and the district picker, both mirrored in the URL (shareable links)."""

from __future__ import annotations

import streamlit as st

from ui import model
from ui.i18n import scenario_description, t


def scenario_select(key: str = "scenario", *, label_key: str = "scenario", default: str = "trend", radio: bool = False) -> str:
    """Pick a saved scenario; the choice is kept in the query parameter ?scenario=. As a radio in a narrow column,
    where a select box would cut the scenarios' long names."""
    sc = model.scenarios()
    ids = sc["scenario_id"].tolist()
    names = dict(zip(sc["scenario_id"], sc["name"]))
    wanted = st.query_params.get("scenario", st.session_state.get(key, default))
    index = ids.index(wanted) if wanted in ids else (ids.index(default) if default in ids else 0)
    widget = st.radio if radio else st.selectbox
    chosen = widget(t(label_key), ids, index=index, format_func=lambda i: names.get(i, i), key=key)
    st.query_params["scenario"] = chosen
    sc = model.scenario(chosen)
    if sc is not None and sc.description:
        st.caption(scenario_description(chosen, sc.description))
    return chosen

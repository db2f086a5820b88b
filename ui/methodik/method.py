"""Tabs 3 and 4: the model's equations in words with the numbers the code uses, and what it cannot tell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ghgmodel.factors import factor_table
from ghgmodel.scenario import FIRST_YEAR
from ghgmodel.systems import spf_at_flow_temperature
from locales import num
from ui import db, model
from ui.i18n import lang, t
from ui.methodik.parameters import synth_parameters
from ui.methodik.prose import draw, label, title
from ui.methodik.values import method_values

# the sections of the method text in their order (locales/methodik/<lang>/<section>.md)
METHOD_SECTIONS = (
    "demand",
    "final_energy",
    "factors",
    "district_heating",
    "pathway",
    "heatpump",
    "supply",
    "targets",
    "contributions",
    "synthetic",
    "disclosure",
)
FLOW_TEMPS_C = (35, 45, 55, 70)
FACTOR_YEARS = (2030, 2035, 2045)


def spf_table(lg: str) -> pd.DataFrame:
    """Expected SPF of air and ground heat pumps at typical design flow temperatures (ghgmodel.systems)."""
    p = model.params()
    temps = np.array(FLOW_TEMPS_C, dtype=float)
    return pd.DataFrame(
        {
            t("methodik_flow_temp"): [f"{x:.0f} °C" for x in temps],
            t("methodik_spf_air"): [num(x, 2, lg) for x in spf_at_flow_temperature("air", temps, p)],
            t("methodik_spf_ground"): [num(x, 2, lg) for x in spf_at_flow_temperature("ground", temps, p)],
        }
    )


def factors_frame(lg: str) -> pd.DataFrame:
    """Factors of every energy carrier: GEG, and BISKO in the balance year and along the central electricity path."""
    p = model.params()
    year = int(db.meta().get("balance_year", FIRST_YEAR))
    geg = factor_table(p, "geg", [year])
    bisko = factor_table(p, "bisko", [year, *FACTOR_YEARS])
    frame = pd.DataFrame({t("methodik_col_carrier"): [label("carrier", c) for c in geg.columns]})
    frame["GEG"] = [num(x, 0, lg) for x in geg.iloc[0]]
    for y in bisko.index:
        frame[f"BISKO {y}"] = [num(x, 0, lg) for x in bisko.loc[y]]
    return frame


def allocation_frame(lg: str) -> pd.DataFrame:
    """Shares of heating carriers per census heating type (heatdb/params/synth.csv), in %."""
    synth = synth_parameters()
    rows = synth[synth["key"].str.startswith("alloc.")]
    parts = rows["key"].str.split(".", expand=True)
    frame = pd.DataFrame({"heating": parts[1], "carrier": parts[2], "share": rows["value"].astype(float) * 100})
    pivot = frame.pivot_table(index="heating", columns="carrier", values="share", aggfunc="sum", sort=False).fillna(0.0)
    out = pd.DataFrame({t("methodik_heating_type"): [label("methodik_heating", h) for h in pivot.index]})
    for c in pivot.columns:
        out[label("carrier", c)] = [_short_pct(x, lg) for x in pivot[c]]
    return out


def _short_pct(x: float, lg: str) -> str:
    """A share in % with as few decimals as it needs (at most two); empty for zero."""
    if not x:
        return ""
    decimals = next(d for d in (0, 1, 2) if abs(round(x, d) - x) < 1e-9 or d == 2)
    return num(x, decimals, lg)


# a table under a section: (caption key, builder)
EXTRAS = {
    "final_energy": ("methodik_spf_caption", spf_table),
    "factors": ("methodik_factor_caption", factors_frame),
    "synthetic": ("methodik_alloc_caption", allocation_frame),
}


def method() -> None:
    """The model's equations in plain words, with the numbers the code uses."""
    lg = lang()
    values = method_values(lg)
    st.markdown(t("methodik_method_intro"))
    for i, section in enumerate(METHOD_SECTIONS):
        with st.expander(title(section, values), expanded=i == 0):
            draw(section, values)
            if section in EXTRAS:
                caption, builder = EXTRAS[section]
                st.caption(t(caption))
                st.dataframe(builder(lg), hide_index=True, width="content")


def limits() -> None:
    """What the data and the model cannot tell."""
    values = method_values(lang())
    st.subheader(title("limits", values))
    draw("limits", values)

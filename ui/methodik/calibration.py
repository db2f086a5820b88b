"""Tab 5: the synthetic stock against the published figures it is calibrated to, queried live."""

from __future__ import annotations

import streamlit as st

from ghgmodel.params import Parameters
from locales import num, pct, signed
from ui import db, model
from ui.i18n import lang, t
from ui.methodik.parameters import synth_parameters


def calibration_figures() -> dict:
    """The warehouse against the census and the Fernwärmeatlas (heatdb.queries.calibration_counts; fed-in heat in GWh/a)."""
    p = model.params()
    s = Parameters(synth_parameters())
    out = dict(db.query("calibration_counts", s.value("retrofit.class_e_max_kwh_per_m2")))
    # the heat fed into the network for the modelled buildings: what they receive plus the network's losses
    out["dh_fed_in_gwh"] = out["dh_delivered_mwh"] / (1 - p.value("dh.network_loss_share")) / 1000
    out["dh_atlas_gwh"] = p.value("dh.fed_in_gwh_per_year")
    out["class_e_target_pct"] = s.value("retrofit.share_class_e_or_better_pct")
    return out


def deviation_pct(model_value: float, reference: float) -> float:
    return 100.0 * (model_value / reference - 1.0) if reference else float("nan")


def calibration() -> None:
    """Live comparison of the synthetic stock with the published figures it is calibrated to."""
    lg = lang()
    c = calibration_figures()
    st.subheader(t("methodik_calib_heading"))
    st.markdown(t("methodik_calib_intro"))
    rows = [
        # (label key, model value, reference value, decimals, scale)
        ("methodik_calib_buildings", c["n_buildings"], c["n_buildings_census"], 0, 1),
        ("methodik_calib_dwellings", c["n_dwellings"], c["n_dwellings_census"], 0, 1),
        ("methodik_calib_living", c["living_area_m2"], c["living_area_census_m2"], 2, 1e-6),
        ("methodik_calib_dh", c["dh_fed_in_gwh"], c["dh_atlas_gwh"], 0, 1),
    ]
    cols = st.columns(2)
    for i, (label, value, reference, decimals, scale) in enumerate(rows):
        cols[i % 2].metric(
            t(label),
            num(value * scale, decimals, lg),
            t(f"{label}_delta", dev=signed(deviation_pct(value, reference), 1, lg), ref=num(reference * scale, decimals, lg)),
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=t(
                f"{label}_help",
                delivered=num(c["dh_delivered_mwh"] / 1000, 0, lg),
                loss=pct(100 * model.params().value("dh.network_loss_share"), 1, lg),
            ),
        )
    e_cols = st.columns(2)
    e_cols[0].metric(
        t("methodik_calib_class_e"),
        pct(c["class_e_share_pct"], 1, lg),
        t("methodik_calib_class_e_delta", ref=pct(c["class_e_target_pct"], 0, lg)),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=t("methodik_calib_class_e_help", limit=num(Parameters(synth_parameters()).value("retrofit.class_e_max_kwh_per_m2"), 0, lg)),
    )
    e_cols[1].metric(
        t("methodik_calib_gas"),
        pct(c["gas_share_pct"], 1, lg),
        t("methodik_calib_gas_delta"),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=t("methodik_calib_gas_help"),
    )
    st.caption(t("methodik_calib_caption", n_osm=num(c["n_osm"], 0, lg)))
    reconciliation(lg)


def reconciliation(lg: str) -> None:
    """The model's base year against the city's published figures, each deviation with its band and its reason."""
    from ghgmodel.scenario import Scenario
    from reports.dataset import reconciliation_table

    # the base year is the observed state, the same in every scenario
    pw = model.pathway(Scenario(name="base"))
    table = reconciliation_table(db.cursor(), pw, model.params())
    st.subheader(t("recon_heading"))
    st.markdown(t("recon_intro"))
    frame = {
        t("recon_col_figure"): [t(f"recon_{f}") for f in table["figure"]],
        t("recon_col_unit"): table["unit"],
        t("recon_col_model"): [num(v, 1 if abs(v) < 1000 else 0, lg) for v in table["model"]],
        t("recon_col_published"): [num(v, 1 if abs(v) < 1000 else 0, lg) for v in table["published"]],
        t("recon_col_deviation"): [signed(v, 1, lg) + " %" for v in table["deviation_pct"]],
        t("recon_col_band"): ["± " + num(v, 0, lg) + " %" for v in table["band_pct"]],
        t("recon_col_why"): [t(k) for k in table["explanation"]],
        t("recon_col_source"): table["source"],
    }
    st.dataframe(frame, hide_index=True, width="stretch")

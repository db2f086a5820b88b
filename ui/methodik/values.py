"""Every number the method text quotes, read from the parameters, the model's functions and the warehouse.

The keys are the {placeholders} of locales/methodik/<lang>/*.md (tests/unit/test_locales.py checks
that every placeholder has a value here), so that every number in the text is the number the code uses.
"""

from __future__ import annotations

import inspect
from functools import cache

import numpy as np

from ghgmodel.contributions import calc_contributions
from ghgmodel.factors import dh_type_factor
from ghgmodel.heatpump import calc_hp_potential
from ghgmodel.params import Parameters
from ghgmodel.scenario import FIRST_YEAR, LAST_YEAR, Scenario
from ghgmodel.targets import city_target_ratio_2030
from locales import num
from ui import db, model
from ui.methodik.calibration import calibration_figures
from ui.methodik.parameters import synth_parameters
from ui.methodik.prose import label


@cache
def _function_default(func, name: str):
    return inspect.signature(func).parameters[name].default


def bisko_standins(params: Parameters) -> list[str]:
    """Keys of the BISKO set that stand in for a value we could not read in a BISKO source."""
    tab = params.table
    rows = tab[tab["key"].str.startswith("ef.bisko.")]
    mark = rows["description"].str.contains("stand-in", case=False) | rows["rationale"].str.contains(
        "BISKO value not available|no BISKO", case=False
    )
    return list(dict.fromkeys(rows.loc[mark, "key"]))


def one_unit_noise_distance_m(params: Parameters) -> float:
    """The free distance one outdoor unit needs at the night limit, as the model's heat-pump check computes it.

    A building without heat needs exactly one unit, so its noise distance is the one-unit distance.
    """
    none = np.zeros(1)
    hp = calc_hp_potential(none, np.array([2000]), np.array(["none"]), none, none, params)
    return float(hp.noise_distance_m[0])


def method_values(lg: str) -> dict[str, str]:
    """Every number the method text quotes, in the language's number format."""
    p = model.params()
    s = Parameters(synth_parameters())
    meta = db.meta()
    cal = calibration_figures()
    sc = Scenario(name="defaults")

    def n(value, decimals=0):
        return num(value, decimals, lg)

    def v(key, decimals=0, year=None):
        return n(p.value(key, year), decimals)

    el_years = p.series("ef.bisko.electricity")
    ratio = city_target_ratio_2030(p)
    # the steps of ghgmodel.targets, quoted in the text: the city in 1990 and its 2030 target (t CO2e/a)
    city_1990 = p.value("city.ghg_t_per_year", 2020) / (1 - p.value("city.reduction_vs_1990_pct", 2020) / 100)
    target_2030 = ratio * p.value("city.ghg_t_per_year", 2022)
    per_probe = p.value("hp.probe_depth_m") * p.value("hp.probe_extraction_w_per_m") * p.value("hp.probe_full_load_hours") / 1e6
    wpg = p.series("wpg.dh_renewable_min_share")
    return {
        "first_year": str(FIRST_YEAR),
        "last_year": str(LAST_YEAR),
        "first_change": str(FIRST_YEAR + 1),
        "balance_year": str(meta.get("balance_year", "")),
        "a_ref": v("a_c_ref_per_living_area", 2),
        "q_w_small": v("q_w_nd.SFH"),
        "q_w_large": v("q_w_nd.MFH"),
        "rf_std": v("retrofit_factor.standard.0_1983", 2),
        "rf_adv": v("retrofit_factor.advanced.0_1983", 2),
        "calib_q_full": v("calib.q_full_kwh_per_m2"),
        "calib_slope": v("calib.slope_per_kwh_per_m2", 5),
        "calib_mean": n(100 * p.value("calib.mean_prebound")),
        "calib_floor": v("calib.floor", 2),
        "eta_gas": v("eta.gas", 2),
        "eta_oil": v("eta.oil", 2),
        "eta_cond": v("eta.gas_condensing", 2),
        "spf_air": v("spf.air.field", 2),
        "spf_ground": v("spf.ground.field", 2),
        "t_field": v("spf.field_flow_temp_c"),
        "t_src_air": v("spf.source_temp_c.air"),
        "t_src_ground": v("spf.source_temp_c.ground"),
        "spf_min": v("spf.min", 1),
        "spf_max": f"{v('spf.max.air', 2)} / {v('spf.max.ground', 2)}",
        "flow_old": v("hp.flow_temp_c.unrenovated_before_1984"),
        "flow_mid": v("hp.flow_temp_c.unrenovated_1984_2009"),
        "flow_new": v("hp.flow_temp_c.from_2010"),
        "flow_std": v("hp.flow_temp_c.standard_retrofit"),
        "flow_adv": v("hp.flow_temp_c.advanced_retrofit"),
        "ef_geg_el": v("ef.geg.electricity"),
        "ef_geg_gas": v("ef.geg.gas"),
        "ef_bisko_gas": v("ef.bisko.gas"),
        "ef_bisko_el": v("ef.bisko.electricity", year=int(meta.get("balance_year", FIRST_YEAR))),
        "el_last_year": str(max(el_years)),
        "el_2030": v("el_path.central", year=2030),
        "el_2045": v("el_path.central", year=2045),
        "ef_h2": v("ef.bisko.hydrogen"),
        "standins": ", ".join(f"`{k}`" for k in bisko_standins(p)),
        "dh_type": p.text("dh.default_network_type"),
        "ef_dh_default": n(dh_type_factor(p, "geg", p.text("dh.default_network_type"))),
        "fed_in": v("dh.fed_in_gwh_per_year"),
        "loss_pct": n(100 * p.value("dh.network_loss_share"), 1),
        "ef_waste": v("ef.bisko.waste_heat"),
        "large_hp_spf": v("large_hp.spf", 1),
        "wpg_start": n(100 * p.value("wpg.dh_path_start_share")),
        "wpg_2030": n(100 * wpg[2030]),
        "wpg_2040": n(100 * wpg[2040]),
        "wpg_2045": n(100 * wpg[2045]),
        "dh_ren_ef": v("dh.renewable_ef"),
        "retrofit_rate": n(sc.retrofit_rate_pct[FIRST_YEAR], 1),
        "retrofit_adv": n(sc.retrofit_advanced_share_pct[FIRST_YEAR]),
        "conn_max": n(sc.dh_connection_max_pct),
        "dh_choice": n(sc.dh_share_at_replacement_pct),
        "fallback": label("fb", sc.fallback_system),
        "lifetime": v("boiler.lifetime_years"),
        "geg65": str(int(p.value("geg65.from_year"))),
        "spf_low": v("uncertainty.spf_factor.low", 1),
        "spf_high": v("uncertainty.spf_factor.high", 1),
        "conn_low": v("uncertainty.connection_factor.low", 1),
        "conn_high": v("uncertainty.connection_factor.high", 1),
        "probe_spacing": v("hp.probe_spacing_m"),
        "probe_setback": v("hp.probe_setback_plot_m"),
        "probe_dist": v("hp.probe_distance_building_m"),
        "probe_depth": v("hp.probe_depth_m"),
        "probe_w": v("hp.probe_extraction_w_per_m"),
        "probe_h": v("hp.probe_full_load_hours"),
        "probe_mwh": n(per_probe, 1),
        "hp_hours": v("hp.heating_full_load_hours"),
        "unit_kw": v("hp.air_unit_capacity_kw"),
        "lw": v("hp.air_unit_sound_power_db"),
        "noise_limit": v("hp.noise_limit_night_db"),
        "noise_geom": v("hp.noise_geometry_db"),
        "noise_r1": n(one_unit_noise_distance_m(p), 1),
        "limited_flow": v("hp.limited_flow_temp_c"),
        "d_new": v("density.edge.new_build"),
        "d_low": v("density.edge.low_temp"),
        "d_conv": v("density.edge.conventional"),
        "d_very": v("density.edge.very_high"),
        "share_dh": v("supply.dh_share_existing_network_pct"),
        "share_hp": v("supply.hp_share_decentral_pct"),
        "wld_conv": v("wld.threshold_conventional"),
        "wld_low": v("wld.threshold_low"),
        "pipe_cost": v("supply.pipe_cost_eur_per_m"),
        "street_m": v("supply.street_m_per_ha"),
        "cost_good": v("supply.cost_good_eur_per_mwh"),
        "cost_max": v("supply.cost_max_eur_per_mwh"),
        "min_buildings": v("privacy.min_buildings"),
        "kl_2030": v("target.klima_luft_2030.reduction_vs_1990_pct"),
        "neutral_year": str(int(p.value("target.neutrality.year"))),
        "residual": v("target.neutrality.residual_share_pct"),
        "ghg_2020": n(p.value("city.ghg_t_per_year", 2020) / 1e6, 2),
        "ghg_2022": n(p.value("city.ghg_t_per_year", 2022) / 1e6, 2),
        "red_2020": v("city.reduction_vs_1990_pct", year=2020),
        "ghg_1990": n(city_1990 / 1e6, 2),
        "target_2030": n(target_2030 / 1e6, 2),
        "ratio_2030": n(ratio, 3),
        "cut_2030": n(100 * (1 - ratio), 1),
        "max_exact": str(_function_default(calc_contributions, "max_exact")),
        "n_perm": str(_function_default(calc_contributions, "n_permutations")),
        "shapley_seed": str(_function_default(calc_contributions, "seed")),
        "seed": str(int(s.value("synth.seed"))),
        "year_from": str(int(s.value("synth.year_from.vor1919"))),
        "year_to": str(int(s.value("synth.year_to.ab2009"))),
        "class_e": n(s.value("retrofit.share_class_e_or_better_pct")),
        "class_e_limit": n(s.value("retrofit.class_e_max_kwh_per_m2")),
        "gross": n(s.value("gross_floor_per_living_area"), 2),
        "aspect": n(s.value("footprint.aspect_max"), 1),
        "margin": n(s.value("footprint.margin_m"), 0),
        "gas_share": n(cal["gas_share_pct"], 1),
        "n_osm": n(cal["n_osm"]),
        "max_dist": v("expansion.max_distance_m"),
        "min_cells": v("expansion.min_cells"),
        "exp_first": str(int(p.value("expansion.first_year"))),
        "exp_last": str(int(p.value("expansion.last_year"))),
    }

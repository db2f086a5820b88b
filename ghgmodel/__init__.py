"""ghgmodel: the pure heat and greenhouse-gas model (no I/O but its own parameter tables)."""

from ghgmodel.abatement import Abatement, annuity_factor, calc_abatement
from ghgmodel.balance import Balance, calc_balance, validate_buildings
from ghgmodel.baseline import DRIVERS, UNBACKED, Baseline, baseline_levers
from ghgmodel.carriers import BUILDING_TYPES, ENERGY_CARRIER, ENERGY_CARRIERS, HEATING_CARRIERS, RETROFIT_LEVELS
from ghgmodel.contributions import Contributions, calc_contributions, check_contributions_add_up
from ghgmodel.decomposition import Decomposition, calc_decomposition
from ghgmodel.demand import calc_heat_need, need_table
from ghgmodel.engine import PathwayEngine, Run
from ghgmodel.errors import ModelInputError, ParameterError
from ghgmodel.factors import FACTOR_SETS, carrier_factor, factor_table, resolve_factor_set
from ghgmodel.heatpump import HP_CLASSES, calc_hp_potential
from ghgmodel.networks import Plant
from ghgmodel.params import Parameters, load_parameters
from ghgmodel.pathway import HEAT_STATES, VARIANTS, Pathway, calc_pathway, select_projects
from ghgmodel.projects import PROJECT_STATUSES, PROJECT_TYPES, Project
from ghgmodel.scenario import Scenario
from ghgmodel.stock import Stock, build_stock
from ghgmodel.supply import classify_supply_area, heat_density_class, heat_density_mwh_per_ha, heat_line_density_kwh_per_m
from ghgmodel.targets import calc_gaps, calc_targets
from ghgmodel.wpg import calc_wpg_indicators, check_network_renewable_share, heat_plan_deadline, may_publish

__all__ = [
    "DRIVERS",
    "UNBACKED",
    "Abatement",
    "Baseline",
    "Decomposition",
    "PathwayEngine",
    "Plant",
    "Run",
    "annuity_factor",
    "baseline_levers",
    "calc_abatement",
    "calc_decomposition",
    "select_projects",
    "BUILDING_TYPES",
    "ENERGY_CARRIER",
    "ENERGY_CARRIERS",
    "FACTOR_SETS",
    "HEATING_CARRIERS",
    "HEAT_STATES",
    "HP_CLASSES",
    "PROJECT_STATUSES",
    "PROJECT_TYPES",
    "RETROFIT_LEVELS",
    "VARIANTS",
    "Balance",
    "Contributions",
    "ModelInputError",
    "ParameterError",
    "Parameters",
    "Pathway",
    "Project",
    "Scenario",
    "Stock",
    "build_stock",
    "calc_balance",
    "calc_contributions",
    "calc_gaps",
    "calc_heat_need",
    "calc_hp_potential",
    "calc_pathway",
    "calc_targets",
    "calc_wpg_indicators",
    "carrier_factor",
    "check_contributions_add_up",
    "check_network_renewable_share",
    "classify_supply_area",
    "factor_table",
    "heat_density_class",
    "heat_density_mwh_per_ha",
    "heat_line_density_kwh_per_m",
    "heat_plan_deadline",
    "load_parameters",
    "may_publish",
    "need_table",
    "resolve_factor_set",
    "validate_buildings",
]

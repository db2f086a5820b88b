"""Heating carriers (what a building heats with) and the energy carriers they draw on.

A building's `carrier` is its heating carrier; emission factors and the WPG indicators use energy
carriers. A heat pump heats with ambient heat but draws electricity, so its energy carrier is
`electricity`.
"""

HEATING_CARRIERS: tuple[str, ...] = (
    "gas",
    "oil",
    "lpg",
    "coal",
    "wood",
    "biogas",
    "electric",
    "heat_pump_air",
    "heat_pump_ground",
    "district_heating",
    "solar_thermal",
)

ENERGY_CARRIER: dict[str, str] = {
    "gas": "gas",
    "oil": "oil",
    "lpg": "lpg",
    "coal": "coal",
    "wood": "wood",
    "biogas": "biogas",
    "electric": "electricity",
    "heat_pump_air": "electricity",
    "heat_pump_ground": "electricity",
    "district_heating": "district_heating",
    "solar_thermal": "solar_thermal",
}

ENERGY_CARRIERS: tuple[str, ...] = (
    "gas",
    "hydrogen",
    "oil",
    "lpg",
    "coal",
    "wood",
    "biogas",
    "electricity",
    "district_heating",
    "solar_thermal",
)

FOSSIL_HEATING: frozenset[str] = frozenset({"gas", "oil", "lpg", "coal"})
HEAT_PUMPS: frozenset[str] = frozenset({"heat_pump_air", "heat_pump_ground"})
# energy carriers delivered through a grid, for WPG Anlage 2 III Nr. 3, 4 and 6
GRID_BOUND: frozenset[str] = frozenset({"gas", "hydrogen", "biogas", "district_heating"})

BUILDING_TYPES: tuple[str, ...] = ("SFH", "TH", "MFH", "AB", "NR")
RETROFIT_LEVELS: tuple[str, ...] = ("none", "standard", "advanced")

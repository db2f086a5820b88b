"""Projects of the Climate City Contract portfolio: measures with an owner, a reach and a ramp.

Each type acts on the pathway engine's state:
- dh_expansion: connects `connection_share_pct` of the non-connected buildings in its reach to the
  network, linearly from start_year to end_year.
- dh_decarbonisation / large_hp_or_solar_network: feeds `heat_mwh_per_year` (reached linearly by
  end_year) from a cleaner source into network `network_id`, displacing the network's own heat.
- hp_programme: switches `rate_pct_per_year` of the fossil-heated buildings in reach with a heat-pump
  class ground, air or limited to a heat pump each year from start_year to end_year; a hybrid programme
  (`is_hybrid`) supplies only the share `dh.hybrid_hp_heat_share` of their heat by heat pump, the rest
  stays with the gas boiler.
- retrofit_programme: retrofits `rate_pct_per_year` of the unrenovated buildings in reach per year.
- own_building_conversion: converts the listed buildings (`building_ids`, the owner's own buildings;
  a district alone is not a reach for this type) to `target_system` (hp or dh) linearly by end_year
  (to a heat pump only where the heat-pump class is not unsuitable), and retrofits them when
  `retrofit_depth` is given.

Projects act from the year after the base year of the pathway: what a project did before is part of
the observed state (the warehouse), so only the rest of its ramp enters the model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from ghgmodel.errors import ModelInputError

PROJECT_TYPES = (
    "dh_expansion",
    "dh_decarbonisation",
    "hp_programme",
    "retrofit_programme",
    "large_hp_or_solar_network",
    "own_building_conversion",
)
PROJECT_STATUSES = ("idea", "planned", "approved", "in_progress", "completed", "stopped")
HEAT_SOURCES = ("waste_heat", "solar_thermal", "large_hp", "biomass", "custom")


@dataclass(frozen=True, kw_only=True)
class Project:
    """One measure of the portfolio.

    Attributes:
        project_id: stable id (letters, digits, _ and -).
        name: the measure's name (shown as text, never as markup).
        owner: the organisation that carries it (city, DEW21, DSW21, a housing company, ...).
        project_type: one of PROJECT_TYPES.
        status: one of PROJECT_STATUSES.
        start_year, end_year: first year of effect; year the full effect is reached.
        district_ids, expansion_area_ids, building_ids: the reach (any combination; empty = none).
        network_id: the district-heating network (network projects).
        connection_share_pct: dh_expansion, % of non-connected buildings in reach connected by end_year.
        rate_pct_per_year: hp_programme / retrofit_programme, % of eligible buildings per year.
        heat_mwh_per_year: network projects, heat fed at full effect, MWh/a.
        heat_source: network projects, one of HEAT_SOURCES.
        source_ef_g_per_kwh: factor of the heat source when heat_source is custom (or to override).
        retrofit_depth: standard or advanced (retrofit_programme, own_building_conversion); '' = none.
        target_system: own_building_conversion, hp or dh.
        is_hybrid: hp_programme, hybrid systems (heat pump + gas boiler) instead of full heat pumps.
        capex_eur, funding_eur: investment and public funding, EUR.
        funding_source: who funds it.
        source: where the figures come from (URL or document).
        is_approximated: figures estimated by us rather than published.
        note: free text.
    """

    project_id: str
    name: str
    owner: str
    project_type: str
    status: str = "planned"
    start_year: int = 2025
    end_year: int = 2030
    district_ids: tuple[str, ...] = ()
    expansion_area_ids: tuple[str, ...] = ()
    building_ids: tuple[str, ...] = ()
    network_id: str = ""
    connection_share_pct: float = 0.0
    rate_pct_per_year: float = 0.0
    heat_mwh_per_year: float = 0.0
    heat_source: str = "waste_heat"
    source_ef_g_per_kwh: float | None = None
    retrofit_depth: str = ""
    target_system: str = "hp"
    is_hybrid: bool = False
    capex_eur: float = 0.0
    funding_eur: float = 0.0
    funding_source: str = ""
    source: str = ""
    is_approximated: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        where = f"project {self.project_id!r}"
        if not self.project_id or not all(ch.isalnum() or ch in "_-" for ch in self.project_id):
            raise ModelInputError(f"{where}: project_id may only hold letters, digits, _ and -.")
        if not str(self.name).strip():
            raise ModelInputError(f"{where}: name is empty. Give the project a name.")
        if self.project_type not in PROJECT_TYPES:
            raise ModelInputError(f"{where}: project_type = {self.project_type!r}; use one of {', '.join(PROJECT_TYPES)}.")
        if self.status not in PROJECT_STATUSES:
            raise ModelInputError(f"{where}: status = {self.status!r}; use one of {', '.join(PROJECT_STATUSES)}.")
        for attr in ("start_year", "end_year"):
            v = getattr(self, attr)
            if not isinstance(v, int) or not 2000 <= v <= 2050:
                raise ModelInputError(f"{where}: {attr} = {v!r} is not a year in 2000..2050.")
        if self.end_year < self.start_year:
            raise ModelInputError(f"{where}: end_year {self.end_year} is before start_year {self.start_year}. Swap or correct them.")
        for attr, high in (("connection_share_pct", 100), ("rate_pct_per_year", 50)):
            v = getattr(self, attr)
            if not 0 <= v <= high:
                raise ModelInputError(f"{where}: {attr} = {v:g} is outside 0..{high}.")
        for attr in ("heat_mwh_per_year", "capex_eur", "funding_eur"):
            if getattr(self, attr) < 0:
                raise ModelInputError(f"{where}: {attr} = {getattr(self, attr):g} is negative.")
        if self.funding_eur > self.capex_eur > 0:
            raise ModelInputError(f"{where}: funding_eur {self.funding_eur:,.0f} is above capex_eur {self.capex_eur:,.0f}.")
        if self.heat_source not in HEAT_SOURCES:
            raise ModelInputError(f"{where}: heat_source = {self.heat_source!r}; use one of {', '.join(HEAT_SOURCES)}.")
        if self.heat_source == "custom" and self.source_ef_g_per_kwh is None and self.is_network_project:
            raise ModelInputError(f"{where}: heat_source custom needs source_ef_g_per_kwh.")
        if self.retrofit_depth not in ("", "standard", "advanced"):
            raise ModelInputError(f"{where}: retrofit_depth = {self.retrofit_depth!r}; use standard, advanced or leave empty.")
        if self.target_system not in ("hp", "dh"):
            raise ModelInputError(f"{where}: target_system = {self.target_system!r}; use hp or dh.")
        if self.is_network_project and not self.network_id:
            raise ModelInputError(f"{where}: a {self.project_type} project needs network_id.")
        if not self.is_network_project and not (self.district_ids or self.expansion_area_ids or self.building_ids):
            raise ModelInputError(f"{where}: no reach. Give district_ids, expansion_area_ids or building_ids.")
        if self.project_type == "own_building_conversion" and not self.building_ids:
            raise ModelInputError(
                f"{where}: an own_building_conversion needs building_ids (the owner's buildings). "
                "A district alone would convert every fossil building in it; name the buildings."
            )
        for attr in ("district_ids", "expansion_area_ids", "building_ids"):
            object.__setattr__(self, attr, tuple(str(x) for x in getattr(self, attr)))

    @property
    def is_network_project(self) -> bool:
        return self.project_type in ("dh_decarbonisation", "large_hp_or_solar_network")

    def ramp(self, year: int) -> float:
        """Share of the full effect reached in `year` (0 before start, linear, 1 from end_year)."""
        if year < self.start_year:
            return 0.0
        if year >= self.end_year:
            return 1.0
        return (year - self.start_year + 1) / (self.end_year - self.start_year + 1)

    def is_active(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year

    @property
    def is_connection_project(self) -> bool:
        """A measure that connects buildings to a heat network."""
        return self.project_type == "dh_expansion" or (self.project_type == "own_building_conversion" and self.target_system == "dh")

    def to_dict(self) -> dict:
        d = asdict(self)
        for attr in ("district_ids", "expansion_area_ids", "building_ids"):
            d[attr] = list(d[attr])
        return d

    @classmethod
    def from_dict(cls, data: dict) -> Project:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ModelInputError(f"project {data.get('project_id')!r}: unknown field(s) {sorted(unknown)}.")
        data = dict(data)
        for attr in ("district_ids", "expansion_area_ids", "building_ids"):
            if attr in data and data[attr] is not None:
                data[attr] = tuple(data[attr])
        return cls(**data)

"""Scenarios: a named set of levers over time.

A lever that changes over time is a `Series`: {year: value}, linear between the given years and
constant before the first and after the last. Rates are percent of the group's buildings per year.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace

import numpy as np

from ghgmodel.errors import ModelInputError
from ghgmodel.factors import FACTOR_SETS

Series = dict[int, float]
HP_ADOPTION_CLASSES = ("ground", "air", "limited")
DH_PATHS = ("frozen", "wpg", "custom")
DECIDED_STATUSES = ("approved", "in_progress", "completed")
ASSUMED_STATUSES = ("planned", *DECIDED_STATUSES)
EL_PATHS = ("central", "slow", "fast")
FALLBACK_SYSTEMS = ("gas_new", "wood_new", "hp_air")
FIRST_YEAR, LAST_YEAR = 2024, 2045


def series_values(series: Series, years: np.ndarray) -> np.ndarray:
    """A lever's value in each year."""
    if not series:
        return np.zeros(len(years))
    xs = np.array(sorted(int(k) for k in series), dtype=float)
    ys = np.array([series[k] if k in series else series[str(int(k))] for k in sorted(series, key=int)], dtype=float)
    return np.interp(np.asarray(years, dtype=float), xs, ys)


def _norm_series(value, name: str, low: float, high: float) -> Series:
    if isinstance(value, (int, float)):
        value = {FIRST_YEAR: float(value)}
    if not isinstance(value, dict) or not value:
        raise ModelInputError(f"lever {name}: give a number or {{year: value}}, got {value!r}.")
    out = {}
    for k, v in value.items():
        try:
            year, val = int(k), float(v)
        except (TypeError, ValueError):
            raise ModelInputError(f"lever {name}: {k!r}: {v!r} is not year: number.") from None
        if not 2000 <= year <= 2060:
            raise ModelInputError(f"lever {name}: year {year} is outside 2000..2060.")
        if not low <= val <= high:
            raise ModelInputError(f"lever {name}: {val:g} in {year} is outside {low:g}..{high:g}. Give a value in that range.")
        out[year] = val
    return dict(sorted(out.items()))


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """The levers of a scenario (all rates in % of a group's buildings per year).

    Attributes:
        name: short name shown in the UI.
        description: what the scenario stands for.
        factor_set: `bisko` (year-dependent, the municipal balance method) or `geg` (fixed by law).
        demand_basis: the demand basis the service builds the stock with: `consumption` (calibrated to the
            typical measured level, the default) or `tabula` (calculated need); the engine uses the stock's.
        el_path: grid electricity path after the last observed year: central, slow or fast.
        dh_path: `frozen` (networks change only by their own plants and the measures), `wpg` (every
            network reaches at least the WPG 29/31 renewable shares: a line to 30 % in 2030, then 80 % in
            2040 and 100 % in 2045) or `custom` (the path `dh_min_share_pct`). What no plant or measure
            delivers of that path is the network's unbacked assumption.
        dh_min_share_pct: with dh_path custom, the share of renewable or waste heat every network reaches.
        retrofit_rate_pct: share of the stock retrofitted per year (unrenovated buildings only).
        retrofit_advanced_share_pct: share of those retrofits done to the advanced level.
        hp_adoption_pct: per heat-pump class (ground, air, limited), share of fossil-heated buildings
            switching to a heat pump per year in addition to replacements at end of life.
        dh_connection_rate_pct: share of an expansion area's buildings connected per year from the
            area's planned year on.
        dh_connection_max_pct: largest share of an expansion area's buildings on district heating.
        dh_connection_by_area: per expansion area id, {"year": first year, "rate_pct": % per year}
            replacing the area's planned year and the general connection rate (either key may be left out).
        dh_densification_pct: share of non-connected buildings in existing district-heating areas
            connected per year.
        boiler_replacement: replace fossil boilers at the end of their life (boiler.lifetime_years; ages
            are taken as evenly spread, so 1/lifetime of the original boilers is replaced each year);
            before geg65.from_year with a condensing gas boiler, from then on with district heating
            (in a network area), a heat pump (by class) or the fallback system.
        dh_share_at_replacement_pct: share of replacements in network areas that choose district heating.
        fallback_system: what replaces a boiler where neither a network nor a heat pump is possible.
        h2_share_pct: share of hydrogen in the gas supply.
        project_ids: the portfolio projects included; None means all of the portfolio with a status in
            `project_statuses`.
        project_statuses: the statuses of the measures a scenario assumes (None: every status but
            `stopped` and `idea`). "Trend" assumes only decided measures (approved, in progress,
            completed); planned measures enter the scenarios that assume them.
    """

    name: str
    description: str = ""
    factor_set: str = "bisko"
    demand_basis: str = "consumption"
    el_path: str = "central"
    dh_path: str = "frozen"
    dh_min_share_pct: Series = field(default_factory=lambda: {FIRST_YEAR: 0.0})
    retrofit_rate_pct: Series = field(default_factory=lambda: {FIRST_YEAR: 1.0})
    retrofit_advanced_share_pct: Series = field(default_factory=lambda: {FIRST_YEAR: 20.0})
    hp_adoption_pct: dict[str, Series] = field(default_factory=lambda: {c: {FIRST_YEAR: 0.0} for c in HP_ADOPTION_CLASSES})
    dh_connection_rate_pct: Series = field(default_factory=lambda: {FIRST_YEAR: 0.0})
    dh_connection_max_pct: float = 60.0
    dh_connection_by_area: dict[str, dict] = field(default_factory=dict)
    dh_densification_pct: Series = field(default_factory=lambda: {FIRST_YEAR: 0.0})
    boiler_replacement: bool = True
    dh_share_at_replacement_pct: float = 80.0
    fallback_system: str = "gas_new"
    h2_share_pct: Series = field(default_factory=lambda: {FIRST_YEAR: 0.0})
    project_ids: tuple[str, ...] | None = None
    project_statuses: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise ModelInputError("scenario name is empty. Give the scenario a name.")
        if len(self.name) > 120:
            raise ModelInputError("scenario name is longer than 120 characters. Shorten it.")
        for attr, allowed in (
            ("factor_set", FACTOR_SETS),
            ("demand_basis", ("tabula", "consumption")),
            ("el_path", EL_PATHS),
            ("dh_path", DH_PATHS),
            ("fallback_system", FALLBACK_SYSTEMS),
        ):
            if getattr(self, attr) not in allowed:
                raise ModelInputError(f"scenario {self.name!r}: {attr} = {getattr(self, attr)!r}; use one of {', '.join(allowed)}.")
        set_ = object.__setattr__
        set_(self, "retrofit_rate_pct", _norm_series(self.retrofit_rate_pct, "retrofit_rate_pct", 0, 20))
        set_(self, "retrofit_advanced_share_pct", _norm_series(self.retrofit_advanced_share_pct, "retrofit_advanced_share_pct", 0, 100))
        hp = dict(self.hp_adoption_pct)
        unknown = set(hp) - set(HP_ADOPTION_CLASSES)
        if unknown:
            raise ModelInputError(f"lever hp_adoption_pct: unknown class(es) {sorted(unknown)}; use {', '.join(HP_ADOPTION_CLASSES)}.")
        set_(self, "hp_adoption_pct", {c: _norm_series(hp.get(c, 0.0), f"hp_adoption_pct.{c}", 0, 30) for c in HP_ADOPTION_CLASSES})
        set_(self, "dh_connection_rate_pct", _norm_series(self.dh_connection_rate_pct, "dh_connection_rate_pct", 0, 50))
        set_(self, "dh_densification_pct", _norm_series(self.dh_densification_pct, "dh_densification_pct", 0, 30))
        set_(self, "h2_share_pct", _norm_series(self.h2_share_pct, "h2_share_pct", 0, 100))
        set_(self, "dh_min_share_pct", _norm_series(self.dh_min_share_pct, "dh_min_share_pct", 0, 100))
        for attr in ("dh_connection_max_pct", "dh_share_at_replacement_pct"):
            v = float(getattr(self, attr))
            if not 0 <= v <= 100:
                raise ModelInputError(f"scenario {self.name!r}: {attr} = {v:g} is outside 0..100.")
            set_(self, attr, v)
        set_(self, "boiler_replacement", bool(self.boiler_replacement))
        by_area = {}
        for area, spec in dict(self.dh_connection_by_area or {}).items():
            if not isinstance(spec, dict) or set(spec) - {"year", "rate_pct"}:
                raise ModelInputError(f"lever dh_connection_by_area[{area!r}]: give {{'year': ..., 'rate_pct': ...}}.")
            clean = {}
            if spec.get("year") is not None:
                year = int(spec["year"])
                if not 2000 <= year <= 2060:
                    raise ModelInputError(f"lever dh_connection_by_area[{area!r}]: year {year} is outside 2000..2060.")
                clean["year"] = year
            if spec.get("rate_pct") is not None:
                rate = float(spec["rate_pct"])
                if not 0 <= rate <= 50:
                    raise ModelInputError(f"lever dh_connection_by_area[{area!r}]: rate_pct {rate:g} is outside 0..50.")
                clean["rate_pct"] = rate
            if clean:
                by_area[str(area)] = clean
        set_(self, "dh_connection_by_area", dict(sorted(by_area.items())))
        if self.project_ids is not None:
            set_(self, "project_ids", tuple(str(p) for p in self.project_ids))
        if self.project_statuses is not None:
            from ghgmodel.projects import PROJECT_STATUSES

            statuses = tuple(str(p) for p in self.project_statuses)
            unknown = sorted(set(statuses) - set(PROJECT_STATUSES))
            if unknown:
                raise ModelInputError(f"scenario {self.name!r}: project_statuses {unknown}; use {', '.join(PROJECT_STATUSES)}.")
            set_(self, "project_statuses", statuses)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["project_ids"] = None if self.project_ids is None else list(self.project_ids)
        d["project_statuses"] = None if self.project_statuses is None else list(self.project_statuses)
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ModelInputError(f"scenario: unknown lever(s) {sorted(unknown)}.")
        data = dict(data)
        for key in ("project_ids", "project_statuses"):
            if data.get(key) is not None:
                if not isinstance(data[key], (list, tuple)):
                    raise ModelInputError(f"scenario: {key} must be a list, got {type(data[key]).__name__}.")
                data[key] = tuple(data[key])
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        try:
            return cls.from_dict(json.loads(text))
        except json.JSONDecodeError as exc:
            raise ModelInputError(f"scenario JSON is not valid: {exc}.") from None

    def with_levers(self, **changes) -> Scenario:
        return replace(self, **changes)

    def selects(self, project) -> bool:
        """Whether the scenario assumes a portfolio project."""
        if self.project_ids is not None:
            return project.project_id in self.project_ids
        statuses = self.project_statuses if self.project_statuses is not None else ASSUMED_STATUSES
        return project.status in statuses

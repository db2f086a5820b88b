"""Abatement cost of a measure (CO2-Vermeidungskosten) by the annuity method (VDI 2067-1).

    annuity factor a  = i (1 + i)^n / ((1 + i)^n - 1)          (i interest rate, n service life)
    annual cost       = (investment - funding) x share after the base year x a
                        (+ operating-cost difference - the counterfactual's cost, where known)
    avoided           = mean attributed t CO2e/a over the measure's years of full effect in the
                        horizon: from its end year (at least the first modelled year) to the end of its
                        life or 2045, whichever comes first
    abatement cost    = annual cost / avoided                   EUR per t CO2e

Investment is counted from the measure's point of view (after funding). Only the part of the
investment that acts after the base year counts (in proportion to the measure's ramp), because what
it did before is in the observed state. The portfolio records no operating costs and no costs of the
counterfactual, so those terms are zero and the result says so (`without_operating_costs`). Where a
measure has no investment figure the cost is None ("keine Kostenangabe"), and where it avoids nothing
(or raises emissions) it is None too, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ghgmodel.params import Parameters
from ghgmodel.projects import Project
from ghgmodel.scenario import FIRST_YEAR, LAST_YEAR


@dataclass(frozen=True, kw_only=True)
class Abatement:
    """Abatement cost of one measure.

    Attributes:
        eur_per_t: EUR per t CO2e avoided, or None (see reason).
        reason: '' when computed; 'no_cost' (no investment figure), 'no_reduction' (avoids nothing
            or raises emissions in the modelled years), 'before_base_year' (acted before the pathway).
        annual_cost_eur: annualised net investment, EUR/a.
        avoided_t_per_year: mean attributed t CO2e/a over the counted years.
        lifetime_years, interest_rate: the annuity's inputs.
        years: the first and last year counted.
        without_operating_costs: operating costs and the counterfactual's cost are not in the data.
    """

    eur_per_t: float | None
    reason: str
    annual_cost_eur: float
    avoided_t_per_year: float
    lifetime_years: float
    interest_rate: float
    years: tuple[int, int]
    without_operating_costs: bool = True


def annuity_factor(interest_rate: float, years: float) -> float:
    """Capital recovery factor: the yearly payment per euro invested over `years` at `interest_rate`."""
    if years <= 0:
        raise ValueError("service life must be positive")
    if interest_rate == 0:
        return 1.0 / years
    q = (1.0 + interest_rate) ** years
    return interest_rate * q / (q - 1.0)


def calc_abatement(project: Project, attributed_t: dict, params: Parameters) -> Abatement:
    """Abatement cost of `project` from its attributed t CO2e/a per year (central variant)."""
    rate = params.value("abatement.interest_rate")
    life = params.value(f"abatement.lifetime.{project.project_type}")
    first = max(project.end_year, FIRST_YEAR + 1)
    last = int(min(project.end_year + life - 1, LAST_YEAR))
    first = min(first, LAST_YEAR)
    after_base = 1.0 - project.ramp(FIRST_YEAR)
    net = max(project.capex_eur - project.funding_eur, 0.0) * after_base
    annual = net * annuity_factor(rate, life)
    values = [float(attributed_t.get(y, 0.0)) for y in range(first, max(first, last) + 1)]
    avoided = float(np.mean(values)) if values else 0.0
    common = {
        "annual_cost_eur": annual,
        "avoided_t_per_year": avoided,
        "lifetime_years": life,
        "interest_rate": rate,
        "years": (first, last),
    }
    if after_base <= 0:
        return Abatement(eur_per_t=None, reason="before_base_year", **common)
    if project.capex_eur <= 0:
        return Abatement(eur_per_t=None, reason="no_cost", **common)
    if avoided <= 0:
        return Abatement(eur_per_t=None, reason="no_reduction", **common)
    return Abatement(eur_per_t=annual / avoided, reason="", **common)

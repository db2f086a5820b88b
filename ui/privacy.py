"""The public instance's publication rule in the app: reports.disclosure's figures (ui.db.public_figures), counts as
text, carrier names, the report datasets of the Rat page (`report_data`) and the answer at a point (`answer`).

ui.db hands out the published tables instead of the warehouse's on the public instance, so every page shows the same
published value of a group.
"""

from __future__ import annotations

import pandas as pd

from reports import disclosure
from ui.mode import is_public

OTHER = disclosure.OTHER


def min_buildings() -> int:
    from ui.model import params

    return int(params().value("privacy.min_buildings"))


def figures() -> disclosure.PublicFigures:
    """The public figures of the current warehouse (ui.db.public_figures)."""
    from ui import db

    return db.public_figures()


def count_text(n, fmt_num) -> str:
    """A building count as text; a suppressed or merged count (NaN on the public instance) shows as '–'."""
    if n is None or pd.isna(n):
        return "–"
    if is_public() and 0 < n < min_buildings():
        return f"< {min_buildings()}"
    return fmt_num(n)


def carrier_label(code: str) -> str:
    """The name of a carrier code of ui.db.district_carriers: a published group on the public instance, a carrier else."""
    from ui.i18n import has, t

    if code == OTHER:
        return t("q_other_small")
    key = f"karte_carrier_{code}" if is_public() else f"carrier_{code}"
    return t(key) if has(key) else str(code)


def report_data(data):
    """A report dataset (snapshot or live) as the public instance may show and hand it out."""
    return disclosure.public_report_data(data, figures())


def answer(lon: float, lat: float) -> dict:
    """What the heat plan says at a point on the public instance: the planning areas there and the smallest published
    unit around it (never a figure of fewer than the minimum of buildings, never one that others could be subtracted from)."""
    import h3

    from heatdb.geo import cell_id, cell_of_point, lonlat_to_3035
    from ui import db

    out = db.query("location_places", lon, lat)
    x, y = lonlat_to_3035([lon], [lat])
    cx, cy = cell_of_point(x, y)
    statbez = (out["district"] or {}).get("district_id")
    s = disclosure.surroundings(figures(), str(cell_id(cx, cy)[0]), h3.latlng_to_cell(lat, lon, 9), statbez)
    out = dict(out)
    out["surroundings"] = s
    supply = None
    if s and s.get("supply_area_type"):
        supply = {
            "unit": s["unit"],
            "type": s["supply_area_type"],
            "grade_heat_network": s["grade_heat_network"],
            "grade_decentral": s["grade_decentral"],
        }
    elif statbez:
        row = figures().district(statbez)
        if row is not None and row["is_published"] and row["supply_area_type"]:
            supply = {
                "unit": "statbez",
                "type": row["supply_area_type"],
                "grade_heat_network": row["grade_heat_network"],
                "grade_decentral": row["grade_decentral"],
            }
    out["supply"] = supply
    return out

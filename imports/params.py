"""The importers' parameters: heatdb/params/formats.csv on top of the model's and the generator's.

The table stays in heatdb/params beside synth.csv (the methods page lists both); the warehouse's
build_parameters() loads it too, so an import's parameters are the build's.
"""

from __future__ import annotations

from ghgmodel.params import Parameters, load_parameters, read_parameter_file
from heatdb.build import FORMATS_PARAMS, SYNTH_PARAMS


def format_parameters(params: Parameters | None = None) -> Parameters:
    """`params` (default: the model's plus synth.csv) with heatdb/params/formats.csv added."""
    if params is None:
        params = load_parameters(SYNTH_PARAMS, FORMATS_PARAMS)
    if "formats.attached_distance_m" in params:
        return params
    return params.with_overrides(read_parameter_file(FORMATS_PARAMS), name=FORMATS_PARAMS.name)


__all__ = ["FORMATS_PARAMS", "format_parameters"]

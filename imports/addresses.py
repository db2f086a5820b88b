"""Addresses (`addresses`): the official house coordinates (HK-DE) or OSM addr:* tags, for the residents' address search."""

from __future__ import annotations

from pathlib import Path

from ghgmodel.params import Parameters
from heatdb.addresses import read_addresses as read  # the build reads the shipped OSM addresses with the same reader
from heatdb.addresses import write_addresses
from imports.provenance import register_source


def apply(con, data, params: Parameters, path: Path) -> int:
    """Replace the address table (the newest import wins)."""
    write_addresses(con, data, "import:" + path.name)
    register_source(con, "import:" + path.name, "addresses", path)
    return len(data)


__all__ = ["apply", "read"]

"""Reports for the council: the numbers of a scenario or a frozen snapshot as PDF, slides, workbook and GeoPackage.

Layer: ui -> reports -> portfolio | imports -> heatdb -> ghgmodel. Never imports streamlit, so the command line
`python -m reports KIND --scenario NAME|--snapshot ID --out PATH` runs without the app.
"""

from reports.dataset import ReportData, build_report_data, resolve_scenario
from reports.model import ModelService

__all__ = ["ModelService", "ReportData", "build_report_data", "resolve_scenario"]

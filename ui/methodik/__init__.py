"""The Daten & Methodik page: datasets, parameters, method, known limits and calibration against published figures.

One module per tab; the prose is Markdown in locales/methodik/<lang>/<section>.md, its {placeholders}
filled with the numbers the code uses (values.py); the live queries are heatdb.queries'.
"""

from ui.methodik.calibration import calibration
from ui.methodik.datasets import datasets
from ui.methodik.method import limits, method
from ui.methodik.parameters import parameters

TABS = ("methodik_tab_data", "methodik_tab_params", "methodik_tab_method", "methodik_tab_limits", "methodik_tab_calibration")

__all__ = ["TABS", "calibration", "datasets", "limits", "method", "parameters"]

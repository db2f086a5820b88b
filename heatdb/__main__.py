"""`python -m heatdb build | info | import`: the command line's composition root.

build and info are the warehouse's own (heatdb.cli). import belongs to the layers above: a city's
files into the warehouse (imports.cli) and the portfolio's templates into the portfolio
(portfolio.files, and the monitoring's portfolio.actuals_files). This entry point is the one module of
heatdb that names them; the layers contract in pyproject.toml allows exactly these imports
(ignore_imports), library code in heatdb never.
"""

from __future__ import annotations

from functools import partial

from heatdb import cli
from imports.cli import add_import_command
from portfolio.actuals_files import import_actuals_file
from portfolio.files import import_projects_file


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, commands=[partial(add_import_command, projects=import_projects_file, actuals=import_actuals_file)])


if __name__ == "__main__":
    raise SystemExit(main())

# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DB := data/dortmund.duckdb
PORT ?= 8501
# Rebuild the warehouse when any of its inputs may have changed. This is more than the data version
# hashes (heatdb.build.BUILD_MODULES: only the modules the build runs), e.g. an edit of heatdb/queries.py
# rebuilds too; harmless: the rebuild gives the same data version, so no snapshot says the data changed.
DB_INPUTS := $(wildcard data/sources/dortmund/*) $(wildcard heatdb/*.py) $(wildcard heatdb/params/*.csv) $(wildcard ghgmodel/*.py) $(wildcard ghgmodel/params/*.csv)

.PHONY: run run-public test test-fast lint bench loadtest db clean chromium nginx gdal

# The saved scenarios' results are computed before the server starts (seconds when nothing changed), so
# its first visitor does not wait; after that the app keeps them warm itself.
run: $(VENV)/.runtime $(DB)
	$(PY) -m reports precompute
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Residents' instance: read-only database, no uploads or edits, no building-level data.
# The residents' instance reads the published-only export of the portfolio (README, "Publishing to the public
# instance"): written here from data/portfolio.duckdb when a planners' app does not hold it, else the last one.
PUBLIC_EXPORT ?= data/public/portfolio.duckdb
run-public: $(VENV)/.runtime $(DB)
	[ ! -f data/portfolio.duckdb ] || $(PY) -m portfolio publish --out $(PUBLIC_EXPORT) || [ -f $(PUBLIC_EXPORT) ]
	$(PY) -m reports precompute --portfolio $(PUBLIC_EXPORT)
	WAERME_MODE=public WAERME_PORTFOLIO_DB=$(PUBLIC_EXPORT) $(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 \
		--server.port $(PORT) --client.showErrorDetails none --client.toolbarMode viewer --browser.gatherUsageStats false

db: $(DB)

$(DB): $(VENV)/.runtime $(DB_INPUTS)
	$(PY) -m heatdb build --out $(DB)

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	touch $@

# order-only: Debian's libgdal must be there before pip compiles the pinned GDAL bindings (requirements.txt)
$(VENV)/.runtime: $(VENV)/.created requirements.txt | gdal
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian's chromium for the browser tests (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q chromium >/dev/null; }; }
	@command -v chromium >/dev/null

# Debian's GDAL: libgdal-dev for the Python bindings that xplan-tools (XWärmeplan export) imports, gdal-bin for
# ogrinfo, which the tests ask to list the exported feature types.
gdal:
	@{ command -v gdal-config && command -v ogrinfo; } >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -q libgdal-dev gdal-bin >/dev/null 2>&1 || { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q libgdal-dev gdal-bin >/dev/null; }; }
	@command -v gdal-config >/dev/null

lint: $(VENV)/.dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: $(VENV)/.dev chromium nginx $(DB) lint
	$(PY) -m pytest

# The developer's inner loop: no browser, no fuzzing of the importers, no city-scale rebuilds (markers
# in pyproject.toml). `make test` stays what CI runs.
test-fast: $(VENV)/.dev $(DB)
	$(PY) -m pytest -q -m "not browser and not fuzz and not slow"

bench: $(VENV)/.dev chromium $(DB)
	$(PY) -m benchmarks.run_all

# Debian's nginx for the public instance behind a balancer (deploy/).
nginx:
	@command -v nginx >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -q nginx-light >/dev/null 2>&1 || { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q nginx-light >/dev/null; }; }
	@command -v nginx >/dev/null

loadtest: $(VENV)/.dev nginx $(DB)
	$(PY) -m benchmarks.loadtest --replicas 2 --sessions 50 --rounds 2

clean:
	rm -rf $(VENV) $(DB) data/bench tests/artifacts deploy/run

# LYBL Insight: `make run` (install, build, serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := $(or $(LYBL_DB),data/lybl.duckdb)
STATE := $(or $(LYBL_STATE),state)
# the build reads data/ (seed transcriptions) and data/extracts/ (open data, committed); never ../shared.
# The database is rebuilt only when these change: the data, the build code (lybl/build, lybl/stats and
# config, errors, ics, periods, state), config/*.toml and the releases; editing a page, a query or lybl/read or lybl/present rebuilds nothing.
SOURCES := $(wildcard data/*.csv geo/*.csv data/extracts/manifest.csv data/extracts/*/*.parquet data/imports/*) \
           $(wildcard config/*.toml lybl/config.py lybl/errors.py lybl/ics.py lybl/periods.py lybl/state.py lybl/build/*.py lybl/build/*.sql lybl/build/*/*.py lybl/build/marts/*.sql lybl/stats/*.py) \
           $(wildcard $(STATE)/releases/*/release.json $(STATE)/releases/*/reverted.json)
CHROMIUM ?= $(or $(LYBL_CHROMIUM),$(shell command -v chromium 2>/dev/null))

.PHONY: run test db bench load fuzz extract check-chromium clean

run: $(DB)
	$(PY) -m streamlit run dashboard.py --server.port 8501

test: $(VENV)/.installed check-chromium
	LYBL_CHROMIUM=$(CHROMIUM) $(PY) -m pytest

db: $(DB)

$(DB): $(VENV)/.installed $(SOURCES)
	$(PY) -m lybl build --db $(DB)

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

check-chromium:
	@test -n "$(CHROMIUM)" || { echo "Browser tests need Chromium. Install it with: sudo apt-get install chromium (or set LYBL_CHROMIUM to its path)"; exit 1; }

# Cut data/extracts again from a folder of publisher files (LYBL_MIRROR, default ../shared)
extract: $(VENV)/.installed
	$(PY) -m lybl extract

# 1,000 generated corrupt upload files through the load path: prints tracebacks, partial loads, messages
fuzz: $(DB)
	$(PY) -m tests.fuzz_uploads 1000

bench: $(VENV)/.installed
	$(PY) -m tests.bench

# 25 websocket sessions switching pages for 60 s, beside a bare hello page; then 10 sessions for the memory
# figure. LOAD_ARGS="--proxy" adds two replicas behind nginx; results also in test-results/load.json
load: $(DB)
	mkdir -p test-results
	$(PY) -m tools.load --json test-results/load.json $(LOAD_ARGS)

clean:
	rm -rf $(VENV) $(DB) .pytest_cache

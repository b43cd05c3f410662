# debatekit: the two set-up commands are `make book` and `make test`; both create what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.debatekit-installed
NPM_STAMP := node_modules/.debatekit-installed
PORT ?= 8000
# Both cores for the parallel parts of the test suite; override with `make test JOBS=1`.
JOBS ?= 2

.PHONY: setup book test test-unit test-site lint serve clean widgets

$(PY_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(PY_STAMP) $(NPM_STAMP)
	$(BIN)/debatekit assets

# Bundle each widget's source (src/debatekit/widgets/*.js and lib/) into widgets/dist/, the file
# its Python class serves, and the shared DOM helpers into assets/workshop/dom.mjs. The output is
# committed (tests/test_widget_bundles.py fails when it drifts), so run this after editing a widget.
widgets: $(NPM_STAMP)
	npm run --silent widgets

book: setup
	$(BIN)/debatekit build

lint: setup
	$(BIN)/ruff check .

# Unit, data, JavaScript-parity and notebook (nbval) tests in parallel; then the slow part:
# a strict build of the book into a temporary folder and the browser tests against it.
test-unit: setup
	MPLBACKEND=Agg $(BIN)/pytest -n $(JOBS) --dist loadfile -m "not site" --nbval-lax tests book exercises

test-site: setup
	$(BIN)/pytest -m site tests

# Every stage runs even when an earlier one fails, so one run reports everything; the exit
# status is non-zero if any stage failed.
test: setup
	@status=0; \
	for stage in lint test-unit test-site; do \
	  $(MAKE) --no-print-directory $$stage || { status=1; echo "*** make $$stage failed"; }; \
	done; \
	exit $$status

serve:
	@test -f _build/html/index.html || { echo "No book yet: run 'make book' first."; exit 1; }
	@echo "Serving the book at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

clean:
	rm -rf _build assets/npm .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -not -path "./node_modules/*" -prune -exec rm -rf {} +

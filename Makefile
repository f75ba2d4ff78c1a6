# Liaison: `make demo` sets up and runs the main job (load the demo data, draft the report,
# serve the web application on http://localhost:8000/);
# `make test` sets up and runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: demo test lint setup clean

demo: $(STAMP)
	$(BIN)/liaison demo
	$(BIN)/liaison report --from 2017-01 --to 2018-04 --format all --mark-new -o out/report-2017-2018
	$(BIN)/liaison serve

test: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy
	scripts/test-tools.sh
	LIAISON_TEST_POSTGRES_URL="$${LIAISON_TEST_POSTGRES_URL:-$$(scripts/test-postgres.sh)}" \
		$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml
	scripts/bootstrap.sh "$(PYTHON)" "$(VENV)"
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) liaison.db liaison.db-wal liaison.db-shm

# Two commands for a new machine: `make demo` and `make test`. Both build .venv from scratch.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := scripts/000_9b6faf332502484a
ENGINE ?= auto

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

demo: $(STAMP)
	@test -f $(SAMPLE).yaml || $(BIN)/podcast import $(SAMPLE).txt --report output/import-report.txt
	$(BIN)/podcast check $(SAMPLE).yaml
	$(BIN)/podcast render $(SAMPLE).yaml --engine $(ENGINE)
	$(BIN)/podcast preview $(SAMPLE).yaml

test: $(STAMP)
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check renderer tests bench tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) output/*/ output/.cache

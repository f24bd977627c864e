# Two entry points for a fresh machine: `make draft` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := corpora/examples/county-2025.yaml

.PHONY: draft test lint format bench golden clean

$(BIN)/drafter: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

draft: $(BIN)/drafter  ## set up and draft the bundled example
	$(BIN)/drafter draft $(EXAMPLE)

test: $(BIN)/drafter  ## set up and run the tests (exit 5, no tests, counts as failure)
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests ran"; exit 1; fi; exit $$rc

lint: $(BIN)/drafter  ## code lint, format check, and the phrase-bank lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/drafter bank lint

format: $(BIN)/drafter
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

golden: $(BIN)/drafter  ## rewrite tests/data/ from the current code; read the diff before committing
	DRAFTER_REGEN_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_document.py -k golden

bench: $(BIN)/drafter
	$(BIN)/python bench/bench_draft.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

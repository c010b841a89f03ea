# Siang's two commands: `make run` and `make test`. Each makes its own .venv.
PYTHON ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Siang needs $(PYTHON) on PATH"; exit 1; }
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing Siang and its dependencies into $(VENV) (first time: about a minute)…"
	@$(VENV)/bin/pip install --quiet --upgrade pip
	@$(VENV)/bin/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)  ## start Siang on the embedded default (SQLite under .siang/)
	$(VENV)/bin/siang up

test: $(STAMP)  ## lint, type-check and run every test
	$(VENV)/bin/ruff check services tests
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

bench: $(STAMP)  ## the ingest benchmark against the local PostgreSQL
	$(VENV)/bin/siang bench ingest

clean:
	rm -rf $(VENV) .siang .mypy_cache .pytest_cache .ruff_cache

# Everything a newcomer needs: `make run` opens the app on the sample article, `make test` runs
# every test. Both create or update the virtual environment in .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench screenshot eval-import eval-import-heldout format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# PYTHONWARNINGS: setuptools' notice about editable installs is not for the newcomer.
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/annotator --sample

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check annotator tests tools
	$(VENV)/bin/ruff format --check annotator tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format annotator tests tools
	$(VENV)/bin/ruff check --fix annotator tests tools

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tools/bench.py

screenshot: $(STAMP)
	$(PY) tools/screenshot.py

eval-import: $(STAMP)
	$(PY) -m pip install --quiet -e '.[eval]'
	$(PY) tools/eval_import.py $(or $(PAGES),../shared/corpora/readability-dev)

# The same measurement on 28 test pages the importer was never developed on (needs npm).
eval-import-heldout: $(STAMP)
	$(PY) -m pip install --quiet -e '.[eval]'
	$(PY) tools/heldout_pages.py build/heldout-pages ../shared/corpora/readability-dev
	$(PY) tools/eval_import.py build/heldout-pages

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

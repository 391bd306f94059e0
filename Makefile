# Everything a newcomer needs: `make run` opens the app on the sample article, `make test` runs
# every test. Both create or update the virtual environment in .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench torture screenshot eval-import eval-import-heldout eval-suggest train-checkworthy eval-match train-matcher format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# PYTHONWARNINGS: setuptools' notice about editable installs is not for the newcomer.
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e '.[test,lint,train]'
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

# Every speed goal beside its baseline (docs/PERFORMANCE.md); not part of `make test`.
# Options go through BENCH_ARGS (make itself would take `make bench --json ...` as its own):
#   make bench BENCH_ARGS="--quick"   make bench BENCH_ARGS="--json build/bench.json"
#   make bench JSON=build/bench.json
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.bench $(BENCH_ARGS) $(if $(JSON),--json $(JSON))

# The long reliability runs (kill -9 x 2,000, 20,000 fuzz cases per importer, 2,000 damaged
# files, bombs); their figures replace the table in docs/RELIABILITY.md.
torture: $(STAMP)
	mkdir -p build
	rm -f build/reliability-figures.jsonl
	ANNOTATOR_FIGURES=$(CURDIR)/build/reliability-figures.jsonl QT_QPA_PLATFORM=offscreen \
		$(PY) -m pytest -q -m "torture or not torture" tests/reliability
	$(PY) tools/bombs.py
	$(PY) tools/reliability_figures.py build/reliability-figures.jsonl docs/RELIABILITY.md

screenshot: $(STAMP)
	$(PY) tools/screenshot.py
	$(PY) tools/suggestions_screenshot.py
	$(PY) tools/snapshot_screenshots.py
	$(PY) tools/checked_before_screenshot.py
	$(PY) tools/recovery_screenshots.py

eval-import: $(STAMP)
	$(PY) -m pip install --quiet -e '.[eval]'
	$(PY) tools/eval_import.py $(or $(PAGES),../shared/corpora/readability-dev)

# The same measurement on 28 test pages the importer was never developed on (needs npm).
eval-import-heldout: $(STAMP)
	$(PY) -m pip install --quiet -e '.[eval]'
	$(PY) tools/heldout_pages.py build/heldout-pages ../shared/corpora/readability-dev
	$(PY) tools/eval_import.py build/heldout-pages

# Claim suggestions, CLEF-2019 task 1 measures: leave-one-file-out cross-validation over the
# training transcripts, or the shipped model on FILES=folder; baselines in the same run.
eval-suggest: $(STAMP)
	$(PY) tools/eval_suggest.py $(if $(FILES),--files $(FILES))

# Re-train the shipped check-worthiness model (resources/models/checkworthy.json.gz).
train-checkworthy: $(STAMP)
	$(PY) tools/train_checkworthy.py

# The claim matcher on CLEF-2020 CheckThat! task 2 dev: BM25 against BM25 + re-ranker.
eval-match: $(STAMP)
	$(PY) tools/eval_match.py $(or $(CLAIMS),../shared/corpora/claim-matching)

# Re-train the matcher's re-ranker (writes annotator/services/data/matcher.json).
train-matcher: $(STAMP)
	$(PY) tools/train_matcher.py $(or $(CLAIMS),../shared/corpora/claim-matching)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

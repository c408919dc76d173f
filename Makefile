# Two commands for a fresh machine: `make demo` (audit the bundled seed) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup demo test lint format bench bench-scale fuzz system-deps clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(PY) -m compileall -q auditor  # bytecode now, not on each run where it cannot be written
	touch $@

# Debian packages the browser tests need (chromium, a CJK font); installed only when missing.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null; \
	  else echo "browser tests need: sudo apt-get install chromium fonts-wqy-zenhei"; fi; \
	fi

demo: setup
	@mkdir -p out
	$(BIN)/audit-budget samples/seed-report-2023.txt --html out/seed-report.html --exit-zero
	@echo "HTML report: out/seed-report.html"

test: setup system-deps
	$(BIN)/ruff check auditor tests scripts
	$(BIN)/ruff format --check auditor tests scripts
	$(PY) -m pytest

lint: setup
	$(BIN)/ruff check auditor tests scripts
	$(BIN)/ruff format --check auditor tests scripts

format: setup
	$(BIN)/ruff format auditor tests scripts
	$(BIN)/ruff check --fix auditor tests scripts

bench: setup
	$(PY) scripts/bench.py
	$(PY) scripts/bench_adversarial.py

# docs/scale.md's numbers: files/s per core (text, PDF), --jobs and Dask scaling (about 10 minutes).
bench-scale: setup
	$(PY) scripts/bench_scale.py

# 5,000 random mutated samples through the command line (tests/fuzz_harness.py); under 10 minutes.
fuzz: setup
	AUDIT_FUZZ_CASES=5000 AUDIT_FUZZ_RANDOM=1 $(PY) -m pytest tests/test_fuzz.py -q -s -p no:randomly

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache

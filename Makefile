# Two commands: `make demo` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint sysdeps venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed, found " + sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# System packages the tests and benchmarks need (nginx, goaccess, chromium), from Debian's packages.
sysdeps:
	@bash .ci/install-system-deps

demo: $(STAMP)
	$(VENV)/bin/traffic demo

lint: $(STAMP)
	$(VENV)/bin/ruff check crawler generator tests

test: $(STAMP) sysdeps lint
	$(VENV)/bin/pytest -q

bench: $(STAMP) sysdeps
	@set -e; for f in tests/bench/bench_*.py; do echo "== $$f"; $(PY) $$f; done

clean:
	rm -rf site site_src/generated .pytest_cache

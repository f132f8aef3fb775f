# Thin wrappers over scripts/ (DESIGN section 3).
SHELL := /bin/bash
.PHONY: setup demo test lint bench load conformance

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

# Regenerate docs/ISO10002.md's conformance table from the last `make test` results.
conformance:
	@.venv/bin/python scripts/conformance.py

lint: setup
	@bash scripts/lint.sh

bench: setup
	@bash scripts/bench.sh

load: setup
	@bash scripts/load.sh

# Thin wrappers over scripts/ (DESIGN section 3).
SHELL := /bin/bash
.PHONY: setup demo test lint bench load

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

lint: setup
	@bash scripts/lint.sh

bench: setup
	@bash scripts/bench.sh

load: setup
	@bash scripts/load.sh

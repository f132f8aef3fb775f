# Thin wrappers over scripts/ (DESIGN section 3).
SHELL := /bin/bash
.PHONY: setup demo test lint format test-lint-odoo bench load conformance i18n

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

# Regenerate docs/ISO10002.md's conformance table from the last `make test` results.
conformance:
	@.venv/bin/python scripts/conformance.py

# Regenerate both addons' .pot from a fresh database and merge the .po files with them
# (scripts/i18n.sh); `pytest tests/test_i18n_fa.py` then lists what is left to translate.
i18n: setup
	@bash scripts/i18n.sh

lint: setup
	@bash scripts/lint.sh

# Apply every formatter and generator of the lint gate (prettier, eslint --fix, ruff,
# whitespace fixers, README.rst, requirements.txt), then check what is left.
format: setup
	@bash scripts/lint.sh --fix
	@bash scripts/lint.sh

# Odoo's own test_lint module over both addons (slow: see scripts/odoo_test_lint.sh).
test-lint-odoo: setup
	@bash scripts/odoo_test_lint.sh

bench: setup
	@bash scripts/bench.sh

load: setup
	@bash scripts/load.sh

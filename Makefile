# Thin wrappers over scripts/ (DESIGN section 3).
SHELL := /bin/bash
.PHONY: setup demo test test-core lint format test-lint-odoo bench load conformance i18n

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

# Coexistence alone (make test runs it too): Odoo's own post-install tests of sale,
# sale_management, product, portal, contacts and account (classes) with our addons
# installed, then tests/test_coexistence.py (see scripts/core_tests.sh).
test-core: setup
	@bash scripts/core_tests.sh

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

#!/usr/bin/env bash
# Lint gates (STYLE rule 26): ruff (lint and format check) and pylint-odoo with the
# repository's mandatory checks. Tools come from PyPI into .venv, not pre-commit hooks.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
log "Lint: ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
log "Lint: pylint-odoo"
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory complaint_management complaint_audit
log "Lint passed"

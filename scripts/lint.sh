#!/usr/bin/env bash
# Lint gates (STYLE rules 1 and 26): every hook of .pre-commit-config.yaml, run offline by
# scripts/lint.py from .venv and node_modules (both prepared by scripts/setup.sh).
# Fails on any finding. `make format` (scripts/lint.py --fix) applies the formatters.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
log "Lint: the hooks of .pre-commit-config.yaml"
"$PY" "$ROOT/scripts/lint.py" "$@"
log "Lint passed"

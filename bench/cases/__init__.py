# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmarks, one module per area; importing one registers its benchmarks (in the
order of the rows: bench/README.md, "Adding a benchmark")."""

import harness  # first: puts data/ (the corpus) on the path

from . import intake, kanban, jobs, audit

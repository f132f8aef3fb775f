# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark harness: Odoo in this process (odoo_env), databases and snapshots
(db), timing and memory (measure), result rows (results), the registry of benchmarks
(registry) and what the web client asks for (webclient). bench/cases/ holds the
benchmarks themselves."""

import os
import sys

# data/: the corpus package (``import corpus``) and its texts
_DATA = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "data"
)
if _DATA not in sys.path:
    sys.path.insert(0, _DATA)

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

_logger = logging.getLogger(__name__)


def post_init_hook(env):
    """Start the trail of the complaints that existed before the module (the demo
    complaints, or those of a database in use): see
    models/complaint_complaint_trail_start.py."""
    started = env["complaint.complaint"]._audit_start_trails()
    _logger.info("Audit trail started for %s existing complaints", started)

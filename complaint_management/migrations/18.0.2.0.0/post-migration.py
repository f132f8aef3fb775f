# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0: upgrades keep what users made, and every open complaint is planned.

Every version landed before this one says 18.0.1.0.0, so this script runs for all of
them: databases from before the SLA engine (no policy, no deadlines), and the later
ones. It runs after the module's data is loaded (the default SLA policy exists).

- Mail templates and subtypes are ``noupdate`` from now on: their external ids say so
  too, so a later ``-u`` never rewrites what a user customised.
- Templates written before 3056c88 name ``team_id.alias_email_from``, a field that
  never existed: the reference is renamed in place (customised text is kept).
- Open complaints without a policy or deadlines are planned by the SLA computes, in
  batches (``complaint.complaint._sla_plan_unplanned``).
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

NOUPDATE_MODELS = ("mail.template", "mail.message.subtype")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = TRUE
         WHERE module = 'complaint_management'
           AND model IN %s
           AND NOT noupdate
        """,
        (NOUPDATE_MODELS,),
    )
    cr.execute(
        """
        UPDATE mail_template t
           SET email_from = replace(t.email_from, 'alias_email_from', 'alias_email'),
               body_html = replace(t.body_html::text, 'alias_email_from',
                                   'alias_email')::jsonb
          FROM ir_model_data d
         WHERE d.module = 'complaint_management'
           AND d.model = 'mail.template'
           AND d.res_id = t.id
           AND (t.email_from LIKE '%%alias_email_from%%'
                OR t.body_html::text LIKE '%%alias_email_from%%')
        """
    )
    if cr.rowcount:
        _logger.info("alias_email_from renamed in %s mail templates", cr.rowcount)
    env = api.Environment(cr, SUPERUSER_ID, {})
    planned = env["complaint.complaint"]._sla_plan_unplanned()
    _logger.info("Planned the SLA deadlines of %s open complaints", planned)

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError

from .complaint_chatter_mixin import ACTIVITY_READ


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        """Reading an activity of a complaint record needs read access on the record
        (the auditor reads them); creating, editing, completing or deleting one
        needs write access on the record, even for the activity's assignee."""
        if operation == "read":
            return super(
                MailActivity, self.with_context(complaint_activity_read=ACTIVITY_READ)
            )._check_access(operation)
        result = super()._check_access(operation)
        if self.env.su or not self:
            return result
        history_models = self.env["mail.message"]._complaint_history_models()
        # sudo: res_model / res_id of the activities being checked
        by_model = {}
        for activity in self.sudo():
            if activity.res_model in history_models:
                by_model.setdefault(activity.res_model, {}).setdefault(
                    activity.res_id, []
                ).append(activity.id)
        forbidden_ids = []
        for model, ids_by_doc in by_model.items():
            documents = self.env[model].browse(list(ids_by_doc))
            if doc_result := documents._check_access("write"):
                for document in doc_result[0]:
                    forbidden_ids.extend(ids_by_doc[document.id])
        if not forbidden_ids:
            return result
        forbidden = self.browse(forbidden_ids)
        if result:
            forbidden |= result[0]

        def make_error():
            return AccessError(
                self.env._(
                    "Only users who may edit a complaint record can plan, complete "
                    "or delete its activities."
                )
            )

        return forbidden, make_error

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        return super(
            MailActivity, self.with_context(complaint_activity_read=ACTIVITY_READ)
        )._search(domain, offset=offset, limit=limit, order=order)

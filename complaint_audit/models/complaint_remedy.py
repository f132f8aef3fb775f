# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# New remedy state → event type.
EVENT_BY_STATE = {
    "approved": "remedy_approval",
    "refused": "remedy_approval",
    "done": "remedy_execution",
}


class ComplaintRemedy(models.Model):
    _name = "complaint.remedy"
    _inherit = [
        "complaint.remedy",
        "complaint.audit.mixin",
        "complaint.audit.reader.mixin",
    ]

    @api.depends("remedy_type", "complaint_id")
    def _compute_display_name(self):
        # "complaint.remedy,2" in a breadcrumb or an event's note tells an auditor
        # nothing: the type and the complaint do
        types = dict(self._fields["remedy_type"]._description_selection(self.env))
        for remedy in self:
            remedy.display_name = " · ".join(
                filter(None, [types.get(remedy.remedy_type), remedy.complaint_id.name])
            )

    @api.model
    def get_views(self, views, options=None):
        return self._reader_views(super().get_views(views, options))

    def write(self, vals):
        if "state" not in vals:
            return super().write(vals)
        self, buffer = self._audit_open()
        old_state_by_id = {remedy.id: remedy.state for remedy in self}
        try:
            result = super().write(vals)
        except Exception:
            self._audit_close(buffer, failed=True)
            raise
        self._audit_queue(
            [
                {
                    "complaint_id": remedy.complaint_id.id,
                    "event_type": EVENT_BY_STATE[remedy.state],
                    "field_name": "state",
                    "old_value": old_state_by_id[remedy.id],
                    "new_value": remedy.state,
                    "note": remedy.display_name,
                    "ref": self._audit_remedy_ref(remedy),
                }
                for remedy in self
                if remedy.state != old_state_by_id[remedy.id]
                and remedy.state in EVENT_BY_STATE
            ]
        )
        self._audit_close(buffer)
        return result

    def action_execute(self):
        # the per-remedy writes of the execution are recorded in one batch
        return self._audit_call(
            lambda remedies: super(ComplaintRemedy, remedies).action_execute()
        )

    def _audit_remedy_ref(self, remedy):
        """The remedy, and the document it produced, as evidence references."""
        refs = [f"complaint.remedy,{remedy.id}"]
        if remedy.move_id:
            refs.append(f"account.move,{remedy.move_id.id}")
        if remedy.sale_order_id:
            refs.append(f"sale.order,{remedy.sale_order_id.id}")
        return " ".join(refs)

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ComplaintLinkMixin(models.AbstractModel):
    """Smart buttons on the documents complaints hang off (orders, invoices,
    products, customers): a complaint count in one grouped query, the list of those
    complaints and a complaint form prefilled from the document.

    An inheriting model sets ``_complaint_link_field``, the field of
    ``complaint.complaint`` pointing at it, and may override
    :meth:`_get_complaint_link_key` (what is counted) and
    :meth:`_get_complaint_defaults` (what a new complaint is prefilled with)."""

    _name = "complaint.link.mixin"
    _description = "Complaint Links"
    _complaint_link_field = None

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_management.group_complaint_user",
    )

    def _get_complaint_link_key(self):
        """The records the complaints point at for these records."""
        return self

    def _get_complaint_defaults(self):
        """Context defaults of a complaint logged on this record."""
        self.ensure_one()
        return {f"default_{self._complaint_link_field}": self.id}

    def _compute_complaint_count(self):
        keys = self._get_complaint_link_key()
        field_name = self._complaint_link_field
        counts = {}
        if keys.ids:
            counts = {
                key.id: count
                for key, count in self.env["complaint.complaint"]._read_group(
                    [(field_name, "in", keys.ids)], [field_name], ["__count"]
                )
            }
        for record in self:
            record.complaint_count = counts.get(record._get_complaint_link_key().id, 0)

    def action_view_complaints(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_management.complaint_complaint_action"
        )
        action.update(
            domain=[
                (self._complaint_link_field, "in", self._get_complaint_link_key().ids)
            ],
            context=self[:1]._get_complaint_defaults() if self else {},
        )
        return action

    def action_log_complaint(self):
        """Open a new complaint form, prefilled from this document."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Complaint"),
            "res_model": "complaint.complaint",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": dict(self._get_complaint_defaults(), default_channel="phone"),
        }

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ComplaintComplaintMerge(models.TransientModel):
    """Merge duplicate complaints into one, keeping all their history (R26)."""

    _name = "complaint.complaint.merge"
    _description = "Merge Duplicate Complaints"

    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_complaint_merge_rel",
        "wizard_id",
        "complaint_id",
        string="Complaints",
    )
    keep_id = fields.Many2one(
        "complaint.complaint",
        domain="[('id', 'in', complaint_ids)]",
        help="The complaint that stays; the others are cancelled as duplicates and "
        "their messages and attachments move to it.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            not values.get("complaint_ids")
            and context.get("active_model") == "complaint.complaint"
            and context.get("active_ids")
        ):
            values["complaint_ids"] = [fields.Command.set(context["active_ids"])]
        if "keep_id" in fields_list and not values.get("keep_id"):
            complaint_ids = self._fields["complaint_ids"].convert_to_cache(
                values.get("complaint_ids") or [], self
            )
            if complaint_ids:
                values["keep_id"] = min(complaint_ids)
        return values

    def action_merge(self):
        """R26: validate everything first, then move the history and cancel the
        duplicates in batch."""
        self.ensure_one()
        keep = self.keep_id
        complaints = self.complaint_ids | keep
        duplicates = complaints - keep
        if not keep or not duplicates:
            raise UserError(
                self.env._(
                    "Choose at least two complaints and the one to keep to merge them."
                )
            )
        if keep.state == "cancelled":
            raise UserError(
                self.env._(
                    "Complaint %(ref)s is cancelled: keep a complaint that is still "
                    "handled.",
                    ref=keep.name,
                )
            )
        if len(complaints.company_id) > 1:
            raise UserError(
                self.env._("Only complaints of the same company can be merged.")
            )
        merged = duplicates.filtered("merged_into_id")
        if merged:
            raise UserError(
                self.env._(
                    "Already merged into another complaint: %(refs)s.",
                    refs=", ".join(merged.mapped("name")),
                )
            )
        complaints.check_access("write")
        keep._merge_duplicates(duplicates)
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.complaint",
            "res_id": keep.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

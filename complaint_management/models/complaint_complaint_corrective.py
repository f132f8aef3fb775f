# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Corrective actions of complaint.complaint (R16, R50): the link (one relation table
shared with ``complaint.corrective.action.complaint_ids``), the root cause the
actions and recurrence rules group by, the gate rule of a closed complaint whose
category asks for an action, and the create/view actions."""

from odoo import api, fields, models


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    corrective_action_ids = fields.Many2many(
        "complaint.corrective.action",
        "complaint_corrective_action_rel",
        "complaint_id",
        "action_id",
        string="Corrective Actions",
        copy=False,
        check_company=True,
    )
    corrective_action_count = fields.Integer(compute="_compute_corrective_action_count")
    root_cause_id = fields.Many2one(
        "complaint.root.cause",
        compute="_compute_root_cause_id",
        store=True,
        index="btree_not_null",
        help="Root cause of the latest investigation that found one: what recurrence "
        "rules and corrective actions group by.",
    )

    def _compute_corrective_action_count(self):
        for complaint in self:
            complaint.corrective_action_count = len(complaint.corrective_action_ids)

    @api.depends("investigation_ids.root_cause_id", "investigation_ids.date_start")
    def _compute_root_cause_id(self):
        for complaint in self:
            investigations = complaint.investigation_ids.filtered("root_cause_id")
            latest = investigations.sorted(
                lambda i: (i.date_start or fields.Date.today(), i.id), reverse=True
            )[:1]
            complaint.root_cause_id = latest.root_cause_id

    def _gate_corrective_action(self):
        """Gate rule of ``closed`` (const.STATE_REQUIREMENTS). R16, R50: where the
        category asks for it, a complaint whose outcome calls
        for a corrective action cannot close without one (not cancelled). The action
        itself may stay open after the complaint closes (R37)."""
        self.ensure_one()
        category = self.category_id
        if not category.requires_corrective_action:
            return []
        if self.outcome not in category._get_corrective_action_outcomes():
            return []
        # sudo: only the existence of a linked action matters here, whoever can read it
        if self.sudo().corrective_action_ids.filtered(lambda a: a.state != "cancelled"):
            return []
        return [
            self.env._(
                "a corrective action (category %(category)s requires one for this "
                "outcome)",
                category=category.display_name,
            )
        ]

    def _prepare_corrective_action_vals(self):
        self.ensure_one()
        return {
            "title": self.subject,
            "kind": "corrective",
            "source": "complaint",
            "company_id": self.company_id.id,
            "product_id": self.product_id.id,
            "category_id": self.category_id.id,
            "root_cause_id": self.root_cause_id.id,
            "complaint_ids": [(4, self.id)],
        }

    def action_create_corrective_action(self):
        """R16: one click creates a corrective action linked to this complaint, with
        its product, category and root cause."""
        self.ensure_one()
        action = self.env["complaint.corrective.action"].create(
            self._prepare_corrective_action_vals()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.corrective.action",
            "res_id": action.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_corrective_actions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Corrective Actions"),
            "res_model": "complaint.corrective.action",
            "view_mode": "list,kanban,form",
            "domain": [("complaint_ids", "in", self.ids)],
            "context": {"default_complaint_ids": [(6, 0, self.ids)]},
        }

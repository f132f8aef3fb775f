# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComplaintCategory(models.Model):
    _name = "complaint.category"
    _description = "Complaint Category"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True, index=True
    )
    parent_id = fields.Many2one(
        "complaint.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("complaint.category", "parent_id")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share it between companies."
    )
    description = fields.Text(translate=True)
    team_id = fields.Many2one(
        "complaint.team",
        string="Default Team",
        check_company=True,
        help="Complaints of this category go to this team unless one is given.",
    )
    # --- Corrective actions (R16, R50) ----------------------------------------------
    requires_corrective_action = fields.Boolean(
        help="A complaint of this category with one of the outcomes below cannot "
        "close without a linked corrective action.",
    )
    corrective_action_outcomes = fields.Selection(
        [
            ("upheld", "Upheld"),
            ("upheld_partially", "Upheld or Partially Upheld"),
        ],
        string="Outcomes Requiring an Action",
        default="upheld_partially",
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = (
                    f"{category.parent_id.complete_name} / {category.name}"
                )
            else:
                category.complete_name = category.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("You cannot create recursive categories."))

    def _get_corrective_action_outcomes(self):
        """Complaint outcomes for which this category requires a corrective action."""
        self.ensure_one()
        if self.corrective_action_outcomes == "upheld":
            return ("upheld",)
        return ("upheld", "partially_upheld")

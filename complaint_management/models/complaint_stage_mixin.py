# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ComplaintStageMixin(models.AbstractModel):
    """A stage is data (STYLE rule 6): a name users edit, and a canonical ``state`` the
    models that inherit this declare (business code reads the state, never names)."""

    _name = "complaint.stage.mixin"
    _description = "Complaint Stage Mixin"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded stages are collapsed on the kanban board.",
    )
    description = fields.Html(translate=True)

    @api.model
    def _get_first_for_state(self, state, unfolded=False, raise_if_not_found=False):
        """The first active stage (by sequence) standing for ``state``; with
        ``unfolded``, the first one shown unfolded on the board."""
        domain = [("state", "=", state)]
        if unfolded:
            domain.append(("fold", "=", False))
        stage = self.search(domain, order="sequence, id", limit=1)
        if not stage and raise_if_not_found:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "No %(stage)s is configured for the state %(state)s.",
                    stage=self._description.lower(),
                    state=labels.get(state, state),
                )
            )
        return stage

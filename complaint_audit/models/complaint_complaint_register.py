# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited  # one file per concern (LAYOUT 4.2)

    # --- Register (R42) -----------------------------------------------------------
    def _register_rows(self):
        """One dict per complaint with the register's values, read for the whole
        recordset at once (the caller passes a chunk: prefetch covers it)."""
        labels = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in (
                "channel",
                "severity",
                "state",
                "outcome",
                "complainant_response",
                "close_reason",
            )
        }
        remedy_types = dict(
            self.env["complaint.remedy"]
            ._fields["remedy_type"]
            ._description_selection(self.env)
        )
        has_satisfaction = "satisfaction" in self._fields
        yes, no = self.env._("Yes"), self.env._("No")
        now = fields.Datetime.now()
        anonymous = self.env._("Anonymous")

        def met(done, deadline):
            """Yes when done by the deadline, No when done late or overdue, empty
            while it can still be met."""
            if not deadline:
                return ""
            if done:
                return yes if done <= deadline else no
            return no if deadline < now else ""

        def local(value):
            if not value:
                return None
            return fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)

        # sudo: the complaints come from the user's own search (record rules
        # applied); the names of their order, invoice, product, owner... are part
        # of the register even for an auditor without rights on sales or accounting
        self.check_access("read")
        rows = []
        for complaint in self.sudo():
            values = {
                "name": complaint.name,
                "subject": complaint.subject,
                "company": complaint.company_id.name,
                "channel": labels["channel"].get(complaint.channel),
                "complainant": complaint.partner_id.display_name or anonymous,
                "sale_order": complaint.sale_order_id.name,
                "product": complaint.product_id.display_name,
                "invoice": complaint.invoice_id.name,
                "category": complaint.category_id.display_name,
                "severity": labels["severity"].get(complaint.severity),
                "owner": complaint.user_id.name,
                "team": complaint.team_id.name,
                "state": labels["state"].get(complaint.state),
                "ack_met": met(complaint.date_acknowledged, complaint.ack_deadline),
                "response_met": met(
                    complaint.date_communicated, complaint.response_deadline
                ),
                "close_met": met(complaint.date_closed, complaint.close_deadline),
                "outcome": labels["outcome"].get(complaint.outcome),
                "complainant_response": labels["complainant_response"].get(
                    complaint.complainant_response
                ),
                "close_reason": labels["close_reason"].get(complaint.close_reason),
                "remedies": "; ".join(
                    remedy_types.get(r.remedy_type, r.remedy_type)
                    + (f" ({r.description})" if r.description else "")
                    for r in complaint.remedy_ids
                ),
                "remedy_amount": complaint.remedy_amount,
                "escalation_level": complaint.escalation_level,
                "appeal_level": complaint.appeal_level,
                "reopen_count": complaint.reopen_count,
                "corrective_actions": "; ".join(
                    complaint.corrective_action_ids.mapped("display_name")
                ),
            }
            for name in (
                "date_received",
                "date_acknowledged",
                "date_assessed",
                "date_investigation",
                "date_decision",
                "date_communicated",
                "date_response",
                "date_closed",
                "date_reopened",
                "ack_deadline",
                "response_deadline",
                "close_deadline",
            ):
                values[name] = local(complaint[name])
            if has_satisfaction:
                field = self._fields["satisfaction"]
                value = complaint.satisfaction
                if field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value)
                values["satisfaction"] = value
            rows.append(values)
        return rows

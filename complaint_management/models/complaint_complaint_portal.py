# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer (portal user) reads of a complaint (R07, R08): a whitelist of
fields. Everything else (the persons complained about, the assessment, the
investigation, internal notes, deadlines and escalation) stays internal."""

from odoo import models
from odoo.exceptions import AccessError

PORTAL_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "active",
        "name",
        "subject",
        "company_id",
        "currency_id",
        "partner_id",
        "commercial_partner_id",
        "channel",
        "date_received",
        "description",
        "remedy_requested",
        "sale_order_id",
        "product_id",
        "invoice_id",
        "stage_id",
        "state",
        "date_acknowledged",
        "outcome",
        "decision_reason",
        "date_communicated",
        "complainant_response",
        "date_response",
        "close_reason",
        "date_closed",
        "access_url",
        "create_date",
        "write_date",
    }
)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=consider-merging-classes-inherited

    # The reads a client can ask for (RPC, web client). Odoo's own code reads
    # fields by attribute and is not concerned; field ``groups`` cannot be used
    # here (the portal group is not "less" than the fields' readers).
    def read(self, fields=None, load="_classic_read"):
        return super().read(self._complaint_portal_fields(fields), load=load)

    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        return super().search_read(
            domain,
            self._complaint_portal_fields(fields),
            offset=offset,
            limit=limit,
            order=order,
            **read_kwargs,
        )

    def web_read(self, specification):
        self._complaint_portal_fields(list(specification))
        return super().web_read(specification)

    def _complaint_portal_fields(self, field_names):
        """Portal users read only PORTAL_FIELDS: asking for another field is refused,
        asking for all fields returns the whitelist."""
        if self.env.su or not self.env.user.share:
            return field_names
        if not field_names:
            return [name for name in self._fields if name in PORTAL_FIELDS]
        hidden = [
            name
            for name in field_names
            if name in self._fields and name not in PORTAL_FIELDS
        ]
        if hidden:
            raise AccessError(
                self.env._(
                    "Customers cannot see these details of a complaint: %(fields)s.",
                    fields=", ".join(self._fields[name].string for name in hidden),
                )
            )
        return field_names

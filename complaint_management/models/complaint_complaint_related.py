# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Related and duplicate complaints of complaint.complaint (R26): one symmetric link
(compute/inverse/search over one relation table), ``merged_into_id`` and the merge of
duplicates with their history (the wizard is complaint.complaint.merge)."""

from markupsafe import Markup

from odoo import api, fields, models


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    related_complaint_ids = fields.Many2many(
        "complaint.complaint",
        string="Related Complaints",
        compute="_compute_related_complaint_ids",
        inverse="_inverse_related_complaint_ids",
        search="_search_related_complaint_ids",
        help="Duplicate or related complaints; the link shows on both.",
    )
    related_link_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_complaint_related_rel",
        "complaint_id",
        "related_id",
        string="Related (Linked From Here)",
        copy=False,
        check_company=True,
    )
    related_backlink_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_complaint_related_rel",
        "related_id",
        "complaint_id",
        string="Related (Linked To Here)",
        copy=False,
        check_company=True,
    )
    merged_into_id = fields.Many2one(
        "complaint.complaint",
        readonly=True,
        check_company=True,
        copy=False,
        index="btree_not_null",
    )

    @api.depends("related_link_ids", "related_backlink_ids")
    def _compute_related_complaint_ids(self):
        for complaint in self:
            complaint.related_complaint_ids = (
                complaint.related_link_ids | complaint.related_backlink_ids
            ) - complaint

    def _inverse_related_complaint_ids(self):
        """R26: one row per pair in the relation, whichever side created it."""
        for complaint in self:
            wanted = complaint.related_complaint_ids - complaint
            forward = complaint.related_link_ids
            backward = complaint.related_backlink_ids
            complaint.related_link_ids = (forward & wanted) | (
                wanted - forward - backward
            )
            complaint.related_backlink_ids = backward & wanted

    def _search_related_complaint_ids(self, operator, value):
        negative = operator in ("not in", "!=", "not ilike", "not like") or (
            operator == "=" and not value
        )
        return [
            "&" if negative else "|",
            ("related_link_ids", operator, value),
            ("related_backlink_ids", operator, value),
        ]

    def _merge_duplicates(self, duplicates):
        """R26: ``duplicates`` are merged into this complaint: their messages and
        attachments move here, their corrective actions are linked here, and they
        are cancelled as duplicates with a note linking this one."""
        self.ensure_one()
        duplicates = duplicates - self
        if not duplicates:
            return
        self._merge_move_history(duplicates)
        self.write(
            {
                "corrective_action_ids": [
                    (4, action_id) for action_id in duplicates.corrective_action_ids.ids
                ],
                "related_link_ids": [
                    (4, dup_id)
                    for dup_id in (duplicates - self.related_complaint_ids).ids
                ],
            }
        )
        duplicates._process_write(
            {
                "close_reason": "duplicate",
                "cancel_reason": self.env._("Duplicate of %(ref)s.", ref=self.name),
                "merged_into_id": self.id,
                "stage_id": self._stage_for_state("cancelled").id,
            }
        )
        link = self._get_html_link()
        duplicates._message_log_batch(
            bodies={
                dup.id: Markup("<p>%s</p>")
                % self.env._("Merged into %(link)s as a duplicate.", link=link)
                for dup in duplicates
            }
        )
        self._message_log(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Merged here, with their history: %(refs)s.",
                refs=", ".join(duplicates.mapped("name")),
            )
        )

    def _merge_move_history(self, duplicates):
        """Move the chatter (messages with their tracking, activities, followers)
        and the attachments of ``duplicates`` to this complaint, in batch."""
        self.ensure_one()
        # sudo: the caller (merge wizard) checked write access on every complaint;
        # users may not write messages or attachments others authored.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", self._name), ("res_id", "in", duplicates.ids)])
        )
        History = self.env["mail.message"]
        History._complaint_history_sudo(messages).write({"res_id": self.id})
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", duplicates.ids)])
        )
        History._complaint_history_sudo(attachments).write({"res_id": self.id})
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", duplicates.ids)])
        )
        activities.write({"res_id": self.id})
        partners = duplicates.message_partner_ids - self.message_partner_ids
        if partners:
            self.sudo().message_subscribe(partner_ids=partners.ids)

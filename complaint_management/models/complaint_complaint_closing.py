# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""From the decision to the end (R34-R40): the decision sent by the composer, the
complainant's response, the level-2 review, the external referral, closing,
cancelling with a reason and reopening through the wizard."""

from collections import defaultdict

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..const import (
    STATE_RANK,
)


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    # --- Communication, response, level 2, closing, cancel, reopen ------------------
    def _reopen(self, stage, reason):
        """R38: move closed or cancelled complaints back to ``stage`` with a reason.
        Called by the reopen wizard only (a plain write cannot leave a done stage).
        The deadlines are planned again from the reopening; the previous closing
        date and the reason stay in the chatter."""
        now = fields.Datetime.now()
        previous_closed = {c.id: c.date_closed for c in self}
        # one write per distinct counter value, not per complaint
        by_count = defaultdict(list)
        for complaint in self:
            by_count[complaint.reopen_count].append(complaint.id)
        for count, ids in by_count.items():
            self.browse(ids)._process_write(
                {
                    "stage_id": stage.id,
                    "reopen_count": count + 1,
                    "date_reopened": now,
                    "date_closed": False,
                    "complainant_response": False,
                    "date_response": False,
                    "close_reason": False,
                    "cancel_reason": False,
                    **(
                        {"communication_channel": False}
                        if STATE_RANK[stage.state] < STATE_RANK["communicated"]
                        else {}
                    ),
                    # R38: the SLA clock starts again from the reopening
                    "sla_paused_hours": 0.0,
                    "sla_paused_since": False,
                    "sla_extended_until": False,
                    "sla_paused_hours_at_extension": 0.0,
                }
            )
        self._log_notes(
            lambda c: self.env._(
                "Reopened: %(reason)s (previously closed on %(date)s).",
                reason=reason,
                date=self._format_datetime_for(self.env, previous_closed[c.id]) or "-",
            )
        )

    def action_send_decision(self):
        """Open the mail composer with the decision letter (R35)."""
        self.ensure_one()
        missing = self._get_missing_for_state("decision")
        if missing:
            raise UserError(
                self.env._(
                    "The decision of %(ref)s is not complete. Missing: %(missing)s.",
                    ref=self.name,
                    missing="; ".join(missing),
                )
            )
        template = self.env.ref("complaint_management.mail_template_complaint_decision")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }

    def _mark_communicated(self, channel):
        """R35: the decision was sent through ``channel``. Called by the mail
        composer once the decision letter was posted (server side); a client
        cannot reach it, nor move a complaint to communicated without it."""
        values = {
            "date_communicated": fields.Datetime.now(),
            "communication_channel": channel,
            "communicated_by_id": self.env.uid,
        }
        communicated = self._stage_for_state("communicated")
        to_move = self.filtered(
            lambda c: STATE_RANK[c.state] < STATE_RANK["communicated"]
        )
        if to_move:
            to_move._process_write(dict(values, stage_id=communicated.id))
        if self - to_move:
            (self - to_move)._process_write(values)

    def _communicate_decision_sent(self, messages):
        """The composer posted the decision letter ``messages`` on these complaints
        (mail_compose_message.py): the ones waiting in "Decision made" whose
        complainant has an e-mail address and is among the recipients are
        communicated by e-mail (R35)."""
        pending = self.filtered(lambda c: c.state == "decision" and c.partner_id.email)
        if not pending:
            return
        pending.check_access("write")
        if not self.env.user.has_group("complaint_management.group_complaint_user"):
            raise AccessError(
                self.env._("Only complaint handlers can send a decision.")
            )
        recipients = defaultdict(set)
        for message in messages:
            if message.model == self._name:
                recipients[message.res_id].update(message.partner_ids.ids)
        pending.filtered(
            lambda c: c.partner_id.id in recipients[c.id]
        )._mark_communicated("email")

    def _start_appeal(self, reviewer, reason):
        """R37, R39: the complainant rejected the level-1 decision. A different
        reviewer takes the complaint back to investigation; the level-1 milestones
        move to their own fields so that level 2 stamps its own, the deadlines run
        again from now (R38's engine), and the complainant is told (acknowledged)."""
        self.ensure_one()
        now = fields.Datetime.now()
        self._process_write(
            {
                "first_level_date_decision": self.date_decision,
                "first_level_date_communicated": self.date_communicated,
                "first_level_communication_channel": self.communication_channel,
                "first_level_outcome": self.outcome,
                "first_level_date_response": now,
                "complainant_response": "rejected",
                "date_response": now,
                "appeal_level": 2,
                "first_level_user_id": self.user_id.id,
                "user_id": reviewer.id,
                "date_appealed": now,
                "date_decision": False,
                "date_communicated": False,
                "communication_channel": False,
                "communicated_by_id": False,
                "sla_paused_hours": 0.0,
                "sla_paused_since": False,
                "sla_extended_until": False,
                "sla_paused_hours_at_extension": 0.0,
                "stage_id": self._stage_for_state("investigation").id,
            }
        )
        self.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._(
                    "Decision rejected; level-2 review by %(user)s.",
                    user=reviewer.name,
                ),
                reason or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        mailed = self._mail_complainants(
            "complaint_management.mail_template_complaint_appeal_ack",
            lambda c: self.env._(
                "Level-2 review acknowledged to %(email)s.", email=c.partner_id.email
            ),
        )
        if mailed:
            mailed._process_write({"date_appeal_acknowledged": now})
        else:
            self._log_notes(
                lambda c: self.env._(
                    "The complainant has no e-mail address: acknowledge the level-2 "
                    "review by phone or letter."
                )
            )

    def _set_response(self, response):
        """R37: the complainant's answer to the communicated decision."""
        self.check_access("write")
        not_sent = self.filtered(lambda c: c.state != "communicated")
        if not_sent:
            raise UserError(
                self.env._(
                    "The complainant answers a decision that was sent: %(refs)s "
                    "has no decision communicated.",
                    refs=", ".join(not_sent.mapped("name")),
                )
            )
        self._process_write(
            {"complainant_response": response, "date_response": fields.Datetime.now()}
        )

    def action_response_accepted(self):
        self._set_response("accepted")
        return True

    def action_response_no_reply(self):
        self._set_response("no_reply")
        return True

    def action_response_rejected_final(self):
        """R37, R40: the complainant rejects the level-2 decision: no internal level
        is left, the complainant is offered the external recourse."""
        not_level2 = self.filtered(lambda c: c.appeal_level < 2)
        if not_level2:
            raise UserError(
                self.env._(
                    "%(refs)s: a first-level decision that is rejected goes to a "
                    "level-2 review (Complainant Rejects).",
                    refs=", ".join(not_level2.mapped("name")),
                )
            )
        self._set_response("rejected")
        self._mail_complainants(
            "complaint_management.mail_template_complaint_external_recourse",
            lambda c: self.env._(
                "External recourse offered to %(email)s.", email=c.partner_id.email
            ),
        )
        return True

    def action_open_referral_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("External Referral"),
            "res_model": "complaint.external.referral",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _get_close_reason(self):
        """R37, R40: why the complaint closes, from the complainant's response. A
        rejection is only possible at level 2 (level 1 goes to the appeal): the
        complaint was referred externally, or it is not resolved."""
        self.ensure_one()
        if self.complainant_response == "accepted":
            return "resolved"
        if self.complainant_response == "no_reply":
            return "no_response"
        if self.complainant_response == "rejected":
            return "referred" if self.external_referral_ids else "not_resolved"
        return False

    def action_close(self):
        closed = self._stage_for_state("closed")
        by_reason = defaultdict(list)
        for complaint in self.filtered(lambda c: not c.close_reason):
            by_reason[complaint._get_close_reason()].append(complaint.id)
        for reason, ids in by_reason.items():
            if reason:
                batch = self.browse(ids)
                batch.check_access("write")
                batch._process_write({"close_reason": reason})
        self.write({"stage_id": closed.id})
        return True

    def action_cancel(self):
        """R11, R37: cancelling needs a reason and tells the complainant."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Complaint"),
            "res_model": "complaint.complaint.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def _cancel(self, reason):
        """Cancel with ``reason`` (the cancel wizard): the complainant is told by
        e-mail when we have an address; otherwise the chatter says to tell them by
        other means."""
        self._process_write(
            {
                "cancel_reason": reason,
                "stage_id": self._stage_for_state("cancelled").id,
            }
        )
        mailed = self._mail_complainants(
            "complaint_management.mail_template_complaint_cancelled",
            lambda c: self.env._(
                "Cancellation sent to %(email)s. Reason: %(reason)s",
                email=c.partner_id.email,
                reason=reason,
            ),
        )
        (self - mailed)._log_notes(
            lambda c: self.env._(
                "Cancelled: %(reason)s. The complainant has no e-mail address: tell "
                "them by phone or letter.",
                reason=reason,
            )
        )

    def action_open_reopen_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Complaint"),
            "res_model": "complaint.complaint.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def action_open_appeal_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appeal: Level-2 Review"),
            "res_model": "complaint.complaint.appeal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

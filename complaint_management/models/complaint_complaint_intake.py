# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Receipt and acknowledgement of complaints (R01, R05, R20, R29): external channels
acknowledged at creation, manual acknowledgement, the mails to complainants,
followers and assignee digests of a batch, significant complaints, and the e-mail
gateway."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import html2plaintext

from ..const import (
    ACK_METHOD_BY_CHANNEL,
    DEFAULT_MANUAL_ACK_METHOD,
    EXTERNAL_CHANNELS,
)


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    # --- External acknowledgement (R05) -----------------------------------------------
    @api.model
    def _prepare_external_ack(self, vals_list):
        """R05: a complaint from an external channel is created acknowledged, in the
        first acknowledged stage, instead of being created new and moved (a second
        write of the whole batch). Returns the ``vals`` (by ``id()``) acknowledged,
        whose mails go out once the records exist."""
        default_channel = self.default_get(["channel"]).get("channel")
        candidates = [
            vals
            for vals in vals_list
            if vals.get("channel", default_channel) in EXTERNAL_CHANNELS
            and not vals.get("date_acknowledged")
        ]
        if not candidates:
            return set()
        Stage = self.env["complaint.stage"]
        context_stage = self.env.context.get("default_stage_id")

        def stage_of(vals):
            return vals.get("stage_id") or context_stage

        # R05, R29: only what happened is recorded: a complainant we can reach (an
        # e-mail address, or the portal they wrote from) is acknowledged now; the
        # others stay new, to be acknowledged by hand (phone, letter).
        partner_ids = {vals.get("partner_id") for vals in candidates} - {False, None}
        emails = {
            partner.id: partner.email
            for partner in self.env["res.partner"].browse(partner_ids)
        }
        stage_ids = {stage_of(vals) for vals in candidates} - {False, None}
        states = {stage.id: stage.state for stage in Stage.browse(stage_ids)}
        ack_stage = Stage._get_first_for_state("acknowledged")
        now = fields.Datetime.now()
        done = set()
        for vals in candidates:
            # an import into a later stage keeps its stage and is not acknowledged
            if stage_of(vals) and states.get(stage_of(vals)) != "new":
                continue
            channel = vals.get("channel", default_channel)
            partner_id = vals.get("partner_id")
            reachable = partner_id and (channel == "portal" or emails.get(partner_id))
            if not reachable:
                continue
            vals.update(
                date_acknowledged=now,
                ack_user_id=self.env.uid,
                ack_method="portal" if channel == "portal" else "email",
            )
            if ack_stage:
                vals["stage_id"] = ack_stage.id
            done.add(id(vals))
        return done

    # --- Manual acknowledgement (R29) -------------------------------------------------
    def _record_manual_ack(self, method=None):
        """Manual acknowledgement (phone, letter, in person) records method and user."""
        now = fields.Datetime.now()
        by_method = defaultdict(list)
        for complaint in self:
            by_method[
                method
                or ACK_METHOD_BY_CHANNEL.get(
                    complaint.channel, DEFAULT_MANUAL_ACK_METHOD
                )
            ].append(complaint.id)
        for ack_method, ids in by_method.items():
            self.browse(ids)._process_write(
                {
                    "date_acknowledged": now,
                    "ack_method": ack_method,
                    "ack_user_id": self.env.uid,
                }
            )

    # --- Mails to complainants --------------------------------------------------------
    def _mail_acknowledgements(self):
        """R05, R29: the acknowledgement of complaints created acknowledged, one batch
        of mails and one batch of chatter notes."""
        self._mail_complainants(
            "complaint_management.mail_template_complaint_ack",
            lambda c: self.env._(
                "Acknowledgement sent to %(email)s.", email=c.partner_id.email
            ),
        )

    def _mail_complainants(self, template_xmlid, note):
        """Mail the template to every complainant with an e-mail address, rendered
        and queued for the whole batch at once, and log ``note(complaint)`` in each
        complaint's chatter. Returns the complaints mailed."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        recipients = self.filtered("partner_id.email")
        if template and recipients:
            template.send_mail_batch(recipients.ids)
            recipients._log_notes(note)
        return recipients

    # --- Followers and assignees of a batch -------------------------------------------
    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        # create() subscribes a batch by groups, see _auto_subscribe_batch
        if self.env.context.get("complaint_batch_subscribe"):
            return True
        return super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )

    def _auto_subscribe_batch(self):
        """What mail.thread's create does per record (subscribe the assignee and
        the followers of the team's subtypes), once per group of complaints with
        the same assignee and relations: a batch of 100 costs a few inserts, not
        100 rounds of subscription queries."""
        relation = self.env["mail.message.subtype"]._get_auto_subscription_subtypes(
            self._name
        )[4]
        fnames = sorted({"user_id"}.union(*relation.values()))
        groups = defaultdict(list)
        for complaint in self:
            groups[tuple(complaint[fname].id for fname in fnames)].append(complaint.id)
        # the assignees hear of a batch from one digest (_notify_assignees_batch)
        thread = self.with_context(
            complaint_batch_subscribe=False, mail_auto_subscribe_no_notify=True
        )
        for key, ids in groups.items():
            thread.browse(ids)._message_auto_subscribe(
                dict(zip(fnames, key, strict=True)), followers_existing_policy="update"
            )

    def _notify_assignees_batch(self):
        """Complaints created in a batch (import, gateway, API) assigned to someone
        else: one mail per assignee listing them, instead of Odoo's assignment
        notification per complaint. Single creates keep Odoo's notification."""
        digest = defaultdict(list)
        for complaint in self:
            user = complaint.user_id
            if user and user != self.env.user and user.active and not user.share:
                digest[user].append(complaint.id)
        self._send_digest_mails(
            {user: self.browse(ids) for user, ids in digest.items()},
            lambda env, records: env._(
                "You have been assigned %(count)s complaints", count=len(records)
            ),
            lambda env, records: env._("These new complaints were assigned to you:"),
            lambda complaint, env: (
                f"{complaint.subject} "
                f"({self._format_datetime_for(env, complaint.response_deadline)})"
                if complaint.response_deadline
                else complaint.subject
            ),
        )

    # --- Significant complaints (R20) -------------------------------------------------
    def _notify_significant(self):
        """R20: a significant complaint (critical or safety) is e-mailed at once to
        the significant-complaint recipients of its company (a company setting,
        by default its complaints managers), with an activity each; recipients
        always work in the complaint's company."""
        by_company = defaultdict(lambda: self.browse())
        for complaint in self:
            by_company[complaint.company_id] |= complaint
        activities = []
        digest = defaultdict(lambda: self.browse())
        for company, complaints in by_company.items():
            for user in company._get_significant_complaint_recipients():
                digest[user] |= complaints
                activities += [
                    complaint._prepare_activity(
                        user,
                        lambda env: env._("Significant complaint"),
                        lambda env, c=complaint: env._(
                            "%(ref)s is significant (severity or safety). Review "
                            "it now.",
                            ref=c.name,
                        ),
                    )
                    for complaint in complaints
                ]
        self._schedule_activities(activities)
        self._send_digest_mails(
            digest,
            lambda env, records: env._(
                "Significant complaint: %(refs)s",
                refs=", ".join(records.mapped("name")),
            ),
            lambda env, records: env._(
                "These complaints are significant (severity or safety) and need "
                "your attention now:"
            ),
            lambda complaint, env: complaint.subject,
        )

    # --- E-mail gateway (R01) ---------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to a team's alias opens a complaint (R01, channel email)."""
        values = dict(custom_values or {})
        values.setdefault(
            "subject", msg_dict.get("subject") or self.env._("No subject")
        )
        values.setdefault("channel", "email")
        # the whole e-mail stays in the chatter; a description longer than the
        # company's limit (styled HTML mails) keeps its text, cut to the limit
        body = msg_dict.get("body") or ""
        limit = self._get_text_limits(values)["description"]
        if len(body) > limit:
            body = html2plaintext(body)[:limit]
        values.setdefault("description", body or False)
        if msg_dict.get("author_id"):
            values.setdefault("partner_id", msg_dict["author_id"])
        return super().message_new(msg_dict, custom_values=values)

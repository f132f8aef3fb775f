# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.complaint_management.const import DONE_STATES, GATE_FIELDS

# Stored text fields that identify nobody and are kept by the anonymisation.
RETENTION_KEPT_TEXT_FIELDS = {"name"}
# Marks the anonymisation's own write (see _check_stage_gates). An object, so that no
# client (JSON, XML-RPC) can put it in a context.
ANONYMISING = object()


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited  # one file per concern (LAYOUT 4.2)

    # --- Retention and anonymisation (R41) ----------------------------------------
    anonymised_date = fields.Datetime(
        string="Anonymised On",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="When the complainant's personal data was removed (retention period "
        "over, or erasure on request).",
    )

    @api.constrains(*GATE_FIELDS)
    def _check_stage_gates(self):
        """The anonymisation blanks personal data of complaints closed long ago:
        what their stage required (or a requirement added since their closure)
        must not keep their personal data beyond the retention period, nor stop
        the job on every run."""
        if self.env.context.get("complaint_anonymising") is ANONYMISING:
            return
        return super()._check_stage_gates()

    @api.model
    def _get_retention_domain(self, now):
        """Closed or cancelled complaints of each company closed longer ago than
        that company's retention period, not anonymised yet."""
        per_company = [
            [
                ("company_id", "=", company.id),
                (
                    "date_closed",
                    "<=",
                    now - relativedelta(years=company.complaint_retention_years),
                ),
            ]
            for company in self.env["res.company"].search([])
        ]
        return expression.AND(
            [
                [("state", "in", DONE_STATES), ("anonymised_date", "=", False)],
                expression.OR(per_company) if per_company else expression.FALSE_DOMAIN,
            ]
        )

    @api.model
    def _cron_anonymise_expired(self, batch_size=500):
        """R41: anonymise the complaints whose retention period is over, in batches
        claimed with SKIP LOCKED and committed one by one; ``anonymised_date`` makes
        a second run (or a second server) skip them."""
        now = fields.Datetime.now()
        reason = self.env._("Retention period over")
        self._job_run_batches(
            self._get_retention_domain(now),
            lambda batch: batch._anonymise(reason),
            batch_size,
        )
        return True

    def action_open_anonymise_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymise Complaint"),
            "res_model": "complaint.complaint.anonymise",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def _check_anonymise_allowed(self):
        """Erasure on request: a complaints manager, on closed or cancelled
        complaints (an open one still needs its complainant)."""
        if not self.env.user.has_group("complaint_management.group_complaint_manager"):
            raise AccessError(
                self.env._("Only a complaints manager can anonymise a complaint.")
            )
        self.check_access("write")
        still_open = self.filtered(lambda c: c.state not in DONE_STATES)
        if still_open:
            raise UserError(
                self.env._(
                    "Complaint %(ref)s is still open: close or cancel it before "
                    "anonymising it.",
                    ref=still_open[0].name,
                )
            )

    def _get_anonymised_fields(self):
        """The complaint's own personal data: the complainant link and every stored
        free text (subject, description, requests, reasons, CC addresses, the portal
        token...), so that a text field added later is covered too."""
        names = ["partner_id"]
        for name, field in self._fields.items():
            if (
                field.store
                and not field.compute
                and not field.related
                and field.type in ("char", "text", "html")
                and name not in RETENTION_KEPT_TEXT_FIELDS
                and not name.startswith(("dossier_", "message_", "activity_"))
            ):
                names.append(name)
        return names

    def _anonymise_values(self, filled):
        """The values that replace the personal data. A text that held something
        becomes a marker (the record shows that there was one, and the stage gates,
        which ask for e.g. the reasons of a decision, still hold); an address, a
        token or an empty text becomes empty."""
        marker = self.env._("Anonymised")
        values = {}
        for name in self._get_anonymised_fields():
            field = self._fields[name]
            if field.type == "html" and name in filled:
                values[name] = Markup("<p>%s</p>") % marker
            elif (field.type == "text" and name in filled) or (
                field.type == "char" and field.required
            ):
                values[name] = marker
            else:
                values[name] = False
        return values

    def _anonymise(self, reason):
        """Remove the complainant's personal data from ``self``: the partner link,
        the free texts, the messages written by or to the complainant (bodies,
        addresses, attachments, recipients) and the tracked values of those fields.
        Counts, dates, categories, outcomes and amounts stay, and so does every
        message (blanked, not deleted). The caller checked the rights (job or
        ``_check_anonymise_allowed``)."""
        complaints = self.filtered(lambda c: not c.anonymised_date)
        if not complaints:
            return complaints
        # sudo: the retention job and the manager's erasure (checked by the
        # caller) must reach messages, attachments and followers of any author
        complaints = complaints.sudo()
        partner_by_complaint = {
            c.id: c.partner_id.id for c in complaints if c.partner_id
        }
        complaints._anonymise_messages(partner_by_complaint)
        complaints._anonymise_followers(partner_by_complaint)
        # the sealed dossier holds the personal data: it goes, and a new one (of
        # the anonymised record) is sealed by the dossier job
        sealed = complaints.filtered("dossier_attachment_id")
        sealed_attachments = sealed.dossier_attachment_id
        now = fields.Datetime.now()
        names = complaints._get_anonymised_fields()
        by_filled = defaultdict(list)
        for complaint in complaints:
            by_filled[frozenset(name for name in names if complaint[name])].append(
                complaint.id
            )
        # one write per set of filled texts (a handful per batch), without tracking:
        # a tracking message would carry the old values again
        # sudo: the job or the manager's erasure wizard authorised this; tracking is
        # only switched off for superuser writes (complaint.chatter.mixin)
        for filled, ids in by_filled.items():
            complaints.browse(ids).sudo().with_context(
                tracking_disable=True,
                mail_notrack=True,
                complaint_anonymising=ANONYMISING,
            ).write(dict(complaints._anonymise_values(filled), anonymised_date=now))
        if sealed:
            sealed.with_context(tracking_disable=True).write(
                {"dossier_due": True, "dossier_attachment_id": False}
            )
            Message = self.env["mail.message"]
            Message._complaint_history_sudo(sealed_attachments).unlink()
            self.env.ref("complaint_audit.ir_cron_complaint_seal_dossiers")._trigger()
        complaints._anonymise_events()
        complaints._log_anonymisation(reason, partner_by_complaint)
        return complaints

    def _anonymise_messages(self, partner_by_complaint):
        """Blank the complainant's messages and the tracked personal values, in SQL.

        Messages and tracking values of complaints are protected from edits (the
        integrity rules of the chatter); the retention job and the erasure are the
        one exception, so they bypass the ORM here on purpose: a few set-based
        UPDATEs over the batch, never one statement per message."""
        if not self:
            return
        self.env.flush_all()
        cr = self.env.cr
        ids = tuple(self.ids)
        partner_ids = tuple(set(partner_by_complaint.values())) or (0,)
        # the messages by or to the complainant: authored by them, or addressed
        # to them (acknowledgements, decisions, replies)
        cr.execute(
            SQL(
                """
                SELECT DISTINCT m.id
                  FROM mail_message m
                  JOIN complaint_complaint c ON c.id = m.res_id
                  LEFT JOIN mail_message_res_partner_rel r
                         ON r.mail_message_id = m.id AND r.res_partner_id = c.partner_id
                 WHERE m.model = %(model)s AND m.res_id IN %(ids)s
                   AND c.partner_id IS NOT NULL
                   AND (m.author_id = c.partner_id OR r.res_partner_id IS NOT NULL)
                """,
                model=self._name,
                ids=ids,
            )
        )
        message_ids = tuple(row[0] for row in cr.fetchall())
        if message_ids:
            # attachments through the ORM: their filestore files are garbage
            # collected with them
            Message = self.env["mail.message"]
            Message._complaint_history_sudo(
                Message.browse(message_ids).attachment_ids
            ).unlink()
            # the e-mails sent (kept when not auto-deleted) hold the body and the
            # addresses again
            cr.execute(
                SQL(
                    "DELETE FROM mail_mail WHERE mail_message_id IN %(message_ids)s",
                    message_ids=message_ids,
                )
            )
            cr.execute(
                SQL(
                    """
                    UPDATE mail_message
                       SET body = '', subject = NULL, email_from = NULL,
                           reply_to = NULL
                     WHERE id IN %(message_ids)s
                    """,
                    message_ids=message_ids,
                )
            )
            # the complainant as recipient, and their notifications
            for table in ("mail_message_res_partner_rel", "mail_notification"):
                cr.execute(
                    SQL(
                        """
                        DELETE FROM %(table)s
                         WHERE mail_message_id IN %(message_ids)s
                           AND res_partner_id IN %(partner_ids)s
                        """,
                        table=SQL.identifier(table),
                        message_ids=message_ids,
                        partner_ids=partner_ids,
                    )
                )
            cr.execute(
                SQL(
                    """
                    UPDATE mail_message SET author_id = NULL
                     WHERE id IN %(message_ids)s AND author_id IN %(partner_ids)s
                    """,
                    message_ids=message_ids,
                    partner_ids=partner_ids,
                )
            )
        # the tracked values of the anonymised fields, on every message of the
        # complaints (e.g. "Complainant: Acme -> Alice")
        field_id_by_name = self.env["ir.model.fields"]._get_ids(self._name)
        field_ids = tuple(
            field_id_by_name[name]
            for name in self._get_anonymised_fields()
            if name in field_id_by_name
        )
        if field_ids:
            cr.execute(
                SQL(
                    """
                    UPDATE mail_tracking_value t
                       SET old_value_char = NULL, new_value_char = NULL,
                           old_value_text = NULL, new_value_text = NULL,
                           old_value_integer = NULL, new_value_integer = NULL
                      FROM mail_message m
                     WHERE m.id = t.mail_message_id
                       AND m.model = %(model)s AND m.res_id IN %(ids)s
                       AND t.field_id IN %(field_ids)s
                    """,
                    model=self._name,
                    ids=ids,
                    field_ids=field_ids,
                )
            )
        self.env["mail.message"].invalidate_model()
        self.env["mail.tracking.value"].invalidate_model()
        self.env["mail.notification"].invalidate_model()
        self.env["mail.mail"].invalidate_model()

    def _anonymise_followers(self, partner_by_complaint):
        if not partner_by_complaint:
            return
        followers = self.env["mail.followers"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", list(partner_by_complaint)),
                ("partner_id", "in", list(set(partner_by_complaint.values()))),
            ]
        )
        followers.filtered(
            lambda f: partner_by_complaint.get(f.res_id) == f.partner_id.id
        ).unlink()

    def _anonymise_events(self):
        """Blank the personal data the complaints' audit events hold (their notes
        and the values flagged personal): none of it is hashed, the chain stays
        valid."""
        self.env.flush_all()
        self.audit_event_ids._erase_personal_data()

    def _log_anonymisation(self, reason, partner_by_complaint):
        """One audit event per anonymised complaint, one insert for the batch."""
        self.env["complaint.audit.event"]._log(
            [
                {
                    "complaint_id": complaint.id,
                    "event_type": "anonymisation",
                    "note": reason,
                }
                for complaint in self
            ]
        )

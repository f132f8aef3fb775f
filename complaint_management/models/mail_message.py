# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

# The fields that make a message what it says: who, when, what, about which record.
# Odoo's own bookkeeping (notifications, stars, pins, needaction) stays writable.
HISTORY_FIELDS = frozenset(
    {
        "body",
        "author_id",
        "author_guest_id",
        "date",
        "message_type",
        "subtype_id",
        "tracking_value_ids",
        "model",
        "res_id",
        "parent_id",
    }
)
# Outgoing copies of e-mails sent by a template (``send_mail``) and inbox
# notifications are not the record's history: Odoo deletes them once sent.
TRANSIENT_TYPES = frozenset({"email_outgoing", "user_notification"})

# A message is dated when it is written: a client's clock may differ by this much.
DATE_TOLERANCE = timedelta(minutes=1)

# Lifts the guard for the retention job only (``_complaint_history_sudo``): an
# object, so that no client (JSON, XML-RPC) can put it in a context.
RETENTION = object()


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    @tools.ormcache()
    def _complaint_history_models(self):
        """The models whose chatter is evidence: those of complaint.chatter.mixin."""
        mixin = self.env.registry["complaint.chatter.mixin"]
        return frozenset(
            name
            for name, model in self.env.registry.items()
            if not model._abstract and issubclass(model, mixin)
        )

    def _complaint_history_messages(self):
        if self.env.context.get("complaint_retention") is RETENTION:
            return self.browse()
        models_ = self._complaint_history_models()
        # sudo: the guard must see every message, whoever asks
        return self.sudo().filtered(
            lambda m: m.model in models_ and m.message_type not in TRANSIENT_TYPES
        )

    def _complaint_check_history(self):
        if self._complaint_history_messages():
            raise UserError(
                self.env._(
                    "The history of complaints, remedies, investigations and "
                    "corrective actions cannot be edited or deleted."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        if not self.env.su:
            messages._complaint_check_new_history()
        return messages

    def _complaint_check_new_history(self):
        """A message on a complaint record says who wrote it and when: a user
        writes as themselves (an internal user also as one of their companies, the
        sender of the letters the templates write), now. ``message_post`` over RPC
        with another partner as ``author_id``, someone else's ``email_from`` or a
        back-dated ``date`` ends here, like a ``mail.message`` created directly;
        the created message is checked, whatever values and defaults made it.
        Superuser code (the mail gateway, the portal's posting routes, which set the
        author from the visitor's link) is not concerned."""
        history = self._complaint_history_messages()
        if not history:
            return
        allowed = self._complaint_allowed_authors()
        now = fields.Datetime.now()
        for message in history:
            if message.author_id not in allowed or message.author_guest_id:
                self._complaint_raise_author()
            if abs(message.date - now) > DATE_TOLERANCE:
                raise UserError(
                    self.env._(
                        "A message of a complaint record is dated when it is "
                        "written: %(field)s cannot be set.",
                        field=self._fields["date"]._description_string(self.env),
                    )
                )

    @api.model
    def _complaint_allowed_authors(self):
        """The partners the current user may write complaint history as: their own,
        and for an internal user their companies' (the sender of the letters)."""
        user = self.env.user
        allowed = user.partner_id
        if user._is_internal():
            # sudo: the partners of the user's own companies
            allowed |= user.sudo().company_ids.partner_id
        return allowed

    @api.model
    def _complaint_raise_author(self):
        raise UserError(
            self.env._(
                "A message of a complaint record is written in your own name: "
                "%(field)s cannot be someone else.",
                field=self._fields["author_id"]._description_string(self.env),
            )
        )

    def write(self, vals):
        history = (
            self._complaint_history_messages() if HISTORY_FIELDS & vals.keys() else None
        )
        if history:
            # Odoo rewrites a message with its own values (a notification e-mail is
            # created on top of its message): only a change is refused
            if "tracking_value_ids" in vals:
                self._complaint_check_history()
            for fname in HISTORY_FIELDS & vals.keys() - {
                "attachment_ids",
                "tracking_value_ids",
            }:
                field = self._fields[fname]
                for message in history:
                    value = field.convert_to_record(
                        field.convert_to_cache(vals[fname], message), message
                    )
                    if value != message[fname]:
                        self._complaint_check_history()
        if not history or "attachment_ids" not in vals:
            return super().write(vals)
        # attachments may be added (Odoo moves a completed activity's files onto its
        # message), never taken away
        before = {m.id: set(m.attachment_ids.ids) for m in history}
        result = super().write(vals)
        for message in history:
            if not before[message.id] <= set(message.attachment_ids.ids):
                self._complaint_check_history()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_complaint_history(self):
        self._complaint_check_history()

    @api.model
    def _complaint_history_sudo(self, records):
        """``records`` (messages or attachments of complaint records) as superuser
        and with the history guard lifted: the only way to rewrite or delete that
        history. Private (RPC cannot call ``_`` methods), and the guard is lifted by
        an object that no client can put in a context. Callers:

        - the retention job (complaint_audit) blanks the complainant's message
          bodies once the retention period is over:
          ``env["mail.message"]._complaint_history_sudo(messages).write({"body": ""})``
          (tracking values stay);
        - the merge of duplicates moves their messages and attachments onto the
          complaint kept (``_merge_move_history``).

        The caller decides which records are due and has checked its own caller.
        """
        # sudo: see the callers above, each authorised before it gets here
        return records.sudo().with_context(complaint_retention=RETENTION)

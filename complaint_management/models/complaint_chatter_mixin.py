# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The chatter of the complaint records is evidence (ISO 10002 4.9, 4.12, 8.1).

``complaint.chatter.mixin`` is shared by complaints, remedies, investigations and
corrective actions:

- posting a message or a note, uploading an attachment, creating, completing or
  deleting an activity needs the right to *write* the record
  (``_mail_post_access = "write"``, Odoo's default), so a read-only reader (the
  auditor) writes nothing; a portal customer still posts on the complaints the
  portal rule lets them read, and their messages reach the followers only;
- nobody edits or deletes a message or a tracking value (``mail_message.py``,
  ``mail_tracking_value.py``), Odoo's "edit / delete my comment" included;
- ``mail_notrack`` / ``tracking_disable`` sent by a client do not switch tracking
  off: only server code running as superuser (a job, a ``_process_write``) may.
"""

from odoo import api, models
from odoo.exceptions import UserError

# Marks the activity reads of mail.activity (mail_activity.py): for them reading the
# record is enough, as Odoo does for models with ``_mail_post_access = "read"``. An
# object, so that no client (JSON, XML-RPC) can put it in a context.
ACTIVITY_READ = object()


class ComplaintChatterMixin(models.AbstractModel):
    _name = "complaint.chatter.mixin"
    _description = "Complaint records: protected chatter"
    _inherit = ["mail.thread"]

    @property
    def _mail_post_access(self):
        """Posting needs write access; reading activities needs read access only
        (mail.activity passes ACTIVITY_READ when it reads)."""
        if self.env.context.get("complaint_activity_read") is ACTIVITY_READ:
            return "read"
        return "write"

    # --- who may post -----------------------------------------------------------------
    @api.model
    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        # a customer (portal user) posts on the complaints the portal rule lets them
        # read; internal users need write access on the record
        if (
            operation == "create"
            and not self.env.su
            and not self.env.user._is_internal()
            and (not model_name or model_name == self._name)
        ):
            return "read"
        return super()._get_mail_message_access(res_ids, operation, model_name)

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """The web client's /mail/* routes (post, upload, reactions) find the record
        here. Internal users act with their own rights only, never through the
        customer's link (token, hash); a customer posts on what they can read or
        hold the link of."""
        if self.env.user._is_internal():
            thread = self.browse(thread_id)
            if thread.exists() and thread.sudo(False).has_access(mode):
                return thread
            return self.browse()
        if mode == "write":
            mode = "read"
        return super()._get_thread_with_access(thread_id, mode=mode, **kwargs)

    # the message's id over RPC (an override does not inherit Odoo's decorator)
    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        """Customers' messages reach the record's followers only: a portal user or
        a visitor holding the link cannot make the company e-mail other partners."""
        partner_ids = kwargs.get("partner_ids")
        if partner_ids and not self.env.user._is_internal():
            # sudo: the followers of the record the caller is posting on
            followers = self.sudo().message_partner_ids
            if set(partner_ids) - set(followers.ids):
                raise UserError(
                    self.env._(
                        "Your message reaches the people following %(record)s "
                        "only: you cannot add other recipients.",
                        record=self.display_name,
                    )
                )
        return super().message_post(**kwargs)

    # --- history cannot be rewritten ----------------------------------------------
    def _check_can_update_message_content(self, messages):
        """Odoo lets authors edit or delete their comments
        (/mail/message/update_content): not on these records."""
        raise UserError(
            self.env._(
                "Messages of %(document)s are part of its history and cannot be "
                "edited or deleted.",
                document=self.env["ir.model"]._get(self._name).name,
            )
        )

    # --- tracking cannot be switched off by a client ------------------------------
    @api.model
    def _complaint_strip_notrack(self):
        """``self`` without the client's ``mail_notrack`` / ``tracking_disable``.

        Only superuser code honours them: the jobs and ``_process_write`` run as
        superuser and may batch their notes (escalation logs one note per batch
        instead of a tracking message per record, measured at 4 ms each on a million
        rows); a context sent over RPC or by the web client never runs as superuser.
        """
        ctx = self.env.context
        if self.env.su or not (ctx.get("mail_notrack") or ctx.get("tracking_disable")):
            return self
        return self.with_context(mail_notrack=False, tracking_disable=False)

    @api.model_create_multi
    def create(self, vals_list):
        return super(ComplaintChatterMixin, self._complaint_strip_notrack()).create(
            vals_list
        )

    def write(self, vals):
        records = self
        if vals.keys() & set(self._track_get_fields()):
            records = self._complaint_strip_notrack()
        return super(ComplaintChatterMixin, records).write(vals)

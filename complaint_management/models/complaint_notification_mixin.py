# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_datetime


class ComplaintNotificationMixin(models.AbstractModel):
    """Who is told, and how, for every model of the complaints process: the managers
    of a company, activities created in one call, digest mails and chatter notes.

    Whatever a person reads is rendered in *their* language and time zone: digests
    and activities are built per recipient (``describe(record, env)`` gets an
    environment in the reader's language, and :meth:`_format_datetime_for` formats
    dates in the reader's time zone). Notes in a chatter have many readers: their
    dates are written in the author's time zone, with the zone named.
    """

    _name = "complaint.notification.mixin"
    _description = "Complaint Notifications"

    # --- Recipients -------------------------------------------------------------------
    @api.model
    def _get_complaint_managers(self, company, limit=None):
        """Active internal complaints managers who work in ``company`` (only they can
        act on its records), at most ``limit`` of them."""
        managers = self.env.ref("complaint_management.group_complaint_manager").users
        managers = managers.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )
        return managers[:limit] if limit else managers

    # --- Activities -------------------------------------------------------------------
    def _prepare_activity(
        self, user, summary, note=None, date_deadline=None, activity_type=None
    ):
        """Values of one activity on this record for ``user``. ``summary`` and
        ``note`` may be callables ``(env) -> str`` to be written in the user's
        language."""
        self.ensure_one()
        env = self._env_for(user)
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": (
                activity_type or self.env.ref("mail.mail_activity_data_todo")
            ).id,
            "user_id": user.id,
            "summary": summary(env) if callable(summary) else summary,
            "note": note(env) if callable(note) else note,
            "date_deadline": date_deadline
            or fields.Date.context_today(self.with_env(env)),
        }

    @api.model
    def _schedule_activities(self, values):
        """Create the activities ``values`` in one call. Quick update: no mail per
        activity; the callers tell people once (digest, significant alert)."""
        if values:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(values)

    # --- Reader's language and time zone ----------------------------------------------
    @api.model
    def _env_for(self, user):
        """This environment, in ``user``'s language and time zone."""
        return self.with_context(
            lang=user.lang or self.env.lang, tz=user.tz or self.env.context.get("tz")
        ).env

    @api.model
    def _format_datetime_for(self, env, value):
        """``value`` (naive UTC) as ``env``'s reader reads it: their time zone and
        their language's date format, with the zone named."""
        if not value:
            return ""
        tz = env.context.get("tz") or env.user.tz or "UTC"
        return format_datetime(env, value, tz=tz, dt_format="short") + f" ({tz})"

    # --- Digests and notes ------------------------------------------------------------
    @api.model
    def _send_digest_mails(self, digest, subject, intro, describe=None):
        """One mail per person listing their records, ``{user: records}``, instead
        of one mail per record (assignments of a batch, escalations, reminders, a
        flood of recurrence alerts). ``subject(env, records)`` and ``intro(env,
        records)`` are written, and ``describe(record, env)`` details each record,
        in the recipient's language and time zone."""
        base_url = self.browse().get_base_url()
        mails = []
        for user, records in digest.items():
            if not user.partner_id.email:
                continue
            env = self._env_for(user)
            lines = Markup("").join(
                Markup('<li><a href="%s">%s</a>%s</li>')
                % (
                    f"{base_url}/odoo/{record._name}/{record.id}",
                    record.with_env(env).display_name,
                    f" {detail}"
                    if (detail := describe and describe(record, env))
                    else "",
                )
                for record in records
            )
            mails.append(
                {
                    "subject": subject(env, records),
                    "body_html": Markup("<p>%s</p><ul>%s</ul>")
                    % (intro(env, records), lines),
                    "recipient_ids": [(4, user.partner_id.id)],
                    "email_from": user.company_id.email_formatted
                    or self.env.company.email_formatted,
                    "auto_delete": True,
                }
            )
        if mails:
            # sudo: mail.mail is technical; the caller is authorised on the
            # records listed, and the recipients are their handlers
            self.env["mail.mail"].sudo().create(mails)

    def _log_notes(self, note):
        """One chatter note per record, ``note(record)`` (plain text), logged in one
        batch instead of one message_post per record."""
        if self:
            self._message_log_batch(
                bodies={
                    record.id: Markup("<p>%s</p>") % note(record) for record in self
                }
            )

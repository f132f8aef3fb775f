# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo complaints walked through the process (demo data only)."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# The demo's process steps, in hours after a complaint's receipt: where a complaint
# received more recently has not had that long, its steps are compressed to fit
# between its receipt and an hour ago.
DEMO_AFTER_RECEIPT = timedelta(minutes=5)
DEMO_MARGIN = timedelta(hours=1)


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    @api.model
    def _demo_walk_through(self):
        """Walk the demo complaints (demo/complaint_complaint_demo.xml) to their
        stage with the buttons and wizards a user presses, as the demo users, so
        that each complaint's chatter shows its real history: creation,
        acknowledgement, assessment, investigation, decision, the decision letter,
        the complainant's response, closing; c6 closed then reopened (reopen
        wizard), c8 appealed (appeal wizard) and decided again at level 2, c11
        cancelled with a reason (cancel wizard). Mails are queued, not sent.

        Called once, by the demo data at install (a noupdate ``<function>``).
        Dates: each complaint keeps the ``date_received`` of its demo record (days
        or weeks ago), and each step is moved, once done, to the complaint's own
        timeline (``_demo_backdate``): acknowledged hours after receipt, assessed
        the next day, decided within the week, closed within the month, so that
        the chatter, the milestones and the deadlines read like real work."""
        admin = self.env.ref("base.user_admin")
        demo = self.env.ref("base.user_demo")

        def complaints(user, *numbers):
            return (
                self.with_user(user)
                .with_context(mail_notify_force_send=False)
                .browse(
                    [
                        self.env.ref(f"complaint_management.complaint_demo_c{n}").id
                        for n in numbers
                    ]
                )
            )

        def send_decision(user, *numbers):
            batch = complaints(user, *numbers)
            context = batch[:1].action_send_decision()["context"]
            composer = (
                self.env["mail.compose.message"]
                .with_user(user)
                .with_context(
                    context, default_res_ids=batch.ids, mail_notify_force_send=False
                )
                .create({})
            )
            composer.action_send_mail()

        def appeal():
            # c8: the complainant rejects the decision; Marc Demo reviews it (level 2)
            self.env["complaint.complaint.appeal"].with_user(admin).create(
                {
                    "complaint_id": complaints(admin, 8).id,
                    "reviewer_id": demo.id,
                    "reason": "The customer says the scratches were there on "
                    "delivery, not made by the removal company.",
                }
            ).action_appeal()

        def reopen():
            self.env["complaint.complaint.reopen"].with_user(admin).create(
                {
                    "complaint_ids": complaints(admin, 6).ids,
                    "reason": "The customer called again: the promised call back "
                    "never came.",
                }
            ).action_reopen()

        def cancel():
            self.env["complaint.complaint.cancel"].with_user(demo).create(
                {
                    "complaint_ids": complaints(demo, 11).ids,
                    "reason": "The customer withdrew the complaint by phone: it "
                    "duplicates the screws complaint.",
                }
            ).action_cancel()

        # (hours after receipt, complaints, step)
        steps = [
            # phone and in-person complaints are acknowledged by hand (the external
            # channels were acknowledged by e-mail when they were created)
            (
                2,
                (4, 5, 6, 7, 8, 9, 10, 11),
                lambda: complaints(demo, 4, 5, 6, 7, 8, 9, 10, 11).action_acknowledge(),
            ),
            (
                26,
                (4, 5, 6, 7, 8, 9, 10),
                lambda: complaints(admin, 4, 5, 6, 7, 8, 9, 10).action_assess(),
            ),
            (
                50,
                (5, 6, 7, 8, 9, 10),
                lambda: complaints(
                    admin, 5, 6, 7, 8, 9, 10
                ).action_start_investigation(),
            ),
            (
                146,
                (6, 7, 8, 9, 10),
                lambda: complaints(admin, 6, 7, 8, 9, 10).action_decide(),
            ),
            (170, (6, 8, 9, 10), lambda: send_decision(admin, 6, 8, 9, 10)),
            (240, (8,), appeal),
            (336, (8,), lambda: complaints(demo, 8).action_decide()),
            (360, (8,), lambda: send_decision(demo, 8)),
            (290, (6, 9), lambda: complaints(demo, 6, 9).action_response_accepted()),
            (600, (10,), lambda: complaints(demo, 10).action_response_no_reply()),
            (672, (6, 9, 10), lambda: complaints(admin, 6, 9, 10).action_close()),
            (840, (6,), reopen),
            (72, (11,), cancel),
        ]
        ref = self.env.ref
        ids = {
            n: ref(f"complaint_management.complaint_demo_c{n}").id for n in range(1, 12)
        }
        last = {}
        for hours, numbers, _step in steps:
            for n in numbers:
                last[ids[n]] = max(last.get(ids[n], 0), hours)
        everyone = self.browse(list(ids.values()))
        received = {c.id: c.date_received for c in everyone}
        now = fields.Datetime.now()

        def planned(numbers, hours):
            when = {}
            for n in numbers:
                cid = ids[n]
                span = now - received[cid] - DEMO_MARGIN
                scale = min(1.0, span / timedelta(hours=last[cid]))
                moment = received[cid] + timedelta(hours=hours) * scale
                when[cid] = moment.replace(microsecond=0)
            return when

        # Each step is one request of its own: the tracking of a transaction is
        # written at its end (cr.flush() runs the precommit hooks), so flushing
        # after each step gives one tracking message per step, as in real use,
        # instead of one message from the creation to the final stage.
        self.env.cr.flush()
        # the creation (and the e-mail acknowledgement of the external channels)
        self._demo_backdate(
            {cid: received[cid] + DEMO_AFTER_RECEIPT for cid in received}, 0
        )
        for hours, numbers, step in steps:
            self.env.cr.execute("SELECT max(id) FROM mail_message")
            floor = self.env.cr.fetchone()[0] or 0
            step()
            self.env.cr.flush()
            self._demo_backdate(planned(numbers, hours), floor)

    @api.model
    def _demo_backdate(self, when_by_id, floor):
        """Move what the last step did to the complaints of ``when_by_id`` (id →
        datetime) to that moment: the milestones it stamped (any stored date of the
        complaint set during this install, which the deadlines follow), the messages
        it wrote (ids above ``floor``, on the complaints and their investigations and
        remedies) and the dates their tracking values show. Demo data only, at
        install, as superuser: the history guard does not apply to it (SQL)."""
        install = self.env.cr.now()
        complaints = self.browse(list(when_by_id)).with_context(
            mail_notrack=True, tracking_disable=True
        )
        stamps = [
            name
            for name, field in self._fields.items()
            if field.type == "datetime"
            and field.store
            and not field.compute
            and not field.related
            and name not in ("date_received", "create_date", "write_date")
        ]
        tracked = [
            name
            for name in self._track_get_fields()
            if self._fields[name].type == "datetime"
        ]
        before = {c.id: {name: c[name] for name in tracked} for c in complaints}
        # per record: each demo complaint has its own timeline (eleven records)
        for complaint in complaints:
            when = when_by_id[complaint.id]
            due = {
                name: when
                for name in stamps
                if complaint[name] and complaint[name] >= install
            }
            if due:
                complaint._process_write(due)
        self.env.flush_all()
        # the step's own tracking is written (cr.flush() before this method); the
        # deadlines that follow the moved milestones are no change of the process
        complaints._track_discard()
        self.env.cr.flush()
        moved = []  # (complaint id, field name, value at install, value now)
        for complaint in complaints:
            for name in tracked:
                old, new = before[complaint.id][name], complaint[name]
                if old and new and old != new:
                    moved.append((complaint.id, name, old, new))
        messages = self._demo_step_messages(when_by_id, floor)
        if messages:
            self.env.cr.execute(
                SQL(
                    "UPDATE mail_message m SET date = v.date "
                    "FROM (VALUES %s) AS v(id, date) WHERE m.id = v.id",
                    SQL(", ").join(
                        SQL("(%s, %s::timestamp)", mid, date)
                        for mid, date in messages.items()
                    ),
                )
            )
        field_ids = {
            name: self.env["ir.model.fields"]._get(self._name, name).id
            for name in tracked
        }
        for cid, name, old, new in moved:
            for side in ("old", "new"):
                column = SQL.identifier(f"{side}_value_datetime")
                self.env.cr.execute(
                    SQL(
                        "UPDATE mail_tracking_value v SET %s = %s "
                        "FROM mail_message m WHERE m.id = v.mail_message_id "
                        "AND m.model = %s AND m.res_id = %s AND m.id > %s "
                        "AND v.field_id = %s AND v.%s = %s",
                        column,
                        new,
                        self._name,
                        cid,
                        floor,
                        field_ids[name],
                        column,
                        old,
                    )
                )
        self.env.invalidate_all()

    @api.model
    def _demo_step_messages(self, when_by_id, floor):
        """``{message id: date}`` for the messages above ``floor`` of the complaints
        of ``when_by_id`` and of their investigations and remedies, a second apart
        in the order they were written."""
        related = {"complaint.complaint": {cid: cid for cid in when_by_id}}
        for model in ("complaint.investigation", "complaint.remedy"):
            records = self.env[model].search([("complaint_id", "in", list(when_by_id))])
            related[model] = {r.id: r.complaint_id.id for r in records}
        dates = {}
        for model, complaint_by_res in related.items():
            if not complaint_by_res:
                continue
            self.env.cr.execute(
                SQL(
                    "SELECT id, res_id FROM mail_message "
                    "WHERE model = %s AND res_id IN %s AND id > %s ORDER BY id",
                    model,
                    tuple(complaint_by_res),
                    floor,
                )
            )
            for mid, res_id in self.env.cr.fetchall():
                dates[mid] = complaint_by_res[res_id]
        offsets = {}
        result = {}
        for mid in sorted(dates):
            cid = dates[mid]
            offsets[cid] = offsets.get(cid, -1) + 1
            result[mid] = when_by_id[cid] + timedelta(seconds=offsets[cid])
        return result

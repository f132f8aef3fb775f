# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo complaints walked through the process (demo data only)."""

from odoo import api, models


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
        or weeks ago); the steps themselves are stamped with the install time (the
        demo loader cannot freeze time, and shifting milestones, deadlines and
        messages afterwards would have to rewrite the SLA and the trail)."""
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

        steps = [
            # phone and in-person complaints are acknowledged by hand (the external
            # channels were acknowledged by e-mail when they were created)
            lambda: complaints(demo, 4, 5, 6, 7, 8, 9, 10, 11).action_acknowledge(),
            lambda: complaints(admin, 4, 5, 6, 7, 8, 9, 10).action_assess(),
            lambda: complaints(admin, 5, 6, 7, 8, 9, 10).action_start_investigation(),
            lambda: complaints(admin, 6, 7, 8, 9, 10).action_decide(),
            lambda: send_decision(admin, 6, 8, 9, 10),
            appeal,
            lambda: complaints(demo, 8).action_decide(),
            lambda: send_decision(demo, 8),
            lambda: complaints(demo, 6, 9).action_response_accepted(),
            lambda: complaints(demo, 10).action_response_no_reply(),
            lambda: complaints(admin, 6, 9, 10).action_close(),
            reopen,
            cancel,
        ]
        # Each step is one request of its own: the tracking of a transaction is
        # written at its end (cr.flush() runs the precommit hooks), so flushing
        # after each step gives one tracking message per step, as in real use,
        # instead of one message from the creation to the final stage.
        self.env.cr.flush()
        for step in steps:
            step()
            self.env.cr.flush()

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from contextlib import contextmanager

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintMerge(ComplaintCommon):
    """Related and duplicate complaints (R26; ISO 10002 7.2, 8.2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.env(user=cls.user_a)

    def _with_history(self, complaint, author_env, text):
        """A message with an attachment posted by ``author_env``'s user, and a file
        attached directly to the complaint."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{text}.txt",
                "datas": base64.b64encode(text.encode()),
                "res_model": complaint._name,
                "res_id": complaint.id,
            }
        )
        message = complaint.with_env(author_env).message_post(
            body=text,
            message_type="comment",
            attachments=[(f"{text}-photo.txt", text.encode())],
        )
        return message, attachment | message.attachment_ids

    @contextmanager
    def assertGate(self, exception, pattern):
        """The gate raises ``exception`` with a message matching ``pattern``; the
        savepoint of ``assertRaises`` rolls back what was written."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)

    def test_related_link_is_symmetric(self):
        """R26: a link made on one complaint shows on the other and can be undone
        from either side."""
        first, second, third = (self._create_complaint() for _i in range(3))
        first.related_complaint_ids = [(4, second.id)]
        self.assertEqual(second.related_complaint_ids, first)
        self.assertEqual(first.related_complaint_ids, second)
        third.related_complaint_ids = [(4, first.id)]
        self.assertEqual(first.related_complaint_ids, second | third)
        self.assertIn(
            first, self.Complaint.search([("related_complaint_ids", "in", third.ids)])
        )
        second.related_complaint_ids = [(3, first.id)]
        self.assertEqual(first.related_complaint_ids, third)
        self.assertFalse(second.related_complaint_ids)

    def test_merge_keeps_every_message_and_attachment(self):
        """R26: merging moves every message and attachment of the duplicates to the
        kept complaint, including those other users wrote; the duplicates are
        cancelled as duplicates with a note linking the kept one."""
        keep, dup_1, dup_2 = (self._create_complaint(env=self.env_a) for _i in range(3))
        action = self.env["complaint.corrective.action"].create(
            {"title": "Fix it", "complaint_ids": [(6, 0, dup_1.ids)]}
        )
        self._walk_to(dup_2, "closed")
        env_a2 = self.env(user=self.user_a2)
        messages = self.env["mail.message"]
        attachments = self.env["ir.attachment"]
        for complaint, author_env in ((dup_1, self.env_a), (dup_2, env_a2)):
            message, files = self._with_history(complaint, author_env, complaint.name)
            messages |= message
            attachments |= files
        messages |= self.env["mail.message"].search(
            [("model", "=", keep._name), ("res_id", "in", (dup_1 | dup_2).ids)]
        )
        attachments |= self.env["ir.attachment"].search(
            [("res_model", "=", keep._name), ("res_id", "in", (dup_1 | dup_2).ids)]
        )
        self.assertGreaterEqual(len(attachments), 4)
        wizard = Form(
            self.env_a["complaint.complaint.merge"].with_context(
                active_model=keep._name, active_ids=(keep | dup_1 | dup_2).ids
            )
        )
        wizard.keep_id = keep
        wizard.save().action_merge()
        self.assertEqual(set(messages.mapped("res_id")), {keep.id})
        self.assertEqual(set(attachments.mapped("res_id")), {keep.id})
        for duplicate in dup_1 | dup_2:
            self.assertEqual(duplicate.state, "cancelled")
            self.assertEqual(duplicate.close_reason, "duplicate")
            self.assertEqual(duplicate.merged_into_id, keep)
            note = duplicate.message_ids[:1]
            self.assertIn(keep.name, note.body)
            self.assertIn(f'data-oe-id="{keep.id}"', note.body)
        self.assertEqual(keep.related_complaint_ids, dup_1 | dup_2)
        self.assertIn(action, keep.corrective_action_ids)
        self.assertNotEqual(keep.state, "cancelled")

    def test_merge_validates_before_writing(self):
        """R26: a cancelled complaint cannot be the one kept, complaints of two
        companies cannot merge, and nothing is written when the merge is refused."""
        keep, duplicate = (self._create_complaint() for _i in range(2))
        keep._cancel("Withdrawn by the complainant.")
        wizard = self.env["complaint.complaint.merge"].create(
            {"complaint_ids": [(6, 0, (keep | duplicate).ids)], "keep_id": keep.id}
        )
        with self.assertGate(UserError, "cancelled"):
            wizard.action_merge()
        duplicate.invalidate_recordset()
        self.assertEqual(duplicate.state, "new")
        self.assertFalse(duplicate.merged_into_id)
        other = self._create_complaint(
            company_id=self.company_b.id,
            team_id=self.team_company_b.id,
            sale_order_id=False,
            sale_line_id=False,
            invoice_id=False,
            partner_id=self.other_customer.id,
        )
        wizard = self.env["complaint.complaint.merge"].create(
            {
                "complaint_ids": [(6, 0, (duplicate | other).ids)],
                "keep_id": duplicate.id,
            }
        )
        with self.assertGate(UserError, "same company"):
            wizard.action_merge()
        other.invalidate_recordset()
        self.assertEqual(other.state, "new")

    def test_merge_needs_access_to_all(self):
        """R26: a user never merges a complaint they may not change: one of another
        team is refused and stays untouched."""
        keep = self._create_complaint(env=self.env_a)
        foreign = self._create_complaint(team_id=self.team_b.id)
        wizard = self.env["complaint.complaint.merge"].create(
            {"complaint_ids": [(6, 0, (keep | foreign).ids)], "keep_id": keep.id}
        )
        with self.assertRaises(UserError):
            wizard.with_user(self.user_a).action_merge()
        foreign.invalidate_recordset()
        self.assertFalse(foreign.merged_into_id)
        self.assertEqual(foreign.state, "new")

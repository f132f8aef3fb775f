"""Attacks on the complaint's chatter, played as real users through XML-RPC, JSON-RPC
and the web client's ``/mail/*`` routes: history erased or rewritten, tracking
switched off by a client, the auditor writing, a customer e-mailing strangers or
reading internal details. Each is refused and leaves the record unchanged."""

from integrity_common import IntegrityCase

from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestIntegrityChatter(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        complaint = cls.complaint.with_user(cls.handler)
        cls.comment = complaint.message_post(
            body="Called the customer back.", message_type="comment"
        )
        cls.activity = complaint.activity_schedule(
            "mail.mail_activity_data_todo", summary="Call back", user_id=cls.handler.id
        )

    def _state(self):
        return self.snapshot(self.complaint)

    # --- history (R10: the record is evidence) ---------------------------------------
    def _tracking_message(self):
        """A tracking message, written as Odoo writes it: at the end of a request."""
        self.xmlrpc(
            self.handler,
            "complaint.complaint",
            "write",
            [self.complaint.id],
            {"priority": "1"},
        )
        return self.env["mail.message"].search(
            [
                ("model", "=", "complaint.complaint"),
                ("res_id", "=", self.complaint.id),
                ("tracking_value_ids", "!=", False),
            ],
            limit=1,
        )

    def test_handler_cannot_delete_or_rewrite_history(self):
        tracking_message = self._tracking_message()
        self.assertTrue(tracking_message)
        before = self._state()
        for message in (self.comment, tracking_message):
            self.assertRefused(
                self.xmlrpc,
                self.handler,
                "mail.message",
                "unlink",
                [message.id],
                message="cannot be edited or deleted",
            )
            self.assertRefused(
                self.jsonrpc,
                self.handler,
                "mail.message",
                "write",
                [message.id],
                {"body": "<p>Nothing happened</p>"},
                message="cannot be edited or deleted",
            )
        self.assertRefused(
            self.xmlrpc,
            self.manager,
            "mail.message",
            "write",
            [self.comment.id],
            {"author_id": self.manager.partner_id.id},
            message="cannot be edited or deleted",
        )
        self.assertEqual(self._state(), before)

    def test_author_cannot_edit_or_delete_comment_in_web_client(self):
        before = self._state()
        for body in ("<p>Edited</p>", ""):  # the web client deletes with an empty body
            self.assertRefused(
                self.web_call,
                self.handler,
                "/mail/message/update_content",
                {"message_id": self.comment.id, "body": body, "attachment_ids": []},
                message="part of its history",
            )
        self.assertEqual(self._state(), before)

    # --- history cannot be forged: who wrote a message and when -----------------------
    def test_handler_cannot_post_as_someone_else_or_back_date(self):
        handler, cid = self.handler, self.complaint.id
        # a partner with an address of its own (the test users share theirs)
        customer = self.env["res.partner"].create(
            {"name": "Carla Complainant", "email": "carla@example.com"}
        )
        before = self._state()
        for call in (self.xmlrpc, self.jsonrpc):
            for forged in (
                {"author_id": customer.id},
                {"author_id": self.manager.partner_id.id},
                {"email_from": customer.email},
                {"email_from": "someone@example.com", "author_id": False},
            ):
                self.assertRefused(
                    call,
                    handler,
                    "complaint.complaint",
                    "message_post",
                    [cid],
                    body="I accept the decision.",
                    message_type="comment",
                    message="in your own name",
                    **forged,
                )
            self.assertRefused(
                call,
                handler,
                "complaint.complaint",
                "message_post",
                [cid],
                body="Called the customer back within the hour.",
                message_type="comment",
                date="2020-01-01 09:00:00",
                message="dated when it is written",
            )
        # nor by creating the message itself, or through the composer
        self.assertRefused(
            self.xmlrpc,
            handler,
            "mail.message",
            "create",
            {
                "model": "complaint.complaint",
                "res_id": cid,
                "body": "I withdraw my complaint.",
                "message_type": "email",
                "author_id": customer.id,
            },
            message="in your own name",
        )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "mail.message",
            "create",
            {
                "model": "complaint.complaint",
                "res_id": cid,
                "body": "Acknowledged on time.",
                "date": "2020-01-01 09:00:00",
            },
            message="dated when it is written",
        )
        composer = self.xmlrpc(
            handler,
            "mail.compose.message",
            "create",
            {
                "model": "complaint.complaint",
                "res_ids": str([cid]),
                "composition_mode": "comment",
                "body": "<p>I withdraw my complaint.</p>",
                "author_id": customer.id,
                "email_from": customer.email,
            },
        )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "mail.compose.message",
            "action_send_mail",
            [composer],
            message="in your own name",
        )
        scheduled = self.env["mail.scheduled.message"].sudo()
        count = scheduled.search_count([])
        self.assertRefused(
            self.xmlrpc,
            handler,
            "mail.scheduled.message",
            "create",
            {
                "model": "complaint.complaint",
                "res_id": cid,
                "body": "I withdraw my complaint.",
                "author_id": customer.id,
                "scheduled_date": "2099-01-01 09:00:00",
            },
            message="in your own name",
        )
        self.assertEqual(scheduled.search_count([]), count)
        self.assertEqual(self._state(), before)
        # in their own name, now: posted
        self.xmlrpc(
            handler,
            "complaint.complaint",
            "message_post",
            [cid],
            body="Called the customer back.",
            message_type="comment",
        )
        self.assertEqual(self._state()[1]["messages"], before[1]["messages"] + 1)

    # --- tracking cannot be switched off by the client -------------------------------
    def test_client_context_does_not_switch_tracking_off(self):
        tracking = self.env["mail.tracking.value"]
        count = tracking.search_count([])
        for key in ("mail_notrack", "tracking_disable"):
            self.xmlrpc(
                self.handler,
                "complaint.complaint",
                "write",
                [self.complaint.id],
                {"priority": "2" if key == "mail_notrack" else "0"},
                context={key: True},
            )
        self.assertEqual(tracking.search_count([]), count + 2)

    # --- the auditor reads and writes nothing ----------------------------------------
    def test_auditor_reads_history_and_activities(self):
        messages = self.xmlrpc(
            self.auditor,
            "mail.message",
            "search_read",
            [("model", "=", "complaint.complaint"), ("res_id", "=", self.complaint.id)],
            fields=["body", "author_id"],
        )
        self.assertIn(self.comment.id, [m["id"] for m in messages])
        activities = self.xmlrpc(
            self.auditor,
            "mail.activity",
            "search",
            [("res_model", "=", "complaint.complaint")],
        )
        self.assertIn(self.activity.id, activities)

    def test_auditor_cannot_post_attach_or_touch_activities(self):
        before = self._state()
        auditor, cid = self.auditor, self.complaint.id
        self.assertRefused(
            self.xmlrpc,
            auditor,
            "complaint.complaint",
            "message_post",
            [cid],
            body="Audit note",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertRefused(
            self.web_call,
            auditor,
            "/mail/message/post",
            {
                "thread_model": "complaint.complaint",
                "thread_id": cid,
                "post_data": {"body": "Audit message", "message_type": "comment"},
            },
        )
        self.assertRefused(
            self.web_call,
            auditor,
            "/mail/message/post",
            {
                "thread_model": "complaint.complaint",
                "thread_id": cid,
                "token": self.complaint.sudo().access_token,
                "post_data": {"body": "Through the link", "message_type": "comment"},
            },
        )
        self.assertRefused(
            self.xmlrpc,
            auditor,
            "ir.attachment",
            "create",
            {
                "name": "finding.txt",
                "raw": "x",
                "res_model": "complaint.complaint",
                "res_id": cid,
            },
        )
        model_id = self.env["ir.model"]._get_id("complaint.complaint")
        self.assertRefused(
            self.xmlrpc,
            auditor,
            "mail.activity",
            "create",
            {
                "res_model_id": model_id,
                "res_id": cid,
                "summary": "Audit",
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": auditor.id,
            },
            message="plan, complete or delete",
        )
        for method in ("action_done", "unlink"):
            self.assertRefused(
                self.xmlrpc,
                auditor,
                "mail.activity",
                method,
                [self.activity.id],
            )
        self.assertEqual(self._state(), before)

    # --- customers -------------------------------------------------------------------
    def test_portal_customer_cannot_mail_strangers(self):
        portal = self.users["int_portal"]
        stranger = self.users["int_portal_other"].partner_id
        before = self._state()
        self.assertRefused(
            self.xmlrpc,
            portal,
            "complaint.complaint",
            "message_post",
            [self.complaint.id],
            body="Look at this",
            message_type="comment",
            partner_ids=[stranger.id],
            message="cannot add other recipients",
        )
        self.assertEqual(self._state(), before)

    def test_hidden_fields_refused_to_portal(self):
        for login in ("int_portal", "int_portal_other"):
            self.assertRefused(
                self.xmlrpc,
                self.users[login],
                "complaint.complaint",
                "read",
                [self.complaint.id],
                ["subject_user_ids"],
            )
        subject = self.xmlrpc(
            self.users["int_portal"],
            "complaint.complaint",
            "read",
            [self.complaint.id],
            ["subject"],
        )
        self.assertEqual(subject[0]["subject"], "Blender arrived cracked")

"""Attacks on the complaints process itself (issue 11, "ISO defects"), played as the
real users through Odoo's HTTP and RPC layers: the client context keys that used to
move a complaint (``complaint_mark_communicated``, ``complaint_reopen_reason``) and a
drag to "Decision communicated" with nothing sent (R35, R38). Each attack is refused
or ignored, and the complaint is the same before and after."""

from integrity_common import IntegrityCase
from markupsafe import Markup

from odoo.tests import tagged

MARK = {"complaint_mark_communicated": True}
# what a decision communicated would change
PROCESS_VIEW = [
    "stage_id",
    "state",
    "date_communicated",
    "communication_channel",
    "communicated_by_id",
    "date_closed",
    "reopen_count",
    "date_reopened",
    "complainant_response",
    "close_reason",
]


@tagged("post_install", "-at_install")
class TestIntegrityIso(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["complaint.category"].create({"name": "Integrity"})
        complaint = cls.complaint.with_user(cls.handler)
        complaint.write(
            {
                "severity": "low",
                "category_id": category.id,
                "complexity": "simple",
                "impact": "individual",
            }
        )
        complaint.action_acknowledge()
        complaint.action_assess()
        complaint.action_start_investigation()
        cls.env["complaint.investigation"].with_user(cls.handler).create(
            {
                "name": "Check the shipment",
                "complaint_id": complaint.id,
                "investigator_id": cls.handler.id,
                "findings": Markup("<p>Dropped in transit.</p>"),
            }
        )
        complaint.write(
            {
                "outcome": "upheld",
                "decision_reason": Markup("<p>Damaged in transit.</p>"),
            }
        )
        complaint.action_decide()
        cls.communicated_stage = cls.env["complaint.stage"]._get_first_for_state(
            "communicated"
        )
        # the complainant follows the complaint (portal access by the partner)
        cls.complaint.sudo().message_subscribe(partner_ids=cls.customer.ids)

    def _post_params(self, **extra):
        return {
            "thread_model": "complaint.complaint",
            "thread_id": self.complaint.id,
            "post_data": {
                "body": "I accept, please mark it communicated",
                "message_type": "comment",
            },
            "context": dict(MARK),
            **extra,
        }

    def _assert_not_communicated(self, before):
        after = self.snapshot(self.complaint, PROCESS_VIEW)[0]
        self.assertEqual(before, after)
        self.assertEqual(self.complaint.state, "decision")

    def _attempt(self, call, *args, **kwargs):
        """Run an attack that may be refused (the caller may not post at all) or
        ignored (the message posts, the process does not move)."""
        try:
            call(*args, **kwargs)
        except Exception as error:  # refused: also fine
            return error
        return None

    # --- complaint_mark_communicated through /mail/message/post --------------------
    def test_portal_customer_context_key_on_message_post_route(self):
        """R35: the complainant posting with the context key does not communicate."""
        before = self.snapshot(self.complaint, PROCESS_VIEW)[0]
        self._attempt(
            self.web_call,
            self.users["int_portal"],
            "/mail/message/post",
            self._post_params(),
        )
        self._assert_not_communicated(before)

    def test_auditor_context_key_on_message_post_route(self):
        """R35: the auditor posting with the context key does not communicate."""
        before = self.snapshot(self.complaint, PROCESS_VIEW)[0]
        self._attempt(
            self.web_call, self.auditor, "/mail/message/post", self._post_params()
        )
        self._assert_not_communicated(before)

    def test_anonymous_token_holder_context_key(self):
        """R35: an anonymous holder of the portal link (Odoo 18's portal chatter
        passes the ``token`` to /mail/message/post) does not communicate."""
        token = self.complaint.sudo().access_token
        self.assertTrue(token)
        before = self.snapshot(self.complaint, PROCESS_VIEW)[0]
        self._attempt(
            self.web_call, None, "/mail/message/post", self._post_params(token=token)
        )
        self._assert_not_communicated(before)

    def test_handler_context_key_on_message_post_route(self):
        """R35: even the handler cannot communicate by posting with the key."""
        before = self.snapshot(self.complaint, PROCESS_VIEW)[0]
        refused = self._attempt(
            self.web_call, self.handler, "/mail/message/post", self._post_params()
        )
        self.assertIsNone(refused, "the handler's message itself is posted")
        self._assert_not_communicated(before)

    # --- message_post over RPC ----------------------------------------------------
    def test_message_post_over_rpc_with_context_key(self):
        """R35: message_post over XML-RPC and JSON-RPC with the key, as the handler
        and the auditor, does not communicate."""
        before = self.snapshot(self.complaint, PROCESS_VIEW)[0]
        for user in (self.handler, self.auditor):
            for call in (self.xmlrpc, self.jsonrpc):
                self._attempt(
                    call,
                    user,
                    "complaint.complaint",
                    "message_post",
                    [self.complaint.id],
                    body="Decision sent",
                    message_type="comment",
                    context=dict(MARK),
                )
        self._assert_not_communicated(before)

    # --- a drag to communicated ------------------------------------------------------
    def test_drag_to_communicated_over_rpc_refused(self):
        """R35: a kanban drag over RPC to "Decision communicated", with no message
        sent and no channel, is refused and writes nothing."""
        before = self.snapshot(self.complaint)
        for call in (self.xmlrpc, self.jsonrpc):
            self.assertRefused(
                call,
                self.handler,
                "complaint.complaint",
                "write",
                [self.complaint.id],
                {"stage_id": self.communicated_stage.id},
                message="Decision Sent By Means Of",
            )
            self.assertRefused(
                call,
                self.handler,
                "complaint.complaint",
                "write",
                [self.complaint.id],
                {"stage_id": self.communicated_stage.id},
                context=dict(MARK),
                message="Decision Sent By Means Of",
            )
        self.assertEqual(before, self.snapshot(self.complaint))

    # --- complaint_reopen_reason ------------------------------------------------------
    def test_reopen_context_key_over_rpc_refused(self):
        """R38: a closed complaint cannot be reopened by a plain write carrying the
        old context key; only the reopen wizard reopens."""
        closed = self.env["complaint.stage"]._get_first_for_state("closed")
        investigation = self.env["complaint.stage"]._get_first_for_state(
            "investigation"
        )
        complaint = self.complaint.with_user(self.handler)
        complaint._mark_communicated("email")
        complaint.action_response_accepted()
        complaint.action_close()
        self.assertEqual(complaint.stage_id, closed)
        before = self.snapshot(self.complaint)
        for call in (self.xmlrpc, self.jsonrpc):
            self.assertRefused(
                call,
                self.handler,
                "complaint.complaint",
                "write",
                [self.complaint.id],
                {"stage_id": investigation.id},
                context={"complaint_reopen_reason": "because I can"},
                message="Reopen",
            )
        self.assertEqual(before, self.snapshot(self.complaint))
        # the wizard still reopens it, over RPC too
        wizard_id = self.xmlrpc(
            self.handler,
            "complaint.complaint.reopen",
            "create",
            {
                "complaint_ids": [(6, 0, self.complaint.ids)],
                "reason": "The replacement broke too.",
                "stage_id": investigation.id,
            },
        )
        self.xmlrpc(
            self.handler, "complaint.complaint.reopen", "action_reopen", [wizard_id]
        )
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.state, "investigation")
        self.assertEqual(self.complaint.reopen_count, 1)

"""The persons complained about and their account, tried as real users over XML-RPC,
JSON-RPC and the web client's chatter route: a handler who is not the investigator
sees neither (read, search, read_group, export, tracking values), the assigned
investigator and the managers see both, the auditor reads and writes nothing."""

from integrity_common import IntegrityCase

from odoo.tests import new_test_user, tagged

STATEMENT = "<p>I followed the returns procedure.</p>"


@tagged("post_install", "-at_install")
class TestIntegritySubjects(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login in ("int_investigator", "int_subject"):
            cls.users[login] = new_test_user(
                cls.env,
                login=login,
                password=f"{login}-Pw-1",
                groups="complaint_management.group_complaint_user",
            )
        # a handler allowed to export, so that the export itself is what is tried
        cls.handler.groups_id += cls.env.ref("base.group_allow_export")
        cls.investigator = cls.users["int_investigator"]
        cls.subject_user = cls.users["int_subject"]
        cls.investigation = (
            cls.env["complaint.investigation"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Hear the counter staff",
                    "complaint_id": cls.complaint.id,
                    "investigator_id": cls.investigator.id,
                }
            )
        )

    def setUp(self):
        super().setUp()
        # over RPC, so that the tracking message is written as in production
        self.xmlrpc(
            self.manager,
            "complaint.complaint",
            "write",
            [self.complaint.id],
            {"subject_user_ids": [(4, self.subject_user.id)]},
        )
        self.xmlrpc(
            self.investigator,
            "complaint.investigation",
            "write",
            [self.investigation.id],
            {"subject_account": STATEMENT},
        )

    def _tracked_fields(self, user):
        """The fields whose changes ``user`` sees in the complaint's chatter."""
        reply = self.web_call(
            user,
            "/mail/thread/messages",
            {"thread_model": "complaint.complaint", "thread_id": self.complaint.id},
        )
        return {
            value["fieldName"]
            for message in reply["data"]["mail.message"]
            for value in message.get("trackingValues", [])
        }

    def _state(self):
        return (
            self.snapshot(self.complaint),
            self.snapshot(self.investigation),
        )

    def test_handler_not_investigator_sees_no_subject(self):
        handler, cid, iid = self.handler, self.complaint.id, self.investigation.id
        before = self._state()
        for call in (self.xmlrpc, self.jsonrpc):
            self.assertRefused(
                call,
                handler,
                "complaint.complaint",
                "read",
                [cid],
                ["subject_user_ids"],
                message="subject_user_ids",
            )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.complaint",
            "search",
            [("subject_user_ids", "in", [self.subject_user.id])],
            message="subject_user_ids",
        )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.complaint",
            "read_group",
            [],
            ["subject_user_ids"],
            ["subject_user_ids"],
            message="subject_user_ids",
        )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.complaint",
            "export_data",
            [cid],
            ["name", "subject_user_ids/name"],
            message="subject_user_ids",
        )
        # reading "everything" leaves the field out; the flag the form needs stays
        everything = self.xmlrpc(handler, "complaint.complaint", "read", [cid])[0]
        self.assertNotIn("subject_user_ids", everything)
        self.assertTrue(everything["has_subjects"])
        # the account of the person complained about, on the investigation
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.investigation",
            "read",
            [iid],
            ["subject_statement"],
            message="subject_statement",
        )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.investigation",
            "search",
            [("subject_statement", "ilike", "procedure")],
            message="subject_statement",
        )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.complaint",
            "search",
            [("investigation_ids.subject_statement", "ilike", "procedure")],
            message="subject_statement",
        )
        shown = self.xmlrpc(
            handler,
            "complaint.investigation",
            "read",
            [iid],
            ["subject_account", "subject_user_ids", "subject_visible"],
        )[0]
        self.assertFalse(shown["subject_account"])
        self.assertEqual(shown["subject_user_ids"], [])
        self.assertFalse(shown["subject_visible"])
        exported = self.xmlrpc(
            handler,
            "complaint.investigation",
            "export_data",
            [iid],
            ["subject_account", "subject_user_ids/name"],
        )
        self.assertNotIn("procedure", str(exported))
        self.assertNotIn(self.subject_user.name, str(exported))
        # nor in the chatter, where the manager sees the change
        self.assertNotIn("subject_user_ids", self._tracked_fields(handler))
        self.assertIn("subject_user_ids", self._tracked_fields(self.manager))
        # nor write them
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.complaint",
            "write",
            [cid],
            {"subject_user_ids": [(5, 0, 0)]},
            message="subject_user_ids",
        )
        self.assertRefused(
            self.xmlrpc,
            handler,
            "complaint.investigation",
            "write",
            [iid],
            {"subject_account": "<p>Nothing happened.</p>"},
            message="Only the complaints managers and the investigator",
        )
        self.assertEqual(self._state(), before)

    def test_investigator_and_manager_see_subjects(self):
        for user in (self.investigator, self.manager):
            shown = self.xmlrpc(
                user,
                "complaint.investigation",
                "read",
                [self.investigation.id],
                ["subject_account", "subject_user_ids"],
            )[0]
            self.assertIn("returns procedure", shown["subject_account"])
            self.assertEqual(shown["subject_user_ids"], [self.subject_user.id])
        # the investigator's account was stored where the managers read it
        stored = self.xmlrpc(
            self.manager,
            "complaint.investigation",
            "read",
            [self.investigation.id],
            ["subject_statement"],
        )[0]
        self.assertIn("returns procedure", stored["subject_statement"])
        names = self.xmlrpc(
            self.manager,
            "complaint.complaint",
            "search",
            [("subject_user_ids", "in", [self.subject_user.id])],
        )
        self.assertEqual(names, [self.complaint.id])
        # the investigator of another investigation sees nothing of this one
        other = self.env["complaint.investigation"].create(
            {
                "name": "Check the till",
                "complaint_id": self.complaint.id,
                "investigator_id": self.handler.id,
            }
        )
        self.assertRefused(
            self.xmlrpc,
            self.investigator,
            "complaint.investigation",
            "read",
            [other.id],
            ["subject_account", "subject_user_ids"],
        )

    def test_auditor_reads_subjects_and_writes_nothing(self):
        before = self._state()
        read = self.xmlrpc(
            self.auditor,
            "complaint.complaint",
            "read",
            [self.complaint.id],
            ["subject_user_ids"],
        )[0]
        self.assertEqual(read["subject_user_ids"], [self.subject_user.id])
        stored = self.xmlrpc(
            self.auditor,
            "complaint.investigation",
            "read",
            [self.investigation.id],
            ["subject_statement", "subject_account"],
        )[0]
        self.assertIn("returns procedure", stored["subject_statement"])
        self.assertIn("returns procedure", stored["subject_account"])
        self.assertIn("subject_user_ids", self._tracked_fields(self.auditor))
        self.assertRefused(
            self.xmlrpc,
            self.auditor,
            "complaint.investigation",
            "write",
            [self.investigation.id],
            {"subject_account": "<p>Nothing happened.</p>"},
        )
        self.assertEqual(self._state(), before)

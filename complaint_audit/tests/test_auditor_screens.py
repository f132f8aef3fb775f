# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import tagged

from .common import ComplaintAuditCommon

# The screens an auditor opens, per model: the views the web client loads.
READ_MODELS = (
    "complaint.complaint",
    "complaint.remedy",
    "complaint.investigation",
    "complaint.corrective.action",
)


@tagged("post_install", "-at_install")
class TestAuditorScreens(ComplaintAuditCommon):
    """R10: the auditor reads every complaint record and changes nothing; the screens
    show no process button, Archive or chatter action that would end in an access
    error."""

    def _views(self, user, model):
        return (
            self.env[model]
            .with_user(user)
            .get_views([(False, "form"), (False, "list")], {"toolbar": True})
        )

    def _process_buttons(self, arch):
        """The buttons of a view that act on the record (stat buttons, which
        open related lists, and dialog buttons aside)."""
        return [
            button.get("name") or button.get("string")
            for button in etree.fromstring(arch).iter("button")
            if not button.get("special")
            and "oe_stat_button" not in (button.get("class") or "").split()
        ]

    def test_no_process_button_for_the_auditor(self):
        for model in READ_MODELS:
            for view_type in ("form", "list"):
                with self.subTest(model=model, view=view_type):
                    auditor = self._views(self.auditor, model)["views"][view_type]
                    self.assertEqual(
                        [
                            name
                            for name in self._process_buttons(auditor["arch"])
                            if name != "action_print_dossier"
                        ],
                        [],
                    )
        # the handler keeps the process buttons of the same views
        handler = self._views(self.user_a, "complaint.complaint")["views"]["form"]
        self.assertIn("action_acknowledge", self._process_buttons(handler["arch"]))
        self.assertIn("action_execute", self._process_buttons(handler["arch"]))
        self.assertNotIn("action_print_dossier", self._process_buttons(handler["arch"]))
        action = self._views(self.user_a, "complaint.corrective.action")["views"]
        self.assertIn("action_start", self._process_buttons(action["form"]["arch"]))

    def test_read_only_form_and_chatter(self):
        """No edit, create or delete; Archive is not offered (``active`` read-only),
        the chatter has no Activities button (``has_activities`` dropped) and the
        phone number no SMS button."""
        for model in READ_MODELS:
            with self.subTest(model=model):
                views = self._views(self.auditor, model)
                form = etree.fromstring(views["views"]["form"]["arch"])
                for action in ("create", "edit", "delete"):
                    self.assertEqual(form.get(action), "False", action)
                description = views["models"][model]
                self.assertNotIn("has_activities", description)
                if "active" in description["fields"]:
                    self.assertTrue(description["fields"]["active"]["readonly"])
        handler = self._views(self.user_a, "complaint.complaint")
        self.assertTrue(handler["models"]["complaint.complaint"].get("has_activities"))
        # the SMS button by the complainant's phone would post on the complaint
        auditor = self._views(self.auditor, "complaint.complaint")
        for views, options in ((auditor, "{'enable_sms': False}"), (handler, None)):
            phone = etree.fromstring(views["views"]["form"]["arch"]).find(
                ".//field[@name='partner_phone']"
            )
            self.assertEqual(phone.get("options"), options)

    def test_auditor_menus(self):
        """The register, the dossiers, the trail and its verification are in the
        auditor's menus (Reporting > Audit)."""
        menus = self.env["ir.ui.menu"].with_user(self.auditor)._visible_menu_ids()
        for xmlid in (
            "complaint_audit.complaint_audit_event_menu",
            "complaint_audit.complaint_audit_event_menu_verify",
            "complaint_audit.complaint_register_export_menu",
            "complaint_audit.complaint_dossier_menu",
            "complaint_audit.complaint_remedy_menu_all",
            "complaint_management.complaint_menu_investigations",
            "complaint_management.complaint_corrective_action_menu",
        ):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(xmlid).id, menus)

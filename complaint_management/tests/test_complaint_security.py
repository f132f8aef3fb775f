# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintSecurity(ComplaintCommon):
    """R07 confidentiality: who sees which complaint, with a real user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint_a = cls._create_complaint(subject="Team A complaint")
        cls.complaint_b = cls._create_complaint(
            subject="Team B complaint", team_id=cls.team_b.id
        )
        cls.complaint_other = cls._create_complaint(
            subject="Another customer's complaint",
            partner_id=cls.other_customer.id,
            sale_order_id=False,
            sale_line_id=False,
            invoice_id=False,
        )
        cls.all_complaints = cls.complaint_a | cls.complaint_b | cls.complaint_other

    def _visible(self, user):
        return (
            self.env["complaint.complaint"]
            .with_user(user)
            .search([("id", "in", self.all_complaints.ids)])
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_team_user_sees_own_team_only(self):
        """R07: a user of team A reads team A's complaints, not team B's: read
        raises AccessError and search does not return it."""
        self.assertEqual(
            self._visible(self.user_a), self.complaint_a | self.complaint_other
        )
        self.assertEqual(self._visible(self.user_b), self.complaint_b)
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.user_a).read(["subject"])
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.user_a).write({"subject": "Hijacked"})
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.user_b).read(["description"])
        self.assertEqual(self.complaint_b.subject, "Team B complaint")
        self.assertEqual(
            self.complaint_a.with_user(self.user_a).read(["subject"])[0]["subject"],
            "Team A complaint",
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_owner_and_follower_see_it(self):
        """R07: the owner of a complaint of another team, or a follower, sees it."""
        self.complaint_b.write({"user_id": self.user_a.id})
        self.assertIn(self.complaint_b, self._visible(self.user_a))
        self.complaint_b.write({"user_id": False})
        self.complaint_b.message_subscribe(partner_ids=self.user_a.partner_id.ids)
        self.assertIn(self.complaint_b, self._visible(self.user_a))

    def test_manager_sees_everything(self):
        """R07: the complaints manager sees every complaint of the company."""
        self.assertEqual(self._visible(self.manager), self.all_complaints)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_internal_user_has_no_access(self):
        """R07: an internal user without a complaints group has no access at all."""
        Complaint = self.env["complaint.complaint"].with_user(self.internal_user)
        with self.assertRaises(AccessError):
            Complaint.search([])
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.internal_user).read(["subject"])
        with self.assertRaises(AccessError):
            Complaint.create(self._complaint_vals(sale_order_id=False))
        for model in ("complaint.investigation", "complaint.remedy"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.internal_user).search([])

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_portal_user_sees_own_commercial_partner(self):
        """R07, R08: a portal contact sees the complaints they lodged; their
        company's only where the company shares them; never another customer's;
        and cannot change them."""
        own = self._create_complaint(
            subject="Lodged by the contact", partner_id=self.customer_contact.id
        )
        Complaint = self.env["complaint.complaint"].with_user(self.portal_user)
        domain = [("id", "in", (self.all_complaints | own).ids)]
        self.assertEqual(Complaint.search(domain), own)
        self.customer.complaint_portal_share_company = True
        self.assertEqual(
            Complaint.search(domain), self.complaint_a | self.complaint_b | own
        )
        with self.assertRaises(AccessError):
            self.complaint_other.with_user(self.portal_user).read(["subject"])
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.portal_user).write({"subject": "Mine"})
        with self.assertRaises(AccessError):
            self.env["complaint.complaint"].with_user(self.portal_user).create(
                {"subject": "Portal direct create", "partner_id": self.customer.id}
            )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_remedies_and_investigations_follow_the_complaint(self):
        """R07: remedies and investigations of team B's complaint stay hidden from
        team A."""
        self._walk_to(self.complaint_b, "investigation")
        investigation = self._add_investigation(self.complaint_b)
        remedy = self.env["complaint.remedy"].create(
            {"complaint_id": self.complaint_b.id, "remedy_type": "apology"}
        )
        for record in (investigation, remedy):
            Model = self.env[record._name].with_user(self.user_b)
            self.assertEqual(Model.search([("id", "=", record.id)]), record)
            Model = self.env[record._name].with_user(self.user_a2)
            self.assertFalse(Model.search([("id", "=", record.id)]))
            with self.assertRaises(AccessError):
                record.with_user(self.user_a2).read(["complaint_id"])

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_configuration_read_only_for_users(self):
        """R19: users read stages, teams and categories; managers change them."""
        for record in (self.stages["new"], self.team_a, self.category):
            record.with_user(self.user_a).read(["name"])
            with self.assertRaises(AccessError):
                record.with_user(self.user_a).write({"name": "Renamed"})
            record.with_user(self.manager).write({"name": "Renamed by manager"})

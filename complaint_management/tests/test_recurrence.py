# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCommon

NOW = datetime(2026, 5, 4, 10, 0)


@tagged("post_install", "-at_install")
class TestRecurrence(ComplaintCommon):
    """Systemic-issue detection (R43, K10, K14; ISO 10002 8.2): N complaints with the
    same key within the rolling window raise exactly one alert and one activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["complaint.recurrence.rule"]
        cls.Alert = cls.env["complaint.recurrence.alert"]
        cls.detect_cron = cls.env.ref(
            "complaint_management.ir_cron_complaint_recurrence_detect"
        )
        # other rules of the database must not add alerts or activities here
        cls.Rule.search([]).active = False
        cls.rule = cls.Rule.create(
            {
                "name": "Same product, 3 in 30 days",
                "dimension": "product",
                "threshold": 3,
                "window_days": 30,
                "user_id": cls.manager.id,
            }
        )
        cls.root_cause = cls.env["complaint.root.cause"].create(
            {"name": "Carrier handling", "code": "TST-CARRIER"}
        )

    def _complaints(self, count, days_ago=1, **values):
        values.setdefault("product_id", self.product.id)
        return self.Complaint.create(
            [
                self._complaint_vals(
                    date_received=NOW - timedelta(days=days_ago, minutes=index),
                    **values,
                )
                for index in range(count)
            ]
        )

    def _detect(self):
        with freeze_time(NOW):
            self.detect_cron.method_direct_trigger()

    def _alerts(self, rule=None, key=None):
        domain = [("rule_id", "=", (rule or self.rule).id)]
        if key:
            domain.append(("res_key", "=", key.id))
        return self.Alert.search(domain)

    def _activities(self, alerts):
        return self.env["mail.activity"].search(
            [("res_model", "=", self.Alert._name), ("res_id", "in", alerts.ids)]
        )

    def test_below_threshold_no_alert(self):
        """R43: N-1 complaints in the window raise nothing; complaints outside the
        window do not count."""
        self._complaints(2)
        self._complaints(3, days_ago=40)
        self._detect()
        self.assertFalse(self._alerts())

    def test_threshold_one_alert_one_activity_twice(self):
        """R43: N complaints raise exactly one alert linked to them, with one activity
        for the manager; running the job again changes nothing."""
        complaints = self._complaints(3)
        self._detect()
        self._detect()
        alert = self._alerts()
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.complaint_ids, complaints)
        self.assertEqual(alert.complaint_count, 3)
        self.assertEqual(alert.product_id, self.product)
        self.assertEqual(alert.res_key, self.product.id)
        self.assertEqual(alert.state, "open")
        activity = self._activities(alert)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)

    def test_open_alert_collects_later_complaints(self):
        """R43: one open alert per rule and key: later complaints join it, without a
        second alert or activity."""
        self._complaints(3)
        self._detect()
        later = self._complaints(1, days_ago=0)
        self._detect()
        alert = self._alerts()
        self.assertEqual(len(alert), 1)
        self.assertIn(later, alert.complaint_ids)
        self.assertEqual(alert.complaint_count, 4)
        self.assertEqual(len(self._activities(alert)), 1)

    def test_closed_alert_needs_new_complaints(self):
        """R43: after an alert is closed, the complaints it counted do not raise a new
        one; N new complaints within the window do."""
        self._complaints(3, days_ago=5)
        self._detect()
        first = self._alerts()
        first.action_close()
        self._detect()
        self.assertEqual(self._alerts(), first)
        self._complaints(2, days_ago=1)
        self._detect()
        self.assertEqual(self._alerts(), first)
        fresh = self._complaints(1, days_ago=0)
        self._detect()
        alerts = self._alerts()
        self.assertEqual(len(alerts), 2)
        second = alerts - first
        self.assertEqual(second.complaint_count, 3)
        self.assertIn(fresh, second.complaint_ids)
        self.assertEqual(len(self._activities(alerts)), 2)

    def test_cancelled_and_low_severity_do_not_count(self):
        """R43, R26: cancelled complaints (merged duplicates) never count; the
        severity floor keeps milder complaints out."""
        cancelled = self._complaints(3)
        cancelled._cancel("Withdrawn by the complainant.")
        self._detect()
        self.assertFalse(self._alerts())
        self.rule.severity_floor = "high"
        self._complaints(3, severity="medium")
        self._detect()
        self.assertFalse(self._alerts())
        self._complaints(3, severity="critical")
        self._detect()
        self.assertEqual(self._alerts().complaint_count, 3)

    def test_other_dimensions(self):
        """R43: category, customer and root cause (from the investigations) group
        the same way."""
        rules = self.Rule.create(
            [
                {
                    "name": dimension,
                    "dimension": dimension,
                    "threshold": 3,
                    "window_days": 10,
                    "user_id": self.manager.id,
                }
                for dimension in ("category", "customer", "root_cause")
            ]
        )
        by_dimension = {rule.dimension: rule for rule in rules}
        complaints = self._complaints(
            3,
            product_id=self.product_2.id,
            sale_line_id=False,
            category_id=self.category.id,
        )
        for complaint in complaints:
            self._add_investigation(complaint, root_cause_id=self.root_cause.id)
        self.assertEqual(complaints.root_cause_id, self.root_cause)
        self._detect()
        self.assertEqual(
            self._alerts(by_dimension["category"], self.category).category_id,
            self.category,
        )
        self.assertEqual(
            self._alerts(by_dimension["customer"], self.customer).partner_id,
            self.customer,
        )
        alert = self._alerts(by_dimension["root_cause"], self.root_cause)
        self.assertEqual(alert.root_cause_id, self.root_cause)
        self.assertEqual(alert.complaint_ids, complaints)

    def test_one_open_alert_per_key_in_the_database(self):
        """R43: two detection runs at once cannot both open an alert for a key."""
        self._complaints(3)
        self._detect()
        alert = self._alerts()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Alert.create(
                {
                    "rule_id": self.rule.id,
                    "res_key": alert.res_key,
                    "product_id": self.product.id,
                }
            )

    def test_create_draft_corrective_action(self):
        """R43, R50: the alert offers a draft corrective action with its key and its
        complaints."""
        complaints = self._complaints(3)
        self._detect()
        alert = self._alerts().with_user(self.manager)
        result = alert.action_create_corrective_action()
        action = self.env["complaint.corrective.action"].browse(result["res_id"])
        self.assertEqual(action.state, "draft")
        self.assertEqual(action.source, "recurrence")
        self.assertEqual(action.alert_id, alert)
        self.assertEqual(action.product_id, self.product)
        self.assertEqual(action.complaint_ids, complaints)
        self.assertEqual(alert.corrective_action_ids, action)

    def _count_detect_queries(self):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with freeze_time(NOW):
            self.rule._detect()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_detection_does_not_loop_over_complaints(self):
        """R43: one grouped query per rule: 40 complaints cost the detection no more
        queries than 3."""
        self._complaints(3)
        few = self._count_detect_queries()
        self._complaints(40, product_id=self.product_2.id, sale_line_id=False)
        many = self._count_detect_queries()
        self.assertEqual(len(self._alerts()), 2)
        self.assertLessEqual(many, few + 2)

    def test_flood_of_alerts_gives_one_digest(self):
        """A run that opens more than ACTIVITY_FLOOD_LIMIT alerts at once (a rule's
        first run over an existing history) sends its user one digest listing them,
        not one activity per alert."""
        rule = self.Rule.create(
            {
                "name": "Same customer, 2 in 30 days",
                "dimension": "customer",
                "threshold": 2,
                "window_days": 30,
                "user_id": self.manager.id,
            }
        )
        self.rule.active = False
        customers = self.env["res.partner"].create(
            [
                {"name": f"Flood {i}", "email": f"flood{i}@example.com"}
                for i in range(21)
            ]
        )
        for customer in customers:
            self._complaints(
                2,
                partner_id=customer.id,
                sale_order_id=False,
                sale_line_id=False,
                invoice_id=False,
            )
        before = self.env["mail.mail"].search([]).ids
        self._detect()
        alerts = self._alerts(rule)
        # (demo customers with two complaints in the window may add their own)
        self.assertEqual(len(alerts.filtered(lambda a: a.partner_id in customers)), 21)
        self.assertFalse(self._activities(alerts))
        digest = self.env["mail.mail"].search(
            [
                ("id", "not in", before),
                ("recipient_ids", "in", self.manager.partner_id.ids),
            ]
        )
        self.assertEqual(len(digest), 1)
        self.assertEqual(
            digest.subject, f"{len(alerts)} new recurring-complaint alerts"
        )
        for alert in alerts:
            self.assertIn(alert.display_name, str(digest.body_html))
        # the next run finds nothing new: no second digest
        self._detect()
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("id", "not in", before), ("subject", "like", "recurring-complaint")]
            ),
            1,
        )

    def test_detect_now_needs_the_right_to_run_rules(self):
        """R43: "Run now" counts every complaint of the company (sudo inside), so a
        portal user, a plain internal user and a complaints user are refused before
        it runs; a complaints manager runs it."""
        self._complaints(3)
        for user in (self.portal_user, self.internal_user, self.user_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.rule.with_user(user).action_detect_now()
        self.assertFalse(self._alerts())
        with freeze_time(NOW):
            self.rule.with_user(self.manager).action_detect_now()
        self.assertEqual(len(self._alerts()), 1)

    def test_alert_name_follows_the_rule_in_the_reader_language(self):
        """R43: the alert is named after its rule in the reader's language (not a
        name frozen when the alert was opened), in the list and in the activity
        of a recipient who reads another language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.manager.lang = "fr_FR"
        self.rule.with_context(lang="fr_FR").name = "Même produit, 3 en 30 jours"
        self._complaints(3)
        self._detect()
        alert = self._alerts()
        self.assertIn("Same product", alert.with_context(lang="en_US").display_name)
        self.assertIn("Même produit", alert.with_context(lang="fr_FR").display_name)
        self.assertIn("Même produit", str(self._activities(alert).note))
        self.rule.with_context(lang="en_US").name = "Renamed rule"
        self.assertIn("Renamed rule", alert.with_context(lang="en_US").display_name)

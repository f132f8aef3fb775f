# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from lxml import etree

from odoo.osv import expression
from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from .common import ComplaintCommon

_logger = logging.getLogger(__name__)

# Queries allowed per extra complaint in one create() call, acknowledgement included.
QUERIES_PER_RECORD = 5


@tagged("post_install", "-at_install")
class TestComplaintPerformance(ComplaintCommon):
    """R05, R23 at volume: one create() for a batch of complaints costs a bounded
    number of queries per record, acknowledgement mails and references included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.partners = Partner.create(
            [
                {
                    "name": f"Batch Customer {i}",
                    "email": f"batch{i}@example.com",
                    # contacts of the order's customer: the links must agree
                    "parent_id": cls.customer.id,
                }
                for i in range(100)
            ]
        )

    def _real_env(self):
        """A handler's environment without the test speed-up context keys: the
        creation messages and followers are part of what is measured."""
        return self.env(user=self.user_a, context={})

    def _vals_list(self, count, channel):
        return [
            {
                "subject": f"Batch complaint {i}",
                "partner_id": self.partners[i].id,
                "channel": channel,
                "team_id": self.team_a.id,
                "sale_order_id": self.order.id,
                "product_id": self.product.id,
                "remedy_requested": "A refund.",
            }
            for i in range(count)
        ]

    def _count_create(self, env, count, channel):
        Complaint = env["complaint.complaint"]
        vals_list = self._vals_list(count, channel)
        env.flush_all()
        env.invalidate_all()
        before = self.env.cr.sql_log_count
        complaints = Complaint.create(vals_list)
        env.flush_all()
        queries = self.env.cr.sql_log_count - before
        return complaints, queries

    def _assert_budget(self, env, channel):
        # warm the caches (templates, views, sequences) out of the measure
        self._count_create(env, 2, channel)
        small, q_small = self._count_create(env, 10, channel)
        large, q_large = self._count_create(env, 100, channel)
        per_record = (q_large - q_small) / 90
        _logger.info(
            "create(%s, channel=%s): 10 -> %s queries, 100 -> %s queries, "
            "%.2f per extra record",
            env.user.login,
            channel,
            q_small,
            q_large,
            per_record,
        )
        self.assertLessEqual(
            per_record,
            QUERIES_PER_RECORD,
            f"10 complaints: {q_small} queries, 100: {q_large}",
        )
        return small, large

    def test_batch_create_external_channel(self):
        """R05: 100 e-mail complaints are acknowledged in the same create call, with
        one mail each, within the query budget."""
        small, large = self._assert_budget(self._real_env(), "email")
        self.assertEqual(set(large.mapped("state")), {"acknowledged"})
        self.assertTrue(all(large.mapped("date_acknowledged")))
        self.assertEqual(len(set(large.mapped("name"))), 100)
        mails = self.env["mail.mail"].search(
            [("model", "=", "complaint.complaint"), ("res_id", "in", large.ids)]
        )
        self.assertEqual(len(mails), 100)
        for complaint in large[:5]:
            mail = mails.filtered(lambda m, c=complaint: m.res_id == c.id)
            self.assertIn(complaint.name, str(mail.body_html))

    def test_batch_create_staff_channel(self):
        """R23: staff-entered complaints in a batch stay cheap too."""
        small, large = self._assert_budget(self._real_env(), "phone")
        self.assertEqual(set(large.mapped("state")), {"new"})
        self.assertEqual(len(set((small | large).mapped("name"))), 110)

    def test_board_reads_open_complaints_from_partial_indexes(self):
        """The board opens with the "Open" filter: its column counts, SLA progress
        bars and first cards must be answerable from the partial indexes on open
        complaints, so closed complaints (most of a mature table) are never read.
        With sequential scans disabled, PostgreSQL picks a partial index only if it
        proves the filter implies the index's predicate."""
        Complaint = self.env["complaint.complaint"]
        search_view = self.env.ref(
            "complaint_management.complaint_complaint_view_search"
        )
        arch = Complaint.get_views([(search_view.id, "search")])["views"]["search"][
            "arch"
        ]
        open_filter = etree.fromstring(arch).xpath("//filter[@name='open']")[0]
        domain = safe_eval(open_filter.get("domain"))
        self.env.flush_all()
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("SET LOCAL enable_bitmapscan = off")
        for query in (
            Complaint._search(domain).select("stage_id", "sla_status"),
            Complaint._search(
                expression.AND(
                    [domain, [("stage_id", "=", self.stages["acknowledged"].id)]]
                ),
                order=Complaint._order,
                limit=40,
            ).select(),
        ):
            self.env.cr.execute(SQL("EXPLAIN %s", query))
            plan = "\n".join(row[0] for row in self.env.cr.fetchall())
            self.assertRegex(
                plan, r"Index (Only )?Scan using complaint_complaint_open_"
            )
        self.env.cr.execute("RESET enable_seqscan")
        self.env.cr.execute("RESET enable_bitmapscan")

    def test_batch_assignment_sends_one_digest_per_assignee(self):
        """A batch assigned to colleagues tells each of them once, listing the
        complaints, instead of one assignment mail per complaint; a single
        complaint keeps Odoo's own assignment notification."""
        env = self._real_env()
        vals_list = self._vals_list(5, "phone")
        for i, vals in enumerate(vals_list):
            vals["user_id"] = (self.user_b if i < 3 else self.user_a2).id
        Mail = self.env["mail.mail"]
        before = Mail.search([]).ids
        complaints = env["complaint.complaint"].create(vals_list)
        new_mails = Mail.search([("id", "not in", before)])
        digest_b = new_mails.filtered(
            lambda m: self.user_b.partner_id in m.recipient_ids
        )
        self.assertEqual(len(digest_b), 1)
        self.assertEqual(digest_b.subject, "You have been assigned 3 complaints")
        for complaint in complaints[:3]:
            self.assertIn(complaint.name, str(digest_b.body_html))
        self.assertNotIn(complaints[3].name, str(digest_b.body_html))
        digest_a2 = new_mails.filtered(
            lambda m: self.user_a2.partner_id in m.recipient_ids
        )
        self.assertEqual(digest_a2.subject, "You have been assigned 2 complaints")
        # no per-complaint assignment notification, but the assignees follow
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", "complaint.complaint"),
                    ("res_id", "in", complaints.ids),
                    ("subject", "like", "You have been assigned to"),
                ]
            )
        )
        self.assertIn(self.user_b.partner_id, complaints[0].message_partner_ids)
        # a single complaint: Odoo's assignment notification, no digest
        single_vals = dict(self._vals_list(1, "phone")[0], user_id=self.user_b.id)
        single = env["complaint.complaint"].create(single_vals)
        self.assertTrue(
            self.env["mail.message"].search(
                [
                    ("model", "=", "complaint.complaint"),
                    ("res_id", "=", single.id),
                    ("subject", "like", "You have been assigned to"),
                ]
            )
        )
        self.assertFalse(
            Mail.search(
                [
                    ("id", "not in", before),
                    ("subject", "like", "You have been assigned 1"),
                ]
            )
        )

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install", "is_tour")
class TestComplaintTour(ComplaintCommon, HttpCase):
    """R24, R29 in the browser: log a complaint from a sales order, drag it to
    Acknowledged on the board."""

    def test_log_and_acknowledge_by_drag(self):
        """R24, R29: the tour logs from the order and drags to Acknowledged."""
        admin = self.env.ref("base.user_admin")
        self.start_tour(
            f"/odoo/action-sale.action_orders/{self.order.id}",
            "complaint_management_tour",
            login="admin",
        )
        complaint = self.env["complaint.complaint"].search(
            [("subject", "=", "Tour: lid missing on delivery")]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.sale_order_id, self.order)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.channel, "phone")
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.ack_method, "phone")
        self.assertEqual(complaint.ack_user_id, admin)
        self.assertTrue(complaint.date_acknowledged)

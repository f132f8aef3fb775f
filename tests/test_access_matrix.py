"""The access matrix (security/access_matrix.csv) enforced as real users of each role.

Each row says whether a role (a group xml id) may perform an operation on a model.
For every role the test creates a real user holding exactly that group (and what it
implies) and asks Odoo, as that user, whether the operation is allowed (R19). A row for
a model the database does not know fails the test: matrix and code move together.
"""

import csv
from pathlib import Path

from odoo.tests import TransactionCase, new_test_user, tagged

MATRIX = Path(__file__).resolve().parent.parent / "security" / "access_matrix.csv"


def _rows():
    with MATRIX.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rows = _rows()
        cls.users = {}
        for index, role in enumerate(sorted({row["role"] for row in cls.rows})):
            cls.users[role] = cls._user_for(role, index)

    @classmethod
    def _user_for(cls, role, index):
        if role == "base.group_public":
            # The public user of the website/portal, as Odoo itself uses it.
            return cls.env.ref("base.public_user")
        return new_test_user(
            cls.env,
            login=f"matrix_{index}",
            groups=role,
            name=f"Matrix {role}",
        )

    def test_matrix_is_not_empty(self):
        self.assertGreater(len(self.rows), 20)
        roles = {row["role"] for row in self.rows}
        for role in (
            "complaint_management.group_complaint_user",
            "complaint_management.group_complaint_manager",
            "complaint_audit.group_complaint_auditor",
            "base.group_user",
            "base.group_portal",
            "base.group_public",
        ):
            self.assertIn(role, roles)

    def test_every_row(self):
        """R19: every row of the access matrix holds for a real user of its role."""
        mismatches = []
        for row in self.rows:
            self.assertIn(row["model"], self.env, f"unknown model {row['model']}")
            user = self.users[row["role"]]
            allowed = (
                self.env[row["model"]].with_user(user).has_access(row["operation"])
            )
            if allowed != (row["allowed"] == "1"):
                mismatches.append(
                    f"{row['role']} {row['operation']} {row['model']}: "
                    f"expected {row['allowed']}, got {int(allowed)}"
                )
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_complaints_menu_needs_a_complaint_group(self):
        """R19: a complaint user sees the Complaints app; a plain internal user does
        not."""
        menu = self.env.ref("complaint_management.complaint_menu_root")
        visible_user = (
            self.env["ir.ui.menu"]
            .with_user(self.users["complaint_management.group_complaint_user"])
            ._visible_menu_ids()
        )
        visible_internal = (
            self.env["ir.ui.menu"]
            .with_user(self.users["base.group_user"])
            ._visible_menu_ids()
        )
        self.assertIn(menu.id, visible_user)
        self.assertNotIn(menu.id, visible_internal)

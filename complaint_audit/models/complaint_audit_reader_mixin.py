# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screens made for reading: what a reader without write access (the auditor) is
shown on complaints, remedies, investigations and corrective actions.

- The process buttons (``<button>`` of the form and list views and of their
  embedded lists, stat buttons and dialog buttons aside) need the complaints user
  group unless their view already restricts them to a group: an auditor clicking
  one would only get an access error. It is done on the combined view, once for
  every group (Odoo's view cache), and Odoo removes the buttons per user, so a
  button added later by any module is covered too.
- For a user who may not write the record, ``get_views`` (``_reader_views``) marks
  ``active`` read-only (the web client then offers no Archive / Unarchive), drops
  the activity flag (no "Activities" button in the chatter, whose schedule dialog
  would fail) and the "SMS" button of phone numbers. The chatter's composer and
  upload buttons are hidden by ``static/src/chatter`` for the same reader.
"""

from lxml import etree

from odoo import api, models

# The group a process button needs (the manager group implies it).
PROCESS_GROUP = "complaint_management.group_complaint_user"


class ComplaintAuditReaderMixin(models.AbstractModel):
    _name = "complaint.audit.reader.mixin"
    _description = "Complaint records: read-only screens for readers"

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type in ("form", "list"):
            for button in arch.iter("button"):
                classes = (button.get("class") or "").split()
                if (
                    button.get("groups")
                    or button.get("special")
                    or "oe_stat_button" in classes
                ):
                    continue
                button.set("groups", PROCESS_GROUP)
        return arch, view

    @api.model
    def _reader_views(self, result):
        """Adapt the result of ``get_views`` for a reader. Called by each model's
        own ``get_views`` override: mail.thread's, which sets the activity flag,
        comes after this mixin in the models' method order."""
        if not self.browse().has_access("write"):
            description = result["models"].get(self._name, {})
            description.pop("has_activities", None)
            active = description.get("fields", {}).get("active")
            if active is not None:
                active["readonly"] = True
            for view in result.get("views", {}).values():
                view["arch"] = self._reader_arch(view["arch"])
        return result

    @api.model
    def _reader_arch(self, arch):
        """No "SMS" button by a phone number: sending one posts on the record."""
        if 'widget="phone"' not in arch:
            return arch
        tree = etree.fromstring(arch)
        for node in tree.iter("field"):
            if node.get("widget") == "phone" and not node.get("options"):
                node.set("options", "{'enable_sms': False}")
        return etree.tostring(tree, encoding="unicode")

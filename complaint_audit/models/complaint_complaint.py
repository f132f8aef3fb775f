# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.complaint_management.const import DONE_STATES

# Field written → event type. Each change of one of them, old → new, is an event.
WATCHED_FIELDS = {
    "user_id": "assignment",
    "team_id": "assignment",
    "severity": "severity",
    "category_id": "category",
    "sla_extended_until": "extension",
    "outcome": "outcome",
    "decision_reason": "outcome",
    "escalation_level": "escalation",
    "appeal_level": "appeal",
    "reopen_count": "reopen",
    "merged_into_id": "merge",
}
# Computed deadlines: an event when a write moves them (their dependencies are read
# from the registry, so a new dependency in complaint_management is followed).
DEADLINE_FIELDS = ("ack_deadline", "response_deadline", "close_deadline")
# Free texts about the complaint: they may hold the complainant's personal data,
# so their values stay out of the hash (anonymisation may blank them).
PERSONAL_FIELDS = {"decision_reason"}
# Notes taken from the record for some events (not hashed: free text).
NOTE_FIELDS = {
    "sla_extended_until": "sla_extension_reason",
}


class ComplaintComplaint(models.Model):
    _name = "complaint.complaint"
    _inherit = [
        "complaint.complaint",
        "complaint.audit.mixin",
        "complaint.audit.reader.mixin",
    ]

    audit_event_ids = fields.One2many(
        "complaint.audit.event", "complaint_id", string="Audit Trail", readonly=True
    )
    audit_event_count = fields.Integer(
        string="Audit Events", compute="_compute_audit_event_count"
    )

    def _compute_audit_event_count(self):
        counts = dict(
            self.env["complaint.audit.event"]._read_group(
                [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"]
            )
        )
        for complaint in self:
            complaint.audit_event_count = counts.get(complaint, 0)

    @api.model
    def get_views(self, views, options=None):
        return self._reader_views(super().get_views(views, options))

    # --- CRUD -------------------------------------------------------------------------
    def write(self, vals):
        watched = [f for f in WATCHED_FIELDS if f in vals]
        if set(vals) & self._audit_deadline_triggers():
            watched += DEADLINE_FIELDS
        if not watched and "stage_id" not in vals:
            return super().write(vals)
        self, buffer = self._audit_open()
        old_by_id = self._audit_snapshot(watched) if watched else {}
        try:
            result = super().write(vals)
        except Exception:
            self._audit_close(buffer, failed=True)
            raise
        if watched:
            self._audit_queue(self._audit_field_events(watched, old_by_id))
        self._audit_close(buffer)
        return result

    def _audit_deadline_triggers(self):
        """The fields a write of which may move the computed deadlines."""
        triggers = set()
        for fname in DEADLINE_FIELDS:
            field = self._fields[fname]
            triggers.update(
                path.split(".", 1)[0] for path in self.pool.field_depends[field]
            )
        return triggers

    def _audit_field_events(self, fnames, old_by_id):
        events = []
        for complaint in self:
            old = old_by_id[complaint.id]
            for fname in fnames:
                new_value = complaint[fname]
                if new_value == old[fname]:
                    continue
                event_type = WATCHED_FIELDS.get(fname, "deadline")
                note_field = NOTE_FIELDS.get(fname)
                events.append(
                    {
                        "complaint_id": complaint.id,
                        "event_type": event_type,
                        "field_name": fname,
                        "old_value": self._audit_text(fname, old[fname]),
                        "new_value": self._audit_text(fname, new_value),
                        "note": note_field and complaint[note_field] or None,
                        "personal": fname in PERSONAL_FIELDS,
                    }
                )
        return events

    # --- Process hooks ----------------------------------------------------------------
    def _on_stage_change(self, previous_stage_by_id):
        """Audit trail: one stage event per complaint moved, and a cancellation event
        for those moved to a cancelled stage (with the close reason)."""
        # the names and states of the few stages involved, read once for the batch
        # (``state`` is ``stage_id.state``), not once per complaint
        stages = self.mapped("stage_id") | self.env["complaint.stage"].browse(
            {stage.id for stage in previous_stage_by_id.values() if stage}
        )
        names = {stage.id: stage.display_name for stage in stages}
        states = {stage.id: stage.state for stage in stages}
        events = []
        for complaint in self:
            stage_id = complaint.stage_id.id
            previous_id = previous_stage_by_id[complaint.id].id
            events.append(
                {
                    "complaint_id": complaint.id,
                    "event_type": "stage",
                    "field_name": "stage_id",
                    "old_value": names.get(previous_id) or None,
                    "new_value": names.get(stage_id),
                }
            )
            if (
                states.get(stage_id) == "cancelled"
                and states.get(previous_id) not in DONE_STATES
            ):
                events.append(
                    {
                        "complaint_id": complaint.id,
                        "event_type": "cancel",
                        "field_name": "close_reason",
                        "new_value": complaint.close_reason or None,
                    }
                )
        self._audit_queue(events)
        return super()._on_stage_change(previous_stage_by_id)

    # --- Actions ----------------------------------------------------------------------
    def action_view_audit_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_audit.complaint_audit_event_action"
        )
        action["domain"] = [("complaint_id", "=", self.id)]
        return action

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The trail of complaints that existed before complaint_audit (R10, R53).

complaint_audit records events from its installation on. The complaints of a
database it is installed into (the demo complaints, a year of real ones) would have
an empty trail: their history is in the chatter only. The install hook starts their
trail with one ``baseline`` event each, dated when the trail starts (never
back-dated: an auditor reads when the trail began), that names the complaint's state
then and anchors its chatter in the hash chain: ``ref`` is a SHA-256 over the
complaint's messages and tracking values as they were, so a later change to that
earlier history is detectable by recomputing it (``_audit_history_digests``).
"""

import hashlib

from odoo import api, models
from odoo.tools import SQL, split_every

TRAIL_START_BATCH = 1000


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    @api.model
    def _audit_start_trails(self):
        """One ``baseline`` event for every complaint without any event yet, in
        batches of TRAIL_START_BATCH (one query for the digests and one INSERT per
        batch). Returns how many trails were started. Called by the install hook
        (superuser); safe to run again (complaints with events are skipped)."""
        self.env.cr.execute(
            SQL(
                "SELECT c.id FROM complaint_complaint c WHERE NOT EXISTS "
                "(SELECT 1 FROM complaint_audit_event e WHERE e.complaint_id = c.id) "
                "ORDER BY c.id"
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        Event = self.env["complaint.audit.event"]
        # sudo: install hook / upgrade; the trail is written whatever the caller
        complaints_su = self.sudo().with_context(active_test=False)
        for batch_ids in split_every(TRAIL_START_BATCH, ids):
            batch = complaints_su.browse(batch_ids)
            digests = batch._audit_history_digests()
            Event._log(
                [
                    {
                        "complaint_id": complaint.id,
                        "event_type": "baseline",
                        "field_name": "state",
                        "new_value": complaint.state,
                        "ref": f"sha256:{digests[complaint.id][0]}",
                        "note": self.env._(
                            "Trail started when the audit module was installed. The "
                            "history before it is in the chatter: %(count)s "
                            "messages, the reference is their SHA-256.",
                            count=digests[complaint.id][1],
                        ),
                    }
                    for complaint in batch
                ]
            )
        return len(ids)

    def _audit_history_digests(self):
        """``{complaint id: (sha256 hex, message count)}`` over the complaints'
        messages (id, date, author, type, subtype, body) and their tracking values
        (field, old and new values), in id order: one query for the batch."""
        self.env.cr.execute(
            SQL(
                """
                SELECT m.res_id,
                       count(*),
                       string_agg(concat_ws('|', m.id, m.date, m.author_id,
                                            m.message_type, m.subtype_id,
                                            md5(coalesce(m.body, '')), t.values),
                                  E'\\n' ORDER BY m.id)
                  FROM mail_message m
             LEFT JOIN LATERAL (
                        SELECT string_agg(concat_ws(':', v.field_id,
                                   v.old_value_char, v.new_value_char,
                                   v.old_value_integer, v.new_value_integer,
                                   v.old_value_float, v.new_value_float,
                                   v.old_value_datetime, v.new_value_datetime,
                                   md5(coalesce(v.old_value_text, '')),
                                   md5(coalesce(v.new_value_text, ''))),
                                   ';' ORDER BY v.id) AS values
                          FROM mail_tracking_value v
                         WHERE v.mail_message_id = m.id
                       ) t ON TRUE
                 WHERE m.model = %s AND m.res_id IN %s
              GROUP BY m.res_id
                """,
                self._name,
                tuple(self.ids),
            )
        )
        found = {
            res_id: (hashlib.sha256(text.encode()).hexdigest(), count)
            for res_id, count, text in self.env.cr.fetchall()
        }
        empty = (hashlib.sha256(b"").hexdigest(), 0)
        return {
            complaint_id: found.get(complaint_id, empty) for complaint_id in self.ids
        }

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

DOSSIER_REPORT = "complaint_audit.action_report_complaint_dossier"
# Page budget of one dossier: the newest history beyond this is summarised in one
# "N more not shown" line, so that one complaint never prints a book.
DOSSIER_MESSAGE_LIMIT = 200
DOSSIER_EVENT_LIMIT = 300
# Dossiers of one zip, printed in one request (about a second each)
DOSSIER_ZIP_LIMIT = 50


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited  # one file per concern (LAYOUT 4.2)

    # --- Dossier (R53) ------------------------------------------------------------
    dossier_due = fields.Boolean(
        copy=False,
        readonly=True,
        help="Closed since its last dossier: the dossier job seals one.",
    )
    dossier_attachment_id = fields.Many2one(
        "ir.attachment", string="Sealed Dossier", copy=False, readonly=True
    )
    dossier_sha256 = fields.Char(
        string="Dossier SHA-256",
        copy=False,
        readonly=True,
        help="Hash of the sealed dossier PDF, also recorded in the audit trail.",
    )

    def init(self):
        # the dossier job's domain: a handful of rows among millions
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS complaint_complaint_dossier_due_idx "
            "ON complaint_complaint (id) WHERE dossier_due"
        )
        return super().init()

    def _on_stage_change(self, previous_stage_by_id):
        result = super()._on_stage_change(previous_stage_by_id)
        closed = self.filtered(
            lambda c: c.state == "closed"
            and previous_stage_by_id[c.id].state != "closed"
        )
        if closed:
            # Sealing renders a PDF (wkhtmltopdf, about a second per call): in the
            # stage hook a kanban drag or an auto-close batch of 500 would wait for
            # it. The hook only flags the complaints; the dossier job renders them
            # in batches, soon (triggered now), once per closure.
            closed.write({"dossier_due": True})
            self.env.ref("complaint_audit.ir_cron_complaint_seal_dossiers")._trigger()
        return result

    def action_print_dossier(self):
        """Print menu: one complaint's dossier as a PDF; several as a zip of one
        PDF per complaint."""
        if not self:
            raise UserError(self.env._("Select the complaints to print."))
        self.check_access("read")
        if len(self) == 1:
            return self.env.ref(DOSSIER_REPORT).report_action(self)
        export = self.env["complaint.dossier.export"].create(
            {"complaint_ids": [fields.Command.set(self.ids)]}
        )
        return export.action_download()

    # --- Dossier content ----------------------------------------------------------
    def _dossier_history(self):
        """``(entries, hidden)``: the oldest DOSSIER_MESSAGE_LIMIT messages of the
        complaint with their tracked changes, in order, and how many more exist."""
        self.ensure_one()
        Message = self.env["mail.message"]
        domain = [
            ("model", "=", self._name),
            ("res_id", "=", self.id),
            ("message_type", "!=", "user_notification"),
        ]
        total = Message.search_count(domain)
        messages = Message.search(domain, order="date, id", limit=DOSSIER_MESSAGE_LIMIT)
        # one read for every message's tracking values; sudo: tracking values are
        # read through their message (as the chatter does), keeping only the fields
        # this user may read
        formatted = {}
        trackings = messages.sudo().tracking_value_ids
        if self.env.su:
            # the sealed dossier (rendered by the job) is attached to the complaint
            # for whoever reads it: no field kept to some groups (the persons
            # complained about), which those groups read in the chatter
            trackings = trackings._filter_free_field_access()
        else:
            trackings = trackings._filter_has_field_access(self.env)
        for value in trackings._tracking_value_format():
            formatted[value["id"]] = value
        entries = []
        for message in messages:
            changes = [
                formatted[tracking.id]
                for tracking in message.sudo().tracking_value_ids
                if tracking.id in formatted
            ]
            entries.append(
                {
                    "date": message.date,
                    "author": message.author_id.display_name
                    or message.email_from
                    or "",
                    "kind": message.subtype_id.name
                    or dict(
                        message._fields["message_type"]._description_selection(self.env)
                    ).get(message.message_type),
                    "subject": message.subject,
                    "body": message.body,
                    "changes": changes,
                    "attachments": message.attachment_ids.mapped("name"),
                }
            )
        return entries, max(total - len(messages), 0)

    def _dossier_events(self):
        """``(events, hidden)``: the oldest DOSSIER_EVENT_LIMIT events of the
        complaint's audit trail, in order, and how many more exist."""
        self.ensure_one()
        Event = self.env["complaint.audit.event"]
        domain = [("complaint_id", "=", self.id)]
        total = Event.search_count(domain)
        events = Event.search(domain, order="date, id", limit=DOSSIER_EVENT_LIMIT)
        types = dict(Event._fields["event_type"]._description_selection(self.env))
        entries = []
        for event in events:
            change = []
            if event.field_name:
                # the reader's labels, not the technical values the chain hashes
                old = event.old_value_label or "—"
                new = event.new_value_label or "—"
                change.append(f"{event.field_label}: {old} → {new}")
            if event.note:
                change.append(event.note)
            if event.ref:
                change.append(event.ref)
            entries.append(
                {
                    "date": event.date,
                    "user": event.user_id.name or "",
                    "type": types.get(event.event_type, event.event_type),
                    "change": " · ".join(change),
                }
            )
        return entries, max(total - len(events), 0)

    # --- Sealing at closure -------------------------------------------------------
    @api.model
    def _cron_seal_dossiers(self, batch_size=20):
        """Seal the dossier of every complaint closed since its last one: the PDF
        attached to the complaint, its SHA-256 in the trail. Batched and committed
        per batch; the flag makes a rerun or a second server skip
        what is done."""
        domain = [("dossier_due", "=", True)]
        self._job_run_batches(domain, lambda batch: batch._seal_dossiers(), batch_size)
        return True

    def _render_dossier_pdfs(self):
        """``{complaint id: PDF bytes}``, one document per complaint."""
        Report = self.env["ir.actions.report"]
        result = {}
        # per record: Debian's wkhtmltopdf (unpatched Qt) cannot render several
        # documents in one run (it exits with code 1 and no output), and one run per
        # dossier keeps each PDF its own document, with its own page numbers
        for complaint in self:
            streams = Report._render_qweb_pdf_prepare_streams(
                DOSSIER_REPORT, None, res_ids=complaint.ids
            )
            stream = streams[complaint.id]["stream"]
            result[complaint.id] = stream.getvalue()
            stream.close()
        return result

    def _dossier_filename(self):
        self.ensure_one()
        return self.env._("Dossier %(ref)s.pdf", ref=self.name.replace("/", "-"))

    def _seal_dossiers(self):
        """Render, attach and record the dossiers of ``self`` (claimed by the job)."""
        # sudo: the job seals every company's closed complaints; the dossier shows
        # the whole record whoever closed it
        complaints = self.sudo()
        pdfs = complaints._render_dossier_pdfs()
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": complaint._dossier_filename(),
                        "raw": pdfs[complaint.id],
                        "res_model": self._name,
                        "res_id": complaint.id,
                        "mimetype": "application/pdf",
                    }
                    for complaint in complaints
                ]
            )
        )
        hashes = {}
        for complaint, attachment in zip(complaints, attachments, strict=True):
            digest = hashlib.sha256(pdfs[complaint.id]).hexdigest()
            hashes[complaint.id] = digest
            # per record: each complaint gets its own attachment and hash; the
            # rendering of the batch costs far more than these writes
            complaint.write(
                {
                    "dossier_due": False,
                    "dossier_attachment_id": attachment.id,
                    "dossier_sha256": digest,
                }
            )
        complaints._log_dossiers(hashes)
        return hashes

    def _log_dossiers(self, hashes):
        """The sealed dossiers in the audit trail, their SHA-256 as evidence: one
        insert for the batch."""
        self.env["complaint.audit.event"]._log(
            [
                {
                    "complaint_id": complaint.id,
                    "event_type": "dossier",
                    "note": self.env._(
                        "Dossier sealed: %(name)s",
                        name=complaint.dossier_attachment_id.name,
                    ),
                    "ref": hashes[complaint.id],
                }
                for complaint in self
            ]
        )

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import html2plaintext

# Context key of the events collected during one outer write or action.
AUDIT_BUFFER_KEY = "complaint_audit_buffer"


class _AuditBuffer:
    """The events of one outer call. Only an instance of this class counts as an open
    buffer: a client can put any JSON value under the context key (a dict shaped like
    a buffer would swallow the events), never an instance of a server-side class."""

    __slots__ = ("events", "closed")

    def __init__(self):
        self.events = []
        self.closed = False


def _open_buffer(context):
    buffer = context.get(AUDIT_BUFFER_KEY)
    return buffer if isinstance(buffer, _AuditBuffer) and not buffer.closed else None


class ComplaintAuditMixin(models.AbstractModel):
    """Collect the audit events of one write (and of the writes it causes: stage
    hook stamps, reopen counters, remedy states) and record them with ONE
    ``complaint.audit.event._log`` call when the outer call returns.

    The buffer travels in the context of the records the outer call works on; once
    flushed it is closed, so a record kept beyond the call logs directly."""

    _name = "complaint.audit.mixin"
    _description = "Complaint Audit Trail Helpers"

    def _audit_open(self):
        """Return ``(records, buffer)``: ``records`` carry a new buffer, unless an
        open one is already in the context (then ``buffer`` is None: the outer
        call owns it)."""
        if _open_buffer(self.env.context) is not None:
            return self, None
        buffer = _AuditBuffer()
        return self.with_context(**{AUDIT_BUFFER_KEY: buffer}), buffer

    def _audit_close(self, buffer, failed=False):
        """Record the buffered events in one ``_log`` (nothing if ``failed``)."""
        if buffer is None:
            return
        buffer.closed = True
        if buffer.events and not failed:
            self.env["complaint.audit.event"]._log(buffer.events)

    def _audit_queue(self, vals_list):
        """Add events to the open buffer, or record them now if there is none."""
        if not vals_list:
            return
        buffer = _open_buffer(self.env.context)
        if buffer is not None:
            buffer.events.extend(vals_list)
        else:
            self.env["complaint.audit.event"]._log(vals_list)

    def _audit_call(self, call):
        """Return ``call(records)``, ``records`` being ``self`` with a buffer open:
        the events of every write ``call`` makes are recorded in one batch."""
        records, buffer = self._audit_open()
        try:
            result = call(records)
        except Exception:
            self._audit_close(buffer, failed=True)
            raise
        records._audit_close(buffer)
        return result

    def _audit_snapshot(self, fnames):
        """{record id: {field: value}} of ``fnames``, read once for the batch."""
        self.fetch(fnames)
        return {record.id: {f: record[f] for f in fnames} for record in self}

    def _audit_text(self, fname, value):
        """An event stores values as text: display names for relations, keys for
        selections, server format for dates, plain text for HTML."""
        field = self._fields[fname]
        if not value and field.type not in ("integer", "float", "monetary"):
            return None
        if field.type == "many2one":
            # sudo: a name of a record the caller's write already reached
            return value.sudo().display_name
        if field.type in ("one2many", "many2many"):
            return ", ".join(value.sudo().mapped("display_name"))
        if field.type == "datetime":
            return fields.Datetime.to_string(value)
        if field.type == "date":
            return fields.Date.to_string(value)
        if field.type == "html":
            return html2plaintext(value)
        return str(value)

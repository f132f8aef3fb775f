# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit trail of the complaints process (ISO 10002 clause 8.1, R10).

Append-only events, one per process fact, created set-based by ``_log``. Tamper
evidence follows the design of Odoo 18's journal-entry inalterability
(``account.move._calculate_hashes``): SHA-256 over a canonical serialisation of
each event plus the previous event's hash, one chain per company, with a version
prefix. Sealing is deferred (see ``complaint_audit_event_chain.py``).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

EVENT_TYPES = [
    ("stage", "Stage Change"),
    ("assignment", "Assignment"),
    ("severity", "Severity Change"),
    ("category", "Category Change"),
    ("deadline", "Deadline Change"),
    ("extension", "Deadline Extension"),
    ("outcome", "Outcome"),
    ("remedy_approval", "Remedy Approval"),
    ("remedy_execution", "Remedy Execution"),
    ("escalation", "Escalation"),
    ("appeal", "Appeal"),
    ("reopen", "Reopening"),
    ("cancel", "Cancellation"),
    ("merge", "Merge"),
    ("anonymisation", "Anonymisation"),
    ("register_export", "Register Export"),
    ("dossier", "Dossier"),
    ("baseline", "Trail Started"),
]
EVENT_TYPE_KEYS = frozenset(key for key, _label in EVENT_TYPES)

# The columns ``_log`` inserts; the chain columns (sequence, chain_hash) are
# written by the seal step only.
_INSERT_COLUMNS = (
    "complaint_id",
    "company_id",
    "event_type",
    "field_name",
    "old_value",
    "new_value",
    "note",
    "ref",
    "personal",
    "user_id",
    "date",
)


class ComplaintAuditEvent(models.Model):
    _name = "complaint.audit.event"
    _description = "Complaint Audit Event"
    _order = "date desc, id desc"
    _rec_name = "event_type"
    # who and when are fields of the event itself, set by _log; write_uid and
    # write_date would never change and only widen every row
    _log_access = False

    complaint_id = fields.Many2one(
        "complaint.complaint",
        required=True,
        readonly=True,
        index=True,
        # complaint_management refuses to delete complaints; a row deleted behind
        # its back takes its events with it, which the chain then reports as a gap
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="restrict"
    )
    event_type = fields.Selection(
        EVENT_TYPES, string="Event", required=True, readonly=True, index=True
    )
    field_name = fields.Char(string="Field", readonly=True)
    old_value = fields.Text(readonly=True)
    new_value = fields.Text(readonly=True)
    note = fields.Text(readonly=True)
    ref = fields.Char(
        string="Reference",
        readonly=True,
        help="Evidence this event points at: a document hash, an attachment id.",
    )
    personal = fields.Boolean(
        string="Personal Data",
        readonly=True,
        help="The old and new values hold personal data: they stay out of the hash, "
        "so anonymisation can blank them without breaking the chain.",
    )
    user_id = fields.Many2one(
        "res.users", readonly=True, index=True, ondelete="restrict"
    )
    date = fields.Datetime(readonly=True, index=True)
    # --- chain (written by the seal step, in SQL) -------------------------------------
    sequence = fields.Integer(
        readonly=True, copy=False, help="Position of the event in its company's chain."
    )
    chain_hash = fields.Char(string="Hash", readonly=True, copy=False)
    # --- for the reader (computed at display, never stored nor hashed) ----------------
    field_label = fields.Char(
        compute="_compute_labels",
        help="The label of the field changed, in the reader's language.",
    )
    old_value_label = fields.Text(
        compute="_compute_labels",
        help="The old value as the reader sees it (selection values by their label).",
    )
    new_value_label = fields.Text(
        compute="_compute_labels",
        help="The new value as the reader sees it (selection values by their label).",
    )

    @api.depends("event_type", "complaint_id")
    def _compute_display_name(self):
        types = dict(self._fields["event_type"]._description_selection(self.env))
        for event in self:
            event.display_name = " · ".join(
                filter(None, [types.get(event.event_type), event.complaint_id.name])
            )

    @api.depends("event_type", "field_name", "old_value", "new_value")
    @api.depends_context("lang")
    def _compute_labels(self):
        """The stored values are what the chain hashes (technical field names,
        selection keys): the labels are worked out here, for the reader only, once
        per (model, field) of the batch."""
        described = {}
        for event in self:
            key = (event._label_model(), event.field_name)
            if key not in described:
                described[key] = self._describe_field(*key)
            label, selection = described[key]
            event.field_label = label
            event.old_value_label = selection.get(event.old_value, event.old_value)
            event.new_value_label = selection.get(event.new_value, event.new_value)

    def _label_model(self):
        """The model whose field the event names: a remedy's for remedy events."""
        if self.event_type in ("remedy_approval", "remedy_execution"):
            return "complaint.remedy"
        return "complaint.complaint"

    @api.model
    def _describe_field(self, model_name, field_name):
        """``(label, {stored value: label})`` of a field, in the reader's language;
        the technical name and no mapping for a field that no longer exists."""
        if not field_name:
            return False, {}
        field = self.env[model_name]._fields.get(field_name)
        if field is None:
            return field_name, {}
        selection = {}
        if field.type == "selection":
            selection = dict(field._description_selection(self.env))
        elif field.type == "boolean":
            selection = {"True": self.env._("Yes"), "False": self.env._("No")}
        return field._description_string(self.env), selection

    def init(self):
        # One chain position per company; also what the seal step and the
        # verification scan use (keyset pagination on sequence).
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS complaint_audit_event_chain_uniq "
                "ON %s (company_id, sequence) WHERE sequence IS NOT NULL",
                SQL.identifier(self._table),
            )
        )
        # The seal step reads the unsealed events of each company in id order.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS complaint_audit_event_unsealed_idx "
                "ON %s (company_id, id) WHERE sequence IS NULL",
                SQL.identifier(self._table),
            )
        )

    # --- CRUD: append-only ------------------------------------------------------------
    # Refused for everyone, superuser included: events come from _log (one INSERT)
    # and the chain columns from the seal step (SQL). copy() goes through create().
    @api.model_create_multi
    def create(self, vals_list):
        if vals_list:
            raise UserError(
                self.env._(
                    "Audit events are recorded by the complaints process; they cannot "
                    "be created by hand."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(
                self.env._(
                    "Audit events cannot be changed: the audit trail is append-only."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Audit events cannot be deleted: the audit trail is append-only."
            )
        )

    # --- API --------------------------------------------------------------------------
    @api.model
    def _log(self, vals_list):
        """Record audit events, set-based: one INSERT for the whole list.

        Call it once per batch (a write, a job batch, an export), never once per
        record, after the caller's action has been authorised: the events are
        written whatever the caller's rights on this model (nobody has any).

        :param vals_list: list of dicts, each with

            - ``complaint_id`` (int, required): the complaint the event is about;
            - ``event_type`` (str, required): a key of ``EVENT_TYPES`` (``stage``,
              ``assignment``, …, ``register_export``, ``dossier``);
            - ``field_name``, ``old_value``, ``new_value`` (str, optional): what
              changed, old → new, as text;
            - ``note`` (str, optional): a reason or comment; free text, so never
              hashed, and blanked by anonymisation;
            - ``ref`` (str, optional): evidence, e.g. a document hash or an
              attachment id;
            - ``personal`` (bool, optional): ``old_value``/``new_value`` hold
              personal data of the complainant; they are then left out of the
              hash, so that anonymisation can blank them and the chain stays
              valid.

            ``company_id`` (the complaint's), ``user_id`` (the real user,
            ``self.env.uid``, never a context value) and ``date`` (now) are filled
            here; values given for them are ignored.
        :return: the new events (unsealed: the seal cron or the verification
            hashes them into the company's chain).
        """
        if not vals_list:
            return self.browse()
        unknown = {vals.get("event_type") for vals in vals_list} - EVENT_TYPE_KEYS
        if unknown:
            raise ValueError(f"Unknown audit event types: {sorted(map(str, unknown))}")
        Complaint = self.env["complaint.complaint"]
        # the company is read in the INSERT itself (a join on the complaints, whatever
        # the caller may read: the caller already acted on them), once pending writes
        # of it are in the table; a complaint that does not exist leaves the event
        # without a company, which the NOT NULL constraint refuses
        Complaint.flush_model(["company_id"])
        # one array per column, unnested in the statement: eleven parameters for the
        # whole batch rather than eleven per event, composed and parsed once
        columns = list(
            zip(
                *(
                    (
                        vals["complaint_id"],
                        vals["event_type"],
                        _text(vals.get("field_name")),
                        _text(vals.get("old_value")),
                        _text(vals.get("new_value")),
                        _text(vals.get("note")),
                        _text(vals.get("ref")),
                        bool(vals.get("personal")),
                    )
                    for vals in vals_list
                ),
                strict=True,
            )
        )
        # One statement per batch, as DESIGN §9 asks: the ORM's create would build a
        # record per row and split the insert every 100 rows; there is nothing here
        # for it to compute, and no access rights to check (see the docstring). The
        # events get their ids in the order of ``vals_list`` (ORDER BY ordinality).
        self.env.cr.execute(
            SQL(
                """INSERT INTO %(table)s (%(columns)s)
                SELECT v.complaint_id, c.company_id, v.event_type, v.field_name,
                       v.old_value, v.new_value, v.note, v.ref, v.personal,
                       %(uid)s, %(now)s
                  FROM unnest(%(complaint_ids)s::int[], %(types)s::varchar[],
                              %(field_names)s::varchar[], %(old_values)s::text[],
                              %(new_values)s::text[], %(notes)s::text[],
                              %(refs)s::varchar[], %(personal)s::bool[])
                       WITH ORDINALITY AS v(complaint_id, event_type, field_name,
                                            old_value, new_value, note, ref,
                                            personal, n)
                  LEFT JOIN %(complaints)s c ON c.id = v.complaint_id
                 ORDER BY v.n
                RETURNING id""",
                table=SQL.identifier(self._table),
                columns=SQL(", ").join(SQL.identifier(col) for col in _INSERT_COLUMNS),
                uid=self.env.uid,
                now=fields.Datetime.now(),
                complaint_ids=list(columns[0]),
                types=list(columns[1]),
                field_names=list(columns[2]),
                old_values=list(columns[3]),
                new_values=list(columns[4]),
                notes=list(columns[5]),
                refs=list(columns[6]),
                personal=list(columns[7]),
                complaints=SQL.identifier(Complaint._table),
            )
        )
        events = self.browse([row[0] for row in self.env.cr.fetchall()])
        Complaint.browse(set(columns[0])).invalidate_recordset(["audit_event_ids"])
        return events


def _text(value):
    """Events store their values as text; empty values as NULL."""
    if value is None or value is False or value == "":
        return None
    return str(value)

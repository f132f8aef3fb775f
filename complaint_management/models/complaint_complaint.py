# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from .complaint_stage import COMPLAINT_STATES, DONE_STATES, OPEN_STATES, STATE_RANK

# Channels whose complaints come from outside: acknowledged automatically (R05).
EXTERNAL_CHANNELS = ("web", "portal", "email")
SIGNIFICANT_SEVERITIES = ("critical",)
DEEP_INVESTIGATION_SEVERITIES = ("high", "critical")


class ComplaintComplaint(models.Model):
    _name = "complaint.complaint"
    _description = "Complaint"
    _inherit = [
        "portal.mixin",
        "mail.thread.cc",
        "mail.thread",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
    ]
    _order = "priority desc, date_received desc, id desc"
    _track_duration_field = "stage_id"
    _check_company_auto = True
    _rec_names_search = ["name", "subject", "partner_id.name"]
    _mail_post_access = "read"

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "A complaint reference must be unique per company.",
        ),
    ]

    # --- Identification and intake (R23, R24) -----------------------------------------
    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        index="btree",
        default=lambda self: self.env._("New"),
    )
    subject = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    partner_email = fields.Char(related="partner_id.email", string="Email")
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    channel = fields.Selection(
        [
            ("web", "Web Form"),
            ("portal", "Customer Portal"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("in_person", "In Person"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
        index=True,
    )
    date_received = fields.Datetime(
        string="Received On",
        required=True,
        index=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the complaint reached us. Deadlines run from this moment.",
    )
    received_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    description = fields.Html(sanitize=True)
    remedy_requested = fields.Text(help="What the complainant asks us to do.")

    # --- What it is about -------------------------------------------------------------
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", index=True, check_company=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        index="btree_not_null",
        domain="[('order_id', '=', sale_order_id), ('display_type', '=', False)]",
    )
    product_id = fields.Many2one("product.product", index=True, check_company=True)
    product_tmpl_id = fields.Many2one(
        related="product_id.product_tmpl_id", store=True, index=True
    )
    invoice_id = fields.Many2one(
        "account.move",
        index="btree_not_null",
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund'))]",
    )

    # --- Routing ----------------------------------------------------------------------
    category_id = fields.Many2one(
        "complaint.category", index=True, tracking=True, check_company=True
    )
    team_id = fields.Many2one(
        "complaint.team",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env["complaint.team"]._get_default_team(),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
    )
    stage_id = fields.Many2one(
        "complaint.stage",
        ondelete="restrict",
        tracking=True,
        index=True,
        copy=False,
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_expand_full",
    )
    state = fields.Selection(
        related="stage_id.state", store=True, index=True, string="Status"
    )
    kanban_state = fields.Selection(
        [("normal", "In Progress"), ("done", "Ready"), ("blocked", "Blocked")],
        default="normal",
        copy=False,
    )
    # no aggregator: the board would otherwise SUM(color) in every column count
    color = fields.Integer(aggregator=False)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "High"), ("3", "Urgent")],
        default="0",
        index=True,
        tracking=True,
    )

    # --- Acknowledgement (R05, R29) ---------------------------------------------------
    date_acknowledged = fields.Datetime(string="Acknowledged On", copy=False)
    ack_method = fields.Selection(
        [
            ("email", "Email"),
            ("portal", "Portal"),
            ("phone", "Phone"),
            ("letter", "Letter"),
            ("in_person", "In Person"),
        ],
        string="Acknowledged By Means Of",
        copy=False,
    )
    ack_user_id = fields.Many2one("res.users", string="Acknowledged By", copy=False)

    # --- Initial assessment (R30, R31, R20) -------------------------------------------
    severity = fields.Selection(
        [
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
            ("critical", "Critical"),
        ],
        index=True,
        tracking=True,
    )
    safety_flag = fields.Boolean(
        string="Safety or Security Issue",
        tracking=True,
        help="The complaint reveals a health, safety or security risk: it is "
        "significant and the complaints manager is told at once.",
    )
    is_significant = fields.Boolean(
        compute="_compute_is_significant", store=True, index=True
    )
    complexity = fields.Selection(
        [("simple", "Simple"), ("moderate", "Moderate"), ("complex", "Complex")]
    )
    impact = fields.Selection(
        [
            ("individual", "This complainant only"),
            ("several", "Several customers"),
            ("widespread", "Widespread"),
        ]
    )
    in_scope = fields.Boolean(default=True)
    scope_reason = fields.Text(string="Out-of-Scope Reason")
    immediate_action_required = fields.Boolean()
    immediate_action = fields.Text()
    immediate_action_user_id = fields.Many2one(
        "res.users", string="Immediate Action By"
    )
    immediate_action_date = fields.Datetime(string="Immediate Action On")
    date_assessed = fields.Datetime(string="Assessed On", copy=False)

    # --- Deadlines (computed by the SLA engine) ---------------------------------------
    ack_deadline = fields.Datetime(
        string="Acknowledge By", index=True, copy=False, tracking=True
    )
    response_deadline = fields.Datetime(
        string="Respond By", index=True, copy=False, tracking=True
    )
    close_deadline = fields.Datetime(
        string="Close By", index=True, copy=False, tracking=True
    )
    sla_status = fields.Selection(
        [
            ("on_track", "On Track"),
            ("at_risk", "At Risk"),
            ("breached", "Breached"),
            ("paused", "Paused"),
        ],
        string="SLA Status",
        default="on_track",
        index=True,
        copy=False,
    )
    escalation_level = fields.Integer(default=0, copy=False, tracking=True)

    # --- Investigation (R32, R06, R33) ------------------------------------------------
    investigation_ids = fields.One2many("complaint.investigation", "complaint_id")
    investigation_count = fields.Integer(compute="_compute_investigation_count")
    date_investigation = fields.Datetime(string="Investigation Started On", copy=False)
    subject_user_ids = fields.Many2many(
        "res.users",
        "complaint_subject_user_rel",
        "complaint_id",
        "user_id",
        string="Persons Complained About",
        help="Staff the complaint is about. They can never handle, investigate or "
        "approve it (objectivity).",
    )
    subject_informed_at = fields.Datetime(
        string="Subject Informed On",
        help="When the persons complained about were told of the complaint and "
        "given the chance to respond.",
    )

    # --- Decision (R34) ---------------------------------------------------------------
    outcome = fields.Selection(
        [
            ("upheld", "Upheld"),
            ("partially_upheld", "Partially Upheld"),
            ("not_upheld", "Not Upheld"),
            ("withdrawn", "Withdrawn"),
            ("out_of_scope", "Out of Scope"),
        ],
        index=True,
        tracking=True,
        copy=False,
    )
    decision_reason = fields.Html(string="Reasons for the Decision", copy=False)
    date_decision = fields.Datetime(string="Decided On", copy=False)
    remedy_ids = fields.One2many("complaint.remedy", "complaint_id", string="Remedies")
    remedy_amount = fields.Monetary(
        compute="_compute_remedy_amount",
        store=True,
        currency_field="currency_id",
        string="Remedy Value",
    )

    # --- Communication (R35, R36) -----------------------------------------------------
    date_communicated = fields.Datetime(string="Decision Sent On", copy=False)
    communication_channel = fields.Selection(
        [
            ("email", "Email"),
            ("letter", "Letter"),
            ("phone", "Phone"),
            ("portal", "Portal"),
            ("in_person", "In Person"),
        ],
        string="Decision Sent By Means Of",
        copy=False,
    )
    communicated_by_id = fields.Many2one(
        "res.users", string="Decision Sent By", copy=False
    )

    # --- Closing, appeal and reopening (R37, R38, R39) --------------------------------
    complainant_response = fields.Selection(
        [("accepted", "Accepted"), ("rejected", "Rejected"), ("no_reply", "No Reply")],
        tracking=True,
        copy=False,
    )
    date_response = fields.Datetime(string="Response On", copy=False)
    close_reason = fields.Selection(
        [
            ("resolved", "Resolved"),
            ("no_response", "No Response"),
            ("withdrawn", "Withdrawn"),
            ("duplicate", "Duplicate"),
            ("out_of_scope", "Out of Scope"),
            ("referred", "Referred Externally"),
        ],
        tracking=True,
        copy=False,
    )
    date_closed = fields.Datetime(string="Closed On", index=True, copy=False)
    appeal_level = fields.Integer(
        default=1,
        copy=False,
        tracking=True,
        help="1: first decision. 2: the complainant rejected it and a different "
        "reviewer handles the complaint.",
    )
    first_level_user_id = fields.Many2one(
        "res.users",
        string="First-Level Owner",
        copy=False,
        help="Who owned the complaint before the appeal; the reviewer must differ.",
    )
    reopen_count = fields.Integer(default=0, copy=False, tracking=True)
    date_reopened = fields.Datetime(string="Last Reopened On", copy=False)

    # === Corrective actions, recurrence, related complaints (R16, R26, R43, R50) ===
    corrective_action_ids = fields.Many2many(
        "complaint.corrective.action",
        "complaint_corrective_action_rel",
        "complaint_id",
        "action_id",
        string="Corrective Actions",
        copy=False,
        check_company=True,
    )
    corrective_action_count = fields.Integer(compute="_compute_corrective_action_count")
    root_cause_id = fields.Many2one(
        "complaint.root.cause",
        compute="_compute_root_cause_id",
        store=True,
        index="btree_not_null",
        help="Root cause of the latest investigation that found one: what recurrence "
        "rules and corrective actions group by.",
    )
    related_complaint_ids = fields.Many2many(
        "complaint.complaint",
        string="Related Complaints",
        compute="_compute_related_complaint_ids",
        inverse="_inverse_related_complaint_ids",
        search="_search_related_complaint_ids",
        help="Duplicate or related complaints; the link shows on both.",
    )
    related_link_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_complaint_related_rel",
        "complaint_id",
        "related_id",
        string="Related (Linked From Here)",
        copy=False,
    )
    related_backlink_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_complaint_related_rel",
        "related_id",
        "complaint_id",
        string="Related (Linked To Here)",
        copy=False,
    )
    merged_into_id = fields.Many2one(
        "complaint.complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    # === end of corrective actions fields ===

    # --- Defaults, group expand, computes ---------------------------------------------
    @api.model
    def _default_stage_id(self):
        return self.env["complaint.stage"].search(
            [("fold", "=", False), ("state", "=", "new")], order="sequence, id", limit=1
        )

    @api.depends("severity", "safety_flag")
    def _compute_is_significant(self):
        for complaint in self:
            complaint.is_significant = (
                complaint.safety_flag or complaint.severity in SIGNIFICANT_SEVERITIES
            )

    def _compute_investigation_count(self):
        counts = dict(
            self.env["complaint.investigation"]._read_group(
                [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"]
            )
        )
        for complaint in self:
            complaint.investigation_count = counts.get(complaint, 0)

    @api.depends("remedy_ids.amount_company", "remedy_ids.state")
    def _compute_remedy_amount(self):
        for complaint in self:
            complaint.remedy_amount = sum(
                complaint.remedy_ids.filtered(lambda r: r.state != "refused").mapped(
                    "amount_company"
                )
            )

    # --- Onchanges --------------------------------------------------------------------
    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id:
            self.partner_id = self.sale_order_id.partner_id
            if self.sale_line_id.order_id != self.sale_order_id:
                self.sale_line_id = False
            invoices = self.sale_order_id.invoice_ids.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
            )
            if len(invoices) == 1 and not self.invoice_id:
                self.invoice_id = invoices

    @api.onchange("sale_line_id")
    def _onchange_sale_line_id(self):
        if self.sale_line_id:
            self.product_id = self.sale_line_id.product_id

    @api.onchange("invoice_id")
    def _onchange_invoice_id(self):
        if self.invoice_id and not self.partner_id:
            self.partner_id = self.invoice_id.partner_id

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.category_id.team_id:
            self.team_id = self.category_id.team_id

    # --- Constraints (gates) ----------------------------------------------------------
    @api.constrains(
        "stage_id",
        "severity",
        "category_id",
        "user_id",
        "outcome",
        "decision_reason",
        "complainant_response",
    )
    def _check_stage_gates(self):
        """Each state needs what the process must have produced to reach it (R11, R13,
        R30-R34, R37). The same check runs for a button, a kanban drag and an import."""
        for complaint in self:
            missing = complaint._get_missing_for_state(complaint.state)
            if missing:
                stage_name = complaint.stage_id.name
                raise ValidationError(
                    self.env._(
                        "Complaint %(ref)s cannot be in stage %(stage)s yet. "
                        "Missing: %(missing)s.",
                        ref=complaint.name,
                        stage=stage_name,
                        missing="; ".join(missing),
                    )
                )

    @api.constrains(
        "user_id", "subject_user_ids", "first_level_user_id", "appeal_level"
    )
    def _check_objectivity(self):
        """R06, R39: the person complained about never handles the complaint, and the
        level-2 reviewer differs from the level-1 owner."""
        for complaint in self:
            if complaint.user_id and complaint.user_id in complaint.subject_user_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a person complained about in %(ref)s and cannot "
                        "own it.",
                        user=complaint.user_id.name,
                        ref=complaint.name,
                    )
                )
            if (
                complaint.appeal_level >= 2
                and complaint.user_id
                and complaint.user_id == complaint.first_level_user_id
            ):
                raise ValidationError(
                    self.env._(
                        "The reviewer of an appeal must differ from the first-level "
                        "owner (%(user)s).",
                        user=complaint.user_id.name,
                    )
                )

    def _get_missing_for_state(self, state):
        """Labels of what is missing for this complaint to stand in ``state``."""
        self.ensure_one()
        if state in (False, "new", "acknowledged", "cancelled"):
            return []
        rank = STATE_RANK[state]
        missing = []
        labels = self._fields

        def label(field_name):
            return labels[field_name]._description_string(self.env)

        if rank >= STATE_RANK["assessed"]:
            missing += [
                label(f)
                for f in ("severity", "category_id", "complexity", "impact", "user_id")
                if not self[f]
            ]
            if not self.in_scope and not self.scope_reason:
                missing.append(label("scope_reason"))
            if self.immediate_action_required:
                missing += [
                    label(f)
                    for f in (
                        "immediate_action",
                        "immediate_action_user_id",
                        "immediate_action_date",
                    )
                    if not self[f]
                ]
        if rank >= STATE_RANK["decision"]:
            missing += self._get_missing_for_decision()
        if rank >= STATE_RANK["closed"]:
            missing += self._get_missing_corrective_action()
            if not self.complainant_response:
                missing.append(label("complainant_response"))
            elif self.complainant_response == "rejected" and self.appeal_level < 2:
                missing.append(
                    self.env._("a level-2 review of the rejected decision (Appeal)")
                )
        return missing

    def _get_missing_for_decision(self):
        self.ensure_one()
        missing = []
        label = self._fields
        if not self.outcome:
            missing.append(label["outcome"]._description_string(self.env))
        if not self.decision_reason or not self.decision_reason.striptags().strip():
            missing.append(label["decision_reason"]._description_string(self.env))
        needs_investigation = self.outcome not in ("withdrawn", "out_of_scope")
        if needs_investigation:
            investigations = self.investigation_ids.filtered(
                lambda i: i.findings and i.findings.striptags().strip()
            )
            if not investigations:
                missing.append(self.env._("an investigation with findings"))
            elif self.severity in DEEP_INVESTIGATION_SEVERITIES and not any(
                inv.root_cause_id and inv.reviewed_by_id for inv in investigations
            ):
                missing.append(
                    self.env._(
                        "a root cause and a reviewer on the investigation "
                        "(required for high and critical severity)"
                    )
                )
        if self.subject_user_ids and not self.subject_informed_at:
            missing.append(label["subject_informed_at"]._description_string(self.env))
        if self.remedy_ids.filtered(lambda r: r.state == "to_approve"):
            missing.append(self.env._("a manager's approval of the remedies"))
        return missing

    def init(self):
        result = super().init()
        # The board (DESIGN section 5): its column counts, SLA progress bars and first
        # cards read index pages only, however many closed complaints the table
        # holds. The "Open" filter is ``state IN OPEN_STATES``, which implies the
        # partial indexes' predicate.
        cr, table = self.env.cr, self._table
        open_rows = "active AND state IN ({})".format(
            ", ".join(f"'{state}'" for state in OPEN_STATES)
        )
        create_index(
            cr,
            "complaint_complaint_open_board_idx",
            table,
            ["stage_id", "sla_status"],
            where=open_rows,
        )
        create_index(
            cr,
            "complaint_complaint_open_cards_idx",
            table,
            ["stage_id", "priority DESC", "date_received DESC", "id DESC"],
            where=open_rows,
        )
        create_index(
            cr,
            "complaint_complaint_board_idx",
            table,
            ["stage_id", "sla_status"],
            where="active",
        )
        return result

    # --- CRUD -------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # the caller's dicts are left as they were (references, stages are added).
        # The portal token is drawn now: notifying the customer would otherwise
        # write it on the new complaint, one more write per complaint.
        vals_list = [{"access_token": str(uuid.uuid4()), **vals} for vals in vals_list]
        self._assign_references(vals_list)
        self._assign_default_stage(vals_list)
        acknowledged = self._prepare_external_ack(vals_list)
        # A batch logs its creation notes in one insert instead of one message_post
        # (and its notification queries) per complaint; single creates (forms,
        # portal, e-mail gateway) keep the notified "Complaint Received" message.
        batch_log = len(vals_list) > 1 and not self.env.context.get("mail_create_nolog")
        # A batch also tells each assignee once (a digest), not once per complaint.
        batch_assign = len(vals_list) > 1 and not self.env.context.get(
            "mail_auto_subscribe_no_notify"
        )
        creator = self.with_context(
            **({"mail_create_nolog": True} if batch_log else {}),
            **({"mail_auto_subscribe_no_notify": True} if batch_assign else {}),
            **({"complaint_batch_subscribe": True} if len(vals_list) > 1 else {}),
        )
        complaints = (
            super(ComplaintComplaint, creator).create(vals_list).with_env(self.env)
        )
        if batch_log:
            complaints._message_log_batch(
                bodies={c.id: c._creation_message() for c in complaints}
            )
        if len(vals_list) > 1:
            complaints._auto_subscribe_batch()
        if batch_assign:
            complaints._notify_assignees_batch()
        complaints.browse(
            [
                c.id
                for c, v in zip(complaints, vals_list, strict=True)
                if id(v) in acknowledged
            ]
        )._mail_acknowledgements()
        complaints.filtered("is_significant")._notify_significant()
        return complaints

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        # create() subscribes a batch by groups, see _auto_subscribe_batch
        if self.env.context.get("complaint_batch_subscribe"):
            return True
        return super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )

    def _auto_subscribe_batch(self):
        """What mail.thread's create does per record (subscribe the assignee and
        the followers of the team's subtypes), once per group of complaints with
        the same assignee and relations: a batch of 100 costs a few inserts, not
        100 rounds of subscription queries."""
        relation = self.env["mail.message.subtype"]._get_auto_subscription_subtypes(
            self._name
        )[4]
        fnames = sorted({"user_id"}.union(*relation.values()))
        groups = defaultdict(list)
        for complaint in self:
            groups[tuple(complaint[fname].id for fname in fnames)].append(complaint.id)
        # the assignees hear of a batch from one digest (_notify_assignees_batch)
        thread = self.with_context(
            complaint_batch_subscribe=False, mail_auto_subscribe_no_notify=True
        )
        for key, ids in groups.items():
            thread.browse(ids)._message_auto_subscribe(
                dict(zip(fnames, key, strict=True)), followers_existing_policy="update"
            )

    @api.model
    def _prepare_external_ack(self, vals_list):
        """R05: a complaint from an external channel is created acknowledged, in the
        first acknowledged stage, instead of being created new and moved (a second
        write of the whole batch). Returns the ``vals`` (by ``id()``) acknowledged,
        whose mails go out once the records exist."""
        default_channel = self.default_get(["channel"]).get("channel")
        candidates = [
            vals
            for vals in vals_list
            if vals.get("channel", default_channel) in EXTERNAL_CHANNELS
            and not vals.get("date_acknowledged")
        ]
        if not candidates:
            return set()
        Stage = self.env["complaint.stage"]
        context_stage = self.env.context.get("default_stage_id")

        def stage_of(vals):
            return vals.get("stage_id") or context_stage

        stage_ids = {stage_of(vals) for vals in candidates} - {False, None}
        states = {stage.id: stage.state for stage in Stage.browse(stage_ids)}
        ack_stage = Stage.search(
            [("state", "=", "acknowledged")], order="sequence, id", limit=1
        )
        now = fields.Datetime.now()
        done = set()
        for vals in candidates:
            # an import into a later stage keeps its stage and is not acknowledged
            if stage_of(vals) and states.get(stage_of(vals)) != "new":
                continue
            channel = vals.get("channel", default_channel)
            vals.update(
                date_acknowledged=now,
                ack_user_id=self.env.uid,
                ack_method="portal" if channel == "portal" else "email",
            )
            if ack_stage:
                vals["stage_id"] = ack_stage.id
            done.add(id(vals))
        return done

    @api.model
    def _assign_references(self, vals_list):
        """One sequence per company (R23); references assigned for the whole batch."""
        default_company = self.env.company
        vals_by_company = defaultdict(list)
        for vals in vals_list:
            company = (
                self.env["res.company"].browse(vals["company_id"])
                if vals.get("company_id")
                else default_company
            )
            vals_by_company[company].append(vals)
        for company, company_vals in vals_by_company.items():
            sequence = self._get_reference_sequence(company)
            references = self._next_references(sequence, len(company_vals))
            default_team = None
            for vals, reference in zip(company_vals, references, strict=True):
                vals["name"] = reference
                if not vals.get("team_id"):
                    if default_team is None:
                        default_team = self.env["complaint.team"]._get_default_team(
                            company
                        )
                    vals["team_id"] = default_team.id

    @api.model
    def _assign_default_stage(self, vals_list):
        """The default stage, searched once for the batch instead of per record."""
        missing = [vals for vals in vals_list if not vals.get("stage_id")]
        if missing and "default_stage_id" not in self.env.context:
            stage_id = self._default_stage_id().id
            for vals in missing:
                vals["stage_id"] = stage_id

    @api.model
    def _get_reference_sequence(self, company):
        """The company's own complaint sequence, created on first use (R23)."""
        # sudo: ir.sequence is technical configuration; complaint users (and the
        # portal/web intake) only draw numbers from it, which create() authorises.
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "complaint.complaint"), ("company_id", "=", company.id)],
            order="id",
            limit=1,
        )
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": self.env._(
                        "Complaint reference (%(company)s)", company=company.name
                    ),
                    "code": "complaint.complaint",
                    "prefix": "CMP/%(range_year)s/",
                    "padding": 5,
                    "use_date_range": True,
                    "company_id": company.id,
                }
            )
        return sequence

    @api.model
    def _next_references(self, sequence, count):
        """``count`` references drawn from ``sequence`` in one query for a standard
        (PostgreSQL-backed) sequence, instead of one or two queries per complaint."""
        sequence = sequence.sudo()  # sudo: see _get_reference_sequence
        if count == 1 or sequence.implementation != "standard":
            return [sequence._next() for _i in range(count)]
        seq_date = self.env.context.get("ir_sequence_date") or fields.Date.today()
        if sequence.use_date_range:
            date_range = self.env["ir.sequence.date_range"].sudo().search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", seq_date),
                    ("date_to", ">=", seq_date),
                ],
                limit=1,
            ) or sequence._create_date_range_seq(seq_date)
            pg_sequence = f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}"
            sequence = sequence.with_context(
                ir_sequence_date=seq_date, ir_sequence_date_range=date_range.date_from
            )
        else:
            pg_sequence = f"ir_sequence_{sequence.id:03d}"
        # ir.sequence internals: the same nextval() Odoo calls, once for the batch.
        self.env.cr.execute(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count)
        )
        numbers = sorted(row[0] for row in self.env.cr.fetchall())
        return [sequence.get_next_char(number) for number in numbers]

    def write(self, vals):
        if "name" in vals and not self.env.su:
            raise UserError(
                self.env._("The reference of a complaint cannot be changed.")
            )
        previous_stage_by_id = {}
        if "stage_id" in vals:
            new_stage = self.env["complaint.stage"].browse(vals["stage_id"])
            moving = self.filtered(lambda c: c.stage_id != new_stage)
            previous_stage_by_id = {c.id: c.stage_id for c in moving}
            self._check_reopen_allowed(moving, new_stage)
            if moving and "kanban_state" not in vals:
                vals = dict(vals, kanban_state="normal")
        # R20: severity is usually set at assessment, so a complaint can become
        # significant after its creation; the managers hear of it then.
        was_significant = (
            self.filtered("is_significant")
            if {"severity", "safety_flag"} & set(vals)
            else None
        )
        result = super().write(vals)
        if was_significant is not None:
            (self.filtered("is_significant") - was_significant)._notify_significant()
        if previous_stage_by_id:
            self.browse(list(previous_stage_by_id))._on_stage_change(
                previous_stage_by_id
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Complaints cannot be deleted: they are records of the complaints "
                "process. Cancel the complaint instead."
            )
        )

    def _check_reopen_allowed(self, moving, new_stage):
        """Leaving a closed or cancelled stage is a reopening and needs a reason."""
        leaving_done = moving.filtered(lambda c: c.state in DONE_STATES)
        if (
            leaving_done
            and new_stage.state not in DONE_STATES
            and not self.env.context.get("complaint_reopen_reason")
        ):
            raise UserError(
                self.env._(
                    "Complaint %(ref)s is closed. Use Reopen and give a reason.",
                    ref=leaving_done[0].name,
                )
            )

    # --- Process hooks ----------------------------------------------------------------
    def _on_stage_change(self, previous_stage_by_id):
        """Called once per write for every complaint whose stage changed; extend it to
        react to stage changes (SLA, notifications, audit trail)."""
        now = fields.Datetime.now()
        user = self.env.user
        reopen_reason = self.env.context.get("complaint_reopen_reason")
        stamps = {
            "date_assessed": "assessed",
            "date_investigation": "investigation",
            "date_decision": "decision",
            "date_communicated": "communicated",
            "date_closed": "closed",
        }
        for field_name, state in stamps.items():
            reached = self.filtered(
                lambda c, s=state, f=field_name: STATE_RANK.get(c.state, -1)
                >= STATE_RANK[s]
                and c.state != "cancelled"
                and not c[f]
            )
            if reached:
                values = {field_name: now}
                if field_name == "date_communicated":
                    values.update(communicated_by_id=user.id)
                reached.write(values)
        manual_ack = self.filtered(
            lambda c: not c.date_acknowledged and c.state not in ("new", "cancelled")
        )
        if manual_ack:
            manual_ack._record_manual_ack()
        if reopen_reason:
            reopened = self.filtered(
                lambda c: previous_stage_by_id[c.id].state in DONE_STATES
                and c.state not in DONE_STATES
            )
            reopened._mark_reopened(reopen_reason)
        cancelled_or_closed = self.filtered(lambda c: c.state in DONE_STATES)
        if cancelled_or_closed:
            cancelled_or_closed.filtered(lambda c: not c.date_closed).write(
                {"date_closed": now}
            )
        self._reset_response_for_new_decision(previous_stage_by_id)
        self._send_stage_templates()

    def _reset_response_for_new_decision(self, previous_stage_by_id):
        """R37, R39: a response answers one communicated decision. When a level-2
        decision is communicated, the complainant's new response is awaited; the
        level-1 rejection stays in the tracking and in appeal_level."""
        again = self.filtered(
            lambda c: c.state == "communicated"
            and c.complainant_response
            and STATE_RANK.get(previous_stage_by_id[c.id].state, -1)
            < STATE_RANK["communicated"]
        )
        if again:
            again.write({"complainant_response": False, "date_response": False})

    def _send_stage_templates(self):
        by_template = defaultdict(list)
        for complaint in self:
            template = complaint.stage_id.mail_template_id
            if template and complaint.partner_id:
                by_template[template].append(complaint.id)
        for template, ids in by_template.items():
            self.browse(ids).message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )

    def _record_manual_ack(self, method=None):
        """Manual acknowledgement (phone, letter, in person) records method and user."""
        method_by_channel = {"phone": "phone", "in_person": "in_person"}
        now = fields.Datetime.now()
        by_method = defaultdict(list)
        for complaint in self:
            by_method[
                method or method_by_channel.get(complaint.channel, "letter")
            ].append(complaint.id)
        for ack_method, ids in by_method.items():
            self.browse(ids).write(
                {
                    "date_acknowledged": now,
                    "ack_method": ack_method,
                    "ack_user_id": self.env.uid,
                }
            )

    def _mark_reopened(self, reason):
        now = fields.Datetime.now()
        # one write per distinct counter value, not per complaint
        by_count = defaultdict(list)
        for complaint in self:
            by_count[complaint.reopen_count].append(complaint.id)
        for count, ids in by_count.items():
            self.browse(ids).write(
                {
                    "reopen_count": count + 1,
                    "date_reopened": now,
                    "date_closed": False,
                    "complainant_response": False,
                    "close_reason": False,
                }
            )
        self._message_log_batch(
            bodies={
                c.id: Markup("<p>%s</p>")
                % self.env._("Reopened: %(reason)s", reason=reason)
                for c in self
            }
        )

    def _mail_acknowledgements(self):
        """R05, R29: the acknowledgement of complaints created acknowledged, one batch
        of mails and one batch of chatter notes."""
        self._mail_complainants(
            "complaint_management.mail_template_complaint_ack",
            lambda c: self.env._(
                "Acknowledgement sent to %(email)s.", email=c.partner_id.email
            ),
        )

    def _mail_complainants(self, template_xmlid, note):
        """Mail the template to every complainant with an e-mail address, rendered
        and queued for the whole batch at once, and log ``note(complaint)`` in each
        complaint's chatter. Returns the complaints mailed."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        recipients = self.filtered("partner_id.email")
        if template and recipients:
            template.send_mail_batch(recipients.ids)
            recipients._message_log_batch(
                bodies={c.id: Markup("<p>%s</p>") % note(c) for c in recipients}
            )
        return recipients

    def _send_digest_mails(self, digest, subject, intro):
        """One mail per person listing their records, ``{user: [(record,
        detail)]}``, instead of one mail per record (assignments of a batch,
        escalations, reminders, a flood of recurrence alerts). Any model with a
        ``name`` can be listed."""
        base_url = self.browse().get_base_url()
        mails = []
        for user, items in digest.items():
            if not user.partner_id.email:
                continue
            lines = Markup("").join(
                Markup('<li><a href="%s">%s</a>%s</li>')
                % (
                    f"{base_url}/odoo/{record._name}/{record.id}",
                    record.name,
                    f" {detail}" if detail else "",
                )
                for record, detail in items
            )
            mails.append(
                {
                    "subject": subject,
                    "body_html": Markup("<p>%s</p><ul>%s</ul>") % (intro, lines),
                    "recipient_ids": [(4, user.partner_id.id)],
                    "email_from": user.company_id.email_formatted
                    or self.env.company.email_formatted,
                    "auto_delete": True,
                }
            )
        if mails:
            # sudo: mail.mail is technical; the caller is authorised on the
            # records listed, and the recipients are their handlers
            self.env["mail.mail"].sudo().create(mails)

    def _notify_assignees_batch(self):
        """Complaints created in a batch (import, gateway, API) assigned to someone
        else: one mail per assignee listing them, instead of Odoo's assignment
        notification per complaint. Single creates keep Odoo's notification."""
        digest = defaultdict(list)
        for complaint in self:
            user = complaint.user_id
            if user and user != self.env.user and user.active and not user.share:
                deadline = complaint.response_deadline
                digest[user].append(
                    (
                        complaint,
                        f"{complaint.subject} ({fields.Datetime.to_string(deadline)})"
                        if deadline
                        else complaint.subject,
                    )
                )
        for user, items in digest.items():
            localized = self.with_context(lang=user.lang)
            localized._send_digest_mails(
                {user: items},
                localized.env._(
                    "You have been assigned %(count)s complaints", count=len(items)
                ),
                localized.env._("These new complaints were assigned to you:"),
            )

    def _notify_significant(self):
        """R20: a significant complaint (critical or safety) alerts the complaints
        managers at once, with one activity each."""
        if not self:
            return
        managers = self.env.ref(
            "complaint_management.group_complaint_manager"
        ).users.filtered(lambda u: not u.share and u.active)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        activities = []
        model_id = self.env["ir.model"]._get_id(self._name)
        for complaint in self:
            # only managers who work in the complaint's company can act on it
            company_managers = managers.filtered(
                lambda u, c=complaint.company_id: c in u.company_ids
            )
            for manager in company_managers[:5]:
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": complaint.id,
                        "activity_type_id": activity_type.id,
                        "user_id": manager.id,
                        "summary": self.env._("Significant complaint"),
                        "note": self.env._(
                            "%(ref)s is significant (severity or safety). Review it "
                            "now.",
                            ref=complaint.name,
                        ),
                        "date_deadline": fields.Date.context_today(self),
                    }
                )
        if activities:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(activities)

    # --- Actions ----------------------------------------------------------------------
    def _stage_for_state(self, state):
        stage = self.env["complaint.stage"].search(
            [("state", "=", state)], order="sequence, id", limit=1
        )
        if not stage:
            raise UserError(
                self.env._(
                    "No stage is configured for the state %(state)s.",
                    state=dict(COMPLAINT_STATES)[state],
                )
            )
        return stage

    def action_acknowledge(self):
        """Manual acknowledgement (phone call, letter, visit)."""
        to_ack = self.filtered(lambda c: c.state == "new")
        to_ack.write({"stage_id": self._stage_for_state("acknowledged").id})
        return True

    def action_assess(self):
        self.write({"stage_id": self._stage_for_state("assessed").id})
        return True

    def action_start_investigation(self):
        self.write({"stage_id": self._stage_for_state("investigation").id})
        return True

    def action_decide(self):
        self.write({"stage_id": self._stage_for_state("decision").id})
        return True

    def action_send_decision(self):
        """Open the mail composer with the decision letter (R35)."""
        self.ensure_one()
        missing = self._get_missing_for_state("decision")
        if missing:
            raise UserError(
                self.env._(
                    "The decision of %(ref)s is not complete. Missing: %(missing)s.",
                    ref=self.name,
                    missing="; ".join(missing),
                )
            )
        template = self.env.ref("complaint_management.mail_template_complaint_decision")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "force_email": True,
                "complaint_mark_communicated": True,
            },
        }

    def _message_post_after_hook(self, message, msg_vals):
        if (
            self.env.context.get("complaint_mark_communicated")
            and message.message_type == "comment"
        ):
            self._mark_communicated("email")
        return super()._message_post_after_hook(message, msg_vals)

    def _mark_communicated(self, channel):
        values = {
            "date_communicated": fields.Datetime.now(),
            "communication_channel": channel,
            "communicated_by_id": self.env.uid,
        }
        communicated = self._stage_for_state("communicated")
        to_move = self.filtered(
            lambda c: STATE_RANK[c.state] < STATE_RANK["communicated"]
        )
        if to_move:
            to_move.write(dict(values, stage_id=communicated.id))
        (self - to_move).write(values)

    def _set_response(self, response):
        self.write(
            {"complainant_response": response, "date_response": fields.Datetime.now()}
        )

    def action_response_accepted(self):
        self._set_response("accepted")
        return True

    def action_response_no_reply(self):
        self._set_response("no_reply")
        return True

    def action_close(self):
        closed = self._stage_for_state("closed")
        for response, reason in (
            ("accepted", "resolved"),
            ("no_reply", "no_response"),
            ("rejected", "resolved"),
        ):
            batch = self.filtered(
                lambda c, r=response: c.complainant_response == r and not c.close_reason
            )
            batch.write({"close_reason": reason})
        self.write({"stage_id": closed.id})
        return True

    def action_cancel(self):
        self.write({"stage_id": self._stage_for_state("cancelled").id})
        return True

    def action_open_reopen_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Complaint"),
            "res_model": "complaint.complaint.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def action_open_appeal_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appeal: Level-2 Review"),
            "res_model": "complaint.complaint.appeal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_view_investigations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Investigations"),
            "res_model": "complaint.investigation",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }

    def action_print_decision_letter(self):
        self.ensure_one()
        return self.env.ref(
            "complaint_management.action_report_complaint_decision"
        ).report_action(self)

    # --- Mail -------------------------------------------------------------------------
    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("complaint_management.mt_complaint_stage")
        return super()._track_subtype(init_values)

    def _creation_subtype(self):
        return self.env.ref("complaint_management.mt_complaint_new")

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to a team's alias opens a complaint (R01, channel email)."""
        values = dict(custom_values or {})
        values.setdefault(
            "subject", msg_dict.get("subject") or self.env._("No subject")
        )
        values.setdefault("channel", "email")
        values.setdefault("description", msg_dict.get("body"))
        if msg_dict.get("author_id"):
            values.setdefault("partner_id", msg_dict["author_id"])
        return super().message_new(msg_dict, custom_values=values)

    def _get_response_deadline_display(self):
        self.ensure_one()
        deadline = self.response_deadline or (self.date_received + timedelta(days=14))
        return fields.Date.to_date(deadline)

    # === Corrective actions, recurrence, related complaints (R16, R26, R43, R50) ===
    def _compute_corrective_action_count(self):
        for complaint in self:
            complaint.corrective_action_count = len(complaint.corrective_action_ids)

    @api.depends("investigation_ids.root_cause_id", "investigation_ids.date_start")
    def _compute_root_cause_id(self):
        for complaint in self:
            investigations = complaint.investigation_ids.filtered("root_cause_id")
            latest = investigations.sorted(
                lambda i: (i.date_start or fields.Date.today(), i.id), reverse=True
            )[:1]
            complaint.root_cause_id = latest.root_cause_id

    @api.depends("related_link_ids", "related_backlink_ids")
    def _compute_related_complaint_ids(self):
        for complaint in self:
            complaint.related_complaint_ids = (
                complaint.related_link_ids | complaint.related_backlink_ids
            ) - complaint

    def _inverse_related_complaint_ids(self):
        """R26: one row per pair in the relation, whichever side created it."""
        for complaint in self:
            wanted = complaint.related_complaint_ids - complaint
            forward = complaint.related_link_ids
            backward = complaint.related_backlink_ids
            complaint.related_link_ids = (forward & wanted) | (
                wanted - forward - backward
            )
            complaint.related_backlink_ids = backward & wanted

    def _search_related_complaint_ids(self, operator, value):
        negative = operator in ("not in", "!=", "not ilike", "not like") or (
            operator == "=" and not value
        )
        return [
            "&" if negative else "|",
            ("related_link_ids", operator, value),
            ("related_backlink_ids", operator, value),
        ]

    @api.constrains("corrective_action_ids")
    def _check_corrective_action_gate(self):
        """R16, R50: unlinking the corrective action of a closed complaint whose
        category requires one is refused like closing without it."""
        for complaint in self.filtered(lambda c: c.state == "closed"):
            missing = complaint._get_missing_corrective_action()
            if missing:
                raise ValidationError(
                    self.env._(
                        "Complaint %(ref)s is closed and needs %(missing)s.",
                        ref=complaint.name,
                        missing=missing[0],
                    )
                )

    def _get_missing_corrective_action(self):
        """R16, R50: where the category asks for it, a complaint whose outcome calls
        for a corrective action cannot close without one (not cancelled). The action
        itself may stay open after the complaint closes (R37)."""
        self.ensure_one()
        category = self.category_id
        if not category.requires_corrective_action:
            return []
        if self.outcome not in category._get_corrective_action_outcomes():
            return []
        # sudo: only the existence of a linked action matters here, whoever can read it
        if self.sudo().corrective_action_ids.filtered(lambda a: a.state != "cancelled"):
            return []
        return [
            self.env._(
                "a corrective action (category %(category)s requires one for this "
                "outcome)",
                category=category.display_name,
            )
        ]

    def _prepare_corrective_action_vals(self):
        self.ensure_one()
        return {
            "title": self.subject,
            "kind": "corrective",
            "source": "complaint",
            "company_id": self.company_id.id,
            "product_id": self.product_id.id,
            "category_id": self.category_id.id,
            "root_cause_id": self.root_cause_id.id,
            "complaint_ids": [(4, self.id)],
        }

    def action_create_corrective_action(self):
        """R16: one click creates a corrective action linked to this complaint, with
        its product, category and root cause."""
        self.ensure_one()
        action = self.env["complaint.corrective.action"].create(
            self._prepare_corrective_action_vals()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.corrective.action",
            "res_id": action.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_corrective_actions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Corrective Actions"),
            "res_model": "complaint.corrective.action",
            "view_mode": "list,kanban,form",
            "domain": [("complaint_ids", "in", self.ids)],
            "context": {"default_complaint_ids": [(6, 0, self.ids)]},
        }

    def action_open_merge_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge Complaints"),
            "res_model": "complaint.complaint.merge",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def _merge_duplicates(self, duplicates):
        """R26: ``duplicates`` are merged into this complaint: their messages and
        attachments move here, their corrective actions are linked here, and they
        are cancelled as duplicates with a note linking this one."""
        self.ensure_one()
        duplicates = duplicates - self
        if not duplicates:
            return
        self._merge_move_history(duplicates)
        self.write(
            {
                "corrective_action_ids": [
                    (4, action_id) for action_id in duplicates.corrective_action_ids.ids
                ],
                "related_link_ids": [
                    (4, dup_id)
                    for dup_id in (duplicates - self.related_complaint_ids).ids
                ],
            }
        )
        duplicates.write(
            {
                "close_reason": "duplicate",
                "merged_into_id": self.id,
                "stage_id": self._stage_for_state("cancelled").id,
            }
        )
        link = self._get_html_link()
        duplicates._message_log_batch(
            bodies={
                dup.id: Markup("<p>%s</p>")
                % self.env._("Merged into %(link)s as a duplicate.", link=link)
                for dup in duplicates
            }
        )
        self._message_log(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Merged here, with their history: %(refs)s.",
                refs=", ".join(duplicates.mapped("name")),
            )
        )

    def _merge_move_history(self, duplicates):
        """Move the chatter (messages with their tracking, activities, followers)
        and the attachments of ``duplicates`` to this complaint, in batch."""
        self.ensure_one()
        # sudo: the caller (merge wizard) checked write access on every complaint;
        # users may not write messages or attachments others authored.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", self._name), ("res_id", "in", duplicates.ids)])
        )
        messages.write({"res_id": self.id})
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", duplicates.ids)])
        )
        attachments.write({"res_id": self.id})
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", duplicates.ids)])
        )
        activities.write({"res_id": self.id})
        partners = duplicates.message_partner_ids - self.message_partner_ids
        if partners:
            self.sudo().message_subscribe(partner_ids=partners.ids)

    # === end of corrective actions methods ===

    # --- Helpers for the documents complaints hang off --------------------------------
    @api.model
    def _complaint_counts(self, field_name, records):
        """{record id: complaint count} in one grouped query."""
        if not records.ids:
            return {}
        return {
            record.id: count
            for record, count in self._read_group(
                [(field_name, "in", records.ids)], [field_name], ["__count"]
            )
        }

    @api.model
    def _action_for(self, domain, context):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_management.complaint_complaint_action"
        )
        action.update(domain=domain, context=context)
        return action

    @api.model
    def _action_log(self, context):
        """Open a new complaint form, prefilled from the document it is logged on."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Complaint"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": dict(context, default_channel="phone"),
        }

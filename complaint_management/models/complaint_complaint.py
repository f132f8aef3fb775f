# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""complaint.complaint: the record, its lifecycle and its board.

Concerns of more than a hundred lines live beside this file, as extensions of the
same model, each defining its own fields: ``_intake`` (receipt, acknowledgement,
assignment digests, e-mail gateway), ``_gate`` (what each state requires), ``_sla``
(deadlines, pause, extension), ``_cron`` (the scheduled jobs), ``_corrective``
(corrective actions), ``_related`` (related complaints, merge), ``_integrity``
(process fields, bounded input, links that agree) and ``_closing`` (decision sent,
response, level 2, referral, close, cancel, reopen).
"""

import uuid
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.sql import create_index

from ..const import (
    CHANNELS,
    CONTACT_METHODS,
    DONE_STATES,
    OPEN_STATES,
    OUTCOMES,
    PRIORITIES,
    PROCESS_FIELDS,
    SEVERITIES,
    SIGNIFICANT_SEVERITIES,
    STAMP_BY_STATE,
    STATE_RANK,
)


class ComplaintComplaint(models.Model):
    _name = "complaint.complaint"
    _description = "Complaint"
    _inherit = [
        "complaint.reference.mixin",
        "complaint.input.mixin",
        "complaint.notification.mixin",
        "complaint.batch.job.mixin",
        "portal.mixin",
        "complaint.chatter.mixin",  # before mail.thread: it guards the chatter
        "mail.thread.cc",
        "mail.thread",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
    ]
    _order = "priority desc, date_received desc, id desc"
    _track_duration_field = "stage_id"
    _check_company_auto = True
    _rec_names_search = ["name", "subject", "partner_id.name"]
    _reference_code = "complaint.complaint"
    _reference_prefix = "CMP/%(range_year)s/"
    _reference_padding = 5
    # complaint.input.mixin; the description and the decision reasons are bounded
    # by the company setting (_get_text_limits)
    _text_limits = {
        "subject": 250,
        "remedy_requested": 10000,
        "scope_reason": 10000,
        "immediate_action": 10000,
    }

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "A complaint reference must be unique per company.",
        ),
    ]

    # --- Identification and intake (R23, R24); ``name`` from the reference mixin ----
    subject = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # R10: archiving hides a complaint from the board and the counts; it is not a
    # user action (read-only: no Archive in the menus; the process guard refuses it)
    active = fields.Boolean(default=True, readonly=True)
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
    channel = fields.Selection(CHANNELS, required=True, default="phone", index=True)
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
        check_company=True,
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
    priority = fields.Selection(PRIORITIES, default="0", index=True, tracking=True)

    # --- Acknowledgement (R05, R29) ---------------------------------------------------
    date_acknowledged = fields.Datetime(string="Acknowledged On", copy=False)
    ack_method = fields.Selection(
        CONTACT_METHODS, string="Acknowledged By Means Of", copy=False
    )
    ack_user_id = fields.Many2one("res.users", string="Acknowledged By", copy=False)

    # --- Initial assessment (R30, R31, R20) -------------------------------------------
    severity = fields.Selection(SEVERITIES, index=True, tracking=True)
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
        # names of the persons complained about: managers only (complaint_audit adds
        # its auditors); the assigned investigator reads them on the investigation
        # (complaint.investigation.subject_names). Field groups hold for read, search,
        # read_group, export and the tracking values of the chatter alike.
        groups="complaint_management.group_complaint_manager",
        tracking=True,
        help="Staff the complaint is about. They can never handle, investigate or "
        "approve it (objectivity). Visible to the complaints managers and the "
        "assigned investigators only.",
    )
    has_subjects = fields.Boolean(
        string="Has Persons Complained About",
        compute="_compute_has_subjects",
        # superuser: says that there are persons complained about (the gate says
        # it too), never who
        compute_sudo=True,
    )
    subject_informed_at = fields.Datetime(
        string="Subject Informed On",
        help="When the persons complained about were told of the complaint and "
        "given the chance to respond.",
    )

    # --- Decision (R34) ---------------------------------------------------------------
    outcome = fields.Selection(OUTCOMES, index=True, tracking=True, copy=False)
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
        CONTACT_METHODS, string="Decision Sent By Means Of", copy=False
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
            ("not_resolved", "Not Resolved"),
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
    cancel_reason = fields.Text(
        copy=False,
        tracking=True,
        help="R11, R37: why the complaint was cancelled, as the complainant was told.",
    )
    # --- Level-1 milestones, kept when a level-2 review starts (R39, K4-K8) ---------
    first_level_date_decision = fields.Datetime(string="Level-1 Decided On", copy=False)
    first_level_date_communicated = fields.Datetime(
        string="Level-1 Decision Sent On", copy=False
    )
    first_level_communication_channel = fields.Selection(
        CONTACT_METHODS, string="Level-1 Decision Sent By Means Of", copy=False
    )
    first_level_outcome = fields.Selection(
        OUTCOMES, string="Level-1 Outcome", copy=False
    )
    first_level_date_response = fields.Datetime(
        string="Level-1 Response On", copy=False
    )
    date_appealed = fields.Datetime(
        string="Level-2 Review Started On",
        copy=False,
        help="When the complainant rejected the level-1 decision; the level-2 "
        "deadlines run from here.",
    )
    date_appeal_acknowledged = fields.Datetime(
        string="Level-2 Review Acknowledged On", copy=False
    )
    external_referral_ids = fields.One2many(
        "complaint.external.referral", "complaint_id", string="External Referrals"
    )

    # --- Defaults, computes -----------------------------------------------------------
    @api.model
    def _default_stage_id(self):
        return self.env["complaint.stage"]._get_first_for_state("new", unfolded=True)

    @api.depends("severity", "safety_flag")
    def _compute_is_significant(self):
        for complaint in self:
            complaint.is_significant = (
                complaint.safety_flag or complaint.severity in SIGNIFICANT_SEVERITIES
            )

    @api.depends("subject_user_ids")
    def _compute_has_subjects(self):
        for complaint in self:
            complaint.has_subjects = bool(complaint.subject_user_ids)

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

    # --- Board indexes ----------------------------------------------------------------
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
        # R10: the caller's values are looked at before this method adds its own
        # process values (stage, acknowledgement, token) below; context defaults of
        # process fields are ignored, whoever sends them.
        self._check_process_fields([set(vals) for vals in vals_list])
        self._check_input_values(vals_list)
        # the whole context is replaced: keys are dropped, not overridden
        clean_self = self.with_context(  # pylint: disable=context-overridden
            {
                key: value
                for key, value in self.env.context.items()
                if not (key.startswith("default_") and key[8:] in PROCESS_FIELDS)
            }
        )
        # the caller's dicts are left as they were (references, stages are added).
        # The portal token is drawn now: notifying the customer would otherwise
        # write it on the new complaint, one more write per complaint.
        vals_list = [{"access_token": str(uuid.uuid4()), **vals} for vals in vals_list]
        self._assign_default_team(vals_list)
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
        creator = clean_self.with_context(
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

    @api.model
    def _assign_default_team(self, vals_list):
        """The default team of each complaint's company, searched once per company."""
        default_company = self.env.company
        teams = {}
        for vals in vals_list:
            if vals.get("team_id"):
                continue
            company = (
                self.env["res.company"].browse(vals["company_id"])
                if vals.get("company_id")
                else default_company
            )
            if company not in teams:
                teams[company] = self.env["complaint.team"]._get_default_team(company)
            vals["team_id"] = teams[company].id

    @api.model
    def _assign_default_stage(self, vals_list):
        """The default stage, searched once for the batch instead of per record."""
        missing = [vals for vals in vals_list if not vals.get("stage_id")]
        if missing and "default_stage_id" not in self.env.context:
            stage_id = self._default_stage_id().id
            for vals in missing:
                vals["stage_id"] = stage_id

    def write(self, vals):
        self._check_process_fields([set(vals)])
        self._check_input_values([vals])
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

    # --- Process hook -----------------------------------------------------------------
    def _on_stage_change(self, previous_stage_by_id):
        """The one hook for stage moves: called once per ``write`` with the
        complaints whose stage changed, ``previous_stage_by_id`` mapping each id to
        its stage before the write.

        Extend it (plain ``_inherit`` override calling ``super()``) to react to stage
        moves, set-based: the SLA engine does (pause and resume,
        ``complaint_complaint_sla.py``), and other addons do, ``complaint_audit`` in
        the first place (one audit event per move). Do not monkey-patch ``write``
        for this."""
        now = fields.Datetime.now()
        user = self.env.user
        for state, field_name in STAMP_BY_STATE.items():
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
                reached._process_write(values)
        manual_ack = self.filtered(
            lambda c: not c.date_acknowledged and c.state not in ("new", "cancelled")
        )
        if manual_ack:
            manual_ack._record_manual_ack()
        cancelled_or_closed = self.filtered(lambda c: c.state in DONE_STATES)
        if cancelled_or_closed:
            cancelled_or_closed.filtered(lambda c: not c.date_closed)._process_write(
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
            again._process_write(
                {"complainant_response": False, "date_response": False}
            )

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

    # --- Lifecycle actions ------------------------------------------------------------
    def _stage_for_state(self, state):
        return self.env["complaint.stage"]._get_first_for_state(
            state, raise_if_not_found=True
        )

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

    def _get_response_deadline_display(self):
        self.ensure_one()
        deadline = self.response_deadline or (self.date_received + timedelta(days=14))
        return fields.Date.to_date(deadline)

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""complaint.complaint: the record, its lifecycle and its board.

Concerns of more than a hundred lines live beside this file, as extensions of the
same model, each defining its own fields: ``_intake`` (receipt, acknowledgement,
assignment digests, e-mail gateway), ``_gate`` (what each state requires), ``_sla``
(deadlines, pause, extension), ``_cron`` (the scheduled jobs), ``_corrective``
(corrective actions) and ``_related`` (related complaints, merge).
"""

import uuid
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
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
        help="Staff the complaint is about. They can never handle, investigate or "
        "approve it (objectivity).",
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

    # --- Links that agree ------------------------------------------------------------
    @api.constrains(
        "partner_id", "sale_order_id", "sale_line_id", "invoice_id", "product_id"
    )
    def _check_links(self):
        """The order line belongs to the order, the order and the invoice to the
        complainant's commercial partner, and the product is the line's."""
        # sudo: only the links between the documents are compared; a handler may
        # not read orders or invoices
        for complaint in self.sudo():
            line, order = complaint.sale_line_id, complaint.sale_order_id
            invoice, partner = complaint.invoice_id, complaint.commercial_partner_id
            problem = None
            if line and order and line.order_id != order:
                problem = ("sale_line_id", "sale_order_id")
            elif (
                order and partner and order.partner_id.commercial_partner_id != partner
            ):
                problem = ("sale_order_id", "partner_id")
            elif invoice and partner and invoice.commercial_partner_id != partner:
                problem = ("invoice_id", "partner_id")
            elif (
                line
                and complaint.product_id
                and line.product_id != complaint.product_id
            ):
                problem = ("product_id", "sale_line_id")
            if problem:
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(ref)s does not belong with its %(other)s.",
                        field=self._fields[problem[0]]._description_string(self.env),
                        other=self._fields[problem[1]]._description_string(self.env),
                        ref=complaint.name,
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

    @api.model
    def _check_process_fields(self, field_sets):
        """R10: the process fields (const.PROCESS_FIELDS) are set by the process
        only, through ``_process_write``; anyone else is refused before anything is
        written, whatever the context."""
        if self.env.su:
            return
        forbidden = set().union(*(PROCESS_FIELDS & names for names in field_sets))
        if forbidden:
            labels = sorted(
                self._fields[name]._description_string(self.env) for name in forbidden
            )
            raise UserError(
                self.env._(
                    "These fields are set by the complaints process, not by hand: "
                    "%(fields)s. Use the buttons and wizards of the complaint.",
                    fields=", ".join(labels),
                )
            )

    def _input_companies(self, vals):
        if vals.get("company_id"):
            return self.env["res.company"].browse(vals["company_id"])
        return self.company_id or self.env.company

    @api.model
    def _get_text_limits(self, vals):
        limits = super()._get_text_limits(vals)
        # sudo: a setting of the company, read for whoever sends the complaint
        size = min(
            self._input_companies(vals).sudo().mapped("complaint_description_max_chars")
        )
        limits.update(description=size, decision_reason=size)
        return limits

    @api.model
    def _check_input_values(self, vals_list):
        result = super()._check_input_values(vals_list)
        now = fields.Datetime.now()
        for vals in vals_list:
            if not vals.get("date_received"):
                continue
            received = fields.Datetime.to_datetime(vals["date_received"])
            label = self._fields["date_received"]._description_string(self.env)
            # a few minutes of clock difference between client and server
            if received > now + timedelta(minutes=5):
                raise ValidationError(
                    self.env._("%(field)s cannot be in the future.", field=label)
                )
            # sudo: see _get_text_limits
            years = max(
                self._input_companies(vals)
                .sudo()
                .mapped("complaint_received_max_age_years")
            )
            if received < now - relativedelta(years=years):
                raise ValidationError(
                    self.env._(
                        "%(field)s is more than %(years)s years ago: check the "
                        "date (the limit is a company setting).",
                        field=label,
                        years=years,
                    )
                )
        return result

    def _process_write(self, vals):
        """The one way the process (stage hook, actions, wizards, jobs) writes the
        process fields (const.PROCESS_FIELDS)."""
        # sudo: the public caller (action, wizard, job, stage move) checked access to
        # these complaints; sudo() keeps env.uid, so tracking and notes keep the real
        # user as author.
        return self.sudo().write(vals)

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

    def _reopen(self, stage, reason):
        """R38: move closed or cancelled complaints back to ``stage`` with a reason.
        Called by the reopen wizard only (a plain write cannot leave a done stage).
        The deadlines are planned again from the reopening; the previous closing
        date and the reason stay in the chatter."""
        now = fields.Datetime.now()
        previous_closed = {c.id: c.date_closed for c in self}
        # one write per distinct counter value, not per complaint
        by_count = defaultdict(list)
        for complaint in self:
            by_count[complaint.reopen_count].append(complaint.id)
        for count, ids in by_count.items():
            self.browse(ids)._process_write(
                {
                    "stage_id": stage.id,
                    "reopen_count": count + 1,
                    "date_reopened": now,
                    "date_closed": False,
                    "complainant_response": False,
                    "date_response": False,
                    "close_reason": False,
                    "cancel_reason": False,
                    **(
                        {"communication_channel": False}
                        if STATE_RANK[stage.state] < STATE_RANK["communicated"]
                        else {}
                    ),
                    # R38: the SLA clock starts again from the reopening
                    "sla_paused_hours": 0.0,
                    "sla_paused_since": False,
                    "sla_extended_until": False,
                    "sla_paused_hours_at_extension": 0.0,
                }
            )
        self._log_notes(
            lambda c: self.env._(
                "Reopened: %(reason)s (previously closed on %(date)s).",
                reason=reason,
                date=self._format_datetime_for(self.env, previous_closed[c.id]) or "-",
            )
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
            },
        }

    def _mark_communicated(self, channel):
        """R35: the decision was sent through ``channel``. Called by the mail
        composer once the decision letter was posted (server side); a client
        cannot reach it, nor move a complaint to communicated without it."""
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
            to_move._process_write(dict(values, stage_id=communicated.id))
        if self - to_move:
            (self - to_move)._process_write(values)

    def _communicate_decision_sent(self, messages):
        """The composer posted the decision letter ``messages`` on these complaints
        (mail_compose_message.py): the ones waiting in "Decision made" whose
        complainant has an e-mail address and is among the recipients are
        communicated by e-mail (R35)."""
        pending = self.filtered(lambda c: c.state == "decision" and c.partner_id.email)
        if not pending:
            return
        pending.check_access("write")
        if not self.env.user.has_group("complaint_management.group_complaint_user"):
            raise AccessError(
                self.env._("Only complaint handlers can send a decision.")
            )
        recipients = defaultdict(set)
        for message in messages:
            if message.model == self._name:
                recipients[message.res_id].update(message.partner_ids.ids)
        pending.filtered(
            lambda c: c.partner_id.id in recipients[c.id]
        )._mark_communicated("email")

    def _start_appeal(self, reviewer, reason):
        """R37, R39: the complainant rejected the level-1 decision. A different
        reviewer takes the complaint back to investigation; the level-1 milestones
        move to their own fields so that level 2 stamps its own, the deadlines run
        again from now (R38's engine), and the complainant is told (acknowledged)."""
        self.ensure_one()
        now = fields.Datetime.now()
        self._process_write(
            {
                "first_level_date_decision": self.date_decision,
                "first_level_date_communicated": self.date_communicated,
                "first_level_communication_channel": self.communication_channel,
                "first_level_outcome": self.outcome,
                "first_level_date_response": now,
                "complainant_response": "rejected",
                "date_response": now,
                "appeal_level": 2,
                "first_level_user_id": self.user_id.id,
                "user_id": reviewer.id,
                "date_appealed": now,
                "date_decision": False,
                "date_communicated": False,
                "communication_channel": False,
                "communicated_by_id": False,
                "sla_paused_hours": 0.0,
                "sla_paused_since": False,
                "sla_extended_until": False,
                "sla_paused_hours_at_extension": 0.0,
                "stage_id": self._stage_for_state("investigation").id,
            }
        )
        self.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._(
                    "Decision rejected; level-2 review by %(user)s.",
                    user=reviewer.name,
                ),
                reason or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        mailed = self._mail_complainants(
            "complaint_management.mail_template_complaint_appeal_ack",
            lambda c: self.env._(
                "Level-2 review acknowledged to %(email)s.", email=c.partner_id.email
            ),
        )
        if mailed:
            mailed._process_write({"date_appeal_acknowledged": now})
        else:
            self._log_notes(
                lambda c: self.env._(
                    "The complainant has no e-mail address: acknowledge the level-2 "
                    "review by phone or letter."
                )
            )

    def _set_response(self, response):
        """R37: the complainant's answer to the communicated decision."""
        self.check_access("write")
        not_sent = self.filtered(lambda c: c.state != "communicated")
        if not_sent:
            raise UserError(
                self.env._(
                    "The complainant answers a decision that was sent: %(refs)s "
                    "has no decision communicated.",
                    refs=", ".join(not_sent.mapped("name")),
                )
            )
        self._process_write(
            {"complainant_response": response, "date_response": fields.Datetime.now()}
        )

    def action_response_accepted(self):
        self._set_response("accepted")
        return True

    def action_response_no_reply(self):
        self._set_response("no_reply")
        return True

    def action_response_rejected_final(self):
        """R37, R40: the complainant rejects the level-2 decision: no internal level
        is left, the complainant is offered the external recourse."""
        not_level2 = self.filtered(lambda c: c.appeal_level < 2)
        if not_level2:
            raise UserError(
                self.env._(
                    "%(refs)s: a first-level decision that is rejected goes to a "
                    "level-2 review (Complainant Rejects).",
                    refs=", ".join(not_level2.mapped("name")),
                )
            )
        self._set_response("rejected")
        self._mail_complainants(
            "complaint_management.mail_template_complaint_external_recourse",
            lambda c: self.env._(
                "External recourse offered to %(email)s.", email=c.partner_id.email
            ),
        )
        return True

    def action_open_referral_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("External Referral"),
            "res_model": "complaint.external.referral",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _get_close_reason(self):
        """R37, R40: why the complaint closes, from the complainant's response. A
        rejection is only possible at level 2 (level 1 goes to the appeal): the
        complaint was referred externally, or it is not resolved."""
        self.ensure_one()
        if self.complainant_response == "accepted":
            return "resolved"
        if self.complainant_response == "no_reply":
            return "no_response"
        if self.complainant_response == "rejected":
            return "referred" if self.external_referral_ids else "not_resolved"
        return False

    def action_close(self):
        closed = self._stage_for_state("closed")
        by_reason = defaultdict(list)
        for complaint in self.filtered(lambda c: not c.close_reason):
            by_reason[complaint._get_close_reason()].append(complaint.id)
        for reason, ids in by_reason.items():
            if reason:
                batch = self.browse(ids)
                batch.check_access("write")
                batch._process_write({"close_reason": reason})
        self.write({"stage_id": closed.id})
        return True

    def action_cancel(self):
        """R11, R37: cancelling needs a reason and tells the complainant."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Complaint"),
            "res_model": "complaint.complaint.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def _cancel(self, reason):
        """Cancel with ``reason`` (the cancel wizard): the complainant is told by
        e-mail when we have an address; otherwise the chatter says to tell them by
        other means."""
        self._process_write(
            {
                "cancel_reason": reason,
                "stage_id": self._stage_for_state("cancelled").id,
            }
        )
        mailed = self._mail_complainants(
            "complaint_management.mail_template_complaint_cancelled",
            lambda c: self.env._(
                "Cancellation sent to %(email)s. Reason: %(reason)s",
                email=c.partner_id.email,
                reason=reason,
            ),
        )
        (self - mailed)._log_notes(
            lambda c: self.env._(
                "Cancelled: %(reason)s. The complainant has no e-mail address: tell "
                "them by phone or letter.",
                reason=reason,
            )
        )

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

    def _get_response_deadline_display(self):
        self.ensure_one()
        deadline = self.response_deadline or (self.date_received + timedelta(days=14))
        return fields.Date.to_date(deadline)

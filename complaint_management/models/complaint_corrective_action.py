# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from ..const import CORRECTIVE_ACTION_KINDS, CORRECTIVE_ACTION_SOURCES, PRIORITIES

# Days until the next effectiveness check when a check finds the action not effective.
DEFAULT_RECHECK_DAYS = 30
# What describes the problem an action addresses, for the recurrence test (K10c).
RECURRENCE_FIELDS = ("product_id", "category_id", "root_cause_id")


class ComplaintCorrectiveAction(models.Model):
    """Corrective, preventive and improvement actions (R16, R50; ISO 10002 8.2, 8.7).

    An action is linked to any number of complaints (the ``complaint_ids`` /
    ``corrective_action_ids`` pair shares one relation table), has a root cause, an
    owner, a due date and an effectiveness check; it cannot be done until the check is
    recorded as effective. After it is done, the effectiveness review job counts the
    complaints about the same product, category or root cause received since (K10c).
    """

    _name = "complaint.corrective.action"
    _description = "Corrective Action"
    _inherit = [
        "complaint.reference.mixin",
        "complaint.notification.mixin",
        "complaint.batch.job.mixin",
        "complaint.chatter.mixin",  # before mail.thread: it guards the chatter
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "priority desc, date_deadline, id desc"
    _check_company_auto = True
    _reference_code = "complaint.corrective.action"
    _reference_prefix = "CAPA/%(range_year)s/"
    _reference_padding = 4

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "A corrective action reference must be unique per company.",
        ),
    ]

    # --- Identification (``name`` from the reference mixin) ---------------------------
    title = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        CORRECTIVE_ACTION_KINDS,
        required=True,
        default="corrective",
        index=True,
        tracking=True,
    )
    # complaint_audit adds its sources (audit finding, management review)
    source = fields.Selection(
        CORRECTIVE_ACTION_SOURCES,
        required=True,
        default="complaint",
        index=True,
        tracking=True,
    )
    priority = fields.Selection(
        PRIORITIES,
        default="0",
        index=True,
        tracking=True,
    )
    color = fields.Integer()

    # --- What it is about (R43 taxonomies) --------------------------------------------
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_corrective_action_rel",
        "action_id",
        "complaint_id",
        string="Complaints",
        check_company=True,
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    root_cause_id = fields.Many2one(
        "complaint.root.cause", index=True, tracking=True, ondelete="restrict"
    )
    product_id = fields.Many2one(
        "product.product", index="btree_not_null", tracking=True, check_company=True
    )
    category_id = fields.Many2one(
        "complaint.category", index="btree_not_null", tracking=True, check_company=True
    )
    alert_id = fields.Many2one(
        "complaint.recurrence.alert",
        string="Recurrence Alert",
        index="btree_not_null",
        copy=False,
        check_company=True,
    )

    # --- Plan -------------------------------------------------------------------------
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    date_deadline = fields.Date(string="Due Date", index=True, tracking=True)
    description = fields.Html(
        string="Change", sanitize=True, help="What will be changed, and how."
    )
    stage_id = fields.Many2one(
        "complaint.corrective.action.stage",
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
    date_done = fields.Datetime(string="Done On", index=True, copy=False)

    # --- Effectiveness check (R50) ----------------------------------------------------
    effectiveness_criteria = fields.Text(
        help="What must be true for the action to count as effective."
    )
    effectiveness_date = fields.Date(
        string="Check Date",
        index=True,
        tracking=True,
        copy=False,
        help="When the owner checks whether the action worked. The owner gets an "
        "activity on that day.",
    )
    effectiveness_method = fields.Text(
        string="Check Method", help="How effectiveness is verified."
    )
    effectiveness_result = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not Effective")],
        tracking=True,
        copy=False,
    )
    effectiveness_notes = fields.Html(string="Check Notes", copy=False)
    effectiveness_attachment_ids = fields.Many2many(
        "ir.attachment",
        "complaint_corrective_action_attachment_rel",
        "action_id",
        "attachment_id",
        string="Evidence",
        copy=False,
    )
    effectiveness_user_id = fields.Many2one(
        "res.users", string="Checked By", copy=False, tracking=True
    )
    effectiveness_checked_on = fields.Date(string="Checked On", copy=False)
    effectiveness_reminded = fields.Boolean(
        copy=False,
        help="Technical: the owner already got the activity for the current check "
        "date. Reset when the check date changes.",
    )

    # --- Recurrence after closing (K10c) ----------------------------------------------
    recurrence_count = fields.Integer(
        copy=False,
        readonly=True,
        help="Complaints with the same product, category or root cause received "
        "since the action was done.",
    )
    recurrence_verdict = fields.Selection(
        [("none", "No Recurrence"), ("recurred", "Recurred")],
        copy=False,
        readonly=True,
        index=True,
        tracking=True,
    )
    recurrence_checked_on = fields.Datetime(copy=False, readonly=True)

    # --- Defaults and computes --------------------------------------------------------
    @api.model
    def _default_stage_id(self):
        return self.env["complaint.corrective.action.stage"]._get_first_for_state(
            "draft"
        )

    def _compute_complaint_count(self):
        for action in self:
            action.complaint_count = len(action.complaint_ids)

    # --- Constraints (gates) ----------------------------------------------------------
    @api.constrains("stage_id", "effectiveness_result", "user_id", "date_deadline")
    def _check_stage_gates(self):
        """R50: an action in progress has an owner and a due date; a done action has
        an effectiveness check recorded as effective, with evidence, and a corrective
        or preventive action names its root cause."""
        for action in self:
            if (
                action.state == "done"
                and action.effectiveness_result == "not_effective"
            ):
                raise ValidationError(
                    self.env._(
                        "Corrective action %(ref)s was found not effective: it cannot "
                        "be done. Plan a new check date (Not Effective) and check "
                        "again.",
                        ref=action.name,
                    )
                )
            missing = action._get_missing_for_state(action.state)
            if missing:
                raise ValidationError(
                    self.env._(
                        "Corrective action %(ref)s cannot be in stage %(stage)s yet. "
                        "Missing: %(missing)s.",
                        ref=action.name,
                        stage=action.stage_id.name,
                        missing="; ".join(missing),
                    )
                )

    def _get_missing_for_state(self, state):
        """Labels of what is missing for this action to stand in ``state`` (R50)."""
        self.ensure_one()
        if state not in ("open", "done"):
            return []

        def label(field_name):
            return self._fields[field_name]._description_string(self.env)

        missing = [label(f) for f in ("user_id", "date_deadline") if not self[f]]
        if state == "done":
            if self.kind in ("corrective", "preventive") and not self.root_cause_id:
                missing.append(label("root_cause_id"))
            if not self.effectiveness_result:
                missing.append(label("effectiveness_result"))
            notes = self.effectiveness_notes and self.effectiveness_notes.striptags()
            if not (notes and notes.strip()) and not self.effectiveness_attachment_ids:
                missing.append(
                    self.env._("evidence of the effectiveness check (notes or files)")
                )
        return missing

    # --- CRUD -------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions.filtered(lambda a: a.state == "done" and not a.date_done).write(
            {"date_done": fields.Datetime.now()}
        )
        return actions

    def write(self, vals):
        if "effectiveness_date" in vals and "effectiveness_reminded" not in vals:
            vals = dict(vals, effectiveness_reminded=False)
        result = super().write(vals)
        if "stage_id" in vals:
            self._on_stage_change()
        return result

    def _on_stage_change(self):
        """Stamp or clear the done date, set-based."""
        self.filtered(lambda a: a.state == "done" and not a.date_done).write(
            {"date_done": fields.Datetime.now()}
        )
        self.filtered(lambda a: a.state != "done" and a.date_done).write(
            {"date_done": False, "recurrence_verdict": False, "recurrence_count": 0}
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(action.state != "draft" for action in self):
            raise UserError(
                self.env._(
                    "Only draft corrective actions can be deleted. Cancel the action "
                    "instead: it stays in the register."
                )
            )

    # --- Actions ----------------------------------------------------------------------
    def _stage_for_state(self, state):
        return self.env["complaint.corrective.action.stage"]._get_first_for_state(
            state, raise_if_not_found=True
        )

    def action_start(self):
        self.write({"stage_id": self._stage_for_state("open").id})
        return True

    def action_effective(self):
        """Record the check as effective and finish the action (R50)."""
        self.write(
            {
                "effectiveness_result": "effective",
                "effectiveness_user_id": self.env.uid,
                "effectiveness_checked_on": fields.Date.context_today(self),
                "stage_id": self._stage_for_state("done").id,
            }
        )
        return True

    def action_not_effective(self, check_date=None):
        """R50: the check found the action not effective: it goes back in progress
        with a new check date (``check_date`` or in 30 days); the owner will get a
        new activity when it arrives."""
        today = fields.Date.context_today(self)
        check_date = check_date or today + timedelta(days=DEFAULT_RECHECK_DAYS)
        self.write(
            {
                "effectiveness_result": "not_effective",
                "effectiveness_user_id": self.env.uid,
                "effectiveness_checked_on": today,
                "effectiveness_date": check_date,
                "stage_id": self._stage_for_state("open").id,
            }
        )
        self._log_notes(
            lambda action: self.env._(
                "Not effective. Next effectiveness check on %(date)s.",
                date=format_date(self.env, check_date),
            )
        )
        return True

    def action_cancel(self):
        self.write({"stage_id": self._stage_for_state("cancelled").id})
        return True

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_management.complaint_complaint_action"
        )
        action.update(
            domain=[("id", "in", self.complaint_ids.ids)],
            context={"create": False},
        )
        return action

    # --- Scheduled effectiveness review (R50, K10c) -----------------------------------
    @api.model
    def _get_effectiveness_reminder_domain(self):
        return [
            ("state", "=", "open"),
            ("effectiveness_date", "<=", fields.Date.context_today(self)),
            ("effectiveness_reminded", "=", False),
        ]

    @api.model
    def _get_recurrence_review_domain(self):
        return [
            ("state", "=", "done"),
            ("date_done", "!=", False),
            "|",
            "|",
            ("product_id", "!=", False),
            ("category_id", "!=", False),
            ("root_cause_id", "!=", False),
        ]

    @api.model
    def _cron_review_effectiveness(self, batch_size=500):
        """Daily: owners of actions whose check date has come get one activity each
        (once per check date), then the recurrence test runs on done actions."""
        self._job_run_batches(
            self._get_effectiveness_reminder_domain(),
            lambda batch: batch._remind_effectiveness_check(),
            batch_size,
        )
        self._job_run_batches(
            self._get_recurrence_review_domain(),
            lambda batch: batch._review_recurrence(),
            batch_size,
        )

    def _remind_effectiveness_check(self):
        """One activity per action for its owner. The flag is written first: under
        REPEATABLE READ a concurrent run touching the same rows fails to serialize
        and rolls back, so an owner never gets the activity twice."""
        self.write({"effectiveness_reminded": True})
        self._schedule_activities(
            [
                action._prepare_activity(
                    action.user_id or action.create_uid,
                    lambda env: env._("Check effectiveness"),
                    lambda env, a=action: env._(
                        "%(ref)s: check whether the action worked (%(criteria)s) and "
                        "record the result with evidence.",
                        ref=a.name,
                        criteria=a.effectiveness_criteria or "-",
                    ),
                    date_deadline=action.effectiveness_date,
                )
                for action in self
            ]
        )

    def _review_recurrence(self):
        """K10c: count the complaints about the same problem received since each
        action was done (the complaints the action answers excluded), and record
        count and verdict. The problem is what the action names among product,
        category and root cause: a complaint recurs when it matches all of those the
        action sets. One query per combination of set fields (at most seven); the
        count per action is a correlated subquery, so PostgreSQL answers each from
        the indexes of the fields instead of joining the whole complaint table."""
        if not self:
            return
        self.flush_model()
        self.env["complaint.complaint"].flush_model(
            ["company_id", "date_received", "state", *RECURRENCE_FIELDS]
        )
        by_scope = defaultdict(list)
        for action in self:
            scope = tuple(f for f in RECURRENCE_FIELDS if action[f])
            if scope:
                by_scope[scope].append(action.id)
        counts = {}
        for scope, ids in by_scope.items():
            matches = SQL(" AND ").join(
                SQL("c.%s = a.%s", SQL.identifier(f), SQL.identifier(f)) for f in scope
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT a.id, (
                        SELECT COUNT(*)
                          FROM complaint_complaint c
                         WHERE c.company_id = a.company_id
                           AND c.date_received > a.date_done
                           AND c.state IS DISTINCT FROM 'cancelled'
                           AND %s
                           AND NOT EXISTS (
                                SELECT 1 FROM complaint_corrective_action_rel r
                                 WHERE r.action_id = a.id AND r.complaint_id = c.id)
                      )
                      FROM complaint_corrective_action a
                     WHERE a.id IN %s
                    """,
                    matches,
                    tuple(ids),
                )
            )
            counts.update(self.env.cr.fetchall())
        now = fields.Datetime.now()
        by_values = defaultdict(list)
        newly_recurred = self.browse()
        for action in self:
            count = counts.get(action.id, 0)
            verdict = "recurred" if count else "none"
            if verdict == "recurred" and action.recurrence_verdict != "recurred":
                newly_recurred |= action
            by_values[(count, verdict)].append(action.id)
        for (count, verdict), ids in by_values.items():
            self.browse(ids).write(
                {
                    "recurrence_count": count,
                    "recurrence_verdict": verdict,
                    "recurrence_checked_on": now,
                }
            )
        newly_recurred._log_notes(
            lambda action: self.env._(
                "The problem came back: %(count)s complaint(s) about the same "
                "product, category or root cause since this action was done.",
                count=action.recurrence_count,
            )
        )

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""States, selections and the table of what each state requires, defined once.

Business code reads these (and the stage flags), never stage names or xml ids. Labels
stay plain strings: Odoo translates selection labels from the .pot itself.
"""

# --- Complaint process (ISO 10002 clause 7), in process order -------------------------
COMPLAINT_STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("assessed", "Assessed"),
    ("investigation", "Under investigation"),
    ("decision", "Decision made"),
    ("communicated", "Decision communicated"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
STATE_RANK = {state: rank for rank, (state, _label) in enumerate(COMPLAINT_STATES)}
DONE_STATES = ("closed", "cancelled")
# The board's "Open" filter lists these (an IN, which the partial board indexes match).
OPEN_STATES = tuple(
    state for state, _label in COMPLAINT_STATES if state not in DONE_STATES
)
# States in which the complainant is still waiting for a decision (R28).
AWAITING_DECISION_STATES = ("acknowledged", "assessed", "investigation")
# States that come before the decision is communicated (the response deadline runs).
BEFORE_ANSWER_STATES = tuple(
    state for state, rank in STATE_RANK.items() if 0 < rank < STATE_RANK["communicated"]
)

# --- Corrective actions (R50) ---------------------------------------------------------
CORRECTIVE_ACTION_STATES = [
    ("draft", "Draft"),
    ("open", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
CORRECTIVE_ACTION_KINDS = [
    ("correction", "Correction"),
    ("corrective", "Corrective Action"),
    ("preventive", "Preventive Action"),
    ("improvement", "Improvement"),
]
# complaint_audit adds ("audit", …) and ("review", …) with selection_add.
CORRECTIVE_ACTION_SOURCES = [
    ("complaint", "Complaint"),
    ("recurrence", "Recurrence Alert"),
]

# --- Shared selections ----------------------------------------------------------------
SEVERITIES = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("critical", "Critical"),
]
SEVERITY_ORDER = [severity for severity, _label in SEVERITIES]
SIGNIFICANT_SEVERITIES = ("critical",)
DEEP_INVESTIGATION_SEVERITIES = ("high", "critical")
PRIORITIES = [("0", "Normal"), ("1", "Important"), ("2", "High"), ("3", "Urgent")]
CHANNELS = [
    ("web", "Web Form"),
    ("portal", "Customer Portal"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("in_person", "In Person"),
    ("other", "Other"),
]
# Channels whose complaints come from outside: acknowledged automatically (R05).
EXTERNAL_CHANNELS = ("web", "portal", "email")
# How a complaint received on a channel is acknowledged by hand (R05, R29).
ACK_METHOD_BY_CHANNEL = {"phone": "phone", "in_person": "in_person"}
DEFAULT_MANUAL_ACK_METHOD = "letter"
# Means of acknowledging a complaint or communicating a decision.
CONTACT_METHODS = [
    ("email", "Email"),
    ("portal", "Portal"),
    ("phone", "Phone"),
    ("letter", "Letter"),
    ("in_person", "In Person"),
]
OUTCOMES = [
    ("upheld", "Upheld"),
    ("partially_upheld", "Partially Upheld"),
    ("not_upheld", "Not Upheld"),
    ("withdrawn", "Withdrawn"),
    ("out_of_scope", "Out of Scope"),
]
# Outcomes for which no investigation is needed before the decision.
OUTCOMES_WITHOUT_INVESTIGATION = ("withdrawn", "out_of_scope")
SLA_STATUSES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("paused", "Paused"),
]

# --- Gates: what each state requires (R11, R13, R16, R30-R34, R37, R39, R50) ----------
# A complaint in a state needs everything of the states ranked at or below it (cancelled
# needs nothing). An entry is a field name (the field must be set) or a pair
# ``(rule, fields)``: ``_gate_<rule>()`` returns the labels of what is missing, and
# ``fields`` are the fields the rule reads. The gate constraint is triggered by every
# field the table names (GATE_FIELDS), so clearing any of them re-checks the gate.
STATE_REQUIREMENTS = {
    "assessed": (
        "severity",
        "category_id",
        "complexity",
        "impact",
        "user_id",
        ("scope_reason", ("in_scope", "scope_reason")),
        (
            "immediate_action",
            (
                "immediate_action_required",
                "immediate_action",
                "immediate_action_user_id",
                "immediate_action_date",
            ),
        ),
    ),
    "decision": (
        "outcome",
        ("decision_reason", ("decision_reason",)),
        ("investigation", ("outcome", "severity", "investigation_ids")),
        ("subject_informed", ("subject_user_ids", "subject_informed_at")),
        ("remedies_approved", ("remedy_ids",)),
    ),
    # R35: the decision was sent (the composer records how); a drag cannot do it
    "communicated": ("communication_channel",),
    "closed": (
        ("corrective_action", ("category_id", "outcome", "corrective_action_ids")),
        "complainant_response",
        ("appeal", ("complainant_response", "appeal_level")),
    ),
    # R11, R37: only the reason (the cancel wizard tells the complainant)
    "cancelled": ("cancel_reason",),
}
GATE_FIELDS = tuple(
    sorted(
        {"stage_id"}
        | {
            field_name
            for requirements in STATE_REQUIREMENTS.values()
            for entry in requirements
            for field_name in ((entry,) if isinstance(entry, str) else entry[1])
        }
    )
)
# The milestones of the process, in process order (ISO 10002 7.2-7.10).
MILESTONES = (
    "date_received",
    "date_acknowledged",
    "date_assessed",
    "date_investigation",
    "date_decision",
    "date_communicated",
    "date_response",
    "date_closed",
)
# The date each state stamps when a complaint first reaches it (cancelled stamps none).
STAMP_BY_STATE = {
    "assessed": "date_assessed",
    "investigation": "date_investigation",
    "decision": "date_decision",
    "communicated": "date_communicated",
    "closed": "date_closed",
}

# --- Process fields (ISO 10002 4.9, 4.12; R10) ----------------------------------------
# Set only by the process (stage hook, actions, wizards, jobs) through
# ``complaint.complaint._process_write``; ``write`` and ``create`` refuse them from
# anyone but the superuser, whatever the context. The form shows them read-only.
PROCESS_FIELDS = frozenset(
    {
        "state",
        # acknowledgement (R05, R29)
        "date_acknowledged",
        "ack_method",
        "ack_user_id",
        # milestones (STAMP_BY_STATE) and who communicated the decision (R35)
        "date_assessed",
        "date_investigation",
        "date_decision",
        "date_communicated",
        "communication_channel",
        "communicated_by_id",
        # response, closing, appeal, reopening (R37, R38, R39)
        "complainant_response",
        "date_response",
        "close_reason",
        "date_closed",
        "appeal_level",
        "first_level_user_id",
        "reopen_count",
        "date_reopened",
        # cancellation (R11, R37), archiving (R10), level-1 milestones kept at the
        # appeal and the level-2 review (R39, K4-K8)
        "cancel_reason",
        "active",
        "first_level_date_decision",
        "first_level_date_communicated",
        "first_level_communication_channel",
        "first_level_outcome",
        "first_level_date_response",
        "date_appealed",
        "date_appeal_acknowledged",
        # merge (R26) and the portal link
        "merged_into_id",
        "access_token",
        # SLA engine: policy, deadlines, status, pause, extension, escalation (K9)
        "sla_policy_id",
        "ack_deadline",
        "response_deadline",
        "close_deadline",
        "sla_deadline",
        "sla_at_risk_date",
        "sla_status",
        "sla_reminder_sent",
        "sla_paused_since",
        "sla_paused_hours",
        "sla_extended_until",
        "sla_paused_hours_at_extension",
        "sla_extension_reason",
        "extension_count",
        "escalation_level",
        "next_update_due",
        "last_update_sent",
    }
)

# --- Remedies (R34) -------------------------------------------------------------------
# Set by the remedy's actions only (approve, refuse, execute), never by hand.
REMEDY_PROCESS_FIELDS = frozenset(
    {"state", "approved_by_id", "date_approved", "move_id", "sale_order_id"}
)
# Executing a remedy creates a document: the user needs the group that issues it, or a
# manager's approval recorded on the remedy.
REMEDY_DOCUMENT_GROUPS = {
    "refund": "account.group_account_invoice",
    "credit_note": "account.group_account_invoice",
    "replacement": "sales_team.group_sale_salesman",
}

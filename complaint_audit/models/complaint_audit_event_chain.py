# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tamper evidence of the audit trail: sealing and verification.

After ``account.move``'s inalterability (``_calculate_hashes``,
``inalterable_hash``, the integrity report), adapted to a trail written by many
concurrent writers:

- events are inserted unsealed (no sequence, no hash), so writers never queue on a
  shared row (a per-company counter would be one);
- a seal step, under a PostgreSQL advisory lock per company, numbers the unsealed
  events of a company in id order after the last sealed one and hashes them: SHA-256
  over the previous event's hash and a canonical serialisation (sorted-keys JSON) of
  the event's non-personal columns, stored as ``v1$<hex>``. It runs from a frequent
  cron and before every verification, in batches, and is safe twice and on two
  servers (the lock serialises sealers, which re-read the chain head under it);
- the verification streams each company's chain in sequence order, in batches, and
  names the first broken link: a row changed (hash mismatch), deleted (sequence gap)
  or inserted (duplicate sequence or hash mismatch).

Sealing writes in SQL: the ORM write guard of the model stays absolute.
"""

import hashlib
import json
import logging
import threading

import psycopg2
from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, mute_logger

_logger = logging.getLogger(__name__)

HASH_VERSION = 1
# first key of pg_advisory_xact_lock(int, int); the second is the company id
ADVISORY_LOCK_NAMESPACE = 10002
SEAL_BATCH_SIZE = 10000
VERIFY_BATCH_SIZE = 10000
# What the hash covers. Personal data is left out (see PERSONAL_COLUMNS), so that
# anonymisation keeps the chain valid.
HASHED_COLUMNS = (
    "id",
    "sequence",
    "company_id",
    "complaint_id",
    "event_type",
    "field_name",
    "old_value",
    "new_value",
    "ref",
    "personal",
    "user_id",
    "date",
)
# Left out of the hash for events flagged ``personal``. The note, a free text, is
# never hashed.
PERSONAL_COLUMNS = ("old_value", "new_value")


def _canonical(row):
    """The serialisation the hash covers: sorted-keys JSON of ``row`` (a dict of
    HASHED_COLUMNS), without the personal columns of a personal event."""
    values = {
        column: row[column]
        for column in HASHED_COLUMNS
        if not (row["personal"] and column in PERSONAL_COLUMNS)
    }
    values["date"] = values["date"] and values["date"].isoformat()
    return json.dumps(
        values, sort_keys=True, ensure_ascii=True, indent=None, separators=(",", ":")
    )


def _compute_hash(row, previous_hash):
    """``v1$<sha256 of the previous digest + the canonical row>``; the previous
    digest is taken without its version prefix, as account does, so that a new
    version can continue an existing chain."""
    previous_digest = previous_hash.split("$", 1)[1] if previous_hash else ""
    digest = hashlib.sha256(
        (previous_digest + _canonical(row)).encode("utf-8")
    ).hexdigest()
    return f"v{HASH_VERSION}${digest}"


class ComplaintAuditEvent(models.Model):
    _inherit = "complaint.audit.event"

    # --- Seal -------------------------------------------------------------------------
    @api.model
    def _seal(
        self, company_ids=None, batch_size=SEAL_BATCH_SIZE, commit=False, wait=True
    ):
        """Number and hash every unsealed event, per company, in batches.

        Runs under ``pg_advisory_xact_lock(ADVISORY_LOCK_NAMESPACE, company_id)``:
        a second sealer (second server, second cron run) waits, then finds the
        events sealed, or, when its snapshot predates the other's commit, gets a
        serialization failure on the update and leaves the company to it. With
        ``wait=False`` (the cron) it skips a company another sealer holds. With
        ``commit`` (the cron), each batch is committed, which also releases the
        lock between batches. Returns the number of events sealed.
        """
        cr = self.env.cr
        table = SQL.identifier(self._table)
        if company_ids is None:
            cr.execute(
                SQL("SELECT DISTINCT company_id FROM %s WHERE sequence IS NULL", table)
            )
            company_ids = sorted(row[0] for row in cr.fetchall())
        columns = SQL(", ").join(SQL.identifier(c) for c in HASHED_COLUMNS)
        sealed = 0
        for company_id in company_ids:
            while True:
                lock = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
                cr.execute(
                    SQL(
                        "SELECT %s(%s, %s)",
                        SQL(lock),
                        ADVISORY_LOCK_NAMESPACE,
                        company_id,
                    )
                )
                if not wait and not cr.fetchone()[0]:
                    break  # another sealer has this company's chain
                cr.execute(
                    SQL(
                        "SELECT sequence, chain_hash FROM %s WHERE company_id = %s "
                        "AND sequence IS NOT NULL ORDER BY sequence DESC LIMIT 1",
                        table,
                        company_id,
                    )
                )
                last_sequence, last_hash = cr.fetchone() or (0, "")
                cr.execute(
                    SQL(
                        "SELECT %s FROM %s WHERE company_id = %s AND sequence IS NULL "
                        "ORDER BY id LIMIT %s",
                        columns,
                        table,
                        company_id,
                        batch_size,
                    )
                )
                rows = cr.dictfetchall()
                if not rows:
                    break
                updates = []
                for row in rows:
                    last_sequence += 1
                    row["sequence"] = last_sequence
                    last_hash = _compute_hash(row, last_hash)
                    updates.append(
                        SQL("(%s, %s, %s)", row["id"], last_sequence, last_hash)
                    )
                try:
                    # muted: a serialization failure here is expected, not a bad query
                    with mute_logger("odoo.sql_db"), cr.savepoint(flush=False):
                        cr.execute(
                            SQL(
                                "UPDATE %s AS e SET sequence = v.sequence, "
                                "chain_hash = v.hash FROM (VALUES %s) "
                                "AS v(id, sequence, hash) WHERE e.id = v.id "
                                # the batch is read in id order: a primary-key
                                # range keeps the join off a full scan of the trail
                                "AND e.id BETWEEN %s AND %s",
                                table,
                                SQL(", ").join(updates),
                                rows[0]["id"],
                                rows[-1]["id"],
                            )
                        )
                except psycopg2.errors.SerializationFailure:
                    # Our snapshot predates another sealer's commit (the lock is
                    # taken by the first statement of the transaction, under
                    # REPEATABLE READ): that sealer did the work.
                    _logger.info(
                        "Audit trail of company %s sealed by another worker.",
                        company_id,
                    )
                    break
                sealed += len(rows)
                if commit:
                    self.env["ir.cron"]._notify_progress(done=sealed, remaining=0)
                    # cron batch boundary: keep the sealed batch, release the lock
                    cr.commit()  # pylint: disable=unknown-option-value,invalid-commit
                if len(rows) < batch_size:
                    break
        if sealed:
            self.invalidate_model(["sequence", "chain_hash"])
        return sealed

    # --- Verify -----------------------------------------------------------------------
    @api.model
    def _verify_chain(self, company_ids=None, batch_size=VERIFY_BATCH_SIZE):
        """Check the chain of each company, streaming it in batches of
        ``batch_size`` (memory stays flat: keyset pagination on sequence).

        Returns ``{company_id: result}``, ``result`` a dict with ``count`` (events
        checked) and ``broken``: None, or a dict naming the first broken link:
        ``event_id``, ``sequence``, ``problem`` (``changed``, ``deleted``,
        ``inserted``, ``unsealed``), ``expected`` (what the event should hash to)
        and ``stored`` (what it holds).
        """
        cr = self.env.cr
        table = SQL.identifier(self._table)
        if company_ids is None:
            cr.execute(SQL("SELECT DISTINCT company_id FROM %s", table))
            company_ids = sorted(row[0] for row in cr.fetchall())
        columns = SQL(", ").join(SQL.identifier(c) for c in HASHED_COLUMNS)
        results = {}
        for company_id in company_ids:
            count = 0
            broken = None
            # a hash without a position (or the reverse) was never written by _seal
            cr.execute(
                SQL(
                    "SELECT id, chain_hash FROM %s WHERE company_id = %s AND "
                    "(sequence IS NULL) <> (chain_hash IS NULL) ORDER BY id LIMIT 1",
                    table,
                    company_id,
                )
            )
            half = cr.fetchone()
            if half:
                broken = {
                    "event_id": half[0],
                    "sequence": None,
                    "problem": "unsealed",
                    "expected": None,
                    "stored": half[1],
                }
            previous_hash = ""
            expected_sequence = 1
            last_key = (0, 0)
            while not broken:
                cr.execute(
                    SQL(
                        "SELECT %s, chain_hash FROM %s WHERE company_id = %s "
                        "AND sequence IS NOT NULL AND (sequence, id) > (%s, %s) "
                        "ORDER BY sequence, id LIMIT %s",
                        columns,
                        table,
                        company_id,
                        last_key[0],
                        last_key[1],
                        batch_size,
                    )
                )
                rows = cr.dictfetchall()
                for row in rows:
                    count += 1
                    expected = _compute_hash(row, previous_hash)
                    problem = None
                    if row["sequence"] < expected_sequence:
                        problem = "inserted"
                    elif row["sequence"] > expected_sequence:
                        problem = "deleted"
                    elif not row["chain_hash"].startswith(f"v{HASH_VERSION}$"):
                        problem = "changed"
                    elif row["chain_hash"] != expected:
                        problem = "changed"
                    if problem:
                        broken = {
                            "event_id": row["id"],
                            "sequence": row["sequence"],
                            "problem": problem,
                            "expected": expected,
                            "stored": row["chain_hash"],
                            "expected_sequence": expected_sequence,
                        }
                        break
                    previous_hash = row["chain_hash"]
                    expected_sequence += 1
                if len(rows) < batch_size:
                    break
                last_key = (rows[-1]["sequence"], rows[-1]["id"])
            results[company_id] = {"count": count, "broken": broken}
        return results

    @api.model
    def _describe_break(self, broken):
        """One translated sentence naming the broken link."""
        if broken["problem"] == "deleted":
            return self.env._(
                "Event #%(id)s holds position %(seq)s where %(expected_seq)s was "
                "expected: events were deleted before it.",
                id=broken["event_id"],
                seq=broken["sequence"],
                expected_seq=broken["expected_sequence"],
            )
        if broken["problem"] == "inserted":
            return self.env._(
                "Event #%(id)s repeats position %(seq)s: it was inserted into the "
                "chain.",
                id=broken["event_id"],
                seq=broken["sequence"],
            )
        if broken["problem"] == "unsealed":
            return self.env._(
                "Event #%(id)s holds a hash or a position without the other: it was "
                "not sealed by the trail.",
                id=broken["event_id"],
            )
        return self.env._(
            "Event #%(id)s (position %(seq)s) was changed or inserted: it should hash "
            "to %(expected)s but holds %(stored)s.",
            id=broken["event_id"],
            seq=broken["sequence"],
            expected=broken["expected"],
            stored=broken["stored"],
        )

    # --- Anonymisation ----------------------------------------------------------------
    def _erase_personal_data(self):
        """Blank the personal data of these events: every note, and the values of
        events flagged ``personal``. In SQL (the write guard refuses every write);
        none of it is hashed, so the chain stays valid. The caller (retention,
        erasure on request) has authorised the anonymisation and logs it."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET note = NULL, "
                "old_value = CASE WHEN personal THEN NULL ELSE old_value END, "
                "new_value = CASE WHEN personal THEN NULL ELSE new_value END "
                "WHERE id IN %s",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["note", "old_value", "new_value"])

    # --- Actions and jobs -------------------------------------------------------------
    @api.model
    def action_verify_trail(self):
        """Seal what is pending, verify the chains of the user's companies and tell
        the result (a notification; sticky when a chain is broken)."""
        user = self.env.user
        if not (
            user.has_group("complaint_management.group_complaint_manager")
            or user.has_group("complaint_audit.group_complaint_auditor")
        ):
            raise AccessError(
                self.env._(
                    "Only complaints managers and auditors can verify the audit trail."
                )
            )
        company_ids = self.env.companies.ids
        # sudo: the check above authorised this read-only verification; the chain
        # is read and sealed in SQL for all events of these companies, whatever the
        # record rules would show of them
        events = self.sudo()
        events._seal(company_ids)
        results = events._verify_chain(company_ids)
        companies = self.env["res.company"].browse(company_ids)
        lines = []
        broken_any = False
        for company in companies:
            result = results[company.id]
            if result["broken"]:
                broken_any = True
                lines.append(
                    self.env._(
                        "%(company)s: BROKEN. %(detail)s",
                        company=company.name,
                        detail=self._describe_break(result["broken"]),
                    )
                )
            else:
                lines.append(
                    self.env._(
                        "%(company)s: %(count)s events, chain intact.",
                        company=company.name,
                        count=result["count"],
                    )
                )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Audit trail broken")
                if broken_any
                else self.env._("Audit trail verified"),
                "message": "\n".join(lines),
                "type": "danger" if broken_any else "success",
                "sticky": broken_any,
            },
        }

    @api.model
    def _cron_seal(self):
        """Frequent job: seal the events written since the last run."""
        self._seal(commit=self._auto_commit(), wait=False)

    @api.model
    def _cron_verify_trail(self):
        """Scheduled check: seal, verify every company's chain and tell the
        complaints managers of a company whose chain is broken."""
        self._seal(commit=self._auto_commit())
        results = self._verify_chain()
        broken = {cid: r["broken"] for cid, r in results.items() if r["broken"]}
        for company_id, detail in broken.items():
            _logger.error(
                "Audit trail of company %s broken at event %s (%s)",
                company_id,
                detail["event_id"],
                detail["problem"],
            )
        if broken:
            self._notify_broken(broken)
        return results

    @api.model
    def _notify_broken(self, broken):
        """One message per company with a broken chain, to its complaints managers."""
        managers = self.env.ref(
            "complaint_management.group_complaint_manager"
        ).users.filtered(lambda u: u.active and not u.share)
        for company in self.env["res.company"].browse(list(broken)):
            recipients = managers.filtered(lambda u, c=company: c in u.company_ids)
            if not recipients:
                continue
            self.env["mail.thread"].message_notify(
                partner_ids=recipients.partner_id.ids,
                subject=self.env._(
                    "Complaints audit trail broken: %(company)s", company=company.name
                ),
                body=Markup("<p>%s</p>") % self._describe_break(broken[company.id]),
            )

    @api.model
    def _auto_commit(self):
        """Commit per batch in a real cron run, never inside tests."""
        return not getattr(threading.current_thread(), "testing", False)

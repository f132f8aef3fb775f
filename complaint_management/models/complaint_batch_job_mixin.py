# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import threading

import psycopg2

from odoo import api, models
from odoo.tools import SQL, mute_logger, split_every

_logger = logging.getLogger(__name__)


class ComplaintBatchJobMixin(models.AbstractModel):
    """How every scheduled job of the complaints process walks its records: search,
    then per batch claim the rows no other worker holds (SKIP LOCKED), re-check the
    domain under the lock, act, report progress (``ir.cron._notify_progress``) and
    commit. A job is safe to run twice and in parallel: a second server or a retry
    sees the work done and skips it; a failed run keeps the batches committed."""

    _name = "complaint.batch.job.mixin"
    _description = "Complaint Batch Job"

    @api.model
    def _job_auto_commit(self):
        """Commit per batch, except in tests (one transaction, rolled back)."""
        return not getattr(threading.current_thread(), "testing", False)

    def _job_claim(self, domain):
        """Lock the batch's rows that no other worker holds (SKIP LOCKED) and keep
        those that still match ``domain`` under the lock."""
        if not self:
            return self
        self.env.flush_all()
        try:
            # muted: a serialization failure here is expected, not a bad query
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE SKIP LOCKED",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    )
                )
                locked_ids = [row[0] for row in self.env.cr.fetchall()]
        except psycopg2.errors.SerializationFailure:
            _logger.info(
                "%s batch changed by another worker since this run started; left to "
                "that worker or the next run.",
                self._description,
            )
            return self.browse()
        claimed = self.browse(locked_ids)
        claimed.invalidate_recordset()
        return claimed.filtered_domain(domain)

    @api.model
    def _job_run_batches(self, domain, process, batch_size, skip_errors=()):
        """Run ``process(batch)`` over the records matching ``domain`` in batches:
        claim, re-check, act, report progress, commit. An error of ``skip_errors``
        raised by a batch rolls back that batch only (logged). Returns the number of
        records found."""
        records = self.search(domain, order="id")
        total = len(records)
        done = 0
        auto_commit = self._job_auto_commit()
        if auto_commit:
            # end the search's transaction: each batch locks on a fresh snapshot
            self.env.cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # cron, see above
        for batch in split_every(batch_size, records.ids, self.browse):
            claimed = batch._job_claim(domain)
            if claimed and skip_errors:
                try:
                    with self.env.cr.savepoint():
                        process(claimed)
                except skip_errors as error:
                    _logger.info(
                        "%s batch %s skipped: %s", self._description, claimed.ids, error
                    )
            elif claimed:
                process(claimed)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if auto_commit:
                # cron batch boundary: keep this batch's work if a later one fails
                self.env.cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # see above
        return total

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deterministic synthetic corpus: customers, products, confirmed sales orders, invoices
for a tenth of them, complaints in every stage/category/severity/channel over two years,
and (for the benchmarks) helpdesk tickets with their SLA lines (data/README.md).

Two paths:

* ``generate(env, size)``: the fast path. One record of each kind is created through the
  ORM (the *template*); then every row is written with PostgreSQL COPY into a staging
  table and inserted as a copy of the template row where only the varying columns are
  replaced (``copy.py``). Columns we do not set hold exactly what the ORM gave the
  template; the stored computed fields of the complaints (deadlines, SLA status,
  significance...) are then computed by the ORM itself (``complaints.py``).
* ``generate_orm(env, size)``: the same complaints through ``create`` in batches (for
  write benchmarks and to cross-check the fast path).

Everything derives from ``random.Random(seed)`` and a fixed anchor date, so the same
seed and anchor give the same corpus. One module per thing generated: ``reference.py``
(handlers, products, categories, teams, rules), ``partners.py``, ``sales.py``,
``complaints.py``, ``helpdesk.py``.
"""

import random
import time
from datetime import datetime

from . import complaints, helpdesk, partners, reference, sales
from .copy import analyze, clone_rows

TABLES = (
    "res_partner",
    "sale_order",
    "sale_order_line",
    "account_move",
    "account_move_line",
    "complaint_complaint",
    "complaint_investigation",
    "helpdesk_ticket",
    "helpdesk_ticket_sla",
)


class Corpus:
    """State only: the seeded random source, the anchor date, the sizes and the ids of
    the records the rows point at (filled by the generating modules)."""

    def __init__(self, env, size, seed=10002, anchor=None, log=print):
        self.env = env
        self.cr = env.cr
        self.size = int(size)
        self.seed = seed
        self.rng = random.Random(seed)
        self.anchor = anchor or datetime.utcnow().replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        self.log = log
        self.company = env.company
        self.timings = {}
        # ids, filled by the modules that write them
        self.user_ids, self.products = [], []  # products: (id, tmpl id, name, price)
        self.category_ids, self.team_ids, self.stage_by_state = [], [], {}
        self.partner_range, self.partner_names = (0, 0), {}
        self.order_lines, self.order_partner, self.order_invoice = {}, {}, {}
        self.first_invoice_id = None

    # sizes derived from the number of complaints
    @property
    def n_partners(self):
        return max(200, self.size // 4)

    @property
    def n_orders(self):
        return max(100, self.size // 2)

    def clone(self, table, template_id, columns, rows):
        """clone_rows after flushing the ORM, so the template rows in the database are
        complete (confirmations, postings and recomputations done)."""
        self.env.flush_all()
        return clone_rows(self.cr, table, template_id, columns, rows)

    def _timed(self, label, func, *args):
        start = time.perf_counter()
        result = func(*args)
        self.timings[label] = round(time.perf_counter() - start, 2)
        self.log(f"  {label}: {result} in {self.timings[label]} s")
        return result


def _quiet(env):
    return env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            no_reset_password=True,
        )
    )


def generate(
    env,
    size,
    seed=10002,
    anchor=None,
    with_complaints=True,
    with_tickets=True,
    log=print,
):
    """Fast path: write the whole corpus for ``size`` complaints with COPY. Commits
    nothing: the caller commits."""
    env = _quiet(env)
    corpus = Corpus(env, size, seed=seed, anchor=anchor, log=log)
    corpus._timed("reference data", reference.users_and_products, corpus)
    corpus._timed("customers", partners.partners, corpus)
    corpus._timed("sales orders and invoices", sales.sale_orders, corpus)
    if with_complaints and "complaint.complaint" in env:
        corpus._timed("complaints", complaints.complaints, corpus)
    if with_tickets:
        corpus._timed("helpdesk tickets", helpdesk.tickets, corpus)
    env.invalidate_all()
    env.registry.clear_cache()
    corpus._timed("analyze", lambda: analyze(env.cr, TABLES) or "done")
    return corpus


def generate_orm(env, size, seed=10002, anchor=None, batch=500, log=print):
    """ORM path: reference data with COPY, then ``size`` complaints through ``create``
    (stage left to the model: new, or acknowledged for external channels)."""
    corpus = Corpus(env, size, seed=seed, anchor=anchor, log=log)
    corpus._timed("reference data", reference.users_and_products, corpus)
    corpus._timed("customers", partners.partners, corpus)
    corpus._timed("sales orders and invoices", sales.sale_orders, corpus)
    reference.complaint_reference(corpus)
    Complaint = env["complaint.complaint"]

    def run():
        buffer, total = [], 0
        for vals in complaints.create_values(corpus, size):
            buffer.append(vals)
            if len(buffer) >= batch:
                Complaint.create(buffer)
                total += len(buffer)
                buffer = []
        if buffer:
            Complaint.create(buffer)
            total += len(buffer)
        return total

    corpus._timed("complaints (ORM)", run)
    return corpus


def attach(env, size, seed=10002, orders=2000):
    """A Corpus over a database that already holds one (bench intake): the reference
    records, the generated customers and the lines of the last ``orders`` sales orders,
    so that ``complaints.complaint_rows`` draws new complaints from them."""
    corpus = Corpus(env, size, seed=seed)
    reference.users_and_products(corpus)
    cr = env.cr
    cr.execute(
        "SELECT MIN(id), MAX(id) + 1 FROM res_partner "
        "WHERE email LIKE 'customer%%@example.com'"
    )
    corpus.partner_range = tuple(cr.fetchone())
    cr.execute(
        "SELECT order_id, id, product_id FROM sale_order_line WHERE order_id IN "
        "(SELECT id FROM sale_order ORDER BY id DESC LIMIT %s)",
        [orders],
    )
    pidx = {p[0]: i for i, p in enumerate(corpus.products)}
    for order_id, line_id, product_id in cr.fetchall():
        if product_id in pidx:
            corpus.order_lines.setdefault(order_id, []).append(
                (line_id, pidx[product_id])
            )
    cr.execute(
        "SELECT id, partner_id FROM sale_order WHERE id IN %s",
        [tuple(corpus.order_lines)],
    )
    corpus.order_partner = dict(cr.fetchall())
    reference.complaint_reference(corpus)
    return corpus

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL, messages and table layouts read better unwrapped)
"""Deterministic synthetic corpus: customers, products, confirmed sales orders, invoices
for a tenth of them, complaints in every stage/category/severity/channel over two years,
and (for the benchmarks) helpdesk tickets with their SLA lines.

Two paths:

* ``generate(env, size)``: the fast path. One record of each kind is created through the
  ORM (the *template*); then every row is written with PostgreSQL COPY into a staging
  table and inserted as a copy of the template row where only the varying columns are
  replaced. Columns we do not set (new fields other people add, company defaults,
  computed flags) therefore hold exactly what the ORM gave the template, and the varying
  ones are computed here the way the ORM would (stored related fields, amounts, state of
  the stage, sequences bumped past the generated references).
* ``generate_orm(env, size)``: the same complaints through ``create`` in batches (for write
  benchmarks and to cross-check the fast path).

Everything derives from ``random.Random(seed)`` and a fixed anchor date, so the same seed
and anchor give the same corpus.
"""

import io
import json
import logging
import random
import time
from datetime import datetime, timedelta

import texts as T

_logger = logging.getLogger("complaints_corpus")

STATE_WEIGHTS_OPEN = [
    ("new", 12),
    ("acknowledged", 18),
    ("assessed", 18),
    ("investigation", 22),
    ("decision", 12),
    ("communicated", 18),
]
CHANNELS = [
    ("web", 25),
    ("portal", 20),
    ("email", 25),
    ("phone", 20),
    ("in_person", 6),
    ("other", 4),
]
SEVERITIES = [("low", 35), ("medium", 40), ("high", 20), ("critical", 5)]
PRIORITIES = [("0", 70), ("1", 18), ("2", 9), ("3", 3)]
OUTCOMES = [
    ("upheld", 40),
    ("partially_upheld", 25),
    ("not_upheld", 30),
    ("withdrawn", 5),
]
RESPONSES = [("accepted", 75), ("no_reply", 25)]


def _weighted(rng, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


# --- COPY plumbing ---------------------------------------------------------------------
def _copy_text(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


class _RowStream(io.TextIOBase):
    """File-like object feeding COPY from a generator of tuples, without building the
    whole payload in memory."""

    def __init__(self, rows):
        self._rows = iter(rows)
        self._buffer = ""
        self.count = 0

    def readable(self):
        return True

    def read(self, size=-1):
        chunks, length = [self._buffer], len(self._buffer)
        while size < 0 or length < size:
            try:
                row = next(self._rows)
            except StopIteration:
                break
            line = "\t".join(_copy_text(v) for v in row) + "\n"
            chunks.append(line)
            length += len(line)
            self.count += 1
        data = "".join(chunks)
        if size < 0:
            self._buffer = ""
            return data
        self._buffer = data[size:]
        return data[:size]

    readline = read


def table_columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [r[0] for r in cr.fetchall()]


def next_id(cr, table):
    cr.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"')
    return cr.fetchone()[0]


def clone_rows(cr, table, template_id, columns, rows):
    """Insert one row per tuple of ``rows``: values of ``columns`` from the tuple, every
    other column copied from the row ``template_id``. ``columns`` must hold ``id``.
    Columns missing from the table are dropped (the model may not have them yet).
    Returns the number of rows."""
    existing = table_columns(cr, table)
    keep = [i for i, c in enumerate(columns) if c in existing]
    cols = [columns[i] for i in keep]
    if len(keep) != len(columns):
        rows = (tuple(row[i] for i in keep) for row in rows)
    col_sql = ", ".join(f'"{c}"' for c in cols)
    cr.execute("DROP TABLE IF EXISTS _corpus_stage")
    cr.execute(
        f'CREATE TEMP TABLE _corpus_stage AS SELECT {col_sql} FROM "{table}" LIMIT 0'
    )
    stream = _RowStream(rows)
    cr.copy_expert(f"COPY _corpus_stage ({col_sql}) FROM STDIN", stream, size=1 << 20)
    select = ", ".join(f's."{c}"' if c in cols else f't."{c}"' for c in existing)
    all_cols = ", ".join(f'"{c}"' for c in existing)
    cr.execute(
        f'INSERT INTO "{table}" ({all_cols}) SELECT {select} '
        f'FROM _corpus_stage s CROSS JOIN (SELECT * FROM "{table}" WHERE id = %s) t',
        [template_id],
    )
    inserted = cr.rowcount
    cr.execute("DROP TABLE _corpus_stage")
    cr.execute(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
        f'(SELECT MAX(id) FROM "{table}"))'
    )
    return inserted


def reserve_sequence(env, seq, count):
    """Take the next ``count`` references of ``seq`` at once: returns (format function,
    first number) and moves the sequence (or its current date range) past them."""
    if not seq:
        return (lambda n: f"B{n:07d}"), 1
    first = seq.next_by_id()
    digits = len(first) - len(first.rstrip("0123456789"))
    head = first[: len(first) - digits] if digits else first
    number = int(first[len(head) :]) if digits else 1
    pad = max(seq.padding, digits)
    target = seq
    if seq.use_date_range:
        today = fields_today(env)
        target = (
            seq.date_range_ids.filtered(lambda r: r.date_from <= today <= r.date_to)[:1]
            or seq
        )
    target.sudo().write({"number_next": number + count + 1})
    return (lambda n: f"{head}{n:0{pad}d}"), number + 1


def fields_today(env):
    from odoo import fields

    return fields.Date.context_today(env.user)


def _analyze(cr, tables):
    for table in tables:
        cr.execute(f'ANALYZE "{table}"')


# --- Reference data through the ORM ----------------------------------------------------
class Corpus:
    """Holds the seeded random source, the anchor date and the ids of the reference
    records the rows point at."""

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

    # -- reference records -----------------------------------------------------------
    def reference_data(self):
        env = self.env
        rng = random.Random(self.seed + 1)
        users = env["res.users"].search([("login", "=like", "bench_handler_%")])
        if not users:
            groups = [env.ref("base.group_user").id]
            group = env.ref("complaint_management.group_complaint_user", False)
            if group:
                groups.append(group.id)
            users = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {
                            "name": f"{rng.choice(T.FIRST_NAMES_EN)} "
                            f"{rng.choice(T.LAST_NAMES_EN)} (handler {i})",
                            "login": f"bench_handler_{i:02d}",
                            "groups_id": [(6, 0, groups)],
                        }
                        for i in range(12)
                    ]
                )
            )
        self.user_ids = users.ids
        Product = env["product.product"]
        products = Product.search([("default_code", "=like", "BENCH-%")], order="id")
        if not products:
            vals = []
            for i in range(200):
                noun = T.PRODUCT_NOUNS[i % len(T.PRODUCT_NOUNS)]
                adjective = T.PRODUCT_ADJECTIVES[(i // len(T.PRODUCT_NOUNS)) % 10]
                vals.append(
                    {
                        "name": f"{adjective} {noun}",
                        "default_code": f"BENCH-{i:04d}",
                        "list_price": round(rng.uniform(9, 900), 2),
                        "type": "consu",
                        "taxes_id": [(6, 0, [])],
                        "invoice_policy": "order",
                    }
                )
            products = Product.create(vals)
        self.products = [
            (p.id, p.product_tmpl_id.id, p.display_name, p.list_price) for p in products
        ]
        return len(self.user_ids), len(self.products)

    def complaint_reference_data(self):
        env = self.env
        Category = env["complaint.category"]
        categories = Category.search([("name", "in", [c[0] for c in T.CATEGORIES])])
        if not categories:
            categories = Category.create([{"name": en} for en, _fa in T.CATEGORIES])
        self.category_ids = categories.ids
        Team = env["complaint.team"]
        teams = Team.search(
            [("company_id", "=", self.company.id)], order="sequence, id"
        )
        if len(teams) < 3:
            teams |= Team.create(
                [
                    {"name": name, "member_ids": [(6, 0, self.user_ids)]}
                    for name in ("Returns desk", "Billing complaints")
                ]
            )
        self.team_ids = teams.ids
        if "complaint.recurrence.rule" in env:
            Rule = env["complaint.recurrence.rule"]
            if not Rule.search_count([("name", "=like", "Bench: %")]):
                Rule.create(
                    [
                        {
                            "name": "Bench: same product, 30 days",
                            "dimension": "product",
                            "threshold": 8,
                            "window_days": 30,
                        },
                        {
                            "name": "Bench: same category, 7 days, high+",
                            "dimension": "category",
                            "threshold": 10,
                            "window_days": 7,
                            "severity_floor": "high",
                        },
                        {
                            "name": "Bench: same customer, 90 days",
                            "dimension": "customer",
                            "threshold": 3,
                            "window_days": 90,
                        },
                        {
                            "name": "Bench: same root cause, 30 days",
                            "dimension": "root_cause",
                            "threshold": 10,
                            "window_days": 30,
                        },
                    ]
                )
        stages = env["complaint.stage"].search([], order="sequence, id")
        self.stage_by_state = {}
        for stage in stages:
            self.stage_by_state.setdefault(stage.state, []).append(stage.id)
        missing = [s for s, _w in STATE_WEIGHTS_OPEN if s not in self.stage_by_state]
        if missing:
            raise RuntimeError(f"no complaint stage for states {missing}")

    # -- customers -------------------------------------------------------------------
    def partners(self):
        env, rng = self.env, random.Random(self.seed + 2)
        template = env["res.partner"].create(
            {"name": "Bench Template Customer", "customer_rank": 1, "is_company": False}
        )
        start = next_id(self.cr, "res_partner")
        n = self.n_partners

        def rows():
            for i in range(n):
                persian = rng.random() < 0.35
                if persian:
                    name = (
                        f"{rng.choice(T.FIRST_NAMES_FA)} {rng.choice(T.LAST_NAMES_FA)}"
                    )
                    city = rng.choice(T.CITIES_FA)
                else:
                    name = (
                        f"{rng.choice(T.FIRST_NAMES_EN)} {rng.choice(T.LAST_NAMES_EN)}"
                    )
                    city = rng.choice(T.CITIES_EN)
                pid = start + i
                self.partner_names[pid] = name
                created = self.anchor - timedelta(days=800 - i * 700 // n)
                email, phone = (
                    f"customer{pid}@example.com",
                    f"+44 20 7{pid % 1000000:06d}",
                )
                yield (
                    pid,
                    name,
                    name,
                    pid,
                    email,
                    email,
                    phone,
                    phone,
                    city,
                    created,
                    created,
                )

        self.partner_names = {}
        cols = [
            "id",
            "name",
            "complete_name",
            "commercial_partner_id",
            "email",
            "email_normalized",
            "phone",
            "phone_sanitized",
            "city",
            "create_date",
            "write_date",
        ]
        count = self.clone("res_partner", template.id, cols, rows())
        self.partner_range = (start, start + n)
        return count

    # -- sales orders ----------------------------------------------------------------
    def sale_orders(self):
        env, cr, rng = self.env, self.cr, random.Random(self.seed + 3)
        pid, tmpl_pid, pname, price = self.products[0]
        partner = env["res.partner"].browse(self.partner_range[0])
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": pid,
                            "product_uom_qty": 1,
                            "tax_id": [(6, 0, [])],
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        inv_order = order.copy()
        inv_order.action_confirm()
        invoice = inv_order._create_invoices()
        invoice.action_post()
        template_line = order.order_line[:1]
        inv_product_line = invoice.invoice_line_ids[:1]
        inv_term_line = invoice.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )[:1]
        n = self.n_orders
        so_start = next_id(cr, "sale_order")
        line_start = next_id(cr, "sale_order_line")
        move_start = next_id(cr, "account_move")
        self.first_invoice_id = move_start
        aml_start = next_id(cr, "account_move_line")
        p0, p1 = self.partner_range
        orders, lines, moves, mlines, rels = [], [], [], [], []
        lid, mid, amlid = line_start, move_start, aml_start
        self.order_lines = {}  # order id -> [(line id, product idx)]
        self.order_partner = {}
        self.order_invoice = {}
        for i in range(n):
            so_id = so_start + i
            partner_id = rng.randrange(p0, p1)
            date = self.anchor - timedelta(
                days=730 * (n - i) / n, minutes=rng.randrange(1440)
            )
            invoiced = i % 10 == 0
            total = 0.0
            my_lines = []
            salesman = rng.choice(self.user_ids)
            for seq in range(rng.choice((1, 1, 2, 3))):
                pidx = rng.randrange(len(self.products))
                p_id, _t, p_name, p_price = self.products[pidx]
                qty = rng.choice((1, 1, 1, 2, 3))
                subtotal = round(qty * p_price, 2)
                total += subtotal
                lines.append(
                    (
                        lid,
                        so_id,
                        p_id,
                        p_name,
                        seq + 10,
                        qty,
                        p_price,
                        subtotal,
                        subtotal,
                        0.0,
                        p_price,
                        p_price,
                        qty if invoiced else 0.0,
                        0.0 if invoiced else qty,
                        "invoiced" if invoiced else "to invoice",
                        partner_id,
                        0.0 if invoiced else subtotal,
                        subtotal if invoiced else 0.0,
                        date,
                        date,
                        salesman,
                    )
                )
                my_lines.append((lid, pidx, qty, p_price, subtotal, p_name, p_id))
                lid += 1
            self.order_lines[so_id] = [(line[0], line[1]) for line in my_lines]
            self.order_partner[so_id] = partner_id
            name = f"SB{so_id:07d}"
            orders.append(
                (
                    so_id,
                    name,
                    partner_id,
                    partner_id,
                    partner_id,
                    date,
                    date,
                    date,
                    round(total, 2),
                    0.0,
                    round(total, 2),
                    "invoiced" if invoiced else "to invoice",
                    date,
                    date,
                    salesman,
                )
            )
            if invoiced:
                inv_date = date + timedelta(days=1)
                # contiguous numbers from 1: no sequence gap for the ORM to flag
                inv_number = mid - move_start + 1
                inv_name = f"INVB/{inv_number:08d}"
                self.order_invoice[so_id] = mid
                moves.append(
                    (
                        mid,
                        inv_name,
                        partner_id,
                        partner_id,
                        partner_id,
                        inv_date.date(),
                        inv_date.date(),
                        (inv_date + timedelta(days=30)).date(),
                        total,
                        total,
                        total,
                        total,
                        total,
                        total,
                        total,
                        total,
                        "INVB/",
                        inv_number,
                        name,
                        inv_name,
                        None,
                        inv_date,
                        inv_date,
                        self.partner_names[partner_id],
                    )
                )
                for sol_id, _pidx, qty, p_price, subtotal, p_name, p_id in my_lines:
                    mlines.append(
                        (
                            "product",
                            (
                                amlid,
                                mid,
                                inv_name,
                                partner_id,
                                inv_date.date(),
                                p_id,
                                p_name,
                                qty,
                                p_price,
                                subtotal,
                                subtotal,
                                -subtotal,
                                0.0,
                                subtotal,
                                -subtotal,
                                0.0,
                                0.0,
                                None,
                                inv_date,
                                inv_date,
                                inv_date.date(),
                            ),
                        )
                    )
                    rels.append((sol_id, amlid))
                    amlid += 1
                mlines.append(
                    (
                        "term",
                        (
                            amlid,
                            mid,
                            inv_name,
                            partner_id,
                            inv_date.date(),
                            None,
                            inv_name,
                            0.0,
                            0.0,
                            0.0,
                            0.0,
                            total,
                            total,
                            0.0,
                            total,
                            total,
                            total,
                            (inv_date + timedelta(days=30)).date(),
                            inv_date,
                            inv_date,
                            inv_date.date(),
                        ),
                    )
                )
                amlid += 1
                mid += 1
        so_cols = [
            "id",
            "name",
            "partner_id",
            "partner_invoice_id",
            "partner_shipping_id",
            "date_order",
            "create_date",
            "write_date",
            "amount_untaxed",
            "amount_tax",
            "amount_total",
            "invoice_status",
            "validity_date",
            "commitment_date",
            "user_id",
        ]
        # validity/commitment: set from the date so that nothing looks expired by chance
        orders = [o[:12] + (o[12].date(), None) + o[14:] for o in orders]
        self.clone("sale_order", order.id, so_cols, orders)
        line_cols = [
            "id",
            "order_id",
            "product_id",
            "name",
            "sequence",
            "product_uom_qty",
            "price_unit",
            "price_subtotal",
            "price_total",
            "price_tax",
            "price_reduce_taxexcl",
            "price_reduce_taxinc",
            "qty_invoiced",
            "qty_to_invoice",
            "invoice_status",
            "order_partner_id",
            "untaxed_amount_to_invoice",
            "untaxed_amount_invoiced",
            "create_date",
            "write_date",
            "salesman_id",
        ]
        # technical_price_unit (18.0) follows price_unit when present
        if "technical_price_unit" in table_columns(cr, "sale_order_line"):
            line_cols.append("technical_price_unit")
            lines = [line + (line[6],) for line in lines]
        self.clone("sale_order_line", template_line.id, line_cols, lines)
        move_cols = [
            "id",
            "name",
            "partner_id",
            "commercial_partner_id",
            "partner_shipping_id",
            "invoice_date",
            "date",
            "invoice_date_due",
            "amount_untaxed",
            "amount_total",
            "amount_residual",
            "amount_untaxed_signed",
            "amount_total_signed",
            "amount_residual_signed",
            "amount_total_in_currency_signed",
            "amount_untaxed_in_currency_signed",
            "sequence_prefix",
            "sequence_number",
            "invoice_origin",
            "payment_reference",
            "access_token",
            "create_date",
            "write_date",
            "invoice_partner_display_name",
        ]
        self.clone("account_move", invoice.id, move_cols, moves)
        aml_cols = [
            "id",
            "move_id",
            "move_name",
            "partner_id",
            "date",
            "product_id",
            "name",
            "quantity",
            "price_unit",
            "price_subtotal",
            "price_total",
            "balance",
            "debit",
            "credit",
            "amount_currency",
            "amount_residual",
            "amount_residual_currency",
            "date_maturity",
            "create_date",
            "write_date",
            "invoice_date",
        ]
        self.clone(
            "account_move_line",
            inv_product_line.id,
            aml_cols,
            [r for kind, r in mlines if kind == "product"],
        )
        self.clone(
            "account_move_line",
            inv_term_line.id,
            aml_cols,
            [r for kind, r in mlines if kind == "term"],
        )
        if rels:
            buf = _RowStream(rels)
            cr.copy_expert(
                "COPY sale_order_line_invoice_rel (order_line_id, invoice_line_id) FROM STDIN",
                buf,
            )
        # the templates are real, consistent records; keep them out of the way by date
        self.sale_template_ids = (order | inv_order).ids
        return f"{len(orders)} orders, {len(lines)} lines, {len(moves)} invoices"

    # -- complaints ------------------------------------------------------------------
    def complaint_rows(self, n, start_id=None, with_state=True):
        """Yield dicts of complaint values, deterministic for the seed."""
        rng = random.Random(self.seed + 4)
        orders = sorted(self.order_lines)
        p0, p1 = self.partner_range
        span = 730 * 24 * 3600
        for i in range(n):
            received = self.anchor - timedelta(
                seconds=span * (n - i) / n + rng.randrange(3600)
            )
            age_days = (self.anchor - received).days
            persian = rng.random() < 0.3
            vals = {"channel": _weighted(rng, CHANNELS)}
            link = rng.random()
            order_id = line_id = product_idx = invoice_id = None
            if link < 0.75:
                order_id = orders[rng.randrange(len(orders))]
                line_id, product_idx = rng.choice(self.order_lines[order_id])
                partner_id = self.order_partner[order_id]
                invoice_id = self.order_invoice.get(order_id)
            elif link < 0.9:
                product_idx = rng.randrange(len(self.products))
                partner_id = rng.randrange(p0, p1)
            else:
                partner_id = rng.randrange(p0, p1)
            product = self.products[product_idx] if product_idx is not None else None
            fill = {
                "product": product[2]
                if product
                else ("کالا" if persian else "the item"),
                "order": f"SB{order_id:07d}" if order_id else "—",
                "invoice": f"INVB/{invoice_id - self.first_invoice_id + 1:08d}"
                if invoice_id
                else "—",
            }
            subjects = T.SUBJECTS_FA if persian else T.SUBJECTS_EN
            subject = rng.choice(
                [
                    s
                    for s in subjects
                    if ("{invoice}" not in s or invoice_id)
                    and ("{order}" not in s or order_id)
                ]
                or subjects
            ).format(**fill)
            sentences = rng.sample(T.DESCRIPTION_FA if persian else T.DESCRIPTION_EN, 3)
            direction = ' dir="rtl"' if persian else ""
            description = "".join(f"<p{direction}>{s}</p>" for s in sentences)
            remedy = rng.choice(T.REMEDY_FA if persian else T.REMEDY_EN)
            # open complaints are recent; older ones are closed or cancelled
            if age_days > 60 or rng.random() < 0.3:
                state = "cancelled" if rng.random() < 0.05 else "closed"
            else:
                state = _weighted(rng, STATE_WEIGHTS_OPEN)
                if state == "new" and age_days > 1:
                    state = "acknowledged"  # nobody leaves a complaint unacknowledged for days
            severity = _weighted(rng, SEVERITIES)
            vals.update(
                subject=subject,
                partner_id=partner_id,
                sale_order_id=order_id,
                sale_line_id=line_id,
                product_id=product[0] if product else None,
                product_tmpl_id=product[1] if product else None,
                invoice_id=invoice_id,
                description=description,
                remedy_requested=remedy,
                date_received=received,
                severity=severity,
                priority=_weighted(rng, PRIORITIES),
                category_id=rng.choice(self.category_ids),
                team_id=rng.choice(self.team_ids),
                user_id=rng.choice(self.user_ids),
                complexity=rng.choice(("simple", "moderate", "complex")),
                impact=rng.choice(
                    ("individual", "individual", "several", "widespread")
                ),
                safety_flag=severity == "critical" and rng.random() < 0.5,
            )
            if with_state:
                vals.update(self._lifecycle(rng, state, received, vals))
            yield vals

    def _lifecycle(self, rng, state, received, vals):
        from_rank = [
            s
            for s, _l in (
                ("new", 0),
                ("acknowledged", 1),
                ("assessed", 2),
                ("investigation", 3),
                ("decision", 4),
                ("communicated", 5),
                ("closed", 6),
            )
        ]
        rank = from_rank.index(state) if state in from_rank else 6
        stages = self.stage_by_state[state]
        hour = timedelta(hours=1)
        out = {
            "stage_id": stages[0],
            "state": state,
            "ack_deadline": received + 8 * hour,
            "response_deadline": received + timedelta(days=14),
            "close_deadline": received + timedelta(days=42),
            "escalation_level": 0,
            "appeal_level": 1,
            "kanban_state": "normal",
        }
        t = received
        steps = {}
        for field_name, step_rank, gap_hours in (
            ("date_acknowledged", 1, 6),
            ("date_assessed", 2, 30),
            ("date_investigation", 3, 48),
            ("date_decision", 4, 120),
            ("date_communicated", 5, 24),
            ("date_closed", 6, 72),
        ):
            if rank >= step_rank or (state == "cancelled" and step_rank == 6):
                t = t + timedelta(hours=rng.uniform(0.2, 2) * gap_hours)
                steps[field_name] = min(t, self.anchor - hour)
        out.update(steps)
        if "date_acknowledged" in steps:
            out["ack_method"] = (
                "email"
                if vals["channel"] in ("web", "email")
                else ("portal" if vals["channel"] == "portal" else "phone")
            )
        if state in ("closed", "cancelled"):
            out["sla_status"] = "on_track"
        else:
            deadline = out["close_deadline"] if rank >= 1 else out["ack_deadline"]
            if deadline < self.anchor:
                out["sla_status"] = "breached"
            elif deadline < self.anchor + timedelta(days=3):
                out["sla_status"] = "at_risk"
            else:
                out["sla_status"] = "on_track"
        if rank >= 4 and state != "cancelled":
            outcome = _weighted(rng, OUTCOMES)
            out["outcome"] = outcome
            out["decision_reason"] = f"<p>{rng.choice(T.DECISION_EN)}</p>"
        if state == "closed":
            out["complainant_response"] = _weighted(rng, RESPONSES)
            out["close_reason"] = (
                "resolved"
                if out["complainant_response"] == "accepted"
                else "no_response"
            )
        if state == "cancelled":
            out["close_reason"] = "withdrawn"
        return out

    def complaints(self):
        env, cr = self.env, self.cr
        self.complaint_reference_data()
        Complaint = env["complaint.complaint"]
        template = Complaint.with_context(
            mail_create_nolog=True, tracking_disable=True
        ).create(
            {
                "subject": "Bench template complaint",
                "partner_id": self.partner_range[0],
                "channel": "phone",
            }
        )
        seq = env["ir.sequence"].search(
            [
                ("code", "=", "complaint.complaint"),
                ("company_id", "in", (self.company.id, False)),
            ],
            limit=1,
        )
        fmt, seq_next = reserve_sequence(env, seq, self.size)
        start = next_id(cr, "complaint_complaint")
        self.complaint_range = (start, start + self.size)
        cols = [
            "id",
            "name",
            "subject",
            "partner_id",
            "commercial_partner_id",
            "sale_order_id",
            "sale_line_id",
            "product_id",
            "product_tmpl_id",
            "invoice_id",
            "channel",
            "description",
            "remedy_requested",
            "date_received",
            "severity",
            "priority",
            "category_id",
            "team_id",
            "user_id",
            "stage_id",
            "state",
            "ack_deadline",
            "response_deadline",
            "close_deadline",
            "sla_status",
            "escalation_level",
            "appeal_level",
            "outcome",
            "decision_reason",
            "complainant_response",
            "close_reason",
            "date_acknowledged",
            "ack_method",
            "ack_user_id",
            "date_assessed",
            "date_investigation",
            "date_decision",
            "date_communicated",
            "date_closed",
            "complexity",
            "impact",
            "safety_flag",
            "is_significant",
            "kanban_state",
            "access_token",
            "received_by_id",
            "create_date",
            "write_date",
            "create_uid",
            "write_uid",
            "first_level_user_id",
            "reopen_count",
            "active",
            "message_main_attachment_id",
        ]
        investigations = []

        def rows():
            for i, vals in enumerate(self.complaint_rows(self.size)):
                cid = start + i
                vals["id"] = cid
                vals["name"] = fmt(seq_next + i)
                vals["commercial_partner_id"] = vals["partner_id"]
                vals["is_significant"] = (
                    vals["safety_flag"] or vals["severity"] == "critical"
                )
                vals["ack_user_id"] = (
                    vals["user_id"] if vals.get("date_acknowledged") else None
                )
                vals["received_by_id"] = vals["user_id"]
                vals["create_date"] = vals["date_received"]
                vals["write_date"] = vals.get("date_closed") or vals["date_received"]
                vals["create_uid"] = vals["write_uid"] = 1
                vals["reopen_count"] = 0
                vals["active"] = True
                if vals.get("outcome") and vals["outcome"] not in (
                    "withdrawn",
                    "out_of_scope",
                ):
                    investigations.append(
                        (cid, vals["severity"], vals["date_received"], vals["user_id"])
                    )
                yield tuple(vals.get(c) for c in cols)

        count = self.clone("complaint_complaint", template.id, cols, rows())
        inv = self._investigations(template, investigations)
        recomputed = self._recompute_complaints(start, start + self.size)
        return f"{count} complaints, {inv}, {recomputed}"

    # Stored fields this generator computes itself (the same way as the ORM).
    COMPUTED_HERE = frozenset(
        {
            "state",
            "commercial_partner_id",
            "product_tmpl_id",
            "is_significant",
            "currency_id",
        }
    )

    def _recompute_complaints(self, first_id, end_id, batch=5000):
        """Let the ORM compute every other stored computed field of the complaints
        (the SLA engine's deadlines on the working calendar, statuses, root cause...),
        in batches: consistent by construction, whatever those fields become."""
        env = self.env
        Complaint = env["complaint.complaint"]
        fields_ = [
            f
            for f in Complaint._fields.values()
            if f.store
            and f.compute
            and f.column_type
            and f.name not in self.COMPUTED_HERE
        ]
        for lo in range(first_id, end_id, batch):
            records = Complaint.browse(range(lo, min(lo + batch, end_id)))
            for field in fields_:
                env.add_to_compute(field, records)
            env.flush_all()
            env.invalidate_all()
        return f"{len(fields_)} stored computed fields by the ORM ({', '.join(f.name for f in fields_)})"

    def _investigations(self, template, investigations):
        env = self.env
        if "complaint.investigation" not in env or not investigations:
            return "no investigation model"
        Inv = env["complaint.investigation"]
        vals = {"complaint_id": template.id}
        for fname, value in (
            ("findings", "<p>Template findings.</p>"),
            ("name", "Template investigation"),
        ):
            if fname in Inv._fields:
                vals[fname] = value
        try:
            with env.cr.savepoint():
                inv = Inv.create(vals)
        except Exception as exc:  # the model is young: say why and go on
            return f"investigations skipped ({exc.__class__.__name__}: {exc})"
        root_causes = (
            env["complaint.root.cause"].search([]).ids
            if "complaint.root.cause" in env
            else []
        )
        rng = random.Random(self.seed + 5)
        start = next_id(self.cr, "complaint_investigation")
        cols = [
            "id",
            "complaint_id",
            "findings",
            "root_cause_id",
            "reviewed_by_id",
            "create_date",
            "write_date",
        ]
        rows = []
        for i, (cid, severity, received, user_id) in enumerate(investigations):
            deep = severity in ("high", "critical")
            rows.append(
                (
                    start + i,
                    cid,
                    f"<p>{rng.choice(T.FINDINGS_EN)}</p>",
                    rng.choice(root_causes) if root_causes and deep else None,
                    rng.choice([u for u in self.user_ids if u != user_id])
                    if deep
                    else None,
                    received + timedelta(days=2),
                    received + timedelta(days=3),
                )
            )
        count = self.clone("complaint_investigation", inv.id, cols, rows)
        return f"{count} investigations"

    # -- helpdesk tickets (peer) -----------------------------------------------------
    def tickets(self):
        env, cr = self.env, self.cr
        if "helpdesk.ticket" not in env:
            return "helpdesk_mgmt not installed"
        rng = random.Random(self.seed + 6)
        team = env["helpdesk.ticket.team"].search(
            [("name", "=", "Bench SLA team")], limit=1
        )
        if not team:
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": "Bench SLA team",
                    "user_ids": [(6, 0, self.user_ids)],
                    **(
                        {"use_sla": True}
                        if "use_sla" in env["helpdesk.ticket.team"]._fields
                        else {}
                    ),
                }
            )
        stages = env["helpdesk.ticket.stage"].search([], order="sequence, id")
        done = stages.filtered("closed")
        open_stages = stages - done
        sla = None
        if "helpdesk.sla" in env:
            sla = env["helpdesk.sla"].search(
                [("name", "=", "Bench SLA")], limit=1
            ) or env["helpdesk.sla"].create(
                {
                    "name": "Bench SLA",
                    "team_ids": [(6, 0, team.ids)],
                    "stage_id": done[:1].id,
                    "days": 2,
                    "hours": 0,
                }
            )
        template = (
            env["helpdesk.ticket"]
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(
                {
                    "name": "Bench template ticket",
                    "description": "<p>template</p>",
                    "team_id": team.id,
                    "partner_id": self.partner_range[0],
                }
            )
        )
        seq = env["ir.sequence"].search(
            [("code", "=", "helpdesk.ticket.sequence")], limit=1
        )
        fmt, seq_next = reserve_sequence(env, seq, self.size)
        start = next_id(cr, "helpdesk_ticket")
        sla_rows = []
        sla_start = next_id(cr, "helpdesk_ticket_sla") if sla else 0
        cols = [
            "id",
            "number",
            "name",
            "description",
            "partner_id",
            "commercial_partner_id",
            "partner_name",
            "partner_email",
            "stage_id",
            "team_id",
            "user_id",
            "priority",
            "unattended",
            "create_date",
            "write_date",
            "last_stage_update",
            "assigned_date",
            "closed_date",
            "company_id",
            "kanban_state",
            "access_token",
            "sequence",
            "active",
        ]
        p0, p1 = self.partner_range
        span = 730 * 24 * 3600
        n = self.size
        stage_info = {s.id: (s.closed, s.unattended, s.sequence) for s in stages}

        def rows():
            for i in range(n):
                tid = start + i
                created = self.anchor - timedelta(
                    seconds=span * (n - i) / n + rng.randrange(3600)
                )
                age = (self.anchor - created).days
                stage = (
                    rng.choice(done.ids)
                    if (age > 75 or rng.random() < 0.3)
                    else rng.choice(open_stages.ids)
                )
                closed, unattended, _s = stage_info[stage]
                persian = rng.random() < 0.3
                subject = rng.choice(
                    T.SUBJECTS_FA if persian else T.SUBJECTS_EN
                ).format(product=rng.choice(self.products)[2], order="—", invoice="—")
                desc = "".join(
                    f"<p>{s}</p>"
                    for s in rng.sample(
                        T.DESCRIPTION_FA if persian else T.DESCRIPTION_EN, 3
                    )
                )
                partner = rng.randrange(p0, p1)
                closed_date = (
                    created + timedelta(days=rng.uniform(1, 30)) if closed else None
                )
                if sla:
                    deadline = created + timedelta(days=2)
                    sla_rows.append(
                        (
                            sla_start + i,
                            tid,
                            sla.id,
                            deadline,
                            16.0,
                            done[:1].id,
                            "accomplished"
                            if closed
                            else (
                                "in_progress" if deadline > self.anchor else "expired"
                            ),
                            created,
                            created,
                            created,
                            0.0,
                        )
                    )
                yield (
                    tid,
                    fmt(seq_next + i),
                    subject,
                    desc,
                    partner,
                    partner,
                    None,
                    f"customer{partner}@example.com",
                    stage,
                    team.id,
                    rng.choice(self.user_ids),
                    _weighted(rng, PRIORITIES),
                    unattended,
                    created,
                    closed_date or created,
                    closed_date or created,
                    created,
                    closed_date,
                    self.company.id,
                    "normal",
                    None,
                    10,
                    True,
                )

        count = self.clone("helpdesk_ticket", template.id, cols, rows())
        if sla:
            tmpl_sla = template.ticket_sla_ids[:1]
            if tmpl_sla:
                self.clone(
                    "helpdesk_ticket_sla",
                    tmpl_sla.id,
                    [
                        "id",
                        "ticket_id",
                        "sla_id",
                        "deadline",
                        "hours",
                        "expected_stage_id",
                        "state",
                        "last_state_date",
                        "create_date",
                        "write_date",
                        "consumed_time",
                    ],
                    sla_rows,
                )
        return f"{count} tickets, {len(sla_rows)} ticket SLAs"


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
    corpus = Corpus(env, size, seed=seed, anchor=anchor, log=log)
    env = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            no_reset_password=True,
        )
    )
    corpus.env = env
    corpus._timed("reference data", corpus.reference_data)
    corpus._timed("customers", corpus.partners)
    corpus._timed("sales orders and invoices", corpus.sale_orders)
    if with_complaints and "complaint.complaint" in env:
        corpus._timed("complaints", corpus.complaints)
    if with_tickets:
        corpus._timed("helpdesk tickets", corpus.tickets)
    env.invalidate_all()
    env.registry.clear_cache()
    corpus._timed(
        "analyze",
        lambda: _analyze(
            env.cr,
            [
                t
                for t in (
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
                if table_columns(env.cr, t)
            ],
        )
        or "done",
    )
    return corpus


def generate_orm(env, size, seed=10002, anchor=None, batch=500, log=print):
    """ORM path: reference data with COPY, then ``size`` complaints through ``create``
    (stage left to the model: new, or acknowledged for external channels)."""
    corpus = Corpus(env, size, seed=seed, anchor=anchor, log=log)
    corpus._timed("reference data", corpus.reference_data)
    corpus._timed("customers", corpus.partners)
    corpus._timed("sales orders and invoices", corpus.sale_orders)
    corpus.complaint_reference_data()
    Complaint = env["complaint.complaint"]
    fields_ok = set(Complaint._fields)

    def run():
        buffer, total = [], 0
        for vals in corpus.complaint_rows(size, with_state=False):
            vals.pop("product_tmpl_id", None)
            buffer.append(
                {k: v for k, v in vals.items() if k in fields_ok and v is not None}
            )
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

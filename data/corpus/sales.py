# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Confirmed sales orders (max(100, N/2), 1-3 lines, over two years) and posted
invoices for a tenth of them, balanced and linked to the order lines.

The orders are drawn first (``_draw_orders``: every random choice, in one pass), then
three row builders turn them into the rows of each table: orders, order lines, invoices
(moves, their product and receivable lines, the order line/invoice line links)."""

import random
from datetime import timedelta

from .copy import copy_rows, next_id, table_columns

ORDER_COLUMNS = [
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
LINE_COLUMNS = [
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
MOVE_COLUMNS = [
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
MOVE_LINE_COLUMNS = [
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


def _templates(corpus):
    """One confirmed order, and one more confirmed and invoiced, through the ORM."""
    env = corpus.env
    pid = corpus.products[0][0]
    order = env["sale.order"].create(
        {
            "partner_id": corpus.partner_range[0],
            "order_line": [
                (
                    0,
                    0,
                    {"product_id": pid, "product_uom_qty": 1, "tax_id": [(6, 0, [])]},
                )
            ],
        }
    )
    order.action_confirm()
    inv_order = order.copy()
    inv_order.action_confirm()
    invoice = inv_order._create_invoices()
    invoice.action_post()
    term_line = invoice.line_ids.filtered(
        lambda line: line.display_type == "payment_term"
    )[:1]
    return order, inv_order, invoice, invoice.invoice_line_ids[:1], term_line


def _draw_orders(corpus, so_start, line_start, move_start):
    """Every random choice of the orders, in one pass: a list of dicts with their
    lines; fills ``order_lines``, ``order_partner``, ``order_invoice``."""
    rng = random.Random(corpus.seed + 3)
    n = corpus.n_orders
    p0, p1 = corpus.partner_range
    lid, mid = line_start, move_start
    orders = []
    for i in range(n):
        so_id = so_start + i
        partner_id = rng.randrange(p0, p1)
        date = corpus.anchor - timedelta(
            days=730 * (n - i) / n, minutes=rng.randrange(1440)
        )
        salesman = rng.choice(corpus.user_ids)
        lines = []
        for seq in range(rng.choice((1, 1, 2, 3))):
            pidx = rng.randrange(len(corpus.products))
            p_id, _t, p_name, p_price = corpus.products[pidx]
            qty = rng.choice((1, 1, 1, 2, 3))
            lines.append(
                {
                    "id": lid,
                    "pidx": pidx,
                    "product_id": p_id,
                    "name": p_name,
                    "sequence": seq + 10,
                    "qty": qty,
                    "price": p_price,
                    "subtotal": round(qty * p_price, 2),
                }
            )
            lid += 1
        order = {
            "id": so_id,
            "name": f"SB{so_id:07d}",
            "partner_id": partner_id,
            "date": date,
            "salesman": salesman,
            "lines": lines,
            "total": sum(line["subtotal"] for line in lines),
            "invoice_id": None,
        }
        if i % 10 == 0:
            order["invoice_id"] = mid
            # contiguous numbers from 1: no sequence gap for the ORM to flag
            order["invoice_name"] = f"INVB/{mid - move_start + 1:08d}"
            corpus.order_invoice[so_id] = mid
            mid += 1
        corpus.order_lines[so_id] = [(line["id"], line["pidx"]) for line in lines]
        corpus.order_partner[so_id] = partner_id
        orders.append(order)
    return orders


def _order_rows(orders):
    for o in orders:
        date, total = o["date"], round(o["total"], 2)
        status = "invoiced" if o["invoice_id"] else "to invoice"
        pid = o["partner_id"]
        # validity: the order's date, so that nothing looks expired by chance
        yield (
            o["id"],
            o["name"],
            pid,
            pid,
            pid,
            date,
            date,
            date,
            total,
            0.0,
            total,
        ) + (
            status,
            date.date(),
            None,
            o["salesman"],
        )


def _line_rows(orders, with_technical_price):
    for o in orders:
        invoiced = bool(o["invoice_id"])
        date = o["date"]
        for line in o["lines"]:
            qty, price, subtotal = line["qty"], line["price"], line["subtotal"]
            row = (
                line["id"],
                o["id"],
                line["product_id"],
                line["name"],
                line["sequence"],
                qty,
                price,
                subtotal,
                subtotal,
                0.0,
                price,
                price,
                qty if invoiced else 0.0,
                0.0 if invoiced else qty,
                "invoiced" if invoiced else "to invoice",
                o["partner_id"],
                0.0 if invoiced else subtotal,
                subtotal if invoiced else 0.0,
                date,
                date,
                o["salesman"],
            )
            # technical_price_unit (18.0) follows price_unit when present
            yield row + (price,) if with_technical_price else row


def _invoice_rows(corpus, orders, aml_start):
    """(moves, product lines, receivable lines, order line -> invoice line links)."""
    moves, products, terms, rels = [], [], [], []
    amlid = aml_start
    for o in orders:
        if not o["invoice_id"]:
            continue
        mid, inv_name, pid = o["invoice_id"], o["invoice_name"], o["partner_id"]
        inv_date = o["date"] + timedelta(days=1)
        day, due = inv_date.date(), (inv_date + timedelta(days=30)).date()
        total = o["total"]
        number = int(inv_name.rsplit("/", 1)[1])
        moves.append(
            (mid, inv_name, pid, pid, pid, day, day, due)
            + (total,) * 8
            + ("INVB/", number, o["name"], inv_name, None, inv_date, inv_date)
            + (corpus.partner_names[pid],)
        )
        for line in o["lines"]:
            sub = line["subtotal"]
            products.append(
                (amlid, mid, inv_name, pid, day, line["product_id"], line["name"])
                + (line["qty"], line["price"], sub, sub, -sub, 0.0, sub, -sub)
                + (0.0, 0.0, None, inv_date, inv_date, day)
            )
            rels.append((line["id"], amlid))
            amlid += 1
        terms.append(
            (amlid, mid, inv_name, pid, day, None, inv_name, 0.0, 0.0, 0.0, 0.0)
            + (total, total, 0.0, total, total, total, due, inv_date, inv_date, day)
        )
        amlid += 1
    return moves, products, terms, rels


def sale_orders(corpus):
    cr = corpus.cr
    order, inv_order, invoice, product_line, term_line = _templates(corpus)
    so_start = next_id(cr, "sale_order")
    line_start = next_id(cr, "sale_order_line")
    move_start = next_id(cr, "account_move")
    corpus.first_invoice_id = move_start
    orders = _draw_orders(corpus, so_start, line_start, move_start)
    corpus.clone("sale_order", order.id, ORDER_COLUMNS, _order_rows(orders))
    technical = "technical_price_unit" in table_columns(cr, "sale_order_line")
    line_cols = LINE_COLUMNS + (["technical_price_unit"] if technical else [])
    n_lines = corpus.clone(
        "sale_order_line",
        order.order_line[:1].id,
        line_cols,
        _line_rows(orders, technical),
    )
    moves, products, terms, rels = _invoice_rows(
        corpus, orders, next_id(cr, "account_move_line")
    )
    corpus.clone("account_move", invoice.id, MOVE_COLUMNS, moves)
    corpus.clone("account_move_line", product_line.id, MOVE_LINE_COLUMNS, products)
    corpus.clone("account_move_line", term_line.id, MOVE_LINE_COLUMNS, terms)
    if rels:
        copy_rows(
            cr,
            "sale_order_line_invoice_rel",
            ("order_line_id", "invoice_line_id"),
            rels,
        )
    # the templates are real, consistent records; keep them out of the way by date
    corpus.sale_template_ids = (order | inv_order).ids
    return f"{len(orders)} orders, {n_lines} lines, {len(moves)} invoices"

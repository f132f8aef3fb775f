# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""COPY plumbing: rows streamed into a staging table, inserted as copies of a template
row where only the given columns change; ids and sequences moved past them."""

import io
import json
from datetime import datetime


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


def copy_rows(cr, table, columns, rows):
    """Plain COPY of ``rows`` (tuples in the order of ``columns``) into ``table``."""
    col_sql = ", ".join(f'"{c}"' for c in columns)
    cr.copy_expert(f'COPY "{table}" ({col_sql}) FROM STDIN', _RowStream(rows))


def table_columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    )
    return [r[0] for r in cr.fetchall()]


def next_id(cr, table):
    cr.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"')
    return cr.fetchone()[0]


def clone_rows(cr, table, template_id, columns, rows):
    """Insert one row per tuple of ``rows``: values of ``columns`` from the tuple, every
    other column copied from the row ``template_id``. ``columns`` must hold ``id``.
    A column the table does not have is an error (a renamed field would otherwise be
    silently left at the template's value). Returns the number of rows."""
    existing = table_columns(cr, table)
    unknown = [c for c in columns if c not in existing]
    if unknown:
        raise ValueError(f"{table} has no column {', '.join(unknown)}")
    col_sql = ", ".join(f'"{c}"' for c in columns)
    cr.execute("DROP TABLE IF EXISTS _corpus_stage")
    cr.execute(
        f'CREATE TEMP TABLE _corpus_stage AS SELECT {col_sql} FROM "{table}" LIMIT 0'
    )
    stream = _RowStream(rows)
    cr.copy_expert(f"COPY _corpus_stage ({col_sql}) FROM STDIN", stream, size=1 << 20)
    select = ", ".join(f's."{c}"' if c in columns else f't."{c}"' for c in existing)
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
        from odoo import fields

        today = fields.Date.context_today(env.user)
        target = (
            seq.date_range_ids.filtered(lambda r: r.date_from <= today <= r.date_to)[:1]
            or seq
        )
    target.sudo().write({"number_next": number + count + 1})
    return (lambda n: f"{head}{n:0{pad}d}"), number + 1


def analyze(cr, tables):
    for table in tables:
        if table_columns(cr, table):
            cr.execute(f'ANALYZE "{table}"')

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customers: max(200, N/4) partners, ~35 % Persian names and cities, unique e-mails."""

import random
from datetime import timedelta

import texts as T

from .copy import next_id

COLUMNS = [
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


def partners(corpus):
    env, rng = corpus.env, random.Random(corpus.seed + 2)
    template = env["res.partner"].create(
        {"name": "Bench Template Customer", "customer_rank": 1, "is_company": False}
    )
    start = next_id(corpus.cr, "res_partner")
    n = corpus.n_partners
    corpus.partner_names = {}

    def rows():
        for i in range(n):
            if rng.random() < 0.35:
                name = f"{rng.choice(T.FIRST_NAMES_FA)} {rng.choice(T.LAST_NAMES_FA)}"
                city = rng.choice(T.CITIES_FA)
            else:
                name = f"{rng.choice(T.FIRST_NAMES_EN)} {rng.choice(T.LAST_NAMES_EN)}"
                city = rng.choice(T.CITIES_EN)
            pid = start + i
            corpus.partner_names[pid] = name
            created = corpus.anchor - timedelta(days=800 - i * 700 // n)
            email = f"customer{pid}@example.com"
            phone = f"+44 20 7{pid % 1000000:06d}"
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

    count = corpus.clone("res_partner", template.id, COLUMNS, rows())
    corpus.partner_range = (start, start + n)
    return count

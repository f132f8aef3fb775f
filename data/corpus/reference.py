# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reference records, through the ORM and reused when present: handlers, products,
complaint categories, teams, recurrence rules; the stages by state."""

import random

import texts as T

# the open states a generated complaint can be in, with their weights
STATE_WEIGHTS_OPEN = [
    ("new", 12),
    ("acknowledged", 18),
    ("assessed", 18),
    ("investigation", 22),
    ("decision", 12),
    ("communicated", 18),
]
RECURRENCE_RULES = [
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


def users_and_products(corpus):
    """12 handlers (``bench_handler_NN``) and 200 products (``BENCH-NNNN``)."""
    env = corpus.env
    rng = random.Random(corpus.seed + 1)
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
    corpus.user_ids = users.ids
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
    corpus.products = [
        (p.id, p.product_tmpl_id.id, p.display_name, p.list_price) for p in products
    ]
    return len(corpus.user_ids), len(corpus.products)


def complaint_reference(corpus):
    """Categories, three teams, the bench recurrence rules; ``stage_by_state``."""
    env = corpus.env
    Category = env["complaint.category"]
    categories = Category.search([("name", "in", [c[0] for c in T.CATEGORIES])])
    if not categories:
        categories = Category.create([{"name": en} for en, _fa in T.CATEGORIES])
    corpus.category_ids = categories.ids
    Team = env["complaint.team"]
    teams = Team.search([("company_id", "=", corpus.company.id)], order="sequence, id")
    if len(teams) < 3:
        teams |= Team.create(
            [
                {"name": name, "member_ids": [(6, 0, corpus.user_ids)]}
                for name in ("Returns desk", "Billing complaints")
            ]
        )
    corpus.team_ids = teams.ids
    if "complaint.recurrence.rule" in env:
        Rule = env["complaint.recurrence.rule"]
        if not Rule.search_count([("name", "=like", "Bench: %")]):
            Rule.create(RECURRENCE_RULES)
    stages = env["complaint.stage"].search([], order="sequence, id")
    corpus.stage_by_state = {}
    for stage in stages:
        corpus.stage_by_state.setdefault(stage.state, []).append(stage.id)
    missing = [s for s, _w in STATE_WEIGHTS_OPEN if s not in corpus.stage_by_state]
    if missing:
        raise RuntimeError(f"no complaint stage for states {missing}")

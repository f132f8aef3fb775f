# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What Odoo 18's web client asks for when it opens a kanban view, through the ORM in
this process (no HTTP, no JSON)."""

import json
import time
from xml.etree import ElementTree


def kanban_spec(env, model):
    """What Odoo 18's web client asks for when it opens the default kanban view."""
    Model = env[model]
    views = Model.get_views([(False, "kanban")])
    arch = ElementTree.fromstring(views["views"]["kanban"]["arch"])
    fields = Model._fields
    spec, aggregates = {}, []
    for node in arch.iter("field"):
        name = node.get("name")
        if not name or name not in fields:
            continue
        field = fields[name]
        if field.type in ("many2one", "many2many", "one2many"):
            sub = {"display_name": {}}
            if field.type == "many2many" and "color" in env[field.comodel_name]._fields:
                sub["color"] = {}
            spec[name] = {"fields": sub} if field.type != "one2many" else {}
        else:
            spec[name] = {}
        if (
            field.type in ("integer", "float", "monetary")
            and field.aggregator
            and name != "id"
        ):
            aggregates.append(f"{name}:{field.aggregator}")
    progressbar = None
    pb = arch.find(".//progressbar")
    if pb is not None:
        colors = (
            json.loads(pb.get("colors").replace("'", '"')) if pb.get("colors") else {}
        )
        progressbar = {"field": pb.get("field"), "colors": colors}
        if pb.get("sum_field"):
            progressbar["sum_field"] = pb.get("sum_field")
    group_by = arch.get("default_group_by") or "stage_id"
    order = arch.get("default_order") or Model._order
    limit = int(arch.get("limit") or 40)
    return {
        "spec": spec,
        "aggregates": sorted(set(aggregates)),
        "progressbar": progressbar,
        "group_by": group_by,
        "order": order,
        "limit": limit,
    }


def kanban_first_screen(env, model, info, domain=(), steps=None):
    Model = env[model].with_context(bin_size=True)
    domain = list(domain)
    t0 = time.perf_counter()
    groups = Model.web_read_group(
        domain,
        info["aggregates"],
        [info["group_by"]],
        limit=None,
        orderby="",
        lazy=True,
    )["groups"]
    t1 = time.perf_counter()
    opened = 0
    for group in groups:
        if group.get("__fold") or not group.get(
            f"{info['group_by']}_count", group.get("__count")
        ):
            continue
        opened += 1
        if opened > 10:
            break
        Model.web_search_read(
            group["__domain"],
            info["spec"],
            limit=info["limit"],
            order=info["order"],
            count_limit=10001,
        )
    t2 = time.perf_counter()
    if info["progressbar"]:
        Model.read_progress_bar(domain, info["group_by"], info["progressbar"])
    if steps is not None:
        steps.append((t1 - t0, t2 - t1, time.perf_counter() - t2))
    return len(groups)


def action_default_domain(env, xmlid, extra_filters=()):
    """The domain of the first screen the menu opens: the action's domain AND the
    default filters (filters of one group OR-ed, groups AND-ed, as the search bar
    combines them), for the window action ``xmlid``; ``extra_filters`` are filter
    names applied on top of the action's own ``search_default_*``. Returns (domain,
    filter names)."""
    from odoo.osv import expression
    from odoo.tools.safe_eval import datetime as sdatetime
    from odoo.tools.safe_eval import dateutil, safe_eval

    action = env.ref(xmlid, raise_if_not_found=False) if xmlid else None
    if not action:
        return [], []
    today = sdatetime.datetime.now()
    eval_ctx = {
        "uid": env.uid,
        "context_today": lambda: today,
        "datetime": sdatetime,
        "relativedelta": dateutil.relativedelta.relativedelta,
    }
    ctx = safe_eval(action.context or "{}", eval_ctx)
    domain = list(safe_eval(action.domain or "[]", eval_ctx))
    wanted = {
        k[len("search_default_") :]
        for k, v in ctx.items()
        if k.startswith("search_default_") and v
    } | set(extra_filters)
    arch = env[action.res_model].get_views([(action.search_view_id.id, "search")])[
        "views"
    ]["search"]["arch"]
    groups, current = [], []
    for node in ElementTree.fromstring(arch):
        if node.tag == "filter":
            current.append(node)
            continue
        groups.append(current)
        current = []
    groups.append(current)
    used, parts = [], []
    for group in groups:
        picked = [
            safe_eval(f.get("domain"), eval_ctx)
            for f in group
            if f.get("name") in wanted and f.get("domain")
        ]
        used += [f.get("name") for f in group if f.get("name") in wanted]
        if picked:
            parts.append(expression.OR(picked))
    return expression.AND([domain, *parts]) if parts else domain, used

"""Upgrades keep what users made (issue 11; DESIGN 6: noupdate templates and
configuration, versioned migrations).

For an earlier landed version of the addons, a database is built from the template
(dependencies only, demo data on) with that version's code (``git archive <commit>``),
a user customises it (mail template, stage, team) and logs complaints; then the
current code runs ``-u complaint_management,complaint_audit`` on it, as a real Odoo
process. Afterwards: no WARNING or ERROR in the upgrade's log, the customisations are
still there, every external id still points at its record, every open complaint has
an SLA policy and its deadlines, and the acknowledgement template renders.

Also: the portal record rule (``noupdate``) has this version's domain, and a second
company's reference sequence, made by the old code with the main company's prefix,
issues references with its own company prefix (R23).

Versions: f5f48e3 is the last commit before the SLA engine (b4a1672), d8c03fd the
last CI landing before the layout redesign. Every landed version says 18.0.1.0.0, so
the migrations of 18.0.2.0.0 and 18.0.3.0.0 run for each of them.

The databases are named after COMPLAINTS_UPGRADE_DB and built from
COMPLAINTS_UPGRADE_TEMPLATE, both set by scripts/test.sh (committed data and separate
processes: the test cannot run inside pytest-odoo's transaction).
"""

import json
import os
import re
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = "complaint_management,complaint_audit"
BAD_LINE = re.compile(r"^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ", re.M)
CUSTOM_BODY = '<p>OUR OWN WORDS for <t t-out="object.name"/></p>'
VERSIONS = {
    "f5f48e3": "before the SLA engine",
    "d8c03fd": "last CI landing before the redesign",
}

# Run in the OLD code: what a user of that version made.
BEFORE = """
import json
from datetime import timedelta
from odoo import fields
template = env.ref("complaint_management.mail_template_complaint_ack")
template.write({"subject": "Our own subject {{ object.name }}", "body_html": %(body)r})
env.ref("complaint_management.complaint_stage_new").name = "Just in"
env.ref("complaint_management.complaint_team_default").name = "Our care team"
partner = env["res.partner"].create({"name": "Upgrade customer",
                                     "email": "upgrade@example.com"})
now = fields.Datetime.now()
env["complaint.complaint"].create([
    {"subject": "Logged by phone before the upgrade", "partner_id": partner.id,
     "channel": "phone", "date_received": now - timedelta(days=3)},
    {"subject": "Logged in person before the upgrade", "partner_id": partner.id,
     "channel": "in_person", "date_received": now - timedelta(days=40)},
])
company_b = env["res.company"].create({"name": "Upgrade Co B"})
old_b = env["complaint.complaint"].with_company(company_b).create({
    "subject": "Logged in the second company before the upgrade",
    "partner_id": partner.id, "channel": "phone", "company_id": company_b.id,
})
env.cr.commit()
env.cr.execute("SELECT module, name, model, res_id FROM ir_model_data "
               "WHERE module IN ('complaint_management', 'complaint_audit')")
print("RESULT " + json.dumps({"xmlids": env.cr.fetchall(), "old_b": old_b.name}))
"""

# Run in the CURRENT code after the upgrade.
AFTER = """
import json
from odoo import fields
Complaint = env["complaint.complaint"].with_context(active_test=False)
open_ = Complaint.search([("state", "not in", ("closed", "cancelled"))])
unplanned = open_.filtered(
    lambda c: not (c.sla_policy_id and c.ack_deadline and c.response_deadline
                   and c.close_deadline)
    or (not c.sla_deadline and not c.stage_id.sla_paused)
)
template = env.ref("complaint_management.mail_template_complaint_ack")
new = Complaint.create({"subject": "Logged after the upgrade", "channel": "email",
                        "partner_id": open_[:1].partner_id.id,
                        "date_received": fields.Datetime.now()})
rendered = template._render_field("body_html", new.ids)[new.id]
company_b = env["res.company"].search([("name", "=", "Upgrade Co B")])
new_b = Complaint.with_company(company_b).create({
    "subject": "Logged in the second company after the upgrade", "channel": "phone",
    "partner_id": open_[:1].partner_id.id, "company_id": company_b.id,
})
old_b = Complaint.search([("company_id", "=", company_b.id), ("id", "!=", new_b.id)])
sender = template._render_field("email_from", new.ids)[new.id]
print("RESULT " + json.dumps({
    "open": len(open_), "unplanned": unplanned.mapped("name"),
    "subject": template.subject, "body": template.body_html, "rendered": rendered,
    "sender": sender, "email_from": template.email_from,
    "new_deadline": bool(new.response_deadline),
    "stage": env.ref("complaint_management.complaint_stage_new").name,
    "team": env.ref("complaint_management.complaint_team_default").name,
    "portal_rule": env.ref(
        "complaint_management.complaint_complaint_rule_portal").domain_force,
    "ref_main": new.name, "ref_b": new_b.name, "old_b": old_b.mapped("name"),
    "prefix_b": Complaint._reference_company_prefix(company_b),
}))
env.cr.rollback()
"""


def _settings():
    template = os.environ.get("COMPLAINTS_UPGRADE_TEMPLATE")
    prefix = os.environ.get("COMPLAINTS_UPGRADE_DB")
    if not (template and prefix):
        pytest.fail(
            "COMPLAINTS_UPGRADE_TEMPLATE / COMPLAINTS_UPGRADE_DB are not set: run this "
            "test through `make test`"
        )
    config = Path(
        os.environ.get("COMPLAINTS_ODOO_CONF", ROOT / ".state" / "odoo-test.conf")
    )
    parser = ConfigParser()
    parser.read(config)
    return template, prefix, config, parser["options"]["addons_path"].split(",")


def _odoo(config, addons_path, database, *args, code=None):
    """One Odoo process (its own registry), as a server or a shell would be."""
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            *args,
            "-c",
            str(config),
            "-d",
            database,
            f"--addons-path={','.join(addons_path)}",
            "--no-http",
            "--max-cron-threads=0",
        ],
        input=code,
        capture_output=True,
        text=True,
        timeout=400,
        env=dict(os.environ, TZ="UTC"),
        check=False,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    return process


def _shell(config, addons_path, database, code):
    out = _odoo(
        config, addons_path, database, "shell", "--log-level=warn", code=code
    ).stdout
    lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
    assert lines, f"no result; stdout: {out[-2000:]}"
    return json.loads(lines[-1][len("RESULT ") :])


@pytest.mark.parametrize("commit", list(VERSIONS))
def test_upgrade_keeps_customisations_and_plans_open_complaints(commit, tmp_path):
    template, prefix, config, current_path = _settings()
    database = f"{prefix}_{commit}"
    old = tmp_path / "addons"
    old.mkdir()
    archive = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "archive",
            commit,
            "complaint_management",
            "complaint_audit",
        ],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    old_path = [str(old)] + [p for p in current_path if Path(p) != ROOT]
    subprocess.run(
        [
            "bash",
            "-c",
            f'source "{ROOT}/scripts/lib.sh"; clone_db "$0" "$1"',
            template,
            database,
        ],
        check=True,
    )
    try:
        _odoo(
            config,
            old_path,
            database,
            "-i",
            ADDONS,
            "--stop-after-init",
            "--log-level=warn",
        )
        before = _shell(config, old_path, database, BEFORE % {"body": CUSTOM_BODY})

        upgrade = _odoo(
            config,
            current_path,
            database,
            "-u",
            ADDONS,
            "--stop-after-init",
            "--log-level=info",
        )
        log = upgrade.stdout + upgrade.stderr
        bad = [
            line
            for line in log.splitlines()
            if BAD_LINE.match(line) and "wkhtmltopdf" not in line
        ]
        assert not bad, "\n".join(bad[:20])
        assert "Planned the SLA deadlines of" in log, "the migration did not run"
        assert "Reloaded complaint_complaint_rule_portal" in log

        after = _shell(config, current_path, database, AFTER)
        assert after["open"] >= 2
        assert not after["unplanned"], f"open complaints left unplanned: {after}"
        assert after["new_deadline"]
        # the user's template, stage and team are theirs
        assert after["subject"] == "Our own subject {{ object.name }}"
        assert "OUR OWN WORDS" in after["body"]
        assert "OUR OWN WORDS" in after["rendered"]
        assert after["stage"] == "Just in"
        assert after["team"] == "Our care team"
        # a field the first version's template named, which never existed, is renamed
        assert "alias_email_from" not in after["email_from"]
        # the noupdate portal rule: the complaints a contact lodged, their company's
        # only where the company allows it
        assert "('partner_id', '=', user.partner_id.id)" in after["portal_rule"]
        assert "complaint_portal_share_company" in after["portal_rule"]
        # R23: the second company's references carry its prefix; those issued
        # before the upgrade stay
        assert after["ref_b"].startswith(after["prefix_b"]), after
        assert not after["ref_main"].startswith(after["prefix_b"]), after
        assert after["old_b"] == [before["old_b"]]

        with psycopg2.connect(dbname=database, host=os.environ.get("PGHOST")) as conn:
            cr = conn.cursor()
            cr.execute(
                "SELECT module, name, model, res_id, noupdate FROM ir_model_data "
                "WHERE module IN ('complaint_management', 'complaint_audit')"
            )
            rows = {(m, n): (model, res_id, nu) for m, n, model, res_id, nu in cr}
            cr.execute(
                "SELECT latest_version FROM ir_module_module "
                "WHERE name = 'complaint_management'"
            )
            version = cr.fetchone()[0]
        conn.close()
        # data records (not the model's metadata: fields and selection values come
        # and go with the code) keep their external id and their record
        moved = {
            f"{m}.{n}": (model, res_id, rows.get((m, n)))
            for m, n, model, res_id in before["xmlids"]
            if not model.startswith("ir.model")
            and rows.get((m, n), (None, None))[:2] != (model, res_id)
        }
        assert not moved, f"external ids lost or repointed: {moved}"
        templates = [v for (m, n), v in rows.items() if v[0] == "mail.template"]
        assert templates and all(nu for _model, _id, nu in templates)
        assert version == "18.0.3.0.0"
    finally:
        subprocess.run(["dropdb", "--if-exists", database], check=False)

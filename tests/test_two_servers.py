"""Two Odoo processes run the escalation job's method at the same moment (DESIGN 6, 7).

Odoo's scheduler locks a job against itself, but a manual run, a retry or a second
server calling the method do not take that lock. Here two separate Odoo processes (each
with its own registry and connection pool, as two servers have) call
``complaint.complaint._cron_escalate`` on the same committed data at the same instant,
with small batches so that they interleave. Afterwards every breached complaint was
escalated once: one activity per person and complaint, and each complaint listed in
exactly one digest mail per person.

The database is a copy of the test database made by ``make test`` (committed data is
needed, so the test cannot run inside pytest-odoo's rolled-back transaction).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPLAINTS = 300

SETUP = """
import json
from datetime import timedelta
from odoo import Command, fields
env = env(context=dict(env.context, mail_create_nolog=True, mail_notrack=True,
                       no_reset_password=True))
user_group = env.ref("complaint_management.group_complaint_user")
def user(login):
    return env["res.users"].create({
        "name": login, "login": login, "email": f"{login}@two-servers.example.com",
        "groups_id": [Command.link(user_group.id)],
    })
owner, leader = user("race_owner"), user("race_leader")
team = env["complaint.team"].create({
    "name": "Race team", "leader_id": leader.id,
    "member_ids": [Command.set((owner | leader).ids)],
})
partner = env["res.partner"].create({"name": "Race customer",
                                     "email": "race@two-servers.example.com"})
received = fields.Datetime.now() - timedelta(days=30)
complaints = env["complaint.complaint"].create([{
    "subject": f"Race {i}", "partner_id": partner.id, "channel": "phone",
    "team_id": team.id, "user_id": owner.id, "date_received": received,
} for i in range(%(count)d)])
env.cr.commit()
env["complaint.complaint"]._cron_update_sla_status()
env.cr.commit()
print("RESULT " + json.dumps({"ids": complaints.ids, "owner": owner.partner_id.id,
                              "leader": leader.partner_id.id}))
"""

RACE = """
import json, os, time
barrier = os.environ["RACE_DIR"]
open(os.path.join(barrier, f"ready-{os.getpid()}"), "w").close()
while not os.path.exists(os.path.join(barrier, "go")):
    time.sleep(0.001)
began = time.time()
env["complaint.complaint"]._cron_escalate(batch_size=5)
env.cr.commit()
print("RESULT " + json.dumps({"began": began, "finished": time.time()}))
"""


def _odoo_shell(database, env=None):
    config = Path(
        os.environ.get("COMPLAINTS_ODOO_CONF", ROOT / ".state" / "odoo-test.conf")
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            "shell",
            "-c",
            str(config),
            "-d",
            database,
            "--no-http",
            "--log-level=warn",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, TZ="UTC", **(env or {})),
    )


def _result(process, code=None, timeout=300):
    out, err = process.communicate(code, timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
    assert lines, f"no result; stdout: {out[-2000:]}; stderr: {err[-2000:]}"
    return json.loads(lines[-1][len("RESULT ") :])


def test_two_processes_escalate_each_breach_once(tmp_path):
    database = os.environ.get("COMPLAINTS_2SRV_DB")
    if not database:
        pytest.fail("COMPLAINTS_2SRV_DB is not set: run this test through `make test`")
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    setup = _result(_odoo_shell(database), SETUP % {"count": COMPLAINTS})
    ids = tuple(setup["ids"])
    assert len(ids) == COMPLAINTS

    # Both processes load their registry, say they are ready, and start together.
    racers = [_odoo_shell(database, env={"RACE_DIR": str(barrier)}) for _ in range(2)]
    for racer in racers:
        racer.stdin.write(RACE)
        racer.stdin.close()
        racer.stdin = None  # communicate() below only reads
    deadline = time.time() + 240
    while len(list(barrier.glob("ready-*"))) < 2:
        assert time.time() < deadline, "the Odoo processes did not start"
        assert all(r.poll() is None for r in racers), "an Odoo process died"
        time.sleep(0.05)
    go = time.time()
    (barrier / "go").touch()
    finished = [_result(racer) for racer in racers]
    windows = [(f["began"] - go, f["finished"] - go) for f in finished]
    # the two runs overlapped: each began before the other finished
    assert windows[0][0] < windows[1][1] and windows[1][0] < windows[0][1], windows

    # The digests the job sends (the owner also got Odoo's own "assigned to you"
    # notifications when the complaints were created: those are not counted).
    with psycopg2.connect(dbname=database, host=os.environ.get("PGHOST")) as conn:
        cr = conn.cursor()
        cr.execute(
            "SELECT escalation_level, count(*) FROM complaint_complaint "
            "WHERE id IN %s GROUP BY 1",
            (ids,),
        )
        levels = dict(cr.fetchall())
        assert sum(levels.values()) == COMPLAINTS
        assert set(levels) == {3}, f"every complaint walked the whole ladder: {levels}"

        cr.execute(
            "SELECT res_id, user_id, count(*) FROM mail_activity "
            "WHERE res_model = 'complaint.complaint' AND res_id IN %s "
            "GROUP BY 1, 2",
            (ids,),
        )
        activities = cr.fetchall()
        duplicates = [row for row in activities if row[2] > 1]
        assert not duplicates, f"activities created twice: {duplicates[:5]}"
        per_complaint = {}
        for res_id, _user, _count in activities:
            per_complaint[res_id] = per_complaint.get(res_id, 0) + 1
        assert set(per_complaint) == set(ids), "every breach got its activities"
        assert len(set(per_complaint.values())) == 1, "same ladder, same recipients"

        cr.execute("SELECT id, name FROM complaint_complaint WHERE id IN %s", (ids,))
        names = dict(cr.fetchall())
        for partner in (setup["owner"], setup["leader"]):
            cr.execute(
                "SELECT m.body_html FROM mail_mail m "
                "JOIN mail_message msg ON msg.id = m.mail_message_id "
                "JOIN mail_mail_res_partner_rel r ON r.mail_mail_id = m.id "
                "WHERE r.res_partner_id = %s AND msg.subject = %s",
                (partner, "Complaints past their deadline"),
            )
            bodies = "\n".join(row[0] or "" for row in cr.fetchall())
            counts = {name: bodies.count(f">{name}<") for name in names.values()}
            wrong = {name: n for name, n in counts.items() if n != 1}
            assert not wrong, f"partner {partner}: complaints not mailed once: {wrong}"

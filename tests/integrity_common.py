"""Shared fixture of the integrity tests: real users of every role, one complaint of
theirs, and the ways a client reaches Odoo (XML-RPC, JSON-RPC, the web client's
``/mail/*`` routes, an anonymous holder of the portal link).

An attack test calls a way in as a user, expects it to fail with a message, and checks
with :meth:`IntegrityCase.snapshot` that nothing changed. Not a test module itself
(pytest collects ``test_*.py`` only).
"""

import json
import xmlrpc.client

from odoo import Command
from odoo.tests import HttpCase, new_test_user


class RpcRefused(Exception):
    """What a client sees when Odoo refuses a call: the exception name and message."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class RpcCase(HttpCase):
    """Odoo's external API (XML-RPC, JSON-RPC) and the web client's JSON routes, as a
    given user; test users have the password ``<login>-Pw-1``."""

    @classmethod
    def password(cls, user):
        return f"{user.login}-Pw-1"

    def xmlrpc(self, user, model, method, *args, **kwargs):
        """``execute_kw`` over XML-RPC as ``user``; a refusal raises RpcRefused."""
        try:
            return self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                user.id,
                self.password(user),
                model,
                method,
                list(args),
                kwargs,
            )
        except xmlrpc.client.Fault as fault:
            text = fault.faultString.strip().splitlines()
            raise RpcRefused("Fault", text[-1] if text else "") from None

    def jsonrpc(self, user, model, method, *args, **kwargs):
        """``execute_kw`` over JSON-RPC (``/jsonrpc``) as ``user``."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    self.password(user),
                    model,
                    method,
                    list(args),
                    kwargs,
                ],
            },
        }
        return self._json_reply(
            self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        )

    def web_call(self, user, route, params):
        """A JSON route of the web client (``/mail/message/post``…) in ``user``'s
        session; ``user=None`` calls it anonymously (a visitor holding a link)."""
        if user:
            self.authenticate(user.login, self.password(user))
        else:
            self.authenticate(None, None)
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        return self._json_reply(
            self.url_open(
                route,
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        )

    @staticmethod
    def _json_reply(response):
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            raise RpcRefused(data.get("name", "error"), data.get("message", ""))
        return body.get("result")

    # --- before and after -------------------------------------------------------------


class IntegrityCase(RpcCase):
    """A handler, a manager, an auditor, an internal user without a complaint group, the
    complainant's portal user, another customer's portal user, and a complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.customer = cls.env["res.partner"].create(
            {"name": "Ida Integrity", "email": "ida@example.com"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Olaf Outsider", "email": "olaf@example.com"}
        )
        cls.users = {}
        for login, groups, partner in (
            ("int_handler", "complaint_management.group_complaint_user", None),
            ("int_manager", "complaint_management.group_complaint_manager", None),
            ("int_auditor", "complaint_audit.group_complaint_auditor", None),
            ("int_internal", "base.group_user", None),
            ("int_portal", "base.group_portal", cls.customer),
            ("int_portal_other", "base.group_portal", cls.other_customer),
        ):
            extra = {"partner_id": partner.id} if partner else {}
            cls.users[login] = new_test_user(
                cls.env, login=login, password=f"{login}-Pw-1", groups=groups, **extra
            )
        cls.handler = cls.users["int_handler"]
        cls.manager = cls.users["int_manager"]
        cls.auditor = cls.users["int_auditor"]
        cls.team = cls.env["complaint.team"].create(
            {
                "name": "Integrity team",
                "member_ids": [
                    Command.link(cls.handler.id),
                    Command.link(cls.manager.id),
                ],
            }
        )
        cls.complaint = (
            cls.env["complaint.complaint"]
            .with_user(cls.handler)
            .create(
                {
                    "subject": "Blender arrived cracked",
                    "partner_id": cls.customer.id,
                    "channel": "phone",
                    "team_id": cls.team.id,
                    "user_id": cls.handler.id,
                }
            )
        )

    def snapshot(self, records, fnames=None):
        """The stored values of ``records`` read from the database, plus the counts of
        their messages, tracking values, attachments and activities: compare two
        snapshots to prove an attack left nothing behind."""
        records.env.invalidate_all()
        model = records._name
        fnames = fnames or [
            name
            for name, field in records._fields.items()
            if field.store and name not in ("write_date", "write_uid", "__last_update")
        ]
        values = {
            rec.id: {name: rec[name] for name in fnames} for rec in records.sudo()
        }
        env = self.env
        messages = (
            env["mail.message"]
            .sudo()
            .search([("model", "=", model), ("res_id", "in", records.ids)])
        )
        counts = {
            "messages": len(messages),
            "bodies": sorted((m.id, str(m.body), m.author_id.id) for m in messages),
            "tracking": env["mail.tracking.value"]
            .sudo()
            .search_count([("mail_message_id", "in", messages.ids)]),
            "attachments": env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", model), ("res_id", "in", records.ids)]),
            "activities": env["mail.activity"]
            .sudo()
            .search_count([("res_model", "=", model), ("res_id", "in", records.ids)]),
        }
        return values, counts

    def assertRefused(self, call, *args, message=None, **kwargs):
        """``call(*args, **kwargs)`` is refused; ``message`` (a fragment) is in the
        error the client sees. Returns the RpcRefused."""
        with self.assertRaises(RpcRefused) as caught:
            call(*args, **kwargs)
        if message:
            self.assertIn(message, caught.exception.message)
        return caught.exception

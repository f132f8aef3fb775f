# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.3.0.0: what the integrity work changed in data an upgrade does not reload.

- The portal record rule (``noupdate``: an upgrade never rewrites it) gets the domain
  of this version: a contact sees the complaints they lodged, and their company's
  only where the company allows it (R07, R08), instead of every complaint of their
  commercial partner. Only that record is reloaded from the security file, so other
  rules a user may have adjusted stay as they are.
- Reference sequences made for a company on first use before the per-company prefix
  (R23) issued the same references as the main company's (``CMP/2026/00001`` twice):
  they get the company's prefix, as a sequence made today would. The shipped
  sequence of the main company keeps its prefix (the references already issued stay
  valid, and new ones cannot collide with prefixed ones).
"""

import logging

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import file_open
from odoo.tools.convert import xml_import

_logger = logging.getLogger(__name__)

MODULE = "complaint_management"
RELOADED = {
    "security/complaint_management_security.xml": ("complaint_complaint_rule_portal",),
}


def _reload_records(env, filename, xmlids):
    """Load the records ``xmlids`` of ``filename`` as an install would, although the
    file is ``noupdate``; the rest of the file is left alone."""
    with file_open(f"{MODULE}/{filename}", "rb") as xml_file:
        root = etree.parse(xml_file).getroot()
    importer = xml_import(
        env, MODULE, {}, mode="init", noupdate=True, xml_filename=filename
    )
    for node in root.iter("record"):
        if node.get("id") in xmlids:
            importer._tag_record(node)
    _logger.info("Reloaded %s from %s", ", ".join(xmlids), filename)


def _prefix_company_sequences(env):
    """The company prefix on the reference sequences made per company without it."""
    shipped = env["ir.model.data"].search(
        [("module", "=", MODULE), ("model", "=", "ir.sequence")]
    )
    prefixed = 0
    mixin = env.registry["complaint.reference.mixin"]
    for model in env.registry.values():
        if model._abstract or not issubclass(model, mixin):
            continue
        Model = env[model._name]
        sequences = env["ir.sequence"].search(
            [
                ("code", "=", model._reference_code),
                ("company_id", "!=", False),
                ("id", "not in", shipped.mapped("res_id")),
            ]
        )
        # per record: a handful of sequences, each with its company's own prefix
        for sequence in sequences:
            prefix = Model._reference_company_prefix(sequence.company_id)
            if not (sequence.prefix or "").startswith(prefix):
                sequence.prefix = prefix + (sequence.prefix or "")
                prefixed += 1
    _logger.info("Company prefix added to %s reference sequences", prefixed)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for filename, xmlids in RELOADED.items():
        _reload_records(env, filename, xmlids)
    _prefix_company_sequences(env)

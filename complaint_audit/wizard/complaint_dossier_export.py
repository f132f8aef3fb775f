# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import zipfile
from urllib.parse import quote

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.complaint_complaint_dossier import DOSSIER_ZIP_LIMIT


class ComplaintDossierExport(models.TransientModel):
    """A zip of one dossier PDF per complaint: a batch never prints one giant PDF.
    The zip lives on this transient record, so the vacuum removes it."""

    _name = "complaint.dossier.export"
    _description = "Print Complaint Dossiers"

    complaint_ids = fields.Many2many("complaint.complaint", required=True)
    zip_file = fields.Binary(attachment=False, readonly=True)
    zip_name = fields.Char(readonly=True)

    def action_download(self):
        self.ensure_one()
        complaints = self.complaint_ids
        if len(complaints) > DOSSIER_ZIP_LIMIT:
            raise UserError(
                self.env._(
                    "Print at most %(limit)s dossiers at a time.",
                    limit=DOSSIER_ZIP_LIMIT,
                )
            )
        # rendered as the user: the dossiers hold what they may read
        pdfs = complaints._render_dossier_pdfs()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for complaint in complaints:
                archive.writestr(complaint._dossier_filename(), pdfs[complaint.id])
        self.write(
            {
                "zip_file": base64.b64encode(buffer.getvalue()),
                "zip_name": self.env._("Complaint dossiers.zip"),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/zip_file/"
            f"{quote(self.zip_name)}?download=true",
            "target": "self",
        }

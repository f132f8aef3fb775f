# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Complaint Audit (ISO 10002 clause 8)",
    "summary": "Evidence for the auditor: tamper-evident trail, complaint register, "
    "dossiers, retention",
    "version": "18.0.1.0.0",
    "category": "Services/Complaints",
    "website": "https://github.com/complaints-team/odoo-complaints",
    "author": "Complaints Team",
    "maintainer": "Complaints Team",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["complaint_management", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "post_init_hook": "post_init_hook",
    "data": [
        "security/complaint_audit_groups.xml",
        "security/ir.model.access.csv",
        "security/complaint_audit_security.xml",
        "data/ir_cron_data.xml",
        "views/complaint_audit_event_views.xml",
        "views/complaint_complaint_views.xml",
        "views/complaint_remedy_views.xml",
        "views/res_config_settings_views.xml",
        "report/complaint_audit_reports.xml",
        "report/complaint_dossier_templates.xml",
        "wizard/complaint_register_export_views.xml",
        "wizard/complaint_complaint_anonymise_views.xml",
        "views/complaint_audit_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "complaint_audit/static/src/chatter/*",
        ],
    },
}

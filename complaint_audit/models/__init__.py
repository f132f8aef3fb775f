from . import complaint_audit_event
from . import complaint_complaint
from . import res_company
from . import res_config_settings
from . import complaint_complaint_register
from . import complaint_complaint_dossier
from . import complaint_complaint_retention

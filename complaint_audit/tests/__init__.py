from . import test_audit_trail
from . import test_register_xlsx
from . import test_dossier
from . import test_retention
from . import test_audit_i18n_fa
from . import test_trail_start
from . import test_auditor_screens

from . import complaint_register_export
from . import complaint_dossier_export
from . import complaint_complaint_anonymise

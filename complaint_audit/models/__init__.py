from . import complaint_audit_event
from . import complaint_complaint

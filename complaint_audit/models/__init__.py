from . import complaint_audit_mixin
from . import complaint_audit_event
from . import complaint_audit_event_chain
from . import complaint_complaint
from . import complaint_remedy

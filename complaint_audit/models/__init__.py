from . import complaint_corrective_action

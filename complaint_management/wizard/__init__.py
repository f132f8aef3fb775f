from . import complaint_complaint_reopen
from . import complaint_complaint_appeal
from . import complaint_complaint_extend
from . import complaint_complaint_merge
from . import complaint_complaint_cancel
from . import mail_compose_message

from . import test_complaint_sla
from . import test_complaint_cron

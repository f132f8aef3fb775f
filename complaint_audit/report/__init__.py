from . import complaint_register_xlsx

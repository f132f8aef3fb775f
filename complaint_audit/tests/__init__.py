from . import test_audit_trail

# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Boot Odoo inside this Python process: config, registry, environment."""

import contextlib
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

os.environ.setdefault("TZ", "UTC")
os.environ.setdefault("PGHOST", "127.0.0.1")


def addons_path():
    path = os.environ.get("BENCH_ADDONS_PATH")
    if path:
        return path
    out = subprocess.run(
        ["bash", "-c", f"source '{ROOT}/scripts/lib.sh' && addons_path"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


_booted = False


def boot(log_level="warn"):
    global _booted
    import odoo

    if not _booted:
        odoo.tools.config.parse_config(
            [
                f"--addons-path={addons_path()}",
                f"--db_host={os.environ['PGHOST']}",
                f"--log-level={log_level}",
                "--without-demo=all",
                "--max-cron-threads=0",
            ]
        )
        _booted = True
    return odoo


def registry(dbname):
    odoo = boot()
    return odoo.modules.registry.Registry(dbname)


@contextlib.contextmanager
def environment(dbname, commit=False, context=None):
    odoo = boot()
    reg = registry(dbname)
    with reg.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, context or {})
        yield env
        if commit:
            cr.commit()
        else:
            cr.rollback()

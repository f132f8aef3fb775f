#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL, messages and table layouts read better unwrapped)
"""Odoo's server for the load run (scripts/load.sh), with one change: the prefork master's
gevent (websocket/bus) worker is replaced by an idle placeholder child.

The load run speaks XML-RPC only and needs no bus. And in this .venv the gevent worker
cannot start: gevent's monkey-patching loads its entry points through pkg_resources, and
setuptools<70's pkg_resources does not find the ``zope.interface`` distribution under its
new ``zope_interface`` metadata name; the master then respawns it in a loop, which eats the
CPU of the 2-core machine and makes the figures meaningless. The placeholder is a normal
child: the master stops it with SIGTERM like the real one.
"""

import subprocess
import sys

import odoo
from odoo.service import server


def _idle_long_polling_spawn(self):
    popen = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, lambda *a: exit(0)); time.sleep(10 ** 7)",
        ]
    )
    self.long_polling_pid = popen.pid


server.PreforkServer.long_polling_spawn = _idle_long_polling_spawn

if __name__ == "__main__":
    odoo.cli.main()

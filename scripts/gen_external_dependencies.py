#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Write requirements.txt: the Python dependencies the addons' manifests declare.

What OCA's `oca-gen-external-dependencies` (maintainer-tools, not on PyPI) does, with
the same tools from PyPI: pyproject_dependencies reads each addon's whool metadata and
keeps what is neither Odoo nor an Odoo addon. No external dependency, no file.
--check writes nothing and exits 1 when requirements.txt is not what it would write.
"""

import os
import subprocess
import sys
from pathlib import Path

HEADER = "# generated from manifests external_dependencies\n"


def main():
    check = "--check" in sys.argv[1:]
    root = Path.cwd()
    projects = [*sorted(root.glob("*/pyproject.toml"))]
    projects += sorted(root.glob("setup/*/setup.py"))
    if not projects:
        return 1
    # Versions are not needed here: skip whool's git-based post-version computation.
    env = dict(os.environ, WHOOL_POST_VERSION_STRATEGY_OVERRIDE="none")
    result = subprocess.run(
        [sys.executable, "-m", "pyproject_dependencies", "--no-isolation"]
        + ["--ignore-build-errors", "--name-filter", r"^(odoo$|odoo\d*-addon-)"]
        + [str(p) for p in projects],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode:
        return result.returncode
    path = root / "requirements.txt"
    wanted = HEADER + result.stdout if result.stdout else None
    current = path.read_text() if path.exists() else None
    if wanted == current:
        return 0
    if check:
        print("requirements.txt is out of date (run `make format`)")
        return 1
    if wanted:
        path.write_text(wanted)
    else:
        path.unlink()
    print("Wrote requirements.txt" if wanted else "Removed requirements.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make setup` without Odoo's source and without network stops with a clear message.

The script is run for real, in a copy of the repository's scripts/ (so that no
.state/ of this checkout can help it), with $ODOO_SRC unset, a $HOME without
odoo-18.0 and the official archive's address pointed at a closed loopback port.
"""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run_setup(tmp_path, **env_overrides):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "scripts", repo / "scripts")
    env = dict(os.environ)
    env.pop("ODOO_SRC", None)
    env.update(HOME=str(tmp_path / "home"), SETUP_STEPS="odoo", **env_overrides)
    (tmp_path / "home").mkdir()
    return subprocess.run(
        ["bash", str(repo / "scripts" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_setup_without_odoo_explains_the_three_ways(tmp_path):
    result = _run_setup(tmp_path, ODOO_ARCHIVE_URL="http://127.0.0.1:9/odoo.tar.gz")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr
    assert "Odoo 18.0 source code was not found" in message
    assert "ODOO_SRC" in message
    assert str(tmp_path / "home" / "odoo-18.0") in message
    assert "http://127.0.0.1:9/odoo.tar.gz" in message


def test_setup_finds_odoo_in_odoo_src(tmp_path):
    source = tmp_path / "odoo-src"
    (source / "odoo").mkdir(parents=True)
    (source / "odoo" / "release.py").write_text(
        "version_info = (18, 0, 0, FINAL, 0, '')\n", encoding="utf-8"
    )
    result = _run_setup(tmp_path, ODOO_SRC=str(source))
    assert result.returncode == 0, result.stderr
    assert str(source) in result.stderr


def test_setup_refuses_another_odoo_series(tmp_path):
    source = tmp_path / "odoo-17"
    (source / "odoo").mkdir(parents=True)
    (source / "odoo" / "release.py").write_text(
        "version_info = (17, 0, 0, FINAL, 0, '')\n", encoding="utf-8"
    )
    result = _run_setup(tmp_path, ODOO_SRC=str(source))
    assert result.returncode != 0
    assert "is not an Odoo 18.0 source tree" in result.stderr

"""Odoo's TestPyLint (odoo/addons/test_lint/tests/test_pylint.py) on given addons.

The test itself lints Odoo's whole server tree and every addon on the addons path; this
runs pylint with the options and custom checkers the test reads from that file, on the
paths given, and exits non-zero on any message, as the test fails on any.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _test_options(test_file):
    """The ``options`` list of TestPyLint.test_pylint, read from Odoo's source."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", None) == "options"
        ):
            return _literal_list(node.value)
    raise SystemExit(f"no 'options' list in {test_file}")


def _literal_list(node):
    """The list literal of strings, joining ``'--x=' + ','.join([...])`` entries."""
    values = []
    for item in node.elts:
        values.append(_literal_str(item))
    return values


def _literal_str(node):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _literal_str(node.left)  # '--rcfile=%s' % os.devnull: filled in below
    if isinstance(node, ast.BinOp):
        return _literal_str(node.left) + _literal_str(node.right)
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "join":
        sep = node.func.value.value
        items = []
        for elt in node.args[0].elts:
            if isinstance(elt, ast.Starred):
                # *tools.constants.SUPPORTED_DEBUGGER: resolved from Odoo itself
                from odoo.tools.constants import SUPPORTED_DEBUGGER

                items.extend(SUPPORTED_DEBUGGER)
            else:
                items.append(_literal_str(elt))
        return sep.join(items)
    return ast.literal_eval(node)


def main(addons):
    import odoo

    src = Path(odoo.__file__).resolve().parent
    tests_dir = src / "addons" / "test_lint" / "tests"
    options = [
        opt.replace("%s", os.devnull) if opt.startswith("--rcfile") else opt
        for opt in _test_options(tests_dir / "test_pylint.py")
    ]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tests_dir), *sys.path[1:]]),
        "ADDONS_PATH": os.pathsep.join([str(ROOT), str(src / "addons")]),
    }
    cmd = [sys.executable, "-m", "pylint", *options, *addons]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode:
        print(output)
        print("Odoo's TestPyLint checks failed on", ", ".join(addons))
        return 1
    print("Odoo's TestPyLint checks passed on", ", ".join(addons))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

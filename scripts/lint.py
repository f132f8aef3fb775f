#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run the hooks of .pre-commit-config.yaml offline (`make lint`, `make format`).

pre-commit installs each hook from its repository, which these machines cannot reach.
This script reads the same file and runs each hook it lists with the same tool, from
.venv (scripts/requirements-dev.txt) or node_modules (package.json), on the files
pre-commit would give it: the repository's files, minus the global `exclude`, filtered
by the hook's `files`, `exclude` and file types, with the hook's `args`.

Default mode checks and writes nothing: formatters run in check mode, and fixers that
have none run on a scratch copy. Any finding fails. `--fix` lets formatters and fixers
rewrite files (`make format`). A hook of the file that this script does not know fails,
so the two cannot drift apart.
"""

import argparse
import configparser
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from identify.identify import tags_from_path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
NODE_BIN = ROOT / "node_modules" / ".bin"
MANIFEST = r"(__manifest__\.py|__openerp__\.py|__terp__\.py)$"

# What each hook's repository declares (its .pre-commit-hooks.yaml): file selection and
# whether it receives file names. Hooks of `repo: local` declare it in our file.
HOOKS = {
    "whool-init": {"files": MANIFEST, "pass_filenames": False},
    "oca-update-pre-commit-excluded-addons": {"pass_filenames": False},
    "oca-fix-manifest-website": {"files": MANIFEST, "pass_filenames": False},
    "oca-gen-addon-readme": {"pass_filenames": False},
    "oca-gen-external-dependencies": {
        "files": r"(__manifest__\.py|__openerp__\.py|__terp__\.py|setup\.py"
        r"|pyproject\.toml)$",
        "pass_filenames": False,
    },
    "oca-checks-odoo-module": {
        "types_or": ["csv", "markdown", "pofile", "python", "rst", "xml"]
    },
    "oca-checks-po": {"types_or": ["pofile"]},
    "trailing-whitespace": {"types": ["text"], "fixer": "trailing-whitespace-fixer"},
    "end-of-file-fixer": {"types": ["text"], "fixer": "end-of-file-fixer"},
    "debug-statements": {"types": ["python"], "cmd": "debug-statement-hook"},
    "fix-encoding-pragma": {"types": ["python"], "fixer": "fix-encoding-pragma"},
    "check-case-conflict": {"cmd": "check-case-conflict"},
    "check-docstring-first": {"types": ["python"], "cmd": "check-docstring-first"},
    "check-executables-have-shebangs": {
        "types": ["text", "executable"],
        "cmd": "check-executables-have-shebangs",
    },
    "check-merge-conflict": {"types": ["text"], "cmd": "check-merge-conflict"},
    "check-symlinks": {"types": ["symlink"], "cmd": "check-symlinks"},
    "check-xml": {"types": ["xml"], "cmd": "check-xml"},
    "mixed-line-ending": {"types": ["text"], "cmd": "mixed-line-ending"},
    "ruff": {"types_or": ["python", "pyi"]},
    "ruff-format": {"types_or": ["python", "pyi"]},
    "pylint_odoo": {"types": ["python"]},
}


def repo_files():
    """Files pre-commit --all-files sees, plus new files not yet added."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = sorted({n for n in out.split("\0") if n})
    return [n for n in names if (ROOT / n).is_symlink() or (ROOT / n).is_file()]


def select(files, hook, known, global_exclude):
    files_re = re.compile(hook.get("files", known.get("files", "")))
    exclude = hook.get("exclude", known.get("exclude", "^$"))
    exclude_re = re.compile(exclude)
    types = set(hook.get("types", known.get("types", ["file"])))
    types_or = set(hook.get("types_or", known.get("types_or", [])))
    chosen = []
    for name in files:
        if global_exclude.search(name) or not files_re.search(name):
            continue
        if exclude_re.search(name):
            continue
        tags = tags_from_path(str(ROOT / name))
        if types <= tags and (not types_or or types_or & tags):
            chosen.append(name)
    return chosen


def run(cmd, **kwargs):
    """Run a command from the repository root; its output goes to ours."""
    return subprocess.run(cmd, cwd=kwargs.pop("cwd", ROOT), check=False, **kwargs)


def on_scratch_copy(fixer, args, files):
    """Run a fixer on copies: which files would it change? (check mode)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, Path(tmp) / name)
        result = run([BIN / fixer, *args, *files], cwd=tmp)
        return result.returncode


def addons():
    return sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))


def manifest_of(addon):
    import ast

    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def enabled_messages(rcfile):
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
    parser.read(ROOT / rcfile)
    value = parser.get("MESSAGES CONTROL", "enable", fallback="")
    lines = [line.split("#")[0] for line in value.splitlines()]
    names = {n.strip() for n in ",".join(lines).split(",") if n.strip()}
    options = dict(parser["ODOOLINT"]) if parser.has_section("ODOOLINT") else {}
    return names, options


def hook_pylint(hook, files, done):
    """pylint with the hook's rcfile, blocking.

    A run whose checks an earlier run already made (same options, a subset of its
    messages) is skipped: .pylintrc holds everything .pylintrc-mandatory enables.
    """
    rcfile = next(a.split("=", 1)[1] for a in hook["args"] if a.startswith("--rcfile="))
    names, options = enabled_messages(rcfile)
    for other_rc, (other_names, other_options) in done.items():
        if names <= other_names and options == other_options:
            print(f"  {rcfile}: every check it enables ran with {other_rc}")
            return 0
    done[rcfile] = (names, options)
    args = [a for a in hook["args"] if a != "--exit-zero"]
    return run([BIN / "pylint", *args, *files]).returncode


def hook_whool_init(fix):
    missing = [a for a in addons() if not (a / "pyproject.toml").exists()]
    if missing and fix:
        return run([BIN / "whool", "init"]).returncode
    for addon in missing:
        print(f"  {addon.name}: no pyproject.toml (run `make format`)")
    return 1 if missing else 0


def hook_excluded_addons(config_text):
    block = config_text.split("# NOT INSTALLABLE ADDONS", 1)[1]
    block = block.split("# END NOT INSTALLABLE ADDONS", 1)[0]
    status = 0
    for addon in addons():
        listed = f"^{addon.name}/" in block
        if listed == manifest_of(addon).get("installable", True):
            print(f"  {addon.name}: wrong NOT INSTALLABLE ADDONS block in the config")
            status = 1
    return status


def hook_website(hook):
    status = 0
    for addon in addons():
        if manifest_of(addon).get("website") != hook["args"][0]:
            print(f"  {addon.name}: manifest website is not {hook['args'][0]}")
            status = 1
    return status


def hook_prettier(hook, files, fix):
    args = [a for a in hook.get("args", []) if fix or a != "--write"]
    return run([NODE_BIN / "prettier", *args, *files]).returncode


def hook_eslint(hook, files, fix):
    args = [a for a in hook.get("args", []) if fix or a != "--fix"]
    return run([NODE_BIN / "eslint", *args, "--max-warnings=0", *files]).returncode


def hook_script(script, hook, fix):
    check = [] if fix else ["--check"]
    path = ROOT / "scripts" / script
    return run([sys.executable, path, *hook.get("args", []), *check]).returncode


def hook_ruff(hook, files, fix):
    # The hook's --fix and --exit-non-zero-on-fix: only when fixing, and then a fix
    # is not a failure.
    drop = ("--fix", "--exit-non-zero-on-fix")
    args = [a for a in hook.get("args", []) if a not in drop]
    fix_arg = ["--fix"] if fix else []
    return run([BIN / "ruff", "check", *args, *fix_arg, *files]).returncode


def hook_ruff_format(hook, files, fix):
    check = [] if fix else ["--check"]
    return run(
        [BIN / "ruff", "format", *hook.get("args", []), *check, *files]
    ).returncode


def hook_pre_commit_hooks(hook, files, fix):
    """A hook of pre-commit-hooks: a checker, or a fixer (on copies unless fixing)."""
    known, args = HOOKS[hook["id"]], hook.get("args", [])
    if hook["id"] == "mixed-line-ending" and not fix:
        args = ["--fix=no" if a.startswith("--fix=") else a for a in args]
    if "cmd" in known:
        return run([BIN / known["cmd"], *args, *files]).returncode
    if fix:
        return run([BIN / known["fixer"], *args, *files]).returncode
    return on_scratch_copy(known["fixer"], args, files)


def run_hook(hook, files, fix, config_text, pylint_done):
    hid = hook["id"]
    if hook.get("language") == "fail":
        for name in files:
            print(f"  {name}: {hook['entry']}")
        return 1 if files else 0
    runners = {
        "prettier": lambda: hook_prettier(hook, files, fix),
        "eslint": lambda: hook_eslint(hook, files, fix),
        "whool-init": lambda: hook_whool_init(fix),
        "oca-update-pre-commit-excluded-addons": lambda: hook_excluded_addons(
            config_text
        ),
        "oca-fix-manifest-website": lambda: hook_website(hook),
        "oca-gen-addon-readme": lambda: hook_script("gen_addon_readme.py", hook, fix),
        "oca-gen-external-dependencies": lambda: hook_script(
            "gen_external_dependencies.py", hook, fix
        ),
        "oca-checks-odoo-module": lambda: run(
            [BIN / hid, *hook.get("args", []), *files]
        ).returncode,
        "oca-checks-po": lambda: run(
            [BIN / hid, *hook.get("args", []), *files]
        ).returncode,
        "ruff": lambda: hook_ruff(hook, files, fix),
        "ruff-format": lambda: hook_ruff_format(hook, files, fix),
        "pylint_odoo": lambda: hook_pylint(hook, files, pylint_done),
    }
    if hid in runners:
        return runners[hid]()
    if "cmd" in HOOKS.get(hid, {}) or "fixer" in HOOKS.get(hid, {}):
        return hook_pre_commit_hooks(hook, files, fix)
    print(f"  unknown hook {hid}: teach scripts/lint.py how to run it")
    return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="let formatters write")
    parser.add_argument("hooks", nargs="*", help="only these hook ids")
    opts = parser.parse_args()
    config_text = (ROOT / ".pre-commit-config.yaml").read_text()
    config = yaml.safe_load(config_text)
    global_exclude = re.compile(config.get("exclude", "^$"))
    files = repo_files()
    failed, pylint_done, t_all = [], {}, time.monotonic()
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            if opts.hooks and hook["id"] not in opts.hooks:
                continue
            known = HOOKS.get(hook["id"], {})
            chosen = select(files, hook, known, global_exclude)
            always = hook.get("always_run") or hook["id"] in (
                "oca-gen-addon-readme",
                "oca-update-pre-commit-excluded-addons",
            )
            if not chosen and not always and hook.get("language") != "fail":
                continue
            if not known.get("pass_filenames", hook.get("pass_filenames", True)):
                chosen_files = []
            else:
                chosen_files = chosen
            t0 = time.monotonic()
            rc = run_hook(hook, chosen_files, opts.fix, config_text, pylint_done)
            name = hook.get("name", hook["id"])
            took = time.monotonic() - t0
            print(f"{'Passed' if rc == 0 else 'FAILED'}: {name} ({took:.1f}s)")
            if rc:
                failed.append(name)
    print(f"Lint took {time.monotonic() - t_all:.0f}s")
    if failed:
        print("Failed hooks: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

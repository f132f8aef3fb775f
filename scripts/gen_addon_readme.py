#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Generate each addon's README.rst and static/description/index.html from readme/.

OCA generates these files with `oca-gen-addon-readme` (OCA maintainer-tools, hook of
.pre-commit-config.yaml). That tool is not published on PyPI, so these machines cannot
install it: this script produces the same files, in the same layout (title, source
digest, badges, DESCRIPTION, table of contents, the other fragments, bug tracker,
credits), from the same inputs and with the same options, so that the OCA hook finds
nothing to change. Markdown fragments are converted with pandoc, as OCA does.

    gen_addon_readme.py --addons-dir=. --branch=18.0 --org-name=ORG --repo-name=REPO
        [--if-source-changed] [--keep-source-digest] [--check]

--check writes nothing and exits 1 when a generated file differs from what is committed.
"""

import argparse
import ast
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

# Fragment name -> (section title, heading level in README.rst); in README order.
FRAGMENTS = {
    "DESCRIPTION": (None, 2),
    "CONTEXT": ("Use Cases / Context", 2),
    "INSTALL": ("Installation", 2),
    "CONFIGURE": ("Configuration", 2),
    "USAGE": ("Usage", 2),
    "DEVELOP": ("Development", 2),
    "ROADMAP": ("Known issues / Roadmap", 2),
    "HISTORY": ("Changelog", 2),
    "CONTRIBUTORS": ("Contributors", 3),
    "CREDITS": ("Other credits", 3),
}
PANDOC_FROM = "gfm-raw_html-gfm_auto_identifiers"
MATURITY = "https://odoo-community.org/page/development-status"
STATUS_BADGES = {
    "alpha": ("maturity-Alpha-red", "Alpha"),
    "beta": ("maturity-Beta-yellow", "Beta"),
    "production/stable": ("maturity-Production%2FStable-green", "Production/Stable"),
    "mature": ("maturity-Mature-brightgreen", "Mature"),
}
LICENSE_BADGES = {
    "AGPL-3": ("license-AGPL--3-blue", "agpl-3.0"),
    "LGPL-3": ("license-LGPL--3-blue", "lgpl-3.0"),
    "GPL-3": ("license-GPL--3-blue", "gpl-3.0"),
}
# Settings of docutils for index.html and the syntax check (those of readme_renderer).
DOCUTILS_SETTINGS = {
    "file_insertion_enabled": False,
    "halt_level": 2,
    "math_output": "MathJax",
    "raw_enabled": False,
    "smart_quotes": True,
    "syntax_highlight": "short",
    "xml_declaration": False,
    "output_encoding": "utf-8",
}
BANNER = "!" * 52


def source_digest(addon_dir):
    """sha256 over the manifest and readme/, names and contents, as OCA computes it."""
    digest = hashlib.sha256()
    paths = ["__manifest__.py"]
    for dirpath, dirnames, filenames in os.walk(addon_dir / "readme"):
        dirnames.sort()
        rel = os.path.relpath(dirpath, addon_dir)
        paths += [os.path.join(rel, f) for f in sorted(filenames) if f[0] != "."]
    for rel in paths:
        digest.update(rel.encode())
        digest.update((addon_dir / rel).read_bytes())
    return f"sha256:{digest.hexdigest()}"


def fragment_rst(addon_dir, name, level, org, repo, branch):
    """The fragment as reStructuredText, with image paths made absolute, or None."""
    md, rst = addon_dir / "readme" / f"{name}.md", addon_dir / "readme" / f"{name}.rst"
    if md.exists() and rst.exists():
        sys.exit(f"{addon_dir}: both {md.name} and {rst.name}; keep one")
    if rst.exists():
        text = rst.read_text(encoding="utf-8")
    elif md.exists():
        text = subprocess.run(
            ["pandoc", "--sandbox", f"--from={PANDOC_FROM}", "--to=rst"]
            + [f"--shift-heading-level-by={level - 2}", str(md)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    else:
        return None
    if not text:
        return None
    base = f"https://raw.githubusercontent.com/{org}/{repo}/{branch}/{addon_dir.name}/"
    lines = text.splitlines(keepends=True)
    image = re.compile(r".*\s*\.\..* (figure|image)::\s+(?P<path>.*?)\s*$")
    for i, line in enumerate(lines):
        match = image.match(line)
        if match and not match["path"].startswith("http"):
            path = match["path"]
            lines[i] = line.replace(path, base + path.replace("../", ""))
    text = "".join(lines)
    return text if text.endswith("\n") else text + "\n"


def badges(manifest, org, repo, branch, addon):
    found = []
    status = manifest.get("development_status", "Beta").lower()
    if status in STATUS_BADGES:
        image, alt = STATUS_BADGES[status]
        found.append((f"https://img.shields.io/badge/{image}.png", MATURITY, alt))
    if manifest.get("license") in LICENSE_BADGES:
        image, page = LICENSE_BADGES[manifest["license"]]
        found.append(
            (
                f"https://img.shields.io/badge/{image}.png",
                f"http://www.gnu.org/licenses/{page}-standalone.html",
                f"License: {manifest['license']}",
            )
        )
    org_badge, repo_badge = org.replace("-", "--"), repo.replace("-", "--")
    found.append(
        (
            f"https://img.shields.io/badge/github-{org_badge}%2F{repo_badge}"
            "-lightgray.png?logo=github",
            f"https://github.com/{org}/{repo}/tree/{branch}/{addon}",
            f"{org}/{repo}",
        )
    )
    return found


def render(addon_dir, manifest, digest, org, repo, branch):
    addon = addon_dir.name
    fragments = {}
    md_format = False
    for name, (_title, level) in FRAGMENTS.items():
        md_format |= (addon_dir / "readme" / f"{name}.md").exists()
        text = fragment_rst(addon_dir, name, level, org, repo, branch)
        if text:
            fragments[name] = text
    sub3 = "-" if md_format else "~"
    status = manifest.get("development_status", "Beta").lower()
    name = manifest["name"]

    def section(key, sub="="):
        if key not in fragments:
            return ""
        title = FRAGMENTS[key][0]
        return f"{title}\n{sub * len(title)}\n\n{fragments[key]}\n"

    out = [f"{'=' * len(name)}\n{name}\n{'=' * len(name)}\n\n"]
    out.append(
        f".. \n   {BANNER}\n"
        "   !! This file is generated by oca-gen-addon-readme !!\n"
        "   !! changes will be overwritten.                   !!\n"
        f"   {BANNER}\n   !! source digest: {digest}\n   {BANNER}\n\n"
    )
    found = badges(manifest, org, repo, branch, addon)
    for i, (image, target, alt) in enumerate(found, 1):
        out.append(f".. |badge{i}| image:: {image}\n    :target: {target}\n")
        if alt:
            out.append(f"    :alt: {alt}\n")
    out.append("\n" + " ".join(f"|badge{i}|" for i in range(1, len(found) + 1)))
    out.append(f"\n\n{fragments.get('DESCRIPTION', '')}\n")
    if status == "alpha":
        out.append(
            ".. IMPORTANT::\n"
            "   This is an alpha version, the data model and design can change at any"
            " time without warning.\n"
            "   Only for development or testing purpose, do not use in production.\n"
            f"   `More details on development status <{MATURITY}>`_\n\n"
        )
    out.append("**Table of contents**\n\n.. contents::\n   :local:\n\n")
    for key in ("CONTEXT", "INSTALL", "CONFIGURE", "USAGE", "DEVELOP", "ROADMAP"):
        out.append(section(key))
    out.append(section("HISTORY"))
    issues = f"https://github.com/{org}/{repo}/issues"
    body = (
        f"module:%20{addon}%0Aversion:%20{branch}%0A%0A**Steps%20to%20reproduce**"
        "%0A-%20...%0A%0A**Current%20behavior**%0A%0A**Expected%20behavior**"
    )
    out.append(
        "Bug Tracker\n===========\n\n"
        f"Bugs are tracked on `GitHub Issues <{issues}>`_.\n"
        "In case of trouble, please check there if your issue has already been"
        " reported.\n"
        "If you spotted it first, help us to smash it by providing a detailed and"
        " welcomed\n"
        f"`feedback <{issues}/new?body={body}>`_.\n\n"
        "Do not contact contributors directly about support or help with technical"
        " issues.\n\nCredits\n=======\n\n"
    )
    authors = [
        a.strip() for a in manifest.get("author", "").split(",") if "(OCA)" not in a
    ]
    if authors:
        out.append(f"Authors\n{sub3 * 7}\n\n")
        out.append("".join(f"* {author}\n" for author in authors) + "\n")
    out.append(section("CONTRIBUTORS", sub3))
    out.append(section("CREDITS", sub3))
    out.append(f"Maintainers\n{sub3 * 11}")
    maintainers = manifest.get("maintainers") or []
    if maintainers:
        out.append("\n")
        for login in maintainers:
            out.append(
                f"\n.. |maintainer-{login}| image:: https://github.com/{login}.png"
                f"?size=40px\n    :target: https://github.com/{login}\n"
                f"    :alt: {login}"
            )
        plural = "s" if len(maintainers) > 1 else ""
        out.append(f"\n\nCurrent maintainer{plural}:\n\n")
        out.append("".join(f"|maintainer-{login}| " for login in maintainers))
        out.append("\n")
    url = f"https://github.com/{org}/{repo}/tree/{branch}/{addon}"
    out.append(
        f"\nThis module is part of the `{org}/{repo} <{url}>`_ project on GitHub.\n\n"
        "You are welcome to contribute.\n"
    )
    return "".join(out)


def rst_to_html(rst_text):
    """index.html as OCA publishes it; raises on any docutils warning."""
    from docutils.core import publish_string

    html = publish_string(
        rst_text,
        writer_name="html4css1",
        settings_overrides=DOCUTILS_SETTINGS,
    )
    # The docutils version is left out so that an upgrade does not rewrite every file.
    return re.sub(rb"(<meta.*generator.*Docutils)\s*[\d.]+", rb"\1", html)


def stored_digest(readme):
    if not readme.is_file():
        return None
    match = re.search(r"!! source digest: (sha256:\w+)", readme.read_text("utf-8"))
    return match and match[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--addons-dir", default=".")
    parser.add_argument("--branch", required=True)
    parser.add_argument("--org-name", default="OCA")
    parser.add_argument("--repo-name", required=True)
    parser.add_argument("--if-source-changed", action="store_true")
    parser.add_argument("--keep-source-digest", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for manifest_path in sorted(Path(args.addons_dir).glob("*/__manifest__.py")):
        addon_dir = manifest_path.parent
        manifest = ast.literal_eval(manifest_path.read_text(encoding="utf-8"))
        if not manifest.get("installable", True):
            continue
        if not any((addon_dir / "readme").glob("DESCRIPTION.*")):
            continue
        readme = addon_dir / "README.rst"
        digest = source_digest(addon_dir)
        if args.if_source_changed and stored_digest(readme) == digest:
            continue
        if args.keep_source_digest:
            digest = stored_digest(readme) or digest
        rst = render(
            addon_dir, manifest, digest, args.org_name, args.repo_name, args.branch
        )
        html = rst_to_html(rst)
        index = addon_dir / "static" / "description" / "index.html"
        if index.exists() and b"oca-gen-addon-readme" not in index.read_bytes():
            index = None  # written by hand: OCA leaves it alone
        for path, content in ((readme, rst.encode()), (index, html)):
            if path is None or (path.exists() and path.read_bytes() == content):
                continue
            stale.append(str(path))
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
    if stale and args.check:
        print("Out of date (run `make format`):", *stale, sep="\n  ")
        return 1
    for path in stale:
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""REUSE-style licence headers (as community.dns has them), added or checked.

    python3 scripts/reuse_headers.py --check            # files git tracks that lack a header
    python3 scripts/reuse_headers.py --fix [PATH ...]   # add the header (default: every tracked file)

The header, in the comment syntax of the file:

    Copyright (c) mailops.smartermail contributors
    GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
    SPDX-License-Identifier: GPL-3.0-or-later

Python files that carry the older two-line notice get it replaced. Files that cannot hold a
comment (JSON, WSDL fixtures) or that tools rewrite (CHANGELOG.md, changelogs/) are covered by
REUSE.toml; the licence texts (COPYING, LICENSES/) need none.
"""
import fnmatch
import os
import re
import subprocess
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINES = ("Copyright (c) mailops.smartermail contributors",
         "GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)",
         "SPDX-License-Identifier: GPL-3.0-or-later")
OLD_PY = re.compile(r"^# Copyright: mailops\.smartermail contributors\n"
                    r"# GNU General Public License v3\.0\+ \(see https://www\.gnu\.org/licenses/gpl-3\.0\.txt\)\n", re.M)
HASH = (".py", ".yml", ".yaml", ".sh", ".cfg", ".ini", ".toml", ".txt", ".j2.sh")
HASH_NAMES = ("aliases", "Makefile", ".gitignore", ".ansible-lint", "run", "requirements.txt", "bindep.txt")
EXEMPT = ("COPYING", "LICENSES/*")


def tracked():
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout.decode()
    return sorted(p for p in out.split("\0") if p and os.path.isfile(os.path.join(ROOT, p)))


def covered_by_toml():
    with open(os.path.join(ROOT, "REUSE.toml"), "rb") as handle:
        data = tomllib.load(handle)
    patterns = []
    for annotation in data.get("annotations", []):
        paths = annotation["path"]
        patterns += [paths] if isinstance(paths, str) else paths
    return patterns


def matches(path, patterns):
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, p.replace("**/", "")) for p in patterns)


def header_for(path):
    name = os.path.basename(path)
    if name.endswith(".md"):
        return "<!--\n%s\n-->\n\n" % "\n".join(LINES)
    if name.endswith(".rst"):
        return "..\n%s\n\n" % "\n".join("  " + line for line in LINES)
    if name.endswith(".j2"):
        return "{#\n%s\n#}\n" % "\n".join(LINES)
    if name.endswith(HASH) or name in HASH_NAMES:
        return "".join("# %s\n" % line for line in LINES)
    return None


def add_header(path):
    full = os.path.join(ROOT, path)
    with open(full, encoding="utf-8") as handle:
        text = handle.read()
    if "SPDX-License-Identifier" in text:
        return False
    header = header_for(path)
    if header is None:
        return False
    if path.endswith(".py") and OLD_PY.search(text):
        text = OLD_PY.sub(header, text, count=1)
    else:
        lines = text.splitlines(True)
        keep = 0
        # after a shebang, a coding line or a YAML document start
        while keep < len(lines) and (lines[keep].startswith("#!") or re.match(r"#.*coding[:=]", lines[keep])
                                     or lines[keep].rstrip() == "---"):
            keep += 1
        spacer = "\n" if keep < len(lines) and lines[keep].strip() and not header.endswith("\n\n") else ""
        text = "".join(lines[:keep]) + header + spacer + "".join(lines[keep:])
    with open(full, "w", encoding="utf-8") as handle:
        handle.write(text)
    return True


def main(argv):
    if not argv or argv[0] not in ("--check", "--fix"):
        print(__doc__)
        return 2
    patterns = covered_by_toml() + list(EXEMPT)
    files = [p for p in tracked() if not matches(p, patterns)]
    if argv[0] == "--fix":
        wanted = argv[1:]
        if wanted:
            files = [p for p in files if any(p == w or p.startswith(w.rstrip("/") + "/") for w in wanted)]
        changed = [p for p in files if add_header(p)]
        print("header added to %d file(s)" % len(changed))
        return 0
    missing = []
    for path in files:
        with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as handle:
            if "SPDX-License-Identifier" not in handle.read():
                missing.append(path)
    if missing:
        print("no SPDX-License-Identifier (python3 scripts/reuse_headers.py --fix, or list in REUSE.toml):\n  "
              + "\n  ".join(missing), file=sys.stderr)
        return 1
    print("every tracked file has a licence header or is covered by REUSE.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

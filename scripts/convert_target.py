#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Turn flat integration playbooks tests/integration/targets/<name>.yml into ansible-test targets.

    python3 scripts/convert_target.py NAME [NAME ...]    # or --all: every flat playbook left

For each playbook (with git, so history follows the file):

    targets/<name>.yml            -> targets/<name>/tasks/main.yml   (git mv, then edited in place)
    targets/<x>_case.yml it includes -> targets/<name>/tasks/<x>_case.yml (git mv)
    new: targets/<name>/runme.sh  (calls ../setup_emulator/run_target.py)
    new: targets/<name>/aliases   (context/controller, needs/target/setup_emulator)

The edit is textual, so comments and layout stay: each play becomes a block with the same name,
module_defaults, vars and environment (a play's `tasks:` line becomes `block:`, its `hosts:` and
`gather_facts:` lines go). A play with other keys (roles, handlers, pre_tasks, vars_files, ...)
or a playbook that uses playbook_dir is refused with the reason: convert it by hand. The same by
hand: `git mv` as above, delete the two lines, rename `tasks:` to `block:`, copy runme.sh and
aliases from any converted target.
"""
import os
import re
import stat
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reuse_headers import add_header  # noqa: E402  pylint: disable=wrong-import-position

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = os.path.join(ROOT, "tests", "integration", "targets")
BLOCK_KEYS = {"name", "hosts", "gather_facts", "module_defaults", "vars", "environment", "tasks", "tags",
              "check_mode", "diff", "become", "any_errors_fatal", "ignore_errors", "no_log"}
RUNME = """#!/usr/bin/env bash
# tasks/main.yml against an emulator of its own: see ../setup_emulator/run_target.py
exec "${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" ../setup_emulator/run_target.py "$@"
"""
ALIASES = """# The modules run on the controller against the emulator that runme.sh starts on its loopback.
context/controller
needs/target/setup_emulator
"""
INCLUDE = re.compile(r"^\s*(?:ansible\.builtin\.)?(?:include_tasks|import_tasks):\s*['\"]?([\w.-]+\.yml)['\"]?\s*$",
                     re.M)


def git(*args):
    subprocess.run(["git"] + list(args), cwd=ROOT, check=True)


def flat_playbooks():
    return sorted(n[:-4] for n in os.listdir(TARGETS)
                  if n.endswith(".yml") and not n.endswith("_case.yml") and os.path.isfile(os.path.join(TARGETS, n)))


def convert_text(text, source):
    plays = yaml.safe_load(text)
    if not isinstance(plays, list) or not all(isinstance(p, dict) and "tasks" in p for p in plays):
        raise ValueError("%s is not a list of plays with tasks" % source)
    for play in plays:
        extra = set(play) - BLOCK_KEYS
        if extra:
            raise ValueError("%s: play %r has %s, which a block cannot hold" % (source, play.get("name"),
                                                                                 ", ".join(sorted(extra))))
    if "playbook_dir" in text:
        raise ValueError("%s uses playbook_dir: use output_dir (the target's scratch folder) instead" % source)
    out = []
    for line in text.splitlines(True):
        if re.match(r"^  (hosts|gather_facts):", line):
            continue
        out.append(re.sub(r"^  tasks:(\s*)$", r"  block:\1", line))
    converted = "".join(out)
    blocks = yaml.safe_load(converted)
    if len(blocks) != len(plays) or not all("block" in b and not {"tasks", "hosts", "gather_facts"} & set(b)
                                            for b in blocks):
        raise ValueError("%s: plays must be top-level list items with keys indented by two spaces" % source)
    return converted


def convert(name):
    source = os.path.join(TARGETS, name + ".yml")
    if not os.path.isfile(source):
        raise ValueError("no flat playbook %s" % os.path.relpath(source, ROOT))
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    converted = convert_text(text, os.path.relpath(source, ROOT))
    folder = os.path.join(TARGETS, name)
    os.makedirs(os.path.join(folder, "tasks"), exist_ok=True)
    git("mv", source, os.path.join(folder, "tasks", "main.yml"))
    with open(os.path.join(folder, "tasks", "main.yml"), "w", encoding="utf-8") as handle:
        handle.write(converted)
    for included in sorted(set(INCLUDE.findall(text))):
        path = os.path.join(TARGETS, included)
        if os.path.isfile(path):
            git("mv", path, os.path.join(folder, "tasks", included))
    runme = os.path.join(folder, "runme.sh")
    with open(runme, "w", encoding="utf-8") as handle:
        handle.write(RUNME)
    os.chmod(runme, os.stat(runme).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    with open(os.path.join(folder, "aliases"), "w", encoding="utf-8") as handle:
        handle.write(ALIASES)
    for path in [runme, os.path.join(folder, "aliases")] + [
            os.path.join(folder, "tasks", n) for n in sorted(os.listdir(os.path.join(folder, "tasks")))]:
        add_header(os.path.relpath(path, ROOT))
    git("add", runme, os.path.join(folder, "aliases"), os.path.join(folder, "tasks"))
    print("converted %s -> %s/" % (os.path.relpath(source, ROOT), os.path.relpath(folder, ROOT)))


def main(argv):
    names = flat_playbooks() if argv == ["--all"] else argv
    if not names:
        print(__doc__ if not argv else "no flat playbook left in %s" % os.path.relpath(TARGETS, ROOT))
        return 0 if argv else 2
    failed = 0
    for name in names:
        try:
            convert(name[:-4] if name.endswith(".yml") else name)
        except ValueError as exc:
            print("not converted: %s" % exc, file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Copy the collection's files into .build/ansible_collections/mailops/smartermail.

    python3 scripts/sync_collection.py [ROOT]   # ROOT/ansible_collections/mailops/smartermail

The Makefile gives each ansible-core leg of the test matrix a copy of its own (.build/leg-2.18,
...), so legs can run side by side without sharing ansible-test's tests/output.

ansible-test needs the collection at a physical path ending in ansible_collections/NS/NAME (a
symlink does not do), and ansible-playbook finds it there through ANSIBLE_COLLECTIONS_PATH.
Files git tracks or would track (not ignored) are copied; stale copies are removed.
"""
import os
import shutil
import subprocess
import sys

# Not collection content (galaxy.yml's build_ignore keeps them out of the tarball too): the
# Makefile's scripts and the benchmark run from the source tree. The tests, the emulator included,
# are copied: ansible-test runs them from the copy (the integration targets start the emulator).
EXCLUDE = ("scripts/", "benchmarks/", ".ci/")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEST = os.path.join(ROOT, ".build", "ansible_collections", "mailops", "smartermail")


def indexed(dest):
    """The files the copy's own repository lists (a read: takes no lock)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=dest, check=True, stdout=subprocess.PIPE).stdout
    return set(f for f in listed.decode().split("\0") if f)


def main(argv=None):
    global DEST  # pylint: disable=global-statement
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        DEST = os.path.join(os.path.abspath(argv[0]), "ansible_collections", "mailops", "smartermail")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout.decode().split("\0")
    files = sorted(f for f in listed if f and os.path.isfile(os.path.join(ROOT, f)) and not f.startswith(EXCLUDE))
    wanted = set(files)
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(DEST):
        for name in filenames:
            rel = os.path.relpath(os.path.join(dirpath, name), DEST)
            if rel not in wanted and not rel.startswith(("tests/output", ".git")):
                os.remove(os.path.join(dirpath, name))
                removed += 1
    copied = 0
    for rel in files:
        src, dst = os.path.join(ROOT, rel), os.path.join(DEST, rel)
        if os.path.exists(dst) and os.path.getmtime(dst) >= os.path.getmtime(src) \
                and os.path.getsize(dst) == os.path.getsize(src):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)
        copied += 1
    # ansible-test lists a collection's files with git; the copy sits in a folder the outer repo
    # ignores, so it gets a repository of its own whose index holds exactly the copied files.
    # A copy already up to date is only read (make demo and the tests can sync it while others use it).
    if not os.path.isdir(os.path.join(DEST, ".git")):
        subprocess.run(["git", "init", "-q", DEST], check=True)
    elif not copied and not removed and indexed(DEST) == wanted:
        print("collection copy: %d files (up to date) in %s" % (len(files), os.path.relpath(DEST, ROOT)))
        return 0
    subprocess.run(["git", "add", "-A", "."], cwd=DEST, check=True)
    print("collection copy: %d files (%d updated) in %s" % (len(files), copied, os.path.relpath(DEST, ROOT)))


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run galaxy-importer (what Galaxy and Automation Hub run on every upload) on the built tarball.

    python scripts/galaxy_importer_check.py TARBALL WORKDIR

Run with the Python of the virtualenv that holds galaxy-importer (make test-importer uses
.build/venv-importer): the importer calls ansible-doc, ansible-lint and flake8 from PATH, so that
virtualenv's bin folder goes first on it.  Offline and without a container engine: the
importer's own ansible-test step is off; ansible-doc, ansible-lint (offline) and flake8 are on.

The check fails on any WARNING or ERROR line the importer prints, on a traceback, and when it
does not end with "Importer processing completed successfully".

galaxy.yml has no ``repository`` yet (the collection has no public address), and the importer
refuses a collection without one before it checks anything else.  So, while the key is missing,
the check first proves that this refusal is the only complaint about the real tarball (the exact
message, nothing else), then runs the full import on a copy of the tarball whose MANIFEST.json
alone names a placeholder address under the reserved ``.invalid`` domain (the importer does not
checksum MANIFEST.json; every other file is byte for byte the built one).  Once galaxy.yml has
the key, the real tarball is imported directly and the copy is no longer made.
"""

import io
import json
import os
import re
import subprocess
import sys
import tarfile

PLACEHOLDER_REPOSITORY = "https://repository.invalid/mailops/smartermail"
MISSING_REPOSITORY = ("ERROR: The import failed for the following reason: "
                      "Invalid collection metadata. 'repository' is required")
SUCCESS = "Importer processing completed successfully"
CONFIG = """[galaxy-importer]
RUN_ANSIBLE_TEST = False
RUN_ANSIBLE_LINT = True
RUN_ANSIBLE_DOC = True
OFFLINE_ANSIBLE_LINT = True
CHECK_CHANGELOG = True
RUN_FLAKE8 = True
LOG_LEVEL_MAIN = INFO
ANSIBLE_LOCAL_TMP = {tmp}
TMP_ROOT_DIR = {tmp}
"""
# What the importer prints for each plugin it hands to flake8 and each file it loads: progress only.
PROGRESS = re.compile(r"^(Linting \S+ \S+ via flake8\.\.\.|Loading \S+ \S+)$")


# The importer warns that sanity ignore files exist. Ours hold one statement each, the one ignore
# ansible-test cannot do without here: the action plugin every module is routed to
# (meta/runtime.yml) has no module of its own name, so action-plugin-docs cannot pair it. That
# warning is accepted only while each ignore file holds exactly that statement (one statement).
ACCEPTED_IGNORE = "plugins/action/resource.py action-plugin-docs"
IGNORE_WARNING = re.compile(r"^WARNING: Ignore files skip ansible-test sanity tests, found ignore-[0-9.]+\.txt with 1 statement\(s\)$")


def _only_accepted_ignores(root=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))):
    folder = os.path.join(root, "tests", "sanity")
    for name in os.listdir(folder) if os.path.isdir(folder) else ():
        with open(os.path.join(folder, name)) as handle:
            statements = [line.split("#")[0].strip() for line in handle if line.split("#")[0].strip()]
        if statements != [ACCEPTED_IGNORE]:
            return False
    return True


def problems(lines):
    """The lines that make the check fail: warnings, errors, tracebacks."""
    accepted = _only_accepted_ignores()
    return [line for line in lines
            if (line.startswith(("WARNING", "ERROR", "CRITICAL")) or "Traceback (most recent call last)" in line)
            and not (accepted and IGNORE_WARNING.match(line))]


def run_importer(tarball, workdir):
    """Run galaxy-importer on the tarball; return its exit code and its output lines."""
    tmp = os.path.join(workdir, "tmp")
    os.makedirs(tmp, exist_ok=True)
    config = os.path.join(workdir, "galaxy-importer.cfg")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(CONFIG.format(tmp=tmp))
    bindir = os.path.dirname(sys.executable)
    # The importer sets the collection path of each tool it calls; nothing from the caller's
    # Ansible settings (make exports some for the development virtualenv) may leak into them.
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "GALAXY_IMPORTER_"))
               and k not in ("PYTHONPATH", "VIRTUAL_ENV"))
    env.update(GALAXY_IMPORTER_CONFIG=config, PATH=bindir + os.pathsep + env.get("PATH", ""),
               HOME=os.path.join(workdir, "home"), LC_ALL="C.UTF-8")
    os.makedirs(env["HOME"], exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "galaxy_importer.main", os.path.abspath(tarball)],
                          cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          encoding="utf-8", errors="replace", check=False)
    with open(os.path.join(workdir, "importer-output.txt"), "a", encoding="utf-8") as log:
        log.write("==== %s (exit code %d)\n%s\n" % (tarball, proc.returncode, proc.stdout))
    return proc.returncode, proc.stdout.splitlines()


def manifest(tarball):
    with tarfile.open(tarball) as archive:
        return json.load(archive.extractfile("MANIFEST.json"))


def with_placeholder_repository(tarball, workdir):
    """A copy of the tarball (same file name) whose MANIFEST.json names the placeholder repository."""
    copy_dir = os.path.join(workdir, "placeholder-repository")
    os.makedirs(copy_dir, exist_ok=True)
    copy = os.path.join(copy_dir, os.path.basename(tarball))
    with tarfile.open(tarball) as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name == "MANIFEST.json":
                content = json.load(data)
                content["collection_info"]["repository"] = PLACEHOLDER_REPOSITORY
                raw = json.dumps(content, indent=4, sort_keys=True).encode("utf-8")
                member.size = len(raw)
                data = io.BytesIO(raw)
            target.addfile(member, data)
    return copy


def show(lines):
    shown = [line for line in lines if not PROGRESS.match(line)]
    print("\n".join("    " + line for line in shown))
    if len(shown) < len(lines):
        print("    (%d progress lines left out)" % (len(lines) - len(shown)))


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    tarball, workdir = argv[1], os.path.abspath(argv[2])
    os.makedirs(workdir, exist_ok=True)
    log = os.path.join(workdir, "importer-output.txt")
    if os.path.exists(log):
        os.remove(log)
    failures = []

    to_import = tarball
    if not manifest(tarball)["collection_info"].get("repository"):
        print("galaxy-importer on %s (galaxy.yml has no repository):" % tarball)
        code, lines = run_importer(tarball, workdir)
        show(lines)
        if code == 0 or problems(lines) != [MISSING_REPOSITORY]:
            failures.append("expected the importer to refuse the tarball for the missing 'repository' alone, "
                            "with the line %r; it exited %d and printed: %s" % (MISSING_REPOSITORY, code, problems(lines)))
        to_import = with_placeholder_repository(tarball, workdir)
        print("galaxy-importer on a copy whose MANIFEST.json names %s:" % PLACEHOLDER_REPOSITORY)

    code, lines = run_importer(to_import, workdir)
    if to_import == tarball:
        print("galaxy-importer on %s:" % tarball)
    show(lines)
    found = problems(lines)
    if found:
        failures.append("the importer printed %d warning or error line(s):\n%s" % (len(found), "\n".join(found)))
    if code != 0 or SUCCESS not in lines:
        failures.append("the import did not complete (exit code %d, no %r line)" % (code, SUCCESS))

    if failures:
        for failure in failures:
            print("make test-importer: FAILED: " + failure, file=sys.stderr)
        print("make test-importer: the importer's full output is in " + log, file=sys.stderr)
        return 1
    print("make test-importer: galaxy-importer accepts the collection: no warning, no error")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

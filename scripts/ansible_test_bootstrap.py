#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Let ansible-test create its virtual environments without reaching the internet.

ansible-test bootstraps pip in each virtual environment with a script it downloads from a host
that this project's machines cannot reach, unless the script is already in its cache.  This
writes a small stand-in there: it runs ensurepip and then pip with the arguments ansible-test
gave.  It writes it only when it is missing, and says so.

It also removes a cached sanity environment that lost its interpreter (an interrupted or
concurrent run can leave one with its marker but no ``bin/python``): ansible-test would reuse it
and fail every import test.
"""
import os
import re
import sys

STAND_IN = '''"""Stand-in for get-pip.py written by mailops.smartermail (scripts/ansible_test_bootstrap.py)."""
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
'''


def pip_version():
    import ansible_test
    path = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(path) as handle:
        match = re.search(r"pip='([0-9.]+)'", handle.read())
    return match.group(1) if match else "24.2"


def remove_broken_environments(root=os.path.expanduser("~/.ansible/test/venv"), settle=600):
    """Remove ansible-test's cached environments (<root>/<test>/<python>/<hash>/) without an
    interpreter, left untouched for ``settle`` seconds (one being created right now is younger)."""
    import shutil
    import time
    if not os.path.isdir(root):
        return
    for test in sorted(os.listdir(root)):
        for python in sorted(os.listdir(os.path.join(root, test))):
            base = os.path.join(root, test, python)
            for digest in sorted(os.listdir(base)) if os.path.isdir(base) else ():
                env = os.path.join(base, digest)
                if (os.path.isdir(env) and not os.path.exists(os.path.join(env, "bin", "python"))
                        and time.time() - os.path.getmtime(env) > settle):
                    shutil.rmtree(env, ignore_errors=True)
                    print("removed ansible-test's environment without an interpreter: %s" % env)


def main():
    remove_broken_environments()
    version = pip_version()
    cache = os.path.expanduser("~/.ansible/test/cache/get_pip_%s.py" % version.replace(".", "_"))
    if os.path.exists(cache):
        return 0
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    with open(cache, "w") as handle:
        handle.write(STAND_IN)
    print("wrote an offline stand-in for ansible-test's pip %s bootstrap script: %s" % (version, cache))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""make demo: start the emulator, run playbooks/demo.yml against it, summarize, stop it.

Three runs: the first creates everything, the second changes nothing, the third (``--check
--diff``, the drift report a user runs before applying) reports no change and writes nothing.
The emulator (a free port, its state in a temporary folder) is stopped by its PID when the runs
end, fail or are interrupted.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from mailops_emulator.control import EmulatorProcess  # noqa: E402

ADMIN_PASSWORD = "Demo-Admin-Password-1"
RECAP = re.compile(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


class DemoFailed(Exception):
    pass


def run(env, label, *extra):
    print("\n=== %s ===" % label, flush=True)
    proc = subprocess.run([os.path.join(ROOT, ".venv", "bin", "ansible-playbook"), "playbooks/demo.yml", "--diff"]
                          + list(extra), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True)
    print(proc.stdout, flush=True)
    recap = RECAP.search(proc.stdout)
    if proc.returncode != 0 or not recap:
        raise DemoFailed("%s failed (ansible-playbook exit code %s)" % (label, proc.returncode))
    return int(recap.group(2))


def main():
    with tempfile.TemporaryDirectory(prefix="mailops-demo-") as tmp:
        emulator = EmulatorProcess(os.path.join(tmp, "state.json"), admin_user="admin",
                                   admin_password=ADMIN_PASSWORD)
        emulator.start()
        try:
            print("emulator listening on %s (pid %s): SmarterMail's SOAP services and JSON API"
                  % (emulator.url, emulator.pid), flush=True)
            env = dict(os.environ, SMARTERMAIL_URL=emulator.url, SMARTERMAIL_USERNAME="admin",
                       SMARTERMAIL_PASSWORD=ADMIN_PASSWORD, SMARTERMAIL_WSDL_CACHE_DIR=os.path.join(tmp, "wsdl"),
                       ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1",
                       ANSIBLE_PYTHON_INTERPRETER=os.path.join(ROOT, ".venv", "bin", "python"),
                       ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
            env.pop("SMARTERMAIL_API", None)  # each task says which API it uses
            first = run(env, "first run: creates the domain, its aliases, a domain alias and a mailbox")
            second = run(env, "second run: nothing left to change")
            writes_before_check = emulator.counters().get("writes")
            third = run(env, "third run, --check --diff: what would change on the server (nothing)", "--check")
            counters = emulator.counters()
        except DemoFailed as exc:
            sys.exit("demo: %s" % exc)
        finally:
            pid = emulator.pid
            emulator.stop()
            print("emulator stopped (pid %s)" % pid, flush=True)
    print("=== summary ===")
    print("changed tasks: first run %d, second run %d, third run (--check) %d" % (first, second, third))
    print("emulator saw %s reads, %s writes, %s WSDL fetches over the three runs; the --check run wrote %d" % (
        counters.get("reads"), counters.get("writes"), counters.get("wsdl"),
        counters.get("writes") - writes_before_check))
    if first == 0 or second != 0 or third != 0 or counters.get("writes") != writes_before_check:
        sys.exit("demo: expected changes on the first run only, and no write in check mode")
    print("idempotent: the second run changed nothing, and the --check --diff run found nothing to change")
    print("next: docs/quickstart.md (your own playbook against `make emulator`, then a real server)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""make demo: start the emulator, run playbooks/demo.yml twice against it, summarize, stop it."""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from mailops_emulator.control import EmulatorProcess  # noqa: E402

ADMIN_PASSWORD = "Demo-Admin-Password-1"


def run(env, label):
    print("\n=== %s ===" % label, flush=True)
    proc = subprocess.run([os.path.join(ROOT, ".venv", "bin", "ansible-playbook"), "playbooks/demo.yml", "--diff"],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(proc.stdout)
    recap = re.search(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", proc.stdout)
    if proc.returncode != 0 or not recap:
        sys.exit("demo: %s failed (exit %s)" % (label, proc.returncode))
    return int(recap.group(2))


def main():
    with tempfile.TemporaryDirectory(prefix="mailops-demo-") as tmp:
        emulator = EmulatorProcess(os.path.join(tmp, "state.json"), admin_user="admin",
                                   admin_password=ADMIN_PASSWORD)
        emulator.start()
        try:
            print("emulator listening on %s (pid %s)" % (emulator.url, emulator.pid))
            env = dict(os.environ, SMARTERMAIL_URL=emulator.url, SMARTERMAIL_USERNAME="admin",
                       SMARTERMAIL_PASSWORD=ADMIN_PASSWORD, SMARTERMAIL_WSDL_CACHE_DIR=os.path.join(tmp, "wsdl"),
                       ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1",
                       ANSIBLE_PYTHON_INTERPRETER=os.path.join(ROOT, ".venv", "bin", "python"),
                       ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
            first = run(env, "first run: creates the domain, aliases and domain alias")
            second = run(env, "second run: nothing left to change")
            counters = emulator.counters()
        finally:
            emulator.stop()
    print("=== summary ===")
    print("first run changed %d task(s); second run changed %d task(s)" % (first, second))
    print("emulator saw %s reads, %s writes, %s WSDL fetches over both runs" % (
        counters.get("reads"), counters.get("writes"), counters.get("wsdl")))
    if first == 0 or second != 0:
        sys.exit("demo: expected changes on the first run and none on the second")
    print("idempotent: the second run reported no change")


if __name__ == "__main__":
    main()

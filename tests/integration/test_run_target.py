# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The targets' runner (targets/setup_emulator/run_target.py) fails when it must.

A target passes only when its tasks pass, no secret shows in the output, and the tasks took the
path asked for: three small targets that break one rule each, in a scratch copy of the layout.
"""
import os
import shutil

import pytest

from harness import ROOT
from test_playbooks import TARGETS_DIR, run_target

DOMAIN = """
    - name: A domain
      mailops.smartermail.smartermail_domain_info:
        url: "{{ emulator_url }}"
        username: "{{ admin_user }}"
        password: "{{ admin_password }}"
"""
CASES = {
    "failed_task": ("", DOMAIN + "\n    - name: Fails\n      ansible.builtin.assert: {that: [false]}\n",
                    "ansible-playbook failed"),
    "leaked_secret": ("", DOMAIN + "\n    - name: Leaks\n      ansible.builtin.debug: {msg: \"{{ admin_password }}\"}\n",
                      "a secret appears in the output"),
    "wrong_path": ("0", DOMAIN.replace("    - name: A domain\n",
                                       "    - name: A domain\n      vars: {mailops_smartermail_fast_path: true}\n"),
                   "the module path was asked for, but tasks took the fast path"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_runner_fails(case, tmp_path):
    fast_path, tasks, message = CASES[case]
    targets = tmp_path / "targets"
    shutil.copytree(os.path.join(TARGETS_DIR, "setup_emulator"), str(targets / "setup_emulator"))
    target = targets / case
    (target / "tasks").mkdir(parents=True)
    (target / "tasks" / "main.yml").write_text("---\n- name: Runner check\n  block:\n" + tasks)
    shutil.copy(os.path.join(TARGETS_DIR, "smartermail_rbl", "runme.sh"), str(target / "runme.sh"))
    env = {"MAILOPS_EMULATOR_DIR": os.path.join(ROOT, "tests", "emulator")}
    if fast_path:
        env["MAILOPS_SMARTERMAIL_FAST_PATH"] = fast_path
    proc = run_target(str(target), tmp_path / "out", extra_env=env)
    assert proc.returncode != 0
    assert "run_target: %s: %s" % (case, message) in proc.stdout, proc.stdout[-3000:]
    assert "Integ-Admin-Pw" not in proc.stdout

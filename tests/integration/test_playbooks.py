# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every integration target through its runme.sh, as ansible-test integration runs it.

Each target (tests/integration/targets/<name>/tasks/main.yml) holds its own assertions (the
check -> real -> again -> again-in-check ladder with diff, the emulator's write counters after
check mode, error messages).  runme.sh hands it to setup_emulator/run_target.py, which starts an
emulator of its own, runs the tasks with -vvvv --diff, fails on a secret in the output or the
emulator's log and checks which path the tasks took, then stops the emulator by PID.  This file
runs each on the fast path (the default for a local connection) and with the module path forced,
and compares what every task of the collection returned on the two paths.  `make test` runs the same targets with ansible-test
integration on the oldest and the newest ansible-core.
"""
import json
import os
import subprocess
import sys

import pytest

from harness import BIN, ROOT

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS_DIR = os.path.join(HERE, "targets")
TARGETS = sorted(n for n in os.listdir(TARGETS_DIR)
                 if os.path.isdir(os.path.join(TARGETS_DIR, n)) and not n.startswith(("setup_", "prepare_")))


def run_target(name, tmp_path, extra_env=None):
    env = dict(os.environ)
    env.update({"PATH": BIN + os.pathsep + env.get("PATH", ""), "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".build"),
                "OUTPUT_DIR": str(tmp_path), "ANSIBLE_TEST_PYTHON_INTERPRETER": sys.executable})
    env.update(extra_env or {})
    return subprocess.run(["./runme.sh"], cwd=os.path.join(TARGETS_DIR, name), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, check=False)


def recorded(path):
    """The results run_target.py recorded (callback_plugins/mailops_results.py), without line numbers."""
    with open(path, encoding="utf-8") as handle:
        return [dict((k, v) for k, v in json.loads(line).items() if k != "n") for line in handle if line.strip()]


@pytest.mark.parametrize("name", TARGETS)
def test_target_on_both_paths(name, tmp_path):
    """The target passes on the fast path and on the module path, and every task of the collection
    returns the same result on both (keys, values, diff, changed, failure messages, masking)."""
    results = {}
    for path, setting in (("fast", None), ("module", "0")):
        record = str(tmp_path / ("%s.jsonl" % path))
        extra = {"MAILOPS_RESULTS_FILE": record}
        if setting is not None:
            extra["MAILOPS_SMARTERMAIL_FAST_PATH"] = setting
        proc = run_target(name, tmp_path, extra_env=extra)
        assert proc.returncode == 0, "%s path:\n%s" % (path, proc.stdout[-6000:])
        assert "on the %s path" % path in proc.stdout
        results[path] = recorded(record)
    assert results["fast"], "no task of the collection was recorded"
    assert len(results["fast"]) == len(results["module"])
    for fast, module in zip(results["fast"], results["module"]):
        assert fast == module, "task %r differs between the paths" % fast["task"]


def test_every_target_is_in_ansible_test_layout():
    """A flat playbook (the layout before 1.0.0) is not seen by ansible-test integration."""
    flat = sorted(n for n in os.listdir(TARGETS_DIR) if n.endswith(".yml"))
    assert not flat, "convert with: python3 scripts/convert_target.py %s" % " ".join(flat)
    assert TARGETS
    for name in TARGETS + ["setup_emulator"]:
        folder = os.path.join(TARGETS_DIR, name)
        with open(os.path.join(folder, "aliases"), encoding="utf-8") as handle:
            aliases = handle.read().split()
        if name == "setup_emulator":
            continue
        assert "needs/target/setup_emulator" in aliases, name
        assert os.path.isfile(os.path.join(folder, "tasks", "main.yml")) or \
            os.path.isfile(os.path.join(folder, "playbook.yml")), name
        runme = os.path.join(folder, "runme.sh")
        assert os.access(runme, os.X_OK), "%s/runme.sh is not executable" % name
        with open(runme, encoding="utf-8") as handle:
            assert "../setup_emulator/run_target.py" in handle.read(), name

"""Run every playbook under targets/ against a freshly reset emulator.

Each playbook holds its own assertions (the check -> real -> again -> again-in-check ladder with
diff, the emulator's write counters after check mode, error messages).  The run is done with
-vvvv --diff so the output can be searched for secrets.
"""
import glob
import os

import pytest

from harness import assert_no_secret

HERE = os.path.dirname(os.path.abspath(__file__))
# Files named like *_case.yml are task lists included by a target, not playbooks.
TARGETS = sorted(p for p in glob.glob(os.path.join(HERE, "targets", "*.yml")) if not p.endswith("_case.yml"))


@pytest.mark.parametrize("path", TARGETS, ids=[os.path.basename(p)[:-4] for p in TARGETS])
def test_playbook(playbook, path):
    proc = playbook.run(path, args=["-vvvv", "--diff"])
    tail = "\n".join(proc.stdout.splitlines()[-80:])
    assert proc.returncode == 0, "playbook failed:\n%s\n%s" % (tail, proc.stderr[-3000:])
    assert "failed=0" in proc.stdout
    assert_no_secret(proc.stdout, proc.stderr)
    with open(playbook.emulator.log_path, encoding="utf-8", errors="replace") as handle:
        assert_no_secret(handle.read())

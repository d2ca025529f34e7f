"""Every playbook under targets/ again, with the module path forced (MAILOPS_SMARTERMAIL_FAST_PATH=0).

test_playbooks.py runs them on the fast path (the default for a local connection); the module
files must keep working on their own, with the same assertions and the same secret scan.
"""
import pytest

from harness import assert_no_secret
from test_playbooks import TARGETS, os


@pytest.mark.parametrize("path", TARGETS, ids=[os.path.basename(p)[:-4] for p in TARGETS])
def test_playbook_module_path(playbook, path):
    proc = playbook.run(path, extra_env={"MAILOPS_SMARTERMAIL_FAST_PATH": "0"}, args=["-vvvv", "--diff"])
    tail = "\n".join(proc.stdout.splitlines()[-80:])
    assert proc.returncode == 0, "playbook failed:\n%s\n%s" % (tail, proc.stderr[-3000:])
    assert "failed=0" in proc.stdout
    assert "mailops.smartermail: fast path: running" not in proc.stdout
    assert "mailops.smartermail: module path: running" in proc.stdout
    assert_no_secret(proc.stdout, proc.stderr)
    with open(playbook.emulator.log_path, encoding="utf-8", errors="replace") as handle:
        assert_no_secret(handle.read())

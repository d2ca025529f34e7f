# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every integration target again, with the module path forced (MAILOPS_SMARTERMAIL_FAST_PATH=0).

test_playbooks.py runs them on the fast path (the default for a local connection); the module
files must keep working on their own, with the same assertions and the same secret scan
(run_target.py fails if any task took the fast path here).
"""
import pytest

from test_playbooks import TARGETS, run_target


@pytest.mark.parametrize("name", TARGETS)
def test_target_module_path(name, tmp_path):
    proc = run_target(name, tmp_path, extra_env={"MAILOPS_SMARTERMAIL_FAST_PATH": "0"})
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert "on the module path" in proc.stdout

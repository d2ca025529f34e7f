# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""scripts/ansible_test_bootstrap.py removes ansible-test's cached environments that lost their
interpreter, and only those (a sanity run would reuse such an environment and fail every import).

Run by pytest from the repository: scripts/ is not in the collection copy that ansible-test units uses.
"""
import importlib.util
import os
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = importlib.util.spec_from_file_location("ansible_test_bootstrap",
                                              os.path.join(ROOT, "scripts", "ansible_test_bootstrap.py"))
bootstrap = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bootstrap)


def _env(root, name, python=False, age=3600):
    path = root / "sanity.import" / "3.11" / name
    (path / "bin").mkdir(parents=True)
    (path / "marker.txt").write_text("")
    if python:
        (path / "bin" / "python").write_text("")
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def test_only_old_environments_without_an_interpreter_are_removed(tmp_path, capsys):
    broken = _env(tmp_path, "broken")
    healthy = _env(tmp_path, "healthy", python=True)
    being_made = _env(tmp_path, "being-made", age=5)
    bootstrap.remove_broken_environments(str(tmp_path))
    assert not broken.exists()
    assert healthy.exists() and being_made.exists()
    assert "removed ansible-test's environment without an interpreter: %s" % broken in capsys.readouterr().out


def test_a_missing_cache_is_no_error(tmp_path):
    bootstrap.remove_broken_environments(str(tmp_path / "none"))
    assert not (tmp_path / "none").exists()

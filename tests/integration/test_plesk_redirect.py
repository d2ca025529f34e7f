# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The module names of 0.1.0 for Plesk's spam filter redirect to the new ones and warn."""
import os

from harness import assert_no_secret

HERE = os.path.dirname(os.path.abspath(__file__))


def test_plesk_spamfilter_old_names_work_and_warn(playbook):
    proc = playbook.run(os.path.join(HERE, "playbooks", "plesk_spamfilter_old_names.yml"),
                        extra_env={"ANSIBLE_DEPRECATION_WARNINGS": "1"})
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, "playbook failed:\n%s\n%s" % (proc.stdout[-3000:], proc.stderr[-3000:])
    assert "failed=0" in proc.stdout
    flat = " ".join(output.split())
    for old, new in (("spamfilter_prefs", "plesk_spamfilter"), ("spamfilter_prefs_info", "plesk_spamfilter_info")):
        assert "mailops.smartermail.%s has been deprecated" % old in flat, flat[-3000:]
        assert "Use mailops.smartermail.%s instead" % new in flat
    # the wording of the removal notice differs between ansible-core versions; the version does not.
    # The deprecation first ships in 1.0.0, so the names go in the next major release (README).
    assert "will be removed from" in flat and "2.0.0" in flat
    assert_no_secret(proc.stdout, proc.stderr)

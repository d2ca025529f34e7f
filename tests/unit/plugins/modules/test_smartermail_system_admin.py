# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A system administrator's password in --diff: masked, and marked when the task sets it again."""
import json

import pytest

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_system_admin

OLD, NEW = "Ops-Old-Secret-1a", "Ops-New-Secret-2b"
HIDDEN, CHANGED = "********", "******** (changed)"


def no_secret(result):
    text = json.dumps(result)
    for secret in (OLD, NEW):
        assert secret not in text


def test_created_admin_shows_a_masked_password(server, run_module):
    created = run_module(smartermail_system_admin, {"name": "ops", "admin_password": OLD})
    no_secret(created)
    assert created["changed"] and created["diff"]["before"] == {}
    assert created["diff"]["after"]["admin_password"] == HIDDEN
    assert "admin_password" not in created["admin"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_password_set_again_is_marked_in_the_diff(server, run_module, check_mode):
    run_module(smartermail_system_admin, {"name": "ops", "admin_password": OLD})
    writes = server.writes()
    result = run_module(smartermail_system_admin, {"name": "ops", "admin_password": NEW, "update_password": "always"},
                        check_mode=check_mode)
    no_secret(result)
    assert result["changed"]
    assert (server.writes() == writes) is check_mode
    assert result["diff"]["before"]["admin_password"] == HIDDEN
    assert result["diff"]["after"]["admin_password"] == CHANGED
    assert dict(result["diff"]["before"], admin_password=CHANGED) == result["diff"]["after"]
    assert "admin_password" not in result["admin"]

    listed = run_module(smartermail_system_admin, {"admins": [{"name": "ops", "admin_password": NEW}]},
                        check_mode=check_mode)
    no_secret(listed)
    assert listed["diff"]["before"]["admins"]["ops"]["admin_password"] == HIDDEN
    assert listed["diff"]["after"]["admins"]["ops"]["admin_password"] == CHANGED
    assert all("admin_password" not in a for a in listed["admins"])


def test_password_not_sent_shows_nothing(server, run_module):
    run_module(smartermail_system_admin, {"name": "ops", "admin_password": OLD})
    same = run_module(smartermail_system_admin, {"name": "ops", "admin_password": NEW, "update_password": "on_create"})
    assert not same["changed"] and same["diff"]["before"] == same["diff"]["after"]
    assert "admin_password" not in same["diff"]["after"]
    untouched = run_module(smartermail_system_admin, {"admins": [{"name": "ops"}]})
    assert "admin_password" not in untouched["diff"]["after"]["admins"]["ops"]

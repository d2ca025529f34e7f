# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The gateways' SmarterMail password in --diff: masked, and marked when a task changes it."""
import json

import pytest

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_gateway, smartermail_incoming_gateway

OLD, NEW, NEWER = "Gw-Old-Secret-1a", "Gw-New-Secret-2b", "Gw-Newer-Secret-3c"
HIDDEN, CHANGED = "********", "******** (changed)"

CASES = {
    "outgoing": (smartermail_gateway, "gw.example.com",
                 {"address": "gw.example.com", "smartermail": True, "smartermail_url": "https://gw.example.com/",
                  "smartermail_username": "admin"}),
    "incoming": (smartermail_incoming_gateway, "198.51.100.5",
                 {"ip_address": "198.51.100.5", "smartermail_mode": True, "smartermail_url": "https://in.example/",
                  "smartermail_username": "admin"}),
}


def no_secret(result):
    text = json.dumps(result)
    for secret in (OLD, NEW, NEWER):
        assert secret not in text


@pytest.mark.parametrize("case", sorted(CASES))
def test_password_change_is_marked_in_the_diff(server, run_module, case):
    module, key, args = CASES[case]
    created = run_module(module, dict(args, smartermail_password=OLD))
    no_secret(created)
    assert created["changed"] and created["diff"]["before"] == {}
    assert created["diff"]["after"]["smartermail_password"] == HIDDEN
    assert "smartermail_password" not in created["gateway"]

    same = run_module(module, dict(args, smartermail_password=OLD))
    assert not same["changed"] and same["diff"]["before"] == same["diff"]["after"]
    assert "smartermail_password" not in same["diff"]["after"]

    writes = server.writes()
    checked = run_module(module, dict(args, smartermail_password=NEW), check_mode=True)
    assert server.writes() == writes
    for result in (checked, run_module(module, dict(args, smartermail_password=NEW))):
        no_secret(result)
        assert result["changed"]
        assert result["diff"]["before"]["smartermail_password"] == HIDDEN
        assert result["diff"]["after"]["smartermail_password"] == CHANGED
        assert dict(result["diff"]["before"], smartermail_password=CHANGED) == result["diff"]["after"]
        assert "smartermail_password" not in result["gateway"]

    listed = run_module(module, {"gateways": [dict(args, smartermail_password=NEWER)]})
    no_secret(listed)
    assert listed["diff"]["before"]["gateways"][key]["smartermail_password"] == HIDDEN
    assert listed["diff"]["after"]["gateways"][key]["smartermail_password"] == CHANGED
    assert all("smartermail_password" not in g for g in listed["gateways"])


def test_a_plain_gateway_shows_no_password(server, run_module):
    result = run_module(smartermail_gateway, {"address": "198.51.100.9"})
    assert result["changed"] and "smartermail_password" not in result["diff"]["after"]

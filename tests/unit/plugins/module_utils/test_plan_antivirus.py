# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of the anti-virus settings: current + desired in, the exact writes out (no server)."""
import copy

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antivirus import (
    GROUP,
    GROUP_NAMES,
    AntivirusInfoResource,
    AntivirusResource,
)

BASE = dict((name, None) for name in GROUP_NAMES)
SERVER = {
    "GetAntivirusOptions": {"settings": {"EnableClamAv": True, "EnableCommandLineAv": False,
                                         "EnableCommTouchAv": False, "QuarantineLength": 15}},
    "GetClamAvSettings": {"settings": {"ClamIpAddress": "127.0.0.1", "ClamPort": 3310, "IsRemoteServer": False,
                                       "NumOfFailures": 3, "Timeout": 30}},
    "GetCommandLineAvSettings": {"settings": {"CommandLine": ""}},
    "GetCommtouchZeroHourSettings": {"Settings": {"HighResultAction": "Quarantine", "MediumResultAction": "NoAction",
                                                  "VirusResultAction": "Delete"}},
    "GetRealtimeAvSettings": {"settings": {"QuarnentineDirectory": "C:\\Q"}},
}


class FakeClient:
    def __init__(self, answers):
        self.answers = copy.deepcopy(answers)
        self.calls = []

    def call(self, service, operation, **params):
        assert service == "svcVirusAdmin"
        self.calls.append((operation, params))
        return copy.deepcopy(self.answers.get(operation, {}))

    def write(self, service, operation, **params):
        assert operation.startswith("Set"), operation
        for name in GROUP_NAMES:
            label, get_op, key, set_op, param, fields = GROUP[name]
            if operation == set_op:
                self.answers[get_op] = {key: copy.deepcopy(params[param])}
        return self.call(service, operation, **params)

    def writes(self):
        return [c for c in self.calls if c[0].startswith("Set")]


def run(client, check_mode=False, **params):
    return engine.run(AntivirusResource(dict(BASE, **params)), client, check_mode, diff_mode=True)


def test_only_given_groups_read_and_changed_group_written_whole():
    client = FakeClient(SERVER)
    result = run(client, clamav={"port": 3311})
    assert [c[0] for c in client.calls] == [
        "GetClamAvSettings", "GetClamAvSettings", "SetClamAvSettings", "GetClamAvSettings"]
    assert client.writes() == [("SetClamAvSettings", {"clamSettings": {
        "ClamIpAddress": "127.0.0.1", "ClamPort": 3311, "IsRemoteServer": False, "NumOfFailures": 3, "Timeout": 30}})]
    assert result["changes"] == ["set ClamAV settings (port)"]
    assert run(client, clamav={"port": 3311})["changed"] is False


def test_check_mode_writes_nothing():
    client = FakeClient(SERVER)
    result = run(client, check_mode=True, commtouch_zero_hour={"high_action": "Delete"})
    assert result["changed"] and client.writes() == []
    assert result["diff"]["after"]["commtouch_zero_hour"]["high_action"] == "Delete"


@pytest.mark.parametrize("params, message", [
    ({"options": {"quarantine_days": 7}}, "must be 0, 15 or 30"),
    ({"clamav": {"port": 0}}, "clamav.port"),
    ({"clamav": {"address": "not-an-ip"}}, "not a valid"),
    ({"clamav": {"remote": True, "address": ""}}, "clamav.remote needs clamav.address"),
    ({"realtime": {"quarantine_directory": " "}}, "must not be blank"),
])
def test_bad_values_refused_before_any_call(params, message):
    client = FakeClient(SERVER)
    with pytest.raises(engine.InputError) as info:
        run(client, **params)
    assert message in str(info.value)
    assert client.calls == []


def test_command_line_rules_need_the_other_group():
    client = FakeClient(SERVER)
    with pytest.raises(engine.InputError, match="no command line is set"):
        run(client, options={"command_line": True})
    assert client.writes() == []
    result = run(client, options={"command_line": True}, command_line={"command": "scan %f"})
    assert [w[0] for w in client.writes()] == ["SetCommandLineAvSettings", "SetAntivirusOptions"]
    assert result["changed"]
    with pytest.raises(engine.InputError, match="cannot be cleared"):
        run(client, command_line={"command": ""})
    result = run(client, options={"command_line": False}, command_line={"command": ""})
    assert [w[0] for w in client.writes()][-2:] == ["SetAntivirusOptions", "SetCommandLineAvSettings"]


def test_info_feeds_back_unchanged():
    client = FakeClient(SERVER)
    info = engine.run(AntivirusInfoResource({"groups": None}), client)
    assert sorted(info["settings"]) == sorted(GROUP_NAMES)
    assert info["settings"]["commtouch_zero_hour"]["virus_action"] == "Delete"
    assert run(client, **info["settings"])["changed"] is False
    assert client.writes() == []


def test_a_command_line_or_directory_longer_than_a_spam_prefix_is_taken():
    # the 50-character bound is the anti-spam subject prefix's, not the anti-virus texts'
    command = "C:\\Program Files\\Scanner\\scan.exe --quarantine --log C:\\Logs\\scan.log %file%"
    directory = "D:\\SmarterMail\\Quarantine\\Infected messages kept for review by the postmaster"
    client = FakeClient(SERVER)
    result = run(client, command_line={"command": command}, realtime={"quarantine_directory": directory})
    assert [w[0] for w in client.writes()] == ["SetCommandLineAvSettings", "SetRealtimeAvSettings"]
    assert result["settings"]["command_line"]["command"] == command
    assert result["settings"]["realtime"]["quarantine_directory"] == directory

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


# ---- over the JSON API (settings/sysadmin/antivirus/settings, AVRCE): a stand-in client, no server
JSON_PATH = "settings/sysadmin/antivirus/settings"
JSON_SETTINGS = {"commandLine": "old.exe", "commandLineArguments": "%1", "commandLineScanMessages": True,
                 "commandLineScanMessagesWithoutAttachments": False, "commandLineScanFiles": False,
                 "enableSpoolCommandLine": False, "unrelated": "x"}


class FakeJsonClient:
    """GET answers ``settings``; a POST takes its flat body into them (as the reference shows)."""

    def __init__(self, settings):
        self.settings = copy.deepcopy(settings)
        self.calls = []

    def get(self, path, scope="sysadmin"):
        assert path == JSON_PATH and scope == "sysadmin"
        self.calls.append(("GET", path))
        return {"settings": copy.deepcopy(self.settings), "success": True}

    def call(self, method, path, body=None, scope="sysadmin", read=None):
        assert (method, path, scope, read) == ("POST", JSON_PATH, "sysadmin", False)
        self.calls.append(("POST", copy.deepcopy(body)))
        self.settings.update(body)
        return {"success": True}

    def posts(self):
        return [c[1] for c in self.calls if c[0] == "POST"]


def run_json(client, check_mode=False, **params):
    return engine.run(AntivirusResource(dict(BASE, **params), api="json"), client, check_mode, diff_mode=True)


def test_json_command_line_one_read_one_flat_whole_write():
    client = FakeJsonClient(JSON_SETTINGS)
    result = run_json(client, command_line={"command": "new.exe"})
    assert result["changed"] and result["changes"] == ["set command-line AV settings (command)"]
    assert result["diff"] == {"before": {"command_line": {"command": "old.exe"}},
                              "after": {"command_line": {"command": "new.exe"}}}
    # one read, the write rebuilt from a fresh read (the reference's fields as read, the change applied;
    # fields the reference does not name are not sent back), the read of the result
    assert [c[0] for c in client.calls] == ["GET", "GET", "POST", "GET"]
    [body] = client.posts()
    assert body == {
        "commandLine": "new.exe", "commandLineArguments": "%1", "commandLineScanMessages": True,
        "commandLineScanMessagesWithoutAttachments": False, "commandLineScanFiles": False,
        "enableSpoolCommandLine": False}


def test_json_unchanged_and_check_mode_write_nothing():
    client = FakeJsonClient(JSON_SETTINGS)
    assert not run_json(client, command_line={"command": "old.exe"})["changed"]
    checked = run_json(client, check_mode=True, command_line={"command": "new.exe"})
    assert checked["changed"] and client.posts() == [] and client.settings["commandLine"] == "old.exe"


def test_json_write_keeps_what_another_writer_changed_since_the_read():
    client = FakeJsonClient(JSON_SETTINGS)
    original = client.get

    def get_then_change(path, scope="sysadmin"):
        answer = original(path, scope)
        client.settings["commandLineArguments"] = "/changed %1"  # another writer, after the task's first read
        return answer

    client.get = get_then_change
    run_json(client, command_line={"command": "new.exe"})
    [body] = client.posts()
    assert body["commandLineArguments"] == "/changed %1" and body["commandLine"] == "new.exe"


@pytest.mark.parametrize("group, value", [("clamav", {"port": 3311}), ("realtime", {"quarantine_directory": "D:\\Q"}),
                                          ("commtouch_zero_hour", {"high_action": "Delete"}),
                                          ("options", {"quarantine_days": 30})])
def test_json_refuses_groups_it_does_not_serve_before_any_call(group, value):
    client = FakeJsonClient(JSON_SETTINGS)
    with pytest.raises(engine.InputError) as err:
        run_json(client, command_line={"command": "new.exe"}, **{group: value})
    assert "%s cannot be managed over the JSON API" % group in str(err.value) and client.calls == []


def test_json_refuses_clearing_the_command_line_before_any_call():
    client = FakeJsonClient(JSON_SETTINGS)
    with pytest.raises(engine.InputError) as err:
        run_json(client, command_line={"command": ""})
    assert "cannot be cleared over the JSON API" in str(err.value) and client.calls == []

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's anti-virus settings over the JSON API (reference §10.2, AVRCE): the flat POST, the
state it shares with svcVirusAdmin, and what it drops with a 200."""

from __future__ import annotations

from emu_helpers import assert_ok
from test_emulator_json_api import call, login

PATH = "settings/sysadmin/antivirus/settings"


def settings(emu, token):
    status, answer = call(emu, "GET", PATH, token=token)
    assert status == 200 and answer["success"] is True, answer
    return answer["settings"]


def test_flat_post_sets_what_soap_and_get_read(soap, emu):
    token = login(emu)["accessToken"]
    body = {"commandLine": "scan.exe", "commandLineArguments": "%1", "commandLineScanMessages": False,
            "commandLineScanFiles": True, "enableSpoolCommandLine": True, "spoolCommandLineFile": "spool.exe",
            "spoolCommandLineTimeout": 45, "quarantineDirectory": "D:\\Q"}
    status, answer = call(emu, "POST", PATH, body, token=token)
    assert (status, answer["success"], answer["resultCode"]) == (200, True, 200)
    assert settings(emu, token) == {"commandLine": "scan.exe", "commandLineArguments": "%1",
                                    "commandLineScanMessages": False, "commandLineScanMessagesWithoutAttachments": False,
                                    "commandLineScanFiles": True, "enableSpoolCommandLine": True}
    # the SOAP side reads what the JSON API wrote
    assert soap("svcVirusAdmin", "GetCommandLineAvSettings")["settings"]["CommandLine"] == "scan.exe"
    assert soap("svcVirusAdmin", "GetRealtimeAvSettings")["settings"]["QuarnentineDirectory"] == "D:\\Q"
    # and the JSON API what SOAP wrote
    assert_ok(soap("svcVirusAdmin", "SetCommandLineAvSettings", commandLineSettings={"CommandLine": "other.exe"}))
    assert settings(emu, token)["commandLine"] == "other.exe"
    counted = emu.counters()["operations"]
    assert counted["json:POST settings/sysadmin/antivirus/settings"]["writes"] == 1


def test_wrapper_and_unknown_keys_are_dropped_with_success(soap, emu):
    token = login(emu)["accessToken"]
    before = settings(emu, token)
    for body in ({"settings": {"commandLine": "wrapped.exe"}}, {"CommandLineX": "x", "clamEnabled": True}):
        status, answer = call(emu, "POST", PATH, body, token=token)
        assert (status, answer["success"]) == (200, True), answer
    assert settings(emu, token) == before


def test_rules_and_types_of_the_post(soap, emu):
    token = login(emu)["accessToken"]
    assert_ok(soap("svcVirusAdmin", "SetCommandLineAvSettings", commandLineSettings={"CommandLine": "scan.exe"}))
    options = {"EnableClamAv": True, "EnableCommandLineAv": True, "EnableCommTouchAv": False, "QuarantineLength": 15}
    assert_ok(soap("svcVirusAdmin", "SetAntivirusOptions", avSettings=options))
    # SOAP's rule: the command line cannot be cleared while command-line AV is enabled
    status, answer = call(emu, "POST", PATH, {"commandLine": ""}, token=token)
    assert status == 200 and answer["success"] is False and "cannot be cleared" in answer["message"]
    status, answer = call(emu, "POST", PATH, {"commandLineScanFiles": "yes"}, token=token)
    assert status == 400 and answer["success"] is False
    assert settings(emu, token)["commandLine"] == "scan.exe"

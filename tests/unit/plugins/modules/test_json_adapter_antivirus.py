# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""smartermail_antivirus over the JSON API (api: json) against the in-process emulator: the ladder
(check mode, real, unchanged, check unchanged; 0 writes in check mode), what SOAP reads back, the
write read back by the client, and the groups refused before any call."""
import pytest
from test_json_adapters import json_ops as json_writes
from test_json_adapters import ladder

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_antivirus, smartermail_antivirus_info

JSON = {"api": "json"}
PATH = "settings/sysadmin/antivirus/settings"


def soap_command(server):
    return ((server.state()["server"].get("antivirus") or {}).get("command_line") or {}).get("CommandLine")


def test_command_line_ladder_and_soap_reads_it(server, run_module):
    args = dict(JSON, command_line={"command": "C:\\Scan\\scan.exe"})
    check, real = ladder(server, run_module, smartermail_antivirus, args)
    assert check["diff"]["before"] == {"command_line": {"command": ""}}
    assert check["diff"]["after"] == {"command_line": {"command": "C:\\Scan\\scan.exe"}}
    assert real["settings"] == {"command_line": {"command": "C:\\Scan\\scan.exe"}}
    assert real["changes"] == ["set command-line AV settings (command)"]
    assert json_writes(server) == ["json:POST " + PATH]
    assert soap_command(server) == "C:\\Scan\\scan.exe"
    # SOAP reads what the JSON API wrote, and the info module over JSON feeds back unchanged
    soap = run_module(smartermail_antivirus, dict(command_line={"command": "C:\\Scan\\scan.exe"}))
    assert soap["api"] == "soap" and not soap["changed"], soap
    info = run_module(smartermail_antivirus_info, dict(JSON, groups=["command_line"]))
    again = run_module(smartermail_antivirus, dict(JSON, **info["settings"]))
    assert again["api"] == "json" and not again["changed"], again


def test_the_write_is_flat_whole_and_keeps_the_other_fields(server, run_module):
    api = server.web.application.json_api
    sent = []
    original = api.set_antivirus_settings
    api.compiled = [(m, p, (lambda principal, body: sent.append(dict(body)) or original(principal, body))
                     if f == original else f, s, w, n) for m, p, f, s, w, n in api.compiled]
    api.set_antivirus_settings(None, {"commandLineArguments": "/quiet %1", "commandLineScanFiles": True})
    result = run_module(smartermail_antivirus, dict(JSON, command_line={"command": "scan.exe"}))
    assert result["changed"], result
    [body] = sent
    assert "settings" not in body and body["commandLine"] == "scan.exe"
    # the fields read are sent back as read (a server replacing the object whole keeps them)
    assert body["commandLineArguments"] == "/quiet %1" and body["commandLineScanFiles"] is True
    assert soap_command(server) == "scan.exe"


def test_a_write_the_server_drops_fails(server, run_module):
    api = server.web.application.json_api
    original = api.set_antivirus_settings
    api.compiled = [(m, p, (lambda principal, body: {"success": True, "resultCode": 200}) if f == original else f,
                     s, w, n) for m, p, f, s, w, n in api.compiled]
    result = run_module(smartermail_antivirus, dict(JSON, command_line={"command": "scan.exe"}))
    assert result["failed"], result
    assert "answered success but did not take commandLine" in result["msg"], result["msg"]
    assert soap_command(server) in (None, "")


@pytest.mark.parametrize("group, value, word", [
    ("clamav", {"port": 3311}, "export file"),
    ("realtime", {"quarantine_directory": "D:\\Q"}, "quarantineDirectory"),
    ("commtouch_zero_hour", {"high_action": "Delete"}, "Commtouch"),
    ("options", {"command_line": True}, "which engines are enabled"),
])
def test_groups_without_json_endpoint_fail_before_any_call(server, run_module, group, value, word):
    result = run_module(smartermail_antivirus, dict(JSON, command_line={"command": "scan.exe"}, **{group: value}))
    assert result["failed"] and server.requests == [], result
    assert "%s cannot be managed over the JSON API by smartermail_antivirus" % group in result["msg"], result["msg"]
    assert word in result["msg"] and "use api: soap" in result["msg"]


def test_clearing_the_command_line_is_refused_before_any_call(server, run_module):
    result = run_module(smartermail_antivirus, dict(JSON, command_line={"command": " "}))
    assert result["failed"] and server.requests == [], result
    assert "command_line.command cannot be cleared over the JSON API" in result["msg"]


def test_auto_uses_json_for_the_command_line_and_soap_with_a_warning_otherwise(server, run_module):
    json_task = run_module(smartermail_antivirus, dict(api="auto", command_line={"command": "scan.exe"}))
    assert json_task["changed"] and json_task["api"] == "json", json_task
    soap_task = run_module(smartermail_antivirus, dict(api="auto", command_line={"command": "scan.exe"},
                                                       realtime={"quarantine_directory": "D:\\Q"}))
    assert soap_task["changed"] and soap_task["api"] == "soap", soap_task
    assert "api auto: using SOAP: realtime cannot be managed over the JSON API" in str(soap_task["warnings"])
    assert server.state()["server"]["antivirus"]["realtime"]["QuarnentineDirectory"] == "D:\\Q"

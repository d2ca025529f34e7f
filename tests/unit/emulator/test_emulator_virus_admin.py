# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcVirusAdmin through zeep against the running emulator."""

from __future__ import annotations

import pytest
from emu_helpers import add_domain, assert_fail, assert_ok, ops_called_in

from mailops_emulator import results

SVC = "svcVirusAdmin"


def av(emu):
    return emu.state()["server"]["antivirus"]


def test_defaults_are_read_without_writing(soap, emu):
    assert soap(SVC, "GetAntivirusOptions")["settings"] == {
        "EnableClamAv": True, "EnableCommandLineAv": False, "EnableCommTouchAv": False, "QuarantineLength": 15}
    assert soap(SVC, "GetClamAvSettings")["settings"]["ClamPort"] == 3310
    assert soap(SVC, "GetCommtouchZeroHourSettings")["Settings"]["VirusResultAction"] == "Delete"
    assert soap(SVC, "GetRealtimeAvSettings")["settings"]["QuarnentineDirectory"].endswith("Quarantine")
    assert soap(SVC, "GetCommandLineAvSettings")["settings"]["CommandLine"] is None
    assert "antivirus" not in emu.state()["server"]
    assert emu.counters()["writes"] == 0


def test_antivirus_options_and_command_line(soap, emu):
    opts = {"EnableClamAv": False, "EnableCommandLineAv": True, "EnableCommTouchAv": True, "QuarantineLength": 30}
    assert_fail(soap(SVC, "SetAntivirusOptions", avSettings=opts), results.CONFLICT, "command line")
    bad = {**opts, "EnableCommandLineAv": False, "QuarantineLength": 7}
    assert_fail(soap(SVC, "SetAntivirusOptions", avSettings=bad), results.INVALID_INPUT)
    assert_ok(soap(SVC, "SetCommandLineAvSettings", commandLineSettings={"CommandLine": "C:\\av\\scan.exe %1"}))
    assert_ok(soap(SVC, "SetAntivirusOptions", avSettings=opts))
    assert av(emu)["options"] == opts
    assert soap(SVC, "GetAntivirusOptions")["settings"] == opts
    assert soap(SVC, "GetCommandLineAvSettings")["settings"]["CommandLine"] == "C:\\av\\scan.exe %1"
    assert_fail(soap(SVC, "SetCommandLineAvSettings", commandLineSettings={"CommandLine": ""}), results.CONFLICT)


def test_clam_settings(soap, emu):
    clam = {"ClamIpAddress": "192.0.2.50", "ClamPort": 3311, "IsRemoteServer": True, "NumOfFailures": 5, "Timeout": 10}
    assert_ok(soap(SVC, "SetClamAvSettings", clamSettings=clam))
    assert av(emu)["clam"] == clam
    assert soap(SVC, "GetClamAvSettings")["settings"] == clam
    for bad in ({"ClamPort": 0}, {"Timeout": 0}, {"ClamIpAddress": "clam.local"}, {"ClamIpAddress": ""},
                {"NumOfFailures": -1}):
        assert_fail(soap(SVC, "SetClamAvSettings", clamSettings={**clam, **bad}), results.INVALID_INPUT)
    assert av(emu)["clam"] == clam


def test_commtouch_enum(soap, emu):
    new = {"HighResultAction": "Delete", "MediumResultAction": "Quarantine", "VirusResultAction": "Quarantine"}
    assert_ok(soap(SVC, "SetCommtouchZeroHourSettings", CommtouchSettings=new))
    assert av(emu)["commtouch"] == new
    assert soap(SVC, "GetCommtouchZeroHourSettings")["Settings"] == new
    # zeep refuses a value outside the WSDL enum before sending: the enum is in the served WSDL
    with pytest.raises(Exception):
        soap(SVC, "SetCommtouchZeroHourSettings", CommtouchSettings={**new, "VirusResultAction": "Ignore"})
    assert av(emu)["commtouch"] == new


def test_commtouch_enum_checked_by_the_server(emu):
    import urllib.error
    import urllib.request

    from emu_helpers import ADMIN_PASSWORD, ADMIN_USER

    body = (
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
        '<soap:Body><SetCommtouchZeroHourSettings xmlns="http://tempuri.org/">'
        f"<AuthUserName>{ADMIN_USER}</AuthUserName><AuthPassword>{ADMIN_PASSWORD}</AuthPassword>"
        "<CommtouchSettings><HighResultAction>Delete</HighResultAction><MediumResultAction>Ignore</MediumResultAction>"
        "<VirusResultAction>Delete</VirusResultAction></CommtouchSettings>"
        "</SetCommtouchZeroHourSettings></soap:Body></soap:Envelope>"
    ).encode()
    req = urllib.request.Request(emu.service_url(SVC), data=body, headers={
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"http://tempuri.org/SetCommtouchZeroHourSettings"'})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 500
    assert b"is not a valid value for CommtouchAntiVirusAction" in err.value.read()
    assert "antivirus" not in emu.state()["server"]


def test_realtime_settings(soap, emu):
    assert_ok(soap(SVC, "SetRealtimeAvSettings", realtimeSettings={"QuarnentineDirectory": "D:\\Quarantine"}))
    assert av(emu)["realtime"] == {"QuarnentineDirectory": "D:\\Quarantine"}
    assert soap(SVC, "GetRealtimeAvSettings")["settings"]["QuarnentineDirectory"] == "D:\\Quarantine"
    assert_fail(soap(SVC, "SetRealtimeAvSettings", realtimeSettings={"QuarnentineDirectory": " "}),
                results.INVALID_INPUT)


def test_system_admin_only(soap, emu):
    add_domain(soap)
    assert_fail(soap(SVC, "GetClamAvSettings", user="postmaster@example.com", password="Dom-Pw-1"),
                results.NO_PERMISSION)


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert ops_called_in(__file__, names) == []

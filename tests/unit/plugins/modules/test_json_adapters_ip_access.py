# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The IP black and white lists over the JSON API (api: json) against the in-process emulator: the
ladders (check mode, real, unchanged, check unchanged; 0 writes in check mode), what SOAP reads back,
and the refusals before any call."""
import pytest
from test_json_adapters import json_ops as json_writes
from test_json_adapters import ladder as json_ladder

from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_ip_blacklist,
    smartermail_ip_whitelist,
)

JSON = {"api": "json"}


def ladder(server, run_module, module, args):
    check, real = json_ladder(server, run_module, module, args)
    assert check["diff"]["before"] != check["diff"]["after"], check
    return check, real, json_writes(server)


def soap_entries(server, key):
    return sorted((e["ip"], e["range_start"], e["range_end"], e["description"], e["smtp"], e["pop"], e["imap"],
                   e["xmpp"]) for e in server.state()["server"][key])


def test_blacklist_ladder_cidr_update_and_purge(server, run_module):
    args = dict(JSON, entries=[{"ip_address": "192.0.2.10", "description": "one", "xmpp": False},
                               {"ip_address": "10.9.0.0/24", "pop": False}])
    check, real, written = ladder(server, run_module, smartermail_ip_blacklist, args)
    assert written == ["json:POST settings/sysadmin/ip-access"]
    assert server.counters()["operations"]["json:POST settings/sysadmin/ip-access"]["writes"] == 2
    # the CIDR network is kept as its range, as SOAP keeps it: SOAP reads what the JSON API wrote
    assert soap_entries(server, "ids_blacklist") == [
        ("", "10.9.0.0", "10.9.0.255", "", True, False, True, True),
        ("192.0.2.10", "", "", "one", True, True, True, False)]
    soap = run_module(smartermail_ip_blacklist, dict(ip_address="10.9.0.0/24", pop=False))
    assert soap["api"] == "soap" and not soap["changed"]
    # an update sends oldAddress; purge deletes what is not listed
    server.emulator.counters.reset()
    changed = run_module(smartermail_ip_blacklist, dict(JSON, entries=[{"ip_address": "192.0.2.10", "imap": False}],
                                                        purge=True))
    assert changed["changed"] and json_writes(server) == ["json:POST settings/sysadmin/ip-access",
                                                          "json:POST settings/sysadmin/ip-access-delete"]
    assert soap_entries(server, "ids_blacklist") == [("192.0.2.10", "", "", "one", True, True, False, False)]
    gone = run_module(smartermail_ip_blacklist, dict(JSON, ip_address="192.0.2.10", state="absent"))
    assert gone["changed"] and soap_entries(server, "ids_blacklist") == []


def test_whitelist_ladder_keeps_the_greylisting_flag_set_over_soap(server, run_module):
    assert run_module(smartermail_ip_whitelist, dict(ip_address="198.51.100.0/28", disable_greylisting=True,
                                                     xmpp=False))["changed"]
    args = dict(JSON, entries=[{"ip_address": "198.51.100.0/28", "xmpp": True, "description": "office"},
                               {"ip_range_start": "2001:db8::", "ip_range_end": "2001:db8::ff"}])
    check, real, written = ladder(server, run_module, smartermail_ip_whitelist, args)
    assert written == ["json:POST settings/sysadmin/ip-access"]
    listed = dict((e["ip_range_start"], e) for e in real["entries"])
    assert listed["198.51.100.0"]["disable_greylisting"] is True and listed["198.51.100.0"]["xmpp"] is True
    assert listed["2001:db8::"]["ip_range_end"] == "2001:db8::ff"
    white = dict((e["range_start"], e) for e in server.state()["server"]["ids_whitelist"])
    assert white["198.51.100.0"]["greylisting_disabled"] is True and white["198.51.100.0"]["description"] == "office"


@pytest.mark.parametrize("module, args, words", [
    (smartermail_ip_blacklist, dict(ip_range_start="10.0.0.1", ip_range_end="10.0.0.9"),
     "an IP range that is not one CIDR network cannot be managed over the JSON API"),
    (smartermail_ip_whitelist, dict(entries=[{"ip_address": "10.0.0.1"},
                                             {"ip_range_start": "10.0.0.0", "ip_range_end": "10.0.0.2",
                                              "state": "absent"}]),
     "an IP range that is not one CIDR network"),
    (smartermail_ip_whitelist, dict(ip_address="10.0.0.1", disable_greylisting=False),
     "disable_greylisting cannot be managed over the JSON API"),
])
def test_what_the_json_api_cannot_send_fails_before_any_call(server, run_module, module, args, words):
    server.emulator.counters.reset()
    result = run_module(module, dict(JSON, **args))
    assert result["failed"] and words in result["msg"] and "use api: soap" in result["msg"], result
    assert server.counters()["operations"] == {}

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Server ports, port bindings and services over the JSON API (api: json) against the in-process
emulator: the ladders (check mode, real, unchanged, check unchanged; 0 writes in check mode), what
SOAP reads back, and the refusals before any call."""
import pytest
from test_json_adapters import json_ops as json_writes
from test_json_adapters import ladder as json_ladder

from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_port_binding,
    smartermail_server_port,
    smartermail_service,
)

JSON = {"api": "json"}


def ladder(server, run_module, module, args):
    """check -> real -> again -> again in check, diff on: (check result, real result, endpoints written)."""
    check, real = json_ladder(server, run_module, module, args)
    assert check["diff"]["before"] != check["diff"]["after"], check
    return check, real, json_writes(server)


def soap_ports(server):
    return dict((p["port"], p) for p in server.state()["server"]["ports"])


def test_service_ladder_stops_and_starts_and_soap_reads_it(server, run_module):
    args = dict(JSON, services=[{"name": "pop", "running": False}, {"name": "imap", "running": False},
                                {"name": "smtp", "running": True}])
    check, real, written = ladder(server, run_module, smartermail_service, args)
    assert written == ["json:POST settings/sysadmin/stop-services"]
    assert server.counters()["operations"]["json:POST settings/sysadmin/stop-services"]["writes"] == 2
    running = server.state()["server"]["services"]
    assert (running["pop"], running["imap"], running["smtp"]) == (False, False, True)
    # SOAP reads what the JSON API wrote
    soap = run_module(smartermail_service, dict(name="pop", running=False))
    assert soap["api"] == "soap" and not soap["changed"]
    server.emulator.counters.reset()
    started = run_module(smartermail_service, dict(JSON, name="pop", running=True))
    assert started["changed"] and json_writes(server) == ["json:POST settings/sysadmin/start-services"]
    assert server.state()["server"]["services"]["pop"] is True


def test_server_port_ladder_replace_and_remove_and_soap_reads_it(server, run_module):
    args = dict(JSON, ports=[{"port": 2525, "protocol": "SMTP", "description": "Alt"},
                             {"port": 1995, "protocol": "POP", "encryption": "SSL", "certificate_path": "c:\\pop.pfx"}])
    check, real, written = ladder(server, run_module, smartermail_server_port, args)
    assert written == ["json:POST settings/sysadmin/ip-binding-ports"]
    ports = soap_ports(server)
    assert (ports[2525]["protocol"], ports[2525]["name"], ports[2525]["description"]) == ("SMTP", "SMTP 2525", "Alt")
    assert (ports[1995]["encryption"], ports[1995]["certificate_path"]) == ("SSL", "c:\\pop.pfx")
    assert real["ports"][0]["id"] and dict((p["port"], p["id"]) for p in real["ports"])[2525] == ports[2525]["id"]
    # SOAP reads what the JSON API wrote
    soap = run_module(smartermail_server_port, dict(port=1995, protocol="POP", encryption="SSL"))
    assert soap["api"] == "soap" and not soap["changed"]
    # no edit over JSON either: a change replaces the port (remove, then add) with a warning
    server.emulator.counters.reset()
    changed = run_module(smartermail_server_port, dict(JSON, port=2525, encryption="TLS"))
    assert changed["changed"] and "replaced" in str(changed["warnings"])
    assert server.counters()["operations"]["json:POST settings/sysadmin/ip-binding-ports"]["writes"] == 2
    assert soap_ports(server)[2525]["encryption"] == "TLS" and soap_ports(server)[2525]["description"] == "Alt"
    gone = run_module(smartermail_server_port, dict(JSON, port=1995, state="absent"))
    assert gone["changed"] and 1995 not in soap_ports(server)


def test_server_port_protocol_without_json_type_fails_before_any_call(server, run_module):
    result = run_module(smartermail_server_port, dict(JSON, ports=[{"port": 3389, "protocol": "LDAP"}]))
    assert result["failed"] and "protocol LDAP or SubmissionPort" in result["msg"], result
    assert "use api: soap" in result["msg"] and server.requests == []


def test_server_port_of_an_unknown_type_cannot_be_replaced_over_json(server, run_module):
    # the fresh server's LDAP port 389 is answered with a type the reference does not number
    server.emulator.counters.reset()
    result = run_module(smartermail_server_port, dict(JSON, port=389, description="directory"))
    assert result["failed"] and "no protocol the JSON API can add" in result["msg"], result
    assert server.writes() == 0


def test_auto_replaces_a_port_of_an_unknown_type_over_soap(server, run_module):
    # the same task under api: auto: JSON read the port and cannot add it again, so SOAP serves it
    server.emulator.counters.reset()
    result = run_module(smartermail_server_port, dict(api="auto", port=389, description="directory"))
    assert not result.get("failed") and result["changed"] and result["api"] == "soap", result
    assert "api auto: using SOAP: server port 389 has no protocol the JSON API can add" in str(result["warnings"])
    written = [name for name, count in server.emulator.counters.as_dict()["operations"].items() if count.get("writes")]
    assert written and not any(name.startswith("json:") for name in written), written
    assert [p["description"] for p in server.state()["server"]["ports"] if p["port"] == 389] == ["directory"]


def soap_bound(server):
    """{address: sorted port numbers} of the emulator's state (shared by both APIs)."""
    state = server.state()["server"]
    numbers = dict((p["id"], p["port"]) for p in state.get("ports") or [])
    return dict((ip, sorted(numbers[i] for i in ids)) for ip, ids in (state.get("ip_bindings") or {}).items())


def test_port_binding_ladder_replaces_ports_keeping_other_addresses(server, run_module):
    # another address holds 25 and 110 (through SOAP): its bindings survive the replacement of 25
    other = run_module(smartermail_port_binding, dict(ip_address="192.0.2.1", ports=[25, 110]))
    assert other["changed"] and other["api"] == "soap"
    ids = dict((p["port"], p["id"]) for p in server.state()["server"]["ports"])
    args = dict(JSON, bindings=[{"ip_address": "192.0.2.5", "ports": [25, 143]}])
    check, real, written = ladder(server, run_module, smartermail_port_binding, args)
    assert written == ["json:POST settings/sysadmin/ip-binding-ports"]
    assert server.counters()["operations"]["json:POST settings/sysadmin/ip-binding-ports"]["writes"] == 4
    assert check["diff"]["after"]["bindings"]["192.0.2.5"] == {"ip_address": "192.0.2.5", "ports": [25, 143]}
    # the JSON API lists every address that has a binding: the result shows the other one, unchanged
    assert real["bindings"] == [{"ip_address": "192.0.2.1", "ports": [25, 110]},
                                {"ip_address": "192.0.2.5", "ports": [25, 143]}]
    warned = str(real["warnings"])  # str: the shape differs by ansible-core
    assert "server port 25 is replaced" in warned and "server port 143 is replaced" in warned
    assert soap_bound(server) == {"192.0.2.1": [25, 110], "192.0.2.5": [25, 143]}
    now = dict((p["port"], p) for p in server.state()["server"]["ports"])
    assert now[25]["id"] != ids[25] and now[110]["id"] == ids[110]  # replaced, not edited
    assert (now[25]["name"], now[25]["protocol"]) == ("SMTP", "SMTP")
    # SOAP reads what the JSON API wrote
    soap = run_module(smartermail_port_binding, dict(ip_address="192.0.2.5", ports=[143, 25]))
    assert soap["api"] == "soap" and not soap["changed"]
    # an address removed over JSON: only its bindings go
    server.emulator.counters.reset()
    gone = run_module(smartermail_port_binding, dict(JSON, ip_address="192.0.2.5", state="absent"), diff=True)
    assert gone["changed"] and gone["diff"]["after"] == {}
    assert soap_bound(server) == {"192.0.2.1": [25, 110]}


def test_port_binding_to_a_missing_port_fails_before_any_write_over_json(server, run_module):
    server.emulator.counters.reset()
    result = run_module(smartermail_port_binding, dict(JSON, ip_address="192.0.2.5", ports=[25, 2526]))
    assert result["failed"] and "port 2526 is not configured on the server" in result["msg"], result
    assert server.writes() == 0
    # a port of a type the JSON API cannot add again (the emulator's LDAP 389) is not replaced
    result = run_module(smartermail_port_binding, dict(JSON, ip_address="192.0.2.5", ports=[389]))
    assert result["failed"] and "none the JSON API can add again" in result["msg"], result
    assert server.writes() == 0 and soap_bound(server) == {}


@pytest.mark.parametrize("module,args", [
    (smartermail_service, {"name": "smtp", "running": True}),
    (smartermail_server_port, {"port": 25, "protocol": "SMTP"}),
])
def test_unchanged_over_json_reads_once_and_writes_nothing(server, run_module, module, args):
    server.emulator.counters.reset()
    result = run_module(module, dict(JSON, **args))
    assert not result["changed"] and result["api"] == "json" and server.writes() == 0
    assert server.counters()["reads"] >= 1

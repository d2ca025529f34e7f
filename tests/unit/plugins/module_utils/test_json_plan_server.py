# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The JSON adapters of server ports, port bindings and services: siblings of their SOAP adapters,
their reads of the reference's fields, their writes and refusals (no server)."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.server_port import (
    JsonPortBindings,
    JsonServerPorts,
    PortBindingResource,
    ServerPortResource,
    SoapPortBindings,
    SoapServerPorts,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.service import (
    JsonServices,
    ServiceResource,
    SoapServices,
)

PORTS = "settings/sysadmin/ip-binding-ports"


def params(resource, **given):
    spec = resource.argument_spec.argument_spec
    out = dict((name, option.get("default")) for name, option in spec.items())
    out.update(given)
    return out


def plan(resource, current):
    return engine.plan(resource, engine.validate(resource), current).plan.writes


class Client:
    """Answers GET ``path`` with ``answer`` (no server)."""

    def __init__(self, path, answer):
        self.path, self.answer = path, answer

    def get(self, path, scope="sysadmin"):
        assert path == self.path and scope == "sysadmin"
        return self.answer


@pytest.mark.parametrize("resource, soap, json", [
    (ServerPortResource, SoapServerPorts, JsonServerPorts),
    (PortBindingResource, SoapPortBindings, JsonPortBindings),
    (ServiceResource, SoapServices, JsonServices),
])
def test_adapters_are_siblings(resource, soap, json):
    assert resource.adapters == {"soap": soap, "json": json}
    assert not issubclass(json, soap) and not issubclass(soap, json)


def test_services_read_and_start_stop_writes():
    resource = ServiceResource(params(ServiceResource, services=[{"name": "pop", "running": True},
                                                                 {"name": "smtp", "running": False}]), api="json")
    current = resource.read_all(Client("settings/sysadmin/services", {"services": [
        {"name": "SMTP", "isRunning": True, "threadCount": 3}, {"name": "pop", "isRunning": False},
        {"name": "xmpp", "isRunning": True}]}), [])
    assert current == {"smtp": {"name": "smtp", "running": True, "thread_count": 3},
                       "pop": {"name": "pop", "running": False, "thread_count": 0}}
    writes = plan(resource, current)
    assert sorted((w.operation, w.params["body"]["input"][0]) for w in writes) == [
        ("POST settings/sysadmin/start-services", "pop"), ("POST settings/sysadmin/stop-services", "smtp")]
    assert all(w.params["scope"] == "sysadmin" for w in writes)


def test_services_answer_without_the_list_fails_before_any_write():
    resource = ServiceResource(params(ServiceResource, name="pop", running=True), api="json")
    with pytest.raises(engine.PlanError, match="holds no services list"):
        resource.read_all(Client("settings/sysadmin/services", {"data": {"pop": True}}), [])


MANAGER = {"bindingManager": {"bindingPorts": [
    {"id": "p1", "name": "SMTP 25", "port": 25, "type": 0, "description": "", "isTls": True, "isSSL": False,
     "certificatePath": "", "password": "Cert-Pw-1"},
    {"id": "p2", "name": "LDAP", "port": 389, "type": 3, "description": "", "isTls": False, "isSSL": False,
     "certificatePath": "", "password": ""}], "bindingInfo": [{"ipAddress": "192.0.2.1", "portIDs": ["p1"]}]}}


def test_server_ports_read_the_reference_fields():
    resource = ServerPortResource(params(ServerPortResource, port=25), api="json")
    current = resource.read_all(Client("settings/sysadmin/ip-binding-manager", MANAGER), [])
    assert current["25"] == {"port": 25, "protocol": "SMTP", "encryption": "TLS", "certificate_path": "",
                             "name": "SMTP 25", "description": "", "id": "p1"}
    assert current["389"]["protocol"] == ""  # a type the reference does not number
    assert "Cert-Pw-1" not in str(current)


def test_server_port_add_replace_and_remove_bodies():
    resource = ServerPortResource(params(ServerPortResource, port=2525, protocol="IMAP", encryption="SSL"),
                                  api="json")
    writes = plan(resource, {})
    assert [(w.operation, w.params["body"]) for w in writes] == [("POST " + PORTS, {"toAdd": [{
        "boundIpAddresses": [], "id": None, "type": 2, "isTls": False, "isSSL": True, "password": "",
        "description": "", "name": "IMAP 2525", "port": 2525, "certificatePath": ""}]})]
    # no edit: remove by id, then add; the certificate password read is sent again, never shown
    resource = ServerPortResource(params(ServerPortResource, port=25, encryption=""), api="json")
    current = resource.read_all(Client("settings/sysadmin/ip-binding-manager", MANAGER), [])
    writes = plan(resource, current)
    assert [w.params["body"].get("toRemove") for w in writes] == [["p1"], None]
    assert writes[1].params["body"]["toAdd"][0]["password"] == "Cert-Pw-1"
    assert writes[1].params["body"]["toAdd"][0]["isTls"] is False and "replaced" in str(resource.warnings)
    assert "Cert-Pw-1" not in " ".join(w.description for w in writes)
    resource = ServerPortResource(params(ServerPortResource, port=389, state="absent"), api="json")
    assert [w.params["body"] for w in plan(resource, current)] == [{"toRemove": ["p2"]}]


@pytest.mark.parametrize("given, word", [
    ({"port": 389, "protocol": "LDAP"}, "protocol LDAP or SubmissionPort cannot be managed over the JSON API"),
    ({"ports": [{"port": 25, "protocol": "SMTP"}, {"port": 587, "protocol": "SubmissionPort"}]},
     "protocol LDAP or SubmissionPort"),
])
def test_server_port_protocols_without_a_json_type_are_refused(given, word):
    resource = ServerPortResource(params(ServerPortResource, **given), api="json")
    with pytest.raises(engine.InputError, match=word):
        engine.validate(resource)
    # the same task is valid over SOAP
    engine.validate(ServerPortResource(params(ServerPortResource, **given), api="soap"))


def test_server_port_of_an_unknown_type_is_not_replaced_over_json():
    resource = ServerPortResource(params(ServerPortResource, port=389, description="x"), api="json")
    current = resource.read_all(Client("settings/sysadmin/ip-binding-manager", MANAGER), [])
    with pytest.raises(engine.PlanError, match="no protocol the JSON API can add"):
        plan(resource, current)


BINDINGS = {"bindingManager": {"bindingPorts": [
    {"id": "p25", "name": "SMTP", "port": 25, "type": 0, "description": "main", "isTls": True, "isSSL": False,
     "certificatePath": "c:\\certs\\smtp.pfx", "password": "Cert-Pw-25"},
    {"id": "p110", "name": "POP", "port": 110, "type": 1, "description": "", "isTls": False, "isSSL": False,
     "certificatePath": "", "password": None},
    {"id": "p993", "name": "IMAP (SSL)", "port": 993, "type": 2, "description": "", "isTls": False, "isSSL": True,
     "certificatePath": "", "password": ""},
    {"id": "p389", "name": "LDAP", "port": 389, "type": 3, "description": "", "isTls": False, "isSSL": False,
     "certificatePath": "", "password": ""}],
    "bindingInfo": [{"ipAddress": "192.0.2.1", "portIDs": ["p25", "p110", "p389"]},
                    {"ipAddress": "192.0.2.2", "portIDs": ["P25", "gone"]},
                    {"ipAddress": "2001:DB8::1", "portIDs": ["p993"]},
                    {"ipAddress": "192.0.2.9", "portIDs": []}]}}
MANAGER_PATH = "settings/sysadmin/ip-binding-manager"


def bindings(**given):
    """A port binding resource over JSON, its current state read from ``BINDINGS`` (no server)."""
    resource = PortBindingResource(params(PortBindingResource, **given), api="json")
    entries = engine.validate(resource)
    return resource, entries, resource.read(Client(MANAGER_PATH, BINDINGS), entries)


def test_port_bindings_read_the_binding_info_joined_with_the_ports():
    resource, entries, current = bindings(bindings=[], purge=True)
    assert current == {"192.0.2.1": {"ip_address": "192.0.2.1", "ports": [25, 110, 389]},
                       "192.0.2.2": {"ip_address": "192.0.2.2", "ports": [25]},
                       "2001:db8::1": {"ip_address": "2001:db8::1", "ports": [993]}}
    assert "Cert-Pw-25" not in str(current)


def test_port_binding_change_replaces_each_port_once_keeping_other_addresses():
    # 192.0.2.3 gains 25 and 993, 192.0.2.2 loses 25: one replacement of port 25 for both changes
    resource, entries, current = bindings(bindings=[{"ip_address": "192.0.2.3", "ports": [993, 25]},
                                                    {"ip_address": "192.0.2.2", "state": "absent"}])
    outcome = engine.plan(resource, entries, current)
    writes = outcome.plan.writes
    assert [(w.operation, w.params["scope"]) for w in writes] == [("POST " + PORTS, "sysadmin")] * 4
    assert [w.params["body"] for w in writes] == [
        {"toRemove": ["p25"]},
        {"toAdd": [{"boundIpAddresses": ["192.0.2.1", "192.0.2.3"], "id": None, "type": 0, "isTls": True,
                    "isSSL": False, "password": "Cert-Pw-25", "description": "main", "name": "SMTP", "port": 25,
                    "certificatePath": "c:\\certs\\smtp.pfx"}]},
        {"toRemove": ["p993"]},
        {"toAdd": [{"boundIpAddresses": ["2001:DB8::1", "192.0.2.3"], "id": None, "type": 2, "isTls": False,
                    "isSSL": True, "password": "", "description": "", "name": "IMAP (SSL)", "port": 993,
                    "certificatePath": ""}]}]
    assert writes[0].description == ("remove server port SMTP 25 (id p25) to add it again with its IP bindings "
                                     "changed: 192.0.2.3 added, 192.0.2.2 removed")
    assert writes[1].description == "add server port SMTP 25 again, bound to 192.0.2.1, 192.0.2.3"
    assert outcome.after["192.0.2.3"]["ports"] == [25, 993] and "192.0.2.2" not in outcome.after
    assert resource.warnings == ["server port %d is replaced to change its IP bindings (no endpoint of the JSON API "
                                 "edits them): its id changes" % n for n in (25, 993)]
    shown = " ".join([w.description for w in writes] + resource.warnings + [str(outcome.after)])
    assert "Cert-Pw-25" not in shown


def test_port_binding_failed_add_reports_the_removal_applied():
    resource, entries, current = bindings(ip_address="192.0.2.1", ports=[25, 389])  # 110 removed
    writes = engine.plan(resource, entries, current).plan

    def execute(write):
        if "toAdd" in write.params["body"]:
            raise RuntimeError("refused")
    with pytest.raises(engine.ApplyError) as failure:
        engine.apply(writes, execute, check_mode=False)
    assert failure.value.applied == ["remove server port POP 110 (id p110) to add it again with its IP bindings "
                                     "changed: 192.0.2.1 removed"]
    assert engine.apply(writes, execute, check_mode=True) == []


def test_port_binding_unchanged_plans_nothing():
    resource, entries, current = bindings(bindings=[{"ip_address": "192.0.2.1", "ports": [389, 110, 25]},
                                                    {"ip_address": "2001:db8:0::1", "ports": [993]}])
    outcome = engine.plan(resource, entries, current)
    assert not outcome.plan and not resource.warnings


@pytest.mark.parametrize("given, word", [
    ({"ip_address": "192.0.2.5", "ports": [25, 2525]}, "port 2525 is not configured on the server"),
    ({"ip_address": "192.0.2.5", "ports": [389]}, "type 3 is none the JSON API can add again"),
    ({"ip_address": "192.0.2.1", "state": "absent"}, "type 3 is none the JSON API can add again"),
    # every port's problem at once
    ({"ip_address": "192.0.2.5", "ports": [389, 2525]}, "server port 389 over the JSON API.*; port 2525 is not "
     "configured"),
])
def test_port_binding_fails_before_any_write(given, word):
    resource, entries, current = bindings(**given)
    with pytest.raises(engine.PlanError, match=word):
        engine.plan(resource, entries, current)


def test_port_binding_purge_over_json_removes_the_unlisted_addresses_not_kept():
    resource, entries, current = bindings(bindings=[{"ip_address": "192.0.2.3", "ports": [110]}], purge=True,
                                          keep=["192.0.2.1"])
    writes = engine.plan(resource, entries, current).plan.writes
    removed = [{"toRemove": ["p25"]}, {"toRemove": ["p110"]}, {"toRemove": ["p993"]}]
    assert [w.params["body"] for w in writes][0::2] == removed
    assert [w.params["body"]["toAdd"][0]["boundIpAddresses"] for w in writes[1::2]] == [
        ["192.0.2.1"], ["192.0.2.1", "192.0.2.3"], []]


def test_port_binding_of_a_port_configured_twice_fails_before_any_write():
    manager = {"bindingManager": {"bindingPorts": BINDINGS["bindingManager"]["bindingPorts"] + [
        dict(BINDINGS["bindingManager"]["bindingPorts"][1], id="p110b")], "bindingInfo": [
        {"ipAddress": "192.0.2.1", "portIDs": ["p110", "p110b"]}, {"ipAddress": "192.0.2.1", "portIDs": ["p25"]}]}}
    resource = PortBindingResource(params(PortBindingResource, ip_address="192.0.2.1", ports=[25]), api="json")
    entries = engine.validate(resource)
    current = resource.read(Client(MANAGER_PATH, manager), entries)
    assert current == {"192.0.2.1": {"ip_address": "192.0.2.1", "ports": [25, 110]}}  # an address listed twice
    with pytest.raises(engine.PlanError, match="port 110 is configured 2 times on the server"):
        engine.plan(resource, entries, current)

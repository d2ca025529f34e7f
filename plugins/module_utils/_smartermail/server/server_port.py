# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server ports of SmarterMail (svcServerAdmin) and their assignment to IP addresses.

A port is keyed by its number (unique on the server). There is no edit operation: a new protocol,
encryption, certificate, name or description is DeleteServerPort, then AddServerPort, which drops
the port's IP assignments (listed again with ``smartermail_port_binding``).

A binding is keyed by an IP address and holds the set of port numbers assigned to it
(ListPortsAssignedToIP per address; AssignPortToIP / RemovePortFromIP for the difference). The web
service cannot list the addresses that have bindings: the list form reads the addresses it names
and, with ``purge``, the addresses of the server's hostnames.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import (
    SERVER,
    read_hostnames,
    read_ports,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    SoapList,
    choice_normalize,
    id_row,
    int_check,
    ip_check,
    ip_text,
    missing_to_add,
    state_row,
    text,
)

PROTOCOLS = ("IMAP", "LDAP", "POP", "SMTP", "SubmissionPort")
ENCRYPTIONS = ("", "SSL", "TLS")

# the SOAP column: the parameters of AddServerPort
TABLE = ListTable([
    Row("port", "The port number (1-65535); it names the port.", type="int", rule="number",
        check=int_check(1, 65535), soap="port"),
    Row("protocol", "The protocol served. Required to add a port.", choices=PROTOCOLS,
        normalize=choice_normalize(PROTOCOLS), soap="protocol"),
    Row("encryption", "V(SSL), V(TLS) or V('') for none (none when added without it).", choices=ENCRYPTIONS,
        normalize=choice_normalize(ENCRYPTIONS), created="", soap="encryption"),
    Row("certificate_path", "Path of the certificate on the server, for SSL or TLS.", created="", normalize=text,
        soap="certificatePath"),
    Row("name", "A descriptive name (the server's C(<protocol> <port>) when added without it).", normalize=text,
        soap="name"),
    Row("description", "A description for display.", created="", soap="description"),
    id_row("id", soap="portId", created=""),
], list_option="ports", what="ports")

BINDING_TABLE = ListTable([
    Row("ip_address", "The IP address; it names the binding (also in O(keep)).", check=ip_check, normalize=ip_text,
        soap="ipAddress"),
    Row("ports", "The port numbers assigned to the address. Required unless O(state=absent).", type="list",
        elements="int", rule="set", soap="portID (one AssignPortToIP or RemovePortFromIP per port)"),
], list_option="bindings", what="bindings", state=state_row("V(absent) removes every port from the address."))


class SoapServerPorts(SoapList):
    """``ListServerPorts``, ``AddServerPort``, ``DeleteServerPort`` (by id; no edit: a change replaces the port)."""

    add_operation, remove_operation, remove_by = "AddServerPort", "DeleteServerPort", ("id",)

    def read_list(self, client):
        return read_ports(client, [])[0]

    def plan_update(self, plan, entry, current, desired, changed):
        super(SoapServerPorts, self).plan_update(plan, entry, current, desired, changed)
        self.resource.warnings.append("server port %s is replaced: its IP assignments are dropped by the server"
                                      % current["port"])


class SoapPortBindings(SoapList):
    """``ListPortsAssignedToIP`` per address, ``AssignPortToIP`` and ``RemovePortFromIP`` per port
    (by the port's id: the resource's ``port_ids``, read with the bindings)."""

    def read_all(self, client, entries):
        ports, dummy = read_ports(client, [])
        self.resource.port_ids = dict((p["port"], p["id"]) for p in ports)
        addresses = set(e["key"] for e in entries)
        if self.resource.purging():
            addresses.update(h["ip_address"].lower() for h in read_hostnames(client) if h["ip_address"])
        current = {}
        for ip in sorted(addresses):
            bound = client.call(SERVER, "ListPortsAssignedToIP", ipAddress=ip).get("Ports") or []
            if bound:
                current[ip] = {"ip_address": ip, "ports": sorted(p.get("Port") for p in bound)}
        return current

    def port_id(self, number):
        if number not in self.resource.port_ids:
            raise PlanError("port %s is not configured on the server (add it with smartermail_server_port)" % number)
        return self.resource.port_ids[number]

    def calls(self, ip, add, remove):
        calls = [("RemovePortFromIP", dict(portID=self.port_id(n), ipAddress=ip), None,
                  "remove port %s from %s" % (n, ip)) for n in sorted(remove)]
        calls += [("AssignPortToIP", dict(portID=self.port_id(n), ipAddress=ip), None,
                   "assign port %s to %s" % (n, ip)) for n in sorted(add)]
        return calls

    def add(self, obj, secrets):
        return self.calls(obj["ip_address"], obj["ports"], [])

    def update(self, current, desired, changed, secrets):
        have, want = set(current["ports"]), set(desired["ports"])
        return self.calls(current["ip_address"], want - have, have - want)

    def remove(self, obj):
        return self.calls(obj["ip_address"], [], obj["ports"])


class ServerPortResource(ListResource):
    item, single_key = "server port", "port"
    table, adapters = TABLE, {"soap": SoapServerPorts}

    def key(self, obj):
        return "%d" % obj["port"] if obj.get("port") else None

    def keep_entry(self, value):
        """A port number (checked as a listed ``port`` is)."""
        value = text(value)
        return {"port": int(value) if value.isdigit() else value, "state": "absent"}

    def sort_key(self, key):
        return int(key.split("#")[0])

    def label(self, obj):
        return "%s %s" % (obj.get("protocol") or "", obj["port"])

    def create_errors(self, entry, desired):
        return missing_to_add(entry, ["protocol"], "server port %s" % entry["port"])

    def desired(self, entry, current):
        obj = super(ServerPortResource, self).desired(entry, current)
        if current is None and not obj.get("name"):
            obj["name"] = "%s %s" % (obj["protocol"], obj["port"])  # the server's default name
        return obj


class PortBindingResource(ListResource):
    item, single_key = "port binding", "binding"
    table, adapters = BINDING_TABLE, {"soap": SoapPortBindings}
    lists_every_object = False  # the web service cannot list the addresses that have bindings

    def __init__(self, params, api=None):
        super(PortBindingResource, self).__init__(params, api)
        self.port_ids = {}  # {port number: the server's id of the port}

    def entry_errors(self, entry, where):
        errors = []
        if entry["state"] == "present" and entry.get("ports") is None:
            errors.append("%s: ports is required" % where)
        for number in entry.get("ports") or []:
            error = int_check(1, 65535)(number, "%s: ports entry" % where)
            if error:
                errors.append(error)
        if entry.get("ports") is not None and not errors:
            entry["ports"] = sorted(set(entry["ports"]))
        return errors

    def defaults(self):
        return {"ports": []}

    def desired(self, entry, current):
        obj = super(PortBindingResource, self).desired(entry, current)
        obj["ports"] = sorted(obj["ports"] or [])
        return obj

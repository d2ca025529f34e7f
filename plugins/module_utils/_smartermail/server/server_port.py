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

Over the JSON API (``JsonServerPorts``, ``JsonPortBindings``): reference §10.4, one client (SSL):
*single source*. Its read lists every address that has a binding; with no endpoint that assigns a
port to an address, a binding change replaces each port it touches (see ``JsonPortBindings``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import NotServedNow, PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    SYSADMIN,
    JsonAdapter,
    add_write,
)
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
    ID_DOC,
    choice_normalize,
    int_check,
    ip_check,
    ip_text,
    missing_to_add,
    state_row,
    text,
)

PROTOCOLS = ("IMAP", "LDAP", "POP", "SMTP", "SubmissionPort")
ENCRYPTIONS = ("", "SSL", "TLS")

# the JSON API (reference §10.4, SSL: single source): the ports and bindings in one read; ports are
# added (``toAdd``) and removed by id (``toRemove``) through one endpoint, with no edit
JSON_MANAGER = "settings/sysadmin/ip-binding-manager"
JSON_PORTS = "settings/sysadmin/ip-binding-ports"
# ``type`` of a port: 0 SMTP, 1 POP, 2 IMAP (the reference numbers no other protocol)
JSON_TYPES = ("SMTP", "POP", "IMAP")


def protocols_json_refuses(resource, entries):
    """Whether a task names a protocol the JSON API has no port type for (LDAP, SubmissionPort)."""
    return any(e.get("protocol") and e["protocol"] not in JSON_TYPES for e in entries
               if e.get("state", "present") != "absent")


# the SOAP column: the parameters of AddServerPort; the JSON column: the fields of a port of
# ip-binding-manager's bindingPorts[] and of ip-binding-ports' toAdd[]
TABLE = ListTable([
    Row("port", "The port number (1-65535); it names the port.", type="int", rule="number",
        check=int_check(1, 65535), soap="port", json="port"),
    Row("protocol", "The protocol served. Required to add a port.", choices=PROTOCOLS,
        normalize=choice_normalize(PROTOCOLS), soap="protocol",
        json=NotServed("the JSON API's port type is 0 SMTP, 1 POP or 2 IMAP (settings/sysadmin/ip-binding-ports)",
                       when=protocols_json_refuses,
                       label="protocol LDAP or SubmissionPort")),
    Row("encryption", "V(SSL), V(TLS) or V('') for none (none when added without it).", choices=ENCRYPTIONS,
        normalize=choice_normalize(ENCRYPTIONS), created="", soap="encryption", json="isSSL, isTls"),
    Row("certificate_path", "Path of the certificate on the server, for SSL or TLS.", created="", normalize=text,
        soap="certificatePath", json="certificatePath"),
    Row("name", "A descriptive name (the server's C(<protocol> <port>) when added without it).", normalize=text,
        soap="name", json="name"),
    Row("description", "A description for display.", created="", soap="description", json="description"),
    Row("id", ID_DOC, read_only=True, created="", soap="portId", json="id"),
], list_option="ports", what="ports")

BINDING_TABLE = ListTable([
    Row("ip_address", "The IP address; it names the binding (also in O(keep)).", check=ip_check, normalize=ip_text,
        soap="ipAddress", json="bindingInfo[].ipAddress of ip-binding-manager; boundIpAddresses of a port replaced"),
    Row("ports", "The port numbers assigned to the address. Required unless O(state=absent).", type="list",
        elements="int", rule="set", soap="portID (one AssignPortToIP or RemovePortFromIP per port)",
        json="bindingInfo[].portIDs (ids of bindingPorts[]); a change replaces each server port it touches "
             "(toRemove, then toAdd with its boundIpAddresses)"),
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


def json_port(info):
    """A port of ``bindingPorts[]`` shaped like the options (a type beyond 0-2: no protocol)."""
    kind = info.get("type")
    known = isinstance(kind, int) and not isinstance(kind, bool) and 0 <= kind < len(JSON_TYPES)
    ssl, tls = info.get("isSSL") is True, info.get("isTls") is True
    return {"port": info.get("port"), "protocol": JSON_TYPES[kind] if known else "",
            "encryption": "SSL" if ssl else ("TLS" if tls else ""), "certificate_path": text(info.get("certificatePath")),
            "name": text(info.get("name")), "description": text(info.get("description")), "id": text(info.get("id"))}


def read_binding_manager(client):
    """``bindingManager`` of ``GET settings/sysadmin/ip-binding-manager``."""
    manager = client.get(JSON_MANAGER).get("bindingManager")
    if not isinstance(manager, dict):
        raise PlanError("the answer of GET %s holds no bindingManager object; use api: soap" % JSON_MANAGER)
    return manager


class JsonServerPorts(JsonAdapter):
    """The JSON API, with the system administrator's token (reference §10.4; one client, SSL
    ``smtmBindingList``, ``smtmAddBinding``, ``smtmRemoveBinding``: *single source*).

    - read: ``GET settings/sysadmin/ip-binding-manager`` -> ``bindingManager.bindingPorts[]`` {``id``,
      ``name``, ``port``, ``type`` (0 SMTP, 1 POP, 2 IMAP), ``description``, ``isTls``, ``isSSL``,
      ``certificatePath``, ``password``}; a port of another type is read with no protocol (the
      reference numbers no other type) and can be removed, not added or replaced;
    - add: ``POST settings/sysadmin/ip-binding-ports`` {``toAdd``: [{``boundIpAddresses``: [], ``id``:
      null, ``type``, ``isTls``, ``isSSL``, ``password``, ``description``, ``name``, ``port``,
      ``certificatePath``}]}; the encryption is the two flags (SSL's, which never sets both); a new
      port is bound to no address, as over SOAP; ``password`` (the certificate's, not an option of
      this module) is sent empty on a new port and as read when a port is replaced;
    - remove: the same endpoint, {``toRemove``: [id]};
    - no edit (as over SOAP): a change replaces the port (remove, then add), which drops its
      bindings; the SOAP adapter replaces the same way.
    """

    def __init__(self, resource):
        super(JsonServerPorts, self).__init__(resource)
        self.passwords = {}  # {port id: the certificate password read}, never shown

    def read_all(self, client, entries):
        current, key = {}, self.resource.key
        ports = [p for p in read_binding_manager(client).get("bindingPorts") or [] if isinstance(p, dict)]
        for info in ports:
            obj = json_port(info)
            self.passwords[obj["id"]] = info.get("password") or ""
            if not isinstance(obj["port"], int) or isinstance(obj["port"], bool):
                continue
            name, number = key(obj), 1
            while name in current:  # the server holds the same port number twice: each can be removed
                number += 1
                name = "%s#%d" % (key(obj), number)
            current[name] = obj
        return current

    def to_add(self, obj, password=""):
        if obj["protocol"] not in JSON_TYPES:
            raise NotServedNow("server port %s has no protocol the JSON API can add (0 SMTP, 1 POP or 2 IMAP); use "
                               "api: soap" % obj["port"])
        return {"toAdd": [{"boundIpAddresses": [], "id": None, "type": JSON_TYPES.index(obj["protocol"]),
                           "isTls": obj.get("encryption") == "TLS", "isSSL": obj.get("encryption") == "SSL",
                           "password": password, "description": obj.get("description") or "",
                           "name": obj.get("name") or "", "port": obj["port"],
                           "certificatePath": obj.get("certificate_path") or ""}]}

    def plan_create(self, plan, entry, desired):
        add_write(plan, "create", JSON_PORTS, self.resource.describe("add", desired), entry["key"], SYSADMIN,
                  self.to_add(desired))

    def plan_update(self, plan, entry, current, desired, changed):
        resource = self.resource
        body = self.to_add(desired, self.passwords.get(current["id"], ""))
        why = " to replace it (%s)" % ", ".join(sorted(changed))
        add_write(plan, "update", JSON_PORTS, resource.describe("remove", current) + why, entry["key"], SYSADMIN,
                  {"toRemove": [current["id"]]})
        add_write(plan, "update", JSON_PORTS, resource.describe("add", desired), entry["key"], SYSADMIN, body)
        resource.warnings.append("server port %s is replaced: its IP assignments are dropped by the server"
                                 % current["port"])

    def plan_remove(self, plan, key, current):
        add_write(plan, "remove", JSON_PORTS, self.resource.describe("remove", current), key, SYSADMIN,
                  {"toRemove": [current["id"]]})


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
    table, adapters = TABLE, {"soap": SoapServerPorts, "json": JsonServerPorts}

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


def json_type_known(kind):
    """Whether ``type`` of a port is one the JSON API adds (0 SMTP, 1 POP, 2 IMAP)."""
    return isinstance(kind, int) and not isinstance(kind, bool) and 0 <= kind < len(JSON_TYPES)


class JsonPortBindings(JsonAdapter):
    """The JSON API, with the system administrator's token (reference §10.4; one client, SSL
    ``smtmBindingList``, ``smtmAddBinding``, ``smtmRemoveBinding``: *single source*).

    - read: ``GET settings/sysadmin/ip-binding-manager`` -> ``bindingManager.bindingInfo[]``
      {``ipAddress``, ``portIDs``}, the ids mapped to port numbers through ``bindingPorts[]`` (an id
      of no listed port is ignored; an address with no port has no binding, as over SOAP). Unlike
      SOAP, the read lists every address that has a binding;
    - change: no endpoint assigns an existing port to an address or removes it from one
      (``ip-binding-ports`` adds a port with its ``boundIpAddresses`` and removes one by id). A
      change of an address's ports therefore replaces each server port it touches: ``{toRemove:
      [id]}``, then ``{toAdd: [port]}`` with every field as read (the certificate ``password`` as
      read, never shown) and ``boundIpAddresses`` = the addresses bound to that port as read, with
      the task's addresses added or removed: the other addresses' bindings are kept. That the port
      comes back as it was, with only its bindings changed, is *inference* from the endpoints (as
      ``JsonServerPorts``' replacement is). The port's id changes (a warning says so);
    - the per-address changes the engine plans (``plan_create``, ``plan_update``, ``plan_remove``)
      are gathered by port number and written by ``plan_replacements`` (the resource's
      ``plan_links``): one replacement per port per task, in port order, each of its two writes
      described (a failure reports the writes applied before it: a port removed and not added again
      is named). A port number the server does not hold, or one that is configured twice, fails
      before any write; so does a replacement of a port whose type is not 0-2 (it could not be added
      again).
    """

    def __init__(self, resource):
        super(JsonPortBindings, self).__init__(resource)
        self.ports = {}  # {port number: [bindingPorts[] entries with that number]}
        self.bound = {}  # {port id (lower case): [addresses bound to it, as answered]}
        self.changes = {}  # {port number: {address: True (add) or False (remove)}}

    def read_all(self, client, entries):
        manager = read_binding_manager(client)
        ports = [p for p in manager.get("bindingPorts") or [] if isinstance(p, dict)]
        self.ports, numbers = {}, {}
        for info in ports:
            number = info.get("port")
            if isinstance(number, int) and not isinstance(number, bool):
                self.ports.setdefault(number, []).append(info)
                numbers[text(info.get("id")).lower()] = number
        self.bound, current = {}, {}
        for binding in manager.get("bindingInfo") or []:
            if not isinstance(binding, dict) or not text(binding.get("ipAddress")):
                continue
            address = text(binding.get("ipAddress"))
            found = set()
            for port_id in binding.get("portIDs") or []:
                port_id = text(port_id).lower()
                if port_id in numbers:
                    found.add(numbers[port_id])
                    self.bound.setdefault(port_id, []).append(address)
            key = ip_text(address).lower()
            if found:
                ports_ = sorted(found | set((current.get(key) or {}).get("ports") or []))
                current[key] = {"ip_address": ip_text(address), "ports": ports_}
        return current

    # -- the engine's per-address plan: gathered by port, written by ``plan_replacements``
    def note(self, ip, add, remove):
        for number in add:
            self.changes.setdefault(number, {})[ip] = True
        for number in remove:
            self.changes.setdefault(number, {})[ip] = False

    def plan_create(self, plan, entry, desired):
        self.note(desired["ip_address"], desired["ports"], [])

    def plan_update(self, plan, entry, current, desired, changed):
        have, want = set(current["ports"]), set(desired["ports"])
        self.note(current["ip_address"], want - have, have - want)

    def plan_remove(self, plan, key, current):
        self.note(current["ip_address"], [], current["ports"])

    def port_info(self, number):
        found = self.ports.get(number) or []
        if not found:
            raise PlanError("port %s is not configured on the server (add it with smartermail_server_port)" % number)
        if len(found) > 1:
            raise PlanError("port %s is configured %d times on the server: its bindings cannot be changed over the "
                            "JSON API (remove the extra ports with smartermail_server_port)" % (number, len(found)))
        info = found[0]
        if not json_type_known(info.get("type")):
            raise NotServedNow("changing the bindings of server port %s over the JSON API replaces the port, and its "
                               "type %r is none the JSON API can add again (0 SMTP, 1 POP or 2 IMAP); use api: soap"
                               % (number, info.get("type")))
        return info

    def replacement(self, number, changes):
        """(port, remove body, add body, addresses added, addresses removed) of one port."""
        info = self.port_info(number)
        keys = dict((ip_text(ip).lower(), ip) for ip in changes)
        kept, held = [], set()
        for ip in self.bound.get(text(info.get("id")).lower(), []):
            key = ip_text(ip).lower()
            if key not in held and (key not in keys or changes[keys[key]]):
                kept.append(ip)
                held.add(key)
        added = [ip for ip in sorted(changes) if changes[ip] and ip_text(ip).lower() not in held]
        removed = sorted(ip for ip in changes if not changes[ip])
        port = {"boundIpAddresses": kept + added, "id": None, "type": info["type"],
                "isTls": info.get("isTls") is True, "isSSL": info.get("isSSL") is True,
                "password": info.get("password") or "", "description": text(info.get("description")),
                "name": text(info.get("name")), "port": number, "certificatePath": text(info.get("certificatePath"))}
        return info, {"toRemove": [info.get("id")]}, {"toAdd": [port]}, added, removed

    def plan_replacements(self, plan):
        """The replacement of every port whose bindings change (planned: before any write)."""
        changes, self.changes = self.changes, {}
        planned, errors = [], []
        for number in sorted(changes):
            try:
                planned.append((number,) + self.replacement(number, changes[number]))
            except PlanError as exc:
                errors.append(exc)
        if errors:
            kind = NotServedNow if all(isinstance(exc, NotServedNow) for exc in errors) else PlanError
            raise kind("; ".join("%s" % exc for exc in errors))
        for number, info, remove, add, added, removed in planned:
            label = "%s %s" % (json_port(info)["protocol"], number)
            what = ", ".join(["%s added" % ip for ip in added] + ["%s removed" % ip for ip in removed])
            bound = add["toAdd"][0]["boundIpAddresses"]
            add_write(plan, "update", JSON_PORTS, "remove server port %s (id %s) to add it again with its IP bindings "
                      "changed: %s" % (label, text(info.get("id")), what), "%d" % number, SYSADMIN, remove)
            add_write(plan, "update", JSON_PORTS, "add server port %s again, bound to %s" % (
                label, ", ".join(bound) or "no address"), "%d" % number, SYSADMIN, add)
            self.resource.warnings.append(
                "server port %s is replaced to change its IP bindings (no endpoint of the JSON API edits them): "
                "its id changes" % number)


class PortBindingResource(ListResource):
    item, single_key = "port binding", "binding"
    table, adapters = BINDING_TABLE, {"soap": SoapPortBindings, "json": JsonPortBindings}
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

    def plan_links(self, plan, entries, before, after, context):
        """Over the JSON API, the ports whose bindings change are replaced, one per port
        (``JsonPortBindings.plan_replacements``); over SOAP every write is planned per address."""
        replacements = getattr(self.adapter, "plan_replacements", None)
        if replacements is not None:
            replacements(plan)

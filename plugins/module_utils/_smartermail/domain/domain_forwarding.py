# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domain forwarding blocks: the server-wide list of "mail for these domains goes to this IP address"
blocks, each keyed by its target address. The table, the resource and its SOAP (svcDomainAdmin)
adapter.

One block (``target``) is read by its target address; the whole list (``blocks``) with one
GetDomainForwarding. A block's domains are updated by target address; a block whose target changes
(``rename_from``) is found and rewritten by its numeric ID; a block is removed by target address
when named, by its ID when a purge removes it (the ID read in the same task).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, Resource, as_set
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    domain_key,
    domain_name_error,
    ip_error,
)

SERVICE = "svcDomainAdmin"

TABLE = Table([
    Option("target", [
        "The IP address (IPv4 or IPv6) that receives the mail of the block's domains.",
        "Mutually exclusive with O(blocks).",
    ], required=True, entry_doc=["The target IP address."], soap="targetAddress"),
    Option("domains", "The domains of the block. Needed to create a block; not managed when omitted.", type="list",
           elements="str", rule="set", entry_doc=["The domains of the block."], soap="domains"),
    Option("rename_from", "The target address of an existing block to move to O(target) (its domains kept unless "
           "O(domains) is given).", entry_doc=["The target address of an existing block to move to C(target)."],
           soap="SetDomainForwardingBlock (by blockID)"),
    Option("state", "Whether the block exists.", choices=["present", "absent"], default="present"),
], list_option="blocks", key="target", list_doc=[
    "Several blocks, each with the options above (C(target) required).",
    "Mutually exclusive with O(target), O(domains) and O(rename_from) (give them in each entry); O(state) beside the "
    "list is not used.",
])


def target_key(value):
    """An IP address as the server writes it (compressed IPv6, no blanks), or None."""
    try:
        return str(ipaddress.ip_address(u"%s" % ("%s" % (value if value is not None else "")).strip()))
    except ValueError:
        return None


def domain_set(values):
    return sorted(as_set(values, lambda v: domain_key(v) or ""))


def block(info):
    """A DomainForwardBlockInfo -> {target, domains, id}."""
    return {"target": target_key(info.get("targetAddress")) or ("%s" % (info.get("targetAddress") or "")),
            "domains": domain_set(info.get("domains")), "id": info.get("blockID")}


def read_list(client):
    """Every block as {target: block}: one call."""
    result = client.call(SERVICE, "GetDomainForwarding", includeDomains=True)
    blocks = [block(b) for b in result.get("blocks") or []]
    return dict((b["target"], b) for b in blocks)


class SoapDomainForwarding(Adapter):
    """svcDomainAdmin: ``GetDomainForwarding`` (the list; by target address or block ID for one), ``Add...``,
    ``SetDomainForwardingBlock[ByTargetAddress]``, ``DeleteDomainForward[ing]Block[ByTargetAddress]``."""

    api = "soap"

    def read_all(self, client, entries):
        return read_list(client)

    def read_single(self, client, entry):
        """One block (and the block it moves from): the list of IDs and targets, then the block(s) themselves."""
        listed = client.call(SERVICE, "GetDomainForwarding", includeDomains=False).get("blocks") or []
        ids = dict((target_key(b.get("targetAddress")), b.get("blockID")) for b in listed)
        current = {}
        if entry["key"] in ids:
            info = client.call(SERVICE, "GetDomainForwardingBlockByTargetAddress", targetAddress=entry["key"])
            current[entry["key"]] = block(info.get("domainForwardBlock") or {})
        source = entry.get("rename_from")
        if source and source in ids and entry["key"] not in current:
            info = client.call(SERVICE, "GetDomainForwardingBlock", blockID=ids[source])
            current[source] = block(info.get("domainForwardBlock") or {})
        return current

    def plan_create(self, plan, entry, desired):
        plan.add("create", "AddDomainForwardingBlock",
                 "add forwarding block %s (%s)" % (entry["key"], ", ".join(entry["domains"])),
                 dict(targetAddress=entry["key"], domains=list(entry["domains"])), key=entry["key"], service=SERVICE)

    def plan_update(self, plan, entry, current, desired, changed):
        domains = list(desired["domains"])
        if "name" in changed:
            plan.add("update", "SetDomainForwardingBlock",
                     "retarget forwarding block %s to %s" % (current["target"], entry["key"]),
                     dict(blockID=current["id"], targetAddress=entry["key"], domains=domains),
                     key=entry["key"], service=SERVICE)
        else:
            plan.add("update", "SetDomainForwardingBlockByTargetAddress",
                     "set the domains of forwarding block %s (%s)" % (entry["key"], ", ".join(domains)),
                     dict(targetAddress=entry["key"], domains=domains), key=entry["key"], service=SERVICE)

    def plan_remove(self, plan, key, current):
        if self.resource.purging():
            plan.add("remove", "DeleteDomainForwardingBlock",
                     "delete forwarding block %s (ID %s)" % (key, current["id"]),
                     dict(blockID=current["id"]), key=key, service=SERVICE)
        else:
            plan.add("remove", "DeleteDomainForwardBlockByTargetAddress", "delete forwarding block %s" % key,
                     dict(targetAddress=key), key=key, service=SERVICE)


class DomainForwardingResource(Resource):
    json_missing = "no known endpoint of the JSON API manages domain forwarding blocks"
    backend = "smartermail"
    module = "smartermail_domain_forwarding"
    item = "block"
    items = "blocks"
    list_option = "blocks"
    lists_every_object = True
    key_option = "target"
    table = TABLE
    entry_options = TABLE.entry_options()
    fields = TABLE.fields()
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapDomainForwarding}

    def validate(self):
        entries, errors, seen = [], [], set()
        for raw in self.raw_entries():
            key = target_key(raw.get("target"))
            if key is None:
                errors.append(ip_error(raw.get("target") or "", "target") or "target %r is not an IP address"
                              % raw.get("target"))
                continue
            if key in seen:
                errors.append("target %s is listed more than once" % key)
            seen.add(key)
            rename_from = None
            if raw.get("rename_from") is not None:
                rename_from = target_key(raw["rename_from"])
                if rename_from is None:
                    errors.append(ip_error(raw["rename_from"] or "", "rename_from") or "rename_from is not an IP")
            domains = raw.get("domains")
            state = raw.get("state") or "present"
            if domains is not None:
                errors.extend(collect([(domain_name_error, d or "", "domain of block %s" % key) for d in domains]))
                domains = domain_set(domains)
                if not domains and state == "present":
                    errors.append("block %s needs at least one domain" % key)
            entries.append({"key": key, "domains": domains, "state": state,
                            "rename_from": rename_from if rename_from != key else None})
        return entries, errors

    # -- reading ----------------------------------------------------------------------------
    def read(self, client, entries):
        if self.collection:
            return super(DomainForwardingResource, self).read(client, entries)
        return self.adapter.read_single(client, entries[0])

    # -- planning ---------------------------------------------------------------------------
    def create_errors(self, entry, desired):
        if not entry.get("domains"):
            return ["creating block %s needs domains" % entry["key"]]
        return []

    def shape(self, key, obj, context):
        return {"target": obj.get("target", key), "domains": list(obj.get("domains") or [])}

    def sort_key(self, key):
        return (":" in key, key)

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domain forwarding blocks (svcDomainAdmin): the server-wide list of "mail for these domains goes to
this IP address" blocks, each keyed by its target address.

One block (``target``) is read by its target address; the whole list (``blocks``) with one
GetDomainForwarding. A block's domains are updated by target address; a block whose target changes
(``rename_from``) is found and rewritten by its numeric ID; a block is removed by target address
when named, by its ID when a purge removes it (the ID read in the same task).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import entry_forms
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Field, Resource, as_set
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    domain_key,
    domain_name_error,
    ip_error,
)

SERVICE = "svcDomainAdmin"

ENTRY = dict(
    target=dict(type="str", required=True),
    domains=dict(type="list", elements="str"),
    rename_from=dict(type="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


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


class DomainForwardingResource(Resource):
    backend = "smartermail"
    item = "block"
    items = "blocks"
    list_option = "blocks"
    lists_every_object = True
    key_option = "target"
    entry_options = ("target", "domains", "rename_from", "state")
    fields = (Field("domains", "domains", rule="set"),)
    argument_spec = entry_forms("blocks", ENTRY, key="target")

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
    def read_all(self, client, entries):
        return read_list(client)

    def read(self, client, entries):
        if self.collection:
            return super(DomainForwardingResource, self).read(client, entries)
        # one block: the list of IDs and targets, then the block(s) themselves
        listed = client.call(SERVICE, "GetDomainForwarding", includeDomains=False).get("blocks") or []
        ids = dict((target_key(b.get("targetAddress")), b.get("blockID")) for b in listed)
        entry, current = entries[0], {}
        if entry["key"] in ids:
            info = client.call(SERVICE, "GetDomainForwardingBlockByTargetAddress", targetAddress=entry["key"])
            current[entry["key"]] = block(info.get("domainForwardBlock") or {})
        source = entry.get("rename_from")
        if source and source in ids and entry["key"] not in current:
            info = client.call(SERVICE, "GetDomainForwardingBlock", blockID=ids[source])
            current[source] = block(info.get("domainForwardBlock") or {})
        return current

    def read_one(self, client, entry):
        return self.read(client, [entry]).get(entry["key"])

    # -- planning ---------------------------------------------------------------------------
    def desired(self, entry, current):
        obj = super(DomainForwardingResource, self).desired(entry, current)
        obj.pop("rename_from", None)
        obj.pop("state", None)
        obj.pop("key", None)
        return obj

    def create_errors(self, entry, desired):
        if not entry.get("domains"):
            return ["creating block %s needs domains" % entry["key"]]
        return []

    def changes(self, entry, current, desired):
        return super(DomainForwardingResource, self).changes(entry, current, desired)

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
        if self.purging():
            plan.add("remove", "DeleteDomainForwardingBlock",
                     "delete forwarding block %s (ID %s)" % (key, current["id"]),
                     dict(blockID=current["id"]), key=key, service=SERVICE)
        else:
            plan.add("remove", "DeleteDomainForwardBlockByTargetAddress", "delete forwarding block %s" % key,
                     dict(targetAddress=key), key=key, service=SERVICE)

    def read_back(self, client, outcome):
        pass

    def shape(self, key, obj, context):
        return {"target": obj.get("target", key), "domains": list(obj.get("domains") or [])}

    def sort_key(self, key):
        return (":" in key, key)

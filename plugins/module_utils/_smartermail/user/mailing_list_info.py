# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read the mailing lists of a domain, shaped as ``smartermail_mailing_list`` options. The table, the
resource and its SOAP (svcMailListAdmin) and JSON API readers.

Per list: its settings (one GetRequestedListSettings, the password left out), and when asked its
four address sets (one call each; the counts need them too). Per domain when asked: the list
command address, the default subscriber fields, and the field values of every subscriber of the
lists read (one GetSubscriberFields per distinct address).

Over the JSON API the parts it has no known read for (the default subscriber fields, subscriber
values; the command address of a domain without lists) are returned under ``unavailable`` with a
warning instead of failing the task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user import mailing_list
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_group import local_name
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, InfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import JsonAdapter
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_info import unavailable
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    domain_key,
    domain_name_error,
    local_key,
    local_part_error,
)

INCLUDE = ["settings", "counts", "command_address", "subscriber_fields"]
# read only when asked for: the addresses of every set, and one call per subscriber
OPTIONAL = ["subscribers", "subscriber_values"]

TABLE = Table([
    Option("domain", "The domain whose lists are read.", required=True, json="the domain-scoped token"),
    Option("names", [
        "Lists to read, bare or with the domain. When omitted, every list of O(domain); an empty list reads none.",
        "Names the domain does not have are returned in RV(missing).",
    ], type="list", elements="str", json="items[].listAddress of settings/domain/mailing-lists/list"),
    Option("include", [
        "What to read besides the list names. V(settings) (one call per list), V(counts) (the four address sets of "
        "each list, one call each), V(command_address) and V(subscriber_fields) (one call each) by default.",
        "V(subscribers) adds the addresses of the four sets to each list (read with the counts).",
        "V(subscriber_values) reads the field values of every subscriber and digest subscriber of the lists read "
        "(one call per address).",
    ], type="list", elements="str", choices=INCLUDE + OPTIONAL, default=list(INCLUDE),
        json="each part read as smartermail_mailing_list reads it; those without a known read are returned under "
             "unavailable"),
])
# the parts the JSON API has no known read for, and why (returned under ``unavailable`` with a warning)
JSON_UNAVAILABLE = {
    "subscriber_fields": "the reference names settings/domain/subscriber-field-definitions but not the shape of "
                         "its answer",
    "subscriber_values": "no source shows how a subscriber's field values are read",
    "command_address": "it is read from the domain's lists (items[].listCommandAddress) and the domain has none",
}


class SoapMailingListInfo(Adapter):
    """svcMailListAdmin: the readers of smartermail_mailing_list's SOAP adapter."""

    api = "soap"

    def report(self, client, entries):
        include = set(self.params.get("include") or [])
        result = {"known_settings_keys": [k for k in mailing_list.KNOWN_KEYS if k != "password"]}
        existing = mailing_list.list_names(client, self.resource.domain) if self.params.get("names") != [] else []
        requested = [e["key"] for e in entries]
        result["missing"] = [n for n in requested if n not in existing]
        names = sorted(requested) if self.params.get("names") is not None else existing
        lists, counts, addresses = [], {}, []
        sets = "subscribers" in include or "counts" in include or "subscriber_values" in include
        for name in names:
            if name in result["missing"]:
                continue
            obj = {"name": name}
            if "settings" in include:
                obj = mailing_list.read_settings(client, self.resource.domain, name)[0]
            if sets:
                read = dict((o, mailing_list.read_set(client, self.resource.domain, name, o))
                            for o in mailing_list.SET_OPTIONS)
                if "subscribers" in include:
                    obj.update(read)
                if "counts" in include:
                    counts[name] = dict((o, len(v)) for o, v in read.items())
                for address in read["subscribers"] + read["digest_subscribers"]:
                    if address not in addresses:
                        addresses.append(address)
            lists.append(obj)
        result["mailing_lists"] = lists
        if "counts" in include:
            result["counts"] = counts
        if "command_address" in include:
            result["command_address"] = mailing_list.read_command_address(client, self.resource.domain)
        if "subscriber_fields" in include:
            result["subscriber_fields"] = mailing_list.field_list(mailing_list.read_default_fields(client, self.resource.domain))
        if "subscriber_values" in include:
            values = []
            for address in sorted(addresses):
                found = mailing_list.read_subscriber_values(client, self.resource.domain, address)
                if found:
                    values.append({"address": address, "fields": found})
            result["subscriber_values"] = values
        return result


class JsonMailingListInfo(JsonAdapter):
    """The JSON API, with a domain-scoped token: the readers of smartermail_mailing_list's JSON adapter
    (``mailing-lists/list``, ``mailing-lists/{id}/settings``, the address sets' searches; reference §8),
    and the domain's list command address from ``items[].listCommandAddress`` of the list [CBX, FUSE].
    The parts in ``JSON_UNAVAILABLE`` are returned under ``unavailable`` with a warning."""

    def report(self, client, entries):
        include = set(self.params.get("include") or [])
        domain = self.resource.domain
        result = {"known_settings_keys": [k for k in mailing_list.KNOWN_KEYS if k != "password"]}
        items = mailing_list.json_lists(client, domain) if self.params.get("names") != [] else {}
        requested = [e["key"] for e in entries]
        result["missing"] = [n for n in requested if n not in items]
        names = sorted(requested) if self.params.get("names") is not None else sorted(items)
        lists, counts = [], {}
        missing = [p for p in ("subscriber_fields", "subscriber_values") if p in include]
        sets = "subscribers" in include or "counts" in include
        for name in names:
            if name not in items:
                continue
            list_id = items[name].get("id")
            obj = {"name": name}
            if "settings" in include:
                obj = dict(mailing_list.json_typed(mailing_list.json_settings(client, domain, list_id), domain),
                           name=name)
            if sets:
                read = dict((o, mailing_list.json_read_set(client, domain, list_id, o))
                            for o in mailing_list.SET_OPTIONS)
                if "subscribers" in include:
                    obj.update(read)
                if "counts" in include:
                    counts[name] = dict((o, len(v)) for o, v in read.items())
            lists.append(obj)
        result["mailing_lists"] = lists
        if "counts" in include:
            result["counts"] = counts
        if "command_address" in include:
            command = [("%s" % (i.get("listCommandAddress") or "")).strip().lower() for i in items.values()]
            if command:
                result["command_address"] = local_name(command[0], domain) or command[0]
            else:
                missing.append("command_address")
        return unavailable(self.resource, JSON_UNAVAILABLE, sorted(missing), result)


class MailingListInfoResource(InfoResource):
    backend = "smartermail"
    item = "mailing_list"
    items = "mailing_lists"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapMailingListInfo, "json": JsonMailingListInfo}

    def __init__(self, params, api=None):
        super(MailingListInfoResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""

    def normalize_key(self, value):
        return local_name(value, self.domain)

    def validate(self):
        errors = collect([(domain_name_error, self.params["domain"] or "", "domain")])
        entries = []
        for raw in self.params.get("names") or []:
            key = self.normalize_key(raw)
            if key is None:
                name = local_key(raw) or ""
                errors.append("names entry %r is not a mailing list name of %s%s" % (
                    raw, self.domain, "" if "@" in name else ": " + (local_part_error(name, "name") or "")))
                continue
            if key not in [e["key"] for e in entries]:
                entries.append({"key": key, "state": "present"})
        return entries, errors

    def report(self, client, entries):
        return self.adapter.report(client, entries)

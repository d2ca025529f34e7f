# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read the mailing lists of a domain, shaped as ``smartermail_mailing_list`` options.

Per list: its settings (one GetRequestedListSettings, the password left out), and when asked its
four address sets (one call each; the counts need them too). Per domain when asked: the list
command address, the default subscriber fields, and the field values of every subscriber of the
lists read (one GetSubscriberFields per distinct address).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user import mailing_list as _ml
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import InfoResource
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


class MailingListInfoResource(InfoResource):
    backend = "smartermail"
    item = "mailing_list"
    items = "mailing_lists"
    argument_spec = ArgumentSpec(dict(
        domain=dict(type="str", required=True),
        names=dict(type="list", elements="str"),
        include=dict(type="list", elements="str", default=list(INCLUDE), choices=INCLUDE + OPTIONAL),
    ))

    def __init__(self, params, api=None):
        super(MailingListInfoResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""

    def normalize_key(self, value):
        return _ml.list_name(value, self.domain)

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
        include = set(self.params.get("include") or [])
        result = {"known_settings_keys": [k for k in _ml.KNOWN_KEYS if k != "password"]}
        existing = _ml.list_names(client, self.domain) if self.params.get("names") != [] else []
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
                obj = _ml.read_settings(client, self.domain, name)[0]
            if sets:
                read = dict((o, _ml.read_set(client, self.domain, name, o)) for o in _ml.SET_OPTIONS)
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
            result["command_address"] = _ml.read_command_address(client, self.domain)
        if "subscriber_fields" in include:
            fields = _ml.read_default_fields(client, self.domain)
            result["subscriber_fields"] = [{"name": n, "value": fields[n]} for n in sorted(fields, key=str.lower)]
        if "subscriber_values" in include:
            values = []
            for address in sorted(addresses):
                found = _ml.read_subscriber_values(client, self.domain, address)
                if found:
                    values.append({"address": address, "fields": found})
            result["subscriber_values"] = values
        return result

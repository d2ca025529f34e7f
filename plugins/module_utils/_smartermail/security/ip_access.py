# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The IP black list and white list of a SmarterMail server, keyed by address or range: their
tables, resources, SOAP (svcServerAdmin) and JSON API adapters.

SetBlacklistEntry / SetWhitelistEntry2 add or edit an entry (the whole entry); an entry whose
protocols are all false is removed, so removal is the same call with every protocol false. An
entry is added with every protocol true unless told otherwise, and must keep at least one.

Over the JSON API (reference §10.3, two clients: TW and CBX) an entry is one ``address`` (an IP
address or a CIDR network): a range is sent as its CIDR network, and a range that is not one
network is refused before any call; the white list's greylisting flag is read but has no field
in the add/update body, so it is refused too. docs/json-api.md says on what evidence each part rests.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import (
    read_blacklist,
    read_whitelist,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    DESCRIPTION,
    JsonList,
    ListResource,
    ListTable,
    Row,
    SoapList,
    ip_text,
    target_options,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed

PROTOCOLS = ("smtp", "pop", "imap", "xmpp")
NAMES = {"smtp": "SMTP", "pop": "POP", "imap": "IMAP", "xmpp": "XMPP"}


# The JSON API's service names (TW's ``ServiceType`` enum, sent by name as TW does: single source)
JSON_SERVICES = {"smtp": "Smtp", "pop": "Pop", "imap": "Imap", "xmpp": "Xmpp"}


def cidr_of(start, end):
    """The CIDR network that is exactly the range ``start``-``end``, or None."""
    try:
        networks = list(ipaddress.summarize_address_range(ipaddress.ip_address(u"%s" % start),
                                                          ipaddress.ip_address(u"%s" % end)))
    except (TypeError, ValueError):
        return None
    return "%s" % networks[0] if len(networks) == 1 else None


def not_one_network(resource, entries):
    """Whether an entry names a range that is not exactly one CIDR network (the JSON API takes one
    address)."""
    ranges = [(entry["ip_range_start"], entry["ip_range_end"]) for entry in entries
              if entry.get("ip_range_start") and entry.get("ip_range_end")]
    return any(cidr_of(start, end) is None for start, end in ranges)


RANGE_NOT_SERVED = NotServed(
    "the JSON API names an entry by one address (an IP address or a CIDR network such as 10.0.0.0/24), so a range "
    "that is not exactly one CIDR network cannot be sent (reference, two clients)",
    when=not_one_network, label="an IP range that is not one CIDR network")
# ``ip_address`` is read from ``ip`` and sent as ``address`` (a range as its CIDR network)
TARGET_JSON = ("address", RANGE_NOT_SERVED, RANGE_NOT_SERVED)


def ip_access_table(prefix, extra=()):
    """The table of an IP list whose protocol flags are sent as ``<prefix>SMTP`` ... over SOAP, and as
    the names in ``serviceList`` over the JSON API (read back as ``smtp`` ...)."""
    return ListTable(target_options(json=TARGET_JSON) + (DESCRIPTION,) + tuple(
        Row(p, "Apply the entry to %s (V(true) when an entry is added without it)." % NAMES[p], type="bool",
            rule="bool", created=True, soap=prefix + NAMES[p], json="serviceList: %s" % JSON_SERVICES[p])
        for p in PROTOCOLS) + tuple(extra), list_option="entries", what="entries")


BLACKLIST = ip_access_table("blacklist")
WHITELIST = ip_access_table("whitelist", (
    Row("disable_greylisting", "Do not greylist the entry's senders (V(false) when an entry is added without it).",
        type="bool", rule="bool", created=False, soap="disableGreylisting", json=NotServed(
            "the JSON API reads disabledGreylisting but its add/update body has no such field (reference, two "
            "clients), so the flag cannot be written")),))


class SoapIpAccess(SoapList):
    """One call adds, edits and (with every protocol false) removes an entry."""

    set_operation = None

    def add(self, obj, secrets):
        return self.set_operation, self.sent(obj)

    def update(self, current, desired, changed, secrets):
        return self.set_operation, self.sent(desired)

    def remove(self, obj):
        cleared = dict((row.name, False) for row in self.resource.table.rows if row.type == "bool")
        return self.set_operation, self.sent(dict(obj, **cleared))


class SoapIpBlacklist(SoapIpAccess):
    """``GetBlacklistEntries``, ``SetBlacklistEntry``."""

    read, set_operation = staticmethod(read_blacklist), "SetBlacklistEntry"


class SoapIpWhitelist(SoapIpAccess):
    """``GetWhitelistEntries``, ``SetWhitelistEntry2``."""

    read, set_operation = staticmethod(read_whitelist), "SetWhitelistEntry2"


# JSON API paths (reference §10.3: TW ApiClient and CBX, two clients)
JSON_LIST = "settings/sysadmin/ip-access/"
JSON_SET = "settings/sysadmin/ip-access"
JSON_DELETE = "settings/sysadmin/ip-access-delete"
JSON_PAGE = 500


def json_address(obj):
    """The JSON API's ``address`` of an entry: its IP address, or its range's CIDR network (a range
    that is not one network, as the server listed it: ``start-end``)."""
    if obj.get("ip_address"):
        return obj["ip_address"]
    start, end = obj.get("ip_range_start") or "", obj.get("ip_range_end") or ""
    return cidr_of(start, end) or "%s-%s" % (start, end)


def json_target(value):
    """The target options of an ``ip`` listed by the JSON API: an address, a CIDR network (its range;
    a one-address network is that address) or ``start-end``."""
    value = text(value)
    if "/" in value:
        try:
            network = ipaddress.ip_network(u"%s" % value, strict=False)
        except ValueError:
            return {"ip_address": value, "ip_range_start": "", "ip_range_end": ""}
        if network.num_addresses == 1:
            return {"ip_address": "%s" % network.network_address, "ip_range_start": "", "ip_range_end": ""}
        return {"ip_address": "", "ip_range_start": "%s" % network.network_address,
                "ip_range_end": "%s" % network.broadcast_address}
    start, sep, end = value.partition("-")
    if sep:
        return {"ip_address": "", "ip_range_start": ip_text(start), "ip_range_end": ip_text(end)}
    return {"ip_address": ip_text(value), "ip_range_start": "", "ip_range_end": ""}


class JsonIpAccess(JsonList):
    """The JSON API, system administrator's token (reference §10.3; TW's ApiClient and CBX name the
    same endpoints: *agreed* on paths and bodies, TW alone on the enum spellings: *single source*):

    - list: ``POST settings/sysadmin/ip-access/{isWhitelist}`` {``searchParams``: {``skip``, ``take``}},
      paged until ``totalCount`` -> ``ipAccessList[]`` {``ip`` (an address or a CIDR network),
      ``description``, ``smtp``, ``pop``, ``imap``, ``xmpp``, ``disabledGreylisting``};
    - add and update: ``POST settings/sysadmin/ip-access`` {``serviceList`` (``Smtp``, ``Pop``, ``Imap``,
      ``Xmpp``), ``dataType`` (``BlackList`` / ``WhiteList``), ``address``, ``oldAddress`` (on update),
      ``description``}; that the whole entry is replaced by what is sent is *inference*;
    - delete: ``POST settings/sysadmin/ip-access-delete`` {``address``, ``dataType``};
    - a range the server lists as ``start-end`` (not in the reference: *inference*) is sent back as listed.
    """

    whitelist = False
    data_type = None

    def entry(self, item):
        obj = json_target(item.get("ip"))
        obj.update(description=text(item.get("description")),
                   **dict((p, bool(item.get(p))) for p in PROTOCOLS))
        return obj

    def read_list(self, client):
        path, objects, skip = JSON_LIST + ("true" if self.whitelist else "false"), [], 0
        while True:
            answer = client.post(path, {"searchParams": {"skip": skip, "take": JSON_PAGE}}, scope=self.scope,
                                 read=True)
            page = [item for item in answer.get("ipAccessList") or [] if isinstance(item, dict)]
            objects.extend(self.entry(item) for item in page)
            skip += len(page)
            total = answer.get("totalCount")
            if not page or isinstance(total, bool) or not isinstance(total, int) or skip >= total:
                break
        return sorted(objects, key=lambda o: (o["ip_address"], o["ip_range_start"], o["ip_range_end"]))

    def body(self, obj, old=None):
        body = {"serviceList": [JSON_SERVICES[p] for p in PROTOCOLS if obj.get(p)], "dataType": self.data_type,
                "address": json_address(obj), "description": obj.get("description") or ""}
        if old is not None:
            body["oldAddress"] = old
        return body

    def add(self, obj, secrets):
        return JSON_SET, self.body(obj)

    def update(self, current, desired, changed, secrets):
        return JSON_SET, self.body(desired, json_address(current))

    def remove(self, obj):
        return JSON_DELETE, {"address": json_address(obj), "dataType": self.data_type}


class JsonIpBlacklist(JsonIpAccess):
    """``ip-access/false``, ``dataType: BlackList``."""

    data_type = "BlackList"


class JsonIpWhitelist(JsonIpAccess):
    """``ip-access/true``, ``dataType: WhiteList``; ``disabledGreylisting`` is read (never written)."""

    whitelist, data_type = True, "WhiteList"

    def entry(self, item):
        return dict(super(JsonIpWhitelist, self).entry(item), disable_greylisting=bool(item.get("disabledGreylisting")))


class IpAccessResource(ListResource):
    """What the IP black list and white list share (their tables differ in the SOAP columns)."""

    single_key = "entry"

    def entry_errors(self, entry, where):
        if entry["state"] == "present" and all(entry.get(p) is False for p in PROTOCOLS):
            return ["%s: at least one of %s must stay true (an entry without any is removed: use state=absent)"
                    % (where, ", ".join(PROTOCOLS))]
        return []

    def changes(self, entry, current, desired):
        changed = super(IpAccessResource, self).changes(entry, current, desired)
        if changed and not any(desired.get(p) for p in PROTOCOLS):
            raise PlanError("%s %s would have no protocol left (the server would remove it): use state=absent"
                            % (self.item, self.label(desired)))
        return changed


class IpBlacklistResource(IpAccessResource):
    module, item = "smartermail_ip_blacklist", "IP black list entry"
    table, adapters = BLACKLIST, {"soap": SoapIpBlacklist, "json": JsonIpBlacklist}


class IpWhitelistResource(IpAccessResource):
    module, item = "smartermail_ip_whitelist", "IP white list entry"
    table, adapters = WHITELIST, {"soap": SoapIpWhitelist, "json": JsonIpWhitelist}

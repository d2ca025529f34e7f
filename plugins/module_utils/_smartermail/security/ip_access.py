# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The IP black list and white list of a SmarterMail server (svcServerAdmin), keyed by address or
range: their tables, resources and SOAP adapters.

SetBlacklistEntry / SetWhitelistEntry2 add or edit an entry (the whole entry); an entry whose
protocols are all false is removed, so removal is the same call with every protocol false. An
entry is added with every protocol true unless told otherwise, and must keep at least one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import (
    read_blacklist,
    read_whitelist,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    DESCRIPTION,
    ListResource,
    ListTable,
    Row,
    SoapList,
    target_options,
)

PROTOCOLS = ("smtp", "pop", "imap", "xmpp")
NAMES = {"smtp": "SMTP", "pop": "POP", "imap": "IMAP", "xmpp": "XMPP"}


def ip_access_table(prefix, extra=()):
    """The table of an IP list whose protocol flags are sent as ``<prefix>SMTP`` ..."""
    return ListTable(target_options() + (DESCRIPTION,) + tuple(
        Row(p, "Apply the entry to %s (V(true) when an entry is added without it)." % NAMES[p], type="bool",
            rule="bool", created=True, soap=prefix + NAMES[p]) for p in PROTOCOLS) + tuple(extra),
        list_option="entries", what="entries")


BLACKLIST = ip_access_table("blacklist")
WHITELIST = ip_access_table("whitelist", (
    Row("disable_greylisting", "Do not greylist the entry's senders (V(false) when an entry is added without it).",
        type="bool", rule="bool", created=False, soap="disableGreylisting"),))


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
    table, adapters = BLACKLIST, {"soap": SoapIpBlacklist}


class IpWhitelistResource(IpAccessResource):
    module, item = "smartermail_ip_whitelist", "IP white list entry"
    table, adapters = WHITELIST, {"soap": SoapIpWhitelist}

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The IP black list and white list of a SmarterMail server (svcServerAdmin), keyed by address or range.

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
    ListResource,
    Opt,
    expand_target,
    target_keep_entry,
    target_key,
    target_options,
    target_params,
)

PROTOCOLS = ("smtp", "pop", "imap", "xmpp")


class _IpAccessResource(ListResource):
    items = "entries"
    list_option = "entries"
    single_key = "entry"
    options = target_options() + (Opt("description", default=""),) + tuple(
        Opt(p, type="bool", rule="bool", default=True) for p in PROTOCOLS)
    key_required = "ip_address or ip_range_start and ip_range_end"
    prefix = None  # blacklist / whitelist: the wire names' prefix

    def key(self, obj):
        return target_key(obj) if obj.get("ip_address") or obj.get("ip_range_start") else None

    def keep_entry(self, value):
        return target_keep_entry(value)

    def prepare(self, entry, where):
        return expand_target(entry, where)

    def entry_errors(self, entry, where):
        if entry["state"] == "present" and all(entry.get(p) is False for p in PROTOCOLS):
            return ["%s: at least one of %s must stay true (an entry without any is removed: use state=absent)"
                    % (where, ", ".join(PROTOCOLS))]
        return []

    def create_errors(self, entry, desired):
        return []

    def extra(self, obj, removing):
        return {}

    def _set(self, obj, removing=False):
        params = dict(target_params(obj), description=obj.get("description") or "")
        for p in PROTOCOLS:
            params[self.prefix + p.upper()] = False if removing else bool(obj.get(p))
        params.update(self.extra(obj, removing))
        return params

    def update(self, current, desired, changed, secrets):
        return self.set_operation, self._set(desired)

    def add(self, obj, secrets):
        return self.set_operation, self._set(obj)

    def remove(self, obj):
        return self.set_operation, self._set(obj, removing=True)

    def changes(self, entry, current, desired):
        changed = super(_IpAccessResource, self).changes(entry, current, desired)
        if changed and not any(desired.get(p) for p in PROTOCOLS):
            raise PlanError("%s %s would have no protocol left (the server would remove it): use state=absent"
                            % (self.item, self.label(desired)))
        return changed


class IpBlacklistResource(_IpAccessResource):
    item = "IP black list entry"
    prefix = "blacklist"
    set_operation = "SetBlacklistEntry"

    def read_list(self, client):
        return read_blacklist(client)


class IpWhitelistResource(_IpAccessResource):
    item = "IP white list entry"
    prefix = "whitelist"
    set_operation = "SetWhitelistEntry2"
    options = _IpAccessResource.options + (Opt("disable_greylisting", type="bool", rule="bool", default=False),)

    def extra(self, obj, removing):
        return {"disableGreylisting": False if removing else bool(obj.get("disable_greylisting"))}

    def read_list(self, client):
        return read_whitelist(client)


IpBlacklistResource.argument_spec = IpBlacklistResource.build_spec()
IpWhitelistResource.argument_spec = IpWhitelistResource.build_spec()

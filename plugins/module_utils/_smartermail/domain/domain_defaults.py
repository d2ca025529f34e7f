# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server's defaults for new domains: requested ``default*`` settings. The table, the resource
and its SOAP (svcDomainAdmin) adapter.

One server object: only the keys given are read (GetRequestedDomainDefaults) and, when one
differs, written (SetRequestedDomainDefaults takes only the keys it changes). The typed defaults
(GetDomainDefaults, shaped like smartermail_domain's options) are returned as read.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain import (
    apply_settings,
    typed_from_soap,
    typed_settings,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    changed_settings,
    diff,
    parse_settings,
    settings_list,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.settings_keys import DOMAIN_DEFAULT_KINDS
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import settings_errors

SERVICE = "svcDomainAdmin"

TABLE = Table([
    Option("settings", [
        "Default settings by the server's key (C(defaultimapport), C(defaultmaxdomainusers), "
        "C(defaultenablecatchalls), ...; the keys of C(GetRequestedDomainDefaults)) and value (text, number or "
        "boolean).",
        "A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module of the "
        "collection.",
        "Keys the server documents are checked before any call by type and range (C(defaultmaxdomainusers) and the "
        "other counts and sizes from 0 to 2147483647, ports from 1 to 65535, C(defaultenablecatchalls) and the other "
        "flags booleans, throttle actions and spam levels by their words).",
        "A key the server does not know is refused by the server before anything is written.",
    ], type="dict", required=True, soap="GetRequestedDomainDefaults / SetRequestedDomainDefaults"),
])


def read_defaults(client, keys):
    """The requested defaults ``keys`` as {key: text}: one call (none without keys)."""
    if not keys:
        return {}
    result = client.call(SERVICE, "GetRequestedDomainDefaults", requestedSettings=sorted(keys))
    values = parse_settings(result.get("settingValues"))
    return dict((k, values.get(k, "")) for k in sorted(keys))


def read_typed(client):
    """GetDomainDefaults shaped like smartermail_domain's typed options."""
    return typed_from_soap(client.call(SERVICE, "GetDomainDefaults"))


class SoapDomainDefaults(Adapter):
    """svcDomainAdmin: ``GetRequestedDomainDefaults`` and ``GetDomainDefaults``, ``SetRequestedDomainDefaults``."""

    api = "soap"

    def read_all(self, client, entries):
        key = self.resource.KEY
        return {key: {"settings": read_defaults(client, entries[0]["settings"]), "typed": read_typed(client)}}

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "SetRequestedDomainDefaults", "set domain defaults %s" % ", ".join(changed),
                 dict(newSettings=settings_list(entry["settings"], changed)), key=self.resource.KEY, service=SERVICE)


class DomainDefaultsResource(Singleton):
    json_missing = ("no known endpoint of the JSON API reads or writes the settings new domains get "
                    "(settings/domain/user-defaults are one domain's defaults for its users)")
    module = "smartermail_domain_defaults"
    item = "defaults"
    KEY = "defaults"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapDomainDefaults}

    def validate(self):
        settings, errors = settings_errors(self.params.get("settings"), kinds=DOMAIN_DEFAULT_KINDS)
        return [self.entry(settings=settings)], errors

    def desired(self, entry, current):
        return dict(current, settings=apply_settings(current["settings"], entry["settings"]))

    def changes(self, entry, current, desired):
        return changed_settings(current["settings"], entry["settings"])

    def read_back(self, client, outcome):
        entry = outcome.entries[0]
        outcome.after[self.KEY] = dict(outcome.after[self.KEY], settings=read_defaults(client, entry["settings"]))

    def result(self, outcome):
        before, after = outcome.before[self.KEY], outcome.after[self.KEY]
        return {"settings": typed_settings(after["settings"], outcome.entries[0]["settings"]),
                "typed_defaults": after["typed"],
                "diff": diff({"settings": before["settings"]}, {"settings": after["settings"]})}

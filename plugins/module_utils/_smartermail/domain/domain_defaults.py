# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server's defaults for new domains (svcDomainAdmin): requested ``default*`` settings.

One server object: only the keys given are read (GetRequestedDomainDefaults) and, when one
differs, written (SetRequestedDomainDefaults takes only the keys it changes). The typed defaults
(GetDomainDefaults, shaped like smartermail_domain's options) are returned as read.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import domain as _domain
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    changed_settings,
    diff,
    parse_settings,
    setting_text,
    settings_list,
    typed_setting,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.settings_keys import DOMAIN_DEFAULT_KINDS
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import settings_errors

SERVICE = "svcDomainAdmin"


def read_defaults(client, keys):
    """The requested defaults ``keys`` as {key: text}: one call (none without keys)."""
    if not keys:
        return {}
    result = client.call(SERVICE, "GetRequestedDomainDefaults", requestedSettings=sorted(keys))
    values = parse_settings(result.get("settingValues"))
    return dict((k, values.get(k, "")) for k in sorted(keys))


def read_typed(client):
    """GetDomainDefaults shaped like smartermail_domain's typed options."""
    return _domain.typed_from_soap(client.call(SERVICE, "GetDomainDefaults"))


class DomainDefaultsResource(Singleton):
    item = "defaults"
    KEY = "defaults"
    argument_spec = ArgumentSpec(dict(settings=dict(type="dict", required=True)))

    def validate(self):
        settings, errors = settings_errors(self.params.get("settings"), kinds=DOMAIN_DEFAULT_KINDS)
        return [self.entry(settings=settings)], errors

    def read_all(self, client, entries):
        return {self.KEY: {"settings": read_defaults(client, entries[0]["settings"]), "typed": read_typed(client)}}

    def desired(self, entry, current):
        settings = dict(current["settings"])
        for key in changed_settings(settings, entry["settings"]):
            settings[key] = setting_text(entry["settings"][key])
        return dict(current, settings=settings)

    def changes(self, entry, current, desired):
        return changed_settings(current["settings"], entry["settings"])

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "SetRequestedDomainDefaults", "set domain defaults %s" % ", ".join(changed),
                 dict(newSettings=settings_list(entry["settings"], changed)), key=self.KEY, service=SERVICE)

    def read_back(self, client, outcome):
        entry = outcome.entries[0]
        outcome.after[self.KEY] = dict(outcome.after[self.KEY], settings=read_defaults(client, entry["settings"]))

    def result(self, outcome):
        given = outcome.entries[0]["settings"]
        before, after = outcome.before[self.KEY], outcome.after[self.KEY]
        typed = dict((k, typed_setting(v, given.get(k))) for k, v in after["settings"].items())
        return {"settings": typed, "typed_defaults": after["typed"],
                "diff": diff({"settings": before["settings"]}, {"settings": after["settings"]})}

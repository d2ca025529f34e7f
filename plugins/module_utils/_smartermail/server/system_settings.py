# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""System settings of a SmarterMail server (Get/SetRequestedSystemSettings) through one dict.

Only the keys given are read (one GetRequestedSystemSettings call) and managed; one
SetRequestedSystemSettings call writes the keys whose value differs, compared as the server
stores them (numbers as numbers, booleans as booleans). Keys compare without case and are shown
as the server spells them. An unknown key is refused by the server's read, before any write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Resource,
    changed_settings,
    diff,
    setting_text,
    typed_setting,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import SERVER, pairs
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.settings_keys import SYSTEM_READ_ONLY, SYSTEM_SETTING_KINDS
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import settings_errors

KEY = "system"


class SystemSettingsResource(Resource):
    backend = "smartermail"
    item = "system settings"
    key_option = None
    argument_spec = ArgumentSpec(dict(settings=dict(type="dict", required=True)))

    def __init__(self, params, api=None):
        super(SystemSettingsResource, self).__init__(params, api)
        self.spelling = {}

    def validate(self):
        settings, errors = settings_errors(self.params.get("settings"), "settings", kinds=SYSTEM_SETTING_KINDS,
                                           read_only=SYSTEM_READ_ONLY)
        if not settings and not errors:
            errors.append("settings must name at least one system setting")
        self.spelling = dict((k.lower(), k) for k in self.params.get("settings") or {})
        return [{"key": KEY, "state": "present", "settings": settings}], errors

    def read_all(self, client, entries):
        keys = sorted(entries[0]["settings"])
        answer = client.call(SERVER, "GetRequestedSystemSettings", reqSettings=[self.spelling[k] for k in keys])
        values = {}
        for name, value in pairs(answer.get("KeyValuePairs")).items():
            self.spelling[name.lower()] = name  # the server's spelling
            values[name.lower()] = value
        return {KEY: values}

    def read(self, client, entries):
        return self.read_all(client, entries)

    def desired(self, entry, current):
        out = dict(current or {})
        for key in changed_settings(current, entry["settings"]):
            out[key] = setting_text(entry["settings"][key])
        return out

    def changes(self, entry, current, desired):
        return changed_settings(current, entry["settings"])

    def plan_update(self, plan, entry, current, desired, changed):
        pairs = ["%s=%s" % (self.spelling[k], setting_text(entry["settings"][k])) for k in changed]
        plan.add("update", "SetRequestedSystemSettings",
                 "set system settings %s" % ", ".join(self.spelling[k] for k in changed),
                 dict(newSettings=pairs), key=KEY, service=SERVER)

    def _shape(self, values):
        given = self.entries_settings
        return dict((self.spelling[k], typed_setting(values[k], given.get(k))) for k in sorted(values) if k in given)

    def result(self, outcome):
        self.entries_settings = outcome.entries[0]["settings"]
        before, after = self._shape(outcome.before[KEY]), self._shape(outcome.after[KEY])
        return {"settings": after, "diff": diff({"settings": before}, {"settings": after})}

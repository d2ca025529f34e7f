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

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    Resource,
    changed_settings,
    diff,
    setting_text,
    typed_setting,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import SERVER, pairs
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.settings_keys import SYSTEM_READ_ONLY, SYSTEM_SETTING_KINDS
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import settings_errors

KEY = "system"

TABLE = Table([
    Option("settings", [
        "The settings to manage, key to value (a text, a number or a boolean).",
        "The C(system_settings) output of M(mailops.smartermail.smartermail_info) feeds back unchanged.",
        "A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module of the "
        "collection.",
        "Keys the server documents are checked before any call to the server, by type and range (counts, times and "
        "sizes are integers from 0 to 2147483647, C(SubmissionPort) a port, flags like C(GreylistingEnabled) "
        "booleans); the read-only C(AdminUsername) is refused. Other keys are checked by the server's read, before "
        "any write. Texts are at most 4096 characters.",
    ], type="dict", required=True, soap="reqSettings (read), newSettings (written as key=value)"),
])


class SoapSystemSettings(Adapter):
    """svcServerAdmin: ``GetRequestedSystemSettings`` (the keys given), ``SetRequestedSystemSettings``."""

    api = "soap"

    def read_all(self, client, entries):
        spelling = self.resource.spelling
        keys = sorted(entries[0]["settings"])
        answer = client.call(SERVER, "GetRequestedSystemSettings", reqSettings=[spelling[k] for k in keys])
        values = {}
        for name, value in pairs(answer.get("KeyValuePairs")).items():
            spelling[name.lower()] = name  # the server's spelling
            values[name.lower()] = value
        return {KEY: values}

    def plan_update(self, plan, entry, current, desired, changed):
        spelling = self.resource.spelling
        settings = ["%s=%s" % (spelling[k], setting_text(entry["settings"][k])) for k in changed]
        plan.add("update", "SetRequestedSystemSettings",
                 "set system settings %s" % ", ".join(spelling[k] for k in changed),
                 dict(newSettings=settings), key=KEY, service=SERVER)


class SystemSettingsResource(Resource):
    json_missing = "no source of the JSON API shows an endpoint for the server's general settings"
    backend = "smartermail"
    item = "system settings"
    key_option = None
    table, adapters = TABLE, {"soap": SoapSystemSettings}

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

    def desired(self, entry, current):
        out = dict(current or {})
        for key in changed_settings(current, entry["settings"]):
            out[key] = setting_text(entry["settings"][key])
        return out

    def changes(self, entry, current, desired):
        return changed_settings(current, entry["settings"])

    def _shape(self, values):
        given = self.entries_settings
        return dict((self.spelling[k], typed_setting(values[k], given.get(k))) for k in sorted(values) if k in given)

    def result(self, outcome):
        self.entries_settings = outcome.entries[0]["settings"]
        before, after = self._shape(outcome.before[KEY]), self._shape(outcome.after[KEY])
        return {"settings": after, "diff": diff({"settings": before}, {"settings": after})}

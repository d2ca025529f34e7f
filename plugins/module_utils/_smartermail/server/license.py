# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The product licence key (svcProductInfo): set (SetLicenseKey) and activated (ActivateLicenseKey).

The key set is compared with the one GetLicenseInfo answers; both are secrets, never shown. The API
does not say whether the key is activated: the key is activated when this task sets it, or when
the task asks to activate it again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import CHANGED_SECRET, HIDDEN, diff
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import email_error

SERVICE = "svcProductInfo"


class LicenseResource(Singleton):
    item = "license"
    KEY = "license"
    argument_spec = ArgumentSpec(dict(
        key=dict(type="str", required=True, no_log=True),
        activate=dict(type="bool", default=True),
        reactivate=dict(type="bool", default=False),
        account_email=dict(type="str"),
        account_password=dict(type="str", no_log=True),
    ))

    @classmethod
    def secret_values(cls, params):
        return [params.get("key"), params.get("account_password")]

    def validate(self):
        params, errors = self.params, []
        key = (params.get("key") or "").strip()
        if not key or any(c.isspace() for c in key):
            errors.append("key must not be blank or hold blanks")
        if params.get("activate") or params.get("reactivate"):
            if not params.get("account_email") or not params.get("account_password"):
                errors.append("activating the licence needs account_email and account_password "
                              "(or activate=false to only set the key)")
            elif email_error(params["account_email"], "account_email"):
                errors.append(email_error(params["account_email"], "account_email"))
        return [self.entry(license_key=key)], errors

    def read_all(self, client, entries):
        current = ("%s" % (client.call(SERVICE, "GetLicenseInfo").get("LicenseKey") or "")).strip()
        client.add_secret(current)
        return {self.KEY: {"key_set": bool(current), "same": current == entries[0]["license_key"]}}

    def desired(self, entry, current):
        return {"key_set": True, "same": True}

    def changes(self, entry, current, desired):
        changed = [] if current["same"] else ["key"]
        if self.params.get("reactivate") or (changed and self.params.get("activate")):
            changed.append("activation")
        return changed

    def plan_update(self, plan, entry, current, desired, changed):
        if "key" in changed:
            plan.add("update", "SetLicenseKey", "set the licence key", dict(Key=entry["license_key"]),
                     key=self.KEY, service=SERVICE)
        if "activation" in changed:
            plan.add("update", "ActivateLicenseKey", "activate the licence key for %s" % self.params["account_email"],
                     dict(AccountEmailAddress=self.params["account_email"],
                          AccountPassword=self.params["account_password"]), key=self.KEY, service=SERVICE)

    def result(self, outcome):
        before = outcome.before[self.KEY]
        descriptions = outcome.plan.descriptions()
        key_written = "set the licence key" in descriptions
        activated = any(d.startswith("activate") for d in descriptions)
        b = {"license_key": HIDDEN if before["key_set"] else ""}
        a = {"license_key": CHANGED_SECRET if key_written else b["license_key"]}
        return {"license": {"key_set": True, "key_changed": key_written, "activated": activated},
                "diff": diff(b, a)}

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

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    CHANGED_SECRET,
    HIDDEN,
    Adapter,
    diff,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed, Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import JsonAdapter
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import email_error

SERVICE = "svcProductInfo"


# the SOAP column: the parameters of SetLicenseKey and ActivateLicenseKey
TABLE = Table([
    Option("key", "The licence key.", required=True, secret=True, soap="Key",
           json=NotServed("no known endpoint reads or sets the licence key (licensing/about and licensing/info "
                          "answer only the version and the edition)", label="the licence key")),
    Option("activate", "Activate the key after setting it (needs O(account_email) and O(account_password)).",
           type="bool", default=True, soap="ActivateLicenseKey"),
    Option("reactivate", "Activate the key even when it is already set (every run).", type="bool", default=False,
           soap="ActivateLicenseKey"),
    Option("account_email", "E-mail address of the account the licence belongs to (for the activation).",
           soap="AccountEmailAddress"),
    Option("account_password", "Password of that account (for the activation; never stored by the server).",
           secret=True, soap="AccountPassword"),
])
WIRE = TABLE.column("soap")


class SoapLicense(Adapter):
    """svcProductInfo: ``GetLicenseInfo``, ``SetLicenseKey``, ``ActivateLicenseKey``."""

    api = "soap"

    def read_all(self, client, entries):
        key = self.resource.KEY
        current = ("%s" % (client.call(SERVICE, "GetLicenseInfo").get("LicenseKey") or "")).strip()
        client.add_secret(current)
        return {key: {"key_set": bool(current), "same": current == entries[0]["license_key"]}}

    def plan_update(self, plan, entry, current, desired, changed):
        key, params = self.resource.KEY, self.params
        if "key" in changed:
            plan.add("update", "SetLicenseKey", "set the licence key", {WIRE["key"]: entry["license_key"]},
                     key=key, service=SERVICE)
        if "activation" in changed:
            plan.add("update", "ActivateLicenseKey", "activate the licence key for %s" % params["account_email"],
                     {WIRE["account_email"]: params["account_email"],
                      WIRE["account_password"]: params["account_password"]}, key=key, service=SERVICE)


class JsonLicense(JsonAdapter):
    """The JSON API reads only the version and the edition of the licence (``licensing/about`` [PEN, WGS:
    agreed], ``licensing/info`` [FUSE: single source]); no source shows an endpoint that reads or sets
    the key. The key (a required option) is the table's NotServed cell: a task is refused before any
    call (with ``api: auto``, it uses SOAP and says why)."""


class LicenseResource(Singleton):
    module = "smartermail_license"
    item = "license"
    KEY = "license"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapLicense, "json": JsonLicense}

    @classmethod
    def secret_values(cls, params):
        return [params.get(name) for name in TABLE.secrets()]

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

    def desired(self, entry, current):
        return {"key_set": True, "same": True}

    def changes(self, entry, current, desired):
        changed = [] if current["same"] else ["key"]
        if self.params.get("reactivate") or (changed and self.params.get("activate")):
            changed.append("activation")
        return changed

    def result(self, outcome):
        before = outcome.before[self.KEY]
        descriptions = outcome.plan.descriptions()
        key_written = "set the licence key" in descriptions
        activated = any(d.startswith("activate") for d in descriptions)
        b = {"license_key": HIDDEN if before["key_set"] else ""}
        a = {"license_key": CHANGED_SECRET if key_written else b["license_key"]}
        return {"license": {"key_set": True, "key_changed": key_written, "activated": activated},
                "diff": diff(b, a)}

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One change to the settings of every domain at once (svcGlobalUpdate).

``UpdateAllDomainSettings`` writes the given keys to every domain; ``ListGlobalUpdateFields``
names the keys it takes (checked before the write) and ``GetGlobalUpdateStatus`` reports the
progress of an update. The API cannot say whether an update is needed: with ``compare`` the task
reads the keys of every domain first (one ``GetRequestedDomainSettings`` per domain) and writes only
when a domain differs; without it, the update is sent every time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import domain as _domain
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    BOOL_WORDS,
    Adapter,
    PlanError,
    changed_settings,
    diff,
    setting_text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.settings_keys import DOMAIN_SETTING_KINDS
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key, settings_errors

SERVICE = "svcGlobalUpdate"
POLL_SECONDS = 2


def read_fields(client):
    """{lower-case key: type} of the keys UpdateAllDomainSettings takes."""
    fields = client.call(SERVICE, "ListGlobalUpdateFields").get("fields") or []
    return dict((("%s" % f.get("name")).lower(), f.get("type") or "String") for f in fields if f.get("name"))


def read_status(client):
    answer = client.call(SERVICE, "GetGlobalUpdateStatus")
    return {"finished": answer.get("finishedCount") or 0, "total": answer.get("totalUpdateCount") or 0,
            "running": bool(answer.get("isRunning"))}


def type_error(key, value, kind):
    if kind == "Boolean" and not (isinstance(value, bool) or ("%s" % value).strip().lower() in BOOL_WORDS):
        return "settings.%s must be a boolean (the server's field type is Boolean)" % key
    if kind in ("Int32", "Int64"):
        number = None if isinstance(value, bool) else value if isinstance(value, int) else _int(value)
        if number is None:
            return "settings.%s must be an integer (the server's field type is %s)" % (key, kind)
    return None


def _int(text):
    try:
        return int(("%s" % text).strip())
    except ValueError:
        return None


TABLE = Table([
    Option("settings", [
        "Domain settings keys (those C(ListGlobalUpdateFields) names, for example C(enablecatchalls), C(maxusers)) "
        "and values (text, number or boolean).",
        "A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module of the "
        "collection.",
        "Keys the server documents are checked before any call by type and range (ports from 1 to 65535, counts and "
        "sizes from 0 to 2147483647, booleans, the throttle actions and spam levels by their words), like the "
        "O(mailops.smartermail.smartermail_domain#module:settings) of a domain.",
    ], type="dict", required=True, soap="fields (name and val of UpdateAllDomainSettings)"),
    Option("compare", [
        "Read every domain's value of the keys first and send the update only when a domain differs.",
        "With V(false), the update is sent every run (no read, reported as a change every time).",
    ], type="bool", default=True, soap="GetAllDomains, then GetRequestedDomainSettings per domain"),
    Option("wait", "After the update, poll C(GetGlobalUpdateStatus) until the server says it has finished.",
           type="bool", default=True, soap="GetGlobalUpdateStatus"),
    Option("wait_timeout", "Seconds to wait with O(wait); the task warns (and does not fail) when the update is still "
           "running.", type="int", default=600),
])


class SoapGlobalUpdate(Adapter):
    """svcGlobalUpdate: ``ListGlobalUpdateFields`` (the keys checked), the domains' values
    (svcDomainAdmin, with ``compare``), ``UpdateAllDomainSettings``."""

    api = "soap"

    def read_all(self, client, entries):
        key, settings = self.resource.KEY, entries[0]["settings"]
        fields = read_fields(client)
        unknown = sorted(k for k in settings if k not in fields)
        if unknown:
            raise PlanError("%s cannot be updated on all domains (the keys ListGlobalUpdateFields names: %s)"
                            % (", ".join(unknown), ", ".join(sorted(fields))))
        errors = [e for e in (type_error(k, v, fields[k]) for k, v in sorted(settings.items())) if e]
        if errors:
            raise PlanError("; ".join(errors))
        current = {"domains": None}
        if self.params["compare"]:
            names = sorted(set(domain_key(n) for n in client.call(
                _domain.SERVICE, "GetAllDomains").get("DomainNames") or [] if domain_key(n)))
            current["domains"] = dict((n, _domain.read_requested(client, n, sorted(settings))) for n in names)
        return {key: current}

    def plan_update(self, plan, entry, current, desired, changed):
        keys = sorted(entry["settings"])
        plan.add("update", "UpdateAllDomainSettings", "update %s on every domain" % ", ".join(keys),
                 dict(fields=sent_fields(entry)), key=self.resource.KEY, service=SERVICE)


def sent_fields(entry):
    """The ``fields`` UpdateAllDomainSettings takes for ``entry``'s settings, by key."""
    return [{"name": k, "val": setting_text(entry["settings"][k])} for k in sorted(entry["settings"])]


class GlobalUpdateResource(Singleton):
    json_missing = "no known endpoint of the JSON API updates a setting of every domain or user at once"
    item = KEY = "update"
    table, adapters = TABLE, {"soap": SoapGlobalUpdate}

    def validate(self):
        settings, errors = settings_errors(self.params.get("settings"), kinds=DOMAIN_SETTING_KINDS)
        if not settings and not errors:
            errors.append("settings must hold at least one key with a value")
        if (self.params.get("wait_timeout") or 0) < 1:
            errors.append("wait_timeout must be at least 1 second")
        return [self.entry(settings=settings)], errors

    def differing(self, entry, current):
        """{domain: [keys that differ]} of the domains read (compare only)."""
        out = {}
        for name, values in sorted((current.get("domains") or {}).items()):
            keys = changed_settings(values, entry["settings"])
            if keys:
                out[name] = keys
        return out

    def desired(self, entry, current):
        after = {"domains": None}
        if current.get("domains") is not None:
            after["domains"] = dict((n, dict(v, **dict((k, setting_text(x)) for k, x in entry["settings"].items())))
                                    for n, v in current["domains"].items())
        return after

    def changes(self, entry, current, desired):
        if current.get("domains") is None:
            return ["settings"]  # nothing compared: sent every time
        return ["settings"] if self.differing(entry, current) else []

    def read_back(self, client, outcome):
        """After the update: its progress, waited for (``wait``) until the server says it has finished."""
        status = read_status(client)
        deadline = time.time() + self.params["wait_timeout"]
        while self.params["wait"] and status["running"] and time.time() < deadline:
            time.sleep(POLL_SECONDS)
            status = read_status(client)
        if status["running"] and self.params["wait"]:
            self.warnings.append("the update was still running after %d seconds (%d of %d domains done)"
                                 % (self.params["wait_timeout"], status["finished"], status["total"]))
        outcome.after[self.KEY] = dict(outcome.after[self.KEY], status=status)

    def result(self, outcome):
        entry = outcome.entries[0]
        before, after = outcome.before[self.KEY], outcome.after[self.KEY]
        result = {"fields": sent_fields(entry)}
        if before.get("domains") is not None:
            differing = self.differing(entry, before)
            result["domains_differing"] = differing
            result["domains_compared"] = len(before["domains"])
            result["diff"] = diff(dict((n, before["domains"][n]) for n in differing),
                                  dict((n, after["domains"][n]) for n in differing))
        else:
            result["diff"] = diff({}, {})
        if "status" in after:
            result["status"] = after["status"]
        return result

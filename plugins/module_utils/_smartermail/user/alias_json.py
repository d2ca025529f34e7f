# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""User aliases and the catch-all over the JSON API (domain-scoped token).

- read: ``GET settings/domain/aliases`` -> ``gridInfo[]`` {``name``, ``targets``} [FUSE, CBX];
- create: ``POST settings/domain/alias-put`` {``alias``: {``name`` (local part),
  ``aliasTargetList``}, ``oldName``: ""}; a taken name answers ``USER_ADD_ERROR_NAME_IN_USE``
  [FUSE, ASTRAL, CBX, WGS];
- update: ``POST settings/domain/alias`` {``alias``, ``oldName``}: the whole alias goes, so the
  alias is read again right before (``GET settings/domain/alias/{name}`` -> ``alias``) and only its
  targets change (CBX does the same read-modify-write) [ASTRAL, CBX, FUSE];
- delete: ``POST settings/domain/alias-delete/{name}`` [FUSE, ASTRAL, CBX];
- catch-all: set with ``POST settings/domain/set-catch-all/{name}``, cleared with no name [CBX
  only: single source]; read from ``domainSettings.catchAll`` of
  ``GET settings/sysadmin/domain-settings/{domain}`` (FUSE writes the catch-all there) [FUSE], so
  a task that manages or needs the catch-all logs in as a system administrator.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Refresh, as_set
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    SYSADMIN,
    JsonSubclass,
    add_write,
    name_in_use,
    segment,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.alias import AliasResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import address_key

CREATE = "settings/domain/alias-put"


def fresh_alias(domain, name):
    """The ``Refresh`` read of an alias update: the whole alias as the server has it now."""
    def read(client):
        alias = client.get("settings/domain/alias/" + segment(name), scope=domain).get("alias")
        return {"body": {"alias": alias or {}}}
    return read


class JsonAliasResource(JsonSubclass, AliasResource):
    module = "smartermail_alias"  # every option served

    def read_all(self, client, entries):
        answer = client.get("settings/domain/aliases", scope=self.domain)
        aliases = {}
        for info in answer.get("gridInfo") or []:
            name = ("%s" % (info.get("name") or "")).lower()
            if name:
                aliases[name] = {"name": name, "addresses": sorted(as_set(info.get("targets"), address_key))}
        return aliases

    def read_one(self, client, entry):
        return self.read_all(client, [entry]).get(entry["key"])

    def read_links(self, client, entries, current):
        deleting = any(e["state"] == "absent" and e["key"] in current for e in entries)
        needed = any(e["catch_all"] is not None for e in entries) or self.purging() or deleting
        if not needed:
            return {}
        settings = client.get("settings/sysadmin/domain-settings/" + segment(self.domain),
                              scope=SYSADMIN).get("domainSettings") or {}
        catch_all = ("%s" % (settings.get("catchAll") or "")).strip().lower().partition("@")[0]
        for key, obj in current.items():
            obj["catch_all"] = key == catch_all
        return {"catch_all": catch_all}

    def read_back(self, client, outcome):
        """An alias resent whole is read again; its catch-all role stays as planned (set by its own write)."""
        roles = dict((k, v["catch_all"]) for k, v in outcome.after.items() if "catch_all" in v)
        super(JsonAliasResource, self).read_back(client, outcome)
        for key, role in roles.items():
            if key in outcome.after:
                outcome.after[key]["catch_all"] = role

    def exists_error(self, write, error):
        return write.operation == "POST " + CREATE and name_in_use(error)

    def _write(self, plan, phase, operation, description, key, **params):
        name = params.get("AliasName") or ""
        if operation == "AddAlias":
            add_write(plan, phase, CREATE, description, key, self.domain,
                      {"alias": {"name": name, "aliasTargetList": list(params["Addresses"])}, "oldName": ""})
        elif operation == "UpdateAlias":
            add_write(plan, phase, "settings/domain/alias", description, key, self.domain,
                      {"alias": {"name": name, "aliasTargetList": list(params["Addresses"])}, "oldName": name},
                      refresh=Refresh(fresh_alias(self.domain, name), [("body", "alias", "aliasTargetList"),
                                                                       ("body", "alias", "name")]))
        elif operation == "DeleteAlias":
            add_write(plan, phase, "settings/domain/alias-delete/" + segment(name), description, key, self.domain)
        elif operation == "SetCatchAll":
            add_write(plan, phase, "settings/domain/set-catch-all/" + segment(name), description, key, self.domain)
        else:  # a SOAP write this adapter does not know: never sent as something else
            raise ValueError("no JSON API call for %s" % operation)

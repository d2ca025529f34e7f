# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Aliases of a SmarterMail domain (svcAliasAdmin): one alias, the catch-all, or many at once.

The catch-all is read (one call) only when the task manages it, deletes an alias or purges;
otherwise the result does not name it, since nobody read it.

Concurrent writers: when AddAlias answers that the alias already exists (another task created it
after this task's read), the alias is read again and reconciled: updated if its addresses differ,
left alone if not; the task fails only if the name is taken by something else (a user, a list).
UpdateAlias sends the alias's only field, its addresses: there is nothing else to preserve.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec, entry_forms
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Field,
    Resource,
    as_set,
    parse_settings,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    address_key,
    collect,
    domain_key,
    domain_name_error,
    email_error,
    local_key,
    local_part_error,
)

SERVICE = "svcAliasAdmin"
DOMAIN_SERVICE = "svcDomainAdmin"

ENTRY = dict(
    name=dict(type="str", required=True),
    addresses=dict(type="list", elements="str"),
    catch_all=dict(type="bool"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def alias_name(name, domain):
    """Accept ``sales`` or ``sales@example.com``; the bare, lower-case name, or None."""
    name = local_key(name) or ""
    if "@" in name:
        local, dummy, at = name.partition("@")
        if domain_key(at) != domain:
            return None
        name = local
    return name if name and not local_part_error(name) else None


def read_all(client, domain):
    """Every alias of ``domain`` as {name: {"name", "addresses"}}: one call."""
    result = client.call(SERVICE, "GetAliases", DomainName=domain)
    aliases = {}
    for info in result.get("AliasInfos") or []:
        name = (info.get("Name") or "").lower()
        if name:
            aliases[name] = {"name": name, "addresses": sorted(as_set(info.get("Addresses"), address_key))}
    return aliases


class AliasResource(Resource):
    backend = "smartermail"
    item = "alias"
    items = "aliases"
    list_option = "aliases"
    lists_every_object = True
    entry_options = ("name", "addresses", "catch_all", "state")
    fields = (Field("addresses", "Addresses", rule="set"),)
    argument_spec = ArgumentSpec(dict(domain=dict(type="str", required=True))).merge(
        entry_forms("aliases", ENTRY))
    # an alias another task created meanwhile is read again and reconciled, not a failure
    create_operations = ("AddAlias",)

    def __init__(self, params, api=None):
        super(AliasResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""

    def validate(self):
        errors = collect([(domain_name_error, self.params["domain"] or "", "domain")])
        entries, seen = [], set()
        for raw in self.raw_entries():
            name = local_key(raw.get("name")) or ""
            key = alias_name(name, self.domain)
            if key is None:
                if "@" in name and domain_key(name.partition("@")[2]) != self.domain:
                    errors.append("alias %r belongs to another domain than %s" % (raw.get("name"), self.domain))
                else:
                    errors.append(local_part_error(name.partition("@")[0], "alias name"))
                continue
            if key in seen:
                errors.append("alias %r is listed more than once" % key)
            seen.add(key)
            addresses = raw.get("addresses")
            if addresses is not None:
                errors.extend(collect([(email_error, a, "address of alias %s" % key) for a in addresses]))
                addresses = sorted(as_set(addresses, address_key))
            entries.append({"key": key, "addresses": addresses, "catch_all": raw.get("catch_all"),
                            "state": raw.get("state") or "present"})
        catch_alls = [e["key"] for e in entries if e["catch_all"] and e["state"] == "present"]
        if len(catch_alls) > 1:
            errors.append("only one alias can be the catch-all, got %s" % ", ".join(catch_alls))
        return entries, errors

    # -- reading ----------------------------------------------------------------------------
    def read_all(self, client, entries):
        return read_all(client, self.domain)

    def read_one(self, client, entry):
        name = entry["key"]
        result = client.call_unchecked(SERVICE, "GetAlias", DomainName=self.domain, AliasName=name)
        info = result.get("AliasInfo") or {}
        found = (info.get("Name") or "").lower()
        if result.get("Result") and found == name and (found != "empty" or info.get("Addresses")):
            return {"name": name, "addresses": sorted(as_set(info.get("Addresses"), address_key))}
        if result.get("Result") and found in ("", "empty"):
            # Real servers answer a missing alias with an alias named "Empty".
            return None
        # Any other answer: the list call tells absence from an error (it raises on errors).
        return self.read_all(client, [entry]).get(name)

    def read_links(self, client, entries, current):
        """The catch-all, read only when the task can change it or shows every alias's role."""
        deleting = any(e["state"] == "absent" and e["key"] in current for e in entries)
        needed = any(e["catch_all"] is not None for e in entries) or self.purging() or deleting
        if not needed:
            return {}
        result = client.call(DOMAIN_SERVICE, "GetRequestedDomainSettings", DomainName=self.domain,
                             requestedSettings=["catchall"])
        catch_all = (parse_settings(result.get("settingValues")).get("catchall") or "").strip().lower()
        for key, obj in current.items():
            obj["catch_all"] = key == catch_all
        return {"catch_all": catch_all}

    # -- planning ---------------------------------------------------------------------------
    def create_errors(self, entry, desired):
        if not entry["addresses"]:
            return ["addresses is required to create alias %s@%s" % (entry["key"], self.domain)]
        return []

    def _write(self, plan, phase, operation, description, key, **params):
        plan.add(phase, operation, description, dict(DomainName=self.domain, **params), key=key, service=SERVICE)

    def plan_create(self, plan, entry, desired):
        self._write(plan, "create", "AddAlias", "create alias %s@%s" % (entry["key"], self.domain), entry["key"],
                    AliasName=entry["key"], Addresses=list(desired["addresses"]))

    def plan_update(self, plan, entry, current, desired, changed):
        self._write(plan, "update", "UpdateAlias", "update addresses of alias %s@%s" % (entry["key"], self.domain),
                    entry["key"], AliasName=entry["key"], Addresses=list(desired["addresses"]))

    def plan_remove(self, plan, key, current):
        self._write(plan, "remove", "DeleteAlias", "delete alias %s@%s" % (key, self.domain), key, AliasName=key)

    def plan_links(self, plan, entries, before, after, context):
        """Set or clear the catch-all as the entries ask (after creating, before deleting).

        It becomes the alias an entry marks ``catch_all: true``; it is cleared when its alias is
        marked ``catch_all: false``, is deleted, or (with the whole list) will not exist after the task.
        """
        if "catch_all" not in context:
            return
        current = context["catch_all"]
        wanted = [e["key"] for e in entries if e["catch_all"] and e["state"] == "present"]
        cleared = set(e["key"] for e in entries if e["catch_all"] is False or e["state"] == "absent")
        gone = self.collection and current not in after
        if wanted:
            target = wanted[0]
        elif current and (current in cleared or gone):
            target = ""
        else:
            target = current
        if target != current:
            description = ("set catch-all of %s to %s" % (self.domain, target) if target
                           else "clear catch-all of %s" % self.domain)
            self._write(plan, "link", "SetCatchAll", description, target or current, AliasName=target)
        for key in list(after):
            after[key] = dict(after[key], catch_all=key == target)

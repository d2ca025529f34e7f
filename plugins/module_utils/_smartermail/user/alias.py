# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Aliases of a SmarterMail domain: one alias, the catch-all, or many at once. The table, the
resource, and its SOAP (svcAliasAdmin) and JSON API adapters.

The catch-all is read (one call) only when the task manages it, deletes an alias or purges;
otherwise the result does not name it, since nobody read it.

Concurrent writers: when the create answers that the alias already exists (another task created it
after this task's read), the alias is read again and reconciled: updated if its addresses differ,
left alone if not; the task fails only if the name is taken by something else (a user, a list).
SOAP's UpdateAlias sends the alias's only field, its addresses: there is nothing else to preserve;
the JSON API's update resends the whole alias, rebuilt from a read made right before it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    Refresh,
    Resource,
    as_set,
    parse_settings,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.estate import DOMAINS, PARALLEL, domain_option
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    address_key,
    collect,
    domain_key,
    domain_name_error,
    email_error,
    local_key,
    local_part_error,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    SYSADMIN,
    JsonAdapter,
    add_write,
    segment,
)

SERVICE = "svcAliasAdmin"
DOMAIN_SERVICE = "svcDomainAdmin"
JSON_CREATE = "settings/domain/alias-put"

TABLE = Table([
    domain_option([
        "The domain the aliases belong to, for example C(example.com).",
        "Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the "
        "server holds and the result shows; a trailing dot and the case are ignored.",
        "The domain part of O(addresses) is converted the same way; alias names are ASCII only.",
    ], "aliases", soap="DomainName", json="the domain-scoped token"),
    PARALLEL,
    DOMAINS,
    Option("name", [
        "Name of one alias, bare (C(sales)) or with the domain (C(sales@example.com)).",
        "Alias names (like O(keep) entries and addresses) compare without case; they are shown in lower case.",
        "Mutually exclusive with O(aliases).",
    ], required=True, entry_doc="Name of the alias, bare or with the domain.", soap="AliasName", json="alias.name"),
    Option("addresses", [
        "The e-mail addresses the alias delivers to. The alias ends up with exactly these addresses; their order and "
        "case do not matter.",
        "Required to create an alias. When omitted for an existing alias, its addresses are left as they are.",
    ], type="list", elements="str", rule="set",
        entry_doc="The addresses of the alias (set semantics). Required to create it.", soap="Addresses",
        json="alias.aliasTargetList"),
    Option("catch_all", [
        "V(true) makes this alias the domain's catch-all; V(false) clears the catch-all if it is this alias.",
        "When omitted, the catch-all is left as it is.",
    ], type="bool",
        entry_doc="V(true) makes this alias the catch-all (at most one entry); V(false) clears it if it is this alias.",
        soap="the domain setting catchall (SetCatchAll)", json="domainSettings.catchAll (settings/domain/set-catch-all)"),
    Option("state", "Whether the alias named in O(name) should exist.", choices=["present", "absent"],
           default="present", entry_doc="Whether this alias should exist."),
], list_option="aliases", list_doc=[
    "Many aliases of O(domain) in one task. Mutually exclusive with O(name), O(addresses) and O(catch_all) (the "
    "options of one alias).",
    "The aliases are read with one call; only the differences are written.",
    "An empty list (an empty inventory variable) changes nothing (the list is still read, to be returned); with "
    "O(purge) it removes every alias not in O(keep).",
])


def alias_name(name, domain):
    """Accept ``sales`` or ``sales@example.com``; the bare, lower-case name, or None."""
    name = local_key(name) or ""
    if "@" in name:
        local, dummy, at = name.partition("@")
        if domain_key(at) != domain:
            return None
        name = local
    return name if name and not local_part_error(name) else None


def alias_object(name, addresses):
    return {"name": name, "addresses": sorted(as_set(addresses, address_key))}


def read_all(client, domain):
    """Every alias of ``domain`` over SOAP as {name: {"name", "addresses"}}: one call."""
    result = client.call(SERVICE, "GetAliases", DomainName=domain)
    aliases = {}
    for info in result.get("AliasInfos") or []:
        name = (info.get("Name") or "").lower()
        if name:
            aliases[name] = alias_object(name, info.get("Addresses"))
    return aliases


class SoapAliases(Adapter):
    """svcAliasAdmin: ``GetAliases``, ``GetAlias``, ``AddAlias``, ``UpdateAlias``, ``DeleteAlias``,
    ``SetCatchAll``; the catch-all is read from the domain setting ``catchall`` (svcDomainAdmin)."""

    api = "soap"
    # an alias another task created meanwhile is read again and reconciled, not a failure
    create_operations = ("AddAlias",)

    def read_all(self, client, entries):
        return read_all(client, self.resource.domain)

    def read_one(self, client, entry):
        name, domain = entry["key"], self.resource.domain
        result = client.call_unchecked(SERVICE, "GetAlias", DomainName=domain, AliasName=name)
        info = result.get("AliasInfo") or {}
        found = (info.get("Name") or "").lower()
        if result.get("Result") and found == name and (found != "empty" or info.get("Addresses")):
            return alias_object(name, info.get("Addresses"))
        if result.get("Result") and found in ("", "empty"):
            # Real servers answer a missing alias with an alias named "Empty".
            return None
        # Any other answer: the list call tells absence from an error (it raises on errors).
        return self.read_all(client, [entry]).get(name)

    def read_catch_all(self, client):
        result = client.call(DOMAIN_SERVICE, "GetRequestedDomainSettings", DomainName=self.resource.domain,
                             requestedSettings=["catchall"])
        return (parse_settings(result.get("settingValues")).get("catchall") or "").strip().lower()

    def _write(self, plan, phase, operation, description, key, **params):
        plan.add(phase, operation, description, dict(DomainName=self.resource.domain, **params), key=key,
                 service=SERVICE)

    def plan_create(self, plan, entry, desired):
        self._write(plan, "create", "AddAlias", self.resource.describe("create", entry["key"]), entry["key"],
                    AliasName=entry["key"], Addresses=list(desired["addresses"]))

    def plan_update(self, plan, entry, current, desired, changed):
        self._write(plan, "update", "UpdateAlias", self.resource.describe("update", entry["key"]), entry["key"],
                    AliasName=entry["key"], Addresses=list(desired["addresses"]))

    def plan_remove(self, plan, key, current):
        self._write(plan, "remove", "DeleteAlias", self.resource.describe("remove", key), key, AliasName=key)

    def plan_catch_all(self, plan, target, description, key):
        self._write(plan, "link", "SetCatchAll", description, key, AliasName=target)


def fresh_alias(domain, name):
    """The ``Refresh`` read of a JSON alias update: the whole alias as the server has it now."""
    def read(client):
        alias = client.get("settings/domain/alias/" + segment(name), scope=domain).get("alias")
        return {"body": {"alias": alias or {}}}
    return read


class JsonAliases(JsonAdapter):
    """The JSON API, with a domain-scoped token.

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

    create_paths = (JSON_CREATE,)

    def read_all(self, client, entries):
        answer = client.get("settings/domain/aliases", scope=self.resource.domain)
        aliases = {}
        for info in answer.get("gridInfo") or []:
            name = ("%s" % (info.get("name") or "")).lower()
            if name:
                aliases[name] = alias_object(name, info.get("targets"))
        return aliases

    def read_one(self, client, entry):
        return self.read_all(client, [entry]).get(entry["key"])

    def read_catch_all(self, client):
        settings = client.get("settings/sysadmin/domain-settings/" + segment(self.resource.domain),
                              scope=SYSADMIN).get("domainSettings") or {}
        return ("%s" % (settings.get("catchAll") or "")).strip().lower().partition("@")[0]

    def plan_create(self, plan, entry, desired):
        name = entry["key"]
        add_write(plan, "create", JSON_CREATE, self.resource.describe("create", name), name, self.resource.domain,
                  {"alias": {"name": name, "aliasTargetList": list(desired["addresses"])}, "oldName": ""})

    def plan_update(self, plan, entry, current, desired, changed):
        name, domain = entry["key"], self.resource.domain
        add_write(plan, "update", "settings/domain/alias", self.resource.describe("update", name), name, domain,
                  {"alias": {"name": name, "aliasTargetList": list(desired["addresses"])}, "oldName": name},
                  refresh=Refresh(fresh_alias(domain, name), [("body", "alias", "aliasTargetList"),
                                                              ("body", "alias", "name")]))

    def plan_remove(self, plan, key, current):
        add_write(plan, "remove", "settings/domain/alias-delete/" + segment(key), self.resource.describe("remove", key),
                  key, self.resource.domain)

    def plan_catch_all(self, plan, target, description, key):
        add_write(plan, "link", "settings/domain/set-catch-all/" + segment(target), description, key,
                  self.resource.domain)


class AliasResource(Resource):
    backend = "smartermail"
    module = "smartermail_alias"
    item = "alias"
    items = "aliases"
    list_option = "aliases"
    lists_every_object = True
    table = TABLE
    entry_options = TABLE.entry_options()
    fields = TABLE.fields()
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapAliases, "json": JsonAliases}
    scope_option = "domain"

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

    def describe(self, action, key):
        what = {"create": "create alias", "update": "update addresses of alias", "remove": "delete alias"}[action]
        return "%s %s@%s" % (what, key, self.domain)

    # -- reading ----------------------------------------------------------------------------
    def read_one(self, client, entry):
        return self.adapter.read_one(client, entry)

    def read_links(self, client, entries, current):
        """The catch-all, read only when the task can change it or shows every alias's role."""
        deleting = any(e["state"] == "absent" and e["key"] in current for e in entries)
        needed = any(e["catch_all"] is not None for e in entries) or self.purging() or deleting
        if not needed:
            return {}
        catch_all = self.adapter.read_catch_all(client)
        for key, obj in current.items():
            obj["catch_all"] = key == catch_all
        return {"catch_all": catch_all}

    def read_back(self, client, outcome):
        """An alias resent whole is read again; its catch-all role stays as planned (set by its own write)."""
        roles = dict((k, v["catch_all"]) for k, v in outcome.after.items() if "catch_all" in v)
        super(AliasResource, self).read_back(client, outcome)
        for key, role in roles.items():
            if key in outcome.after:
                outcome.after[key]["catch_all"] = role

    # -- planning ---------------------------------------------------------------------------
    def create_errors(self, entry, desired):
        if not entry["addresses"]:
            return ["addresses is required to create alias %s@%s" % (entry["key"], self.domain)]
        return []

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
            self.adapter.plan_catch_all(plan, target, description, target or current)
        for key in list(after):
            after[key] = dict(after[key], catch_all=key == target)

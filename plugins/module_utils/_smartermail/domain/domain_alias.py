# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domain aliases: other domain names that deliver into a domain. The table, the resource, and its
SOAP (svcDomainAliasAdmin) and JSON API adapters."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, Resource, diff
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    domain_key,
    domain_name_error,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    JsonAdapter,
    add_write,
    segment,
)

SERVICE = "svcDomainAliasAdmin"
JSON_ADD = "settings/domain/domain-alias-put/"

TABLE = Table([
    Option("domain", "The domain the aliases deliver into.", required=True, entry=False),
    Option("name", [
        "One domain alias, for example C(example.net). Mutually exclusive with O(names).",
        "Names (like O(keep) entries) compare without case, surrounding blanks and a trailing dot; they are "
        "shown in lower case.",
        "Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), "
        "the form the server holds and the result shows.",
    ]),
    Option("state", "Whether the domain aliases given should exist.", choices=["present", "absent"],
           default="present"),
    Option("mx_check", "Let the server check the MX record of each domain alias before adding it.", type="bool",
           default=True, soap="AddDomainAlias or AddDomainAliasWithoutMxCheck", json="the {checkMx} path segment"),
], list_option="names", list_elements="str", list_doc=[
    "Several domain aliases of O(domain), read with one call. Mutually exclusive with O(name).",
    "An empty list (an empty inventory variable) changes nothing (the list is still read, to be returned); "
    "with O(purge) it removes every domain alias not in O(keep).",
])


class SoapDomainAliases(Adapter):
    """svcDomainAliasAdmin: ``GetAliases``, ``AddDomainAlias`` (``...WithoutMxCheck``), ``DeleteDomainAlias``."""

    api = "soap"

    def read_all(self, client, entries):
        return dict((k, {"name": k}) for k in read_names(client, self.resource.domain))

    def plan_create(self, plan, entry, desired):
        mx_check = self.params["mx_check"]
        plan.add("create", "AddDomainAlias" if mx_check else "AddDomainAliasWithoutMxCheck",
                 self.resource.describe_add(entry["key"]),
                 dict(DomainName=self.resource.domain, DomainAliasName=entry["key"]), key=entry["key"],
                 service=SERVICE)

    def plan_remove(self, plan, key, current):
        plan.add("remove", "DeleteDomainAlias", self.resource.describe_remove(key),
                 dict(DomainName=self.resource.domain, DomainAliasName=key), key=key, service=SERVICE)


class JsonDomainAliases(JsonAdapter):
    """The JSON API, with a domain-scoped token.

    - read: ``GET settings/domain/domain-aliases`` -> ``domainAliasData[]`` (``name``; may be null
      when there is none) [FUSE, ASTRAL, CBX, WGS: several clients agree];
    - add: ``POST settings/domain/domain-alias-put/{name}/{checkMx}`` with an empty body [FUSE,
      ASTRAL, CBX]; ``checkMx=false`` is honoured only with a system administrator's token (a domain
      administrator's own token always gets the MX check) [ASTRAL only: single source];
    - delete: ``POST settings/domain/domain-alias-delete/{name}`` [FUSE, ASTRAL, CBX].
    """

    create_paths = (JSON_ADD,)

    def read_all(self, client, entries):
        answer = client.get("settings/domain/domain-aliases", scope=self.resource.domain)
        names = set(domain_key(d.get("name")) for d in answer.get("domainAliasData") or [] if isinstance(d, dict))
        return dict((k, {"name": k}) for k in sorted(n for n in names if n))

    def plan_create(self, plan, entry, desired):
        check = "true" if self.params["mx_check"] else "false"
        add_write(plan, "create", "%s%s/%s" % (JSON_ADD, segment(entry["key"]), check),
                  self.resource.describe_add(entry["key"]), entry["key"], self.resource.domain)

    def plan_remove(self, plan, key, current):
        add_write(plan, "remove", "settings/domain/domain-alias-delete/" + segment(key),
                  self.resource.describe_remove(key), key, self.resource.domain)


def read_names(client, domain):
    """The domain aliases of ``domain`` over SOAP, normalized and sorted: one call."""
    result = client.call(SERVICE, "GetAliases", DomainName=domain)
    return sorted(set(k for k in (domain_key(n) for n in result.get("DomainAliasNames") or []) if k))


class DomainAliasResource(Resource):
    backend = "smartermail"
    module = "smartermail_domain_alias"
    item = "domain alias"
    list_option = "names"
    lists_every_object = True
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapDomainAliases, "json": JsonDomainAliases}

    def __init__(self, params, api=None):
        super(DomainAliasResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""

    @property
    def collection(self):
        # The list of domain aliases is one read either way.
        return True

    def purging(self):
        return self.params["purge"] and self.params["state"] == "present"

    def keep_entry(self, value):
        return value

    def validate(self):
        params = self.params
        names = params["names"] if params.get("names") is not None else [params["name"]]
        # checked as written (the message shows the A-label form of an IDN), keyed normalized
        checks = [(domain_name_error, self.params["domain"] or "", "domain")]
        checks.extend((domain_name_error, n or "", "domain alias") for n in names)
        errors = collect(checks)
        keys = sorted(set(domain_key(n) or "" for n in names))
        errors += ["domain alias %s is the domain itself" % k for k in keys if k == self.domain]
        return [{"key": k, "state": params["state"]} for k in keys], errors

    def desired(self, entry, current):
        return {"name": entry["key"]}

    def describe_add(self, key):
        return "add domain alias %s to %s%s" % (key, self.domain, "" if self.params["mx_check"] else " (no MX check)")

    def describe_remove(self, key):
        return "delete domain alias %s of %s" % (key, self.domain)

    def result(self, outcome):
        before, after = sorted(outcome.before), sorted(outcome.after)
        return {
            "domain_aliases": after,
            "added": sorted(outcome.summary.get("created", [])),
            "removed": sorted(outcome.summary.get("removed", [])),
            "diff": diff({"domain": self.domain, "domain_aliases": before},
                         {"domain": self.domain, "domain_aliases": after}),
        }

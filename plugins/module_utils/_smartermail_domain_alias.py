# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domain aliases (svcDomainAliasAdmin): other domain names that deliver into a domain."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._argspec import ArgumentSpec, bulk_spec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine import Resource, diff
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import (
    collect,
    domain_key,
    domain_name_error,
)

SERVICE = "svcDomainAliasAdmin"


def read_names(client, domain):
    """The domain aliases of ``domain``, normalized and sorted: one call."""
    result = client.call(SERVICE, "GetAliases", DomainName=domain)
    return sorted(set(k for k in (domain_key(n) for n in result.get("DomainAliasNames") or []) if k))


class DomainAliasResource(Resource):
    backend = "smartermail"
    item = "domain alias"
    list_option = "names"
    lists_every_object = True
    argument_spec = ArgumentSpec(
        dict(
            domain=dict(type="str", required=True),
            name=dict(type="str"),
            names=dict(type="list", elements="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            mx_check=dict(type="bool", default=True),
        ),
        mutually_exclusive=[("name", "names")],
        required_one_of=[("name", "names")],
    ).merge(bulk_spec())

    def __init__(self, params):
        super(DomainAliasResource, self).__init__(params)
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

    def read_all(self, client, entries):
        return dict((k, {"name": k}) for k in read_names(client, self.domain))

    def desired(self, entry, current):
        return {"name": entry["key"]}

    def plan_create(self, plan, entry, desired):
        mx_check = self.params["mx_check"]
        plan.add("create", "AddDomainAlias" if mx_check else "AddDomainAliasWithoutMxCheck",
                 "add domain alias %s to %s%s" % (entry["key"], self.domain, "" if mx_check else " (no MX check)"),
                 dict(DomainName=self.domain, DomainAliasName=entry["key"]), key=entry["key"], service=SERVICE)

    def plan_remove(self, plan, key, current):
        plan.add("remove", "DeleteDomainAlias", "delete domain alias %s of %s" % (key, self.domain),
                 dict(DomainName=self.domain, DomainAliasName=key), key=key, service=SERVICE)

    def result(self, outcome):
        before, after = sorted(outcome.before), sorted(outcome.after)
        return {
            "domain_aliases": after,
            "added": sorted(outcome.summary.get("created", [])),
            "removed": sorted(outcome.summary.get("removed", [])),
            "diff": diff({"domain": self.domain, "domain_aliases": before},
                         {"domain": self.domain, "domain_aliases": after}),
        }

# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Domain aliases (svcDomainAliasAdmin): other domain names that deliver into a domain."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import diff
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import collect, domain_name_error

SERVICE = "svcDomainAliasAdmin"


def read(m, domain):
    result = m.call(SERVICE, "GetAliases", DomainName=domain)
    return sorted(set(n.strip().lower() for n in result.get("DomainAliasNames") or [] if n and n.strip()))


def run(m):
    params = m.params
    domain = (params["domain"] or "").strip().lower()
    names = params["names"] if params.get("names") is not None else [params["name"]]
    names = [(n or "").strip().lower().rstrip(".") for n in names]
    errors = collect([(domain_name_error, domain, "domain")] +
                     [(domain_name_error, n, "domain alias") for n in names] +
                     [(domain_name_error, k.strip().lower(), "keep entry") for k in params["keep"]])
    errors += ["domain alias %s is the domain itself" % n for n in names if n == domain]
    m.check_input(errors)

    current = read(m, domain)
    if params["state"] == "absent":
        add, remove = [], [n for n in names if n in current]
    else:
        add = [n for n in names if n not in current]
        keep = set(k.strip().lower() for k in params["keep"])
        remove = [n for n in current if params["purge"] and n not in names and n not in keep]
    operation = "AddDomainAlias" if params["mx_check"] else "AddDomainAliasWithoutMxCheck"
    for name in sorted(set(add)):
        m.plan.add("add domain alias %s to %s%s" % (name, domain, "" if params["mx_check"] else " (no MX check)"),
                   lambda n=name: m.call(SERVICE, operation, DomainName=domain, DomainAliasName=n))
    for name in sorted(set(remove)):
        m.plan.add("delete domain alias %s of %s" % (name, domain),
                   lambda n=name: m.call(SERVICE, "DeleteDomainAlias", DomainName=domain, DomainAliasName=n))
    m.apply()
    after = sorted((set(current) | set(add)) - set(remove))
    return {
        "domain_aliases": after,
        "added": sorted(set(add)),
        "removed": sorted(set(remove)),
        "diff": diff({"domain": domain, "domain_aliases": current}, {"domain": domain, "domain_aliases": after}),
    }

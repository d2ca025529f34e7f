# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read domains with their settings, aliases, domain aliases and counts, shaped as module options."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils import _alias, _domain, _domain_alias
from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import to_bool
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import collect, domain_name_error

SERVICE = "svcDomainAdmin"


def run(m):
    params = m.params
    include = set(params["include"])
    requested = [n.strip().lower() for n in params.get("names") or []]
    keys = [k.strip().lower() for k in params.get("settings_keys") or []]
    m.check_input(collect([(domain_name_error, n, "names entry") for n in requested]))

    all_names = sorted(n.lower() for n in m.call(SERVICE, "GetAllDomains").get("DomainNames") or [])
    missing = [n for n in requested if n not in all_names]
    names = requested or all_names
    domains = []
    for name in names:
        if name in missing:
            continue
        domains.append(read_domain(m, name, include, keys))
    return {"changed": False, "domains": domains, "missing": missing}


def read_domain(m, name, include, keys):
    settings = m.call(SERVICE, "GetDomainSettings", domainName=name)
    wanted = sorted(set(keys) | {"isenabled", "catchall"})
    values = _domain.parse_settings(
        m.call(SERVICE, "GetRequestedDomainSettings", DomainName=name, requestedSettings=wanted).get("settingValues"))
    obj = _domain.shape(name, settings, enabled=to_bool(values.get("isenabled", "True")))
    if keys:
        obj["settings"] = dict((k, values.get(k, "")) for k in keys)
    if "primary_admin" in include:
        obj["primary_admin"] = (m.call(SERVICE, "GetPrimaryDomainAdmin", DomainName=name).get("PrimaryAdmin") or "").lower()
    if "aliases" in include:
        catch_all = (values.get("catchall") or "").strip().lower()
        obj["aliases"] = [dict(a, catch_all=n == catch_all) for n, a in sorted(_alias.read_all(m.client, name).items())]
    if "domain_aliases" in include:
        obj["domain_aliases"] = _domain_alias.read_names(m.client, name)
    if "counts" in include:
        counts = m.call(SERVICE, "GetDomainCounts", DomainName=name)
        obj["counts"] = {"users": counts.get("Users"), "aliases": counts.get("Aliases"),
                         "lists": counts.get("MailingLists"), "size": counts.get("Size")}
    return obj

# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Aliases of a SmarterMail domain (svcAliasAdmin): one alias, the catch-all, or many at once."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import (
    as_set,
    diff,
    plan_collection,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import (
    collect,
    domain_name_error,
    email_error,
    local_part_error,
)

SERVICE = "svcAliasAdmin"
DOMAIN_SERVICE = "svcDomainAdmin"


def alias_name(name, domain):
    """Accept ``sales`` or ``sales@example.com``; return the bare, lower-case name."""
    name = (name or "").strip().lower()
    if "@" in name:
        local, dummy, at = name.partition("@")
        if at != domain:
            return None
        name = local
    return name


def alias_object(name, addresses, catch_all_name):
    return {
        "name": name,
        "addresses": sorted(as_set(addresses)),
        "catch_all": bool(catch_all_name) and catch_all_name == name,
    }


def validate(params):
    domain = (params["domain"] or "").strip().lower()
    errors = collect([(domain_name_error, domain, "domain")])
    entries = []
    if params.get("aliases") is not None:
        raw = params["aliases"]
    else:
        raw = [{"name": params["name"], "addresses": params.get("addresses"),
                "catch_all": params.get("catch_all"), "state": params.get("state")}]
    seen = set()
    for entry in raw:
        name = alias_name(entry.get("name"), domain)
        if name is None:
            errors.append("alias %r belongs to another domain than %s" % (entry.get("name"), domain))
            continue
        error = local_part_error(name, "alias name")
        if error:
            errors.append(error)
            continue
        if name in seen:
            errors.append("alias %r is listed more than once" % name)
        seen.add(name)
        addresses = entry.get("addresses")
        if addresses is not None:
            errors.extend(collect([(email_error, a, "address of alias %s" % name) for a in addresses]))
        entries.append({"name": name, "addresses": addresses, "catch_all": entry.get("catch_all"),
                        "state": entry.get("state") or "present"})
    catch_alls = [e["name"] for e in entries if e["catch_all"] and e["state"] == "present"]
    if len(catch_alls) > 1:
        errors.append("only one alias can be the catch-all, got %s" % ", ".join(catch_alls))
    for keep in params.get("keep") or []:
        if alias_name(keep, domain) is None:
            errors.append("keep entry %r belongs to another domain than %s" % (keep, domain))
    return domain, entries, errors


def read_catch_all(m, domain):
    result = m.call(DOMAIN_SERVICE, "GetRequestedDomainSettings", DomainName=domain,
                    requestedSettings=["catchall"])
    for item in result.get("settingValues") or []:
        key, dummy, value = item.partition("=")
        if key.strip().lower() == "catchall":
            return value.strip().lower()
    return ""


def read_all(m, domain):
    """All aliases of ``domain`` as {name: sorted addresses}: one call."""
    result = m.call(SERVICE, "GetAliases", DomainName=domain)
    aliases = {}
    for info in result.get("AliasInfos") or []:
        name = (info.get("Name") or "").lower()
        if name:
            aliases[name] = sorted(as_set(info.get("Addresses")))
    return aliases


def read_one(m, domain, name):
    """The addresses of one alias, or None when it does not exist."""
    result = m.client.call_unchecked(SERVICE, "GetAlias", DomainName=domain, AliasName=name)
    info = result.get("AliasInfo") or {}
    found = (info.get("Name") or "").lower()
    if result.get("Result") and found == name and (found != "empty" or info.get("Addresses")):
        return sorted(as_set(info.get("Addresses")))
    if result.get("Result") and found in ("", "empty"):
        # Real servers answer a missing alias with an alias named "Empty".
        return None
    # Any other answer: let the list call tell absence from an error (it raises on errors).
    return read_all(m, domain).get(name)


def run(m):
    params = m.params
    domain, entries, errors = validate(params)
    m.check_input(errors)
    if params.get("aliases") is not None:
        return run_many(m, domain, entries)
    return run_one(m, domain, entries[0])


def _writes_for(m, domain, name, current, desired_addresses, state):
    if state == "absent":
        if current is not None:
            m.plan.add("delete alias %s@%s" % (name, domain),
                       lambda: m.call(SERVICE, "DeleteAlias", DomainName=domain, AliasName=name))
        return
    if current is None:
        m.plan.add("create alias %s@%s" % (name, domain),
                   lambda: m.call(SERVICE, "AddAlias", DomainName=domain, AliasName=name,
                                  Addresses=list(desired_addresses)))
    elif desired_addresses is not None and as_set(current) != as_set(desired_addresses):
        m.plan.add("update addresses of alias %s@%s" % (name, domain),
                   lambda: m.call(SERVICE, "UpdateAlias", DomainName=domain, AliasName=name,
                                  Addresses=list(desired_addresses)))


def _catch_all_write(m, domain, current_catch_all, entries, exists_after):
    """Set or clear the catch-all as the entries ask; return the catch-all name afterwards.

    The catch-all becomes the alias an entry marks with ``catch_all: true``; it is cleared when
    its alias is marked ``catch_all: false``, is deleted, or will not exist after the task.
    """
    wanted = [e["name"] for e in entries if e["catch_all"] and e["state"] == "present"]
    cleared = set(e["name"] for e in entries if e["catch_all"] is False or e["state"] == "absent")
    if wanted:
        target = wanted[0]
    elif current_catch_all and (current_catch_all in cleared or not exists_after(current_catch_all)):
        target = ""
    else:
        target = current_catch_all
    if target != current_catch_all:
        label = "set catch-all of %s to %s" % (domain, target) if target else "clear catch-all of %s" % domain
        m.plan.add(label, lambda: m.call(SERVICE, "SetCatchAll", DomainName=domain, AliasName=target))
    return target


def run_one(m, domain, entry):
    name, state = entry["name"], entry["state"]
    current = read_one(m, domain, name)
    if state == "present" and current is None and not entry["addresses"]:
        m.fail("addresses is required to create alias %s@%s" % (name, domain))
    needs_catch_all = entry["catch_all"] is not None or (state == "absent" and current is not None)
    catch_all = read_catch_all(m, domain) if needs_catch_all else ""
    if state == "absent" and catch_all == name:
        m.plan.add("clear catch-all of %s" % domain,
                   lambda: m.call(SERVICE, "SetCatchAll", DomainName=domain, AliasName=""))
        catch_all_after = ""
    else:
        catch_all_after = catch_all
    _writes_for(m, domain, name, current, entry["addresses"], state)
    if state == "present":
        catch_all_after = _catch_all_write(m, domain, catch_all, [entry], lambda n: True)
    m.apply()

    before = alias_object(name, current, catch_all) if current is not None else {}
    if state == "absent":
        after = {}
    else:
        addresses = entry["addresses"] if entry["addresses"] is not None else current
        after = alias_object(name, addresses, catch_all_after)
    result = {"alias": after, "diff": diff(before, after)}
    return result


def run_many(m, domain, entries):
    params = m.params
    current = read_all(m, domain)
    keep = set(alias_name(k, domain) for k in params.get("keep") or [])
    uses_catch_all = any(e["catch_all"] is not None for e in entries) or params["purge"]
    catch_all = read_catch_all(m, domain) if uses_catch_all else ""

    present = dict((e["name"], e) for e in entries if e["state"] == "present")
    for e in entries:
        if e["state"] == "present" and e["name"] not in current and not e["addresses"]:
            m.fail("addresses is required to create alias %s@%s" % (e["name"], domain))
    desired = dict((n, sorted(as_set(e["addresses"])) if e["addresses"] is not None else current.get(n))
                   for n, e in present.items())
    create, update, remove = plan_collection(current, desired, purge=params["purge"], keep=keep,
                                             same=lambda a, b: as_set(a) == as_set(b))
    remove = sorted(set(remove) | set(e["name"] for e in entries
                                      if e["state"] == "absent" and e["name"] in current))
    after = dict(current)
    for name in remove:
        after.pop(name, None)
    for name in create + update:
        after[name] = desired[name]

    catch_all_after = _catch_all_write(m, domain, catch_all, entries, lambda n: n in after) \
        if uses_catch_all else catch_all
    # SetCatchAll must come after creating the alias it names and before deleting the old one.
    catch_all_writes = list(m.plan.writes)
    m.plan.writes = []
    for name in create:
        _writes_for(m, domain, name, None, desired[name], "present")
    for name in update:
        _writes_for(m, domain, name, current[name], desired[name], "present")
    m.plan.writes.extend(catch_all_writes)
    for name in remove:
        _writes_for(m, domain, name, current[name], None, "absent")
    m.apply()

    def shape(aliases, catch):
        return dict((n, alias_object(n, a, catch)) for n, a in sorted(aliases.items()))

    before_map, after_map = shape(current, catch_all), shape(after, catch_all_after)
    return {
        "aliases": list(after_map.values()),
        "created": create,
        "updated": update,
        "removed": remove,
        "diff": diff({"aliases": before_map}, {"aliases": after_map}),
    }

# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RBL checks of a SmarterMail server (svcSpamAdmin): one check, or the whole list at once."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import (
    changed_keys,
    diff,
    merge,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import (
    WEIGHT,
    collect,
    domain_name_error,
    ipv4_error,
)

SERVICE = "svcSpamAdmin"
NAME_MAX = 100

# option -> (SOAP name in RBLSetting, type, default on create)
FIELDS = (
    ("name", "Name", "str", None),
    ("description", "Description", "str", ""),
    ("hostname", "Hostname", "str", None),
    ("weight", "Weight", "int", None),
    ("filtering", "EnabledFiltering", "bool", True),
    ("incoming_blocking", "EnabledIncomingBlocking", "bool", False),
    ("outgoing_blocking", "EnabledOutgoingBlocking", "bool", False),
    ("uribl", "IsURIBL", "bool", False),
    ("bitmap_checking", "UseBitmapChecking", "bool", False),
    ("required_ip", "RequiredIP", "str", ""),
    ("required_ip_enabled", "RequiredIPEnabled", "bool", False),
)
OPTIONS = tuple(f[0] for f in FIELDS)
SETTINGS = tuple(f[0] for f in FIELDS if f[0] != "name")
REQUIRED_ON_CREATE = ("hostname", "weight")


def field_spec():
    """Argument-spec entries of the RBL fields other than ``name`` (all optional)."""
    return dict((option, dict(type=kind)) for option, dummy, kind, dummy2 in FIELDS if option != "name")


def from_soap(struct):
    struct = struct or {}
    out = {}
    for option, soap, kind, dummy in FIELDS:
        value = struct.get(soap)
        if kind == "str":
            value = value or ""
        elif kind == "bool":
            value = bool(value)
        out[option] = value
    return out


def to_soap(obj):
    return dict((soap, obj.get(option)) for option, soap, dummy, dummy2 in FIELDS)


def normalize_entry(entry):
    """The options a user set for one RBL, cleaned (None = leave as is)."""
    out = dict((option, entry.get(option)) for option in OPTIONS)
    out["name"] = (out["name"] or "").strip()
    if out["hostname"] is not None:
        out["hostname"] = out["hostname"].strip().lower().rstrip(".")
    if out["required_ip"] is not None:
        out["required_ip"] = out["required_ip"].strip()
    out["rename_from"] = (entry.get("rename_from") or "").strip() or None
    out["state"] = entry.get("state") or "present"
    return out


def entry_errors(entry, where):
    errors = []
    if not entry["name"]:
        errors.append("%s: name must be a non-empty string" % where)
    elif len(entry["name"]) > NAME_MAX:
        errors.append("%s: name must be at most %d characters" % (where, NAME_MAX))
    checks = [(WEIGHT, entry["weight"], "%s: weight" % where)]
    if entry["hostname"] is not None:
        checks.append((domain_name_error, entry["hostname"], "%s: hostname" % where))
    if entry["required_ip"]:
        checks.append((ipv4_error, entry["required_ip"], "%s: required_ip" % where))
    return errors + collect(checks)


def object_errors(obj, where):
    if obj.get("required_ip_enabled") and not obj.get("required_ip"):
        return ["%s: required_ip_enabled needs a required_ip" % where]
    return []


def validate(params):
    if params.get("rbls") is not None:
        raw = params["rbls"]
    else:
        raw = [dict((o, params.get(o)) for o in OPTIONS + ("rename_from", "state"))]
    entries, errors, seen = [], [], set()
    for index, item in enumerate(raw):
        entry = normalize_entry(item)
        where = "RBL %r" % entry["name"] if entry["name"] else "rbls[%d]" % index
        errors.extend(entry_errors(entry, where))
        key = entry["name"].lower()
        if key and key in seen:
            errors.append("RBL %r is listed more than once" % entry["name"])
        seen.add(key)
        entries.append(entry)
    for entry in entries:
        source = (entry["rename_from"] or "").lower()
        if source and source in seen and source != entry["name"].lower():
            errors.append("RBL %r: rename_from %r is also listed by name" % (entry["name"], entry["rename_from"]))
    return entries, errors


def read_all(m):
    """Every RBL check, in the server's order, as option dicts: one call."""
    return [from_soap(s) for s in m.call(SERVICE, "ListRBLs").get("rbls") or []]


def _index(rbls):
    return dict((r["name"].lower(), r) for r in rbls)


def resolve(m, entry, current):
    """(current object or None, name to edit) for one present entry; fails on a rename conflict."""
    found = current.get(entry["name"].lower())
    source = current.get(entry["rename_from"].lower()) if entry["rename_from"] else None
    if source is not None and found is not None and source is not found:
        m.fail("cannot rename RBL %r to %r: both exist" % (source["name"], entry["name"]))
    if found is not None:
        return found, found["name"]
    if source is not None:
        return source, source["name"]
    return None, None


def desired_object(m, entry, existing):
    given = dict((o, entry[o]) for o in SETTINGS if entry[o] is not None)
    given["name"] = entry["name"]
    if existing is None:
        missing = [o for o in REQUIRED_ON_CREATE if entry[o] is None]
        if missing:
            verb = " are" if len(missing) > 1 else " is"
            m.fail("%s required to create RBL %r" % (" and ".join(missing) + verb, entry["name"]))
        base = dict((option, default) for option, dummy, dummy2, default in FIELDS)
        return merge(base, given)
    return merge(existing, given)


def _plan_present(m, entry, existing, edit_name, desired):
    name = entry["name"]
    if existing is None:
        m.plan.add("add RBL %s" % name, lambda: m.call(SERVICE, "AddRBL", rblSetting=to_soap(desired)))
        return "created"
    keys = changed_keys(existing, desired)
    if not keys:
        return None
    if edit_name != name:
        label = "rename RBL %s to %s" % (edit_name, name)
        others = [k for k in keys if k != "name"]
        if others:
            label += " and update %s" % ", ".join(sorted(others))
    else:
        label = "update RBL %s (%s)" % (name, ", ".join(sorted(keys)))
    m.plan.add(label, lambda: m.call(SERVICE, "EditRBL", NameOfRblToEdit=edit_name, rblSetting=to_soap(desired)))
    return "renamed" if edit_name != name else "updated"


def _remove(m, name):
    m.plan.add("remove RBL %s" % name, lambda: m.call(SERVICE, "RemoveRBL", NameOfRblToRemove=name))


def run(m):
    entries, errors = validate(m.params)
    m.check_input(errors)
    if m.params.get("rbls") is not None:
        return run_many(m, entries)
    return run_one(m, entries[0])


def run_one(m, entry):
    current = _index(read_all(m))
    if entry["state"] == "absent":
        existing = current.get(entry["name"].lower())
        if existing is not None:
            _remove(m, existing["name"])
        m.apply()
        return {"rbl": {}, "diff": diff(existing or {}, {})}
    existing, edit_name = resolve(m, entry, current)
    desired = desired_object(m, entry, existing)
    m.check_input(object_errors(desired, "RBL %r" % entry["name"]))
    _plan_present(m, entry, existing, edit_name, desired)
    m.apply()
    return {"rbl": desired, "diff": diff(existing or {}, desired)}


def run_many(m, entries):
    params = m.params
    listed = read_all(m)
    current = _index(listed)
    keep = set((k or "").strip().lower() for k in params.get("keep") or [])
    removals, plans, result = [], [], {"created": [], "updated": [], "renamed": [], "removed": []}
    wanted = set()
    after = dict((r["name"].lower(), r) for r in listed)
    order = [r["name"].lower() for r in listed]
    for entry in entries:
        if entry["state"] == "absent":
            existing = current.get(entry["name"].lower())
            if existing is not None:
                removals.append(existing["name"])
            continue
        existing, edit_name = resolve(m, entry, current)
        desired = desired_object(m, entry, existing)
        m.check_input(object_errors(desired, "RBL %r" % entry["name"]))
        plans.append((entry, existing, edit_name, desired))
        wanted.add(entry["name"].lower())
        if edit_name:
            wanted.add(edit_name.lower())
    if params["purge"]:
        removals.extend(r["name"] for r in listed
                        if r["name"].lower() not in wanted and r["name"].lower() not in keep
                        and r["name"] not in removals)
    # Removals first, so a name freed by one can be taken by a rename or a new check.
    for name in removals:
        _remove(m, name)
        result["removed"].append(name)
        after.pop(name.lower(), None)
    for entry, existing, edit_name, desired in plans:
        outcome = _plan_present(m, entry, existing, edit_name, desired)
        if outcome:
            result[outcome].append(entry["name"])
        if edit_name and edit_name.lower() != entry["name"].lower():
            index = order.index(edit_name.lower())
            order[index] = entry["name"].lower()
            after.pop(edit_name.lower(), None)
        elif not edit_name:
            order.append(entry["name"].lower())
        after[entry["name"].lower()] = desired
    m.apply()
    final = [after[key] for key in order if key in after]
    result["rbls"] = final
    result["diff"] = diff({"rbls": dict((r["name"], r) for r in listed)},
                          {"rbls": dict((r["name"], r) for r in final)})
    return result

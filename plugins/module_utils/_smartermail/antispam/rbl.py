# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""RBL checks of a SmarterMail server (svcSpamAdmin): one check, or the whole list at once.

Names compare without case (the key is the lower-case name): a name that differs only in case
names the same check, which keeps the spelling it has on the server. A check is renamed only when
``rename_from`` names it (also to change only the case of its name). The list is one read
(ListRBLs) in either form. Removals are written first, so a name a removal frees can be taken by a
rename or a new check.

Concurrent writers: EditRBL resends the whole check, so it carries a ``Refresh``: right before it,
the list is read again and only the fields this task changes are applied to the check as read
then; the checks edited are read back afterwards. An AddRBL answered "already exists" (another
task added the check meanwhile) is read again and reconciled (an EditRBL if it differs) instead of
failing. What remains is the time between that fresh read and the write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import entry_forms
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Field,
    InputError,
    PlanError,
    Refresh,
    Resource,
    diff,
    from_wire,
    merge,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    WEIGHT,
    collect,
    domain_key,
    domain_name_error,
    ipv4_error,
)

SERVICE = "svcSpamAdmin"
NAME_MAX = 100

# option -> (SOAP name in RBLSetting, type, default on create, comparison rule)
FIELDS = (
    ("name", "Name", "str", None, "exact"),
    ("description", "Description", "str", "", "exact"),
    ("hostname", "Hostname", "str", None, "caseless"),
    ("weight", "Weight", "int", None, "number"),
    ("filtering", "EnabledFiltering", "bool", True, "bool"),
    ("incoming_blocking", "EnabledIncomingBlocking", "bool", False, "bool"),
    ("outgoing_blocking", "EnabledOutgoingBlocking", "bool", False, "bool"),
    ("uribl", "IsURIBL", "bool", False, "bool"),
    ("bitmap_checking", "UseBitmapChecking", "bool", False, "bool"),
    ("required_ip", "RequiredIP", "str", "", "exact"),
    ("required_ip_enabled", "RequiredIPEnabled", "bool", False, "bool"),
)
OPTIONS = tuple(f[0] for f in FIELDS)
SETTINGS = tuple(f[0] for f in FIELDS if f[0] != "name")
REQUIRED_ON_CREATE = ("hostname", "weight")
# what the server stores when AddRBL leaves a field out: written on create, so reported as written
DEFAULTS = dict((f[0], f[3]) for f in FIELDS if f[3] is not None)


def field_spec():
    """Argument-spec entries of the RBL fields other than ``name`` (all optional)."""
    return dict((option, dict(type=kind)) for option, dummy, kind, dummy2, dummy3 in FIELDS if option != "name")


def _argument_spec():
    entry = dict(name=dict(type="str", required=True), rename_from=dict(type="str"),
                 state=dict(type="str", choices=["present", "absent"], default="present"))
    entry.update(field_spec())
    return entry_forms("rbls", entry)


def rbl_key(name):
    """The key of an RBL name: stripped and lower-case; None when no RBL can have that name."""
    name = ("%s" % (name if name is not None else "")).strip()
    if not name or len(name) > NAME_MAX:
        return None
    return name.lower()


def from_soap(struct):
    return from_wire(struct, [row[:3] for row in FIELDS])


def to_soap(obj):
    return dict((soap, obj.get(option)) for option, soap, dummy, dummy2, dummy3 in FIELDS)


def read_list(client):
    """Every RBL check, in the server's order, as option dicts: one call."""
    return [from_soap(s) for s in client.call(SERVICE, "ListRBLs").get("rbls") or []]


def fresh_rbl(name):
    """The ``Refresh`` read of EditRBL: the check ``name`` as EditRBL takes it, read now ({} if gone).

    GetRBL reads the one check; an unknown name is answered with ResultCode -3, which the whole
    list (ListRBLs, which raises on errors) then confirms, so an error is never taken for absence.
    """
    def read(client):
        result = client.call_unchecked(SERVICE, "GetRBL", name=name)
        if result.get("Result") and result.get("settings"):
            return {"rblSetting": to_soap(from_soap(result["settings"]))}
        for rbl in read_list(client):
            if rbl["name"].lower() == name.lower():
                return {"rblSetting": to_soap(rbl)}
        return {}
    return read


def normalize_entry(entry):
    """The options a user set for one RBL, cleaned (None = leave as is)."""
    out = dict((option, entry.get(option)) for option in OPTIONS)
    out["raw_hostname"] = out["hostname"]
    out["name"] = ("%s" % (out["name"] or "")).strip()
    if out["hostname"] is not None:
        out["hostname"] = domain_key(out["hostname"]) or ""
    if out["required_ip"] is not None:
        out["required_ip"] = out["required_ip"].strip()
    out["rename_from_name"] = ("%s" % (entry.get("rename_from") or "")).strip() or None
    out["rename_from"] = rbl_key(out["rename_from_name"])
    out["state"] = entry.get("state") or "present"
    out["key"] = out["name"].lower()
    return out


def entry_errors(entry, where):
    errors = []
    if not entry["name"]:
        errors.append("%s: name must be a non-empty string" % where)
    elif len(entry["name"]) > NAME_MAX:
        errors.append("%s: name must be at most %d characters" % (where, NAME_MAX))
    if entry["rename_from_name"] and entry["rename_from"] is None:
        errors.append("%s: rename_from must be at most %d characters" % (where, NAME_MAX))
    checks = [(WEIGHT, entry["weight"], "%s: weight" % where)]
    if entry["hostname"] is not None:
        checks.append((domain_name_error, entry["raw_hostname"], "%s: hostname" % where))
    if entry["required_ip"]:
        checks.append((ipv4_error, entry["required_ip"], "%s: required_ip" % where))
    return errors + collect(checks)


def object_errors(obj, where):
    if obj.get("required_ip_enabled") and not obj.get("required_ip"):
        return ["%s: required_ip_enabled needs a required_ip" % where]
    return []


class RblResource(Resource):
    backend = "smartermail"
    item = "rbl"
    items = "rbls"
    list_option = "rbls"
    lists_every_object = True
    key_option = None  # the name keeps its case: it is a field, the key is its lower-case form
    entry_options = OPTIONS + ("rename_from", "state")
    fields = tuple(Field(option, soap, rule=rule) for option, soap, dummy, dummy2, rule in FIELDS)
    # removals first: a name a removal frees can then be taken by a rename or a new check
    phases = ("remove", "update", "create")
    outcomes = (("created", "created"), ("updated", "updated"), ("renamed", "renamed"), ("removed", "removed"))
    argument_spec = _argument_spec()
    create_operations = ("AddRBL",)

    def __init__(self, params, api=None):
        super(RblResource, self).__init__(params, api)
        self.order = []

    def validate(self):
        entries, errors, seen = [], [], set()
        for index, raw in enumerate(self.raw_entries()):
            entry = normalize_entry(raw)
            where = "RBL %r" % entry["name"] if entry["name"] else (
                "RBL" if self.keep_probe is not None else "rbls[%d]" % index)
            errors.extend(entry_errors(entry, where))
            if entry["key"] and entry["key"] in seen:
                errors.append("RBL %r is listed more than once" % entry["name"])
            seen.add(entry["key"])
            entries.append(entry)
        return entries, errors

    # -- reading ----------------------------------------------------------------------------
    def read_all(self, client, entries):
        listed = read_list(client)
        self.order = [r["name"].lower() for r in listed]
        return dict((r["name"].lower(), r) for r in listed)

    def sort_key(self, key):
        """The server's order (purges follow it); checks not read yet come last."""
        return (self.order.index(key) if key in self.order else len(self.order), key)

    def read(self, client, entries):
        # One ListRBLs answers both forms (and a rename): never one read per name.
        if self.collection:
            return super(RblResource, self).read(client, entries)
        return self.read_all(client, entries)

    # -- planning ---------------------------------------------------------------------------
    def renamed(self, entry, current):
        """``rename_from`` names an existing check: another one than ``name``, or the same one whose
        name changes case. Without ``rename_from`` a name that differs only in case is the same check."""
        key, source = entry["key"], entry["rename_from"]
        if not source or source not in current:
            return None
        if source != key:
            if key in current:
                raise PlanError("cannot rename RBL %r to %r: both exist" % (current[source]["name"], entry["name"]))
            return source
        if current[key]["name"] != entry["name"]:
            return key  # rename_from names the check: the case of its name changes
        return None

    @staticmethod
    def _renaming(entry, current):
        return current is not None and entry["rename_from"] == current["name"].lower()

    def desired(self, entry, current):
        given = dict((option, entry[option]) for option in SETTINGS if entry[option] is not None)
        # an existing check keeps its spelling unless rename_from names it
        given["name"] = entry["name"] if current is None or self._renaming(entry, current) else current["name"]
        obj = merge(current if current is not None else DEFAULTS, given)
        problems = object_errors(obj, "RBL %r" % entry["name"])
        if problems:
            raise InputError(problems)
        return obj

    def changes(self, entry, current, desired):
        return super(RblResource, self).changes(dict(entry, name=desired["name"]), current, desired)

    def create_errors(self, entry, desired):
        missing = [option for option in REQUIRED_ON_CREATE if entry[option] is None]
        if missing:
            verb = " are" if len(missing) > 1 else " is"
            return ["%s required to create RBL %r" % (" and ".join(missing) + verb, entry["name"])]
        return []

    def plan_create(self, plan, entry, desired):
        plan.add("create", "AddRBL", "add RBL %s" % entry["name"], dict(rblSetting=to_soap(desired)),
                 key=entry["key"], service=SERVICE)

    def plan_update(self, plan, entry, current, desired, changed):
        old, new = current["name"], desired["name"]
        others = sorted(c for c in changed if c != "name")
        if old != new:
            description = "rename RBL %s to %s" % (old, new)
            if others:
                description += " and update %s" % ", ".join(others)
        else:
            description = "update RBL %s (%s)" % (new, ", ".join(others))
        soap = dict((option, wire) for option, wire, dummy, dummy2, dummy3 in FIELDS)
        refresh = Refresh(fresh_rbl(old), [("rblSetting", soap[c]) for c in changed])
        plan.add("update", "EditRBL", description, dict(NameOfRblToEdit=old, rblSetting=to_soap(desired)),
                 key=entry["key"], service=SERVICE, refresh=refresh)

    def plan_remove(self, plan, key, current):
        plan.add("remove", "RemoveRBL", "remove RBL %s" % current["name"], dict(NameOfRblToRemove=current["name"]),
                 key=key, service=SERVICE)

    # -- output -----------------------------------------------------------------------------
    def result(self, outcome):
        if not self.collection:
            return super(RblResource, self).result(outcome)
        before, after = outcome.before, outcome.after
        # the server's order: a renamed check keeps its place, new checks come last in the listed order
        order = list(self.order) or list(before)
        position = dict((source, key) for key, source in outcome.renames.items())
        keys = [position.get(k, k) for k in order]
        keys += [e["key"] for e in outcome.entries if e["key"] not in keys]
        final = [after[k] for k in keys if k in after]
        result = {"rbls": final}
        for name, result_key in self.outcomes:
            objects = before if name == "removed" else after
            result[result_key] = [objects[k]["name"] for k in outcome.summary.get(name, [])]
        listed = [before[k] for k in order if k in before]
        result["diff"] = diff({"rbls": dict((r["name"], r) for r in listed)},
                              {"rbls": dict((r["name"], r) for r in final)})
        return result

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

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    InputError,
    PlanError,
    Refresh,
    Resource,
    diff,
    from_wire,
    merge,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    WEIGHT,
    collect,
    domain_key,
    domain_name_error,
    ipv4_error,
)

SERVICE = "svcSpamAdmin"
NAME_MAX = 100
ON_ADD = " V(%s) when a check is added without it."

TABLE = Table([
    Option("name", [
        "Name of one RBL check (at most 100 characters). Mutually exclusive with O(rbls).",
        "Names compare without case (also in O(keep) and O(rename_from)), as one name. A name that differs "
        "from an existing check's only in case is that check, which keeps the spelling it has; the check is "
        "renamed (to change the case of its name, too) only when O(rename_from) names it.",
    ], required=True, rule="exact", soap="Name", entry_doc=["Name of the check."]),
    Option("rename_from", [
        "Rename the check of this name to O(name), keeping its other fields unless given. Nothing is "
        "renamed when O(name) already exists and this one does not; both existing is an error.",
    ], soap="NameOfRblToEdit", entry_doc=["Rename the check of this name to O(rbls[].name)."]),
    Option("description", "A short description for display.", rule="exact", soap="Description",
           entry_doc=["A short description for display."]),
    Option("hostname", [
        "The DNS zone of the list, for example C(zen.spamhaus.org). Required to add a check.",
        "Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), "
        "the form the server holds and the result shows; a trailing dot and the case are ignored.",
    ], rule="caseless", soap="Hostname", entry_doc=["The DNS zone of the list. Required to add a check."]),
    Option("weight", "Spam weight added when the sender is listed, from -100 to 100. Required to add a check.",
           type="int", rule="number", soap="Weight",
           entry_doc=["Spam weight when listed, from -100 to 100. Required to add a check."]),
    Option("filtering", "Use the check in spam filtering." + ON_ADD % "true", type="bool", rule="bool",
           soap="EnabledFiltering", entry_doc=["Use the check in spam filtering (V(true) on add when omitted)."]),
    Option("incoming_blocking", "Refuse incoming SMTP sessions from listed senders." + ON_ADD % "false", type="bool",
           rule="bool", soap="EnabledIncomingBlocking", entry_doc=["Refuse incoming SMTP sessions from listed senders."]),
    Option("outgoing_blocking", "Refuse outgoing SMTP sessions from listed senders." + ON_ADD % "false", type="bool",
           rule="bool", soap="EnabledOutgoingBlocking", entry_doc=["Refuse outgoing SMTP sessions from listed senders."]),
    Option("uribl", "The list is a URI block list (checks links in the message body)." + ON_ADD % "false",
           type="bool", rule="bool", soap="IsURIBL", entry_doc=["The list is a URI block list."]),
    Option("bitmap_checking", "Interpret the answer as a bitmap." + ON_ADD % "false", type="bool", rule="bool",
           soap="UseBitmapChecking", entry_doc=["Interpret the answer as a bitmap."]),
    Option("required_ip", "The answer (an IPv4 address such as C(127.0.0.2)) that counts as listed; empty for any "
           "answer.", rule="exact", soap="RequiredIP", entry_doc=["The answer that counts as listed."]),
    Option("required_ip_enabled", "Count the sender as listed only when the answer is O(required_ip) (which must "
           "then be set).", type="bool", rule="bool", soap="RequiredIPEnabled",
           entry_doc=["Count as listed only when the answer is O(rbls[].required_ip)."]),
    Option("state", "Whether the check named in O(name) should exist.", choices=["present", "absent"],
           default="present", entry_doc=["Whether this check should exist."]),
], list_option="rbls", list_doc=[
    "Many RBL checks in one task. Mutually exclusive with O(name).",
    "The list is read with one call; only the differences are written. Checks not listed are left "
    "alone unless O(purge) is set.",
    "An empty list (an empty inventory variable) changes nothing (the list is still read, to be returned); with "
    "O(purge) it removes every check not in O(keep).",
])
FIELDS = TABLE.fields()
# (option, SOAP name in RBLSetting, type) of every field
WIRE = tuple((f.option, f.wire, TABLE[f.option].type) for f in FIELDS)
OPTIONS = tuple(f.option for f in FIELDS)
SETTINGS = tuple(o for o in OPTIONS if o != "name")
REQUIRED_ON_CREATE = ("hostname", "weight")
# what the server stores when AddRBL leaves a field out: written on create, so reported as written
DEFAULTS = dict(description="", filtering=True, incoming_blocking=False, outgoing_blocking=False, uribl=False,
                bitmap_checking=False, required_ip="", required_ip_enabled=False)


def rbl_key(name):
    """The key of an RBL name: stripped and lower-case; None when no RBL can have that name."""
    name = ("%s" % (name if name is not None else "")).strip()
    if not name or len(name) > NAME_MAX:
        return None
    return name.lower()


def from_soap(struct):
    return from_wire(struct, WIRE)


def to_soap(obj):
    return dict((soap, obj.get(option)) for option, soap, dummy in WIRE)


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


class SoapRbls(Adapter):
    """svcSpamAdmin: ``ListRBLs`` (the whole list, one call), ``AddRBL``, ``EditRBL`` (the whole check, with
    its ``Refresh``), ``RemoveRBL``."""

    api = "soap"
    create_operations = ("AddRBL",)

    def read_list(self, client):
        return read_list(client)

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
        soap = dict((option, wire) for option, wire, dummy in WIRE)
        refresh = Refresh(fresh_rbl(old), [("rblSetting", soap[c]) for c in changed])
        plan.add("update", "EditRBL", description, dict(NameOfRblToEdit=old, rblSetting=to_soap(desired)),
                 key=entry["key"], service=SERVICE, refresh=refresh)

    def plan_remove(self, plan, key, current):
        plan.add("remove", "RemoveRBL", "remove RBL %s" % current["name"], dict(NameOfRblToRemove=current["name"]),
                 key=key, service=SERVICE)


class RblResource(Resource):
    json_missing = ("no source of the JSON API shows the system administrator's endpoint that writes RBLs or spam-check "
                    "weights")
    backend = "smartermail"
    module = "smartermail_rbl"
    item = "rbl"
    items = "rbls"
    list_option = "rbls"
    lists_every_object = True
    key_option = None  # the name keeps its case: it is a field, the key is its lower-case form
    entry_options = OPTIONS + ("rename_from", "state")
    table = TABLE
    fields = FIELDS
    # removals first: a name a removal frees can then be taken by a rename or a new check
    phases = ("remove", "update", "create")
    outcomes = (("created", "created"), ("updated", "updated"), ("renamed", "renamed"), ("removed", "removed"))
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapRbls}

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
        listed = self.adapter.read_list(client)
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

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Plesk SpamAssassin settings (``<spamfilter>``) of mailboxes and of the server (``admin``).

One ``get`` packet reads the status and preferences of every filter of a task; one
``get-patterns`` packet per list the task manages reads that list for all of them.  The writes
are the fewest the differences need: one ``set`` per distinct change (shared by the mailboxes
that need the same one), one ``add-pattern`` and one ``del-pattern`` per filter and list.

A filter always exists (one per mailbox, and ``admin``): the resource only updates. Its
``purge`` is per filter and per list (patterns not given are removed); no filter is ever removed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import re
from collections import namedtuple

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Field,
    InfoResource,
    Resource,
    as_set,
    diff,
    merge,
    method_execute,
    same,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import PleskError
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import address_key, email_error

ADMIN = "admin"
PatternList = namedtuple("PatternList", "option name scope")
ACTIONS = ("mark", "delete", "move")
# The preferences: option, wire name, comparison rule. ``enabled`` is written as <enabled/>/<disabled/>.
ENABLED = Field("enabled", rule="bool")
PREFERENCES = (
    Field("personal", "personal", rule="bool"),
    Field("max_children", "max-children-process", rule="number"),
    Field("use_server_wide_settings", "use-server-wide-settings", rule="bool"),
    Field("required_score", "required-score", rule="number"),
    Field("rewrite_header", "rewrite-header"),
    Field("action", "action"),
)
FIELDS = (ENABLED,) + PREFERENCES
# where a preference may be set: admin (server-wide only) or mailbox (mailboxes only); else both
SCOPES = {"personal": "admin", "max_children": "admin", "action": "mailbox"}
# option, Plesk list name, scope
LISTS = (
    PatternList("black_list", "black", "both"),
    PatternList("white_list", "white", "both"),
    PatternList("unblack_list", "unblack", "mailbox"),
    PatternList("unwhite_list", "unwhite", "mailbox"),
)
SETTING_OPTIONS = tuple(f.option for f in FIELDS) + tuple(lst.option for lst in LISTS)
MAX_CHILDREN = (1, 5)
MAX_SCORE = 1000
_PATTERN = re.compile(r"^[^\s@<>\"]+@[^\s@<>\"]+$")


def filter_options():
    """The per-filter options (shared by the top level and the entries of ``mailboxes``)."""
    return dict(
        enabled=dict(type="bool"),
        required_score=dict(type="float"),
        rewrite_header=dict(type="str", aliases=["rewrite_subject"]),
        action=dict(type="str", choices=list(ACTIONS)),
        personal=dict(type="bool"),
        max_children=dict(type="int"),
        use_server_wide_settings=dict(type="bool"),
        black_list=dict(type="list", elements="str"),
        white_list=dict(type="list", elements="str"),
        unblack_list=dict(type="list", elements="str"),
        unwhite_list=dict(type="list", elements="str"),
    )


def argument_spec():
    entry = dict(name=dict(type="str", required=True, aliases=["mailbox"]), purge=dict(type="bool"))
    entry.update(filter_options())
    spec = dict(
        name=dict(type="str", aliases=["mailbox"]),
        mailboxes=dict(type="list", elements="dict", options=entry),
        purge=dict(type="bool", default=False),
    )
    spec.update(filter_options())
    return ArgumentSpec(
        spec,
        mutually_exclusive=[("name", "mailboxes")] + [("mailboxes", option) for option in SETTING_OPTIONS],
        required_one_of=[("name", "mailboxes")],
    )


def filter_name(value):
    """The one normalization of a filter name: ``admin``, or an address with its domain as A-labels."""
    return address_key(value)


def format_score(value):
    value = float(value)
    return "%d" % value if value.is_integer() else repr(value)


def score_value(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return text


# ---------------------------------------------------------------------------------- input
def pattern_error(pattern, where):
    if not isinstance(pattern, str) or not _PATTERN.match(pattern.strip()):
        return ("pattern %r of %s must look like user@example.com, *@example.com or *@*.example.com"
                % (pattern, where))
    return None


def name_error(name):
    """Why ``name`` (normalized) names no filter, or None."""
    if name == ADMIN:
        return None
    error = email_error(name, "mailbox")
    return error + " (or admin for the server-wide settings)" if error else None


def validate_entry(entry):
    """Errors of one filter entry (a dict of option values, None = not managed)."""
    name = entry["key"]
    error = name_error(name)
    if error:
        return [error]
    errors = []
    if name == ADMIN:
        wrong = [f.option for f in PREFERENCES if SCOPES.get(f.option) == "mailbox" and entry.get(f.option) is not None]
        wrong += [lst.option for lst in LISTS if lst.scope == "mailbox" and entry.get(lst.option) is not None]
        if wrong:
            errors.append("%s can only be set for a mailbox, not server-wide (admin): Plesk has no server-wide "
                          "action and no server-wide unblack/unwhite lists" % ", ".join(wrong))
    else:
        wrong = [f.option for f in PREFERENCES if SCOPES.get(f.option) == "admin" and entry.get(f.option) is not None]
        if wrong:
            errors.append("%s can only be set server-wide (name: admin), not for mailbox %s"
                          % (", ".join(wrong), name))
    children = entry.get("max_children")
    if children is not None and not MAX_CHILDREN[0] <= children <= MAX_CHILDREN[1]:
        errors.append("max_children of %s must be from %d to %d, got %r" % (name, MAX_CHILDREN[0], MAX_CHILDREN[1],
                                                                            children))
    score = entry.get("required_score")
    number = isinstance(score, (int, float)) and not isinstance(score, bool)
    if score is not None and (not number or math.isnan(score) or math.isinf(score) or not 0 < score <= MAX_SCORE):
        errors.append("required_score of %s must be a number greater than 0 and at most %d, got %r"
                      % (name, MAX_SCORE, score))
    header = entry.get("rewrite_header")
    if header is not None and ("\n" in header or "\r" in header):
        errors.append("rewrite_header of %s must be one line" % name)
    elif header is not None:
        # Plesk trims the text it stores: compare (and write) it trimmed
        entry["rewrite_header"] = header.strip()
    for lst in LISTS:
        for pattern in entry.get(lst.option) or []:
            error = pattern_error(pattern, "%s of %s" % (lst.option, name))
            if error:
                errors.append(error)
    return errors


# ---------------------------------------------------------------------------------- reading
def read(client, names, lists_for):
    """Read the filters ``names``: one ``get``, plus one ``get-patterns`` per list in ``lists_for``.

    ``lists_for`` maps a Plesk list name to the filter names that need it.  Returns
    {name: object}: an object holds ``name``, the status and preferences the server reported, and
    each list read as the server wrote its patterns (``shape`` sorts and lowers them).
    """
    state = client.get(names)
    current = {}
    for name in names:
        if name not in state:
            raise PleskError("Plesk %s spamfilter.get for %s failed: the server's answer has no result for this "
                             "filter" % (getattr(client, "host", "server"), name),
                             host=getattr(client, "host", None), operation="get", target=name)
        current[name] = from_wire(name, state[name])
    for lst in LISTS:
        wanted = lists_for.get(lst.name) or []
        if not wanted:
            continue
        patterns = client.get_patterns(wanted, lst.name)
        for name in wanted:
            current[name][lst.option] = list(patterns.get(name, []))
    return current


def from_wire(name, state):
    """One filter as ``client.get`` returns it -> an object with option names (only what was read)."""
    obj = {"name": name}
    if state.get("enabled") is not None:
        obj["enabled"] = state["enabled"]
    prefs = state.get("preferences") or {}
    for field in PREFERENCES:
        if field.wire in prefs:
            value = prefs[field.wire]
            obj[field.option] = score_value(value) if field.option == "required_score" else value
    return obj


def shape(name, obj):
    """The object of one filter, shaped like the module's options (fit to feed back)."""
    out = dict(obj, name=name)
    for lst in LISTS:
        if lst.option in out:
            out[lst.option] = sorted(as_set(out[lst.option]))
    return out


# ---------------------------------------------------------------------------------- comparing
def set_changes(entry, current):
    """What the ``set`` of one filter writes: ({wire name: value}, enabled or None)."""
    changes, enabled = {}, None
    for field in FIELDS:
        desired = entry.get(field.option)
        have = current.get(field.option)
        if desired is None or (have is not None and same(field.rule, have, desired)):
            continue
        if field is ENABLED:
            enabled = bool(desired)
        else:
            changes[field.wire] = format_score(desired) if field.option == "required_score" else desired
    return changes, enabled


def list_changes(entry, current):
    """{list: (patterns to add, patterns to remove)} of one filter; removals only with its purge."""
    lists = {}
    for lst in LISTS:
        desired = entry.get(lst.option)
        if desired is None:
            continue
        have_patterns = current.get(lst.option) or []
        have = as_set(have_patterns)
        add, added = [], set()
        for pattern in desired:
            key = pattern.strip().lower()
            if key not in have and key not in added:
                add.append(pattern.strip())
                added.add(key)
        want = as_set(desired)
        remove = [p for p in have_patterns if p.strip().lower() not in want] if entry["purge"] else []
        if add or remove:
            lists[lst] = (add, remove)
    return lists


def describe_set(names, changes, enabled):
    parts = []
    if enabled is not None:
        parts.append("enable" if enabled else "disable")
    parts.extend("%s=%s" % (wire, changes[wire]) for wire in sorted(changes))
    return "set spam filter of %s: %s" % (", ".join(names), ", ".join(parts))


# ---------------------------------------------------------------------------------- resources
class SpamFilterResource(Resource):
    """The spam filter of mailboxes and of the server: one per name, never created or removed."""

    backend = "plesk"
    item = "spamfilter"
    items = "spamfilters"
    list_option = "mailboxes"
    fields = FIELDS
    # the sets first (shared by the filters that need the same one), then the pattern lists
    phases = ("set", "pattern")
    outcomes = (("updated", "updated"),)
    execute = staticmethod(method_execute)
    argument_spec = argument_spec()

    def purging(self):
        # ``purge`` removes patterns of the lists given, never a filter.
        return False

    def validate(self):
        params = self.params
        if self.collection:
            raw = params["mailboxes"]
        else:
            raw = [dict((key, params.get(key)) for key in ("name",) + SETTING_OPTIONS)]
        entries, errors, seen = [], [], set()
        for item in raw:
            entry = dict((key, item.get(key)) for key in SETTING_OPTIONS)
            entry["key"] = filter_name(item.get("name"))
            entry["state"] = "present"
            purge = item.get("purge")
            entry["purge"] = bool(params.get("purge") if purge is None else purge)
            if not entry["key"]:
                errors.append("every filter needs a name: a mailbox address, or admin")
                continue
            if entry["key"] in seen:
                errors.append("%s is listed more than once" % entry["key"])
            seen.add(entry["key"])
            errors.extend(validate_entry(entry))
            entries.append(entry)
        return entries, errors

    # -- reading ----------------------------------------------------------------------------
    def read_all(self, client, entries):
        lists_for = {}
        for entry in entries:
            for lst in LISTS:
                if entry.get(lst.option) is not None:
                    lists_for.setdefault(lst.name, []).append(entry["key"])
        return read(client, [e["key"] for e in entries], lists_for)

    # -- planning ---------------------------------------------------------------------------
    def create_errors(self, entry, desired):
        return ["there is no spam filter %s" % entry["key"]]

    def desired(self, entry, current):
        values = dict((f.option, entry.get(f.option)) for f in FIELDS)
        obj = merge(current or {}, values)
        for lst, (add, remove) in list_changes(entry, current or {}).items():
            gone = as_set(remove)
            obj[lst.option] = [p for p in obj.get(lst.option, []) if p.strip().lower() not in gone] + add
        obj["name"] = entry["key"]
        return obj

    def changes(self, entry, current, desired):
        prefs, enabled = set_changes(entry, current)
        changed = ([ENABLED.option] if enabled is not None else [])
        changed += [f.option for f in PREFERENCES if f.wire in prefs]
        return changed + [lst.option for lst in list_changes(entry, current)]

    def plan_update(self, plan, entry, current, desired, changed):
        """The pattern writes of one filter; its ``set`` is shared with others (``plan_links``)."""
        name = entry["key"]
        for lst, (add, remove) in list_changes(entry, current).items():
            if add:
                plan.add("pattern", "add_patterns", "add to the %s list of %s: %s" % (lst.name, name, ", ".join(add)),
                         dict(username=name, list_name=lst.name, patterns=add), key=name)
            if remove:
                plan.add("pattern", "del_patterns",
                         "remove from the %s list of %s: %s" % (lst.name, name, ", ".join(remove)),
                         dict(username=name, list_name=lst.name, patterns=remove), key=name)

    def plan_links(self, plan, entries, before, after, context):
        """One ``set`` per distinct change, for every filter that needs it, in the order of the entries."""
        groups, order = {}, []
        for entry in entries:
            if entry["key"] not in before:
                continue
            prefs, enabled = set_changes(entry, before[entry["key"]])
            if not prefs and enabled is None:
                continue
            group = (tuple(sorted(prefs.items())), enabled)
            if group not in groups:
                groups[group] = []
                order.append(group)
            groups[group].append(entry["key"])
        for group in order:
            prefs, enabled = dict(group[0]), group[1]
            names = groups[group]
            plan.add("set", "set", describe_set(names, prefs, enabled),
                     dict(usernames=list(names), preferences=prefs, enabled=enabled), key=", ".join(names))

    # -- output -----------------------------------------------------------------------------
    def shape(self, key, obj, context):
        return shape(key, obj)

    def result(self, outcome):
        if not self.collection:
            return super(SpamFilterResource, self).result(outcome)
        keys = [e["key"] for e in outcome.entries]
        before = dict((k, shape(k, outcome.before[k])) for k in keys)
        after = dict((k, shape(k, outcome.after[k])) for k in keys)
        return {
            "spamfilters": [after[k] for k in keys],
            "updated": list(outcome.summary.get("updated", [])),
            "diff": diff({"spamfilters": before}, {"spamfilters": after}),
        }


class SpamFilterInfoResource(InfoResource):
    """The spam filters of mailboxes and of the server, shaped like the entries of ``mailboxes``."""

    backend = "plesk"
    item = "spamfilter"
    argument_spec = ArgumentSpec(dict(
        names=dict(type="list", elements="str", default=[ADMIN]),
        lists=dict(type="list", elements="str", choices=[lst.name for lst in LISTS],
                   default=[lst.name for lst in LISTS]),
    ))

    def validate(self):
        names, errors = [], []
        for raw in self.params["names"]:
            name = filter_name(raw)
            error = name_error(name)
            if error:
                errors.append(error)
                continue
            if name not in names:
                names.append(name)
        return [{"key": name} for name in names], errors

    def report(self, client, entries):
        names = [e["key"] for e in entries]
        if not names:
            return {"spamfilters": []}
        wanted = set(self.params["lists"])
        lists_for = {}
        for name in names:
            for lst in LISTS:
                if lst.name in wanted and (lst.scope == "both" or name != ADMIN):
                    lists_for.setdefault(lst.name, []).append(name)
        current = read(client, names, lists_for)
        return {"spamfilters": [shape(name, current[name]) for name in names]}

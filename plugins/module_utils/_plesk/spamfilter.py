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
    Adapter,
    InfoResource,
    Resource,
    as_set,
    diff,
    merge,
    method_execute,
    same,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import PleskError
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import address_key, email_error

ADMIN = "admin"
ACTIONS = ("mark", "delete", "move")
# The ``plesk`` column is the element of the packet: a child of <preferences> (the rows in the
# schema's order), the <list> a pattern list is named by, or (``enabled``) the <enabled/> /
# <disabled/> switch of ``set``.
TABLE = Table([
    Option("name", [
        "The mailbox (C(user@example.com)), or V(admin) for the server-wide settings.",
        "Mailbox names compare without case; they are shown in lower case.",
        u"An internationalized domain part (C(user@bücher.test)) is converted to A-labels (C(xn--bcher-kva.test)).",
        "Mutually exclusive with O(mailboxes).",
    ], required=True, aliases=["mailbox"], entry_doc="The mailbox, or V(admin) for the server-wide settings."),
    Option("purge", "Remove the patterns of each managed list that are not given. Lists that are not given are "
           "never touched.", type="bool", default=False, inherit=True, entry_doc="Overrides O(purge) for this entry."),
    Option("enabled", "Whether the spam filter is switched on.", type="bool", rule="bool",
           columns={"plesk": "<enabled/> or <disabled/>"}),
    Option("personal", "Server-wide only. Whether mailbox owners may use their own spam filter settings.",
           entry_doc="Server-wide only. Whether mailbox owners may use their own settings.",
           type="bool", rule="bool", columns={"plesk": "personal"}),
    Option("max_children", ["Server-wide only. How many SpamAssassin processes may run at once, from 1 to 5.",
                            "Plesk calls it C(max-children-process)."],
           entry_doc="Server-wide only. SpamAssassin processes at once, from 1 to 5.",
           type="int", rule="number", columns={"plesk": "max-children-process"}),
    Option("use_server_wide_settings", "Whether the server-wide settings and lists apply to the mailbox's mail as well.",
           entry_doc="Whether the server-wide settings and lists apply too.",
           type="bool", rule="bool", columns={"plesk": "use-server-wide-settings"}),
    Option("required_score", [
        "The score a message needs to be classified as spam (Plesk's default is 7). A lower value filters more.",
        "A number greater than 0.",
    ], entry_doc="The score a message needs to be classified as spam.",
        type="float", rule="number", columns={"plesk": "required-score"}),
    Option("rewrite_header", [
        "Text put at the beginning of the subject of a message classified as spam, for example C(*****SPAM*****).",
        "Plesk stores it without surrounding blanks, so it is compared and written trimmed.",
    ], entry_doc="Text put at the beginning of the subject of a spam message.",
        aliases=["rewrite_subject"], rule="exact", columns={"plesk": "rewrite-header"}),
    Option("action", [
        "What happens to a message classified as spam. Mailboxes only.",
        "V(mark) keeps it with the marks, V(delete) deletes it, V(move) moves it to the Spam folder.",
    ], entry_doc="What happens to a spam message. Mailboxes only.", choices=ACTIONS, rule="exact",
        columns={"plesk": "action"}),
] + [
    # the pattern lists: the plesk column is the <list> a list is named by
    Option("%s_list" % name, doc, entry_doc=entry_doc, type="list", elements="str", columns={"plesk": name})
    for name, doc, entry_doc in (
        ("black", ["Patterns of senders whose mail is always spam, like C(user@example.com), C(*@example.com) or "
                   "C(*@*.example.net).",
                   "Set semantics, case does not matter. Patterns not listed are removed only with O(purge)."],
         "Patterns of senders whose mail is always spam."),
        ("white", "Patterns of senders whose mail is never spam. Same rules as O(black_list).",
         "Patterns of senders whose mail is never spam."),
        ("unblack", "Mailboxes only. Patterns exempted from the server-wide black list. Same rules as O(black_list).",
         "Mailboxes only. Patterns exempted from the server-wide black list."),
        ("unwhite", "Mailboxes only. Patterns exempted from the server-wide white list. Same rules as O(black_list).",
         "Mailboxes only. Patterns exempted from the server-wide white list."),
    )
], list_option="mailboxes", list_doc=[
    "Many filters in one task. Each entry takes the same options as the top level, plus its own "
    "O(mailboxes[].purge).",
    "Mutually exclusive with O(name) and the per-filter options of the top level.",
    "An empty list (an empty inventory variable) manages nothing (no call, no change).",
])
FIELDS = TABLE.fields(backend="plesk")
# the preferences (children of <preferences>): the compared options but the on/off switch
PREFERENCES = tuple(f for f in FIELDS if f.option != "enabled")
# where a preference or list may be set: admin (server-wide only) or mailbox (mailboxes only); else both
SCOPES = {"personal": "admin", "max_children": "admin", "action": "mailbox", "unblack_list": "mailbox",
          "unwhite_list": "mailbox"}
PatternList = namedtuple("PatternList", "option name scope")
# option, Plesk list name, scope
LISTS = tuple(PatternList(o.name, o.column("plesk"), SCOPES.get(o.name, "both")) for o in TABLE.options
              if o.type == "list")
SETTING_OPTIONS = tuple(f.option for f in FIELDS) + tuple(lst.option for lst in LISTS)
# the options of plesk_spamfilter_info
INFO_TABLE = Table([
    Option("names", [
        "Mailboxes (C(user@example.com)) to read, and/or V(admin) for the server-wide settings.",
        "An empty list reads nothing and returns no filter.",
    ], type="list", elements="str", default=[ADMIN]),
    Option("lists", [
        "The pattern lists to read. The server-wide filter (V(admin)) has only the black and white lists.",
        "An empty list reads no pattern list at all.",
    ], type="list", elements="str", choices=[lst.name for lst in LISTS], default=[lst.name for lst in LISTS]),
])
MAX_CHILDREN = (1, 5)
MAX_SCORE = 1000
_PATTERN = re.compile(r"^[^\s@<>\"]+@[^\s@<>\"]+$")


def argument_spec():
    """The module's options from the table: one filter at the top level, or ``mailboxes``.

    Not ``Table.argument_spec()``: no filter is ever removed, so there is no ``keep``, and an
    entry's ``purge`` (unset) takes the task's.
    """
    entry = dict((o.name, o.spec(entry=True)) for o in TABLE.options if o.entry)
    spec = dict((o.name, o.spec(required=False)) for o in TABLE.options if o.top)
    spec["mailboxes"] = dict(type="list", elements="dict", options=entry)
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
        if field.option == "enabled":
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
class PleskSpamFilters(Adapter):
    """Plesk's XML API (``<spamfilter>``): one ``get`` and one ``get-patterns`` per list managed;
    one ``set`` per distinct change, shared by the filters that need it; ``add-pattern`` and
    ``del-pattern`` per filter and list."""

    api = "plesk"
    execute = staticmethod(method_execute)

    def read_all(self, client, entries):
        lists_for = {}
        for entry in entries:
            for lst in LISTS:
                if entry.get(lst.option) is not None:
                    lists_for.setdefault(lst.name, []).append(entry["key"])
        return read(client, [e["key"] for e in entries], lists_for)

    def plan_update(self, plan, entry, current, desired, changed):
        """The pattern writes of one filter; its ``set`` is shared with others (``plan_sets``)."""
        name = entry["key"]
        for lst, (add, remove) in list_changes(entry, current).items():
            if add:
                plan.add("pattern", "add_patterns", "add to the %s list of %s: %s" % (lst.name, name, ", ".join(add)),
                         dict(username=name, list_name=lst.name, patterns=add), key=name)
            if remove:
                plan.add("pattern", "del_patterns",
                         "remove from the %s list of %s: %s" % (lst.name, name, ", ".join(remove)),
                         dict(username=name, list_name=lst.name, patterns=remove), key=name)

    def plan_sets(self, plan, entries, before):
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


class SpamFilterResource(Resource):
    """The spam filter of mailboxes and of the server: one per name, never created or removed."""

    backend = "plesk"
    api = "plesk"
    item = "spamfilter"
    items = "spamfilters"
    list_option = "mailboxes"
    table = TABLE
    fields = FIELDS
    # the sets first (shared by the filters that need the same one), then the pattern lists
    phases = ("set", "pattern")
    outcomes = (("updated", "updated"),)
    argument_spec = argument_spec()
    adapters = {"plesk": PleskSpamFilters}

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

    # -- planning ---------------------------------------------------------------------------
    def create_errors(self, entry, desired):
        return ["there is no spam filter %s" % entry["key"]]

    def desired(self, entry, current):
        # every value given that the ``set`` writes, also one the server did not report
        values = dict((f.option, entry.get(f.option)) for f in FIELDS)
        obj = merge(current or {}, values)
        for lst, (add, remove) in list_changes(entry, current or {}).items():
            gone = as_set(remove)
            obj[lst.option] = [p for p in obj.get(lst.option, []) if p.strip().lower() not in gone] + add
        obj["name"] = entry["key"]
        return obj

    def changes(self, entry, current, desired):
        prefs, enabled = set_changes(entry, current)
        changed = (["enabled"] if enabled is not None else [])
        changed += [f.option for f in PREFERENCES if f.wire in prefs]
        return changed + [lst.option for lst in list_changes(entry, current)]

    def plan_links(self, plan, entries, before, after, context):
        self.adapter.plan_sets(plan, entries, before)

    # -- output -----------------------------------------------------------------------------
    def shape(self, key, obj, context):
        return shape(key, obj)

    def result(self, outcome):
        if not self.collection:
            return super(SpamFilterResource, self).result(outcome)
        # the filters in the order given (the default sorts them)
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
    api = "plesk"
    item = "spamfilter"
    table = INFO_TABLE
    argument_spec = INFO_TABLE.argument_spec()

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

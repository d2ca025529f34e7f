# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plesk SpamAssassin settings (``<spamfilter>``) of mailboxes and of the server (``admin``).

One ``get`` packet reads the status and preferences of every filter of a task; one
``get-patterns`` packet per list the task manages reads that list for all of them.  The writes
are the fewest the differences need: one ``set`` per distinct change (shared by the mailboxes
that need the same one), one ``add-pattern`` and one ``del-pattern`` per filter and list.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import re
from collections import namedtuple

from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import (
    as_set,
    diff,
    to_bool,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import email_error

ADMIN = "admin"
Preference = namedtuple("Preference", "option wire kind scope")
PatternList = namedtuple("PatternList", "option name scope")
ACTIONS = ("mark", "delete", "move")
# option, wire name, kind, scope (admin: server-wide only; mailbox: mailboxes only; both)
PREFERENCES = (
    Preference("personal", "personal", "bool", "admin"),
    Preference("max_children", "max-children-process", "int", "admin"),
    Preference("use_server_wide_settings", "use-server-wide-settings", "bool", "both"),
    Preference("required_score", "required-score", "score", "both"),
    Preference("rewrite_header", "rewrite-header", "str", "both"),
    Preference("action", "action", "str", "mailbox"),
)
# option, Plesk list name, scope
LISTS = (
    PatternList("black_list", "black", "both"),
    PatternList("white_list", "white", "both"),
    PatternList("unblack_list", "unblack", "mailbox"),
    PatternList("unwhite_list", "unwhite", "mailbox"),
)
SETTING_OPTIONS = ("enabled",) + tuple(p.option for p in PREFERENCES) + tuple(lst.option for lst in LISTS)
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
    return spec


def filter_name(value):
    value = (value or "").strip()
    return ADMIN if value.lower() == ADMIN else value.lower()


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


def validate_entry(entry):
    """Errors of one filter entry (a dict of option values, None = not managed)."""
    errors = []
    name = entry["name"]
    if name != ADMIN:
        error = email_error(name, "mailbox")
        if error:
            errors.append(error + " (or admin for the server-wide settings)")
            return errors
    if name == ADMIN:
        wrong = [p.option for p in PREFERENCES if p.scope == "mailbox" and entry.get(p.option) is not None]
        wrong += [lst.option for lst in LISTS if lst.scope == "mailbox" and entry.get(lst.option) is not None]
        if wrong:
            errors.append("%s can only be set for a mailbox, not server-wide (admin): Plesk has no server-wide "
                          "action and no server-wide unblack/unwhite lists" % ", ".join(wrong))
    else:
        wrong = [p.option for p in PREFERENCES if p.scope == "admin" and entry.get(p.option) is not None]
        if wrong:
            errors.append("%s can only be set server-wide (name: admin), not for mailbox %s"
                          % (", ".join(wrong), name))
    children = entry.get("max_children")
    if children is not None and not MAX_CHILDREN[0] <= children <= MAX_CHILDREN[1]:
        errors.append("max_children of %s must be from %d to %d, got %r" % (name, MAX_CHILDREN[0], MAX_CHILDREN[1],
                                                                            children))
    score = entry.get("required_score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))
                              or math.isnan(score) or math.isinf(score) or not 0 < score <= MAX_SCORE):
        errors.append("required_score of %s must be a number greater than 0 and at most %d, got %r"
                      % (name, MAX_SCORE, score))
    header = entry.get("rewrite_header")
    if header is not None and ("\n" in header or "\r" in header):
        errors.append("rewrite_header of %s must be one line" % name)
    for lst in LISTS:
        for pattern in entry.get(lst.option) or []:
            error = pattern_error(pattern, "%s of %s" % (lst.option, name))
            if error:
                errors.append(error)
    return errors


def entries_from(params):
    """The filter entries of a task and the input errors, before any call."""
    if params.get("mailboxes") is not None:
        raw = params["mailboxes"]
        if not raw:
            return [], ["mailboxes must list at least one mailbox (or admin)"]
    else:
        raw = [dict((key, params.get(key)) for key in ("name",) + SETTING_OPTIONS)]
    entries, errors, seen = [], [], set()
    for item in raw:
        entry = dict((key, item.get(key)) for key in SETTING_OPTIONS)
        entry["name"] = filter_name(item.get("name"))
        purge = item.get("purge")
        entry["purge"] = params.get("purge") if purge is None else purge
        if not entry["name"]:
            errors.append("every filter needs a name: a mailbox address, or admin")
            continue
        if entry["name"] in seen:
            errors.append("%s is listed more than once" % entry["name"])
        seen.add(entry["name"])
        errors.extend(validate_entry(entry))
        entries.append(entry)
    return entries, errors


# ---------------------------------------------------------------------------------- reading
def read(client, names, lists_for):
    """Read the filters ``names``: one ``get``, plus one ``get-patterns`` per list in ``lists_for``.

    ``lists_for`` maps a Plesk list name to the filter names that need it.  Returns
    {name: {"enabled", "preferences", "lists": {list: [patterns]}}}.
    """
    current = client.get(names)
    for name in names:
        if name not in current:
            raise client._error("get", "the server's answer has no result for this filter", target=name)
        current[name]["lists"] = {}
    for lst in LISTS:
        wanted = lists_for.get(lst.name) or []
        if not wanted:
            continue
        patterns = client.get_patterns(wanted, lst.name)
        for name in wanted:
            current[name]["lists"][lst.name] = patterns.get(name, [])
    return current


def shape(name, state):
    """The object of one filter, shaped like the module's options (fit to feed back)."""
    obj = {"name": name, "enabled": state.get("enabled")}
    prefs = state.get("preferences") or {}
    for pref in PREFERENCES:
        if pref.wire not in prefs:
            continue
        value = prefs[pref.wire]
        if pref.kind == "score":
            value = score_value(value)
        obj[pref.option] = value
    lists = state.get("lists") or {}
    for lst in LISTS:
        if lst.name in lists:
            obj[lst.option] = sorted(as_set(lists[lst.name]))
    return obj


# ---------------------------------------------------------------------------------- comparing
def preference_differs(kind, current, desired):
    if current is None:
        return True
    if kind == "bool":
        return to_bool(current) != bool(desired)
    if kind == "int":
        try:
            return int(current) != int(desired)
        except (TypeError, ValueError):
            return True
    if kind == "score":
        try:
            return float(current) != float(desired)
        except (TypeError, ValueError):
            return True
    return "%s" % current != "%s" % desired


def wire_value(kind, value):
    return format_score(value) if kind == "score" else value


def plan_filter(entry, state):
    """What one filter needs: (preference changes by wire name, enabled change, {list: (add, remove)})."""
    prefs = state.get("preferences") or {}
    changes = {}
    for pref in PREFERENCES:
        desired = entry.get(pref.option)
        if desired is not None and preference_differs(pref.kind, prefs.get(pref.wire), desired):
            changes[pref.wire] = wire_value(pref.kind, desired)
    enabled = entry.get("enabled")
    if enabled is not None and state.get("enabled") is bool(enabled):
        enabled = None
    lists = {}
    for lst in LISTS:
        desired = entry.get(lst.option)
        if desired is None:
            continue
        current = (state.get("lists") or {}).get(lst.name) or []
        have = as_set(current)
        add, added = [], set()
        for pattern in desired:
            key = pattern.strip().lower()
            if key not in have and key not in added:
                add.append(pattern.strip())
                added.add(key)
        want = as_set(desired)
        remove = [p for p in current if p.strip().lower() not in want] if entry["purge"] else []
        if add or remove:
            lists[lst.name] = (add, remove)
    return changes, enabled, lists


def after_state(state, changes, enabled, lists):
    after = {"enabled": state.get("enabled") if enabled is None else bool(enabled),
             "preferences": dict(state.get("preferences") or {}),
             "lists": dict((k, list(v)) for k, v in (state.get("lists") or {}).items())}
    after["preferences"].update(changes)
    for list_name, (add, remove) in lists.items():
        gone = as_set(remove)
        after["lists"][list_name] = [p for p in after["lists"].get(list_name, []) if p.strip().lower() not in gone] + add
    return after


def _describe_set(names, changes, enabled):
    parts = []
    if enabled is not None:
        parts.append("enable" if enabled else "disable")
    parts.extend("%s=%s" % (wire, changes[wire]) for wire in sorted(changes))
    return "set spam filter of %s: %s" % (", ".join(names), ", ".join(parts))


# ---------------------------------------------------------------------------------- modules
def run(m):
    entries, errors = entries_from(m.params)
    m.check_input(errors)
    names = [e["name"] for e in entries]
    lists_for = {}
    for entry in entries:
        for lst in LISTS:
            if entry.get(lst.option) is not None:
                lists_for.setdefault(lst.name, []).append(entry["name"])
    client = m.client
    current = read(client, names, lists_for)

    groups = {}
    pattern_writes = []
    before_objs, after_objs, updated = {}, {}, []
    for entry in entries:
        name = entry["name"]
        state = current[name]
        changes, enabled, lists = plan_filter(entry, state)
        if changes or enabled is not None:
            key = (tuple(sorted(changes.items())), enabled)
            groups.setdefault(key, []).append(name)
        for lst in LISTS:
            if lst.name in lists:
                pattern_writes.append((name, lst.name) + lists[lst.name])
        before_objs[name] = shape(name, state)
        after_objs[name] = shape(name, after_state(state, changes, enabled, lists))
        if changes or enabled is not None or lists:
            updated.append(name)

    for (changes, enabled), group in groups.items():
        changes = dict(changes)
        m.plan.add(_describe_set(group, changes, enabled),
                   lambda g=group, c=changes, e=enabled: client.set(g, preferences=c, enabled=e))
    for name, list_name, add, remove in pattern_writes:
        if add:
            m.plan.add("add to the %s list of %s: %s" % (list_name, name, ", ".join(add)),
                       lambda n=name, ln=list_name, a=add: client.add_patterns(n, ln, a))
        if remove:
            m.plan.add("remove from the %s list of %s: %s" % (list_name, name, ", ".join(remove)),
                       lambda n=name, ln=list_name, r=remove: client.del_patterns(n, ln, r))
    m.apply()

    if m.params.get("mailboxes") is not None:
        return {
            "spamfilters": [after_objs[n] for n in names],
            "updated": updated,
            "diff": diff({"spamfilters": before_objs}, {"spamfilters": after_objs}),
        }
    name = names[0]
    return {"spamfilter": after_objs[name], "diff": diff(before_objs[name], after_objs[name])}


def run_info(m):
    names, errors = [], []
    for raw in m.params["names"]:
        name = filter_name(raw)
        if name != ADMIN:
            error = email_error(name, "mailbox")
            if error:
                errors.append(error + " (or admin for the server-wide settings)")
                continue
        if name not in names:
            names.append(name)
    if not names:
        errors.append("names must list at least one mailbox (or admin)")
    m.check_input(errors)
    wanted = set(m.params["lists"])
    lists_for = {}
    for name in names:
        for lst in LISTS:
            if lst.name in wanted and (lst.scope == "both" or name != ADMIN):
                lists_for.setdefault(lst.name, []).append(name)
    current = read(m.client, names, lists_for)
    return {"spamfilters": [shape(name, current[name]) for name in names]}

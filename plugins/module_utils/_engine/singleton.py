# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Singletons: settings groups and other server objects that always exist under one fixed key
(the server's antispam settings, its licence, a domain's defaults). They are read and updated,
never created or removed.

A singleton made of settings groups is declared as a table (``_engine.table``): each group is a
``dict`` option whose rows (``options=[Option ...]``) are its keys, each with its comparison rule,
its check (``check=``, run on the values given before any call), ``secret``, and its SOAP column
(the key in the group's struct: a name, or a ``Wire`` with converters); the group's own SOAP
column is a ``SettingsGroup`` (its Get and Set operations and the Set's parameter). From that the
engine does the rest: the groups given (only the keys set are managed), one Get per group read,
the comparison, one whole-group Set per group that differs (its other keys read again right before
it, see ``Refresh``), and the result (the groups as they are after the task, secrets masked).
A resource overrides only what truly differs: ``settings_errors`` (rules over the values given),
``desired_errors`` (rules over a whole group once merged), ``extra_groups`` (groups read only for
those rules) and ``order_groups`` (the order of the writes).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    CHANGED_SECRET,
    HIDDEN,
    Adapter,
    InputError,
    PlanError,
    Refresh,
    Resource,
    changed_fields,
    diff,
    merge,
    to_bool,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Table, Wire
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import collect


class SettingsGroup(namedtuple("SettingsGroup", "label get set param service answer")):
    """The SOAP column of a settings group (a ``dict`` option of a singleton's table).

    ``get`` reads the group (its struct under ``answer`` in the reply), ``set`` writes it whole
    under the parameter ``param`` of ``service``; ``label`` names the group in the plan
    (``set <label> settings``).
    """

    def __new__(cls, label, get, set, param, service, answer="settings"):
        return super(SettingsGroup, cls).__new__(cls, label, get, set, param, service, answer)


def settings_groups(table):
    """{group option name: its table row} of the rows of ``table`` whose SOAP column is a ``SettingsGroup``,
    in table order (an empty dict for a table, or a missing one, without settings groups)."""
    if table is None:
        return {}
    return dict((o.name, o) for o in table.options if isinstance(o.column("soap"), SettingsGroup))


def wire_key(row):
    """The key a row is sent and read under (its SOAP column)."""
    cell = row.column("soap")
    return cell.field if isinstance(cell, Wire) else cell


def group_from_soap(rows, struct):
    """A group's struct as the server sends it -> {option: value} of its ``rows`` (table rows).

    Text rows read None as ""; boolean rows read the server's booleans as bool; a ``Wire`` column's
    ``from_wire`` converts a value read (not None)."""
    struct = struct or {}
    out = {}
    for row in rows:
        value = struct.get(wire_key(row))
        if row.type == "str":
            value = value if value is not None else ""
        elif row.type == "bool":
            value = to_bool(value)
        cell = row.column("soap")
        if isinstance(cell, Wire) and value is not None:
            value = cell.from_wire(value)
        out[row.name] = value
    return out


def group_to_soap(rows, values):
    """{option: value} of a group's ``rows`` -> the whole struct its Set takes (every key; None text as "")."""
    out = {}
    for row in rows:
        value = values.get(row.name)
        cell = row.column("soap")
        if value is not None and isinstance(cell, Wire):
            value = cell.to_wire(value)
        elif value is None and row.type == "str":
            value = ""
        out[wire_key(row)] = value
    return out


def group_fields(rows):
    """The comparison fields of a group's rows."""
    return Table(rows).fields()


def group_errors(name, rows, values):
    """The checks of a group's rows over the values set, each named ``<name>.<option>``."""
    return collect([(row.check, values.get(row.name), "%s.%s" % (name, row.name))
                    for row in rows if row.check is not None])


def read_group(client, group):
    """One settings group over SOAP: its Get, shaped like the group's option."""
    cell = group.column("soap")
    return group_from_soap(group.options, client.call(cell.service, cell.get).get(cell.answer))


def read_groups(client, table, names=None):
    """{group: values} of the settings groups ``names`` of ``table`` (default: all), one Get each."""
    groups = settings_groups(table)
    return dict((name, read_group(client, groups[name])) for name in (groups if names is None else names))


class SoapSettings(Adapter):
    """The SOAP side of a settings-group singleton: the groups' Get and Set operations (see
    ``SettingsGroup``), all from the resource's table."""

    api = "soap"

    def read_groups(self, client, names):
        return read_groups(client, self.resource.table, names)

    def plan_group(self, plan, name, keys, values):
        """The whole-group Set of ``name`` with ``values``, only ``keys`` changed by this task: the
        other keys are read again right before it is sent."""
        group = settings_groups(self.resource.table)[name]
        cell = group.column("soap")
        wires = dict((row.name, wire_key(row)) for row in group.options)

        def fresh(client):
            return {cell.param: group_to_soap(group.options, read_group(client, group))}

        plan.add("update", cell.set, "set %s settings (%s)" % (cell.label, ", ".join(sorted(keys))),
                 {cell.param: group_to_soap(group.options, values)}, key=self.resource.KEY, service=cell.service,
                 refresh=Refresh(fresh, [(cell.param, wires[k]) for k in keys]))


def mask_secrets(groups, table, before=None):
    """``groups`` ({group: values}) with the values of secret rows hidden: ``********`` where a value
    is set, ``******** (changed)`` where it differs from ``before`` (the groups before the task)."""
    rows = settings_groups(table)
    out = {}
    for name, values in groups.items():
        values = dict(values)
        for row in rows[name].options if name in rows else ():
            if row.secret and values.get(row.name) not in (None, ""):
                old = (before or {}).get(name, {}).get(row.name) if before is not None else values[row.name]
                values[row.name] = HIDDEN if old == values[row.name] else CHANGED_SECRET
        out[name] = values
    return out


class Singleton(Resource):
    """One server object under a fixed key: it always exists, so it is only ever updated.

    With a table of settings groups (see ``SettingsGroup``), the object is those groups and the
    engine's hooks below validate, read, compare, plan and report them; without, a subclass gives
    its own (as any resource does).
    """

    backend = "smartermail"
    key_option = None
    KEY = None

    def __init__(self, params, api=None):
        super(Singleton, self).__init__(params, api)
        # groups read only for the rules between groups (see ``extra_groups``): {group: values}
        self.extra = {}

    def entry(self, **values):
        return dict(values, key=self.KEY, state="present")

    def plan_create(self, plan, entry, desired):
        raise PlanError("the server's %s cannot be created" % self.item)

    def plan_remove(self, plan, key, current):
        raise PlanError("the server's %s cannot be removed" % self.item)

    # -- settings groups ------------------------------------------------------------------------
    @property
    def groups(self):
        """{group option: row} of the table's settings groups (empty: not a settings-group singleton)."""
        return settings_groups(self.table)

    def given_groups(self):
        """{group: {option: value}} of the groups given with at least one value set."""
        out = {}
        for name in self.groups:
            given = dict((k, v) for k, v in (self.params.get(name) or {}).items() if v is not None)
            if given:
                out[name] = given
        return out

    def settings_errors(self, given):
        """Rules over the values given (beyond each row's own check), before any call."""
        return []

    def desired_errors(self, after, entry, current):
        """Rules over the groups as the task leaves them (values given merged into those read)."""
        return []

    def extra_groups(self, given):
        """Groups not given that the rules need read (kept in ``self.extra``, never written)."""
        return []

    def order_groups(self, entry, changed):
        """The [(group, keys)] to write, in the order they are written (default: the table's)."""
        return changed

    def validate(self):
        if not self.groups:
            return super(Singleton, self).validate()
        given = self.given_groups()
        errors = []
        for name, values in given.items():
            errors.extend(group_errors(name, self.groups[name].options, values))
        return [self.entry(groups=given)], errors + list(self.settings_errors(given))

    def read_all(self, client, entries):
        if not self.groups:
            return super(Singleton, self).read_all(client, entries)
        given = entries[0]["groups"]
        names = [name for name in self.groups if name in given]
        extra = [name for name in self.extra_groups(given) if name not in names]
        current = self.adapter.read_groups(client, names + extra)
        self.extra = dict((name, current.pop(name)) for name in extra)
        return {self.KEY: current}

    def desired(self, entry, current):
        if not self.groups:
            return super(Singleton, self).desired(entry, current)
        after = dict((name, merge(current[name], values)) for name, values in entry["groups"].items())
        errors = self.desired_errors(after, entry, current)
        if errors:
            raise InputError(errors)
        return after

    def group_changes(self, entry, current):
        """[(group, [keys that differ])] of the groups given, in table order."""
        return [(name, changed_fields(group_fields(row.options), current[name], entry["groups"][name]))
                for name, row in self.groups.items() if name in entry["groups"]]

    def changes(self, entry, current, desired):
        if not self.groups:
            return super(Singleton, self).changes(entry, current, desired)
        return [name for name, keys in self.group_changes(entry, current) if keys]

    def plan_update(self, plan, entry, current, desired, changed):
        if not self.groups:
            return super(Singleton, self).plan_update(plan, entry, current, desired, changed)
        for name, keys in self.order_groups(entry, [(n, k) for n, k in self.group_changes(entry, current) if k]):
            self.adapter.plan_group(plan, name, keys, desired[name])

    def result(self, outcome):
        if not self.groups:
            return super(Singleton, self).result(outcome)
        before, after = outcome.before[self.KEY], outcome.after[self.KEY]
        shown_before = mask_secrets(before, self.table)
        shown_after = mask_secrets(after, self.table, before)
        return {self.item: mask_secrets(after, self.table), "diff": diff(shown_before, shown_after)}


class SettingsGroups(Singleton):
    """A singleton that is its settings groups, read and written by their SOAP operations: a resource
    sets ``table`` (and ``argument_spec = table.argument_spec()``) and overrides only the hooks above."""

    item = "settings"
    KEY = "settings"
    adapters = {"soap": SoapSettings}

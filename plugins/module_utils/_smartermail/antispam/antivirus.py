# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide anti-virus settings (svcVirusAdmin): one table per Get/Set group.

Like the anti-spam settings, the settings are one server object: only the groups and keys given
are read and managed, a group is written whole (its other keys read again right before the write)
only when one of its keys differs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    InfoResource,
    InputError,
    Refresh,
    changed_fields,
    diff,
    merge,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import (
    desired_groups,
    field_errors,
    fields_of,
    from_soap,
    suboptions,
    to_soap,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import int_range, ip_error

SERVICE = "svcVirusAdmin"

ACTIONS = ["NoAction", "Delete", "Quarantine"]
QUARANTINE_DAYS = (0, 15, 30)


def _quarantine_days(value, what="value"):
    if isinstance(value, bool) or value not in QUARANTINE_DAYS:
        return "%s must be 0, 15 or 30 (days), got %r" % (what, value)
    return None


def _address(value, what="value"):
    if value in (None, ""):
        return None
    return ip_error(value, what)


def _not_blank(value, what="value"):
    if not ("%s" % value).strip():
        return "%s must not be blank" % what
    return None


# group option -> (label, Get operation, Get result key, Set operation, Set parameter, fields)
# field: (option, SOAP name, kind, check); kind: bool, int, str, or a list of choices
GROUPS = (
    ("clamav", ("ClamAV", "GetClamAvSettings", "settings", "SetClamAvSettings", "clamSettings", (
        ("address", "ClamIpAddress", "str", _address),
        ("port", "ClamPort", "int", int_range(1, 65535)),
        ("remote", "IsRemoteServer", "bool", None),
        ("failures_before_disable", "NumOfFailures", "int", int_range(0)),
        ("timeout_seconds", "Timeout", "int", int_range(1)),
    ))),
    ("command_line", ("command-line AV", "GetCommandLineAvSettings", "settings", "SetCommandLineAvSettings",
                      "commandLineSettings", (
                          ("command", "CommandLine", "str", None),
                      ))),
    ("realtime", ("real-time AV", "GetRealtimeAvSettings", "settings", "SetRealtimeAvSettings",
                  "realtimeSettings", (
                      ("quarantine_directory", "QuarnentineDirectory", "str", _not_blank),
                  ))),
    ("commtouch_zero_hour", ("Commtouch Zero-Hour", "GetCommtouchZeroHourSettings", "Settings",
                             "SetCommtouchZeroHourSettings", "CommtouchSettings", (
                                 ("virus_action", "VirusResultAction", ACTIONS, None),
                                 ("high_action", "HighResultAction", ACTIONS, None),
                                 ("medium_action", "MediumResultAction", ACTIONS, None),
                             ))),
    ("options", ("anti-virus options", "GetAntivirusOptions", "settings", "SetAntivirusOptions", "avSettings", (
        ("clamav", "EnableClamAv", "bool", None),
        ("command_line", "EnableCommandLineAv", "bool", None),
        ("commtouch_zero_hour", "EnableCommTouchAv", "bool", None),
        ("quarantine_days", "QuarantineLength", "int", _quarantine_days),
    ))),
)
GROUP_NAMES = tuple(g[0] for g in GROUPS)
GROUP = dict(GROUPS)
GROUP_FIELDS = dict((name, fields_of(GROUP[name][5])) for name in GROUP_NAMES)


def settings_argument_spec():
    spec = {}
    for name, (dummy, dummy2, dummy3, dummy4, dummy5, fields) in GROUPS:
        options = suboptions(fields)
        if name == "options":
            options["quarantine_days"]["choices"] = list(QUARANTINE_DAYS)
        spec[name] = dict(type="dict", options=options)
    return spec


def read_group(client, name):
    label, get_op, key, dummy, dummy2, fields = GROUP[name]
    return from_soap(fields, client.call(SERVICE, get_op).get(key))


def read_all(client, groups=GROUP_NAMES):
    return dict((name, read_group(client, name)) for name in groups)


def fresh_group(name):
    """The ``Refresh`` read of a group's Set call: the group as its Set takes it, read now."""
    param, fields = GROUP[name][4], GROUP[name][5]
    return lambda client: {param: to_soap(fields, read_group(client, name))}


def validate(desired):
    errors = []
    for name, values in desired.items():
        errors.extend(field_errors(name, GROUP[name][5], values))
    clam = desired.get("clamav") or {}
    if clam.get("remote") and "address" in clam and not ("%s" % clam["address"]).strip():
        errors.append("clamav.remote needs clamav.address (the remote ClamAV server's IP address)")
    return errors


class AntivirusResource(Singleton):
    """The anti-virus groups given, each read with its Get and written whole with its Set when it differs."""

    item = "settings"
    KEY = "settings"
    argument_spec = ArgumentSpec(settings_argument_spec(), required_one_of=[GROUP_NAMES])

    def validate(self):
        desired = desired_groups(self.params, GROUP_NAMES)
        return [self.entry(groups=desired)], validate(desired)

    def read_all(self, client, entries):
        groups = entries[0]["groups"]
        names = [g for g in GROUP_NAMES if g in groups]
        extra = []
        if (groups.get("options") or {}).get("command_line") and "command_line" not in groups:
            extra.append("command_line")  # enabling command-line AV needs a command line: read it
        if "command" in (groups.get("command_line") or {}) and "options" not in groups:
            extra.append("options")  # the command line cannot be cleared while command-line AV is enabled
        current = read_all(client, names + extra)
        self._extra = dict((name, current.pop(name)) for name in extra)
        return {self.KEY: current}

    def desired(self, entry, current):
        after = dict((name, merge(current[name], values)) for name, values in entry["groups"].items())
        errors = []
        clam = after.get("clamav")
        if clam and clam.get("remote") and not ("%s" % (clam.get("address") or "")).strip():
            errors.append("clamav.remote needs clamav.address (the remote ClamAV server's IP address)")
        options = entry["groups"].get("options") or {}
        command = (after.get("command_line") or self._extra.get("command_line") or {}).get("command")
        if options.get("command_line") and not ("%s" % (command or "")).strip():
            errors.append("options.command_line cannot be enabled while no command line is set (command_line.command)")
        if "command_line" in after and not ("%s" % (after["command_line"].get("command") or "")).strip():
            enabled = options.get("command_line")
            if enabled is None:
                enabled = (current.get("options") or self._extra.get("options") or {}).get("command_line")
            if enabled:
                errors.append("command_line.command cannot be cleared while command-line AV is enabled")
        if errors:
            raise InputError(errors)
        return after

    def group_changes(self, entry, current):
        return [(name, changed_fields(GROUP_FIELDS[name], current[name], entry["groups"][name]))
                for name in GROUP_NAMES if name in entry["groups"]]

    def changes(self, entry, current, desired):
        return [name for name, keys in self.group_changes(entry, current) if keys]

    def plan_update(self, plan, entry, current, desired, changed):
        groups = [(name, keys) for name, keys in self.group_changes(entry, current) if keys]
        if not (entry["groups"].get("options") or {}).get("command_line", True):
            # command-line AV is disabled before its command line may be cleared
            groups.sort(key=lambda item: item[0] != "options")
        for name, keys in groups:
            label, dummy, dummy2, set_op, param, fields = GROUP[name]
            soap = dict((f.option, f.wire) for f in GROUP_FIELDS[name])
            plan.add("update", set_op, "set %s settings (%s)" % (label, ", ".join(sorted(keys))),
                     {param: to_soap(fields, desired[name])}, key=self.KEY, service=SERVICE,
                     refresh=Refresh(fresh_group(name), [(param, soap[k]) for k in keys]))

    def result(self, outcome):
        before, after = outcome.before[self.KEY], outcome.after[self.KEY]
        return {"settings": after, "diff": diff(before, after)}


class AntivirusInfoResource(InfoResource):
    """Every anti-virus group (or the ones asked for), shaped like smartermail_antivirus's options."""

    backend = "smartermail"
    item = "anti-virus configuration"
    argument_spec = ArgumentSpec(dict(
        groups=dict(type="list", elements="str", choices=list(GROUP_NAMES)),
    ))

    def validate(self):
        groups = self.params.get("groups") or list(GROUP_NAMES)
        return [{"key": "info", "state": "present", "groups": [g for g in GROUP_NAMES if g in groups]}], []

    def report(self, client, entries):
        return {"settings": read_all(client, entries[0]["groups"])}

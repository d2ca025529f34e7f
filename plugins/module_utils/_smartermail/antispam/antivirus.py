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

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, InfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import SettingsGroups, read_groups
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import int_range, ip_error
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam import antispam_settings as spam
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import JsonAdapter
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_info import soap_under_auto, unavailable

SERVICE = "svcVirusAdmin"

ACTIONS = ["NoAction", "Delete", "Quarantine"]
QUARANTINE_DAYS = (0, 15, 30)


def quarantine_days_check(value, what="value"):
    if isinstance(value, bool) or value not in QUARANTINE_DAYS:
        return "%s must be 0, 15 or 30 (days), got %r" % (what, value)
    return None


def address_check(value, what="value"):
    if value in (None, ""):
        return None
    return ip_error(value, what)


def not_blank(value, what="value"):
    if not ("%s" % value).strip():
        return "%s must not be blank" % what
    return None


def group(name, doc, label, get, set_, param, rows, answer="settings"):
    return spam.group(name, doc, label, get, set_, param, rows, service=SERVICE, answer=answer)


def action(name, soap, doc):
    return spam.choice(name, soap, doc, ACTIONS)


flag = spam.flag


# Every anti-virus group: a dict option, its Get/Set (``SettingsGroup``), its keys as rows.
TABLE = Table([
    group("clamav", "ClamAV settings (GetClamAvSettings / SetClamAvSettings). Only the keys given are managed.",
          "ClamAV", "GetClamAvSettings", "SetClamAvSettings", "clamSettings", [
              Option("address", "IP address of the ClamAV daemon. Required (not blank) when O(clamav.remote=true); "
                     "blank means V(127.0.0.1) otherwise.", rule="exact", check=address_check, soap="ClamIpAddress"),
              Option("port", "TCP port of the ClamAV daemon, from 1 to 65535.", type="int", rule="number",
                     check=int_range(1, 65535), soap="ClamPort"),
              flag("remote", "IsRemoteServer", "Whether the ClamAV daemon runs on another server."),
              Option("failures_before_disable", "Consecutive failures before ClamAV scanning is disabled; 0 or more.",
                     type="int", rule="number", check=int_range(0), soap="NumOfFailures"),
              Option("timeout_seconds", "Timeout of one scan, in seconds; at least 1.", type="int", rule="number",
                     check=int_range(1), soap="Timeout"),
          ]),
    group("command_line", "Command-line AV settings (GetCommandLineAvSettings / SetCommandLineAvSettings).",
          "command-line AV", "GetCommandLineAvSettings", "SetCommandLineAvSettings", "commandLineSettings", [
              Option("command", "The command line that scans a message.", rule="exact", soap="CommandLine"),
          ]),
    group("realtime", "Real-time AV settings (GetRealtimeAvSettings / SetRealtimeAvSettings).",
          "real-time AV", "GetRealtimeAvSettings", "SetRealtimeAvSettings", "realtimeSettings", [
              Option("quarantine_directory", "Directory where infected messages are quarantined; not blank.",
                     rule="exact", check=not_blank, soap="QuarnentineDirectory"),
          ]),
    group("commtouch_zero_hour", "Commtouch Zero-Hour anti-virus actions "
          "(GetCommtouchZeroHourSettings / SetCommtouchZeroHourSettings).",
          "Commtouch Zero-Hour", "GetCommtouchZeroHourSettings", "SetCommtouchZeroHourSettings", "CommtouchSettings", [
              action("virus_action", "VirusResultAction", "Action on a message found infected."),
              action("high_action", "HighResultAction", "Action on a message with a high virus-outbreak result."),
              action("medium_action", "MediumResultAction", "Action on a message with a medium virus-outbreak result."),
          ], answer="Settings"),
    group("options", "The anti-virus options (GetAntivirusOptions / SetAntivirusOptions). "
          "Only the keys given are managed.",
          "anti-virus options", "GetAntivirusOptions", "SetAntivirusOptions", "avSettings", [
              flag("clamav", "EnableClamAv", "Scan with ClamAV."),
              flag("command_line", "EnableCommandLineAv",
                   "Scan with the command line of O(command_line.command) (which must be set)."),
              flag("commtouch_zero_hour", "EnableCommTouchAv", "Scan with Commtouch Zero-Hour anti-virus."),
              Option("quarantine_days", "Days quarantined items are kept.", type="int", rule="number",
                     choices=QUARANTINE_DAYS, check=quarantine_days_check, soap="QuarantineLength"),
          ]),
], required_one_of=[("clamav", "command_line", "realtime", "commtouch_zero_hour", "options")])
GROUP_NAMES = tuple(o.name for o in TABLE.options)
GROUP = spam.group_shapes(TABLE, answer=True)

# The groups the JSON API does not serve, and why (returned under ``unavailable``).
JSON_UNAVAILABLE = {
    "clamav": "the ClamAV settings appear only in the anti-spam export file, not in a known endpoint",
    "realtime": "settings/sysadmin/antivirus/settings takes quarantineDirectory in writes, but no source shows "
                "it in the answer of a read",
    "commtouch_zero_hour": "no known endpoint reads the Commtouch (Cyren) actions",
    "options": "no known endpoint reads which engines are enabled or the quarantine length",
}


INFO_TABLE = Table([
    Option("groups", "The settings groups to read. When omitted, all of them.", type="list", elements="str",
           choices=GROUP_NAMES, json=soap_under_auto("groups", JSON_UNAVAILABLE, lambda resource, entries: (
               entries[0]["groups"] if entries else []))),
])


def read_all(client, groups=GROUP_NAMES):
    """{group: values} of the anti-virus groups ``groups``: one Get each."""
    return read_groups(client, TABLE, groups)


def blank(value):
    return not ("%s" % (value or "")).strip()


class AntivirusResource(SettingsGroups):
    """The anti-virus groups given, each read with its Get and written whole with its Set when it differs.

    What differs from the engine's settings groups: the rules between ClamAV's address and remote
    flag and between command-line AV and its command line, which may need a group not given read.
    """

    module = "smartermail_antivirus"
    table = TABLE
    argument_spec = TABLE.argument_spec()

    def settings_errors(self, given):
        clam = given.get("clamav") or {}
        if clam.get("remote") and "address" in clam and blank(clam["address"]):
            return ["clamav.remote needs clamav.address (the remote ClamAV server's IP address)"]
        return []

    def extra_groups(self, given):
        extra = []
        if (given.get("options") or {}).get("command_line") and "command_line" not in given:
            extra.append("command_line")  # enabling command-line AV needs a command line: read it
        if "command" in (given.get("command_line") or {}) and "options" not in given:
            extra.append("options")  # the command line cannot be cleared while command-line AV is enabled
        return extra

    def desired_errors(self, after, entry, current):
        errors = []
        clam = after.get("clamav")
        if clam and clam.get("remote") and blank(clam.get("address")):
            errors.append("clamav.remote needs clamav.address (the remote ClamAV server's IP address)")
        options = entry["groups"].get("options") or {}
        command = (after.get("command_line") or self.extra.get("command_line") or {}).get("command")
        if options.get("command_line") and blank(command):
            errors.append("options.command_line cannot be enabled while no command line is set (command_line.command)")
        if "command_line" in after and blank(after["command_line"].get("command")):
            enabled = options.get("command_line")
            if enabled is None:
                enabled = (current.get("options") or self.extra.get("options") or {}).get("command_line")
            if enabled:
                errors.append("command_line.command cannot be cleared while command-line AV is enabled")
        return errors

    def order_groups(self, entry, changed):
        if not (entry["groups"].get("options") or {}).get("command_line", True):
            # command-line AV is disabled before its command line may be cleared
            return sorted(changed, key=lambda item: item[0] != "options")
        return changed


class SoapAntivirusInfo(Adapter):
    """svcVirusAdmin: one Get per group."""

    api = "soap"

    def report(self, client, entries):
        return {"settings": read_all(client, entries[0]["groups"])}


class JsonAntivirusInfo(JsonAdapter):
    """The JSON API, with a system administrator's token: ``GET settings/sysadmin/antivirus/settings``
    -> ``settings.commandLine`` for the V(command_line) group [AVRCE §4-§7, build 9693: single source].
    The other groups are returned under ``unavailable`` with why, and a warning."""

    def report(self, client, entries):
        groups = entries[0]["groups"]
        result = {"settings": {}}
        if "command_line" in groups:
            answer = client.get("settings/sysadmin/antivirus/settings").get("settings") or {}
            result["settings"]["command_line"] = {"command": "%s" % (answer.get("commandLine") or "")}
        return unavailable(self.resource, JSON_UNAVAILABLE, groups, result)


class AntivirusInfoResource(InfoResource):
    """Every anti-virus group (or the ones asked for), shaped like smartermail_antivirus's options."""

    backend = "smartermail"
    module = "smartermail_antivirus_info"
    item = "anti-virus configuration"
    table = INFO_TABLE
    argument_spec = INFO_TABLE.argument_spec()
    adapters = {"soap": SoapAntivirusInfo, "json": JsonAntivirusInfo}

    def validate(self):
        groups = self.params.get("groups") or list(GROUP_NAMES)
        return [{"key": "info", "state": "present", "groups": [g for g in GROUP_NAMES if g in groups]}], []

    def report(self, client, entries):
        return self.adapter.report(client, entries)

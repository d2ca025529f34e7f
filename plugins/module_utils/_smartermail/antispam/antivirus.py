# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide anti-virus settings (svcVirusAdmin): one table per Get/Set group.

Like the anti-spam settings, the settings are one server object: only the groups and keys given
are read and managed, a group is written whole (its other keys read again right before the write)
only when one of its keys differs.

Over the JSON API (system administrator) only the command-line group is served:
``GET settings/sysadmin/antivirus/settings`` answers ``settings`` {``commandLine``, ...} and
``POST`` of the same path takes the settings FLAT (AVRCE §4-§7, build 9693: single source). The
other groups are ``NotServed`` cells of the table, refused before any call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, InfoResource, Refresh
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import (
    SettingsGroup,
    SettingsGroups,
    SoapSettings,
    read_groups,
    settings_groups,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed, Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import int_range, ip_error
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam import antispam_settings as spam
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    SYSADMIN,
    JsonAdapter,
    add_write,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_info import soap_under_auto, unavailable

SERVICE = "svcVirusAdmin"
# The JSON API's anti-virus settings: read (answer under ``settings``) and written (a FLAT body: a
# ``{"settings": ...}`` wrapper is answered 200 and dropped, AVRCE §4.3) at one path [AVRCE §4-§7,
# build 9693: single source]. The client reads every write back (json_client FLAT_WRITES).
JSON_PATH = "settings/sysadmin/antivirus/settings"
# The fields of the POST body AVRCE shows. A write sends those of them the read right before it
# holds (the whole object as known, so that a server replacing it whole keeps them: inference), with
# the task's changes; one the read does not hold (``quarantineDirectory``, the spool ones on some
# builds) is not sent, as its value cannot be known.
JSON_POST_FIELDS = ("quarantineDirectory", "enableSpoolCommandLine", "spoolCommandLineFile", "spoolCommandLineArguments",
                    "spoolCommandLineTimeout", "spoolExecutableVisible", "commandLine", "commandLineArguments",
                    "commandLineScanMessages", "commandLineScanMessagesWithoutAttachments", "commandLineScanFiles")

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


def group(name, doc, label, get, set_, param, rows, answer="settings", json=None):
    """A settings group: its SOAP Get/Set, and its JSON column (the JSON path, or ``NotServed``)."""
    return Option(name, doc, type="dict", options=rows, json=json,
                  soap=SettingsGroup(label, get, set_, param, SERVICE, answer))


def not_served(name, why):
    """The JSON cell of a group the JSON API does not serve: refused when the task sets one of its keys."""
    return NotServed(why, when=lambda resource, entries: bool(entries) and name in entries[0]["groups"])


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
          ], json=not_served("clamav", "the ClamAV settings appear only in the anti-spam export file, not in a "
                                       "known endpoint")),
    group("command_line", "Command-line AV settings (GetCommandLineAvSettings / SetCommandLineAvSettings).",
          "command-line AV", "GetCommandLineAvSettings", "SetCommandLineAvSettings", "commandLineSettings", [
              Option("command", "The command line that scans a message.", rule="exact", soap="CommandLine",
                     json="commandLine"),
          ], json=JSON_PATH),
    group("realtime", "Real-time AV settings (GetRealtimeAvSettings / SetRealtimeAvSettings).",
          "real-time AV", "GetRealtimeAvSettings", "SetRealtimeAvSettings", "realtimeSettings", [
              Option("quarantine_directory", "Directory where infected messages are quarantined; not blank.",
                     rule="exact", check=not_blank, soap="QuarnentineDirectory"),
          ], json=not_served("realtime", "settings/sysadmin/antivirus/settings takes quarantineDirectory in writes, "
                                         "but no source shows it in the answer of a read, so it could be neither "
                                         "compared nor verified")),
    group("commtouch_zero_hour", "Commtouch Zero-Hour anti-virus actions "
          "(GetCommtouchZeroHourSettings / SetCommtouchZeroHourSettings).",
          "Commtouch Zero-Hour", "GetCommtouchZeroHourSettings", "SetCommtouchZeroHourSettings", "CommtouchSettings", [
              action("virus_action", "VirusResultAction", "Action on a message found infected."),
              action("high_action", "HighResultAction", "Action on a message with a high virus-outbreak result."),
              action("medium_action", "MediumResultAction", "Action on a message with a medium virus-outbreak result."),
          ], answer="Settings", json=not_served("commtouch_zero_hour", "no known endpoint reads or writes the "
                                                                       "Commtouch (Cyren) actions")),
    group("options", "The anti-virus options (GetAntivirusOptions / SetAntivirusOptions). "
          "Only the keys given are managed.",
          "anti-virus options", "GetAntivirusOptions", "SetAntivirusOptions", "avSettings", [
              flag("clamav", "EnableClamAv", "Scan with ClamAV."),
              flag("command_line", "EnableCommandLineAv",
                   "Scan with the command line of O(command_line.command) (which must be set)."),
              flag("commtouch_zero_hour", "EnableCommTouchAv", "Scan with Commtouch Zero-Hour anti-virus."),
              Option("quarantine_days", "Days quarantined items are kept.", type="int", rule="number",
                     choices=QUARANTINE_DAYS, check=quarantine_days_check, soap="QuarantineLength"),
          ], json=not_served("options", "no known endpoint reads or writes which engines are enabled or the "
                                        "quarantine length")),
], required_one_of=[("clamav", "command_line", "realtime", "commtouch_zero_hour", "options")])
GROUP_NAMES = tuple(o.name for o in TABLE.options)
GROUP = spam.group_shapes(TABLE, answer=True)

# The groups the JSON API does not serve, and why (the table's NotServed cells; returned by the
# info module under ``unavailable``).
JSON_UNAVAILABLE = dict((name, cell.why) for name, cell in TABLE.refusals("json"))
# Clearing the command line needs to know whether command-line AV is enabled (the options group),
# which no known JSON endpoint reads.
JSON_CLEAR_REFUSED = ("command_line.command cannot be cleared over the JSON API by smartermail_antivirus: whether "
                      "command-line AV is enabled (which forbids it) cannot be read over the JSON API; use api: soap")


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


def json_served(table=TABLE):
    """{group: row} of the settings groups the JSON API serves (a JSON path in their column)."""
    return dict((name, row) for name, row in settings_groups(table).items() if isinstance(row.column("json"), str))


def read_json_settings(client):
    """The anti-virus ``settings`` object as the JSON API answers it ({} when the answer holds none)."""
    answer = client.get(JSON_PATH).get("settings")
    return answer if isinstance(answer, dict) else {}


def group_from_json(row, settings):
    """A served group's values ({option: value}) from the ``settings`` read (text None as "")."""
    out = {}
    for key in row.options:
        value = settings.get(key.column("json"))
        out[key.name] = ("%s" % value if value is not None else "") if key.type == "str" else value
    return out


def groups_from_json(settings, names):
    """{group: values} of the served groups among ``names``, from the ``settings`` object read."""
    served = json_served()
    return dict((name, group_from_json(served[name], settings)) for name in names if name in served)


def read_json_groups(client, names):
    """{group: values} of the served groups among ``names``: one GET for them all, none when none is."""
    if not any(name in json_served() for name in names):
        return {}
    return groups_from_json(read_json_settings(client), names)


def json_body(settings, changes=None):
    """The flat POST body: the fields of ``JSON_POST_FIELDS`` that ``settings`` (a read) holds, then ``changes``."""
    body = dict((field, settings[field]) for field in JSON_POST_FIELDS if field in settings)
    body.update(changes or {})
    return body


class JsonAntivirus(JsonAdapter):
    """The command-line group over the JSON API (system administrator): read from ``GET
    settings/sysadmin/antivirus/settings`` (``settings.commandLine``), written by ``POST`` of the
    same path with a flat body, rebuilt from a fresh read right before it, only the task's keys as
    planned [AVRCE §4-§7, build 9693: single source]. The client reads the write back and fails
    when the server dropped or changed a field (it answers 200 for a body it drops, AVRCE §4.3)."""

    def __init__(self, resource):
        super(JsonAntivirus, self).__init__(resource)
        self.settings = {}  # the settings object as read by this task

    def read_groups(self, client, names):
        self.settings = read_json_settings(client)
        return groups_from_json(self.settings, names)

    def plan_group(self, plan, name, keys, values):
        row = json_served()[name]
        fields = dict((key.name, key.column("json")) for key in row.options)
        changes = dict((fields[key], values.get(key)) for key in keys)

        def fresh(client):
            return {"body": json_body(read_json_settings(client))}

        add_write(plan, "update", JSON_PATH, "set %s settings (%s)" % (row.column("soap").label, ", ".join(sorted(keys))),
                  self.resource.KEY, SYSADMIN, body=json_body(self.settings, changes),
                  refresh=Refresh(fresh, [("body", fields[key]) for key in keys]))


class AntivirusResource(SettingsGroups):
    """The anti-virus groups given, each read with its Get and written whole with its Set when it differs.

    What differs from the engine's settings groups: the rules between ClamAV's address and remote
    flag and between command-line AV and its command line, which may need a group not given read.
    """

    module = "smartermail_antivirus"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapSettings, "json": JsonAntivirus}

    def settings_errors(self, given):
        if self.api == "json" and "command" in (given.get("command_line") or {}) and blank(
                given["command_line"]["command"]):
            return [JSON_CLEAR_REFUSED]
        clam = given.get("clamav") or {}
        if clam.get("remote") and "address" in clam and blank(clam["address"]):
            return ["clamav.remote needs clamav.address (the remote ClamAV server's IP address)"]
        return []

    def extra_groups(self, given):
        if self.api == "json":
            return []  # the groups the rules read are not served over JSON (and refused when given)
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
    """The JSON API, with a system administrator's token: the groups smartermail_antivirus serves over
    JSON, read as it reads them (``read_json_groups``: ``settings.commandLine`` for V(command_line)).
    The other groups are returned under ``unavailable`` with why (the table's NotServed cells), and a warning."""

    def report(self, client, entries):
        groups = entries[0]["groups"]
        return unavailable(self.resource, JSON_UNAVAILABLE, groups, {"settings": read_json_groups(client, groups)})


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

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide anti-spam settings (svcSpamAdmin): one table per Get/Set group.

The settings are one server object (a singleton with a fixed key): only the groups and keys
given are managed, and it is updated, never created or removed. The tables and the singleton
base serve the options and wizard modules too (``_smartermail_antispam_options``,
``_smartermail_antispam_wizard``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Field,
    InputError,
    Refresh,
    changed_fields,
    diff,
    from_wire,
    merge,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import WEIGHT, collect, int_range

SERVICE = "svcSpamAdmin"

# Bounds the server enforces (the emulator documents them; the modules check them before any call).
THRESHOLD = int_range(1, 1000)
SIZE = int_range(0)
PREFIX_MAX = 50

SPAM_ACTIONS = ["NoAction", "DeleteMessage", "MoveToJunkFolder", "AddTextToSubject"]
LOG_LEVELS = ["None", "Normal", "Detailed"]
KEY_SIZES = [512, 768, 1024, 1536, 2048]
RESTRICTION_LEVELS = ["None", "Low", "Medium", "High"]
WIZARD_LEVELS = ["Low", "Medium", "High"]

_COMMON = (
    ("filtering", "EnabledFiltering", "bool", None),
    ("incoming_blocking", "EnabledIncomingBlocking", "bool", None),
    ("outgoing_blocking", "EnabledOutgoingBlocking", "bool", None),
)
_DK = _COMMON + (
    ("pass_weight", "PassWeight", "int", WEIGHT),
    ("none_weight", "NoneWeight", "int", WEIGHT),
    ("fail_weight", "FailWeight", "int", WEIGHT),
    ("max_key_size", "MaxKeySize", "keysize", None),
    ("max_message_size_to_sign_mb", "MaxMessageSizeToSignMB", "int", SIZE),
    ("max_message_size_to_verify_mb", "MaxMessageSizeToVerifyMB", "int", SIZE),
)
_LEVELS = (
    ("low_weight", "LowSpamWeight", "int", WEIGHT),
    ("medium_weight", "MedSpamWeight", "int", WEIGHT),
    ("high_weight", "HighSpamWeight", "int", WEIGHT),
)

# group option -> (label, Get operation, Set operation, Set parameter, fields)
# field: (option, SOAP name, kind, check); kind: bool, int, str, keysize, or a list of choices
GROUPS = (
    ("spf", ("SPF", "GetSPFSettings", "SetSPFSettings", "spfSettings", _COMMON + (
        ("pass_weight", "PassWeight", "int", WEIGHT),
        ("neutral_weight", "NeutralWeight", "int", WEIGHT),
        ("none_weight", "NoneWeight", "int", WEIGHT),
        ("soft_fail_weight", "SoftFailWeight", "int", WEIGHT),
        ("fail_weight", "FailWeight", "int", WEIGHT),
        ("perm_error_weight", "PermErrorWeight", "int", WEIGHT),
    ))),
    ("dkim", ("DKIM", "GetDKIMSettings", "SetDKIMSettings", "dkSettings", _DK)),
    ("domainkeys", ("DomainKeys", "GetDomainKeysSettings", "SetDomainKeysSettings", "dkSettings", _DK)),
    ("reverse_dns", ("reverse DNS", "GetReverseDNSSettings", "SetReverseDNSSettings", "rdnsSettings",
                     _COMMON + (("weight", "Weight", "int", WEIGHT),))),
    ("sa_pattern_matching", ("SpamAssassin-based pattern matching", "GetSABPMSettings", "SetSABPMSettings",
                             "sabpmSettings", _COMMON + _LEVELS + (("log_level", "LogLevel", LOG_LEVELS, None),))),
    ("remote_spamassassin", ("remote SpamAssassin", "GetRemoteSASettings", "SetRemoteSASettings",
                             "remoteSASettings", _COMMON + _LEVELS + (
                                 ("log_level", "LogLevel", LOG_LEVELS, None),
                                 ("client_timeout_seconds", "ClientTimeoutSeconds", "int", int_range(1, 300)),
                                 ("failures_before_disable", "FailuresBeforeDisable", "int", int_range(1)),
                                 ("disable_time_minutes", "DisableTimeMinutes", "int", SIZE),
                                 ("max_attempts_per_message", "MaxAttemptsPerMessage", "int", int_range(1)),
                             ))),
    ("declude", ("Declude", "GetDecludeSettings", "SetDecludeSettings", "decludeSettings", _COMMON + _LEVELS)),
    ("message_sniffer", ("MessageSniffer", "GetMessageSnifferSettings", "SetMessageSnifferSettings",
                         "MessageSnifferSettings", _COMMON + (
                             ("confirmed_weight", "ConfirmedWeight", "int", WEIGHT),
                             ("none_weight", "NoneWeight", "int", WEIGHT),
                         ))),
    ("commtouch", ("Commtouch", "GetCommtouchSettings", "SetCommtouchSettings", "commtouchSettings", _COMMON + (
        ("bulk_weight", "BulkWeight", "int", WEIGHT),
        ("confirmed_weight", "ConfirmedWeight", "int", WEIGHT),
        ("none_weight", "NoneWeight", "int", WEIGHT),
        ("suspect_weight", "SuspectWeight", "int", WEIGHT),
        ("unknown_weight", "UnknownWeight", "int", WEIGHT),
    ))),
    ("filtering", ("spam filtering", "GetSpamFilteringSettings", "SetSpamFilteringSettings", "filterSettings", (
        ("low_threshold", "LowWeightThreshold", "int", THRESHOLD),
        ("medium_threshold", "MediumWeightThreshold", "int", THRESHOLD),
        ("high_threshold", "HighWeightThreshold", "int", THRESHOLD),
        ("low_action", "LowSpamAction", SPAM_ACTIONS, None),
        ("medium_action", "MediumSpamAction", SPAM_ACTIONS, None),
        ("high_action", "HighSpamAction", SPAM_ACTIONS, None),
        ("low_prefix", "LowSpamPrefix", "str", None),
        ("medium_prefix", "MediumSpamPrefix", "str", None),
        ("high_prefix", "HighSpamPrefix", "str", None),
    ))),
)
GROUP_NAMES = tuple(g[0] for g in GROUPS)
GROUP = dict(GROUPS)

# SetAntispamOptions: no Get counterpart exists, the whole set is written every time.
OPTIONS = (
    ("auto_responders_level", "AutoRespondersLevel", RESTRICTION_LEVELS, None),
    ("catchall_to_send_bounces", "CatchallToSendBounces", "bool", None),
    ("content_filter_bounce_level", "ContentFilterBounceLevel", RESTRICTION_LEVELS, None),
    ("disable_filtering_on_whitelisted_ip", "DisableFitleringOnWhitelistedIp", "bool", None),
    ("enable_bounces_for_outgoing_smtp_blocking", "EnableBouncesForOutgoingSmtpBlocking", "bool", None),
    ("enable_dmarc", "EnableDmarc", "bool", None),
    ("enable_spool_proc_folder", "EnableSpoolProcFolder", "bool", None),
    ("enable_srs", "EnableSrs", "bool", None),
    ("max_message_scan_size_kb", "MaxMessageScanSize", "int", SIZE),
    ("override_filter_actions", "OverrideFilterActions", "bool", None),
)


def suboptions(fields, required=False):
    """Argument-spec suboptions for a field table (every option optional unless ``required``)."""
    spec = {}
    for option, dummy, kind, dummy2 in fields:
        if isinstance(kind, list):
            entry = dict(type="str", choices=list(kind))
        elif kind == "keysize":
            entry = dict(type="int", choices=list(KEY_SIZES))
        else:
            entry = dict(type=kind)
        if required:
            entry["required"] = True
        if "pass" in option:
            entry["no_log"] = False  # a weight, not a secret
        spec[option] = entry
    return spec


def settings_argument_spec():
    spec = dict((name, dict(type="dict", options=suboptions(fields)))
                for name, (dummy, dummy2, dummy3, dummy4, fields) in GROUPS)
    spec["domainkeys"]["no_log"] = False  # settings, not keys
    return spec


def from_soap(fields, struct):
    """A SOAP struct -> option names and values (the shape users write and info returns)."""
    out = from_wire(struct, [row[:3] for row in fields])
    for option, dummy, kind, dummy2 in fields:
        if kind == "keysize":
            text = ("%s" % (out[option] or "")).replace("Key", "")
            out[option] = int(text) if text.isdigit() else out[option]
    return out


def to_soap(fields, values):
    out = {}
    for option, soap, kind, dummy in fields:
        value = values.get(option)
        if kind == "keysize" and value is not None:
            value = "Key%d" % value
        elif kind == "str" and value is None:
            value = ""
        out[soap] = value
    return out


def field_errors(group, fields, values):
    """Range checks of the values that are set, named ``group.option``."""
    checks = [(check, values.get(option), "%s.%s" % (group, option))
              for option, dummy, dummy2, check in fields if check is not None]
    errors = collect(checks)
    for option, dummy, kind, dummy2 in fields:
        if kind == "str" and values.get(option) is not None and len(values[option]) > PREFIX_MAX:
            errors.append("%s.%s must be at most %d characters" % (group, option, PREFIX_MAX))
    return errors


def filtering_errors(values, where="filtering"):
    """Rules over a whole filtering group: ascending thresholds, a prefix for AddTextToSubject."""
    errors = []
    low, medium, high = values.get("low_threshold"), values.get("medium_threshold"), values.get("high_threshold")
    if None not in (low, medium, high) and not low < medium < high:
        errors.append("%s thresholds must ascend: low_threshold (%s) < medium_threshold (%s) < high_threshold (%s)"
                      % (where, low, medium, high))
    for level in ("low", "medium", "high"):
        if values.get(level + "_action") == "AddTextToSubject" and not (values.get(level + "_prefix") or "").strip():
            errors.append("%s.%s_action AddTextToSubject needs a non-blank %s_prefix" % (where, level, level))
    return errors


def desired_groups(params, names=GROUP_NAMES):
    """{group: {option: value}} for the groups of ``names`` given with at least one value set."""
    out = {}
    for name in names:
        given = dict((k, v) for k, v in (params.get(name) or {}).items() if v is not None)
        if given:
            out[name] = given
    return out


def validate(desired):
    errors = []
    for name, values in desired.items():
        errors.extend(field_errors(name, GROUP[name][4], values))
    if "filtering" in desired:
        errors.extend(filtering_errors(desired["filtering"]))
    return errors


def fields_of(table):
    """The engine's fields of a field table: how each key compares."""
    out = []
    for option, soap, kind, dummy in table:
        rule = "bool" if kind == "bool" else "number" if kind in ("int", "keysize") else "exact"
        out.append(Field(option, soap, rule=rule))
    return tuple(out)


GROUP_FIELDS = dict((name, fields_of(GROUP[name][4])) for name in GROUP_NAMES)
OPTION_FIELDS = fields_of(OPTIONS)


def read_group(client, name):
    label, get_op, dummy, dummy2, fields = GROUP[name]
    return from_soap(fields, client.call(SERVICE, get_op).get("settings"))


def fresh_group(name):
    """The ``Refresh`` read of a group's Set call: the group as its Set takes it, read now."""
    label, dummy, dummy2, param, fields = GROUP[name]
    return lambda client: {param: to_soap(fields, read_group(client, name))}


def read_all(client, groups=GROUP_NAMES):
    return dict((name, read_group(client, name)) for name in groups)


class AntispamSettingsResource(Singleton):
    """The settings groups given, each read with its Get and written whole with its Set when it differs.

    A Set call has no partial form: right before it, its group is read again and only the keys this
    task changes are applied to that fresh read (``Refresh``); the groups are read back afterwards.
    """

    item = "settings"
    KEY = "settings"
    argument_spec = ArgumentSpec(settings_argument_spec(), required_one_of=[GROUP_NAMES])

    def validate(self):
        desired = desired_groups(self.params)
        return [self.entry(groups=desired)], validate(desired)

    def read_all(self, client, entries):
        return {self.KEY: read_all(client, [g for g in GROUP_NAMES if g in entries[0]["groups"]])}

    def desired(self, entry, current):
        after = dict((name, merge(current[name], values)) for name, values in entry["groups"].items())
        if "filtering" in after:
            # the thresholds and prefixes left as they are must still fit the new ones
            errors = filtering_errors(after["filtering"])
            if errors:
                raise InputError(errors)
        return after

    def group_changes(self, entry, current):
        return [(name, changed_fields(GROUP_FIELDS[name], current[name], entry["groups"][name]))
                for name in GROUP_NAMES if name in entry["groups"]]

    def changes(self, entry, current, desired):
        return [name for name, keys in self.group_changes(entry, current) if keys]

    def plan_update(self, plan, entry, current, desired, changed):
        for name, keys in self.group_changes(entry, current):
            if keys:
                label, dummy, set_op, param, fields = GROUP[name]
                # the Set call resends the whole group: the keys not changed are read again right before it
                soap = dict((f.option, f.wire) for f in GROUP_FIELDS[name])
                plan.add("update", set_op, "set %s settings (%s)" % (label, ", ".join(sorted(keys))),
                         {param: to_soap(fields, desired[name])}, key=self.KEY, service=SERVICE,
                         refresh=Refresh(fresh_group(name), [(param, soap[k]) for k in keys]))

    def result(self, outcome):
        before, after = outcome.before[self.KEY], outcome.after[self.KEY]
        return {"settings": after, "diff": diff(before, after)}

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide anti-spam settings (svcSpamAdmin): the table of its Get/Set groups.

The settings are one server object (a singleton with a fixed key, see ``_engine.singleton``): only
the groups and keys given are managed, and it is updated, never created or removed. The table of
the write-only anti-spam options (``OPTIONS_TABLE``) and the row builders serve the options, wizard
and anti-virus resources too (``antispam_options``, ``antispam_wizard``, ``antivirus``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import (
    SettingsGroup,
    SettingsGroups,
    read_groups,
    settings_groups,
    wire_key,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table, Wire
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import WEIGHT, int_range

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


def prefix_check(value, what):
    if len(value) > PREFIX_MAX:
        return "%s must be at most %d characters" % (what, PREFIX_MAX)
    return None


def key_size(text):
    """``Key1024`` as the server spells a key size -> 1024 (other values as read)."""
    digits = ("%s" % text).replace("Key", "")
    return int(digits) if digits.isdigit() else text


def weight(name, soap, doc, no_log=None):
    return Option(name, doc + " From -100 to 100.", type="int", rule="number", check=WEIGHT, soap=soap, no_log=no_log)


def flag(name, soap, doc, **more):
    return Option(name, doc, type="bool", rule="bool", soap=soap, **more)


def number(name, soap, doc, check=SIZE, **more):
    return Option(name, doc, type="int", rule="number", check=check, soap=soap, **more)


def choice(name, soap, doc, choices, **more):
    return Option(name, doc, rule="exact", choices=choices, soap=soap, **more)


def group(name, doc, label, get, set_, param, rows, no_log=None, service=SERVICE, answer="settings"):
    """A settings group: a dict option whose SOAP column is its Get and Set."""
    return Option(name, doc, type="dict", options=rows, no_log=no_log,
                  soap=SettingsGroup(label, get, set_, param, service, answer))


def common():
    return [flag("filtering", "EnabledFiltering",
                 "Use this check's result in spam filtering (its weights count toward the message's spam weight)."),
            flag("incoming_blocking", "EnabledIncomingBlocking", "Refuse incoming SMTP sessions that fail this check."),
            flag("outgoing_blocking", "EnabledOutgoingBlocking",
                 "Refuse outgoing (authenticated) SMTP sessions that fail this check.")]


PASS = weight("pass_weight", "PassWeight", "Weight added when the check passes.", no_log=False)
NONE = weight("none_weight", "NoneWeight", "Weight when the sender publishes no record (or the check has no verdict).")
FAIL = weight("fail_weight", "FailWeight", "Weight added when the check fails.")
CONFIRMED = weight("confirmed_weight", "ConfirmedWeight", "Weight for confirmed spam.")
LEVELS = [weight("low_weight", "LowSpamWeight", "Weight for a low spam verdict."),
          weight("medium_weight", "MedSpamWeight", "Weight for a medium spam verdict."),
          weight("high_weight", "HighSpamWeight", "Weight for a high spam verdict.")]
LOG_LEVEL = choice("log_level", "LogLevel", "How much of the verdict is logged.", LOG_LEVELS)


def keys_group():
    """The rows of the DKIM and DomainKeys groups (the same struct)."""
    return common() + [PASS, NONE, FAIL, Option(
        "max_key_size", "Largest key size, in bits, that is verified.", type="int", rule="number", choices=KEY_SIZES,
        soap=Wire("MaxKeySize", to_wire=lambda bits: "Key%d" % bits, from_wire=key_size),
    ), number("max_message_size_to_sign_mb", "MaxMessageSizeToSignMB", "Largest message, in MB, that is signed."),
        number("max_message_size_to_verify_mb", "MaxMessageSizeToVerifyMB", "Largest message, in MB, that is verified.")]


def action(level):
    return choice(level + "_action", level.capitalize() + "SpamAction",
                  "What happens to %s-probability spam." % level, SPAM_ACTIONS)


def prefix(level):
    return Option(level + "_prefix", "Text added to the subject by C(AddTextToSubject) for %s-probability spam "
                  "(at most 50 characters)." % level, rule="exact", check=prefix_check,
                  soap=level.capitalize() + "SpamPrefix")


# Every readable settings group: a dict option, its Get/Set (``SettingsGroup``), its keys as rows.
TABLE = Table([
    group("spf", "SPF settings (GetSPFSettings / SetSPFSettings). Only the keys given are managed.",
          "SPF", "GetSPFSettings", "SetSPFSettings", "spfSettings", common() + [
              PASS,
              weight("neutral_weight", "NeutralWeight", "Weight for an SPF C(neutral) result."),
              NONE,
              weight("soft_fail_weight", "SoftFailWeight", "Weight for an SPF C(softfail) result."),
              FAIL,
              weight("perm_error_weight", "PermErrorWeight", "Weight for an SPF C(permerror) result."),
          ]),
    group("dkim", "DKIM settings (GetDKIMSettings / SetDKIMSettings). Only the keys given are managed.",
          "DKIM", "GetDKIMSettings", "SetDKIMSettings", "dkSettings", keys_group()),
    group("domainkeys", "DomainKeys settings (GetDomainKeysSettings / SetDomainKeysSettings). "
          "Only the keys given are managed.",
          "DomainKeys", "GetDomainKeysSettings", "SetDomainKeysSettings", "dkSettings", keys_group(),
          no_log=False),  # settings, not keys
    group("reverse_dns", "Reverse DNS settings (GetReverseDNSSettings / SetReverseDNSSettings). "
          "Only the keys given are managed.",
          "reverse DNS", "GetReverseDNSSettings", "SetReverseDNSSettings", "rdnsSettings", common() + [
              weight("weight", "Weight", "Weight added when the sending IP has no valid reverse DNS (PTR) record."),
          ]),
    group("sa_pattern_matching", ["SpamAssassin-based pattern matching settings (GetSABPMSettings / SetSABPMSettings).",
                                  "Only the keys given are managed."],
          "SpamAssassin-based pattern matching", "GetSABPMSettings", "SetSABPMSettings", "sabpmSettings",
          common() + LEVELS + [LOG_LEVEL]),
    group("remote_spamassassin", "Remote SpamAssassin settings (GetRemoteSASettings / SetRemoteSASettings). "
          "Only the keys given are managed.",
          "remote SpamAssassin", "GetRemoteSASettings", "SetRemoteSASettings", "remoteSASettings",
          common() + LEVELS + [
              LOG_LEVEL,
              number("client_timeout_seconds", "ClientTimeoutSeconds",
                     "Seconds to wait for a remote SpamAssassin server (1 to 300).", check=int_range(1, 300)),
              number("failures_before_disable", "FailuresBeforeDisable",
                     "Failures after which a remote SpamAssassin server is disabled automatically (at least 1).",
                     check=int_range(1)),
              number("disable_time_minutes", "DisableTimeMinutes", "Minutes an automatically disabled server stays disabled."),
              number("max_attempts_per_message", "MaxAttemptsPerMessage",
                     "Checks to try for one message before skipping this check (at least 1).", check=int_range(1)),
          ]),
    group("declude", "Declude settings (GetDecludeSettings / SetDecludeSettings). Only the keys given are managed.",
          "Declude", "GetDecludeSettings", "SetDecludeSettings", "decludeSettings", common() + LEVELS),
    group("message_sniffer", ["MessageSniffer settings (GetMessageSnifferSettings / SetMessageSnifferSettings).",
                              "Only the keys given are managed."],
          "MessageSniffer", "GetMessageSnifferSettings", "SetMessageSnifferSettings", "MessageSnifferSettings",
          common() + [CONFIRMED, NONE]),
    group("commtouch", "Commtouch settings (GetCommtouchSettings / SetCommtouchSettings). Only the keys given are managed.",
          "Commtouch", "GetCommtouchSettings", "SetCommtouchSettings", "commtouchSettings", common() + [
              weight("bulk_weight", "BulkWeight", "Weight for bulk mail."),
              CONFIRMED,
              NONE,
              weight("suspect_weight", "SuspectWeight", "Weight for suspected spam."),
              weight("unknown_weight", "UnknownWeight", "Weight for an unknown verdict."),
          ]),
    group("filtering", "Spam filtering settings (GetSpamFilteringSettings / SetSpamFilteringSettings). "
          "Only the keys given are managed.",
          "spam filtering", "GetSpamFilteringSettings", "SetSpamFilteringSettings", "filterSettings", [
              number("low_threshold", "LowWeightThreshold",
                     "Spam weight from which a message is low-probability spam (1 to 1000).", check=THRESHOLD),
              number("medium_threshold", "MediumWeightThreshold", "Spam weight from which a message is "
                     "medium-probability spam; above O(filtering.low_threshold).", check=THRESHOLD),
              number("high_threshold", "HighWeightThreshold", "Spam weight from which a message is "
                     "high-probability spam; above O(filtering.medium_threshold).", check=THRESHOLD),
              action("low"), action("medium"), action("high"),
              prefix("low"), prefix("medium"), prefix("high"),
          ]),
], required_one_of=[("spf", "dkim", "domainkeys", "reverse_dns", "sa_pattern_matching", "remote_spamassassin",
                     "declude", "message_sniffer", "commtouch", "filtering")])
GROUP_NAMES = tuple(settings_groups(TABLE))


def wire_kind(row):
    """How a row travels: ``keysize`` (``Key1024``), its choices, or its type."""
    if not isinstance(row.column("soap"), str):
        return "keysize"
    return list(row.choices) if row.choices and row.type == "str" else row.type


def group_shapes(table, answer=False):
    """{group: (label, Get, [Get's answer key,] Set, Set parameter, ((option, SOAP key, kind, check), ...))}:
    each group as it travels over SOAP (what a test's stand-in server answers)."""
    out = {}
    for name, row in settings_groups(table).items():
        cell = row.column("soap")
        out[name] = (cell.label, cell.get) + ((cell.answer,) if answer else ()) + (cell.set, cell.param, tuple(
            (r.name, wire_key(r), wire_kind(r), r.check) for r in row.options))
    return out


GROUP = group_shapes(TABLE)

# SetAntispamOptions: no Get counterpart exists, the whole set is written every time.
OPTIONS_TABLE = Table([
    choice("auto_responders_level", "AutoRespondersLevel", "How strictly auto-responders are restricted for spam.",
           RESTRICTION_LEVELS, required=True),
    flag("catchall_to_send_bounces", "CatchallToSendBounces",
         "Let catch-all accounts send auto-responders and bounce messages.", required=True),
    choice("content_filter_bounce_level", "ContentFilterBounceLevel",
           "How strictly content-filter bounces are restricted for spam.", RESTRICTION_LEVELS, required=True),
    flag("disable_filtering_on_whitelisted_ip", "DisableFitleringOnWhitelistedIp",
         "Skip spam filtering for SMTP-whitelisted IP addresses (the server's C(DisableFitleringOnWhitelistedIp)).", required=True),
    flag("enable_bounces_for_outgoing_smtp_blocking", "EnableBouncesForOutgoingSmtpBlocking",
         "Send bounces for messages refused by outgoing SMTP blocking.", required=True),
    flag("enable_dmarc", "EnableDmarc", "Check DMARC policy compliance.", required=True),
    flag("enable_spool_proc_folder", "EnableSpoolProcFolder", "Use the spool proc folder.", required=True),
    flag("enable_srs", "EnableSrs", "Rewrite senders (SRS) when forwarding messages.", required=True),
    number("max_message_scan_size_kb", "MaxMessageScanSize",
           "Largest message, in KB, whose content is scanned (0 or more).", required=True),
    flag("override_filter_actions", "OverrideFilterActions", "Let domains override the filter weights and actions.", required=True),
])
OPTIONS = tuple(OPTIONS_TABLE.by_name)


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


def read_all(client, groups=GROUP_NAMES):
    """{group: values} of the anti-spam settings groups ``groups``: one Get each."""
    return read_groups(client, TABLE, groups)


class AntispamSettingsResource(SettingsGroups):
    """The settings groups given, each read with its Get and written whole with its Set when it differs.

    A Set call has no partial form: right before it, its group is read again and only the keys this
    task changes are applied to that fresh read (``Refresh``); the groups are read back afterwards.
    """
    json_missing = ("no known endpoint of the JSON API writes the server-wide spam checks, weights or actions (the only "
                    "known write is the web interface's import of a whole spamConfig.json)")

    module = "smartermail_antispam_settings"
    table = TABLE
    argument_spec = TABLE.argument_spec()

    def settings_errors(self, given):
        return filtering_errors(given["filtering"]) if "filtering" in given else []

    def desired_errors(self, after, entry, current):
        # the thresholds and prefixes left as they are must still fit the new ones
        return filtering_errors(after["filtering"]) if "filtering" in after else []

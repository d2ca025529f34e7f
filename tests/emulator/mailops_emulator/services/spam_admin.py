# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcSpamAdmin: the server-wide anti-spam configuration (RBLs, spam checks, filtering, wizard).

State: ``server["spam"]`` (created with the defaults below on first use, so a document without
it is a server with factory settings). Each settings group is stored under a snake_case name
with snake_case keys (``EnabledIncomingBlocking`` -> ``enabled_incoming_blocking``):
``spf``, ``dkim``, ``domainkeys``, ``reverse_dns``, ``sabpm``, ``remote_sa``, ``declude``,
``message_sniffer``, ``commtouch``, ``options``, ``filtering``; ``rbls`` is a list in
insertion order (the order ListRBLs answers in); ``wizard_level`` is the last preset applied
(null until SetSpamWizardLevel is called).

Rules emulated:
- Set* operations replace the whole group, like .NET's XmlSerializer: a field left out of the
  request takes its type's default (0, false, "", the enum's first value), not the stored value.
  Clients must read, merge and send every field (that is what the modules do).
- Every field is validated before anything is stored; one bad field fails the call with -2 and
  a message naming the field; nothing is applied.
- Weights (every ``*Weight`` field, RBL ``Weight``): integers from -100 to 100 (WEIGHT_MIN/MAX;
  the seed types them Int32 and documents no bound; ListSpamChecks reports MinWeight/MaxWeight).
- Filtering thresholds: 1..1000 and strictly ascending Low < Medium < High. The action
  ``AddTextToSubject`` needs a non-blank prefix for its level; prefixes are at most 50 characters.
- Sizes (``MaxMessageSizeToSignMB``, ``MaxMessageSizeToVerifyMB``, ``MaxMessageScanSize``) >= 0;
  Remote SpamAssassin: ``ClientTimeoutSeconds`` 1..300, ``FailuresBeforeDisable`` >= 1,
  ``DisableTimeMinutes`` >= 0, ``MaxAttemptsPerMessage`` >= 1.
- Enum fields accept only the catalog's values (the SOAP layer faults on others).
- RBLs: ``Name`` required (at most 100 characters), unique without regard to case (-4);
  ``Hostname`` a valid host name (-2); ``RequiredIP`` an IPv4 address when given, and required
  when ``RequiredIPEnabled``; GetRBL/EditRBL/RemoveRBL on an unknown name: -3. EditRBL renames
  when ``rblSetting.Name`` differs from ``NameOfRblToEdit`` (a blank Name keeps the old one).
- SetAntispamOptions has no Get counterpart in the API: the options are stored (visible in the
  state) but no operation reads them back.
- ListSpamChecks lists the built-in checks in a fixed order (UIDs ``spf``, ``dkim``,
  ``domainkeys``, ``reversedns``, ``sabpm``, ``remotesa``, ``declude``, ``messagesniffer``,
  ``commtouch``), then one entry per RBL (UID ``rbl:<name lower-case>``). MinWeight/MaxWeight
  are the smallest and largest weight the check currently assigns (the admin page's column).
- SetSpamWizardLevel (Low|Medium|High) enables filtering of SPF, DKIM, reverse DNS and
  SpamAssassin-based pattern matching and sets their weights to the preset in WIZARD_PRESETS;
  RBLs, thresholds and actions are left alone. It is a write even when the level is unchanged.
"""

from __future__ import annotations

import copy
import ipaddress
import re

from ..registry import operation
from ..results import ALREADY_EXISTS, INVALID_INPUT, NOT_FOUND, Fail
from ..validate import is_domain

SVC = "svcSpamAdmin"

WEIGHT_MIN, WEIGHT_MAX = -100, 100
THRESHOLD_MIN, THRESHOLD_MAX = 1, 1000
PREFIX_MAX = 50
RBL_NAME_MAX = 100

# group key in the state -> (catalog type, Get operation, Set operation, Set parameter)
GROUPS = {
    "spf": ("SPFSettings", "GetSPFSettings", "SetSPFSettings", "spfSettings"),
    "dkim": ("DomainKeysSettings", "GetDKIMSettings", "SetDKIMSettings", "dkSettings"),
    "domainkeys": ("DomainKeysSettings", "GetDomainKeysSettings", "SetDomainKeysSettings", "dkSettings"),
    "reverse_dns": ("ReverseDNSSettings", "GetReverseDNSSettings", "SetReverseDNSSettings", "rdnsSettings"),
    "sabpm": ("SABPMSettings", "GetSABPMSettings", "SetSABPMSettings", "sabpmSettings"),
    "remote_sa": ("RemoteSASettings", "GetRemoteSASettings", "SetRemoteSASettings", "remoteSASettings"),
    "declude": ("DecludeSettings", "GetDecludeSettings", "SetDecludeSettings", "decludeSettings"),
    "message_sniffer": ("MessageSnifferSettings", "GetMessageSnifferSettings", "SetMessageSnifferSettings",
                        "MessageSnifferSettings"),
    "commtouch": ("CommtouchSettings", "GetCommtouchSettings", "SetCommtouchSettings", "commtouchSettings"),
    "filtering": ("AntispamFilteringSettings", "GetSpamFilteringSettings", "SetSpamFilteringSettings",
                  "filterSettings"),
    "options": ("AntispamOptionsSettings", None, "SetAntispamOptions", "optionsSettings"),
}

_OFF = {"enabled_filtering": False, "enabled_incoming_blocking": False, "enabled_outgoing_blocking": False}
_ON = {"enabled_filtering": True, "enabled_incoming_blocking": False, "enabled_outgoing_blocking": False}

DEFAULTS = {
    "spf": dict(_ON, pass_weight=0, neutral_weight=0, none_weight=0, soft_fail_weight=5, fail_weight=10,
                perm_error_weight=5),
    "dkim": dict(_ON, pass_weight=0, none_weight=0, fail_weight=10, max_key_size="Key2048",
                 max_message_size_to_sign_mb=10, max_message_size_to_verify_mb=10),
    "domainkeys": dict(_OFF, pass_weight=0, none_weight=0, fail_weight=5, max_key_size="Key1024",
                       max_message_size_to_sign_mb=10, max_message_size_to_verify_mb=10),
    "reverse_dns": dict(_ON, weight=10),
    "sabpm": dict(_ON, low_spam_weight=5, med_spam_weight=10, high_spam_weight=15, log_level="Normal"),
    "remote_sa": dict(_OFF, low_spam_weight=5, med_spam_weight=10, high_spam_weight=15, log_level="Normal",
                      client_timeout_seconds=10, disable_time_minutes=10, failures_before_disable=5,
                      max_attempts_per_message=2),
    "declude": dict(_OFF, low_spam_weight=5, med_spam_weight=10, high_spam_weight=15),
    "message_sniffer": dict(_OFF, confirmed_weight=20, none_weight=0),
    "commtouch": dict(_OFF, bulk_weight=10, confirmed_weight=20, none_weight=0, suspect_weight=10,
                      unknown_weight=0),
    "filtering": {"low_weight_threshold": 20, "medium_weight_threshold": 40, "high_weight_threshold": 60,
                  "low_spam_action": "AddTextToSubject", "low_spam_prefix": "SPAM-LOW: ",
                  "medium_spam_action": "MoveToJunkFolder", "medium_spam_prefix": "SPAM-MED: ",
                  "high_spam_action": "MoveToJunkFolder", "high_spam_prefix": "SPAM-HIGH: "},
    "options": {"auto_responders_level": "Medium", "catchall_to_send_bounces": False,
                "content_filter_bounce_level": "Medium", "disable_fitlering_on_whitelisted_ip": True,
                "enable_bounces_for_outgoing_smtp_blocking": False, "enable_dmarc": True,
                "enable_spool_proc_folder": False, "enable_srs": False, "max_message_scan_size": 1024,
                "override_filter_actions": True},
}

# (state group, display name, UID) of the built-in checks, in ListSpamChecks order
BUILTIN_CHECKS = (
    ("spf", "SPF", "spf"),
    ("dkim", "DKIM", "dkim"),
    ("domainkeys", "DomainKeys", "domainkeys"),
    ("reverse_dns", "Reverse DNS", "reversedns"),
    ("sabpm", "SpamAssassin-based Pattern Matching", "sabpm"),
    ("remote_sa", "Remote SpamAssassin", "remotesa"),
    ("declude", "Declude", "declude"),
    ("message_sniffer", "Message Sniffer", "messagesniffer"),
    ("commtouch", "Commtouch", "commtouch"),
)

WIZARD_PRESETS = {
    "Low": {"spf": {"fail_weight": 5, "soft_fail_weight": 2, "perm_error_weight": 2},
            "dkim": {"fail_weight": 5}, "reverse_dns": {"weight": 5},
            "sabpm": {"low_spam_weight": 3, "med_spam_weight": 6, "high_spam_weight": 10}},
    "Medium": {"spf": {"fail_weight": 10, "soft_fail_weight": 5, "perm_error_weight": 5},
               "dkim": {"fail_weight": 10}, "reverse_dns": {"weight": 10},
               "sabpm": {"low_spam_weight": 5, "med_spam_weight": 10, "high_spam_weight": 15}},
    "High": {"spf": {"fail_weight": 20, "soft_fail_weight": 10, "perm_error_weight": 10},
             "dkim": {"fail_weight": 20}, "reverse_dns": {"weight": 20},
             "sabpm": {"low_spam_weight": 10, "med_spam_weight": 20, "high_spam_weight": 30}},
}
WIZARD_CHECKS = ("spf", "dkim", "reverse_dns", "sabpm")

_SNAKE_1 = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SNAKE_2 = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])")


def snake(name: str) -> str:
    """``MaxMessageSizeToSignMB`` -> ``max_message_size_to_sign_mb``, ``IsURIBL`` -> ``is_uribl``."""
    return _SNAKE_2.sub("_", _SNAKE_1.sub("_", name)).lower()


def spam_state(ctx) -> dict:
    """``server["spam"]`` with every group present (missing parts get their defaults)."""
    spam = ctx.server.setdefault("spam", {})
    for group, values in DEFAULTS.items():
        stored = spam.setdefault(group, {})
        for key, value in values.items():
            stored.setdefault(key, value)
    spam.setdefault("rbls", [])
    spam.setdefault("wizard_level", None)
    return spam


def _type_default(ctx, tname: str):
    kind = ctx.catalog.kind(tname)
    if kind == "enum":
        return ctx.catalog.enums[tname][0]
    return {"int": 0, "long": 0, "boolean": False}.get(tname, "")


def from_wire(ctx, tname: str, struct) -> dict:
    """A request struct -> stored values; missing fields take their type's default (.NET)."""
    struct = struct or {}
    out = {}
    for member in ctx.catalog.fields(tname):
        value = struct.get(member.name)
        out[snake(member.name)] = _type_default(ctx, member.type) if value is None else value
    return out


def to_wire(ctx, tname: str, stored: dict) -> dict:
    return {member.name: stored.get(snake(member.name)) for member in ctx.catalog.fields(tname)}


def _bad(message: str):
    raise Fail(INVALID_INPUT, message)


def _check_range(where: str, key: str, value, lo: int, hi: int | None):
    if value is None:
        return
    if value < lo or (hi is not None and value > hi):
        upper = f" to {hi}" if hi is not None else " or more"
        _bad(f"Invalid value for {where}.{key}: {value} (allowed: {lo}{upper}).")


def _check_weights(where: str, values: dict):
    for key, value in values.items():
        if key.endswith("weight"):
            _check_range(where, key, value, WEIGHT_MIN, WEIGHT_MAX)


def validate_group(group: str, values: dict, where: str):
    _check_weights(where, values)
    if group in ("dkim", "domainkeys"):
        for key in ("max_message_size_to_sign_mb", "max_message_size_to_verify_mb"):
            _check_range(where, key, values[key], 0, None)
    elif group == "remote_sa":
        _check_range(where, "client_timeout_seconds", values["client_timeout_seconds"], 1, 300)
        _check_range(where, "failures_before_disable", values["failures_before_disable"], 1, None)
        _check_range(where, "disable_time_minutes", values["disable_time_minutes"], 0, None)
        _check_range(where, "max_attempts_per_message", values["max_attempts_per_message"], 1, None)
    elif group == "options":
        _check_range(where, "max_message_scan_size", values["max_message_scan_size"], 0, None)
    elif group == "filtering":
        levels = ("low", "medium", "high")
        for level in levels:
            _check_range(where, f"{level}_weight_threshold", values[f"{level}_weight_threshold"],
                         THRESHOLD_MIN, THRESHOLD_MAX)
            prefix = values[f"{level}_spam_prefix"] or ""
            if len(prefix) > PREFIX_MAX:
                _bad(f"Invalid value for {where}.{level}_spam_prefix: at most {PREFIX_MAX} characters.")
            if values[f"{level}_spam_action"] == "AddTextToSubject" and not prefix.strip():
                _bad(f"The {level} spam action AddTextToSubject needs a {level} spam prefix.")
        low, med, high = (values[f"{level}_weight_threshold"] for level in levels)
        if not low < med < high:
            _bad(f"Spam weight thresholds must ascend: low ({low}) < medium ({med}) < high ({high}).")


def _make_get(group: str, tname: str):
    def handler(ctx, p):
        return {"settings": to_wire(ctx, tname, spam_state(ctx)[group])}

    return handler


def _make_set(group: str, tname: str, param: str):
    def handler(ctx, p):
        values = from_wire(ctx, tname, p.get(param))
        validate_group(group, values, tname)
        spam = spam_state(ctx)
        spam[group] = values
        return {}

    return handler


for _group, (_tname, _get, _set, _param) in GROUPS.items():
    if _get:
        operation(SVC, _get)(_make_get(_group, _tname))
    operation(SVC, _set)(_make_set(_group, _tname, _param))


# ------------------------------------------------------------------------------------- RBLs
def _find_rbl(spam: dict, name) -> int | None:
    low = (name or "").strip().lower()
    for index, rbl in enumerate(spam["rbls"]):
        if rbl["name"].lower() == low:
            return index
    return None


def _rbl_or_fail(spam: dict, name) -> int:
    index = _find_rbl(spam, name)
    if index is None:
        raise Fail(NOT_FOUND, f"RBL '{(name or '').strip()}' does not exist.")
    return index


def _clean_rbl(ctx, struct) -> dict:
    rbl = from_wire(ctx, "RBLSetting", struct)
    rbl["name"] = (rbl["name"] or "").strip()
    rbl["hostname"] = (rbl["hostname"] or "").strip().lower().rstrip(".")
    rbl["required_ip"] = (rbl["required_ip"] or "").strip()
    rbl["description"] = rbl["description"] or ""
    return rbl


def _validate_rbl(rbl: dict):
    if not rbl["name"]:
        _bad("An RBL name is required.")
    if len(rbl["name"]) > RBL_NAME_MAX:
        _bad(f"Invalid RBL name: at most {RBL_NAME_MAX} characters.")
    if not is_domain(rbl["hostname"]):
        _bad(f"Invalid RBL hostname: '{rbl['hostname']}'.")
    _check_range("RBLSetting", "weight", rbl["weight"], WEIGHT_MIN, WEIGHT_MAX)
    if rbl["required_ip"]:
        try:
            ipaddress.IPv4Address(rbl["required_ip"])
        except ValueError:
            _bad(f"Invalid RBL required IP: '{rbl['required_ip']}'.")
    elif rbl["required_ip_enabled"]:
        _bad("RequiredIPEnabled needs a RequiredIP.")


@operation(SVC, "AddRBL")
def add_rbl(ctx, p):
    spam = spam_state(ctx)
    rbl = _clean_rbl(ctx, p.get("rblSetting"))
    _validate_rbl(rbl)
    if _find_rbl(spam, rbl["name"]) is not None:
        raise Fail(ALREADY_EXISTS, f"An RBL named '{rbl['name']}' already exists.")
    spam["rbls"].append(rbl)
    return {}


@operation(SVC, "EditRBL")
def edit_rbl(ctx, p):
    spam = spam_state(ctx)
    index = _rbl_or_fail(spam, p.get("NameOfRblToEdit"))
    rbl = _clean_rbl(ctx, p.get("rblSetting"))
    if not rbl["name"]:
        rbl["name"] = spam["rbls"][index]["name"]
    _validate_rbl(rbl)
    other = _find_rbl(spam, rbl["name"])
    if other is not None and other != index:
        raise Fail(ALREADY_EXISTS, f"An RBL named '{rbl['name']}' already exists.")
    spam["rbls"][index] = rbl
    return {}


@operation(SVC, "GetRBL")
def get_rbl(ctx, p):
    spam = spam_state(ctx)
    index = _rbl_or_fail(spam, p.get("name"))
    return {"settings": to_wire(ctx, "RBLSetting", spam["rbls"][index])}


@operation(SVC, "RemoveRBL")
def remove_rbl(ctx, p):
    spam = spam_state(ctx)
    index = _rbl_or_fail(spam, p.get("NameOfRblToRemove"))
    del spam["rbls"][index]
    return {}


@operation(SVC, "ListRBLs")
def list_rbls(ctx, p):
    return {"rbls": [to_wire(ctx, "RBLSetting", rbl) for rbl in spam_state(ctx)["rbls"]]}


# ------------------------------------------------------------------------- checks, wizard
def _check_info(name: str, uid: str, values: dict) -> dict:
    weights = [v for k, v in values.items() if k.endswith("weight") and isinstance(v, int)]
    return {
        "EnabledFiltering": bool(values.get("enabled_filtering")),
        "EnabledIncomingBlocking": bool(values.get("enabled_incoming_blocking")),
        "EnabledOutgoingBlocking": bool(values.get("enabled_outgoing_blocking")),
        "MaxWeight": max(weights) if weights else 0,
        "MinWeight": min(weights) if weights else 0,
        "Name": name,
        "UID": uid,
    }


@operation(SVC, "ListSpamChecks")
def list_spam_checks(ctx, p):
    spam = spam_state(ctx)
    checks = [_check_info(name, uid, spam[group]) for group, name, uid in BUILTIN_CHECKS]
    checks += [_check_info(rbl["name"], "rbl:" + rbl["name"].lower(), rbl) for rbl in spam["rbls"]]
    return {"spamChecks": checks}


@operation(SVC, "SetSpamWizardLevel")
def set_spam_wizard_level(ctx, p):
    level = p.get("level")
    if level not in WIZARD_PRESETS:
        _bad(f"Invalid spam wizard level: '{level}'.")
    spam = spam_state(ctx)
    for group, values in WIZARD_PRESETS[level].items():
        spam[group].update(copy.deepcopy(values))
    for group in WIZARD_CHECKS:
        spam[group]["enabled_filtering"] = True
    spam["wizard_level"] = level
    return {}

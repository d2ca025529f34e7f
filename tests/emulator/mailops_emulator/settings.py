# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Typed ``key=value`` settings (GetRequestedDomainSettings and friends).

The catalog's ``settings_keys`` decides which keys exist on the wire. This module gives each key a
type and a sensible default (a table for the keys the seed documents; a guess from the key's
documentation for any other), parses ``key=value`` strings and formats values back
(booleans as ``True``/``False``, like .NET's ``bool.ToString()``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

THROTTLE = ("none", "delay", "reject")
SPAM_LEVEL = ("none", "low", "medium", "high")
LOCATION = ("local", "externalmx", "externalhostaddress")

# key -> (type, default); type is "bool", "int", "str" or a tuple of allowed strings.
DOMAIN_SETTINGS: dict[str, tuple[object, object]] = {
    "acceptmail": ("bool", True),
    "altsmtpport": ("int", 587),
    "altsmtpportenabled": ("bool", False),
    "autoresponderrestriction": ("bool", False),
    "bypassgreylisting": ("bool", False),
    "catchall": ("str", ""),
    "deliverpostmastertodomainadmin": ("bool", True),
    "domainurl": ("str", ""),
    "enableactivesyncaccountmanagement": ("bool", False),
    "enablecatchalls": ("bool", True),
    "enablechathistory": ("bool", False),
    "enabledkimsigning": ("bool", False),
    "enabledomainkeysigning": ("bool", False),
    "enabledomainuserservicecontrol": ("bool", False),
    "enableemailreports": ("bool", True),
    "enableimapretrieval": ("bool", True),
    "enablemailsigning": ("bool", False),
    "enablepopretrieval": ("bool", True),
    "enablesmtpaccounts": ("bool", True),
    "enablexmpp": ("bool", True),
    "imapport": ("int", 143),
    "isenabled": ("bool", True),
    "ldapport": ("int", 389),
    "listcommandaddress": ("str", "stserv"),
    "locationdeliverlocally": ("bool", False),
    "locationhostaddress": ("str", ""),
    "locationtype": (LOCATION, "local"),
    "maxactivesyncaccounts": ("int", 0),
    "maxaliases": ("int", 0),
    "maxbouncesreceivedperhour": ("int", 0),
    "maxbouncesreceivedperhouraction": (THROTTLE, "none"),
    "maxbouncesreceivedperhourenabled": ("bool", False),
    "maxdomainaliases": ("int", 0),
    "maximapretrievalaccounts": ("int", 0),
    "maxlists": ("int", 0),
    "maxmessagesize": ("int", 0),
    "maxmessagesperhour": ("int", 0),
    "maxmessagesperhouraction": (THROTTLE, "none"),
    "maxmessagesperhourenabled": ("bool", False),
    "maxpopretrievalaccounts": ("int", 0),
    "maxrecipients": ("int", 0),
    "maxsize": ("int", 0),
    "maxsmtpoutbandwidthperhour": ("int", 0),
    "maxsmtpoutbandwidthperhouraction": (THROTTLE, "none"),
    "maxsmtpoutbandwidthperhourenabled": ("bool", False),
    "maxusers": ("int", 0),
    "popport": ("int", 110),
    "requiresmtpauthentication": ("bool", True),
    "serverip": ("str", "127.0.0.1"),
    "serveripv6": ("str", ""),
    "sharedcalendar": ("bool", True),
    "sharedcontact": ("bool", True),
    "sharedfolder": ("bool", True),
    "sharedgal": ("bool", True),
    "sharednotes": ("bool", True),
    "sharedtasks": ("bool", True),
    "showcalendar": ("bool", True),
    "showcontacts": ("bool", True),
    "showcontentfilteringmenu": ("bool", True),
    "showdomainaliasmenu": ("bool", True),
    "showdomainreports": ("bool", True),
    "showlistmenu": ("bool", True),
    "shownotes": ("bool", True),
    "showspammenu": ("bool", True),
    "showtasks": ("bool", True),
    "showuserreports": ("bool", True),
    "smtpport": ("int", 25),
    "spamforwardoption": (SPAM_LEVEL, "none"),
    "spamresponderoption": (SPAM_LEVEL, "none"),
}

# Default keys whose domain key is not simply the key without the "default" prefix.
DEFAULT_TO_DOMAIN = {
    "defaultmaxdomainsize": "maxsize",
    "defaultmaxdomainusers": "maxusers",
    "defaultsmtpauthenticationrequired": "requiresmtpauthentication",
}

# Default keys with no domain counterpart.
EXTRA_DEFAULTS: dict[str, tuple[object, object]] = {
    "defaultmaxmailboxsize": ("int", 0),
    "defaultskin": ("str", "Default"),
    "defaultenablefilestorage": ("bool", True),
}

# Domain keys that are not inherited from defaults (per-domain identity, not policy).
NOT_DEFAULTABLE = {"catchall", "isenabled", "serverip", "serveripv6", "domainurl", "locationhostaddress"}


class SettingError(ValueError):
    pass


@dataclass
class KeySpec:
    key: str
    type: object
    default: object
    documentation: str = ""


def _guess(key: str, doc: str) -> tuple[object, object]:
    low = doc.lower()
    m = re.search(r":\s*([a-z]+(?:\s*,\s*[a-z]+)+)\s*$", low)
    if m:
        values = tuple(v.strip() for v in m.group(1).split(","))
        return values, values[0]
    if "port" in key or "0=unlimited" in low or low.startswith(("max", "maximum")) or "number" in low:
        return "int", 0
    if low.startswith(("enable", "limit", "bypass", "require", "use ", "does", "allow", "show", "true")):
        return "bool", False
    return "str", ""


def domain_key_for_default(key: str) -> str | None:
    if key in DEFAULT_TO_DOMAIN:
        return DEFAULT_TO_DOMAIN[key]
    if key.startswith("default"):
        return key[len("default") :]
    return None


class SettingsModel:
    """Key specs for one group (``domain`` or ``domain_defaults``)."""

    def __init__(self, entries: list, fallback: dict[str, tuple[object, object]]) -> None:
        self.specs: dict[str, KeySpec] = {}
        if not entries:
            entries = [{"key": k} for k in fallback]
        for entry in entries:
            key = (entry["key"] if isinstance(entry, dict) else str(entry)).strip().lower()
            doc = entry.get("documentation", "") if isinstance(entry, dict) else ""
            if key in fallback:
                typ, default = fallback[key]
            elif isinstance(entry, dict) and "type" in entry:
                typ = entry["type"]
                if isinstance(typ, list):
                    typ = tuple(typ)
                default = entry.get(
                    "default", {"bool": False, "int": 0}.get(typ, "") if isinstance(typ, str) else typ[0]
                )
            else:
                typ, default = _guess(key, doc)
            self.specs[key] = KeySpec(key, typ, default, doc)

    def keys(self) -> list[str]:
        return list(self.specs)

    def defaults(self) -> dict:
        return {k: s.default for k, s in self.specs.items()}

    def spec(self, key: str) -> KeySpec:
        spec = self.specs.get(key.strip().lower())
        if spec is None:
            raise SettingError(f"Unknown setting key: '{key.strip()}'.")
        return spec

    def parse_value(self, key: str, raw: str):
        spec = self.spec(key)
        raw = raw.strip()
        if spec.type == "bool":
            if raw.lower() in ("true", "1", "yes", "on"):
                return True
            if raw.lower() in ("false", "0", "no", "off"):
                return False
            raise SettingError(f"Invalid value '{raw}' for setting '{spec.key}': expected True or False.")
        if spec.type == "int":
            try:
                value = int(raw)
            except ValueError:
                raise SettingError(f"Invalid value '{raw}' for setting '{spec.key}': expected an integer.") from None
            if value < 0:
                raise SettingError(f"Invalid value '{raw}' for setting '{spec.key}': must not be negative.")
            return value
        if isinstance(spec.type, tuple):
            if raw.lower() not in spec.type:
                allowed = ", ".join(spec.type)
                raise SettingError(f"Invalid value '{raw}' for setting '{spec.key}': expected one of {allowed}.")
            return raw.lower()
        return raw

    def parse_pairs(self, pairs: list[str] | None) -> dict:
        """Parse ``key=value`` strings; all-or-nothing (raises on the first bad entry)."""
        out: dict = {}
        for item in pairs or []:
            if item is None:
                continue
            if "=" not in item:
                raise SettingError(f"Invalid setting '{item}': expected key=value.")
            key, raw = item.split("=", 1)
            spec = self.spec(key)
            out[spec.key] = self.parse_value(spec.key, raw)
        return out

    @staticmethod
    def format_value(value) -> str:
        if isinstance(value, bool):
            return "True" if value else "False"
        if value is None:
            return ""
        return str(value)

    def format_pairs(self, values: dict, keys: list[str] | None) -> list[str]:
        """``key=value`` for each requested key, in request order; all keys when ``keys`` is empty."""
        if not keys:
            keys = self.keys()
        out = []
        for key in keys:
            if key is None:
                continue
            spec = self.spec(key)
            value = values.get(spec.key, spec.default)
            out.append(f"{spec.key}={self.format_value(value)}")
        return out


def domain_model(entries: list) -> SettingsModel:
    return SettingsModel(entries, DOMAIN_SETTINGS)


def defaults_model(entries: list) -> SettingsModel:
    fallback: dict[str, tuple[object, object]] = dict(EXTRA_DEFAULTS)
    for key, spec in DOMAIN_SETTINGS.items():
        if key in NOT_DEFAULTABLE or key in DEFAULT_TO_DOMAIN.values():
            continue
        fallback["default" + key] = spec
    for dkey, key in DEFAULT_TO_DOMAIN.items():
        fallback[dkey] = DOMAIN_SETTINGS[key]
    return SettingsModel(entries, fallback)

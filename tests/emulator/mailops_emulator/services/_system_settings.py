# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcServerAdmin's system settings (Get/SetRequestedSystemSettings): the catalog's ``server`` keys.

Each key gets a type: booleans (``True``/``False``), non-negative integers, an enum (the log levels
and the other keys whose seed documentation lists the values), or free text. Keys are matched
case-insensitively and answered in the catalog's spelling. A few values are checked further
(IP addresses, the postmaster mailbox, the retry schedule, port numbers). ``AdminUsername`` is the
primary system administrator's name: read-only (an attempt to set it is -2).
"""

from __future__ import annotations

import ipaddress
import re

from ..validate import is_email

BOOL_KEYS = {
    "ArchiveAllIncomingMessages": False,
    "ArchiveAllOutgoingMessages": False,
    "DeleteDomainStatsAfterEnabled": False,
    "DeleteLogFilesAfterEnabled": True,
    "DeleteServerStatsAfterEnabled": False,
    "DeleteUserStatsAfterEnabled": False,
    "DeliverPostmasterToDomainOnly": False,
    "DisableAppendingOfReceivedLineForAuthenticatedMessages": False,
    "DisableAuthLogin": False,
    "DisableReceivedAppend": False,
    "DnsCachingEnabled": True,
    "DomainsCanOverrideAutoCleanSettings": True,
    "EnforceSmtpAuthLocalDelivery": False,
    "ExecuteCommandLineEnabled": False,
    "FileStorageMaxFileSizeEnabled": False,
    "FooterAllowDomainOverride": True,
    "FooterAppliesToMailingLists": False,
    "FooterEnabledForAllOutgoingMessages": False,
    "GreylistIfTheCountryForTheIpAddressIsUnknown": False,
    "GreylistingEnabled": False,
    "GreylistingEnableUsersToOverride": True,
    "ImapIdleEnabled": True,
    "LogoutUrlEnabled": False,
    "LogoutUrlOverrideEnabled": False,
    "MinimumPasswordLengthEnabled": True,
    "PasswordMustNotMatchUsername": True,
    "PasswordRequiresCapitalLetter": False,
    "PasswordRequiresLowercaseLetter": False,
    "PasswordRequiresNumber": True,
    "PasswordRequiresSymbol": False,
    "PasswordRetrievalEnabled": True,
    "PasswordStrengthDisabledForExistingPasswords": True,
    "PreventCommonPasswords": False,
    "SmtpAuthBypassRelay": True,
    "SmtpExpn": False,
    "SmtpSessionTimeoutEnabled": True,
    "SmtpVrfy": False,
    "SpamBlockingEnable": False,
    "SpamCheckClamEnable": True,
    "SpamGreylistEnable": False,
    "SpamGreylistThresholdEnable": False,
    "SpamOutgoingBlockingEnable": False,
    "SubmissionPortEnabled": True,
    "UserDefaultAutoTrustRecipients": True,
    "UserDefaultBlockImages": True,
    "UserDefaultDeleteMailOnForward": False,
    "UserDefaultDisableGreylisting": False,
    "UserDefaultEmbedReplies": True,
    "UserDefaultEnableDomainkeySigning": False,
    "UserDefaultEnableImapRetrieval": True,
    "UserDefaultEnablePopRetrieval": True,
    "UserDefaultEnableSmtpAccounts": True,
    "UserDefaultEnableSounds": True,
    "UserDefaultHideFromLdap": False,
    "UserDefaultLockPassword": False,
    "UserDefaultMarkPOP3DownloadsAsRead": False,
    "UserDefaultPlusAddressingEnable": False,
    "UserDefaultRequestReceipts": False,
    "UserDefaultSortDescending": True,
    "UsersCanAutoCleanInbox": True,
    "UseTlsIfSupportedByRemoteServer": True,
    "WelcomeWizardDisabled": False,
}

INT_KEYS = {
    "AttemptsBeforeBouncingDueToDnsErrors": 4,
    "DeleteDomainStatsAfter": 12,
    "DeleteLogFilesAfter": 30,
    "DeleteServerStatsAfter": 12,
    "DeleteUserStatsAfter": 12,
    "DeliveryDelay": 0,
    "DeliveryThreads": 10,
    "ExecuteCommandLineTimeout": 30,
    "FileStorageMaxFileSize": 0,
    "GreylistingBlockPeriod": 5,
    "GreylistingPassPeriod": 1440,
    "GreylistingRecordExpiration": 36,
    "ImapCommandTimeout": 60,
    "ImapMaxBadCommands": 10,
    "ImapMaxConnections": 1000,
    "imapRetrievalInterval": 10,
    "imapRetrievalThreads": 5,
    "IndexingItemsBeforeGarbageCollection": 1000,
    "IndexingItemsDeletedBeforeOptimizing": 1000,
    "IndexingItemsPerPass": 500,
    "IndexingMaxThreads": 2,
    "IndexingSecondsInQueueBeforeIndex": 10,
    "IndexingSegmentsBeforeOptimizing": 50,
    "LdapCommandTimeout": 60,
    "LdapSessionTimeout": 600,
    "MinimumPasswordLength": 6,
    "NotifyOfDelayAfterXAttempts": 3,
    "PopCommandTimeout": 60,
    "PopMaxBadCommands": 10,
    "PopMaxConnections": 1000,
    "PopRetrievalInterval": 10,
    "PopRetrievalThreads": 5,
    "SmtpCommandTimeout": 60,
    "SmtpMaxBadCommands": 10,
    "SmtpMaxBadRecipients": 10,
    "SmtpMaxConnections": 1000,
    "SmtpMaxHopCount": 30,
    "SmtpMaxMessageSize": 0,
    "SmtpSessionTimeout": 10,
    "SpamBlockingThreshold": 30,
    "SpamCheckThreads": 5,
    "SpamGreylistThreshold": 10,
    "SpamOutgoingBlockingThreshold": 30,
    "SubmissionPort": 587,
    "SubSpools": 20,
    "UserDefaultMailboxSize": 0,
    "UserDefaultTimeZoneIndex": 0,
}

# Enums whose values the seed lists in prose (not in parentheses).
EXTRA_ENUMS = {
    "AllowRelay": (("noone", "localusers", "localhosts", "anyone"), "localusers"),
    "OutboundIpOption": (("domains ipv4", "primary ipv4", "specified ipv4"), "domains ipv4"),
    "OutboundIpv6Option": (("domains ipv6", "primary ipv6", "disable", "specified ipv6"), "domains ipv6"),
    "UserDefaultViewMessagesAs": (("Html", "Text"), "Html"),
}

STR_DEFAULTS = {
    "Hostname": "localhost",
    "LogPath": "C:\\SmarterMail\\Logs",
    "SpoolPath": "C:\\SmarterMail\\Spool",
    "Archive": "C:\\SmarterMail\\Archive",
    "imapRetrievalDownloadPath": "C:\\SmarterMail\\Spool\\Retrieval",
    "PopRetrievalDownloadPath": "C:\\SmarterMail\\Spool\\Retrieval",
    "SmtpBanner": "SmarterMail",
    "PopBanner": "SmarterMail",
    "ImapBanner": "SmarterMail",
    "TimeBetweenAttempts": "15,30,60,90",
    "GreylistingFilterOption": "All",
    "UserDefaultComposeFont": "Arial",
    "UserDefaultComposeFontSize": "12px",
    "UserDefaultComposeMethod": "HTML",
    "UserDefaultReplyMessageIndicator": "-----",
    "UserDefaultStartupPage": "Inbox",
}

IP_KEYS = {"OutboundIp", "OutboundIpv6", "PrimaryDns", "SecondaryDns", "SubmissionPortIp"}
READ_ONLY = {"AdminUsername"}
_PAREN = re.compile(r"^\(([^)]*\|[^)]*)\)")


class SystemSettingError(ValueError):
    pass


class SystemSettings:
    def __init__(self, entries: list) -> None:
        self.specs: dict[str, tuple[str, object, object]] = {}  # lower -> (key, type, default)
        for entry in entries:
            key = entry["key"] if isinstance(entry, dict) else str(entry)
            doc = entry.get("documentation", "") if isinstance(entry, dict) else ""
            m = _PAREN.match(doc.strip())
            if key in BOOL_KEYS:
                spec = ("bool", BOOL_KEYS[key])
            elif key in INT_KEYS:
                spec = ("int", INT_KEYS[key])
            elif key in EXTRA_ENUMS:
                values, default = EXTRA_ENUMS[key]
                spec = (values, default)
            elif m:
                values = tuple(v.strip() for v in m.group(1).split("|"))
                spec = (values, "Normal" if "Normal" in values else values[0])
            else:
                spec = ("str", STR_DEFAULTS.get(key, ""))
            self.specs[key.lower()] = (key, spec[0], spec[1])

    def key(self, name: str) -> str:
        spec = self.specs.get((name or "").strip().lower())
        if spec is None:
            raise SystemSettingError(f"Unknown system setting: '{(name or '').strip()}'.")
        return spec[0]

    def defaults(self) -> dict:
        return {key: default for key, _typ, default in self.specs.values()}

    def parse(self, name: str, raw: str):
        key, typ, _default = self.specs[self.key(name).lower()]
        raw = (raw or "").strip()
        if key in READ_ONLY:
            raise SystemSettingError(f"The system setting '{key}' is read-only.")
        if typ == "bool":
            if raw.lower() in ("true", "false"):
                return raw.lower() == "true"
            raise SystemSettingError(f"Invalid value '{raw}' for '{key}': expected True or False.")
        if typ == "int":
            try:
                value = int(raw)
            except ValueError:
                raise SystemSettingError(f"Invalid value '{raw}' for '{key}': expected an integer.") from None
            if value < 0:
                raise SystemSettingError(f"Invalid value '{raw}' for '{key}': must not be negative.")
            if key == "SubmissionPort" and not 1 <= value <= 65535:
                raise SystemSettingError(f"Invalid value '{raw}' for '{key}': expected a port 1-65535.")
            return value
        if isinstance(typ, tuple):
            for allowed in typ:
                if raw.lower() == allowed.lower():
                    return allowed
            raise SystemSettingError(f"Invalid value '{raw}' for '{key}': expected one of {', '.join(typ)}.")
        if key in IP_KEYS and raw:
            try:
                return str(ipaddress.ip_address(raw))
            except ValueError:
                raise SystemSettingError(f"Invalid value '{raw}' for '{key}': expected an IP address.") from None
        if key == "PostmasterMailbox" and raw and not is_email(raw):
            raise SystemSettingError(f"Invalid value '{raw}' for '{key}': expected an email address.")
        if key == "TimeBetweenAttempts" and not re.fullmatch(r"\d+(\s*,\s*\d+)*", raw):
            raise SystemSettingError(f"Invalid value '{raw}' for '{key}': expected minutes separated by commas.")
        return raw

    @staticmethod
    def format(value) -> str:
        if isinstance(value, bool):
            return "True" if value else "False"
        return "" if value is None else str(value)

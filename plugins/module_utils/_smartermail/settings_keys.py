# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The requested-settings keys SmarterMail documents for domains and users (Get/SetRequested*Settings).

Returned by ``smartermail_domain_info`` so a playbook can list what ``settings`` may hold; a unit
test keeps them equal to the emulator's catalog (built from the vendor's documentation). The
user's ``password`` key is left out: passwords go through the ``user_password`` option.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOMAIN_SETTINGS_KEYS = (
    "acceptmail", "altsmtpport", "altsmtpportenabled", "autoresponderrestriction", "bypassgreylisting",
    "catchall", "deliverpostmastertodomainadmin", "domainurl", "enableactivesyncaccountmanagement",
    "enablecatchalls", "enablechathistory", "enabledkimsigning", "enabledomainkeysigning",
    "enabledomainuserservicecontrol", "enableemailreports", "enableimapretrieval", "enablemailsigning",
    "enablepopretrieval", "enablesmtpaccounts", "enablexmpp", "imapport", "isenabled", "ldapport",
    "listcommandaddress", "locationdeliverlocally", "locationhostaddress", "locationtype",
    "maxactivesyncaccounts", "maxaliases", "maxbouncesreceivedperhour", "maxbouncesreceivedperhouraction",
    "maxbouncesreceivedperhourenabled", "maxdomainaliases", "maximapretrievalaccounts", "maxlists",
    "maxmessagesize", "maxmessagesperhour", "maxmessagesperhouraction", "maxmessagesperhourenabled",
    "maxrecipients", "maxsize", "maxsmtpoutbandwidthperhour", "maxsmtpoutbandwidthperhouraction",
    "maxsmtpoutbandwidthperhourenabled", "maxusers", "popport", "requiresmtpauthentication", "serverip",
    "serveripv6", "sharedcalendar", "sharedcontact", "sharedfolder", "sharedgal", "sharednotes",
    "sharedtasks", "showcalendar", "showcontacts", "showcontentfilteringmenu", "showdomainaliasmenu",
    "showdomainreports", "showlistmenu", "shownotes", "showspammenu", "showtasks", "showuserreports",
    "smtpport", "spamforwardoption", "spamresponderoption",
)

USER_SETTINGS_KEYS = (
    "activedirectorydomain", "activedirectoryusername", "authtype", "autocleanoverrideactive",
    "autopopupreminders", "autorespondondirectmailonly", "autosavedrafttime", "backupemailaddress",
    "calendarautocleanmonths", "composemethod", "composerows", "deleteoption", "dictionarylanguage",
    "disablegreylisting", "disablereminders", "displayname", "embedreplies", "enabledstatus",
    "enableimapretrieval", "enableoutboundmessagesigning", "enablepopretrieval", "enablesmtpaccounts",
    "enablesounds", "forwardaddress", "forwardas", "fullname", "hidefromgal", "isdomainadmin", "isenabled",
    "lockpassword", "maxbouncesreceivedperhour", "maxbouncesreceivedperhourenabled", "maxmessagesperhour",
    "maxmessagesperhourenabled", "maxsize", "maxsmtpoutbandwidthperhour", "maxsmtpoutbandwidthperhourenabled",
    "passwordlocked", "plusaddressingenabled", "plusaddressingfolder", "previewautomarkasread",
    "previewautopreview", "previewusepreview", "replymessageindicator", "replytoaddress", "requestreceipts",
    "savecopyassent", "seenwelcome", "servicelevelmap", "showlinkswhenprinting", "showsusc", "signature",
    "skin", "sortby", "sortdescending", "spamcheckoverrideactive", "spamforwardoption", "spellcheckonsend",
    "startuppage", "syncpanels", "textencoding", "throttlingactionbandwidth", "throttlingactionbounces",
    "throttlingactionmessage", "timezoneindex", "viewmessagesas", "warnifcomposemistakes",
    "welcomewizardprogress",
)

# ---------------------------------------------------------------------------------- value kinds
# What a known key's value must be, checked before any call (``_validation.settings_errors``):
# ("bool",) true or false; ("int", low, high) an integer in that range (the server parses these texts
# into a 32-bit int); ("choice", values) one of the documented words (any case); ("text", n) a text of
# at most n characters. A key without a kind is text, bounded like every option by ``_validation.TEXT_MAX``.
# Sources: the vendor's documentation of each key (the catalog's ``settings_keys``) and the typed
# fields of DomainSettingsResult (ports, counts and sizes are int there).
INT32_MAX = 2 ** 31 - 1
BOOL = ("bool",)
COUNT = ("int", 0, INT32_MAX)
PORT = ("int", 1, 65535)
THROTTLE_ACTION = ("choice", ("none", "delay", "reject"))
SPAM_LEVEL = ("choice", ("none", "low", "medium", "high"))

_DOMAIN_BOOLS = (
    "acceptmail", "altsmtpportenabled", "autoresponderrestriction", "bypassgreylisting",
    "deliverpostmastertodomainadmin", "enableactivesyncaccountmanagement", "enablecatchalls", "enablechathistory",
    "enabledkimsigning", "enabledomainkeysigning", "enabledomainuserservicecontrol", "enableemailreports",
    "enableimapretrieval", "enablemailsigning", "enablepopretrieval", "enablesmtpaccounts", "enablexmpp",
    "isenabled", "locationdeliverlocally", "maxbouncesreceivedperhourenabled", "maxmessagesperhourenabled",
    "maxsmtpoutbandwidthperhourenabled", "requiresmtpauthentication", "sharedcalendar", "sharedcontact",
    "sharedfolder", "sharedgal", "sharednotes", "sharedtasks", "showcalendar", "showcontacts",
    "showcontentfilteringmenu", "showdomainaliasmenu", "showdomainreports", "showlistmenu", "shownotes",
    "showspammenu", "showtasks", "showuserreports",
)
_DOMAIN_PORTS = ("altsmtpport", "imapport", "ldapport", "popport", "smtpport")
_DOMAIN_COUNTS = (
    "maxactivesyncaccounts", "maxaliases", "maxbouncesreceivedperhour", "maxdomainaliases",
    "maximapretrievalaccounts", "maxlists", "maxmessagesize", "maxmessagesperhour", "maxrecipients", "maxsize", "maxsmtpoutbandwidthperhour", "maxusers",
)
_DOMAIN_TYPED = [(k, BOOL) for k in _DOMAIN_BOOLS] + [(k, PORT) for k in _DOMAIN_PORTS] + [(k, COUNT) for k in _DOMAIN_COUNTS]
_DOMAIN_CHOICES = [("maxbouncesreceivedperhouraction", THROTTLE_ACTION), ("maxmessagesperhouraction", THROTTLE_ACTION),
                   ("maxsmtpoutbandwidthperhouraction", THROTTLE_ACTION), ("spamforwardoption", SPAM_LEVEL),
                   ("spamresponderoption", SPAM_LEVEL), ("listcommandaddress", ("text", 64))]
DOMAIN_SETTING_KINDS = dict(_DOMAIN_TYPED + _DOMAIN_CHOICES)

# The server's defaults for new domains: ``default`` + the domain key, but for these.
_DEFAULT_TO_DOMAIN = {"defaultmaxdomainsize": "maxsize", "defaultmaxdomainusers": "maxusers",
                      "defaultsmtpauthenticationrequired": "requiresmtpauthentication"}
# domain keys without a default (a domain's identity and state, or set per domain only)
_NO_DEFAULT = ("acceptmail", "enabledkimsigning", "enabledomainkeysigning", "enabledomainuserservicecontrol",
               "isenabled", "listcommandaddress")
_DEFAULT_SAME = [("default" + k, kind) for k, kind in DOMAIN_SETTING_KINDS.items()
                 if k not in _DEFAULT_TO_DOMAIN.values() and k not in _NO_DEFAULT]
_DEFAULT_RENAMED = [(k, DOMAIN_SETTING_KINDS[v]) for k, v in _DEFAULT_TO_DOMAIN.items()]
_DEFAULT_ONLY = [("defaultmaxmailboxsize", COUNT), ("defaultmaxpopretrievalaccounts", COUNT), ("defaultenablefilestorage", BOOL)]
DOMAIN_DEFAULT_KINDS = dict(_DEFAULT_SAME + _DEFAULT_RENAMED + _DEFAULT_ONLY)

_SYSTEM_BOOLS = (
    "ArchiveAllIncomingMessages", "ArchiveAllOutgoingMessages", "DeleteDomainStatsAfterEnabled",
    "DeleteLogFilesAfterEnabled", "DeleteServerStatsAfterEnabled", "DeleteUserStatsAfterEnabled",
    "DeliverPostmasterToDomainOnly", "DisableAppendingOfReceivedLineForAuthenticatedMessages", "DisableAuthLogin",
    "DisableReceivedAppend", "DnsCachingEnabled", "DomainsCanOverrideAutoCleanSettings",
    "EnforceSmtpAuthLocalDelivery", "ExecuteCommandLineEnabled", "FileStorageMaxFileSizeEnabled",
    "FooterAllowDomainOverride", "FooterAppliesToMailingLists", "FooterEnabledForAllOutgoingMessages",
    "GreylistIfTheCountryForTheIpAddressIsUnknown", "GreylistingEnabled", "GreylistingEnableUsersToOverride",
    "ImapIdleEnabled", "LogoutUrlEnabled", "LogoutUrlOverrideEnabled", "MinimumPasswordLengthEnabled",
    "PasswordMustNotMatchUsername", "PasswordRequiresCapitalLetter", "PasswordRequiresLowercaseLetter",
    "PasswordRequiresNumber", "PasswordRequiresSymbol", "PasswordRetrievalEnabled",
    "PasswordStrengthDisabledForExistingPasswords", "PreventCommonPasswords", "SmtpAuthBypassRelay", "SmtpExpn",
    "SmtpSessionTimeoutEnabled", "SmtpVrfy", "SpamBlockingEnable", "SpamCheckClamEnable", "SpamGreylistEnable",
    "SpamGreylistThresholdEnable", "SpamOutgoingBlockingEnable", "SubmissionPortEnabled",
    "UserDefaultAutoTrustRecipients", "UserDefaultBlockImages", "UserDefaultDeleteMailOnForward",
    "UserDefaultDisableGreylisting", "UserDefaultEmbedReplies", "UserDefaultEnableDomainkeySigning",
    "UserDefaultEnableImapRetrieval", "UserDefaultEnablePopRetrieval", "UserDefaultEnableSmtpAccounts",
    "UserDefaultEnableSounds", "UserDefaultHideFromLdap", "UserDefaultLockPassword",
    "UserDefaultMarkPOP3DownloadsAsRead", "UserDefaultPlusAddressingEnable", "UserDefaultRequestReceipts",
    "UserDefaultSortDescending", "UsersCanAutoCleanInbox", "UseTlsIfSupportedByRemoteServer",
    "WelcomeWizardDisabled",
)
_SYSTEM_COUNTS = (
    "AttemptsBeforeBouncingDueToDnsErrors", "DeleteDomainStatsAfter", "DeleteLogFilesAfter",
    "DeleteServerStatsAfter", "DeleteUserStatsAfter", "DeliveryDelay", "DeliveryThreads",
    "ExecuteCommandLineTimeout", "FileStorageMaxFileSize", "GreylistingBlockPeriod", "GreylistingPassPeriod",
    "GreylistingRecordExpiration", "ImapCommandTimeout", "ImapMaxBadCommands", "ImapMaxConnections",
    "imapRetrievalInterval", "imapRetrievalThreads", "IndexingItemsBeforeGarbageCollection",
    "IndexingItemsDeletedBeforeOptimizing", "IndexingItemsPerPass", "IndexingMaxThreads",
    "IndexingSecondsInQueueBeforeIndex", "IndexingSegmentsBeforeOptimizing", "LdapCommandTimeout",
    "LdapSessionTimeout", "MinimumPasswordLength", "NotifyOfDelayAfterXAttempts", "PopCommandTimeout",
    "PopMaxBadCommands", "PopMaxConnections", "PopRetrievalInterval", "PopRetrievalThreads", "SmtpCommandTimeout",
    "SmtpMaxBadCommands", "SmtpMaxBadRecipients", "SmtpMaxConnections", "SmtpMaxHopCount", "SmtpMaxMessageSize",
    "SmtpSessionTimeout", "SpamBlockingThreshold", "SpamCheckThreads", "SpamGreylistThreshold",
    "SpamOutgoingBlockingThreshold", "SubSpools", "UserDefaultMailboxSize", "UserDefaultTimeZoneIndex",
)
# keys in lower case (the server compares them without case)
_SYSTEM_TYPED = [(k.lower(), BOOL) for k in _SYSTEM_BOOLS] + [(k.lower(), COUNT) for k in _SYSTEM_COUNTS]
_SYSTEM_OTHER = [("submissionport", PORT), ("allowrelay", ("choice", ("noone", "localusers", "localhosts", "anyone")))]
SYSTEM_SETTING_KINDS = dict(_SYSTEM_TYPED + _SYSTEM_OTHER)
# read and shown by the server, never set through SetRequestedSystemSettings
SYSTEM_READ_ONLY = ("adminusername",)

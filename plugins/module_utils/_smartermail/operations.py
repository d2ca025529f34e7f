# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The SmarterMail SOAP operations that change nothing, per service, as the vendor documents them.

A read may be retried after a transport error or an HTTP 502/503/504; any other operation is a
write and is retried only when it certainly never reached the server. The list is checked against
the emulator's catalog (built from the vendor's documentation) by a unit test; an operation missing
from it counts as a write, the safe side.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

READ_OPERATIONS = {
    "svcAliasAdmin": frozenset((
        "GetAlias", "GetAliases",
    )),
    "svcDomainAdmin": frozenset((
        "GetAllDomainAliases", "GetAllDomainAliasesWithProperties", "GetAllDomainStatistics",
        "GetAllDomainUsersWithProperties", "GetAllDomains", "GetAllDomainsWithProperties", "GetDKIMCert",
        "GetDomainCounts", "GetDomainDefaults", "GetDomainForwarding", "GetDomainForwardingBlock",
        "GetDomainForwardingBlockByTargetAddress", "GetDomainInfo", "GetDomainInfo2", "GetDomainKeysCert",
        "GetDomainSettings", "GetDomainStatistics", "GetDomainUsers", "GetPrimaryDomainAdmin",
        "GetRequestedDomainDefaults", "GetRequestedDomainSettings",
    )),
    "svcDomainAliasAdmin": frozenset((
        "GetAliases",
    )),
    "svcGlobalUpdate": frozenset((
        "GetGlobalUpdateStatus", "ListGlobalUpdateFields",
    )),
    "svcMailListAdmin": frozenset((
        "GetDefaultSubscriberFields", "GetDigestSubscriberList", "GetListCommandAddress",
        "GetMailingListsByDomain", "GetPosterKillList", "GetPosterWhiteList", "GetRequestedListSettings",
        "GetSubscriberFields", "GetSubscriberList",
    )),
    "svcProductInfo": frozenset((
        "GetLicenseInfo", "GetProductInfo",
    )),
    "svcServerAdmin": frozenset((
        "GetAbuseDetectionRules", "GetBlacklistEntries", "GetBouncesAbuseDetectionRules",
        "GetBruteForceAbuseDetectionRules", "GetDOSAbuseDetectionRules", "GetEdition", "GetGateway",
        "GetGlobalTrustedSenders", "GetHarvestingAbuseDetectionRules", "GetIncomingGateway",
        "GetInternalSpammerNotificationAbuseDetectionRules", "GetRequestedSystemSettings",
        "GetReservedDomainNames", "GetSMTPBlockedSenders", "GetSmtpAuthenticationBypasses",
        "GetSpoolMessageCount", "GetWhitelistEntries", "GetWhitelistEntries2", "ListFolderAutoCleanRules",
        "ListForwardingBlacklistEntries", "ListGateways", "ListGreylistingFilters", "ListHostnames",
        "ListIncomingGateways", "ListPortsAssignedToIP", "ListServerPorts", "ListSpamAssassinServers",
        "ListSystemAdmins", "RequestStatus",
    )),
    "svcSpamAdmin": frozenset((
        "GetCommtouchSettings", "GetDKIMSettings", "GetDecludeSettings", "GetDomainKeysSettings",
        "GetMessageSnifferSettings", "GetRBL", "GetRemoteSASettings", "GetReverseDNSSettings",
        "GetSABPMSettings", "GetSPFSettings", "GetSpamFilteringSettings", "ListRBLs", "ListSpamChecks",
    )),
    "svcUserAdmin": frozenset((
        "AuthenticateUser", "GetActiveSyncUsers", "GetActiveSyncUsers2", "GetInactiveUsers",
        "GetLastLoginTimes", "GetMigrationStatus", "GetRequestedUserSettings", "GetUser",
        "GetUserAutoResponseInfo", "GetUserAutoResponseInfo2", "GetUserForwardingInfo",
        "GetUserForwardingInfo2", "GetUserGroup", "GetUserGroupsByDomain", "GetUserGroupsByUser",
        "GetUserQuotas", "GetUserStats", "GetUsers", "IsUserEnabledForActiveSync", "ListRSSFeeds",
        "LoginValidated",
    )),
    "svcVirusAdmin": frozenset((
        "GetAntivirusOptions", "GetClamAvSettings", "GetCommandLineAvSettings",
        "GetCommtouchZeroHourSettings", "GetRealtimeAvSettings",
    )),
}


def is_read(service, operation):
    """Whether ``service.operation`` is documented as changing nothing."""
    return operation in READ_OPERATIONS.get(service, ())

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

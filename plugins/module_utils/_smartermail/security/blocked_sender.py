# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SMTP blocked senders of a SmarterMail server (svcServerAdmin): e-mail addresses or domains. The
table, the resource and its SOAP adapter.

The web service can add and list blocked senders but has no operation to remove or edit one: a
removal, a purge that would remove one, or a new description fails before any write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_blocked_senders
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    DESCRIPTION,
    ListResource,
    ListTable,
    Row,
    sender_check,
    sender_key,
    soap_calls,
)

TABLE = ListTable([
    Row("sender", "An e-mail address or a domain name (compared without case); it names the entry.",
        check=sender_check, normalize=sender_key, soap="blockedSender"),
    DESCRIPTION,
], list_option="blocked_senders",
    what="blocked senders")


class BlockedSenderResource(ListResource):
    json_missing = ("no known endpoint of the JSON API writes the SMTP blocked senders "
                    "(settings/sysadmin/smtp-block-rules is named by one client for reading, without its answer)")
    item, single_key = "blocked sender", "blocked_sender"
    # GetSMTPBlockedSenders, AddSMTPBlockedSender (no call removes or edits one)
    table, adapters = TABLE, soap_calls(read_blocked_senders, add="AddSMTPBlockedSender")

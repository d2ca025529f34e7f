# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Globally trusted senders of a SmarterMail server (svcServerAdmin): e-mail addresses or domains.
The table, the resource and its SOAP adapter."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_trusted_senders
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    sender_check,
    sender_key,
    soap_calls,
)

TABLE = ListTable([
    Row("sender", "An e-mail address or a domain name (compared without case; internationalized domains as "
        "A-labels).", check=sender_check, normalize=sender_key, soap="addressOrDomain"),
], list_option="senders", string_list=True,
    what="trusted senders (e-mail addresses or domain names)")


class TrustedSenderResource(ListResource):
    json_missing = ("no known server-wide trusted-sender endpoint in the JSON API (settings/domain/whitelist is one "
                    "domain's list)")
    item, single_key = "trusted sender", "sender"
    # GetGlobalTrustedSenders, AddGlobalTrustedSender, DeleteGlobalTrustedSender
    table, adapters = TABLE, soap_calls(read_trusted_senders, add="AddGlobalTrustedSender",
                                        remove="DeleteGlobalTrustedSender")

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The forwarding black list of a SmarterMail server (svcServerAdmin): domains mail is never forwarded to.
The table, the resource and its SOAP adapter."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key, domain_name_error
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_forwarding_blacklist
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    soap_calls,
)

TABLE = ListTable([
    Row("domain", "A domain name (compared without case; internationalized names as A-labels).",
        check=domain_name_error, normalize=domain_key, soap="domainName"),
], list_option="domains", string_list=True, what="domains")


class ForwardingBlacklistResource(ListResource):
    json_missing = "no known endpoint of the JSON API manages the forwarding blacklist"
    item, single_key = "forwarding black list entry", "domain"
    # ListForwardingBlacklistEntries, AddForwardingBlacklistEntry, DeleteForwardingBlacklistEntry
    table, adapters = TABLE, soap_calls(read_forwarding_blacklist, add="AddForwardingBlacklistEntry",
                                        remove="DeleteForwardingBlacklistEntry")

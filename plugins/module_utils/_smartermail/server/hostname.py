# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostnames of a SmarterMail server (svcServerAdmin): one per IP address, keyed by the address.

The server has no edit operation: a new hostname for an address is DeleteHostname, then AddHostname.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_hostnames
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    host_check,
    ip_check,
    ip_text,
    soap_calls,
    state_row,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key

# the SOAP column: the parameters of AddHostname
TABLE = ListTable([
    Row("hostname", "The host name (a DNS name; compared without case). Required unless O(state=absent).",
        rule="caseless", check=host_check, normalize=domain_key, soap="hostname"),
    Row("ip_address", "The IP address the hostname applies to; it names the entry (also in O(keep)).",
        check=ip_check, normalize=ip_text, soap="ipAddress"),
], list_option="hostnames", what="hostnames", key="ip_address",
    state=state_row("Whether the address should have a hostname."))


class HostnameResource(ListResource):
    json_missing = "no source of the JSON API shows an endpoint for the server's hostnames"
    item, single_key = "hostname", "hostname"
    # ListHostnames, AddHostname, DeleteHostname (no edit: a change replaces the hostname)
    table, adapters = TABLE, soap_calls(read_hostnames, add="AddHostname", remove="DeleteHostname")

    def label(self, obj):
        return "%s (%s)" % (obj.get("hostname") or "?", obj.get("ip_address"))

    def entry_errors(self, entry, where):
        if entry["state"] == "present" and not entry["hostname"]:
            return ["%s: hostname is required" % where]
        return []

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostnames of a SmarterMail server (svcServerAdmin): one per IP address, keyed by the address.

The server has no edit operation: a new hostname for an address is DeleteHostname, then AddHostname.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_hostnames
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.rows import (
    Row,
    list_doc,
    list_options,
    state_row,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    host_check,
    ip_check,
    ip_text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key

# the SOAP column: the parameters of AddHostname
TABLE = Table([
    Row("hostname", "The host name (a DNS name; compared without case). Required unless O(state=absent).",
        rule="caseless", check=host_check, normalize=domain_key, soap="hostname"),
    Row("ip_address", "The IP address the hostname applies to; it names the entry (also in O(keep)).",
        check=ip_check, normalize=ip_text, soap="ipAddress"),
    state_row("Whether the address should have a hostname."),
], list_option="hostnames", list_doc=list_doc("hostnames"), key="ip_address")


class HostnameResource(ListResource):
    item = "hostname"
    single_key = "hostname"
    items = "hostnames"
    list_option = "hostnames"
    table = TABLE
    options = list_options(TABLE)
    fields = TABLE.fields()
    key_options = ("ip_address",)

    def label(self, obj):
        return "%s (%s)" % (obj.get("hostname") or "?", obj.get("ip_address"))

    def entry_errors(self, entry, where):
        if entry["state"] == "present" and not entry["hostname"]:
            return ["%s: hostname is required" % where]
        return []

    def read_list(self, client):
        return read_hostnames(client)

    def add(self, obj, secrets):
        return "AddHostname", dict((wire, obj[option]) for option, wire in TABLE.column("soap").items())

    def remove(self, obj):
        return "DeleteHostname", dict(ipAddress=obj["ip_address"])


HostnameResource.argument_spec = HostnameResource.build_spec()

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
    Opt,
    host_check,
    ip_check,
    ip_text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key


class HostnameResource(ListResource):
    item = "hostname"
    single_key = "hostname"
    items = "hostnames"
    list_option = "hostnames"
    options = (Opt("hostname", rule="caseless", check=host_check, normalize=domain_key),
               Opt("ip_address", check=ip_check, normalize=ip_text))
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
        return "AddHostname", dict(hostname=obj["hostname"], ipAddress=obj["ip_address"])

    def remove(self, obj):
        return "DeleteHostname", dict(ipAddress=obj["ip_address"])


HostnameResource.argument_spec = HostnameResource.build_spec()

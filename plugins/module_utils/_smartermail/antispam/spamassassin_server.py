# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Remote SpamAssassin servers of a SmarterMail server (svcServerAdmin), keyed by name (without case).

There is no edit operation: a new address or port is DeleteSpamAssassinServer, then AddSpamAssassinServer.
``enabled`` is read and shown only (the web service cannot set it).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_spamassassin_servers
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    Opt,
    int_check,
    ip_check,
    ip_text,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import control_error


def name_check(value, what):
    if not text(value):
        return "%s must be a non-empty string" % what
    return control_error(value, what)


def address_check(value, what):
    if not text(value):
        return "%s must be an IP address, not blank" % what
    return ip_check(value, what)


class SpamAssassinServerResource(ListResource):
    item = "SpamAssassin server"
    single_key = "server"
    items = "servers"
    list_option = "servers"
    options = (Opt("name", rule="caseless", check=name_check, normalize=text),
               Opt("ip_address", check=address_check, normalize=ip_text),
               Opt("port", type="int", rule="number", check=int_check(1, 65535)),
               Opt("enabled", type="bool", read_only=True))
    key_options = ("name",)

    def label(self, obj):
        return obj["name"]

    def create_errors(self, entry, desired):
        missing = [o for o in ("ip_address", "port") if entry.get(o) is None]
        if missing:
            return ["%s required to add SpamAssassin server %s" % (" and ".join(missing) + (
                " are" if len(missing) > 1 else " is"), entry["name"])]
        return []

    def desired(self, entry, current):
        obj = super(SpamAssassinServerResource, self).desired(entry, current)
        if current is None:
            obj["enabled"] = True  # what the server sets on add
        return obj

    def read_list(self, client):
        return read_spamassassin_servers(client)

    def add(self, obj, secrets):
        return "AddSpamAssassinServer", dict(serverName=obj["name"], ipAddress=obj["ip_address"],
                                             serverPort=obj["port"])

    def remove(self, obj):
        return "DeleteSpamAssassinServer", dict(serverName=obj["name"])


SpamAssassinServerResource.argument_spec = SpamAssassinServerResource.build_spec()

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Remote SpamAssassin servers of a SmarterMail server (svcServerAdmin), keyed by name (without case):
the table, the resource and its SOAP adapter.

There is no edit operation: a new address or port is DeleteSpamAssassinServer, then AddSpamAssassinServer.
``enabled`` is read and shown only (the web service cannot set it; the server enables a server it adds).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_spamassassin_servers
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    SoapList,
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


TABLE = ListTable([
    Row("name", "A descriptive name; it names the entry (also in O(keep)).", rule="caseless", check=name_check,
        normalize=text, soap="serverName"),
    Row("ip_address", "The IP address of the SpamAssassin server. Required to add one.", check=address_check,
        normalize=ip_text, soap="ipAddress"),
    Row("port", "The port its spamd listens on (1-65535). Required to add one.", type="int", rule="number",
        check=int_check(1, 65535), soap="serverPort"),
    Row("enabled", "Read only (the web service cannot set it); ignored on input, so that the output of "
        "M(mailops.smartermail.smartermail_info) feeds back unchanged.", type="bool", read_only=True, created=True),
], list_option="servers", what="servers")


class SoapSpamAssassinServers(SoapList):
    """``ListSpamAssassinServers``, ``AddSpamAssassinServer``, ``DeleteSpamAssassinServer`` (by name; no
    edit: a change replaces the server)."""

    add_operation = "AddSpamAssassinServer"
    remove_operation = "DeleteSpamAssassinServer"

    def read_list(self, client):
        return read_spamassassin_servers(client)


class SpamAssassinServerResource(ListResource):
    json_missing = ("no known endpoint of the JSON API writes the remote SpamAssassin servers "
                    "(settings/sysadmin/spam-assassin-servers is named by one client for reading, without its answer)")
    item = "SpamAssassin server"
    single_key = "server"
    items = "servers"
    list_option = "servers"
    key_options = ("name",)
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapSpamAssassinServers}

    def label(self, obj):
        return obj["name"]

    def create_errors(self, entry, desired):
        missing = [o for o in ("ip_address", "port") if entry.get(o) is None]
        if missing:
            return ["%s required to add SpamAssassin server %s" % (" and ".join(missing) + (
                " are" if len(missing) > 1 else " is"), entry["name"])]
        return []

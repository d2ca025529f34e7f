# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read the anti-spam configuration, shaped as the options of the anti-spam modules.

``settings`` feeds back into smartermail_antispam_settings and ``rbls`` into the ``rbls``
option of smartermail_rbl unchanged.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam import antispam_settings as spam
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam import rbl
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import InfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table

SERVICE = "svcSpamAdmin"
INCLUDE = ("settings", "rbls", "spam_checks")

TABLE = Table([
    Option("include", "What to read.", type="list", elements="str", choices=INCLUDE, default=list(INCLUDE)),
    Option("groups", "With C(settings) in O(include), the settings groups to read. When omitted, all of them.",
           type="list", elements="str", choices=spam.GROUP_NAMES),
])


def spam_check(info):
    return {
        "name": info.get("Name") or "",
        "uid": info.get("UID") or "",
        "filtering": bool(info.get("EnabledFiltering")),
        "incoming_blocking": bool(info.get("EnabledIncomingBlocking")),
        "outgoing_blocking": bool(info.get("EnabledOutgoingBlocking")),
        "min_weight": info.get("MinWeight"),
        "max_weight": info.get("MaxWeight"),
    }


class AntispamInfoResource(InfoResource):
    json_missing = ("the JSON API's anti-spam reads (antispam-settings, spam-assassin-servers, smtp-auth-bypass, "
                    "smtp-block-rules) are each named by one client that never shows their answers")
    backend = "smartermail"
    item = "anti-spam configuration"
    table = TABLE
    argument_spec = TABLE.argument_spec()

    def validate(self):
        include = self.params.get("include")
        include = set(INCLUDE if include is None else include)
        groups = self.params.get("groups") or list(spam.GROUP_NAMES)
        return [{"key": "info", "state": "present", "include": include,
                 "groups": [g for g in spam.GROUP_NAMES if g in groups]}], []

    def report(self, client, entries):
        entry = entries[0]
        result = {}
        if "settings" in entry["include"]:
            result["settings"] = spam.read_all(client, entry["groups"])
        if "rbls" in entry["include"]:
            result["rbls"] = rbl.read_list(client)
        if "spam_checks" in entry["include"]:
            checks = client.call(SERVICE, "ListSpamChecks").get("spamChecks") or []
            result["spam_checks"] = [spam_check(c) for c in checks]
        return result

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SMTP authentication bypasses of a SmarterMail server (svcServerAdmin): an IP address or a range.

Keyed by the address or ``start-end``; a CIDR ``ip_address`` stands for its range. There is no edit
operation: a new description is DeleteSmtpAuthenticationBypass, then AddSmtpAuthenticationBypass.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_smtp_auth_bypass
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    Opt,
    expand_target,
    target_keep_entry,
    target_key,
    target_options,
    target_params,
)


class SmtpAuthBypassResource(ListResource):
    item = "SMTP authentication bypass"
    single_key = "bypass"
    items = "bypasses"
    list_option = "bypasses"
    options = target_options() + (Opt("description", default=""),)
    key_required = "ip_address or ip_range_start and ip_range_end"

    def key(self, obj):
        return target_key(obj) if obj.get("ip_address") or obj.get("ip_range_start") else None

    def keep_entry(self, value):
        return target_keep_entry(value)

    def prepare(self, entry, where):
        return expand_target(entry, where)

    def read_list(self, client):
        return read_smtp_auth_bypass(client)

    def add(self, obj, secrets):
        return "AddSmtpAuthenticationBypass", dict(target_params(obj), description=obj["description"])

    def remove(self, obj):
        return "DeleteSmtpAuthenticationBypass", target_params(obj)


SmtpAuthBypassResource.argument_spec = SmtpAuthBypassResource.build_spec()

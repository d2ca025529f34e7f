# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SMTP authentication bypasses of a SmarterMail server (svcServerAdmin): an IP address or a range.
The table, the resource and its SOAP adapter.

Keyed by the address or ``start-end``; a CIDR ``ip_address`` stands for its range. There is no edit
operation: a new description is DeleteSmtpAuthenticationBypass, then AddSmtpAuthenticationBypass.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_smtp_auth_bypass
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    DESCRIPTION,
    ListResource,
    ListTable,
    soap_calls,
    target_options,
)

TABLE = ListTable(target_options() + (DESCRIPTION,), list_option="bypasses", what="bypasses")


class SmtpAuthBypassResource(ListResource):
    json_missing = ("no known endpoint of the JSON API writes the SMTP authentication bypasses "
                    "(settings/sysadmin/smtp-auth-bypass is named by one client for reading, without its answer)")
    item, single_key = "SMTP authentication bypass", "bypass"
    # GetSmtpAuthenticationBypasses, AddSmtpAuthenticationBypass, DeleteSmtpAuthenticationBypass (no edit)
    table, adapters = TABLE, soap_calls(read_smtp_auth_bypass, add="AddSmtpAuthenticationBypass",
                                        remove="DeleteSmtpAuthenticationBypass")

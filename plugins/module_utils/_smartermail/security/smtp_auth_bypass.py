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
    Row,
    SoapList,
    target_options,
)

TABLE = ListTable(target_options() + (Row("description", DESCRIPTION, created="", soap="description"),),
                  list_option="bypasses",
                  what="bypasses")


class SoapSmtpAuthBypasses(SoapList):
    """``GetSmtpAuthenticationBypasses``, ``AddSmtpAuthenticationBypass``, ``DeleteSmtpAuthenticationBypass``
    (no edit: a change replaces the entry)."""

    add_operation = "AddSmtpAuthenticationBypass"
    remove_operation = "DeleteSmtpAuthenticationBypass"

    def read_list(self, client):
        return read_smtp_auth_bypass(client)


class SmtpAuthBypassResource(ListResource):
    item = "SMTP authentication bypass"
    single_key = "bypass"
    items = "bypasses"
    list_option = "bypasses"
    ip_target = True
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapSmtpAuthBypasses}

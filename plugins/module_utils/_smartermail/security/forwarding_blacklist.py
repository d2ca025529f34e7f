# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The forwarding black list of a SmarterMail server (svcServerAdmin): domains mail is never forwarded to."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_forwarding_blacklist
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import ListResource, Opt
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key, domain_name_error


class ForwardingBlacklistResource(ListResource):
    item = "forwarding black list entry"
    single_key = "domain"
    items = "domains"
    list_option = "domains"
    string_list = True
    options = (Opt("domain", check=domain_name_error, normalize=domain_key),)
    key_options = ("domain",)

    def read_list(self, client):
        return [{"domain": d} for d in read_forwarding_blacklist(client)]

    def add(self, obj, secrets):
        return "AddForwardingBlacklistEntry", dict(domainName=obj["domain"])

    def remove(self, obj):
        return "DeleteForwardingBlacklistEntry", dict(domainName=obj["domain"])

    def shape(self, key, obj, context):
        return obj["domain"]


ForwardingBlacklistResource.argument_spec = ForwardingBlacklistResource.build_spec()

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Globally trusted senders of a SmarterMail server (svcServerAdmin): e-mail addresses or domains."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_trusted_senders
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    Opt,
    sender_check,
    sender_key,
)


class TrustedSenderResource(ListResource):
    item = "trusted sender"
    single_key = "sender"
    items = "senders"
    list_option = "senders"
    string_list = True
    options = (Opt("sender", check=sender_check, normalize=sender_key),)
    key_options = ("sender",)

    def read_list(self, client):
        return [{"sender": s} for s in read_trusted_senders(client)]

    def add(self, obj, secrets):
        return "AddGlobalTrustedSender", dict(addressOrDomain=obj["sender"])

    def remove(self, obj):
        return "DeleteGlobalTrustedSender", dict(addressOrDomain=obj["sender"])

    def shape(self, key, obj, context):
        return obj["sender"]


TrustedSenderResource.argument_spec = TrustedSenderResource.build_spec()

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Outgoing gateways of SmarterMail (svcServerAdmin), plain or SmarterMail gateways, keyed by address.

AddGateway adds a plain gateway, AddSmarterMailGateway one running SmarterMail (URL, user name and
password of its administrator). UpdateGateway resends the whole gateway: right before it, the
gateway is read again with GetGateway and only the fields this task changes are applied to it.
The server returns the gateway password, so it is compared (never shown).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from functools import partial

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Refresh
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    SERVER,
    ListResource,
    ListTable,
    Row,
    SoapList,
    id_row,
    ip_text,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    domain_key,
    domain_name_error,
    ip_error,
)


def address_check(value, what):
    value = text(value)
    if ip_error(value, what) is None:
        return None
    error = domain_name_error(value, what)
    return "%s must be an IP address or a host name" % what if error else None


def address_key(value):
    value = text(value)
    return ip_text(value) if ip_error(value) is None else (domain_key(value) or "")


def url_check(value, what):
    if text(value) and not re.match(r"^https?://[^\s/]+", text(value), re.I):
        return "%s must be an http(s) URL, got %r" % (what, value)
    return None


# the SOAP column: the parameters of UpdateGateway (AddGateway and AddSmarterMailGateway name them alike)
TABLE = ListTable([
    Row("address", "The IP address or host name of the gateway; it names the gateway.", rule="caseless",
        check=address_check, normalize=address_key, soap="address"),
    Row("enabled", "Whether the gateway is used (V(true) when added without it).", type="bool", rule="bool",
        created=True, soap="enabled"),
    Row("smartermail", "The gateway runs SmarterMail (then O(smartermail_url), O(smartermail_username) and "
        "O(smartermail_password) are required). V(false) when added without it.", type="bool", rule="bool",
        created=False, soap="isSmarterMailServer"),
    Row("smartermail_url", "URL of the gateway's SmarterMail web interface (http or https).", check=url_check,
        normalize=text, soap="smUrl"),
    Row("smartermail_username", "Administrator user name on the gateway.", normalize=text, soap="smUserName"),
    Row("smartermail_password", "Administrator password on the gateway (never shown).", rule="secret", secret=True,
        soap="smPassword"),
    id_row(soap="guid"),
], list_option="gateways", what="gateways")
# what AddSmarterMailGateway sends (AddGateway: the first two)
ADDED = ("address", "enabled", "smartermail_url", "smartermail_username", "smartermail_password")


def gateway_from_wire(g, secrets=False):
    """An outgoing gateway as read (ListGateways, GetGateway); its password only with ``secrets``."""
    def value(name):
        return g.get(name) if g.get(name) is not None else ""
    out = {"guid": value("guid"), "address": value("gatewayAddress"),
           "enabled": bool(g.get("enabled")), "smartermail": bool(g.get("isSmarterMailServer")),
           "smartermail_url": value("smUrl"), "smartermail_username": value("smUserName")}
    if secrets:
        out["smartermail_password"] = value("smPassword")
    return out


def read_gateways(client, secrets=False):
    out = [gateway_from_wire(g, secrets) for g in client.call(SERVER, "ListGateways").get("gateways") or []]
    return sorted(out, key=lambda g: g["address"])


def fresh_gateway(guid):
    def read(client):
        return TABLE.wire(gateway_from_wire(client.call(SERVER, "GetGateway", guid=guid), secrets=True))
    return read


def missing_credentials(obj, mode, what):
    """What a gateway whose option ``mode`` says it runs SmarterMail lacks of its credentials."""
    missing = [o for o in ("smartermail_url", "smartermail_username", "smartermail_password") if not obj.get(o)]
    return ["%s needs %s" % (what, ", ".join(missing))] if obj.get(mode) and missing else []


class SoapGateways(SoapList):
    """``ListGateways``, ``AddGateway`` / ``AddSmarterMailGateway``, ``UpdateGateway`` (after a fresh
    ``GetGateway``), ``RemoveGateway`` (by guid)."""

    read = staticmethod(partial(read_gateways, secrets=True))
    remove_operation, remove_by = "RemoveGateway", ("guid",)

    def add(self, obj, secrets):
        if obj["smartermail"]:
            return "AddSmarterMailGateway", self.sent(obj, ADDED)
        return "AddGateway", self.sent(obj, ADDED[:2])

    def update(self, current, desired, changed, secrets):
        wire = TABLE.column("soap")
        refresh = Refresh(fresh_gateway(current["guid"]), [wire[c] for c in changed if c in wire],
                          target=current["guid"])
        return "UpdateGateway", self.sent(desired, list(wire)), refresh


class GatewayResource(ListResource):
    json_missing = "no source of the JSON API shows an endpoint for outgoing gateways"
    item, single_key = "gateway", "gateway"
    table, adapters = TABLE, {"soap": SoapGateways}

    def desired(self, entry, current):
        obj = super(GatewayResource, self).desired(entry, current)
        if not obj.get("smartermail"):
            # a plain gateway keeps no SmarterMail credentials
            obj.update(smartermail_url="", smartermail_username="", smartermail_password="")
        return obj

    def object_errors(self, obj):
        return missing_credentials(obj, "smartermail", "a SmarterMail gateway (%s)" % obj["address"])

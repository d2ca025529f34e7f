# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Incoming gateways of SmarterMail (svcServerAdmin), keyed by their IP address or range.

Every field of IncomingGatewayAttributes; the server assigns the ``guid``. UpdateIncomingGateway
resends the whole gateway: right before it, the gateway is read again with GetIncomingGateway and
only the fields this task changes are applied to it. The server returns the SmarterMail password,
so it is compared (never shown).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from functools import partial

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Refresh
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.gateway import (
    missing_credentials,
    url_check,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    SERVER,
    ListResource,
    ListTable,
    Row,
    SoapList,
    choice_normalize,
    id_row,
    target_options,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key, domain_name_error

MODES = ("BackupMX", "DomainForward")
USER_VERIFY = ("None", "SMTP", "WebService")
DOMAIN_VERIFY = ("AllButSpecifiedDomains", "SpecifiedDomains", "WebService")
ACTIONS = ("Delete", "Header", "None", "PassScore", "Reroute", "Subject")
# the spam levels: option prefix, the word the documentation uses, SOAP prefix
LEVELS = (("spam_low", "low-spam", "spamLow"), ("spam_medium", "medium-spam", "spamMed"),
          ("spam_high", "high-spam", "spamHigh"), ("not_spam", "non-spam", "notSpam"))


def _choice(name, doc, choices, default, soap):
    return Row(name, doc, choices=choices, normalize=choice_normalize(choices), created=default, soap=soap)


def domains_check(value, what):
    for name in value or []:
        error = domain_name_error(text(name), "%s entry" % what)
        if error:
            return error
    return None


def _level_rows(level, words, soap):
    return (
        _choice("%s_action" % level, "What to do with %s messages - V(Delete), V(Header), V(None), V(PassScore), "
                "V(Reroute) or V(Subject) (V(None) when added without it)." % words, ACTIONS, "None",
                soap + "Action"),
        Row("%s_args" % level, "The argument of the %s action (a header, a subject prefix, an address)." % words,
            created="", soap=soap + "Args"),
    )


# the SOAP column: the fields of IncomingGatewayAttributes (read, added and updated alike)
TABLE = ListTable([
    id_row(soap="guid", created=""),
    _choice("gateway_mode", "V(BackupMX) or V(DomainForward) (V(BackupMX) when added without it).", MODES,
            "BackupMX", "gatewayMode"),
] + list(target_options(soap=("IPAddress", "IPStartRange", "IPEndRange"))) + [
    _choice("user_verify_type", "How the gateway verifies users (V(None) when added without it).", USER_VERIFY,
            "None", "userVerifyType"),
    Row("webservice_url", "URL of the verification web service (required for V(WebService) verification).",
        check=url_check, normalize=text, created="", soap="webserviceURL"),
    _choice("domain_verify_type", "How the gateway verifies domains (V(SpecifiedDomains) when added without it).",
            DOMAIN_VERIFY, "SpecifiedDomains", "domainVerifyType"),
    Row("domains_to_forward", "The domains the gateway forwards (a set; internationalized names as A-labels).",
        type="list", elements="str", rule="set", check=domains_check,
        normalize=lambda v: sorted(set(domain_key(d) for d in v if text(d))), soap="domainsToForward"),
    Row("enable_spam_actions", "Apply the spam actions (V(false) when added without it).", type="bool", rule="bool",
        created=False, soap="enableSpamActions"),
] + [row for level in LEVELS for row in _level_rows(*level)] + [
    Row("smartermail_mode", "The gateway is a SmarterMail server (then O(smartermail_url), O(smartermail_username) "
        "and O(smartermail_password) are required).", type="bool", rule="bool", created=False,
        soap="smarterMailMode"),
    Row("smartermail_url", "URL of the SmarterMail web interface (http or https).", check=url_check, normalize=text,
        created="", soap="smarterMailURL"),
    Row("smartermail_username", "Administrator user name (with O(smartermail_mode)).", normalize=text, created="",
        soap="authSmarterMailUserName"),
    Row("smartermail_password", "Administrator password (with O(smartermail_mode); never shown).", rule="secret",
        secret=True, soap="authSmarterMailPassword"),
], list_option="gateways", what="incoming gateways", key="ip_address")
# option -> SOAP field, the secret and the domain list aside (read on their own)
WIRE = dict(TABLE.column("soap"))
PLAIN = tuple((o, w) for o, w in WIRE.items() if o not in ("smartermail_password", "domains_to_forward"))


def incoming_from_wire(g, secrets=False):
    """An incoming gateway as read (ListIncomingGateways, GetIncomingGateway); its password only
    with ``secrets``."""
    item = {}
    for key, wire in PLAIN:
        value = g.get(wire)
        item[key] = value if isinstance(value, bool) else ("" if value is None else value)
    domains = g.get("domainsToForward") or []
    if isinstance(domains, dict):
        domains = domains.get("string") or []
    item["domains_to_forward"] = sorted(d.lower() for d in domains if d)
    if secrets:
        item["smartermail_password"] = "" if g.get(WIRE["smartermail_password"]) is None \
            else g.get(WIRE["smartermail_password"])
    return item


def read_incoming_gateways(client, secrets=False):
    out = [incoming_from_wire(g, secrets)
           for g in client.call(SERVER, "ListIncomingGateways").get("incGateways") or []]
    return sorted(out, key=lambda g: (g["ip_address"], g["ip_range_start"]))


def fresh_incoming(guid):
    def read(client):
        gateway = client.call(SERVER, "GetIncomingGateway", guid=guid).get("gateway") or {}
        return {"updatedIncomingGateway": TABLE.wire(incoming_from_wire(gateway, secrets=True))}
    return read


class SoapIncomingGateways(SoapList):
    """``ListIncomingGateways``, ``AddIncomingGateway``, ``UpdateIncomingGateway`` (after a fresh
    ``GetIncomingGateway``), ``RemoveIncomingGateway`` (by guid)."""

    read = staticmethod(partial(read_incoming_gateways, secrets=True))
    remove_operation, remove_by = "RemoveIncomingGateway", ("guid",)

    def add(self, obj, secrets):
        return "AddIncomingGateway", dict(newIncomingGateway=self.sent(obj))

    def update(self, current, desired, changed, secrets):
        paths = [("updatedIncomingGateway", WIRE[c]) for c in changed if c in WIRE]
        refresh = Refresh(fresh_incoming(current["guid"]), paths, target=current["guid"])
        return "UpdateIncomingGateway", dict(guid=current["guid"], updatedIncomingGateway=self.sent(desired)), refresh


class IncomingGatewayResource(ListResource):
    json_missing = "no source of the JSON API shows an endpoint for incoming gateways"
    item, single_key = "incoming gateway", "gateway"
    table, adapters = TABLE, {"soap": SoapIncomingGateways}

    def object_errors(self, obj):
        errors = []
        if "WebService" in (obj.get("user_verify_type"), obj.get("domain_verify_type")) and not obj.get(
                "webservice_url"):
            errors.append("incoming gateway %s: WebService verification needs webservice_url" % self.label(obj))
        return errors + missing_credentials(obj, "smartermail_mode",
                                            "incoming gateway %s: smartermail_mode" % self.label(obj))

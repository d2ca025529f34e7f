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

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError, Refresh
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.gateway import url_check
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import (
    INCOMING_FIELDS,
    SERVER,
    incoming_from_wire,
    read_incoming_gateways,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    Opt,
    choice_normalize,
    expand_target,
    target_keep_entry,
    target_key,
    target_options,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key, domain_name_error

MODES = ("BackupMX", "DomainForward")
USER_VERIFY = ("None", "SMTP", "WebService")
DOMAIN_VERIFY = ("AllButSpecifiedDomains", "SpecifiedDomains", "WebService")
ACTIONS = ("Delete", "Header", "None", "PassScore", "Reroute", "Subject")
LEVELS = ("spam_low", "spam_medium", "spam_high", "not_spam")


def _choice(name, choices, default):
    return Opt(name, choices=choices, normalize=choice_normalize(choices), default=default)


def domains_check(value, what):
    for name in value or []:
        error = domain_name_error(text(name), "%s entry" % what)
        if error:
            return error
    return None


WIRE = dict(INCOMING_FIELDS)
WIRE.update(domains_to_forward="domainsToForward", smartermail_password="authSmarterMailPassword")


def _wire(obj):
    out = dict((WIRE[o], obj.get(o)) for o in WIRE if o != "guid")
    for o in ("enable_spam_actions", "smartermail_mode"):
        out[WIRE[o]] = bool(obj.get(o))
    for key, value in out.items():
        if value is None:
            out[key] = ""
    out["domainsToForward"] = list(obj.get("domains_to_forward") or [])
    return out


def fresh_incoming(guid):
    def read(client):
        gateway = client.call(SERVER, "GetIncomingGateway", guid=guid).get("gateway") or {}
        return {"updatedIncomingGateway": _wire(incoming_from_wire(gateway, secrets=True))}
    return read


class IncomingGatewayResource(ListResource):
    item = "incoming gateway"
    single_key = "gateway"
    items = "gateways"
    list_option = "gateways"
    options = target_options() + (
        _choice("gateway_mode", MODES, "BackupMX"),
        _choice("user_verify_type", USER_VERIFY, "None"),
        Opt("webservice_url", check=url_check, normalize=text, default=""),
        _choice("domain_verify_type", DOMAIN_VERIFY, "SpecifiedDomains"),
        Opt("domains_to_forward", type="list", elements="str", rule="set", check=domains_check,
            normalize=lambda v: sorted(set(domain_key(d) for d in v if text(d)))),
        Opt("enable_spam_actions", type="bool", rule="bool", default=False),
    ) + tuple(x for level in LEVELS for x in (_choice("%s_action" % level, ACTIONS, "None"),
                                              Opt("%s_args" % level, default=""))) + (
        Opt("smartermail_mode", type="bool", rule="bool", default=False),
        Opt("smartermail_url", check=url_check, normalize=text, default=""),
        Opt("smartermail_username", normalize=text, default=""),
        Opt("smartermail_password", rule="secret", secret=True),
        Opt("guid", read_only=True),
    )
    key_required = "ip_address or ip_range_start and ip_range_end"

    def key(self, obj):
        return target_key(obj) if obj.get("ip_address") or obj.get("ip_range_start") else None

    def keep_entry(self, value):
        return target_keep_entry(value)

    def prepare(self, entry, where):
        return expand_target(entry, where)

    def read_list(self, client):
        return read_incoming_gateways(client, secrets=True)

    def desired(self, entry, current):
        obj = super(IncomingGatewayResource, self).desired(entry, current)
        if current is None:
            obj["guid"] = ""
            obj["domains_to_forward"] = obj.get("domains_to_forward") or []
            obj.setdefault("smartermail_password", "")
        return obj

    def object_errors(self, obj):
        errors = []
        if "WebService" in (obj.get("user_verify_type"), obj.get("domain_verify_type")) and not obj.get(
                "webservice_url"):
            errors.append("incoming gateway %s: WebService verification needs webservice_url" % self.label(obj))
        if obj.get("smartermail_mode"):
            missing = [o for o in ("smartermail_url", "smartermail_username", "smartermail_password")
                       if not obj.get(o)]
            if missing:
                errors.append("incoming gateway %s: smartermail_mode needs %s" % (self.label(obj), ", ".join(missing)))
        return errors

    def create_errors(self, entry, desired):
        return self.object_errors(desired)

    def add(self, obj, secrets):
        return "AddIncomingGateway", dict(newIncomingGateway=_wire(obj))

    def update(self, current, desired, changed, secrets):
        problems = self.object_errors(desired)
        if problems:
            raise PlanError("; ".join(problems))
        paths = [("updatedIncomingGateway", WIRE[c]) for c in changed if c in WIRE]
        refresh = Refresh(fresh_incoming(current["guid"]), paths, target=current["guid"])
        return "UpdateIncomingGateway", dict(guid=current["guid"], updatedIncomingGateway=_wire(desired)), refresh

    def remove(self, obj):
        return "RemoveIncomingGateway", dict(guid=obj["guid"])


IncomingGatewayResource.argument_spec = IncomingGatewayResource.build_spec()

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""System administrators of a SmarterMail server (svcServerAdmin), keyed by user name (without case).

The options are ``name`` and ``admin_password``: ``username`` and ``password`` are the connection's.

The server never returns a password: ``admin_password`` is sent on create and, with
``update_password=always``, with SetSystemAdminPassword on every run. The primary administrator can
never be removed, nor can the administrator the task logs in as (``username``): a purge skips them
with a warning, ``state=absent`` on them fails before any write (in check mode too).
The description cannot be edited through the web service.

IP restrictions: ListSystemAdmins says only whether an administrator is restricted, never to
which addresses, so ``ip_restrictions`` (IP addresses or ranges ``x.x.x.x-y.y.y.y``, a CIDR
network standing for its range) are added when the administrator is created or has none; an
administrator that has restrictions keeps them as they are. ``remove_ip_restrictions`` removes
restrictions from an administrator that has some, one call each (the server's answer that one is not there counts as removed); while other
restrictions remain, the server cannot tell which are gone, so such a task reports a change on
every run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_system_admins
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    SoapList,
    id_row,
    ip_check,
    missing_to_add,
    ip_text,
    range_errors,
    text,
)

_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def name_check(value, what):
    if not _NAME.match(text(value)):
        return "%s must be 1-64 letters, digits, '.', '_' or '-' (a domain login with '@' is no system " \
               "administrator), got %r" % (what, value)
    return None


def restriction(value):
    """An IP restriction as the server stores it: an address or ``first-last`` (CIDR expanded)."""
    value = text(value)
    if "/" in value:
        try:
            network = ipaddress.ip_network(u"%s" % value, strict=True)
        except ValueError:
            return value  # refused by restrictions_check
        if network.num_addresses == 1:
            return "%s" % network.network_address
        return "%s-%s" % (network.network_address, network.broadcast_address)
    if "-" in value:
        first, dummy, last = value.partition("-")
        return "%s-%s" % (ip_text(first), ip_text(last))
    return ip_text(value)


def restrictions_check(values, what):
    errors = []
    for value in values or []:
        value = text(value)
        if "/" in value:
            try:
                ipaddress.ip_network(u"%s" % value, strict=True)
            except ValueError as exc:
                errors.append("%s entry %r is not a valid CIDR network (%s)" % (what, value, exc))
        elif "-" in value:
            first, dummy, last = value.partition("-")
            errors.extend(range_errors(ip_text(first), ip_text(last), "%s entry %r" % (what, value)))
        else:
            error = ip_check(value, "%s entry" % what) if value else "%s entry must not be blank" % what
            if error:
                errors.append(error)
    return "; ".join(errors) or None


def _restrictions(values):
    return sorted(set(restriction(v) for v in values)) if values is not None else None


PASSWORD_DOC = ("The administrator's password (never shown). Required to add an administrator. (O(password) is the "
                "password of the connection.)")
REMOVE_DOC = "IP addresses or ranges to remove from an administrator that has restrictions (none may also be in %s)."

# the SOAP column: the parameters of AddSystemAdmin, SetSystemAdminPassword and the IP restriction calls
TABLE = ListTable([
    Row("name", "The login name (letters, digits, C(.), C(_), C(-); a login with C(@) is a domain user).",
        rule="caseless", check=name_check, normalize=text, soap="newAdminUsername"),
    Row("description", "A description for display, set when the administrator is added.", created="",
        normalize=text, soap="newAdminDescription"),
    Row("admin_password", [
        PASSWORD_DOC,
        "The server never returns it, so it is not compared. The diff says C(********) for an administrator added, "
        "and C(********) before and C(******** (changed)) after when the task sets it again "
        "(O(update_password=always)).",
    ], entry_doc=[PASSWORD_DOC], write_only=True, secret=True, soap="newAdminPassword (SetSystemAdminPassword: newPassword)"),
    Option("update_password", "V(always) sets O(admin_password) on every run; V(on_create) only when the "
           "administrator is added.", choices=["always", "on_create"], default="always", entry=False, no_log=False),
    Row("ip_restrictions", "IP addresses or ranges (C(x.x.x.x-y.y.y.y), or a CIDR network) the administrator may log "
        "in from; added when the administrator is added or has no restriction.", type="list", elements="str",
        write_only=True, check=restrictions_check, normalize=_restrictions,
        soap="ipAddressOrRange (one AddIPRestrictionToSystemAdmin each)"),
    Row("remove_ip_restrictions", REMOVE_DOC % "O(ip_restrictions), or the task fails before any call",
        entry_doc=[REMOVE_DOC % "O(admins[].ip_restrictions)"], type="list", elements="str", write_only=True,
        check=restrictions_check, normalize=_restrictions,
        soap="ipAddressOrRange (one RemoveIPRestrictionFromSystemAdmin each)"),
    Row("primary", "Read only - whether this is the primary administrator (ignored on input).", type="bool",
        read_only=True, created=False, soap="IsPrimaryAdmin"),
    Row("restricted_by_ip", "Read only - whether the administrator has IP restrictions (ignored on input).",
        type="bool", read_only=True, created=False, soap="RestrictedByIp"),
    id_row("id", soap="ID", created=""),
    Row("date_created", "Read only - when the administrator was created (ignored on input).", read_only=True,
        created="", soap="DateCreated"),
], list_option="admins", what="administrators")


def restrict(username, values):
    """The calls adding IP restrictions ``values`` to an administrator."""
    return [("AddIPRestrictionToSystemAdmin", dict(adminUsername=username, ipAddressOrRange=v, restrictionDescription=""),
             None, "restrict system administrator %s to %s" % (username, v)) for v in values]


def send_tolerant(client):
    """Writes as sent; the server's answer that a restriction to remove is not there (ResultCode -3)
    means it is already removed."""
    def send(write):
        try:
            return client.write(write.service, write.operation, **write.params)
        except SmarterMailError as exc:
            if write.operation == "RemoveIPRestrictionFromSystemAdmin" and exc.result_code == -3:
                return None
            raise
    return send


class SoapSystemAdmins(SoapList):
    """``ListSystemAdmins``, ``AddSystemAdmin``, ``SetSystemAdminPassword``, ``DeleteSystemAdmin``,
    ``AddIPRestrictionToSystemAdmin`` and ``RemoveIPRestrictionFromSystemAdmin``."""

    execute = staticmethod(send_tolerant)

    def read_list(self, client):
        return read_system_admins(client)

    def add(self, obj, secrets):
        calls = [("AddSystemAdmin", dict(newAdminUsername=obj["name"], newAdminPassword=secrets["admin_password"],
                                         newAdminDescription=obj["description"] or ""))]
        return calls + restrict(obj["name"], secrets.get("ip_restrictions") or [])

    def update(self, current, desired, changed, secrets):
        name, calls = current["name"], []
        if "admin_password" in changed:
            calls.append(("SetSystemAdminPassword",
                          dict(systemAdminUsername=name, newPassword=secrets["admin_password"])))
        if "remove_ip_restrictions" in changed:
            calls += [("RemoveIPRestrictionFromSystemAdmin", dict(adminUsername=name, ipAddressOrRange=v), None,
                       "remove IP restriction %s from system administrator %s" % (v, name))
                      for v in secrets["remove_ip_restrictions"]]
        if "ip_restrictions" in changed:
            calls += restrict(name, secrets["ip_restrictions"])
        return calls

    def remove(self, obj):
        if obj.get("primary"):
            raise PlanError("system administrator %s is the primary administrator and cannot be removed"
                            % obj["name"])
        return "DeleteSystemAdmin", dict(systemAdminUsername=obj["name"])


class SystemAdminResource(ListResource):
    json_missing = "no known endpoint of the JSON API lists, adds or removes system administrators"
    item, single_key = "system administrator", "admin"
    table, adapters = TABLE, {"soap": SoapSystemAdmins}

    def label(self, obj):
        return obj["name"]

    def protected(self, key, current, context):
        return "it is the primary administrator" if current.get("primary") else None

    def own_key(self):
        """The administrator the task logs in as (``username``): never removed."""
        return text(self.params.get("username")).lower() or None

    def create_errors(self, entry, desired):
        return missing_to_add(entry, ["admin_password"], "system administrator %s" % entry["name"])

    def desired(self, entry, current):
        obj = super(SystemAdminResource, self).desired(entry, current)
        if entry.get("ip_restrictions") and not (current or {}).get("restricted_by_ip"):
            obj["restricted_by_ip"] = True
        return obj

    def changes(self, entry, current, desired):
        changed = super(SystemAdminResource, self).changes(entry, current, desired)
        if "description" in changed:
            raise PlanError("the description of system administrator %s cannot be changed through the web service"
                            % current["name"])
        if entry.get("ip_restrictions") and not current.get("restricted_by_ip"):
            # an administrator with restrictions keeps them: the server does not say which they are
            changed.append("ip_restrictions")
        if entry.get("remove_ip_restrictions") and current.get("restricted_by_ip"):
            changed.append("remove_ip_restrictions")
        return changed

    def entry_errors(self, entry, where):
        both = sorted(set(entry.get("ip_restrictions") or []) & set(entry.get("remove_ip_restrictions") or []))
        if both:
            return ["%s: %s in both ip_restrictions and remove_ip_restrictions" % (where, ", ".join(both))]
        return []

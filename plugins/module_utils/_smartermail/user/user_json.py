# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailbox users over the JSON API (domain-scoped token).

- read: ``GET settings/domain/list-users`` -> ``userData[]`` {``userName``, ``securityFlags``
  {``isDomainAdmin``}, ``isPrimaryDomainAdmin``, ``maxMailboxSize`` (bytes)} [CBX, PYZ, ARTV];
  names from ``GET settings/domain/user-mail/{email}`` -> ``userMailSettings.userContactInfo``
  {``firstName``, ``lastName``} [FUSE, CBX, ASTRAL]; forwarding from
  ``GET settings/domain/mailbox-forward-list/{email}`` -> ``mailboxForwardList`` {``forwardList``,
  ``deleteOnForward``} [FUSE, CBX];
- create: ``POST settings/domain/user-put`` {``userData``: {``userName``, ``password``,
  ``maxMailboxSize`` (bytes, 0 = unlimited), ``securityFlags``: {``isDomainAdmin``,
  ``authType``: 0}}, ``userMailSettings``: {``userContactInfo``}} [ASTRAL, FUSE, CBX, WGS];
- update: ``POST settings/domain/post-user`` {``email``, ``userData``} (the password only when it
  changes) [ASTRAL, FUSE, CBX] and ``POST settings/domain/post-user-mail`` {``email``,
  ``userMailSettings``} [FUSE, CBX]; CBX resends the whole object, so each is rebuilt from a read
  made right before it (``GET settings/domain/user/{email}``, ``.../user-mail/{email}``) with only
  the task's changes applied;
- forwarding: ``POST settings/domain/post-mailbox-forward-list`` {``email``,
  ``mailboxForwardList``} [ASTRAL, CBX], rebuilt from a fresh read the same way; a non-empty list
  also sets ``userMailSettings.enableMailForwarding`` (forwarding needs it) [CBX, FUSE];
- delete: ``POST settings/domain/user-delete/{localpart}`` [FUSE; CBX and ASTRAL use other forms].

Not served (refused before any call): changing the password of an existing user with
``update_password: always`` (the JSON API never returns a password, so the task cannot tell
whether it differs: use ``on_create``), ``auto_responder`` (user-scoped endpoint known from one
client only, with an unknown field type), free-form ``settings`` (no known JSON names),
``activesync``, ``rss_feeds`` and ``verify_password`` (no known endpoint).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Refresh, as_set, to_bool
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    MB,
    JsonSubclass,
    RefusedOption,
    add_write,
    name_in_use,
    segment,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import UPDATE_PARAM, UserResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import address_key

MODULE = "smartermail_user"
CREATE = "settings/domain/user-put"
# UpdateUser2 parameter -> (JSON call, key path in its body)
USER_DATA = {
    "NewPassword": ("user", ("body", "userData", "password")),
    "IsDomainAdmin": ("user", ("body", "userData", "securityFlags", "isDomainAdmin")),
    "maxMailboxSize": ("user", ("body", "userData", "maxMailboxSize")),
    "NewFirstName": ("mail", ("body", "userMailSettings", "userContactInfo", "firstName")),
    "NewLastName": ("mail", ("body", "userMailSettings", "userContactInfo", "lastName")),
}


def _set(body, path, value):
    for part in path[1:-1]:
        body = body.setdefault(part, {})
    body[path[-1]] = value


def fresh(domain, path, key, address):
    """The ``Refresh`` read of a whole-object write: ``GET path`` -> {"body": {key: object}}."""
    def read(client):
        return {"body": {key: client.get(path + segment(address), scope=domain).get(key) or {}}}
    return read


def _password_always(resource, entries):
    return resource.params.get("update_password") == "always" and any(e.get("password") for e in entries)


NOT_SERVED = (
    RefusedOption("update_password", "the JSON API never returns a password, so the task cannot tell whether it "
                  "differs (set update_password: on_create to set it when the user is created)",
                  when=_password_always, label="a password with update_password: always"),
    RefusedOption("auto_responder", "its user-scoped endpoint is known from one client only"),
    RefusedOption("settings", "the SOAP user settings keys have no known JSON API names"),
    RefusedOption("activesync", "no known endpoint reads or toggles a user's ActiveSync"),
    RefusedOption("rss_feeds", "no known endpoint lists or changes a user's RSS feeds"),
    RefusedOption("verify_password", "no known endpoint checks a user's password without logging in as the user"),
)


class JsonUserResource(JsonSubclass, UserResource):
    module = MODULE
    not_served = NOT_SERVED

    # -- reading ----------------------------------------------------------------------------
    def read_all(self, client, entries):
        answer = client.get("settings/domain/list-users", scope=self.domain)
        current, self._primary = {}, ""
        for data in answer.get("userData") or []:
            name = ("%s" % (data.get("userName") or "")).partition("@")[0].lower()
            if not name:
                continue
            flags = data.get("securityFlags") or {}
            current[name] = {"name": name, "domain_admin": to_bool(flags.get("isDomainAdmin")),
                             "max_mailbox_size_mb": int(data.get("maxMailboxSize") or 0) // MB,
                             "password": None}  # never returned by the JSON API
            if data.get("isPrimaryDomainAdmin"):
                self._primary = name
        for entry in entries:
            if entry["state"] == "present" and entry["key"] in current:
                current[entry["key"]].update(self.read_extras(client, entry, current[entry["key"]]))
        return current

    def read_one(self, client, entry):
        return self.read_all(client, [entry]).get(entry["key"])

    def read_extras(self, client, entry, obj):
        address = self.address(entry["key"])
        mail = client.get("settings/domain/user-mail/" + segment(address), scope=self.domain)
        contact = (mail.get("userMailSettings") or {}).get("userContactInfo") or {}
        extras = {"first_name": contact.get("firstName") or "", "last_name": contact.get("lastName") or ""}
        if entry.get("forwarding") is not None:
            fwd = client.get("settings/domain/mailbox-forward-list/" + segment(address),
                             scope=self.domain).get("mailboxForwardList") or {}
            extras["forwarding"] = {"addresses": sorted(as_set(fwd.get("forwardList"), address_key)),
                                    "delete_on_forward": to_bool(fwd.get("deleteOnForward"))}
        return extras

    def read_links(self, client, entries, current):
        if not self.purging():
            return {}
        return {"primary_admin": getattr(self, "_primary", "")}

    # -- planning ---------------------------------------------------------------------------
    def exists_error(self, write, error):
        return write.operation == "POST " + CREATE and name_in_use(error)

    def _write(self, plan, phase, operation, description, key, refresh=None, **params):
        address = self.address(key)
        if operation == "AddUser2":
            add_write(plan, phase, CREATE, description, key, self.domain, {
                "userData": {"userName": key, "password": params["NewPassword"],
                             "maxMailboxSize": int(params["maxMailboxSize"] or 0) * MB,
                             "securityFlags": {"isDomainAdmin": bool(params["IsDomainAdmin"]), "authType": 0}},
                "userMailSettings": {"userContactInfo": {"firstName": params["FirstName"],
                                                         "lastName": params["LastName"]}}})
        elif operation == "UpdateUser2":
            changed = list(refresh.changed) if refresh is not None else list(UPDATE_PARAM.values())
            for call, path, key_name, what in (("user", "settings/domain/post-user", "userData", "user"),
                                               ("mail", "settings/domain/post-user-mail", "userMailSettings",
                                                "names")):
                names = [p for p in changed if USER_DATA[p][0] == call]
                if not names:
                    continue
                body = {"email": address}
                for name in names:
                    value = params[name]
                    if name == "NewPassword" and not value:
                        continue
                    value = int(value or 0) * MB if name == "maxMailboxSize" else value
                    _set(body, USER_DATA[name][1], value)
                read_path = "settings/domain/user/" if call == "user" else "settings/domain/user-mail/"
                add_write(plan, phase, path, description, key, self.domain, body,
                          refresh=Refresh(fresh(self.domain, read_path, key_name, address),
                                          [USER_DATA[n][1] for n in names], target=address))
        elif operation == "UpdateUserForwardingInfo2":
            addresses = list(params["ForwardingAddresses"])
            add_write(plan, phase, "settings/domain/post-mailbox-forward-list", description, key, self.domain,
                      {"email": address, "mailboxForwardList": {"forwardList": addresses,
                                                                "deleteOnForward": bool(params["DeleteOnForward"])}},
                      refresh=Refresh(fresh(self.domain, "settings/domain/mailbox-forward-list/",
                                            "mailboxForwardList", address),
                                      [("body", "mailboxForwardList", "forwardList"),
                                       ("body", "mailboxForwardList", "deleteOnForward")], target=address))
            if addresses:
                add_write(plan, phase, "settings/domain/post-user-mail", "enable mail forwarding of user %s" % address,
                          key, self.domain, {"email": address, "userMailSettings": {"enableMailForwarding": True}},
                          refresh=Refresh(fresh(self.domain, "settings/domain/user-mail/", "userMailSettings",
                                                address),
                                          [("body", "userMailSettings", "enableMailForwarding")], target=address))
        elif operation == "DeleteUser":
            add_write(plan, phase, "settings/domain/user-delete/" + segment(key), description, key, self.domain)
        else:  # a SOAP write this adapter does not know: never sent as something else
            raise ValueError("no JSON API call for %s" % operation)

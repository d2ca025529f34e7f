# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domains over the JSON API (system administrator's token).

- read: ``GET settings/sysadmin/domain-settings/{domain}`` -> ``domainSettings``; ``success``
  false means absent, confirmed by ``GET settings/sysadmin/domains`` (FUSE uses ``success`` as the
  existence test) [FUSE, CBX];
- create: ``POST settings/sysadmin/domain-put`` {``domainData``: {``name``, ``path``,
  ``userLimit``, ``aliasLimit``, ``listLimit``, ``maxSize`` (bytes)}, ``adminUsername``,
  ``adminPassword``, ``domainLocation``: 0}; a taken name answers ``DOMAIN_ADD_ERROR_NAME_IN_USE``
  [ASTRAL, FUSE, CBX, PYT]; what domain-put does not take goes in a domain-settings update after it;
- update: ``POST settings/sysadmin/domain-settings/{domain}`` {``domainSettings``: only the keys
  that change}; the server merges them (partial update) [ASTRAL, FUSE, PYT]. Enable/disable is
  ``isEnabled`` there [ASTRAL, FUSE, PYT];
- delete: ``POST settings/sysadmin/domain-delete/{domain}/{deleteFiles}`` [FUSE, ASTRAL, CBX, PYT];
- primary admin: ``mainDomainAdmin`` of the domain settings (read and written) [ASTRAL comments
  only: single source; writing it there is an inference].

Field names (``maxAliases``, ``maxDomainAliases``, ``maxUsers``, ``maxLists``, ``maxRecipients``,
``maxSize``, ``showDomainAliasMenu``, ``showListMenu``, ``showSpamMenu``,
``requireSmtpAuthentication``, ``listCommandAddress``, ``isEnabled``, ``domainPath``) are those
FUSE reads and writes. Sizes are bytes on the wire: ``max_domain_size_mb`` x 1048576.

Not served (refused before any call): the IP address and the IMAP, POP and SMTP ports, the
content-filtering menu (no source names a field), ``max_message_size_kb`` (FUSE reads
``maxMessageSize`` as is but writes it x 1048576: its unit is uncertain), free-form ``settings``
(the SOAP requested-settings keys have no known JSON names), ``rename_from`` (``rename-domain``
is in one client only and untested here), the primary admin's names (domain-put takes none) and
``server_defaults: false`` (domain-put always starts from the server's defaults), ``reload`` and
``archive_path`` (no known endpoint).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import to_bool
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    MB,
    SYSADMIN,
    JsonSubclass,
    RefusedOption,
    add_write,
    name_in_use,
    segment,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain import DomainResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key, local_key

MODULE = "smartermail_domain"
CREATE = "settings/sysadmin/domain-put"
SETTINGS = "settings/sysadmin/domain-settings/"
# option -> (domainSettings field, to the wire, from the wire)
WIRE = {
    "max_aliases": ("maxAliases", int, int),
    "max_domain_aliases": ("maxDomainAliases", int, int),
    "max_lists": ("maxLists", int, int),
    "max_users": ("maxUsers", int, int),
    "max_recipients": ("maxRecipients", int, int),
    "max_domain_size_mb": ("maxSize", lambda mb: int(mb) * MB, lambda b: int(b or 0) // MB),
    "show_domain_alias_menu": ("showDomainAliasMenu", bool, to_bool),
    "show_spam_menu": ("showSpamMenu", bool, to_bool),
    "show_list_menu": ("showListMenu", bool, to_bool),
    "require_smtp_authentication": ("requireSmtpAuthentication", bool, to_bool),
    "list_command_address": ("listCommandAddress", lambda v: v, lambda v: ("%s" % (v or "")).lower()),
}
# domain-put's domainData carries these limits itself
CREATE_DATA = {"max_users": "userLimit", "max_aliases": "aliasLimit", "max_lists": "listLimit",
               "max_domain_size_mb": "maxSize"}
NO_FIELD = "the JSON API has no known field for it"
NOT_SERVED = (
    RefusedOption("ip", NO_FIELD + " (outgoingIP is another setting)"),
    RefusedOption("imap_port", NO_FIELD),
    RefusedOption("pop_port", NO_FIELD),
    RefusedOption("smtp_port", NO_FIELD),
    RefusedOption("show_content_filtering_menu", NO_FIELD),
    RefusedOption("max_message_size_kb", "the unit of maxMessageSize is uncertain (clients disagree)"),
    RefusedOption("settings", "the SOAP requested-settings keys have no known JSON API names",
                  when=lambda resource, entries: bool(resource.params.get("settings"))),
    RefusedOption("rename_from", "no verified rename endpoint"),
    RefusedOption("rename_path", "no verified rename endpoint"),
    RefusedOption("primary_admin_first_name", "settings/sysadmin/domain-put takes no names for the primary admin"),
    RefusedOption("primary_admin_last_name", "settings/sysadmin/domain-put takes no names for the primary admin"),
    RefusedOption("server_defaults", "domain-put always starts from the server's defaults", label="server_defaults: false"),
    RefusedOption("reload", "no known endpoint reloads a domain from disk", label="reload: true"),
    RefusedOption("archive_path", "no known endpoint sets a domain's archive rule"),
)


class JsonDomainResource(JsonSubclass, DomainResource):
    module = MODULE
    not_served = NOT_SERVED

    # -- reading ----------------------------------------------------------------------------
    def read_one(self, client, entry, enabled=False):
        name = entry["key"]
        try:
            settings = client.get(SETTINGS + segment(name), scope=SYSADMIN).get("domainSettings") or {}
        except SmarterMailError as exc:
            if exc.http_status not in (200, 400, 404):
                raise
            names = [domain_key(d.get("name")) for d in client.get("settings/sysadmin/domains").get("data") or []
                     if isinstance(d, dict)]
            if name in names:
                raise
            return None
        obj = {"name": name, "path": settings.get("domainPath") or ""}
        for option, (field, dummy, from_wire) in WIRE.items():
            if field in settings:
                obj[option] = from_wire(settings.get(field))
        if enabled or entry.get("enabled") is not None:
            obj["enabled"] = to_bool(settings.get("isEnabled", True))
        if entry.get("primary_admin"):
            obj["primary_admin"] = local_key(("%s" % (settings.get("mainDomainAdmin") or "")).partition("@")[0])
        return obj

    # -- planning ---------------------------------------------------------------------------
    def exists_error(self, write, error):
        return write.operation == "POST " + CREATE and name_in_use(error)

    @staticmethod
    def _wire(entry, options):
        return dict((WIRE[o][0], WIRE[o][1](entry[o])) for o in options)

    def _settings(self, plan, phase, name, fields, description):
        add_write(plan, phase, SETTINGS + segment(name), description, name, SYSADMIN, {"domainSettings": fields})

    def plan_create(self, plan, entry, desired):
        params, name = self.params, entry["key"]
        data = {"name": name}
        if params.get("path"):
            data["path"] = params["path"]
        for option, field in CREATE_DATA.items():
            if entry.get(option) is not None:
                data[field] = WIRE[option][1](entry[option])
        add_write(plan, "create", CREATE, "create domain %s" % name, name, SYSADMIN,
                  {"domainData": data, "adminUsername": params["primary_admin"],
                   "adminPassword": params["primary_admin_password"], "domainLocation": 0})
        rest = [o for o in WIRE if o not in CREATE_DATA and entry.get(o) is not None]
        fields = self._wire(entry, rest)
        if entry.get("enabled") is False:
            fields["isEnabled"] = False
        if fields:
            self._settings(plan, "create", name, fields, "update %s of domain %s" % (", ".join(
                rest + (["enabled"] if entry.get("enabled") is False else [])), name))

    def plan_update(self, plan, entry, current, desired, changed):
        name = entry["key"]
        options = [o for o in changed if o in WIRE]
        fields = self._wire(entry, options)
        if "enabled" in changed:
            fields["isEnabled"] = bool(entry["enabled"])
            options.append("enabled")
        if "primary_admin" in changed:
            fields["mainDomainAdmin"] = entry["primary_admin"]
            options.append("primary_admin")
        if fields:
            self._settings(plan, "update", name, fields, "update %s of domain %s" % (", ".join(options), name))

    def plan_remove(self, plan, key, current):
        delete_files = bool(self.params.get("delete_files"))
        add_write(plan, "remove", "settings/sysadmin/domain-delete/%s/%s" % (
            segment(key), "true" if delete_files else "false"),
            "delete domain %s%s" % (key, " and its files" if delete_files else ""), key, SYSADMIN)

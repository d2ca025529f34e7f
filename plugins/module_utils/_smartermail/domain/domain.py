# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SmarterMail domains: existence, typed settings, requested settings, admin. The table, the
resource, and its SOAP (svcDomainAdmin) and JSON API adapters.

A domain is a single object. ``UpdateDomain`` (and ``AddDomain``) take every typed setting at
once, so their planned parameters hold only what the user set and carry a ``Refresh``: right
before the call, the engine completes them from a fresh ``GetDomainSettings`` of the domain
(``UpdateDomain``; after a rename in the same task, under the new name) or from
``GetDomainDefaults`` (``AddDomain``, which documents that it takes the server's defaults), and
only the options the task changes keep the planned value. A typed setting another writer changed
since the task's first read is therefore not undone; what remains is the time between that fresh
read and the write (see docs/reliability.md).

Over the JSON API (a system administrator's token):

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

The ``domainSettings`` names of the table's JSON column are those FUSE reads and writes; sizes are
bytes on the wire (``max_domain_size_mb`` x 1048576). What the JSON API cannot serve is
``NotServed`` in that column, with the reason its refusal gives: no source names a field for the
IP address, the ports or the content-filtering menu; FUSE reads ``maxMessageSize`` as is but
writes it x 1048576 (its unit is uncertain); the SOAP requested-settings keys have no known JSON
names; ``rename-domain`` is in one client only and untested here; domain-put takes no names for
the primary admin and always starts from the server's defaults; no known endpoint reloads a domain
or sets its archive rule.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    PlanError,
    Refresh,
    Resource,
    apply_fields,
    changed_fields,
    changed_settings,
    parse_settings,
    setting_text,
    settings_list,
    to_bool,
    typed_setting,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed, Option, Table, Wire
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.estate import PARALLEL
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    MB,
    SYSADMIN,
    JsonAdapter,
    add_write,
    segment,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.settings_keys import DOMAIN_SETTING_KINDS
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    domain_key,
    domain_name_error,
    ip_error,
    local_key,
    local_part_error,
    non_negative_error,
    port_error,
    settings_errors,
    size_mb_long_error,
)

SERVICE = "svcDomainAdmin"
JSON_CREATE = "settings/sysadmin/domain-put"
JSON_SETTINGS = "settings/sysadmin/domain-settings/"


def optional_ip_error(value, what="IP address"):
    """An IP address, or the empty text (the domain listens on no particular IP)."""
    return None if value == "" else ip_error(value, what)


def list_command_address_error(value, what="list_command_address"):
    """A local part (``stserv``: the domain is implied), or the empty text (none); checked as it is
    compared and sent: stripped and lower case."""
    name = local_key(value)
    if name is None:
        return None
    if len(name) > 64:
        return "%s must be at most 64 characters (a local part)" % what
    if "@" in name:
        return "%s must be a user name without @domain, like stserv, got %r" % (what, value)
    return local_part_error(name, what)


class DomainField(Wire):
    """A JSON column of the domain: its ``domainSettings`` field and converters, and ``create``, its
    name in domain-put's ``domainData`` when the create takes it too (None: set after the create)."""

    def __init__(self, field, to_wire=None, from_wire=None, create=None):
        super(DomainField, self).__init__(field, to_wire, from_wire)
        self.create = create


def _count(field, create=None):
    return DomainField(field, int, int, create)


def _flag(field):
    return DomainField(field, bool, to_bool)


NO_FIELD = "the JSON API has no known field for it"
NO_RENAME = "no verified rename endpoint"
NO_ADMIN_NAMES = "settings/sysadmin/domain-put takes no names for the primary admin"


def _typed(name, doc, soap, json, type="int", rule="number", check=non_negative_error):
    """A typed setting: a parameter of UpdateDomain/AddDomain and a field of DomainSettingsResult."""
    return Option(name, doc, type=type, rule=rule, check=check, soap=soap, json=json)


def _bool(name, doc, soap, json):
    return _typed(name, doc, soap, json, type="bool", rule="bool", check=None)


# The typed settings, in the order UpdateDomain's description names them.
TYPED_ROWS = [
    _typed("ip", "IP address the domain listens on; an empty text means no particular address.", "ServerIP",
           NotServed(NO_FIELD + " (outgoingIP is another setting)"), type="str", rule="caseless",
           check=optional_ip_error),
    _typed("imap_port", "IMAP port of the domain (1-65535).", "ImapPort", NotServed(NO_FIELD), check=port_error),
    _typed("pop_port", "POP port of the domain (1-65535).", "PopPort", NotServed(NO_FIELD), check=port_error),
    _typed("smtp_port", "SMTP port of the domain (1-65535).", "SmtpPort", NotServed(NO_FIELD), check=port_error),
    _typed("max_aliases", "Most aliases the domain may have; V(0) means unlimited.", "MaxAliases",
           _count("maxAliases", "aliasLimit")),
    _typed("max_domain_aliases", "Most domain aliases the domain may have; V(0) means unlimited.", "MaxDomainAliases",
           _count("maxDomainAliases")),
    _typed("max_lists", "Most mailing lists the domain may have; V(0) means unlimited.", "MaxLists",
           _count("maxLists", "listLimit")),
    _typed("max_domain_size_mb", [
        "Most disk space of the domain, in MB; V(0) means unlimited.",
        "At most 8796093022207 (the size in bytes must fit the server's 64-bit integer); the other limits and "
        "sizes of this module are at most 2147483647 (a 32-bit integer on the wire).",
    ], "MaxDomainSizeInMB", DomainField("maxSize", lambda mb: int(mb) * MB, lambda b: int(b or 0) // MB, "maxSize"),
        check=size_mb_long_error),
    _typed("max_users", "Most users the domain may have; V(0) means unlimited.", "MaxDomainUsers",
           _count("maxUsers", "userLimit")),
    _typed("max_message_size_kb", "Largest message, in KB; V(0) means unlimited.", "MaxMessageSize",
           NotServed("the unit of maxMessageSize is uncertain (clients disagree)")),
    _typed("max_recipients", "Most recipients of one message; V(0) means unlimited.", "MaxRecipients",
           _count("maxRecipients")),
    _bool("show_domain_alias_menu", "Let domain administrators manage domain aliases.", "ShowDomainAliasMenu",
          _flag("showDomainAliasMenu")),
    _bool("show_content_filtering_menu", "Let users manage content filtering.", "ShowContentFilteringMenu",
          NotServed(NO_FIELD)),
    _bool("show_spam_menu", "Let users manage their own spam settings.", "ShowSpamMenu", _flag("showSpamMenu")),
    _bool("show_list_menu", "Let domain administrators manage mailing lists.", "ShowListMenu", _flag("showListMenu")),
    _bool("require_smtp_authentication", "Require SMTP authentication to relay.", "RequireSmtpAuthentication",
          _flag("requireSmtpAuthentication")),
    _typed("list_command_address", "User name of the list command address, such as C(stserv) (without C(@domain), "
           "at most 64 characters). Checked before any call.", "ListCommandAddress",
           DomainField("listCommandAddress", None, lambda v: ("%s" % (v or "")).lower()), type="str",
           rule="caseless", check=list_command_address_error),
]

TABLE = Table([
    Option("name", [
        "The domain name, for example C(example.com).",
        "Domain names compare without case, surrounding blanks and a trailing dot; the server keeps them in "
        "lower case.",
        "Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the "
        "server holds and the result shows; a trailing dot and the case are ignored.",
    ], required=True, soap="DomainName", json="the {domain} path segment"),
    Option("state", "Whether the domain should exist.", choices=["present", "absent"], default="present"),
    Option("rename_from", [
        "Rename this existing domain to O(name) (the server also renames its data folder).",
        "Normalized like O(name) (case, surrounding blanks and a trailing dot do not matter).",
        "Nothing is renamed when the domain in O(rename_from) does not exist; the task fails when both exist.",
    ], soap="RenameDomain", json=NotServed(NO_RENAME)),
    Option("rename_path", [
        "With O(rename_from), rename with C(UpdateDomainNameAndPath) instead of C(RenameDomain) and make this the "
        "domain's data folder. The server does not move or copy the data; copy it to the new folder first (the "
        "vendor's advice is to disable the domain, copy the data, rename, enable the domain again, and delete the "
        "old folder once the domain works).",
        "Used only when a rename happens; ignored once the domain has its new name.",
    ], version_added="1.0.0", soap="UpdateDomainNameAndPath", json=NotServed(NO_RENAME)),
    Option("reload", [
        "Reload the domain's settings from disk (C(ReloadDomain)) after the task's other writes, for an existing "
        "domain.",
        "An action, not a state; every run with O(reload=true) reloads and reports a change.",
    ], type="bool", default=False, version_added="1.0.0", soap="ReloadDomain",
        json=NotServed("no known endpoint reloads a domain from disk", label="reload: true")),
    Option("archive_path", [
        "Set the domain's archive rule (C(SetDomainArchiveRule)) with this destination path.",
        "The API has no call that reads the archive rule back, so it cannot be compared; every run with "
        "O(archive_path) writes it and reports a change.",
    ], version_added="1.0.0", soap="SetDomainArchiveRule",
        json=NotServed("no known endpoint sets a domain's archive rule")),
    Option("delete_files", "With O(state=absent), also delete the domain's data files from the server's disk.",
           type="bool", default=False, soap="DeleteFiles", json="the {deleteFiles} path segment of domain-delete"),
    Option("path", [
        "Folder for the domain's data, used when the domain is created. When omitted, the server chooses.",
        "The path of an existing domain is not changed.",
    ], soap="Path", json="domainData.path (read as domainPath)"),
    Option("server_defaults", "When creating, V(true) creates the domain from the server's default domain settings "
           "(C(AddDomainEx)) and then applies the typed options you set (C(UpdateDomain)); V(false) creates it with "
           "the typed options in one call (C(AddDomain)), taking the server's defaults for the options not set.",
           type="bool", default=True, soap="AddDomainEx (true) or AddDomain (false)",
           json=NotServed("domain-put always starts from the server's defaults", label="server_defaults: false")),
    Option("enabled", "Whether the domain is enabled. When omitted, left as it is (a new domain is enabled).",
           type="bool", rule="bool", soap="EnableDomain or DisableDomain (read as isenabled)", json=_flag("isEnabled")),
    Option("primary_admin", [
        "User name (without the domain) of the primary domain administrator.",
        "Required to create a domain, which creates that user. On an existing domain, the user must exist.",
    ], rule="caseless", soap="SetPrimaryDomainAdmin",
        json=DomainField("mainDomainAdmin", None, lambda v: local_key(("%s" % (v or "")).partition("@")[0]))),
    Option("primary_admin_password", "Password of the primary administrator, used only when the domain is created.",
           secret=True, soap="PrimaryDomainAdminPassword", json="adminPassword"),
    Option("primary_admin_first_name",
           "First name of the primary administrator, used only when the domain is created.",
           soap="PrimaryDomainAdminFirstName", json=NotServed(NO_ADMIN_NAMES)),
    Option("primary_admin_last_name", "Last name of the primary administrator, used only when the domain is created.",
           soap="PrimaryDomainAdminLastName", json=NotServed(NO_ADMIN_NAMES)),
] + TYPED_ROWS + [
    Option("settings", [
        "Requested domain settings to manage, as a dict of setting key to value, for example "
        "C({enablecatchalls: true, maxmessagesperhour: 500}).",
        "Only the keys given are managed. Booleans are sent as C(True)/C(False); other values as text.",
        "A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module of the "
        "collection.",
        "Keys the server documents are checked before any call by type and range (ports from 1 to 65535, counts "
        "and sizes such as C(maxusers) from 0 to 2147483647, flags booleans, C(maxmessagesperhouraction) and the "
        "other throttle actions V(none), V(delay) or V(reject), C(spamforwardoption) and C(spamresponderoption) "
        "V(none), V(low), V(medium) or V(high)).",
        "The keys are those of the server's C(GetRequestedDomainSettings) operation.",
        "Values are text, numbers or booleans on one line; a key must not contain C(=), blanks around it or "
        "control characters, and two keys that differ only in case are an error.",
        "Values compare as the server stores them (C(\"0500\") equals C(500), C(yes) equals C(true)); the result "
        "returns them typed as written (C(true), C(500)) where the server's text is unambiguous.",
    ], type="dict", soap="SetRequestedDomainSettings",
        json=NotServed("the SOAP requested-settings keys have no known JSON API names",
                       when=lambda resource, entries: bool(resource.params.get("settings")))),
    PARALLEL,
], list_option="domains", list_doc=[
    "Many domains in one task, each entry with the options of one domain. Mutually exclusive with O(name) and the "
    "other options of one domain.",
    "Every entry is validated before any call. The domains are read and planned O(parallel_reads) at a time, then "
    "written one after the other in the order of their names, each as the task of that one domain would write it; "
    "a failed write stops the task and names every write made before it.",
    "With O(purge), every other domain of the server is deleted (its files are kept) unless O(keep) names it; the "
    "domain of the account the task logs in as is never deleted.",
    "The result lists the domains in RV(domains), with RV(created), RV(updated), RV(removed) and RV(by_domain).",
])

SPEC = TABLE.argument_spec()
# the module's options as a dict (what tests take the defaults from)
ARGUMENT_SPEC = SPEC.argument_spec
TYPED_OPTIONS = tuple(o.name for o in TYPED_ROWS)
SOAP_NAME = dict((o.name, o.column("soap")) for o in TYPED_ROWS)
CHECK = dict((o.name, o.check) for o in TYPED_ROWS if o.check is not None)
FIELDS = TABLE.fields(TYPED_OPTIONS + ("enabled", "primary_admin"))
# Parameters the server still takes but no longer uses: sent back unchanged.
UNUSED = (("MaxMailboxSizeInMB", 0), ("ShowStatsMenu", False))
# Text fields the server answers as nil when empty: shown (and sent) as "".
TEXT_OPTIONS = ("ip", "list_command_address")


def apply_settings(current, wanted):
    """Requested settings ``current`` ({key: text}) with the ``wanted`` values that differ, as the
    server writes them (a value that compares equal keeps the server's spelling)."""
    settings = dict(current or {})
    for key in changed_settings(settings, wanted):
        settings[key] = setting_text(wanted[key])
    return settings


def typed_settings(settings, given):
    """Settings read as text, typed back like the values the user wrote (``given``) where the
    server's text is unambiguous (true, 500)."""
    return dict((k, typed_setting(v, (given or {}).get(k))) for k, v in settings.items())


# ---------------------------------------------------------------------------------- SOAP reads
def typed_from_soap(settings):
    """DomainSettingsResult fields -> option names (the shape users write and info returns)."""
    out = dict((option, settings.get(soap)) for option, soap in SOAP_NAME.items() if soap in settings)
    for option in TEXT_OPTIONS:
        if option in out:
            out[option] = out[option] or ""
    return out


def shape_soap(name, soap_settings):
    """A domain read with GetDomainSettings, shaped like the module's options."""
    obj = {"name": name, "path": soap_settings.get("Path") or ""}
    obj.update(typed_from_soap(soap_settings))
    return obj


def complete_typed(base_soap, typed_soap):
    """Every typed parameter UpdateDomain/AddDomain takes: ``base_soap`` with ``typed_soap`` applied."""
    params = dict((soap, base_soap.get(soap)) for soap in SOAP_NAME.values())
    for name, fallback in UNUSED:
        value = base_soap.get(name)
        params[name] = value if value is not None else fallback
    params.update(typed_soap)
    params["ServerIP"] = params.get("ServerIP") or ""
    params["ListCommandAddress"] = params.get("ListCommandAddress") or ""
    return params


def fresh_typed(name):
    """The ``Refresh`` read of UpdateDomain: every typed parameter of ``name`` as the server has it now."""
    return lambda client: complete_typed(client.call(SERVICE, "GetDomainSettings", domainName=name), {})


def fresh_defaults(client):
    """The ``Refresh`` read of AddDomain: every typed parameter of the server's domain defaults."""
    full = complete_typed(client.call(SERVICE, "GetDomainDefaults"), {})
    full["IP"] = full.pop("ServerIP")
    return full


def soap_names(client):
    """Every domain of the server over SOAP, normalized: one call."""
    return [domain_key(n) for n in client.call(SERVICE, "GetAllDomains").get("DomainNames") or []]


def read_settings(client, name):
    """GetDomainSettings of ``name``, or None when the domain does not exist."""
    result = client.call_unchecked(SERVICE, "GetDomainSettings", domainName=name)
    if result.get("Result"):
        return result
    # Not found, or another failure: the domain list tells which (it raises on errors).
    if name in soap_names(client):
        raise SmarterMailError("SmarterMail %s %s.GetDomainSettings failed: %s (ResultCode %s)" % (
            client.host, SERVICE, result.get("Message") or "no message", result.get("ResultCode")),
            service=SERVICE, operation="GetDomainSettings", result_code=result.get("ResultCode"))
    return None


def read_requested(client, name, keys):
    """Requested domain settings ``keys`` of ``name`` as {key: text}: one call (none without keys)."""
    if not keys:
        return {}
    result = client.call(SERVICE, "GetRequestedDomainSettings", DomainName=name, requestedSettings=list(keys))
    return parse_settings(result.get("settingValues"))


def read_primary_admin(client, name):
    return (client.call(SERVICE, "GetPrimaryDomainAdmin", DomainName=name).get("PrimaryAdmin") or "").lower()


# ---------------------------------------------------------------------------------- adapters
class SoapDomain(Adapter):
    """svcDomainAdmin: ``GetDomainSettings`` (+ requested settings, primary admin), ``AddDomainEx`` or
    ``AddDomain``, ``UpdateDomain``, ``RenameDomain``/``UpdateDomainNameAndPath``, the requested
    settings, the primary admin, enable/disable, the archive rule, ``ReloadDomain``, ``DeleteDomain``."""

    api = "soap"
    create_operations = ("AddDomain", "AddDomainEx")
    names = staticmethod(soap_names)

    def read_one(self, client, entry, enabled):
        name = entry["key"]
        soap = read_settings(client, name)
        if soap is None:
            return None
        obj = shape_soap(name, soap)
        # The requested settings are read only when the task manages one (or the enabled state).
        keys = set(entry.get("settings") or {}) | (set(["isenabled"]) if enabled else set())
        values = read_requested(client, name, sorted(keys))
        if enabled:
            obj["enabled"] = to_bool(values.get("isenabled", "True"))
        if entry.get("settings"):
            obj["settings"] = dict((k, values.get(k, "")) for k in sorted(entry["settings"]))
        if entry.get("primary_admin"):
            obj["primary_admin"] = read_primary_admin(client, name)
        return obj

    @staticmethod
    def write(plan, phase, operation, description, key, refresh=None, **params):
        plan.add(phase, operation, description, params, key=key, service=SERVICE, refresh=refresh)

    def update_domain(self, plan, phase, entry, options):
        """UpdateDomain of ``options``: the other typed parameters are read again right before it."""
        name = entry["key"]
        changed = [SOAP_NAME[o] for o in options]
        self.write(plan, phase, "UpdateDomain", self.resource.describe_update(options, name), name,
                   refresh=Refresh(fresh_typed(name), changed), DomainName=name, **typed_soap(entry))

    def plan_create(self, plan, entry, desired):
        params, name = self.params, entry["key"]
        admin = dict(
            PrimaryDomainAdminUserName=params["primary_admin"],
            PrimaryDomainAdminPassword=params["primary_admin_password"],
            PrimaryDomainAdminFirstName=params.get("primary_admin_first_name") or "",
            PrimaryDomainAdminLastName=params.get("primary_admin_last_name") or "",
        )
        path = params.get("path") or ""
        if params["server_defaults"]:
            self.write(plan, "create", "AddDomainEx", "create domain %s with the server's default settings" % name,
                       name, DomainName=name, Path=path, IP=entry.get("ip") or "", **admin)
            options = [o for o in TYPED_OPTIONS if o != "ip" and entry.get(o) is not None]
            if options:
                self.update_domain(plan, "create", dict(entry, ip=None), options)
        else:
            typed = typed_soap(entry)
            if "ServerIP" in typed:
                typed["IP"] = typed.pop("ServerIP")
            params = dict(admin, DomainName=name, Path=path, **typed)
            # AddDomain takes every typed setting: those not given are the server's defaults, read right before
            self.write(plan, "create", "AddDomain", "create domain %s" % name, name,
                       refresh=Refresh(fresh_defaults, list(params)), **params)
        self.plan_extras(plan, "create", entry, sorted(entry["settings"]), None, False)

    def plan_update(self, plan, entry, current, desired, changed):
        name = entry["key"]
        if "name" in changed and self.params.get("rename_path"):
            path = self.params["rename_path"].strip()
            self.write(plan, "update", "UpdateDomainNameAndPath",
                       "rename domain %s to %s with data path %s (data not moved)" % (current["name"], name, path),
                       name, OldDomainName=current["name"], NewDomainName=name, NewDomainPath=path)
        elif "name" in changed:
            self.write(plan, "update", "RenameDomain", "rename domain %s to %s" % (current["name"], name), name,
                       OldDomainName=current["name"], NewDomainName=name)
        typed = [o for o in changed if o in SOAP_NAME]
        if typed:
            self.update_domain(plan, "update", entry, typed)
        settings = sorted(c.partition(".")[2] for c in changed if c.startswith("settings."))
        self.plan_extras(plan, "update", entry, settings, "primary_admin" in changed, "enabled" in changed)
        if "reload" in changed:
            self.write(plan, "update", "ReloadDomain", "reload domain %s from disk" % name, name, DomainName=name)

    def plan_extras(self, plan, phase, entry, settings, admin, enabled):
        name = entry["key"]
        if settings:
            self.write(plan, phase, "SetRequestedDomainSettings",
                       "set requested settings %s of domain %s" % (", ".join(settings), name), name,
                       DomainName=name, newSettings=settings_list(entry["settings"], settings))
        if admin:
            self.write(plan, phase, "SetPrimaryDomainAdmin",
                       "make %s the primary admin of domain %s" % (entry["primary_admin"], name), name,
                       DomainName=name, AdminUserName=entry["primary_admin"])
        if enabled or (phase == "create" and entry.get("enabled") is False):
            operation = "EnableDomain" if entry["enabled"] else "DisableDomain"
            self.write(plan, phase, operation, "%s domain %s" % (operation[:-6].lower(), name), name,
                       domainName=name)
        if self.params.get("archive_path"):
            path = self.params["archive_path"].strip()
            self.write(plan, phase, "SetDomainArchiveRule",
                       "set the archive rule of domain %s (path %s)" % (name, path),
                       name, parameters=["DOMAIN=%s" % name, "PATH=%s" % path])

    def plan_remove(self, plan, key, current):
        self.write(plan, "remove", "DeleteDomain", self.resource.describe_remove(key), key,
                   DomainName=key, DeleteFiles=bool(self.params.get("delete_files")))


def typed_soap(entry):
    """The typed options the user set, by SOAP name (what UpdateDomain/AddDomain must change)."""
    return dict((SOAP_NAME[o], entry[o]) for o in TYPED_OPTIONS if entry.get(o) is not None)


# the JSON column of each option the JSON API serves as a domainSettings field
JSON_FIELDS = dict((name, wire) for name, wire in TABLE.column("json").items() if isinstance(wire, DomainField))


class JsonDomain(JsonAdapter):
    """The JSON API, with a system administrator's token (see the module's docstring)."""

    create_paths = (JSON_CREATE,)

    @staticmethod
    def names(client):
        """Every domain of the server, normalized: ``GET settings/sysadmin/domains`` -> ``data[].name``."""
        return [domain_key(d.get("name")) for d in client.get("settings/sysadmin/domains").get("data") or []
                if isinstance(d, dict)]

    def read_one(self, client, entry, enabled):
        name = entry["key"]
        try:
            settings = client.get(JSON_SETTINGS + segment(name), scope=SYSADMIN).get("domainSettings") or {}
        except SmarterMailError as exc:
            if exc.http_status not in (200, 400, 404):
                raise
            if name in self.names(client):
                raise
            return None
        obj = {"name": name, "path": settings.get("domainPath") or ""}
        for option in TYPED_OPTIONS:
            wire = JSON_FIELDS.get(option)
            if wire is not None and wire.field in settings:
                obj[option] = wire.from_wire(settings.get(wire.field))
        if enabled:
            obj["enabled"] = JSON_FIELDS["enabled"].from_wire(settings.get("isEnabled", True))
        if entry.get("primary_admin"):
            obj["primary_admin"] = JSON_FIELDS["primary_admin"].from_wire(settings.get("mainDomainAdmin"))
        return obj

    def update_settings(self, plan, phase, entry, options):
        """One domain-settings update of ``options`` (the server merges the keys sent)."""
        name = entry["key"]
        fields = dict((JSON_FIELDS[o].field, JSON_FIELDS[o].to_wire(entry[o])) for o in options)
        add_write(plan, phase, JSON_SETTINGS + segment(name), self.resource.describe_update(options, name), name,
                  SYSADMIN, {"domainSettings": fields})

    def plan_create(self, plan, entry, desired):
        params, name = self.params, entry["key"]
        data = {"name": name}
        if params.get("path"):
            data["path"] = params["path"]
        later = []
        for option in TYPED_OPTIONS:
            wire = JSON_FIELDS.get(option)
            if wire is None or entry.get(option) is None:
                continue
            if wire.create:
                data[wire.create] = wire.to_wire(entry[option])
            else:
                later.append(option)
        add_write(plan, "create", JSON_CREATE, "create domain %s" % name, name, SYSADMIN,
                  {"domainData": data, "adminUsername": params["primary_admin"],
                   "adminPassword": params["primary_admin_password"], "domainLocation": 0})
        if entry.get("enabled") is False:
            later.append("enabled")
        if later:
            self.update_settings(plan, "create", entry, later)

    def plan_update(self, plan, entry, current, desired, changed):
        # in the order of the comparison fields: the typed settings, enabled, the primary admin
        options = [o for o in changed if o in JSON_FIELDS]
        if options:
            self.update_settings(plan, "update", entry, options)

    def plan_remove(self, plan, key, current):
        add_write(plan, "remove", "settings/sysadmin/domain-delete/%s/%s" % (
            segment(key), "true" if self.params.get("delete_files") else "false"),
            self.resource.describe_remove(key), key, SYSADMIN)


# ---------------------------------------------------------------------------------- the resource
class DomainResource(Resource):
    backend = "smartermail"
    module = "smartermail_domain"
    item = "domain"
    items = "domains"
    list_option = "domains"
    # each entry of ``domains`` is the task of one domain (``_engine.estate``)
    scope_option = "name"
    scope_is_key = True
    table = TABLE
    fields = FIELDS
    argument_spec = SPEC
    adapters = {"soap": SoapDomain, "json": JsonDomain}

    def normalize_key(self, value):
        key = domain_key(value)
        return key if key and not domain_name_error(key) else None

    # -- input ------------------------------------------------------------------------------
    def validate(self):
        params = self.params
        name = domain_key(params.get("name")) or ""
        # checked as written (the check normalizes it the way it is compared and sent)
        checks = [(domain_name_error, params.get("name") or "", "name")]
        rename_from = domain_key(params.get("rename_from"))
        if params.get("rename_from") is not None:
            checks.append((domain_name_error, params["rename_from"], "rename_from"))
        if params.get("primary_admin"):
            # sent as written: checked as written (ASCII only, so no letter changes when lowered)
            checks.append((local_part_error, params["primary_admin"].strip(), "primary_admin"))
        for option, check in CHECK.items():
            checks.append((check, params.get(option), option))
        errors = collect(checks)
        for option in ("rename_path", "archive_path"):
            if params.get(option) is not None and not params[option].strip():
                errors.append("%s must not be blank" % option)
        if params.get("rename_path") is not None and params.get("rename_from") is None:
            errors.append("rename_path needs rename_from (it is the path of a rename)")
        # null means "not managed": never sent, never compared
        settings, problems = settings_errors(params.get("settings"), kinds=DOMAIN_SETTING_KINDS)
        errors.extend(problems)
        entry = dict((option, params.get(option)) for option in TYPED_OPTIONS)
        command = entry.get("list_command_address")
        if command and not command.isascii():
            # a name valid only once lowered (a Kelvin sign is a "k") is sent as it is checked
            entry["list_command_address"] = local_key(command)
        entry.update(
            key=name,
            state=params.get("state") or "present",
            rename_from=rename_from if rename_from != name else None,
            enabled=params.get("enabled"),
            primary_admin=local_key(params.get("primary_admin")),
            settings=settings,
        )
        return [entry], errors

    # -- reading ----------------------------------------------------------------------------
    def read_one(self, client, entry, enabled=False):
        """The domain with the settings, admin and enabled state the task manages (``enabled``: read it anyway)."""
        return self.adapter.read_one(client, entry, enabled or entry.get("enabled") is not None)

    def read_all(self, client, entries):
        return dict((e["key"], o) for e, o in ((e, self.read_one(client, e)) for e in entries) if o is not None)

    def renamed(self, entry, current):
        source = entry.get("rename_from")
        if source and entry["key"] in current and source in current:
            raise PlanError("cannot rename %s to %s: both domains exist" % (source, entry["key"]))
        return super(DomainResource, self).renamed(entry, current)

    def read_back(self, client, outcome):
        """After writes, what the server made of it: its path, its name after a rename, its settings."""
        entry = outcome.entries[0]
        if entry["key"] in outcome.after:
            obj = self.read_one(client, entry, enabled=True)
            if obj is not None:
                outcome.after[entry["key"]] = obj

    # -- planning ---------------------------------------------------------------------------
    def desired(self, entry, current):
        key = entry["key"]
        if current is None:
            obj = {"name": key}
            if self.params.get("path"):
                obj["path"] = self.params["path"]
            for field in self.fields:
                if entry.get(field.option) is not None:
                    obj[field.option] = entry[field.option]
            if entry["settings"]:
                obj["settings"] = dict((k, setting_text(v)) for k, v in sorted(entry["settings"].items()))
            return obj
        obj = apply_fields(self.fields, copy.deepcopy(current), entry)
        if current.get("name") != key:
            # Renamed: the server chooses the new path; it is known once read back.
            obj.pop("path", None)
        obj["name"] = key
        if entry["settings"]:
            obj["settings"] = apply_settings(current.get("settings"), entry["settings"])
        return obj

    def result(self, outcome):
        """The engine's result; the returned domain's settings typed back like the values the user
        wrote (true, 500) where the server's text is unambiguous. The diff shows the server's text."""
        result = super(DomainResource, self).result(outcome)
        obj = result.get(self.item)
        if obj and obj.get("settings"):
            given, dummy = settings_errors(self.params.get("settings"))
            # a new dict: the single object is also the diff's after
            result[self.item] = dict(obj, settings=typed_settings(obj["settings"], given))
        return result

    def changes(self, entry, current, desired):
        changed = changed_fields(self.fields, current, entry)
        changed += ["settings." + k for k in changed_settings(current.get("settings"), entry["settings"])]
        # write-only or actions: asked for, so always written
        return changed + [o for o in ("archive_path", "reload") if self.params.get(o)]

    def create_errors(self, entry, desired):
        missing = [o for o in ("primary_admin", "primary_admin_password") if not self.params.get(o)]
        if missing:
            return ["creating domain %s needs %s" % (entry["key"], " and ".join(missing))]
        return []

    @staticmethod
    def describe_update(options, name):
        return "update %s of domain %s" % (", ".join(options), name)

    def describe_remove(self, key):
        return "delete domain %s%s" % (key, " and its files" if self.params.get("delete_files") else "")

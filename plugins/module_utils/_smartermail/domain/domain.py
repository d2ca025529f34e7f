# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SmarterMail domains (svcDomainAdmin): existence, typed settings, requested settings, admin.

A domain is a single object. ``UpdateDomain`` (and ``AddDomain``) take every typed setting at
once, so their planned parameters hold only what the user set and carry a ``Refresh``: right
before the call, the engine completes them from a fresh ``GetDomainSettings`` of the domain
(``UpdateDomain``; after a rename in the same task, under the new name) or from
``GetDomainDefaults`` (``AddDomain``, which documents that it takes the server's defaults), and
only the options the task changes keep the planned value. A typed setting another writer changed
since the task's first read is therefore not undone; what remains is the time between that fresh
read and the write (see docs/reliability.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Field,
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
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
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


# option name -> (SOAP name in UpdateDomain and DomainSettingsResult, comparison rule, check)
TYPED = (
    ("ip", "ServerIP", "caseless", optional_ip_error),
    ("imap_port", "ImapPort", "number", port_error),
    ("pop_port", "PopPort", "number", port_error),
    ("smtp_port", "SmtpPort", "number", port_error),
    ("max_aliases", "MaxAliases", "number", non_negative_error),
    ("max_domain_aliases", "MaxDomainAliases", "number", non_negative_error),
    ("max_lists", "MaxLists", "number", non_negative_error),
    ("max_domain_size_mb", "MaxDomainSizeInMB", "number", size_mb_long_error),
    ("max_users", "MaxDomainUsers", "number", non_negative_error),
    ("max_message_size_kb", "MaxMessageSize", "number", non_negative_error),
    ("max_recipients", "MaxRecipients", "number", non_negative_error),
    ("show_domain_alias_menu", "ShowDomainAliasMenu", "bool", None),
    ("show_content_filtering_menu", "ShowContentFilteringMenu", "bool", None),
    ("show_spam_menu", "ShowSpamMenu", "bool", None),
    ("show_list_menu", "ShowListMenu", "bool", None),
    ("require_smtp_authentication", "RequireSmtpAuthentication", "bool", None),
    ("list_command_address", "ListCommandAddress", "caseless", list_command_address_error),
)
# Parameters the server still takes but no longer uses: sent back unchanged.
UNUSED = (("MaxMailboxSizeInMB", 0), ("ShowStatsMenu", False))
# Text fields the server answers as nil when empty: shown (and sent) as "".
TEXT_OPTIONS = ("ip", "list_command_address")
TYPED_OPTIONS = tuple(t[0] for t in TYPED)
SOAP_NAME = dict((t[0], t[1]) for t in TYPED)
CHECK = dict((t[0], t[3]) for t in TYPED if t[3] is not None)
FIELDS = tuple(Field(t[0], t[1], rule=t[2]) for t in TYPED) + (
    Field("enabled", rule="bool"),
    Field("primary_admin", rule="caseless"),
)

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    rename_from=dict(type="str"),
    rename_path=dict(type="str"),
    reload=dict(type="bool", default=False),
    archive_path=dict(type="str"),
    delete_files=dict(type="bool", default=False),
    path=dict(type="str"),
    server_defaults=dict(type="bool", default=True),
    enabled=dict(type="bool"),
    primary_admin=dict(type="str"),
    primary_admin_password=dict(type="str", no_log=True),
    primary_admin_first_name=dict(type="str"),
    primary_admin_last_name=dict(type="str"),
    ip=dict(type="str"),
    imap_port=dict(type="int"),
    pop_port=dict(type="int"),
    smtp_port=dict(type="int"),
    max_aliases=dict(type="int"),
    max_domain_aliases=dict(type="int"),
    max_lists=dict(type="int"),
    max_domain_size_mb=dict(type="int"),
    max_users=dict(type="int"),
    max_message_size_kb=dict(type="int"),
    max_recipients=dict(type="int"),
    show_domain_alias_menu=dict(type="bool"),
    show_content_filtering_menu=dict(type="bool"),
    show_spam_menu=dict(type="bool"),
    show_list_menu=dict(type="bool"),
    require_smtp_authentication=dict(type="bool"),
    list_command_address=dict(type="str"),
    settings=dict(type="dict"),
)


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


def read_settings(client, name):
    """GetDomainSettings of ``name``, or None when the domain does not exist."""
    result = client.call_unchecked(SERVICE, "GetDomainSettings", domainName=name)
    if result.get("Result"):
        return result
    # Not found, or another failure: the domain list tells which (it raises on errors).
    names = client.call(SERVICE, "GetAllDomains").get("DomainNames") or []
    if name in [domain_key(n) for n in names]:
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


class DomainResource(Resource):
    backend = "smartermail"
    item = "domain"
    items = "domains"
    fields = FIELDS
    argument_spec = ArgumentSpec(ARGUMENT_SPEC)
    create_operations = ("AddDomain", "AddDomainEx")

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
        name = entry["key"]
        soap = read_settings(client, name)
        if soap is None:
            return None
        obj = shape_soap(name, soap)
        # The requested settings are read only when the task manages one (or the enabled state).
        enabled = enabled or entry.get("enabled") is not None
        keys = set(entry.get("settings") or {}) | (set(["isenabled"]) if enabled else set())
        values = read_requested(client, name, sorted(keys))
        if enabled:
            obj["enabled"] = to_bool(values.get("isenabled", "True"))
        if entry.get("settings"):
            obj["settings"] = dict((k, values.get(k, "")) for k in sorted(entry["settings"]))
        if entry.get("primary_admin"):
            obj["primary_admin"] = read_primary_admin(client, name)
        return obj

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
            settings = dict(current.get("settings") or {})
            for k in changed_settings(settings, entry["settings"]):
                settings[k] = setting_text(entry["settings"][k])
            obj["settings"] = settings
        return obj

    def result(self, outcome):
        """The engine's result; the returned domain's settings typed back like the values the user
        wrote (true, 500) where the server's text is unambiguous. The diff shows the server's text."""
        result = super(DomainResource, self).result(outcome)
        obj = result.get(self.item)
        if obj and obj.get("settings"):
            given, dummy = settings_errors(self.params.get("settings"))
            # a new dict: the single object is also the diff's after
            result[self.item] = dict(obj, settings=dict((k, typed_setting(v, given.get(k)))
                                                        for k, v in obj["settings"].items()))
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

    def _write(self, plan, phase, operation, description, key, refresh=None, **params):
        plan.add(phase, operation, description, params, key=key, service=SERVICE, refresh=refresh)

    def _update_domain(self, plan, phase, entry, options):
        """UpdateDomain of ``options``: the other typed parameters are read again right before it."""
        name = entry["key"]
        changed = [SOAP_NAME[o] for o in options]
        self._write(plan, phase, "UpdateDomain", "update %s of domain %s" % (", ".join(options), name), name,
                    refresh=Refresh(fresh_typed(name), changed), DomainName=name, **self._typed_soap(entry))

    @staticmethod
    def _typed_soap(entry, skip=()):
        """The typed options the user set, by SOAP name (what UpdateDomain/AddDomain must change)."""
        return dict((SOAP_NAME[o], entry[o]) for o in TYPED_OPTIONS if entry.get(o) is not None and o not in skip)

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
            self._write(plan, "create", "AddDomainEx", "create domain %s with the server's default settings" % name,
                        name, DomainName=name, Path=path, IP=entry.get("ip") or "", **admin)
            options = [o for o in TYPED_OPTIONS if o != "ip" and entry.get(o) is not None]
            if options:
                self._update_domain(plan, "create", dict(entry, ip=None), options)
        else:
            typed = self._typed_soap(entry)
            if "ServerIP" in typed:
                typed["IP"] = typed.pop("ServerIP")
            params = dict(admin, DomainName=name, Path=path, **typed)
            # AddDomain takes every typed setting: those not given are the server's defaults, read right before
            self._write(plan, "create", "AddDomain", "create domain %s" % name, name,
                        refresh=Refresh(fresh_defaults, list(params)), **params)
        self._plan_extras(plan, "create", entry, sorted(entry["settings"]), None, False)

    def plan_update(self, plan, entry, current, desired, changed):
        name = entry["key"]
        if "name" in changed and self.params.get("rename_path"):
            path = self.params["rename_path"].strip()
            self._write(plan, "update", "UpdateDomainNameAndPath",
                        "rename domain %s to %s with data path %s (data not moved)" % (current["name"], name, path),
                        name, OldDomainName=current["name"], NewDomainName=name, NewDomainPath=path)
        elif "name" in changed:
            self._write(plan, "update", "RenameDomain", "rename domain %s to %s" % (current["name"], name), name,
                        OldDomainName=current["name"], NewDomainName=name)
        typed = [o for o in changed if o in SOAP_NAME]
        if typed:
            self._update_domain(plan, "update", entry, typed)
        settings = sorted(c.partition(".")[2] for c in changed if c.startswith("settings."))
        self._plan_extras(plan, "update", entry, settings, "primary_admin" in changed, "enabled" in changed)
        if "reload" in changed:
            self._write(plan, "update", "ReloadDomain", "reload domain %s from disk" % name, name, DomainName=name)

    def _plan_extras(self, plan, phase, entry, settings, admin, enabled):
        name = entry["key"]
        if settings:
            self._write(plan, phase, "SetRequestedDomainSettings",
                        "set requested settings %s of domain %s" % (", ".join(settings), name), name,
                        DomainName=name, newSettings=settings_list(entry["settings"], settings))
        if admin:
            self._write(plan, phase, "SetPrimaryDomainAdmin",
                        "make %s the primary admin of domain %s" % (entry["primary_admin"], name), name,
                        DomainName=name, AdminUserName=entry["primary_admin"])
        if enabled or (phase == "create" and entry.get("enabled") is False):
            operation = "EnableDomain" if entry["enabled"] else "DisableDomain"
            self._write(plan, phase, operation, "%s domain %s" % (operation[:-6].lower(), name), name,
                        domainName=name)
        if self.params.get("archive_path"):
            path = self.params["archive_path"].strip()
            self._write(plan, phase, "SetDomainArchiveRule",
                        "set the archive rule of domain %s (path %s)" % (name, path),
                        name, parameters=["DOMAIN=%s" % name, "PATH=%s" % path])

    def plan_remove(self, plan, key, current):
        delete_files = bool(self.params.get("delete_files"))
        self._write(plan, "remove", "DeleteDomain",
                    "delete domain %s%s" % (key, " and its files" if delete_files else ""), key,
                    DomainName=key, DeleteFiles=delete_files)

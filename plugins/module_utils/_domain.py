# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SmarterMail domains (svcDomainAdmin): existence, typed settings, requested settings, admin."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import (
    changed_keys,
    diff,
    merge,
    to_bool,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import (
    collect,
    domain_name_error,
    ip_error,
    local_part_error,
    non_negative_error,
    port_error,
)

SERVICE = "svcDomainAdmin"

# option name -> (SOAP name in UpdateDomain and DomainSettingsResult, check)
TYPED = (
    ("ip", "ServerIP", ip_error),
    ("imap_port", "ImapPort", port_error),
    ("pop_port", "PopPort", port_error),
    ("smtp_port", "SmtpPort", port_error),
    ("max_aliases", "MaxAliases", non_negative_error),
    ("max_domain_aliases", "MaxDomainAliases", non_negative_error),
    ("max_lists", "MaxLists", non_negative_error),
    ("max_domain_size_mb", "MaxDomainSizeInMB", non_negative_error),
    ("max_users", "MaxDomainUsers", non_negative_error),
    ("max_message_size_kb", "MaxMessageSize", non_negative_error),
    ("max_recipients", "MaxRecipients", non_negative_error),
    ("show_domain_alias_menu", "ShowDomainAliasMenu", None),
    ("show_content_filtering_menu", "ShowContentFilteringMenu", None),
    ("show_spam_menu", "ShowSpamMenu", None),
    ("show_list_menu", "ShowListMenu", None),
    ("require_smtp_authentication", "RequireSmtpAuthentication", None),
    ("list_command_address", "ListCommandAddress", None),
)
# Parameters the server still takes but no longer uses: sent back unchanged.
UNUSED = ("MaxMailboxSizeInMB", "ShowStatsMenu")
TYPED_OPTIONS = tuple(t[0] for t in TYPED)
SOAP_NAME = dict((t[0], t[1]) for t in TYPED)
CHECK = dict((t[0], t[2]) for t in TYPED if t[2] is not None)


def typed_from_soap(settings):
    """DomainSettingsResult fields -> option names (the shape users write and info returns)."""
    return dict((option, settings.get(soap)) for option, soap in SOAP_NAME.items() if soap in settings)


def update_params(current_soap, desired_options):
    """The full UpdateDomain parameter set: current values with the desired options applied."""
    params = dict((soap, current_soap.get(soap)) for soap in SOAP_NAME.values())
    for name in UNUSED:
        params[name] = current_soap.get(name) or (False if name == "ShowStatsMenu" else 0)
    for option, soap in SOAP_NAME.items():
        if desired_options.get(option) is not None:
            params[soap] = desired_options[option]
    params["ServerIP"] = params.get("ServerIP") or ""
    params["ListCommandAddress"] = params.get("ListCommandAddress") or ""
    return params


def setting_text(value):
    """A requested-setting value as the server writes it (booleans as True/False)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    return "%s" % (value,)


def settings_equal(current, desired):
    cur, des = setting_text(current if current is not None else ""), setting_text(desired)
    if cur.lower() in ("true", "false") or des.lower() in ("true", "false"):
        return cur.lower() == des.lower()
    return cur == des


def parse_settings(values):
    result = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if sep:
            result[key.strip().lower()] = value
    return result


def validate(params):
    name = (params["name"] or "").strip().lower().rstrip(".")
    checks = [(domain_name_error, name, "name")]
    if params.get("rename_from"):
        checks.append((domain_name_error, params["rename_from"].strip().lower(), "rename_from"))
    if params.get("primary_admin"):
        checks.append((local_part_error, params["primary_admin"], "primary_admin"))
    for option, check in CHECK.items():
        checks.append((check, params.get(option), option))
    errors = collect(checks)
    for key in (params.get("settings") or {}):
        if not key or "=" in key or key.strip() != key:
            errors.append("settings key %r is not a valid setting name" % key)
    return name, errors


def read_domain(m, name):
    """Typed settings of ``name`` (SOAP field names), or None when the domain does not exist."""
    result = m.client.call_unchecked(SERVICE, "GetDomainSettings", domainName=name)
    if result.get("Result"):
        return result
    # Not found, or another failure: the domain list tells which, and raises on errors.
    names = m.call(SERVICE, "GetAllDomains").get("DomainNames") or []
    if name in [n.lower() for n in names]:
        raise_failure(m, "GetDomainSettings", result)
    return None


def raise_failure(m, operation, result):
    raise SmarterMailError("SmarterMail %s %s.%s failed: %s (ResultCode %s)" % (
        m.client.host, SERVICE, operation, result.get("Message") or "no message", result.get("ResultCode")),
        service=SERVICE, operation=operation, result_code=result.get("ResultCode"))


def read_requested(m, name, keys):
    if not keys:
        return {}
    result = m.call(SERVICE, "GetRequestedDomainSettings", DomainName=name, requestedSettings=list(keys))
    return parse_settings(result.get("settingValues"))


def shape(name, soap_settings, enabled=None, primary_admin=None, settings=None):
    obj = {"name": name, "path": soap_settings.get("Path") or ""}
    obj.update(typed_from_soap(soap_settings))
    if enabled is not None:
        obj["enabled"] = enabled
    if primary_admin is not None:
        obj["primary_admin"] = primary_admin
    if settings:
        obj["settings"] = dict(sorted(settings.items()))
    return obj


def run(m):
    params = m.params
    name, errors = validate(params)
    m.check_input(errors)
    desired_typed = dict((o, params.get(o)) for o in TYPED_OPTIONS)
    desired_settings = dict((k.lower(), v) for k, v in (params.get("settings") or {}).items())

    current = read_domain(m, name)
    renamed_from = None
    if params.get("rename_from") and params["state"] == "present":
        old = params["rename_from"].strip().lower()
        old_settings = read_domain(m, old) if old != name else None
        if old_settings is not None and current is not None:
            m.fail("cannot rename %s to %s: both domains exist" % (old, name))
        if old_settings is not None:
            renamed_from = old
            current = old_settings
            m.plan.add("rename domain %s to %s" % (old, name),
                       lambda: m.call(SERVICE, "RenameDomain", OldDomainName=old, NewDomainName=name))

    if params["state"] == "absent":
        return run_absent(m, name, current)
    if current is None:
        return run_create(m, name, desired_typed, desired_settings)
    return run_update(m, name, current, desired_typed, desired_settings, renamed_from)


def run_absent(m, name, current):
    if current is None:
        return {"domain": {}, "diff": diff({}, {})}
    before = shape(name, current)
    m.plan.add("delete domain %s%s" % (name, " and its files" if m.params["delete_files"] else ""),
               lambda: m.call(SERVICE, "DeleteDomain", DomainName=name, DeleteFiles=m.params["delete_files"]))
    m.apply()
    return {"domain": {}, "diff": diff(before, {})}


def run_create(m, name, desired_typed, desired_settings):
    params = m.params
    missing = [o for o in ("primary_admin", "primary_admin_password") if not params.get(o)]
    if missing:
        m.fail("creating domain %s needs %s" % (name, " and ".join(missing)))
    defaults = m.call(SERVICE, "GetDomainDefaults")
    admin = dict(
        PrimaryDomainAdminUserName=params["primary_admin"],
        PrimaryDomainAdminPassword=params["primary_admin_password"],
        PrimaryDomainAdminFirstName=params.get("primary_admin_first_name") or "",
        PrimaryDomainAdminLastName=params.get("primary_admin_last_name") or "",
    )
    path = params.get("path") or ""
    full = update_params(defaults, desired_typed)
    if params["server_defaults"]:
        m.plan.add("create domain %s with the server's default settings" % name,
                   lambda: m.call(SERVICE, "AddDomainEx", DomainName=name, Path=path,
                                  IP=desired_typed.get("ip") or "", **admin))
        if changed_keys(typed_from_soap(defaults), dict((k, v) for k, v in desired_typed.items() if k != "ip")):
            m.plan.add("update settings of domain %s" % name,
                       lambda: m.call(SERVICE, "UpdateDomain", DomainName=name, **full))
    else:
        add = dict(full)
        add["IP"] = add.pop("ServerIP")
        m.plan.add("create domain %s" % name,
                   lambda: m.call(SERVICE, "AddDomain", DomainName=name, Path=path, **dict(admin, **add)))
    if desired_settings:
        m.plan.add("set requested settings %s of domain %s" % (", ".join(sorted(desired_settings)), name),
                   lambda: m.call(SERVICE, "SetRequestedDomainSettings", DomainName=name,
                                  newSettings=["%s=%s" % (k, setting_text(v)) for k, v in sorted(desired_settings.items())]))
    if params.get("enabled") is False:
        m.plan.add("disable domain %s" % name, lambda: m.call(SERVICE, "DisableDomain", domainName=name))
    m.apply()

    after_soap = dict(defaults)
    after_soap.update(dict((soap, full[soap]) for soap in SOAP_NAME.values()))
    after_soap["Path"] = path or defaults.get("Path") or ""
    enabled = params["enabled"] if params.get("enabled") is not None else True
    if not m.check_mode:
        # What the server made of it (it chooses the path, for one).
        after_soap = read_domain(m, name) or after_soap
    after = shape(name, after_soap, enabled=enabled, primary_admin=params["primary_admin"].lower(),
                  settings=dict((k, setting_text(v)) for k, v in desired_settings.items()))
    return {"domain": after, "diff": diff({}, after)}


def run_update(m, name, current, desired_typed, desired_settings, renamed_from):
    params = m.params
    target = renamed_from or name
    keys = sorted(desired_settings)
    if params.get("enabled") is not None and "isenabled" not in keys:
        keys.append("isenabled")
    requested = read_requested(m, target, keys)
    enabled_now = to_bool(requested["isenabled"]) if "isenabled" in requested else None
    admin_now = None
    if params.get("primary_admin"):
        admin_now = (m.call(SERVICE, "GetPrimaryDomainAdmin", DomainName=target).get("PrimaryAdmin") or "").lower()

    typed_now = typed_from_soap(current)
    typed_changes = changed_keys(typed_now, desired_typed)
    if typed_changes:
        full = update_params(current, desired_typed)
        m.plan.add("update %s of domain %s" % (", ".join(typed_changes), name),
                   lambda: m.call(SERVICE, "UpdateDomain", DomainName=name, **full))
    setting_changes = sorted(k for k, v in desired_settings.items() if not settings_equal(requested.get(k), v))
    if setting_changes:
        m.plan.add("set requested settings %s of domain %s" % (", ".join(setting_changes), name),
                   lambda: m.call(SERVICE, "SetRequestedDomainSettings", DomainName=name,
                                  newSettings=["%s=%s" % (k, setting_text(desired_settings[k])) for k in setting_changes]))
    wanted_admin = (params.get("primary_admin") or "").lower()
    if wanted_admin and wanted_admin != admin_now:
        m.plan.add("make %s the primary admin of domain %s" % (wanted_admin, name),
                   lambda: m.call(SERVICE, "SetPrimaryDomainAdmin", DomainName=name, AdminUserName=wanted_admin))
    if params.get("enabled") is not None and params["enabled"] != enabled_now:
        if params["enabled"]:
            m.plan.add("enable domain %s" % name, lambda: m.call(SERVICE, "EnableDomain", domainName=name))
        else:
            m.plan.add("disable domain %s" % name, lambda: m.call(SERVICE, "DisableDomain", domainName=name))
    m.apply()

    shown = dict((k, setting_text(requested.get(k, ""))) for k in desired_settings)
    before = shape(renamed_from or name, current, enabled=enabled_now, primary_admin=admin_now, settings=shown)
    after_typed = merge(typed_now, desired_typed)
    after_soap = dict(current)
    after_soap.update(dict((soap, after_typed.get(option)) for option, soap in SOAP_NAME.items()))
    after = shape(name, after_soap,
                  enabled=params["enabled"] if params.get("enabled") is not None else enabled_now,
                  primary_admin=wanted_admin or admin_now,
                  settings=dict((k, setting_text(v)) for k, v in desired_settings.items()))
    return {"domain": after, "diff": diff(before, after)}

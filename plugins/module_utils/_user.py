# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Mailbox users of a SmarterMail domain (svcUserAdmin): one user, or many in one task.

The server returns a user's password in clear text (GetUser, GetUsers). It is used only to
decide whether the password must change and to resend it unchanged where the API needs it;
it is never returned, shown in a diff or written to a message.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._domain import parse_settings, setting_text, \
    settings_equal
from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import as_set, diff, to_bool
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import (
    collect,
    domain_name_error,
    email_error,
    local_part_error,
    non_negative_error,
)

SERVICE = "svcUserAdmin"
HIDDEN = "********"
CHANGED_SECRET = "******** (changed)"
FORBIDDEN_SETTINGS = ("password",)


def user_name(name, domain):
    name = (name or "").strip().lower()
    if "@" in name:
        local, sep, at = name.partition("@")
        if sep and at != domain:
            return None
        name = local
    return name


def validate(params):
    domain = (params["domain"] or "").strip().lower()
    errors = collect([(domain_name_error, domain, "domain")])
    if params.get("users") is not None:
        raw = params["users"]
    else:
        single = dict((k, params.get(k)) for k in ("name", "first_name", "last_name", "domain_admin",
                                                   "max_mailbox_size_mb", "forwarding", "auto_responder",
                                                   "settings", "state"))
        single["password"] = params.get("user_password")
        raw = [single]
    entries = []
    seen = set()
    for entry in raw:
        name = user_name(entry.get("name"), domain)
        if name is None:
            errors.append("user %r belongs to another domain than %s" % (entry.get("name"), domain))
            continue
        error = local_part_error(name, "user name")
        if error:
            errors.append(error)
            continue
        if name in seen:
            errors.append("user %r is listed more than once" % name)
        seen.add(name)
        errors.extend(collect([(non_negative_error, entry.get("max_mailbox_size_mb"),
                                "max_mailbox_size_mb of %s" % name)]))
        forwarding = entry.get("forwarding") or {}
        errors.extend(collect([(email_error, a, "forwarding address of %s" % name)
                               for a in forwarding.get("addresses") or []]))
        for key in entry.get("settings") or {}:
            if key.lower() in FORBIDDEN_SETTINGS:
                errors.append("settings of %s must not hold %r: use the password option" % (name, key))
            elif not key or "=" in key or key.strip() != key:
                errors.append("settings key %r of %s is not a valid setting name" % (key, name))
        entry = dict(entry, name=name, state=entry.get("state") or "present")
        entries.append(entry)
    return domain, entries, errors


def read_users(m, domain):
    """Every user of ``domain`` as {name: UserInfo dict}: one call (passwords included)."""
    result = m.call(SERVICE, "GetUsers", DomainName=domain)
    return dict(((u.get("UserName") or "").split("@")[0].lower(), u) for u in result.get("Users") or []
                if u.get("UserName"))


def read_user(m, domain, name):
    result = m.client.call_unchecked(SERVICE, "GetUser", EmailAddress="%s@%s" % (name, domain))
    info = result.get("UserInfo") or {}
    if result.get("Result") and info.get("UserName"):
        return info
    # Not found or another failure: the list tells which (it raises on errors).
    return read_users(m, domain).get(name)


def read_extras(m, domain, name, entry):
    """What the entry manages beyond UserInfo, read only when asked for."""
    address = "%s@%s" % (name, domain)
    extras = {}
    if entry.get("forwarding") is not None:
        fwd = m.call(SERVICE, "GetUserForwardingInfo2", EmailAddress=address)
        extras["forwarding"] = {"addresses": sorted(as_set(fwd.get("ForwardingAddresses"))),
                                "delete_on_forward": bool(fwd.get("DeleteOnForward"))}
    if entry.get("auto_responder") is not None:
        auto = m.call(SERVICE, "GetUserAutoResponseInfo", EmailAddress=address)
        extras["auto_responder"] = {"enabled": bool(auto.get("Enabled")), "subject": auto.get("Subject") or "",
                                    "body": auto.get("Body") or ""}
    keys = sorted(k.lower() for k in entry.get("settings") or {})
    if entry.get("max_mailbox_size_mb") is not None:
        keys.append("maxsize")
    if keys:
        values = parse_settings(m.call(SERVICE, "GetRequestedUserSettings", EmailAddress=address,
                                       requestedSettings=sorted(set(keys))).get("settingValues"))
        if entry.get("max_mailbox_size_mb") is not None:
            extras["max_mailbox_size_mb"] = int(values.get("maxsize") or 0)
        extras["settings"] = dict((k, values.get(k, "")) for k in keys if k != "maxsize")
    return extras


def shape(name, domain, info, extras, password_note=None):
    obj = {
        "name": name,
        "address": "%s@%s" % (name, domain),
        "first_name": info.get("FirstName") or "",
        "last_name": info.get("LastName") or "",
        "domain_admin": to_bool(info.get("IsDomainAdmin")),
    }
    obj.update(extras)
    if password_note:
        obj["password"] = password_note
    return obj


def run(m):
    domain, entries, errors = validate(m.params)
    m.check_input(errors)
    if m.params.get("users") is not None:
        return run_many(m, domain, entries)
    entry = entries[0]
    info = read_user(m, domain, entry["name"])
    before, after = reconcile_user(m, domain, entry, info)
    m.apply()
    return {"user": after, "diff": diff(before, after)}


def run_many(m, domain, entries):
    params = m.params
    current = read_users(m, domain)
    keep = set(user_name(k, domain) for k in params.get("keep") or [])
    listed = set(e["name"] for e in entries)
    befores, afters = {}, {}
    for entry in entries:
        before, after = reconcile_user(m, domain, entry, current.get(entry["name"]))
        if before:
            befores[entry["name"]] = before
        if after:
            afters[entry["name"]] = after
    removed = []
    if params["purge"]:
        for name in sorted(current):
            if name not in listed and name not in keep:
                befores[name] = shape(name, domain, current[name], {})
                removed.append(name)
                m.plan.add("delete user %s@%s" % (name, domain),
                           lambda n=name: m.call(SERVICE, "DeleteUser", Username=n, DomainName=domain))
    m.apply()
    return {"users": [afters[n] for n in sorted(afters)], "removed": removed,
            "diff": diff({"users": befores}, {"users": afters})}


def reconcile_user(m, domain, entry, info):
    """Plan the writes for one user; return (before, after) objects without any password."""
    name, state = entry["name"], entry["state"]
    address = "%s@%s" % (name, domain)
    if state == "absent":
        if info is None:
            return {}, {}
        m.plan.add("delete user %s" % address,
                   lambda: m.call(SERVICE, "DeleteUser", Username=name, DomainName=domain))
        return shape(name, domain, info, {}), {}

    if info is None:
        if not entry.get("password"):
            m.fail("password is required to create user %s" % address)
        m.plan.add("create user %s" % address, lambda: m.call(
            SERVICE, "AddUser2", NewUsername=name, NewPassword=entry["password"], DomainName=domain,
            FirstName=entry.get("first_name") or "", LastName=entry.get("last_name") or "",
            IsDomainAdmin=bool(entry.get("domain_admin")), maxMailboxSize=entry.get("max_mailbox_size_mb") or 0))
        current_info, current_extras = {}, {}
        before = {}
        password_note = HIDDEN
    else:
        current_info = info
        current_extras = read_extras(m, domain, name, entry)
        before = shape(name, domain, info, current_extras)
        password_note = None
        wanted = dict(FirstName=entry.get("first_name"), LastName=entry.get("last_name"),
                      IsDomainAdmin=entry.get("domain_admin"))
        core_changes = [k for k, v in wanted.items() if v is not None and (
            to_bool(info.get(k)) != v if isinstance(v, bool) else (info.get(k) or "") != v)]
        size = entry.get("max_mailbox_size_mb")
        size_changed = size is not None and current_extras.get("max_mailbox_size_mb") != size
        password_changed = bool(entry.get("password")) and m.params["update_password"] == "always" \
            and entry["password"] != info.get("Password")
        if core_changes or size_changed or password_changed:
            new_password = entry["password"] if password_changed else info.get("Password") or ""
            what = ", ".join(sorted(core_changes + (["max_mailbox_size_mb"] if size_changed else []) +
                                    (["password"] if password_changed else [])))
            m.plan.add("update %s of user %s" % (what, address), lambda: m.call(
                SERVICE, "UpdateUser2", EmailAddress=address, NewPassword=new_password,
                NewFirstName=entry["first_name"] if entry.get("first_name") is not None else info.get("FirstName") or "",
                NewLastName=entry["last_name"] if entry.get("last_name") is not None else info.get("LastName") or "",
                IsDomainAdmin=entry["domain_admin"] if entry.get("domain_admin") is not None
                else to_bool(info.get("IsDomainAdmin")),
                maxMailboxSize=size if size is not None else current_extras.get("max_mailbox_size_mb", 0)))
        if password_changed:
            before["password"] = HIDDEN
            password_note = CHANGED_SECRET

    after_extras = dict(current_extras)
    forwarding = entry.get("forwarding")
    if forwarding is not None:
        now = current_extras.get("forwarding") or {"addresses": [], "delete_on_forward": False}
        wanted = {"addresses": sorted(as_set(forwarding.get("addresses"))) if forwarding.get("addresses") is not None
                  else now["addresses"],
                  "delete_on_forward": forwarding["delete_on_forward"] if forwarding.get("delete_on_forward") is not None
                  else now["delete_on_forward"]}
        if wanted != now:
            m.plan.add("set forwarding of user %s" % address, lambda: m.call(
                SERVICE, "UpdateUserForwardingInfo2", EmailAddress=address,
                DeleteOnForward=wanted["delete_on_forward"], ForwardingAddresses=wanted["addresses"]))
        after_extras["forwarding"] = wanted
    auto = entry.get("auto_responder")
    if auto is not None:
        now = current_extras.get("auto_responder") or {"enabled": False, "subject": "", "body": ""}
        wanted_auto = dict((k, auto[k] if auto.get(k) is not None else now[k]) for k in ("enabled", "subject", "body"))
        if wanted_auto != now:
            m.plan.add("set auto-responder of user %s" % address, lambda: m.call(
                SERVICE, "UpdateUserAutoResponseInfo", EmailAddress=address, Enabled=wanted_auto["enabled"],
                Subject=wanted_auto["subject"], Body=wanted_auto["body"]))
        after_extras["auto_responder"] = wanted_auto
    settings = dict((k.lower(), v) for k, v in (entry.get("settings") or {}).items())
    if settings:
        now = current_extras.get("settings") or {}
        changes = sorted(k for k, v in settings.items() if not settings_equal(now.get(k), v))
        if changes:
            m.plan.add("set settings %s of user %s" % (", ".join(changes), address), lambda: m.call(
                SERVICE, "SetRequestedUserSettings", EmailAddress=address,
                newSettings=["%s=%s" % (k, setting_text(settings[k])) for k in changes]))
        after_extras["settings"] = dict((k, setting_text(v)) for k, v in settings.items())
    if entry.get("max_mailbox_size_mb") is not None:
        after_extras["max_mailbox_size_mb"] = entry["max_mailbox_size_mb"]
    after_info = dict(current_info)
    for key, option in (("FirstName", "first_name"), ("LastName", "last_name"), ("IsDomainAdmin", "domain_admin")):
        if entry.get(option) is not None:
            after_info[key] = entry[option]
    after = shape(name, domain, after_info, after_extras, password_note)
    return before, after

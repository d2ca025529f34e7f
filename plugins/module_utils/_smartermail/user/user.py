# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailbox users of a SmarterMail domain (svcUserAdmin): one user, or many in one task.

The server returns a user's password in clear text (GetUser, GetUsers). It is used only to
decide whether the password must change and to resend it unchanged where the API needs it
(UpdateUser2 takes the whole user); it is never returned, shown in a diff or written to a message.

Concurrent writers: UpdateUser2 (password, names, admin flag, mailbox size),
UpdateUserForwardingInfo2 (addresses and delete-on-forward) and UpdateUserAutoResponseInfo
(enabled, subject, body) each resend a whole part of the user. Each carries a ``Refresh``: right
before it is sent, that part is read again (GetUser and the ``maxsize`` setting, the forwarding,
the auto-responder) and only the fields this task changes are applied to the fresh read; after
the writes the user is read back, so the result shows the server's values. What remains is the
time between that fresh read and the write: a change another writer makes to the same part of
the same user in that interval (milliseconds) is overwritten. Settings (SetRequestedUserSettings)
are written key by key and have no such window.

What is read, per user the task manages (and only then):

- the user itself (GetUser, or GetUsers once for the whole list);
- forwarding (GetUserForwardingInfo2), auto-responder (GetUserAutoResponseInfo) and the requested
  settings when the entry manages them;
- the mailbox size (setting ``maxsize``) when the entry manages it or when UpdateUser2 must be sent,
  so that UpdateUser2 resends only values read in this task, never a default;
- the primary domain administrator (GetPrimaryDomainAdmin), only when purging: a purge never tries
  to delete it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec, entry_forms
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Field,
    PlanError,
    Refresh,
    Resource,
    apply_fields,
    as_set,
    changed_fields,
    changed_settings,
    fresh_read,
    parse_settings,
    same_setting,
    secret_note,
    setting_text,
    settings_list,
    to_bool,
    typed_setting,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    address_key,
    collect,
    domain_key,
    domain_name_error,
    email_error,
    local_key,
    local_part_error,
    non_negative_error,
    settings_errors,
)

SERVICE = "svcUserAdmin"
DOMAIN_SERVICE = "svcDomainAdmin"
FORBIDDEN_SETTINGS = ("password",)

# The fields UpdateUser2 writes (all of them at once).
CORE_FIELDS = (
    Field("first_name", "FirstName"),
    Field("last_name", "LastName"),
    Field("domain_admin", "IsDomainAdmin", rule="bool"),
    Field("max_mailbox_size_mb", "maxsize", rule="number"),
    Field("password", "Password", rule="secret", secret=True),
)
FORWARDING_FIELDS = (
    Field("addresses", "ForwardingAddresses", rule="set"),
    Field("delete_on_forward", "DeleteOnForward", rule="bool"),
)
AUTO_RESPONDER_FIELDS = (
    Field("enabled", "Enabled", rule="bool"),
    Field("subject", "Subject"),
    Field("body", "Body"),
)
# UpdateUserAutoResponseInfo2 adds the time window (sent only when the task manages it)
AUTO_RESPONDER_FIELDS2 = AUTO_RESPONDER_FIELDS + (
    Field("start", "StartDateUTC"),
    Field("end", "EndDateUTC"),
)
RSS_FOLDER = "RSS Feeds"
# "no time window": the parameters are required, the .NET minimum time means none
NO_TIME = "0001-01-01T00:00:00"
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
# option -> the UpdateUser2 parameter that sends it
UPDATE_PARAM = {"first_name": "NewFirstName", "last_name": "NewLastName", "domain_admin": "IsDomainAdmin",
                "max_mailbox_size_mb": "maxMailboxSize", "password": "NewPassword"}
# What a new user has before its forwarding or auto-responder is written.
NEW_FORWARDING = {"addresses": [], "delete_on_forward": False}
NEW_AUTO_RESPONDER = {"enabled": False, "subject": "", "body": ""}

FORWARDING = dict(addresses=dict(type="list", elements="str"), delete_on_forward=dict(type="bool"))
AUTO_RESPONDER = dict(enabled=dict(type="bool"), subject=dict(type="str"), body=dict(type="str"),
                      start=dict(type="str"), end=dict(type="str"))
RSS_FEED = dict(url=dict(type="str", required=True), name=dict(type="str"), folder=dict(type="str"))
ENTRY = dict(
    name=dict(type="str", required=True),
    password=dict(type="str", no_log=True),
    first_name=dict(type="str"),
    last_name=dict(type="str"),
    domain_admin=dict(type="bool"),
    max_mailbox_size_mb=dict(type="int"),
    forwarding=dict(type="dict", options=FORWARDING),
    auto_responder=dict(type="dict", options=AUTO_RESPONDER),
    settings=dict(type="dict"),
    activesync=dict(type="bool"),
    rss_feeds=dict(type="list", elements="dict", options=RSS_FEED),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)
SINGLE_OPTIONS = ("name", "first_name", "last_name", "domain_admin", "max_mailbox_size_mb", "forwarding",
                  "auto_responder", "settings", "activesync", "rss_feeds", "state")


def utc_time(value):
    """A time the user wrote (``2026-01-31``, ``2026-01-31T08:00[:00]``, UTC) or read from the server, as
    ``YYYY-MM-DDTHH:MM:SS``; ``""`` for none (empty, or the .NET minimum); None when it is no such time."""
    text = ("%s" % (value if value is not None else "")).strip().replace(" ", "T")
    if not text or text.startswith("0001-01-01"):
        return ""
    text = text[:19] if len(text) > 19 and text[10:11] == "T" else text
    for form in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, form).strftime("%Y-%m-%dT%H:%M:%S")
        except ValueError:
            continue
    return None


def feed_object(feed):
    return {"url": ("%s" % (feed.get("url") or "")).strip(), "name": feed.get("name") or "",
            "folder": feed.get("folder") or ""}


def read_feeds(client, address):
    """The RSS feeds of a user: ([{url, name, folder}] sorted by url, {url key: uid}) (one call)."""
    feeds, uids = [], {}
    for feed in client.call(SERVICE, "ListRSSFeeds", EmailAddress=address).get("RSSFeeds") or []:
        obj = feed_object(feed)
        if obj["url"]:
            feeds.append(obj)
            uids[obj["url"].lower()] = feed.get("uid") or ""
    return sorted(feeds, key=lambda f: f["url"].lower()), uids


def user_name(name, domain):
    """``alice`` or ``alice@example.com`` -> ``alice``; None for another domain or an invalid name.

    The domain part is normalized like the domain (``alice@example.com.``, ``alice@bücher.test``).
    """
    name = local_key(name) or ""
    if "@" in name:
        local, dummy, at = name.partition("@")
        if at.endswith(".") or domain_key(at) != domain:
            return None
        name = local
    return name if name and not local_part_error(name) else None


def fresh_user(address):
    """The ``Refresh`` read of UpdateUser2: the user's fields as UpdateUser2 takes them, read now."""
    local, dummy, domain = address.partition("@")

    def listed(client):
        users = client.call(SERVICE, "GetUsers", DomainName=domain).get("Users") or []
        return any(user_object(info)["name"] == local.lower() for info in users)

    def read(client):
        result = fresh_read(client, SERVICE, "GetUser", lambda a: (a.get("UserInfo") or {}).get("UserName"),
                            listed, EmailAddress=address)
        if result is None:
            return {}  # gone (the user list says so): the write goes as planned and the server answers
        obj = user_object(result["UserInfo"])
        client.add_secret(obj["password"])
        size = parse_settings(client.call(SERVICE, "GetRequestedUserSettings", EmailAddress=address,
                                          requestedSettings=["maxsize"]).get("settingValues")).get("maxsize")
        obj["max_mailbox_size_mb"] = int(size or 0)
        return dict((UPDATE_PARAM[option], obj[option]) for option in UPDATE_PARAM)
    return read


def fresh_forwarding(address):
    """The ``Refresh`` read of UpdateUserForwardingInfo2."""
    def read(client):
        fwd = client.call(SERVICE, "GetUserForwardingInfo2", EmailAddress=address)
        return {"DeleteOnForward": bool(fwd.get("DeleteOnForward")),
                "ForwardingAddresses": sorted(as_set(fwd.get("ForwardingAddresses")))}
    return read


def fresh_auto_responder(address):
    """The ``Refresh`` read of UpdateUserAutoResponseInfo."""
    def read(client):
        auto = client.call(SERVICE, "GetUserAutoResponseInfo", EmailAddress=address)
        return {"Enabled": bool(auto.get("Enabled")), "Subject": auto.get("Subject") or "",
                "Body": auto.get("Body") or ""}
    return read


def fresh_auto_responder2(address):
    """The ``Refresh`` read of UpdateUserAutoResponseInfo2 (with the time window)."""
    def read(client):
        auto = client.call(SERVICE, "GetUserAutoResponseInfo2", EmailAddress=address)
        return {"Enabled": bool(auto.get("Enabled")), "Subject": auto.get("Subject") or "",
                "Body": auto.get("Body") or "", "StartDateUTC": utc_time(auto.get("StartTimeUTC")) or NO_TIME,
                "EndDateUTC": utc_time(auto.get("EndTimeUTC")) or NO_TIME}
    return read


def refresh_for(read, changed, fields, address):
    """A ``Refresh`` when the write resends fields the task does not change; None when it changes all."""
    return Refresh(read, changed, target=address) if len(changed) < len(fields) else None


def user_object(info):
    """A UserInfo as the module's options (password included: the engine never shows it)."""
    return {
        "name": (info.get("UserName") or "").split("@")[0].lower(),
        "first_name": info.get("FirstName") or "",
        "last_name": info.get("LastName") or "",
        "domain_admin": to_bool(info.get("IsDomainAdmin")),
        "password": info.get("Password") or "",
    }


class UserResource(Resource):
    backend = "smartermail"
    item = "user"
    items = "users"
    list_option = "users"
    entry_options = SINGLE_OPTIONS
    fields = CORE_FIELDS
    multiline_options = ("auto_responder.body", "users.auto_responder.body")
    argument_spec = ArgumentSpec(dict(
        domain=dict(type="str", required=True),
        user_password=dict(type="str", no_log=True),
        update_password=dict(type="str", choices=["always", "on_create"], default="always", no_log=False),
        verify_password=dict(type="str", no_log=True),
    ), mutually_exclusive=[("verify_password", "users"), ("user_password", "users")]).merge(entry_forms("users", ENTRY, exclude=("password",)))

    def __init__(self, params, api=None):
        super(UserResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""

    def address(self, key):
        return "%s@%s" % (key, self.domain)

    # -- input ------------------------------------------------------------------------------
    def validate(self):
        errors = collect([(domain_name_error, self.params["domain"] or "", "domain")])
        raw_entries = self.raw_entries()
        if not self.collection:
            raw_entries[0]["password"] = self.params.get("user_password")
        entries, seen = [], set()
        for raw in raw_entries:
            name = local_key(raw.get("name")) or ""
            key = user_name(name, self.domain)
            if key is None:
                at = name.partition("@")[2]
                if "@" in name and (at.endswith(".") or domain_key(at) != self.domain):
                    errors.append("user %r belongs to another domain than %s" % (raw.get("name"), self.domain))
                else:
                    errors.append(local_part_error(name.partition("@")[0], "user name"))
                continue
            if key in seen:
                errors.append("user %r is listed more than once" % key)
            seen.add(key)
            errors.extend(collect([(non_negative_error, raw.get("max_mailbox_size_mb"),
                                    "max_mailbox_size_mb of %s" % key)]))
            entry = {"key": key, "state": raw.get("state") or "present", "password": raw.get("password") or None}
            for option in ("first_name", "last_name", "domain_admin", "max_mailbox_size_mb"):
                entry[option] = raw.get(option)
            forwarding = raw.get("forwarding")
            if forwarding is not None:
                addresses = forwarding.get("addresses")
                if addresses is not None:
                    errors.extend(collect([(email_error, a, "forwarding address of %s" % key) for a in addresses]))
                    addresses = sorted(as_set(addresses, address_key))
                forwarding = {"addresses": addresses, "delete_on_forward": forwarding.get("delete_on_forward")}
            entry["forwarding"] = forwarding
            auto = raw.get("auto_responder")
            entry["auto_responder"] = None if auto is None else dict(
                (f.option, auto.get(f.option)) for f in AUTO_RESPONDER_FIELDS)
            if auto is not None and auto.get("body") is not None:
                # XML turns every CRLF and lone CR into LF: compare with what the server stores
                entry["auto_responder"]["body"] = auto["body"].replace("\r\n", "\n").replace("\r", "\n")
            if auto is not None and (auto.get("start") is not None or auto.get("end") is not None):
                window = {}
                for option in ("start", "end"):
                    window[option] = utc_time(auto.get(option))
                    if window[option] is None:
                        errors.append("auto_responder %s of user %s must be a UTC date or time like 2026-07-01 or "
                                      "2026-07-01T08:00:00, or empty for none, got %r" % (option, key, auto[option]))
                if None not in window.values() and bool(window["start"]) != bool(window["end"]):
                    errors.append("auto_responder start and end of user %s go together (both, or both empty)" % key)
                elif None not in window.values() and window["start"] > window["end"]:
                    errors.append("auto_responder start of user %s must not be after its end" % key)
                entry["auto_responder"].update(window)
            entry["activesync"] = raw.get("activesync")
            entry["rss_feeds"] = self.validate_feeds(key, raw.get("rss_feeds"), errors)
            settings = raw.get("settings")
            if settings is not None:
                settings, problems = self.validate_settings(key, settings)
                errors.extend(problems)
            entry["settings"] = settings
            entries.append(entry)
        return entries, errors

    @staticmethod
    def validate_feeds(key, feeds, errors):
        """The RSS feeds of an entry, keyed by URL (case-insensitive); None when not managed."""
        if feeds is None:
            return None
        result, seen = [], set()
        for feed in feeds:
            url = ("%s" % (feed.get("url") or "")).strip()
            if not re.match(r"^https?://[^\s/]+\S*$", url, re.I):
                errors.append("rss_feeds url %r of user %s must be an http or https URL" % (feed.get("url"), key))
                continue
            if url.lower() in seen:
                errors.append("rss_feeds url %r of user %s is listed more than once" % (url, key))
            seen.add(url.lower())
            result.append({"url": url, "name": feed.get("name"), "folder": feed.get("folder")})
        return result

    @classmethod
    def secret_values(cls, params):
        """A password written under ``settings`` (refused) is still masked in every output."""
        entries = params.get("users") if params.get("users") is not None else [params]
        return [value for entry in entries or [] for name, value in (entry.get("settings") or {}).items()
                if ("%s" % name).lower() in FORBIDDEN_SETTINGS and value is not None and "%s" % value]

    @staticmethod
    def validate_settings(key, settings):
        """Lower-case keys, values as the user wrote them (compared as the server stores them);
        None (not managed) left out.

        No message names a value: a refused ``password`` key must not show the password.
        """
        result, errors = settings_errors(settings, "settings", FORBIDDEN_SETTINGS)
        errors = ["user %s: %s%s" % (key, e, ": use the password option" if " must not hold " in e else "")
                  for e in errors]
        return dict((k, setting_text(v)) for k, v in result.items()), errors

    def core_values(self, entry, existing):
        """The UpdateUser2 fields the entry manages; the password only when it may change."""
        values = dict((f.option, entry.get(f.option)) for f in CORE_FIELDS)
        if existing is not None and self.params.get("update_password") != "always":
            values["password"] = None
        return values

    # -- reading ----------------------------------------------------------------------------
    def read_all(self, client, entries):
        result = client.call(SERVICE, "GetUsers", DomainName=self.domain)
        current = {}
        for info in result.get("Users") or []:
            obj = user_object(info)
            if obj["name"]:
                current[obj["name"]] = obj
        for entry in entries:
            if entry["state"] == "present" and entry["key"] in current:
                # A stored password may be resent (UpdateUser2): keep it out of every message.
                client.add_secret(current[entry["key"]]["password"])
                current[entry["key"]].update(self.read_extras(client, entry, current[entry["key"]]))
        return current

    def read_one(self, client, entry):
        result = client.call_unchecked(SERVICE, "GetUser", EmailAddress=self.address(entry["key"]))
        info = result.get("UserInfo") or {}
        if result.get("Result") and info.get("UserName"):
            obj = user_object(info)
            obj["name"] = entry["key"]
            client.add_secret(obj["password"])
            if entry["state"] == "present":
                obj.update(self.read_extras(client, entry, obj))
            return obj
        # Not found or another failure: the list tells which (it raises on errors).
        return self.read_all(client, [entry]).get(entry["key"])

    def read_extras(self, client, entry, obj):
        """What the entry manages beyond UserInfo, and the mailbox size UpdateUser2 would resend."""
        address = self.address(entry["key"])
        extras = {}
        if entry.get("forwarding") is not None:
            fwd = client.call(SERVICE, "GetUserForwardingInfo2", EmailAddress=address)
            extras["forwarding"] = {"addresses": sorted(as_set(fwd.get("ForwardingAddresses"), address_key)),
                                    "delete_on_forward": bool(fwd.get("DeleteOnForward"))}
        if entry.get("auto_responder") is not None and "start" in entry["auto_responder"]:
            # the time window is read (and written) with the newer calls only when the task manages it
            auto = client.call(SERVICE, "GetUserAutoResponseInfo2", EmailAddress=address)
            extras["auto_responder"] = {"enabled": bool(auto.get("Enabled")), "subject": auto.get("Subject") or "",
                                        "body": auto.get("Body") or "", "start": utc_time(auto.get("StartTimeUTC")),
                                        "end": utc_time(auto.get("EndTimeUTC"))}
        elif entry.get("auto_responder") is not None:
            auto = client.call(SERVICE, "GetUserAutoResponseInfo", EmailAddress=address)
            extras["auto_responder"] = {"enabled": bool(auto.get("Enabled")), "subject": auto.get("Subject") or "",
                                        "body": auto.get("Body") or ""}
        if entry.get("activesync") is not None:
            # Enabled is a parameter the server requires and ignores
            extras["activesync"] = bool(client.call(SERVICE, "IsUserEnabledForActiveSync", EmailAddress=address,
                                                    Enabled=False).get("Enabled"))
        if entry.get("rss_feeds") is not None:
            extras["rss_feeds"], extras["rss_uids"] = read_feeds(client, address)
        keys = sorted(entry.get("settings") or {})
        values = self.core_values(entry, obj)
        size_asked = entry.get("max_mailbox_size_mb") is not None or entry.get("read_size")
        need_size = size_asked or bool(changed_fields(CORE_FIELDS, obj, values))
        if keys or need_size:
            requested = sorted(set(keys + (["maxsize"] if need_size else [])))
            read = parse_settings(client.call(SERVICE, "GetRequestedUserSettings", EmailAddress=address,
                                              requestedSettings=requested).get("settingValues"))
            if need_size:
                extras["max_mailbox_size_mb"] = int(read.get("maxsize") or 0)
            if keys:
                extras["settings"] = dict((k, read.get(k, "")) for k in keys)
        return extras

    def read_links(self, client, entries, current):
        """The primary domain administrator, read (one call) only when purging; the check of
        ``verify_password`` (one call) when given and the user exists."""
        context = {}
        if self.params.get("verify_password") is not None and entries[0]["key"] in current:
            context["password_valid"] = self.verify(client, entries[0]["key"], self.params["verify_password"])
        if not self.purging():
            return context
        result = client.call(DOMAIN_SERVICE, "GetPrimaryDomainAdmin", DomainName=self.domain)
        admin = ("%s" % (result.get("PrimaryAdmin") or "")).strip().lower().partition("@")[0]
        context["primary_admin"] = admin
        return context

    def verify(self, client, key, password):
        """Whether ``password`` logs in to user ``key``: LoginValidated, or AuthenticateUser on a server whose
        WSDL lacks it. Both are reads (the server records a login); a refused login is False, not an error."""
        if "LoginValidated" in (client.signatures(SERVICE).get("operations") or {}):
            result = client.call_unchecked(SERVICE, "LoginValidated", Username=self.address(key), Password=password)
            return bool(result.get("LoginValidated"))  # a LoginResult has no Result field
        result = client.call_unchecked(SERVICE, "AuthenticateUser", UserName=key, DomainName=self.domain,
                                       Password=password)
        return bool(result.get("Result"))

    def read_back_entry(self, entry, outcome):
        """A user resent whole is read back with its mailbox size when the first read had it."""
        return dict(entry, read_size="max_mailbox_size_mb" in (outcome.before.get(entry["key"]) or {}))

    def protected(self, key, current, context):
        if key == context.get("primary_admin"):
            return "it is the primary administrator of %s, which the server refuses to delete" % self.domain
        return None

    # -- planning ---------------------------------------------------------------------------
    def desired(self, entry, current):
        """The user after the task: what was read, with the values to write (defaults only if written)."""
        if current is None:
            obj = {"name": entry["key"], "first_name": entry.get("first_name") or "",
                   "last_name": entry.get("last_name") or "", "domain_admin": bool(entry.get("domain_admin")),
                   "password": entry.get("password")}
            if entry.get("max_mailbox_size_mb") is not None:
                obj["max_mailbox_size_mb"] = entry["max_mailbox_size_mb"]
        else:
            obj = apply_fields(CORE_FIELDS, current, self.core_values(entry, current))
        window = "start" in (entry.get("auto_responder") or {})
        for option, fields, new in (("forwarding", FORWARDING_FIELDS, NEW_FORWARDING),
                                    ("auto_responder", AUTO_RESPONDER_FIELDS2 if window else AUTO_RESPONDER_FIELDS,
                                     dict(NEW_AUTO_RESPONDER, start="", end="") if window else NEW_AUTO_RESPONDER)):
            if entry.get(option) is not None:
                now = obj.get(option) if current is not None else new
                applied = apply_fields(fields, now or new, entry[option])
                # only the fields this call writes (a time window read earlier is not resent without the newer call)
                obj[option] = dict((f.option, applied.get(f.option)) for f in fields)
        if entry.get("activesync") is not None:
            obj["activesync"] = entry["activesync"]
        if entry.get("rss_feeds") is not None:
            obj["rss_feeds"] = self.desired_feeds(entry["rss_feeds"], obj.get("rss_feeds") or [])
        if entry.get("settings") is not None:
            now = obj.get("settings") or {}
            wanted = dict(now)
            for key in changed_settings(now, entry["settings"]):
                wanted[key] = entry["settings"][key]
            obj["settings"] = wanted
        return obj

    @staticmethod
    def desired_feeds(wanted, current):
        """Exactly the feeds listed (by URL); a name or folder left out keeps the one read (or the default)."""
        now = dict((f["url"].lower(), f) for f in current)
        feeds = []
        for feed in wanted:
            old = now.get(feed["url"].lower()) or {}
            feeds.append({"url": old.get("url") or feed["url"],
                          "name": feed["name"] if feed["name"] is not None else old.get("name") or feed["url"],
                          "folder": feed["folder"] if feed["folder"] is not None else old.get("folder") or RSS_FOLDER})
        return sorted(feeds, key=lambda f: f["url"].lower())

    def create_errors(self, entry, desired):
        if not entry.get("password"):
            return ["password is required to create user %s" % self.address(entry["key"])]
        return []

    def changes(self, entry, current, desired):
        options = [f.option for f in CORE_FIELDS] + ["forwarding", "auto_responder", "settings", "activesync",
                                                     "rss_feeds"]
        return [option for option in options if desired.get(option) != current.get(option)]

    create_operations = ("AddUser2",)

    def _write(self, plan, phase, operation, description, key, refresh=None, **params):
        plan.add(phase, operation, description, params, key=key, service=SERVICE, refresh=refresh)

    def plan_create(self, plan, entry, desired):
        key = entry["key"]
        self._write(plan, "create", "AddUser2", "create user %s" % self.address(key), key,
                    NewUsername=key, NewPassword=desired["password"], DomainName=self.domain,
                    FirstName=desired["first_name"], LastName=desired["last_name"],
                    IsDomainAdmin=desired["domain_admin"], maxMailboxSize=entry.get("max_mailbox_size_mb") or 0)
        new = {"settings": {}, "rss_feeds": []}
        if entry.get("forwarding") is not None:
            new["forwarding"] = None
        if entry.get("auto_responder") is not None:
            new["auto_responder"] = None
        if entry.get("activesync") is not None:
            new["activesync"] = None  # written when given: the server's default for a new user is not assumed
        self._plan_extras(plan, "create", key, new, desired)

    def plan_update(self, plan, entry, current, desired, changed):
        key = entry["key"]
        core = [f.option for f in CORE_FIELDS if f.option in changed]
        if core:
            if "max_mailbox_size_mb" not in desired:
                # Never resend a size that was not read (it would reset the mailbox size).
                raise PlanError("the mailbox size of user %s was not read" % self.address(key))
            address = self.address(key)
            description = "update %s of user %s" % (", ".join(sorted(core)), address)
            # UpdateUser2 resends the whole user: the fields not changed are read again right before it
            refresh = refresh_for(fresh_user(address), [UPDATE_PARAM[o] for o in core], CORE_FIELDS, address)
            self._write(plan, "update", "UpdateUser2", description, key, refresh=refresh,
                        EmailAddress=address, NewPassword=desired["password"],
                        NewFirstName=desired["first_name"], NewLastName=desired["last_name"],
                        IsDomainAdmin=desired["domain_admin"], maxMailboxSize=desired["max_mailbox_size_mb"])
        self._plan_extras(plan, "update", key, current, desired)

    def _plan_extras(self, plan, phase, key, current, desired):
        """Forwarding, auto-responder and settings writes: what differs from ``current``."""
        address = self.address(key)
        forwarding, old = desired.get("forwarding"), current.get("forwarding")
        if forwarding is not None and forwarding != (old if "forwarding" in current else forwarding):
            # both fields go together: the one not changed is read again right before the write
            changed = [wire for option, wire in (("delete_on_forward", "DeleteOnForward"),
                                                 ("addresses", "ForwardingAddresses"))
                       if old is None or forwarding[option] != old.get(option)]
            self._write(plan, phase, "UpdateUserForwardingInfo2", "set forwarding of user %s" % address, key,
                        refresh=refresh_for(fresh_forwarding(address), changed, FORWARDING_FIELDS, address),
                        EmailAddress=address, DeleteOnForward=forwarding["delete_on_forward"],
                        ForwardingAddresses=list(forwarding["addresses"]))
        auto, old = desired.get("auto_responder"), current.get("auto_responder")
        if auto is not None and "start" in auto and auto != (old if "auto_responder" in current else auto):
            # the time window is managed: the newer call, which sends it with the rest
            changed = [f.wire for f in AUTO_RESPONDER_FIELDS2 if old is None or auto[f.option] != old.get(f.option)]
            refresh = refresh_for(fresh_auto_responder2(address), changed, AUTO_RESPONDER_FIELDS2, address)
            self._write(plan, phase, "UpdateUserAutoResponseInfo2", "set auto-responder of user %s" % address, key,
                        refresh=refresh, EmailAddress=address, Enabled=auto["enabled"], Subject=auto["subject"],
                        Body=auto["body"], StartDateUTC=auto["start"] or NO_TIME, EndDateUTC=auto["end"] or NO_TIME)
        elif auto is not None and auto != (old if "auto_responder" in current else auto):
            changed = [f.wire for f in AUTO_RESPONDER_FIELDS if old is None or auto[f.option] != old.get(f.option)]
            refresh = refresh_for(fresh_auto_responder(address), changed, AUTO_RESPONDER_FIELDS, address)
            self._write(plan, phase, "UpdateUserAutoResponseInfo", "set auto-responder of user %s" % address, key,
                        refresh=refresh, EmailAddress=address, Enabled=auto["enabled"], Subject=auto["subject"],
                        Body=auto["body"])
        if desired.get("activesync") is not None and desired["activesync"] != current.get("activesync"):
            self._write(plan, phase, "ToggleActiveSync", "%s ActiveSync of user %s" % (
                "enable" if desired["activesync"] else "disable", address), key, EmailAddress=address,
                Enabled=desired["activesync"])
        feeds = desired.get("rss_feeds")
        if feeds is not None and feeds != current.get("rss_feeds"):
            now = dict((f["url"].lower(), f) for f in current.get("rss_feeds") or [])
            wanted = dict((f["url"].lower(), f) for f in feeds)
            uids = current.get("rss_uids") or {}
            for url in sorted(now):
                if wanted.get(url) != now[url]:
                    self._write(plan, phase, "DeleteRSSFeed", "delete RSS feed %s of user %s"
                                % (now[url]["url"], address), key, EmailAddress=address, UID=uids.get(url, ""))
            for url in sorted(wanted):
                if now.get(url) != wanted[url]:
                    feed = wanted[url]
                    self._write(plan, phase, "AddRSSFeed", "add RSS feed %s to user %s" % (feed["url"], address), key,
                                EmailAddress=address, rssUrl=feed["url"], rssName=feed["name"],
                                rssFolder=feed["folder"])
        settings = desired.get("settings")
        if settings is not None:
            now = current.get("settings") or {}
            keys = sorted(k for k in settings if k not in now or not same_setting(now[k], settings[k]))
            if keys:
                self._write(plan, phase, "SetRequestedUserSettings",
                            "set settings %s of user %s" % (", ".join(keys), address), key,
                            EmailAddress=address, newSettings=settings_list(settings, keys))

    def plan_remove(self, plan, key, current):
        self._write(plan, "remove", "DeleteUser", "delete user %s" % self.address(key), key,
                    Username=key, DomainName=self.domain)

    # -- output -----------------------------------------------------------------------------
    def written_settings(self, key):
        """The settings the user wrote for ``key`` (typed as written), None values left out."""
        for raw in self.raw_entries():
            if user_name(raw.get("name"), self.domain) == key:
                return settings_errors(raw.get("settings"))[0]
        return {}

    def shape(self, key, obj, context):
        out = super(UserResource, self).shape(key, obj, context)
        out.pop("rss_uids", None)
        out["address"] = self.address(key)
        return out

    def typed(self, obj):
        """A returned user (not the diff, which shows the server's text) with its settings typed back
        like the values the user wrote (true, 500) where the server's text is unambiguous."""
        if obj and obj.get("settings"):
            given = self.written_settings(obj["name"])
            # a new dict: the single object is also the diff's after
            obj = dict(obj, settings=dict((k, typed_setting(v, given.get(k))) for k, v in obj["settings"].items()))
        return obj

    def result(self, outcome):
        """The engine's result, with the password noted (never shown) and only the users the task named.

        A created user shows ``password: ********``; a changed password shows ``********`` before and
        ``******** (changed)`` after. With ``users``, the list and the diff hold the users listed and
        those removed, not every user of the domain.
        """
        result = super(UserResource, self).result(outcome)
        if "password_valid" in outcome.context:
            result["password_valid"] = outcome.context["password_valid"]
        notes = {}
        for key, obj in outcome.after.items():
            note = secret_note(outcome.before.get(key), obj, "password")
            if note:
                notes[key] = note
        if not self.collection:
            key = outcome.entries[0]["key"]
            if key in notes:
                before_note, after_note = notes[key]
                if before_note and result["diff"]["before"]:
                    result["diff"]["before"]["password"] = before_note
                if result[self.item]:
                    result[self.item]["password"] = after_note
            result[self.item] = self.typed(result[self.item])
            return result
        listed = set(e["key"] for e in outcome.entries if e["state"] == "present")
        shown = listed | set(result.get("removed") or [])
        result[self.items] = [u for u in result[self.items] if u["name"] in listed]
        before = dict((k, v) for k, v in result["diff"]["before"][self.items].items() if k in shown)
        after = dict((k, v) for k, v in result["diff"]["after"][self.items].items() if k in shown)
        for users, side in ((before, 0), (after, 1)):
            for key, obj in users.items():
                if key in notes and notes[key][side]:
                    obj["password"] = notes[key][side]
        for obj in result[self.items]:
            if obj["name"] in notes:
                obj["password"] = notes[obj["name"]][1]
        result[self.items] = [self.typed(obj) for obj in result[self.items]]
        result["diff"]["before"][self.items] = before
        result["diff"]["after"][self.items] = after
        return result

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailbox users of a SmarterMail domain: one user, or many in one task. The table, the resource,
and its SOAP (svcUserAdmin) and JSON API adapters.

The SOAP API returns a user's password in clear text (GetUser, GetUsers). It is used only to
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
are written key by key and have no such window. The JSON API's writes are rebuilt the same way.

What is read over SOAP, per user the task manages (and only then):

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

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
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
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed, Option, Table, Wire
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.estate import DOMAINS, PARALLEL, domain_option
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
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_client import USER
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    MB,
    JsonAdapter,
    add_write,
    segment,
)

SERVICE = "svcUserAdmin"
DOMAIN_SERVICE = "svcDomainAdmin"
FORBIDDEN_SETTINGS = ("password",)
JSON_CREATE = "settings/domain/user-put"

RSS_FOLDER = "RSS Feeds"
# "no time window": the parameters are required, the .NET minimum time means none
NO_TIME = "0001-01-01T00:00:00"
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
# What a new user has before its forwarding or auto-responder is written.
NEW_FORWARDING = {"addresses": [], "delete_on_forward": False}
NEW_AUTO_RESPONDER = {"enabled": False, "subject": "", "body": ""}
# the user's own auto-responder over the JSON API, with a user token (reference §5.4: FUSE only)
AUTO_RESPONDER_PATH = "settings/auto-responder"


def password_always(resource, entries):
    """Whether the task sets a password with ``update_password: always`` (what the JSON API refuses)."""
    return resource.params.get("update_password") == "always" and any(e.get("password") for e in entries)


def window_given(resource, entries):
    """Whether the task manages an auto-responder's time window (what the JSON API refuses)."""
    return any("start" in (e.get("auto_responder") or {}) for e in entries)


FORWARDING_OPTIONS = [
    Option("addresses", "Addresses to forward to (set semantics); an empty list stops forwarding.", type="list",
           elements="str", rule="set", soap="ForwardingAddresses", json="mailboxForwardList.forwardList"),
    Option("delete_on_forward", "Delete the messages once forwarded.", type="bool", rule="bool",
           soap="DeleteOnForward", json="mailboxForwardList.deleteOnForward"),
]
AUTO_RESPONDER_OPTIONS = [
    Option("enabled", "Whether the auto-responder answers.", type="bool", rule="bool", soap="Enabled",
           json="autoResponderSettings.enabled"),
    Option("subject", "Subject of the answer.", rule="exact", soap="Subject", json="autoResponderSettings.subject"),
    Option("body", [
        "Text of the answer; the only option that may hold line breaks.",
        "Line breaks are stored as LF (XML turns CRLF into LF), so CRLF and LF compare equal.",
    ], rule="exact", entry_doc="Text of the answer.", soap="Body", json="autoResponderSettings.body"),
    Option("start", [
        "Start of the time window in which the auto-responder answers, a UTC date (C(2026-07-01)) or time "
        "(C(2026-07-01T08:00:00)); V('') for no window. Goes with O(auto_responder.end).",
        "When O(auto_responder.start) or O(auto_responder.end) is given, the auto-responder is read with "
        "C(GetUserAutoResponseInfo2) and written with C(UpdateUserAutoResponseInfo2), which carry the window; "
        "otherwise with C(GetUserAutoResponseInfo) and C(UpdateUserAutoResponseInfo).",
    ], rule="exact", version_added="1.0.0",
        entry_doc="Start of the time window (UTC), as the top-level O(auto_responder.start).", soap="StartDateUTC"),
    Option("end", "End of the time window (UTC date or time); V('') for no window.", rule="exact",
           version_added="1.0.0", entry_doc="End of the time window (UTC).", soap="EndDateUTC"),
]
RSS_FEED_OPTIONS = [
    Option("url", "The http or https URL of the feed.", required=True, soap="rssUrl"),
    Option("name", "Display name; when omitted, the one read (or the URL for a new feed).",
           entry_doc="Display name.", soap="rssName"),
    Option("folder", "Folder; when omitted, the one read (or C(RSS Feeds) for a new feed).", entry_doc="Folder.",
           soap="rssFolder"),
]

TABLE = Table([
    domain_option([
        "The domain of the users, for example C(example.com).",
        "Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the "
        "server holds and the result shows; a trailing dot and the case are ignored.",
    ], "users", soap="DomainName", json="the domain-scoped token"),
    PARALLEL,
    DOMAINS,
    Option("name", [
        "User name, bare (C(alice)) or as an address (C(alice@example.com)). Mutually exclusive with O(users).",
        "User names (like O(keep) entries) compare without case; they are shown in lower case.",
    ], required=True, entry_doc="User name, bare or as an address.", soap="NewUsername", json="userData.userName"),
    Option("user_password", [
        "The user's password. Required to create a user.",
        "(O(password) is the administrator's password used to connect.)",
    ], secret=True, entry=False, soap="NewPassword", json="userData.password"),
    Option("update_password", [
        "V(always) changes the password of an existing user when it differs from O(user_password) (or a "
        "O(users[].password)).",
        "V(on_create) sets it only when the user is created.",
    ], choices=["always", "on_create"], default="always", no_log=False, entry=False,
        json=NotServed("the JSON API never returns a password, so the task cannot tell whether it differs (set "
                       "update_password: on_create to set it when the user is created)", when=password_always,
                       label="a password with update_password: always")),
    # the list form's spelling of user_password
    Option("password", "Password; required to create the user.", rule="secret", secret=True, top=False,
           soap="NewPassword", json="userData.password"),
    Option("first_name", "First name.", rule="exact", entry_doc="First name.", soap="NewFirstName",
           json="userMailSettings.userContactInfo.firstName"),
    Option("last_name", "Last name.", rule="exact", entry_doc="Last name.", soap="NewLastName",
           json="userMailSettings.userContactInfo.lastName"),
    Option("domain_admin", "Whether the user is an administrator of the domain.", type="bool", rule="bool",
           entry_doc="Whether the user administers the domain.", soap="IsDomainAdmin",
           json="userData.securityFlags.isDomainAdmin"),
    Option("max_mailbox_size_mb", "Largest mailbox, in MB; V(0) means unlimited.", type="int", rule="number",
           entry_doc="Largest mailbox, in MB; V(0) means unlimited.", soap="maxMailboxSize",
           json=Wire("userData.maxMailboxSize", lambda mb: int(mb or 0) * MB, lambda size: int(size or 0) // MB)),
    Option("forwarding", "Forwarding of the user's mail. Keys left out are not managed.", type="dict",
           options=FORWARDING_OPTIONS, entry_doc="Forwarding, as the top-level O(forwarding).",
           soap="UpdateUserForwardingInfo2", json="settings/domain/post-mailbox-forward-list"),
    Option("auto_responder", "The user's auto-responder. Keys left out are not managed.", type="dict",
           options=AUTO_RESPONDER_OPTIONS, entry_doc="Auto-responder, as the top-level O(auto_responder).",
           soap="UpdateUserAutoResponseInfo (UpdateUserAutoResponseInfo2 with the time window)",
           json=NotServed("the JSON API's auto-responder (settings/auto-responder with the user's token, one client "
                          "only) carries no time window", when=window_given,
                          label="auto_responder start or end")),
    Option("settings", [
        "Requested user settings to manage, as a dict of key to value (the keys of the server's "
        "C(GetRequestedUserSettings)). Only the keys given are managed; a key whose value is V(null) is not "
        "managed. C(password) is refused here (use O(user_password)); the error does not show its value.",
        "Values are text, numbers or booleans on one line; a key must not contain C(=), blanks around it or "
        "control characters, and two keys that differ only in case are an error.",
        "Values compare as the server stores them (C(\"0500\") equals C(500), C(yes) equals C(true)); the result "
        "returns them typed as written (C(true), C(500)) where the server's text is unambiguous.",
    ], type="dict", entry_doc="Requested user settings, as the top-level O(settings).",
        soap="SetRequestedUserSettings", json=NotServed("the SOAP user settings keys have no known JSON API names")),
    Option("activesync", [
        "Whether the user may use Exchange ActiveSync (read with C(IsUserEnabledForActiveSync), written with "
        "C(ToggleActiveSync)). The domain's ActiveSync account limit is not enforced by the server for this call.",
    ], type="bool", version_added="1.0.0",
        entry_doc="Whether the user may use ActiveSync, as the top-level O(activesync).", soap="ToggleActiveSync",
        json=NotServed("no known endpoint reads or toggles a user's ActiveSync")),
    Option("rss_feeds", [
        "The user's RSS feeds, exactly these (set semantics by URL, without case); feeds not listed are deleted. "
        "A feed whose name or folder differs is deleted and added again. When omitted, feeds are not read.",
    ], type="list", elements="dict", options=RSS_FEED_OPTIONS, version_added="1.0.0",
        entry_doc="The user's RSS feeds (set semantics by URL), as the top-level O(rss_feeds).",
        soap="AddRSSFeed, DeleteRSSFeed", json=NotServed("no known endpoint lists or changes a user's RSS feeds")),
    Option("verify_password", [
        "Check whether this password logs in to the user in O(name), without changing anything; the result says "
        "so in RV(password_valid). It checks the password the user has before the task (one call, "
        "C(LoginValidated); C(AuthenticateUser) on a server that lacks it; the server records it as a login).",
        "Nothing is checked when the user does not exist. Mutually exclusive with O(users).",
    ], secret=True, entry=False, version_added="1.0.0", soap="LoginValidated (AuthenticateUser)",
        json=NotServed("no known endpoint checks a user's password without logging in as the user")),
    Option("state", "Whether the user in O(name) should exist.", choices=["present", "absent"], default="present",
           entry_doc="Whether this user should exist."),
], list_option="users", list_doc=[
    "Many users of O(domain) in one task. Mutually exclusive with O(name), O(user_password) and the other options "
    "of one user (give them in each entry); O(state) beside the list is not used.",
    "An empty list (an empty inventory variable) manages nothing (no call, no change); with O(purge) it removes "
    "every user not in O(keep).",
], mutually_exclusive=[("verify_password", "users"), ("user_password", "users")])


def fields_of(options):
    """The comparison fields of suboptions."""
    return tuple(f for f in (o.field() for o in options) if f is not None)


# The fields UpdateUser2 writes (all of them at once), their SOAP column the parameter that sends each.
CORE_FIELDS = TABLE.fields(("first_name", "last_name", "domain_admin", "max_mailbox_size_mb", "password"))
UPDATE_PARAM = dict((f.option, f.wire) for f in CORE_FIELDS)
FORWARDING_FIELDS = fields_of(FORWARDING_OPTIONS)
AUTO_RESPONDER_FIELDS2 = fields_of(AUTO_RESPONDER_OPTIONS)
# UpdateUserAutoResponseInfo writes the auto-responder without the time window (start, end), which
# UpdateUserAutoResponseInfo2 adds (sent only when the task manages it)
AUTO_RESPONDER_FIELDS = AUTO_RESPONDER_FIELDS2[:3]


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


def set_path(body, path, value):
    """``body`` with ``value`` at the key path ``path`` (dicts made on the way)."""
    for part in path[:-1]:
        body = body.setdefault(part, {})
    body[path[-1]] = value


def fresh_json(domain, path, key, address):
    """The ``Refresh`` read of a whole-object JSON write: ``GET path`` -> {"body": {key: object}}."""
    def read(client):
        return {"body": {key: client.get(path + segment(address), scope=domain).get(key) or {}}}
    return read


class SoapUsers(Adapter):
    """svcUserAdmin: GetUsers/GetUser and the reads of each part, AddUser2, UpdateUser2, the writes
    of each part, DeleteUser; the primary administrator from svcDomainAdmin."""

    api = "soap"
    create_operations = ("AddUser2",)

    def read_all(self, client, entries):
        result = client.call(SERVICE, "GetUsers", DomainName=self.resource.domain)
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
        result = client.call_unchecked(SERVICE, "GetUser", EmailAddress=self.resource.address(entry["key"]))
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
        address = self.resource.address(entry["key"])
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
        values = self.resource.core_values(entry, obj)
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

    def read_primary_admin(self, client):
        result = client.call(DOMAIN_SERVICE, "GetPrimaryDomainAdmin", DomainName=self.resource.domain)
        return ("%s" % (result.get("PrimaryAdmin") or "")).strip().lower().partition("@")[0]

    def verify(self, client, key, password):
        """Whether ``password`` logs in to user ``key``: LoginValidated, or AuthenticateUser on a server whose
        WSDL lacks it. Both are reads (the server records a login); a refused login is False, not an error."""
        if "LoginValidated" in (client.signatures(SERVICE).get("operations") or {}):
            result = client.call_unchecked(SERVICE, "LoginValidated", Username=self.resource.address(key),
                                           Password=password)
            return bool(result.get("LoginValidated"))  # a LoginResult has no Result field
        result = client.call_unchecked(SERVICE, "AuthenticateUser", UserName=key, DomainName=self.resource.domain,
                                       Password=password)
        return bool(result.get("Result"))

    def _write(self, plan, phase, operation, description, key, refresh=None, **params):
        plan.add(phase, operation, description, params, key=key, service=SERVICE, refresh=refresh)

    def plan_create(self, plan, entry, desired):
        key = entry["key"]
        self._write(plan, "create", "AddUser2", "create user %s" % self.resource.address(key), key,
                    NewUsername=key, NewPassword=desired["password"], DomainName=self.resource.domain,
                    FirstName=desired["first_name"], LastName=desired["last_name"],
                    IsDomainAdmin=desired["domain_admin"], maxMailboxSize=entry.get("max_mailbox_size_mb") or 0)
        self.plan_extras(plan, "create", key, self.resource.new_parts(entry), desired)

    def plan_update(self, plan, entry, current, desired, changed):
        key = entry["key"]
        core = [f.option for f in CORE_FIELDS if f.option in changed]
        if core:
            if "max_mailbox_size_mb" not in desired:
                # Never resend a size that was not read (it would reset the mailbox size).
                raise PlanError("the mailbox size of user %s was not read" % self.resource.address(key))
            address = self.resource.address(key)
            # UpdateUser2 resends the whole user: the fields not changed are read again right before it
            refresh = refresh_for(fresh_user(address), [UPDATE_PARAM[o] for o in core], CORE_FIELDS, address)
            self._write(plan, "update", "UpdateUser2", self.resource.describe_update(core, key), key, refresh=refresh,
                        EmailAddress=address, **dict((UPDATE_PARAM[f.option], desired[f.option]) for f in CORE_FIELDS))
        self.plan_extras(plan, "update", key, current, desired)

    def plan_extras(self, plan, phase, key, current, desired):
        """Forwarding, auto-responder, ActiveSync, RSS feed and settings writes: what differs from ``current``."""
        address = self.resource.address(key)
        changed = part_changes(current, desired, "forwarding", FORWARDING_FIELDS)
        if changed is not None:
            # both fields go together: the one not changed is read again right before the write
            forwarding = desired["forwarding"]
            self._write(plan, phase, "UpdateUserForwardingInfo2", "set forwarding of user %s" % address, key,
                        refresh=refresh_for(fresh_forwarding(address), [f.wire for f in changed], FORWARDING_FIELDS,
                                            address),
                        EmailAddress=address, DeleteOnForward=forwarding["delete_on_forward"],
                        ForwardingAddresses=list(forwarding["addresses"]))
        auto = desired.get("auto_responder")
        window = auto is not None and "start" in auto
        fields = AUTO_RESPONDER_FIELDS2 if window else AUTO_RESPONDER_FIELDS
        changed = part_changes(current, desired, "auto_responder", fields)
        if changed is not None:
            description = "set auto-responder of user %s" % address
            wires = [f.wire for f in changed]
            if window:
                # the time window is managed: the newer call, which sends it with the rest
                self._write(plan, phase, "UpdateUserAutoResponseInfo2", description, key,
                            refresh=refresh_for(fresh_auto_responder2(address), wires, fields, address),
                            EmailAddress=address, Enabled=auto["enabled"], Subject=auto["subject"], Body=auto["body"],
                            StartDateUTC=auto["start"] or NO_TIME, EndDateUTC=auto["end"] or NO_TIME)
            else:
                self._write(plan, phase, "UpdateUserAutoResponseInfo", description, key,
                            refresh=refresh_for(fresh_auto_responder(address), wires, fields, address),
                            EmailAddress=address, Enabled=auto["enabled"], Subject=auto["subject"], Body=auto["body"])
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
                                EmailAddress=address, **dict((o.column("soap"), feed[o.name]) for o in RSS_FEED_OPTIONS))
        settings = desired.get("settings")
        if settings is not None:
            now = current.get("settings") or {}
            keys = sorted(k for k in settings if k not in now or not same_setting(now[k], settings[k]))
            if keys:
                self._write(plan, phase, "SetRequestedUserSettings",
                            "set settings %s of user %s" % (", ".join(keys), address), key,
                            EmailAddress=address, newSettings=settings_list(settings, keys))

    def plan_remove(self, plan, key, current):
        self._write(plan, "remove", "DeleteUser", "delete user %s" % self.resource.address(key), key,
                    Username=key, DomainName=self.resource.domain)


def part_changes(current, desired, option, fields):
    """The ``fields`` of the part ``option`` (forwarding, auto-responder) a write must send as the task
    wants them; None when the part needs no write."""
    new, old = desired.get(option), current.get(option)
    if new is None or new == (old if option in current else new):
        return None
    return [f for f in fields if old is None or new[f.option] != old.get(f.option)]


def json_path(cell):
    """A JSON column's field as a key path into a write's parameters."""
    return ("body",) + tuple((cell.field if isinstance(cell, Wire) else cell).split("."))


class JsonUsers(JsonAdapter):
    """The JSON API, with a domain-scoped token.

    - read: ``GET settings/domain/list-users`` -> ``userData[]`` {``userName``, ``securityFlags``
      {``isDomainAdmin``}, ``isPrimaryDomainAdmin``, ``maxMailboxSize`` (bytes)} [CBX, PYZ, ARTV];
      names from ``GET settings/domain/user-mail/{email}`` -> ``userMailSettings.userContactInfo``
      {``firstName``, ``lastName``} [FUSE, CBX, ASTRAL], read (and shown) only for a user whose entry
      gives ``first_name`` or ``last_name`` (the list holds no names); forwarding, likewise only when
      the entry gives it, from
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
    - delete: ``POST settings/domain/user-delete/{localpart}`` [FUSE; CBX and ASTRAL use other forms];
    - auto-responder: ``GET``/``POST settings/auto-responder`` {``autoResponderSettings``: {``enabled``,
      ``subject``, ``body``}} with the user's own token [FUSE only: single source], read only when the
      entry gives it, the whole object rebuilt from a fresh read.

    What it does not serve is in the table's JSON column (``NotServed``): the JSON API never returns
    a password, so ``update_password: always`` cannot tell whether it differs; the auto-responder's
    object has no time window; settings, ActiveSync, RSS feeds and the password check have no known
    endpoint.
    """

    create_paths = (JSON_CREATE,)
    # the part of a user each update call writes: (first key of the JSON column, the call, its fresh read)
    PARTS = (("userData", "settings/domain/post-user", "settings/domain/user/"),
             ("userMailSettings", "settings/domain/post-user-mail", "settings/domain/user-mail/"))

    def __init__(self, resource):
        super(JsonUsers, self).__init__(resource)
        self.primary = ""

    def read_all(self, client, entries):
        domain = self.resource.domain
        answer = client.get("settings/domain/list-users", scope=domain)
        current, self.primary = {}, ""
        size = TABLE["max_mailbox_size_mb"].column("json").from_wire
        for data in answer.get("userData") or []:
            name = ("%s" % (data.get("userName") or "")).partition("@")[0].lower()
            if not name:
                continue
            flags = data.get("securityFlags") or {}
            current[name] = {"name": name, "domain_admin": to_bool(flags.get("isDomainAdmin")),
                             "max_mailbox_size_mb": size(data.get("maxMailboxSize")),
                             "password": None}  # never returned by the JSON API
            if data.get("isPrimaryDomainAdmin"):
                self.primary = name
        for entry in entries:
            if entry["state"] == "present" and entry["key"] in current:
                current[entry["key"]].update(self.read_extras(client, entry))
        return current

    def read_one(self, client, entry):
        return self.read_all(client, [entry]).get(entry["key"])

    def read_extras(self, client, entry):
        """What the list of users does not hold, read only for what the entry manages (one request
        per user and part): the names, the forwarding."""
        domain, address = self.resource.domain, self.resource.address(entry["key"])
        extras = {}
        if entry.get("first_name") is not None or entry.get("last_name") is not None:
            mail = client.get("settings/domain/user-mail/" + segment(address), scope=domain)
            contact = (mail.get("userMailSettings") or {}).get("userContactInfo") or {}
            extras.update(first_name=contact.get("firstName") or "", last_name=contact.get("lastName") or "")
        if entry.get("forwarding") is not None:
            fwd = client.get("settings/domain/mailbox-forward-list/" + segment(address),
                             scope=domain).get("mailboxForwardList") or {}
            extras["forwarding"] = {"addresses": sorted(as_set(fwd.get("forwardList"), address_key)),
                                    "delete_on_forward": to_bool(fwd.get("deleteOnForward"))}
        if entry.get("auto_responder") is not None:
            auto = client.get(AUTO_RESPONDER_PATH, scope=USER + address).get("autoResponderSettings") or {}
            extras["auto_responder"] = {"enabled": to_bool(auto.get("enabled")),
                                        "subject": "%s" % (auto.get("subject") or ""),
                                        "body": "%s" % (auto.get("body") or "")}
        return extras

    def read_primary_admin(self, client):
        return self.primary  # read with the list of users

    def plan_create(self, plan, entry, desired):
        key = entry["key"]
        add_write(plan, "create", JSON_CREATE, "create user %s" % self.resource.address(key), key, self.resource.domain, {
            "userData": {"userName": key, "password": desired["password"],
                         "maxMailboxSize": int(entry.get("max_mailbox_size_mb") or 0) * MB,
                         "securityFlags": {"isDomainAdmin": bool(desired["domain_admin"]), "authType": 0}},
            "userMailSettings": {"userContactInfo": {"firstName": desired["first_name"],
                                                     "lastName": desired["last_name"]}}})
        self.plan_forwarding(plan, "create", key, self.resource.new_parts(entry), desired)
        self.plan_auto_responder(plan, "create", key, self.resource.new_parts(entry), desired)

    def plan_update(self, plan, entry, current, desired, changed):
        key, domain = entry["key"], self.resource.domain
        address = self.resource.address(key)
        core = [f.option for f in CORE_FIELDS if f.option in changed]
        columns = TABLE.column("json")
        for part, path, read_path in self.PARTS:
            options = [o for o in core if json_path(columns[o])[1] == part]
            if not options:
                continue
            body = {"email": address}
            for option in options:
                cell = columns[option]
                if option == "password" and not desired[option]:
                    continue
                value = cell.to_wire(desired[option]) if isinstance(cell, Wire) else desired[option]
                set_path(body, json_path(cell)[1:], value)
            # the whole part goes: rebuilt from a read right before it, only the task's changes applied
            add_write(plan, "update", path, self.resource.describe_update(core, key), key, domain, body,
                      refresh=Refresh(fresh_json(domain, read_path, part, address),
                                      [json_path(columns[o]) for o in options], target=address))
        self.plan_forwarding(plan, "update", key, current, desired)
        self.plan_auto_responder(plan, "update", key, current, desired)

    def plan_auto_responder(self, plan, phase, key, current, desired):
        """``POST settings/auto-responder`` with the user's token (FUSE: single source): the whole
        object goes, rebuilt from a read right before it with only the task's changes applied."""
        changed = part_changes(current, desired, "auto_responder", AUTO_RESPONDER_FIELDS)
        if changed is None:
            return
        address, auto = self.resource.address(key), desired["auto_responder"]
        body = {}
        for option in AUTO_RESPONDER_OPTIONS[:3]:
            set_path(body, json_path(option.column("json"))[1:], auto[option.name])
        scope = USER + address

        def fresh(client):
            return {"body": {"autoResponderSettings": client.get(AUTO_RESPONDER_PATH, scope=scope).get(
                "autoResponderSettings") or {}}}
        add_write(plan, phase, AUTO_RESPONDER_PATH, "set auto-responder of user %s" % address, key, scope, body,
                  refresh=Refresh(fresh, [json_path(AUTO_RESPONDER_OPTIONS[i].column("json")) for i in range(3)
                                          if AUTO_RESPONDER_FIELDS[i] in changed], target=address))

    def plan_forwarding(self, plan, phase, key, current, desired):
        if part_changes(current, desired, "forwarding", FORWARDING_FIELDS) is None:
            return
        domain, address = self.resource.domain, self.resource.address(key)
        forwarding = desired["forwarding"]
        body = {"email": address}
        for option in FORWARDING_OPTIONS:
            value = list(forwarding[option.name]) if option.type == "list" else bool(forwarding[option.name])
            set_path(body, json_path(option.column("json"))[1:], value)
        add_write(plan, phase, "settings/domain/post-mailbox-forward-list", "set forwarding of user %s" % address, key,
                  domain, body, refresh=Refresh(
                      fresh_json(domain, "settings/domain/mailbox-forward-list/", "mailboxForwardList", address),
                      [json_path(o.column("json")) for o in FORWARDING_OPTIONS], target=address))
        if forwarding["addresses"]:
            add_write(plan, phase, "settings/domain/post-user-mail", "enable mail forwarding of user %s" % address,
                      key, domain, {"email": address, "userMailSettings": {"enableMailForwarding": True}},
                      refresh=Refresh(fresh_json(domain, "settings/domain/user-mail/", "userMailSettings", address),
                                      [("body", "userMailSettings", "enableMailForwarding")], target=address))

    def plan_remove(self, plan, key, current):
        add_write(plan, "remove", "settings/domain/user-delete/" + segment(key),
                  "delete user %s" % self.resource.address(key), key, self.resource.domain)


class UserResource(Resource):
    backend = "smartermail"
    module = "smartermail_user"
    item = "user"
    items = "users"
    list_option = "users"
    table = TABLE
    # the options of one user at the top level (its password is user_password there)
    entry_options = tuple(o.name for o in TABLE.options if o.entry and o.top)
    fields = CORE_FIELDS
    multiline_options = ("auto_responder.body", "users.auto_responder.body")
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapUsers, "json": JsonUsers}
    scope_option = "domain"

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
            entry["auto_responder"] = self.validate_auto_responder(key, raw.get("auto_responder"), errors)
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
    def validate_auto_responder(key, auto, errors):
        """The auto-responder of an entry (its time window only when given); None when not managed."""
        if auto is None:
            return None
        result = dict((f.option, auto.get(f.option)) for f in AUTO_RESPONDER_FIELDS)
        if auto.get("body") is not None:
            # XML turns every CRLF and lone CR into LF: compare with what the server stores
            result["body"] = auto["body"].replace("\r\n", "\n").replace("\r", "\n")
        if auto.get("start") is not None or auto.get("end") is not None:
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
            result.update(window)
        return result

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
    def read_one(self, client, entry):
        return self.adapter.read_one(client, entry)

    def read_links(self, client, entries, current):
        """The primary domain administrator, read (one call) only when purging; the check of
        ``verify_password`` (one call) when given and the user exists."""
        context = {}
        if self.params.get("verify_password") is not None and entries[0]["key"] in current:
            context["password_valid"] = self.adapter.verify(client, entries[0]["key"], self.params["verify_password"])
        if self.purging():
            context["primary_admin"] = self.adapter.read_primary_admin(client)
        return context

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

    @staticmethod
    def new_parts(entry):
        """What a user the task creates has before the writes that follow its creation: no settings, no
        feeds, and nothing known of the parts the entry writes (they are written as asked)."""
        new = {"settings": {}, "rss_feeds": []}
        for option in ("forwarding", "auto_responder", "activesync"):
            if entry.get(option) is not None:
                new[option] = None  # written when given: the server's default for a new user is not assumed
        return new

    def create_errors(self, entry, desired):
        if not entry.get("password"):
            return ["password is required to create user %s" % self.address(entry["key"])]
        return []

    def changes(self, entry, current, desired):
        options = [f.option for f in CORE_FIELDS] + ["forwarding", "auto_responder", "settings", "activesync",
                                                     "rss_feeds"]
        return [option for option in options if desired.get(option) != current.get(option)]

    def describe_update(self, core, key):
        """The description of the write(s) of the core fields ``core`` of user ``key``."""
        return "update %s of user %s" % (", ".join(sorted(core)), self.address(key))

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

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read the users of a domain: quotas, statistics, last logins, ActiveSync, groups, inactive users.

``users`` holds objects shaped like the entries of ``smartermail_user``'s ``users`` option (the
mailbox size and ActiveSync state included; fed back, they report no change); what that module
does not manage (space used, statistics, logins, devices, groups) is under ``details``, keyed by
user name.

Calls: GetUsers (the users; the passwords it returns are never kept), GetUserQuotas (one per
domain), GetActiveSyncUsers / GetActiveSyncUsers2 (one per domain), GetUserGroupsByDomain (one per
domain; with ``names``, GetUserGroupsByUser per user instead), GetLastLoginTimes and GetUserStats
(one per user), IsUserEnabledForActiveSync (one per user, with ``names``), GetInactiveUsers and GetPrimaryDomainAdmin (one each,
with ``inactive_since``; the primary domain administrator is marked, it cannot be deleted).

Over the JSON API (``JsonUserInfo``) a part without a known endpoint is returned under
``unavailable`` with a warning instead of failing the task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, InfoResource, to_bool
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import JsonAdapter, segment
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_info import soap_under_auto, unavailable
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    domain_key,
    domain_name_error,
    non_negative_error,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import (
    DATE_FORMATS,
    DOMAIN_SERVICE,
    SERVICE,
    user_name,
    user_object,
)

MB = 1024 * 1024
INCLUDE = ["quotas", "last_login", "activesync", "groups"]
# read only when asked for: one call per user, or the devices
OPTIONAL = ["statistics", "activesync_devices"]


# The parts the JSON API does not serve, and why: returned under ``unavailable`` with a warning.
JSON_UNAVAILABLE = {
    "activesync": "settings/domain/active-sync-mailboxes answers only where the domain manages ActiveSync "
                  "accounts, and smartermail_user does not serve activesync over the JSON API either",
    "groups": "the user groups are read by smartermail_user_group, not by this reader",
    "statistics": "report/user-stats answers only bytesSize (one client), not the message counts",
    "activesync_devices": "no known endpoint lists a domain's ActiveSync devices",
}


TABLE = Table([
    Option("domain", "The domain whose users are read.", required=True, soap="DomainName"),
    Option("names", [
        "Users to read, bare or with the domain. When omitted, every user of O(domain); an empty list reads none "
        "(O(inactive_since) still answers). Names the domain does not have are returned in RV(missing).",
        "With O(names), ActiveSync states are read per user (C(IsUserEnabledForActiveSync)) and groups per user "
        "(C(GetUserGroupsByUser)); without, once for the domain (C(GetActiveSyncUsers), C(GetUserGroupsByDomain)).",
    ], type="list", elements="str", soap="EmailAddress"),
    Option("include", [
        "What to read besides the users. V(quotas) (one call), V(activesync) and V(groups) (one call each, or one "
        "per named user) and V(last_login) (one call per user) by default.",
        "V(statistics) reads each user's message statistics of the last O(statistics_days) days (one call per "
        "user); V(activesync_devices) the ActiveSync devices of the domain (one call).",
    ], type="list", elements="str", default=list(INCLUDE), choices=INCLUDE + OPTIONAL,
        json=soap_under_auto("include", JSON_UNAVAILABLE, lambda resource, entries: resource.params.get("include") or [])),
    Option("statistics_days", "The number of days, up to now, the statistics cover.", type="int", default=30,
           soap="GetUserStats Start"),
    Option("inactive_since", [
        "A date (C(2026-01-31)) or time (C(2026-01-31T08:00:00)), in UTC. RV(inactive) lists the users of O(domain) "
        "who have not logged in since then (C(GetInactiveUsers); it needs a system administrator).",
    ], soap="GetInactiveUsers date"),
])


def parse_date(value):
    """``2026-01-31`` or ``2026-01-31T08:00[:00]`` (UTC) -> datetime, or None."""
    text = ("%s" % (value or "")).strip().replace(" ", "T")
    for form in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def when(value):
    """A dateTime read from the server as ISO text; None for none or the .NET minimum."""
    text = ("%s" % (value or "")).strip()
    if not text or text.startswith("0001-01-01"):
        return None
    return text


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


class SoapUserInfo(Adapter):
    """svcUserAdmin (and svcDomainAdmin for the primary administrator): the calls the module's docstring lists."""

    api = "soap"

    def report(self, client, entries):
        include = set(self.params.get("include") or [])
        named = self.params.get("names") is not None
        users = {}
        for info in client.call(SERVICE, "GetUsers", DomainName=self.resource.domain).get("Users") or []:
            obj = user_object(info)
            client.add_secret(obj.pop("password", None))
            if obj["name"]:
                users[obj["name"]] = obj
        requested = [e["key"] for e in entries]
        missing = [n for n in requested if n not in users]
        names = sorted(n for n in requested if n in users) if named else sorted(users)
        details = dict((n, {}) for n in names)
        if names and "quotas" in include:
            for quota in client.call(SERVICE, "GetUserQuotas", DomainName=self.resource.domain).get("Users") or []:
                name = user_name(quota.get("UserName"), self.resource.domain)
                if name in details:
                    users[name]["max_mailbox_size_mb"] = int(quota.get("MaxSpace") or 0) // MB
                    details[name]["used_mb"] = round(float(quota.get("CurrentSpace") or 0) / MB, 2)
        if names and "activesync" in include:
            if named:
                for name in names:
                    users[name]["activesync"] = bool(client.call(
                        SERVICE, "IsUserEnabledForActiveSync", EmailAddress=self.resource.address(name),
                        Enabled=False).get("Enabled"))  # Enabled: required by the server, unused
            else:
                enabled = set(user_name(u, self.resource.domain) for u in client.call(
                    SERVICE, "GetActiveSyncUsers", DomainName=self.resource.domain).get("Usernames") or [])
                for name in names:
                    users[name]["activesync"] = name in enabled
        if names and "activesync_devices" in include:
            for info in client.call(SERVICE, "GetActiveSyncUsers2", DomainName=self.resource.domain).get("Users") or []:
                name = user_name(info.get("Username"), self.resource.domain)
                if name in details:
                    details[name]["activesync_devices"] = [
                        {"device_id": d.get("DeviceId") or "", "name": d.get("Name") or "",
                         "user_agent": d.get("UserAgent") or "", "last_sync": when(d.get("LastSyncUtc"))}
                        for d in info.get("Devices") or []]
            for name in names:
                details[name].setdefault("activesync_devices", [])
        if names and "groups" in include:
            self.read_groups(client, names, details, named)
        end = utcnow()
        for name in names:
            address = self.resource.address(name)
            if "last_login" in include:
                result = client.call(SERVICE, "GetLastLoginTimes", EmailAddress=address)
                times = [when(i.get("LoginTime")) for i in result.get("lastUserLogins") or []]
                times = sorted(t for t in times if t)
                details[name]["last_login"] = times[-1] if times else None
            if "statistics" in include:
                start = end - datetime.timedelta(days=self.params.get("statistics_days") or 0)
                stats = client.call(SERVICE, "GetUserStats", EmailAddress=address, Start=start.isoformat(),
                                    End=end.isoformat())
                details[name]["statistics"] = dict(
                    (option, int(stats.get(wire) or 0)) for option, wire in (
                        ("messages_received", "MessagesReceived"), ("messages_sent", "MessagesSent"),
                        ("bytes_received", "BytesReceived"), ("bytes_sent", "BytesSent"),
                        ("bytes_size", "BytesSize")))
        result = {"users": [users[n] for n in names], "details": details, "missing": missing}
        since = self.params.get("inactive_since")
        if since is not None:
            result["inactive"] = self.read_inactive(client, parse_date(since))
        return result

    def read_groups(self, client, names, details, named):
        """The groups of each user: per named user, or every group of the domain at once."""
        if named:
            for name in names:
                groups = client.call(SERVICE, "GetUserGroupsByUser", DomainName=self.resource.domain, UserName=name,
                                     IncludeUserNames=False).get("UserGroups") or []
                details[name]["groups"] = sorted(("%s" % (g.get("name") or "")).strip() for g in groups)
            return
        for name in names:
            details[name]["groups"] = []
        for group in client.call(SERVICE, "GetUserGroupsByDomain", DomainName=self.resource.domain).get("UserGroups") or []:
            for member in group.get("userNames") or []:
                name = user_name(member, self.resource.domain)
                if name in details:
                    details[name]["groups"].append(("%s" % (group.get("name") or "")).strip())
        for name in names:
            details[name]["groups"].sort()

    def read_inactive(self, client, since):
        """The users of the domain that have not logged in since ``since`` (GetInactiveUsers)."""
        result = client.call(SERVICE, "GetInactiveUsers", date=since.isoformat())
        addresses = result.get("EmailAddress") or []
        last = list(result.get("LastLogin") or [])
        inactive = []
        for index, address in enumerate(addresses):
            name = user_name(address, self.resource.domain)
            if name is None:
                continue  # another domain's user: the call answers for the whole server
            inactive.append({"name": name, "last_login": when(last[index]) if index < len(last) else None})
        if inactive:
            # the primary domain administrator cannot be deleted: marked, so that a clean-up can skip it
            answer = client.call(DOMAIN_SERVICE, "GetPrimaryDomainAdmin", DomainName=self.resource.domain)
            primary = user_name(answer.get("PrimaryAdmin"), self.resource.domain)
            for user in inactive:
                user["primary_admin"] = user["name"] == primary
        return sorted(inactive, key=lambda u: u["name"])


class JsonUserInfo(JsonAdapter):
    """The JSON API, with the domain's token.

    - users, quotas, last logins: ``GET settings/domain/list-users`` -> ``userData[]`` {``userName``,
      ``securityFlags.isDomainAdmin``, ``isPrimaryDomainAdmin``, ``maxMailboxSize`` (bytes)} [CBX, PYZ,
      ARTV: agreed]; ``currentMailboxSize`` and ``lastLoginTime`` [CBX: single source] (one call);
    - names: ``GET settings/domain/user-mail/{email}`` -> ``userMailSettings.userContactInfo``
      {``firstName``, ``lastName``} [FUSE, CBX, ASTRAL] (one call per user read);
    - ``inactive_since``: the users whose ``lastLoginTime`` is before it or empty, from the same list
      [inference: CBX's ``settings/sysadmin/inactive-users`` does not show its answer].

    The parts in ``JSON_UNAVAILABLE`` are returned as unavailable, with a warning.
    """

    def report(self, client, entries):
        resource = self.resource
        include = set(self.params.get("include") or [])
        named = self.params.get("names") is not None
        listed = {}
        for data in client.get("settings/domain/list-users", scope=resource.domain).get("userData") or []:
            name = user_name(data.get("userName"), resource.domain)
            if name:
                listed[name] = data
        requested = [e["key"] for e in entries]
        missing = [n for n in requested if n not in listed]
        names = sorted(n for n in requested if n in listed) if named else sorted(listed)
        users, details = {}, dict((n, {}) for n in names)
        for name in names:
            data = listed[name]
            mail = client.get("settings/domain/user-mail/" + segment(resource.address(name)), scope=resource.domain)
            contact = (mail.get("userMailSettings") or {}).get("userContactInfo") or {}
            users[name] = {"name": name, "first_name": contact.get("firstName") or "",
                           "last_name": contact.get("lastName") or "",
                           "domain_admin": to_bool((data.get("securityFlags") or {}).get("isDomainAdmin"))}
            if "quotas" in include:
                users[name]["max_mailbox_size_mb"] = int(data.get("maxMailboxSize") or 0) // MB
                details[name]["used_mb"] = round(float(data.get("currentMailboxSize") or 0) / MB, 2)
            if "last_login" in include:
                details[name]["last_login"] = when(data.get("lastLoginTime"))
        result = {"users": [users[n] for n in names], "details": details, "missing": missing}
        since = self.params.get("inactive_since")
        if since is not None:
            result["inactive"] = self.inactive(listed, parse_date(since))
        return unavailable(resource, JSON_UNAVAILABLE, [p for p in INCLUDE + OPTIONAL if p in include], result)

    @staticmethod
    def inactive(listed, since):
        out = []
        for name in sorted(listed):
            data = listed[name]
            last = when(data.get("lastLoginTime"))
            stamp = parse_date(last[:19]) if last else None
            if stamp is None or stamp < since:
                out.append({"name": name, "last_login": last, "primary_admin": bool(data.get("isPrimaryDomainAdmin"))})
        return out


class UserInfoResource(InfoResource):
    backend = "smartermail"
    module = "smartermail_user_info"
    item = "user"
    items = "users"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapUserInfo, "json": JsonUserInfo}

    def __init__(self, params, api=None):
        super(UserInfoResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""

    def address(self, name):
        return "%s@%s" % (name, self.domain)

    def validate(self):
        errors = collect([(domain_name_error, self.params["domain"] or "", "domain")])
        entries = []
        for raw in self.params.get("names") or []:
            key = user_name(raw, self.domain)
            if key is None:
                errors.append("names entry %r is not a user name of %s" % (raw, self.domain))
            elif key not in [e["key"] for e in entries]:
                entries.append({"key": key, "state": "present"})
        days = self.params.get("statistics_days")
        errors.extend(collect([(non_negative_error, days, "statistics_days")]))
        if days is not None and days > 36500:
            errors.append("statistics_days must be at most 36500, got %d" % days)
        since = self.params.get("inactive_since")
        if since is not None and parse_date(since) is None:
            errors.append("inactive_since %r must be a date like 2026-01-31 or 2026-01-31T08:00:00 (UTC)" % since)
        return entries, errors

    def report(self, client, entries):
        return self.adapter.report(client, entries)

# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read domains with their settings, aliases, domain aliases and counts, shaped as module options. The
table, the resource and its SOAP (svcDomainAdmin) and JSON API readers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user import alias as _alias
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import domain as _domain
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import domain_alias as _domain_alias
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import domain_defaults as _defaults
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import domain_forwarding as _forwarding
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import dkim as _dkim
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user import user as _user
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, InfoResource, to_bool
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed, Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_info import soap_under_auto, unavailable
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    SYSADMIN,
    JsonAdapter,
    segment,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.settings_keys import (
    DOMAIN_SETTINGS_KEYS,
    USER_SETTINGS_KEYS,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    control_error,
    domain_key,
    domain_name_error,
    settings_errors,
)

SERVICE = _domain.SERVICE


def known_settings_keys():
    """The settings keys SmarterMail documents, for the ``settings`` of domains and of users."""
    return {"domain": list(DOMAIN_SETTINGS_KEYS), "user": list(USER_SETTINGS_KEYS)}


INCLUDE = ["primary_admin", "aliases", "domain_aliases", "counts"]
# read only when asked for (not in the default): one or two more calls per domain each
OPTIONAL = ["users", "statistics", "usernames", "location", "signing_keys"]
# server-wide reads, returned beside the domains
SERVER_INCLUDE = ["forwarding_blocks", "all_statistics", "all_domain_aliases"]
# The parts the JSON API does not serve, and why: the task returns them under ``unavailable`` with a
# warning instead of failing (an include-style part, unlike an option, is not refused).
JSON_UNAVAILABLE = {
    "statistics": "report/domain-stats answers only bytesSent and bytesReceived (one client), not the "
                  "message counts",
    "usernames": "no known endpoint lists a domain's user, alias and mailing list names together with its "
                 "catch-all",
    "signing_keys": "the DKIM keys are read by smartermail_dkim over the domain's token, not by this reader",
    "forwarding_blocks": "no known endpoint reads the server's domain forwarding blocks",
    "all_statistics": "no known endpoint reads every domain's statistics at once",
    "all_domain_aliases": "no known endpoint reads every domain alias of the server at once",
}


TABLE = Table([
    Option("names", "Domains to read. When omitted, every domain of the server; an empty list reads none.",
           type="list", elements="str", soap="GetAllDomains, then GetDomainSettings of each"),
    Option("include", [
        "What to read besides the typed settings and the enabled state.",
        "V(users) (one C(GetUsers) call per domain) is read only when listed.",
        "V(statistics) (C(GetDomainStatistics)), V(usernames) (C(GetDomainUsers), every user, alias and mailing list "
        "name, with C(has_catch_all)), V(location) (C(GetDomainInfo2), the data path) and V(signing_keys) "
        "(C(GetDKIMCert) and C(GetDomainKeysCert), shaped like the options of M(mailops.smartermail.smartermail_dkim), "
        "never the private key) are read only when listed; each is one more call per domain (two for "
        "V(signing_keys)).",
    ], type="list", elements="str", choices=INCLUDE + OPTIONAL, default=list(INCLUDE),
        json=soap_under_auto("include or server_include", JSON_UNAVAILABLE, lambda resource, entries: list(
            resource.params.get("include") or []) + list(resource.params.get("server_include") or []))),
    Option("settings_keys", [
        "Requested domain settings to return under C(settings), for example C(enablecatchalls). A key the server "
        "does not know is returned as an empty text.",
        "The keys are those of O(mailops.smartermail.smartermail_domain#module:settings), listed in that module's "
        "notes.",
        "Requested domain settings to return under C(settings), for example C(enablecatchalls).",
        "A key must not be blank or contain C(=) or control characters (checked before any call).",
    ], type="list", elements="str", default=[], no_log=False, soap="GetRequestedDomainSettings",
        json=NotServed("the SOAP requested-settings keys have no known JSON API names")),
    Option("server_include", [
        "Server-wide reads returned beside RV(domains).",
        "V(forwarding_blocks) (C(GetDomainForwarding)) is shaped like the "
        "O(mailops.smartermail.smartermail_domain_forwarding#module:blocks) option.",
        "V(all_statistics) (C(GetAllDomainStatistics)) gives every domain's statistics over the period.",
        "V(all_domain_aliases) (C(GetAllDomainAliases)) gives every domain alias by domain.",
    ], type="list", elements="str", choices=SERVER_INCLUDE, default=[], version_added="1.0.0"),
    Option("statistics_start", "First day (YYYY-MM-DD) of the statistics period. Default 30 days before today.",
           version_added="1.0.0", soap="StartDate"),
    Option("statistics_end", "Last day (YYYY-MM-DD) of the statistics period. Default today.", version_added="1.0.0",
           soap="EndDate"),
    Option("defaults_keys", "Domain defaults keys (C(GetRequestedDomainDefaults)) to return under RV(defaults), "
           "shaped like the options of M(mailops.smartermail.smartermail_domain_defaults).", type="list",
           elements="str", no_log=False, version_added="1.0.0", soap="GetRequestedDomainDefaults",
           json=NotServed("the keys of the JSON API's domain defaults (settings/domain/user-defaults) are not known")),
])
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATISTICS = (("messages_received", "MessagesReceived"), ("messages_sent", "MessagesSent"),
              ("bytes_received", "BytesReceived"), ("bytes_sent", "BytesSent"), ("bytes_size", "BytesSize"))


def date_error(value, what):
    if value is None:
        return None
    try:
        if _DATE.match(value):
            datetime.datetime.strptime(value, "%Y-%m-%d")
            return None
    except ValueError:
        pass
    return "%s must be a date written YYYY-MM-DD, got %r" % (what, value)


def statistics(answer):
    return dict((option, answer.get(wire) or 0) for option, wire in STATISTICS)


class SoapDomainInfo(Adapter):
    """svcDomainAdmin (and the readers of the other domain and user resources): every read of the report."""

    api = "soap"

    def report_server(self, client, result):
        """The server-wide reads asked for, beside the domains."""
        server = set(self.params.get("server_include") or [])
        if "forwarding_blocks" in server:
            blocks = _forwarding.read_list(client)
            result["forwarding_blocks"] = [{"target": k, "domains": blocks[k]["domains"]}
                                           for k in sorted(blocks, key=lambda t: (":" in t, t))]
        if "all_statistics" in server:
            stats = client.call(SERVICE, "GetAllDomainStatistics", **self.resource.period()).get("Stats") or []
            result["all_statistics"] = dict((domain_key(st.get("DomainName")) or "", statistics(st)) for st in stats)
        if "all_domain_aliases" in server:
            out = {}
            for info in client.call(SERVICE, "GetAllDomainAliases").get("DomainAliases") or []:
                out.setdefault(domain_key(info.get("DomainName")) or "", []).append(domain_key(info.get("Name")) or "")
            result["all_domain_aliases"] = dict((k, sorted(v)) for k, v in out.items())
        if self.params.get("defaults_keys"):
            keys = [k.strip().lower() for k in self.params["defaults_keys"]]
            result["defaults"] = {"settings": _defaults.read_defaults(client, keys)}
        return result

    def report(self, client, entries):
        include = set(self.params.get("include") or [])
        keys = [k.strip().lower() for k in self.params.get("settings_keys") or []]
        if self.params.get("names") == []:
            # an empty list (an empty inventory variable) asks for no domain: nothing to read
            return self.report_server(client, {"domains": [], "missing": [],
                                               "known_settings_keys": known_settings_keys()})
        all_names = sorted(set(domain_key(n) for n in client.call(SERVICE, "GetAllDomains").get(
            "DomainNames") or [] if domain_key(n)))
        requested = []
        for entry in entries:
            if entry["key"] not in requested:
                requested.append(entry["key"])
        missing = [n for n in requested if n not in all_names]
        names = sorted(requested) if requested else all_names
        domains = [self.read_domain(client, n, include, keys) for n in names if n not in missing]
        return self.report_server(client, {"domains": domains, "missing": missing,
                                           "known_settings_keys": known_settings_keys()})

    def read_domain(self, client, name, include, keys):
        obj = _domain.shape_soap(name, client.call(SERVICE, "GetDomainSettings", domainName=name))
        values = _domain.read_requested(client, name, sorted(set(keys) | {"isenabled", "catchall"}))
        obj["enabled"] = to_bool(values.get("isenabled", "True"))
        if keys:
            obj["settings"] = dict((k, values.get(k, "")) for k in keys)
        if "primary_admin" in include:
            obj["primary_admin"] = _domain.read_primary_admin(client, name)
        if "aliases" in include:
            catch_all = (values.get("catchall") or "").strip().lower()
            obj["aliases"] = [dict(a, catch_all=n == catch_all)
                              for n, a in sorted(_alias.read_all(client, name).items())]
        if "domain_aliases" in include:
            obj["domain_aliases"] = _domain_alias.read_names(client, name)
        if "users" in include:
            obj["users"] = read_users(client, name)
        if "counts" in include:
            counts = client.call(SERVICE, "GetDomainCounts", DomainName=name)
            obj["counts"] = {"users": counts.get("Users"), "aliases": counts.get("Aliases"),
                             "lists": counts.get("MailingLists"), "size": counts.get("Size")}
        if "statistics" in include:
            obj["statistics"] = statistics(client.call(SERVICE, "GetDomainStatistics", DomainName=name,
                                                       **self.resource.period()))
        if "usernames" in include:
            answer = client.call(SERVICE, "GetDomainUsers", DomainName=name)
            obj["usernames"] = sorted(set((n or "").lower() for n in answer.get("Users") or [] if n))
            obj["has_catch_all"] = bool(answer.get("CatchAll"))
        if "location" in include:
            # GetDomainInfo2 where the server has it; SmarterMail 10 servers have only GetDomainInfo
            operation = "GetDomainInfo2" if client.has_operation(SERVICE, "GetDomainInfo2") else "GetDomainInfo"
            answer = client.call(SERVICE, operation, domainName=name)
            obj["location"] = {"path": answer.get("Path") or ""}
        if "signing_keys" in include:
            keys_read = {}
            for kind in sorted(_dkim.KINDS):
                found = _dkim.read_key(client, name, kind)
                if found is not None:
                    keys_read[kind] = {"selector": found["selector"],
                                       "dns_record": _dkim.dns_record(name, found["selector"], found["public_key"],
                                                                      kind)}
            obj["signing_keys"] = keys_read
        return obj


class JsonDomainInfo(JsonAdapter):
    """The JSON API, with a system administrator's token (and a domain token per domain for its aliases,
    domain aliases and users).

    - names and counts: ``GET settings/sysadmin/domains`` -> ``data[]`` {``name`` [FUSE, CBX, ARTV:
      agreed]; ``userCount``, ``aliasCount``, ``listCount``, ``size`` [FUSE's class only: single source]};
    - the domain: ``GET settings/sysadmin/domain-settings/{domain}`` -> ``domainSettings``, shaped by
      smartermail_domain's JSON column (``mainDomainAdmin`` [ASTRAL: single source], ``catchAll``,
      ``domainPath`` for V(location) [FUSE: single source]);
    - aliases: ``GET settings/domain/aliases`` -> ``gridInfo[]`` {``name``, ``targets``} [FUSE, CBX];
    - domain aliases: ``GET settings/domain/domain-aliases`` -> ``domainAliasData[].name`` [FUSE, ASTRAL,
      CBX, WGS];
    - users: ``GET settings/domain/list-users`` -> ``userData[]`` [CBX, PYZ, ARTV], names from
      ``GET settings/domain/user-mail/{email}`` (one call per user) [FUSE, CBX, ASTRAL].

    ``settings_keys`` and ``defaults_keys`` are refused before any call (the table's NotServed cells);
    the parts in ``JSON_UNAVAILABLE`` are returned as unavailable.
    """

    def report(self, client, entries):
        include = set(self.params.get("include") or [])
        server = set(self.params.get("server_include") or [])
        wanted = [p for p in OPTIONAL + SERVER_INCLUDE if p in include | server]
        result = {"domains": [], "missing": [], "known_settings_keys": known_settings_keys()}
        if self.params.get("names") != []:
            listed = {}
            for data in client.get("settings/sysadmin/domains").get("data") or []:
                if isinstance(data, dict) and domain_key(data.get("name")):
                    listed[domain_key(data.get("name"))] = data
            requested = []
            for entry in entries:
                if entry["key"] not in requested:
                    requested.append(entry["key"])
            result["missing"] = [n for n in requested if n not in listed]
            names = sorted(requested) if requested else sorted(listed)
            result["domains"] = [self.read_domain(client, n, include, listed[n]) for n in names if n in listed]
        return unavailable(self.resource, JSON_UNAVAILABLE, wanted, result)

    def read_domain(self, client, name, include, listed):
        settings = client.get(_domain.JSON_SETTINGS + segment(name), scope=SYSADMIN).get("domainSettings") or {}
        obj = {"name": name, "path": settings.get("domainPath") or ""}
        fields = _domain.JSON_FIELDS
        for option in _domain.TYPED_OPTIONS:
            if option in fields and fields[option].field in settings:
                obj[option] = fields[option].from_wire(settings.get(fields[option].field))
        obj["enabled"] = fields["enabled"].from_wire(settings.get("isEnabled", True))
        if "primary_admin" in include:
            obj["primary_admin"] = fields["primary_admin"].from_wire(settings.get("mainDomainAdmin"))
        if "aliases" in include:
            catch_all = ("%s" % (settings.get("catchAll") or "")).strip().lower().partition("@")[0]
            aliases = {}
            for info in client.get("settings/domain/aliases", scope=name).get("gridInfo") or []:
                alias = ("%s" % (info.get("name") or "")).lower()
                if alias:
                    aliases[alias] = dict(_alias.alias_object(alias, info.get("targets")), catch_all=alias == catch_all)
            obj["aliases"] = [aliases[n] for n in sorted(aliases)]
        if "domain_aliases" in include:
            answer = client.get("settings/domain/domain-aliases", scope=name)
            obj["domain_aliases"] = sorted(set(k for k in (domain_key(d.get("name")) for d in answer.get(
                "domainAliasData") or [] if isinstance(d, dict)) if k))
        if "users" in include:
            obj["users"] = self.read_users(client, name)
        if "counts" in include:
            obj["counts"] = {"users": listed.get("userCount"), "aliases": listed.get("aliasCount"),
                             "lists": listed.get("listCount"), "size": listed.get("size")}
        if "location" in include:
            obj["location"] = {"path": settings.get("domainPath") or ""}
        return obj

    @staticmethod
    def read_users(client, name):
        """The users of ``name``, shaped like the entries of smartermail_user's ``users`` (names and
        administrator flag; the JSON API returns no password)."""
        users = []
        for data in client.get("settings/domain/list-users", scope=name).get("userData") or []:
            user = ("%s" % (data.get("userName") or "")).partition("@")[0].lower()
            if not user:
                continue
            mail = client.get("settings/domain/user-mail/" + segment("%s@%s" % (user, name)), scope=name)
            contact = (mail.get("userMailSettings") or {}).get("userContactInfo") or {}
            users.append({"name": user, "first_name": contact.get("firstName") or "",
                          "last_name": contact.get("lastName") or "",
                          "domain_admin": to_bool((data.get("securityFlags") or {}).get("isDomainAdmin"))})
        return sorted(users, key=lambda u: u["name"])


class DomainInfoResource(InfoResource):
    backend = "smartermail"
    module = "smartermail_domain_info"
    item = "domain"
    items = "domains"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapDomainInfo, "json": JsonDomainInfo}

    def normalize_key(self, value):
        return domain_key(value)

    def validate(self):
        raw = self.params.get("names") or []
        errors = collect([(domain_name_error, n or "", "names entry") for n in raw])
        names = [self.normalize_key(n) or "" for n in raw]
        for key in self.params.get("settings_keys") or []:
            if not key.strip() or "=" in key or control_error(key, "key"):
                errors.append("settings_keys entry %r is not a valid setting name (no '=', not blank, no control "
                              "characters)" % key)
        errors += [e for e in (date_error(self.params.get(o), o) for o in ("statistics_start", "statistics_end")) if e]
        start, end = self.params.get("statistics_start"), self.params.get("statistics_end")
        if start and end and not errors and start > end:
            errors.append("statistics_start (%s) is after statistics_end (%s)" % (start, end))
        dummy, problems = settings_errors(dict((k, "") for k in self.params.get("defaults_keys") or []),
                                          "defaults_keys")
        errors += problems
        return [{"key": n, "state": "present"} for n in names], errors

    def period(self):
        """StartDate and EndDate of the statistics calls: the dates given, by default the last 30 days."""
        today = datetime.date.today()
        start = self.params.get("statistics_start") or (today - datetime.timedelta(days=30)).isoformat()
        end = self.params.get("statistics_end") or today.isoformat()
        return {"StartDate": start + "T00:00:00", "EndDate": end + "T23:59:59"}

    def report(self, client, entries):
        return self.adapter.report(client, entries)


def read_users(client, name):
    """The users of ``name`` (one GetUsers), shaped like the entries of smartermail_user's ``users``:
    names and administrator flag, never the password the server returns."""
    users = []
    for info in client.call(_user.SERVICE, "GetUsers", DomainName=name).get("Users") or []:
        obj = _user.user_object(info)
        client.add_secret(obj.pop("password", None))
        if obj["name"]:
            users.append(obj)
    return sorted(users, key=lambda u: u["name"])

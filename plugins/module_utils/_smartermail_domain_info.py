# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read domains with their settings, aliases, domain aliases and counts, shaped as module options."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils import _smartermail_alias as _alias
from ansible_collections.mailops.smartermail.plugins.module_utils import _smartermail_domain as _domain
from ansible_collections.mailops.smartermail.plugins.module_utils import _smartermail_domain_alias as _domain_alias
from ansible_collections.mailops.smartermail.plugins.module_utils import _smartermail_user as _user
from ansible_collections.mailops.smartermail.plugins.module_utils._argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine import InfoResource, to_bool
from ansible_collections.mailops.smartermail.plugins.module_utils._settings_keys import (
    DOMAIN_SETTINGS_KEYS,
    USER_SETTINGS_KEYS,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import (
    collect,
    control_error,
    domain_key,
    domain_name_error,
)

SERVICE = _domain.SERVICE


def known_settings_keys():
    """The settings keys SmarterMail documents, for the ``settings`` of domains and of users."""
    return {"domain": list(DOMAIN_SETTINGS_KEYS), "user": list(USER_SETTINGS_KEYS)}


INCLUDE = ["primary_admin", "aliases", "domain_aliases", "counts"]
# read only when asked for (not in the default): one GetUsers per domain
OPTIONAL = ["users"]


class DomainInfoResource(InfoResource):
    backend = "smartermail"
    item = "domain"
    items = "domains"
    argument_spec = ArgumentSpec(dict(
        names=dict(type="list", elements="str"),
        include=dict(type="list", elements="str", default=list(INCLUDE), choices=INCLUDE + OPTIONAL),
        settings_keys=dict(type="list", elements="str", default=[], no_log=False),
    ))

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
        return [{"key": n, "state": "present"} for n in names], errors

    def report(self, client, entries):
        include = set(self.params.get("include") or [])
        keys = [k.strip().lower() for k in self.params.get("settings_keys") or []]
        if self.params.get("names") == []:
            # an empty list (an empty inventory variable) asks for no domain: nothing to read
            return {"domains": [], "missing": [], "known_settings_keys": known_settings_keys()}
        all_names = sorted(set(domain_key(n) for n in client.call(SERVICE, "GetAllDomains").get(
            "DomainNames") or [] if domain_key(n)))
        requested = []
        for entry in entries:
            if entry["key"] not in requested:
                requested.append(entry["key"])
        missing = [n for n in requested if n not in all_names]
        names = sorted(requested) if requested else all_names
        domains = [self.read_domain(client, n, include, keys) for n in names if n not in missing]
        return {"domains": domains, "missing": missing, "known_settings_keys": known_settings_keys()}

    @staticmethod
    def read_domain(client, name, include, keys):
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
        return obj


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

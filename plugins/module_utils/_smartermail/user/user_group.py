# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""User groups of a SmarterMail domain (svcUserAdmin): one group, or many in one task.

A group is a display name and a set of member users; the server names it by a numeric id. The
groups of a domain are read with one call (GetUserGroupsByDomain); AddUserGroup creates one,
UpdateUserGroup resends its name and members (both at once), RemoveUserGroup deletes it.

Concurrent writers: UpdateUserGroup resends the whole group. When the task changes only the
members or only the name, the other one is read again right before the write (GetUserGroup, by
id) and the write carries the fresh value; the group is read back after the write. A failed
GetUserGroup is taken for a deleted group only when the group list confirms it; otherwise the
group is read once more and a second failure fails the task before the write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec, entry_forms
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Field, Refresh, Resource, fresh_read, missing_references
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    control_error,
    domain_key,
    domain_name_error,
    local_key,
    local_part_error,
)

SERVICE = "svcUserAdmin"
NAME_MAX = 255

ENTRY = dict(
    name=dict(type="str", required=True),
    members=dict(type="list", elements="str"),
    rename_from=dict(type="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def member_name(value, domain):
    """``alice`` or ``alice@example.com`` -> ``alice``; None for another domain or an invalid name."""
    name = local_key(value) or ""
    if "@" in name:
        local, dummy, at = name.partition("@")
        if at.endswith(".") or domain_key(at) != domain:
            return None
        name = local
    return name if name and not local_part_error(name) else None


def group_key(value):
    """Group names compare without case and surrounding blanks; None for an empty name."""
    text = ("%s" % (value if value is not None else "")).strip()
    return text.lower() or None


def group_name_error(value, what="user group name"):
    if not isinstance(value, str) or not value.strip():
        return "%s must be a non-empty text" % what
    if control_error(value, what):
        return control_error(value, what)
    if len(value.strip()) > NAME_MAX:
        return "%s must be at most %d characters" % (what, NAME_MAX)
    return None


def group_object(info, domain):
    members = sorted(set(m for m in (member_name(u, domain) for u in info.get("userNames") or []) if m))
    return {"name": ("%s" % (info.get("name") or "")).strip(), "members": members, "id": info.get("id")}


def read_groups(client, domain):
    """Every group of ``domain`` as {key: group} (one call)."""
    groups = {}
    for info in client.call(SERVICE, "GetUserGroupsByDomain", DomainName=domain).get("UserGroups") or []:
        obj = group_object(info, domain)
        if group_key(obj["name"]):
            groups[group_key(obj["name"])] = obj
    return groups


def fresh_group(domain, group_id):
    """The ``Refresh`` read of UpdateUserGroup: the group's name and members, read now by id."""
    def read(client):
        result = fresh_read(client, SERVICE, "GetUserGroup", lambda a: (a.get("UserGroup") or {}).get("name"),
                            lambda c: any(g["id"] == group_id for g in read_groups(c, domain).values()),
                            DomainName=domain, UserGroupID=group_id)
        if result is None:
            return {}  # gone (the group list says so): the write goes as planned and the server answers
        obj = group_object(result["UserGroup"], domain)
        return {"UserGroupName": obj["name"], "UserNames": obj["members"]}
    return read


def read_user_names(client, domain):
    """The (lower-case) names of the users of ``domain``: one GetUsers (the passwords it returns are
    registered as secrets and dropped)."""
    names = set()
    for info in client.call(SERVICE, "GetUsers", DomainName=domain).get("Users") or []:
        client.add_secret(info.get("Password"))
        name = local_key(("%s" % (info.get("UserName") or "")).partition("@")[0])
        if name:
            names.add(name)
    return names


class UserGroupResource(Resource):
    backend = "smartermail"
    item = "user_group"
    items = "user_groups"
    list_option = "groups"
    entry_options = ("name", "members", "rename_from", "state")
    fields = (Field("members", "UserNames", rule="set"), Field("id", "id", read_only=True))
    argument_spec = ArgumentSpec(dict(domain=dict(type="str", required=True))).merge(entry_forms("groups", ENTRY))
    create_operations = ("AddUserGroup",)
    outcomes = (("created", "created"), ("updated", "updated"), ("renamed", "renamed"), ("removed", "removed"))

    def __init__(self, params, api=None):
        super(UserGroupResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""

    def normalize_key(self, value):
        return group_key(value)

    def validate(self):
        errors = collect([(domain_name_error, self.params["domain"] or "", "domain")])
        entries, seen = [], set()
        for raw in self.raw_entries():
            error = group_name_error(raw.get("name"))
            if error:
                errors.append(error)
                continue
            key = group_key(raw["name"])
            if key in seen:
                errors.append("user group %r is listed more than once" % raw["name"])
            seen.add(key)
            source = raw.get("rename_from")
            if source is not None:
                errors.extend(collect([(group_name_error, source, "rename_from of user group %s" % raw["name"])]))
                source = group_key(source)
            members = raw.get("members")
            if members is not None:
                names = []
                for member in members:
                    name = member_name(member, self.domain)
                    if name is None:
                        errors.append("member %r of user group %s is not a user name of %s"
                                      % (member, raw["name"], self.domain))
                    else:
                        names.append(name)
                members = sorted(set(names))
            entries.append({"key": key, "display": raw["name"].strip(), "members": members, "rename_from": source,
                            "state": raw.get("state") or "present"})
        return entries, errors

    def read_all(self, client, entries):
        return read_groups(client, self.domain)

    def read_links(self, client, entries, current):
        """The domain's users (one read), only when a task adds a member to a group: a member that is
        not a user of the domain fails the task before any write."""
        added = {}
        for entry in entries:
            if entry["state"] == "absent" or entry["members"] is None:
                continue
            source = self.renamed(entry, current) or entry["key"]
            had = set((current.get(source) or {}).get("members") or [])
            for name in entry["members"]:
                if name not in had:
                    added.setdefault(name, entry["display"])
        if added:
            users = read_user_names(client, self.domain)
            unknown = sorted(n for n in added if n not in users)
            missing_references(self, ["member %s of user group %s is not a user of %s" % (n, added[n], self.domain)
                                      for n in unknown])
        return {}

    def desired(self, entry, current):
        obj = dict(current or {"members": []})
        obj["name"] = entry["display"]
        if entry["members"] is not None:
            obj["members"] = list(entry["members"])
        return obj

    def changes(self, entry, current, desired):
        changed = []
        if desired["name"] != current.get("name"):
            changed.append("name")
        if desired["members"] != current.get("members"):
            changed.append("members")
        return changed

    def _write(self, plan, phase, operation, description, key, refresh=None, **params):
        # every write to a group read (by id) under that group's lock, with or without a fresh read
        target = "%s|group|%s" % (self.domain, params["UserGroupID"]) if "UserGroupID" in params else None
        plan.add(phase, operation, description, dict(DomainName=self.domain, **params), key=key, service=SERVICE,
                 refresh=refresh, target=target)

    def plan_create(self, plan, entry, desired):
        self._write(plan, "create", "AddUserGroup", "create user group %s of %s" % (desired["name"], self.domain),
                    entry["key"], UserGroupName=desired["name"], UserNames=list(desired["members"]))

    def plan_update(self, plan, entry, current, desired, changed):
        wire = [w for option, w in (("name", "UserGroupName"), ("members", "UserNames")) if option in changed]
        refresh = None
        if len(wire) < 2:
            refresh = Refresh(fresh_group(self.domain, current["id"]), wire,
                              target="%s|group|%s" % (self.domain, current["id"]))
        self._write(plan, "update", "UpdateUserGroup", "update %s of user group %s of %s"
                    % (" and ".join(sorted(changed)), desired["name"], self.domain), entry["key"], refresh=refresh,
                    UserGroupID=current["id"], UserGroupName=desired["name"], UserNames=list(desired["members"]))

    def plan_remove(self, plan, key, current):
        self._write(plan, "remove", "RemoveUserGroup", "delete user group %s of %s" % (current["name"], self.domain),
                    key, UserGroupID=current["id"])

    def shape(self, key, obj, context):
        return dict((k, v) for k, v in obj.items() if k in ("name", "members", "id") and v is not None)

    def result(self, outcome):
        result = super(UserGroupResource, self).result(outcome)
        if self.collection:
            listed = set(e["key"] for e in outcome.entries if e["state"] == "present")
            shown = listed | set(result.get("removed") or [])
            result[self.items] = [g for g in result[self.items] if group_key(g["name"]) in listed]
            for side in ("before", "after"):
                objs = result["diff"][side][self.items]
                result["diff"][side][self.items] = dict((k, v) for k, v in objs.items() if k in shown)
        return result

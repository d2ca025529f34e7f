# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""User groups of a SmarterMail domain: one group, or many in one task. The table, the resource,
and its SOAP (svcUserAdmin) and JSON API adapters.

A group is a display name and a set of member users; the server names it by a numeric id. The
groups of a domain are read with one call (GetUserGroupsByDomain); AddUserGroup creates one,
UpdateUserGroup resends its name and members (both at once), RemoveUserGroup deletes it.

Concurrent writers: UpdateUserGroup resends the whole group. When the task changes only the
members or only the name, the other one is read again right before the write (GetUserGroup, by
id) and the write carries the fresh value; the group is read back after the write. A failed
GetUserGroup is taken for a deleted group only when the group list confirms it; otherwise the
group is read once more and a second failure fails the task before the write. Over the JSON API
the whole group goes too, rebuilt the same way from ``GET settings/domain/user-group/{id}``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.listed import only_listed
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    Field,
    Refresh,
    Resource,
    fresh_read,
    missing_references,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.subcollection import MemberSet
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    JsonAdapter,
    add_write,
    segment,
)
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

TABLE = Table([
    Option("domain", "The domain the groups belong to.", required=True, entry=False,
           json="the domain-scoped token"),
    Option("name", [
        "Name of one group (at most 255 characters). Names compare without case; the spelling given is the one "
        "written (a different case renames the group). Mutually exclusive with O(groups).",
    ], required=True, soap="UserGroupName", json="userGroup.name", entry_doc=["Name of the group."]),
    Option("members", [
        "The users of O(domain) in the group, bare (C(alice)) or with the domain. The group ends up with exactly "
        "these members; order and case do not matter. When omitted, the members are left as they are (a new "
        "group has none).",
        "A member the group does not have yet must be a user of O(domain); the task then reads the users (one "
        "call) and fails before any write naming those that are not.",
    ], type="list", elements="str", rule="set", soap="UserNames", json="userGroup.userNames",
        entry_doc=["The members of the group (set semantics); new members must be users of O(domain)."]),
    Option("rename_from", [
        "The name of a group to rename to O(name) (nothing happens when only O(name) exists).",
        "In O(groups), a group renamed away must not be listed by its old name too, and two entries must not "
        "rename the same group (the task fails before any call).",
    ], json="userGroup.name of the group read by its old name (its id kept)",
        entry_doc=["The name of a group to rename to this one."]),
    Option("state", "Whether the group should exist.", choices=["present", "absent"], default="present",
           entry_doc=["Whether this group should exist."]),
], list_option="groups", list_doc=[
    "Many groups of O(domain) in one task. Mutually exclusive with O(name), O(members) and O(rename_from) "
    "(give them in each entry); O(state) beside the list is not used.",
])


def local_name(value, domain):
    """A user (or list) of ``domain`` named bare or with the domain: ``alice`` or ``alice@example.com`` ->
    ``alice``; None for another domain or an invalid name."""
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
    members = sorted(set(m for m in (local_name(u, domain) for u in info.get("userNames") or []) if m))
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


class SoapUserGroups(Adapter):
    """svcUserAdmin: ``GetUserGroupsByDomain``, ``AddUserGroup``, ``UpdateUserGroup`` (with a fresh read of
    what the task does not change), ``RemoveUserGroup``."""

    api = "soap"
    create_operations = ("AddUserGroup",)

    def read_all(self, client, entries):
        return read_groups(client, self.resource.domain)

    def read_user_names(self, client):
        return read_user_names(client, self.resource.domain)

    def write(self, plan, phase, operation, description, key, refresh=None, **params):
        # every write to a group read (by id) under that group's lock, with or without a fresh read
        domain = self.resource.domain
        target = group_target(domain, params["UserGroupID"]) if "UserGroupID" in params else None
        plan.add(phase, operation, description, dict(DomainName=domain, **params), key=key, service=SERVICE,
                 refresh=refresh, target=target)

    def plan_create(self, plan, entry, desired):
        description = "create user group %s of %s" % (desired["name"], self.resource.domain)
        self.write(plan, "create", "AddUserGroup", description, entry["key"], UserGroupName=desired["name"],
                   UserNames=list(desired["members"]))

    def plan_update(self, plan, entry, current, desired, changed):
        domain = self.resource.domain
        wire = [w for option, w in (("name", "UserGroupName"), ("members", "UserNames")) if option in changed]
        refresh = None
        if len(wire) < 2:
            refresh = Refresh(fresh_group(domain, current["id"]), wire, target=group_target(domain, current["id"]))
        self.write(plan, "update", "UpdateUserGroup", "update %s of user group %s of %s"
                   % (" and ".join(sorted(changed)), desired["name"], domain), entry["key"], refresh=refresh,
                   UserGroupID=current["id"], UserGroupName=desired["name"], UserNames=list(desired["members"]))

    def plan_remove(self, plan, key, current):
        self.write(plan, "remove", "RemoveUserGroup", "delete user group %s of %s"
                   % (current["name"], self.resource.domain), key, UserGroupID=current["id"])


# JSON API paths (reference §6, from CBX DomainUserTools)
JSON_GROUPS = "settings/domain/all-user-groups"
JSON_GROUP = "settings/domain/user-group/"
JSON_CREATE = "settings/domain/user-group-put"
JSON_UPDATE = "settings/domain/user-group"
JSON_REMOVE = "settings/domain/remove-user-groups"


def json_user_names(client, domain):
    """The (lower-case) names of the users of ``domain`` over the JSON API: one
    ``GET settings/domain/list-users`` (``userData[].userName``) [CBX, PYZ, ARTV]."""
    names = set()
    for data in client.get("settings/domain/list-users", scope=domain).get("userData") or []:
        name = local_key(("%s" % (data.get("userName") or "")).partition("@")[0])
        if name:
            names.add(name)
    return names


def fresh_json_group(domain, group_id):
    """The ``Refresh`` read of ``POST settings/domain/user-group``: the group read now by id
    (``GET settings/domain/user-group/{id}`` -> ``userGroup``); {} when it is gone."""
    def read(client):
        answer = client.get(JSON_GROUP + segment(group_id), scope=domain)
        group = answer.get("userGroup")
        return {"body": {"userGroup": dict(group)}} if isinstance(group, dict) else {}
    return read


class JsonUserGroups(JsonAdapter):
    """The JSON API, with a domain-scoped token (reference §6: one client, CBX ``DomainUserTools``,
    names these endpoints: *single source*).

    - read: ``GET settings/domain/all-user-groups``; the answer's shape is not in the reference: the
      list under ``userGroups``, each {``id``, ``name``, ``userNames``, ``enabled``} like the body of
      ``user-group-put`` plus its id, is *inference*;
    - create: ``POST settings/domain/user-group-put`` {``userGroup``: {``name``, ``userNames``,
      ``enabled``}} (the request body is the reference's) [CBX]; ``enabled`` is sent true (CBX's default);
    - update, rename: ``POST settings/domain/user-group`` {``userGroup``}: the whole group goes, so it
      is rebuilt from ``GET settings/domain/user-group/{id}`` (-> ``userGroup``) read right before the
      write, with only the task's changes applied; the wrapper and the read-modify-write are CBX's
      (the reference names the endpoints without their bodies: *inference* from the create);
    - delete: ``POST settings/domain/remove-user-groups`` {``iDs``: [id]} [CBX];
    - the members a task adds must be users: ``GET settings/domain/list-users`` (``userData[].userName``).
    """

    create_paths = (JSON_CREATE,)

    def read_all(self, client, entries):
        domain = self.resource.domain
        groups = {}
        for info in client.get(JSON_GROUPS, scope=domain).get("userGroups") or []:
            if not isinstance(info, dict):
                continue
            obj = group_object(info, domain)
            if group_key(obj["name"]):
                groups[group_key(obj["name"])] = obj
        return groups

    def read_user_names(self, client):
        return json_user_names(client, self.resource.domain)

    def plan_create(self, plan, entry, desired):
        domain = self.resource.domain
        add_write(plan, "create", JSON_CREATE, "create user group %s of %s" % (desired["name"], domain),
                  entry["key"], domain, {"userGroup": {"name": desired["name"], "userNames": list(desired["members"]),
                                                       "enabled": True}})

    def plan_update(self, plan, entry, current, desired, changed):
        domain, group_id = self.resource.domain, current["id"]
        columns = TABLE.column("json")
        body = {"userGroup": {"id": group_id, "name": desired["name"], "userNames": list(desired["members"])}}
        fields = [("body",) + tuple(columns[o].split(".")) for o in ("name", "members") if o in changed]
        add_write(plan, "update", JSON_UPDATE, "update %s of user group %s of %s"
                  % (" and ".join(sorted(changed)), desired["name"], domain), entry["key"], domain, body,
                  refresh=Refresh(fresh_json_group(domain, group_id), fields, target=group_target(domain, group_id)))

    def plan_remove(self, plan, key, current):
        domain = self.resource.domain
        add_write(plan, "remove", JSON_REMOVE, "delete user group %s of %s" % (current["name"], domain), key,
                  domain, {"iDs": [current["id"]]})


def group_target(domain, group_id):
    """The lock target of every write to one group (by id)."""
    return "%s|group|%s" % (domain, group_id)


class UserGroupResource(Resource):
    backend = "smartermail"
    item = "user_group"
    items = "user_groups"
    list_option = "groups"
    entry_options = TABLE.entry_options()
    table = TABLE
    fields = TABLE.fields() + (Field("id", "id", read_only=True),)
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapUserGroups, "json": JsonUserGroups}
    outcomes = (("created", "created"), ("updated", "updated"), ("renamed", "renamed"), ("removed", "removed"))

    def __init__(self, params, api=None):
        super(UserGroupResource, self).__init__(params, api)
        self.domain = domain_key(params["domain"]) or ""
        # the members of one group: an exact set of user names of the domain
        self.members = MemberSet(self.member_check)

    def member_check(self, value, group):
        name = local_name(value, self.domain)
        if name is None:
            return None, "member %r of user group %s is not a user name of %s" % (value, group, self.domain)
        return name, None

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
            members, problems = self.members.keys(raw.get("members"), raw["name"])
            errors.extend(problems)
            entries.append({"key": key, "display": raw["name"].strip(), "members": members, "rename_from": source,
                            "state": raw.get("state") or "present"})
        return entries, errors

    def read_links(self, client, entries, current):
        """The domain's users (one read), only when a task adds a member to a group: a member that is
        not a user of the domain fails the task before any write."""
        added = {}
        for entry in entries:
            if entry["state"] == "absent" or entry["members"] is None:
                continue
            source = self.renamed(entry, current) or entry["key"]
            had = (current.get(source) or {}).get("members")
            for name in self.members.difference(had, entry["members"], purge=True).add:
                added.setdefault(name, entry["display"])
        if added:
            users = self.adapter.read_user_names(client)
            unknown = sorted(n for n in added if n not in users)
            missing_references(self, ["member %s of user group %s is not a user of %s" % (n, added[n], self.domain)
                                      for n in unknown])
        return {}

    def desired(self, entry, current):
        obj = dict(current or {"members": []})
        obj["name"] = entry["display"]
        if entry["members"] is not None:
            obj["members"] = self.members.after(obj["members"], entry["members"], purge=True)
        return obj

    def changes(self, entry, current, desired):
        return [option for option in ("name", "members") if desired[option] != current.get(option)]

    def shape(self, key, obj, context):
        return dict((k, v) for k, v in obj.items() if k in ("name", "members", "id") and v is not None)

    def result(self, outcome):
        return only_listed(self, super(UserGroupResource, self).result(outcome), outcome,
                           key=lambda group: group_key(group["name"]))

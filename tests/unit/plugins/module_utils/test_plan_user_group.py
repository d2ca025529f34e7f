# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of user groups and the input checks of smartermail_user_info (no server)."""
import copy

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_group import UserGroupResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_info import (
    UserInfoResource,
    parse_date,
)


def params(resource_class, **values):
    values.setdefault("domain", "ex.test")
    result = ArgumentSpecValidator(**resource_class.argument_spec.to_kwargs()).validate(values)
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


CURRENT = {"sales": {"name": "Sales", "members": ["alice", "bob"], "id": 1},
           "old": {"name": "Old", "members": [], "id": 2}}


def plan(**values):
    resource = UserGroupResource(params(UserGroupResource, **values))
    out = engine.plan(resource, engine.validate(resource), copy.deepcopy(CURRENT), {})
    return [(w.operation, w.params, w.refresh is not None) for w in out.plan.writes], out


def test_create_update_unchanged():
    assert plan(name="Team", members=["Carol@ex.test"])[0] == [
        ("AddUserGroup", {"DomainName": "ex.test", "UserGroupName": "Team", "UserNames": ["carol"]}, False)]
    assert plan(name="Sales", members=["BOB", "alice@ex.test"])[0] == []
    assert plan(name="Sales")[0] == []
    # members only: the name is read again right before the write
    assert plan(name="Sales", members=["bob"])[0] == [
        ("UpdateUserGroup", {"DomainName": "ex.test", "UserGroupID": 1, "UserGroupName": "Sales",
                             "UserNames": ["bob"]}, True)]


def test_rename_and_purge():
    writes, out = plan(groups=[{"name": "Team", "rename_from": "sales"}, {"name": "New"}], purge=True)
    assert writes == [
        ("AddUserGroup", {"DomainName": "ex.test", "UserGroupName": "New", "UserNames": []}, False),
        ("UpdateUserGroup", {"DomainName": "ex.test", "UserGroupID": 1, "UserGroupName": "Team",
                             "UserNames": ["alice", "bob"]}, True),
        ("RemoveUserGroup", {"DomainName": "ex.test", "UserGroupID": 2}, False),
    ]
    assert out.summary == {"created": ["new"], "renamed": ["team"], "removed": ["old"]}


def test_refresh_keeps_the_fresh_members_when_only_the_name_changes():
    writes = plan(name="Team", rename_from="Sales")[1].plan.writes

    class Fresh:
        def call_unchecked(self, service, operation, **p):
            assert (operation, p["UserGroupID"]) == ("GetUserGroup", 1)
            return {"Result": True, "UserGroup": {"id": 1, "name": "Sales", "userNames": ["dave@ex.test"]}}

    assert engine.refreshed(writes[0], Fresh()).params["UserNames"] == ["dave"]
    assert engine.refreshed(writes[0], Fresh()).params["UserGroupName"] == "Team"


class Rereads:
    """GetUserGroup answers Result=false ``failures`` times; the group list names ``listed`` groups."""

    def __init__(self, failures, listed=(1,)):
        self.failures, self.listed, self.calls = failures, listed, []

    def call_unchecked(self, service, operation, **p):
        self.calls.append(operation)
        if self.failures:
            self.failures -= 1
            return {"Result": False, "ResultCode": -50, "Message": "injected"}
        return {"Result": True, "UserGroup": {"id": 1, "name": "Sales", "userNames": ["dave@ex.test"]}}

    def call(self, service, operation, **p):
        if operation == "GetUserGroupsByDomain":
            self.calls.append(operation)
            return {"Result": True, "UserGroups": [{"id": i, "name": "G%d" % i, "userNames": []} for i in self.listed]}
        result = self.call_unchecked(service, operation, **p)
        if not result["Result"]:
            raise SmarterMailError("svcUserAdmin.GetUserGroup failed: injected (ResultCode -50)", result_code=-50)
        return result


def test_a_failed_fresh_read_is_read_again_never_taken_for_a_deleted_group():
    write = plan(name="Team", rename_from="Sales")[1].plan.writes[0]
    client = Rereads(1)
    assert engine.refreshed(write, client).params["UserNames"] == ["dave"]
    assert client.calls == ["GetUserGroup", "GetUserGroupsByDomain", "GetUserGroup"]
    client = Rereads(2)
    with pytest.raises(SmarterMailError, match="GetUserGroup failed: injected"):
        engine.refreshed(write, client)
    # the group list no longer names it: gone, the write goes as planned and the server answers
    client = Rereads(5, listed=(2,))
    assert engine.refreshed(write, client).params == write.params


@pytest.mark.parametrize("values, message", [
    (dict(name=" "), "user group name must be a non-empty text"),
    (dict(name="x" * 256), "user group name must be at most 255 characters"),
    (dict(name="g", members=["a@other.test"]), "member 'a@other.test' of user group g is not a user name"),
    (dict(groups=[{"name": "a"}, {"name": "A "}]), "user group 'A ' is listed more than once"),
])
def test_group_bad_input(values, message):
    with pytest.raises(engine.InputError, match=message):
        engine.validate(UserGroupResource(params(UserGroupResource, **values)))


def test_user_info_dates_and_bad_input():
    assert parse_date("2026-01-31").isoformat() == "2026-01-31T00:00:00"
    assert parse_date("2026-01-31 08:15").isoformat() == "2026-01-31T08:15:00"
    assert parse_date("31.01.2026") is None
    with pytest.raises(engine.InputError) as info:
        engine.validate(UserInfoResource(params(UserInfoResource, names=["bad name", "x@other.test"],
                                                inactive_since="yesterday", statistics_days=-1)))
    text = str(info.value)
    for part in ("names entry 'bad name'", "names entry 'x@other.test'", "inactive_since 'yesterday' must be a date",
                 "statistics_days must be a non-negative integer"):
        assert part in text

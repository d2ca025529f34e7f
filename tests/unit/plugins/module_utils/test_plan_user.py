# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of mailbox users: current state + options in, the exact writes out (no AnsibleModule, no emulator)."""
import copy

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import UserResource

PW = "Old-Secret-Pw-1!"
NEW_PW = "New-Secret-Pw-2!"
BASE = {"domain": "ex.test", "name": None, "user_password": None, "update_password": "always", "first_name": None,
        "last_name": None, "domain_admin": None, "max_mailbox_size_mb": None, "forwarding": None,
        "auto_responder": None, "settings": None, "state": "present", "users": None, "purge": False, "keep": []}


def user(name, **extra):
    obj = {"name": name, "first_name": "", "last_name": "", "domain_admin": False, "password": PW}
    obj.update(extra)
    return obj


CURRENT = {
    "alice": user("alice", first_name="Alice", max_mailbox_size_mb=100),
    "bob": user("bob"),
    "postmaster": user("postmaster", domain_admin=True),
}


def resource(params):
    return UserResource(dict(BASE, **params))


def plan(params, current=None, context=None):
    res = resource(params)
    entries = engine.validate(res)
    current = copy.deepcopy(CURRENT if current is None else current)
    out = engine.plan(res, entries, current, context or {})
    return [(w.operation, w.params) for w in out.plan.writes], out


def ops(writes):
    return [(op, params.get("NewUsername") or params.get("Username") or params.get("EmailAddress"))
            for op, params in writes]


# ------------------------------------------------------------------------------------- single
def test_single_create_writes_the_user_then_what_it_manages():
    writes, out = plan({"name": "Carol@EX.test", "user_password": NEW_PW, "first_name": "Carol",
                        "forwarding": {"addresses": ["C@Else.test"], "delete_on_forward": None},
                        "settings": {"signature": "Hi", "Other": None}})
    assert writes == [
        ("AddUser2", {"NewUsername": "carol", "NewPassword": NEW_PW, "DomainName": "ex.test", "FirstName": "Carol",
                      "LastName": "", "IsDomainAdmin": False, "maxMailboxSize": 0}),
        ("UpdateUserForwardingInfo2", {"EmailAddress": "carol@ex.test", "DeleteOnForward": False,
                                       "ForwardingAddresses": ["c@else.test"]}),
        ("SetRequestedUserSettings", {"EmailAddress": "carol@ex.test", "newSettings": ["signature=Hi"]}),
    ]
    result = resource({"name": "carol"}).result(out)
    assert result["diff"]["before"] == {}
    assert result["user"] == {"name": "carol", "address": "carol@ex.test", "first_name": "Carol", "last_name": "",
                              "domain_admin": False, "password": "********",
                              "forwarding": {"addresses": ["c@else.test"], "delete_on_forward": False},
                              "settings": {"signature": "Hi"}}
    assert NEW_PW not in str(result)


def test_create_without_password_is_refused_before_writes():
    with pytest.raises(engine.PlanError, match="password is required to create user carol@ex.test"):
        plan({"name": "carol", "first_name": "Carol"})


def test_update_resends_the_whole_user_as_read():
    writes, out = plan({"name": "alice", "last_name": "Doe", "domain_admin": True})
    assert writes == [("UpdateUser2", {"EmailAddress": "alice@ex.test", "NewPassword": PW, "NewFirstName": "Alice",
                                       "NewLastName": "Doe", "IsDomainAdmin": True, "maxMailboxSize": 100})]
    assert out.plan.descriptions() == ["update domain_admin, last_name of user alice@ex.test"]


def test_update_never_resends_a_mailbox_size_it_did_not_read():
    with pytest.raises(engine.PlanError, match="mailbox size of user bob@ex.test was not read"):
        plan({"name": "bob", "first_name": "Bob"})


def test_unchanged_user_plans_nothing():
    assert plan({"name": "alice", "first_name": "Alice", "user_password": PW, "max_mailbox_size_mb": 100})[0] == []
    # the bool rule: a read "True" is true
    assert plan({"name": "bob", "domain_admin": True}, {"bob": user("bob", domain_admin="True")})[0] == []


def test_password_changes_only_with_update_password_always():
    writes, out = plan({"name": "alice", "user_password": NEW_PW})
    assert writes == [("UpdateUser2", {"EmailAddress": "alice@ex.test", "NewPassword": NEW_PW, "NewFirstName": "Alice",
                                       "NewLastName": "", "IsDomainAdmin": False, "maxMailboxSize": 100})]
    assert out.plan.descriptions() == ["update password of user alice@ex.test"]
    result = resource({"name": "alice"}).result(out)
    assert result["diff"]["before"]["password"] == "********"
    assert result["diff"]["after"]["password"] == "******** (changed)"
    assert result["user"]["password"] == "******** (changed)"
    assert NEW_PW not in str(result) and PW not in str(result)
    assert plan({"name": "alice", "user_password": NEW_PW, "update_password": "on_create"})[0] == []


def test_unchanged_result_shows_no_password_at_all():
    writes, out = plan({"name": "alice", "user_password": PW})
    result = resource({"name": "alice"}).result(out)
    assert writes == [] and "password" not in result["user"] and "password" not in result["diff"]["before"]


def test_forwarding_auto_responder_and_settings_updates():
    current = {"bob": user("bob", forwarding={"addresses": ["x@else.test"], "delete_on_forward": False},
                           auto_responder={"enabled": False, "subject": "Away", "body": ""},
                           settings={"signature": "Old", "isenabled": "true"})}
    writes, out = plan({"name": "bob", "forwarding": {"addresses": ["X@else.test"], "delete_on_forward": True},
                        "auto_responder": {"enabled": True, "subject": None, "body": None},
                        "settings": {"signature": "New", "isenabled": True}}, current)
    assert writes == [
        ("UpdateUserForwardingInfo2", {"EmailAddress": "bob@ex.test", "DeleteOnForward": True,
                                       "ForwardingAddresses": ["x@else.test"]}),
        ("UpdateUserAutoResponseInfo", {"EmailAddress": "bob@ex.test", "Enabled": True, "Subject": "Away",
                                        "Body": ""}),
        ("SetRequestedUserSettings", {"EmailAddress": "bob@ex.test", "newSettings": ["signature=New"]}),
    ]
    # a value equal under the rule keeps the server's spelling in the result
    assert out.after["bob"]["settings"] == {"signature": "New", "isenabled": "true"}


def test_null_setting_is_not_managed_never_written_as_none():
    current = {"bob": user("bob", settings={"other": "1"})}
    writes, out = plan({"name": "bob", "settings": {"signature": None, "other": "2"}}, current)
    assert writes == [("SetRequestedUserSettings", {"EmailAddress": "bob@ex.test", "newSettings": ["other=2"]})]
    assert "None" not in str(out.after)
    entries = engine.validate(resource({"name": "bob", "settings": {"signature": None}}))
    assert entries[0]["settings"] == {}
    assert plan({"name": "bob", "settings": {"signature": None}}, {"bob": user("bob", settings={})})[0] == []


def test_password_setting_is_refused_without_showing_the_value():
    with pytest.raises(engine.InputError) as failure:
        engine.validate(resource({"name": "bob", "settings": {"Password": "Hidden-Setting-Pw-3!"}}))
    assert "use the password option" in str(failure.value)
    assert "Hidden-Setting-Pw-3!" not in str(failure.value)


def test_single_absent():
    assert plan({"name": "bob", "state": "absent"})[0] == [("DeleteUser", {"Username": "bob", "DomainName": "ex.test"})]
    assert plan({"name": "nobody", "state": "absent"})[0] == []


# ----------------------------------------------------------------------------------- collection
def test_collection_order_create_update_remove():
    writes, out = plan({"users": [{"name": "zed", "password": NEW_PW}, {"name": "alice", "first_name": "Al"},
                                  {"name": "bob", "state": "absent"}, {"name": "dan", "password": PW}]})
    assert ops(writes) == [("AddUser2", "zed"), ("AddUser2", "dan"), ("UpdateUser2", "alice@ex.test"),
                           ("DeleteUser", "bob")]
    result = resource({"users": [{"name": "x"}]}).result(out)
    assert [u["name"] for u in result["users"]] == ["alice", "dan", "zed"]
    assert result["created"] == ["zed", "dan"] and result["updated"] == ["alice"] and result["removed"] == ["bob"]
    assert sorted(result["diff"]["before"]["users"]) == ["alice", "bob"]
    assert result["diff"]["after"]["users"]["zed"]["password"] == "********"
    assert "password" not in result["diff"]["after"]["users"]["alice"]


def test_purge_keeps_listed_kept_and_the_primary_admin():
    writes, out = plan({"users": [{"name": "alice"}], "purge": True, "keep": ["BOB@ex.test"]},
                       context={"primary_admin": "postmaster"})
    assert writes == []
    assert out.warnings == ["not removing user postmaster: it is the primary administrator of ex.test, "
                            "which the server refuses to delete"]
    writes, out = plan({"users": [{"name": "alice"}], "purge": True}, context={"primary_admin": "postmaster"})
    assert writes == [("DeleteUser", {"Username": "bob", "DomainName": "ex.test"})]


@pytest.mark.parametrize("keep", ["bob@ex.test.", "bob@exmaple.test", "bad name", "@ex.test"])
def test_unmatchable_keep_is_an_input_error_before_any_call(keep):
    client = FakeClient()
    res = resource({"users": [{"name": "alice"}], "purge": True, "keep": [keep]})
    with pytest.raises(engine.InputError, match="keep entry %r cannot match any user" % keep):
        engine.run(res, client)
    assert client.calls == []


def test_names_are_normalized_like_keep():
    with pytest.raises(engine.InputError, match="belongs to another domain"):
        engine.validate(resource({"name": "bob@ex.test."}))
    assert engine.validate(resource({"name": " Bob@EX.test "}))[0]["key"] == "bob"


# ------------------------------------------------------------------------------------- runner
class FakeClient:
    """Answers the reads from a state; records every call (reads and writes)."""

    def __init__(self, users=None, primary_admin="postmaster"):
        self.users = copy.deepcopy(users if users is not None else {
            "alice": {"FirstName": "Alice", "settings": {"maxsize": "100", "signature": "Sig"},
                      "forwarding": {"ForwardingAddresses": ["a@else.test"], "DeleteOnForward": False}},
            "bob": {}, "postmaster": {"IsDomainAdmin": True}})
        self.primary_admin = primary_admin
        self.calls = []
        self.secrets = set()

    def add_secret(self, secret):
        self.secrets.add(secret)

    def info(self, name):
        user = self.users[name]
        return {"UserName": "%s@ex.test" % name, "Password": PW, "FirstName": user.get("FirstName", ""),
                "LastName": "", "IsDomainAdmin": user.get("IsDomainAdmin", False)}

    def call_unchecked(self, service, operation, **params):
        self.calls.append(operation)
        assert operation == "GetUser"
        name = params["EmailAddress"].split("@")[0]
        if name in self.users:
            return {"Result": True, "UserInfo": self.info(name)}
        return {"Result": False, "ResultCode": 2}

    def call(self, service, operation, **params):
        self.calls.append(operation)
        name = (params.get("EmailAddress") or "").split("@")[0]
        if operation == "GetUsers":
            return {"Users": [self.info(n) for n in sorted(self.users)]}
        if operation == "GetPrimaryDomainAdmin":
            return {"PrimaryAdmin": self.primary_admin}
        if operation == "GetRequestedUserSettings":
            settings = self.users[name].get("settings", {})
            return {"settingValues": ["%s=%s" % (k, settings.get(k, "")) for k in params["requestedSettings"]]}
        if operation == "GetUserForwardingInfo2":
            return self.users[name].get("forwarding", {})
        if operation == "GetUserAutoResponseInfo":
            return {}
        assert not operation.startswith("Get"), operation
        return {}

    def write(self, service, operation, **params):
        assert not operation.startswith("Get"), operation
        self.calls.append(operation)
        return {}


class FailingReread(FakeClient):
    """GetUser answers Result=false from its ``good``-th call on (the fresh read before UpdateUser2)."""

    def __init__(self, good=1):
        super(FailingReread, self).__init__()
        self.good = good

    def call_unchecked(self, service, operation, **params):
        if operation == "GetUser" and self.calls.count("GetUser") >= self.good:
            self.calls.append(operation)
            return {"Result": False, "ResultCode": -50, "Message": "injected"}
        return super(FailingReread, self).call_unchecked(service, operation, **params)

    def call(self, service, operation, **params):
        if operation == "GetUser":
            self.calls.append(operation)
            raise SmarterMailError("svcUserAdmin.GetUser failed: injected (ResultCode -50)", result_code=-50)
        return super(FailingReread, self).call(service, operation, **params)


def test_a_failed_fresh_read_of_a_user_fails_before_update_user2():
    client = FailingReread()
    with pytest.raises(engine.ApplyError, match="GetUser failed: injected") as failed:
        engine.run(resource({"name": "alice", "last_name": "Doe"}), client)
    assert failed.value.applied == []
    assert "UpdateUser2" not in client.calls
    assert client.calls == ["GetUser", "GetRequestedUserSettings", "GetUser", "GetUsers", "GetUser"]


def test_check_mode_reads_and_writes_nothing():
    client = FakeClient()
    res = resource({"users": [{"name": "alice", "first_name": "Al"}, {"name": "new", "password": NEW_PW}],
                    "purge": True})
    result = engine.run(res, client, check_mode=True, diff_mode=True)
    assert client.calls == ["GetUsers", "GetRequestedUserSettings", "GetPrimaryDomainAdmin"]
    assert result["changed"] and result["changes"] == [
        "create user new@ex.test", "update first_name of user alice@ex.test", "delete user bob@ex.test"]
    assert result["warnings"] == ["not removing user postmaster: it is the primary administrator of ex.test, "
                                  "which the server refuses to delete"]
    assert NEW_PW not in str(result) and PW not in str(result)


def test_run_applies_in_order_and_reads_only_what_is_managed():
    client = FakeClient()
    result = engine.run(resource({"name": "alice", "first_name": "Alice", "settings": {"signature": "Sig"}}), client)
    # nothing to change: the mailbox size is not read, only the managed setting
    assert client.calls == ["GetUser", "GetRequestedUserSettings"] and not result["changed"]
    client = FakeClient()
    result = engine.run(resource({"name": "alice", "last_name": "Doe"}), client)
    # UpdateUser2 resends the whole user: read again right before it, and read back after it
    assert client.calls == ["GetUser", "GetRequestedUserSettings", "GetUser", "GetRequestedUserSettings",
                            "UpdateUser2", "GetUser", "GetRequestedUserSettings"]
    assert result["user"]["max_mailbox_size_mb"] == 100
    # the stored password it resent is kept out of every message from now on
    assert client.secrets == {PW}
    client = FakeClient()
    engine.run(resource({"users": [{"name": "alice"}], "purge": False}), client)
    assert client.calls == ["GetUsers"]  # no purge: the primary administrator is not read


def test_purge_never_deletes_the_primary_admin_even_when_not_kept():
    client = FakeClient(primary_admin="PostMaster@ex.test")
    result = engine.run(resource({"users": [{"name": "alice"}], "purge": True}), client)
    assert client.calls.count("DeleteUser") == 1 and result["removed"] == ["bob"]
    assert result["warnings"][0].startswith("not removing user postmaster")

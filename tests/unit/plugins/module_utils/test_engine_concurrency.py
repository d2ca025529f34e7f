# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The engine's hooks for concurrent writers, with fake clients (no server, no AnsibleModule).

- ``Refresh``: a write that resends a whole object is rebuilt from a read made right before it,
  only the task's changes applied, under a lock per object, and the object is read back after it.
- ``Resource.exists_error`` / ``reconcile``: a create answered "already exists" becomes a read of
  that object and the update that reconciles it (or nothing), reported honestly.
"""
import copy
import fcntl
import os

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import UserResource


@pytest.fixture(autouse=True)
def private_locks(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "LOCK_DIR", str(tmp_path / "locks"))


class Server:
    """Things on a fake server: {name: {"size": int, "color": str}}; ``meanwhile`` runs once, after
    the task's first read (another writer)."""

    def __init__(self, things, meanwhile=None, add_error=None):
        self.things = copy.deepcopy(things)
        self.meanwhile = meanwhile
        self.add_error = add_error
        self.calls = []
        self.host = "fake.test"

    def get(self, name):
        self.calls.append("Get")
        found = copy.deepcopy(self.things.get(name))
        if self.meanwhile is not None:
            change, self.meanwhile = self.meanwhile, None
            change(self.things)
        return found

    def write(self, service, operation, **params):
        self.calls.append(operation)
        name = params["Name"]
        if operation == "Add":
            if self.add_error is not None:
                error, self.add_error = self.add_error, None
                raise error
            self.things[name] = {"size": params["Size"], "color": params["Color"]}
        elif operation == "Edit":
            self.things[name] = {"size": params["Size"], "color": params["Color"]}


def exists(name):
    return SmarterMailError("Add failed: Thing '%s' already exists. (ResultCode -4)" % name, service="svc",
                            operation="Add", result_code=-4, server_message="Thing '%s' already exists." % name)


class Thing(engine.Resource):
    """Objects with two fields written together by ``Edit`` (no partial write), created by ``Add``."""
    backend = "smartermail"
    item = "thing"
    items = "things"
    list_option = "things"
    entry_options = ("name", "size", "color", "state")
    fields = (engine.Field("size", "Size", rule="number"), engine.Field("color", "Color"))
    create_operations = ("Add",)

    def validate(self):
        return [dict(raw, key=raw["name"], state=raw.get("state") or "present") for raw in self.raw_entries()], []

    def read_all(self, client, entries):
        return dict((e["key"], dict(obj, name=e["key"])) for e, obj in ((e, client.get(e["key"])) for e in entries)
                    if obj is not None)

    def plan_create(self, plan, entry, desired):
        params = dict(Name=entry["key"], Size=desired["size"], Color=desired.get("color", ""))
        plan.add("create", "Add", "add " + entry["key"], params, key=entry["key"], service="svc")
        plan.add("create", "Paint", "paint " + entry["key"], dict(Name=entry["key"]), key=entry["key"],
                 service="svc")

    def plan_update(self, plan, entry, current, desired, changed):
        wire = dict((f.option, f.wire) for f in self.fields)

        def fresh(client):
            obj = client.get(entry["key"])
            return {"Size": obj["size"], "Color": obj["color"]}

        refresh = engine.Refresh(fresh, [wire[c] for c in changed])
        plan.add("update", "Edit", "edit %s (%s)" % (entry["key"], ", ".join(changed)),
                 dict(Name=entry["key"], Size=desired["size"], Color=desired["color"]), key=entry["key"],
                 service="svc", refresh=refresh)

    def plan_remove(self, plan, key, current):
        plan.add("remove", "Del", "delete " + key, dict(Name=key), key=key, service="svc")


def run(server, check_mode=False, **params):
    base = {"things": None, "purge": False, "keep": [], "name": None, "size": None, "color": None, "state": None}
    return engine.run(Thing(dict(base, **params)), server, check_mode=check_mode, diff_mode=True)


# ---------------------------------------------------------------------------------- Refresh
def test_refreshed_rebuilds_unchanged_parameters_from_the_fresh_read_only():
    write = engine.Write("update", "Set", {"Id": 1, "group": {"A": 1, "B": 2, "C": 3}}, "set A",
                         refresh=engine.Refresh(lambda client: {"group": {"A": 9, "B": 8, "C": 7}}, [("group", "A")]))
    assert engine.refreshed(write, None).params == {"Id": 1, "group": {"A": 1, "B": 8, "C": 7}}
    flat = engine.Write("update", "Set", {"Id": 1, "A": 1, "B": 2}, "set B",
                        refresh=engine.Refresh(lambda client: {"A": 5, "B": 6}, ["B"]))
    assert engine.refreshed(flat, None).params == {"Id": 1, "A": 5, "B": 2}
    # the object is gone: the write goes as planned and the server answers
    gone = flat._replace(refresh=engine.Refresh(lambda client: {}, ["B"]))
    assert engine.refreshed(gone, None).params == {"Id": 1, "A": 1, "B": 2}
    # nothing to refresh: the write as it is, without a read
    assert engine.refreshed(flat._replace(refresh=None), None) is not None


def test_a_whole_object_write_keeps_what_another_writer_changed_since_the_first_read():
    def other_writer(things):
        things["x"]["color"] = "blue"  # after the task read "red"

    server = Server({"x": {"size": 1, "color": "red"}}, meanwhile=other_writer)
    result = run(server, name="x", size=5)
    assert server.things["x"] == {"size": 5, "color": "blue"}
    # read, fresh read right before the write, the write, the read back
    assert server.calls == ["Get", "Get", "Edit", "Get"]
    assert result["changed"] and result["changes"] == ["edit x (size)"]
    # the result shows what the server holds after the write, not the first read's color
    assert result["thing"] == {"name": "x", "size": 5, "color": "blue"}
    assert result["diff"]["before"]["color"] == "red"


def test_check_mode_neither_refreshes_nor_writes():
    server = Server({"x": {"size": 1, "color": "red"}})
    result = run(server, check_mode=True, name="x", size=5)
    assert server.calls == ["Get"] and result["changed"] and result["changes"] == ["edit x (size)"]


def test_the_fresh_read_and_the_write_run_under_the_object_lock():
    seen = []

    class Probe(Server):
        def write(self, service, operation, **params):
            # another task of this machine cannot take the lock of this object now
            directory = os.path.expanduser(engine.LOCK_DIR)
            names = os.listdir(directory)
            assert len(names) == 1
            handle = os.open(os.path.join(directory, names[0]), os.O_RDWR)
            try:
                with pytest.raises(BlockingIOError):
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            finally:
                os.close(handle)
            seen.append(operation)
            return Server.write(self, service, operation, **params)

    server = Probe({"x": {"size": 1, "color": "red"}})
    run(server, name="x", size=5)
    assert seen == ["Edit"]
    directory = os.path.expanduser(engine.LOCK_DIR)
    handle = os.open(os.path.join(directory, os.listdir(directory)[0]), os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released after the write
    finally:
        os.close(handle)


def test_object_lock_is_exclusive_and_skipped_in_an_unsafe_directory(tmp_path, monkeypatch):
    with engine.object_lock("fake.test|svc|x"):
        path = os.path.join(os.path.expanduser(engine.LOCK_DIR), os.listdir(os.path.expanduser(engine.LOCK_DIR))[0])
        handle = os.open(path, os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(handle)
        with engine.object_lock("fake.test|svc|y"):  # another object: not blocked
            pass
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setattr(engine, "LOCK_DIR", str(shared))
    with engine.object_lock("fake.test|svc|x"):
        assert os.listdir(str(shared)) == []  # a directory others can write to is not trusted


# ---------------------------------------------------------------------------------- reconcile
def test_a_create_that_finds_the_object_made_meanwhile_changes_nothing_when_it_matches():
    server = Server({}, add_error=exists("x"))

    def other_writer(name):
        server.things["x"] = {"size": 5, "color": "red"}

    original_get = server.get
    server.get = lambda name: (original_get(name), other_writer(name))[0]
    result = run(server, name="x", size=5, color="red")
    # read (missing), Add (already exists), read again: it matches, nothing more is written;
    # the create's other writes (Paint) belong to the create and are dropped
    assert server.calls == ["Get", "Add", "Get"]
    assert not result["changed"] and "changes" not in result
    assert result["thing"] == {"name": "x", "size": 5, "color": "red"}
    assert result["diff"]["before"] == result["diff"]["after"]


def test_a_create_that_finds_a_different_object_reconciles_it_with_an_update():
    server = Server({}, add_error=exists("x"))
    server.things_after_read = {"size": 1, "color": "blue"}
    original_get = server.get
    state = {"first": True}

    def get(name):
        found = original_get(name)
        if state.pop("first", False):
            server.things["x"] = dict(server.things_after_read)
        return found

    server.get = get
    result = run(server, things=[{"name": "x", "size": 5}, {"name": "y", "size": 2, "color": "g"}])
    assert server.things["x"] == {"size": 5, "color": "blue"}
    assert result["changed"] and result["changes"] == ["edit x (size)", "add y", "paint y"]
    assert result["created"] == ["y"] and result["updated"] == ["x"]
    assert result["diff"]["before"]["things"]["x"] == {"name": "x", "size": 1, "color": "blue"}


def test_a_create_refused_for_another_reason_still_fails():
    server = Server({}, add_error=SmarterMailError("Add failed: limit reached", server_message="Limit reached."))
    with pytest.raises(engine.ApplyError, match="limit reached"):
        run(server, name="x", size=5, color="red")
    # "already exists" but nothing of that name can be read (another kind of object has the name)
    server = Server({}, add_error=exists("x"))
    with pytest.raises(engine.ApplyError, match="already exists") as info:
        run(server, name="x", size=5, color="red")
    assert info.value.applied == [] and server.calls == ["Get", "Add", "Get"]


def test_apply_replaces_the_failed_write_and_the_rest_of_its_object_and_phase():
    plan = engine.Plan()
    plan.add("create", "Add", "add a", key="a")
    plan.add("create", "Paint", "paint a", key="a")
    plan.add("create", "Add", "add b", key="b")
    plan.add("link", "Link", "link a", key="a")
    done = []

    def execute(write):
        if write.operation == "Add" and write.key == "a":
            raise RuntimeError("exists")
        done.append(write.description)

    def recover(write, error):
        return [engine.Write("update", "Edit", {}, "edit a", key="a")]

    assert engine.apply(plan, execute, False, recover) == ["edit a", "add b", "link a"] == done
    with pytest.raises(engine.ApplyError) as info:
        engine.apply(plan, execute, False, lambda write, error: None)
    assert info.value.applied == []


def test_answered_exists_reads_the_servers_words_only():
    assert engine.answered_exists(exists("x"))
    assert not engine.answered_exists(SmarterMailError("timed out; the alias already exists? unknown"))
    assert not engine.answered_exists(RuntimeError("already exists"))


# ---------------------------------------------------------------------------------- users
class UserServer:
    """One user, alice; ``meanwhile`` changes it once, after the task's first reads."""

    def __init__(self, meanwhile=None):
        self.user = {"FirstName": "Alice", "LastName": "A", "IsDomainAdmin": False, "Password": "Pw-1-old",
                     "maxsize": 100}
        self.meanwhile = meanwhile
        self.calls = []
        self.host = "fake.test"

    def add_secret(self, secret):
        pass

    def call_unchecked(self, service, operation, **params):
        self.calls.append(operation)
        info = dict((k, v) for k, v in self.user.items() if k != "maxsize")
        return {"Result": True, "UserInfo": dict(info, UserName="alice@ex.test")}

    def call(self, service, operation, **params):
        self.calls.append(operation)
        assert operation == "GetRequestedUserSettings"
        answer = {"settingValues": ["maxsize=%s" % self.user["maxsize"]]}
        if self.meanwhile is not None:
            change, self.meanwhile = self.meanwhile, None
            change(self.user)
        return answer

    def write(self, service, operation, **params):
        self.calls.append(operation)
        assert operation == "UpdateUser2"
        self.user.update(FirstName=params["NewFirstName"], LastName=params["NewLastName"],
                         IsDomainAdmin=params["IsDomainAdmin"], Password=params["NewPassword"],
                         maxsize=params["maxMailboxSize"])


USER = {"domain": "ex.test", "name": "alice", "user_password": None, "update_password": "always", "first_name": None,
        "last_name": None, "domain_admin": None, "max_mailbox_size_mb": None, "forwarding": None,
        "auto_responder": None, "settings": None, "state": "present", "users": None, "purge": False, "keep": []}


def test_update_user2_applies_only_the_changed_field_to_a_fresh_read():
    def other_writer(user):
        user.update(Password="Pw-2-theirs", FirstName="Alicia", maxsize=200)

    server = UserServer(meanwhile=other_writer)
    result = engine.run(UserResource(dict(USER, last_name="Doe")), server)
    # the password, first name and size another writer set after the task's read are not undone
    assert server.user == {"FirstName": "Alicia", "LastName": "Doe", "IsDomainAdmin": False,
                           "Password": "Pw-2-theirs", "maxsize": 200}
    assert server.calls == ["GetUser", "GetRequestedUserSettings", "GetUser", "GetRequestedUserSettings",
                            "UpdateUser2", "GetUser", "GetRequestedUserSettings"]
    # read back: the result shows the server's values; the password is noted as changed, never shown
    assert result["user"]["first_name"] == "Alicia" and result["user"]["max_mailbox_size_mb"] == 200
    assert result["user"]["password"] == "******** (changed)" and "Pw-2" not in str(result)


# ---------------------------------------------------------------------------------- RBLs, anti-spam groups
class SpamServer:
    """Answers reads from ``answers``; ``meanwhile`` changes them once, after the task's first read."""

    def __init__(self, answers, meanwhile):
        self.answers = answers
        self.meanwhile = meanwhile
        self.writes = []
        self.host = "fake.test"

    def call(self, service, operation, **params):
        if operation == "GetRBL" and operation not in self.answers:  # one check of the list, as the server does
            found = [r for r in self.answers["ListRBLs"]["rbls"] if r["Name"] == params["name"]]
            answer = copy.deepcopy({"Result": True, "settings": found[0]} if found else {"Result": False})
        else:
            answer = copy.deepcopy(self.answers[operation])
        if self.meanwhile is not None:
            change, self.meanwhile = self.meanwhile, None
            change(self.answers)
        return answer

    call_unchecked = call

    def write(self, service, operation, **params):
        self.writes.append((operation, params))


def test_edit_rbl_keeps_what_another_writer_changed_since_the_first_read():
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.rbl import OPTIONS, RblResource
    rbl = {"Name": "ZEN", "Description": "", "Hostname": "zen.test", "Weight": 10, "EnabledFiltering": True,
           "EnabledIncomingBlocking": False, "EnabledOutgoingBlocking": False, "IsURIBL": False,
           "UseBitmapChecking": False, "RequiredIP": "", "RequiredIPEnabled": False}

    def other_writer(answers):
        answers["ListRBLs"]["rbls"][0]["Description"] = "theirs"

    server = SpamServer({"ListRBLs": {"rbls": [rbl]}}, other_writer)
    params = dict(dict((o, None) for o in OPTIONS), name="ZEN", weight=5, rename_from=None, state="present",
                  rbls=None, purge=False, keep=[])
    engine.run(RblResource(params), server)
    [(operation, sent)] = server.writes
    assert operation == "EditRBL" and sent["rblSetting"]["Weight"] == 5
    assert sent["rblSetting"]["Description"] == "theirs"


def test_a_settings_group_keeps_what_another_writer_changed_since_the_first_read():
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import (
        GROUP_NAMES, AntispamSettingsResource)
    spf = {"EnabledFiltering": True, "EnabledIncomingBlocking": False, "EnabledOutgoingBlocking": False,
           "PassWeight": 10, "NeutralWeight": 10, "NoneWeight": 10, "SoftFailWeight": 10, "FailWeight": 10,
           "PermErrorWeight": 10}

    def other_writer(answers):
        answers["GetSPFSettings"]["settings"]["PassWeight"] = 30

    server = SpamServer({"GetSPFSettings": {"settings": spf}}, other_writer)
    params = dict(dict((name, None) for name in GROUP_NAMES), spf={"fail_weight": 25})
    engine.run(AntispamSettingsResource(params), server)
    [(operation, sent)] = server.writes
    assert operation == "SetSPFSettings"
    assert (sent["spfSettings"]["FailWeight"], sent["spfSettings"]["PassWeight"]) == (25, 30)

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The engine's lock per object: every write is applied under it, whichever call it uses.

- ``run()`` applies every write of a plan under the lock of the object it names (``write_target``),
  a ``Refresh`` read under the same lock, and takes no lock when it writes nothing;
- the lock holds between processes (a file lock), as the forks of ansible-playbook need;
- resources name one target for every call that changes one object (a mailing list's address
  set: single adds and removes and the whole-list set; a user group by id);
- a removal that finds its object removed by another task is done, not a failure.
"""
import copy
import fcntl
import os
import subprocess
import sys

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.forwarding_blacklist import (
    ForwardingBlacklistResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.mailing_list import (
    MailingListResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_group import UserGroupResource


@pytest.fixture(autouse=True)
def private_locks(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "LOCK_DIR", str(tmp_path / "locks"))


def lock_path(name):
    return os.path.join(os.path.expanduser(engine.LOCK_DIR), engine.lock_file_name(name))


def held(name):
    """Whether another open file description cannot lock ``name`` now (what another process sees)."""
    if not os.path.exists(lock_path(name)):
        return False
    handle = os.open(lock_path(name), os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


class Server:
    """A fake server of things {name: size}; every write records whether its object's lock was held."""

    host = "fake.test"

    def __init__(self, things):
        self.things = dict(things)
        self.writes = []

    def get(self, name):
        return self.things.get(name)

    def write(self, service, operation, **params):
        name = params["Name"]
        self.writes.append((operation, name, held("fake.test|svc|%s" % name)))
        if operation == "Del":
            self.things.pop(name, None)
        else:
            self.things[name] = params.get("Size", self.things.get(name))


class Thing(engine.Resource):
    """Things written by single calls without any ``Refresh``: Add and Tag on create, Edit, Del."""
    backend = "smartermail"
    item = "thing"
    items = "things"
    list_option = "things"
    entry_options = ("name", "size", "state")
    fields = (engine.Field("size", "Size", rule="number"),)

    def validate(self):
        return [dict(raw, key=raw["name"], state=raw.get("state") or "present") for raw in self.raw_entries()], []

    def read_all(self, client, entries):
        return dict((k, {"name": k, "size": v}) for k, v in client.things.items())

    def execute(self, client):
        return engine.soap_execute(client)

    def plan_create(self, plan, entry, desired):
        plan.add("create", "Add", "add " + entry["key"], dict(Name=entry["key"], Size=desired["size"]),
                 key=entry["key"], service="svc")
        plan.add("create", "Tag", "tag " + entry["key"], dict(Name=entry["key"]), key=entry["key"], service="svc")

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "Edit", "edit " + entry["key"], dict(Name=entry["key"], Size=desired["size"]),
                 key=entry["key"], service="svc")

    def plan_remove(self, plan, key, current):
        plan.add("remove", "Del", "delete " + key, dict(Name=key), key=key, service="svc")


def run(server, check_mode=False, **params):
    base = {"things": None, "purge": False, "keep": [], "name": None, "size": None, "state": None}
    return engine.run(Thing(dict(base, **params)), server, check_mode=check_mode)


# ---------------------------------------------------------------------------------- the rule
def test_every_write_runs_under_its_objects_lock_without_any_refresh():
    server = Server({"x": 1, "old": 3})
    result = run(server, things=[{"name": "x", "size": 2}, {"name": "y", "size": 5}], purge=True)
    assert result["changed"]
    # each single call held the lock of its own object while it was sent, and only that one
    assert sorted(server.writes) == [("Add", "y", True), ("Del", "old", True), ("Edit", "x", True),
                                     ("Tag", "y", True)]
    assert not any(held("fake.test|svc|%s" % name) for name in ("x", "y", "old"))  # all released


def test_a_task_that_writes_nothing_takes_no_lock(monkeypatch):
    taken, original = [], engine.object_lock

    def recording_lock(name):
        taken.append(name)
        return original(name)

    monkeypatch.setattr(engine, "object_lock", recording_lock)
    server = Server({"x": 2})
    assert not run(server, name="x", size=2)["changed"]
    assert run(server, check_mode=True, name="x", size=9)["changed"]
    assert taken == [] and server.writes == []
    run(server, name="x", size=9)
    assert taken == ["fake.test|svc|x"]


def test_write_target_is_the_writes_then_the_refreshs_then_service_and_key():
    refresh = engine.Refresh(lambda client: {}, (), target="list|subscribers")
    assert engine.write_target(engine.Write("update", "Set", {}, "d", key="k", service="svc")) == "svc|k"
    assert engine.write_target(engine.Write("update", "Set", {}, "d", key="k", service="svc",
                                            refresh=refresh)) == "list|subscribers"
    assert engine.write_target(engine.Write("update", "Add", {}, "d", key="k", service="svc", refresh=refresh,
                                            target="mine")) == "mine"

    class Client:
        host = "mail.test:443"
    assert engine.lock_name(Client(), engine.Write("u", "Add", {}, "d", key="k", service="svc",
                                                   target="news@ex.test|subscribers")) == \
        "mail.test:443|news@ex.test|subscribers"


def test_the_lock_holds_between_processes():
    name = "fake.test|svc|shared"
    probe = ("import fcntl, os, sys\n"
             "handle = os.open(sys.argv[1], os.O_RDWR)\n"
             "try:\n"
             "    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
             "except BlockingIOError:\n"
             "    sys.exit(3)\n"
             "sys.exit(0)\n")
    with engine.object_lock(name):
        path = lock_path(name)
        # another process (a fork running the fast path, a module process) cannot take it now
        assert subprocess.run([sys.executable, "-c", probe, path], check=False).returncode == 3
    # released: another process takes it at once
    assert subprocess.run([sys.executable, "-c", probe, path], check=False).returncode == 0


def test_lock_files_are_a_fixed_set_kept_between_writes():
    names = ["mail.test|svc|object-%d" % n for n in range(200)]
    for name in names:
        with engine.object_lock(name):
            pass
    files = os.listdir(os.path.expanduser(engine.LOCK_DIR))
    # nothing created per object beyond the fixed set, nothing removed (a write creates no file twice)
    assert sorted(files) == sorted(set(engine.lock_file_name(n) for n in names))
    assert all(0 <= int(f.split(".")[0]) < engine.LOCK_FILES for f in files)


# ----------------------------------------------------------------- the resources' targets
def _validated(resource_class, **values):
    result = ArgumentSpecValidator(**resource_class.argument_spec.to_kwargs()).validate(values)
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def _targets(resource_class, current, **values):
    resource = resource_class(_validated(resource_class, domain="ex.test", **values))
    out = engine.plan(resource, engine.validate(resource), copy.deepcopy(current), {})
    return [(w.operation, engine.write_target(w)) for w in out.plan.writes]


def _list(**extra):
    obj = {"name": "news", "subscribers": ["a@x.test"], "digest_subscribers": ["d@x.test"]}
    obj.update(extra)
    return obj


def test_every_write_to_one_address_set_names_the_same_target():
    many = ["old%02d@x.test" % n for n in range(12)]
    single = _targets(MailingListResource, {"news": _list()}, lists=[
        {"name": "news", "subscribers": ["b@x.test"], "digest_subscribers": ["e@x.test"]}])
    whole = _targets(MailingListResource, {"news": _list(subscribers=many)}, lists=[
        {"name": "news", "subscribers": ["b@x.test"], "purge": True}])
    removal = _targets(MailingListResource, {"news": _list(subscribers=["a@x.test", "c@x.test"])}, lists=[
        {"name": "news", "subscribers": ["a@x.test"], "purge": True}])
    assert single == [("AddSubscriber", "news@ex.test|subscribers"),
                      ("AddDigestSubscriber", "news@ex.test|digest_subscribers")]
    assert whole == [("SetSubscriberList2", "news@ex.test|subscribers")]
    assert removal == [("RemoveSubscriber", "news@ex.test|subscribers")]


def test_every_write_to_one_user_group_names_the_same_target():
    current = {"sales": {"name": "Sales", "members": ["alice"], "id": 7}}
    members_only = _targets(UserGroupResource, current, name="Sales", members=["bob"])
    both = _targets(UserGroupResource, current, groups=[{"name": "SALES", "members": ["bob"]}])
    removal = _targets(UserGroupResource, current, name="Sales", state="absent")
    assert members_only == both == [("UpdateUserGroup", "ex.test|group|7")]
    assert removal == [("RemoveUserGroup", "ex.test|group|7")]


# ------------------------------------------------------------- a removal made by another task
class BlacklistServer:
    """The forwarding black list; ``taken`` entries are removed by another task right after our read."""

    host = "fake.test"

    def __init__(self, entries, taken=(), refuse=()):
        self.entries, self.taken, self.refuse = list(entries), list(taken), list(refuse)
        self.calls = []

    def call(self, service, operation, **params):
        self.calls.append(operation)
        found = list(self.entries)
        for name in self.taken:
            self.entries.remove(name)
        self.taken = []
        return {"BlacklistedDomains": found}

    def write(self, service, operation, **params):
        name = params["domainName"]
        self.calls.append("%s %s" % (operation, name))
        if name in self.refuse or name not in self.entries:
            raise SmarterMailError("%s failed: '%s' is not on the forwarding blacklist. (ResultCode -3)"
                                   % (operation, name), server_message="not on the forwarding blacklist")
        self.entries.remove(name)


def _purge(server, **extra):
    params = dict(_validated(ForwardingBlacklistResource, domains=["keep.test"], purge=True), **extra)
    return engine.run(ForwardingBlacklistResource(params), server)


def test_a_purge_that_finds_an_entry_removed_by_another_task_goes_on():
    server = BlacklistServer(["a.test", "b.test", "keep.test"], taken=["a.test"])
    result = _purge(server)
    assert server.entries == ["keep.test"]
    # the failed removal of a.test read the list again, found it gone and went on with b.test
    assert server.calls == ["ListForwardingBlacklistEntries", "DeleteForwardingBlacklistEntry a.test",
                            "ListForwardingBlacklistEntries", "DeleteForwardingBlacklistEntry b.test",
                            "ListForwardingBlacklistEntries"]
    assert result["changed"] and result["changes"] == ["remove forwarding black list entry b.test"]


def test_a_removal_refused_while_the_entry_is_still_there_fails():
    server = BlacklistServer(["a.test", "keep.test"], refuse=["a.test"])
    with pytest.raises(engine.ApplyError, match="not on the forwarding blacklist"):
        _purge(server)
    assert server.entries == ["a.test", "keep.test"]

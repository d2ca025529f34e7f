# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's settings-group singletons: a resource that is only its table (groups as dict options
whose SOAP column is a ``SettingsGroup``) is validated, read, compared, planned and reported by the
engine, secrets masked; the hooks change only what they name."""

import copy

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import (
    SettingsGroup,
    SettingsGroups,
    Singleton,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table, Wire
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import int_range

SERVICE = "svcTest"

TABLE = Table([
    Option("engine", "The engine group.", type="dict", soap=SettingsGroup(
        "engine", "GetEngine", "SetEngine", "engineSettings", SERVICE), options=[
        Option("enabled", "On.", type="bool", rule="bool", soap="Enabled"),
        Option("port", "Port.", type="int", rule="number", check=int_range(1, 65535), soap="Port"),
        Option("size", "Size in KB (the wire says bytes).", type="int", rule="number",
               soap=Wire("SizeBytes", to_wire=lambda kb: kb * 1024, from_wire=lambda b: b // 1024)),
        Option("token", "A secret.", rule="secret", secret=True, soap="Token"),
    ]),
    Option("limits", "The limits group.", type="dict", soap=SettingsGroup(
        "limits", "GetLimits", "SetLimits", "limits", SERVICE, answer="Settings"), options=[
        Option("name", "A text.", rule="exact", soap="Name"),
    ]),
])


class Settings(SettingsGroups):
    """A settings-group resource that is its table and nothing else."""

    table = TABLE
    argument_spec = TABLE.argument_spec()


ANSWERS = {
    "GetEngine": {"settings": {"Enabled": True, "Port": 25, "SizeBytes": 2048, "Token": "old-token"}},
    "GetLimits": {"Settings": {"Name": None}},
}


# Set operation -> (its Get, the Get's answer key, the Set's parameter)
SETS = {"SetEngine": ("GetEngine", "settings", "engineSettings"), "SetLimits": ("GetLimits", "Settings", "limits")}


class FakeClient:
    """A stand-in server: a group written is what its Get answers from then on."""

    def __init__(self, answers=None, after_first_read=None):
        self.answers = copy.deepcopy(answers or ANSWERS)
        self.calls = []
        self.after_first_read = after_first_read  # another writer, between the task's read and its write

    def call(self, service, operation, **params):
        assert service == SERVICE
        self.calls.append((operation, params))
        answer = copy.deepcopy(self.answers.get(operation, {}))
        if self.after_first_read is not None:
            self.after_first_read(self)
            self.after_first_read = None
        return answer

    def write(self, service, operation, **params):
        assert service == SERVICE
        self.calls.append((operation, params))
        get, answer, param = SETS[operation]
        self.answers[get] = {answer: copy.deepcopy(params[param])}
        return {"Result": True}

    def reads(self):
        return [c[0] for c in self.calls if c[0].startswith("Get")]

    def writes(self):
        return [c for c in self.calls if c[0].startswith("Set")]


def run(client, resource=Settings, check_mode=False, **params):
    params = dict(dict(engine=None, limits=None), **params)
    return engine.run(resource(params), client, check_mode, diff_mode=True)


def test_only_the_groups_given_are_read_and_a_differing_one_is_set_whole():
    client = FakeClient()
    result = run(client, engine={"port": 587, "size": 2})
    # the first read, the Refresh right before the Set, the read back after it
    assert client.reads() == ["GetEngine", "GetEngine", "GetEngine"]
    assert client.writes() == [("SetEngine", {"engineSettings": {
        "Enabled": True, "Port": 587, "SizeBytes": 2048, "Token": "old-token"}})]
    assert result["changes"] == ["set engine settings (port)"]
    assert result["settings"]["engine"]["size"] == 2 and "limits" not in result["settings"]


def test_a_group_that_matches_is_not_written():
    client = FakeClient()
    result = run(client, engine={"enabled": "yes", "port": 25}, limits={"name": ""})
    assert not result["changed"] and client.writes() == [] and client.reads() == ["GetEngine", "GetLimits"]


def test_the_set_keeps_what_another_writer_changed_since_the_first_read():
    def other_writer(client):
        client.answers["GetEngine"]["settings"]["Enabled"] = False

    client = FakeClient(after_first_read=other_writer)
    run(client, engine={"port": 2525})
    assert client.writes()[0][1]["engineSettings"]["Enabled"] is False
    assert client.writes()[0][1]["engineSettings"]["Port"] == 2525


def test_row_checks_fail_before_any_call():
    client = FakeClient()
    with pytest.raises(engine.InputError) as err:
        run(client, engine={"port": 0})
    assert err.value.errors == ["engine.port must be an integer from 1 to 65535, got 0"] and client.calls == []


def test_wire_converters_read_and_write():
    client = FakeClient()
    result = run(client, engine={"size": 4})
    assert result["settings"]["engine"]["size"] == 4
    assert client.writes()[0][1]["engineSettings"]["SizeBytes"] == 4096


def test_secret_rows_are_masked_in_result_and_diff():
    client = FakeClient()
    result = run(client, engine={"token": "new-token"})
    assert client.writes()[0][1]["engineSettings"]["Token"] == "new-token"
    assert "token" in result["changes"][0]
    shown = repr(result)
    assert "new-token" not in shown and "old-token" not in shown
    assert result["settings"]["engine"]["token"] == engine.HIDDEN
    assert result["diff"]["before"]["engine"]["token"] == engine.HIDDEN
    assert result["diff"]["after"]["engine"]["token"] == engine.CHANGED_SECRET


def test_an_unchanged_secret_shows_hidden_on_both_sides():
    client = FakeClient()
    result = run(client, engine={"token": "old-token"})
    assert not result["changed"]
    assert result["diff"]["before"]["engine"]["token"] == result["diff"]["after"]["engine"]["token"] == engine.HIDDEN


class Hooked(Settings):
    """The hooks: a rule over the merged group, a group read only for it, the order of the writes."""

    def extra_groups(self, given):
        return ["limits"] if "engine" in given else []

    def desired_errors(self, after, entry, current):
        limits = after.get("limits") or self.extra["limits"]
        if after["engine"].get("enabled") and not limits.get("name"):
            return ["engine.enabled needs limits.name"]
        return []

    def order_groups(self, entry, changed):
        return list(reversed(changed))


def test_hooks_read_a_group_for_a_rule_without_returning_it():
    client = FakeClient()
    with pytest.raises(engine.InputError) as err:
        run(client, resource=Hooked, engine={"port": 26})
    assert err.value.errors == ["engine.enabled needs limits.name"] and client.writes() == []
    assert client.reads() == ["GetEngine", "GetLimits"]


def test_hooks_order_the_writes():
    answers = copy.deepcopy(ANSWERS)
    answers["GetLimits"]["Settings"]["Name"] = "x"
    client = FakeClient(answers)
    result = run(client, resource=Hooked, engine={"port": 26}, limits={"name": "y"})
    assert [w[0] for w in client.writes()] == ["SetLimits", "SetEngine"]
    assert sorted(result["settings"]) == ["engine", "limits"]


class Fixed(Singleton):
    """A singleton without a table of settings groups: it gives its own hooks, as before."""

    item = "license"
    KEY = "license"

    def validate(self):
        return [self.entry(value=self.params["value"])], []

    def read_all(self, client, entries):
        return {self.KEY: {"value": "a"}}

    def changes(self, entry, current, desired):
        return ["value"] if current["value"] != entry["value"] else []

    def desired(self, entry, current):
        return {"value": entry["value"]}

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "SetValue", "set the value", dict(value=entry["value"]), key=self.KEY, service=SERVICE)

    def result(self, outcome):
        return {"value": outcome.after[self.KEY]["value"]}


def test_a_singleton_without_settings_groups_keeps_its_own_hooks():
    resource = Fixed({"value": "b"})
    assert resource.entry(value="b") == {"value": "b", "key": "license", "state": "present"}
    client = FakeClient()
    result = engine.run(resource, client, check_mode=True)
    assert result["changed"] and result["changes"] == ["set the value"] and result["value"] == "b"
    with pytest.raises(engine.PlanError):
        resource.plan_create(engine.Plan(), {}, {})
    with pytest.raises(engine.PlanError):
        resource.plan_remove(engine.Plan(), "license", {})

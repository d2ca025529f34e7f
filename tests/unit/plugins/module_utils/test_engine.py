# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The engine on its own: comparison rules, plan ordering, apply, and the runner's reporting."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine


@pytest.mark.parametrize("rule,current,desired,expected", [
    ("exact", "a", "a", True), ("exact", "a", "A", False), ("exact", None, "", True),
    ("caseless", "Bob@Example.com ", "bob@example.com", True), ("caseless", "a", "b", False),
    ("set", ["b", "A"], ["a", "b"], True), ("set", ["a"], ["a", "b"], False), ("set", None, [], True),
    ("number", "10", 10, True), ("number", "10.5", 10, False), ("number", "x", 1, False),
    ("bool", "True", True, True), ("bool", "false", True, False), ("bool", None, False, True),
    ("text", "True", True, True), ("text", "5", 5, True), ("text", "x", "X", False),
    ("secret", "pw", "pw", True), ("secret", "pw", "PW", False),
])
def test_rules(rule, current, desired, expected):
    assert engine.same(rule, current, desired) is expected


def test_none_is_not_managed():
    assert all(engine.same(rule, "anything", None) for rule in engine.RULES)


def test_changed_fields_ignores_read_only_and_unmanaged():
    fields = (engine.Field("a"), engine.Field("b", rule="number"), engine.Field("c", read_only=True))
    assert engine.changed_fields(fields, {"a": "x", "b": "1", "c": 1}, {"a": "y", "b": 1, "c": 2}) == ["a"]
    assert engine.changed_fields(fields, {"a": "x"}, {"a": None, "b": None}) == []


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        engine.Field("a", rule="fuzzy")


def test_changed_settings():
    assert engine.changed_settings({"a": "True", "b": "1"}, {"a": True, "b": 2, "c": None}) == ["b"]


def test_plan_orders_by_phase_then_insertion():
    plan = engine.Plan()
    plan.add("remove", "Del", "delete x", service="s")
    plan.add("create", "Add", "add y", service="s")
    plan.add("link", "Link", "link y", service="s")
    plan.add("create", "Add", "add z", service="s")
    assert plan.descriptions() == ["add y", "add z", "link y", "delete x"]
    assert plan.operations() == ["s.Add", "s.Add", "s.Link", "s.Del"]
    with pytest.raises(ValueError):
        plan.add("later", "X", "x")


def test_apply_skips_everything_in_check_mode_and_reports_partial_failures():
    plan = engine.Plan()
    for name in ("a", "b", "c"):
        plan.add("update", name, "write " + name)
    calls = []

    def execute(write):
        calls.append(write.operation)
        if write.operation == "b":
            raise RuntimeError("refused")

    assert engine.apply(plan, execute, check_mode=True) == [] and calls == []
    with pytest.raises(engine.ApplyError) as info:
        engine.apply(plan, execute, check_mode=False)
    assert info.value.applied == ["write a"] and calls == ["a", "b"]


def test_merge_skips_none_and_merges_dicts():
    assert engine.merge({"a": 1, "d": {"x": 1, "y": 2}}, {"a": None, "b": 2, "d": {"y": 3}}) == \
        {"a": 1, "b": 2, "d": {"x": 1, "y": 3}}


def test_settings_round_trip():
    assert engine.parse_settings(["A=1", "b=x=y", "junk"]) == {"a": "1", "b": "x=y"}
    assert engine.settings_list({"b": True, "a": 1}) == ["a=1", "b=True"]


class Thing(engine.Resource):
    """A minimal resource: objects with a ``size`` compared as a number."""
    backend = "smartermail"
    item = "thing"
    items = "things"
    list_option = "things"
    entry_options = ("name", "size", "state")
    fields = (engine.Field("size", "Size", rule="number"),)

    def validate(self):
        return [dict(raw, key=self.normalize_key(raw["name"]), state=raw.get("state") or "present")
                for raw in self.raw_entries()], []

    def create_errors(self, entry, desired):
        return [] if entry.get("size") is not None else ["size is required to create thing %s" % entry["key"]]

    def plan_create(self, plan, entry, desired):
        plan.add("create", "Add", "add " + entry["key"], dict(Name=entry["key"], Size=desired["size"]),
                 service="svc")

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "Edit", "edit " + entry["key"], dict(Name=entry["key"], Size=desired["size"]),
                 service="svc")

    def plan_remove(self, plan, key, current):
        plan.add("remove", "Del", "delete " + key, dict(Name=key), service="svc")

    def protected(self, key, current, context):
        return "it is the default" if key == "default" else None


CURRENT = {"a": {"name": "a", "size": "1"}, "b": {"name": "b", "size": "2"}, "default": {"name": "default", "size": "0"}}


def plan_for(params):
    resource = Thing(dict({"purge": False, "keep": []}, **params))
    return engine.plan(resource, engine.validate(resource), CURRENT)


def test_collection_plan_writes_only_differences():
    out = plan_for({"things": [{"name": "A", "size": 1}, {"name": "b", "size": 3}, {"name": "c", "size": 4}]})
    assert [(w.operation, w.params) for w in out.plan.writes] == [
        ("Add", {"Name": "c", "Size": 4}), ("Edit", {"Name": "b", "Size": 3})]
    assert out.summary == {"created": ["c"], "updated": ["b"]}
    assert sorted(out.after) == ["a", "b", "c", "default"]


def test_purge_keep_and_protected():
    out = plan_for({"things": [{"name": "a", "size": 1}], "purge": True, "keep": ["B "]})
    assert out.plan.writes == [] and out.warnings == ["not removing thing default: it is the default"]
    out = plan_for({"things": [{"name": "a", "size": 1}], "purge": True})
    assert out.plan.descriptions() == ["delete b"] and sorted(out.after) == ["a", "default"]


def test_create_errors_stop_before_any_write():
    with pytest.raises(engine.PlanError, match="size is required to create thing new"):
        plan_for({"things": [{"name": "new"}]})


def test_single_mode_result_and_check_mode_run():
    class Client:
        def __init__(self):
            self.calls = []

        def write(self, service, operation, **params):
            self.calls.append(operation)

    resource = Thing({"name": "a", "size": 5, "state": "present", "things": None, "purge": False, "keep": []})
    resource.read_all = lambda client, entries: dict(CURRENT)
    client = Client()
    result = engine.run(resource, client, check_mode=True, diff_mode=True)
    assert client.calls == [] and result["changed"] and result["changes"] == ["edit a"]
    assert result["diff"] == {"before": {"name": "a", "size": "1"}, "after": {"name": "a", "size": 5}}
    result = engine.run(resource, client, check_mode=False, diff_mode=False)
    assert client.calls == ["Edit"] and "diff" not in result and result["thing"] == {"name": "a", "size": 5}


def test_a_failed_read_after_writes_reports_the_writes_applied():
    """A read after the writes (the read-back) that fails never turns applied writes into changed=false."""
    class Client:
        def write(self, service, operation, **params):
            pass

    def read_back(client, outcome):
        raise RuntimeError("Failed to log in.")

    resource = Thing({"name": "a", "size": 5, "state": "present", "things": None, "purge": False, "keep": []})
    resource.read_all = lambda client, entries: dict(CURRENT)
    resource.read_back = read_back
    with pytest.raises(engine.ApplyError) as failed:
        engine.run(resource, Client())
    assert failed.value.applied == ["edit a"] and "Failed to log in." in str(failed.value)


def test_removing_the_own_account_or_a_protected_object_fails_before_any_write():
    class Own(Thing):
        def own_key(self):
            return "b"

    for name, why in (("b", "it is the account this task logs in with"), ("default", "it is the default")):
        resource = Own({"things": [{"name": name, "state": "absent"}], "purge": False, "keep": []})
        with pytest.raises(engine.PlanError, match="cannot remove thing %s: %s" % (name, why)):
            engine.plan(resource, engine.validate(resource), CURRENT)
    resource = Own({"things": [], "purge": True, "keep": []})
    out = engine.plan(resource, engine.validate(resource), CURRENT)
    assert out.plan.descriptions() == ["delete a"]
    assert [w.split(":")[0] for w in out.warnings] == ["not removing thing b", "not removing thing default"]


class Keyed(Thing):
    """Names are words of letters: anything else is refused, in the list and in ``keep``."""

    def validate(self):
        entries, errors = super(Keyed, self).validate()
        for entry in entries:
            if not (entry["key"] or "").isalpha():
                errors.append("thing name %r must be letters" % entry["key"])
        return entries, errors


def test_a_keep_entry_is_checked_by_the_resources_own_validation():
    resource = Keyed({"things": [], "purge": True, "keep": [" B", "a-1"]})
    with pytest.raises(engine.InputError) as failed:
        engine.validate(resource)
    assert failed.value.errors == ["keep entry 'a-1' cannot match any thing: thing name 'a-1' must be letters"]
    resource = Keyed({"things": [], "purge": True, "keep": [" B"]})
    out = engine.plan(resource, engine.validate(resource), CURRENT)
    assert out.plan.descriptions() == ["delete a"] and resource.keep_keys() == ({"b"}, [])


def test_one_retry_policy_reads_retry_writes_only_when_never_sent():
    from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import with_retries

    class Flaky(Exception):
        def __init__(self, sent):
            self.retryable, self.sent = True, sent

    def attempts(errors):
        log = []

        def attempt():
            log.append(1)
            if len(log) <= errors[0]:
                raise Flaky(errors[1])
            return "ok"
        return attempt, log

    attempt, log = attempts((2, None))
    assert with_retries(attempt, True, 3, 0, sleep=lambda s: None) == "ok" and len(log) == 3
    attempt, log = attempts((1, None))
    with pytest.raises(Flaky):
        with_retries(attempt, False, 3, 0, sleep=lambda s: None)
    assert len(log) == 1
    attempt, log = attempts((1, False))
    assert with_retries(attempt, False, 3, 0, sleep=lambda s: None) == "ok" and len(log) == 2


def test_operation_kinds_match_the_emulator_catalog():
    import json
    import os
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.operations import READ_OPERATIONS, is_read
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "..", "emulator", "mailops_emulator", "catalog.json")
    with open(path) as handle:
        catalog = json.load(handle)
    for service, spec in catalog["services"].items():
        for op in spec["operations"]:
            assert is_read(service, op["name"]) is (op["kind"] == "read"), (service, op["name"])
    assert set(READ_OPERATIONS) <= set(catalog["services"])


@pytest.mark.parametrize("params,message", [
    ({"timeout": -1}, "timeout must be from 1 to 3600"),
    ({"retries": -2}, "retries must be from 0 to 10"),
    ({"ca_path": "/nonexistent/ca.pem"}, "ca_path /nonexistent/ca.pem is not a readable file"),
    ({"url": "http://mail\x00.test"}, "url must not contain control characters"),
])
def test_bad_connection_options_fail_before_any_call(params, message):
    from ansible_collections.mailops.smartermail.plugins.module_utils._engine import runner as _runner
    base = {"url": "http://127.0.0.1:1", "username": "admin", "password": "pw", "validate_certs": True,
            "ca_path": None, "timeout": 30, "retries": 3}
    with pytest.raises(_runner.TaskFailed, match=message):
        _runner.connect(_runner.SmarterMailBackend, dict(base, **params))


def test_as_set_and_diff():
    assert engine.as_set([" A@X.com ", "", None]) == frozenset(["a@x.com"])
    assert engine.diff(None, {"a": 1}) == {"before": {}, "after": {"a": 1}}


def test_known_settings_keys_match_the_emulator_catalog():
    import json
    import os
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import settings_keys as keys
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "..", "emulator", "mailops_emulator", "catalog.json")) as handle:
        catalog = json.load(handle)["settings_keys"]
    assert list(keys.DOMAIN_SETTINGS_KEYS) == sorted(set(k["key"].lower() for k in catalog["domain"]))
    assert list(keys.USER_SETTINGS_KEYS) == sorted(set(k["key"].lower() for k in catalog["user"]) - {"password"})

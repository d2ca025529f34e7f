from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import (
    Plan,
    as_set,
    changed_keys,
    diff,
    merge,
    plan_collection,
    values_equal,
)


def test_unset_options_are_not_managed():
    assert changed_keys({"a": 1, "b": 2}, {"a": None, "b": 2}) == []
    assert changed_keys({"a": 1}, {"a": 2}) == ["a"]


def test_lists_compare_as_sets_when_unordered():
    assert values_equal(["B@x.com", "a@x.com"], ["a@x.com", "b@x.com"], unordered=True)
    assert not values_equal(["a@x.com"], ["a@x.com", "b@x.com"], unordered=True)
    assert not values_equal(["b", "a"], ["a", "b"])
    assert as_set([" A@X.com ", "", None]) == frozenset(["a@x.com"])


def test_scalars_compare_by_value():
    assert values_equal(True, "True")
    assert not values_equal(False, "true")
    assert values_equal(25, "25")
    assert not values_equal("x", 1)
    assert values_equal({"a": 1, "b": 2}, {"a": 1})


def test_merge_applies_only_set_values():
    assert merge({"a": 1, "b": {"c": 1, "d": 2}}, {"a": None, "b": {"c": 3}}) == {"a": 1, "b": {"c": 3, "d": 2}}


def test_plan_collection():
    current = {"a": [1], "b": [2], "keep": [3], "gone": [4]}
    desired = {"a": [1], "b": [9], "new": [5]}
    assert plan_collection(current, desired) == (["new"], ["b"], [])
    assert plan_collection(current, desired, purge=True, keep=["keep"]) == (["new"], ["b"], ["gone"])


def test_plan_skips_writes_in_check_mode():
    calls = []
    plan = Plan(check_mode=True)
    plan.add("write one", lambda: calls.append(1))
    plan.apply()
    assert plan.changed and calls == [] and plan.applied == []
    plan = Plan(check_mode=False)
    plan.add("write one", lambda: calls.append(1))
    plan.add("write two", lambda: calls.append(2))
    plan.apply()
    assert calls == [1, 2] and plan.applied == ["write one", "write two"]


def test_plan_records_what_was_applied_before_a_failure():
    plan = Plan()

    def boom():
        raise RuntimeError("server said no")

    plan.add("first", lambda: None)
    plan.add("second", boom)
    plan.add("third", lambda: None)
    try:
        plan.apply()
    except RuntimeError:
        pass
    assert plan.applied == ["first"]


def test_diff_never_none():
    assert diff(None, {"a": 1}) == {"before": {}, "after": {"a": 1}}

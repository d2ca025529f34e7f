# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of Plesk's spam filter: current state + params in, the exact writes out (no server, no AnsibleModule)."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import PleskError
from ansible_collections.mailops.smartermail.plugins.module_utils._plesk.spamfilter import (
    SETTING_OPTIONS,
    SpamFilterInfoResource,
    SpamFilterResource,
)

BASE = dict(dict((option, None) for option in SETTING_OPTIONS), name=None, mailboxes=None, purge=False)

CURRENT = {
    "admin": {"name": "admin", "enabled": True, "personal": True, "max_children": 5,
              "use_server_wide_settings": True, "required_score": 7.0, "rewrite_header": "*****SPAM*****",
              "black_list": ["*@Spam.test"], "white_list": []},
    "a@x.test": {"name": "a@x.test", "enabled": False, "use_server_wide_settings": True, "required_score": 7.0,
                 "rewrite_header": "", "action": "mark", "black_list": [], "white_list": ["Keep@y.test", "old@y.test"]},
    "b@x.test": {"name": "b@x.test", "enabled": False, "required_score": 7.0, "action": "mark"},
    "c@x.test": {"name": "c@x.test", "enabled": False, "required_score": 7.0, "action": "mark"},
}


def box(name, **options):
    entry = dict((option, None) for option in SETTING_OPTIONS)
    entry.update(name=name, purge=None)
    entry.update(options)
    return entry


def plan(params, current=None):
    resource = SpamFilterResource(dict(BASE, **params))
    entries = engine.validate(resource)
    current = dict((k, dict(v)) for k, v in (current or CURRENT).items())
    out = engine.plan(resource, entries, current)
    return [(w.phase, w.operation, w.params) for w in out.plan.writes], out, resource


def test_single_set_then_patterns_and_no_op():
    writes, out, res = plan({"name": "A@x.test", "enabled": True, "required_score": 5.0,
                             "black_list": ["*@Bulk.test", "*@bulk.TEST"]})
    assert writes == [
        ("set", "set", {"usernames": ["a@x.test"], "preferences": {"required-score": "5"}, "enabled": True}),
        ("pattern", "add_patterns", {"username": "a@x.test", "list_name": "black", "patterns": ["*@Bulk.test"]}),
    ]
    assert out.plan.descriptions() == ["set spam filter of a@x.test: enable, required-score=5",
                                       "add to the black list of a@x.test: *@Bulk.test"]
    result = res.result(out)
    assert result["spamfilter"]["black_list"] == ["*@bulk.test"]
    assert result["diff"]["before"]["enabled"] is False and result["diff"]["after"]["enabled"] is True
    assert result["diff"]["after"]["white_list"] == ["keep@y.test", "old@y.test"]
    same, out, dummy = plan({"name": "a@x.test", "enabled": False, "required_score": 7, "action": "mark",
                             "rewrite_header": "", "white_list": ["OLD@y.test"]})
    assert same == [] and not out.plan


def test_purge_is_per_list_and_per_entry_and_never_removes_a_filter():
    writes, out, dummy = plan({"name": "a@x.test", "white_list": ["keep@y.test", "new@y.test"], "purge": True})
    assert writes == [
        ("pattern", "add_patterns", {"username": "a@x.test", "list_name": "white", "patterns": ["new@y.test"]}),
        ("pattern", "del_patterns", {"username": "a@x.test", "list_name": "white", "patterns": ["old@y.test"]}),
    ]
    # the lists not given are untouched even with purge; the filters not listed are not removed
    writes, out, dummy = plan({"mailboxes": [box("admin", white_list=[]), box("a@x.test", white_list=[], purge=False)],
                               "purge": True})
    assert writes == []
    assert set(out.after) == set(CURRENT)
    writes, dummy, dummy = plan({"mailboxes": [box("a@x.test", white_list=[], purge=True)]})
    assert writes == [("pattern", "del_patterns", {"username": "a@x.test", "list_name": "white",
                                                   "patterns": ["Keep@y.test", "old@y.test"]})]


def test_collection_shares_one_set_keeps_entry_order_and_reports_updated():
    writes, out, res = plan({"mailboxes": [
        box("c@x.test", enabled=True, action="delete"), box("admin", max_children=2),
        box("b@x.test", enabled=True, action="delete", unblack_list=["*@t.test"]), box("a@x.test", action="mark")]})
    assert writes == [
        ("set", "set", {"usernames": ["c@x.test", "b@x.test"], "preferences": {"action": "delete"}, "enabled": True}),
        ("set", "set", {"usernames": ["admin"], "preferences": {"max-children-process": 2}, "enabled": None}),
        ("pattern", "add_patterns", {"username": "b@x.test", "list_name": "unblack", "patterns": ["*@t.test"]}),
    ]
    assert out.plan.descriptions()[0] == "set spam filter of c@x.test, b@x.test: enable, action=delete"
    result = res.result(out)
    assert [f["name"] for f in result["spamfilters"]] == ["c@x.test", "admin", "b@x.test", "a@x.test"]
    assert result["updated"] == ["c@x.test", "admin", "b@x.test"]
    assert result["diff"]["after"]["spamfilters"]["admin"]["max_children"] == 2
    assert result["diff"]["before"]["spamfilters"]["admin"]["max_children"] == 5
    assert "created" not in result and "removed" not in result


def test_input_errors_before_any_call():
    with pytest.raises(engine.InputError) as err:
        plan({"mailboxes": [box("admin", action="move"), box("Admin"), box("not-an-address"),
                            box("a@x.test", personal=True, black_list=["plain"])]})
    text = str(err.value)
    assert "action can only be set for a mailbox, not server-wide (admin)" in text
    assert "admin is listed more than once" in text
    assert "not-an-address" in text
    assert "personal can only be set server-wide (name: admin), not for mailbox a@x.test" in text
    assert "pattern 'plain' of black_list of a@x.test" in text


def test_an_empty_mailboxes_list_manages_nothing_and_reads_nothing():
    # an empty inventory variable must not fail a play: nothing to manage, no call
    result, calls = run({"mailboxes": []}, False)
    assert calls == [] and result["changed"] is False and result["spamfilters"] == []
    result, calls = run({"mailboxes": [], "purge": True}, False)
    assert calls == [] and result["changed"] is False


def test_a_filter_that_does_not_exist_is_a_plan_error():
    with pytest.raises(engine.PlanError, match="there is no spam filter nobody@x.test"):
        plan({"name": "nobody@x.test", "enabled": True})


def test_status_not_reported_is_not_shown_as_null():
    """The result holds only what was read or written: no ``enabled: None`` when the server said nothing."""
    current = {"a@x.test": {"name": "a@x.test", "required_score": 7.0}}
    writes, out, res = plan({"name": "a@x.test", "required_score": 7.0}, current)
    assert writes == []
    assert res.result(out)["spamfilter"] == {"name": "a@x.test", "required_score": 7.0}


class FakeClient:
    """Answers like PleskClient; records every call."""

    host = "plesk.fake.test:8443"

    def __init__(self, state, patterns=None):
        self.state = state
        self.patterns = patterns or {}
        self.calls = []

    def get(self, usernames):
        self.calls.append(("get", list(usernames)))
        return dict((n, self.state[n]) for n in usernames if n in self.state)

    def get_patterns(self, usernames, list_name):
        self.calls.append(("get_patterns", list(usernames), list_name))
        return dict((n, list(self.patterns.get((n, list_name), []))) for n in usernames)

    def set(self, usernames, preferences=None, enabled=None):
        self.calls.append(("set", list(usernames), preferences, enabled))

    def add_patterns(self, username, list_name, patterns):
        self.calls.append(("add_patterns", username, list_name, patterns))

    def del_patterns(self, username, list_name, patterns):
        self.calls.append(("del_patterns", username, list_name, patterns))


STATE = {"a@x.test": {"enabled": False, "preferences": {"required-score": "7", "action": "mark"}},
         "admin": {"enabled": True, "preferences": {"personal": True, "max-children-process": 5}}}


def run(params, check_mode):
    client = FakeClient(STATE, {("a@x.test", "black"): ["x@Y.test"]})
    result = engine.run(SpamFilterResource(dict(BASE, **params)), client, check_mode=check_mode, diff_mode=True)
    return result, client.calls


def test_check_mode_reads_and_writes_nothing():
    params = {"name": "a@x.test", "enabled": True, "black_list": ["n@y.test"]}
    checked, calls = run(params, True)
    assert calls == [("get", ["a@x.test"]), ("get_patterns", ["a@x.test"], "black")]
    assert checked["changed"] and checked["changes"] == ["set spam filter of a@x.test: enable",
                                                         "add to the black list of a@x.test: n@y.test"]
    real, calls = run(params, False)
    assert calls[2:] == [("set", ["a@x.test"], {}, True), ("add_patterns", "a@x.test", "black", ["n@y.test"])]
    assert real["spamfilter"] == checked["spamfilter"] == {
        "name": "a@x.test", "enabled": True, "required_score": 7.0, "action": "mark",
        "black_list": ["n@y.test", "x@y.test"]}
    assert "diff" in real


def test_missing_answer_is_a_plesk_error_not_a_private_call():
    client = FakeClient({})
    with pytest.raises(PleskError, match="spamfilter.get for a@x.test failed: the server's answer has no result"):
        engine.run(SpamFilterResource(dict(BASE, name="a@x.test", enabled=True)), client)


def test_info_reads_lists_per_scope_in_one_packet_each():
    client = FakeClient(STATE, {("admin", "white"): ["W@y.test"]})
    resource = SpamFilterInfoResource({"names": ["admin", "A@x.test", "admin"], "lists": ["white", "unwhite"]})
    result = engine.run(resource, client)
    assert client.calls == [("get", ["admin", "a@x.test"]), ("get_patterns", ["admin", "a@x.test"], "white"),
                            ("get_patterns", ["a@x.test"], "unwhite")]
    assert result == {"changed": False, "spamfilters": [
        {"name": "admin", "enabled": True, "personal": True, "max_children": 5, "white_list": ["w@y.test"]},
        {"name": "a@x.test", "enabled": False, "required_score": 7.0, "action": "mark", "white_list": [],
         "unwhite_list": []}]}
    client = FakeClient(STATE)
    assert engine.run(SpamFilterInfoResource({"names": [], "lists": []}), client) == {
        "changed": False, "spamfilters": []}
    assert client.calls == []

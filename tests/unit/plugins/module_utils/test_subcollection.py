# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The engine's sub-collections (members of one object with their own purge and keep), without a server,
and the resources that use them: an invalid keep entry is an input error before any call, a purge never
removes what keep names."""
import copy

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.subcollection import (
    MemberSet,
    NamedValues,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import address_key, email_error
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.mailing_list import (
    MailingListResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_group import UserGroupResource


def address(value, what):
    error = email_error(value, what)
    return (None, error) if error else (address_key(value), None)


ADDRESSES = MemberSet(address)


def test_members_and_keep_are_checked_and_normalised_by_one_function():
    assert ADDRESSES.keys(["B@X.test", " b@x.test ", "a@x.test", None], "subscriber") == (["a@x.test", "b@x.test"], [])
    assert ADDRESSES.keys(None, "subscriber") == (None, [])
    keys, errors = ADDRESSES.keep(["ok@x.test", "not an address"], "keep entry")
    assert keys == ["ok@x.test"]
    assert errors == ["keep entry 'not an address' must have the form name@example.com"]
    assert ADDRESSES.keep(None, "keep entry") == ([], [])


def test_member_set_adds_without_purge_and_purges_all_but_keep():
    now = ["a@x.test", "b@x.test", "k@x.test"]
    # without purge: only additions
    assert ADDRESSES.difference(now, ["c@x.test"], purge=False, keep=["b@x.test"]) == (
        ["a@x.test", "b@x.test", "c@x.test", "k@x.test"], ["c@x.test"], [])
    # with purge: what is not listed goes, except what keep names
    assert ADDRESSES.difference(now, ["c@x.test"], purge=True, keep=["k@x.test", "absent@x.test"]) == (
        ["c@x.test", "k@x.test"], ["c@x.test"], ["a@x.test", "b@x.test"])
    # an exact set is a purge without keep; nothing to do when it matches
    assert ADDRESSES.difference(["a@x.test"], ["a@x.test"], purge=True) == (["a@x.test"], [], [])
    assert ADDRESSES.difference(None, [], purge=True) == ([], [], [])


def test_named_values_keep_the_server_spelling_and_purge_all_but_keep():
    fields = NamedValues(lambda value, what: (value.lower(), None))
    now = {"City": "", "Zip": "1", "Old": "x", "Kept": "y"}
    actions, after = fields.changes(now, [("city", "Bonn", "present"), ("ZIP", "1", "present"),
                                          ("Country", "", "present"), ("old", "", "absent"),
                                          ("gone", "", "absent")])
    assert actions == [("update", "City", "Bonn"), ("add", "Country", ""), ("remove", "Old", None)]
    assert after == {"City": "Bonn", "Zip": "1", "Country": "", "Kept": "y"}
    actions, after = fields.changes(now, [("city", "", "present")], purge=True, keep=["kept"])
    assert actions == [("remove", "Old", None), ("remove", "Zip", None)]
    assert after == {"City": "", "Kept": "y"}


def validated(resource_class, **values):
    values.setdefault("domain", "ex.test")
    result = ArgumentSpecValidator(**resource_class.argument_spec.to_kwargs()).validate(values)
    assert not result.error_messages, result.error_messages
    return resource_class(result.validated_parameters)


@pytest.mark.parametrize("values, message", [
    (dict(name="news", subscribers=["a@ex.test"], purge=True, keep=["nobody"]),
     "keep entry of mailing list news 'nobody' must have the form name@example.com"),
    (dict(lists=[{"name": "news", "poster_whitelist": [], "purge": True, "keep": ["x@"]}]),
     "keep entry of mailing list news 'x@' must have the form name@example.com"),
])
def test_an_invalid_keep_entry_of_an_address_set_fails_before_any_call(values, message):
    resource = validated(MailingListResource, **values)
    with pytest.raises(engine.InputError) as caught:
        engine.validate(resource)
    assert message in caught.value.errors


def test_a_purged_address_set_keeps_what_keep_names():
    current = {"news": {"name": "news", "moderator": "alice", "subscribers": ["a@x.test", "k@x.test"],
                        "poster_killlist": ["p@x.test", "q@x.test", "r@x.test"]}}
    resource = validated(MailingListResource, name="news", subscribers=[], poster_killlist=["Q@x.test"], purge=True,
                         keep=["K@X.test", "P@x.test"])
    out = engine.plan(resource, engine.validate(resource), copy.deepcopy(current), {})
    assert [(w.operation, w.params.get("Subscriber"), w.params.get("Subscribers")) for w in out.plan.writes] == [
        ("RemoveSubscriber", "a@x.test", None), ("SetPosterKillList", None, ["p@x.test", "q@x.test"])]
    assert out.after["news"]["subscribers"] == ["k@x.test"]


def test_a_group_has_exactly_its_members():
    current = {"sales": {"name": "Sales", "members": ["alice", "bob"], "id": 1}}
    resource = validated(UserGroupResource, name="Sales", members=["Carol", "alice@ex.test"])
    out = engine.plan(resource, engine.validate(resource), copy.deepcopy(current), {})
    assert out.after["sales"]["members"] == ["alice", "carol"]
    assert [w.params["UserNames"] for w in out.plan.writes] == [["alice", "carol"]]
    resource = validated(UserGroupResource, name="Sales", members=["bob@other.test", "al ice"])
    with pytest.raises(engine.InputError) as caught:
        engine.validate(resource)
    assert caught.value.errors == ["member 'bob@other.test' of user group Sales is not a user name of ex.test",
                                   "member 'al ice' of user group Sales is not a user name of ex.test"]

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of mailing lists: current state + options in, the exact writes out (no server)."""
import copy

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user import mailing_list as ml
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.mailing_list import (
    MailingListResource,
)


def params(**values):
    values.setdefault("domain", "ex.test")
    result = ArgumentSpecValidator(**MailingListResource.argument_spec.to_kwargs()).validate(values)
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def settings(**extra):
    obj = {"name": "news"}
    for option, key, kind in ml.SETTINGS:
        obj[option] = {"bool": False, "int": 0}.get(kind, "")
    obj.update(moderator="alice", who_can_post="anyone", send_subscribe=True)
    obj.update(extra)
    return obj


CURRENT = {"news": settings(subscribers=["a@x.test", "b@x.test"], digest_subscribers=[], poster_whitelist=[],
                            poster_killlist=["spam@x.test"]),
           "old": settings(name="old")}


def plan(current=None, context=None, **values):
    resource = MailingListResource(params(**values))
    entries = engine.validate(resource)
    out = engine.plan(resource, entries, copy.deepcopy(CURRENT if current is None else current), context or {})
    return [(w.operation, w.params) for w in out.plan.writes], out


def ops(writes):
    return [w[0] for w in writes]


def test_create_with_settings_and_subscribers():
    writes, out = plan(name="New@EX.test", moderator="Alice", description="Our news", who_can_post="subscribersonly",
                       max_message_size_kb=500, list_password="List-Pw-1", subscribers=["Z@x.test", "y@x.test"])
    assert writes == [
        ("AddList", {"DomainName": "ex.test", "ListName": "new", "Moderator": "alice", "Description": "Our news"}),
        ("SetRequestedListSettings", {"DomainName": "ex.test", "ListName": "new", "newSettings": [
            "maxmessagesize=500", "password=List-Pw-1", "whocanpost=subscribersonly"]}),
        ("AddSubscriber2", {"DomainName": "ex.test", "ListName": "new", "Subscribers": ["y@x.test", "z@x.test"]}),
    ]
    assert out.plan.descriptions()[1] == "set settings maxmessagesize, password, whocanpost of mailing list new@ex.test"


def test_unchanged_in_any_spelling():
    writes, dummy = plan(name="news", moderator="ALICE", who_can_post="anyone", send_subscribe=True,
                         subscribers=["A@X.test"], settings={"Disabled": "no", "maxmessagesize": "0"})
    assert writes == []


def test_settings_dict_and_typed_options_write_once():
    writes, dummy = plan(name="news", disabled=True, settings={"enablefooter": "yes", "listtoaddress": "L@x.test"})
    assert writes == [("SetRequestedListSettings", {"DomainName": "ex.test", "ListName": "news", "newSettings": [
        "disabled=True", "enablefooter=True", "listtoaddress=l@x.test"]})]


def test_sets_add_only_without_purge():
    writes, out = plan(name="news", subscribers=["c@x.test"], poster_killlist=["more@x.test"])
    assert writes == [
        ("AddSubscriber", {"DomainName": "ex.test", "ListName": "news", "Subscriber": "c@x.test"}),
        ("SetPosterKillList", {"DomainName": "ex.test", "ListName": "news",
                               "Subscribers": ["more@x.test", "spam@x.test"]}),
    ]
    assert out.after["news"]["subscribers"] == ["a@x.test", "b@x.test", "c@x.test"]


def test_purge_removes_unlisted_except_keep():
    writes, out = plan(name="news", subscribers=["c@x.test"], purge=True, keep=["B@x.test"])
    assert writes == [
        ("AddSubscriber", {"DomainName": "ex.test", "ListName": "news", "Subscriber": "c@x.test"}),
        ("RemoveSubscriber", {"DomainName": "ex.test", "ListName": "news", "Subscriber": "a@x.test"}),
    ]
    assert out.after["news"]["subscribers"] == ["b@x.test", "c@x.test"]


def test_large_difference_is_one_whole_list_write_with_refresh():
    big = ["u%05d@x.test" % i for i in range(10000)]
    current = {"news": settings(subscribers=big[:9000] + ["gone%d@x.test" % i for i in range(20)],
                                digest_subscribers=[])}
    resource = MailingListResource(params(name="news", subscribers=big, digest_subscribers=big[:3], purge=True))
    out = engine.plan(resource, engine.validate(resource), current, {})
    writes = out.plan.writes
    assert [w.operation for w in writes] == ["SetSubscriberList2"] + ["AddDigestSubscriber"] * 3
    assert writes[0].params["Subscribers"] == sorted(big)
    assert writes[0].refresh is not None
    assert writes[0].description == "set subscribers of mailing list news@ex.test (add 1000, remove 20)"

    class Fresh:  # another writer subscribed late@x.test and removed u00000 since the first read
        def call(self, service, operation, **p):
            assert operation in ("GetSubscriberList", "GetDigestSubscriberList")
            return {"Subscribers": big[1:9000] + ["late@x.test"] + ["gone%d@x.test" % i for i in range(20)]}

    # purge: the list becomes exactly what the task names, whatever happened meanwhile
    assert engine.refreshed(writes[0], Fresh()).params["Subscribers"] == sorted(big)
    # without purge: what another writer added meanwhile stays
    resource = MailingListResource(params(name="news", digest_subscribers=big[5000:]))
    writes = engine.plan(resource, engine.validate(resource), current, {}).plan.writes
    assert [w.operation for w in writes] == ["SetDigestSubscriberList2"]
    assert engine.refreshed(writes[0], Fresh()).params["Subscribers"] == sorted(
        set(big[1:]) | {"late@x.test"} | set("gone%d@x.test" % i for i in range(20)))


def test_small_difference_uses_single_calls():
    current = {"news": settings(subscribers=["u%d@x.test" % i for i in range(100)], digest_subscribers=[])}
    writes, dummy = plan(current, name="news", subscribers=["u%d@x.test" % i for i in range(2, 100)] + [
        "n1@x.test", "n2@x.test"], purge=True)
    assert ops(writes) == ["AddSubscriber2", "RemoveSubscriber", "RemoveSubscriber"]
    # more than SMALL single calls: one whole-list call
    writes, dummy = plan(current, name="news", subscribers=["u%d@x.test" % i for i in range(11, 100)], purge=True)
    assert ops(writes) == ["SetSubscriberList2"]


def test_remove_one_list_and_purge_all_lists():
    writes, dummy = plan(name="old", state="absent")
    assert writes == [("DeleteList", {"DomainName": "ex.test", "ListName": "old"})]
    writes, out = plan(lists=[], purge=True)
    assert writes == [("DeleteAllLists", {"DomainName": "ex.test"})]
    assert out.summary["removed"] == ["news", "old"]
    writes, dummy = plan(lists=[{"name": "news"}], purge=True)
    assert writes == [("DeleteList", {"DomainName": "ex.test", "ListName": "old"})]
    writes, dummy = plan(lists=[{"name": "x", "moderator": "alice"}], purge=True, keep=["old@ex.test"])
    assert ops(writes) == ["AddList", "DeleteList"]


def test_domain_options_command_address_fields_and_values():
    context = {"command_address": "listserv", "subscriber_fields": {"City": "", "Zip": "0"},
               "subscriber_values": {"a@x.test": {"City": "Bonn", "Zip": "0"}, "new@x.test": None}}
    writes, out = plan(context=context, lists=[], command_address="Stserv@ex.test",
                       subscriber_fields=[{"name": "city", "value": ""}, {"name": "Zip", "state": "absent"},
                                          {"name": "Country", "value": "DE"}],
                       subscriber_values=[{"address": "A@x.test", "fields": {"CITY": "Bonn", "country": "FR"}},
                                          {"address": "new@x.test", "fields": {"city": "Rom"}, "type": "digest"}])
    assert writes == [
        ("SetListCommandAddress", {"DomainName": "ex.test", "commandAddress": "stserv"}),
        ("DeleteDefaultSubscriberField", {"DomainName": "ex.test", "SubscriberFieldName": "Zip"}),
        ("AddDefaultSubscriberField", {"DomainName": "ex.test", "SubscriberFieldName": "Country",
                                       "SubscriberFieldValue": "DE"}),
        ("UpdateSubscriberField", {"DomainName": "ex.test", "SubscriberEmail": "a@x.test",
                                   "SubscriberFieldName": "Country", "SubscriberFieldValue": "FR",
                                   "SubscriberType": "all"}),
        ("UpdateSubscriberField", {"DomainName": "ex.test", "SubscriberEmail": "new@x.test",
                                   "SubscriberFieldName": "City", "SubscriberFieldValue": "Rom",
                                   "SubscriberType": "digest"}),
    ]
    result = MailingListResource(params(lists=[], command_address="stserv")).result(out)
    assert result["command_address"] == "stserv"
    assert result["diff"]["before"]["command_address"] == "listserv"


def test_unknown_subscriber_field_is_a_plan_error():
    context = {"subscriber_fields": {}, "subscriber_values": {"a@x.test": {}}}
    with pytest.raises(engine.PlanError, match="Nope .of a@x.test. are not default subscriber fields"):
        plan(context=context, lists=[], subscriber_values=[{"address": "a@x.test", "fields": {"Nope": "1"}}])


def test_create_needs_a_moderator():
    with pytest.raises(engine.PlanError, match="moderator is required to create mailing list new@ex.test"):
        plan(name="new")


@pytest.mark.parametrize("values, message", [
    (dict(name="bad name"), "mailing list name 'bad name' is not a valid"),
    (dict(name="x@other.test"), "mailing list 'x@other.test' belongs to another domain"),
    (dict(name="news", subscribers=["nope"]), "subscriber entry of mailing list news 'nope' must have the form"),
    (dict(name="news", poster_whitelist=["a@@x"]), "poster white list entry of mailing list news"),
    (dict(name="news", max_message_size_kb=-1), "max_message_size_kb of mailing list news must be a non-negative"),
    (dict(name="news", max_message_size_kb=2 ** 31), "must be at most 2147483647"),
    (dict(name="news", moderator="bob@other.test"), "moderator of mailing list news 'bob@other.test' must be a user"),
    (dict(name="news", list_to_address="x"), "list_to_address of mailing list news 'x' must have the form"),
    (dict(name="news", settings={"password": "S3cret-Value"}), "must not hold 'password': use the list_password option"),
    (dict(name="news", settings={"colour": "red"}), "key 'colour' is not a documented mailing list setting"),
    (dict(name="news", disabled=True, settings={"disabled": False}), "set the same setting: give one of them"),
    (dict(name="news", settings={"whocanpost": "all"}), "must be one of anyone, subscribersonly, moderatoronly"),
    (dict(name="news", settings={"maxmessagesize": "big"}), "'maxmessagesize' must be an integer"),
    (dict(name="news", settings={"disabled": "maybe"}), "'disabled' must be a boolean"),
    (dict(lists=[{"name": "a"}, {"name": "A@ex.test"}]), "mailing list 'a' is listed more than once"),
    (dict(lists=[], keep=["bad name"]), "keep entry 'bad name' cannot match any mailing_list"),
    (dict(lists=[], command_address="a b"), "command_address 'a b' must be a local part"),
    (dict(lists=[], subscriber_fields=[{"name": " x"}]), "subscriber_fields name ' x' must be a non-empty name"),
    (dict(lists=[], subscriber_fields=[{"name": "x", "value": "v" * 256}]), "must be at most 255 characters"),
    (dict(lists=[], subscriber_fields=[{"name": "x"}, {"name": "X"}]), "subscriber field 'X' is listed more"),
    (dict(lists=[], subscriber_values=[{"address": "x", "fields": {"a": "b"}}]), "subscriber_values address 'x'"),
    (dict(lists=[], subscriber_values=[{"address": "a@x.test", "fields": {"a=b": "c"}}]), "must not hold '='"),
])
def test_bad_input_fails_before_any_call(values, message):
    resource = MailingListResource(params(**values))
    with pytest.raises(engine.InputError) as info:
        engine.validate(resource)
    assert message in str(info.value)
    assert "S3cret-Value" not in str(info.value)


def test_password_is_never_shown():
    writes, out = plan(name="news", list_password="New-List-Pw")
    resource = MailingListResource(params(name="news", list_password="New-List-Pw"))
    # the password read differs: one write, and the result says only that it changed
    assert ops(writes) == ["SetRequestedListSettings"]
    result = resource.result(out)
    assert result["mailing_list"]["password"] == engine.CHANGED_SECRET
    assert result["diff"]["before"]["password"] == engine.HIDDEN
    assert "New-List-Pw" not in repr(result)


@pytest.mark.parametrize("offered, sent", [
    ({"SetSubscriberList2": {}, "AddList": {}}, "SetSubscriberList2"),
    ({"AddList": {}}, "SetSubscriberList"),
])
def test_whole_list_write_uses_the_deprecated_call_only_where_the_newer_is_missing(offered, sent):
    calls = []

    class Client:
        def signatures(self, service):
            return {"operations": offered}

        def write(self, service, operation, **p):
            calls.append(operation)

    resource = MailingListResource(params(name="news"))
    execute = resource.execute(Client())
    execute(engine.Write("update", "SetSubscriberList2", {}, "d", "news", ml.SERVICE))
    execute(engine.Write("create", "AddList", {}, "d", "news", ml.SERVICE))
    assert calls == [sent, "AddList"]


def test_a_password_under_settings_is_masked():
    assert MailingListResource.secret_values(params(name="news", settings={"Password": "S3cret-Value"})) == [
        "S3cret-Value"]
    assert MailingListResource.secret_values(params(lists=[{"name": "a", "settings": {"password": "P2"}}])) == ["P2"]

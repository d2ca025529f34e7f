# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The JSON adapters of user groups, DKIM and mailing lists: siblings of their SOAP adapters, their
writes planned from the table's JSON column, their refusals (no server)."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.dkim import (
    DkimResource,
    JsonDkim,
    SoapDkim,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.mailing_list import (
    JsonMailingLists,
    MailingListResource,
    SoapMailingLists,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.mailing_list_info import (
    JsonMailingListInfo,
    MailingListInfoResource,
    SoapMailingListInfo,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_group import (
    JsonUserGroups,
    SoapUserGroups,
    UserGroupResource,
)

GROUPS = {"domain": "ex.test", "name": None, "members": None, "rename_from": None, "state": "present",
          "groups": None}


def plan(resource, current):
    return engine.plan(resource, engine.validate(resource), current).plan.writes


@pytest.mark.parametrize("resource, soap, json", [
    (UserGroupResource, SoapUserGroups, JsonUserGroups),
    (DkimResource, SoapDkim, JsonDkim),
    (MailingListResource, SoapMailingLists, JsonMailingLists),
    (MailingListInfoResource, SoapMailingListInfo, JsonMailingListInfo),
])
def test_adapters_are_siblings(resource, soap, json):
    assert resource.adapters == {"soap": soap, "json": json}
    assert not issubclass(json, soap) and not issubclass(soap, json)
    assert not any(issubclass(a, resource) for a in resource.adapters.values())


def test_user_group_create_update_and_delete_are_planned_from_the_json_column():
    resource = UserGroupResource(dict(GROUPS, name="Sales", members=["Ann", "bob@ex.test"]), api="json")
    writes = plan(resource, {})
    assert [w.operation for w in writes] == ["POST settings/domain/user-group-put"]
    assert writes[0].params == {"path": "settings/domain/user-group-put", "scope": "ex.test", "body": {
        "userGroup": {"name": "Sales", "userNames": ["ann", "bob"], "enabled": True}}}
    current = {"sales": {"name": "Sales", "members": ["ann"], "id": 7}}
    writes = plan(UserGroupResource(dict(GROUPS, name="Sales", members=["cy"]), api="json"), current)
    assert [w.operation for w in writes] == ["POST settings/domain/user-group"]
    assert writes[0].params["body"] == {"userGroup": {"id": 7, "name": "Sales", "userNames": ["cy"]}}
    # the whole group goes: every field but the members is rebuilt from a fresh read by id
    assert writes[0].refresh.changed == (("body", "userGroup", "userNames"),)
    assert writes[0].refresh.target == "ex.test|group|7"
    writes = plan(UserGroupResource(dict(GROUPS, name="sales", state="absent"), api="json"), current)
    assert [(w.operation, w.params["body"]) for w in writes] == [
        ("POST settings/domain/remove-user-groups", {"iDs": [7]})]


def test_user_group_rename_keeps_the_id_and_sends_the_new_name():
    current = {"old": {"name": "Old", "members": ["ann"], "id": 3}}
    writes = plan(UserGroupResource(dict(GROUPS, name="New", rename_from="old"), api="json"), current)
    assert [w.operation for w in writes] == ["POST settings/domain/user-group"]
    assert writes[0].params["body"]["userGroup"]["id"] == 3 and writes[0].params["body"]["userGroup"]["name"] == "New"
    assert writes[0].refresh.changed == (("body", "userGroup", "name"),)


def test_user_group_json_read_takes_the_reference_fields():
    class Client:
        def get(self, path, scope):
            assert path == "settings/domain/all-user-groups" and scope == "ex.test"
            return {"userGroups": [{"id": 4, "name": " Sales ", "userNames": ["Ann", "bob@ex.test", "x@other.test"],
                                    "enabled": True}, "junk"]}
    resource = UserGroupResource(dict(GROUPS, name="Sales"), api="json")
    assert resource.adapter.read_all(Client(), []) == {"sales": {"name": "Sales", "members": ["ann", "bob"], "id": 4}}


DKIM = {"domain": "Ex.Test", "type": "dkim", "selector": None, "key_size": 2048, "rotate": False}


def test_dkim_generate_needs_no_selector_over_json_and_is_two_writes():
    writes = plan(DkimResource(dict(DKIM), api="json"), {})
    assert [(w.operation, w.params["scope"]) for w in writes] == [
        ("POST settings/domain/dkim-create-rollover/2048", "ex.test"),
        ("POST settings/domain/dkim-verify-rollover/true", "ex.test")]
    # over SOAP the selector is still needed
    with pytest.raises(engine.PlanError):
        plan(DkimResource(dict(DKIM), api="soap"), {})


def test_dkim_existing_key_is_kept_and_rotate_regenerates_it():
    current = {"ex.test": {"selector": "sm1", "public_key": "AAA"}}
    assert plan(DkimResource(dict(DKIM), api="json"), current) == []
    writes = plan(DkimResource(dict(DKIM, rotate=True, key_size=1024), api="json"), current)
    assert [w.operation for w in writes] == ["POST settings/domain/dkim-create-rollover/1024",
                                             "POST settings/domain/dkim-verify-rollover/true"]


@pytest.mark.parametrize("params, error", [
    ({"selector": "mail"}, "selector cannot be managed over the JSON API by smartermail_dkim: "
     "settings/domain/dkim-create-rollover/{keySize} takes the key size only and the server picks the selector "
     "(reference: CBX, ASTRAL); leave selector out over the JSON API; use api: soap"),
    ({"type": "domainkeys"}, "type: domainkeys cannot be managed over the JSON API by smartermail_dkim: the JSON "
     "API's signing-key endpoints (settings/domain/dkim-*, domainSettings.domainKeysSettings) serve DKIM only, no "
     "source shows one for DomainKeys; use api: soap"),
    ({"key_size": 1536}, "key_size 512, 768 or 1536 cannot be managed over the JSON API by smartermail_dkim: "
     "settings/domain/dkim-create-rollover/{keySize} takes 1024, 2048 or 4096 bits only (reference: CBX); use api: "
     "soap"),
])
def test_dkim_json_refusals_come_from_the_table(params, error):
    with pytest.raises(engine.InputError) as err:
        engine.validate(DkimResource(dict(DKIM, **params), api="json"))
    assert err.value.errors == [error]
    assert engine.validate(DkimResource(dict(DKIM, **params), api="soap"))


def test_dkim_json_read_keeps_only_the_key():
    class Client:
        def get(self, path, scope):
            assert (path, scope) == ("settings/domain/domain", "ex.test")
            return {"domainSettings": {"ldapPassword": "secret", "domainKeysSettings": {
                "selector": " sm1 ", "publicKey": "AAA", "pending": None}}}
    resource = DkimResource(dict(DKIM), api="json")
    entries = engine.validate(resource)
    assert resource.adapter.read_all(Client(), entries) == {"ex.test": {"selector": "sm1", "public_key": "AAA"}}

    class Empty:
        def get(self, path, scope):
            return {"domainSettings": {"domainKeysSettings": {"selector": "", "publicKey": ""}}}
    assert resource.adapter.read_all(Empty(), entries) == {}


LIST = dict((o, None) for o in MailingListResource.argument_spec.argument_spec)
LIST.update(domain="ex.test", state="present", purge=False, keep=[])


def mailing_list(api="json", **params):
    resource = MailingListResource(dict(LIST, **params), api=api)
    return resource


def test_mailing_list_create_is_one_add_then_settings_and_sets_by_an_id_looked_up():
    resource = mailing_list(name="news", moderator="ann", who_can_post="moderatoronly", disabled=True,
                            list_password="Pw-1", subscribers=["B@x.test", "a@x.test"])
    writes = plan(resource, {})
    assert [w.operation for w in writes] == [
        "POST settings/domain/mailing-lists/add", "POST settings/domain/mailing-lists/{id}/settings",
        "POST settings/domain/mailing-lists/{id}/subscriber-add"]
    assert writes[0].params["body"] == {"listAddress": "news", "moderatorAddress": "ann@ex.test",
                                        "postingPermissions": 2, "password": "Pw-1"}
    # disabled is not in the add body of the reference: it follows, on the whole settings object
    assert writes[1].params["body"] == {"disabled": True}
    assert writes[1].refresh.changed == (("body", "disabled"),)
    assert writes[2].params["body"] == ["a@x.test", "b@x.test"] and writes[2].refresh.changed == ()

    class Client:
        def get(self, path, scope):
            if path.endswith("/list"):
                return {"items": [{"id": 9, "listAddress": "news"}]}
            assert path == "settings/domain/mailing-lists/9/settings"
            return {"item": {"id": 9, "disabled": False, "description": "kept"}}
    fresh = engine.refreshed(writes[1], Client())
    assert fresh.params["path"] == "settings/domain/mailing-lists/9/settings"
    assert fresh.params["body"] == {"id": 9, "disabled": True, "description": "kept"}
    assert engine.refreshed(writes[2], Client()).params == dict(writes[2].params,
                                                                path="settings/domain/mailing-lists/9/subscriber-add")


def test_mailing_list_update_and_sets_use_the_id_read():
    resource = mailing_list(name="news", description="Daily", digest_subscribers=["d@x.test"], purge=True)
    resource.adapter.ids = {"news": 4}
    current = {"news": {"name": "news", "description": "Old", "moderator": "ann", "digest_subscribers": ["e@x.test"]}}
    writes = plan(resource, current)
    assert [(w.operation, w.params["body"]) for w in writes] == [
        ("POST settings/domain/mailing-lists/4/settings", {"description": "Daily"}),
        ("POST settings/domain/mailing-lists/4/digest-subscriber-add", ["d@x.test"]),
        ("POST settings/domain/mailing-lists/4/digest-subscriber-remove", ["e@x.test"])]
    assert writes[0].refresh.changed == (("body", "description"),)


def test_mailing_list_removals_are_one_bulk_delete():
    resource = mailing_list(lists=[], purge=True)
    resource.adapter.ids = {"a": 1, "b": 2}
    writes = plan(resource, {"a": {"name": "a"}, "b": {"name": "b"}})
    assert [(w.operation, w.params["body"]) for w in writes] == [
        ("POST settings/domain/mailing-lists/delete-bulk", {"ints": [1, 2]})]


@pytest.mark.parametrize("params, option", [
    ({"name": "news", "max_message_size_kb": 5}, "max_message_size_kb"),
    ({"name": "news", "reply_to_list": True}, "reply_to_list"),
    ({"name": "news", "command_address": "listserv"}, "command_address"),
    ({"name": "news", "subscriber_values": [{"address": "a@x.test", "fields": {"f": "v"}}]}, "subscriber_values"),
])
def test_mailing_list_json_refusals_come_from_the_table(params, option):
    with pytest.raises(engine.InputError) as err:
        engine.validate(mailing_list(**params))
    assert len(err.value.errors) == 1 and err.value.errors[0].startswith(
        "%s cannot be managed over the JSON API by " % option)
    assert engine.validate(mailing_list(api="soap", **params))


def test_mailing_list_json_read_types_the_fields():
    resource = mailing_list(name="news", list_password="x", subscribers=["a@x.test"])
    resource.adapter.ids = {"news": 3}
    pages = {"n": 0}

    class Client:
        def get(self, path, scope):
            assert path == "settings/domain/mailing-lists/3/settings"
            return {"item": {"moderatorAddress": "Ann@ex.test", "postingPermissions": 1, "disabled": True,
                             "listReplyToAddress": "R@x.test", "password": "secret-pw", "maxMessageSize": 9}}

        def post(self, path, body, scope, read):
            assert read and path == "settings/domain/mailing-lists/3/subscriber-search" and body["subscriberType"] == 0
            pages["n"] += 1
            if body["skip"] == 0:
                return {"items": [{"emailAddress": "Z%d@x.test" % i} for i in range(200)]}
            return {"items": [{"emailAddress": "a@x.test"}]}

        def add_secret(self, value):
            assert value == "secret-pw"
    obj = resource.adapter.read_list(Client(), engine.validate(resource)[0])
    assert obj["moderator"] == "ann" and obj["who_can_post"] == "subscribersonly" and obj["disabled"] is True
    assert obj["list_reply_to_address"] == "r@x.test" and obj["password"] == "secret-pw"
    assert "max_message_size_kb" not in obj and len(obj["subscribers"]) == 201 and pages["n"] == 2

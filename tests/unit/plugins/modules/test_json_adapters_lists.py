# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""User groups, DKIM and mailing lists over the JSON API (api: json) against the in-process emulator:
the ladders (check mode, real, unchanged, check unchanged; 0 writes in check mode), what SOAP reads
back, and the refusals before any call."""
import pytest
from test_json_adapters import json_ops as json_writes
from test_json_adapters import ladder as json_ladder

from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_dkim,
    smartermail_domain,
    smartermail_mailing_list,
    smartermail_mailing_list_info,
    smartermail_user,
    smartermail_user_group,
)

JSON = {"api": "json"}
DOMAIN = dict(JSON, name="unit.test", primary_admin="postmaster", primary_admin_password="Pm-Unit-1")


def ladder(server, run_module, module, args):
    """The ladder of test_json_adapters (check -> real -> again -> again in check: 0 writes in check mode
    and after), diff on: (check result, real result, the endpoints written)."""
    check, real = json_ladder(server, run_module, module, args)
    assert check["diff"]["before"] != check["diff"]["after"], check
    return check, real, json_writes(server)


@pytest.fixture()
def domain(server, run_module):
    assert run_module(smartermail_domain, DOMAIN)["changed"]
    users = [{"name": n, "password": "Pw-%s-12345" % n.title()} for n in ("ann", "bob", "cy")]
    assert run_module(smartermail_user, dict(JSON, domain="unit.test", users=users, update_password="on_create"))[
        "changed"]
    return "unit.test"


def soap_groups(server):
    groups = server.state()["domains"]["unit.test"].get("user_groups") or {}
    return dict((g["name"], sorted(g["members"])) for g in groups.values())


def test_user_group_ladder_update_rename_and_delete(server, run_module, domain):
    args = dict(JSON, domain=domain, groups=[{"name": "Sales", "members": ["ann", "bob@unit.test"]},
                                             {"name": "Ops"}])
    check, real, written = ladder(server, run_module, smartermail_user_group, args)
    assert written == ["json:POST settings/domain/user-group-put"]
    assert soap_groups(server) == {"Sales": ["ann", "bob"], "Ops": []}
    # SOAP reads what the JSON API wrote
    soap = run_module(smartermail_user_group, dict(domain=domain, name="Sales", members=["bob", "ann"]))
    assert soap["api"] == "soap" and not soap["changed"]
    server.emulator.counters.reset()
    renamed = run_module(smartermail_user_group, dict(JSON, domain=domain, name="Team", rename_from="Sales",
                                                      members=["cy"]))
    assert renamed["changed"] and json_writes(server) == ["json:POST settings/domain/user-group"]
    assert soap_groups(server) == {"Team": ["cy"], "Ops": []}
    gone = run_module(smartermail_user_group, dict(JSON, domain=domain, name="ops", state="absent"))
    assert gone["changed"] and soap_groups(server) == {"Team": ["cy"]}


def test_user_group_unknown_member_fails_before_any_write(server, run_module, domain):
    server.emulator.counters.reset()
    result = run_module(smartermail_user_group, dict(JSON, domain=domain, name="Sales", members=["nobody"]))
    assert result["failed"] and "nobody" in result["msg"] and "not a user of unit.test" in result["msg"]
    assert server.writes() == 0


def test_dkim_ladder_soap_reads_it_and_rotate(server, run_module, domain):
    args = dict(JSON, domain=domain, key_size=1024)
    check, real, written = ladder(server, run_module, smartermail_dkim, args)
    assert written == ["json:POST settings/domain/dkim-create-rollover/{size}",
                       "json:POST settings/domain/dkim-verify-rollover/{force}"]
    key = real["signing_key"]
    stored = server.state()["domains"]["unit.test"]["dkim"]
    assert key["public_key"] == stored["public_key"] and key["selector"] == stored["selector"]
    assert real["dns_record"]["name"] == "%s._domainkey.unit.test" % stored["selector"]
    assert "PRIVATE" not in str(real) and stored["private_key"] not in str(real)
    # SOAP reads the key the JSON API made (and keeps it)
    soap = run_module(smartermail_dkim, dict(domain=domain, selector=stored["selector"]))
    assert soap["api"] == "soap" and not soap["changed"] and soap["signing_key"]["public_key"] == key["public_key"]
    rotated = run_module(smartermail_dkim, dict(JSON, domain=domain, rotate=True))
    assert rotated["changed"] and rotated["signing_key"]["public_key"] != key["public_key"]
    assert rotated["signing_key"]["public_key"] == server.state()["domains"]["unit.test"]["dkim"]["public_key"]


@pytest.mark.parametrize("args,word", [
    ({"selector": "mail"}, "selector cannot be managed over the JSON API"),
    ({"type": "domainkeys"}, "type: domainkeys cannot be managed over the JSON API"),
    ({"key_size": 512}, "key_size 512, 768 or 1536 cannot be managed over the JSON API"),
])
def test_dkim_options_without_json_endpoint_fail_before_any_call(server, run_module, args, word):
    result = run_module(smartermail_dkim, dict(JSON, domain="unit.test", **args))
    assert result["failed"] and word in result["msg"] and "use api: soap" in result["msg"], result
    assert server.requests == []


def soap_list(server, name):
    return server.state()["domains"]["unit.test"]["mailing_lists"][name]


def test_mailing_list_ladder_sets_settings_and_soap_reads_it(server, run_module, domain):
    args = dict(JSON, domain=domain, lists=[
        {"name": "news", "moderator": "ann", "description": "News", "who_can_post": "moderatoronly",
         "disabled": True, "subject": "[n]", "prepend_subject": True, "password": "List-Pw-1",
         "subscribers": ["A@x.test", "b@x.test"], "digest_subscribers": ["d@x.test"],
         "poster_whitelist": ["p@x.test"], "poster_killlist": ["k@x.test"]},
        {"name": "talk", "moderator": "bob@unit.test", "list_reply_to_address": "Reply@x.test"}])
    check, real, written = ladder(server, run_module, smartermail_mailing_list, args)
    assert written == sorted([
        "json:POST settings/domain/mailing-lists/add", "json:POST settings/domain/mailing-lists/{list_id}/settings",
        "json:POST settings/domain/mailing-lists/{list_id}/{which}-{action}"])
    assert "List-Pw-1" not in str(real) and "List-Pw-1" not in str(check)
    news = soap_list(server, "news")
    assert news["settings"]["moderator"] == "ann" and news["settings"]["whocanpost"] == "moderatoronly"
    assert news["settings"]["disabled"] is True and news["settings"]["password"] == "List-Pw-1"
    assert sorted(a.lower() for a in news["subscribers"]) == ["a@x.test", "b@x.test"]
    assert (news["digest_subscribers"], news["poster_whitelist"], news["poster_killlist"]) == (
        ["d@x.test"], ["p@x.test"], ["k@x.test"])
    assert soap_list(server, "talk")["settings"]["listreplytoaddress"] == "reply@x.test"
    # SOAP reads what the JSON API wrote
    soap = run_module(smartermail_mailing_list, dict(domain=domain, name="news", moderator="ann", disabled=True,
                                                     subscribers=["a@x.test"], who_can_post="moderatoronly"))
    assert soap["api"] == "soap" and not soap["changed"], soap
    # an update: one settings write (the whole object, rebuilt from a fresh read), one add, one remove
    server.emulator.counters.reset()
    updated = run_module(smartermail_mailing_list, dict(JSON, domain=domain, name="news", description="Daily",
                                                        subscribers=["c@x.test", "a@x.test"], purge=True))
    assert updated["changed"] and server.counters()["operations"][
        "json:POST settings/domain/mailing-lists/{list_id}/{which}-{action}"]["writes"] == 2
    news = soap_list(server, "news")
    assert news["settings"]["description"] == "Daily" and news["settings"]["disabled"] is True
    assert sorted(a.lower() for a in news["subscribers"]) == ["a@x.test", "c@x.test"]
    gone = run_module(smartermail_mailing_list, dict(JSON, domain=domain, lists=[], purge=True))
    assert gone["changed"] and server.state()["domains"]["unit.test"]["mailing_lists"] == {}
    assert "json:POST settings/domain/mailing-lists/delete-bulk" in json_writes(server)


def test_mailing_list_new_moderator_must_be_a_user(server, run_module, domain):
    server.emulator.counters.reset()
    result = run_module(smartermail_mailing_list, dict(JSON, domain=domain, name="news", moderator="nobody"))
    assert result["failed"] and "moderator nobody" in result["msg"] and server.writes() == 0


@pytest.mark.parametrize("args,word", [
    ({"max_message_size_kb": 10}, "max_message_size_kb"),
    ({"enable_header": True}, "enable_header"),
    ({"settings": {"replytolist": True}}, "settings"),
    ({"command_address": "listserv"}, "command_address"),
    ({"subscriber_fields": [{"name": "city"}]}, "subscriber_fields"),
    ({"lists": [{"name": "news", "enable_footer": True}]}, "enable_footer"),
])
def test_mailing_list_options_without_json_field_fail_before_any_call(server, run_module, args, word):
    params = dict(JSON, domain="unit.test", **args)
    if "lists" not in args:
        params["name"] = "news"
    result = run_module(smartermail_mailing_list, params)
    assert result["failed"] and word in result["msg"] and "use api: soap" in result["msg"], result
    assert server.requests == []


def test_mailing_list_info_over_json_reads_what_soap_reads(server, run_module, domain):
    run_module(smartermail_mailing_list, dict(domain=domain, name="news", moderator="ann", description="News",
                                              subscribers=["a@x.test"], poster_killlist=["k@x.test"]))
    run_module(smartermail_domain, dict(name=domain, list_command_address="listserv"))
    include = ["settings", "counts", "command_address", "subscribers"]
    soap = run_module(smartermail_mailing_list_info, dict(domain=domain, include=include, names=["news", "gone"]))
    server.emulator.counters.reset()
    got = run_module(smartermail_mailing_list_info, dict(JSON, domain=domain, include=include, names=["news", "gone"]))
    assert got["api"] == "json" and server.writes() == 0 and not got["changed"]
    assert got["missing"] == soap["missing"] == ["gone"]
    assert got["counts"] == soap["counts"] and got["command_address"] == soap["command_address"] == "listserv"
    mine, theirs = got["mailing_lists"][0], soap["mailing_lists"][0]
    for key in ("name", "description", "moderator", "who_can_post", "disabled", "subscribers", "poster_killlist"):
        assert mine[key] == theirs[key], key
    # the default parts the JSON API cannot read: unavailable, with a warning, the task does not fail
    default = run_module(smartermail_mailing_list_info, dict(JSON, domain=domain))
    assert list(default["unavailable"]) == ["subscriber_fields"] and "subscriber_fields" in str(default["warnings"])
    assert default["mailing_lists"][0]["name"] == "news"

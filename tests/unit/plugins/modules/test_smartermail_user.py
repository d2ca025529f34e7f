# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

import json

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_domain, smartermail_user

USER_PW = "Us3r-Secret-Pw-9!"
NEW_PW = "N3w-Secret-Pw-8!"


def make_domain(run_module):
    result = run_module(smartermail_domain, {"name": "users.test", "primary_admin": "postmaster",
                                             "primary_admin_password": "Pm-Unit-1!x"})
    assert result["changed"], result


def test_user_ladder_never_shows_the_password(server, run_module):
    make_domain(run_module)
    args = {"domain": "users.test", "name": "alice", "user_password": USER_PW, "first_name": "Alice"}
    check = run_module(smartermail_user, args, check_mode=True)
    assert check["changed"] and server.writes() == 1  # the domain only
    real = run_module(smartermail_user, args)
    assert real["changed"] and real["user"]["first_name"] == "Alice"
    again = run_module(smartermail_user, args)
    assert not again["changed"], again
    for result in (check, real, again):
        assert USER_PW not in str(result)
    state_user = server.state()["domains"]["users.test"]["users"]["alice"]
    assert state_user["password"] == USER_PW


def test_password_changes_only_when_it_differs_and_update_password_allows(server, run_module):
    make_domain(run_module)
    run_module(smartermail_user, {"domain": "users.test", "name": "bob", "user_password": USER_PW})
    on_create = run_module(smartermail_user, {"domain": "users.test", "name": "bob", "user_password": NEW_PW,
                                              "update_password": "on_create"})
    assert not on_create["changed"]
    always = run_module(smartermail_user, {"domain": "users.test", "name": "bob", "user_password": NEW_PW})
    assert always["changed"] and always["changes"] == ["update password of user bob@users.test"]
    assert always["diff"]["after"]["password"] == "******** (changed)"
    assert NEW_PW not in str(always) and USER_PW not in str(always)
    assert server.state()["domains"]["users.test"]["users"]["bob"]["password"] == NEW_PW


def test_forwarding_and_auto_responder(server, run_module):
    make_domain(run_module)
    args = {"domain": "users.test", "name": "carol", "user_password": USER_PW,
            "forwarding": {"addresses": ["Carol@Elsewhere.test"], "delete_on_forward": True},
            "auto_responder": {"enabled": True, "subject": "Away", "body": "Back Monday"}}
    first = run_module(smartermail_user, args)
    assert first["changed"]
    second = run_module(smartermail_user, args)
    assert not second["changed"], second
    assert second["user"]["forwarding"] == {"addresses": ["carol@elsewhere.test"], "delete_on_forward": True}
    assert second["user"]["auto_responder"]["subject"] == "Away"


def test_bulk_users_purge_and_keep(server, run_module):
    make_domain(run_module)
    run_module(smartermail_user, {"domain": "users.test", "users": [
        {"name": n, "password": USER_PW} for n in ("u1", "u2", "u3")]})
    server.emulator.counters.reset()
    result = run_module(smartermail_user, {"domain": "users.test", "purge": True, "keep": ["postmaster", "u3"],
                                           "users": [{"name": "u1", "password": USER_PW}]})
    assert result["removed"] == ["u2"]
    assert server.counters()["operations"]["svcUserAdmin.GetUsers"]["reads"] == 1
    assert server.counters()["writes"] == 1
    assert USER_PW not in str(result)


def test_password_setting_is_refused_before_any_call(server, run_module):
    result = run_module(smartermail_user, {"domain": "users.test", "name": "x", "settings": {"password": "x"}})
    assert result["failed"] and "use the password option" in result["msg"]
    assert server.requests == []


def test_unmatchable_keep_fails_before_any_call_and_never_deletes(server, run_module):
    make_domain(run_module)
    run_module(smartermail_user, {"domain": "users.test", "users": [
        {"name": n, "password": USER_PW} for n in ("u1", "u2")]})
    for keep in ("u2@users.test.", "u2@usres.test"):
        server.requests = []
        result = run_module(smartermail_user, {"domain": "users.test", "purge": True, "keep": ["postmaster", keep],
                                               "users": [{"name": "u1"}]})
        assert result["failed"] and "keep entry %r cannot match any user" % keep in result["msg"], result
        assert server.requests == []
    assert "u2" in server.state()["domains"]["users.test"]["users"]


def test_purge_leaves_the_primary_admin_with_a_warning(server, run_module):
    make_domain(run_module)
    run_module(smartermail_user, {"domain": "users.test", "users": [
        {"name": n, "password": USER_PW} for n in ("u1", "u2")]})
    server.emulator.counters.reset()
    result = run_module(smartermail_user, {"domain": "users.test", "purge": True, "users": [{"name": "u1"}]})
    assert not result.get("failed"), result
    assert result["removed"] == ["u2"] and result["changes"] == ["delete user u2@users.test"]
    assert "not removing user postmaster" in str(result["warnings"])  # str: the shape differs by ansible-core
    assert server.counters()["operations"]["svcDomainAdmin.GetPrimaryDomainAdmin"]["reads"] == 1
    assert sorted(server.state()["domains"]["users.test"]["users"]) == ["postmaster", "u1"]


def test_null_setting_is_not_written(server, run_module):
    make_domain(run_module)
    run_module(smartermail_user, {"domain": "users.test", "name": "dan", "user_password": USER_PW})
    result = run_module(smartermail_user, {"domain": "users.test", "name": "dan",
                                           "settings": {"signature": None}})
    assert not result["changed"] and "None" not in str(result["user"]), result
    assert server.state()["domains"]["users.test"]["users"]["dan"].get("settings", {}).get("signature") != "None"


def test_password_setting_failure_does_not_show_the_value(server, run_module):
    result = run_module(smartermail_user, {"domain": "users.test", "name": "x",
                                           "settings": {"password": "Setting-Secret-Pw-7!"}})
    assert result["failed"] and "use the password option" in result["msg"]
    assert "Setting-Secret-Pw-7!" not in result["msg"]
    assert "Setting-Secret-Pw-7!" not in json.dumps(result)  # not in invocation.module_args either
    assert server.requests == []


def test_name_change_keeps_the_mailbox_size(server, run_module):
    make_domain(run_module)
    run_module(smartermail_user, {"domain": "users.test", "name": "erin", "user_password": USER_PW,
                                  "max_mailbox_size_mb": 250})
    result = run_module(smartermail_user, {"domain": "users.test", "name": "erin", "first_name": "Erin"})
    assert result["changed"] and result["user"]["max_mailbox_size_mb"] == 250
    again = run_module(smartermail_user, {"domain": "users.test", "name": "erin", "max_mailbox_size_mb": 250})
    assert not again["changed"], again

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 12 items 14-18 and 20, issue 13 items 10-11: input checked before any call, names
normalized the same way in every module, settings compared as the server stores them.
Each test runs a module against the in-process emulator."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._plesk import spamfilter as plesk
from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_alias,
    smartermail_antispam_settings,
    smartermail_domain,
    smartermail_domain_alias,
    smartermail_domain_info,
    smartermail_info,
    smartermail_rbl,
    smartermail_user,
)

from module_harness import nul_refused_by_syslog  # noqa: E402  pylint: disable=wrong-import-order

PM = {"primary_admin": "postmaster", "primary_admin_password": "Pm-Unit-1!x"}
USER_PW = "Us3r-Secret-Pw-9!"


def refused(server, run_module, module, args, *texts):
    server.requests.clear()
    result = run_module(module, args)
    assert result.get("failed") and "invalid input" in result["msg"], result
    for text in texts:
        assert text in result["msg"], result["msg"]
    assert server.requests == [], "no call may be made for bad input"
    return result


@pytest.mark.parametrize("module, args, text", [
    (smartermail_domain, {"name": "ex.test", "max_users": 2 ** 31}, "max_users must be at most 2147483647"),
    (smartermail_domain, {"name": "ex.test", "max_domain_size_mb": 2 ** 63}, "max_domain_size_mb must be at most"),
    (smartermail_domain, {"name": "ex.test", "max_message_size_kb": 2 ** 40}, "max_message_size_kb must be at most"),
    (smartermail_user, {"domain": "ex.test", "name": "bob", "max_mailbox_size_mb": 2 ** 40},
     "max_mailbox_size_mb of bob must be at most"),
    (smartermail_antispam_settings, {"dkim": {"max_message_size_to_sign_mb": 2 ** 40}},
     "dkim.max_message_size_to_sign_mb must be an integer of at least 0 (and at most 2147483647)"),
])
def test_integers_beyond_their_wire_type_fail_before_any_call(server, run_module, module, args, text):
    refused(server, run_module, module, args, text)


@pytest.mark.parametrize("module, args, text", [
    (smartermail_domain, {"name": "ex\x00.test"}, "name must not contain control characters (U+0000"),
    (smartermail_alias, {"domain": "ex.test", "name": "sa\x01les", "addresses": ["a@ex.test"]},
     "name must not contain control characters"),
    (smartermail_alias, {"domain": "ex.test", "name": "sales", "addresses": ["a\x00@ex.test"]},
     "addresses[0] must not contain control characters"),
    (smartermail_user, {"domain": "ex.test", "name": "bob", "first_name": "Bo\x00b"},
     "first_name must not contain control characters"),
    (smartermail_user, {"domain": "ex.test", "name": "bob", "auto_responder": {"subject": "a\nb"}},
     "auto_responder.subject must not contain control characters"),
    (smartermail_rbl, {"name": "x", "hostname": "rbl.example", "weight": 5, "description": "d\x07"},
     "description must not contain control characters"),
    (smartermail_domain, {"name": "ex.test", "list_command_address": "st\x1bserv"},
     "list_command_address must not contain control characters"),
])
def test_control_characters_fail_before_any_call(server, run_module, module, args, text):
    if nul_refused_by_syslog(args):
        server.requests.clear()
        result = run_module(module, args)
        assert result.get("failed") and "embedded null character" in result["msg"], result
        assert server.requests == [], "no call may be made for bad input"
        return
    refused(server, run_module, module, args, text)


def test_unicode_lookalikes_are_checked_in_their_normalized_form(server, run_module):
    refused(server, run_module, smartermail_alias,
            {"domain": "ex.test", "name": "sa\u017fes", "addresses": ["a@ex.test"]},
            "alias name")
    server.requests.clear()
    result = run_module(smartermail_domain, dict(PM, name="exa\u212amle.test"))
    assert result["changed"] and result["domain"]["name"] == "exakmle.test", result
    assert "exakmle.test" in server.state()["domains"]


def test_idn_names_become_a_labels_in_every_module(server, run_module):
    created = run_module(smartermail_domain, dict(PM, name="Bücher.test"))
    assert created["changed"] and created["domain"]["name"] == "xn--bcher-kva.test", created
    assert "xn--bcher-kva.test" in server.state()["domains"]
    assert not run_module(smartermail_domain, {"name": "bücher.test."})["changed"]
    alias = run_module(smartermail_alias, {"domain": "BÜCHER.test", "name": "info", "addresses": ["bob@bücher.test"]})
    assert alias["changed"] and alias["alias"]["addresses"] == ["bob@xn--bcher-kva.test"], alias
    assert not run_module(smartermail_alias, {"domain": "xn--bcher-kva.test", "name": "info",
                                              "addresses": ["bob@xn--bcher-kva.test"]})["changed"]
    user = run_module(smartermail_user, {"domain": "bücher.test", "name": "bob@bücher.test",
                                         "user_password": USER_PW})
    assert user["changed"] and user["user"]["address"] == "bob@xn--bcher-kva.test", user
    dalias = run_module(smartermail_domain_alias, {"domain": "bücher.test", "name": "böcher.test", "mx_check": False})
    assert dalias["domain_aliases"] == ["xn--bcher-jua.test"], dalias
    rbl = run_module(smartermail_rbl, {"name": "idn", "hostname": "rbl.bücher.test", "weight": 5})
    assert rbl["rbl"]["hostname"] == "rbl.xn--bcher-kva.test", rbl
    assert plesk.filter_name("Bob@Bücher.test") == "bob@xn--bcher-kva.test"


@pytest.mark.parametrize("settings, text", [
    ({"maxaliases": [1, 2]}, "settings value of 'maxaliases' must be a text, a number or a boolean, got a list"),
    ({"catchall": "x\nmaxaliases=9"}, "settings value of 'catchall' must be one line"),
    ({"max\naliases": 1}, "is not a valid setting name"),
    ({"MaxAliases": 3, "maxaliases": 4}, "settings keys 'MaxAliases' and 'maxaliases' differ only in case"),
])
def test_bad_settings_fail_before_any_call(server, run_module, settings, text):
    refused(server, run_module, smartermail_domain, {"name": "ex.test", "settings": settings}, text)
    refused(server, run_module, smartermail_user, {"domain": "ex.test", "name": "bob", "settings": settings}, text)


def test_settings_compare_as_stored_and_come_back_typed(server, run_module):
    run_module(smartermail_domain, dict(PM, name="ex.test"))
    args = {"name": "ex.test", "settings": {"maxmessagesperhour": 500, "bypassgreylisting": True}}
    first = run_module(smartermail_domain, args)
    assert first["changed"] and first["domain"]["settings"] == {"maxmessagesperhour": 500, "bypassgreylisting": True}
    again = run_module(smartermail_domain, {"name": "ex.test",
                                            "settings": {"maxmessagesperhour": "0500", "bypassgreylisting": "yes"}})
    assert not again["changed"], again
    run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "user_password": USER_PW})
    user = run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "settings": {"maxsize": 500}})
    assert user["changed"] and user["user"]["settings"] == {"maxsize": 500}, user
    assert not run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "settings": {"maxsize": "0500"}})[
        "changed"]
    run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "settings": {"maxsize": 600}})
    drift = run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "settings": {"maxsize": 500}},
                       check_mode=True)
    assert drift["diff"]["before"]["settings"] == {"maxsize": "600"}
    assert drift["diff"]["after"]["settings"] == {"maxsize": "500"}
    assert drift["user"]["settings"] == {"maxsize": 500}


def test_reruns_change_nothing(server, run_module):
    run_module(smartermail_domain, dict(PM, name="ex.test"))
    for dummy in range(2):
        last = run_module(smartermail_domain, {"name": "ex.test", "list_command_address": "STSERV"})
    assert not last["changed"], last
    run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "user_password": USER_PW})
    auto = {"enabled": True, "subject": "Away", "body": "Line one\r\nLine two\r\n"}
    first = run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "auto_responder": auto})
    assert first["changed"]
    again = run_module(smartermail_user, {"domain": "ex.test", "name": "bob", "auto_responder": auto})
    assert not again["changed"], again


def test_a_trailing_dot_domain_works_in_every_module(server, run_module):
    run_module(smartermail_domain, dict(PM, name="ex.test."))
    user = run_module(smartermail_user, {"domain": "ex.test.", "name": "bob", "user_password": USER_PW})
    assert user["changed"] and user["user"]["address"] == "bob@ex.test", user
    alias = run_module(smartermail_alias, {"domain": "ex.test.", "name": "sales", "addresses": ["bob@ex.test."]})
    assert alias["changed"] and alias["alias"]["addresses"] == ["bob@ex.test"], alias
    assert not run_module(smartermail_alias, {"domain": "ex.test", "name": "sales", "addresses": ["bob@ex.test"]})[
        "changed"]


def test_info_inputs_are_checked(server, run_module):
    refused(server, run_module, smartermail_info, {"gather": ["ports"], "port_ip_addresses": ["not-an-ip"]},
            "port_ip_addresses entry 'not-an-ip' is not a valid IPv4 or IPv6 address")
    refused(server, run_module, smartermail_domain_info, {"settings_keys": ["maxaliases=4"]},
            "settings_keys entry 'maxaliases=4' is not a valid setting name")


def test_plesk_rewrite_header_compares_trimmed_and_nul_is_an_input_error():
    entry = {"key": "admin", "rewrite_header": " [SPAM] "}
    assert plesk.validate_entry(entry) == [] and entry["rewrite_header"] == "[SPAM]"
    params = dict((o, None) for o in plesk.SETTING_OPTIONS)
    params.update(name="admin", mailboxes=None, purge=False, rewrite_header="[S\x00]")
    with pytest.raises(engine.InputError, match="rewrite_header must not contain control characters"):
        engine.validate(plesk.SpamFilterResource(params))

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_domain, smartermail_domain_alias, \
    smartermail_domain_info

BASE = {"name": "unit.test", "primary_admin": "postmaster", "primary_admin_password": "Pm-Unit-1"}


def test_create_then_noop_with_reads_only(server, run_module):
    args = dict(BASE, max_users=10, settings={"enablecatchalls": True})
    check = run_module(smartermail_domain, args, check_mode=True)
    assert check["changed"] and server.writes() == 0
    assert check["diff"]["after"]["max_users"] == 10
    real = run_module(smartermail_domain, args)
    assert real["changed"] and real["domain"]["max_users"] == 10 and real["domain"]["enabled"] is True
    server.emulator.counters.reset()
    again = run_module(smartermail_domain, args)
    assert not again["changed"]
    assert server.counters()["writes"] == 0
    assert "Pm-Unit-1" not in str(again)


def test_only_given_settings_are_managed(server, run_module):
    run_module(smartermail_domain, dict(BASE, max_users=10, max_aliases=5))
    result = run_module(smartermail_domain, {"name": "unit.test", "max_users": 20})
    assert result["changed"]
    assert result["diff"]["before"]["max_aliases"] == 5 and result["diff"]["after"]["max_aliases"] == 5
    info = run_module(smartermail_domain_info, {"names": ["unit.test"], "include": []})
    assert info["domains"][0]["max_users"] == 20 and info["domains"][0]["max_aliases"] == 5


def test_primary_admin_change(server, run_module):
    run_module(smartermail_domain, BASE)
    result = run_module(smartermail_domain, {"name": "unit.test", "primary_admin": "nobody"})
    assert result["failed"] and "svcDomainAdmin.SetPrimaryDomainAdmin" in result["msg"]


def test_rename_requires_the_explicit_option(server, run_module):
    run_module(smartermail_domain, BASE)
    created = run_module(smartermail_domain, dict(BASE, name="other.test"))
    assert created["changed"] and "create domain other.test" in created["changes"][0]
    both = run_module(smartermail_domain, {"name": "other.test", "rename_from": "unit.test"})
    assert both["failed"] and "both domains exist" in both["msg"]


def test_delete_files_flag_reaches_the_server(server, run_module):
    run_module(smartermail_domain, BASE)
    result = run_module(smartermail_domain, {"name": "unit.test", "state": "absent", "delete_files": True})
    assert result["changed"] and result["changes"] == ["delete domain unit.test and its files"]
    assert "unit.test" not in server.state()["domains"]


def test_domain_alias_and_info(server, run_module):
    run_module(smartermail_domain, BASE)
    result = run_module(smartermail_domain_alias, {"domain": "unit.test", "names": ["a.test", "b.test"],
                                                   "mx_check": False})
    assert result["added"] == ["a.test", "b.test"]
    info = run_module(smartermail_domain_info, {})
    assert info["domains"][0]["domain_aliases"] == ["a.test", "b.test"]
    bad = run_module(smartermail_domain_alias, {"domain": "unit.test", "name": "unit.test"})
    assert bad["failed"] and "is the domain itself" in bad["msg"]


def test_rename_from_with_a_trailing_dot_renames_and_reports_the_new_path(server, run_module):
    run_module(smartermail_domain, BASE)
    result = run_module(smartermail_domain, {"name": "renamed.test", "rename_from": "Unit.Test."})
    assert result["changed"] and result["changes"] == ["rename domain unit.test to renamed.test"]
    assert "renamed.test" in server.state()["domains"] and "unit.test" not in server.state()["domains"]
    # name and path as the server has them after the rename, not the old record
    assert result["domain"]["name"] == "renamed.test" and result["domain"]["path"].endswith("renamed.test")
    assert result["diff"]["before"]["name"] == "unit.test" and result["diff"]["before"]["path"].endswith("unit.test")
    assert result["diff"]["after"]["path"] == server.state()["domains"]["renamed.test"]["path"]
    again = run_module(smartermail_domain, {"name": "renamed.test", "rename_from": "unit.test."})
    assert not again["changed"]


def test_null_setting_is_never_written(server, run_module):
    result = run_module(smartermail_domain, dict(BASE, settings={"maxmessagesperhour": 500,
                                                                 "enablecatchalls": None}))
    assert result["changes"][-1] == "set requested settings maxmessagesperhour of domain unit.test"
    settings = server.state()["domains"]["unit.test"]["settings"]
    assert settings["enablecatchalls"] is not None and "%s" % settings["enablecatchalls"] != "None"
    again = run_module(smartermail_domain, {"name": "unit.test", "settings": {"enablecatchalls": None}})
    assert not again["changed"] and server.state()["domains"]["unit.test"]["settings"] == settings


def test_server_defaults_with_a_typed_option_keeps_the_ip_unset(server, run_module):
    result = run_module(smartermail_domain, dict(BASE, max_users=10))
    # GetDomainDefaults says ServerIP 127.0.0.1 in the emulator: the user set no ip, none is sent
    assert server.state()["domains"]["unit.test"]["settings"]["serverip"] == ""
    assert result["domain"]["ip"] == "" and result["domain"]["max_users"] == 10
    assert result["changes"] == ["create domain unit.test with the server's default settings",
                                 "update max_users of domain unit.test"]


def test_info_output_feeds_back_unchanged(server, run_module):
    run_module(smartermail_domain, BASE)
    info = run_module(smartermail_domain_info, {"names": ["unit.test"], "include": ["primary_admin"],
                                                "settings_keys": ["enablecatchalls", "maxmessagesperhour"]})
    domain = info["domains"][0]
    assert domain["ip"] == ""
    server.emulator.counters.reset()
    result = run_module(smartermail_domain, domain)
    assert not result["changed"], result.get("changes")
    assert server.counters()["writes"] == 0
    assert result["domain"] == domain

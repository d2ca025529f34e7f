# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Removals and creates described one write at a time, contradictory or mistyped input refused
before any call, references checked against what was read before any write."""

import pytest

from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_domain,
    smartermail_domain_defaults,
    smartermail_domain_forwarding,
    smartermail_global_update,
    smartermail_mailing_list,
    smartermail_port_binding,
    smartermail_rbl,
    smartermail_server_port,
    smartermail_spamassassin_server,
    smartermail_system_admin,
    smartermail_system_settings,
    smartermail_user,
    smartermail_user_group,
    smartermail_user_info,
)

DOMAIN = "unit.test"


def make_domain(run_module, users=()):
    assert run_module(smartermail_domain, {"name": DOMAIN, "primary_admin": "postmaster",
                                           "primary_admin_password": "Pm-Unit-1"})["changed"]
    if users:
        result = run_module(smartermail_user, {"domain": DOMAIN, "users": [
            {"name": n, "password": "Pw-%s-4c8d1e" % n} for n in users]})
        assert result.get("changed"), result


def refused(server, run_module, module, args, message):
    server.requests.clear()
    result = run_module(module, args)
    assert result.get("failed") and message in result["msg"], result
    assert server.requests == [], "no call may be made for bad input"
    return result


# ------------------------------------------------------------------------------ port bindings
@pytest.mark.parametrize("check_mode", [True, False])
def test_port_binding_absent_removes_each_port(server, run_module, check_mode):
    run_module(smartermail_server_port, {"ports": [{"port": 2525, "protocol": "SMTP"}]})
    run_module(smartermail_port_binding, {"bindings": [{"ip_address": "192.0.2.10", "ports": [25, 2525]},
                                                       {"ip_address": "192.0.2.11", "ports": [110]}]})
    writes = server.writes()
    single = run_module(smartermail_port_binding, {"ip_address": "192.0.2.10", "state": "absent"},
                        check_mode=check_mode)
    assert not single.get("failed"), single
    assert single["changes"] == ["remove port 25 from 192.0.2.10", "remove port 2525 from 192.0.2.10"]
    listed = run_module(smartermail_port_binding, {"bindings": [{"ip_address": "192.0.2.11", "state": "absent"}]},
                        check_mode=check_mode)
    assert not listed.get("failed"), listed
    assert listed["changes"] == ["remove port 110 from 192.0.2.11"] and listed["removed"] == ["192.0.2.11"]
    assert server.writes() == writes + (0 if check_mode else 3)


# ------------------------------------------------------------------------------ system administrators
def test_admin_created_with_restrictions_describes_each_write(server, run_module):
    result = run_module(smartermail_system_admin, {"name": "ops", "admin_password": "Ops-Unit-Pw-1",
                                                   "ip_restrictions": ["192.0.2.0/28", "198.51.100.7"]})
    assert result["changes"] == ["add system administrator ops",
                                 "restrict system administrator ops to 192.0.2.0-192.0.2.15",
                                 "restrict system administrator ops to 198.51.100.7"]


def test_admin_restrictions_out_of_range_or_contradictory_are_input_errors(server, run_module):
    refused(server, run_module, smartermail_system_admin,
            {"name": "ops", "admin_password": "Ops-Unit-Pw-1", "ip_restrictions": ["192.0.2.0/33"]},
            "ip_restrictions entry '192.0.2.0/33' is not a valid CIDR network")
    refused(server, run_module, smartermail_system_admin,
            {"name": "ops", "remove_ip_restrictions": ["10.0.0.0/40"]},
            "remove_ip_restrictions entry '10.0.0.0/40' is not a valid CIDR network")
    refused(server, run_module, smartermail_system_admin,
            {"name": "ops", "ip_restrictions": ["192.0.2.7", "10.0.0.0/24"],
             "remove_ip_restrictions": ["192.0.2.7/32", "10.0.0.0-10.0.0.255"]},
            "10.0.0.0-10.0.0.255, 192.0.2.7 in both ip_restrictions and remove_ip_restrictions")


# ------------------------------------------------------------------------------ renames
@pytest.mark.parametrize("module, args, message", [
    (smartermail_user_group, {"domain": DOMAIN, "groups": [{"name": "B", "rename_from": "Sales"}, {"name": "Sales"}]},
     "user_group b: rename_from sales is also listed by name"),
    (smartermail_user_group, {"domain": DOMAIN, "groups": [{"name": "B", "rename_from": "Sales"},
                                                           {"name": "Sales", "state": "absent"}]},
     "user_group b: rename_from sales is also listed by name"),
    (smartermail_user_group, {"domain": DOMAIN, "groups": [{"name": "B", "rename_from": "Sales"},
                                                           {"name": "C", "rename_from": "SALES"}]},
     "user_group b and c both rename sales"),
    (smartermail_rbl, {"rbls": [{"name": "New", "rename_from": "Old", "hostname": "bl.example.org"},
                                {"name": "Old", "hostname": "bl.example.net"}]},
     "rbl new: rename_from old is also listed by name"),
    (smartermail_domain_forwarding, {"blocks": [{"target": "192.0.2.81", "rename_from": "192.0.2.80", "domains": ["example.net"]},
                                                {"target": "192.0.2.80", "domains": ["example.com"]}]},
     "rename_from 192.0.2.80 is also listed by name"),
])
def test_contradictory_renames_fail_before_any_call(server, run_module, module, args, message):
    refused(server, run_module, module, args, message)


# ------------------------------------------------------------------------------ typed settings
@pytest.mark.parametrize("module, args, messages", [
    (smartermail_domain_defaults, {"settings": {"defaultmaxdomainusers": -1, "defaultmaxlists": "abc",
                                                "defaultmaxaliases": 2 ** 40, "defaultenablecatchalls": "maybe"}},
     ["'defaultmaxdomainusers' must be an integer from 0 to 2147483647",
      "'defaultmaxlists' must be an integer from 0 to 2147483647",
      "'defaultmaxaliases' must be an integer from 0 to 2147483647",
      "'defaultenablecatchalls' must be a boolean (true or false)"]),
    (smartermail_system_settings, {"settings": {"MinimumPasswordLength": -1, "SmtpMaxConnections": "ten",
                                                "GreylistingEnabled": "maybe", "AdminUsername": "root"}},
     ["'MinimumPasswordLength' must be an integer from 0 to 2147483647",
      "'SmtpMaxConnections' must be an integer from 0 to 2147483647",
      "'GreylistingEnabled' must be a boolean (true or false)",
      "settings key 'AdminUsername' is read-only"]),
    (smartermail_global_update, {"settings": {"maxmessagesize": -5}},
     ["'maxmessagesize' must be an integer from 0 to 2147483647"]),
    (smartermail_spamassassin_server, {"name": "spamd1", "ip_address": "", "port": 783},
     ["ip_address must be an IP address, not blank"]),
    (smartermail_domain, {"name": DOMAIN, "list_command_address": "x" * 10000, "settings": {"maxusers": -3}},
     ["list_command_address must be at most 4096 characters",
      "list_command_address must be at most 64 characters",
      "'maxusers' must be an integer from 0 to 2147483647"]),
    (smartermail_domain, {"name": DOMAIN, "list_command_address": "y" * 65},
     ["list_command_address must be at most 64 characters"]),
])
def test_typed_settings_are_checked_before_any_call(server, run_module, module, args, messages):
    result = refused(server, run_module, module, args, messages[0])
    for message in messages:
        assert message in result["msg"]
    assert "x" * 100 not in result["msg"]


def test_null_is_not_managed_in_every_settings_module(server, run_module):
    make_domain(run_module)
    result = run_module(smartermail_domain_defaults, {"settings": {"defaultmaxdomainusers": None,
                                                                   "defaultmaxlists": 5}})
    assert result["settings"] == {"defaultmaxlists": 5}
    result = run_module(smartermail_system_settings, {"settings": {"MinimumPasswordLength": None,
                                                                   "SmtpBanner": "unit ESMTP"}})
    assert result["settings"] == {"SmtpBanner": "unit ESMTP"}
    result = run_module(smartermail_global_update, {"settings": {"maxlists": None, "maxaliases": 7}})
    assert result["fields"] == [{"name": "maxaliases", "val": "7"}]
    result = run_module(smartermail_domain, {"name": DOMAIN, "settings": {"maxusers": None, "maxlists": 9}})
    assert result["domain"]["settings"] == {"maxlists": 9}


# ------------------------------------------------------------------------------ references
def test_moderator_must_be_a_user_of_the_domain(server, run_module):
    make_domain(run_module, users=["alice"])
    for check_mode in (True, False):
        writes = server.writes()
        result = run_module(smartermail_mailing_list, {"domain": DOMAIN, "name": "news", "moderator": "nobody"},
                            check_mode=check_mode)
        message = "moderator nobody of mailing list news@unit.test is not a user of unit.test"
        if check_mode:
            # an earlier task of the same check run may create the user: a warning, not a failure
            assert not result.get("failed") and message + " (in check mode" in str(result.get("warnings")), result
        else:
            assert result.get("failed") and result["msg"] == message, result
        assert server.writes() == writes
    made = run_module(smartermail_mailing_list, {"domain": DOMAIN, "name": "news", "moderator": "Alice"})
    assert made["changed"] and made["mailing_list"]["moderator"] == "alice"
    writes = server.writes()
    result = run_module(smartermail_mailing_list, {"domain": DOMAIN, "lists": [
        {"name": "news", "moderator": "ghost@unit.test"}]})
    assert result.get("failed") and "moderator ghost of mailing list news@unit.test is not a user" in result["msg"]
    assert server.writes() == writes
    # an unchanged moderator needs no read of the users
    server.emulator.counters.reset()
    again = run_module(smartermail_mailing_list, {"domain": DOMAIN, "name": "news", "moderator": "alice"})
    assert not again["changed"] and "svcUserAdmin.GetUsers" not in server.counters()["operations"]


def test_group_members_must_be_users_of_the_domain(server, run_module):
    make_domain(run_module, users=["alice", "bob"])
    writes = server.writes()
    result = run_module(smartermail_user_group, {"domain": DOMAIN, "groups": [
        {"name": "Sales", "members": ["alice", "ghost"]}, {"name": "Support", "members": ["casper@unit.test"]}]})
    assert result.get("failed"), result
    assert "member casper of user group Support is not a user of unit.test" in result["msg"]
    assert "member ghost of user group Sales is not a user of unit.test" in result["msg"]
    assert server.writes() == writes
    made = run_module(smartermail_user_group, {"domain": DOMAIN, "name": "Sales", "members": ["alice", "bob"]})
    assert made["changed"] and made["user_group"]["members"] == ["alice", "bob"]
    server.emulator.counters.reset()
    again = run_module(smartermail_user_group, {"domain": DOMAIN, "name": "Sales", "members": ["bob", "alice"]})
    assert not again["changed"] and "svcUserAdmin.GetUsers" not in server.counters()["operations"]


# ------------------------------------------------------------------------------ user_info
def test_inactive_users_mark_the_primary_domain_administrator(server, run_module):
    make_domain(run_module, users=["alice"])
    result = run_module(smartermail_user_info, {"domain": DOMAIN, "names": [], "inactive_since": "2000-01-01"})
    assert result["inactive"] == [{"name": "alice", "last_login": None, "primary_admin": False},
                                  {"name": "postmaster", "last_login": None, "primary_admin": True}]

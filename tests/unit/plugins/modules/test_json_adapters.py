# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Modules over the JSON API (api: json) against the in-process emulator: ladders, refusals, shared state."""
import pytest

from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_alias,
    smartermail_domain,
    smartermail_domain_alias,
    smartermail_rbl,
)

JSON = {"api": "json"}
BASE = dict(JSON, name="unit.test", primary_admin="postmaster", primary_admin_password="Pm-Unit-1")


def json_ops(server):
    return sorted(k for k, v in server.counters()["operations"].items() if v["writes"])


def ladder(server, run_module, module, args):
    """check -> real -> again -> again in check: the results, 0 writes in check mode and after."""
    server.emulator.counters.reset()
    check = run_module(module, args, check_mode=True)
    assert check["changed"] and server.writes() == 0, check
    real = run_module(module, args)
    assert real["changed"] and real["api"] == "json", real
    written = json_ops(server)
    assert written and all(op.startswith("json:") for op in written)
    writes = server.writes()
    again = run_module(module, args)
    assert not again["changed"], again
    again_check = run_module(module, args, check_mode=True)
    assert not again_check["changed"] and server.writes() == writes
    return check, real


def test_domain_ladder_and_soap_sees_it(server, run_module):
    args = dict(BASE, max_users=10, max_domain_size_mb=5, show_spam_menu=False, enabled=False)
    check, real = ladder(server, run_module, smartermail_domain, args)
    assert check["diff"]["after"]["max_users"] == 10
    assert real["domain"]["max_domain_size_mb"] == 5 and real["domain"]["enabled"] is False
    domain = server.state()["domains"]["unit.test"]
    assert domain["settings"]["maxusers"] == 10 and domain["settings"]["maxsize"] == 5 * 1024
    assert domain["settings"]["isenabled"] is False and domain["primary_admin"] == "postmaster"
    soap = run_module(smartermail_domain, {"name": "unit.test", "max_users": 10, "enabled": False})
    assert not soap["changed"] and soap["api"] == "soap"
    assert "Pm-Unit-1" not in str(real)


def test_domain_update_sends_only_the_changed_keys(server, run_module):
    run_module(smartermail_domain, BASE)
    server.emulator.counters.reset()
    result = run_module(smartermail_domain, dict(JSON, name="unit.test", max_aliases=3, primary_admin="postmaster"))
    assert result["changes"] == ["update max_aliases of domain unit.test"]
    assert json_ops(server) == ["json:POST settings/sysadmin/domain-settings/{domain}"]
    gone = run_module(smartermail_domain, dict(JSON, name="unit.test", state="absent", delete_files=True))
    assert gone["changed"] and "unit.test" not in server.state()["domains"]
    assert server.state()["server"]["deleted_domains"][-1]["files_deleted"] is True


@pytest.mark.parametrize("option,value", [("ip", "127.0.0.1"), ("imap_port", 143), ("max_message_size_kb", 10),
                                          ("settings", {"enablecatchalls": True})])
def test_domain_options_without_json_endpoint_fail_before_any_call(server, run_module, option, value):
    result = run_module(smartermail_domain, dict(BASE, **{option: value}))
    assert result["failed"] and option in result["msg"] and "use api: soap" in result["msg"]
    assert server.requests == []


def test_domain_alias_ladder(server, run_module):
    run_module(smartermail_domain, BASE)
    args = dict(JSON, domain="unit.test", names=["a.test", "b.test"], mx_check=False)
    check, real = ladder(server, run_module, smartermail_domain_alias, args)
    assert real["domain_aliases"] == ["a.test", "b.test"]
    assert server.state()["domains"]["unit.test"]["domain_aliases"] == ["a.test", "b.test"]
    gone = run_module(smartermail_domain_alias, dict(JSON, domain="unit.test", name="a.test", state="absent"))
    assert gone["changed"] and server.state()["domains"]["unit.test"]["domain_aliases"] == ["b.test"]


def test_alias_ladder_update_and_catch_all(server, run_module):
    run_module(smartermail_domain, BASE)
    args = dict(JSON, domain="unit.test", aliases=[{"name": "sales", "addresses": ["a@x.test"], "catch_all": True},
                                                   {"name": "info", "addresses": ["b@x.test"]}])
    ladder(server, run_module, smartermail_alias, args)
    domain = server.state()["domains"]["unit.test"]
    assert domain["settings"]["catchall"] == "sales" and domain["aliases"]["info"]["addresses"] == ["b@x.test"]
    updated = run_module(smartermail_alias, dict(JSON, domain="unit.test", name="info",
                                                 addresses=["c@x.test", "b@x.test"], catch_all=True))
    assert updated["changed"] and updated["alias"]["catch_all"] is True
    domain = server.state()["domains"]["unit.test"]
    assert domain["settings"]["catchall"] == "info" and sorted(domain["aliases"]["info"]["addresses"]) == [
        "b@x.test", "c@x.test"]
    gone = run_module(smartermail_alias, dict(JSON, domain="unit.test", name="info", state="absent"))
    assert gone["changed"] and server.state()["domains"]["unit.test"]["settings"]["catchall"] == ""


def test_module_without_adapter_fails_clearly(server, run_module):
    result = run_module(smartermail_rbl, dict(JSON, name="x", state="absent"))
    assert result["failed"] and "no JSON API adapter" in result["msg"] and "api: soap" in result["msg"]
    assert server.requests == []


def test_user_ladder_update_forwarding_and_delete(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user
    run_module(smartermail_domain, BASE)
    args = dict(JSON, domain="unit.test", update_password="on_create", users=[
        {"name": "ann", "password": "Ann-Pw-12345", "first_name": "Ann", "last_name": "A", "max_mailbox_size_mb": 50,
         "forwarding": {"addresses": ["ext@x.test"], "delete_on_forward": False}},
        {"name": "bob", "password": "Bob-Pw-12345", "domain_admin": True}])
    check, real = ladder(server, run_module, smartermail_user, args)
    assert "Ann-Pw-12345" not in str(real) and "Bob-Pw-12345" not in str(check)
    users = server.state()["domains"]["unit.test"]["users"]
    assert users["ann"]["first_name"] == "Ann" and users["ann"]["settings"]["maxsize"] == 50
    assert users["ann"]["forwarding"]["addresses"] == ["ext@x.test"] and users["bob"]["is_domain_admin"] is True
    assert users["ann"]["password"] == "Ann-Pw-12345"
    server.emulator.counters.reset()
    updated = run_module(smartermail_user, dict(JSON, domain="unit.test", name="ann", last_name="Z",
                                                max_mailbox_size_mb=60, domain_admin=True))
    assert updated["changed"] and updated["user"]["last_name"] == "Z" and updated["user"]["max_mailbox_size_mb"] == 60
    users = server.state()["domains"]["unit.test"]["users"]
    assert users["ann"]["last_name"] == "Z" and users["ann"]["first_name"] == "Ann" and users["ann"]["is_domain_admin"]
    assert users["ann"]["forwarding"]["addresses"] == ["ext@x.test"]
    assert json_ops(server) == ["json:POST settings/domain/post-user", "json:POST settings/domain/post-user-mail"]
    gone = run_module(smartermail_user, dict(JSON, domain="unit.test", name="bob", state="absent"))
    assert gone["changed"] and "bob" not in server.state()["domains"]["unit.test"]["users"]
    purge = run_module(smartermail_user, dict(JSON, domain="unit.test", users=[], purge=True))
    assert purge["changed"] and "postmaster" in server.state()["domains"]["unit.test"]["users"]
    assert "not removing user postmaster" in str(purge["warnings"])  # str: the shape differs by ansible-core


@pytest.mark.parametrize("args,word", [
    ({"name": "ann", "user_password": "Ann-Pw-12345"}, "update_password"),
    ({"name": "ann", "auto_responder": {"enabled": True, "start": "2026-07-01", "end": "2026-07-31"}},
     "auto_responder start or end"),
    ({"name": "ann", "settings": {"isenabled": True}}, "settings"),
])
def test_user_options_without_json_endpoint_fail_before_any_call(server, run_module, args, word):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user
    result = run_module(smartermail_user, dict(JSON, domain="unit.test", **args))
    assert result["failed"] and word in result["msg"] and "use api: soap" in result["msg"]
    assert "Ann-Pw-12345" not in result["msg"]
    assert server.requests == []


def test_auto_responder_ladder_with_the_user_token_and_soap_reads_it(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user
    run_module(smartermail_domain, dict(BASE))
    run_module(smartermail_user, dict(JSON, domain="unit.test", name="ann", user_password="Ann-Pw-12345",
                                      update_password="on_create"))
    args = dict(JSON, domain="unit.test", name="ann", auto_responder={"enabled": True, "subject": "Away",
                                                                      "body": "Back on Monday.\nAnn"})
    server.emulator.counters.reset()
    check = run_module(smartermail_user, args, check_mode=True)
    assert check["changed"] and server.writes() == 0, check
    assert check["diff"]["before"]["auto_responder"] == {"enabled": False, "subject": "", "body": ""}
    assert check["diff"]["after"]["auto_responder"]["subject"] == "Away"
    real = run_module(smartermail_user, args)
    assert real["changed"] and real["changes"] == ["set auto-responder of user ann@unit.test"], real
    assert json_ops(server) == ["json:POST settings/auto-responder"]
    auto = server.state()["domains"]["unit.test"]["users"]["ann"]["auto_response"]
    assert (auto["enabled"], auto["subject"], auto["body"]) == (True, "Away", "Back on Monday.\nAnn")
    server.emulator.counters.reset()
    again = run_module(smartermail_user, args)
    again_check = run_module(smartermail_user, args, check_mode=True)
    assert not again["changed"] and not again_check["changed"] and server.writes() == 0
    # SOAP reads what the JSON API wrote; a change of one field keeps the others (fresh read)
    soap = run_module(smartermail_user, dict(args, api="soap"))
    assert soap["api"] == "soap" and not soap["changed"], soap
    off = run_module(smartermail_user, dict(JSON, domain="unit.test", name="ann", auto_responder={"enabled": False}))
    assert off["changed"] and server.state()["domains"]["unit.test"]["users"]["ann"]["auto_response"]["subject"] == "Away"


# ---- the _info readers over the JSON API --------------------------------------------------------
def info_objects(server, run_module):
    """A domain with users, aliases (one the catch-all) and domain aliases, made over the JSON API."""
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user
    run_module(smartermail_domain, dict(BASE, max_users=20, require_smtp_authentication=True))
    made = run_module(smartermail_user, dict(JSON, domain="unit.test", update_password="on_create", users=[
        {"name": "ann", "password": "Ann-Pw-12345", "first_name": "Ann", "last_name": "A", "max_mailbox_size_mb": 50},
        {"name": "bob", "password": "Bob-Pw-12345", "domain_admin": True}]))
    aliases = run_module(smartermail_alias, dict(JSON, domain="unit.test", aliases=[
        {"name": "sales", "addresses": ["ann@unit.test"], "catch_all": True},
        {"name": "info", "addresses": ["bob@unit.test", "ann@unit.test"]}]))
    domain_aliases = run_module(smartermail_domain_alias, dict(JSON, domain="unit.test", names=["u.example"],
                                                               mx_check=False))
    assert made["changed"] and aliases["changed"] and domain_aliases["changed"], (made, aliases, domain_aliases)


def test_domain_info_over_json_feeds_back_without_change(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_domain_info, smartermail_user
    info_objects(server, run_module)
    server.emulator.counters.reset()
    include = ["primary_admin", "aliases", "domain_aliases", "counts", "users", "location"]
    info = run_module(smartermail_domain_info, dict(JSON, include=include))
    assert info["api"] == "json" and not info["changed"] and server.writes() == 0, info
    assert "unavailable" not in info, info
    assert all(op.startswith("json:") for op in server.counters()["operations"])
    [domain] = info["domains"]
    assert domain["name"] == "unit.test" and domain["max_users"] == 20 and domain["require_smtp_authentication"]
    assert domain["enabled"] is True and domain["primary_admin"] == "postmaster"
    assert domain["aliases"] == [{"name": "info", "addresses": ["ann@unit.test", "bob@unit.test"], "catch_all": False},
                                 {"name": "sales", "addresses": ["ann@unit.test"], "catch_all": True}]
    assert domain["domain_aliases"] == ["u.example"]
    assert domain["users"] == [
        {"name": "ann", "first_name": "Ann", "last_name": "A", "domain_admin": False},
        {"name": "bob", "first_name": "", "last_name": "", "domain_admin": True},
        {"name": "postmaster", "first_name": "", "last_name": "", "domain_admin": True}]
    assert domain["counts"] == {"users": 3, "aliases": 2, "lists": 0, "size": 0}
    assert domain["location"]["path"] == server.state()["domains"]["unit.test"]["path"]
    # fed back over the JSON API: nothing changes, nothing is written
    server.emulator.counters.reset()
    parts = ("aliases", "domain_aliases", "counts", "users", "location")
    fed = [run_module(smartermail_domain, dict(JSON, **dict((k, v) for k, v in domain.items() if k not in parts))),
           run_module(smartermail_user, dict(JSON, domain="unit.test", users=domain["users"], purge=True)),
           run_module(smartermail_alias, dict(JSON, domain="unit.test", aliases=domain["aliases"], purge=True)),
           run_module(smartermail_domain_alias, dict(JSON, domain="unit.test", names=domain["domain_aliases"],
                                                     purge=True))]
    assert [r["changed"] for r in fed] == [False] * 4 and [r["api"] for r in fed] == ["json"] * 4, fed
    assert server.writes() == 0


def test_domain_info_over_json_reports_unavailable_parts_and_refuses_settings(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_domain_info
    run_module(smartermail_domain, BASE)
    info = run_module(smartermail_domain_info, dict(JSON, names=["unit.test", "nope.test"],
                                                    include=["statistics", "usernames", "signing_keys"],
                                                    server_include=["forwarding_blocks"]))
    assert not info.get("failed") and info["missing"] == ["nope.test"], info
    assert sorted(info["unavailable"]) == ["forwarding_blocks", "signing_keys", "statistics", "usernames"]
    assert "statistics is not available over the JSON API" in str(info["warnings"])
    assert "statistics" not in info["domains"][0] and "usernames" not in info["domains"][0]
    server.requests.clear()
    for option, value in (("settings_keys", ["enablecatchalls"]), ("defaults_keys", ["maxusers"])):
        refused = run_module(smartermail_domain_info, dict(JSON, **{option: value}))
        assert refused["failed"] and option in refused["msg"] and "use api: soap" in refused["msg"], refused
    assert server.requests == []


def test_user_info_over_json_feeds_back_without_change(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user, smartermail_user_info
    info_objects(server, run_module)
    server.emulator.counters.reset()
    info = run_module(smartermail_user_info, dict(JSON, domain="unit.test", include=["quotas", "last_login"],
                                                  inactive_since="2020-01-01"))
    assert info["api"] == "json" and server.writes() == 0 and "unavailable" not in info, info
    ann = [u for u in info["users"] if u["name"] == "ann"][0]
    assert ann == {"name": "ann", "first_name": "Ann", "last_name": "A", "domain_admin": False,
                   "max_mailbox_size_mb": 50}
    assert info["details"]["ann"] == {"used_mb": 0.0, "last_login": None}
    assert [(u["name"], u["primary_admin"]) for u in info["inactive"]] == [
        ("ann", False), ("bob", False), ("postmaster", True)]
    named = run_module(smartermail_user_info, dict(JSON, domain="unit.test", names=["bob", "zed"]))
    assert [u["name"] for u in named["users"]] == ["bob"] and named["missing"] == ["zed"]
    assert sorted(named["unavailable"]) == ["activesync", "groups"]
    assert "activesync is not available over the JSON API" in str(named["warnings"])
    server.emulator.counters.reset()
    fed = run_module(smartermail_user, dict(JSON, domain="unit.test", users=info["users"], purge=True))
    assert fed["api"] == "json" and not fed["changed"] and server.writes() == 0, fed


@pytest.mark.parametrize("mode,api", [("both", "soap"), ("json", "json")])
def test_auto_info_reads_what_json_cannot_serve_over_soap_or_says_it_is_unavailable(server, run_module, mode, api):
    """api: auto with a part the JSON API does not serve: SOAP reads it where the server has SOAP; on a
    server that serves only the JSON API the task is read over JSON and names the part unavailable."""
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user_info
    info_objects(server, run_module)
    server.app.json_api.mode = mode
    server.emulator.counters.reset()
    info = run_module(smartermail_user_info, dict(api="auto", domain="unit.test", include=["activesync"]))
    assert not info.get("failed") and info["api"] == api, info
    assert [u["name"] for u in info["users"]] == ["ann", "bob", "postmaster"]
    assert ("unavailable" in info) == (api == "json") and server.writes() == 0
    if api == "json":
        assert "activesync" in info["unavailable"] and "serves only the JSON API" in str(info["warnings"])


def test_server_info_over_json_reads_the_product_and_reports_the_rest(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_info
    info = run_module(smartermail_info, dict(JSON, gather=["product", "hostnames", "ids"]))
    assert info["api"] == "json" and not info.get("failed"), info
    edition = run_module(smartermail_info, dict(gather=["product"]))["product"]["edition"]  # over SOAP
    assert info["product"] == {"name": "SmarterMail", "version": "100.0.9693", "edition": edition,
                               "license_key_set": None}
    assert info["gathered"] == ["product"] and sorted(info["unavailable"]) == ["hostnames", "ids"]
    assert "hostnames" not in info and "ids is not available over the JSON API" in str(info["warnings"])
    server.requests.clear()
    refused = run_module(smartermail_info, dict(JSON, system_settings_keys=["SmtpBanner"]))
    assert refused["failed"] and "system_settings_keys" in refused["msg"] and server.requests == [], refused


def test_antivirus_info_over_json_reads_the_command_line(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_antivirus, smartermail_antivirus_info
    set_ = run_module(smartermail_antivirus, {"command_line": {"command": "scan.exe %1"}})
    assert set_["changed"], set_
    info = run_module(smartermail_antivirus_info, dict(JSON, groups=["command_line", "clamav"]))
    assert info["api"] == "json" and info["settings"] == {"command_line": {"command": "scan.exe %1"}}, info
    assert list(info["unavailable"]) == ["clamav"]
    assert "json:GET settings/sysadmin/antivirus/settings" in server.counters()["operations"]


def test_license_over_json_is_refused_before_any_call(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_license
    result = run_module(smartermail_license, dict(JSON, key="ABCD-1234", activate=False))
    assert result["failed"] and "the licence key cannot be managed over the JSON API" in result["msg"], result
    assert "licensing/about" in result["msg"] and "ABCD-1234" not in result["msg"]
    assert server.requests == []


def test_auto_reads_over_soap_what_the_json_readers_leave_out(server, run_module):
    """api auto: an _info task asking for a part the JSON API does not serve is read over SOAP (with a
    warning); one whose parts are all served is read over JSON."""
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_domain_info, smartermail_info
    run_module(smartermail_domain, BASE)
    auto = {"api": "auto"}
    served = run_module(smartermail_domain_info, dict(auto, names=["unit.test"]))
    assert served["api"] == "json" and "unavailable" not in served, served
    whole = run_module(smartermail_info, dict(auto, gather=["product", "hostnames"]))
    assert whole["api"] == "soap" and "unavailable" not in whole and whole["hostnames"] is not None, whole
    assert "using SOAP: gather naming a part the JSON API does not serve" in str(whole["warnings"])
    product = run_module(smartermail_info, dict(auto, gather=["product"]))
    assert product["api"] == "json" and product["product"]["version"].startswith("100."), product


def test_a_user_no_op_reads_names_only_for_the_entries_that_give_them(server, run_module):
    from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user
    run_module(smartermail_domain, BASE)
    users = [{"name": "u%d" % n, "password": "User-Pw-%d-1234" % n, "max_mailbox_size_mb": 10} for n in range(4)]
    users[0].update(first_name="Ann", last_name="A")
    run_module(smartermail_user, dict(JSON, domain="unit.test", update_password="on_create", users=users))
    server.emulator.counters.reset()
    again = run_module(smartermail_user, dict(JSON, domain="unit.test", update_password="on_create", users=users))
    assert not again["changed"] and again["api"] == "json", again
    reads = dict((op, v["reads"]) for op, v in server.counters()["operations"].items() if v["reads"])
    # one list of users, and the names of the one user whose entry gives them
    assert reads.get("json:GET settings/domain/list-users") == 1
    assert reads.get("json:GET settings/domain/user-mail/{email}") == 1, reads
    shown = dict((u["name"], u) for u in again["users"])
    assert shown["u0"]["first_name"] == "Ann" and "first_name" not in shown["u1"]

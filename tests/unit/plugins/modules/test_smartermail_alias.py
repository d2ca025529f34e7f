# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_alias, smartermail_domain


def make_domain(run_module, name="unit.test"):
    result = run_module(smartermail_domain, {"name": name, "primary_admin": "postmaster",
                                             "primary_admin_password": "Pm-Unit-1"})
    assert result["changed"], result


def test_create_ladder(server, run_module):
    make_domain(run_module)
    args = {"domain": "unit.test", "name": "sales", "addresses": ["b@unit.test", "a@unit.test"]}
    before = server.writes()
    check = run_module(smartermail_alias, args, check_mode=True)
    assert check["changed"] and server.writes() == before
    # The task does not manage the catch-all, so it is not read and not reported.
    assert check["diff"] == {"before": {}, "after": {"name": "sales", "addresses": ["a@unit.test", "b@unit.test"]}}
    real = run_module(smartermail_alias, args)
    assert real["changed"] and server.writes() == before + 1
    again = run_module(smartermail_alias, dict(args, addresses=["A@unit.test", "b@unit.test"]))
    assert not again["changed"] and server.writes() == before + 1
    assert run_module(smartermail_alias, args, check_mode=True)["changed"] is False


def test_bulk_one_read_and_writes_only_for_differences(server, run_module):
    make_domain(run_module)
    run_module(smartermail_alias, {"domain": "unit.test", "aliases": [
        {"name": "a", "addresses": ["x@unit.test"]}, {"name": "b", "addresses": ["y@unit.test"]}]})
    server.emulator.counters.reset()
    result = run_module(smartermail_alias, {"domain": "unit.test", "aliases": [
        {"name": "a", "addresses": ["x@unit.test"]}, {"name": "b", "addresses": ["z@unit.test"]},
        {"name": "c", "addresses": ["x@unit.test"]}]})
    ops = server.counters()["operations"]
    assert result["created"] == ["c"] and result["updated"] == ["b"] and result["removed"] == []
    assert ops["svcAliasAdmin.GetAliases"]["reads"] == 1
    assert server.counters()["writes"] == 2
    assert result["diff"]["before"]["aliases"]["b"]["addresses"] == ["y@unit.test"]
    assert result["diff"]["after"]["aliases"]["b"]["addresses"] == ["z@unit.test"]


def test_purge_respects_keep(server, run_module):
    make_domain(run_module)
    run_module(smartermail_alias, {"domain": "unit.test", "aliases": [
        {"name": n, "addresses": ["x@unit.test"]} for n in ("a", "b", "c")]})
    result = run_module(smartermail_alias, {"domain": "unit.test", "purge": True, "keep": ["c@unit.test"],
                                            "aliases": [{"name": "a", "addresses": ["x@unit.test"]}]})
    assert result["removed"] == ["b"]
    assert [a["name"] for a in result["aliases"]] == ["a", "c"]


def test_two_catch_alls_are_refused_before_any_call(server, run_module):
    result = run_module(smartermail_alias, {"domain": "unit.test", "aliases": [
        {"name": "a", "addresses": ["x@unit.test"], "catch_all": True},
        {"name": "b", "addresses": ["x@unit.test"], "catch_all": True}]})
    assert result["failed"] and "only one alias can be the catch-all" in result["msg"]
    assert server.requests == []


def test_partial_failure_says_what_was_applied(server, run_module):
    make_domain(run_module)
    run_module(smartermail_domain, {"name": "unit.test", "max_aliases": 1})
    result = run_module(smartermail_alias, {"domain": "unit.test", "aliases": [
        {"name": "a", "addresses": ["x@unit.test"]}, {"name": "b", "addresses": ["x@unit.test"]}]})
    assert result["failed"]
    assert result["changes_applied"] == ["create alias a@unit.test"]
    assert "changes applied before the failure: create alias a@unit.test" in result["msg"]
    assert "svcAliasAdmin.AddAlias" in result["msg"]


def test_missing_connection_names_the_environment(server, run_module, monkeypatch):
    for name in ("SMARTERMAIL_URL", "SMARTERMAIL_USERNAME", "SMARTERMAIL_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    result = run_module(smartermail_alias, {"domain": "unit.test", "name": "a"}, connection=False)
    assert result["failed"]
    assert "url (or the SMARTERMAIL_URL environment variable)" in result["msg"]


def test_connection_from_the_environment(server, run_module, monkeypatch):
    from module_harness import PASSWORD, URL
    monkeypatch.setenv("SMARTERMAIL_URL", URL)
    monkeypatch.setenv("SMARTERMAIL_USERNAME", "admin")
    monkeypatch.setenv("SMARTERMAIL_PASSWORD", PASSWORD)
    make_domain(run_module)
    result = run_module(smartermail_alias, {"domain": "unit.test", "name": "env", "addresses": ["e@unit.test"]},
                        connection=False)
    assert result["changed"] and result["alias"]["addresses"] == ["e@unit.test"]


def test_catch_all_is_reported_only_as_read(server, run_module):
    make_domain(run_module)
    run_module(smartermail_alias, {"domain": "unit.test", "name": "sales", "addresses": ["a@unit.test"],
                                   "catch_all": True})
    untouched = run_module(smartermail_alias, {"domain": "unit.test", "name": "sales", "addresses": ["a@unit.test"]})
    assert not untouched["changed"] and "catch_all" not in untouched["alias"]
    read = run_module(smartermail_alias, {"domain": "unit.test", "name": "sales", "catch_all": True})
    assert not read["changed"] and read["alias"]["catch_all"] is True

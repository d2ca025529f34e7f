# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Estate tasks: list entries that name their own domain (``_engine.estate``), over both APIs."""
import pytest

from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_alias, smartermail_dkim, smartermail_domain, smartermail_user)

DOMAINS = ("c.test", "a.test", "b.test")


def make_domains(run_module, names=DOMAINS):
    for name in names:
        result = run_module(smartermail_domain, {"name": name, "primary_admin": "postmaster",
                                                 "primary_admin_password": "Pm-Unit-1"})
        assert result["changed"], result


def aliases(names=("sales", "info"), domains=DOMAINS):
    return [{"domain": d, "name": n, "addresses": ["x@%s" % d]} for d in domains for n in names]


def server_aliases(server, domain):
    return sorted(server.state()["domains"][domain]["aliases"])


@pytest.mark.parametrize("api", ["soap", "json"])
def test_alias_ladder_over_three_domains(server, run_module, api):
    make_domains(run_module)
    args = {"aliases": aliases(), "api": api}
    before = server.writes()
    check = run_module(smartermail_alias, args, check_mode=True)
    assert check["changed"] and server.writes() == before
    # domain after domain in the order of their names, each domain's in the order listed
    assert check["created"] == ["sales@a.test", "info@a.test", "sales@b.test", "info@b.test",
                                "sales@c.test", "info@c.test"]
    real = run_module(smartermail_alias, args)
    assert real["changed"] and real["api"] == api and server.writes() == before + 6
    assert real["created"] == check["created"]
    # the writes in the order of the domains' names, each as that domain's own task says it
    assert [c.rsplit("@", 1)[1] for c in real["changes"]] == ["a.test"] * 2 + ["b.test"] * 2 + ["c.test"] * 2
    assert {"name": "sales", "domain": "b.test", "addresses": ["x@b.test"]} in [
        dict((k, a[k]) for k in ("name", "domain", "addresses")) for a in real["aliases"]]
    assert set(real["diff"]["after"]["aliases"]) == set(real["created"])
    for domain in DOMAINS:
        assert server_aliases(server, domain) == ["info", "sales"]
    again = run_module(smartermail_alias, args)
    assert not again["changed"] and server.writes() == before + 6
    assert run_module(smartermail_alias, args, check_mode=True)["changed"] is False


def test_result_feeds_back_unchanged(server, run_module):
    make_domains(run_module)
    first = run_module(smartermail_alias, {"aliases": aliases()})
    writes = server.writes()
    again = run_module(smartermail_alias, {"aliases": [
        dict((k, a[k]) for k in ("domain", "name", "addresses")) for a in first["aliases"]]})
    assert not again["changed"] and server.writes() == writes


def test_purge_is_per_domain_and_keep_names_its_domain(server, run_module):
    make_domains(run_module)
    run_module(smartermail_alias, {"aliases": aliases(("sales", "info", "old", "legacy"))})
    result = run_module(smartermail_alias, {"aliases": aliases(("sales",), ("a.test", "b.test")), "purge": True,
                                            "keep": ["old@b.test", "legacy"]})
    assert sorted(result["removed"]) == ["info@a.test", "info@b.test", "old@a.test"]
    assert server_aliases(server, "a.test") == ["legacy", "sales"]
    assert server_aliases(server, "b.test") == ["legacy", "old", "sales"]
    # a domain no entry names is not touched
    assert server_aliases(server, "c.test") == ["info", "legacy", "old", "sales"]


def test_top_level_domain_is_the_default_and_is_purged_too(server, run_module):
    make_domains(run_module)
    run_module(smartermail_alias, {"aliases": aliases()})
    result = run_module(smartermail_alias, {"domain": "c.test", "purge": True, "aliases": [
        {"name": "sales", "addresses": ["x@c.test"]}, {"domain": "A.TEST.", "name": "sales", "addresses": ["x@a.test"]}]})
    assert sorted(result["removed"]) == ["info@a.test", "info@c.test"]
    assert server_aliases(server, "b.test") == ["info", "sales"]


@pytest.mark.parametrize("args, message", [
    ({"aliases": [{"domain": "a.test", "name": "s", "addresses": ["x@a.test"]}, {"name": "t", "addresses": ["x@a.test"]}]},
     "aliases[1] (alias t) names no domain"),
    ({"aliases": [{"domain": "a.test", "name": "s", "addresses": ["x@a.test"]}], "purge": True, "keep": ["s@z.test"]},
     "keep entry 's@z.test' names domain z.test, which no entry of aliases names"),
    ({"aliases": [{"domain": "a.test", "name": "s", "addresses": ["x@a.test"]},
                  {"domain": "b.test", "name": "bad name", "addresses": ["x@b.test"]}]},
     "b.test: "),
    ({"aliases": [{"domain": "a.test", "name": "s", "addresses": ["x@a.test"]}], "parallel_reads": 0},
     "parallel_reads must be from 1 to 16"),
])
def test_bad_input_in_any_domain_fails_before_any_call(server, run_module, args, message):
    result = run_module(smartermail_alias, args)
    assert result["failed"] and message in result["msg"], result
    assert server.requests == []


def test_a_domain_that_cannot_be_read_fails_before_any_write(server, run_module):
    make_domains(run_module, ("a.test",))
    writes = server.writes()
    result = run_module(smartermail_alias, {"aliases": aliases(domains=("a.test", "missing.test"))})
    assert result["failed"] and server.writes() == writes
    assert not result.get("changed") and server_aliases(server, "a.test") == []


def test_a_failed_write_names_what_every_domain_applied(server, run_module):
    make_domains(run_module, ("a.test", "b.test"))
    # an alias b.test cannot create: the domain's alias limit is reached
    run_module(smartermail_domain, {"name": "b.test", "max_aliases": 1})
    result = run_module(smartermail_alias, {"aliases": aliases(domains=("a.test", "b.test"))})
    assert result["failed"] and result["changed"]
    assert result["changes_applied"][:2] == ["create alias sales@a.test", "create alias info@a.test"]
    assert "changes applied before the failure: create alias sales@a.test; create alias info@a.test" in result["msg"]


@pytest.mark.parametrize("api", ["soap", "json"])
def test_users_over_many_domains_read_in_parallel_log_in_once(server, run_module, api):
    domains = ["d%02d.test" % i for i in range(8)]
    make_domains(run_module, domains)
    users = [{"domain": d, "name": n, "password": "Unit-User-Pw-%s-1" % n} for d in domains for n in ("ann", "bob")]
    created = run_module(smartermail_user, {"users": users, "api": api, "update_password": "on_create"})
    assert created.get("changed") and len(created["created"]) == 16 and created["api"] == api, created
    assert all(u["domain"] in domains and u["address"] == "%s@%s" % (u["name"], u["domain"]) for u in created["users"])
    assert "Unit-User-Pw" not in repr(created)
    for workers in (1, 4):
        server.requests[:] = []
        again = run_module(smartermail_user, {"users": users, "api": api, "parallel_reads": workers,
                                              "update_password": "on_create"})
        assert not again["changed"], again
        logins = [p for m, p in server.requests if "authenticate-user" in p]
        # one session for the task, whatever the readers (never one a domain: 8 here); SOAP has none
        assert len(logins) == (0 if api == "soap" else 1), logins


def test_domains_covers_a_domain_no_entry_names(server, run_module):
    make_domains(run_module)
    run_module(smartermail_alias, {"aliases": aliases()})
    args = {"aliases": aliases(("sales",), ("a.test",)), "domains": ["b.test"], "purge": True, "keep": ["info"]}
    check = run_module(smartermail_alias, args, check_mode=True)
    assert sorted(check["removed"]) == ["sales@b.test"]
    result = run_module(smartermail_alias, args)
    assert sorted(result["removed"]) == ["sales@b.test"]
    assert result["by_domain"] == {"a.test": {"changed": False},
                                   "b.test": {"changed": True, "changes": ["delete alias sales@b.test"]}}
    assert server_aliases(server, "b.test") == ["info"] and server_aliases(server, "c.test") == ["info", "sales"]
    # domains alone, with an empty list: the same task of many domains
    again = run_module(smartermail_alias, {"aliases": [], "domains": ["b.test", "c.test"], "purge": True,
                                           "keep": ["info"]})
    assert again["removed"] == ["sales@c.test"] and server_aliases(server, "c.test") == ["info"]


def domain_entries(names, **options):
    return [dict({"name": n, "primary_admin": "postmaster", "primary_admin_password": "Pm-Unit-1"}, **options)
            for n in names]


@pytest.mark.parametrize("api", ["soap", "json"])
def test_domains_list_form_ladder(server, run_module, api):
    args = {"domains": domain_entries(["Zeta.test", "alpha.test."], max_users=5), "api": api}
    before = server.writes()
    check = run_module(smartermail_domain, args, check_mode=True)
    assert check["changed"] and check["created"] == ["alpha.test", "zeta.test"] and server.writes() == before
    real = run_module(smartermail_domain, args)
    assert real["changed"] and real["created"] == ["alpha.test", "zeta.test"] and real["api"] == api
    assert [d["name"] for d in real["domains"]] == ["alpha.test", "zeta.test"]
    assert all(d["max_users"] == 5 for d in real["domains"])
    assert sorted(real["diff"]["after"]["domains"]) == ["alpha.test", "zeta.test"]
    assert "Pm-Unit-1" not in repr(real)
    writes = server.writes()
    again = run_module(smartermail_domain, args)
    assert not again["changed"] and server.writes() == writes and again["created"] == []
    changed = run_module(smartermail_domain, dict(args, domains=domain_entries(["alpha.test"], max_users=7)))
    assert changed["updated"] == ["alpha.test"] and changed["by_domain"]["alpha.test"]["changed"]
    # the result's domains feed back unchanged
    fed = run_module(smartermail_domain, {"api": api, "domains": [
        dict((k, v) for k, v in d.items() if k in ("name", "max_users", "enabled", "primary_admin"))
        for d in changed["domains"]]})
    assert not fed["changed"], fed


def test_domains_purge_keeps_what_keep_names(server, run_module):
    make_domains(run_module)
    args = {"domains": domain_entries(["a.test"]), "purge": True, "keep": ["C.TEST."]}
    check = run_module(smartermail_domain, args, check_mode=True)
    assert check["removed"] == ["b.test"] and sorted(server.state()["domains"]) == ["a.test", "b.test", "c.test"]
    result = run_module(smartermail_domain, args)
    assert result["removed"] == ["b.test"] and result["changes"] == ["delete domain b.test"]
    assert sorted(server.state()["domains"]) == ["a.test", "c.test"]


@pytest.mark.parametrize("args, message", [
    ({"domains": domain_entries(["a.test", "A.test."])}, "domains[1]: domain a.test is listed more than once"),
    ({"domains": domain_entries(["a.test"]), "purge": True, "keep": ["not a domain"]},
     "keep entry 'not a domain' cannot match any domain"),
    ({"domains": domain_entries(["a.test", "bad_name"])}, "bad_name: "),
    ({"domains": domain_entries(["a.test"]), "max_users": 3}, "mutually exclusive"),
])
def test_domains_bad_input_fails_before_any_call(server, run_module, args, message):
    result = run_module(smartermail_domain, args)
    assert result["failed"] and message in result["msg"], result
    assert server.requests == []


def test_a_purge_by_a_domain_administrator_fails_before_any_write(server, run_module):
    # only a system administrator may list the server's domains: nothing is removed
    make_domains(run_module, ("a.test", "b.test"))
    writes = server.writes()
    result = run_module(smartermail_domain, {"domains": [], "purge": True, "username": "postmaster@b.test",
                                             "password": "Pm-Unit-1"})
    assert result["failed"] and "GetAllDomains" in result["msg"] and not result.get("changed"), result
    assert server.writes() == writes and sorted(server.state()["domains"]) == ["a.test", "b.test"]


@pytest.mark.parametrize("api", ["soap", "json"])
def test_dkim_keys_of_many_domains_in_one_task(server, run_module, api):
    make_domains(run_module, ("b.test", "a.test"))
    keys = [{"domain": d} if api == "json" else {"domain": d, "selector": "mail"} for d in ("b.test", "a.test")]
    args = {"domains": [dict(k, key_size=1024) for k in keys], "api": api}
    writes = server.writes()
    check = run_module(smartermail_dkim, args, check_mode=True)
    assert check["changed"] and check["created"] == ["a.test", "b.test"] and server.writes() == writes
    real = run_module(smartermail_dkim, args)
    assert real["changed"] and real["created"] == ["a.test", "b.test"] and real["api"] == api
    records = dict((d, real["by_domain"][d]["dns_record"]["name"].split("._domainkey.")[1]) for d in ("a.test", "b.test"))
    assert records == {"a.test": "a.test", "b.test": "b.test"}
    assert len(real["signing_keys"]) == 2
    again = run_module(smartermail_dkim, args)
    assert not again["changed"] and again["by_domain"]["a.test"]["dns_record"] == real["by_domain"]["a.test"]["dns_record"]


def test_the_diff_names_only_what_changes(server, run_module):
    make_domains(run_module)
    run_module(smartermail_alias, {"aliases": aliases()})
    drifted = aliases()
    drifted[3]["addresses"] = ["y@a.test"]  # info@a.test (the domains are listed c, a, b)
    result = run_module(smartermail_alias, {"aliases": drifted}, check_mode=True)
    assert result["updated"] == ["info@a.test"]
    assert list(result["diff"]["before"]["aliases"]) == ["info@a.test"]
    assert result["diff"]["after"]["aliases"]["info@a.test"]["addresses"] == ["y@a.test"]
    assert len(result["aliases"]) == 6  # the result still lists every alias

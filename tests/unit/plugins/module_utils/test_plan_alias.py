# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of aliases and domain aliases: current + desired in, the exact writes out."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.alias import AliasResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_alias import DomainAliasResource

BASE = {"domain": "ex.test", "name": None, "addresses": None, "catch_all": None, "state": "present",
        "aliases": None, "purge": False, "keep": []}


def alias(name, *addresses, **extra):
    return dict({"name": name, "addresses": list(addresses)}, **extra)


def plan(params, current, catch_all=None):
    resource = AliasResource(dict(BASE, **params))
    entries = engine.validate(resource)
    current = dict((k, dict(v)) for k, v in current.items())
    context = {}
    if catch_all is not None:
        context = {"catch_all": catch_all}
        for key, obj in current.items():
            obj["catch_all"] = key == catch_all
    out = engine.plan(resource, entries, current, context)
    return [(w.operation, w.params) for w in out.plan.writes], out


CURRENT = {"a": alias("a", "x@ex.test"), "b": alias("b", "y@ex.test"), "c": alias("c", "z@ex.test")}


def test_single_create_update_unchanged_absent():
    assert plan({"name": "n", "addresses": ["Q@ex.test"]}, CURRENT)[0] == [
        ("AddAlias", {"DomainName": "ex.test", "AliasName": "n", "Addresses": ["q@ex.test"]})]
    assert plan({"name": "a@EX.test", "addresses": ["w@ex.test"]}, CURRENT)[0] == [
        ("UpdateAlias", {"DomainName": "ex.test", "AliasName": "a", "Addresses": ["w@ex.test"]})]
    assert plan({"name": "a", "addresses": ["X@ex.test"]}, CURRENT)[0] == []
    assert plan({"name": "a", "state": "absent"}, CURRENT, catch_all="")[0] == [
        ("DeleteAlias", {"DomainName": "ex.test", "AliasName": "a"})]


def test_deleting_the_catch_all_clears_it_first():
    writes, out = plan({"name": "a", "state": "absent"}, CURRENT, catch_all="a")
    assert [w[0] for w in writes] == ["SetCatchAll", "DeleteAlias"]
    assert writes[0][1]["AliasName"] == ""


def test_collection_order_create_update_link_remove():
    writes, out = plan({"aliases": [alias("a", "x@ex.test"), alias("b", "new@ex.test"),
                                    alias("d", "x@ex.test", catch_all=True)], "purge": True}, CURRENT, catch_all="c")
    assert [(w[0], w[1].get("AliasName")) for w in writes] == [
        ("AddAlias", "d"), ("UpdateAlias", "b"), ("SetCatchAll", "d"), ("DeleteAlias", "c")]
    assert out.after["d"]["catch_all"] and not out.after["a"]["catch_all"]


def test_purge_keeps_keep_and_check_of_unmatched_keep():
    writes, out = plan({"aliases": [alias("a", "x@ex.test")], "purge": True, "keep": ["c@ex.test"]}, CURRENT,
                       catch_all="")
    assert writes == [("DeleteAlias", {"DomainName": "ex.test", "AliasName": "b"})]
    with pytest.raises(engine.InputError, match="keep entry 'b@exmaple.test' cannot match any alias: "
                                                "alias 'b@exmaple.test' belongs to another domain than ex.test"):
        plan({"aliases": [alias("a", "x@ex.test")], "purge": True, "keep": ["b@exmaple.test"]}, CURRENT)


def test_create_without_addresses_is_refused_before_writes():
    with pytest.raises(engine.PlanError, match="addresses is required to create alias new@ex.test"):
        plan({"aliases": [alias("a", "x@ex.test"), {"name": "new", "addresses": None}]}, CURRENT)


def test_single_mode_never_clears_another_alias_as_catch_all():
    writes, out = plan({"name": "a", "catch_all": False}, CURRENT, catch_all="b")
    assert writes == []


DA = {"domain": "ex.test", "name": None, "names": None, "state": "present", "mx_check": True, "purge": False,
      "keep": []}


def domain_alias_plan(params, current=("one.test", "two.test")):
    resource = DomainAliasResource(dict(DA, **params))
    out = engine.plan(resource, engine.validate(resource), dict((k, {"name": k}) for k in current))
    return [(w.operation, w.params["DomainAliasName"]) for w in out.plan.writes]


def test_domain_alias_plans():
    assert domain_alias_plan({"name": "New.test."}) == [("AddDomainAlias", "new.test")]
    assert domain_alias_plan({"name": "new.test", "mx_check": False}) == [("AddDomainAliasWithoutMxCheck", "new.test")]
    assert domain_alias_plan({"names": ["one.test"], "purge": True}) == [("DeleteDomainAlias", "two.test")]
    # keep is normalized like the names: a trailing dot still matches
    assert domain_alias_plan({"names": ["one.test"], "purge": True, "keep": ["two.test."]}) == []
    assert domain_alias_plan({"name": "one.test", "state": "absent", "purge": True}) == [
        ("DeleteDomainAlias", "one.test")]

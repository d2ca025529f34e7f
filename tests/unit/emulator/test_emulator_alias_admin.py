# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcAliasAdmin through zeep against the running emulator."""

from __future__ import annotations

from emu_helpers import add_domain, arr, assert_fail, assert_ok, ops_called_in, strings

from mailops_emulator import results

SVC = "svcAliasAdmin"


def _alias(emu, name, domain="example.com"):
    return emu.state()["domains"][domain]["aliases"].get(name)


def test_add_get_update_delete(soap, emu):
    add_domain(soap)
    assert_ok(soap(SVC, "AddAlias", DomainName="example.com", AliasName="Sales", Addresses=arr("a@x.org", "b@y.org")))
    assert _alias(emu, "sales") == {"name": "sales", "addresses": ["a@x.org", "b@y.org"]}

    got = assert_ok(soap(SVC, "GetAlias", DomainName="example.com", AliasName="sales"))
    assert got["AliasInfo"]["Name"] == "sales"
    assert strings(got["AliasInfo"]["Addresses"]) == ["a@x.org", "b@y.org"]

    assert_ok(
        soap(SVC, "UpdateAlias", DomainName="example.com", AliasName="sales@example.com", Addresses=arr("c@z.org"))
    )
    assert _alias(emu, "sales")["addresses"] == ["c@z.org"]

    listed = assert_ok(soap(SVC, "GetAliases", DomainName="example.com"))
    infos = listed["AliasInfos"]["AliasInfo"]
    assert [(i["Name"], strings(i["Addresses"])) for i in infos] == [("sales", ["c@z.org"])]

    assert_ok(soap(SVC, "DeleteAlias", DomainName="example.com", AliasName="sales"))
    assert _alias(emu, "sales") is None
    assert_fail(soap(SVC, "DeleteAlias", DomainName="example.com", AliasName="sales"), results.NOT_FOUND)


def test_get_missing_alias_answers_empty(soap):
    add_domain(soap)
    got = assert_ok(soap(SVC, "GetAlias", DomainName="example.com", AliasName="ghost"))
    assert got["AliasInfo"]["Name"] == "Empty"
    assert strings(got["AliasInfo"]["Addresses"]) == []


def test_alias_rules(soap, emu):
    add_domain(soap, MaxAliases=1)
    bad = soap(SVC, "AddAlias", DomainName="example.com", AliasName="info", Addresses=arr("not-an-address"))
    assert_fail(bad, results.INVALID_INPUT, "Invalid email address: 'not-an-address'.")
    assert_fail(
        soap(SVC, "AddAlias", DomainName="example.com", AliasName="info", Addresses=arr()), results.INVALID_INPUT
    )
    assert_fail(
        soap(SVC, "AddAlias", DomainName="example.com", AliasName="bad name", Addresses=arr("a@x.org")),
        results.INVALID_INPUT,
    )
    assert_fail(
        soap(SVC, "AddAlias", DomainName="example.com", AliasName="info@other.org", Addresses=arr("a@x.org")),
        results.INVALID_INPUT,
    )
    # the primary admin is a user: its name is taken
    assert_fail(
        soap(SVC, "AddAlias", DomainName="example.com", AliasName="postmaster", Addresses=arr("a@x.org")),
        results.ALREADY_EXISTS,
    )
    assert_ok(soap(SVC, "AddAlias", DomainName="example.com", AliasName="info", Addresses=arr("a@x.org")))
    assert_fail(
        soap(SVC, "AddAlias", DomainName="example.com", AliasName="info", Addresses=arr("a@x.org")),
        results.ALREADY_EXISTS,
    )
    limited = soap(SVC, "AddAlias", DomainName="example.com", AliasName="sales", Addresses=arr("a@x.org"))
    assert_fail(limited, results.LIMIT_REACHED, "maximum number of aliases (1)")
    assert_fail(
        soap(SVC, "UpdateAlias", DomainName="example.com", AliasName="ghost", Addresses=arr("a@x.org")),
        results.NOT_FOUND,
    )
    assert_fail(soap(SVC, "GetAliases", DomainName="nowhere.org"), results.NOT_FOUND, "does not exist")
    assert list(emu.state()["domains"]["example.com"]["aliases"]) == ["info"]


def test_catch_all(soap, emu):
    add_domain(soap)
    assert_ok(soap(SVC, "AddAlias", DomainName="example.com", AliasName="catch", Addresses=arr("a@x.org")))
    assert_fail(soap(SVC, "SetCatchAll", DomainName="example.com", AliasName="ghost"), results.NOT_FOUND)
    assert_ok(soap(SVC, "SetCatchAll", DomainName="example.com", AliasName="catch"))
    assert emu.state()["domains"]["example.com"]["settings"]["catchall"] == "catch"
    users = soap("svcDomainAdmin", "GetDomainUsers", DomainName="example.com")
    assert users["CatchAll"] is True
    got = soap(
        "svcDomainAdmin", "GetRequestedDomainSettings", DomainName="example.com", requestedSettings=arr("catchall")
    )
    assert strings(got["settingValues"]) == ["catchall=catch"]

    assert_ok(soap(SVC, "SetCatchAll", DomainName="example.com", AliasName=""))
    assert emu.state()["domains"]["example.com"]["settings"]["catchall"] == ""

    assert_ok(soap(SVC, "SetCatchAll", DomainName="example.com", AliasName="catch"))
    assert_ok(soap(SVC, "DeleteAlias", DomainName="example.com", AliasName="catch"))
    assert emu.state()["domains"]["example.com"]["settings"]["catchall"] == ""

    assert_ok(soap(SVC, "AddAlias", DomainName="example.com", AliasName="catch", Addresses=arr("a@x.org")))
    assert_ok(
        soap(
            "svcDomainAdmin",
            "SetRequestedDomainSettings",
            DomainName="example.com",
            newSettings=arr("enablecatchalls=False"),
        )
    )
    assert_fail(soap(SVC, "SetCatchAll", DomainName="example.com", AliasName="catch"), results.CONFLICT)


def test_domain_admin_scope(soap, emu):
    add_domain(soap, "example.com", admin="boss", password="Boss-Pw-1")
    add_domain(soap, "other.org")
    mine = soap(
        SVC,
        "AddAlias",
        user="boss@example.com",
        password="Boss-Pw-1",
        DomainName="example.com",
        AliasName="team",
        Addresses=arr("a@x.org"),
    )
    assert_ok(mine)
    theirs = soap(
        SVC,
        "AddAlias",
        user="boss@example.com",
        password="Boss-Pw-1",
        DomainName="other.org",
        AliasName="team",
        Addresses=arr("a@x.org"),
    )
    assert_fail(theirs, results.NO_PERMISSION, "Permission denied")
    assert "team" not in emu.state()["domains"]["other.org"]["aliases"]
    wrong = soap(SVC, "GetAliases", user="boss@example.com", password="nope", DomainName="example.com")
    assert_fail(wrong, results.LOGIN_FAILED)
    assert wrong["Message"] == "Failed to log in."


def test_soap12(soap, emu):
    add_domain(soap)
    assert_ok(soap(SVC, "AddAlias", soap12=True, DomainName="example.com", AliasName="v12", Addresses=arr("a@x.org")))
    got = soap(SVC, "GetAlias", soap12=True, DomainName="example.com", AliasName="v12")
    assert strings(got["AliasInfo"]["Addresses"]) == ["a@x.org"]


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert ops_called_in(__file__, names) == []

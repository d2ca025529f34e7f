# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcDomainAliasAdmin through zeep against the running emulator."""

from __future__ import annotations

from emu_helpers import add_domain, assert_fail, assert_ok, ops_called_in, strings

from mailops_emulator import results

SVC = "svcDomainAliasAdmin"


def _aliases(emu, domain="example.com"):
    return emu.state()["domains"][domain]["domain_aliases"]


def test_add_with_mx_check(soap, emu):
    add_domain(soap)
    res = soap(SVC, "AddDomainAlias", DomainName="example.com", DomainAliasName="example.net")
    assert_fail(res, results.MX_CHECK_FAILED, "MX record check failed")
    assert _aliases(emu) == []
    emu.set_mx(["Example.NET"])
    assert emu.state()["server"]["mx_verified"] == ["example.net"]
    assert_ok(soap(SVC, "AddDomainAlias", DomainName="example.com", DomainAliasName="example.net"))
    assert _aliases(emu) == ["example.net"]
    got = assert_ok(soap(SVC, "GetAliases", DomainName="example.com"))
    assert strings(got["DomainAliasNames"]) == ["example.net"]


def test_without_mx_check_limits_and_delete(soap, emu):
    add_domain(soap, MaxDomainAliases=1)
    add_domain(soap, "other.org")
    assert_ok(soap(SVC, "AddDomainAliasWithoutMxCheck", DomainName="example.com", DomainAliasName="ex.net"))
    assert_fail(
        soap(SVC, "AddDomainAliasWithoutMxCheck", DomainName="example.com", DomainAliasName="ex2.net"),
        results.LIMIT_REACHED,
        "maximum number of domain aliases (1)",
    )
    # names in use anywhere on the server are refused
    assert_fail(
        soap(SVC, "AddDomainAliasWithoutMxCheck", DomainName="other.org", DomainAliasName="ex.net"),
        results.ALREADY_EXISTS,
    )
    assert_fail(
        soap(SVC, "AddDomainAliasWithoutMxCheck", DomainName="other.org", DomainAliasName="example.com"),
        results.ALREADY_EXISTS,
    )
    assert_fail(
        soap(SVC, "AddDomainAliasWithoutMxCheck", DomainName="other.org", DomainAliasName="bad_name"),
        results.INVALID_INPUT,
    )
    assert_fail(
        soap(
            "svcDomainAdmin",
            "AddDomainEx",
            DomainName="ex.net",
            Path="",
            PrimaryDomainAdminUserName="a",
            PrimaryDomainAdminPassword="p",
            PrimaryDomainAdminFirstName="",
            PrimaryDomainAdminLastName="",
            IP="",
        ),
        results.ALREADY_EXISTS,
        "domain alias",
    )
    assert_ok(soap(SVC, "DeleteDomainAlias", DomainName="example.com", DomainAliasName="EX.net"))
    assert _aliases(emu) == []
    assert_fail(soap(SVC, "DeleteDomainAlias", DomainName="example.com", DomainAliasName="ex.net"), results.NOT_FOUND)
    assert_fail(soap(SVC, "GetAliases", DomainName="nope.org"), results.NOT_FOUND)


def test_domain_admin_rules(soap, emu):
    add_domain(soap)
    add_domain(soap, "other.org")
    emu.set_mx(["mine.net", "theirs.net"])
    da = {"user": "postmaster@example.com", "password": "Dom-Pw-1"}
    assert_ok(soap(SVC, "AddDomainAlias", DomainName="example.com", DomainAliasName="mine.net", **da))
    assert_fail(
        soap(SVC, "AddDomainAlias", DomainName="other.org", DomainAliasName="theirs.net", **da), results.NO_PERMISSION
    )
    # documented: domain admins may not bypass the MX check
    assert_fail(
        soap(SVC, "AddDomainAliasWithoutMxCheck", DomainName="example.com", DomainAliasName="gmail.com", **da),
        results.NO_PERMISSION,
    )
    assert_ok(
        soap(
            "svcDomainAdmin",
            "SetRequestedDomainSettings",
            DomainName="example.com",
            newSettings={"string": ["showdomainaliasmenu=False"]},
        )
    )
    assert_fail(
        soap(SVC, "DeleteDomainAlias", DomainName="example.com", DomainAliasName="mine.net", **da),
        results.NO_PERMISSION,
    )
    assert _aliases(emu) == ["mine.net"]


def test_soap12(soap, emu):
    add_domain(soap)
    assert_ok(
        soap(SVC, "AddDomainAliasWithoutMxCheck", soap12=True, DomainName="example.com", DomainAliasName="v12.net")
    )
    assert strings(soap(SVC, "GetAliases", soap12=True, DomainName="example.com")["DomainAliasNames"]) == ["v12.net"]


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert ops_called_in(__file__, names) == []

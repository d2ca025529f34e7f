# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcGlobalUpdate through zeep against the running emulator."""

from __future__ import annotations

from emu_helpers import add_domain, assert_fail, assert_ok, ops_called_in

from mailops_emulator import results

SVC = "svcGlobalUpdate"


def fields(*pairs):
    return {"DomainSettingFieldStruct": [{"name": n, "val": v} for n, v in pairs]}


def test_field_list(soap):
    got = assert_ok(soap(SVC, "ListGlobalUpdateFields"))["fields"]["GlobalUpdateFieldInfoResult"]
    by_name = {f["name"]: f for f in got}
    assert by_name["maxaliases"]["type"] == "Int32" and by_name["maxaliases"]["defaultValue"] == "0"
    assert by_name["enablecatchalls"]["type"] == "Boolean" and by_name["enablecatchalls"]["defaultValue"] == "True"
    assert by_name["maxaliases"]["description"]
    # per-domain identity keys cannot be updated globally
    assert not {"catchall", "isenabled", "serverip"} & set(by_name)


def test_update_all_domains_and_status(soap, emu):
    status = assert_ok(soap(SVC, "GetGlobalUpdateStatus"))
    assert (status["isRunning"], status["finishedCount"], status["totalUpdateCount"]) == (False, 0, 0)
    add_domain(soap, "one.example")
    add_domain(soap, "two.example")
    assert_ok(soap("svcAliasAdmin", "AddAlias", DomainName="one.example", AliasName="all",
                   Addresses={"string": ["postmaster@one.example"]}))
    assert_ok(soap("svcAliasAdmin", "SetCatchAll", DomainName="one.example", AliasName="all"))
    assert_ok(soap(SVC, "UpdateAllDomainSettings", fields=fields(("MaxAliases", "25"), ("enablecatchalls", "False"))))
    domains = emu.state()["domains"]
    for name in ("one.example", "two.example"):
        assert domains[name]["settings"]["maxaliases"] == 25
        assert domains[name]["settings"]["enablecatchalls"] is False
    assert domains["one.example"]["settings"]["catchall"] == ""
    status = soap(SVC, "GetGlobalUpdateStatus")
    assert (status["isRunning"], status["finishedCount"], status["totalUpdateCount"]) == (False, 2, 2)


def test_update_is_all_or_nothing(soap, emu):
    add_domain(soap, "one.example")
    for bad in (("nosuchkey", "1"), ("maxaliases", "many"), ("catchall", "x"), ("imapport", "70000")):
        res = soap(SVC, "UpdateAllDomainSettings", fields=fields(("maxusers", "5"), bad))
        assert_fail(res, results.INVALID_INPUT)
    assert_fail(soap(SVC, "UpdateAllDomainSettings", fields=fields()), results.INVALID_INPUT)
    assert emu.state()["domains"]["one.example"]["settings"]["maxusers"] == 0
    assert emu.state()["server"].get("global_update") is None


def test_system_admin_only(soap, emu):
    add_domain(soap)
    assert_fail(soap(SVC, "GetGlobalUpdateStatus", user="postmaster@example.com", password="Dom-Pw-1"),
                results.NO_PERMISSION)


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert ops_called_in(__file__, names) == []

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcDomainAdmin through zeep against the running emulator: every operation, asserted on state."""

from __future__ import annotations

import base64
import datetime as dt

from cryptography.hazmat.primitives import serialization
from emu_helpers import add_domain, add_domain_params, arr, assert_fail, assert_ok, ops_called_in, strings

from mailops_emulator import results

SVC = "svcDomainAdmin"


def _dom(emu, name="example.com"):
    return emu.state()["domains"].get(name)


def test_add_domain_typed_settings_and_primary_admin(soap, emu):
    add_domain(
        soap,
        MaxAliases=5,
        MaxDomainSizeInMB=200,
        MaxDomainUsers=10,
        MaxDomainAliases=2,
        MaxLists=3,
        MaxMessageSize=1000,
        MaxRecipients=50,
        ShowSpamMenu=False,
        ListCommandAddress="listserv",
        ImapPort=1143,
        MaxMailboxSizeInMB=7,
        ShowStatsMenu=True,
    )
    dom = _dom(emu)
    assert dom["settings"]["maxaliases"] == 5
    assert dom["settings"]["maxsize"] == 200 * 1024
    assert dom["settings"]["maxusers"] == 10
    assert dom["settings"]["showspammenu"] is False
    assert dom["settings"]["listcommandaddress"] == "listserv"
    assert dom["path"] == "C:\\SmarterMail\\Domains\\example.com"
    assert dom["primary_admin"] == "postmaster"
    user = dom["users"]["postmaster"]
    assert user["is_domain_admin"] is True and user["password"] == "Dom-Pw-1"
    assert (user["first_name"], user["last_name"]) == ("Post", "Master")

    got = assert_ok(soap(SVC, "GetDomainSettings", domainName="example.com"))
    assert got["MaxAliases"] == 5 and got["MaxDomainSizeInMB"] == 200 and got["ImapPort"] == 1143
    assert got["ShowSpamMenu"] is False and got["ListCommandAddress"] == "listserv"
    assert got["MaxMailboxSizeInMB"] == 7 and got["ShowStatsMenu"] is True
    assert got["Path"] == dom["path"] and got["ServerIP"] == "127.0.0.1"

    again = soap(SVC, "AddDomain", **_add_params("EXAMPLE.com"))
    assert_fail(again, results.ALREADY_EXISTS, "already exists")
    assert_fail(soap(SVC, "AddDomain", **_add_params("not a domain")), results.INVALID_INPUT)
    assert_fail(soap(SVC, "AddDomain", **_add_params("x.org", PrimaryDomainAdminPassword="")), results.INVALID_INPUT)
    assert_fail(soap(SVC, "AddDomain", **_add_params("x.org", ImapPort=0)), results.INVALID_INPUT)
    assert sorted(emu.state()["domains"]) == ["example.com"]


def _add_params(name, **overrides):
    params = dict(Path="D:\\Mail\\" + name, PrimaryDomainAdminFirstName="", PrimaryDomainAdminLastName="", IP="",
                  ListCommandAddress="")
    params.update(overrides)
    return add_domain_params(name, "admin1", "Pw-123", **params)


def test_add_domain_ex_uses_defaults(soap, emu):
    assert_ok(
        soap(SVC, "SetRequestedDomainDefaults", newSettings=arr("defaultmaxaliases=7", "defaultshowspammenu=False"))
    )
    assert_ok(
        soap(
            SVC,
            "AddDomainEx",
            DomainName="ex.org",
            Path="",
            PrimaryDomainAdminUserName="boss",
            PrimaryDomainAdminPassword="Pw-1",
            PrimaryDomainAdminFirstName="B",
            PrimaryDomainAdminLastName="O",
            IP="10.0.0.5",
        )
    )
    dom = _dom(emu, "ex.org")
    assert dom["settings"]["maxaliases"] == 7
    assert dom["settings"]["showspammenu"] is False
    assert dom["settings"]["serverip"] == "10.0.0.5"
    assert dom["users"]["boss"]["is_domain_admin"] is True


def test_defaults(soap, emu):
    got = assert_ok(soap(SVC, "GetDomainDefaults"))
    assert got["ImapPort"] == 143 and got["MaxAliases"] == 0 and got["RequireSmtpAuthentication"] is True
    vals = soap(SVC, "GetRequestedDomainDefaults", requestedSettings=arr("defaultmaxaliases", "defaultshowspammenu"))
    assert strings(vals["settingValues"]) == ["defaultmaxaliases=0", "defaultshowspammenu=True"]
    assert_ok(soap(SVC, "SetRequestedDomainDefaults", newSettings=arr("defaultmaxaliases=3", "defaultimapport=1143")))
    assert emu.state()["server"]["domain_defaults"]["defaultmaxaliases"] == 3
    got = soap(SVC, "GetDomainDefaults")
    assert got["MaxAliases"] == 3 and got["ImapPort"] == 1143
    everything = strings(soap(SVC, "GetRequestedDomainDefaults", requestedSettings=arr())["settingValues"])
    assert "defaultmaxaliases=3" in everything and len(everything) > 20
    assert_fail(
        soap(SVC, "GetRequestedDomainDefaults", requestedSettings=arr("nosuchkey")),
        results.INVALID_INPUT,
        "Unknown setting key: 'nosuchkey'",
    )
    assert_fail(
        soap(SVC, "SetRequestedDomainDefaults", newSettings=arr("defaultmaxaliases=lots")), results.INVALID_INPUT
    )
    assert emu.state()["server"]["domain_defaults"]["defaultmaxaliases"] == 3


def test_requested_domain_settings(soap, emu):
    add_domain(soap)
    got = soap(
        SVC,
        "GetRequestedDomainSettings",
        DomainName="example.com",
        requestedSettings=arr("maxaliases", "isenabled", "requiresmtpauthentication", "locationtype"),
    )
    assert strings(got["settingValues"]) == [
        "maxaliases=0",
        "isenabled=True",
        "requiresmtpauthentication=True",
        "locationtype=local",
    ]
    assert_ok(
        soap(
            SVC,
            "SetRequestedDomainSettings",
            DomainName="example.com",
            newSettings=arr("maxaliases=4", "enablexmpp=False", "locationtype=externalmx"),
        )
    )
    settings = _dom(emu)["settings"]
    assert (settings["maxaliases"], settings["enablexmpp"], settings["locationtype"]) == (4, False, "externalmx")
    assert soap(SVC, "GetDomainSettings", domainName="example.com")["MaxAliases"] == 4
    # unknown key, bad value, bad enum: clear errors, nothing applied
    for bad, text in (
        ("bogus=1", "Unknown setting key: 'bogus'"),
        ("maxaliases=x", "expected an integer"),
        ("enablexmpp=maybe", "expected True or False"),
        ("locationtype=mars", "expected one of"),
    ):
        res = soap(SVC, "SetRequestedDomainSettings", DomainName="example.com", newSettings=arr("maxlists=9", bad))
        assert_fail(res, results.INVALID_INPUT, text)
    assert _dom(emu)["settings"]["maxlists"] == 0
    assert_fail(
        soap(SVC, "GetRequestedDomainSettings", DomainName="example.com", requestedSettings=arr("bogus")),
        results.INVALID_INPUT,
    )


def test_update_domain(soap, emu):
    add_domain(soap)
    params = {k: v for k, v in _add_params("example.com").items() if not k.startswith(("Primary", "Path", "IP"))}
    params.update(
        ServerIP="192.168.1.10", MaxAliases=9, MaxDomainSizeInMB=50, ShowListMenu=False, ListCommandAddress="lists"
    )
    assert_ok(soap(SVC, "UpdateDomain", **params))
    settings = _dom(emu)["settings"]
    assert settings["serverip"] == "192.168.1.10" and settings["maxaliases"] == 9
    assert settings["maxsize"] == 50 * 1024 and settings["showlistmenu"] is False
    assert settings["listcommandaddress"] == "lists"
    assert_fail(soap(SVC, "UpdateDomain", **{**params, "ServerIP": "999.1.1.1"}), results.INVALID_INPUT)
    assert_fail(soap(SVC, "UpdateDomain", **{**params, "DomainName": "nope.org"}), results.NOT_FOUND)


def test_enable_disable_reload_delete(soap, emu):
    add_domain(soap)
    assert_ok(soap(SVC, "DisableDomain", domainName="example.com"))
    assert _dom(emu)["settings"]["isenabled"] is False
    # users of a disabled domain cannot log in
    denied = soap(SVC, "GetDomainInfo", user="postmaster@example.com", password="Dom-Pw-1", domainName="example.com")
    assert_fail(denied, results.LOGIN_FAILED, "Failed to log in.")
    assert_ok(soap(SVC, "EnableDomain", domainName="example.com"))
    assert _dom(emu)["settings"]["isenabled"] is True
    assert_ok(soap(SVC, "ReloadDomain", DomainName="example.com"))
    assert_fail(soap(SVC, "ReloadDomain", DomainName="nope.org"), results.NOT_FOUND)
    assert_ok(soap(SVC, "DeleteDomain", DomainName="example.com", DeleteFiles=True))
    state = emu.state()
    assert "example.com" not in state["domains"]
    assert state["server"]["deleted_domains"][-1] == {
        "name": "example.com",
        "path": "C:\\SmarterMail\\Domains\\example.com",
        "files_deleted": True,
    }
    assert_fail(soap(SVC, "DeleteDomain", DomainName="example.com", DeleteFiles=False), results.NOT_FOUND)


def test_info_counts_users_lists(soap, emu):
    add_domain(soap)
    add_domain(soap, "b.org", admin="boss")
    soap("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="sales", Addresses=arr("a@x.org"))
    soap("svcDomainAliasAdmin", "AddDomainAliasWithoutMxCheck", DomainName="example.com", DomainAliasName="ex.net")
    assert soap(SVC, "GetDomainInfo", domainName="example.com")["Path"] == "C:\\SmarterMail\\Domains\\example.com"
    assert soap(SVC, "GetDomainInfo2", domainName="example.com")["Path"] == "C:\\SmarterMail\\Domains\\example.com"
    assert_fail(soap(SVC, "GetDomainInfo", domainName="nope.org"), results.NOT_FOUND)
    counts = assert_ok(soap(SVC, "GetDomainCounts", DomainName="example.com"))
    assert (counts["Users"], counts["Aliases"], counts["MailingLists"], counts["Size"]) == (1, 1, 0, 0)
    users = assert_ok(soap(SVC, "GetDomainUsers", DomainName="example.com"))
    assert strings(users["Users"]) == ["postmaster", "sales"]
    assert strings(users["DomainAliases"]) == ["ex.net"]
    assert users["CatchAll"] is False
    assert strings(soap(SVC, "GetAllDomains")["DomainNames"]) == ["b.org", "example.com"]
    aliases = soap(SVC, "GetAllDomainAliases")["DomainAliases"]["DomainAliasInfo"]
    assert [(a["Name"], a["DomainName"]) for a in aliases] == [("ex.net", "example.com")]
    assert_ok(soap(SVC, "GetAllDomainsWithProperties", PropertyKeys=arr("maxaliases", "isenabled")))
    assert_fail(soap(SVC, "GetAllDomainsWithProperties", PropertyKeys=arr("bogus")), results.INVALID_INPUT)
    assert_ok(soap(SVC, "GetAllDomainAliasesWithProperties", PropertyKeys=arr("name")))
    assert_ok(soap(SVC, "GetAllDomainUsersWithProperties", DomainName="example.com", PropertyKeys=arr("username")))
    assert_fail(
        soap(SVC, "GetAllDomainUsersWithProperties", DomainName="nope.org", PropertyKeys=arr()), results.NOT_FOUND
    )


def test_statistics_are_zero(soap):
    add_domain(soap)
    start, end = dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1)
    stats = assert_ok(soap(SVC, "GetDomainStatistics", DomainName="example.com", StartDate=start, EndDate=end))
    assert (stats["MessagesReceived"], stats["BytesSize"]) == (0, 0)
    assert_fail(
        soap(SVC, "GetDomainStatistics", DomainName="example.com", StartDate=end, EndDate=start), results.INVALID_INPUT
    )
    allstats = assert_ok(soap(SVC, "GetAllDomainStatistics", StartDate=start, EndDate=end))
    rows = allstats["Stats"]["DomainStatInfo"]
    assert [(r["DomainName"], r["MessagesSent"]) for r in rows] == [("example.com", 0)]


def test_primary_domain_admin(soap, emu):
    add_domain(soap)
    assert soap(SVC, "GetPrimaryDomainAdmin", DomainName="example.com")["PrimaryAdmin"] == "postmaster"
    assert_fail(soap(SVC, "SetPrimaryDomainAdmin", DomainName="example.com", AdminUserName="ghost"), results.NOT_FOUND)
    # a user added straight into the state (svcUserAdmin is not this module's business)
    state = emu.state()
    state["domains"]["example.com"]["users"]["jane"] = {
        "username": "jane",
        "password": "Jane-Pw",
        "first_name": "",
        "last_name": "",
        "is_domain_admin": False,
        "settings": {},
    }
    emu.reset(state)
    assert_ok(soap(SVC, "SetPrimaryDomainAdmin", DomainName="example.com", AdminUserName="jane@example.com"))
    dom = _dom(emu)
    assert dom["primary_admin"] == "jane" and dom["users"]["jane"]["is_domain_admin"] is True
    assert soap(SVC, "GetPrimaryDomainAdmin", DomainName="example.com")["PrimaryAdmin"] == "jane"


def test_rename_and_update_name_and_path(soap, emu):
    add_domain(soap)
    assert_ok(soap(SVC, "AddDomainForwardingBlock", targetAddress="10.1.1.1", domains=arr("example.com")))
    assert_ok(soap(SVC, "RenameDomain", OldDomainName="example.com", NewDomainName="renamed.org"))
    state = emu.state()
    assert "example.com" not in state["domains"]
    assert state["domains"]["renamed.org"]["path"] == "C:\\SmarterMail\\Domains\\renamed.org"
    assert state["server"]["forwarding_blocks"][0]["domains"] == ["renamed.org"]
    # the domain admin now logs in with the new name
    info = soap(SVC, "GetDomainInfo", user="postmaster@renamed.org", password="Dom-Pw-1", domainName="renamed.org")
    assert_ok(info)
    add_domain(soap, "taken.org")
    assert_fail(
        soap(SVC, "RenameDomain", OldDomainName="renamed.org", NewDomainName="taken.org"), results.ALREADY_EXISTS
    )
    assert_ok(
        soap(
            SVC,
            "UpdateDomainNameAndPath",
            OldDomainName="renamed.org",
            NewDomainName="moved.net",
            NewDomainPath="E:\\Mail\\moved.net",
        )
    )
    assert _dom(emu, "moved.net")["path"] == "E:\\Mail\\moved.net"
    assert_fail(
        soap(SVC, "UpdateDomainNameAndPath", OldDomainName="moved.net", NewDomainName="again.net", NewDomainPath=""),
        results.INVALID_INPUT,
    )


def test_forwarding_blocks(soap, emu):
    assert_ok(soap(SVC, "AddDomainForwardingBlock", targetAddress="10.0.0.1", domains=arr("a.org", "b.org")))
    assert_ok(soap(SVC, "AddDomainForwardingBlock", targetAddress="10.0.0.2", domains=arr("c.org")))
    assert_fail(
        soap(SVC, "AddDomainForwardingBlock", targetAddress="10.0.0.1", domains=arr("d.org")), results.ALREADY_EXISTS
    )
    assert_fail(
        soap(SVC, "AddDomainForwardingBlock", targetAddress="nope", domains=arr("d.org")), results.INVALID_INPUT
    )
    blocks = soap(SVC, "GetDomainForwarding", includeDomains=True)["blocks"]["DomainForwardBlockInfo"]
    assert [(b["blockID"], b["targetAddress"], strings(b["domains"])) for b in blocks] == [
        (1, "10.0.0.1", ["a.org", "b.org"]),
        (2, "10.0.0.2", ["c.org"]),
    ]
    bare = soap(SVC, "GetDomainForwarding", includeDomains=False)["blocks"]["DomainForwardBlockInfo"]
    assert all(strings(b["domains"]) == [] for b in bare)
    one = assert_ok(soap(SVC, "GetDomainForwardingBlock", blockID=2))["domainForwardBlock"]
    assert one["targetAddress"] == "10.0.0.2"
    by_target = soap(SVC, "GetDomainForwardingBlockByTargetAddress", targetAddress="10.0.0.1")["domainForwardBlock"]
    assert by_target["blockID"] == 1
    assert_fail(soap(SVC, "GetDomainForwardingBlock", blockID=99), results.NOT_FOUND)
    assert_ok(soap(SVC, "SetDomainForwardingBlock", blockID=2, targetAddress="10.0.0.3", domains=arr("c.org", "e.org")))
    assert_ok(soap(SVC, "SetDomainForwardingBlockByTargetAddress", targetAddress="10.0.0.1", domains=arr("z.org")))
    stored = emu.state()["server"]["forwarding_blocks"]
    assert stored == [
        {"block_id": 1, "target_address": "10.0.0.1", "domains": ["z.org"]},
        {"block_id": 2, "target_address": "10.0.0.3", "domains": ["c.org", "e.org"]},
    ]
    assert_ok(soap(SVC, "DeleteDomainForwardingBlock", blockID=1))
    assert_ok(soap(SVC, "DeleteDomainForwardBlockByTargetAddress", targetAddress="10.0.0.3"))
    assert emu.state()["server"]["forwarding_blocks"] == []
    assert_fail(soap(SVC, "DeleteDomainForwardBlockByTargetAddress", targetAddress="10.0.0.3"), results.NOT_FOUND)


def test_dkim_and_domainkeys(soap, emu):
    add_domain(soap)
    empty = assert_ok(soap(SVC, "GetDKIMCert", DomainName="example.com"))
    assert empty["privateKey"] is None and empty["selector"] is None
    gen = assert_ok(soap(SVC, "GenerateDKIMCert", DomainName="example.com", KeySize=1024, selector="mail2024"))
    key = serialization.load_pem_private_key(gen["privateKey"].encode(), None)
    assert key.key_size == 1024
    public = serialization.load_der_public_key(base64.b64decode(gen["publicKey"]))
    assert public.public_numbers() == key.public_key().public_numbers()
    got = soap(SVC, "GetDKIMCert", DomainName="example.com")
    assert (got["selector"], got["publicKey"]) == ("mail2024", gen["publicKey"])
    assert _dom(emu)["dkim"]["selector"] == "mail2024"
    assert_fail(
        soap(SVC, "GenerateDKIMCert", DomainName="example.com", KeySize=1000, selector="x"), results.INVALID_INPUT
    )
    assert_fail(
        soap(SVC, "GenerateDKIMCert", DomainName="example.com", KeySize=1024, selector="bad selector"),
        results.INVALID_INPUT,
    )
    small = assert_ok(soap(SVC, "GenerateDomainKeysCert", DomainName="example.com", KeySize=512, selector="dk"))
    assert serialization.load_pem_private_key(small["privateKey"].encode(), None).key_size == 512
    assert soap(SVC, "GetDomainKeysCert", DomainName="example.com")["selector"] == "dk"
    assert _dom(emu)["dkim"]["selector"] == "mail2024"  # separate slots


def test_archive_rule(soap, emu):
    add_domain(soap)
    res = assert_ok(soap(SVC, "SetDomainArchiveRule", parameters=arr("DOMAIN=example.com", "PATH=D:\\archive")))
    assert strings(res["settingValues"]) == ["DOMAIN=example.com", "PATH=D:\\archive"]
    assert _dom(emu)["archive_rule"]["path"] == "D:\\archive"
    assert_fail(soap(SVC, "SetDomainArchiveRule", parameters=arr("DOMAIN=nope.org", "PATH=x")), results.NOT_FOUND)
    assert_fail(soap(SVC, "SetDomainArchiveRule", parameters=arr("COLOR=blue")), results.INVALID_INPUT)


def test_domain_admin_permissions(soap, emu):
    add_domain(soap)
    add_domain(soap, "other.org")
    da = {"user": "postmaster@example.com", "password": "Dom-Pw-1"}
    assert_ok(soap(SVC, "GetDomainSettings", domainName="example.com", **da))
    assert_ok(
        soap(SVC, "GetRequestedDomainSettings", DomainName="example.com", requestedSettings=arr("maxaliases"), **da)
    )
    denied = soap(SVC, "GetDomainSettings", domainName="other.org", **da)
    assert_fail(denied, results.NO_PERMISSION, "other.org")
    assert_fail(soap(SVC, "GetAllDomains", **da), results.NO_PERMISSION)
    assert_fail(
        soap(SVC, "SetRequestedDomainSettings", DomainName="example.com", newSettings=arr("maxaliases=99"), **da),
        results.NO_PERMISSION,
    )
    assert _dom(emu)["settings"]["maxaliases"] == 0
    assert_fail(soap(SVC, "DeleteDomain", DomainName="example.com", DeleteFiles=True, **da), results.NO_PERMISSION)
    assert "example.com" in emu.state()["domains"]


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert ops_called_in(__file__, names) == []

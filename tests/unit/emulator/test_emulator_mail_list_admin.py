# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcMailListAdmin through zeep against the running emulator: every operation, and the rules."""

from __future__ import annotations

import pytest
from emu_helpers import add_domain, arr, assert_fail, assert_ok, ops_called_in, strings

from mailops_emulator import results

SVC = "svcMailListAdmin"
DOM = "example.com"


def _lists(emu, domain=DOM):
    return emu.state()["domains"][domain]["mailing_lists"]


def _add_list(soap, name="news", moderator="postmaster", **kw):
    return soap(SVC, "AddList", DomainName=DOM, ListName=name, Moderator=moderator, Description="All the news", **kw)


@pytest.fixture()
def dom(soap):
    add_domain(soap)
    return DOM


def test_lists_and_settings(soap, emu, dom):
    assert_ok(_add_list(soap, "News"))
    news = _lists(emu)["news"]
    assert news["settings"]["moderator"] == "postmaster" and news["settings"]["description"] == "All the news"
    assert_ok(_add_list(soap, "team@example.com"))
    assert strings(assert_ok(soap(SVC, "GetMailingListsByDomain", DomainName=DOM))["listNames"]) == ["news", "team"]

    got = assert_ok(
        soap(
            SVC,
            "GetRequestedListSettings",
            DomainName=DOM,
            ListName="news",
            requestedSettings=arr("moderator", "whocanpost", "prependsubject", "maxmessagesize"),
        )
    )
    assert strings(got["settingValues"]) == [
        "moderator=postmaster",
        "whocanpost=anyone",
        "prependsubject=False",
        "maxmessagesize=0",
    ]
    assert (
        len(
            strings(
                soap(SVC, "GetRequestedListSettings", DomainName=DOM, ListName="news", requestedSettings=arr())[
                    "settingValues"
                ]
            )
        )
        == 23
    )
    assert_ok(
        soap(
            SVC,
            "SetRequestedListSettings",
            DomainName=DOM,
            ListName="news",
            newSettings=arr(
                "whocanpost=subscribersonly",
                "prependsubject=true",
                "maxmessagesize=512",
                "listreplytoaddress=news@example.com",
            ),
        )
    )
    settings = _lists(emu)["news"]["settings"]
    assert (settings["whocanpost"], settings["prependsubject"], settings["maxmessagesize"]) == (
        "subscribersonly",
        True,
        512,
    )
    for bad in (
        "nosuchkey=1",
        "whocanpost=everybody",
        "digestmode=perhaps",
        "moderator=ghost",
        "listfromaddress=not-an-address",
    ):
        assert_fail(
            soap(
                SVC,
                "SetRequestedListSettings",
                DomainName=DOM,
                ListName="news",
                newSettings=arr("subject=changed", bad),
            )
        )
    assert _lists(emu)["news"]["settings"]["subject"] == ""  # nothing applied
    assert_fail(
        soap(SVC, "GetRequestedListSettings", DomainName=DOM, ListName="news", requestedSettings=arr("bogus")),
        results.INVALID_INPUT,
    )

    assert_ok(soap(SVC, "DeleteList", DomainName=DOM, ListName="team"))
    assert list(_lists(emu)) == ["news"]
    assert_fail(soap(SVC, "DeleteList", DomainName=DOM, ListName="team"), results.NOT_FOUND)
    assert_ok(soap(SVC, "DeleteAllLists", DomainName=DOM))
    assert _lists(emu) == {}


def test_list_rules(soap, emu):
    add_domain(soap, MaxLists=1)
    assert_ok(soap("svcAliasAdmin", "AddAlias", DomainName=DOM, AliasName="sales", Addresses=arr("a@x.org")))
    assert_fail(_add_list(soap, "sales"), results.ALREADY_EXISTS, "alias")
    assert_fail(_add_list(soap, "postmaster"), results.ALREADY_EXISTS, "user")
    assert_fail(_add_list(soap, "stserv"), results.ALREADY_EXISTS, "list command address")
    assert_fail(_add_list(soap, "news", moderator="ghost"), results.NOT_FOUND)
    assert_fail(_add_list(soap, "bad name"), results.INVALID_INPUT)
    assert_ok(_add_list(soap, "news"))
    assert_fail(_add_list(soap, "news"), results.ALREADY_EXISTS)
    assert_fail(_add_list(soap, "more"), results.LIMIT_REACHED, "(1)")
    assert list(_lists(emu)) == ["news"]
    # aliases cannot take a list's name either
    assert_fail(
        soap("svcAliasAdmin", "AddAlias", DomainName=DOM, AliasName="news", Addresses=arr("a@x.org")),
        results.ALREADY_EXISTS,
    )
    assert_fail(soap(SVC, "GetSubscriberList", DomainName=DOM, ListName="ghost"), results.NOT_FOUND)
    assert_fail(soap(SVC, "GetMailingListsByDomain", DomainName="nowhere.org"), results.NOT_FOUND)
    assert_fail(soap(SVC, "GetMailingListsByDomain", DomainName=DOM, password="wrong"), results.LOGIN_FAILED)


def test_subscribers_and_digest(soap, emu, dom):
    assert_ok(_add_list(soap))
    assert_ok(soap(SVC, "AddSubscriber", DomainName=DOM, ListName="news", Subscriber="a@x.org"))
    assert_fail(
        soap(SVC, "AddSubscriber", DomainName=DOM, ListName="news", Subscriber="A@X.org"), results.ALREADY_EXISTS
    )
    assert_fail(soap(SVC, "AddSubscriber", DomainName=DOM, ListName="news", Subscriber="nope"), results.INVALID_INPUT)
    assert_ok(soap(SVC, "AddSubscriber2", DomainName=DOM, ListName="news", Subscribers=arr("a@x.org", "b@y.org")))
    assert _lists(emu)["news"]["subscribers"] == ["a@x.org", "b@y.org"]
    got = assert_ok(soap(SVC, "GetSubscriberList", DomainName=DOM, ListName="news"))
    assert strings(got["Subscribers"]) == ["a@x.org", "b@y.org"]
    assert_ok(soap(SVC, "RemoveSubscriber", DomainName=DOM, ListName="news", Subscriber="A@x.org"))
    assert _lists(emu)["news"]["subscribers"] == ["b@y.org"]
    assert_fail(soap(SVC, "RemoveSubscriber", DomainName=DOM, ListName="news", Subscriber="a@x.org"), results.NOT_FOUND)
    assert_ok(soap(SVC, "SetSubscriberList", DomainName=DOM, ListName="news", Subscribers=arr("c@z.org")))
    assert _lists(emu)["news"]["subscribers"] == ["c@z.org"]
    assert_ok(soap(SVC, "SetSubscriberList2", DomainName=DOM, ListName="news", Subscribers=arr("d@z.org", "D@z.org")))
    assert _lists(emu)["news"]["subscribers"] == ["d@z.org"]
    assert_fail(
        soap(SVC, "SetSubscriberList2", DomainName=DOM, ListName="news", Subscribers=arr("e@z.org", "bad")),
        results.INVALID_INPUT,
    )
    assert _lists(emu)["news"]["subscribers"] == ["d@z.org"]

    assert_ok(soap(SVC, "AddDigestSubscriber", DomainName=DOM, ListName="news", Subscriber="dig@x.org"))
    assert _lists(emu)["news"]["digest_subscribers"] == ["dig@x.org"]
    got = assert_ok(soap(SVC, "GetDigestSubscriberList", DomainName=DOM, ListName="news"))
    assert strings(got["Subscribers"]) == ["dig@x.org"]
    assert_ok(soap(SVC, "RemoveDigestSubscriber", DomainName=DOM, ListName="news", Subscriber="dig@x.org"))
    assert _lists(emu)["news"]["digest_subscribers"] == []
    assert_ok(soap(SVC, "SetDigestSubscriberList", DomainName=DOM, ListName="news", Subscribers=arr("d1@x.org")))
    assert _lists(emu)["news"]["digest_subscribers"] == ["d1@x.org"]
    assert_ok(soap(SVC, "SetDigestSubscriberList2", DomainName=DOM, ListName="news", Subscribers=arr("d2@x.org")))
    assert _lists(emu)["news"]["digest_subscribers"] == ["d2@x.org"]


def test_poster_lists_and_command_address(soap, emu, dom):
    assert_ok(_add_list(soap))
    assert_ok(soap(SVC, "SetPosterWhiteList", DomainName=DOM, ListName="news", Subscribers=arr("ok@x.org")))
    assert _lists(emu)["news"]["poster_whitelist"] == ["ok@x.org"]
    got = soap(SVC, "GetPosterWhiteList", DomainName=DOM, ListName="news")
    assert strings(got["Subscribers"]) == ["ok@x.org"]
    assert_ok(soap(SVC, "SetPosterKillList", DomainName=DOM, ListName="news", Subscribers=arr("spam@x.org")))
    assert _lists(emu)["news"]["poster_killlist"] == ["spam@x.org"]
    got = soap(SVC, "GetPosterKillList", DomainName=DOM, ListName="news")
    assert strings(got["Subscribers"]) == ["spam@x.org"]

    assert soap(SVC, "GetListCommandAddress", DomainName=DOM)["commandAddress"] == "stserv"
    assert_ok(soap(SVC, "SetListCommandAddress", DomainName=DOM, commandAddress="ListServ"))
    assert emu.state()["domains"][DOM]["settings"]["listcommandaddress"] == "listserv"
    assert soap(SVC, "GetListCommandAddress", DomainName=DOM)["commandAddress"] == "listserv"
    assert_fail(soap(SVC, "SetListCommandAddress", DomainName=DOM, commandAddress="news"), results.ALREADY_EXISTS)
    assert_fail(soap(SVC, "SetListCommandAddress", DomainName=DOM, commandAddress="bad name"), results.INVALID_INPUT)


def test_subscriber_fields(soap, emu, dom):
    assert_ok(_add_list(soap))
    assert_ok(soap(SVC, "AddSubscriber", DomainName=DOM, ListName="news", Subscriber="a@x.org"))
    assert_ok(
        soap(
            SVC, "AddDefaultSubscriberField", DomainName=DOM, SubscriberFieldName="Company", SubscriberFieldValue="n/a"
        )
    )
    assert_fail(
        soap(SVC, "AddDefaultSubscriberField", DomainName=DOM, SubscriberFieldName="company", SubscriberFieldValue=""),
        results.ALREADY_EXISTS,
    )
    assert emu.state()["domains"][DOM]["subscriber_fields"] == {"Company": "n/a"}
    assert_ok(
        soap(
            SVC,
            "UpdateDefaultSubscriberField",
            DomainName=DOM,
            SubscriberFieldName="company",
            SubscriberFieldValue="none",
        )
    )
    got = assert_ok(soap(SVC, "GetDefaultSubscriberFields", DomainName=DOM))
    assert got["Count"] == 1
    assert [(f["Name"], f["Value"]) for f in got["SubscriberFields"]["SubscriberFieldType"]] == [("Company", "none")]

    assert_ok(
        soap(
            SVC,
            "UpdateSubscriberField",
            DomainName=DOM,
            SubscriberEmail="a@x.org",
            SubscriberFieldName="Company",
            SubscriberFieldValue="ACME",
            SubscriberType="subscriber",
        )
    )
    assert emu.state()["domains"][DOM]["subscriber_field_values"] == {"a@x.org": {"Company": "ACME"}}
    got = assert_ok(soap(SVC, "GetSubscriberFields", DomainName=DOM, SubscriberEmail="a@x.org"))
    assert [(f["Name"], f["Value"]) for f in got["SubscriberFields"]["SubscriberFieldType"]] == [("Company", "ACME")]
    for bad, code in (
        (
            {"SubscriberEmail": "a@x.org", "SubscriberFieldName": "Company", "SubscriberType": "digest"},
            results.NOT_FOUND,
        ),
        ({"SubscriberEmail": "a@x.org", "SubscriberFieldName": "Nope", "SubscriberType": "all"}, results.NOT_FOUND),
        (
            {"SubscriberEmail": "a@x.org", "SubscriberFieldName": "Company", "SubscriberType": "x"},
            results.INVALID_INPUT,
        ),
    ):
        assert_fail(soap(SVC, "UpdateSubscriberField", DomainName=DOM, SubscriberFieldValue="v", **bad), code)
    assert_fail(soap(SVC, "GetSubscriberFields", DomainName=DOM, SubscriberEmail="z@x.org"), results.NOT_FOUND)
    assert_ok(soap(SVC, "DeleteDefaultSubscriberField", DomainName=DOM, SubscriberFieldName="Company"))
    state = emu.state()["domains"][DOM]
    assert state["subscriber_fields"] == {} and state["subscriber_field_values"] == {"a@x.org": {}}
    assert_fail(
        soap(SVC, "DeleteDefaultSubscriberField", DomainName=DOM, SubscriberFieldName="Company"), results.NOT_FOUND
    )


def test_domain_admin_scope(soap, emu, dom):
    add_domain(soap, name="other.org", admin="boss", password="Boss-pw-1")
    dadmin = {"user": "postmaster@example.com", "password": "Dom-Pw-1"}
    assert_ok(_add_list(soap, **dadmin))
    assert_fail(
        soap(SVC, "AddList", DomainName="other.org", ListName="x", Moderator="boss", Description="", **dadmin),
        results.NO_PERMISSION,
    )
    assert "x" not in _lists(emu, "other.org")
    assert_ok(
        soap("svcDomainAdmin", "SetRequestedDomainSettings", DomainName=DOM, newSettings=arr("showlistmenu=False"))
    )
    assert_fail(soap(SVC, "GetMailingListsByDomain", DomainName=DOM, **dadmin), results.NO_PERMISSION)
    assert_ok(soap(SVC, "GetMailingListsByDomain", DomainName=DOM))  # system admins are not limited


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert len(names) == 29
    assert ops_called_in(__file__, names) == []


def test_add_subscriber2_with_many_addresses_keeps_each_once(soap, emu, dom):
    assert_ok(_add_list(soap))
    first = ["u%d@x.org" % i for i in range(3000)]
    assert_ok(soap(SVC, "AddSubscriber2", DomainName=DOM, ListName="news", Subscribers=arr(*first)))
    again = ["U%d@X.org" % i for i in range(2000, 4000)] + ["new@x.org", "NEW@x.org"]
    assert_ok(soap(SVC, "AddSubscriber2", DomainName=DOM, ListName="news", Subscribers=arr(*again)))
    subscribers = _lists(emu)["news"]["subscribers"]
    assert len(subscribers) == 4001
    assert subscribers[:3000] == first  # the first spelling stays
    assert subscribers[3000] == "U3000@X.org" and subscribers[-1] == "new@x.org"

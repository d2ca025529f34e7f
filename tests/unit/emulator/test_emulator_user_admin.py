# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcUserAdmin through zeep against the running emulator: every operation, and the rules."""

from __future__ import annotations

import datetime as dt

import pytest
from emu_helpers import add_domain, arr, assert_fail, assert_ok, ops_called_in, strings

from mailops_emulator import results

SVC = "svcUserAdmin"
DOM = "example.com"
PW = "User-Pw-1"


def _user(emu, name, domain=DOM):
    return emu.state()["domains"][domain]["users"].get(name)


def _add(soap, name="jane", pw=PW, domain=DOM, size=0, admin=False, **kw):
    return soap(
        SVC,
        "AddUser2",
        NewUsername=name,
        NewPassword=pw,
        DomainName=domain,
        FirstName="Jane",
        LastName="Doe",
        IsDomainAdmin=admin,
        maxMailboxSize=size,
        **kw,
    )


@pytest.fixture()
def dom(soap):
    add_domain(soap)
    return DOM


def test_add_get_update_delete_user(soap, emu, dom):
    assert_ok(_add(soap, "Jane", size=250))
    rec = _user(emu, "jane")
    assert (rec["password"], rec["first_name"], rec["is_domain_admin"], rec["settings"]["maxsize"]) == (
        PW,
        "Jane",
        False,
        250,
    )
    assert_ok(
        soap(
            SVC,
            "AddUser",
            NewUsername="bob@example.com",
            NewPassword="Bob-pw-22",
            DomainName=DOM,
            FirstName="Bob",
            LastName="B",
            IsDomainAdmin=True,
        )
    )
    assert _user(emu, "bob")["is_domain_admin"] is True

    info = assert_ok(soap(SVC, "GetUser", EmailAddress="jane@example.com"))["UserInfo"]
    assert info == {
        "UserName": "jane@example.com",
        "Password": PW,  # in clear, like real servers
        "FirstName": "Jane",
        "LastName": "Doe",
        "IsSystemAdmin": False,
        "IsDomainAdmin": False,
    }
    users = assert_ok(soap(SVC, "GetUsers", DomainName=DOM))["Users"]["UserInfo"]
    assert [u["UserName"] for u in users] == ["bob@example.com", "jane@example.com", "postmaster@example.com"]

    assert_ok(
        soap(
            SVC,
            "UpdateUser2",
            EmailAddress="jane@example.com",
            NewPassword="Newer-pw-3",
            NewFirstName="J",
            NewLastName="D",
            IsDomainAdmin=True,
            maxMailboxSize=500,
        )
    )
    rec = _user(emu, "jane")
    assert (rec["password"], rec["first_name"], rec["is_domain_admin"], rec["settings"]["maxsize"]) == (
        "Newer-pw-3",
        "J",
        True,
        500,
    )
    assert_ok(
        soap(
            SVC,
            "UpdateUser",
            EmailAddress="jane@example.com",
            NewPassword="",
            NewFirstName="Janet",
            NewLastName="Doe",
            IsDomainAdmin=False,
        )
    )
    rec = _user(emu, "jane")
    assert (rec["password"], rec["first_name"], rec["is_domain_admin"], rec["settings"]["maxsize"]) == (
        "Newer-pw-3",
        "Janet",
        False,
        500,
    )
    assert_ok(soap(SVC, "DeleteUser", Username="jane", DomainName=DOM))
    assert _user(emu, "jane") is None
    assert_fail(soap(SVC, "DeleteUser", Username="jane", DomainName=DOM), results.NOT_FOUND)
    assert_fail(soap(SVC, "GetUser", EmailAddress="jane@example.com"), results.NOT_FOUND)
    # the primary domain admin can be neither deleted nor demoted
    assert_fail(soap(SVC, "DeleteUser", Username="postmaster", DomainName=DOM), results.CONFLICT)
    bad = soap(
        SVC,
        "UpdateUser",
        EmailAddress="postmaster@example.com",
        NewPassword="",
        NewFirstName="P",
        NewLastName="M",
        IsDomainAdmin=False,
    )
    assert_fail(bad, results.CONFLICT)


def test_user_rules(soap, emu, dom):
    # password complexity -> -21 (default policy: 6 chars, a number, not the user name)
    assert_fail(_add(soap, "weak", pw="abc"), -21, "at least 6 characters")
    assert_fail(_add(soap, "weak", pw="abcdefgh"), -21, "at least one number")
    assert_fail(_add(soap, "weak1234", pw="weak1234"), -21, "must not match the user name")
    assert _user(emu, "weak") is None
    # a stricter policy from the system settings (svcServerAdmin.SetRequestedSystemSettings' keys)
    state = emu.state()
    state["server"]["system_settings"] = {"PasswordRequiresCapitalLetter": True, "MinimumPasswordLength": 10}
    emu.reset(state)
    assert_fail(_add(soap, "x", pw="lower-1234"), -21, "capital letter")
    assert_fail(_add(soap, "x", pw="Short-1"), -21, "at least 10")
    assert_ok(_add(soap, "x", pw="Upper-12345"))
    assert_fail(
        soap(
            SVC,
            "UpdateUser2",
            EmailAddress="x@example.com",
            NewPassword="weak",
            NewFirstName="",
            NewLastName="",
            IsDomainAdmin=False,
            maxMailboxSize=0,
        ),
        -21,
    )
    emu.reset()
    add_domain(soap, MaxDomainUsers=2, MaxMailboxSizeInMB=100)
    # collisions with an alias, a mailing list, the list command address
    assert_ok(soap("svcAliasAdmin", "AddAlias", DomainName=DOM, AliasName="sales", Addresses=arr("a@x.org")))
    assert_fail(_add(soap, "sales"), results.ALREADY_EXISTS, "alias")
    assert_ok(
        soap("svcMailListAdmin", "AddList", DomainName=DOM, ListName="news", Moderator="postmaster", Description="")
    )
    assert_fail(_add(soap, "news"), results.ALREADY_EXISTS, "mailing list")
    assert_fail(_add(soap, "stserv"), results.ALREADY_EXISTS, "list command address")
    assert_fail(_add(soap, "postmaster"), results.ALREADY_EXISTS)
    assert_fail(_add(soap, "bad name"), results.INVALID_INPUT)
    assert_fail(_add(soap, "jane@other.org"), results.INVALID_INPUT)
    # mailbox size: 0 takes the domain maximum; above it is refused
    assert_fail(_add(soap, "big", size=101), results.LIMIT_REACHED)
    assert_ok(_add(soap, "jane", size=0))
    assert _user(emu, "jane")["settings"]["maxsize"] == 100
    # MaxDomainUsers (postmaster + jane = 2)
    assert_fail(_add(soap, "third"), results.LIMIT_REACHED, "maximum number of users (2)")
    assert_fail(_add(soap, "x", domain="nowhere.org"), results.NOT_FOUND)
    # bad credentials
    assert_fail(soap(SVC, "GetUsers", DomainName=DOM, password="wrong"), results.LOGIN_FAILED, "Failed to log in.")


def test_domain_admin_and_user_scope(soap, emu, dom):
    add_domain(soap, name="other.org", admin="boss", password="Boss-pw-1")
    assert_ok(_add(soap, "jane"))
    dadmin = {"user": "postmaster@example.com", "password": "Dom-Pw-1"}
    # a domain admin manages users of its own domain ...
    assert_ok(_add(soap, "bob", **dadmin))
    assert_ok(soap(SVC, "GetUsers", DomainName=DOM, **dadmin))
    assert_ok(soap(SVC, "GetUser", EmailAddress="jane@example.com", **dadmin))
    # ... but not of another one, nor system-wide operations
    assert_fail(_add(soap, "eve", domain="other.org", **dadmin), results.NO_PERMISSION)
    assert_fail(soap(SVC, "GetUser", EmailAddress="boss@other.org", **dadmin), results.NO_PERMISSION)
    assert_fail(soap(SVC, "DeleteUser", Username="boss", DomainName="other.org", **dadmin), results.NO_PERMISSION)
    assert_fail(soap(SVC, "GetInactiveUsers", date=dt.datetime(2030, 1, 1), **dadmin), results.NO_PERMISSION)
    assert _user(emu, "eve", "other.org") is None
    # a plain user: its own address only, and no privileged settings
    me = {"user": "jane@example.com", "password": PW}
    assert_ok(soap(SVC, "GetUser", EmailAddress="jane@example.com", **me))
    assert_fail(soap(SVC, "GetUser", EmailAddress="bob@example.com", **me), results.NO_PERMISSION)
    assert_fail(soap(SVC, "GetUsers", DomainName=DOM, **me), results.NO_PERMISSION)
    assert_ok(
        soap(SVC, "SetRequestedUserSettings", EmailAddress="jane@example.com", newSettings=arr("signature=Jane"), **me)
    )
    assert _user(emu, "jane")["settings"]["signature"] == "Jane"
    denied = soap(
        SVC, "SetRequestedUserSettings", EmailAddress="jane@example.com", newSettings=arr("isdomainadmin=True"), **me
    )
    assert_fail(denied, results.NO_PERMISSION)
    assert _user(emu, "jane")["is_domain_admin"] is False
    # users of a disabled domain cannot log in
    assert_ok(soap("svcDomainAdmin", "DisableDomain", domainName=DOM))
    assert_fail(soap(SVC, "GetUser", EmailAddress="jane@example.com", **me), results.LOGIN_FAILED)
    assert_fail(soap(SVC, "AuthenticateUser", UserName="jane", DomainName=DOM, Password=PW), results.LOGIN_FAILED)


def test_authenticate_login_and_last_logins(soap, emu, dom):
    assert_ok(_add(soap, "jane"))
    assert _user(emu, "jane")["logins"] == []
    assert_ok(soap(SVC, "AuthenticateUser", UserName="jane", DomainName=DOM, Password=PW))
    assert_fail(
        soap(SVC, "AuthenticateUser", UserName="jane", DomainName=DOM, Password="nope"),
        results.LOGIN_FAILED,
        "Failed to log in.",
    )
    ok = soap(SVC, "LoginValidated", Username="jane@example.com", Password=PW)
    assert ok["LoginValidated"] is True and ok["ResultCode"] == 0
    bad = soap(SVC, "LoginValidated", Username="jane@example.com", Password="nope")
    assert bad["LoginValidated"] is False and bad["Message"] == "Failed to log in."
    assert soap(SVC, "LoginValidated", Username="admin", Password="Emu-Adm1n-Pa55word")["LoginValidated"] is True
    logins = _user(emu, "jane")["logins"]
    assert len(logins) == 2  # persisted although both are reads
    got = assert_ok(soap(SVC, "GetLastLoginTimes", EmailAddress="jane@example.com", DateStart=None, DateEnd=None))
    assert len(strings(got["lastLogins"])) == 2
    assert [x["UserName"] for x in got["lastUserLogins"]["UserLoginInfo"]] == ["jane@example.com"] * 2
    future = assert_ok(
        soap(SVC, "GetLastLoginTimes", EmailAddress="jane@example.com", DateStart=dt.datetime(2100, 1, 1), DateEnd=None)
    )
    assert strings(future["lastLogins"]) == []
    # inactive users: postmaster never logged in; jane did (just now)
    inactive = assert_ok(soap(SVC, "GetInactiveUsers", date=dt.datetime(2000, 1, 1)))
    assert strings(inactive["EmailAddress"]) == ["postmaster@example.com"]
    inactive = assert_ok(soap(SVC, "GetInactiveUsers", date=dt.datetime(2100, 1, 1)))
    assert strings(inactive["EmailAddress"]) == ["jane@example.com", "postmaster@example.com"]
    # a disabled user cannot log in
    assert_ok(
        soap(SVC, "SetRequestedUserSettings", EmailAddress="jane@example.com", newSettings=arr("isenabled=False"))
    )
    assert _user(emu, "jane")["settings"]["enabledstatus"] == "disabled"
    assert soap(SVC, "LoginValidated", Username="jane@example.com", Password=PW)["LoginValidated"] is False


def test_settings(soap, emu, dom):
    assert_ok(_add(soap, "jane"))
    got = assert_ok(
        soap(
            SVC,
            "GetRequestedUserSettings",
            EmailAddress="jane@example.com",
            requestedSettings=arr("password", "isdomainadmin", "maxsize", "isenabled"),
        )
    )
    assert strings(got["settingValues"]) == [f"password={PW}", "isdomainadmin=False", "maxsize=0", "isenabled=True"]
    everything = strings(
        soap(SVC, "GetRequestedUserSettings", EmailAddress="jane@example.com", requestedSettings=arr())["settingValues"]
    )
    assert len(everything) == 69
    assert_ok(
        soap(
            SVC,
            "SetRequestedUserSettings",
            EmailAddress="jane@example.com",
            newSettings=arr(
                "displayname=Jane D",
                "isdomainadmin=True",
                "password=Other-pw-9",
                "forwardaddress=a@x.org;b@y.org",
                "maxsize=20",
                "deleteoption=AutoPurge",
            ),
        )
    )
    rec = _user(emu, "jane")
    assert rec["settings"]["displayname"] == "Jane D" and rec["is_domain_admin"] is True
    assert rec["password"] == "Other-pw-9" and rec["forwarding"]["addresses"] == ["a@x.org", "b@y.org"]
    assert rec["settings"]["maxsize"] == 20 and rec["settings"]["deleteoption"] == "autopurge"
    for bad in ("nosuchkey=1", "isenabled=maybe", "maxsize=-1", "backupemailaddress=nope", "servicelevelmap=99"):
        assert_fail(
            soap(
                SVC,
                "SetRequestedUserSettings",
                EmailAddress="jane@example.com",
                newSettings=arr("signature=changed", bad),
            ),
            results.INVALID_INPUT,
        )
    assert "signature" not in _user(emu, "jane")["settings"]  # nothing applied
    assert_fail(
        soap(SVC, "SetRequestedUserSettings", EmailAddress="jane@example.com", newSettings=arr("password=x")), -21
    )
    assert_fail(
        soap(SVC, "GetRequestedUserSettings", EmailAddress="jane@example.com", requestedSettings=arr("nosuchkey")),
        results.INVALID_INPUT,
        "Unknown setting key",
    )


def test_forwarding_and_auto_responder(soap, emu, dom):
    assert_ok(_add(soap, "jane"))
    assert_ok(
        soap(
            SVC,
            "UpdateUserForwardingInfo2",
            EmailAddress="jane@example.com",
            DeleteOnForward=True,
            ForwardingAddresses=arr("a@x.org", "B@y.org", "a@x.org"),
        )
    )
    assert _user(emu, "jane")["forwarding"] == {"delete_on_forward": True, "addresses": ["a@x.org", "B@y.org"]}
    got = assert_ok(soap(SVC, "GetUserForwardingInfo2", EmailAddress="jane@example.com"))
    assert got["DeleteOnForward"] is True and strings(got["ForwardingAddresses"]) == ["a@x.org", "B@y.org"]
    old = assert_ok(soap(SVC, "GetUserForwardingInfo", EmailAddress="jane@example.com"))
    assert old["ForwardingAddress"] == "a@x.org,B@y.org"
    assert_ok(
        soap(
            SVC,
            "UpdateUserForwardingInfo",
            EmailAddress="jane@example.com",
            DeleteOnForward=False,
            ForwardingAddress="c@z.org",
        )
    )
    assert _user(emu, "jane")["forwarding"] == {"delete_on_forward": False, "addresses": ["c@z.org"]}
    assert_fail(
        soap(
            SVC,
            "UpdateUserForwardingInfo2",
            EmailAddress="jane@example.com",
            DeleteOnForward=False,
            ForwardingAddresses=arr("not-an-address"),
        ),
        results.INVALID_INPUT,
    )
    assert_fail(
        soap(
            SVC,
            "UpdateUserForwardingInfo2",
            EmailAddress="jane@example.com",
            DeleteOnForward=True,
            ForwardingAddresses=arr(),
        ),
        results.INVALID_INPUT,
    )

    assert_ok(
        soap(
            SVC,
            "UpdateUserAutoResponseInfo",
            EmailAddress="jane@example.com",
            Enabled=True,
            Subject="Away",
            Body="Back soon",
        )
    )
    ar = _user(emu, "jane")["auto_response"]
    assert (ar["enabled"], ar["subject"], ar["body"], ar["start_utc"]) == (True, "Away", "Back soon", None)
    got = assert_ok(soap(SVC, "GetUserAutoResponseInfo", EmailAddress="jane@example.com"))
    assert (got["Enabled"], got["Subject"], got["Body"], got["UseTimes"]) == (True, "Away", "Back soon", False)
    start, end = dt.datetime(2030, 1, 1, 8, 0), dt.datetime(2030, 1, 15, 8, 0)
    assert_ok(
        soap(
            SVC,
            "UpdateUserAutoResponseInfo2",
            EmailAddress="jane@example.com",
            Enabled=True,
            Subject="Holiday",
            Body="",
            StartDateUTC=start,
            EndDateUTC=end,
        )
    )
    assert _user(emu, "jane")["auto_response"]["start_utc"] == "2030-01-01T08:00:00"
    got = assert_ok(soap(SVC, "GetUserAutoResponseInfo2", EmailAddress="jane@example.com"))
    assert got["UseTimes"] is True and got["Subject"] == "Holiday"
    assert got["StartTimeUTC"].replace(tzinfo=None) == start and got["EndTimeUTC"].replace(tzinfo=None) == end
    assert_fail(
        soap(
            SVC,
            "UpdateUserAutoResponseInfo2",
            EmailAddress="jane@example.com",
            Enabled=True,
            Subject="x",
            Body="",
            StartDateUTC=end,
            EndDateUTC=start,
        ),
        results.INVALID_INPUT,
    )
    assert_fail(
        soap(SVC, "UpdateUserAutoResponseInfo", EmailAddress="jane@example.com", Enabled=True, Subject="", Body=""),
        results.INVALID_INPUT,
    )


def test_user_groups(soap, emu, dom):
    assert_ok(_add(soap, "jane"))
    assert_ok(_add(soap, "bob"))
    assert_ok(
        soap(SVC, "AddUserGroup", DomainName=DOM, UserGroupName="Sales", UserNames=arr("jane", "bob@example.com"))
    )
    groups = emu.state()["domains"][DOM]["user_groups"]
    assert groups == {"1": {"id": 1, "name": "Sales", "members": ["jane", "bob"]}}
    assert_fail(
        soap(SVC, "AddUserGroup", DomainName=DOM, UserGroupName="sales", UserNames=arr()), results.ALREADY_EXISTS
    )
    assert_fail(soap(SVC, "AddUserGroup", DomainName=DOM, UserGroupName="X", UserNames=arr("ghost")), results.NOT_FOUND)
    got = assert_ok(soap(SVC, "GetUserGroup", DomainName=DOM, UserGroupID=1))["UserGroup"]
    assert got["id"] == 1 and got["name"] == "Sales"
    assert strings(got["userNames"]) == ["jane@example.com", "bob@example.com"]
    assert_ok(soap(SVC, "AddUserGroup", DomainName=DOM, UserGroupName="All", UserNames=arr("jane")))
    by_domain = assert_ok(soap(SVC, "GetUserGroupsByDomain", DomainName=DOM))["UserGroups"]["UserGroupInfo"]
    assert [(g["id"], g["name"]) for g in by_domain] == [(1, "Sales"), (2, "All")]
    by_user = assert_ok(soap(SVC, "GetUserGroupsByUser", DomainName=DOM, UserName="bob", IncludeUserNames=False))
    assert [(g["id"], g["userNames"]) for g in by_user["UserGroups"]["UserGroupInfo"]] == [(1, None)]
    assert_ok(
        soap(SVC, "UpdateUserGroup", DomainName=DOM, UserGroupID=1, UserGroupName="Sales EU", UserNames=arr("bob"))
    )
    assert emu.state()["domains"][DOM]["user_groups"]["1"] == {"id": 1, "name": "Sales EU", "members": ["bob"]}
    assert_ok(soap(SVC, "DeleteUser", Username="bob", DomainName=DOM))
    assert emu.state()["domains"][DOM]["user_groups"]["1"]["members"] == []
    assert_ok(soap(SVC, "RemoveUserGroup", DomainName=DOM, UserGroupID=1))
    assert list(emu.state()["domains"][DOM]["user_groups"]) == ["2"]
    assert_fail(soap(SVC, "RemoveUserGroup", DomainName=DOM, UserGroupID=1), results.NOT_FOUND)
    assert_fail(soap(SVC, "GetUserGroup", DomainName=DOM, UserGroupID=99), results.NOT_FOUND)


def test_activesync_rss_quotas_stats(soap, emu, dom):
    assert_ok(_add(soap, "jane", size=10))
    assert soap(SVC, "IsUserEnabledForActiveSync", EmailAddress="jane@example.com", Enabled=False)["Enabled"] is False
    assert_ok(soap(SVC, "ToggleActiveSync", EmailAddress="jane@example.com", Enabled=True))
    assert _user(emu, "jane")["activesync"] is True
    assert soap(SVC, "IsUserEnabledForActiveSync", EmailAddress="jane@example.com", Enabled=False)["Enabled"] is True
    got = assert_ok(soap(SVC, "GetActiveSyncUsers", DomainName=DOM))
    assert strings(got["Usernames"]) == ["jane@example.com"] and got["UserCount"] == 1
    state = emu.state()
    state["domains"][DOM]["users"]["jane"]["activesync_devices"] = [
        {"device_id": "dev1", "name": "Phone", "user_agent": "EAS/16", "last_sync_utc": "2024-05-01T10:00:00"}
    ]
    emu.reset(state)
    got = assert_ok(soap(SVC, "GetActiveSyncUsers2", DomainName=DOM))
    user = got["Users"]["ActiveSyncUserInfoResult"][0]
    device = user["Devices"]["ActiveSyncDeviceInfoResult"][0]
    assert user["Username"] == "jane@example.com" and got["UserCount"] == 1
    assert (device["DeviceId"], device["Name"], device["UserAgent"]) == ("dev1", "Phone", "EAS/16")

    assert_ok(
        soap(
            SVC,
            "AddRSSFeed",
            EmailAddress="jane@example.com",
            rssUrl="https://news.example/rss",
            rssName="News",
            rssFolder="Feeds",
        )
    )
    assert_fail(
        soap(SVC, "AddRSSFeed", EmailAddress="jane@example.com", rssUrl="ftp://x", rssName="", rssFolder=""),
        results.INVALID_INPUT,
    )
    feeds = _user(emu, "jane")["rss_feeds"]
    assert [(f["name"], f["url"], f["folder"]) for f in feeds] == [("News", "https://news.example/rss", "Feeds")]
    listed = assert_ok(soap(SVC, "ListRSSFeeds", EmailAddress="jane@example.com"))
    assert listed["RSSFeeds"]["RSSFeed"][0]["uid"] == feeds[0]["uid"] and strings(listed["Folders"]) == ["Feeds"]
    assert_ok(soap(SVC, "DeleteRSSFeed", EmailAddress="jane@example.com", UID=feeds[0]["uid"]))
    assert _user(emu, "jane")["rss_feeds"] == []
    assert_fail(soap(SVC, "DeleteRSSFeed", EmailAddress="jane@example.com", UID=feeds[0]["uid"]), results.NOT_FOUND)

    quotas = assert_ok(soap(SVC, "GetUserQuotas", DomainName=DOM))["Users"]["UserQuota"]
    assert {q["UserName"]: q["MaxSpace"] for q in quotas} == {
        "jane@example.com": 10 * 1024 * 1024,
        "postmaster@example.com": 0,
    }
    stats = assert_ok(
        soap(
            SVC,
            "GetUserStats",
            EmailAddress="jane@example.com",
            Start=dt.datetime(2024, 1, 1),
            End=dt.datetime(2024, 2, 1),
        )
    )
    assert stats["MessagesReceived"] == 0 and stats["BytesSize"] == 0
    assert_fail(
        soap(
            SVC,
            "GetUserStats",
            EmailAddress="ghost@example.com",
            Start=dt.datetime(2024, 1, 1),
            End=dt.datetime(2024, 2, 1),
        ),
        results.NOT_FOUND,
    )


def test_migration_queue(soap, emu, dom):
    import zeep.exceptions

    assert_ok(_add(soap, "jane"))
    params = [
        "DESTINATION=jane@example.com",
        "IMPORTTYPE=other",
        "SERVERADDRESS=imap.old.example",
        "PORT=993",
        "USESSL=true",
        "USERNAME=jane",
        "PASSWORD=secret",
        "IMPORTITEMS=email",
    ]
    got = assert_ok(soap(SVC, "QueueMailBoxMigration", parameters=arr(*params)))
    queue = emu.state()["server"]["migration_queue"]
    assert len(queue) == 1 and queue[0]["email"] == "jane@example.com" and queue[0]["status"] == "Queued"
    assert "PASSWORD" not in queue[0]["parameters"] and f"ID={queue[0]['id']}" in strings(got["KeyValuePairs"])
    status = soap(SVC, "GetMigrationStatus")
    assert [(s["ID"], s["emailAddress"], s["status"]) for s in status] == [
        (queue[0]["id"], "jane@example.com", "Queued")
    ]
    for bad in (
        ["IMPORTTYPE=other", "SERVERADDRESS=x"],  # no destination
        ["DESTINATION=ghost@example.com", "IMPORTTYPE=other", "SERVERADDRESS=x"],
        ["DESTINATION=jane@example.com", "IMPORTTYPE=lotus", "SERVERADDRESS=x"],
        ["DESTINATION=jane@example.com", "IMPORTTYPE=gmail", "IMPORTITEMS=email,calendar"],
        ["DESTINATION=jane@example.com", "IMPORTTYPE=other", "SERVERADDRESS=x", "PORT=0"],
        ["DESTINATION=jane@example.com", "NOSUCHKEY=1"],
    ):
        assert_fail(soap(SVC, "QueueMailBoxMigration", parameters=arr(*bad)))
    assert len(emu.state()["server"]["migration_queue"]) == 1
    assert soap(SVC, "RemoveFromMigrationQueue", itemID=queue[0]["id"]) is None
    assert emu.state()["server"]["migration_queue"] == []
    with pytest.raises(zeep.exceptions.Fault, match="is not in the queue"):
        soap(SVC, "RemoveFromMigrationQueue", itemID=queue[0]["id"])


def test_soap12_round_trip(soap, emu, dom):
    assert_ok(
        soap(
            SVC,
            "AddUser2",
            soap12=True,
            NewUsername="s12",
            NewPassword=PW,
            DomainName=DOM,
            FirstName="",
            LastName="",
            IsDomainAdmin=False,
            maxMailboxSize=0,
        )
    )
    assert soap(SVC, "GetUser", soap12=True, EmailAddress="s12@example.com")["UserInfo"]["Password"] == PW


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert len(names) == 39
    assert ops_called_in(__file__, names) == []

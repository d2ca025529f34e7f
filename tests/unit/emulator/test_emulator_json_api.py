# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's JSON API (/api/v1) against the running emulator: sessions, scopes, shared state."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request

import pytest
from emu_helpers import ADMIN_PASSWORD, ADMIN_USER, add_domain, arr, assert_ok, strings


def call(emu, method, path, body=None, token=None):
    """(status, decoded body) of one JSON API call."""
    data = None if body is None and method == "GET" else json.dumps(body or {}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(emu.url + "/api/v1/" + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw)
        except ValueError:
            return exc.code, raw.decode("utf-8", "replace")


def login(emu, user=ADMIN_USER, password=ADMIN_PASSWORD, client_id="test"):
    status, answer = call(emu, "POST", "auth/authenticate-user",
                          {"username": user, "password": password, "clientId": client_id})
    assert status == 200 and answer["success"] is True, answer
    return answer


@pytest.fixture()
def mode(emu):
    yield lambda value: emu.request("POST", "json", {"mode": value})
    emu.request("POST", "json", {"mode": "both"})


def test_about_is_anonymous(emu):
    status, answer = call(emu, "GET", "licensing/about")
    assert status == 200 and answer["version"].startswith("100.")


def test_login_and_rejected_login(emu):
    answer = login(emu)
    assert answer["role"] == "SysAdmin" and answer["accessToken"] and answer["refreshToken"]
    status, answer = call(emu, "POST", "auth/authenticate-user", {"username": ADMIN_USER, "password": "wrong"})
    # HTTP 200 is not success: the body says
    assert status == 200 and answer["success"] is False
    assert answer["message"] == "USERNAME_OR_PASSWORD_INCORRECT"
    assert emu.request("GET", "json")["logins"] == {ADMIN_USER: 2}


def test_same_state_as_soap(soap, emu):
    add_domain(soap, "soap.example")
    token = login(emu)["accessToken"]
    status, answer = call(emu, "GET", "settings/sysadmin/domains", token=token)
    assert [d["name"] for d in answer["data"]] == ["soap.example"]
    status, answer = call(emu, "POST", "settings/sysadmin/domain-put", {
        "domainData": {"name": "json.example", "maxSize": 5 * 1048576, "userLimit": 7},
        "adminUsername": "boss", "adminPassword": "Boss-Pw-123"}, token=token)
    assert answer["success"] is True, answer
    names = strings(assert_ok(soap("svcDomainAdmin", "GetAllDomains"))["DomainNames"])
    assert sorted(names) == ["json.example", "soap.example"]
    settings = assert_ok(soap("svcDomainAdmin", "GetDomainSettings", domainName="json.example"))
    assert settings["MaxDomainSizeInMB"] == 5 and settings["MaxDomainUsers"] == 7
    status, answer = call(emu, "GET", "settings/sysadmin/domain-settings/json.example", token=token)
    assert answer["domainSettings"]["maxSize"] == 5 * 1048576 and answer["domainSettings"]["mainDomainAdmin"] == "boss"
    status, answer = call(emu, "POST", "settings/sysadmin/domain-put", {
        "domainData": {"name": "soap.example"}, "adminUsername": "x", "adminPassword": "Xx-12345678"}, token=token)
    assert status == 200 and answer["success"] is False and answer["message"] == "DOMAIN_ADD_ERROR_NAME_IN_USE"


def test_counters_count_json_calls(soap, emu):
    add_domain(soap, "example.com")
    token = login(emu)["accessToken"]
    emu.reset_counters()
    call(emu, "GET", "settings/sysadmin/domain-settings/example.com", token=token)
    call(emu, "POST", "settings/sysadmin/domain-settings/example.com", {"domainSettings": {"maxAliases": 3}},
         token=token)
    counters = emu.counters()
    assert counters["writes"] == 1 and counters["reads"] == 1
    assert counters["operations"]["json:POST settings/sysadmin/domain-settings/{domain}"]["writes"] == 1


def test_expiry_refresh_and_rotation(soap, emu):
    add_domain(soap, "example.com")
    emu.request("POST", "json", {"token_uses": 1})
    session = login(emu)
    assert call(emu, "GET", "settings/sysadmin/domains", token=session["accessToken"])[0] == 200
    status, answer = call(emu, "GET", "settings/sysadmin/domains", token=session["accessToken"])
    assert status == 401 and answer["message"] == "Token has expired"
    status, fresh = call(emu, "POST", "auth/refresh-token", {"token": session["refreshToken"]})
    assert status == 200 and fresh["refreshToken"] != session["refreshToken"]
    assert call(emu, "GET", "settings/sysadmin/domains", token=fresh["accessToken"])[0] == 200
    # the refresh token rotated: the old one is dead
    status, answer = call(emu, "POST", "auth/refresh-token", {"token": session["refreshToken"]})
    assert status == 401 and answer["message"] == "Refresh token rejected"
    emu.request("POST", "json", {"token_uses": 0})
    assert call(emu, "POST", "auth/refresh-token", {"token": fresh["refreshToken"]})[0] == 200


def test_client_id_eviction_and_logout(emu):
    first = login(emu, client_id="a")
    other = login(emu, client_id="b")
    again = login(emu, client_id="a")
    assert call(emu, "GET", "settings/sysadmin/domains", token=first["accessToken"])[0] == 401
    assert call(emu, "GET", "settings/sysadmin/domains", token=other["accessToken"])[0] == 200
    assert call(emu, "GET", "settings/sysadmin/domains", token=again["accessToken"])[0] == 200
    assert call(emu, "POST", "auth/logout-user", token=again["accessToken"])[0] == 200
    assert call(emu, "GET", "settings/sysadmin/domains", token=again["accessToken"])[0] == 401
    assert call(emu, "POST", "auth/refresh-token", {"token": again["refreshToken"]})[0] == 401
    assert call(emu, "GET", "settings/sysadmin/domains", token=other["accessToken"])[0] == 200


def test_scopes(soap, emu):
    add_domain(soap, "example.com", admin="postmaster", password="Dom-Pw-1")
    assert call(emu, "GET", "settings/sysadmin/domains")[0] == 401
    admin = login(emu, "postmaster@example.com", "Dom-Pw-1")
    assert admin["role"] == "DomainAdmin" and admin["isDomainAdmin"] is True
    assert call(emu, "GET", "settings/sysadmin/domains", token=admin["accessToken"])[0] == 403
    status, answer = call(emu, "GET", "settings/domain/aliases", token=admin["accessToken"])
    assert status == 200 and answer["gridInfo"] == []
    system = login(emu)["accessToken"]
    status, answer = call(emu, "GET", "settings/domain/aliases", token=system)
    assert status == 400 and "domain not found" in answer["message"]
    status, answer = call(emu, "POST", "settings/sysadmin/manage-domain/example.com", token=system)
    domain_token = answer["impersonateAccessToken"]
    assert call(emu, "GET", "settings/domain/aliases", token=domain_token)[0] == 200
    assert call(emu, "GET", "settings/sysadmin/domains", token=domain_token)[0] == 403
    # logging out drops the domain tokens issued under the session
    call(emu, "POST", "auth/logout-user", token=system)
    assert call(emu, "GET", "settings/domain/aliases", token=domain_token)[0] == 401


def test_aliases_users_and_forwarding_share_state(soap, emu):
    add_domain(soap, "example.com")
    system = login(emu)["accessToken"]
    token = call(emu, "POST", "settings/sysadmin/manage-domain/example.com", token=system)[1]["impersonateAccessToken"]
    answer = call(emu, "POST", "settings/domain/alias-put", {"alias": {"name": "Sales", "aliasTargetList":
                                                                       ["a@example.org"]}}, token=token)[1]
    assert answer["success"] is True, answer
    answer = call(emu, "POST", "settings/domain/alias-put", {"alias": {"name": "sales", "aliasTargetList":
                                                                       ["a@example.org"]}}, token=token)[1]
    assert answer["message"] == "USER_ADD_ERROR_NAME_IN_USE"
    got = assert_ok(soap("svcAliasAdmin", "GetAlias", DomainName="example.com", AliasName="sales"))
    assert strings(got["AliasInfo"]["Addresses"]) == ["a@example.org"]
    answer = call(emu, "POST", "settings/domain/user-put", {
        "userData": {"userName": "bob", "password": "Bob-Pw-12345", "maxMailboxSize": 3 * 1048576,
                     "securityFlags": {"isDomainAdmin": True}},
        "userMailSettings": {"userContactInfo": {"firstName": "Bob", "lastName": "B"}}}, token=token)[1]
    assert answer["success"] is True, answer
    user = assert_ok(soap("svcUserAdmin", "GetUser", EmailAddress="bob@example.com"))["UserInfo"]
    assert user["FirstName"] == "Bob" and user["IsDomainAdmin"] is True
    data = call(emu, "GET", "settings/domain/user/bob@example.com", token=token)[1]["userData"]
    assert data["maxMailboxSize"] == 3 * 1048576 and "password" not in data
    call(emu, "POST", "settings/domain/post-mailbox-forward-list", {
        "email": "bob@example.com", "mailboxForwardList": {"forwardList": ["x@example.org"]}}, token=token)
    fwd = assert_ok(soap("svcUserAdmin", "GetUserForwardingInfo2", EmailAddress="bob@example.com"))
    assert strings(fwd["ForwardingAddresses"]) == ["x@example.org"]
    status, answer = call(emu, "POST", "settings/domain/user-delete/postmaster", token=token)
    assert status == 200 and answer["success"] is False and "primary domain administrator" in answer["message"]


def test_mode_switch(soap, emu, mode):
    mode("json")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(emu.wsdl_url("svcDomainAdmin"), timeout=10)
    assert err.value.code == 404
    assert call(emu, "GET", "licensing/about")[0] == 200
    mode("soap")
    assert call(emu, "GET", "licensing/about")[0] == 404
    assert_ok(soap("svcDomainAdmin", "GetAllDomains"))


def test_cli_flag_serves_json_only(tmp_path):
    from emu_helpers import EmulatorProcess

    proc = EmulatorProcess(str(tmp_path / "state.json"), admin_user=ADMIN_USER, admin_password=ADMIN_PASSWORD,
                           extra_args=["--api", "json"])
    proc.start()
    try:
        assert proc.request("GET", "json")["mode"] == "json"
        assert call(proc, "GET", "licensing/about")[0] == 200
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(proc.wsdl_url("svcDomainAdmin"), timeout=10)
        assert err.value.code == 404
    finally:
        proc.stop()


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.fixture()
def switches(emu):
    yield lambda **values: emu.request("POST", "json", values)
    emu.request("POST", "json", {"rejected_login_status": 200, "two_factor": [], "change_password": [],
                                 "refresh_lifetime": 86400})


def test_login_answers_the_reference_fields_and_jwt_tokens(soap, emu):
    add_domain(soap, "example.com", admin="postmaster", password="Dom-Pw-1")
    system = login(emu)
    # isAdmin is named by the sources but defined by none: not offered; the role is (AVRCE, CBX)
    assert "isAdmin" not in system and system["role"] == "SysAdmin"
    assert claims(system["accessToken"])["role"] == "SysAdmin"
    assert time.strptime(system["refreshTokenExpiration"], "%Y-%m-%dT%H:%M:%SZ")
    assert system["changePasswordNeeded"] is False and system["emailAddress"] == ADMIN_USER
    admin = login(emu, "postmaster@example.com", "Dom-Pw-1")
    assert claims(admin["accessToken"])["role"] == "DomainAdmin" and "isAdmin" not in admin
    assert claims(admin["accessToken"])["clientId"] == "test"
    domain = call(emu, "POST", "settings/sysadmin/manage-domain/example.com", token=system["accessToken"])[1]
    assert claims(domain["impersonateAccessToken"])["role"] == "DomainAdmin"


def test_rejected_login_answered_with_a_4xx(emu, switches):
    switches(rejected_login_status=401)
    status, answer = call(emu, "POST", "auth/authenticate-user", {"username": ADMIN_USER, "password": "wrong"})
    assert status == 401 and answer["success"] is False and answer["message"] == "USERNAME_OR_PASSWORD_INCORRECT"


def test_two_factor_step_token(soap, emu, switches):
    add_domain(soap, "example.com", admin="postmaster", password="Dom-Pw-1")
    switches(two_factor=["postmaster@example.com"])
    answer = login(emu, "postmaster@example.com", "Dom-Pw-1")
    assert answer["message"] == "TWO_FACTOR_REQUIRED|rfc6238|postmaster@example.com"
    assert answer["refreshToken"] == "" and claims(answer["accessToken"])["tokenType"] == "AuthStep"
    # the step token is good for nothing else
    assert call(emu, "GET", "settings/domain/aliases", token=answer["accessToken"])[0] == 403
    assert login(emu)["message"] == ""  # others are not affected


def test_change_password_needed(emu, switches):
    switches(change_password=[ADMIN_USER])
    answer = login(emu)
    assert answer["changePasswordNeeded"] is True and answer["refreshToken"] == ""
    assert call(emu, "GET", "settings/sysadmin/domains", token=answer["accessToken"])[0] == 403


def test_refresh_token_expires(emu, switches):
    switches(refresh_lifetime=0)
    session = login(emu)
    status, answer = call(emu, "POST", "auth/refresh-token", {"token": session["refreshToken"]})
    assert status == 401 and answer["message"] == "Refresh token rejected"


def domain_token(emu, domain="example.com"):
    system = login(emu)["accessToken"]
    return system, call(emu, "POST", "settings/sysadmin/manage-domain/" + domain, token=system)[1][
        "impersonateAccessToken"]


def test_forwarding_flags_of_the_user_and_the_domain(soap, emu):
    add_domain(soap, "example.com")
    system, token = domain_token(emu)
    call(emu, "POST", "settings/domain/user-put", {"userData": {"userName": "bob", "password": "Bob-Pw-12345"}},
         token=token)
    mail = call(emu, "GET", "settings/domain/user-mail/bob@example.com", token=token)[1]["userMailSettings"]
    assert mail["enableMailForwarding"] is False
    answer = call(emu, "POST", "settings/domain/post-user-mail", {
        "email": "bob@example.com", "userMailSettings": {"enableMailForwarding": True}}, token=token)[1]
    assert answer["success"] is True
    mail = call(emu, "GET", "settings/domain/user-mail/bob@example.com", token=token)[1]["userMailSettings"]
    assert mail["enableMailForwarding"] is True
    path = "settings/sysadmin/domain-settings/example.com"
    assert call(emu, "GET", path, token=system)[1]["domainSettings"]["enableMailForwarding"] is True
    call(emu, "POST", path, {"domainSettings": {"enableMailForwarding": False}}, token=system)
    assert call(emu, "GET", path, token=system)[1]["domainSettings"]["enableMailForwarding"] is False


def test_unknown_keys_and_a_missing_wrapper_are_answered_200_and_dropped(soap, emu):
    add_domain(soap, "example.com")
    system, token = domain_token(emu)
    path = "settings/sysadmin/domain-settings/example.com"
    before = call(emu, "GET", path, token=system)[1]["domainSettings"]["maxAliases"]
    status, answer = call(emu, "POST", path, {"maxAliases": before + 3}, token=system)
    assert status == 200 and answer["success"] is True
    assert call(emu, "GET", path, token=system)[1]["domainSettings"]["maxAliases"] == before
    status, answer = call(emu, "POST", path, {"domainSettings": {"maxAliases": before + 3, "noSuchKey": 1}},
                          token=system)
    assert status == 200 and answer["success"] is True
    settings = call(emu, "GET", path, token=system)[1]["domainSettings"]
    assert settings["maxAliases"] == before + 3 and "noSuchKey" not in settings
    call(emu, "POST", "settings/domain/user-put", {"userData": {"userName": "bob", "password": "Bob-Pw-12345"}},
         token=token)
    call(emu, "POST", "settings/domain/post-mailbox-forward-list", {
        "email": "bob@example.com", "mailboxForwardList": {"forwardList": ["x@example.org"]}}, token=token)
    status, answer = call(emu, "POST", "settings/domain/post-mailbox-forward-list", {
        "email": "bob@example.com", "forwardList": []}, token=token)
    assert status == 200 and answer["success"] is True
    fwd = call(emu, "GET", "settings/domain/mailbox-forward-list/bob@example.com", token=token)[1]
    assert fwd["mailboxForwardList"]["forwardList"] == ["x@example.org"]


def test_routes_ignore_case_and_a_wrong_method_is_405(soap, emu):
    add_domain(soap, "example.com")
    system = login(emu)["accessToken"]
    status, answer = call(emu, "GET", "Settings/SysAdmin/Domains", token=system)
    assert status == 200 and [d["name"] for d in answer["data"]] == ["example.com"]
    req = urllib.request.Request(emu.url + "/api/v1/settings/sysadmin/domain-put", method="GET",
                                 headers={"Authorization": "Bearer " + system})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 405 and err.value.headers["Allow"] == "POST"
    assert call(emu, "GET", "settings/sysadmin/no-such-thing", token=system)[0] == 404


def test_domain_alias_put_needs_its_trailing_slash(soap, emu):
    add_domain(soap, "example.com")
    system, token = domain_token(emu)
    assert call(emu, "POST", "settings/domain/domain-alias-put/alias.example/false", token=token)[0] == 404
    status, answer = call(emu, "POST", "settings/domain/domain-alias-put/alias.example/False/", token=token)
    assert status == 200 and answer["success"] is True, answer
    names = [d["name"] for d in call(emu, "GET", "settings/domain/domain-aliases", token=token)[1]["domainAliasData"]]
    assert names == ["alias.example"]


def test_weak_passwords_answer_the_reference_codes(soap, emu):
    add_domain(soap, "example.com")
    system, token = domain_token(emu)
    status, answer = call(emu, "POST", "settings/domain/user-put", {"userData": {"userName": "bob", "password": "x"}},
                          token=token)
    assert status == 200 and answer["success"] is False and answer["message"] == "USER_ADD_ERROR_PASSWORD_TOO_SHORT"
    status, answer = call(emu, "POST", "settings/domain/user-put", {
        "userData": {"userName": "bad name!", "password": "Bob-Pw-12345"}}, token=token)
    assert answer["message"] == "USER_ADD_ERROR_INVALID_NAME"
    call(emu, "POST", "settings/domain/user-put", {"userData": {"userName": "bob", "password": "Bob-Pw-12345"}},
         token=token)
    status, answer = call(emu, "POST", "settings/domain/post-user", {"email": "bob@example.com",
                                                                     "userData": {"password": "x"}}, token=token)
    assert status == 400 and answer["message"] == "User does not meet password requirements"


def test_alias_update_with_another_old_name_renames(soap, emu):
    add_domain(soap, "example.com")
    system, token = domain_token(emu)
    for name in ("sales", "taken"):
        call(emu, "POST", "settings/domain/alias-put", {"alias": {"name": name, "aliasTargetList": ["a@example.org"]}},
             token=token)
    call(emu, "POST", "settings/domain/set-catch-all/sales", token=token)
    answer = call(emu, "POST", "settings/domain/alias", {"alias": {"name": "Deals", "aliasTargetList": [
        "b@example.org"]}, "oldName": "sales"}, token=token)[1]
    assert answer["success"] is True, answer
    grid = {a["name"]: a["targets"] for a in call(emu, "GET", "settings/domain/aliases", token=token)[1]["gridInfo"]}
    assert grid == {"deals": ["b@example.org"], "taken": ["a@example.org"]}
    settings = call(emu, "GET", "settings/sysadmin/domain-settings/example.com", token=system)[1]["domainSettings"]
    assert settings["catchAll"] == "deals"
    answer = call(emu, "POST", "settings/domain/alias", {"alias": {"name": "taken", "aliasTargetList": []},
                                                         "oldName": "deals"}, token=token)[1]
    assert answer["success"] is False and answer["message"] == "USER_ADD_ERROR_NAME_IN_USE"


def test_auto_responder_external_reply(soap, emu):
    add_domain(soap, "example.com")
    system, token = domain_token(emu)
    call(emu, "POST", "settings/domain/user-put", {"userData": {"userName": "bob", "password": "Bob-Pw-12345"}},
         token=token)
    user = call(emu, "POST", "settings/domain/impersonate-user/bob@example.com", token=token)[1][
        "impersonateAccessToken"]
    answer = call(emu, "GET", "settings/auto-responder", token=user)[1]["autoResponderSettings"]
    assert answer == {"enabled": False, "subject": "", "body": "", "externalReply": ""}
    status, answer = call(emu, "POST", "settings/auto-responder", {"autoResponderSettings": {
        "enabled": True, "subject": "Away", "externalReply": "Back on Monday", "noSuchKey": 1}}, token=user)
    assert status == 200 and answer["success"] is True
    answer = call(emu, "GET", "settings/auto-responder", token=user)[1]["autoResponderSettings"]
    assert answer == {"enabled": True, "subject": "Away", "body": "", "externalReply": "Back on Monday"}
    # the SOAP side sees the same auto-responder
    got = assert_ok(soap("svcUserAdmin", "GetUserAutoResponseInfo", EmailAddress="bob@example.com"))
    assert got["Enabled"] is True and got["Subject"] == "Away"


# ---- the _info readers' endpoints (licensing §2, domains §3, users §5, domain data §4, antivirus §10.2)
def test_info_read_endpoints_follow_the_reference(soap, emu):
    add_domain(soap, "example.com", admin="postmaster", password="Dom-Pw-1")
    assert_ok(soap("svcUserAdmin", "AddUser2", NewUsername="bob", NewPassword="Bob-Pw-12345", DomainName="example.com",
                   FirstName="Bob", LastName="B", IsDomainAdmin=False, maxMailboxSize=3))
    assert soap("svcUserAdmin", "LoginValidated", Username="bob@example.com", Password="Bob-Pw-12345")["LoginValidated"]
    system = login(emu)["accessToken"]
    status, answer = call(emu, "GET", "licensing/info", token=system)
    assert status == 200 and answer["success"] is True and answer["edition"] == 0  # Enterprise (FUSE's numbers)
    assert call(emu, "GET", "settings/sysadmin/domain-names", token=system)[1]["data"] == ["example.com"]
    [listed] = call(emu, "GET", "settings/sysadmin/domains", token=system)[1]["data"]
    assert (listed["userCount"], listed["aliasCount"], listed["listCount"], listed["size"]) == (2, 0, 0, 0)
    users = call(emu, "GET", "settings/sysadmin/list-users/example.com", token=system)[1]["userData"]
    assert [(u["userName"], u["emailAddress"], u["securityFlags"]["isDomainAdmin"]) for u in users] == [
        ("bob", "bob@example.com", False), ("postmaster", "postmaster@example.com", True)]
    assert users[0]["maxMailboxSize"] == 3 * 1048576 and users[0]["lastLoginTime"] and users[1]["lastLoginTime"] is None
    names = call(emu, "GET", "settings/sysadmin/list-usernames/example.com", token=system)[1]
    assert names["usernames"] == ["bob", "postmaster"]
    status, answer = call(emu, "GET", "settings/sysadmin/user/bob@example.com", token=system)
    assert status == 200 and answer["userData"]["fullName"] == "Bob B" and answer["userData"]["domain"] == "example.com"
    assert call(emu, "GET", "settings/sysadmin/user/nobody@example.com", token=system)[1]["success"] is False
    assert call(emu, "GET", "settings/sysadmin/antivirus/settings", token=system)[1]["settings"]["commandLine"] == ""
    admins = call(emu, "GET", "settings/sysadmin/domain-admins/example.com", token=system)[1]["domainAdmins"]
    assert admins == ["postmaster@example.com"]
    # domain scope: the token's own domain
    token = call(emu, "POST", "settings/sysadmin/manage-domain/example.com", token=system)[1]["impersonateAccessToken"]
    data = call(emu, "GET", "settings/domain/data", token=token)[1]["domainData"]
    assert data["name"] == "example.com" and data["userCount"] == 2 and data["aliasCount"] == 0
    counts = call(emu, "GET", "settings/domain/account-list-counts", token=token)[1]
    assert (counts["userCount"], counts["aliasCount"], counts["listCount"]) == (2, 0, 0)
    # scopes: the domain's token on a system endpoint, the system token on a domain one
    assert call(emu, "GET", "licensing/info", token=token)[0] == 403
    assert call(emu, "GET", "settings/domain/data", token=system)[0] == 400


# ---------------------------------------------- user groups, DKIM, mailing lists (one block)
def managed_token(emu, domain="example.com"):
    system = login(emu)["accessToken"]
    return call(emu, "POST", "settings/sysadmin/manage-domain/" + domain, token=system)[1]["impersonateAccessToken"]


def test_user_group_endpoints_share_state_with_soap(soap, emu):
    add_domain(soap, "example.com")
    for name in ("ann", "bob"):
        assert_ok(soap("svcUserAdmin", "AddUser2", NewUsername=name, NewPassword="Pw-%s-12345" % name,
                       DomainName="example.com", FirstName="", LastName="", IsDomainAdmin=False,
                       maxMailboxSize=0))
    token = managed_token(emu)
    answer = call(emu, "POST", "settings/domain/user-group-put",
                  {"userGroup": {"name": "Sales", "userNames": ["ann"], "enabled": True}}, token=token)[1]
    assert answer["success"] is True, answer
    groups = call(emu, "GET", "settings/domain/all-user-groups", token=token)[1]["userGroups"]
    assert [(g["name"], g["userNames"], g["enabled"]) for g in groups] == [("Sales", ["ann"], True)]
    group_id = groups[0]["id"]
    got = assert_ok(soap("svcUserAdmin", "GetUserGroupsByDomain", DomainName="example.com"))["UserGroups"]["UserGroupInfo"]
    assert [g["name"] for g in got] == ["Sales"]
    one = call(emu, "GET", "settings/domain/user-group/%s" % group_id, token=token)[1]["userGroup"]
    one.update(name="Team", userNames=["ann", "bob"])
    assert call(emu, "POST", "settings/domain/user-group", {"userGroup": one}, token=token)[1]["success"] is True
    assert call(emu, "GET", "settings/domain/all-user-groups/bob", token=token)[1]["userGroups"][0]["name"] == "Team"
    assert call(emu, "POST", "settings/domain/remove-from-user-groups/bob", {"iDs": [group_id]},
                token=token)[1]["success"] is True
    assert call(emu, "GET", "settings/domain/all-user-groups/bob", token=token)[1]["userGroups"] == []
    call(emu, "POST", "settings/domain/add-to-user-groups/bob@example.com", {"iDs": [group_id]}, token=token)
    assert call(emu, "GET", "settings/domain/user-group/%s" % group_id, token=token)[1]["userGroup"][
        "userNames"] == ["ann", "bob"]
    # a member that is no user of the domain: refused, nothing changed
    status, answer = call(emu, "POST", "settings/domain/user-group-put",
                          {"userGroup": {"name": "X", "userNames": ["nobody"]}}, token=token)
    assert status == 200 and answer["success"] is False
    assert call(emu, "POST", "settings/domain/remove-user-groups", {"iDs": [group_id]}, token=token)[1]["success"]
    assert call(emu, "GET", "settings/domain/all-user-groups", token=token)[1]["userGroups"] == []
    status, answer = call(emu, "GET", "settings/domain/user-group/%s" % group_id, token=token)
    assert answer["success"] is False


def test_dkim_endpoints_rollover_activation_and_soap_sees_the_key(soap, emu):
    add_domain(soap, "example.com")
    token = managed_token(emu)
    keys = call(emu, "GET", "settings/domain/domain", token=token)[1]["domainSettings"]["domainKeysSettings"]
    assert keys["publicKey"] == "" and keys["pending"] is None
    # never initialised: enabling fails (ASTRAL)
    assert call(emu, "POST", "settings/domain/dkim-enable/false", token=token)[1]["success"] is False
    assert call(emu, "POST", "settings/domain/dkim-create-rollover/512", token=token)[0] == 400
    status, made = call(emu, "POST", "settings/domain/dkim-create-rollover/1024", token=token)
    assert status == 200 and made["keySize"] == 1024 and made["selector"] and made["publicKey"] and made["nextCheckUtc"]
    pending = call(emu, "GET", "settings/domain/domain", token=token)[1]["domainSettings"]["domainKeysSettings"]
    assert pending["pending"]["publicKey"] == made["publicKey"] and pending["publicKey"] == ""
    # without forcing, activation waits for DNS (never found by the emulator)
    assert call(emu, "POST", "settings/domain/dkim-verify-rollover/false", token=token)[1]["success"] is False
    assert call(emu, "POST", "settings/domain/dkim-verify-rollover/true", token=token)[1]["success"] is True
    active = call(emu, "GET", "settings/domain/domain", token=token)[1]["domainSettings"]["domainKeysSettings"]
    assert (active["selector"], active["publicKey"], active["pending"]) == (made["selector"], made["publicKey"], None)
    cert = assert_ok(soap("svcDomainAdmin", "GetDKIMCert", DomainName="example.com"))
    assert cert["publicKey"] == made["publicKey"] and cert["selector"] == made["selector"]
    assert call(emu, "POST", "settings/domain/dkim-enable/false", token=token)[1]["success"] is True
    assert call(emu, "POST", "settings/domain/dkim-disable", token=token)[1]["success"] is True
    call(emu, "POST", "settings/domain/dkim-create-rollover/2048", token=token)
    assert call(emu, "POST", "settings/domain/dkim-delete-rollover", token=token)[1]["success"] is True
    assert call(emu, "GET", "settings/domain/domain", token=token)[1]["domainSettings"]["domainKeysSettings"][
        "pending"] is None
    assert call(emu, "POST", "settings/domain/dkim-settings-set", {
        "canonicalizationBody": "simple", "canonicalizationHeader": "relaxed", "fieldOption": 1,
        "fields": ["From", "To"], "maxMessageSign": 100}, token=token)[1]["success"] is True
    got = call(emu, "GET", "settings/domain/domain", token=token)[1]["domainSettings"]["domainKeysSettings"]
    assert (got["dkimCanonicalizationAlgorithmBody"], got["dkimHeaderFields"], got["maxMessageSign"]) == (
        "simple", ["From", "To"], 100)
    assert call(emu, "POST", "settings/domain/dkim-verify-active", token=token)[0] == 200
    assert call(emu, "GET", "settings/domain/test-domain-key-dns/%s/abc" % made["selector"], token=token)[0] == 200
    # a domain scope endpoint: the system administrator's own token is refused
    assert call(emu, "GET", "settings/domain/domain", token=login(emu)["accessToken"])[0] == 400


LIST_ITEM_FIELDS = {"id", "listAddress", "description", "moderatorAddress", "status", "postingPermissions",
                    "enableDigest", "doubleOptIn", "disableSubscriptions", "listSubscriberCount",
                    "digestSubscriberCount", "posterCount", "bannedUserCount", "listCommandAddress", "createdOn",
                    "password", "requirePassword", "subject", "prependSubject", "listFromAddress",
                    "listReplyToAddress", "sendSubscribeEmail", "sendUnsubscribeEmail", "disableListCommand"}


def test_mailing_list_endpoints_answer_the_reference_fields_and_share_state(soap, emu):
    add_domain(soap, "example.com")
    assert_ok(soap("svcUserAdmin", "AddUser2", NewUsername="ann", NewPassword="Pw-Ann-12345", DomainName="example.com",
                   FirstName="", LastName="", IsDomainAdmin=False, maxMailboxSize=0))
    assert_ok(soap("svcMailListAdmin", "AddList", DomainName="example.com", ListName="old", Moderator="ann",
                   Description="made over SOAP"))
    token = managed_token(emu)
    status, made = call(emu, "POST", "settings/domain/mailing-lists/add", {
        "listAddress": "news", "moderatorAddress": "ann@example.com", "description": "News", "postingPermissions": 2,
        "doubleOptIn": True, "password": "List-Pw-1", "showInGal": True, "unknownKey": 1}, token=token)
    assert status == 200 and made["success"] is True and made["item"]["showInGal"] is True
    items = call(emu, "GET", "settings/domain/mailing-lists/list", token=token)[1]["items"]
    assert [i["listAddress"] for i in items] == ["news", "old"] and set(items[0]) == LIST_ITEM_FIELDS
    news = dict((i["listAddress"], i) for i in items)["news"]
    assert (news["moderatorAddress"], news["postingPermissions"], news["doubleOptIn"]) == ("ann@example.com", 2, True)
    list_id = news["id"]
    root = "settings/domain/mailing-lists/%s/" % list_id
    settings = call(emu, "GET", root + "settings", token=token)[1]["item"]
    settings.update(disabled=True, description="Daily", listToAddress="to@example.org")
    assert call(emu, "POST", root + "settings", settings, token=token)[1]["success"] is True
    got = assert_ok(soap("svcMailListAdmin", "GetRequestedListSettings", DomainName="example.com", ListName="news",
                         requestedSettings=arr("disabled", "description", "whocanpost", "listtoaddress")))
    assert sorted(strings(got["settingValues"])) == ["description=Daily", "disabled=True",
                                                     "listtoaddress=to@example.org", "whocanpost=moderatoronly"]
    for path, body in (("subscriber-add", ["A@x.test", "b@x.test"]), ("digest-subscriber-add", ["d@x.test"]),
                       ("poster-add", ["p@x.test"]), ("banned-user-add", ["k@x.test"]),
                       ("subscriber-remove", ["b@x.test"])):
        assert call(emu, "POST", root + path, body, token=token)[1]["success"] is True, path
    search = {"skip": 0, "take": 10, "search": "", "subscriberType": 0, "sortField": "emailaddress",
              "sortDescending": False}
    assert call(emu, "POST", root + "subscriber-search", search, token=token)[1]["items"] == [{"emailAddress": "A@x.test"}]
    search["subscriberType"] = 999
    assert len(call(emu, "POST", root + "subscriber-search", search, token=token)[1]["items"]) == 2
    assert call(emu, "POST", root + "poster-search", {"skip": 0, "take": 5}, token=token)[1]["items"] == [
        {"emailAddress": "p@x.test"}]
    assert call(emu, "POST", root + "banned-user-search", {}, token=token)[1]["items"] == [{"emailAddress": "k@x.test"}]
    assert strings(assert_ok(soap("svcMailListAdmin", "GetSubscriberList", DomainName="example.com",
                                  ListName="news"))["Subscribers"]) == ["A@x.test"]
    counts = call(emu, "GET", root + "counts", token=token)[1]
    assert (counts["listSubscribers"], counts["digestSubscribers"], counts["posters"], counts["bannedUsers"]) == (
        1, 1, 1, 1)
    details = call(emu, "GET", "settings/domain/mailing-lists/subscriber-details/a@x.test", token=token)[1]
    assert details["subscribedLists"] == [list_id]
    assert call(emu, "POST", root + "digest-subscriber-remove-all", token=token)[1]["success"] is True
    assert call(emu, "GET", root + "counts", token=token)[1]["digestSubscribers"] == 0
    assert call(emu, "POST", root + "poster-remove-all", token=token)[0] == 404  # not in the reference
    assert call(emu, "POST", root + "system-message", {"name": "welcome", "subject": "Hi", "body": "B"},
                token=token)[1]["success"] is True
    assert call(emu, "GET", root + "system-messages", token=token)[1]["items"][0]["name"] == "welcome"
    assert call(emu, "POST", "settings/domain/subscriber-field-definition",
                {"subscriberFieldDefinition": {"name": "city", "defaultValue": "Paris"}}, token=token)[1]["success"]
    fields = call(emu, "GET", "settings/domain/subscriber-field-definitions", token=token)[1][
        "subscriberFieldDefinitions"]
    assert [(f["name"], f["defaultValue"]) for f in fields] == [("city", "Paris")]
    assert call(emu, "POST", "settings/domain/mailing-lists/subscriber-field-definitions/delete-bulk",
                {"ints": [fields[0]["id"]]}, token=token)[1]["success"] is True
    old_id = dict((i["listAddress"], i["id"]) for i in items)["old"]
    assert call(emu, "POST", "settings/domain/mailing-lists/delete-bulk", {"ints": [list_id, old_id]},
                token=token)[1]["success"] is True
    assert call(emu, "GET", "settings/domain/mailing-lists/list", token=token)[1]["items"] == []
    assert call(emu, "GET", root + "settings", token=token)[1]["success"] is False


# ------------------------------------------- server ports, IP bindings, services (reference §10.4)
def soap_ports(value, name):
    """The items of a SOAP array result (zeep gives {name: [...]} or None)."""
    if value is None:
        return []
    return list(value.get(name) or []) if isinstance(value, dict) else list(value)


def assigned(soap, ip):
    """The ports SOAP lists as assigned to ``ip``."""
    return soap_ports(assert_ok(soap("svcServerAdmin", "ListPortsAssignedToIP", ipAddress=ip))["Ports"],
                      "ServerPortResult")


def test_ip_binding_manager_answers_the_reference_fields_and_shares_soap_ports(soap, emu):
    token = login(emu)["accessToken"]
    added = assert_ok(soap("svcServerAdmin", "AddServerPort", protocol="POP", encryption="SSL", port=1995,
                           certificatePath="c:\\certs\\pop.pfx", name="Pop SSL", description="d"))
    assert_ok(soap("svcServerAdmin", "AssignPortToIP", portID=added["NewID"], ipAddress="192.0.2.7"))
    status, answer = call(emu, "GET", "settings/sysadmin/ip-binding-manager", token=token)
    assert status == 200 and answer["success"] is True
    manager = answer["bindingManager"]
    port = [p for p in manager["bindingPorts"] if p["port"] == 1995][0]
    assert port == {"id": added["NewID"], "name": "Pop SSL", "port": 1995, "type": 1, "description": "d",
                    "isTls": False, "isSSL": True, "certificatePath": "c:\\certs\\pop.pfx", "password": ""}
    assert {"ipAddress": "192.0.2.7", "portIDs": [added["NewID"]]} in manager["bindingInfo"]


def test_ip_binding_ports_adds_with_bound_addresses_and_removes_by_id(soap, emu):
    token = login(emu)["accessToken"]
    status, answer = call(emu, "POST", "settings/sysadmin/ip-binding-ports", {"toAdd": [
        {"boundIpAddresses": ["192.0.2.8"], "id": None, "type": 2, "isTls": True, "isSSL": False, "password": "",
         "description": "json", "name": "Imap 1143", "port": 1143, "certificatePath": ""}]}, token=token)
    assert status == 200 and answer["success"] is True, answer
    ports = soap_ports(assert_ok(soap("svcServerAdmin", "ListServerPorts"))["Ports"], "ServerPortResult")
    port = [p for p in ports if p["Port"] == 1143][0]
    assert (port["Protocol"], port["Encryption"], port["Name"]) == ("IMAP", "TLS", "Imap 1143")
    assert [p["Port"] for p in assigned(soap, "192.0.2.8")] == [1143]
    # a type the reference does not define is refused, nothing added
    status, answer = call(emu, "POST", "settings/sysadmin/ip-binding-ports", {"toAdd": [
        {"type": 3, "port": 1389, "isTls": False, "isSSL": False}]}, token=token)
    assert answer["success"] is False and "type" in answer["message"]
    status, answer = call(emu, "POST", "settings/sysadmin/ip-binding-ports", {"toRemove": [port["ID"]]}, token=token)
    assert answer["success"] is True
    ports = soap_ports(assert_ok(soap("svcServerAdmin", "ListServerPorts"))["Ports"], "ServerPortResult")
    assert not [p for p in ports if p["Port"] in (1143, 1389)]
    assert assigned(soap, "192.0.2.8") == []


def test_services_read_start_and_stop_share_soap_state(soap, emu):
    token = login(emu)["accessToken"]
    status, answer = call(emu, "POST", "settings/sysadmin/stop-services", {"input": ["pop"]}, token=token)
    assert status == 200 and answer["success"] is True
    status, answer = call(emu, "GET", "settings/sysadmin/services", token=token)
    running = dict((s["name"], s["isRunning"]) for s in answer["services"])
    assert running == {"imap": True, "pop": False, "smtp": True, "spool": True}
    pairs = strings(assert_ok(soap("svcServerAdmin", "RequestStatus", reqStats=arr("pop_isrunning")))["KeyValuePairs"])
    assert pairs == ["pop_isrunning=False"]
    call(emu, "POST", "settings/sysadmin/start-services", {"input": ["pop"]}, token=token)
    pairs = strings(assert_ok(soap("svcServerAdmin", "RequestStatus", reqStats=arr("pop_isrunning")))["KeyValuePairs"])
    assert pairs == ["pop_isrunning=True"]
    status, answer = call(emu, "POST", "settings/sysadmin/stop-services", {"input": ["nosuch"]}, token=token)
    assert answer["success"] is False


def ip_access(emu, token, whitelist, **params):
    status, answer = call(emu, "POST", "settings/sysadmin/ip-access/%s" % ("true" if whitelist else "false"),
                          {"searchParams": params} if params else {}, token=token)
    assert status == 200 and answer["success"] is True, answer
    return answer


def test_ip_access_endpoints_answer_the_reference_fields_and_share_state(soap, emu):
    add_domain(soap, "example.com")
    token = login(emu)["accessToken"]
    # an entry added over SOAP (a range that is one network) is listed as its CIDR network
    assert_ok(soap("svcServerAdmin", "SetBlacklistEntry", ipAddress="", ipRangeStart="10.1.0.0",
                   ipRangeEnd="10.1.0.255", description="net", blacklistSMTP=True, blacklistPOP=False,
                   blacklistIMAP=False, blacklistXMPP=False))
    listed = ip_access(emu, token, False)
    assert listed["totalCount"] == 1
    entry = listed["ipAccessList"][0]
    assert {"ip", "protocolMask", "description", "smtp", "pop", "imap", "xmpp", "disabledGreylisting", "bypass",
            "spam_bypass"} <= set(entry)
    assert (entry["ip"], entry["description"], entry["smtp"], entry["pop"]) == ("10.1.0.0/24", "net", True, False)
    # add over JSON (TW's enum names): SOAP reads it
    answer = call(emu, "POST", "settings/sysadmin/ip-access",
                  {"serviceList": ["Smtp", "Imap"], "dataType": "BlackList", "address": "192.0.2.7",
                   "description": "one"}, token=token)[1]
    assert answer["success"] is True, answer
    got = soap("svcServerAdmin", "GetBlacklistEntries")["Entries"]["BlacklistResult"]
    mine = [e for e in got if e["IPAddress"] == "192.0.2.7"][0]
    assert (mine["SMTPBlacklisted"], mine["IMAPBlacklisted"], mine["POPBlacklisted"], mine["Description"]) == (
        True, True, False, "one")
    # paging: skip and take, totalCount counts them all
    page = ip_access(emu, token, False, skip=1, take=1)
    assert page["totalCount"] == 2 and [e["ip"] for e in page["ipAccessList"]] == ["192.0.2.7"]
    # update with oldAddress moves the entry; CBX's numbers name the list (1: black list)
    answer = call(emu, "POST", "settings/sysadmin/ip-access",
                  {"serviceList": ["Pop"], "dataType": 1, "address": "192.0.2.8", "oldAddress": "192.0.2.7",
                   "description": "moved"}, token=token)[1]
    assert answer["success"] is True, answer
    assert sorted((e["ip"], e["pop"], e["smtp"]) for e in ip_access(emu, token, False)["ipAccessList"]) == [
        ("10.1.0.0/24", False, True), ("192.0.2.8", True, False)]
    # the white list keeps its greylisting flag (set over SOAP) through a JSON update
    assert_ok(soap("svcServerAdmin", "SetWhitelistEntry2", ipAddress="198.51.100.1", ipRangeStart="",
                   ipRangeEnd="", description="", whitelistSMTP=True, whitelistPOP=False, whitelistIMAP=False,
                   whitelistXMPP=False, disableGreylisting=True))
    assert call(emu, "POST", "settings/sysadmin/ip-access",
                {"serviceList": ["Smtp", "Xmpp"], "dataType": "WhiteList", "address": "198.51.100.1",
                 "oldAddress": "198.51.100.1", "description": "w"}, token=token)[1]["success"] is True
    white = ip_access(emu, token, True)["ipAccessList"]
    assert [(e["ip"], e["xmpp"], e["disabledGreylisting"], e["description"]) for e in white] == [
        ("198.51.100.1", True, True, "w")]
    # delete; a missing entry, an unknown service or list, no service: refused, nothing changed
    assert call(emu, "POST", "settings/sysadmin/ip-access-delete", {"address": "10.1.0.0/24", "dataType": 1},
                token=token)[1]["success"] is True
    assert [e["ip"] for e in ip_access(emu, token, False)["ipAccessList"]] == ["192.0.2.8"]
    missing = {"address": "10.1.0.0/24", "dataType": "BlackList"}
    assert call(emu, "POST", "settings/sysadmin/ip-access-delete", missing, token=token)[1]["success"] is False
    assert call(emu, "POST", "settings/sysadmin/ip-access", {"serviceList": ["Nope"], "dataType": "BlackList",
                                                             "address": "192.0.2.9"}, token=token)[0] == 400
    assert call(emu, "POST", "settings/sysadmin/ip-access", {"serviceList": ["Smtp"], "dataType": "GreyList",
                                                             "address": "192.0.2.9"}, token=token)[0] == 400
    assert call(emu, "POST", "settings/sysadmin/ip-access", {"serviceList": [], "dataType": "BlackList",
                                                             "address": "192.0.2.9"}, token=token)[1]["success"] is False
    assert ip_access(emu, token, False)["totalCount"] == 1
    # a domain administrator's token is refused
    assert call(emu, "POST", "settings/sysadmin/ip-access/false", {}, token=managed_token(emu))[0] in (401, 403)

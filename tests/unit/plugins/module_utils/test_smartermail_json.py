# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The JSON API client against the emulator's JSON API, served in-process (no socket)."""
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from werkzeug.test import Client  # noqa: E402

from ansible_collections.mailops.smartermail.plugins.module_utils._transport import http as _http  # noqa: E402
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError  # noqa: E402
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_client import (  # noqa: E402
    SmarterMailJsonClient,
)
from mailops_emulator.app import SmarterMailApp  # noqa: E402
from mailops_emulator.core import Emulator  # noqa: E402

URL = "http://smartermail.unit.test:9998"
PASSWORD = "Unit-Admin-Pw-5e1"
DOMAIN_PW = "Dom-Admin-Pw-77"


class Server:
    def __init__(self, tmp_path):
        self.emulator = Emulator(str(tmp_path / "state.json"), admin_user="admin", admin_password=PASSWORD)
        self.app = SmarterMailApp(self.emulator)
        self.web = Client(self.app)
        self.requests = []

    @property
    def api(self):
        return self.app.json_api

    def request(self, method, url, data=None, headers=None):
        path = url.split("9998", 1)[1]
        self.requests.append((method, path.split("/api/v1/", 1)[-1]))
        response = self.web.open(path, method=method, data=data, headers=headers or {}, base_url=URL)
        return response.status_code, response.get_data()


@pytest.fixture
def server(tmp_path, monkeypatch):
    srv = Server(tmp_path)
    monkeypatch.setattr(_http.HttpSession, "request", lambda self, *a, **k: srv.request(*a, **k))
    client = SmarterMailJsonClient(URL, "admin", PASSWORD, retries=0)
    client.post("settings/sysadmin/domain-put", {"domainData": {"name": "example.com"}, "adminUsername": "boss",
                                                 "adminPassword": DOMAIN_PW})
    client.close()
    srv.requests[:] = []
    srv.api.logins.clear()
    return srv


def client(user="admin", password=PASSWORD):
    return SmarterMailJsonClient(URL, user, password, retries=0)


def test_one_login_per_task_and_a_domain_token_per_domain(server):
    c = client()
    c.get("settings/sysadmin/domains")
    c.get("settings/domain/aliases", scope="example.com")
    c.get("settings/domain/list-users", scope="example.com")
    assert c.logins == 1
    assert [r for r in server.requests if r[1].startswith("settings/sysadmin/manage-domain")] == [
        ("POST", "settings/sysadmin/manage-domain/example.com")]
    c.close()
    assert server.requests[-1] == ("POST", "auth/logout-user")
    assert server.api.sessions == {} and server.api.tokens == {}


def test_distinct_client_ids():
    assert client().client_id != client().client_id


def test_expired_token_is_refreshed_once_and_the_refresh_token_rotates(server):
    c = client()
    c.get("settings/sysadmin/domains")
    first_refresh = c._session["refresh"]
    server.api.uses = 1  # every access token is good for one call
    c.get("settings/sysadmin/domains")
    assert ("POST", "auth/refresh-token") in server.requests
    assert c._session["refresh"] != first_refresh
    assert first_refresh not in server.api.refresh
    c.get("settings/domain/aliases", scope="example.com")
    assert c.logins == 1


def test_refused_refresh_logs_in_again(server):
    c = client()
    c.get("settings/sysadmin/domains")
    server.api.refresh.clear()
    for info in server.api.tokens.values():
        info["expires"] = 0
    c.get("settings/sysadmin/domains")
    assert c.logins == 2


def test_rejected_login_is_sent_once(server):
    c = client(password="Wrong-Pw-1")
    with pytest.raises(SmarterMailError) as err:
        c.get("settings/sysadmin/domains")
    message = str(err.value)
    assert "USERNAME_OR_PASSWORD_INCORRECT" in message and "smartermail.unit.test:9998" in message
    assert "auth/authenticate-user" in message and "Wrong-Pw-1" not in message
    with pytest.raises(SmarterMailError):
        c.get("settings/sysadmin/domains")
    assert server.api.logins == {"admin": 1}
    assert server.requests == [("POST", "auth/authenticate-user")]


def test_success_is_judged_by_the_body_too(server):
    c = client()
    with pytest.raises(SmarterMailError) as err:
        c.post("settings/sysadmin/domain-put", {"domainData": {"name": "example.com"}, "adminUsername": "x",
                                                "adminPassword": "Xx-123456789"})
    assert err.value.http_status == 200 and err.value.server_message == "DOMAIN_ADD_ERROR_NAME_IN_USE"
    assert "Xx-123456789" not in str(err.value)


def test_domain_admin_on_a_system_admin_endpoint(server):
    c = client("boss@example.com", DOMAIN_PW)
    assert c.get("settings/domain/list-users", scope="example.com")["userData"][0]["userName"] == "boss"
    with pytest.raises(SmarterMailError) as err:
        c.get("settings/sysadmin/domains")
    assert err.value.http_status == 403
    with pytest.raises(SmarterMailError) as err:
        c.get("settings/domain/aliases", scope="other.example")
    assert "only its own domain" in str(err.value)
    assert not any(r[1].startswith("settings/sysadmin/manage-domain") for r in server.requests)


def test_tokens_never_in_messages(server):
    c = client()
    c.get("settings/sysadmin/domains")
    token = c._session["access"]
    assert c.http.scrub("x %s y" % token) == "x ******** y"
    assert c.http.scrub(c._session["refresh"]) == "********"


def test_about_is_anonymous_and_none_without_the_json_api(server):
    c = client()
    assert c.about()["version"].startswith("100.")
    assert c.logins == 0
    server.api.mode = "soap"
    assert c.about() is None


def test_two_factor_step_token_is_refused_once(server, monkeypatch):
    original = server.api.authenticate

    def two_factor(principal, body):
        answer = original(principal, body)
        answer["message"] = "TWO_FACTOR_REQUIRED|rfc6238|admin"
        return answer

    monkeypatch.setattr(server.api, "authenticate", two_factor)
    server.api.compiled = [(m, p, two_factor if f == original else f, s, w, n)
                           for m, p, f, s, w, n in server.api.compiled]
    c = client()
    for dummy in range(2):
        with pytest.raises(SmarterMailError) as err:
            c.get("settings/sysadmin/domains")
        assert "TWO_FACTOR_REQUIRED" in str(err.value) and "use an account without" in str(err.value)
    assert server.api.logins == {"admin": 1}


def test_user_scoped_token_through_the_domain_token(server):
    c = client()
    answer = c.get("settings/auto-responder", scope="user:boss@example.com")
    assert answer["autoResponderSettings"]["enabled"] is False
    c.get("settings/auto-responder", scope="user:boss@example.com")
    assert [r[1] for r in server.requests if "impersonate" in r[1] or "manage-domain" in r[1]] == [
        "settings/sysadmin/manage-domain/example.com", "settings/domain/impersonate-user/boss@example.com"]
    with pytest.raises(SmarterMailError) as err:
        c.get("settings/auto-responder")  # a system administrator has no mailbox
    assert err.value.http_status == 400
    own = client("boss@example.com", DOMAIN_PW)
    own.get("settings/auto-responder", scope="user:boss@example.com")
    assert not any("impersonate-user" in r[1] for r in server.requests[-2:])


def test_system_admin_told_by_the_role_claim_never_by_is_admin(server, monkeypatch):
    original = server.api.authenticate

    def with_is_admin(principal, body):
        answer = original(principal, body)
        answer["isAdmin"] = True  # named by the sources, defined by none: must not make a system admin
        return answer

    server.api.compiled = [(m, p, with_is_admin if f == original else f, s, w, n)
                           for m, p, f, s, w, n in server.api.compiled]
    own = client("boss@example.com", DOMAIN_PW)
    assert own.is_system_admin is False
    with pytest.raises(SmarterMailError) as err:
        own.get("settings/domain/aliases", scope="other.example")
    assert "only its own domain" in str(err.value)
    assert client().is_system_admin is True


def test_system_admin_without_a_role_is_a_login_without_a_domain(server, monkeypatch):
    original = server.api.authenticate

    def no_role(principal, body):
        answer = original(principal, body)
        answer.pop("role", None)
        return answer

    server.api.compiled = [(m, p, no_role if f == original else f, s, w, n)
                           for m, p, f, s, w, n in server.api.compiled]
    monkeypatch.setattr("ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_client."
                        "jwt_claims", lambda token: {})
    assert client().is_system_admin is True
    assert client("boss@example.com", DOMAIN_PW).is_system_admin is False


def test_rejected_login_answered_with_a_4xx_is_sent_once(server):
    server.api.rejected_status = 401
    c = client(password="Wrong-Pw-1")
    for dummy in range(2):
        with pytest.raises(SmarterMailError) as err:
            c.get("settings/sysadmin/domains")
        assert "USERNAME_OR_PASSWORD_INCORRECT (HTTP 401)" in str(err.value)
        assert "check username and password" in str(err.value)
    assert server.api.logins == {"admin": 1}


def test_barred_account_is_named(server):
    original = server.api.authenticate

    def disabled(principal, body):
        return {"success": False, "resultCode": 200, "message": "USER_DISABLED"}

    server.api.compiled = [(m, p, disabled if f == original else f, s, w, n)
                           for m, p, f, s, w, n in server.api.compiled]
    with pytest.raises(SmarterMailError) as err:
        client().get("settings/sysadmin/domains")
    assert "disabled, locked or blocked" in str(err.value) and "check username" not in str(err.value)


def test_two_factor_login_of_the_emulator_fails_clearly_once(server):
    server.api.two_factor = {"admin"}
    c = client()
    for dummy in range(2):
        with pytest.raises(SmarterMailError) as err:
            c.get("settings/sysadmin/domains")
        assert "TWO_FACTOR_REQUIRED: the account requires two-factor authentication" in str(err.value)
        assert "check username" not in str(err.value)
    assert server.api.logins == {"admin": 1}
    assert server.requests == [("POST", "auth/authenticate-user")]


def test_change_password_needed_fails_clearly_once(server):
    server.api.change_password = {"admin"}
    c = client()
    with pytest.raises(SmarterMailError) as err:
        c.get("settings/sysadmin/domains")
    assert "CHANGE_PASSWORD_NEEDED: the account must change its password" in str(err.value)
    with pytest.raises(SmarterMailError):
        c.get("settings/sysadmin/domains")
    assert server.requests == [("POST", "auth/authenticate-user")]


def test_expired_refresh_token_is_not_sent(server):
    server.api.refresh_lifetime = -1  # the login answers a refreshTokenExpiration in the past
    c = client()
    c.get("settings/sysadmin/domains")
    for info in server.api.tokens.values():
        info["expires"] = 0
    c.get("settings/sysadmin/domains")
    assert c.logins == 2
    assert ("POST", "auth/refresh-token") not in server.requests


def test_older_build_two_factor_as_a_401(server):
    original = server.api.authenticate

    def old_two_factor(principal, body):
        from mailops_emulator.json_api import _json
        return _json({"success": False, "resultCode": 401, "message": "TWO_FACTOR_REQUIRED|rfc6238|admin"}, 401)

    server.api.compiled = [(m, p, old_two_factor if f == original else f, s, w, n)
                           for m, p, f, s, w, n in server.api.compiled]
    with pytest.raises(SmarterMailError) as err:
        client().get("settings/sysadmin/domains")
    assert "requires two-factor authentication" in str(err.value) and "check username" not in str(err.value)


SETTINGS = "settings/sysadmin/domain-settings/example.com"


def test_a_write_is_read_back(server):
    c = client()
    c.post(SETTINGS, {"domainSettings": {"maxAliases": 7}})
    assert server.requests[-2:] == [("POST", SETTINGS), ("GET", SETTINGS)]


def test_a_write_the_server_dropped_fails(server, monkeypatch):
    monkeypatch.setattr(server.api, "set_domain_settings", lambda principal, body, domain: {"success": True})
    server.api.compiled = [(m, p, server.api.set_domain_settings if n == "settings/sysadmin/domain-settings/{domain}"
                            and m == "POST" else f, s, w, n) for m, p, f, s, w, n in server.api.compiled]
    with pytest.raises(SmarterMailError) as err:
        client().post(SETTINGS, {"domainSettings": {"maxAliases": 7, "isEnabled": True}})
    message = str(err.value)
    assert "answered success but did not take maxAliases (maxAliases: sent 7, reads 0)" in message
    assert "isEnabled" not in message  # taken: it already held that value


def test_an_unknown_key_fails_as_not_taken(server):
    with pytest.raises(SmarterMailError) as err:
        client().post(SETTINGS, {"domainSettings": {"maxAliasez": 7}})
    assert "did not take maxAliasez (maxAliasez: sent 7, reads nothing)" in str(err.value)


def test_a_body_without_its_wrapper_is_refused_before_the_call(server):
    c = client()
    with pytest.raises(SmarterMailError) as err:
        c.post(SETTINGS, {"maxAliases": 7})
    assert "holds no domainSettings object" in str(err.value) and "nothing was sent" in str(err.value)
    assert ("POST", SETTINGS) not in server.requests


def test_a_secret_is_never_shown_when_not_taken(server, monkeypatch):
    original = server.api.post_user

    def drops_everything(principal, body):
        return {"success": True}

    server.api.compiled = [(m, p, drops_everything if f == original else f, s, w, n)
                           for m, p, f, s, w, n in server.api.compiled]
    with pytest.raises(SmarterMailError) as err:
        client().post("settings/domain/post-user", {"email": "boss@example.com", "userData": {
            "password": "New-Secret-Pw-9", "maxMailboxSize": 5 * 1048576, "ldapPassword": "Ldap-Secret-1"}},
            scope="example.com")
    message = str(err.value)
    assert "maxMailboxSize: sent 5242880, reads 0" in message and "ldapPassword: sent (not shown)" in message
    assert "New-Secret-Pw-9" not in message and "Ldap-Secret-1" not in message


def test_domain_alias_put_gets_its_mandatory_trailing_slash(server):
    c = client()
    c.post("settings/domain/domain-alias-put/alias.example/false", scope="example.com")
    assert ("POST", "settings/domain/domain-alias-put/alias.example/false/") in server.requests
    assert server.emulator.store.domain("example.com")["domain_aliases"] == ["alias.example"]

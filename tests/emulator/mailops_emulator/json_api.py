# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SmarterMail's JSON API (``/api/v1/...``) on the SOAP port, from the same state.

Every endpoint works on the state the SOAP services use, through the same operation handlers
(``svcDomainAdmin.AddDomainEx`` for ``domain-put`` ...), so a domain created over SOAP is seen over
JSON and back, and limits, checks and error rollback are the SOAP ones. Field names and error
codes follow the reference (``../shared/reference/smartermail-json/README.md``); sizes are bytes.

Sessions: ``auth/authenticate-user`` issues an access token and a refresh token per (user,
clientId): a new login with the same clientId evicts the previous tokens. ``auth/refresh-token``
rotates the refresh token (the old one is dead). ``auth/logout-user`` drops the tokens of its
(user, clientId), domain tokens issued under it included. Access tokens expire after
``token_lifetime`` seconds or after ``token_uses`` authenticated calls (both settable through
``POST /__emulator__/json``, so tests exercise refresh without waiting).

Scopes: ``settings/sysadmin/*`` needs a system administrator's token (a domain admin gets 403);
``settings/domain/*`` acts on the token's domain: a system administrator's own token gets 400
"domain not found" (it belongs to no domain) until it asks ``manage-domain/{domain}``; a user
token gets 403. No or an unknown token: 401.

Mode: ``both`` (default), ``json`` (the SOAP services answer 404) or ``soap`` (``/api/`` answers
404), from ``--api`` or ``POST /__emulator__/json {"mode": ...}``.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import re
import secrets
import threading
import time
from urllib.parse import unquote

from werkzeug.wrappers import Request, Response

from .registry import Context, Params, Principal, get_handler
from .validate import is_local_part
from .results import ALREADY_EXISTS, INVALID_INPUT, Fail
from .services.user_admin import PASSWORD_COMPLEXITY

MODES = ("both", "soap", "json")
VERSION = "100.0.9693"
DEFAULT_LIFETIME = 900.0
# the refresh token's lifetime is not stated by the reference (newer builds return
# refreshTokenExpiration, CBX): one day is the emulator's choice, settable through the control path
DEFAULT_REFRESH_LIFETIME = 86400.0
# a 2FA login's "AuthStep" token lives 10 minutes (CBX SmarterMailAuth, single source)
STEP_LIFETIME = 600.0
MB = 1024 * 1024
# the token's role claim (CBX SmarterMailAuth.JwtRoles reads SysAdmin, PrimarySysAdmin,
# DomainAdmin; AVRCE §7 shows "SysAdmin" in the login answer of build 9693). "User" for a plain
# user is inference: no source shows a user's token.
ROLES = {"system": "SysAdmin", "domain": "DomainAdmin", "user": "User"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt(claims: dict) -> str:
    """A JWT-shaped token: header and claims readable (clients such as CBX read the role claim
    without verifying), an RS256 signature the emulator does not compute (random bytes: no client
    can verify it without the server's key)."""
    header = {"alg": "RS256", "typ": "JWT"}
    return ".".join((_b64(json.dumps(header).encode()), _b64(json.dumps(claims).encode()),
                     _b64(secrets.token_bytes(64))))


def _json(data, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, content_type="application/json; charset=utf-8")


def ok(**fields) -> dict:
    return dict(fields, success=True, resultCode=200, message="")


def endpoint_name(pattern: str) -> str:
    """A route's name in the counters: ``settings/sysadmin/domain-delete/{domain}/{files}``."""
    name = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", pattern)
    return name.replace("(?:/{name})?", "/{name}").replace("/?", "").rstrip("/")


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class JsonApi:
    def __init__(self, emulator, mode: str = "both") -> None:
        self.emu = emulator
        self.mode = mode
        self.lifetime = DEFAULT_LIFETIME
        self.refresh_lifetime = DEFAULT_REFRESH_LIFETIME
        self.uses = 0  # 0: unlimited
        self._login_defaults()
        self.lock = threading.Lock()
        self.local = threading.local()  # the token info of the request being served
        self.tokens: dict[str, dict] = {}  # access token -> session or domain token
        self.refresh: dict[str, dict] = {}  # refresh token -> session
        self.sessions: dict[tuple, dict] = {}  # (user lower, clientId) -> session
        self.logins: dict[str, int] = {}  # username lower -> attempts
        self.client_ids: dict[str, set] = {}  # username lower -> the clientIds its logins used
        self.routes = [
            ("GET", r"licensing/about", self.about, None, False),
            ("POST", r"auth/authenticate-user", self.authenticate, None, False),
            ("POST", r"auth/refresh-token", self.refresh_token, None, False),
            ("POST", r"auth/logout-user", self.logout, "any", False),
            ("POST", r"settings/sysadmin/manage-domain/(?P<domain>[^/]+)", self.manage_domain, "system", False),
            ("GET", r"settings/sysadmin/domains", self.domains, "system", False),
            ("GET", r"settings/sysadmin/domain/(?P<domain>[^/]+)", self.domain_data, "system", False),
            ("GET", r"settings/sysadmin/domain-settings/(?P<domain>[^/]+)", self.domain_settings, "system", False),
            ("POST", r"settings/sysadmin/domain-settings/(?P<domain>[^/]+)", self.set_domain_settings, "system",
             True),
            ("POST", r"settings/sysadmin/domain-put", self.domain_put, "system", True),
            ("POST", r"settings/sysadmin/domain-delete/(?P<domain>[^/]+)/(?P<files>true|false)", self.domain_delete,
             "system", True),
            ("GET", r"settings/sysadmin/domain-admins/(?P<domain>[^/]+)", self.domain_admins, "system", False),
            # -- the _info readers' endpoints, and those the reference lists beside them (licensing §2,
            # domains §3, users §5.1/§5.2, domain data §4)
            ("GET", r"licensing/info", self.licensing_info, "system", False),
            ("GET", r"settings/sysadmin/domain-names", self.domain_names, "system", False),
            ("GET", r"settings/sysadmin/list-users/(?P<domain>[^/]+)", self.sysadmin_list_users, "system", False),
            ("GET", r"settings/sysadmin/list-usernames/(?P<domain>[^/]+)", self.sysadmin_list_usernames, "system",
             False),
            ("GET", r"settings/sysadmin/user/(?P<email>[^/]+)", self.sysadmin_user, "system", False),
            ("GET", r"settings/domain/data", self.domain_own_data, "domain", False),
            ("GET", r"settings/domain/account-list-counts", self.account_list_counts, "domain", False),
            ("GET", r"settings/sysadmin/antivirus/settings", self.antivirus_settings, "system", False),
            # -- end of the _info readers' endpoints
            ("GET", r"settings/domain/domain-aliases", self.domain_aliases, "domain", False),
            # the trailing "/" is mandatory (ASTRAL:L2252-L2330, single source): without it, no route (404)
            ("POST", r"settings/domain/domain-alias-put/(?P<name>[^/]+)/(?P<mx>true|false)/", self.domain_alias_put,
             "domain", True),
            ("POST", r"settings/domain/domain-alias-delete/(?P<name>[^/]+)", self.domain_alias_delete, "domain",
             True),
            # -- user groups (reference §6), DKIM (§4), mailing lists (§8): one block
            *self.group_list_dkim_routes(),
            # -- anti-virus settings (reference §10.2): one block
            *self.antivirus_routes(),
            # -- ports, bindings and services (reference §10.4): one block
            *self.port_service_routes(),
            ("POST", r"settings/domain/impersonate-user/(?P<email>[^/]+)", self.impersonate_user, "domain", False),
            ("GET", r"settings/auto-responder", self.auto_responder, "user", False),
            ("POST", r"settings/auto-responder", self.set_auto_responder, "user", True),
            ("GET", r"settings/domain/aliases", self.aliases, "domain", False),
            ("GET", r"settings/domain/alias/(?P<name>[^/]+)", self.alias, "domain", False),
            ("POST", r"settings/domain/alias-put/?", self.alias_put, "domain", True),
            ("POST", r"settings/domain/alias", self.alias_update, "domain", True),
            ("POST", r"settings/domain/alias-delete/(?P<name>[^/]+)", self.alias_delete, "domain", True),
            ("POST", r"settings/domain/set-catch-all(?:/(?P<name>[^/]*))?", self.set_catch_all, "domain", True),
            ("GET", r"settings/domain/list-users", self.list_users, "domain", False),
            ("GET", r"settings/domain/user/(?P<email>[^/]+)", self.user, "domain", False),
            ("POST", r"settings/domain/user-put/?", self.user_put, "domain", True),
            ("POST", r"settings/domain/post-user", self.post_user, "domain", True),
            ("POST", r"settings/domain/user-delete/(?P<name>[^/]+)", self.user_delete, "domain", True),
            ("GET", r"settings/domain/user-mail/(?P<email>[^/]+)", self.user_mail, "domain", False),
            ("POST", r"settings/domain/post-user-mail", self.post_user_mail, "domain", True),
            ("GET", r"settings/domain/mailbox-forward-list/(?P<email>[^/]+)", self.forward_list, "domain", False),
            ("POST", r"settings/domain/post-mailbox-forward-list", self.post_forward_list, "domain", True),
            # -- IP black and white lists (reference §10.3): one block
            *self.ip_access_routes(),
        ]
        # routes match without regard to case (ASP.NET Core routing); a path served under another
        # method is answered 405 with an Allow header (the framework's behaviour: inference)
        self.compiled = [(m, re.compile(p + "$", re.IGNORECASE), f, s, w, endpoint_name(p))
                         for m, p, f, s, w in self.routes]

    # ------------------------------------------------------------------ switches
    @property
    def serves_json(self) -> bool:
        return self.mode in ("both", "json")

    @property
    def serves_soap(self) -> bool:
        return self.mode in ("both", "soap")

    def control_routes(self) -> dict:
        return {("GET", "json"): self.c_get, ("POST", "json"): self.c_set, ("POST", "json/expire"): self.c_expire}

    def _login_defaults(self) -> None:
        # login variants (control path): the HTTP status of a rejected login (200 with success
        # false per ARTV; GO treats any non-200 as failure and maps 400/401 reason phrases), the
        # accounts that need a second factor or a password change (lower-case logins)
        self.rejected_status = 200
        self.two_factor: set[str] = set()
        self.change_password: set[str] = set()

    def reset(self) -> None:
        """Sessions dropped, token lifetimes, uses and login variants back to their defaults (the mode stays)."""
        with self.lock:
            self.lifetime, self.uses = DEFAULT_LIFETIME, 0
            self.refresh_lifetime = DEFAULT_REFRESH_LIFETIME
            self._login_defaults()
            self.tokens.clear()
            self.refresh.clear()
            self.sessions.clear()
            self.logins.clear()
            self.client_ids.clear()

    def c_get(self, _body):
        with self.lock:
            return _json({"mode": self.mode, "token_lifetime": self.lifetime, "token_uses": self.uses,
                          "refresh_lifetime": self.refresh_lifetime, "rejected_login_status": self.rejected_status,
                          "two_factor": sorted(self.two_factor), "change_password": sorted(self.change_password),
                          "logins": dict(self.logins), "sessions": len(self.sessions),
                          "client_ids": {user: len(ids) for user, ids in self.client_ids.items()}})

    def c_set(self, body):
        if not isinstance(body, dict):
            raise ValueError('expected {"mode": "both|soap|json", "token_lifetime": seconds, "token_uses": n, '
                             '"refresh_lifetime": seconds, "rejected_login_status": 200|400|401|403, '
                             '"two_factor": [logins], "change_password": [logins]}')
        with self.lock:
            if "mode" in body:
                if body["mode"] not in MODES:
                    raise ValueError(f"mode must be one of {', '.join(MODES)}")
                self.mode = body["mode"]
            if "rejected_login_status" in body:
                status = int(body["rejected_login_status"])
                if status not in (200, 400, 401, 403):
                    raise ValueError("rejected_login_status must be 200, 400, 401 or 403")
                self.rejected_status = status
            for key in ("two_factor", "change_password"):
                if key in body:
                    names = body[key]
                    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                        raise ValueError(f"{key} must be a list of logins")
                    setattr(self, key, {n.strip().lower() for n in names})
            if "refresh_lifetime" in body:
                self.refresh_lifetime = float(body["refresh_lifetime"])
            if "token_lifetime" in body:
                self.lifetime = float(body["token_lifetime"])
            if "token_uses" in body:
                self.uses = int(body["token_uses"])
            if body.get("reset"):
                self.tokens.clear()
                self.refresh.clear()
                self.sessions.clear()
                self.logins.clear()
            self.client_ids.clear()
        return self.c_get(None)

    def c_expire(self, _body):
        """Expire every access token now (refresh tokens stay valid)."""
        with self.lock:
            for token in self.tokens.values():
                token["expires"] = 0.0
        return _json({"status": "ok"})

    # ---------------------------------------------------------------- dispatch
    def handle(self, request: Request) -> Response:
        if not self.serves_json:
            return Response("<html><body><h1>404 Not Found</h1></body></html>", status=404,
                            content_type="text/html")
        path = request.path[len("/api/v1/"):] if request.path.lower().startswith("/api/v1/") else None
        if path is None:
            return _json({"success": False, "resultCode": 404, "message": "NOT_FOUND"}, 404)
        allowed = []
        for method, pattern, func, scope, write, name in self.compiled:
            match = pattern.match(path)
            if match is None:
                continue
            if method != request.method:
                allowed.append(method)
                continue
            self.count(f"json:{method} {name}", write)
            rule = self.emu.faults.take("json", name, "json")
            if rule is not None:
                early = self.apply_fault(request, rule)
                if early is not False:
                    return early
            try:
                body = {}
                if method == "POST":
                    raw = request.get_data(cache=True)
                    if raw.strip():
                        try:
                            body = json.loads(raw)
                        except ValueError:
                            raise ApiError(400, "Invalid input parameters")
                args = {k: unquote(v) for k, v in match.groupdict().items() if v is not None}
                principal = self.principal(request, scope)
                result = func(principal, body if isinstance(body, dict) else {"input": body}, **args)
            except ApiError as exc:
                return _json({"success": False, "resultCode": exc.status, "message": exc.message}, exc.status)
            except Fail as exc:
                # business errors are answered HTTP 200 with success false (as real servers do)
                return _json({"success": False, "resultCode": 200, "message": exc.message})
            if isinstance(result, Response):
                return result
            return _json(result)
        if allowed:
            return Response("", status=405, headers={"Allow": ", ".join(sorted(set(allowed)))})
        return _json({"success": False, "resultCode": 404, "message": "NOT_FOUND"}, 404)

    @staticmethod
    def apply_fault(request: Request, rule):
        """An injected fault (``on: json``; operation: the endpoint's name as counted, or ``*``): the
        Response to send, None when the connection was closed, False to answer normally."""
        from .app import UNHANDLED, transport_fault  # the app imports this module

        common = transport_fault(request, rule)
        if common is not UNHANDLED:
            return common
        kind = rule.fault
        if kind == "malformed":
            return Response('{"success": true, "data": [{"na', status=200, content_type="application/json")
        if kind == "deep_json":
            depth = 100000
            return Response("[" * depth + "]" * depth, status=200, content_type="application/json")
        if kind == "json_type":
            return Response('["not", "an", "object"]', status=200, content_type="application/json")
        if kind == "echo":
            sent = request.get_data(cache=True).decode("utf-8", "replace")
            message = (rule.message or "Invalid input parameters") + ": " + sent
            return _json({"success": False, "resultCode": 400, "message": message}, 400)
        return False

    def count(self, name: str, write: bool) -> None:
        counters = self.emu.counters
        with counters._lock:
            entry = counters.operations.setdefault(name, {"reads": 0, "writes": 0})
            kind = "writes" if write else "reads"
            entry[kind] += 1
            setattr(counters, kind, getattr(counters, kind) + 1)

    def principal(self, request: Request, scope):
        self.local.info = {}
        if scope is None:
            return None
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        with self.lock:
            info = self.tokens.get(token)
            if info is None:
                raise ApiError(401, "Unauthorized")
            if info["expires"] <= time.time() or (self.uses and info["used"] >= self.uses):
                raise ApiError(401, "Token has expired")
            info["used"] += 1
        self.local.info = info
        if info.get("step"):
            # a 2FA "AuthStep" token or a password-change login's token: good for nothing else (CBX)
            raise ApiError(403, "Forbidden")
        principal = info["principal"]
        if scope == "system" and principal.role != "system":
            raise ApiError(403, "Forbidden")
        if scope == "user" and (principal.role == "system" or not principal.domain):
            raise ApiError(400, "USER_NOT_FOUND")
        if scope == "domain":
            if principal.role == "user":
                raise ApiError(403, "Forbidden")
            if principal.role == "system" or not principal.domain:
                raise ApiError(400, "Failed list users for the domain. The domain not found")
        return principal

    # ------------------------------------------------------------------ tokens
    def _issue(self, principal: Principal, session: dict | None = None, impersonated: bool = False,
               step: bool = False) -> str:
        lifetime = STEP_LIFETIME if step else self.lifetime
        now = time.time()
        claims = {"unique_name": principal.username, "email": principal.address, "nbf": int(now), "iat": int(now),
                  "exp": int(now + lifetime), "jti": secrets.token_hex(8)}
        if step:
            claims["tokenType"] = "AuthStep"  # the claim's name is inference: CBX calls it an "AuthStep" JWT
        else:
            claims["role"] = ROLES[principal.role]
        if session is not None:
            claims["clientId"] = session["key"][1]
        access = jwt(claims)
        self.tokens[access] = {"principal": principal, "expires": now + lifetime, "used": 0,
                               "session": session, "impersonated": impersonated, "step": step}
        return access

    def _drop(self, session: dict) -> None:
        for token in [t for t, info in self.tokens.items() if info.get("session") is session]:
            del self.tokens[token]
        self.refresh.pop(session.get("refresh"), None)

    @staticmethod
    def _when(seconds: float) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds))

    def _expiry(self) -> str:
        return self._when(self.lifetime)

    def _new_refresh(self, session: dict) -> None:
        session["refresh"] = jwt({"clientId": session["key"][1], "jti": secrets.token_hex(8),
                                  "exp": int(time.time() + self.refresh_lifetime)})
        session["refresh_expires"] = time.time() + self.refresh_lifetime
        self.refresh[session["refresh"]] = session

    def authenticate(self, _principal, body):
        """The login (F4A, CBX, every client). Answer fields: F4A AuthenticationOutput, TW, GO, FUSE
        (all agree), ``refreshTokenExpiration`` (CBX, newer builds) and ``role`` (AVRCE §7, build 9693).
        ``isAdmin`` is not answered: the sources name it but none says what it means, and a client
        tells a system administrator by the role claim and a login without ``@domain`` (CBX)."""
        username = str(body.get("username") or "").strip()
        password = body.get("password")
        with self.lock:
            self.logins[username.lower()] = self.logins.get(username.lower(), 0) + 1
        with self.emu.store.lock:
            principal = self.emu.authenticate(username, password)
        if principal is None:
            # the reason is in the body on 200 and on 4xx (CBX); which status depends on the build
            status = self.rejected_status
            answer = {"success": False, "resultCode": status, "message": "USERNAME_OR_PASSWORD_INCORRECT",
                      "accessToken": None, "refreshToken": None}
            return _json(answer, status) if status != 200 else answer
        fields = dict(emailAddress=principal.address, username=principal.username,
                      isDomainAdmin=principal.role == "domain", isLicensed=True, displayWelcomeWizard=False,
                      localeId="en", isImpersonating=False, canViewPasswords=False, autoLoginToken=None,
                      autoLoginUrl=None, debugInfo=None)
        login = username.lower()
        with self.lock:
            if login in self.two_factor or principal.address.lower() in self.two_factor:
                # 200, success true, a 10-minute AuthStep token, no refresh token, the code in
                # message (CBX SmarterMailAuth); the token gets 403 on every real endpoint
                step = self._issue(principal, step=True)
                return dict(ok(accessToken=step, refreshToken="", accessTokenExpiration=self._when(STEP_LIFETIME),
                               changePasswordNeeded=False, **fields),
                            message="TWO_FACTOR_REQUIRED|rfc6238|%s" % principal.address)
            if login in self.change_password or principal.address.lower() in self.change_password:
                # changePasswordNeeded true with a useless token (CBX); no message code here, the flag alone
                step = self._issue(principal, step=True)
                return ok(accessToken=step, refreshToken="", accessTokenExpiration=self._expiry(),
                          changePasswordNeeded=True, **fields)
        client_id = str(body.get("clientId") or "")
        key = (principal.address.lower(), client_id)
        with self.lock:
            self.client_ids.setdefault(username.lower(), set()).add(client_id)
            old = self.sessions.pop(key, None)
            if old is not None:
                self._drop(old)  # one token per (user, clientId)
            session = {"key": key, "principal": principal}
            self._new_refresh(session)
            self.sessions[key] = session
            access = self._issue(principal, session)
            expires = self._when(self.refresh_lifetime)
        return ok(accessToken=access, refreshToken=session["refresh"], accessTokenExpiration=self._expiry(),
                  refreshTokenExpiration=expires, role=ROLES[principal.role], changePasswordNeeded=False, **fields)

    def refresh_token(self, _principal, body):
        with self.lock:
            session = self.refresh.pop(str(body.get("token") or ""), None)
            if session is None or session["refresh_expires"] <= time.time():
                raise ApiError(401, "Refresh token rejected")
            for token in [t for t, info in self.tokens.items() if info.get("session") is session]:
                del self.tokens[token]
            self._new_refresh(session)  # rotates: the old one is dead
            access = self._issue(session["principal"], session)
            expires = self._when(self.refresh_lifetime)
        return ok(accessToken=access, refreshToken=session["refresh"], accessTokenExpiration=self._expiry(),
                  refreshTokenExpiration=expires, username=session["principal"].username, isImpersonating=False,
                  canViewPasswords=False, debugInfo=None)

    def logout(self, principal, body):
        session = self.local.info.get("session")
        with self.lock:
            if session is not None and self.sessions.get(session["key"]) is session:
                del self.sessions[session["key"]]
            if session is not None:
                self._drop(session)
        return ok()

    def manage_domain(self, principal, body, domain):
        name = domain.strip().lower()
        with self.emu.store.lock:
            if self.emu.store.domain(name) is None:
                return {"success": False, "resultCode": 200, "message": "DOMAIN_NOT_FOUND"}
        return ok(impersonateAccessToken=self._impersonate(principal, name), impersonateRefreshToken="",
                  impersonateAccessTokenExpiration=self._expiry(), username=principal.username, email="")

    def _impersonate(self, principal, domain):
        with self.lock:
            return self._issue(Principal(principal.username, "domain", domain), self.local.info.get("session"),
                               impersonated=True)

    def impersonated(self) -> bool:
        info = getattr(self.local, "info", None)
        return bool(info and info.get("impersonated"))

    def impersonate_user(self, principal, body, email):
        """A user token for a mailbox of the token's domain (FUSE: settings/domain/impersonate-user/{email})."""
        with self.emu.store.lock:
            dom, user = self._user(principal, email)
            target = Principal(user["username"], "user", dom["name"])
        with self.lock:
            token = self._issue(target, self.local.info.get("session"), impersonated=False)
        return ok(impersonateAccessToken=token, impersonateRefreshToken="",
                  impersonateAccessTokenExpiration=self._expiry(), username=user["username"], email=target.address)

    def auto_responder(self, principal, body):
        """The token's own auto-responder (user scope; FUSE only)."""
        with self.emu.store.lock:
            user = self.emu.store.domain(principal.domain)["users"].get(principal.username.lower())
            auto = (user or {}).get("auto_response") or {}
            # externalReply: FUSE puts the message text there; its real type is unknown (single
            # source): kept as the text sent, apart from body (the SOAP auto-responder's text)
            return ok(autoResponderSettings={"enabled": bool(auto.get("enabled")), "subject": auto.get("subject") or "",
                                             "body": auto.get("body") or "",
                                             "externalReply": auto.get("external_reply") or ""})

    def set_auto_responder(self, principal, body):
        """The token's own auto-responder (FUSE only): ``{autoResponderSettings: {enabled, subject,
        body, externalReply}}``; other keys and a body without the wrapper are dropped with a 200."""
        new = body.get("autoResponderSettings")
        if not isinstance(new, dict):
            return ok()
        with self.emu.store.lock:
            user = self.emu.store.domain(principal.domain)["users"].get(principal.username.lower())
            if user is None:
                return {"success": False, "resultCode": 200, "message": "USER_NOT_FOUND"}
            auto = user.setdefault("auto_response", {"enabled": False, "subject": "", "body": "", "start_utc": None,
                                                     "end_utc": None})
            if "enabled" in new:
                auto["enabled"] = bool(new["enabled"])
            for field, key in (("subject", "subject"), ("body", "body"), ("externalReply", "external_reply")):
                if field in new:
                    auto[key] = "%s" % (new[field] if new[field] is not None else "")
            self.emu.store.save()
        return ok()

    # ---------------------------------------------------------- SOAP handlers
    def soap(self, principal, service: str, operation: str, **params):
        """Run a SOAP operation's handler on the shared state, as ``principal`` (already authorized)."""
        handler = get_handler(service, operation)
        op = self.emu.catalog.service(service).by_name[operation]
        # a system administrator managing a domain keeps its own rights
        who = Principal(principal.username, "system") if principal is not None and self.impersonated() else principal
        ctx = Context(self.emu, op, who)
        with self.emu.store.lock:
            try:
                value = handler.func(ctx, Params(params))
            except Fail:
                if op.is_write:
                    self.emu.store.rollback()
                raise
            except Exception:
                self.emu.store.rollback()
                raise
            if op.is_write:
                self.emu.store.save()
            return json.loads(json.dumps(value))

    def _domain(self, name):
        with self.emu.store.lock:
            return self.emu.store.domain(name)

    # ----------------------------------------------------------------- domains
    def about(self, _principal, _body):
        return {"version": VERSION, "edition": 2, "enterpriseFunctionality": True}

    def domains(self, principal, body):
        with self.emu.store.lock:
            # the fields of FUSE's class (single source) that the state holds; size: no mail is stored
            data = [{"name": d["name"], "path": d["path"], "isEnabled": bool(d["settings"].get("isenabled", True)),
                     "userCount": len(d["users"]), "aliasCount": len(d["aliases"]),
                     "listCount": len(d["mailing_lists"]), "domainAliasCount": len(d["domain_aliases"]),
                     "userLimit": int(d["settings"].get("maxusers") or 0),
                     "aliasLimit": int(d["settings"].get("maxaliases") or 0),
                     "listLimit": int(d["settings"].get("maxlists") or 0), "size": 0}
                    for d in sorted(self.emu.store.domains.values(), key=lambda x: x["name"])]
        return ok(data=data)

    def domain_data(self, principal, body, domain):
        with self.emu.store.lock:
            dom = self.emu.store.domain(domain)
            if dom is None:
                raise ApiError(404, "DOMAIN_NOT_FOUND")
            return ok(domainData={"name": dom["name"], "path": dom["path"], "isEnabled":
                                  bool(dom["settings"].get("isenabled", True)), "userCount": len(dom["users"]),
                                  "mainDomainAdmin": dom["primary_admin"],
                                  "maxSize": int(dom["settings"].get("maxsize") or 0) * 1024})

    SETTINGS = (  # JSON field -> (state key, to JSON, from JSON)
        ("maxAliases", "maxaliases", int, int),
        ("maxDomainAliases", "maxdomainaliases", int, int),
        ("maxUsers", "maxusers", int, int),
        ("maxLists", "maxlists", int, int),
        ("maxRecipients", "maxrecipients", int, int),
        ("maxSize", "maxsize", lambda kb: int(kb or 0) * 1024, lambda b: int(b) // 1024),
        ("showDomainAliasMenu", "showdomainaliasmenu", bool, bool),
        ("showListMenu", "showlistmenu", bool, bool),
        ("showSpamMenu", "showspammenu", bool, bool),
        ("requireSmtpAuthentication", "requiresmtpauthentication", bool, bool),
        ("listCommandAddress", "listcommandaddress", lambda v: v or "", lambda v: ("%s" % (v or "")).lower()),
        ("isEnabled", "isenabled", bool, bool),
        ("catchAll", "catchall", lambda v: v or "", lambda v: ("%s" % (v or "")).strip().lower()),
    )

    def domain_settings(self, principal, body, domain):
        with self.emu.store.lock:
            dom = self.emu.store.domain(domain)
            if dom is None:
                return {"success": False, "resultCode": 200, "message": "DOMAIN_NOT_FOUND"}
            settings = dom["settings"]
            out = {"domainPath": dom["path"], "mainDomainAdmin": dom["primary_admin"],
                   "maxMailboxSize": int(dom.get("max_mailbox_size_mb") or 0) * MB}
            for field, key, to_json, _from in self.SETTINGS:
                out[field] = to_json(settings.get(key))
            out["enableMailForwarding"] = self._domain_forwarding(dom)
        return ok(domainSettings=out)

    @staticmethod
    def _domain_forwarding(dom) -> bool:
        """The domain-level ``enableMailForwarding`` (FUSE:L595, ASTRAL: forwarding needs it); no
        SOAP key holds it. On by default: the default is not stated anywhere (inference)."""
        return bool((dom.get("json_only") or {}).get("enable_mail_forwarding", True))

    def set_domain_settings(self, principal, body, domain):
        """Applies the keys of ``domainSettings`` it knows and drops the rest, answering 200 either
        way; a body without the wrapper changes nothing and is answered 200 as well. The real API
        does so for a body of the wrong shape (AVRCE §4.3, antivirus settings); that every settings
        endpoint behaves alike is inference. Keys not sent stay as they are (partial merge: ASTRAL,
        single source)."""
        new = body.get("domainSettings")
        dom = self._domain(domain)
        if dom is None:
            return {"success": False, "resultCode": 200, "message": "DOMAIN_NOT_FOUND"}
        if not isinstance(new, dict):
            return ok()
        name = dom["name"]
        table = dict((f, (k, fr)) for f, k, _t, fr in self.SETTINGS)
        new = {k: v for k, v in new.items() if k in table or k in ("mainDomainAdmin", "enableMailForwarding")}
        typed = {}
        soap_names = {"maxaliases": "MaxAliases", "maxdomainaliases": "MaxDomainAliases", "maxusers":
                      "MaxDomainUsers", "maxlists": "MaxLists", "maxrecipients": "MaxRecipients",
                      "showdomainaliasmenu": "ShowDomainAliasMenu", "showlistmenu": "ShowListMenu",
                      "showspammenu": "ShowSpamMenu", "requiresmtpauthentication": "RequireSmtpAuthentication",
                      "listcommandaddress": "ListCommandAddress"}
        with self.emu.store.lock:
            for field, value in new.items():
                if field in ("mainDomainAdmin", "enableMailForwarding"):
                    continue
                key, convert = table[field]
                if key == "maxsize":
                    typed["MaxDomainSizeInMB"] = int(value) // MB
                elif key in soap_names:
                    typed[soap_names[key]] = convert(value)
            if typed:
                self.soap(principal, "svcDomainAdmin", "UpdateDomain", DomainName=name, **typed)
            if "isEnabled" in new:
                self.soap(principal, "svcDomainAdmin", "EnableDomain" if new["isEnabled"] else "DisableDomain",
                          domainName=name)
            if "catchAll" in new:
                self.soap(principal, "svcAliasAdmin", "SetCatchAll", DomainName=name,
                          AliasName=table["catchAll"][1](new["catchAll"]))
            if new.get("mainDomainAdmin"):
                self.soap(principal, "svcDomainAdmin", "SetPrimaryDomainAdmin", DomainName=name,
                          AdminUserName=str(new["mainDomainAdmin"]).partition("@")[0])
            if "enableMailForwarding" in new:
                self.emu.store.domain(name).setdefault("json_only", {})["enable_mail_forwarding"] = bool(
                    new["enableMailForwarding"])
                self.emu.store.save()
        return ok()

    def domain_put(self, principal, body):
        data = body.get("domainData") or {}
        name = str(data.get("name") or "").strip().lower()
        if not name or "." not in name:
            return {"success": False, "resultCode": 200, "message": "DOMAIN_ADD_ERROR_INVALID_NAME"}
        if self._domain(name) is not None:
            return {"success": False, "resultCode": 200, "message": "DOMAIN_ADD_ERROR_NAME_IN_USE"}
        with self.emu.store.lock:
            self.soap(principal, "svcDomainAdmin", "AddDomainEx", DomainName=name, Path=data.get("path") or "",
                      IP="", PrimaryDomainAdminUserName=body.get("adminUsername") or "",
                      PrimaryDomainAdminPassword=body.get("adminPassword") or "",
                      PrimaryDomainAdminFirstName="", PrimaryDomainAdminLastName="")
            typed = {}
            for field, soap_name in (("userLimit", "MaxDomainUsers"), ("aliasLimit", "MaxAliases"),
                                     ("listLimit", "MaxLists")):
                if data.get(field) is not None:
                    typed[soap_name] = int(data[field])
            if data.get("maxSize") is not None:
                typed["MaxDomainSizeInMB"] = int(data["maxSize"]) // MB
            if typed:
                self.soap(principal, "svcDomainAdmin", "UpdateDomain", DomainName=name, **typed)
        return ok()

    def domain_delete(self, principal, body, domain, files):
        if self._domain(domain) is None:
            return {"success": False, "resultCode": 200, "message": "DOMAIN_NOT_FOUND"}
        self.soap(principal, "svcDomainAdmin", "DeleteDomain", DomainName=domain, DeleteFiles=files.lower() == "true")
        return ok()

    def domain_admins(self, principal, body, domain):
        dom = self._domain(domain)
        if dom is None:
            return {"success": False, "resultCode": 200, "message": "DOMAIN_NOT_FOUND"}
        with self.emu.store.lock:
            admins = sorted("%s@%s" % (u["username"], dom["name"]) for u in dom["users"].values()
                            if u.get("is_domain_admin"))
        return ok(domainAdmins=admins)

    # ------------------------------------------------- the _info readers' endpoints
    # licensing/info's edition numbers are FUSE's comments (0 Enterprise, 1 Professional, 2 Free,
    # 3 Lite: single source); licensing/about numbers editions otherwise (PEN), so it keeps its own.
    EDITION_CODES = {"enterprise": 0, "ent": 0, "professional": 1, "pro": 1, "free": 2, "lite": 3}

    def licensing_info(self, principal, body):
        """``edition`` (FUSE:L518-L535, the only field any source reads)."""
        with self.emu.store.lock:
            edition = str(self.emu.store.server["product"].get("edition") or "").strip().lower()
        return ok(edition=self.EDITION_CODES.get(edition, 2))

    def domain_names(self, principal, body):
        """``data``: the domain names (GO domain.go, PHPSG)."""
        with self.emu.store.lock:
            return ok(data=sorted(d["name"] for d in self.emu.store.domains.values()))

    def _domain_or_fail(self, domain):
        dom = self.emu.store.domain(domain)
        if dom is None:
            raise Fail(-3, "DOMAIN_NOT_FOUND")
        return dom

    def sysadmin_list_users(self, principal, body, domain):
        """``userData[]`` {emailAddress, userName, fullName, securityFlags{isDomainAdmin}} (FUSE, CBX, PHPSG)."""
        with self.emu.store.lock:
            dom = self._domain_or_fail(domain)
            return ok(userData=[self._user_data(dom, u) for k, u in sorted(dom["users"].items())])

    def sysadmin_list_usernames(self, principal, body, domain):
        """``usernames[]`` (GO user.go): the users' names, without the domain."""
        with self.emu.store.lock:
            dom = self._domain_or_fail(domain)
            return ok(usernames=[u["username"] for k, u in sorted(dom["users"].items())])

    def sysadmin_user(self, principal, body, email):
        """``userData`` of one user by address (GO AdminGetUser, FUSE: ``success`` is the existence test)."""
        local, _at, domain = email.strip().lower().partition("@")
        with self.emu.store.lock:
            dom = self.emu.store.domain(domain)
            user = dom["users"].get(local) if dom else None
            if user is None:
                return {"success": False, "resultCode": 200, "message": "USER_NOT_FOUND"}
            data = self._user_data(dom, user)
            data.update(domain=dom["name"], isPasswordExpired=False)
            data["securityFlags"].update(isSystemAdmin=False, isPrimarySystemAdmin=False)
            return ok(userData=data)

    def domain_own_data(self, principal, body):
        """The token's domain: ``domainData`` {name, hostname, isEnabled, userCount, aliasCount, sizeMb,
        size, maxSize, userLimit, aliasLimit} (ASTRAL, PYZ, CBX)."""
        with self.emu.store.lock:
            dom = self._domain_or_fail(principal.domain)
            settings = dom["settings"]
            return ok(domainData={"name": dom["name"], "hostname": dom.get("hostname") or "",
                                  "isEnabled": bool(settings.get("isenabled", True)), "userCount": len(dom["users"]),
                                  "aliasCount": len(dom["aliases"]), "sizeMb": 0, "size": 0,
                                  "maxSize": int(settings.get("maxsize") or 0) * 1024,
                                  "userLimit": int(settings.get("maxusers") or 0),
                                  "aliasLimit": int(settings.get("maxaliases") or 0)})

    def account_list_counts(self, principal, body):
        """Counts of users, aliases and lists with their limits (PYZ, CBX). No source shows the field
        names: these follow domainData's and FUSE's domain list (inference)."""
        with self.emu.store.lock:
            dom = self._domain_or_fail(principal.domain)
            settings = dom["settings"]
            return ok(userCount=len(dom["users"]), aliasCount=len(dom["aliases"]),
                      listCount=len(dom["mailing_lists"]), userLimit=int(settings.get("maxusers") or 0),
                      aliasLimit=int(settings.get("maxaliases") or 0), listLimit=int(settings.get("maxlists") or 0))

    # ---------------------------------------------------------- anti-virus settings (one block)
    # the JSON-only fields of the anti-virus settings: (type, default); the command line and the
    # quarantine directory are the SOAP command-line and real-time AV's (AVRCE §4-§7, build 9693:
    # single source; the defaults are inference)
    ANTIVIRUS_FIELDS = {
        "commandLineArguments": (str, ""), "commandLineScanMessages": (bool, True),
        "commandLineScanMessagesWithoutAttachments": (bool, False), "commandLineScanFiles": (bool, False),
        "enableSpoolCommandLine": (bool, False), "spoolCommandLineFile": (str, ""),
        "spoolCommandLineArguments": (str, ""), "spoolCommandLineTimeout": (int, 30),
        "spoolExecutableVisible": (bool, False),
    }
    # what GET answers under ``settings`` (AVRCE shows these; its "..." hides the rest)
    ANTIVIRUS_READ = ("commandLine", "commandLineArguments", "commandLineScanMessages",
                      "commandLineScanMessagesWithoutAttachments", "commandLineScanFiles", "enableSpoolCommandLine")

    def antivirus_routes(self) -> list:
        """``POST settings/sysadmin/antivirus/settings`` (the GET is with the _info readers' endpoints)."""
        return [
            ("POST", r"settings/sysadmin/antivirus/settings", self.set_antivirus_settings, "system", True),
        ]

    def _antivirus_json(self) -> dict:
        """The JSON-only anti-virus fields as stored (defaults for those never written)."""
        stored = self.emu.store.server.get("antivirus_json") or {}
        return dict((k, stored.get(k, default)) for k, (_type, default) in self.ANTIVIRUS_FIELDS.items())

    def antivirus_settings(self, principal, body):
        """``settings`` {commandLine, commandLineArguments, commandLineScanMessages,
        commandLineScanMessagesWithoutAttachments, commandLineScanFiles, enableSpoolCommandLine} (AVRCE
        §4-§7, build 9693: single source); the command line is the SOAP command-line AV's."""
        command = self.soap(principal, "svcVirusAdmin", "GetCommandLineAvSettings").get("settings") or {}
        with self.emu.store.lock:
            values = dict(self._antivirus_json(), commandLine=command.get("CommandLine") or "")
        return ok(settings=dict((k, values[k]) for k in self.ANTIVIRUS_READ))

    def set_antivirus_settings(self, principal, body):
        """The FLAT body (AVRCE §4-§7): ``commandLine`` is set through SetCommandLineAvSettings,
        ``quarantineDirectory`` through SetRealtimeAvSettings (their rules apply), the other fields of
        ANTIVIRUS_FIELDS are kept here. Unknown keys, and so a ``{"settings": {...}}`` wrapper, are
        dropped with a 200 (AVRCE §4.3); a value of the wrong type is answered 400 (the framework's
        model binding: inference)."""
        kinds = dict(((k, t) for k, (t, _d) in self.ANTIVIRUS_FIELDS.items()), commandLine=str,
                     quarantineDirectory=str)
        typed = {}
        for field, value in body.items():
            kind = kinds.get(field)
            if kind is None:
                continue  # dropped, as the real API drops what it does not bind
            if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
                raise ApiError(400, "Invalid input parameters")
            typed[field] = value
        if typed.get("quarantineDirectory") is not None:
            self.soap(principal, "svcVirusAdmin", "SetRealtimeAvSettings",
                      realtimeSettings={"QuarnentineDirectory": typed["quarantineDirectory"]})
        if "commandLine" in typed:
            self.soap(principal, "svcVirusAdmin", "SetCommandLineAvSettings",
                      commandLineSettings={"CommandLine": typed["commandLine"] or ""})
        rest = dict((k, v) for k, v in typed.items() if k in self.ANTIVIRUS_FIELDS and v is not None)
        if rest:
            with self.emu.store.lock:
                self.emu.store.server.setdefault("antivirus_json", {}).update(rest)
                self.emu.store.save()
        return ok()

    # ---------------------------------------------------------- domain aliases
    def domain_aliases(self, principal, body):
        with self.emu.store.lock:
            dom = self.emu.store.domain(principal.domain)
            names = list(dom["domain_aliases"]) if dom else []
        data = [{"name": n, "aliasIdn": n, "domainName": principal.domain} for n in names]
        return ok(domainAliasData=data or None)

    def domain_alias_put(self, principal, body, name, mx):
        # checkMx=false is honoured only for a system administrator's token; with a domain admin's
        # own token the MX check always runs (ASTRAL, single source)
        op = "AddDomainAliasWithoutMxCheck" if mx.lower() == "false" and self.impersonated() else "AddDomainAlias"
        self.soap(principal, "svcDomainAliasAdmin", op, DomainName=principal.domain, DomainAliasName=name)
        return ok()

    def domain_alias_delete(self, principal, body, name):
        self.soap(principal, "svcDomainAliasAdmin", "DeleteDomainAlias", DomainName=principal.domain,
                  DomainAliasName=name)
        return ok()

    # ------------------------------------- user groups, DKIM, mailing lists (one block)
    def group_list_dkim_routes(self) -> list:
        """The routes of user groups (reference §6), DKIM (§4) and mailing lists (§8): every
        endpoint the reference lists for them, our modules' calls or not."""
        return [
            # user groups: the endpoints are CBX's (DomainUserTools, single source); request bodies
            # are the reference's; answers beyond ``userGroup`` (CBX reads it) are inference
            ("GET", r"settings/domain/all-user-groups(?:/(?P<user>[^/]+))?", self.user_groups, "domain", False),
            ("GET", r"settings/domain/user-group/(?P<group_id>[^/]+)", self.user_group, "domain", False),
            ("POST", r"settings/domain/user-group-put/?", self.user_group_put, "domain", True),
            ("POST", r"settings/domain/user-group", self.user_group_update, "domain", True),
            ("POST", r"settings/domain/remove-user-groups", self.remove_user_groups, "domain", True),
            ("POST", r"settings/domain/add-to-user-groups/(?P<user>[^/]+)", self.add_to_user_groups, "domain", True),
            ("POST", r"settings/domain/remove-from-user-groups/(?P<user>[^/]+)", self.remove_from_user_groups,
             "domain", True),
            # DKIM (reference §4: CBX DomainSecurityTools, ASTRAL); the key is the SOAP one (GetDKIMCert
            # reads it), the pending rollover and the signing settings are the JSON API's own
            ("GET", r"settings/domain/domain", self.domain_admin_settings, "domain", False),
            ("POST", r"settings/domain/dkim-create-rollover/(?P<size>[^/]+)", self.dkim_create_rollover, "domain",
             True),
            ("POST", r"settings/domain/dkim-verify-rollover/(?P<force>[^/]+)", self.dkim_verify_rollover, "domain",
             True),
            ("POST", r"settings/domain/dkim-delete-rollover", self.dkim_delete_rollover, "domain", True),
            ("POST", r"settings/domain/dkim-enable/(?P<force>[^/]+)", self.dkim_enable, "domain", True),
            ("POST", r"settings/domain/dkim-disable", self.dkim_disable, "domain", True),
            ("POST", r"settings/domain/dkim-verify-active", self.dkim_verify_active, "domain", False),
            ("POST", r"settings/domain/dkim-settings-set", self.dkim_settings_set, "domain", True),
            ("GET", r"settings/domain/test-domain-key-dns/(?P<selector>[^/]+)/(?P<key>.+)", self.dkim_test_dns,
             "domain", False),
            # mailing lists (reference §8: FUSE, CBX, PYZ, WGS); the lists are the SOAP ones, their
            # numeric ids and the fields SOAP has no key for are the JSON API's own
            ("GET", r"settings/domain/mailing-lists/list", self.ml_list, "domain", False),
            ("POST", r"settings/domain/mailing-lists/add", self.ml_add, "domain", True),
            ("POST", r"settings/domain/mailing-lists/delete-bulk", self.ml_delete_bulk, "domain", True),
            ("GET", r"settings/domain/mailing-lists/(?P<list_id>\d+)/settings", self.ml_settings, "domain", False),
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/settings", self.ml_set_settings, "domain",
             True),
            ("GET", r"settings/domain/mailing-lists/(?P<list_id>\d+)/counts", self.ml_counts, "domain", False),
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/delete", self.ml_delete, "domain", True),
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/subscriber-search", self.ml_subscriber_search,
             "domain", False),
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/(?P<kind>poster|banned-user)-search",
             self.ml_poster_search, "domain", False),
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/(?P<which>subscriber|digest-subscriber|poster|"
             r"banned-user)-(?P<action>add|remove)", self.ml_set_change, "domain", True),
            # remove-all: the subscribers' only (PYZ)
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/(?P<which>subscriber|digest-subscriber)-"
             r"(?P<action>remove-all)", self.ml_set_change, "domain", True),
            ("GET", r"settings/domain/mailing-lists/subscribers/(?P<email>[^/]+)", self.ml_subscriber, "domain", False),
            ("POST", r"settings/domain/mailing-lists/subscribers/(?P<email>[^/]+)/edit", self.ml_subscriber_edit,
             "domain", True),
            ("GET", r"settings/domain/mailing-lists/subscriber-details/(?P<email>[^/]+)(?:/(?P<list_id>\d+))?",
             self.ml_subscriber_details, "domain", False),
            ("POST", r"settings/domain/mailing-lists/subscriber-clear-bounce-count", self.ml_clear_bounces, "domain",
             True),
            ("GET", r"settings/domain/mailing-lists/(?P<list_id>\d+)/system-messages", self.ml_system_messages,
             "domain", False),
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/system-message", self.ml_system_message,
             "domain", True),
            ("POST", r"settings/domain/mailing-lists/(?P<list_id>\d+)/send-digest", self.ml_send_digest, "domain",
             True),
            ("GET", r"settings/domain/subscriber-field-definitions", self.ml_field_definitions, "domain", False),
            ("POST", r"settings/domain/subscriber-field-definition", self.ml_field_definition, "domain", True),
            ("POST", r"settings/domain/mailing-lists/subscriber-field-definitions/delete-bulk",
             self.ml_field_definitions_delete, "domain", True),
        ]

    # mailing lists ------------------------------------------------------------------------------
    # JSON field -> SOAP list settings key (reference §8 field names; the pairing is the emulator's)
    ML_FIELDS = (("description", "description"), ("disabled", "disabled"), ("password", "password"),
                 ("subject", "subject"), ("prependSubject", "prependsubject"), ("enableDigest", "digestmode"),
                 ("sendSubscribeEmail", "sendsubscribe"), ("sendUnsubscribeEmail", "sendunsubscribe"),
                 ("disableListCommand", "disablelistcommand"), ("doubleOptIn", "enabledoubleoptin"),
                 ("disableListErrorReplies", "disablelisterrorreplies"), ("listToAddress", "listtoaddress"),
                 ("listFromAddress", "listfromaddress"), ("listReplyToAddress", "listreplytoaddress"))
    # postingPermissions: 0 anyone, 1 subscribers, 2 moderator (reference §8)
    ML_POSTING = ("anyone", "subscribersonly", "moderatoronly")
    # fields SOAP has no key for, kept per list for the JSON API, with their defaults
    ML_JSON_ONLY = {"requirePassword": False, "disableSubscriptions": False, "showInGal": False}
    # address set of each add/remove/search path
    ML_SETS = {"subscriber": "subscribers", "digest-subscriber": "digest_subscribers", "poster": "poster_whitelist",
               "banned-user": "poster_killlist"}

    def _ml_domain(self, principal) -> dict:
        """The domain with an id on every list (lists made over SOAP get theirs when first seen)."""
        dom = self.emu.store.domain(principal.domain)
        lists = dom.setdefault("mailing_lists", {})
        for name in sorted(lists):
            mlist = lists[name]
            if "json_id" not in mlist:
                mlist["json_id"] = int(dom.get("next_mailing_list_id") or 1)
                dom["next_mailing_list_id"] = mlist["json_id"] + 1
                mlist.setdefault("json_only", dict(self.ML_JSON_ONLY, createdOn=self._when(0)))
        return dom

    def _ml(self, principal, list_id) -> tuple[dict, dict]:
        dom = self._ml_domain(principal)
        for mlist in dom["mailing_lists"].values():
            if str(mlist.get("json_id")) == str(list_id):
                return dom, mlist
        raise Fail(-3, "MAILING_LIST_NOT_FOUND")

    def _ml_item(self, dom, mlist, full: bool = False) -> dict:
        """A list as ``mailing-lists/list`` answers it (``items[]``), or, ``full``, as its settings."""
        from .services.mail_list_admin import LIST_SETTINGS

        def value(key):
            return mlist["settings"].get(key, LIST_SETTINGS[key][1])
        extra = mlist.get("json_only") or {}
        moderator = value("moderator")
        item = {"id": mlist["json_id"], "listAddress": mlist["name"], "description": value("description"),
                "moderatorAddress": "%s@%s" % (moderator, dom["name"]) if moderator else "",
                # status: 0 active, 1 disabled (the reference names the field, not its values: inference)
                "status": 1 if value("disabled") else 0,
                "postingPermissions": self.ML_POSTING.index(value("whocanpost")),
                "enableDigest": bool(value("digestmode")), "doubleOptIn": bool(value("enabledoubleoptin")),
                "disableSubscriptions": bool(extra.get("disableSubscriptions")),
                "listSubscriberCount": len(mlist.get("subscribers") or []),
                "digestSubscriberCount": len(mlist.get("digest_subscribers") or []),
                "posterCount": len(mlist.get("poster_whitelist") or []),
                "bannedUserCount": len(mlist.get("poster_killlist") or []),
                "listCommandAddress": dom["settings"].get("listcommandaddress") or "",
                "createdOn": extra.get("createdOn") or "", "password": value("password"),
                "requirePassword": bool(extra.get("requirePassword")), "subject": value("subject"),
                "prependSubject": bool(value("prependsubject")), "listFromAddress": value("listfromaddress"),
                "listReplyToAddress": value("listreplytoaddress"), "sendSubscribeEmail": bool(value("sendsubscribe")),
                "sendUnsubscribeEmail": bool(value("sendunsubscribe")),
                "disableListCommand": bool(value("disablelistcommand"))}
        if full:
            item.update(disabled=bool(value("disabled")), listToAddress=value("listtoaddress"),
                        disableListErrorReplies=bool(value("disablelisterrorreplies")),
                        showInGal=bool(extra.get("showInGal")))
        return item

    def _ml_apply(self, principal, dom, mlist, body) -> None:
        """The fields of ``body`` the emulator knows, written; others dropped (answered 200 as the real
        API does with what it does not know: AVRCE §4.3, inference)."""
        pairs = []
        for field, key in self.ML_FIELDS:
            if field in body and body[field] is not None:
                value = body[field]
                pairs.append("%s=%s" % (key, value if not isinstance(value, bool) else ("True" if value else "False")))
        if body.get("moderatorAddress"):
            pairs.append("moderator=%s" % str(body["moderatorAddress"]).strip().partition("@")[0])
        if "postingPermissions" in body:
            try:
                pairs.append("whocanpost=%s" % self.ML_POSTING[int(body["postingPermissions"])])
            except (TypeError, ValueError, IndexError):
                raise ApiError(400, "Invalid input parameters")
        if pairs:
            self.soap(principal, "svcMailListAdmin", "SetRequestedListSettings", DomainName=dom["name"],
                      ListName=mlist["name"], newSettings=pairs)
        extra = mlist.setdefault("json_only", dict(self.ML_JSON_ONLY, createdOn=self._when(0)))
        for field in self.ML_JSON_ONLY:
            if field in body:
                extra[field] = bool(body[field])
        self.emu.store.save()

    def ml_list(self, principal, body):
        with self.emu.store.lock:
            dom = self._ml_domain(principal)
            return ok(items=[self._ml_item(dom, m) for k, m in sorted(dom["mailing_lists"].items())])

    def ml_add(self, principal, body):
        name = str(body.get("listAddress") or "").strip().lower().partition("@")[0]
        with self.emu.store.lock:
            self.soap(principal, "svcMailListAdmin", "AddList", DomainName=principal.domain, ListName=name,
                      Moderator=str(body.get("moderatorAddress") or "").strip().partition("@")[0],
                      Description=str(body.get("description") or ""))
            dom = self._ml_domain(principal)
            mlist = dom["mailing_lists"][name]
            rest = dict((k, v) for k, v in body.items() if k not in ("listAddress", "moderatorAddress", "description"))
            self._ml_apply(principal, dom, mlist, rest)
            return ok(item=self._ml_item(dom, mlist, full=True))

    def ml_settings(self, principal, body, list_id):
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            return ok(item=self._ml_item(dom, mlist, full=True))

    def ml_set_settings(self, principal, body, list_id):
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            self._ml_apply(principal, dom, mlist, body)
        return ok()

    def ml_counts(self, principal, body, list_id):
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            return ok(listSubscribers=len(mlist.get("subscribers") or []),
                      digestSubscribers=len(mlist.get("digest_subscribers") or []),
                      posters=len(mlist.get("poster_whitelist") or []),
                      bannedUsers=len(mlist.get("poster_killlist") or []),
                      customFields=len(dom.get("subscriber_fields") or {}),
                      messages=len((mlist.get("json_only") or {}).get("messages") or {}))

    def ml_delete(self, principal, body, list_id):
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            self.soap(principal, "svcMailListAdmin", "DeleteList", DomainName=dom["name"], ListName=mlist["name"])
        return ok()

    def ml_delete_bulk(self, principal, body):
        with self.emu.store.lock:
            found = [self._ml(principal, i) for i in body.get("ints") or []]
            for dom, mlist in found:
                self.soap(principal, "svcMailListAdmin", "DeleteList", DomainName=dom["name"], ListName=mlist["name"])
        return ok()

    @staticmethod
    def _ml_page(addresses, body) -> list:
        search = str(body.get("search") or "").strip().lower()
        found = sorted((a for a in addresses if search in a.lower()), key=str.lower,
                       reverse=bool(body.get("sortDescending")))
        skip, take = int(body.get("skip") or 0), int(body.get("take") or 100)
        return found[skip:skip + take]

    def ml_subscriber_search(self, principal, body, list_id):
        """``subscriberType``: 0 regular, 1 digest, 999 all (CBX); FUSE's ``"Subscriber"`` is regular."""
        kind = "%s" % body.get("subscriberType", 0)
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            if kind in ("1", "Digest", "digest"):
                addresses = list(mlist.get("digest_subscribers") or [])
            elif kind == "999":
                addresses = list(mlist.get("subscribers") or []) + list(mlist.get("digest_subscribers") or [])
            else:
                addresses = list(mlist.get("subscribers") or [])
        return ok(items=[{"emailAddress": a} for a in self._ml_page(addresses, body)])

    def ml_poster_search(self, principal, body, list_id, kind):
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            addresses = list(mlist.get(self.ML_SETS[kind]) or [])
        return ok(items=[{"emailAddress": a} for a in self._ml_page(addresses, body)])

    def ml_set_change(self, principal, body, list_id, which, action):
        """The body is a JSON array of addresses (CBX, FUSE; the router hands it over as ``input``)."""
        addresses = body.get("input") if action != "remove-all" else []
        if not isinstance(addresses, list):
            raise ApiError(400, "Invalid input parameters")
        key = self.ML_SETS[which]
        operation = {"subscribers": "SetSubscriberList2", "digest_subscribers": "SetDigestSubscriberList2",
                     "poster_whitelist": "SetPosterWhiteList", "poster_killlist": "SetPosterKillList"}[key]
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            now = list(mlist.get(key) or [])
            low = [str(a).strip().lower() for a in addresses]
            if action == "add":
                after = now + [str(a).strip() for a in addresses if str(a).strip().lower() not in
                               [n.lower() for n in now]]
            elif action == "remove":
                after = [n for n in now if n.lower() not in low]
            else:
                after = []
            self.soap(principal, "svcMailListAdmin", operation, DomainName=dom["name"], ListName=mlist["name"],
                      Subscribers=after)
        return ok()

    def _ml_subscriptions(self, dom, email) -> tuple[list, list]:
        address = email.strip().lower()
        lists = sorted(m["json_id"] for m in dom["mailing_lists"].values()
                       if address in [a.lower() for a in m.get("subscribers") or []])
        digests = sorted(m["json_id"] for m in dom["mailing_lists"].values()
                         if address in [a.lower() for a in m.get("digest_subscribers") or []])
        return lists, digests

    def ml_subscriber(self, principal, body, email):
        """The fields of the answer are the edit body's (the reference gives no answer: inference)."""
        with self.emu.store.lock:
            dom = self._ml_domain(principal)
            lists, digests = self._ml_subscriptions(dom, email)
            if not lists and not digests:
                raise Fail(-3, "SUBSCRIBER_NOT_FOUND")
            values = (dom.get("subscriber_field_values") or {}).get(email.strip().lower()) or {}
            return ok(subscriber={"emailAddress": email.strip().lower(), "subscribedLists": lists,
                                  "subscribedDigests": digests,
                                  "fieldValues": [{"name": n, "value": v} for n, v in sorted(values.items())]})

    def ml_subscriber_edit(self, principal, body, email):
        address = email.strip().lower()
        with self.emu.store.lock:
            dom = self._ml_domain(principal)
            for key, field in (("subscribers", "subscribedLists"), ("digest_subscribers", "subscribedDigests")):
                if field not in body:
                    continue
                wanted = set(str(i) for i in body.get(field) or [])
                for mlist in dom["mailing_lists"].values():
                    now = [a for a in mlist.get(key) or [] if a.lower() != address]
                    if str(mlist["json_id"]) in wanted:
                        now.append(address)
                    mlist[key] = now
            for pair in body.get("fieldValues") or []:
                if isinstance(pair, dict) and pair.get("name"):
                    self.soap(principal, "svcMailListAdmin", "UpdateSubscriberField", DomainName=dom["name"],
                              SubscriberEmail=address, SubscriberFieldName=pair["name"],
                              SubscriberFieldValue=str(pair.get("value") or ""), SubscriberType="all")
            self.emu.store.save()
        return ok()

    def ml_subscriber_details(self, principal, body, email, list_id=None):
        """Subscriptions and bounce count (the reference names the endpoint, not its answer: inference)."""
        with self.emu.store.lock:
            dom = self._ml_domain(principal)
            lists, digests = self._ml_subscriptions(dom, email)
            if list_id is not None:
                lists = [i for i in lists if str(i) == list_id]
                digests = [i for i in digests if str(i) == list_id]
            return ok(emailAddress=email.strip().lower(), subscribedLists=lists, subscribedDigests=digests,
                      bounceCount=0)

    def ml_clear_bounces(self, principal, body):
        return ok()  # the emulator counts no bounces

    def ml_system_messages(self, principal, body, list_id):
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            messages = (mlist.get("json_only") or {}).get("messages") or {}
            return ok(items=[dict(m, name=n) for n, m in sorted(messages.items())])

    def ml_system_message(self, principal, body, list_id):
        name = str(body.get("name") or "").strip()
        if not name:
            raise ApiError(400, "Invalid input parameters")
        with self.emu.store.lock:
            dom, mlist = self._ml(principal, list_id)
            mlist.setdefault("json_only", {}).setdefault("messages", {})[name] = {
                "subject": str(body.get("subject") or ""), "body": str(body.get("body") or "")}
            self.emu.store.save()
        return ok()

    def ml_send_digest(self, principal, body, list_id):
        with self.emu.store.lock:
            self._ml(principal, list_id)
        return ok()  # nothing is mailed by the emulator

    def _ml_field_ids(self, dom) -> dict:
        """{field name: id} of the domain's default subscriber fields (the SOAP ones), ids kept."""
        ids = dom.setdefault("json_only", {}).setdefault("subscriber_field_ids", {})
        for name in sorted(dom.get("subscriber_fields") or {}):
            if name not in ids:
                ids[name] = max(ids.values() or [0]) + 1
        return ids

    def ml_field_definitions(self, principal, body):
        """``subscriberFieldDefinitions[]`` {id, name, defaultValue}: the item shape is the write's
        (``subscriberFieldDefinition``); the wrapper's name is inference."""
        with self.emu.store.lock:
            dom = self._ml_domain(principal)
            ids = self._ml_field_ids(dom)
            fields = dom.get("subscriber_fields") or {}
            return ok(subscriberFieldDefinitions=[{"id": ids[n], "name": n, "defaultValue": fields[n]}
                                                  for n in sorted(fields, key=str.lower)])

    def ml_field_definition(self, principal, body):
        field = body.get("subscriberFieldDefinition")
        if not isinstance(field, dict):
            return ok()  # answered 200 and dropped (AVRCE §4.3; inference)
        with self.emu.store.lock:
            dom = self._ml_domain(principal)
            ids = self._ml_field_ids(dom)
            by_id = dict((v, k) for k, v in ids.items())
            old = by_id.get(field.get("id")) if field.get("id") else None
            name = str(field.get("name") or old or "")
            value = str(field.get("defaultValue") or "")
            if old is None:
                self.soap(principal, "svcMailListAdmin", "AddDefaultSubscriberField", DomainName=dom["name"],
                          SubscriberFieldName=name, SubscriberFieldValue=value)
            else:
                if name != old:
                    raise ApiError(400, "Invalid input parameters")  # no rename known
                self.soap(principal, "svcMailListAdmin", "UpdateDefaultSubscriberField", DomainName=dom["name"],
                          SubscriberFieldName=name, SubscriberFieldValue=value)
            self._ml_field_ids(dom)
            self.emu.store.save()
        return ok()

    def ml_field_definitions_delete(self, principal, body):
        with self.emu.store.lock:
            dom = self._ml_domain(principal)
            ids = self._ml_field_ids(dom)
            by_id = dict((v, k) for k, v in ids.items())
            for field_id in body.get("ints") or []:
                name = by_id.get(field_id)
                if name is None:
                    raise Fail(-3, "SUBSCRIBER_FIELD_NOT_FOUND")
                self.soap(principal, "svcMailListAdmin", "DeleteDefaultSubscriberField", DomainName=dom["name"],
                          SubscriberFieldName=name)
                ids.pop(name, None)
            self.emu.store.save()
        return ok()

    # DKIM ------------------------------------------------------------------------------------
    # sizes dkim-create-rollover takes (reference §4)
    DKIM_JSON_SIZES = (1024, 2048, 4096)
    # the signing settings' names in dkim-settings-set -> in domainKeysSettings (reference §4)
    DKIM_SETTINGS = (("canonicalizationBody", "dkimCanonicalizationAlgorithmBody"),
                     ("canonicalizationHeader", "dkimCanonicalizationAlgorithmHeader"),
                     ("fieldOption", "dkimHeaderFieldOption"), ("fields", "dkimHeaderFields"),
                     ("maxMessageSign", "maxMessageSign"))

    def _dkim(self, principal) -> tuple[dict, dict]:
        """(the domain, its JSON-only DKIM state: pending rollover, enabled, signing settings)."""
        dom = self.emu.store.domain(principal.domain)
        state = dom.setdefault("json_only", {}).setdefault("dkim", {
            "pending": None, "enabled": False, "settings": {"dkimCanonicalizationAlgorithmBody": "relaxed",
                                                            "dkimCanonicalizationAlgorithmHeader": "relaxed",
                                                            "dkimHeaderFieldOption": 0, "dkimHeaderFields": [],
                                                            "maxMessageSign": 0}})
        return dom, state

    def domain_admin_settings(self, principal, body):
        """``GET settings/domain/domain`` -> ``domainSettings``: served here with its DKIM part,
        ``domainKeysSettings`` {selector, publicKey, pending, dkimCanonicalizationAlgorithmBody/Header,
        dkimHeaderFieldOption, dkimHeaderFields, maxMessageSign} (reference §4); the rest of the large
        object is not emulated."""
        with self.emu.store.lock:
            dom, state = self._dkim(principal)
            active = dom.get("dkim") or {}
            pending = state["pending"]
            keys = dict(state["settings"], selector=active.get("selector") or "",
                        publicKey=active.get("public_key") or "",
                        pending={"selector": pending["selector"], "publicKey": pending["public_key"],
                                 "keySize": pending["key_size"], "nextCheckUtc": pending["next_check"]}
                        if pending else None)
            return ok(domainSettings={"domainKeysSettings": keys})

    def dkim_create_rollover(self, principal, body, size):
        """A pending key whose selector the server picks (``sm`` and hex digits of the key's hash: the
        form is the emulator's choice, no source shows one); answers ``publicKey``, ``selector``, ``keySize``,
        ``nextCheckUtc`` (reference §4)."""
        from .services import _keys  # the SOAP key maker: one kind of key for both APIs

        try:
            key_size = int(size)
        except ValueError:
            raise ApiError(400, "Invalid input parameters")
        if key_size not in self.DKIM_JSON_SIZES:
            raise ApiError(400, "Invalid input parameters")
        private_key, public_key = _keys.generate(key_size)
        with self.emu.store.lock:
            dom, state = self._dkim(principal)
            state["pending"] = {"selector": "sm" + hashlib.sha256(public_key.encode()).hexdigest()[:8],
                                "key_size": key_size,
                                "private_key": private_key, "public_key": public_key,
                                "next_check": self._when(3600)}
            self.emu.store.save()
            pending = state["pending"]
            return ok(publicKey=public_key, selector=pending["selector"], keySize=key_size,
                      nextCheckUtc=pending["next_check"])

    def dkim_verify_rollover(self, principal, body, force):
        """The pending key becomes the active one. ``forceActivation`` true: at once; false: only once
        its DNS record is found, which the emulator (no DNS) never does (inference: the reference
        gives the endpoint, not its answers)."""
        with self.emu.store.lock:
            dom, state = self._dkim(principal)
            pending = state["pending"]
            if not pending:
                return {"success": False, "resultCode": 200, "message": "DKIM_NO_PENDING_KEY"}
            if force.strip().lower() != "true":
                return {"success": False, "resultCode": 200, "message": "DKIM_DNS_RECORD_NOT_FOUND"}
            dom["dkim"] = {"selector": pending["selector"], "key_size": pending["key_size"],
                           "private_key": pending["private_key"], "public_key": pending["public_key"]}
            state["pending"] = None
            self.emu.store.save()
        return ok()

    def dkim_delete_rollover(self, principal, body):
        with self.emu.store.lock:
            self._dkim(principal)[1]["pending"] = None
            self.emu.store.save()
        return ok()

    def dkim_enable(self, principal, body, force):
        """Turns signing on; fails on a domain whose DKIM was never initialised (ASTRAL: create a
        rollover first); with ``forceActivation`` true a pending key is activated first."""
        with self.emu.store.lock:
            dom, state = self._dkim(principal)
        if state["pending"] and force.strip().lower() == "true":
            self.dkim_verify_rollover(principal, body, "true")
        with self.emu.store.lock:
            dom, state = self._dkim(principal)
            if not dom.get("dkim"):
                return {"success": False, "resultCode": 200, "message": "DKIM_NOT_INITIALIZED"}
            state["enabled"] = True
            self.emu.store.save()
        return ok()

    def dkim_disable(self, principal, body):
        with self.emu.store.lock:
            self._dkim(principal)[1]["enabled"] = False
            self.emu.store.save()
        return ok()

    def dkim_verify_active(self, principal, body):
        # the emulator has no DNS: the active key's record is never found (inference, as verify-rollover)
        with self.emu.store.lock:
            dom, state = self._dkim(principal)
            if not dom.get("dkim"):
                return {"success": False, "resultCode": 200, "message": "DKIM_NOT_INITIALIZED"}
        return {"success": False, "resultCode": 200, "message": "DKIM_DNS_RECORD_NOT_FOUND"}

    def dkim_settings_set(self, principal, body):
        with self.emu.store.lock:
            dom, state = self._dkim(principal)
            for field, key in self.DKIM_SETTINGS:
                if field in body:
                    state["settings"][key] = list(body[field] or []) if field == "fields" else body[field]
            self.emu.store.save()
        return ok()

    def dkim_test_dns(self, principal, body, selector, key):
        # no DNS in the emulator: never found (the answer's fields are not in the reference)
        return {"success": False, "resultCode": 200, "message": "DNS_RECORD_NOT_FOUND"}

    @staticmethod
    def _user_group(group) -> dict:
        # the members as local parts (CBX sends and reads them so); ``enabled`` is the create body's field
        return {"id": group["id"], "name": group["name"], "userNames": list(group["members"]),
                "enabled": bool(group.get("enabled", True))}

    def _groups(self, principal) -> dict:
        return self.emu.store.domain(principal.domain).setdefault("user_groups", {})

    def _group_by_id(self, principal, group_id) -> dict:
        group = self._groups(principal).get(str(group_id).strip())
        if group is None:
            raise Fail(-3, "USER_GROUP_NOT_FOUND")
        return group

    def user_groups(self, principal, body, user=None):
        with self.emu.store.lock:
            groups = sorted(self._groups(principal).values(), key=lambda g: g["id"])
            if user is not None:
                name = user.strip().lower().partition("@")[0]
                groups = [g for g in groups if name in g["members"]]
            return ok(userGroups=[self._user_group(g) for g in groups])

    def user_group(self, principal, body, group_id):
        with self.emu.store.lock:
            return ok(userGroup=self._user_group(self._group_by_id(principal, group_id)))

    def user_group_put(self, principal, body):
        group = body.get("userGroup")
        if not isinstance(group, dict):
            return ok()  # answered 200 and dropped (AVRCE §4.3; inference)
        self.soap(principal, "svcUserAdmin", "AddUserGroup", DomainName=principal.domain,
                  UserGroupName=group.get("name") or "", UserNames=list(group.get("userNames") or []))
        if group.get("enabled") is False:
            with self.emu.store.lock:
                newest = max(self._groups(principal).values(), key=lambda g: g["id"])
                newest["enabled"] = False
                self.emu.store.save()
        return ok()

    def user_group_update(self, principal, body):
        group = body.get("userGroup")
        if not isinstance(group, dict):
            return ok()  # answered 200 and dropped (AVRCE §4.3; inference)
        with self.emu.store.lock:
            current = self._group_by_id(principal, group.get("id"))
            name = group.get("name") if "name" in group else current["name"]
            members = group.get("userNames") if "userNames" in group else list(current["members"])
        self.soap(principal, "svcUserAdmin", "UpdateUserGroup", DomainName=principal.domain,
                  UserGroupID=current["id"], UserGroupName=name or "", UserNames=list(members or []))
        if "enabled" in group:
            with self.emu.store.lock:
                current["enabled"] = bool(group["enabled"])
                self.emu.store.save()
        return ok()

    def remove_user_groups(self, principal, body):
        for group_id in body.get("iDs") or []:
            self.soap(principal, "svcUserAdmin", "RemoveUserGroup", DomainName=principal.domain,
                      UserGroupID=self._group_by_id(principal, group_id)["id"])
        return ok()

    def _membership(self, principal, body, user, add: bool):
        with self.emu.store.lock:
            groups = [self._group_by_id(principal, g) for g in body.get("iDs") or []]
        for group in groups:
            name = user.strip().lower().partition("@")[0]
            members = [m for m in group["members"] if m != name] + ([name] if add else [])
            self.soap(principal, "svcUserAdmin", "UpdateUserGroup", DomainName=principal.domain,
                      UserGroupID=group["id"], UserGroupName=group["name"], UserNames=members)
        return ok()

    def add_to_user_groups(self, principal, body, user):
        return self._membership(principal, body, user, True)

    def remove_from_user_groups(self, principal, body, user):
        return self._membership(principal, body, user, False)

    # ------------------------------------------------------------------ aliases
    @staticmethod
    def _alias(alias) -> dict:
        return {"name": alias["name"], "displayName": "", "aliasTargetList": list(alias["addresses"]),
                "hideFromGAL": False, "internalOnly": False, "includeAllDomainUsers": False,
                "allowSending": False, "isEnabled": True, "description": ""}

    def aliases(self, principal, body):
        with self.emu.store.lock:
            dom = self.emu.store.domain(principal.domain)
            grid = [{"name": a["name"], "targets": list(a["addresses"]), "includeAllDomainUsers": False}
                    for k, a in sorted(dom["aliases"].items())]
        return ok(gridInfo=grid)

    def alias(self, principal, body, name):
        with self.emu.store.lock:
            alias = self.emu.store.domain(principal.domain)["aliases"].get(name.strip().lower())
            if alias is None:
                return {"success": False, "resultCode": 200, "message": "ALIAS_NOT_FOUND"}
            return ok(alias=self._alias(alias))

    def alias_put(self, principal, body):
        alias = body.get("alias") or {}
        name = str(alias.get("name") or "").strip().lower()
        dom = self._domain(principal.domain)
        if name in dom["aliases"] or name in dom["users"]:
            return {"success": False, "resultCode": 200, "message": "USER_ADD_ERROR_NAME_IN_USE"}
        self.soap(principal, "svcAliasAdmin", "AddAlias", DomainName=principal.domain, AliasName=name,
                  Addresses=list(alias.get("aliasTargetList") or []))
        return ok()

    def alias_update(self, principal, body):
        """``{alias, oldName}``: the alias named ``oldName`` (FUSE omits it: then ``alias.name``)
        takes the new object; an ``alias.name`` other than ``oldName`` renames it (ASTRAL UpdateAlias,
        CBX). A taken new name: USER_ADD_ERROR_NAME_IN_USE, as on create (ASTRAL)."""
        alias = body.get("alias")
        if not isinstance(alias, dict):
            return ok()  # answered 200 and dropped (AVRCE §4.3; inference)
        new_name = str(alias.get("name") or "").strip().lower()
        name = str(body.get("oldName") or new_name).strip().lower()
        targets = list(alias.get("aliasTargetList") or [])
        with self.emu.store.lock:
            dom = self.emu.store.domain(principal.domain)
            if name not in dom["aliases"]:
                return {"success": False, "resultCode": 200, "message": "ALIAS_NOT_FOUND"}
            if new_name and new_name != name:
                if new_name in dom["aliases"] or new_name in dom["users"]:
                    return {"success": False, "resultCode": 200, "message": "USER_ADD_ERROR_NAME_IN_USE"}
                catch_all = ("%s" % (dom["settings"].get("catchall") or "")).strip().lower() == name
                self.soap(principal, "svcAliasAdmin", "AddAlias", DomainName=principal.domain, AliasName=new_name,
                          Addresses=targets)
                if catch_all:
                    self.soap(principal, "svcAliasAdmin", "SetCatchAll", DomainName=principal.domain,
                              AliasName=new_name)
                self.soap(principal, "svcAliasAdmin", "DeleteAlias", DomainName=principal.domain, AliasName=name)
                return ok()
        self.soap(principal, "svcAliasAdmin", "UpdateAlias", DomainName=principal.domain, AliasName=name,
                  Addresses=targets)
        return ok()

    def alias_delete(self, principal, body, name):
        self.soap(principal, "svcAliasAdmin", "DeleteAlias", DomainName=principal.domain, AliasName=name)
        return ok()

    def set_catch_all(self, principal, body, name=""):
        self.soap(principal, "svcAliasAdmin", "SetCatchAll", DomainName=principal.domain, AliasName=name or "")
        return ok()

    # -------------------------------------------------------------------- users
    def _user(self, principal, email):
        local, _at, domain = email.strip().lower().partition("@")
        if domain and domain != principal.domain:
            raise ApiError(403, "Forbidden")
        dom = self.emu.store.domain(principal.domain)
        user = dom["users"].get(local)
        if user is None:
            raise Fail(-3, "USER_NOT_FOUND")
        return dom, user

    def _user_data(self, dom, user) -> dict:
        settings = user.get("settings") or {}
        full = ("%s %s" % (user["first_name"], user["last_name"])).strip()
        return {"userName": user["username"], "emailAddress": "%s@%s" % (user["username"], dom["name"]),
                "fullName": full, "maxMailboxSize": int(settings.get("maxsize") or 0) * MB,
                "isPrimaryDomainAdmin": dom["primary_admin"].lower() == user["username"].lower(),
                # CBX DomainListUsers: no mail is stored, the last login is the newest one recorded
                "currentMailboxSize": 0, "lastLoginTime": (user.get("logins") or [None])[0],
                "securityFlags": {"isDomainAdmin": bool(user["is_domain_admin"]), "authType": 0,
                                  "isDisabled": not bool(settings.get("isenabled", True))}}

    def list_users(self, principal, body):
        with self.emu.store.lock:
            dom = self.emu.store.domain(principal.domain)
            data = [self._user_data(dom, u) for k, u in sorted(dom["users"].items())]
        return ok(userData=data)

    def user(self, principal, body, email):
        with self.emu.store.lock:
            dom, user = self._user(principal, email)
            return ok(userData=self._user_data(dom, user))

    def user_mail(self, principal, body, email):
        with self.emu.store.lock:
            dom, user = self._user(principal, email)
            settings = user.get("settings") or {}
            return ok(userMailSettings={
                "userContactInfo": {"firstName": user["first_name"], "lastName": user["last_name"]},
                "isEnabled": bool(settings.get("isenabled", True)),
                "enableMailForwarding": self._user_forwarding(user), "replyToAddress": ""})

    @staticmethod
    def _user_forwarding(user) -> bool:
        """``userMailSettings.enableMailForwarding``: forwarding needs it (CBX, FUSE set it whenever
        they forward). Off until written: that both clients set it explicitly suggests it is not on
        by default (inference)."""
        return bool((user.get("json_only") or {}).get("enable_mail_forwarding", False))

    def user_put(self, principal, body):
        data = body.get("userData") or {}
        mail = body.get("userMailSettings") or {}
        contact = mail.get("userContactInfo") or {}
        name = str(data.get("userName") or "").strip().lower().partition("@")[0]
        dom = self._domain(principal.domain)
        if name in dom["users"] or name in dom["aliases"]:
            return {"success": False, "resultCode": 200, "message": "USER_ADD_ERROR_NAME_IN_USE"}
        flags = data.get("securityFlags") or {}
        with self.emu.store.lock:
            try:
                self.soap(principal, "svcUserAdmin", "AddUser2", NewUsername=name,
                          NewPassword=data.get("password") or "", DomainName=principal.domain,
                          FirstName=contact.get("firstName") or "", LastName=contact.get("lastName") or "",
                          IsDomainAdmin=bool(flags.get("isDomainAdmin")),
                          maxMailboxSize=int(data.get("maxMailboxSize") or 0) // MB)
            except Fail as exc:
                # the reference's codes (ASTRAL comments): one code for every password rule (a
                # password that fails another rule than the length answering it is inference)
                code = {PASSWORD_COMPLEXITY: "USER_ADD_ERROR_PASSWORD_TOO_SHORT",
                        ALREADY_EXISTS: "USER_ADD_ERROR_NAME_IN_USE"}.get(exc.code)
                if code is None and exc.code == INVALID_INPUT and not is_local_part(name):
                    code = "USER_ADD_ERROR_INVALID_NAME"
                if code is None:
                    raise
                return {"success": False, "resultCode": 200, "message": code}
            if mail.get("isEnabled") is False:
                self.soap(principal, "svcUserAdmin", "SetRequestedUserSettings",
                          EmailAddress="%s@%s" % (name, principal.domain), newSettings=["isenabled=False"])
            if "enableMailForwarding" in mail:
                self.emu.store.domain(principal.domain)["users"][name].setdefault("json_only", {})[
                    "enable_mail_forwarding"] = bool(mail["enableMailForwarding"])
                self.emu.store.save()
        return ok()

    def post_user(self, principal, body):
        data = body.get("userData") or {}
        with self.emu.store.lock:
            dom, user = self._user(principal, str(body.get("email") or ""))
            params = {"EmailAddress": "%s@%s" % (user["username"], dom["name"])}
            if data.get("password"):
                params["NewPassword"] = data["password"]
            flags = data.get("securityFlags") or {}
            if "isDomainAdmin" in flags:
                params["IsDomainAdmin"] = bool(flags["isDomainAdmin"])
            if data.get("maxMailboxSize") is not None:
                params["maxMailboxSize"] = int(data["maxMailboxSize"]) // MB
            try:
                self.soap(principal, "svcUserAdmin", "UpdateUser2", **params)
            except Fail as exc:
                if exc.code == PASSWORD_COMPLEXITY:
                    # GO errors.go: 400 "User does not meet password requirements"
                    raise ApiError(400, "User does not meet password requirements")
                raise
        return ok()

    def post_user_mail(self, principal, body):
        # keys it does not know, and a body without the wrapper, are dropped with a 200 (AVRCE §4.3; inference)
        mail = body.get("userMailSettings") or {}
        with self.emu.store.lock:
            dom, user = self._user(principal, str(body.get("email") or ""))
            address = "%s@%s" % (user["username"], dom["name"])
            contact = mail.get("userContactInfo")
            if isinstance(contact, dict):
                params = {"EmailAddress": address}
                if "firstName" in contact:
                    params["NewFirstName"] = contact["firstName"] or ""
                if "lastName" in contact:
                    params["NewLastName"] = contact["lastName"] or ""
                self.soap(principal, "svcUserAdmin", "UpdateUser2", **params)
            if "isEnabled" in mail:
                self.soap(principal, "svcUserAdmin", "SetRequestedUserSettings", EmailAddress=address,
                          newSettings=["isenabled=%s" % bool(mail["isEnabled"])])
            if "enableMailForwarding" in mail:
                user.setdefault("json_only", {})["enable_mail_forwarding"] = bool(mail["enableMailForwarding"])
                self.emu.store.save()
        return ok()

    def user_delete(self, principal, body, name):
        self.soap(principal, "svcUserAdmin", "DeleteUser", Username=name.partition("@")[0],
                  DomainName=principal.domain)
        return ok()

    def forward_list(self, principal, body, email):
        with self.emu.store.lock:
            dom, user = self._user(principal, email)
            fwd = user.get("forwarding") or {"addresses": [], "delete_on_forward": False}
            return ok(mailboxForwardList={"forwardList": list(fwd["addresses"]),
                                          "deleteOnForward": bool(fwd["delete_on_forward"]),
                                          "keepRecipients": False, "spamForwardOption": "None"})

    def post_forward_list(self, principal, body):
        fwd = body.get("mailboxForwardList")
        with self.emu.store.lock:
            self._user(principal, str(body.get("email") or ""))
            if not isinstance(fwd, dict):
                return ok()  # answered 200 and discarded, as a body of the wrong shape (AVRCE §4.3; inference)
            dom, user = self._user(principal, str(body.get("email") or ""))
            self.soap(principal, "svcUserAdmin", "UpdateUserForwardingInfo2",
                      EmailAddress="%s@%s" % (user["username"], dom["name"]),
                      DeleteOnForward=bool(fwd.get("deleteOnForward")),
                      ForwardingAddresses=list(fwd.get("forwardList") or []))
        return ok()

    # ------------------------------------------- server ports, IP bindings, services (reference §10.4)
    def port_service_routes(self) -> list:
        """The routes of server ports and their IP bindings (reference §10.4: SSL ``smtmBindingList``,
        ``smtmAddBinding``, ``smtmRemoveBinding``, single source) and of the services (CBX
        ``ServerTools``, single source): the ports, bindings and services are the SOAP ones."""
        return [
            ("GET", r"settings/sysadmin/ip-binding-manager", self.ip_binding_manager, "system", False),
            ("POST", r"settings/sysadmin/ip-binding-ports", self.ip_binding_ports, "system", True),
            ("GET", r"settings/sysadmin/services", self.services, "system", False),
            ("POST", r"settings/sysadmin/start-services", self.start_services, "system", True),
            ("POST", r"settings/sysadmin/stop-services", self.stop_services, "system", True),
        ]

    # ``type``: 0 SMTP, 1 POP, 2 IMAP (reference §10.4); the reference numbers no other protocol: the
    # emulator answers its LDAP and submission ports with 3 and 4 (inference) and takes 0-2 only
    PORT_TYPES = ("SMTP", "POP", "IMAP", "LDAP", "SubmissionPort")

    def ip_binding_manager(self, principal, body):
        ports = self.soap(principal, "svcServerAdmin", "ListServerPorts").get("Ports") or []
        with self.emu.store.lock:
            bindings = dict((self.emu.store.server.get("ip_bindings") or {}))
            binding_info = [{"ipAddress": ip, "portIDs": list(ids)} for ip, ids in sorted(bindings.items())]
        binding_ports = [{"id": p["ID"], "name": p["Name"], "port": p["Port"],
                          "type": self.PORT_TYPES.index(p["Protocol"]) if p["Protocol"] in self.PORT_TYPES else -1,
                          "description": p["Description"], "isTls": p["Encryption"] == "TLS",
                          "isSSL": p["Encryption"] == "SSL", "certificatePath": p["CertificatePath"], "password": ""}
                         for p in ports]
        return ok(bindingManager={"bindingPorts": binding_ports, "bindingInfo": binding_info})

    @staticmethod
    def _flag(value) -> bool:
        # SSL sends "true"/"false" as strings; the JSON serializer takes them (inference)
        return value is True or ("%s" % value).strip().lower() == "true"

    def _port_type(self, value) -> str:
        names = {n.lower(): n for n in self.PORT_TYPES[:3]}
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2:
            return self.PORT_TYPES[value]
        if isinstance(value, str) and value.strip().lower() in names:  # SSL sends the enum's name
            return names[value.strip().lower()]
        raise Fail(INVALID_INPUT, "Invalid port type: %r (expected 0 SMTP, 1 POP or 2 IMAP)." % (value,))

    def ip_binding_ports(self, principal, body):
        """``toRemove``: port ids, deleted; ``toAdd``: ports, added with their ``boundIpAddresses``."""
        for port_id in body.get("toRemove") or []:
            self.soap(principal, "svcServerAdmin", "DeleteServerPort", portId="%s" % port_id)
        for port in body.get("toAdd") or []:
            port = dict((k[:1].lower() + k[1:], v) for k, v in port.items()) if isinstance(port, dict) else {}
            ssl, tls = self._flag(port.get("isSSL")), self._flag(port.get("isTls"))
            if ssl and tls:
                raise Fail(INVALID_INPUT, "A port cannot be both SSL and TLS.")
            try:
                number = int(port.get("port"))
            except (TypeError, ValueError):
                raise Fail(INVALID_INPUT, "Invalid port: %r." % (port.get("port"),))
            added = self.soap(principal, "svcServerAdmin", "AddServerPort", protocol=self._port_type(port.get("type")),
                              encryption="SSL" if ssl else ("TLS" if tls else ""), port=number,
                              certificatePath=port.get("certificatePath") or "", name=port.get("name") or "",
                              description=port.get("description") or "")
            for ip in port.get("boundIpAddresses") or []:
                self.soap(principal, "svcServerAdmin", "AssignPortToIP", portID=added["NewID"], ipAddress=ip)
        return ok()

    def services(self, principal, body):
        """``services``: [{``name``, ``isRunning``, ``threadCount``}] (the answer's shape is not in the
        reference: inference)."""
        names = ("imap", "pop", "smtp", "spool")
        keys = ["%s_%s" % (n, k) for n in names for k in ("isrunning", "threadcount")]
        pairs = self.soap(principal, "svcServerAdmin", "RequestStatus", reqStats=keys).get("KeyValuePairs") or []
        values = dict((k.lower(), v) for k, v in (p.split("=", 1) for p in pairs))
        return ok(services=[{"name": n, "isRunning": values["%s_isrunning" % n] == "True",
                             "threadCount": int(values["%s_threadcount" % n])} for n in names])

    def start_services(self, principal, body):
        self.soap(principal, "svcServerAdmin", "StartServices", ServicesToStart=list(body.get("input") or []))
        return ok()

    def stop_services(self, principal, body):
        self.soap(principal, "svcServerAdmin", "StopServices", ServicesToStop=list(body.get("input") or []))
        return ok()

    # ------------------------------------------------ IP black and white lists (one block)
    def ip_access_routes(self) -> list:
        """The IP access lists (reference §10.3: TW's ApiClient and CBX name these endpoints and
        bodies). The entries are the SOAP ones (GetBlacklistEntries / GetWhitelistEntries2 and
        SetBlacklistEntry / SetWhitelistEntry2 through ``self.soap``): both APIs share them."""
        return [
            ("POST", r"settings/sysadmin/ip-access/(?P<which>true|false)", self.ip_access_list, "system", False),
            ("POST", r"settings/sysadmin/ip-access", self.ip_access_set, "system", True),
            ("POST", r"settings/sysadmin/ip-access-delete", self.ip_access_delete, "system", True),
        ]

    IP_SERVICES = ("smtp", "pop", "imap", "xmpp")
    # TW's ServiceType enum (the names blocked-ips takes too); those beyond the four an entry holds
    # are accepted and not stored (inference)
    IP_SERVICE_NAMES = ("smtp", "imap", "pop", "delivery", "ldap", "emailharvesting", "greylistlegacy", "xmpp",
                        "webmail", "activesync", "mapiews", "authusers")
    # protocolMask: the reference names the field without its bits; these are the emulator's (inference)
    IP_MASK = {"smtp": 1, "pop": 2, "imap": 4, "xmpp": 8}

    @staticmethod
    def _ip_kind(value) -> str:
        """``dataType``: TW sends the enum's names (WhiteList, BlackList), CBX its numbers (0, 1)."""
        if not isinstance(value, bool) and value in (0, 1):
            return ("white", "black")[value]
        name = value.lower() if isinstance(value, str) else ""
        if name in ("whitelist", "blacklist"):
            return name[:5]
        raise ApiError(400, "Invalid input parameters")

    @staticmethod
    def _ip_address(ip: str, start: str, end: str) -> str:
        """How an entry is listed: its address, its range's CIDR network, or (a range that is not
        one network, which the reference does not show) ``start-end``: inference."""
        if ip:
            return ip
        networks = list(ipaddress.summarize_address_range(ipaddress.ip_address(start), ipaddress.ip_address(end)))
        return str(networks[0]) if len(networks) == 1 else f"{start}-{end}"

    @staticmethod
    def _ip_target(address) -> dict:
        """The SOAP target parameters of a JSON ``address``."""
        value = address.strip() if isinstance(address, str) else ""
        if not value:
            raise Fail(INVALID_INPUT, "An IP address is required.")
        if "/" in value:
            try:
                network = ipaddress.ip_network(value, strict=True)
            except ValueError:
                raise Fail(INVALID_INPUT, f"'{value}' is not a valid IP address or CIDR network.")
            if network.num_addresses == 1:
                return {"ipAddress": str(network.network_address), "ipRangeStart": "", "ipRangeEnd": ""}
            return {"ipAddress": "", "ipRangeStart": str(network.network_address),
                    "ipRangeEnd": str(network.broadcast_address)}
        start, sep, end = value.partition("-")
        if sep:
            return {"ipAddress": "", "ipRangeStart": start.strip(), "ipRangeEnd": end.strip()}
        return {"ipAddress": value, "ipRangeStart": "", "ipRangeEnd": ""}

    def _ip_entries(self, principal, kind: str) -> list:
        """The list's entries as ``ipAccessList`` shows them."""
        if kind == "black":
            entries, suffix = self.soap(principal, "svcServerAdmin", "GetBlacklistEntries")["Entries"], "Blacklisted"
        else:
            entries, suffix = self.soap(principal, "svcServerAdmin", "GetWhitelistEntries2")["Entries"], "Whitelisted"
        out = []
        for e in entries:
            flags = {s: bool(e.get(s.upper() + suffix)) for s in self.IP_SERVICES}
            out.append(dict(flags, ip=self._ip_address(e["IPAddress"], e["IPRangeStart"], e["IPRangeEnd"]),
                            description=e.get("Description") or "",
                            protocolMask=sum(self.IP_MASK[s] for s in self.IP_SERVICES if flags[s]),
                            disabledGreylisting=bool(e.get("GreylistingDisabled")), bypass=None, spam_bypass=False))
        return sorted(out, key=lambda item: item["ip"])

    def ip_access_list(self, principal, body, which):
        """``{searchParams: {skip, take, search, sortField, sortDescending}, showHoneypot}`` ->
        ``totalCount``, ``ipAccessList``; ``search`` matches the address or the description (inference),
        no ``take`` answers every entry from ``skip`` (inference)."""
        items = self._ip_entries(principal, "white" if which.lower() == "true" else "black")
        params = body.get("searchParams") if isinstance(body.get("searchParams"), dict) else {}
        search = params.get("search") if isinstance(params.get("search"), str) else ""
        if search:
            items = [i for i in items if search.lower() in i["ip"].lower() or search.lower() in i["description"].lower()]
        if params.get("sortDescending") is True:
            items.reverse()
        skip, take = params.get("skip"), params.get("take")
        skip = skip if isinstance(skip, int) and not isinstance(skip, bool) and skip > 0 else 0
        page = items[skip:skip + take] if isinstance(take, int) and not isinstance(take, bool) and take > 0 \
            else items[skip:]
        return ok(totalCount=len(items), ipAccessList=page)

    def _ip_set(self, principal, kind: str, target: dict, description: str, flags: dict, greylisting: bool):
        if kind == "black":
            self.soap(principal, "svcServerAdmin", "SetBlacklistEntry", description=description,
                      **target, **{"blacklist" + s.upper(): flags[s] for s in self.IP_SERVICES})
        else:
            self.soap(principal, "svcServerAdmin", "SetWhitelistEntry2", description=description,
                      disableGreylisting=greylisting, **target,
                      **{"whitelist" + s.upper(): flags[s] for s in self.IP_SERVICES})

    def _ip_find(self, principal, kind: str, target: dict):
        address = self._ip_address(target["ipAddress"], target["ipRangeStart"], target["ipRangeEnd"])
        return next((i for i in self._ip_entries(principal, kind) if i["ip"] == address), None)

    def ip_access_set(self, principal, body):
        """Add or edit an entry: ``{serviceList[], dataType, address, oldAddress, description,
        spam_bypass}``. The entry becomes what is sent (its greylisting flag, which the body cannot
        carry, is kept); another ``oldAddress`` moves the entry. A list without any service is
        refused (the SOAP side removes such an entry): inference."""
        kind = self._ip_kind(body.get("dataType"))
        services = body.get("serviceList")
        if not isinstance(services, list):
            services = []
        names = set()
        for service in services:
            if isinstance(service, bool) or not isinstance(service, (str, int)):
                raise ApiError(400, "Invalid input parameters")
            name = self.IP_SERVICE_NAMES[service] if isinstance(service, int) and 0 <= service < len(
                self.IP_SERVICE_NAMES) else ("%s" % service).lower()
            if name not in self.IP_SERVICE_NAMES:
                raise ApiError(400, "Invalid input parameters")
            names.add(name)
        flags = {s: s in names for s in self.IP_SERVICES}
        if not any(flags.values()):
            raise Fail(INVALID_INPUT, "Select at least one service.")
        target = self._ip_target(body.get("address"))
        description = body.get("description") if isinstance(body.get("description"), str) else ""
        with self.emu.store.lock:
            old = body.get("oldAddress")
            old_target = self._ip_target(old) if isinstance(old, str) and old.strip() else None
            previous = self._ip_find(principal, kind, old_target) if old_target else None
            if old_target and previous is None:
                raise Fail(-3, f"No entry for {old.strip()}.")
            if previous is None:
                previous = self._ip_find(principal, kind, target)
            if old_target and old_target != target:
                if self._ip_find(principal, kind, target) is not None:
                    raise Fail(ALREADY_EXISTS, f"An entry for {body.get('address')} exists.")
                self._ip_set(principal, kind, old_target, "", {s: False for s in self.IP_SERVICES}, False)
            greylisting = bool(previous and previous["disabledGreylisting"])
            self._ip_set(principal, kind, target, description, flags, greylisting)
        return ok()

    def ip_access_delete(self, principal, body):
        """``{address, dataType}``: the entry is removed (SOAP: every protocol false)."""
        kind = self._ip_kind(body.get("dataType"))
        target = self._ip_target(body.get("address"))
        self._ip_set(principal, kind, target, "", {s: False for s in self.IP_SERVICES}, False)
        return ok()

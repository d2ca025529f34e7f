# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client for SmarterMail's JSON API (``/api/v1``, builds 100.x).

No AnsibleModule dependency; HTTP through ansible-core's ``Request`` (``_http.HttpSession``), the
same errors as the SOAP client (``SmarterMailError``: host, endpoint, the server's ``message``).

Session rules (docs/json-api.md has the evidence for each):

- one ``POST auth/authenticate-user`` per task, with a ``clientId`` of its own (the server keeps
  one token per user and clientId: forks logging in as one account with one clientId would evict
  each other's tokens); a rejected login is never sent again (failed logins count towards the
  server's intrusion detection);
- the access token goes as ``Authorization: Bearer``; on a 401 the refresh token is used once
  (``auth/refresh-token``; it rotates: the new one replaces it), then one new login;
- ``settings/domain/*`` acts on the domain of the token: a system administrator gets a
  domain-admin token from ``settings/sysadmin/manage-domain/{domain}``, cached per domain for the
  task; a domain administrator uses its own token for its own domain; user-scoped endpoints
  (scope ``user:<address>``) get a token from ``settings/domain/impersonate-user/{email}`` (FUSE,
  single source), cached per address;
- success is a 2xx status and ``success`` not false, never the status alone;
- ``auth/logout-user`` at the end of the task (``close()``) drops the task's tokens;
- tokens and the password are registered with the session's scrubbing, so no message holds one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import datetime
import json
import os
import re
import threading
import time
import uuid
from urllib.parse import quote, urlsplit

from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import (
    RETRY_STATUSES,
    UNKNOWN_OUTCOME,
    HttpSession,
    TransportError,
    short_text,
    with_retries,
)

API = "/api/v1/"
SERVICE = "json"
ABOUT = "licensing/about"
# a SmarterMail version as licensing/about answers it: 100.0.6919 (reference §2)
VERSION = re.compile(r"^\s*([0-9]{1,4})\.[0-9]{1,4}\.[0-9]{1,6}(?:\.[0-9]{1,6})?\s*$")
LOGIN = "auth/authenticate-user"
REFRESH = "auth/refresh-token"
LOGOUT = "auth/logout-user"
MANAGE_DOMAIN = "settings/sysadmin/manage-domain/"
IMPERSONATE_USER = "settings/domain/impersonate-user/"
USER = "user:"
SYSADMIN = "sysadmin"
# login answers whose token only serves a further step (CBX SmarterMailAuth)
STEP_CODES = ("TWO_FACTOR_REQUIRED", "CHANGE_PASSWORD_NEEDED", "PASSWORD_EXPIRED")
# words in a rejected login's code that mean the account itself is barred (CBX AuthenticationResult)
BARRED_WORDS = ("DISABLED", "LOCKED", "BLOCKED", "SUSPENDED")
# the role claim of a system administrator's token (CBX SmarterMailAuth.JwtRoles; AVRCE §7 shows
# "SysAdmin" in the login answer of build 9693)
SYSADMIN_ROLES = ("sysadmin", "primarysysadmin")
ROLE_CLAIMS = ("role", "roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role")


def jwt_claims(token):
    """The claims of a JWT-shaped token (read, not verified: CBX does the same), {} otherwise."""
    parts = ("%s" % (token or "")).split(".")
    if len(parts) != 3:
        return {}
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(raw.decode("utf-8"))
    except (ValueError, TypeError):
        return {}
    return claims if isinstance(claims, dict) else {}


def roles_of(answer):
    """The lower-case roles a login answer states: its ``role`` field and its token's role claim."""
    found = []
    claims = jwt_claims(answer.get("accessToken"))
    for value in [answer.get("role")] + [claims.get(name) for name in ROLE_CLAIMS]:
        for item in (value if isinstance(value, list) else [value]):
            if isinstance(item, str) and item.strip():
                found.append(item.strip().lower())
    return found


# Writes read back after a 200: the real API answers 200 for a body of the wrong shape and drops it
# (AVRCE §4.3, antivirus settings), so a 200 proves nothing; that other endpoints drop unknown keys
# and misplaced wrappers alike is inference. Per write: the wrapper its body must hold, the read
# that shows the object (from the path match, the body and the scope), and whether every key sent
# must be in what is read (an update) or only those the read view shows (a create).
def _email(match, body, scope):
    return "%s" % (body.get("email") or "")


def _alias_name(match, body, scope):
    return "%s" % ((body.get("alias") or {}).get("name") or "")


def _new_user(match, body, scope):
    name = "%s" % ((body.get("userData") or {}).get("userName") or "")
    return name if "@" in name else "%s@%s" % (name, scope)


VERIFIED_WRITES = (
    (r"settings/sysadmin/domain-settings/(?P<d>[^/]+)", "domainSettings",
     lambda m, b, s: "settings/sysadmin/domain-settings/" + m.group("d"), True),
    (r"settings/domain/domain", "domainSettings", lambda m, b, s: "settings/domain/domain", True),
    (r"settings/domain/post-user", "userData", lambda m, b, s: "settings/domain/user/" + segment(_email(m, b, s)),
     True),
    (r"settings/domain/post-user-mail", "userMailSettings",
     lambda m, b, s: "settings/domain/user-mail/" + segment(_email(m, b, s)), True),
    (r"settings/domain/post-mailbox-forward-list", "mailboxForwardList",
     lambda m, b, s: "settings/domain/mailbox-forward-list/" + segment(_email(m, b, s)), True),
    (r"settings/mailbox-forward-list", "mailboxForwardList", lambda m, b, s: "settings/mailbox-forward-list", True),
    (r"settings/auto-responder", "autoResponderSettings", lambda m, b, s: "settings/auto-responder", True),
    (r"settings/domain/alias", "alias", lambda m, b, s: "settings/domain/alias/" + segment(_alias_name(m, b, s)),
     True),
    (r"settings/domain/alias-put/?", "alias",
     lambda m, b, s: "settings/domain/alias/" + segment(_alias_name(m, b, s)), False),
    (r"settings/domain/user-put/?", "userData", lambda m, b, s: "settings/domain/user/" + segment(_new_user(m, b, s)),
     False),
)
# Writes whose body is the object itself (flat), read back under a wrapper: the anti-virus settings
# are posted flat and read under ``settings`` (AVRCE §4-§7, build 9693: single source).
FLAT_WRITES = (
    (r"settings/sysadmin/antivirus/settings", "settings", lambda m, b, s: "settings/sysadmin/antivirus/settings", True),
)
VERIFIED = [(re.compile(p + "$", re.IGNORECASE), w, r, strict, False) for p, w, r, strict in VERIFIED_WRITES] + [
    (re.compile(p + "$", re.IGNORECASE), w, r, strict, True) for p, w, r, strict in FLAT_WRITES]
# never read back (the API does not return them); compared but never shown when a key's name says secret
WRITE_ONLY = ("password",)
SECRET_WORDS = ("password", "secret", "token", "key")
# fields that hold a user by local part or by address (ASTRAL: mainDomainAdmin)
LOCAL_PART_FIELDS = ("mainDomainAdmin",)
# paths the server serves only with a trailing "/" (ASTRAL:L2252-L2330: "mandatory", single source)
TRAILING_SLASH = ("settings/domain/domain-alias-put/",)
MISSING = object()


def _norm(value, key):
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "false"):
            return text == "true"
        if key in LOCAL_PART_FIELDS:
            text = text.partition("@")[0]
        try:
            return float(text)
        except ValueError:
            return text
    if isinstance(value, list):
        return sorted(json.dumps(_norm(v, key), sort_keys=True) for v in value)
    if isinstance(value, dict):
        return dict((k, _norm(v, k)) for k, v in value.items())
    return value


def not_taken(sent, got, strict, prefix=""):
    """The keys of ``sent`` (a write's object) that ``got`` (the object read back) does not hold:
    [(name, value sent, value read or MISSING)]. Lists compare as sets, strings without regard to case."""
    out = []
    for key, value in sent.items():
        if key.lower() in WRITE_ONLY:
            continue
        name = prefix + key
        if not isinstance(got, dict) or key not in got:
            if strict:
                out.append((name, value, MISSING))
            continue
        have = got[key]
        if isinstance(value, dict):
            out += not_taken(value, have if isinstance(have, dict) else {}, strict, name + ".")
        elif _norm(value, key) != _norm(have, key):
            out.append((name, value, have))
    return out


def _shown(name, value):
    if any(word in name.lower() for word in SECRET_WORDS):
        return "(not shown)"
    return short_text(json.dumps(value).encode("utf-8"), lambda text: text)


def parse_time(value):
    """An ISO-8601 date-time of an answer (``...Z``, an offset, .NET's 7-digit fractions) as epoch
    seconds; None when it cannot be read (then it is not relied on)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = re.sub(r"(\.\d{6})\d+", r"\1", value.strip()).replace("Z", "+00:00").replace("z", "+00:00")
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.timestamp()


class Unreadable:
    """An answer body that is not JSON (``reason`` says why): never taken for an answer."""

    def __init__(self, reason):
        self.reason = reason


def decode(raw):
    """The JSON value of a body, None for an empty body, ``Unreadable`` when it cannot be parsed
    (not UTF-8, not JSON, nested deeper than the parser goes: a bomb fails the call, not the task)."""
    if not raw or not raw.strip():
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        return Unreadable("it is nested too deeply")
    except ValueError as exc:  # UnicodeDecodeError included
        return Unreadable("%s" % (exc.__class__.__name__,))


def kind(value):
    """The JSON name of a decoded value's type (for messages)."""
    for name, types in (("null", type(None)), ("a boolean", bool), ("an object", dict), ("an array", list),
                        ("a string", str), ("a number", (int, float))):
        if isinstance(value, types):
            return name
    return type(value).__name__


def segment(value):
    """One path segment (a domain, a local part, an address), percent-encoded."""
    return quote("%s" % value, safe="@")


def smartermail_version(version):
    """Whether ``version`` looks like a SmarterMail build that serves the JSON API: ``100.0.6919``
    (builds are ``100.0.<build>``, reference §2; a later major number is accepted)."""
    match = VERSION.match(version) if isinstance(version, str) else None
    return bool(match) and int(match.group(1)) >= 100


class SmarterMailJsonClient:
    """Calls the JSON API and returns the decoded answers (dicts)."""

    api = "json"

    def __init__(self, url, username, password, validate_certs=True, ca_path=None, timeout=30,
                 retries=3, backoff=0.5, client_id=None):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SmarterMailError("url must look like http://HOST:9998 or https://HOST, got %r" % url)
        base = parts.path.rstrip("/")
        if base.lower().endswith("/services"):
            base = base[:-len("/services")]
        self.base_url = "%s://%s%s" % (parts.scheme, parts.netloc, base)
        self.host = parts.netloc
        self.username = (username or "").strip()
        self._password = password
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.http = HttpSession(validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                                secrets=[password])
        # one per task process and task: never shared with a parallel fork logging in as the same account
        self.client_id = client_id or "mailops-%d-%s" % (os.getpid(), uuid.uuid4().hex)
        self.calls = []  # (method, path) in call order, for diagnostics and tests
        self.logins = 0
        self._session = None  # {"access", "refresh", "admin", "domain_admin", "domain"}
        self._login_error = None
        self._domain_tokens = {}
        # the readers of a task of many domains share the client: one login, one renewal at a time
        self._lock = threading.RLock()

    # -- secrets and errors -------------------------------------------------------------------
    def add_secret(self, secret):
        self.http.add_secret(secret)

    def _error(self, method, path, detail, **kwargs):
        detail = self.http.scrub(detail)
        message = "SmarterMail %s %s %s%s failed: %s" % (self.host, method, API, path.split("?", 1)[0], detail)
        server_message = kwargs.pop("server_message", None)
        return SmarterMailError(message, host=self.host, service=SERVICE, operation="%s %s" % (method, path),
                                server_message=self.http.scrub(server_message if server_message is not None
                                                               else detail), **kwargs)

    # -- transport ----------------------------------------------------------------------------
    def url(self, path):
        return self.base_url + API + path

    def _send(self, method, path, body, token, read, retries=None):
        """(status, decoded JSON or None, raw body); transport errors as SmarterMailError."""
        headers = {"Accept": "application/json"}
        data = None
        if method == "POST":
            headers["Content-Type"] = "application/json"
            data = json.dumps(body if body is not None else {}).encode("utf-8")
        if token:
            headers["Authorization"] = "Bearer %s" % token
        self.calls.append((method, path))

        def attempt():
            try:
                status, raw = self.http.request(method, self.url(path), data=data, headers=headers)
            except TransportError as exc:
                detail = str(exc)
                if not read and exc.sent is not False:
                    detail += UNKNOWN_OUTCOME
                raise self._error(method, path, detail, retryable=exc.retryable, sent=exc.sent)
            if status in RETRY_STATUSES:
                raise self._error(method, path, self._status_text(status, raw), http_status=status,
                                  retryable=True, sent=True)
            return status, raw

        status, raw = with_retries(attempt, read, self.retries if retries is None else retries, self.backoff)
        return status, decode(raw), raw

    def _status_text(self, status, raw):
        text = short_text(raw, self.http.scrub) if raw else ""
        return "HTTP %s%s" % (status, (": " + text) if text else "")

    def _judge(self, method, path, status, decoded, raw):
        """The answer if it reports success (2xx and ``success`` not false); else SmarterMailError."""
        if not isinstance(decoded, dict):
            if 200 <= status < 300 and not (raw or b"").strip():
                return {}
            if 200 <= status < 300 and isinstance(decoded, Unreadable):
                raise self._error(method, path, "the server answered HTTP %s with a body that cannot be read as "
                                  "JSON (%s)" % (status, decoded.reason), http_status=status)
            if 200 <= status < 300:
                raise self._error(method, path, "the server answered HTTP %s with %s where a JSON object was "
                                  "expected" % (status, kind(decoded)), http_status=status)
            raise self._error(method, path, self._status_text(status, raw), http_status=status)
        message = decoded.get("message")
        message = message.strip() if isinstance(message, str) else ""
        if 200 <= status < 300 and decoded.get("success") is not False:
            return decoded
        detail = "%s (HTTP %s)" % (message or "no message", status)
        raise self._error(method, path, detail, http_status=status, server_message=message,
                          result_code=decoded.get("resultCode"))

    # -- authentication -----------------------------------------------------------------------
    def _remember(self, access, refresh):
        self.add_secret(access)
        self.add_secret(refresh)

    def _current(self):
        """The session, logged in once whichever thread asks first."""
        with self._lock:
            return self._session or self.login()

    def login(self):
        """One login; a rejected one is never sent again (the server counts failed logins).

        A system administrator is told by the role claim of the answer (``role``, and the access
        token's ``role`` claim: CBX, AVRCE), else by a login without ``@domain`` (F4A, CBX, ASTRAL);
        ``isAdmin`` is named by the sources but defined by none, so it is not read.
        """
        with self._lock:
            return self._login()

    def _login(self):
        if self._login_error is not None:
            raise self._login_error
        body = {"username": self.username, "password": self._password, "clientId": self.client_id}
        self.logins += 1
        try:
            # never retried: a login the server may have seen counts as an attempt
            status, decoded, raw = self._send_once("POST", LOGIN, body)
            # a step code may come with any status (older builds signalled 2FA with a 401: CBX)
            self._refuse_step(status, decoded if isinstance(decoded, dict) else {})
            answer = self._judge("POST", LOGIN, status, decoded, raw)
            if not answer.get("accessToken"):
                raise self._error("POST", LOGIN, "the answer holds no access token (%s)"
                                  % (answer.get("message") or "no message"), http_status=status,
                                  server_message=answer.get("message") or "")
            self._refuse_step(status, answer)
        except SmarterMailError as exc:
            if exc.http_status is not None:
                if not getattr(exc, "step", False):
                    code = ("%s" % (exc.server_message or "")).upper()
                    if any(word in code for word in BARRED_WORDS):
                        advice = "the account is disabled, locked or blocked on the server"
                    else:
                        advice = "check username and password"
                    exc = SmarterMailError("%s; %s (not retried: failed logins count towards the server's "
                                           "intrusion detection)" % (exc.message, advice),
                                           host=exc.host, service=SERVICE, operation=exc.operation,
                                           server_message=exc.server_message, http_status=exc.http_status)
                self._login_error = exc
            raise exc
        self._remember(answer.get("accessToken"), answer.get("refreshToken"))
        roles = roles_of(answer)
        admin = any(role in SYSADMIN_ROLES for role in roles) if roles else "@" not in self.username
        self._session = {
            "access": answer["accessToken"],
            "refresh": answer.get("refreshToken") or "",
            "refresh_expires": parse_time(answer.get("refreshTokenExpiration")),
            "admin": admin,
            "domain": self.username.rpartition("@")[2].lower() if "@" in self.username else "",
        }
        self._domain_tokens = {}
        return self._session

    def _refuse_step(self, status, answer):
        """A login whose token serves only a further step (a second factor, a password change:
        CBX SmarterMailAuth) fails the task: the account cannot be used unattended."""
        code = ("%s" % (answer.get("message") or "")).split("|", 1)[0].strip().upper()
        if code == "TWO_FACTOR_REQUIRED":
            why = "the account requires two-factor authentication"
        elif code in STEP_CODES or answer.get("changePasswordNeeded") or answer.get("passwordExpired"):
            code = code if code in STEP_CODES else (
                "PASSWORD_EXPIRED" if answer.get("passwordExpired") else "CHANGE_PASSWORD_NEEDED")
            why = "the account must change its password before it can be used (log in to the web interface once)"
        else:
            return
        exc = self._error("POST", LOGIN, "%s: %s; use an account without two-factor authentication and with a "
                          "current password (not retried)" % (code, why), http_status=status, server_message=code)
        exc.step = True
        raise exc

    def _send_once(self, method, path, body, token=None):
        return self._send(method, path, body, token, False, retries=0)

    def _refresh(self):
        """Trade the refresh token for new tokens (it rotates); False when refused."""
        session = self._session
        if not session or not session.get("refresh"):
            return False
        expires = session.get("refresh_expires")
        if expires is not None and expires <= time.time():
            return False  # expired by the server's own word (refreshTokenExpiration): log in again
        try:
            status, decoded, raw = self._send_once("POST", REFRESH, {"token": session["refresh"],
                                                                     "clientId": self.client_id})
            answer = self._judge("POST", REFRESH, status, decoded, raw)
        except SmarterMailError as exc:
            if exc.http_status is None:
                raise
            return False
        if not answer.get("accessToken"):
            return False
        self._remember(answer.get("accessToken"), answer.get("refreshToken"))
        session["access"] = answer["accessToken"]
        session["refresh"] = answer.get("refreshToken") or ""
        session["refresh_expires"] = parse_time(answer.get("refreshTokenExpiration"))
        return True

    def _renew(self):
        """After a 401: refresh once, else log in again (once per call)."""
        with self._lock:
            self._domain_tokens = {}
            if not self._refresh():
                self.login()

    @property
    def is_system_admin(self):
        session = self._current()
        return session["admin"]

    def _domain_token(self, domain):
        session = self._current()
        if not session["admin"]:
            if session["domain"] != domain:
                raise SmarterMailError("SmarterMail %s: %s may manage only its own domain %s, not %s"
                                       % (self.host, self.username, session["domain"] or "(none)", domain),
                                       host=self.host, service=SERVICE, operation="manage-domain")
            return session["access"]
        if domain not in self._domain_tokens:
            answer = self.call("POST", MANAGE_DOMAIN + segment(domain), {}, scope=SYSADMIN, read=True)
            token = answer.get("impersonateAccessToken")
            if not token:
                raise self._error("POST", MANAGE_DOMAIN + segment(domain), "the answer holds no domain token")
            self._remember(token, answer.get("impersonateRefreshToken"))
            self._domain_tokens[domain] = token
        return self._domain_tokens[domain]

    def _user_token(self, address):
        """A user-scoped token for ``address``: the login's own when it is that user, else one
        from ``settings/domain/impersonate-user/{email}`` with its domain's token, cached per address."""
        session = self._current()
        if self.username.lower() == address:
            return session["access"]
        if address not in self._domain_tokens:
            domain = address.rpartition("@")[2]
            answer = self.call("POST", IMPERSONATE_USER + segment(address), {}, scope=domain, read=True)
            token = answer.get("impersonateAccessToken")
            if not token:
                raise self._error("POST", IMPERSONATE_USER + segment(address), "the answer holds no user token")
            self._remember(token, answer.get("impersonateRefreshToken"))
            self._domain_tokens[address] = token
        return self._domain_tokens[address]

    def _token(self, scope):
        """The token of ``scope``: None (anonymous), ``sysadmin``, a domain name, or ``user:<address>``."""
        if scope is None:
            return None
        if scope == SYSADMIN:
            return self._current()["access"]
        if scope.startswith(USER):
            return self._user_token(scope[len(USER):].lower())
        return self._domain_token(scope)

    # -- calls --------------------------------------------------------------------------------
    def call(self, method, path, body=None, scope=SYSADMIN, read=None, verify=True):
        """One call as ``scope`` (``"sysadmin"``, a domain name, or None: anonymous); the answer.

        A write the client knows how to read back (``VERIFIED_WRITES``) is checked before it is
        sent (its body must hold its wrapper: the server would answer 200 and drop it otherwise)
        and after (every key sent must read back as sent), unless ``verify`` is false.
        """
        if read is None:
            read = method == "GET"
        for prefix in TRAILING_SLASH:
            if path.lower().startswith(prefix) and not path.endswith("/"):
                path += "/"
        check = self._verification(method, path, body, scope) if (verify and not read) else None
        token = self._token(scope)
        status, decoded, raw = self._send(method, path, body, token, read)
        if status == 401 and scope is not None:
            # expired or evicted: refresh once (or log in again), then one more try
            self._renew()
            status, decoded, raw = self._send(method, path, body, self._token(scope), read)
        answer = self._judge(method, path, status, decoded, raw)
        if check is not None:
            self._read_back(method, path, scope, *check)
        return answer

    def _verification(self, method, path, body, scope):
        """(wrapper, the object sent, read path, strict) of a write that is read back, else None;
        a body without its wrapper fails here, before the call."""
        if method != "POST":
            return None
        bare = path.split("?", 1)[0]
        for pattern, wrapper, reader, strict, flat in VERIFIED:
            match = pattern.match(bare)
            if match is None:
                continue
            if flat:  # the body is the object: one holding its read wrapper would be dropped
                sent = body if isinstance(body, dict) and wrapper not in body else None
                if sent is None:
                    raise self._error(method, path, "the body must be flat, not under %s (the server answers such a "
                                      "body with success and drops it), nothing was sent" % wrapper, sent=False)
                return wrapper, sent, reader(match, body, scope), strict
            sent = (body or {}).get(wrapper) if isinstance(body, dict) else None
            if not isinstance(sent, dict):
                raise self._error(method, path, "the body holds no %s object (the server answers such a body "
                                  "with success and drops it), nothing was sent" % wrapper, sent=False)
            return wrapper, sent, reader(match, body, scope), strict
        return None

    def _read_back(self, method, path, scope, wrapper, sent, read_path, strict):
        """Fail when the object read back does not hold what the write sent (dropped or changed)."""
        try:
            got = self.call("GET", read_path, scope=scope, verify=False).get(wrapper)
        except SmarterMailError as exc:
            raise self._error(method, path, "the server answered success, but reading the result back failed "
                              "(%s)" % exc.message, sent=True)
        if not isinstance(got, dict):
            raise self._error(method, path, "the server answered success, but GET %s%s holds no %s object"
                              % (API, read_path, wrapper), sent=True)
        missed = not_taken(sent, got, strict)
        if missed:
            detail = "; ".join(
                "%s: sent %s, reads %s" % (name, _shown(name, value), "nothing" if have is MISSING else _shown(name, have))
                for name, value, have in missed)
            raise self._error(method, path, "the server answered success but did not take %s (%s): it dropped or "
                              "changed them" % (", ".join(m[0] for m in missed), detail), sent=True)

    def get(self, path, scope=SYSADMIN):
        return self.call("GET", path, scope=scope)

    def post(self, path, body=None, scope=SYSADMIN, read=False):
        return self.call("POST", path, body if body is not None else {}, scope=scope, read=read)

    def about(self):
        """``licensing/about`` (anonymous): version and edition, or None when the JSON API does not answer
        (an error, or an answer that is not a JSON object with a version: a body that cannot be
        parsed, of any size or depth, means "no JSON API")."""
        try:
            status, decoded, dummy = self._send("GET", ABOUT, None, None, True)
        except SmarterMailError:
            return None
        version = decoded.get("version") if isinstance(decoded, dict) else None
        if status == 200 and smartermail_version(version):
            return decoded
        return None

    def close(self):
        """Log out (drops every token of this clientId); quiet on failure."""
        session, self._session = self._session, None
        self._domain_tokens = {}
        if not session:
            return
        try:
            self._send_once("POST", LOGOUT, {}, token=session["access"])
        except SmarterMailError:
            pass

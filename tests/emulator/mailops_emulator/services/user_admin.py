# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcUserAdmin: users of a domain, their settings, forwarding, auto-responder, groups, ActiveSync,
RSS feeds, quotas, logins, and the server's mailbox migration queue.

Rules emulated:
- Users live in ``domains[d]["users"][name]`` (names lower-case; ``NewUsername`` bare or
  ``user@domain``). A user name may not be taken by an alias, a mailing list or the domain's list
  command address (-4). ``maxusers`` (MaxDomainUsers, 0 = unlimited) is enforced on add (-5).
- Passwords must meet the server's password policy, else ResultCode -21 as real servers report.
  The policy is read from the system settings (``server.system_settings``, svcServerAdmin's
  SetRequestedSystemSettings: ``MinimumPasswordLength``,
  ``MinimumPasswordLengthEnabled``, ``PasswordRequiresNumber``, ``PasswordRequiresCapitalLetter``,
  ``PasswordRequiresLowercaseLetter``, ``PasswordRequiresSymbol``, ``PasswordMustNotMatchUsername``,
  any case) when present; defaults: at least 6 characters, one number, not the user name.
- ``maxMailboxSize`` (MB): 0 takes the domain's MaxMailboxSizeInMB; more than a non-zero domain
  maximum is -5. It is the ``maxsize`` user setting (MB, as the seed documents).
- GetUser/GetUsers return ``UserInfo.Password`` in clear (like real servers); ``UserName`` is the
  full address. A missing user is -3. The primary domain administrator cannot be deleted or
  demoted (-7).
- Settings: ``key=value`` over the catalog's ``user`` keys (unknown key or bad value: -2, nothing
  applied). ``password``, ``isdomainadmin`` and ``forwardaddress`` are views of the user record,
  the password, admin flag and forwarding addresses; ``isenabled`` and ``enabledstatus`` follow
  each other. Plain users may read and change their own settings except the privileged keys
  (isdomainadmin, isenabled, enabledstatus, maxsize, lockpassword, passwordlocked,
  servicelevelmap, throttling limits), and not their password while it is locked.
- Access: domain administrators act on their own domain only (-20 elsewhere); a plain user may
  call the per-address operations (GetUser, settings, forwarding, auto-responder, RSS feeds,
  IsUserEnabledForActiveSync, GetLastLoginTimes, GetUserStats) for their own address only.
  GetInactiveUsers and the migration queue are for system administrators.
- AuthenticateUser/LoginValidated need no credentials; they fail for unknown users, wrong
  passwords, disabled users (``isenabled`` False / ``enabledstatus`` not Enabled) and users of a
  disabled domain. A successful one records a login (``logins``, newest first, 50 kept) that
  GetLastLoginTimes and GetInactiveUsers report; it is saved at once although the operation is a
  read.
- Forwarding: a list of valid addresses plus DeleteOnForward; the obsolete single-address
  operations read/write the same list (comma or semicolon separated).
- ToggleActiveSync does not enforce ``maxactivesyncaccounts`` (the seed says so). Devices for
  GetActiveSyncUsers2 come from the state (``activesync_devices``), never from the API.
- User groups: ids are longs per domain; members must be users of the domain; names unique (-4).
  Deleting a user removes it from every group.
- Migration queue (``server.migration_queue``): QueueMailBoxMigration takes the catalog's
  ``mailbox_migration`` keys; DESTINATION (an existing user) and IMPORTTYPE are required;
  gmail calendar/contacts cannot be queued (the seed's note); the source PASSWORD is not stored.
  Items stay ``Queued``. RemoveFromMigrationQueue answers a SOAP fault for an unknown id (void).
- Statistics and used space are zero: no mail flows through the emulator.
"""

from __future__ import annotations

import datetime as _dt
import re
import string

from ..registry import operation
from ..results import (
    ALREADY_EXISTS,
    CONFLICT,
    INVALID_INPUT,
    LIMIT_REACHED,
    LOGIN_FAILED,
    LOGIN_FAILED_MESSAGE,
    NO_PERMISSION,
    NOT_FOUND,
    Fail,
)
from ..settings import THROTTLE, SettingError, SettingsModel
from ..state import new_user
from ..validate import is_email, is_local_part
from ._common import count_limit, domain_or_fail, local_part
from ._keys import new_uuid

SVC = "svcUserAdmin"
PASSWORD_COMPLEXITY = -21  # real servers: the password fails the complexity requirements
MAX_LOGINS_KEPT = 50
NEVER = _dt.datetime(1, 1, 1)

# user settings key -> (type, default); "str" keys with a validator below.
USER_SETTINGS: dict[str, tuple[object, object]] = {
    "activedirectorydomain": ("str", ""),
    "activedirectoryusername": ("str", ""),
    "authtype": (("smartermail", "microsoftactivedirectory"), "smartermail"),
    "autocleanoverrideactive": ("bool", False),
    "autopopupreminders": ("bool", True),
    "autorespondondirectmailonly": ("bool", False),
    "autosavedrafttime": ("int", 60000),
    "backupemailaddress": ("str", ""),
    "calendarautocleanmonths": ("str", "-2"),
    "composemethod": ("str", "html"),
    "composerows": ("str", ""),
    "deleteoption": (("movetodeletefolder", "autopurge", "markdeleted", "markdeletedandhide"), "movetodeletefolder"),
    "dictionarylanguage": ("str", "en-US"),
    "disablegreylisting": ("bool", False),
    "disablereminders": ("bool", False),
    "displayname": ("str", ""),
    "embedreplies": ("bool", False),
    "enabledstatus": (("enabled", "disabled", "disabledwmail"), "enabled"),
    "enableimapretrieval": ("bool", True),
    "enableoutboundmessagesigning": ("bool", False),
    "enablepopretrieval": ("bool", True),
    "enablesmtpaccounts": ("bool", True),
    "enablesounds": ("bool", True),
    "forwardaddress": ("str", ""),
    "forwardas": (("attachment", "normal", "plain"), "normal"),
    "fullname": ("str", ""),
    "hidefromgal": ("bool", False),
    "isdomainadmin": ("bool", False),
    "isenabled": ("bool", True),
    "lockpassword": ("bool", False),
    "maxbouncesreceivedperhour": ("int", 0),
    "maxbouncesreceivedperhourenabled": ("bool", False),
    "maxmessagesperhour": ("int", 0),
    "maxmessagesperhourenabled": ("bool", False),
    "maxsize": ("int", 0),
    "maxsmtpoutbandwidthperhour": ("int", 0),
    "maxsmtpoutbandwidthperhourenabled": ("bool", False),
    "password": ("str", ""),
    "passwordlocked": ("bool", False),
    "plusaddressingenabled": ("bool", False),
    "plusaddressingfolder": ("str", ""),
    "previewautomarkasread": ("bool", False),
    "previewautopreview": ("bool", False),
    "previewusepreview": ("bool", True),
    "replymessageindicator": ("str", ">"),
    "replytoaddress": ("str", ""),
    "requestreceipts": ("bool", False),
    "savecopyassent": ("bool", True),
    "seenwelcome": ("bool", False),
    "servicelevelmap": ("int", 31),
    "showlinkswhenprinting": ("bool", False),
    "showsusc": ("bool", True),
    "signature": ("str", ""),
    "skin": ("str", ""),
    "sortby": ("str", "date"),
    "sortdescending": ("bool", True),
    "spamcheckoverrideactive": ("bool", False),
    "spamforwardoption": ("str", ""),
    "spellcheckonsend": ("bool", False),
    "startuppage": (("today", "messages"), "today"),
    "syncpanels": ("str", ""),
    "textencoding": ("str", "utf-8"),
    "throttlingactionbandwidth": (THROTTLE, "none"),
    "throttlingactionbounces": (THROTTLE, "none"),
    "throttlingactionmessage": (THROTTLE, "none"),
    "timezoneindex": ("int", 0),
    "viewmessagesas": (("html", "plain"), "html"),
    "warnifcomposemistakes": ("bool", True),
    "welcomewizardprogress": ("str", ""),
}
# keys backed by the user record rather than ``user["settings"]``
RECORD_KEYS = {"password", "isdomainadmin", "forwardaddress"}
PRIVILEGED_KEYS = {
    "isdomainadmin",
    "isenabled",
    "enabledstatus",
    "maxsize",
    "lockpassword",
    "passwordlocked",
    "servicelevelmap",
    "maxbouncesreceivedperhour",
    "maxbouncesreceivedperhourenabled",
    "maxmessagesperhour",
    "maxmessagesperhourenabled",
    "maxsmtpoutbandwidthperhour",
    "maxsmtpoutbandwidthperhourenabled",
    "throttlingactionbandwidth",
    "throttlingactionbounces",
    "throttlingactionmessage",
    "authtype",
}
IMPORT_TYPES = (
    "hotmail",
    "yahoo",
    "other",
    "mailenable",
    "imail",
    "mdaemon",
    "icewarp",
    "communigate",
    "kerio",
    "openxchange",
    "zimbra",
    "exchangeother",
    "gmail",
    "exchange2007orlater",
)
IMPORT_ITEMS = ("email", "contacts", "calendar", "tasks", "notes")
PASSWORD_DEFAULTS = {
    "minimumpasswordlengthenabled": True,
    "minimumpasswordlength": 6,
    "passwordrequiresnumber": True,
    "passwordrequirescapitalletter": False,
    "passwordrequireslowercaseletter": False,
    "passwordrequiressymbol": False,
    "passwordmustnotmatchusername": True,
}


def user_model(ctx) -> SettingsModel:
    model = getattr(ctx.emulator, "_user_settings_model", None)
    if model is None:
        model = SettingsModel(ctx.catalog.settings_keys.get("user", []), USER_SETTINGS)
        ctx.emulator._user_settings_model = model
    return model


# ----------------------------------------------------------------------------- helpers
def extras(user: dict) -> dict:
    """Fill the svcUserAdmin parts of a user record (older states lack them)."""
    user.setdefault("forwarding", {"delete_on_forward": False, "addresses": []})
    user.setdefault("auto_response", {"enabled": False, "subject": "", "body": "", "start_utc": None, "end_utc": None})
    user.setdefault("activesync", False)
    user.setdefault("activesync_devices", [])
    user.setdefault("rss_feeds", [])
    user.setdefault("logins", [])
    user.setdefault("settings", {})
    return user


def _bool_setting(raw, default: bool) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        return raw.strip().lower() in ("true", "1", "yes", "on")
    if isinstance(raw, (int, float)):
        return bool(raw)
    return default


def password_policy(ctx) -> dict:
    policy = dict(PASSWORD_DEFAULTS)
    server_settings = ctx.server.get("system_settings")  # svcServerAdmin's requested system settings
    if isinstance(server_settings, dict):
        for key, value in server_settings.items():
            low = str(key).lower()
            if low in policy:
                if low == "minimumpasswordlength":
                    try:
                        policy[low] = int(value)
                    except (TypeError, ValueError):
                        pass
                else:
                    policy[low] = _bool_setting(value, policy[low])
    return policy


def check_password(ctx, username: str, password) -> str:
    password = password or ""
    policy = password_policy(ctx)
    problems = []
    if not password:
        problems.append("a password is required")
    minimum = policy["minimumpasswordlength"] if policy["minimumpasswordlengthenabled"] else 1
    if len(password) < minimum:
        problems.append(f"at least {minimum} characters")
    if policy["passwordrequiresnumber"] and not any(c.isdigit() for c in password):
        problems.append("at least one number")
    if policy["passwordrequirescapitalletter"] and not any(c.isupper() for c in password):
        problems.append("at least one capital letter")
    if policy["passwordrequireslowercaseletter"] and not any(c.islower() for c in password):
        problems.append("at least one lowercase letter")
    if policy["passwordrequiressymbol"] and not any(c in string.punctuation for c in password):
        problems.append("at least one symbol")
    if policy["passwordmustnotmatchusername"] and password.lower() == (username or "").lower():
        problems.append("must not match the user name")
    if problems:
        raise Fail(PASSWORD_COMPLEXITY, "The password does not meet the requirements: " + "; ".join(problems) + ".")
    return password


def _split_address(raw) -> tuple[str, str]:
    address = (raw or "").strip()
    if "@" not in address:
        raise Fail(INVALID_INPUT, f"Invalid email address: '{address}' (a full user@domain address is required).")
    local, domain = address.rsplit("@", 1)
    return local, domain


def user_by_address(ctx, raw) -> tuple[dict, dict]:
    """(domain, user) for ``user@domain`` (the domain or one of its domain aliases)."""
    local, dom_name = _split_address(raw)
    domain = ctx.store.domain(dom_name)
    if domain is None:
        for dom in ctx.domains.values():
            if dom_name.lower() in (a.lower() for a in dom["domain_aliases"]):
                domain = dom
                break
    if domain is None:
        raise Fail(NOT_FOUND, f"Domain '{dom_name}' does not exist.")
    user = domain["users"].get(local.lower())
    if user is None:
        raise Fail(NOT_FOUND, f"User '{local}@{domain['name']}' does not exist.")
    return domain, extras(user)


def user_in_domain(ctx, domain: dict, raw) -> dict:
    name = local_part(ctx, domain, raw, "user").lower()
    user = domain["users"].get(name)
    if user is None:
        raise Fail(NOT_FOUND, f"User '{name}@{domain['name']}' does not exist.")
    return extras(user)


def address(domain: dict, user: dict) -> str:
    return f"{user['username']}@{domain['name']}"


def user_info(domain: dict, user: dict) -> dict:
    return {
        "UserName": address(domain, user),
        "Password": user["password"],
        "FirstName": user["first_name"],
        "LastName": user["last_name"],
        "IsSystemAdmin": False,
        "IsDomainAdmin": bool(user["is_domain_admin"]),
    }


def is_enabled(user: dict) -> bool:
    settings = user.get("settings") or {}
    return bool(settings.get("isenabled", True)) and settings.get("enabledstatus", "enabled") == "enabled"


def _mailbox_size(domain: dict, value) -> int:
    size = int(value or 0)
    if size < 0:
        raise Fail(INVALID_INPUT, "maxMailboxSize must not be negative (0 = the domain's maximum).")
    limit = count_limit(domain.get("max_mailbox_size_mb"))
    if limit and size == 0:
        return limit
    if limit and size > limit:
        raise Fail(
            LIMIT_REACHED,
            f"The mailbox size {size} MB exceeds the maximum mailbox size of domain '{domain['name']}' ({limit} MB).",
        )
    return size


def _clean_addresses(values, *, allow_empty: bool = True) -> list[str]:
    out: list[str] = []
    for raw in values or []:
        item = (raw or "").strip()
        if not item:
            continue
        if not is_email(item):
            raise Fail(INVALID_INPUT, f"Invalid email address: '{item}'.")
        if item.lower() not in {o.lower() for o in out}:
            out.append(item)
    if not out and not allow_empty:
        raise Fail(INVALID_INPUT, "At least one email address is required.")
    return out


def _split_list(text) -> list[str]:
    return [part for part in re.split(r"[,;\s]+", text or "") if part]


def _utc_naive(value) -> _dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return value


def _iso(value) -> str | None:
    value = _utc_naive(value)
    if value is None or value <= NEVER:
        return None
    return value.replace(microsecond=0).isoformat()


def _check_range(start, end) -> None:
    start, end = _utc_naive(start), _utc_naive(end)
    if start is not None and end is not None and start > end and end > NEVER:
        raise Fail(INVALID_INPUT, "The start date must not be after the end date.")


def record_login(ctx, user: dict) -> None:
    now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None, microsecond=0).isoformat()
    logins = extras(user)["logins"]
    logins.insert(0, now)
    del logins[MAX_LOGINS_KEPT:]
    ctx.store.save()  # a read operation: persisted here, not by the dispatcher


def _login(ctx, username: str, domain_name: str | None, password) -> None:
    """Raise LOGIN_FAILED unless the credentials are those of an enabled user of an enabled domain."""
    username = (username or "").strip()
    if domain_name is None:
        if "@" not in username:
            for admin in ctx.server["system_admins"]:
                if admin.get("username", "").lower() == username.lower() and admin.get("password") == password:
                    return
            raise Fail(LOGIN_FAILED, LOGIN_FAILED_MESSAGE)
        username, domain_name = username.rsplit("@", 1)
    domain = ctx.store.domain(domain_name)
    if domain is None or not domain["settings"].get("isenabled", True):
        raise Fail(LOGIN_FAILED, LOGIN_FAILED_MESSAGE)
    user = domain["users"].get(username.lower())
    if user is None or password is None or user.get("password") != password or not is_enabled(user):
        raise Fail(LOGIN_FAILED, LOGIN_FAILED_MESSAGE)
    record_login(ctx, user)


def _is_plain_user(ctx) -> bool:
    return ctx.principal is not None and ctx.principal.role == "user"


def _user_count_limit(domain: dict) -> None:
    limit = count_limit(domain["settings"].get("maxusers", 0))
    if limit and len(domain["users"]) >= limit:
        raise Fail(LIMIT_REACHED, f"Domain '{domain['name']}' has reached its maximum number of users ({limit}).")


def _name_free(domain: dict, name: str) -> None:
    if name in domain["users"]:
        raise Fail(ALREADY_EXISTS, f"User '{name}@{domain['name']}' already exists.")
    if name in domain["aliases"]:
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is already used by an alias of domain '{domain['name']}'.")
    if name in domain["mailing_lists"]:
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is already used by a mailing list of domain '{domain['name']}'.")
    command = (domain["settings"].get("listcommandaddress") or "").lower()
    if command and name == command:
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is the list command address of domain '{domain['name']}'.")


# --------------------------------------------------------------------------- users
def _add_user(ctx, p, max_size=None):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    name = local_part(ctx, domain, p.get("NewUsername"), "user")
    if not is_local_part(name):
        raise Fail(INVALID_INPUT, f"Invalid user name: '{name}'.")
    name = name.lower()
    _name_free(domain, name)
    _user_count_limit(domain)
    password = check_password(ctx, name, p.get("NewPassword"))
    size = _mailbox_size(domain, max_size)
    user = extras(
        new_user(name, password, p.get("FirstName") or "", p.get("LastName") or "", bool(p.get("IsDomainAdmin")))
    )
    user["settings"]["maxsize"] = size
    domain["users"][name] = user
    return {}


@operation(SVC, "AddUser", domain_param="DomainName")
def add_user(ctx, p):
    return _add_user(ctx, p, 0)


@operation(SVC, "AddUser2", domain_param="DomainName")
def add_user2(ctx, p):
    return _add_user(ctx, p, p.get("maxMailboxSize"))


def _update_user(ctx, p, max_size=None):
    domain, user = user_by_address(ctx, p.get("EmailAddress"))
    password = p.get("NewPassword")
    if password:  # blank / absent keeps the current password
        if password != user["password"]:
            user["password"] = check_password(ctx, user["username"], password)
    if "NewFirstName" in p and p.get("NewFirstName") is not None:
        user["first_name"] = p.get("NewFirstName")
    if "NewLastName" in p and p.get("NewLastName") is not None:
        user["last_name"] = p.get("NewLastName")
    if "IsDomainAdmin" in p and p.get("IsDomainAdmin") is not None:
        admin = bool(p.get("IsDomainAdmin"))
        if not admin and domain["primary_admin"] == user["username"]:
            raise Fail(
                CONFLICT, f"'{address(domain, user)}' is the primary domain administrator and stays an administrator."
            )
        user["is_domain_admin"] = admin
    if max_size is not None:
        user["settings"]["maxsize"] = _mailbox_size(domain, max_size)
    return {}


@operation(SVC, "UpdateUser", domain_param="EmailAddress")
def update_user(ctx, p):
    return _update_user(ctx, p)


@operation(SVC, "UpdateUser2", domain_param="EmailAddress")
def update_user2(ctx, p):
    return _update_user(ctx, p, p.get("maxMailboxSize"))


@operation(SVC, "DeleteUser", domain_param="DomainName")
def delete_user(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    user = user_in_domain(ctx, domain, p.get("Username"))
    name = user["username"]
    if domain["primary_admin"] == name:
        raise Fail(CONFLICT, f"'{name}@{domain['name']}' is the primary domain administrator and cannot be deleted.")
    if ctx.principal is not None and ctx.principal.role != "system" and ctx.principal.username.lower() == name:
        raise Fail(CONFLICT, "A user cannot delete the account it is logged in with.")
    del domain["users"][name]
    for group in _groups(domain).values():
        group["members"] = [m for m in group["members"] if m != name]
    return {}


@operation(SVC, "GetUser", domain_param="EmailAddress", access="user")
def get_user(ctx, p):
    raw = (p.get("EmailAddress") or "").strip()
    if "@" not in raw and ctx.principal is not None and ctx.principal.role == "system":
        for admin in ctx.server["system_admins"]:
            if admin.get("username", "").lower() == raw.lower():
                info = {
                    "UserName": admin["username"],
                    "Password": admin.get("password", ""),
                    "FirstName": "",
                    "LastName": "",
                    "IsSystemAdmin": True,
                    "IsDomainAdmin": False,
                }
                return {"UserInfo": info}
    domain, user = user_by_address(ctx, raw)
    return {"UserInfo": user_info(domain, user)}


@operation(SVC, "GetUsers", domain_param="DomainName")
def get_users(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    return {"Users": [user_info(domain, domain["users"][k]) for k in sorted(domain["users"])]}


@operation(SVC, "AuthenticateUser", access="public")
def authenticate_user(ctx, p):
    domain_name = (p.get("DomainName") or "").strip()
    username = (p.get("UserName") or "").strip()
    if "@" in username:
        username, given = username.rsplit("@", 1)
        if domain_name and given.lower() != domain_name.lower():
            raise Fail(LOGIN_FAILED, LOGIN_FAILED_MESSAGE)
        domain_name = domain_name or given
    if not domain_name or not username:
        raise Fail(LOGIN_FAILED, LOGIN_FAILED_MESSAGE)
    _login(ctx, username, domain_name, p.get("Password"))
    return {}


@operation(SVC, "LoginValidated", access="public")
def login_validated(ctx, p):
    _login(ctx, p.get("Username"), None, p.get("Password"))
    return {"LoginValidated": True}


# ------------------------------------------------------------------------ settings
def _format_user_setting(model: SettingsModel, user: dict, key: str) -> str:
    spec = model.spec(key)
    if spec.key == "password":
        value = user["password"]
    elif spec.key == "isdomainadmin":
        value = bool(user["is_domain_admin"])
    elif spec.key == "forwardaddress":
        value = ",".join(user["forwarding"]["addresses"])
    else:
        value = user["settings"].get(spec.key, spec.default)
    if isinstance(spec.type, tuple) and isinstance(value, str):
        value = value.lower()
    return f"{spec.key}={model.format_value(value)}"


@operation(SVC, "GetRequestedUserSettings", domain_param="EmailAddress", access="user")
def get_requested_user_settings(ctx, p):
    _domain, user = user_by_address(ctx, p.get("EmailAddress"))
    model = user_model(ctx)
    keys = [k for k in (p.get("requestedSettings") or []) if k is not None and k.strip()] or model.keys()
    try:
        return {"settingValues": [_format_user_setting(model, user, k) for k in keys]}
    except SettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None


def _validate_user_value(key: str, value):
    if key == "calendarautocleanmonths":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise Fail(
                INVALID_INPUT, f"Invalid value '{value}' for setting '{key}': expected an integer >= -2."
            ) from None
        if number < -2:
            raise Fail(INVALID_INPUT, f"Invalid value '{value}' for setting '{key}': expected an integer >= -2.")
        return str(number)
    if key == "servicelevelmap" and not 0 <= value <= 31:
        raise Fail(INVALID_INPUT, f"Invalid value '{value}' for setting '{key}': expected 0-31 (a bitmap).")
    if key in ("backupemailaddress", "replytoaddress") and value and not is_email(value):
        raise Fail(INVALID_INPUT, f"Invalid value '{value}' for setting '{key}': expected an email address.")
    return value


@operation(SVC, "SetRequestedUserSettings", domain_param="EmailAddress", access="user")
def set_requested_user_settings(ctx, p):
    domain, user = user_by_address(ctx, p.get("EmailAddress"))
    model = user_model(ctx)
    try:
        values = model.parse_pairs(p.get("newSettings"))
    except SettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None
    if _is_plain_user(ctx):
        denied = sorted(set(values) & PRIVILEGED_KEYS)
        if denied:
            raise Fail(NO_PERMISSION, f"Permission denied: users may not change {', '.join(denied)}.")
        locked = user["settings"].get("lockpassword") or user["settings"].get("passwordlocked")
        if "password" in values and locked:
            raise Fail(NO_PERMISSION, "Permission denied: the password of this account is locked.")
    for key in list(values):
        values[key] = _validate_user_value(key, values[key])
    if "password" in values and values["password"] != user["password"]:
        check_password(ctx, user["username"], values["password"])
    if "maxsize" in values:
        values["maxsize"] = _mailbox_size(domain, values["maxsize"])
    if values.get("isdomainadmin") is False and domain["primary_admin"] == user["username"]:
        raise Fail(
            CONFLICT, f"'{address(domain, user)}' is the primary domain administrator and stays an administrator."
        )
    addresses = _clean_addresses(_split_list(values["forwardaddress"])) if "forwardaddress" in values else []
    # all validated: apply
    for key, value in values.items():
        if key == "password":
            user["password"] = value
        elif key == "isdomainadmin":
            user["is_domain_admin"] = value
        elif key == "forwardaddress":
            user["forwarding"]["addresses"] = addresses
        else:
            user["settings"][key] = value
    if "isenabled" in values and "enabledstatus" not in values:
        user["settings"]["enabledstatus"] = "enabled" if values["isenabled"] else "disabled"
    elif "enabledstatus" in values and "isenabled" not in values:
        user["settings"]["isenabled"] = values["enabledstatus"] == "enabled"
    return {}


# ---------------------------------------------------------------------- forwarding
@operation(SVC, "GetUserForwardingInfo", domain_param="EmailAddress", access="user")
def get_user_forwarding_info(ctx, p):
    fwd = user_by_address(ctx, p.get("EmailAddress"))[1]["forwarding"]
    return {"DeleteOnForward": fwd["delete_on_forward"], "ForwardingAddress": ",".join(fwd["addresses"])}


@operation(SVC, "GetUserForwardingInfo2", domain_param="EmailAddress", access="user")
def get_user_forwarding_info2(ctx, p):
    fwd = user_by_address(ctx, p.get("EmailAddress"))[1]["forwarding"]
    return {"DeleteOnForward": fwd["delete_on_forward"], "ForwardingAddresses": list(fwd["addresses"])}


def _set_forwarding(user: dict, delete_on_forward, addresses: list[str]) -> None:
    if delete_on_forward and not addresses:
        raise Fail(INVALID_INPUT, "DeleteOnForward needs at least one forwarding address.")
    user["forwarding"] = {"delete_on_forward": bool(delete_on_forward), "addresses": addresses}


@operation(SVC, "UpdateUserForwardingInfo", domain_param="EmailAddress", access="user")
def update_user_forwarding_info(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    _set_forwarding(user, p.get("DeleteOnForward"), _clean_addresses(_split_list(p.get("ForwardingAddress"))))
    return {}


@operation(SVC, "UpdateUserForwardingInfo2", domain_param="EmailAddress", access="user")
def update_user_forwarding_info2(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    _set_forwarding(user, p.get("DeleteOnForward"), _clean_addresses(p.get("ForwardingAddresses")))
    return {}


# ------------------------------------------------------------------ auto-responder
def _auto_response(user: dict) -> dict:
    ar = user["auto_response"]
    start, end = ar.get("start_utc"), ar.get("end_utc")
    return {
        "Enabled": bool(ar["enabled"]),
        "Subject": ar["subject"],
        "Body": ar["body"],
        "StartTimeUTC": start,
        "EndTimeUTC": end,
        "UseTimes": bool(start and end),
    }


@operation(SVC, "GetUserAutoResponseInfo", domain_param="EmailAddress", access="user")
def get_user_auto_response_info(ctx, p):
    return _auto_response(user_by_address(ctx, p.get("EmailAddress"))[1])


@operation(SVC, "GetUserAutoResponseInfo2", domain_param="EmailAddress", access="user")
def get_user_auto_response_info2(ctx, p):
    return _auto_response(user_by_address(ctx, p.get("EmailAddress"))[1])


def _set_auto_response(user: dict, p, start=None, end=None) -> None:
    enabled = bool(p.get("Enabled"))
    subject = p.get("Subject") or ""
    body = p.get("Body") or ""
    if enabled and not (subject.strip() or body.strip()):
        raise Fail(INVALID_INPUT, "An enabled auto-responder needs a subject or a body.")
    _check_range(start, end)
    user["auto_response"] = {
        "enabled": enabled,
        "subject": subject,
        "body": body,
        "start_utc": _iso(start),
        "end_utc": _iso(end),
    }


@operation(SVC, "UpdateUserAutoResponseInfo", domain_param="EmailAddress", access="user")
def update_user_auto_response_info(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    _set_auto_response(user, p)
    return {}


@operation(SVC, "UpdateUserAutoResponseInfo2", domain_param="EmailAddress", access="user")
def update_user_auto_response_info2(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    _set_auto_response(user, p, p.get("StartDateUTC"), p.get("EndDateUTC"))
    return {}


# --------------------------------------------------------------------- user groups
def _groups(domain: dict) -> dict:
    return domain.setdefault("user_groups", {})


def _group_members(ctx, domain: dict, names) -> list[str]:
    out: list[str] = []
    for raw in names or []:
        if raw is None or not raw.strip():
            continue
        name = user_in_domain(ctx, domain, raw)["username"]
        if name not in out:
            out.append(name)
    return out


def _group_name(domain: dict, raw, exclude_id: int | None = None) -> str:
    name = (raw or "").strip()
    if not name:
        raise Fail(INVALID_INPUT, "A user group name is required.")
    for group in _groups(domain).values():
        if group["name"].lower() == name.lower() and group["id"] != exclude_id:
            raise Fail(ALREADY_EXISTS, f"User group '{name}' already exists in domain '{domain['name']}'.")
    return name


def _group(domain: dict, group_id) -> dict:
    group = _groups(domain).get(str(group_id))
    if group is None:
        raise Fail(NOT_FOUND, f"User group {group_id} does not exist in domain '{domain['name']}'.")
    return group


def _group_info(domain: dict, group: dict, include_names: bool = True) -> dict:
    names = [f"{m}@{domain['name']}" for m in group["members"]] if include_names else None
    return {"id": group["id"], "name": group["name"], "userNames": names}


@operation(SVC, "AddUserGroup", domain_param="DomainName")
def add_user_group(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    name = _group_name(domain, p.get("UserGroupName"))
    members = _group_members(ctx, domain, p.get("UserNames"))
    group_id = int(domain.get("next_user_group_id") or 1)
    domain["next_user_group_id"] = group_id + 1
    _groups(domain)[str(group_id)] = {"id": group_id, "name": name, "members": members}
    return {}


@operation(SVC, "UpdateUserGroup", domain_param="DomainName")
def update_user_group(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    group = _group(domain, p.get("UserGroupID"))
    group["name"] = _group_name(domain, p.get("UserGroupName"), exclude_id=group["id"])
    group["members"] = _group_members(ctx, domain, p.get("UserNames"))
    return {}


@operation(SVC, "RemoveUserGroup", domain_param="DomainName")
def remove_user_group(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    group = _group(domain, p.get("UserGroupID"))
    del _groups(domain)[str(group["id"])]
    return {}


@operation(SVC, "GetUserGroup", domain_param="DomainName")
def get_user_group(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    return {"UserGroup": _group_info(domain, _group(domain, p.get("UserGroupID")))}


@operation(SVC, "GetUserGroupsByDomain", domain_param="DomainName")
def get_user_groups_by_domain(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    groups = sorted(_groups(domain).values(), key=lambda g: g["id"])
    return {"UserGroups": [_group_info(domain, g) for g in groups]}


@operation(SVC, "GetUserGroupsByUser", domain_param="DomainName")
def get_user_groups_by_user(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    name = user_in_domain(ctx, domain, p.get("UserName"))["username"]
    include = bool(p.get("IncludeUserNames"))
    groups = sorted((g for g in _groups(domain).values() if name in g["members"]), key=lambda g: g["id"])
    return {"UserGroups": [_group_info(domain, g, include) for g in groups]}


# ---------------------------------------------------------------------- ActiveSync
@operation(SVC, "ToggleActiveSync", domain_param="EmailAddress")
def toggle_active_sync(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    user["activesync"] = bool(p.get("Enabled"))  # domain limits are NOT enforced (seed)
    return {}


@operation(SVC, "IsUserEnabledForActiveSync", domain_param="EmailAddress", access="user")
def is_user_enabled_for_active_sync(ctx, p):
    return {"Enabled": bool(user_by_address(ctx, p.get("EmailAddress"))[1]["activesync"])}


def _activesync_users(domain: dict) -> list[dict]:
    return [extras(domain["users"][k]) for k in sorted(domain["users"]) if extras(domain["users"][k])["activesync"]]


@operation(SVC, "GetActiveSyncUsers", domain_param="DomainName")
def get_active_sync_users(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    users = _activesync_users(domain)
    return {"Usernames": [address(domain, u) for u in users], "UserCount": len(users)}


@operation(SVC, "GetActiveSyncUsers2", domain_param="DomainName")
def get_active_sync_users2(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    users = _activesync_users(domain)
    out = []
    for user in users:
        devices = [
            {
                "DeviceId": d.get("device_id", ""),
                "LastSyncUtc": d.get("last_sync_utc") or None,
                "Name": d.get("name", ""),
                "UserAgent": d.get("user_agent", ""),
            }
            for d in user["activesync_devices"]
        ]
        out.append({"Username": address(domain, user), "Devices": devices})
    return {"Users": out, "UserCount": len(users)}


# ------------------------------------------------------------------------ RSS feeds
@operation(SVC, "AddRSSFeed", domain_param="EmailAddress", access="user")
def add_rss_feed(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    url = (p.get("rssUrl") or "").strip()
    if not re.match(r"^https?://[^\s/]+", url, re.I):
        raise Fail(INVALID_INPUT, f"Invalid RSS feed URL: '{url}'.")
    name = (p.get("rssName") or "").strip() or url
    folder = (p.get("rssFolder") or "").strip() or "RSS Feeds"
    if any(f["url"].lower() == url.lower() for f in user["rss_feeds"]):
        raise Fail(ALREADY_EXISTS, f"The RSS feed '{url}' already exists for this user.")
    user["rss_feeds"].append({"uid": new_uuid(), "name": name, "url": url, "folder": folder})
    return {}


@operation(SVC, "DeleteRSSFeed", domain_param="EmailAddress", access="user")
def delete_rss_feed(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    uid = (p.get("UID") or "").strip().lower()
    feeds = [f for f in user["rss_feeds"] if f["uid"].lower() != uid]
    if len(feeds) == len(user["rss_feeds"]):
        raise Fail(NOT_FOUND, f"RSS feed '{uid}' does not exist.")
    user["rss_feeds"] = feeds
    return {}


@operation(SVC, "ListRSSFeeds", domain_param="EmailAddress", access="user")
def list_rss_feeds(ctx, p):
    user = user_by_address(ctx, p.get("EmailAddress"))[1]
    folders: list[str] = []
    for feed in user["rss_feeds"]:
        if feed["folder"] not in folders:
            folders.append(feed["folder"])
    return {"RSSFeeds": [dict(f) for f in user["rss_feeds"]], "Folders": folders}


# --------------------------------------------------------------- quotas, statistics
@operation(SVC, "GetUserQuotas", domain_param="DomainName")
def get_user_quotas(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    out = []
    for key in sorted(domain["users"]):
        user = domain["users"][key]
        size_mb = int((user.get("settings") or {}).get("maxsize") or 0)
        out.append({"UserName": address(domain, user), "MaxSpace": size_mb * 1024 * 1024, "CurrentSpace": 0})
    return {"Users": out}


@operation(SVC, "GetUserStats", domain_param="EmailAddress", access="user")
def get_user_stats(ctx, p):
    user_by_address(ctx, p.get("EmailAddress"))
    _check_range(p.get("Start"), p.get("End"))
    return {"MessagesReceived": 0, "MessagesSent": 0, "BytesReceived": 0, "BytesSent": 0, "BytesSize": 0}


# ------------------------------------------------------------------------- logins
@operation(SVC, "GetLastLoginTimes", domain_param="EmailAddress", access="user")
def get_last_login_times(ctx, p):
    domain, user = user_by_address(ctx, p.get("EmailAddress"))
    start, end = _utc_naive(p.get("DateStart")), _utc_naive(p.get("DateEnd"))
    _check_range(start, end)
    times = []
    for stamp in user["logins"]:
        when = _utc_naive(stamp)
        if when is None or (start is not None and when < start) or (end is not None and end > NEVER and when > end):
            continue
        times.append(when)
    who = address(domain, user)
    return {
        "lastLogins": [t.isoformat() for t in times],
        "lastUserLogins": [{"UserName": who, "LoginTime": t} for t in times],
    }


@operation(SVC, "GetInactiveUsers")
def get_inactive_users(ctx, p):
    since = _utc_naive(p.get("date"))
    if since is None:
        raise Fail(INVALID_INPUT, "A date is required.")
    emails, last = [], []
    for dkey in sorted(ctx.domains):
        domain = ctx.domains[dkey]
        for ukey in sorted(domain["users"]):
            user = domain["users"][ukey]
            latest = max((_utc_naive(s) for s in user.get("logins") or [] if _utc_naive(s)), default=None)
            if latest is None or latest < since:
                emails.append(address(domain, user))
                last.append(latest or NEVER)
    return {"EmailAddress": emails, "LastLogin": last}


# ------------------------------------------------------------- mailbox migration
def _queue(ctx) -> list:
    return ctx.server.setdefault("migration_queue", [])


def _migration_params(ctx, items) -> dict:
    known = {k.upper() for k in ctx.catalog.settings_key_names("mailbox_migration")}
    values: dict[str, str] = {}
    for item in items or []:
        if item is None or not item.strip():
            continue
        if "=" not in item:
            raise Fail(INVALID_INPUT, f"Invalid parameter '{item}': expected KEY=value.")
        key, value = item.split("=", 1)
        key = key.strip().upper()
        if key not in known:
            raise Fail(INVALID_INPUT, f"Unknown parameter key: '{key}' (expected one of {', '.join(sorted(known))}).")
        values[key] = value.strip()
    return values


@operation(SVC, "QueueMailBoxMigration")
def queue_mailbox_migration(ctx, p):
    values = _migration_params(ctx, p.get("parameters"))
    destination = values.get("DESTINATION", "")
    if not destination:
        raise Fail(INVALID_INPUT, "DESTINATION is required.")
    domain, user = user_by_address(ctx, destination)
    kind = values.get("IMPORTTYPE", "").lower()
    if kind not in IMPORT_TYPES:
        raise Fail(
            INVALID_INPUT,
            f"Invalid IMPORTTYPE '{values.get('IMPORTTYPE', '')}': expected one of {', '.join(IMPORT_TYPES)}.",
        )
    items = [i.strip().lower() for i in values.get("IMPORTITEMS", "email").split(",") if i.strip()]
    bad = [i for i in items if i not in IMPORT_ITEMS]
    if bad or not items:
        raise Fail(
            INVALID_INPUT,
            f"Invalid IMPORTITEMS '{values.get('IMPORTITEMS', '')}': expected some of {', '.join(IMPORT_ITEMS)}.",
        )
    if kind == "gmail" and {"calendar", "contacts"} & set(items):
        raise Fail(INVALID_INPUT, "Migrating gmail calendar and contacts can not be queued.")
    for key in ("USESSL", "DELETECURRENTMAILBOX"):
        if key in values and values[key].lower() not in ("true", "false"):
            raise Fail(INVALID_INPUT, f"Invalid {key} '{values[key]}': expected true or false.")
    if "PORT" in values:
        if not values["PORT"].isdigit() or not 1 <= int(values["PORT"]) <= 65535:
            raise Fail(INVALID_INPUT, f"Invalid PORT '{values['PORT']}' (expected 1-65535).")
    if kind not in ("hotmail", "yahoo", "gmail") and not values.get("SERVERADDRESS"):
        raise Fail(INVALID_INPUT, f"SERVERADDRESS is required for IMPORTTYPE '{kind}'.")
    item_id = new_uuid()
    stored = {k: v for k, v in values.items() if k != "PASSWORD"}
    stored["IMPORTITEMS"] = ",".join(items)
    _queue(ctx).append(
        {
            "id": item_id,
            "email": address(domain, user),
            "status": "Queued",
            "parameters": stored,
            "has_password": bool(values.get("PASSWORD")),
        }
    )
    return {"KeyValuePairs": [f"ID={item_id}", "STATUS=Queued"]}


@operation(SVC, "GetMigrationStatus")
def get_migration_status(ctx, p):
    return [{"ID": item["id"], "emailAddress": item["email"], "status": item["status"]} for item in _queue(ctx)]


@operation(SVC, "RemoveFromMigrationQueue")
def remove_from_migration_queue(ctx, p):
    item_id = (p.get("itemID") or "").lower()
    queue = _queue(ctx)
    remaining = [i for i in queue if i["id"].lower() != item_id]
    if len(remaining) == len(queue):
        raise Fail(NOT_FOUND, f"Migration item {item_id} is not in the queue.")
    queue[:] = remaining
    return None

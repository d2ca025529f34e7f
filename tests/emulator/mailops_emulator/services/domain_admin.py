# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcDomainAdmin: domains, their settings and limits, defaults, forwarding blocks, DKIM.

A domain's settings live in ``domains[d]["settings"]`` keyed by the catalog's ``domain`` settings
keys (typed values: bool/int/str); the typed parameters of AddDomain/UpdateDomain and the fields of
DomainSettingsResult map onto those keys (``MaxDomainSizeInMB`` <-> ``maxsize`` which the seed
documents in KB: ``maxsize = MB * 1024``). ``isenabled`` and ``catchall`` are settings too, so
Enable/DisableDomain and svcAliasAdmin.SetCatchAll are visible through GetRequestedDomainSettings.
New domains start from the server's domain defaults (``server.domain_defaults``, keys
``default<key>``). AddDomain/AddDomainEx create the primary domain administrator as a user of the
domain. Statistics are always zero (no mail flows through the emulator).

Domain administrators may call the read operations for their own domain (GetDomainSettings,
GetDomainInfo*, GetDomainCounts, GetDomainUsers, GetDomainStatistics, GetPrimaryDomainAdmin,
GetRequestedDomainSettings, GetDKIMCert, GetDomainKeysCert, GetAllDomainUsersWithProperties);
everything else is for system administrators.
"""

from __future__ import annotations

import ipaddress
import re

from ..registry import operation
from ..results import ALREADY_EXISTS, CONFLICT, INVALID_INPUT, NOT_FOUND, Fail
from ..settings import SettingError, domain_key_for_default
from ..state import new_user
from ..validate import is_local_part, require_domain_name, require_ip
from ._common import domain_or_fail, local_part, name_in_use
from . import _keys

SVC = "svcDomainAdmin"
DEFAULT_ROOT = "C:\\SmarterMail\\Domains"

# typed parameter / DomainSettingsResult field -> domain settings key
FIELD_KEYS = {
    "ServerIP": "serverip",
    "IP": "serverip",
    "ImapPort": "imapport",
    "PopPort": "popport",
    "SmtpPort": "smtpport",
    "MaxAliases": "maxaliases",
    "MaxDomainUsers": "maxusers",
    "MaxMessageSize": "maxmessagesize",
    "MaxRecipients": "maxrecipients",
    "MaxDomainAliases": "maxdomainaliases",
    "MaxLists": "maxlists",
    "ShowDomainAliasMenu": "showdomainaliasmenu",
    "ShowContentFilteringMenu": "showcontentfilteringmenu",
    "ShowSpamMenu": "showspammenu",
    "RequireSmtpAuthentication": "requiresmtpauthentication",
    "ShowListMenu": "showlistmenu",
    "ListCommandAddress": "listcommandaddress",
}
PORT_FIELDS = {"ImapPort", "PopPort", "SmtpPort"}
_SELECTOR_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}))*$")
DKIM_KEY_SIZES = (512, 768, 1024, 1536, 2048)


# ----------------------------------------------------------------------------- helpers
def default_domain_settings(ctx) -> dict:
    """A new domain's settings: the model's defaults overlaid with the server's domain defaults."""
    model = ctx.emulator.domain_settings
    values = model.defaults()
    for dkey, value in ctx.server["domain_defaults"].items():
        key = domain_key_for_default(dkey)
        if key and key in model.specs and key not in ("isenabled", "catchall"):
            values[key] = value
    values["isenabled"] = True
    values["catchall"] = ""
    return values


def _check_port(value, what: str) -> int:
    if value is None or not 1 <= int(value) <= 65535:
        raise Fail(INVALID_INPUT, f"Invalid {what}: {value} (expected 1-65535).")
    return int(value)


def _check_count(value, what: str) -> int:
    if value is None or int(value) < 0:
        raise Fail(INVALID_INPUT, f"{what} must not be negative (0 = unlimited).")
    return int(value)


def apply_typed(domain: dict, p) -> None:
    """Apply AddDomain/UpdateDomain's typed parameters that are present to ``domain``."""
    settings = domain["settings"]
    for field, key in FIELD_KEYS.items():
        if field not in p:
            continue
        value = p.get(field)
        if field in ("ServerIP", "IP"):
            settings[key] = require_ip(value, "IP address", allow_blank=True)
        elif field in PORT_FIELDS:
            settings[key] = _check_port(value, field)
        elif field == "ListCommandAddress":
            value = (value or "").strip()
            if value and not is_local_part(value):
                raise Fail(INVALID_INPUT, f"Invalid list command address: '{value}'.")
            if value:
                settings[key] = value.lower()
        elif field.startswith("Max"):
            settings[key] = _check_count(value, field)
        else:
            settings[key] = bool(value)
    if "MaxDomainSizeInMB" in p:
        settings["maxsize"] = _check_count(p.get("MaxDomainSizeInMB"), "MaxDomainSizeInMB") * 1024
    if "MaxMailboxSizeInMB" in p:
        domain["max_mailbox_size_mb"] = _check_count(p.get("MaxMailboxSizeInMB"), "MaxMailboxSizeInMB")
    if "ShowStatsMenu" in p:
        domain["show_stats_menu"] = bool(p.get("ShowStatsMenu"))


def settings_result(settings: dict, path: str, max_mailbox_mb: int, show_stats: bool) -> dict:
    out = {field: settings.get(key) for field, key in FIELD_KEYS.items() if field != "IP"}
    out["Path"] = path
    out["MaxDomainSizeInMB"] = int(settings.get("maxsize") or 0) // 1024
    out["MaxMailboxSizeInMB"] = max_mailbox_mb
    out["ShowStatsMenu"] = show_stats
    return out


def _create_domain(ctx, p, *, typed: bool) -> dict:
    name = require_domain_name(p.get("DomainName"))
    why = name_in_use(ctx, name)
    if why:
        raise Fail(ALREADY_EXISTS, why)
    admin = (p.get("PrimaryDomainAdminUserName") or "").strip()
    if "@" in admin:
        local, dom = admin.rsplit("@", 1)
        if dom.lower() != name:
            raise Fail(INVALID_INPUT, f"The primary domain admin '{admin}' must belong to domain '{name}'.")
        admin = local
    if not is_local_part(admin):
        raise Fail(INVALID_INPUT, f"Invalid primary domain admin user name: '{admin}'.")
    password = p.get("PrimaryDomainAdminPassword") or ""
    if not password:
        raise Fail(INVALID_INPUT, "The primary domain admin password is required.")
    path = (p.get("Path") or "").strip() or f"{DEFAULT_ROOT}\\{name}"
    domain = {
        "name": name,
        "path": path,
        "primary_admin": admin.lower(),
        "max_mailbox_size_mb": 0,
        "show_stats_menu": False,
        "settings": default_domain_settings(ctx),
        "users": {},
        "aliases": {},
        "domain_aliases": [],
        "mailing_lists": {},
        "dkim": None,
        "domainkeys": None,
        "archive_rule": None,
    }
    if typed:
        apply_typed(domain, p)
    else:
        domain["settings"]["serverip"] = require_ip(p.get("IP"), "IP address", allow_blank=True)
    domain["users"][admin.lower()] = new_user(
        admin.lower(),
        password,
        p.get("PrimaryDomainAdminFirstName") or "",
        p.get("PrimaryDomainAdminLastName") or "",
        is_domain_admin=True,
    )
    ctx.domains[name] = domain
    return domain


def _rename(ctx, old_name, new_name, new_path: str | None) -> None:
    domain = domain_or_fail(ctx, old_name)
    new = require_domain_name(new_name, "new domain name")
    old = domain["name"]
    if new == old:
        raise Fail(INVALID_INPUT, f"The new domain name is the same as the old one ('{old}').")
    why = name_in_use(ctx, new)
    if why:
        raise Fail(ALREADY_EXISTS, why)
    if new_path is None:
        path = domain["path"]
        if path.lower().endswith(old):
            path = path[: -len(old)] + new
    else:
        path = new_path.strip()
        if not path:
            raise Fail(INVALID_INPUT, "The new domain path is required.")
    del ctx.domains[old]
    domain["name"] = new
    domain["path"] = path
    ctx.domains[new] = domain
    for block in ctx.server["forwarding_blocks"]:
        block["domains"] = [new if d.lower() == old else d for d in block["domains"]]


def _key_size(value) -> int:
    if value not in DKIM_KEY_SIZES:
        raise Fail(INVALID_INPUT, f"Invalid key size {value}: expected one of {', '.join(map(str, DKIM_KEY_SIZES))}.")
    return int(value)


def _generate_key(ctx, p, slot: str) -> dict:
    domain = domain_or_fail(ctx, p.get("DomainName"))
    size = _key_size(p.get("KeySize"))
    selector = (p.get("selector") or "").strip()
    if not _SELECTOR_RE.match(selector):
        raise Fail(INVALID_INPUT, f"Invalid selector: '{selector}'.")
    private_key, public_key = _keys.generate(size)
    domain[slot] = {"selector": selector, "key_size": size, "private_key": private_key, "public_key": public_key}
    return {"privateKey": private_key, "publicKey": public_key, "selector": selector}


def _get_key(ctx, p, slot: str) -> dict:
    domain = domain_or_fail(ctx, p.get("DomainName"))
    cert = domain.get(slot)
    if not cert:
        return {}
    return {"privateKey": cert["private_key"], "publicKey": cert["public_key"], "selector": cert["selector"]}


def _forwarding_domains(values) -> list[str]:
    out: list[str] = []
    for raw in values or []:
        name = (raw or "").strip()
        if not name:
            continue
        name = require_domain_name(name)
        if name not in out:
            out.append(name)
    if not out:
        raise Fail(INVALID_INPUT, "A forwarding block needs at least one domain.")
    return out


def _target(value) -> str:
    value = (value or "").strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise Fail(INVALID_INPUT, f"Invalid target IP address: '{value}'.") from None


def _block_by_id(ctx, block_id) -> dict:
    for block in ctx.server["forwarding_blocks"]:
        if block["block_id"] == block_id:
            return block
    raise Fail(NOT_FOUND, f"Domain forwarding block {block_id} does not exist.")


def _block_by_target(ctx, target: str) -> dict:
    for block in ctx.server["forwarding_blocks"]:
        if block["target_address"] == target:
            return block
    raise Fail(NOT_FOUND, f"No domain forwarding block targets '{target}'.")


def _block_info(block: dict, include_domains: bool = True) -> dict:
    return {
        "blockID": block["block_id"],
        "targetAddress": block["target_address"],
        "domains": list(block["domains"]) if include_domains else None,
    }


def _zero_stats() -> dict:
    return {"MessagesReceived": 0, "MessagesSent": 0, "BytesReceived": 0, "BytesSent": 0, "BytesSize": 0}


def _check_range(p) -> None:
    start, end = p.get("StartDate"), p.get("EndDate")
    if start is not None and end is not None:
        try:
            if start > end:
                raise Fail(INVALID_INPUT, "StartDate must not be after EndDate.")
        except TypeError:  # naive vs aware datetimes
            pass


def _parse_settings(model, pairs) -> dict:
    try:
        return model.parse_pairs(pairs)
    except SettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None


def _format_settings(model, values: dict, keys) -> list[str]:
    try:
        return model.format_pairs(values, [k for k in (keys or []) if k is not None and k.strip()])
    except SettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None


def _validate_keys(model, keys) -> None:
    for key in keys or []:
        if key is not None and key.strip():
            try:
                model.spec(key)
            except SettingError as exc:
                raise Fail(INVALID_INPUT, str(exc)) from None


def _check_setting_values(ctx, domain: dict | None, values: dict) -> None:
    for key, value in values.items():
        if key.endswith("port") and isinstance(value, int):
            _check_port(value, key)
        elif key in ("serverip",):
            values[key] = require_ip(value, key, allow_blank=True)
        elif key == "listcommandaddress" and value and not is_local_part(value):
            raise Fail(INVALID_INPUT, f"Invalid value '{value}' for setting 'listcommandaddress'.")


# -------------------------------------------------------------------------- domains
@operation(SVC, "AddDomain")
def add_domain(ctx, p):
    _create_domain(ctx, p, typed=True)
    return {}


@operation(SVC, "AddDomainEx")
def add_domain_ex(ctx, p):
    _create_domain(ctx, p, typed=False)
    return {}


@operation(SVC, "DeleteDomain")
def delete_domain(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    del ctx.domains[domain["name"]]
    ctx.server["deleted_domains"].append(
        {"name": domain["name"], "path": domain["path"], "files_deleted": bool(p.get("DeleteFiles"))}
    )
    return {}


@operation(SVC, "EnableDomain")
def enable_domain(ctx, p):
    domain_or_fail(ctx, p.get("domainName"))["settings"]["isenabled"] = True
    return {}


@operation(SVC, "DisableDomain")
def disable_domain(ctx, p):
    domain_or_fail(ctx, p.get("domainName"))["settings"]["isenabled"] = False
    return {}


@operation(SVC, "UpdateDomain")
def update_domain(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    apply_typed(domain, p)
    return {}


@operation(SVC, "ReloadDomain")
def reload_domain(ctx, p):
    domain_or_fail(ctx, p.get("DomainName"))
    return {}


@operation(SVC, "RenameDomain")
def rename_domain(ctx, p):
    _rename(ctx, p.get("OldDomainName"), p.get("NewDomainName"), None)
    return {}


@operation(SVC, "UpdateDomainNameAndPath")
def update_domain_name_and_path(ctx, p):
    _rename(ctx, p.get("OldDomainName"), p.get("NewDomainName"), p.get("NewDomainPath") or "")
    return {}


@operation(SVC, "GetAllDomains")
def get_all_domains(ctx, p):
    return {"DomainNames": [ctx.domains[k]["name"] for k in sorted(ctx.domains)]}


@operation(SVC, "GetAllDomainsWithProperties")
def get_all_domains_with_properties(ctx, p):
    # GenericPropertyResult carries no payload in the catalog: validate the keys, answer Result.
    _validate_keys(ctx.emulator.domain_settings, p.get("PropertyKeys"))
    return {}


@operation(SVC, "GetAllDomainUsersWithProperties", domain_param="DomainName")
def get_all_domain_users_with_properties(ctx, p):
    domain_or_fail(ctx, p.get("DomainName"))
    return {}


@operation(SVC, "GetDomainInfo", domain_param="domainName")
def get_domain_info(ctx, p):
    domain = domain_or_fail(ctx, p.get("domainName"))
    return {"Path": domain["path"], "Name": domain["name"], "DomainName": domain["name"]}


@operation(SVC, "GetDomainInfo2", domain_param="domainName")
def get_domain_info2(ctx, p):
    domain = domain_or_fail(ctx, p.get("domainName"))
    return {
        "Path": domain["path"],
        "Name": domain["name"],
        "DomainName": domain["name"],
        "IsEnabled": domain["settings"].get("isenabled", True),
    }


@operation(SVC, "GetDomainSettings", domain_param="domainName")
def get_domain_settings(ctx, p):
    domain = domain_or_fail(ctx, p.get("domainName"))
    return settings_result(domain["settings"], domain["path"], domain["max_mailbox_size_mb"], domain["show_stats_menu"])


@operation(SVC, "GetDomainDefaults")
def get_domain_defaults(ctx, p):
    return settings_result(default_domain_settings(ctx), DEFAULT_ROOT, 0, False)


@operation(SVC, "GetDomainCounts", domain_param="DomainName")
def get_domain_counts(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    return {
        "Users": len(domain["users"]),
        "MailingLists": len(domain["mailing_lists"]),
        "Aliases": len(domain["aliases"]),
        "Size": 0,
    }


@operation(SVC, "GetDomainUsers", domain_param="DomainName")
def get_domain_users(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    names = sorted({*domain["users"], *domain["aliases"], *domain["mailing_lists"]})
    return {
        "Users": names,
        "DomainAliases": list(domain["domain_aliases"]),
        "CatchAll": bool(domain["settings"].get("catchall")),
    }


@operation(SVC, "GetDomainStatistics", domain_param="DomainName")
def get_domain_statistics(ctx, p):
    domain_or_fail(ctx, p.get("DomainName"))
    _check_range(p)
    return _zero_stats()


@operation(SVC, "GetAllDomainStatistics")
def get_all_domain_statistics(ctx, p):
    _check_range(p)
    return {"Stats": [{"DomainName": ctx.domains[k]["name"], **_zero_stats()} for k in sorted(ctx.domains)]}


# ------------------------------------------------------------------ primary admin
@operation(SVC, "GetPrimaryDomainAdmin", domain_param="DomainName")
def get_primary_domain_admin(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    return {"PrimaryAdmin": domain["primary_admin"]}


@operation(SVC, "SetPrimaryDomainAdmin")
def set_primary_domain_admin(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    name = local_part(ctx, domain, p.get("AdminUserName"), "user").lower()
    user = domain["users"].get(name)
    if user is None:
        raise Fail(NOT_FOUND, f"User '{name}' does not exist in domain '{domain['name']}'.")
    user["is_domain_admin"] = True
    domain["primary_admin"] = user["username"]
    return {}


# ------------------------------------------------------------------------ settings
@operation(SVC, "GetRequestedDomainSettings", domain_param="DomainName")
def get_requested_domain_settings(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    return {
        "settingValues": _format_settings(ctx.emulator.domain_settings, domain["settings"], p.get("requestedSettings"))
    }


@operation(SVC, "SetRequestedDomainSettings")
def set_requested_domain_settings(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    values = _parse_settings(ctx.emulator.domain_settings, p.get("newSettings"))
    _check_setting_values(ctx, domain, values)
    settings = domain["settings"]
    if "catchall" in values:
        name = local_part(ctx, domain, values["catchall"], "alias").lower()
        if name and name not in domain["aliases"]:
            raise Fail(NOT_FOUND, f"Alias '{name}' does not exist in domain '{domain['name']}'.")
        enabled = values.get("enablecatchalls", settings.get("enablecatchalls", True))
        if name and not enabled:
            raise Fail(CONFLICT, f"Catch-alls are disabled for domain '{domain['name']}' (setting enablecatchalls).")
        values["catchall"] = name
    elif values.get("enablecatchalls") is False:
        values["catchall"] = ""
    settings.update(values)
    return {}


@operation(SVC, "GetRequestedDomainDefaults")
def get_requested_domain_defaults(ctx, p):
    model = ctx.emulator.default_settings
    return {"settingValues": _format_settings(model, ctx.server["domain_defaults"], p.get("requestedSettings"))}


@operation(SVC, "SetRequestedDomainDefaults")
def set_requested_domain_defaults(ctx, p):
    values = _parse_settings(ctx.emulator.default_settings, p.get("newSettings"))
    _check_setting_values(ctx, None, {domain_key_for_default(k) or k: v for k, v in values.items()})
    ctx.server["domain_defaults"].update(values)
    return {}


@operation(SVC, "SetDomainArchiveRule")
def set_domain_archive_rule(ctx, p):
    known = {k.upper() for k in ctx.catalog.settings_key_names("domain_archive")} or {"DOMAIN", "PATH"}
    values: dict[str, str] = {}
    for item in p.get("parameters") or []:
        if item is None:
            continue
        if "=" not in item:
            raise Fail(INVALID_INPUT, f"Invalid parameter '{item}': expected KEY=value.")
        key, value = item.split("=", 1)
        key = key.strip().upper()
        if key not in known:
            raise Fail(INVALID_INPUT, f"Unknown parameter key: '{key}' (expected one of {', '.join(sorted(known))}).")
        values[key] = value.strip()
    domain = domain_or_fail(ctx, values.get("DOMAIN"))
    path = values.get("PATH", "")
    if not path:
        raise Fail(INVALID_INPUT, "PATH is required.")
    domain["archive_rule"] = {"path": path, "parameters": dict(values)}
    return {"settingValues": [f"{k}={v}" for k, v in values.items()]}


# --------------------------------------------------------------------- DKIM / DK
@operation(SVC, "GenerateDKIMCert")
def generate_dkim_cert(ctx, p):
    return _generate_key(ctx, p, "dkim")


@operation(SVC, "GetDKIMCert", domain_param="DomainName")
def get_dkim_cert(ctx, p):
    return _get_key(ctx, p, "dkim")


@operation(SVC, "GenerateDomainKeysCert")
def generate_domain_keys_cert(ctx, p):
    return _generate_key(ctx, p, "domainkeys")


@operation(SVC, "GetDomainKeysCert", domain_param="DomainName")
def get_domain_keys_cert(ctx, p):
    return _get_key(ctx, p, "domainkeys")


# ---------------------------------------------------------------- domain aliases (all)
@operation(SVC, "GetAllDomainAliases")
def get_all_domain_aliases(ctx, p):
    out = []
    for key in sorted(ctx.domains):
        dom = ctx.domains[key]
        out += [{"Name": alias, "DomainName": dom["name"]} for alias in dom["domain_aliases"]]
    return {"DomainAliases": out}


@operation(SVC, "GetAllDomainAliasesWithProperties")
def get_all_domain_aliases_with_properties(ctx, p):
    # GenericPropertyResult carries no payload in the catalog; the property keys of domain
    # aliases are not documented, so any list is accepted.
    return {}


# ------------------------------------------------------------------ forwarding blocks
@operation(SVC, "GetDomainForwarding")
def get_domain_forwarding(ctx, p):
    include = bool(p.get("includeDomains"))
    return {"blocks": [_block_info(b, include) for b in ctx.server["forwarding_blocks"]]}


@operation(SVC, "GetDomainForwardingBlock")
def get_domain_forwarding_block(ctx, p):
    return {"domainForwardBlock": _block_info(_block_by_id(ctx, p.get("blockID")))}


@operation(SVC, "GetDomainForwardingBlockByTargetAddress")
def get_domain_forwarding_block_by_target(ctx, p):
    return {"domainForwardBlock": _block_info(_block_by_target(ctx, _target(p.get("targetAddress"))))}


@operation(SVC, "AddDomainForwardingBlock")
def add_domain_forwarding_block(ctx, p):
    target = _target(p.get("targetAddress"))
    domains = _forwarding_domains(p.get("domains"))
    if any(b["target_address"] == target for b in ctx.server["forwarding_blocks"]):
        raise Fail(ALREADY_EXISTS, f"A domain forwarding block for '{target}' already exists.")
    block_id = ctx.server["next_forwarding_block_id"]
    ctx.server["next_forwarding_block_id"] = block_id + 1
    ctx.server["forwarding_blocks"].append({"block_id": block_id, "target_address": target, "domains": domains})
    return {}


@operation(SVC, "SetDomainForwardingBlock")
def set_domain_forwarding_block(ctx, p):
    block = _block_by_id(ctx, p.get("blockID"))
    target = _target(p.get("targetAddress"))
    domains = _forwarding_domains(p.get("domains"))
    if any(b is not block and b["target_address"] == target for b in ctx.server["forwarding_blocks"]):
        raise Fail(ALREADY_EXISTS, f"A domain forwarding block for '{target}' already exists.")
    block["target_address"] = target
    block["domains"] = domains
    return {}


@operation(SVC, "SetDomainForwardingBlockByTargetAddress")
def set_domain_forwarding_block_by_target(ctx, p):
    block = _block_by_target(ctx, _target(p.get("targetAddress")))
    block["domains"] = _forwarding_domains(p.get("domains"))
    return {}


@operation(SVC, "DeleteDomainForwardingBlock")
def delete_domain_forwarding_block(ctx, p):
    block = _block_by_id(ctx, p.get("blockID"))
    ctx.server["forwarding_blocks"].remove(block)
    return {}


@operation(SVC, "DeleteDomainForwardBlockByTargetAddress")
def delete_domain_forward_block_by_target(ctx, p):
    block = _block_by_target(ctx, _target(p.get("targetAddress")))
    ctx.server["forwarding_blocks"].remove(block)
    return {}

# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcAliasAdmin: user aliases of a domain (an alias name resolving to a list of addresses).

Rules: names are stored lower-case and may be given bare or as ``alias@domain``; an alias name
may not be taken by a user or a mailing list; every address must be a valid e-mail address (at
least one); ``maxaliases`` (MaxAliases, 0 = unlimited) is enforced on add; the catch-all is the
domain setting ``catchall`` (an alias name, blank = none) and needs ``enablecatchalls``;
deleting the catch-all alias clears it. GetAlias on a missing alias answers Result=true with an
AliasInfo named ``Empty`` and no addresses, as real servers do.
"""

from __future__ import annotations

from ..registry import operation
from ..results import ALREADY_EXISTS, CONFLICT, INVALID_INPUT, LIMIT_REACHED, NOT_FOUND, Fail
from ..validate import is_email, is_local_part
from ._common import count_limit, domain_or_fail, local_part

SVC = "svcAliasAdmin"


def _alias_name(ctx, domain: dict, raw) -> str:
    name = local_part(ctx, domain, raw, "alias")
    if not is_local_part(name):
        raise Fail(INVALID_INPUT, f"Invalid alias name: '{name}'.")
    return name.lower()


def clean_addresses(addresses) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for raw in addresses or []:
        address = (raw or "").strip()
        if not address:
            continue
        if not is_email(address):
            raise Fail(INVALID_INPUT, f"Invalid email address: '{address}'.")
        if address.lower() not in seen:
            seen.add(address.lower())
            out.append(address)
    if not out:
        raise Fail(INVALID_INPUT, "An alias must resolve to at least one email address.")
    return out


def _existing(ctx, domain: dict, raw) -> tuple[str, dict]:
    name = _alias_name(ctx, domain, raw)
    alias = domain["aliases"].get(name)
    if alias is None:
        raise Fail(NOT_FOUND, f"Alias '{name}' does not exist in domain '{domain['name']}'.")
    return name, alias


def alias_info(alias: dict) -> dict:
    return {"Name": alias["name"], "Addresses": list(alias["addresses"])}


@operation(SVC, "AddAlias", domain_param="DomainName")
def add_alias(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    name = _alias_name(ctx, domain, p.get("AliasName"))
    if name in domain["aliases"]:
        raise Fail(ALREADY_EXISTS, f"Alias '{name}' already exists in domain '{domain['name']}'.")
    if name in domain["users"]:
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is already used by a user of domain '{domain['name']}'.")
    if name in domain["mailing_lists"]:
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is already used by a mailing list of domain '{domain['name']}'.")
    limit = count_limit(domain["settings"].get("maxaliases", 0))
    if limit and len(domain["aliases"]) >= limit:
        raise Fail(LIMIT_REACHED, f"Domain '{domain['name']}' has reached its maximum number of aliases ({limit}).")
    domain["aliases"][name] = {"name": name, "addresses": clean_addresses(p.get("Addresses"))}
    return {}


@operation(SVC, "UpdateAlias", domain_param="DomainName")
def update_alias(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    alias = _existing(ctx, domain, p.get("AliasName"))[1]
    alias["addresses"] = clean_addresses(p.get("Addresses"))
    return {}


@operation(SVC, "DeleteAlias", domain_param="DomainName")
def delete_alias(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    name = _existing(ctx, domain, p.get("AliasName"))[0]
    del domain["aliases"][name]
    if (domain["settings"].get("catchall") or "").lower() == name:
        domain["settings"]["catchall"] = ""
    return {}


@operation(SVC, "GetAlias", domain_param="DomainName")
def get_alias(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    name = _alias_name(ctx, domain, p.get("AliasName"))
    alias = domain["aliases"].get(name)
    if alias is None:
        return {"AliasInfo": {"Name": "Empty", "Addresses": None}}
    return {"AliasInfo": alias_info(alias)}


@operation(SVC, "GetAliases", domain_param="DomainName")
def get_aliases(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    return {"AliasInfos": [alias_info(domain["aliases"][k]) for k in sorted(domain["aliases"])]}


@operation(SVC, "SetCatchAll", domain_param="DomainName")
def set_catch_all(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    raw = (p.get("AliasName") or "").strip()
    if not raw:
        domain["settings"]["catchall"] = ""
        return {}
    name = _existing(ctx, domain, raw)[0]
    if not domain["settings"].get("enablecatchalls", True):
        raise Fail(CONFLICT, f"Catch-alls are disabled for domain '{domain['name']}' (setting enablecatchalls).")
    domain["settings"]["catchall"] = name
    return {}
